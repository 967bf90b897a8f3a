"""Everything one export writes for an evaluation: the workbook, and optionally the CSV
files, the JSON document and the briefing pack.

The window's export dialog decides the targets (their names are in the UI's language) and
runs :func:`write_outputs` in a child process (:mod:`desktop.jobs.process`); tests and
the fallback call it directly. Progress is reported per stage — ``workbook``, ``csv``,
``json``, ``brief`` — so the caller words it in its own language.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from desktop.core.evaluation import Evaluation
from desktop.core.progress import ShouldCancel
from desktop.errors import CancelledError
from desktop.gcpause import gc_paused

#: (overall fraction, stage name, the writer's own detail text or "")
StageProgress = Callable[[float, str, str], None]

STAGES = ("workbook", "csv", "json", "brief")
#: relative share of the progress bar: the workbook and the brief take longest
WEIGHTS = {"workbook": 5.0, "csv": 1.0, "json": 1.0, "brief": 3.0}


@dataclass(frozen=True)
class ExportTargets:
    """Where each output goes; ``None`` leaves it out. The workbook is always written."""

    workbook: Path
    csv_dir: Path | None = None
    json_path: Path | None = None
    brief_dir: Path | None = None

    def stages(self) -> list[str]:
        chosen = {
            "workbook": True,
            "csv": self.csv_dir is not None,
            "json": self.json_path is not None,
            "brief": self.brief_dir is not None,
        }
        return [s for s in STAGES if chosen[s]]


def write_outputs(
    evaluation: Evaluation,
    targets: ExportTargets,
    *,
    input_path: Path | None,
    lang: str,
    progress: StageProgress,
    should_cancel: ShouldCancel,
) -> list[Path]:
    """Write every chosen output in turn and return the files written (folders' files
    listed one by one). Raises :class:`~desktop.errors.CancelledError` when cancelled and
    :class:`~desktop.errors.OutputFileError` when a target cannot be written."""
    stages = targets.stages()
    total = sum(WEIGHTS[s] for s in stages)
    written: list[Path] = []
    done = 0.0

    def stage(name: str) -> Callable[..., None]:
        start, end = done / total, (done + WEIGHTS[name]) / total

        def report(fraction: float = 0.0, detail: str = "") -> None:
            progress(start + (end - start) * float(fraction), name, str(detail or ""))

        report(0.0)
        return report

    def check() -> None:
        if should_cancel():
            raise CancelledError("导出已取消 / export cancelled")

    from desktop.export.workbook import write_workbook

    with gc_paused():
        written.append(
            Path(
                write_workbook(
                    evaluation,
                    targets.workbook,
                    input_path=input_path,
                    lang=lang,
                    progress=stage("workbook"),
                    should_cancel=should_cancel,
                )
            )
        )
    done += WEIGHTS["workbook"]
    if targets.csv_dir is not None:
        check()
        from desktop.export.csvfiles import write_csv

        report = stage("csv")
        targets.csv_dir.mkdir(parents=True, exist_ok=True)
        written += write_csv(
            evaluation,
            targets.csv_dir,
            lang=lang,
            progress=lambda f, *_: report(f),
            should_cancel=should_cancel,
        )
        done += WEIGHTS["csv"]
    if targets.json_path is not None:
        check()
        from desktop.core.jsonout import write_evaluation_json

        stage("json")
        write_evaluation_json(
            evaluation, targets.json_path, input_path=input_path, should_cancel=should_cancel
        )
        written.append(targets.json_path)
        done += WEIGHTS["json"]
    if targets.brief_dir is not None:
        check()
        from desktop.briefing import build_pack

        report = stage("brief")
        pack = build_pack(
            evaluation,
            targets.brief_dir,
            formats=("pdf", "png"),
            portfolio=evaluation.portfolio,
            input_path=input_path,
            progress=lambda f, *_: report(f),
            should_cancel=should_cancel,
        )
        written += pack.files
        done += WEIGHTS["brief"]
    check()
    progress(1.0, "", "")
    return written


__all__ = ["STAGES", "ExportTargets", "StageProgress", "write_outputs"]

"""The window's export, run in a child process.

The child gets what the evaluation was made from — the portfolio, the catalogue, the
as-of date, the parameter overrides and the measures (:class:`EvaluationRequest`) — and
evaluates again (a fraction of the export's time: 0.3 s of a minute at 20,000
enterprises), because an evaluation is five times the portfolio's size to send. The engine
is deterministic; to be sure the files describe exactly what the window shows, the child
compares its evaluation's :meth:`~desktop.core.evaluation.Evaluation.fingerprint` (every
status count, amount and parameter value) with the window's and refuses to write on any
difference.

Where no child process can be started (a locked-down machine), the export runs on the
calling thread instead, as before, and says so in the log.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from desktop.core.catalogue import Catalogue
from desktop.core.evaluation import Evaluation, EvaluationRequest
from desktop.core.portfolio import Portfolio
from desktop.core.progress import ShouldCancel
from desktop.errors import DesktopError
from desktop.gcpause import gc_paused
from desktop.jobs.outputs import ExportTargets, StageProgress, write_outputs
from desktop.jobs.process import ProcessStartError, run_in_process

log = logging.getLogger(__name__)

EVALUATE_SHARE = 0.05  # of the progress bar: the child's evaluation before it writes
EVALUATE_STAGE = "evaluate"


@dataclass(frozen=True)
class ExportRequest:
    """Everything the child needs: no Qt objects, nothing of the window."""

    portfolio: Portfolio
    catalogue: Catalogue
    request: EvaluationRequest
    fingerprint: tuple[object, ...]
    targets: ExportTargets
    input_path: Path | None
    lang: str

    @classmethod
    def of(
        cls, evaluation: Evaluation, targets: ExportTargets, input_path: Path | None, lang: str
    ) -> ExportRequest:
        """The request that reproduces ``evaluation`` in the child and writes ``targets``."""
        return cls(
            portfolio=evaluation.portfolio,
            catalogue=evaluation.catalogue,
            request=evaluation.request,
            fingerprint=evaluation.fingerprint(),
            targets=targets,
            input_path=input_path,
            lang=lang,
        )


def export_in_process(
    evaluation: Evaluation,
    targets: ExportTargets,
    *,
    input_path: Path | None,
    lang: str,
    progress: StageProgress,
    should_cancel: ShouldCancel,
) -> list[Path]:
    """Write ``targets`` for ``evaluation`` from a child process; return the files written."""
    request = ExportRequest.of(evaluation, targets, input_path, lang)
    try:
        written = run_in_process(
            export_job, request, progress, should_cancel, name="policydesk-export"
        )
    except ProcessStartError:
        log.warning("no child process for the export: writing on this thread", exc_info=True)
        return write_outputs(
            evaluation,
            targets,
            input_path=input_path,
            lang=lang,
            progress=progress,
            should_cancel=should_cancel,
        )
    return [Path(p) for p in written]


def export_job(
    request: ExportRequest, progress: StageProgress, should_cancel: ShouldCancel
) -> list[Path]:
    """The child's work: evaluate again, check it is the window's evaluation, write."""
    from desktop.core.engine import evaluate_portfolio

    def evaluating(fraction: float, detail: str = "") -> None:
        progress(EVALUATE_SHARE * float(fraction), EVALUATE_STAGE, "")

    def writing(fraction: float, stage: str, detail: str) -> None:
        progress(EVALUATE_SHARE + (1 - EVALUATE_SHARE) * fraction, stage, detail)

    evaluating(0.0)
    with gc_paused():
        evaluation = evaluate_portfolio(
            request.portfolio,
            request.catalogue,
            as_of=request.request.as_of,
            overrides=request.request.overrides,
            measure_ids=request.request.measure_ids,
            progress=evaluating,
            should_cancel=should_cancel,
        )
    if evaluation.fingerprint() != request.fingerprint:
        raise DesktopError(
            "导出前的复核未通过：后台重新测算的结果与窗口中的结果不一致，未写入任何文件。"
            "请重新测算后再导出 / the export's check failed: evaluating again gave results "
            "that differ from the window's; nothing was written. Evaluate again, then export."
        )
    return write_outputs(
        evaluation,
        request.targets,
        input_path=request.input_path,
        lang=request.lang,
        progress=writing,
        should_cancel=should_cancel,
    )


__all__ = ["EVALUATE_STAGE", "ExportRequest", "export_in_process", "export_job"]

"""The 情景 dock's briefing pack, written in a child process.

Like the export (:mod:`desktop.jobs.export`): the child gets the portfolio, the catalogue
and the scenarios, compares them again and builds the pack (charts with matplotlib, the PDF
with reportlab, the Word file, the annex and the baseline's workbook: seconds of Python
that would otherwise hold the window's interpreter lock). It refuses to write unless every
scenario's evaluation has the fingerprint of the comparison the window shows.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from desktop.core.catalogue import Catalogue
from desktop.core.portfolio import Portfolio
from desktop.core.progress import ShouldCancel
from desktop.core.scenarios import Scenario, ScenarioComparison
from desktop.errors import CancelledError, DesktopError
from desktop.gcpause import gc_paused
from desktop.jobs.outputs import StageProgress
from desktop.jobs.process import ProcessStartError, run_in_process

log = logging.getLogger(__name__)

COMPARE_SHARE = 0.3  # of the progress bar: the child's comparison before it writes
COMPARE_STAGE = "compare"
BRIEF_STAGE = "brief"


@dataclass(frozen=True)
class BriefRequest:
    portfolio: Portfolio
    catalogue: Catalogue
    baseline: Scenario
    alternatives: tuple[Scenario, ...]
    fingerprints: dict[str, tuple[object, ...]]  # scenario name → Evaluation.fingerprint()
    folder: Path
    input_path: Path | None


@dataclass(frozen=True)
class BriefFiles:
    pdf: Path | None
    files: list[Path]


def fingerprints(comparison: ScenarioComparison) -> dict[str, tuple[object, ...]]:
    return {name: ev.fingerprint() for name, ev in comparison.evaluations.items()}


def brief_in_process(
    comparison: ScenarioComparison,
    portfolio: Portfolio,
    catalogue: Catalogue,
    folder: Path,
    input_path: Path | None,
    progress: StageProgress,
    should_cancel: ShouldCancel,
) -> BriefFiles:
    """Write the briefing pack of ``comparison`` into ``folder`` from a child process."""
    request = BriefRequest(
        portfolio=portfolio,
        catalogue=catalogue,
        baseline=comparison.baseline,
        alternatives=tuple(comparison.alternatives),
        fingerprints=fingerprints(comparison),
        folder=folder,
        input_path=input_path,
    )
    try:
        result: BriefFiles = run_in_process(
            brief_job, request, progress, should_cancel, name="policydesk-brief"
        )
        return result
    except ProcessStartError:
        log.warning("no child process for the brief: writing on this thread", exc_info=True)
        return _write(comparison, request, progress, should_cancel)


def brief_job(
    request: BriefRequest, progress: StageProgress, should_cancel: ShouldCancel
) -> BriefFiles:
    """The child's work: compare again, check it is the window's comparison, write."""
    from desktop.core.scenarios import compare_scenarios

    def comparing(fraction: float, detail: str = "") -> None:
        if should_cancel():
            raise CancelledError("已取消 / cancelled")
        progress(COMPARE_SHARE * float(fraction), COMPARE_STAGE, "")

    with gc_paused():
        comparison = compare_scenarios(
            request.portfolio,
            request.catalogue,
            request.baseline,
            list(request.alternatives),
            progress=comparing,
        )
    if fingerprints(comparison) != request.fingerprints:
        raise DesktopError(
            "生成简报前的复核未通过：后台重新测算的情景结果与窗口中的不一致，未写入任何文件。"
            "请重新比较后再生成 / the brief's check failed: comparing the scenarios again gave "
            "results that differ from the window's; nothing was written. Compare again first."
        )
    return _write(comparison, request, progress, should_cancel)


def _write(
    comparison: ScenarioComparison,
    request: BriefRequest,
    progress: StageProgress,
    should_cancel: ShouldCancel,
) -> BriefFiles:
    from desktop.briefing import build_pack
    from desktop.export import write_workbook

    def writing(fraction: float, detail: str = "") -> None:
        progress(COMPARE_SHARE + (1 - COMPARE_SHARE) * float(fraction), BRIEF_STAGE, detail)

    pack = build_pack(
        comparison,
        request.folder,
        portfolio=request.portfolio,
        input_path=request.input_path,
        progress=writing,
        should_cancel=should_cancel,
        workbook_writer=write_workbook,
    )
    return BriefFiles(pack.pdf, list(pack.files))


__all__ = ["BriefFiles", "BriefRequest", "brief_in_process", "brief_job", "fingerprints"]

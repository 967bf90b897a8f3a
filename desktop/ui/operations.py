"""The window's long operations as plain functions ``(…, progress, should_cancel)``.

Each is Qt-free so tests can call it without threads, and :class:`desktop.ui.workers.Job`
runs it on a worker thread. The reader and the exporter are imported lazily: they belong to
other modules, and the window must still start (and say so plainly) if one is absent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from desktop.core.catalogue import Catalogue, default_catalogue
from desktop.core.engine import evaluate_portfolio
from desktop.core.portfolio import Portfolio
from desktop.core.results import Evaluation
from desktop.errors import CancelledError, DesktopError
from desktop.spreadsheet.mapping import MappingProfile, WorkbookMapping
from desktop.ui.i18n import language, tr
from desktop.ui.import_data import (
    ImportInspection,
    needs_review,
    preview_sheets,
    saved_profile_for,
)
from desktop.ui.param_data import TableChanges, diff_tables
from desktop.ui.table_data import EnterpriseTable, build_enterprise_table

Progress = Callable[[float, str], None]
ShouldCancel = Callable[[], bool]

INPUT_SUFFIXES = (".xlsx", ".xls", ".csv")
EXPORTER_MODULE = "desktop.export.workbook"


@dataclass(frozen=True)
class Evaluated:
    """What the window needs after a run: the portfolio, its evaluation, the formatted table."""

    portfolio: Portfolio
    catalogue: Catalogue
    evaluation: Evaluation
    table: EnterpriseTable
    changes: TableChanges = field(default_factory=TableChanges.none)
    mapping: WorkbookMapping | None = None  # how the input's columns were read (files only)


def _scaled(progress: Progress, start: float, end: float, text: str) -> Callable[..., None]:
    """A progress callback for one stage, mapped onto ``start``…``end`` of the whole job."""

    def report(fraction: float, detail: str = "") -> None:
        progress(start + (end - start) * float(fraction), detail or text)

    return report


def _check(should_cancel: ShouldCancel) -> None:
    if should_cancel():
        raise CancelledError(tr("job.cancelled"))


def read_input(path: Path, progress: Progress, should_cancel: ShouldCancel) -> Portfolio:
    """Read an enterprise spreadsheet with the project's reader."""
    from desktop.spreadsheet.reader import read_portfolio

    stage = _scaled(progress, 0.0, 1.0, tr("job.loading", file=path.name))
    return read_portfolio(path, progress=lambda f: stage(f), should_cancel=should_cancel)


def evaluate(
    portfolio: Portfolio,
    catalogue: Catalogue | None,
    as_of: dt.date,
    progress: Progress,
    should_cancel: ShouldCancel,
    *,
    overrides: Mapping[str, str] | None = None,
    previous: EnterpriseTable | None = None,
) -> Evaluated:
    """Run the engine and format the result table, both off the GUI thread.

    With ``previous`` (the table shown before a parameter or date change), the figures that
    changed are listed too, so the window can highlight them.
    """
    _check(should_cancel)
    catalogue = catalogue if catalogue is not None else default_catalogue()
    stage = _scaled(progress, 0.0, 0.95, tr("job.evaluating"))
    evaluation = evaluate_portfolio(
        portfolio,
        catalogue,
        as_of=as_of,
        overrides=dict(overrides or {}),
        progress=stage,
        should_cancel=should_cancel,
    )
    _check(should_cancel)
    lang = language()
    table = build_enterprise_table(evaluation, lang)
    changes = diff_tables(previous, table) if previous is not None else TableChanges.none()
    _check(should_cancel)
    warm_explanations(evaluation, lang)
    progress(1.0, "")
    return Evaluated(portfolio, catalogue, evaluation, table, changes)


def warm_explanations(evaluation: Evaluation, lang: str) -> None:
    """Explain one enterprise here, off the GUI thread, so the window's first why-pane does
    not pay for the per-measure indexes an explanation builds once (records by enterprise:
    a group-by over every record table, tens of milliseconds each at 20,000 enterprises)."""
    from desktop.ui.detail import detail_html

    if len(evaluation.enterprises):
        detail_html(evaluation, 0, None, lang)


def load_and_evaluate(
    path: Path,
    catalogue: Catalogue | None,
    as_of: dt.date,
    progress: Progress,
    should_cancel: ShouldCancel,
    *,
    overrides: Mapping[str, str] | None = None,
    mapping: MappingProfile | None = None,
    review: bool = False,
) -> Evaluated | ImportInspection:
    """Read ``path`` (first 60 % of the bar) and evaluate it (the rest).

    With ``review``, an uncertain mapping (see :func:`needs_review`) stops after reading and
    returns an :class:`ImportInspection` for the import dialog instead of evaluating.
    """
    from desktop.spreadsheet.reader import read_workbook

    stage = _scaled(progress, 0.0, 0.6, tr("job.loading", file=path.name))
    if mapping is None:
        # A profile the analyst saved for a workbook with these headers is used again, and
        # its mapping counts as reviewed.
        mapping = saved_profile_for(path)
        review = review and mapping is None
    result = read_workbook(
        path, mapping=mapping, progress=lambda f: stage(f), should_cancel=should_cancel
    )
    if review and needs_review(result.mapping):
        sheets = preview_sheets(path, check=lambda: _check(should_cancel))
        return ImportInspection(
            path,
            result.mapping,
            list(result.portfolio.issues),
            sheets,
            len(result.portfolio.enterprises),
        )
    evaluated = evaluate(
        result.portfolio,
        catalogue,
        as_of,
        _scaled(progress, 0.6, 1.0, ""),
        should_cancel,
        overrides=overrides,
    )
    return replace(evaluated, mapping=result.mapping)


def write_results(
    evaluation: Evaluation,
    path: Path,
    input_path: Path | None,
    lang: str,
    progress: Progress,
    should_cancel: ShouldCancel,
) -> Path:
    """Write the Excel result workbook, in the UI's language, through the project's exporter."""
    try:
        from desktop.export.workbook import write_workbook
    except ModuleNotFoundError as exc:
        if exc.name in (EXPORTER_MODULE, "desktop.export"):
            raise DesktopError(tr("error.export_missing")) from exc
        raise
    stage = _scaled(progress, 0.0, 1.0, tr("job.exporting"))

    def report(fraction: float, text: str = "") -> None:
        stage(fraction, text)

    return Path(
        write_workbook(
            evaluation,
            path,
            input_path=input_path,
            lang=lang,
            progress=report,
            should_cancel=should_cancel,
        )
    )


def is_supported_input(path: Path) -> bool:
    return path.suffix.lower() in INPUT_SUFFIXES


__all__ = [
    "INPUT_SUFFIXES",
    "Evaluated",
    "evaluate",
    "is_supported_input",
    "load_and_evaluate",
    "read_input",
    "warm_explanations",
    "write_results",
]

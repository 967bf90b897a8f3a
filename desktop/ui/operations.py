"""The window's long operations as plain functions ``(…, progress, should_cancel)``.

Each is Qt-free so tests can call it without threads, and :class:`desktop.ui.workers.Job`
runs it on a worker thread. The reader and the exporter are imported lazily: they belong to
other modules, and the window must still start (and say so plainly) if one is absent.
"""

from __future__ import annotations

import datetime as dt
import enum
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from desktop.core.catalogue import Catalogue, default_catalogue
from desktop.core.engine import evaluate_portfolio
from desktop.core.evaluation import Evaluation
from desktop.core.portfolio import Portfolio
from desktop.core.progress import Progress, ShouldCancel
from desktop.errors import CancelledError, DesktopError
from desktop.gcpause import gc_paused
from desktop.spreadsheet.mapping import MappingProfile, WorkbookMapping
from desktop.ui.i18n import language, tr
from desktop.ui.import_data import (
    ImportInspection,
    as_paths,
    inspect_input,
    inspection_of,
    needs_review,
    saved_profile_for,
)
from desktop.ui.param_data import TableChanges, diff_tables
from desktop.ui.table_data import EnterpriseTable, build_enterprise_table

INPUT_SUFFIXES = (".xlsx", ".xls", ".csv")


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
    # The engine and the table formatting allocate millions of short-lived objects without
    # cycles; left on, the cyclic collector runs full passes over the whole process from this
    # thread, holding the GIL (the window freezes) for 0.1 s and more at 20,000 enterprises.
    with gc_paused():
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
    """Explain here, off the GUI thread, the enterprise the window has selected (its pane is
    then ready, see :class:`desktop.ui.detail.DetailPrefetch`), or else the first one: either
    way the per-measure indexes an explanation builds once (records by enterprise, a group-by
    over a record table) are built here, not on the GUI thread."""
    from desktop.ui.detail import PREFETCH, detail_html

    if len(evaluation.enterprises) and not PREFETCH.render(evaluation, lang):
        detail_html(evaluation, 0, None, lang)
    # The autosave that follows a run imports the scenario serialiser lazily; its pydantic
    # models take ~0.1 s to build. Import it here, once, rather than on the GUI thread.
    import desktop.core.scenarios  # noqa: F401


def load_and_evaluate(
    path: Path | list[Path] | tuple[Path, ...],
    catalogue: Catalogue | None,
    as_of: dt.date | None,
    progress: Progress,
    should_cancel: ShouldCancel,
    *,
    overrides: Mapping[str, str] | None = None,
    mapping: MappingProfile | None = None,
    review: bool = False,
    lang: str = "zh",
) -> Evaluated | ImportInspection:
    """Read ``path`` — one file, or several read together (joined by credit code or name) —
    (first 60 % of the bar) and evaluate it (the rest) as of ``as_of``; None: as of the
    data's stated 数据截至, else today (so a file is never shown at a date it is then
    re-run at).

    With ``review``, an uncertain mapping (see :func:`needs_review`) stops after reading and
    returns an :class:`ImportInspection` for the import dialog instead of evaluating; so does
    a layout the reader cannot use (no enterprise sheet, no header row …): the inspection
    then carries the error and what detection found, for the analyst to fix.
    """
    from desktop.errors import InputFileError
    from desktop.spreadsheet.reader import read_workbook

    paths = as_paths(path)
    stage = _scaled(progress, 0.0, 0.6, tr("job.loading", file=paths[0].name))
    may_review = review
    if mapping is None:
        # A profile the analyst saved for a workbook with these headers is used again, and
        # its mapping counts as reviewed.
        mapping = saved_profile_for(paths)
        review = review and mapping is None
    try:
        result = read_workbook(
            list(paths), mapping=mapping, progress=lambda f: stage(f), should_cancel=should_cancel
        )
    except InputFileError:
        if not may_review:
            raise
        _check(should_cancel)
        return inspect_input(paths, stage, should_cancel, profile=mapping, lang=lang)
    if review and needs_review(result.mapping):
        return inspection_of(paths, result, mapping, lambda: _check(should_cancel), lang)
    evaluated = evaluate(
        result.portfolio,
        catalogue,
        as_of or result.portfolio.data_as_of or dt.date.today(),
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
    """Write the Excel result workbook, in the UI's language, from a child process.

    In a worker thread the exporter (XlsxWriter, pandas) would hold the interpreter lock
    the GUI thread needs for every repaint, tens of milliseconds at a time; in its own
    process it cannot freeze the window (see :mod:`desktop.jobs.process`)."""
    try:
        from desktop.jobs.export import export_in_process
        from desktop.jobs.outputs import ExportTargets
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith(("desktop.export", "desktop.jobs")):
            raise DesktopError(tr("error.export_missing")) from exc
        raise
    written = export_in_process(
        evaluation,
        ExportTargets(Path(path)),
        input_path=input_path,
        lang=lang,
        progress=stage_progress(progress),
        should_cancel=should_cancel,
    )
    return Path(written[0])


def stage_progress(progress: Progress) -> Callable[[float, str, str], None]:
    """The export process reports ``(fraction, stage, detail)``; the bar shows the detail,
    or else the stage in the UI's language."""
    texts = {
        "evaluate": tr("job.export_preparing"),
        "workbook": tr("job.exporting"),
        "csv": tr("job.csv"),
        "json": tr("job.json"),
        "brief": tr("job.brief"),
    }

    def report(fraction: float, stage: str, detail: str) -> None:
        progress(fraction, detail or texts.get(stage, ""))

    return report


# -- freeing large results in pieces

_MAX_DEPTH = 5


def take_apart(obj: Any) -> None:
    """Empty ``obj``, which nothing else uses, piece by piece: list items, dict values and
    the attributes of the app's own objects, recursing into pieces nothing else refers to.

    Dropping the last reference to a big structure frees it in one C call that holds the
    GIL (tens of milliseconds for an evaluation of 20,000 enterprises); taken apart, it is
    freed in small pieces, and other threads — the GUI thread — run in between.
    """
    _take_apart(obj, 0)


def _own(obj: Any) -> bool:
    """An instance of the app's own classes (not an enum member, which is shared)."""
    return (
        type(obj).__module__.startswith("desktop.")
        and hasattr(obj, "__dict__")
        and not isinstance(obj, (type, enum.Enum))
    )


def _take_apart(obj: Any, depth: int) -> None:
    if depth > _MAX_DEPTH:
        return
    if isinstance(obj, list):
        if obj and not _worth_taking_apart(obj[-1], 2):
            obj.clear()  # strings and numbers: one C call, no Python step per item
        while obj:
            _drop(obj.pop(), depth)
    elif isinstance(obj, dict):
        if obj and not _worth_taking_apart(next(iter(obj.values())), 2):
            obj.clear()
        while obj:
            _drop(obj.popitem()[1], depth)
    elif _own(obj):
        attributes = obj.__dict__
        for name in list(attributes):
            _drop(attributes.pop(name), depth)


def _drop(piece: Any, depth: int) -> None:
    # references: ``piece`` here, ``piece`` in _worth_taking_apart, getrefcount's argument
    if _worth_taking_apart(piece, 3):
        _take_apart(piece, depth + 1)
    del piece  # a small free; between pieces the interpreter hands the GIL over as usual


def _worth_taking_apart(piece: Any, references: int) -> bool:
    """A container or object of ours with nobody else holding it."""
    if not (isinstance(piece, (list, dict)) or _own(piece)):
        return False
    return sys.getrefcount(piece) <= references


def is_supported_input(path: Path) -> bool:
    return path.suffix.lower() in INPUT_SUFFIXES


__all__ = [
    "INPUT_SUFFIXES",
    "Evaluated",
    "evaluate",
    "is_supported_input",
    "load_and_evaluate",
    "read_input",
    "stage_progress",
    "take_apart",
    "warm_explanations",
    "write_results",
]

"""Evaluating the session: the data job runs the session's list at its date with its
parameters, and a finished run goes into the session and every view — the file's stated
数据截至 adopted or kept (see :meth:`desktop.session.Session.adopt_stated_as_of`), and a
new run when the date or parameters changed while it was under way.

Only one data job runs at a time; a newer one supersedes it (its result is dropped).
Reading files starts here too, from :meth:`MainWindow.open_path`.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

from desktop.core.portfolio import Portfolio
from desktop.paths import sample_portfolio
from desktop.session import AsOfAdoption
from desktop.ui import window_views
from desktop.ui.i18n import tr
from desktop.ui.import_data import ImportInspection
from desktop.ui.operations import Evaluated, evaluate
from desktop.ui.qtcompat import emit
from desktop.ui.window_parts import WindowParts
from desktop.ui.window_settings import remember
from desktop.ui.workers import QUEUED, Job, JobFunction

REEVALUATE_DELAY = 0.1  # seconds between an edit and the re-evaluation it starts


def set_portfolio(window: WindowParts, portfolio: Portfolio, label: str | None = None) -> Job:
    """Evaluate a portfolio built in memory (tests, the screenshot tool)."""
    fn = functools.partial(
        evaluate, portfolio, window.session.catalogue, window.as_of, overrides=window.overrides
    )
    text = tr("job.evaluating")
    return start_data_job(window, fn, text, portfolio.source, label or tr("unsaved.portfolio"))


def reevaluate(window: WindowParts) -> Job | None:
    """Run again with the session's list, parameters and date (None: nothing open)."""
    window.stop_date_timer()
    session = window.session
    if session.portfolio is None:
        return None
    fn = functools.partial(
        evaluate,
        session.portfolio,
        session.catalogue,
        session.as_of,
        overrides=session.overrides,
        previous=window.model.table if session.evaluation is not None else None,
    )
    window.params_panel.set_running(True)
    # A re-evaluation follows an edit (a ratio typed, a date picked): the editor closes
    # and the docks repaint, hundreds of Qt calls into Python. Started at once, the
    # engine would take the interpreter lock in between, and the window froze for
    # ~0.1 s (tests/test_ui_responsiveness.py); a moment later it is unnoticeable.
    text = tr("job.evaluating")
    return start_data_job(
        window, fn, text, session.source, session.source_label, delay=REEVALUATE_DELAY
    )


def start_data_job(
    window: WindowParts,
    fn: JobFunction,
    text: str,
    source: Path | None,
    label: str,
    *,
    delay: float = 0.0,
) -> Job:
    """Start ``fn`` as the window's data job (reading or evaluating ``source``)."""
    job = Job(fn, name="evaluate", delay=delay)
    overrides = window.overrides  # what this run was started with
    job.finished.connect(
        functools.partial(_on_evaluated, window, job, source, label, overrides), QUEUED
    )
    return window.jobs.start_data(job, text)


def _on_evaluated(
    window: WindowParts,
    job: Job,
    source: Path | None,
    label: str,
    overrides: dict[str, str],
    result: Evaluated | ImportInspection,
) -> None:
    if job is not window.jobs.data:
        return  # superseded by a newer run
    window.jobs.end(job)
    if isinstance(result, ImportInspection):
        window.show_import_dialog(result, label)
        return
    session = window.session
    session.record_evaluation(
        catalogue=result.catalogue,
        portfolio=result.portfolio,
        evaluation=result.evaluation,
        mapping=result.mapping,
        source=source,
        label=label,
    )
    if window.actions_.import_settings is not None:
        window.actions_.import_settings.setEnabled(session.mapping is not None)
    window_views.show_evaluated(window, result, source, overrides)
    emit(window.evaluation_changed, result.evaluation)
    _adopt_stated_as_of(window, result.portfolio.data_as_of)
    if session.needs_rerun(result.evaluation.as_of, overrides):
        reevaluate(window)  # the date or parameters changed while this run was under way
    if source is not None and source.is_file() and source != sample_portfolio():
        recent = window.settings.recent_files
        if not recent or recent[0] != str(source):
            remember(window, source)
    window.autosave()


def _adopt_stated_as_of(window: WindowParts, stated: dt.date | None) -> None:
    """A file that states its 数据截至 is evaluated at that date unless the analyst chose
    another (the caller then re-evaluates at the new date); either way the status bar
    says which date is used and why."""
    outcome = window.session.adopt_stated_as_of(stated)
    day = window.as_of.isoformat()
    if outcome is AsOfAdoption.KEPT and stated is not None:
        message = tr("status.as_of_kept", stated=stated.isoformat(), day=day)
        window.statusBar().showMessage(message, 15_000)
    elif outcome is AsOfAdoption.ADOPTED:
        window.show_as_of()
        window.statusBar().showMessage(tr("status.as_of_from_data", day=day), 15_000)


__all__ = ["REEVALUATE_DELAY", "reevaluate", "set_portfolio", "start_data_job"]

"""The main window's background work: its own thread pool, the one data job (reading or
evaluating; a newer one supersedes it), the one export job and any number of tasks, with
the progress strip following them and failures shown to the analyst.

Closing the window waits only for these jobs, never for another window's.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QThreadPool

from desktop.ui.errors import show_error
from desktop.ui.i18n import tr
from desktop.ui.qtcompat import emit
from desktop.ui.window_parts import WindowParts
from desktop.ui.workers import QUEUED, Job, JobFunction


class WindowJobs:
    def __init__(self, window: WindowParts) -> None:
        self._window = window
        self.pool = QThreadPool(window.window())
        self.pool.setMaxThreadCount(2)
        self.data: Job | None = None  # reading or evaluating the enterprise list
        self.export: Job | None = None

    @property
    def is_busy(self) -> bool:
        return any(j is not None and not j.is_done for j in (self.data, self.export))

    def run(
        self, fn: JobFunction, text: str, on_finished: Callable[[Any], None] | None = None
    ) -> Job:
        """Run any ``fn(progress, should_cancel)`` with the progress strip and error handling."""
        job = Job(fn, name="task")
        if on_finished is not None:
            job.finished.connect(on_finished, QUEUED)
        job.finished.connect(functools.partial(self.end, job), QUEUED)
        return self.launch(job, text)

    def start_data(self, job: Job, text: str) -> Job:
        """Start ``job`` as the data job; the one under way (if any) is cancelled."""
        if self.data is not None:
            self.data.cancel()
        self.data = job
        return self.launch(job, text)

    def start_export(self, job: Job, text: str) -> Job:
        if self.export is not None:
            self.export.cancel()
        self.export = job
        return self.launch(job, text)

    def launch(self, job: Job, text: str) -> Job:
        job.failed.connect(functools.partial(self._on_failed, job), QUEUED)
        job.cancelled.connect(functools.partial(self._on_cancelled, job), QUEUED)
        self._window.progress_strip.follow(job, text)
        return job.start(self.pool)

    def end(self, job: Job, *_: Any) -> None:
        if job is self.data:
            self.data = None
        if job is self.export:
            self.export = None
        self._window.progress_strip.release(job)

    def cancel_all(self) -> None:
        window = self._window
        dialog_job = window.export_dialog.job if window.export_dialog is not None else None
        for job in (
            self.data,
            self.export,
            window.progress_strip.job,
            window.scenarios.job,
            dialog_job,
        ):
            if job is not None:
                job.cancel()

    def _on_failed(self, job: Job, message: str) -> None:
        superseded = job.is_cancelled()
        self.end(job)
        if superseded:
            return
        emit(self._window.job_failed, message)
        show_error(self._window, message)

    def _on_cancelled(self, job: Job) -> None:
        self.end(job)
        if self._window.progress_strip.job is None:
            self._window.statusBar().showMessage(tr("job.cancelled"), 5000)


__all__ = ["WindowJobs"]

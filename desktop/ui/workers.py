"""Run a plain ``fn(progress, should_cancel)`` off the GUI thread and report back by signal.

The function knows nothing of Qt (the engine, the reader and the exporter are plain
functions); :class:`Job` adapts it. Signals are emitted from the worker thread on a QObject
that lives in the GUI thread, so Qt queues them and slots run on the GUI thread; receivers
should still connect with :data:`QUEUED` to make that explicit. Cancellation is a
``threading.Event``, safe to set from any thread.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThreadPool, Signal

from desktop.errors import CancelledError, DesktopError
from desktop.ui.errors import unexpected_error_message
from desktop.ui.qtcompat import emit

log = logging.getLogger(__name__)

Progress = Callable[[float, str], None]
ShouldCancel = Callable[[], bool]
JobFunction = Callable[[Progress, ShouldCancel], Any]

QUEUED = Qt.ConnectionType.QueuedConnection
_MIN_INTERVAL = 0.05  # seconds between progress signals with the same percentage


class Job(QObject):
    """One unit of background work with progress, result, error and cancellation."""

    progress = Signal(int, str)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, fn: JobFunction, *, name: str = "job", parent: QObject | None = None):
        super().__init__(parent)
        self.name = name
        self._fn = fn
        self._cancel = threading.Event()
        self._done = threading.Event()
        self._started = False
        self._last: tuple[int, str] = (-1, "")
        self._last_time = 0.0

    # -- control (any thread)
    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    @property
    def is_running(self) -> bool:
        return self._started and not self._done.is_set()

    @property
    def is_done(self) -> bool:
        return self._done.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the function returned (tests, shutdown); True when it has."""
        return self._done.wait(timeout)

    def start(self, pool: QThreadPool | None = None) -> Job:
        """Queue the job on ``pool`` (the global pool by default) and return it."""
        if self._started:
            raise RuntimeError(f"job {self.name} was already started")
        self._started = True
        (pool or QThreadPool.globalInstance()).start(self.run)
        return self

    # -- worker side
    def _progress(self, fraction: float, text: str = "") -> None:
        if self._cancel.is_set():
            return
        try:
            percent = max(0, min(100, round(float(fraction) * 100)))
        except (TypeError, ValueError):
            return
        now = time.monotonic()
        if (percent, text) == self._last:
            return
        if percent == self._last[0] and now - self._last_time < _MIN_INTERVAL:
            return
        self._last = (percent, text)
        self._last_time = now
        self._emit(self.progress, percent, str(text))

    def run(self) -> None:
        """Call the function and translate its outcome into exactly one final signal."""
        self._started = True
        try:
            try:
                result = self._fn(self._progress, self._cancel.is_set)
            except CancelledError:
                self._emit(self.cancelled)
            except DesktopError as exc:
                if self._cancel.is_set():
                    self._emit(self.cancelled)
                else:
                    log.info("%s failed: %s", self.name, exc)
                    self._emit(self.failed, str(exc))
            except Exception:
                log.exception("unexpected error in background job %s", self.name)
                if self._cancel.is_set():
                    self._emit(self.cancelled)
                else:
                    self._emit(self.failed, unexpected_error_message())
            else:
                if self._cancel.is_set():
                    self._emit(self.cancelled)
                else:
                    self._emit(self.finished, result)
        finally:
            self._done.set()

    def _emit(self, signal: Any, *args: Any) -> None:
        try:
            emit(signal, *args)
        except RuntimeError:  # the receiving window was closed and deleted meanwhile
            log.debug("job %s finished after its receiver was deleted", self.name)


__all__ = ["QUEUED", "Job", "JobFunction", "Progress", "ShouldCancel"]

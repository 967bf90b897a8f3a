"""Run a plain ``fn(progress, should_cancel)`` off the GUI thread and report back by signal.

The function knows nothing of Qt (the engine, the reader and the exporter are plain
functions); :class:`Job` adapts it. Signals are emitted from the worker thread on a QObject
that lives in the GUI thread, so Qt queues them and slots run on the GUI thread; receivers
should still connect with :data:`QUEUED` to make that explicit. Cancellation is a
``threading.Event``, safe to set from any thread.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThreadPool, Signal

from desktop.core.progress import Progress, ShouldCancel
from desktop.errors import CancelledError, DesktopError
from desktop.ui.errors import unexpected_error_message
from desktop.ui.operations import take_apart
from desktop.ui.qtcompat import emit

log = logging.getLogger(__name__)

JobFunction = Callable[[Progress, ShouldCancel], Any]

QUEUED = Qt.ConnectionType.QueuedConnection
_MIN_INTERVAL = 0.05  # seconds between progress signals with the same percentage


def _done_function(progress: Progress, should_cancel: ShouldCancel) -> Any:
    raise RuntimeError("this job has already run")


class Job(QObject):
    """One unit of background work with progress, result, error and cancellation."""

    progress = Signal(int, str)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(
        self,
        fn: JobFunction,
        *,
        name: str = "job",
        delay: float = 0.0,
        parent: QObject | None = None,
    ):
        """``delay``: seconds the worker waits (cancellable, holding nothing) before it
        starts ``fn``, so the GUI thread finishes what the request set off first."""
        super().__init__(parent)
        self.name = name
        self.delay = delay
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
                if self.delay > 0 and self._cancel.wait(self.delay):
                    raise CancelledError("cancelled before it started")
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
            self._fn = _done_function  # what the function captured is not kept alive here
            self._done.set()

    def _emit(self, signal: Any, *args: Any) -> None:
        try:
            emit(signal, *args)
        except RuntimeError:  # the receiving window was closed and deleted meanwhile
            log.debug("job %s finished after its receiver was deleted", self.name)


_SETTLE = 0.5  # seconds an object waits before it is taken apart


class _Reaper:
    """Frees replaced results on a background thread, one piece at a time.

    Dropping the last reference to an evaluation of 20,000 enterprises (or to the table the
    window formatted from it) frees millions of objects in one C call that holds the GIL for
    tens of milliseconds — on the GUI thread, right when the next results are shown. Handed
    here instead, an object is kept until nothing else refers to it, then taken apart
    (list items, dict values, attributes of the app's own objects) in small steps, so the
    GUI thread gets the GIL between them. An object still referred to elsewhere after
    ``patience`` seconds is simply let go.
    """

    def __init__(self, patience: float = 20.0) -> None:
        self.patience = patience
        self._lock = threading.Lock()
        self._pending: dict[int, Any] = {}
        self._due: dict[int, float] = {}  # not before: the window paints the new results first
        self._deadline: dict[int, float] = {}
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None

    def put(self, obj: Any) -> None:
        if obj is None:
            return
        with self._lock:
            key = id(obj)
            if key not in self._pending:  # one reference each, so a lone one can be seen
                self._pending[key] = obj
                self._due[key] = time.monotonic() + _SETTLE
                self._deadline[key] = time.monotonic() + self.patience
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="release", daemon=True)
                self._thread.start()
        self._wake.set()

    @property
    def pending(self) -> int:
        with self._lock:
            return len(self._pending)

    def _run(self) -> None:
        while True:
            self._wake.wait(0.25)
            self._wake.clear()
            with self._lock:
                keys = list(self._pending)
            for key in keys:
                with self._lock:
                    now = time.monotonic()
                    if now < self._due[key]:
                        continue
                    # references: the dict's value and getrefcount's argument
                    alone = sys.getrefcount(self._pending[key]) <= 2
                    late = now > self._deadline[key]
                    if not (alone or late):
                        continue
                    obj = self._pending.pop(key)
                    del self._deadline[key], self._due[key]
                try:
                    if alone:
                        take_apart(obj)
                except Exception:  # never let freeing memory take anything down
                    log.debug("could not take apart %s", type(obj).__name__, exc_info=True)
                del obj
                time.sleep(0)


_REAPER = _Reaper()


def release_later(obj: Any) -> None:
    """Let go of ``obj`` (a replaced evaluation, table, portfolio) off the GUI thread."""
    _REAPER.put(obj)


__all__ = [
    "QUEUED",
    "Job",
    "JobFunction",
    "Progress",
    "ShouldCancel",
    "release_later",
]

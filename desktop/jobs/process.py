"""Run a long job in a child process, with progress, cancel and errors reported back.

Why a process: every Qt call into Python on the GUI thread (a model's ``data()``, a
delegate's paint, a timer) needs the interpreter lock, and a worker *thread* running the
exporters (XlsxWriter, pandas, reportlab, matplotlib) holds it for tens of milliseconds at a
time — the window froze for 0.1–0.3 s during an export even after every other fix. A child
process has its own interpreter: the GUI thread never waits for it.

The protocol, over two one-way pipes and an event:

* parent → child: the job's payload, pickled straight into the pipe in frames (the pickler
  writes each ~64 KB frame as it goes, and every write releases the lock, so the thread
  sending it never holds the GUI thread up for long), then an empty message;
* child → parent: ``("progress", fraction, stage, detail)`` now and then, and exactly one
  final ``("done", result)``, ``("cancelled",)``, ``("failed", kind, message)`` (a
  :class:`~desktop.errors.DesktopError`: a message for the user) or ``("error", traceback)``;
* the cancel event: set by the parent, polled by the job's ``should_cancel``.

The child stops by itself when the parent goes away (its next message cannot be sent, and
``should_cancel`` watches the parent). Files are written atomically by the exporters, so a
child stopped at any point leaves every target as it was.

The target is a module-level function ``target(payload, progress, should_cancel)`` that
imports what it needs itself: the child is a fresh interpreter (``spawn``, as on Windows),
so its start-up cost (~0.5 s) is the imports of the job, never Qt.
"""

from __future__ import annotations

import io
import logging
import multiprocessing
import os
import pickle
import sys
import time
import traceback
from collections.abc import Callable
from typing import Any

from desktop.core.progress import ShouldCancel
from desktop.errors import CancelledError, DesktopError, OutputFileError
from desktop.gcpause import gc_paused

log = logging.getLogger(__name__)

#: (overall fraction, stage name, detail text)
StageProgress = Callable[[float, str, str], None]
Target = Callable[[Any, StageProgress, ShouldCancel], Any]

POLL = 0.05  # seconds between looks at the cancel flag while waiting for the child
GRACE = 5.0  # seconds a cancelled child gets to clean up before it is terminated
PROGRESS_INTERVAL = 0.05  # seconds between progress messages with the same percentage
PARENT_CHECK = 0.5  # seconds between the child's checks that the parent still runs
#: the user-facing errors a child may report, rebuilt with the same class in the parent
_ERRORS: dict[str, type[DesktopError]] = {
    "DesktopError": DesktopError,
    "OutputFileError": OutputFileError,
}


class ProcessStartError(RuntimeError):
    """The child process could not be started (the caller may run the job in-process)."""


class _ParentGone(Exception):
    """The parent closed its end: nobody waits for the result any more."""


# -- parent side -----------------------------------------------------------------------------


class _PipeWriter:
    """A file-like ``write`` that sends each chunk the pickler produces as one message."""

    def __init__(self, conn: Any, should_cancel: ShouldCancel) -> None:
        self._conn = conn
        self._should_cancel = should_cancel
        self.chunks = 0

    def write(self, data: Any) -> int:
        if self._should_cancel():
            raise CancelledError("已取消 / cancelled")
        self._conn.send_bytes(data)
        self.chunks += 1
        return memoryview(data).nbytes


def run_in_process(
    target: Target,
    payload: Any,
    progress: StageProgress,
    should_cancel: ShouldCancel,
    *,
    name: str = "policydesk-job",
) -> Any:
    """Run ``target(payload, progress, should_cancel)`` in a child process and return its
    result. Blocks the calling (worker) thread, mostly waiting on the pipe with the lock
    released. Raises what the child raised (:class:`CancelledError`, :class:`DesktopError`
    and its :class:`OutputFileError`), :class:`ProcessStartError` when no child could be
    started, and :class:`DesktopError` when the child died without a word."""
    ctx = multiprocessing.get_context("spawn")
    task_in, task_out = ctx.Pipe(duplex=False)  # parent writes task_out, child reads task_in
    msg_in, msg_out = ctx.Pipe(duplex=False)  # child writes msg_out, parent reads msg_in
    cancel = ctx.Event()
    process = ctx.Process(
        target=_child_main,
        args=(target, task_in, msg_out, cancel),
        name=name,
        daemon=True,  # ends with the application
    )
    try:
        process.start()
    except (OSError, RuntimeError, pickle.PicklingError) as exc:
        for conn in (task_in, task_out, msg_in, msg_out):
            conn.close()
        raise ProcessStartError(f"could not start a child process: {exc}") from exc
    task_in.close()
    msg_out.close()
    cancelled_at: float | None = None
    try:
        try:
            writer = _PipeWriter(task_out, should_cancel)
            # Pickling allocates (its memo, the frames) without making cycles; a collection
            # it triggered would walk the whole window's heap while holding the lock.
            with gc_paused():
                pickle.Pickler(writer, protocol=pickle.HIGHEST_PROTOCOL).dump(payload)
            task_out.send_bytes(b"")
            log.debug("%s: payload sent in %d chunks", name, writer.chunks)
        except (BrokenPipeError, EOFError, OSError):
            pass  # the child died while reading: its exit code tells below
        finally:
            task_out.close()
        while True:
            if cancelled_at is None and should_cancel():
                cancel.set()
                cancelled_at = time.monotonic()
            if cancelled_at is not None and time.monotonic() - cancelled_at > GRACE:
                raise CancelledError("已取消 / cancelled")
            try:
                ready = msg_in.poll(POLL)
                message = msg_in.recv() if ready else None
            except (EOFError, OSError):
                message = None
                ready = True  # the pipe closed: the child is gone
            if message is None:
                if ready or not process.is_alive():
                    process.join(1.0)
                    if cancelled_at is not None:
                        raise CancelledError("已取消 / cancelled")
                    raise DesktopError(
                        f"后台进程意外退出（退出码 {process.exitcode}），目标文件未改动；"
                        f"详情见日志 / the background process stopped unexpectedly "
                        f"(exit code {process.exitcode}); the target files were left as they "
                        f"were, see the log"
                    )
                continue
            kind = message[0]
            if kind == "progress":
                if cancelled_at is None:
                    progress(message[1], message[2], message[3])
                continue
            return _outcome(name, message, cancelled_at is not None)
    except CancelledError:
        cancel.set()
        raise
    finally:
        msg_in.close()
        _stop(process)


def _outcome(name: str, message: tuple[Any, ...], cancelled: bool) -> Any:
    kind = message[0]
    if kind == "done":
        if cancelled:
            raise CancelledError("已取消 / cancelled")
        return message[1]
    if kind == "cancelled":
        raise CancelledError("已取消 / cancelled")
    if kind == "failed":
        raise _ERRORS.get(message[1], DesktopError)(message[2])
    # "error": an unexpected exception in the child; its traceback goes to the log
    log.error("%s: unexpected error in the child process\n%s", name, message[1])
    last = message[1].strip().splitlines()[-1] if message[1].strip() else "?"
    raise RuntimeError(f"{name} failed in its child process: {last}")


def _stop(process: Any) -> None:
    """Let the child end by itself (it was told to, or is finishing), then make sure."""
    process.join(GRACE)
    if process.is_alive():
        log.warning("%s did not stop within %.0f s: terminating it", process.name, GRACE)
        process.terminate()
        process.join(2.0)
    if process.is_alive():  # pragma: no cover - a child ignoring SIGTERM
        process.kill()
        process.join(2.0)
    process.close()


# -- child side ------------------------------------------------------------------------------


def _child_main(target: Target, task_in: Any, msg_out: Any, cancel: Any) -> None:
    """The child's whole life: read the payload, run the target, report one outcome."""
    _lower_priority()
    parent = multiprocessing.parent_process()
    last_parent_check = 0.0
    parent_alive = True
    last_sent: tuple[int, str, str] = (-1, "", "")
    last_time = 0.0

    def send(message: tuple[Any, ...]) -> None:
        try:
            msg_out.send(message)
        except (BrokenPipeError, EOFError, OSError) as exc:
            raise _ParentGone from exc

    def should_cancel() -> bool:
        nonlocal last_parent_check, parent_alive
        if cancel.is_set():
            return True
        now = time.monotonic()
        if parent is not None and now - last_parent_check > PARENT_CHECK:
            last_parent_check = now
            parent_alive = parent.is_alive()
        return not parent_alive

    def progress(fraction: float, stage: str, detail: str) -> None:
        nonlocal last_sent, last_time
        percent = max(0, min(1000, round(float(fraction) * 1000)))
        now = time.monotonic()
        if (percent, stage, detail) == last_sent:
            return
        same_stage = (percent, stage) == last_sent[:2]
        if same_stage and now - last_time < PROGRESS_INTERVAL:
            return
        last_sent, last_time = (percent, stage, detail), now
        send(("progress", float(fraction), stage, detail))

    try:
        try:
            payload = _receive(task_in)
            task_in.close()
            result = target(payload, progress, should_cancel)
        except _ParentGone:
            raise
        except CancelledError:
            send(("cancelled",))
        except DesktopError as exc:
            send(("failed", type(exc).__name__, str(exc)))
        except BaseException:
            send(("error", traceback.format_exc()))
        else:
            send(("done", result))
    except _ParentGone:
        pass  # nobody is listening; files were written atomically or not at all
    finally:
        msg_out.close()


def _receive(conn: Any) -> Any:
    buffer = io.BytesIO()
    while chunk := conn.recv_bytes():
        buffer.write(chunk)
    return pickle.loads(buffer.getbuffer())


def _lower_priority() -> None:
    """Below the window's priority: on a two-core laptop the export takes a core, never the
    GUI thread's turn."""
    try:
        if sys.platform == "win32":
            import ctypes

            below_normal = 0x00004000
            kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
            kernel32.SetPriorityClass(kernel32.GetCurrentProcess(), below_normal)
        else:
            os.nice(5)
    except (OSError, AttributeError):  # not allowed or not available: run as is
        pass


__all__ = ["ProcessStartError", "StageProgress", "run_in_process"]

"""Background jobs: result, expected and unexpected errors, progress, cancellation."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import logging
import threading

import pytest
from PySide6.QtCore import QThreadPool

from desktop.errors import CancelledError, InputFileError
from desktop.ui.workers import Job


@pytest.fixture
def pool(qapp):
    pool = QThreadPool()
    yield pool
    assert pool.waitForDone(5000), "a job was left running"


def test_result_arrives_on_the_gui_thread(qtbot, pool) -> None:
    seen: list[tuple[object, bool]] = []
    main = threading.get_ident()
    job = Job(lambda progress, should_cancel: threading.get_ident())
    job.finished.connect(lambda result: seen.append((result, threading.get_ident() == main)))
    with qtbot.waitSignal(job.finished, timeout=5000):
        job.start(pool)
    worker_ident, on_gui_thread = seen[0]
    assert worker_ident != main
    assert on_gui_thread


def test_progress_is_reported_as_percent(qtbot, pool) -> None:
    reports: list[tuple[int, str]] = []

    def work(progress, should_cancel):
        for step in range(5):
            progress(step / 4, f"step {step}")
        return "done"

    job = Job(work)
    job.progress.connect(lambda pct, text: reports.append((pct, text)))
    with qtbot.waitSignal(job.finished, timeout=5000) as blocker:
        job.start(pool)
    assert blocker.args == ["done"]
    assert reports[0] == (0, "step 0")
    assert reports[-1] == (100, "step 4")


def test_desktop_error_message_is_passed_on(qtbot, pool) -> None:
    def work(progress, should_cancel):
        raise InputFileError("第3行缺少统一社会信用代码")

    job = Job(work)
    with qtbot.waitSignal(job.failed, timeout=5000) as blocker:
        job.start(pool)
    assert blocker.args == ["第3行缺少统一社会信用代码"]


def test_unexpected_error_is_logged_and_shown_generically(qtbot, pool, caplog) -> None:
    def work(progress, should_cancel):
        raise ZeroDivisionError("internal detail")

    job = Job(work, name="boom")
    with caplog.at_level(logging.ERROR), qtbot.waitSignal(job.failed, timeout=5000) as blocker:
        job.start(pool)
    message = blocker.args[0]
    assert "internal detail" not in message and "Traceback" not in message
    assert "日志" in message
    assert any(r.exc_info and r.exc_info[0] is ZeroDivisionError for r in caplog.records)


def test_long_job_is_cancelled(qtbot, pool) -> None:
    started = threading.Event()

    def work(progress, should_cancel):
        started.set()
        while not should_cancel():
            threading.Event().wait(0.01)
        raise CancelledError("cancelled")

    job = Job(work)
    finished: list[object] = []
    job.finished.connect(finished.append)
    job.start(pool)
    assert started.wait(5)
    assert job.is_running
    with qtbot.waitSignal(job.cancelled, timeout=5000):
        job.cancel()
    assert job.wait(5)
    assert not job.is_running
    assert finished == []


def test_result_of_a_cancelled_job_is_discarded(qtbot, pool) -> None:
    release = threading.Event()

    def work(progress, should_cancel):
        release.wait(5)
        return "too late"

    job = Job(work)
    finished: list[object] = []
    job.finished.connect(finished.append)
    job.start(pool)
    job.cancel()
    with qtbot.waitSignal(job.cancelled, timeout=5000):
        release.set()
    assert finished == []


def test_a_job_starts_once(qtbot, pool) -> None:
    job = Job(lambda progress, should_cancel: None)
    with qtbot.waitSignal(job.finished, timeout=5000):
        job.start(pool)
    with pytest.raises(RuntimeError):
        job.start(pool)


def test_emit_leaves_reference_counts_balanced(qapp) -> None:
    """PySide6 6.12.0 drops a reference to True on every emit; qtcompat.emit gives it back."""
    import sys

    from PySide6.QtCore import QObject, Signal

    from desktop.ui.qtcompat import emit

    class Source(QObject):
        changed = Signal(object)

    source = Source()
    received: list[object] = []
    source.changed.connect(received.append)
    before = sys.getrefcount(True)
    for value in range(500):
        emit(source.changed, value)
    assert received == list(range(500))
    assert abs(sys.getrefcount(True) - before) < 100


def test_a_delayed_job_waits_then_runs(qtbot, pool) -> None:
    import time

    started: list[float] = []
    job = Job(lambda progress, cancelled: started.append(time.monotonic()) or 42, delay=0.2)
    begun = time.monotonic()
    with qtbot.waitSignal(job.finished, timeout=5000) as blocker:
        job.start(pool)
        assert job.is_running  # busy from the start, though fn has not begun
    assert blocker.args == [42]
    assert started[0] - begun >= 0.19


def test_a_delayed_job_cancelled_while_waiting_never_runs(qtbot, pool) -> None:
    ran: list[bool] = []
    job = Job(lambda progress, cancelled: ran.append(True), delay=30)
    with qtbot.waitSignal(job.cancelled, timeout=5000):
        job.start(pool)
        job.cancel()
    assert ran == [] and job.wait(1)

"""One place that turns errors into dialogs, and a log file for the ones we did not expect.

A :class:`~desktop.errors.DesktopError` carries a message written for the analyst; it is
shown as is. Anything else is a bug: the traceback goes to the log file under
``user_data_dir()/logs`` and the analyst sees a short message saying where it is — never a
raw traceback, and the window stays open with its data.
"""

from __future__ import annotations

import logging
import sys
import threading
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType
from typing import Any

from desktop.errors import DesktopError
from desktop.paths import user_data_dir
from desktop.ui.i18n import tr

log = logging.getLogger("desktop.ui")

LOG_NAME = "policydesk.log"
_handler: logging.Handler | None = None


def log_file_path() -> Path:
    return user_data_dir() / "logs" / LOG_NAME


def setup_logging(level: int = logging.INFO) -> Path | None:
    """Log to a rotating file in the user's data folder (once); the path, or None if unwritable."""
    global _handler
    path = log_file_path()
    if _handler is not None:
        return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(path, maxBytes=2_000_000, backupCount=3, encoding="utf-8")
    except OSError:
        logging.getLogger(__name__).warning("cannot write the log file %s", path)
        return None
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s")
    )
    root = logging.getLogger()
    root.addHandler(handler)
    if root.level > level or root.level == logging.NOTSET:
        root.setLevel(level)
    _handler = handler
    return path


def unexpected_error_message() -> str:
    return tr("error.unexpected", log=log_file_path())


def show_error(parent: Any, message: str) -> None:
    """Show ``message`` in a modal box. Tests patch ``QMessageBox.critical``."""
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.critical(parent, tr("error.title"), message)


def report_exception(parent: Any, exc: BaseException) -> None:
    """Show a DesktopError's own message; log anything else and show the generic one."""
    if isinstance(exc, DesktopError):
        log.info("shown to the user: %s", exc)
        show_error(parent, str(exc))
        return
    log.error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
    show_error(parent, unexpected_error_message())


_in_hook = threading.local()


def _excepthook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, exc, tb)
        return
    log.critical("uncaught exception", exc_info=(kind, exc, tb))
    if getattr(_in_hook, "active", False):
        return  # an error while showing the error: logging it is all we can do
    _in_hook.active = True
    try:
        from PySide6.QtCore import QThread
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance()
        if app is None or QThread.currentThread() is not app.thread():
            return
        parent = QApplication.activeWindow()
        if isinstance(exc, DesktopError):
            show_error(parent, str(exc))
        else:
            show_error(parent, unexpected_error_message())
    except Exception:
        log.exception("failed to show the error dialog")
    finally:
        _in_hook.active = False


def _thread_excepthook(args: threading.ExceptHookArgs) -> None:
    log.critical(
        "uncaught exception in thread %s",
        getattr(args.thread, "name", "?"),
        exc_info=(args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback),
    )


def install_excepthook() -> None:
    """Route uncaught exceptions (slots, event handlers, threads) to the log and a dialog."""
    sys.excepthook = _excepthook
    threading.excepthook = _thread_excepthook


__all__ = [
    "install_excepthook",
    "log_file_path",
    "report_exception",
    "setup_logging",
    "show_error",
    "unexpected_error_message",
]

"""Start the desktop application: ``run_gui(argv, open_path, sample, lang) -> exit code``.

``desktop/__main__.py`` calls this; PySide6 is imported here (lazily, inside the function's
module) so the command-line paths of PolicyDesk never load Qt.
"""

from __future__ import annotations

import gc
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from desktop import __version__

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

APP_NAME = "PolicyDesk"
ORG_NAME = "PolicyDesk"


def create_application(argv: list[str]) -> QApplication:
    """The QApplication (reused if one exists, e.g. under pytest-qt), named and with our font."""
    from PySide6.QtWidgets import QApplication

    from desktop.ui.fonts import install_qt_font

    existing = QApplication.instance()
    if existing is not None and not isinstance(existing, QApplication):
        raise RuntimeError("a non-GUI QCoreApplication already exists in this process")
    app = existing if existing is not None else QApplication(list(argv) or [APP_NAME])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORG_NAME)
    app.setApplicationDisplayName("科创金融政策测算台")
    app.setApplicationVersion(__version__)
    install_qt_font(app)
    return app


GIL_SWITCH_INTERVAL = 0.00005  # seconds (Python's default: 0.005)


def tune_interpreter() -> None:
    """Process-wide settings the window's responsiveness depends on; called before the
    window is built (the responsiveness test calls it too, to measure what users get).

    The window's Qt calls into Python (every model and delegate call of a repaint, every
    timer) take the GIL each time; while a worker thread runs Python code (the engine's
    glue), each hand-over waits up to the switch interval, and a repaint makes hundreds:
    with the default 5 ms, seconds of frozen window (py-spy --native: the GUI thread in
    ``Shiboken::GilState::acquire``). 0.05 ms bounds that; it costs nothing while only one
    thread wants the GIL. (The export, the worst case, now runs in a child process.)
    """
    sys.setswitchinterval(GIL_SWITCH_INTERVAL)


def run_gui(
    argv: list[str],
    open_path: Path | None = None,
    sample: bool = False,
    lang: str | None = None,
) -> int:
    """Show the main window, optionally opening a file or the sample; return the exit code.

    ``lang`` ("zh" or "en") picks the interface language; Chinese when None.
    """
    from desktop.ui import i18n
    from desktop.ui.errors import install_excepthook, setup_logging

    if lang is None:
        from desktop.settings import load_settings

        lang = load_settings().language
    i18n.set_language(lang)

    log_path = setup_logging()
    install_excepthook()
    tune_interpreter()
    log.info("PolicyDesk %s starting (log: %s)", __version__, log_path)
    app = create_application(argv)
    i18n.install(app)

    from desktop.fonts import register_matplotlib_font
    from desktop.ui.main_window import MainWindow

    try:
        register_matplotlib_font()
    except Exception:  # charts fall back to system fonts; never block start-up on this
        log.exception("could not register the bundled font with matplotlib")
    window = MainWindow()
    window.show()
    if open_path is not None:
        window.open_path(Path(open_path))
    elif sample:
        window.open_sample()
    else:
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, window.offer_recovery)  # after a crash: bring the work back
    # Everything loaded so far (Qt, pandas, the catalogue) lives as long as the process:
    # keep it out of the cyclic collector's full passes, which otherwise stall the window.
    gc.freeze()
    code = app.exec()
    log.info("PolicyDesk exiting with code %s", code)
    return int(code)


if __name__ == "__main__":  # pragma: no cover - convenience for developers
    sys.exit(run_gui(sys.argv, sample="--sample" in sys.argv))

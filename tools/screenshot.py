"""Save a PNG of the main window with real data, to check how the product looks.

    python tools/screenshot.py out.png                 # offscreen, no display needed
    xvfb-run -a python tools/screenshot.py out.png     # through a real X server
    python tools/screenshot.py out.png --lang en --measure jjr-2022-190.16
    python tools/screenshot.py out.png --params --set jjr-2022-190.16.ratio=50%
    python tools/screenshot.py out.png --screen library --measure jjr-2022-190.16
    python tools/screenshot.py out.png --screen charts      # or quality, institutions
    python tools/screenshot.py out.png --import messy.xlsx   # the import dialog for a file
    python tools/screenshot.py out.png --screen start       # the start page (recent files)
    python tools/screenshot.py out.png --screen export      # the export dialog
    python tools/screenshot.py out.png --screen scenarios   # two alternatives, compared

Opens the sample workbook (or, if it is missing, the built-in demo portfolio), selects the
enterprise that qualifies for the most measures (or ``--uscc``), and grabs the window.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

if TYPE_CHECKING:
    from desktop.ui.table_data import EnterpriseTable


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output", type=Path, help="PNG file to write")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh")
    parser.add_argument("--size", default="1440x860", help="window size, WIDTHxHEIGHT")
    parser.add_argument("--as-of", type=dt.date.fromisoformat, default=None)
    parser.add_argument("--uscc", help="credit code of the enterprise to select")
    parser.add_argument("--measure", help="measure id to explain (default: all measures)")
    parser.add_argument("--demo", action="store_true", help="use the demo portfolio")
    parser.add_argument("--welcome", action="store_true", help="capture the empty window")
    parser.add_argument("--params", action="store_true", help="show the parameters screen")
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="change a parameter as the parameters screen would (highlights the changes)",
    )
    parser.add_argument(
        "--screen",
        choices=("library", "charts", "quality", "institutions", "start", "export", "scenarios"),
        help="show the 政策库 / 图表 / 数据质量 dock, the start page, the export dialog or "
        "the 情景 screen (with two alternatives, compared)",
    )
    parser.add_argument("--search", help="library: full-text search text")
    parser.add_argument(
        "--tab", type=int, default=1, help="scenarios: the tab to show (0 = settings, 1…5)"
    )
    parser.add_argument(
        "--import",
        dest="import_file",
        type=Path,
        help="open this file and capture the import dialog (shown even for a certain mapping)",
    )
    return parser.parse_args(argv)


def _best_position(table: EnterpriseTable) -> int:
    """Position of the enterprise with the most eligible measures, then the largest amount."""
    best, best_key = 0, (-1, -1)
    for row in range(table.rows):
        eligible = [m for m in table.measures if m.status[row] == "eligible"]
        key = (len(eligible), sum(m.amount_fen[row] or 0 for m in eligible))
        if key > best_key:
            best, best_key = row, key
    return best


def _fill_recent(window: object) -> None:
    """Recent projects and lists for the start page: the sample, a project, a missing file."""
    import time

    from desktop.paths import sample_portfolio
    from desktop.project import Project, save_project

    folder = Path(tempfile.mkdtemp(prefix="policydesk-shot-files-"))
    settings = window.settings  # type: ignore[attr-defined]
    now = time.time()
    sample = sample_portfolio()
    # Oldest first, so the newest ends on top; the ones never written show as missing.
    settings.add_recent_file(folder / "海淀区科创企业名单_2024年报.xlsx", when=now - 86400 * 40)
    settings.add_recent_file(sample.with_name("示例企业名单（副本）.xlsx"), when=now - 3600 * 26)
    settings.add_recent_file(sample, when=now - 600)
    settings.add_recent_project(folder / "已删除的项目.pdesk", when=now - 86400 * 60)
    for name, age in (("担保补偿情景对比.pdesk", 86400 * 9), ("2025年二季度贴息测算.pdesk", 7200)):
        path = save_project(Project(sample, None, dt.date(2025, 6, 30)), folder / name)
        settings.add_recent_project(path, when=now - age)
    window._refresh_start_page()  # type: ignore[attr-defined]


def _compare_two(window: object, loop: object, tab: int = 1) -> bool:
    """Two alternatives (a higher subsidy ratio; one at a later date), compared."""
    from desktop.core.scenarios import Scenario

    win = window  # MainWindow; typed loosely so the tool imports no Qt at module level
    panel = win.scenarios  # type: ignore[attr-defined]
    base = panel.baseline
    panel.set_alternatives(
        [
            Scenario(
                name="贴息比例提高至60%",
                as_of=base.as_of,
                overrides={"jjr-2022-190.16.ratio": "0.6"},
            ),
            Scenario(name="基准日延后一年", as_of=base.as_of.replace(year=base.as_of.year + 1)),
        ]
    )
    win.show_scenarios()  # type: ignore[attr-defined]
    win.resizeDocks(  # type: ignore[attr-defined]
        [win.scenarios_dock],  # type: ignore[attr-defined]
        [int(win.height() * 0.55)],  # type: ignore[attr-defined]
        __import__("PySide6.QtCore", fromlist=["Qt"]).Qt.Orientation.Vertical,
    )
    done: list[object] = []
    panel.compared.connect(lambda result: (done.append(result), loop.quit()))  # type: ignore[attr-defined]
    win.job_failed.connect(lambda _m: loop.quit())  # type: ignore[attr-defined]
    if panel.compare() is None:
        return False
    loop.exec()  # type: ignore[attr-defined]
    if not done:
        print("screenshot: the comparison failed", file=sys.stderr)
        return False
    panel.select("贴息比例提高至60%")
    panel.tabs.setCurrentIndex(tab)
    return True


def main(argv: list[str] | None = None) -> int:
    args = _parse(sys.argv[1:] if argv is None else argv)
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # Settings, autosave and logs of a screenshot run stay out of the real user folder.
    os.environ.setdefault("POLICYDESK_HOME", tempfile.mkdtemp(prefix="policydesk-shot-"))

    from PySide6.QtCore import QEventLoop, Qt, QTimer

    from desktop.fonts import register_matplotlib_font
    from desktop.paths import sample_portfolio
    from desktop.ui import i18n
    from desktop.ui.app import create_application
    from desktop.ui.demo import demo_portfolio
    from desktop.ui.main_window import MainWindow

    app = create_application(["screenshot"])
    register_matplotlib_font()
    i18n.set_language(args.lang)
    i18n.install(app)  # as run_gui does: our messages and Qt's own (dialog buttons)
    width, height = (int(v) for v in args.size.lower().split("x"))
    window = MainWindow(as_of=args.as_of)  # None: as the app, the data's 数据截至 or today
    window.resize(width, height)
    window.show()

    if args.import_file is not None:
        from desktop.ui.import_data import inspect_input

        inspection = inspect_input(args.import_file, lambda *_: None, lambda: False)
        window.show_import_dialog(inspection)
        dialog = window.import_dialog
        assert dialog is not None
        for _ in range(5):
            app.processEvents()
        args.output.parent.mkdir(parents=True, exist_ok=True)
        ok = dialog.grab().save(str(args.output))
        print(args.output if ok else f"screenshot: cannot write {args.output}")
        dialog.reject()
        window.close()
        return 0 if ok else 1

    if args.screen == "start":
        _fill_recent(window)
        args.welcome = True
    if not args.welcome:
        loop = QEventLoop()
        failures: list[str] = []
        window.evaluation_changed.connect(lambda _evaluation: loop.quit())
        window.job_failed.connect(failures.append)
        window.job_failed.connect(lambda _message: loop.quit())
        QTimer.singleShot(60_000, loop.quit)
        if sample_portfolio().is_file() and not args.demo:
            window.open_sample()
        else:
            window.set_portfolio(demo_portfolio(), "演示数据" if args.lang == "zh" else "demo")
        loop.exec()
        if failures or window.current_evaluation is None:
            print(f"screenshot: evaluation failed: {failures}", file=sys.stderr)
            return 1
        if not (args.uscc and window.select_uscc(args.uscc, args.measure)):
            window.select(_best_position(window.model.table), args.measure)
        if args.params:
            window.show_parameters()
        if args.screen == "export":
            dialog = window.choose_and_export()
            assert dialog is not None
            dialog.brief_box.setChecked(True)
            for _ in range(5):
                app.processEvents()
            args.output.parent.mkdir(parents=True, exist_ok=True)
            ok = dialog.grab().save(str(args.output))
            print(args.output if ok else f"screenshot: cannot write {args.output}")
            dialog.reject()
            window.close()
            return 0 if ok else 1
        if args.screen == "scenarios":
            if not _compare_two(window, loop, args.tab):
                return 1
        elif args.screen:
            window.show_screen(args.screen)
            window.resizeDocks(
                [window.screen_docks[args.screen]], [width * 11 // 20], Qt.Orientation.Horizontal
            )
            if args.screen == "charts":
                window.charts.wait_until_drawn()  # drawn on a worker once the dock shows
            if args.screen == "library":
                if args.search:
                    window.library.set_search(args.search)
                window.library.select(args.measure or "jjr-2022-190.16")
        for assignment in args.set:
            key, _, value = assignment.partition("=")
            if window.set_parameter(key.strip(), value.strip()):
                loop.exec()
            else:
                print(f"screenshot: {window.params_panel.error_text}", file=sys.stderr)

    for _ in range(5):  # let layouts and the text browser settle
        app.processEvents()
    args.output.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(args.output)):
        print(f"screenshot: cannot write {args.output}", file=sys.stderr)
        return 1
    print(args.output)
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

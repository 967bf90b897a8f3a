"""The main window end to end, offscreen: open, evaluate, inspect, drop, cancel, fail."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from desktop.errors import CancelledError
from desktop.paths import sample_portfolio
from desktop.ui import i18n
from desktop.ui.demo import BIO, QUANTUM, STAR, demo_portfolio
from desktop.ui.main_window import MainWindow

IP = "jjr-2022-190.16"
IPO = "jjr-2022-190.28.ipo"
AS_OF = dt.date(2025, 6, 30)
IP_QUOTE = "对于符合条件的科创企业获得知识产权质押融资"
CSV = (
    "统一社会信用代码,企业名称,注册区,营业收入,高新技术企业\n"
    f"{STAR},北京星云智能科技有限公司,海淀区,50000000,是\n"
    f"{BIO},北京中关村生物医药股份有限公司,海淀区,150000000,是\n"
)


@pytest.fixture
def window(qtbot, catalogue, errors, monkeypatch, tmp_path):
    monkeypatch.setenv("POLICYDESK_HOME", str(tmp_path / "home"))
    win = MainWindow(catalogue, as_of=AS_OF)
    qtbot.addWidget(win)
    win.show()
    yield win
    win.cancel_jobs()
    assert win.wait_for_jobs(10_000), "a job was left running"


def _evaluate_demo(qtbot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.evaluation_changed, timeout=10_000):
        window.set_portfolio(demo_portfolio(), "demo")


def _cell_text(window: MainWindow, uscc: str, measure_id: str) -> str:
    model = window.model
    return model.index(model.row_of(uscc), model.column_of(measure_id)).data()


def test_evaluated_portfolio_fills_table_totals_and_status(qtbot, window, errors) -> None:
    _evaluate_demo(qtbot, window)
    evaluation = window.current_evaluation
    assert evaluation is not None and evaluation.as_of == AS_OF
    assert window.table_view.model().rowCount() == 5
    assert _cell_text(window, STAR, IP) == "符合 · 220,000.00"
    assert _cell_text(window, QUANTUM, IP) == "待补数据"
    assert _cell_text(window, BIO, IPO) == "符合 · 3,000,000.00 · 按上限估算【假设】"
    assert window.totals_model.rowCount() == len(evaluation.measure_ids)
    assert "企业 5 家" in window.summary_label.text()
    from desktop.ui.table_data import amounts_text, build_enterprise_table

    table = build_enterprise_table(evaluation)
    total = sum(t["amount_fen"] for t in evaluation.totals().values())
    assert sum(f for _, f in table.by_recipient) == total
    # the amounts by recipient class, never one bare 测算总额
    assert amounts_text(table) in window.summary_label.text()
    assert "测算总额" not in window.summary_label.text()
    assert window.actions_.export.isEnabled()
    assert not window.progress_strip.isVisible()
    assert errors == []


def test_detail_pane_explains_the_selected_cell(qtbot, window) -> None:
    _evaluate_demo(qtbot, window)
    window.select_uscc(STAR, IP)
    text = window.detail_text()
    assert "北京星云智能科技有限公司" in text
    assert IP_QUOTE in text
    assert "京金融〔2022〕190号" in text and "第16条" in text
    assert "✓ 营业收入不超过上限" in text
    assert "DK2024-001" in text and "DK2024-002" in text
    assert "220,000.00元" in text
    assert "【假设】" in text and "贴息比例" in text
    # the assumption's original source (title, issuer, date), never a private reference file
    assert "关于建立实施中关村知识产权质押融资成本分担和风险补偿机制的若干措施" in text
    assert "市科委、中关村管委会，2021-03" in text


def test_detail_pane_lists_missing_fields(qtbot, window) -> None:
    _evaluate_demo(qtbot, window)
    window.select_uscc(QUANTUM, IP)
    text = window.detail_text()
    assert "待补数据" in text
    assert "? 营业收入不超过上限" in text
    assert "待补字段" in text and "营业收入" in text


def test_name_column_shows_all_measures(qtbot, window, catalogue) -> None:
    _evaluate_demo(qtbot, window)
    window.select_uscc(BIO)
    text = window.detail_text()
    for measure_id in window.current_evaluation.measure_ids:
        assert catalogue.measure(measure_id).measure.name in text
    assert text.index("海淀区境内外上市中介费用补贴") < text.index("知识产权质押贷款贴息")


def test_sorting_keeps_the_selection_and_survives_re_evaluation(qtbot, window) -> None:
    _evaluate_demo(qtbot, window)
    window.select_uscc(QUANTUM, IP)
    column = window.model.column_of(IPO)
    window.table_view.sortByColumn(column, Qt.DescendingOrder)
    assert window.proxy.index(0, column).data() == "符合 · 3,000,000.00 · 按上限估算【假设】"
    assert window.proxy.index(0, 0).data() == BIO
    current = window.proxy.mapToSource(window.table_view.currentIndex())
    assert window.model.table.uscc[window.model.position(current.row())] == QUANTUM
    assert "北京海淀量子材料有限公司" in window.detail_text()
    with qtbot.waitSignal(window.evaluation_changed, timeout=10_000):
        window.set_as_of(dt.date(2025, 1, 1))
    assert window.proxy.index(0, 0).data() == BIO  # still sorted
    assert "北京海淀量子材料有限公司" in window.detail_text()
    window.table_view.sortByColumn(0, Qt.AscendingOrder)
    assert window.proxy.index(0, 0).data() == min(window.model.table.uscc)


def test_measures_nobody_qualifies_for_are_hidden_until_asked(qtbot, window) -> None:
    _evaluate_demo(qtbot, window)
    model, view = window.model, window.table_view
    evaluation = window.current_evaluation
    empty = [
        mid
        for mid, outcome in evaluation.outcomes.items()
        if (outcome.enterprise["status"] == "ineligible").all()
    ]
    assert empty, "the demo should leave some measures without any candidate"
    assert all(view.isColumnHidden(model.column_of(mid)) for mid in empty)
    assert not view.isColumnHidden(model.column_of(IP))
    shown = len(evaluation.measure_ids) - len(empty)
    assert f"显示 {shown} / {len(evaluation.measure_ids)} 项措施" in window.summary_label.text()
    window.actions_.hide_empty.trigger()  # unchecks: show every measure
    assert not any(view.isColumnHidden(c) for c in range(model.columnCount()))
    assert "项措施" not in window.summary_label.text()
    assert window.totals_model.rowCount() == len(evaluation.measure_ids)  # totals list all


def test_all_measures_view_lists_ineligible_measures_briefly(qtbot, window) -> None:
    _evaluate_demo(qtbot, window)
    window.select_uscc(BIO)
    html = window.detail.toHtml()
    text = window.detail_text()
    assert "不符合的措施（" in text
    assert text.count("政策出处") == sum(
        str(o.enterprise["status"].iloc[3]) != "ineligible"
        for o in window.current_evaluation.outcomes.values()
    )
    assert "✗" in html


def test_search_box_filters_rows(qtbot, window) -> None:
    _evaluate_demo(qtbot, window)
    window.search_edit.setText("生物医药")
    assert window.proxy.rowCount() == 1
    assert "显示 1 / 5 家" in window.summary_label.text()
    window.search_edit.clear()
    assert window.proxy.rowCount() == 5


def test_changing_the_as_of_date_re_evaluates(qtbot, window) -> None:
    _evaluate_demo(qtbot, window)
    window.select_uscc(STAR, IP)
    with qtbot.waitSignal(window.evaluation_changed, timeout=10_000) as blocker:
        window.set_as_of(dt.date(2021, 1, 1))  # before 190号 was issued
    assert blocker.args[0].as_of == dt.date(2021, 1, 1)
    assert _cell_text(window, STAR, IP) == "不符合"
    assert "早于施行日期" in window.detail_text()  # the selection survived the re-run


def test_date_box_edit_triggers_evaluation(qtbot, window) -> None:
    _evaluate_demo(qtbot, window)
    with qtbot.waitSignal(window.evaluation_changed, timeout=10_000) as blocker:
        window.date_edit.setDate(dt.date(2024, 12, 31))
    assert blocker.args[0].as_of == dt.date(2024, 12, 31)


@pytest.mark.parametrize("typed", ["2024-06-30", "20240630", "2024/6/30"])
def test_a_typed_date_replaces_the_whole_date_year_included(qtbot, window, typed) -> None:
    from PySide6.QtWidgets import QLineEdit

    _evaluate_demo(qtbot, window)
    box = window.date_edit
    line = box.findChild(QLineEdit)
    assert line is not None
    line.selectAll()  # as focusing the box does
    with qtbot.waitSignal(window.evaluation_changed, timeout=10_000) as blocker:
        qtbot.keyClicks(line, typed)
        qtbot.keyClick(line, Qt.Key.Key_Return)
    assert blocker.args[0].as_of == dt.date(2024, 6, 30)
    assert box.text() == "2024-06-30"


def test_parse_whole_date() -> None:
    from desktop.ui.widgets import parse_whole_date

    assert parse_whole_date("2024年6月30日") == dt.date(2024, 6, 30)
    assert parse_whole_date(" 2024.06.30 ") == dt.date(2024, 6, 30)
    assert parse_whole_date("2024-02-30") is None and parse_whole_date("2024-6") is None


def test_open_csv_through_the_reader(qtbot, window, tmp_path) -> None:
    path = tmp_path / "企业名单.csv"
    path.write_text(CSV, encoding="utf-8")
    with qtbot.waitSignal(window.evaluation_changed, timeout=10_000):
        window.open_path(path)
    assert window.current_path == path
    assert window.model.rowCount() == 2
    assert _cell_text(window, STAR, IP) == "不符合"  # no loans in a CSV
    assert "企业名单.csv" in window.summary_label.text()
    # The synthetic credit codes fail their check character: the reader notes it, we show it.
    issues = window.current_portfolio.issues
    assert issues and f"数据提示 {len(issues)} 条" in window.summary_label.text()
    assert "A2" in window.summary_label.toolTip()
    assert issues[0].message in window.summary_label.toolTip()


def test_loading_error_shows_message_and_window_stays_usable(
    qtbot, window, errors, tmp_path
) -> None:
    _evaluate_demo(qtbot, window)
    bad = tmp_path / "损坏.xlsx"
    bad.write_bytes(b"this is not a workbook")
    with qtbot.waitSignal(window.job_failed, timeout=10_000):
        window.open_path(bad)
    assert len(errors) == 1 and "损坏.xlsx" in errors[0]
    assert window.model.rowCount() == 5  # the previous results are still there
    assert not window.is_busy
    with qtbot.waitSignal(window.evaluation_changed, timeout=10_000):
        window.set_as_of(dt.date(2025, 1, 1))


def test_unexpected_error_is_logged_not_shown_as_traceback(
    qtbot, window, errors, monkeypatch, tmp_path
) -> None:
    def broken(*args, **kwargs):
        raise KeyError("internal")

    monkeypatch.setattr("desktop.ui.main_window.load_and_evaluate", broken)
    path = tmp_path / "a.xlsx"
    path.write_bytes(b"")
    with qtbot.waitSignal(window.job_failed, timeout=10_000):
        window.open_path(path)
    assert "Traceback" not in errors[0] and "KeyError" not in errors[0]
    assert str(tmp_path / "home" / "logs") in errors[0]


def test_unsupported_file_type_is_refused(window, errors, tmp_path) -> None:
    assert window.open_path(tmp_path / "notes.pdf") is None
    assert errors and "notes.pdf" in errors[0]


def _mime(*paths: Path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


def test_drop_of_a_workbook_opens_it(window, monkeypatch, tmp_path) -> None:
    opened: list[Path] = []
    monkeypatch.setattr(window, "open_path", lambda path, label=None: opened.append(path))
    workbook = tmp_path / "名单.xlsx"
    mime = _mime(tmp_path / "readme.txt", workbook)
    assert window.accepted_path(mime) == workbook
    event = QDropEvent(QPointF(10, 10), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    window.dropEvent(event)
    assert opened == [workbook]
    assert event.isAccepted()


def test_drop_of_other_files_is_ignored(window, monkeypatch, tmp_path) -> None:
    opened: list[Path] = []
    monkeypatch.setattr(window, "open_path", lambda path, label=None: opened.append(path))
    assert not window.handle_drop(_mime(tmp_path / "photo.png"))
    assert not window.handle_drop(QMimeData())
    assert window.handle_drop(_mime(tmp_path / "list.CSV"))
    assert opened == [tmp_path / "list.CSV"]


def test_cancel_button_stops_a_long_job(qtbot, window, errors) -> None:
    started = threading.Event()

    def long_job(progress, should_cancel):
        started.set()
        for step in range(10_000):
            if should_cancel():
                raise CancelledError("cancelled")
            progress(step / 10_000, "working")
            threading.Event().wait(0.01)
        return "finished"

    results: list[object] = []
    job = window.run_job(long_job, "长任务", results.append)
    assert started.wait(5)
    qtbot.waitUntil(window.progress_strip.isVisible, timeout=5000)
    with qtbot.waitSignal(job.cancelled, timeout=5000):
        qtbot.mouseClick(window.progress_strip.cancel_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: not window.progress_strip.isVisible(), timeout=5000)
    assert results == [] and errors == []
    _evaluate_demo(qtbot, window)  # still usable


def test_export_goes_through_the_exporter(qtbot, window, monkeypatch, tmp_path) -> None:
    """Wiring only: a stand-in for the export process's job receives the window's
    evaluation (what it was made from, and its fingerprint) and the paths."""
    import json

    import job_targets

    monkeypatch.setattr("desktop.jobs.export.export_job", job_targets.record_export)
    _evaluate_demo(qtbot, window)
    target = tmp_path / "结果.xlsx"
    with qtbot.waitSignal(window.export_finished, timeout=30_000) as blocker:
        window.export_to(target)
    assert blocker.args == [target]
    seen = json.loads(target.read_text(encoding="utf-8"))
    evaluation = window.current_evaluation
    assert seen == {
        "input_path": None,
        "lang": "zh",
        "as_of": evaluation.as_of.isoformat(),
        "overrides": [],
        "enterprises": len(evaluation.portfolio.enterprises),
        "fingerprint": repr(evaluation.fingerprint()),
    }


def test_export_with_the_real_exporter(qtbot, window, tmp_path) -> None:
    pytest.importorskip("desktop.export.workbook")
    _evaluate_demo(qtbot, window)
    target = tmp_path / "结果.xlsx"
    with qtbot.waitSignal(window.export_finished, timeout=30_000):
        window.export_to(target)
    assert target.is_file() and target.stat().st_size > 0
    assert "已导出" in window.statusBar().currentMessage()


def test_export_error_is_shown(qtbot, window, errors, tmp_path) -> None:
    pytest.importorskip("desktop.export.workbook")
    _evaluate_demo(qtbot, window)
    with qtbot.waitSignal(window.job_failed, timeout=30_000):
        window.export_to(tmp_path / "no such folder" / "结果.xlsx")
    assert len(errors) == 1
    assert not window.is_busy


def test_language_switch_retranslates_the_window(qtbot, window) -> None:
    _evaluate_demo(qtbot, window)
    window.select_uscc(STAR, IP)
    try:
        i18n.set_language("en")
        assert window.actions_.file_menu.title() == "&File"
        assert _cell_text(window, STAR, IP) == "Eligible · 220,000.00"
        assert "Reasons" in window.detail_text()
    finally:
        i18n.set_language("zh")
    assert window.actions_.file_menu.title() == "文件(&F)"
    assert _cell_text(window, STAR, IP) == "符合 · 220,000.00"


def test_sample_workbook_opens(qtbot, window, errors) -> None:
    if not sample_portfolio().is_file():
        pytest.skip("the sample workbook is not in this checkout")
    with qtbot.waitSignal(window.evaluation_changed, timeout=30_000):
        window.open_sample()
    assert window.model.rowCount() > 0
    assert "示例数据" in window.summary_label.text()
    window.select(0)
    assert window.detail_text()
    assert errors == []


def test_main_actions_have_shortcuts_and_tooltips(window) -> None:
    actions = window.actions_
    shortcuts = {
        actions.open: "Ctrl+O",
        actions.open_project: "Ctrl+Shift+O",
        actions.save_project: "Ctrl+S",
        actions.export: "Ctrl+E",
        actions.reevaluate: "F5",
        actions.compare: "F9",
        actions.brief: "Ctrl+B",
        window.scenarios_action: "Ctrl+K",
        window.params_action: "Ctrl+P",
        window.find_action: "Ctrl+F",
    }
    for action, keys in shortcuts.items():
        assert action.shortcut().toString() == keys, action.text()
    window.find_action.trigger()
    assert window.search_edit.hasFocus() or window.focusWidget() is window.search_edit
    for action in (actions.open, actions.export, actions.reevaluate, actions.compare):
        assert action.toolTip() and action.toolTip() != action.text()
    assert actions.scenarios_menu is not None and actions.scenarios_menu.title() == "情景(&S)"
    assert window.scenarios_action in actions.scenarios_menu.actions()
    # Nothing to re-run or compare before a list is open.
    assert not actions.reevaluate.isEnabled() and not actions.compare.isEnabled()


def test_f5_runs_the_evaluation_again(qtbot, window) -> None:
    _evaluate_demo(qtbot, window)
    first = window.current_evaluation
    assert window.actions_.reevaluate.isEnabled() and window.actions_.brief.isEnabled()
    with qtbot.waitSignal(window.evaluation_changed, timeout=10_000) as blocker:
        window.actions_.reevaluate.trigger()
    again = blocker.args[0]
    assert again is not first and again.as_of == first.as_of
    assert again.totals() == first.totals()


def test_banner_says_when_a_loan_sheet_was_not_used(qtbot, window, tmp_path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    ents = book.active
    ents.title = "企业"
    for row in CSV.strip().splitlines():
        ents.append(row.split(","))
    loans = book.create_sheet("贷款")
    loans.append(["借据号", "贷款金额（万元）", "年利率（%）"])  # no credit code column
    loans.append(["L1", 500, 3.85])
    path = tmp_path / "台账.xlsx"
    book.save(path)
    with qtbot.waitSignal(window.evaluation_changed, timeout=10_000):
        window.open_path(path)
    banner = window.import_banner
    assert banner.isVisible() and "贷款" in banner.text() and "统一社会信用代码" in banner.text()
    banner.linkActivated.emit("quality")
    assert window.screen_docks["quality"].isVisible()
    # The quality list starts with a verdict per sheet.
    shown = window.current_portfolio.sheet_issues()
    assert [i.sheet for i in shown] == ["企业", "贷款"] and shown[1].severity == "warning"
    with qtbot.waitSignal(window.evaluation_changed, timeout=10_000):
        window.set_portfolio(demo_portfolio(), "demo")
    assert "未被使用" not in banner.text()  # the demo leaves nothing unused


def test_banner_names_measures_whose_zero_is_only_missing_data(qtbot, window) -> None:
    """A total of 0 because data is missing (nobody eligible, some 待补) is said above the
    matrix, also while 只看有结果的措施 hides nothing of it; the link opens 数据质量."""
    _evaluate_demo(qtbot, window)
    table = window.model.table
    waiting = [
        t for t in table.totals if t.amount_fen is not None and t.eligible == 0 and t.unknown
    ]
    checks = [t for t in table.totals if t.amount_fen is None and t.unknown and not t.eligible]
    assert waiting, "the demo has measures whose data is missing"
    banner = window.import_banner
    assert banner.isVisible() and "合计为0只因缺少数据或参数未设定" in banner.text()
    assert waiting[0].title in banner.text()
    assert all(t.title not in banner.text() for t in checks)  # no amount: not “0”
    banner.linkActivated.emit("quality")
    assert window.screen_docks["quality"].isVisible()


def test_the_view_bar_scopes_measures_says_how_the_matrix_is_shown_and_resets(
    qtbot, window
) -> None:
    """措施范围 keeps one region's (document's, kind's) measures; the line beside it says how
    the matrix is sorted and filtered; 重置视图 brings back the file's order and everything."""
    with qtbot.waitSignal(window.evaluation_changed, timeout=20_000):
        window.open_path(sample_portfolio())
    bar, view, model = window.view_bar, window.table_view, window.model
    evaluation = window.current_evaluation
    keys = [bar.scope.itemData(i) for i in range(bar.scope.count())]
    assert keys[:2] == ["all", "own"] and "region:上海市" in keys and "family:loans" in keys
    assert "北京市" in bar.scope.itemText(1) and "上海市" in bar.scope.itemText(1)
    assert bar.state.text().startswith("排序：文件顺序 ｜ 范围：全部措施")
    window.actions_.hide_empty.setChecked(False)
    bar.select("region:上海市")
    shown = [
        m.measure_id for c, m in enumerate(model.table.measures) if not view.isColumnHidden(c + 3)
    ]
    catalogue = evaluation.catalogue
    assert shown and all(catalogue.measure(m).document.region == "上海市" for m in shown)
    assert "范围：地区：上海市" in bar.state.text()
    window.search_edit.setText("示例")
    view.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    state = bar.state.text()
    assert "排序：企业名称（降序）" in state and "搜索：“示例”" in state, state
    bar.reset.click()
    assert bar.current_key() == "all" and window.search_edit.text() == ""
    assert view.horizontalHeader().sortIndicatorSection() == -1
    assert window.actions_.hide_empty.isChecked()
    assert bar.state.text() == "排序：文件顺序 ｜ 范围：全部措施 ｜ 已隐藏无结果的措施"
    assert model.index(0, 0).data() == str(evaluation.enterprises["uscc"].iloc[0])


def test_internal_keys_show_only_under_technical_details(qtbot, window) -> None:
    """Measure ids and parameter keys appear in tooltips and the why-pane only while
    视图 → 显示技术细节 is on (off by default)."""
    _evaluate_demo(qtbot, window)
    model = window.model
    column = model.column_of(IP)

    def tip() -> str:
        return str(model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole))

    window.select_uscc(STAR, IP)
    assert IP not in tip() and IP not in window.detail_text()
    window.actions_.technical.setChecked(True)
    try:
        assert f"编号：{IP}" in tip()
        window.select_uscc(STAR, IP)
        assert f"编号：{IP}" in window.detail_text()
    finally:
        window.actions_.technical.setChecked(False)
    assert IP not in tip()

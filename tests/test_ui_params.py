"""The parameters screen: grouped, validated edits, background re-run, highlighted changes."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDateEdit, QLineEdit, QStyleOptionViewItem

from desktop.ui.demo import QUANTUM, STAR, demo_portfolio
from desktop.ui.main_window import MainWindow
from desktop.ui.models import CHANGED_ROLE
from desktop.ui.param_data import editor_text, parse_input
from desktop.ui.params import COL_MARK, COL_RESET, COL_VALUE, KEY_ROLE

IP = "jjr-2022-190.16"
RATIO = f"{IP}.ratio"
UNSET = "jjr-2022-190.9.basic.amount"
AS_OF = dt.date(2025, 6, 30)


@pytest.fixture
def window(qtbot, catalogue, errors, monkeypatch, tmp_path):
    monkeypatch.setenv("POLICYDESK_HOME", str(tmp_path / "home"))
    win = MainWindow(catalogue, as_of=AS_OF)
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.evaluation_changed, timeout=10_000):
        win.set_portfolio(demo_portfolio(), "demo")
    win.show_parameters()
    yield win
    win.cancel_jobs()
    assert win.wait_for_jobs(10_000)


def _cell(window: MainWindow, uscc: str, measure_id: str) -> QModelIndex:
    model = window.model
    return model.index(model.row_of(uscc), model.column_of(measure_id))


def test_model_passes_the_model_tester(qtmodeltester, window) -> None:
    qtmodeltester.check(window.params_panel.model)


def test_parameters_are_grouped_by_document_and_measure(window) -> None:
    model = window.params_panel.model
    evaluation = window.current_evaluation
    assert sorted(model.keys()) == sorted(evaluation.parameters)
    titles = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert any("京金融〔2022〕190号" in t for t in titles)
    ratio = model.index_of(RATIO)
    measure = ratio.parent()
    assert "知识产权质押贷款贴息" in measure.data() and "第16条" in measure.data()
    assert measure.parent().data() in titles
    assert ratio.data() == "40%"
    assert model.index_of(RATIO, COL_MARK).data() == "【假设】"
    assert model.index_of(RATIO, COL_MARK).data(Qt.ForegroundRole).color().name() == "#c2410c"
    tooltip = model.index_of(RATIO, 0).data(Qt.ToolTipRole)
    # the assumption's original source: the 2021 中关村 measures, by title, issuer and date
    assert "《关于建立实施中关村知识产权质押融资成本分担和风险补偿机制的若干措施》" in tooltip
    assert "市科委、中关村管委会，2021-03" in tooltip
    assert model.index_of(f"{IP}.cap_per_year").data() == "500,000"
    assert model.index_of(UNSET).data() == "未设定"
    assert model.flags(ratio) & Qt.ItemIsEditable
    assert not model.flags(model.index_of(RATIO, COL_MARK)) & Qt.ItemIsEditable


def test_editing_a_ratio_re_runs_and_highlights_changed_figures(qtbot, window, errors) -> None:
    assert window.model.index(0, 0).data(Qt.FontRole) is None
    with qtbot.waitSignal(window.evaluation_changed, timeout=10_000) as blocker:
        assert window.set_parameter(RATIO, "50")
        assert window.is_busy  # the run is in the background; this call did not wait for it
    assert window.overrides == {RATIO: "0.5"}
    assert blocker.args[0].parameters[RATIO].overridden
    cell = _cell(window, STAR, IP)
    assert cell.data() == "符合 · 275,000.00"
    assert cell.data(Qt.FontRole).bold()
    assert "原 220,000.00 → 现 275,000.00" in cell.data(Qt.ToolTipRole)
    assert cell.data(CHANGED_ROLE)
    assert _cell(window, QUANTUM, IP).data(CHANGED_ROLE) is None  # undecided before and after
    totals = window.totals_model
    row = next(r for r in range(totals.rowCount()) if totals.measure_id(r) == IP)
    assert totals.index(row, 5).data(Qt.FontRole).bold()
    assert "→ 现" in totals.index(row, 5).data(Qt.ToolTipRole)
    panel = window.params_panel.model
    assert panel.index_of(RATIO).data() == "50%"
    assert panel.index_of(RATIO, COL_MARK).data() == "【用户设定】"
    assert panel.index_of(RATIO, COL_RESET).data() == "恢复默认"
    assert "已修改 1 项" in window.params_panel.state_label.text()
    assert "个数字变化" in window.statusBar().currentMessage()
    assert errors == []


def test_invalid_entry_is_shown_inline_and_changes_nothing(window, errors) -> None:
    assert not window.set_parameter(RATIO, "150%")
    assert "贴息比例" in window.params_panel.error_text
    assert "0%–100%" in window.params_panel.error_text
    assert not window.set_parameter(f"{IP}.cap_per_year", "abc")
    assert "not a number" in window.params_panel.error_text
    assert window.overrides == {} and not window.is_busy and errors == []


def test_unset_value_can_be_set(qtbot, window) -> None:
    with qtbot.waitSignal(window.evaluation_changed, timeout=10_000):
        assert window.set_parameter(UNSET, "1,000,000")
    assert window.overrides == {UNSET: "1000000"}
    assert window.params_panel.model.index_of(UNSET).data() == "1,000,000"
    assert window.params_panel.error_text == ""


def test_reset_one_and_all(qtbot, window) -> None:
    with qtbot.waitSignal(window.evaluation_changed, timeout=10_000):
        window.set_overrides({RATIO: "0.5", f"{IP}.cap_per_year": "100000"})
    view = window.params_panel.view
    index = window.params_panel.model.index_of(RATIO, COL_RESET)
    view.scrollTo(index)
    with qtbot.waitSignal(window.evaluation_changed, timeout=10_000):
        qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=view.visualRect(index).center())
    assert window.overrides == {f"{IP}.cap_per_year": "100000"}
    assert window.params_panel.reset_all_button.isEnabled()
    with qtbot.waitSignal(window.evaluation_changed, timeout=10_000):
        qtbot.mouseClick(window.params_panel.reset_all_button, Qt.LeftButton)
    assert window.overrides == {}
    assert _cell(window, STAR, IP).data() == "符合 · 220,000.00"
    assert not window.params_panel.reset_all_button.isEnabled()


def test_highlights_last_until_the_next_change(qtbot, window) -> None:
    with qtbot.waitSignal(window.evaluation_changed, timeout=10_000):
        window.set_parameter(RATIO, "50%")
    assert window.model.changes
    with qtbot.waitSignal(window.evaluation_changed, timeout=10_000):
        # changes no figure (a raise beyond 50万 would be refused: the text says 最高50万元)
        window.set_parameter("hfbg-2025-8.11.cap", "400,000")
    assert window.model.changes == {}
    assert _cell(window, STAR, IP).data(Qt.FontRole) is None


def test_panel_date_and_toolbar_date_stay_in_step(qtbot, window) -> None:
    panel = window.params_panel
    assert panel.date_edit.date().toPython() == AS_OF
    with qtbot.waitSignal(window.evaluation_changed, timeout=10_000) as blocker:
        panel.date_edit.setDate(dt.date(2025, 1, 2))
    assert blocker.args[0].as_of == dt.date(2025, 1, 2)
    assert window.as_of == dt.date(2025, 1, 2)
    with qtbot.waitSignal(window.evaluation_changed, timeout=10_000):
        window.set_as_of(dt.date(2024, 12, 31))
    assert panel.date_edit.date().toPython() == dt.date(2024, 12, 31)


def test_delegate_edits_through_a_line_edit(qtbot, window) -> None:
    view = window.params_panel.view
    index = window.params_panel.model.index_of(RATIO, COL_VALUE)
    delegate = view.itemDelegateForColumn(COL_VALUE)
    editor = delegate.createEditor(view.viewport(), QStyleOptionViewItem(), index)
    assert isinstance(editor, QLineEdit)
    delegate.setEditorData(editor, index)
    assert editor.text() == "40%"
    editor.setText("45%")
    with qtbot.waitSignal(window.evaluation_changed, timeout=10_000):
        delegate.setModelData(editor, window.params_panel.model, index)
    assert window.overrides == {RATIO: "0.45"}
    assert index.data(KEY_ROLE) == RATIO


def test_date_editor_for_date_parameters(qtbot, window) -> None:
    from desktop.core.parameters import ParamValue

    param = ParamValue(
        key="x.start",
        measure_id="x",
        name="start",
        label="起始日",
        label_en=None,
        type="date",
        unit="",
        value=dt.date(2024, 1, 1),
        start=None,
        assumption=False,
        source=None,
        note=None,
    )
    assert editor_text(param) == "2024-01-01"
    view = window.params_panel.view
    model = window.params_panel.model
    model.param = lambda key: param  # the catalogue has no date-typed parameter yet
    delegate = view.itemDelegateForColumn(COL_VALUE)
    editor = delegate.createEditor(
        view.viewport(), QStyleOptionViewItem(), model.index_of(RATIO, COL_VALUE)
    )
    assert isinstance(editor, QDateEdit)


def test_parse_input_rules(catalogue) -> None:
    evaluation_params = __import__(
        "desktop.core.parameters", fromlist=["resolve_parameters"]
    ).resolve_parameters(catalogue, AS_OF)
    ratio = evaluation_params[RATIO]
    assert parse_input(catalogue, AS_OF, ratio, "40") == "0.4"
    assert parse_input(catalogue, AS_OF, ratio, " 12.5 ％") == "0.125"
    assert parse_input(catalogue, AS_OF, ratio, "") is None
    cap = evaluation_params[f"{IP}.cap_per_year"]
    assert parse_input(catalogue, AS_OF, cap, "1,200,000元") == "1200000"
    assert editor_text(cap) == "500,000"


def test_language_switch_keeps_the_panel_and_highlights(qtbot, window) -> None:
    from desktop.ui import i18n

    with qtbot.waitSignal(window.evaluation_changed, timeout=10_000):
        window.set_parameter(RATIO, "50%")
    try:
        i18n.set_language("en")
        model = window.params_panel.model
        assert model.headerData(1, Qt.Horizontal) == "Value"
        assert window.params_dock.windowTitle() == "Parameters"
        assert isinstance(_cell(window, STAR, IP).data(Qt.FontRole), QFont)
    finally:
        i18n.set_language("zh")
    assert window.params_dock.windowTitle() == "参数"


def test_value_beyond_the_texts_ceiling_is_refused_with_the_quote(window, errors) -> None:
    key = "jjr-2022-190.20.ratio"
    assert not window.set_parameter(key, "30%")
    assert "不高于实际发生代偿总额 20% 的补偿" in window.params_panel.error_text
    assert window.overrides == {} and not window.is_busy and errors == []
    row = window.params_panel.model.index_of(key)
    assert "不高于实际发生代偿总额 20% 的补偿" in row.data(Qt.ItemDataRole.ToolTipRole)


def test_an_interpretation_is_switched_off_and_on_in_the_panel(qtbot, window, errors) -> None:
    key = "jjr-2022-190.27.haidian_reading"
    row = window.params_panel.model.index_of(key)
    assert "switch" in row.data(Qt.ItemDataRole.ToolTipRole).lower() or "开关" in row.data(
        Qt.ItemDataRole.ToolTipRole
    )
    with qtbot.waitSignal(window.evaluation_changed, timeout=10_000):
        assert window.set_parameter(key, "关")
    assert window.overrides == {key: "0"}
    assert not window.set_parameter(key, "2")
    assert "switch" in window.params_panel.error_text
    assert errors == []


def test_stacking_picks_are_changeable_in_the_parameters_panel(qtbot, window) -> None:
    """叠加规则: each overlap group's pick is a choice in the 参数 panel; stacking both
    municipal groups reports the double subsidy as a breach; 全部恢复默认 resets the picks."""
    from desktop.paths import sample_portfolio

    with qtbot.waitSignal(window.evaluation_changed, timeout=20_000):
        window.open_path(sample_portfolio())
    panel = window.params_panel
    assert panel.picks_box.isVisibleTo(panel)
    boxes = panel.pick_boxes
    ip, municipal = "overlap.ip_pledge_interest", "overlap.municipal_loan_interest"
    assert {ip, municipal} <= set(boxes)
    assert boxes[ip].currentData() == "later_document" and "（默认）" in boxes[ip].currentText()
    for rule in (ip, municipal):
        with qtbot.waitSignal(window.evaluation_changed, timeout=20_000) as blocker:
            boxes[rule].setCurrentIndex(boxes[rule].findData("stack"))
        boxes = panel.pick_boxes  # rebuilt with the new evaluation
    evaluation = blocker.args[0]
    assert evaluation.stacking_picks == {ip: "stack", municipal: "stack"}
    assert window.overrides == {f"{ip}.pick": "stack", f"{municipal}.pick": "stack"}
    assert any(b.record == "DK2024-058" for b in evaluation.breaches)
    assert "不变量检查未通过" in window.import_banner.text()
    with qtbot.waitSignal(window.evaluation_changed, timeout=20_000) as blocker:
        panel.reset_all_button.click()
    assert blocker.args[0].stacking_picks == {} and not blocker.args[0].breaches


def test_search_keeps_only_matching_parameters(window) -> None:
    panel, view, model = window.params_panel, window.params_panel.view, window.params_panel.model

    def visible_keys() -> set[str]:
        found = set()
        for key in model.keys():  # noqa: SIM118 (a model method, not a dict)
            index = model.index_of(key, 0)
            measure, doc = index.parent(), index.parent().parent()
            hidden = (
                view.isRowHidden(index.row(), measure)
                or view.isRowHidden(measure.row(), doc)
                or view.isRowHidden(doc.row(), QModelIndex())
            )
            if not hidden:
                found.add(key)
        return found

    everything = visible_keys()
    assert everything == set(model.keys())
    panel.search_edit.setText("贴息比例")
    shown = visible_keys()
    assert RATIO in shown and 0 < len(shown) < len(everything)
    assert all("贴息比例" in (model.param(k).label or "") for k in shown)
    panel.search_edit.setText("倍")  # a unit
    assert all(model.param(k).unit == "倍" or "倍" in model.param(k).label for k in visible_keys())
    panel.search_edit.clear()
    assert visible_keys() == everything

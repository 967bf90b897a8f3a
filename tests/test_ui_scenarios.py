"""The 情景 screen: baseline and alternatives, side-by-side figures equal to the core's
comparison, the briefing pack, and scenarios kept in the project file and the autosave."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt
import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop.core.scenarios import Scenario, compare_scenarios
from desktop.project import autosave_path, load_project
from desktop.ui import scenario_data
from desktop.ui.demo import STAR, demo_portfolio
from desktop.ui.main_window import MainWindow
from desktop.ui.params import COL_RESET, COL_VALUE
from desktop.ui.qtcompat import emit
from desktop.ui.scenario_data import comparison_tables, with_measures
from desktop.ui.scenarios import VALUE_ROLE, ScenarioListModel, SideTableModel

IP = "jjr-2022-190.16"
RATIO = f"{IP}.ratio"
AS_OF = dt.date(2025, 6, 30)
CSV = (
    "统一社会信用代码,企业名称,注册区,营业收入,高新技术企业\n"
    f"{STAR},北京星云智能科技有限公司,海淀区,50000000,是\n"
)


@pytest.fixture
def window(qtbot, catalogue, errors, monkeypatch, tmp_path):
    monkeypatch.setenv("POLICYDESK_HOME", str(tmp_path / "home"))
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a: QMessageBox.StandardButton.Yes)
    )
    win = MainWindow(catalogue, as_of=AS_OF)
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.evaluation_changed, timeout=10_000):
        win.set_portfolio(demo_portfolio(), "demo")
    win.show_scenarios()
    yield win
    win.cancel_jobs()
    assert win.wait_for_jobs(20_000)


def _compare(qtbot, window: MainWindow):
    panel = window.scenarios
    with qtbot.waitSignal(panel.compared, timeout=60_000) as blocker:
        assert window.compare_scenarios() is not None
    return blocker.args[0]


def test_models_pass_the_model_tester(qtmodeltester, qtbot, window, catalogue) -> None:
    empty = ScenarioListModel()
    qtmodeltester.check(empty)
    panel = window.scenarios
    panel.add_scenario("贴息50%")
    panel.add_scenario()
    qtmodeltester.check(panel.list_model)
    qtmodeltester.check(SideTableModel())
    qtmodeltester.check(panel.params_model)
    _compare(qtbot, window)
    for model in panel.table_models.values():
        qtmodeltester.check(model)


def test_baseline_is_the_current_parameters(qtbot, window) -> None:
    panel = window.scenarios
    assert panel.baseline.name == "基准" and panel.baseline.as_of == AS_OF
    assert panel.list_model.index(0, 0).data() == "基准（当前参数）"
    assert not panel.list_model.flags(panel.list_model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    with qtbot.waitSignal(window.evaluation_changed, timeout=10_000):
        window.set_overrides({RATIO: "0.4"})
    assert dict(panel.baseline.overrides) == {RATIO: "0.4"}
    with qtbot.waitSignal(window.evaluation_changed, timeout=10_000):
        window.set_as_of(dt.date(2025, 3, 1))
    assert panel.baseline.as_of == dt.date(2025, 3, 1)
    assert not panel.date_edit.isEnabled()  # the baseline is edited in the window itself
    assert "参数" in panel.note_label.text()


def test_add_duplicate_rename_delete(qtbot, window, errors) -> None:
    panel = window.scenarios
    changes: list[int] = []
    panel.scenarios_changed.connect(lambda: changes.append(1))
    first = panel.add_scenario()
    assert first.name == "情景1" and panel.current_scenario() == first
    assert first.as_of == AS_OF and dict(first.overrides) == {}
    panel.set_override(RATIO, "0.6")
    copy = panel.duplicate_scenario()
    assert copy is not None and copy.name == "情景1 副本"
    assert dict(copy.overrides) == {RATIO: "0.6"}
    assert panel.rename_scenario("情景1 副本", "贴息60%")
    assert [s.name for s in panel.alternatives] == ["情景1", "贴息60%"]
    assert not panel.rename_scenario("贴息60%", "情景1")  # taken
    assert not panel.rename_scenario("贴息60%", "基准")  # the baseline's name
    assert not panel.rename_scenario("贴息60%", "  ")
    assert errors == []  # refused inline, not in a dialog
    assert panel.name_problem.isVisibleTo(panel) and "名称" in panel.name_problem.text()
    assert panel.select("情景1")
    assert panel.delete_scenario()
    assert [s.name for s in panel.alternatives] == ["贴息60%"]
    assert panel.select("基准（当前参数）") is False and panel.select("基准")
    assert not panel.delete_scenario()  # the baseline stays
    assert len(changes) == 5  # add, override, duplicate, rename, delete


def test_a_blank_or_taken_name_is_refused_inline_while_typing(qtbot, window, errors) -> None:
    from PySide6.QtWidgets import QLineEdit

    panel = window.scenarios
    panel.add_scenario("情景1")
    panel.add_scenario("情景2")
    panel.list_view.edit(panel.list_model.index(2, 0))
    editor = panel.list_view.findChild(QLineEdit, "scenario-name-editor")
    assert editor is not None
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_Space)  # typed over: a blank name
    assert "名称" in panel.name_problem.text() and panel.name_problem.isVisibleTo(panel)
    editor.setText("情景1")  # (QTest types ASCII only)
    assert "情景1" in panel.name_problem.text() and panel.name_problem.isVisibleTo(panel)
    assert "border" in editor.styleSheet()
    editor.setText("贴息50%")
    assert not panel.name_problem.isVisibleTo(panel) and editor.styleSheet() == ""
    emit(panel.name_delegate.commitData, editor)  # what Enter in the editor does
    assert [s.name for s in panel.alternatives] == ["情景1", "贴息50%"]
    assert errors == []


def test_editing_an_alternative(qtbot, window, catalogue) -> None:
    panel = window.scenarios
    panel.add_scenario("试算")
    assert panel.date_edit.isEnabled()
    assert panel.edit_parameter(RATIO, "50")
    assert dict(panel.current_scenario().overrides) == {RATIO: "0.5"}
    index = panel.params_model.index_of(RATIO)
    assert index.data() == "50%"
    assert not panel.edit_parameter(RATIO, "abc")
    assert "贴息比例" in panel.error_text
    assert dict(panel.current_scenario().overrides) == {RATIO: "0.5"}
    panel.params_view.clicked.emit(panel.params_model.index_of(RATIO, COL_RESET))
    assert dict(panel.current_scenario().overrides) == {}
    panel.set_as_of(dt.date(2025, 12, 31))
    assert panel.current_scenario().as_of == dt.date(2025, 12, 31)
    assert panel.date_edit.date().toPython() == dt.date(2025, 12, 31)
    # Untick every measure but one: only its parameters remain editable.
    item = next(
        panel.measures_list.item(i)
        for i in range(panel.measures_list.count())
        if panel.measures_list.item(i).data(Qt.ItemDataRole.UserRole) == IP
    )
    panel.set_measures([IP])
    assert panel.current_scenario().measure_ids == (IP,)
    assert item.checkState() == Qt.CheckState.Checked
    keys = panel.params_model.keys()
    assert keys and all(k.startswith(IP + ".") for k in keys)
    assert panel.params_model.index_of(RATIO, COL_VALUE).isValid()
    panel.select_all_button.click()
    assert panel.current_scenario().measure_ids is None
    # the Qt-free helper drops overrides of measures left out
    limited = with_measures(Scenario("x", AS_OF, {RATIO: "0.5"}), ["other"], catalogue)
    assert dict(limited.overrides) == {} and limited.measure_ids == ()


def test_compare_shows_the_cores_figures(qtbot, window, catalogue) -> None:
    panel = window.scenarios
    panel.add_scenario("贴息60%")
    panel.set_override(RATIO, "0.6")
    panel.add_scenario("年底")
    panel.set_as_of(dt.date(2025, 12, 31))
    result = _compare(qtbot, window)
    assert panel.tabs.currentIndex() == 1 and not panel.is_stale
    expected = compare_scenarios(
        window.current_portfolio,
        catalogue,
        Scenario("基准", AS_OF),
        [Scenario("贴息60%", AS_OF, {RATIO: "0.6"}), Scenario("年底", dt.date(2025, 12, 31))],
    )
    assert result.comparison.names == ["基准", "贴息60%", "年底"]
    assert result.comparison.by_measure.equals(expected.by_measure)
    names = expected.names
    # 按措施: every row with an amount, each figure the core's, in 分
    model = panel.table_models["measure"]
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["措施", "文件", "资金层级", "基准", "贴息60%", "变化", "年底", "变化"]
    shown = expected.by_measure[expected.by_measure[names].ne(0).any(axis=1)]
    assert model.rowCount() == len(shown)
    keys = ["基准", "贴息60%", "Δ贴息60%", "年底", "Δ年底"]
    for row, (_measure, frame_row) in enumerate(shown.iterrows()):
        cells = [model.index(row, 3 + i).data(VALUE_ROLE) for i in range(len(keys))]
        assert cells == [int(frame_row[k]) for k in keys]
    ip_row = next(
        r for r in range(model.rowCount()) if model.index(r, 0).data() == "知识产权质押贷款贴息"
    )
    delta = int(expected.by_measure.loc[IP, "Δ贴息60%"])
    assert delta > 0 and model.index(ip_row, 5).data(VALUE_ROLE) == delta
    assert model.index(ip_row, 5).data().startswith("+")
    assert model.index(ip_row, 5).data(Qt.ItemDataRole.ForegroundRole).color().name() == "#15803d"
    total = panel.totals_labels["measure"].text()
    assert f"{expected.total('基准'):,.2f}元" in total
    assert "跨地区、跨受益方" in total and "不是单一预算" in total  # says what it adds
    assert panel.totals_labels["institution"].text().startswith("付给机构的补偿合计")
    # 按地区与受益方: one line per region × recipient class × funding level
    split = panel.table_models["split"]
    nonzero = expected.by_split[expected.by_split[["基准", "贴息60%"]].ne(0).any(axis=1)]
    assert split.rowCount() == len(nonzero)
    assert sum(split.index(r, 3).data(VALUE_ROLE) for r in range(split.rowCount())) == int(
        expected.by_split["基准"].sum()
    )
    # 按资金层级, 按注册区, 按机构
    funding = panel.table_models["funding"]
    assert funding.rowCount() == 3
    for row, level in enumerate(expected.by_funding.index):
        assert funding.index(row, 1).data(VALUE_ROLE) == int(expected.by_funding.loc[level, "基准"])
    district = panel.table_models["district"]
    assert [district.index(r, 0).data() for r in range(district.rowCount())] == [
        str(d) for d in expected.by_district.index
    ]
    institution = panel.table_models["institution"]
    inst_total = sum(
        institution.index(r, 2).data(VALUE_ROLE) for r in range(institution.rowCount())
    )
    assert inst_total == int(expected.by_institution["基准"].sum())
    # 企业增减: those who change, largest gain in the first alternative first
    enterprises = panel.table_models["enterprises"]
    gains = expected.deltas("贴息60%")
    assert enterprises.rowCount() >= len(gains) > 0
    first_deltas = [enterprises.index(r, 5).data(VALUE_ROLE) for r in range(enterprises.rowCount())]
    assert first_deltas == sorted(first_deltas, reverse=True)
    assert enterprises.index(0, 1).data() == gains[0].name
    assert "金额增加" in panel.totals_labels["enterprises"].text()


def test_unticked_alternatives_are_left_out_and_edits_mark_results_stale(qtbot, window) -> None:
    panel = window.scenarios
    panel.add_scenario("甲")
    panel.add_scenario("乙")
    panel.set_checked("乙", False)
    assert panel.list_model.index(2, 0).data(Qt.ItemDataRole.CheckStateRole) == (
        Qt.CheckState.Unchecked
    )
    result = _compare(qtbot, window)
    assert result.comparison.names == ["基准", "甲"]
    assert "对比 基准、甲" in panel.state_labels["measure"].text()
    panel.select("甲")
    panel.set_override(RATIO, "0.9")
    assert panel.is_stale and "已过时" in panel.state_labels["measure"].text()


def test_compare_runs_in_the_background_and_can_be_cancelled(qtbot, window, monkeypatch) -> None:
    started = threading.Event()

    def slow(*args, progress, **kwargs):
        started.set()
        for _ in range(500):
            progress(0.1, "基准")  # raises CancelledError once cancelled
            threading.Event().wait(0.01)
        raise AssertionError("not cancelled")

    monkeypatch.setattr(scenario_data, "compare_scenarios", slow)
    panel = window.scenarios
    panel.add_scenario("甲")
    job = window.compare_scenarios()
    assert job is not None and started.wait(5)
    assert not panel.compare_button.isEnabled()  # one comparison at a time
    assert window.progress_strip.job is job
    with qtbot.waitSignal(job.cancelled, timeout=10_000):
        window.progress_strip.cancel()
    qtbot.waitUntil(lambda: panel.job is None and panel.compare_button.isEnabled(), timeout=5000)
    assert panel.result is None


def test_invalid_scenarios_are_refused_with_a_message(qtbot, window, errors) -> None:
    panel = window.scenarios
    panel.add_scenario("空")
    panel.set_measures([])
    assert panel.current_scenario().measure_ids == ()
    assert window.compare_scenarios() is None
    assert len(errors) == 1 and "没有选择任何措施" in errors[0]


def test_briefing_pack_for_the_ticked_scenarios(qtbot, window, tmp_path, monkeypatch) -> None:
    panel = window.scenarios
    panel.add_scenario("贴息60%")
    panel.set_override(RATIO, "0.6")
    _compare(qtbot, window)
    folder = tmp_path / "简报"
    monkeypatch.setattr(
        "PySide6.QtWidgets.QFileDialog.getExistingDirectory",
        staticmethod(lambda *a, **k: str(folder)),
    )
    with qtbot.waitSignal(panel.brief_written, timeout=180_000) as blocker:
        assert window.choose_and_brief() is not None
    result = blocker.args[0]
    assert result.folder == folder and result.pdf == folder / "brief.pdf"
    assert (folder / "brief.pdf").read_bytes().startswith(b"%PDF")
    assert list(folder.glob("*.png")) and (folder / "测算结果.xlsx").is_file()
    assert all(path.exists() for path in result.files)
    # the comparison shown was reused, not run again
    assert result.comparison is panel.result.comparison
    assert "简报已生成" in window.statusBar().currentMessage()


def test_tables_helper_matches_the_frames(catalogue) -> None:
    portfolio = demo_portfolio()
    cmp = compare_scenarios(
        portfolio, catalogue, Scenario("基准", AS_OF), [Scenario("甲", AS_OF, {RATIO: "0.3"})]
    )
    tables = comparison_tables(cmp)
    assert set(tables) == {
        "measure",
        "institution",
        "district",
        "funding",
        "split",
        "enterprises",
    }
    split = tables["split"]
    assert split.headers[:3] == ["文件地区", "受益方类别", "资金层级"]
    assert sum(v[3] for v in split.values) == cmp.total_fen("基准")
    funding = tables["funding"]
    assert funding.headers == ["资金层级", "基准", "甲", "变化"]
    assert [row[0] for row in funding.rows] == ["市级", "区级", "文件未写明"]
    assert sum(v[1] for v in funding.values) == cmp.total_fen("基准")
    assert funding.header_tips[-1] == "变化（甲）"


def test_scenarios_are_saved_in_the_project_and_the_autosave(qtbot, window, tmp_path, catalogue):
    source = tmp_path / "名单.csv"
    source.write_text(CSV, encoding="utf-8")
    with qtbot.waitSignal(window.evaluation_changed, timeout=10_000):
        window.open_path(source)
    panel = window.scenarios
    panel.add_scenario("贴息50%")
    panel.set_override(RATIO, "0.5")
    panel.set_as_of(dt.date(2025, 12, 31))
    panel.set_measures([IP, "jjr-2022-190.28.ipo"])
    window.flush_writes()
    saved = load_project(autosave_path()).scenarios
    assert [(s.name, s.as_of, dict(s.overrides)) for s in saved] == [
        ("贴息50%", dt.date(2025, 12, 31), {RATIO: "0.5"})
    ]
    assert set(saved[0].measure_ids) == {IP, "jjr-2022-190.28.ipo"}
    target = window.save_project(tmp_path / "情景.pdesk")
    assert target is not None
    other = MainWindow(catalogue, as_of=AS_OF)
    qtbot.addWidget(other)
    with qtbot.waitSignal(other.evaluation_changed, timeout=10_000):
        other.open_project(target)
    assert other.scenarios.alternatives == window.scenarios.alternatives
    other.cancel_jobs()
    assert other.wait_for_jobs(10_000)

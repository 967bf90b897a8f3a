"""政策库, 图表 and 数据质量 screens, offscreen."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from desktop.core.outcomes import ELIGIBLE, UNKNOWN
from desktop.core.portfolio import QualityIssue
from desktop.ui.charts import district_totals
from desktop.ui.demo import STAR, demo_portfolio
from desktop.ui.library_data import build_tree, measure_html
from desktop.ui.main_window import MainWindow

IP = "jjr-2022-190.16"
AS_OF = dt.date(2025, 6, 30)


@pytest.fixture
def window(qtbot, catalogue, monkeypatch, tmp_path):
    monkeypatch.setenv("POLICYDESK_HOME", str(tmp_path / "home"))
    monkeypatch.setattr(QMessageBox, "critical", staticmethod(lambda *a: None))
    win = MainWindow(catalogue, as_of=AS_OF)
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.evaluation_changed, timeout=10_000):
        win.set_portfolio(demo_portfolio(), "demo")
    yield win
    win.cancel_jobs()
    assert win.wait_for_jobs(10_000)


def test_tree_and_measure_text(catalogue) -> None:
    tree = build_tree(catalogue)
    assert len(tree) == len(catalogue.files)
    doc = next(n for n in tree if n.key == "jjr-2022-190")
    article = next(a for a in doc.children if a.key == "jjr-2022-190#16")
    assert article.title.startswith("第16条") and [m.key for m in article.children] == [IP]
    text = measure_html(catalogue, IP, [])
    assert "对于符合条件的科创企业获得知识产权质押融资" in text
    assert "【假设】" in text and "测试用例" in text and "p.ratio" in text


def test_library_tree_search_detail_and_hits(qtbot, window) -> None:
    window.show_screen("library")
    panel = window.library
    assert window.library_dock.isVisible()
    # The tree is a QTreeWidget: Qt's own QTreeModel gives every column children, which the
    # model tester rejects ("second column should not have children"); no model of ours here.
    assert panel.tree.topLevelItemCount() == len(window.current_evaluation.catalogue.files)
    assert panel.select(IP)
    html = panel.detail.toPlainText()
    assert "知识产权质押" in html and "测试用例" in html
    assert "符合" in panel.hits_text()
    # Full-text search keeps only clauses containing every word.
    panel.set_search("知识产权 质押")
    visible = panel.visible_keys("article")
    assert "jjr-2022-190#16" in visible and len(visible) < 40
    panel.set_search("")
    # Click → filter the enterprise table.
    evaluation = window.current_evaluation
    statuses = evaluation.outcomes[IP].enterprise["status"].tolist()
    with qtbot.waitSignal(panel.filter_requested):
        panel.eligible_button.click()
    assert window.proxy.rowCount() == statuses.count(ELIGIBLE)
    assert window.filter_chip.isVisible()
    window.filter_by_measure(IP, frozenset({UNKNOWN}))
    assert window.proxy.rowCount() == statuses.count(UNKNOWN)
    window.search_edit.setText(STAR)
    assert window.proxy.rowCount() <= 1
    window.search_edit.setText("")
    window.filter_chip.click()
    assert window.proxy.rowCount() == len(statuses) and not window.filter_chip.isVisible()


def test_charts_draw_copy_and_save(qtbot, window, tmp_path) -> None:
    window.show_screen("charts")
    panel = window.charts
    for name in ("by_measure", "by_district", "status"):
        fig = panel.figure(name)
        assert fig.axes, name
    title = panel.figure("by_measure").axes[0].get_title()
    assert title == "按措施汇总"
    assert district_totals(window.current_evaluation)
    image = panel.copy_current()
    assert not image.isNull()
    assert not QGuiApplication.clipboard().image().isNull()
    path = panel.save_png(tmp_path / "chart", "by_district")
    assert path.suffix == ".png" and path.read_bytes()[:4] == b"\x89PNG"


def test_quality_panel_lists_every_issue(qtbot, qtmodeltester, window) -> None:
    issues = [
        QualityIssue("error", "统一社会信用代码校验位错误", "企业", 5, "A", "12345", "已保留"),
        QualityIssue("warning", "金额无法识别", "企业", 7, "D", "一亿", "按空值处理"),
        QualityIssue("info", "已跳过空行", "企业", 9),
    ]
    window.quality.set_issues(issues)
    qtmodeltester.check(window.quality.model)
    model = window.quality.model
    assert model.rowCount() == 3
    assert [model.index(0, c).data() for c in range(7)] == [
        "错误", "企业", "5", "A", "12345", "统一社会信用代码校验位错误", "已保留",
    ]  # fmt: skip
    assert "共 3 条" in window.quality.count_label.text()
    window.quality.table.sortByColumn(2, window.quality.proxy.sortOrder().DescendingOrder)
    assert window.quality.proxy.index(0, 2).data() == "9"

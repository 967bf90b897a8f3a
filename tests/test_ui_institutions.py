"""机构 screen: compensation per institution and measures about institutions, as the engine
decides them (京金融〔2022〕190号 第15条 on the sample's banks)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from desktop.core.engine import evaluate_portfolio
from desktop.core.evaluation import Evaluation
from desktop.core.money import format_yuan
from desktop.core.outcomes import ELIGIBLE, INELIGIBLE, UNKNOWN
from desktop.paths import sample_portfolio
from desktop.spreadsheet.reader import read_portfolio
from desktop.ui import i18n
from desktop.ui.institutions import InstitutionsPanel
from desktop.ui.main_window import MainWindow
from desktop.ui.models import STATUS_BACKGROUND

AS_OF = dt.date(2025, 6, 30)
NPL = "jjr-2022-190.15"


@pytest.fixture(scope="module")
def evaluation(catalogue) -> Evaluation:
    return evaluate_portfolio(read_portfolio(sample_portfolio()), catalogue, as_of=AS_OF)


@pytest.fixture
def panel(qtbot, evaluation) -> InstitutionsPanel:
    widget = InstitutionsPanel()
    qtbot.addWidget(widget)
    widget.show()
    widget.set_evaluation(evaluation)
    return widget


def _column(model, col: int) -> list[str]:
    return [model.index(r, col).data() for r in range(model.rowCount())]


def test_models_pass_qtmodeltester(qtmodeltester, panel) -> None:
    qtmodeltester.check(panel.payments)
    qtmodeltester.check(panel.checks)
    qtmodeltester.check(panel.payments_view.model())


def test_payments_equal_the_engine_institution_totals(panel, evaluation) -> None:
    frame = evaluation.institution_totals()
    assert not frame.empty
    assert panel.payments.rowCount() == len(frame)
    shown = _column(panel.payments, 5)
    assert shown == [format_yuan(int(fen)) for fen in frame["amount_fen"]]
    assert _column(panel.payments, 0) == list(frame["institution"])
    assert set(_column(panel.payments, 1)) <= {"银行", "担保机构", "保险机构", "知识产权服务机构"}
    total = format_yuan(int(frame["amount_fen"].sum()))
    n = frame["institution"].nunique()
    assert f"{n} 家机构，合计 {total}" in panel.payments_title.text()


def test_npl_tolerance_rows_show_status_colour_and_the_comparison(panel, evaluation) -> None:
    expected = evaluation.institution_results()
    assert set(expected["measure"]) == {NPL}
    assert panel.checks.rowCount() == len(expected)
    statuses = list(expected["status"])
    assert {ELIGIBLE, INELIGIBLE, UNKNOWN} <= set(statuses)
    assert _column(panel.checks, 0) == list(expected["institution"])
    for row, status in enumerate(statuses):
        cell = panel.checks.index(row, 3)
        assert cell.data(Qt.ItemDataRole.BackgroundRole) == STATUS_BACKGROUND[status]
        reason = panel.checks.index(row, 4).data()
        tooltip = panel.checks.index(row, 4).data(Qt.ItemDataRole.ToolTipRole)
        assert "京金融〔2022〕190号" in tooltip
        for line in expected["reasons"].iloc[row]:
            assert line in tooltip
        if status == INELIGIBLE:
            assert reason.startswith("✗") and "3个百分点" in reason and ">" in reason
        if status == UNKNOWN:
            assert "缺少" in tooltip


def test_sorting_by_amount_uses_numbers_not_text(panel) -> None:
    view = panel.payments_view
    view.sortByColumn(5, Qt.SortOrder.DescendingOrder)
    proxy = view.model()
    amounts = [
        proxy.index(r, 5).data(Qt.ItemDataRole.UserRole + 1) for r in range(proxy.rowCount())
    ]
    assert amounts == sorted(amounts, reverse=True)


def test_a_hidden_panel_fills_its_rows_when_first_shown(qtbot, evaluation) -> None:
    widget = InstitutionsPanel()
    qtbot.addWidget(widget)
    widget.set_evaluation(evaluation)
    assert widget.payments.rowCount() == 0  # nothing formatted while hidden
    widget.show()
    assert widget.payments.rowCount() == len(evaluation.institution_totals())
    assert widget.checks.rowCount() == len(evaluation.institution_results())


def test_english_and_empty(qtbot, evaluation) -> None:
    widget = InstitutionsPanel()
    qtbot.addWidget(widget)
    widget.show()
    assert widget.payments.rowCount() == 0 and "打开企业名单" in widget.payments_title.text()
    i18n.set_language("en")
    try:
        widget.set_evaluation(evaluation)
        assert widget.payments.headerData(5, Qt.Orientation.Horizontal) == "Compensation (yuan)"
        assert "Bank" in _column(widget.payments, 1)
        assert widget.checks_title.text().startswith("Measures about institutions")
    finally:
        i18n.set_language("zh")


def test_window_fills_the_institutions_dock(qtbot, catalogue, errors, monkeypatch, tmp_path):
    monkeypatch.setenv("POLICYDESK_HOME", str(tmp_path / "home"))
    win = MainWindow(catalogue, as_of=AS_OF)
    qtbot.addWidget(win)
    win.show()
    try:
        with qtbot.waitSignal(win.evaluation_changed, timeout=30_000):
            win.open_sample()
        win.show_screen("institutions")
        assert win.screen_docks["institutions"].isVisible()
        assert win.institutions.checks.rowCount() == len(
            win.current_evaluation.institution_results()
        )
        assert win.screen_docks["institutions"].toggleViewAction().shortcut().toString() == (
            "Ctrl+Shift+I"
        )
    finally:
        win.cancel_jobs()
        assert win.wait_for_jobs(10_000)
    assert errors == []

"""The window says an evaluation breaks an invariant above the results (issue #17)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QLabel

from desktop.core.catalogue import Catalogue
from desktop.core.engine import evaluate_portfolio
from desktop.paths import sample_portfolio
from desktop.spreadsheet.reader import read_portfolio
from desktop.ui.window_views import update_banner

STACK_ALL = {
    "overlap.ip_pledge_interest.pick": "stack",
    "overlap.municipal_loan_interest.pick": "stack",
}


def test_banner_shows_breaches(qtbot, catalogue: Catalogue) -> None:  # type: ignore[no-untyped-def]
    portfolio = read_portfolio([sample_portfolio()])
    label = QLabel()
    qtbot.addWidget(label)
    clean = evaluate_portfolio(portfolio, catalogue, as_of=dt.date(2025, 12, 31))
    update_banner(label, portfolio, evaluation=clean)
    assert label.isHidden() and clean.breaches == []
    broken = evaluate_portfolio(
        portfolio, catalogue, as_of=dt.date(2025, 12, 31), overrides=STACK_ALL
    )
    update_banner(label, portfolio, evaluation=broken)
    assert not label.isHidden()
    assert "不变量检查未通过" in label.text() and "DK2024-058" in label.text()

"""One stated time basis (support for the period up to the as-of date) on every output, and
the record's own date deciding whether a measure is in force (issue #17)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pandas as pd

from desktop.core.catalogue import default_catalogue
from desktop.core.engine import evaluate_portfolio
from desktop.core.jsonout import evaluation_to_json
from desktop.core.outcomes import ELIGIBLE, INELIGIBLE
from desktop.core.portfolio import Portfolio
from desktop.export import write_workbook
from desktop.i18n import text
from desktop.ui.table_data import build_enterprise_table, summary_texts
from tests.builders import enterprise, loan, portfolio

AS_OF = dt.date(2025, 12, 31)
FIRST_34 = "jzbf-2023-23.19.interest"
FIRST_4 = "jzbf-2023-23.19.interest_2025"


def _first_loans() -> Portfolio:
    """Two Beijing SMEs with a first loan each: drawn 2025-02-18 (34号) and 2025-02-19 (4号);
    credit loans, so no IP-pledge subsidy overlaps them."""
    ents = [enterprise("A", size_class="小型"), enterprise("B", size_class="小型")]
    loans = [
        loan(
            "L1",
            "A",
            amount=1_000_000.0,
            start_date=pd.Timestamp("2025-02-18"),
            end_date=pd.Timestamp("2026-02-17"),
            first_loan=True,
            collateral="信用",
            interest_paid=30_000.0,
        ),
        loan(
            "L2",
            "B",
            amount=1_000_000.0,
            start_date=pd.Timestamp("2025-02-19"),
            end_date=pd.Timestamp("2026-02-18"),
            first_loan=True,
            collateral="信用",
            interest_paid=30_000.0,
        ),
    ]
    return portfolio(ents, loans)


def test_first_loan_rules_follow_the_drawdown_date() -> None:
    ev = evaluate_portfolio(_first_loans(), default_catalogue(), as_of=AS_OF)
    a34, b34 = ev.explain(0, FIRST_34), ev.explain(1, FIRST_34)
    a4, b4 = ev.explain(0, FIRST_4), ev.explain(1, FIRST_4)
    assert a34.status == ELIGIBLE and a34.amount_fen == 600_000  # 20% of 30,000
    assert b34.status == INELIGIBLE and a4.status == INELIGIBLE
    assert b4.status == ELIGIBLE and b4.amount_fen == 600_000  # 20%, within 1% of 1,000,000
    # the window is named in both languages, tested on the loan's own date
    reasons = " ".join(a4.items[0].reasons)
    assert "放款日期在2025-02-19至2026-02-18之间" in reasons
    en = ev.explain(0, FIRST_4, lang="en")
    assert "between 2025-02-19 and 2026-02-18" in " ".join(en.items[0].reasons)


def test_an_expired_measure_still_pays_records_dated_in_its_window() -> None:
    # as of 2026-06-30 京经信发〔2025〕4号 has expired; the loan drawn 2025-02-19 keeps it
    ev = evaluate_portfolio(
        _first_loans(),
        default_catalogue(),
        as_of=dt.date(2026, 6, 30),
    )
    assert ev.explain(1, FIRST_4).amount_fen == 600_000
    assert ev.explain(0, FIRST_34).amount_fen == 600_000


def test_time_basis_on_json_workbook_and_window(tmp_path: Path) -> None:
    ev = evaluate_portfolio(_first_loans(), default_catalogue(), as_of=AS_OF)
    zh = text("basis.time", "zh", as_of="2025-12-31")
    en = text("basis.time", "en", as_of="2025-12-31")
    assert "2025-12-31" in zh and "2025-12-31" in en
    doc = evaluation_to_json(ev)
    assert doc["time_basis"] == {"zh": zh, "en": en}
    for lang, expected in (("zh", zh), ("en", en)):
        path = write_workbook(ev, tmp_path / f"out-{lang}.xlsx", lang=lang)
        book = openpyxl.load_workbook(path, read_only=True)
        cover = book.worksheets[0]
        values = [c for row in cover.iter_rows(values_only=True) for c in row if c]
        assert expected in values
        book.close()
    table = build_enterprise_table(ev)
    _, tip = summary_texts(table, ev, "x", shown_rows=table.rows, hidden_measures=0, issues=[])
    assert "2025-12-31" in tip and ("时间口径" in tip or "Time basis" in tip)

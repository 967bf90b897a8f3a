"""Guarantees and losses can read the fields of the loan they name (loan_<field>)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pandas as pd

from desktop.core.catalogue import load_catalogue
from desktop.core.engine import evaluate_portfolio
from desktop.core.portfolio import from_frames

REPO = Path(__file__).resolve().parents[1]
POLICY = """
document: {slug: link-test, number: 测试〔2025〕2号, title: 关联贷款测试, issuers: [测试机关],
           written: 2025-01-01, in_force: null, expires: null, region: 测试市,
           status: in_force, source_file: none.txt}
articles:
  - {number: "1", title: 首贷担保费补助, quote: 对首次贷款的担保费用给予补助。, tags: [担保],
     beneficiary: [enterprise], kind: computable}
measures:
  - id: link-test.1
    article: "1"
    name: 首贷担保费补助
    quote: 对首次贷款的担保费用给予补助
    kind: computable
    beneficiary: enterprise
    records: guarantees
    record_conditions:
      - {id: first_loan, label: 所担保贷款为首贷, test: "loan_first_loan"}
    amount: "min(fee_paid, loan_amount * 0.01)"
"""


def test_guarantee_reads_its_loan(tmp_path: Path) -> None:
    root = tmp_path / "policies"
    shutil.copytree(REPO / "policies" / "reference", root / "reference")
    (root / "link-test.yaml").write_text(POLICY, encoding="utf-8")
    catalogue = load_catalogue(root)
    portfolio = from_frames(
        pd.DataFrame([{"uscc": "A", "name": "甲"}, {"uscc": "B", "name": "乙"}]),
        loans=pd.DataFrame(
            [
                {"loan_id": "L1", "uscc": "A", "amount": 2_000_000.0, "first_loan": True},
                {"loan_id": "L2", "uscc": "A", "amount": 1_000_000.0, "first_loan": False},
                {"loan_id": "L1", "uscc": "B", "amount": 9_000_000.0, "first_loan": None},
            ]
        ),
        guarantees=pd.DataFrame(
            [
                {"guarantee_id": "G1", "uscc": "A", "loan_id": "L1", "fee_paid": 30_000.0},
                {"guarantee_id": "G2", "uscc": "A", "loan_id": "L2", "fee_paid": 5_000.0},
                {"guarantee_id": "G3", "uscc": "B", "loan_id": "L1", "fee_paid": 5_000.0},
                {"guarantee_id": "G4", "uscc": "B", "loan_id": "L9", "fee_paid": 5_000.0},
            ]
        ),
    )
    ev = evaluate_portfolio(portfolio, catalogue, as_of=dt.date(2025, 12, 31))
    a = ev.explain(0, "link-test.1")
    items = {i.record: i for i in a.items}
    assert items["G1"].amount_fen == 2_000_000  # min(30,000, 2,000,000 × 1 %)
    assert items["G2"].status == "ineligible"
    assert "✗ 所担保贷款为首贷：否" in items["G2"].reasons
    b = ev.explain(1, "link-test.1")
    assert b.status == "unknown"  # B's own L1 has no first-loan flag; L9 does not exist
    assert b.missing == ["loans.first_loan", "loans.amount"]

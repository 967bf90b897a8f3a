"""Small portfolios for tests, built from plain rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from desktop.core.portfolio import Portfolio, from_frames

AS_OF = dt.date(2025, 12, 31)

Row = dict[str, object]


def enterprise(uscc: str, **fields: object) -> Row:
    """A kechuang enterprise in Haidian unless the test says otherwise."""
    row: Row = {
        "uscc": uscc,
        "name": f"示例企业{uscc}",
        "district": "海淀区",
        "q_high_tech": True,
        "q_tech_sme": False,
        "q_srdi_sme": False,
        "q_little_giant": False,
        "q_innovation_demo": False,
        "q_single_champion": False,
        "revenue": 50_000_000.0,
        "listing_status": "未上市",
    }
    row.update(fields)
    return row


def loan(loan_id: str, uscc: str, **fields: object) -> Row:
    """An IP-pledge loan drawn 2024-03-01 at 4.00 % (1-year LPR then 3.45 %, ×1.4 = 4.83 %)."""
    row: Row = {
        "loan_id": loan_id,
        "uscc": uscc,
        "lender": "示例银行",
        "amount": 5_000_000.0,
        "rate": 0.04,
        "start_date": pd.Timestamp("2024-03-01"),
        "end_date": pd.Timestamp("2025-03-01"),
        "collateral": "知识产权质押",
        "interest_paid": 200_000.0,
    }
    row.update(fields)
    return row


def event(event_id: str, uscc: str, kind: str, **fields: object) -> Row:
    row: Row = {
        "event_id": event_id,
        "uscc": uscc,
        "kind": kind,
        "date": pd.Timestamp("2024-06-30"),
        "fee_paid": 800_000.0,
        "consolidated_haidian": None,
    }
    row.update(fields)
    return row


def portfolio(
    enterprises: Sequence[Row], loans: Sequence[Row] = (), events: Sequence[Row] = ()
) -> Portfolio:
    return from_frames(
        pd.DataFrame(list(enterprises)), pd.DataFrame(list(loans)), pd.DataFrame(list(events))
    )


def csv_pair(folder: Path, code_a: str, code_b: str) -> tuple[Path, Path]:
    """企业.csv and 贷款.csv in ``folder``: two enterprises, one loan each (rates in %)."""
    folder.mkdir(exist_ok=True)
    ents = folder / "企业.csv"
    ents.write_text(
        f"统一社会信用代码,企业名称,注册区\n{code_a},示例甲科技有限公司,海淀区\n"
        f"{code_b},示例乙科技有限公司,朝阳区\n",
        encoding="utf-8",
    )
    loans = folder / "贷款.csv"
    loans.write_text(
        "借据号,统一社会信用代码,贷款金额（万元）,年利率（%）,放款日期\n"
        f"L1,{code_a},100,3.45,2025-01-10\nL2,{code_b},200,3.2,2025-02-10\n",
        encoding="utf-8",
    )
    return ents, loans

"""Deterministic synthetic portfolios of any size, for benchmarks and scale tests.

``make_portfolio(n)`` builds n enterprises with about 2n loans and a proportionate number
of events, guarantees, insurance policies, losses and projects, all with valid credit codes
and a realistic share of blanks. Same n, same seed → the same portfolio, byte for byte.

    python benchmarks/synthetic.py 300000 --csv out/   # also write CSV files
    python benchmarks/synthetic.py 300000 --xlsx out/synthetic-300k.xlsx   # a template workbook
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from desktop.core.fields import (  # noqa: E402
    COLLATERAL_TYPES,
    EVENT_KINDS,
    INSURANCE_PRODUCTS,
    PROJECT_KINDS,
)
from desktop.core.portfolio import Portfolio, from_frames  # noqa: E402

_CODE = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
DISTRICTS = (
    "海淀区",
    "朝阳区",
    "昌平区",
    "丰台区",
    "北京经济技术开发区",
    "浦东新区",
    "徐汇区",
    "新干县",
    "吉州区",
    "泰和县",
)
INDUSTRIES = (
    "软件和信息技术服务业",
    "专用设备制造业",
    "医药制造业",
    "科学研究和技术服务业",
    "批发业",
    "计算机、通信和其他电子设备制造业",
)


def _credit_codes(n: int, rng: np.random.Generator) -> np.ndarray:
    """n distinct credit codes with a correct GB 32100-2015 check character."""
    serial = np.arange(n, dtype=np.int64) * 7919 + int(rng.integers(0, 10_000))
    body = np.empty((n, 17), dtype=np.int64)
    body[:, 0], body[:, 1] = 9, 1  # 工商 / 企业
    body[:, 2:8] = [1, 1, 0, 1, 0, 8]  # 110108
    digits = serial.copy()
    for col in range(16, 7, -1):
        body[:, col] = digits % 31
        digits //= 31
    check = (31 - (body * np.array(_WEIGHTS)).sum(axis=1) % 31) % 31
    alphabet = np.array(list(_CODE))
    chars = alphabet[np.concatenate([body, check[:, None]], axis=1)]
    return np.array(["".join(row) for row in chars])


def _blank(values: np.ndarray | pd.Series, rate: float, rng: np.random.Generator) -> pd.Series:
    s = pd.Series(values)
    return s.mask(rng.random(len(s)) < rate)


def make_portfolio(n: int, seed: int = 20251231) -> Portfolio:
    rng = np.random.default_rng(seed)
    uscc = _credit_codes(n, rng)
    flags = rng.random((n, 6))
    employees = rng.integers(3, 1500, n)
    revenue = np.round(rng.lognormal(17.0, 1.3, n), 2)
    enterprises = pd.DataFrame(
        {
            "uscc": uscc,
            "name": [f"虚构样本企业{i:07d}有限公司" for i in range(n)],
            "district": _blank(
                rng.choice(
                    DISTRICTS, n, p=[0.4, 0.12, 0.08, 0.06, 0.06, 0.1, 0.06, 0.04, 0.04, 0.04]
                ),
                0.02,
                rng,
            ),
            "industry": rng.choice(INDUSTRIES, n),
            "founded": pd.to_datetime("2005-01-01")
            + pd.to_timedelta(rng.integers(0, 7000, n), "D"),
            "employees": employees.astype(float),
            "revenue": _blank(revenue, 0.03, rng),
            "total_assets": np.round(revenue * rng.uniform(0.5, 3, n), 2),
            "rd_expense": _blank(np.round(revenue * rng.uniform(0, 0.12, n), 2), 0.1, rng),
            "total_costs": np.round(revenue * rng.uniform(0.6, 1.1, n), 2),
            "high_tech_income": np.round(revenue * rng.uniform(0.2, 1.0, n), 2),
            "tech_staff": np.floor(employees * rng.uniform(0, 0.6, n)),
            "ip_class1": rng.integers(0, 4, n).astype(float),
            "ip_class2": rng.integers(0, 8, n).astype(float),
            "q_high_tech": _blank(flags[:, 0] < 0.35, 0.05, rng),
            "q_tech_sme": _blank(flags[:, 1] < 0.30, 0.05, rng),
            "q_srdi_sme": flags[:, 2] < 0.15,
            "q_little_giant": flags[:, 3] < 0.03,
            "q_innovation_demo": flags[:, 4] < 0.01,
            "q_single_champion": flags[:, 5] < 0.01,
            "zgc_member": rng.random(n) < 0.4,
            "listing_status": rng.choice(
                ["未上市", "新三板", "境内上市", "境外上市"], n, p=[0.85, 0.07, 0.06, 0.02]
            ),
        }
    )
    m = 2 * n
    owner = rng.integers(0, n, m)
    start = pd.to_datetime("2022-07-01") + pd.to_timedelta(rng.integers(0, 1250, m), "D")
    amount = np.round(rng.choice([1, 2, 3, 5, 10, 20, 50], m) * 1_000_000.0, 2)
    rate = np.round(rng.uniform(0.025, 0.06, m), 4)
    loans = pd.DataFrame(
        {
            "loan_id": [f"L{i:08d}" for i in range(m)],
            "uscc": uscc[owner],
            "lender": rng.choice(["示例银行甲", "示例银行乙", "示例银行丙"], m),
            "amount": amount,
            "rate": _blank(rate, 0.02, rng),
            "start_date": start,
            "end_date": start + pd.to_timedelta(365, "D"),
            "collateral": rng.choice(
                COLLATERAL_TYPES, m, p=[0.3, 0.25, 0.05, 0.05, 0.2, 0.1, 0.05]
            ),
            "interest_paid": _blank(
                np.round(amount * rate * rng.uniform(0.3, 1.0, m), 2), 0.05, rng
            ),
            "first_loan": rng.random(m) < 0.1,
            "purpose": rng.choice(
                ["流动资金", "数字化转型专项贷款", "研发"], m, p=[0.8, 0.05, 0.15]
            ),
        }
    )
    k = max(n // 20, 1)
    events = pd.DataFrame(
        {
            "event_id": [f"E{i:07d}" for i in range(k)],
            "uscc": uscc[rng.integers(0, n, k)],
            "kind": rng.choice(EVENT_KINDS, k),
            "board": rng.choice(["基础层", "创新层", "基础层调入创新层"], k),
            "date": pd.to_datetime("2022-07-01") + pd.to_timedelta(rng.integers(0, 1250, k), "D"),
            "fee_paid": np.round(rng.uniform(100_000, 4_000_000, k), 2),
            "consolidated_haidian": rng.random(k) < 0.5,
        }
    )
    g = n // 4
    g_loan = rng.integers(0, m, g)
    guarantees = pd.DataFrame(
        {
            "guarantee_id": [f"G{i:07d}" for i in range(g)],
            "uscc": loans["uscc"].to_numpy()[g_loan],
            "loan_id": loans["loan_id"].to_numpy()[g_loan],
            "guarantor": rng.choice(["示例担保甲", "示例担保乙"], g),
            "government_backed": rng.random(g) < 0.7,
            "amount": amount[g_loan],
            "fee_rate": np.round(rng.uniform(0.005, 0.02, g), 4),
            "fee_paid": np.round(amount[g_loan] * rng.uniform(0.005, 0.02, g), 2),
            "start_date": start[g_loan],
            "end_date": start[g_loan] + pd.to_timedelta(365, "D"),
        }
    )
    i_n = n // 5
    insurance = pd.DataFrame(
        {
            "policy_id": [f"P{i:07d}" for i in range(i_n)],
            "uscc": uscc[rng.integers(0, n, i_n)],
            "insurer": rng.choice(["示例保险甲", "示例保险乙"], i_n),
            "product": rng.choice(INSURANCE_PRODUCTS, i_n),
            "premium": np.round(rng.uniform(1_000, 200_000, i_n), 2),
            "start_date": pd.to_datetime("2024-01-01")
            + pd.to_timedelta(rng.integers(0, 700, i_n), "D"),
        }
    )
    l_n = n // 50
    l_loan = rng.integers(0, m, l_n)
    losses = pd.DataFrame(
        {
            "loss_id": [f"S{i:07d}" for i in range(l_n)],
            "uscc": loans["uscc"].to_numpy()[l_loan],
            "loan_id": loans["loan_id"].to_numpy()[l_loan],
            "institution": rng.choice(
                ["示例银行甲", "示例担保甲", "示例保险甲", "示例知识产权服务"], l_n
            ),
            "institution_type": rng.choice(
                ["银行", "担保机构", "保险机构", "知识产权服务机构"], l_n
            ),
            "business_type": rng.choice(["知识产权质押融资", "信用贷款", "融资担保"], l_n),
            "business_amount": amount[l_loan],
            "principal_lost": np.round(amount[l_loan] * rng.uniform(0.05, 0.6, l_n), 2),
            "risk_share": rng.choice([0.2, 0.5, 0.8, 1.0], l_n),
            "compensation_paid": np.round(amount[l_loan] * rng.uniform(0.05, 0.5, l_n), 2),
            "date": pd.to_datetime("2023-01-01") + pd.to_timedelta(rng.integers(0, 1000, l_n), "D"),
        }
    )
    p_n = n // 30
    projects = pd.DataFrame(
        {
            "project_id": [f"J{i:07d}" for i in range(p_n)],
            "uscc": uscc[rng.integers(0, n, p_n)],
            "kind": rng.choice(PROJECT_KINDS, p_n),
            "project_name": [f"虚构项目{i}" for i in range(p_n)],
            "cost": np.round(rng.uniform(100_000, 50_000_000, p_n), 2),
            "contract_amount": np.round(rng.uniform(100_000, 80_000_000, p_n), 2),
            "requested": np.round(rng.uniform(50_000, 30_000_000, p_n), 2),
            "date": pd.to_datetime("2025-10-01") + pd.to_timedelta(rng.integers(0, 400, p_n), "D"),
        }
    )
    return from_frames(
        enterprises,
        loans,
        events,
        guarantees=guarantees,
        insurance=insurance,
        losses=losses,
        projects=projects,
    )


def write_xlsx(portfolio: Portfolio, path: Path) -> None:
    """The portfolio as a template workbook (one sheet per table, Chinese headers with units),
    streamed with XlsxWriter so 300,000 enterprises fit in memory."""
    import xlsxwriter

    from desktop.core.fields import TABLES, FieldType, Table

    units = {FieldType.MONEY: "（元）", FieldType.RATIO: "（%）"}
    book = xlsxwriter.Workbook(
        str(path), {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    for table in (Table.ENTERPRISES, *portfolio.record_counts(), Table.INSTITUTIONS):
        frame = portfolio.table(table)
        if frame.empty:
            continue
        spec = TABLES[table]
        sheet = book.add_worksheet(spec.sheet_names[0])
        fields = [f for f in spec.fields if f.name in frame.columns]
        for col, f in enumerate(fields):
            sheet.write_string(0, col, f.label_zh + units.get(f.type, ""))
        columns = [frame[f.name].tolist() for f in fields]
        for row in range(len(frame)):
            for col, f in enumerate(fields):
                value = columns[col][row]
                if (
                    value is None
                    or value is pd.NA
                    or value is pd.NaT
                    or (isinstance(value, float) and value != value)
                ):
                    continue
                if f.type == FieldType.FLAG:
                    sheet.write_string(row + 1, col, "是" if value else "否")
                elif f.type == FieldType.DATE:
                    sheet.write_datetime(row + 1, col, value.to_pydatetime(), date_format)
                elif f.type == FieldType.RATIO:
                    sheet.write_number(row + 1, col, round(float(value) * 100, 6))
                elif isinstance(value, (int, float, np.integer, np.floating)):
                    sheet.write_number(row + 1, col, float(value))
                else:
                    sheet.write_string(row + 1, col, str(value))
    book.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("--csv", type=Path, help="write one CSV per table into this folder")
    parser.add_argument("--xlsx", type=Path, help="write a template workbook (all tables)")
    args = parser.parse_args(argv)
    portfolio = make_portfolio(args.n)
    if args.xlsx:
        args.xlsx.parent.mkdir(parents=True, exist_ok=True)
        write_xlsx(portfolio, args.xlsx)
    if args.csv:
        args.csv.mkdir(parents=True, exist_ok=True)
        for name in (
            "enterprises",
            "loans",
            "events",
            "guarantees",
            "insurance",
            "losses",
            "projects",
        ):
            getattr(portfolio, name).to_csv(args.csv / f"{name}.csv", index=False)
    print({name: len(getattr(portfolio, name)) for name in ("enterprises", "loans", "events")})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The data every corpus file holds: six enterprises in Beijing districts and 吉安 counties,
their loans (IP pledge, first loans, digital-transformation loans) and one listing event.

Values are canonical (yuan, fractions, dates, booleans); each kind writes them its own way.
Picked so that, at the as-of date 2025-06-30, several measures are eligible with a nonzero
amount: jzbf-2023-23.23.interest (海淀 IP pledge, drawn 2024: 23号, not 190号第16条 — one loan,
one municipal IP-pledge subsidy, policies/overlaps.yaml), jzbf-2023-23.19.interest
(朝阳 first loan), jian-xingan-ip.1 (新干县 IP pledge), jian-digital-loan.1 (吉州区, 泰和县),
jjr-2022-190.28.neeq and jjr-2022-190.9.basic (海淀 新三板 listing); the 大兴 trading company
is no sci-tech enterprise (its IP-pledge loan is not eligible under .16).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from desktop.spreadsheet.uscc import make_uscc

AS_OF = dt.date(2025, 6, 30)
AS_OF_TEXT = "2025-06-30"

HAIDIAN = make_uscc("91110108000001001")
CHAOYANG = make_uscc("91110105000001002")
XINGAN = make_uscc("91360824000001003")
JIZHOU = make_uscc("91360802000001004")
TAIHE = make_uscc("91360826000001005")
DAXING = make_uscc("91110115000001006")

Row = dict[str, object]


def _day(text: str) -> pd.Timestamp:
    return pd.Timestamp(text)


ENTERPRISES: list[Row] = [
    {
        "uscc": HAIDIAN,
        "name": "示例海淀知识产权科技有限公司",
        "district": "海淀区",
        "address": "北京市海淀区示例中关村大街1号",
        "industry": "软件和信息技术服务业",
        "employees": 120.0,
        "revenue": 50_000_000.0,
        "total_assets": 80_000_000.0,
        "q_high_tech": True,
        "q_srdi_sme": False,
    },
    {
        "uscc": CHAOYANG,
        "name": "示例朝阳首贷科技有限公司",
        "district": "朝阳区",
        "address": "北京市朝阳区示例望京路2号",
        "industry": "软件和信息技术服务业",
        "employees": 45.0,
        "revenue": 30_000_000.0,
        "total_assets": 20_000_000.0,
        "q_high_tech": False,
        "q_srdi_sme": True,
    },
    {
        "uscc": XINGAN,
        "name": "示例新干知识产权科技有限公司",
        "district": "新干县",
        "address": "江西省吉安市新干县示例工业园3号",
        "industry": "电子元件制造",
        "employees": 60.0,
        "revenue": 25_000_000.0,
        "total_assets": 30_000_000.0,
        "q_high_tech": True,
        "q_srdi_sme": False,
    },
    {
        "uscc": JIZHOU,
        "name": "示例吉州数字科技有限公司",
        "district": "吉州区",
        "address": "江西省吉安市吉州区示例井冈山大道4号",
        "industry": "软件和信息技术服务业",
        "employees": 30.0,
        "revenue": 12_000_000.0,
        "total_assets": 9_000_000.0,
        "q_high_tech": False,
        "q_srdi_sme": True,
    },
    {
        "uscc": TAIHE,
        "name": "示例泰和智造科技有限公司",
        "district": "泰和县",
        "address": "江西省吉安市泰和县示例工业大道5号",
        "industry": "通用设备制造",
        "employees": 150.0,
        "revenue": 60_000_000.0,
        "total_assets": 70_000_000.0,
        "q_high_tech": True,
        "q_srdi_sme": True,
    },
    {
        "uscc": DAXING,
        "name": "示例大兴普通贸易有限公司",
        "district": "大兴区",
        "address": "北京市大兴区示例兴华大街6号",
        "industry": "批发",
        "employees": 20.0,
        "revenue": 40_000_000.0,
        "total_assets": 15_000_000.0,
        "q_high_tech": None,  # unknown: each kind writes its own odd token (待核实, ?, …)
        "q_srdi_sme": False,
    },
]

LOANS: list[Row] = [
    {
        "loan_id": "JD2024030101",
        "uscc": HAIDIAN,
        "lender": "示例银行北京分行",
        "amount": 5_000_000.0,
        "rate": 0.0345,
        "start_date": _day("2024-03-01"),
        "end_date": _day("2025-03-01"),
        "collateral": "知识产权质押",
        "interest_paid": 172_500.0,
        "first_loan": False,
        "purpose": "研发投入",
    },
    {
        "loan_id": "JD2024061502",
        "uscc": HAIDIAN,
        "lender": "示例银行北京分行",
        "amount": 2_000_000.0,
        "rate": 0.032,
        "start_date": _day("2024-06-15"),
        "end_date": _day("2025-06-14"),
        "collateral": "信用",
        "interest_paid": 64_000.0,
        "first_loan": False,
        "purpose": "流动资金",
    },
    {
        "loan_id": "JD2024091003",
        "uscc": CHAOYANG,
        "lender": "示例银行北京分行",
        "amount": 3_000_000.0,
        "rate": 0.032,
        "start_date": _day("2024-09-10"),
        "end_date": _day("2025-09-09"),
        "collateral": "信用",
        "interest_paid": 72_000.0,
        "first_loan": True,
        "purpose": "流动资金",
    },
    {
        "loan_id": "JD2024051504",
        "uscc": XINGAN,
        "lender": "示例银行吉安分行",
        "amount": 2_000_000.0,
        "rate": 0.036,
        "start_date": _day("2024-05-15"),
        "end_date": _day("2025-05-14"),
        "collateral": "知识产权质押",
        "interest_paid": 72_000.0,
        "first_loan": True,
        "purpose": "研发投入",
    },
    {
        "loan_id": "JD2024110105",
        "uscc": JIZHOU,
        "lender": "示例银行吉安分行",
        "amount": 4_000_000.0,
        "rate": 0.035,
        "start_date": _day("2024-11-01"),
        "end_date": _day("2025-10-31"),
        "collateral": "信用",
        "interest_paid": 93_333.33,
        "first_loan": False,
        "purpose": "数字化转型专项贷款",
    },
    {
        "loan_id": "JD2025011006",
        "uscc": TAIHE,
        "lender": "示例银行吉安分行",
        "amount": 1_500_000.0,
        "rate": 0.038,
        "start_date": _day("2025-01-10"),
        "end_date": _day("2026-01-09"),
        "collateral": "保证",
        "interest_paid": 26_916.67,
        "first_loan": False,
        "purpose": "数字化转型专项贷款",
    },
    {
        "loan_id": "JD2024080107",
        "uscc": DAXING,
        "lender": "示例银行北京分行",
        "amount": 1_000_000.0,
        "rate": 0.04,
        "start_date": _day("2024-08-01"),
        "end_date": _day("2025-07-31"),
        "collateral": "知识产权质押",
        "interest_paid": 36_666.67,
        "first_loan": False,
        "purpose": "流动资金",
    },
]

EVENTS: list[Row] = [
    {
        "event_id": "SJ2024001",
        "uscc": HAIDIAN,
        "kind": "新三板挂牌",
        "date": _day("2024-06-28"),
        "board": "基础层",
        "fee_paid": 800_000.0,
    },
    {
        "event_id": "SJ2025002",
        "uscc": CHAOYANG,
        "kind": "新三板挂牌",
        "date": _day("2025-03-20"),
        "board": "创新层",
        "fee_paid": 600_000.0,
    },
]

# Measures whose outcome every kind holding loans must reproduce eligible, with an amount.
LOAN_MEASURES: dict[tuple[str, str], str] = {
    (HAIDIAN, "jzbf-2023-23.23.interest"): "eligible",
    (XINGAN, "jian-xingan-ip.1"): "eligible",
    (JIZHOU, "jian-digital-loan.1"): "eligible",
    (TAIHE, "jian-digital-loan.1"): "eligible",
}
EVENT_MEASURES: dict[tuple[str, str], str] = {
    (HAIDIAN, "jjr-2022-190.28.neeq"): "eligible",
    (HAIDIAN, "jjr-2022-190.9.basic"): "unknown",  # the policy leaves the amount open
}


def by_uscc(rows: list[Row]) -> dict[str, Row]:
    return {str(r["uscc"]): r for r in rows}

"""A small in-memory portfolio that shows every status, for the screenshot tool and UI tests.

The real sample workbook (``resources/samples/sample_portfolio.xlsx``) is preferred; this
stands in where it is absent and lets UI tests check exact cells without the reader.
Credit codes are synthetic (not check-digit valid) and names are invented.
"""

from __future__ import annotations

import pandas as pd

from desktop.core.portfolio import Portfolio, from_frames

STAR = "91110108MA01AAAA1X"  # 海淀, 高新技术企业, two IP-pledge loans, NEEQ listing: eligible
QUANTUM = "91110108MA01BBBB2Y"  # 海淀, revenue missing: IP-pledge subsidy undecided
DATA = "91110105MA01CCCC3Z"  # 朝阳, no qualification: not eligible
BIO = "91110108MA01DDDD4K"  # 海淀, domestic IPO with fees above the cap
TRADE = "91110105MA01EEEE5P"  # 朝阳 trading firm, no records at all


def demo_portfolio() -> Portfolio:
    enterprises = pd.DataFrame(
        {
            "uscc": [STAR, QUANTUM, DATA, BIO, TRADE],
            "name": [
                "北京星云智能科技有限公司",
                "北京海淀量子材料有限公司",
                "北京朝阳数据服务有限公司",
                "北京中关村生物医药股份有限公司",
                "北京望京商贸有限公司",
            ],
            "district": ["海淀区", "海淀区", "朝阳区", "海淀区", "朝阳区"],
            "revenue": [5e7, None, 3e8, 1.5e8, 2e7],
            "employees": [120, 45, 300, 800, 12],
            "q_high_tech": [True, None, False, True, False],
            "q_tech_sme": [None, True, False, None, False],
            "listing_status": ["新三板", "未上市", "未上市", "境内上市", "未上市"],
        }
    )
    loans = pd.DataFrame(
        {
            "loan_id": ["DK2024-001", "DK2024-002", "DK2024-003", "DK2024-004"],
            "uscc": [STAR, STAR, QUANTUM, DATA],
            "lender": ["北京银行中关村分行", "招商银行北京分行", "中国银行海淀支行", "工商银行"],
            "amount": [1e7, 5e6, 3e6, 2e7],
            "rate": [0.035, 0.04, 0.038, 0.03],
            # drawn before 京政办发〔2023〕23号 (2023-10-26): 190号第16条 pays them, not
            # 23号第23条 (one loan, one municipal IP-pledge subsidy: policies/overlaps.yaml)
            "start_date": ["2023-03-01", "2023-06-01", "2023-05-20", "2023-01-10"],
            "end_date": ["2024-03-01", "2024-06-01", "2024-05-20", "2024-01-10"],
            "collateral": ["知识产权质押", "知识产权质押", "知识产权质押", "知识产权质押"],
            "interest_paid": [350000.0, 200000.0, 114000.0, 600000.0],
        }
    )
    events = pd.DataFrame(
        {
            "event_id": ["SJ2024-01", "SJ2024-02"],
            "uscc": [STAR, BIO],
            "kind": ["新三板挂牌", "境内上市"],
            "date": ["2024-05-01", "2024-09-12"],
            "fee_paid": [800000.0, 4200000.0],
        }
    )
    return from_frames(enterprises, loans, events)


__all__ = ["BIO", "DATA", "QUANTUM", "STAR", "TRADE", "demo_portfolio"]

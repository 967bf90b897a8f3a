"""Pre-assessments: 科技型中小企业 score (国科发政〔2017〕115号) and 高新技术企业 conditions."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from desktop.core.catalogue import Catalogue
from desktop.core.engine import evaluate_portfolio
from desktop.core.explain import explain_preassessment
from desktop.core.portfolio import from_frames

AS_OF = dt.date(2025, 12, 31)
BASE = {
    "uscc": "A",
    "name": "甲",
    "employees": 100,
    "revenue": 30_000_000.0,
    "total_assets": 50_000_000.0,
    "q_high_tech": False,
}


def assess(catalogue: Catalogue, assessment: str, **row: object):  # type: ignore[no-untyped-def]
    ev = evaluate_portfolio(
        from_frames(pd.DataFrame([{**BASE, **row}])), catalogue, as_of=AS_OF, measure_ids=[]
    )
    return explain_preassessment(ev, 0, assessment)


@pytest.mark.parametrize(
    ("tech_staff", "rd", "ip1", "ip2", "score"),
    [
        (30, 1_800_000.0, 1, 0, 100),  # 30 % → 20; 6 % → 50; class I → 30
        (29, 1_799_999.0, 0, 4, 16 + 40 + 24),  # 29 % → 16; 5.99 % → 40; 4 class II → 24
        (10, 600_000.0, 0, 1, 4 + 10 + 6),  # 10 % → 4; 2 % → 10; 1 class II → 6
        (9, 599_999.0, 0, 0, 0),
    ],
)
def test_tech_sme_score_bands(
    catalogue: Catalogue, tech_staff: int, rd: float, ip1: int, ip2: int, score: int
) -> None:
    res = assess(
        catalogue,
        "tech_sme",
        tech_staff=tech_staff,
        rd_expense=rd,
        ip_class1=ip1,
        ip_class2=ip2,
        total_costs=100_000_000.0,
    )
    assert res.score_low == res.score_high == score
    assert res.status == ("eligible" if score >= 60 else "ineligible")


def test_rd_takes_the_better_of_two_bases(catalogue: Catalogue) -> None:
    # R&D 0.9 M: 3 % of revenue (20 points) but 30 % of costs of 3 M (50 points).
    res = assess(
        catalogue,
        "tech_sme",
        tech_staff=40,
        rd_expense=900_000.0,
        total_costs=3_000_000.0,
        ip_class1=0,
        ip_class2=0,
    )
    assert res.score_low == 20 + 50


def test_missing_values_give_a_score_range(catalogue: Catalogue) -> None:
    res = assess(catalogue, "tech_sme", ip_class1=0, ip_class2=2)
    assert (res.score_low, res.score_high) == (12, 82)
    assert res.status == "unknown"
    assert "enterprises.tech_staff" in res.missing
    # Even the best case misses the mark: decided without the missing values.
    low = assess(catalogue, "tech_sme", tech_staff=5, ip_class1=0, ip_class2=0)
    assert low.status == "ineligible"


def test_zero_staff_score_fails_and_size_conditions_apply(catalogue: Catalogue) -> None:
    res = assess(catalogue, "tech_sme", tech_staff=5, rd_expense=3_000_000.0, ip_class1=2)
    assert res.score_low == 80 and res.status == "ineligible"
    big = assess(catalogue, "tech_sme", employees=501, tech_staff=400, rd_expense=3e6, ip_class1=1)
    assert big.status == "ineligible"
    assert any(r.startswith("✗ 职工总数不超过500人") for r in big.reasons)


def test_high_tech_certificate_is_a_direct_route(catalogue: Catalogue) -> None:
    res = assess(catalogue, "tech_sme", tech_staff=5, ip_class1=0, ip_class2=0, q_high_tech=True)
    assert res.status == "eligible"


def test_high_tech_conditions(catalogue: Catalogue) -> None:
    good = dict(
        founded="2020-01-01",
        ip_class1=1,
        ip_class2=0,
        tech_staff=10,
        rd_expense=1_500_000.0,
        high_tech_income=18_000_000.0,
    )
    assert assess(catalogue, "high_tech", **good).status == "eligible"
    # Revenue 30 M ≤ 50 M needs 5 %: 1.49 M is 4.97 %.
    low_rd = assess(catalogue, "high_tech", **{**good, "rd_expense": 1_490_000.0})
    assert low_rd.status == "ineligible"
    assert any("研发费用÷营业收入 = 4.9667% < 5%" in r for r in low_rd.reasons)
    young = assess(catalogue, "high_tech", **{**good, "founded": "2025-06-01"})
    assert young.status == "ineligible"
    unknown = assess(catalogue, "high_tech", **{**good, "high_tech_income": None})
    assert unknown.status == "unknown" and unknown.missing == ["enterprises.high_tech_income"]


def test_blank_certificate_keeps_a_failed_score_undecided(catalogue: Catalogue) -> None:
    # The score misses the mark, but a 高新技术企业 certificate would qualify directly.
    res = assess(catalogue, "tech_sme", tech_staff=5, ip_class1=0, ip_class2=0, q_high_tech=None)
    assert res.status == "unknown"

"""Portfolio statistics: 003 definitions, 004 comparisons, the 190号 第15条 NPL check."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from desktop.core.catalogue import default_catalogue
from desktop.core.portfolio import from_frames
from desktop.core.statistics import (
    BENCHMARKS,
    NPL_QUOTE,
    SOURCE_190,
    npl_tolerance,
    portfolio_statistics,
)
from tests.builders import AS_OF, enterprise, loan


@pytest.fixture(scope="module")
def catalogue():
    return default_catalogue()


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("key", sorted(BENCHMARKS))
def test_every_benchmark_is_quoted_from_its_source(key):
    b = BENCHMARKS[key]
    text = _squash(Path(b.source_file).read_text(encoding="utf-8"))
    assert _squash(b.quote) in text
    # the figure itself is in the quote (10482 is printed without a separator)
    figure = f"{b.value.normalize():f}"
    assert figure in _squash(b.quote)


def test_npl_quote_is_in_the_policy_file():
    assert NPL_QUOTE in Path(SOURCE_190).read_text(encoding="utf-8")


def _portfolio():
    ents = pd.DataFrame(
        [
            # two categories: counted once
            enterprise("A", q_high_tech=True, q_srdi_sme=True, size_class="小型"),
            enterprise("B", q_high_tech=False, q_little_giant=True, size_class="中型"),
            enterprise("C", q_high_tech=False),  # none of the six
            enterprise("D", q_high_tech=None),  # undecided
        ]
    )
    long_end = pd.Timestamp("2027-06-30")
    loans = pd.DataFrame(
        [
            # A: 3,000,000 credit, 2025-03-01 → 2027-06-30 (> 1 year), outstanding
            loan(
                "L1",
                "A",
                amount=3_000_000.0,
                collateral="信用",
                rate=0.035,
                start_date=pd.Timestamp("2025-03-01"),
                end_date=long_end,
            ),
            # A: 1,000,000 pledge, one year exactly (not > 1 year), outstanding
            loan(
                "L2",
                "A",
                amount=1_000_000.0,
                rate=0.04,
                start_date=pd.Timestamp("2025-06-01"),
                end_date=pd.Timestamp("2026-06-01"),
            ),
            # A: matured before the as-of date: not in the balance
            loan("L3", "A", amount=9_000_000.0),
            # B: 2,000,000 credit, outstanding, not > 1 year
            loan(
                "L4",
                "B",
                amount=2_000_000.0,
                collateral="信用",
                start_date=pd.Timestamp("2025-09-01"),
                end_date=pd.Timestamp("2026-08-31"),
            ),
            # C: not sci-tech
            loan(
                "L5",
                "C",
                amount=7_000_000.0,
                start_date=pd.Timestamp("2025-09-01"),
                end_date=long_end,
            ),
            # D: categories unknown → undecided
            loan(
                "L6",
                "D",
                amount=500_000.0,
                start_date=pd.Timestamp("2025-09-01"),
                end_date=long_end,
            ),
            # A: blank maturity → undecided
            loan("L7", "A", amount=100_000.0, start_date=pd.Timestamp("2025-09-01"), end_date=None),
        ]
    )
    institutions = pd.DataFrame(
        [
            {
                "institution": "甲银行",
                "institution_type": "银行",
                "npl_ratio": 0.0136,
                "sme_tech_npl_ratio": 0.0436,
            },  # exactly +3 pp: within
            {
                "institution": "乙银行",
                "institution_type": "银行",
                "npl_ratio": 0.0100,
                "sme_tech_npl_ratio": 0.0401,
            },  # over by 0.01 pp
            {
                "institution": "丙银行",
                "institution_type": "银行",
                "npl_ratio": 0.0100,
                "sme_tech_npl_ratio": None,
            },
            {
                "institution": "某担保",
                "institution_type": "担保机构",
                "npl_ratio": None,
                "sme_tech_npl_ratio": None,
            },
        ]
    )
    return from_frames(ents, loans, institutions=institutions)


def test_hand_computed_figures(catalogue):
    s = portfolio_statistics(_portfolio(), catalogue, AS_OF)
    t = s.tech_enterprise
    # L1 + L2 + L4 = 6,000,000 yuan
    assert t.balance_fen == 600_000_000
    assert (t.loans, t.enterprises) == (3, 2)
    assert t.credit_fen == 500_000_000  # L1 + L4
    assert t.credit_share == Decimal(5) / Decimal(6)
    assert t.long_term_fen == 300_000_000  # L1 only
    assert t.long_term_share == Decimal("0.5")
    assert t.average_fen == Decimal(300_000_000)  # 3,000,000 yuan per enterprise
    assert (t.undecided_loans, t.undecided_fen) == (2, 60_000_000)  # L6, L7
    assert s.tech_loans_lower_bound.balance_fen == t.balance_fen
    srdi = s.srdi  # A (专精特新) and B (小巨人)
    assert srdi.balance_fen == 600_000_000 and s.srdi_enterprises == 2
    assert s.all_loans.balance_fen == 1_350_000_000  # + L5 and L6 (D is a known enterprise)
    rows = {(r.label, r.benchmark.key): r for r in s.comparisons}
    avg = rows[("专精特新企业户均贷款余额", "srdi_average")]
    assert avg.value == Decimal(300)  # 万元
    assert avg.benchmark.value == Decimal("4136.13")
    target = rows[("科技型企业贷款余额", "tech_enterprise_loans_2027")]
    assert target.value == Decimal("0.000006")  # 6,000,000 元 in 万亿元
    assert target.ratio == Decimal("0.000006") / Decimal("2.5")
    credit = rows[("专精特新企业贷款中信用贷款占比", "srdi_credit_share")]
    assert credit.value == Decimal(5) / Decimal(6) * 100


def test_npl_tolerance_three_valued():
    checks = {c.institution: c for c in npl_tolerance(_portfolio())}
    assert set(checks) == {"甲银行", "乙银行", "丙银行"}
    assert checks["甲银行"].within is True and checks["甲银行"].margin == 0
    assert checks["乙银行"].within is False
    assert checks["乙银行"].margin == Decimal("-0.0001")
    assert checks["丙银行"].within is None and checks["丙银行"].limit == Decimal("0.0400")


def test_sample_portfolio(catalogue):
    from desktop.spreadsheet.reader import read_portfolio

    portfolio = read_portfolio(Path("resources/samples/sample_portfolio.xlsx"))
    s = portfolio_statistics(portfolio, catalogue, AS_OF)
    assert (
        s.tech_enterprise.balance_fen <= s.all_loans.balance_fen + s.tech_enterprise.undecided_fen
    )
    assert s.tech_enterprise.balance_fen > 0
    over = [c.institution for c in s.npl if c.within is False]
    assert over == ["示例农商银行海淀支行"]  # 4.92% > 1.58% + 3 pp
    assert any(c.within is None for c in s.npl)


def _checks(checks):
    return [(c.institution, c.npl_ratio, c.sme_tech_npl_ratio, c.limit, c.within) for c in checks]


def test_npl_tolerance_agrees_with_the_catalogue_measure(catalogue):
    """第15条 is the catalogue measure jjr-2022-190.15 (subject: institution): the statistics
    take its statuses, and the plain rule here gives the same checks."""
    from desktop.core.statistics import NPL_MEASURE, NPL_TOLERANCE
    from desktop.spreadsheet.reader import read_portfolio

    param = catalogue.measure(NPL_MEASURE).measure.parameters["tolerance"]
    assert param.values[-1].value == NPL_TOLERANCE
    blank_type = pd.DataFrame(
        [{"institution": "某机构", "institution_type": None, "npl_ratio": None}]
    )
    portfolios = [
        _portfolio(),
        read_portfolio(Path("resources/samples/sample_portfolio.xlsx")),
        from_frames(_portfolio().enterprises, institutions=blank_type),
    ]
    for portfolio in portfolios:
        engine = npl_tolerance(portfolio, catalogue=catalogue, as_of=AS_OF)
        plain = npl_tolerance(portfolio)
        assert engine and _checks(engine) == _checks(plain)
        assert [c.margin for c in engine] == [c.margin for c in plain]
    s = portfolio_statistics(_portfolio(), catalogue, AS_OF)
    assert _checks(s.npl) == _checks(npl_tolerance(_portfolio()))

"""京金融〔2022〕190号 articles 16 and 28: statuses and amounts computed by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from builders import AS_OF, enterprise, event, loan, portfolio

from desktop.core.catalogue import Catalogue
from desktop.core.engine import evaluate_portfolio
from desktop.core.evaluation import Evaluation
from desktop.core.outcomes import ELIGIBLE, INELIGIBLE, UNKNOWN
from desktop.errors import ParameterError

ART16 = "jjr-2022-190.16"
NEEQ = "jjr-2022-190.28.neeq"
IPO = "jjr-2022-190.28.ipo"
MA = "jjr-2022-190.28.ma"


def run(catalogue: Catalogue, pf: object, **kwargs: object) -> Evaluation:
    # 190号 on its own: the 23号 measures that pay for the same loans (policies/overlaps.yaml)
    # are left out here; tests/test_overlaps.py covers the two together.
    kwargs.setdefault(
        "measure_ids", [m for m in sorted(catalogue.measures) if not m.startswith("jzbf-2023-23.")]
    )
    return evaluate_portfolio(pf, catalogue, as_of=kwargs.pop("as_of", AS_OF), **kwargs)  # type: ignore[arg-type]


def result(ev: Evaluation, uscc: str, measure: str):  # type: ignore[no-untyped-def]
    pos = ev.enterprises.index[ev.enterprises["uscc"] == uscc][0]
    return ev.explain(int(pos), measure)


# --- article 16: 40 % of interest paid, ≤ 500,000 per enterprise per year, rate ≤ LPR × 1.4


@pytest.mark.parametrize(
    ("interest", "expected"),
    [
        (200_000.00, "80000.00"),  # 200,000 × 40 %
        (1_249_999.99, "499999.996"),  # just under the cap: 499,999.996 → 500,000.00 (half-up)
        (1_250_000.00, "500000.00"),  # exactly at the cap
        (1_250_000.03, "500000.00"),  # 500,000.012 → capped
        (10.01, "4.004"),  # 4.004 → 4.00
        (0.00, "0.00"),  # eligible, amount zero (not "not eligible")
    ],
)
def test_art16_amount_and_cap_edges(catalogue: Catalogue, interest: float, expected: str) -> None:
    ev = run(catalogue, portfolio([enterprise("A")], [loan("L1", "A", interest_paid=interest)]))
    res = result(ev, "A", ART16)
    assert res.status == ELIGIBLE
    want = Decimal(expected).quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")
    assert res.amount == want


def test_art16_cap_is_per_year_and_shared_across_loans(catalogue: Catalogue) -> None:
    # The year is the one the subsidy is for: the year the loan is settled (the as-of year
    # while it runs), not the drawdown year.
    loans = [
        loan("L1", "A", interest_paid=1_000_000.00, end_date="2024-12-31"),  # 2024: 400,000
        loan(
            "L2", "A", interest_paid=500_000.00, start_date="2024-09-01", end_date="2024-12-31"
        ),  # 2024: 200,000 → 100,000
        # drawn 2025-02-01, runs past the as-of date: 2025, its own cap: 200,000
        loan("L3", "A", interest_paid=500_000.00, start_date="2025-02-01", end_date="2026-01-31"),
    ]
    ev = run(catalogue, portfolio([enterprise("A")], loans))
    res = result(ev, "A", ART16)
    items = {i.record: i for i in res.items}
    assert items["L1"].amount_fen == 40_000_000
    assert items["L2"].amount_fen == 10_000_000 and items["L2"].raw_fen == 20_000_000
    assert (items["L2"].capped_by or "").startswith("每家企业每年贴息上限")
    assert items["L3"].amount_fen == 20_000_000  # 2025 has its own cap
    assert res.amount == Decimal("700000.00")
    assert sum(i.amount_fen or 0 for i in res.items) == res.amount_fen


def test_art16_rate_threshold_edge(catalogue: Catalogue) -> None:
    # 1-year LPR on 2024-03-01 is 3.45 % (fixing of 2023-08-21); × 1.4 = 4.83 %.
    loans = [
        loan("AT", "A", rate=0.0483),
        loan("OVER", "B", rate=0.04831),
        loan("NEW", "C", rate=0.0421, start_date="2025-06-01"),  # LPR 3.00 % × 1.4 = 4.20 %
    ]
    ev = run(catalogue, portfolio([enterprise("A"), enterprise("B"), enterprise("C")], loans))
    assert result(ev, "A", ART16).status == ELIGIBLE
    over = result(ev, "B", ART16)
    assert over.status == INELIGIBLE
    assert any("4.831% > 同期1年期LPR×1.4 = 4.83%" in r for r in over.items[0].reasons)
    assert result(ev, "C", ART16).status == INELIGIBLE


def test_art16_half_up_rounding_is_exact(catalogue: Catalogue) -> None:
    # 1.15 × 0.3 = 0.345 exactly; float gives 0.34499999999999997. Half-up → 0.35.
    ev = run(
        catalogue,
        portfolio([enterprise("A")], [loan("L1", "A", interest_paid=1.15)]),
        overrides={f"{ART16}.ratio": "0.3"},
    )
    assert result(ev, "A", ART16).amount == Decimal("0.35")


def test_art16_ineligible_reasons(catalogue: Catalogue) -> None:
    ents = [
        enterprise("NOTECH", q_high_tech=False),
        enterprise("RICH", revenue=200_000_000.01),
        enterprise("EDGE", revenue=200_000_000.00),
        enterprise("NOLOAN"),
        enterprise("OTHER"),
    ]
    loans = [
        loan("L1", "NOTECH"),
        loan("L2", "RICH"),
        loan("L3", "EDGE"),
        loan("L4", "OTHER", collateral="抵押"),
    ]
    ev = run(catalogue, portfolio(ents, loans))
    notech = result(ev, "NOTECH", ART16)
    assert notech.status == INELIGIBLE and "✗ 属于科创企业：否" in notech.reasons
    assert notech.amount is None and notech.missing == []
    rich = result(ev, "RICH", ART16)
    assert rich.status == INELIGIBLE
    assert any(r.startswith("✗ 营业收入不超过上限") for r in rich.reasons)
    assert result(ev, "EDGE", ART16).status == ELIGIBLE
    assert result(ev, "NOLOAN", ART16).reasons[-1] == "无知识产权质押贷款"
    other = result(ev, "OTHER", ART16)
    assert other.status == INELIGIBLE and other.items == []


def test_art16_unknown_names_missing_fields(catalogue: Catalogue) -> None:
    ents = [
        enterprise("NOFLAGS", q_high_tech=None, q_tech_sme=None),
        enterprise("NOREV", revenue=None),
        enterprise("NORATE"),
        enterprise("NOINT"),
    ]
    loans = [
        loan("L1", "NOFLAGS"),
        loan("L2", "NOREV"),
        loan("L3", "NORATE", rate=None),
        loan("L4", "NOINT", interest_paid=None, amount=None),
    ]
    ev = run(catalogue, portfolio(ents, loans))
    flags = result(ev, "NOFLAGS", ART16)
    assert flags.status == UNKNOWN and flags.amount is None
    assert set(flags.missing) >= {"enterprises.q_high_tech", "enterprises.q_tech_sme"}
    assert result(ev, "NOREV", ART16).missing == ["enterprises.revenue"]
    assert result(ev, "NORATE", ART16).missing == ["loans.rate"]
    noint = result(ev, "NOINT", ART16)
    # Interest can be estimated from principal, rate and days; without the principal it cannot.
    assert noint.status == UNKNOWN
    assert noint.missing == ["loans.amount", "loans.interest_paid"]


def test_art16_estimates_interest_when_not_given(catalogue: Catalogue) -> None:
    # 5,000,000 × 4 % × 365 days ÷ 360 = 202,777.777…; × 40 % = 81,111.11 (rounded once)
    ev = run(catalogue, portfolio([enterprise("A")], [loan("L1", "A", interest_paid=None)]))
    res = result(ev, "A", ART16)
    assert res.status == ELIGIBLE
    assert res.amount == Decimal("81111.11")
    assert any(r.startswith("ℹ 实付利息空白") for r in res.items[0].reasons)


def test_one_known_false_qualification_is_not_enough_to_rule_out(catalogue: Catalogue) -> None:
    # Five flags false and one blank: still undecided. One flag true: decided.
    ev = run(
        catalogue,
        portfolio(
            [enterprise("A", q_high_tech=None), enterprise("B", q_high_tech=None, q_srdi_sme=True)],
            [loan("L1", "A"), loan("L2", "B")],
        ),
    )
    assert result(ev, "A", ART16).status == UNKNOWN
    assert result(ev, "B", ART16).status == ELIGIBLE


def test_loan_after_as_of_is_not_counted(catalogue: Catalogue) -> None:
    ev = run(catalogue, portfolio([enterprise("A")], [loan("L1", "A")]), as_of=dt.date(2024, 2, 1))
    res = result(ev, "A", ART16)
    assert res.status == INELIGIBLE
    assert any("放款日期 2024-03-01 > 测算基准日 2024-02-01" in r for r in res.items[0].reasons)


def test_measure_not_in_force_before_document_date(catalogue: Catalogue) -> None:
    ev = run(
        catalogue,
        portfolio([enterprise("A")], [loan("L1", "A", start_date="2022-01-10")]),
        as_of=dt.date(2022, 6, 1),
    )
    res = result(ev, "A", ART16)
    assert res.status == INELIGIBLE
    assert res.reasons[0] == "测算基准日 2022-06-01 早于施行日期 2022-06-25"


def test_override_ratio_changes_amount_and_provenance(catalogue: Catalogue) -> None:
    pf = portfolio([enterprise("A")], [loan("L1", "A", interest_paid=100_000.00)])
    ev = run(catalogue, pf, overrides={f"{ART16}.ratio": "50%"})
    assert result(ev, "A", ART16).amount == Decimal("50000.00")
    param = ev.parameters[f"{ART16}.ratio"]
    assert param.overridden and param.default == Decimal("0.40") and param.assumption
    with pytest.raises(ParameterError, match="no parameter 'ratoi'"):
        run(catalogue, pf, overrides={f"{ART16}.ratoi": "0.5"})
    with pytest.raises(ParameterError, match="between 0 and 1"):
        run(catalogue, pf, overrides={f"{ART16}.ratio": "1.5"})


def test_default_parameters_are_marked_assumptions(catalogue: Catalogue) -> None:
    ev = run(catalogue, portfolio([enterprise("A")]))
    ratio = ev.parameters[f"{ART16}.ratio"]
    assert ratio.value == Decimal("0.40") and ratio.assumption
    title = "《关于建立实施中关村知识产权质押融资成本分担和风险补偿机制的若干措施》"
    assert title in (ratio.source or "")
    cap = ev.parameters[f"{NEEQ}.cap"]
    assert cap.value == Decimal("1000000") and not cap.assumption


# --- article 28: Haidian listing intermediary-fee subsidies


@pytest.mark.parametrize(
    ("measure", "kind", "fee", "expected"),
    [
        (NEEQ, "新三板挂牌", 999_999.99, "999999.99"),
        (NEEQ, "新三板挂牌", 1_000_000.00, "1000000.00"),
        (NEEQ, "新三板挂牌", 1_000_000.01, "1000000.00"),
        (IPO, "境内上市", 3_000_000.00, "3000000.00"),
        (IPO, "境外上市", 3_500_000.00, "3000000.00"),
        (IPO, "境内上市", 120_000.50, "120000.50"),
    ],
)
def test_art28_fee_caps(
    catalogue: Catalogue, measure: str, kind: str, fee: float, expected: str
) -> None:
    ev = run(catalogue, portfolio([enterprise("A")], events=[event("E1", "A", kind, fee_paid=fee)]))
    res = result(ev, "A", measure)
    assert res.status == ELIGIBLE
    assert res.amount == Decimal(expected)


def test_art28_neeq_cap_is_one_off_across_years(catalogue: Catalogue) -> None:
    events = [
        event("E1", "A", "新三板挂牌", fee_paid=700_000.0, date="2023-05-01"),
        event("E2", "A", "新三板挂牌", fee_paid=700_000.0, date="2024-05-01"),
    ]
    ev = run(catalogue, portfolio([enterprise("A")], events=events))
    res = result(ev, "A", NEEQ)
    assert res.amount == Decimal("1000000.00")
    assert [i.amount_fen for i in res.items] == [70_000_000, 30_000_000]


def test_art28_ma_cap_per_year_and_conditions(catalogue: Catalogue) -> None:
    ents = [
        enterprise("LISTED", listing_status="境内上市"),
        enterprise("UNLISTED", listing_status="未上市"),
        enterprise("CHAOYANG", district="朝阳区", listing_status="境内上市"),
        enterprise("NODISTRICT", district=None, listing_status="境内上市"),
    ]
    events = [
        event("M1", "LISTED", "并购并表", fee_paid=1_500_000.0, consolidated_haidian=True),
        event(
            "M2",
            "LISTED",
            "并购并表",
            fee_paid=900_000.0,
            consolidated_haidian=True,
            date="2024-11-01",
        ),
        event(
            "M3",
            "LISTED",
            "并购并表",
            fee_paid=400_000.0,
            consolidated_haidian=False,
            date="2025-03-01",
        ),
        event("M4", "UNLISTED", "并购并表", consolidated_haidian=True),
        event("M5", "CHAOYANG", "并购并表", consolidated_haidian=True),
        event("M6", "NODISTRICT", "并购并表", consolidated_haidian=True),
    ]
    ev = run(catalogue, portfolio(ents, events=events))
    listed = result(ev, "LISTED", MA)
    assert listed.status == ELIGIBLE and listed.amount == Decimal("2000000.00")
    by_id = {i.record: i for i in listed.items}
    assert by_id["M2"].amount_fen == 50_000_000 and by_id["M2"].capped_by == "每年补贴上限"
    assert by_id["M3"].status == INELIGIBLE
    assert result(ev, "UNLISTED", MA).status == INELIGIBLE
    assert result(ev, "CHAOYANG", MA).status == INELIGIBLE
    nodistrict = result(ev, "NODISTRICT", MA)
    assert nodistrict.status == UNKNOWN and nodistrict.missing == ["enterprises.district"]


def test_art28_missing_fee_is_unknown_not_zero(catalogue: Catalogue) -> None:
    ev = run(
        catalogue,
        portfolio([enterprise("A")], events=[event("E1", "A", "境内上市", fee_paid=None)]),
    )
    res = result(ev, "A", IPO)
    assert res.status == UNKNOWN and res.amount is None
    assert res.missing == ["events.fee_paid"]


def test_totals_equal_sum_of_records(catalogue: Catalogue) -> None:
    ents = [enterprise(c) for c in "ABCDE"]
    loans = [loan(f"L{i}", c, interest_paid=123_456.78 * (i + 1)) for i, c in enumerate("ABCDE")]
    loans += [
        loan(f"X{i}", c, interest_paid=987_654.32, start_date="2024-10-01")
        for i, c in enumerate("ABC")
    ]
    ev = run(catalogue, portfolio(ents, loans))
    total = ev.totals()[ART16]["amount_fen"]
    per_record = sum(
        i.amount_fen or 0 for ent in range(len(ev)) for i in ev.explain(ent, ART16).items
    )
    assert total == per_record
    assert total == sum(ev.explain(ent, ART16).amount_fen or 0 for ent in range(len(ev)))

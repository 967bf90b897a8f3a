"""Stacking rules: one of an exclusive group, the higher of linked records, shared caps."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from desktop.core.catalogue import Catalogue, load_catalogue
from desktop.core.engine import evaluate_portfolio
from desktop.core.evaluation import Evaluation
from desktop.core.outcomes import ELIGIBLE
from desktop.core.portfolio import from_frames

REPO = Path(__file__).resolve().parents[1]
AS_OF = dt.date(2025, 12, 31)


@pytest.fixture(scope="module")
def stack_catalogue(tmp_path_factory: pytest.TempPathFactory) -> Catalogue:
    root = tmp_path_factory.mktemp("policies")
    shutil.copytree(REPO / "policies" / "reference", root / "reference")
    shutil.copy(Path(__file__).parent / "fixtures" / "stacking" / "stack-test.yaml", root)
    return load_catalogue(root)


def evaluate(catalogue: Catalogue, **frames: list[dict[str, object]]) -> Evaluation:
    enterprises = pd.DataFrame(frames.pop("enterprises"))
    portfolio = from_frames(enterprises, **{k: pd.DataFrame(v) for k, v in frames.items()})
    return evaluate_portfolio(portfolio, catalogue, as_of=AS_OF)


def test_exclusive_keeps_the_higher_and_says_so(stack_catalogue: Catalogue) -> None:
    ev = evaluate(
        stack_catalogue,
        enterprises=[
            {"uscc": "A", "name": "甲"},
            {"uscc": "B", "name": "乙"},
            {"uscc": "C", "name": "丙"},
        ],
        loans=[
            {"loan_id": "L1", "uscc": "A", "amount": 1_000_000.0},  # interest 10,000
            {"loan_id": "L2", "uscc": "B", "amount": 1_000_000.0},
            {"loan_id": "L3", "uscc": "C", "amount": 1_000_000.0},
        ],
        guarantees=[
            {"guarantee_id": "G1", "uscc": "A", "fee_paid": 8_000.0},
            {"guarantee_id": "G2", "uscc": "B", "fee_paid": 12_000.0},
        ],
    )
    a_interest, a_fee = ev.explain(0, "stack-test.1.interest"), ev.explain(0, "stack-test.1.fee")
    assert a_interest.amount_fen == 1_000_000 and a_fee.amount_fen == 0
    assert a_fee.status == ELIGIBLE
    assert any("已选用金额较高的「贷款贴息」" in r for r in a_fee.reasons)
    assert any(r.startswith("✓ 贴息与担保费补助二选一") for r in a_interest.reasons)
    assert ev.explain(1, "stack-test.1.interest").amount_fen == 0
    assert ev.explain(1, "stack-test.1.fee").amount_fen == 1_200_000
    # C has only the loan: nothing to choose between, no note.
    c_interest = ev.explain(2, "stack-test.1.interest")
    assert c_interest.amount_fen == 1_000_000
    assert not any("二选一" in r for r in c_interest.reasons)
    totals = ev.totals()
    assert totals["stack-test.1.interest"]["amount_fen"] == 2_000_000
    assert totals["stack-test.1.fee"]["amount_fen"] == 1_200_000
    items = [i for e in range(3) for i in ev.explain(e, "stack-test.1.fee").items]
    assert sum(i.amount_fen or 0 for i in items) == totals["stack-test.1.fee"]["amount_fen"]


def test_exclusive_per_record_links_by_key(stack_catalogue: Catalogue) -> None:
    ev = evaluate(
        stack_catalogue,
        enterprises=[{"uscc": "A", "name": "甲"}],
        projects=[
            {
                "project_id": "P1",
                "uscc": "A",
                "kind": "首台套产品",
                "project_name": "X",
                "requested": 3_000_000.0,
            },
            {
                "project_id": "P2",
                "uscc": "A",
                "kind": "应用场景",
                "project_name": "X",
                "requested": 5_000_000.0,
            },
            {
                "project_id": "P3",
                "uscc": "A",
                "kind": "首台套产品",
                "project_name": "Y",
                "requested": 1_000_000.0,
            },
        ],
    )
    product = ev.explain(0, "stack-test.2.product")
    scene = ev.explain(0, "stack-test.2.scene")
    by_id = {i.record: i for i in product.items}
    assert by_id["P1"].amount_fen == 0 and by_id["P3"].amount_fen == 100_000_000
    assert any("已选用金额更高的「场景支持」" in r for r in by_id["P1"].reasons)
    assert product.amount_fen == 100_000_000
    assert scene.amount_fen == 500_000_000


def test_shared_cap_in_listed_order(stack_catalogue: Catalogue) -> None:
    ev = evaluate(
        stack_catalogue,
        enterprises=[
            {"uscc": "A", "name": "甲", "revenue": 4_000_000.0},  # 40,000 + 80,000
            {"uscc": "B", "name": "乙", "revenue": 1_000_000.0},
        ],  # 10,000 + 20,000
    )
    assert ev.explain(0, "stack-test.3.a").amount_fen == 4_000_000
    b = ev.explain(0, "stack-test.3.b")
    assert b.amount_fen == 6_000_000
    assert any("合计不超过上限" in r for r in b.reasons)
    assert ev.explain(1, "stack-test.3.b").amount_fen == 2_000_000


def test_unknown_measure_or_key_in_rule_is_refused(tmp_path: Path) -> None:
    from desktop.errors import PolicyFileError

    root = tmp_path / "policies"
    shutil.copytree(REPO / "policies" / "reference", root / "reference")
    text = (Path(__file__).parent / "fixtures" / "stacking" / "stack-test.yaml").read_text(
        encoding="utf-8"
    )
    (root / "stack-test.yaml").write_text(
        text.replace("key: project_name", "key: projectname"), encoding="utf-8"
    )
    with pytest.raises(PolicyFileError, match="key 'projectname' is not a field of the projects"):
        load_catalogue(root)
    (root / "stack-test.yaml").write_text(
        text.replace(
            "measures: [stack-test.1.interest, stack-test.1.fee]",
            "measures: [stack-test.1.interest, stack-test.1.fees]",
        ),
        encoding="utf-8",
    )
    with pytest.raises(PolicyFileError, match=re.escape("unknown measure 'stack-test.1.fees'")):
        load_catalogue(root)


def test_static_check_reports_overlapping_exclusive_rules(stack_catalogue: Catalogue) -> None:
    from desktop.core.policy_lint import static_check

    findings = static_check(stack_catalogue)
    assert not [f for f in findings if f.severity == "error"]
    from desktop.core.policy_model import StackingRule

    extra = StackingRule(
        id="stack-test.extra",
        kind="exclusive",
        label="再一组",
        measures=["stack-test.1.interest", "stack-test.3.a"],
        quote="测试",
    )
    origin = stack_catalogue.stacking[0][1]
    stack_catalogue.stacking.append((extra, origin))
    try:
        messages = [str(f) for f in static_check(stack_catalogue)]
    finally:
        stack_catalogue.stacking.pop()
    assert any("stack-test.1.interest: is in 2 exclusive rules" in m for m in messages)

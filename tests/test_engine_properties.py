"""Properties of the engine: row order, splitting and extra columns change no amount."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.catalogue import Catalogue
from desktop.core.engine import evaluate_portfolio
from desktop.core.evaluation import Evaluation
from desktop.core.portfolio import Portfolio

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from synthetic import make_portfolio

AS_OF = dt.date(2025, 12, 31)
TABLES = ("loans", "events", "guarantees", "insurance", "losses", "projects")


@pytest.fixture(scope="module")
def base() -> Portfolio:
    return make_portfolio(400, seed=7)


def amounts(ev: Evaluation) -> dict[tuple[str, str], int | None]:
    out: dict[tuple[str, str], int | None] = {}
    usccs = ev.enterprises["uscc"].tolist()
    for measure_id, outcome in ev.outcomes.items():
        frame = outcome.enterprise
        if "amount_fen" not in frame.columns:
            values: list[int | None] = [None] * len(usccs)
        else:
            values = [None if v is pd.NA else int(v) for v in frame["amount_fen"].tolist()]
        out.update(zip(((u, measure_id) for u in usccs), values, strict=True))
    return out


def statuses(ev: Evaluation) -> dict[tuple[str, str], str]:
    usccs = ev.enterprises["uscc"].tolist()
    out: dict[tuple[str, str], str] = {}
    for m, o in ev.outcomes.items():
        out.update(
            zip(((u, m) for u in usccs), map(str, o.enterprise["status"].tolist()), strict=True)
        )
    return out


def subset(pf: Portfolio, usccs: set[str]) -> Portfolio:
    part = Portfolio(enterprises=pf.enterprises[pf.enterprises["uscc"].isin(usccs)])
    for name in TABLES:
        frame = getattr(pf, name)
        setattr(part, name, frame[frame["uscc"].isin(usccs)])
    return part


def shuffled(pf: Portfolio, seed: int) -> Portfolio:
    rng = np.random.default_rng(seed)
    out = Portfolio(enterprises=pf.enterprises.sample(frac=1.0, random_state=rng))
    for name in TABLES:
        frame = getattr(pf, name)
        setattr(out, name, frame.sample(frac=1.0, random_state=rng))
    return out


@settings(
    max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(seed=st.integers(0, 10_000))
def test_row_order_changes_nothing(catalogue: Catalogue, base: Portfolio, seed: int) -> None:
    reference = evaluate_portfolio(base, catalogue, as_of=AS_OF)
    again = evaluate_portfolio(shuffled(base, seed), catalogue, as_of=AS_OF)
    assert amounts(again) == amounts(reference)
    assert statuses(again) == statuses(reference)


@settings(
    max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(seed=st.integers(0, 10_000), parts=st.integers(2, 4))
def test_splitting_the_portfolio_changes_nothing(
    catalogue: Catalogue, base: Portfolio, seed: int, parts: int
) -> None:
    reference = amounts(evaluate_portfolio(base, catalogue, as_of=AS_OF))
    rng = np.random.default_rng(seed)
    group = rng.integers(0, parts, len(base.enterprises))
    combined: dict[tuple[str, str], int | None] = {}
    for g in range(parts):
        usccs = set(base.enterprises["uscc"][group == g])
        if usccs:
            combined.update(
                amounts(evaluate_portfolio(subset(base, usccs), catalogue, as_of=AS_OF))
            )
    assert combined == reference


def test_irrelevant_columns_change_nothing(catalogue: Catalogue, base: Portfolio) -> None:
    reference = evaluate_portfolio(base, catalogue, as_of=AS_OF)
    noisy = Portfolio(enterprises=base.enterprises.assign(备注='=HYPERLINK("x")', extra=1.5))
    for name in TABLES:
        setattr(noisy, name, getattr(base, name).assign(客户经理="张三", score=np.nan))
    again = evaluate_portfolio(noisy, catalogue, as_of=AS_OF)
    assert amounts(again) == amounts(reference)


def test_totals_equal_the_sum_of_record_amounts(catalogue: Catalogue, base: Portfolio) -> None:
    ev = evaluate_portfolio(base, catalogue, as_of=AS_OF)
    totals = ev.totals()
    checked = 0
    for measure_id, outcome in ev.outcomes.items():
        if outcome.records is None or "amount_fen" not in outcome.records.columns:
            continue
        rec = outcome.records
        eligible = rec["status"] == "eligible"
        assert (
            int(rec.loc[eligible, "amount_fen"].fillna(0).sum()) == totals[measure_id]["amount_fen"]
        ), measure_id
        checked += 1
    assert checked >= 20

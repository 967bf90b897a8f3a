"""Every amount equals exact decimal arithmetic rounded half-up to 分, whatever floats do."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core import expr as ex
from desktop.core.catalogue import Catalogue
from desktop.core.engine import _round_amounts

AS_OF = dt.date(2025, 12, 31)
CENT = Decimal("0.01")

money = st.integers(min_value=0, max_value=10**11).map(lambda fen: Decimal(fen) / 100)
ratio = st.integers(min_value=0, max_value=10_000).map(lambda bp: Decimal(bp) / 10_000)


def rounded(
    catalogue: Catalogue, source: str, frame: pd.DataFrame, params: dict[str, Decimal]
) -> list[int | None]:
    parsed = ex.parse(source)
    ops = ex.VectorOps(frame, params, index=frame.index, as_of=AS_OF, rates=catalogue.lpr)
    result = _round_amounts(parsed, ops, frame, params, AS_OF, catalogue, frame.index)
    return [None if v is pd.NA else int(v) for v in result]


@settings(max_examples=60, deadline=None)
@given(st.lists(money, min_size=1, max_size=40), ratio)
def test_product_of_money_and_ratio(
    catalogue: Catalogue, amounts: list[Decimal], r: Decimal
) -> None:
    frame = pd.DataFrame({"x": [float(a) for a in amounts]})
    got = rounded(catalogue, "x * p.r", frame, {"r": r})
    want = [int((a * r).quantize(CENT, rounding=ROUND_HALF_UP) * 100) for a in amounts]
    assert got == want


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(money, st.integers(1, 800)), min_size=1, max_size=30), ratio)
def test_lpr_day_count_formula(
    catalogue: Catalogue, rows: list[tuple[Decimal, int]], r: Decimal
) -> None:
    start = pd.Timestamp("2024-03-01")
    frame = pd.DataFrame(
        {
            "amount": [float(a) for a, _ in rows],
            "start_date": [start] * len(rows),
            "end_date": [start + pd.Timedelta(days=d) for _, d in rows],
        }
    )
    source = "amount * lpr_1y(start_date) * p.r * days_between(start_date, end_date) / 360"
    got = rounded(catalogue, source, frame, {"r": r})
    lpr = Decimal("0.0345")  # in force on 2024-03-01
    want = [
        int((a * lpr * r * d / 360).quantize(CENT, rounding=ROUND_HALF_UP) * 100) for a, d in rows
    ]
    assert got == want


def test_exact_halves_round_up_and_blanks_stay_blank(catalogue: Catalogue) -> None:
    frame = pd.DataFrame({"x": [1.15, 0.01, np.nan, 2.675, 1_000_000.01]})
    assert rounded(catalogue, "x * p.r", frame, {"r": Decimal("0.5")}) == [
        58,
        1,
        None,
        134,
        50_000_001,
    ]
    assert rounded(catalogue, "x * p.r", frame, {"r": Decimal("0.3")})[0] == 35

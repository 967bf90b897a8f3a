"""Value spellings named in the import issue, including the rate units added with it."""

from __future__ import annotations

import pandas as pd
import pytest

from desktop.spreadsheet.values import parse_date, parse_flag, parse_money, parse_rate


def col(*values: object) -> pd.Series:
    return pd.Series(list(values), index=range(5, 5 + len(values)), dtype=object)


@pytest.mark.parametrize(
    ("unit", "cells", "expected"),
    [
        ("BP", [385, "50BP", "50bp", "4.1%", "3‰"], [0.0385, 0.005, 0.005, 0.041, 0.003]),
        ("基点", [12.5], [0.00125]),
        ("‰", [38.5, "4%"], [0.0385, 0.04]),
        (None, ["25BP", "3‰", "4.35%"], [0.0025, 0.003, 0.0435]),
    ],
)
def test_rate_units(unit: str | None, cells: list[object], expected: list[float]) -> None:
    parsed = parse_rate(col(*cells), unit)
    assert parsed.values.tolist() == pytest.approx(expected)
    assert not parsed.bad.any()


def test_rate_missing_stays_missing() -> None:
    parsed = parse_rate(col(None, "—", "", "x"), "BP")
    assert parsed.values.isna().all()
    assert parsed.bad.tolist() == [False, False, False, True]


@pytest.mark.parametrize(
    ("unit", "cell", "yuan"),
    [
        ("元", "1,234.5", 1234.5),
        ("万元", "500万", 5e6),
        ("亿元", 1.5, 1.5e8),
        (None, "(1,000)", -1000.0),
        ("万元", "１２３", 1_230_000.0),
        ("元", "2亿", 2e8),
    ],
)
def test_money_spellings(unit: str | None, cell: object, yuan: float) -> None:
    assert parse_money(col(cell), unit).values.tolist() == [yuan]


def test_flags_and_dates_of_the_issue() -> None:
    flags = parse_flag(col("是", "否", "Y", "N", "√", "×", "有", "无", "TRUE", "FALSE", 1, 0))
    assert flags.values.tolist() == [True, False] * 6
    dates = parse_date(col(45352.0, "2024-03-01", "2024/3/1", "2024.3.1", "2024年3月1日",
                           "20240301"))  # fmt: skip
    assert dates.values.tolist() == [pd.Timestamp(2024, 3, 1)] * 6


def test_bilingual_flags() -> None:
    """A bilingual export writes its flags in both languages too (corpus: bilingual-headers);
    parts that disagree, or a word that is no flag, stay unreadable (missing, reported)."""
    flags = parse_flag(
        col("是 Yes", "否 No", "Y（是）", "否/N", "是 / yes", "是/No", "不确定 Unsure")
    )
    assert flags.values.tolist()[:5] == [True, False, True, False, True]
    assert flags.values.isna().tolist()[5:] == [True, True]
    assert flags.bad.tolist() == [False] * 5 + [True, True]

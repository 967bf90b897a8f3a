"""The policy expression language: three-valued, exact where it matters, and unable to run code."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pandas as pd
import pytest

from desktop.core import expr as ex
from desktop.errors import ExpressionError

AS_OF = dt.date(2025, 1, 1)


def vector(source: str, **columns: list[object]) -> list[object]:
    frame = pd.DataFrame(columns)
    ops = ex.VectorOps(
        frame, {"ratio": Decimal("0.4"), "cap": Decimal("10")}, index=frame.index, as_of=AS_OF
    )
    value = ex.evaluate(ex.parse(source), ops)
    return [None if v is pd.NA or (isinstance(v, float) and v != v) else v for v in value]


@pytest.mark.parametrize(
    "source",
    [
        "__import__('os').system('echo pwned')",
        "open('/etc/passwd').read()",
        "(1).__class__.__bases__",
        "p.__class__",
        "[x for x in (1, 2)]",
        "lambda: 1",
        "exec('1')",
        "eval('1')",
        "getattr(p, 'ratio')",
        "a.b",
        "f'{a}'",
        "a[0]",
        "min(a, key=b)",
        "(a := 1)",
        "_secret",
    ],
)
def test_code_is_refused(source: str) -> None:
    with pytest.raises(ExpressionError):
        ex.parse(source)


def test_names_and_parameters_are_collected() -> None:
    parsed = ex.parse("rate <= lpr_1y(start_date) * p.max_rate_multiple and as_of >= start_date")
    assert parsed.fields == {"rate", "start_date"}
    assert parsed.params == {"max_rate_multiple"}


def test_kleene_logic() -> None:
    a = [True, True, False, None, None]
    b = [None, False, None, None, True]
    assert vector("a and b", a=a, b=b) == [None, False, False, None, None]
    assert vector("a or b", a=a, b=b) == [True, True, None, None, True]
    assert vector("not a", a=a, b=b) == [False, False, True, None, None]


def test_comparisons_with_missing_are_unknown() -> None:
    assert vector("x <= p.cap", x=[5.0, 10.0, 11.0, None]) == [True, True, False, None]
    assert vector("d == '海淀区'", d=["海淀区", "朝阳区", None]) == [True, False, None]
    assert vector("d in ('A', 'B')", d=["A", "C", None]) == [True, False, None]
    assert vector("d not in ('A', 'B')", d=["A", "C", None]) == [False, True, None]


def test_decimal_equality_survives_float_noise() -> None:
    # 0.1 + 0.2 is 0.30000000000000004 in binary floating point.
    assert vector("x + y <= 0.3", x=[0.1], y=[0.2]) == [True]
    assert vector("x * 1.4 >= 0.0483", x=[0.0345]) == [True]


def test_functions() -> None:
    assert vector("min(x, p.cap)", x=[5.0, 50.0, None]) == [5.0, 10.0, None]
    assert vector("any(a, b)", a=[False, None, False], b=[False, True, None]) == [False, True, None]
    assert vector("isna(x)", x=[1.0, None]) == [False, True]
    assert vector("known(x)", x=[1.0, None]) == [True, False]
    assert vector("coalesce(x, y)", x=[None, 2.0], y=[1.0, 3.0]) == [1.0, 2.0]
    assert vector("x if a else y", x=[1.0, 1.0, 1.0], y=[2.0, 2.0, 2.0], a=[True, False, None]) == [
        1.0,
        2.0,
        None,
    ]


def test_exact_backend_matches_decimal_arithmetic() -> None:
    parsed = ex.parse("x * p.ratio")
    ops = ex.ExactOps({"x": 1.15}, {"ratio": Decimal("0.3")}, as_of=AS_OF)
    assert ex.evaluate(parsed, ops) == Decimal("0.345")
    assert (
        ex.evaluate(ex.parse("x > 1 and y"), ex.ExactOps({"x": 2.0, "y": None}, {}, as_of=AS_OF))
        is None
    )


def test_syntax_error_names_the_expression() -> None:
    with pytest.raises(ExpressionError, match="syntax error in 'rate <='"):
        ex.parse("rate <=", where="expression")

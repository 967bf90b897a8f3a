"""Exact backends: :class:`ExactOps` (one row, Decimal) and :class:`DecimalArrayOps` (a few
rows at once, Decimal object arrays), for the amounts whose float value lies too close to a
half-分 to be rounded safely."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd

from desktop.core.expr.evaluate import RateTable, SizeStandard
from desktop.core.expr.grammar import AS_OF
from desktop.errors import ExpressionError


def _dec(value: Any) -> Any:
    """A number as Decimal from its shortest repr (0.0435 → Decimal('0.0435'))."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, Decimal):
        return value
    if isinstance(value, (int, np.integer)):
        return Decimal(int(value))
    if isinstance(value, (float, np.floating)):
        if np.isnan(value):
            return None
        return Decimal(repr(float(value)))
    return value


class ExactOps:
    """One row at a time with Decimal arithmetic; ``None`` is missing."""

    def __init__(
        self,
        row: Mapping[str, Any],
        params: Mapping[str, Any],
        *,
        as_of: dt.date,
        rates: RateTable | None = None,
        sme: SizeStandard | None = None,
    ) -> None:
        self.row = row
        self.params = params
        self.sme = sme
        self.as_of = as_of
        self.rates = rates

    def const(self, value: Any) -> Any:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        return value

    def name(self, name: str) -> Any:
        if name == AS_OF:
            return self.as_of
        try:
            value = self.row[name]
        except KeyError:
            raise ExpressionError(f"unknown field '{name}'") from None
        if isinstance(value, pd.Timestamp):
            return None if pd.isna(value) else value.date()
        if value is pd.NaT:
            return None
        return _dec(value)

    def param(self, name: str) -> Any:
        try:
            return self.params[name]
        except KeyError:
            raise ExpressionError(f"unknown parameter 'p.{name}'") from None

    def arith(self, op: str, a: Any, b: Any) -> Any:
        if a is None or b is None:
            return None
        if op == "+":
            return a + b
        if op == "-":
            return a - b
        if op == "*":
            return a * b
        return None if b == 0 else a / b

    def neg(self, a: Any) -> Any:
        return None if a is None else -a

    def compare(self, op: str, a: Any, b: Any) -> Any:
        a, b = _plain(a), _plain(b)
        if a is None or b is None:
            return None
        ops: dict[str, Callable[[Any, Any], bool]] = {
            "<": lambda x, y: x < y,
            "<=": lambda x, y: x <= y,
            ">": lambda x, y: x > y,
            ">=": lambda x, y: x >= y,
            "==": lambda x, y: x == y,
            "!=": lambda x, y: x != y,
        }
        return bool(ops[op](a, b))

    def member(self, a: Any, values: list[Any], negate: bool) -> Any:
        if a is None:
            return None
        return (a in values) != negate

    def and_(self, a: Any, b: Any) -> Any:
        if a is False or b is False:
            return False
        if a is None or b is None:
            return None
        return True

    def or_(self, a: Any, b: Any) -> Any:
        if a is True or b is True:
            return True
        if a is None or b is None:
            return None
        return False

    def not_(self, a: Any) -> Any:
        return None if a is None else not a

    def ifexp(self, cond: Any, a: Any, b: Any) -> Any:
        if cond is None:
            return None
        return a if cond else b

    def call(self, fn: str, args: list[Any]) -> Any:
        if fn in ("min", "max"):
            if any(a is None for a in args):
                return None
            return min(args) if fn == "min" else max(args)
        if fn in ("any", "all"):
            result = args[0]
            for arg in args[1:]:
                result = self.or_(result, arg) if fn == "any" else self.and_(result, arg)
            return result
        if fn == "isna":
            return args[0] is None
        if fn == "known":
            return args[0] is not None
        if fn == "coalesce":
            return next((a for a in args if a is not None), None)
        if fn in ("lpr_1y", "lpr_5y"):
            day = _as_date(args[0])
            if day is None or self.rates is None:
                return None
            pos = bisect.bisect_right(list(self.rates.dates()), day) - 1
            return None if pos < 0 else self.rates.rates("1y" if fn == "lpr_1y" else "5y")[pos]
        if fn == "year":
            day = _as_date(args[0])
            return None if day is None else Decimal(day.year)
        if fn == "days_between":
            a, b = _as_date(args[0]), _as_date(args[1])
            return None if a is None or b is None else Decimal((b - a).days)
        if fn == "date":
            return _as_date(args[0])
        if fn == "abs":
            return None if args[0] is None else abs(args[0])
        if fn == "sme_class_2011":
            if self.sme is None or args[0] is None:
                return None
            names = ("employees", "revenue", "total_assets")
            columns = {
                n: pd.Series([None if a is None else float(a)], dtype=float)
                for n, a in zip(names, args[1:], strict=True)
            }
            value = self.sme.classify(pd.Series([args[0]], dtype=object), columns).iloc[0]
            return None if value is None else str(value)
        raise ExpressionError(f"unknown function {fn}")


def _plain(value: Any) -> Any:
    """Timestamps as dates so they compare with ``as_of``; everything else unchanged."""
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, dt.datetime):
        return value.date()
    return value


def _as_date(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, dt.datetime):
        return value.date()
    return value


class DecimalArrayOps:
    """Exact Decimal arithmetic over a few rows at once (numpy object arrays; None is missing).

    The engine uses it for the rows whose float result lies too close to a half-分 to round
    safely. Dates stay ``datetime64[D]`` arrays; numbers become Decimal from their shortest
    repr, so 0.0345 is exactly 0.0345.
    """

    def __init__(
        self,
        columns: Mapping[str, np.ndarray],
        params: Mapping[str, Any],
        *,
        length: int,
        as_of: dt.date,
        rates: RateTable | None = None,
    ) -> None:
        self.columns = columns
        self.params = params
        self.n = length
        self.as_of = as_of
        self.rates = rates

    # -- conversion
    def _obj(self, value: Any) -> np.ndarray:
        """Any operand as an object array of Decimal / str / bool / None (dates kept)."""
        if isinstance(value, np.ndarray):
            if value.dtype.kind == "M":
                return value
            return value
        out = np.empty(self.n, dtype=object)
        out[:] = [_dec(value)] * self.n if not isinstance(value, np.datetime64) else value
        return out

    @staticmethod
    def decimal_column(series: pd.Series) -> np.ndarray:
        """A column as Decimal objects (numbers from their shortest repr), None for missing."""
        if pd.api.types.is_datetime64_any_dtype(series):
            return series.to_numpy(dtype="datetime64[D]")
        if pd.api.types.is_float_dtype(series) or pd.api.types.is_integer_dtype(series):
            values = series.to_numpy(dtype=float, na_value=np.nan)
            out: np.ndarray = _TO_DECIMAL(values.astype(str))  # numpy prints the shortest repr
            out[np.isnan(values)] = None
            return out
        values = series.to_numpy(dtype=object)
        out = np.empty(len(values), dtype=object)
        out[:] = [
            None
            if v is None or v is pd.NA or (isinstance(v, float) and v != v)
            else (bool(v) if isinstance(v, (bool, np.bool_)) else _dec(v))
            for v in values
        ]
        return out

    # -- leaves
    def const(self, value: Any) -> Any:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        return value

    def name(self, name: str) -> Any:
        if name == AS_OF:
            return np.full(self.n, np.datetime64(self.as_of, "D"))
        try:
            return self.columns[name]
        except KeyError:
            raise ExpressionError(f"unknown field '{name}'") from None

    def param(self, name: str) -> Any:
        try:
            value = self.params[name]
        except KeyError:
            raise ExpressionError(f"unknown parameter 'p.{name}'") from None
        if isinstance(value, dt.date):
            return np.full(self.n, np.datetime64(value, "D"))
        return value

    # -- element-wise helpers
    def _map(self, fn: Callable[..., Any], *args: Any) -> np.ndarray:
        arrays = [a if isinstance(a, np.ndarray) else self._obj(a) for a in args]
        out = np.empty(self.n, dtype=object)
        out[:] = [fn(*vals) for vals in zip(*arrays, strict=True)]
        return out

    @staticmethod
    def _missing(v: Any) -> bool:
        return v is None or (isinstance(v, np.datetime64) and np.isnat(v))

    def arith(self, op: str, a: Any, b: Any) -> Any:
        """Element-wise Decimal arithmetic in numpy's C loop; missing stays missing."""
        x, y = self._obj(a), self._obj(b)
        if x.dtype.kind == "M" or y.dtype.kind == "M":
            raise ExpressionError("dates cannot be used in arithmetic; use days_between()")
        missing = _is_none(x) | _is_none(y)
        if op == "/":
            missing |= np.asarray(_IS_ZERO(y), dtype=bool)
        xs = x.copy()
        ys = y.copy()
        xs[missing] = _ZERO
        ys[missing] = _ONE
        result: np.ndarray = {"+": np.add, "-": np.subtract, "*": np.multiply, "/": np.true_divide}[
            op
        ](xs, ys).astype(object)
        result[missing] = None
        return result

    def neg(self, a: Any) -> Any:
        return self._map(lambda x: None if x is None else -x, a)

    def compare(self, op: str, a: Any, b: Any) -> Any:
        exact = ExactOps({}, {}, as_of=self.as_of)
        return self._map(lambda x, y: exact.compare(op, _plain_any(x), _plain_any(y)), a, b)

    def member(self, a: Any, values: list[Any], negate: bool) -> Any:
        return self._map(lambda x: None if x is None else (x in values) != negate, a)

    def and_(self, a: Any, b: Any) -> Any:
        exact = ExactOps({}, {}, as_of=self.as_of)
        return self._map(exact.and_, a, b)

    def or_(self, a: Any, b: Any) -> Any:
        exact = ExactOps({}, {}, as_of=self.as_of)
        return self._map(exact.or_, a, b)

    def not_(self, a: Any) -> Any:
        return self._map(lambda x: None if x is None else not x, a)

    def ifexp(self, cond: Any, a: Any, b: Any) -> Any:
        return self._map(lambda c, x, y: None if c is None else (x if c else y), cond, a, b)

    def call(self, fn: str, args: list[Any]) -> Any:
        if fn in ("lpr_1y", "lpr_5y"):
            dates = args[0]
            if self.rates is None or not isinstance(dates, np.ndarray) or dates.dtype.kind != "M":
                return self._obj(None)
            effective = np.array([np.datetime64(d, "D") for d in self.rates.dates()])
            rates = list(self.rates.rates("1y" if fn == "lpr_1y" else "5y"))
            pos = np.searchsorted(effective, dates, side="right") - 1
            out = np.empty(self.n, dtype=object)
            out[:] = [
                None if p < 0 or np.isnat(d) else rates[p] for p, d in zip(pos, dates, strict=True)
            ]
            return out
        if fn == "days_between":
            a, b = args
            if isinstance(a, np.ndarray) and isinstance(b, np.ndarray):
                days = (b.astype("datetime64[D]") - a.astype("datetime64[D]")).astype(float)
                out = np.empty(self.n, dtype=object)
                out[:] = [None if d != d else Decimal(int(d)) for d in days]
                return out
            return self._obj(None)
        if fn == "year":
            dates = args[0]
            years = dates.astype("datetime64[Y]").astype(int) + 1970
            out = np.empty(self.n, dtype=object)
            out[:] = [
                None if np.isnat(d) else Decimal(int(y)) for d, y in zip(dates, years, strict=True)
            ]
            return out
        if fn == "date":
            return np.full(self.n, np.datetime64(dt.date.fromisoformat(str(args[0])), "D"))
        exact = ExactOps({}, {}, as_of=self.as_of)
        return self._map(lambda *xs: exact.call(fn, [_plain_any(x) for x in xs]), *args)


_ZERO = Decimal(0)
_ONE = Decimal(1)
_TO_DECIMAL = np.frompyfunc(Decimal, 1, 1)
_IS_NONE = np.frompyfunc(lambda v: v is None, 1, 1)
_IS_ZERO = np.frompyfunc(lambda v: v is not None and v == 0, 1, 1)


def _is_none(values: np.ndarray) -> np.ndarray:
    return np.asarray(_IS_NONE(values), dtype=bool)


def _plain_any(value: Any) -> Any:
    if isinstance(value, np.datetime64):
        return None if np.isnat(value) else value.astype("datetime64[D]").astype(dt.date)
    return value

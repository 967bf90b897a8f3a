"""Evaluation: one tree walker (:func:`evaluate`) over a backend (:class:`Ops`); the
vectorised backend :class:`VectorOps` works on whole pandas columns (the hot path) with
three-valued missing data; and the reference data the functions need (LPR fixings, the SME
size standard, districts)."""

from __future__ import annotations

import ast
import datetime as dt
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, Protocol

import numpy as np
import pandas as pd

from desktop.core.expr.grammar import AS_OF, BINOPS, CMPOPS
from desktop.core.expr.parse import Expr
from desktop.errors import ExpressionError


def _district_in(addresses: pd.Series, districts: list[str]) -> pd.Series:
    """The first known district named in each address (longest names tried first)."""
    out = pd.Series([None] * len(addresses), index=addresses.index, dtype=object)
    text = addresses.astype(object)
    present = text.notna().to_numpy()
    if not present.any():
        return out
    names = sorted(districts, key=len, reverse=True)
    pattern = "(" + "|".join(re.escape(n) for n in names) + ")"
    found = text[present].astype(str).str.extract(pattern, expand=False)
    out[present] = found.astype(object).where(found.notna(), None).to_numpy()
    return out


class SizeStandard(Protocol):
    """Enterprise size classification (工信部联企业〔2011〕300号)."""

    def classify(self, industry: pd.Series, columns: dict[str, pd.Series]) -> pd.Series: ...


class RateTable(Protocol):
    """LPR fixings by effective date (fractions, e.g. 0.0345)."""

    def dates(self) -> Sequence[dt.date]: ...

    def rates(self, tenor: str) -> Sequence[Decimal]: ...


def lpr_positions(rates: RateTable, dates: pd.Series | np.ndarray) -> np.ndarray:
    """Per date, the position of the LPR fixing in force on it (the last one published on or
    before the date); -1 for a blank date or one before the first fixing. ``lpr_1y(d)`` and
    ``lpr_5y(d)`` take their value from this fixing, so a derived LPR and its publication date
    are the same lookup."""
    effective = np.array([np.datetime64(d, "ns") for d in rates.dates()])
    values = pd.to_datetime(pd.Series(dates) if isinstance(dates, np.ndarray) else dates)
    days = values.to_numpy(dtype="datetime64[ns]")
    pos = np.searchsorted(effective, days, side="right") - 1
    pos[np.isnat(days)] = -1
    return pos.astype(np.int64)


class Ops(Protocol):
    def const(self, value: Any) -> Any: ...
    def name(self, name: str) -> Any: ...
    def param(self, name: str) -> Any: ...
    def arith(self, op: str, a: Any, b: Any) -> Any: ...
    def neg(self, a: Any) -> Any: ...
    def compare(self, op: str, a: Any, b: Any) -> Any: ...
    def member(self, a: Any, values: list[Any], negate: bool) -> Any: ...
    def and_(self, a: Any, b: Any) -> Any: ...
    def or_(self, a: Any, b: Any) -> Any: ...
    def not_(self, a: Any) -> Any: ...
    def ifexp(self, cond: Any, a: Any, b: Any) -> Any: ...
    def call(self, fn: str, args: list[Any]) -> Any: ...


def evaluate(expr: Expr | ast.expr, ops: Ops) -> Any:
    """Walk a checked tree with the given backend."""
    node = expr.tree if isinstance(expr, Expr) else expr
    return _walk(node, ops)


def _walk(node: ast.expr, ops: Ops) -> Any:
    if isinstance(node, ast.Constant):
        return ops.const(node.value)
    if isinstance(node, ast.Name):
        return ops.name(node.id)
    if isinstance(node, ast.Attribute):
        return ops.param(node.attr)
    if isinstance(node, ast.BinOp):
        return ops.arith(BINOPS[type(node.op)], _walk(node.left, ops), _walk(node.right, ops))
    if isinstance(node, ast.UnaryOp):
        value = _walk(node.operand, ops)
        if isinstance(node.op, ast.Not):
            return ops.not_(value)
        if isinstance(node.op, ast.USub):
            return ops.neg(value)
        return value
    if isinstance(node, ast.BoolOp):
        values = [_walk(v, ops) for v in node.values]
        result = values[0]
        for value in values[1:]:
            result = (
                ops.and_(result, value) if isinstance(node.op, ast.And) else ops.or_(result, value)
            )
        return result
    if isinstance(node, ast.Compare):
        left = _walk(node.left, ops)
        result = None
        for op_node, comp in zip(node.ops, node.comparators, strict=True):
            op = CMPOPS[type(op_node)]
            if op in ("in", "not in"):
                assert isinstance(comp, (ast.Tuple, ast.List))
                values = [c.value for c in comp.elts if isinstance(c, ast.Constant)]
                part = ops.member(left, values, op == "not in")
                right = None
            else:
                right = _walk(comp, ops)
                part = ops.compare(op, left, right)
            result = part if result is None else ops.and_(result, part)
            left = right
        return result
    if isinstance(node, ast.IfExp):
        return ops.ifexp(_walk(node.test, ops), _walk(node.body, ops), _walk(node.orelse, ops))
    if isinstance(node, ast.Call):
        assert isinstance(node.func, ast.Name)
        return ops.call(node.func.id, [_walk(a, ops) for a in node.args])
    raise ExpressionError(f"cannot evaluate '{ast.unparse(node)}'")  # unreachable after check


def _to_timestamp(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return pd.Timestamp(dt.date.fromisoformat(value))
        except ValueError:
            raise ExpressionError(f"date('{value}'): not an ISO date (YYYY-MM-DD)") from None
    return value


# Two floats this close are the same decimal number: inputs carry at most a few decimals,
# so a real difference near any policy threshold is many orders of magnitude larger.
_REL_TOLERANCE = 1e-12


def _numeric_compare(op: str, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Compare floats as the decimals they stand for (0.0345 × 1.4 equals 0.0483)."""
    with np.errstate(invalid="ignore"):
        equal: np.ndarray = np.isclose(a, b, rtol=_REL_TOLERANCE, atol=_REL_TOLERANCE)
        less: np.ndarray = np.less(a, b)
        greater: np.ndarray = np.greater(a, b)
    results: dict[str, np.ndarray] = {
        "==": equal,
        "!=": ~equal,
        "<": less & ~equal,
        "<=": less | equal,
        ">": greater & ~equal,
        ">=": greater | equal,
    }
    return results[op]


class VectorOps:
    """Column-at-a-time evaluation over a frame of ``length`` rows."""

    def __init__(
        self,
        columns: Mapping[str, pd.Series] | pd.DataFrame,
        params: Mapping[str, Any],
        *,
        index: pd.Index,
        as_of: dt.date,
        rates: RateTable | None = None,
        sme: SizeStandard | None = None,
        districts: Mapping[str, str] | None = None,
    ) -> None:
        self.columns = columns
        self.params = params
        self.index = index
        self.as_of = as_of
        self.rates = rates
        self.sme = sme
        self.districts = districts  # district → city

    # -- leaves
    def const(self, value: Any) -> Any:
        if isinstance(value, bool) or value is None or isinstance(value, str):
            return value
        return float(value)

    def name(self, name: str) -> Any:
        if name == AS_OF:
            return pd.Timestamp(self.as_of)
        try:
            return self.columns[name]
        except KeyError:
            raise ExpressionError(f"unknown field '{name}'") from None

    def param(self, name: str) -> Any:
        try:
            value = self.params[name]
        except KeyError:
            raise ExpressionError(f"unknown parameter 'p.{name}'") from None
        if value is None:
            return None  # not set: everything that needs it stays undecided
        if isinstance(value, dt.date):
            return pd.Timestamp(value)
        return float(value)

    # -- helpers
    def as_series(self, value: Any) -> pd.Series:
        """A value of this backend as a column over its rows (a constant repeated)."""
        if isinstance(value, pd.Series):
            return value
        if isinstance(value, bool):
            return pd.Series(value, index=self.index, dtype="boolean")
        if value is None:
            return pd.Series(pd.NA, index=self.index, dtype="object")
        if isinstance(value, str):
            return pd.Series(value, index=self.index, dtype=object)
        return pd.Series(value, index=self.index)

    def as_bool(self, value: Any) -> pd.Series:
        """A value as a nullable boolean column (``<NA>``: unknown)."""
        s = self.as_series(value)
        if s.dtype == "boolean":
            return s
        if s.dtype == bool:
            return s.astype("boolean")
        if s.dtype == object:
            return s.map(lambda v: pd.NA if v is None or v is pd.NA else bool(v)).astype("boolean")
        return s.astype("boolean")

    @staticmethod
    def _missing(value: Any) -> Any:
        if isinstance(value, pd.Series):
            return value.isna().to_numpy()
        return value is None or value is pd.NA

    # -- operations
    def arith(self, op: str, a: Any, b: Any) -> Any:
        a = self.as_numeric(a)
        b = self.as_numeric(b)
        if op == "+":
            return a + b
        if op == "-":
            return a - b
        if op == "*":
            return a * b
        with np.errstate(divide="ignore", invalid="ignore"):
            result = a / b
        if isinstance(result, pd.Series):
            return result.replace([np.inf, -np.inf], np.nan)
        return result

    def as_numeric(self, value: Any) -> Any:
        """A value as floats (NaN: missing or not a number)."""
        if isinstance(value, pd.Series) and value.dtype != float:
            if pd.api.types.is_bool_dtype(value.dtype):
                return value.astype("Float64").astype(float)
            return pd.to_numeric(value, errors="coerce").astype(float)
        if value is None:
            return np.nan
        return value

    def neg(self, a: Any) -> Any:
        return -self.as_numeric(a)

    def compare(self, op: str, a: Any, b: Any) -> pd.Series:
        missing = np.logical_or(self._missing(a), self._missing(b))
        sa, sb = self.as_series(a), self.as_series(b)
        numeric = all(
            pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s) for s in (sa, sb)
        )
        if numeric:
            raw = _numeric_compare(
                op,
                sa.to_numpy(dtype=float, na_value=np.nan),
                sb.to_numpy(dtype=float, na_value=np.nan),
            )
        elif op in ("==", "!="):
            raw = (
                sa.astype(object).eq(sb.astype(object))
                if sa.dtype == object or sb.dtype == object
                else sa.eq(sb)
            ).to_numpy(dtype=bool)
            if op == "!=":
                raw = ~raw
        else:
            fa = self.as_numeric(sa) if not pd.api.types.is_datetime64_any_dtype(sa) else sa
            fb = self.as_numeric(sb) if not pd.api.types.is_datetime64_any_dtype(sb) else sb
            raw = {"<": fa.lt, "<=": fa.le, ">": fa.gt, ">=": fa.ge}[op](fb).to_numpy(dtype=bool)
        result = pd.Series(np.asarray(raw, dtype=bool), index=self.index, dtype="boolean")
        result[np.broadcast_to(missing, (len(self.index),))] = pd.NA
        return result

    def member(self, a: Any, values: list[Any], negate: bool) -> pd.Series:
        s = self.as_series(a)
        raw = s.isin(values).to_numpy(dtype=bool)
        if negate:
            raw = ~raw
        result = pd.Series(raw, index=self.index, dtype="boolean")
        result[s.isna().to_numpy()] = pd.NA
        return result

    def and_(self, a: Any, b: Any) -> pd.Series:
        return self.as_bool(a) & self.as_bool(b)

    def or_(self, a: Any, b: Any) -> pd.Series:
        return self.as_bool(a) | self.as_bool(b)

    def not_(self, a: Any) -> pd.Series:
        return ~self.as_bool(a)

    def ifexp(self, cond: Any, a: Any, b: Any) -> pd.Series:
        c = self.as_bool(cond)
        sa, sb = self.as_series(a), self.as_series(b)
        out = sb.where(~c.fillna(False).astype(bool), sa)
        if out.dtype == object:
            out = out.astype(object)
        out[c.isna().to_numpy()] = np.nan if out.dtype.kind == "f" else None
        return out

    def call(self, fn: str, args: list[Any]) -> Any:
        if fn in ("min", "max"):
            frame = pd.concat([self.as_series(self.as_numeric(a)) for a in args], axis=1)
            reduced = (
                frame.min(axis=1, skipna=False) if fn == "min" else frame.max(axis=1, skipna=False)
            )
            return reduced.astype(float)
        if fn in ("any", "all"):
            result = self.as_bool(args[0])
            for arg in args[1:]:
                result = (
                    (result | self.as_bool(arg)) if fn == "any" else (result & self.as_bool(arg))
                )
            return result
        if fn == "isna":
            return pd.Series(self._missing(args[0]), index=self.index).astype("boolean")
        if fn == "known":
            return pd.Series(~np.asarray(self._missing(args[0])), index=self.index).astype(
                "boolean"
            )
        if fn == "coalesce":
            result = self.as_series(args[0])
            for arg in args[1:]:
                result = result.where(result.notna(), self.as_series(arg))
            return result
        if fn in ("lpr_1y", "lpr_5y"):
            return self._lpr(
                "1y" if fn == "lpr_1y" else "5y", self.as_series(_to_timestamp(args[0]))
            )
        if fn == "year":
            s = pd.to_datetime(self.as_series(args[0]))
            return s.dt.year.astype(float)
        if fn == "days_between":
            a = pd.to_datetime(self.as_series(_to_timestamp(args[0])))
            b = pd.to_datetime(self.as_series(_to_timestamp(args[1])))
            return (b - a).dt.days.astype(float)
        if fn == "date":
            return _to_timestamp(args[0])
        if fn == "abs":
            return abs(self.as_numeric(args[0]))
        if fn == "city_of":
            if self.districts is None:
                raise ExpressionError("the district table (districts.yaml) is not loaded")
            values = self.as_series(args[0]).astype(object)
            return values.map(self.districts).astype(object).where(values.notna(), None)
        if fn == "district_of":
            if self.districts is None:
                raise ExpressionError("the district table (districts.yaml) is not loaded")
            return _district_in(self.as_series(args[0]), list(self.districts))
        if fn == "sme_class_2011":
            if self.sme is None:
                raise ExpressionError("the SME size standard (sme_size_2011.yaml) is not loaded")
            names = ("employees", "revenue", "total_assets")
            return self.sme.classify(
                self.as_series(args[0]),
                {n: self.as_series(a) for n, a in zip(names, args[1:], strict=True)},
            )
        raise ExpressionError(f"unknown function {fn}")

    def _lpr(self, tenor: str, dates: pd.Series) -> pd.Series:
        if self.rates is None:
            raise ExpressionError("LPR reference table is not loaded")
        rates = np.array([float(r) for r in self.rates.rates(tenor)], dtype=float)
        pos = lpr_positions(self.rates, dates)
        out = np.where(pos >= 0, rates[np.clip(pos, 0, None)], np.nan)
        return pd.Series(out, index=self.index, dtype=float)

"""The safe expression language of policy conditions and formulas.

Policy files hold expressions such as ``rate <= lpr_1y(start_date) * p.max_rate_multiple``.
They are parsed with :mod:`ast` in ``eval`` mode and every node is checked against a fixed
list of node types, operators and functions; nothing is ever passed to ``eval`` or ``exec``,
so a policy pack received from a colleague cannot run code.

An expression is evaluated in one of two backends that share one tree walker:

* :class:`VectorOps` works on whole pandas columns (the hot path). Missing data is
  three-valued: comparisons with a missing operand give ``<NA>``, ``and``/``or`` follow
  Kleene logic (pandas' nullable ``boolean`` dtype).
* :class:`ExactOps` works on one row with :class:`~decimal.Decimal` numbers. The engine uses it
  to recompute the few amounts whose float value lies too close to a half-分 boundary to be
  rounded safely, so every amount equals exact decimal arithmetic.
"""

from __future__ import annotations

import ast
import bisect
import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Protocol

import numpy as np
import pandas as pd

from desktop.core.fields import FieldType
from desktop.errors import ExpressionError

PARAM_NAMESPACE = "p"
AS_OF = "as_of"
MAX_SOURCE_LENGTH = 2000
MAX_DEPTH = 40

# name -> (minimum arity, maximum arity or None)
FUNCTIONS: dict[str, tuple[int, int | None]] = {
    "min": (2, None),
    "max": (2, None),
    "any": (1, None),
    "all": (1, None),
    "isna": (1, 1),
    "known": (1, 1),
    "coalesce": (2, None),
    "lpr_1y": (1, 1),
    "lpr_5y": (1, 1),
    "year": (1, 1),
    "days_between": (2, 2),
    "date": (1, 1),
    "abs": (1, 1),
    "sme_class_2011": (4, 4),
    "city_of": (1, 1),
    "district_of": (1, 1),
}

_BINOPS: dict[type[ast.operator], str] = {
    ast.Add: "+",
    ast.Sub: "-",
    ast.Mult: "*",
    ast.Div: "/",
}
_CMPOPS: dict[type[ast.cmpop], str] = {
    ast.Lt: "<",
    ast.LtE: "<=",
    ast.Gt: ">",
    ast.GtE: ">=",
    ast.Eq: "==",
    ast.NotEq: "!=",
    ast.In: "in",
    ast.NotIn: "not in",
}
NEGATED_OP = {
    "<": ">=",
    "<=": ">",
    ">": "<=",
    ">=": "<",
    "==": "!=",
    "!=": "==",
    "in": "not in",
    "not in": "in",
}
DISPLAY_OP = {
    "<": "<",
    "<=": "≤",
    ">": ">",
    ">=": "≥",
    "==": "=",
    "!=": "≠",
    "in": "属于",
    "not in": "不属于",
}

_ALLOWED_NODES: tuple[type[ast.AST], ...] = (
    ast.Expression,
    ast.BoolOp,
    ast.And,
    ast.Or,
    ast.UnaryOp,
    ast.Not,
    ast.USub,
    ast.UAdd,
    ast.BinOp,
    *_BINOPS,
    ast.Compare,
    *_CMPOPS,
    ast.Name,
    ast.Load,
    ast.Attribute,
    ast.Constant,
    ast.Call,
    ast.Tuple,
    ast.List,
    ast.IfExp,
)


@dataclass(frozen=True)
class Expr:
    """A parsed and checked expression."""

    source: str
    tree: ast.expr
    fields: frozenset[str]
    params: frozenset[str]

    def __str__(self) -> str:
        return self.source

    @property
    def comparison(self) -> tuple[ast.expr, str, ast.expr] | None:
        """``(left, op, right)`` when the whole expression is one binary comparison."""
        node = self.tree
        if isinstance(node, ast.Compare) and len(node.ops) == 1:
            return node.left, _CMPOPS[type(node.ops[0])], node.comparators[0]
        return None


def parse(source: str, where: str = "expression") -> Expr:
    """Parse and check ``source``; raise :class:`ExpressionError` naming ``where``."""
    if not isinstance(source, str) or not source.strip():
        raise ExpressionError(f"{where}: the expression is empty")
    if len(source) > MAX_SOURCE_LENGTH:
        raise ExpressionError(
            f"{where}: the expression is longer than {MAX_SOURCE_LENGTH} characters"
        )
    try:
        module = ast.parse(source.strip(), mode="eval")
    except SyntaxError as exc:
        raise ExpressionError(f"{where}: syntax error in '{source}': {exc.msg}") from None
    fields: set[str] = set()
    params: set[str] = set()
    _check(module, where, source, fields, params, depth=0, in_membership=False)
    return Expr(source.strip(), module.body, frozenset(fields), frozenset(params))


def _check(
    node: ast.AST,
    where: str,
    source: str,
    fields: set[str],
    params: set[str],
    depth: int,
    in_membership: bool,
) -> None:
    def fail(why: str) -> ExpressionError:
        return ExpressionError(f"{where}: {why} in '{source}'")

    if depth > MAX_DEPTH:
        raise fail("the expression is nested too deeply")
    if not isinstance(node, _ALLOWED_NODES):
        raise fail(f"'{type(node).__name__}' is not allowed")
    if isinstance(node, ast.Name):
        if node.id.startswith("_") or node.id == PARAM_NAMESPACE:
            raise fail(f"the name '{node.id}' is not allowed")
        if node.id != AS_OF:
            fields.add(node.id)
        return
    if isinstance(node, ast.Attribute):
        if not (isinstance(node.value, ast.Name) and node.value.id == PARAM_NAMESPACE):
            raise fail("only parameters may be written with a dot (p.name)")
        if node.attr.startswith("_"):
            raise fail(f"the parameter name '{node.attr}' is not allowed")
        params.add(node.attr)
        return
    if isinstance(node, ast.Constant):
        if not isinstance(node.value, (int, float, str, bool, type(None))):
            raise fail(f"the constant {node.value!r} is not allowed")
        return
    if isinstance(node, ast.Call):
        if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
            name = node.func.id if isinstance(node.func, ast.Name) else ast.unparse(node.func)
            raise fail(
                f"the function '{name}' is not allowed (allowed: {', '.join(sorted(FUNCTIONS))})"
            )
        if node.keywords:
            raise fail("keyword arguments are not allowed")
        low, high = FUNCTIONS[node.func.id]
        if len(node.args) < low or (high is not None and len(node.args) > high):
            raise fail(f"{node.func.id}() takes {low}{'' if high == low else '+'} argument(s)")
        for arg in node.args:
            if isinstance(arg, ast.Starred):
                raise fail("starred arguments are not allowed")
            _check(arg, where, source, fields, params, depth + 1, False)
        return
    if isinstance(node, (ast.Tuple, ast.List)):
        if not in_membership:
            raise fail("lists are only allowed on the right of 'in'")
        for elt in node.elts:
            if not isinstance(elt, ast.Constant):
                raise fail("lists may only hold constants")
        return
    if isinstance(node, ast.Compare):
        _check(node.left, where, source, fields, params, depth + 1, False)
        for op, comp in zip(node.ops, node.comparators, strict=True):
            _check(
                comp, where, source, fields, params, depth + 1, isinstance(op, (ast.In, ast.NotIn))
            )
        return
    for child in ast.iter_child_nodes(node):
        _check(child, where, source, fields, params, depth + 1, False)


# --------------------------------------------------------------------------------------------
# Reference data the functions need


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


LPR_FUNCTIONS = {"lpr_1y": "1y", "lpr_5y": "5y"}


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


def lpr_calls(tree: ast.expr) -> list[tuple[str, str]]:
    """``(tenor, date field)`` of each ``lpr_1y(field)`` / ``lpr_5y(field)`` call in ``tree``
    whose argument is a plain field, in order of appearance, without repeats."""
    out: list[tuple[str, str]] = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in LPR_FUNCTIONS
            and len(node.args) == 1
            and isinstance(node.args[0], ast.Name)
            and node.args[0].id != AS_OF
        ):
            call = (LPR_FUNCTIONS[node.func.id], node.args[0].id)
            if call not in out:
                out.append(call)
    return out


# --------------------------------------------------------------------------------------------
# Backends


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
        return ops.arith(_BINOPS[type(node.op)], _walk(node.left, ops), _walk(node.right, ops))
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
            op = _CMPOPS[type(op_node)]
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
    raise ExpressionError(f"cannot evaluate '{ast.unparse(node)}'")  # unreachable after _check


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
    def _series(self, value: Any) -> pd.Series:
        if isinstance(value, pd.Series):
            return value
        if isinstance(value, bool):
            return pd.Series(value, index=self.index, dtype="boolean")
        if value is None:
            return pd.Series(pd.NA, index=self.index, dtype="object")
        if isinstance(value, str):
            return pd.Series(value, index=self.index, dtype=object)
        return pd.Series(value, index=self.index)

    def _bool(self, value: Any) -> pd.Series:
        s = self._series(value)
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
        a = self._numeric(a)
        b = self._numeric(b)
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

    def _numeric(self, value: Any) -> Any:
        if isinstance(value, pd.Series) and value.dtype != float:
            if pd.api.types.is_bool_dtype(value.dtype):
                return value.astype("Float64").astype(float)
            return pd.to_numeric(value, errors="coerce").astype(float)
        if value is None:
            return np.nan
        return value

    def neg(self, a: Any) -> Any:
        return -self._numeric(a)

    def compare(self, op: str, a: Any, b: Any) -> pd.Series:
        missing = np.logical_or(self._missing(a), self._missing(b))
        sa, sb = self._series(a), self._series(b)
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
            fa = self._numeric(sa) if not pd.api.types.is_datetime64_any_dtype(sa) else sa
            fb = self._numeric(sb) if not pd.api.types.is_datetime64_any_dtype(sb) else sb
            raw = {"<": fa.lt, "<=": fa.le, ">": fa.gt, ">=": fa.ge}[op](fb).to_numpy(dtype=bool)
        result = pd.Series(np.asarray(raw, dtype=bool), index=self.index, dtype="boolean")
        result[np.broadcast_to(missing, (len(self.index),))] = pd.NA
        return result

    def member(self, a: Any, values: list[Any], negate: bool) -> pd.Series:
        s = self._series(a)
        raw = s.isin(values).to_numpy(dtype=bool)
        if negate:
            raw = ~raw
        result = pd.Series(raw, index=self.index, dtype="boolean")
        result[s.isna().to_numpy()] = pd.NA
        return result

    def and_(self, a: Any, b: Any) -> pd.Series:
        return self._bool(a) & self._bool(b)

    def or_(self, a: Any, b: Any) -> pd.Series:
        return self._bool(a) | self._bool(b)

    def not_(self, a: Any) -> pd.Series:
        return ~self._bool(a)

    def ifexp(self, cond: Any, a: Any, b: Any) -> pd.Series:
        c = self._bool(cond)
        sa, sb = self._series(a), self._series(b)
        out = sb.where(~c.fillna(False).astype(bool), sa)
        if out.dtype == object:
            out = out.astype(object)
        out[c.isna().to_numpy()] = np.nan if out.dtype.kind == "f" else None
        return out

    def call(self, fn: str, args: list[Any]) -> Any:
        if fn in ("min", "max"):
            frame = pd.concat([self._series(self._numeric(a)) for a in args], axis=1)
            reduced = (
                frame.min(axis=1, skipna=False) if fn == "min" else frame.max(axis=1, skipna=False)
            )
            return reduced.astype(float)
        if fn in ("any", "all"):
            result = self._bool(args[0])
            for arg in args[1:]:
                result = (result | self._bool(arg)) if fn == "any" else (result & self._bool(arg))
            return result
        if fn == "isna":
            return pd.Series(self._missing(args[0]), index=self.index).astype("boolean")
        if fn == "known":
            return pd.Series(~np.asarray(self._missing(args[0])), index=self.index).astype(
                "boolean"
            )
        if fn == "coalesce":
            result = self._series(args[0])
            for arg in args[1:]:
                result = result.where(result.notna(), self._series(arg))
            return result
        if fn in ("lpr_1y", "lpr_5y"):
            return self._lpr("1y" if fn == "lpr_1y" else "5y", self._series(_to_timestamp(args[0])))
        if fn == "year":
            s = pd.to_datetime(self._series(args[0]))
            return s.dt.year.astype(float)
        if fn == "days_between":
            a = pd.to_datetime(self._series(_to_timestamp(args[0])))
            b = pd.to_datetime(self._series(_to_timestamp(args[1])))
            return (b - a).dt.days.astype(float)
        if fn == "date":
            return _to_timestamp(args[0])
        if fn == "abs":
            return abs(self._numeric(args[0]))
        if fn == "city_of":
            if self.districts is None:
                raise ExpressionError("the district table (districts.yaml) is not loaded")
            values = self._series(args[0]).astype(object)
            return values.map(self.districts).astype(object).where(values.notna(), None)
        if fn == "district_of":
            if self.districts is None:
                raise ExpressionError("the district table (districts.yaml) is not loaded")
            return _district_in(self._series(args[0]), list(self.districts))
        if fn == "sme_class_2011":
            if self.sme is None:
                raise ExpressionError("the SME size standard (sme_size_2011.yaml) is not loaded")
            names = ("employees", "revenue", "total_assets")
            return self.sme.classify(
                self._series(args[0]),
                {n: self._series(a) for n, a in zip(names, args[1:], strict=True)},
            )
        raise ExpressionError(f"unknown function {fn}")

    def _lpr(self, tenor: str, dates: pd.Series) -> pd.Series:
        if self.rates is None:
            raise ExpressionError("LPR reference table is not loaded")
        rates = np.array([float(r) for r in self.rates.rates(tenor)], dtype=float)
        pos = lpr_positions(self.rates, dates)
        out = np.where(pos >= 0, rates[np.clip(pos, 0, None)], np.nan)
        return pd.Series(out, index=self.index, dtype=float)


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
    def _column(series: pd.Series) -> np.ndarray:
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


# --------------------------------------------------------------------------------------------
# Static typing of expressions, for formatting explanations


def infer_type(
    node: ast.expr, field_types: Mapping[str, FieldType], param_types: Mapping[str, FieldType]
) -> FieldType:
    """The kind of value a (sub)expression yields, so explanations print it with its unit."""
    if isinstance(node, ast.Name):
        return FieldType.DATE if node.id == AS_OF else field_types.get(node.id, FieldType.NUMBER)
    if isinstance(node, ast.Attribute):
        return param_types.get(node.attr, FieldType.NUMBER)
    if isinstance(node, ast.Constant):
        if isinstance(node.value, bool):
            return FieldType.FLAG
        return FieldType.TEXT if isinstance(node.value, str) else FieldType.NUMBER
    if isinstance(node, ast.BinOp):
        left = infer_type(node.left, field_types, param_types)
        right = infer_type(node.right, field_types, param_types)
        if (
            isinstance(node.op, ast.Div)
            and left == right
            and left in (FieldType.MONEY, FieldType.COUNT, FieldType.NUMBER)
        ):
            return FieldType.RATIO  # a share: R&D ÷ revenue, staff ÷ employees
        kinds = {left, right}
        if FieldType.MONEY in kinds:
            return FieldType.MONEY
        if FieldType.RATIO in kinds:
            return FieldType.RATIO
        return FieldType.NUMBER
    if isinstance(node, ast.UnaryOp):
        if isinstance(node.op, ast.Not):
            return FieldType.FLAG
        return infer_type(node.operand, field_types, param_types)
    if isinstance(node, (ast.BoolOp, ast.Compare)):
        return FieldType.FLAG
    if isinstance(node, ast.IfExp):
        return infer_type(node.body, field_types, param_types)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        fn = node.func.id
        if fn in ("lpr_1y", "lpr_5y"):
            return FieldType.RATIO
        if fn in ("year", "days_between"):
            return FieldType.COUNT
        if fn == "date":
            return FieldType.DATE
        if fn in ("any", "all", "isna", "known"):
            return FieldType.FLAG
        if fn in ("sme_class_2011", "city_of", "district_of"):
            return FieldType.CATEGORY
        return infer_type(node.args[0], field_types, param_types)
    return FieldType.NUMBER

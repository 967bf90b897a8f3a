"""A measure's amount formula as an Excel formula for one record (测算明细).

Parameters (``p.ratio``) become the named cells of the 参数 sheet; each largest
sub-expression without a parameter (a field, ``days_between(…)``, ``lpr_1y(…)``, ``min()`` of
day counts) is evaluated exactly by the engine's Decimal backend and written in a data cell
of the row (数据1…数据4), so a changed parameter recomputes the row while the record's data
stay as imported. ``coalesce()`` takes the branch that is filled for the record.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

import numpy as np

from desktop.core import expr as ex
from desktop.core.evaluation import Evaluation
from desktop.core.fields import Table
from desktop.core.money import round_yuan, yuan_to_fen

DATA_SLOTS = 4
DATA_LETTERS = "GHIJ"  # columns of 数据1…数据4 in 测算明细
_PREC = {ast.Add: 1, ast.Sub: 1, ast.Mult: 2, ast.Div: 2}
_OPS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}
_HALF = Decimal("0.5")
WORDS = {
    "zh": {
        "no_formula": "本措施无逐笔金额公式",
        "caps": "有多个上限，Excel 公式只表达一个",
        "cap_shape": "上限不是单个参数",
        "param_unset": "参数 {name} 未设定",
        "data_blank": "{what}空白",
        "not_number": "{what}不是数值",
        "too_many": "需要超过4个数据单元格",
        "shape": "公式含条件或函数 {what}，Excel 公式不表达",
        "field": "字段 {what} 不在记录表中（推定值）",
        "boundary": "精确金额恰在半分边界，Excel 浮点舍入可能与引擎的四舍五入不同",
        "mismatch": "公式结果与引擎不一致",
        "days": "{a}至{b}天数",
        "min": "{a}与{b}取小",
        "max": "{a}与{b}取大",
        "lpr": "{a}的{tenor}期LPR",
        "year": "{a}的年份",
        "coalesce": "{a}（空白时{b}）",
        "as_of": "测算基准日",
    },
    "en": {
        "no_formula": "the measure has no per-record amount formula",
        "caps": "several caps; a formula expresses one",
        "cap_shape": "the cap is not a single parameter",
        "param_unset": "parameter {name} is not set",
        "data_blank": "{what} is blank",
        "not_number": "{what} is not a number",
        "too_many": "needs more than four data cells",
        "shape": "the formula has a condition or function {what} Excel cannot follow",
        "field": "field {what} is not in the record table (derived)",
        "boundary": "exact amount on a half-fen boundary; floating-point ROUND could differ",
        "mismatch": "the formula does not give the engine's amount",
        "days": "days {a} to {b}",
        "min": "lesser of {a} and {b}",
        "max": "greater of {a} and {b}",
        "lpr": "{tenor} LPR on {a}",
        "year": "year of {a}",
        "coalesce": "{a} (else {b})",
        "as_of": "as-of date",
    },
}


def param_name(key: str) -> str:
    """Workbook name of a parameter's cell: ``a-1.ratio`` → ``p_a_1_ratio``."""
    return "p_" + re.sub(r"[^0-9A-Za-z_]", "_", key)


class NoFormula(Exception):
    """Why a record's amount is written as the engine's value; ``kind`` groups the reasons."""

    def __init__(self, kind: str, reason: str) -> None:
        super().__init__(reason)
        self.kind = kind


@dataclass(frozen=True)
class Translation:
    text: str  # Excel expression with ``{r}`` for the row number
    data: list[tuple[str, Decimal]]  # (label, value) of 数据1…
    note: str  # 数据1=…；数据2=…
    raw_fen: int  # the exact amount rounded half up to 分


class Translator:
    """Translates one measure's amount, record by record."""

    def __init__(self, ev: Evaluation, measure_id: str, lang: str) -> None:
        self.ev, self.lang = ev, lang
        outcome = ev.outcomes[measure_id]
        m = outcome.measure.measure
        self.table = Table(m.records) if m.records else None
        self.keys = {p.name: key for key, p in outcome.params.items()}
        self.params = {p.name: p.value for p in outcome.params.values()}
        self.problem: tuple[str, str] | None = None
        self.tree: ast.expr | None = None
        self.cap_key: str | None = None
        self.cap_per: str | None = None
        self.cap_fen: int | None = None
        self._has_param: dict[int, bool] = {}
        self._labels: dict[int, str] = {}
        self.columns: dict[str, np.ndarray] = {}
        if not m.amount or self.table is None or outcome.records is None:
            self.problem = ("shape", self.words("no_formula"))
            return
        self.tree = ast.parse(m.amount.strip(), mode="eval").body
        source = ev.portfolio.table(self.table)
        functions = {id(n.func) for n in ast.walk(self.tree) if isinstance(n, ast.Call)}
        functions |= {id(n.value) for n in ast.walk(self.tree) if isinstance(n, ast.Attribute)}
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Name) and node.id != ex.AS_OF and id(node) not in functions:
                if node.id not in source.columns:
                    self.problem = ("shape", self.words("field", what=node.id))
                    return
                self.columns[node.id] = source[node.id].to_numpy(dtype=object)
        if len(m.caps) > 1:
            self.problem = ("shape", self.words("caps"))
        elif m.caps:
            cap = ast.parse(m.caps[0].amount.strip(), mode="eval").body
            if not (isinstance(cap, ast.Attribute) and cap.attr in self.keys):
                self.problem = ("shape", self.words("cap_shape"))
                return
            self.cap_key, self.cap_per = self.keys[cap.attr], m.caps[0].per
            value = self.params[cap.attr]
            if not isinstance(value, Decimal):
                self.problem = ("missing", self.words("param_unset", name=self.cap_key))
                return
            self.cap_fen = yuan_to_fen(value)

    @classmethod
    def for_measure(cls, ev: Evaluation, measure_id: str, lang: str) -> Translator:
        return cls(ev, measure_id, "en" if lang == "en" else "zh")

    def words(self, key: str, **kw: str) -> str:
        return WORDS[self.lang][key].format(**kw)

    def translate(self, row: int) -> Translation:
        """The formula for the record at ``row`` of its source table, or :class:`NoFormula`."""
        if self.problem is not None:
            raise NoFormula(*self.problem)
        assert self.tree is not None
        values = {name: column[row] for name, column in self.columns.items()}
        ops = ex.ExactOps(values, self.params, as_of=self.ev.as_of, rates=self.ev.catalogue.lpr)
        data: list[tuple[str, Decimal]] = []
        text = self._walk(self.tree, ops, data)
        exact = ex.evaluate(self.tree, ops)
        if not isinstance(exact, Decimal):
            raise NoFormula("missing", self.words("data_blank", what=self._label(self.tree)))
        cents = exact * 100
        frac = cents - cents.to_integral_value(rounding=ROUND_FLOOR)
        near_half = abs(frac - _HALF) <= abs(cents) * Decimal("1e-12") + Decimal("1e-9")
        if near_half and (frac != _HALF or len(exact.normalize().as_tuple().digits) > 12):
            # An exact half 分 with few digits is rounded up by Excel's and LibreOffice's
            # ROUND (they round the 15-digit decimal value); anything else near a half could
            # fall either way in floating point.
            raise NoFormula("boundary", self.words("boundary"))
        note = "；".join(f"数据{i + 1}={label}" for i, (label, _) in enumerate(data))
        if self.lang == "en":
            note = "; ".join(f"data {i + 1} = {label}" for i, (label, _) in enumerate(data))
        return Translation(text, data, note, yuan_to_fen(round_yuan(exact)))

    # -- the walk
    def _param_inside(self, node: ast.expr) -> bool:
        found = self._has_param.get(id(node))
        if found is None:
            found = any(isinstance(n, ast.Attribute) for n in ast.walk(node))
            self._has_param[id(node)] = found
        return found

    def _walk(self, node: ast.expr, ops: ex.ExactOps, data: list[tuple[str, Decimal]]) -> str:
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
            return repr(node.value)
        if not self._param_inside(node) and not isinstance(node, (ast.BinOp, ast.UnaryOp)):
            label = self._label(node)
            for i, (seen, _) in enumerate(data):  # the same sub-expression: the same cell
                if seen == label:
                    return f"{DATA_LETTERS[i]}{{r}}"
            value = ex.evaluate(node, ops)
            if value is None:
                raise NoFormula("missing", self.words("data_blank", what=label))
            if not isinstance(value, Decimal):
                raise NoFormula("shape", self.words("not_number", what=label))
            if len(data) == DATA_SLOTS:
                raise NoFormula("shape", self.words("too_many"))
            data.append((label, value))
            return f"{DATA_LETTERS[len(data) - 1]}{{r}}"
        if isinstance(node, ast.Attribute):
            if not isinstance(self.params.get(node.attr), Decimal):
                key = self.keys.get(node.attr, node.attr)
                raise NoFormula("missing", self.words("param_unset", name=key))
            return param_name(self.keys[node.attr])
        if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
            prec = _PREC[type(node.op)]
            left = self._walk(node.left, ops, data)
            right = self._walk(node.right, ops, data)
            if self._prec(node.left) < prec:
                left = f"({left})"
            right_prec = self._prec(node.right)
            if right_prec < prec or (right_prec == prec and type(node.op) in (ast.Sub, ast.Div)):
                right = f"({right})"
            return f"{left}{_OPS[type(node.op)]}{right}"
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            return f"(-{self._walk(node.operand, ops, data)})"
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            fn = node.func.id
            if fn in ("min", "max"):
                args = [self._walk(a, ops, data) for a in node.args]
                return f"{fn.upper()}({','.join(args)})"
            if fn == "coalesce":
                for arg in node.args:
                    if ex.evaluate(arg, ops) is not None:
                        return self._walk(arg, ops, data)
                raise NoFormula("missing", self.words("data_blank", what=self._label(node)))
            raise NoFormula("shape", self.words("shape", what=fn))
        raise NoFormula("shape", self.words("shape", what=ast.unparse(node)))

    @staticmethod
    def _prec(node: ast.expr) -> int:
        if isinstance(node, ast.BinOp) and type(node.op) in _PREC:
            return _PREC[type(node.op)]
        return 3

    def _label(self, node: ast.expr) -> str:
        found = self._labels.get(id(node))
        if found is None:
            found = self._labels[id(node)] = self._describe(node)
        return found

    def _describe(self, node: ast.expr) -> str:
        if isinstance(node, ast.Name):
            if node.id == ex.AS_OF:
                return self.words("as_of")
            return self.ev.label_of(node.id, self.lang, self.table)
        if isinstance(node, ast.Constant):
            return str(node.value)
        if isinstance(node, ast.Attribute):
            return node.attr
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            fn, args = node.func.id, [self._label(a) for a in node.args]
            if fn == "days_between" and len(args) == 2:
                return self.words("days", a=args[0], b=args[1])
            if fn in ("min", "max") and len(args) == 2:
                return self.words(fn, a=args[0], b=args[1])
            if fn in ("lpr_1y", "lpr_5y") and args:
                tenor = ("1年", "1-year") if fn == "lpr_1y" else ("5年", "5-year")
                return self.words("lpr", a=args[0], tenor=tenor[self.lang == "en"])
            if fn == "year" and args:
                return self.words("year", a=args[0])
            if fn == "coalesce" and len(args) >= 2:
                return self.words("coalesce", a=args[0], b=args[1])
            return f"{fn}({', '.join(args)})"
        if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
            sign = {"*": "×", "/": "÷"}.get(_OPS[type(node.op)], _OPS[type(node.op)])
            return f"{self._label(node.left)}{sign}{self._label(node.right)}"
        return ast.unparse(node)

"""A measure's amount formula as an Excel formula for one record (测算明细).

Parameters (``p.ratio``) become the named cells of the 参数 sheet; each largest
sub-expression without a parameter (a field, ``days_between(…)``, ``lpr_1y(…)``, ``min()`` of
day counts) is evaluated exactly by the engine's Decimal backend and written in a data cell
of the row (数据1…数据4), so a changed parameter recomputes the row while the record's data
stay as imported. ``coalesce()`` takes the branch that is filled for the record.

The formula and the data cells' labels are renderings (:class:`desktop.core.expr.Renderer`)
of the measure's parsed amount, the tree the engine evaluated — never a parse of its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

import numpy as np

from desktop.core import expr as ex
from desktop.core.evaluation import Evaluation
from desktop.core.fields import Table
from desktop.core.money import round_yuan, yuan_to_fen
from desktop.i18n import phrase_book

DATA_SLOTS = 4
DATA_LETTERS = "GHIJ"  # columns of 数据1…数据4 in 测算明细
_HALF = Decimal("0.5")
WORDS = phrase_book(
    "export.formula",
    (
        "no_formula",
        "data_note",
        "data_sep",
        "caps",
        "cap_shape",
        "param_unset",
        "data_blank",
        "not_number",
        "too_many",
        "shape",
        "field",
        "boundary",
        "mismatch",
        "days",
        "min",
        "max",
        "lpr",
        "year",
        "coalesce",
        "as_of",
    ),
)  # why a formula is not written, and its words (resources/i18n)


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
        self.tree: ex.Node | None = None
        self.cap_key: str | None = None
        self.cap_per: str | None = None
        self.cap_fen: int | None = None
        self._has_param: dict[int, bool] = {}
        self.columns: dict[str, np.ndarray] = {}
        self.wording = self._wording()
        amount = outcome.measure.amount
        if not m.amount or amount is None or self.table is None or outcome.records is None:
            self.problem = ("shape", self.words("no_formula"))
            return
        self.tree = amount.tree
        source = ev.portfolio.table(self.table)
        for name in ex.field_names(self.tree):
            if name not in source.columns:
                self.problem = ("shape", self.words("field", what=name))
                return
            self.columns[name] = source[name].to_numpy(dtype=object)
        if len(m.caps) > 1:
            self.problem = ("shape", self.words("caps"))
        elif m.caps:
            cap = ex.bare_param(outcome.measure.caps[0].tree)
            if cap is None or cap not in self.keys:
                self.problem = ("shape", self.words("cap_shape"))
                return
            self.cap_key, self.cap_per = self.keys[cap], m.caps[0].per
            value = self.params[cap]
            if not isinstance(value, Decimal):
                self.problem = ("missing", self.words("param_unset", name=self.cap_key))
                return
            self.cap_fen = yuan_to_fen(value)

    def _wording(self) -> ex.Wording:
        """The words of a sub-expression, for the note that names each data cell: field
        labels as the record table names them, parameters by name."""
        words = WORDS[self.lang]
        tenor = 1 if self.lang == "en" else 0

        def two(key: str) -> ex.FunctionWords:
            return lambda a: words[key].format(a=a[0], b=a[1]) if len(a) == 2 else None

        return ex.Wording(
            label=lambda name: self.ev.label_of(name, self.lang, self.table),
            as_of=words["as_of"],
            param=lambda name: name,
            functions={
                "days_between": two("days"),
                "min": two("min"),
                "max": two("max"),
                "lpr_1y": lambda a: (
                    words["lpr"].format(a=a[0], tenor=("1年", "1-year")[tenor]) if a else None
                ),
                "lpr_5y": lambda a: (
                    words["lpr"].format(a=a[0], tenor=("5年", "5-year")[tenor]) if a else None
                ),
                "year": lambda a: words["year"].format(a=a[0]) if a else None,
                "coalesce": lambda a: (
                    words["coalesce"].format(a=a[0], b=a[1]) if len(a) >= 2 else None
                ),
            },
            symbols={"*": "×", "/": "÷", "+": "+", "-": "-"},
        )

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
        text = _Formula(self, ops, data).render(self.tree)
        exact = ex.evaluate(self.tree, ops)
        if not isinstance(exact, Decimal):
            raise NoFormula("missing", self.words("data_blank", what=self.label(self.tree)))
        cents = exact * 100
        frac = cents - cents.to_integral_value(rounding=ROUND_FLOOR)
        near_half = abs(frac - _HALF) <= abs(cents) * Decimal("1e-12") + Decimal("1e-9")
        if near_half and (frac != _HALF or len(exact.normalize().as_tuple().digits) > 12):
            # An exact half 分 with few digits is rounded up by Excel's and LibreOffice's
            # ROUND (they round the 15-digit decimal value); anything else near a half could
            # fall either way in floating point.
            raise NoFormula("boundary", self.words("boundary"))
        words = WORDS[self.lang]
        note = words["data_sep"].join(
            words["data_note"].format(i=i + 1, label=label) for i, (label, _) in enumerate(data)
        )
        return Translation(text, data, note, yuan_to_fen(round_yuan(exact)))

    def param_inside(self, node: ex.Node) -> bool:
        """Whether the sub-expression names a parameter (kept per node)."""
        found = self._has_param.get(id(node))
        if found is None:
            found = self._has_param[id(node)] = ex.uses_param(node)
        return found

    def label(self, node: ex.Node) -> str:
        """A sub-expression in words (“放款日期至到期日期天数”)."""
        return self.wording.render(node)


class _Formula(ex.Renderer[str]):
    """One record's amount as an Excel expression: parameters by their cells' names, each
    largest sub-expression without a parameter as a data cell of the row (its exact value
    appended to ``data``)."""

    def __init__(
        self, translator: Translator, ops: ex.ExactOps, data: list[tuple[str, Decimal]]
    ) -> None:
        self.t = translator
        self.ops = ops
        self.data = data

    def _fail(self, kind: str, key: str, **kw: str) -> NoFormula:
        return NoFormula(kind, self.t.words(key, **kw))

    def cell(self, node: ex.Node) -> str:
        """The data cell holding the sub-expression's exact value for this record."""
        label = self.t.label(node)
        for i, (seen, _) in enumerate(self.data):  # the same sub-expression: the same cell
            if seen == label:
                return f"{DATA_LETTERS[i]}{{r}}"
        value = ex.evaluate(node, self.ops)
        if value is None:
            raise self._fail("missing", "data_blank", what=label)
        if not isinstance(value, Decimal):
            raise self._fail("shape", "not_number", what=label)
        if len(self.data) == DATA_SLOTS:
            raise self._fail("shape", "too_many")
        self.data.append((label, value))
        return f"{DATA_LETTERS[len(self.data) - 1]}{{r}}"

    def constant(self, node: ex.Node, value: object) -> str:
        return repr(value) if isinstance(value, (int, float)) else self.cell(node)

    def as_of(self, node: ex.Node) -> str:
        return self.cell(node)

    def name(self, node: ex.Node, name: str) -> str:
        return self.cell(node)

    def param(self, node: ex.Node, name: str) -> str:
        if not isinstance(self.t.params.get(name), Decimal):
            raise self._fail("missing", "param_unset", name=self.t.keys.get(name, name))
        return param_name(self.t.keys[name])

    def arith(self, node: ex.Node, op: str, left: ex.Node, right: ex.Node) -> str:
        prec = ex.precedence(node)
        left_text = self.render(left)
        right_text = self.render(right)
        if ex.precedence(left) < prec:
            left_text = f"({left_text})"
        right_prec = ex.precedence(right)
        if right_prec < prec or (right_prec == prec and op in ("-", "/")):
            right_text = f"({right_text})"
        return f"{left_text}{op}{right_text}"

    def negate(self, node: ex.Node, operand: ex.Node) -> str:
        return f"(-{self.render(operand)})"

    def call(self, node: ex.Node, fn: str, args: Sequence[ex.Node]) -> str:
        if not self.t.param_inside(node):
            return self.cell(node)
        if fn in ("min", "max"):
            return f"{fn.upper()}({','.join(self.render(a) for a in args)})"
        if fn == "coalesce":
            for arg in args:
                if ex.evaluate(arg, self.ops) is not None:
                    return self.render(arg)
            raise self._fail("missing", "data_blank", what=self.t.label(node))
        raise self._fail("shape", "shape", what=fn)

    def other(self, node: ex.Node) -> str:
        if not self.t.param_inside(node) and not ex.is_operation(node):
            return self.cell(node)
        raise self._fail("shape", "shape", what=ex.source_of(node))

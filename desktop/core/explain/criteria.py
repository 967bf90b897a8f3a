"""Criteria in words: one comparison or test rendered for a block of rows — “✓ 研发投入占比：
研发费用占营业收入比例 6.2% ≥ 5%”, “? 注册地：缺少注册地址” — with the fields an undecided
row lacks."""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd

from desktop.core import expr as ex
from desktop.core.explain.context import ExplainContext
from desktop.core.explain.values import (
    FALSE,
    NA,
    STATE_OF,
    TRUE,
    Rendered,
    chosen,
    dedupe,
    format_values,
    patterns,
)
from desktop.core.explain.words import MARK, WORDS, Describer
from desktop.core.fields import FieldType, Table
from desktop.core.outcomes import CriterionOutcome
from desktop.core.parameters import format_param


class Side:
    """One side of a comparison: a parameter's value, or a label and the row's value (“研发
    费用 120万元”, “研发费用÷营业收入 = 6.2%”); a bare number takes its peer's unit.

    With ``frame`` (the rows the criterion is about), a sum or difference of fields and
    parameters shows each operand's value: “各项贷款不良率 1.58% + 3个百分点 = 4.58%” (a ratio
    parameter added to a ratio reads as percentage points).
    """

    def __init__(
        self,
        describer: Describer,
        node: ast.expr,
        peer: ast.expr,
        frame: pd.DataFrame | None = None,
    ) -> None:
        kind = describer.kind(node)
        self.constant: str | None = None
        self.prefix = ""
        if isinstance(node, ast.Attribute):
            param = describer.params.get(node.attr)
            if param is not None:
                self.constant = format_param(
                    param.value, param.type, param.unit, lang=describer.lang
                )
        if isinstance(node, (ast.Constant, ast.IfExp)):
            kind = describer.kind(peer)
        elif isinstance(node, ast.Name):
            self.prefix = f"{describer.text(node)} "
        else:
            self.prefix = f"{describer.text(node)} = "
        self.kind = kind
        self.signature = (self.constant, self.prefix, kind)
        self.parts: list[str | tuple[str, pd.Series, FieldType]] | None = None
        self.symbol = ""
        if frame is not None:
            self.parts = _operands(describer, node, frame)
            if self.parts is not None:
                add = isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add)
                self.symbol = " + " if add else " − "
                self.kind = describer.kind(node)

    def texts(self, series: pd.Series, idx: np.ndarray, lang: str) -> list[str]:
        if self.parts is not None:
            return self._detailed(series, idx, lang)
        if self.constant is not None:
            return [self.constant] * len(idx)
        prefix = self.prefix
        shown = format_values(series, idx, self.kind, lang)
        return [prefix + s for s in shown] if prefix else shown

    def _detailed(self, series: pd.Series, idx: np.ndarray, lang: str) -> list[str]:
        assert self.parts is not None
        columns = [
            [part] * len(idx)
            if isinstance(part, str)
            else [part[0] + s for s in format_values(part[1], idx, part[2], lang)]
            for part in self.parts
        ]
        totals = format_values(series, idx, self.kind, lang)
        symbol = self.symbol
        return [
            f"{symbol.join(row)} = {total}"
            for row, total in zip(zip(*columns, strict=True), totals, strict=True)
        ]


def _operands(
    describer: Describer, node: ast.expr, frame: pd.DataFrame
) -> list[str | tuple[str, pd.Series, FieldType]] | None:
    """The operands of a sum or difference of ``frame``'s fields and parameters: a field as
    (label and space, its column, its kind), a parameter as its words; None for any other
    expression."""
    if not (isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub))):
        return None
    kind = describer.kind(node)
    parts: list[str | tuple[str, pd.Series, FieldType]] = []
    for operand in (node.left, node.right):
        if isinstance(operand, ast.Name) and operand.id in frame.columns:
            parts.append(
                (f"{describer.text(operand)} ", frame[operand.id], describer.kind(operand))
            )
        elif isinstance(operand, ast.Attribute) and operand.attr in describer.params:
            param = describer.params[operand.attr]
            if (
                param.type == "ratio"
                and kind == FieldType.RATIO
                and isinstance(param.value, Decimal)
            ):
                points = f"{(param.value * 100).normalize():f}"
                parts.append(WORDS[describer.lang]["points"].format(points=points))
            else:
                parts.append(describer.text(operand))
        else:
            return None
    return parts


class Criterion:
    """What is constant in the words of one criterion; :meth:`render` fills in the rows."""

    def __init__(
        self,
        c: CriterionOutcome,
        describer: Describer,
        lang: str,
        candidates: list[str],
        key_of: Callable[[str], str],
        label_of: Callable[[str], str],
        shared: bool = False,
        frame: pd.DataFrame | None = None,
    ) -> None:
        """``candidates``: the fields checked for blanks when a row is undecided, in order;
        ``key_of``/``label_of``: a lacking field's ``table.field`` key and its label;
        ``shared``: the criterion may be rendered once for several measures (see
        :func:`render_shared`); ``frame``: show sums with their operands (see :class:`Side`)."""
        self.c = c
        self.lang = lang
        label = c.label_for(lang)
        sep = WORDS[lang]["of"]
        self.head = {s: f"{MARK[STATE_OF[s]]} {label}{sep}" for s in (FALSE, TRUE, NA)}
        self.word = {
            FALSE: self.head[FALSE] + WORDS[lang]["no"],
            TRUE: self.head[TRUE] + WORDS[lang]["yes"],
        }
        self.unknown_head = self.head[NA] + WORDS[lang]["missing_head"]
        self.candidates = candidates
        self.key_of = key_of
        self.label_of = label_of
        self.patterns: dict[Any, tuple[str, tuple[str, ...]]] = {}
        self.left: Side | None = None
        self.right: Side | None = None
        self.ops: dict[int, str] = {}
        self.op = ""
        comparison = c.expr.comparison
        if comparison is not None and c.left is not None:
            left_node, op, right_node = comparison
            if c.right is not None:
                self.left = Side(describer, left_node, right_node, frame)
                self.right = Side(describer, right_node, left_node, frame)
                self.op = op
            else:
                self.left = Side(describer, left_node, right_node)
        # Measures share enterprise criteria (the engine evaluates a repeated test once);
        # criteria with equal signatures render equal words for the same rows.
        self.signature: tuple[Any, ...] | None = None
        if shared:
            self.signature = (
                id(c.status),
                id(c.left),
                id(c.right),
                tuple(self.head.values()),
                tuple(candidates),
                None if self.left is None else self.left.signature,
                None if self.right is None else self.right.signature,
                self.op,
            )

    def _op_text(self, state: int) -> str:
        text = self.ops.get(state)
        if text is None:
            shown_op = self.op if state == TRUE else ex.NEGATED_OP[self.op]
            text = self.ops[state] = f" {ex.DISPLAY_OP[shown_op]} "
        return text

    def _unknown(self, pattern: Any) -> tuple[str, tuple[str, ...]]:
        """Text and missing keys for rows whose blank candidate fields are ``pattern``."""
        hit = self.patterns.get(pattern)
        if hit is None:
            lacking = dedupe(chosen(pattern, self.candidates))
            names = WORDS[self.lang]["list"].join(self.label_of(f) for f in lacking)
            names = names or WORDS[self.lang]["missing"]
            hit = (self.unknown_head + names, tuple(self.key_of(f) for f in lacking))
            self.patterns[pattern] = hit
        return hit

    def render(
        self, states: np.ndarray, idx: np.ndarray, blanks: Callable[[str], np.ndarray]
    ) -> Rendered:
        """Per row of ``idx`` (positions in the criterion's level): its text; and, for rows
        that lack data, the missing keys. ``states`` are the rows' status codes;
        ``blanks(field)`` says which rows lack a field."""
        n = len(idx)
        texts: list[str] = [""] * n
        keys: dict[int, tuple[str, ...]] = {}
        unknown = np.flatnonzero(states == NA)
        if unknown.size:
            masks = [blanks(name)[unknown] for name in self.candidates]
            for i, p in zip(unknown.tolist(), patterns(masks, unknown.size), strict=True):
                texts[i], lacking = self._unknown(p)
                if lacking:
                    keys[i] = lacking
        decided = np.flatnonzero(states != NA) if unknown.size else np.arange(n)
        if not decided.size:
            return texts, keys
        codes = states[decided].tolist()
        rows = decided.tolist()
        if self.left is None:
            word = self.word
            for i, s in zip(rows, codes, strict=True):
                texts[i] = word[s]
            return texts, keys
        c = self.c
        assert c.left is not None
        at = idx[decided]
        left = self.left.texts(c.left, at, self.lang)
        head = self.head
        if self.right is None or c.right is None:
            for i, s, lt in zip(rows, codes, left, strict=True):
                texts[i] = head[s] + lt
            return texts, keys
        right = self.right.texts(c.right, at, self.lang)
        ops = {s: self._op_text(s) for s in set(codes)}
        for i, s, lt, rt in zip(rows, codes, left, right, strict=True):
            texts[i] = head[s] + lt + ops[s] + rt
        return texts, keys


def enterprise_criteria(
    context: ExplainContext,
    conditions: Sequence[CriterionOutcome],
    describer: Describer,
) -> list[Criterion]:
    """Enterprise-level conditions, rendered the same way for measures and pre-assessments."""
    label = context.label_function(None)
    return [
        Criterion(
            c,
            describer,
            context.lang,
            context.candidates(c.expr.fields),
            lambda f: f"{Table.ENTERPRISES.value}.{f}",
            label,
            shared=True,
        )
        for c in conditions
    ]


def render_shared(
    context: ExplainContext,
    criterion: Criterion,
    idx: np.ndarray,
    blanks: Callable[[str], np.ndarray],
) -> Rendered:
    """An enterprise criterion over the block ``idx``, rendered once per block for all the
    measures that share it (blocks rendered one after another with the same array)."""
    key = criterion.signature
    if key is None:
        return criterion.render(context.states(criterion.c.status)[idx], idx, blanks)
    if context.block is not idx:
        context.block, context.rendered = idx, {}
    hit: Rendered | None = context.rendered.get(key)
    if hit is None:
        states = context.states(criterion.c.status)[idx]
        hit = context.rendered[key] = criterion.render(states, idx, blanks)
    return hit


def combine(
    rendered: Sequence[tuple[list[str], Mapping[int, Sequence[str]]]], n: int
) -> tuple[list[tuple[str, ...]] | None, dict[int, list[str]]]:
    """Per row, the criteria's texts in order; per row lacking data, their missing keys."""
    texts = list(zip(*(t for t, _ in rendered), strict=True)) if rendered else None
    keys: dict[int, list[str]] = {}
    for _, lacking in rendered:
        for i, k in lacking.items():
            row = keys.get(i)
            if row is None:
                keys[i] = list(k)
            else:
                row += k
    return texts, keys

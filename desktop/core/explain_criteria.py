"""The bulk explainer's criteria: one comparison or test rendered for a block of rows,
in the words of ``Evaluation.explain``."""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from desktop.core import expr as ex
from desktop.core.evaluation import _MARK, _WORDS, _Describer
from desktop.core.explain_values import (
    _FALSE,
    _NA,
    _STATE_OF,
    _TRUE,
    _chosen,
    _dedupe,
    _format_values,
    _patterns,
    _Rendered,
)
from desktop.core.fields import Table
from desktop.core.outcomes import CriterionOutcome
from desktop.core.parameters import format_param

if TYPE_CHECKING:
    from desktop.core.explain import BulkExplainer


class _Side:
    """One side of a comparison as ``_Describer.side`` shows it: a constant or prefix + value."""

    def __init__(self, describer: _Describer, node: ast.expr, peer: ast.expr) -> None:
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

    def texts(self, series: pd.Series, idx: np.ndarray, lang: str) -> list[str]:
        if self.constant is not None:
            return [self.constant] * len(idx)
        prefix = self.prefix
        shown = _format_values(series, idx, self.kind, lang)
        return [prefix + s for s in shown] if prefix else shown


class _Criterion:
    """What is constant in the words of one criterion; :meth:`render` fills in the rows."""

    def __init__(
        self,
        c: CriterionOutcome,
        describer: _Describer,
        lang: str,
        candidates: list[str],
        key_of: Callable[[str], str],
        label_of: Callable[[str], str],
        shared: bool = False,
    ) -> None:
        self.c = c
        self.lang = lang
        label = c.label_for(lang)
        sep = _WORDS[lang]["of"]
        self.head = {s: f"{_MARK[_STATE_OF[s]]} {label}{sep}" for s in (_FALSE, _TRUE, _NA)}
        self.word = {
            _FALSE: self.head[_FALSE] + _WORDS[lang]["no"],
            _TRUE: self.head[_TRUE] + _WORDS[lang]["yes"],
        }
        self.unknown_head = self.head[_NA] + ("缺少" if lang == "zh" else "missing ")
        self.candidates = candidates  # fields checked for blanks, in the order explain does
        self.key_of = key_of
        self.label_of = label_of
        self.patterns: dict[Any, tuple[str, tuple[str, ...]]] = {}
        self.left: _Side | None = None
        self.right: _Side | None = None
        self.ops: dict[int, str] = {}
        self.op = ""
        comparison = c.expr.comparison
        if comparison is not None and c.left is not None:
            left_node, op, right_node = comparison
            self.left = _Side(describer, left_node, right_node)
            if c.right is not None:
                self.right = _Side(describer, right_node, left_node)
                self.op = op
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
            shown_op = self.op if state == _TRUE else ex.NEGATED_OP[self.op]
            text = self.ops[state] = f" {ex.DISPLAY_OP[shown_op]} "
        return text

    def _unknown(self, pattern: Any) -> tuple[str, tuple[str, ...]]:
        """Text and missing keys for rows whose blank candidate fields are ``pattern``."""
        hit = self.patterns.get(pattern)
        if hit is None:
            lacking = _dedupe(_chosen(pattern, self.candidates))
            names = _WORDS[self.lang]["list"].join(self.label_of(f) for f in lacking)
            names = names or _WORDS[self.lang]["missing"]
            hit = (self.unknown_head + names, tuple(self.key_of(f) for f in lacking))
            self.patterns[pattern] = hit
        return hit

    def render(
        self, states: np.ndarray, idx: np.ndarray, blanks: Callable[[str], np.ndarray]
    ) -> _Rendered:
        """Per row of ``idx`` (positions in the criterion's level): its text; and, for rows
        that lack data, the missing keys. ``states`` are the rows' status codes;
        ``blanks(field)`` says which rows lack a field."""
        n = len(idx)
        texts: list[str] = [""] * n
        keys: dict[int, tuple[str, ...]] = {}
        unknown = np.flatnonzero(states == _NA)
        if unknown.size:
            masks = [blanks(name)[unknown] for name in self.candidates]
            for i, p in zip(unknown.tolist(), _patterns(masks, unknown.size), strict=True):
                texts[i], lacking = self._unknown(p)
                if lacking:
                    keys[i] = lacking
        decided = np.flatnonzero(states != _NA) if unknown.size else np.arange(n)
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


def _enterprise_criteria(
    bulk: BulkExplainer, conditions: Sequence[CriterionOutcome], describer: _Describer, lang: str
) -> list[_Criterion]:
    """Enterprise-level conditions, rendered the same way for measures and pre-assessments."""
    label = bulk.label_function(None)
    return [
        _Criterion(
            c,
            describer,
            lang,
            bulk.candidates(c.expr.fields),
            lambda f: f"{Table.ENTERPRISES.value}.{f}",
            label,
            shared=True,
        )
        for c in conditions
    ]


def _combine(
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

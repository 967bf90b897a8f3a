"""Explanations for many enterprises at once, in the same words as ``Evaluation.explain``.

``Evaluation.explain`` renders one (enterprise, measure) pair at a time; a whole portfolio
that way costs a tenth of a millisecond per pair. :class:`BulkExplainer` renders a block of
enterprises for one measure column-wise instead: criterion statuses as integer codes, each
side of a comparison formatted once per row (dates once per date), the fields a blank
criterion lacks from vectorised ``isna`` on the fields it names (one list per pattern of
blanks), the block's records from one stable sort of the record frame, and everything
constant in a measure (labels, parameter values, notes) once. Only assembling each
explanation's lists runs per row. Enterprise criteria that several measures share (the engine
evaluates a repeated test once) are rendered once per block. Pre-assessments are explained
the same way (``explain_preassessment``'s words).

``tests/test_explain_bulk.py`` checks the result equals ``explain`` and
``explain_preassessment`` for every enterprise, measure and language.
"""

from __future__ import annotations

import ast
import gc
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np
import pandas as pd

from desktop.core import expr as ex
from desktop.core.fields import LINK_PREFIX, TABLES, FieldType, Table
from desktop.core.money import format_yuan
from desktop.core.parameters import format_param
from desktop.core.results import (
    _MARK,
    _WORDS,
    ELIGIBLE,
    INELIGIBLE,
    UNKNOWN,
    CriterionOutcome,
    Explanation,
    ItemExplanation,
    MeasureOutcome,
    PreassessmentExplanation,
    _Describer,
    _is_missing,
    _opt_int,
    _unset_parameters,
    amount_lpr_calls,
    cap_label,
    cap_reason,
    format_value,
    lpr_calls_of,
    lpr_column,
    lpr_text,
    record_words,
    window_reason,
)
from desktop.errors import CancelledError

if TYPE_CHECKING:
    from desktop.core.results import Evaluation

_T = TypeVar("_T")
_R = TypeVar("_R")
# A criterion over a block of rows: text per row; missing keys of the rows that lack data.
_Rendered = tuple[list[str], dict[int, tuple[str, ...]]]

CHUNK = 1024  # enterprises rendered together: bounds memory, amortises per-measure work
_FALSE, _TRUE, _NA = 0, 1, 2
_STATE_OF = {_FALSE: False, _TRUE: True, _NA: None}


def _take(series: pd.Series, idx: np.ndarray) -> list[Any]:
    """``[series.iloc[i] for i in idx]`` without a pandas call per row."""
    dtype = series.dtype
    if isinstance(dtype, np.dtype) and dtype.kind not in "mM":
        values: list[Any] = series.to_numpy()[idx].tolist()
        return values
    return list(series.array[idx])


def _state_codes(series: pd.Series) -> np.ndarray:
    """Per row 0 (false), 1 (true) or 2 (unknown: ``pd.NA``), as ``explain`` reads a status."""
    if isinstance(series.dtype, pd.BooleanDtype):
        true = series.to_numpy(dtype=bool, na_value=False).astype(np.int8)
        return np.where(series.isna().to_numpy(), np.int8(_NA), true).astype(np.int8)
    if series.dtype == np.dtype(bool):
        return series.to_numpy().astype(np.int8)
    return np.fromiter(
        (_NA if v is pd.NA else int(bool(v)) for v in series.to_numpy(dtype=object)),
        dtype=np.int8,
        count=len(series),
    )


def _missing_mask(series: pd.Series) -> np.ndarray:
    """Per row, whether ``_is_missing`` holds for the value ``iloc`` gives."""
    if series.dtype == object:
        return np.fromiter(
            (_is_missing(v) for v in series.to_numpy()), dtype=bool, count=len(series)
        )
    return np.asarray(series.isna().to_numpy(), dtype=bool)


def _yuan(fen: int, unit: str) -> str:
    """``format_yuan(fen, unit)`` with integer arithmetic (no Decimal per value)."""
    if abs(fen) >= 10**18:
        return format_yuan(fen, unit)
    whole, cents = divmod(abs(fen), 100)
    return f"{'-' if fen < 0 else ''}{whole:,}.{cents:02d}{unit}"


def _formatter(kind: FieldType, lang: str) -> Callable[[Any], str]:
    """A function equal to ``format_value(value, kind, lang)``, faster for money and dates."""
    if kind == FieldType.MONEY:
        unit = "元" if lang == "zh" else " yuan"

        def money(value: Any) -> str:
            if _is_missing(value):
                return "—"
            return _yuan(round(float(value) * 100), unit)

        return money
    if kind == FieldType.DATE:
        memo: dict[tuple[Any, ...], str] = {}

        def date(value: Any) -> str:
            if _is_missing(value):
                return "—"
            try:
                key = (type(value), value, getattr(value, "tzinfo", None))
                text = memo.get(key)
            except TypeError:  # unhashable
                return format_value(value, kind, lang)
            if text is None:
                text = memo[key] = format_value(value, kind, lang)
            return text

        return date
    return lambda value: format_value(value, kind, lang)


def _format_floats(values: list[float], kind: FieldType, lang: str) -> list[str] | None:
    """``format_value`` of Python floats (blank: NaN) for the numeric kinds; else None."""
    if kind == FieldType.MONEY:
        unit = "元" if lang == "zh" else " yuan"
        return ["—" if v != v else _yuan(round(v * 100), unit) for v in values]
    if kind == FieldType.RATIO:
        return ["—" if v != v else f"{v * 100:.4f}".rstrip("0").rstrip(".") + "%" for v in values]
    if kind in (FieldType.NUMBER, FieldType.COUNT):
        return [
            "—"
            if v != v
            else f"{v:,.0f}"
            if v.is_integer()
            else f"{v:,.4f}".rstrip("0").rstrip(".")
            for v in values
        ]
    return None


def _format_values(series: pd.Series, idx: np.ndarray, kind: FieldType, lang: str) -> list[str]:
    """``format_value(series.iloc[i], kind, lang)`` for each ``i`` in ``idx``."""
    dtype = series.dtype
    if isinstance(dtype, np.dtype):
        if kind == FieldType.DATE and dtype.kind == "M":
            dates = series.to_numpy()[idx]
            texts: list[str] = np.datetime_as_string(dates, unit="D").tolist()
            for i in np.flatnonzero(np.isnat(dates)):
                texts[i] = "—"
            return texts
        if dtype.kind == "f":
            shown = _format_floats(series.to_numpy()[idx].tolist(), kind, lang)
            if shown is not None:
                return shown
    fmt = _formatter(kind, lang)
    return [fmt(v) for v in _take(series, idx)]


def _dedupe(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def _patterns(masks: Sequence[np.ndarray], n: int) -> list[Any]:
    """Per row, which of ``masks`` hold: a bit set (a tuple of flags past 62 masks)."""
    if len(masks) > 62:
        return list(zip(*(m.tolist() for m in masks), strict=True))
    bits = np.zeros(n, dtype=np.int64)
    for k, m in enumerate(masks):
        bits |= m.astype(np.int64) << k
    out: list[Any] = bits.tolist()
    return out


def _chosen(pattern: Any, values: Sequence[_T]) -> list[_T]:
    """The ``values`` whose flag is set in ``pattern`` (from :func:`_patterns`)."""
    if isinstance(pattern, int):
        return [v for k, v in enumerate(values) if pattern >> k & 1]
    return [v for v, on in zip(values, pattern, strict=True) if on]


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


class _Measure:
    """One measure's constant words and record grouping, for one language."""

    def __init__(self, bulk: BulkExplainer, measure_id: str) -> None:
        ev = bulk.evaluation
        lang = bulk.lang
        self.bulk = bulk
        self.measure_id = measure_id
        self.outcome = outcome = ev.outcomes[measure_id]
        m = outcome.measure.measure
        words = _WORDS[lang]
        self.words = words
        describer = _Describer(
            {p.name: p for p in outcome.params.values()}, ev._types, lang, ev.label_of
        )
        self.conditions = _enterprise_criteria(bulk, outcome.conditions, describer, lang)
        self.unset = _unset_parameters(outcome, lang)
        self.unset_texts = [text for text, _ in self.unset]
        self.unset_keys = [key for _, key in self.unset]
        self.manual = [f"{words['manual']}{words['of']}{check}" for check in m.manual_checks]
        self.window = window_reason(outcome, ev.as_of, lang)
        self.frame = frame = outcome.enterprise
        self.cap_texts: dict[str, str] = {}
        self.records: _Records | None = None
        if outcome.records is not None and m.records is not None:
            self.records = _Records(bulk, outcome, Table(m.records), describer)
        self.record_label, self.no_records = record_words(m, lang)
        self.has_capped = "capped_by" in frame.columns
        self.has_note = "stacking_note" in frame.columns

    def cap_text(self, label: str) -> str:
        text = self.cap_texts.get(label)
        if text is None:
            text = self.cap_texts[label] = cap_reason(self.outcome, label, self.bulk.lang)
        return text

    def render(self, idx: np.ndarray) -> list[Explanation]:
        bulk = self.bulk
        outcome = self.outcome
        frame = self.frame
        words = self.words
        n = len(idx)
        statuses = bulk.labels(frame["status"], idx)
        amounts: list[int | None] = (
            [_opt_int(v) for v in _take(frame["amount_fen"], idx)]
            if "amount_fen" in frame.columns
            else [None] * n
        )
        head = [self.window] if self.window else []
        blanks = bulk.ent_blanks(idx)
        cond_texts, cond_keys = _combine(
            [bulk.condition(c, idx, blanks) for c in self.conditions], n
        )
        records = self.records
        if records is not None:
            items, bounds, n_ok, n_unknown = records.render(idx)
        capped = _take(frame["capped_by"], idx) if records is None and self.has_capped else None
        notes = _take(frame["stacking_note"], idx) if self.has_note else None
        usccs = bulk.usccs[idx].tolist()
        names = bulk.names[idx].tolist()
        measure_id = self.measure_id
        record_label = self.record_label
        records_text = words["records"]
        out: list[Explanation] = []
        for j in range(n):
            status = statuses[j]
            amount_fen = amounts[j]
            reasons = [*head, *cond_texts[j]] if cond_texts is not None else list(head)
            missing = cond_keys.get(j) or []
            row_items: list[ItemExplanation] = []
            if records is not None:
                start, end = bounds[j], bounds[j + 1]
                if start == end:
                    reasons.append(self.no_records)
                else:
                    row_items = items[start:end]
                    k, u = n_ok[j], n_unknown[j]
                    reasons.append(
                        records_text.format(
                            label=record_label, n=end - start, k=k, x=end - start - k - u, u=u
                        )
                    )
                    if u and status != INELIGIBLE:
                        for item in row_items:
                            if item.status == UNKNOWN:
                                missing += item.missing
            elif capped is not None and capped[j]:
                label = cap_label(outcome, str(capped[j]), bulk.lang)
                reasons.append(words["capped"].format(label=label, cap=""))
            if status == UNKNOWN and self.unset:
                reasons += self.unset_texts
                missing += self.unset_keys
            if amount_fen is not None:
                reasons.append(words["amount"].format(amount=_yuan(amount_fen, words["yuan"])))
                if row_items:
                    for cap in sorted({i.capped_by for i in row_items if i.capped_by}):
                        reasons.append(self.cap_text(cap))
            if notes is not None:
                note = notes[j]
                if not _is_missing(note) and note:
                    reasons += str(note).splitlines()
            if status != INELIGIBLE:
                reasons += self.manual
            out.append(
                Explanation(
                    uscc=str(usccs[j]),
                    name=str(names[j]),
                    measure_id=measure_id,
                    status=status,
                    amount_fen=amount_fen,
                    reasons=reasons,
                    missing=list(dict.fromkeys(missing)) if missing else [],
                    items=row_items,
                )
            )
        return out


class _Records:
    """A measure's relevant records: grouped by enterprise once, rendered a block at a time."""

    def __init__(
        self, bulk: BulkExplainer, outcome: MeasureOutcome, table: Table, describer: _Describer
    ) -> None:
        lang = bulk.lang
        rec = outcome.records
        assert rec is not None
        self.bulk = bulk
        self.outcome = outcome
        self.rec = rec
        self.table = table
        self.source = bulk.evaluation.portfolio.table(table)
        self.linked = [str(c) for c in rec.columns if str(c).startswith(LINK_PREFIX)]
        self.ent = rec["ent"].to_numpy().astype(np.int64)
        self.row = rec["row"].to_numpy().astype(np.int64)
        # Record positions grouped by enterprise, ascending within each (as groupby gives).
        self.order = np.argsort(self.ent, kind="stable")
        counts = np.bincount(self.ent, minlength=len(bulk.evaluation))
        self.starts = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
        own = TABLES[table].by_name()

        def key_of(name: str) -> str:
            if name in self.linked:
                return f"{Table.LOANS.value}.{name.removeprefix(LINK_PREFIX)}"
            return f"{(table if name in own else Table.ENTERPRISES).value}.{name}"

        self.key_of = key_of
        self.label_of = bulk.label_function(table)
        rec_describer = _Describer(describer.params, describer.types, lang, describer.label, table)
        self.conditions = [
            _Criterion(
                c,
                rec_describer,
                lang,
                bulk.candidates(c.expr.fields),
                key_of,
                self.label_of,
            )
            for c in outcome.record_conditions
        ]
        # LPR fixings named after a decided condition that uses lpr_1y/lpr_5y, and after the
        # amount when its formula uses one the conditions do not show.
        self.condition_lpr = [
            [
                (call, rec[lpr_column(*call)].to_numpy())
                for call in lpr_calls_of(c.expr)
                if lpr_column(*call) in rec.columns
            ]
            for c in outcome.record_conditions
        ]
        self.amount_lpr = [
            (call, rec[lpr_column(*call)].to_numpy())
            for call in amount_lpr_calls(outcome)
            if lpr_column(*call) in rec.columns
        ]
        gate_states = bulk.states(outcome.enterprise["gate"])
        self.gate = gate_states
        self.gate_text = {
            _NA: "? 企业层面条件待补数据（见上）"
            if lang == "zh"
            else "? enterprise conditions undecided (see above)",
            _FALSE: "✗ 企业层面条件不满足（见上）"
            if lang == "zh"
            else "✗ enterprise conditions not met (see above)",
        }
        compiled = outcome.measure
        m = compiled.measure
        self.amount_fields = sorted(compiled.amount.fields) if compiled.amount is not None else None
        self.amount_patterns: dict[Any, tuple[str | None, tuple[str, ...]]] = {}
        self.amount_label = m.amount_label or "amount"
        self.fallback = list(m.fallback_notes.items())
        self.fallback_texts = [f"ℹ {text}" for _, text in self.fallback]
        unset = _unset_parameters(outcome, lang)
        self.unset_texts = [text for text, _ in unset]
        self.unset_keys = [key for _, key in unset]
        self.status_col = rec["status"]
        self.has = {c: c in rec.columns for c in ("raw_fen", "amount_fen", "year", "capped_by")}
        self.has_note = "stacking_note" in rec.columns

    def _lpr(self, calls: list[tuple[tuple[str, str], np.ndarray]], p: int, amount: bool) -> str:
        """``Evaluation.lpr_suffix`` for record ``p``."""
        ev = self.bulk.evaluation
        lang = self.bulk.lang
        notes = [
            ev.lpr_note(tenor, int(fixings[p]), lang)
            for (tenor, _), fixings in calls
            if fixings[p] >= 0
        ]
        return lpr_text(notes, lang, amount)

    def positions(self, idx: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Record positions of the enterprises ``idx`` (in order), and each one's bounds."""
        lengths = self.starts[idx + 1] - self.starts[idx]
        bounds = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
        total = int(bounds[-1])
        within = np.arange(total, dtype=np.int64) - np.repeat(bounds[:-1], lengths)
        return self.order[np.repeat(self.starts[idx], lengths) + within], bounds

    def blanks(self, pos: np.ndarray) -> Callable[[str], np.ndarray]:
        """Which of the records ``pos`` lack a field (record, linked loan, then enterprise)."""
        bulk = self.bulk
        cache: dict[str, np.ndarray] = {}

        def lacks(name: str) -> np.ndarray:
            hit = cache.get(name)
            if hit is None:
                if name in self.source.columns:
                    hit = bulk.mask(self.source, name)[self.row[pos]]
                elif name in self.linked:
                    hit = bulk.mask(self.rec, name)[pos]
                elif name in bulk.evaluation.enterprises.columns:
                    hit = bulk.mask(bulk.evaluation.enterprises, name)[self.ent[pos]]
                else:
                    hit = np.ones(len(pos), dtype=bool)
                cache[name] = hit
            return hit

        return lacks

    def _amount_missing(self, pattern: Any) -> tuple[str | None, tuple[str, ...]]:
        hit = self.amount_patterns.get(pattern)
        if hit is None:
            assert self.amount_fields is not None
            lacking = _chosen(pattern, self.amount_fields)
            text = None
            if lacking:
                names = _WORDS[self.bulk.lang]["list"].join(self.label_of(f) for f in lacking)
                text = (
                    f"? {self.amount_label}：缺少 {names}"
                    if self.bulk.lang == "zh"
                    else f"? amount: missing {names}"
                )
            hit = self.amount_patterns[pattern] = (text, tuple(self.key_of(f) for f in lacking))
        return hit

    def render(
        self, idx: np.ndarray
    ) -> tuple[list[ItemExplanation], list[int], list[int], list[int]]:
        """Items of the enterprises ``idx``; bounds of each one's items; eligible and
        unknown counts per enterprise."""
        pos, bounds = self.positions(idx)
        n = len(pos)
        bulk = self.bulk
        rec = self.rec
        lacks = self.blanks(pos)
        gate = self.gate[self.ent[pos]].tolist()
        rendered = []
        for c, lpr in zip(self.conditions, self.condition_lpr, strict=True):
            states = bulk.states(c.c.status)[pos]
            c_texts, c_keys = c.render(states, pos, lacks)
            if lpr:
                for i in np.flatnonzero(states != _NA).tolist():
                    c_texts[i] += self._lpr(lpr, int(pos[i]), False)
            rendered.append((c_texts, c_keys))
        cond_texts, cond_keys = _combine(rendered, n)
        statuses = bulk.labels(self.status_col, pos)
        none: list[Any] = [None] * n
        raw = _take(rec["raw_fen"], pos) if self.has["raw_fen"] else none
        amount = _take(rec["amount_fen"], pos) if self.has["amount_fen"] else none
        year = _take(rec["year"], pos) if self.has["year"] else none
        capped = _take(rec["capped_by"], pos) if self.has["capped_by"] else none
        notes = _take(rec["stacking_note"], pos) if self.has_note else none
        record_ids = _take(rec["record_id"], pos)
        raw_blank = [_is_missing(v) for v in raw]

        amount_pattern: list[Any] = [0] * n
        if self.amount_fields is not None:
            amount_pattern = _patterns([lacks(f) for f in self.amount_fields], n)
        fallback_pattern: list[Any] = [0] * n
        if self.fallback:
            fallback_pattern = _patterns([lacks(f) for f, _ in self.fallback], n)

        table = self.table.value
        items: list[ItemExplanation] = []
        eligible = np.zeros(n + 1, dtype=np.int64)
        unknown = np.zeros(n + 1, dtype=np.int64)
        for i in range(n):
            reasons: list[str] = []
            g = gate[i]
            if g != _TRUE:
                reasons.append(self.gate_text[g])
            if cond_texts is not None:
                reasons += cond_texts[i]
            missing = cond_keys.get(i) or []
            status = statuses[i]
            if status == UNKNOWN:
                unknown[i + 1] = 1
                reasons += self.unset_texts
                missing += self.unset_keys
                if self.amount_fields is not None and raw_blank[i]:
                    text, keys = self._amount_missing(amount_pattern[i])
                    missing += keys
                    if text is not None:
                        reasons.append(text)
            elif status == ELIGIBLE:
                eligible[i + 1] = 1
            if self.fallback and not raw_blank[i]:
                reasons += _chosen(fallback_pattern[i], self.fallback_texts)
            if self.amount_lpr and not raw_blank[i]:
                used = self._lpr(self.amount_lpr, int(pos[i]), True)
                if used:
                    reasons.append(used)
            note = notes[i]
            if not _is_missing(note) and note:
                reasons += str(note).splitlines()
            cap = capped[i]
            items.append(
                ItemExplanation(
                    record=str(record_ids[i]),
                    table=table,
                    status=status,
                    amount_fen=_opt_int(amount[i]) if status == ELIGIBLE else None,
                    raw_fen=_opt_int(raw[i]),
                    year=_opt_int(year[i]),
                    capped_by=None if _is_missing(cap) else str(cap),
                    reasons=reasons,
                    missing=list(dict.fromkeys(missing)) if missing else [],
                )
            )
        cum_ok = np.cumsum(eligible)
        cum_unknown = np.cumsum(unknown)
        n_ok = (cum_ok[bounds[1:]] - cum_ok[bounds[:-1]]).tolist()
        n_unknown = (cum_unknown[bounds[1:]] - cum_unknown[bounds[:-1]]).tolist()
        return items, bounds.tolist(), n_ok, n_unknown


class _Assessment:
    """One pre-assessment's constant words, for one language (see ``explain_preassessment``)."""

    def __init__(self, bulk: BulkExplainer, assessment_id: str) -> None:
        ev = bulk.evaluation
        lang = bulk.lang
        self.bulk = bulk
        self.outcome = outcome = ev.preassessments[assessment_id]
        self.a = a = outcome.compiled.assessment
        describer = _Describer({}, ev._types, lang, ev.label_of)
        self.conditions = _enterprise_criteria(bulk, outcome.conditions, describer, lang)
        # Per indicator, per alternative: its words, the kind of its value, its candidates.
        self.alternatives = [
            [
                (
                    describer.text(parsed.tree),
                    FieldType.RATIO if "/" in parsed.source else FieldType.COUNT,
                    bulk.candidates(parsed.fields),
                )
                for parsed in compiled_alternatives
            ]
            for _, compiled_alternatives in outcome.compiled.indicators
        ]
        self.missing_word = "：缺少" if lang == "zh" else ": missing "
        self.label = a.label if lang == "zh" else (a.label_en or a.label)
        words = _WORDS[lang]
        self.manual = [f"{words['manual']}{words['of']}{m}" for m in a.manual_checks]
        self.lang = lang

    def _indicator(self, k: int, idx: np.ndarray) -> tuple[list[str], dict[int, list[str]]]:
        """Indicator ``k`` of the enterprises ``idx``: its reason; missing keys where blank."""
        bulk = self.bulk
        ind = self.outcome.indicators[k]
        n = len(idx)
        parts: list[list[str]] = [[] for _ in range(n)]
        keys: dict[int, list[str]] = {}
        blanks = bulk.ent_blanks(idx)
        label = bulk.label_function(None)
        for (text, kind, candidates), values, points in zip(
            self.alternatives[k], ind.values, ind.points, strict=True
        ):
            blank = bulk.blank(values)[idx]
            known = np.flatnonzero(~blank)
            shown = _format_values(values, idx[known], kind, self.lang)
            scored = _take(points, idx[known])
            for i, v, p in zip(known.tolist(), shown, scored, strict=True):
                parts[i].append(f"{text} {v} → {p:g}分")
            unknown = np.flatnonzero(blank)
            if unknown.size:
                masks = [blanks(f)[unknown] for f in candidates]
                for i, pattern in zip(
                    unknown.tolist(), _patterns(masks, unknown.size), strict=True
                ):
                    lacking = _dedupe(_chosen(pattern, candidates))
                    keys.setdefault(i, []).extend(f"{Table.ENTERPRISES.value}.{f}" for f in lacking)
                    names = _WORDS[self.lang]["list"].join(map(label, lacking))
                    parts[i].append(text + self.missing_word + names)
        head = f"{ind.indicator.label}（满分{ind.indicator.max}）："
        texts = []
        for low, high, row in zip(
            ind.low[idx].tolist(), ind.high[idx].tolist(), parts, strict=True
        ):
            score = f"{low:g}分" if low == high else f"{low:g}–{high:g}分"
            texts.append(f"{'✓' if low == high else '?'} {head}{score}；" + "；".join(row))
        return texts, keys

    def render(self, idx: np.ndarray) -> list[PreassessmentExplanation]:
        bulk = self.bulk
        outcome = self.outcome
        a = self.a
        n = len(idx)
        blanks = bulk.ent_blanks(idx)
        rendered: list[tuple[list[str], Mapping[int, Sequence[str]]]] = [
            bulk.condition(c, idx, blanks) for c in self.conditions
        ]
        rendered += [self._indicator(k, idx) for k in range(len(outcome.indicators))]
        reasons_of, missing_of = _combine(rendered, n)
        lows: list[float | None] = [None] * n
        highs: list[float | None] = [None] * n
        totals: list[str | None] = [None] * n
        if outcome.score_low is not None and outcome.score_high is not None:
            assert a.score is not None
            mark = a.score.pass_mark
            lows = [float(v) for v in outcome.score_low[idx].tolist()]
            highs = [float(v) for v in outcome.score_high[idx].tolist()]
            for j, (low, high) in enumerate(zip(lows, highs, strict=True)):
                assert low is not None and high is not None
                score = f"{low:g}" if low == high else f"{low:g}–{high:g}"
                totals[j] = (
                    f"合计得分 {score} 分（达标线 {mark} 分）"
                    if self.lang == "zh"
                    else f"Total {score} (pass mark {mark})"
                )
        direct: list[str] | None = None
        if outcome.direct is not None and a.direct is not None:
            words = {s: f"{_MARK[_STATE_OF[s]]} {a.direct.label}" for s in (_FALSE, _TRUE, _NA)}
            direct = [words[s] for s in bulk.states(outcome.direct)[idx].tolist()]
        statuses = [str(v) for v in np.asarray(outcome.status)[idx].tolist()]
        out = []
        for j in range(n):
            reasons = list(reasons_of[j]) if reasons_of is not None else []
            total = totals[j]
            if total is not None:
                reasons.append(total)
            if direct is not None:
                reasons.append(direct[j])
            status = statuses[j]
            if status != INELIGIBLE:
                reasons += self.manual
            missing = missing_of.get(j)
            out.append(
                PreassessmentExplanation(
                    id=a.id,
                    label=self.label,
                    status=status,
                    score_low=lows[j],
                    score_high=highs[j],
                    reasons=reasons,
                    missing=[]
                    if status == INELIGIBLE or not missing
                    else list(dict.fromkeys(missing)),
                    note=a.note,
                    source=a.source,
                )
            )
        return out


class BulkExplainer:
    """Explanations of one evaluation in one language, rendered a block at a time.

    Holds, while it lives, per-column arrays (blank masks, status codes) shared by every
    measure; drop it when done.
    """

    def __init__(self, evaluation: Evaluation, lang: str = "zh", chunk_size: int = CHUNK) -> None:
        self.evaluation = evaluation
        self.lang = lang
        self.chunk_size = max(1, chunk_size)
        self.usccs = evaluation.enterprises["uscc"].to_numpy(dtype=object)
        self.names = evaluation.enterprises["name"].to_numpy(dtype=object)
        self._measures: dict[str, _Measure] = {}
        self._states: dict[int, tuple[pd.Series, np.ndarray]] = {}
        self._blanks: dict[int, tuple[pd.Series, np.ndarray]] = {}
        self._assessments: dict[str, _Assessment] = {}
        self._masks: dict[tuple[int, str], tuple[pd.DataFrame, np.ndarray]] = {}
        self._labels: dict[tuple[str, Table | None], str] = {}
        self._candidates: dict[frozenset[str], list[str]] = {}
        self._block: np.ndarray | None = None  # the block whose criteria _rendered holds
        self._rendered: dict[tuple[Any, ...], _Rendered] = {}

    # -- shared per-column arrays
    def states(self, series: pd.Series) -> np.ndarray:
        hit = self._states.get(id(series))
        if hit is None or hit[0] is not series:
            hit = self._states[id(series)] = (series, _state_codes(series))
        return hit[1]

    def blank(self, series: pd.Series) -> np.ndarray:
        """Per row of ``series``, whether its value is missing."""
        hit = self._blanks.get(id(series))
        if hit is None or hit[0] is not series:
            hit = self._blanks[id(series)] = (series, _missing_mask(series))
        return hit[1]

    def mask(self, frame: pd.DataFrame, name: str) -> np.ndarray:
        key = (id(frame), name)
        hit = self._masks.get(key)
        if hit is None or hit[0] is not frame:
            hit = self._masks[key] = (frame, _missing_mask(frame[name]))
        return hit[1]

    def condition(
        self, criterion: _Criterion, idx: np.ndarray, blanks: Callable[[str], np.ndarray]
    ) -> _Rendered:
        """An enterprise criterion over the block ``idx``, rendered once per block."""
        key = criterion.signature
        if key is None:
            return criterion.render(self.states(criterion.c.status)[idx], idx, blanks)
        if self._block is not idx:
            self._block, self._rendered = idx, {}
        hit = self._rendered.get(key)
        if hit is None:
            states = self.states(criterion.c.status)[idx]
            hit = self._rendered[key] = criterion.render(states, idx, blanks)
        return hit

    def ent_blanks(self, idx: np.ndarray) -> Callable[[str], np.ndarray]:
        """Which enterprises ``idx`` lack a field (a field the frame lacks is not blank)."""
        enterprises = self.evaluation.enterprises

        def lacks(name: str) -> np.ndarray:
            if name not in enterprises.columns:
                return np.zeros(len(idx), dtype=bool)
            blank: np.ndarray = self.mask(enterprises, name)[idx]
            return blank

        return lacks

    def labels(self, series: pd.Series, idx: np.ndarray) -> list[str]:
        """``str(series.iloc[i])`` for each ``i`` in ``idx`` (statuses are categorical)."""
        if isinstance(series.dtype, pd.CategoricalDtype):
            texts = [str(c) for c in series.cat.categories] + [str(np.nan)]
            return [texts[c] for c in series.cat.codes.to_numpy()[idx].tolist()]
        return [str(v) for v in _take(series, idx)]

    def label_function(self, table: Table | None) -> Callable[[str], str]:
        ev = self.evaluation
        lang = self.lang

        def label(name: str) -> str:
            key = (name, table)
            text = self._labels.get(key)
            if text is None:
                text = self._labels[key] = ev.label_of(name, lang, table)
            return text

        return label

    def candidates(self, names: frozenset[str]) -> list[str]:
        """Fields ``_missing_fields`` checks, in its order (a derived field by its inputs)."""
        hit = self._candidates.get(names)
        if hit is None:
            derived = self.evaluation.catalogue.derived
            hit = []
            for name in sorted(names):
                spec = derived.get(name)
                if spec is not None and not spec[0].fills:
                    hit += sorted(spec[1].fields)
                else:
                    hit.append(name)
            self._candidates[names] = hit
        return hit

    # -- rendering
    def measure(self, measure_id: str) -> _Measure:
        plan = self._measures.get(measure_id)
        if plan is None:
            plan = self._measures[measure_id] = _Measure(self, measure_id)
        return plan

    def _positions(self, positions: Iterable[int] | np.ndarray | None) -> np.ndarray:
        n = len(self.evaluation)
        if positions is None:
            return np.arange(n, dtype=np.int64)
        idx = np.asarray(
            positions if isinstance(positions, np.ndarray) else list(positions), dtype=np.int64
        )
        if idx.ndim != 1:
            raise ValueError("positions must be one-dimensional")
        if idx.size and (idx.min() < 0 or idx.max() >= n):
            raise IndexError(f"enterprise positions must lie in 0…{n - 1}")
        return idx

    def block(self, measure_id: str, idx: np.ndarray) -> list[Explanation]:
        """Explanations of the enterprises at positions ``idx`` for one measure (blocks
        rendered one after another with the same array share enterprise criteria)."""
        return self._paused(self.measure(measure_id).render, idx)

    def iter_measure(
        self, measure_id: str, positions: Iterable[int] | np.ndarray | None = None
    ) -> Iterator[Explanation]:
        self.measure(measure_id)  # unknown measure: KeyError now, not on first next()
        idx = self._positions(positions)

        def generate() -> Iterator[Explanation]:
            for start in range(0, len(idx), self.chunk_size):
                yield from self.block(measure_id, idx[start : start + self.chunk_size])

        return generate()

    def iter_enterprises(
        self,
        positions: Iterable[int] | np.ndarray | None = None,
        measure_ids: Sequence[str] | None = None,
        should_cancel: Callable[[], bool] | None = None,
    ) -> Iterator[tuple[int, list[Explanation]]]:
        """Per enterprise (in order): its position and its explanations, one per measure."""
        ids = list(self.evaluation.measure_ids if measure_ids is None else measure_ids)
        for measure_id in ids:
            self.measure(measure_id)
        idx = self._positions(positions)

        def generate() -> Iterator[tuple[int, list[Explanation]]]:
            for start in range(0, len(idx), self.chunk_size):
                if should_cancel is not None and should_cancel():
                    raise CancelledError("导出已取消 / export cancelled")
                part = idx[start : start + self.chunk_size]
                blocks = [self.block(measure_id, part) for measure_id in ids]
                for j, ent in enumerate(part.tolist()):
                    yield ent, [b[j] for b in blocks]

        return generate()

    def iter_preassessments(
        self,
        positions: Iterable[int] | np.ndarray | None = None,
        should_cancel: Callable[[], bool] | None = None,
    ) -> Iterator[tuple[int, dict[str, PreassessmentExplanation]]]:
        """Per enterprise (in order): its position and each pre-assessment explained, as
        ``explain_preassessment`` words them."""
        ids = list(self.evaluation.preassessments)
        for assessment_id in ids:
            if assessment_id not in self._assessments:
                self._assessments[assessment_id] = _Assessment(self, assessment_id)
        idx = self._positions(positions)

        def generate() -> Iterator[tuple[int, dict[str, PreassessmentExplanation]]]:
            for start in range(0, len(idx), self.chunk_size):
                if should_cancel is not None and should_cancel():
                    raise CancelledError("导出已取消 / export cancelled")
                part = idx[start : start + self.chunk_size]
                blocks = [self._paused(self._assessments[a].render, part) for a in ids]
                for j, ent in enumerate(part.tolist()):
                    yield ent, {a: b[j] for a, b in zip(ids, blocks, strict=True)}

        return generate()

    @staticmethod
    def _paused(render: Callable[[np.ndarray], list[_R]], idx: np.ndarray) -> list[_R]:
        """``render(idx)`` with the cyclic garbage collector paused: rendering allocates
        hundreds of thousands of small lists and dataclasses and no reference cycles, and
        the collector would rescan them all many times over (two thirds of the time).
        Reference counting frees them either way."""
        enabled = gc.isenabled()
        gc.disable()
        try:
            return render(idx)
        finally:
            if enabled:
                gc.enable()

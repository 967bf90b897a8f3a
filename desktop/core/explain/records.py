"""Records in words: a measure's relevant records (loans, guarantees …) grouped by enterprise
once — one stable sort of the record frame — and rendered a block of enterprises at a time:
each record's conditions, its enterprise's gate, blanks in the amount's fields, LPR fixings
used, fallbacks, caps and stacking notes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from desktop.core.explain.context import ExplainContext
from desktop.core.explain.criteria import Criterion, combine
from desktop.core.explain.values import (
    FALSE,
    NA,
    STATE_OF,
    TRUE,
    chosen,
    is_missing,
    opt_int,
    patterns,
    take,
)
from desktop.core.explain.words import (
    GATE_TEXT,
    WORDS,
    Describer,
    amount_lpr_calls,
    lpr_calls_of,
    lpr_text,
    unset_parameters,
)
from desktop.core.fields import LINK_PREFIX, TABLES, Table
from desktop.core.outcomes import (
    ELIGIBLE,
    UNKNOWN,
    ItemExplanation,
    MeasureOutcome,
    lpr_column,
    note_column,
)
from desktop.i18n import text as message


class Records:
    """A measure's relevant records: grouped by enterprise once, rendered a block at a time."""

    def __init__(
        self, context: ExplainContext, outcome: MeasureOutcome, table: Table, describer: Describer
    ) -> None:
        lang = context.lang
        rec = outcome.records
        assert rec is not None
        self.context = context
        self.outcome = outcome
        self.rec = rec
        self.table = table
        self.source = context.evaluation.portfolio.table(table)
        self.linked = [str(c) for c in rec.columns if str(c).startswith(LINK_PREFIX)]
        self.ent = rec["ent"].to_numpy().astype(np.int64)
        self.row = rec["row"].to_numpy().astype(np.int64)
        # Record positions grouped by enterprise, ascending within each (as groupby gives).
        self.order = np.argsort(self.ent, kind="stable")
        counts = np.bincount(self.ent, minlength=len(context.evaluation))
        self.starts = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
        own = TABLES[table].by_name()

        def key_of(name: str) -> str:
            if name in self.linked:
                return f"{Table.LOANS.value}.{name.removeprefix(LINK_PREFIX)}"
            return f"{(table if name in own else Table.ENTERPRISES).value}.{name}"

        self.key_of = key_of
        self.label_of = context.label_function(table)
        rec_describer = Describer(describer.params, describer.types, lang, describer.label, table)
        self.conditions = [
            Criterion(
                c,
                rec_describer,
                lang,
                context.candidates(c.expr.fields),
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
        gate_states = context.states(outcome.enterprise["gate"])
        self.gate = gate_states
        self.gate_text = {code: GATE_TEXT[lang][STATE_OF[code]] for code in (NA, FALSE)}
        compiled = outcome.measure
        m = compiled.measure
        self.amount_fields = sorted(compiled.amount.fields) if compiled.amount is not None else None
        self.amount_patterns: dict[Any, tuple[str | None, tuple[str, ...]]] = {}
        self.amount_label = m.amount_label
        self.fallback = list(m.fallback_notes_for(lang).items())
        self.fallback_texts = [f"ℹ {text}" for _, text in self.fallback]
        unset = unset_parameters(outcome, lang)
        self.unset_texts = [text for text, _ in unset]
        self.unset_keys = [key for _, key in unset]
        self.status_col = rec["status"]
        self.note_column = note_column(lang)
        # The record frame's optional columns, looked up once (not once per block).
        wanted = ("raw_fen", "amount_fen", "year", "capped_by", self.note_column, "record_id")
        self.columns = {c: rec[c] for c in wanted if c in rec.columns}

    def _lpr(self, calls: list[tuple[tuple[str, str], np.ndarray]], p: int, amount: bool) -> str:
        """The LPR fixings record ``p``'s condition (or amount) used, for its reason text:
        “（同期1年期LPR 3.45%，2023-08-21公布）”; "" when none is known."""
        context = self.context
        notes = [
            context.lpr_note(tenor, int(fixings[p]))
            for (tenor, _), fixings in calls
            if fixings[p] >= 0
        ]
        return lpr_text(notes, context.lang, amount)

    def positions(self, idx: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Record positions of the enterprises ``idx`` (in order), and each one's bounds."""
        lengths = self.starts[idx + 1] - self.starts[idx]
        bounds = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
        total = int(bounds[-1])
        within = np.arange(total, dtype=np.int64) - np.repeat(bounds[:-1], lengths)
        return self.order[np.repeat(self.starts[idx], lengths) + within], bounds

    def blanks(self, pos: np.ndarray) -> Callable[[str], np.ndarray]:
        """Which of the records ``pos`` lack a field (record, linked loan, then enterprise)."""
        context = self.context
        cache: dict[str, np.ndarray] = {}

        def lacks(name: str) -> np.ndarray:
            hit = cache.get(name)
            if hit is None:
                if name in self.source.columns:
                    hit = context.mask(self.source, name)[self.row[pos]]
                elif name in self.linked:
                    hit = context.mask(self.rec, name)[pos]
                elif name in context.evaluation.enterprises.columns:
                    hit = context.mask(context.evaluation.enterprises, name)[self.ent[pos]]
                else:
                    hit = np.ones(len(pos), dtype=bool)
                cache[name] = hit
            return hit

        return lacks

    def _amount_missing(self, pattern: Any) -> tuple[str | None, tuple[str, ...]]:
        hit = self.amount_patterns.get(pattern)
        if hit is None:
            assert self.amount_fields is not None
            lacking = chosen(pattern, self.amount_fields)
            text = None
            if lacking:
                names = WORDS[self.context.lang]["list"].join(self.label_of(f) for f in lacking)
                words = WORDS[self.context.lang]
                # Chinese names the amount field; English (no such label) the record's amount
                label = self.amount_label if self.context.lang == "zh" else None
                label = label or message("explain.word.amount_name", self.context.lang)
                text = words["amount_missing"].format(label=label, names=names)
            hit = self.amount_patterns[pattern] = (text, tuple(self.key_of(f) for f in lacking))
        return hit

    def render(
        self, idx: np.ndarray
    ) -> tuple[list[ItemExplanation], list[int], list[int], list[int]]:
        """Items of the enterprises ``idx``; bounds of each one's items; eligible and
        unknown counts per enterprise."""
        pos, bounds = self.positions(idx)
        n = len(pos)
        context = self.context
        lacks = self.blanks(pos)
        gate = self.gate[self.ent[pos]].tolist()
        rendered = []
        for c, lpr in zip(self.conditions, self.condition_lpr, strict=True):
            states = context.states(c.c.status)[pos]
            c_texts, c_keys = c.render(states, pos, lacks)
            if lpr:
                for i in np.flatnonzero(states != NA).tolist():
                    c_texts[i] += self._lpr(lpr, int(pos[i]), False)
            rendered.append((c_texts, c_keys))
        cond_texts, cond_keys = combine(rendered, n)
        statuses = context.labels(self.status_col, pos)
        none: list[Any] = [None] * n
        columns = self.columns

        def values(name: str) -> list[Any]:
            column = columns.get(name)
            return none if column is None else take(column, pos)

        raw = values("raw_fen")
        amount = values("amount_fen")
        year = values("year")
        capped = values("capped_by")
        notes = values(self.note_column)
        record_ids = take(columns["record_id"], pos)
        raw_blank = [is_missing(v) for v in raw]

        amount_pattern: list[Any] = [0] * n
        if self.amount_fields is not None:
            amount_pattern = patterns([lacks(f) for f in self.amount_fields], n)
        fallback_pattern: list[Any] = [0] * n
        if self.fallback:
            fallback_pattern = patterns([lacks(f) for f, _ in self.fallback], n)

        table = self.table.value
        items: list[ItemExplanation] = []
        eligible = np.zeros(n + 1, dtype=np.int64)
        unknown = np.zeros(n + 1, dtype=np.int64)
        for i in range(n):
            reasons: list[str] = []
            g = gate[i]
            if g != TRUE:
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
                reasons += chosen(fallback_pattern[i], self.fallback_texts)
            if self.amount_lpr and not raw_blank[i]:
                used = self._lpr(self.amount_lpr, int(pos[i]), True)
                if used:
                    reasons.append(used)
            note = notes[i]
            if not is_missing(note) and note:
                reasons += str(note).splitlines()
            cap = capped[i]
            items.append(
                ItemExplanation(
                    record=str(record_ids[i]),
                    table=table,
                    status=status,
                    amount_fen=opt_int(amount[i]) if status == ELIGIBLE else None,
                    raw_fen=opt_int(raw[i]),
                    year=opt_int(year[i]),
                    capped_by=None if is_missing(cap) else str(cap),
                    reasons=reasons,
                    missing=list(dict.fromkeys(missing)) if missing else [],
                )
            )
        cum_ok = np.cumsum(eligible)
        cum_unknown = np.cumsum(unknown)
        n_ok = (cum_ok[bounds[1:]] - cum_ok[bounds[:-1]]).tolist()
        n_unknown = (cum_unknown[bounds[1:]] - cum_unknown[bounds[:-1]]).tolist()
        return items, bounds.tolist(), n_ok, n_unknown

"""A measure in words, for enterprises: why each enterprise got its status and amount."""

from __future__ import annotations

import numpy as np

from desktop.core.explain.context import ExplainContext
from desktop.core.explain.criteria import combine, enterprise_criteria, render_shared
from desktop.core.explain.records import Records
from desktop.core.explain.values import is_missing, opt_int, take, yuan
from desktop.core.explain.words import (
    WORDS,
    Describer,
    basis_label,
    cap_label,
    cap_reason,
    interpretations_off,
    record_words,
    unset_parameters,
    window_reason,
)
from desktop.core.fields import Table
from desktop.core.outcomes import (
    INELIGIBLE,
    UNKNOWN,
    Explanation,
    ItemExplanation,
    note_column,
)


class MeasureExplainer:
    """One measure explained for blocks of enterprises in one language: what is constant in
    its words (labels, parameter values, the in-force window, manual checks) worded once,
    its records grouped once; :meth:`render` assembles each enterprise's explanation."""

    def __init__(self, context: ExplainContext, measure_id: str) -> None:
        ev = context.evaluation
        lang = context.lang
        self.context = context
        self.measure_id = measure_id
        self.outcome = outcome = ev.outcomes[measure_id]
        m = outcome.measure.measure
        words = WORDS[lang]
        self.words = words
        describer = Describer(
            {p.name: p for p in outcome.params.values()}, ev.field_types, lang, ev.label_of
        )
        self.conditions = enterprise_criteria(context, outcome.conditions, describer)
        self.unset = unset_parameters(outcome, lang)
        self.unset_texts = [text for text, _ in self.unset]
        self.unset_keys = [key for _, key in self.unset]
        self.manual = [
            f"{words['manual']}{words['of']}{check}" for check in m.manual_checks_for(lang)
        ]
        self.window = window_reason(outcome, ev.as_of, lang)
        # 按上限估算【假设】 / 申请金额，非核定金额: said after every amount of the measure
        self.basis = basis_label(m, lang)
        # a named interpretation switched off is said, not silently dropped
        self.interpretations_off = interpretations_off(m, outcome.params, lang)
        self.frame = frame = outcome.enterprise
        self.cap_texts: dict[str, str] = {}
        self.records: Records | None = None
        if outcome.records is not None and m.records is not None:
            self.records = Records(context, outcome, Table(m.records), describer)
        self.record_label, self.no_records = record_words(m, lang)
        # The enterprise frame's columns, looked up once (not once per block).
        self.status = frame["status"]
        self.amount = frame["amount_fen"] if "amount_fen" in frame.columns else None
        self.capped = frame["capped_by"] if "capped_by" in frame.columns else None
        column = note_column(lang)
        self.notes = frame[column] if column in frame.columns else None

    def cap_text(self, label: str) -> str:
        text = self.cap_texts.get(label)
        if text is None:
            text = self.cap_texts[label] = cap_reason(self.outcome, label, self.context.lang)
        return text

    def render(self, idx: np.ndarray) -> list[Explanation]:
        """The explanations of the enterprises at positions ``idx`` (in order): the window,
        enterprise conditions, the records' count line, caps, unset parameters, the amount,
        stacking notes and manual checks."""
        context = self.context
        outcome = self.outcome
        words = self.words
        n = len(idx)
        statuses = context.labels(self.status, idx)
        amounts: list[int | None] = (
            [opt_int(v) for v in take(self.amount, idx)] if self.amount is not None else [None] * n
        )
        head = [self.window] if self.window else []
        head += self.interpretations_off
        blanks = context.ent_blanks(idx)
        cond_texts, cond_keys = combine(
            [render_shared(context, c, idx, blanks) for c in self.conditions], n
        )
        records = self.records
        if records is not None:
            items, bounds, n_ok, n_unknown = records.render(idx)
        capped = take(self.capped, idx) if records is None and self.capped is not None else None
        notes = take(self.notes, idx) if self.notes is not None else None
        usccs = context.usccs[idx].tolist()
        names = context.names[idx].tolist()
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
                label = cap_label(outcome, str(capped[j]), context.lang)
                reasons.append(words["capped"].format(label=label, cap=""))
            if status == UNKNOWN and self.unset:
                reasons += self.unset_texts
                missing += self.unset_keys
            if amount_fen is not None:
                reasons.append(words["amount"].format(amount=yuan(amount_fen, words["yuan"])))
                if self.basis is not None:
                    reasons.append(self.basis)
                if row_items:
                    for cap in sorted({i.capped_by for i in row_items if i.capped_by}):
                        reasons.append(self.cap_text(cap))
            if notes is not None:
                note = notes[j]
                if not is_missing(note) and note:
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

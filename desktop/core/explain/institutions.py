"""Measures about institutions in words: why each looked-at institution (a bank, a guarantor
…) got its status — each condition with the values on both sides, a sum with its operands
(“小微型科创企业贷款不良率 4.92% > 各项贷款不良率 1.58% + 3个百分点 = 4.58%”) — or the
fields it lacks."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np

from desktop.core.explain.context import ExplainContext, Explained
from desktop.core.explain.criteria import Criterion, combine
from desktop.core.explain.values import is_missing, opt_int, take, yuan
from desktop.core.explain.words import WORDS, Describer, unset_parameters, window_reason
from desktop.core.fields import Table
from desktop.core.outcomes import INELIGIBLE, UNKNOWN, InstitutionExplanation

_TABLE = Table.INSTITUTIONS.value


class InstitutionExplainer:
    """One measure about institutions explained for its looked-at institutions."""

    def __init__(self, context: ExplainContext, measure_id: str) -> None:
        ev = context.evaluation
        lang = context.lang
        self.context = context
        self.measure_id = measure_id
        self.inst = inst = ev.institution_outcomes[measure_id]
        self.outcome = outcome = inst.outcome
        m = outcome.measure.measure
        describer = Describer(
            {p.name: p for p in outcome.params.values()},
            ev.field_types,
            lang,
            ev.label_of,
            Table.INSTITUTIONS,
        )
        label = context.label_function(None)
        self.conditions = [
            Criterion(
                c,
                describer,
                lang,
                context.candidates(c.expr.fields),
                lambda f: f"{_TABLE}.{f}",
                label,
                frame=inst.institutions,
            )
            for c in outcome.conditions
        ]
        self.window = window_reason(outcome, ev.as_of, lang)
        unset = unset_parameters(outcome, lang)
        self.unset_texts = [text for text, _ in unset]
        self.unset_keys = [key for _, key in unset]
        words = WORDS[lang]
        self.manual = [
            f"{words['manual']}{words['of']}{check}" for check in m.manual_checks_for(lang)
        ]

    def render(self, idx: np.ndarray) -> list[InstitutionExplanation]:
        """The explanations of the looked-at institutions at positions ``idx``."""
        context = self.context
        frame = self.inst.institutions
        enterprise = self.outcome.enterprise
        words = context.words
        n = len(idx)
        blanks = context.frame_blanks(frame, idx)
        cond_texts, cond_keys = combine(
            [c.render(context.states(c.c.status)[idx], idx, blanks) for c in self.conditions], n
        )
        statuses = context.labels(enterprise["status"], idx)
        amounts = (
            [opt_int(v) for v in take(enterprise["amount_fen"], idx)]
            if "amount_fen" in enterprise.columns
            else [None] * n
        )
        kinds = take(frame["institution_type"], idx) if "institution_type" in frame else [None] * n
        names = take(frame["institution"], idx)
        rows = self.inst.rows[idx].tolist()
        head = [self.window] if self.window else []
        out = []
        for j in range(n):
            status = statuses[j]
            reasons = [*head, *cond_texts[j]] if cond_texts is not None else list(head)
            missing = cond_keys.get(j) or []
            if status == UNKNOWN:
                reasons += self.unset_texts
                missing += self.unset_keys
            amount = amounts[j]
            if amount is not None:
                reasons.append(words["amount"].format(amount=yuan(amount, words["yuan"])))
            if status != INELIGIBLE:
                reasons += self.manual
            kind = kinds[j]
            out.append(
                InstitutionExplanation(
                    institution=str(names[j]),
                    institution_type=None if is_missing(kind) else str(kind),
                    measure_id=self.measure_id,
                    status=status,
                    reasons=reasons,
                    missing=[] if status == INELIGIBLE else list(dict.fromkeys(missing)),
                    row=int(rows[j]),
                )
            )
        return out


def explain_institutions(
    evaluation: Explained, lang: str = "zh", measure_ids: Sequence[str] | None = None
) -> Iterator[InstitutionExplanation]:
    """Every looked-at institution of each measure about institutions, measure by measure."""
    context = ExplainContext(evaluation, lang)
    ids = measure_ids if measure_ids is not None else evaluation.institution_outcomes
    for measure_id in ids:
        explainer = InstitutionExplainer(context, measure_id)
        n = len(explainer.inst.institutions)
        yield from explainer.render(np.arange(n, dtype=np.int64))


def explain_institution(
    evaluation: Explained, pos: int, measure_id: str, lang: str = "zh"
) -> InstitutionExplanation:
    """Why the ``pos``-th looked-at institution of a measure about institutions got its
    status."""
    explainer = InstitutionExplainer(ExplainContext(evaluation, lang), measure_id)
    n = len(explainer.inst.institutions)
    if not -n <= pos < n:
        raise IndexError(f"institution position {pos} out of range")
    return explainer.render(np.array([pos % n], dtype=np.int64))[0]

"""Pre-assessments in words: each condition and indicator of a pre-assessment (高新技术企业
认定 …) with its score, for a block of enterprises or one."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from desktop.core.explain.context import ExplainContext, Explained
from desktop.core.explain.criteria import combine, enterprise_criteria, render_shared
from desktop.core.explain.values import (
    FALSE,
    NA,
    STATE_OF,
    TRUE,
    chosen,
    dedupe,
    format_values,
    patterns,
    take,
)
from desktop.core.explain.words import MARK, WORDS, Describer
from desktop.core.fields import FieldType, Table
from desktop.core.outcomes import INELIGIBLE, PreassessmentExplanation


class Assessment:
    """One pre-assessment's constant words, for one language (see :func:`explain_preassessment`)."""

    def __init__(self, context: ExplainContext, assessment_id: str) -> None:
        ev = context.evaluation
        lang = context.lang
        self.context = context
        self.outcome = outcome = ev.preassessments[assessment_id]
        self.a = a = outcome.compiled.assessment
        describer = Describer({}, ev.field_types, lang, ev.label_of)
        self.conditions = enterprise_criteria(context, outcome.conditions, describer)
        # Per indicator, per alternative: its words, the kind of its value, its candidates.
        self.alternatives = [
            [
                (
                    describer.text(parsed.tree),
                    FieldType.RATIO if "/" in parsed.source else FieldType.COUNT,
                    context.candidates(parsed.fields),
                )
                for parsed in compiled_alternatives
            ]
            for _, compiled_alternatives in outcome.compiled.indicators
        ]
        self.missing_word = WORDS[lang]["missing_colon"]
        self.label = a.label if lang == "zh" else (a.label_en or a.label)
        words = WORDS[lang]
        self.manual = [f"{words['manual']}{words['of']}{m}" for m in a.manual_checks]
        self.lang = lang

    def _indicator(self, k: int, idx: np.ndarray) -> tuple[list[str], dict[int, list[str]]]:
        """Indicator ``k`` of the enterprises ``idx``: its reason; missing keys where blank."""
        context = self.context
        ind = self.outcome.indicators[k]
        n = len(idx)
        parts: list[list[str]] = [[] for _ in range(n)]
        keys: dict[int, list[str]] = {}
        blanks = context.ent_blanks(idx)
        label = context.label_function(None)
        for (text, kind, candidates), values, points in zip(
            self.alternatives[k], ind.values, ind.points, strict=True
        ):
            blank = context.blank(values)[idx]
            known = np.flatnonzero(~blank)
            shown = format_values(values, idx[known], kind, self.lang)
            scored = take(points, idx[known])
            for i, v, p in zip(known.tolist(), shown, scored, strict=True):
                parts[i].append(f"{text} {v} → {p:g}分")
            unknown = np.flatnonzero(blank)
            if unknown.size:
                masks = [blanks(f)[unknown] for f in candidates]
                for i, pattern in zip(unknown.tolist(), patterns(masks, unknown.size), strict=True):
                    lacking = dedupe(chosen(pattern, candidates))
                    keys.setdefault(i, []).extend(f"{Table.ENTERPRISES.value}.{f}" for f in lacking)
                    names = WORDS[self.lang]["list"].join(map(label, lacking))
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
        context = self.context
        outcome = self.outcome
        a = self.a
        n = len(idx)
        blanks = context.ent_blanks(idx)
        rendered: list[tuple[list[str], Mapping[int, Sequence[str]]]] = [
            render_shared(context, c, idx, blanks) for c in self.conditions
        ]
        rendered += [self._indicator(k, idx) for k in range(len(outcome.indicators))]
        reasons_of, missing_of = combine(rendered, n)
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
                totals[j] = WORDS[self.lang]["total_score"].format(score=score, mark=mark)
        direct: list[str] | None = None
        if outcome.direct is not None and a.direct is not None:
            words = {s: f"{MARK[STATE_OF[s]]} {a.direct.label}" for s in (FALSE, TRUE, NA)}
            direct = [words[s] for s in context.states(outcome.direct)[idx].tolist()]
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


def explain_preassessment(
    evaluation: Explained, ent: int, assessment_id: str, lang: str = "zh"
) -> PreassessmentExplanation:
    """Each condition and indicator of one pre-assessment for one enterprise, in words (the
    block rendering on a one-enterprise block)."""
    assessment = Assessment(ExplainContext(evaluation, lang), assessment_id)
    return assessment.render(np.array([ent], dtype=np.int64))[0]

"""The bulk explainer's records (one stable sort of a record frame per block) and
pre-assessments, in the words of ``Evaluation.explain`` / ``explain_preassessment``."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from desktop.core.evaluation import (
    _MARK,
    _WORDS,
    _Describer,
    _is_missing,
    _opt_int,
    _unset_parameters,
    amount_lpr_calls,
    lpr_calls_of,
    lpr_text,
)
from desktop.core.explain_criteria import _combine, _Criterion, _enterprise_criteria
from desktop.core.explain_values import (
    _FALSE,
    _NA,
    _STATE_OF,
    _TRUE,
    _chosen,
    _dedupe,
    _format_values,
    _patterns,
    _take,
)
from desktop.core.fields import LINK_PREFIX, TABLES, FieldType, Table
from desktop.core.outcomes import (
    ELIGIBLE,
    INELIGIBLE,
    UNKNOWN,
    ItemExplanation,
    MeasureOutcome,
    PreassessmentExplanation,
    lpr_column,
    note_column,
)

if TYPE_CHECKING:
    from desktop.core.explain import BulkExplainer


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
        self.fallback = list(m.fallback_notes_for(lang).items())
        self.fallback_texts = [f"ℹ {text}" for _, text in self.fallback]
        unset = _unset_parameters(outcome, lang)
        self.unset_texts = [text for text, _ in unset]
        self.unset_keys = [key for _, key in unset]
        self.status_col = rec["status"]
        self.has = {c: c in rec.columns for c in ("raw_fen", "amount_fen", "year", "capped_by")}
        self.note_column = note_column(lang)
        self.has_note = self.note_column in rec.columns

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
        notes = _take(rec[self.note_column], pos) if self.has_note else none
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

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

The pieces: :mod:`desktop.core.explain_values` (column-wise helpers and value formatting),
:mod:`desktop.core.explain_criteria` (criteria), :mod:`desktop.core.explain_records`
(records and pre-assessments); this module holds the per-measure words and the explainer.

``tests/test_explain_bulk.py`` checks the result equals ``explain`` and
``explain_preassessment`` for every enterprise, measure and language.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np
import pandas as pd

from desktop.core.evaluation import (
    _WORDS,
    _Describer,
    _is_missing,
    _opt_int,
    _unset_parameters,
    cap_label,
    cap_reason,
    record_words,
    window_reason,
)
from desktop.core.explain_criteria import _combine, _Criterion, _enterprise_criteria
from desktop.core.explain_records import _Assessment, _Records
from desktop.core.explain_values import _missing_mask, _Rendered, _state_codes, _take, _yuan
from desktop.core.fields import Table
from desktop.core.outcomes import (
    INELIGIBLE,
    UNKNOWN,
    Explanation,
    ItemExplanation,
    PreassessmentExplanation,
    note_column,
)
from desktop.errors import CancelledError
from desktop.gcpause import gc_paused

if TYPE_CHECKING:
    from desktop.core.evaluation import Evaluation

_R = TypeVar("_R")

CHUNK = 1024  # enterprises rendered together: bounds memory, amortises per-measure work


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
        self.manual = [
            f"{words['manual']}{words['of']}{check}" for check in m.manual_checks_for(lang)
        ]
        self.window = window_reason(outcome, ev.as_of, lang)
        self.frame = frame = outcome.enterprise
        self.cap_texts: dict[str, str] = {}
        self.records: _Records | None = None
        if outcome.records is not None and m.records is not None:
            self.records = _Records(bulk, outcome, Table(m.records), describer)
        self.record_label, self.no_records = record_words(m, lang)
        self.has_capped = "capped_by" in frame.columns
        self.note_column = note_column(lang)
        self.has_note = self.note_column in frame.columns

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
        notes = _take(frame[self.note_column], idx) if self.has_note else None
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
        with gc_paused():
            return render(idx)

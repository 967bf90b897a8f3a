"""Explanations of one evaluation in one language, for any selection of enterprises.

:class:`BulkExplainer` renders a block of enterprises for one measure column-wise: criterion
statuses as integer codes, each side of a comparison formatted once per row (dates once per
date), the fields a blank criterion lacks from vectorised ``isna`` on the fields it names (one
list per pattern of blanks), the block's records from one stable sort of the record frame,
and everything constant in a measure (labels, parameter values, notes) once. Only assembling
each explanation's lists runs per row. Enterprise criteria that several measures share (the
engine evaluates a repeated test once) are rendered once per block. One enterprise
(:meth:`BulkExplainer.one`, what ``Evaluation.explain`` calls) is a block of one row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TypeVar

import numpy as np

from desktop.core.explain.assessments import Assessment
from desktop.core.explain.context import ExplainContext, Explained
from desktop.core.explain.measures import MeasureExplainer
from desktop.core.outcomes import Explanation, PreassessmentExplanation
from desktop.errors import CancelledError
from desktop.gcpause import gc_paused

_R = TypeVar("_R")

CHUNK = 1024  # enterprises rendered together: bounds memory, amortises per-measure work


class BulkExplainer:
    """Explanations of one evaluation in one language, rendered a block at a time.

    Holds, while it lives, per-column arrays (blank masks, status codes) shared by every
    measure, and each measure's constant words.
    """

    def __init__(self, evaluation: Explained, lang: str = "zh", chunk_size: int = CHUNK) -> None:
        self.evaluation = evaluation
        self.lang = lang
        self.chunk_size = max(1, chunk_size)
        self.context = ExplainContext(evaluation, lang)
        self._measures: dict[str, MeasureExplainer] = {}
        self._assessments: dict[str, Assessment] = {}

    def measure(self, measure_id: str) -> MeasureExplainer:
        """One measure's explainer (built on first use; KeyError for an unknown measure)."""
        plan = self._measures.get(measure_id)
        if plan is None:
            plan = self._measures[measure_id] = MeasureExplainer(self.context, measure_id)
        return plan

    def assessment(self, assessment_id: str) -> Assessment:
        """One pre-assessment's explainer (built on first use)."""
        plan = self._assessments.get(assessment_id)
        if plan is None:
            plan = self._assessments[assessment_id] = Assessment(self.context, assessment_id)
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

    def one(self, measure_id: str, ent: int) -> Explanation:
        """Why the enterprise at position ``ent`` got its status and amount for one measure."""
        plan = self.measure(measure_id)
        return plan.render(self._positions([ent]))[0]

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
        :func:`~desktop.core.explain.assessments.explain_preassessment` words them."""
        ids = list(self.evaluation.preassessments)
        for assessment_id in ids:
            self.assessment(assessment_id)
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

"""What every explanation of one evaluation in one language shares: the evaluation it reads
(:class:`Explained`, the part of :class:`~desktop.core.evaluation.Evaluation` the explainer
uses) and per-column arrays — blank masks, status codes, field labels, LPR notes — computed
once and reused by every measure, criterion and record."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, Protocol

import numpy as np
import pandas as pd

from desktop.core.catalogue import Catalogue
from desktop.core.explain.values import format_value, missing_mask, state_codes, take
from desktop.core.explain.words import WORDS
from desktop.core.fields import FieldType, Table
from desktop.core.outcomes import InstitutionOutcome, MeasureOutcome
from desktop.core.portfolio import Portfolio
from desktop.core.preassess import AssessmentOutcome


class Explained(Protocol):
    """What the explainer reads of an evaluation (:class:`desktop.core.evaluation.Evaluation`
    provides it); explanations depend on the outcomes, not on how they were computed."""

    portfolio: Portfolio
    enterprises: pd.DataFrame
    catalogue: Catalogue
    as_of: dt.date
    outcomes: dict[str, MeasureOutcome]
    preassessments: dict[str, AssessmentOutcome]
    institution_outcomes: dict[str, InstitutionOutcome]
    field_types: dict[str, FieldType]

    @property
    def measure_ids(self) -> list[str]: ...

    def label_of(self, name: str, lang: str = "zh", table: Table | None = None) -> str: ...

    def __len__(self) -> int: ...


class ExplainContext:
    """Per-column arrays of one evaluation shared by every explanation in one language.

    Holds, while it lives, blank masks and status codes of the columns it was asked about.
    """

    def __init__(self, evaluation: Explained, lang: str) -> None:
        self.evaluation = evaluation
        self.lang = lang
        self.words = WORDS[lang]
        self.usccs = evaluation.enterprises["uscc"].to_numpy(dtype=object)
        self.names = evaluation.enterprises["name"].to_numpy(dtype=object)
        self._states: dict[int, tuple[pd.Series, np.ndarray]] = {}
        self._blanks: dict[int, tuple[pd.Series, np.ndarray]] = {}
        self._masks: dict[tuple[int, str], tuple[pd.DataFrame, np.ndarray]] = {}
        self._labels: dict[tuple[str, Table | None], str] = {}
        self._candidates: dict[frozenset[str], list[str]] = {}
        self._lpr_notes: dict[tuple[str, int], str] = {}
        self._categories: dict[int, tuple[pd.Series, list[str], np.ndarray]] = {}
        # Enterprise criteria rendered for the block of rows ``block`` (see
        # :func:`desktop.core.explain.criteria.render_shared`).
        self.block: np.ndarray | None = None
        self.rendered: dict[tuple[Any, ...], Any] = {}

    def states(self, series: pd.Series) -> np.ndarray:
        """Per row of a status ``series``: 0 (false), 1 (true) or 2 (unknown)."""
        hit = self._states.get(id(series))
        if hit is None or hit[0] is not series:
            hit = self._states[id(series)] = (series, state_codes(series))
        return hit[1]

    def blank(self, series: pd.Series) -> np.ndarray:
        """Per row of ``series``, whether its value is missing."""
        hit = self._blanks.get(id(series))
        if hit is None or hit[0] is not series:
            hit = self._blanks[id(series)] = (series, missing_mask(series))
        return hit[1]

    def mask(self, frame: pd.DataFrame, name: str) -> np.ndarray:
        """Per row of ``frame``, whether its column ``name`` is missing."""
        key = (id(frame), name)
        hit = self._masks.get(key)
        if hit is None or hit[0] is not frame:
            hit = self._masks[key] = (frame, missing_mask(frame[name]))
        return hit[1]

    def frame_blanks(self, frame: pd.DataFrame, idx: np.ndarray) -> Callable[[str], np.ndarray]:
        """Which rows ``idx`` of ``frame`` lack a field (a field the frame lacks is not blank)."""

        def lacks(name: str) -> np.ndarray:
            if name not in frame.columns:
                return np.zeros(len(idx), dtype=bool)
            blank: np.ndarray = self.mask(frame, name)[idx]
            return blank

        return lacks

    def ent_blanks(self, idx: np.ndarray) -> Callable[[str], np.ndarray]:
        """Which enterprises ``idx`` lack a field (a field the frame lacks is not blank)."""
        return self.frame_blanks(self.evaluation.enterprises, idx)

    def labels(self, series: pd.Series, idx: np.ndarray) -> list[str]:
        """``str(series.iloc[i])`` for each ``i`` in ``idx`` (statuses are categorical)."""
        if isinstance(series.dtype, pd.CategoricalDtype):
            hit = self._categories.get(id(series))
            if hit is None or hit[0] is not series:
                texts = [str(c) for c in series.cat.categories] + [str(np.nan)]
                hit = (series, texts, series.cat.codes.to_numpy())
                self._categories[id(series)] = hit
            texts, codes = hit[1], hit[2]
            return [texts[c] for c in codes[idx].tolist()]
        return [str(v) for v in take(series, idx)]

    def label_function(self, table: Table | None) -> Callable[[str], str]:
        """The label of a field (as named in ``table`` when given), looked up once."""
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
        """The fields to check for blanks when a criterion over ``names`` is undecided, in
        order: a derived field (not filled from another column) by its inputs."""
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

    def lpr_note(self, tenor: str, fixing: int) -> str:
        """“同期1年期LPR 3.45%，2023-08-21公布”: a fixing of ``reference/lpr.yaml``."""
        key = (tenor, fixing)
        text = self._lpr_notes.get(key)
        if text is None:
            lang = self.lang
            rates = self.evaluation.catalogue.lpr
            assert rates is not None
            value = format_value(float(rates.rates(tenor)[fixing]), FieldType.RATIO, lang)
            day = rates.dates()[fixing].isoformat()
            name = self.words[f"lpr_{tenor}"]
            text = self.words["lpr_published"].format(name=name, value=value, day=day)
            self._lpr_notes[key] = text
        return text

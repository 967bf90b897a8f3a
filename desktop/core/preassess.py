"""Pre-assessments (科技型中小企业 score, 高新技术企业 quantitative conditions), column-wise.

Defined in ``policies/reference/preassess.yaml``. They indicate, from the spreadsheet's data,
whether an enterprise is likely to pass; they are labelled as pre-assessments everywhere and
never treated as a qualification by the measures.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, field_validator

from desktop.core import expr as ex
from desktop.core.policy_model import Criterion

PASS, FAIL, UNDECIDED = "eligible", "ineligible", "unknown"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Alternative(_Strict):
    value: str
    bands: list[tuple[Decimal, Decimal]] = Field(min_length=1)

    @field_validator("bands")
    @classmethod
    def _descending(cls, bands: list[tuple[Decimal, Decimal]]) -> list[tuple[Decimal, Decimal]]:
        thresholds = [t for t, _ in bands]
        if thresholds != sorted(thresholds, reverse=True) or thresholds[-1] != 0:
            raise ValueError("bands go from the highest threshold down to 0")
        return bands


class Indicator(_Strict):
    id: str
    label: str
    max: Decimal
    alternatives: list[Alternative] = Field(min_length=1)


class Score(_Strict):
    pass_mark: Decimal = Field(alias="pass")
    required_nonzero: str | None = None
    indicators: list[Indicator] = Field(min_length=1)


class Direct(_Strict):
    label: str
    test: str


class Assessment(_Strict):
    id: str
    label: str
    label_en: str | None = None
    source: str
    note: str
    conditions: list[Criterion] = Field(default_factory=list)
    score: Score | None = None
    direct: Direct | None = None
    manual_checks: list[str] = Field(default_factory=list)


class PreassessFile(_Strict):
    kind: Literal["preassess"]
    assessments: list[Assessment] = Field(min_length=1)


@dataclass
class CompiledAssessment:
    assessment: Assessment
    conditions: list[tuple[Criterion, ex.Expr]]
    indicators: list[tuple[Indicator, list[ex.Expr]]]
    direct: ex.Expr | None


@dataclass
class IndicatorOutcome:
    indicator: Indicator
    values: list[pd.Series]  # one per alternative
    points: list[pd.Series]  # float, NaN when unknown
    low: np.ndarray
    high: np.ndarray


@dataclass
class AssessmentOutcome:
    compiled: CompiledAssessment
    conditions: list[Any]  # CriterionOutcome, built by the engine's helper
    indicators: list[IndicatorOutcome] = field(default_factory=list)
    score_low: np.ndarray | None = None
    score_high: np.ndarray | None = None
    direct: pd.Series | None = None
    status: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=object))


def _band_points(values: pd.Series, bands: list[tuple[Decimal, Decimal]]) -> pd.Series:
    v = values.to_numpy(dtype=float, na_value=np.nan)
    conditions = [v >= float(t) - 1e-12 for t, _ in bands]
    points = np.select(conditions, [float(p) for _, p in bands], default=np.nan)
    points[np.isnan(v)] = np.nan
    return pd.Series(points, index=values.index)


def _kleene(values: pd.Series) -> np.ndarray:
    """1 true, 0 false, -1 unknown."""
    out = np.full(len(values), -1, dtype=np.int64)
    known = values.notna().to_numpy()
    out[known & values.fillna(False).to_numpy(dtype=bool)] = 1
    out[known & ~values.fillna(True).to_numpy(dtype=bool)] = 0
    return out


def run_assessment(
    compiled: CompiledAssessment, ops: ex.VectorOps, criterion: Any
) -> AssessmentOutcome:
    """Evaluate one pre-assessment over all enterprises; ``criterion`` builds CriterionOutcomes."""
    a = compiled.assessment
    outcome = AssessmentOutcome(
        compiled=compiled,
        conditions=[
            criterion(spec.id, spec.label, spec.label_en, "enterprise", parsed, ops)
            for spec, parsed in compiled.conditions
        ],
    )
    n = len(ops.index)
    conditions = np.ones(n, dtype=np.int64)
    for c in outcome.conditions:
        state = _kleene(c.status)
        conditions = np.where(
            (conditions == 0) | (state == 0), 0, np.where((conditions == -1) | (state == -1), -1, 1)
        )
    score_state = np.full(n, 0, dtype=np.int64)
    if a.score is not None:
        low = np.zeros(n)
        high = np.zeros(n)
        for indicator, parsed in compiled.indicators:
            values = [ops.as_numeric(ops.as_series(ex.evaluate(p, ops))) for p in parsed]
            points = [
                _band_points(v, alt.bands)
                for v, alt in zip(values, indicator.alternatives, strict=True)
            ]
            matrix = np.vstack([p.to_numpy(dtype=float) for p in points])
            known_best = np.nan_to_num(
                np.nanmax(np.where(np.isnan(matrix), -1, matrix), axis=0), nan=-1
            )
            known_best = np.where(known_best < 0, 0, known_best)
            any_unknown = np.isnan(matrix).any(axis=0)
            ind_high = np.where(
                any_unknown & (known_best < float(indicator.max)), float(indicator.max), known_best
            )
            outcome.indicators.append(
                IndicatorOutcome(indicator, values, points, known_best, ind_high)
            )
            low += known_best
            high += ind_high
        outcome.score_low, outcome.score_high = low, high
        mark = float(a.score.pass_mark)
        nonzero_ok = np.ones(n, dtype=np.int64)
        if a.score.required_nonzero:
            req = next(i for i in outcome.indicators if i.indicator.id == a.score.required_nonzero)
            nonzero_ok = np.where(req.low > 0, 1, np.where(req.high > 0, -1, 0))
        score_state = np.where(
            (low >= mark) & (nonzero_ok == 1), 1, np.where((high < mark) | (nonzero_ok == 0), 0, -1)
        )
    direct_state = np.zeros(n, dtype=np.int64)
    if compiled.direct is not None:
        outcome.direct = ops.as_bool(ex.evaluate(compiled.direct, ops))
        direct_state = _kleene(outcome.direct)
    if a.score is None and compiled.direct is None:
        route = np.ones(n, dtype=np.int64)
    else:
        route = np.where(
            (score_state == 1) | (direct_state == 1),
            1,
            np.where((score_state == 0) & (direct_state == 0), 0, -1),
        )
    final = np.where(
        (conditions == 0) | (route == 0), 0, np.where((conditions == 1) & (route == 1), 1, -1)
    )
    outcome.status = np.where(final == 1, PASS, np.where(final == 0, FAIL, UNDECIDED)).astype(
        object
    )
    return outcome


def compile_assessment(assessment: Assessment, parse: Any) -> CompiledAssessment:
    """``parse(source, key_path)`` parses and checks an expression (the catalogue's parser)."""
    conditions = [
        (c, parse(c.test, ("conditions", i, "test"))) for i, c in enumerate(assessment.conditions)
    ]
    indicators = []
    if assessment.score is not None:
        for i, ind in enumerate(assessment.score.indicators):
            parsed = [
                parse(alt.value, ("score", "indicators", i, "alternatives", j, "value"))
                for j, alt in enumerate(ind.alternatives)
            ]
            indicators.append((ind, parsed))
    direct = parse(assessment.direct.test, ("direct", "test")) if assessment.direct else None
    return CompiledAssessment(assessment, conditions, indicators, direct)

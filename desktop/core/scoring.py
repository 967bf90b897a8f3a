"""领航积分-style scoring: a configurable model in ``policies/scoring/leading_score.yaml``.

京科发〔2025〕19号 (七) names the indicator families (研发投入、科技计划、科技奖励、科技平台、
关键核心技术攻关、银行风控) but no indicators, points, weights or threshold, so every number of the
model must be marked ``assumption: true`` with a note (the loader refuses anything else).

Each indicator is an expression in the policy expression language over enterprise fields
(and derived attributes) with the model's ``p.`` parameters; its value is read as a fraction
of its points (booleans: 1 or 0; numbers clipped to [0, 1]). Contribution = family weight ×
points × fraction. A blank makes the contribution unknown: the score is then a range
(``low`` counts it as 0, ``high`` as full points). An enterprise is a 主动授信 *candidate* when
``low ≥ threshold``, *possible* when only ``high`` reaches it (more data could decide it).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from desktop.core import expr as ex
from desktop.core.catalogue import Catalogue, parse_expr, validation_error
from desktop.core.engine import add_derived
from desktop.core.fields import Table, all_field_types
from desktop.core.portfolio import Portfolio
from desktop.core.yamlstrict import load_yaml
from desktop.paths import policies_dir

CANDIDATE = "candidate"
POSSIBLE = "possible"
NOT_CANDIDATE = "no"
#: the model does not apply to the enterprise (e.g. 领航积分 outside Beijing): no score
NOT_APPLICABLE = "n/a"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AssumedValue(_Strict):
    value: Decimal
    label: str | None = None
    source: str | None = None
    assumption: bool = False
    note: str | None = None

    @model_validator(mode="after")
    def _provenance(self) -> AssumedValue:
        if not self.source and not self.assumption:
            raise ValueError("a value needs a 'source' or 'assumption: true'")
        if self.assumption and not self.note:
            raise ValueError("an assumed value needs a 'note' saying why and what to check")
        if self.value < 0:
            raise ValueError("must not be negative")
        return self


class Indicator(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str
    expr: str
    points: AssumedValue
    note: str | None = None


class Family(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str
    weight: AssumedValue
    indicators: list[Indicator] = Field(default_factory=list)
    data_note: str | None = None


class AppliesTo(_Strict):
    """Whom the model is for: an enterprise condition in the expression language.

    Where ``test`` is false the enterprise gets no score, status ``n/a`` and ``reason``;
    where it is unknown (a blank field) the enterprise is scored and ``unknown_reason`` says
    that whether the model applies is to be checked.
    """

    test: str
    label: str
    label_en: str
    source: str
    reason: str
    reason_en: str
    unknown_reason: str
    unknown_reason_en: str


class ScoringModel(_Strict):
    kind: Literal["leading_score"]
    label: str
    label_en: str | None = None
    source: str
    quote: str
    note: str
    parameters: dict[str, AssumedValue] = Field(default_factory=dict)
    threshold: AssumedValue
    families: list[Family] = Field(min_length=1)
    applies_to: AppliesTo | None = None

    @property
    def max_score(self) -> Decimal:
        return sum(
            (f.weight.value * i.points.value for f in self.families for i in f.indicators),
            Decimal(0),
        )


@dataclass(frozen=True)
class CompiledModel:
    model: ScoringModel
    origin: Path
    indicators: tuple[tuple[Family, Indicator, ex.Expr], ...]
    applies: ex.Expr | None = None


def default_model_path() -> Path:
    return policies_dir() / "scoring" / "leading_score.yaml"


def load_scoring_model(
    path: Path | None = None, catalogue: Catalogue | None = None
) -> CompiledModel:
    """Read and check the model; errors name the file, line and key."""
    path = path or default_model_path()
    doc = load_yaml(path)
    if not isinstance(doc.data, dict):
        raise doc.error("a scoring model is a mapping with 'kind: leading_score'", ())
    try:
        model = ScoringModel.model_validate(doc.data)
    except ValidationError as exc:
        raise validation_error(doc, exc) from None
    known = set(all_field_types())
    if catalogue is not None:
        known |= set(catalogue.derived)
    params = set(model.parameters)
    compiled: list[tuple[Family, Indicator, ex.Expr]] = []
    seen: set[str] = set()
    for fi, family in enumerate(model.families):
        if family.id in seen:
            raise doc.error(f"duplicate family id '{family.id}'", ("families", fi, "id"))
        seen.add(family.id)
        for ii, indicator in enumerate(family.indicators):
            key = ("families", fi, "indicators", ii, "expr")
            parsed = parse_expr(doc, indicator.expr, key, known, params)
            compiled.append((family, indicator, parsed))
    applies = None
    if model.applies_to is not None:
        applies = parse_expr(doc, model.applies_to.test, ("applies_to", "test"), known, params)
    return CompiledModel(model=model, origin=path, indicators=tuple(compiled), applies=applies)


@dataclass
class ScoreResult:
    """One row per enterprise: uscc, name, score_low, score_high, status, rank, and a
    ``<family>.<indicator>`` contribution column (float, NaN when unknown) per indicator;
    ``reason``: why the model does not apply (status ``n/a``, scores NaN) or may not
    (applicability unknown), else empty."""

    model: CompiledModel
    frame: pd.DataFrame
    threshold: float

    def ranked(self) -> pd.DataFrame:
        return self.frame.sort_values(
            ["score_low", "score_high", "uscc"], ascending=[False, False, True], kind="stable"
        ).reset_index(drop=True)

    def applicable(self) -> pd.DataFrame:
        """The enterprises the model applies to (status other than ``n/a``), ranked."""
        ranked = self.ranked()
        return ranked[ranked["status"] != NOT_APPLICABLE].reset_index(drop=True)

    def candidates(self, include_possible: bool = False) -> pd.DataFrame:
        wanted = [CANDIDATE, POSSIBLE] if include_possible else [CANDIDATE]
        ranked = self.ranked()
        return ranked[ranked["status"].isin(wanted)].reset_index(drop=True)

    def contributions(self, uscc: str) -> list[tuple[str, str, float | None]]:
        """(family label, indicator label, contribution or None) for one enterprise."""
        row = self.frame[self.frame["uscc"] == uscc].iloc[0]
        out: list[tuple[str, str, float | None]] = []
        for family, indicator, _ in self.model.indicators:
            value = row[f"{family.id}.{indicator.id}"]
            out.append((family.label, indicator.label, None if pd.isna(value) else float(value)))
        return out


def _fraction(value: Any, ops: ex.VectorOps) -> pd.Series:
    series = ops.as_series(value)
    if pd.api.types.is_bool_dtype(series.dtype) or series.dtype == object:
        series = ops.as_bool(series).astype("Float64").astype(float)
    else:
        series = pd.to_numeric(series, errors="coerce").astype(float)
    return series.clip(lower=0.0, upper=1.0)


def score_enterprises(
    compiled: CompiledModel,
    portfolio: Portfolio,
    catalogue: Catalogue,
    as_of: dt.date,
    *,
    threshold: Decimal | None = None,
) -> ScoreResult:
    """Score every enterprise; ``threshold`` overrides the model's (assumed) threshold."""
    model = compiled.model
    enterprises = add_derived(portfolio.enterprises, catalogue, Table.ENTERPRISES, as_of)
    enterprises = enterprises.reset_index(drop=True)
    params = {name: v.value for name, v in model.parameters.items()}
    ops = ex.VectorOps(
        enterprises,
        params,
        index=enterprises.index,
        as_of=as_of,
        rates=catalogue.lpr,
        sme=catalogue.sme,
        districts=catalogue.district_cities,
    )
    frame = pd.DataFrame(
        {
            "uscc": enterprises["uscc"].astype(str),
            "name": enterprises["name"].astype(str),
        }
    )
    outside = np.zeros(len(enterprises), dtype=bool)
    unknown = np.zeros(len(enterprises), dtype=bool)
    reason = np.full(len(enterprises), "", dtype=object)
    if compiled.applies is not None and model.applies_to is not None:
        applies = ops.as_bool(ops.as_series(ex.evaluate(compiled.applies, ops)))
        outside = (applies == False).fillna(False).to_numpy(dtype=bool)  # noqa: E712
        unknown = applies.isna().to_numpy(dtype=bool)
        reason[outside] = model.applies_to.reason
        reason[unknown] = model.applies_to.unknown_reason
    low = np.zeros(len(enterprises))
    high = np.zeros(len(enterprises))
    for family, indicator, parsed in compiled.indicators:
        full = float(family.weight.value * indicator.points.value)
        contribution = _fraction(ex.evaluate(parsed, ops), ops) * full
        frame[f"{family.id}.{indicator.id}"] = np.where(outside, np.nan, contribution.to_numpy())
        known = contribution.notna().to_numpy()
        low += np.where(known, contribution.fillna(0.0).to_numpy(), 0.0)
        high += np.where(known, contribution.fillna(0.0).to_numpy(), full)
    frame["score_low"] = np.where(outside, np.nan, np.round(low, 6))
    frame["score_high"] = np.where(outside, np.nan, np.round(high, 6))
    cut = float(threshold if threshold is not None else model.threshold.value)
    frame["status"] = np.where(
        outside,
        NOT_APPLICABLE,
        np.where(
            frame["score_low"] >= cut,
            CANDIDATE,
            np.where(frame["score_high"] >= cut, POSSIBLE, NOT_CANDIDATE),
        ),
    )
    frame["reason"] = reason
    order = frame.sort_values(
        ["score_low", "score_high", "uscc"], ascending=[False, False, True], kind="stable"
    ).index
    rank = np.empty(len(frame), dtype=np.int64)
    rank[order.to_numpy()] = np.arange(1, len(frame) + 1)
    # ranked among the enterprises the model applies to; none for the others (n/a sort last)
    frame["rank"] = pd.array(np.where(outside, 0, rank), dtype="Int64")
    frame.loc[outside, "rank"] = pd.NA
    return ScoreResult(model=compiled, frame=frame, threshold=cut)


__all__ = [
    "CANDIDATE",
    "NOT_APPLICABLE",
    "NOT_CANDIDATE",
    "POSSIBLE",
    "AppliesTo",
    "AssumedValue",
    "CompiledModel",
    "Family",
    "Indicator",
    "ScoreResult",
    "ScoringModel",
    "default_model_path",
    "load_scoring_model",
    "score_enterprises",
]

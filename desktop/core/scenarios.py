"""Scenarios: a baseline and named alternatives, evaluated side by side.

A :class:`Scenario` is a set of parameter overrides, an as-of date and optionally a subset of
measures. :func:`compare_scenarios` evaluates each one with the ordinary engine and lays the
results side by side: totals per measure, per institution, per district, per enterprise (who
gains, who loses, by how much) and the fiscal cost per funding level.

Amounts stay in integer 分 inside frames; :func:`fen_to_yuan` gives Decimal yuan at the edges.

Funding level (市级 / 区级): :func:`desktop.core.funding.funding_level` — the level the policy
file records from the document (its issuing authority, or the article for a jointly issued
document), with a documented fallback where it records none.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, StrictBool, ValidationError

from desktop.core.catalogue import Catalogue, validation_error
from desktop.core.engine import evaluate_portfolio
from desktop.core.evaluation import Evaluation
from desktop.core.funding import (
    CITY,
    DISTRICT,
    FUNDING_KEYS,
    FUNDING_LEVELS,
    UNSPECIFIED,
    funding_level,
)
from desktop.core.money import fen_to_yuan
from desktop.core.outcomes import ELIGIBLE, INSTITUTION_BENEFICIARIES
from desktop.core.parameters import resolve_parameters
from desktop.core.policy_model import as_of_problem
from desktop.core.portfolio import Portfolio
from desktop.core.progress import Progress
from desktop.core.totals import RECIPIENTS, recipient_of
from desktop.core.yamlstrict import USER_FILE_MAX_BYTES, load_yaml
from desktop.errors import ParameterError, PolicyFileError

NO_DISTRICT = "（未填写注册区）"


@dataclass(frozen=True)
class Scenario:
    """Parameter overrides, an as-of date and (optionally) the measures to run."""

    name: str
    as_of: dt.date
    overrides: Mapping[str, str | Decimal] = field(default_factory=dict)
    measure_ids: tuple[str, ...] | None = None  # None: every measure of the catalogue
    note: str = ""
    origin: Path | None = None

    def evaluate(self, portfolio: Portfolio, catalogue: Catalogue) -> Evaluation:
        return evaluate_portfolio(
            portfolio,
            catalogue,
            as_of=self.as_of,
            overrides=dict(self.overrides),
            measure_ids=self.measure_ids,
        )


# -- per-enterprise amounts --------------------------------------------------------------


def enterprise_amounts(evaluation: Evaluation, *, institutional: bool = False) -> pd.DataFrame:
    """Eligible amount in 分 per enterprise (rows, by position) and measure (columns).

    ``institutional=False`` keeps the measures paid to the enterprise itself (or the
    intermediary it is); compensation paid to a bank, guarantor, insurer or IP agency is left
    out, since the enterprise does not receive it (see :meth:`Evaluation.institution_totals`).
    """
    columns: dict[str, np.ndarray] = {}
    for measure_id, outcome in evaluation.outcomes.items():
        is_institution = outcome.measure.measure.beneficiary in INSTITUTION_BENEFICIARIES
        if is_institution and not institutional:
            continue
        frame = outcome.enterprise
        if "amount_fen" not in frame.columns:
            continue
        eligible = (frame["status"] == ELIGIBLE).to_numpy()
        values = frame["amount_fen"].to_numpy(dtype=np.float64, na_value=0.0)
        columns[measure_id] = np.where(eligible, np.round(values), 0.0).astype(np.int64)
    return pd.DataFrame(columns, index=pd.RangeIndex(len(evaluation.enterprises)))


def _districts(evaluation: Evaluation) -> pd.Series:
    district = evaluation.enterprises["district"].astype(object)
    return district.where(district.notna(), NO_DISTRICT).astype(str).reset_index(drop=True)


def district_measure_totals(evaluation: Evaluation) -> pd.DataFrame:
    """Long frame: district, measure, amount_fen, eligible (every measure, by enterprise)."""
    district = _districts(evaluation)
    rows: list[dict[str, Any]] = []
    amounts = enterprise_amounts(evaluation, institutional=True)
    for measure_id, outcome in evaluation.outcomes.items():
        eligible = (outcome.enterprise["status"] == ELIGIBLE).to_numpy()
        values = (
            amounts[measure_id].to_numpy()
            if measure_id in amounts.columns
            else np.zeros(len(district), dtype=np.int64)
        )
        frame = pd.DataFrame({"district": district, "amount_fen": values, "eligible": eligible})
        grouped = frame.groupby("district", sort=True).agg(
            amount_fen=("amount_fen", "sum"), eligible=("eligible", "sum")
        )
        for name, row in grouped.iterrows():
            if int(row["eligible"]) or int(row["amount_fen"]):
                rows.append(
                    {
                        "district": str(name),
                        "measure": measure_id,
                        "amount_fen": int(row["amount_fen"]),
                        "eligible": int(row["eligible"]),
                    }
                )
    return pd.DataFrame(rows, columns=["district", "measure", "amount_fen", "eligible"])


# -- comparison --------------------------------------------------------------------------


@dataclass(frozen=True)
class EnterpriseDelta:
    uscc: str
    name: str
    district: str
    baseline: Decimal  # yuan
    alternative: Decimal
    delta: Decimal


@dataclass
class ScenarioComparison:
    """Side-by-side results of a baseline and its alternatives.

    Every frame has one amount column per scenario named after it (``<name>``, integer 分)
    and, for each alternative, ``Δ<name>`` (alternative − baseline).
    """

    baseline: Scenario
    alternatives: list[Scenario]
    evaluations: dict[str, Evaluation]
    by_measure: pd.DataFrame  # index measure id; name, document, funding_level, amounts, Δ
    eligible_by_measure: pd.DataFrame  # index measure id; eligible counts per scenario
    by_institution: pd.DataFrame  # index (institution, measure); amounts, Δ
    by_district: pd.DataFrame  # index district; amounts, Δ
    by_funding: pd.DataFrame  # index funding level; amounts, Δ
    enterprises: pd.DataFrame  # uscc, name, district, amounts, Δ (enterprise beneficiaries)
    funding_rules: dict[str, tuple[str, str]]  # measure → (level, reason)
    # index (region, recipient, funding_level); amounts, Δ — each line one of each
    by_split: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def scenarios(self) -> list[Scenario]:
        return [self.baseline, *self.alternatives]

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.scenarios]

    def total_fen(self, name: str) -> int:
        return int(self.by_measure[name].sum())

    def total(self, name: str) -> Decimal:
        return fen_to_yuan(self.total_fen(name))

    def deltas(self, alternative: str) -> list[EnterpriseDelta]:
        """Enterprises whose amount changes, largest gain first, then largest loss."""
        frame = self.enterprises
        changed = frame[frame[f"Δ{alternative}"] != 0]
        changed = changed.sort_values(f"Δ{alternative}", ascending=False, kind="stable")
        base = self.baseline.name
        return [
            EnterpriseDelta(
                uscc=str(row["uscc"]),
                name=str(row["name"]),
                district=str(row["district"]),
                baseline=fen_to_yuan(int(row[base])),
                alternative=fen_to_yuan(int(row[alternative])),
                delta=fen_to_yuan(int(row[f"Δ{alternative}"])),
            )
            for _, row in changed.iterrows()
        ]

    def gainers(self, alternative: str) -> list[EnterpriseDelta]:
        return [d for d in self.deltas(alternative) if d.delta > 0]

    def losers(self, alternative: str) -> list[EnterpriseDelta]:
        return sorted((d for d in self.deltas(alternative) if d.delta < 0), key=lambda d: d.delta)


def _with_deltas(frame: pd.DataFrame, baseline: str, alternatives: Sequence[str]) -> pd.DataFrame:
    out = frame.copy()
    for name in [baseline, *alternatives]:
        if name not in out.columns:
            out[name] = 0
        out[name] = out[name].fillna(0).astype("int64")
    for name in alternatives:
        out[f"Δ{name}"] = (out[name] - out[baseline]).astype("int64")
    return out


def compare_scenarios(
    portfolio: Portfolio,
    catalogue: Catalogue,
    baseline: Scenario,
    alternatives: Sequence[Scenario],
    *,
    progress: Progress | None = None,
) -> ScenarioComparison:
    """Evaluate the baseline and each alternative and lay the results side by side."""
    scenarios = [baseline, *alternatives]
    names = [s.name for s in scenarios]
    if len(set(names)) != len(names):
        raise ParameterError(f"scenario names must differ: {', '.join(names)}")
    alt_names = names[1:]
    evaluations: dict[str, Evaluation] = {}
    for i, scenario in enumerate(scenarios):
        if progress is not None:
            progress(i / len(scenarios), scenario.name)
        evaluations[scenario.name] = scenario.evaluate(portfolio, catalogue)
    if progress is not None:
        progress(1.0, "")

    measure_ids: list[str] = []
    for evaluation in evaluations.values():
        measure_ids += [m for m in evaluation.measure_ids if m not in measure_ids]
    rules = {m: funding_level(catalogue.measure(m), catalogue) for m in measure_ids}

    # per measure
    amounts = {
        name: {m: t["amount_fen"] for m, t in ev.totals().items()}
        for name, ev in evaluations.items()
    }
    eligible = {
        name: {m: t[ELIGIBLE] for m, t in ev.totals().items()} for name, ev in evaluations.items()
    }
    by_measure = pd.DataFrame(index=pd.Index(measure_ids, name="measure"))
    by_measure["name"] = [catalogue.measure(m).measure.name for m in measure_ids]
    by_measure["document"] = [catalogue.measure(m).document.number for m in measure_ids]
    by_measure["funding_level"] = [rules[m][0] for m in measure_ids]
    # the document's region and the recipient class: what a total must not add unsaid
    by_measure["region"] = [catalogue.measure(m).document.region for m in measure_ids]
    by_measure["recipient"] = [
        recipient_of(catalogue.measure(m).measure.beneficiary) for m in measure_ids
    ]
    for name in names:
        by_measure[name] = [amounts[name].get(m, 0) for m in measure_ids]
    by_measure = _with_deltas(by_measure, names[0], alt_names)
    eligible_frame = pd.DataFrame(index=pd.Index(measure_ids, name="measure"))
    for name in names:
        eligible_frame[name] = [eligible[name].get(m, 0) for m in measure_ids]

    # per institution
    parts = []
    for name, ev in evaluations.items():
        inst = ev.institution_totals()
        parts.append(inst.groupby(["institution", "measure"])["amount_fen"].sum().rename(name))
    by_institution = pd.concat(parts, axis=1) if parts else pd.DataFrame()
    by_institution = _with_deltas(by_institution, names[0], alt_names).sort_index()

    # per district (every measure, by the district of the enterprise it was computed for)
    district_parts = []
    for name, ev in evaluations.items():
        long = district_measure_totals(ev)
        district_parts.append(long.groupby("district")["amount_fen"].sum().rename(name))
    by_district = _with_deltas(pd.concat(district_parts, axis=1), names[0], alt_names)
    by_district.index.name = "district"
    by_district = by_district.sort_values(names[0], ascending=False, kind="stable")

    # per funding level
    funding = by_measure.groupby("funding_level")[names].sum()
    funding = funding.reindex(list(FUNDING_LEVELS), fill_value=0)
    by_funding = _with_deltas(funding, names[0], alt_names)
    # per region × recipient class × funding level: each line one of each
    split_keys = ["region", "recipient", "funding_level"]
    grouped = by_measure.groupby(split_keys, sort=False)[names].sum()
    regions = list(dict.fromkeys(by_measure["region"]))

    def rank(key: tuple[str, str, str]) -> tuple[int, int, int]:
        region, recipient, level = key
        return regions.index(region), RECIPIENTS.index(recipient), FUNDING_LEVELS.index(level)

    grouped = grouped.loc[sorted(grouped.index, key=rank)]
    by_split = _with_deltas(grouped, names[0], alt_names)

    # per enterprise (the enterprise's own amounts; institutions' compensation excluded)
    base_ev = evaluations[names[0]]
    enterprises = pd.DataFrame(
        {
            "uscc": base_ev.enterprises["uscc"].astype(str).to_numpy(),
            "name": base_ev.enterprises["name"].astype(str).to_numpy(),
            "district": _districts(base_ev).to_numpy(),
        }
    )
    for name, ev in evaluations.items():
        enterprises[name] = enterprise_amounts(ev).sum(axis=1).to_numpy(dtype=np.int64)
    enterprises = _with_deltas(enterprises, names[0], alt_names)

    return ScenarioComparison(
        baseline=baseline,
        alternatives=list(alternatives),
        evaluations=evaluations,
        by_measure=by_measure,
        eligible_by_measure=eligible_frame,
        by_institution=by_institution,
        by_district=by_district,
        by_funding=by_funding,
        enterprises=enterprises,
        funding_rules=rules,
        by_split=by_split,
    )


# -- scenario files ----------------------------------------------------------------------


class _ScenarioModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1)
    as_of: dt.date
    # a switch may be written on/off (YAML reads it as true/false)
    # (StrictBool: a number 0 or 1 stays a number, only YAML's true/false/on/off is a switch)
    overrides: dict[str, StrictBool | Decimal | str | dt.date] = Field(default_factory=dict)
    measures: list[str] | None = None
    note: str = ""


class _ScenarioFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: Literal["scenario", "scenarios"]
    baseline: _ScenarioModel | None = None
    alternatives: list[_ScenarioModel] = Field(default_factory=list)
    scenario: _ScenarioModel | None = None


def _to_scenario(
    model: _ScenarioModel, path: Path, catalogue: Catalogue | None, key: tuple[str | int, ...]
) -> Scenario:
    # As text, so the engine validates each value (a Decimal would be taken as is).
    overrides: dict[str, str | Decimal] = {
        k: (("on" if v else "off") if isinstance(v, bool) else str(v))
        for k, v in model.overrides.items()
    }
    doc = load_yaml(path, max_bytes=USER_FILE_MAX_BYTES)
    problem = as_of_problem(model.as_of)
    if problem:
        raise doc.error(problem, (*key, "as_of"))
    if catalogue is not None:
        for i, measure_id in enumerate(model.measures or []):
            if measure_id not in catalogue.measures:
                raise doc.error(f"unknown measure '{measure_id}'", (*key, "measures", i))
        for override_key, value in overrides.items():
            try:
                resolve_parameters(catalogue, model.as_of, {override_key: value}, None)
            except ParameterError as exc:
                raise doc.error(str(exc), (*key, "overrides", override_key)) from None
    return Scenario(
        name=model.name,
        as_of=model.as_of,
        overrides=overrides,
        measure_ids=tuple(model.measures) if model.measures is not None else None,
        note=model.note,
        origin=path,
    )


def load_scenarios(path: Path, catalogue: Catalogue | None = None) -> list[Scenario]:
    """Read a scenario file strictly; the first scenario is the baseline.

    Two shapes::

        kind: scenario           # one scenario
        scenario: {name: …, as_of: 2025-12-31, overrides: {jjr-2022-190.16.ratio: 0.5}}

        kind: scenarios          # a baseline and alternatives
        baseline: {name: 基准, as_of: 2025-12-31}
        alternatives:
          - {name: 贴息比例50%, as_of: 2025-12-31, overrides: {…}, measures: [...]}

    Errors (:class:`desktop.errors.PolicyFileError`) name the file, line and key; with a
    ``catalogue`` the measure ids and override keys and values are checked too.
    """
    doc = load_yaml(path, max_bytes=USER_FILE_MAX_BYTES)
    if not isinstance(doc.data, dict):
        raise doc.error("a scenario file is a mapping with 'kind: scenario' or 'scenarios'", ())
    try:
        spec = _ScenarioFile.model_validate(doc.data)
    except ValidationError as exc:
        error = validation_error(doc, exc)
        # pydantic names the model class ("… or instance of _ScenarioModel"): not for users
        message = re.sub(r" or instance of _\w+", "", error.message)
        raise PolicyFileError(message, error.location) from None
    if spec.kind == "scenario":
        if spec.scenario is None or spec.baseline is not None or spec.alternatives:
            raise doc.error("kind: scenario needs 'scenario:' (and no baseline)", ("kind",))
        return [_to_scenario(spec.scenario, path, catalogue, ("scenario",))]
    if spec.baseline is None or spec.scenario is not None:
        raise doc.error("kind: scenarios needs 'baseline:' and 'alternatives:'", ("kind",))
    out = [_to_scenario(spec.baseline, path, catalogue, ("baseline",))]
    out += [
        _to_scenario(alt, path, catalogue, ("alternatives", i))
        for i, alt in enumerate(spec.alternatives)
    ]
    names = [s.name for s in out]
    for i, name in enumerate(names[1:]):
        if name in names[: i + 1]:
            raise doc.error(f"duplicate scenario name '{name}'", ("alternatives", i, "name"))
    return out


def load_scenario(path: Path, catalogue: Catalogue | None = None) -> Scenario:
    """The one scenario of a ``kind: scenario`` file (or the baseline of a ``scenarios`` file)."""
    return load_scenarios(path, catalogue)[0]


def scenario_to_dict(scenario: Scenario) -> dict[str, Any]:
    """Plain data for a project file or a YAML scenario (inverse of the file shape)."""
    out: dict[str, Any] = {"name": scenario.name, "as_of": scenario.as_of.isoformat()}
    if scenario.overrides:
        out["overrides"] = {k: str(v) for k, v in scenario.overrides.items()}
    if scenario.measure_ids is not None:
        out["measures"] = list(scenario.measure_ids)
    if scenario.note:
        out["note"] = scenario.note
    return out


def scenarios_from(items: Iterable[Mapping[str, Any]]) -> list[Scenario]:
    """Scenarios from plain data (a project file); dates as ISO text or dates."""
    out = []
    for item in items:
        model = _ScenarioModel.model_validate(dict(item))
        out.append(
            Scenario(
                name=model.name,
                as_of=model.as_of,
                overrides={k: str(v) for k, v in model.overrides.items()},
                measure_ids=tuple(model.measures) if model.measures is not None else None,
                note=model.note,
            )
        )
    return out


__all__ = [
    "CITY",
    "DISTRICT",
    "FUNDING_KEYS",
    "FUNDING_LEVELS",
    "UNSPECIFIED",
    "EnterpriseDelta",
    "Scenario",
    "ScenarioComparison",
    "compare_scenarios",
    "district_measure_totals",
    "enterprise_amounts",
    "funding_level",
    "load_scenario",
    "load_scenarios",
    "scenario_to_dict",
    "scenarios_from",
]

"""Test cases kept beside the rules (``policies/tests/*.yaml``), OpenFisca style.

Each case gives one enterprise with its records, optional parameter overrides and an as-of
date, and the expected status, amount, missing fields and per-record results for one measure.
pytest runs them (``tests/test_policy_cases.py``) and so does ``policydesk policies check``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from desktop.core.catalogue import Catalogue
from desktop.core.evaluation import Evaluation
from desktop.core.fields import RECORD_TABLES, TABLES, Table
from desktop.core.money import fen_to_yuan
from desktop.core.portfolio import from_frames
from desktop.core.stacking import related_measures
from desktop.core.yamlstrict import YamlDocument, load_yaml
from desktop.errors import DesktopError

Status = Literal["eligible", "ineligible", "unknown"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ItemExpectation(_Strict):
    status: Status | None = None
    amount: Decimal | None = None


class Expectation(_Strict):
    status: Status
    amount: Decimal | None = None
    missing: list[str] | None = None
    reasons_contain: list[str] = Field(default_factory=list)
    items: dict[str, ItemExpectation] = Field(default_factory=dict)


class PolicyCase(_Strict):
    name: str
    measure: str
    as_of: dt.date
    parameters: dict[str, Decimal | dt.date | str] = Field(default_factory=dict)
    # Stacking rules' picks for the case (rule id → later_document / higher / stack).
    picks: dict[str, str] = Field(default_factory=dict)
    # For a measure about institutions the enterprise may be left out; the case's first
    # institution (``institutions``) is the one checked.
    enterprise: dict[str, Any] = Field(default_factory=dict)
    institutions: list[dict[str, Any]] = Field(default_factory=list)
    loans: list[dict[str, Any]] = Field(default_factory=list)
    events: list[dict[str, Any]] = Field(default_factory=list)
    guarantees: list[dict[str, Any]] = Field(default_factory=list)
    insurance: list[dict[str, Any]] = Field(default_factory=list)
    losses: list[dict[str, Any]] = Field(default_factory=list)
    projects: list[dict[str, Any]] = Field(default_factory=list)
    investments: list[dict[str, Any]] = Field(default_factory=list)
    expect: Expectation


class CaseFile(_Strict):
    cases: list[PolicyCase] = Field(min_length=1)


@dataclass(frozen=True)
class LoadedCase:
    case: PolicyCase
    path: Path
    line: int | None

    @property
    def label(self) -> str:
        return f"{self.path.name}:{self.line} {self.case.name}"


@dataclass(frozen=True)
class CaseOutcome:
    loaded: LoadedCase
    failures: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.failures


def load_cases(directory: Path) -> list[LoadedCase]:
    loaded: list[LoadedCase] = []
    for path in sorted(directory.glob("*.yaml")):
        doc: YamlDocument = load_yaml(path)
        try:
            parsed = CaseFile.model_validate(doc.data)
        except ValidationError as exc:
            first = exc.errors()[0]
            loc = tuple(p for p in first["loc"] if isinstance(p, (str, int)))
            msg = "unknown key" if first["type"] == "extra_forbidden" else first["msg"]
            raise doc.error(msg, loc) from None
        for i, case in enumerate(parsed.cases):
            loaded.append(LoadedCase(case, path, doc.line_of(("cases", i))))
    return loaded


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dt.date):
        return pd.Timestamp(value)
    return value


def _rows(rows: list[dict[str, Any]], uscc: str, table: Table) -> pd.DataFrame:
    key = next(f.name for f in TABLES[table].fields if f.key)
    out = []
    for i, row in enumerate(rows):
        record = {k: _plain(v) for k, v in row.items()}
        record.setdefault("uscc", uscc)
        record.setdefault(key, f"{table.value[0].upper()}{i + 1}")
        out.append(record)
    return pd.DataFrame(out)


def run_case(loaded: LoadedCase, catalogue: Catalogue) -> CaseOutcome:
    """Evaluate one case; failures say what differed."""
    from desktop.core.engine import evaluate_portfolio

    case = loaded.case
    if case.measure not in catalogue.measures:
        return CaseOutcome(loaded, (f"unknown measure '{case.measure}'",))
    enterprise = {k: _plain(v) for k, v in case.enterprise.items()}
    enterprise.setdefault("uscc", "TESTCASE000000000X")
    enterprise.setdefault("name", case.name)
    uscc = str(enterprise["uscc"])
    records = {t.value: _rows(getattr(case, t.value), uscc, t) for t in RECORD_TABLES}
    institutions = pd.DataFrame([{k: _plain(v) for k, v in r.items()} for r in case.institutions])
    if case.institutions:
        records[Table.INSTITUTIONS.value] = institutions
    portfolio = from_frames(pd.DataFrame([enterprise]), **records)
    overrides = {
        f"{case.measure}.{k}": v.isoformat() if isinstance(v, dt.date) else v
        for k, v in case.parameters.items()
    }
    overrides.update({f"{rule}.pick": pick for rule, pick in case.picks.items()})
    try:
        evaluation = evaluate_portfolio(
            portfolio,
            catalogue,
            as_of=case.as_of,
            overrides=overrides,
            measure_ids=sorted(related_measures(catalogue, case.measure)),
        )
    except DesktopError as exc:
        return CaseOutcome(loaded, (f"evaluation failed: {exc}",))
    if case.measure in evaluation.institution_outcomes:
        return CaseOutcome(loaded, tuple(_institution_failures(case, evaluation)))
    got = evaluation.explain(0, case.measure)
    want = case.expect
    failures: list[str] = []
    if got.status != want.status:
        failures.append(
            f"status: expected {want.status}, got {got.status} ({'; '.join(got.reasons)})"
        )
    amount = None if got.amount_fen is None else fen_to_yuan(got.amount_fen)
    if want.amount is not None and amount != want.amount:
        failures.append(f"amount: expected {want.amount}, got {amount}")
    if want.amount is None and want.status != "eligible" and amount is not None:
        failures.append(f"amount: expected none, got {amount}")
    if want.missing is not None and sorted(got.missing) != sorted(want.missing):
        failures.append(f"missing: expected {sorted(want.missing)}, got {sorted(got.missing)}")
    for text in want.reasons_contain:
        if not any(
            text in reason for reason in got.reasons + [r for i in got.items for r in i.reasons]
        ):
            failures.append(f"no reason contains '{text}'")
    items = {item.record: item for item in got.items}
    for record, expected in want.items.items():
        item = items.get(record)
        if item is None:
            failures.append(f"record {record}: not among the measure's records {sorted(items)}")
            continue
        if expected.status is not None and item.status != expected.status:
            failures.append(f"record {record}: expected {expected.status}, got {item.status}")
        item_amount = None if item.amount_fen is None else fen_to_yuan(item.amount_fen)
        if expected.amount is not None and item_amount != expected.amount:
            failures.append(
                f"record {record}: amount expected {expected.amount}, got {item_amount}"
            )
    return CaseOutcome(loaded, tuple(failures))


def _institution_failures(case: PolicyCase, evaluation: Evaluation) -> list[str]:
    """A measure about institutions: the case's first institution against ``expect``."""
    want = case.expect
    if not case.institutions:
        return ["a measure about institutions needs 'institutions' (the first is checked)"]
    inst = evaluation.institution_outcomes[case.measure]
    looked_at = inst.rows.tolist()
    if 0 not in looked_at:
        return ["the first institution is not looked at (institution_filter)"]
    got = evaluation.explain_institution(looked_at.index(0), case.measure)
    failures: list[str] = []
    if got.status != want.status:
        failures.append(
            f"status: expected {want.status}, got {got.status} ({'; '.join(got.reasons)})"
        )
    if want.amount is not None or want.items:
        failures.append("a measure about institutions has no amount or items to expect")
    if want.missing is not None and sorted(got.missing) != sorted(want.missing):
        failures.append(f"missing: expected {sorted(want.missing)}, got {sorted(got.missing)}")
    for text in want.reasons_contain:
        if not any(text in reason for reason in got.reasons):
            failures.append(f"no reason contains '{text}'")
    return failures


def cases_per_measure(cases: list[LoadedCase]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for c in cases:
        counts[c.case.measure] = counts.get(c.case.measure, 0) + 1
    return counts

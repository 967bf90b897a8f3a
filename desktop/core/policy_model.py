"""The schema of policy files, validated with pydantic (unknown keys are errors).

One YAML file per source document: its metadata, every article with the exact quote, and
the measures that make an article computable or checkable. ``docs/policy-format.md``
describes the format with examples.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

ParamType = Literal["ratio", "yuan", "usd", "bp", "count", "multiple", "date"]
Beneficiary = Literal[
    "enterprise",
    "bank",
    "guarantor",
    "insurer",
    "ip_agency",
    "investor",
    "fund",
    "government",
    "intermediary",
]
ArticleKind = Literal["computable", "checkable", "informational"]
CapScope = Literal["record", "enterprise", "enterprise_year"]
Subject = Literal["enterprise", "institution"]
RecordTable = Literal[
    "loans", "events", "guarantees", "insurance", "losses", "projects", "investments"
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class ParameterValue(_Strict):
    """A value that holds from ``from`` until the next value's start (as in OpenFisca)."""

    start: dt.date = Field(alias="from")
    # A number; a date for date parameters; null when the text gives no figure and none was
    # found ("not set": amounts that need it stay undecided instead of showing a made-up 0).
    value: Decimal | dt.date | None
    source: str | None = None
    assumption: bool = False
    note: str | None = None

    @model_validator(mode="after")
    def _sourced(self) -> ParameterValue:
        if not self.source and not self.assumption:
            raise ValueError("a value needs a 'source' or 'assumption: true'")
        if self.assumption and not self.note:
            raise ValueError("an assumed value needs a 'note' saying why and what to check")
        if self.value is None and not self.assumption:
            raise ValueError("a value that is not set (null) must be marked 'assumption: true'")
        return self


# The meaningful range of a parameter value by its type (and unit): a value outside it is a
# typo or a unit mix-up, refused where it is read (policy file, scenario file, --set).
MAX_MONEY = Decimal("1e13")  # yuan (or USD): ten trillion, above any budget line
MAX_DAYS = Decimal(3660)  # ten years of days
MAX_MULTIPLE = Decimal(100)
MAX_BP = Decimal(10000)  # 10000 BP = 100%
MAX_COUNT = Decimal("1e9")
DAY_COUNT_BASES = (Decimal(360), Decimal(365), Decimal(366))
DATE_RANGE = (dt.date(1900, 1, 1), dt.date(2100, 12, 31))
# The unit of a switch: a count parameter that is 1 (on) or 0 (off). A switch turns a named
# interpretation on or off (``Criterion.interpretation``).
SWITCH_UNIT = "开关"


# The as-of dates the catalogue and its tables are meant for (the LPR table starts in 2019;
# measures from 2022 on): outside them a result means nothing, and far outside (year 1 or
# 9999) date arithmetic would overflow.
AS_OF_RANGE = (dt.date(2000, 1, 1), dt.date(2100, 12, 31))


def as_of_problem(day: dt.date) -> str | None:
    """Why ``day`` cannot be an evaluation date; None when it can."""
    low, high = AS_OF_RANGE
    if low <= day <= high:
        return None
    return f"the as-of date {day} is outside the supported range {low} to {high}"


def value_problem(kind: str, unit: str, name: str, value: Decimal | dt.date) -> str | None:
    """Why ``value`` is not a meaningful value of a ``kind`` parameter ``name``; None if it is.

    ratio 0–1; yuan/usd 0–1e13; bp 0–10000; multiple above 0, at most 100; count a whole
    number 0–1e9, and days (unit 天) above 0, at most 3660; a day-count basis
    (``day_count``) 360, 365 or 366; a date between 1900 and 2100.
    """
    if isinstance(value, dt.date):
        low, high = DATE_RANGE
        if not low <= value <= high:
            return f"a date between {low} and {high} is expected, got {value}"
        return None
    if not value.is_finite():
        return f"'{value}' is not a finite number"
    shown = f"{value:f}" if abs(value.adjusted()) < 30 else str(value)
    if value < 0:
        return f"must not be negative (got {shown})"
    if kind == "ratio":
        if value > 1:
            return f"a ratio lies between 0 and 1 (or 0%–100%), got {shown}"
    elif kind in ("yuan", "usd"):
        if value > MAX_MONEY:
            currency = "yuan" if kind == "yuan" else "USD"
            return f"an amount is at most {MAX_MONEY:,f} {currency}, got {shown}"
    elif kind == "bp":
        if value > MAX_BP:
            return f"a number of basis points is at most {MAX_BP}, got {shown}"
    elif kind == "multiple":
        if value == 0 or value > MAX_MULTIPLE:
            return f"a multiple is above 0 and at most {MAX_MULTIPLE}, got {shown}"
    elif kind == "count":
        if value != value.to_integral_value():
            return f"a count is a whole number, got {shown}"
        if unit == SWITCH_UNIT:
            if value not in (0, 1):
                return f"a switch is 1 (on) or 0 (off), got {shown}"
        elif name == "day_count" or name.endswith("_day_count"):
            if value not in DAY_COUNT_BASES:
                return f"a day-count basis is 360, 365 or 366 days, got {shown}"
        elif unit == "天":
            if value == 0 or value > MAX_DAYS:
                return f"a number of days is above 0 and at most {MAX_DAYS}, got {shown}"
        elif value > MAX_COUNT:
            return f"a count is at most {MAX_COUNT:,f}, got {shown}"
    return None


class Bound(_Strict):
    """The most a parameter may be set to, as its text says (“不超过20%”, “最高50万元”).

    ``max`` is in the parameter's own unit; ``quote`` is the words of the text that set it,
    with where they stand (shown when a value above is refused)."""

    max: Decimal
    quote: str = Field(min_length=4)


class Parameter(_Strict):
    label: str
    label_en: str | None = None
    type: ParamType
    unit: str
    values: list[ParameterValue] = Field(min_length=1)
    # the ceiling the text sets: no value (catalogue, --set, scenario, window) may exceed it
    bound: Bound | None = None

    @field_validator("values")
    @classmethod
    def _ascending(cls, values: list[ParameterValue]) -> list[ParameterValue]:
        starts = [v.start for v in values]
        if starts != sorted(set(starts)):
            raise ValueError("values must have distinct 'from' dates in ascending order")
        return values

    @model_validator(mode="after")
    def _typed(self) -> Parameter:
        for value in self.values:
            if value.value is None:
                continue
            is_date = isinstance(value.value, dt.date)
            if is_date != (self.type == "date"):
                want = "a date (YYYY-MM-DD)" if self.type == "date" else "a number"
                raise ValueError(f"a {self.type} parameter needs {want}, got {value.value!r}")
        if self.bound is not None:
            if self.type == "date":
                raise ValueError("a date parameter has no 'bound'")
            for value in self.values:
                # a value out of its type's range is reported where it stands (the
                # catalogue's range check names its line), not as above the bound
                if not isinstance(value.value, Decimal) or value_problem(
                    self.type, self.unit, "", value.value
                ):
                    continue
                if value.value > self.bound.max:
                    raise ValueError(
                        f"value {value.value} (from {value.start}) is above the bound "
                        f"{self.bound.max} the text sets: {self.bound.quote}"
                    )
        return self

    def at(self, day: dt.date) -> ParameterValue | None:
        current = None
        for value in self.values:
            if value.start <= day:
                current = value
        return current


class Criterion(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str
    label_en: str | None = None
    test: str
    source: str | None = None
    # A condition that is not in the text but a reading of it: the name of a switch
    # parameter (unit 开关) of the same measure. Off (0): the condition is not applied; on
    # (1): it is, and its label says which interpretation it comes from.
    interpretation: str | None = None


# How an amount relates to what the text grants: ``computed`` — the text's own rule;
# ``ceiling`` — the text gives only a ceiling (“最高”, “不超过”), the amount is that ceiling
# (an estimate, not the amount due); ``requested`` — the applicant's request, not granted.
AmountBasis = Literal["computed", "ceiling", "requested"]


class Cap(_Strict):
    label: str
    label_en: str | None = None
    per: CapScope
    amount: str


class FundingLevel(_Strict):
    """Which level of government pays, as the document states it (issuer, article, text).

    ``reason`` / ``reason_en`` say where the text says so; shown beside every split by level.
    """

    level: Literal["市级", "区级"]
    reason: str = Field(min_length=4)
    reason_en: str = Field(min_length=4)


class Measure(_Strict):
    id: str = Field(pattern=r"^[a-z0-9-]+\.[0-9a-z]+(\.[a-z0-9_]+)?$")
    article: str
    name: str
    name_en: str | None = None
    quote: str = Field(min_length=4)
    kind: Literal["computable", "checkable"]
    beneficiary: Beneficiary
    # Who the measure decides about: an enterprise of the portfolio (with its records), or an
    # institution of the institutions table (a bank's NPL tolerance, 190号第15条).
    subject: Subject = "enterprise"
    # institution measures: which institutions it looks at (blank when unknown → looked at)
    institution_filter: str | None = None
    records: RecordTable | None = None
    record_label: str | None = None
    record_label_en: str | None = None
    record_filter: str | None = None
    no_record_reason: str | None = None
    no_record_reason_en: str | None = None
    year: str | None = None
    conditions: list[Criterion] = Field(default_factory=list)
    record_conditions: list[Criterion] = Field(default_factory=list)
    amount: str | None = None
    amount_label: str | None = None
    amount_basis: AmountBasis = "computed"
    # why the basis was chosen, read from the quote and the source text (zh, en)
    amount_basis_note: str | None = None
    amount_basis_note_en: str | None = None
    # field → note shown on a record whose amount was computed without that (blank) field
    fallback_notes: dict[str, str] = Field(default_factory=dict)
    # the same notes in English, for the same fields (checked by the loader)
    fallback_notes_en: dict[str, str] | None = None
    caps: list[Cap] = Field(default_factory=list)
    manual_checks: list[str] = Field(default_factory=list)
    # the same checks in English, one for one (checked by the loader)
    manual_checks_en: list[str] | None = None
    parameters: dict[str, Parameter] = Field(default_factory=dict)
    in_force: dt.date | None = None
    expires: dt.date | None = None
    # who pays, where the measure's own text or article says so (overrides the document's)
    funding_level: FundingLevel | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Measure:
        if self.kind == "computable" and not self.amount:
            raise ValueError("a computable measure needs an 'amount' formula")
        if self.kind == "checkable" and (self.amount or self.caps):
            raise ValueError("a checkable measure has no 'amount' or 'caps'")
        if self.records is None and (self.record_filter or self.record_conditions or self.year):
            raise ValueError("'record_filter', 'record_conditions' and 'year' need 'records'")
        if any(c.per == "enterprise_year" for c in self.caps) and self.records and not self.year:
            raise ValueError("a per-year cap needs a 'year' formula for the records")
        if self.subject == "institution":
            if self.records is not None:
                raise ValueError("a measure about institutions has no 'records'")
            if any(c.per == "enterprise_year" for c in self.caps):
                raise ValueError("a measure about institutions has no per-year caps")
        elif self.institution_filter is not None:
            raise ValueError("'institution_filter' needs 'subject: institution'")
        ids = [c.id for c in (*self.conditions, *self.record_conditions)]
        if len(ids) != len(set(ids)):
            raise ValueError("condition ids must be unique within a measure")
        if self.kind == "checkable" and self.amount_basis != "computed":
            raise ValueError("a checkable measure has no 'amount_basis'")
        if self.amount_basis != "computed" and not self.amount_basis_note:
            raise ValueError(
                f"amount_basis {self.amount_basis} needs 'amount_basis_note' saying why"
            )
        for c in (*self.conditions, *self.record_conditions):
            if c.interpretation is None:
                continue
            switch = self.parameters.get(c.interpretation)
            if switch is None or switch.type != "count" or switch.unit != SWITCH_UNIT:
                raise ValueError(
                    f"condition {c.id}: interpretation '{c.interpretation}' must name a "
                    f"parameter of this measure with type count and unit {SWITCH_UNIT}"
                )
            if not all(v.assumption for v in switch.values):
                raise ValueError(
                    f"interpretation '{c.interpretation}' is a reading, not the text: mark "
                    "its values 'assumption: true' with a note giving the reasoning"
                )
        return self

    def amount_basis_note_for(self, lang: str) -> str | None:
        """Why the amount basis was chosen, in ``lang`` (English falls back to Chinese)."""
        if lang == "en" and self.amount_basis_note_en:
            return self.amount_basis_note_en
        return self.amount_basis_note

    def manual_checks_for(self, lang: str) -> list[str]:
        """The checks by hand in ``lang``: English when written, else the Chinese ones."""
        if lang == "en" and self.manual_checks_en is not None:
            return list(self.manual_checks_en)
        return list(self.manual_checks)

    def fallback_notes_for(self, lang: str) -> dict[str, str]:
        """Field → fallback note in ``lang``: English when written, else the Chinese ones."""
        if lang == "en" and self.fallback_notes_en is not None:
            return dict(self.fallback_notes_en)
        return dict(self.fallback_notes)


class Article(_Strict):
    number: str
    title: str
    section: str | None = None
    quote: str = Field(min_length=2)
    responsible: list[str] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)
    beneficiary: list[Beneficiary] = Field(default_factory=list)
    kind: ArticleKind


class Document(_Strict):
    slug: str = Field(pattern=r"^[a-z0-9-]+$")
    number: str
    title: str
    issuers: list[str] = Field(min_length=1)
    written: dt.date | None = None
    in_force: dt.date | None = None
    expires: dt.date | None = None
    region: str
    region_en: str | None = None
    status: Literal["in_force", "expired", "draft", "unknown"]
    source_file: str
    source_note: str | None = None
    # who pays, where the document states it (its issuing authority); measures may override
    funding_level: FundingLevel | None = None


class StackingRule(_Strict):
    """How measures combine: only one of a group, or a cap they share.

    ``exclusive``: of the listed measures an enterprise (``per: enterprise``) or a linked set
    of records (``per: record``, linked by the field ``key``) gets only the one worth most;
    the others are kept as eligible with amount 0 and the rule named.
    ``shared_cap``: the listed measures' amounts together stay within ``cap`` (a parameter
    ``<measure>.<param>``) per enterprise or per enterprise and year, in the listed order.
    ``overlap``: measures (of any documents) that pay for the same cost — the same record of
    one table (one loan, one loss, one premium) — from the same level of government; ``pick``
    says which one a record gets: ``later_document`` (the measure in force on the record's
    ``date`` that came into force last; records dated before all of them: the earliest),
    ``higher`` (从优就高不重复: the one worth most) or ``stack`` (all, for what-if).
    An exclusive or overlap rule's pick is changed for a run by the override
    ``<rule id>.pick=<pick>`` (``stack`` switches the rule off). ``interpretation`` names the
    reading chosen where the texts do not settle it; every note of the rule shows it.
    """

    id: str = Field(pattern=r"^[a-z0-9-]+\.[a-z0-9_.]+$")
    kind: Literal["exclusive", "shared_cap", "overlap"]
    label: str
    label_en: str | None = None
    measures: list[str] = Field(min_length=2)
    per: Literal["enterprise", "enterprise_year", "record"] = "enterprise"
    key: str | None = None
    cap: str | None = None
    quote: str = Field(min_length=2)
    article: str | None = None
    note: str | None = None
    pick: Literal["later_document", "higher", "stack"] | None = None
    date: str | None = None  # overlap: the record field that dates a record (later_document)
    interpretation: str | None = None
    interpretation_en: str | None = None

    @model_validator(mode="after")
    def _consistent(self) -> StackingRule:
        if len(set(self.measures)) != len(self.measures):
            raise ValueError("a measure is listed twice")
        if self.kind == "overlap":
            if self.pick is None or not self.date:
                raise ValueError("an overlap rule needs 'pick' and 'date' (the record's date)")
            if self.per != "record" or self.key:
                raise ValueError("an overlap rule is per: record, the same record, without 'key'")
            if self.cap:
                raise ValueError("an overlap rule has no 'cap'")
        elif self.pick is not None or self.date is not None:
            raise ValueError("'pick' and 'date' belong to overlap rules")
        if self.interpretation_en and not self.interpretation:
            raise ValueError("'interpretation_en' needs 'interpretation'")
        if self.per == "record" and not self.key and self.kind != "overlap":
            raise ValueError("per: record needs 'key', the field that links the records")
        if self.kind == "shared_cap" and not self.cap:
            raise ValueError("a shared_cap rule needs 'cap' (<measure>.<param>)")
        if self.kind == "exclusive" and self.cap:
            raise ValueError("an exclusive rule has no 'cap'")
        if self.kind == "shared_cap" and self.per == "record":
            raise ValueError("a shared cap applies per enterprise or per enterprise_year")
        return self


class PolicyFile(_Strict):
    document: Document
    articles: list[Article] = Field(min_length=1)
    measures: list[Measure] = Field(default_factory=list)
    stacking: list[StackingRule] = Field(default_factory=list)


class OverlapFile(_Strict):
    """``policies/overlaps.yaml``: stacking rules across documents (no document of its own)."""

    kind: Literal["overlaps"]
    stacking: list[StackingRule] = Field(min_length=1)


class LprFixing(_Strict):
    start: dt.date = Field(alias="from")
    one_year: Decimal = Field(alias="1y")
    five_year: Decimal = Field(alias="5y")


class LprFile(_Strict):
    kind: Literal["lpr"]
    source: str
    unit: Literal["percent"]
    fixings: list[LprFixing] = Field(min_length=1)

    @field_validator("fixings")
    @classmethod
    def _ascending(cls, fixings: list[LprFixing]) -> list[LprFixing]:
        starts = [f.start for f in fixings]
        if starts != sorted(set(starts)):
            raise ValueError("fixings must have distinct dates in ascending order")
        return fixings


class DerivedField(_Strict):
    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str
    label_en: str | None = None
    table: Literal[
        "enterprises",
        "loans",
        "events",
        "guarantees",
        "insurance",
        "losses",
        "projects",
        "investments",
    ]
    type: Literal["flag", "money", "ratio", "number", "count", "date", "text", "category"]
    expr: str
    source: str
    assumption: bool = False
    note: str | None = None
    # True: the field is also a spreadsheet column; the formula only fills its blanks and
    # each filled value is marked derived.
    fills: bool = False


class DerivedFile(_Strict):
    kind: Literal["derived"]
    fields: list[DerivedField] = Field(min_length=1)


class ReferenceFact(_Strict):
    """A fact the catalogue relies on beyond the source documents, with its original source.

    ``number`` (文号), ``title``, ``issuer``, ``date`` and ``published`` (URL or gazette) say
    where it comes from; "未注明" where no original reference was found. A fact whose
    confidence is not 高 needs a ``note`` saying why and what to check.
    """

    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    fact: str = Field(min_length=2)
    number: str = Field(min_length=1)
    title: str = Field(min_length=1)
    issuer: str = Field(min_length=1)
    date: str = Field(min_length=1)
    published: str = Field(min_length=1)
    confidence: Literal["高", "中"]
    note: str | None = None

    @model_validator(mode="after")
    def _noted(self) -> ReferenceFact:
        if self.confidence != "高" and not self.note:
            raise ValueError(f"fact {self.key}: confidence {self.confidence} needs a note")
        return self


class FactsFile(_Strict):
    kind: Literal["facts"]
    facts: list[ReferenceFact] = Field(min_length=1)

    @field_validator("facts")
    @classmethod
    def _unique(cls, facts: list[ReferenceFact]) -> list[ReferenceFact]:
        keys = [f.key for f in facts]
        twice = sorted({k for k in keys if keys.count(k) > 1})
        if twice:
            raise ValueError(f"fact keys used twice: {', '.join(twice)}")
        return facts


class DistrictsFile(_Strict):
    kind: Literal["districts"]
    source: str
    cities: dict[str, list[str]] = Field(min_length=1)

    def city_of(self) -> dict[str, str]:
        return {d: city for city, districts in self.cities.items() for d in districts}

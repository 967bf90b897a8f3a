"""What an evaluation produces: statuses, per-criterion and per-measure outcomes (filled
column-wise by :mod:`desktop.core.engine`) and the explanations of one decision in words
(built by :mod:`desktop.core.explain`). Data only: no evaluation, no wording."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np
import pandas as pd

from desktop.core import expr as ex
from desktop.core.catalogue import CompiledMeasure
from desktop.core.money import fen_to_yuan
from desktop.core.parameters import ParamValue
from desktop.i18n import phrase_book

INSTITUTION_BENEFICIARIES = ("bank", "guarantor", "insurer", "ip_agency")
# Which field of a record names the institution that receives the amount.
INSTITUTION_FIELD = {
    "losses": "institution",
    "guarantees": "guarantor",
    "insurance": "insurer",
    "loans": "lender",
}
ELIGIBLE = "eligible"
INELIGIBLE = "ineligible"
UNKNOWN = "unknown"
STATUSES = (ELIGIBLE, INELIGIBLE, UNKNOWN)
STATUS_LABELS = phrase_book("outcome.status", (ELIGIBLE, INELIGIBLE, UNKNOWN))  # 符合 …
STACKING_NOTE = "stacking_note"  # written by desktop.core.stacking
STACKING_NOTE_EN = "stacking_note_en"


def note_column(lang: str) -> str:
    """The column of stacking notes an explanation in ``lang`` reads."""
    return STACKING_NOTE_EN if lang == "en" else STACKING_NOTE


@dataclass
class CriterionOutcome:
    id: str
    label: str
    label_en: str | None
    level: str  # "enterprise" | "record"
    expr: ex.Expr
    status: pd.Series  # nullable boolean, one per row of its level
    left: pd.Series | None
    right: pd.Series | None
    op: str | None

    def label_for(self, lang: str) -> str:
        return self.label_en or self.label if lang == "en" else self.label


@dataclass
class MeasureOutcome:
    measure: CompiledMeasure
    params: dict[str, ParamValue]
    window_reason: str | None
    conditions: list[CriterionOutcome]
    enterprise: pd.DataFrame  # per enterprise position: gate, status, amount_fen, n_records...
    records: pd.DataFrame | None = None  # relevant records: row, ent, record_id, status, ...
    record_conditions: list[CriterionOutcome] = field(default_factory=list)


@dataclass
class InstitutionOutcome:
    """A measure about institutions (``subject: institution``): ``outcome`` is decided per
    looked-at institution — its ``enterprise`` frame and criteria have one row per entry of
    ``institutions`` (those rows of the portfolio's institutions table, at positions
    ``rows``)."""

    outcome: MeasureOutcome
    rows: np.ndarray
    institutions: pd.DataFrame


@dataclass
class InstitutionExplanation:
    institution: str
    institution_type: str | None
    measure_id: str
    status: str
    reasons: list[str]
    missing: list[str]
    row: int  # position in the portfolio's institutions table


@dataclass
class ItemExplanation:
    record: str
    table: str
    status: str
    amount_fen: int | None
    raw_fen: int | None
    year: int | None
    capped_by: str | None
    reasons: list[str]
    missing: list[str]


@dataclass
class Explanation:
    uscc: str
    name: str
    measure_id: str
    status: str
    amount_fen: int | None
    reasons: list[str]
    missing: list[str]
    items: list[ItemExplanation]

    @property
    def amount(self) -> Decimal | None:
        return None if self.amount_fen is None else fen_to_yuan(self.amount_fen)


@dataclass
class PreassessmentExplanation:
    id: str
    label: str
    status: str  # eligible = likely to pass, ineligible = fails a condition, unknown
    score_low: float | None
    score_high: float | None
    reasons: list[str]
    missing: list[str]
    note: str
    source: str


def lpr_column(tenor: str, date_field: str) -> str:
    """Record-frame column with the position of the LPR fixing ``lpr_<tenor>(date_field)``
    used per record (-1 when unknown); the engine fills it."""
    return f"lpr|{tenor}|{date_field}"

"""An evaluation: every measure run over one portfolio on one as-of date, with what it was
asked for, its parameters and outcomes (:mod:`desktop.core.outcomes`, filled column-wise by
:mod:`desktop.core.engine`), totals and tables over them, and their explanations (rendered
lazily by :mod:`desktop.core.explain` when a view or an export asks for them).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from desktop.core.catalogue import Catalogue
from desktop.core.explain import BulkExplainer, explain_institution, explain_institutions
from desktop.core.fields import Table, field_label
from desktop.core.invariants import Breach
from desktop.core.outcomes import (
    ELIGIBLE,
    INSTITUTION_BENEFICIARIES,
    INSTITUTION_FIELD,
    STATUSES,
    Explanation,
    InstitutionExplanation,
    InstitutionOutcome,
    MeasureOutcome,
)
from desktop.core.parameters import ParamValue
from desktop.core.portfolio import Portfolio
from desktop.core.preassess import AssessmentOutcome


@dataclass(frozen=True)
class EvaluationRequest:
    """What an evaluation was asked for, besides the portfolio and catalogue: enough to run
    it again elsewhere (the export runs in a child process, see :mod:`desktop.jobs.process`)
    and get the same evaluation."""

    as_of: dt.date
    overrides: tuple[tuple[str, str], ...] = ()
    measure_ids: tuple[str, ...] | None = None  # None: every measure of the catalogue


class Evaluation:
    """The outcome of one run: every measure for every enterprise, with provenance."""

    def __init__(
        self,
        *,
        portfolio: Portfolio,
        enterprises: pd.DataFrame,
        catalogue: Catalogue,
        as_of: dt.date,
        parameters: dict[str, ParamValue],
        outcomes: dict[str, MeasureOutcome],
        preassessments: dict[str, AssessmentOutcome] | None = None,
        institution_outcomes: dict[str, InstitutionOutcome] | None = None,
        record_derived: dict[Table, pd.DataFrame] | None = None,
        request: EvaluationRequest | None = None,
        breaches: list[Breach] | None = None,
        stacking_picks: dict[str, str] | None = None,
    ) -> None:
        self.portfolio = portfolio
        self.request = request if request is not None else EvaluationRequest(as_of)
        self.enterprises = enterprises
        self.catalogue = catalogue
        self.as_of = as_of
        self.parameters = parameters
        # Measures about enterprises only: the result matrix, totals and exports iterate these.
        self.outcomes = outcomes
        self.preassessments = preassessments or {}
        # Measures about institutions (190号第15条 …), kept apart from the enterprise matrix.
        self.institution_outcomes = institution_outcomes or {}
        self._record_derived = record_derived or {}
        # Invariants that do not hold (desktop.core.invariants): a defect, not a result.
        self.breaches = breaches or []
        # Stacking rules whose pick the overrides changed (rule id → pick).
        self.stacking_picks = stacking_picks or {}
        self.field_types = catalogue.field_types()
        self._explainers: dict[str, BulkExplainer] = {}  # per language, for explain()
        self._explain_lock = threading.Lock()

    @property
    def measure_ids(self) -> list[str]:
        """The evaluated measures about enterprises (columns of the result matrix)."""
        return list(self.outcomes)

    @property
    def institution_measure_ids(self) -> list[str]:
        """The evaluated measures about institutions (see :meth:`institution_results`)."""
        return list(self.institution_outcomes)

    @property
    def derived_fields(self) -> list[str]:
        """Derived attributes of enterprises (columns of :attr:`enterprises`)."""
        return [n for n in self.catalogue.derived if n in self.enterprises.columns]

    def record_derived_fields(self, table: Table) -> list[str]:
        """Derived attributes of a record table (``table: loans`` in derived.yaml)."""
        frame = self._record_derived.get(table)
        if frame is None:
            return []
        return [n for n in self.catalogue.derived if n in frame.columns]

    def record_derived(self, table: Table) -> pd.DataFrame:
        """Derived attributes of ``table``'s records, row for row with
        ``portfolio.table(table)`` (select with a record frame's ``row`` positions).

        For loans: ``start_lpr_1y`` — the 1-year LPR in force on the loan's 放款日期 (a
        fraction, NaN when the date is blank: unknown, never 0) — and ``start_lpr_1y__from``,
        the publication date of that fixing in ``reference/lpr.yaml``. Every value is derived;
        the field's source is ``catalogue.derived[name][0].source``. An empty frame (with the
        table's length) when the table has no derived attributes."""
        frame = self._record_derived.get(table)
        if frame is None:
            return pd.DataFrame(index=pd.RangeIndex(len(self.portfolio.table(table))))
        return frame

    def loan_lpr(self) -> pd.DataFrame:
        """Per loan (row for row with ``portfolio.loans``): ``loan_id``, ``uscc``,
        ``start_date``, ``lpr_1y`` (fraction; NaN when 放款日期 is blank) and ``lpr_1y_from``
        (publication date of the fixing; NaT when unknown) — :meth:`record_derived` of
        the loans table under plain names, for a record sheet's LPR column."""
        loans = self.portfolio.loans.reset_index(drop=True)
        derived = self.record_derived(Table.LOANS)
        out = loans[["loan_id", "uscc", "start_date"]].copy()
        name = "start_lpr_1y"
        out["lpr_1y"] = derived[name].to_numpy() if name in derived.columns else np.nan
        column = f"{name}__from"
        out["lpr_1y_from"] = derived[column].to_numpy() if column in derived.columns else pd.NaT
        return out

    def __len__(self) -> int:
        return len(self.enterprises)

    # -- tables
    def summary_frame(self) -> pd.DataFrame:
        """One row per enterprise: identity, ``<measure>|status``, ``<measure>|amount_fen``."""
        base = self.enterprises[["uscc", "name", "district"]].copy()
        for measure_id, outcome in self.outcomes.items():
            base[f"{measure_id}|status"] = outcome.enterprise["status"].array
            if "amount_fen" in outcome.enterprise.columns:
                base[f"{measure_id}|amount_fen"] = (
                    outcome.enterprise["amount_fen"].astype("Int64").array
                )
        return base

    def institution_totals(self) -> pd.DataFrame:
        """Compensation owed to institutions: one row per institution and measure.

        Measures whose beneficiary is a bank, guarantor, insurer or IP agency pay the
        institution named on each record (losses: 承担机构; guarantees: 担保机构; …).
        """
        rows: list[dict[str, Any]] = []
        for measure_id, outcome in self.outcomes.items():
            m = outcome.measure.measure
            if m.beneficiary not in INSTITUTION_BENEFICIARIES or outcome.records is None:
                continue
            if m.records is None or "amount_fen" not in outcome.records.columns:
                continue
            field = INSTITUTION_FIELD.get(m.records)
            source = self.portfolio.table(Table(m.records))
            if field is None or field not in source.columns:
                continue
            rec = outcome.records
            eligible = (rec["status"] == ELIGIBLE).to_numpy()
            names = source[field].to_numpy(dtype=object)[rec["row"].to_numpy()[eligible]]
            frame = pd.DataFrame(
                {
                    "institution": pd.Series(names, dtype=object).fillna("（未填写机构）"),
                    "amount_fen": rec["amount_fen"].to_numpy(dtype=np.float64, na_value=0)[
                        eligible
                    ],
                }
            )
            grouped = frame.groupby("institution", sort=True)["amount_fen"].agg(["sum", "size"])
            for institution, row in grouped.iterrows():
                rows.append(
                    {
                        "institution": institution,
                        "beneficiary": m.beneficiary,
                        "measure": measure_id,
                        "amount_fen": round(float(row["sum"])),
                        "records": int(row["size"]),
                    }
                )
        return pd.DataFrame(
            rows, columns=["institution", "beneficiary", "measure", "amount_fen", "records"]
        )

    def fingerprint(self) -> tuple[object, ...]:
        """A cheap summary that differs when two evaluations of one portfolio differ in any
        status count or amount: the enterprise totals, the institution totals and the
        parameter values used."""
        institutions = self.institution_totals()
        return (
            self.as_of,
            tuple(sorted((k, str(v.value)) for k, v in self.parameters.items())),
            tuple((k, tuple(sorted(v.items()))) for k, v in self.totals().items()),
            tuple(tuple(row) for row in institutions.itertuples(index=False)),
            tuple((k, tuple(v.items())) for k, v in self.institution_totals_by_status().items()),
        )

    def totals(self) -> dict[str, dict[str, Any]]:
        """Per measure: count of each status and the amount in 分 (eligible only)."""
        out: dict[str, dict[str, Any]] = {}
        for measure_id, outcome in self.outcomes.items():
            counts = outcome.enterprise["status"].value_counts()
            amount = 0
            if "amount_fen" in outcome.enterprise.columns:
                amount = int(outcome.enterprise["amount_fen"].fillna(0).astype("int64").sum())
            out[measure_id] = {s: int(counts.get(s, 0)) for s in STATUSES} | {"amount_fen": amount}
        return out

    def institution_results(self, lang: str = "zh") -> pd.DataFrame:
        """Measures about institutions: one row per looked-at institution and measure —
        ``institution``, ``institution_type``, ``row`` (position in the portfolio's
        institutions table), ``measure``, ``status``, ``reasons`` and ``missing`` (lists)."""
        rows = [
            {
                "institution": e.institution,
                "institution_type": e.institution_type,
                "row": e.row,
                "measure": e.measure_id,
                "status": e.status,
                "reasons": e.reasons,
                "missing": e.missing,
            }
            for e in self.explain_institutions(lang)
        ]
        columns = ["institution", "institution_type", "row", "measure", "status"]
        return pd.DataFrame(rows, columns=[*columns, "reasons", "missing"])

    def institution_totals_by_status(self) -> dict[str, dict[str, int]]:
        """Per measure about institutions: how many institutions have each status."""
        out: dict[str, dict[str, int]] = {}
        for measure_id, inst in self.institution_outcomes.items():
            counts = inst.outcome.enterprise["status"].value_counts()
            out[measure_id] = {s: int(counts.get(s, 0)) for s in STATUSES}
        return out

    def explain_institutions(
        self, lang: str = "zh", measure_ids: Sequence[str] | None = None
    ) -> Iterator[InstitutionExplanation]:
        """Every looked-at institution of each measure about institutions, measure by measure
        (see :mod:`desktop.core.explain.institutions`)."""
        return explain_institutions(self, lang, measure_ids)

    def explain_institution(
        self, pos: int, measure_id: str, lang: str = "zh"
    ) -> InstitutionExplanation:
        """Why the ``pos``-th looked-at institution of a measure about institutions got its
        status: each condition with the values on both sides (e.g. “小微型科创企业贷款不良率
        4.92% > 各项贷款不良率 1.58% + 3个百分点 = 4.58%”), or the fields it lacks."""
        return explain_institution(self, pos, measure_id, lang)

    # -- explanations
    def explain_many(
        self,
        measure_id: str,
        positions: Iterable[int] | np.ndarray | None = None,
        lang: str = "zh",
    ) -> Iterator[Explanation]:
        """``explain(ent, measure_id, lang)`` for each position (default: every enterprise),
        rendered column-wise a block at a time (see :mod:`desktop.core.explain`)."""
        return BulkExplainer(self, lang).iter_measure(measure_id, positions)

    def explain_enterprises(
        self,
        lang: str = "zh",
        positions: Iterable[int] | np.ndarray | None = None,
        measure_ids: Sequence[str] | None = None,
        should_cancel: Callable[[], bool] | None = None,
    ) -> Iterator[tuple[int, list[Explanation]]]:
        """Enterprise by enterprise: its position and one explanation per measure (in
        ``measure_ids`` order), rendered column-wise a block of enterprises at a time.
        ``should_cancel`` is asked before each block; it raises ``CancelledError``."""
        return BulkExplainer(self, lang).iter_enterprises(positions, measure_ids, should_cancel)

    def explain(self, ent: int, measure_id: str, lang: str = "zh") -> Explanation:
        """Why enterprise at position ``ent`` got its status and amount for one measure.

        One row at a time: views call it per cell. It is the bulk rendering on a block of one
        enterprise, with each language's per-measure words kept between calls; for many rows
        use :meth:`explain_many` or :meth:`explain_enterprises`, far faster.
        """
        with self._explain_lock:
            explainer = self._explainers.get(lang)
            if explainer is None:
                explainer = self._explainers[lang] = BulkExplainer(self, lang)
            return explainer.one(measure_id, ent)

    def label_of(self, name: str, lang: str = "zh", table: Table | None = None) -> str:
        """Label of a canonical or derived field (as named in ``table`` when given)."""
        derived = self.catalogue.derived.get(name)
        if derived is not None:
            spec = derived[0]
            return spec.label_en or spec.label if lang == "en" else spec.label
        return field_label(name, lang, table)

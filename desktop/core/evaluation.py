"""What an evaluation produces, and how one decision is explained in words.

The engine fills :class:`MeasureOutcome` frames column-wise; explanations are rendered
lazily, one enterprise at a time, when a view or an export asks for them.
"""

from __future__ import annotations

import ast
import datetime as dt
import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd

from desktop.core import expr as ex
from desktop.core.catalogue import Catalogue
from desktop.core.fields import LINK_PREFIX, TABLES, FieldType, Table, field_label
from desktop.core.money import format_yuan
from desktop.core.outcomes import (
    ELIGIBLE,
    INELIGIBLE,
    INSTITUTION_BENEFICIARIES,
    INSTITUTION_FIELD,
    STATUSES,
    UNKNOWN,
    CriterionOutcome,
    Explanation,
    InstitutionExplanation,
    InstitutionOutcome,
    ItemExplanation,
    MeasureOutcome,
    PreassessmentExplanation,
    lpr_column,
    note_column,
)
from desktop.core.parameters import ParamValue, format_param
from desktop.core.policy_model import Measure
from desktop.core.portfolio import Portfolio
from desktop.core.preassess import AssessmentOutcome

_MARK = {True: "✓", False: "✗", None: "?"}
_WORDS = {
    "zh": {
        "yes": "是",
        "no": "否",
        "missing": "缺少数据",
        "of": "：",
        "list": "、",
        "yuan": "元",
        "lpr_1y": "同期1年期LPR",
        "lpr_5y": "同期5年期LPR",
        "manual": "需人工核实",
        "capped": "已按{label}（{cap}）封顶",
        "records": "{label}共{n}笔：符合{k}笔，不符合{x}笔，待补数据{u}笔",
        "amount": "测算金额：{amount}",
        "item_amount": "测算金额 {amount}",
    },
    "en": {
        "yes": "yes",
        "no": "no",
        "missing": "missing data",
        "of": ": ",
        "list": ", ",
        "yuan": " yuan",
        "lpr_1y": "1-year LPR",
        "lpr_5y": "5-year LPR",
        "manual": "To check by hand",
        "capped": "capped by {label} ({cap})",
        "records": "{label}: {n} in all, {k} eligible, {x} not eligible, {u} missing data",
        "amount": "Amount: {amount}",
        "item_amount": "amount {amount}",
    },
}


def record_words(measure: Measure, lang: str) -> tuple[str, str]:
    """The label of a measure's records in the count line (“知识产权质押贷款共3笔…”) and the
    reason given when an enterprise has none. In English, a measure without
    ``record_label_en`` names its Chinese label in brackets."""
    label = measure.record_label
    if lang == "zh":
        zh = label or "记录"
        return zh, measure.no_record_reason or zh
    if measure.record_label_en:
        en = measure.record_label_en
        return en[:1].upper() + en[1:], measure.no_record_reason_en or f"No {en}"
    if label:
        return f"Records ({label})", f"No records of this kind ({label})"
    return "Records", "No records of this kind"


def cap_label(outcome: MeasureOutcome, label: str, lang: str) -> str:
    """A cap's label (as the engine records it in ``capped_by``) in ``lang``."""
    if lang != "en":
        return label
    for cap in outcome.measure.measure.caps:
        if cap.label == label:
            return cap.label_en or label
    param = next((p for p in outcome.params.values() if p.label == label), None)
    return param.label_for(lang) if param is not None else label


def cap_reason(outcome: MeasureOutcome, label: str, lang: str) -> str:
    """“已按每家企业每年贴息上限（500,000元）封顶”: a cap that lowered a record's amount."""
    param = next((p for p in outcome.params.values() if p.label == label), None)
    cap = param.display(lang) if param is not None else ""
    return _WORDS[lang]["capped"].format(label=cap_label(outcome, label, lang), cap=cap)


def window_reason(outcome: MeasureOutcome, as_of: dt.date, lang: str) -> str | None:
    """Why a measure is not in force on the as-of date (None when it is), in ``lang``."""
    reason = outcome.window_reason
    if reason is None or lang != "en":
        return reason
    start, end = outcome.measure.in_force_window()
    if start is not None and as_of < start:
        return f"As-of date {as_of} is before the date the measure takes effect ({start})"
    if end is not None and as_of > end:
        return f"As-of date {as_of} is after the date the measure expires ({end})"
    return reason


def _is_missing(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def _opt_int(value: Any) -> int | None:
    return None if _is_missing(value) else int(value)


def format_value(value: Any, kind: FieldType, lang: str = "zh") -> str:
    """A value as a person reads it, with its unit."""
    if _is_missing(value):
        return "—"
    if kind == FieldType.MONEY:
        return format_yuan(round(float(value) * 100), "元" if lang == "zh" else " yuan")
    if kind == FieldType.RATIO:
        return f"{float(value) * 100:.4f}".rstrip("0").rstrip(".") + "%"
    if kind in (FieldType.NUMBER, FieldType.COUNT):
        number = float(value)
        return f"{number:,.0f}" if number.is_integer() else f"{number:,.4f}".rstrip("0").rstrip(".")
    if kind == FieldType.DATE:
        return pd.Timestamp(value).date().isoformat()
    if kind == FieldType.FLAG or isinstance(value, (bool, np.bool_)):
        return _WORDS[lang]["yes" if bool(value) else "no"]
    return str(value)


class _Describer:
    """Turns an expression tree into words: field labels, parameter values, LPR names."""

    def __init__(
        self,
        params: dict[str, ParamValue],
        types: dict[str, FieldType],
        lang: str,
        label: Callable[[str, str, Table | None], str],
        table: Table | None = None,
    ) -> None:
        self.params = params
        self.types = types
        self.lang = lang
        self.label = label
        self.table = table

    def text(self, node: ast.expr) -> str:
        if isinstance(node, ast.Name):
            return (
                self.label(node.id, self.lang, self.table)
                if node.id != ex.AS_OF
                else ("测算基准日" if self.lang == "zh" else "as-of date")
            )
        if isinstance(node, ast.Attribute):
            param = self.params.get(node.attr)
            if param is None:
                return node.attr
            if param.type == "multiple" and isinstance(param.value, Decimal):
                return f"{param.value.normalize():f}"
            return format_param(param.value, param.type, param.unit, lang=self.lang)
        if isinstance(node, ast.Constant):
            return str(node.value)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            if node.func.id in ("lpr_1y", "lpr_5y"):
                return _WORDS[self.lang][node.func.id]
            if node.func.id == "days_between" and len(node.args) == 2:
                a, b = (self.text(arg) for arg in node.args)
                return f"{a}至{b}天数" if self.lang == "zh" else f"days from {a} to {b}"
            return f"{node.func.id}({', '.join(self.text(a) for a in node.args)})"
        if isinstance(node, ast.BinOp):
            symbol = {ast.Mult: "×", ast.Div: "÷", ast.Add: "+", ast.Sub: "−"}[type(node.op)]
            return f"{self.text(node.left)}{symbol}{self.text(node.right)}"
        return ast.unparse(node)

    def kind(self, node: ast.expr) -> FieldType:
        return ex.infer_type(node, self.types, {})

    def detailed(
        self, node: ast.expr, value: Any, frame: pd.DataFrame, pos: int, peer: ast.expr
    ) -> str:
        """One side of a comparison with the values of the fields in a sum or difference:
        “各项贷款不良率 1.58% + 3个百分点 = 4.58%”. A ratio parameter added to a ratio reads as
        percentage points. Anything else as :meth:`side` shows it."""
        if not (isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub))):
            return self.side(node, value, peer)
        kind = self.kind(node)
        parts = []
        for operand in (node.left, node.right):
            if isinstance(operand, ast.Name) and operand.id in frame.columns:
                shown = format_value(frame[operand.id].iloc[pos], self.kind(operand), self.lang)
                parts.append(f"{self.text(operand)} {shown}")
            elif isinstance(operand, ast.Attribute) and operand.attr in self.params:
                param = self.params[operand.attr]
                if (
                    param.type == "ratio"
                    and kind == FieldType.RATIO
                    and (isinstance(param.value, Decimal))
                ):
                    points = f"{(param.value * 100).normalize():f}"
                    parts.append(
                        f"{points}个百分点" if self.lang == "zh" else f"{points} percentage points"
                    )
                else:
                    parts.append(self.text(operand))
            else:
                return self.side(node, value, peer)
        symbol = " + " if isinstance(node.op, ast.Add) else " − "
        return f"{symbol.join(parts)} = {format_value(value, kind, self.lang)}"

    def side(self, node: ast.expr, value: Any, peer: ast.expr | None = None) -> str:
        """One side of a comparison: label and value; a bare number takes its peer's unit."""
        kind = self.kind(node)
        if isinstance(node, ast.Attribute):
            param = self.params.get(node.attr)
            if param is not None:
                return format_param(param.value, param.type, param.unit, lang=self.lang)
        if peer is not None and isinstance(node, (ast.Constant, ast.IfExp)):
            kind = self.kind(peer)
        shown = format_value(value, kind, self.lang)
        if isinstance(node, (ast.Constant, ast.IfExp)):
            return shown
        return (
            f"{self.text(node)} {shown}"
            if isinstance(node, ast.Name)
            else f"{self.text(node)} = {shown}"
        )


@dataclass(frozen=True)
class EvaluationRequest:
    """What an evaluation was asked for, besides the portfolio and catalogue: enough to run
    it again elsewhere (the export runs in a child process, see :mod:`desktop.export.process`)
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
        self._types = catalogue.field_types()

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
        (a bank's portfolio has a handful of institutions: rendered one at a time)."""
        for measure_id in measure_ids if measure_ids is not None else self.institution_outcomes:
            inst = self.institution_outcomes[measure_id]
            for pos in range(len(inst.institutions)):
                yield self.explain_institution(pos, measure_id, lang)

    def explain_institution(
        self, pos: int, measure_id: str, lang: str = "zh"
    ) -> InstitutionExplanation:
        """Why the ``pos``-th looked-at institution of a measure about institutions got its
        status: each condition with the values on both sides (e.g. “小微型科创企业贷款不良率
        4.92% > 各项贷款不良率 1.58% + 3个百分点 = 4.58%”), or the fields it lacks."""
        inst = self.institution_outcomes[measure_id]
        outcome = inst.outcome
        m = outcome.measure.measure
        describer = _Describer(
            {p.name: p for p in outcome.params.values()},
            self._types,
            lang,
            self.label_of,
            Table.INSTITUTIONS,
        )
        status = str(outcome.enterprise["status"].iloc[pos])
        reasons: list[str] = []
        missing: list[str] = []
        window = window_reason(outcome, self.as_of, lang)
        if window:
            reasons.append(window)
        frame = inst.institutions
        for c in outcome.conditions:
            text, lacking = self._criterion_text(c, pos, frame, describer, lang, detailed=True)
            reasons.append(text)
            missing += [f"{Table.INSTITUTIONS.value}.{f}" for f in lacking]
        amount = (
            _opt_int(outcome.enterprise["amount_fen"].iloc[pos])
            if ("amount_fen" in outcome.enterprise.columns)
            else None
        )
        if status == UNKNOWN:
            for text, key in _unset_parameters(outcome, lang):
                reasons.append(text)
                missing.append(key)
        words = _WORDS[lang]
        if amount is not None:
            reasons.append(words["amount"].format(amount=format_yuan(amount, words["yuan"])))
        if status != INELIGIBLE:
            reasons += [
                f"{words['manual']}{words['of']}{check}" for check in m.manual_checks_for(lang)
            ]
        kind = frame["institution_type"].iloc[pos] if "institution_type" in frame else None
        return InstitutionExplanation(
            institution=str(frame["institution"].iloc[pos]),
            institution_type=None if _is_missing(kind) else str(kind),
            measure_id=measure_id,
            status=status,
            reasons=reasons,
            missing=[] if status == INELIGIBLE else list(dict.fromkeys(missing)),
            row=int(inst.rows[pos]),
        )

    # -- explanations
    def explain_many(
        self,
        measure_id: str,
        positions: Iterable[int] | np.ndarray | None = None,
        lang: str = "zh",
    ) -> Iterator[Explanation]:
        """``explain(ent, measure_id, lang)`` for each position (default: every enterprise),
        rendered column-wise a block at a time (see :mod:`desktop.core.explain`)."""
        from desktop.core.explain import BulkExplainer

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
        from desktop.core.explain import BulkExplainer

        return BulkExplainer(self, lang).iter_enterprises(positions, measure_ids, should_cancel)

    def explain(self, ent: int, measure_id: str, lang: str = "zh") -> Explanation:
        """Why enterprise at position ``ent`` got its status and amount for one measure.

        One row at a time: views call it per cell. For many rows use :meth:`explain_many`
        or :meth:`explain_enterprises`, which give identical explanations far faster.
        """
        outcome = self.outcomes[measure_id]
        m = outcome.measure.measure
        words = _WORDS[lang]
        describer = _Describer(
            {p.name: p for p in outcome.params.values()}, self._types, lang, self.label_of
        )
        row = outcome.enterprise.iloc[ent]
        status = str(row["status"])
        amount = row.get("amount_fen")
        amount_fen = _opt_int(amount)
        reasons: list[str] = []
        missing: list[str] = []
        window = window_reason(outcome, self.as_of, lang)
        if window:
            reasons.append(window)
        for c in outcome.conditions:
            text, lacking = self._criterion_text(c, ent, self.enterprises, describer, lang)
            reasons.append(text)
            missing += [f"{Table.ENTERPRISES.value}.{f}" for f in lacking]

        items: list[ItemExplanation] = []
        if outcome.records is not None and m.records is not None:
            table = Table(m.records)
            source = self.portfolio.table(table)
            positions = outcome.record_positions(ent)
            for pos in positions:
                items.append(self._item(outcome, int(pos), table, source, describer, lang))
            label, no_records = record_words(m, lang)
            if not len(positions):
                reasons.append(no_records)
            else:
                n_ok = sum(i.status == ELIGIBLE for i in items)
                n_unknown = sum(i.status == UNKNOWN for i in items)
                reasons.append(
                    words["records"].format(
                        label=label,
                        n=len(items),
                        k=n_ok,
                        x=len(items) - n_ok - n_unknown,
                        u=n_unknown,
                    )
                )
            if status != INELIGIBLE:
                for item in items:
                    if item.status == UNKNOWN:
                        missing += [m_ for m_ in item.missing if m_ not in missing]
        elif (
            "capped_by" in outcome.enterprise.columns and outcome.enterprise["capped_by"].iloc[ent]
        ):
            label = cap_label(outcome, str(outcome.enterprise["capped_by"].iloc[ent]), lang)
            reasons.append(words["capped"].format(label=label, cap=""))
        if status == UNKNOWN:
            for text, key in _unset_parameters(outcome, lang):
                reasons.append(text)
                missing.append(key)
        if amount_fen is not None:
            reasons.append(words["amount"].format(amount=format_yuan(amount_fen, words["yuan"])))
            capped = sorted({i.capped_by for i in items if i.capped_by})
            for label in capped:
                reasons.append(cap_reason(outcome, label, lang))
        note = (
            outcome.enterprise[note_column(lang)].iloc[ent]
            if (note_column(lang) in outcome.enterprise.columns)
            else None
        )
        if not _is_missing(note) and note:
            reasons += str(note).splitlines()
        if status != INELIGIBLE:
            reasons += [
                f"{words['manual']}{words['of']}{check}" for check in m.manual_checks_for(lang)
            ]
        enterprise = self.enterprises.iloc[ent]
        return Explanation(
            uscc=str(enterprise["uscc"]),
            name=str(enterprise["name"]),
            measure_id=measure_id,
            status=status,
            amount_fen=amount_fen,
            reasons=reasons,
            missing=list(dict.fromkeys(missing)),
            items=items,
        )

    def _item(
        self,
        outcome: MeasureOutcome,
        pos: int,
        table: Table,
        source: pd.DataFrame,
        describer: _Describer,
        lang: str,
    ) -> ItemExplanation:
        rec = outcome.records
        assert rec is not None
        reasons: list[str] = []
        missing: list[str] = []
        row_in_source = int(rec["row"].iloc[pos])
        linked = {c: rec[c].iloc[pos] for c in rec.columns if c.startswith(LINK_PREFIX)}
        frame = _RecordView(
            source, self.enterprises, row_in_source, int(rec["ent"].iloc[pos]), table, linked
        )
        describer = _Describer(describer.params, describer.types, lang, self.label_of, table)
        gate = outcome.enterprise["gate"].iloc[int(rec["ent"].iloc[pos])]
        if gate is pd.NA:
            reasons.append(
                "? 企业层面条件待补数据（见上）"
                if lang == "zh"
                else "? enterprise conditions undecided (see above)"
            )
        elif not bool(gate):
            reasons.append(
                "✗ 企业层面条件不满足（见上）"
                if lang == "zh"
                else "✗ enterprise conditions not met (see above)"
            )
        for c in outcome.record_conditions:
            text, lacking = self._criterion_text(c, pos, frame, describer, lang)
            if c.status.iloc[pos] is not pd.NA:
                text += self.lpr_suffix(rec, pos, lpr_calls_of(c.expr), lang)
            reasons.append(text)
            missing += [frame.key_of(f, table) for f in lacking]
        status = str(rec["status"].iloc[pos])
        raw = rec["raw_fen"].iloc[pos] if "raw_fen" in rec.columns else None
        amount = rec["amount_fen"].iloc[pos] if "amount_fen" in rec.columns else None
        if status == UNKNOWN:
            for text, key in _unset_parameters(outcome, lang):
                reasons.append(text)
                missing.append(key)
        if status == UNKNOWN and outcome.measure.amount is not None and _is_missing(raw):
            lacking = [f for f in sorted(outcome.measure.amount.fields) if frame.missing(f)]
            missing += [frame.key_of(f, table) for f in lacking]
            if lacking:
                names = _WORDS[lang]["list"].join(self.label_of(f, lang, table) for f in lacking)
                reasons.append(
                    f"? {outcome.measure.measure.amount_label or 'amount'}：缺少 {names}"
                    if lang == "zh"
                    else f"? amount: missing {names}"
                )
        if not _is_missing(raw):
            for field_name, text in outcome.measure.measure.fallback_notes_for(lang).items():
                if frame.missing(field_name):
                    reasons.append(f"ℹ {text}")
            used = self.lpr_suffix(rec, pos, amount_lpr_calls(outcome), lang, amount=True)
            if used:
                reasons.append(used)
        column = note_column(lang)
        note = rec[column].iloc[pos] if column in rec.columns else None
        if not _is_missing(note) and note:
            reasons += str(note).splitlines()
        year = rec["year"].iloc[pos] if "year" in rec.columns else None
        capped = rec["capped_by"].iloc[pos] if "capped_by" in rec.columns else None
        return ItemExplanation(
            record=str(rec["record_id"].iloc[pos]),
            table=table.value,
            status=status,
            amount_fen=_opt_int(amount) if status == ELIGIBLE else None,
            raw_fen=_opt_int(raw),
            year=_opt_int(year),
            capped_by=None if _is_missing(capped) else str(capped),
            reasons=reasons,
            missing=list(dict.fromkeys(missing)),
        )

    def lpr_note(self, tenor: str, fixing: int, lang: str) -> str:
        """“同期1年期LPR 3.45%，2023-08-21公布”: a fixing of ``reference/lpr.yaml``."""
        key = (tenor, fixing, lang)
        cache = self.__dict__.setdefault("_lpr_notes", {})
        text = cache.get(key)
        if text is None:
            rates = self.catalogue.lpr
            assert rates is not None
            value = format_value(float(rates.rates(tenor)[fixing]), FieldType.RATIO, lang)
            day = rates.dates()[fixing].isoformat()
            name = _WORDS[lang][f"lpr_{tenor}"]
            text = (
                f"{name} {value}，{day}公布" if lang == "zh" else f"{name} {value}, published {day}"
            )
            cache[key] = text
        return str(text)

    def lpr_suffix(
        self,
        rec: pd.DataFrame,
        pos: int,
        calls: Sequence[tuple[str, str]],
        lang: str,
        amount: bool = False,
    ) -> str:
        """The LPR fixings a record's condition (or amount) used, for its reason text:
        “（同期1年期LPR 3.45%，2023-08-21公布）”; "" when none is known."""
        notes = []
        for tenor, date_field in calls:
            column = lpr_column(tenor, date_field)
            if column in rec.columns:
                fixing = int(rec[column].iloc[pos])
                if fixing >= 0:
                    notes.append(self.lpr_note(tenor, fixing, lang))
        return lpr_text(notes, lang, amount)

    def label_of(self, name: str, lang: str = "zh", table: Table | None = None) -> str:
        """Label of a canonical or derived field (as named in ``table`` when given)."""
        derived = self.catalogue.derived.get(name)
        if derived is not None:
            spec = derived[0]
            return spec.label_en or spec.label if lang == "en" else spec.label
        return field_label(name, lang, table)

    def _missing_fields(self, names: Iterable[str], frame: Any, pos: int) -> list[str]:
        """Fields that are missing in this row; a derived field is traced to its inputs."""
        lacking: list[str] = []
        for name in sorted(names):
            derived = self.catalogue.derived.get(name)
            if derived is not None and not derived[0].fills:
                if isinstance(frame, _RecordView):
                    inner = [f for f in sorted(derived[1].fields) if frame.missing(f)]
                else:
                    inner = [f for f in sorted(derived[1].fields) if frame_missing(frame, f, pos)]
                lacking += [f for f in inner if f not in lacking]
            elif frame_missing(frame, name, pos) and name not in lacking:
                # A field filled from another column (district from address) is reported
                # as itself: the spreadsheet column to complete.
                lacking.append(name)
        return lacking

    def _criterion_text(
        self,
        c: CriterionOutcome,
        pos: int,
        frame: Any,
        describer: _Describer,
        lang: str,
        detailed: bool = False,
    ) -> tuple[str, list[str]]:
        value = c.status.iloc[pos]
        state = None if value is pd.NA else bool(value)
        label = c.label_for(lang)
        sep = _WORDS[lang]["of"]
        if state is None:
            lacking = self._missing_fields(c.expr.fields, frame, pos)
            table = frame.table if isinstance(frame, _RecordView) else None
            names = (
                _WORDS[lang]["list"].join(self.label_of(f, lang, table) for f in lacking)
                or _WORDS[lang]["missing"]
            )
            word = "缺少" if lang == "zh" else "missing "
            return f"? {label}{sep}{word}{names}", lacking
        comparison = c.expr.comparison
        if comparison is not None and c.left is not None:
            left_node, op, right_node = comparison
            left = describer.side(left_node, c.left.iloc[pos], right_node)
            if c.right is None:
                return f"{_MARK[state]} {label}{sep}{left}", []
            shown_op = op if state else ex.NEGATED_OP[op]
            right = describer.side(right_node, c.right.iloc[pos], left_node)
            if detailed:
                left = describer.detailed(left_node, c.left.iloc[pos], frame, pos, right_node)
                right = describer.detailed(right_node, c.right.iloc[pos], frame, pos, left_node)
            return f"{_MARK[state]} {label}{sep}{left} {ex.DISPLAY_OP[shown_op]} {right}", []
        word = _WORDS[lang]["yes" if state else "no"]
        return f"{_MARK[state]} {label}{sep}{word}", []


def lpr_calls_of(expr: ex.Expr) -> list[tuple[str, str]]:
    return ex.lpr_calls(expr.tree)


def amount_lpr_calls(outcome: MeasureOutcome) -> list[tuple[str, str]]:
    """LPR calls of the amount formula not already shown with a record condition."""
    amount = outcome.measure.amount
    if amount is None:
        return []
    shown = {call for c in outcome.record_conditions for call in lpr_calls_of(c.expr)}
    return [call for call in lpr_calls_of(amount) if call not in shown]


def lpr_text(notes: Sequence[str], lang: str, amount: bool = False) -> str:
    if not notes:
        return ""
    if amount:
        return ("ℹ 测算所用" if lang == "zh" else "ℹ used: ") + (
            "；" if lang == "zh" else "; "
        ).join(notes)
    if lang == "zh":
        return "（" + "；".join(notes) + "）"
    return " (" + "; ".join(notes) + ")"


def _unset_parameters(outcome: MeasureOutcome, lang: str) -> list[tuple[str, str]]:
    """Reasons and missing keys for the measure's parameters that are not set."""
    out = []
    for param in outcome.params.values():
        if param.value is None:
            if lang == "zh":
                text = f"? 参数「{param.label}」未设定（政策原文未给出数值），请在参数中填写"
            else:
                text = f"? parameter '{param.label_en or param.label}' is not set"
            out.append((text, f"parameters.{param.key}"))
    return out


def explain_preassessment(
    evaluation: Evaluation, ent: int, assessment_id: str, lang: str = "zh"
) -> PreassessmentExplanation:
    """Each condition and indicator of one pre-assessment for one enterprise, in words."""
    outcome = evaluation.preassessments[assessment_id]
    a = outcome.compiled.assessment
    describer = _Describer({}, evaluation._types, lang, evaluation.label_of)
    reasons: list[str] = []
    missing: list[str] = []
    for c in outcome.conditions:
        text, lacking = evaluation._criterion_text(c, ent, evaluation.enterprises, describer, lang)
        reasons.append(text)
        missing += [f"enterprises.{f}" for f in lacking]
    for ind in outcome.indicators:
        parts = []
        for parsed, values, points in zip(
            outcome.compiled.indicators[outcome.indicators.index(ind)][1],
            ind.values,
            ind.points,
            strict=True,
        ):
            value = values.iloc[ent]
            if _is_missing(value):
                lacking = evaluation._missing_fields(parsed.fields, evaluation.enterprises, ent)
                missing += [f"enterprises.{f}" for f in lacking]
                names = _WORDS[lang]["list"].join(evaluation.label_of(f, lang) for f in lacking)
                parts.append(
                    f"{describer.text(parsed.tree)}：缺少{names}"
                    if lang == "zh"
                    else f"{describer.text(parsed.tree)}: missing {names}"
                )
            else:
                kind = FieldType.RATIO if "/" in parsed.source else FieldType.COUNT
                shown = format_value(value, kind, lang)
                parts.append(f"{describer.text(parsed.tree)} {shown} → {points.iloc[ent]:g}分")
        low, high = ind.low[ent], ind.high[ent]
        score = f"{low:g}分" if low == high else f"{low:g}–{high:g}分"
        mark = "✓" if low == high else "?"
        reasons.append(
            f"{mark} {ind.indicator.label}（满分{ind.indicator.max}）：{score}；" + "；".join(parts)
        )
    low = high = None
    if outcome.score_low is not None and outcome.score_high is not None:
        low, high = float(outcome.score_low[ent]), float(outcome.score_high[ent])
        assert a.score is not None
        total = f"{low:g}" if low == high else f"{low:g}–{high:g}"
        reasons.append(
            f"合计得分 {total} 分（达标线 {a.score.pass_mark} 分）"
            if lang == "zh"
            else f"Total {total} (pass mark {a.score.pass_mark})"
        )
    if outcome.direct is not None and a.direct is not None:
        value = outcome.direct.iloc[ent]
        state = None if value is pd.NA else bool(value)
        reasons.append(f"{_MARK[state]} {a.direct.label}")
    status = str(outcome.status[ent])
    if status != INELIGIBLE:
        reasons += [f"{_WORDS[lang]['manual']}{_WORDS[lang]['of']}{m}" for m in a.manual_checks]
    return PreassessmentExplanation(
        id=a.id,
        label=a.label if lang == "zh" else (a.label_en or a.label),
        status=status,
        score_low=low,
        score_high=high,
        reasons=reasons,
        missing=[] if status == INELIGIBLE else list(dict.fromkeys(missing)),
        note=a.note,
        source=a.source,
    )


class _RecordView:
    """Looks a field up on a record first, then on its enterprise (as the engine joins them)."""

    def __init__(
        self,
        records: pd.DataFrame,
        enterprises: pd.DataFrame,
        row: int,
        ent: int,
        table: Table | None = None,
        linked: dict[str, Any] | None = None,
    ) -> None:
        self.table = table
        self.linked = linked or {}
        self.records = records
        self.enterprises = enterprises
        self.row = row
        self.ent = ent

    def value(self, name: str) -> Any:
        if name in self.records.columns:
            return self.records[name].iloc[self.row]
        if name in self.linked:
            return self.linked[name]
        if name in self.enterprises.columns:
            return self.enterprises[name].iloc[self.ent]
        return None

    def missing(self, name: str) -> bool:
        return _is_missing(self.value(name))

    def key_of(self, name: str, table: Table) -> str:
        """``table.field`` of a field as the user's spreadsheet holds it."""
        if name in self.linked:
            return f"{Table.LOANS.value}.{name.removeprefix(LINK_PREFIX)}"
        return f"{self.table_of(name, table).value}.{name}"

    def table_of(self, name: str, table: Table) -> Table:
        if name in self.linked:
            return Table.LOANS
        return table if name in TABLES[table].by_name() else Table.ENTERPRISES


def frame_missing(frame: Any, name: str, pos: int) -> bool:
    if isinstance(frame, _RecordView):
        return frame.missing(name)
    if name not in frame.columns:
        return False
    return _is_missing(frame[name].iloc[pos])

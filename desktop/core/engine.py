"""Evaluate every measure for every enterprise and record, column-wise.

``evaluate_portfolio`` is a plain function with ``progress`` and ``should_cancel`` callbacks,
so the GUI runs it on a worker thread and tests call it directly. The hot path works on
whole columns; only amounts that float arithmetic cannot round safely are recomputed one row
at a time with Decimal (see :mod:`desktop.core.money`).
"""

from __future__ import annotations

import ast
import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd

from desktop.core import expr as ex
from desktop.core.catalogue import Catalogue, CompiledMeasure
from desktop.core.evaluation import Evaluation, EvaluationRequest
from desktop.core.explain.words import out_of_force
from desktop.core.fields import (
    LINK_PREFIX,
    RECORD_TABLES,
    TABLES,
    Table,
    linked_fields,
    tables_linking_loans,
)
from desktop.core.invariants import check_invariants
from desktop.core.money import half_up_fen, yuan_to_fen
from desktop.core.outcomes import (
    ELIGIBLE,
    INELIGIBLE,
    STATUSES,
    UNKNOWN,
    CriterionOutcome,
    InstitutionOutcome,
    MeasureOutcome,
    lpr_column,
)
from desktop.core.parameters import ParamValue, resolve_parameters, stacking_picks
from desktop.core.policy_model import Cap, Criterion, Measure, as_of_problem
from desktop.core.portfolio import Portfolio
from desktop.core.preassess import run_assessment
from desktop.core.stacking import apply_stacking
from desktop.errors import CancelledError, ParameterError
from desktop.i18n import text

Progress = Callable[[float, str], None]
ShouldCancel = Callable[[], bool]


_CODE = {status: code for code, status in enumerate(STATUSES)}


def _statuses(codes: np.ndarray, index: pd.Index | None = None) -> pd.Series:
    """Status labels from integer codes (building a Categorical from strings is slow)."""
    categorical = pd.Categorical.from_codes(codes.astype(np.int8), categories=pd.Index(STATUSES))
    return pd.Series(categorical, index=index)


def _status_from(flags: pd.Series) -> pd.Series:
    """Three-valued boolean → status labels."""
    codes = np.where(
        flags.fillna(False).to_numpy(dtype=bool),
        _CODE[ELIGIBLE],
        np.where(flags.isna().to_numpy(), _CODE[UNKNOWN], _CODE[INELIGIBLE]),
    )
    return _statuses(codes, flags.index)


def _true(index: pd.Index) -> pd.Series:
    return pd.Series(True, index=index, dtype="boolean")


class _Overlay(Mapping[str, pd.Series]):
    """A frame's columns with new ones laid over them, without copying the frame."""

    def __init__(self, base: pd.DataFrame, new: pd.DataFrame) -> None:
        self._base = base
        self._new = new

    def __getitem__(self, name: str) -> pd.Series:
        if name in self._new.columns:
            return self._new[name]
        return self._base[name]

    def __contains__(self, name: object) -> bool:
        return name in self._new.columns or name in self._base.columns

    def __iter__(self) -> Iterator[str]:
        return iter([*map(str, self._base.columns), *map(str, self._new.columns)])

    def __len__(self) -> int:
        return len(self._base.columns) + len(self._new.columns)


def add_derived(
    frame: pd.DataFrame,
    catalogue: Catalogue,
    table: Table,
    as_of: dt.date,
    *,
    only_derived: bool = False,
) -> pd.DataFrame:
    """Columns defined in ``policies/reference/derived.yaml`` for ``table``: the frame with
    them added, or (``only_derived``) a frame of just those columns and their flags, without
    copying ``frame``."""
    out = pd.DataFrame(index=frame.index) if only_derived else frame.copy()
    columns: Mapping[str, pd.Series] | pd.DataFrame = _Overlay(frame, out) if only_derived else out
    for name, (spec, parsed) in catalogue.derived.items():
        if spec.table != table.value:
            continue
        ops = ex.VectorOps(
            columns,
            {},
            index=out.index,
            as_of=as_of,
            rates=catalogue.lpr,
            sme=catalogue.sme,
            districts=catalogue.district_cities,
        )
        value = ex.evaluate(parsed, ops)
        if spec.type == "flag":
            value = ops.as_bool(value)
        if spec.fills and name in columns:
            given = columns[name]
            filled = ops.as_series(value)
            out[derived_flag(name)] = (given.isna() & filled.notna()).to_numpy()
            value = given.astype(object).where(given.notna(), filled.astype(object))
        out[name] = value
        lpr = lpr_lookup(parsed)
        if lpr is not None and catalogue.lpr is not None:
            # The publication date of the fixing the value comes from (its source).
            out[lpr_from(name)] = lpr_fixing_dates(catalogue, columns[lpr[1]])
    return out


def derived_flag(name: str) -> str:
    """Column that marks which values of a filled field were derived, not given."""
    return f"{name}__derived"


def lpr_from(name: str) -> str:
    """Column with the publication date of the LPR fixing a derived LPR field comes from."""
    return f"{name}__from"


def lpr_lookup(parsed: ex.Expr) -> tuple[str, str] | None:
    """``(tenor, date field)`` when a formula is exactly ``lpr_1y(field)`` or ``lpr_5y(field)``."""
    calls = ex.lpr_calls(parsed.tree)
    if len(calls) == 1 and isinstance(parsed.tree, ast.Call):
        return calls[0]
    return None


def lpr_fixing_dates(catalogue: Catalogue, dates: pd.Series) -> pd.Series:
    """Per date, the publication date of the LPR fixing in force (NaT when unknown): the same
    lookup ``lpr_1y``/``lpr_5y`` use (:func:`desktop.core.expr.lpr_positions`)."""
    assert catalogue.lpr is not None
    pos = ex.lpr_positions(catalogue.lpr, dates)
    effective = np.array([np.datetime64(d, "ns") for d in catalogue.lpr.dates()])
    out = np.where(pos >= 0, effective[np.clip(pos, 0, None)], np.datetime64("NaT", "ns"))
    return pd.Series(out, index=dates.index, dtype="datetime64[ns]")


def record_derived(
    portfolio: Portfolio, catalogue: Catalogue, as_of: dt.date
) -> dict[Table, pd.DataFrame]:
    """Derived attributes of record tables (``table: loans`` in ``reference/derived.yaml``),
    one frame per table with derived fields: only the derived columns (and each LPR's
    ``__from`` publication date), row for row with ``portfolio.table(table)``."""
    out: dict[Table, pd.DataFrame] = {}
    for table in RECORD_TABLES:
        names = [n for n, (spec, _) in catalogue.derived.items() if spec.table == table.value]
        if not names:
            continue
        frame = portfolio.table(table)
        out[table] = add_derived(frame, catalogue, table, as_of, only_derived=True).reset_index(
            drop=True
        )
    return out


_Evaluated = tuple[pd.Series, pd.Series | None, pd.Series | None, str | None]


def _evaluate_criterion(parsed: ex.Expr, ops: ex.VectorOps) -> _Evaluated:
    """Status and, for a single comparison, both sides (each side evaluated once)."""
    comparison = parsed.comparison
    if comparison is None:
        return ops.as_bool(ex.evaluate(parsed, ops)), None, None, None
    left_node, op, right_node = comparison
    left_value = ex.evaluate(left_node, ops)
    left = ops.as_series(left_value)
    if op in ("in", "not in"):
        assert isinstance(right_node, (ast.Tuple, ast.List))
        values = [c.value for c in right_node.elts if isinstance(c, ast.Constant)]
        return ops.member(left_value, values, op == "not in"), left, None, op
    right_value = ex.evaluate(right_node, ops)
    status = ops.compare(op, left_value, right_value)
    return status, left, ops.as_series(right_value), op


def _criterion(
    cid: str,
    label: str,
    label_en: str | None,
    level: str,
    parsed: ex.Expr,
    ops: ex.VectorOps,
    cache: dict[tuple[object, ...], _Evaluated] | None = None,
) -> CriterionOutcome:
    """One condition over all rows; enterprise conditions repeated across measures (the same
    test with the same parameter values) are evaluated once per run through ``cache``."""
    key: tuple[object, ...] = (
        parsed.source,
        *sorted((n, str(ops.params.get(n))) for n in parsed.params),
    )
    evaluated = cache.get(key) if cache is not None else None
    if evaluated is None:
        evaluated = _evaluate_criterion(parsed, ops)
        if cache is not None:
            cache[key] = evaluated
    status, left, right, op = evaluated
    return CriterionOutcome(
        id=cid,
        label=label,
        label_en=label_en,
        level=level,
        expr=parsed,
        status=status,
        left=left,
        right=right,
        op=op,
    )


def _round_amounts(
    parsed: ex.Expr,
    ops: ex.VectorOps,
    columns: Mapping[str, pd.Series] | pd.DataFrame,
    params: Mapping[str, Any],
    as_of: dt.date,
    catalogue: Catalogue,
    index: pd.Index,
) -> pd.Series:
    """The formula's value per row in integer 分 (nullable), exact to ROUND_HALF_UP."""
    raw = ops.as_numeric(ops.as_series(ex.evaluate(parsed, ops)))
    values = raw.to_numpy(dtype=float)
    fen, doubtful = half_up_fen(values)
    missing = np.isnan(values)
    doubtful &= ~missing
    doubtful_rows = np.flatnonzero(doubtful)
    if doubtful_rows.size:
        # Recompute just these rows in Decimal, a column at a time.
        subset = {
            name: ex.DecimalArrayOps.decimal_column(columns[name].iloc[doubtful_rows])
            for name in parsed.fields
            if name in columns
        }
        exact_ops = ex.DecimalArrayOps(
            subset, params, length=int(doubtful_rows.size), as_of=as_of, rates=catalogue.lpr
        )
        exact = ex.evaluate(parsed, exact_ops)
        if not isinstance(exact, np.ndarray):
            exact = np.full(doubtful_rows.size, exact, dtype=object)
        for pos, value in zip(doubtful_rows, exact, strict=True):
            if value is None:
                missing[pos] = True
            else:
                fen[pos] = yuan_to_fen(Decimal(value))
    result = pd.array(fen, dtype="Int64")
    result[missing] = pd.NA
    return pd.Series(result, index=index)


def _date_order(measure: CompiledMeasure, columns: Mapping[str, pd.Series], n: int) -> np.ndarray:
    """Sort key for sharing a cap: the date the record's year comes from (blank dates last)."""
    for name in sorted(measure.year.fields) if measure.year is not None else []:
        column = columns.get(name)
        if column is not None and pd.api.types.is_datetime64_any_dtype(column):
            values = column.to_numpy(dtype="datetime64[ns]").astype(np.int64)
            values[column.isna().to_numpy()] = np.iinfo(np.int64).max
            return values
    return np.zeros(n, dtype=np.int64)


def _linked_names(measure: CompiledMeasure) -> list[str]:
    """The ``loan_*`` fields a measure's expressions use (kept for its explanations)."""
    exprs = [measure.filter, measure.amount, *(e for _, e in measure.record_conditions)]
    used = set().union(*(e.fields for e in exprs if e is not None))
    return sorted(n for n in used if n.startswith(LINK_PREFIX) and n in linked_fields())


def _lpr_calls(measure: CompiledMeasure) -> list[tuple[str, str]]:
    exprs = [*(e for _, e in measure.record_conditions), measure.amount]
    out: list[tuple[str, str]] = []
    for e in exprs:
        if e is not None:
            out += [c for c in ex.lpr_calls(e.tree) if c not in out]
    return out


class _JoinedColumns(Mapping[str, pd.Series]):
    """A record table's columns, then its enterprise's, then its linked loan's — built lazily.

    Expressions touch a handful of fields; joining every enterprise column onto every record
    for every measure would dominate the run time, so each column is joined on first use
    and kept for the next measure on the same table.
    """

    def __init__(
        self,
        records: pd.DataFrame,
        enterprises: pd.DataFrame,
        ent_pos: np.ndarray,
        loans: pd.DataFrame | None,
        derived: pd.DataFrame | None = None,
    ) -> None:
        self._records = records
        # the records' derived columns, row for row (reference/derived.yaml, table: loans …)
        self._derived = derived if derived is not None else pd.DataFrame(index=records.index)
        self._enterprises = enterprises
        self._ent_pos = ent_pos
        self._loans = loans
        self._loan_pos: tuple[np.ndarray, np.ndarray] | None = None
        self._cache: dict[str, pd.Series] = {}
        names = [str(c) for c in records.columns]
        names += [str(c) for c in self._derived.columns if c not in names]
        if loans is not None:
            names += [n for n in linked_fields() if n not in names]
        names += [str(c) for c in enterprises.columns if c not in names]
        self._names = names
        self._known = set(names)

    def __getitem__(self, name: str) -> pd.Series:
        cached = self._cache.get(name)
        if cached is not None:
            return cached
        if name not in self._known:
            raise KeyError(name)
        if name in self._records.columns:
            column = self._records[name].reset_index(drop=True)
        elif name in self._derived.columns:
            column = self._derived[name].reset_index(drop=True)
        elif name.startswith(LINK_PREFIX) and self._loans is not None:
            column = self._linked(name)
        else:
            column = self._enterprises[name].iloc[self._ent_pos].reset_index(drop=True)
        self._cache[name] = column
        return column

    def __contains__(self, name: object) -> bool:
        return name in self._known

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def _linked(self, name: str) -> pd.Series:
        """The field of the loan each record names (same id and credit code); else blank."""
        assert self._loans is not None
        if self._loan_pos is None:
            loans = self._loans
            key = loans["loan_id"].astype(str) + "\x00" + loans["uscc"].astype(str)
            lookup = pd.Series(np.arange(len(loans)), index=key.to_numpy())
            lookup = lookup[~lookup.index.duplicated()]
            wanted = (
                self._records["loan_id"].astype(str) + "\x00" + self._records["uscc"].astype(str)
            )
            pos = lookup.reindex(wanted.to_numpy()).to_numpy()
            found = ~np.isnan(pos.astype(float))
            self._loan_pos = (np.where(found, pos, 0).astype(np.int64), found)
        take, found = self._loan_pos
        source = self._loans[name.removeprefix(LINK_PREFIX)]
        if not len(source):
            return pd.Series([None] * len(take), dtype=object)
        return source.iloc[take].reset_index(drop=True).mask(pd.Series(~found))


class _Subset(Mapping[str, pd.Series]):
    """The rows ``keep`` of lazily joined columns, each cut on first use."""

    def __init__(self, base: Mapping[str, pd.Series], keep: np.ndarray) -> None:
        self._base = base
        self._keep = keep
        self._cache: dict[str, pd.Series] = {}

    def __getitem__(self, name: str) -> pd.Series:
        cached = self._cache.get(name)
        if cached is None:
            cached = self._base[name][self._keep].reset_index(drop=True)
            self._cache[name] = cached
        return cached

    def __contains__(self, name: object) -> bool:
        return name in self._base

    def __iter__(self) -> Iterator[str]:
        return iter(self._base)

    def __len__(self) -> int:
        return len(self._base)


# records, their enterprise positions, their row positions in the table, the joined columns
_Join = tuple[pd.DataFrame, np.ndarray, np.ndarray, "_JoinedColumns"]


def _joined(
    cache: dict[Table, _Join],
    table: Table,
    portfolio: Portfolio,
    enterprises: pd.DataFrame,
    derived: Mapping[Table, pd.DataFrame] | None = None,
) -> _Join:
    """Records of ``table`` whose enterprise is known, their enterprise positions, columns."""
    if table not in cache:
        records = portfolio.table(table)
        codes = pd.Index(enterprises["uscc"].to_numpy(dtype=object))
        wanted = records["uscc"].to_numpy(dtype=object)
        if codes.is_unique:
            ent_pos = codes.get_indexer(wanted)
        else:  # the reader merges duplicate codes; plain frames may not: first one wins
            first = pd.Series(np.arange(len(codes)), index=codes)[~codes.duplicated()]
            ent_pos = first.reindex(wanted).fillna(-1).to_numpy().astype(np.int64)
        known = ent_pos >= 0
        # Row positions in the portfolio's table (its index labels may be anything).
        source_rows = np.flatnonzero(known)
        records = records.iloc[source_rows]
        positions = ent_pos[known].astype(np.int64)
        loans = portfolio.loans if table in tables_linking_loans() else None
        extra = (derived or {}).get(table)
        joined = _JoinedColumns(
            records,
            enterprises,
            positions,
            loans,
            None if extra is None else extra.iloc[source_rows].reset_index(drop=True),
        )
        cache[table] = (records, positions, source_rows, joined)
    return cache[table]


def _cap_fen(cap: ex.Expr, params: Mapping[str, Any], as_of: dt.date) -> int | None:
    """A cap formula (parameters only) in whole 分; None when a parameter is not set."""
    value = ex.evaluate(cap, ex.ExactOps({}, params, as_of=as_of))
    return None if value is None else yuan_to_fen(Decimal(value))


def _allocate(amount: pd.Series, groups: list[pd.Series], cap_fen: int) -> pd.Series:
    """Share a cap across each group's records in order: first come, first served."""
    if amount.empty:
        return amount
    frame = pd.DataFrame({f"g{i}": g for i, g in enumerate(groups)})
    frame["amount"] = amount.astype("int64")
    cumulative = frame.groupby([f"g{i}" for i in range(len(groups))], sort=False)["amount"].cumsum()
    before = cumulative - frame["amount"]
    allocated = (cap_fen - before).clip(lower=0).clip(upper=frame["amount"])
    return allocated.astype("int64")


def _window_reason(measure: CompiledMeasure, as_of: dt.date) -> str | None:
    """Why the measure is not in force on ``as_of`` (None when it is). A measure on dated
    records that expired before ``as_of`` still pays the records dated within its window
    (tested per record, :func:`_record_window`), so only a measure not yet in force is out."""
    start, end = measure.in_force_window()
    if (
        end is not None
        and as_of > end
        and _record_date(measure) is not None
        and (start is None or as_of >= start)
    ):
        return None
    return out_of_force(measure.in_force_window(), as_of)


# The record's own date, on which a measure's in-force window is tested: a loan's drawdown,
# a guarantee's or policy's start, the date of a loss, an event, a project, an investment.
RECORD_DATES: dict[Table, str] = {
    Table.LOANS: "start_date",
    Table.GUARANTEES: "start_date",
    Table.INSURANCE: "start_date",
    Table.LOSSES: "date",
    Table.EVENTS: "date",
    Table.PROJECTS: "date",
    Table.INVESTMENTS: "date",
}


def _record_date(measure: CompiledMeasure) -> str | None:
    """The field whose date decides whether a record falls in the measure's window."""
    records = measure.measure.records
    if records is None or measure.about_institutions:
        return None
    name = RECORD_DATES.get(Table(records))
    return name if name is not None and name in TABLES[Table(records)].by_name() else None


def _record_window(measure: CompiledMeasure, records: _Records) -> CriterionOutcome | None:
    """“放款日期在施行期内”: a record counts only when its own date lies in the measure's
    in-force window (a loan drawn before a measure took effect gets nothing from it; one
    drawn before it expired keeps it). None when the measure has no window."""
    name = _record_date(measure)
    start, end = measure.in_force_window()
    if name is None or (start is None and end is None):
        return None
    tests = []
    if start is not None:
        tests.append(f"{name} >= date('{start.isoformat()}')")
    if end is not None:
        tests.append(f"{name} <= date('{end.isoformat()}')")
    # all(…): explained as a yes/no against the label, which names the window
    parsed = ex.parse(f"all({', '.join(tests)})", where="in-force window")
    spec = TABLES[Table(measure.measure.records or "")].by_name()[name]
    window: dict[str, dt.date] = {}
    if start is not None:
        window["start"] = start
    if end is not None:
        window["end"] = end
    key = "explain.window.record." + (
        "between" if len(window) == 2 else "from" if start is not None else "until"
    )
    return _criterion(
        "in_force_window",
        text(key, "zh", field=spec.label("zh"), **window),
        text(key, "en", field=spec.label("en"), **window),
        "record",
        parsed,
        records.ops,
    )


def _ops(
    columns: Mapping[str, pd.Series] | pd.DataFrame,
    param_values: Mapping[str, Any],
    index: pd.Index,
    as_of: dt.date,
    catalogue: Catalogue,
) -> ex.VectorOps:
    """The vectorised backend over ``columns`` with the catalogue's reference data."""
    return ex.VectorOps(
        columns,
        param_values,
        index=index,
        as_of=as_of,
        rates=catalogue.lpr,
        sme=catalogue.sme,
        districts=catalogue.district_cities,
    )


def _cap_amounts(
    measure: CompiledMeasure, param_values: Mapping[str, Any], as_of: dt.date
) -> list[tuple[Cap, int | None]]:
    """Each cap of the measure with its amount in 分 (None: its parameter is not set)."""
    m = measure.measure
    return [
        (spec, _cap_fen(cap, param_values, as_of))
        for spec, cap in zip(m.caps, measure.caps, strict=True)
    ]


def interpreted(
    m: Measure, spec: Criterion, params: Mapping[str, Any]
) -> tuple[str, str | None] | None:
    """A condition's labels (zh, en) as applied, or None when it is not applied: a condition
    that is a named interpretation (``spec.interpretation``, a switch parameter) applies only
    while its switch is on, and its label then says which interpretation it comes from."""
    if spec.interpretation is None:
        return spec.label, spec.label_en
    if not params.get(spec.interpretation):
        return None
    switch = m.parameters[spec.interpretation]
    zh = text("interpretation.label", "zh", label=spec.label, name=switch.label)
    en = text(
        "interpretation.label",
        "en",
        label=spec.label_en or spec.label,
        name=switch.label_en or switch.label,
    )
    return zh, en


def _enterprise_gate(
    measure: CompiledMeasure,
    ent_ops: ex.VectorOps,
    criteria: dict[tuple[object, ...], _Evaluated],
    window_reason: str | None,
) -> tuple[list[CriterionOutcome], pd.Series]:
    """The enterprise conditions, and per enterprise whether all of them hold (the gate:
    false for everyone when the measure is not in force)."""
    m = measure.measure
    conditions = []
    for (cid, parsed), spec in zip(measure.conditions, m.conditions, strict=True):
        labels = interpreted(m, spec, ent_ops.params)
        if labels is not None:
            conditions.append(
                _criterion(cid, labels[0], labels[1], "enterprise", parsed, ent_ops, criteria)
            )
    gate = _true(ent_ops.index)
    for c in conditions:
        gate = gate & c.status
    if window_reason is not None:
        gate = pd.Series(False, index=ent_ops.index, dtype="boolean")
    return conditions, gate


def _decide_enterprises(
    measure: CompiledMeasure,
    ent_frame: pd.DataFrame,
    gate: pd.Series,
    ent_ops: ex.VectorOps,
    enterprises: pd.DataFrame,
    param_values: Mapping[str, Any],
    as_of: dt.date,
    catalogue: Catalogue,
) -> None:
    """A measure without records: each enterprise's status, amount and cap from its own row
    (columns ``status``, ``raw_fen``, ``amount_fen``, ``capped_by`` of ``ent_frame``)."""
    status = gate.copy()
    ent_index = ent_frame.index
    if measure.amount is not None:
        fen = _round_amounts(
            measure.amount, ent_ops, enterprises, param_values, as_of, catalogue, ent_index
        )
        ent_frame["raw_fen"] = fen
        # An eligible enterprise whose amount cannot be computed is undecided, not zero.
        status[gate.fillna(False).to_numpy(dtype=bool) & fen.isna().to_numpy()] = pd.NA
        ent_capped = pd.Series([None] * len(ent_index), index=ent_index, dtype=object)
        caps = _cap_amounts(measure, param_values, as_of)
        if any(cap_fen is None for _, cap_fen in caps):
            status[status.fillna(False).to_numpy(dtype=bool)] = pd.NA  # cap not set
            caps = []
        for cap_spec, cap_fen in caps:
            over = (fen > cap_fen).fillna(False).to_numpy(dtype=bool)
            ent_capped[over] = cap_spec.label
            fen = fen.clip(upper=cap_fen)
        ent_frame["amount_fen"] = fen.where(status.fillna(False).to_numpy(dtype=bool), pd.NA)
        ent_frame["capped_by"] = ent_capped
    ent_frame["status"] = _status_from(status)
    ent_frame["n_records"] = 0
    ent_frame["n_eligible"] = 0
    ent_frame["n_unknown"] = 0


@dataclass
class _Records:
    """A measure's relevant records: those its record filter does not rule out (unknown
    counts as relevant), with their columns (record, linked loan, enterprise) and backend."""

    frame: pd.DataFrame  # one row per relevant record: row, ent, record_id, linked, LPR …
    columns: Mapping[str, pd.Series]
    ops: ex.VectorOps
    filter_status: pd.Series | None  # the filter over all the table's records, if any
    keep: np.ndarray  # which of the table's records are relevant

    @property
    def index(self) -> pd.Index:
        return self.frame.index


def _relevant_records(
    measure: CompiledMeasure,
    portfolio: Portfolio,
    enterprises: pd.DataFrame,
    param_values: Mapping[str, Any],
    catalogue: Catalogue,
    as_of: dt.date,
    joins: dict[Table, _Join],
    derived: Mapping[Table, pd.DataFrame] | None,
) -> _Records:
    """The records of the measure's table joined to their enterprises, filtered, as a frame
    of where each comes from (source row, enterprise position, record id, linked fields, the
    LPR fixing each ``lpr_1y``/``lpr_5y`` call uses)."""
    assert measure.measure.records is not None
    table = Table(measure.measure.records)
    records, ent_pos_array, source_rows, columns = _joined(
        joins, table, portfolio, enterprises, derived
    )
    rec_index = pd.RangeIndex(len(records))
    relevant = _true(rec_index)
    filter_status = None
    if measure.filter is not None:
        rec_ops = _ops(columns, param_values, rec_index, as_of, catalogue)
        filter_status = rec_ops.as_bool(ex.evaluate(measure.filter, rec_ops))
        relevant = filter_status.fillna(True).astype(bool)
    keep = relevant.to_numpy(dtype=bool)
    sub_columns = _Subset(columns, keep)
    sub_index = pd.RangeIndex(int(keep.sum()))
    sub_ops = _ops(sub_columns, param_values, sub_index, as_of, catalogue)
    rec_frame = pd.DataFrame(index=sub_index)
    rec_frame["row"] = source_rows[keep]
    rec_frame["ent"] = ent_pos_array[keep]
    key = next(f.name for f in TABLES[table].fields if f.key)
    rec_frame["record_id"] = records[key].to_numpy()[keep]
    for name in _linked_names(measure):
        rec_frame[name] = sub_columns[name].to_numpy()
    if catalogue.lpr is not None:
        # Which LPR fixing each record's conditions and amount use (named in explanations).
        for tenor, date_field in _lpr_calls(measure):
            if date_field in sub_columns:
                rec_frame[lpr_column(tenor, date_field)] = ex.lpr_positions(
                    catalogue.lpr, sub_columns[date_field]
                )
    return _Records(rec_frame, sub_columns, sub_ops, filter_status, keep)


def _record_conditions(measure: CompiledMeasure, records: _Records) -> list[CriterionOutcome]:
    """The record conditions: the record filter (shown as “属于<record label>”) first, then
    the measure's record conditions, over the relevant records."""
    m = measure.measure
    out = []
    if records.filter_status is not None and measure.filter is not None:
        label = m.record_label or "记录类型符合"
        out.append(
            CriterionOutcome(
                id="record_filter",
                label=f"属于{label}",
                label_en="Record type matches",
                level="record",
                expr=measure.filter,
                status=records.filter_status[records.keep].reset_index(drop=True),
                left=None,
                right=None,
                op=None,
            )
        )
    window = _record_window(measure, records)
    if window is not None:
        out.append(window)
    for (cid, parsed), spec in zip(measure.record_conditions, m.record_conditions, strict=True):
        labels = interpreted(m, spec, records.ops.params)
        if labels is not None:
            out.append(_criterion(cid, labels[0], labels[1], "record", parsed, records.ops))
    return out


def _cap_records(
    cap_spec: Cap,
    cap_fen: int,
    allocated: pd.Series,
    eligible: np.ndarray,
    rec_frame: pd.DataFrame,
    date_order: np.ndarray,
    capped_by: list[str | None],
) -> None:
    """Apply one cap to the eligible records' amounts in ``allocated`` (in place): per
    record, or shared per enterprise (and year) first come, first served by the record's
    date, then its row; a record whose amount the cap lowered is named in ``capped_by``."""
    elig_idx = np.flatnonzero(eligible)
    current = allocated.iloc[elig_idx].astype("int64")
    if cap_spec.per == "record":
        new = current.clip(upper=cap_fen)
    else:
        groups = [rec_frame["ent"].iloc[elig_idx]]
        if cap_spec.per == "enterprise_year":
            groups.append(rec_frame["year"].iloc[elig_idx].fillna(-1))
        # First come, first served: by the record's date, then by its row.
        when = date_order[elig_idx]
        order = np.lexsort([elig_idx, when] + [g.to_numpy() for g in reversed(groups)])
        sorted_idx = elig_idx[order]
        new_sorted = _allocate(
            current.iloc[order].reset_index(drop=True),
            [g.iloc[order].reset_index(drop=True) for g in groups],
            cap_fen,
        )
        new = pd.Series(new_sorted.to_numpy(), index=sorted_idx).reindex(elig_idx)
    changed = elig_idx[(new.to_numpy() != current.to_numpy())]
    for pos in changed:
        capped_by[pos] = cap_spec.label
    allocated.iloc[elig_idx] = new.to_numpy()


def _decide_records(
    measure: CompiledMeasure,
    records: _Records,
    item: pd.Series,
    param_values: Mapping[str, Any],
    as_of: dt.date,
    catalogue: Catalogue,
) -> None:
    """Each relevant record's year, amount (capped) and status, given ``item`` — whether
    its enterprise's gate and its own conditions hold (columns ``year``, ``raw_fen``,
    ``amount_fen``, ``capped_by``, ``status`` of the record frame)."""
    rec_frame = records.frame
    sub_index = records.index
    if measure.year is not None:
        year = ex.evaluate(measure.year, records.ops)
        rec_frame["year"] = pd.Series(year, index=sub_index).astype("Int64")
    if measure.amount is not None:
        raw = _round_amounts(
            measure.amount, records.ops, records.columns, param_values, as_of, catalogue, sub_index
        )
        rec_frame["raw_fen"] = raw
        # An eligible record whose amount cannot be computed is undecided, not zero.
        item[item.fillna(False).to_numpy() & raw.isna().to_numpy()] = pd.NA
        eligible = item.fillna(False).to_numpy(dtype=bool)
        allocated = raw.where(eligible, pd.NA)
        capped_by: list[str | None] = [None] * len(sub_index)
        date_order = _date_order(measure, records.columns, len(sub_index))
        caps = _cap_amounts(measure, param_values, as_of)
        if any(cap_fen is None for _, cap_fen in caps):
            # A cap that is not set leaves every amount undecided, not uncapped.
            item[eligible] = pd.NA
            eligible = np.zeros(len(sub_index), dtype=bool)
            allocated = raw.where(eligible, pd.NA)
            caps = []
        for cap_spec, cap_fen in caps:
            assert cap_fen is not None
            _cap_records(cap_spec, cap_fen, allocated, eligible, rec_frame, date_order, capped_by)
        rec_frame["amount_fen"] = allocated.astype("Int64")
        rec_frame["capped_by"] = capped_by
    rec_frame["status"] = _status_from(item)


def _recap_records(
    outcome: MeasureOutcome, excluded: np.ndarray, portfolio: Portfolio, as_of: dt.date
) -> None:
    """Share the measure's caps again once stacking set the records at ``excluded``
    (positions) to 0: they no longer use the cap, so capped records of the same enterprise
    (and year) may get more, first come first served as before."""
    measure = outcome.measure
    rec = outcome.records
    if rec is None or rec.empty or "raw_fen" not in rec.columns or not measure.measure.caps:
        return
    param_values = {p.name: p.value for p in outcome.params.values()}
    caps = _cap_amounts(measure, param_values, as_of)
    if any(cap_fen is None for _, cap_fen in caps):
        return  # amounts are undecided already
    was_eligible = (rec["status"] == ELIGIBLE).to_numpy()
    eligible = was_eligible.copy()
    eligible[excluded] = False
    raw: pd.Series = rec["raw_fen"].astype("Int64")
    allocated = raw.where(eligible, pd.NA)
    assert measure.measure.records is not None
    table = portfolio.table(Table(measure.measure.records))
    rows = rec["row"].to_numpy()
    names = sorted(measure.year.fields) if measure.year is not None else []
    columns = {
        name: pd.Series(table[name].to_numpy()[rows], index=rec.index)
        for name in names
        if name in table.columns
    }
    date_order = _date_order(measure, columns, len(rec))
    capped_by: list[str | None] = [None] * len(rec)
    for cap_spec, cap_fen in caps:
        assert cap_fen is not None
        _cap_records(cap_spec, cap_fen, allocated, eligible, rec, date_order, capped_by)
    old = rec["amount_fen"].astype("Int64").to_numpy(dtype=object, copy=True)
    new = allocated.astype("Int64").to_numpy(dtype=object, copy=True)
    new[~was_eligible] = old[~was_eligible]
    new[excluded] = 0
    old_capped = rec["capped_by"].to_numpy(dtype=object) if "capped_by" in rec.columns else None
    kept = [
        capped_by[i]
        if eligible[i]
        else (old_capped[i] if old_capped is not None and not was_eligible[i] else None)
        for i in range(len(rec))
    ]
    rec["amount_fen"] = pd.array(new, dtype="Int64")
    rec["capped_by"] = kept


def _decide_from_records(
    measure: CompiledMeasure, ent_frame: pd.DataFrame, rec_frame: pd.DataFrame, gate: pd.Series
) -> None:
    """Each enterprise's record counts, status and amount from its records: eligible when
    its gate holds and a record is eligible, unknown when none is but one is undecided,
    ineligible otherwise (and without records); the amount sums its eligible records."""
    ent_of = rec_frame["ent"].to_numpy()
    rec_codes = rec_frame["status"].cat.codes.to_numpy()
    size = len(ent_frame.index)
    ent_frame["n_records"] = np.bincount(ent_of, minlength=size)
    ent_frame["n_eligible"] = np.bincount(ent_of[rec_codes == _CODE[ELIGIBLE]], minlength=size)
    ent_frame["n_unknown"] = np.bincount(ent_of[rec_codes == _CODE[UNKNOWN]], minlength=size)
    has_records = ent_frame["n_records"].to_numpy() > 0
    g_false = (gate == False).fillna(False).to_numpy(dtype=bool)  # noqa: E712
    codes = np.where(
        g_false | ~has_records,
        _CODE[INELIGIBLE],
        np.where(
            ent_frame["n_eligible"].to_numpy() > 0,
            _CODE[ELIGIBLE],
            np.where(ent_frame["n_unknown"].to_numpy() > 0, _CODE[UNKNOWN], _CODE[INELIGIBLE]),
        ),
    )
    ent_frame["status"] = _statuses(codes, ent_frame.index)
    if measure.amount is not None:
        eligible_rows = (rec_frame["status"] == ELIGIBLE).to_numpy()
        sums = np.bincount(
            rec_frame["ent"].to_numpy()[eligible_rows],
            weights=rec_frame["amount_fen"].to_numpy(dtype=np.float64, na_value=0)[eligible_rows],
            minlength=size,
        )
        amount = pd.array(np.round(sums).astype(np.int64), dtype="Int64")
        amount[codes != _CODE[ELIGIBLE]] = pd.NA
        ent_frame["amount_fen"] = amount


def _evaluate_measure(
    measure: CompiledMeasure,
    portfolio: Portfolio,
    enterprises: pd.DataFrame,
    params: Mapping[str, ParamValue],
    catalogue: Catalogue,
    as_of: dt.date,
    joins: dict[Table, _Join],
    criteria: dict[tuple[object, ...], _Evaluated],
    derived: Mapping[Table, pd.DataFrame] | None = None,
) -> MeasureOutcome:
    """One measure over every enterprise (the rows of ``enterprises``), in steps: the
    in-force window; the enterprise conditions (the gate); then either each enterprise's
    amount from its own row, or its relevant records — their conditions, amounts and caps —
    and its status and amount from them."""
    param_values = {p.name: p.value for p in params.values()}
    window_reason = _window_reason(measure, as_of)
    ent_ops = _ops(enterprises, param_values, enterprises.index, as_of, catalogue)
    conditions, gate = _enterprise_gate(measure, ent_ops, criteria, window_reason)
    ent_frame = pd.DataFrame(index=enterprises.index)
    ent_frame["gate"] = gate
    outcome = MeasureOutcome(
        measure=measure,
        params=dict(params),
        window_reason=window_reason,
        conditions=conditions,
        enterprise=ent_frame,
    )
    if measure.measure.records is None:
        _decide_enterprises(
            measure, ent_frame, gate, ent_ops, enterprises, param_values, as_of, catalogue
        )
        return outcome

    records = _relevant_records(
        measure, portfolio, enterprises, param_values, catalogue, as_of, joins, derived
    )
    outcome.record_conditions = _record_conditions(measure, records)
    # A record qualifies when its enterprise's gate and each of its own conditions hold.
    ent_of = records.frame["ent"].to_numpy()
    item = pd.Series(gate.to_numpy()[ent_of], index=records.index, dtype="boolean")
    for c in outcome.record_conditions:
        item = item & c.status
    _decide_records(measure, records, item, param_values, as_of, catalogue)
    outcome.records = records.frame
    _decide_from_records(measure, ent_frame, records.frame, gate)
    return outcome


def _evaluate_institutions(
    measure: CompiledMeasure,
    portfolio: Portfolio,
    params: Mapping[str, ParamValue],
    catalogue: Catalogue,
    as_of: dt.date,
) -> InstitutionOutcome:
    """A measure about institutions over the institutions table: the institutions its
    ``institution_filter`` does not rule out (unknown counts as looked at), each decided from
    its own row like an enterprise without records."""
    table = portfolio.institutions.reset_index(drop=True)
    keep = np.ones(len(table), dtype=bool)
    if measure.institution_filter is not None:
        ops = ex.VectorOps(table, {}, index=table.index, as_of=as_of, rates=catalogue.lpr)
        flags = ops.as_bool(ex.evaluate(measure.institution_filter, ops))
        keep = flags.fillna(True).to_numpy(dtype=bool)
    rows = np.flatnonzero(keep).astype(np.int64)
    subjects = table.iloc[rows].reset_index(drop=True)
    outcome = _evaluate_measure(measure, portfolio, subjects, params, catalogue, as_of, {}, {})
    return InstitutionOutcome(outcome=outcome, rows=rows, institutions=subjects)


def evaluate_institutions(
    portfolio: Portfolio,
    catalogue: Catalogue,
    *,
    as_of: dt.date,
    overrides: Mapping[str, str | Decimal] | Iterable[tuple[str, str | Decimal]] = (),
    measure_ids: Iterable[str] | None = None,
) -> dict[str, InstitutionOutcome]:
    """Only the measures about institutions (all, or those of ``measure_ids``), as
    :func:`evaluate_portfolio` decides them — without the enterprise measures."""
    wanted = catalogue.institution_measure_ids()
    ids = [m for m in measure_ids if m in wanted] if measure_ids is not None else wanted
    params = resolve_parameters(catalogue, as_of, overrides, ids)
    return {
        measure_id: _evaluate_institutions(
            catalogue.measure(measure_id),
            portfolio,
            {k: v for k, v in params.items() if v.measure_id == measure_id},
            catalogue,
            as_of,
        )
        for measure_id in ids
    }


def evaluate_portfolio(
    portfolio: Portfolio,
    catalogue: Catalogue,
    *,
    as_of: dt.date,
    overrides: Mapping[str, str | Decimal] | Iterable[tuple[str, str | Decimal]] = (),
    measure_ids: Iterable[str] | None = None,
    progress: Progress | None = None,
    should_cancel: ShouldCancel | None = None,
) -> Evaluation:
    """Decide every selected measure for every enterprise of ``portfolio`` on ``as_of``."""
    problem = as_of_problem(as_of)
    if problem:
        raise ParameterError(problem)
    request = EvaluationRequest(
        as_of,
        tuple(
            (str(k), str(v))
            for k, v in (overrides.items() if isinstance(overrides, Mapping) else overrides)
        ),
        tuple(measure_ids) if measure_ids is not None else None,
    )
    ids = (
        list(request.measure_ids) if request.measure_ids is not None else sorted(catalogue.measures)
    )
    params = resolve_parameters(catalogue, as_of, request.overrides, ids)
    enterprises = add_derived(portfolio.enterprises, catalogue, Table.ENTERPRISES, as_of)
    derived = record_derived(portfolio, catalogue, as_of)
    outcomes: dict[str, MeasureOutcome] = {}
    institution_outcomes: dict[str, InstitutionOutcome] = {}
    joins: dict[Table, _Join] = {}
    criteria: dict[tuple[object, ...], _Evaluated] = {}
    for i, measure_id in enumerate(ids):
        if should_cancel is not None and should_cancel():
            raise CancelledError("测算已取消 / evaluation cancelled")
        measure = catalogue.measure(measure_id)
        if progress is not None:
            progress(i / max(len(ids), 1), measure.measure.name)
        measure_params = {k: v for k, v in params.items() if v.measure_id == measure_id}
        if measure.about_institutions:
            institution_outcomes[measure_id] = _evaluate_institutions(
                measure, portfolio, measure_params, catalogue, as_of
            )
            continue
        outcomes[measure_id] = _evaluate_measure(
            measure,
            portfolio,
            enterprises,
            measure_params,
            catalogue,
            as_of,
            joins,
            criteria,
            derived,
        )
    picks = stacking_picks(catalogue, request.overrides)
    apply_stacking(
        outcomes,
        catalogue,
        params,
        portfolio,
        picks,
        lambda outcome, excluded: _recap_records(outcome, excluded, portfolio, as_of),
    )
    breaches = check_invariants(outcomes, catalogue, params, portfolio, enterprises, as_of)
    ops = ex.VectorOps(
        enterprises,
        {},
        index=enterprises.index,
        as_of=as_of,
        rates=catalogue.lpr,
        sme=catalogue.sme,
        districts=catalogue.district_cities,
    )
    preassessments = {
        compiled.assessment.id: run_assessment(compiled, ops, _criterion)
        for compiled in catalogue.preassessments
    }
    if progress is not None:
        progress(1.0, "")
    return Evaluation(
        portfolio=portfolio,
        enterprises=enterprises,
        catalogue=catalogue,
        as_of=as_of,
        parameters=params,
        outcomes=outcomes,
        preassessments=preassessments,
        institution_outcomes=institution_outcomes,
        record_derived=derived,
        request=request,
        breaches=breaches,
        stacking_picks=picks,
    )

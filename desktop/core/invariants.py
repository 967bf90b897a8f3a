"""Invariants every evaluation must hold, checked after stacking (issue #17).

A breach is a defect of the catalogue or the engine, not a result: the evaluation carries the
breaches (:attr:`desktop.core.evaluation.Evaluation.breaches`), the batch prints them and
exits non-zero, the JSON lists them and marks its totals as not valid.

- per loan: the enterprise interest subsidies of all measures on that loan (measures on the
  loans table whose beneficiary is the enterprise) ≤ the interest paid, or where it is blank
  the interest estimated as 190号第16条 does (principal × rate × days from drawdown to
  maturity or the as-of date, whichever is earlier ÷ its day-count basis);
- per loss: all compensation of all measures ≤ the principal lost (rows of one loan —
  several bearers of one loss — together), and each bearer's (row's) compensation ≤ the
  principal lost × the share of risk it bore (``risk_share``; blank: the principal lost);
- per enterprise (and year): every cap of a measure and every shared cap of a stacking rule.

Amounts are compared in whole 分; k amounts rounded half-up to 分 may exceed a bound by
k/2 分, which is tolerated.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd

from desktop.core import expr as ex
from desktop.core.catalogue import Catalogue
from desktop.core.fields import Table
from desktop.core.money import fen_to_yuan, yuan_to_fen
from desktop.core.outcomes import ELIGIBLE, MeasureOutcome
from desktop.core.parameters import ParamValue
from desktop.core.portfolio import Portfolio
from desktop.core.stacking import cite
from desktop.i18n import text

LOAN_INTEREST = "loan_interest"
LOSS_PRINCIPAL = "loss_principal"
LOSS_SHARE = "loss_share"
CAP = "cap"
KINDS = (LOAN_INTEREST, LOSS_PRINCIPAL, LOSS_SHARE, CAP)
DEFAULT_DAY_COUNT = 360  # when 190号第16条 is not evaluated (its parameter's default)
ESTIMATE_FROM = "jjr-2022-190.16"  # the measure whose interest estimate the check uses


@dataclass(frozen=True)
class Breach:
    """One invariant that does not hold: which, where, the total and its bound (分)."""

    kind: str  # one of KINDS
    enterprise: int  # position in the evaluation's enterprises
    uscc: str
    record: str | None  # the loan's or loss's id (None for a cap)
    measures: tuple[str, ...]
    total_fen: int
    limit_fen: int
    year: int | None = None
    label: str | None = None  # the cap's label
    estimated: bool = False  # the bound is estimated interest (interest paid blank)
    # the measures as a reader finds them (23号第23条 …), zh and en; ids when not filled in
    cited: tuple[str, ...] = ()
    cited_en: tuple[str, ...] = ()

    def message(self, lang: str = "zh") -> str:
        key = f"invariant.{self.kind}" + ("_year" if self.kind == CAP and self.year else "")
        return text(
            key,
            lang,
            uscc=self.uscc,
            record=self.record or "",
            year="" if self.year is None else self.year,
            label=self.label or "",
            measures=text("invariant.sep", lang).join(
                (self.cited_en if lang == "en" else self.cited) or self.measures
            ),
            total=f"{fen_to_yuan(self.total_fen):,.2f}",
            limit=f"{fen_to_yuan(self.limit_fen):,.2f}",
            basis=text("invariant.estimated" if self.estimated else "invariant.paid", lang),
        )

    def as_json(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "uscc": self.uscc,
            "record": self.record,
            "year": self.year,
            "measures": list(self.measures),
            "total": f"{fen_to_yuan(self.total_fen):.2f}",
            "limit": f"{fen_to_yuan(self.limit_fen):.2f}",
            "estimated": self.estimated,
            "message": self.message("zh"),
            "message_en": self.message("en"),
        }


def _items(outcomes: Mapping[str, MeasureOutcome], ids: list[str]) -> pd.DataFrame:
    """The eligible records with a known amount of the measures ``ids``: measure, row, ent,
    year, amount (分)."""
    parts = []
    for measure_id in ids:
        rec = outcomes[measure_id].records
        if rec is None or rec.empty or "amount_fen" not in rec.columns:
            continue
        amount = rec["amount_fen"].astype("Int64")
        # amounts of 0 (a measure not chosen, nothing paid) add nothing and are not named
        keep = (rec["status"] == ELIGIBLE).to_numpy() & (amount.fillna(0).to_numpy() > 0)
        year = (
            rec["year"].astype("Int64").fillna(-1).to_numpy(dtype=np.int64)
            if "year" in rec.columns
            else np.full(len(rec), -1, dtype=np.int64)
        )
        parts.append(
            pd.DataFrame(
                {
                    "measure": measure_id,
                    "row": rec["row"].to_numpy(dtype=np.int64),
                    "ent": rec["ent"].to_numpy(dtype=np.int64),
                    "year": year,
                    "amount": amount.fillna(0).to_numpy(dtype=np.int64),
                }
            )[keep]
        )
    if not parts:
        return pd.DataFrame(columns=["measure", "row", "ent", "year", "amount"])
    return pd.concat(parts, ignore_index=True)


def _over(totals: pd.DataFrame, limit: np.ndarray) -> np.ndarray:
    """Where the sum exceeds the bound by more than rounding (count / 2 分)."""
    total = totals["amount"].to_numpy(dtype=np.int64)
    count = totals["count"].to_numpy(dtype=np.int64)
    with np.errstate(invalid="ignore"):
        over: np.ndarray = ~np.isnan(limit) & (2 * total > 2 * np.nan_to_num(limit) + count)
    return over


def _measure_set(values: pd.Series) -> tuple[str, ...]:
    return tuple(sorted({str(v) for v in values}))


def _grouped(items: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    grouped = items.groupby(keys, sort=True)
    out = grouped["amount"].agg(["sum", "size"]).rename(columns={"sum": "amount", "size": "count"})
    out["measures"] = grouped["measure"].agg(_measure_set)
    out["ent"] = grouped["ent"].first()
    return out.reset_index()


def _fen(values: np.ndarray) -> np.ndarray:
    """Yuan (float, NaN blank) → 分 (float, NaN kept), rounded half-up."""
    return np.floor(values * 100 + 0.5)


def check_invariants(
    outcomes: Mapping[str, MeasureOutcome],
    catalogue: Catalogue,
    params: Mapping[str, ParamValue],
    portfolio: Portfolio,
    enterprises: pd.DataFrame,
    as_of: dt.date,
) -> list[Breach]:
    """Every breach of the invariants in the outcomes (after stacking), in a stable order."""
    uscc = enterprises["uscc"].astype(object).to_numpy() if "uscc" in enterprises else None

    def code(ent: int) -> str:
        return "" if uscc is None else str(uscc[ent])

    breaches: list[Breach] = []
    by_table: dict[str, list[str]] = {}
    for measure_id, outcome in outcomes.items():
        m = outcome.measure.measure
        if m.records is not None:
            by_table.setdefault(m.records, []).append(measure_id)
    loans_ids = [
        i
        for i in by_table.get("loans", [])
        if outcomes[i].measure.measure.beneficiary == "enterprise"
    ]
    breaches += _loan_interest(outcomes, loans_ids, params, portfolio, as_of, code)
    breaches += _losses(outcomes, by_table.get("losses", []), portfolio, code)
    breaches += _caps(outcomes, catalogue, params, as_of, code)
    return [_cited(b, outcomes) for b in breaches]


def _cited(breach: Breach, outcomes: Mapping[str, MeasureOutcome]) -> Breach:
    """The breach with its measures named by document and article (no internal ids)."""
    found = [outcomes[m] for m in breach.measures if m in outcomes]
    if len(found) != len(breach.measures):
        return breach
    return replace(
        breach,
        cited=tuple(cite(o, "zh") for o in found),
        cited_en=tuple(cite(o, "en") for o in found),
    )


def _loan_interest(
    outcomes: Mapping[str, MeasureOutcome],
    ids: list[str],
    params: Mapping[str, ParamValue],
    portfolio: Portfolio,
    as_of: dt.date,
    code: Any,
) -> list[Breach]:
    items = _items(outcomes, ids)
    if items.empty:
        return []
    loans = portfolio.table(Table.LOANS)
    totals = _grouped(items, ["row"])
    rows = totals["row"].to_numpy(dtype=np.int64)
    paid = loans["interest_paid"].to_numpy(dtype=float)[rows]
    day_count_param = params.get(f"{ESTIMATE_FROM}.day_count")
    day_count = (
        float(day_count_param.value)
        if day_count_param is not None and isinstance(day_count_param.value, Decimal)
        else float(DEFAULT_DAY_COUNT)
    )
    start = pd.to_datetime(loans["start_date"]).to_numpy(dtype="datetime64[D]")[rows]
    end = pd.to_datetime(loans["end_date"]).to_numpy(dtype="datetime64[D]")[rows]
    until = np.minimum(end, np.datetime64(as_of, "D"))
    days = (until - start).astype("timedelta64[D]").astype(float)
    days[np.isnat(start) | np.isnat(end)] = np.nan
    days = np.clip(days, 0, None)
    estimate = (
        loans["amount"].to_numpy(dtype=float)[rows]
        * loans["rate"].to_numpy(dtype=float)[rows]
        * days
        / day_count
    )
    estimated = np.isnan(paid)
    limit = _fen(np.where(estimated, estimate, paid))
    over = _over(totals, limit)
    ids_col = loans["loan_id"].astype(object).to_numpy() if "loan_id" in loans else None
    out = []
    for k in np.flatnonzero(over):
        row = int(rows[k])
        out.append(
            Breach(
                kind=LOAN_INTEREST,
                enterprise=int(totals["ent"].iloc[k]),
                uscc=code(int(totals["ent"].iloc[k])),
                record=None if ids_col is None else str(ids_col[row]),
                measures=totals["measures"].iloc[k],
                total_fen=int(totals["amount"].iloc[k]),
                limit_fen=int(limit[k]),
                estimated=bool(estimated[k]),
            )
        )
    return out


def _losses(
    outcomes: Mapping[str, MeasureOutcome],
    ids: list[str],
    portfolio: Portfolio,
    code: Any,
) -> list[Breach]:
    items = _items(outcomes, ids)
    if items.empty:
        return []
    losses = portfolio.table(Table.LOSSES)
    principal = _fen(losses["principal_lost"].to_numpy(dtype=float))
    share = losses["risk_share"].to_numpy(dtype=float)
    bound = np.where(np.isnan(share), principal, np.floor(principal * np.nan_to_num(share) + 0.5))
    bound[np.isnan(principal)] = np.nan
    record = (
        losses["loss_id"].astype(object).to_numpy()
        if "loss_id" in losses
        else np.arange(len(losses)).astype(str).astype(object)
    )
    # one loss: the rows of one loan (its bearers) together; a row without loan id alone
    loan = losses["loan_id"].astype(object).to_numpy() if "loan_id" in losses else None
    key = np.array(
        [
            f"loan:{loan[r]}" if loan is not None and isinstance(loan[r], str) else f"row:{r}"
            for r in range(len(losses))
        ],
        dtype=object,
    )
    out: list[Breach] = []
    per_row = _grouped(items, ["row"])
    rows = per_row["row"].to_numpy(dtype=np.int64)
    for k in np.flatnonzero(_over(per_row, bound[rows])):
        row = int(rows[k])
        out.append(
            Breach(
                kind=LOSS_SHARE,
                enterprise=int(per_row["ent"].iloc[k]),
                uscc=code(int(per_row["ent"].iloc[k])),
                record=str(record[row]),
                measures=per_row["measures"].iloc[k],
                total_fen=int(per_row["amount"].iloc[k]),
                limit_fen=int(bound[row]),
            )
        )
    items = items.assign(loss=key[items["row"].to_numpy(dtype=np.int64)])
    per_loss = _grouped(items, ["loss"])
    lost = pd.Series(principal).groupby(key).max()
    first_row = pd.Series(np.arange(len(losses))).groupby(key).first()
    limit = lost.reindex(per_loss["loss"]).to_numpy(dtype=float)
    for k in np.flatnonzero(_over(per_loss, limit)):
        loss = per_loss["loss"].iloc[k]
        out.append(
            Breach(
                kind=LOSS_PRINCIPAL,
                enterprise=int(per_loss["ent"].iloc[k]),
                uscc=code(int(per_loss["ent"].iloc[k])),
                record=str(loss)[5:]
                if str(loss).startswith("loan:")
                else str(record[int(first_row[loss])]),
                measures=per_loss["measures"].iloc[k],
                total_fen=int(per_loss["amount"].iloc[k]),
                limit_fen=int(limit[k]),
            )
        )
    return out


def _cap_fen(cap: ex.Expr, params: Mapping[str, Any], as_of: dt.date) -> int | None:
    value = ex.evaluate(cap, ex.ExactOps({}, params, as_of=as_of))
    return None if value is None else yuan_to_fen(Decimal(value))


def _enterprise_items(outcome: MeasureOutcome, measure_id: str) -> pd.DataFrame:
    """An enterprise-level measure's eligible known amounts as items (year -1)."""
    frame = outcome.enterprise
    if "amount_fen" not in frame.columns:
        return pd.DataFrame(columns=["measure", "row", "ent", "year", "amount"])
    amount = frame["amount_fen"].astype("Int64")
    keep = (frame["status"] == ELIGIBLE).to_numpy() & (amount.fillna(0).to_numpy() > 0)
    ents = np.arange(len(frame), dtype=np.int64)
    return pd.DataFrame(
        {
            "measure": measure_id,
            "row": ents,
            "ent": ents,
            "year": -1,
            "amount": amount.fillna(0).to_numpy(dtype=np.int64),
        }
    )[keep]


def _caps(
    outcomes: Mapping[str, MeasureOutcome],
    catalogue: Catalogue,
    params: Mapping[str, ParamValue],
    as_of: dt.date,
    code: Any,
) -> list[Breach]:
    out: list[Breach] = []
    checks: list[tuple[list[str], str, int, str]] = []  # measures, per, cap 分, label
    for measure_id, outcome in outcomes.items():
        compiled = outcome.measure
        values = {p.name: p.value for p in outcome.params.values()}
        for spec, cap in zip(compiled.measure.caps, compiled.caps, strict=True):
            if spec.per == "record":
                continue  # applied to each record's own amount by the engine
            fen = _cap_fen(cap, values, as_of)
            if fen is not None:
                checks.append(([measure_id], spec.per, fen, spec.label))
    for rule, _ in catalogue.stacking:
        if rule.kind != "shared_cap" or rule.cap is None:
            continue
        present = [m for m in rule.measures if m in outcomes]
        shared = params.get(rule.cap)
        if present and shared is not None and isinstance(shared.value, Decimal):
            checks.append((present, rule.per, yuan_to_fen(shared.value), rule.label))
    for ids, per, fen, label in checks:
        parts = []
        for measure_id in ids:
            outcome = outcomes[measure_id]
            if outcome.records is None:
                parts.append(_enterprise_items(outcome, measure_id))
            else:
                parts.append(_items(outcomes, [measure_id]))
        items = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
        if items.empty:
            continue
        if per != "enterprise_year":
            items = items.assign(year=-1)
        totals = _grouped(items.assign(ent_key=items["ent"]), ["ent_key", "year"])
        limit = np.full(len(totals), float(fen))
        for k in np.flatnonzero(_over(totals, limit)):
            year = int(totals["year"].iloc[k])
            out.append(
                Breach(
                    kind=CAP,
                    enterprise=int(totals["ent"].iloc[k]),
                    uscc=code(int(totals["ent"].iloc[k])),
                    record=None,
                    measures=totals["measures"].iloc[k],
                    total_fen=int(totals["amount"].iloc[k]),
                    limit_fen=fen,
                    year=None if year < 0 else year,
                    label=label,
                )
            )
    return out

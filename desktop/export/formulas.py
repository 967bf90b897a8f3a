"""测算明细: one row per eligible record amount, with live Excel formulas where possible.

A measure gets live formulas when its amount is ``base``, ``base * p.x`` or ``p.x`` (``base``
a record field, a product of fields, or ``coalesce(field, …)`` when that field is filled)
with at most one cap ``p.cap`` per record, per enterprise or per enterprise and year, and
no stacking rule (a choice between measures depends on the amounts). The formulas refer to
named cells of the 参数 sheet (``p_<key>``)::

    封顶前 = ROUND(base * p_ratio, 2)
    核定   = MIN(封顶前, p_cap)                              (first record of its group)
           = MAX(0, MIN(封顶前, p_cap − SUM(核定 of the group's earlier records)))

which is the engine's rule (round each record to 分, then share a cap first come, first
served in the engine's order). Each row is checked against the engine before it is written
as a formula; any row that does not match exactly, and every other measure, is written as
the engine's value with the note “(按引擎结果)”.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd

from desktop.core.fields import Table
from desktop.core.money import round_yuan, yuan_to_fen
from desktop.core.results import ELIGIBLE, Evaluation
from desktop.export.tables import Column
from desktop.export.xlsxbase import Formula

DETAIL_COLUMNS = (
    Column("uscc"),
    Column("name"),
    Column("measure_id"),
    Column("measure_name", "text", 28),
    Column("record"),
    Column("year", "int"),
    Column("base", "decimal"),
    Column("ratio", "ratio"),
    Column("cap", "money"),
    Column("raw_amount", "money"),
    Column("allocated", "money"),
    Column("how", "text"),
)
LIVE = {"zh": "实时公式", "en": "live formula"}
ENGINE = {"zh": "(按引擎结果)", "en": "(engine result)"}


def param_name(key: str) -> str:
    """Workbook name of a parameter's cell: ``a-1.ratio`` → ``p_a_1_ratio``."""
    return "p_" + re.sub(r"[^0-9A-Za-z_]", "_", key)


@dataclass(frozen=True)
class LivePlan:
    fields: tuple[str, ...]  # base = product of these record fields; () when none
    coalesce: bool  # base is the first argument of coalesce(): rows where it is blank → values
    factor: str | None  # parameter key multiplying the base (or the whole amount when no base)
    cap: str | None
    cap_per: str | None  # record | enterprise | enterprise_year


def _attr(node: ast.expr) -> str | None:
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        return node.attr if node.value.id == "p" else None
    return None


def _base(node: ast.expr) -> tuple[tuple[str, ...], bool] | None:
    if isinstance(node, ast.Name):
        return (node.id,), False
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mult):
        left, right = _base(node.left), _base(node.right)
        if left and right and not left[1] and not right[1]:
            return left[0] + right[0], False
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "coalesce"
        and node.args
        and isinstance(node.args[0], ast.Name)
    ):
        return (node.args[0].id,), True
    return None


def live_plan(evaluation: Evaluation, measure_id: str) -> LivePlan | None:
    """How a measure's amounts can be written as formulas, or None when they cannot."""
    outcome = evaluation.outcomes[measure_id]
    m = outcome.measure.measure
    if not m.amount or m.records is None or outcome.records is None or len(m.caps) > 1:
        return None
    if any(measure_id in rule.measures for rule, _ in evaluation.catalogue.stacking):
        return None
    keys = {p.name: key for key, p in outcome.params.items()}
    try:
        node = ast.parse(m.amount.strip(), mode="eval").body
    except SyntaxError:
        return None
    fields: tuple[str, ...] = ()
    coalesce = False
    factor: str | None = None
    if _attr(node):
        factor = _attr(node)
    elif (found := _base(node)) is not None:
        fields, coalesce = found
    elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mult):
        for base_node, param_node in ((node.left, node.right), (node.right, node.left)):
            found = _base(base_node)
            if found is not None and _attr(param_node):
                (fields, coalesce), factor = found, _attr(param_node)
                break
        else:
            return None
    else:
        return None
    if factor is not None and factor not in keys:
        return None
    source = evaluation.portfolio.table(Table(m.records))
    if any(f not in source.columns for f in fields):
        return None
    cap = cap_per = None
    if m.caps:
        cap_attr = _attr(ast.parse(m.caps[0].amount.strip(), mode="eval").body)
        if cap_attr is None or cap_attr not in keys:
            return None
        cap, cap_per = keys[cap_attr], m.caps[0].per
    return LivePlan(fields, coalesce, keys.get(factor) if factor else None, cap, cap_per)


def _decimal(value: Any) -> Decimal | None:
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return None
    return Decimal(str(value))


class DetailBuilder:
    """Rows of 测算明细 for every measure, grouped so a shared cap's records are adjacent."""

    def __init__(self, evaluation: Evaluation, names: dict[str, str], lang: str) -> None:
        self.ev = evaluation
        self.names = names
        self.lang = lang
        self.plans = {mid: live_plan(evaluation, mid) for mid in evaluation.measure_ids}
        ents = evaluation.enterprises
        self._uscc = ents["uscc"].astype(str).to_numpy()
        self._name = ents["name"].astype(str).to_numpy()

    def value(self, key: str | None) -> Decimal | None:
        if key is None:
            return None
        value = self.ev.parameters[key].value
        return value if isinstance(value, Decimal) else None

    def groups(self, measure_id: str) -> Iterator[list[dict[str, Any]]]:
        """Eligible records with an amount, in groups that share a cap (in allocation order)."""
        outcome = self.ev.outcomes[measure_id]
        rec = outcome.records
        if rec is None or "amount_fen" not in rec.columns:
            return
        elig = rec[(rec["status"] == ELIGIBLE).to_numpy() & rec["amount_fen"].notna().to_numpy()]
        if elig.empty:
            return
        plan = self.plans[measure_id]
        m = outcome.measure.measure
        source = self.ev.portfolio.table(Table(m.records)) if m.records else None
        frame = pd.DataFrame(
            {
                "pos": np.arange(len(elig)),
                "ent": elig["ent"].to_numpy(),
                "year": elig["year"].fillna(-1).to_numpy() if "year" in elig else -1,
                "when": self._when(outcome, elig, source),
            }
        )
        per = plan.cap_per if plan else None
        keys = ["ent", "year"] if per == "enterprise_year" else ["ent"]
        order = frame.sort_values([*keys, "when", "pos"], kind="stable")
        rows = [self._row(measure_id, elig, int(p), source) for p in order["pos"]]
        if per in ("enterprise", "enterprise_year"):
            ents = order[keys].to_numpy()
            start = 0
            for i in range(1, len(rows) + 1):
                if i == len(rows) or (ents[i] != ents[start]).any():
                    yield rows[start:i]
                    start = i
        else:
            yield from ([row] for row in rows)

    def _when(self, outcome: Any, elig: pd.DataFrame, source: pd.DataFrame | None) -> np.ndarray:
        year = outcome.measure.year
        if year is None or source is None:
            return np.zeros(len(elig), dtype=np.int64)
        for name in sorted(year.fields):
            if name in source.columns and pd.api.types.is_datetime64_any_dtype(source[name]):
                column = source[name].iloc[elig["row"].to_numpy()]
                values = column.to_numpy(dtype="datetime64[ns]").astype(np.int64)
                values[column.isna().to_numpy()] = np.iinfo(np.int64).max
                return np.asarray(values)
        return np.zeros(len(elig), dtype=np.int64)

    def _row(
        self, measure_id: str, elig: pd.DataFrame, pos: int, source: pd.DataFrame | None
    ) -> dict[str, Any]:
        plan = self.plans[measure_id]
        base: Decimal | None = None
        if plan is not None and plan.fields and source is not None:
            row = int(elig["row"].iloc[pos])
            parts = [_decimal(source[f].iloc[row]) for f in plan.fields]
            if all(p is not None for p in parts):
                base = Decimal(1)
                for part in parts:
                    assert part is not None
                    base *= part
        ent = int(elig["ent"].iloc[pos])
        year = elig["year"].iloc[pos] if "year" in elig.columns else None
        return {
            "ent": ent,
            "record": str(elig["record_id"].iloc[pos]),
            "year": None if pd.isna(year) else int(year),
            "raw": int(elig["raw_fen"].iloc[pos]),
            "amount": int(elig["amount_fen"].iloc[pos]),
            "base": base,
        }

    def _live_group(self, plan: LivePlan, group: list[dict[str, Any]]) -> bool:
        """Whether the formulas give the engine's amounts for every record of the group."""
        factor, cap = self.value(plan.factor), self.value(plan.cap)
        if (plan.factor and factor is None) or (plan.cap and cap is None):
            return False
        used = 0
        for item in group:
            if plan.fields and item["base"] is None:
                return False
            amount = item["base"] if plan.fields else Decimal(1)
            raw = yuan_to_fen(round_yuan(amount * (factor if factor is not None else 1)))
            if raw != item["raw"]:
                return False
            allocated = raw
            if cap is not None:
                cap_fen = yuan_to_fen(cap)
                allocated = max(0, min(raw, cap_fen - used))
                if plan.cap_per != "record":
                    used += allocated
            if allocated != item["amount"]:
                return False
        return True

    def is_live(self, measure_id: str, group: list[dict[str, Any]]) -> bool:
        plan = self.plans[measure_id]
        return plan is not None and self._live_group(plan, group)

    def rows(self, measure_id: str, group: list[dict[str, Any]], first_row: int) -> list[list[Any]]:
        """The sheet rows of one group whose first row is Excel row ``first_row`` (1-based)."""
        plan = self.plans[measure_id]
        live = plan is not None and self._live_group(plan, group)
        out: list[list[Any]] = []
        for i, item in enumerate(group):
            r = first_row + i
            ent = item["ent"]
            head = [self._uscc[ent], self._name[ent], measure_id, self.names[measure_id]]
            head += [item["record"], item["year"]]
            if not live or plan is None:
                out.append([*head, item["base"], None, None, item["raw"], item["amount"]])
                out[-1].append(ENGINE[self.lang])
                continue
            factor = param_name(plan.factor) if plan.factor else None
            cap = param_name(plan.cap) if plan.cap else None
            product = (f"G{r}*{factor}" if factor else f"G{r}") if plan.fields else factor or "0"
            raw = Formula(f"=ROUND({product},2)", item["raw"])
            if cap is None:
                allocated = Formula(f"=J{r}", item["amount"])
            elif i == 0 or plan.cap_per == "record":
                allocated = Formula(f"=MIN(J{r},{cap})", item["amount"])
            else:
                earlier = f"SUM(K{first_row}:K{r - 1})"
                allocated = Formula(f"=MAX(0,MIN(J{r},{cap}-{earlier}))", item["amount"])
            ratio = Formula(f"={factor}", self.value(plan.factor)) if factor else None
            cap_cell = (
                Formula(f"={cap}", yuan_to_fen(self.value(plan.cap) or Decimal(0))) if cap else None
            )
            out.append([*head, item["base"], ratio, cap_cell, raw, allocated, LIVE[self.lang]])
        return out

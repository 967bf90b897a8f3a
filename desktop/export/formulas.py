"""测算明细: one row per eligible record amount, with live Excel formulas wherever possible.

A record's amount formula (the measure's ``amount``) is translated into an Excel formula per
row (:mod:`desktop.export.translate`): parameters become named cells of the 参数 sheet
(``p_<key>``); every sub-expression without a parameter — a field such as the principal or
the rate, the days between two dates, the LPR in force on a date, ``min()`` of two day
counts — is computed by the engine and written in one of the row's data cells
(数据1…数据4, named in 数据说明); ``coalesce()`` takes the branch that holds for the row
(interest paid when given, else the estimate). So::

    封顶前 = ROUND(G*H*I/p_day_count*p_ratio, 2)      principal × rate × days ÷ basis × ratio
    核定   = MIN(封顶前, p_cap)                          (first record of its cap group)
           = MAX(0, MIN(封顶前, p_cap − SUM(核定 of the group's earlier records)))

which is the engine's rule (round each record to 分 half up, then share a cap first come,
first served in the engine's order). A row is written as the engine's value instead, with
the reason in 计算方式, when its amount depends on a comparison with other measures (an
exclusive stacking rule that is contested for the record or enterprise), a parameter is not
set, the formula has a shape Excel cannot follow (conditions, more than four data cells),
the exact amount lies on a half-分 boundary (where floating-point ROUND could differ), or
another record of its cap group is a value.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

import numpy as np
import pandas as pd

from desktop.core.evaluation import Evaluation
from desktop.core.fields import Table
from desktop.core.outcomes import ELIGIBLE
from desktop.export.stacking import contested_records
from desktop.export.tables import Column
from desktop.export.text import export_text
from desktop.export.translate import DATA_SLOTS, NoFormula, Translator, param_name
from desktop.export.xlsxbase import Formula

__all__ = ["DETAIL_COLUMNS", "DetailBuilder", "param_name"]

DETAIL_COLUMNS = (
    Column("uscc"),
    Column("name"),
    Column("measure_id"),
    Column("measure_name", "text", 28),
    Column("record"),
    Column("year", "int"),
    *(Column(f"data{i + 1}", "decimal", 14) for i in range(DATA_SLOTS)),
    Column("data_note", "wrap", 40),
    Column("cap", "money"),
    Column("raw_amount", "money"),
    Column("allocated", "money"),
    Column("how", "wrap", 36),
)
_COL = {c.id: i for i, c in enumerate(DETAIL_COLUMNS)}
MEASURE_COL = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[_COL["measure_id"]]
RAW_COL = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[_COL["raw_amount"]]
ALLOCATED_COL = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[_COL["allocated"]]


class DetailBuilder:
    """Rows of 测算明细 for every measure, grouped so a shared cap's records are adjacent."""

    def __init__(self, evaluation: Evaluation, names: dict[str, str], lang: str) -> None:
        self.ev = evaluation
        self.names = names
        self.lang = lang
        #: the 计算方式 words: a live row, an engine-value row, a row tied to one by its cap
        self.live_word = export_text("detail.live", lang)
        self.engine_word = export_text("detail.engine", lang)
        self.group_reason = export_text("detail.group_reason", lang)
        self.translators = {
            mid: Translator.for_measure(evaluation, mid, lang) for mid in evaluation.measure_ids
        }
        self.contested = contested_records(evaluation, lang)
        ents = evaluation.enterprises
        self._uscc = ents["uscc"].astype(str).to_numpy()
        self._name = ents["name"].astype(str).to_numpy()
        self.value_reasons: Counter[str] = Counter()  # kind of reason → rows written as values
        self.live_rows = 0
        self.live_measures: set[str] = set()

    def groups(self, measure_id: str) -> Iterator[list[dict[str, Any]]]:
        """Eligible records with an amount, in groups that share a cap (in allocation order)."""
        outcome = self.ev.outcomes[measure_id]
        rec = outcome.records
        if rec is None or "amount_fen" not in rec.columns:
            return
        mask = (rec["status"] == ELIGIBLE).to_numpy() & rec["amount_fen"].notna().to_numpy()
        elig = rec[mask]
        if elig.empty:
            return
        translator = self.translators[measure_id]
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
        per = translator.cap_per
        keys = ["ent", "year"] if per == "enterprise_year" else ["ent"]
        order = frame.sort_values([*keys, "when", "pos"], kind="stable").reset_index(drop=True)
        contested = self.contested.get(measure_id, {})
        positions = np.flatnonzero(mask)
        ents = elig["ent"].to_numpy()
        records = elig["record_id"].astype(str).to_numpy()
        rows_in_source = elig["row"].to_numpy()
        years = elig["year"].to_numpy() if "year" in elig.columns else None
        raws = elig["raw_fen"].to_numpy()
        amounts = elig["amount_fen"].to_numpy()

        def item(p: int) -> dict[str, Any]:
            year = None if years is None or pd.isna(years[p]) else int(years[p])
            return {
                "ent": int(ents[p]),
                "record": records[p],
                "year": year,
                "row": int(rows_in_source[p]),
                "raw": int(raws[p]),
                "amount": int(amounts[p]),
                "contested": contested.get(int(positions[p])),
            }

        rows = [item(int(p)) for p in order["pos"]]
        if per in ("enterprise", "enterprise_year"):
            group_keys = order[keys].to_numpy()
            start = 0
            for i in range(1, len(rows) + 1):
                if i == len(rows) or (group_keys[i] != group_keys[start]).any():
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

    def _plan(self, measure_id: str, group: list[dict[str, Any]]) -> list[Any]:
        """Per record: its translation, or (kind, reason) when it is written as a value."""
        translator = self.translators[measure_id]
        plans: list[Any] = []
        for item in group:
            if item["contested"] is not None:
                plans.append(("stacking", item["contested"]))
                continue
            try:
                found = translator.translate(item["row"])
            except NoFormula as why:
                plans.append((why.kind, str(why)))
                continue
            if found.raw_fen != item["raw"]:
                plans.append(("mismatch", translator.words("mismatch")))
            else:
                plans.append(found)
        shared = translator.cap_key is not None and translator.cap_per != "record"
        if shared and any(isinstance(p, tuple) for p in plans):
            group_reason = ("group", self.group_reason)
            plans = [p if isinstance(p, tuple) else group_reason for p in plans]
        if translator.cap_key is not None and not any(isinstance(p, tuple) for p in plans):
            cap_fen = translator.cap_fen
            assert cap_fen is not None
            used = 0
            for i, item in enumerate(group):
                allocated = max(0, min(item["raw"], cap_fen - used))
                if translator.cap_per != "record":
                    used += allocated
                if allocated != item["amount"]:
                    plans[i] = ("mismatch", translator.words("mismatch"))
        return plans

    def rows(self, measure_id: str, group: list[dict[str, Any]], first_row: int) -> list[list[Any]]:
        """The sheet rows of one group whose first row is Excel row ``first_row`` (1-based)."""
        translator = self.translators[measure_id]
        plans = self._plan(measure_id, group)
        out: list[list[Any]] = []
        cap = param_name(translator.cap_key) if translator.cap_key else None
        cap_cell = Formula(f"={cap}", translator.cap_fen) if cap else None
        for i, (item, plan) in enumerate(zip(group, plans, strict=True)):
            r = first_row + i
            ent = item["ent"]
            head = [self._uscc[ent], self._name[ent], measure_id, self.names[measure_id]]
            head += [item["record"], item["year"]]
            if isinstance(plan, tuple):
                kind, reason = plan
                self.value_reasons[kind] += 1
                data = [None] * DATA_SLOTS
                how = f"{self.engine_word} {reason}"
                out.append([*head, *data, "", None, item["raw"], item["amount"], how])
                continue
            self.live_rows += 1
            self.live_measures.add(measure_id)
            data = [value for _, value in plan.data]
            data += [None] * (DATA_SLOTS - len(data))
            raw = Formula(f"=ROUND({plan.text.format(r=r)},2)", item["raw"])
            if cap is None:
                allocated = Formula(f"={RAW_COL}{r}", item["amount"])
            elif i == 0 or translator.cap_per == "record":
                allocated = Formula(f"=MIN({RAW_COL}{r},{cap})", item["amount"])
            else:
                earlier = f"SUM({ALLOCATED_COL}{first_row}:{ALLOCATED_COL}{r - 1})"
                allocated = Formula(f"=MAX(0,MIN({RAW_COL}{r},{cap}-{earlier}))", item["amount"])
            note = plan.note
            out.append([*head, *data, note, cap_cell, raw, allocated, self.live_word])
        return out

"""Which records' amounts a stacking rule decided (so 测算明细 writes them as values).

Mirrors the engine's rules (:mod:`desktop.core.stacking`) without changing anything: an
exclusive rule per enterprise is *contested* where an enterprise is eligible with an amount
under two or more of its measures; per record (``key`` such as a project id) where the same
enterprise and key are eligible under two or more; a shared cap across measures decides every
amount of its measures. A contested amount depends on the other measures' amounts, so a
formula on one row cannot follow it: those rows keep the engine's value and say why.
"""

from __future__ import annotations

from typing import cast

import numpy as np
import pandas as pd

from desktop.core.evaluation import Evaluation
from desktop.core.fields import TABLES, Table
from desktop.core.outcomes import ELIGIBLE
from desktop.core.stacking import rule_pick
from desktop.export.text import export_text


def _eligible(ev: Evaluation, measure_id: str) -> np.ndarray:
    rec = ev.outcomes[measure_id].records
    assert rec is not None
    return (rec["status"] == ELIGIBLE).to_numpy() & rec["amount_fen"].notna().to_numpy()


def contested_records(ev: Evaluation, lang: str) -> dict[str, dict[int, str]]:
    """measure → {position in its record frame: why the amount is the engine's value}."""
    lang = "en" if lang == "en" else "zh"
    found: dict[str, dict[int, str]] = {}
    for rule, _ in ev.catalogue.stacking:
        if rule_pick(rule, ev.stacking_picks) == "stack":
            continue  # stacked for what-if: each amount stands on its own row
        present = [
            m
            for m in rule.measures
            if m in ev.outcomes
            and ev.outcomes[m].records is not None
            and "amount_fen" in ev.outcomes[m].enterprise.columns
            and "amount_fen" in ev.outcomes[m].records.columns  # type: ignore[union-attr]
        ]
        if len(present) < 2:
            continue
        names = {m: ev.outcomes[m].measure.measure.name for m in present}
        table = ev.outcomes[present[0]].measure.measure.records
        record_label = TABLES[Table(table)].label(lang) if table else ""
        label = (rule.label_en or rule.label) if lang == "en" else rule.label
        parts = []
        for i, measure_id in enumerate(present):
            rec = ev.outcomes[measure_id].records
            assert rec is not None
            key = None
            if rule.key is not None:
                m = ev.outcomes[measure_id].measure.measure
                source = ev.portfolio.table(Table(m.records)) if m.records else None
                if source is not None and rule.key in source.columns:
                    key = source[rule.key].to_numpy(dtype=object)[rec["row"].to_numpy()]
            parts.append(
                pd.DataFrame(
                    {
                        "measure": i,
                        "pos": np.arange(len(rec)),
                        "ent": rec["ent"].to_numpy(),
                        "key": key if key is not None else np.full(len(rec), None, dtype=object),
                        "row": rec["row"].to_numpy(),
                    }
                )[_eligible(ev, measure_id)]
            )
        items = pd.concat(parts, ignore_index=True)
        if items.empty:
            continue
        if rule.kind == "overlap":
            # One loan (loss, premium) under two or more of the group's measures: which one
            # counts depends on the others (the dated or the higher pick). A measure whose
            # caps were shared again after an overlap changes for the enterprise's other
            # records too, so those rows are values as well.
            items["key"] = items["row"]
            by = ["ent", "key"]
            kind = "overlap"
            contested = items.groupby(by)["measure"].transform("nunique").to_numpy() >= 2
            capped = {i for i, m in enumerate(present) if ev.outcomes[m].measure.measure.caps}
            # (measure, enterprise) as one number, to test membership column-wise
            pair = items["measure"].to_numpy(dtype=np.int64) * (1 + int(items["ent"].max()))
            pair = pair + items["ent"].to_numpy(dtype=np.int64)
            follows = np.isin(items["measure"].to_numpy(), list(capped)) & np.isin(
                pair, pair[contested]
            )
            hit = items[contested | follows]
        elif rule.kind != "exclusive":
            hit = items
            by = ["ent"]
            kind = "shared"
        elif rule.per == "record":
            items = items[items["key"].notna().to_numpy()]
            by = ["ent", "key"]
            kind = "record"
            hit = items[items.groupby(by)["measure"].transform("nunique").to_numpy() >= 2]
        else:
            by = ["ent"]
            kind = "enterprise"
            hit = items[items.groupby(by)["measure"].transform("nunique").to_numpy() >= 2]
        if hit.empty:
            continue
        together = hit.groupby(by)["measure"].agg(lambda s: sorted(set(s)))
        for row in hit.itertuples(index=False):
            # The stubs type every itertuples field as any scalar: these columns hold ints.
            at, ent, pos = cast(int, row.measure), cast(int, row.ent), cast(int, row.pos)
            group = together[tuple(getattr(row, b) for b in by) if len(by) > 1 else ent]
            if kind == "overlap" and len(group) < 2:
                group = list(range(len(present)))  # a cap shared again after an overlap
            others = [
                names[present[j]] for j in (group if kind != "shared" else range(len(present)))
            ]
            others = [n for n in others if n != names[present[at]]]
            text = export_text(f"stacking.{kind}", lang).format(
                rule=label,
                others="、".join(f"「{n}」" for n in others) if lang == "zh" else ", ".join(others),
                key=ev.label_of(rule.key, lang) if rule.key else record_label,
            )
            found.setdefault(present[at], {})[int(pos)] = text
    return found

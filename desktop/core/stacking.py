"""Stacking rules applied after every measure is decided: exclusive groups and shared caps.

Rules come from the ``stacking:`` sections of policy files. They change amounts, never
statuses: a measure that loses an exclusive choice stays eligible with amount 0 and a note
naming the rule, so "eligible but not chosen" remains visible. Work is column-wise.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

import numpy as np
import pandas as pd

from desktop.core.catalogue import Catalogue
from desktop.core.fields import Table
from desktop.core.money import yuan_to_fen
from desktop.core.outcomes import ELIGIBLE, STACKING_NOTE, STACKING_NOTE_EN, MeasureOutcome
from desktop.core.parameters import ParamValue
from desktop.core.policy_model import StackingRule
from desktop.core.portfolio import Portfolio

NOTE = STACKING_NOTE
NOTE_EN = STACKING_NOTE_EN  # the same notes in English (explanations in English read it)


def _en(rule: StackingRule) -> str:
    return rule.label_en or rule.label


def _name_en(outcome: MeasureOutcome) -> str:
    m = outcome.measure.measure
    return m.name_en or m.name


def related_measures(catalogue: Catalogue, measure_id: str) -> set[str]:
    """The measure and every measure that shares a stacking rule with it (transitively)."""
    found = {measure_id}
    changed = True
    while changed:
        changed = False
        for rule, _ in catalogue.stacking:
            if found & set(rule.measures) and not set(rule.measures) <= found:
                found |= set(rule.measures)
                changed = True
    return found


def apply_stacking(
    outcomes: Mapping[str, MeasureOutcome],
    catalogue: Catalogue,
    params: Mapping[str, ParamValue],
    portfolio: Portfolio,
) -> None:
    for rule, _ in catalogue.stacking:
        present = [m for m in rule.measures if m in outcomes and _has_amounts(outcomes[m])]
        if len(present) < 2:
            continue
        if rule.kind == "exclusive" and rule.per == "record":
            _exclusive_records(rule, [outcomes[m] for m in present], portfolio)
        elif rule.kind == "exclusive":
            _exclusive_enterprise(rule, [outcomes[m] for m in present])
        else:
            assert rule.cap is not None
            cap = params.get(rule.cap)
            if cap is None or not isinstance(cap.value, Decimal):
                continue  # the owning measure was not evaluated, or the cap is not set
            _shared_cap(rule, [outcomes[m] for m in present], yuan_to_fen(cap.value))


def _has_amounts(outcome: MeasureOutcome) -> bool:
    return "amount_fen" in outcome.enterprise.columns


def _add_note(frame: pd.DataFrame, mask: np.ndarray, text: str, text_en: str) -> None:
    """Append a note (Chinese and English) to the rows of ``frame`` where ``mask`` holds."""
    for column, note in ((NOTE, text), (NOTE_EN, text_en)):
        if column not in frame.columns:
            frame[column] = pd.Series([None] * len(frame), index=frame.index, dtype=object)
        if not mask.any():
            continue
        current = frame[column].to_numpy(dtype=object, copy=True)
        for pos in np.flatnonzero(mask):
            current[pos] = note if current[pos] is None else f"{current[pos]}\n{note}"
        frame[column] = current


def _enterprise_amounts(outcome: MeasureOutcome) -> np.ndarray:
    """Amount in 分 per enterprise where eligible, else -1 (so it never wins)."""
    frame = outcome.enterprise
    eligible = (frame["status"] == ELIGIBLE).to_numpy()
    amounts = frame["amount_fen"].astype("Int64").fillna(-1).to_numpy(dtype=np.int64)
    return np.where(eligible, amounts, -1)


def _exclusive_enterprise(rule: StackingRule, outcomes: list[MeasureOutcome]) -> None:
    matrix = np.vstack([_enterprise_amounts(o) for o in outcomes])  # measures × enterprises
    winner = np.argmax(matrix, axis=0)  # ties go to the measure listed first
    contested = (matrix >= 0).sum(axis=0) >= 2
    for i, outcome in enumerate(outcomes):
        loses = contested & (winner != i) & (matrix[i] >= 0)
        wins = contested & (winner == i)
        names = [o.measure.measure.name for o in outcomes]
        names_en = [_name_en(o) for o in outcomes]
        _add_note(
            outcome.enterprise,
            wins,
            f"✓ {rule.label}：与「{'、'.join(n for j, n in enumerate(names) if j != i)}」"
            f"不可兼得，本项金额较高，选用本项（“{rule.quote}”）",
            f"✓ {_en(rule)}: cannot be combined with "
            f"“{'”, “'.join(n for j, n in enumerate(names_en) if j != i)}”; this measure pays "
            f"more and is chosen (“{rule.quote}”)",
        )
        for j, name in enumerate(names):
            if j == i:
                continue
            mask = loses & (winner == j)
            _add_note(
                outcome.enterprise,
                mask,
                f"✗ {rule.label}：与「{name}」不可兼得，已选用金额较高的「{name}」，"
                f"本项计0元（“{rule.quote}”）",
                f"✗ {_en(rule)}: cannot be combined with “{names_en[j]}”, which pays more and "
                f"was chosen; this measure counts 0 yuan (“{rule.quote}”)",
            )
        if loses.any():
            amount = (
                outcome.enterprise["amount_fen"].astype("Int64").to_numpy(dtype=object, copy=True)
            )
            amount[loses] = 0
            outcome.enterprise["amount_fen"] = pd.array(amount, dtype="Int64")
            if outcome.records is not None and "amount_fen" in outcome.records.columns:
                rec_lost = loses[outcome.records["ent"].to_numpy()]
                rec_amount = (
                    outcome.records["amount_fen"].astype("Int64").to_numpy(dtype=object, copy=True)
                )
                eligible = (outcome.records["status"] == ELIGIBLE).to_numpy()
                rec_amount[rec_lost & eligible] = 0
                outcome.records["amount_fen"] = pd.array(rec_amount, dtype="Int64")
                _add_note(
                    outcome.records,
                    rec_lost & eligible,
                    f"✗ {rule.label}：未选用，计0元",
                    f"✗ {_en(rule)}: not chosen, 0 yuan",
                )


def _key_values(portfolio: Portfolio, outcome: MeasureOutcome, key: str) -> np.ndarray:
    """The linking field's value for each of the outcome's records (None where blank)."""
    rec = outcome.records
    assert rec is not None and outcome.measure.measure.records is not None
    source = portfolio.table(Table(outcome.measure.measure.records))
    if key not in source.columns or rec.empty:
        return np.full(len(rec), None, dtype=object)
    values: np.ndarray = source[key].to_numpy(dtype=object)[rec["row"].to_numpy()]
    values[pd.isna(values)] = None
    return values


def _exclusive_records(
    rule: StackingRule, outcomes: list[MeasureOutcome], portfolio: Portfolio
) -> None:
    """Records linked by ``rule.key`` (e.g. one project) get support from one measure only."""
    assert rule.key is not None
    parts = []
    for i, outcome in enumerate(outcomes):
        rec = outcome.records
        assert rec is not None
        parts.append(
            pd.DataFrame(
                {
                    "measure": i,
                    "pos": np.arange(len(rec)),
                    "ent": rec["ent"].to_numpy(),
                    "key": _key_values(portfolio, outcome, rule.key),
                    "amount": rec["amount_fen"].astype("Int64").fillna(-1).to_numpy(dtype=np.int64),
                    "eligible": (rec["status"] == ELIGIBLE).to_numpy(),
                }
            )
        )
    items = pd.concat(parts, ignore_index=True)
    items = items[items["eligible"].to_numpy() & items["key"].notna().to_numpy()]
    if items.empty:
        return
    items = items.sort_values(["amount", "measure"], ascending=[False, True], kind="stable")
    size = items.groupby(["ent", "key"])["measure"].transform("size").to_numpy()
    first = ~items.duplicated(["ent", "key"], keep="first").to_numpy()
    winners = items[first & (size >= 2)]
    losers = items[~first & (size >= 2)]
    names = [o.measure.measure.name for o in outcomes]
    names_en = [_name_en(o) for o in outcomes]
    won_by = list(zip(winners["ent"], winners["key"], winners["measure"], strict=True))
    winner_name = {(e, k): names[m] for e, k, m in won_by}
    winner_name_en = {(e, k): names_en[m] for e, k, m in won_by}
    for i, outcome in enumerate(outcomes):
        rec = outcome.records
        assert rec is not None
        mine = losers[losers["measure"].to_numpy() == i]
        won = winners[winners["measure"].to_numpy() == i]
        for pos, key in zip(won["pos"], won["key"], strict=True):
            _add_note(
                rec,
                _one(len(rec), pos),
                f"✓ {rule.label}：{key} 同时符合多项措施，本项金额最高，选用本项",
                f"✓ {_en(rule)}: {key} qualifies for several measures; this one pays the most "
                "and is chosen",
            )
        if mine.empty:
            continue
        amount = rec["amount_fen"].astype("Int64").to_numpy(dtype=object, copy=True)
        amount[mine["pos"].to_numpy()] = 0
        rec["amount_fen"] = pd.array(amount, dtype="Int64")
        for pos, ent, key in zip(mine["pos"], mine["ent"], mine["key"], strict=True):
            _add_note(
                rec,
                _one(len(rec), pos),
                f"✗ {rule.label}：{key} 已选用金额更高的「{winner_name[(ent, key)]}」，"
                f"本项计0元（“{rule.quote}”）",
                f"✗ {_en(rule)}: for {key} the higher-paying “{winner_name_en[(ent, key)]}” "
                f"was chosen; this measure counts 0 yuan (“{rule.quote}”)",
            )
        _recompute_enterprise(outcome)
        _add_note(
            outcome.enterprise,
            _ents(outcome, mine["ent"].to_numpy()),
            f"✗ {rule.label}：部分记录已由其他措施就高支持，本项不重复计算，见明细",
            f"✗ {_en(rule)}: some records are already supported by a measure that pays more "
            "and are not counted twice; see the records",
        )


def _one(length: int, pos: int) -> np.ndarray:
    mask = np.zeros(length, dtype=bool)
    mask[pos] = True
    return mask


def _ents(outcome: MeasureOutcome, ents: np.ndarray) -> np.ndarray:
    mask = np.zeros(len(outcome.enterprise), dtype=bool)
    mask[np.unique(ents).astype(np.int64)] = True
    return mask


def _recompute_enterprise(outcome: MeasureOutcome) -> None:
    """Enterprise amounts again from the records, after stacking changed some."""
    rec = outcome.records
    assert rec is not None
    eligible = rec["status"] == ELIGIBLE
    sums = rec.loc[eligible].groupby("ent")["amount_fen"].sum()
    current = outcome.enterprise["amount_fen"].astype("Int64")
    has = current.notna().to_numpy()
    new = sums.reindex(np.arange(len(current))).astype("Int64").to_numpy(dtype=object, copy=True)
    values = current.to_numpy(dtype=object, copy=True)
    values[has] = new[has]
    outcome.enterprise["amount_fen"] = pd.array(values, dtype="Int64")


def _shared_cap(rule: StackingRule, outcomes: list[MeasureOutcome], cap_fen: int) -> None:
    """The measures' amounts together stay within the cap, shared in the listed order."""
    parts = []
    for i, outcome in enumerate(outcomes):
        rec = outcome.records
        if rec is not None:
            eligible = (rec["status"] == ELIGIBLE).to_numpy()
            year = (
                rec["year"].astype("Int64").fillna(-1).to_numpy(dtype=np.int64)
                if rule.per == "enterprise_year" and "year" in rec.columns
                else np.full(len(rec), -1, dtype=np.int64)
            )
            parts.append(
                pd.DataFrame(
                    {
                        "measure": i,
                        "pos": np.arange(len(rec)),
                        "ent": rec["ent"].to_numpy(),
                        "year": year,
                        "amount": rec["amount_fen"]
                        .astype("Int64")
                        .fillna(0)
                        .to_numpy(dtype=np.int64),
                    }
                )[eligible]
            )
        else:
            amounts = _enterprise_amounts(outcome)
            eligible = amounts >= 0
            parts.append(
                pd.DataFrame(
                    {
                        "measure": i,
                        "pos": np.arange(len(amounts)),
                        "ent": np.arange(len(amounts)),
                        "year": -1,
                        "amount": np.clip(amounts, 0, None),
                    }
                )[eligible]
            )
    items = pd.concat(parts, ignore_index=True)
    if items.empty:
        return
    cumulative = items.groupby(["ent", "year"], sort=False)["amount"].cumsum()
    allocated = (cap_fen - (cumulative - items["amount"])).clip(lower=0)
    allocated = np.minimum(allocated.to_numpy(), items["amount"].to_numpy())
    items["allocated"] = allocated
    reduced = items[items["allocated"] < items["amount"]]
    for i, outcome in enumerate(outcomes):
        mine = reduced[reduced["measure"].to_numpy() == i]
        if mine.empty:
            continue
        note = f"✗ {rule.label}：与同组措施合计不超过上限，本项按剩余额度计（“{rule.quote}”）"
        note_en = (
            f"✗ {_en(rule)}: together with the other measures of its group it may not exceed "
            f"the cap; this measure counts what is left (“{rule.quote}”)"
        )
        frame = outcome.records if outcome.records is not None else outcome.enterprise
        values = frame["amount_fen"].astype("Int64").to_numpy(dtype=object, copy=True)
        values[mine["pos"].to_numpy()] = mine["allocated"].to_numpy()
        frame["amount_fen"] = pd.array(values, dtype="Int64")
        mask = np.zeros(len(frame), dtype=bool)
        mask[mine["pos"].to_numpy()] = True
        _add_note(frame, mask, note, note_en)
        if outcome.records is not None:
            _recompute_enterprise(outcome)
            _add_note(outcome.enterprise, _ents(outcome, mine["ent"].to_numpy()), note, note_en)

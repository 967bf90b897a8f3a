"""Stacking rules applied after every measure is decided: exclusive groups and shared caps.

Rules come from the ``stacking:`` sections of policy files. They change amounts, never
statuses: a measure that loses an exclusive choice stays eligible with amount 0 and a note
naming the rule, so "eligible but not chosen" remains visible. Work is column-wise.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
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
from desktop.i18n import text

# Shares a measure's caps again once stacking set the records at the positions to 0.
Recap = Callable[[MeasureOutcome, np.ndarray], None]

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


def rule_pick(rule: StackingRule, picks: Mapping[str, str] | None = None) -> str | None:
    """The pick a rule applies in a run: the override's, else the rule's own (exclusive:
    ``higher``; a shared cap has none)."""
    if picks and rule.id in picks:
        return picks[rule.id]
    return rule.pick or ("higher" if rule.kind == "exclusive" else None)


def apply_stacking(
    outcomes: Mapping[str, MeasureOutcome],
    catalogue: Catalogue,
    params: Mapping[str, ParamValue],
    portfolio: Portfolio,
    picks: Mapping[str, str] | None = None,
    recap: Recap | None = None,
) -> None:
    """Apply every stacking rule (overlap groups first: one record, one support; then the
    documents' own rules) to the outcomes, in place; ``picks`` change rules' picks;
    ``recap`` shares a measure's caps again after an overlap set some of its records to 0."""
    rules = sorted(catalogue.stacking, key=lambda item: item[0].kind != "overlap")
    excluded: dict[str, set[int]] = {}
    for rule, _ in rules:
        present = [m for m in rule.measures if m in outcomes and _has_amounts(outcomes[m])]
        if len(present) < 2:
            continue
        pick = rule_pick(rule, picks)
        if rule.kind == "overlap":
            assert pick is not None
            _overlap_records(rule, pick, [outcomes[m] for m in present], portfolio, recap, excluded)
        elif rule.kind == "exclusive" and pick == "stack":
            continue  # switched off for this run (what-if)
        elif rule.kind == "exclusive" and rule.per == "record":
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
            before = current[pos]
            current[pos] = note if not isinstance(before, str) else f"{before}\n{note}"
        frame[column] = pd.Series(current, index=frame.index, dtype=object)


def _add_notes(frame: pd.DataFrame, notes: list[tuple[int, str, str]]) -> None:
    """Append many notes at once: ``(position, Chinese, English)`` each."""
    for column in (NOTE, NOTE_EN):
        if column not in frame.columns:
            frame[column] = pd.Series([None] * len(frame), index=frame.index, dtype=object)
    if not notes:
        return
    for column, k in ((NOTE, 1), (NOTE_EN, 2)):
        current = frame[column].to_numpy(dtype=object, copy=True)
        for note in notes:
            pos, value = note[0], note[k]
            before = current[pos]
            current[pos] = value if not isinstance(before, str) else f"{before}\n{value}"
        frame[column] = pd.Series(current, index=frame.index, dtype=object)


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
        why_zh, why_en = _interpretation(rule, "zh"), _interpretation(rule, "en")
        _add_note(
            outcome.enterprise,
            wins,
            text(
                "stacking.exclusive.won",
                "zh",
                label=rule.label,
                others="、".join(n for j, n in enumerate(names) if j != i),
                quote=rule.quote,
                why=why_zh,
            ),
            text(
                "stacking.exclusive.won",
                "en",
                label=_en(rule),
                others="”, “".join(n for j, n in enumerate(names_en) if j != i),
                quote=rule.quote,
                why=why_en,
            ),
        )
        for j, name in enumerate(names):
            if j == i:
                continue
            mask = loses & (winner == j)
            _add_note(
                outcome.enterprise,
                mask,
                text(
                    "stacking.exclusive.lost",
                    "zh",
                    label=rule.label,
                    winner=name,
                    quote=rule.quote,
                    why=why_zh,
                ),
                text(
                    "stacking.exclusive.lost",
                    "en",
                    label=_en(rule),
                    winner=names_en[j],
                    quote=rule.quote,
                    why=why_en,
                ),
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
                    text("stacking.exclusive.record", "zh", label=rule.label),
                    text("stacking.exclusive.record", "en", label=_en(rule)),
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
    why_zh, why_en = _interpretation(rule, "zh"), _interpretation(rule, "en")
    for i, outcome in enumerate(outcomes):
        rec = outcome.records
        assert rec is not None
        mine = losers[losers["measure"].to_numpy() == i]
        won = winners[winners["measure"].to_numpy() == i]
        won_notes = [
            (
                int(pos),
                text("stacking.record.won", "zh", label=rule.label, key=key, why=why_zh),
                text("stacking.record.won", "en", label=_en(rule), key=key, why=why_en),
            )
            for pos, key in zip(won["pos"], won["key"], strict=True)
        ]
        _add_notes(rec, won_notes)
        if mine.empty:
            continue
        amount = rec["amount_fen"].astype("Int64").to_numpy(dtype=object, copy=True)
        amount[mine["pos"].to_numpy()] = 0
        rec["amount_fen"] = pd.array(amount, dtype="Int64")
        lost_notes = [
            (
                int(pos),
                text(
                    "stacking.record.lost",
                    "zh",
                    label=rule.label,
                    key=key,
                    winner=winner_name[(ent, key)],
                    quote=rule.quote,
                    why=why_zh,
                ),
                text(
                    "stacking.record.lost",
                    "en",
                    label=_en(rule),
                    key=key,
                    winner=winner_name_en[(ent, key)],
                    quote=rule.quote,
                    why=why_en,
                ),
            )
            for pos, ent, key in zip(mine["pos"], mine["ent"], mine["key"], strict=True)
        ]
        _add_notes(rec, lost_notes)
        _recompute_enterprise(outcome)
        _add_note(
            outcome.enterprise,
            _ents(outcome, mine["ent"].to_numpy()),
            text("stacking.record.enterprise", "zh", label=rule.label, why=why_zh),
            text("stacking.record.enterprise", "en", label=_en(rule), why=why_en),
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
        note = text("stacking.shared_cap", "zh", label=rule.label, quote=rule.quote)
        note_en = text("stacking.shared_cap", "en", label=_en(rule), quote=rule.quote)
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


def cite(outcome: MeasureOutcome, lang: str) -> str:
    """A measure as a reader finds it: 23号第23条 / 京政办发〔2023〕23号 Art. 23."""
    measure = outcome.measure
    number = measure.document.number
    short = number.rpartition("〕")[2] or number
    article = measure.measure.article
    if article is None:
        return short
    key = "stacking.cite" if article.isdigit() else "stacking.cite_item"
    # English names the document in full (its number is the document's own text)
    return text(key, lang, doc=number if lang == "en" else short, article=article)


def _interpretation(rule: StackingRule, lang: str) -> str:
    reading = rule.interpretation_en if lang == "en" else rule.interpretation
    reading = reading or rule.interpretation
    return text("stacking.why.interpretation", lang, text=reading) if reading else ""


def _record_dates(portfolio: Portfolio, outcome: MeasureOutcome, field: str) -> np.ndarray:
    """The dating field of each of the outcome's records (NaT where blank)."""
    rec = outcome.records
    assert rec is not None and outcome.measure.measure.records is not None
    source = portfolio.table(Table(outcome.measure.measure.records))
    if field not in source.columns or rec.empty:
        return np.full(len(rec), np.datetime64("NaT"), dtype="datetime64[ns]")
    values = pd.to_datetime(source[field], errors="coerce").to_numpy(dtype="datetime64[ns]")
    picked: np.ndarray = values[rec["row"].to_numpy()]
    return picked


def _overlap_records(
    rule: StackingRule,
    pick: str,
    outcomes: list[MeasureOutcome],
    portfolio: Portfolio,
    recap: Recap | None,
    excluded: dict[str, set[int]],
) -> None:
    """One record (the same row of one table) paid for by several measures of the group:
    ``later_document`` / ``higher`` keep one measure's amount and set the others to 0;
    ``stack`` keeps all (what-if). A record already taken from a measure by an earlier
    overlap rule does not contest again; unknown amounts are left as they are (``higher``
    cannot compare them) and noted."""
    assert rule.date is not None
    starts = []
    for outcome in outcomes:
        start = outcome.measure.in_force_window()[0]
        starts.append(np.datetime64(start, "ns") if start else np.datetime64("NaT", "ns"))
    parts = []
    for i, outcome in enumerate(outcomes):
        rec = outcome.records
        assert rec is not None
        amount = rec["amount_fen"].astype("Int64")
        parts.append(
            pd.DataFrame(
                {
                    "measure": i,
                    "pos": np.arange(len(rec)),
                    "row": rec["row"].to_numpy(),
                    "ent": rec["ent"].to_numpy(),
                    "amount": amount.fillna(-1).to_numpy(dtype=np.int64),
                    "known": amount.notna().to_numpy(),
                    "eligible": (rec["status"] == ELIGIBLE).to_numpy(),
                    "date": _record_dates(portfolio, outcome, rule.date),
                }
            )
        )
    items = pd.concat(parts, ignore_index=True)
    # A record an earlier overlap rule took from a measure does not contest again; an amount
    # of 0 (e.g. the measure's yearly cap is used up) still claims the record.
    taken = np.zeros(len(items), dtype=bool)
    for i, outcome in enumerate(outcomes):
        lost = excluded.get(outcome.measure.id)
        if lost:
            mine = items["measure"].to_numpy() == i
            taken[mine] = np.isin(items["pos"].to_numpy()[mine], np.array(sorted(lost)))
    items = items[items["eligible"].to_numpy() & ~taken]
    if items.empty:
        return
    size = items.groupby("row")["measure"].transform("size").to_numpy()
    items = items[size >= 2]
    if items.empty:
        return
    cites = {lang: [cite(o, lang) for o in outcomes] for lang in ("zh", "en")}
    sep = {"zh": "、", "en": ", "}
    zeroed: list[list[int]] = [[] for _ in outcomes]
    record_notes: list[list[tuple[int, str, str]]] = [[] for _ in outcomes]
    # per measure and enterprise: (mark, chosen measure, others) → number of records
    summary: list[dict[tuple[int, str, int, tuple[int, ...]], int]] = [{} for _ in outcomes]
    for row, group in items.groupby("row", sort=True):
        del row
        members = group["measure"].to_numpy()
        known = group["known"].to_numpy()
        amounts = group["amount"].to_numpy()
        dates = group["date"].to_numpy()
        date = dates[0]
        chosen: int | None = None
        why_key = ""
        why: dict[str, dict[str, object]] = {"zh": {}, "en": {}}
        if pick == "later_document":
            member_starts = np.array([starts[m] for m in members])
            if pd.isna(date):
                order = np.lexsort((-amounts, member_starts))
                chosen = int(members[order[-1]])
                why_key = "stacking.why.nodate"
            else:
                in_force = ~pd.isna(member_starts) & (member_starts <= date)
                if in_force.any():
                    latest = member_starts[in_force].max()
                    best = np.flatnonzero(in_force & (member_starts == latest))
                else:  # dated before every document: the earliest one
                    best = np.flatnonzero(member_starts == np.nanmin(member_starts))
                chosen = int(members[best[np.argmax(amounts[best])]])
                later = [int(m) for m in members if starts[m] > starts[chosen]]
                why_key = "stacking.why.later"
                if later:
                    why_key = "stacking.why.earlier"
                    for lang in ("zh", "en"):
                        why[lang]["later"] = sep[lang].join(cites[lang][m] for m in later)
                        why[lang]["start"] = str(pd.Timestamp(starts[later[0]]).date())
                for lang in ("zh", "en"):
                    why[lang]["date"] = "" if pd.isna(date) else str(pd.Timestamp(date).date())
                    why[lang].setdefault("start", str(pd.Timestamp(starts[chosen]).date()))
                    why[lang]["chosen"] = cites[lang][chosen]
        elif pick == "higher" and known.sum() >= 2:
            candidates = np.flatnonzero(known)
            # ties go to the measure listed first
            best = candidates[np.lexsort((members[candidates], -amounts[candidates]))[0]]
            chosen = int(members[best])
            why_key = "stacking.why.higher"
            for lang in ("zh", "en"):
                why[lang]["chosen"] = cites[lang][chosen]
        contested = [int(m) for m in members]
        positions = dict(zip(contested, group["pos"].to_numpy().tolist(), strict=True))
        ent = int(group["ent"].to_numpy()[0])
        for k, m in enumerate(contested):
            others = tuple(o for o in contested if o != m)
            tail = {
                lang: (text(why_key, lang, **why[lang]) if why_key else "")
                + _interpretation(rule, lang)
                for lang in ("zh", "en")
            }
            label = {"zh": rule.label, "en": _en(rule)}
            if pick == "stack":
                key, mark = "stacking.overlap.stacked", "+"
            elif chosen is None or (pick == "higher" and not known[k]):
                key, mark = "stacking.overlap.unknown", "?"
            elif m == chosen:
                key, mark = "stacking.overlap.won", "✓"
            else:
                key, mark = "stacking.overlap.lost", "✗"
                zeroed[m].append(positions[m])
            notes = {
                lang: text(
                    key,
                    lang,
                    label=label[lang],
                    chosen=cites[lang][chosen] if chosen is not None else "",
                    others=sep[lang].join(cites[lang][o] for o in others),
                    this=cites[lang][m],
                    why=tail[lang],
                )
                for lang in ("zh", "en")
            }
            record_notes[m].append((positions[m], notes["zh"], notes["en"]))
            if mark in "✓✗+":
                shown = others if mark != "✗" else tuple(o for o in contested if o != chosen)
                slot = (ent, mark, -1 if chosen is None else chosen, shown)
                summary[m][slot] = summary[m].get(slot, 0) + 1
    for i, outcome in enumerate(outcomes):
        rec = outcome.records
        assert rec is not None
        if zeroed[i]:
            lost = excluded.setdefault(outcome.measure.id, set())
            lost.update(zeroed[i])
            kept = rec["amount_fen"].astype("Int64").to_numpy(dtype=object, copy=True)
            kept[np.array(zeroed[i], dtype=np.int64)] = 0
            rec["amount_fen"] = pd.array(kept, dtype="Int64")
            if recap is not None:
                recap(outcome, np.array(sorted(lost), dtype=np.int64))
            _recompute_enterprise(outcome)
        _add_notes(rec, record_notes[i])
        ent_notes: list[tuple[int, str, str]] = []
        for (ent, mark, chosen_m, others), count in summary[i].items():
            if mark == "+":
                key = "stacking.overlap.enterprise_stacked"
            else:
                key = "stacking.overlap.enterprise"
            notes = {
                lang: text(
                    key,
                    lang,
                    mark=mark,
                    label=rule.label if lang == "zh" else _en(rule),
                    count=count,
                    chosen=cites[lang][chosen_m] if chosen_m >= 0 else "",
                    others=sep[lang].join(cites[lang][o] for o in others),
                )
                + _interpretation(rule, lang)
                for lang in ("zh", "en")
            }
            ent_notes.append((ent, notes["zh"], notes["en"]))
        _add_notes(outcome.enterprise, ent_notes)

"""A qualification list in one cell ("高新技术企业、专精特新", "国高新;科小") → the yes/no flags.

District application lists often keep an enterprise's qualifications in one column (企业资质,
认定情况, Tags) instead of one 是/否 column each. Each item that names a flag field of the
enterprise table (its labels, its header spellings in resources/vocabulary/fields.yaml, or an
item word in values.yaml ``qualification_items``) sets that flag to 是 for the row. A list
says what an enterprise has, not what it lacks: flags it does not name stay missing
(unknown, never 否), and the column says so once. An explicit flag column wins over the
list; where they disagree, and for every item that names nothing known, the cell is reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from desktop.core.fields import TABLES, Table
from desktop.core.portfolio import QualityIssue
from desktop.spreadsheet.text import clean_text, header_key, value_key
from desktop.spreadsheet.values import is_blank, text_of
from desktop.spreadsheet.vocabulary import vocabulary

LIST_FIELD = "qualifications"
# 、 , ， ; ； / ／ | ｜ and line breaks separate items; a space separates them only when the
# words it joins are not one item together ("High-tech Enterprise" is one, "国高新 科小" two).
_SEPARATORS = re.compile(r"[、,，;；/／|｜\r\n]+")

LIST_NOTE = (
    "资质列表只列出具备的资质：列出的记为「是」，未列出的保持缺失（未知），不记为「否」/ the "
    "list names the qualifications held: those listed read as yes, the others stay missing "
    "(unknown), not no"
)


@dataclass
class ListFlags:
    """Flag columns filled from a list column, their letters, and the findings."""

    columns: dict[str, pd.Series] = field(default_factory=dict)
    letters: dict[str, str] = field(default_factory=dict)
    issues: list[QualityIssue] = field(default_factory=list)


def list_items(text: str) -> list[str]:
    """The items of a list cell, as written (trimmed): "国高新；科小" → ["国高新", "科小"],
    "国高新 科小" → ["国高新", "科小"], "High-tech Enterprise" → ["High-tech Enterprise"]."""
    items: list[str] = []
    for piece in _SEPARATORS.split(text):
        piece = clean_text(piece)
        if not piece:
            continue
        words = piece.split(" ")
        if len(words) > 1 and item_flag(piece) is None and any(item_flag(w) for w in words):
            items += words
        else:
            items.append(piece)
    return items


PER_ITEM = 50  # rows reported one by one per unknown item or disagreeing flag; then one line


def item_flag(item: str) -> str | None:
    """The flag field an item names, or ``None`` (compared like a header spelling)."""
    return vocabulary().qualification_items.get(header_key(item))


def _read(text: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """(flags named, items naming nothing) of one list cell; 无 / 否 alone names nothing."""
    if value_key(text) in vocabulary().false_words:
        return frozenset(), ()
    named: set[str] = set()
    unknown: list[str] = []
    for item in list_items(text):
        flag = item_flag(item)
        if flag is None:
            unknown.append(item)
        else:
            named.add(flag)
    return frozenset(named), tuple(unknown)


def qualification_flags(
    raw: pd.Series,
    explicit: dict[str, pd.Series],
    explicit_letters: dict[str, str],
    *,
    letter: str,
    sheet: str | None,
    header_row: int | None,
) -> ListFlags:
    """Flags from the list column ``raw`` (index = Excel row, in column ``letter``), merged
    with the ``explicit`` flag columns already parsed (field → boolean Series)."""
    out = ListFlags()
    values = raw.to_numpy(dtype=object)
    try:
        codes, uniques = pd.factorize(values)  # each distinct list is split once
    except TypeError:  # unhashable cells
        codes, uniques = pd.factorize(np.array([text_of(v) for v in values], dtype=object))
    readings = [
        (frozenset[str](), ()) if is_blank(u) else _read(text_of(u)) for u in uniques.tolist()
    ]
    if not any(named or unknown for named, unknown in readings):
        return out
    flags = sorted({f for named, _ in readings for f in named})
    out.issues.append(
        QualityIssue(
            "info", LIST_NOTE, sheet, header_row, letter, None, "未列出的视为缺失 / others missing"
        )
    )
    rows = raw.index.to_numpy()
    with_unknown = [code for code, (_, unknown) in enumerate(readings) if unknown]
    seen: dict[str, int] = {}  # unknown item → rows met
    for position in np.nonzero(np.isin(codes, with_unknown))[0] if with_unknown else ():
        for item in readings[codes[position]][1]:
            seen[item] = seen.get(item, 0) + 1
            if seen[item] > PER_ITEM:
                continue
            out.issues.append(
                QualityIssue(
                    "warning",
                    f"资质列表中的「{item}」不是已知的资质 / '{item}' in the qualification "
                    "list names no known qualification",
                    sheet,
                    int(rows[position]),
                    letter,
                    item,
                    "忽略此项 / item ignored",
                )
            )
    for item, count in seen.items():
        if count > PER_ITEM:
            more = count - PER_ITEM
            out.issues.append(
                QualityIssue(
                    "warning",
                    f"资质列表中的「{item}」不是已知的资质（另有 {more} 行同类）"
                    f"/ '{item}' names no known qualification ({more} more rows like this)",
                    sheet,
                    None,
                    letter,
                    item,
                    "忽略此项 / item ignored",
                )
            )
    labels = TABLES[Table.ENTERPRISES].by_name()
    for flag in flags:
        named = np.array([flag in r[0] for r in readings] + [False], dtype=bool).take(codes)
        marks: list[bool | None] = [True if n else None for n in named.tolist()]
        listed = pd.Series(pd.array(marks, dtype="boolean"), index=raw.index)
        given = explicit.get(flag)
        if given is None:
            out.columns[flag] = listed
            out.letters[flag] = letter
            continue
        given = given.astype("boolean")
        out.columns[flag] = given.where(given.notna(), listed)
        disagree = (named & given.eq(False).fillna(False).to_numpy(dtype=bool)).nonzero()[0]
        spec = labels[flag]
        other = explicit_letters.get(flag, "?")
        for position in disagree[:PER_ITEM]:
            row = int(rows[position])
            out.issues.append(
                QualityIssue(
                    "warning",
                    f"资质列表含「{spec.label_zh}」，但{other}列「{spec.label_zh}」为「否」，以该列为准"
                    f" / the list names {spec.label_en} but column {other} says no: the column "
                    "wins",
                    sheet,
                    row,
                    letter,
                    text_of(values[position]),
                    f"按{other}列读取 / read from column {other}",
                )
            )
        if len(disagree) > PER_ITEM:
            more = len(disagree) - PER_ITEM
            out.issues.append(
                QualityIssue(
                    "warning",
                    f"资质列表含「{spec.label_zh}」而{other}列为「否」的另有 {more} 行，"
                    f"均以该列为准 / {more} more rows where the list names {spec.label_en} "
                    f"but column {other} says no",
                    sheet,
                    None,
                    letter,
                    None,
                    f"按{other}列读取 / read from column {other}",
                )
            )
    return out


__all__ = ["LIST_FIELD", "LIST_NOTE", "ListFlags", "item_flag", "list_items", "qualification_flags"]

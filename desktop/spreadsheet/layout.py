"""Where the table is on a sheet: title rows, one- or two-row headers, and the body rows.

Ledgers exported by core systems or typed by hand put titles above the header ("XX银行科技
金融部客户台账", "数据截至…"), group columns under merged parent cells ("贷款信息" over
"金额（万元）"), repeat the header on every printed page, and end with totals and notes.
This module finds the header block and yields the data rows with a note for each row it drops.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from operator import itemgetter

from desktop.core.fields import Table
from desktop.core.portfolio import QualityIssue
from desktop.spreadsheet.categories import clean_text
from desktop.spreadsheet.engine import EMPTY, Rows, filled
from desktop.spreadsheet.headers import (
    HEADER_SCAN_ROWS,
    MIN_HEADER_MATCHES,
    header_key,
    match_header,
    partial_header,
)
from desktop.spreadsheet.values import text_of

TOTAL_WORDS = ("合计", "总计", "小计", "累计", "本页合计", "本页小计", "total", "subtotal")
# A short label that ends in a total word is a totals row too: 北京分行小计, 海淀区合计,
# 2024年合计, Grand Total, Sub-total.
TOTAL_ENDINGS = ("合计", "总计", "小计", "total")
# The first cell of an example row: "示例", "样例1", "例：", "填写示例", "e.g.", "Example".
EXAMPLE_CELL = re.compile(
    r"^(?:(?:填写|填报)?(?:示例|样例|举例|范例|例)\s*\d*\s*(?:[:：].*)?|e\.g\..*|example\s*\d*"
    r"(?:[:：].*)?)$",
    re.IGNORECASE,
)
NOTE_PREFIXES = ("注", "说明", "备注", "note", "制表", "填表", "填报", "审核", "数据来源", "*")
MergedRange = tuple[tuple[int, int], tuple[int, int]]


@dataclass(frozen=True)
class HeaderBlock:
    """The header rows (0-based, ``first``…``last``) and, per column, the label to match and
    the parent label above it (two-row headers)."""

    first: int
    last: int
    labels: tuple[object, ...]
    parents: tuple[str | None, ...]
    raw: tuple[tuple[object, ...], ...] = ()  # the header rows as read, to spot repeats

    @property
    def excel_rows(self) -> tuple[int, ...]:
        return tuple(range(self.first + 1, self.last + 2))


def _hits(cells: Sequence[object], table: Table, known: frozenset[str] = frozenset()) -> set[int]:
    """Columns whose cell names a field of ``table`` (or a header a mapping profile names)."""
    return {
        i
        for i, c in enumerate(cells)
        if c is not None
        and c != ""
        and (match_header(c, table) is not None or (known and header_key(str(c)) in known))
    }


def _row_score(cells: Sequence[object], table: Table, known: frozenset[str]) -> float:
    """How well a row reads as ``table``'s header: 1 per exact field name, ½ per near one
    (:func:`partial_header`); 0 when it has no exact one or fewer than two in all."""
    exact = _hits(cells, table, known)
    if not exact:
        return 0.0
    near = sum(1 for i, c in enumerate(cells) if i not in exact and partial_header(c, table))
    if len(exact) + near < MIN_HEADER_MATCHES:
        return 0.0
    return len(exact) + 0.5 * near


def _best_row(rows: Rows, table: Table, known: frozenset[str]) -> int | None:
    """The best-scoring row among the first ones (the first of equals), or ``None``."""
    best, top = 0.0, None
    for index, cells in enumerate(rows):
        score = _row_score(cells, table, known)
        if score > best:
            best, top = score, index
    return top


def _text(value: object) -> str | None:
    if value is None:
        return None
    text = clean_text(value)
    return text or None


def _fill_parents(
    parent_row: Sequence[object], width: int, merged: Sequence[MergedRange], row: int
) -> list[str | None]:
    """Parent labels spread over the columns they span: by merged ranges when known, else
    rightwards over the blanks that follow them."""
    parents: list[str | None] = [_text(c) for c in parent_row[:width]]
    parents += [None] * (width - len(parents))
    spans = [(c0, c1) for (r0, c0), (r1, c1) in merged if r0 <= row <= r1 and c1 > c0]
    if spans:
        for c0, c1 in spans:
            for col in range(c0 + 1, min(c1 + 1, width)):
                parents[col] = parents[c0]
        return parents
    current: str | None = None
    for col in range(width):
        if parents[col] is not None:
            current = parents[col]
        else:
            parents[col] = current
    return parents


def find_header(
    rows: Rows,
    table: Table,
    merged: Sequence[MergedRange] = (),
    known: frozenset[str] = frozenset(),
) -> HeaderBlock | None:
    """The header block of ``table`` within the first rows of a sheet, or ``None``;
    ``known`` holds the header keys a mapping profile names."""
    top = _best_row(rows[:HEADER_SCAN_ROWS], table, known)
    if top is None:
        return None
    head = rows[top]
    below = rows[top + 1] if top + 1 < len(rows) else ()
    head_hits = _hits(head, table, known)
    below_hits = _hits(below, table, known)
    # Parent above children: the next row names fields where this row is blank or unknown.
    if below_hits and not below_hits & head_hits:
        first, parent_row, child_row = top, head, below
    else:
        above = rows[top - 1] if top > 0 else ()
        filled = [c for c in above if _text(c) is not None]
        # Labels in the upper row are allowed where the lower row is blank: cells merged
        # down over both rows ("成立日期" beside "企业信息" over 名称 / 所属区).
        head_filled = {i for i, c in enumerate(head) if _text(c) is not None}
        if len(filled) >= 2 and not _hits(above, table, known) & head_filled:
            first, parent_row, child_row = top - 1, above, head
        else:
            return HeaderBlock(top, top, tuple(head), (None,) * len(head), (_key(head),))
    return _two_rows(first, parent_row, child_row, merged)


def header_at(
    rows: Rows, excel_rows: Sequence[int], merged: Sequence[MergedRange] = ()
) -> HeaderBlock | None:
    """The header block at the Excel row(s) a mapping profile gives: one row of labels, or a
    parent row and the row of labels below it; ``None`` when the sheet is shorter."""
    first = excel_rows[0] - 1
    last = excel_rows[-1] - 1
    if first < 0 or last >= len(rows):
        return None
    if last == first:
        head = rows[first]
        return HeaderBlock(first, first, tuple(head), (None,) * len(head), (_key(head),))
    return _two_rows(first, rows[first], rows[last], merged)


def first_text_row(rows: Rows) -> int | None:
    """The first of the first rows with two or more filled cells (a header to start from)."""
    for index, cells in enumerate(rows[:HEADER_SCAN_ROWS]):
        if sum(1 for c in cells if _text(c) is not None) >= MIN_HEADER_MATCHES:
            return index
    return None


def _two_rows(
    first: int,
    parent_row: Sequence[object],
    child_row: Sequence[object],
    merged: Sequence[MergedRange],
) -> HeaderBlock:
    width = max(len(parent_row), len(child_row))
    parents = _fill_parents(parent_row, width, merged, first)
    labels: list[object] = []
    out_parents: list[str | None] = []
    for col in range(width):
        child = _text(child_row[col]) if col < len(child_row) else None
        parent = parents[col]
        if child is None:  # merged vertically: the label sits in the upper row
            upper = _text(parent_row[col]) if col < len(parent_row) else None
            labels.append(upper)
            out_parents.append(None)
        else:
            labels.append(child)
            out_parents.append(parent if parent != child else None)
    last = first + 1
    raw = (_key(parent_row), _key(child_row))
    return HeaderBlock(first, last, tuple(labels), tuple(out_parents), raw)


def _key(cells: Sequence[object]) -> tuple[object, ...]:
    out = list(cells)
    while out and (out[-1] is None or out[-1] == ""):
        out.pop()
    return tuple(out)


def _is_total(cells: Sequence[object]) -> bool:
    """A totals row: its label sits in one of the first filled cells."""
    seen = 0
    for cell in cells:
        if cell is None or cell == "":
            continue
        seen += 1
        if seen > 3:
            return False
        if cell.__class__ is str and len(cell) <= 12 and any(ch in cell for ch in "计tT"):
            text = clean_text(cell).replace(" ", "").rstrip(":：").lower()
            if text in TOTAL_WORDS or text.endswith(TOTAL_ENDINGS):
                return True
    return False


def is_example(cells: Sequence[object]) -> bool:
    """An example row left under the header of a data sheet: its first filled cell says so
    (示例, 样例1, 填写示例：…, e.g., Example)."""
    first = next((c for c in cells if c is not None and c != ""), None)
    return isinstance(first, str) and EXAMPLE_CELL.match(clean_text(first)) is not None


def _note_text(cells: Sequence[object]) -> str | None:
    """The text of a row that holds a single text cell (stops at the second filled cell)."""
    found: object = None
    for cell in cells:
        if cell is None or cell == "":
            continue
        if found is not None:
            return None
        found = cell
    if isinstance(found, str) and found.strip():
        return clean_text(found)
    return None


BLANK = "空行 / blank"
REPEATED_HEADER = "重复的表头行 / repeated header"
TOTAL = "合计行 / total"
NOTE = "备注行 / note"
EXAMPLE = "示例行 / example row"


def body_rows(
    rows: Rows, header: HeaderBlock, columns: Sequence[int], sheet: str | None
) -> tuple[list[Sequence[object]], list[int], list[QualityIssue], Counter[str]]:
    """Data rows after the header (cells, Excel row numbers), a note per dropped row
    (totals, repeated headers and notes below the data) and the count of rows left out by
    reason (blank rows too), so every row of the sheet is accounted for."""
    labels = header.labels
    probe = [i for i in columns if i < len(labels) and labels[i] is not None][:3]
    need = max(2, len(probe) - 1)
    first = probe[0] if probe else 1 << 20
    parent_row = header.raw[0] if len(header.raw) > 1 else ()
    parent_at = next((i for i, c in enumerate(parent_row) if c not in EMPTY), 1 << 20)
    parent_value = parent_row[parent_at] if parent_at < len(parent_row) else None
    data: list[Sequence[object]] = []
    numbers: list[int] = []
    issues: list[QualityIssue] = []
    skipped: Counter[str] = Counter()
    in_notes = False

    def drop(number: int, cells: Sequence[object], message: str, kind: str) -> None:
        skipped[kind] += 1
        value = clean_text(" ".join(text_of(c) for c in cells if c is not None and c != ""))
        issues.append(QualityIssue("info", message, sheet, number, None, value, "跳过 / skipped"))

    body = rows[header.last + 1 :]
    plain = _plain_rows(body, labels, first, parent_at, parent_value)
    for at, (number, cells) in enumerate(enumerate(body, start=header.last + 2)):
        if plain[at] and not in_notes and (data or not is_example(cells)):
            data.append(cells)
            numbers.append(number)
            continue
        if not filled(cells):
            skipped[BLANK] += 1
            continue
        if (
            first < len(cells)
            and _same(cells[first], labels[first])
            and sum(1 for i in probe if i < len(cells) and _same(cells[i], labels[i])) >= need
        ) or (
            parent_at < len(cells)
            and cells[parent_at] == parent_value
            and _key(cells) in header.raw
        ):
            drop(number, cells, "重复的表头行 / header row repeated", REPEATED_HEADER)
            continue
        if _is_total(cells):
            drop(number, cells, "合计或小计行 / total row", TOTAL)
            continue
        if not data and is_example(cells):  # only above the first data row
            drop(number, cells, "表头下的填写示例行 / example row under the header", EXAMPLE)
            continue
        note = _note_text(cells)
        if note is not None and (in_notes or note.lower().startswith(NOTE_PREFIXES)):
            in_notes = True
            drop(number, cells, "表格下方的备注 / note below the data", NOTE)
            continue
        if in_notes and note is None and all(i >= len(cells) or cells[i] in EMPTY for i in columns):
            drop(number, cells, "表格下方的备注 / note below the data", NOTE)
            continue
        data.append(cells)
        numbers.append(number)
    return data, numbers, issues, skipped


_TOTAL_CHARS = "计tT"


def _may_be_total(column: list[object]) -> list[bool] | None:
    """Per cell, whether it could be a totals label (:func:`_is_total`'s first test);
    ``None`` when no text cell of the column holds any of its characters (one search)."""
    joined = "\x00".join([c for c in column if c.__class__ is str])
    if not any(ch in joined for ch in _TOTAL_CHARS):
        return None
    return [
        c.__class__ is str and len(c) <= 12 and any(ch in c for ch in _TOTAL_CHARS) for c in column
    ]


def _plain_rows(
    body: Rows, labels: Sequence[object], first: int, parent_at: int, parent_value: object
) -> list[bool]:
    """Rows that are surely data, found column-wise: the first three cells filled (so not
    blank and not a note), none of them a possible totals label, and the cells that mark a
    repeated header unlike the header. Every other row is checked one by one."""
    nothing = [False] * len(body)
    label = labels[first] if first < len(labels) else None
    width = max(
        3, first + 1 if label is not None else 0, parent_at + 1 if parent_at < 1 << 20 else 0
    )
    if len(body) < 64 or (label is not None and label.__class__ is not str):
        return nothing
    if min(map(len, body)) < width:
        return nothing
    # Truthy first three cells: "" and None are empty (a 0 there only costs the slow path).
    plain = list(map(all, map(itemgetter(0, 1, 2), body)))
    for index in (0, 1, 2):
        suspect = _may_be_total([r[index] for r in body])
        if suspect is not None:
            plain = [p and not x for p, x in zip(plain, suspect, strict=True)]
    if label is not None:
        column = [r[first] for r in body]
        texts = "\x00".join([c for c in column if c.__class__ is str])
        if str(label).strip() in texts:
            plain = [
                p and not (c.__class__ is str and c.strip() == str(label).strip())
                for p, c in zip(plain, column, strict=True)
            ]
        # A number or date cell reads like the label only if the label holds a digit.
        if any(ch.isdigit() for ch in str(label)):
            plain = [p and c.__class__ is str for p, c in zip(plain, column, strict=True)]
    if parent_at < 1 << 20:
        plain = [p and r[parent_at] != parent_value for p, r in zip(plain, body, strict=True)]
    return plain


def _same(cell: object, label: object) -> bool:
    if cell is None or cell == "":
        return False
    if cell.__class__ is str and label.__class__ is str:
        return cell.strip() == label or cell.strip() == str(label).strip()
    return cell == label or _text(cell) == _text(label)


__all__ = [
    "BLANK",
    "EXAMPLE",
    "EXAMPLE_CELL",
    "NOTE",
    "NOTE_PREFIXES",
    "REPEATED_HEADER",
    "TOTAL",
    "TOTAL_WORDS",
    "HeaderBlock",
    "body_rows",
    "find_header",
    "first_text_row",
    "header_at",
    "is_example",
]

"""One sheet → one table: header block, column mapping, body rows, parsed canonical columns.

The frame returned is indexed by Excel row number and holds only mapped fields; every cell
that could not be read, and every row or column that was left out, is a located QualityIssue.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd

from desktop.cells import column_letter
from desktop.core.fields import TABLES, FieldType, Table
from desktop.core.portfolio import QualityIssue
from desktop.spreadsheet.categories import clean_text
from desktop.spreadsheet.checks import check_date_order, check_values, parsed_issues
from desktop.spreadsheet.engine import Sheet, fail, filled
from desktop.spreadsheet.headers import match_header
from desktop.spreadsheet.layout import (
    HeaderBlock,
    body_rows,
    find_header,
    first_text_row,
    header_at,
)
from desktop.spreadsheet.lists import LIST_FIELD, qualification_flags
from desktop.spreadsheet.mapping import (
    RANGE,
    ColumnMapping,
    MappedColumn,
    MappingProfile,
    map_columns,
)
from desktop.spreadsheet.terms import split_terms
from desktop.spreadsheet.values import mixed_percent_formats, parse_column


@dataclass
class TableRead:
    """A parsed table: frame (index = Excel row), field → column letter, mapping, issues."""

    frame: pd.DataFrame
    letters: dict[str, str]
    mapping: ColumnMapping
    issues: list[QualityIssue]
    above: int = 0  # title and header rows
    skipped: Counter[str] = field(default_factory=Counter)  # body rows left out, by reason


def locate(
    sheet: Sheet,
    table: Table,
    profile: MappingProfile | None = None,
    label: str | None = None,
    *,
    where: str | None = None,
    forced: bool = False,
) -> tuple[HeaderBlock, ColumnMapping] | None:
    """The header block and column mapping of ``table`` on ``sheet``, if it has a header.

    ``where`` names the sheet for the profile (``label``, or a CSV's file name). A header
    row the profile gives is used as it is (for ``table`` when one of its columns maps to
    the table, or when the profile assigns the sheet to it); with ``forced`` a sheet
    without a recognisable header is read from its first row of labels."""
    known = frozenset(profile.lookup(table)) if profile else frozenset()
    name = where if where is not None else label
    rows = profile.header_of(name) if profile is not None else None
    pinned = forced or (profile is not None and profile.role_of(name) == table)
    if rows is not None:
        header = header_at(sheet.rows, rows, sheet.merged)
    else:
        header = find_header(sheet.rows, table, sheet.merged, known)
        if header is None and pinned:
            top = first_text_row(sheet.rows)
            header = None if top is None else header_at(sheet.rows, (top + 1,), sheet.merged)
    if header is None:
        return None
    mapping = map_columns(
        header.labels,
        table,
        parents=header.parents,
        hidden=sheet.hidden_columns,
        sheet=label,
        header_rows=header.excel_rows,
        profile=profile,
    )
    if rows is not None and not pinned and not mapping.by_field():
        return None  # the given header names nothing of this table
    return header, mapping


def column_issues(
    mapping: ColumnMapping, header: HeaderBlock, labels_row: int
) -> list[QualityIssue]:
    """Notes for columns left out (duplicate, unrecognised), hidden and guessed columns."""
    issues: list[QualityIssue] = []
    other_tables = [t for t in TABLES if t != mapping.table]
    sheet = mapping.sheet
    specs = TABLES[mapping.table].by_name()

    def field_words(name: str) -> tuple[str, str]:  # a reader's words, not the key
        spec = specs.get(name)
        return (spec.label_zh, spec.label_en) if spec is not None else (name, name)

    for column in mapping.columns:
        cell = header.labels[column.index]
        if column.field is None:
            if match_header(cell, mapping.table) is not None:
                message, action = "重复的列，已使用前一列 / duplicate column", "忽略此列 / ignored"
            elif any(match_header(cell, t) is not None for t in other_tables):
                continue  # e.g. 企业名称 on a loan sheet: a lookup column for people, not data
            else:
                message, action = "未识别的列 / column not recognised", "忽略此列 / ignored"
        elif column.hidden:
            zh, en = field_words(column.field)
            message, action = "隐藏的列 / hidden column", f"已读取为「{zh}」/ read as {en}"
        elif column.reading == RANGE:
            message = (
                "一格含起止两个日期：拆分为「起始日期」和「到期日期」/ one cell holds both dates "
                "of the term: split into start and end"
            )
            action = "按“起–止”读取 / read as from–to"
        elif column.source == "fuzzy":
            message = (
                f"列名按相似度匹配（置信度 {column.confidence:.2f}）/ header matched by similarity"
            )
            zh, en = field_words(column.field)
            action = f"映射为「{zh}」/ mapped to {en}"
        else:
            continue
        issues.append(
            QualityIssue("info", message, sheet, labels_row, column.letter, column.header, action)
        )
    return issues


def require(path: Path, mapping: ColumnMapping, allow_missing: frozenset[str]) -> None:
    """Fail, naming file, sheet and column, when a required field has no column."""
    spec = TABLES[mapping.table].by_name()
    for name in mapping.missing_required:
        if name in allow_missing:
            continue
        field = spec[name]
        fail(
            path,
            f"缺少必填列「{field.label_zh}」/ required column '{field.label_en}' is missing "
            "from the header row",
            sheet=mapping.sheet,
            column=field.label_zh,
            row=mapping.header_rows[-1] if mapping.header_rows else None,
        )


def _columns(data: Sequence[Sequence[object]], picked: list[int]) -> dict[int, np.ndarray]:
    """Column index → its cells (an object array; "" and None are empty cells).

    Calamine's rows all have the sheet's width: they become one 2-D array in a single C
    step and each column is a view of it."""
    if not picked:
        return {}
    if data and len(set(map(len, data))) == 1:
        block = np.array(data, dtype=object)
        if block.ndim == 2:
            return {index: block[:, index] for index in picked}
    out: dict[int, np.ndarray] = {}
    for index in picked:
        values = np.empty(len(data), dtype=object)
        values[:] = [r[index] for r in data]
        out[index] = values
    return out


def parse_rows(
    path: Path,
    data: Sequence[Sequence[object]],
    numbers: list[int],
    mapping: ColumnMapping,
    percent_cells: dict[int, frozenset[int]] | None = None,
    default_unit: str | None = None,
) -> tuple[pd.DataFrame, dict[str, str], list[QualityIssue]]:
    """Parse the mapped columns of the body rows into typed canonical columns;
    ``percent_cells`` (see :class:`Sheet`) tells which rate cells Excel shows as percent;
    ``default_unit`` is the sheet's unit note ("单位：万元") for money headers without one.

    A column with an unknown unit is missing and flagged (the file still reads); amounts,
    rates and dates that fail the magnitude, sign and order checks are missing and flagged.
    ``path`` names the file in errors (kept for the callers)."""
    spec = TABLES[mapping.table].by_name()
    sheet = mapping.sheet
    header_row = mapping.header_rows[-1] if mapping.header_rows else None
    index = pd.Index(numbers, dtype="int64")
    used = [c for c in mapping.columns if c.field is not None]
    width = max((c.index for c in used), default=0) + 1
    if data and min(map(len, data)) < width:
        data = [[*r, *([None] * (width - len(r)))] for r in data]
    by_index = _columns(data, [c.index for c in used])
    columns: dict[str, pd.Series] = {}
    raws: dict[str, pd.Series] = {}
    letters: dict[str, str] = {}
    issues: list[QualityIssue] = []
    pending: list[tuple[MappedColumn, str, pd.Series]] = []
    for column in used:
        assert column.field is not None
        raw = pd.Series(by_index[column.index], index=index, dtype=object, copy=False)
        if column.reading == RANGE and spec[column.field].type == FieldType.DATE:
            start, end, found = split_terms(raw, sheet=sheet, column=column.letter)
            issues += found
            pending.append((column, column.field, start))
            if "end_date" in spec and not any(c.field == "end_date" for c in used):
                pending.append((column, "end_date", end))
        else:
            pending.append((column, column.field, raw))
    for column, name, raw in pending:
        field = spec[name]
        formatted = None
        if field.type == FieldType.RATIO and percent_cells and column.index in percent_cells:
            rows = percent_cells[column.index]
            formatted = pd.Series([n - 1 in rows for n in numbers], index=index, dtype=bool)
            if mixed_percent_formats(raw, formatted):
                issues.append(
                    QualityIssue(
                        "info",
                        f"「{field.label_zh}」列中部分数字为百分比格式（按小数读取），部分为普通"
                        "数字（按数值判断）/ the column mixes percent-formatted cells (read as "
                        "fractions) and plain numbers (read by their values)",
                        sheet,
                        header_row,
                        column.letter,
                        column.header,
                        "逐格按格式读取 / each cell read by its format",
                    )
                )
        reading = None if column.reading == RANGE else column.reading
        parsed = parse_column(raw, field, column.unit, formatted, default_unit, reading)
        issues += parsed_issues(
            raw, parsed, field, sheet=sheet, column=column.letter, header_row=header_row
        )
        values, found = check_values(raw, parsed.values, field, sheet=sheet, column=column.letter)
        issues += found
        columns[field.name] = values
        raws[field.name] = raw
        letters[field.name] = column.letter
    if mapping.table == Table.ENTERPRISES and LIST_FIELD in raws:
        listed = qualification_flags(
            raws[LIST_FIELD],
            columns,
            letters,
            letter=letters[LIST_FIELD],
            sheet=sheet,
            header_row=header_row,
        )
        columns.update(listed.columns)
        letters.update(listed.letters)
        issues += listed.issues
    frame = pd.DataFrame(columns, index=index)
    frame, found = check_date_order(frame, raws, letters, spec, sheet=sheet)
    return frame, letters, issues + found


def with_unit(mapping: ColumnMapping, unit: str | None) -> list[str]:
    """Money columns whose header names no unit take ``unit`` (stated in a note row);
    returns their letters."""
    if unit is None:
        return []
    spec = TABLES[mapping.table].by_name()
    changed: list[str] = []
    for i, column in enumerate(mapping.columns):
        money = column.field is not None and spec[column.field].type == FieldType.MONEY
        if money and column.unit is None:
            mapping.columns[i] = replace(column, unit=unit)
            changed.append(column.letter)
    return changed


def read_table(
    path: Path,
    sheet: Sheet,
    table: Table,
    *,
    label: str | None,
    profile: MappingProfile | None = None,
    allow_missing: frozenset[str] = frozenset(),
    default_unit: str | None = None,
    lookups: dict[str, int] | None = None,
) -> TableRead:
    """Read ``table`` from ``sheet``; ``label`` is the sheet name shown (None for a CSV).

    ``lookups`` (frame column → sheet column index) copies further columns as text, e.g.
    the enterprise name a record sheet without credit codes is joined by."""
    spec = TABLES[table]
    if not any(filled(r) for r in sheet.rows):
        fail(path, "工作表为空 / the sheet is empty", sheet=label)
    found = locate(sheet, table, profile, label, where=label or path.name)
    if found is None:
        labels = "、".join(f.label_zh for f in spec.fields if f.required)
        fail(
            path,
            f"找不到表头行（应含 {labels} 等列）/ no header row found (expected columns such as "
            + ", ".join(f.label_en for f in spec.fields if f.required)
            + ")",
            sheet=label,
        )
    header, mapping = found
    with_unit(mapping, default_unit)
    issues = column_issues(mapping, header, header.last + 1)
    key = record_key(table)
    if key is not None:  # a record sheet without an id column: ids from sheet and row
        allow_missing = allow_missing | {key}
    require(path, mapping, allow_missing)
    used = [c.index for c in mapping.columns if c.field is not None]
    data, numbers, dropped, skipped = body_rows(sheet.rows, header, used, label)
    issues += dropped
    frame, letters, parsed = parse_rows(path, data, numbers, mapping, sheet.percent_cells)
    for name, at in (lookups or {}).items():
        frame[name] = pd.Series(
            [
                clean_text(r[at]) or None if at < len(r) and r[at] is not None else None
                for r in data
            ],
            index=frame.index,
            dtype=object,
        )
        letters[name] = column_letter(at)
    if key is not None and key not in frame.columns:
        frame[key] = pd.Series([None] * len(frame), index=frame.index, dtype=object)
    return TableRead(frame, letters, mapping, issues + parsed, header.last + 1, skipped)


def record_key(table: Table) -> str | None:
    """The id field of a record table (None for enterprises and institutions)."""
    if table in (Table.ENTERPRISES, Table.INSTITUTIONS):
        return None
    return next(f.name for f in TABLES[table].fields if f.key)


__all__ = [
    "TableRead",
    "column_issues",
    "locate",
    "parse_rows",
    "read_table",
    "record_key",
    "require",
    "with_unit",
]

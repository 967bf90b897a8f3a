"""One sheet whose rows are loans, with the borrower's columns repeated on every row.

Banks' 客户台账 are usually like this: 信用代码, 企业名称, 所属区 … then 借据号, 金额, 利率.
The sheet is read twice over the same header and body rows — once as loans, once as
enterprises — and the enterprise rows are folded to one per credit code (the first row's
values are kept). A later row that repeats the code with a different name, district or other
enterprise value is reported, with its row and column, so the analyst can fix the ledger.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd

from desktop.core.fields import TABLES, Table
from desktop.core.portfolio import QualityIssue
from desktop.spreadsheet.engine import Sheet
from desktop.spreadsheet.layout import body_rows
from desktop.spreadsheet.mapping import MappingProfile, map_columns, missing_required
from desktop.spreadsheet.tables import (
    TableRead,
    column_issues,
    locate,
    parse_rows,
    record_key,
    require,
    with_unit,
)
from desktop.spreadsheet.values import text_of

# Loan fields that show a sheet is about loans when no loan-id column is there.
LOAN_SIGNS = frozenset({"amount", "rate", "start_date", "end_date", "lender", "interest_paid"})


def is_loan_sheet(sheet: Sheet, profile: MappingProfile | None = None) -> bool:
    """A sheet with a credit-code column, an enterprise-name column and ≥ 2 loan columns."""
    found = locate(sheet, Table.LOANS, profile)
    if found is None:
        return False
    header, loans = found
    if "uscc" not in loans.by_field() or len(LOAN_SIGNS & set(loans.by_field())) < 2:
        return False
    enterprises = map_columns(header.labels, Table.ENTERPRISES, parents=header.parents)
    return "name" in enterprises.by_field()


def _conflicts(
    frame: pd.DataFrame, letters: dict[str, str], sheet: str | None
) -> tuple[pd.DataFrame, list[QualityIssue]]:
    """Keep the first row per credit code; report later rows whose values differ."""
    labels = TABLES[Table.ENTERPRISES].by_name()
    issues: list[QualityIssue] = []
    codes = frame["uscc"]
    repeated = codes.notna() & codes.duplicated(keep="first")
    if not bool(repeated.any()):
        return frame, issues
    first = frame[codes.notna() & ~repeated].set_index("uscc", drop=False)
    fields = [f for f in frame.columns if f != "uscc"]
    for row in frame.index[repeated.to_numpy()]:
        code = frame.at[row, "uscc"]
        for name in fields:
            value, kept = frame.at[row, name], first.at[code, name]
            # pandas-stubs: .at may give np.bool_, Period or Interval, which isna's stub refuses.
            if pd.isna(value) or pd.isna(kept) or value == kept:  # type: ignore[arg-type]
                continue
            first_row = int(frame.index[(codes == code).to_numpy()][0])
            spec = labels[name]
            issues.append(
                QualityIssue(
                    "warning",
                    f"同一企业（第{first_row}行）的「{spec.label_zh}」不一致 / conflicting "
                    f"{spec.label_en.lower()} for the same credit code (first in row {first_row}: "
                    f"{text_of(kept)})",
                    sheet,
                    int(row),
                    letters.get(name),
                    text_of(value),
                    "使用首行的值 / the first row's value is kept",
                )
            )
    return frame[~repeated.to_numpy()], issues


def split_sheet(
    path: Path,
    sheet: Sheet,
    record: Table = Table.LOANS,
    *,
    label: str | None,
    profile: MappingProfile | None = None,
    default_unit: str | None = None,
) -> tuple[TableRead, TableRead]:
    """(enterprises, records) read from one sheet with a record per row and the
    enterprise's columns repeated on every row (a loan ledger, an application list)."""
    found = locate(sheet, record, profile, label, where=label or path.name)
    assert found is not None  # the caller found the record header
    header, record_map = found
    ent_map = map_columns(
        header.labels,
        Table.ENTERPRISES,
        parents=header.parents,
        hidden=sheet.hidden_columns,
        sheet=label,
        header_rows=header.excel_rows,
        profile=profile,
    )
    # A column is either a record column or an enterprise column: the credit code is both.
    record_fields = {c.index for c in record_map.columns if c.field not in (None, "uscc")}
    ent_map.columns = [
        c if c.index not in record_fields else replace(c, field=None, source="none")
        for c in ent_map.columns
    ]
    ent_map.missing_required = missing_required(ent_map)
    with_unit(record_map, default_unit)
    with_unit(ent_map, default_unit)
    key = record_key(record)
    require(path, ent_map, frozenset())
    require(path, record_map, frozenset({key}) if key else frozenset())
    ent_letters_used = {c.letter for c in ent_map.columns if c.field}
    issues = [
        i
        for i in column_issues(record_map, header, header.last + 1)
        if not (i.column and i.column in ent_letters_used)
    ]
    used = sorted(
        {c.index for c in record_map.columns if c.field}
        | {c.index for c in ent_map.columns if c.field}
    )
    data, numbers, dropped, skipped = body_rows(sheet.rows, header, used, label)
    records, record_letters, record_issues = parse_rows(
        path, data, numbers, record_map, sheet.percent_cells
    )
    if key is not None and key not in records.columns:  # numbered by row in check_records
        records[key] = pd.Series([None] * len(records), index=records.index, dtype=object)
    ents, ent_letters, ent_issues = parse_rows(path, data, numbers, ent_map, sheet.percent_cells)
    ent_issues = [i for i in ent_issues if i.column != ent_letters.get("uscc")]
    ents, conflicts = _conflicts(ents, ent_letters, label)
    note = QualityIssue(
        "info",
        f"每行一笔{TABLES[record].label_zh}：企业信息按信用代码合并 / one {record.value} record "
        f"per row: enterprises taken from the repeated columns, {len(ents)} enterprises from "
        f"{len(records)} rows",
        label,
        header.last + 1,
        None,
        None,
        f"拆分为企业表和{TABLES[record].label_zh}表 / split into enterprises and {record.value}",
    )
    above = header.last + 1
    ent_read = TableRead(ents, ent_letters, ent_map, [note, *conflicts, *ent_issues], above)
    record_read = TableRead(
        records, record_letters, record_map, issues + dropped + record_issues, above, skipped
    )
    return ent_read, record_read


def split_loan_sheet(
    path: Path, sheet: Sheet, *, label: str | None, profile: MappingProfile | None = None
) -> tuple[TableRead, TableRead]:
    """(enterprises, loans) read from one loan-per-row sheet."""
    return split_sheet(path, sheet, Table.LOANS, label=label, profile=profile)


__all__ = ["LOAN_SIGNS", "is_loan_sheet", "split_loan_sheet", "split_sheet"]

"""Quality findings: unreadable cells, bad credit codes, duplicates, records without an enterprise.

They run on frames indexed by Excel row number, so every finding points at a row the analyst
can find in the original workbook.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from desktop.core.fields import TABLES, FieldSpec, FieldType, Table
from desktop.core.portfolio import QualityIssue
from desktop.spreadsheet.uscc import checks_out_many, uscc_problem
from desktop.spreadsheet.values import Parsed, text_of

_KIND_ZH = {
    FieldType.MONEY: "金额",
    FieldType.RATIO: "比率",
    FieldType.NUMBER: "数值",
    FieldType.COUNT: "数值",
    FieldType.FLAG: "是/否",
    FieldType.DATE: "日期",
}


def parsed_issues(
    raw: pd.Series, parsed: Parsed, spec: FieldSpec, *, sheet: str | None, column: str
) -> list[QualityIssue]:
    """One QualityIssue per unreadable or assumed cell, located by sheet, row and column."""
    issues: list[QualityIssue] = []
    kind = _KIND_ZH.get(spec.type, "值")
    for row in raw.index[parsed.bad.to_numpy()]:
        issues.append(
            QualityIssue(
                severity="warning",
                message=(
                    f"「{spec.label_zh}」无法识别为{kind} / "
                    f"cannot read {spec.label_en.lower()} as {spec.type.value}"
                ),
                sheet=sheet,
                row=int(row),
                column=column,
                value=text_of(raw[row]),
                action="视为缺失 / treated as missing",
            )
        )
    for row in raw.index[parsed.assumed.to_numpy()]:
        issues.append(
            QualityIssue(
                severity="info",
                message=f"「{spec.label_zh}」{parsed.assumption}",
                sheet=sheet,
                row=int(row),
                column=column,
                value=text_of(raw[row]),
                action="按假设转换 / converted by assumption",
            )
        )
    return issues


def _cells(frame: pd.DataFrame, column: str) -> list[tuple[int, Any]]:
    """(Excel row, value) pairs of one column; the frame index is the Excel row number."""
    return list(zip(frame.index.tolist(), frame[column].tolist(), strict=True))


FLAGGED = "保留；企业照常测算但已标记 / kept; enterprise is evaluated but flagged"


def check_enterprises(
    frame: pd.DataFrame, *, sheet: str | None, uscc_column: str
) -> tuple[pd.DataFrame, list[QualityIssue]]:
    """Flag bad or missing credit codes (kept) and drop repeated codes (first row wins)."""
    issues: list[QualityIssue] = []
    first_row: dict[str, int] = {}
    drop: list[int] = []
    codes = frame["uscc"]
    # Only rows with a doubtful or repeated code need a look (checksums vectorised).
    valid = checks_out_many(codes.tolist())
    repeated = (codes.notna() & codes.duplicated(keep=False)).to_numpy()
    look = ~valid | repeated
    if not look.any():
        return frame, issues
    for row, code in _cells(frame[look], "uscc"):
        problem = uscc_problem(code)
        if problem is not None:
            issues.append(
                QualityIssue(
                    severity="error",
                    message=problem,
                    sheet=sheet,
                    row=int(row),
                    column=uscc_column,
                    value=code,
                    action=FLAGGED,
                )
            )
        if code is None:
            continue
        if code in first_row:
            drop.append(int(row))
            issues.append(
                QualityIssue(
                    severity="warning",
                    message=(
                        f"统一社会信用代码与第{first_row[code]}行重复 / duplicate credit code "
                        f"(first seen in row {first_row[code]})"
                    ),
                    sheet=sheet,
                    row=int(row),
                    column=uscc_column,
                    value=code,
                    action="删除重复行，保留首行 / dropped; the first row is kept",
                )
            )
        else:
            first_row[code] = int(row)
    return frame.drop(index=drop), issues


def check_records(
    frame: pd.DataFrame,
    table: Table,
    known_uscc: set[str],
    *,
    sheet: str | None,
    columns: dict[str, str],
) -> tuple[pd.DataFrame, list[QualityIssue]]:
    """Loans / events: give blank ids a row-based id, drop repeated ids and orphans.

    Projects are keyed by id and kind: one project may be applied for under two measures
    (one row per 项目类型), and the stacking rule (从优、就高、不重复) links the rows by
    project_id. Only a row repeating both is dropped; other tables keep the first row."""
    key = next(f.name for f in TABLES[table].fields if f.key)
    label = TABLES[table].by_name()[key]
    issues: list[QualityIssue] = []
    frame = frame.copy()
    seen: dict[object, int] = {}
    by_kind = table == Table.PROJECTS and "kind" in frame.columns
    kinds = frame["kind"].tolist() if by_kind else [None] * len(frame)
    first_of_id: dict[str, tuple[int, object]] = {}
    drop: list[int] = []
    for (row, record_id), kind in zip(_cells(frame, key), kinds, strict=True):
        if record_id is None:
            record_id = f"R{row}"
            frame.loc[row, key] = record_id
            issues.append(
                QualityIssue(
                    severity="info",
                    message=f"「{label.label_zh}」为空 / {label.label_en} is blank",
                    sheet=sheet,
                    row=int(row),
                    column=columns.get(key),
                    value=None,
                    action=f"按行号编号为 {record_id} / numbered {record_id} by row",
                )
            )
        identity = (str(record_id), kind) if by_kind else str(record_id)
        if identity in seen:
            drop.append(int(row))
            again = (
                f"「{label.label_zh}」与「项目类型」均与第{seen[identity]}行重复 / duplicate "
                f"{label.label_en} and kind (first seen in row {seen[identity]})"
                if by_kind
                else f"「{label.label_zh}」与第{seen[identity]}行重复 / duplicate "
                f"{label.label_en} (first seen in row {seen[identity]})"
            )
            issues.append(
                QualityIssue(
                    severity="warning",
                    message=again,
                    sheet=sheet,
                    row=int(row),
                    column=columns.get(key),
                    value=str(record_id),
                    action="删除重复行，保留首行 / dropped; the first row is kept",
                )
            )
            continue
        seen[identity] = int(row)
        if by_kind and str(record_id) in first_of_id:
            first_row, first_kind = first_of_id[str(record_id)]
            issues.append(
                QualityIssue(
                    severity="info",
                    message=(
                        f"同一项目（第{first_row}行，{text_of(first_kind or '—')}）"
                        f"以另一项目类型再次申报 / the same project (row {first_row}) applied "
                        "under another kind; "
                        "linked by project_id for the stacking rule (从优、就高、不重复)"
                    ),
                    sheet=sheet,
                    row=int(row),
                    column=columns.get("kind", columns.get(key)),
                    value=text_of(kind) if kind is not None else None,
                    action="保留 / kept",
                )
            )
        else:
            first_of_id.setdefault(str(record_id), (int(row), kind))
    for row, code in _cells(frame, "uscc"):
        if int(row) in drop or (code is not None and code in known_uscc):
            continue
        drop.append(int(row))
        issues.append(
            QualityIssue(
                severity="warning",
                message=(
                    "企业表中没有此统一社会信用代码 / credit code not found in the enterprise sheet"
                ),
                sheet=sheet,
                row=int(row),
                column=columns.get("uscc"),
                value=code,
                action="删除此行 / dropped",
            )
        )
    return frame.drop(index=drop), issues


__all__ = ["FLAGGED", "check_enterprises", "check_records", "parsed_issues"]

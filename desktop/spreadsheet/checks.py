"""Quality findings: unreadable cells, bad credit codes, duplicates, records without an enterprise.

They run on frames indexed by Excel row number, so every finding points at a row the analyst
can find in the original workbook.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd

from desktop.core.fields import TABLES, FieldSpec, FieldType, Table
from desktop.core.portfolio import QualityIssue
from desktop.spreadsheet.uscc import checks_out_many, uscc_problem
from desktop.spreadsheet.values import Parsed, plausible_rate, rate_bounds, text_of

_KIND_ZH = {
    FieldType.MONEY: "金额",
    FieldType.RATIO: "比率",
    FieldType.NUMBER: "数值",
    FieldType.COUNT: "数值",
    FieldType.FLAG: "是/否",
    FieldType.DATE: "日期",
}


def parsed_issues(
    raw: pd.Series,
    parsed: Parsed,
    spec: FieldSpec,
    *,
    sheet: str | None,
    column: str,
    header_row: int | None = None,
) -> list[QualityIssue]:
    """One QualityIssue per unreadable or assumed cell, located by sheet, row and column;
    findings about the whole column (its unit, how its rates were read) at ``header_row``."""
    issues = [
        QualityIssue(n.severity, n.message, sheet, header_row, column, n.value, n.action)
        for n in parsed.notes
    ]
    kind = _KIND_ZH.get(spec.type, "值")
    generic = (
        f"「{spec.label_zh}」无法识别为{kind} / "
        f"cannot read {spec.label_en.lower()} as {spec.type.value}"
    )
    reasons = parsed.reasons
    for row in raw.index[parsed.bad.to_numpy()]:
        reason = reasons[row] if reasons is not None else ""
        issues.append(
            QualityIssue(
                severity="warning",
                message=f"「{spec.label_zh}」{reason}" if reason else generic,
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


NOT_USED = "视为缺失，修正前不计入金额 / treated as missing; not used until fixed"
MONEY_MAX = 1e13  # 10 万亿元: no enterprise amount comes near it
OUTLIER_RATIO = 10**3.5  # 元 read as 万元 (or back) is 10,000× off its neighbours
OUTLIER_MIN_VALUES = 8
LATEST_YEAR = 2100


def _located(
    raw: pd.Series,
    mask: np.ndarray,
    severity: str,
    message: str,
    action: str,
    *,
    sheet: str | None,
    column: str | None,
) -> list[QualityIssue]:
    """One QualityIssue per row in ``mask`` (usually few), with the cell's original text."""
    if not mask.any():
        return []
    return [
        QualityIssue(severity, message, sheet, int(row), column, text_of(raw[row]), action)
        for row in raw.index[mask]
    ]


def check_values(
    raw: pd.Series,
    values: pd.Series,
    spec: FieldSpec,
    *,
    sheet: str | None,
    column: str | None,
    today: dt.date | None = None,
) -> tuple[pd.Series, list[QualityIssue]]:
    """Magnitude and sign checks on one parsed column (vectorised): amounts that are
    negative, beyond any plausible size or 10,000× off their column's median (元 / 万元
    mix-ups), rates outside their field's plausible range, founding dates in the future.
    Each is a warning at its cell and the value is made missing (the engine then says
    "unknown", not a wrong "no")."""
    if spec.type == FieldType.MONEY:
        return _check_money(raw, values, spec, sheet=sheet, column=column)
    if spec.type == FieldType.RATIO:
        return _check_rate(raw, values, spec, sheet=sheet, column=column)
    if spec.type == FieldType.DATE and spec.name == "founded":
        return _check_founded(raw, values, spec, sheet=sheet, column=column, today=today)
    return values, []


def _check_money(
    raw: pd.Series, values: pd.Series, spec: FieldSpec, *, sheet: str | None, column: str | None
) -> tuple[pd.Series, list[QualityIssue]]:
    x = values.to_numpy(dtype="float64")
    present = ~np.isnan(x)
    if not present.any():
        return values, []
    with np.errstate(invalid="ignore"):
        huge = present & ~(np.abs(x) <= MONEY_MAX)  # also ±inf
        negative = present & ~huge & (x < 0)
        positive = present & ~huge & (x > 0)
        outlier = np.zeros(len(x), dtype=bool)
        if int(positive.sum()) >= OUTLIER_MIN_VALUES:
            median = float(np.median(x[positive]))
            ratio = x / median
            outlier = positive & ((ratio >= OUTLIER_RATIO) | (ratio <= 1 / OUTLIER_RATIO))
    drop = huge | negative | outlier
    if not drop.any():
        return values, []
    label = f"「{spec.label_zh}」"
    en = spec.label_en.lower()
    issues = _located(
        raw, huge, "warning", f"{label}超出合理范围 / {en} is beyond any plausible amount",
        NOT_USED, sheet=sheet, column=column,
    )  # fmt: skip
    issues += _located(
        raw, negative, "warning", f"{label}为负数 / negative {en}", NOT_USED,
        sheet=sheet, column=column,
    )  # fmt: skip
    issues += _located(
        raw, outlier, "warning",
        f"{label}疑似单位错误（元/万元）：与本列中位数相差约一万倍 / suspected unit mix-up "
        f"(元 vs 万元): about 10,000× off the column median",
        NOT_USED, sheet=sheet, column=column,
    )  # fmt: skip
    return values.where(~drop), issues


def _percent(value: float) -> str:
    return f"{value * 100:g}%"


def _check_rate(
    raw: pd.Series, values: pd.Series, spec: FieldSpec, *, sheet: str | None, column: str | None
) -> tuple[pd.Series, list[QualityIssue]]:
    x = values.to_numpy(dtype="float64")
    present = ~np.isnan(x)
    bounds = rate_bounds(spec)
    wrong = present & ~plausible_rate(x, bounds)
    if not wrong.any():
        return values, []
    low, high = bounds
    span = f"{_percent(low)}–{_percent(high)}"
    issues = _located(
        raw, wrong, "warning",
        f"「{spec.label_zh}」不在合理范围（{span}）/ {spec.label_en.lower()} outside the "
        f"plausible range ({span})",
        "视为缺失 / treated as missing", sheet=sheet, column=column,
    )  # fmt: skip
    return values.where(~wrong), issues


def _check_founded(
    raw: pd.Series,
    values: pd.Series,
    spec: FieldSpec,
    *,
    sheet: str | None,
    column: str | None,
    today: dt.date | None,
) -> tuple[pd.Series, list[QualityIssue]]:
    limit = pd.Timestamp(min(today or dt.date.today(), dt.date(LATEST_YEAR, 12, 31)))
    late = (values > limit).to_numpy(dtype=bool)
    if not late.any():
        return values, []
    issues = _located(
        raw, late, "warning",
        f"「{spec.label_zh}」晚于今天 / {spec.label_en.lower()} is in the future",
        "视为缺失 / treated as missing", sheet=sheet, column=column,
    )  # fmt: skip
    return values.where(~late), issues


def check_date_order(
    frame: pd.DataFrame,
    raws: dict[str, pd.Series],
    letters: dict[str, str],
    spec: dict[str, FieldSpec],
    *,
    sheet: str | None,
) -> tuple[pd.DataFrame, list[QualityIssue]]:
    """Maturity before drawdown (loans, guarantees): both cells are flagged and the end
    date is made missing (the record is not used for anything that needs its term)."""
    if "start_date" not in frame.columns or "end_date" not in frame.columns:
        return frame, []
    wrong = (frame["end_date"] < frame["start_date"]).to_numpy(dtype=bool)
    if not wrong.any():
        return frame, []
    start, end = spec["start_date"], spec["end_date"]
    message = (
        f"「{end.label_zh}」早于「{start.label_zh}」/ {end.label_en.lower()} is before "
        f"{start.label_en.lower()}"
    )
    issues: list[QualityIssue] = []
    for row in frame.index[wrong]:
        issues.append(
            QualityIssue(
                "warning", message, sheet, int(row), letters.get("start_date"),
                text_of(raws["start_date"][row]), "保留；请核对 / kept; please check",
            )
        )  # fmt: skip
        issues.append(
            QualityIssue(
                "warning", message, sheet, int(row), letters.get("end_date"),
                text_of(raws["end_date"][row]), NOT_USED,
            )
        )  # fmt: skip
    frame = frame.copy()
    frame["end_date"] = frame["end_date"].where(~wrong)
    return frame, issues


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
    names: tuple[str, pd.Series] | None = None,
) -> tuple[pd.DataFrame, list[QualityIssue]]:
    """Loans / events: give blank ids a row-based id, drop repeated ids and orphans.

    ``names`` (column letter, enterprise names) is given for a sheet joined by name: a row
    left without a credit code is reported with the name that matched no single enterprise.

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
        if code is None and names is not None and names[1][row] is not None:
            issues.append(
                QualityIssue(
                    "warning",
                    "企业表中没有（唯一）与此名称相同的企业 / no single enterprise of the "
                    "enterprise sheet has this name",
                    sheet, int(row), names[0], str(names[1][row]), "删除此行 / dropped",
                )
            )  # fmt: skip
            continue
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


__all__ = [
    "FLAGGED",
    "NOT_USED",
    "check_date_order",
    "check_enterprises",
    "check_records",
    "check_values",
    "parsed_issues",
]

"""Read an enterprise workbook (template layout) or a CSV into a :class:`Portfolio`.

The file is read once as bytes (opened read-only, binary) and parsed from memory, so the
input is never modified or locked, and its SHA-256 identifies exactly what was evaluated.
Expected problems become :class:`InputFileError` (the file cannot be used) or
:class:`QualityIssue` (a cell or row is doubtful; the analyst decides) — never a traceback.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path

import pandas as pd
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

from desktop.core.fields import RECORD_TABLES, TABLES, FieldType, Table
from desktop.core.portfolio import Portfolio, QualityIssue, conform, empty_frame
from desktop.errors import CancelledError
from desktop.spreadsheet.categories import clean_text
from desktop.spreadsheet.checks import check_enterprises, check_records, parsed_issues
from desktop.spreadsheet.engine import (
    OLE_MAGIC,
    TEXT_SUFFIXES,
    ZIP_MAGIC,
    Rows,
    csv_rows,
    load_workbook,
    read_bytes,
)
from desktop.spreadsheet.engine import fail as _fail
from desktop.spreadsheet.headers import find_header_row, map_headers, match_header
from desktop.spreadsheet.values import is_blank, money_multiplier, parse_column

ProgressFn = Callable[[float], None]
CancelFn = Callable[[], bool]
_FOOTER_WORDS = {"合计", "总计", "小计", "合 计", "总 计"}
_CHECK_EVERY = 500
# Record tables before enterprises: a loan sheet also has a credit-code and a name column.
_FALLBACK_ORDER = (Table.LOANS, Table.EVENTS, Table.ENTERPRISES)


class _Ticker:
    """Progress and cancellation for one read, as fractions of the whole job."""

    def __init__(self, progress: ProgressFn | None, should_cancel: CancelFn | None) -> None:
        self._progress = progress
        self._should_cancel = should_cancel

    def check(self) -> None:
        if self._should_cancel is not None and self._should_cancel():
            raise CancelledError("已取消读取文件 / reading the file was cancelled")

    def report(self, fraction: float) -> None:
        self.check()
        if self._progress is not None:
            self._progress(min(max(fraction, 0.0), 1.0))


def _sheet_key(title: str) -> str:
    return clean_text(title).replace(" ", "").lower()


def _assign_sheets(path: Path, sheets: dict[str, Rows]) -> dict[Table, str]:
    """Which sheet holds which table: by name first, else by the columns it has."""
    assigned: dict[Table, str] = {}
    by_key = {_sheet_key(t): t for t in sheets}
    for table, spec in TABLES.items():
        for name in spec.sheet_names:
            title = by_key.get(_sheet_key(name))
            if title is not None and title not in assigned.values():
                assigned[table] = title
                break
    for table in _FALLBACK_ORDER:
        if table in assigned:
            continue
        required = {f.name for f in TABLES[table].fields if f.required}
        for title, rows in sheets.items():
            if title in assigned.values():
                continue
            found = find_header_row(rows, table)
            if found is None:
                continue
            mapped = {m.field.name for m in map_headers(found[1], table).values()}
            if required <= mapped:
                assigned[table] = title
                break
    if Table.ENTERPRISES not in assigned:
        if not any(any(not is_blank(c) for c in r) for rows in sheets.values() for r in rows):
            _fail(path, "工作簿中没有任何数据 / the workbook contains no data")
        names = "、".join(TABLES[Table.ENTERPRISES].sheet_names)
        _fail(
            path,
            f"找不到企业工作表（应命名为 {names}，或含“统一社会信用代码”“企业名称”列）/ "
            "no enterprise sheet found (name it 企业, or give it credit-code and name columns)",
        )
    return assigned


def _is_footer(cells: Sequence[object]) -> bool:
    filled = [c for c in cells if not is_blank(c)]
    if any(isinstance(c, str) and clean_text(c) in _FOOTER_WORDS for c in filled):
        return True
    return (
        len(filled) == 1
        and isinstance(filled[0], str)
        and filled[0].lstrip().startswith(("注", "说明", "备注", "Note", "note"))
    )


def _read_table(
    path: Path, rows: Rows, table: Table, sheet: str | None
) -> tuple[pd.DataFrame, dict[str, str], list[QualityIssue]]:
    """One sheet → frame of canonical columns indexed by Excel row, column letters, issues."""
    spec = TABLES[table]
    if not any(any(not is_blank(c) for c in r) for r in rows):
        _fail(path, "工作表为空 / the sheet is empty", sheet=sheet)
    found = find_header_row(rows, table)
    if found is None:
        labels = "、".join(f.label_zh for f in spec.fields if f.required)
        _fail(
            path,
            f"找不到表头行（应含 {labels} 等列）/ no header row found (expected columns such as "
            + ", ".join(f.label_en for f in spec.fields if f.required)
            + ")",
            sheet=sheet,
        )
    header_index, header = found
    mapping = map_headers(header, table)
    issues: list[QualityIssue] = []
    other_tables = [t for t in TABLES if t != table]
    for index, cell in enumerate(header):
        if index in mapping or is_blank(cell):
            continue
        letter = get_column_letter(index + 1)
        if match_header(cell, table) is not None:
            message, action = "重复的列，已使用前一列 / duplicate column", "忽略此列 / ignored"
        elif any(match_header(cell, t) is not None for t in other_tables):
            continue  # e.g. 企业名称 on a loan sheet: a lookup column for people, not data
        else:
            message, action = "未识别的列 / column not recognised", "忽略此列 / ignored"
        issues.append(
            QualityIssue("info", message, sheet, header_index + 1, letter, str(cell), action)
        )
    mapped = {m.field.name for m in mapping.values()}
    for field in spec.fields:
        if field.required and field.name not in mapped:
            _fail(
                path,
                f"缺少必填列「{field.label_zh}」/ required column '{field.label_en}' is missing",
                sheet=sheet,
                column=field.label_zh,
            )
    width = max(mapping) + 1
    data: list[tuple[object, ...]] = []
    row_numbers: list[int] = []
    for number, cells in enumerate(rows[header_index + 1 :], start=header_index + 2):
        padded = tuple(cells[:width]) + (None,) * (width - len(cells))
        if all(is_blank(c) for c in cells):
            continue
        if _is_footer(cells):
            issues.append(
                QualityIssue(
                    "info",
                    "合计或备注行 / total or note row",
                    sheet,
                    number,
                    None,
                    clean_text(" ".join(str(c) for c in cells if c is not None)),
                    "跳过 / skipped",
                )
            )
            continue
        data.append(padded)
        row_numbers.append(number)
    columns: dict[str, pd.Series] = {}
    letters: dict[str, str] = {}
    for index, match in mapping.items():
        letter = get_column_letter(index + 1)
        raw = pd.Series([r[index] for r in data], index=row_numbers, dtype=object)
        try:
            if match.field.type == FieldType.MONEY:
                money_multiplier(match.unit)
        except KeyError:
            _fail(
                path,
                f"不支持的金额单位「{match.unit}」（支持 元、万元、亿元）/ unsupported money "
                f"unit '{match.unit}' (use 元, 万元 or 亿元)",
                sheet=sheet,
                column=f"{letter} {match.header}",
            )
        parsed = parse_column(raw, match.field, match.unit)
        issues += parsed_issues(raw, parsed, match.field, sheet=sheet, column=letter)
        columns[match.field.name] = parsed.values
        letters[match.field.name] = letter
    frame = pd.DataFrame(columns, index=pd.Index(row_numbers, dtype="int64"))
    return frame, letters, issues


def _canonical(frame: pd.DataFrame, table: Table) -> pd.DataFrame:
    """Conformed dtypes, columns in registry order whatever the sheet's column order was."""
    out = conform(frame, table)
    return out[[f.name for f in TABLES[table].fields]]


def read_portfolio(
    path: Path,
    *,
    progress: ProgressFn | None = None,
    should_cancel: CancelFn | None = None,
) -> Portfolio:
    """Read the enterprise workbook (sheets 企业 / 贷款 / 上市并购事件) or a CSV of enterprises.

    ``progress`` receives fractions 0…1; ``should_cancel`` is polled and, when it returns
    True, :class:`CancelledError` is raised (the GUI runs this on a worker thread).
    """
    path = Path(path)
    ticker = _Ticker(progress, should_cancel)
    ticker.report(0.0)
    data = read_bytes(path)
    if not data:
        _fail(path, "文件为空 / the file is empty")
    sha256 = hashlib.sha256(data).hexdigest()
    ticker.report(0.05)
    suffix = path.suffix.lower()
    sheets: dict[str, Rows]
    assigned: dict[Table, str]
    is_csv = False
    if data.startswith((ZIP_MAGIC, OLE_MAGIC)):
        loaded = load_workbook(path, data, ticker.check)
        sheets = {s.name: s.rows for s in loaded}
        assigned = _assign_sheets(path, sheets)
    elif suffix in TEXT_SUFFIXES:
        is_csv = True
        sheets = {path.name: csv_rows(path, data)}
        assigned = {Table.ENTERPRISES: path.name}
        if not any(any(not is_blank(c) for c in r) for r in sheets[path.name]):
            _fail(path, "文件中没有任何数据 / the file contains no data")
    else:
        _fail(
            path,
            "不是 Excel / ODS 工作簿或 CSV 文件（支持 .xlsx .xlsm .xls .ods .csv .txt）/ not an "
            "Excel or ODS workbook or a CSV file",
        )
    ticker.report(0.7)

    issues: list[QualityIssue] = []
    frames: dict[Table, pd.DataFrame] = {}
    letters: dict[Table, dict[str, str]] = {}
    for step, table in enumerate(TABLES):
        title = assigned.get(table)
        if title is None:
            continue
        sheet_label = None if is_csv else title
        if table != Table.ENTERPRISES and not any(
            any(not is_blank(c) for c in r) for r in sheets[title]
        ):
            continue  # an empty optional sheet is the same as no sheet
        frame, cols, found = _read_table(path, sheets[title], table, sheet_label)
        frames[table], letters[table] = frame, cols
        issues += found
        ticker.report(0.7 + 0.25 * (step + 1) / len(TABLES))

    enterprises = frames[Table.ENTERPRISES]
    if enterprises.empty:
        _fail(
            path,
            "企业表没有数据行 / the enterprise sheet has no data rows",
            sheet=None if is_csv else assigned[Table.ENTERPRISES],
        )
    enterprises, found = check_enterprises(
        enterprises,
        sheet=None if is_csv else assigned[Table.ENTERPRISES],
        uscc_column=letters[Table.ENTERPRISES]["uscc"],
    )
    issues += found
    known = {c for c in enterprises["uscc"] if c is not None}
    for table in RECORD_TABLES:
        if table not in frames:
            frames[table] = empty_frame(table)
            continue
        frames[table], found = check_records(
            frames[table], table, known, sheet=assigned[table], columns=letters[table]
        )
        issues += found
    if Table.INSTITUTIONS not in frames:
        frames[Table.INSTITUTIONS] = empty_frame(Table.INSTITUTIONS)
    ticker.report(1.0)
    portfolio = Portfolio(
        enterprises=_canonical(enterprises, Table.ENTERPRISES),
        source=path,
        sha256=sha256,
        issues=issues,
    )
    for table, frame in frames.items():
        if table != Table.ENTERPRISES:
            setattr(portfolio, table.value, _canonical(frame, table))
    return portfolio


__all__ = ["read_portfolio"]

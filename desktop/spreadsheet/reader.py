"""Read an enterprise workbook (template layout) or a CSV into a :class:`Portfolio`.

The file is read once as bytes (opened read-only, binary) and parsed from memory, so the
input is never modified or locked, and its SHA-256 identifies exactly what was evaluated.
Expected problems become :class:`InputFileError` (the file cannot be used) or
:class:`QualityIssue` (a cell or row is doubtful; the analyst decides) — never a traceback.
"""

from __future__ import annotations

import csv
import hashlib
import io
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

import pandas as pd
from openpyxl import load_workbook  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

from desktop.core.fields import RECORD_TABLES, TABLES, FieldType, Table
from desktop.core.portfolio import Portfolio, QualityIssue, conform, empty_frame
from desktop.errors import CancelledError, InputFileError, Location
from desktop.spreadsheet.categories import clean_text
from desktop.spreadsheet.checks import check_enterprises, check_records, parsed_issues
from desktop.spreadsheet.headers import find_header_row, map_headers, match_header
from desktop.spreadsheet.values import is_blank, money_multiplier, parse_column

ProgressFn = Callable[[float], None]
CancelFn = Callable[[], bool]
Rows = list[tuple[object, ...]]

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_TEXT_SUFFIXES = {".csv", ".txt", ".tsv"}
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


def _fail(
    path: Path, message: str, sheet: str | None = None, column: str | None = None
) -> NoReturn:
    raise InputFileError(message, Location(file=path.name, sheet=sheet, column=column))


def _read_bytes(path: Path) -> bytes:
    try:
        with open(path, "rb") as handle:  # read-only, binary: the input is never touched
            return handle.read()
    except FileNotFoundError:
        _fail(path, "文件不存在 / the file does not exist")
    except IsADirectoryError:
        _fail(path, "这是一个文件夹，不是文件 / this is a folder, not a file")
    except PermissionError:
        _fail(path, "没有读取此文件的权限 / no permission to read this file")
    except OSError as exc:
        _fail(path, f"无法读取文件 / cannot read the file ({exc.strerror or exc})")


def _decode_text(path: Path, data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    _fail(path, "无法识别文本编码（支持 UTF-8、GB18030）/ unknown text encoding")


def _csv_rows(path: Path, data: bytes) -> Rows:
    text = _decode_text(path, data)
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:8192], ",\t;|")
    except csv.Error:
        dialect = csv.excel
    try:
        return [
            tuple(c if c.strip() else None for c in r)
            for r in csv.reader(io.StringIO(text), dialect)
        ]
    except csv.Error as exc:
        _fail(path, f"CSV 格式错误 / malformed CSV ({exc})")


def _sheet_key(title: str) -> str:
    return clean_text(title).replace(" ", "").lower()


def _load_sheets(path: Path, data: bytes, ticker: _Ticker) -> dict[str, Rows]:
    """Every sheet's rows (values only), in workbook order."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles it does not need
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for damaged files
        _fail(
            path,
            "文件已损坏或不是有效的 Excel 工作簿（.xlsx）/ the file is damaged or not a "
            f"valid Excel workbook (.xlsx): {type(exc).__name__}",
        )
    sheets: dict[str, Rows] = {}
    try:
        titles = workbook.sheetnames
        for number, title in enumerate(titles):
            worksheet = workbook[title]
            if not hasattr(worksheet, "reset_dimensions"):
                continue  # chart sheets hold no cells
            worksheet.reset_dimensions()  # some writers store a wrong used range
            rows: Rows = []
            for count, row in enumerate(worksheet.iter_rows(values_only=True)):
                rows.append(tuple(row))
                if count % _CHECK_EVERY == 0:
                    ticker.check()
            while rows and all(is_blank(c) for c in rows[-1]):
                rows.pop()
            sheets[title] = rows
            ticker.report(0.1 + 0.6 * (number + 1) / len(titles))
    except (CancelledError, InputFileError):
        raise
    except Exception as exc:
        _fail(path, f"读取工作表时出错 / error while reading sheets: {type(exc).__name__}")
    finally:
        workbook.close()
    return sheets


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
    data = _read_bytes(path)
    if not data:
        _fail(path, "文件为空 / the file is empty")
    sha256 = hashlib.sha256(data).hexdigest()
    ticker.report(0.05)
    suffix = path.suffix.lower()
    sheets: dict[str, Rows]
    assigned: dict[Table, str]
    if data.startswith(_ZIP_MAGIC):
        sheets = _load_sheets(path, data, ticker)
        assigned = _assign_sheets(path, sheets)
    elif data.startswith(_OLE_MAGIC):
        _fail(
            path,
            "这是旧版 .xls 或加密的工作簿，请在 Excel 中另存为未加密的 .xlsx / this is a legacy "
            ".xls or an encrypted workbook; save it as an unencrypted .xlsx",
        )
    elif suffix in _TEXT_SUFFIXES:
        sheets = {path.name: _csv_rows(path, data)}
        assigned = {Table.ENTERPRISES: path.name}
        if not any(any(not is_blank(c) for c in r) for r in sheets[path.name]):
            _fail(path, "文件中没有任何数据 / the file contains no data")
    else:
        _fail(
            path,
            "不是 Excel 工作簿（.xlsx）或 CSV 文件 / not an Excel workbook (.xlsx) or CSV file",
        )
    is_csv = not data.startswith(_ZIP_MAGIC)
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

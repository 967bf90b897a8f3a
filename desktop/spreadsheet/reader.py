"""Read an enterprise workbook or a CSV into a :class:`Portfolio`, with its column mapping.

The file is read once as bytes (opened read-only, binary) and parsed from memory, so the
input is never modified or locked, and its SHA-256 identifies exactly what was evaluated.
Sheets are recognised by name (the template) or by the columns they hold; a single sheet of
loans whose enterprise columns repeat is split into enterprises + loans. Expected problems
become :class:`InputFileError` (the file cannot be used) or :class:`QualityIssue` (a cell or
row is doubtful; the analyst decides) — never a traceback.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from desktop.core.fields import RECORD_TABLES, TABLES, Table
from desktop.core.portfolio import Portfolio, QualityIssue, conform, empty_frame
from desktop.errors import CancelledError
from desktop.gcpause import gc_paused
from desktop.spreadsheet.categories import clean_text
from desktop.spreadsheet.checks import check_enterprises, check_records
from desktop.spreadsheet.engine import (
    OLE_MAGIC,
    TEXT_SUFFIXES,
    ZIP_MAGIC,
    Sheet,
    csv_rows,
    filled,
    load_workbook,
    read_bytes,
)
from desktop.spreadsheet.engine import fail as _fail
from desktop.spreadsheet.flatten import is_loan_sheet, split_loan_sheet
from desktop.spreadsheet.mapping import (
    ColumnMapping,
    MappingProfile,
    WorkbookMapping,
    headers_signature,
)
from desktop.spreadsheet.tables import TableRead, locate, read_table

ProgressFn = Callable[[float], None]
CancelFn = Callable[[], bool]
# Record tables before enterprises: a loan sheet also has a credit-code and a name column.
_FALLBACK_ORDER = (*RECORD_TABLES, Table.ENTERPRISES)


@dataclass
class ImportResult:
    """What an import produced: the portfolio and the mapping that was applied."""

    portfolio: Portfolio
    mapping: WorkbookMapping


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


def _has_data(sheet: Sheet) -> bool:
    return any(filled(r) for r in sheet.rows)


def _assign_sheets(
    path: Path, sheets: list[Sheet], profile: MappingProfile | None
) -> dict[Table, Sheet]:
    """Which sheet holds which table: the profile's sheet names, the template's sheet names,
    else the columns a sheet has (every required field found)."""
    assigned: dict[Table, Sheet] = {}
    by_key = {_sheet_key(s.name): s for s in sheets}
    for table, spec in TABLES.items():
        names = list(spec.sheet_names)
        wanted = profile.sheets.get(table) if profile else None
        if wanted:
            names.insert(0, wanted)
        for name in names:
            sheet = by_key.get(_sheet_key(name))
            if sheet is not None and all(sheet is not s for s in assigned.values()):
                assigned[table] = sheet
                break
    for table in _FALLBACK_ORDER:
        if table in assigned:
            continue
        for sheet in sheets:
            if any(sheet is s for s in assigned.values()):
                continue
            found = locate(sheet, table, profile, sheet.name)
            if found is not None and not found[1].missing_required:
                assigned[table] = sheet
                break
    if Table.ENTERPRISES not in assigned and Table.LOANS not in assigned:
        for sheet in sheets:  # a loan-per-row sheet without a loan-id column
            if is_loan_sheet(sheet, profile) and all(sheet is not s for s in assigned.values()):
                assigned[Table.LOANS] = sheet
                break
    if Table.ENTERPRISES not in assigned and Table.LOANS not in assigned:
        if not any(_has_data(s) for s in sheets):
            _fail(path, "工作簿中没有任何数据 / the workbook contains no data")
        expected = "、".join(TABLES[Table.ENTERPRISES].sheet_names)
        _fail(
            path,
            f"找不到企业工作表（应命名为 {expected}，或含“统一社会信用代码”“企业名称”列）/ "
            "no enterprise sheet found (name it 企业, or give it credit-code and name columns)",
        )
    return assigned


def _canonical(frame: pd.DataFrame, table: Table) -> pd.DataFrame:
    """Conformed dtypes, columns in registry order whatever the sheet's column order was."""
    out = conform(frame, table)
    return out[[f.name for f in TABLES[table].fields]]


def _load(path: Path, data: bytes, ticker: _Ticker) -> tuple[list[Sheet], bool]:
    if data.startswith((ZIP_MAGIC, OLE_MAGIC)):
        return load_workbook(path, data, ticker.check), False
    if path.suffix.lower() in TEXT_SUFFIXES:
        sheet = Sheet(path.name, csv_rows(path, data))
        if not _has_data(sheet):
            _fail(path, "文件中没有任何数据 / the file contains no data")
        return [sheet], True
    _fail(
        path,
        "不是 Excel / ODS 工作簿或 CSV 文件（支持 .xlsx .xlsm .xls .ods .csv .txt）/ not an "
        "Excel or ODS workbook or a CSV file",
    )


def read_workbook(
    path: Path,
    *,
    mapping: MappingProfile | None = None,
    progress: ProgressFn | None = None,
    should_cancel: CancelFn | None = None,
) -> ImportResult:
    """Read a workbook or CSV; ``mapping`` (see :func:`load_mapping`) overrides the
    automatic column mapping and sheet choice where it names them."""
    with gc_paused():
        return _read_workbook(
            Path(path), mapping=mapping, progress=progress, should_cancel=should_cancel
        )


def _read_workbook(
    path: Path,
    *,
    mapping: MappingProfile | None,
    progress: ProgressFn | None,
    should_cancel: CancelFn | None,
) -> ImportResult:
    ticker = _Ticker(progress, should_cancel)
    ticker.report(0.0)
    data = read_bytes(path)
    if not data:
        _fail(path, "文件为空 / the file is empty")
    sha256 = hashlib.sha256(data).hexdigest()
    ticker.report(0.05)
    sheets, is_csv = _load(path, data, ticker)
    del data
    if is_csv:
        split = is_loan_sheet(sheets[0], mapping)
        assigned = {Table.LOANS if split else Table.ENTERPRISES: sheets[0]}
    else:
        assigned = _assign_sheets(path, sheets, mapping)
    ticker.report(0.7)

    issues: list[QualityIssue] = []
    reads: dict[Table, TableRead] = {}
    for step, table in enumerate(TABLES):
        sheet = assigned.get(table)
        if sheet is None:
            continue
        label = None if is_csv else sheet.name
        if table != Table.ENTERPRISES and not _has_data(sheet):
            continue  # an empty optional sheet is the same as no sheet
        if table == Table.LOANS and Table.ENTERPRISES not in assigned:
            reads[Table.ENTERPRISES], reads[table] = split_loan_sheet(
                path, sheet, label=label, profile=mapping
            )
        else:
            reads[table] = read_table(path, sheet, table, label=label, profile=mapping)
        ticker.report(0.7 + 0.2 * (step + 1) / len(TABLES))
    for read in reads.values():
        issues += read.issues

    ent_read = reads[Table.ENTERPRISES]
    ent_sheet = ent_read.mapping.sheet
    if ent_read.frame.empty:
        header_rows = ent_read.mapping.header_rows
        _fail(
            path,
            "企业表在表头行之后没有数据行 / the enterprise sheet has no data rows below the header",
            sheet=ent_sheet,
            row=header_rows[-1] if header_rows else None,
        )
    enterprises, found = check_enterprises(
        ent_read.frame, sheet=ent_sheet, uscc_column=ent_read.letters["uscc"]
    )
    issues += found
    known = {c for c in enterprises["uscc"] if c is not None}
    frames: dict[Table, pd.DataFrame] = {}
    for table in RECORD_TABLES:
        if table not in reads:
            frames[table] = empty_frame(table)
            continue
        read = reads[table]
        frames[table], found = check_records(
            read.frame, table, known, sheet=read.mapping.sheet, columns=read.letters
        )
        issues += found
    frames[Table.INSTITUTIONS] = (
        reads[Table.INSTITUTIONS].frame
        if Table.INSTITUTIONS in reads
        else empty_frame(Table.INSTITUTIONS)
    )
    ticker.report(1.0)
    portfolio = Portfolio(
        enterprises=_canonical(enterprises, Table.ENTERPRISES),
        source=path,
        sha256=sha256,
        issues=issues,
    )
    for table, frame in frames.items():
        setattr(portfolio, table.value, _canonical(frame, table))
    workbook_mapping = WorkbookMapping({t: r.mapping for t, r in reads.items()})
    return ImportResult(portfolio, workbook_mapping)


def read_headers(path: Path, *, mapping: MappingProfile | None = None) -> WorkbookMapping:
    """The column mapping the reader would apply, from the header rows only (no cell is
    parsed): for the import dialog and :func:`read_signature`."""
    path = Path(path)
    with gc_paused():
        data = read_bytes(path)
        if not data:
            _fail(path, "文件为空 / the file is empty")
        sheets, is_csv = _load(path, data, _Ticker(None, None))
        del data
        if is_csv:
            split = is_loan_sheet(sheets[0], mapping)
            assigned = {Table.LOANS if split else Table.ENTERPRISES: sheets[0]}
        else:
            assigned = _assign_sheets(path, sheets, mapping)
        tables: dict[Table, ColumnMapping] = {}
        for table, sheet in assigned.items():
            found = locate(sheet, table, mapping, None if is_csv else sheet.name)
            if found is not None:
                tables[table] = found[1]
        return WorkbookMapping(tables)


def read_signature(path: Path) -> str:
    """The headers signature of a file, to look up its saved profile with
    :func:`desktop.spreadsheet.mapping.find_profile`."""
    return headers_signature(read_headers(path))


def read_portfolio(
    path: Path,
    *,
    mapping: MappingProfile | None = None,
    progress: ProgressFn | None = None,
    should_cancel: CancelFn | None = None,
) -> Portfolio:
    """Read the enterprise workbook (template sheets 企业 / 贷款 / …, or any ledger whose
    columns can be recognised) or a CSV of enterprises.

    ``progress`` receives fractions 0…1; ``should_cancel`` is polled and, when it returns
    True, :class:`CancelledError` is raised (the GUI runs this on a worker thread).
    """
    return read_workbook(
        path, mapping=mapping, progress=progress, should_cancel=should_cancel
    ).portfolio


__all__ = ["ImportResult", "read_headers", "read_portfolio", "read_signature", "read_workbook"]

"""Loading a file's sheets as rows of cell values: python-calamine for workbooks, csv for text.

python-calamine (Rust) reads .xlsx / .xlsm / .xls / .ods about ten times faster than openpyxl.
It returns text cells as ``str`` (credit codes keep their leading zeros), numbers as ``float``,
dates as ``date`` / ``datetime`` and empty cells as ``""``; empty cells become ``None`` here.
Before any parser runs, the package is checked for what would hurt the analyst's machine:
encrypted files, damaged zips, zip bombs and XML entity bombs are refused with a message.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

from desktop.errors import InputFileError, Location

# Rows as read: calamine's lists with "" for empty cells, or tuples with None (CSV). Both
# "" and None mean an empty cell everywhere below (see :func:`filled`).
Rows = list[Sequence[object]]
EMPTY = ("", None)

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
TEXT_SUFFIXES = frozenset({".csv", ".txt", ".tsv"})
WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xls", ".ods"})

# Bounds that keep memory in check: an Excel sheet holds at most 1,048,576 × 16,384 cells, and
# a real 300,000-row ledger's XML is a few hundred MB once unpacked.
MAX_UNPACKED_BYTES = 3 * 1024**3
MAX_RATIO = 200  # a ledger's XML compresses ~10:1; a zip bomb compresses 1000:1 or more
RATIO_FLOOR = 64 * 1024**2  # small parts may compress as well as they like
MAX_ROWS = 1_048_576
MAX_COLUMNS = 16_384
PASSWORD = "工作簿设有打开密码，请先在 Excel 中取消密码 / the workbook is password-protected"
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_HIDDEN_COL = re.compile(rb"<col\b[^>]*>")
_NUMFMT = re.compile(rb"<numFmt\b[^>]*>")
_CELL_XFS = re.compile(rb"<cellXfs\b.*?</cellXfs>", re.DOTALL)
_XF = re.compile(rb"<xf\b[^>]*>")
_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')
PERCENT_BUILTIN = frozenset({9, 10})  # "0%", "0.00%"
CHUNK = 4 * 1024 * 1024
_ATTR = re.compile(rb'(\w+)="([^"]*)"')


@dataclass
class Sheet:
    """One sheet's cells (row 0 is Excel row 1), hidden columns and merged header ranges."""

    name: str
    rows: Rows
    hidden_columns: frozenset[int] = frozenset()
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    # 0-based column → 0-based rows of cells with a percent number format ("0.00%"): Excel
    # stores 4.35 % as 0.0435 there. ``None`` = the file tells nothing (CSV, .xls, .ods).
    percent_cells: dict[int, frozenset[int]] | None = None
    chart: bool = False  # a chart sheet: no cells, listed so the import can say so


def fail(
    path: Path,
    message: str,
    sheet: str | None = None,
    column: str | None = None,
    *,
    row: int | None = None,
    line: int | None = None,
) -> NoReturn:
    """Raise :class:`InputFileError` located by file, sheet, Excel row (1-based) and column
    (letter, or the header text of a column that is missing), or by line in a text file."""
    location = Location(file=path.name, sheet=sheet, row=row, column=column, line=line)
    raise InputFileError(message, location)


def read_bytes(path: Path) -> bytes:
    """The whole file, opened read-only: the input is never modified or locked."""
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        fail(path, "文件不存在 / the file does not exist")
    except IsADirectoryError:
        fail(path, "这是一个文件夹，不是文件 / this is a folder, not a file")
    except PermissionError:
        fail(path, "没有读取此文件的权限（可能正被其他程序独占）/ no permission to read this file")
    except OSError as exc:
        fail(path, f"无法读取文件 / cannot read the file ({exc.strerror or exc})")


# --- text files ---------------------------------------------------------------------------


def decode_text(path: Path, data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 (by BOM) or GB18030, detected, not asked."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    fail(path, "无法识别文本编码（支持 UTF-8、UTF-16、GB18030）/ unknown text encoding")


def csv_rows(path: Path, data: bytes) -> Rows:
    import csv

    text = decode_text(path, data)
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:8192], ",\t;|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        return [tuple(c if c.strip() else None for c in r) for r in reader]
    except csv.Error as exc:
        fail(path, f"CSV 格式错误 / malformed CSV ({exc})", line=reader.line_num)


# --- workbooks ----------------------------------------------------------------------------


def is_encrypted_ole(data: bytes) -> bool:
    """An OLE container holding an encrypted OOXML package (a password-protected .xlsx)."""
    return "EncryptionInfo".encode("utf-16-le") in data


def check_zip(path: Path, data: bytes) -> zipfile.ZipFile:
    """The package, after refusing damaged zips, zip bombs and XML with a DTD (entity bombs)."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        entries = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        fail(path, f"文件已损坏（zip 结构无效）/ the file is damaged (invalid zip: {exc})")
    total = 0
    for entry in entries:
        total += entry.file_size
        ratio = entry.file_size / max(entry.compress_size, 1)
        if total > MAX_UNPACKED_BYTES or (entry.file_size > RATIO_FLOOR and ratio > MAX_RATIO):
            fail(
                path,
                "文件解压后过大，疑似压缩炸弹，已拒绝读取 / the file unpacks to an implausible "
                f"size (zip bomb?), refused: {entry.filename}",
            )
        if entry.filename.endswith((".xml", ".rels")):
            try:
                with package.open(entry) as part:
                    head = part.read(4096)
            except Exception as exc:  # damaged member: CRC, bad compression
                fail(path, f"文件已损坏 / the file is damaged ({entry.filename}: {exc})")
            if _DTD.search(head):
                fail(
                    path,
                    "文件含有 XML 实体声明（可能是 XML 炸弹），已拒绝读取 / the file declares "
                    f"XML entities (XML bomb?), refused: {entry.filename}",
                )
    return package


def sheet_parts(package: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → its part in the package (xlsx / xlsm)."""
    try:
        book = package.read("xl/workbook.xml")
        rels = package.read("xl/_rels/workbook.xml.rels")
    except KeyError:
        return {}
    targets: dict[bytes, str] = {}
    for match in re.finditer(rb"<Relationship\b[^>]*>", rels):
        attrs = dict(_ATTR.findall(match.group()))
        target = attrs.get(b"Target", b"").decode()
        target = target.lstrip("/") if target.startswith("/") else "xl/" + target
        targets[attrs.get(b"Id", b"")] = target
    names = set(package.namelist())
    out: dict[str, str] = {}
    for match in re.finditer(rb"<sheet\b[^>]*>", book):
        attrs = {k.decode(): v for k, v in re.findall(rb'([\w:]+)="([^"]*)"', match.group())}
        name = _unescape(attrs.get("name", b"").decode())
        part = targets.get(attrs.get("r:id", b""))
        if part is not None and part in names:
            out[name] = part
    return out


def hidden_columns(package: zipfile.ZipFile) -> dict[str, frozenset[int]]:
    """Sheet name → 0-based indexes of columns marked hidden (xlsx only; read from <cols>)."""
    out: dict[str, frozenset[int]] = {}
    for name, part in sheet_parts(package).items():
        with package.open(part) as handle:
            head = handle.read(256 * 1024)  # <cols> comes before <sheetData>
        head = head.split(b"<sheetData", 1)[0]
        hidden: set[int] = set()
        for col in _HIDDEN_COL.findall(head):
            a = dict(_ATTR.findall(col))
            if a.get(b"hidden") in (b"1", b"true"):
                first, last = int(a.get(b"min", b"0")), int(a.get(b"max", b"0"))
                hidden.update(range(first - 1, min(last, MAX_COLUMNS)))
        if hidden:
            out[name] = frozenset(hidden)
    return out


def is_percent_format(code: str) -> bool:
    """A number format that shows a fraction as percent: a "%" outside quotes and escapes."""
    return "%" in _QUOTED.sub("", code)


def percent_styles(package: zipfile.ZipFile) -> frozenset[int]:
    """Indexes of the cell styles (``s=`` of a cell) whose number format is a percent."""
    try:
        styles = package.read("xl/styles.xml")
    except KeyError:
        return frozenset()
    percent_ids = set(PERCENT_BUILTIN)
    for match in _NUMFMT.findall(styles):
        attrs = dict(_ATTR.findall(match))
        code = _unescape(attrs.get(b"formatCode", b"").decode("utf-8", "replace"))
        if is_percent_format(code):
            percent_ids.add(int(attrs.get(b"numFmtId", b"-1")))
    block = _CELL_XFS.search(styles)
    if block is None:
        return frozenset()
    out: set[int] = set()
    for index, xf in enumerate(_XF.findall(block.group())):
        number_format = dict(_ATTR.findall(xf)).get(b"numFmtId", b"0")
        if number_format.isdigit() and int(number_format) in percent_ids:
            out.add(index)
    return frozenset(out)


def _column_index(letters: bytes) -> int:
    index = 0
    for char in letters:
        index = index * 26 + char - 64
    return index - 1


def percent_cells(
    package: zipfile.ZipFile, part: str, styles: frozenset[int]
) -> dict[int, frozenset[int]]:
    """0-based column → 0-based rows of the cells of ``part`` styled with ``styles``.

    Only read when the workbook has a percent style at all; the sheet XML is scanned in
    chunks for cells whose ``s`` names one of them, so memory stays bounded."""
    if not styles:
        return {}
    alternatives = b"|".join(str(i).encode() for i in sorted(styles))
    cell = re.compile(rb'<c r="([A-Z]{1,3})(\d+)"[^>]*?\ss="(?:' + alternatives + rb')"')
    found: dict[int, set[int]] = {}
    tail = b""
    with package.open(part) as handle:
        while True:
            chunk = handle.read(CHUNK)
            text = tail + chunk
            cut = text.rfind(b"<") if chunk else len(text)
            cut = len(text) if cut < 0 else cut
            for match in cell.finditer(text, 0, cut):
                column = _column_index(match.group(1))
                found.setdefault(column, set()).add(int(match.group(2)) - 1)
            tail = text[cut:]
            if not chunk:
                break
    return {column: frozenset(rows) for column, rows in found.items()}


def _unescape(text: str) -> str:
    for entity, char in (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&apos;", "'")):
        text = text.replace(entity, char)
    return text.replace("&amp;", "&")


def filled(row: Sequence[object]) -> bool:
    """True when any cell of the row holds something."""
    return any(c is not None and c != "" for c in row)


def sheet_rows(sheet: Any) -> Rows:
    """A calamine sheet's cells from A1, as ``to_python(skip_empty_area=False)`` gives them.

    Built row by row in a Python loop: ``to_python`` builds the whole list inside one call
    that holds the GIL (0.1–0.2 s for 40,000 rows), which freezes the window while a worker
    thread reads. ``iter_rows`` starts at row 1 but at the first used column; the rows are
    padded to start at column A.
    """
    start = sheet.start
    pad = [""] * (start[1] if start else 0)
    rows: Rows = []
    append = rows.append
    for row in sheet.iter_rows():
        append(pad + row if pad else row)
    end = sheet.end
    if len(rows) != (end[0] + 1 if end else 0):  # another calamine: take the plain way
        return list(sheet.to_python(skip_empty_area=False))
    return rows


def load_workbook(path: Path, data: bytes, check: Callable[[], None]) -> list[Sheet]:
    """Every worksheet of a workbook, in workbook order (hidden sheets included)."""
    from python_calamine import CalamineWorkbook, PasswordError, SheetTypeEnum

    hidden: dict[str, frozenset[int]] = {}
    percent: dict[str, dict[int, frozenset[int]]] | None = None
    if data.startswith(ZIP_MAGIC):
        package = check_zip(path, data)
        hidden = hidden_columns(package)
        if "xl/styles.xml" in package.namelist():  # .xlsx / .xlsm: number formats known
            styles = percent_styles(package)
            percent = {
                name: percent_cells(package, part, styles)
                for name, part in sheet_parts(package).items()
            }
    elif data.startswith(OLE_MAGIC) and is_encrypted_ole(data):
        fail(path, PASSWORD)
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except PasswordError:
        fail(path, PASSWORD)
    except Exception as exc:  # calamine raises its own error types and ValueError
        fail(
            path,
            "文件已损坏或不是有效的 Excel / ODS 工作簿 / the file is damaged or not a valid "
            f"Excel or ODS workbook: {type(exc).__name__}: {exc}",
        )
    sheets: list[Sheet] = []
    try:
        for meta in workbook.sheets_metadata:
            if meta.typ != SheetTypeEnum.WorkSheet:
                sheets.append(Sheet(meta.name, [], chart=True))
                continue
            check()
            try:
                sheet = workbook.get_sheet_by_name(meta.name)
                if sheet.height > MAX_ROWS or sheet.width > MAX_COLUMNS:
                    fail(path, "工作表超出 Excel 行列上限 / sheet beyond Excel's limits", meta.name)
                cells = sheet_rows(sheet)
                merged = list(getattr(sheet, "merged_cell_ranges", None) or [])
            except InputFileError:
                raise
            except Exception as exc:
                fail(path, f"读取工作表时出错 / error while reading the sheet: {exc}", meta.name)
            rows: Rows = cells  # kept as lists, "" for empty: no per-cell copy of the sheet
            while rows and not filled(rows[-1]):
                rows.pop()
            sheet_percent = None if percent is None else percent.get(meta.name, {})
            sheets.append(
                Sheet(meta.name, rows, hidden.get(meta.name, frozenset()), merged, sheet_percent)
            )
    finally:
        workbook.close()
    return sheets


__all__ = [
    "OLE_MAGIC",
    "TEXT_SUFFIXES",
    "WORKBOOK_SUFFIXES",
    "ZIP_MAGIC",
    "Rows",
    "Sheet",
    "check_zip",
    "csv_rows",
    "decode_text",
    "fail",
    "filled",
    "hidden_columns",
    "is_encrypted_ole",
    "is_percent_format",
    "load_workbook",
    "percent_cells",
    "percent_styles",
    "read_bytes",
    "sheet_parts",
]

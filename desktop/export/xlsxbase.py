"""XlsxWriter building blocks shared by every sheet: formats, print setup, table sheets.

A :class:`TableSheet` writes a header row and typed rows; when a table would pass Excel's
row limit it continues on a new sheet named ``<name>(2)``, ``<name>(3)`` … with the same
header, so very large results stay within 1,048,576 rows per sheet.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from desktop.cells import formula_risky
from desktop.core.outcomes import STATUS_LABELS
from desktop.export.tables import Column
from desktop.export.text import (
    ASSUMPTION_MARK,
    EXCEL_MAX_CHARS,
    clip,
    display_width,
    header,
    sheet_name,
)

EXCEL_MAX_ROWS = 1_048_576
FONT_NAME = "等线"
FONT_SIZE = 10
MONEY_FORMAT = "#,##0.00"
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"
MIN_WIDTH, MAX_WIDTH = 8, 50
STATUS_COLOURS = {  # status → (fill, font)
    "eligible": ("#C6EFCE", "#006100"),
    "ineligible": ("#EEE3E3", "#7B4A4A"),
    "unknown": ("#FFEB9C", "#9C5700"),
}
KIND_PROPS: dict[str, dict[str, Any]] = {
    "text": {},
    "wrap": {"text_wrap": True},
    "money": {"num_format": MONEY_FORMAT},
    "int": {"num_format": "0"},
    "number": {},
    "date": {"num_format": DATE_FORMAT},
    "datetime": {"num_format": DATETIME_FORMAT},
    "status": {},
    "mark": {},  # text highlighted when it carries the assumption mark
    "decimal": {"num_format": "#,##0.00####"},
    "ratio": {"num_format": "0.00##"},
    "percent": {"num_format": "0.00%"},
}


class Formats:
    """XlsxWriter formats, created once per distinct set of properties."""

    def __init__(self, book: xlsxwriter.Workbook) -> None:
        self.book = book
        self._cache: dict[tuple[tuple[str, Any], ...], Format] = {}

    def get(self, **props: Any) -> Format:
        key = tuple(sorted(props.items()))
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = self.book.add_format(props)
        return found

    def cell(self, kind: str, *, risky: bool = False, status: str | None = None) -> Format:
        props: dict[str, Any] = {"valign": "top", **KIND_PROPS[kind]}
        if risky:
            props["quote_prefix"] = True  # stays text even when edited in Excel
        if status in STATUS_COLOURS:
            fill, font = STATUS_COLOURS[status]
            props |= {"bg_color": fill, "font_color": font}
        return self.get(**props)

    def header(self) -> Format:
        return self.get(
            bold=True,
            text_wrap=True,
            valign="vcenter",
            bg_color="#DDEBF7",
            border=1,
            border_color="#9BC2E6",
        )


def print_setup(ws: Worksheet, *, repeat_header: bool = True) -> None:
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    ws.set_header("&L&A")
    ws.set_footer("&C&P / &N")
    if repeat_header:
        ws.repeat_rows(0)


@dataclass(frozen=True)
class Formula:
    """A live formula and the engine's value as its cached result (in 分 for money)."""

    text: str
    value: int | Decimal | None


Writer = Callable[[Worksheet, int, int, Any], None]
WIDTH_SAMPLE = 2_000  # every row up to here fits the widths; later, one row in WIDTH_STRIDE
WIDTH_STRIDE = 64
LINE_HEIGHT = 13.5  # points per line of wrapped text in the default font


def shown_text(kind: str, value: Any, lang: str) -> str:
    """The text a cell shows (for fitting the column width)."""
    if isinstance(value, Formula):
        return "0,000,000.00"
    if kind == "status":
        return STATUS_LABELS[lang].get(str(value), str(value))
    if kind == "money":
        return f"{value / 100:,.2f}"
    if kind == "int":
        return str(int(value))
    if kind == "percent":
        return f"{float(value):.2%}"
    if kind in ("number", "decimal", "ratio"):
        return f"{value.normalize():f}" if isinstance(value, Decimal) else str(value)
    if kind == "date":
        return "0000-00-00"
    if kind == "datetime":
        return "0000-00-00 00:00:00"
    return str(value)


def cell_writer(formats: Formats, kind: str, lang: str) -> Writer:
    """A function writing one non-empty cell of ``kind``, its formats chosen once.

    Money is integer 分 written as yuan (``fen / 100`` is the correctly rounded float of
    the exact yuan value); text starting with ``= + - @`` tab or CR is written as a string
    with the quote prefix, so it stays text even when edited in Excel.
    """
    number_fmt = formats.cell(kind if kind in KIND_PROPS else "number")

    def formula(ws: Worksheet, row: int, col: int, value: Formula) -> None:
        cached: Any = value.value
        if cached is not None:
            cached = cached / 100 if kind == "money" else float(cached)
        ws.write_formula(row, col, value.text, number_fmt, "" if cached is None else cached)

    if kind == "money":

        def money(ws: Worksheet, row: int, col: int, value: Any) -> None:
            if type(value) is Formula:
                formula(ws, row, col, value)
            else:
                ws.write_number(row, col, int(value) / 100, number_fmt)

        return money
    if kind == "int":
        return lambda ws, row, col, value: ws.write_number(row, col, int(value), number_fmt)
    if kind in ("number", "decimal", "ratio", "percent"):
        text_fmt = formats.cell("text")

        def number(ws: Worksheet, row: int, col: int, value: Any) -> None:
            if type(value) is Formula:
                formula(ws, row, col, value)
                return
            as_float = float(value)
            if math.isfinite(as_float):
                ws.write_number(row, col, as_float, number_fmt)
            else:
                ws.write_string(row, col, str(value), text_fmt)

        return number
    if kind == "status":
        labels = STATUS_LABELS[lang]
        status_fmts = {s: formats.cell("status", status=s) for s in STATUS_COLOURS}
        plain_fmt = formats.cell("status")

        def status(ws: Worksheet, row: int, col: int, value: Any) -> None:
            code = str(value)
            ws.write_string(row, col, labels.get(code, code), status_fmts.get(code, plain_fmt))

        return status
    if kind in ("date", "datetime"):

        def date(ws: Worksheet, row: int, col: int, value: Any) -> None:
            moment = value if isinstance(value, dt.datetime) else None
            if moment is None and isinstance(value, dt.date):
                moment = dt.datetime.combine(value, dt.time())
            if moment is None:
                moment = value.to_pydatetime()  # pandas Timestamp
            ws.write_datetime(row, col, moment, number_fmt)

        return date
    base = "text" if kind == "mark" else kind
    fmt, risky = formats.cell(base), formats.cell(base, risky=True)
    marked, marked_risky = (
        formats.cell("text", status="unknown"),
        formats.cell("text", risky=True, status="unknown"),
    )

    def text(ws: Worksheet, row: int, col: int, value: Any) -> None:
        string = value if type(value) is str else str(value)
        if len(string) > EXCEL_MAX_CHARS:
            string = clip(string)
        danger = formula_risky(string)
        if kind == "mark" and ASSUMPTION_MARK in string:
            ws.write_string(row, col, string, marked_risky if danger else marked)
        else:
            ws.write_string(row, col, string, risky if danger else fmt)

    return text


class TableSheet:
    """A table on one or more sheets: a frozen header row, typed cells, fitted widths.

    Each column's writer and formats are chosen once, so a row costs one Python call per
    non-empty cell on top of XlsxWriter's own. Column widths are fitted to every row up to
    :data:`WIDTH_SAMPLE` and to one row in :data:`WIDTH_STRIDE` after that.
    """

    def __init__(
        self,
        book: xlsxwriter.Workbook,
        formats: Formats,
        sheet_id: str,
        columns: Sequence[Column],
        lang: str,
        *,
        max_rows: int = EXCEL_MAX_ROWS,
        header_rows: int = 1,
        preamble: Callable[[Worksheet], None] | None = None,
        expected_rows: int = 0,
    ) -> None:
        self.book = book
        self.formats = formats
        self.base_name = sheet_name(sheet_id, lang)
        self.columns = tuple(columns)
        self.lang = lang
        self.max_rows = max_rows
        self.header_rows = header_rows
        self.preamble = preamble
        self._spare: list[Worksheet] = []
        self.titles = [header(c.id, lang) for c in self.columns]
        self.widths = [float(display_width(t)) for t in self.titles]
        self._writers = [
            (col, cell_writer(formats, c.kind, lang)) for col, c in enumerate(self.columns)
        ]
        self._fitted = [(col, c.kind) for col, c in enumerate(self.columns) if c.width is None]
        self._wrapped = [
            (col, float(c.width))
            for col, c in enumerate(self.columns)
            if c.kind == "wrap" and c.width is not None
        ]
        self.count = 0  # data rows written, every part
        self._streamed = bool(getattr(book, "constant_memory", False))
        self.sheets: list[tuple[Worksheet, int]] = []  # (sheet, rows used)
        self.ws: Worksheet
        self.row = 0
        self._new_sheet()
        per_sheet = max(max_rows - header_rows, 1)
        for _ in range(1, -(-expected_rows // per_sheet)):  # parts known in advance
            self._spare.append(self._add_part(len(self.sheets) + len(self._spare) + 1))

    @property
    def name(self) -> str:
        return str(self.ws.name)

    def _new_sheet(self) -> None:
        if self.sheets:
            self.sheets[-1] = (self.ws, self.row)
        if self._spare:
            self.ws = self._spare.pop(0)
        else:
            self.ws = self._add_part(len(self.sheets) + 1)
        self.sheets.append((self.ws, 0))
        self.row = self.header_rows

    def _add_part(self, n: int) -> Worksheet:
        ws = self.book.add_worksheet(self.base_name if n == 1 else f"{self.base_name}({n})")
        if self.preamble is not None:
            self.preamble(ws)
        top = self.header_rows - 1
        for col, title in enumerate(self.titles):
            ws.write_string(top, col, title, self.formats.header())
        return ws

    def room(self, rows: int) -> None:
        """Start a new sheet unless ``rows`` more rows fit on this one."""
        if self.row > self.header_rows and self.row + rows > self.max_rows:
            self._new_sheet()

    def add(self, values: Sequence[Any]) -> None:
        if self.row >= self.max_rows and self.row > self.header_rows:
            self._new_sheet()
        ws, row = self.ws, self.row
        for (col, write), value in zip(self._writers, values, strict=True):
            if value is not None and not (type(value) is str and not value):
                write(ws, row, col, value)
        lines = 1
        for col, width in self._wrapped:  # row height for wrapped text (not auto-fitted)
            text = values[col]
            if text and type(text) is str:
                # Display width of a line: 1 per ASCII, 2 per CJK character (3 UTF-8 bytes).
                wrapped = sum(
                    int((len(p.encode()) + len(p)) / 2 // (width - 1)) + 1 for p in text.split("\n")
                )
                lines = max(lines, wrapped)
        if lines > 1:
            ws.set_row(row, min(LINE_HEIGHT * lines + 2, 409))
        if self._streamed:
            # In constant_memory mode XlsxWriter has written the previous row out but keeps
            # its height in two dicts for good; drop them so memory stays flat.
            ws.row_info.pop(row - 1, None)
            ws.row_sizes.pop(row - 1, None)
        count = self.count
        if count < WIDTH_SAMPLE or count % WIDTH_STRIDE == 0:
            self._fit(values)
        self.count = count + 1
        self.row = row + 1

    def _fit(self, values: Sequence[Any]) -> None:
        widths = self.widths
        for col, kind in self._fitted:
            value = values[col]
            if value is None or value == "":
                continue
            shown = shown_text(kind, value, self.lang)
            if len(shown) * 2 > widths[col]:
                widths[col] = max(widths[col], display_width(clip(shown)))

    def finish(self, *, freeze_cols: int = 0) -> None:
        self.sheets[-1] = (self.ws, self.row)
        for ws, rows in self.sheets:
            for col, column in enumerate(self.columns):
                if column.width is not None:
                    width = float(column.width)
                else:
                    width = min(max(self.widths[col] + 2, MIN_WIDTH), MAX_WIDTH)
                ws.set_column(col, col, width)
            top = self.header_rows - 1
            ws.autofilter(top, 0, max(rows - 1, top), len(self.columns) - 1)
            ws.freeze_panes(self.header_rows, freeze_cols)
            print_setup(ws, repeat_header=False)
            ws.repeat_rows(top)

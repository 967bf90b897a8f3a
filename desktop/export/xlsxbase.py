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

from desktop.core.money import fen_to_yuan
from desktop.core.results import STATUS_LABELS
from desktop.export.tables import Column
from desktop.export.text import (
    ASSUMPTION_MARK,
    clip,
    display_width,
    formula_risky,
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


class TableSheet:
    """A table on one or more sheets: a frozen header row, typed cells, fitted widths."""

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
        self.room(1)
        for col, (column, value) in enumerate(zip(self.columns, values, strict=True)):
            shown = self._write(self.row, col, column.kind, value)
            if shown and column.width is None and len(shown) * 2 > self.widths[col]:
                self.widths[col] = max(self.widths[col], display_width(shown))
        self.row += 1

    def _write(self, row: int, col: int, kind: str, value: Any) -> str:
        """Write one cell; return the text it shows (for fitting the column width)."""
        ws, formats = self.ws, self.formats
        if value is None or value == "":
            return ""
        if isinstance(value, Formula):
            cached: Any = value.value
            if kind == "money" and cached is not None:
                cached = float(fen_to_yuan(int(cached)))
            elif cached is not None:
                cached = float(cached)
            fmt = formats.cell(kind if kind in KIND_PROPS else "number")
            ws.write_formula(row, col, value.text, fmt, "" if cached is None else cached)
            return "0,000,000.00"
        if kind == "status":
            label = STATUS_LABELS[self.lang].get(str(value), str(value))
            ws.write_string(row, col, label, formats.cell("status", status=str(value)))
            return label
        if kind == "money":
            yuan = fen_to_yuan(int(value))
            ws.write_number(row, col, float(yuan), formats.cell("money"))
            return f"{yuan:,.2f}"
        if kind == "int":
            ws.write_number(row, col, int(value), formats.cell("int"))
            return str(int(value))
        if kind in ("number", "decimal", "ratio"):
            number = float(value)
            if not math.isfinite(number):
                ws.write_string(row, col, str(value), formats.cell("text"))
            else:
                ws.write_number(row, col, number, formats.cell(kind))
            return f"{Decimal(value).normalize():f}" if isinstance(value, Decimal) else str(value)
        if kind in ("date", "datetime"):
            moment = value if isinstance(value, dt.datetime) else None
            if moment is None and isinstance(value, dt.date):
                moment = dt.datetime.combine(value, dt.time())
            if moment is None:
                moment = value.to_pydatetime()  # pandas Timestamp
            ws.write_datetime(row, col, moment, formats.cell(kind))
            return "0000-00-00" if kind == "date" else "0000-00-00 00:00:00"
        text = clip(str(value))
        if kind == "mark":
            status = "unknown" if ASSUMPTION_MARK in text else None
            fmt = formats.cell("text", risky=formula_risky(text), status=status)
        else:
            fmt = formats.cell(kind, risky=formula_risky(text))
        ws.write_string(row, col, text, fmt)
        return text

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

"""The briefing annex ``简报附表.xlsx``: every figure of the brief in a known cell.

The sheets are laid out in memory first (:class:`Sheet`), so the brief can cite a cell
(``情景对比!D5``) before the file is written, and the file holds exactly what was cited.
Text is always written as text (``write_string``, and ``quote_prefix`` when it starts with
``= + - @`` tab or CR, so a spreadsheet program never runs it as a formula, even after an edit).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from desktop.cells import column_letter, formula_risky

ANNEX_NAME = "简报附表.xlsx"


@dataclass(frozen=True)
class Formula:
    """A formula with the value it evaluates to (cached, so readers without a calculator see
    the same figure)."""

    text: str
    value: float | int


Cell = str | int | float | Decimal | Formula | None


@dataclass
class Sheet:
    """One annex sheet: a header row and data rows; ``keys`` find a row by what it is about."""

    name: str
    columns: list[str]
    widths: list[int] = field(default_factory=list)
    rows: list[list[Cell]] = field(default_factory=list)
    keys: dict[Hashable, int] = field(default_factory=dict)
    money: set[int] = field(default_factory=set)  # column indices shown as 0.00
    note: str = ""

    def add(self, values: Sequence[Cell], key: Hashable | None = None) -> int:
        """Append a row; returns its Excel row number (the header is row 1)."""
        if len(values) != len(self.columns):
            raise ValueError(f"{self.name}: {len(values)} values for {len(self.columns)} columns")
        self.rows.append(list(values))
        number = len(self.rows) + 1
        if key is not None:
            self.keys[key] = number
        return number

    def col(self, column: str) -> str:
        return column_letter(self.columns.index(column))

    def row_of(self, key: Hashable) -> int:
        return self.keys[key]

    def cell(self, key: Hashable, column: str) -> str:
        """``Sheet!C5`` for the row ``key`` and the named column."""
        return f"{self.name}!{self.col(column)}{self.keys[key]}"

    def span(self, key: Hashable, first: str, last: str) -> str:
        """``Sheet!C5:H5``: one row, from one named column to another."""
        row = self.keys[key]
        return f"{self.name}!{self.col(first)}{row}:{self.col(last)}{row}"

    def rows_ref(self, key: Hashable) -> str:
        """``Sheet 第5行``: a whole row."""
        return f"{self.name} 第{self.keys[key]}行"

    def column_range(self, column: str, rows: int | None = None) -> str:
        """``Sheet!C2:C35``: a column over the first ``rows`` data rows (default: all)."""
        col = self.col(column)
        count = len(self.rows) if rows is None else rows
        return f"{self.name}!{col}2:{col}{max(count + 1, 2)}"


@dataclass
class Annex:
    sheets: dict[str, Sheet] = field(default_factory=dict)

    def order(self, first: Sequence[str]) -> None:
        """Put these sheets first (in this order), the others after them."""
        names = [n for n in first if n in self.sheets]
        names += [n for n in self.sheets if n not in names]
        self.sheets = {n: self.sheets[n] for n in names}

    def sheet(
        self,
        name: str,
        columns: Sequence[str],
        widths: Sequence[int] = (),
        money: Sequence[str] = (),
        note: str = "",
    ) -> Sheet:
        cols = list(columns)
        sheet = Sheet(
            name,
            cols,
            list(widths) or [14] * len(cols),
            money={cols.index(m) for m in money},
            note=note,
        )
        self.sheets[name] = sheet
        return sheet

    def __getitem__(self, name: str) -> Sheet:
        return self.sheets[name]


def write_annex(annex: Annex, path: Path, *, title: str = "简报附表") -> Path:
    """Write every sheet with XlsxWriter; returns ``path``."""
    import xlsxwriter

    book = xlsxwriter.Workbook(
        str(path),
        {
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
            "default_format_properties": {"font_name": "Microsoft YaHei", "font_size": 10},
        },
    )
    book.set_properties({"title": title, "author": "PolicyDesk"})
    head = book.add_format({"bold": True, "bg_color": "#E8EEF6", "border": 1, "text_wrap": True})
    text = book.add_format({"valign": "top", "text_wrap": True})
    text_safe = book.add_format({"valign": "top", "text_wrap": True, "quote_prefix": True})
    money = book.add_format({"valign": "top", "num_format": "#,##0.00"})
    number = book.add_format({"valign": "top"})
    money_total = book.add_format({"valign": "top", "num_format": "#,##0.00", "bold": True})
    for sheet in annex.sheets.values():
        ws = book.add_worksheet(sheet.name)
        for c, width in enumerate(sheet.widths):
            ws.set_column(c, c, width)
        for c, label in enumerate(sheet.columns):
            ws.write_string(0, c, label, head)
        for r, values in enumerate(sheet.rows, start=1):
            for c, value in enumerate(values):
                is_money = c in sheet.money
                if value is None:
                    continue
                if isinstance(value, Formula):
                    fmt = money_total if is_money else number
                    ws.write_formula(r, c, value.text, fmt, value.value)
                elif isinstance(value, str):
                    ws.write_string(r, c, value, text_safe if formula_risky(value) else text)
                elif isinstance(value, bool):
                    ws.write_boolean(r, c, value, number)
                else:
                    ws.write_number(r, c, float(value), money if is_money else number)
        ws.freeze_panes(1, 0)
        if sheet.note:
            ws.write_string(len(sheet.rows) + 2, 0, sheet.note, text)
    book.close()
    return path


__all__ = ["ANNEX_NAME", "Annex", "Formula", "Sheet", "write_annex"]

"""Writing helpers: a workbook of plain rows (with merged cells and hidden columns), CSV text,
and the cell spellings banks use (万元, %, 是/否 …)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import xlsxwriter

Cell = object


@dataclass
class SheetSpec:
    name: str
    rows: list[list[Cell]]
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # 0-based, inclusive
    hidden_columns: tuple[int, ...] = ()


def write_book(path: Path, sheets: Sequence[SheetSpec]) -> Path:
    """Strings stay strings (never turned into numbers or formulas); datetimes are dates."""
    book = xlsxwriter.Workbook(
        str(path), {"strings_to_numbers": False, "strings_to_formulas": False}
    )
    dates = book.add_format({"num_format": "yyyy-mm-dd"})
    for spec in sheets:
        sheet = book.add_worksheet(spec.name)
        merged_cells = {(r, c) for r, c, *_ in spec.merges}
        for r, row in enumerate(spec.rows):
            for c, value in enumerate(row):
                if value is None or (r, c) in merged_cells:
                    continue
                _write(sheet, r, c, value, dates)
        for r1, c1, r2, c2 in spec.merges:
            value = spec.rows[r1][c1] if c1 < len(spec.rows[r1]) else None
            sheet.merge_range(r1, c1, r2, c2, "" if value is None else str(value))
        for c in spec.hidden_columns:
            sheet.set_column(c, c, None, None, {"hidden": True})
    book.close()
    return path


def _write(sheet: object, r: int, c: int, value: Cell, dates: object) -> None:
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime | dt.date):
        sheet.write_datetime(r, c, value, dates)  # type: ignore[attr-defined]
    elif isinstance(value, str):
        sheet.write_string(r, c, value)  # type: ignore[attr-defined]
    elif isinstance(value, bool):
        sheet.write_boolean(r, c, value)  # type: ignore[attr-defined]
    else:
        sheet.write_number(r, c, float(value))  # type: ignore[arg-type, attr-defined]


def csv_text(rows: Sequence[Sequence[Cell]]) -> str:
    def one(value: Cell) -> str:
        if value is None:
            return ""
        if isinstance(value, pd.Timestamp | dt.date):
            text = pd.Timestamp(value).date().isoformat()
        elif isinstance(value, float) and value.is_integer():
            text = str(int(value))
        else:
            text = str(value)
        return f'"{text}"' if "," in text or '"' in text else text

    return "\r\n".join(",".join(one(v) for v in row) for row in rows) + "\r\n"


def wan(value: object) -> float | None:
    """Yuan → 万元 (None stays None)."""
    return None if value is None else round(float(value) / 10_000, 6)  # type: ignore[arg-type]


def pct(value: object) -> float | None:
    """A fraction → a percent figure (0.0345 → 3.45)."""
    return None if value is None else round(float(value) * 100, 8)  # type: ignore[arg-type]


def flag(value: object, yes: str = "是", no: str = "否", unknown: str | None = None) -> str | None:
    if value is None:
        return unknown
    return yes if value else no


def ymd(value: object, style: str = "iso") -> object:
    """A date as a datetime cell or as the text a system prints."""
    if value is None:
        return None
    day = pd.Timestamp(value)  # type: ignore[arg-type]
    if style == "iso":
        return day.to_pydatetime()
    if style == "text":
        return day.date().isoformat()
    if style == "cn":
        return f"{day.year}年{day.month}月{day.day}日"
    if style == "dot":
        return f"{day.year}.{day.month:02d}.{day.day:02d}"
    if style == "compact":
        return day.strftime("%Y%m%d")
    raise ValueError(style)

"""The clean template holding given data: sheets 企业 / 贷款 / 上市并购事件 under their
standard names, one header row of the standard labels (money in 元, rates in %), 是/否 flags
and real dates — what the product's own sample looks like, minus the title rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd
import xlsxwriter

from desktop.core.fields import TABLES, FieldType, Table

from .data import Row

Tables = Mapping[Table, Sequence[Row]]


def header(table: Table, name: str) -> str:
    spec = TABLES[table].by_name()[name]
    if spec.type == FieldType.MONEY:
        return f"{spec.label_zh}（元）"
    if spec.type == FieldType.RATIO:
        return f"{spec.label_zh}（%）"
    return spec.label_zh


def write_template(path: Path, tables: Tables) -> Path:
    """Every table given, its columns in registry order (only the fields its rows hold)."""
    book = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
    dates = book.add_format({"num_format": "yyyy-mm-dd"})
    for table, rows in tables.items():
        spec = TABLES[table]
        held = {k for r in rows for k in r}
        fields = [f for f in spec.fields if f.name in held]
        sheet = book.add_worksheet(spec.sheet_names[0])
        for col, f in enumerate(fields):
            sheet.write_string(0, col, header(table, f.name))
        for r, row in enumerate(rows, start=1):
            for col, f in enumerate(fields):
                value = row.get(f.name)
                if value is None:
                    continue
                if f.type == FieldType.FLAG:
                    sheet.write_string(r, col, "是" if value else "否")
                elif f.type == FieldType.DATE:
                    sheet.write_datetime(r, col, pd.Timestamp(value).to_pydatetime(), dates)
                elif f.type == FieldType.RATIO:
                    sheet.write_number(r, col, round(float(value) * 100, 10))  # type: ignore[arg-type]
                elif isinstance(value, str):
                    sheet.write_string(r, col, value)
                elif isinstance(value, dt.date):
                    sheet.write_datetime(r, col, value, dates)
                else:
                    sheet.write_number(r, col, float(value))  # type: ignore[arg-type]
    book.close()
    return path


def restrict(rows: Sequence[Row], fields: Sequence[str]) -> list[Row]:
    """The rows with only ``fields`` (the data a kind of file holds)."""
    return [{k: r[k] for k in fields if k in r} for r in rows]

"""A term written in one cell ("贷款起止日期 2025.01.15-2026.01.14") fills both dates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook

from desktop.spreadsheet.mapping import RANGE, load_mapping, save_mapping
from desktop.spreadsheet.reader import read_headers, read_workbook
from desktop.spreadsheet.terms import split_terms
from desktop.spreadsheet.uscc import make_uscc

A = make_uscc("91110108MA0000711")


@pytest.mark.parametrize(
    ("cell", "start", "end"),
    [
        ("2025.01.15-2026.01.14", "2025-01-15", "2026-01-14"),
        ("2025-01-15-2026-01-14", "2025-01-15", "2026-01-14"),
        ("2025年3月1日至2026年2月28日", "2025-03-01", "2026-02-28"),
        ("2024/12/20—2025/12/19", "2024-12-20", "2025-12-19"),
        ("20250115~20260114", "2025-01-15", "2026-01-14"),
        ("２０２５．１．５－２０２６．１．４", "2025-01-05", "2026-01-04"),
        ("2025.01.15 至 2026.1.14", "2025-01-15", "2026-01-14"),
    ],
)
def test_both_dates_of_a_term_are_read(cell: str, start: str, end: str) -> None:
    starts, ends, issues = split_terms(pd.Series([cell], index=[5]), sheet="S", column="I")
    assert (starts[5], ends[5], issues) == (start, end, [])


def test_one_date_is_a_start_and_anything_else_stays_for_the_date_parser() -> None:
    cells = pd.Series(["2025.01.15", "长期", None, dt.datetime(2025, 2, 1)], index=[5, 6, 7, 8])
    starts, ends, issues = split_terms(cells, sheet="S", column="I")
    assert starts.tolist() == ["2025-01-15", "长期", None, dt.datetime(2025, 2, 1)]
    assert ends.tolist() == [None, None, None, None]
    assert [(i.row, i.column, i.value) for i in issues] == [(5, "I", "2025.01.15")]


def _ledger(path: Path) -> Path:
    book = Workbook()
    ent = book.active
    ent.title = "企业"
    ent.append(["统一社会信用代码", "企业名称", "注册区"])
    ent.append([A, "示例丙科技有限公司", "海淀区"])
    loans = book.create_sheet("贷款")
    loans.append(["贷款编号", "统一社会信用代码", "贷款金额（万元）", "贷款起止日期", "担保方式"])
    loans.append(["L1", A, 500, "2025.01.15-2026.01.14", "知识产权质押"])
    loans.append(["L2", A, 300, "2025年3月1日至2026年2月28日", "信用"])
    loans.append(["L3", A, 200, "长期有效", "信用"])
    book.save(path)
    return path


def test_a_term_column_fills_start_and_end_and_reports_what_it_cannot_read(
    tmp_path: Path,
) -> None:
    result = read_workbook(_ledger(tmp_path / "t.xlsx"))
    loans = result.portfolio.loans.set_index("loan_id")
    assert loans.loc["L1", "start_date"] == pd.Timestamp("2025-01-15")
    assert loans.loc["L2", "end_date"] == pd.Timestamp("2026-02-28")
    assert pd.isna(loans.loc["L3", "start_date"]) and pd.isna(loans.loc["L3", "end_date"])
    found = {(i.sheet, i.row, i.column, i.value) for i in result.portfolio.issues}
    assert ("贷款", 4, "D", "长期有效") in found  # unreadable, with its text
    split = [i for i in result.portfolio.issues if "起止两个日期" in i.message]
    assert split and split[0].column == "D"
    assert not any(v.unused_columns for v in result.report.sheets)


def test_the_term_reading_survives_a_saved_mapping(tmp_path: Path) -> None:
    path = _ledger(tmp_path / "t.xlsx")
    mapping = read_headers(path)
    profile_path = tmp_path / "m.yaml"
    save_mapping(mapping, profile_path)
    profile = load_mapping(profile_path)
    again = read_headers(path, mapping=profile)
    (column,) = [c for t in again.tables.values() for c in t.columns if c.header == "贷款起止日期"]
    assert (column.field, column.reading) == ("start_date", RANGE)

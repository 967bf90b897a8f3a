"""Import rules settled with evidence from the file: percent number formats under "%"
headers, repeated project ids, located error messages and profiles found by their headers.
Fixtures are written here with XlsxWriter (percent formats) or openpyxl into tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest
import xlsxwriter

from desktop.spreadsheet.reader import read_portfolio
from desktop.spreadsheet.uscc import make_uscc

CODE_A = make_uscc("91110108000000901")
CODE_B = make_uscc("91110108000000902")

ENTERPRISES = [["统一社会信用代码", "企业名称"], [CODE_A, "示例甲科技有限公司"],
               [CODE_B, "示例乙科技有限公司"]]  # fmt: skip


def _write(
    book: xlsxwriter.Workbook, name: str, rows: list[list[object]], fmt: object = None
) -> None:
    sheet = book.add_worksheet(name)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is None:
                continue
            sheet.write(r, c, value, fmt if isinstance(value, float) and r and fmt else None)


def guarantee_book(path: Path, *, percent: list[bool]) -> Path:
    """担保 sheet whose 担保费率（%） column holds 0.008 / 0.8 / 1.5, each cell percent-
    formatted ("0.00%") or plain as ``percent`` says."""
    book = xlsxwriter.Workbook(str(path))
    pct = book.add_format({"num_format": "0.00%"})
    _write(book, "企业", ENTERPRISES)
    sheet = book.add_worksheet("担保")
    sheet.write_row(0, 0, ["担保编号", "统一社会信用代码", "担保金额（万元）", "担保费率（%）"])
    values = [0.008, 0.8, 1.5]
    for n, (value, formatted) in enumerate(zip(values, percent, strict=True), start=1):
        sheet.write_row(n, 0, [f"G{n}", CODE_A, 100])
        sheet.write_number(n, 3, value, pct if formatted else None)
    book.close()
    return path


def test_percent_formatted_cells_are_fractions(tmp_path: Path) -> None:
    portfolio = read_portfolio(guarantee_book(tmp_path / "g.xlsx", percent=[True] * 3))
    assert portfolio.guarantees["fee_rate"].tolist() == pytest.approx([0.008, 0.8, 1.5])
    assert not [i for i in portfolio.issues if "百分比格式" in i.message]


def test_plain_numbers_under_percent_header_are_percent_figures(tmp_path: Path) -> None:
    portfolio = read_portfolio(guarantee_book(tmp_path / "g.xlsx", percent=[False] * 3))
    # 0.80 under 担保费率（%） is 0.8 %, not 80 %.
    assert portfolio.guarantees["fee_rate"].tolist() == pytest.approx([0.00008, 0.008, 0.015])


def test_mixed_percent_formats_are_noted(tmp_path: Path) -> None:
    portfolio = read_portfolio(guarantee_book(tmp_path / "g.xlsx", percent=[True, False, False]))
    assert portfolio.guarantees["fee_rate"].tolist() == pytest.approx([0.008, 0.008, 0.015])
    mixed = [i for i in portfolio.issues if "百分比格式" in i.message]
    assert len(mixed) == 1
    assert (mixed[0].severity, mixed[0].sheet, mixed[0].column) == ("info", "担保", "D")
    assert mixed[0].row == 1

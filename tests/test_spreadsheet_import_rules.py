"""Import rules settled with evidence from the file: percent number formats under "%"
headers, repeated project ids, located error messages and profiles found by their headers.
Fixtures are written here with XlsxWriter (percent formats) or openpyxl into tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest
import xlsxwriter

from desktop.errors import InputFileError
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


def project_book(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    book = xlsxwriter.Workbook(str(path))
    _write(book, "企业", ENTERPRISES)
    for name, rows in sheets.items():
        _write(book, name, rows)
    book.close()
    return path


def test_project_under_two_kinds_is_kept_exact_repeat_dropped(tmp_path: Path) -> None:
    rows = [
        ["项目编号", "统一社会信用代码", "项目类型", "申请支持金额（万元）"],
        ["P1", CODE_A, "首台套产品", 50],
        ["P1", CODE_A, "应用场景", 80],  # the same project under a second measure: kept
        ["P1", CODE_A, "首台套产品", 50],  # an exact repeat: dropped
        ["P2", CODE_B, "小升规", 10],
    ]
    loans = [
        ["贷款编号", "统一社会信用代码", "贷款金额（万元）"],
        ["L1", CODE_A, 100],
        ["L1", CODE_A, 200],  # other tables: first row wins
    ]
    portfolio = read_portfolio(project_book(tmp_path / "p.xlsx", {"项目": rows, "贷款": loans}))
    projects = portfolio.projects
    assert list(zip(projects["project_id"], projects["kind"], strict=True)) == [
        ("P1", "首台套产品"),
        ("P1", "应用场景"),
        ("P2", "小升规"),
    ]
    by_row = {(i.sheet, i.row): i for i in portfolio.issues}
    repeat = by_row[("项目", 4)]
    assert repeat.severity == "warning" and "第2行" in repeat.message
    linked = by_row[("项目", 3)]
    assert linked.severity == "info" and linked.action.startswith("保留")
    assert portfolio.loans["amount"].tolist() == [1_000_000.0]
    assert by_row[("贷款", 3)].severity == "warning"


def test_errors_name_file_sheet_row_and_column(tmp_path: Path) -> None:
    path = project_book(
        tmp_path / "e.xlsx",
        {"贷款": [["标题：贷款台账"], ["贷款编号", "统一社会信用代码", "贷款金额（美元）"],
                  ["L1", CODE_A, 100]]},
    )  # fmt: skip
    with pytest.raises(InputFileError) as caught:
        read_portfolio(path)
    where = caught.value.location
    assert (where.file, where.sheet, where.row) == ("e.xlsx", "贷款", 2)
    assert where.column is not None and where.column.startswith("C ")
    assert "row 2" in str(caught.value)

    missing = project_book(
        tmp_path / "m.xlsx", {"贷款": [["x"], ["贷款编号", "贷款金额（万元）", "年利率（%）"]]}
    )
    with pytest.raises(InputFileError) as caught:
        read_portfolio(missing)
    where = caught.value.location
    assert (where.sheet, where.row, where.column) == ("贷款", 2, "统一社会信用代码")


def test_malformed_csv_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    text = f'统一社会信用代码,企业名称\n{CODE_A},甲\n{CODE_B},"{"乙" * 200_000}"\n'
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputFileError) as caught:
        read_portfolio(path)
    assert caught.value.location.line == 3
    assert "line 3" in str(caught.value)

"""Import rules settled with evidence from the file: percent number formats under "%"
headers, repeated project ids, located error messages and profiles found by their headers.
Fixtures are written here with XlsxWriter (percent formats) or openpyxl into tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest
import xlsxwriter

from desktop.core.fields import Table
from desktop.errors import InputFileError
from desktop.spreadsheet.mapping import (
    WorkbookMapping,
    find_profile,
    headers_signature,
    save_mapping,
)
from desktop.spreadsheet.reader import read_portfolio, read_signature, read_workbook
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
    # Read as the fractions 0.8 %, 80 % and 150 %; fee rates above 10 % are implausible:
    # reported and treated as missing.
    fee = portfolio.guarantees["fee_rate"]
    assert fee.iloc[0] == pytest.approx(0.008) and fee.iloc[1:].isna().all()
    wrong = [i for i in portfolio.issues if "plausible range" in i.message]
    assert [(i.row, i.column) for i in wrong] == [(3, "D"), (4, "D")]
    assert not [i for i in portfolio.issues if "百分比格式" in i.message]


def test_plain_numbers_under_percent_header_are_percent_figures(tmp_path: Path) -> None:
    portfolio = read_portfolio(guarantee_book(tmp_path / "g.xlsx", percent=[False] * 3))
    # 0.80 under 担保费率（%） is 0.8 %, not 80 %; 0.008 is plausible only as a fraction
    # (0.008 % is no fee rate): read as 0.8 % and marked.
    assert portfolio.guarantees["fee_rate"].tolist() == pytest.approx([0.008, 0.008, 0.015])


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
    # An unknown unit is no longer fatal: the column is missing and flagged at its header.
    portfolio = read_portfolio(path)
    (unit,) = [i for i in portfolio.issues if i.value == "美元"]
    assert (unit.sheet, unit.row, unit.column, unit.severity) == ("贷款", 2, "C", "warning")
    assert portfolio.loans["amount"].isna().all()

    missing = project_book(
        tmp_path / "m.xlsx", {"贷款": [["x"], ["贷款编号", "贷款金额（万元）", "年利率（%）"]]}
    )
    # A loan sheet that cannot be used is not fatal: the run warns, naming sheet and column.
    portfolio = read_portfolio(missing)
    assert portfolio.loans.empty
    (warning,) = portfolio.warnings
    assert "贷款" in warning and "统一社会信用代码" in warning
    (verdict,) = [v for v in portfolio.sheets if v.sheet == "贷款"]
    assert verdict.role == "unused" and "统一社会信用代码" in verdict.reason


def test_malformed_csv_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    text = f'统一社会信用代码,企业名称\n{CODE_A},甲\n{CODE_B},"{"乙" * 200_000}"\n'
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputFileError) as caught:
        read_portfolio(path)
    assert caught.value.location.line == 3
    assert "line 3" in str(caught.value)


def ledger(path: Path, rows: list[list[object]], title: str = "客户台账") -> Path:
    """A ledger whose headers the reader only partly knows (内部评级 is not a field)."""
    book = xlsxwriter.Workbook(str(path))
    _write(book, title, [["XX银行客户台账"], ["客户名称", "信用代码", "所属区", "内部评级"], *rows])
    book.close()
    return path


def test_profile_is_found_for_the_same_headers(tmp_path: Path) -> None:
    folder = tmp_path / "mappings"
    folder.mkdir()
    first = ledger(tmp_path / "sep.xlsx", [["示例甲科技有限公司", CODE_A, "海淀", "A"]])
    result = read_workbook(first)
    edited = result.mapping.tables[Table.ENTERPRISES].with_field("D", "industry")
    save_mapping(WorkbookMapping({Table.ENTERPRISES: edited}), folder / "bank.yaml", "某银行")
    (folder / "broken.yaml").write_text("tables: [", encoding="utf-8")
    save_mapping(
        WorkbookMapping({Table.ENTERPRISES: edited}), folder / "other.yml", "其他"
    )  # the same mapping for another sheet name: must not match
    text = (folder / "other.yml").read_text(encoding="utf-8").replace("客户台账", "别的表")
    (folder / "other.yml").write_text(text, encoding="utf-8")

    # Next month's export: other rows, the same headers.
    later = ledger(tmp_path / "oct.xlsx", [["示例乙科技有限公司", CODE_B, "朝阳", "B"]])
    signature = read_signature(later)
    assert signature == headers_signature(result.mapping)
    profile = find_profile(signature, folder)
    assert profile is not None and profile.name == "某银行"
    applied = read_portfolio(later, mapping=profile)
    assert applied.enterprises["industry"].tolist() == ["B"]

    changed = ledger(tmp_path / "new.xlsx", [["示例乙科技有限公司", CODE_B, "朝阳"]])
    book = xlsxwriter.Workbook(str(changed))
    _write(book, "客户台账", [["客户名称", "信用代码", "注册地址"], ["乙", CODE_B, "北京"]])
    book.close()
    assert find_profile(read_signature(changed), folder) is None
    assert find_profile(signature, tmp_path / "absent") is None


def test_hand_written_profile_matches_by_its_tables(tmp_path: Path) -> None:
    folder = tmp_path / "mappings"
    folder.mkdir()
    (folder / "hand.yaml").write_text(
        "policydesk_mapping: 1\nname: 手写\ntables:\n  enterprises:\n    sheet: 客户台账\n"
        "    columns:\n      - {header: 客户名称, field: name}\n"
        "      - {header: 信用代码, field: uscc}\n      - {header: 所属区, field: district}\n"
        "      - {header: 内部评级, field: null}\n",
        encoding="utf-8",
    )
    path = ledger(tmp_path / "a.xlsx", [["示例甲科技有限公司", CODE_A, "海淀", "A"]])
    profile = find_profile(read_signature(path), folder)
    assert profile is not None and profile.name == "手写"
    assert profile.signature is None

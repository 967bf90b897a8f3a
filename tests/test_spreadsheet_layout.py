"""Messy ledgers: titles, two-row merged headers, hidden and blank columns, totals, repeated
headers, trailing notes, fuzzy headers, mapping profiles and one-row-per-loan sheets.
Each fixture is written here (openpyxl into tmp_path) with its expected mapping and report."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook

from desktop.core.fields import Table
from desktop.errors import InputFileError
from desktop.spreadsheet.mapping import (
    MappingProfile,
    ProfileColumn,
    load_mapping,
    map_columns,
    save_mapping,
    score_header,
)
from desktop.spreadsheet.reader import read_portfolio, read_workbook
from desktop.spreadsheet.uscc import make_uscc

CODE_A = make_uscc("91110108000000901")
CODE_B = make_uscc("91110108000000902")
CODE_C = make_uscc("91110105000000903")


def bank_ledger(path: Path) -> Path:
    """A bank's 客户台账: one loan per row, titles, a two-row merged header, a hidden helper
    column, a blank column, a page-break header repeat, subtotal, total and notes."""
    book = Workbook()
    ws = book.active
    ws.title = "客户台账"
    ws.append(["XX银行科技金融部客户台账"])
    ws.append(["数据截至2025年9月30日"])
    ws.append(["序号", "企业信息", None, None, None, "贷款信息", None, None, None, None])
    ws.append([None, "信用代码", "客户名称", "所属区", "内部码", "借据号", "金额（万元）",
               "执行利率（%）", "放款日期", "到期日"])  # fmt: skip
    ws.merge_cells("A3:A4")
    ws.merge_cells("B3:E3")
    ws.merge_cells("F3:J3")
    ws.column_dimensions["E"].hidden = True
    rows = [
        [1, CODE_A, "示例甲科技有限公司", "海淀", "X1", "JJ001", 500, 3.85, "2024/3/1", "2025.3.1"],
        [2, CODE_A, "示例甲科技有限公司", "海淀区", "X1", "JJ002", "1,200", "4.1", 45383, None],
        [3, CODE_B, "示例乙科技有限公司", "朝阳", "X2", "JJ003", "300万", "3.5%", "20240501",
         "2025年5月1日"],
        ["小计", None, None, None, None, None, 2000, None, None, None],
        ["序号", "信用代码", "客户名称", "所属区", "内部码", "借据号", "金额（万元）",
         "执行利率（%）", "放款日期", "到期日"],
        [4, CODE_B, "示例乙（错名）有限公司", "昌平", "X2", "JJ004", "—", None, "2024-06-01",
         None],
        [5, CODE_C, "示例丙科技有限公司", "北京市大兴区", "X3", "JJ005", "(100)", "4.35",
         "2024-07-01", None],
        [None] * 10,
        ["合计", None, None, None, None, None, 2000, None, None, None],
        ["注：金额单位为万元。"],
        ["制表人：张三"],
    ]  # fmt: skip
    for row in rows:
        ws.append(row)
    book.save(path)
    return path


def test_bank_ledger_is_split_into_enterprises_and_loans(tmp_path: Path) -> None:
    path = bank_ledger(tmp_path / "台账.xlsx")
    before = path.read_bytes()
    result = read_workbook(path)
    assert path.read_bytes() == before
    portfolio = result.portfolio
    ent = portfolio.enterprises
    assert ent["uscc"].tolist() == [CODE_A, CODE_B, CODE_C]
    assert ent["name"].str[:3].tolist() == ["示例甲", "示例乙", "示例丙"]  # first row wins
    assert ent["district"].tolist() == ["海淀区", "朝阳区", "大兴区"]
    loans = portfolio.loans
    assert loans["loan_id"].tolist() == ["JJ001", "JJ002", "JJ003", "JJ004", "JJ005"]
    assert loans["uscc"].tolist() == [CODE_A, CODE_A, CODE_B, CODE_B, CODE_C]
    amounts = loans["amount"].tolist()
    assert amounts[:3] == [5_000_000.0, 12_000_000.0, 3_000_000.0]
    assert pd.isna(amounts[3]) and pd.isna(amounts[4])  # "—" is missing, "(100)" is negative:
    (negative,) = [i for i in result.portfolio.issues if "negative" in i.message]
    assert (negative.row, negative.value, negative.severity) == (11, "(100)", "warning")
    assert loans["rate"].tolist()[:3] == [0.0385, 0.041, 0.035]
    assert loans["start_date"].dt.strftime("%Y-%m-%d").tolist() == [
        "2024-03-01", "2024-04-01", "2024-05-01", "2024-06-01", "2024-07-01"]  # fmt: skip
    ends = loans["end_date"].dt.strftime("%Y-%m-%d").tolist()
    assert ends[0] == "2025-03-01" and pd.isna(ends[1]) and ends[2] == "2025-05-01"

    issues = portfolio.issues
    skipped = sorted(i.row for i in issues if i.action == "跳过 / skipped")
    assert skipped == [8, 9, 13, 14, 15]  # subtotal, repeated header, total, two notes
    conflicts = [i for i in issues if "conflicting" in i.message]
    assert {(i.row, i.column, i.value) for i in conflicts} == {
        (10, "C", "示例乙（错名）有限公司"),
        (10, "D", "昌平区"),
    }
    assert all(i.sheet == "客户台账" for i in conflicts)
    assert any(i.column == "E" and i.row == 4 and "not recognised" in i.message for i in issues)

    loans_map = result.mapping.tables[Table.LOANS]
    assert loans_map.header_rows == (3, 4)
    fields = {c.letter: (c.field, c.unit) for c in loans_map.columns if c.field}
    assert fields == {
        "B": ("uscc", None),
        "F": ("loan_id", None),
        "G": ("amount", "万元"),
        "H": ("rate", "%"),
        "I": ("start_date", None),
        "J": ("end_date", None),
    }
    assert loans_map.missing_required == []
    ent_map = result.mapping.tables[Table.ENTERPRISES]
    assert {c.letter: c.field for c in ent_map.columns if c.field} == {
        "B": "uscc", "C": "name", "D": "district"}  # fmt: skip
    assert all(0.6 <= c.confidence <= 1.0 for c in ent_map.columns if c.field)


def test_hidden_column_is_noted(tmp_path: Path) -> None:
    book = Workbook()
    ws = book.active
    ws.title = "企业"
    ws.append(["统一社会信用代码", "企业名称", "营业收入（万元）", None, "备用"])
    ws.append([CODE_A, "示例甲", 10, None, "x"])
    ws.column_dimensions["C"].hidden = True
    book.save(tmp_path / "h.xlsx")
    portfolio = read_portfolio(tmp_path / "h.xlsx")
    assert portfolio.enterprises["revenue"].tolist() == [100_000.0]
    notes = {(i.column, i.message.split(" / ")[-1]) for i in portfolio.issues}
    assert ("C", "hidden column") in notes
    assert ("E", "column not recognised") in notes
    assert not any(i.column == "D" for i in portfolio.issues)  # blank column: nothing to say


def test_one_row_per_loan_without_loan_id(tmp_path: Path) -> None:
    path = tmp_path / "loans.csv"
    path.write_text(
        "企业名称,统一社会信用代码,注册区域,贷款金额(万元),利率,发放日期\n"
        f"示例甲,{CODE_A},海淀,100,3.5%,2024-01-02\n"
        f"示例甲,{CODE_A},海淀,200,3.6%,2024-02-02\n"
        f"示例乙,{CODE_B},通州,50,4%,2024-03-02\n",
        encoding="utf-8",
    )
    portfolio = read_portfolio(path)
    assert portfolio.enterprises["uscc"].tolist() == [CODE_A, CODE_B]
    assert portfolio.enterprises["district"].tolist() == ["海淀区", "通州区"]
    assert portfolio.loans["loan_id"].tolist() == ["loans.csv!R2", "loans.csv!R3", "loans.csv!R4"]
    assert portfolio.loans["amount"].tolist() == [1e6, 2e6, 5e5]


@pytest.mark.parametrize(
    ("header", "table", "field", "least"),
    [
        ("企业名称", Table.ENTERPRISES, "name", 1.0),
        ("客户名称", Table.ENTERPRISES, "name", 0.95),
        ("USCC", Table.ENTERPRISES, "uscc", 0.95),
        ("企业统一社会信用代码", Table.ENTERPRISES, "uscc", 0.8),
        ("Enterprise Name", Table.ENTERPRISES, "name", 1.0),
        ("营业收入（万元）", Table.ENTERPRISES, "revenue", 1.0),
        ("2024年营业收入", Table.ENTERPRISES, "revenue", 0.6),
        ("贷款金额(亿元)", Table.LOANS, "amount", 1.0),
    ],
)
def test_scored_headers(header: str, table: Table, field: str, least: float) -> None:
    spec, score, _unit = score_header(header, table)
    assert spec is not None and spec.name == field
    assert score >= least


def test_unknown_header_scores_nothing() -> None:
    spec, score, _ = score_header("经办客户经理", Table.ENTERPRISES)
    assert spec is None or score < 0.6
    mapping = map_columns(["序号", "经办客户经理", "企业名称"], Table.ENTERPRISES)
    assert [c.field for c in mapping.columns] == [None, None, "name"]
    assert mapping.missing_required == ["uscc"]


def test_profile_round_trip_and_override(tmp_path: Path) -> None:
    book = Workbook()
    ws = book.active
    ws.title = "名单"
    ws.append(["代码", "单位", "区"])
    ws.append([CODE_A, "示例甲", "海淀"])
    book.save(tmp_path / "list.xlsx")
    with pytest.raises(InputFileError):
        read_portfolio(tmp_path / "list.xlsx")  # nothing recognisable without a profile
    profile = MappingProfile(
        name="区里的名单",
        sheets={Table.ENTERPRISES: "名单"},
        columns={
            Table.ENTERPRISES: [
                ProfileColumn("代码", "uscc"),
                ProfileColumn("单位", "name"),
                ProfileColumn("区", "district"),
            ]
        },
    )
    save_mapping(profile, tmp_path / "m.yaml")
    loaded = load_mapping(tmp_path / "m.yaml")
    assert loaded == profile
    result = read_workbook(tmp_path / "list.xlsx", mapping=loaded)
    assert result.portfolio.enterprises["district"].tolist() == ["海淀区"]
    used = result.mapping.tables[Table.ENTERPRISES]
    assert [(c.letter, c.field, c.source) for c in used.columns] == [
        ("A", "uscc", "profile"),
        ("B", "name", "profile"),
        ("C", "district", "profile"),
    ]
    # A mapping produced by an import saves and reloads to the same columns.
    save_mapping(result.mapping, tmp_path / "again.yaml")
    again = load_mapping(tmp_path / "again.yaml")
    assert again.columns[Table.ENTERPRISES] == profile.columns[Table.ENTERPRISES]


def test_bad_profile_is_located(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("tables:\n  enterprises:\n    columns:\n      - {header: 代码, field: nope}\n")
    with pytest.raises(InputFileError) as caught:
        load_mapping(path)
    assert caught.value.location.file == "bad.yaml"
    assert "nope" in str(caught.value)


def test_column_screen_keeps_the_row_by_row_verdicts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Long sheets skip the per-row checks for rows that are surely data; the verdicts must
    be those of the row-by-row checks (totals, repeated headers, notes, blanks)."""
    from desktop.spreadsheet import layout

    header = ["信用代码", "企业名称", "所属区", "营业收入（万元）"]
    rows: list[list[object]] = [["XX银行客户台账", None, None, None], header]
    for n in range(300):
        name = "Tech Co" if n % 7 == 0 else f"示例{n}科技有限公司"
        rows.append([make_uscc(f"91110108{n:09d}"), name, "海淀", float(n)])
        if n == 50:
            rows.append(["小计", None, None, 100.0])
        if n == 80:
            rows.append([" 信用代码 ", "企业名称", "所属区", "营业收入（万元）"])
        if n == 90:
            rows.append([None, None, None, None])
        if n == 120:
            rows.append(["Total", "", "", 1.0])
        if n == 130:
            rows.append([None, "示例缺码科技有限公司", "朝阳", 2.0])
    rows += [["合计", None, None, 9.0], ["注：单位万元", None, None, None], ["审核：李四"]]
    found = layout.find_header(rows, Table.ENTERPRISES)
    assert found is not None
    fast = layout.body_rows(rows, found, [0, 1, 2, 3], "企业")
    monkeypatch.setattr(layout, "_plain_rows", lambda body, *a: [False] * len(body))
    slow = layout.body_rows(rows, found, [0, 1, 2, 3], "企业")
    assert fast[1] == slow[1] and fast[2] == slow[2]
    assert len(fast[1]) == 301 and len(fast[2]) == 6  # 小计, header, Total, 合计, 2 notes

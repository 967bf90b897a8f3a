"""Cell parsers, header mapping and the workbook / CSV reader, on fixtures built in tmp_path."""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook

from desktop.core.fields import TABLES, Table
from desktop.errors import CancelledError, InputFileError
from desktop.spreadsheet.checks import parsed_issues
from desktop.spreadsheet.headers import find_header_row, map_headers, split_unit
from desktop.spreadsheet.reader import read_portfolio, read_workbook
from desktop.spreadsheet.uscc import make_uscc
from desktop.spreadsheet.values import (
    parse_date,
    parse_district,
    parse_flag,
    parse_money,
    parse_number,
    parse_rate,
)

REPO = Path(__file__).resolve().parents[1]
CODE_A = make_uscc("91110108000000901")
CODE_B = make_uscc("91110108000000902")
CODE_C = make_uscc("91110105000000903")
BAD_CODE = CODE_C[:-1] + ("0" if CODE_C[-1] != "0" else "1")


def col(*values: object, start: int = 4) -> pd.Series:
    """Raw cells indexed by Excel row, as the reader builds them."""
    return pd.Series(list(values), index=range(start, start + len(values)), dtype=object)


def same(actual: pd.Series, expected: list[object]) -> None:
    for got, want in zip(actual.tolist(), expected, strict=True):
        if want is None:
            assert got is None or pd.isna(got), (got, want)
        elif isinstance(want, float):
            assert got == pytest.approx(want, abs=1e-9), (got, want)
        else:
            assert got == want, (got, want)


# --- values -------------------------------------------------------------------------------


def test_money_units_and_spellings() -> None:
    raw = col(
        500, "1,234.5", "500万", "（1,000）", "—", "-", None, "  ", "１２３", "2亿", "¥1,000元"
    )
    parsed = parse_money(raw, "万元")
    same(
        parsed.values,
        [5e6, 12_345_000.0, 5e6, -1e7, None, None, None, None, 1_230_000.0, 2e8, 1000.0],
    )
    assert not parsed.bad.any()


def test_money_exact_conversion_and_bad_cells() -> None:
    parsed = parse_money(col(8650.5, 0.01, 123456.78), "万元")
    assert parsed.values.tolist() == [86_505_000.0, 100.0, 1_234_567_800.0]
    bad = parse_money(col("abc", "12..5", "(100", True, 300), "元")
    assert bad.bad.tolist() == [True, True, True, True, False]
    assert bad.values.isna().tolist() == [True, True, True, True, False]
    assert parse_money(col(1.005), None).values.iloc[0] == pytest.approx(1.0, abs=0.01)


def test_money_missing_is_never_zero() -> None:
    parsed = parse_money(col(None, "—", "", "N/A"), "元")
    assert parsed.values.isna().all()


def test_rates() -> None:
    percent = parse_rate(col(4.35, "4.35%", "３.８５％", None, "x"), "%")
    same(percent.values, [0.0435, 0.0435, 0.0385, None, None])
    assert percent.bad.tolist() == [False, False, False, False, True]
    bare = parse_rate(col(0.0435, "4.35%", 4.35, "0.05"), None)
    same(bare.values, [0.0435, 0.0435, 0.0435, 0.05])
    assert bare.assumed.tolist() == [False, False, True, False]
    assert parse_rate(col(3.85), "%").values.iloc[0] == 0.0385  # no float noise
    # Under a "%" header the column is read as percent figures (0.80 under 担保费率（%） is
    # 0.8 %), but a value plausible only as a fraction (0.0435) is read as one and marked;
    # a percent number format (Excel stored the fraction) wins.
    plain = parse_rate(col(0.0435, None, 4.35, "0.80"), "%")
    same(plain.values, [0.0435, None, 0.0435, 0.008])
    assert plain.assumed.tolist() == [True, False, False, False]
    formatted = col(True, False, False, False)
    excel_percent = parse_rate(col(0.0435, None, 4.35, "0.80"), "%", formatted)
    same(excel_percent.values, [0.0435, None, 0.0435, 0.008])
    assert not excel_percent.assumed.any()
    numeric = parse_rate(col(0.0435, None, 4.35), None)  # the vectorised path
    same(numeric.values, [0.0435, None, 0.0435])
    assert numeric.assumed.tolist() == [False, False, True]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("是", True),
        ("否", False),
        ("Y", True),
        ("n", False),
        ("√", True),
        ("×", False),
        ("有", True),
        ("无", False),
        ("TRUE", True),
        ("false", False),
        (1, True),
        (0, False),
        (True, True),
        (" 是 ", True),
    ],
)
def test_flags(cell: object, expected: bool) -> None:
    parsed = parse_flag(col(cell))
    assert parsed.values.iloc[0] is expected or bool(parsed.values.iloc[0]) == expected
    assert str(parsed.values.dtype) == "boolean"


def test_flag_blank_and_unreadable() -> None:
    parsed = parse_flag(col(None, "", "也许", 2))
    assert parsed.values.isna().all()
    assert parsed.bad.tolist() == [False, False, True, True]


@pytest.mark.parametrize(
    "cell",
    [
        dt.datetime(2024, 3, 1),
        dt.datetime(2024, 3, 1, 15, 30),
        dt.date(2024, 3, 1),
        45352,  # Excel serial
        45352.75,
        "45352",
        "2024-03-01",
        "2024/3/1",
        "2024.3.1",
        "2024年3月1日",
        "２０２４年３月１日",
        "20240301",
        20240301,
        "2024-03-01 00:00:00",
    ],
)
def test_dates(cell: object) -> None:
    parsed = parse_date(col(cell))
    assert parsed.values.iloc[0] == pd.Timestamp(2024, 3, 1)
    assert str(parsed.values.dtype) == "datetime64[ns]"


def test_date_unreadable() -> None:
    parsed = parse_date(col("2024-02-30", "下个月", None, "2024年3月"))
    assert parsed.values.isna().all()
    assert parsed.bad.tolist() == [True, True, False, True]


def test_numbers() -> None:
    same(
        parse_number(col("1,200", "35人", 12, None, "许多")).values,
        [1200.0, 35.0, 12.0, None, None],
    )


def test_districts() -> None:
    parsed = parse_district(
        col("海淀", "海淀区", "北京市海淀区", " 北京海淀区 ", "北京市海淀区中关村大街1号", "朝阳")
    )
    assert parsed.values.tolist() == ["海淀区"] * 5 + ["朝阳区"]
    kept = parse_district(col("北京经济技术开发区", "浦东新区", "密云县", None))
    assert kept.values.tolist() == ["北京经济技术开发区", "浦东新区", "密云区", None]


def test_parsed_issues_are_located() -> None:
    spec = TABLES[Table.ENTERPRISES].by_name()["revenue"]
    raw = col(100, "一百万", start=7)
    issues = parsed_issues(raw, parse_money(raw, "万元"), spec, sheet="企业", column="G")
    assert len(issues) == 1
    issue = issues[0]
    assert (issue.sheet, issue.row, issue.column, issue.value) == ("企业", 8, "G", "一百万")
    assert issue.severity == "warning" and "missing" in (issue.action or "")


# --- headers ------------------------------------------------------------------------------


def test_split_unit() -> None:
    assert split_unit("营业收入（万元）") == ("营业收入", "万元")
    assert split_unit("年利率(%)") == ("年利率", "%")
    assert split_unit("营业收入（单位：亿元）") == ("营业收入", "亿元")
    assert split_unit("企业名称") == ("企业名称", None)


def test_map_headers() -> None:
    headers = ["序号", "信用代码", "公司名称", "营业收入（万元）", "是否高新技术企业", None,
               "专精特新小巨人企业", "Listing status", "企业名称"]  # fmt: skip
    mapping = map_headers(headers, Table.ENTERPRISES)
    names = {i: (m.field.name, m.unit) for i, m in mapping.items()}
    assert names == {
        1: ("uscc", None),
        2: ("name", None),
        3: ("revenue", "万元"),
        4: ("q_high_tech", None),
        6: ("q_little_giant", None),
        7: ("listing_status", None),
    }  # column 8 names `name` again: the first column wins


def test_find_header_row_skips_titles() -> None:
    rows = [
        ("XX银行科技金融部客户台账",),
        ("数据截至2025年9月30日",),
        ("统一社会信用代码", "企业名称"),
    ]
    assert find_header_row(rows, Table.ENTERPRISES) == (2, rows[2])


# --- reader -------------------------------------------------------------------------------


def write_book(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


ENT_HEADER = ["统一社会信用代码", "企业名称", "注册区", "营业收入（万元）", "高新技术企业",
              "科技型中小企业", "成立日期", "上市状态"]  # fmt: skip
TITLES: list[list[object]] = [["XX银行科技金融部客户台账"], ["数据截至2025年9月30日"]]


def template(path: Path, **overrides: list[list[object]]) -> Path:
    sheets: dict[str, list[list[object]]] = {
        "企业": [
            *TITLES,
            ENT_HEADER,
            [
                CODE_A,
                "示例甲科技有限公司",
                "海淀",
                1234.5678,
                "是",
                None,
                dt.datetime(2016, 5, 4),
                "未上市",
            ],
            [
                f" {CODE_B.lower()} ",
                "示例乙科技有限公司",
                "北京市朝阳区",
                "—",
                "否",
                "√",
                "2018/7/9",
                "A股上市",
            ],
            [BAD_CODE, "示例丙（虚构）有限公司", None, "2亿", "N", "N", 20200102, None],
            [CODE_A, "示例甲科技有限公司（重复）", "海淀区", 1, "是", None, None, None],
            [None, None, None, None, None, None, None, None],
            ["合计", None, None, 3000, None, None, None, None],
        ],
        "贷款": [
            *TITLES,
            [
                "贷款编号",
                "统一社会信用代码",
                "企业名称",
                "贷款金额（万元）",
                "年利率（%）",
                "放款日期",
                "担保方式",
                "实付利息（元）",
            ],
            ["L1", CODE_A, "示例甲", 500, 3.85, "2024-03-01", "知识产权质押", "12,345.67"],
            ["L2", CODE_B, "示例乙", "300万", "4.2%", 45352, "专利质押", None],
            ["L3", make_uscc("91110108000000999"), "不存在", 100, 3.5, "2024-01-01", "信用", 1],
            ["L1", CODE_A, "示例甲", 1, 1, "2024-01-01", "信用", 1],
        ],
        "上市并购事件": [
            [
                "事件编号",
                "统一社会信用代码",
                "事件类型",
                "事件日期",
                "中介费用（万元）",
                "并表至海淀区",
            ],
            ["E1", CODE_A, "新三板挂牌", "2024年9月12日", 68, None],
            [None, CODE_B, "并购并表", "2025.4.16", "", "是"],
        ],
    }
    sheets.update(overrides)
    return write_book(path, {k: v for k, v in sheets.items() if v})


def test_reader_template(tmp_path: Path) -> None:
    path = template(tmp_path / "ledger.xlsx")
    portfolio = read_portfolio(path)
    ent = portfolio.enterprises
    assert ent["uscc"].tolist() == [CODE_A, CODE_B, BAD_CODE]
    assert ent["district"].tolist() == ["海淀区", "朝阳区", None]
    assert ent["revenue"].tolist()[0] == 12_345_678.0
    assert math.isnan(ent["revenue"].tolist()[1]) and ent["revenue"].tolist()[2] == 2e8
    assert ent["q_high_tech"].tolist() == [True, False, False]
    assert ent["q_tech_sme"].isna().tolist() == [True, False, False]
    assert ent["founded"].tolist() == [pd.Timestamp(2016, 5, 4), pd.Timestamp(2018, 7, 9),
                                       pd.Timestamp(2020, 1, 2)]  # fmt: skip
    assert ent["listing_status"].tolist() == ["未上市", "境内上市", None]
    loans = portfolio.loans
    assert loans["loan_id"].tolist() == ["L1", "L2"]
    assert loans["amount"].tolist() == [5_000_000.0, 3_000_000.0]
    assert loans["rate"].tolist() == [0.0385, 0.042]
    assert loans["collateral"].tolist() == ["知识产权质押", "知识产权质押"]
    assert loans["interest_paid"].tolist()[0] == 12_345.67
    assert loans["start_date"].tolist() == [pd.Timestamp(2024, 3, 1)] * 2
    events = portfolio.events
    assert events["event_id"].tolist() == ["E1", "上市并购事件!R3"]  # blank id: sheet and row
    assert events["fee_paid"].tolist()[0] == 680_000.0 and math.isnan(events["fee_paid"][1])
    assert events["consolidated_haidian"].isna().tolist() == [True, False]
    assert portfolio.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert portfolio.source == path

    issues = {(i.sheet, i.row, i.severity): i for i in portfolio.issues}
    bad = issues[("企业", 6, "error")]
    assert bad.column == "A" and bad.value == BAD_CODE and "flagged" in (bad.action or "")
    duplicate = issues[("企业", 7, "warning")]
    assert "dropped" in (duplicate.action or "") and "4" in duplicate.message
    assert ("企业", 9, "info") in issues  # 合计 row skipped
    assert issues[("贷款", 6, "warning")].value == make_uscc("91110108000000999")  # orphan
    assert "dropped" in (issues[("贷款", 7, "warning")].action or "")  # duplicate loan id


def test_dtypes_are_conformed(tmp_path: Path) -> None:
    portfolio = read_portfolio(template(tmp_path / "ledger.xlsx"))
    assert str(portfolio.enterprises["revenue"].dtype) == "float64"
    assert str(portfolio.enterprises["q_high_tech"].dtype) == "boolean"
    assert str(portfolio.loans["start_date"].dtype) == "datetime64[ns]"
    assert portfolio.enterprises["name"].dtype == object
    for table in Table:
        columns = [f.name for f in TABLES[table].fields]
        assert list(portfolio.table(table).columns) == columns


def test_optional_sheets_absent(tmp_path: Path) -> None:
    portfolio = read_portfolio(template(tmp_path / "only.xlsx", 贷款=[], 上市并购事件=[]))
    assert len(portfolio.enterprises) == 3
    assert portfolio.loans.empty and "loan_id" in portfolio.loans.columns
    assert portfolio.events.empty and "fee_paid" in portfolio.events.columns


def test_sheet_found_by_columns_when_named_otherwise(tmp_path: Path) -> None:
    path = write_book(
        tmp_path / "sheet1.xlsx",
        {"Sheet1": [["Unified social credit code", "Enterprise name", "Revenue"],
                    [CODE_A, "Demo 示例 Ltd", 10]]},
    )  # fmt: skip
    portfolio = read_portfolio(path)
    assert portfolio.enterprises["name"].tolist() == ["Demo 示例 Ltd"]
    assert portfolio.enterprises["revenue"].tolist() == [10.0]


@pytest.mark.parametrize(
    ("sheet", "rows", "missing"),
    [
        ("企业", [*TITLES, ["统一社会信用代码", "注册区", "营业收入（万元）"]], "企业名称"),
    ],
)
def test_missing_required_column(
    tmp_path: Path, sheet: str, rows: list[list[object]], missing: str
) -> None:
    path = template(tmp_path / "bad.xlsx", **{sheet: rows})
    with pytest.raises(InputFileError) as caught:
        read_portfolio(path)
    error = caught.value
    assert error.location.sheet == sheet and error.location.column == missing
    assert error.location.file == "bad.xlsx"
    assert sheet in str(error) and missing in str(error)


def test_loans_without_an_id_column_are_numbered_by_sheet_and_row(tmp_path: Path) -> None:
    rows = [["统一社会信用代码", "贷款金额（万元）", "年利率（%）"], [CODE_A, 500, 3.85],
            [CODE_B, 300, 4.2]]  # fmt: skip
    result = read_workbook(template(tmp_path / "noid.xlsx", 贷款=rows))
    assert result.portfolio.loans["loan_id"].tolist() == ["贷款!R2", "贷款!R3"]
    notes = [i for i in result.portfolio.issues if i.sheet == "贷款" and "编号" in i.message]
    assert len(notes) == 1 and "numbered by sheet and row" in (notes[0].action or "")


def test_unsupported_money_unit(tmp_path: Path) -> None:
    """An unknown unit no longer aborts the file: the column is missing and flagged."""
    rows = [["统一社会信用代码", "企业名称", "营业收入（美元）"], [CODE_A, "示例", 1]]
    portfolio = read_portfolio(template(tmp_path / "usd.xlsx", 企业=rows))
    assert portfolio.enterprises["revenue"].isna().all()
    (flag,) = [i for i in portfolio.issues if i.value == "美元"]
    assert flag.severity == "warning" and flag.sheet == "企业" and flag.column == "C"
    assert "美元" in flag.message and flag.action == "此列视为缺失 / column treated as missing"


def test_corrupt_files(tmp_path: Path) -> None:
    good = template(tmp_path / "good.xlsx").read_bytes()
    cases = {
        "text.xlsx": "这不是工作簿".encode(),
        "truncated.xlsx": good[: len(good) // 2],
        "empty.xlsx": b"",
        "legacy.xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512,
        "image.png": b"\x89PNG\r\n\x1a\n" + b"\0" * 64,
    }
    for name, data in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(InputFileError) as caught:
            read_portfolio(path)
        assert caught.value.location.file == name
        assert any("\u4e00" <= ch <= "\u9fff" for ch in str(caught.value))  # Chinese
        assert any(ch.isascii() and ch.isalpha() for ch in str(caught.value))  # and English


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="does not exist"):
        read_portfolio(tmp_path / "nope.xlsx")


def test_empty_workbook(tmp_path: Path) -> None:
    path = tmp_path / "blank.xlsx"
    Workbook().save(path)
    with pytest.raises(InputFileError, match="no data"):
        read_portfolio(path)
    empty_sheet = write_book(tmp_path / "empty_sheet.xlsx", {"企业": []})
    with pytest.raises(InputFileError, match="empty"):
        read_portfolio(empty_sheet)
    header_only = write_book(tmp_path / "header.xlsx", {"企业": [ENT_HEADER]})
    with pytest.raises(InputFileError, match="no data rows"):
        read_portfolio(header_only)


@pytest.mark.parametrize("encoding", ["gb18030", "utf-8", "utf-8-sig"])
def test_csv_encodings(tmp_path: Path, encoding: str) -> None:
    text = (
        "统一社会信用代码,企业名称,注册区,营业收入（万元）,高新技术企业\n"
        f'{CODE_A},示例甲科技有限公司,海淀,"1,234.5",是\n'
        f"{CODE_B},示例乙科技有限公司,北京市昌平区,,否\n"
    )
    path = tmp_path / "ledger.csv"
    path.write_bytes(text.encode(encoding))
    portfolio = read_portfolio(path)
    ent = portfolio.enterprises
    assert ent["name"].tolist() == ["示例甲科技有限公司", "示例乙科技有限公司"]
    assert ent["district"].tolist() == ["海淀区", "昌平区"]
    assert ent["revenue"].tolist()[0] == 12_345_000.0 and math.isnan(ent["revenue"][1])
    assert ent["q_high_tech"].tolist() == [True, False]
    assert portfolio.loans.empty and portfolio.events.empty


def test_csv_undecodable(tmp_path: Path) -> None:
    path = tmp_path / "bin.csv"
    path.write_bytes(b"\xff\xfe\x00\x81\x30\xff" * 10)
    with pytest.raises(InputFileError):
        read_portfolio(path)


def test_input_is_not_modified(tmp_path: Path) -> None:
    path = template(tmp_path / "ledger.xlsx")
    before = path.read_bytes()
    stat = path.stat()
    read_portfolio(path)
    assert path.read_bytes() == before
    assert path.stat().st_mtime_ns == stat.st_mtime_ns
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ledger.xlsx"]  # no lock/temp files


def test_progress_and_cancel(tmp_path: Path) -> None:
    path = template(tmp_path / "ledger.xlsx")
    seen: list[float] = []
    read_portfolio(path, progress=seen.append, should_cancel=lambda: False)
    assert seen[0] == 0.0 and seen[-1] == 1.0
    assert seen == sorted(seen)
    with pytest.raises(CancelledError):
        read_portfolio(path, should_cancel=lambda: True)
    calls: list[int] = []

    def later() -> bool:
        calls.append(1)
        return len(calls) > 3

    with pytest.raises(CancelledError):
        read_portfolio(path, should_cancel=later)


def test_unreadable_cells_become_issues(tmp_path: Path) -> None:
    rows = [ENT_HEADER, [CODE_A, "示例甲", "海淀区", "很多", "也许", None, "去年", "未上市"]]
    portfolio = read_portfolio(template(tmp_path / "x.xlsx", 企业=rows))
    located = {
        (i.row, i.column): i
        for i in portfolio.issues
        if i.severity == "warning" and i.sheet == "企业"
    }
    assert set(located) == {(2, "D"), (2, "E"), (2, "G")}
    assert located[(2, "D")].value == "很多"
    assert math.isnan(portfolio.enterprises["revenue"][0])


def test_no_qt_import() -> None:
    code = (
        "import sys, desktop.spreadsheet, desktop.spreadsheet.reader;"
        "assert not [m for m in sys.modules if m.startswith('PySide6')]"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO)

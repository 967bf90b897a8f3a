"""Districts from every source an export gives: 注册区, 注册地址, the credit code.

An unknown district is missing (so a district condition says 待补, never a wrong 不符合);
a blank one is filled from the address, else from characters 3–8 of the credit code, and
every inferred value and every disagreement between sources is reported with its location.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook

from desktop.core.engine import evaluate_portfolio
from desktop.core.outcomes import ELIGIBLE, INELIGIBLE, UNKNOWN
from desktop.spreadsheet.place_checks import (
    ADDRESS_DIFFERS,
    FROM_ADDRESS,
    FROM_USCC,
    PER_ROW,
    USCC_DIFFERS,
)
from desktop.spreadsheet.reader import read_workbook
from desktop.spreadsheet.uscc import make_uscc

XINGAN = make_uscc("91360824MA0000001")  # 360824 = 吉安市新干县
XINGAN_2 = make_uscc("91360824MA0000002")
HAIDIAN = make_uscc("91110108MA0000003")  # 110108 = 北京市海淀区
JIANGXI_ONLY = make_uscc("91360800MA0000004")  # 360800 = 吉安市 (city level)
UNKNOWN_CODE = make_uscc("91999999MA0000005")
BAD = "91360824MA00000060"  # wrong check character


def _book(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "企业名单"
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_blank_districts_are_filled_and_disagreements_reported(tmp_path: Path) -> None:
    path = _book(
        tmp_path / "名单.xlsx",
        ["统一社会信用代码", "企业名称", "注册区", "注册地址"],
        [
            [XINGAN, "甲", None, "江西省吉安市新干县金川镇工业园1号"],  # row 2: from the address
            [XINGAN_2, "乙", None, None],  # row 3: from the credit code
            [HAIDIAN, "丙", "某地", None],  # row 4: unknown → missing, then from the code
            [make_uscc("91360824MA0000007"), "丁", "海淀区", None],  # row 5: code in 江西
            [make_uscc("91110108MA0000008"),
             "戊", "海淀区", "北京市朝阳区建国路1号"],  # row 6: address in 朝阳
            [BAD, "己", None, None],  # row 7: bad code says nothing
            [JIANGXI_ONLY, "庚", None, None],  # row 8: a city-level code gives no district
        ],
    )  # fmt: skip
    result = read_workbook(path)
    ent = result.portfolio.enterprises.set_index("name")
    assert ent.loc["甲", "district"] == "新干县"
    assert ent.loc["乙", "district"] == "新干县"
    assert ent.loc["丙", "district"] == "海淀区"
    assert ent.loc["丁", "district"] == "海淀区"  # kept: the enterprise may have moved
    assert ent.loc["戊", "district"] == "海淀区"
    assert ent.loc["己", "district"] is None
    assert ent.loc["庚", "district"] is None

    issues = result.portfolio.issues
    where = {(i.message, i.row, i.column) for i in issues}
    assert (FROM_ADDRESS, 2, "D") in where
    assert (FROM_USCC, 3, "A") in where
    assert (FROM_USCC, 4, "A") in where
    assert (USCC_DIFFERS, 5, "C") in where
    assert (ADDRESS_DIFFERS, 6, "C") in where
    unknown = [i for i in issues if i.row == 4 and i.column == "C" and i.severity == "warning"]
    assert unknown and unknown[0].value == "某地" and "区县" in unknown[0].message
    assert all(i.sheet == "企业名单" for i in issues if i.row in (2, 3, 4, 5, 6))


def test_no_district_column_reads_the_credit_code_with_one_note(tmp_path: Path) -> None:
    path = _book(
        tmp_path / "名单.xlsx",
        ["统一社会信用代码", "企业名称"],
        [[XINGAN, "甲"], [HAIDIAN, "乙"], [UNKNOWN_CODE, "丙"]],
    )
    result = read_workbook(path)
    assert result.portfolio.enterprises["district"].tolist() == ["新干县", "海淀区", None]
    notes = [i for i in result.portfolio.issues if "无注册区列" in i.message]
    assert len(notes) == 1 and "2 家企业" in notes[0].message and notes[0].column == "A"


def test_many_inferred_rows_are_summarised_after_the_first_ones(tmp_path: Path) -> None:
    rows = [[make_uscc(f"91360824MA{n:07d}"), f"企业{n}", None] for n in range(PER_ROW + 7)]
    result = read_workbook(
        _book(tmp_path / "多.xlsx", ["统一社会信用代码", "企业名称", "注册区"], rows)
    )
    inferred = [i for i in result.portfolio.issues if i.message.startswith(FROM_USCC)]
    assert len(inferred) == PER_ROW + 1
    assert "另有 7 行" in inferred[-1].message and inferred[-1].row is None


def test_an_unplaceable_district_is_pending_not_ineligible(tmp_path: Path, catalogue) -> None:
    """新干县's measure: 新干县 → decided; an unknown place with no code → 待补, not 不符合."""
    loans = ["贷款编号", "统一社会信用代码", "贷款金额（万元）", "放款日期", "到期日期", "担保方式"]
    book = Workbook()
    ent = book.active
    ent.title = "企业"
    ent.append(["统一社会信用代码", "企业名称", "注册区"])
    ent.append([XINGAN, "甲", "新干"])
    ent.append([BAD, "乙", "某某新区"])
    ent.append([HAIDIAN, "丙", "海淀"])
    sheet = book.create_sheet("贷款")
    sheet.append(loans)
    for n, code in enumerate((XINGAN, BAD, HAIDIAN)):
        sheet.append(
            [f"L{n}", code, 100, dt.datetime(2025, 1, 10), dt.datetime(2026, 1, 9), "知识产权质押"]
        )
    path = tmp_path / "吉安.xlsx"
    book.save(path)
    portfolio = read_workbook(path).portfolio
    ev = evaluate_portfolio(portfolio, catalogue, as_of=dt.date(2025, 6, 30))
    frame = ev.outcomes["jian-xingan-ip.1"].enterprise
    by_name = dict(zip(portfolio.enterprises["name"], frame["status"], strict=True))
    assert by_name["丙"] == INELIGIBLE
    assert by_name["乙"] == UNKNOWN
    assert by_name["甲"] == ELIGIBLE


def test_a_code_outside_the_city_given_is_not_used(tmp_path: Path) -> None:
    """ "When nothing else is given": a city in the file beats the code's authority, so a
    Shanghai enterprise with a Beijing-registered code stays 待补, never 海淀区."""
    path = _book(
        tmp_path / "名单.xlsx",
        ["统一社会信用代码", "企业名称", "所在城市", "注册区"],
        [
            [HAIDIAN, "甲", "上海市", None],  # row 2: code in Beijing, city Shanghai
            [XINGAN, "乙", "吉安市", None],  # row 3: code inside the city given
            [XINGAN_2, "丙", "北京市", None],  # row 4: code in 江西, city Beijing
        ],
    )
    portfolio = read_workbook(path).portfolio
    assert portfolio.enterprises["district"].tolist() == [None, "新干县", None]
    skipped = [i for i in portfolio.issues if i.action and "缺失" in i.action]
    assert [(i.row, i.column, i.value) for i in skipped] == [(2, "A", HAIDIAN), (4, "A", XINGAN_2)]
    assert "北京市海淀区" in skipped[0].message and "新干县" in skipped[1].message

"""Every sheet of every input gets a verdict and every row is accounted for (issue: import
real exports as they are). Files are generated in tmp_path."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from openpyxl import Workbook

from desktop.cli import main
from desktop.core.portfolio import SheetVerdict
from desktop.spreadsheet.reader import read_workbook
from desktop.spreadsheet.uscc import make_uscc

A = make_uscc("91110108000000901")
B = make_uscc("91110108000000902")
ENTERPRISES = [
    ["统一社会信用代码", "企业名称", "注册区", "营业收入（万元）"],
    [A, "示例甲科技有限公司", "海淀区", 1200],
    [B, "示例乙科技有限公司", "朝阳区", 800],
]
LOANS = [
    ["贷款编号", "统一社会信用代码", "贷款金额（万元）", "年利率（%）", "放款日期"],
    ["L1", A, 500, 3.85, "2024-03-01"],
    ["L2", B, 300, 4.2, "2024-05-01"],
]


def book(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return path


def by_sheet(verdicts: list[SheetVerdict]) -> dict[str | None, SheetVerdict]:
    for verdict in verdicts:  # the invariant holds for every sheet, always
        assert verdict.above + verdict.used + verdict.merged + verdict.dropped == verdict.rows
    return {v.sheet: v for v in verdicts}


def test_sheet_order_and_names_do_not_matter(tmp_path: Path) -> None:
    path = book(tmp_path / "bi.xlsx", {"Sheet1": LOANS, "Sheet2": ENTERPRISES})
    result = read_workbook(path)
    verdicts = by_sheet(result.report.sheets)
    assert verdicts["Sheet1"].role == "loans" and verdicts["Sheet2"].role == "enterprises"
    assert result.portfolio.loans["loan_id"].tolist() == ["L1", "L2"]


def test_instructions_dictionary_summary_and_empty_sheets_say_why(tmp_path: Path) -> None:
    sheets = {
        "填表说明": [["本表用于报送科技型企业贷款情况，请按下列格式填写，金额单位为万元。"],
                 ["请勿修改表头，统一社会信用代码须为18位。"]],
        "示例": [LOANS[0], ["示例", A, 100, 3.5, "2024-01-01"]],
        "代码表": [["代码", "名称"], ["110108", "海淀区"], ["110105", "朝阳区"]],
        "汇总": [["注册区", "企业数", "贷款金额合计（万元）"], ["海淀区", 1, 500]],
        "空白": [],
        "企业": ENTERPRISES,
        "贷款": LOANS,
    }  # fmt: skip
    result = read_workbook(book(tmp_path / "front.xlsx", sheets))
    verdicts = by_sheet(result.report.sheets)
    assert [v.sheet for v in result.report.sheets] == list(sheets)
    assert "说明" in verdicts["填表说明"].reason and verdicts["填表说明"].role == "unused"
    assert "说明" in verdicts["示例"].reason and verdicts["示例"].role == "unused"
    assert "代码表" in verdicts["代码表"].reason
    assert "汇总" in verdicts["汇总"].reason
    assert "空表" in verdicts["空白"].reason
    assert verdicts["贷款"].used == 2 and len(result.portfolio.loans) == 2  # no example row
    assert not result.report.warnings


def test_ledger_beside_an_enterprise_sheet_is_split_and_conflicts_reported(
    tmp_path: Path,
) -> None:
    c = make_uscc("91110108000000903")
    ledger = [
        ["客户名称", "统一社会信用代码", "所属区", "借据号", "贷款金额（万元）", "年利率（%）"],
        ["示例甲科技有限公司", A, "西城区", "L1", 500, 3.85],  # district conflicts
        ["示例丙科技有限公司", c, "丰台区", "L2", 200, 3.9],  # only in the ledger
        ["示例丙科技有限公司", c, "丰台区", "L3", 100, 3.9],
    ]
    result = read_workbook(book(tmp_path / "l.xlsx", {"企业": ENTERPRISES, "台账": ledger}))
    verdicts = by_sheet(result.report.sheets)
    assert verdicts["台账"].role == "enterprises+loans"
    ents = result.portfolio.enterprises.set_index("uscc")
    assert ents.loc[A, "district"] == "海淀区"  # the enterprise sheet wins …
    assert ents.loc[c, "name"] == "示例丙科技有限公司"  # … and the ledger adds its borrowers
    assert len(result.portfolio.loans) == 3
    conflict = [i for i in result.portfolio.issues if "conflicting" in i.message]
    assert len(conflict) == 1 and conflict[0].sheet == "台账" and conflict[0].value == "西城区"


def test_unusable_loan_sheet_warns_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    loans = [["借据号", "贷款金额（万元）", "年利率（%）"], ["L1", 500, 3.85]]  # no credit code
    path = book(tmp_path / "w.xlsx", {"企业": ENTERPRISES, "贷款": loans})
    out = tmp_path / "r.json"
    assert main(["batch", str(path), "--as-of", "2025-12-31", "--json", str(out), "-q"]) == 0
    err = capsys.readouterr().err
    assert "warning" in err and "贷款" in err and "统一社会信用代码" in err
    document = json.loads(out.read_text(encoding="utf-8"))
    sheets = {s["sheet"]: s for s in document["import"]["sheets"]}
    assert sheets["贷款"]["role"] == "unused" and sheets["贷款"]["dropped"] == 2
    assert document["import"]["warnings"]


def test_a_zero_amount_says_why(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """No loans in the input, or enterprises with missing data: the stdout line says so
    beside the 0.00元 instead of showing a bare zero."""
    path = book(tmp_path / "w.xlsx", {"企业": ENTERPRISES})
    assert main(["batch", str(path), "--as-of", "2025-12-31"]) == 0
    lines = capsys.readouterr().out.splitlines()
    ip = next(line for line in lines if line.lstrip().startswith("jjr-2022-190.16 "))
    assert "金额 0.00元 · 按文件规则测算（输入中没有贷款记录" in ip
    pending = [line for line in lines if "待补数据，未计入金额" in line]
    assert all("待补数据    0" not in line for line in pending)


def test_a_csv_pair_and_a_folder_are_read_together(tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    for name, rows in (("enterprises.csv", ENTERPRISES), ("loans.csv", LOANS)):
        text = "\n".join(",".join(str(c) for c in row) for row in rows) + "\n"
        (folder / name).write_text(text, encoding="gb18030" if name == "loans.csv" else "utf-8")
    pair = read_workbook([folder / "loans.csv", folder / "enterprises.csv"])
    assert len(pair.portfolio.enterprises) == 2 and len(pair.portfolio.loans) == 2
    assert {v.file: v.role for v in pair.report.sheets} == {
        "loans.csv": "loans",
        "enterprises.csv": "enterprises",
    }
    whole = read_workbook(folder)
    assert whole.portfolio.loans["loan_id"].tolist() == ["L1", "L2"]
    # Every file is recorded with its own SHA-256 (the JSON's inputs[] and the cover sheet).
    digests = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}
    assert {p.name: d for p, d in whole.portfolio.files} == digests
    assert [p.name for p, _ in pair.portfolio.files] == ["loans.csv", "enterprises.csv"]
    out = tmp_path / "r.json"
    assert main(["batch", str(folder), "--as-of", "2025-12-31", "--json", str(out), "-q"]) == 0
    document = json.loads(out.read_text(encoding="utf-8"))
    assert {Path(i["path"]).name: i["sha256"] for i in document["inputs"]} == digests


def test_rows_dropped_are_counted_by_reason(tmp_path: Path) -> None:
    rows = [["XX银行贷款台账"], ["单位：万元"], *LOANS[:1], LOANS[1], [None] * 5, LOANS[2],
            ["合计", None, 800, None, None], ["注：数据截至2025年9月30日"]]  # fmt: skip
    rows[2] = ["贷款编号", "统一社会信用代码", "贷款金额", "年利率（%）", "放款日期"]
    result = read_workbook(book(tmp_path / "c.xlsx", {"企业": ENTERPRISES, "贷款": rows}))
    verdict = by_sheet(result.report.sheets)["贷款"]
    assert (verdict.rows, verdict.above, verdict.used, verdict.dropped) == (8, 3, 2, 3)
    assert dict(verdict.dropped_by) == {"空行 / blank": 1, "合计行 / total": 1, "备注行 / note": 1}
    assert result.portfolio.loans["amount"].tolist() == [5_000_000.0, 3_000_000.0]  # 单位：万元
    assert str(result.report.data_as_of) == "2025-09-30"


def test_a_loan_sheet_without_credit_codes_joins_by_name(tmp_path: Path) -> None:
    """Loans named by the borrower only: joined to the enterprise sheet by name (spaces and
    full-width brackets aside); a name no enterprise has is dropped with its row, column and
    text, counted in the verdict and warned about."""
    import datetime as dt

    a, b = make_uscc("91110108MA0000001"), make_uscc("91110105MA0000002")
    book = Workbook()
    ent = book.active
    ent.title = "企业"
    ent.append(["统一社会信用代码", "企业名称", "注册区"])
    ent.append([a, "北京甲科技（北京）有限公司", "海淀区"])
    ent.append([b, "北京乙科技有限公司", "朝阳区"])
    loans = book.create_sheet("贷款")
    loans.append(["借款人名称", "贷款金额（万元）", "放款日期", "到期日期", "担保方式"])
    day, end = dt.datetime(2025, 1, 10), dt.datetime(2026, 1, 9)
    loans.append(["北京甲科技(北京)有限公司", 500, day, end, "知识产权质押"])
    loans.append([" 北京乙科技有限公司 ", 300, day, end, "信用"])
    loans.append(["北京丙科技有限公司", 200, day, end, "信用"])
    path = tmp_path / "按名称.xlsx"
    book.save(path)
    result = read_workbook(path)
    loans_read = result.portfolio.loans
    assert loans_read["uscc"].tolist() == [a, b]
    assert loans_read["amount"].tolist() == [5_000_000.0, 3_000_000.0]
    verdict = next(v for v in result.report.sheets if v.sheet == "贷款")
    assert verdict.tables == ("loans",) and "按企业名称关联" in verdict.reason
    assert (verdict.used, verdict.dropped, verdict.above) == (2, 1, 1)
    assert verdict.rows == verdict.above + verdict.used + verdict.merged + verdict.dropped
    missing = [i for i in result.portfolio.issues if i.row == 4 and i.sheet == "贷款"]
    assert [(i.column, i.value) for i in missing] == [("A", "北京丙科技有限公司")]
    assert any("企业名称不在企业表中" in w for w in result.report.warnings)


def test_branch_subtotals_and_a_leftover_example_row_are_dropped_by_reason(
    tmp_path: Path,
) -> None:
    """Subtotal labels such as 北京分行小计 / Grand Total are totals rows; an example row
    left under the header (示例, 填写示例：…) is dropped, and the sheet is still read."""
    c = make_uscc("91110108000000903")
    ents = [*ENTERPRISES[:1], ["示例", "91110108MA00000000", "海淀区", 100], *ENTERPRISES[1:]]
    ents.append([c, "示例丙科技有限公司", "海淀区", 50])
    loans = [LOANS[0], LOANS[1], ["北京分行小计", None, 500], LOANS[2],
             ["海淀区合计", None, 300], ["Grand Total", None, 800]]  # fmt: skip
    result = read_workbook(book(tmp_path / "sub.xlsx", {"企业": ents, "贷款": loans}))
    verdicts = by_sheet(result.report.sheets)
    assert verdicts["企业"].role == "enterprises" and verdicts["企业"].used == 3
    assert dict(verdicts["企业"].dropped_by) == {"示例行 / example row": 1}
    assert dict(verdicts["贷款"].dropped_by) == {"合计行 / total": 3}
    assert result.portfolio.loans["loan_id"].tolist() == ["L1", "L2"]
    assert "示例" not in result.portfolio.enterprises["uscc"].tolist()
    assert not [i for i in result.portfolio.issues if i.severity != "info"]


def test_a_sheet_of_only_example_rows_and_notes_is_instructions(tmp_path: Path) -> None:
    sheets = {
        "企业": ENTERPRISES,
        "贷款格式": [LOANS[0], ["示例1", A, 100, 3.5, "2024-01-01"], ["注：金额单位为万元"]],
    }
    verdicts = by_sheet(read_workbook(book(tmp_path / "ex.xlsx", sheets)).report.sheets)
    assert verdicts["贷款格式"].role == "unused" and "示例" in verdicts["贷款格式"].reason


def test_the_stated_as_of_date_is_the_default_and_every_finding_is_in_the_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A ledger "数据截至2025年9月30日" is evaluated at that date unless --as-of says
    otherwise (stdout says where the date came from); the JSON lists each quality finding
    with its sheet, Excel row, column letter and original text, not only their count."""
    rows = [["XX银行贷款台账"], ["注：数据截至2025年9月30日"], *LOANS[:3]]
    rows[2] = ["贷款编号", "统一社会信用代码", "贷款金额", "年利率（%）", "放款日期"]
    rows[4] = ["L2", B, 300, "四点二", "2024-05-01"]  # a rate nobody can read
    path = book(tmp_path / "d.xlsx", {"企业": ENTERPRISES, "贷款": rows})
    out = tmp_path / "d.json"
    assert main(["batch", str(path), "--json", str(out)]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert "测算基准日 2025-09-30（取自表格“数据截至”" in first
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["as_of"] == "2025-09-30"
    items = document["quality"]["items"]
    assert len(items) == document["quality"]["issues"] > 0
    rate = [i for i in items if i["value"] == "四点二"]
    assert rate and (rate[0]["sheet"], rate[0]["row"], rate[0]["column"]) == ("贷款", 5, "D")
    assert main(["batch", str(path), "--as-of", "2025-12-31", "--json", str(out), "-q"]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["as_of"] == "2025-12-31"


def test_findings_name_their_file_when_several_are_read(tmp_path: Path) -> None:
    """Two CSV files have no sheet names: each finding names its file (the loan sheet's bad
    rate, the enterprise file's district read from the address), and the 数据质量 place
    column shows it."""
    ents = [
        ["统一社会信用代码", "企业名称", "注册地址"],
        [A, "示例甲科技有限公司", "北京市海淀区中关村大街1号"],
    ]
    loans = [LOANS[0], ["L1", A, 500, "四点二", "2024-03-01"]]
    for name, rows in (("企业.csv", ents), ("贷款.csv", loans)):
        text = "\n".join(",".join(str(c) for c in row) for row in rows) + "\n"
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = read_workbook([tmp_path / "企业.csv", tmp_path / "贷款.csv"])
    rate = [i for i in result.portfolio.issues if i.value == "四点二"]
    place = [i for i in result.portfolio.issues if i.value == "北京市海淀区中关村大街1号"]
    assert rate and rate[0].file == "贷款.csv" and rate[0].place(True) == "贷款.csv"
    assert place and place[0].file == "企业.csv"
    assert all(i.file for i in result.portfolio.issues)

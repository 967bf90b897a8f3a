"""Every setting a mapping profile stores, honoured by the reader (headless) and in batch:
sheet roles (or not used), header rows, column units, rate readings, the id column (or
none); the strict loader; the signature of a layout detection cannot read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import Workbook

from desktop.cli import main
from desktop.core.fields import Table
from desktop.errors import InputFileError
from desktop.spreadsheet.mapping import (
    MappingProfile,
    ProfileColumn,
    find_profile,
    load_mapping,
    save_mapping,
)
from desktop.spreadsheet.reader import detect, read_signature, read_workbook
from desktop.spreadsheet.uscc import make_uscc

CODE_A = make_uscc("91110108MA0000001")
CODE_B = make_uscc("91110108MA0000002")


def odd_export(path: Path) -> Path:
    """An enterprise sheet whose header detection cannot find (two title rows, then labels
    no vocabulary knows), and a loan sheet named like instructions."""
    book = Workbook()
    ws = book.active
    ws.title = "客户清单"
    ws.append(["某系统导出", None, None, None])
    ws.append(["导出人：张三", "2025-06-30", None, None])
    ws.append(["甲栏", "乙栏", "丙栏", "丁栏"])
    ws.append([CODE_A, "示例甲科技有限公司", "海淀", 50])
    ws.append([CODE_B, "示例乙科技有限公司", "朝阳", 120])
    loans = book.create_sheet("填表说明")
    loans.append(["借据号", "统一社会信用代码", "贷款金额（元）", "年利率", "合同号X"])
    loans.append(["L1", CODE_A, 3, 0.2, "HT-1"])
    loans.append(["L2", CODE_B, 5, 0.18, "HT-2"])
    book.save(path)
    return path


def odd_profile() -> MappingProfile:
    return MappingProfile(
        name="导出",
        roles={"客户清单": Table.ENTERPRISES, "填表说明": Table.LOANS},
        header_rows={"客户清单": (3,)},
        columns={
            Table.ENTERPRISES: [
                ProfileColumn("甲栏", "uscc"),
                ProfileColumn("乙栏", "name"),
                ProfileColumn("丙栏", "district"),
                ProfileColumn("丁栏", "revenue", "万元"),
            ],
            Table.LOANS: [
                ProfileColumn("贷款金额（元）", "amount", "万元"),
                ProfileColumn("年利率", "rate", None, "percent"),
            ],
        },
    )


def test_without_a_profile_detection_fails_and_detect_still_answers(tmp_path: Path) -> None:
    path = odd_export(tmp_path / "export.xlsx")
    with pytest.raises(InputFileError):
        read_workbook(path)
    found = detect(path)
    assert [v.sheet for v in found.verdicts] == ["客户清单", "填表说明"]
    assert all(v.tables == () for v in found.verdicts)
    assert "说明页" in found.verdicts[1].reason
    assert Table.LOANS in found.mapping.tables  # the sheet that looks like loans, to fix
    assert found.signature  # the unread sheets still identify the layout


def test_role_header_row_unit_and_reading_are_honoured(tmp_path: Path) -> None:
    path = odd_export(tmp_path / "export.xlsx")
    result = read_workbook(path, mapping=odd_profile())
    ents = result.portfolio.enterprises
    assert ents["uscc"].tolist() == [CODE_A, CODE_B]
    assert ents["revenue"].tolist() == [500_000.0, 1_200_000.0]  # 万元 from the profile
    assert ents["district"].tolist() == ["海淀区", "朝阳区"]
    loans = result.portfolio.loans
    assert loans["amount"].tolist() == [30_000.0, 50_000.0]  # 万元 beats the header's 元
    assert loans["rate"].tolist() == pytest.approx([0.002, 0.0018])  # percent figures
    verdicts = {v.sheet: v for v in result.report.sheets}
    assert verdicts["客户清单"].header_rows == (3,) and verdicts["客户清单"].used == 2
    assert verdicts["填表说明"].tables == ("loans",) and verdicts["填表说明"].used == 2


def test_without_the_reading_the_rates_go_by_plausibility(tmp_path: Path) -> None:
    path = odd_export(tmp_path / "export.xlsx")
    profile = odd_profile()
    profile.columns[Table.LOANS][1] = ProfileColumn("年利率", "rate")
    loans = read_workbook(path, mapping=profile).portfolio.loans
    assert loans["rate"].tolist() == pytest.approx([0.2, 0.18])
    profile.columns[Table.LOANS][1] = ProfileColumn("年利率", "rate", None, "fraction")
    loans = read_workbook(path, mapping=profile).portfolio.loans
    assert loans["rate"].tolist() == pytest.approx([0.2, 0.18])


def test_id_column_none_generates_ids_and_a_declared_one_is_used(tmp_path: Path) -> None:
    path = odd_export(tmp_path / "export.xlsx")
    profile = odd_profile()
    profile.ids[Table.LOANS] = None
    result = read_workbook(path, mapping=profile)
    assert result.portfolio.loans["loan_id"].tolist() == ["填表说明!R2", "填表说明!R3"]
    assert any("按工作表和行号编号" in (i.action or "") for i in result.portfolio.issues)
    profile.ids[Table.LOANS] = "合同号X"
    loans = read_workbook(path, mapping=profile).portfolio.loans
    assert loans["loan_id"].tolist() == ["HT-1", "HT-2"]


def test_not_used_overrides_content(tmp_path: Path) -> None:
    path = odd_export(tmp_path / "export.xlsx")
    profile = odd_profile()
    profile.roles["填表说明"] = None
    result = read_workbook(path, mapping=profile)
    assert result.portfolio.loans.empty
    verdict = result.report.sheets[1]
    assert verdict.tables == () and "不使用" in verdict.reason and verdict.dropped == 3


def test_every_setting_survives_save_and_load(tmp_path: Path) -> None:
    profile = odd_profile()
    profile.roles["备注"] = None
    profile.header_rows["贷款"] = (2, 3)
    profile.ids[Table.LOANS] = None
    profile.ids[Table.EVENTS] = "事项编号"
    save_mapping(profile, tmp_path / "p.yaml")
    text = (tmp_path / "p.yaml").read_text(encoding="utf-8")
    assert "role: not_used" in text and "id_column: null" in text and "reading: percent" in text
    loaded = load_mapping(tmp_path / "p.yaml")
    assert loaded.roles == profile.roles
    assert loaded.header_rows == profile.header_rows
    assert loaded.ids == profile.ids
    assert loaded.columns[Table.ENTERPRISES] == profile.columns[Table.ENTERPRISES]
    assert loaded.columns[Table.LOANS] == profile.columns[Table.LOANS]


def test_an_old_profile_file_still_loads(tmp_path: Path) -> None:
    path = tmp_path / "old.yaml"
    path.write_text(
        "policydesk_mapping: 1\nname: 旧方案\ntables:\n  enterprises:\n    sheet: 企业\n"
        "    columns:\n      - {header: 企业名称, field: name}\n"
        "      - {header: 营收, field: revenue, unit: 万元}\n",
        encoding="utf-8",
    )
    profile = load_mapping(path)
    assert profile.roles == {} and profile.header_rows == {} and profile.ids == {}
    assert profile.columns[Table.ENTERPRISES][1] == ProfileColumn("营收", "revenue", "万元")


@pytest.mark.parametrize(
    ("text", "key", "line", "words"),
    [
        ("tables: {}\ncolour: red\n", "colour", 2, "unknown key"),
        ("tables: {}\nsheets:\n  客户: {role: lenders}\n", "sheets.客户.role", 3, "lenders"),
        ("tables: {}\nsheets:\n  客户:\n    header_row: abc\n", "sheets.客户.header_row", 4, "row"),
        ("tables: {}\nsheets:\n  客户: {header_row: [2, 5]}\n", "sheets.客户.header_row", 3, "row"),
        ("tables: {}\nsheets:\n  客户: {roll: loans}\n", "sheets.客户.roll", 3, "unknown key"),
        (
            "tables:\n  loans:\n    columns:\n      - header: 金额\n        field: amount\n"
            "        unit: 美元\n",
            "tables.loans.columns[0].unit",
            6,
            "美元",
        ),
        (
            "tables:\n  loans:\n    columns:\n      - header: 利率\n        field: rate\n"
            "        reading: basis\n",
            "tables.loans.columns[0].reading",
            6,
            "basis",
        ),
        (
            "tables:\n  loans:\n    columns:\n      - header: 金额\n        field: amount\n"
            "        reading: percent\n",
            "tables.loans.columns[0].reading",
            6,
            "rate",
        ),
        ("tables:\n  loans:\n    id_col: 借据号\n", "tables.loans.id_col", 3, "unknown key"),
        ("tables:\n  enterprises:\n    id_column: 代码\n", "tables.enterprises.id_column", 3, "id"),
        ("tables:\n  loans:\n    id_column: [a]\n", "tables.loans.id_column", 3, "text"),
        ("policydesk_mapping: 7\ntables: {}\n", "policydesk_mapping", 1, "version"),
    ],
)
def test_a_bad_profile_names_file_key_and_line(
    tmp_path: Path, text: str, key: str, line: int, words: str
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputFileError) as caught:
        load_mapping(path)
    where = caught.value.location
    assert (where.file, where.key, where.line) == ("bad.yaml", key, line)
    assert words in str(caught.value)


def test_the_profile_is_found_again_for_the_same_layout(tmp_path: Path) -> None:
    """A layout detection cannot read still has a signature; the profile saved for it is
    found for next month's export."""
    folder = tmp_path / "mappings"
    folder.mkdir()
    first = odd_export(tmp_path / "june.xlsx")
    profile = odd_profile()
    profile.signature = read_signature(first)
    save_mapping(profile, folder / "export.yaml")
    later = odd_export(tmp_path / "july.xlsx")
    found = find_profile(read_signature(later), folder)
    assert found is not None and found.name == "导出"
    assert len(read_workbook(later, mapping=found).portfolio.enterprises) == 2


def _batch(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str]:
    try:
        code = main([str(a) for a in argv])
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    return code, capsys.readouterr().err


def test_batch_reads_with_the_profile(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = odd_export(tmp_path / "export.xlsx")
    before = path.read_bytes()
    profile_path = tmp_path / "profile.yaml"
    save_mapping(odd_profile(), profile_path)
    code, err = _batch(capsys, "batch", "-q", path)
    assert code == 2 and "no enterprise sheet" in err  # detection alone cannot read it
    out = tmp_path / "out.json"
    code, err = _batch(capsys, "batch", "-q", path, "--mapping", profile_path, "--json", out)
    assert code == 0, err
    document = json.loads(out.read_text(encoding="utf-8"))
    assert {e["uscc"] for e in document["enterprises"]} == {CODE_A, CODE_B}
    sheets = {s["sheet"]: s for s in document["import"]["sheets"]}
    assert sheets["填表说明"]["tables"] == ["loans"]
    assert path.read_bytes() == before  # the input is never written


def test_batch_with_a_bad_profile_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = odd_export(tmp_path / "export.xlsx")
    bad = tmp_path / "bad.yaml"
    bad.write_text("tables: {}\nsheets:\n  客户清单: {role: lender}\n", encoding="utf-8")
    code, err = _batch(capsys, "batch", "-q", path, "--mapping", bad)
    assert code == 2
    line = err.strip().splitlines()[0]
    assert "bad.yaml" in line and "line 3" in line and "sheets.客户清单.role" in line
    assert "Traceback" not in err

"""One small messy ledger in every supported format, read to the same frames and the same
quality report: two title rows, a two-row header whose parent cells span their children
("企业信息" over 信用代码 / 名称 / 所属区), 万元 amounts ("500万", "—"), 是/否-style flags
(one unreadable), a bad credit code, a totals row and notes below the data.
Every file is generated here into tmp_path."""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
import xlsxwriter
from test_spreadsheet_formats import write_ods

from desktop.spreadsheet.reader import read_portfolio
from desktop.spreadsheet.uscc import make_uscc

CODE_A = make_uscc("91110108000000901")
CODE_B = make_uscc("01110108000000902")  # a leading zero that must survive every format
CODE_C = make_uscc("91110105000000903")
BAD = CODE_C[:-1] + ("0" if CODE_C[-1] != "0" else "1")
FOUNDED = dt.datetime(2015, 6, 1)

TITLES = [["XX银行科技金融部客户台账"], ["数据截至2025年9月30日"]]
PARENTS = ["序号", "企业信息", None, None, "经营数据（万元）", None, "资质", None, "成立日期"]
CHILDREN = [None, "信用代码", "企业名称", "所属区", "营业收入", "研发费用", "高新技术企业",
            "专精特新中小企业", None]  # fmt: skip
BODY: list[list[object]] = [
    [1, CODE_A, "示例甲科技有限公司", "海淀", 1234.5, "500万", "是", "否", FOUNDED],
    [2, CODE_B, "示例乙科技有限公司", "北京市朝阳区", "2,000", "—", "Y", "√", "2015-06-01"],
    [3, BAD, "示例丙科技有限公司", "大兴区", None, 80, "不确定", "×", "2015年6月1日"],
    ["合计", None, None, None, 3234.5, 580, None, None, None],
]
NOTES = [["注：金额单位为万元。"], ["制表人：张三"]]
ROWS = [*TITLES, PARENTS, CHILDREN, *BODY, *NOTES]


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def write_xlsx(path: Path) -> Path:
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("企业")
    dates = book.add_format({"num_format": "yyyy-mm-dd"})
    for r, row in enumerate(ROWS):
        for c, value in enumerate(row):
            if isinstance(value, dt.datetime):
                sheet.write_datetime(r, c, value, dates)
            elif value is not None:
                sheet.write(r, c, value)
    sheet.merge_range(2, 1, 2, 3, "企业信息")
    sheet.merge_range(2, 4, 2, 5, "经营数据（万元）")
    sheet.merge_range(2, 6, 2, 7, "资质")
    sheet.merge_range(2, 0, 3, 0, "序号")
    sheet.merge_range(2, 8, 3, 8, "成立日期")
    book.close()
    return path


def write_xlsm(path: Path) -> Path:
    """The .xlsx package declared macro-enabled (what Excel writes for .xlsm)."""
    plain = write_xlsx(path.with_suffix(".xlsx"))
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "[Content_Types].xml":
                data = data.replace(
                    b"spreadsheetml.sheet.main+xml", b"ms-excel.sheet.macroEnabled.main+xml"
                )
                assert b"macroEnabled" in data
            target.writestr(item, data)
    return path


def write_csv(encoding: str) -> Callable[[Path], Path]:
    def write(path: Path) -> Path:
        lines = [",".join(_quoted(_text(v)) for v in row) for row in ROWS]
        text = "\r\n".join(lines) + "\r\n"
        data = text.encode("utf-16") if encoding == "utf-16" else text.encode(encoding)
        path.write_bytes(data)
        return path

    return write


def _quoted(text: str) -> str:
    return f'"{text}"' if "," in text else text


def write_ods_file(path: Path) -> Path:
    rows = [[_text(v) if isinstance(v, dt.datetime) else v for v in row] for row in ROWS]
    return write_ods(path, {"企业": rows})


FORMATS: dict[str, tuple[str, Callable[[Path], Path]]] = {
    "xlsx": (".xlsx", write_xlsx),
    "xlsm": (".xlsm", write_xlsm),
    "csv-utf8": (".csv", write_csv("utf-8")),
    "csv-utf8-bom": (".csv", write_csv("utf-8-sig")),
    "csv-gb18030": (".csv", write_csv("gb18030")),
    "csv-utf16": (".csv", write_csv("utf-16")),
    "ods": (".ods", write_ods_file),
}


def _report(portfolio: object) -> list[tuple[object, ...]]:
    """The quality report without the sheet name (a CSV has none)."""
    return [
        (i.severity, i.row, i.column, i.message, i.value, i.action)
        for i in portfolio.issues  # type: ignore[attr-defined]
    ]


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> object:
    return read_portfolio(write_xlsx(tmp_path_factory.mktemp("ref") / "ledger.xlsx"))


def test_reference_reading(reference: object) -> None:
    ent = reference.enterprises  # type: ignore[attr-defined]
    assert ent["uscc"].tolist() == [CODE_A, CODE_B, BAD]
    assert ent["name"].tolist() == [
        "示例甲科技有限公司",
        "示例乙科技有限公司",
        "示例丙科技有限公司",
    ]
    assert ent["district"].tolist() == ["海淀区", "朝阳区", "大兴区"]
    assert ent["revenue"].tolist()[:2] == [12_345_000.0, 20_000_000.0]
    assert pd.isna(ent["revenue"].iloc[2])  # blank stays missing, never zero
    assert ent["rd_expense"].tolist()[0::2] == [5_000_000.0, 800_000.0]
    assert pd.isna(ent["rd_expense"].iloc[1])  # "—"
    assert ent["q_high_tech"].tolist()[:2] == [True, True]
    assert pd.isna(ent["q_high_tech"].iloc[2])  # 不确定
    assert ent["q_srdi_sme"].tolist() == [False, True, False]
    assert ent["founded"].tolist() == [pd.Timestamp(FOUNDED)] * 3
    report = _report(reference)
    kinds = sorted((severity, row) for severity, row, *_ in report)
    # 序号 not a field (info, header row 4), the totals row 8 and two notes (info), 不确定
    # (warning) and the bad code (error) in row 7.
    assert kinds == [
        ("error", 7), ("info", 4), ("info", 8), ("info", 9), ("info", 10), ("warning", 7)
    ]  # fmt: skip


@pytest.mark.parametrize("name", list(FORMATS))
def test_every_format_reads_alike(tmp_path: Path, reference: object, name: str) -> None:
    suffix, writer = FORMATS[name]
    path = writer(tmp_path / f"ledger{suffix}")
    before = path.read_bytes()
    portfolio = read_portfolio(path)
    assert path.read_bytes() == before
    pd.testing.assert_frame_equal(portfolio.enterprises, reference.enterprises)  # type: ignore[attr-defined]
    assert _report(portfolio) == _report(reference)


def test_legacy_xls() -> None:
    pytest.importorskip("xlwt", reason="no .xls writer installed (xlwt); calamine reads .xls")

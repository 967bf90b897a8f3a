"""File formats and hostile files: .xlsx via calamine, .ods written by hand, UTF-16 CSV,
password-protected, damaged and bomb-like packages. Every fixture is built here in tmp_path."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from openpyxl import Workbook

from desktop.errors import InputFileError
from desktop.spreadsheet.reader import read_portfolio
from desktop.spreadsheet.uscc import make_uscc

CODE_A = make_uscc("91110108000000901")
CODE_B = make_uscc("91110108000000902")
ZERO_CODE = make_uscc("01110108000000990")  # a leading zero that must survive


def write_xlsx(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def write_ods(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    """A minimal OpenDocument spreadsheet (mimetype, manifest, content.xml), by hand."""

    def cell(value: object) -> str:
        if value is None:
            return "<table:table-cell/>"
        if isinstance(value, int | float) and not isinstance(value, bool):
            return (
                f'<table:table-cell office:value-type="float" office:value="{value}">'
                f"<text:p>{value}</text:p></table:table-cell>"
            )
        return (
            f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}'
            "</text:p></table:table-cell>"
        )

    tables = "".join(
        f'<table:table table:name="{escape(name)}">'
        + "".join(
            "<table:table-row>" + "".join(cell(v) for v in row) + "</table:table-row>"
            for row in rows
        )
        + "</table:table>"
        for name, rows in sheets.items()
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f"<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
        ' manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as package:
        package.writestr(
            "mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED
        )
        package.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        package.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return path


LEDGER: dict[str, list[list[object]]] = {
    "企业": [
        ["XX银行科技金融部客户台账"],
        ["统一社会信用代码", "企业名称", "注册区", "营业收入（万元）", "高新技术企业"],
        [CODE_A, "示例甲科技有限公司", "海淀", 1234.5, "是"],
        [ZERO_CODE, "示例零科技有限公司", "北京市朝阳区", "500万", "否"],
    ],
    "贷款": [
        ["贷款编号", "统一社会信用代码", "贷款金额（万元）", "年利率（%）", "放款日期"],
        ["L1", CODE_A, 500, 3.85, "2024-03-01"],
        [1001, ZERO_CODE, "300", "4.2%", "2024年3月1日"],
    ],
}


@pytest.mark.parametrize("writer", [write_xlsx, write_ods], ids=["xlsx", "ods"])
def test_formats_read_alike(tmp_path: Path, writer: object) -> None:
    suffix = ".xlsx" if writer is write_xlsx else ".ods"
    path = writer(tmp_path / f"ledger{suffix}", LEDGER)  # type: ignore[operator]
    before = path.read_bytes()
    portfolio = read_portfolio(path)
    assert path.read_bytes() == before  # byte-identical after import
    ent = portfolio.enterprises
    assert ent["uscc"].tolist() == [CODE_A, ZERO_CODE]
    assert ent["district"].tolist() == ["海淀区", "朝阳区"]
    assert ent["revenue"].tolist() == [12_345_000.0, 5_000_000.0]
    assert ent["q_high_tech"].tolist() == [True, False]
    loans = portfolio.loans
    assert loans["loan_id"].tolist() == ["L1", "1001"]
    assert loans["amount"].tolist() == [5_000_000.0, 3_000_000.0]
    assert loans["rate"].tolist() == [0.0385, 0.042]
    assert loans["start_date"].dt.strftime("%Y-%m-%d").tolist() == ["2024-03-01"] * 2


def test_legacy_xls_without_writer_is_skipped() -> None:
    pytest.importorskip("xlwt", reason="no .xls writer installed; .xls is read by calamine")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le-bom", "utf-8-sig", "gb18030"])
def test_csv_utf16_and_others(tmp_path: Path, encoding: str) -> None:
    text = f"统一社会信用代码\t企业名称\t注册区\n{ZERO_CODE}\t示例零科技有限公司\t海淀\n"
    if encoding == "utf-16-le-bom":
        data = b"\xff\xfe" + text.encode("utf-16-le")
    else:
        data = text.encode(encoding)
    path = tmp_path / "ledger.txt"
    path.write_bytes(data)
    ent = read_portfolio(path).enterprises
    assert ent["uscc"].tolist() == [ZERO_CODE]
    assert ent["district"].tolist() == ["海淀区"]


def _refused(path: Path, *words: str) -> InputFileError:
    with pytest.raises(InputFileError) as caught:
        read_portfolio(path)
    assert caught.value.location.file == path.name
    for word in words:
        assert word in str(caught.value)
    return caught.value


def test_password_protected(tmp_path: Path) -> None:
    # An encrypted .xlsx is an OLE container with EncryptionInfo / EncryptedPackage streams.
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    entry = "EncryptionInfo".encode("utf-16-le").ljust(64, b"\0") + b"\0" * 64
    path = tmp_path / "locked.xlsx"
    path.write_bytes(header + b"\0" * 512 + entry + b"\0" * 1024)
    _refused(path, "密码", "password")


def test_zip_bomb(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        with package.open("xl/worksheets/sheet1.xml", "w") as part:
            block = b" " * (1024 * 1024)
            for _ in range(300):  # 300 MB of spaces, a few hundred KB packed
                part.write(block)
    path.write_bytes(buffer.getvalue())
    assert path.stat().st_size < 2_000_000
    _refused(path, "zip bomb")


def test_xml_entity_bomb(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "lol.xlsx", LEDGER)
    buffer = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = (
                    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                    b'<!ENTITY lol2 "&lol;&lol;&lol;">]>' + data.split(b"?>", 1)[-1]
                )
            target.writestr(item, data)
    path.write_bytes(buffer.getvalue())
    _refused(path, "XML bomb")


def test_damaged_zip(tmp_path: Path) -> None:
    good = write_xlsx(tmp_path / "good.xlsx", LEDGER).read_bytes()
    path = tmp_path / "cut.xlsx"
    path.write_bytes(good[: len(good) - 200])
    _refused(path, "damaged")
    with zipfile.ZipFile(io.BytesIO(good)) as package:
        entry = package.getinfo("xl/worksheets/sheet1.xml")
    start = entry.header_offset + 30 + len(entry.filename) + len(entry.extra)
    flipped = bytearray(good)
    flipped[start : start + entry.compress_size] = b"\xff" * entry.compress_size
    path.write_bytes(bytes(flipped))
    with pytest.raises(InputFileError):
        read_portfolio(path)


def test_empty_workbook_message(tmp_path: Path) -> None:
    path = tmp_path / "blank.xlsx"
    Workbook().save(path)
    _refused(path, "no data")
    _refused(write_ods(tmp_path / "blank.ods", {"Sheet1": []}), "no data")

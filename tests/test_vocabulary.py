"""The import vocabulary (resources/vocabulary/*.yaml): every spelling maps to its field, every
value word parses as declared, the loader refuses malformed files with file, key and line;
qualification lists fill the flags; size classes fold; traditional characters are folded."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
import xlsxwriter

from desktop.core.fields import TABLES, FieldType, Table
from desktop.core.yamlstrict import load_yaml
from desktop.errors import PolicyFileError
from desktop.spreadsheet.headers import match_header
from desktop.spreadsheet.lists import list_items
from desktop.spreadsheet.reader import read_workbook
from desktop.spreadsheet.text import fold_traditional
from desktop.spreadsheet.uscc import make_uscc
from desktop.spreadsheet.values import (
    money_multiplier,
    parse_category,
    parse_flag,
    parse_money,
    parse_rate,
    rate_unit_known,
)
from desktop.spreadsheet.vocabulary import load_vocabulary, vocabulary, vocabulary_dir

FOLDER = vocabulary_dir()
FIELDS = load_yaml(FOLDER / "fields.yaml").data
VALUES = load_yaml(FOLDER / "values.yaml").data


def _spellings() -> list[tuple[str, str, str]]:
    return [
        (table, field, spelling)
        for table, fields in FIELDS.items()
        for field, spellings in fields.items()
        for spelling in spellings
    ]


# --- every spelling, one case each ------------------------------------------------------------


@pytest.mark.parametrize(("table", "field", "spelling"), _spellings())
def test_every_header_spelling_maps_to_its_field(table: str, field: str, spelling: str) -> None:
    found = match_header(spelling, Table(table))
    assert found is not None and found.field.name == field


@pytest.mark.parametrize(
    ("table", "spelling", "field"),
    [
        ("loans", "本年已收利息", "interest_paid"),
        ("loans", "已付息金额", "interest_paid"),
        ("loans", "Interest Paid", "interest_paid"),
        ("loans", "Loan No.", "loan_id"),
        ("loans", "Value Date", "start_date"),
        ("loans", "Maturity", "end_date"),
        ("enterprises", "所在区", "district"),
        ("enterprises", "行政区划", "district"),
        ("enterprises", "注册地", "district"),
        ("enterprises", "专精特新标志", "q_srdi_sme"),
        ("enterprises", "SRDI", "q_srdi_sme"),
        ("enterprises", "企业资质", "qualifications"),
        ("enterprises", "Certifications", "qualifications"),
    ],
)
def test_the_spellings_the_issue_names(table: str, spelling: str, field: str) -> None:
    found = match_header(spelling, Table(table))
    assert found is not None and found.field.name == field


def test_the_vocabulary_is_cached() -> None:
    assert vocabulary() is vocabulary()


# --- value words, as declared -----------------------------------------------------------------


def _column(*cells: object) -> pd.Series:
    return pd.Series(list(cells), index=range(2, 2 + len(cells)), dtype=object)


@pytest.mark.parametrize("word", VALUES["flags"]["true_words"])
def test_true_words(word: str) -> None:
    assert parse_flag(_column(word)).values.tolist() == [True]


@pytest.mark.parametrize("word", VALUES["flags"]["false_words"])
def test_false_words(word: str) -> None:
    assert parse_flag(_column(word)).values.tolist() == [False]


@pytest.mark.parametrize("word", VALUES["missing"])
def test_missing_words(word: str) -> None:
    parsed = parse_flag(_column(word))
    assert parsed.values.isna().all() and not parsed.bad.any()


@pytest.mark.parametrize(("unit", "multiplier"), VALUES["money"]["units"].items())
def test_money_units(unit: str, multiplier: object) -> None:
    assert money_multiplier(unit) == float(str(multiplier))
    assert parse_money(_column(f"12{unit}")).values.tolist() == [12 * float(str(multiplier))]


@pytest.mark.parametrize(
    ("unit", "multiplier"),
    [
        ("元", 1),
        ("万元", 1e4),
        ("亿元", 1e8),
        ("千元", 1e3),
        ("CNY", 1),
        ("CNY 10k", 1e4),
        ("RMB 10,000", 1e4),
        ("人民币万元", 1e4),
        ("(万)", 1e4),
        ("万元人民币", 1e4),
        ("萬元", 1e4),  # traditional
        *((u, float(str(m))) for u, m in VALUES["money"]["header_scales"].items() if u),
    ],
)
def test_money_header_units(unit: str, multiplier: float) -> None:
    assert money_multiplier(unit) == multiplier


@pytest.mark.parametrize(("unit", "scale"), VALUES["rates"]["header_scales"].items())
def test_rate_header_scales(unit: str, scale: object) -> None:
    assert rate_unit_known(unit)
    assert parse_rate(_column(5), unit).values.round(12).tolist() == [5 * float(str(scale))]


@pytest.mark.parametrize(("unit", "scale"), VALUES["rates"]["cell_units"].items())
def test_rate_cell_units(unit: str, scale: object) -> None:
    assert parse_rate(_column(f"5{unit}")).values.round(12).tolist() == [5 * float(str(scale))]


@pytest.mark.parametrize("unit", VALUES["rates"]["percent_units"] + VALUES["rates"]["annotations"])
def test_rate_units_known(unit: str) -> None:
    assert rate_unit_known(unit)


def _category_cases() -> list[tuple[str, str, str, str]]:
    return [
        (table, field, word, choice)
        for table, fields in VALUES["categories"].items()
        for field, words in fields.items()
        for word, choice in words.items()
    ]


@pytest.mark.parametrize(("table", "field", "word", "choice"), _category_cases())
def test_category_spellings(table: str, field: str, word: str, choice: str) -> None:
    spec = TABLES[Table(table)].by_name()[field]
    parsed = parse_category(_column(word), field, spec.choices, Table(table))
    assert parsed.values.tolist() == [choice] and not parsed.bad.any()


SIZE = TABLES[Table.ENTERPRISES].by_name()["size_class"]


@pytest.mark.parametrize(
    ("written", "size"),
    [
        ("大型", "大型"),
        ("大型企业", "大型"),
        ("中型", "中型"),
        ("小型企业", "小型"),
        ("微型企业", "微型"),
        ("Large", "大型"),
        ("Medium", "中型"),
        ("small", "小型"),
        ("Micro", "微型"),
        ("小型企業", "小型"),  # traditional
    ],
)
def test_size_classes_fold(written: str, size: str) -> None:
    parsed = parse_category(_column(written), "size_class", SIZE.choices, Table.ENTERPRISES)
    assert parsed.values.tolist() == [size] and not parsed.bad.any()


@pytest.mark.parametrize("written", list(VALUES["ambiguous"]["enterprises"]["size_class"]))
def test_ambiguous_sizes_are_missing_with_a_note(written: str) -> None:
    parsed = parse_category(_column(written), "size_class", SIZE.choices, Table.ENTERPRISES)
    assert parsed.values.isna().all() and parsed.bad.all()
    assert any(written in note.message and note.value == written for note in parsed.notes)


def test_unknown_size_is_missing_and_reported() -> None:
    parsed = parse_category(_column("巨型", "小型"), "size_class", SIZE.choices, Table.ENTERPRISES)
    assert parsed.values.tolist()[1] == "小型" and pd.isna(parsed.values.tolist()[0])
    assert parsed.bad.tolist() == [True, False]
    assert parsed.notes and "大型" in parsed.notes[0].message


def test_every_unknown_category_is_missing_and_reported() -> None:
    """ "纯信用" kept as written would make a 信用 condition a wrong 否: it is missing (待补),
    reported at its cell, and the column note lists the known values."""
    spec = TABLES[Table.LOANS].by_name()["collateral"]
    parsed = parse_category(_column("奇怪的方式"), "collateral", spec.choices, Table.LOANS)
    assert parsed.values.tolist() == [None] and parsed.bad.all() and not parsed.assumed.any()
    assert any("知识产权质押" in n.message and n.severity == "warning" for n in parsed.notes)


def test_list_items() -> None:
    assert list_items("高新技术企业、专精特新") == ["高新技术企业", "专精特新"]
    assert list_items("国高新;科小") == ["国高新", "科小"]
    assert list_items("国高新 科小｜SRDI\n小巨人") == ["国高新", "科小", "SRDI", "小巨人"]
    assert list_items("High-tech Enterprise，Tech SME") == ["High-tech Enterprise", "Tech SME"]


@pytest.mark.parametrize(
    ("item", "flag"),
    [(item, flag) for flag, items in VALUES["qualification_items"].items() for item in items],
)
def test_qualification_items(item: str, flag: str) -> None:
    from desktop.spreadsheet.lists import item_flag

    assert item_flag(item) == flag


# --- the loader refuses malformed files -------------------------------------------------------


def _folder(tmp_path: Path, name: str, text: str) -> Path:
    folder = tmp_path / "vocabulary"
    folder.mkdir(exist_ok=True)
    for other in ("fields.yaml", "values.yaml"):
        shutil.copy(FOLDER / other, folder / other)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def _values_with(old: str, new: str) -> str:
    text = (FOLDER / "values.yaml").read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1)


def _line(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


FIELDS_CASES = [
    ("unknown table", "loanz:\n  amount: [金额数]\n", "loanz", "loanz"),
    ("unknown field", "loans:\n  amout: [金额数]\n", "loans.amout", "amout"),
    (
        "two fields",
        "loans:\n  amount:\n    - 钱数\n  rate:\n    - 钱数\n",
        "loans.rate[0]",
        "    - 钱数\n",
    ),
    ("another label", "loans:\n  amount:\n    - 年利率\n", "loans.amount[0]", "年利率"),
    ("empty", 'loans:\n  amount:\n    - "  "\n', "loans.amount[0]", '"  "'),
    ("not text", "loans:\n  amount:\n    - yes\n", "loans.amount[0]", "yes"),
    ("not a list", "loans:\n  amount: 金额数\n", "loans.amount", "金额数"),
    ("empty list", "loans:\n  amount: []\n", "loans.amount", "[]"),
    ("anchor", "loans:\n  amount: &a [金额数]\n  lender: *a\n", None, "&a"),
]


@pytest.mark.parametrize(
    ("case", "text", "key", "needle"), FIELDS_CASES, ids=[c[0] for c in FIELDS_CASES]
)
def test_fields_file_refused(
    tmp_path: Path, case: str, text: str, key: str | None, needle: str
) -> None:
    folder = _folder(tmp_path, "fields.yaml", text)
    with pytest.raises(PolicyFileError) as raised:
        load_vocabulary(folder)
    location = raised.value.location
    assert location.file == str(folder / "fields.yaml")
    lines = [i for i, line in enumerate(text.splitlines(), 1) if needle in line]
    if case == "two fields":
        lines = [5]
    assert location.line in lines
    if key is not None:
        assert location.key == key
    assert str(folder / "fields.yaml") in str(raised.value) and "line" in str(raised.value)


VALUES_CASES = [
    ("unknown section", "\nmissing:\n", "\nmisssing:\n", "misssing", "misssing:"),
    ("unquoted yes", '"yes", "true"', 'yes, "true"', "flags.true_words[2]", "true_words:"),
    ("two meanings", '"有", "对"]', '"有", "对", "无"]', "flags.false_words[10]", "false_words:"),
    ("empty word", '"人民币", "rmb"', '"", "rmb"', "money.currency_words[0]", "currency_words:"),
    ("bad multiplier", '"千元": 1000', '"千元": -5', "money.units.千元", '"千元": -5'),
    ("multiplier text", '"千元": 1000', '"千元": "1000"', "money.units.千元", '"千元": "1000"'),
    (
        "not a choice",
        '"大企业": "大型"',
        '"大企业": "巨型"',
        "categories.enterprises.size_class.大企业",
        "大企业",
    ),
    (
        "unknown field",
        "    collateral:\n",
        "    collaterals:\n",
        "categories.loans.collaterals",
        "collaterals:",
    ),
    (
        "no choices",
        "  events:\n    kind:\n",
        "  events:\n    board:\n",
        "categories.events.board",
        "board:",
    ),
    (
        "unknown table",
        "  loans:\n    collateral:\n",
        "  loanz:\n    collateral:\n",
        "categories.loanz",
        "loanz:",
    ),
    ("not a flag", "  zgc_member: [", "  name: [", "qualification_items.name", "  name: ["),
    ("item twice", '"中关村高新"]', '"科小"]', "qualification_items.zgc_member[0]", '"科小"]'),
    (
        "wrong type",
        'count_suffixes: ["人", "名", "个", "家", "户"]',
        'count_suffixes: {"人": 1}',
        "count_suffixes",
        "count_suffixes:",
    ),
]


@pytest.mark.parametrize(
    ("case", "old", "new", "key", "needle"), VALUES_CASES, ids=[c[0] for c in VALUES_CASES]
)
def test_values_file_refused(
    tmp_path: Path, case: str, old: str, new: str, key: str, needle: str
) -> None:
    text = _values_with(old, new)
    folder = _folder(tmp_path, "values.yaml", text)
    with pytest.raises(PolicyFileError) as raised:
        load_vocabulary(folder)
    location = raised.value.location
    assert location.file == str(folder / "values.yaml")
    assert location.key == key
    assert location.line == _line(text, needle)


def test_the_bundled_vocabulary_loads_from_a_path(tmp_path: Path) -> None:
    shutil.copytree(FOLDER, tmp_path / "copy")
    assert load_vocabulary(tmp_path / "copy").fields == vocabulary().fields


def test_every_flag_field_can_be_listed() -> None:
    flags = {f.name for f in TABLES[Table.ENTERPRISES].fields if f.type == FieldType.FLAG}
    assert set(vocabulary().qualification_items.values()) == flags


# --- workbooks --------------------------------------------------------------------------------

CODES = [make_uscc(f"9111010800000{n:04d}") for n in range(1, 7)]


def _book(path: Path, rows: list[list[object]], sheet: str = "企业") -> Path:
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet(sheet)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is not None:
                ws.write(r, c, value)
    book.close()
    return path


def test_a_qualification_list_fills_the_flags(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["统一社会信用代码", "企业名称", "企业资质", "是否高新技术企业"],
        [CODES[0], "甲", "高新技术企业、专精特新", None],
        [CODES[1], "乙", "国高新;科小", "否"],
        [CODES[2], "丙", "小巨人 / 火星认证", "是"],
        [CODES[3], "丁", None, None],
        [CODES[4], "戊", "无", None],
    ]
    result = read_workbook(_book(tmp_path / "list.xlsx", rows))
    ents = result.portfolio.enterprises.set_index("name")
    assert ents.loc["甲", "q_high_tech"] == True  # noqa: E712
    assert ents.loc["甲", "q_srdi_sme"] == True  # noqa: E712
    assert pd.isna(ents.loc["甲", "q_tech_sme"])  # not listed: unknown, not 否
    assert ents.loc["乙", "q_high_tech"] == False  # noqa: E712  (the column wins)
    assert ents.loc["乙", "q_tech_sme"] == True  # noqa: E712
    assert ents.loc["丙", "q_little_giant"] == True  # noqa: E712
    assert pd.isna(ents.loc["丁", "q_srdi_sme"]) and pd.isna(ents.loc["戊", "q_srdi_sme"])
    issues = result.portfolio.issues
    disagree = [i for i in issues if "column D says no" in i.message]
    assert [(i.sheet, i.row, i.column, i.value) for i in disagree] == [
        ("企业", 3, "C", "国高新;科小")
    ]
    unknown = [i for i in issues if "names no known qualification" in i.message]
    assert [(i.sheet, i.row, i.column, i.value) for i in unknown] == [("企业", 4, "C", "火星认证")]
    notes = [i for i in issues if i.message.startswith("资质列表只列出")]
    assert len(notes) == 1 and notes[0].column == "C" and notes[0].row == 1


def test_an_unknown_list_item_is_reported_without_flooding() -> None:
    """A free-text column read as a list: each unknown item is located for its first rows,
    then counted once — not one warning per row of a 300,000-row ledger."""
    from desktop.spreadsheet.lists import PER_ITEM, qualification_flags

    raw = pd.Series(["火星认证"] * (PER_ITEM + 70), index=range(2, PER_ITEM + 72))
    out = qualification_flags(raw, {}, {}, letter="C", sheet="企业", header_row=1)
    unknown = [i for i in out.issues if "names no known qualification" in i.message]
    assert [i.row for i in unknown[:PER_ITEM]] == list(range(2, PER_ITEM + 2))
    assert len(unknown) == PER_ITEM + 1
    assert unknown[-1].row is None and "70" in unknown[-1].message


SIMPLIFIED = [
    ["统一社会信用代码", "企业名称", "注册区", "是否高新技术企业", "专精特新", "企业规模"],
    [CODES[0], "甲公司", "海淀区", "是", "否", "小型企业"],
    [CODES[1], "乙公司", "朝阳区", "否", "是", "中型"],
]
TRADITIONAL = [
    ["統一社會信用代碼", "企業名稱", "註冊區", "是否高新技術企業", "專精特新", "企業規模"],
    [CODES[0], "甲公司", "海澱區", "是", "否", "小型企業"],
    [CODES[1], "乙公司", "朝陽區", "否", "是", "中型"],
]


def test_traditional_headers_and_values_import_like_simplified(tmp_path: Path) -> None:
    plain = read_workbook(_book(tmp_path / "s.xlsx", SIMPLIFIED)).portfolio.enterprises
    folded = read_workbook(_book(tmp_path / "t.xlsx", TRADITIONAL)).portfolio.enterprises
    columns = ["uscc", "name", "district", "q_high_tech", "q_srdi_sme", "size_class"]
    pd.testing.assert_frame_equal(
        plain[columns].reset_index(drop=True), folded[columns].reset_index(drop=True)
    )
    assert plain["district"].tolist() == ["海淀区", "朝阳区"]
    assert plain["size_class"].tolist() == ["小型", "中型"]


def test_folding_keeps_simplified_text_and_ascii() -> None:
    assert fold_traditional("Loan No.") == "Loan No."
    assert fold_traditional("企業名稱") == "企业名称"
    assert fold_traditional("企业名称") == "企业名称"

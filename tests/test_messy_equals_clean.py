"""A messy bank-style export of the sample gives the same results as the clean template.

The messy workbook holds the same data as `resources/samples/sample_portfolio.xlsx`, written the
way a core banking system or a colleague would: title rows, a two-row header with merged parent
cells, columns in another order, money in 万元, flags as Y/N, dates as 2024年3月1日 text,
districts written with the city, a totals row and a trailing note.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import xlsxwriter

from desktop.core.catalogue import Catalogue
from desktop.core.engine import evaluate_portfolio
from desktop.core.fields import TABLES, FieldType, Table
from desktop.core.jsonout import evaluation_to_json
from desktop.core.portfolio import Portfolio
from desktop.spreadsheet.reader import read_portfolio

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "resources" / "samples" / "sample_portfolio.xlsx"
AS_OF = dt.date(2025, 12, 31)
MONEY_IN_WAN = ("revenue", "total_assets", "amount", "fee_paid", "premium")


def _cell(value: object, kind: FieldType, name: str) -> object:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and value != value:
        return None
    if kind == FieldType.FLAG:
        return "Y" if value else "N"
    if kind == FieldType.DATE:
        day = pd.Timestamp(value)
        return f"{day.year}年{day.month}月{day.day}日"
    if kind == FieldType.RATIO:
        return round(float(value) * 100, 8)  # a percent figure under a "（%）" header
    if kind == FieldType.MONEY and name in MONEY_IN_WAN:
        return float(value) / 10_000  # 万元
    if name == "district" and isinstance(value, str) and value.endswith("区"):
        return f"北京市{value}" if value in ("海淀区", "朝阳区", "昌平区") else value
    return value


def _header(spec_name: str, kind: FieldType, label: str) -> str:
    if kind == FieldType.MONEY:
        return f"{label}（万元）" if spec_name in MONEY_IN_WAN else f"{label}（元）"
    if kind == FieldType.RATIO:
        return f"{label}（%）"
    return label


def write_messy(portfolio: Portfolio, path: Path) -> None:
    book = xlsxwriter.Workbook(
        str(path), {"strings_to_numbers": False, "strings_to_formulas": False}
    )
    merged = book.add_format({"align": "center", "bold": True})
    for table in (Table.ENTERPRISES, Table.LOANS, Table.EVENTS):
        frame = portfolio.table(table)
        spec = TABLES[table]
        fields = [f for f in spec.fields if f.name in frame.columns]
        fields = fields[1:2] + fields[:1] + fields[2:][::-1]  # another column order
        sheet = book.add_worksheet(spec.sheet_names[0])
        sheet.write_string(0, 0, f"某银行科技金融部客户台账（{spec.label_zh}）")
        sheet.write_string(1, 0, "数据截至2025年12月31日 单位：万元")
        # Two-row header: a merged parent over all columns, the field labels below.
        sheet.merge_range(3, 0, 3, len(fields) - 1, f"{spec.label_zh}信息", merged)
        for col, f in enumerate(fields):
            sheet.write_string(4, col, _header(f.name, f.type, f.label_zh))
        for row, record in enumerate(frame.to_dict("records"), start=5):
            for col, f in enumerate(fields):
                value = _cell(record[f.name], f.type, f.name)
                if value is None:
                    continue
                if isinstance(value, str):
                    sheet.write_string(row, col, value)
                else:
                    sheet.write_number(row, col, float(value))  # type: ignore[arg-type]
        last = 5 + len(frame)
        sheet.write_string(last, 0, "合计")
        sheet.write_string(last + 2, 0, "注：本表由核心系统导出，仅供内部测算。")
    book.close()


def outcomes(portfolio: Portfolio, catalogue: Catalogue) -> dict[tuple[str, str], tuple]:
    document = evaluation_to_json(evaluate_portfolio(portfolio, catalogue, as_of=AS_OF))
    return {
        (r["uscc"], r["measure"]): (r["status"], r["amount"], tuple(sorted(r["missing"])))
        for r in document["results"]
    }


def test_messy_export_gives_the_same_results(catalogue: Catalogue, tmp_path: Path) -> None:
    clean = read_portfolio(SAMPLE)
    for table in (
        Table.GUARANTEES,
        Table.INSURANCE,
        Table.LOSSES,
        Table.PROJECTS,
        Table.INVESTMENTS,
    ):
        setattr(clean, table.value, clean.table(table).iloc[0:0])  # only what the messy file has
    messy_path = tmp_path / "客户台账导出.xlsx"
    write_messy(clean, messy_path)
    messy = read_portfolio(messy_path)
    assert len(messy.enterprises) == len(clean.enterprises)
    assert len(messy.loans) == len(clean.loans)
    assert len(messy.events) == len(clean.events)
    expected = outcomes(clean, catalogue)
    got = outcomes(messy, catalogue)
    assert sum(v[0] == "eligible" for v in expected.values()) >= 20  # a real comparison
    assert sum(v[0] == "unknown" for v in expected.values()) >= 5
    different = {k: (expected[k], got.get(k)) for k in expected if got.get(k) != expected[k]}
    assert different == {}
    assert any("合计" in (i.message + (i.value or "")) for i in messy.issues) or any(
        "合计" in (i.action or "") for i in messy.issues
    ), [i.message for i in messy.issues][:5]

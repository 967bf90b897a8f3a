"""Workbook sheets without LibreOffice: split tables, the eligibility matrix, institutions,
text that looks like a formula, and safe writes."""

from __future__ import annotations

import datetime as dt
import re
import sys
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from desktop.core.catalogue import Catalogue, default_catalogue
from desktop.core.engine import evaluate_portfolio
from desktop.core.evaluation import Evaluation
from desktop.core.outcomes import STATUS_LABELS
from desktop.errors import OutputFileError
from desktop.export import workbook as export_workbook
from desktop.export import write_workbook
from desktop.export.xlsxbase import STATUS_COLOURS

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.synthetic import make_portfolio

AS_OF = dt.date(2025, 12, 31)
LIMIT = 16  # rows per sheet, header included
RISKY = ["=1+2", "+86 138", "-5", "@SUM(A1)", "\tTAB公司", "\rCR公司"]


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return default_catalogue()


@pytest.fixture(scope="module")
def evaluation(catalogue: Catalogue) -> Evaluation:
    portfolio = make_portfolio(40)
    names = portfolio.enterprises["name"].astype(object).to_numpy(copy=True)
    names[: len(RISKY)] = RISKY
    portfolio.enterprises["name"] = names
    return evaluate_portfolio(portfolio, catalogue, as_of=AS_OF)


@pytest.fixture(scope="module")
def split_book(evaluation: Evaluation, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("split") / "split.xlsx"
    return write_workbook(evaluation, out, max_rows=LIMIT)


@pytest.fixture(scope="module")
def book(evaluation: Evaluation, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_workbook(evaluation, tmp_path_factory.mktemp("whole") / "whole.xlsx")


def _parts(names: list[str], base: str) -> list[str]:
    return [n for n in names if n == base or re.fullmatch(re.escape(base) + r"\(\d+\)", n)]


def test_split_parts_named_in_order_with_repeated_headers(
    split_book: Path, evaluation: Evaluation
) -> None:
    wb = openpyxl.load_workbook(split_book)
    n = len(evaluation) * len(evaluation.measure_ids)
    results = _parts(wb.sheetnames, "测算结果")
    assert results == ["测算结果"] + [f"测算结果({i})" for i in range(2, len(results) + 1)]
    assert len(results) == -(-n // (LIMIT - 1))
    head = [c.value for c in wb["测算结果"][1]]
    rows = 0
    for name in results:
        ws = wb[name]
        assert [c.value for c in ws[1]] == head
        assert ws.max_row <= LIMIT
        assert ws.freeze_panes == "C2" and ws.print_title_rows == "$1:$1"
        rows += ws.max_row - 1
    assert rows == n
    matrix = _parts(wb.sheetnames, "资格矩阵")
    assert len(matrix) == 3  # 40 enterprises below a legend and a header row
    assert sum(wb[m].max_row - 2 for m in matrix) == len(evaluation)
    for name in matrix:
        assert wb[name]["A2"].value == "统一社会信用代码"
        assert wb[name]["A1"].value == "图例："


def test_cover_states_the_split(split_book: Path, book: Path) -> None:
    cover = {
        r[0]: r[1] for r in openpyxl.load_workbook(split_book)["说明"].iter_rows(values_only=True)
    }
    text = str(cover["分表"])
    assert "测算结果、测算结果(2)" in text and "资格矩阵、资格矩阵(2)" in text
    whole = {r[0]: r[1] for r in openpyxl.load_workbook(book)["说明"].iter_rows(values_only=True)}
    assert str(whole["分表"]).startswith("无")


def test_summary_links_point_at_first_detail_row(split_book: Path) -> None:
    wb = openpyxl.load_workbook(split_book)
    summary = wb["汇总"]
    links = [c for row in summary.iter_rows() for c in row if c.hyperlink is not None]
    assert links
    parts = _parts(wb.sheetnames, "测算明细")
    assert len(parts) >= 2
    on: dict[str, list[str]] = {}
    for name in parts:
        for value in {c.value for c in wb[name]["C"][1:]}:
            on.setdefault(str(value), []).append(name)
    assert any(len(sheets) > 1 for sheets in on.values())  # a measure continues
    for cell in links:
        sheet, ref = cell.hyperlink.location.rsplit("!", 1)
        sheet = sheet.strip("'")
        assert sheet == on[cell.value][0]  # the first part the measure is on
        target = wb[sheet]
        row = int(ref.lstrip("A"))
        assert target.cell(row, 3).value == cell.value  # 措施编号
        assert row == 2 or target.cell(row - 1, 3).value != cell.value
        total = str(summary.cell(cell.row, 6).value)  # SUMIF over every part it is on
        assert all(f"'{name}'!" in total for name in on[cell.value]), total


def test_matrix_one_row_per_enterprise_with_status_colours(
    book: Path, evaluation: Evaluation
) -> None:
    ws = openpyxl.load_workbook(book)["资格矩阵"]
    titles = [c.value for c in ws[2]]
    assert titles[:3] == ["统一社会信用代码", "企业名称", "注册区"]
    assert [str(t).split("\n")[0] for t in titles[3:-1]] == evaluation.measure_ids
    assert titles[-1].startswith("摘要")
    legend = {c.value: c.fill.fgColor.rgb for c in ws[1][1:4]}
    assert set(legend) == set(STATUS_LABELS["zh"].values())
    rows = list(ws.iter_rows(min_row=3))
    assert len(rows) == len(evaluation)
    for ent, row in enumerate(rows):
        assert row[0].value == evaluation.enterprises["uscc"].iloc[ent]
        eligible = 0
        for col, measure_id in enumerate(evaluation.measure_ids, start=3):
            exp = evaluation.explain(ent, measure_id)
            cell = row[col]
            fill = STATUS_COLOURS[exp.status][0].lstrip("#").upper()
            assert cell.fill.fgColor.rgb.endswith(fill)
            if exp.status == "eligible":
                eligible += 1
            if exp.status == "eligible" and exp.amount_fen is not None:
                assert round(Decimal(str(cell.value)) * 100) == exp.amount_fen
                assert cell.number_format == "#,##0.00"
            else:
                assert cell.value == STATUS_LABELS["zh"][exp.status]
        assert str(row[-1].value).startswith(f"符合 {eligible} 项")
    assert ws.freeze_panes == "C3" and ws.auto_filter.ref.startswith("A2:")


def test_institution_totals_equal_engine(catalogue: Catalogue, tmp_path: Path) -> None:
    ev = evaluate_portfolio(make_portfolio(600), catalogue, as_of=AS_OF)
    totals = ev.institution_totals()
    assert not totals.empty
    out = write_workbook(ev, tmp_path / "inst.xlsx")
    ws = openpyxl.load_workbook(out)["机构补偿"]
    head = [c.value for c in ws[1]]
    rows = [dict(zip(head, r, strict=True)) for r in ws.iter_rows(min_row=2, values_only=True)]
    data, total = rows[:-1], rows[-1]
    assert len(data) == len(totals)
    for row, rec in zip(data, totals.itertuples(index=False), strict=True):
        assert (row["机构"], row["措施编号"], row["笔数"]) == (
            rec.institution,
            rec.measure,
            rec.records,
        )
        assert round(Decimal(str(row["金额（元）"])) * 100) == rec.amount_fen
    assert total["机构"] == "合计"
    cached = openpyxl.load_workbook(out, data_only=True)["机构补偿"].cell(ws.max_row, 6).value
    assert round(Decimal(str(cached)) * 100) == int(totals["amount_fen"].sum())


def _text(value: object) -> object:
    # XlsxWriter escapes a carriage return as _x000D_ (as Excel does); openpyxl keeps it.
    return value.replace("_x000D_", "\r") if isinstance(value, str) else value


def test_formula_like_text_is_text(book: Path) -> None:
    wb = openpyxl.load_workbook(book)
    for sheet in ("测算结果", "资格矩阵", "测算明细"):
        cells = [c for row in wb[sheet].iter_rows() for c in row if _text(c.value) in RISKY]
        assert cells or sheet == "测算明细", sheet
        assert all(c.data_type == "s" and c.quotePrefix for c in cells), sheet
    found = {_text(c.value) for c in wb["测算结果"]["B"]}
    assert set(RISKY) <= found


def test_failed_save_keeps_old_file(
    evaluation: Evaluation, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "结果.xlsx"
    target.write_bytes(b"old")

    def fail(self: object) -> None:
        from xlsxwriter.exceptions import FileCreateError

        raise FileCreateError(PermissionError(13, "locked", str(target)))

    monkeypatch.setattr(export_workbook.xlsxwriter.Workbook, "close", fail)
    with pytest.raises(OutputFileError, match="Excel"):
        write_workbook(evaluation, target)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["结果.xlsx"]


def test_english_record_rows_name_the_cap_in_english(evaluation: Evaluation) -> None:
    """记录明细's 封顶依据 / Capped by column follows the workbook's language."""
    from desktop.core.explain import cap_label
    from desktop.export.tables import ITEM_COLUMNS, TableBuilder

    column = next(i for i, c in enumerate(ITEM_COLUMNS) if c.id == "capped_by")
    builders = {lang: TableBuilder(evaluation, lang) for lang in ("zh", "en")}
    seen = 0
    for ent in range(len(evaluation.enterprises)):
        for measure_id in evaluation.measure_ids:
            rows = {
                lang: b.item_rows(ent, evaluation.explain(ent, measure_id, lang))
                for lang, b in builders.items()
            }
            for zh, en in zip(rows["zh"], rows["en"], strict=True):
                if zh[column]:
                    seen += 1
                    outcome = evaluation.outcomes[measure_id]
                    assert en[column] == cap_label(outcome, zh[column], "en")
                    assert not re.search(r"[\u4e00-\u9fff]", en[column]), en[column]
    assert seen, "the sample has capped records"

"""The result workbook and CSV copies: contents equal the engine's, safe text, safe files."""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from desktop import files as export_files
from desktop.core.catalogue import Catalogue, default_catalogue
from desktop.core.engine import evaluate_portfolio
from desktop.core.evaluation import Evaluation
from desktop.core.outcomes import STATUS_LABELS
from desktop.core.portfolio import QualityIssue, from_frames
from desktop.errors import CancelledError, OutputFileError
from desktop.export import write_csv, write_workbook

AS_OF = dt.date(2025, 12, 31)
CENT = Decimal("0.01")
SHEETS = [
    "说明",
    "汇总",
    "资格矩阵",
    "测算结果",
    "测算明细",
    "记录明细",
    "参数",
    "政策依据",
    "机构补偿",
    "机构措施",
    "数据质量",
]
RISKY_NAMES = ["=1+2", "@SUM(A1)", "+8613800000000", "-2+3", '=HYPERLINK("http://x","y")']


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return default_catalogue()


@pytest.fixture(scope="module")
def evaluation(catalogue: Catalogue) -> Evaluation:
    names = ["甲科技有限公司", "乙", "丙", "丁", *RISKY_NAMES]
    n = len(names)
    ent = pd.DataFrame(
        {
            "uscc": [f"U{i:02d}" for i in range(n)],
            "name": names,
            "district": ["海淀区", "朝阳区", None, "海淀区"] + ["海淀区"] * (n - 4),
            "q_high_tech": [True, False, None, True] + [True] * (n - 4),
            "q_tech_sme": [None, False, None, False] + [False] * (n - 4),
            "revenue": [1e7, 5e6, 3e8, None] + [2e7] * (n - 4),
            "listing_status": ["境内上市", "未上市", None, "未上市"] + ["境内上市"] * (n - 4),
        }
    )
    loans = pd.DataFrame(
        {
            "loan_id": ["L1", "L2", "L3", "L4", "L5", "L6"],
            "uscc": ["U00", "U00", "U01", "U02", "U03", "U04"],
            "amount": [1e7, 2e6, 1e6, 1e6, 1e6, 3e6],
            "rate": [0.04, 0.06, 0.035, 0.04, None, 0.041],
            "start_date": pd.to_datetime(
                ["2024-03-01", "2024-05-01", "2024-03-01", "2024-03-01", "2024-03-01", "2024-04-15"]
            ),
            "collateral": ["知识产权质押"] * 4 + [None, "知识产权质押"],
            "interest_paid": [1300000.05, 100000, 35000, 40000, 50000, 123456.79],
        }
    )
    events = pd.DataFrame(
        {
            "event_id": ["E1", "E2", "E3", "E4"],
            "uscc": ["U00", "U00", "U03", "U05"],
            "kind": ["并购并表", "并购并表", "新三板挂牌", "并购并表"],
            "date": pd.to_datetime(["2024-01-01", "2024-06-01", "2023-05-05", "2024-02-02"]),
            "fee_paid": [1500000, 900000, 1200000, 333333.33],
            "consolidated_haidian": [True, True, None, True],
        }
    )
    portfolio = from_frames(ent, loans, events)
    portfolio.sha256 = "ab" * 32
    portfolio.issues.append(
        QualityIssue("warning", "年利率超出常见范围", "贷款", 5, "D", "=1+1", "保留原值")
    )
    return evaluate_portfolio(portfolio, catalogue, as_of=AS_OF)


@pytest.fixture(scope="module")
def exported(evaluation: Evaluation, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_workbook(evaluation, tmp_path_factory.mktemp("out") / "结果.xlsx")


def _rows(ws) -> tuple[list[str], list[dict[str, object]]]:  # type: ignore[no-untyped-def]
    values = list(ws.iter_rows(values_only=True))
    head = [str(v) for v in values[0]]
    return head, [dict(zip(head, row, strict=True)) for row in values[1:]]


def test_sheets_and_layout(exported: Path) -> None:
    wb = openpyxl.load_workbook(exported)
    assert wb.sheetnames == SHEETS
    ws = wb["测算结果"]
    assert ws.freeze_panes == "C2"
    assert ws.auto_filter.ref is not None and ws.auto_filter.ref.startswith("A1:")
    assert ws.print_title_rows == "$1:$1"
    assert ws.page_setup.orientation == "landscape"
    assert ws["A1"].font.name == "等线"
    assert ws.column_dimensions["B"].width >= 10  # fitted to the longest name


def test_results_equal_engine(exported: Path, evaluation: Evaluation) -> None:
    wb = openpyxl.load_workbook(exported)
    ws = wb["测算结果"]
    head, rows = _rows(ws)
    assert head[:9] == [
        "统一社会信用代码",
        "企业名称",
        "注册区",
        "措施编号",
        "措施名称",
        "文件文号",
        "条款",
        "状态",
        "金额（元）",
    ]
    assert len(rows) == len(evaluation) * len(evaluation.measure_ids)
    by_key = {(r["统一社会信用代码"], r["措施编号"]): r for r in rows}
    amounts = 0
    for ent in range(len(evaluation)):
        for measure_id in evaluation.measure_ids:
            exp = evaluation.explain(ent, measure_id)
            row = by_key[(exp.uscc, measure_id)]
            assert row["状态"] == STATUS_LABELS["zh"][exp.status]
            assert row["依据与理由"] == "\n".join(exp.reasons)
            if exp.amount is None:
                assert row["金额（元）"] is None
            else:
                assert Decimal(str(row["金额（元）"])).quantize(CENT) == Decimal(exp.amount)
                amounts += 1
    assert amounts >= 3
    money_cells = [c for c in ws["I"][1:] if c.value is not None]
    assert all(c.number_format == "#,##0.00" for c in money_cells)
    fills = {c.value: c.fill.fgColor.rgb for c in ws["H"][1:]}
    assert len(set(fills.values())) == 3  # one colour per status


def test_record_items(exported: Path, evaluation: Evaluation) -> None:
    _, rows = _rows(openpyxl.load_workbook(exported)["记录明细"])
    expected = [
        (exp.uscc, measure_id, item)
        for ent in range(len(evaluation))
        for measure_id in evaluation.measure_ids
        for exp in [evaluation.explain(ent, measure_id)]
        for item in exp.items
    ]
    assert len(rows) == len(expected)
    for row, (uscc, measure_id, item) in zip(rows, expected, strict=True):
        assert (row["统一社会信用代码"], row["措施编号"], row["记录编号"]) == (
            uscc,
            measure_id,
            item.record,
        )
        for column, fen in (
            ("封顶前金额（元）", item.raw_fen),
            ("核定金额（元）", item.amount_fen),
        ):
            shown = row[column]
            assert (None if shown is None else round(Decimal(str(shown)) * 100)) == fen
        assert row["封顶依据"] == item.capped_by


def test_formula_like_names_stay_text(exported: Path) -> None:
    wb = openpyxl.load_workbook(exported)
    results = [c for c in wb["测算结果"]["B"][1:] if c.value in RISKY_NAMES]
    assert {c.value for c in results} == set(RISKY_NAMES)
    items = [c for c in wb["记录明细"]["B"][1:] if c.value in RISKY_NAMES]
    assert {c.value for c in items} == {"=1+2", "@SUM(A1)"}  # U04's loan, U05's event
    assert all(c.data_type == "s" for c in results + items)
    assert all(c.quotePrefix for c in results)  # stays text even when edited in Excel
    quality = wb["数据质量"]
    assert quality["E2"].value == "=1+1" and quality["E2"].data_type == "s"


def test_parameters_mark_assumptions(exported: Path, evaluation: Evaluation) -> None:
    ws = openpyxl.load_workbook(exported)["参数"]
    _, rows = _rows(ws)
    by_key = {r["参数键"]: r for r in rows}
    assert set(by_key) == set(evaluation.parameters)
    assert any(p.assumption for p in evaluation.parameters.values())
    for key, param in evaluation.parameters.items():
        row = by_key[key]
        assert row["是否假设"] == ("【假设】" if param.assumption else None)
        assert str(row["取值"]).startswith("【假设】") == param.assumption
        if param.value is None:  # not set: shown as 未设定, no number
            assert row["数值"] is None and "未设定" in str(row["取值"])
        elif isinstance(param.value, dt.date):  # a date is shown, not a number
            assert row["数值"] is None and param.value.isoformat() in str(row["取值"])
        else:
            assert Decimal(str(row["数值"])) == param.value
        assert row["生效日期"] == dt.datetime.combine(param.start, dt.time())
    date_cells = [c for c in ws["H"][1:] if c.value is not None]
    assert date_cells and all(c.number_format == "yyyy-mm-dd" for c in date_cells)


def test_cover_and_policy_basis(exported: Path, evaluation: Evaluation) -> None:
    wb = openpyxl.load_workbook(exported)
    cover = {r[0]: r[1] for r in wb["说明"].iter_rows(values_only=True) if r[0]}
    assert cover["科创金融政策测算结果"] is None
    assert cover["测算基准日"] == dt.datetime(2025, 12, 31)
    assert cover["输入文件 SHA-256"] == "ab" * 32
    assert cover["政策目录 SHA-256"] == evaluation.catalogue.sha256
    assert "京金融〔2022〕190号" in cover["政策文件"]
    assumed = sum(p.assumption for p in evaluation.parameters.values())
    assert f"{assumed} 项为假设值" in cover["假设参数"] and "【假设】" in cover["假设参数"]
    _, rows = _rows(wb["政策依据"])
    assert [r["措施编号"] for r in rows] == [
        *evaluation.measure_ids,
        *evaluation.institution_measure_ids,
    ]
    for row in rows:
        measure = evaluation.catalogue.measure(str(row["措施编号"])).measure
        assert row["原文摘录"] == measure.quote


def test_empty_quality_sheet_says_so(evaluation: Evaluation, tmp_path: Path) -> None:
    portfolio = from_frames(pd.DataFrame({"uscc": ["X"], "name": ["某企业"]}))
    ev = evaluate_portfolio(portfolio, evaluation.catalogue, as_of=AS_OF)
    out = write_workbook(ev, tmp_path / "empty.xlsx", lang="en")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[0] == "About"
    assert "No data-quality problems" in str(wb["Data quality"]["A2"].value)


def test_refuses_to_overwrite_input(evaluation: Evaluation, tmp_path: Path) -> None:
    source = tmp_path / "portfolio.xlsx"
    source.write_bytes(b"input")
    (tmp_path / "sub").mkdir()
    with pytest.raises(OutputFileError, match="输入文件"):
        write_workbook(evaluation, tmp_path / "sub" / ".." / "portfolio.xlsx", input_path=source)
    evaluation.portfolio.source = source
    try:
        with pytest.raises(OutputFileError, match="input file"):
            write_workbook(evaluation, source)
    finally:
        evaluation.portfolio.source = None
    assert source.read_bytes() == b"input"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["portfolio.xlsx", "sub"]


def test_csv_refuses_to_overwrite_input(evaluation: Evaluation, tmp_path: Path) -> None:
    source = tmp_path / "results.csv"
    source.write_text("input", encoding="utf-8")
    evaluation.portfolio.source = source
    try:
        with pytest.raises(OutputFileError):
            write_csv(evaluation, tmp_path)
    finally:
        evaluation.portfolio.source = None
    assert source.read_text(encoding="utf-8") == "input"
    assert [p.name for p in tmp_path.iterdir()] == ["results.csv"]


def test_locked_target_is_left_alone(
    evaluation: Evaluation, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "结果.xlsx"
    target.write_bytes(b"previous result")

    def locked(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied", str(dst))

    monkeypatch.setattr(export_files.os, "replace", locked)
    with pytest.raises(OutputFileError, match="Excel") as raised:
        write_workbook(evaluation, target)
    assert "打开" in str(raised.value)
    assert target.read_bytes() == b"previous result"
    assert [p.name for p in tmp_path.iterdir()] == ["结果.xlsx"]


def test_missing_folder(evaluation: Evaluation, tmp_path: Path) -> None:
    with pytest.raises(OutputFileError, match="does not exist"):
        write_workbook(evaluation, tmp_path / "nowhere" / "x.xlsx")


@pytest.mark.parametrize("after", [0, 3])
def test_cancel_leaves_no_file(evaluation: Evaluation, tmp_path: Path, after: int) -> None:
    calls = 0

    def should_cancel() -> bool:
        nonlocal calls
        calls += 1
        return calls > after

    with pytest.raises(CancelledError):
        write_workbook(evaluation, tmp_path / "x.xlsx", should_cancel=should_cancel)
    assert list(tmp_path.iterdir()) == []


def test_progress_reaches_one(evaluation: Evaluation, tmp_path: Path) -> None:
    seen: list[float] = []
    write_workbook(evaluation, tmp_path / "x.xlsx", progress=lambda f, _t: seen.append(f))
    assert seen[0] == 0.0 and seen[-1] == 1.0
    assert seen == sorted(seen)


def test_csv(evaluation: Evaluation, exported: Path, tmp_path: Path) -> None:
    paths = write_csv(evaluation, tmp_path)
    assert [p.name for p in paths] == ["results.csv", "parameters.csv"]
    raw = paths[0].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with paths[0].open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    sheet_head, _ = _rows(openpyxl.load_workbook(exported)["测算结果"])
    assert list(rows[0]) == sheet_head
    assert len(rows) == len(evaluation) * len(evaluation.measure_ids)
    for row in rows:
        ent = [r["统一社会信用代码"] for r in rows].index(row["统一社会信用代码"]) // len(
            evaluation.measure_ids
        )
        exp = evaluation.explain(ent, row["措施编号"])
        assert row["金额（元）"] == ("" if exp.amount is None else str(exp.amount))
    names = {row["企业名称"] for row in rows}
    for name in RISKY_NAMES:
        assert "'" + name in names and name not in names
    with paths[1].open(encoding="utf-8-sig", newline="") as handle:
        params = list(csv.DictReader(handle))
    assert {p["参数键"] for p in params} == set(evaluation.parameters)
    assert any(p["是否假设"] == "【假设】" for p in params)

"""Portfolio totals split by region, beneficiary and funding level (issue #17).

The split sums to the measure amounts; each line of the region × beneficiary × level table
adds one region, one beneficiary and one level only; every group that adds more names what
it adds; the JSON, the batch summary and the workbook's 汇总 carry the same split.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from desktop.core.engine import evaluate_portfolio
from desktop.core.funding import CITY, DISTRICT
from desktop.core.jsonout import evaluation_to_json
from desktop.core.totals import (
    INSTITUTION_COMPENSATION,
    adds,
    recipient_label,
    recipient_of,
    split_totals,
)
from desktop.spreadsheet.reader import read_portfolio

SAMPLE = Path("resources/samples/sample_portfolio.xlsx")
AS_OF = dt.date(2025, 12, 31)


@pytest.fixture(scope="module")
def evaluation(catalogue):
    return evaluate_portfolio(read_portfolio(SAMPLE), catalogue, as_of=AS_OF)


@pytest.fixture(scope="module")
def document(evaluation):
    return evaluation_to_json(evaluation)


def _yuan(text: str) -> Decimal:
    return Decimal(text)


def test_split_sums_to_the_measure_amounts(evaluation, document):
    totals = document["totals"]
    split = document["totals_split"]
    whole = sum(_yuan(t["amount"]) for t in totals.values())
    assert set(split["measures"]) == set(totals)
    for measure_id, line in split["measures"].items():
        assert line["amount"] == totals[measure_id]["amount"]
    for name in ("by_region", "by_beneficiary", "by_recipient", "by_funding_level"):
        groups = split[name]
        assert sum(_yuan(g["amount"]) for g in groups.values()) == whole, name
        listed = [m for g in groups.values() for m in g["measures"]]
        assert sorted(listed) == sorted(totals), name  # every measure exactly once
    assert sum(_yuan(row["amount"]) for row in split["table"]) == whole
    assert _yuan(split["all_measures"]["amount"]) == whole
    assert split_totals(evaluation).amount_fen == sum(
        t["amount_fen"] for t in evaluation.totals().values()
    )


def test_table_lines_hold_one_region_beneficiary_and_level(document):
    split = document["totals_split"]
    measures = split["measures"]
    seen = set()
    for row in split["table"]:
        key = (row["region"], row["beneficiary"], row["funding_level"])
        assert key not in seen
        seen.add(key)
        for measure_id in row["measures"]:
            line = measures[measure_id]
            assert (line["region"], line["beneficiary"], line["funding_level"]) == key
        assert row["recipient"] == recipient_of(row["beneficiary"])
        amount = sum(_yuan(measures[m]["amount"]) for m in row["measures"])
        assert _yuan(row["amount"]) == amount


def test_groups_say_what_they_add(evaluation, document):
    """No total mixes regions, recipients or levels without saying so."""
    split = split_totals(evaluation)
    groups = [
        *split.by_region.values(),
        *split.by_beneficiary.values(),
        *split.by_recipient.values(),
        *split.by_funding_level.values(),
        split.all_lines,
    ]
    for group in groups:
        words = adds(group)
        for region in group.regions:
            assert region in words
        for recipient in group.recipients:
            assert recipient_label(recipient) in words
    # the sample's Beijing total adds enterprise support and institution compensation: it is
    # flagged as mixed in the JSON and names both
    beijing = document["totals_split"]["by_region"]["北京市"]
    assert beijing["mixed"] and INSTITUTION_COMPENSATION in beijing["recipients"]
    assert "enterprise" in beijing["recipients"]
    everything = document["totals_split"]["all_measures"]
    assert everything["mixed"] and len(everything["regions"]) >= 3
    # the sample's regions are split apart (北京 / 上海 / 吉安 …)
    assert {"北京市", "上海市"} <= set(document["totals_split"]["by_region"])
    assert any("吉安" in r for r in document["totals_split"]["by_region"])


def test_funding_levels_in_the_split(document):
    measures = document["totals_split"]["measures"]
    assert measures["jzbf-2023-23.23.interest"]["funding_level"] == CITY
    assert "北京市人民政府办公厅" in measures["jzbf-2023-23.23.interest"]["funding_reason"]
    assert measures["hfbg-2025-8.5"]["funding_level"] == CITY
    assert measures["jjr-2022-190.27"]["funding_level"] == DISTRICT
    assert measures["jian-xingan-ip.1"]["funding_level"] == DISTRICT
    paying = [m for m, line in measures.items() if _yuan(line["amount"])]
    assert all(measures[m]["funding_level"] != "unspecified" for m in paying)


def test_english_words(evaluation):
    split = split_totals(evaluation)
    words = adds(split.all_lines, "en", split.regions_en())
    assert "Shanghai" in words and "Compensation to financial institutions" in words
    assert "上海" not in words


def test_batch_summary_prints_the_split(tmp_path, capsys):
    from desktop.cli import main

    out = tmp_path / "r.xlsx"
    data = tmp_path / "r.json"
    code = main(
        ["batch", str(SAMPLE), "--as-of", AS_OF.isoformat(), "-o", str(out), "--json", str(data)]
    )
    assert code == 0
    printed = capsys.readouterr().out
    assert "金额拆分" in printed and "按文件地区" in printed and "按受益方类别" in printed
    # the only all-measure line says what it adds and that it is not one budget
    total_lines = [line for line in printed.splitlines() if line.startswith("全部措施金额相加")]
    assert len(total_lines) == 1 and "不是单一预算" in total_lines[0]
    assert "付给金融机构的补偿" in total_lines[0]
    doc = json.loads(data.read_text(encoding="utf-8"))
    assert doc["totals_split"]["all_measures"]["mixed"] is True
    _check_workbook(out, doc)


def _check_workbook(path: Path, doc: dict) -> None:
    """The 汇总 sheet: the split table's amounts equal the JSON's; the all-measures total
    names what it adds."""
    book = openpyxl.load_workbook(path, data_only=False)
    ws = book["汇总"]
    texts = [str(c.value) for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert any("按地区 × 受益方 × 资金层级" in t for t in texts)
    assert any("不是单一预算" in t for t in texts)
    # every region of the JSON split is listed
    for region in doc["totals_split"]["by_region"]:
        assert region in texts


def test_status_line_splits_the_amount(evaluation):
    """The window's status line shows support to enterprises and compensation to
    institutions apart, and says that several regions' budgets are apart."""
    from desktop import i18n
    from desktop.ui.table_data import amounts_text, build_enterprise_table, summary_texts

    table = build_enterprise_table(evaluation, "zh")
    text = amounts_text(table)
    assert "企业获得的支持" in text and "付给金融机构的补偿" in text
    assert "预算分列" in text and "北京市" in text and "上海市" in text
    assert sum(f for _, f in table.by_recipient) == table.total_amount_fen
    line, _ = summary_texts(
        table, evaluation, "sample", shown_rows=table.rows, hidden_measures=0, issues=[]
    )
    assert "测算总额" not in line and text in line
    i18n.set_language("en")
    try:
        english = amounts_text(build_enterprise_table(evaluation, "en"))
        assert "Compensation to financial institutions" in english and "Shanghai" in english
    finally:
        i18n.set_language("zh")


def test_window_district_chart_shows_enterprise_support_only(evaluation):
    from desktop.ui.charts import district_totals

    split = split_totals(evaluation)
    enterprise_side = sum(
        line.amount_fen for line in split.lines if line.recipient != INSTITUTION_COMPENSATION
    )
    assert sum(fen for _, fen in district_totals(evaluation)) == enterprise_side

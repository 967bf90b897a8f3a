"""The workbook shows the engine's per-loan LPR (记录明细) and the measures about
institutions (机构措施, 政策依据, 参数) exactly as the Evaluation has them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl
import pytest

from desktop.core.engine import evaluate_portfolio
from desktop.core.evaluation import Evaluation
from desktop.core.outcomes import STATUS_LABELS
from desktop.export import write_workbook
from desktop.paths import sample_portfolio
from desktop.spreadsheet.reader import read_portfolio

AS_OF = dt.date(2025, 6, 30)
NPL = "jjr-2022-190.15"


@pytest.fixture(scope="module")
def evaluation(catalogue) -> Evaluation:
    return evaluate_portfolio(read_portfolio(sample_portfolio()), catalogue, as_of=AS_OF)


@pytest.fixture(scope="module")
def book(evaluation: Evaluation, tmp_path_factory: pytest.TempPathFactory):
    path = write_workbook(evaluation, tmp_path_factory.mktemp("wb") / "结果.xlsx")
    return openpyxl.load_workbook(path)


def _rows(ws) -> tuple[list[str], list[tuple]]:
    rows = list(ws.iter_rows(values_only=True))
    return list(rows[0]), rows[1:]


def test_loan_records_carry_the_lpr_on_their_start_date(book, evaluation) -> None:
    header, rows = _rows(book["记录明细"])
    rate_col = header.index("放款日一年期LPR（推定）")
    date_col = header.index("LPR公布日")
    kind_col, record_col, uscc_col = header.index("记录类型"), header.index("记录编号"), 0
    lpr = evaluation.loan_lpr()
    expected = {
        (u, loan): (rate, published)
        for u, loan, rate, published in zip(
            lpr["uscc"], lpr["loan_id"], lpr["lpr_1y"], lpr["lpr_1y_from"], strict=True
        )
        if rate == rate  # known
    }
    loans = [r for r in rows if r[kind_col] == "贷款"]
    assert loans, "the sample has loan records"
    shown = 0
    for row in loans:
        key = (row[uscc_col], row[record_col])
        if key in expected:
            rate, published = expected[key]
            assert Decimal(repr(row[rate_col])) == Decimal(repr(float(rate)))
            assert row[date_col].date() == published.date()
            shown += 1
        else:
            assert row[rate_col] is None and row[date_col] is None
    assert shown >= len(loans) // 2
    assert all(r[rate_col] is None for r in rows if r[kind_col] != "贷款")
    cell = book["记录明细"].cell(row=2, column=rate_col + 1)
    assert cell.number_format == "0.00%"


def test_institution_measures_have_their_own_sheet(book, evaluation) -> None:
    header, rows = _rows(book["机构措施"])
    assert header[:3] == ["机构", "机构类别", "措施编号"]
    expected = evaluation.institution_results()
    assert len(rows) == len(expected) >= 3
    labels = STATUS_LABELS["zh"]
    for row, (_, exp) in zip(rows, expected.iterrows(), strict=True):
        assert row[0] == exp["institution"] and row[2] == NPL
        assert row[4] == "京金融〔2022〕190号" and row[5] == "第15条"
        assert row[6] == labels[exp["status"]]
        assert row[7] == "\n".join(exp["reasons"])
    assert any("3个百分点" in r[7] and ">" in r[7] for r in rows)


def test_policy_basis_and_parameters_name_the_institution_measure(book) -> None:
    _, rows = _rows(book["政策依据"])
    assert NPL in [r[0] for r in rows]
    _, rows = _rows(book["参数"])
    tolerance = next(r for r in rows if r[0] == f"{NPL}.tolerance")
    assert tolerance[2] == "小微型科创企业不良贷款容忍度"

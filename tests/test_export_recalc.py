"""LibreOffice recalculates the exported workbook: every formula equals the engine to the 分,
and a changed ratio on 参数 recomputes the totals as the engine does with the same override."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from desktop.core.catalogue import default_catalogue
from desktop.core.engine import evaluate_portfolio
from desktop.core.evaluation import Evaluation
from desktop.export import write_workbook
from desktop.export.formulas import param_name

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.synthetic import make_portfolio

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-calc",
)
AS_OF = dt.date(2025, 12, 31)
CENT = Decimal("0.01")
RATIO = "jjr-2022-190.28.ipo.cap"
# One edit of 参数 (one LibreOffice run): a cap, the day-count basis of estimated interest,
# the LPR multiple that caps 23号第23条's subsidised rate, an LPR-linked subsidy ratio.
# The overlap groups stacked (what-if): every loan's subsidies are then its own formulas, so
# the translation of 190号第16条 and 23号第23条 is checked on every row (with the groups'
# default picks, contested rows are values that say why; see test_overlap_rows_say_why).
STACKED = {
    "overlap.ip_pledge_interest.pick": "stack",
    "overlap.municipal_loan_interest.pick": "stack",
}
EDITS = {
    RATIO: "1000000",
    "jjr-2022-190.16.day_count": "365",
    "jzbf-2023-23.23.interest.max_rate_multiple": "1.2",
    "jian-xingan-ip.1.ratio": "0.3",
}
PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def _recalc(source: Path, out: Path, profile: Path) -> Path:
    """Open ``source`` in LibreOffice (always recalculating) and save it into ``out``."""
    user = profile / "user"
    user.mkdir(parents=True, exist_ok=True)
    (user / "registrymodifications.xcu").write_text(PROFILE, encoding="utf-8")
    out.mkdir(exist_ok=True)
    subprocess.run(
        [
            str(SOFFICE),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    return out / source.name


def _yuan(value: object) -> Decimal:
    return Decimal(str(value)).quantize(CENT)


@pytest.fixture(scope="module")
def evaluation() -> Evaluation:
    return evaluate_portfolio(
        make_portfolio(400), default_catalogue(), as_of=AS_OF, overrides=STACKED
    )


def _formula_cells(path: Path) -> dict[tuple[str, str], str]:
    wb = openpyxl.load_workbook(path)
    return {
        (ws.title, cell.coordinate): str(cell.value)
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for cell in row
        if cell.data_type == "f"
    }


def _summary_totals(wb: openpyxl.Workbook) -> dict[str, Decimal]:
    ws = wb["汇总"]
    totals: dict[str, Decimal] = {}
    for row in ws.iter_rows(min_row=5, max_col=6, values_only=True):
        if row[0] is None or row[5] is None or not str(row[0]).count("."):
            if totals:
                break
            continue
        totals[str(row[0])] = _yuan(row[5])
    return totals


def test_libreoffice_recalculates_to_the_engine(evaluation: Evaluation, tmp_path: Path) -> None:
    source = write_workbook(evaluation, tmp_path / "结果.xlsx")
    formulas = _formula_cells(source)
    live = [c for c, text in formulas.items() if c[0] == "测算明细" and "ROUND(" in text]
    assert len(live) >= 5, "the sample has live detail formulas"
    texts = [formulas[c] for c in live]
    # Interest estimated from principal × rate × days ÷ basis, and an LPR-derived rate cap.
    assert any(param_name("jjr-2022-190.16.day_count") in t for t in texts)
    assert any(param_name("jzbf-2023-23.23.interest.max_rate_multiple") in t for t in texts)
    detail = openpyxl.load_workbook(source)["测算明细"]
    head = [c.value for c in detail[1]]
    how = head.index("计算方式")
    for row in detail.iter_rows(min_row=2, values_only=True):
        # A value row says why it is not a formula.
        assert row[how] == "实时公式" or (
            str(row[how]).startswith("(按引擎结果) ") and len(str(row[how])) > 12
        ), row
    recalced = _recalc(source, tmp_path / "lo", tmp_path / "profile")
    wb = openpyxl.load_workbook(recalced, data_only=True)
    cached = openpyxl.load_workbook(source, data_only=True)
    for sheet, coordinate in formulas:
        got, want = wb[sheet][coordinate].value, cached[sheet][coordinate].value
        assert got is not None, (sheet, coordinate)
        assert _yuan(got) == _yuan(want), (sheet, coordinate, formulas[(sheet, coordinate)])
    totals = _summary_totals(wb)
    engine = evaluation.totals()
    assert set(totals) == set(evaluation.measure_ids)
    for measure_id, total in totals.items():
        assert total * 100 == engine[measure_id]["amount_fen"], measure_id

    # An analyst changes parameters on 参数: LibreOffice recomputes like the engine with --set.
    edited = tmp_path / "edited" / "结果.xlsx"
    edited.parent.mkdir()
    book = openpyxl.load_workbook(source)
    for key, value in EDITS.items():
        defined = book.defined_names[param_name(key)]
        sheet, cell = next(iter(defined.destinations))
        book[sheet][cell.replace("$", "")].value = float(value)
    book.save(edited)
    recalced_again = _recalc(edited, tmp_path / "lo2", tmp_path / "profile")
    again = openpyxl.load_workbook(recalced_again, data_only=True)
    changed = evaluate_portfolio(
        evaluation.portfolio, evaluation.catalogue, as_of=AS_OF, overrides={**STACKED, **EDITS}
    )
    after = _summary_totals(again)
    for measure_id in ("jjr-2022-190.28.ipo", "jjr-2022-190.16", "jzbf-2023-23.23.interest"):
        assert after[measure_id] != totals[measure_id], measure_id
    for measure_id, total in after.items():
        assert total * 100 == changed.totals()[measure_id]["amount_fen"], measure_id


def test_overlap_rows_say_why(tmp_path: Path) -> None:
    """With the overlap groups' own picks, a loan claimed by two of a group's measures is a
    value row (which one counts depends on the other measure) that says so."""
    ev = evaluate_portfolio(make_portfolio(400), default_catalogue(), as_of=AS_OF)
    detail = openpyxl.load_workbook(write_workbook(ev, tmp_path / "r.xlsx"))["测算明细"]
    head = [c.value for c in detail[1]]
    how, measure = head.index("计算方式"), head.index("措施编号")
    notes = [
        str(row[how])
        for row in detail.iter_rows(min_row=2, values_only=True)
        if row[measure] in ("jjr-2022-190.16", "jzbf-2023-23.23.interest")
        and str(row[how]).startswith("(按引擎结果)")
    ]
    assert notes and any("只计其中一项" in n for n in notes)

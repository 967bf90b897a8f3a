"""The 1-year LPR on a loan's start date: a derived per-loan attribute, named in reasons."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from desktop.core import expr as ex
from desktop.core.catalogue import Catalogue, load_catalogue
from desktop.core.engine import evaluate_portfolio
from desktop.core.evaluation import Evaluation
from desktop.core.fields import Table
from desktop.core.jsonout import evaluation_to_json
from desktop.core.portfolio import from_frames
from desktop.errors import PolicyFileError

REPO = Path(__file__).resolve().parents[1]
AS_OF = dt.date(2025, 12, 31)
ART16 = "jjr-2022-190.16"
USCC = "91110108000000001X"


def _loan(loan_id: str, start: str | None, rate: float = 0.04, **extra: object) -> dict:  # type: ignore[type-arg]
    return {
        "loan_id": loan_id,
        "uscc": USCC,
        "rate": rate,
        "start_date": pd.Timestamp(start) if start else None,
        "end_date": pd.Timestamp("2026-06-30"),
        "collateral": "知识产权质押",
        "interest_paid": 200_000.0,
        "amount": 5_000_000.0,
        **extra,
    }


LOANS = [
    _loan("L1", "2024-03-01"),  # 3.45 % (fixing published 2024-02-20)
    _loan("L2", "2024-10-20"),  # the day before a fixing: 3.35 %
    _loan("L3", "2024-10-21"),  # on the fixing day: 3.10 %
    _loan("L4", None),  # blank date: unknown, never 0
    _loan("L5", "2019-08-19"),  # before the first fixing in the table: unknown
    _loan("L6", "2024-03-01", rate=0.0484),  # above LPR × 1.4 = 4.83 %
]


def _portfolio(index: list[int] | None = None) -> object:
    enterprises = pd.DataFrame(
        [
            {
                "uscc": USCC,
                "name": "甲",
                "district": "海淀区",
                "q_high_tech": True,
                "revenue": 50_000_000.0,
            }
        ]
    )
    loans = pd.DataFrame(LOANS)
    if index is not None:
        loans.index = index
    return from_frames(enterprises, loans)


@pytest.fixture(scope="module")
def evaluation(catalogue: Catalogue) -> Evaluation:
    return evaluate_portfolio(_portfolio(), catalogue, as_of=AS_OF)  # type: ignore[arg-type]


def test_loan_lpr_values_and_publication_dates(evaluation: Evaluation) -> None:
    lpr = evaluation.loan_lpr()
    assert lpr["loan_id"].tolist() == [r["loan_id"] for r in LOANS]
    values = lpr["lpr_1y"].tolist()
    assert values[:3] == pytest.approx([0.0345, 0.0335, 0.031])
    assert np.isnan(values[3]) and np.isnan(values[4])  # unknown, not 0
    dates = [None if pd.isna(d) else pd.Timestamp(d).date().isoformat() for d in lpr["lpr_1y_from"]]
    assert dates == ["2024-02-20", "2024-07-22", "2024-10-21", None, None, "2024-02-20"]


def test_same_lookup_as_lpr_1y(evaluation: Evaluation, catalogue: Catalogue) -> None:
    rng = np.random.default_rng(7)
    days = pd.Series(
        pd.to_datetime("2019-06-01") + pd.to_timedelta(rng.integers(0, 2500, 400), unit="D")
    )
    ops = ex.VectorOps({"d": days}, {}, index=days.index, as_of=AS_OF, rates=catalogue.lpr)
    by_expression = ex.evaluate(ex.parse("lpr_1y(d)"), ops).to_numpy()
    assert catalogue.lpr is not None
    exact = ex.ExactOps({}, {}, as_of=AS_OF, rates=catalogue.lpr)
    for day, value in zip(days, by_expression, strict=True):
        want = ex.evaluate(ex.parse(f"lpr_1y(date('{day.date()}'))"), exact)
        assert (want is None and np.isnan(value)) or float(want) == pytest.approx(value)


def test_derived_and_marked(evaluation: Evaluation, catalogue: Catalogue) -> None:
    assert evaluation.record_derived_fields(Table.LOANS) == ["start_lpr_1y"]
    assert evaluation.derived_fields == [  # enterprise attributes are unchanged
        n for n in evaluation.derived_fields if n != "start_lpr_1y"
    ]
    spec = catalogue.derived["start_lpr_1y"][0]
    assert spec.table == "loans" and "lpr.yaml" in spec.source and not spec.assumption
    frame = evaluation.record_derived(Table.LOANS)
    assert list(frame.columns) == ["start_lpr_1y", "start_lpr_1y__from"]
    assert len(frame) == len(LOANS)
    assert evaluation.record_derived(Table.EVENTS).empty


def test_rows_follow_the_loans_table_whatever_its_index(catalogue: Catalogue) -> None:
    ev = evaluate_portfolio(
        _portfolio(index=[50, 40, 30, 20, 10, 0]),  # type: ignore[arg-type]
        catalogue,
        as_of=AS_OF,
        measure_ids=[ART16],
    )
    values = ev.loan_lpr()["lpr_1y"].tolist()
    assert values[0] == pytest.approx(0.0345) and values[2] == pytest.approx(0.031)


def _items(evaluation: Evaluation, measure: str) -> dict[str, object]:
    one = {i.record: i for i in evaluation.explain(0, measure).items}
    bulk = {i.record: i for i in next(iter(evaluation.explain_many(measure, [0]))).items}
    assert one == bulk  # the bulk renderer says the same
    return one  # type: ignore[return-value]


def test_reasons_name_the_lpr_and_its_date(evaluation: Evaluation) -> None:
    items = _items(evaluation, ART16)
    over = items["L6"]
    assert over.status == "ineligible"  # type: ignore[attr-defined]
    assert any(
        r.endswith("年利率 4.84% > 同期1年期LPR×1.4 = 4.83%（同期1年期LPR 3.45%，2024-02-20公布）")
        for r in over.reasons  # type: ignore[attr-defined]
    )
    day_before = items["L2"]
    assert any("同期1年期LPR 3.35%，2024-07-22公布" in r for r in day_before.reasons)  # type: ignore[attr-defined]


def test_blank_start_date_leaves_lpr_unknown(evaluation: Evaluation) -> None:
    items = _items(evaluation, ART16)
    blank = items["L4"]
    assert blank.status == "unknown"  # type: ignore[attr-defined]
    assert "loans.start_date" in blank.missing  # type: ignore[attr-defined]
    assert not any("公布" in r for r in blank.reasons)  # type: ignore[attr-defined]
    early = items["L5"]
    assert early.status in ("unknown", "ineligible")  # type: ignore[attr-defined]


def test_amount_formula_names_the_lpr_it_used(catalogue: Catalogue) -> None:
    measure = "jzbf-2023-23.23.interest"  # interest × ratio × min(1, LPR × 1.4 / rate)
    ev = evaluate_portfolio(
        _portfolio(),  # type: ignore[arg-type]
        catalogue,
        as_of=AS_OF,
        measure_ids=[measure],
    )
    items = _items(ev, measure)
    texts = [r for i in items.values() for r in i.reasons]  # type: ignore[attr-defined]
    assert "ℹ 测算所用同期1年期LPR 3.45%，2024-02-20公布" in texts, texts
    blank = items["L4"]
    assert blank.status == "unknown" and "loans.start_date" in blank.missing  # type: ignore[attr-defined]


def test_json_has_per_loan_lpr(evaluation: Evaluation) -> None:
    doc = evaluation_to_json(evaluation)
    assert doc["derived"]["start_lpr_1y"]["table"] == "loans"
    assert doc["derived"]["is_kechuang"]["table"] == "enterprises"
    loans = {e["loan_id"]: e["derived"]["start_lpr_1y"] for e in doc["loans_derived"]}
    assert loans["L1"] == {"value": pytest.approx(0.0345), "derived": True, "from": "2024-02-20"}
    assert loans["L4"] == {"value": None, "derived": True, "from": None}
    # the enterprise entries keep only enterprise attributes
    assert "start_lpr_1y" not in doc["enterprises"][0]["derived"]


def _pack(tmp_path: Path, records: str, test: str) -> Path:
    root = tmp_path / "policies"
    shutil.copytree(REPO / "policies" / "reference", root / "reference")
    (root / "x-doc.yaml").write_text(
        f"""document:
  slug: x-doc
  number: 测试〔2025〕1号
  title: 测试
  issuers: [测试局]
  written: 2020-01-01
  in_force: 2020-01-01
  expires: null
  region: 北京市
  status: in_force
  source_file: x.txt
articles:
  - number: "1"
    title: 测试
    quote: "1. 利率不高于LPR的1.4倍。"
    kind: checkable
measures:
  - id: x-doc.1
    article: "1"
    name: 利率
    quote: "利率不高于LPR的1.4倍"
    kind: checkable
    beneficiary: enterprise
    records: {records}
    record_conditions:
      - {{id: rate, label: 利率不高于LPR的1.4倍, test: "{test}"}}
""",
        encoding="utf-8",
    )
    return root


def test_measures_on_loans_may_use_the_derived_lpr(tmp_path: Path) -> None:
    derived = load_catalogue(_pack(tmp_path / "a", "loans", "rate <= start_lpr_1y * 1.4"))
    direct = load_catalogue(_pack(tmp_path / "b", "loans", "rate <= lpr_1y(start_date) * 1.4"))
    statuses = []
    for catalogue in (derived, direct):
        ev = evaluate_portfolio(_portfolio(), catalogue, as_of=AS_OF)  # type: ignore[arg-type]
        statuses.append(ev.outcomes["x-doc.1"].records["status"].astype(str).tolist())
    assert statuses[0] == statuses[1]
    assert statuses[0][3] == "unknown"  # blank date: the derived LPR is unknown too
    ev = evaluate_portfolio(_portfolio(), derived, as_of=AS_OF)  # type: ignore[arg-type]
    blank = {i.record: i for i in ev.explain(0, "x-doc.1").items}["L4"]
    assert blank.missing == ["loans.start_date"]  # traced to the field to fill in
    with pytest.raises(PolicyFileError, match="unknown field"):
        load_catalogue(_pack(tmp_path / "c", "events", "date <= start_lpr_1y"))

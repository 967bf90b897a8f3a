"""Measures about institutions (``subject: institution``): 京金融〔2022〕190号 第15条."""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from pydantic import ValidationError

from desktop.core.catalogue import Catalogue, load_catalogue
from desktop.core.engine import evaluate_institutions, evaluate_portfolio
from desktop.core.evaluation import Evaluation
from desktop.core.jsonout import evaluation_to_json
from desktop.core.policy_model import Measure
from desktop.core.portfolio import from_frames
from desktop.errors import PolicyFileError

REPO = Path(__file__).resolve().parents[1]
NPL = "jjr-2022-190.15"
AS_OF = dt.date(2025, 12, 31)


def _institutions() -> pd.DataFrame:
    rows = [
        ("甲银行", "银行", 0.0136, 0.0436),  # exactly +3 pp: within
        ("乙银行", "银行", 0.0100, 0.0401),  # over by 0.01 pp
        ("丙银行", "银行", 0.0100, None),  # missing: unknown
        ("某担保", "担保机构", None, None),  # not looked at
        ("某保险", "保险机构", 0.0100, 0.0200),  # ratios given: looked at
        ("无类型机构", None, None, None),  # type unknown: looked at, unknown
    ]
    return pd.DataFrame(
        rows, columns=["institution", "institution_type", "npl_ratio", "sme_tech_npl_ratio"]
    )


def _portfolio() -> object:
    enterprises = pd.DataFrame(
        [{"uscc": "91110108000000001X", "name": "甲", "q_high_tech": True, "district": "海淀区"}]
    )
    return from_frames(enterprises, institutions=_institutions())


@pytest.fixture(scope="module")
def evaluation(catalogue: Catalogue) -> Evaluation:
    return evaluate_portfolio(_portfolio(), catalogue, as_of=AS_OF)  # type: ignore[arg-type]


def _measure(**extra: object) -> dict[str, object]:
    return {
        "id": "x-doc.1",
        "article": "1",
        "name": "n",
        "quote": "quote text",
        "kind": "checkable",
        "beneficiary": "bank",
        **extra,
    }


def test_subject_defaults_to_enterprise() -> None:
    assert Measure.model_validate(_measure()).subject == "enterprise"


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        ({"subject": "institution", "records": "loans"}, "has no 'records'"),
        ({"institution_filter": "npl_ratio > 0"}, "needs 'subject: institution'"),
        ({"subject": "bank"}, "subject"),
    ],
)
def test_subject_rules(extra: dict[str, object], words: str) -> None:
    with pytest.raises(ValidationError, match=words):
        Measure.model_validate(_measure(**extra))


def test_catalogue_keeps_institution_measures_apart(catalogue: Catalogue) -> None:
    assert catalogue.institution_measure_ids() == [NPL]
    assert NPL not in catalogue.enterprise_measure_ids()
    assert NPL in catalogue.measures  # listed, shown and checked like every measure
    compiled = catalogue.measure(NPL)
    assert compiled.about_institutions and compiled.institution_filter is not None
    assert compiled.measure.parameters["tolerance"].values[0].value == Decimal("0.03")
    assert "3 个百分点" in (compiled.measure.parameters["tolerance"].values[0].source or "")


def _pack(tmp_path: Path, measure: str, stacking: str = "") -> Path:
    root = tmp_path / "policies"
    shutil.copytree(REPO / "policies" / "reference", root / "reference")
    text = f"""document:
  slug: x-doc
  number: 测试〔2025〕1号
  title: 测试
  issuers: [测试局]
  written: 2025-01-01
  in_force: 2025-01-01
  expires: null
  region: 北京市
  status: in_force
  source_file: x.txt
articles:
  - number: "1"
    title: 测试
    quote: "1. 银行不良率考核。企业贴息。"
    kind: checkable
measures:
{measure}
{stacking}
"""
    (root / "x-doc.yaml").write_text(text, encoding="utf-8")
    return root


INSTITUTION_MEASURE = """  - id: x-doc.1
    article: "1"
    name: 不良率
    quote: "银行不良率考核"
    kind: checkable
    beneficiary: bank
    subject: institution
    conditions:
      - {id: npl, label: 不良率, test: "TEST"}
"""


def test_institution_measure_may_only_use_institution_fields(tmp_path: Path) -> None:
    ok = _pack(tmp_path / "a", INSTITUTION_MEASURE.replace("TEST", "npl_ratio <= 0.02"))
    assert load_catalogue(ok).institution_measure_ids() == ["x-doc.1"]
    bad = _pack(tmp_path / "b", INSTITUTION_MEASURE.replace("TEST", "revenue > 0"))
    with pytest.raises(PolicyFileError, match="unknown field"):
        load_catalogue(bad)


def test_stacking_refuses_institution_measures(tmp_path: Path) -> None:
    measure = INSTITUTION_MEASURE.replace("TEST", "npl_ratio <= 0.02") + (
        '  - id: x-doc.1.b\n    article: "1"\n    name: 贴息\n    quote: "企业贴息"\n'
        '    kind: computable\n    beneficiary: enterprise\n    amount: "revenue * 0"\n'
    )
    stacking = """stacking:
  - id: x-doc.rule
    kind: exclusive
    label: 二选一
    measures: [x-doc.1, x-doc.1.b]
    quote: "企业贴息"
"""
    with pytest.raises(PolicyFileError, match="about institutions"):
        load_catalogue(_pack(tmp_path, measure, stacking))


def test_statuses_and_reasons(evaluation: Evaluation) -> None:
    frame = evaluation.institution_results()
    got = dict(zip(frame["institution"], frame["status"], strict=True))
    assert got == {
        "甲银行": "eligible",
        "乙银行": "ineligible",
        "丙银行": "unknown",
        "某保险": "eligible",
        "无类型机构": "unknown",
    }
    rows = dict(zip(frame["institution"], frame["row"], strict=True))
    assert rows["某保险"] == 4 and rows["无类型机构"] == 5  # positions in the table
    by_name = {r["institution"]: r for r in frame.to_dict("records")}
    over = by_name["乙银行"]
    assert over["reasons"][0].endswith(
        "小微型科创企业贷款不良率 4.01% > 各项贷款不良率 1% + 3个百分点 = 4%"
    )
    assert over["missing"] == []
    assert "1.36% + 3个百分点 = 4.36%" in by_name["甲银行"]["reasons"][0]
    assert by_name["丙银行"]["missing"] == ["institutions.sme_tech_npl_ratio"]
    assert by_name["无类型机构"]["missing"] == [
        "institutions.npl_ratio",
        "institutions.sme_tech_npl_ratio",
    ]
    english = evaluation.explain_institution(1, NPL, "en")
    assert "+ 3 percentage points = 4%" in english.reasons[0]


def test_enterprise_views_do_not_see_institution_measures(evaluation: Evaluation) -> None:
    assert NPL not in evaluation.measure_ids
    assert NPL not in evaluation.totals()
    assert not any(c.startswith(NPL + "|") for c in evaluation.summary_frame().columns)
    assert evaluation.institution_measure_ids == [NPL]
    assert evaluation.institution_totals_by_status() == {
        NPL: {"eligible": 2, "ineligible": 1, "unknown": 2}
    }
    explained = [e.measure_id for _, exps in evaluation.explain_enterprises() for e in exps]
    assert NPL not in explained
    # its parameter is listed with the others, with its source
    assert f"{NPL}.tolerance" in evaluation.parameters


def test_only_institution_measures_selected(catalogue: Catalogue) -> None:
    ev = evaluate_portfolio(_portfolio(), catalogue, as_of=AS_OF, measure_ids=[NPL])  # type: ignore[arg-type]
    assert ev.measure_ids == [] and ev.institution_measure_ids == [NPL]
    alone = evaluate_institutions(_portfolio(), catalogue, as_of=AS_OF)  # type: ignore[arg-type]
    assert list(alone) == [NPL]
    assert alone[NPL].outcome.enterprise["status"].astype(str).tolist() == (
        ev.institution_outcomes[NPL].outcome.enterprise["status"].astype(str).tolist()
    )


def test_override_and_dates(catalogue: Catalogue) -> None:
    ev = evaluate_portfolio(
        _portfolio(),  # type: ignore[arg-type]
        catalogue,
        as_of=AS_OF,
        overrides={f"{NPL}.tolerance": "0.02"},
        measure_ids=[NPL],
    )
    first = ev.explain_institution(0, NPL)
    assert first.status == "ineligible" and "+ 2个百分点 = 3.36%" in first.reasons[0]
    before = evaluate_portfolio(
        _portfolio(),  # type: ignore[arg-type]
        catalogue,
        as_of=dt.date(2022, 1, 1),
        measure_ids=[NPL],
    )
    assert "早于施行日期" in before.explain_institution(0, NPL).reasons[0]


def test_no_institutions_sheet(catalogue: Catalogue) -> None:
    portfolio = from_frames(pd.DataFrame([{"uscc": "91110108000000001X", "name": "甲"}]))
    ev = evaluate_portfolio(portfolio, catalogue, as_of=AS_OF)
    assert ev.institution_results().empty
    assert ev.institution_totals_by_status() == {
        NPL: {"eligible": 0, "ineligible": 0, "unknown": 0}
    }


def test_json_carries_institution_results(evaluation: Evaluation) -> None:
    doc = evaluation_to_json(evaluation)
    assert NPL not in doc["measures"] and NPL not in doc["totals"]
    assert all(r["measure"] != NPL for r in doc["results"])
    assert doc["institution_measures"][NPL]["subject"] == "institution"
    assert doc["institution_measures"][NPL]["document"] == "京金融〔2022〕190号"
    results = {r["institution"]: r for r in doc["institution_results"]}
    assert results["乙银行"]["status"] == "ineligible"
    assert results["丙银行"]["missing"] == ["institutions.sme_tech_npl_ratio"]
    assert doc["institution_totals"][NPL]["unknown"] == 2
    assert isinstance(doc["institutions"], list)  # the compensation list is unchanged

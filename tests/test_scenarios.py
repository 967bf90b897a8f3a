"""Scenarios: side-by-side totals, deltas in 分, funding levels, strict scenario files."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from desktop.core.catalogue import default_catalogue
from desktop.core.portfolio import from_frames
from desktop.core.scenarios import (
    CITY,
    DISTRICT,
    UNSPECIFIED,
    Scenario,
    compare_scenarios,
    funding_level,
    load_scenario,
    load_scenarios,
    scenario_to_dict,
    scenarios_from,
)
from desktop.errors import ParameterError, PolicyFileError
from tests.builders import AS_OF, enterprise, loan

M16 = "jjr-2022-190.16"


@pytest.fixture(scope="module")
def catalogue():
    return default_catalogue()


def _portfolio():
    ents = pd.DataFrame(
        [
            enterprise("A", district="海淀区"),
            enterprise("B", district="朝阳区"),
            enterprise("C", district="海淀区", q_high_tech=False),  # not 科创: never eligible
        ]
    )
    loans = pd.DataFrame(
        [
            loan("L1", "A", lender="甲银行"),  # interest 200,000
            loan("L2", "B", lender="乙银行", interest_paid=1_300_000.0),
            loan("L3", "C"),
        ]
    )
    return from_frames(ents, loans)


def test_side_by_side_hand_computed(catalogue):
    base = Scenario("基准", AS_OF, measure_ids=(M16,))
    alt = Scenario("贴息50%", AS_OF, {f"{M16}.ratio": "0.5"}, measure_ids=(M16,))
    cmp = compare_scenarios(_portfolio(), catalogue, base, [alt])
    # A: 200,000 × 40% = 80,000.00; B: 1,300,000 × 40% = 520,000 → cap 500,000.00
    # alt: A 100,000.00; B 650,000 → cap 500,000.00
    assert cmp.by_measure.loc[M16, "基准"] == 58_000_000
    assert cmp.by_measure.loc[M16, "贴息50%"] == 60_000_000
    assert cmp.by_measure.loc[M16, "Δ贴息50%"] == 2_000_000
    assert cmp.total("基准") == Decimal("580000.00")
    assert cmp.eligible_by_measure.loc[M16, "基准"] == 2
    assert cmp.by_district.loc["海淀区", "基准"] == 8_000_000
    assert cmp.by_district.loc["朝阳区", "Δ贴息50%"] == 0
    gainers = cmp.gainers("贴息50%")
    assert [(g.uscc, g.delta) for g in gainers] == [("A", Decimal("20000.00"))]
    assert gainers[0].baseline == Decimal("80000.00")
    assert gainers[0].alternative == Decimal("100000.00")
    assert cmp.losers("贴息50%") == []
    # 第16条: 责任单位含市财政局 → 市级
    assert cmp.by_funding.loc[CITY, "基准"] == 58_000_000
    assert cmp.by_funding.loc[DISTRICT, "基准"] == 0
    # every figure equals the engine's totals
    for name, ev in cmp.evaluations.items():
        assert cmp.by_measure[name].to_dict() == {
            m: t["amount_fen"] for m, t in ev.totals().items()
        }


def test_as_of_and_subset_make_losers(catalogue):
    base = Scenario("基准", AS_OF, measure_ids=(M16,))
    early = Scenario("2024年初", dt.date(2024, 1, 1), measure_ids=(M16,))  # loans not yet drawn
    cmp = compare_scenarios(_portfolio(), catalogue, base, [early])
    losers = cmp.losers("2024年初")
    assert [(d.uscc, d.delta) for d in losers] == [
        ("B", Decimal("-500000.00")),
        ("A", Decimal("-80000.00")),
    ]


def test_institution_totals_side_by_side(catalogue, tmp_path):
    from desktop.spreadsheet.reader import read_portfolio

    portfolio = read_portfolio(Path("resources/samples/sample_portfolio.xlsx"))
    base = Scenario("基准", AS_OF)
    alt = Scenario("风险补偿", AS_OF, {"jjr-2022-190.27.ratio": "0.3"})
    cmp = compare_scenarios(portfolio, catalogue, base, [alt])
    inst = cmp.by_institution
    ev = cmp.evaluations["基准"]
    assert int(inst["基准"].sum()) == int(ev.institution_totals()["amount_fen"].sum())
    assert int(cmp.by_district["基准"].sum()) == cmp.total_fen("基准")
    assert int(cmp.by_funding["基准"].sum()) == cmp.total_fen("基准")


def test_funding_levels(catalogue):
    level = {m: funding_level(catalogue.measure(m), catalogue)[0] for m in catalogue.measures}
    assert level["jjr-2022-190.17"] == CITY  # 名称注明（市级）
    assert level["jjr-2022-190.17.haidian"] == DISTRICT  # 海淀区…
    assert level["jjr-2022-190.27"] == DISTRICT  # 责任单位仅海淀区政府
    assert level["jian-xingan-ip.1"] == DISTRICT  # 发文单位：新干县
    assert level["jzbf-2023-23.19.interest"] == CITY  # 北京市人民政府办公厅印发
    assert level["hfbg-2025-8.11"] == CITY  # 上海市人民政府办公厅印发
    assert level["jian-digital-loan.1"] == DISTRICT  # 吉州区、泰和县出台
    assert level["jjr-2022-190.15"] == UNSPECIFIED  # 核对类，无金额
    # every computable measure has a stated level: none is left at 文件未写明
    for measure_id, compiled in catalogue.measures.items():
        if compiled.measure.kind == "computable":
            assert level[measure_id] != UNSPECIFIED, measure_id
            stated = compiled.measure.funding_level or compiled.document.funding_level
            assert stated is not None, measure_id  # data, not the fallback
    _, reason = funding_level(catalogue.measure("hfbg-2025-8.11"), catalogue, "en")
    assert "Shanghai" in reason


def test_funding_level_fallback(catalogue):
    """Without a stated level the documented derivation still answers, with its reason."""
    compiled = catalogue.measure("jjr-2022-190.16")
    bare = dataclasses.replace(
        compiled, measure=compiled.measure.model_copy(update={"funding_level": None})
    )
    assert funding_level(bare, catalogue) == (CITY, "责任单位含市财政局、无区政府")
    level, reason = funding_level(bare, catalogue, "en")
    assert level == CITY and "finance bureau" in reason


def test_duplicate_names_refused(catalogue):
    with pytest.raises(ParameterError):
        compare_scenarios(_portfolio(), catalogue, Scenario("x", AS_OF), [Scenario("x", AS_OF)])


GOOD = """\
kind: scenarios
baseline:
  name: 基准
  as_of: 2025-12-31
alternatives:
  - name: 贴息50%
    as_of: 2025-12-31
    overrides:
      jjr-2022-190.16.ratio: 0.5
    measures: [jjr-2022-190.16]
"""


def test_load_scenarios(tmp_path, catalogue):
    path = tmp_path / "s.yaml"
    path.write_text(GOOD, encoding="utf-8")
    base, alt = load_scenarios(path, catalogue)
    assert base.name == "基准" and base.measure_ids is None
    assert alt.overrides == {"jjr-2022-190.16.ratio": "0.5"}
    assert alt.measure_ids == (M16,)
    assert load_scenario(path).name == "基准"
    assert scenarios_from([scenario_to_dict(alt)])[0].overrides == {"jjr-2022-190.16.ratio": "0.5"}


@pytest.mark.parametrize(
    ("text", "line", "key"),
    [
        (GOOD.replace("    measures:", "    measure:"), 10, "alternatives[0].measure"),
        (GOOD.replace("ratio: 0.5", "ratio: 1.5"), 9, "alternatives[0].overrides"),
        (GOOD.replace("ratio: 0.5", "ratioo: 0.5"), 9, "alternatives[0].overrides"),
        (GOOD.replace("[jjr-2022-190.16]", "[nope.1]"), 10, "alternatives[0].measures[0]"),
        (GOOD.replace("as_of: 2025-12-31\nalt", "as_of: someday\nalt"), 4, "baseline.as_of"),
        (GOOD + "  - name: 基准\n    as_of: 2025-12-31\n", 11, "alternatives[1].name"),
    ],
)
def test_load_errors_name_line_and_key(tmp_path, catalogue, text, line, key):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PolicyFileError) as info:
        load_scenarios(path, catalogue)
    loc = info.value.location
    assert loc.file == str(path)
    assert loc.line == line
    assert loc.key is not None and loc.key.startswith(key)

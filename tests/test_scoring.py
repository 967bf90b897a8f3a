"""领航积分-style scoring: hand-computed contributions, ranges with blanks, strict loading."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from desktop.core.catalogue import default_catalogue
from desktop.core.portfolio import from_frames
from desktop.core.scoring import (
    CANDIDATE,
    NOT_APPLICABLE,
    NOT_CANDIDATE,
    POSSIBLE,
    default_model_path,
    load_scoring_model,
    score_enterprises,
)
from desktop.errors import PolicyFileError
from tests.builders import AS_OF, enterprise


@pytest.fixture(scope="module")
def catalogue():
    return default_catalogue()


@pytest.fixture(scope="module")
def model(catalogue):
    return load_scoring_model(catalogue=catalogue)


def test_every_number_is_an_assumption_with_a_note(model):
    m = model.model
    values = [m.threshold, *m.parameters.values()]
    for family in m.families:
        values.append(family.weight)
        values += [i.points for i in family.indicators]
    assert all(v.assumption and v.note for v in values)
    labels = [f.label for f in m.families]
    assert labels == [
        "研发投入",
        "科技计划",
        "科技奖励",
        "科技平台",
        "关键核心技术攻关",
        "银行风控",
    ]
    assert "研发投入、科技计划、科技奖励、科技平台、关键核心技术攻关以及银行风控" in m.quote
    assert m.quote in Path("policies/jkf-2025-19.yaml").read_text(encoding="utf-8")


def _portfolio():
    base = {
        "rd_expense": 3_000_000.0,
        "revenue": 100_000_000.0,  # 3% of revenue: half of the 6% full mark
        "tech_staff": 15,
        "employees": 100,  # 15%: half of 30%
        "ip_class1": 10,  # ≥ 5: full marks
    }
    return from_frames(
        pd.DataFrame(
            [
                enterprise("A", **base),  # 15 + 5 + 15 (高新) + 0 + 30 = 65
                enterprise("B", **{**base, "ip_class1": None}),  # 35 known, +30 unknown
                enterprise("C", **{**base, "q_high_tech": False, "ip_class1": 1}),  # 20 + 6 = 26
            ]
        )
    )


def test_hand_computed_scores(model, catalogue):
    result = score_enterprises(model, _portfolio(), catalogue, AS_OF)
    rows = result.frame.set_index("uscc")
    assert rows.loc["A", "rd.rd_intensity"] == pytest.approx(15.0)
    assert rows.loc["A", "rd.tech_staff_share"] == pytest.approx(5.0)
    assert rows.loc["A", "platforms.high_tech"] == pytest.approx(15.0)
    assert rows.loc["A", "platforms.little_giant"] == pytest.approx(0.0)
    assert rows.loc["A", "key_tech.class1_ip"] == pytest.approx(30.0)
    assert (rows.loc["A", "score_low"], rows.loc["A", "score_high"]) == (65.0, 65.0)
    assert pd.isna(rows.loc["B", "key_tech.class1_ip"])
    assert (rows.loc["B", "score_low"], rows.loc["B", "score_high"]) == (35.0, 65.0)
    assert rows.loc["C", "score_low"] == pytest.approx(26.0)
    assert list(rows["status"]) == [CANDIDATE, POSSIBLE, NOT_CANDIDATE]
    assert list(result.ranked()["uscc"]) == ["A", "B", "C"]
    assert list(result.candidates()["uscc"]) == ["A"]
    assert list(result.candidates(include_possible=True)["uscc"]) == ["A", "B"]
    assert ("研发投入", "研发费用占营业收入比例", 15.0) in result.contributions("A")
    # a lower threshold (the user's own) moves B in
    lower = score_enterprises(model, _portfolio(), catalogue, AS_OF, threshold=30)
    assert list(lower.candidates()["uscc"]) == ["A", "B"]


def test_sample_ranks_everyone(model, catalogue):
    from desktop.spreadsheet.reader import read_portfolio

    portfolio = read_portfolio(Path("resources/samples/sample_portfolio.xlsx"))
    result = score_enterprises(model, portfolio, catalogue, AS_OF)
    frame = result.frame
    scored = frame[frame["status"] != NOT_APPLICABLE]
    assert sorted(scored["rank"]) == list(range(1, len(scored) + 1))
    assert (scored["score_low"] <= scored["score_high"]).all()
    assert (scored["score_high"] <= float(model.model.max_score)).all()
    # the sample's 上海 and 吉安 enterprises get no 领航积分 (a Beijing model), with the reason
    outside = frame[frame["status"] == NOT_APPLICABLE]
    assert len(outside) == 10
    assert outside["rank"].isna().all() and outside["score_low"].isna().all()
    assert outside["reason"].str.contains("北京市").all()
    assert len(result.applicable()) == len(scored)


def test_not_applicable_outside_beijing(model, catalogue):
    portfolio = from_frames(
        pd.DataFrame(
            [
                enterprise("BJ", rd_expense=6e6, revenue=1e8, ip_class1=10),
                enterprise("SH", district="浦东新区", rd_expense=6e6, revenue=1e8, ip_class1=10),
                enterprise("XX", district=None, rd_expense=6e6, revenue=1e8, ip_class1=10),
            ]
        )
    )
    frame = score_enterprises(model, portfolio, catalogue, AS_OF).frame.set_index("uscc")
    assert frame.loc["SH", "status"] == NOT_APPLICABLE
    assert pd.isna(frame.loc["SH", "score_low"]) and pd.isna(frame.loc["SH", "rank"])
    assert "不适用" in frame.loc["SH", "reason"]
    assert frame.loc["BJ", "status"] != NOT_APPLICABLE and frame.loc["BJ", "reason"] == ""
    # district blank: applicability unknown — scored, and the reason says to check it
    assert frame.loc["XX", "status"] != NOT_APPLICABLE
    assert "待核实" in frame.loc["XX", "reason"]
    assert frame.loc["BJ", "score_low"] == frame.loc["XX", "score_low"]


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ("      value: 30\n          assumption: true\n", "      value: 30\n", "points"),
        ('expr: "q_high_tech"', 'expr: "q_nope"', "expr"),
        ("p.patents_full", "p.nope", "expr"),
        ("kind: leading_score", "kind: other", "kind"),
        ("  rd_full_ratio:", "  rd_full_ratio:\n    colour: red", "parameters.rd_full_ratio"),
    ],
)
def test_strict_loading(tmp_path, catalogue, old, new, key):
    text = default_model_path().read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "model.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(PolicyFileError) as info:
        load_scoring_model(path, catalogue)
    assert info.value.location.file == str(path)
    assert info.value.location.line is not None
    assert key in (info.value.location.key or "")

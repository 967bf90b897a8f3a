"""The bundled sample: it reads cleanly, keeps its documented cases, and regenerates stably."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml

from desktop.core.portfolio import Portfolio
from desktop.spreadsheet.reader import read_portfolio

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "resources" / "samples" / "sample_portfolio.xlsx"
README = REPO / "resources" / "samples" / "README.md"
GENERATOR = REPO / "tools" / "make_sample.py"
BAD_CODE_NAME = "示例校验码错误测试有限公司（虚构：信用代码校验位错误）"


@pytest.fixture(scope="module")
def sample() -> Portfolio:
    return read_portfolio(SAMPLE)


def by_name(portfolio: Portfolio) -> pd.DataFrame:
    return portfolio.enterprises.set_index("name")


def records_of(portfolio: Portfolio, table: str, name: str) -> pd.DataFrame:
    code = by_name(portfolio).loc[name, "uscc"]
    frame = getattr(portfolio, table)
    return frame[frame["uscc"] == code]


def lpr_1y(day: pd.Timestamp) -> float:
    fixings = yaml.safe_load((REPO / "policies/reference/lpr.yaml").read_text(encoding="utf-8"))
    return [f["1y"] for f in fixings["fixings"] if f["from"] <= day.date()][-1] / 100


def test_counts_and_dtypes(sample: Portfolio) -> None:
    assert len(sample.enterprises) == 41
    assert 65 <= len(sample.loans) <= 80
    assert len(sample.events) == 15
    ent, loans, events = sample.enterprises, sample.loans, sample.events
    assert str(ent["revenue"].dtype) == "float64"
    assert str(ent["founded"].dtype) == "datetime64[ns]"
    assert all(str(ent[c].dtype) == "boolean" for c in ent.columns if c.startswith("q_"))
    assert str(loans["rate"].dtype) == "float64"
    assert str(loans["start_date"].dtype) == "datetime64[ns]"
    assert str(events["consolidated_haidian"].dtype) == "boolean"
    assert sample.sha256 == hashlib.sha256(SAMPLE.read_bytes()).hexdigest()


def test_units_are_converted_exactly(sample: Portfolio) -> None:
    ent = by_name(sample)
    assert ent.loc["示例星河智能科技有限公司", "revenue"] == 86_505_000.0  # 8,650.5 万元
    assert ent.loc["示例峰岩精密仪器有限公司", "revenue"] == 200_000_000.0  # 20,000 万元
    assert (sample.loans["amount"] % 10_000 == 0).all()  # whole 万元 amounts
    assert (
        records_of(sample, "loans", "示例北辰量子信息技术有限公司")["amount"].max() == 30_000_000.0
    )
    assert sample.loans["rate"].dropna().between(0.02, 0.08).all()  # % → fraction
    fee = records_of(sample, "events", "示例长河半导体股份有限公司")["fee_paid"]
    assert fee.tolist() == [3_000_000.0]


def test_flags_dates_and_districts(sample: Portfolio) -> None:
    ent = by_name(sample)
    assert bool(ent.loc["示例星河智能科技有限公司", "q_high_tech"]) is True
    assert (
        ent.loc["示例晨光商贸有限公司", [c for c in ent.columns if c.startswith("q_")]]
        .eq(False)
        .all()
    )
    assert ent.loc["示例松果软件有限公司", "q_high_tech"] is pd.NA
    assert ent.loc["示例云杉生物医药有限公司", "district"] == "海淀区"  # 北京市海淀区 in the sheet
    assert ent.loc["示例川流智能装备有限公司", "district"] == "海淀区"  # 海淀 in the sheet
    assert ent.loc["示例亦庄智造科技有限公司", "district"] == "北京经济技术开发区"
    assert ent.loc["示例无界空间科技有限公司", "district"] is None
    starts = sample.loans["start_date"]
    assert starts.min() >= pd.Timestamp(2023, 1, 1) and starts.max() <= pd.Timestamp(2025, 12, 31)
    assert sample.events["date"].max() <= pd.Timestamp(2025, 12, 31)


def test_only_issue_is_the_marked_bad_code(sample: Portfolio) -> None:
    assert len(sample.issues) == 1
    issue = sample.issues[0]
    assert issue.severity == "error" and issue.sheet == "企业" and issue.column == "A"
    assert "flagged" in (issue.action or "")
    ent = sample.enterprises
    row = ent[ent["uscc"] == issue.value]
    assert row["name"].tolist() == [BAD_CODE_NAME]
    assert len(records_of(sample, "loans", BAD_CODE_NAME)) == 1  # still evaluated


def test_names_are_fictional_and_documented(sample: Portfolio) -> None:
    names = set(sample.enterprises["name"])
    assert all("示例" in n or "虚构" in n for n in names)
    documented = set(re.findall(r"^\| (示例[^|]*?) \|", README.read_text(encoding="utf-8"), re.M))
    assert len(documented) >= 30
    assert documented <= names


def test_article_16_cases(sample: Portfolio) -> None:
    loans = sample.loans[sample.loans["collateral"] == "知识产权质押"].copy()
    loans["cap"] = [lpr_1y(d) * 1.4 for d in loans["start_date"]]
    chuanliu = records_of(sample, "loans", "示例川流智能装备有限公司").sort_values("start_date")
    over = chuanliu["rate"] > [lpr_1y(d) * 1.4 for d in chuanliu["start_date"]]
    assert over.tolist() == [False, True] and chuanliu["rate"].nunique() == 1
    yuanfan = loans[
        loans["uscc"].isin(records_of(sample, "loans", "示例远帆数据服务有限公司").uscc)
    ]
    assert (yuanfan["rate"] > yuanfan["cap"]).all()
    # Exactly one enterprise-year whose 40 % subsidy exceeds the 500,000 cap.
    loans["year"] = loans["start_date"].dt.year
    yearly = loans.groupby(["uscc", "year"])["interest_paid"].sum() * 0.40
    over_cap = yearly[yearly > 500_000]
    codes = by_name(sample)["uscc"]
    assert list(over_cap.index) == [(codes["示例北辰量子信息技术有限公司"], 2024)]
    ent = by_name(sample)
    assert ent.loc["示例巨石装备制造有限公司", "revenue"] > 200_000_000
    assert pd.isna(ent.loc["示例蓝湾环保科技有限公司", "revenue"])
    assert records_of(sample, "loans", "示例恒拓医疗器械有限公司")["rate"].isna().all()
    assert records_of(sample, "loans", "示例鹿鸣文化创意有限公司")["interest_paid"].isna().all()
    dingxin = records_of(sample, "loans", "示例鼎新电子有限公司")
    assert len(dingxin) > 0 and (dingxin["collateral"] != "知识产权质押").all()


def test_article_28_cases(sample: Portfolio) -> None:
    ev = sample.events
    assert sorted(ev["kind"].unique()) == ["境内上市", "境外上市", "并购并表", "新三板挂牌"]
    assert records_of(sample, "events", "示例银杏机器人有限公司")["fee_paid"].iloc[0] > 1_000_000
    huazhang = records_of(sample, "events", "示例华章信息技术股份有限公司")
    assert len(huazhang) == 2 and huazhang["date"].dt.year.nunique() == 1
    assert huazhang["fee_paid"].sum() > 2_000_000 and huazhang["consolidated_haidian"].all()
    assert records_of(sample, "events", "示例清泉节能科技有限公司")["fee_paid"].isna().all()
    jinshi = records_of(sample, "events", "示例金石材料股份有限公司")
    assert jinshi["consolidated_haidian"].tolist() == [False]
    assert (
        records_of(sample, "events", "示例明德医药股份有限公司")["consolidated_haidian"]
        .isna()
        .all()
    )
    ent = by_name(sample)
    assert ent.loc["示例启明星新能源有限公司", "listing_status"] == "新三板"
    assert ent.loc["示例合众数科有限公司", "listing_status"] is None
    assert ent.loc["示例朝晖网络科技有限公司", "district"] == "朝阳区"


def test_reading_leaves_the_file_untouched(tmp_path: Path) -> None:
    copy = tmp_path / "sample.xlsx"
    shutil.copyfile(SAMPLE, copy)
    before = copy.read_bytes()
    mtime = copy.stat().st_mtime_ns
    read_portfolio(copy)
    assert copy.read_bytes() == before and copy.stat().st_mtime_ns == mtime


def test_generator_is_deterministic(tmp_path: Path) -> None:
    outputs = []
    for name in ("a.xlsx", "b.xlsx"):
        out = tmp_path / name
        subprocess.run([sys.executable, str(GENERATOR), "--out", str(out)], check=True, cwd=REPO)
        outputs.append(out)
    assert outputs[0].read_bytes() == outputs[1].read_bytes()
    first, second, bundled = (read_portfolio(p) for p in (*outputs, SAMPLE))
    for table in ("enterprises", "loans", "events"):
        pd.testing.assert_frame_equal(getattr(first, table), getattr(second, table))
        # The committed sample is what the generator writes now (run it after editing it).
        pd.testing.assert_frame_equal(getattr(first, table), getattr(bundled, table))


def test_generator_timestamps_are_fixed(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "s.xlsx"
    subprocess.run([sys.executable, str(GENERATOR), "--out", str(out)], check=True, cwd=REPO)
    book = load_workbook(out, read_only=True)
    try:
        assert book.properties.created == dt.datetime(2025, 12, 31)
        assert book.sheetnames == ["企业", "贷款", "上市并购事件"]
    finally:
        book.close()

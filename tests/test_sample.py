"""The bundled sample: it reads cleanly, keeps its documented cases, and regenerates stably."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
import yaml

from desktop.core.catalogue import load_catalogue
from desktop.core.engine import evaluate_portfolio
from desktop.core.evaluation import Evaluation
from desktop.core.fields import INSURANCE_PRODUCTS
from desktop.core.outcomes import Explanation
from desktop.core.portfolio import Portfolio
from desktop.spreadsheet.reader import read_portfolio

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "resources" / "samples" / "sample_portfolio.xlsx"
README = REPO / "resources" / "samples" / "README.md"
GENERATOR = REPO / "tools" / "make_sample.py"
BAD_CODE_NAME = "示例校验码错误测试有限公司（虚构：信用代码校验位错误）"
SHEETS = ["企业", "贷款", "上市并购事件", "担保", "保险", "不良与代偿", "项目", "机构"]
TABLES = ("enterprises", "loans", "events", "guarantees", "insurance", "losses", "projects")
AS_OF = dt.date(2025, 12, 31)
# Measures whose amount parameters are deliberately "not set" (null) in the catalogue: the
# sample shows them as 待补数据, never as eligible.
# Measures no record of the sample qualifies for, and why (tested by policy cases instead).
NOT_IN_SAMPLE = {
    # the sample's only first-loan guarantee starts 2025-02-20, under 京经信发〔2025〕4号,
    # which gives no guarantee-fee subsidy
    "jzbf-2023-23.19.guarantee_fee",
    # the sample's bank losses are IP-pledge or credit loans, compensated under 190号第19条 /
    # 第27条; the pool (only 研究建立) is not computed by default anyway
    "jzbf-2023-23.19.risk_pool",
}
UNSET = {
    "jjr-2022-190.9.basic",
    "jjr-2022-190.9.upgrade",
    "jjr-2022-190.9.innovation",
    "jjr-2022-190.17",
    "jzbf-2023-23.23.appraisal_fee",
    "jzbf-2023-23.23.guarantee_fee",
    "jzbf-2023-23.23.risk",
}


@pytest.fixture(scope="module")
def sample() -> Portfolio:
    return read_portfolio(SAMPLE)


def by_name(portfolio: Portfolio) -> pd.DataFrame:
    return portfolio.enterprises.set_index("name")


@pytest.fixture(scope="module")
def evaluation(sample: Portfolio) -> Evaluation:
    return evaluate_portfolio(sample, load_catalogue(REPO / "policies"), as_of=AS_OF)


def outcome(evaluation: Evaluation, name: str, measure: str) -> Explanation:
    names = evaluation.enterprises["name"].tolist()
    return evaluation.explain(names.index(name), measure)


def yuan(value: str) -> Decimal:
    return Decimal(value)


def records_of(portfolio: Portfolio, table: str, name: str) -> pd.DataFrame:
    code = by_name(portfolio).loc[name, "uscc"]
    frame = getattr(portfolio, table)
    return frame[frame["uscc"] == code]


def lpr_1y(day: pd.Timestamp) -> float:
    fixings = yaml.safe_load((REPO / "policies/reference/lpr.yaml").read_text(encoding="utf-8"))
    return [f["1y"] for f in fixings["fixings"] if f["from"] <= day.date()][-1] / 100


def test_counts_and_dtypes(sample: Portfolio) -> None:
    assert len(sample.enterprises) == 59
    assert 85 <= len(sample.loans) <= 110
    assert len(sample.events) == 16
    assert len(sample.guarantees) == 7
    assert len(sample.insurance) == 11
    assert len(sample.losses) == 15
    assert len(sample.projects) == 20
    assert len(sample.institutions) == 13
    ent, loans, events = sample.enterprises, sample.loans, sample.events
    assert str(ent["revenue"].dtype) == "float64"
    assert str(ent["founded"].dtype) == "datetime64[ns]"
    assert all(str(ent[c].dtype) == "boolean" for c in ent.columns if c.startswith("q_"))
    assert str(loans["rate"].dtype) == "float64"
    assert str(loans["start_date"].dtype) == "datetime64[ns]"
    assert str(events["consolidated_haidian"].dtype) == "boolean"
    assert str(loans["first_loan"].dtype) == "boolean"
    assert str(ent["zgc_member"].dtype) == "boolean"
    assert str(sample.guarantees["government_backed"].dtype) == "boolean"
    assert str(sample.losses["date"].dtype) == "datetime64[ns]"
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
    # Percent headers → fractions; 万元 → yuan on every new sheet.
    assert sample.guarantees["fee_rate"].between(0.01, 0.025).all()
    assert sample.losses["risk_share"].dropna().between(0.1, 1.0).all()
    assert sample.institutions["npl_ratio"].dropna().between(0.01, 0.02).all()
    assert sample.institutions["sme_tech_npl_ratio"].dropna().between(0.015, 0.05).all()
    hemiao = records_of(sample, "guarantees", "示例禾苗农业科技有限公司")
    assert hemiao[["amount", "fee_rate", "fee_paid"]].values.tolist() == [[5e6, 0.01, 5e4]]
    platform = records_of(sample, "projects", "示例徐汇中试平台科技有限公司")
    assert 30_000_000.0 in platform["requested"].tolist()
    lishi = records_of(sample, "losses", "示例砺石芯片设计有限公司")
    assert lishi["principal_lost"].tolist() == [4_000_000.0] * 4
    assert sorted(lishi["risk_share"]) == [0.1, 0.1, 0.3, 0.5]


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
    # 注册区 blank, 北京市 given: the credit code's registering authority (110108) is read.
    assert ent.loc["示例无界空间科技有限公司", "district"] == "海淀区"
    starts = sample.loans["start_date"]
    assert starts.min() >= pd.Timestamp(2023, 1, 1) and starts.max() <= pd.Timestamp(2025, 12, 31)
    assert sample.events["date"].max() <= pd.Timestamp(2025, 12, 31)
    assert ent.loc["示例紫竹生物计算有限公司", "district"] == "闵行区"
    assert ent.loc["示例紫竹生物计算有限公司", "city"] is None  # 上海市 is derived
    # 注册区 blank, 上海市 given, but the code's authority is in Beijing: nothing inferred.
    assert ent.loc["示例漕河泾智能传感有限公司", "district"] is None
    assert ent.loc["示例漕河泾智能传感有限公司", "city"] == "上海市"
    assert ent.loc["示例新干灯饰科技有限公司", "district"] == "新干县"
    assert ent.loc["示例磁悬精工装备有限公司", "size_class"] == "中型"
    assert ent["size_class"].notna().sum() == 3  # most sizes are derived
    assert ent["city"].notna().sum() > ent["city"].isna().sum()  # most cities are given
    assert ent["zgc_member"].isna().any() and ent["rd_expense"].isna().any()
    loans = sample.loans
    assert loans["first_loan"].isna().sum() == 2  # 示例蓝湾 only
    assert (loans["purpose"] == "数字化转型专项贷款").sum() == 3


def test_only_issue_is_the_marked_bad_code(sample: Portfolio) -> None:
    inferred = [i for i in sample.issues if i.severity == "info"]
    assert [(i.row, i.action) for i in inferred] == [
        (47, "按缺失处理（待补）/ treated as missing"),  # 漕河泾: code in Beijing, city 上海市
        (23, "按推定值使用 / the inferred value is used"),  # 无界空间: 海淀区 from the code
    ]
    assert "北京市海淀区" in inferred[0].message
    problems = [i for i in sample.issues if i.severity != "info"]
    assert len(problems) == 1
    issue = problems[0]
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
    assert documented <= names
    # Every enterprise but the ten generated filler ones has a row in a README table.
    assert len(documented) == len(names) - 10


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
    zhaohui = records_of(sample, "events", "示例朝晖网络科技有限公司")
    assert zhaohui["board"].tolist() == ["基础层", "基础层调入创新层"]


def test_new_sheets_link_up(sample: Portfolio) -> None:
    loans = sample.loans.set_index("loan_id")["uscc"]
    for table in ("guarantees", "losses"):
        frame = getattr(sample, table)
        assert frame["loan_id"].notna().all()
        assert (frame["uscc"] == loans.loc[frame["loan_id"]].to_numpy()).all(), table
    known = set(sample.institutions["institution"])
    assert set(sample.losses["institution"]) <= known
    assert set(sample.guarantees["guarantor"]) <= known
    assert set(sample.insurance["insurer"]) <= known
    assert set(sample.loans["lender"]) <= known
    assert set(sample.insurance["product"]) == set(INSURANCE_PRODUCTS)  # every 险种
    assert set(sample.losses["business_type"]) == {"知识产权质押融资", "信用贷款", "融资担保"}
    assert set(sample.losses["institution_type"]) == {
        "银行",
        "担保机构",
        "保险机构",
        "知识产权服务机构",
    }
    assert sample.projects["project_id"].is_unique  # the reader drops repeated ids
    assert sample.projects["kind"].nunique() == 15


def test_every_measure_is_exercised(evaluation: Evaluation) -> None:
    """Each measure has an eligible enterprise (or, with unset amounts, 待补数据 ones)."""
    totals = evaluation.totals()
    assert len(totals) == len(evaluation.catalogue.enterprise_measure_ids())
    for measure, counts in evaluation.institution_totals_by_status().items():
        assert counts["eligible"] > 0 and counts["ineligible"] > 0, measure
    for measure, counts in totals.items():
        assert counts["ineligible"] > 0, measure
        if measure in UNSET:
            assert counts["eligible"] == 0 and counts["unknown"] > 0, measure
        elif measure in NOT_IN_SAMPLE:
            assert counts["eligible"] == 0, measure
        else:
            assert counts["eligible"] > 0, measure
    assert sum(c["unknown"] > 0 for c in totals.values()) >= 20
    star = outcome(evaluation, "示例星河智能科技有限公司", "jjr-2022-190.17")
    assert star.status == "unknown"
    assert star.missing == [
        "parameters.jjr-2022-190.17.ratio",
        "parameters.jjr-2022-190.17.cap_per_year",
    ]


def test_jjr_190_outcomes(evaluation: Evaluation) -> None:
    def ok(name: str, measure: str, amount: str) -> None:
        found = outcome(evaluation, name, measure)
        assert (found.status, found.amount) == ("eligible", yuan(amount)), (name, measure)

    # Both its IP-pledge loans were drawn in 2024, after 23号 (2023-10-26): they count under
    # 23号第23条 (policies/overlaps.yaml), even the one 23号's yearly cap leaves at 0; 190号第16条
    # gave 500,000.00 (its cap) on top before.
    ok("示例北辰量子信息技术有限公司", "jjr-2022-190.16", "0.00")
    ok("示例星河智能科技有限公司", "jjr-2022-190.17.haidian", "2500.00")  # two policies, capped
    ok("示例萤火微纳传感科技有限公司", "jjr-2022-190.17.haidian", "2500.00")
    ok("示例砺石芯片设计有限公司", "jjr-2022-190.19.bank", "600000.00")
    ok("示例砺石芯片设计有限公司", "jjr-2022-190.19.guarantor", "360000.00")
    ok("示例砺石芯片设计有限公司", "jjr-2022-190.19.insurer", "120000.00")
    ok("示例砺石芯片设计有限公司", "jjr-2022-190.19.ip_agency", "120000.00")
    ok("示例远帆数据服务有限公司", "jjr-2022-190.19.bank", "756000.00")
    ok("示例恒信精密机械有限公司", "jjr-2022-190.20", "1440000.00")
    ok("示例鼎新电子有限公司", "jjr-2022-190.27", "960000.00")
    ok("示例华章信息技术股份有限公司", "jjr-2022-190.28.ma", "2000000.00")
    statuses = {
        ("示例知行教育科技有限公司", "jjr-2022-190.17.haidian"): "ineligible",  # 1000万 exactly
        ("示例拾光影像技术有限公司", "jjr-2022-190.17.haidian"): "unknown",
        ("示例远帆数据服务有限公司", "jjr-2022-190.19.insurer"): "unknown",
        ("示例晨光商贸有限公司", "jjr-2022-190.19.bank"): "ineligible",
        ("示例启程动力系统有限公司", "jjr-2022-190.20"): "ineligible",  # over 1000万
        ("示例磁悬精工装备有限公司", "jjr-2022-190.20"): "ineligible",  # 中型
        ("示例蓝湾环保科技有限公司", "jjr-2022-190.20"): "unknown",
        ("示例澄明光电科技有限公司", "jjr-2022-190.27"): "ineligible",
        ("示例知微检测技术有限公司", "jjr-2022-190.27"): "unknown",
        ("示例朝晖网络科技有限公司", "jjr-2022-190.9.upgrade"): "unknown",
        ("示例清泉节能科技有限公司", "jjr-2022-190.9.basic"): "ineligible",
    }
    for (name, measure), status in statuses.items():
        assert outcome(evaluation, name, measure).status == status, (name, measure)


def test_jzbf_23_outcomes(evaluation: Evaluation) -> None:
    # 第19条 by drawdown date: 禾苗's first loan was drawn 2025-02-20, so 京经信发〔2025〕4号
    # applies (20% of the interest paid, within 1% of the amount), not 34号, and its guarantee
    # gets no guarantee-fee subsidy (4号 has none).
    interest = outcome(evaluation, "示例禾苗农业科技有限公司", "jzbf-2023-23.19.interest")
    interest_4 = outcome(evaluation, "示例禾苗农业科技有限公司", "jzbf-2023-23.19.interest_2025")
    fee = outcome(evaluation, "示例禾苗农业科技有限公司", "jzbf-2023-23.19.guarantee_fee")
    assert interest.status == "ineligible"
    assert (interest_4.status, interest_4.amount) == ("eligible", yuan("34540.00"))
    assert fee.status == "ineligible"
    assert any("担保起始日在2023-10-26至2025-02-18之间" in r for r in fee.items[0].reasons)
    jushi = outcome(evaluation, "示例巨石装备制造有限公司", "jzbf-2023-23.19.interest")
    # a 2000万 first loan is still in (34号: 20% of the interest paid, 164,655.56) but it is
    # also an IP-pledge loan: one municipal interest subsidy per loan, the higher 23号第23条
    # (a named interpretation)
    assert jushi.status == "eligible" and jushi.items[0].raw_fen == 16_465_556
    assert jushi.amount == yuan("0.00")
    reasons = [r for item in jushi.items for r in item.reasons]
    assert any("【解释】同一笔贷款只享受一项市级贷款贴息" in r for r in reasons)
    assert outcome(evaluation, "示例亦庄智造科技有限公司", "jzbf-2023-23.19.interest").status == (
        "ineligible"
    )
    assert outcome(evaluation, "示例蓝湾环保科技有限公司", "jzbf-2023-23.19.interest").missing == [
        "loans.first_loan"
    ]
    hengxin = outcome(evaluation, "示例恒信精密机械有限公司", "jzbf-2023-23.19.guarantee_fee")
    # Its guarantee covers a loan that is not a first loan (read through 贷款编号).
    assert hengxin.status == "ineligible"
    assert any("✗ 所担保贷款为首贷：否" in r for i in hengxin.items for r in i.reasons)
    checks = {"示例禾苗农业科技有限公司": "eligible", "示例恒信精密机械有限公司": "ineligible"}
    checks["示例启程动力系统有限公司"] = "unknown"
    for name, status in checks.items():
        assert outcome(evaluation, name, "jzbf-2023-23.18.fee_rate").status == status, name
    # the pool never compensates a loss 190号第19条 already compensates
    pool = outcome(evaluation, "示例砺石芯片设计有限公司", "jzbf-2023-23.19.risk_pool")
    assert pool.status == "ineligible"
    assert any("190号第19条" in r for i in pool.items for r in i.reasons)
    beichen = outcome(evaluation, "示例北辰量子信息技术有限公司", "jzbf-2023-23.23.interest")
    assert beichen.amount == yuan("300000.00")
    assert outcome(evaluation, "示例鹿鸣文化创意有限公司", "jzbf-2023-23.23.interest").missing == [
        "loans.interest_paid"
    ]


def test_jian_outcomes(evaluation: Evaluation) -> None:
    lamps = outcome(evaluation, "示例新干灯饰科技有限公司", "jian-xingan-ip.1")
    # days stop at the as-of date: under the 100,000 cap now
    assert (lamps.status, lamps.amount) == ("eligible", yuan("63760.00"))
    assert [i.amount_fen for i in lamps.items] == [2_976_000, 3_400_000]
    salt = outcome(evaluation, "示例新干盐化新材料有限公司", "jian-xingan-ip.1")
    assert (salt.status, salt.missing) == ("unknown", ["loans.end_date"])
    digital = {
        "示例吉州云数科技有限公司": ("eligible", yuan("20555.56")),  # days up to the as-of date
        "示例泰和电子元件有限公司": ("eligible", yuan("7500.00")),
        "示例泰和智能家居有限公司": ("unknown", None),
        "示例新干盐化新材料有限公司": ("ineligible", None),
    }
    for name, expected in digital.items():
        found = outcome(evaluation, name, "jian-digital-loan.1")
        assert (found.status, found.amount) == expected, name


def test_shanghai_outcomes(evaluation: Evaluation) -> None:
    first_set = outcome(evaluation, "示例临港量子装备股份有限公司", "hfbg-2025-8.8")
    assert (first_set.status, first_set.amount) == ("eligible", yuan("20000000.00"))
    assert first_set.items[0].raw_fen == 2_400_000_000  # 30 % of an 8000万 contract
    expected = {
        ("示例浦江未来孵化器管理有限公司", "hfbg-2025-8.3.incubator"): "20000000.00",
        ("示例徐汇中试平台科技有限公司", "hfbg-2025-8.3.platform"): "30000000.00",
        ("示例紫竹生物计算有限公司", "hfbg-2025-8.4.basic_research"): "10000000.00",
        ("示例紫竹生物计算有限公司", "hfbg-2025-8.5"): "500000.00",
        ("示例临港量子装备股份有限公司", "hfbg-2025-8.11"): "850000.00",
        ("示例漕河泾智能传感有限公司", "hfbg-2025-8.6.events"): "150000.00",
    }
    for (name, measure), amount in expected.items():
        found = outcome(evaluation, name, measure)
        assert (found.status, found.amount) == ("eligible", yuan(amount)), (name, measure)
    assert outcome(evaluation, "示例漕河泾智能传感有限公司", "hfbg-2025-8.5").status == "unknown"
    assert outcome(evaluation, "示例漕河泾智能传感有限公司", "hfbg-2025-8.9").status == (
        "ineligible"  # its only scenario is dated 2026
    )
    assert outcome(evaluation, "示例长河半导体股份有限公司", "hfbg-2025-8.12").status == (
        "ineligible"  # a Beijing enterprise
    )


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
    for table in (*TABLES, "institutions"):
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
        assert book.sheetnames == SHEETS
        for name in SHEETS:
            rows = list(book[name].iter_rows(min_row=1, max_row=2, values_only=True))
            assert rows[0][0] == "示例银行科技金融部客户台账（虚构数据，仅供演示）"
            assert rows[1][0] == "数据截至2025年12月31日"
    finally:
        book.close()

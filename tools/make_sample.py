"""Write resources/samples/sample_portfolio.xlsx: a fictional ledger that exercises the catalogue.

Deterministic (fixed seed, fixed workbook timestamps) so that re-running it changes nothing
unless this file or tools/sample_data.py changes. Every enterprise and institution name contains
示例 or 虚构; credit codes are made with zero organisation codes so they cannot be mistaken for
real registrations. The case tables live in tools/sample_data.py; each named case is documented
in resources/samples/README.md, and _assert_cases() keeps the intended edge cases true when
someone edits the numbers.

Usage: python tools/make_sample.py [--out PATH]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import xlsxwriter
import yaml

ROOT = Path(__file__).resolve().parent.parent
for _path in (ROOT, Path(__file__).resolve().parent):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from sample_data import (  # noqa: E402
    AUTO,
    FILLER_DISTRICTS,
    FILLER_INDUSTRIES,
    FILLER_NAMES,
    GUARANTEES,
    INSTITUTIONS,
    JIAN,
    LENDERS,
    OTHER_COLLATERAL,
    PURPOSES,
    REGION,
    SHANGHAI,
    STREETS,
    Ent,
    Event,
    Guarantee,
    Loan,
    Loss,
    Policy,
    Project,
    case_enterprises,
    case_events,
    case_insurance,
    case_loans,
    case_losses,
    case_projects,
    flags,
)

from desktop.spreadsheet.uscc import make_uscc  # noqa: E402

SEED = 20251231
AS_OF = dt.date(2025, 12, 31)
FIXED_TIME = dt.datetime(2025, 12, 31, 0, 0, 0)
DEFAULT_OUT = ROOT / "resources" / "samples" / "sample_portfolio.xlsx"
LPR_FILE = ROOT / "policies" / "reference" / "lpr.yaml"
TITLE = "示例银行科技金融部客户台账（虚构数据，仅供演示）"
AS_OF_LINE = "数据截至2025年12月31日"
BAD_CODE_NAME = "示例校验码错误测试有限公司（虚构：信用代码校验位错误）"
QUALIFICATIONS = (
    "高新技术企业",
    "科技型中小企业",
    "专精特新中小企业",
    "专精特新“小巨人”企业",
    "国家技术创新示范企业",
    "制造业单项冠军企业",
)


class Sample:
    def __init__(self) -> None:
        self.enterprises: list[Ent] = case_enterprises()
        self.loans: list[Loan] = case_loans()
        self.events: list[Event] = case_events()
        self.guarantees: list[Guarantee] = [
            Guarantee(g.ent, g.loan, g.guarantor, g.government, g.fee_pct, g.fee_paid)
            for g in GUARANTEES
        ]
        self.insurance: list[Policy] = case_insurance()
        self.losses: list[Loss] = case_losses()
        self.projects: list[Project] = case_projects()

    def ent(self, key: str) -> Ent:
        return next(e for e in self.enterprises if e.key == key)

    def loan(self, tag: str) -> Loan:
        return next(ln for ln in self.loans if ln.tag == tag)


def lpr_1y(day: dt.date) -> float:
    """The 1-year LPR (percent) in force on ``day``, from policies/reference/lpr.yaml."""
    fixings = yaml.safe_load(LPR_FILE.read_text(encoding="utf-8"))["fixings"]
    rate = None
    for fixing in fixings:
        if fixing["from"] <= day:
            rate = float(fixing["1y"])
    if rate is None:
        raise ValueError(f"no LPR before {day}")
    return rate


def _filler(rng: random.Random) -> tuple[list[Ent], list[Loan]]:
    """Ordinary enterprises with ordinary loans, so the sample looks like a real ledger."""
    ents: list[Ent] = []
    loans: list[Loan] = []
    for i, (name, district) in enumerate(zip(FILLER_NAMES, FILLER_DISTRICTS, strict=True)):
        key = f"filler{i}"
        quals = flags(*rng.sample(range(6), rng.randint(1, 2)))
        revenue = round(rng.uniform(800, 16000), 2)
        ents.append(
            Ent(key, name, district, quals, revenue, "未上市", rng.choice(FILLER_INDUSTRIES))
        )
        for _ in range(rng.randint(3, 6)):
            start = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randint(0, 1080))
            ip = rng.random() < 0.35
            loans.append(
                Loan(
                    key,
                    "知识产权质押" if ip else rng.choice(OTHER_COLLATERAL),
                    start,
                    rng.choice((100, 200, 300, 500, 800, 1000)),
                    "below" if rng.random() < 0.85 else "above",
                    AUTO if rng.random() < 0.93 else None,
                    rng.choice((365, 365, 730)),
                )
            )
    return ents, loans


def _fill_enterprise(ent: Ent, serial: int, rng: random.Random) -> None:
    """Credit code, then every attribute not pinned in the case table (drawn in a fixed order)."""
    ent.uscc = make_uscc(f"91{REGION.get(ent.district or '海淀区', '110108')}{serial:09d}")
    if ent.name == BAD_CODE_NAME:  # wrong check character, on purpose
        good = ent.uscc
        ent.uscc = good[:-1] + ("0" if good[-1] != "0" else "1")
    district = ent.district
    pinned_city = ent.pins.get("city")
    if district in SHANGHAI or pinned_city == "上海市":
        city, province = "上海市", ""
    elif district in JIAN or pinned_city == "吉安市":
        city, province = ("吉安市" if rng.random() < 0.6 else None), "江西省"
    else:
        city, province = ("北京市" if rng.random() < 0.55 else None), ""
    real_city = "吉安市" if province else ("上海市" if city == "上海市" else "北京市")
    ent.city = city if district else None
    street = rng.choice(STREETS)
    number = rng.randint(1, 300)
    ent.address = (
        f"{province}{real_city}{district}{street}{number}号"
        if district and rng.random() < 0.9
        else None
    )
    high_tech = ent.quals[0] == "是"
    draw = rng.random()
    if province or city == "上海市":  # 中关村 is in Beijing
        ent.zgc = "否"
    elif high_tech:
        ent.zgc = "是" if draw < 0.8 else None
    else:
        ent.zgc = "否" if draw < 0.75 else None
    ent.employees = rng.randint(12, 900)
    revenue = ent.revenue_wan
    ent.assets_wan = round((revenue or 3000) * rng.uniform(0.8, 2.5), 2)
    ent.founded = dt.date(2004, 1, 1) + dt.timedelta(days=rng.randint(0, 6200))
    share, costs, rd, ht = (
        rng.uniform(a, b) for a, b in ((0.06, 0.5), (0.7, 1.02), (0.015, 0.12), (0.35, 0.95))
    )
    has_books, has_staff, has_ip = rng.random() > 0.12, rng.random() > 0.1, rng.random() > 0.1
    ip1, ip2 = rng.randint(0, 15), rng.randint(0, 40)
    for name, value in ent.pins.items():  # pinned values win (None = a deliberate blank)
        setattr(ent, name, value)
    if ent.employees is not None and has_staff:
        ent.tech_staff = max(1, round(ent.employees * share))
    if revenue is not None and has_books:
        ent.costs_wan = round(revenue * costs, 2)
        ent.rd_wan = round(revenue * rd, 2)
        ent.ht_income_wan = round(
            revenue * (ht if any(q == "是" for q in ent.quals) else ht / 4), 2
        )
    if has_ip:
        ent.ip1, ent.ip2 = ip1, ip2


def _fill_loans(sample: Sample, rng: random.Random) -> None:
    sample.loans.sort(key=lambda ln: (ln.start, ln.ent))
    for n, loan in enumerate(sample.loans, start=1):
        loan.loan_id = f"DK{loan.start.year}-{n:03d}"
        drawn = rng.choice(LENDERS)
        loan.lender = loan.lender or drawn
        purpose = rng.choice(PURPOSES) if rng.random() < 0.92 else None
        if loan.purpose == AUTO:
            loan.purpose = "研发投入" if loan.collateral == "知识产权质押" and purpose else purpose
        cap = lpr_1y(loan.start) * 1.4
        if loan.rate == "below":
            loan.rate_pct = round(lpr_1y(loan.start) + rng.uniform(0.05, 0.9), 2)
        elif loan.rate == "above":
            loan.rate_pct = round(cap + rng.uniform(0.3, 1.2), 2)
        else:
            loan.rate_pct = loan.rate if isinstance(loan.rate, float | int) else None
        if loan.rate_pct is not None:
            assert abs(loan.rate_pct - cap) > 0.05, "no rate may sit on the cap"
        if loan.interest == AUTO and loan.rate_pct is not None:
            end = min(loan.start + dt.timedelta(days=loan.term_days), AS_OF)
            days = (end - loan.start).days
            loan.interest_yuan = round(
                loan.amount_wan * 10000 * loan.rate_pct / 100 * days / 360, 2
            )


def _number(rows: Sequence[object], prefix: str, date_of: str, id_field: str, width: int) -> None:
    """Ids like DB2025-03: the year of the row's date and a running number in date order."""
    for n, row in enumerate(rows, start=1):
        setattr(row, id_field, f"{prefix}{getattr(row, date_of).year}-{n:0{width}d}")


def build_cases() -> Sample:
    """All rows with derived fields filled in (codes, rates, interest, ids, linked loans)."""
    rng = random.Random(SEED)
    sample = Sample()
    extra_ents, extra_loans = _filler(rng)
    sample.enterprises += extra_ents
    sample.loans += extra_loans
    for serial, ent in enumerate(sample.enterprises, start=1):
        _fill_enterprise(ent, serial, rng)
    _fill_loans(sample, rng)
    sample.events.sort(key=lambda ev: (ev.date, ev.ent))
    _number(sample.events, "SJ", "date", "event_id", 2)
    for g in sample.guarantees:
        loan = sample.loan(g.loan)
        g.loan_id, g.amount_wan, g.start, g.end = (
            loan.loan_id,
            loan.amount_wan,
            loan.start,
            loan.end,
        )
        if g.fee_paid == AUTO and g.fee_pct is not None:
            g.fee_yuan = round(g.amount_wan * 10000 * g.fee_pct / 100 * loan.term_days / 365, 2)
        elif isinstance(g.fee_paid, float | int):
            g.fee_yuan = float(g.fee_paid)
    sample.guarantees.sort(key=lambda g: (g.start or AS_OF, g.ent))
    _number(sample.guarantees, "DB", "start", "guarantee_id", 2)
    sample.insurance.sort(key=lambda p: (p.start, p.ent))
    _number(sample.insurance, "BX", "start", "policy_id", 2)
    for loss in sample.losses:
        loan = sample.loan(loss.loan)
        loss.loan_id = loan.loan_id
        loss.institution = loss.institution or loan.lender
    sample.losses.sort(key=lambda x: (x.date, x.ent))
    _number(sample.losses, "SS", "date", "loss_id", 2)
    sample.projects.sort(key=lambda p: (p.date, p.ent))
    _number(sample.projects, "XM", "date", "project_id", 2)
    _assert_cases(sample)
    return sample


def _assert_cases(sample: Sample) -> None:
    """The documented edge cases must stay true if someone edits the numbers."""
    ent, loan = sample.ent, sample.loan
    ip = [ln for ln in sample.loans if ln.collateral == "知识产权质押"]
    # 190号16: only 北辰量子 2024 goes over the 500,000 yearly cap (40 % of interest paid).
    yearly: dict[tuple[str, int], float] = {}
    for ln in ip:
        yearly[(ln.ent, ln.start.year)] = yearly.get((ln.ent, ln.start.year), 0) + (
            ln.interest_yuan or 0
        )
    assert [k for k, v in yearly.items() if v * 0.40 > 500_000] == [("beichen", 2024)]
    assert ent("fengyan").revenue_wan == 20000.0  # exactly 2亿元
    assert (ent("jushi").revenue_wan or 0) > 20000
    # 190号28
    huazhang = [e.fee or 0 for e in sample.events if e.ent == "huazhang"]
    assert len(huazhang) == 2 and sum(huazhang) > 2_000_000 and max(huazhang) < 2_000_000
    assert [e.fee for e in sample.events if e.ent == "changhe"] == [3000000]
    assert max(e.fee or 0 for e in sample.events if e.ent == "yinxing") > 1_000_000
    # 190号17 海淀: 2,500 exactly; revenue exactly 1000万 (not below); two policies over the cap
    assert [p.premium for p in sample.insurance if p.ent == "yinghuo"] == [2500]
    assert ent("zhixing").revenue_wan == 1000.0 and ent("shiguang").employees is None
    assert sum(p.premium or 0 for p in sample.insurance if p.ent == "xinghe") > 2500
    # 23号19: one first loan per enterprise; 2000万 exactly and over it; the choice case
    firsts = [ln.ent for ln in sample.loans if ln.first == "是"]
    assert len(firsts) == len(set(firsts))
    assert [ln.amount_wan for ln in sample.loans if ln.ent == "jushi" and ln.first] == [2000]
    assert any(
        ln.amount_wan > 2000 for ln in sample.loans if ln.ent == "yizhuang" and ln.first == "是"
    )
    hemiao_loan = loan("hemiao-first")
    hemiao = next(g for g in sample.guarantees if g.ent == "hemiao")
    interest = hemiao_loan.amount_wan * 10000 * 0.01 * 365 / 360
    assert hemiao.fee_yuan is not None and hemiao.fee_yuan < interest  # interest wins the choice
    # 190号20: guaranteed amount exactly 1000万 counts, over it does not
    business = {x.ent: x.business_wan for x in sample.losses if x.business == "融资担保"}
    assert business["hengxin"] == 1000 and (business["qicheng"] or 0) > 1000
    # 新干县: two IP loans whose subsidies add up to more than the 100,000 cap
    subsidies = [
        ln.amount_wan * 10000 * lpr_1y(ln.start) / 100 * 0.2 * ln.term_days / 360
        for ln in sample.loans
        if ln.ent == "xgdengshi"
    ]
    assert len(subsidies) == 2 and max(subsidies) < 100_000 < sum(subsidies)
    assert [
        ln.end for ln in sample.loans if ln.ent == "xgyanhua" and ln.collateral == "知识产权质押"
    ] == [None]
    # 沪: cap edges
    req = {(p.ent, p.kind): p for p in sample.projects}
    assert req[("xuhui", "专业服务平台")].requested_wan == 3000
    assert (req[("lingang", "首台套产品")].contract_wan or 0) * 0.3 > 2000
    basic = [
        p.requested_wan or 0
        for p in sample.projects
        if p.ent == "zizhu" and p.kind == "基础研究投入"
    ]
    assert max(basic) < 1000 < sum(basic)
    # Links and identities
    owners = {ln.loan_id: ln.ent for ln in sample.loans}
    for row in (*sample.guarantees, *sample.losses):
        assert owners[row.loan_id] == row.ent, row
    known = {i.name for i in INSTITUTIONS}
    named = {ln.lender for ln in sample.loans} | {g.guarantor for g in sample.guarantees}
    named |= {p.insurer for p in sample.insurance} | {x.institution or "" for x in sample.losses}
    assert named <= known, named - known
    # The reader takes a number below 1 under a "（%）" header for a fraction: keep them ≥ 1.
    percents = [g.fee_pct for g in sample.guarantees] + [x.share_pct for x in sample.losses]
    percents += [i.npl_pct for i in INSTITUTIONS] + [i.sme_npl_pct for i in INSTITUTIONS]
    assert all(p is None or p >= 1 for p in percents)
    for rows, key in (
        (sample.loans, "loan_id"),
        (sample.events, "event_id"),
        (sample.guarantees, "guarantee_id"),
        (sample.insurance, "policy_id"),
        (sample.losses, "loss_id"),
        (sample.projects, "project_id"),
    ):
        ids = [getattr(r, key) for r in rows]
        assert len(ids) == len(set(ids)), key
    assert len({e.uscc for e in sample.enterprises}) == len(sample.enterprises)
    assert len({e.key for e in sample.enterprises}) == len(sample.enterprises)
    names = [e.name for e in sample.enterprises] + [i.name for i in INSTITUTIONS]
    assert all("示例" in n or "虚构" in n for n in names)
    assert 50 <= len(sample.enterprises) <= 60


Column = tuple[str, str, Callable[[Any], object]]  # header, cell kind, value of a row


def _write_sheet(
    book: xlsxwriter.Workbook,
    name: str,
    columns: Sequence[Column],
    rows: Sequence[Any],
    fmt: dict[str, Any],
    frozen: int = 2,
) -> None:
    sheet = book.add_worksheet(name)
    last = len(columns) - 1
    sheet.merge_range(0, 0, 0, last, TITLE, fmt["title"])
    sheet.merge_range(1, 0, 1, last, AS_OF_LINE, fmt["note"])
    sheet.write_row(2, 0, [header for header, _, _ in columns], fmt["header"])
    sheet.set_row(2, 30)
    for r, row in enumerate(rows, start=3):
        for c, (_, kind, get) in enumerate(columns):
            value = get(row)
            if value is None:
                sheet.write_blank(r, c, None, fmt["text"])
            elif kind == "date":
                assert isinstance(value, dt.date)
                sheet.write_datetime(r, c, dt.datetime.combine(value, dt.time()), fmt["date"])
            elif kind in ("money", "num", "int"):
                assert isinstance(value, int | float)
                sheet.write_number(r, c, value, fmt[kind])
            else:
                sheet.write_string(r, c, str(value), fmt["text"])
    for c, (header, _, _) in enumerate(columns):
        width = WIDTHS.get(header, max(10, min(len(header) * 2 + 2, 24)))
        sheet.set_column(c, c, width)
    sheet.freeze_panes(3, frozen)


WIDTHS = {
    "企业名称": 34,
    "统一社会信用代码": 21,
    "注册地址": 36,
    "项目名称": 34,
    "机构名称": 30,
    "承担机构": 30,
    "担保机构": 28,
    "保险机构": 28,
    "贷款银行": 22,
}


def _columns(sample: Sample) -> dict[str, list[Column]]:
    """Header, cell kind and value of every column of every sheet."""
    by_key = {e.key: e for e in sample.enterprises}

    def owner() -> list[Column]:
        return [
            ("统一社会信用代码", "text", lambda r: by_key[r.ent].uscc),
            ("企业名称", "text", lambda r: by_key[r.ent].name),
        ]

    def quals(i: int) -> Column:
        return (QUALIFICATIONS[i], "text", lambda e: e.quals[i])

    return {
        "企业": [
            ("统一社会信用代码", "text", lambda e: e.uscc),
            ("企业名称", "text", lambda e: e.name),
            ("所在城市", "text", lambda e: e.city),
            ("注册区", "text", lambda e: e.district_text or e.district),
            ("注册地址", "text", lambda e: e.address),
            ("所属行业", "text", lambda e: e.industry),
            ("成立日期", "date", lambda e: e.founded),
            ("从业人员（人）", "int", lambda e: e.employees),
            ("科技人员（人）", "int", lambda e: e.tech_staff),
            ("营业收入（万元）", "money", lambda e: e.revenue_wan),
            ("资产总额（万元）", "money", lambda e: e.assets_wan),
            ("成本费用总额（万元）", "money", lambda e: e.costs_wan),
            ("研发费用（万元）", "money", lambda e: e.rd_wan),
            ("高新技术产品（服务）收入（万元）", "money", lambda e: e.ht_income_wan),
            ("I类知识产权（件）", "int", lambda e: e.ip1),
            ("II类知识产权（件）", "int", lambda e: e.ip2),
            ("企业规模", "text", lambda e: e.size_class),
            *(quals(i) for i in range(6)),
            ("中关村高新技术企业", "text", lambda e: e.zgc),
            ("上市状态", "text", lambda e: e.listing),
        ],
        "贷款": [
            ("贷款编号", "text", lambda ln: ln.loan_id),
            *owner(),
            ("贷款银行", "text", lambda ln: ln.lender),
            ("贷款金额（万元）", "money", lambda ln: ln.amount_wan),
            ("年利率（%）", "num", lambda ln: ln.rate_pct),
            ("放款日期", "date", lambda ln: ln.start),
            ("到期日期", "date", lambda ln: ln.end),
            ("担保方式", "text", lambda ln: ln.collateral),
            ("首贷", "text", lambda ln: ln.first),
            ("贷款用途", "text", lambda ln: ln.purpose),
            ("实付利息（元）", "money", lambda ln: ln.interest_yuan),
            ("评估费（元）", "money", lambda ln: ln.appraisal),
        ],
        "上市并购事件": [
            ("事件编号", "text", lambda ev: ev.event_id),
            *owner(),
            ("事件类型", "text", lambda ev: ev.kind),
            ("事件日期", "date", lambda ev: ev.date),
            ("板块/层级", "text", lambda ev: ev.board),
            ("中介费用（元）", "money", lambda ev: ev.fee),
            ("并表至海淀区", "text", lambda ev: ev.consolidated),
        ],
        "担保": [
            ("担保编号", "text", lambda g: g.guarantee_id),
            *owner(),
            ("贷款编号", "text", lambda g: g.loan_id),
            ("担保机构", "text", lambda g: g.guarantor),
            ("政府性融资担保机构", "text", lambda g: g.government),
            ("担保金额（万元）", "money", lambda g: g.amount_wan),
            ("担保费率（%）", "num", lambda g: g.fee_pct),
            ("实付担保费（元）", "money", lambda g: g.fee_yuan),
            ("担保起始日", "date", lambda g: g.start),
            ("担保到期日", "date", lambda g: g.end),
        ],
        "保险": [
            ("保单号", "text", lambda p: p.policy_id),
            *owner(),
            ("保险机构", "text", lambda p: p.insurer),
            ("险种", "text", lambda p: p.product),
            ("保费（元）", "money", lambda p: p.premium),
            ("保险起期", "date", lambda p: p.start),
        ],
        "不良与代偿": [
            ("损失编号", "text", lambda x: x.loss_id),
            *owner(),
            ("贷款编号", "text", lambda x: x.loan_id),
            ("承担机构", "text", lambda x: x.institution),
            ("机构类型", "text", lambda x: x.kind),
            ("业务类型", "text", lambda x: x.business),
            ("业务金额（万元）", "money", lambda x: x.business_wan),
            ("损失本金（万元）", "money", lambda x: x.principal_wan),
            ("承担风险比例（%）", "num", lambda x: x.share_pct),
            ("实际代偿金额（万元）", "money", lambda x: x.compensation_wan),
            ("损失确认日期", "date", lambda x: x.date),
        ],
        "项目": [
            ("项目编号", "text", lambda p: p.project_id),
            *owner(),
            ("项目类型", "text", lambda p: p.kind),
            ("项目名称", "text", lambda p: p.name),
            ("相关费用（万元）", "money", lambda p: p.cost_wan),
            ("合同金额（万元）", "money", lambda p: p.contract_wan),
            ("申请支持金额（万元）", "money", lambda p: p.requested_wan),
            ("立项日期", "date", lambda p: p.date),
        ],
        "机构": [
            ("机构名称", "text", lambda i: i.name),
            ("机构类型", "text", lambda i: i.kind),
            ("各项贷款不良率（%）", "num", lambda i: i.npl_pct),
            ("小微型科创企业贷款不良率（%）", "num", lambda i: i.sme_npl_pct),
        ],
    }


SHEETS = ("企业", "贷款", "上市并购事件", "担保", "保险", "不良与代偿", "项目", "机构")


def write_sample(out: Path) -> Path:
    """Write the workbook to ``out`` (parent folders are created)."""
    sample = build_cases()
    out.parent.mkdir(parents=True, exist_ok=True)
    book = xlsxwriter.Workbook(str(out))
    book.set_properties(
        {
            "title": "PolicyDesk 示例台账（虚构数据）",
            "author": "PolicyDesk tools/make_sample.py",
            "comments": "Fictional data generated deterministically; see README.md",
            "created": FIXED_TIME,
        }
    )
    fmt = {
        "title": book.add_format({"bold": True, "font_size": 14}),
        "note": book.add_format({"italic": True, "font_color": "#555555"}),
        "header": book.add_format(
            {
                "bold": True,
                "bg_color": "#DDEBF7",
                "border": 1,
                "text_wrap": True,
                "valign": "vcenter",
            }
        ),
        "text": book.add_format({}),
        "date": book.add_format({"num_format": "yyyy-mm-dd"}),
        "money": book.add_format({"num_format": "#,##0.00"}),
        "num": book.add_format({"num_format": "0.00"}),
        "int": book.add_format({"num_format": "0"}),
    }
    rows: dict[str, Sequence[Any]] = {
        "企业": sample.enterprises,
        "贷款": sample.loans,
        "上市并购事件": sample.events,
        "担保": sample.guarantees,
        "保险": sample.insurance,
        "不良与代偿": sample.losses,
        "项目": sample.projects,
        "机构": INSTITUTIONS,
    }
    columns = _columns(sample)
    for name in SHEETS:
        _write_sheet(book, name, columns[name], rows[name], fmt, 1 if name == "机构" else 2)
    book.close()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output .xlsx path")
    args = parser.parse_args(argv)
    path = write_sample(args.out)
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Write resources/samples/sample_portfolio.xlsx: a fictional ledger that exercises 190号 16 / 28.

Deterministic (fixed seed, fixed workbook timestamps) so that re-running it changes nothing
unless this file changes. Every enterprise name contains 示例 or 虚构; credit codes are made
with zero organisation codes so they cannot be mistaken for real registrations. Each named
case is documented in resources/samples/README.md; the asserts at the end of build_cases()
keep the intended edge cases true when someone edits the numbers.

Usage: python tools/make_sample.py [--out PATH]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

import xlsxwriter
import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from desktop.spreadsheet.uscc import make_uscc  # noqa: E402

SEED = 20251231
AS_OF = dt.date(2025, 12, 31)
FIXED_TIME = dt.datetime(2025, 12, 31, 0, 0, 0)
DEFAULT_OUT = ROOT / "resources" / "samples" / "sample_portfolio.xlsx"
LPR_FILE = ROOT / "policies" / "reference" / "lpr.yaml"
TITLE = "示例银行科技金融部客户台账（虚构数据，仅供演示）"
AS_OF_LINE = "数据截至2025年12月31日"
BAD_CODE_NAME = "示例校验码错误测试有限公司（虚构：信用代码校验位错误）"

# Administrative division codes used in the fictional credit codes.
REGION = {
    "海淀区": "110108",
    "朝阳区": "110105",
    "昌平区": "110114",
    "东城区": "110101",
    "西城区": "110102",
    "丰台区": "110106",
    "通州区": "110112",
    "顺义区": "110113",
    "大兴区": "110115",
    "北京经济技术开发区": "110115",
}
Y, N, U = "是", "否", None  # U: blank cell, unknown
NONE6: tuple[str | None, ...] = (None,) * 6


def flags(*on: int) -> tuple[str | None, ...]:
    """Six qualification cells: 是 at the given positions, 否 elsewhere."""
    return tuple(Y if i in on else N for i in range(6))


@dataclass
class Ent:
    key: str
    name: str
    district: str | None
    quals: tuple[str | None, ...]
    revenue_wan: float | None
    listing: str | None
    industry: str = "软件和信息技术服务业"
    district_text: str | None = None  # how the district is spelled in the sheet, if not plain
    employees: int = 0
    assets_wan: float = 0.0
    founded: dt.date | None = None  # drawn from the seeded generator when not given
    uscc: str = ""


@dataclass
class Loan:
    ent: str
    collateral: str
    start: dt.date
    amount_wan: float
    rate: str | float | None  # "below" / "above" the LPR×1.4 cap, a percent, or blank
    interest: str | float | None = "auto"  # computed, given in yuan, or blank
    term_days: int = 365
    lender: str = ""
    loan_id: str = ""
    rate_pct: float | None = None
    interest_yuan: float | None = None


@dataclass
class Event:
    ent: str
    kind: str
    date: dt.date
    fee: float | None
    board: str | None = None
    consolidated: str | None = None
    event_id: str = ""


@dataclass
class Sample:
    enterprises: list[Ent] = field(default_factory=list)
    loans: list[Loan] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)


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


HD, CY, CP, FT = "海淀区", "朝阳区", "昌平区", "丰台区"
BDA = "北京经济技术开发区"
UN, NQ, DL, OL = "未上市", "新三板", "境内上市", "境外上市"
INDUSTRY = {
    "软件": "软件和信息技术服务业",
    "医药": "医药制造业",
    "化工": "化学原料和化学制品制造业",
    "仪表": "仪器仪表制造业",
    "专用设备": "专用设备制造业",
    "通用设备": "通用设备制造业",
    "批发零售": "批发和零售业",
    "电子": "计算机、通信和其他电子设备制造业",
    "科研": "科学研究和技术服务业",
    "环保": "生态保护和环境治理业",
    "文化": "文化艺术业",
    "电力": "电力、热力生产和供应业",
    "电气": "电气机械和器材制造业",
    "非金属": "非金属矿物制品业",
    "汽车": "汽车制造业",
}


def E(  # a short constructor keeps the case table one line per enterprise
    key: str,
    name: str,
    district: str | None,
    quals: tuple[str | None, ...],
    revenue_wan: float | None,
    listing: str | None,
    industry: str = "软件",
    district_text: str | None = None,
) -> Ent:
    return Ent(key, name, district, quals, revenue_wan, listing, INDUSTRY[industry], district_text)


def _case_enterprises() -> list[Ent]:
    """The enterprises that carry a documented case (README.md lists them)."""
    # fmt: off
    return [
        # 第16条 eligible
        E("xinghe", "示例星河智能科技有限公司", HD, flags(0), 8650.5, NQ),
        E("yunshan", "示例云杉生物医药有限公司", HD, flags(1), 4200.0, UN, "医药", "北京市海淀区"),
        E("qinghe", "示例青禾新材料科技有限公司", CP, flags(2), 6120.75, UN, "化工"),
        E("fengyan", "示例峰岩精密仪器有限公司", CY, flags(5), 20000.0, UN, "仪表"),
        E("chuanliu", "示例川流智能装备有限公司", HD, flags(0, 2), 9300.0, UN, "专用设备", "海淀"),
        # 第16条 cap edge
        E("beichen", "示例北辰量子信息技术有限公司", HD, flags(3), 18600.0, UN),
        # 第16条 ineligible
        E("chenguang", "示例晨光商贸有限公司", HD, flags(), 3100.0, UN, "批发零售"),
        E("jushi", "示例巨石装备制造有限公司", HD, flags(0), 35800.0, UN, "通用设备"),
        E("yuanfan", "示例远帆数据服务有限公司", HD, flags(1), 2750.0, UN),
        E("chengming", "示例澄明光电科技有限公司", FT, flags(0), 5400.0, UN, "电子"),
        # 第16条 unknown / missing data
        E("songguo", "示例松果软件有限公司", HD, NONE6, 1800.0, UN),
        E("zhiwei", "示例知微检测技术有限公司", HD, (N, N, U, U, N, U), 2600.0, UN, "科研"),
        E("lanwan", "示例蓝湾环保科技有限公司", HD, flags(0), None, UN, "环保"),
        E("hengtuo", "示例恒拓医疗器械有限公司", HD, flags(1), 3900.0, UN, "专用设备"),
        E("luming", "示例鹿鸣文化创意有限公司", HD, flags(1), 1250.0, UN, "文化"),
        E("dingxin", "示例鼎新电子有限公司", HD, flags(0), 7700.0, UN, "电子"),
        # 第28条 NEEQ
        E("yinxing", "示例银杏机器人有限公司", HD, flags(0, 2), 15200.0, NQ, "专用设备"),
        E("zhaohui", "示例朝晖网络科技有限公司", CY, flags(0), 9800.0, NQ),
        E("qingquan", "示例清泉节能科技有限公司", HD, flags(1), 6600.0, NQ, "电力"),
        E("wujie", "示例无界空间科技有限公司", None, flags(0), 5100.0, NQ),
        # 第28条 IPO
        E("changhe", "示例长河半导体股份有限公司", HD, flags(0, 3), 126000.0, DL, "电子"),
        E("yuntu", "示例云图视觉科技股份有限公司", HD, flags(0), 54000.0, OL),
        E("changsheng", "示例昌盛生物技术股份有限公司", CP, flags(0), 88000.0, DL, "医药"),
        # 第28条 M&A
        E("huazhang", "示例华章信息技术股份有限公司", HD, flags(0), 210000.0, DL),
        E("boyuan", "示例博远软件股份有限公司", HD, flags(0), 67000.0, DL),
        E("qimingxing", "示例启明星新能源有限公司", HD, flags(0), 23000.0, NQ, "电气"),
        E("jinshi", "示例金石材料股份有限公司", HD, flags(0), 98000.0, DL, "非金属"),
        E("mingde", "示例明德医药股份有限公司", HD, flags(0), 143000.0, DL, "医药"),
        E("hezhong", "示例合众数科有限公司", HD, flags(0), 31000.0, None),
        # data quality
        E("badcode", BAD_CODE_NAME, HD, flags(1), 980.0, UN),
        # 北京经济技术开发区 is not one of the 16 districts: kept as given, so not Haidian
        E("yizhuang", "示例亦庄智造科技有限公司", BDA, flags(0), 12800.0, UN, "汽车"),
    ]
    # fmt: on


# fmt: off
FILLER_NAMES = (
    "示例星火数字科技有限公司", "示例苍穹航天技术有限公司", "示例春雨农业科技有限公司",
    "示例磐石安全技术有限公司", "示例天枢算力科技有限公司", "示例清禾健康科技有限公司",
    "示例墨子通信技术有限公司", "示例远山储能科技有限公司", "示例弘毅教育科技有限公司",
    "示例知源医疗科技有限公司",
)
FILLER_DISTRICTS = ("海淀区", "海淀区", "东城区", "西城区", "通州区", "海淀区", "顺义区", "大兴区",
                    "海淀区", "海淀区")
INDUSTRIES = ("软件和信息技术服务业", "科学研究和技术服务业", "专用设备制造业", "医药制造业")
LENDERS = ("示例银行北京分行", "虚构商业银行中关村支行", "示例农商银行海淀支行",
           "虚构科技银行北京分行")
OTHER_COLLATERAL = ("信用", "保证", "抵押", "应收账款质押", "股权质押")
# fmt: on


def _case_loans() -> list[Loan]:
    d = dt.date
    return [
        Loan("xinghe", "知识产权质押", d(2024, 4, 10), 1000, "below"),
        Loan("xinghe", "信用", d(2025, 2, 18), 500, "below"),
        Loan("yunshan", "知识产权质押", d(2024, 6, 3), 800, "below"),
        Loan("yunshan", "知识产权质押", d(2025, 3, 12), 600, "below"),
        Loan("yunshan", "保证", d(2024, 9, 9), 300, "below"),
        Loan("qinghe", "知识产权质押", d(2023, 9, 5), 500, "below"),
        Loan("fengyan", "知识产权质押", d(2024, 11, 20), 1500, "below"),
        # Same 4.50 % rate: under LPR×1.4 in 2023 (3.65 × 1.4 = 5.11), over it in 2025 (4.20).
        Loan("chuanliu", "知识产权质押", d(2023, 3, 15), 700, 4.50),
        Loan("chuanliu", "知识产权质押", d(2025, 8, 15), 700, 4.50),
        # 40 % of 2024 interest exceeds the 500,000 cap.
        Loan("beichen", "知识产权质押", d(2024, 1, 15), 3000, 3.20),
        Loan("beichen", "知识产权质押", d(2024, 3, 1), 2500, 3.10),
        Loan("beichen", "抵押", d(2023, 7, 1), 2000, "below"),
        Loan("chenguang", "知识产权质押", d(2024, 5, 6), 400, "below"),
        Loan("jushi", "知识产权质押", d(2024, 8, 8), 2000, "below"),
        Loan("yuanfan", "知识产权质押", d(2024, 5, 20), 600, 5.60),
        Loan("chengming", "知识产权质押", d(2024, 3, 18), 500, "below"),
        Loan("chengming", "知识产权质押", d(2024, 12, 2), 500, "above"),
        Loan("songguo", "知识产权质押", d(2024, 7, 1), 300, "below"),
        Loan("zhiwei", "知识产权质押", d(2025, 1, 20), 200, "below"),
        Loan("lanwan", "知识产权质押", d(2024, 10, 28), 450, "below"),
        Loan("hengtuo", "知识产权质押", d(2025, 4, 7), 350, None),
        Loan("luming", "知识产权质押", d(2025, 6, 16), 150, "below", interest=None),
        Loan("dingxin", "信用", d(2024, 2, 26), 800, "below"),
        Loan("dingxin", "抵押", d(2025, 1, 6), 1200, "below"),
        Loan("yizhuang", "知识产权质押", d(2025, 2, 10), 900, "below"),
        Loan("badcode", "知识产权质押", d(2025, 5, 26), 200, "below"),
    ]


def _case_events() -> list[Event]:
    d = dt.date
    return [
        Event("xinghe", "新三板挂牌", d(2024, 9, 12), 680000, "基础层"),
        Event("yinxing", "新三板挂牌", d(2023, 11, 8), 1260000, "创新层"),
        Event("zhaohui", "新三板挂牌", d(2024, 4, 25), 820000, "基础层"),
        Event("qingquan", "新三板挂牌", d(2025, 7, 3), None, "基础层"),
        Event("wujie", "新三板挂牌", d(2025, 1, 16), 500000, "基础层"),
        Event("changhe", "境内上市", d(2024, 6, 18), 3000000, "科创板"),
        Event("yuntu", "境外上市", d(2025, 3, 20), 2450000, "港交所主板"),
        Event("changsheng", "境内上市", d(2023, 12, 5), 2800000, "创业板"),
        Event("huazhang", "并购并表", d(2025, 4, 16), 1350000, None, Y),
        Event("huazhang", "并购并表", d(2025, 10, 28), 1150000, None, Y),
        Event("boyuan", "并购并表", d(2024, 8, 30), 880000, None, Y),
        Event("qimingxing", "并购并表", d(2025, 5, 22), 600000, None, Y),
        Event("jinshi", "并购并表", d(2025, 9, 10), 950000, None, N),
        Event("mingde", "并购并表", d(2024, 12, 18), 1200000, None, None),
        Event("hezhong", "并购并表", d(2025, 6, 30), 700000, None, Y),
    ]


def _filler(rng: random.Random) -> tuple[list[Ent], list[Loan]]:
    """Ordinary enterprises with ordinary loans, so the sample looks like a real ledger."""
    ents: list[Ent] = []
    loans: list[Loan] = []
    for i, (name, district) in enumerate(zip(FILLER_NAMES, FILLER_DISTRICTS, strict=True)):
        key = f"filler{i}"
        quals = flags(*rng.sample(range(6), rng.randint(1, 2)))
        ents.append(
            Ent(
                key,
                name,
                district,
                quals,
                round(rng.uniform(800, 16000), 2),
                "未上市",
                rng.choice(INDUSTRIES),
            )
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
                    "auto" if rng.random() < 0.93 else None,
                    rng.choice((365, 365, 730)),
                )
            )
    return ents, loans


def build_cases() -> Sample:
    """All rows with derived fields filled in (codes, rates, interest, ids)."""
    rng = random.Random(SEED)
    sample = Sample(_case_enterprises(), _case_loans(), _case_events())
    extra_ents, extra_loans = _filler(rng)
    sample.enterprises += extra_ents
    sample.loans += extra_loans
    for serial, ent in enumerate(sample.enterprises, start=1):
        region = REGION.get(ent.district or "海淀区", "110108")
        ent.uscc = make_uscc(f"91{region}{serial:09d}")
        if ent.key == "badcode":  # wrong check character, on purpose
            good = ent.uscc
            ent.uscc = good[:-1] + ("0" if good[-1] != "0" else "1")
        ent.employees = ent.employees or rng.randint(12, 900)
        ent.assets_wan = ent.assets_wan or round(
            (ent.revenue_wan or 3000) * rng.uniform(0.8, 2.5), 2
        )
        if ent.founded is None:
            ent.founded = dt.date(2004, 1, 1) + dt.timedelta(days=rng.randint(0, 6200))
    sample.loans.sort(key=lambda ln: (ln.start, ln.ent))
    for n, loan in enumerate(sample.loans, start=1):
        loan.loan_id = f"DK{loan.start.year}-{n:03d}"
        loan.lender = rng.choice(LENDERS)
        cap = lpr_1y(loan.start) * 1.4
        if loan.rate == "below":
            loan.rate_pct = round(lpr_1y(loan.start) + rng.uniform(0.05, 0.9), 2)
        elif loan.rate == "above":
            loan.rate_pct = round(cap + rng.uniform(0.3, 1.2), 2)
        else:
            loan.rate_pct = loan.rate if isinstance(loan.rate, float | int) else None
        if loan.rate_pct is not None:
            assert abs(loan.rate_pct - cap) > 0.05, "no rate may sit on the cap"
        if loan.interest == "auto" and loan.rate_pct is not None:
            end = min(loan.start + dt.timedelta(days=loan.term_days), AS_OF)
            days = (end - loan.start).days
            loan.interest_yuan = round(
                loan.amount_wan * 10000 * loan.rate_pct / 100 * days / 360, 2
            )
    sample.events.sort(key=lambda ev: (ev.date, ev.ent))
    for n, event in enumerate(sample.events, start=1):
        event.event_id = f"SJ{event.date.year}-{n:02d}"
    _assert_cases(sample)
    return sample


def _assert_cases(sample: Sample) -> None:
    """The documented edge cases must stay true if someone edits the numbers above."""
    by_key = {e.key: e for e in sample.enterprises}
    beichen = [ln for ln in sample.loans if ln.ent == "beichen" and ln.collateral == "知识产权质押"]
    assert sum(ln.interest_yuan or 0 for ln in beichen) * 0.40 > 500_000
    assert by_key["fengyan"].revenue_wan == 20000.0  # exactly 2亿元
    assert by_key["jushi"].revenue_wan and by_key["jushi"].revenue_wan > 20000
    huazhang = [e.fee or 0 for e in sample.events if e.ent == "huazhang"]
    assert len(huazhang) == 2 and sum(huazhang) > 2_000_000 and max(huazhang) < 2_000_000
    assert [e.fee for e in sample.events if e.ent == "changhe"] == [3000000]
    assert max(e.fee or 0 for e in sample.events if e.ent == "yinxing") > 1_000_000
    assert len({e.uscc for e in sample.enterprises}) == len(sample.enterprises)
    assert all("示例" in e.name or "虚构" in e.name for e in sample.enterprises)


def _write_sheet(
    book: xlsxwriter.Workbook,
    name: str,
    headers: list[str],
    rows: list[list[object]],
    fmt: dict[str, xlsxwriter.format.Format],
    kinds: list[str],
) -> None:
    sheet = book.add_worksheet(name)
    last = len(headers) - 1
    sheet.merge_range(0, 0, 0, last, TITLE, fmt["title"])
    sheet.merge_range(1, 0, 1, last, AS_OF_LINE, fmt["note"])
    sheet.write_row(2, 0, headers, fmt["header"])
    sheet.set_row(2, 30)
    for r, row in enumerate(rows, start=3):
        for c, (value, kind) in enumerate(zip(row, kinds, strict=True)):
            if value is None:
                sheet.write_blank(r, c, None, fmt["text"])
            elif kind == "date":
                assert isinstance(value, dt.date)
                sheet.write_datetime(r, c, dt.datetime.combine(value, dt.time()), fmt["date"])
            elif kind in ("money", "num"):
                sheet.write_number(r, c, value, fmt[kind])
            else:
                sheet.write_string(r, c, str(value), fmt["text"])
    for c, header in enumerate(headers):
        width = {"企业名称": 34, "统一社会信用代码": 21}.get(header, max(10, len(header) * 2 + 2))
        sheet.set_column(c, c, width)
    sheet.freeze_panes(3, 2)


def write_sample(out: Path) -> Path:
    """Write the workbook to ``out`` (parent folders are created)."""
    sample = build_cases()
    names = {e.key: e for e in sample.enterprises}
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
    }
    quals = [
        "高新技术企业",
        "科技型中小企业",
        "专精特新中小企业",
        "专精特新“小巨人”企业",
        "国家技术创新示范企业",
        "制造业单项冠军企业",
    ]
    _write_sheet(
        book,
        "企业",
        [
            "统一社会信用代码",
            "企业名称",
            "注册区",
            "所属行业",
            "成立日期",
            "从业人员",
            "营业收入（万元）",
            "资产总额（万元）",
            *quals,
            "上市状态",
        ],
        [
            [
                e.uscc,
                e.name,
                e.district_text or e.district,
                e.industry,
                e.founded,
                e.employees,
                e.revenue_wan,
                e.assets_wan,
                *e.quals,
                e.listing,
            ]
            for e in sample.enterprises
        ],
        fmt,
        ["text", "text", "text", "text", "date", "num", "money", "money", *["text"] * 6, "text"],
    )
    _write_sheet(
        book,
        "贷款",
        [
            "贷款编号",
            "统一社会信用代码",
            "企业名称",
            "贷款银行",
            "贷款金额（万元）",
            "年利率（%）",
            "放款日期",
            "到期日期",
            "担保方式",
            "实付利息（元）",
        ],
        [
            [
                ln.loan_id,
                names[ln.ent].uscc,
                names[ln.ent].name,
                ln.lender,
                ln.amount_wan,
                ln.rate_pct,
                ln.start,
                ln.start + dt.timedelta(days=ln.term_days),
                ln.collateral,
                ln.interest_yuan,
            ]
            for ln in sample.loans
        ],
        fmt,
        ["text", "text", "text", "text", "money", "num", "date", "date", "text", "money"],
    )
    _write_sheet(
        book,
        "上市并购事件",
        [
            "事件编号",
            "统一社会信用代码",
            "企业名称",
            "事件类型",
            "事件日期",
            "板块/层级",
            "中介费用（元）",
            "并表至海淀区",
        ],
        [
            [
                ev.event_id,
                names[ev.ent].uscc,
                names[ev.ent].name,
                ev.kind,
                ev.date,
                ev.board,
                ev.fee,
                ev.consolidated,
            ]
            for ev in sample.events
        ],
        fmt,
        ["text", "text", "text", "text", "date", "text", "money", "text"],
    )
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

"""Data tables of the bundled sample ledger; tools/make_sample.py turns them into the workbook.

Every row is either a documented case (resources/samples/README.md names the enterprise and
what it shows) or ordinary filler. Rows refer to enterprises by a short key and to loans by a
tag; the generator turns keys into credit codes and tags into loan ids. Amounts are in the
units of the sheet columns (万元 unless a name says yuan), rates and shares in percent.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

Y, N, U = "是", "否", None  # U: blank cell, unknown
NONE6: tuple[str | None, ...] = (None,) * 6
AUTO = "auto"  # filled by the generator (from the seeded random source, or computed)


def flags(*on: int) -> tuple[str | None, ...]:
    """Six qualification cells: 是 at the given positions, 否 elsewhere.

    0 高新技术企业, 1 科技型中小企业, 2 专精特新中小企业, 3 “小巨人”, 4 技术创新示范, 5 单项冠军.
    """
    return tuple(Y if i in on else N for i in range(6))


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
    "浦东新区": "310115",
    "徐汇区": "310104",
    "闵行区": "310112",
    "吉州区": "360802",
    "新干县": "360824",
    "泰和县": "360826",
}
SHANGHAI = ("浦东新区", "徐汇区", "闵行区")
JIAN = ("吉州区", "新干县", "泰和县")
STREETS = ("示例创新路", "示例科技大街", "示例软件园路", "示例智造街", "虚构学院路", "虚构产业园路")

HD, CY, CP, FT = "海淀区", "朝阳区", "昌平区", "丰台区"
TZ, SY, DX, BDA = "通州区", "顺义区", "大兴区", "北京经济技术开发区"
PD, XH, MH = "浦东新区", "徐汇区", "闵行区"
XG, JZ, TH = "新干县", "吉州区", "泰和县"
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
    "科技推广": "科技推广和应用服务业",
    "环保": "生态保护和环境治理业",
    "文化": "文化艺术业",
    "电力": "电力、热力生产和供应业",
    "电气": "电气机械和器材制造业",
    "非金属": "非金属矿物制品业",
    "汽车": "汽车制造业",
    "家具": "家具制造业",
}

# Institutions (all fictional). Loans, guarantees, insurance and losses name them.
BANK_BJ, BANK_ZGC, BANK_HD, BANK_TECH = (
    "示例银行北京分行",
    "虚构商业银行中关村支行",
    "示例农商银行海淀支行",
    "虚构科技银行北京分行",
)
BANK_SH, BANK_JA = "示例银行上海分行", "示例银行吉安分行"
LENDERS = (BANK_BJ, BANK_ZGC, BANK_HD, BANK_TECH)  # Beijing loans draw from these
GUAR_ZGC = "示例中关村科技融资担保有限公司"
GUAR_JK = "示例京科融资担保有限公司"
GUAR_VC = "虚构创业融资担保有限公司"
GUAR_SH = "示例上海科技融资担保有限公司"
INS_PC = "示例财产保险股份有限公司北京分公司"
INS_TECH = "虚构科技保险股份有限公司"
IP_AGENCY = "示例知识产权运营服务有限公司"


@dataclass
class Institution:
    name: str
    kind: str
    npl_pct: float | None = None  # 各项贷款不良率 (%)
    sme_npl_pct: float | None = None  # 小微型科创企业贷款不良率 (%)


# Ratios are ≥ 1 %: the reader takes a number below 1 under a "（%）" header for a fraction.
INSTITUTIONS = (
    Institution(BANK_BJ, "银行", 1.12, 2.35),
    Institution(BANK_ZGC, "银行", 1.36, 3.05),
    Institution(BANK_HD, "银行", 1.58, 4.92),  # 科创小微不良率高出各项贷款 3 个百分点以上
    Institution(BANK_TECH, "银行", 1.05, 1.88),
    Institution(BANK_SH, "银行", 1.01, 2.12),
    Institution(BANK_JA, "银行", 1.46, None),
    Institution(GUAR_ZGC, "担保机构"),
    Institution(GUAR_JK, "担保机构"),
    Institution(GUAR_VC, "担保机构"),
    Institution(GUAR_SH, "担保机构"),
    Institution(INS_PC, "保险机构"),
    Institution(INS_TECH, "保险机构"),
    Institution(IP_AGENCY, "知识产权服务机构"),
)


@dataclass
class Ent:
    key: str
    name: str
    district: str | None
    quals: tuple[str | None, ...]
    revenue_wan: float | None
    listing: str | None
    industry: str = INDUSTRY["软件"]
    district_text: str | None = None  # how the district is spelled in the sheet, if not plain
    pins: dict[str, object] = field(default_factory=dict)  # fixed values (None = blank)
    # Filled by the generator (drawn from the seeded random source unless pinned).
    city: str | None = None
    address: str | None = None
    size_class: str | None = None
    zgc: str | None = None
    employees: int | None = None
    tech_staff: int | None = None
    assets_wan: float | None = None
    costs_wan: float | None = None
    rd_wan: float | None = None
    ht_income_wan: float | None = None
    ip1: int | None = None
    ip2: int | None = None
    founded: dt.date | None = None
    uscc: str = ""


def E(  # one line per enterprise in the case table
    key: str,
    name: str,
    district: str | None,
    quals: tuple[str | None, ...],
    revenue_wan: float | None,
    listing: str | None,
    industry: str = "软件",
    district_text: str | None = None,
    **pins: object,
) -> Ent:
    return Ent(
        key, name, district, quals, revenue_wan, listing, INDUSTRY[industry], district_text, pins
    )


def case_enterprises() -> list[Ent]:
    """The enterprises that carry a documented case (README.md lists them)."""
    d = dt.date
    # fmt: off
    return [
        # 190号第16条 eligible
        E("xinghe", "示例星河智能科技有限公司", HD, flags(0), 8650.5, NQ, zgc=Y),
        E("yunshan", "示例云杉生物医药有限公司", HD, flags(1), 4200.0, UN, "医药", "北京市海淀区"),
        E("qinghe", "示例青禾新材料科技有限公司", CP, flags(2), 6120.75, UN, "化工"),
        E("fengyan", "示例峰岩精密仪器有限公司", CY, flags(5), 20000.0, UN, "仪表", employees=420),
        E("chuanliu", "示例川流智能装备有限公司", HD, flags(0, 2), 9300.0, UN, "专用设备", "海淀"),
        # 第16条 cap edge
        E("beichen", "示例北辰量子信息技术有限公司", HD, flags(3), 18600.0, UN),
        # 第16条 ineligible
        E("chenguang", "示例晨光商贸有限公司", HD, flags(), 3100.0, UN, "批发零售", employees=60),
        E("jushi", "示例巨石装备制造有限公司", HD, flags(0), 35800.0, UN, "通用设备",
          employees=680),
        E("yuanfan", "示例远帆数据服务有限公司", HD, flags(1), 2750.0, UN, employees=120),
        E("chengming", "示例澄明光电科技有限公司", FT, flags(0), 5400.0, UN, "电子", employees=210),
        # 第16条 unknown / missing data
        E("songguo", "示例松果软件有限公司", HD, NONE6, 1800.0, UN, employees=85),
        E("zhiwei", "示例知微检测技术有限公司", HD, (N, N, U, U, N, U), 2600.0, UN, "科研",
          employees=38),
        E("lanwan", "示例蓝湾环保科技有限公司", HD, flags(0), None, UN, "环保", employees=48),
        E("hengtuo", "示例恒拓医疗器械有限公司", HD, flags(1), 3900.0, UN, "专用设备"),
        E("luming", "示例鹿鸣文化创意有限公司", HD, flags(1), 1250.0, UN, "文化"),
        E("dingxin", "示例鼎新电子有限公司", HD, flags(0), 7700.0, UN, "电子", employees=260),
        # 第28条 NEEQ (and 第9条 tiers)
        E("yinxing", "示例银杏机器人有限公司", HD, flags(0, 2), 15200.0, NQ, "专用设备"),
        E("zhaohui", "示例朝晖网络科技有限公司", CY, flags(0), 9800.0, NQ),
        E("qingquan", "示例清泉节能科技有限公司", HD, flags(1), 6600.0, NQ, "电力"),
        E("wujie", "示例无界空间科技有限公司", None, flags(0), 5100.0, NQ, city="北京市", zgc=U),
        # 第28条 IPO
        E("changhe", "示例长河半导体股份有限公司", HD, flags(0, 3), 126000.0, DL, "电子",
          size_class="大型", employees=2300),
        E("yuntu", "示例云图视觉科技股份有限公司", HD, flags(0), 54000.0, OL),
        E("changsheng", "示例昌盛生物技术股份有限公司", CP, flags(0), 88000.0, DL, "医药"),
        # 第28条 M&A
        E("huazhang", "示例华章信息技术股份有限公司", HD, flags(0), 210000.0, DL,
          size_class="大型", employees=3100),
        E("boyuan", "示例博远软件股份有限公司", HD, flags(0), 67000.0, DL),
        E("qimingxing", "示例启明星新能源有限公司", HD, flags(0), 23000.0, NQ, "电气"),
        E("jinshi", "示例金石材料股份有限公司", HD, flags(0), 98000.0, DL, "非金属"),
        E("mingde", "示例明德医药股份有限公司", HD, flags(0), 143000.0, DL, "医药"),
        E("hezhong", "示例合众数科有限公司", HD, flags(0), 31000.0, None),
        # data quality
        E("badcode", "示例校验码错误测试有限公司（虚构：信用代码校验位错误）", HD, flags(1),
          980.0, UN),
        # 北京经济技术开发区 is not one of the 16 districts: kept as given, so not Haidian
        E("yizhuang", "示例亦庄智造科技有限公司", BDA, flags(0), 12800.0, UN, "汽车",
          employees=540),
        # Beijing: insurance, first loans, guarantees, losses
        E("yinghuo", "示例萤火微纳传感科技有限公司", HD, flags(1), 680.0, UN, "电子",
          employees=45, founded=d(2021, 3, 15), city="北京市"),
        E("hemiao", "示例禾苗农业科技有限公司", TZ, flags(1), 1650.0, UN, "科研", employees=68,
          founded=d(2020, 6, 8)),
        E("lishi", "示例砺石芯片设计有限公司", HD, flags(0, 1), 3800.0, UN, employees=150,
          zgc=Y),
        E("zhixing", "示例知行教育科技有限公司", HD, flags(1), 1000.0, UN, employees=60),
        E("shiguang", "示例拾光影像技术有限公司", HD, flags(1), 820.0, UN, employees=None),
        E("hengxin", "示例恒信精密机械有限公司", SY, flags(2), 4600.0, UN, "通用设备",
          employees=85),
        E("qicheng", "示例启程动力系统有限公司", DX, flags(1), 2300.0, UN, "电气", employees=40),
        E("cixuan", "示例磁悬精工装备有限公司", CP, flags(2), 9200.0, UN, "专用设备",
          size_class="中型", employees=310),
        # Shanghai (沪府办规〔2025〕8号)
        E("pujiang", "示例浦江未来孵化器管理有限公司", PD, flags(), 2200.0, UN, "科技推广",
          city="上海市", employees=36),
        E("xuhui", "示例徐汇中试平台科技有限公司", XH, flags(0, 1), 5600.0, UN, "科研",
          city="上海市", employees=180),
        E("lingang", "示例临港量子装备股份有限公司", PD, flags(0, 3), 46000.0, UN, "专用设备",
          city="上海市", employees=1200),
        E("zizhu", "示例紫竹生物计算有限公司", MH, flags(1), 1900.0, UN, city=None, employees=75),
        E("caohejing", "示例漕河泾智能传感有限公司", None, flags(0, 2), 8800.0, UN, "电子",
          city="上海市", address=None, employees=260),
        # 吉安市 (新干县 IP-pledge subsidy; 吉州区 / 泰和县 digital-transformation loans)
        E("xgdengshi", "示例新干灯饰科技有限公司", XG, flags(1), 5200.0, UN, "电气",
          city="吉安市", employees=230),
        E("xgyanhua", "示例新干盐化新材料有限公司", XG, flags(0), 14500.0, UN, "化工",
          employees=410),
        E("jzyunshu", "示例吉州云数科技有限公司", JZ, flags(1), 2600.0, UN, employees=95,
          founded=d(2022, 4, 1)),
        E("thdianzi", "示例泰和电子元件有限公司", TH, flags(1, 2), 6800.0, UN, "电子",
          city="吉安市", employees=320),
        E("thjiaju", "示例泰和智能家居有限公司", TH, flags(), 3900.0, UN, "家具", employees=150),
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
FILLER_INDUSTRIES = ("软件和信息技术服务业", "科学研究和技术服务业", "专用设备制造业", "医药制造业")
OTHER_COLLATERAL = ("信用", "保证", "抵押", "应收账款质押", "股权质押")
PURPOSES = ("流动资金", "流动资金", "研发投入", "设备购置", "技术改造")
# fmt: on


@dataclass
class Loan:
    ent: str
    collateral: str
    start: dt.date
    amount_wan: float
    rate: str | float | None  # "below" / "above" the LPR×1.4 cap, a percent, or blank
    interest: str | float | None = AUTO  # computed, given in yuan, or blank
    term_days: int = 365
    first: str | None = N  # 首贷 是 / 否 / blank
    purpose: str | None = AUTO
    tag: str = ""  # how guarantees and losses refer to the loan
    lender: str = ""  # blank: drawn from LENDERS
    end_blank: bool = False
    loan_id: str = ""
    rate_pct: float | None = None
    interest_yuan: float | None = None
    appraisal: float | None = None  # 评估费 in yuan (a few IP-pledge loans state it)

    @property
    def end(self) -> dt.date | None:
        return None if self.end_blank else self.start + dt.timedelta(days=self.term_days)


DIGITAL = "数字化转型专项贷款"


def case_loans() -> list[Loan]:
    d, ip = dt.date, "知识产权质押"
    return [
        Loan("xinghe", ip, d(2024, 4, 10), 1000, "below", appraisal=15000),
        Loan("xinghe", "信用", d(2025, 2, 18), 500, "below"),
        Loan("yunshan", ip, d(2024, 6, 3), 800, "below", appraisal=12000),
        Loan("yunshan", ip, d(2025, 3, 12), 600, "below"),
        Loan("yunshan", "保证", d(2024, 9, 9), 300, "below"),
        Loan("qinghe", ip, d(2023, 9, 5), 500, "below"),
        Loan("fengyan", ip, d(2024, 11, 20), 1500, "below", first=Y),
        # Same 4.50 % rate: under LPR×1.4 in 2023 (3.65 × 1.4 = 5.11), over it in 2025 (4.20).
        Loan("chuanliu", ip, d(2023, 3, 15), 700, 4.50),
        Loan("chuanliu", ip, d(2025, 8, 15), 700, 4.50),
        # 40 % of 2024 interest exceeds the 500,000 cap.
        Loan("beichen", ip, d(2024, 1, 15), 3000, 3.20),
        Loan("beichen", ip, d(2024, 3, 1), 2500, 3.10),
        Loan("beichen", "抵押", d(2023, 7, 1), 2000, "below"),
        Loan("chenguang", ip, d(2024, 5, 6), 400, "below", tag="chenguang-ip"),
        Loan("jushi", ip, d(2024, 8, 8), 2000, "below", first=Y),  # 首贷恰为 2000 万元
        Loan("yuanfan", ip, d(2024, 5, 20), 600, 5.60, tag="yuanfan-ip"),
        Loan("chengming", ip, d(2024, 3, 18), 500, "below"),
        Loan("chengming", ip, d(2024, 12, 2), 500, "above"),
        Loan("chengming", "信用", d(2024, 6, 12), 300, "below", tag="chengming-credit"),
        Loan("songguo", ip, d(2024, 7, 1), 300, "below", tag="songguo-ip"),
        Loan("zhiwei", ip, d(2025, 1, 20), 200, "below"),
        Loan("zhiwei", "信用", d(2024, 9, 5), 200, "below", tag="zhiwei-credit"),
        Loan("lanwan", ip, d(2024, 10, 28), 450, "below", first=U, tag="lanwan-ip"),
        Loan("lanwan", "信用", d(2025, 5, 8), 150, "below", first=U),
        Loan("hengtuo", ip, d(2025, 4, 7), 350, None),
        Loan("luming", ip, d(2025, 6, 16), 150, "below", interest=None),
        Loan("dingxin", "信用", d(2024, 2, 26), 800, "below", tag="dingxin-credit"),
        Loan("dingxin", "抵押", d(2025, 1, 6), 1200, "below"),
        Loan("yizhuang", ip, d(2025, 2, 10), 900, "below"),
        Loan("yizhuang", "抵押", d(2024, 9, 12), 2500, "below", first=Y),  # 首贷超过 2000 万元
        Loan("badcode", ip, d(2025, 5, 26), 200, "below"),
        Loan("yinghuo", "信用", d(2025, 4, 18), 300, "below", first=Y, purpose="流动资金"),
        Loan(
            "hemiao",
            "保证",
            d(2025, 2, 20),
            500,
            "below",
            first=Y,
            purpose="流动资金",
            tag="hemiao-first",
        ),
        Loan("lishi", ip, d(2024, 3, 8), 800, "below", purpose="研发投入", tag="lishi-ip"),
        Loan("hengxin", "保证", d(2024, 5, 16), 1000, "below", purpose="设备购置", tag="hengxin-g"),
        Loan("qicheng", "保证", d(2024, 7, 22), 1200, "below", tag="qicheng-g"),
        Loan("cixuan", "保证", d(2024, 4, 10), 800, "below", tag="cixuan-g"),
        Loan(
            "xuhui",
            "保证",
            d(2025, 6, 18),
            1000,
            "below",
            first=Y,
            lender=BANK_SH,
            tag="xuhui-first",
        ),
        Loan("lingang", ip, d(2025, 3, 28), 3000, "below", lender=BANK_SH),
        Loan("caohejing", "信用", d(2025, 9, 9), 600, "below", lender=BANK_SH),
        # 新干县: 600 万 × 3.10 % × 20 % × 365/360 + 1000 万 × 3.00 % × 20 % × 548/360 > 10 万元
        Loan("xgdengshi", ip, d(2025, 3, 18), 600, "below", lender=BANK_JA),
        Loan("xgdengshi", ip, d(2025, 6, 10), 1000, "below", term_days=548, lender=BANK_JA),
        Loan("xgyanhua", ip, d(2025, 5, 26), 800, "below", lender=BANK_JA, end_blank=True),
        Loan("xgyanhua", "信用", d(2025, 8, 1), 400, "below", purpose=DIGITAL, lender=BANK_JA),
        Loan(
            "jzyunshu",
            "信用",
            d(2025, 3, 10),
            500,
            "below",
            first=Y,
            purpose=DIGITAL,
            lender=BANK_JA,
        ),
        Loan(
            "thdianzi",
            "信用",
            d(2025, 7, 1),
            300,
            "below",
            term_days=180,
            purpose=DIGITAL,
            lender=BANK_JA,
        ),
        Loan("thdianzi", "抵押", d(2025, 1, 15), 800, "below", purpose="流动资金", lender=BANK_JA),
        Loan("thjiaju", "信用", d(2025, 10, 20), 200, "below", purpose=None, lender=BANK_JA),
        # a five-year credit loan (19号(八) 5年期以上科创贷), drawn last so no id moves
        Loan("xinghe", "信用", d(2025, 12, 20), 1000, "below", term_days=1900, purpose="研发"),
    ]


@dataclass
class Event:
    ent: str
    kind: str
    date: dt.date
    fee: float | None
    board: str | None = None
    consolidated: str | None = None
    event_id: str = ""


def case_events() -> list[Event]:
    d = dt.date
    return [
        Event("xinghe", "新三板挂牌", d(2024, 9, 12), 680000, "基础层"),
        Event("yinxing", "新三板挂牌", d(2023, 11, 8), 1260000, "创新层"),
        Event("zhaohui", "新三板挂牌", d(2024, 4, 25), 820000, "基础层"),
        Event("zhaohui", "新三板挂牌", d(2025, 5, 26), 300000, "基础层调入创新层"),
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


@dataclass
class Guarantee:
    ent: str
    loan: str  # tag of the guaranteed loan; amount and dates are the loan's
    guarantor: str
    government: str | None
    fee_pct: float | None
    fee_paid: str | float | None = AUTO  # amount × rate × term/365, or given, or blank
    guarantee_id: str = ""
    loan_id: str = ""
    amount_wan: float = 0.0
    start: dt.date | None = None
    end: dt.date | None = None
    fee_yuan: float | None = None


# Fee rates are ≥ 1 %: the reader takes a number below 1 under "担保费率（%）" for a fraction.
GUARANTEES = (
    Guarantee("hemiao", "hemiao-first", GUAR_ZGC, Y, 1.00),
    Guarantee("lishi", "lishi-ip", GUAR_ZGC, Y, 1.00),
    Guarantee("hengxin", "hengxin-g", GUAR_ZGC, Y, 1.50),
    Guarantee("qicheng", "qicheng-g", GUAR_JK, U, 1.00),
    Guarantee("cixuan", "cixuan-g", GUAR_VC, N, 2.50),
    Guarantee("lanwan", "lanwan-ip", GUAR_ZGC, Y, 1.20, fee_paid=None),
    Guarantee("xuhui", "xuhui-first", GUAR_SH, Y, 1.00),
)


@dataclass
class Policy:
    ent: str
    insurer: str
    product: str
    premium: float | None  # yuan
    start: dt.date
    policy_id: str = ""


def case_insurance() -> list[Policy]:
    d = dt.date
    return [
        Policy("xinghe", INS_TECH, "科技保险", 1800, d(2025, 3, 1)),
        Policy("xinghe", INS_PC, "专利执行保险", 1200, d(2025, 7, 15)),
        Policy("yinghuo", INS_TECH, "研发费用损失保险", 2500, d(2025, 5, 6)),
        Policy("zhixing", INS_TECH, "科技保险", 1600, d(2025, 5, 20)),
        Policy("shiguang", INS_TECH, "科技保险", 1200, d(2025, 8, 12)),
        Policy("lishi", INS_PC, "专利被侵权损失保险", 2200, d(2025, 2, 10)),
        Policy("chuanliu", INS_PC, "知识产权质押融资保险", 6000, d(2024, 3, 20)),
        Policy("yuanfan", INS_PC, "贷款保证保险", 36000, d(2024, 5, 20)),
        Policy("qinghe", INS_TECH, "首台套保险", 12000, d(2025, 5, 12)),
        Policy("chenguang", INS_PC, "其他", 4500, d(2025, 2, 1)),
        Policy("lingang", INS_TECH, "首台套保险", 85000, d(2025, 4, 1)),
    ]


@dataclass
class Loss:
    ent: str
    loan: str  # tag of the loan
    institution: str | None  # None: the loan's lender
    kind: str  # 机构类型
    business: str  # 业务类型
    business_wan: float | None
    principal_wan: float | None
    share_pct: float | None
    compensation_wan: float | None
    date: dt.date
    loss_id: str = ""
    loan_id: str = ""


IPF, CREDIT, GUAR = "知识产权质押融资", "信用贷款", "融资担保"


def case_losses() -> list[Loss]:
    d = dt.date
    # fmt: off
    return [
        # One IP-pledge default shared by a bank, a guarantor, an insurer and an IP agency.
        Loss("lishi", "lishi-ip", None, "银行", IPF, 800, 400, 50, None, d(2025, 6, 30)),
        Loss("lishi", "lishi-ip", GUAR_ZGC, "担保机构", IPF, 800, 400, 30, 120, d(2025, 7, 15)),
        Loss("lishi", "lishi-ip", INS_PC, "保险机构", IPF, 800, 400, 10, 40, d(2025, 7, 20)),
        Loss("lishi", "lishi-ip", IP_AGENCY, "知识产权服务机构", IPF, 800, 400, 10, 40,
             d(2025, 8, 5)),
        Loss("yuanfan", "yuanfan-ip", None, "银行", IPF, 600, 360, 70, None, d(2025, 10, 15)),
        Loss("yuanfan", "yuanfan-ip", INS_PC, "保险机构", IPF, 600, 360, None, 108,
             d(2025, 10, 28)),
        Loss("songguo", "songguo-ip", None, "银行", IPF, 300, 180, 100, None, d(2025, 4, 22)),
        Loss("chenguang", "chenguang-ip", None, "银行", IPF, 400, 250, 100, None, d(2025, 3, 18)),
        Loss("dingxin", "dingxin-credit", None, "银行", CREDIT, 800, 320, 100, None,
             d(2025, 9, 30)),
        Loss("chengming", "chengming-credit", None, "银行", CREDIT, 300, 180, 100, None,
             d(2025, 11, 20)),
        Loss("zhiwei", "zhiwei-credit", None, "银行", CREDIT, 200, None, 100, None,
             d(2025, 12, 10)),
        Loss("hengxin", "hengxin-g", GUAR_ZGC, "担保机构", GUAR, 1000, 720, 100, 720,
             d(2025, 8, 20)),
        Loss("qicheng", "qicheng-g", GUAR_JK, "担保机构", GUAR, 1200, 500, 100, 500,
             d(2025, 5, 30)),
        Loss("cixuan", "cixuan-g", GUAR_VC, "担保机构", GUAR, 800, 300, 100, 300, d(2025, 10, 9)),
        Loss("lanwan", "lanwan-ip", GUAR_ZGC, "担保机构", GUAR, 450, 300, 100, None,
             d(2025, 12, 15)),
    ]
    # fmt: on


@dataclass
class Project:
    ent: str
    kind: str
    name: str
    date: dt.date
    requested_wan: float | None = None
    cost_wan: float | None = None
    contract_wan: float | None = None
    project_id: str = ""


def case_projects() -> list[Project]:
    d, P = dt.date, Project
    # fmt: off
    return [
        P("pujiang", "孵化器", "示例浦江未来产业孵化器运营", d(2025, 10, 20), 2500),
        P("pujiang", "创新创业活动", "示例未来产业创业大赛", d(2025, 11, 18), None, 60),
        P("xuhui", "专业服务平台", "示例合成生物中试平台", d(2025, 11, 5), 3000),
        P("xuhui", "国际标准", "示例生物制造国际标准研制", d(2025, 12, 1), 180),
        P("lingang", "基础研究投入", "示例量子测控基础研究", d(2025, 10, 10), 1200),
        P("lingang", "首台套产品", "示例量子测控装备首台套", d(2025, 10, 28), None, None, 8000),
        P("lingang", "生态主导型企业", "示例量子产业生态建设", d(2025, 11, 20)),
        P("lingang", "应用场景", "示例量子计算示范应用场景", d(2025, 12, 5), 900),
        P("lingang", "核心研发人员", "核心研发人员支持（首席科学家甲，虚构）", d(2025, 12, 8), 50),
        P("lingang", "核心研发人员", "核心研发人员支持（研发负责人乙，虚构）", d(2025, 12, 8), 35),
        P("zizhu", "基础研究投入", "示例蛋白质计算基础研究（一期）", d(2025, 10, 15), 600),
        P("zizhu", "基础研究投入", "示例蛋白质计算基础研究（二期）", d(2025, 12, 12), 500),
        P("zizhu", "小升规", "示例小升规奖励申报", d(2025, 11, 3), 50),
        P("caohejing", "规转强", "示例规转强奖励申报", d(2025, 11, 25)),
        P("caohejing", "未来产业集聚区", "示例智能传感未来产业集聚区", d(2025, 10, 30), 1500),
        P("caohejing", "境外展会", "示例传感器境外专业展参展", d(2025, 11, 12), 15, 40),
        P("caohejing", "应用场景", "示例城市感知应用场景（2026年立项）", d(2026, 1, 15), 300),
        P("changhe", "国际标准", "示例功率半导体国际标准研制", d(2025, 11, 11), 150),
        P("xuhui", "科技重大专项", "示例合成生物市级科技重大专项", d(2025, 9, 30), 5000),
        P("zizhu", "成果转化", "示例蛋白质计算新药成果转化", d(2025, 11, 28), 300),
    ]
    # fmt: on

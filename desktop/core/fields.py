"""Canonical fields of the portfolio tables: name, label, type and unit.

The spreadsheet reader maps columns onto these names; policy expressions refer to them;
outputs label them. One registry, so a field means the same everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from desktop.i18n import text


class FieldType(StrEnum):
    TEXT = "text"
    MONEY = "money"  # yuan, float64 rounded to 分 at import
    RATIO = "ratio"  # a fraction: 0.0435 means 4.35 %
    NUMBER = "number"
    COUNT = "count"
    DATE = "date"
    FLAG = "flag"  # three-valued: True / False / missing
    CATEGORY = "category"


class Table(StrEnum):
    ENTERPRISES = "enterprises"
    LOANS = "loans"
    EVENTS = "events"
    GUARANTEES = "guarantees"
    INSURANCE = "insurance"
    LOSSES = "losses"
    PROJECTS = "projects"
    INSTITUTIONS = "institutions"
    INVESTMENTS = "investments"


# Tables whose rows belong to one enterprise (joined by credit code).
RECORD_TABLES: tuple[Table, ...] = (
    Table.LOANS,
    Table.EVENTS,
    Table.GUARANTEES,
    Table.INSURANCE,
    Table.LOSSES,
    Table.PROJECTS,
    Table.INVESTMENTS,
)


@dataclass(frozen=True)
class FieldSpec:
    name: str
    table: Table
    type: FieldType
    label_zh: str
    label_en: str
    required: bool = False
    choices: tuple[str, ...] = ()
    key: bool = False  # identifies the row (record id or credit code)

    def label(self, lang: str = "zh") -> str:
        return self.label_zh if lang == "zh" else self.label_en


@dataclass(frozen=True)
class TableSpec:
    table: Table
    label_zh: str
    label_en: str
    sheet_names: tuple[str, ...]
    fields: tuple[FieldSpec, ...] = field(default_factory=tuple)

    def label(self, lang: str = "zh") -> str:
        return self.label_zh if lang == "zh" else self.label_en

    def by_name(self) -> dict[str, FieldSpec]:
        return {f.name: f for f in self.fields}


QUALIFICATIONS: tuple[tuple[str, str, str], ...] = (
    ("q_high_tech", "高新技术企业", "High-tech enterprise"),
    ("q_tech_sme", "科技型中小企业", "Tech-based SME"),
    ("q_srdi_sme", "专精特新中小企业", "SRDI SME (专精特新)"),
    ("q_little_giant", "专精特新“小巨人”企业", "SRDI 'little giant'"),
    (
        "q_innovation_demo",
        "国家技术创新示范企业",
        "National technology innovation demonstration enterprise",
    ),
    ("q_single_champion", "制造业单项冠军企业", "Manufacturing single-item champion"),
)

LISTING_STATUSES = ("未上市", "新三板", "境内上市", "境外上市")
SIZE_CLASSES = ("大型", "中型", "小型", "微型")
INSURANCE_PRODUCTS = (
    "科技保险",
    "贷款保证保险",
    "知识产权质押融资保险",
    "专利执行保险",
    "专利被侵权损失保险",
    "首台套保险",
    "研发费用损失保险",
    "其他",
)
INSTITUTION_TYPES = ("银行", "担保机构", "保险机构", "知识产权服务机构", "其他")
LOSS_BUSINESS_TYPES = ("知识产权质押融资", "信用贷款", "融资担保", "其他")
PROJECT_KINDS = (
    "科技重大专项",
    "孵化器",
    "专业服务平台",
    "基础研究投入",
    "生态主导型企业",
    "小升规",
    "规转强",
    "研发费用投入",
    "扩大研发与生产规模",
    "成果转化",
    "未来产业集聚区",
    "创新创业活动",
    "境外展会",
    "首台套产品",
    "应用场景",
    "核心研发人员",
    "国际标准",
    "其他",
)
COLLATERAL_TYPES = ("信用", "知识产权质押", "股权质押", "应收账款质押", "抵押", "保证", "其他")
EVENT_KINDS = ("新三板挂牌", "境内上市", "境外上市", "并购并表")


def _f(
    name: str,
    table: Table,
    kind: FieldType,
    zh: str,
    en: str,
    *,
    required: bool = False,
    key: bool = False,
    choices: tuple[str, ...] = (),
) -> FieldSpec:
    return FieldSpec(name, table, kind, zh, en, required=required, choices=choices, key=key)


def _owner(table: Table) -> FieldSpec:
    return _f(
        "uscc",
        table,
        FieldType.TEXT,
        "统一社会信用代码",
        "Unified social credit code",
        required=True,
    )


_ENTERPRISE_FIELDS: tuple[FieldSpec, ...] = (
    _f(
        "uscc",
        Table.ENTERPRISES,
        FieldType.TEXT,
        "统一社会信用代码",
        "Unified social credit code",
        required=True,
        key=True,
    ),
    _f(
        "name",
        Table.ENTERPRISES,
        FieldType.TEXT,
        "企业名称",
        "Enterprise name",
        required=True,
    ),
    _f(
        "district",
        Table.ENTERPRISES,
        FieldType.CATEGORY,
        "注册区",
        "District of registration",
    ),
    _f("industry", Table.ENTERPRISES, FieldType.TEXT, "所属行业", "Industry"),
    _f(
        "founded",
        Table.ENTERPRISES,
        FieldType.DATE,
        "成立日期",
        "Date founded",
    ),
    _f(
        "employees",
        Table.ENTERPRISES,
        FieldType.COUNT,
        "从业人员",
        "Employees",
    ),
    _f(
        "revenue",
        Table.ENTERPRISES,
        FieldType.MONEY,
        "营业收入",
        "Revenue",
    ),
    _f(
        "total_assets",
        Table.ENTERPRISES,
        FieldType.MONEY,
        "资产总额",
        "Total assets",
    ),
    *(_f(code, Table.ENTERPRISES, FieldType.FLAG, zh, en) for code, zh, en in QUALIFICATIONS),
    _f(
        "city",
        Table.ENTERPRISES,
        FieldType.CATEGORY,
        "所在城市",
        "City",
    ),
    _f(
        "address",
        Table.ENTERPRISES,
        FieldType.TEXT,
        "注册地址",
        "Registered address",
    ),
    _f(
        "size_class",
        Table.ENTERPRISES,
        FieldType.CATEGORY,
        "企业规模",
        "Size class",
        choices=SIZE_CLASSES,
    ),
    _f(
        "zgc_member",
        Table.ENTERPRISES,
        FieldType.FLAG,
        "中关村高新技术企业",
        "Zhongguancun high-tech enterprise",
    ),
    _f(
        "rd_expense",
        Table.ENTERPRISES,
        FieldType.MONEY,
        "研发费用",
        "R&D expenses",
    ),
    _f(
        "total_costs",
        Table.ENTERPRISES,
        FieldType.MONEY,
        "成本费用总额",
        "Total costs and expenses",
    ),
    _f(
        "high_tech_income",
        Table.ENTERPRISES,
        FieldType.MONEY,
        "高新技术产品（服务）收入",
        "High-tech product and service income",
    ),
    _f(
        "tech_staff",
        Table.ENTERPRISES,
        FieldType.COUNT,
        "科技人员",
        "Technical staff",
    ),
    _f(
        "ip_class1",
        Table.ENTERPRISES,
        FieldType.COUNT,
        "I类知识产权",
        "Class I intellectual property",
    ),
    _f(
        "ip_class2",
        Table.ENTERPRISES,
        FieldType.COUNT,
        "II类知识产权",
        "Class II intellectual property",
    ),
    _f(
        "listing_status",
        Table.ENTERPRISES,
        FieldType.CATEGORY,
        "上市状态",
        "Listing status",
        choices=LISTING_STATUSES,
    ),
    # One cell listing the enterprise's qualifications ("高新技术企业、专精特新"): kept as
    # written; the import sets the matching q_* flags from it (desktop/spreadsheet/lists.py).
    _f(
        "qualifications",
        Table.ENTERPRISES,
        FieldType.TEXT,
        "企业资质",
        "Qualifications",
    ),
)

_LOAN_FIELDS: tuple[FieldSpec, ...] = (
    _f(
        "loan_id",
        Table.LOANS,
        FieldType.TEXT,
        "贷款编号",
        "Loan ID",
        required=True,
        key=True,
    ),
    _owner(Table.LOANS),
    _f("lender", Table.LOANS, FieldType.TEXT, "贷款银行", "Lender"),
    _f(
        "amount",
        Table.LOANS,
        FieldType.MONEY,
        "贷款金额",
        "Loan amount",
    ),
    _f(
        "rate",
        Table.LOANS,
        FieldType.RATIO,
        "年利率",
        "Annual interest rate",
    ),
    _f(
        "start_date",
        Table.LOANS,
        FieldType.DATE,
        "放款日期",
        "Drawdown date",
    ),
    _f("end_date", Table.LOANS, FieldType.DATE, "到期日期", "Maturity date"),
    _f(
        "collateral",
        Table.LOANS,
        FieldType.CATEGORY,
        "担保方式",
        "Collateral type",
        choices=COLLATERAL_TYPES,
    ),
    _f(
        "interest_paid",
        Table.LOANS,
        FieldType.MONEY,
        "实付利息",
        "Interest actually paid",
    ),
    _f(
        "appraisal_fee",
        Table.LOANS,
        FieldType.MONEY,
        "评估费",
        "Appraisal fee",
    ),
    _f(
        "first_loan",
        Table.LOANS,
        FieldType.FLAG,
        "首贷",
        "First bank loan",
    ),
    _f("purpose", Table.LOANS, FieldType.TEXT, "贷款用途", "Loan purpose"),
)

_EVENT_FIELDS: tuple[FieldSpec, ...] = (
    _f(
        "event_id",
        Table.EVENTS,
        FieldType.TEXT,
        "事件编号",
        "Event ID",
        required=True,
        key=True,
    ),
    _owner(Table.EVENTS),
    _f(
        "kind",
        Table.EVENTS,
        FieldType.CATEGORY,
        "事件类型",
        "Event kind",
        choices=EVENT_KINDS,
    ),
    _f(
        "date",
        Table.EVENTS,
        FieldType.DATE,
        "事件日期",
        "Event date",
    ),
    _f("board", Table.EVENTS, FieldType.TEXT, "板块/层级", "Board or tier"),
    _f(
        "fee_paid",
        Table.EVENTS,
        FieldType.MONEY,
        "中介费用",
        "Intermediary fees paid",
    ),
    _f(
        "consolidated_haidian",
        Table.EVENTS,
        FieldType.FLAG,
        "并表至海淀区",
        "Consolidated into Haidian",
    ),
)


_GUARANTEE_FIELDS: tuple[FieldSpec, ...] = (
    _f(
        "guarantee_id",
        Table.GUARANTEES,
        FieldType.TEXT,
        "担保编号",
        "Guarantee ID",
        required=True,
        key=True,
    ),
    _owner(Table.GUARANTEES),
    _f("loan_id", Table.GUARANTEES, FieldType.TEXT, "贷款编号", "Loan ID"),
    _f("guarantor", Table.GUARANTEES, FieldType.TEXT, "担保机构", "Guarantor"),
    _f(
        "government_backed",
        Table.GUARANTEES,
        FieldType.FLAG,
        "政府性融资担保机构",
        "Government-backed guarantor",
    ),
    _f(
        "amount",
        Table.GUARANTEES,
        FieldType.MONEY,
        "担保金额",
        "Guaranteed amount",
    ),
    _f("fee_rate", Table.GUARANTEES, FieldType.RATIO, "担保费率", "Guarantee fee rate"),
    _f(
        "fee_paid",
        Table.GUARANTEES,
        FieldType.MONEY,
        "实付担保费",
        "Guarantee fee paid",
    ),
    _f("start_date", Table.GUARANTEES, FieldType.DATE, "担保起始日", "Guarantee start"),
    _f("end_date", Table.GUARANTEES, FieldType.DATE, "担保到期日", "Guarantee end"),
)

_INSURANCE_FIELDS: tuple[FieldSpec, ...] = (
    _f(
        "policy_id",
        Table.INSURANCE,
        FieldType.TEXT,
        "保单号",
        "Policy number",
        required=True,
        key=True,
    ),
    _owner(Table.INSURANCE),
    _f("insurer", Table.INSURANCE, FieldType.TEXT, "保险机构", "Insurer"),
    _f(
        "product",
        Table.INSURANCE,
        FieldType.CATEGORY,
        "险种",
        "Insurance product",
        choices=INSURANCE_PRODUCTS,
    ),
    _f("premium", Table.INSURANCE, FieldType.MONEY, "保费", "Premium paid"),
    _f("start_date", Table.INSURANCE, FieldType.DATE, "保险起期", "Policy start"),
)

_LOSS_FIELDS: tuple[FieldSpec, ...] = (
    _f(
        "loss_id",
        Table.LOSSES,
        FieldType.TEXT,
        "损失编号",
        "Loss ID",
        required=True,
        key=True,
    ),
    _owner(Table.LOSSES),
    _f("loan_id", Table.LOSSES, FieldType.TEXT, "贷款编号", "Loan ID"),
    _f(
        "institution",
        Table.LOSSES,
        FieldType.TEXT,
        "承担机构",
        "Institution",
    ),
    _f(
        "institution_type",
        Table.LOSSES,
        FieldType.CATEGORY,
        "机构类型",
        "Institution type",
        choices=INSTITUTION_TYPES,
    ),
    _f(
        "business_type",
        Table.LOSSES,
        FieldType.CATEGORY,
        "业务类型",
        "Business type",
        choices=LOSS_BUSINESS_TYPES,
    ),
    _f(
        "business_amount",
        Table.LOSSES,
        FieldType.MONEY,
        "业务金额",
        "Business amount",
    ),
    _f(
        "principal_lost",
        Table.LOSSES,
        FieldType.MONEY,
        "损失本金",
        "Principal lost",
    ),
    _f(
        "risk_share",
        Table.LOSSES,
        FieldType.RATIO,
        "承担风险比例",
        "Share of risk borne",
    ),
    _f(
        "compensation_paid",
        Table.LOSSES,
        FieldType.MONEY,
        "实际代偿金额",
        "Compensation paid",
    ),
    _f("date", Table.LOSSES, FieldType.DATE, "损失确认日期", "Date of loss"),
)

_PROJECT_FIELDS: tuple[FieldSpec, ...] = (
    _f(
        "project_id",
        Table.PROJECTS,
        FieldType.TEXT,
        "项目编号",
        "Project ID",
        required=True,
        key=True,
    ),
    _owner(Table.PROJECTS),
    _f(
        "kind",
        Table.PROJECTS,
        FieldType.CATEGORY,
        "项目类型",
        "Project kind",
        choices=PROJECT_KINDS,
    ),
    _f("project_name", Table.PROJECTS, FieldType.TEXT, "项目名称", "Project name"),
    _f("cost", Table.PROJECTS, FieldType.MONEY, "相关费用", "Eligible costs"),
    _f("contract_amount", Table.PROJECTS, FieldType.MONEY, "合同金额", "Contract amount"),
    _f(
        "requested",
        Table.PROJECTS,
        FieldType.MONEY,
        "申请支持金额",
        "Support requested",
    ),
    _f("date", Table.PROJECTS, FieldType.DATE, "立项日期", "Project date"),
)

_INVESTMENT_FIELDS: tuple[FieldSpec, ...] = (
    _f(
        "investment_id",
        Table.INVESTMENTS,
        FieldType.TEXT,
        "投资编号",
        "Investment ID",
        required=True,
        key=True,
    ),
    _owner(Table.INVESTMENTS),
    _f("investor", Table.INVESTMENTS, FieldType.TEXT, "投资机构", "Investor"),
    _f("round", Table.INVESTMENTS, FieldType.TEXT, "融资轮次", "Round"),
    _f("amount", Table.INVESTMENTS, FieldType.MONEY, "投资金额", "Amount invested"),
    _f("date", Table.INVESTMENTS, FieldType.DATE, "投资日期", "Date of investment"),
)

_INSTITUTION_FIELDS: tuple[FieldSpec, ...] = (
    _f(
        "institution",
        Table.INSTITUTIONS,
        FieldType.TEXT,
        "机构名称",
        "Institution",
        required=True,
        key=True,
    ),
    _f(
        "institution_type",
        Table.INSTITUTIONS,
        FieldType.CATEGORY,
        "机构类型",
        "Institution type",
        choices=INSTITUTION_TYPES,
    ),
    _f(
        "npl_ratio",
        Table.INSTITUTIONS,
        FieldType.RATIO,
        "各项贷款不良率",
        "Overall NPL ratio",
    ),
    _f(
        "sme_tech_npl_ratio",
        Table.INSTITUTIONS,
        FieldType.RATIO,
        "小微型科创企业贷款不良率",
        "NPL ratio of small and micro sci-tech loans",
    ),
)

TABLES: dict[Table, TableSpec] = {
    Table.ENTERPRISES: TableSpec(
        Table.ENTERPRISES,
        "企业",
        "Enterprises",
        ("企业", "企业信息", "enterprises"),
        _ENTERPRISE_FIELDS,
    ),
    Table.LOANS: TableSpec(
        Table.LOANS,
        "贷款",
        "Loans",
        ("贷款", "贷款明细", "loans"),
        _LOAN_FIELDS,
    ),
    Table.EVENTS: TableSpec(
        Table.EVENTS,
        "上市并购事件",
        "Listing and M&A events",
        ("上市并购事件", "上市事件", "events"),
        _EVENT_FIELDS,
    ),
    Table.GUARANTEES: TableSpec(
        Table.GUARANTEES,
        "担保",
        "Guarantees",
        ("担保", "担保明细", "guarantees"),
        _GUARANTEE_FIELDS,
    ),
    Table.INSURANCE: TableSpec(
        Table.INSURANCE, "保险", "Insurance", ("保险", "科技保险", "insurance"), _INSURANCE_FIELDS
    ),
    Table.LOSSES: TableSpec(
        Table.LOSSES,
        "不良与代偿",
        "Losses and compensation",
        ("不良与代偿", "损失", "代偿", "losses"),
        _LOSS_FIELDS,
    ),
    Table.PROJECTS: TableSpec(
        Table.PROJECTS, "项目", "Projects", ("项目", "项目申报", "projects"), _PROJECT_FIELDS
    ),
    Table.INVESTMENTS: TableSpec(
        Table.INVESTMENTS,
        "股权融资",
        "Equity investments received",
        ("股权融资", "股权投资", "investments"),
        _INVESTMENT_FIELDS,
    ),
    Table.INSTITUTIONS: TableSpec(
        Table.INSTITUTIONS,
        "机构",
        "Institutions",
        ("机构", "金融机构", "institutions"),
        _INSTITUTION_FIELDS,
    ),
}


def all_field_types() -> dict[str, FieldType]:
    """Field name → type over every table, plus the linked ``loan_*`` fields."""
    types: dict[str, FieldType] = {}
    for spec in TABLES.values():
        for f in spec.fields:
            types.setdefault(f.name, f.type)
    for name, f in linked_fields().items():
        types[name] = f.type
    return types


def field_label(name: str, lang: str = "zh", table: Table | None = None) -> str:
    """A field's label; with ``table``, the label it has there (amount: 贷款金额 or 担保金额)."""
    if table is not None:
        own = TABLES[table].by_name().get(name)
        if own is not None:
            return own.label(lang)
    for spec in TABLES.values():
        f = spec.by_name().get(name)
        if f is not None:
            return f.label(lang)
    linked = linked_fields().get(name)
    if linked is not None:
        return text("field.linked", lang, label=linked.label(lang))
    return name


# Records that name a loan (guarantees, losses) can use that loan's fields as ``loan_<name>``.
LINK_PREFIX = "loan_"


def linked_fields() -> dict[str, FieldSpec]:
    """``loan_first_loan`` → the loans table's ``first_loan`` spec, and so on."""
    return {
        f"{LINK_PREFIX}{f.name}": f
        for f in TABLES[Table.LOANS].fields
        if f.name not in ("loan_id", "uscc")
    }


def tables_linking_loans() -> tuple[Table, ...]:
    return tuple(t for t in RECORD_TABLES if t != Table.LOANS and "loan_id" in TABLES[t].by_name())

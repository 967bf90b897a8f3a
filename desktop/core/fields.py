"""Canonical fields of the portfolio tables: name, label, type and unit.

The spreadsheet reader maps columns onto these names; policy expressions refer to them;
outputs label them. One registry, so a field means the same everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum


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
    synonyms: tuple[str, ...] = ()
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
    "孵化器",
    "专业服务平台",
    "基础研究投入",
    "生态主导型企业",
    "小升规",
    "规转强",
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
    *synonyms: str,
    required: bool = False,
    key: bool = False,
    choices: tuple[str, ...] = (),
) -> FieldSpec:
    return FieldSpec(
        name, table, kind, zh, en, required=required, synonyms=synonyms, choices=choices, key=key
    )


def _owner(table: Table) -> FieldSpec:
    return _f(
        "uscc",
        table,
        FieldType.TEXT,
        "统一社会信用代码",
        "Unified social credit code",
        "信用代码",
        "社会信用代码",
        "USCC",
        required=True,
    )


_ENTERPRISE_FIELDS: tuple[FieldSpec, ...] = (
    _f(
        "uscc",
        Table.ENTERPRISES,
        FieldType.TEXT,
        "统一社会信用代码",
        "Unified social credit code",
        "信用代码",
        "社会信用代码",
        "USCC",
        "credit code",
        required=True,
        key=True,
    ),
    _f(
        "name",
        Table.ENTERPRISES,
        FieldType.TEXT,
        "企业名称",
        "Enterprise name",
        "公司名称",
        "客户名称",
        "单位名称",
        "name",
        required=True,
    ),
    _f(
        "district",
        Table.ENTERPRISES,
        FieldType.CATEGORY,
        "注册区",
        "District of registration",
        "所属区",
        "注册区域",
        "区县",
        "district",
    ),
    _f("industry", Table.ENTERPRISES, FieldType.TEXT, "所属行业", "Industry", "行业", "industry"),
    _f(
        "founded",
        Table.ENTERPRISES,
        FieldType.DATE,
        "成立日期",
        "Date founded",
        "注册日期",
        "founded",
    ),
    _f(
        "employees",
        Table.ENTERPRISES,
        FieldType.COUNT,
        "从业人员",
        "Employees",
        "员工人数",
        "职工人数",
        "employees",
    ),
    _f(
        "revenue",
        Table.ENTERPRISES,
        FieldType.MONEY,
        "营业收入",
        "Revenue",
        "营收",
        "销售收入",
        "revenue",
    ),
    _f(
        "total_assets",
        Table.ENTERPRISES,
        FieldType.MONEY,
        "资产总额",
        "Total assets",
        "总资产",
        "total assets",
    ),
    *(_f(code, Table.ENTERPRISES, FieldType.FLAG, zh, en) for code, zh, en in QUALIFICATIONS),
    _f(
        "city",
        Table.ENTERPRISES,
        FieldType.CATEGORY,
        "所在城市",
        "City",
        "城市",
        "所属城市",
        "city",
    ),
    _f(
        "address",
        Table.ENTERPRISES,
        FieldType.TEXT,
        "注册地址",
        "Registered address",
        "地址",
        "住所",
        "address",
    ),
    _f(
        "size_class",
        Table.ENTERPRISES,
        FieldType.CATEGORY,
        "企业规模",
        "Size class",
        "规模",
        "企业划型",
        "size class",
        choices=SIZE_CLASSES,
    ),
    _f(
        "zgc_member",
        Table.ENTERPRISES,
        FieldType.FLAG,
        "中关村高新技术企业",
        "Zhongguancun high-tech enterprise",
        "中关村企业",
        "中关村示范区企业",
    ),
    _f(
        "rd_expense",
        Table.ENTERPRISES,
        FieldType.MONEY,
        "研发费用",
        "R&D expenses",
        "研发投入",
        "R&D",
    ),
    _f(
        "total_costs",
        Table.ENTERPRISES,
        FieldType.MONEY,
        "成本费用总额",
        "Total costs and expenses",
        "成本费用",
        "total costs",
    ),
    _f(
        "high_tech_income",
        Table.ENTERPRISES,
        FieldType.MONEY,
        "高新技术产品（服务）收入",
        "High-tech product and service income",
        "高新技术产品收入",
        "高新收入",
    ),
    _f(
        "tech_staff",
        Table.ENTERPRISES,
        FieldType.COUNT,
        "科技人员",
        "Technical staff",
        "科技人员数",
        "研发人员",
        "tech staff",
    ),
    _f(
        "ip_class1",
        Table.ENTERPRISES,
        FieldType.COUNT,
        "I类知识产权",
        "Class I intellectual property",
        "Ⅰ类知识产权",
        "一类知识产权",
        "发明专利",
    ),
    _f(
        "ip_class2",
        Table.ENTERPRISES,
        FieldType.COUNT,
        "II类知识产权",
        "Class II intellectual property",
        "Ⅱ类知识产权",
        "二类知识产权",
    ),
    _f(
        "listing_status",
        Table.ENTERPRISES,
        FieldType.CATEGORY,
        "上市状态",
        "Listing status",
        "上市情况",
        "listing status",
        choices=LISTING_STATUSES,
    ),
)

_LOAN_FIELDS: tuple[FieldSpec, ...] = (
    _f(
        "loan_id",
        Table.LOANS,
        FieldType.TEXT,
        "贷款编号",
        "Loan ID",
        "借据号",
        "合同编号",
        "loan id",
        required=True,
        key=True,
    ),
    _owner(Table.LOANS),
    _f("lender", Table.LOANS, FieldType.TEXT, "贷款银行", "Lender", "银行", "lender"),
    _f(
        "amount",
        Table.LOANS,
        FieldType.MONEY,
        "贷款金额",
        "Loan amount",
        "放款金额",
        "金额",
        "amount",
    ),
    _f(
        "rate",
        Table.LOANS,
        FieldType.RATIO,
        "年利率",
        "Annual interest rate",
        "利率",
        "执行利率",
        "rate",
    ),
    _f(
        "start_date",
        Table.LOANS,
        FieldType.DATE,
        "放款日期",
        "Drawdown date",
        "起息日",
        "发放日期",
        "start date",
    ),
    _f("end_date", Table.LOANS, FieldType.DATE, "到期日期", "Maturity date", "到期日", "end date"),
    _f(
        "collateral",
        Table.LOANS,
        FieldType.CATEGORY,
        "担保方式",
        "Collateral type",
        "贷款方式",
        "担保类型",
        "collateral",
        choices=COLLATERAL_TYPES,
    ),
    _f(
        "interest_paid",
        Table.LOANS,
        FieldType.MONEY,
        "实付利息",
        "Interest actually paid",
        "已付利息",
        "实际支付利息",
        "interest paid",
    ),
    _f(
        "first_loan",
        Table.LOANS,
        FieldType.FLAG,
        "首贷",
        "First bank loan",
        "是否首贷",
        "首次贷款",
        "first loan",
    ),
    _f("purpose", Table.LOANS, FieldType.TEXT, "贷款用途", "Loan purpose", "用途", "purpose"),
)

_EVENT_FIELDS: tuple[FieldSpec, ...] = (
    _f(
        "event_id",
        Table.EVENTS,
        FieldType.TEXT,
        "事件编号",
        "Event ID",
        "编号",
        "event id",
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
        "类型",
        "kind",
        choices=EVENT_KINDS,
    ),
    _f(
        "date",
        Table.EVENTS,
        FieldType.DATE,
        "事件日期",
        "Event date",
        "日期",
        "挂牌日期",
        "上市日期",
        "date",
    ),
    _f(
        "board", Table.EVENTS, FieldType.TEXT, "板块/层级", "Board or tier", "板块", "层级", "board"
    ),
    _f(
        "fee_paid",
        Table.EVENTS,
        FieldType.MONEY,
        "中介费用",
        "Intermediary fees paid",
        "中介费",
        "实付中介费用",
        "fees",
    ),
    _f(
        "consolidated_haidian",
        Table.EVENTS,
        FieldType.FLAG,
        "并表至海淀区",
        "Consolidated into Haidian",
        "是否并表海淀",
        "consolidated into haidian",
    ),
)


_GUARANTEE_FIELDS: tuple[FieldSpec, ...] = (
    _f(
        "guarantee_id",
        Table.GUARANTEES,
        FieldType.TEXT,
        "担保编号",
        "Guarantee ID",
        "担保合同编号",
        "guarantee id",
        required=True,
        key=True,
    ),
    _owner(Table.GUARANTEES),
    _f("loan_id", Table.GUARANTEES, FieldType.TEXT, "贷款编号", "Loan ID", "借据号"),
    _f("guarantor", Table.GUARANTEES, FieldType.TEXT, "担保机构", "Guarantor", "担保公司"),
    _f(
        "government_backed",
        Table.GUARANTEES,
        FieldType.FLAG,
        "政府性融资担保机构",
        "Government-backed guarantor",
        "是否政府性融资担保",
    ),
    _f(
        "amount",
        Table.GUARANTEES,
        FieldType.MONEY,
        "担保金额",
        "Guaranteed amount",
        "在保金额",
        "担保额",
    ),
    _f("fee_rate", Table.GUARANTEES, FieldType.RATIO, "担保费率", "Guarantee fee rate", "费率"),
    _f(
        "fee_paid",
        Table.GUARANTEES,
        FieldType.MONEY,
        "实付担保费",
        "Guarantee fee paid",
        "担保费",
        "已付担保费",
    ),
    _f("start_date", Table.GUARANTEES, FieldType.DATE, "担保起始日", "Guarantee start", "起始日期"),
    _f("end_date", Table.GUARANTEES, FieldType.DATE, "担保到期日", "Guarantee end", "到期日期"),
)

_INSURANCE_FIELDS: tuple[FieldSpec, ...] = (
    _f(
        "policy_id",
        Table.INSURANCE,
        FieldType.TEXT,
        "保单号",
        "Policy number",
        "保单编号",
        "policy id",
        required=True,
        key=True,
    ),
    _owner(Table.INSURANCE),
    _f("insurer", Table.INSURANCE, FieldType.TEXT, "保险机构", "Insurer", "保险公司"),
    _f(
        "product",
        Table.INSURANCE,
        FieldType.CATEGORY,
        "险种",
        "Insurance product",
        "保险产品",
        "产品类型",
        choices=INSURANCE_PRODUCTS,
    ),
    _f("premium", Table.INSURANCE, FieldType.MONEY, "保费", "Premium paid", "实缴保费", "保险费"),
    _f("start_date", Table.INSURANCE, FieldType.DATE, "保险起期", "Policy start", "起保日期"),
)

_LOSS_FIELDS: tuple[FieldSpec, ...] = (
    _f(
        "loss_id",
        Table.LOSSES,
        FieldType.TEXT,
        "损失编号",
        "Loss ID",
        "代偿编号",
        "loss id",
        required=True,
        key=True,
    ),
    _owner(Table.LOSSES),
    _f("loan_id", Table.LOSSES, FieldType.TEXT, "贷款编号", "Loan ID", "借据号"),
    _f(
        "institution",
        Table.LOSSES,
        FieldType.TEXT,
        "承担机构",
        "Institution",
        "机构名称",
        "金融机构",
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
        "贷款或担保金额",
    ),
    _f(
        "principal_lost",
        Table.LOSSES,
        FieldType.MONEY,
        "损失本金",
        "Principal lost",
        "不良本金",
        "逾期本金",
    ),
    _f(
        "risk_share",
        Table.LOSSES,
        FieldType.RATIO,
        "承担风险比例",
        "Share of risk borne",
        "分担比例",
    ),
    _f(
        "compensation_paid",
        Table.LOSSES,
        FieldType.MONEY,
        "实际代偿金额",
        "Compensation paid",
        "代偿金额",
        "代偿额",
    ),
    _f(
        "date", Table.LOSSES, FieldType.DATE, "损失确认日期", "Date of loss", "代偿日期", "发生日期"
    ),
)

_PROJECT_FIELDS: tuple[FieldSpec, ...] = (
    _f(
        "project_id",
        Table.PROJECTS,
        FieldType.TEXT,
        "项目编号",
        "Project ID",
        "project id",
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
        "类别",
        choices=PROJECT_KINDS,
    ),
    _f("project_name", Table.PROJECTS, FieldType.TEXT, "项目名称", "Project name"),
    _f("cost", Table.PROJECTS, FieldType.MONEY, "相关费用", "Eligible costs", "项目费用", "费用"),
    _f("contract_amount", Table.PROJECTS, FieldType.MONEY, "合同金额", "Contract amount"),
    _f(
        "requested",
        Table.PROJECTS,
        FieldType.MONEY,
        "申请支持金额",
        "Support requested",
        "申请金额",
    ),
    _f("date", Table.PROJECTS, FieldType.DATE, "立项日期", "Project date", "申报日期"),
)

_INVESTMENT_FIELDS: tuple[FieldSpec, ...] = (
    _f(
        "investment_id",
        Table.INVESTMENTS,
        FieldType.TEXT,
        "投资编号",
        "Investment ID",
        "融资编号",
        "investment id",
        required=True,
        key=True,
    ),
    _owner(Table.INVESTMENTS),
    _f("investor", Table.INVESTMENTS, FieldType.TEXT, "投资机构", "Investor", "投资方"),
    _f("round", Table.INVESTMENTS, FieldType.TEXT, "融资轮次", "Round", "轮次"),
    _f("amount", Table.INVESTMENTS, FieldType.MONEY, "投资金额", "Amount invested", "融资金额"),
    _f("date", Table.INVESTMENTS, FieldType.DATE, "投资日期", "Date of investment", "融资日期"),
)

_INSTITUTION_FIELDS: tuple[FieldSpec, ...] = (
    _f(
        "institution",
        Table.INSTITUTIONS,
        FieldType.TEXT,
        "机构名称",
        "Institution",
        "银行",
        "金融机构",
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
        "不良贷款率",
    ),
    _f(
        "sme_tech_npl_ratio",
        Table.INSTITUTIONS,
        FieldType.RATIO,
        "小微型科创企业贷款不良率",
        "NPL ratio of small and micro sci-tech loans",
        "科创小微不良率",
    ),
)

# More spellings seen in exports: core-banking ledgers, head-office BI (English), district
# application lists. Per table, field → spellings; matched after the same normalisation.
_MORE_SYNONYMS: dict[Table, dict[str, tuple[str, ...]]] = {
    Table.ENTERPRISES: {
        "uscc": (
            "统一代码",
            "社会统一信用代码",
            "企业统一社会信用代码",
            "Credit Code",
            "USCC Code",
        ),
        "name": (
            "Company Name",
            "Company",
            "Enterprise",
            "Customer Name",
            "Borrower",
            "Borrower Name",
            "借款人",
            "借款人名称",
            "借款企业",
            "企业全称",
            "申报单位",
            "申请单位",
            "申请企业",
            "客户名",
        ),
        "district": (
            "所在区",
            "行政区划",
            "注册地",
            "所属区域",
            "区域",
            "所在区县",
            "所属区县",
            "注册地区",
            "County",
            "District Name",
        ),
        "industry": ("所属行业门类", "行业分类", "国民经济行业", "Industry Sector", "Sector"),
        "founded": (
            "成立时间",
            "注册时间",
            "成立年月",
            "Established",
            "Date of Establishment",
            "Founded Date",
            "Incorporation Date",
        ),
        "employees": (
            "从业人数",
            "员工数",
            "职工人数",
            "Headcount",
            "Staff",
            "Number of Employees",
        ),
        "revenue": ("主营业务收入", "年营业收入", "上年营业收入", "Operating Revenue", "Sales"),
        "total_assets": ("资产总计", "Assets"),
        "q_high_tech": (
            "国高新",
            "高企",
            "国家高新技术企业",
            "High-tech",
            "High-tech Enterprise",
            "HNTE",
        ),
        "q_tech_sme": ("科小", "科技型中小企业", "Tech SME", "Tech-based SME"),
        "q_srdi_sme": ("专精特新", "专精特新标志", "专精特新企业", "SRDI", "SRDI SME"),
        "q_little_giant": ("小巨人", "专精特新小巨人", "Little Giant"),
        "size_class": ("Enterprise Size", "Size", "企业类型（规模）"),
        "address": ("注册地址（住所）", "经营地址", "Address"),
        "rd_expense": ("研发费用总额", "R&D Expenses"),
    },
    Table.LOANS: {
        "loan_id": (
            "借据编号",
            "贷款账号",
            "合同号",
            "贷款合同号",
            "Loan No.",
            "Loan No",
            "Loan Number",
            "Loan Ref",
            "Contract No.",
        ),
        "lender": ("贷款行", "经办行", "放款机构", "贷款机构", "Bank", "Lending Bank"),
        "amount": (
            "贷款本金",
            "发放金额",
            "借据金额",
            "贷款发放金额",
            "Loan Amount",
            "Principal",
            "Amount",
        ),
        "rate": ("贷款利率", "年化利率", "执行年利率", "Interest Rate", "Rate"),
        "start_date": (
            "发放日",
            "放款日",
            "起始日",
            "贷款发放日",
            "借据起始日",
            "Value Date",
            "Start Date",
            "Drawdown Date",
            "Disbursement Date",
        ),
        "end_date": ("借据到期日", "贷款到期日", "Maturity", "Maturity Date", "End Date"),
        "interest_paid": (
            "本年已收利息",
            "已付息金额",
            "已收利息",
            "实收利息",
            "累计已付利息",
            "Interest Paid",
        ),
        "first_loan": ("首贷户", "是否首贷户", "First Loan"),
        "collateral": ("Guarantee Type", "Collateral", "担保类别"),
        "purpose": ("Loan Purpose", "Purpose"),
    },
    # corpus: a district's application list (tests/corpus, issue #15) names the event kind
    # 申报事项 (新三板挂牌, 境内上市 …); move with the rest of the vocabulary.
    Table.EVENTS: {
        "kind": ("申报事项", "申报类型"),
    },
}


def _more(fields: tuple[FieldSpec, ...], table: Table) -> tuple[FieldSpec, ...]:
    extra = _MORE_SYNONYMS.get(table, {})
    return tuple(
        replace(f, synonyms=f.synonyms + extra[f.name]) if f.name in extra else f for f in fields
    )


TABLES: dict[Table, TableSpec] = {
    Table.ENTERPRISES: TableSpec(
        Table.ENTERPRISES,
        "企业",
        "Enterprises",
        ("企业", "企业信息", "enterprises"),
        _more(_ENTERPRISE_FIELDS, Table.ENTERPRISES),
    ),
    Table.LOANS: TableSpec(
        Table.LOANS,
        "贷款",
        "Loans",
        ("贷款", "贷款明细", "loans"),
        _more(_LOAN_FIELDS, Table.LOANS),
    ),
    Table.EVENTS: TableSpec(
        Table.EVENTS,
        "上市并购事件",
        "Listing and M&A events",
        ("上市并购事件", "上市事件", "events"),
        _more(_EVENT_FIELDS, Table.EVENTS),  # corpus: events take _MORE_SYNONYMS too
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


def field_spec(table: Table, name: str) -> FieldSpec | None:
    return TABLES[table].by_name().get(name)


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
        return f"所贷款项·{linked.label_zh}" if lang == "zh" else f"linked loan: {linked.label_en}"
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

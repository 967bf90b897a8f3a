"""Canonical fields of the portfolio tables: name, label, type and unit.

The spreadsheet reader maps columns onto these names; policy expressions refer to them;
outputs label them. One registry, so a field means the same everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
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
COLLATERAL_TYPES = ("信用", "知识产权质押", "股权质押", "应收账款质押", "抵押", "保证", "其他")
EVENT_KINDS = ("新三板挂牌", "境内上市", "境外上市", "并购并表")

_ENTERPRISE_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "uscc",
        Table.ENTERPRISES,
        FieldType.TEXT,
        "统一社会信用代码",
        "Unified social credit code",
        required=True,
        key=True,
        synonyms=("信用代码", "社会信用代码", "USCC", "credit code"),
    ),
    FieldSpec(
        "name",
        Table.ENTERPRISES,
        FieldType.TEXT,
        "企业名称",
        "Enterprise name",
        required=True,
        synonyms=("公司名称", "客户名称", "单位名称", "name"),
    ),
    FieldSpec(
        "district",
        Table.ENTERPRISES,
        FieldType.CATEGORY,
        "注册区",
        "District of registration",
        synonyms=("所属区", "注册区域", "区县", "district"),
    ),
    FieldSpec(
        "industry",
        Table.ENTERPRISES,
        FieldType.TEXT,
        "所属行业",
        "Industry",
        synonyms=("行业", "industry"),
    ),
    FieldSpec(
        "founded",
        Table.ENTERPRISES,
        FieldType.DATE,
        "成立日期",
        "Date founded",
        synonyms=("注册日期", "founded"),
    ),
    FieldSpec(
        "employees",
        Table.ENTERPRISES,
        FieldType.COUNT,
        "从业人员",
        "Employees",
        synonyms=("员工人数", "职工人数", "employees"),
    ),
    FieldSpec(
        "revenue",
        Table.ENTERPRISES,
        FieldType.MONEY,
        "营业收入",
        "Revenue",
        synonyms=("营收", "销售收入", "revenue"),
    ),
    FieldSpec(
        "total_assets",
        Table.ENTERPRISES,
        FieldType.MONEY,
        "资产总额",
        "Total assets",
        synonyms=("总资产", "total assets"),
    ),
    *(
        FieldSpec(code, Table.ENTERPRISES, FieldType.FLAG, zh, en)
        for code, zh, en in QUALIFICATIONS
    ),
    FieldSpec(
        "listing_status",
        Table.ENTERPRISES,
        FieldType.CATEGORY,
        "上市状态",
        "Listing status",
        choices=LISTING_STATUSES,
        synonyms=("上市情况", "listing status"),
    ),
)

_LOAN_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "loan_id",
        Table.LOANS,
        FieldType.TEXT,
        "贷款编号",
        "Loan ID",
        required=True,
        key=True,
        synonyms=("借据号", "合同编号", "loan id"),
    ),
    FieldSpec(
        "uscc",
        Table.LOANS,
        FieldType.TEXT,
        "统一社会信用代码",
        "Unified social credit code",
        required=True,
        synonyms=("信用代码", "USCC"),
    ),
    FieldSpec(
        "lender", Table.LOANS, FieldType.TEXT, "贷款银行", "Lender", synonyms=("银行", "lender")
    ),
    FieldSpec(
        "amount",
        Table.LOANS,
        FieldType.MONEY,
        "贷款金额",
        "Loan amount",
        synonyms=("放款金额", "金额", "amount"),
    ),
    FieldSpec(
        "rate",
        Table.LOANS,
        FieldType.RATIO,
        "年利率",
        "Annual interest rate",
        synonyms=("利率", "执行利率", "rate"),
    ),
    FieldSpec(
        "start_date",
        Table.LOANS,
        FieldType.DATE,
        "放款日期",
        "Drawdown date",
        synonyms=("起息日", "发放日期", "start date"),
    ),
    FieldSpec(
        "end_date",
        Table.LOANS,
        FieldType.DATE,
        "到期日期",
        "Maturity date",
        synonyms=("到期日", "end date"),
    ),
    FieldSpec(
        "collateral",
        Table.LOANS,
        FieldType.CATEGORY,
        "担保方式",
        "Collateral type",
        choices=COLLATERAL_TYPES,
        synonyms=("贷款方式", "担保类型", "collateral"),
    ),
    FieldSpec(
        "interest_paid",
        Table.LOANS,
        FieldType.MONEY,
        "实付利息",
        "Interest actually paid",
        synonyms=("已付利息", "实际支付利息", "interest paid"),
    ),
)

_EVENT_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "event_id",
        Table.EVENTS,
        FieldType.TEXT,
        "事件编号",
        "Event ID",
        required=True,
        key=True,
        synonyms=("编号", "event id"),
    ),
    FieldSpec(
        "uscc",
        Table.EVENTS,
        FieldType.TEXT,
        "统一社会信用代码",
        "Unified social credit code",
        required=True,
        synonyms=("信用代码", "USCC"),
    ),
    FieldSpec(
        "kind",
        Table.EVENTS,
        FieldType.CATEGORY,
        "事件类型",
        "Event kind",
        choices=EVENT_KINDS,
        synonyms=("类型", "kind"),
    ),
    FieldSpec(
        "date",
        Table.EVENTS,
        FieldType.DATE,
        "事件日期",
        "Event date",
        synonyms=("日期", "挂牌日期", "上市日期", "date"),
    ),
    FieldSpec(
        "board",
        Table.EVENTS,
        FieldType.TEXT,
        "板块/层级",
        "Board or tier",
        synonyms=("板块", "层级", "board"),
    ),
    FieldSpec(
        "fee_paid",
        Table.EVENTS,
        FieldType.MONEY,
        "中介费用",
        "Intermediary fees paid",
        synonyms=("中介费", "实付中介费用", "fees"),
    ),
    FieldSpec(
        "consolidated_haidian",
        Table.EVENTS,
        FieldType.FLAG,
        "并表至海淀区",
        "Consolidated into Haidian",
        synonyms=("是否并表海淀", "consolidated into haidian"),
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
        Table.LOANS, "贷款", "Loans", ("贷款", "贷款明细", "loans"), _LOAN_FIELDS
    ),
    Table.EVENTS: TableSpec(
        Table.EVENTS,
        "上市并购事件",
        "Listing and M&A events",
        ("上市并购事件", "上市事件", "events"),
        _EVENT_FIELDS,
    ),
}


def field_spec(table: Table, name: str) -> FieldSpec | None:
    return TABLES[table].by_name().get(name)


def all_field_types() -> dict[str, FieldType]:
    """Field name → type over every table (a name used in two tables has one type)."""
    types: dict[str, FieldType] = {}
    for spec in TABLES.values():
        for f in spec.fields:
            types.setdefault(f.name, f.type)
    return types


def field_label(name: str, lang: str = "zh") -> str:
    for spec in TABLES.values():
        f = spec.by_name().get(name)
        if f is not None:
            return f.label(lang)
    return name

"""One generator per kind of real export, each writing the data of :mod:`corpus.data` the way
that kind of file looks, with what the import must make of it (:class:`Case`).

Row and column numbers in the expectations are Excel's (row 1 = the first row, column A).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from desktop.core.fields import Table

from . import data as d
from .book import SheetSpec, csv_text, flag, pct, wan, write_book, ymd
from .data import Row
from .template import restrict

Writer = Callable[[Path], list[Path]]


@dataclass
class Case:
    """One kind of file. ``sheets``: sheet (or CSV file) name → (role, a fragment of the
    reason); ``mapping``: (table, field) → a fragment of the header mapped to it;
    ``issues``: (sheet, row, column, a fragment of the cell text) that the quality report
    must locate; ``measures``: (credit code, measure) → the status expected in the results
    (besides being equal to the clean template's)."""

    kind: str
    checks: str
    write: Writer
    tables: dict[Table, list[Row]]
    sheets: dict[str, tuple[str, str]]
    mapping: dict[tuple[Table, str], str] = field(default_factory=dict)
    issues: list[tuple[str | None, int, str, str]] = field(default_factory=list)
    measures: dict[tuple[str, str], str] = field(default_factory=dict)
    used: dict[str, int] = field(default_factory=dict)  # sheet → rows used
    dropped_by: dict[str, dict[str, int]] = field(default_factory=dict)  # sheet → reasons
    # check ("verdicts", "mapping", "issues", "results") → why it is known to fail
    xfail: dict[str, str] = field(default_factory=dict)


ENT = d.by_uscc(d.ENTERPRISES)


def _ent(uscc: object) -> Row:
    return ENT[str(uscc)]


def _only(rows: Sequence[Row], codes: Sequence[str]) -> list[Row]:
    return [r for r in rows if r["uscc"] in codes]


def _rows(number: int) -> list[list[object]]:
    return [[] for _ in range(number)]


# 1. Core-banking loan ledger -------------------------------------------------------------

LEDGER_ENT = ("uscc", "name", "district", "industry", "employees", "revenue", "q_high_tech")
LEDGER_LOAN = (
    "loan_id",
    "uscc",
    "lender",
    "amount",
    "rate",
    "start_date",
    "end_date",
    "collateral",
    "interest_paid",
    "first_loan",
    "purpose",
)


def core_banking_ledger(folder: Path) -> list[Path]:
    header = [
        "序号",
        "客户名称",
        "统一社会信用代码",
        "所属区县",
        "行业类别",
        "从业人数",
        "营业收入(万元)",
        "高新技术企业",
        "借据号",
        "经办机构",
        "放款日",
        "到期日",
        "合同金额(万元)",
        "执行利率(%)",
        "担保方式",
        "已收利息(元)",
        "首贷户",
        "贷款用途",
        "五级分类",
        "客户经理",
    ]
    rows: list[list[object]] = [
        ["示例银行股份有限公司对公贷款借据明细表"],
        ["机构：示例银行　　报表日期：2025-06-30　　币种：人民币"],
        header,
    ]
    for n, loan in enumerate(d.LOANS, start=1):
        e = _ent(loan["uscc"])
        district = e["district"]
        city = "江西省吉安市" if str(e["uscc"])[2:4] == "36" else "北京市"
        rows.append(
            [
                n,
                e["name"],
                e["uscc"],
                f"{city}{district}" if n % 2 else district,
                e["industry"],
                e["employees"],
                wan(e["revenue"]),
                flag(e["q_high_tech"], unknown="待核实"),
                loan["loan_id"],
                loan["lender"],
                ymd(loan["start_date"], "compact"),
                ymd(loan["end_date"], "compact"),
                wan(loan["amount"]),
                pct(loan["rate"]),
                loan["collateral"],
                loan["interest_paid"],
                flag(loan["first_loan"]),
                loan["purpose"],
                "正常",
                "王五",
            ]
        )
        if n in (3, 6):  # the system prints a subtotal per branch
            branch = "北京分行" if n == 3 else "吉安分行"
            rows.append([f"{branch}小计", *[None] * 11, 1000.0])
    total = sum(float(loan["amount"]) for loan in d.LOANS)  # type: ignore[arg-type]
    rows.append(
        ["合计", None, None, None, None, None, None, None, None, None, None, None, wan(total)]
    )
    rows.append(["制表人：张三　　复核人：李四　　打印时间：2025-07-01 09:12"])
    path = folder / "对公贷款借据明细_20250630.xlsx"
    write_book(path, [SheetSpec("借据明细", rows, merges=[(0, 0, 0, 19)])])
    return [path]


# 2. English head-office BI export ------------------------------------------------------

BI_ENT = (
    "uscc",
    "name",
    "district",
    "industry",
    "employees",
    "revenue",
    "q_high_tech",
    "q_srdi_sme",
)
BI_LOAN = (
    "loan_id",
    "uscc",
    "amount",
    "rate",
    "start_date",
    "end_date",
    "collateral",
    "interest_paid",
    "first_loan",
    "purpose",
)


def english_bi_export(folder: Path) -> list[Path]:
    notes = [
        ["Report: SME Tech Lending — exported from Head Office BI"],
        ["This workbook is generated automatically. Sheet1 lists loans, Sheet2 borrowers."],
        ["Amounts in CNY 10k unless stated otherwise. Data as of 2025-06-30."],
    ]
    loans: list[list[object]] = [
        [
            "Loan No.",
            "USCC",
            "Loan Amount (CNY 10k)",
            "Interest Rate (%)",
            "Value Date",
            "Maturity",
            "Interest Paid",
            "Collateral",
            "Purpose",
            "First Loan",
        ]
    ]
    for loan in d.LOANS:
        loans.append(
            [
                loan["loan_id"],
                loan["uscc"],
                wan(loan["amount"]),
                loan["rate"],  # a fraction
                ymd(loan["start_date"]),
                ymd(loan["end_date"]),
                loan["interest_paid"],
                loan["collateral"],
                loan["purpose"],
                flag(loan["first_loan"], "Y", "N"),
            ]
        )
    ents: list[list[object]] = [
        [
            "Company Name",
            "USCC",
            "District",
            "Industry",
            "Employees",
            "Revenue (CNY 10k)",
            "High-tech Y/N",
            "SRDI",
        ]
    ]
    for e in d.ENTERPRISES:
        ents.append(
            [
                e["name"],
                e["uscc"],
                e["district"],
                e["industry"],
                e["employees"],
                wan(e["revenue"]),
                flag(e["q_high_tech"], "Y", "N", "?"),
                flag(e["q_srdi_sme"], "Y", "N"),
            ]
        )
    pivot: list[list[object]] = [["Row Labels", "Sum of Loan Amount (CNY 10k)"]]
    for district in ("海淀区", "朝阳区", "新干县", "吉州区", "泰和县", "大兴区"):
        amount = sum(
            float(x["amount"])  # type: ignore[arg-type]
            for x in d.LOANS
            if _ent(x["uscc"])["district"] == district
        )
        pivot.append([district, wan(amount)])
    pivot.append(["Grand Total", wan(sum(float(x["amount"]) for x in d.LOANS))])  # type: ignore[arg-type]
    path = folder / "HO_BI_SME_Tech_Lending.xlsx"
    write_book(
        path,
        [
            SheetSpec("说明", notes),
            SheetSpec("Sheet1", loans),
            SheetSpec("Sheet2", ents),
            SheetSpec("Pivot", pivot),
        ],
    )
    return [path]


# 3. Bilingual headers, two-row merged header -------------------------------------------

BILINGUAL_ENT = ("uscc", "name", "district", "q_high_tech", "q_srdi_sme", "revenue")
BILINGUAL_LOAN = (
    "loan_id",
    "uscc",
    "amount",
    "rate",
    "start_date",
    "end_date",
    "collateral",
    "interest_paid",
    "purpose",
)


def bilingual_headers(folder: Path) -> list[Path]:
    ent_rows: list[list[object]] = [
        [
            "企业基本信息 Company Information",
            None,
            None,
            "资质 Qualifications",
            None,
            "经营 Operations",
        ],
        [
            "企业名称 Company Name",
            "统一社会信用代码 USCC",
            "所属区 District",
            "高新技术企业 High-tech",
            "专精特新 SRDI",
            "营业收入/Revenue（万元）",
        ],
    ]
    for e in d.ENTERPRISES:
        ent_rows.append(
            [
                e["name"],
                e["uscc"],
                e["district"],
                flag(e["q_high_tech"], "是 Yes", "否 No", "不确定 Unsure"),
                flag(e["q_srdi_sme"], "是 Yes", "否 No"),
                wan(e["revenue"]),
            ]
        )
    loan_rows: list[list[object]] = [
        ["贷款信息 Loan", None, None, None, "期限 Term", None, "其他 Other", None, None],
        [
            "贷款编号/Loan No.",
            "统一社会信用代码/USCC",
            "贷款金额/Loan Amount（万元）",
            "年利率/Interest Rate（%）",
            "放款日期/Value Date",
            "到期日期/Maturity",
            "担保方式/Collateral",
            "实付利息/Interest Paid（元）",
            "贷款用途/Purpose",
        ],
    ]
    for loan in d.LOANS:
        loan_rows.append(
            [
                loan["loan_id"],
                loan["uscc"],
                wan(loan["amount"]),
                pct(loan["rate"]),
                ymd(loan["start_date"], "text"),
                ymd(loan["end_date"], "text"),
                loan["collateral"],
                loan["interest_paid"],
                loan["purpose"],
            ]
        )
    path = folder / "科技企业贷款 Tech Loans.xlsx"
    write_book(
        path,
        [
            SheetSpec("企业 Companies", ent_rows, merges=[(0, 0, 0, 2), (0, 3, 0, 4)]),
            SheetSpec("贷款 Loans", loan_rows, merges=[(0, 0, 0, 3), (0, 4, 0, 5), (0, 6, 0, 8)]),
        ],
    )
    return [path]


# 4. CSV pair ----------------------------------------------------------------------------

CSV_ENT = (
    "uscc",
    "name",
    "district",
    "industry",
    "employees",
    "revenue",
    "total_assets",
    "q_high_tech",
    "q_srdi_sme",
)
CSV_LOAN = LEDGER_LOAN


def _csv_pair(folder: Path) -> tuple[Path, Path]:
    ents: list[list[object]] = [
        [
            "统一社会信用代码",
            "企业名称",
            "注册区",
            "所属行业",
            "从业人员",
            "营业收入（万元）",
            "资产总额（万元）",
            "高新技术企业",
            "专精特新中小企业",
        ]
    ]
    for e in d.ENTERPRISES:
        ents.append(
            [
                e["uscc"],
                e["name"],
                e["district"],
                e["industry"],
                e["employees"],
                wan(e["revenue"]),
                wan(e["total_assets"]),
                flag(e["q_high_tech"], unknown="待查"),
                flag(e["q_srdi_sme"]),
            ]
        )
    loans: list[list[object]] = [
        [
            "贷款编号",
            "统一社会信用代码",
            "贷款银行",
            "贷款金额（万元）",
            "年利率（%）",
            "放款日期",
            "到期日期",
            "担保方式",
            "实付利息（元）",
            "首贷",
            "贷款用途",
        ]
    ]
    for loan in d.LOANS:
        loans.append(
            [
                loan["loan_id"],
                loan["uscc"],
                loan["lender"],
                wan(loan["amount"]),
                pct(loan["rate"]),
                ymd(loan["start_date"], "text"),
                ymd(loan["end_date"], "text"),
                loan["collateral"],
                loan["interest_paid"],
                flag(loan["first_loan"]),
                loan["purpose"],
            ]
        )
    first = folder / "enterprises.csv"
    first.write_bytes(csv_text(ents).encode("utf-8-sig"))
    second = folder / "loans.csv"
    second.write_bytes(csv_text(loans).encode("gbk"))
    return first, second


def csv_pair(folder: Path) -> list[Path]:
    first, second = _csv_pair(folder)
    return [second, first]  # the loans named first: order does not matter


def csv_folder(folder: Path) -> list[Path]:
    sub = folder / "导出"
    sub.mkdir()
    _csv_pair(sub)
    return [sub]


# 5. A district's application list ------------------------------------------------------

APPLY_ENT = ("uscc", "name", "district", "q_high_tech")
APPLY_EVENT = ("uscc", "kind", "date", "board", "fee_paid")
APPLICANTS = (d.HAIDIAN, d.CHAOYANG)


def application_list(folder: Path) -> list[Path]:
    rows: list[list[object]] = [
        ["2025年上市挂牌企业资金支持申报汇总表"],
        [
            "序号",
            "申报企业",
            "信用代码",
            "所在区",
            "高新技术企业",
            "申报事项",
            "挂牌日期",
            "挂牌层级",
            "中介费用（万元）",
            "申请金额（万元）",
            "联系人",
            "审核意见",
        ],
    ]
    for n, event in enumerate(d.EVENTS, start=1):
        e = _ent(event["uscc"])
        high_tech = "申请中" if e["uscc"] == d.CHAOYANG else flag(e["q_high_tech"])
        rows.append(
            [
                n,
                e["name"],
                e["uscc"],
                e["district"],
                high_tech,
                event["kind"],
                ymd(event["date"], "cn"),
                event["board"],
                wan(event["fee_paid"]),
                wan(event["fee_paid"]),
                "赵六",
                "待审核",
            ]
        )
    rows.append(["注：申请金额以区审核结果为准。"])
    path = folder / "上市挂牌申报清单.xlsx"
    write_book(path, [SheetSpec("申报清单", rows, merges=[(0, 0, 0, 11)])])
    return [path]


# 6. Header on row 6 under a logo block -------------------------------------------------

LOGO_ENT = ("uscc", "name", "district", "revenue", "q_high_tech", "q_srdi_sme")
LOGO_LOAN = (
    "loan_id",
    "uscc",
    "amount",
    "rate",
    "start_date",
    "end_date",
    "collateral",
    "interest_paid",
    "purpose",
)


def _logo_block(title: str) -> list[list[object]]:
    return [
        ["示例银行 SAMPLE BANK", None, None, "[行徽]"],
        ["科技金融事业部 Sci-Tech Finance"],
        [title],
        ["填报单位：示例银行北京分行", None, None, "数据截至2025年6月30日"],
        ["单位：万元"],
    ]


def logo_block(folder: Path) -> list[Path]:
    ents = _logo_block("科技型企业客户名单")
    ents.append(["企业名称", "统一社会信用代码", "所属区", "营业收入", "高新技术企业", "专精特新"])
    for e in d.ENTERPRISES:
        ents.append(
            [
                e["name"],
                e["uscc"],
                e["district"],
                wan(e["revenue"]),
                flag(e["q_high_tech"], unknown="待补充"),
                flag(e["q_srdi_sme"]),
            ]
        )
    loans = _logo_block("科技型企业贷款发放明细")
    loans.append(
        [
            "借据编号",
            "统一社会信用代码",
            "贷款金额",
            "年利率（%）",
            "放款日期",
            "到期日期",
            "担保方式",
            "实付利息",
            "贷款用途",
        ]
    )
    for loan in d.LOANS:
        loans.append(
            [
                loan["loan_id"],
                loan["uscc"],
                wan(loan["amount"]),
                pct(loan["rate"]),
                ymd(loan["start_date"]),
                ymd(loan["end_date"]),
                loan["collateral"],
                wan(loan["interest_paid"]),
                loan["purpose"],
            ]
        )
    logo = [(0, 0, 1, 2), (0, 3, 1, 5), (2, 0, 2, 8)]
    path = folder / "科技金融月报.xlsx"
    write_book(
        path,
        [
            SheetSpec("客户", ents, merges=logo[:2] + [(2, 0, 2, 5)]),
            SheetSpec("放款", loans, merges=logo),
        ],
    )
    return [path]


# 7. Instruction sheets in front --------------------------------------------------------

FRONT_ENT = (
    "uscc",
    "name",
    "district",
    "q_high_tech",
    "q_srdi_sme",
    "employees",
    "revenue",
    "total_assets",
    "industry",
)
FRONT_LOAN = LEDGER_LOAN
FRONT_EVENT = ("event_id", "uscc", "kind", "date", "board", "fee_paid")


def instruction_sheets(folder: Path) -> list[Path]:
    ent_header = [
        "统一社会信用代码",
        "企业名称",
        "注册区",
        "高新技术企业",
        "专精特新中小企业",
        "从业人员",
        "营业收入（万元）",
        "资产总额（万元）",
        "所属行业",
    ]
    guide = [
        ["填表说明"],
        ["1. 本表用于报送科技型企业贷款情况，金额单位为万元，利率单位为%。"],
        ["2. 统一社会信用代码须为18位，请勿修改表头和工作表顺序。"],
        ["3. 填写示例如下："],
        ent_header,
        ["示例", "91110108MA00000000", "海淀区", "是", "否", 100, 5000, 8000, "软件"],
    ]
    dictionary = [
        ["字段名", "含义", "填写要求"],
        ["统一社会信用代码", "企业的18位代码", "必填"],
        ["注册区", "企业注册所在区县", "按代码表填写"],
        ["高新技术企业", "是否国家高新技术企业", "是/否"],
    ]
    codes = [
        ["区划代码", "区划名称"],
        ["110108", "海淀区"],
        ["110105", "朝阳区"],
        ["360824", "新干县"],
    ]
    # The template's example row was left under the header of the data sheet.
    ents: list[list[object]] = [ent_header, guide[-1]]
    for e in d.ENTERPRISES:
        ents.append(
            [
                e["uscc"],
                e["name"],
                e["district"],
                flag(e["q_high_tech"], unknown="？"),
                flag(e["q_srdi_sme"]),
                e["employees"],
                wan(e["revenue"]),
                wan(e["total_assets"]),
                e["industry"],
            ]
        )
    loans: list[list[object]] = [
        [
            "贷款编号",
            "统一社会信用代码",
            "贷款银行",
            "贷款金额（万元）",
            "年利率（%）",
            "放款日期",
            "到期日期",
            "担保方式",
            "实付利息（元）",
            "首贷",
            "贷款用途",
        ]
    ]
    for loan in d.LOANS:
        loans.append(
            [
                loan["loan_id"],
                loan["uscc"],
                loan["lender"],
                wan(loan["amount"]),
                pct(loan["rate"]),
                ymd(loan["start_date"]),
                ymd(loan["end_date"]),
                loan["collateral"],
                loan["interest_paid"],
                flag(loan["first_loan"]),
                loan["purpose"],
            ]
        )
    events: list[list[object]] = [
        ["事件编号", "统一社会信用代码", "事件类型", "事件日期", "板块/层级", "中介费用（万元）"]
    ]
    for ev in d.EVENTS:
        events.append(
            [
                ev["event_id"],
                ev["uscc"],
                ev["kind"],
                ymd(ev["date"]),
                ev["board"],
                wan(ev["fee_paid"]),
            ]
        )
    path = folder / "科技企业融资情况报送表.xlsx"
    write_book(
        path,
        [
            SheetSpec("填表说明", guide),
            SheetSpec("字段字典", dictionary),
            SheetSpec("代码表", codes),
            SheetSpec("科技企业名录", ents),
            SheetSpec("授信业务明细", loans),
            SheetSpec("资本市场情况", events),
        ],
    )
    return [path]


# 8. 吉安 counties ------------------------------------------------------------------------

JIAN = (d.XINGAN, d.JIZHOU, d.TAIHE)
JIAN_ENT = ("uscc", "name", "district", "q_high_tech", "q_srdi_sme")
JIAN_LOAN = LEDGER_LOAN


def jian_counties(folder: Path) -> list[Path]:
    """The county only in the address (新干县), only as a division code (吉州区) or only in
    the credit code's characters 3–8 (泰和县)."""
    ents: list[list[object]] = [
        [
            "企业名称",
            "统一社会信用代码",
            "注册地址",
            "行政区划代码",
            "高新技术企业",
            "专精特新中小企业",
        ]
    ]
    for e in _only(d.ENTERPRISES, JIAN):
        address = e["address"] if e["uscc"] == d.XINGAN else None
        code = "360802" if e["uscc"] == d.JIZHOU else None
        srdi = "认定中" if e["uscc"] == d.XINGAN else flag(e["q_srdi_sme"])
        ents.append([e["name"], e["uscc"], address, code, flag(e["q_high_tech"]), srdi])
    loans: list[list[object]] = [
        [
            "借据号",
            "统一社会信用代码",
            "贷款银行",
            "贷款金额（万元）",
            "年利率（%）",
            "放款日期",
            "到期日期",
            "担保方式",
            "实付利息（元）",
            "首贷",
            "贷款用途",
        ]
    ]
    for loan in _only(d.LOANS, JIAN):
        loans.append(
            [
                loan["loan_id"],
                loan["uscc"],
                loan["lender"],
                wan(loan["amount"]),
                pct(loan["rate"]),
                ymd(loan["start_date"], "cn"),
                ymd(loan["end_date"], "cn"),
                loan["collateral"],
                loan["interest_paid"],
                flag(loan["first_loan"]),
                loan["purpose"],
            ]
        )
    path = folder / "吉安市科技型企业贷款.xlsx"
    write_book(path, [SheetSpec("企业", ents), SheetSpec("贷款", loans)])
    return [path]


# 9. Rates as fractions under a "%" header, and a mix -----------------------------------

RATE_ENT = (
    "uscc",
    "name",
    "district",
    "industry",
    "employees",
    "revenue",
    "total_assets",
    "q_high_tech",
    "q_srdi_sme",
)
RATE_LOAN = LEDGER_LOAN
GUARANTEES: list[Row] = [
    {
        "guarantee_id": "DB2024001",
        "uscc": d.CHAOYANG,
        "loan_id": "JD2024091003",
        "guarantor": "示例融资担保有限公司",
        "government_backed": True,
        "amount": 3_000_000.0,
        "fee_rate": 0.015,
        "fee_paid": 45_000.0,
        "start_date": d.LOANS[2]["start_date"],
        "end_date": d.LOANS[2]["end_date"],
    }
]


def rates_as_fractions(folder: Path) -> list[Path]:
    """年利率（%） holds fractions (0.0345) on some rows and percent figures (3.2) on
    others; 担保费率（%） next door holds percent figures (1.5)."""
    ents: list[list[object]] = [
        [
            "统一社会信用代码",
            "企业名称",
            "注册区",
            "所属行业",
            "从业人员",
            "营业收入（万元）",
            "资产总额（万元）",
            "高新技术企业",
            "专精特新中小企业",
        ]
    ]
    for e in d.ENTERPRISES:
        ents.append(
            [
                e["uscc"],
                e["name"],
                e["district"],
                e["industry"],
                e["employees"],
                wan(e["revenue"]),
                wan(e["total_assets"]),
                flag(e["q_high_tech"], unknown="待核实"),
                flag(e["q_srdi_sme"]),
            ]
        )
    loans: list[list[object]] = [
        [
            "贷款编号",
            "统一社会信用代码",
            "贷款银行",
            "贷款金额（万元）",
            "年利率（%）",
            "放款日期",
            "到期日期",
            "担保方式",
            "实付利息（元）",
            "首贷",
            "贷款用途",
        ]
    ]
    for n, loan in enumerate(d.LOANS):
        rate = loan["rate"] if n % 2 == 0 else pct(loan["rate"])
        loans.append(
            [
                loan["loan_id"],
                loan["uscc"],
                loan["lender"],
                wan(loan["amount"]),
                rate,
                ymd(loan["start_date"]),
                ymd(loan["end_date"]),
                loan["collateral"],
                loan["interest_paid"],
                flag(loan["first_loan"]),
                loan["purpose"],
            ]
        )
    guarantees: list[list[object]] = [
        [
            "担保编号",
            "统一社会信用代码",
            "贷款编号",
            "担保机构",
            "政府性融资担保机构",
            "担保金额（万元）",
            "担保费率（%）",
            "实付担保费（元）",
            "担保起始日",
            "担保到期日",
        ]
    ]
    for g in GUARANTEES:
        guarantees.append(
            [
                g["guarantee_id"],
                g["uscc"],
                g["loan_id"],
                g["guarantor"],
                flag(g["government_backed"]),
                wan(g["amount"]),
                pct(g["fee_rate"]),
                g["fee_paid"],
                ymd(g["start_date"]),
                ymd(g["end_date"]),
            ]
        )
    path = folder / "利率口径混合.xlsx"
    write_book(
        path, [SheetSpec("企业", ents), SheetSpec("贷款", loans), SheetSpec("担保", guarantees)]
    )
    return [path]


# 10. A bank's own variant: sheets reversed, a hidden column, √/×, "500万" in cells ------

VARIANT_ENT = ("uscc", "name", "district", "q_high_tech", "q_srdi_sme", "revenue")
VARIANT_LOAN = (
    "loan_id",
    "uscc",
    "amount",
    "rate",
    "start_date",
    "end_date",
    "collateral",
    "interest_paid",
    "first_loan",
    "purpose",
)


def bank_variant(folder: Path) -> list[Path]:
    loans: list[list[object]] = [
        [
            "借据编号",
            "内部客户号",
            "统一社会信用代码",
            "放款金额",
            "利率（%）",
            "起息日",
            "到期日",
            "担保方式",
            "已付利息",
            "首贷",
            "贷款用途",
        ]
    ]
    for n, loan in enumerate(d.LOANS, start=1):
        loans.append(
            [
                loan["loan_id"],
                f"C{n:06d}",
                loan["uscc"],
                f"{wan(loan['amount']):g}万",
                pct(loan["rate"]),
                ymd(loan["start_date"], "dot"),
                ymd(loan["end_date"], "dot"),
                loan["collateral"],
                f"{float(loan['interest_paid']):,.2f}元",  # type: ignore[arg-type]
                flag(loan["first_loan"], "√", "×"),
                loan["purpose"],
            ]
        )
    ents: list[list[object]] = [
        ["客户名称", "统一社会信用代码", "区县", "国高新", "专精特新", "营业收入"]
    ]
    for e in reversed(d.ENTERPRISES):
        ents.append(
            [
                e["name"],
                e["uscc"],
                e["district"],
                flag(e["q_high_tech"], "√", "×", "△"),
                flag(e["q_srdi_sme"], "√", "×"),
                f"{wan(e['revenue']):g}万元",
            ]
        )
    path = folder / "分行报送_科技贷款.xlsx"
    write_book(path, [SheetSpec("Sheet3", loans, hidden_columns=(1,)), SheetSpec("Sheet1", ents)])
    return [path]


PINYIN = {
    "海淀区": "Haidian District",
    "朝阳区": "Chaoyang District",
    "新干县": "Xingan County",
    "吉州区": "Jizhou District",
    "泰和县": "Taihe County",
    "大兴区": "Daxing District",
}


def english_bi_pinyin(folder: Path) -> list[Path]:
    """The BI export again, its districts in pinyin as an English report writes them."""
    (path,) = english_bi_export(folder)
    import openpyxl

    book = openpyxl.load_workbook(path)
    sheet = book["Sheet2"]
    for (cell,) in sheet.iter_rows(min_row=2, min_col=3, max_col=3):
        cell.value = PINYIN.get(str(cell.value), cell.value)
    out = folder / "HO_BI_SME_Tech_Lending_EN.xlsx"
    book.save(out)
    path.unlink()
    return [out]


def _unknown(tables: dict[Table, list[Row]], uscc: str, name: str) -> dict[Table, list[Row]]:
    """The data with one enterprise value unknown (written as an odd token in the file)."""
    for row in tables[Table.ENTERPRISES]:
        if row["uscc"] == uscc:
            row[name] = None
    return tables


def _tables(
    ents: Sequence[str],
    loans: Sequence[str] = (),
    events: Sequence[str] = (),
    codes: Sequence[str] | None = None,
) -> dict[Table, list[Row]]:
    pick: Callable[[Sequence[Row]], Sequence[Row]] = (
        (lambda rows: rows) if codes is None else (lambda rows: _only(rows, codes))
    )
    out: dict[Table, list[Row]] = {Table.ENTERPRISES: restrict(pick(d.ENTERPRISES), ents)}
    if loans:
        out[Table.LOANS] = restrict(pick(d.LOANS), loans)
    if events:
        out[Table.EVENTS] = restrict(pick(d.EVENTS), events)
    return out


LEDGER = "借据明细"
CASES: list[Case] = [
    Case(
        "core-banking-ledger",
        "one row per loan with the borrower repeated, title rows, a 合计 row, a 制表人 footer",
        core_banking_ledger,
        _tables(LEDGER_ENT, LEDGER_LOAN),
        {LEDGER: ("enterprises+loans", "拆分")},
        {
            (Table.ENTERPRISES, "name"): "客户名称",
            (Table.ENTERPRISES, "district"): "所属区县",
            (Table.LOANS, "loan_id"): "借据号",
            (Table.LOANS, "amount"): "合同金额",
            (Table.LOANS, "rate"): "执行利率",
            (Table.LOANS, "start_date"): "放款日",
            (Table.LOANS, "first_loan"): "首贷",
        },
        [(LEDGER, 12, "H", "待核实")],
        {**d.LOAN_MEASURES, (d.CHAOYANG, "jzbf-2023-23.19.interest"): "eligible"},
        {LEDGER: 7},
        {LEDGER: {"合计行 / total": 3, "备注行 / note": 1}},
    ),
    Case(
        "english-bi-export",
        "说明 first, Sheet1 loans (rates as fractions under (%)), Sheet2 borrowers, a Pivot",
        english_bi_export,
        _tables(BI_ENT, BI_LOAN),
        {
            "说明": ("unused", "说明"),
            "Sheet1": ("loans", "loans"),
            "Sheet2": ("enterprises", "enterprises"),
            "Pivot": ("unused", "汇总"),
        },
        {
            (Table.LOANS, "loan_id"): "Loan No.",
            (Table.LOANS, "amount"): "Loan Amount",
            (Table.LOANS, "rate"): "Interest Rate",
            (Table.LOANS, "start_date"): "Value Date",
            (Table.LOANS, "end_date"): "Maturity",
            (Table.LOANS, "interest_paid"): "Interest Paid",
            (Table.ENTERPRISES, "name"): "Company Name",
            (Table.ENTERPRISES, "q_high_tech"): "High-tech",
            (Table.ENTERPRISES, "q_srdi_sme"): "SRDI",
        },
        [("Sheet2", 7, "G", "?")],
        {**d.LOAN_MEASURES, (d.CHAOYANG, "jzbf-2023-23.19.interest"): "eligible"},
        {"Sheet1": 7, "Sheet2": 6},
    ),
    Case(
        "english-bi-pinyin-districts",
        "District in pinyin (Haidian District …): read from the pinyin spelling and reported "
        "as assumed; a spelling several districts share is narrowed by the credit code's "
        "division (chars 3–8), so the results still equal the template's",
        english_bi_pinyin,
        _tables(BI_ENT, BI_LOAN),
        {
            "说明": ("unused", "说明"),
            "Sheet1": ("loans", "loans"),
            "Sheet2": ("enterprises", "enterprises"),
            "Pivot": ("unused", "汇总"),
        },
        {(Table.ENTERPRISES, "district"): "District"},
        [("Sheet2", 2, "C", "Haidian District")],
        dict(d.LOAN_MEASURES),
        {"Sheet1": 7, "Sheet2": 6},
    ),
    Case(
        "bilingual-headers",
        "企业名称 Company Name / 贷款金额/Loan Amount（万元） under merged parent cells",
        bilingual_headers,
        _tables(BILINGUAL_ENT, BILINGUAL_LOAN),
        {"企业 Companies": ("enterprises", ""), "贷款 Loans": ("loans", "")},
        {
            (Table.ENTERPRISES, "name"): "Company Name",
            (Table.ENTERPRISES, "q_high_tech"): "High-tech",
            (Table.LOANS, "amount"): "Loan Amount",
            (Table.LOANS, "rate"): "Interest Rate",
            (Table.LOANS, "start_date"): "Value Date",
        },
        [("企业 Companies", 8, "D", "不确定")],
        dict(d.LOAN_MEASURES),
        {"企业 Companies": 6, "贷款 Loans": 7},
    ),
    Case(
        "csv-pair",
        "enterprises.csv (UTF-8 BOM) + loans.csv (GBK) passed together, loans first",
        csv_pair,
        _tables(CSV_ENT, CSV_LOAN),
        {"enterprises.csv": ("enterprises", ""), "loans.csv": ("loans", "")},
        {(Table.LOANS, "amount"): "贷款金额", (Table.ENTERPRISES, "district"): "注册区"},
        [("enterprises.csv", 7, "H", "待查")],
        {**d.LOAN_MEASURES, (d.CHAOYANG, "jzbf-2023-23.19.interest"): "eligible"},
        {"enterprises.csv": 6, "loans.csv": 7},
    ),
    Case(
        "csv-folder",
        "the same CSV pair given as a folder",
        csv_folder,
        _tables(CSV_ENT, CSV_LOAN),
        {"enterprises.csv": ("enterprises", ""), "loans.csv": ("loans", "")},
        {(Table.LOANS, "loan_id"): "贷款编号"},
        [("enterprises.csv", 7, "H", "待查")],
        {**d.LOAN_MEASURES, (d.CHAOYANG, "jzbf-2023-23.19.interest"): "eligible"},
        {"enterprises.csv": 6, "loans.csv": 7},
    ),
    Case(
        "application-list",
        "a district's list, one row per application (申报企业, 信用代码, 所在区, 申报事项 …)",
        application_list,
        _unknown(
            _tables(APPLY_ENT, events=APPLY_EVENT, codes=APPLICANTS), d.CHAOYANG, "q_high_tech"
        ),
        {"申报清单": ("enterprises+events", "拆分")},
        {
            (Table.ENTERPRISES, "name"): "申报企业",
            (Table.ENTERPRISES, "district"): "所在区",
            (Table.EVENTS, "kind"): "申报事项",
            (Table.EVENTS, "date"): "挂牌日期",
            (Table.EVENTS, "fee_paid"): "中介费用",
        },
        [("申报清单", 4, "E", "申请中")],
        dict(d.EVENT_MEASURES),
        {"申报清单": 2},
    ),
    Case(
        "logo-block",
        "header on row 6 under a merged logo/title block, 填报单位, 数据截至…, 单位：万元",
        logo_block,
        _tables(LOGO_ENT, LOGO_LOAN),
        {"客户": ("enterprises", ""), "放款": ("loans", "")},
        {(Table.LOANS, "loan_id"): "借据编号", (Table.LOANS, "amount"): "贷款金额"},
        [("客户", 12, "E", "待补充")],
        dict(d.LOAN_MEASURES),
        {"客户": 6, "放款": 7},
    ),
    Case(
        "instruction-sheets",
        "填表说明 with an example row, 字段字典, 代码表, then data sheets with their own names",
        instruction_sheets,
        _tables(FRONT_ENT, FRONT_LOAN, FRONT_EVENT),
        {
            "填表说明": ("unused", "说明"),
            "字段字典": ("unused", "代码表"),
            "代码表": ("unused", "代码表"),
            "科技企业名录": ("enterprises", ""),
            "授信业务明细": ("loans", ""),
            "资本市场情况": ("events", ""),
        },
        {(Table.EVENTS, "kind"): "事件类型"},
        [("科技企业名录", 8, "D", "？")],
        {
            **d.LOAN_MEASURES,
            **d.EVENT_MEASURES,
            (d.CHAOYANG, "jzbf-2023-23.19.interest"): "eligible",
        },
        {"科技企业名录": 6, "授信业务明细": 7, "资本市场情况": 2},
        {"科技企业名录": {"示例行 / example row": 1}},
    ),
    Case(
        "jian-counties",
        "吉安 counties given by address, by division code 360802 or only by the credit code",
        jian_counties,
        _unknown(_tables(JIAN_ENT, JIAN_LOAN, codes=JIAN), d.XINGAN, "q_srdi_sme"),
        {"企业": ("enterprises", ""), "贷款": ("loans", "")},
        {(Table.ENTERPRISES, "address"): "注册地址"},
        [("企业", 2, "F", "认定中")],
        {k: v for k, v in d.LOAN_MEASURES.items() if k[0] in JIAN},
        {"企业": 3, "贷款": 3},
    ),
    Case(
        "rates-as-fractions",
        "年利率（%） holding 0.0345 on some rows and 3.2 on others, 担保费率（%） 1.5",
        rates_as_fractions,
        {
            **_tables(RATE_ENT, RATE_LOAN),
            Table.GUARANTEES: [dict(g) for g in GUARANTEES],
        },
        {"企业": ("enterprises", ""), "贷款": ("loans", ""), "担保": ("guarantees", "")},
        {(Table.LOANS, "rate"): "年利率", (Table.GUARANTEES, "fee_rate"): "担保费率"},
        [("企业", 7, "H", "待核实")],
        {
            **d.LOAN_MEASURES,
            # 二选一 (23号第19条 “或”): the guarantee-fee subsidy (1% a year, 30,000) pays more
            # than 20% of the interest paid (34号, 14,400), so it is the one counted
            (d.CHAOYANG, "jzbf-2023-23.19.guarantee_fee"): "eligible",
        },
        {"企业": 6, "贷款": 7, "担保": 1},
    ),
    Case(
        "bank-variant",
        "loans sheet first (Sheet3, Sheet1), a hidden 内部客户号 column, √/×, '500万' in cells",
        bank_variant,
        _tables(VARIANT_ENT, VARIANT_LOAN),
        {"Sheet3": ("loans", ""), "Sheet1": ("enterprises", "")},
        {(Table.LOANS, "amount"): "放款金额", (Table.ENTERPRISES, "q_high_tech"): "国高新"},
        [("Sheet1", 2, "D", "△")],
        dict(d.LOAN_MEASURES),
        {"Sheet3": 7, "Sheet1": 6},
    ),
]

__all__ = ["CASES", "Case"]

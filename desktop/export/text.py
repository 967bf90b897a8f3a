"""Words of the result files (Chinese and English) and small text helpers.

Every label an export writes lives here, so a later translation or rewording touches one
module. Sheet and column titles are keyed by a stable id; ``lang`` picks the language.
"""

from __future__ import annotations

import unicodedata

EXCEL_MAX_CHARS = 32_767
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

SHEETS: dict[str, dict[str, str]] = {
    "zh": {
        "cover": "说明",
        "summary": "汇总",
        "matrix": "资格矩阵",
        "results": "测算结果",
        "detail": "测算明细",
        "institutions": "机构补偿",
        "institution_checks": "机构措施",
        "items": "记录明细",
        "parameters": "参数",
        "policies": "政策依据",
        "quality": "数据质量",
    },
    "en": {
        "cover": "About",
        "summary": "Summary",
        "matrix": "Eligibility matrix",
        "results": "Results",
        "detail": "Amount details",
        "institutions": "Institutions",
        "institution_checks": "Institution measures",
        "items": "Records",
        "parameters": "Parameters",
        "policies": "Policy basis",
        "quality": "Data quality",
    },
}

# Column titles: id → (Chinese, English).
HEADERS: dict[str, tuple[str, str]] = {
    "uscc": ("统一社会信用代码", "Unified social credit code"),
    "name": ("企业名称", "Enterprise"),
    "district": ("注册区", "District"),
    "measure_id": ("措施编号", "Measure ID"),
    "measure_name": ("措施名称", "Measure"),
    "doc_number": ("文件文号", "Document number"),
    "doc_title": ("文件标题", "Document title"),
    "issuers": ("发文机关", "Issued by"),
    "article": ("条款", "Article"),
    "article_title": ("条款标题", "Article title"),
    "status": ("状态", "Status"),
    "amount": ("金额（元）", "Amount (yuan)"),
    "reasons": ("依据与理由", "Basis and reasons"),
    "missing": ("缺少数据", "Missing data"),
    "record_table": ("记录类型", "Record type"),
    "record": ("记录编号", "Record ID"),
    "year": ("年度", "Year"),
    "raw_amount": ("封顶前金额（元）", "Amount before cap (yuan)"),
    "allocated": ("核定金额（元）", "Allocated amount (yuan)"),
    "capped_by": ("封顶依据", "Capped by"),
    "param_key": ("参数键", "Parameter key"),
    "param_label": ("参数名称", "Parameter"),
    "value_display": ("取值", "Value"),
    "value_number": ("数值", "Numeric value"),
    "unit": ("单位", "Unit"),
    "valid_from": ("生效日期", "Valid from"),
    "assumption": ("是否假设", "Assumption"),
    "source": ("来源", "Source"),
    "note": ("说明", "Note"),
    "overridden": ("用户修改", "Changed by user"),
    "default": ("默认值", "Default value"),
    "amount_label": ("计算口径", "Amount basis"),
    "caps": ("封顶规则", "Caps"),
    "manual_checks": ("需人工核实", "Checks by hand"),
    "quote": ("原文摘录", "Exact quote"),
    "severity": ("级别", "Severity"),
    "sheet": ("工作表", "Sheet"),
    "row": ("行", "Row"),
    "column": ("列", "Column"),
    "value": ("原始值", "Original value"),
    "message": ("问题", "Problem"),
    "action": ("处理", "Action taken"),
    "eligible": ("符合", "Eligible"),
    "ineligible": ("不符合", "Not eligible"),
    "unknown": ("待补数据", "Missing data"),
    "total": ("金额合计（元）", "Total amount (yuan)"),
    "base": ("基数（元）", "Base (yuan)"),
    "data1": ("数据1", "Data 1"),
    "data2": ("数据2", "Data 2"),
    "data3": ("数据3", "Data 3"),
    "data4": ("数据4", "Data 4"),
    "data_note": ("数据说明", "Data used"),
    "ratio": ("比例", "Ratio"),
    "cap": ("上限（元）", "Cap (yuan)"),
    "how": ("计算方式", "How computed"),
    "institution": ("机构", "Institution"),
    "beneficiary": ("机构类型", "Institution type"),
    "records": ("笔数", "Records"),
    "lpr_1y": ("放款日一年期LPR（推定）", "1-year LPR on the loan date (derived)"),
    "lpr_from": ("LPR公布日", "LPR published on"),
    "institution_type": ("机构类别", "Institution category"),
    "enterprises": ("企业数", "Enterprises"),
    "group": ("分组", "Group"),
}

ASSUMPTION_MARK = "【假设】"
YES = {"zh": "是", "en": "yes"}
SEVERITY = {
    "zh": {"error": "错误", "warning": "警告", "info": "提示"},
    "en": {"error": "error", "warning": "warning", "info": "info"},
}

COVER: dict[str, dict[str, str]] = {
    "zh": {
        "title": "科创金融政策测算结果",
        "as_of": "测算基准日",
        "input": "输入文件",
        "input_sha": "输入文件 SHA-256",
        "no_input": "（未从文件导入）",
        "catalogue_sha": "政策目录 SHA-256",
        "documents": "政策文件",
        "counts": "测算范围",
        "counts_text": "{ents} 家企业 × {measures} 项措施 = {rows} 行测算结果",
        "version": "软件版本",
        "generated": "生成时间",
        "assumptions": "假设参数",
        "assumptions_text": (
            "本次测算共使用 {n} 项参数，其中 {k} 项为假设值。"
            "凡标注【假设】的取值并非由政策原文确定，"
            "而是为便于测算所作的假设，使用结果前请向主管部门核实。"
        ),
        "overrides": "用户修改的参数",
        "overrides_text": "{k} 项（见“参数”工作表“用户修改”列）",
        "quality": "数据质量",
        "quality_text": "{n} 项提示（见“数据质量”工作表）",
        "howto": "如何阅读",
        "howto_text": (
            "“测算结果”：每家企业 × 每项措施一行，给出状态（符合 / 不符合 / 待补数据）、"
            "测算金额和逐条理由；“待补数据”表示缺少判断所需的数据，见“缺少数据”列。\n"
            "“记录明细”：逐笔贷款或事件的判断、封顶前金额与封顶后核定金额。\n"
            "“参数”：测算所用的比例、上限等参数及其来源；标注【假设】者须核实。\n"
            "“政策依据”：每项措施对应的文件文号、条款与原文摘录。\n"
            "“数据质量”：导入数据时发现的问题及处理方式。\n"
            "理由前的符号：✓ 满足，✗ 不满足，? 缺少数据。"
            "金额单位为元，保留两位小数；测算结果仅供参考，以主管部门审核为准。"
        ),
        "totals": "按措施汇总",
        "none": "无",
        "sheets": "工作表说明",
        "sheets_text": (
            "“汇总”：按措施、注册区、资质、企业规模汇总的状态计数与金额，并附图表；"
            "措施编号可点击跳转到“测算明细”。\n"
            "“资格矩阵”：企业 × 措施，单元格颜色表示状态，符合者显示金额。{comments}\n"
            "“测算明细”：每笔符合条件记录一行（数据1–4 及数据说明、上限、封顶前金额、核定金额、"
            "计算方式）。\n"
            "“机构补偿”：按银行、担保、保险、知识产权机构汇总的风险补偿金额。\n"
            "“机构措施”：针对机构本身的措施（如京金融〔2022〕190号第15条不良容忍度），逐家机构的结论与依据。\n"
            "“记录明细”中贷款记录的“放款日一年期LPR（推定）”为放款日当日有效的LPR（按公布日取用），由程序推定。\n"
            "单个工作表最多 1,048,576 行；超出的表格续写在“名称(2)”“名称(3)”…工作表中。"
        ),
        "values": "按引擎结果的明细行",
        "values_text": (
            "“测算明细”中 {live:,} 行为实时公式，{n:,} 行写入引擎结果（{breakdown}）；"
            "每行的具体原因写在该行“计算方式”列。"
        ),
        "split": "分表",
        "split_text": "{n} 个工作表：{names}（表头相同，按顺序续写）",
        "split_none": "无：每张表都在 1,048,576 行以内",
        "comments_yes": "将鼠标移到单元格上可看到批注中的理由。",
        "comments_no": (
            "因单元格超过 20,000 个，未逐格添加批注（批注会使文件极慢）；"
            "理由见“测算结果”工作表同一企业、同一措施的行。"
        ),
        "live": "实时公式",
        "live_text": (
            "“测算明细”中下列措施的“封顶前金额”“核定金额”为实时 Excel 公式："
            "本金、年利率、计息天数、放款日的 LPR 等记录数据写在同一行的“数据1”至“数据4”"
            "（“数据说明”列注明各是什么），"
            "比例、上限、计息基准天数、LPR 倍数等参数引用“参数”工作表中的命名单元格"
            "（如 p_jjr_2022_190_16_ratio）；在“参数”工作表修改参数后，明细与“汇总”的措施金额合计"
            "会自动重算，与引擎用同样参数（--set）测算的结果一致：\n{ids}\n"
            "共享上限（每家企业或每家企业每年）按记录日期先到先得分配，公式与引擎规则相同。"
            "不能写成公式的行写入引擎结果，原因见下一项；"
            "“汇总”中按注册区、资质、规模的合计及“资格矩阵”“测算结果”亦为引擎结果，状态（是否符合）"
            "不随参数重算。"
        ),
    },
    "en": {
        "title": "Sci-tech finance policy results",
        "as_of": "As-of date",
        "input": "Input file",
        "input_sha": "Input file SHA-256",
        "no_input": "(not imported from a file)",
        "catalogue_sha": "Policy catalogue SHA-256",
        "documents": "Policy documents",
        "counts": "Scope",
        "counts_text": "{ents} enterprises × {measures} measures = {rows} result rows",
        "version": "Application version",
        "generated": "Generated at",
        "assumptions": "Assumed parameters",
        "assumptions_text": (
            "{n} parameters were used, {k} of them assumed. Every value marked 【假设】 "
            "(assumption) is not fixed by the policy text; check it with the issuing "
            "authority before relying on the result."
        ),
        "overrides": "Parameters changed by the user",
        "overrides_text": "{k} (see the 'Changed by user' column of the Parameters sheet)",
        "quality": "Data quality",
        "quality_text": "{n} findings (see the Data quality sheet)",
        "howto": "How to read",
        "howto_text": (
            "Results: one row per enterprise and measure with the status (eligible / not "
            "eligible / missing data), the amount and the reasons; 'missing data' lists what "
            "is needed to decide.\n"
            "Records: each loan or event, its amount before the cap and the amount allocated.\n"
            "Parameters: rates, caps and other values used, with their sources; values "
            "marked 【假设】 are assumptions to check.\n"
            "Policy basis: the document number, article and exact quote of each measure.\n"
            "Data quality: problems found on import and what was done about them.\n"
            "Marks before reasons: ✓ met, ✗ not met, ? data missing. "
            "Amounts are in yuan with two decimals; results are estimates, the authority's "
            "review decides."
        ),
        "totals": "Totals by measure",
        "none": "none",
        "sheets": "Sheets",
        "sheets_text": (
            "Summary: status counts and amounts by measure, district, qualification and size "
            "class, with charts; measure IDs link to the amount details.\n"
            "Eligibility matrix: enterprises × measures, coloured by status, amounts shown. "
            "{comments}\n"
            "Amount details: one row per eligible record (data 1–4 and what they are, cap, "
            "amounts, how computed).\n"
            "Institutions: risk compensation per bank, guarantor, insurer, IP agency.\n"
            "Institution measures: measures about institutions themselves (e.g. the NPL "
            "tolerance of 京金融〔2022〕190号 art. 15), per institution with the reasons.\n"
            "Records: a loan's 1-year LPR is the fixing in force on its start date (derived).\n"
            "A sheet holds at most 1,048,576 rows; longer tables go on to 'Name(2)', …."
        ),
        "values": "Detail rows as engine values",
        "values_text": (
            "In Amount details {live:,} rows are live formulas and {n:,} rows hold the engine's "
            "values ({breakdown}); each row's 'How computed' column says why."
        ),
        "split": "Split tables",
        "split_text": "{n} sheets: {names} (same header, continued in order)",
        "split_none": "none: every table fits in 1,048,576 rows",
        "comments_yes": "Hover over a cell to read the reasons in its comment.",
        "comments_no": (
            "More than 20,000 cells: no per-cell comments (they make the file very slow); "
            "the reasons are on the Results sheet."
        ),
        "live": "Live formulas",
        "live_text": (
            "In Amount details these measures' amounts are live Excel formulas: the record's "
            "data (principal, rate, days, the LPR on the drawdown date, …) are in Data 1–4 of "
            "the same row ('Data used' says which), and ratios, caps, day-count bases and LPR "
            "multiples are named cells of the Parameters sheet (e.g. "
            "p_jjr_2022_190_16_ratio); change one there and the details and the summary's "
            "measure totals recompute as the engine does with the same --set:\n{ids}\n"
            "Shared caps are allocated first come, first served as in the engine. Rows that "
            "cannot be formulas hold the engine's values (see next item); so do the district, "
            "qualification and size totals, the matrix and Results; statuses do not recompute."
        ),
    },
}

TOTAL_WORD = {"zh": "合计", "en": "Total"}
NO_ISSUES = {
    "zh": "导入数据时未发现数据质量问题。",
    "en": "No data-quality problems were found on import.",
}


def header(column_id: str, lang: str) -> str:
    zh, en = HEADERS[column_id]
    return en if lang == "en" else zh


def sheet_name(sheet_id: str, lang: str) -> str:
    return SHEETS["en" if lang == "en" else "zh"][sheet_id]


def cover_text(key: str, lang: str) -> str:
    return COVER["en" if lang == "en" else "zh"][key]


def display_width(text: str) -> int:
    """Width of the longest line, counting CJK and full-width characters as two."""
    widest = 0
    for line in text.split("\n"):
        width = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)
        widest = max(widest, width)
    return widest


def clip(text: str) -> str:
    """Text that fits in one Excel cell (32,767 characters), marked when cut."""
    if len(text) <= EXCEL_MAX_CHARS:
        return text
    return text[: EXCEL_MAX_CHARS - 1] + "…"


def formula_risky(text: str) -> bool:
    """Whether a spreadsheet program could read ``text`` as a formula."""
    return text.startswith(FORMULA_TRIGGERS)


def csv_safe(text: str) -> str:
    """Text for a CSV cell that Excel will not run as a formula (prefixed with ``'``)."""
    return "'" + text if formula_risky(text) else text

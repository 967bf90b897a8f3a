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
        "results": "测算结果",
        "items": "记录明细",
        "parameters": "参数",
        "policies": "政策依据",
        "quality": "数据质量",
    },
    "en": {
        "cover": "About",
        "results": "Results",
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
    },
}

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

"""What the brief says, once, for every format: a list of blocks plus the annex workbook.

:func:`compose` reads a :class:`ScenarioComparison` (the engine's totals), the portfolio
statistics and the scoring result, lays every figure into an :class:`~desktop.briefing.annex.
Annex` sheet, and writes the brief as blocks (headings, paragraphs, tables, figures) whose
figures each carry a reference: an annex cell (``附表 情景对比!G5``), a cell of the result
workbook (``测算结果 汇总!F5``) and the document and article they rest on. The PDF and the
Word renderers draw the same blocks, so both say the same thing.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import cast

import pandas as pd

from desktop import i18n
from desktop.briefing.annex import Annex, Cell, Formula, Sheet
from desktop.core.catalogue import Catalogue
from desktop.core.evaluation import Evaluation
from desktop.core.explain import basis_label
from desktop.core.money import fen_to_yuan, format_yuan
from desktop.core.parameters import ParamValue
from desktop.core.scenarios import (
    CITY,
    DISTRICT,
    FUNDING_KEYS,
    UNSPECIFIED,
    Scenario,
    ScenarioComparison,
)
from desktop.core.scoring import (
    CANDIDATE,
    NOT_APPLICABLE,
    NOT_CANDIDATE,
    POSSIBLE,
    ScoreResult,
)
from desktop.core.statistics import SOURCE_PLAN_NOTES, PortfolioStatistics
from desktop.core.totals import recipient_label

TITLE = "科创金融政策测算简报"
HEADINGS = (
    "一、关键数字",
    "二、图表",
    "三、情景对比",
    "四、组合统计与北京市数据对照",
    "五、领航积分预评估（示意模型）",
    "六、所用措施及出处",
    "七、在用假设",
)
#: the funding level's words, the window's own (text-layer keys funding.*), in Chinese
FUNDING_LABELS = {level: i18n.text(key, "zh") for level, key in FUNDING_KEYS.items()}
STATUS_LABELS = {
    CANDIDATE: "候选",
    POSSIBLE: "可能（待补数据）",
    NOT_CANDIDATE: "未达门槛",
    NOT_APPLICABLE: "不适用",
}
ASSUMED = "【假设】"
WORKBOOK_NAME = "测算结果.xlsx"
REGION_COL = "文件地区"
RECIPIENT_COL = "受益方类别"
SUMMARY_SHEET = "汇总"
SUMMARY_FIRST_ROW = 5  # 测算结果.xlsx 汇总: measures from row 5 in evaluation order, amount in F
SUMMARY_AMOUNT_COL = "F"
SCORING_DOCUMENT = "jkf-2025-19"
SCORING_ARTICLE = "七"
NPL_DOCUMENT = "jjr-2022-190"
NPL_ARTICLE = "15"
DEFAULT_TOP_N = 10
SHEET_NOTES = {
    "关键数字": (
        "各情景的全部措施相加（跨地区、跨受益方相加，仅供核对，不是单一预算）、按资金层级的金额、"
        "符合户次（公式引用“情景对比”）"
    ),
    "按地区与受益方": (
        "按文件地区 × 受益方类别 × 资金层级的金额（每行只含一个地区、一种受益方、一个资金层级；"
        "公式引用“情景对比”）"
    ),
    "情景对比": "各措施在各情景中的金额、变化和符合户数，含文件与条款、资金层级及其依据",
    "按区": "按企业注册区汇总的金额",
    "企业变化": "每家企业在各情景中获得的金额及变化",
    "机构补偿": "银行、担保、保险、知识产权机构获得的补偿",
    "组合统计": (
        "按北京市2025-2027年科技金融实施方案起草说明的口径统计，"
        "并与北京市数据（起草说明、北京金融监管局专精特新融资报道原文）对照"
    ),
    "不良容忍度": "京金融〔2022〕190号第15条不良容忍度检查",
    "评分模型": "领航积分示意模型：类别、指标、权重、分值、满分线和门槛（均为假设）",
    "评分排名": "全部企业的领航积分预评估得分与各指标贡献",
    "主动授信候选": "得分达到门槛（候选）或补齐数据后可能达到（可能）的企业",
    "假设参数": "测算所用的假设参数和各情景覆盖的参数",
}


# -- blocks ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2  # 1 title, 2 section, 3 sub-section


@dataclass(frozen=True)
class Para:
    text: str
    small: bool = False


@dataclass(frozen=True)
class TableBlock:
    rows: list[list[str]]  # the first row is the header
    widths: list[float]  # fractions of the text width
    source: str = ""  # printed under the table as 来源：…


@dataclass(frozen=True)
class Figure:
    path: Path
    caption: str
    source: str = ""


Block = Heading | Para | TableBlock | Figure


@dataclass
class Brief:
    title: str
    blocks: list[Block] = field(default_factory=list)
    annex: Annex = field(default_factory=Annex)

    def texts(self) -> list[str]:
        """Every string the brief shows (for glyph checks and tests)."""
        out: list[str] = [self.title]
        for block in self.blocks:
            if isinstance(block, Heading | Para):
                out.append(block.text)
            elif isinstance(block, TableBlock):
                out += [c for row in block.rows for c in row]
                out.append(block.source)
            else:
                out += [block.caption, block.source]
        return out


# -- helpers -----------------------------------------------------------------------------


def article_label(catalogue: Catalogue, slug: str, article: str) -> str:
    """第16条 for numbered articles; （七） where the document numbers its items in brackets."""
    if article.isdigit():
        return f"第{article}条"
    return f"（{article}）"


def citation(catalogue: Catalogue, measure_id: str) -> str:
    """京金融〔2022〕190号第16条."""
    compiled = catalogue.measure(measure_id)
    doc = compiled.document
    return f"{doc.number}{article_label(catalogue, doc.slug, compiled.measure.article)}"


def doc_citation(catalogue: Catalogue, slug: str, article: str) -> str:
    number = catalogue.documents[slug].number if slug in catalogue.documents else slug
    return f"{number}{article_label(catalogue, slug, article)}"


def yuan(fen: int) -> Decimal:
    return fen_to_yuan(int(fen))


def pct(value: Decimal | None) -> str:
    return "—" if value is None else f"{value * 100:.2f}%"


def num(value: Decimal) -> str:
    if value == value.to_integral_value():
        return f"{value:,.0f}"
    if abs(value) >= 1:
        return f"{value:,.2f}"
    return f"{value:.6g}"


def score_text(value: float) -> str:
    return f"{value:.2f}"


def dec_text(value: Decimal | float) -> str:
    d = value if isinstance(value, Decimal) else Decimal(str(value))
    return f"{d.normalize():f}"


def _avg_yuan(fen: Decimal | None) -> Decimal | None:
    if fen is None:
        return None
    return (fen / 100).quantize(Decimal("0.01"))


def _avg_text(fen: Decimal | None) -> str:
    from decimal import ROUND_HALF_UP

    if fen is None:
        return "—"
    return format_yuan(int(fen.quantize(Decimal(1), rounding=ROUND_HALF_UP)))


def _ref(sheet: Sheet, key: object, first: str, last: str | None = None) -> str:
    return "附表 " + (sheet.cell(key, first) if last is None else sheet.span(key, first, last))


def summary_cell(measure_ids: list[str], measure_id: str | None) -> str:
    """The cell of the result workbook's 汇总 sheet holding a measure's amount (or the total)."""
    index = len(measure_ids) if measure_id is None else measure_ids.index(measure_id)
    return f"{SUMMARY_SHEET}!{SUMMARY_AMOUNT_COL}{SUMMARY_FIRST_ROW + index}"


# -- the annex ---------------------------------------------------------------------------


def _amount_cols(names: list[str]) -> list[str]:
    return [f"金额（元）·{n}" for n in names]


def _delta_cols(names: list[str]) -> list[str]:
    return [f"变化（元）·{n}" for n in names[1:]]


def _sum(sheet: Sheet, column: str, rows: int) -> str:
    col = sheet.col(column)
    return f"SUM('{sheet.name}'!{col}2:{col}{rows + 1})"


def _build_measures(annex: Annex, cmp: ScenarioComparison) -> Sheet:
    names = cmp.names
    catalogue = cmp.evaluations[names[0]].catalogue
    amounts, deltas = _amount_cols(names), _delta_cols(names)
    counts = [f"符合户数·{n}" for n in names]
    sheet = annex.sheet(
        "情景对比",
        ["措施编号", "措施名称", "文件与条款", "资金层级", "资金层级依据", *amounts, *deltas]
        + counts
        + [REGION_COL, RECIPIENT_COL, "金额性质"],
        [26, 36, 30, 10, 30]
        + [18] * (len(amounts) + len(deltas))
        + [12] * len(counts)
        + [24, 20, 20],
        money=[*amounts, *deltas],
        note="金额为测算引擎的汇总（Evaluation.totals()），最后一行为合计（公式）。",
    )
    frame = cmp.by_measure
    for measure_id, row in frame.iterrows():
        mid = str(measure_id)
        level, reason = cmp.funding_rules[mid]
        sheet.add(
            [
                mid,
                str(row["name"]),
                citation(catalogue, mid),
                FUNDING_LABELS[level],
                reason,
                *(yuan(int(row[n])) for n in names),
                *(yuan(int(row[f"Δ{n}"])) for n in names[1:]),
                *(int(cmp.eligible_by_measure[n].loc[mid]) for n in names),
                str(row["region"]),
                recipient_label(str(row["recipient"])),
                _basis(catalogue, mid),
            ],
            key=mid,
        )
    n = len(frame)
    totals: list[Formula] = []
    for n_name in names:
        totals.append(
            Formula(
                "=" + _sum(sheet, f"金额（元）·{n_name}", n), float(yuan(cmp.total_fen(n_name)))
            )
        )
    for n_name in names[1:]:
        fen = int(frame[f"Δ{n_name}"].sum())
        totals.append(Formula("=" + _sum(sheet, f"变化（元）·{n_name}", n), float(yuan(fen))))
    for n_name in names:
        count = int(cmp.eligible_by_measure[n_name].sum())
        totals.append(Formula("=" + _sum(sheet, f"符合户数·{n_name}", n), count))
    sheet.add(
        [
            "全部措施相加（跨地区、跨受益方，仅供核对，不是单一预算）",
            "",
            "",
            "",
            "",
            *totals,
            "",
            "",
            "",
        ],
        key="__total__",
    )
    return sheet


def _build_split(annex: Annex, cmp: ScenarioComparison, measures: Sheet) -> Sheet:
    """按地区与受益方: one row per document region × recipient class × funding level, each
    amount a SUMIFS over 情景对比 (cached at the engine's sums)."""
    names = cmp.names
    amounts = _amount_cols(names)
    sheet = annex.sheet(
        "按地区与受益方",
        [REGION_COL, RECIPIENT_COL, "资金层级", *amounts],
        [26, 22, 12] + [18] * len(amounts),
        money=amounts,
        note="每行只含一个文件地区、一种受益方类别、一个资金层级的措施；各行分属不同预算或不同"
        "受益方，不宜相加。金额为对“情景对比”的 SUMIFS 公式。",
    )
    rows = len(cmp.by_measure)

    def column(name: str) -> str:
        col = measures.col(name)
        return f"'{measures.name}'!{col}2:{col}{rows + 1}"

    for index, row in cmp.by_split.iterrows():
        region, recipient, level = (str(v) for v in cast(tuple[str, str, str], index))
        if not any(int(row[n]) for n in names):
            continue
        words = (region, recipient_label(recipient), FUNDING_LABELS[level])
        criteria = ",".join(
            f'{column(col)},"{word}"'
            for col, word in zip((REGION_COL, RECIPIENT_COL, "资金层级"), words, strict=True)
        )
        sheet.add(
            [
                *words,
                *(
                    Formula(f"=SUMIFS({column(a)},{criteria})", float(yuan(int(row[n]))))
                    for a, n in zip(amounts, names, strict=True)
                ),
            ],
            key=(region, recipient, level),
        )
    return sheet


def _build_key_figures(
    annex: Annex, cmp: ScenarioComparison, figures: dict[str, dict[str, int]], measures: Sheet
) -> Sheet:
    sheet = annex.sheet(
        "关键数字",
        [
            "情景",
            "测算基准日",
            "全部措施相加（元）",
            "市级（元）",
            "区级（元）",
            "文件未写明（元）",
            "符合户次",
            "获得金额的企业（户）",
            "较基准变化（元）",
        ],
        [16, 12, 20, 18, 18, 18, 10, 12, 18],
        money=[
            "全部措施相加（元）",
            "市级（元）",
            "区级（元）",
            "文件未写明（元）",
            "较基准变化（元）",
        ],
        note="合计与资金层级均为对“情景对比”工作表的公式（SUM / SUMIF），缓存值等于测算引擎汇总。",
    )
    rows = len(cmp.by_measure)
    level_col = measures.col("资金层级")
    base = cmp.baseline.name
    for scenario in cmp.scenarios:
        name = scenario.name
        f = figures[name]
        col = measures.col(f"金额（元）·{name}")
        amount = f"'{measures.name}'!{col}2:{col}{rows + 1}"
        level = f"'{measures.name}'!{level_col}2:{level_col}{rows + 1}"

        def sumif(label: str, fen: int, amount: str = amount, level: str = level) -> Formula:
            return Formula(f'=SUMIF({level},"{label}",{amount})', float(yuan(fen)))

        delta: Formula | None = None
        if name != base:
            delta = Formula(
                f"=C{len(sheet.rows) + 2}-C2",
                float(yuan(f["total_fen"] - figures[base]["total_fen"])),
            )
        sheet.add(
            [
                name,
                scenario.as_of.isoformat(),
                Formula(f"=SUM({amount})", float(yuan(f["total_fen"]))),
                sumif(FUNDING_LABELS[CITY], f["city_fen"]),
                sumif(FUNDING_LABELS[DISTRICT], f["district_fen"]),
                sumif(FUNDING_LABELS[UNSPECIFIED], f["unspecified_fen"]),
                Formula("=" + _sum(measures, f"符合户数·{name}", rows), int(f["eligible"])),
                int(f["enterprises_paid"]),
                delta,
            ],
            key=name,
        )
    return sheet


def _build_districts(annex: Annex, cmp: ScenarioComparison) -> Sheet:
    names = cmp.names
    amounts, deltas = _amount_cols(names), _delta_cols(names)
    sheet = annex.sheet(
        "按区",
        ["注册区", *amounts, *deltas],
        [18] + [18] * (len(amounts) + len(deltas)),
        money=[*amounts, *deltas],
        note="按企业的注册区汇总全部措施（含机构获得的补偿）。",
    )
    for district, row in cmp.by_district.iterrows():
        sheet.add(
            [
                str(district),
                *(yuan(int(row[n])) for n in names),
                *(yuan(int(row[f"Δ{n}"])) for n in names[1:]),
            ],
            key=str(district),
        )
    return sheet


def _build_enterprises(annex: Annex, cmp: ScenarioComparison) -> Sheet:
    names = cmp.names
    amounts, deltas = _amount_cols(names), _delta_cols(names)
    sheet = annex.sheet(
        "企业变化",
        ["统一社会信用代码", "企业名称", "注册区", *amounts, *deltas],
        [22, 34, 12] + [18] * (len(amounts) + len(deltas)),
        money=[*amounts, *deltas],
        note="每家企业获得的测算金额合计（企业为受益方的措施；机构获得的补偿不计入）。",
    )
    for _, row in cmp.enterprises.iterrows():
        sheet.add(
            [
                str(row["uscc"]),
                str(row["name"]),
                str(row["district"]),
                *(yuan(int(row[n])) for n in names),
                *(yuan(int(row[f"Δ{n}"])) for n in names[1:]),
            ],
            key=str(row["uscc"]),
        )
    return sheet


def _build_institutions(annex: Annex, cmp: ScenarioComparison) -> Sheet:
    names = cmp.names
    catalogue = cmp.evaluations[names[0]].catalogue
    amounts, deltas = _amount_cols(names), _delta_cols(names)
    sheet = annex.sheet(
        "机构补偿",
        ["机构", "措施编号", "措施名称", "文件与条款", *amounts, *deltas],
        [30, 26, 34, 28] + [18] * (len(amounts) + len(deltas)),
        money=[*amounts, *deltas],
    )
    for pair, row in cmp.by_institution.iterrows():
        inst, measure_id = cast("tuple[object, object]", pair)  # (institution, measure)
        mid = str(measure_id)
        sheet.add(
            [
                str(inst),
                mid,
                catalogue.measure(mid).measure.name,
                citation(catalogue, mid),
                *(yuan(int(row[n])) for n in names),
                *(yuan(int(row[f"Δ{n}"])) for n in names[1:]),
            ],
            key=(str(inst), mid),
        )
    return sheet


def _build_statistics(annex: Annex, s: PortfolioStatistics) -> tuple[Sheet, Sheet]:
    sheet = annex.sheet(
        "组合统计",
        ["指标", "本组合", "单位", "北京市数据", "时点", "来源", "原文"],
        [34, 18, 8, 14, 18, 28, 60],
        note=f"统计口径：{SOURCE_PLAN_NOTES}的脚注定义；余额以贷款金额计入放款日≤基准日<到期日的贷款。",
    )
    t = s.tech_enterprise
    lower = s.tech_loans_lower_bound
    rows: list[tuple[str, str, Decimal | int | None, str]] = [
        ("balance", "科技型企业贷款余额", yuan(t.balance_fen), "元"),
        ("loans", "科技型企业贷款笔数", t.loans, "笔"),
        ("enterprises", "科技型企业贷款户数", t.enterprises, "户"),
        ("credit_share", "信用贷款占比", t.credit_share, "比例"),
        ("long_term_share", "中长期（期限超过1年）占比", t.long_term_share, "比例"),
        ("average", "户均贷款余额", _avg_yuan(t.average_fen), "元"),
        ("undecided_loans", "无法判定的贷款笔数", t.undecided_loans, "笔"),
        ("undecided", "无法判定的贷款金额", yuan(t.undecided_fen), "元"),
        ("lower_bound", "科技贷款余额（下限，仅含科技型企业贷款）", yuan(lower.balance_fen), "元"),
    ]
    for key, label, value, unit in rows:
        sheet.add([label, value, unit, None, str(s.as_of), SOURCE_PLAN_NOTES, ""], key=key)
    for i, r in enumerate(s.comparisons):
        b = r.benchmark
        sheet.add(
            [r.label, r.value, b.unit, b.value, b.as_of, b.source, b.quote],
            key=("benchmark", i),
        )
    npl = annex.sheet(
        "不良容忍度",
        ["机构", "各项贷款不良率", "科创小微不良率", "上限", "余量", "结论"],
        [32, 14, 14, 12, 12, 14],
        note="京金融〔2022〕190号第15条：科创小微不良率 ≤ 各项贷款不良率 + 3个百分点。",
    )
    for i, c in enumerate(s.npl):
        verdict = {True: "在容忍度内", False: "超出容忍度", None: "数据不全"}[c.within]
        npl.add(
            [c.institution, c.npl_ratio, c.sme_tech_npl_ratio, c.limit, c.margin, verdict], key=i
        )
    return sheet, npl


def _assumptions(cmp: ScenarioComparison) -> list[tuple[str, ParamValue]]:
    """Assumed or overridden parameters of every measure that produced a result."""
    seen: dict[tuple[str, str], tuple[str, ParamValue]] = {}
    for name, ev in cmp.evaluations.items():
        totals = ev.totals()
        for key, param in ev.parameters.items():
            if not (param.assumption or param.overridden):
                continue
            total = totals.get(param.measure_id, {})
            if not (total.get("eligible") or total.get("unknown")):
                continue
            ident = (key, param.display())
            if ident not in seen:
                seen[ident] = (name, param)
    return sorted(seen.values(), key=lambda item: item[1].key)


def _build_assumptions(annex: Annex, cmp: ScenarioComparison) -> Sheet:
    sheet = annex.sheet(
        "假设参数",
        ["参数", "名称", "取值", "类别", "情景", "依据与说明"],
        [34, 34, 14, 12, 14, 80],
    )
    for scenario_name, param in _assumptions(cmp):
        kind = "情景覆盖" if param.overridden else "假设"
        where = f"{param.source or ''} {param.note or ''}".strip()
        if param.overridden and param.default is not None:
            where = f"默认值 {param.default}；{where}"
        sheet.add(
            [param.key, param.label, param.display(), kind, scenario_name, where],
            key=(param.key, param.display()),
        )
    return sheet


def _family_columns(scores: ScoreResult) -> list[tuple[str, str, list[str]]]:
    """(family id, label, indicator columns) for the families that score something."""
    out: list[tuple[str, str, list[str]]] = []
    for family in scores.model.model.families:
        cols = [f"{family.id}.{i.id}" for i in family.indicators]
        if cols:
            out.append((family.id, family.label, cols))
    return out


def family_sums(scores: ScoreResult, frame: pd.DataFrame) -> pd.DataFrame:
    """Per family: the known contribution and whether part of it is unknown."""
    out = pd.DataFrame(index=frame.index)
    for fid, _, cols in _family_columns(scores):
        out[fid] = frame[cols].fillna(0.0).sum(axis=1).round(6)
        out[f"{fid}?"] = frame[cols].isna().any(axis=1)
    return out


def _build_scoring(annex: Annex, scores: ScoreResult, threshold_source: str) -> None:
    model = scores.model.model
    sheet = annex.sheet(
        "评分模型",
        ["项目", "指标类别", "指标", "权重", "分值", "满分（权重×分值）", "表达式", "说明"],
        [12, 16, 30, 8, 8, 14, 44, 70],
        note=f"{model.note} 依据：{model.source}：“{model.quote}”",
    )
    for family in model.families:
        if not family.indicators:
            sheet.add(
                [
                    "指标类别",
                    family.label,
                    "（未计分）",
                    family.weight.value,
                    None,
                    0,
                    "",
                    f"{ASSUMED}{family.weight.note or ''} {family.data_note or ''}".strip(),
                ],
                key=("family", family.id),
            )
        for indicator in family.indicators:
            sheet.add(
                [
                    "指标",
                    family.label,
                    indicator.label,
                    family.weight.value,
                    indicator.points.value,
                    family.weight.value * indicator.points.value,
                    indicator.expr,
                    f"{ASSUMED}权重：{family.weight.note or ''}；"
                    f"分值：{indicator.points.note or ''}",
                ],
                key=(family.id, indicator.id),
            )
    for name, value in model.parameters.items():
        sheet.add(
            [
                "参数",
                "",
                value.label or name,
                None,
                None,
                value.value,
                f"p.{name}",
                f"{ASSUMED if value.assumption else ''}{value.note or value.source or ''}",
            ],
            key=("param", name),
        )
    sheet.add(
        [
            "门槛",
            "",
            "主动授信候选门槛（分）",
            None,
            None,
            Decimal(str(scores.threshold)),
            "",
            threshold_source,
        ],
        key="threshold",
    )
    sheet.add(["满分", "", "模型满分", None, None, model.max_score, "", ""], key="max")

    fams = _family_columns(scores)
    indicator_cols = [c for _, _, cols in fams for c in cols]
    labels = {
        f"{family.id}.{i.id}": f"{family.label}·{i.label}"
        for family, i, _ in scores.model.indicators
    }
    columns = [
        "排名",
        "统一社会信用代码",
        "企业名称",
        "得分（下限）",
        "得分（上限）",
        "状态",
        *(f"小计·{label}" for _, label, _ in fams),
        *(labels[c] for c in indicator_cols),
    ]
    widths = [6, 22, 34, 10, 10, 16] + [12] * (len(fams) + len(indicator_cols))
    ranked = scores.applicable()
    sums = family_sums(scores, ranked)
    outside = scores.ranked()
    outside = outside[outside["status"] == NOT_APPLICABLE]
    if len(outside):
        na_sheet = annex.sheet(
            "评分不适用",
            ["统一社会信用代码", "企业名称", "说明"],
            [22, 34, 90],
            note="评分模型不适用的企业（不评分、不排名）。",
        )
        for _, row in outside.iterrows():
            na_sheet.add([str(row["uscc"]), str(row["name"]), str(row["reason"])])
    for sheet_name, frame, note in (
        (
            "评分排名",
            ranked,
            "模型适用的全部企业按得分下限、上限、信用代码排序；空白为缺数据（该项按0计入下限、"
            "按满分计入上限）。",
        ),
        (
            "主动授信候选",
            ranked[ranked["status"].isin([CANDIDATE, POSSIBLE])],
            f"候选：得分下限 ≥ 门槛 {dec_text(scores.threshold)} 分；"
            "可能：仅得分上限达到门槛（补齐数据后可判定）。门槛与权重均为【假设】。",
        ),
    ):
        out = annex.sheet(sheet_name, columns, widths, note=note)
        for idx, row in frame.iterrows():
            at = cast(int, idx)  # ranked() numbers its rows 0, 1, …
            values: list[Cell] = [
                int(row["rank"]),
                str(row["uscc"]),
                str(row["name"]),
                float(row["score_low"]),
                float(row["score_high"]),
                STATUS_LABELS[str(row["status"])],
            ]
            for fid, _, _ in fams:
                values.append(float(sums[fid].loc[at]))
            for c in indicator_cols:
                v = row[c]
                values.append(None if pd.isna(v) else round(float(v), 6))
            out.add(values, key=str(row["uscc"]))


# -- compose -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Sources:
    """What every section of the brief reads: the comparison, its figures and the annex
    sheets the section's references point into."""

    cmp: ScenarioComparison
    figures: dict[str, dict[str, int]]
    annex: Annex
    measures: Sheet  # 情景对比
    keys: Sheet  # 关键数字
    districts: Sheet  # 按区
    enterprises: Sheet  # 企业变化
    institutions: Sheet  # 机构补偿
    stats_sheets: tuple[Sheet, Sheet] | None  # 组合统计, 不良容忍度
    assumptions: Sheet  # 假设参数
    workbook: str | None  # the result workbook's name, None when there is none

    @property
    def base(self) -> Scenario:
        return self.cmp.baseline

    @property
    def names(self) -> list[str]:
        return self.cmp.names

    @property
    def ev(self) -> Evaluation:
        """The baseline scenario's evaluation."""
        return self.cmp.evaluations[self.base.name]

    @property
    def catalogue(self) -> Catalogue:
        return self.ev.catalogue


def compose(
    cmp: ScenarioComparison,
    figures: dict[str, dict[str, int]],
    charts: dict[str, tuple[str, Path]],
    *,
    statistics: PortfolioStatistics | None,
    scores: ScoreResult | None,
    threshold_source: str = "",
    title: str = TITLE,
    top_n: int = DEFAULT_TOP_N,
    workbook: str | None = WORKBOOK_NAME,
    annex_name: str = "简报附表.xlsx",
    today: dt.date | None = None,
) -> Brief:
    """The brief's blocks and its annex. ``charts``: key → (title, PNG path).

    The annex is built first (every figure the text cites gets its sheet and row), then the
    brief is written section by section, in :data:`HEADINGS` order, each section a function
    below."""
    src = _build_annex(cmp, figures, statistics, scores, threshold_source, workbook)
    brief = Brief(title=title, annex=src.annex)
    brief.blocks += _front_matter(src, title, annex_name, today)
    brief.blocks += _key_figures_section(src)
    brief.blocks += _charts_section(src, charts)
    brief.blocks += _scenarios_section(src)
    brief.blocks += _statistics_section(src, statistics)
    brief.blocks += _scoring_section(src, scores, threshold_source, top_n)
    brief.blocks += _measures_section(src)
    brief.blocks += _assumptions_section(src, scores)
    return brief


def _build_annex(
    cmp: ScenarioComparison,
    figures: dict[str, dict[str, int]],
    statistics: PortfolioStatistics | None,
    scores: ScoreResult | None,
    threshold_source: str,
    workbook: str | None,
) -> _Sources:
    """Every annex sheet, the 说明 sheet that lists them, in the order a reader opens them."""
    annex = Annex()
    measures = _build_measures(annex, cmp)
    keys = _build_key_figures(annex, cmp, figures, measures)
    _build_split(annex, cmp, measures)
    districts = _build_districts(annex, cmp)
    enterprises = _build_enterprises(annex, cmp)
    institutions = _build_institutions(annex, cmp)
    stats_sheets = _build_statistics(annex, statistics) if statistics is not None else None
    if scores is not None:
        _build_scoring(annex, scores, threshold_source)
    assumptions = _build_assumptions(annex, cmp)
    readme = annex.sheet(
        "说明",
        ["工作表", "内容"],
        [16, 100],
        note="PolicyDesk 简报附表：简报中每个数字的出处（“附表 工作表!单元格”）。金额单位：元。",
    )
    for name, text in SHEET_NOTES.items():
        if name in annex.sheets:
            readme.add([name, text], key=name)
    annex.order(["说明", "关键数字", "情景对比", "按地区与受益方"])
    return _Sources(
        cmp,
        figures,
        annex,
        measures,
        keys,
        districts,
        enterprises,
        institutions,
        stats_sheets,
        assumptions,
        workbook,
    )


def _front_matter(src: _Sources, title: str, annex_name: str, today: dt.date | None) -> list[Block]:
    """The title and the small print: which portfolio and policy library, how to read the
    references to the annex, the result workbook and the policy texts."""
    ev, workbook = src.ev, src.workbook
    portfolio = ev.portfolio
    name = portfolio.source.name if portfolio.source is not None else "（内存中的组合）"
    digest = f"（SHA-256 {portfolio.sha256[:12]}…）" if portfolio.sha256 else ""
    wb = f"“测算结果 X!F5”指基准情景的结果工作簿 {workbook} 的单元格；" if workbook else ""
    # A scenario whose evaluation breaks an invariant has defective totals: said first.
    defects: list[Block] = []
    for scenario in src.cmp.scenarios:
        breaches = src.cmp.evaluations[scenario.name].breaches
        if breaches:
            shown = "；".join(b.message("zh") for b in breaches[:5])
            failed = i18n.text("invariant.failed", "zh", count=len(breaches))
            defects.append(
                Para(
                    f"【情景“{scenario.name}”】{failed}：{shown}"
                    "（以上金额说明缺陷所在，不是测算结果，附表不收录。）"
                )
            )
    return [
        Heading(title, 1),
        *defects,
        Para(
            f"组合文件：{name}{digest}；企业 {len(ev.enterprises)} 户。政策库版本 "
            f"{src.catalogue.sha256[:12]}。生成日期 {(today or dt.date.today()).isoformat()}。"
            "金额单位：元（精确到分）。本简报的每个数字均取自测算引擎的汇总结果，并注明出处："
            f"“附表 X!C2”指同目录 {annex_name} 的工作表和单元格；{wb}"
            "文号与条款指政策原文（policies/ 下的政策文件逐条收录原文）。",
            small=True,
        ),
        Para(i18n.text("basis.time", "zh", as_of=ev.as_of.isoformat()), small=True),
    ]


def _split_blocks(src: _Sources) -> list[Block]:
    """The amounts by document region × recipient class × funding level: each line one
    region's budget, one kind of recipient, one level (the all-measure sum above adds them)."""
    sheet = src.annex["按地区与受益方"]
    names = src.names
    rows = [["文件地区", "受益方类别", "资金层级", *(f"{n}（元）" for n in names), "附表"]]
    for index, row in src.cmp.by_split.iterrows():
        key = tuple(str(v) for v in cast(tuple[str, str, str], index))
        if key not in sheet.keys:
            continue
        rows.append(
            [
                key[0],
                recipient_label(key[1]),
                FUNDING_LABELS[key[2]],
                *(format_yuan(int(row[n])) for n in names),
                sheet.rows_ref(key),
            ]
        )
    share = 0.42 / max(len(names), 1)
    return [
        Para(
            "“全部措施相加”把不同地区的预算、企业获得的支持和付给金融机构的补偿加在一起，仅供核对，"
            "不是任何一级财政的单一预算；下表按文件地区、受益方类别和资金层级分列，每行只含一个地区、"
            "一种受益方、一个资金层级。",
            small=True,
        ),
        TableBlock(
            rows,
            [0.2, 0.16, 0.08, *([share] * len(names)), 0.14],
            source="附表 按地区与受益方（SUMIFS 引用 情景对比 的“文件地区”“受益方类别”"
            "“资金层级”列）。",
        ),
    ]


def _key_figures_section(src: _Sources) -> list[Block]:
    """一、关键数字: each scenario's total by funding level, the change against the baseline,
    and what each alternative scenario changes."""
    cmp, figures, keys, base, ev = src.cmp, src.figures, src.keys, src.base, src.ev
    b: list[Block] = [Heading(HEADINGS[0])]
    rows = [
        [
            "情景",
            "测算基准日",
            "全部措施相加（跨地区、跨受益方）",
            "市级",
            "区级",
            "文件未写明",
            "符合户次",
            "来源",
        ]
    ]
    for scenario in cmp.scenarios:
        f = figures[scenario.name]
        rows.append(
            [
                scenario.name,
                scenario.as_of.isoformat(),
                format_yuan(f["total_fen"]),
                format_yuan(f["city_fen"]),
                format_yuan(f["district_fen"]),
                format_yuan(f["unspecified_fen"]),
                str(f["eligible"]),
                _ref(keys, scenario.name, "全部措施相加（元）", "符合户次"),
            ]
        )
    base_total = "测算结果 " + summary_cell(list(ev.measure_ids), None) if src.workbook else ""
    amounts = src.measures.column_range(f"金额（元）·{base.name}", len(cmp.by_measure))
    b.append(
        TableBlock(
            rows,
            [0.11, 0.1, 0.15, 0.13, 0.13, 0.14, 0.07, 0.17],
            source=(
                f"附表 关键数字（合计 = 情景对比各措施金额之和，{amounts}）"
                + (f"；基准合计亦见 {base_total}" if base_total else "")
                + "。"
            ),
        )
    )
    b += _split_blocks(src)
    b.append(
        Para(
            "资金层级：按政策文件所载发文机关确定（如京政办发〔2023〕23号、沪府办规〔2025〕8号"
            "均由市人民政府办公厅印发，为市级）；市、区联合发文的按条款责任单位确定（海淀区政府"
            "负责的条款为区级）；区级含区县级。文件未载明的按措施名称、发文单位和责任单位推定，"
            "仍无法确定的为“文件未写明”，不作推断（每项措施的判定依据见 附表 情景对比 的"
            "“资金层级依据”列）。",
            small=True,
        )
    )
    total_base = figures[base.name]["total_fen"]
    for alt in cmp.alternatives:
        delta = figures[alt.name]["total_fen"] - total_base
        b.append(
            Para(
                f"{alt.name}较{base.name}：全部措施相加变化 {format_yuan(delta)}"
                f"（{_ref(keys, alt.name, '较基准变化（元）')}）。"
            )
        )
    for scenario in cmp.scenarios:
        if scenario.overrides or scenario.note:
            changes = "；".join(f"{k} = {v}" for k, v in scenario.overrides.items())
            origin = f"（情景文件 {scenario.origin.name}）" if scenario.origin else ""
            text = f"{scenario.name}：{changes} {scenario.note}".strip()
            b.append(Para(f"{text}{origin}；参数与默认值见 附表 假设参数。", small=True))
    return b


def _charts_section(src: _Sources, charts: dict[str, tuple[str, Path]]) -> list[Block]:
    """二、图表: each chart with the annex columns its data come from."""
    base, measures, n_measures = src.base, src.measures, len(src.cmp.by_measure)
    chart_sources = {
        "eligible_by_measure": "附表 "
        + measures.column_range(f"符合户数·{base.name}", n_measures)
        + "（措施见同表A列）",
        "amount_by_measure": "附表 " + measures.column_range(f"金额（元）·{base.name}", n_measures),
        "amount_by_district": "附表 " + src.districts.column_range(f"金额（元）·{base.name}"),
        "scenario_comparison": "附表 情景对比 “金额（元）”各列",
        "amount_distribution": "附表 企业变化 “金额（元）”各列",
    }
    b: list[Block] = [Heading(HEADINGS[1])]
    for key, (chart_title, path) in charts.items():
        b.append(
            Figure(
                path,
                f"图：{chart_title}（{path.name}）",
                source=f"数据：{chart_sources.get(key, '附表')}",
            )
        )
    return b


def _scenarios_section(src: _Sources) -> list[Block]:
    """三、情景对比: the measures with an amount in some scenario, then the enterprises that
    gain or lose in each alternative, then what institutions receive."""
    return [
        Heading(HEADINGS[2]),
        *_measure_comparison(src),
        *_enterprise_changes(src),
        *_institution_compensation(src),
    ]


def _basis(catalogue: Catalogue, measure_id: str) -> str:
    """What a measure's amount is: 按上限估算【假设】, 申请金额，非核定金额 or 按文件规则测算."""
    return basis_label(catalogue.measure(measure_id).measure, "zh", short=True) or ""


def _measure_comparison(src: _Sources) -> list[Block]:
    """The 情景对比 table: per measure its funding level, amount in each scenario and change."""
    names, catalogue, ev, measures = src.names, src.catalogue, src.ev, src.measures
    frame = src.cmp.by_measure
    shown = frame[frame[names].ne(0).any(axis=1)]
    head = ["措施", "资金层级", *names, *(f"变化（{n}）" for n in names[1:]), "出处与附表"]
    rows = [head]
    for measure_id, row in shown.iterrows():
        mid = str(measure_id)
        where = f"{citation(catalogue, mid)}；附表 情景对比 第{measures.row_of(mid)}行"
        if src.workbook and mid in ev.measure_ids:
            where += f"；测算结果 {summary_cell(list(ev.measure_ids), mid)}"
        compiled = catalogue.measures.get(mid)
        computed = compiled is None or compiled.measure.amount_basis == "computed"
        basis = "" if computed else _basis(catalogue, mid)  # a ceiling or a request says so
        rows.append(
            [
                f"{row['name']}（{mid}）" + (f"（{basis}）" if basis else ""),
                FUNDING_LABELS[str(row["funding_level"])],
                *(format_yuan(int(row[n])) for n in names),
                *(format_yuan(int(row[f"Δ{n}"])) for n in names[1:]),
                where,
            ]
        )
    rows.append(
        [
            "合计",
            "",
            *(format_yuan(int(frame[n].sum())) for n in names),
            *(format_yuan(int(frame[f"Δ{n}"].sum())) for n in names[1:]),
            f"附表 情景对比 第{measures.row_of('__total__')}行",
        ]
    )
    money_cols = len(head) - 3
    return [
        TableBlock(
            rows,
            [0.25, 0.07, *([0.46 / money_cols] * money_cols), 0.22],
            source="未列出的措施在各情景中金额均为0（全部措施见 附表 情景对比）。",
        )
    ]


def _enterprise_changes(src: _Sources) -> list[Block]:
    """For each alternative scenario: how many enterprises gain or lose, and the largest."""
    cmp, base, enterprises = src.cmp, src.base, src.enterprises
    b: list[Block] = []
    for alt_name in src.names[1:]:
        gain, lose = cmp.gainers(alt_name), cmp.losers(alt_name)
        b.append(
            Para(
                f"{alt_name}：增加的企业 {len(gain)} 户，减少的企业 {len(lose)} 户"
                f"（企业为受益方的措施；附表 企业变化 “变化（元）·{alt_name}”列"
                "大于0 / 小于0的行）。"
            )
        )
        if gain or lose:
            rows = [["企业", "注册区", base.name, alt_name, "变化", "附表"]]
            for d in [*gain[:8], *lose[:8]]:
                rows.append(
                    [
                        d.name,
                        d.district,
                        f"{d.baseline:,.2f}元",
                        f"{d.alternative:,.2f}元",
                        f"{d.delta:+,.2f}元",
                        f"企业变化 第{enterprises.row_of(d.uscc)}行",
                    ]
                )
            b.append(
                TableBlock(
                    rows,
                    [0.3, 0.1, 0.16, 0.16, 0.14, 0.14],
                    source="变化最大的企业（增加、减少各至多8户）；全部见 附表 企业变化。",
                )
            )
    return b


def _institution_compensation(src: _Sources) -> list[Block]:
    """What each institution receives per measure and scenario (nothing when none does)."""
    cmp, names, catalogue = src.cmp, src.names, src.catalogue
    if not len(cmp.by_institution):
        return []
    rows = [["机构", "措施", *names, "出处与附表"]]
    for pair, row in cmp.by_institution.iterrows():
        inst, measure_id = cast("tuple[object, object]", pair)  # (institution, measure)
        mid = str(measure_id)
        rows.append(
            [
                str(inst),
                f"{catalogue.measure(mid).measure.name}（{mid}）",
                *(format_yuan(int(row[n])) for n in names),
                f"{citation(catalogue, mid)}；附表 机构补偿 第"
                f"{src.institutions.row_of((str(inst), mid))}行",
            ]
        )
    return [
        Heading("机构获得的补偿（按机构与措施）", 3),
        TableBlock(rows, [0.24, 0.26, *([0.28 / len(names)] * len(names)), 0.22]),
    ]


def _statistics_section(src: _Sources, statistics: PortfolioStatistics | None) -> list[Block]:
    """四、组合统计与北京市数据对照: the tech-enterprise loan figures, the comparison with
    Beijing's published numbers, and the NPL tolerance check of each institution."""
    b: list[Block] = [Heading(HEADINGS[3])]
    if statistics is None or src.stats_sheets is None:
        b.append(Para("未计算组合统计。", small=True))
        return b
    s = statistics
    sheet, npl_sheet = src.stats_sheets
    t = s.tech_enterprise
    b.append(
        Para(
            f"科技型企业贷款余额 {format_yuan(t.balance_fen)}"
            f"（{t.loans} 笔、{t.enterprises} 户）；"
            f"信用贷款占比 {pct(t.credit_share)}；中长期（期限超过1年）占比 "
            f"{pct(t.long_term_share)}；户均 {_avg_text(t.average_fen)}。"
            f"无法判定的贷款 {t.undecided_loans} 笔、{format_yuan(t.undecided_fen)}"
            f"（附表 组合统计!B{sheet.row_of('balance')}:B{sheet.row_of('undecided')}；"
            f"口径：{SOURCE_PLAN_NOTES}脚注定义）。",
            small=True,
        )
    )
    b.append(
        Para(
            "科技贷款余额（下限，仅含科技型企业贷款）"
            f"{format_yuan(s.tech_loans_lower_bound.balance_fen)}"
            f"（{_ref(sheet, 'lower_bound', '本组合')}）。",
            small=True,
        )
    )
    for line in s.notes:
        b.append(Para(line, small=True))
    rows = [["指标", "本组合", "北京市数据", "来源（文件与原文）", "附表"]]
    for i, r in enumerate(s.comparisons):
        bm = r.benchmark
        rows.append(
            [
                r.label,
                "无法判定" if r.value is None else f"{num(r.value)}{bm.unit}",
                f"{num(bm.value)}{bm.unit}（{bm.as_of}）",
                f"{bm.source}：“{bm.quote}”",
                f"组合统计 第{sheet.row_of(('benchmark', i))}行",
            ]
        )
    b.append(TableBlock(rows, [0.22, 0.15, 0.17, 0.34, 0.12]))
    npl_cite = doc_citation(src.catalogue, NPL_DOCUMENT, NPL_ARTICLE)
    b.append(Heading(f"{npl_cite}不良容忍度检查（科创小微不良率 ≤ 各项贷款不良率+3个百分点）", 3))
    rows = [["机构", "各项贷款不良率", "科创小微不良率", "上限", "结论", "附表"]]
    for i, c in enumerate(s.npl):
        verdict = {True: "在容忍度内", False: "超出容忍度", None: "数据不全"}[c.within]
        rows.append(
            [
                c.institution,
                pct(c.npl_ratio),
                pct(c.sme_tech_npl_ratio),
                pct(c.limit),
                verdict,
                f"不良容忍度 第{npl_sheet.row_of(i)}行",
            ]
        )
    b.append(
        TableBlock(
            rows,
            [0.28, 0.14, 0.14, 0.1, 0.14, 0.2],
            source=f"不良率取自组合文件“机构”表；上限 = 各项贷款不良率 + 3个百分点（{npl_cite}）。",
        )
    )
    return b


def _scoring_section(
    src: _Sources, scores: ScoreResult | None, threshold_source: str, top_n: int
) -> list[Block]:
    """五、领航积分预评估（示意模型）: the assumed model, its weights and the top scores."""
    b: list[Block] = [Heading(HEADINGS[4])]
    if scores is None:
        b.append(Para("未计算领航积分预评估。", small=True))
    else:
        _scoring_blocks(b, scores, src.annex, src.catalogue, threshold_source, top_n)
    return b


def _measures_section(src: _Sources) -> list[Block]:
    """六、所用措施及出处: every measure with an amount or an eligible enterprise, with its
    document, article and an excerpt of the exact text."""
    cmp, catalogue, workbook = src.cmp, src.catalogue, src.workbook
    frame = cmp.by_measure
    rows = [["措施", "文件", "条款", "原文摘录"]]
    used = [m for m in frame.index if frame.loc[m, src.names].ne(0).any() or _any_eligible(cmp, m)]
    for measure_id in used:
        compiled = catalogue.measure(str(measure_id))
        quote = compiled.measure.quote
        excerpt = quote if len(quote) <= 80 else quote[:79] + "…"
        rows.append(
            [
                f"{compiled.measure.name}（{measure_id}）",
                f"{compiled.document.number}《{compiled.document.title}》",
                article_label(catalogue, compiled.document.slug, compiled.measure.article),
                f"“{excerpt}”",
            ]
        )
    return [
        Heading(HEADINGS[5]),
        TableBlock(
            rows,
            [0.24, 0.26, 0.1, 0.4],
            source="原文全文见各政策文件（policies/*.yaml 的 quote）及 "
            f"{workbook} 的 政策依据 工作表。"
            if workbook
            else "原文全文见各政策文件（policies/*.yaml 的 quote）。",
        ),
    ]


def _assumptions_section(src: _Sources, scores: ScoreResult | None) -> list[Block]:
    """七、在用假设: every assumed parameter and every scenario override, then the scoring
    model's assumed values."""
    rows = [["参数", "取值", "依据", "附表"]]
    for scenario_name, param in _assumptions(src.cmp):
        where = f"{param.source or ''} {param.note or ''}".strip()
        label = f"{ASSUMED}{param.label}（{param.key}）"
        if param.overridden:
            label = f"〔{scenario_name}〕{param.label}（{param.key}）"
            where = f"情景设定；默认值 {param.default}。{where}".strip()
        rows.append(
            [label, param.display(), where, src.assumptions.rows_ref((param.key, param.display()))]
        )
    b: list[Block] = [Heading(HEADINGS[6]), TableBlock(rows, [0.28, 0.12, 0.45, 0.15])]
    if scores is not None:
        model = scores.model.model
        b.append(
            Para(
                f"领航积分预评估的权重、分值、满分线和门槛均为{ASSUMED}"
                "（见第五节及 附表 评分模型）："
                + "；".join(
                    f"{v.label or k} {dec_text(v.value)}" for k, v in model.parameters.items()
                )
                + "。",
                small=True,
            )
        )
    return b


def _any_eligible(cmp: ScenarioComparison, measure_id: str) -> bool:
    return bool(cmp.eligible_by_measure.loc[measure_id].gt(0).any())


def _scoring_blocks(
    b: list[Block],
    scores: ScoreResult,
    annex: Annex,
    catalogue: Catalogue,
    threshold_source: str,
    top_n: int,
) -> None:
    model = scores.model.model
    sheet = annex["评分模型"]
    ranking = annex["评分排名"]
    candidates = annex["主动授信候选"]
    cite = doc_citation(catalogue, SCORING_DOCUMENT, SCORING_ARTICLE)
    frame = scores.frame
    n_all = int((frame["status"] != NOT_APPLICABLE).sum())
    n_na = len(frame) - n_all
    n_cand = int((frame["status"] == CANDIDATE).sum())
    n_poss = int((frame["status"] == POSSIBLE).sum())
    b.append(
        Para(
            f"【预评估·假设权重】{cite}：“{model.quote}”；“对领航积分达到一定分值的企业持续提升"
            "主动授信覆盖率”。文件只列出指标类别，未给出指标、分值、权重"
            f"和门槛；下列模型（{model.label}）的全部数值均为{ASSUMED}，仅用于排序和筛选，"
            "不是官方领航积分。"
        )
    )
    threshold = dec_text(scores.threshold)
    b.append(
        Para(
            f"主动授信候选门槛 {threshold} 分（{threshold_source.rstrip('。')}；"
            f"{_ref(sheet, 'threshold', '满分（权重×分值）')}），"
            f"模型满分 {dec_text(model.max_score)} 分。评分企业 {n_all} 户；"
            f"候选（得分下限 ≥ 门槛）{n_cand} 户；可能（仅得分上限达到门槛，待补数据）{n_poss} 户"
            f"（附表 主动授信候选 全部 {n_cand + n_poss} 行；附表 评分排名 全部 {n_all} 行）。"
            + (
                f"另有 {n_na} 户不适用（北京市以外的企业，领航积分为北京市评价模型；"
                f"附表 评分不适用 {n_na} 行），不评分、不排名。"
                if n_na
                else ""
            )
        )
    )
    b.append(Heading("在用权重与分值（均为假设）", 3))
    rows = [["指标类别", "权重", "指标", "分值", "满分", "附表"]]
    for family in model.families:
        weight = f"{dec_text(family.weight.value)}{ASSUMED}"
        if not family.indicators:
            rows.append(
                [
                    family.label,
                    weight,
                    f"未计分：{family.data_note or '无可用字段'}",
                    "—",
                    "0",
                    sheet.rows_ref(("family", family.id)),
                ]
            )
        for indicator in family.indicators:
            rows.append(
                [
                    family.label,
                    weight,
                    indicator.label,
                    f"{dec_text(indicator.points.value)}{ASSUMED}",
                    dec_text(family.weight.value * indicator.points.value),
                    sheet.rows_ref((family.id, indicator.id)),
                ]
            )
    b.append(
        TableBlock(
            rows,
            [0.16, 0.12, 0.36, 0.12, 0.08, 0.16],
            source="贡献 = 权重 × 分值 × 完成度（是/否按1/0；比例按满分线折算，封顶1）；"
            "满分线等参数见第七节。",
        )
    )
    fams = _family_columns(scores)
    shown = scores.applicable().head(top_n)
    sums = family_sums(scores, shown)
    b.append(Heading(f"得分前{len(shown)}名（含各类指标贡献）", 3))
    rows = [["排名", "企业", "得分", *(label for _, label, _ in fams), "状态", "附表"]]
    for idx, row in shown.iterrows():
        at = cast(int, idx)  # ranked() numbers its rows 0, 1, …
        low, high = float(row["score_low"]), float(row["score_high"])
        score = (
            score_text(low) if math.isclose(low, high) else f"{score_text(low)}–{score_text(high)}"
        )
        parts = []
        for fid, _, _ in fams:
            text = score_text(float(sums[fid].loc[at]))
            parts.append(text + "+待补" if bool(sums[f"{fid}?"].loc[at]) else text)
        rows.append(
            [
                str(int(row["rank"])),
                str(row["name"]),
                score,
                *parts,
                STATUS_LABELS[str(row["status"])],
                f"评分排名 第{ranking.row_of(str(row['uscc']))}行",
            ]
        )
    fam_w = 0.33 / max(len(fams), 1)
    b.append(
        TableBlock(
            rows,
            [0.06, 0.27, 0.1, *([fam_w] * len(fams)), 0.1, 0.14],
            source="得分为区间时，缺数据的指标在下限中按0、在上限中按满分计；“+待补”表示该类有指标缺数据。"
            f"主动授信候选名单见 附表 主动授信候选（{len(candidates.rows)} 行）。",
        )
    )


__all__ = [
    "HEADINGS",
    "TITLE",
    "Block",
    "Brief",
    "Figure",
    "Heading",
    "Para",
    "TableBlock",
    "citation",
    "compose",
    "family_sums",
    "summary_cell",
]

"""Build the briefing pack: ``brief.pdf`` plus every chart as PNG, with no network.

Every figure in the brief is read from a :class:`ScenarioComparison`, whose frames are the
engine's totals (``Evaluation.totals()`` / ``institution_totals()``); nothing is recomputed
here. The PDF embeds the bundled CJK font (WenQuanYi Micro Hei) through reportlab.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from desktop.briefing.charts import CHARTS, draw_all
from desktop.core.money import format_yuan
from desktop.core.parameters import ParamValue
from desktop.core.portfolio import Portfolio
from desktop.core.results import Evaluation
from desktop.core.scenarios import (
    CITY,
    DISTRICT,
    UNSPECIFIED,
    Scenario,
    ScenarioComparison,
    compare_scenarios,
)
from desktop.core.statistics import PortfolioStatistics
from desktop.fonts import FONT_FILE
from desktop.paths import fonts_dir

PDF_FONT = "PolicyDeskCJK"
TITLE = "科创金融政策测算简报"
HEADINGS = (
    "一、关键数字",
    "二、图表",
    "三、情景对比",
    "四、组合统计与北京市数据对照",
    "五、所用措施及出处",
    "六、在用假设",
)
FUNDING_LABELS = {CITY: "市级", DISTRICT: "区级", UNSPECIFIED: "文件未写明"}


@dataclass
class BriefingPack:
    pdf: Path
    charts: dict[str, Path]
    key_figures: dict[str, dict[str, int]] = field(default_factory=dict)  # scenario → 分 figures


def _register_font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if PDF_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(PDF_FONT, str(fonts_dir() / FONT_FILE), subfontIndex=0))
    return PDF_FONT


def key_figures(cmp: ScenarioComparison) -> dict[str, dict[str, int]]:
    """Per scenario: total, 市级 / 区级 / unspecified, eligible enterprise-measures (分, 户次)."""
    out: dict[str, dict[str, int]] = {}
    for name in cmp.names:
        out[name] = {
            "total_fen": int(cmp.by_measure[name].sum()),
            "city_fen": int(cmp.by_funding.loc[CITY, name]),
            "district_fen": int(cmp.by_funding.loc[DISTRICT, name]),
            "unspecified_fen": int(cmp.by_funding.loc[UNSPECIFIED, name]),
            "eligible": int(cmp.eligible_by_measure[name].sum()),
            "enterprises_paid": int((cmp.enterprises[name] > 0).sum()),
        }
    return out


def _assumptions(cmp: ScenarioComparison) -> list[tuple[str, ParamValue]]:
    """Assumed or overridden parameters of every measure that produced a result."""
    seen: dict[tuple[str, str], tuple[str, ParamValue]] = {}
    for name, ev in cmp.evaluations.items():
        for key, param in ev.parameters.items():
            if not (param.assumption or param.overridden):
                continue
            total = ev.totals().get(param.measure_id, {})
            if not (total.get("eligible") or total.get("unknown")):
                continue
            ident = (key, param.display())
            if ident not in seen:
                seen[ident] = (name, param)
    return sorted(seen.values(), key=lambda item: item[1].key)


def build_briefing(
    source: ScenarioComparison | Evaluation | Sequence[Evaluation],
    out_dir: Path,
    *,
    statistics: PortfolioStatistics | None = None,
    title: str = TITLE,
    portfolio: Portfolio | None = None,
) -> BriefingPack:
    """Write ``brief.pdf`` and ``<chart>.png`` files into ``out_dir``.

    ``source`` is a comparison of scenarios, or one evaluation (a brief without alternatives;
    it is re-run as a one-scenario comparison with its own date and parameter overrides).
    """
    cmp = _as_comparison(source, portfolio)
    out_dir.mkdir(parents=True, exist_ok=True)
    charts = draw_all(cmp, out_dir)
    figures = key_figures(cmp)
    pdf = out_dir / "brief.pdf"
    _write_pdf(pdf, cmp, charts, figures, statistics, title)
    return BriefingPack(pdf=pdf, charts=charts, key_figures=figures)


def _as_comparison(
    source: ScenarioComparison | Evaluation | Sequence[Evaluation], portfolio: Portfolio | None
) -> ScenarioComparison:
    if isinstance(source, ScenarioComparison):
        return source
    evaluations = [source] if isinstance(source, Evaluation) else list(source)
    if not evaluations:
        raise ValueError("build_briefing needs at least one evaluation")
    scenarios = []
    for i, ev in enumerate(evaluations):
        overrides = {k: str(p.value) for k, p in ev.parameters.items() if p.overridden}
        scenarios.append(
            Scenario(
                name="基准" if i == 0 else f"情景{i}",
                as_of=ev.as_of,
                overrides=overrides,
                measure_ids=tuple(ev.measure_ids),
            )
        )
    first = evaluations[0]
    return compare_scenarios(
        portfolio or first.portfolio, first.catalogue, scenarios[0], scenarios[1:]
    )


def _write_pdf(
    path: Path,
    cmp: ScenarioComparison,
    charts: dict[str, Path],
    figures: dict[str, dict[str, int]],
    statistics: PortfolioStatistics | None,
    title: str,
) -> None:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import (
        Image,
        KeepTogether,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    font = _register_font()
    body = ParagraphStyle("body", fontName=font, fontSize=9, leading=13, wordWrap="CJK")
    small = ParagraphStyle("small", parent=body, fontSize=7.5, leading=10)
    h1 = ParagraphStyle("h1", parent=body, fontSize=17, leading=24, alignment=TA_CENTER)
    h2 = ParagraphStyle("h2", parent=body, fontSize=12.5, leading=18, spaceBefore=8, spaceAfter=4)
    width = A4[0] - 36 * mm

    def p(text: str, style: ParagraphStyle = body) -> Paragraph:
        return Paragraph(html.escape(text), style)

    def table(rows: list[list[str]], widths: list[float], style: ParagraphStyle = small) -> Table:
        cells = [[p(c, style) for c in row] for row in rows]
        t = Table(cells, colWidths=[w * width for w in widths], repeatRows=1)
        t.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8EEF6")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        return t

    base = cmp.baseline
    ev = cmp.evaluations[base.name]
    portfolio = ev.portfolio
    story: list[object] = [p(title, h1)]
    src = portfolio.source.name if portfolio.source is not None else "（内存中的组合）"
    digest = f"（SHA-256 {portfolio.sha256[:12]}…）" if portfolio.sha256 else ""
    story.append(
        p(
            f"组合文件：{src}{digest}；企业 {len(ev.enterprises)} 户。政策库版本 "
            f"{ev.catalogue.sha256[:12]}。生成日期 {dt.date.today().isoformat()}。"
            "金额单位：元（精确到分）。本简报的每个数字均取自测算引擎的汇总结果。",
            small,
        )
    )

    # 一、关键数字
    story.append(p(HEADINGS[0], h2))
    rows = [["情景", "测算基准日", "测算金额合计", "市级", "区级", "文件未写明", "符合户次"]]
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
            ]
        )
    story.append(table(rows, [0.13, 0.12, 0.17, 0.15, 0.15, 0.17, 0.11]))
    story.append(
        p(
            "资金层级：措施名称注明“市级”或以区县名开头的从其名称；发文单位均为区县的为区级；"
            "责任单位仅为区政府的为区级、含市财政局且无区政府的为市级；其余为“文件未写明”，不作推断。",
            small,
        )
    )
    total_base = figures[base.name]["total_fen"]
    for alt in cmp.alternatives:
        delta = figures[alt.name]["total_fen"] - total_base
        story.append(p(f"{alt.name}较{base.name}：测算金额合计变化 {format_yuan(delta)}。"))
    for scenario in cmp.scenarios:
        if scenario.overrides or scenario.note:
            changes = "；".join(f"{k} = {v}" for k, v in scenario.overrides.items())
            story.append(p(f"{scenario.name}：{changes or ''} {scenario.note}".strip(), small))

    # 二、图表
    story.append(p(HEADINGS[1], h2))
    for key, chart in charts.items():
        from reportlab.lib.utils import ImageReader

        iw, ih = ImageReader(str(chart)).getSize()
        w = width * 0.95
        h = w * ih / iw
        if h > 115 * mm:
            h = 115 * mm
            w = h * iw / ih
        story.append(
            KeepTogether(
                [p(f"图：{CHARTS[key][0]}（{chart.name}）", small), Image(str(chart), w, h)]
            )
        )
        story.append(Spacer(1, 4))

    # 三、情景对比
    story.append(p(HEADINGS[2], h2))
    names = cmp.names
    frame = cmp.by_measure
    shown = frame[frame[names].ne(0).any(axis=1)]
    head = ["措施", "资金层级", *names, *(f"变化（{n}）" for n in names[1:])]
    rows = [head]
    for measure_id, row in shown.iterrows():
        rows.append(
            [
                f"{row['name']}（{measure_id}）",
                FUNDING_LABELS[str(row["funding_level"])],
                *(format_yuan(int(row[n])) for n in names),
                *(format_yuan(int(row[f"Δ{n}"])) for n in names[1:]),
            ]
        )
    rows.append(
        [
            "合计",
            "",
            *(format_yuan(int(frame[n].sum())) for n in names),
            *(format_yuan(int(frame[f"Δ{n}"].sum())) for n in names[1:]),
        ]
    )
    n_cols = len(head)
    story.append(table(rows, [0.3, 0.1, *([0.6 / (n_cols - 2)] * (n_cols - 2))]))
    for alt in names[1:]:
        gain, lose = cmp.gainers(alt), cmp.losers(alt)
        story.append(
            p(
                f"{alt}：增加的企业 {len(gain)} 户，减少的企业 {len(lose)} 户"
                "（企业为受益方的措施）。"
            )
        )
        if gain or lose:
            rows = [["企业", "注册区", base.name, alt, "变化"]]
            for d in [*gain[:8], *lose[:8]]:
                rows.append(
                    [
                        d.name,
                        d.district,
                        f"{d.baseline:,.2f}元",
                        f"{d.alternative:,.2f}元",
                        f"{d.delta:+,.2f}元",
                    ]
                )
            story.append(table(rows, [0.34, 0.14, 0.17, 0.17, 0.18]))
    if len(cmp.by_institution):
        story.append(p("机构获得的补偿（按机构与措施）", body))
        rows = [["机构", "措施", *names]]
        for (inst, measure_id), row in cmp.by_institution.iterrows():
            rows.append([str(inst), str(measure_id), *(format_yuan(int(row[n])) for n in names)])
        story.append(table(rows, [0.3, 0.25, *([0.45 / len(names)] * len(names))]))

    # 四、组合统计
    story.append(p(HEADINGS[3], h2))
    if statistics is None:
        story.append(p("未计算组合统计。", small))
    else:
        s = statistics
        t = s.tech_enterprise
        lines = [
            f"科技型企业贷款余额 {format_yuan(t.balance_fen)}（{t.loans} 笔、{t.enterprises} 户）；"
            f"信用贷款占比 {_pct(t.credit_share)}；中长期（期限超过1年）占比 "
            f"{_pct(t.long_term_share)}；户均 {_yuan(t.average_fen)}。"
            f"无法判定的贷款 {t.undecided_loans} 笔、{format_yuan(t.undecided_fen)}。",
            "科技贷款余额（下限，仅含科技型企业贷款）"
            f"{format_yuan(s.tech_loans_lower_bound.balance_fen)}。",
        ]
        for line in lines + s.notes:
            story.append(p(line, small))
        rows = [["指标", "本组合", "北京市数据", "来源（文件与原文）"]]
        for r in s.comparisons:
            b = r.benchmark
            rows.append(
                [
                    r.label,
                    "无法判定" if r.value is None else f"{_num(r.value)}{b.unit}",
                    f"{_num(b.value)}{b.unit}（{b.as_of}）",
                    f"{Path(b.source).name}：“{b.quote}”",
                ]
            )
        story.append(table(rows, [0.24, 0.18, 0.2, 0.38]))
        story.append(
            p(
                "京金融〔2022〕190号第15条不良容忍度检查"
                "（科创小微不良率 ≤ 各项贷款不良率+3个百分点）",
                body,
            )
        )
        rows = [["机构", "各项贷款不良率", "科创小微不良率", "上限", "结论"]]
        for c in s.npl:
            verdict = {True: "在容忍度内", False: "超出容忍度", None: "数据不全"}[c.within]
            rows.append(
                [
                    c.institution,
                    _pct(c.npl_ratio),
                    _pct(c.sme_tech_npl_ratio),
                    _pct(c.limit),
                    verdict,
                ]
            )
        story.append(table(rows, [0.3, 0.17, 0.17, 0.16, 0.2]))

    # 五、所用措施及出处
    story.append(p(HEADINGS[4], h2))
    rows = [["措施", "文件", "条款", "原文摘录"]]
    used = [m for m in frame.index if frame.loc[m, names].ne(0).any() or _any_eligible(cmp, m)]
    for measure_id in used:
        compiled = ev.catalogue.measure(measure_id)
        quote = compiled.measure.quote
        excerpt = quote if len(quote) <= 80 else quote[:79] + "…"
        rows.append(
            [
                f"{compiled.measure.name}（{measure_id}）",
                f"{compiled.document.number}《{compiled.document.title}》",
                f"第{compiled.measure.article}条",
                f"“{excerpt}”",
            ]
        )
    story.append(table(rows, [0.24, 0.26, 0.1, 0.4]))

    # 六、在用假设
    story.append(p(HEADINGS[5], h2))
    rows = [["参数", "取值", "依据"]]
    for scenario_name, param in _assumptions(cmp):
        where = f"{param.source or ''} {param.note or ''}".strip()
        label = f"【假设】{param.label}（{param.key}）"
        if param.overridden:
            label += f"〔{scenario_name}〕"
        rows.append([label, param.display(), where])
    story.append(table(rows, [0.3, 0.14, 0.56]))

    def footer(canvas: object, doc: object) -> None:
        canvas.saveState()  # type: ignore[attr-defined]
        canvas.setFont(font, 7)  # type: ignore[attr-defined]
        canvas.drawRightString(  # type: ignore[attr-defined]
            A4[0] - 18 * mm,
            10 * mm,
            f"PolicyDesk · {title} · 第 {doc.page} 页",  # type: ignore[attr-defined]
        )
        canvas.restoreState()  # type: ignore[attr-defined]

    doc = SimpleDocTemplate(
        str(path),
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
        title=title,
        author="PolicyDesk",
    )
    doc.build(story, onFirstPage=footer, onLaterPages=footer)


def _any_eligible(cmp: ScenarioComparison, measure_id: str) -> bool:
    return bool(cmp.eligible_by_measure.loc[measure_id].gt(0).any())


def _pct(value: object) -> str:
    if value is None:
        return "—"
    from decimal import Decimal

    assert isinstance(value, Decimal)
    return f"{value * 100:.2f}%"


def _yuan(fen: object) -> str:
    if fen is None:
        return "—"
    from decimal import ROUND_HALF_UP, Decimal

    assert isinstance(fen, Decimal)
    return format_yuan(int(fen.quantize(Decimal(1), rounding=ROUND_HALF_UP)))


def _num(value: object) -> str:
    from decimal import Decimal

    assert isinstance(value, Decimal)
    if value == value.to_integral_value():
        return f"{value:,.0f}"
    if abs(value) >= 1:
        return f"{value:,.2f}"
    return f"{value:.6g}"


__all__ = ["HEADINGS", "TITLE", "BriefingPack", "build_briefing", "key_figures"]

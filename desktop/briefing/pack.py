"""Build the briefing pack with no network: ``brief.pdf``, ``brief.docx``, every chart as PNG,
the annex ``简报附表.xlsx`` (every figure of the brief in a cited cell, the scoring ranking and
the 主动授信 candidates) and the baseline's result workbook ``测算结果.xlsx``.

Every figure in the brief is read from a :class:`ScenarioComparison`, whose frames are the
engine's totals (``Evaluation.totals()`` / ``institution_totals()``), from the portfolio
statistics and from the scoring result; nothing is recomputed here. The PDF embeds the bundled
CJK font (WenQuanYi Micro Hei) through reportlab.

:func:`build_pack` is what the window's 生成简报 button (in a child process,
:mod:`desktop.jobs.brief`), the export's optional pack (:mod:`desktop.jobs.outputs`) and the
``brief`` command call; it reports progress and honours cancellation. :func:`build_briefing`
is the older entry point.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Final, Literal, Protocol

from desktop.briefing.annex import ANNEX_NAME, write_annex
from desktop.briefing.charts import CHARTS, draw_all
from desktop.briefing.content import (
    FUNDING_LABELS,
    HEADINGS,
    TITLE,
    WORKBOOK_NAME,
    Brief,
    compose,
)
from desktop.briefing.pdf import PDF_FONT
from desktop.core.catalogue import Catalogue
from desktop.core.evaluation import Evaluation
from desktop.core.portfolio import Portfolio
from desktop.core.progress import Progress, ShouldCancel
from desktop.core.scenarios import (
    CITY,
    DISTRICT,
    UNSPECIFIED,
    Scenario,
    ScenarioComparison,
    compare_scenarios,
)
from desktop.core.scoring import CompiledModel, ScoreResult, load_scoring_model, score_enterprises
from desktop.core.statistics import PortfolioStatistics, portfolio_statistics
from desktop.errors import CancelledError, OutputFileError


class WorkbookWriter(Protocol):
    """Writes the result workbook of one evaluation (``desktop.export.write_workbook``)."""

    def __call__(
        self,
        evaluation: Evaluation,
        path: Path,
        *,
        input_path: Path | None = ...,
        progress: Progress | None = ...,
        should_cancel: ShouldCancel | None = ...,
    ) -> Path: ...


FORMATS: Final = ("pdf", "docx", "png", "xlsx")
PDF_NAME = "brief.pdf"
DOCX_NAME = "brief.docx"
AUTO: Final = "auto"


@dataclass
class BriefingPack:
    pdf: Path | None
    charts: dict[str, Path]
    key_figures: dict[str, dict[str, int]] = field(default_factory=dict)  # scenario → 分 figures
    docx: Path | None = None
    annex: Path | None = None  # 简报附表.xlsx
    workbook: Path | None = None  # 测算结果.xlsx (baseline)
    scores: ScoreResult | None = None
    comparison: ScenarioComparison | None = None
    brief: Brief | None = None

    @property
    def files(self) -> list[Path]:
        out = [p for p in (self.pdf, self.docx, self.annex, self.workbook) if p is not None]
        return out + list(self.charts.values())


def key_figures(cmp: ScenarioComparison) -> dict[str, dict[str, int]]:
    """Per scenario: total, 市级 / 区级 / unspecified, eligible enterprise-measures (分, 户次)."""
    out: dict[str, dict[str, int]] = {}
    for name in cmp.names:
        funding = cmp.by_funding[name]
        out[name] = {
            "total_fen": int(cmp.by_measure[name].sum()),
            "city_fen": int(funding.loc[CITY]),
            "district_fen": int(funding.loc[DISTRICT]),
            "unspecified_fen": int(funding.loc[UNSPECIFIED]),
            "eligible": int(cmp.eligible_by_measure[name].sum()),
            "enterprises_paid": int((cmp.enterprises[name] > 0).sum()),
        }
    return out


class _Steps:
    def __init__(self, progress: Progress | None, should_cancel: ShouldCancel | None) -> None:
        self.progress = progress
        self.should_cancel = should_cancel

    def check(self) -> None:
        if self.should_cancel is not None and self.should_cancel():
            raise CancelledError("已取消生成简报 / building the briefing pack was cancelled")

    def cancelled(self) -> bool:
        return self.should_cancel is not None and bool(self.should_cancel())

    def report(self, fraction: float, label: str) -> None:
        self.check()
        if self.progress is not None:
            self.progress(min(max(fraction, 0.0), 1.0), label)

    def span(self, start: float, end: float) -> Progress:
        def report(fraction: float, label: str) -> None:
            self.report(start + (end - start) * fraction, label)

        return report


def _threshold_source(compiled: CompiledModel, threshold: Decimal | None) -> str:
    default = compiled.model.threshold
    if threshold is None:
        return f"【假设】{default.note or ''}".strip()
    return f"使用者设定；模型默认 {default.value} 分为【假设】"


def build_pack(
    source: ScenarioComparison | Evaluation | Sequence[Evaluation],
    out_dir: Path,
    *,
    alternatives: Sequence[Scenario] = (),
    formats: Iterable[str] | None = None,
    statistics: PortfolioStatistics | Literal["auto"] | None = AUTO,
    scoring: bool = True,
    scoring_model: CompiledModel | Path | None = None,
    threshold: Decimal | None = None,
    scores: ScoreResult | None = None,
    top_n: int = 10,
    title: str = TITLE,
    portfolio: Portfolio | None = None,
    input_path: Path | None = None,
    progress: Progress | None = None,
    should_cancel: ShouldCancel | None = None,
    cancel: ShouldCancel | None = None,
    workbook_writer: WorkbookWriter | None = None,
) -> BriefingPack:
    """Write the briefing pack into ``out_dir`` and return what was written.

    ``source``: a comparison of scenarios; or one evaluation (the baseline, re-run as a scenario
    with its own date, overrides and measures), compared with ``alternatives`` if any; or several
    evaluations (the first is the baseline). ``formats``: any of ``pdf``, ``docx``, ``png``
    (the charts as separate files; the PDF and Word files embed them anyway) and ``xlsx`` (the
    baseline's result workbook 测算结果.xlsx); the annex 简报附表.xlsx, which the brief cites, is
    always written. ``statistics="auto"`` computes the portfolio statistics, ``None`` leaves them
    out. ``scoring``: the 领航积分 pre-assessment with ``scoring_model`` (default
    ``policies/scoring/leading_score.yaml``) and ``threshold`` (default: the model's assumed
    one), or precomputed ``scores``. ``progress(fraction, label)`` is called between steps;
    when ``should_cancel()`` (or ``cancel()``) returns true, :class:`CancelledError` is raised
    and nothing is left in ``out_dir``. Files are written to a temporary folder and moved into
    place at the end; :class:`OutputFileError` when a file is locked or would overwrite the
    input. ``workbook_writer`` writes the ``xlsx`` format (``desktop.export.write_workbook``:
    the caller passes it, so briefing and export stay independent of each other); ``formats``
    defaults to every format there is a writer for.
    """
    if formats is None:  # every format there is a writer for
        formats = [f for f in FORMATS if f != "xlsx" or workbook_writer is not None]
    wanted = [f.strip().lower() for f in formats if f.strip()]
    unknown = sorted(set(wanted) - set(FORMATS))
    if unknown or not wanted:
        raise ValueError(
            f"unknown format(s) {', '.join(unknown)}; choose from {', '.join(FORMATS)}"
        )
    if "xlsx" in wanted and workbook_writer is None:
        raise ValueError("the xlsx format needs a workbook_writer (desktop.export.write_workbook)")
    steps = _Steps(progress, should_cancel or cancel)
    steps.report(0.0, "准备简报 / preparing")
    cmp = _as_comparison(source, portfolio, alternatives, steps.span(0.0, 0.35))
    base_ev = cmp.evaluations[cmp.baseline.name]
    pf = base_ev.portfolio
    catalogue = base_ev.catalogue
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    finals = {
        "pdf": out_dir / PDF_NAME,
        "docx": out_dir / DOCX_NAME,
        "xlsx": out_dir / WORKBOOK_NAME,
    }
    _check_targets([out_dir / ANNEX_NAME, *finals.values()], [input_path, pf.source])

    stats: PortfolioStatistics | None
    if statistics == AUTO:
        steps.report(0.36, "组合统计 / statistics")
        stats = portfolio_statistics(pf, catalogue, base_ev.as_of)
    else:
        stats = statistics
    threshold_source = ""
    if scores is None and scoring:
        steps.report(0.4, "领航积分 / scoring")
        compiled = (
            scoring_model
            if isinstance(scoring_model, CompiledModel)
            else load_scoring_model(scoring_model, catalogue)
        )
        scores = score_enterprises(compiled, pf, catalogue, base_ev.as_of, threshold=threshold)
    if scores is not None:
        threshold_source = _threshold_source(scores.model, threshold)

    staging = Path(tempfile.mkdtemp(prefix=".briefing-", dir=out_dir))
    try:
        steps.report(0.45, "图表 / charts")
        charts = draw_all(cmp, staging)
        figures = key_figures(cmp)
        steps.report(0.6, "附表 / annex")
        brief = compose(
            cmp,
            figures,
            {k: (CHARTS[k][0], p) for k, p in charts.items()},
            statistics=stats,
            scores=scores,
            threshold_source=threshold_source,
            title=title,
            top_n=top_n,
            workbook=WORKBOOK_NAME if "xlsx" in wanted else None,
            annex_name=ANNEX_NAME,
        )
        staged: dict[str, Path] = {"annex": write_annex(brief.annex, staging / ANNEX_NAME)}
        if "pdf" in wanted:
            steps.report(0.68, "PDF")
            from desktop.briefing.pdf import write_pdf

            staged["pdf"] = write_pdf(brief, staging / PDF_NAME)
        if "docx" in wanted:
            steps.report(0.76, "Word")
            from desktop.briefing.word import write_docx

            staged["docx"] = write_docx(brief, staging / DOCX_NAME)
        if "xlsx" in wanted and workbook_writer is not None:
            steps.report(0.8, "工作簿 / workbook")
            staged["xlsx"] = workbook_writer(
                base_ev,
                staging / WORKBOOK_NAME,
                input_path=input_path,
                progress=steps.span(0.8, 0.97),
                should_cancel=steps.cancelled,
            )
        steps.report(0.98, "保存 / saving")
        placed: dict[str, Path] = {}
        for key, path in staged.items():
            placed[key] = _place(path, out_dir / path.name)
        chart_paths: dict[str, Path] = {}
        if "png" in wanted:
            for key, path in charts.items():
                chart_paths[key] = _place(path, out_dir / path.name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    steps.report(1.0, "完成 / done")
    return BriefingPack(
        pdf=placed.get("pdf"),
        charts=chart_paths,
        key_figures=figures,
        docx=placed.get("docx"),
        annex=placed.get("annex"),
        workbook=placed.get("xlsx"),
        scores=scores,
        comparison=cmp,
        brief=brief,
    )


def _check_targets(targets: Sequence[Path], inputs: Sequence[Path | None]) -> None:
    for target in targets:
        for source in inputs:
            if source is not None and Path(source).resolve() == target.resolve():
                raise OutputFileError(
                    f"{target}: 不能覆盖输入文件 / would overwrite the input file"
                )


def _place(staged: Path, final: Path) -> Path:
    try:
        os.replace(staged, final)
    except OSError as exc:
        raise OutputFileError(
            f"{final}: 无法写入（文件可能正被打开）/ cannot be written (is it open?): {exc}"
        ) from exc
    return final.resolve()


def build_briefing(
    source: ScenarioComparison | Evaluation | Sequence[Evaluation],
    out_dir: Path,
    *,
    statistics: PortfolioStatistics | None = None,
    title: str = TITLE,
    portfolio: Portfolio | None = None,
    formats: Iterable[str] = ("pdf", "docx", "png"),
    scoring: bool = True,
    threshold: Decimal | None = None,
    top_n: int = 10,
    progress: Progress | None = None,
    should_cancel: ShouldCancel | None = None,
) -> BriefingPack:
    """Write ``brief.pdf``, ``brief.docx``, ``<chart>.png`` and ``简报附表.xlsx`` into
    ``out_dir`` (the first entry point; :func:`build_pack` also writes the result workbook
    and computes the statistics by default).

    ``source`` is a comparison of scenarios, or one evaluation (a brief without alternatives;
    it is re-run as a one-scenario comparison with its own date and parameter overrides).
    """
    return build_pack(
        source,
        out_dir,
        formats=formats,
        statistics=statistics,
        scoring=scoring,
        threshold=threshold,
        top_n=top_n,
        title=title,
        portfolio=portfolio,
        progress=progress,
        should_cancel=should_cancel,
    )


def _scenario_of(ev: Evaluation, name: str) -> Scenario:
    overrides = {k: str(p.value) for k, p in ev.parameters.items() if p.overridden}
    return Scenario(
        name=name, as_of=ev.as_of, overrides=overrides, measure_ids=tuple(ev.measure_ids)
    )


def _as_comparison(
    source: ScenarioComparison | Evaluation | Sequence[Evaluation],
    portfolio: Portfolio | None,
    alternatives: Sequence[Scenario] = (),
    progress: Progress | None = None,
) -> ScenarioComparison:
    if isinstance(source, ScenarioComparison):
        if alternatives:
            raise ValueError("alternatives go into the comparison, not beside it")
        return source
    evaluations = [source] if isinstance(source, Evaluation) else list(source)
    if not evaluations:
        raise ValueError("build_briefing needs at least one evaluation")
    scenarios = [
        _scenario_of(ev, "基准" if i == 0 else f"情景{i}") for i, ev in enumerate(evaluations)
    ]
    scenarios += list(alternatives)
    first = evaluations[0]
    catalogue: Catalogue = first.catalogue
    return compare_scenarios(
        portfolio or first.portfolio,
        catalogue,
        scenarios[0],
        scenarios[1:],
        progress=progress,
    )


__all__ = [
    "FORMATS",
    "FUNDING_LABELS",
    "HEADINGS",
    "PDF_FONT",
    "TITLE",
    "BriefingPack",
    "build_briefing",
    "build_pack",
    "key_figures",
]

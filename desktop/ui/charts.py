"""图表: totals by measure, by district, status distribution — matplotlib ``Figure`` objects
(never pyplot) drawn with the bundled CJK font; each can be copied to the clipboard or saved
as PNG.

Drawing a figure takes a few hundred milliseconds, so it never happens on the GUI thread
while results arrive: the panel draws only when it is shown, and then builds and renders the
figures with Agg on a worker thread (:func:`render_charts`). The window only scales the
finished image (:class:`ChartView`).
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from matplotlib.figure import Figure
from PySide6.QtCore import QRect, QSize, Qt, QThreadPool
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPaintEvent, QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.evaluation import Evaluation
from desktop.core.outcomes import ELIGIBLE, INELIGIBLE, INSTITUTION_BENEFICIARIES, UNKNOWN
from desktop.errors import CancelledError
from desktop.ui.i18n import tr
from desktop.ui.table_data import EnterpriseTable
from desktop.ui.workers import QUEUED, Job, release_later

CHARTS = ("by_measure", "by_district", "status")
_COLOURS = {ELIGIBLE: "#3f8f5a", UNKNOWN: "#e0a526", INELIGIBLE: "#c9b3b3"}
TOP_N = 15


def _font() -> None:
    from desktop.fonts import register_matplotlib_font

    register_matplotlib_font()


def _short(text: str, width: int = 20) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _wan(fen: int) -> float:
    return fen / 100 / 10_000


def _empty(fig: Figure) -> Figure:
    ax = fig.add_subplot()
    ax.axis("off")
    ax.text(0.5, 0.5, tr("charts.empty"), ha="center", va="center", fontsize=12, color="#666")
    return fig


def figure_by_measure(table: EnterpriseTable | None) -> Figure:
    """Horizontal bars: amount (万元) of the measures with the largest totals."""
    _font()
    fig = Figure(figsize=(8, 4.8), dpi=100, layout="constrained")
    rows = [r for r in (table.totals if table else []) if r.amount_fen]
    if not rows:
        return _empty(fig)
    rows = sorted(rows, key=lambda r: r.amount_fen or 0, reverse=True)[:TOP_N][::-1]
    ax = fig.add_subplot()
    values = [_wan(r.amount_fen or 0) for r in rows]
    bars = ax.barh([_short(f"{r.title}") for r in rows], values, color="#3b6ea5")
    ax.bar_label(bars, labels=[f"{v:,.1f}" for v in values], padding=3, fontsize=8)
    ax.set_xlabel(tr("unit.wan_yuan"))
    ax.set_title(tr("charts.by_measure"))
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(axis="y", labelsize=9)
    ax.margins(x=0.15)
    return fig


def district_totals(evaluation: Evaluation | None) -> list[tuple[str, int]]:
    """(district, amount in 分), largest first: the support the enterprises receive
    themselves — compensation paid to banks, guarantors, insurers and IP agencies is left
    out, as in the workbook's 汇总 (it is not the enterprise's)."""
    if evaluation is None:
        return []
    frame = evaluation.summary_frame()
    institution = {
        m
        for m, o in evaluation.outcomes.items()
        if o.measure.measure.beneficiary in INSTITUTION_BENEFICIARIES
    }
    amount_cols = [
        c
        for c in frame.columns
        if c.endswith("|amount_fen") and c.removesuffix("|amount_fen") not in institution
    ]
    if not amount_cols:
        return []
    total = frame[amount_cols].fillna(0).astype("int64").sum(axis=1)
    districts = frame["district"].fillna("（未填）").astype(str).replace("", "（未填）")
    grouped = total.groupby(districts).sum().sort_values(ascending=False)
    return [(str(k), int(v)) for k, v in grouped.items() if int(v) > 0]


def figure_by_district(evaluation: Evaluation | None) -> Figure:
    _font()
    fig = Figure(figsize=(8, 4.8), dpi=100, layout="constrained")
    rows = district_totals(evaluation)[:TOP_N]
    if not rows:
        return _empty(fig)
    ax = fig.add_subplot()
    values = [_wan(v) for _, v in rows]
    bars = ax.bar([k for k, _ in rows], values, color="#5b8c85")
    ax.bar_label(bars, labels=[f"{v:,.1f}" for v in values], padding=2, fontsize=8)
    ax.set_ylabel(tr("unit.wan_yuan"))
    ax.set_xlabel(tr("charts.enterprise_only"))
    ax.set_title(tr("charts.by_district"))
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(axis="x", labelrotation=30, labelsize=9)
    return fig


def figure_status(table: EnterpriseTable | None) -> Figure:
    """Stacked bars per measure: eligible / needs data / not eligible enterprise counts."""
    _font()
    fig = Figure(figsize=(8, 4.8), dpi=100, layout="constrained")
    rows = [r for r in (table.totals if table else []) if r.eligible or r.unknown]
    if not rows:
        return _empty(fig)
    rows = sorted(rows, key=lambda r: (r.eligible, r.unknown), reverse=True)[:TOP_N][::-1]
    ax = fig.add_subplot()
    labels = [_short(r.title) for r in rows]
    left = [0] * len(rows)
    for status, attr, text in (
        (ELIGIBLE, "eligible", "符合"),
        (UNKNOWN, "unknown", "待补数据"),
        (INELIGIBLE, "ineligible", "不符合"),
    ):
        values = [getattr(r, attr) for r in rows]
        ax.barh(labels, values, left=left, color=_COLOURS[status], label=text)
        left = [a + b for a, b in zip(left, values, strict=True)]
    ax.set_xlabel("企业数")
    ax.set_title(tr("charts.status"))
    ax.legend(loc="lower right", fontsize=8, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(axis="y", labelsize=9)
    return fig


def figure_png(fig: Figure, dpi: int = 150) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


def build_figures(
    evaluation: Evaluation | None, table: EnterpriseTable | None
) -> dict[str, Figure]:
    """The three figures, by name (Qt-free; any thread)."""
    return {
        "by_measure": figure_by_measure(table),
        "by_district": figure_by_district(evaluation),
        "status": figure_status(table),
    }


@dataclass(frozen=True)
class RenderedChart:
    """A figure and its pixels (RGBA, row by row), drawn by Agg."""

    figure: Figure
    width: int
    height: int
    rgba: bytes


_RENDER_LOCK = threading.Lock()  # matplotlib is not thread-safe: one drawing at a time


def _draw(fig: Figure) -> RenderedChart:
    """Draw ``fig`` with Agg at its own size and resolution."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="rgba", dpi=fig.dpi)
    width, height = int(fig.bbox.width), int(fig.bbox.height)
    rgba = buffer.getvalue()
    if len(rgba) != width * height * 4:
        raise ValueError(f"chart of {len(rgba)} bytes is not {width}×{height} RGBA")
    return RenderedChart(fig, width, height, rgba)


def render_charts(
    evaluation: Evaluation | None,
    table: EnterpriseTable | None,
    progress: Callable[[float, str], None],
    should_cancel: Callable[[], bool],
) -> dict[str, RenderedChart]:
    """Build and draw every chart with Agg — the slow part, meant for a worker thread."""
    rendered: dict[str, RenderedChart] = {}
    with _RENDER_LOCK:
        figures = build_figures(evaluation, table)
        for i, (name, fig) in enumerate(figures.items()):
            if should_cancel():
                raise CancelledError("charts")
            rendered[name] = _draw(fig)
            progress((i + 1) / len(figures), "")
    return rendered


class ChartView(QWidget):
    """One chart: an image drawn off the GUI thread, scaled to fit (aspect kept)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._image = QImage()
        self.setMinimumSize(320, 220)
        self.setAutoFillBackground(False)

    @property
    def image(self) -> QImage:
        return self._image

    def set_image(self, image: QImage) -> None:
        self._image = image
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(640, 384)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("white"))
        if self._image.isNull():
            return
        size = self._image.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        x = (self.width() - size.width()) // 2
        y = (self.height() - size.height()) // 2
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(QRect(x, y, size.width(), size.height()), self._image)


def _image(chart: RenderedChart) -> QImage:
    image = QImage(chart.rgba, chart.width, chart.height, QImage.Format.Format_RGBA8888)
    return image.copy()  # own the pixels: ``chart.rgba`` may go away


class ChartsPanel(QWidget):
    """Three tabs of charts with copy / save buttons.

    New results only mark the charts stale; they are drawn on a worker thread when the panel
    is (or becomes) visible, so a new evaluation never waits for matplotlib.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._evaluation: Evaluation | None = None
        self._table: EnterpriseTable | None = None
        self._figures: dict[str, Figure] = {}
        self._stale = False
        self._job: Job | None = None
        self._job_result: dict[int, dict[str, RenderedChart]] = {}
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("charts")
        self.views: dict[str, ChartView] = {}
        for name in CHARTS:
            view = ChartView()
            self.views[name] = view
            self.tabs.addTab(view, "")
        self.copy_button = QPushButton()
        self.copy_button.clicked.connect(self.copy_current)
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self.choose_and_save)
        self.note = QLabel()
        self.note.setStyleSheet("color:#555")
        buttons = QHBoxLayout()
        buttons.addWidget(self.note, 1)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)
        self.retranslate()

    def set_results(self, evaluation: Evaluation | None, table: EnterpriseTable | None) -> None:
        if evaluation is not self._evaluation:
            release_later(self._evaluation)
        self._evaluation = evaluation
        self._table = table
        self.redraw()

    def redraw(self) -> None:
        """Mark the charts stale; draw them in the background if the panel is visible."""
        self._stale = True
        if self.isVisible():
            self._start_render()

    @property
    def is_rendering(self) -> bool:
        return self._job is not None

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._start_render()

    def _start_render(self) -> None:
        if self._job is not None:
            self._job.cancel()  # superseded; the pool runs one drawing at a time
        holder: dict[str, RenderedChart] = {}
        evaluation, table = self._evaluation, self._table

        def fn(progress: Callable[[float, str], None], should_cancel: Callable[[], bool]) -> Any:
            holder.update(render_charts(evaluation, table, progress, should_cancel))
            return holder

        job = Job(fn, name="charts")
        self._job = job
        self._job_result[id(job)] = holder
        self._stale = False
        job.finished.connect(lambda result, job=job: self._on_rendered(job, result), QUEUED)
        job.failed.connect(lambda _message, job=job: self._on_render_ended(job), QUEUED)
        job.cancelled.connect(lambda job=job: self._on_render_ended(job), QUEUED)
        job.start(self.pool)

    def _on_render_ended(self, job: Job) -> None:
        self._job_result.pop(id(job), None)
        if job is self._job:
            self._job = None

    def _on_rendered(self, job: Job, result: dict[str, RenderedChart]) -> None:
        self._on_render_ended(job)
        if job.is_cancelled():
            return
        self._show_rendered(result)

    def _show_rendered(self, result: dict[str, RenderedChart]) -> None:
        self._figures = {name: chart.figure for name, chart in result.items()}
        for name, chart in result.items():
            self.views[name].set_image(_image(chart))

    def wait_until_drawn(self, msecs: int = 30_000) -> bool:
        """Finish a drawing under way now (tests, screenshots, copy and save)."""
        job = self._job
        if job is None:
            return True
        if not job.wait(msecs / 1000):
            return False
        holder = self._job_result.pop(id(job), None)
        self._job = None
        if holder and not job.is_cancelled():
            self._show_rendered(holder)
        return True

    def current_name(self) -> str:
        return CHARTS[max(self.tabs.currentIndex(), 0)]

    def figure(self, name: str | None = None) -> Figure:
        """The figure shown on a tab (drawn now if the panel has not drawn it yet)."""
        self.wait_until_drawn()
        if self._stale or not self._figures:
            result = render_charts(self._evaluation, self._table, lambda *_: None, lambda: False)
            self._stale = False
            self._show_rendered(result)
        return self._figures[name or self.current_name()]

    def copy_current(self) -> QImage:
        image = QImage.fromData(figure_png(self.figure()))
        QGuiApplication.clipboard().setImage(image)
        self.note.setText(tr("charts.copied"))
        return image

    def save_png(self, path: str | Path, name: str | None = None) -> Path:
        path = Path(path)
        if path.suffix.lower() != ".png":
            path = path.with_suffix(".png")
        path.write_bytes(figure_png(self.figure(name)))
        self.note.setText(tr("charts.saved", path=path))
        return path

    def choose_and_save(self) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(
            self, tr("charts.save"), f"{tr('charts.' + self.current_name())}.png", "PNG (*.png)"
        )
        return self.save_png(name) if name else None

    def retranslate(self) -> None:
        for i, name in enumerate(CHARTS):
            self.tabs.setTabText(i, tr(f"charts.{name}"))
        self.copy_button.setText(tr("charts.copy"))
        self.save_button.setText(tr("charts.save"))
        if self._evaluation is not None or self._table is not None:
            self.redraw()


__all__ = [
    "CHARTS",
    "ChartView",
    "ChartsPanel",
    "RenderedChart",
    "build_figures",
    "district_totals",
    "figure_by_district",
    "figure_by_measure",
    "figure_png",
    "figure_status",
    "render_charts",
]

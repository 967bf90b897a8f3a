"""图表: totals by measure, by district, status distribution — matplotlib ``Figure`` objects
(never pyplot) drawn with the bundled CJK font, embedded with ``FigureCanvasQTAgg``; each can
be copied to the clipboard or saved as PNG."""

from __future__ import annotations

import io
from pathlib import Path

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.results import ELIGIBLE, INELIGIBLE, UNKNOWN, Evaluation
from desktop.ui.i18n import tr
from desktop.ui.table_data import EnterpriseTable

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
    ax.set_xlabel("万元")
    ax.set_title(tr("charts.by_measure"))
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(axis="y", labelsize=9)
    ax.margins(x=0.15)
    return fig


def district_totals(evaluation: Evaluation | None) -> list[tuple[str, int]]:
    """(district, amount in 分 over all measures), largest first."""
    if evaluation is None:
        return []
    frame = evaluation.summary_frame()
    amount_cols = [c for c in frame.columns if c.endswith("|amount_fen")]
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
    ax.set_ylabel("万元")
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


class ChartsPanel(QWidget):
    """Three tabs of charts with copy / save buttons; redrawn when results arrive."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._evaluation: Evaluation | None = None
        self._table: EnterpriseTable | None = None
        self.tabs = QTabWidget()
        self.tabs.setObjectName("charts")
        self.canvases: dict[str, FigureCanvasQTAgg] = {}
        for name in CHARTS:
            canvas = FigureCanvasQTAgg(Figure())
            canvas.setMinimumSize(320, 220)
            self.canvases[name] = canvas
            self.tabs.addTab(canvas, "")
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
        self._evaluation = evaluation
        self._table = table
        self.redraw()

    def redraw(self) -> None:
        figures = {
            "by_measure": figure_by_measure(self._table),
            "by_district": figure_by_district(self._evaluation),
            "status": figure_status(self._table),
        }
        for name, fig in figures.items():
            canvas = self.canvases[name]
            canvas.figure = fig
            fig.set_canvas(canvas)
            canvas.draw_idle()

    def current_name(self) -> str:
        return CHARTS[max(self.tabs.currentIndex(), 0)]

    def figure(self, name: str | None = None) -> Figure:
        return self.canvases[name or self.current_name()].figure

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
    "ChartsPanel",
    "district_totals",
    "figure_by_district",
    "figure_by_measure",
    "figure_png",
    "figure_status",
]

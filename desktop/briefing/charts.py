"""Charts for the brief, drawn on matplotlib ``Figure`` objects (never pyplot: no global state,
safe off the GUI thread) with the bundled CJK font, each saved as PNG."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from desktop.core.scenarios import ScenarioComparison
from desktop.fonts import register_matplotlib_font

WAN = 1_000_000  # 分 per 万元
DPI = 150


def _figure(height: float = 4.0) -> Figure:
    register_matplotlib_font()
    fig = Figure(figsize=(8.0, height), dpi=DPI, layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def _short(text: str, width: int = 18) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _save(fig: Figure, path: Path) -> Path:
    fig.savefig(path, dpi=DPI)
    return path


def eligible_by_measure(cmp: ScenarioComparison, path: Path) -> Path:
    base = cmp.baseline.name
    counts = cmp.eligible_by_measure[base]
    counts = counts[counts > 0].sort_values().tail(15)
    names = [_short(str(cmp.by_measure.loc[m, "name"])) for m in counts.index]
    fig = _figure(max(3.0, 0.32 * len(counts) + 1.2))
    ax = fig.add_subplot()
    ax.barh(names, counts.to_numpy(), color="#2F6DB5")
    for y, value in enumerate(counts.to_numpy()):
        ax.text(value, y, f" {int(value)}", va="center", fontsize=8)
    ax.set_xlabel("符合条件的企业（户）")
    ax.set_title(f"各措施符合条件的企业数（{base}，前15项）")
    ax.tick_params(axis="y", labelsize=8)
    return _save(fig, path)


def amount_by_measure(cmp: ScenarioComparison, path: Path) -> Path:
    base = cmp.baseline.name
    amounts = cmp.by_measure[base]
    amounts = amounts[amounts > 0].sort_values().tail(15)
    names = [_short(str(cmp.by_measure.loc[m, "name"])) for m in amounts.index]
    fig = _figure(max(3.0, 0.32 * len(amounts) + 1.2))
    ax = fig.add_subplot()
    ax.barh(names, amounts.to_numpy() / WAN, color="#D0743C")
    ax.set_xlabel("测算金额（万元）")
    ax.set_title(f"各措施测算金额（{base}，前15项）")
    ax.tick_params(axis="y", labelsize=8)
    return _save(fig, path)


def amount_by_district(cmp: ScenarioComparison, path: Path) -> Path:
    base = cmp.baseline.name
    amounts = cmp.by_district[base]
    amounts = amounts[amounts > 0].sort_values(ascending=False)
    fig = _figure(4.0)
    ax = fig.add_subplot()
    ax.bar([_short(str(d), 8) for d in amounts.index], amounts.to_numpy() / WAN, color="#3A9E6F")
    ax.set_ylabel("测算金额（万元）")
    ax.set_title(f"各注册区测算金额（{base}）")
    ax.tick_params(axis="x", labelrotation=45, labelsize=8)
    return _save(fig, path)


def scenario_comparison(cmp: ScenarioComparison, path: Path) -> Path:
    """Amounts per measure in each scenario: the measures that change, else the largest."""
    names = cmp.names
    frame = cmp.by_measure
    changed = frame[(frame[names].nunique(axis=1) > 1)]
    shown = changed if len(changed) else frame[frame[names[0]] > 0]
    shown = shown.sort_values(names[0], ascending=False).head(10)
    fig = _figure(max(3.0, 0.45 * len(shown) + 1.5))
    ax = fig.add_subplot()
    height = 0.8 / max(len(names), 1)
    y = np.arange(len(shown))
    for i, name in enumerate(names):
        ax.barh(y + i * height, shown[name].to_numpy() / WAN, height=height, label=name)
    ax.set_yticks(y + height * (len(names) - 1) / 2)
    ax.set_yticklabels([_short(str(n)) for n in shown["name"]], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("测算金额（万元）")
    ax.set_title("情景对比：各措施测算金额")
    ax.legend(fontsize=8)
    return _save(fig, path)


def amount_distribution(cmp: ScenarioComparison, path: Path) -> Path:
    """Enterprises by their own total amount (enterprise beneficiaries, amount > 0)."""
    fig = _figure(3.6)
    ax = fig.add_subplot()
    values = [
        (name, cmp.enterprises[name][cmp.enterprises[name] > 0].to_numpy() / WAN)
        for name in cmp.names
    ]
    data = [v for _, v in values if len(v)]
    if data:
        top = max(float(v.max()) for v in data)
        bins = np.linspace(0, top if top > 0 else 1, 11).tolist()
        for name, v in values:
            if len(v):
                ax.hist(v, bins=bins, alpha=0.6, label=f"{name}（{len(v)}户）")
        ax.legend(fontsize=8)
    ax.set_xlabel("企业获得的测算金额合计（万元）")
    ax.set_ylabel("企业数（户）")
    ax.set_title("测算金额分布（企业为受益方的措施）")
    return _save(fig, path)


CHARTS = {
    "eligible_by_measure": ("各措施符合条件的企业数", eligible_by_measure),
    "amount_by_measure": ("各措施测算金额", amount_by_measure),
    "amount_by_district": ("各注册区测算金额", amount_by_district),
    "scenario_comparison": ("情景对比", scenario_comparison),
    "amount_distribution": ("测算金额分布", amount_distribution),
}


def draw_all(cmp: ScenarioComparison, out_dir: Path) -> dict[str, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    return {key: draw(cmp, out_dir / f"{key}.png") for key, (_, draw) in CHARTS.items()}


__all__ = ["CHARTS", "draw_all"]

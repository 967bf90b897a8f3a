"""What the main window shows of its session: a finished evaluation in every view, the
status-bar summary, the import banner, the measure filter, selection and search, and the
texts again when the language changes."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from desktop.core.evaluation import Evaluation
from desktop.core.portfolio import Portfolio
from desktop.ui import i18n
from desktop.ui.docks import retranslate_docks
from desktop.ui.i18n import tr
from desktop.ui.operations import Evaluated
from desktop.ui.project_actions import update_title
from desktop.ui.table_data import build_enterprise_table, summary_texts
from desktop.ui.window_parts import WindowParts
from desktop.ui.window_settings import fill_recent_menu


def show_evaluated(
    window: WindowParts, result: Evaluated, source: Path | None, overrides: dict[str, str]
) -> None:
    """A finished evaluation in every view (``overrides``: those it was run with)."""
    evaluation, portfolio = result.evaluation, result.portfolio
    window.results.set_results(evaluation, result.table, result.changes)
    window.params_panel.set_evaluation(evaluation)
    window.scenarios.set_data(portfolio, result.catalogue, source)
    window.scenarios.set_baseline(evaluation.as_of, overrides)
    window.library.set_evaluation(evaluation)
    window.charts.set_results(evaluation, result.table)
    window.quality.set_issues(portfolio.sheet_issues() + portfolio.issues)
    update_banner(window.import_banner, portfolio, evaluation)
    window.institutions.set_evaluation(evaluation)
    if result.changes.cells:
        window.statusBar().showMessage(tr("status.changed", n=len(result.changes.cells)), 15_000)
    window.stack.setCurrentWidget(window.results_page)
    actions = window.actions_
    actions.export.setEnabled(True)
    for action in (actions.reevaluate, actions.compare, actions.brief):
        if action is not None:
            action.setEnabled(True)
    update_summary(window)


def update_banner(
    banner: QLabel, portfolio: Portfolio, evaluation: Evaluation | None = None
) -> None:
    """Invariant breaches of the evaluation first (its totals are a defect, not a result),
    then warnings of the import (sheets found but not used, records without enterprise)."""
    lines = []
    breaches = evaluation.breaches if evaluation is not None else []
    if breaches:
        lang = i18n.language()
        shown = "；".join(html.escape(b.message(lang)) for b in breaches[:3])
        failed = html.escape(tr("invariant.failed", count=len(breaches)))
        lines.append(f'<b style="color:#b91c1c">{failed}</b> {shown}')
    warnings = portfolio.warnings
    if warnings:
        zh = i18n.language() == "zh"
        parts = [w.split(" / ")[0] if zh else w.split(" / ")[-1] for w in warnings]
        items = "；".join(html.escape(p) for p in parts[:4])
        if len(parts) > 4:
            items += f" …（+{len(parts) - 4}）"
        lines.append(tr("banner.unused", items=items))
    if not lines:
        banner.setVisible(False)
        return
    banner.setText("<br>".join(lines))
    banner.setVisible(True)


def update_summary(window: WindowParts) -> None:
    """The status bar's summary of the results (rows shown, hidden measures, issues)."""
    session = window.session
    if session.evaluation is None:
        window.summary_label.setText(tr("status.ready"))
        return
    text, tip = summary_texts(
        window.model.table,
        session.evaluation,
        session.source_label,
        shown_rows=window.proxy.rowCount(),
        hidden_measures=window.results.hidden_measures(),
        issues=session.portfolio.issues if session.portfolio is not None else [],
    )
    window.summary_label.setText(text)
    window.summary_label.setToolTip(tip)


def filter_by_measure(
    window: WindowParts, measure_id: str | None, statuses: frozenset[str]
) -> None:
    """Show only the enterprises with ``statuses`` for ``measure_id`` (None: all); the chip
    in the status bar names the filter (click: clear) and the measure's column shows."""
    window.proxy.set_status_filter(measure_id, statuses)
    chip = window.filter_chip
    if measure_id is None:
        chip.setVisible(False)
    else:
        from desktop.ui.library_data import status_text

        title = measure_id
        catalogue = window.session.catalogue
        if catalogue is not None and measure_id in catalogue.measures:
            title = catalogue.measures[measure_id].measure.name
        status = status_text(statuses, i18n.language())
        chip.setText(tr("filter.chip", measure=title, status=status))
        chip.setToolTip(tr("filter.clear_tip"))
        chip.setVisible(True)
        column = window.model.column_of(measure_id)
        if column is not None:
            window.table_view.setColumnHidden(column, False)
    update_summary(window)


def select(window: WindowParts, position: int, measure_id: str | None = None) -> None:
    """Select the enterprise at ``position`` in the evaluation and a measure's column
    (None: the name column, which explains all measures)."""
    window.results.select(position, measure_id)


def select_uscc(window: WindowParts, uscc: str, measure_id: str | None = None) -> bool:
    """Select an enterprise by credit code; False when it is not in the results."""
    position = window.results.position_of(uscc)
    if position is None:
        return False
    window.results.select(position, measure_id)
    return True


def set_hide_empty_measures(window: WindowParts, hide: bool) -> None:
    """Hide (or show) measure columns for which no enterprise qualifies or lacks data."""
    window.results.set_hide_empty(hide)
    if window.actions_.hide_empty.isChecked() != bool(hide):
        window.actions_.hide_empty.setChecked(bool(hide))
    update_summary(window)


def detail_text(window: WindowParts) -> str:
    return window.detail.toPlainText()


def focus_search(window: WindowParts) -> None:
    window.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
    window.search_edit.selectAll()


def on_search(window: WindowParts, text: str) -> None:
    window.proxy.set_search(text)
    update_summary(window)


def retranslate(window: WindowParts) -> None:
    """Every text of the window in the current language (the results table rebuilt)."""
    update_title(window)
    window.actions_.retranslate()
    window.start_page.retranslate()
    retranslate_docks(window)
    window.progress_strip.retranslate()
    window.search_edit.setPlaceholderText(tr("search.placeholder"))
    window.recent_menu.setTitle(tr("menu.recent"))
    fill_recent_menu(window)
    evaluation = window.session.evaluation
    if evaluation is not None:
        table = build_enterprise_table(evaluation, i18n.language())
        window.results.set_results(evaluation, table)
    else:
        window.results.show_detail(None, None)
    window.results.retranslate_headers()
    update_summary(window)


__all__ = [
    "detail_text",
    "filter_by_measure",
    "focus_search",
    "on_search",
    "retranslate",
    "select",
    "select_uscc",
    "set_hide_empty_measures",
    "show_evaluated",
    "update_banner",
    "update_summary",
]

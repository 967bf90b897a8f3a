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
from desktop.ui.table_data import (
    SCOPE_ALL,
    EnterpriseTable,
    build_enterprise_table,
    missing_data_measures,
    scope_choices,
    scope_measures,
    summary_texts,
    view_state_text,
)
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
    update_banner(window.import_banner, portfolio, result.table, evaluation)
    window.institutions.set_evaluation(evaluation)
    if result.changes.cells:
        window.statusBar().showMessage(tr("status.changed", n=len(result.changes.cells)), 15_000)
    window.stack.setCurrentWidget(window.results_page)
    actions = window.actions_
    actions.export.setEnabled(True)
    for action in (actions.reevaluate, actions.compare, actions.brief):
        if action is not None:
            action.setEnabled(True)
    show_scope_choices(window)
    update_summary(window)


def update_banner(
    banner: QLabel,
    portfolio: Portfolio,
    table: EnterpriseTable | None = None,
    evaluation: Evaluation | None = None,
) -> None:
    """Above the matrix, never hidden by a filter: invariant breaches of the evaluation first
    (its totals are a defect, not a result), then what the import left unused (sheets,
    records without enterprise) and the measures whose total is 0 only because data is
    missing (no enterprise eligible, some 待补), with links to 导入设置 and 数据质量."""
    lines = []
    breaches = evaluation.breaches if evaluation is not None else []
    if breaches:
        lang = i18n.language()
        shown = tr("banner.sep").join(html.escape(b.message(lang)) for b in breaches[:3])
        failed = html.escape(tr("invariant.failed", count=len(breaches)))
        lines.append(f'<b style="color:#b91c1c">{failed}</b> {shown}')
    warnings = portfolio.warnings
    if warnings:
        zh = i18n.language() == "zh"
        parts = [w.split(" / ")[0] if zh else w.split(" / ")[-1] for w in warnings]
        items = tr("banner.sep").join(html.escape(p) for p in parts[:4])
        if len(parts) > 4:
            items += tr("banner.more", n=len(parts) - 4)
        lines.append(tr("banner.unused", items=items))
    waiting = missing_data_measures(table) if table is not None else []
    if waiting:
        names = tr("banner.sep").join(html.escape(t.title) for t in waiting[:3])
        if len(waiting) > 3:
            names += tr("banner.more", n=len(waiting) - 3)
        lines.append(
            tr(
                "banner.missing_data",
                n=len(waiting),
                names=names,
                ents=max(t.unknown for t in waiting),
            )
        )
    banner.setText("<br>".join(lines))
    banner.setVisible(bool(lines))


def update_summary(window: WindowParts) -> None:
    """The status bar's summary of the results (rows shown, hidden measures, issues) and
    the view bar's line on how the matrix is sorted and filtered."""
    session = window.session
    if session.evaluation is None:
        window.summary_label.setText(tr("status.ready"))
        return
    window.view_bar.state.setText(view_state(window))
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


def show_scope_choices(window: WindowParts) -> None:
    """The 措施范围 choices for the data shown (the analyst's pick kept when it still
    exists), applied to the matrix."""
    evaluation = window.session.evaluation
    if evaluation is None:
        return
    bar = window.view_bar
    bar.set_choices(scope_choices(evaluation, i18n.language()), bar.current_key())
    window.results.set_scope(scope_measures(evaluation, bar.current_key()))


def set_measure_scope(window: WindowParts, key: str) -> None:
    """Show the measures of one scope (own regions, all, a region, document or kind)."""
    evaluation = window.session.evaluation
    if evaluation is None:
        return
    if window.view_bar.current_key() != key:
        window.view_bar.select(key)  # emits scope_changed again, which lands here
        return
    window.results.set_scope(scope_measures(evaluation, key))
    update_summary(window)


def reset_view(window: WindowParts) -> None:
    """重置视图: the file's order, no search or measure filter, empty measures hidden, every
    measure in scope."""
    window.search_edit.clear()
    window.filter_by_measure(None, frozenset())
    set_hide_empty_measures(window, True)
    window.table_view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
    window.view_bar.select(SCOPE_ALL)
    set_measure_scope(window, SCOPE_ALL)


def view_state(window: WindowParts) -> str:
    """How the matrix is sorted and filtered now, in words (the view bar's line)."""
    header = window.table_view.horizontalHeader()
    column = header.sortIndicatorSection()
    sort = None
    if 0 <= column < window.model.columnCount():
        title = window.model.headerData(column, Qt.Orientation.Horizontal)
        sort = str(title).split("\n")[0] if title is not None else None
    measure_filter = window.filter_chip.text() if window.filter_chip.isVisible() else None
    return view_state_text(
        sort=sort,
        descending=header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder,
        scope=window.view_bar.current_label(),
        search=window.search_edit.text().strip(),
        measure_filter=measure_filter,
        hide_empty=window.results.hide_empty,
    )


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


def set_technical_details(window: WindowParts, show: bool) -> None:
    """视图 → 技术细节: internal keys in tooltips and the why-pane (or not); the views are
    worded again."""
    from desktop.ui import technical

    technical.set_shown(show)
    retranslate(window)


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
    window.view_bar.retranslate()
    window.search_edit.setPlaceholderText(tr("search.placeholder"))
    window.recent_menu.setTitle(tr("menu.recent"))
    fill_recent_menu(window)
    evaluation = window.session.evaluation
    if evaluation is not None:
        table = build_enterprise_table(evaluation, i18n.language())
        window.results.set_results(evaluation, table)
        show_scope_choices(window)
    else:
        window.results.show_detail(None, None)
    window.results.retranslate_headers()
    update_summary(window)


__all__ = [
    "detail_text",
    "filter_by_measure",
    "focus_search",
    "on_search",
    "reset_view",
    "retranslate",
    "select",
    "select_uscc",
    "set_hide_empty_measures",
    "set_measure_scope",
    "set_technical_details",
    "show_evaluated",
    "show_scope_choices",
    "update_banner",
    "update_summary",
    "view_state",
]

"""Named UI messages in Chinese (default) and English.

A deliberately small stand-in for Qt Linguist: every visible string has a key here, so a later
move to ``.ts`` files is a mechanical rewrite of this table. Keys never appear on screen;
a missing key shows the key itself rather than raising, so a typo cannot crash a menu.
"""

from __future__ import annotations

from collections.abc import Callable

LANGUAGES = ("zh", "en")
_language = "zh"
_listeners: list[Callable[[str], None]] = []

MESSAGES: dict[str, tuple[str, str]] = {
    # window and menus
    "app.title": ("科创金融政策测算台", "PolicyDesk — sci-tech finance policy calculator"),
    "menu.file": ("文件(&F)", "&File"),
    "menu.view": ("视图(&V)", "&View"),
    "menu.language": ("语言", "Language"),
    "menu.help": ("帮助(&H)", "&Help"),
    "action.open": ("打开…", "Open…"),
    "action.open_sample": ("打开示例数据", "Open sample data"),
    "action.export": ("导出结果…", "Export results…"),
    "action.quit": ("退出", "Quit"),
    "action.about": ("关于", "About"),
    "lang.zh": ("中文", "中文 (Chinese)"),
    "lang.en": ("English（英文）", "English"),
    # toolbar and panes
    "toolbar.main": ("主工具栏", "Main toolbar"),
    "label.as_of": ("测算基准日", "As-of date"),
    "tip.as_of": (
        "按此日期判断政策是否有效、取用当日参数与LPR；修改后自动重新测算",
        "Policies in force, parameters and LPR are taken on this date; changing it re-runs",
    ),
    "search.placeholder": ("搜索企业名称或统一社会信用代码", "Search name or credit code"),
    "pane.totals": ("按措施汇总", "Totals by measure"),
    "pane.detail": ("测算依据", "Why"),
    "detail.empty": (
        "选择一家企业查看测算依据。选中某一措施列只看该措施，选中企业名称列看全部措施。",
        "Select an enterprise to see why. Select a measure column for one measure, the name "
        "column for all measures.",
    ),
    "welcome": (
        "打开企业名单（.xlsx / .xls / .csv），或把文件拖到此窗口；也可以先看示例数据。",
        "Open an enterprise list (.xlsx / .xls / .csv) or drop it on this window, "
        "or try the sample data.",
    ),
    # table
    "col.uscc": ("统一社会信用代码", "Credit code"),
    "col.name": ("企业名称", "Enterprise"),
    "col.district": ("注册区", "District"),
    "totals.measure": ("措施", "Measure"),
    "totals.document": ("文件及条款", "Document and article"),
    "totals.eligible": ("符合（家）", "Eligible"),
    "totals.unknown": ("待补数据（家）", "Missing data"),
    "totals.ineligible": ("不符合（家）", "Not eligible"),
    "totals.amount": ("测算金额（元）", "Amount (yuan)"),
    "article": ("第{article}条", "art. {article}"),
    # status bar
    "status.ready": ("就绪", "Ready"),
    "status.summary": (
        "{file} · 企业 {n} 家 · 至少符合一项 {eligible} 家 · 待补数据 {unknown} 家 · "
        "测算总额 {amount} · 基准日 {as_of}",
        "{file} · {n} enterprises · {eligible} eligible for at least one · "
        "{unknown} missing data · total {amount} · as of {as_of}",
    ),
    "status.issues": (
        "数据提示 {n} 条（鼠标停留查看，完整清单见导出文件）",
        "{n} data-quality notes (hover to see; full list in the export)",
    ),
    "status.measures": ("显示 {shown} / {n} 项措施", "{shown} of {n} measures shown"),
    "action.hide_empty": (
        "隐藏无企业符合的措施列",
        "Hide measures no enterprise qualifies for",
    ),
    "action.hide_empty.short": ("只看有结果的措施", "Relevant measures only"),
    "tip.hide_empty": (
        "隐藏所有企业均为“不符合”的措施列；按措施汇总表仍列出全部措施",
        "Hide measure columns where every enterprise is not eligible; totals still list all",
    ),
    "status.filtered": ("显示 {shown} / {n} 家", "showing {shown} of {n}"),
    "status.exported": ("已导出：{path}", "Exported: {path}"),
    "button.cancel": ("取消", "Cancel"),
    "job.loading": ("正在读取 {file}…", "Reading {file}…"),
    "job.evaluating": ("正在测算…", "Evaluating…"),
    "job.exporting": ("正在导出…", "Exporting…"),
    "job.cancelled": ("已取消", "Cancelled"),
    "unsaved.sample": ("示例数据", "sample data"),
    "unsaved.portfolio": ("未命名名单", "untitled list"),
    # dialogs
    "dialog.open": ("打开企业名单", "Open enterprise list"),
    "dialog.open_filter": (
        "企业名单 (*.xlsx *.xls *.csv);;所有文件 (*)",
        "Enterprise lists (*.xlsx *.xls *.csv);;All files (*)",
    ),
    "dialog.export": ("导出测算结果", "Export results"),
    "dialog.export_filter": ("Excel 工作簿 (*.xlsx)", "Excel workbook (*.xlsx)"),
    "dialog.export_suffix": ("测算结果", "results"),
    "error.title": ("无法完成", "Cannot complete"),
    "error.unexpected": (
        "发生了意外错误，操作未完成。详细信息已记入日志：{log}\n请把日志发给技术支持。",
        "Something unexpected went wrong and the operation did not finish. Details were "
        "logged to {log}. Please send the log to support.",
    ),
    "error.no_sample": ("找不到示例数据：{path}", "Sample data not found: {path}"),
    "error.no_evaluation": ("还没有测算结果可导出。请先打开企业名单。", "Nothing to export yet."),
    "error.unsupported": (
        "不支持的文件类型：{name}。请使用 .xlsx、.xls 或 .csv。",
        "Unsupported file type: {name}. Use .xlsx, .xls or .csv.",
    ),
    "error.export_missing": (
        "此版本尚未包含 Excel 导出功能。",
        "This build does not include the Excel export yet.",
    ),
    "about.title": ("关于 PolicyDesk", "About PolicyDesk"),
    "about.text": (
        "<b>科创金融政策测算台</b> PolicyDesk {version}<br>"
        "离线测算企业可享受的科创金融支持措施及补贴金额。<br>"
        "所有计算在本机完成，不联网。标注【假设】的参数为政策原文未给出数值时的默认取值，"
        "请按实施细则核对。<br><br>界面字体：文泉驿微米黑（Apache License 2.0）。",
        "<b>PolicyDesk</b> {version}<br>"
        "Offline eligibility and subsidy calculator for sci-tech finance measures.<br>"
        "Everything runs on this computer. Parameters marked [assumption] are defaults where "
        "the policy text gives no number; check them against the implementing rules.<br><br>"
        "UI font: WenQuanYi Micro Hei (Apache License 2.0).",
    ),
    # detail pane
    "detail.status": ("结论", "Status"),
    "detail.amount": ("测算金额", "Amount"),
    "detail.reasons": ("判断依据", "Reasons"),
    "detail.missing": ("待补字段", "Missing fields"),
    "detail.records": ("逐笔明细", "Records"),
    "detail.record": ("记录", "Record"),
    "detail.year": ("年度", "Year"),
    "detail.capped": ("封顶", "Capped by"),
    "detail.source": ("政策出处", "Policy source"),
    "detail.params": ("所用参数", "Parameters used"),
    "detail.assumption": ("【假设】", "[assumption]"),
    "detail.param_source": ("来源", "source"),
    "detail.overridden": ("【用户设定】", "[set by user]"),
    "detail.as_of": ("测算基准日 {as_of}", "As of {as_of}"),
    "detail.all_measures": ("全部措施", "All measures"),
    "detail.counts": (
        "符合 {eligible} 项，待补数据 {unknown} 项，不符合 {ineligible} 项",
        "{eligible} eligible, {unknown} missing data, {ineligible} not eligible",
    ),
    "detail.ineligible": ("不符合的措施（{n} 项）", "Not eligible ({n} measures)"),
    "detail.error": ("无法显示测算依据：{error}", "Cannot show the explanation: {error}"),
    # projects, autosave, recent files
    "action.open_project": ("打开项目…", "Open project…"),
    "action.save_project": ("保存项目", "Save project"),
    "action.save_project_as": ("项目另存为…", "Save project as…"),
    "menu.recent": ("最近打开", "Open recent"),
    "recent.empty": ("（无）", "(none)"),
    "recent.clear": ("清除列表", "Clear list"),
    "error.recent_missing": ("文件已不存在：{path}", "The file no longer exists: {path}"),
    "dialog.open_project": ("打开项目", "Open project"),
    "dialog.save_project": ("保存项目", "Save project"),
    "dialog.project_filter": (
        "PolicyDesk 项目 (*.pdesk);;所有文件 (*)",
        "PolicyDesk projects (*.pdesk);;All files (*)",
    ),
    "status.project_saved": ("项目已保存：{path}", "Project saved: {path}"),
    "error.project_no_input": (
        "请先打开一个企业名单文件，再保存项目。",
        "Open an enterprise list from a file before saving a project.",
    ),
    "error.project_input_missing": (
        "找不到项目所用的企业名单：{path}",
        "The project's enterprise list is missing: {path}",
    ),
    "dialog.input_changed": ("企业名单已变化", "Enterprise list changed"),
    "warn.input_changed": (
        "保存项目后，企业名单文件已被修改：\n{path}\n将按文件的当前内容重新测算，结果可能与保存时不同。",
        "The enterprise list changed since the project was saved:\n{path}\n"
        "It will be evaluated as it is now; results may differ from before.",
    ),
    "dialog.recover": ("恢复上次的工作", "Recover the last session"),
    "ask.recover": (
        "上次未正常退出。是否恢复自动保存的工作？\n企业名单：{file}\n测算基准日：{as_of}\n"
        "已修改参数：{n} 项",
        "PolicyDesk did not exit cleanly last time. Restore the autosaved session?\n"
        "Enterprise list: {file}\nAs-of date: {as_of}\nChanged parameters: {n}",
    ),
    # parameters screen
    "params.title": ("参数", "Parameters"),
    "action.params": ("参数(&P)", "&Parameters"),
    "tip.params": (
        "查看和修改各项措施的比例、上限等参数；修改后自动重新测算",
        "View and change ratios, caps and other parameters; results re-run automatically",
    ),
    "params.col.name": ("参数", "Parameter"),
    "params.col.value": ("当前值", "Value"),
    "params.col.unit": ("单位", "Unit"),
    "params.col.mark": ("标记", "Flag"),
    "params.col.default": ("默认值", "Default"),
    "params.col.reset": ("", ""),
    "params.col.basis": ("来源与说明", "Source and note"),
    "params.unset": ("未设定", "not set"),
    "params.reset": ("恢复默认", "Reset"),
    "params.reset.tip": ("撤销此项修改，恢复政策库中的默认值", "Undo this change"),
    "params.reset_all": ("全部恢复默认", "Reset all"),
    "params.reset_all.tip": (
        "撤销所有参数修改，恢复政策库中的默认值",
        "Undo every parameter change and use the catalogue's values",
    ),
    "params.default_was": ("默认值：{value}", "Default: {value}"),
    "params.count": ("共 {n} 项参数，已修改 {changed} 项", "{n} parameters, {changed} changed"),
    "params.running": ("正在按新参数重新测算…", "Re-evaluating with the new parameters…"),
    "params.invalid": ("“{label}”输入无效：{message}", "Invalid value for “{label}”: {message}"),
    "params.unknown": ("没有参数 {key}", "No parameter {key}"),
    "params.no_evaluation": ("请先打开企业名单", "Open an enterprise list first"),
    "params.hint.ratio": ("按百分比输入，如 40 或 40%", "Enter a percentage, e.g. 40 or 40%"),
    "params.hint.yuan": ("金额（元），如 500,000", "Amount in yuan, e.g. 500,000"),
    "params.hint.usd": ("金额（美元），如 10,000,000", "Amount in US dollars, e.g. 10,000,000"),
    "params.hint.bp": ("基点，如 100", "Basis points, e.g. 100"),
    "params.hint.count": ("整数，如 360", "A whole number, e.g. 360"),
    "params.hint.multiple": ("倍数，如 1.4", "A multiple, e.g. 1.4"),
    "params.hint.date": ("日期，如 2025-01-01", "A date, e.g. 2025-01-01"),
    "changed.tip": ("原 {old} → 现 {new}", "was {old} → now {new}"),
    "status.changed": (
        "参数修改后有 {n} 个数字变化（已加粗标出）",
        "{n} figures changed after the parameter change (shown in bold)",
    ),
}


def language() -> str:
    return _language


def set_language(lang: str) -> None:
    """Switch the UI language; listeners (open windows) retranslate themselves."""
    global _language
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose from {LANGUAGES}")
    if lang == _language:
        return
    _language = lang
    for listener in list(_listeners):
        listener(lang)


def on_language_changed(listener: Callable[[str], None]) -> Callable[[], None]:
    """Call ``listener(lang)`` after each switch; returns a function that unsubscribes."""
    _listeners.append(listener)

    def remove() -> None:
        if listener in _listeners:
            _listeners.remove(listener)

    return remove


def tr(key: str, **values: object) -> str:
    """The message ``key`` in the current language, with ``{name}`` placeholders filled."""
    pair = MESSAGES.get(key)
    if pair is None:
        return key
    text = pair[1] if _language == "en" else pair[0]
    if not values:
        return text
    try:
        return text.format(**values)
    except (KeyError, IndexError, ValueError):
        return text


__all__ = ["LANGUAGES", "MESSAGES", "language", "on_language_changed", "set_language", "tr"]

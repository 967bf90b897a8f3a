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


MESSAGES.update(
    {
        # import dialog
        "action.import_settings": ("导入设置…", "Import settings…"),
        "tip.import_settings": (
            "查看并调整当前文件的工作表、表头与列映射，保存为映射方案",
            "Review sheets, headers and the column mapping of the current file; save a profile",
        ),
        "import.title": ("导入设置 — {file}", "Import settings — {file}"),
        "import.intro": (
            "文件：{path}　请核对各表所用的工作表与列映射（黄色为不确定的匹配），确认后再测算。",
            "File: {path}. Check the sheet and column mapping of each table (amber: uncertain) "
            "before evaluating.",
        ),
        "import.sheet": ("工作表", "Sheet"),
        "import.header_rows": ("表头行", "Header rows"),
        "import.header_rows_value": ("第 {rows} 行（自动识别）", "row {rows} (detected)"),
        "import.sheet_changed": (
            "已更换工作表：点击“重新识别”以按新工作表映射列",
            "Sheet changed: click Re-detect to map the new sheet's columns",
        ),
        "import.missing": ("缺少必填字段：{fields}", "Required fields missing: {fields}"),
        "import.cannot": (
            "{table}缺少必填字段，无法导入",
            "The {table} table lacks required fields; cannot import",
        ),
        "import.ready": (
            "识别到企业 {n} 家；确定后按此映射读取并测算",
            "{n} enterprises found; OK reads and evaluates with this mapping",
        ),
        "import.redetect_hint": (
            "工作表已更改，可先“重新识别”查看映射；确定则按新工作表读取",
            "Sheets changed: Re-detect to review, or OK to read with the new sheets",
        ),
        "import.reading": ("正在读取…", "Reading…"),
        "import.profiles": ("映射方案", "Mapping profile"),
        "import.load_profile": ("套用", "Apply"),
        "import.save_profile": ("另存为方案…", "Save as profile…"),
        "import.profile_name": ("方案名称", "Profile name"),
        "import.profile_saved": ("已保存映射方案：{path}", "Profile saved: {path}"),
        "import.redetect": ("重新识别", "Re-detect"),
        "tip.redetect": (
            "按当前选择的工作表与映射重新读取文件并刷新数据提示",
            "Re-read the file with the chosen sheets and mapping and refresh the issues",
        ),
        "error.profile_save": ("无法保存映射方案：{error}", "Cannot save the profile: {error}"),
        "map.letter": ("列", "Col"),
        "map.header": ("表头", "Header"),
        "map.field": ("字段", "Field"),
        "map.confidence": ("置信度", "Confidence"),
        "map.unit": ("单位", "Unit"),
        "map.source": ("匹配方式", "Matched by"),
        "map.hidden": ("（隐藏）", "(hidden)"),
        "map.source.label": ("字段名", "label"),
        "map.source.synonym": ("同义词", "synonym"),
        "map.source.fuzzy": ("近似", "similar"),
        "map.source.profile": ("人工/方案", "manual/profile"),
        "map.source.none": ("未使用", "not used"),
        "tip.map_uncertain": (
            "近似匹配，请确认或在“字段”列改选",
            "A similar-looking match: confirm it or pick another field",
        ),
        # data quality
        "quality.title": ("数据质量", "Data quality"),
        "quality.none": ("没有数据提示", "No data-quality issues"),
        "quality.count": (
            "共 {n} 条数据提示（错误 {errors}，警告 {warnings}）",
            "{n} issues ({errors} errors, {warnings} warnings)",
        ),
        "action.quality": ("数据质量", "Data quality"),
        "tip.quality": ("读取文件时发现的全部数据问题", "Every data issue found while reading"),
        "issue.severity": ("级别", "Level"),
        "issue.sheet": ("工作表", "Sheet"),
        "issue.row": ("行", "Row"),
        "issue.column": ("列", "Col"),
        "issue.value": ("原值", "Value"),
        "issue.message": ("说明", "Message"),
        "issue.action": ("处理", "Action"),
        # policy library
        "library.title": ("政策库", "Policy library"),
        "action.library": ("政策库", "Policy library"),
        "tip.library": (
            "政策文件、条款、措施与测试用例",
            "Documents, clauses, measures, test cases",
        ),
        "library.pick": ("在左侧选择文件、条款或措施", "Pick a document, article or measure"),
        "library.col.title": ("文件 / 条款 / 措施", "Document / article / measure"),
        "library.col.kind": ("类型", "Kind"),
        "library.col.tags": ("标签", "Tags"),
        "filter.chip": ("筛选：{measure} · {status}　✕", "Filter: {measure} · {status}  ✕"),
        "filter.clear_tip": ("点击清除筛选", "Click to clear the filter"),
        "library.search": ("全文搜索条款…", "Search all clauses…"),
        "library.hits": (
            "命中企业：符合 {eligible} 家，待补数据 {unknown} 家",
            "Enterprises: {eligible} eligible, {unknown} need data",
        ),
        "library.no_evaluation": (
            "打开企业名单后显示命中企业",
            "Open an enterprise list to see hits",
        ),
        "library.show_eligible": ("在企业表中筛选符合的企业", "Filter the table: eligible"),
        "library.show_unknown": ("筛选待补数据的企业", "Filter the table: needs data"),
        # charts
        "charts.title": ("图表", "Charts"),
        "action.charts": ("图表", "Charts"),
        "tip.charts": ("按措施、按区汇总与状态分布", "Totals by measure, by district, status"),
        "charts.by_measure": ("按措施汇总", "By measure"),
        "charts.by_district": ("按区汇总", "By district"),
        "charts.status": ("状态分布", "Status distribution"),
        "charts.copy": ("复制图片", "Copy image"),
        "charts.save": ("另存为 PNG…", "Save as PNG…"),
        "charts.saved": ("图表已保存：{path}", "Chart saved: {path}"),
        "charts.copied": ("图表已复制到剪贴板", "Chart copied to the clipboard"),
        "charts.empty": ("打开企业名单后显示图表", "Open an enterprise list to see charts"),
    }
)


MESSAGES.update(
    {
        # start page
        "start.subtitle": (
            "离线测算企业可享受的科创金融支持措施与补贴金额。打开企业名单（.xlsx / .xls / .csv）"
            "或项目文件，也可以把文件拖到此窗口。",
            "Offline eligibility and subsidy calculator for sci-tech finance measures. Open an "
            "enterprise list (.xlsx / .xls / .csv) or a project, or drop a file on this window.",
        ),
        "start.open": ("打开企业名单…", "Open enterprise list…"),
        "start.open.tip": (
            "选择 Excel 或 CSV 企业名单并测算（Ctrl+O）",
            "Choose an Excel or CSV enterprise list and evaluate it (Ctrl+O)",
        ),
        "start.sample": ("打开示例数据", "Open sample data"),
        "start.sample.tip": (
            "用随附的示例企业名单试用全部功能",
            "Try every feature with the bundled sample list",
        ),
        "start.project": ("打开项目…", "Open project…"),
        "start.project.tip": (
            "打开保存过的 .pdesk 项目：名单、参数、列映射与情景（Ctrl+Shift+O）",
            "Open a saved .pdesk project: list, parameters, mapping and scenarios (Ctrl+Shift+O)",
        ),
        "start.recent_projects": ("最近的项目", "Recent projects"),
        "start.recent_files": ("最近的企业名单", "Recent enterprise lists"),
        "start.none": ("暂无记录", "Nothing yet"),
        "start.drop_hint": (
            "提示：把 .xlsx / .xls / .csv / .pdesk 文件拖到窗口任意位置即可打开。",
            "Tip: drop an .xlsx / .xls / .csv / .pdesk file anywhere on the window to open it.",
        ),
        "recent.col.name": ("名称", "Name"),
        "recent.col.folder": ("所在文件夹", "Folder"),
        "recent.col.opened": ("上次打开", "Last opened"),
        "recent.missing": ("文件已不存在：{path}", "The file no longer exists: {path}"),
        "recent.open_tip": ("{path}\n单击或按回车打开", "{path}\nClick or press Enter to open"),
        "recent.today": ("今天 {time}", "today {time}"),
        "recent.yesterday": ("昨天 {time}", "yesterday {time}"),
        "recent.unknown": ("—", "—"),
        # export dialog
        "export.title": ("导出测算结果", "Export results"),
        "export.target": ("保存到", "Save to"),
        "export.browse": ("浏览…", "Browse…"),
        "export.browse.tip": ("选择结果工作簿的保存位置", "Choose where to save the workbook"),
        "export.include": ("导出内容", "Include"),
        "export.workbook": (
            "Excel 结果工作簿（必选；含公式、参数与依据）",
            "Excel result workbook (always; formulas, parameters and sources)",
        ),
        "export.csv": ("CSV 文件（另存到文件夹 {name}）", "CSV files (in the folder {name})"),
        "export.json": ("JSON 结果文档（{name}）", "JSON result document ({name})"),
        "export.brief": (
            "简报：PDF 与图表 PNG（另存到文件夹 {name}）",
            "Briefing pack: PDF and chart PNGs (in the folder {name})",
        ),
        "export.open_folder": ("完成后打开所在文件夹", "Open the folder when done"),
        "export.start": ("导出", "Export"),
        "export.close": ("关闭", "Close"),
        "export.ready": ("选择导出内容后点击“导出”。", "Choose what to include, then Export."),
        "export.done": ("已导出 {n} 个文件到 {folder}", "Wrote {n} files to {folder}"),
        "export.same_as_input": (
            "不能把结果保存为输入文件本身：\n{path}\n请换一个文件名。",
            "The results cannot replace the input file:\n{path}\nChoose another name.",
        ),
        "export.no_target": ("请填写结果工作簿的保存位置。", "Enter where to save the workbook."),
        "export.replace": ("文件已存在", "File exists"),
        "export.replace.ask": (
            "{path}\n已存在。是否替换？",
            "{path}\nalready exists. Replace it?",
        ),
        "job.csv": ("正在写出 CSV…", "Writing CSV…"),
        "job.json": ("正在写出 JSON…", "Writing JSON…"),
        "job.brief": ("正在生成简报…", "Building the briefing pack…"),
        "export.csv_folder": ("{stem}_CSV", "{stem}_CSV"),
        "export.brief_folder": ("{stem}_简报", "{stem}_brief"),
        # scenarios
        "scenarios.title": ("情景", "Scenarios"),
        "action.scenarios": ("情景对比", "Scenarios"),
        "tip.scenarios": (
            "基准与备选情景（参数、基准日、措施范围）并排对比，生成简报",
            "Baseline and alternatives (parameters, as-of, measures) side by side; briefing pack",
        ),
        "scenario.baseline": ("基准", "Baseline"),
        "scenario.baseline_label": ("基准（当前参数）", "Baseline (current parameters)"),
        "scenario.new_name": ("情景{n}", "Scenario {n}"),
        "scenario.copy_name": ("{name} 副本", "{name} copy"),
        "scenario.add": ("新建", "New"),
        "scenario.add.tip": (
            "以当前参数为起点新建一个备选情景",
            "New alternative starting from the current parameters",
        ),
        "scenario.duplicate": ("复制", "Duplicate"),
        "scenario.duplicate.tip": ("复制所选情景", "Duplicate the selected scenario"),
        "scenario.rename": ("重命名", "Rename"),
        "scenario.rename.tip": ("重命名所选情景（F2）", "Rename the selected scenario (F2)"),
        "scenario.delete": ("删除", "Delete"),
        "scenario.delete.tip": ("删除所选备选情景", "Delete the selected alternative"),
        "scenario.compare": ("对比", "Compare"),
        "scenario.compare.tip": (
            "在后台测算勾选的情景并并排列出结果（F9）",
            "Evaluate the ticked scenarios in the background and lay them side by side (F9)",
        ),
        "scenario.brief": ("生成简报…", "Briefing pack…"),
        "scenario.brief.tip": (
            "为勾选的情景生成简报（PDF、图表 PNG 与结果工作簿）到所选文件夹",
            "Write the briefing pack (PDF, chart PNGs, workbook) for the ticked scenarios",
        ),
        "scenario.list": ("情景列表", "Scenario list"),
        "scenario.list.tip": (
            "勾选参与对比的情景；双击名称可重命名",
            "Tick the scenarios to compare; double-click a name to rename",
        ),
        "scenario.name": ("名称", "Name"),
        "scenario.as_of": ("测算基准日", "As-of date"),
        "scenario.measures": ("措施范围", "Measures"),
        "scenario.all_measures": ("全部措施", "All measures"),
        "scenario.some_measures": ("{n} / {total} 项措施", "{n} of {total} measures"),
        "scenario.select_all": ("全选", "Select all"),
        "scenario.params": ("参数（与政策库默认值不同的为修改项）", "Parameters (changes in blue)"),
        "scenario.overrides": ("已修改参数 {n} 项", "changed parameters: {n}"),
        "scenario.summary": (
            "基准日 {as_of} · 已修改参数 {n} 项 · {measures}",
            "as of {as_of} · changed parameters: {n} · {measures}",
        ),
        "scenario.baseline_note": (
            "基准情景即窗口当前的参数与基准日；请在“参数”面板和工具栏中修改。",
            "The baseline is the window's current parameters and as-of date; change them in "
            "the Parameters panel and the toolbar.",
        ),
        "scenario.settings": ("情景设置", "Settings"),
        "scenario.tab.measure": ("按措施", "By measure"),
        "scenario.tab.institution": ("按机构", "By institution"),
        "scenario.tab.district": ("按注册区", "By district"),
        "scenario.tab.funding": ("按资金层级", "By funding level"),
        "scenario.tab.enterprises": ("企业增减", "Enterprise changes"),
        "scenario.not_compared": (
            "点击“对比”测算勾选的情景。",
            "Click Compare to evaluate the ticked scenarios.",
        ),
        "scenario.stale": (
            "情景已修改，结果可能已过时，请重新“对比”。",
            "Scenarios changed since; Compare again for current figures.",
        ),
        "scenario.compared": (
            "对比 {names}（{time}）",
            "Compared {names} ({time})",
        ),
        "scenario.totals": ("合计：{parts}", "Total: {parts}"),
        "scenario.no_changes": ("没有企业的测算金额发生变化。", "No enterprise's amount changed."),
        "scenario.changes": (
            "{alt}：金额增加 {up} 户，减少 {down} 户（企业为受益方的措施）",
            "{alt}: {up} enterprises gain, {down} lose (measures paid to enterprises)",
        ),
        "scenario.need_data": ("请先打开企业名单。", "Open an enterprise list first."),
        "scenario.no_measures": (
            "情景“{name}”没有选择任何措施。",
            "Scenario “{name}” has no measures selected.",
        ),
        "scenario.duplicate_name": (
            "已有名为“{name}”的情景。",
            "A scenario named “{name}” already exists.",
        ),
        "scenario.empty_name": ("情景名称不能为空。", "A scenario needs a name."),
        "scenario.delete.ask": ("删除情景“{name}”？", "Delete the scenario “{name}”?"),
        "scenario.brief_folder": ("选择简报保存文件夹", "Choose a folder for the briefing pack"),
        "scenario.brief_done": ("简报已生成：{path}", "Briefing pack written: {path}"),
        "job.comparing": ("正在对比情景…", "Comparing scenarios…"),
        "job.comparing_one": ("正在测算情景“{name}”…", "Evaluating “{name}”…"),
        "col.delta": ("变化（{name}）", "Change ({name})"),
        "col.delta_short": ("变化", "Change"),
        "list.separator": ("、", ", "),
        "col.measure": ("措施", "Measure"),
        "col.document": ("文件", "Document"),
        "col.funding": ("资金层级", "Funding level"),
        "col.institution": ("机构", "Institution"),
        "funding.city": ("市级", "City"),
        "funding.district": ("区级", "District"),
        "funding.unspecified": ("文件未写明", "Not stated"),
        "error.brief_into_input": (
            "简报文件夹中的结果会覆盖输入文件：{path}",
            "The briefing pack would overwrite the input file: {path}",
        ),
        # more actions and shortcuts
        "action.reevaluate": ("重新测算", "Re-evaluate"),
        "tip.reevaluate": (
            "按当前名单、参数与基准日重新测算（F5）",
            "Run the evaluation again with the current list, parameters and date (F5)",
        ),
        "tip.open": ("打开企业名单（Ctrl+O）", "Open an enterprise list (Ctrl+O)"),
        "tip.open_sample": ("打开随附的示例数据", "Open the bundled sample data"),
        "tip.export": (
            "导出结果工作簿，可选 CSV、JSON 与简报（Ctrl+E）",
            "Export the workbook, optionally CSV, JSON and the briefing pack (Ctrl+E)",
        ),
        "action.brief": ("生成简报…", "Briefing pack…"),
        "tip.brief": (
            "为基准与勾选的情景生成简报（Ctrl+B）",
            "Briefing pack for the baseline and the ticked scenarios (Ctrl+B)",
        ),
        "menu.scenarios": ("情景(&S)", "&Scenarios"),
    }
)


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


def tr(key: str, /, **values: object) -> str:
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

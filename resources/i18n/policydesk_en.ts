<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
    <context>
        <name>PolicyDesk</name>
        <message>
            <source>about.text</source>
            <extracomment>&lt;b&gt;科创金融政策测算台&lt;/b&gt; PolicyDesk {version}&lt;br&gt;离线测算企业可享受的科创金融支持措施及补贴金额。&lt;br&gt;所有计算在本机完成，不联网。标注【假设】的参数为政策原文未给出数值时的默认取值，请按实施细则核对。&lt;br&gt;&lt;br&gt;界面字体：文泉驿微米黑（Apache License 2.0）。</extracomment>
            <translation>&lt;b&gt;PolicyDesk&lt;/b&gt; {version}&lt;br&gt;Offline eligibility and subsidy calculator for sci-tech finance measures.&lt;br&gt;Everything runs on this computer. Parameters marked [assumption] are defaults where the policy text gives no number; check them against the implementing rules.&lt;br&gt;&lt;br&gt;UI font: WenQuanYi Micro Hei (Apache License 2.0).</translation>
        </message>
        <message>
            <source>about.title</source>
            <extracomment>关于 PolicyDesk</extracomment>
            <translation>About PolicyDesk</translation>
        </message>
        <message>
            <source>action.about</source>
            <extracomment>关于</extracomment>
            <translation>About</translation>
        </message>
        <message>
            <source>action.brief</source>
            <extracomment>生成简报…</extracomment>
            <translation>Briefing pack…</translation>
        </message>
        <message>
            <source>action.charts</source>
            <extracomment>图表</extracomment>
            <translation>Charts</translation>
        </message>
        <message>
            <source>action.export</source>
            <extracomment>导出结果…</extracomment>
            <translation>Export results…</translation>
        </message>
        <message>
            <source>action.hide_empty</source>
            <extracomment>隐藏无企业符合的措施列</extracomment>
            <translation>Hide measures no enterprise qualifies for</translation>
        </message>
        <message>
            <source>action.hide_empty.short</source>
            <extracomment>只看有结果的措施</extracomment>
            <translation>Relevant measures only</translation>
        </message>
        <message>
            <source>action.import_settings</source>
            <extracomment>导入设置…</extracomment>
            <translation>Import settings…</translation>
        </message>
        <message>
            <source>action.institutions</source>
            <extracomment>机构补偿与机构考核</extracomment>
            <translation>Institutions</translation>
        </message>
        <message>
            <source>action.library</source>
            <extracomment>政策库</extracomment>
            <translation>Policy library</translation>
        </message>
        <message>
            <source>action.open</source>
            <extracomment>打开…</extracomment>
            <translation>Open…</translation>
        </message>
        <message>
            <source>action.open_project</source>
            <extracomment>打开项目…</extracomment>
            <translation>Open project…</translation>
        </message>
        <message>
            <source>action.open_sample</source>
            <extracomment>打开示例数据</extracomment>
            <translation>Open sample data</translation>
        </message>
        <message>
            <source>action.params</source>
            <extracomment>参数(&amp;P)</extracomment>
            <translation>&amp;Parameters</translation>
        </message>
        <message>
            <source>action.quality</source>
            <extracomment>数据质量</extracomment>
            <translation>Data quality</translation>
        </message>
        <message>
            <source>action.quit</source>
            <extracomment>退出</extracomment>
            <translation>Quit</translation>
        </message>
        <message>
            <source>action.reevaluate</source>
            <extracomment>重新测算</extracomment>
            <translation>Re-evaluate</translation>
        </message>
        <message>
            <source>action.save_project</source>
            <extracomment>保存项目</extracomment>
            <translation>Save project</translation>
        </message>
        <message>
            <source>action.save_project_as</source>
            <extracomment>项目另存为…</extracomment>
            <translation>Save project as…</translation>
        </message>
        <message>
            <source>action.scenarios</source>
            <extracomment>情景对比</extracomment>
            <translation>Scenarios</translation>
        </message>
        <message>
            <source>action.technical</source>
            <extracomment>显示技术细节（内部编号）</extracomment>
            <translation>Show technical details (internal keys)</translation>
        </message>
        <message>
            <source>app.title</source>
            <extracomment>科创金融政策测算台</extracomment>
            <translation>PolicyDesk — sci-tech finance policy calculator</translation>
        </message>
        <message>
            <source>article</source>
            <extracomment>第{article}条</extracomment>
            <translation>art. {article}</translation>
        </message>
        <message>
            <source>ask.keep_params</source>
            <extracomment>当前有 {n} 项参数不是默认值。打开新的数据后保留这些修改，还是恢复默认值？</extracomment>
            <translation>{n} parameters differ from their defaults. Keep these changes for the new data, or go back to the defaults?</translation>
        </message>
        <message>
            <source>ask.recover</source>
            <extracomment>上次未正常退出。是否恢复自动保存的工作？
企业名单：{file}
测算基准日：{as_of}
已修改参数：{n} 项</extracomment>
            <translation>PolicyDesk did not exit cleanly last time. Restore the autosaved session?
Enterprise list: {file}
As-of date: {as_of}
Changed parameters: {n}</translation>
        </message>
        <message>
            <source>banner.missing_data</source>
            <extracomment>{n} 项措施合计为0只因缺少数据或参数未设定（最多 {ents} 家待补）：{names}（见 &lt;a href='quality'&gt;数据质量&lt;/a&gt;）</extracomment>
            <translation>{n} measures total 0 only because data is missing or a parameter is not set (up to {ents} enterprises undecided): {names} (see &lt;a href='quality'&gt;Data quality&lt;/a&gt;)</translation>
        </message>
        <message>
            <source>banner.more</source>
            <extracomment> …（另 {n} 项）</extracomment>
            <translation> … (+{n} more)</translation>
        </message>
        <message>
            <source>banner.sep</source>
            <extracomment>；</extracomment>
            <translation>; </translation>
        </message>
        <message>
            <source>banner.unused</source>
            <extracomment>导入提示：有数据未被使用——{items}（见 &lt;a href='import'&gt;导入设置&lt;/a&gt;、&lt;a href='quality'&gt;数据质量&lt;/a&gt;）</extracomment>
            <translation>Import: some data was not used — {items} (see &lt;a href='import'&gt;Import settings&lt;/a&gt;, &lt;a href='quality'&gt;Data quality&lt;/a&gt;)</translation>
        </message>
        <message>
            <source>basis.ceiling</source>
            <extracomment>按上限估算【假设】：文件只规定上限（“最高”“不超过”），此金额是上限估算，不是应付金额</extracomment>
            <translation>Estimated at the ceiling [assumption]: the text sets only a ceiling (“up to”, “not more than”); this amount is an estimate at the ceiling, not the amount due</translation>
        </message>
        <message>
            <source>basis.ceiling.short</source>
            <extracomment>按上限估算【假设】</extracomment>
            <translation>Ceiling estimate [assumption]</translation>
        </message>
        <message>
            <source>basis.computed.short</source>
            <extracomment>按文件规则测算</extracomment>
            <translation>Computed by the text's rule</translation>
        </message>
        <message>
            <source>basis.requested</source>
            <extracomment>申请金额，非核定金额：金额为申请方所填（以文件上限封顶），实际金额由主管部门核定</extracomment>
            <translation>Amount requested, not granted: the applicant's figure (capped at the text's ceiling); the competent authority sets the actual amount</translation>
        </message>
        <message>
            <source>basis.requested.short</source>
            <extracomment>申请金额，非核定金额</extracomment>
            <translation>Requested, not granted</translation>
        </message>
        <message>
            <source>basis.time</source>
            <extracomment>时间口径：金额为截至测算基准日 {as_of} 已发生期间的支持（利息、保费和计息天数均不计基准日之后；措施是否施行按各记录自身日期判断；每年上限按支持所属年度）</extracomment>
            <translation>Time basis: amounts are the support for the period up to the as-of date {as_of} (no interest, premium or day after it counts; whether a measure is in force is tested on each record's own date; per-year caps apply to the year the support is for)</translation>
        </message>
        <message>
            <source>button.cancel</source>
            <extracomment>取消</extracomment>
            <translation>Cancel</translation>
        </message>
        <message>
            <source>button.keep_params</source>
            <extracomment>保留修改</extracomment>
            <translation>Keep changes</translation>
        </message>
        <message>
            <source>button.reset_params</source>
            <extracomment>恢复默认值</extracomment>
            <translation>Use defaults</translation>
        </message>
        <message>
            <source>changed.tip</source>
            <extracomment>原 {old} → 现 {new}</extracomment>
            <translation>was {old} → now {new}</translation>
        </message>
        <message>
            <source>charts.by_district</source>
            <extracomment>按区汇总</extracomment>
            <translation>By district</translation>
        </message>
        <message>
            <source>charts.by_measure</source>
            <extracomment>按措施汇总</extracomment>
            <translation>By measure</translation>
        </message>
        <message>
            <source>charts.copied</source>
            <extracomment>图表已复制到剪贴板</extracomment>
            <translation>Chart copied to the clipboard</translation>
        </message>
        <message>
            <source>charts.copy</source>
            <extracomment>复制图片</extracomment>
            <translation>Copy image</translation>
        </message>
        <message>
            <source>charts.empty</source>
            <extracomment>打开企业名单后显示图表</extracomment>
            <translation>Open an enterprise list to see charts</translation>
        </message>
        <message>
            <source>charts.enterprise_only</source>
            <extracomment>企业获得的支持（不含付给银行、担保、保险、知识产权机构的补偿）</extracomment>
            <translation>Support the enterprises receive (without compensation to banks, guarantors, insurers, IP agencies)</translation>
        </message>
        <message>
            <source>charts.save</source>
            <extracomment>另存为 PNG…</extracomment>
            <translation>Save as PNG…</translation>
        </message>
        <message>
            <source>charts.saved</source>
            <extracomment>图表已保存：{path}</extracomment>
            <translation>Chart saved: {path}</translation>
        </message>
        <message>
            <source>charts.status</source>
            <extracomment>状态分布</extracomment>
            <translation>Status distribution</translation>
        </message>
        <message>
            <source>charts.title</source>
            <extracomment>图表</extracomment>
            <translation>Charts</translation>
        </message>
        <message>
            <source>cli.split.all</source>
            <extracomment>全部措施金额相加 {amount}（{adds}；跨地区、跨受益方相加，仅供核对，不是单一预算）</extracomment>
            <translation>All measures added {amount} ({adds}; across regions and beneficiaries, for checking only, not one budget)</translation>
        </message>
        <message>
            <source>cli.split.by_basis</source>
            <extracomment>按金额性质（申请金额、按上限估算的金额都不是应付金额）：</extracomment>
            <translation>By kind of figure (requested amounts and estimates at a ceiling are not amounts due):</translation>
        </message>
        <message>
            <source>cli.split.by_level</source>
            <extracomment>按资金层级：</extracomment>
            <translation>By funding level:</translation>
        </message>
        <message>
            <source>cli.split.by_recipient</source>
            <extracomment>按受益方类别（企业获得的支持与付给机构的补偿分列）：</extracomment>
            <translation>By recipient (support to enterprises and compensation to institutions apart):</translation>
        </message>
        <message>
            <source>cli.split.by_region</source>
            <extracomment>按文件地区（各地区预算分列）：</extracomment>
            <translation>By the documents' region (each region's budget apart):</translation>
        </message>
        <message>
            <source>cli.split.line</source>
            <extracomment>  {region} · {beneficiary} · {level}  金额 {amount}（{count} 项措施）</extracomment>
            <translation>  {region} · {beneficiary} · {level}  amount {amount} ({count} measures)</translation>
        </message>
        <message>
            <source>cli.split.title</source>
            <extracomment>金额拆分（地区 × 受益方 × 资金层级；每行只含一个地区、一个受益方、一个资金层级）：</extracomment>
            <translation>Amounts split (region × beneficiary × funding level; each line one of each):</translation>
        </message>
        <message>
            <source>col.delta</source>
            <extracomment>变化（{name}）</extracomment>
            <translation>Change ({name})</translation>
        </message>
        <message>
            <source>col.delta_short</source>
            <extracomment>变化</extracomment>
            <translation>Change</translation>
        </message>
        <message>
            <source>col.district</source>
            <extracomment>注册区</extracomment>
            <translation>District</translation>
        </message>
        <message>
            <source>col.document</source>
            <extracomment>文件</extracomment>
            <translation>Document</translation>
        </message>
        <message>
            <source>col.funding</source>
            <extracomment>资金层级</extracomment>
            <translation>Funding level</translation>
        </message>
        <message>
            <source>col.institution</source>
            <extracomment>机构</extracomment>
            <translation>Institution</translation>
        </message>
        <message>
            <source>col.measure</source>
            <extracomment>措施</extracomment>
            <translation>Measure</translation>
        </message>
        <message>
            <source>col.name</source>
            <extracomment>企业名称</extracomment>
            <translation>Enterprise</translation>
        </message>
        <message>
            <source>col.recipient</source>
            <extracomment>受益方类别</extracomment>
            <translation>Recipient class</translation>
        </message>
        <message>
            <source>col.region</source>
            <extracomment>文件地区</extracomment>
            <translation>Document region</translation>
        </message>
        <message>
            <source>col.uscc</source>
            <extracomment>统一社会信用代码</extracomment>
            <translation>Credit code</translation>
        </message>
        <message>
            <source>detail.all_measures</source>
            <extracomment>全部措施</extracomment>
            <translation>All measures</translation>
        </message>
        <message>
            <source>detail.amount</source>
            <extracomment>测算金额</extracomment>
            <translation>Amount</translation>
        </message>
        <message>
            <source>detail.as_of</source>
            <extracomment>测算基准日 {as_of}</extracomment>
            <translation>As of {as_of}</translation>
        </message>
        <message>
            <source>detail.assumption</source>
            <extracomment>【假设】</extracomment>
            <translation>[assumption]</translation>
        </message>
        <message>
            <source>detail.bracketed</source>
            <extracomment>（{text}）</extracomment>
            <translation>({text})</translation>
        </message>
        <message>
            <source>detail.capped</source>
            <extracomment>封顶</extracomment>
            <translation>Capped by</translation>
        </message>
        <message>
            <source>detail.colon</source>
            <extracomment>：</extracomment>
            <translation>: </translation>
        </message>
        <message>
            <source>detail.counts</source>
            <extracomment>符合 {eligible} 项，待补数据 {unknown} 项，不符合 {ineligible} 项</extracomment>
            <translation>{eligible} eligible, {unknown} missing data, {ineligible} not eligible</translation>
        </message>
        <message>
            <source>detail.empty</source>
            <extracomment>选择一家企业查看测算依据。选中某一措施列只看该措施，选中企业名称列看全部措施。</extracomment>
            <translation>Select an enterprise to see why. Select a measure column for one measure, the name column for all measures.</translation>
        </message>
        <message>
            <source>detail.error</source>
            <extracomment>无法显示测算依据：{error}</extracomment>
            <translation>Cannot show the explanation: {error}</translation>
        </message>
        <message>
            <source>detail.ineligible</source>
            <extracomment>不符合的措施（{n} 项）</extracomment>
            <translation>Not eligible ({n} measures)</translation>
        </message>
        <message>
            <source>detail.list_sep</source>
            <extracomment>、</extracomment>
            <translation>, </translation>
        </message>
        <message>
            <source>detail.missing</source>
            <extracomment>待补字段</extracomment>
            <translation>Missing fields</translation>
        </message>
        <message>
            <source>detail.no_reason</source>
            <extracomment>不符合（原因见该措施列）</extracomment>
            <translation>Not eligible (see the measure's column for why)</translation>
        </message>
        <message>
            <source>detail.note_sep</source>
            <extracomment>；</extracomment>
            <translation>; </translation>
        </message>
        <message>
            <source>detail.overridden</source>
            <extracomment>【用户设定】</extracomment>
            <translation>[set by user]</translation>
        </message>
        <message>
            <source>detail.param_source</source>
            <extracomment>来源</extracomment>
            <translation>source</translation>
        </message>
        <message>
            <source>detail.param_table</source>
            <extracomment>参数</extracomment>
            <translation>Parameters</translation>
        </message>
        <message>
            <source>detail.params</source>
            <extracomment>所用参数</extracomment>
            <translation>Parameters used</translation>
        </message>
        <message>
            <source>detail.reasons</source>
            <extracomment>判断依据</extracomment>
            <translation>Reasons</translation>
        </message>
        <message>
            <source>detail.record</source>
            <extracomment>记录</extracomment>
            <translation>Record</translation>
        </message>
        <message>
            <source>detail.records</source>
            <extracomment>逐笔明细</extracomment>
            <translation>Records</translation>
        </message>
        <message>
            <source>detail.source</source>
            <extracomment>政策出处</extracomment>
            <translation>Policy source</translation>
        </message>
        <message>
            <source>detail.status</source>
            <extracomment>结论</extracomment>
            <translation>Status</translation>
        </message>
        <message>
            <source>detail.year</source>
            <extracomment>年度</extracomment>
            <translation>Year</translation>
        </message>
        <message>
            <source>dialog.export</source>
            <extracomment>导出测算结果</extracomment>
            <translation>Export results</translation>
        </message>
        <message>
            <source>dialog.export_filter</source>
            <extracomment>Excel 工作簿 (*.xlsx)</extracomment>
            <translation>Excel workbook (*.xlsx)</translation>
        </message>
        <message>
            <source>dialog.export_suffix</source>
            <extracomment>测算结果</extracomment>
            <translation>results</translation>
        </message>
        <message>
            <source>dialog.input_changed</source>
            <extracomment>企业名单已变化</extracomment>
            <translation>Enterprise list changed</translation>
        </message>
        <message>
            <source>dialog.keep_params</source>
            <extracomment>参数已修改</extracomment>
            <translation>Parameters changed</translation>
        </message>
        <message>
            <source>dialog.open</source>
            <extracomment>打开企业名单</extracomment>
            <translation>Open enterprise list</translation>
        </message>
        <message>
            <source>dialog.open_filter</source>
            <extracomment>企业名单 (*.xlsx *.xls *.csv);;所有文件 (*)</extracomment>
            <translation>Enterprise lists (*.xlsx *.xls *.csv);;All files (*)</translation>
        </message>
        <message>
            <source>dialog.open_project</source>
            <extracomment>打开项目</extracomment>
            <translation>Open project</translation>
        </message>
        <message>
            <source>dialog.project_filter</source>
            <extracomment>PolicyDesk 项目 (*.pdesk);;所有文件 (*)</extracomment>
            <translation>PolicyDesk projects (*.pdesk);;All files (*)</translation>
        </message>
        <message>
            <source>dialog.recover</source>
            <extracomment>恢复上次的工作</extracomment>
            <translation>Recover the last session</translation>
        </message>
        <message>
            <source>dialog.save_project</source>
            <extracomment>保存项目</extracomment>
            <translation>Save project</translation>
        </message>
        <message>
            <source>error.brief_into_input</source>
            <extracomment>简报文件夹中的结果会覆盖输入文件：{path}</extracomment>
            <translation>The briefing pack would overwrite the input file: {path}</translation>
        </message>
        <message>
            <source>error.export_missing</source>
            <extracomment>此版本尚未包含 Excel 导出功能。</extracomment>
            <translation>This build does not include the Excel export yet.</translation>
        </message>
        <message>
            <source>error.no_evaluation</source>
            <extracomment>还没有测算结果可导出。请先打开企业名单。</extracomment>
            <translation>Nothing to export yet.</translation>
        </message>
        <message>
            <source>error.no_sample</source>
            <extracomment>找不到示例数据：{path}</extracomment>
            <translation>Sample data not found: {path}</translation>
        </message>
        <message>
            <source>error.profile_save</source>
            <extracomment>无法保存映射方案：{error}</extracomment>
            <translation>Cannot save the profile: {error}</translation>
        </message>
        <message>
            <source>error.project_input_missing</source>
            <extracomment>找不到项目所用的企业名单：{path}</extracomment>
            <translation>The project's enterprise list is missing: {path}</translation>
        </message>
        <message>
            <source>error.project_no_input</source>
            <extracomment>请先打开一个企业名单文件，再保存项目。</extracomment>
            <translation>Open an enterprise list from a file before saving a project.</translation>
        </message>
        <message>
            <source>error.recent_missing</source>
            <extracomment>文件已不存在：{path}</extracomment>
            <translation>The file no longer exists: {path}</translation>
        </message>
        <message>
            <source>error.title</source>
            <extracomment>无法完成</extracomment>
            <translation>Cannot complete</translation>
        </message>
        <message>
            <source>error.unexpected</source>
            <extracomment>发生了意外错误，操作未完成。详细信息已记入日志：{log}
请把日志发给技术支持。</extracomment>
            <translation>Something unexpected went wrong and the operation did not finish. Details were logged to {log}. Please send the log to support.</translation>
        </message>
        <message>
            <source>error.unsupported</source>
            <extracomment>不支持的文件类型：{name}。请使用 .xlsx、.xls 或 .csv。</extracomment>
            <translation>Unsupported file type: {name}. Use .xlsx, .xls or .csv.</translation>
        </message>
        <message>
            <source>explain.gate.unknown</source>
            <extracomment>? 企业层面条件待补数据（见上）</extracomment>
            <translation>? enterprise conditions undecided (see above)</translation>
        </message>
        <message>
            <source>explain.gate.unmet</source>
            <extracomment>✗ 企业层面条件不满足（见上）</extracomment>
            <translation>✗ enterprise conditions not met (see above)</translation>
        </message>
        <message>
            <source>explain.records.foreign</source>
            <extracomment>{label}</extracomment>
            <translation>Records ({label})</translation>
        </message>
        <message>
            <source>explain.records.none</source>
            <extracomment>{label}</extracomment>
            <translation>No {label}</translation>
        </message>
        <message>
            <source>explain.records.none_foreign</source>
            <extracomment>{label}</extracomment>
            <translation>No records of this kind ({label})</translation>
        </message>
        <message>
            <source>explain.records.none_plain</source>
            <extracomment>记录</extracomment>
            <translation>No records of this kind</translation>
        </message>
        <message>
            <source>explain.records.plain</source>
            <extracomment>记录</extracomment>
            <translation>Records</translation>
        </message>
        <message>
            <source>explain.window.after</source>
            <extracomment>测算基准日 {as_of} 晚于失效日期 {end}</extracomment>
            <translation>As-of date {as_of} is after the date the measure expires ({end})</translation>
        </message>
        <message>
            <source>explain.window.before</source>
            <extracomment>测算基准日 {as_of} 早于施行日期 {start}</extracomment>
            <translation>As-of date {as_of} is before the date the measure takes effect ({start})</translation>
        </message>
        <message>
            <source>explain.window.record.between</source>
            <extracomment>{field}在{start}至{end}之间（施行期内，按记录自身日期判断）</extracomment>
            <translation>{field} between {start} and {end} (within the period in force, tested on the record's own date)</translation>
        </message>
        <message>
            <source>explain.window.record.from</source>
            <extracomment>{field}不早于{start}（施行之日起，按记录自身日期判断）</extracomment>
            <translation>{field} on or after {start} (in force from then, tested on the record's own date)</translation>
        </message>
        <message>
            <source>explain.window.record.until</source>
            <extracomment>{field}不晚于{end}（施行期内，按记录自身日期判断）</extracomment>
            <translation>{field} on or before {end} (within the period in force, tested on the record's own date)</translation>
        </message>
        <message>
            <source>explain.word.amount</source>
            <extracomment>测算金额：{amount}</extracomment>
            <translation>Amount: {amount}</translation>
        </message>
        <message>
            <source>explain.word.amount_missing</source>
            <extracomment>? {label}：缺少 {names}</extracomment>
            <translation>? {label}: missing {names}</translation>
        </message>
        <message>
            <source>explain.word.amount_name</source>
            <extracomment>测算金额</extracomment>
            <translation>amount</translation>
        </message>
        <message>
            <source>explain.word.as_of</source>
            <extracomment>测算基准日</extracomment>
            <translation>as-of date</translation>
        </message>
        <message>
            <source>explain.word.capped</source>
            <extracomment>已按{label}（{cap}）封顶</extracomment>
            <translation>capped by {label} ({cap})</translation>
        </message>
        <message>
            <source>explain.word.days</source>
            <extracomment>{a}至{b}天数</extracomment>
            <translation>days from {a} to {b}</translation>
        </message>
        <message>
            <source>explain.word.item_amount</source>
            <extracomment>测算金额 {amount}</extracomment>
            <translation>amount {amount}</translation>
        </message>
        <message>
            <source>explain.word.list</source>
            <extracomment>、</extracomment>
            <translation>, </translation>
        </message>
        <message>
            <source>explain.word.lpr_1y</source>
            <extracomment>同期1年期LPR</extracomment>
            <translation>1-year LPR</translation>
        </message>
        <message>
            <source>explain.word.lpr_5y</source>
            <extracomment>同期5年期LPR</extracomment>
            <translation>5-year LPR</translation>
        </message>
        <message>
            <source>explain.word.lpr_notes</source>
            <extracomment>（{notes}）</extracomment>
            <translation> ({notes})</translation>
        </message>
        <message>
            <source>explain.word.lpr_published</source>
            <extracomment>{name} {value}，{day}公布</extracomment>
            <translation>{name} {value}, published {day}</translation>
        </message>
        <message>
            <source>explain.word.lpr_used</source>
            <extracomment>ℹ 测算所用</extracomment>
            <translation>ℹ used: </translation>
        </message>
        <message>
            <source>explain.word.manual</source>
            <extracomment>需人工核实</extracomment>
            <translation>To check by hand</translation>
        </message>
        <message>
            <source>explain.word.missing</source>
            <extracomment>缺少数据</extracomment>
            <translation>missing data</translation>
        </message>
        <message>
            <source>explain.word.missing_colon</source>
            <extracomment>：缺少</extracomment>
            <translation>: missing </translation>
        </message>
        <message>
            <source>explain.word.missing_head</source>
            <extracomment>缺少</extracomment>
            <translation>missing </translation>
        </message>
        <message>
            <source>explain.word.no</source>
            <extracomment>否</extracomment>
            <translation>no</translation>
        </message>
        <message>
            <source>explain.word.of</source>
            <extracomment>：</extracomment>
            <translation>: </translation>
        </message>
        <message>
            <source>explain.word.points</source>
            <extracomment>{points}个百分点</extracomment>
            <translation>{points} percentage points</translation>
        </message>
        <message>
            <source>explain.word.records</source>
            <extracomment>{label}共{n}笔：符合{k}笔，不符合{x}笔，待补数据{u}笔</extracomment>
            <translation>{label}: {n} in all, {k} eligible, {x} not eligible, {u} missing data</translation>
        </message>
        <message>
            <source>explain.word.sep</source>
            <extracomment>；</extracomment>
            <translation>; </translation>
        </message>
        <message>
            <source>explain.word.total_score</source>
            <extracomment>合计得分 {score} 分（达标线 {mark} 分）</extracomment>
            <translation>Total {score} (pass mark {mark})</translation>
        </message>
        <message>
            <source>explain.word.unset</source>
            <extracomment>? 参数「{label}」未设定（政策原文未给出数值），请在参数中填写</extracomment>
            <translation>? parameter '{label}' is not set</translation>
        </message>
        <message>
            <source>explain.word.yes</source>
            <extracomment>是</extracomment>
            <translation>yes</translation>
        </message>
        <message>
            <source>explain.word.yuan</source>
            <extracomment>元</extracomment>
            <translation> yuan</translation>
        </message>
        <message>
            <source>export.beneficiary.bank</source>
            <extracomment>银行</extracomment>
            <translation>bank</translation>
        </message>
        <message>
            <source>export.beneficiary.guarantor</source>
            <extracomment>担保机构</extracomment>
            <translation>guarantor</translation>
        </message>
        <message>
            <source>export.beneficiary.insurer</source>
            <extracomment>保险机构</extracomment>
            <translation>insurer</translation>
        </message>
        <message>
            <source>export.beneficiary.ip_agency</source>
            <extracomment>知识产权机构</extracomment>
            <translation>IP agency</translation>
        </message>
        <message>
            <source>export.brief</source>
            <extracomment>简报：PDF 与图表 PNG（另存到文件夹 {name}）</extracomment>
            <translation>Briefing pack: PDF and chart PNGs (in the folder {name})</translation>
        </message>
        <message>
            <source>export.brief_folder</source>
            <extracomment>{stem}_简报</extracomment>
            <translation>{stem}_brief</translation>
        </message>
        <message>
            <source>export.browse</source>
            <extracomment>浏览…</extracomment>
            <translation>Browse…</translation>
        </message>
        <message>
            <source>export.browse.tip</source>
            <extracomment>选择结果工作簿的保存位置</extracomment>
            <translation>Choose where to save the workbook</translation>
        </message>
        <message>
            <source>export.close</source>
            <extracomment>关闭</extracomment>
            <translation>Close</translation>
        </message>
        <message>
            <source>export.col.action</source>
            <extracomment>处理</extracomment>
            <translation>Action taken</translation>
        </message>
        <message>
            <source>export.col.allocated</source>
            <extracomment>核定金额（元）</extracomment>
            <translation>Allocated amount (yuan)</translation>
        </message>
        <message>
            <source>export.col.amount</source>
            <extracomment>金额（元）</extracomment>
            <translation>Amount (yuan)</translation>
        </message>
        <message>
            <source>export.col.amount_basis</source>
            <extracomment>金额性质</extracomment>
            <translation>Amount basis</translation>
        </message>
        <message>
            <source>export.col.amount_basis_note</source>
            <extracomment>金额性质说明</extracomment>
            <translation>Why this basis</translation>
        </message>
        <message>
            <source>export.col.amount_label</source>
            <extracomment>计算口径</extracomment>
            <translation>Amount basis</translation>
        </message>
        <message>
            <source>export.col.article</source>
            <extracomment>条款</extracomment>
            <translation>Article</translation>
        </message>
        <message>
            <source>export.col.article_title</source>
            <extracomment>条款标题</extracomment>
            <translation>Article title</translation>
        </message>
        <message>
            <source>export.col.assumption</source>
            <extracomment>是否假设</extracomment>
            <translation>Assumption</translation>
        </message>
        <message>
            <source>export.col.base</source>
            <extracomment>基数（元）</extracomment>
            <translation>Base (yuan)</translation>
        </message>
        <message>
            <source>export.col.beneficiary</source>
            <extracomment>机构类型</extracomment>
            <translation>Institution type</translation>
        </message>
        <message>
            <source>export.col.cap</source>
            <extracomment>上限（元）</extracomment>
            <translation>Cap (yuan)</translation>
        </message>
        <message>
            <source>export.col.capped_by</source>
            <extracomment>封顶依据</extracomment>
            <translation>Capped by</translation>
        </message>
        <message>
            <source>export.col.caps</source>
            <extracomment>封顶规则</extracomment>
            <translation>Caps</translation>
        </message>
        <message>
            <source>export.col.column</source>
            <extracomment>列</extracomment>
            <translation>Column</translation>
        </message>
        <message>
            <source>export.col.data1</source>
            <extracomment>数据1</extracomment>
            <translation>Data 1</translation>
        </message>
        <message>
            <source>export.col.data2</source>
            <extracomment>数据2</extracomment>
            <translation>Data 2</translation>
        </message>
        <message>
            <source>export.col.data3</source>
            <extracomment>数据3</extracomment>
            <translation>Data 3</translation>
        </message>
        <message>
            <source>export.col.data4</source>
            <extracomment>数据4</extracomment>
            <translation>Data 4</translation>
        </message>
        <message>
            <source>export.col.data_note</source>
            <extracomment>数据说明</extracomment>
            <translation>Data used</translation>
        </message>
        <message>
            <source>export.col.default</source>
            <extracomment>默认值</extracomment>
            <translation>Default value</translation>
        </message>
        <message>
            <source>export.col.district</source>
            <extracomment>注册区</extracomment>
            <translation>District</translation>
        </message>
        <message>
            <source>export.col.doc_number</source>
            <extracomment>文件文号</extracomment>
            <translation>Document number</translation>
        </message>
        <message>
            <source>export.col.doc_title</source>
            <extracomment>文件标题</extracomment>
            <translation>Document title</translation>
        </message>
        <message>
            <source>export.col.eligible</source>
            <extracomment>符合</extracomment>
            <translation>Eligible</translation>
        </message>
        <message>
            <source>export.col.enterprises</source>
            <extracomment>企业数</extracomment>
            <translation>Enterprises</translation>
        </message>
        <message>
            <source>export.col.group</source>
            <extracomment>分组</extracomment>
            <translation>Group</translation>
        </message>
        <message>
            <source>export.col.how</source>
            <extracomment>计算方式</extracomment>
            <translation>How computed</translation>
        </message>
        <message>
            <source>export.col.ineligible</source>
            <extracomment>不符合</extracomment>
            <translation>Not eligible</translation>
        </message>
        <message>
            <source>export.col.institution</source>
            <extracomment>机构</extracomment>
            <translation>Institution</translation>
        </message>
        <message>
            <source>export.col.institution_type</source>
            <extracomment>机构类别</extracomment>
            <translation>Institution category</translation>
        </message>
        <message>
            <source>export.col.issuers</source>
            <extracomment>发文机关</extracomment>
            <translation>Issued by</translation>
        </message>
        <message>
            <source>export.col.lpr_1y</source>
            <extracomment>放款日一年期LPR（推定）</extracomment>
            <translation>1-year LPR on the loan date (derived)</translation>
        </message>
        <message>
            <source>export.col.lpr_from</source>
            <extracomment>LPR公布日</extracomment>
            <translation>LPR published on</translation>
        </message>
        <message>
            <source>export.col.manual_checks</source>
            <extracomment>需人工核实</extracomment>
            <translation>Checks by hand</translation>
        </message>
        <message>
            <source>export.col.measure_id</source>
            <extracomment>措施编号</extracomment>
            <translation>Measure ID</translation>
        </message>
        <message>
            <source>export.col.measure_name</source>
            <extracomment>措施名称</extracomment>
            <translation>Measure</translation>
        </message>
        <message>
            <source>export.col.message</source>
            <extracomment>问题</extracomment>
            <translation>Problem</translation>
        </message>
        <message>
            <source>export.col.missing</source>
            <extracomment>缺少数据</extracomment>
            <translation>Missing data</translation>
        </message>
        <message>
            <source>export.col.name</source>
            <extracomment>企业名称</extracomment>
            <translation>Enterprise</translation>
        </message>
        <message>
            <source>export.col.note</source>
            <extracomment>说明</extracomment>
            <translation>Note</translation>
        </message>
        <message>
            <source>export.col.overridden</source>
            <extracomment>用户修改</extracomment>
            <translation>Changed by user</translation>
        </message>
        <message>
            <source>export.col.param_key</source>
            <extracomment>参数键</extracomment>
            <translation>Parameter key</translation>
        </message>
        <message>
            <source>export.col.param_label</source>
            <extracomment>参数名称</extracomment>
            <translation>Parameter</translation>
        </message>
        <message>
            <source>export.col.quote</source>
            <extracomment>原文摘录</extracomment>
            <translation>Exact quote</translation>
        </message>
        <message>
            <source>export.col.ratio</source>
            <extracomment>比例</extracomment>
            <translation>Ratio</translation>
        </message>
        <message>
            <source>export.col.raw_amount</source>
            <extracomment>封顶前金额（元）</extracomment>
            <translation>Amount before cap (yuan)</translation>
        </message>
        <message>
            <source>export.col.reasons</source>
            <extracomment>依据与理由</extracomment>
            <translation>Basis and reasons</translation>
        </message>
        <message>
            <source>export.col.record</source>
            <extracomment>记录编号</extracomment>
            <translation>Record ID</translation>
        </message>
        <message>
            <source>export.col.record_table</source>
            <extracomment>记录类型</extracomment>
            <translation>Record type</translation>
        </message>
        <message>
            <source>export.col.records</source>
            <extracomment>笔数</extracomment>
            <translation>Records</translation>
        </message>
        <message>
            <source>export.col.row</source>
            <extracomment>行</extracomment>
            <translation>Row</translation>
        </message>
        <message>
            <source>export.col.severity</source>
            <extracomment>级别</extracomment>
            <translation>Severity</translation>
        </message>
        <message>
            <source>export.col.sheet</source>
            <extracomment>工作表</extracomment>
            <translation>Sheet</translation>
        </message>
        <message>
            <source>export.col.source</source>
            <extracomment>来源</extracomment>
            <translation>Source</translation>
        </message>
        <message>
            <source>export.col.status</source>
            <extracomment>状态</extracomment>
            <translation>Status</translation>
        </message>
        <message>
            <source>export.col.total</source>
            <extracomment>金额合计（元）</extracomment>
            <translation>Total amount (yuan)</translation>
        </message>
        <message>
            <source>export.col.unit</source>
            <extracomment>单位</extracomment>
            <translation>Unit</translation>
        </message>
        <message>
            <source>export.col.unknown</source>
            <extracomment>待补数据</extracomment>
            <translation>Missing data</translation>
        </message>
        <message>
            <source>export.col.uscc</source>
            <extracomment>统一社会信用代码</extracomment>
            <translation>Unified social credit code</translation>
        </message>
        <message>
            <source>export.col.valid_from</source>
            <extracomment>生效日期</extracomment>
            <translation>Valid from</translation>
        </message>
        <message>
            <source>export.col.value</source>
            <extracomment>原始值</extracomment>
            <translation>Original value</translation>
        </message>
        <message>
            <source>export.col.value_display</source>
            <extracomment>取值</extracomment>
            <translation>Value</translation>
        </message>
        <message>
            <source>export.col.value_number</source>
            <extracomment>数值</extracomment>
            <translation>Numeric value</translation>
        </message>
        <message>
            <source>export.col.year</source>
            <extracomment>年度</extracomment>
            <translation>Year</translation>
        </message>
        <message>
            <source>export.cover.as_of</source>
            <extracomment>测算基准日</extracomment>
            <translation>As-of date</translation>
        </message>
        <message>
            <source>export.cover.assumptions</source>
            <extracomment>假设参数</extracomment>
            <translation>Assumed parameters</translation>
        </message>
        <message>
            <source>export.cover.assumptions_text</source>
            <extracomment>本次测算共使用 {n} 项参数，其中 {k} 项为假设值。凡标注【假设】的取值并非由政策原文确定，而是为便于测算所作的假设，使用结果前请向主管部门核实。</extracomment>
            <translation>{n} parameters were used, {k} of them assumed. Every value marked 【假设】 (assumption) is not fixed by the policy text; check it with the issuing authority before relying on the result.</translation>
        </message>
        <message>
            <source>export.cover.catalogue_sha</source>
            <extracomment>政策目录 SHA-256</extracomment>
            <translation>Policy catalogue SHA-256</translation>
        </message>
        <message>
            <source>export.cover.comments_no</source>
            <extracomment>因单元格超过 20,000 个，未逐格添加批注（批注会使文件极慢）；理由见“测算结果”工作表同一企业、同一措施的行。</extracomment>
            <translation>More than 20,000 cells: no per-cell comments (they make the file very slow); the reasons are on the Results sheet.</translation>
        </message>
        <message>
            <source>export.cover.comments_yes</source>
            <extracomment>将鼠标移到单元格上可看到批注中的理由。</extracomment>
            <translation>Hover over a cell to read the reasons in its comment.</translation>
        </message>
        <message>
            <source>export.cover.counts</source>
            <extracomment>测算范围</extracomment>
            <translation>Scope</translation>
        </message>
        <message>
            <source>export.cover.counts_text</source>
            <extracomment>{ents} 家企业 × {measures} 项措施 = {rows} 行测算结果</extracomment>
            <translation>{ents} enterprises × {measures} measures = {rows} result rows</translation>
        </message>
        <message>
            <source>export.cover.documents</source>
            <extracomment>政策文件</extracomment>
            <translation>Policy documents</translation>
        </message>
        <message>
            <source>export.cover.generated</source>
            <extracomment>生成时间</extracomment>
            <translation>Generated at</translation>
        </message>
        <message>
            <source>export.cover.howto</source>
            <extracomment>如何阅读</extracomment>
            <translation>How to read</translation>
        </message>
        <message>
            <source>export.cover.howto_text</source>
            <extracomment>“测算结果”：每家企业 × 每项措施一行，给出状态（符合 / 不符合 / 待补数据）、测算金额和逐条理由；“待补数据”表示缺少判断所需的数据，见“缺少数据”列。
“记录明细”：逐笔贷款或事件的判断、封顶前金额与封顶后核定金额。
“参数”：测算所用的比例、上限等参数及其来源；标注【假设】者须核实。
“政策依据”：每项措施对应的文件文号、条款与原文摘录。
“数据质量”：导入数据时发现的问题及处理方式。
理由前的符号：✓ 满足，✗ 不满足，? 缺少数据。金额单位为元，保留两位小数；测算结果仅供参考，以主管部门审核为准。</extracomment>
            <translation>Results: one row per enterprise and measure with the status (eligible / not eligible / missing data), the amount and the reasons; 'missing data' lists what is needed to decide.
Records: each loan or event, its amount before the cap and the amount allocated.
Parameters: rates, caps and other values used, with their sources; values marked 【假设】 are assumptions to check.
Policy basis: the document number, article and exact quote of each measure.
Data quality: problems found on import and what was done about them.
Marks before reasons: ✓ met, ✗ not met, ? data missing. Amounts are in yuan with two decimals; results are estimates, the authority's review decides.</translation>
        </message>
        <message>
            <source>export.cover.input</source>
            <extracomment>输入文件</extracomment>
            <translation>Input file</translation>
        </message>
        <message>
            <source>export.cover.input_sha</source>
            <extracomment>输入文件 SHA-256</extracomment>
            <translation>Input file SHA-256</translation>
        </message>
        <message>
            <source>export.cover.live</source>
            <extracomment>实时公式</extracomment>
            <translation>Live formulas</translation>
        </message>
        <message>
            <source>export.cover.live_text</source>
            <extracomment>“测算明细”中下列措施的“封顶前金额”“核定金额”为实时 Excel 公式：本金、年利率、计息天数、放款日的 LPR 等记录数据写在同一行的“数据1”至“数据4”（“数据说明”列注明各是什么），比例、上限、计息基准天数、LPR 倍数等参数引用“参数”工作表中的命名单元格（如 p_jjr_2022_190_16_ratio）；在“参数”工作表修改参数后，明细与“汇总”的措施金额合计会自动重算，与引擎用同样参数（--set）测算的结果一致：
{ids}
共享上限（每家企业或每家企业每年）按记录日期先到先得分配，公式与引擎规则相同。不能写成公式的行写入引擎结果，原因见下一项；“汇总”中按注册区、资质、规模的合计及“资格矩阵”“测算结果”亦为引擎结果，状态（是否符合）不随参数重算。</extracomment>
            <translation>In Amount details these measures' amounts are live Excel formulas: the record's data (principal, rate, days, the LPR on the drawdown date, …) are in Data 1–4 of the same row ('Data used' says which), and ratios, caps, day-count bases and LPR multiples are named cells of the Parameters sheet (e.g. p_jjr_2022_190_16_ratio); change one there and the details and the summary's measure totals recompute as the engine does with the same --set:
{ids}
Shared caps are allocated first come, first served as in the engine. Rows that cannot be formulas hold the engine's values (see next item); so do the district, qualification and size totals, the matrix and Results; statuses do not recompute.</translation>
        </message>
        <message>
            <source>export.cover.no_input</source>
            <extracomment>（未从文件导入）</extracomment>
            <translation>(not imported from a file)</translation>
        </message>
        <message>
            <source>export.cover.none</source>
            <extracomment>无</extracomment>
            <translation>none</translation>
        </message>
        <message>
            <source>export.cover.overrides</source>
            <extracomment>用户修改的参数</extracomment>
            <translation>Parameters changed by the user</translation>
        </message>
        <message>
            <source>export.cover.overrides_text</source>
            <extracomment>{k} 项（见“参数”工作表“用户修改”列）</extracomment>
            <translation>{k} (see the 'Changed by user' column of the Parameters sheet)</translation>
        </message>
        <message>
            <source>export.cover.quality</source>
            <extracomment>数据质量</extracomment>
            <translation>Data quality</translation>
        </message>
        <message>
            <source>export.cover.quality_text</source>
            <extracomment>{n} 项提示（见“数据质量”工作表）</extracomment>
            <translation>{n} findings (see the Data quality sheet)</translation>
        </message>
        <message>
            <source>export.cover.sheets</source>
            <extracomment>工作表说明</extracomment>
            <translation>Sheets</translation>
        </message>
        <message>
            <source>export.cover.sheets_text</source>
            <extracomment>“汇总”：按措施、注册区、资质、企业规模汇总的状态计数与金额，并附图表；措施编号可点击跳转到“测算明细”。
“资格矩阵”：企业 × 措施，单元格颜色表示状态，符合者显示金额。{comments}
“测算明细”：每笔符合条件记录一行（数据1–4 及数据说明、上限、封顶前金额、核定金额、计算方式）。
“机构补偿”：按银行、担保、保险、知识产权机构汇总的风险补偿金额。
“机构措施”：针对机构本身的措施（如京金融〔2022〕190号第15条不良容忍度），逐家机构的结论与依据。
“记录明细”中贷款记录的“放款日一年期LPR（推定）”为放款日当日有效的LPR（按公布日取用），由程序推定。
单个工作表最多 1,048,576 行；超出的表格续写在“名称(2)”“名称(3)”…工作表中。</extracomment>
            <translation>Summary: status counts and amounts by measure, district, qualification and size class, with charts; measure IDs link to the amount details.
Eligibility matrix: enterprises × measures, coloured by status, amounts shown. {comments}
Amount details: one row per eligible record (data 1–4 and what they are, cap, amounts, how computed).
Institutions: risk compensation per bank, guarantor, insurer, IP agency.
Institution measures: measures about institutions themselves (e.g. the NPL tolerance of 京金融〔2022〕190号 art. 15), per institution with the reasons.
Records: a loan's 1-year LPR is the fixing in force on its start date (derived).
A sheet holds at most 1,048,576 rows; longer tables go on to 'Name(2)', ….</translation>
        </message>
        <message>
            <source>export.cover.split</source>
            <extracomment>分表</extracomment>
            <translation>Split tables</translation>
        </message>
        <message>
            <source>export.cover.split_none</source>
            <extracomment>无：每张表都在 1,048,576 行以内</extracomment>
            <translation>none: every table fits in 1,048,576 rows</translation>
        </message>
        <message>
            <source>export.cover.split_text</source>
            <extracomment>{n} 个工作表：{names}（表头相同，按顺序续写）</extracomment>
            <translation>{n} sheets: {names} (same header, continued in order)</translation>
        </message>
        <message>
            <source>export.cover.time_basis</source>
            <extracomment>时间口径</extracomment>
            <translation>Time basis</translation>
        </message>
        <message>
            <source>export.cover.title</source>
            <extracomment>科创金融政策测算结果</extracomment>
            <translation>Sci-tech finance policy results</translation>
        </message>
        <message>
            <source>export.cover.totals</source>
            <extracomment>按措施汇总</extracomment>
            <translation>Totals by measure</translation>
        </message>
        <message>
            <source>export.cover.values</source>
            <extracomment>按引擎结果的明细行</extracomment>
            <translation>Detail rows as engine values</translation>
        </message>
        <message>
            <source>export.cover.values_text</source>
            <extracomment>“测算明细”中 {live:,} 行为实时公式，{n:,} 行写入引擎结果（{breakdown}）；每行的具体原因写在该行“计算方式”列。</extracomment>
            <translation>In Amount details {live:,} rows are live formulas and {n:,} rows hold the engine's values ({breakdown}); each row's 'How computed' column says why.</translation>
        </message>
        <message>
            <source>export.cover.version</source>
            <extracomment>软件版本</extracomment>
            <translation>Application version</translation>
        </message>
        <message>
            <source>export.csv</source>
            <extracomment>CSV 文件（另存到文件夹 {name}）</extracomment>
            <translation>CSV files (in the folder {name})</translation>
        </message>
        <message>
            <source>export.csv_folder</source>
            <extracomment>{stem}_CSV</extracomment>
            <translation>{stem}_CSV</translation>
        </message>
        <message>
            <source>export.detail.engine</source>
            <extracomment>(按引擎结果)</extracomment>
            <translation>(engine result)</translation>
        </message>
        <message>
            <source>export.detail.group_reason</source>
            <extracomment>同一上限组内有记录按引擎结果写入，上限分配须整组一致</extracomment>
            <translation>another record sharing this cap is an engine value; a shared cap is all or none</translation>
        </message>
        <message>
            <source>export.detail.live</source>
            <extracomment>实时公式</extracomment>
            <translation>live formula</translation>
        </message>
        <message>
            <source>export.done</source>
            <extracomment>已导出 {n} 个文件到 {folder}</extracomment>
            <translation>Wrote {n} files to {folder}</translation>
        </message>
        <message>
            <source>export.formula.as_of</source>
            <extracomment>测算基准日</extracomment>
            <translation>as-of date</translation>
        </message>
        <message>
            <source>export.formula.boundary</source>
            <extracomment>精确金额恰在半分边界，Excel 浮点舍入可能与引擎的四舍五入不同</extracomment>
            <translation>exact amount on a half-fen boundary; floating-point ROUND could differ</translation>
        </message>
        <message>
            <source>export.formula.cap_shape</source>
            <extracomment>上限不是单个参数</extracomment>
            <translation>the cap is not a single parameter</translation>
        </message>
        <message>
            <source>export.formula.caps</source>
            <extracomment>有多个上限，Excel 公式只表达一个</extracomment>
            <translation>several caps; a formula expresses one</translation>
        </message>
        <message>
            <source>export.formula.coalesce</source>
            <extracomment>{a}（空白时{b}）</extracomment>
            <translation>{a} (else {b})</translation>
        </message>
        <message>
            <source>export.formula.data_blank</source>
            <extracomment>{what}空白</extracomment>
            <translation>{what} is blank</translation>
        </message>
        <message>
            <source>export.formula.data_note</source>
            <extracomment>数据{i}={label}</extracomment>
            <translation>data {i} = {label}</translation>
        </message>
        <message>
            <source>export.formula.data_sep</source>
            <extracomment>；</extracomment>
            <translation>; </translation>
        </message>
        <message>
            <source>export.formula.days</source>
            <extracomment>{a}至{b}天数</extracomment>
            <translation>days {a} to {b}</translation>
        </message>
        <message>
            <source>export.formula.field</source>
            <extracomment>字段 {what} 不在记录表中（推定值）</extracomment>
            <translation>field {what} is not in the record table (derived)</translation>
        </message>
        <message>
            <source>export.formula.lpr</source>
            <extracomment>{a}的{tenor}期LPR</extracomment>
            <translation>{tenor} LPR on {a}</translation>
        </message>
        <message>
            <source>export.formula.max</source>
            <extracomment>{a}与{b}取大</extracomment>
            <translation>greater of {a} and {b}</translation>
        </message>
        <message>
            <source>export.formula.min</source>
            <extracomment>{a}与{b}取小</extracomment>
            <translation>lesser of {a} and {b}</translation>
        </message>
        <message>
            <source>export.formula.mismatch</source>
            <extracomment>公式结果与引擎不一致</extracomment>
            <translation>the formula does not give the engine's amount</translation>
        </message>
        <message>
            <source>export.formula.no_formula</source>
            <extracomment>本措施无逐笔金额公式</extracomment>
            <translation>the measure has no per-record amount formula</translation>
        </message>
        <message>
            <source>export.formula.not_number</source>
            <extracomment>{what}不是数值</extracomment>
            <translation>{what} is not a number</translation>
        </message>
        <message>
            <source>export.formula.param_unset</source>
            <extracomment>参数 {name} 未设定</extracomment>
            <translation>parameter {name} is not set</translation>
        </message>
        <message>
            <source>export.formula.shape</source>
            <extracomment>公式含条件或函数 {what}，Excel 公式不表达</extracomment>
            <translation>the formula has a condition or function {what} Excel cannot follow</translation>
        </message>
        <message>
            <source>export.formula.too_many</source>
            <extracomment>需要超过4个数据单元格</extracomment>
            <translation>needs more than four data cells</translation>
        </message>
        <message>
            <source>export.formula.year</source>
            <extracomment>{a}的年份</extracomment>
            <translation>year of {a}</translation>
        </message>
        <message>
            <source>export.include</source>
            <extracomment>导出内容</extracomment>
            <translation>Include</translation>
        </message>
        <message>
            <source>export.institution_checks.none</source>
            <extracomment>名单中没有机构表，无法判断针对机构的措施</extracomment>
            <translation>No institutions sheet: measures about institutions cannot be decided</translation>
        </message>
        <message>
            <source>export.institutions.none</source>
            <extracomment>无机构补偿</extracomment>
            <translation>No compensation</translation>
        </message>
        <message>
            <source>export.json</source>
            <extracomment>JSON 结果文档（{name}）</extracomment>
            <translation>JSON result document ({name})</translation>
        </message>
        <message>
            <source>export.matrix.legend</source>
            <extracomment>图例：</extracomment>
            <translation>Legend:</translation>
        </message>
        <message>
            <source>export.matrix.note_comments</source>
            <extracomment>符合者显示金额（元）；批注为理由</extracomment>
            <translation>amounts in yuan; comments give reasons</translation>
        </message>
        <message>
            <source>export.matrix.note_no_comments</source>
            <extracomment>符合者显示金额（元）；理由见“测算结果”</extracomment>
            <translation>amounts in yuan; reasons on the Results sheet</translation>
        </message>
        <message>
            <source>export.matrix.summary_eligible</source>
            <extracomment>符合 {k} 项</extracomment>
            <translation>{k} eligible</translation>
        </message>
        <message>
            <source>export.matrix.summary_missing</source>
            <extracomment>；待补：</extracomment>
            <translation>; add: </translation>
        </message>
        <message>
            <source>export.matrix.summary_title</source>
            <extracomment>摘要（符合项数、待补数据）</extracomment>
            <translation>Summary (eligible, data to add)</translation>
        </message>
        <message>
            <source>export.no_issues</source>
            <extracomment>导入数据时未发现数据质量问题。</extracomment>
            <translation>No data-quality problems were found on import.</translation>
        </message>
        <message>
            <source>export.no_target</source>
            <extracomment>请填写结果工作簿的保存位置。</extracomment>
            <translation>Enter where to save the workbook.</translation>
        </message>
        <message>
            <source>export.open_folder</source>
            <extracomment>完成后打开所在文件夹</extracomment>
            <translation>Open the folder when done</translation>
        </message>
        <message>
            <source>export.ready</source>
            <extracomment>选择导出内容后点击“导出”。</extracomment>
            <translation>Choose what to include, then Export.</translation>
        </message>
        <message>
            <source>export.replace</source>
            <extracomment>文件已存在</extracomment>
            <translation>File exists</translation>
        </message>
        <message>
            <source>export.replace.ask</source>
            <extracomment>{path}
已存在。是否替换？</extracomment>
            <translation>{path}
already exists. Replace it?</translation>
        </message>
        <message>
            <source>export.same_as_input</source>
            <extracomment>不能把结果保存为输入文件本身：
{path}
请换一个文件名。</extracomment>
            <translation>The results cannot replace the input file:
{path}
Choose another name.</translation>
        </message>
        <message>
            <source>export.severity.error</source>
            <extracomment>错误</extracomment>
            <translation>error</translation>
        </message>
        <message>
            <source>export.severity.info</source>
            <extracomment>提示</extracomment>
            <translation>info</translation>
        </message>
        <message>
            <source>export.severity.warning</source>
            <extracomment>警告</extracomment>
            <translation>warning</translation>
        </message>
        <message>
            <source>export.sheet.cover</source>
            <extracomment>说明</extracomment>
            <translation>About</translation>
        </message>
        <message>
            <source>export.sheet.detail</source>
            <extracomment>测算明细</extracomment>
            <translation>Amount details</translation>
        </message>
        <message>
            <source>export.sheet.institution_checks</source>
            <extracomment>机构措施</extracomment>
            <translation>Institution measures</translation>
        </message>
        <message>
            <source>export.sheet.institutions</source>
            <extracomment>机构补偿</extracomment>
            <translation>Institutions</translation>
        </message>
        <message>
            <source>export.sheet.items</source>
            <extracomment>记录明细</extracomment>
            <translation>Records</translation>
        </message>
        <message>
            <source>export.sheet.matrix</source>
            <extracomment>资格矩阵</extracomment>
            <translation>Eligibility matrix</translation>
        </message>
        <message>
            <source>export.sheet.parameters</source>
            <extracomment>参数</extracomment>
            <translation>Parameters</translation>
        </message>
        <message>
            <source>export.sheet.policies</source>
            <extracomment>政策依据</extracomment>
            <translation>Policy basis</translation>
        </message>
        <message>
            <source>export.sheet.quality</source>
            <extracomment>数据质量</extracomment>
            <translation>Data quality</translation>
        </message>
        <message>
            <source>export.sheet.results</source>
            <extracomment>测算结果</extracomment>
            <translation>Results</translation>
        </message>
        <message>
            <source>export.sheet.summary</source>
            <extracomment>汇总</extracomment>
            <translation>Summary</translation>
        </message>
        <message>
            <source>export.stacking.enterprise</source>
            <extracomment>叠加规则「{rule}」：同一企业同时符合{others}，取金额较高者，取舍取决于其他措施的金额，公式不表达</extracomment>
            <translation>stacking rule '{rule}': the enterprise also qualifies for {others}; the higher amount is kept, which depends on other measures</translation>
        </message>
        <message>
            <source>export.stacking.overlap</source>
            <extracomment>叠加规则「{rule}」：同一笔{key}同时符合{others}，只计其中一项（按后发文件或就高），取舍取决于其他措施，公式不表达</extracomment>
            <translation>stacking rule '{rule}': the same {key} also qualifies for {others}; only one counts (the later document or the higher), which depends on other measures</translation>
        </message>
        <message>
            <source>export.stacking.record</source>
            <extracomment>叠加规则「{rule}」：同一{key}同时符合{others}，取金额较高者，取舍取决于其他措施的金额，公式不表达</extracomment>
            <translation>stacking rule '{rule}': the same {key} also qualifies for {others}; the higher amount is kept, which depends on other measures</translation>
        </message>
        <message>
            <source>export.stacking.shared</source>
            <extracomment>叠加规则「{rule}」：与{others}共享上限，按措施顺序跨措施分配，公式不表达</extracomment>
            <translation>stacking rule '{rule}': a cap shared with {others} in the listed order</translation>
        </message>
        <message>
            <source>export.start</source>
            <extracomment>导出</extracomment>
            <translation>Export</translation>
        </message>
        <message>
            <source>export.summary.all_measures</source>
            <extracomment>全部措施相加：跨地区、跨受益方，仅供核对，不是单一预算</extracomment>
            <translation>All measures added: across regions and beneficiaries, for checking only, not one budget</translation>
        </message>
        <message>
            <source>export.summary.blank</source>
            <extracomment>（未填写）</extracomment>
            <translation>(blank)</translation>
        </message>
        <message>
            <source>export.summary.by_district</source>
            <extracomment>按注册区汇总</extracomment>
            <translation>By district</translation>
        </message>
        <message>
            <source>export.summary.by_level</source>
            <extracomment>按资金层级汇总</extracomment>
            <translation>By funding level</translation>
        </message>
        <message>
            <source>export.summary.by_measure</source>
            <extracomment>按措施汇总</extracomment>
            <translation>By measure</translation>
        </message>
        <message>
            <source>export.summary.by_qualification</source>
            <extracomment>按资质汇总</extracomment>
            <translation>By qualification</translation>
        </message>
        <message>
            <source>export.summary.by_recipient</source>
            <extracomment>按受益方类别汇总（企业获得的支持与付给机构的补偿分列）</extracomment>
            <translation>By recipient class (support to enterprises and compensation to institutions apart)</translation>
        </message>
        <message>
            <source>export.summary.by_region</source>
            <extracomment>按文件地区汇总（各地区预算分列）</extracomment>
            <translation>By document region (each region's budget apart)</translation>
        </message>
        <message>
            <source>export.summary.by_size</source>
            <extracomment>按企业规模汇总</extracomment>
            <translation>By size class</translation>
        </message>
        <message>
            <source>export.summary.by_split</source>
            <extracomment>按地区 × 受益方 × 资金层级汇总</extracomment>
            <translation>By region × beneficiary × funding level</translation>
        </message>
        <message>
            <source>export.summary.by_split_note</source>
            <extracomment>每行只含一个地区、一个受益方、一个资金层级的措施；各行分属不同预算或不同受益方，不宜相加。</extracomment>
            <translation>Each line holds measures of one region, one beneficiary and one funding level; the lines belong to different budgets or beneficiaries and are not to be added.</translation>
        </message>
        <message>
            <source>export.summary.col.adds</source>
            <extracomment>所含（地区；受益方类别；资金层级）</extracomment>
            <translation>What it adds (regions | recipients | levels)</translation>
        </message>
        <message>
            <source>export.summary.col.beneficiary</source>
            <extracomment>受益方</extracomment>
            <translation>Beneficiary</translation>
        </message>
        <message>
            <source>export.summary.col.level</source>
            <extracomment>资金层级</extracomment>
            <translation>Funding level</translation>
        </message>
        <message>
            <source>export.summary.col.recipient</source>
            <extracomment>受益方类别</extracomment>
            <translation>Recipient class</translation>
        </message>
        <message>
            <source>export.summary.col.region</source>
            <extracomment>文件地区</extracomment>
            <translation>Document region</translation>
        </message>
        <message>
            <source>export.summary.eligible_pairs</source>
            <extracomment>符合（企业×措施）</extracomment>
            <translation>Eligible (enterprise × measure)</translation>
        </message>
        <message>
            <source>export.summary.enterprise_only</source>
            <extracomment>以下按注册区、资质、规模汇总的金额为企业（含作为载体的企业）自身获得的支持，不含付给银行、担保、保险、知识产权机构的补偿。</extracomment>
            <translation>The amounts by district, qualification and size below are the support the enterprises (incubator operators included) receive themselves, without the compensation paid to banks, guarantors, insurers and IP agencies.</translation>
        </message>
        <message>
            <source>export.summary.total</source>
            <extracomment>合计</extracomment>
            <translation>Total</translation>
        </message>
        <message>
            <source>export.target</source>
            <extracomment>保存到</extracomment>
            <translation>Save to</translation>
        </message>
        <message>
            <source>export.title</source>
            <extracomment>导出测算结果</extracomment>
            <translation>Export results</translation>
        </message>
        <message>
            <source>export.total</source>
            <extracomment>合计</extracomment>
            <translation>Total</translation>
        </message>
        <message>
            <source>export.value_reason.boundary</source>
            <extracomment>半分边界</extracomment>
            <translation>half-fen boundary</translation>
        </message>
        <message>
            <source>export.value_reason.group</source>
            <extracomment>同一上限组连带</extracomment>
            <translation>shares a cap with a value row</translation>
        </message>
        <message>
            <source>export.value_reason.mismatch</source>
            <extracomment>与引擎不一致</extracomment>
            <translation>differs from the engine</translation>
        </message>
        <message>
            <source>export.value_reason.missing</source>
            <extracomment>数据或参数空白</extracomment>
            <translation>blank data or parameter</translation>
        </message>
        <message>
            <source>export.value_reason.shape</source>
            <extracomment>公式形式 Excel 不表达</extracomment>
            <translation>formula shape</translation>
        </message>
        <message>
            <source>export.value_reason.stacking</source>
            <extracomment>叠加规则取舍</extracomment>
            <translation>stacking rule</translation>
        </message>
        <message>
            <source>export.workbook</source>
            <extracomment>Excel 结果工作簿（必选；含公式、参数与依据）</extracomment>
            <translation>Excel result workbook (always; formulas, parameters and sources)</translation>
        </message>
        <message>
            <source>export.yes</source>
            <extracomment>是</extracomment>
            <translation>yes</translation>
        </message>
        <message>
            <source>field.linked</source>
            <extracomment>所贷款项·{label}</extracomment>
            <translation>linked loan: {label}</translation>
        </message>
        <message>
            <source>filter.chip</source>
            <extracomment>筛选：{measure} · {status}　✕</extracomment>
            <translation>Filter: {measure} · {status}  ✕</translation>
        </message>
        <message>
            <source>filter.clear_tip</source>
            <extracomment>点击清除筛选</extracomment>
            <translation>Click to clear the filter</translation>
        </message>
        <message>
            <source>funding.city</source>
            <extracomment>市级</extracomment>
            <translation>City</translation>
        </message>
        <message>
            <source>funding.district</source>
            <extracomment>区级</extracomment>
            <translation>District</translation>
        </message>
        <message>
            <source>funding.reason.checkable</source>
            <extracomment>核对类措施，不计金额；文件未写明资金来源层级</extracomment>
            <translation>A check without an amount; the text does not say which level of government pays</translation>
        </message>
        <message>
            <source>funding.reason.issuers_district</source>
            <extracomment>发文单位均为区县：{issuers}</extracomment>
            <translation>Every issuer is a district or county body: {issuers}</translation>
        </message>
        <message>
            <source>funding.reason.name_city</source>
            <extracomment>措施名称注明“市级”</extracomment>
            <translation>The measure's name says 市级 (municipal)</translation>
        </message>
        <message>
            <source>funding.reason.name_district</source>
            <extracomment>措施名称以“{district}”开头</extracomment>
            <translation>The measure's name starts with {district}</translation>
        </message>
        <message>
            <source>funding.reason.responsible_city</source>
            <extracomment>责任单位含市财政局、无区政府</extracomment>
            <translation>The responsible units include the municipal finance bureau and no district government</translation>
        </message>
        <message>
            <source>funding.reason.responsible_district</source>
            <extracomment>责任单位仅为区政府：{units}</extracomment>
            <translation>The only responsible units are district governments: {units}</translation>
        </message>
        <message>
            <source>funding.reason.unspecified</source>
            <extracomment>文件未写明资金来源层级</extracomment>
            <translation>The text does not say which level of government pays</translation>
        </message>
        <message>
            <source>funding.unspecified</source>
            <extracomment>文件未写明</extracomment>
            <translation>Not stated</translation>
        </message>
        <message>
            <source>header.auto</source>
            <extracomment>自动</extracomment>
            <translation>Auto</translation>
        </message>
        <message>
            <source>id.auto</source>
            <extracomment>按列映射</extracomment>
            <translation>As mapped</translation>
        </message>
        <message>
            <source>id.none</source>
            <extracomment>无编号列（按工作表和行号编号）</extracomment>
            <translation>None (numbered by sheet and row)</translation>
        </message>
        <message>
            <source>import.cannot</source>
            <extracomment>{table}缺少必填字段，无法导入</extracomment>
            <translation>The {table} table lacks required fields; cannot import</translation>
        </message>
        <message>
            <source>import.failed</source>
            <extracomment>无法按当前设置读取：{error}　请在下方指定工作表用途、表头行或列映射。</extracomment>
            <translation>Cannot read with these settings: {error} Set a sheet's role, its header row or the column mapping below.</translation>
        </message>
        <message>
            <source>import.field.not_used</source>
            <extracomment>（不使用）</extracomment>
            <translation>(not used)</translation>
        </message>
        <message>
            <source>import.header_rows</source>
            <extracomment>表头行</extracomment>
            <translation>Header rows</translation>
        </message>
        <message>
            <source>import.header_rows_value</source>
            <extracomment>第 {rows} 行（自动识别）</extracomment>
            <translation>row {rows} (detected)</translation>
        </message>
        <message>
            <source>import.id_column</source>
            <extracomment>编号列</extracomment>
            <translation>ID column</translation>
        </message>
        <message>
            <source>import.intro</source>
            <extracomment>文件：{path}　请核对各表所用的工作表与列映射（黄色为不确定的匹配），确认后再测算。</extracomment>
            <translation>File: {path}. Check the sheet and column mapping of each table (amber: uncertain) before evaluating.</translation>
        </message>
        <message>
            <source>import.intro_files</source>
            <extracomment>文件：{paths}（共 {n} 个，一并读取）　请核对各表所用的工作表与列映射，确认后再测算。</extracomment>
            <translation>Files: {paths} ({n}, read together). Check the sheet and column mapping of each table before evaluating.</translation>
        </message>
        <message>
            <source>import.load_profile</source>
            <extracomment>套用</extracomment>
            <translation>Apply</translation>
        </message>
        <message>
            <source>import.missing</source>
            <extracomment>缺少必填字段：{fields}</extracomment>
            <translation>Required fields missing: {fields}</translation>
        </message>
        <message>
            <source>import.parsed</source>
            <extracomment>读取效果（前几行解析后的值）</extracomment>
            <translation>Effect (parsed values of the first rows)</translation>
        </message>
        <message>
            <source>import.profile_name</source>
            <extracomment>方案名称</extracomment>
            <translation>Profile name</translation>
        </message>
        <message>
            <source>import.profile_saved</source>
            <extracomment>已保存映射方案：{path}</extracomment>
            <translation>Profile saved: {path}</translation>
        </message>
        <message>
            <source>import.profiles</source>
            <extracomment>映射方案</extracomment>
            <translation>Mapping profile</translation>
        </message>
        <message>
            <source>import.reading</source>
            <extracomment>正在读取…</extracomment>
            <translation>Reading…</translation>
        </message>
        <message>
            <source>import.ready</source>
            <extracomment>识别到企业 {n} 家；确定后按此映射读取并测算</extracomment>
            <translation>{n} enterprises found; OK reads and evaluates with this mapping</translation>
        </message>
        <message>
            <source>import.redetect</source>
            <extracomment>重新识别</extracomment>
            <translation>Re-detect</translation>
        </message>
        <message>
            <source>import.redetect_hint</source>
            <extracomment>工作表已更改，可先“重新识别”查看映射；确定则按新工作表读取</extracomment>
            <translation>Sheets changed: Re-detect to review, or OK to read with the new sheets</translation>
        </message>
        <message>
            <source>import.save_profile</source>
            <extracomment>另存为方案…</extracomment>
            <translation>Save as profile…</translation>
        </message>
        <message>
            <source>import.severity.error</source>
            <extracomment>错误</extracomment>
            <translation>Error</translation>
        </message>
        <message>
            <source>import.severity.info</source>
            <extracomment>提示</extracomment>
            <translation>Note</translation>
        </message>
        <message>
            <source>import.severity.warning</source>
            <extracomment>警告</extracomment>
            <translation>Warning</translation>
        </message>
        <message>
            <source>import.sheet</source>
            <extracomment>工作表</extracomment>
            <translation>Sheet</translation>
        </message>
        <message>
            <source>import.sheet_changed</source>
            <extracomment>已更换工作表：点击“重新识别”以按新工作表映射列</extracomment>
            <translation>Sheet changed: click Re-detect to map the new sheet's columns</translation>
        </message>
        <message>
            <source>import.sheet_dropped_by</source>
            <extracomment>{text}（{parts}）</extracomment>
            <translation>{text} ({parts})</translation>
        </message>
        <message>
            <source>import.sheet_dropped_sep</source>
            <extracomment>，</extracomment>
            <translation>; </translation>
        </message>
        <message>
            <source>import.sheet_line</source>
            <extracomment>{read}：共{rows}行 = 标题与表头{above} + 使用{used} + 合并{merged} + 未用{dropped}</extracomment>
            <translation>{read}: {rows} rows = {above} title/header + {used} used + {merged} merged + {dropped} not used</translation>
        </message>
        <message>
            <source>import.sheet_tables_sep</source>
            <extracomment>、</extracomment>
            <translation> + </translation>
        </message>
        <message>
            <source>import.sheet_unused</source>
            <extracomment>未使用</extracomment>
            <translation>not used</translation>
        </message>
        <message>
            <source>import.title</source>
            <extracomment>导入设置 — {file}</extracomment>
            <translation>Import settings — {file}</translation>
        </message>
        <message>
            <source>import.value.missing</source>
            <extracomment>（缺失）</extracomment>
            <translation>(missing)</translation>
        </message>
        <message>
            <source>import.value.no</source>
            <extracomment>否</extracomment>
            <translation>No</translation>
        </message>
        <message>
            <source>import.value.yes</source>
            <extracomment>是</extracomment>
            <translation>Yes</translation>
        </message>
        <message>
            <source>import.verdicts</source>
            <extracomment>各工作表的识别结果（可改用途和表头行）</extracomment>
            <translation>What each sheet was read as (change its role or header row)</translation>
        </message>
        <message>
            <source>inst.amount</source>
            <extracomment>{amount}元</extracomment>
            <translation>{amount}</translation>
        </message>
        <message>
            <source>inst.checks</source>
            <extracomment>针对机构的措施：{n} 条结论</extracomment>
            <translation>Measures about institutions: {n} results</translation>
        </message>
        <message>
            <source>inst.checks.name</source>
            <extracomment>针对机构的措施</extracomment>
            <translation>Measures about institutions</translation>
        </message>
        <message>
            <source>inst.checks.none</source>
            <extracomment>名单中没有机构表，针对机构的措施（如京金融〔2022〕190号第15条不良容忍度）无法判断</extracomment>
            <translation>The list has no institutions sheet: measures about institutions (e.g. the NPL tolerance of 京金融〔2022〕190号 art. 15) cannot be decided</translation>
        </message>
        <message>
            <source>inst.col.amount</source>
            <extracomment>补偿金额（元）</extracomment>
            <translation>Compensation (yuan)</translation>
        </message>
        <message>
            <source>inst.col.institution</source>
            <extracomment>机构</extracomment>
            <translation>Institution</translation>
        </message>
        <message>
            <source>inst.col.measure</source>
            <extracomment>措施</extracomment>
            <translation>Measure</translation>
        </message>
        <message>
            <source>inst.col.reason</source>
            <extracomment>判断依据</extracomment>
            <translation>Why</translation>
        </message>
        <message>
            <source>inst.col.records</source>
            <extracomment>笔数</extracomment>
            <translation>Records</translation>
        </message>
        <message>
            <source>inst.col.source</source>
            <extracomment>文件及条款</extracomment>
            <translation>Document and article</translation>
        </message>
        <message>
            <source>inst.col.status</source>
            <extracomment>结论</extracomment>
            <translation>Result</translation>
        </message>
        <message>
            <source>inst.col.type</source>
            <extracomment>类型</extracomment>
            <translation>Type</translation>
        </message>
        <message>
            <source>inst.empty</source>
            <extracomment>打开企业名单后显示各机构的补偿与考核结果</extracomment>
            <translation>Open an enterprise list to see what each institution receives</translation>
        </message>
        <message>
            <source>inst.missing</source>
            <extracomment>缺少：{fields}</extracomment>
            <translation>missing: {fields}</translation>
        </message>
        <message>
            <source>inst.payments</source>
            <extracomment>机构补偿：{n} 家机构，合计 {amount}（按符合条件的记录归集到记录上填写的机构）</extracomment>
            <translation>Compensation: {n} institutions, {amount} in all (eligible records, paid to the institution named on each record)</translation>
        </message>
        <message>
            <source>inst.payments.name</source>
            <extracomment>机构补偿表</extracomment>
            <translation>Compensation per institution</translation>
        </message>
        <message>
            <source>inst.payments.none</source>
            <extracomment>本名单没有归属机构的补偿（风险补偿、担保补偿等需要损失或担保记录）</extracomment>
            <translation>No compensation goes to institutions in this list (risk and guarantee compensation need loss or guarantee records)</translation>
        </message>
        <message>
            <source>inst.type.bank</source>
            <extracomment>银行</extracomment>
            <translation>Bank</translation>
        </message>
        <message>
            <source>inst.type.guarantor</source>
            <extracomment>担保机构</extracomment>
            <translation>Guarantor</translation>
        </message>
        <message>
            <source>inst.type.insurer</source>
            <extracomment>保险机构</extracomment>
            <translation>Insurer</translation>
        </message>
        <message>
            <source>inst.type.ip_agency</source>
            <extracomment>知识产权服务机构</extracomment>
            <translation>IP agency</translation>
        </message>
        <message>
            <source>inst.unnamed</source>
            <extracomment>（未填写机构名称）</extracomment>
            <translation>(institution not named)</translation>
        </message>
        <message>
            <source>institutions.title</source>
            <extracomment>机构</extracomment>
            <translation>Institutions</translation>
        </message>
        <message>
            <source>interpretation.label</source>
            <extracomment>{label}（按解释「{name}」，非原文条件，可关闭）</extracomment>
            <translation>{label} (by the interpretation “{name}”, not a condition of the text; can be switched off)</translation>
        </message>
        <message>
            <source>interpretation.off</source>
            <extracomment>未采用解释「{name}」（已关闭）：不要求“{label}”</extracomment>
            <translation>Interpretation “{name}” switched off: “{label}” is not required</translation>
        </message>
        <message>
            <source>invariant.cap</source>
            <extracomment>企业{uscc}：{label}{limit}元被突破，合计{total}元（{measures}）</extracomment>
            <translation>Enterprise {uscc}: {label} of {limit} yuan exceeded, total {total} yuan ({measures})</translation>
        </message>
        <message>
            <source>invariant.cap_year</source>
            <extracomment>企业{uscc} {year}年：{label}{limit}元被突破，合计{total}元（{measures}）</extracomment>
            <translation>Enterprise {uscc}, year {year}: {label} of {limit} yuan exceeded, total {total} yuan ({measures})</translation>
        </message>
        <message>
            <source>invariant.estimated</source>
            <extracomment>推算</extracomment>
            <translation>estimated</translation>
        </message>
        <message>
            <source>invariant.failed</source>
            <extracomment>不变量检查未通过：{count}处违反（重复支持或超过上限），汇总金额有缺陷，不能作为测算结果使用</extracomment>
            <translation>Invariant check failed: {count} breach(es) (double support or a cap exceeded); the totals are defective and must not be used as results</translation>
        </message>
        <message>
            <source>invariant.loan_interest</source>
            <extracomment>企业{uscc} 贷款{record}：各项企业贴息合计{total}元，超过{basis}利息{limit}元（{measures}）</extracomment>
            <translation>Enterprise {uscc}, loan {record}: its enterprise interest subsidies total {total} yuan, more than the {basis} interest of {limit} yuan ({measures})</translation>
        </message>
        <message>
            <source>invariant.loss_principal</source>
            <extracomment>企业{uscc} 损失{record}：各项补偿合计{total}元，超过损失本金{limit}元（{measures}）</extracomment>
            <translation>Enterprise {uscc}, loss {record}: its compensation totals {total} yuan, more than the principal lost of {limit} yuan ({measures})</translation>
        </message>
        <message>
            <source>invariant.loss_share</source>
            <extracomment>企业{uscc} 损失记录{record}：对承担方的补偿合计{total}元，超过其承担的部分（损失本金×承担风险比例）{limit}元（{measures}）</extracomment>
            <translation>Enterprise {uscc}, loss record {record}: the bearer's compensation totals {total} yuan, more than the part it bore (principal lost × share of risk) of {limit} yuan ({measures})</translation>
        </message>
        <message>
            <source>invariant.paid</source>
            <extracomment>实付</extracomment>
            <translation>paid</translation>
        </message>
        <message>
            <source>invariant.sep</source>
            <extracomment>、</extracomment>
            <translation>, </translation>
        </message>
        <message>
            <source>issue.action</source>
            <extracomment>处理</extracomment>
            <translation>Action</translation>
        </message>
        <message>
            <source>issue.column</source>
            <extracomment>列</extracomment>
            <translation>Col</translation>
        </message>
        <message>
            <source>issue.message</source>
            <extracomment>说明</extracomment>
            <translation>Message</translation>
        </message>
        <message>
            <source>issue.row</source>
            <extracomment>行</extracomment>
            <translation>Row</translation>
        </message>
        <message>
            <source>issue.severity</source>
            <extracomment>级别</extracomment>
            <translation>Level</translation>
        </message>
        <message>
            <source>issue.sheet</source>
            <extracomment>工作表</extracomment>
            <translation>Sheet</translation>
        </message>
        <message>
            <source>issue.value</source>
            <extracomment>原值</extracomment>
            <translation>Value</translation>
        </message>
        <message>
            <source>job.brief</source>
            <extracomment>正在生成简报…</extracomment>
            <translation>Building the briefing pack…</translation>
        </message>
        <message>
            <source>job.cancelled</source>
            <extracomment>已取消</extracomment>
            <translation>Cancelled</translation>
        </message>
        <message>
            <source>job.comparing</source>
            <extracomment>正在对比情景…</extracomment>
            <translation>Comparing scenarios…</translation>
        </message>
        <message>
            <source>job.comparing_one</source>
            <extracomment>正在测算情景“{name}”…</extracomment>
            <translation>Evaluating “{name}”…</translation>
        </message>
        <message>
            <source>job.csv</source>
            <extracomment>正在写出 CSV…</extracomment>
            <translation>Writing CSV…</translation>
        </message>
        <message>
            <source>job.evaluating</source>
            <extracomment>正在测算…</extracomment>
            <translation>Evaluating…</translation>
        </message>
        <message>
            <source>job.export_preparing</source>
            <extracomment>正在准备导出…</extracomment>
            <translation>Preparing the export…</translation>
        </message>
        <message>
            <source>job.exporting</source>
            <extracomment>正在导出…</extracomment>
            <translation>Exporting…</translation>
        </message>
        <message>
            <source>job.json</source>
            <extracomment>正在写出 JSON…</extracomment>
            <translation>Writing JSON…</translation>
        </message>
        <message>
            <source>job.loading</source>
            <extracomment>正在读取 {file}…</extracomment>
            <translation>Reading {file}…</translation>
        </message>
        <message>
            <source>label.as_of</source>
            <extracomment>测算基准日</extracomment>
            <translation>As-of date</translation>
        </message>
        <message>
            <source>lang.en</source>
            <extracomment>English（英文）</extracomment>
            <translation>English</translation>
        </message>
        <message>
            <source>lang.zh</source>
            <extracomment>中文</extracomment>
            <translation>中文 (Chinese)</translation>
        </message>
        <message>
            <source>library.article.kind</source>
            <extracomment>类型</extracomment>
            <translation>Kind</translation>
        </message>
        <message>
            <source>library.article.measures</source>
            <extracomment>措施</extracomment>
            <translation>Measures</translation>
        </message>
        <message>
            <source>library.article.no_units</source>
            <extracomment>正文未列明</extracomment>
            <translation>not named</translation>
        </message>
        <message>
            <source>library.article.responsible</source>
            <extracomment>责任单位</extracomment>
            <translation>Responsible units</translation>
        </message>
        <message>
            <source>library.article.tags</source>
            <extracomment>标签</extracomment>
            <translation>Tags</translation>
        </message>
        <message>
            <source>library.col.kind</source>
            <extracomment>类型</extracomment>
            <translation>Kind</translation>
        </message>
        <message>
            <source>library.col.tags</source>
            <extracomment>标签</extracomment>
            <translation>Tags</translation>
        </message>
        <message>
            <source>library.col.title</source>
            <extracomment>文件 / 条款 / 措施</extracomment>
            <translation>Document / article / measure</translation>
        </message>
        <message>
            <source>library.doc.counts</source>
            <extracomment>条款 / 措施</extracomment>
            <translation>Articles / measures</translation>
        </message>
        <message>
            <source>library.doc.expires</source>
            <extracomment>失效日期</extracomment>
            <translation>Expires</translation>
        </message>
        <message>
            <source>library.doc.in_force</source>
            <extracomment>施行日期</extracomment>
            <translation>In force</translation>
        </message>
        <message>
            <source>library.doc.issuers</source>
            <extracomment>发文机关</extracomment>
            <translation>Issuers</translation>
        </message>
        <message>
            <source>library.doc.number</source>
            <extracomment>文号</extracomment>
            <translation>Number</translation>
        </message>
        <message>
            <source>library.doc.region</source>
            <extracomment>地区</extracomment>
            <translation>Region</translation>
        </message>
        <message>
            <source>library.doc.status</source>
            <extracomment>状态</extracomment>
            <translation>Status</translation>
        </message>
        <message>
            <source>library.doc.written</source>
            <extracomment>成文日期</extracomment>
            <translation>Written</translation>
        </message>
        <message>
            <source>library.hit.eligible</source>
            <extracomment>符合</extracomment>
            <translation>eligible</translation>
        </message>
        <message>
            <source>library.hit.unknown</source>
            <extracomment>待补数据</extracomment>
            <translation>needs data</translation>
        </message>
        <message>
            <source>library.hits</source>
            <extracomment>命中企业：符合 {eligible} 家，待补数据 {unknown} 家</extracomment>
            <translation>Enterprises: {eligible} eligible, {unknown} need data</translation>
        </message>
        <message>
            <source>library.kind.checkable</source>
            <extracomment>可核查</extracomment>
            <translation>checkable</translation>
        </message>
        <message>
            <source>library.kind.computable</source>
            <extracomment>可测算</extracomment>
            <translation>computable</translation>
        </message>
        <message>
            <source>library.kind.informational</source>
            <extracomment>信息性</extracomment>
            <translation>informational</translation>
        </message>
        <message>
            <source>library.measure.caps</source>
            <extracomment>上限</extracomment>
            <translation>Caps</translation>
        </message>
        <message>
            <source>library.measure.cases</source>
            <extracomment>测试用例</extracomment>
            <translation>Test cases</translation>
        </message>
        <message>
            <source>library.measure.conditions</source>
            <extracomment>适用条件</extracomment>
            <translation>Conditions</translation>
        </message>
        <message>
            <source>library.measure.formula</source>
            <extracomment>测算公式</extracomment>
            <translation>Formula</translation>
        </message>
        <message>
            <source>library.measure.manual_checks</source>
            <extracomment>需人工核查</extracomment>
            <translation>Manual checks</translation>
        </message>
        <message>
            <source>library.measure.param_source</source>
            <extracomment>来源</extracomment>
            <translation>Source</translation>
        </message>
        <message>
            <source>library.measure.parameters</source>
            <extracomment>参数</extracomment>
            <translation>Parameters</translation>
        </message>
        <message>
            <source>library.measure.record_conditions</source>
            <extracomment>逐笔条件</extracomment>
            <translation>Per-record conditions</translation>
        </message>
        <message>
            <source>library.measure.source</source>
            <extracomment>依据</extracomment>
            <translation>Source</translation>
        </message>
        <message>
            <source>library.no_evaluation</source>
            <extracomment>打开企业名单后显示命中企业</extracomment>
            <translation>Open an enterprise list to see hits</translation>
        </message>
        <message>
            <source>library.pick</source>
            <extracomment>在左侧选择文件、条款或措施</extracomment>
            <translation>Pick a document, article or measure</translation>
        </message>
        <message>
            <source>library.search</source>
            <extracomment>全文搜索条款…</extracomment>
            <translation>Search all clauses…</translation>
        </message>
        <message>
            <source>library.show_eligible</source>
            <extracomment>在企业表中筛选符合的企业</extracomment>
            <translation>Filter the table: eligible</translation>
        </message>
        <message>
            <source>library.show_unknown</source>
            <extracomment>筛选待补数据的企业</extracomment>
            <translation>Filter the table: needs data</translation>
        </message>
        <message>
            <source>library.status.draft</source>
            <extracomment>草案</extracomment>
            <translation>draft</translation>
        </message>
        <message>
            <source>library.status.expired</source>
            <extracomment>已失效</extracomment>
            <translation>expired</translation>
        </message>
        <message>
            <source>library.status.in_force</source>
            <extracomment>有效</extracomment>
            <translation>in force</translation>
        </message>
        <message>
            <source>library.status.unknown</source>
            <extracomment>状态不明</extracomment>
            <translation>unknown</translation>
        </message>
        <message>
            <source>library.title</source>
            <extracomment>政策库</extracomment>
            <translation>Policy library</translation>
        </message>
        <message>
            <source>list.separator</source>
            <extracomment>、</extracomment>
            <translation>, </translation>
        </message>
        <message>
            <source>map.confidence</source>
            <extracomment>置信度</extracomment>
            <translation>Confidence</translation>
        </message>
        <message>
            <source>map.field</source>
            <extracomment>字段</extracomment>
            <translation>Field</translation>
        </message>
        <message>
            <source>map.header</source>
            <extracomment>表头</extracomment>
            <translation>Header</translation>
        </message>
        <message>
            <source>map.hidden</source>
            <extracomment>（隐藏）</extracomment>
            <translation>(hidden)</translation>
        </message>
        <message>
            <source>map.letter</source>
            <extracomment>列</extracomment>
            <translation>Col</translation>
        </message>
        <message>
            <source>map.source</source>
            <extracomment>匹配方式</extracomment>
            <translation>Matched by</translation>
        </message>
        <message>
            <source>map.source.fuzzy</source>
            <extracomment>近似</extracomment>
            <translation>similar</translation>
        </message>
        <message>
            <source>map.source.label</source>
            <extracomment>字段名</extracomment>
            <translation>label</translation>
        </message>
        <message>
            <source>map.source.none</source>
            <extracomment>未使用</extracomment>
            <translation>not used</translation>
        </message>
        <message>
            <source>map.source.profile</source>
            <extracomment>人工/方案</extracomment>
            <translation>manual/profile</translation>
        </message>
        <message>
            <source>map.source.synonym</source>
            <extracomment>同义词</extracomment>
            <translation>synonym</translation>
        </message>
        <message>
            <source>map.unit</source>
            <extracomment>单位</extracomment>
            <translation>Unit</translation>
        </message>
        <message>
            <source>menu.file</source>
            <extracomment>文件(&amp;F)</extracomment>
            <translation>&amp;File</translation>
        </message>
        <message>
            <source>menu.help</source>
            <extracomment>帮助(&amp;H)</extracomment>
            <translation>&amp;Help</translation>
        </message>
        <message>
            <source>menu.language</source>
            <extracomment>语言</extracomment>
            <translation>Language</translation>
        </message>
        <message>
            <source>menu.recent</source>
            <extracomment>最近打开</extracomment>
            <translation>Open recent</translation>
        </message>
        <message>
            <source>menu.scenarios</source>
            <extracomment>情景(&amp;S)</extracomment>
            <translation>&amp;Scenarios</translation>
        </message>
        <message>
            <source>menu.view</source>
            <extracomment>视图(&amp;V)</extracomment>
            <translation>&amp;View</translation>
        </message>
        <message>
            <source>outcome.status.eligible</source>
            <extracomment>符合</extracomment>
            <translation>Eligible</translation>
        </message>
        <message>
            <source>outcome.status.ineligible</source>
            <extracomment>不符合</extracomment>
            <translation>Not eligible</translation>
        </message>
        <message>
            <source>outcome.status.unknown</source>
            <extracomment>待补数据</extracomment>
            <translation>Missing data</translation>
        </message>
        <message>
            <source>pane.detail</source>
            <extracomment>测算依据</extracomment>
            <translation>Why</translation>
        </message>
        <message>
            <source>pane.totals</source>
            <extracomment>按措施汇总</extracomment>
            <translation>Totals by measure</translation>
        </message>
        <message>
            <source>param.above_bound</source>
            <extracomment>{label} 设为 {value}，超过文件规定的上限 {bound}：{quote}</extracomment>
            <translation>{label} set to {value} is above the ceiling of {bound} set by the text: {quote}</translation>
        </message>
        <message>
            <source>param.bound</source>
            <extracomment>文件规定上限：{bound}（{quote}）</extracomment>
            <translation>Ceiling set by the text: {bound} ({quote})</translation>
        </message>
        <message>
            <source>param.early</source>
            <extracomment>（测算基准日{as_of}早于该值的起始日{start}，沿用最早的值）</extracomment>
            <translation>The as-of date {as_of} is before this value's start {start}; the earliest value is used</translation>
        </message>
        <message>
            <source>param.early_after</source>
            <extracomment>{note}（测算基准日{as_of}早于该值的起始日{start}，沿用最早的值）</extracomment>
            <translation>{note} (the as-of date {as_of} is before this value's start {start}; the earliest value is used)</translation>
        </message>
        <message>
            <source>param.no_source</source>
            <extracomment>（假设，见说明）</extracomment>
            <translation>(assumption)</translation>
        </message>
        <message>
            <source>param.switch.off</source>
            <extracomment>关</extracomment>
            <translation>off</translation>
        </message>
        <message>
            <source>param.switch.on</source>
            <extracomment>开</extracomment>
            <translation>on</translation>
        </message>
        <message>
            <source>param.unit.date</source>
            <extracomment>{n}</extracomment>
            <translation>{n}</translation>
        </message>
        <message>
            <source>param.unit.days</source>
            <extracomment>{n}天</extracomment>
            <translation>{n} days</translation>
        </message>
        <message>
            <source>param.unit.days.one</source>
            <extracomment>{n}天</extracomment>
            <translation>{n} day</translation>
        </message>
        <message>
            <source>param.unit.persons</source>
            <extracomment>{n}人</extracomment>
            <translation>{n} persons</translation>
        </message>
        <message>
            <source>param.unit.persons.one</source>
            <extracomment>{n}人</extracomment>
            <translation>{n} person</translation>
        </message>
        <message>
            <source>param.unit.points</source>
            <extracomment>{n}个百分点</extracomment>
            <translation>{n} percentage points</translation>
        </message>
        <message>
            <source>param.unit.points.one</source>
            <extracomment>{n}个百分点</extracomment>
            <translation>{n} percentage point</translation>
        </message>
        <message>
            <source>param.unit.ratio</source>
            <extracomment>{n}</extracomment>
            <translation>{n}</translation>
        </message>
        <message>
            <source>param.unit.switch</source>
            <extracomment>{n}</extracomment>
            <translation>{n}</translation>
        </message>
        <message>
            <source>param.unit.times</source>
            <extracomment>{n}倍</extracomment>
            <translation>{n}×</translation>
        </message>
        <message>
            <source>param.unit.usd</source>
            <extracomment>{n}美元</extracomment>
            <translation>{n} USD</translation>
        </message>
        <message>
            <source>param.unit.yuan</source>
            <extracomment>{n}元</extracomment>
            <translation>{n} yuan</translation>
        </message>
        <message>
            <source>param.unset</source>
            <extracomment>未设定</extracomment>
            <translation>not set</translation>
        </message>
        <message>
            <source>param.user_note</source>
            <extracomment>用户将默认值 {default} 改为 {value}</extracomment>
            <translation>The user changed the default {default} to {value}</translation>
        </message>
        <message>
            <source>param.user_source</source>
            <extracomment>用户设定 / set by the user；默认值来源：{source}</extracomment>
            <translation>Set by the user; default from: {source}</translation>
        </message>
        <message>
            <source>params.col.basis</source>
            <extracomment>来源与说明</extracomment>
            <translation>Source and note</translation>
        </message>
        <message>
            <source>params.col.default</source>
            <extracomment>默认值</extracomment>
            <translation>Default</translation>
        </message>
        <message>
            <source>params.col.mark</source>
            <extracomment>标记</extracomment>
            <translation>Flag</translation>
        </message>
        <message>
            <source>params.col.name</source>
            <extracomment>参数</extracomment>
            <translation>Parameter</translation>
        </message>
        <message>
            <source>params.col.reset</source>
            <extracomment>操作</extracomment>
            <translation>Action</translation>
        </message>
        <message>
            <source>params.col.unit</source>
            <extracomment>单位</extracomment>
            <translation>Unit</translation>
        </message>
        <message>
            <source>params.col.value</source>
            <extracomment>当前值</extracomment>
            <translation>Value</translation>
        </message>
        <message>
            <source>params.count</source>
            <extracomment>共 {n} 项参数，已修改 {changed} 项</extracomment>
            <translation>{n} parameters, {changed} changed</translation>
        </message>
        <message>
            <source>params.default_was</source>
            <extracomment>默认值：{value}</extracomment>
            <translation>Default: {value}</translation>
        </message>
        <message>
            <source>params.hint.bp</source>
            <extracomment>基点，如 100</extracomment>
            <translation>Basis points, e.g. 100</translation>
        </message>
        <message>
            <source>params.hint.count</source>
            <extracomment>整数，如 360</extracomment>
            <translation>A whole number, e.g. 360</translation>
        </message>
        <message>
            <source>params.hint.date</source>
            <extracomment>日期，如 2025-01-01</extracomment>
            <translation>A date, e.g. 2025-01-01</translation>
        </message>
        <message>
            <source>params.hint.multiple</source>
            <extracomment>倍数，如 1.4</extracomment>
            <translation>A multiple, e.g. 1.4</translation>
        </message>
        <message>
            <source>params.hint.ratio</source>
            <extracomment>按百分比输入，如 40 或 40%</extracomment>
            <translation>Enter a percentage, e.g. 40 or 40%</translation>
        </message>
        <message>
            <source>params.hint.switch</source>
            <extracomment>开关：1 或“开”表示采用该解释，0 或“关”表示不采用</extracomment>
            <translation>Switch: 1 or “on” applies the interpretation, 0 or “off” does not</translation>
        </message>
        <message>
            <source>params.hint.usd</source>
            <extracomment>金额（美元），如 10,000,000</extracomment>
            <translation>Amount in US dollars, e.g. 10,000,000</translation>
        </message>
        <message>
            <source>params.hint.yuan</source>
            <extracomment>金额（元），如 500,000</extracomment>
            <translation>Amount in yuan, e.g. 500,000</translation>
        </message>
        <message>
            <source>params.invalid</source>
            <extracomment>“{label}”输入无效：{message}</extracomment>
            <translation>Invalid value for “{label}”: {message}</translation>
        </message>
        <message>
            <source>params.no_evaluation</source>
            <extracomment>请先打开企业名单</extracomment>
            <translation>Open an enterprise list first</translation>
        </message>
        <message>
            <source>params.pick_changed</source>
            <extracomment>【已修改】</extracomment>
            <translation> [changed]</translation>
        </message>
        <message>
            <source>params.pick_default</source>
            <extracomment>（默认）</extracomment>
            <translation> (default)</translation>
        </message>
        <message>
            <source>params.picks</source>
            <extracomment>叠加规则（同一笔贷款、损失或费用由哪项措施计）</extracomment>
            <translation>Stacking rules (which measure counts for one loan, loss or cost)</translation>
        </message>
        <message>
            <source>params.reset</source>
            <extracomment>恢复默认</extracomment>
            <translation>Reset</translation>
        </message>
        <message>
            <source>params.reset.tip</source>
            <extracomment>撤销此项修改，恢复政策库中的默认值</extracomment>
            <translation>Undo this change</translation>
        </message>
        <message>
            <source>params.reset_all</source>
            <extracomment>全部恢复默认</extracomment>
            <translation>Reset all</translation>
        </message>
        <message>
            <source>params.reset_all.tip</source>
            <extracomment>撤销所有参数修改，恢复政策库中的默认值</extracomment>
            <translation>Undo every parameter change and use the catalogue's values</translation>
        </message>
        <message>
            <source>params.running</source>
            <extracomment>正在按新参数重新测算…</extracomment>
            <translation>Re-evaluating with the new parameters…</translation>
        </message>
        <message>
            <source>params.search</source>
            <extracomment>搜索参数（名称、编号、单位）</extracomment>
            <translation>Search parameters (name, key, unit)</translation>
        </message>
        <message>
            <source>params.search_count</source>
            <extracomment>匹配 {n} 个参数</extracomment>
            <translation>{n} parameters match</translation>
        </message>
        <message>
            <source>params.title</source>
            <extracomment>参数</extracomment>
            <translation>Parameters</translation>
        </message>
        <message>
            <source>params.unknown</source>
            <extracomment>没有参数 {key}</extracomment>
            <translation>No parameter {key}</translation>
        </message>
        <message>
            <source>params.unset</source>
            <extracomment>未设定</extracomment>
            <translation>not set</translation>
        </message>
        <message>
            <source>quality.count</source>
            <extracomment>共 {n} 条数据提示（错误 {errors}，警告 {warnings}）</extracomment>
            <translation>{n} issues ({errors} errors, {warnings} warnings)</translation>
        </message>
        <message>
            <source>quality.none</source>
            <extracomment>没有数据提示</extracomment>
            <translation>No data-quality issues</translation>
        </message>
        <message>
            <source>quality.title</source>
            <extracomment>数据质量</extracomment>
            <translation>Data quality</translation>
        </message>
        <message>
            <source>reading.auto</source>
            <extracomment>按数值判断</extracomment>
            <translation>By the values</translation>
        </message>
        <message>
            <source>reading.fraction</source>
            <extracomment>小数（0.0345 = 3.45%）</extracomment>
            <translation>Fraction (0.0345 = 3.45%)</translation>
        </message>
        <message>
            <source>reading.percent</source>
            <extracomment>百分数（3.45 = 3.45%）</extracomment>
            <translation>Percent figure (3.45 = 3.45%)</translation>
        </message>
        <message>
            <source>recent.clear</source>
            <extracomment>清除列表</extracomment>
            <translation>Clear list</translation>
        </message>
        <message>
            <source>recent.col.folder</source>
            <extracomment>所在文件夹</extracomment>
            <translation>Folder</translation>
        </message>
        <message>
            <source>recent.col.name</source>
            <extracomment>名称</extracomment>
            <translation>Name</translation>
        </message>
        <message>
            <source>recent.col.opened</source>
            <extracomment>上次打开</extracomment>
            <translation>Last opened</translation>
        </message>
        <message>
            <source>recent.empty</source>
            <extracomment>（无）</extracomment>
            <translation>(none)</translation>
        </message>
        <message>
            <source>recent.missing</source>
            <extracomment>文件已不存在：{path}</extracomment>
            <translation>The file no longer exists: {path}</translation>
        </message>
        <message>
            <source>recent.open_tip</source>
            <extracomment>{path}
单击或按回车打开</extracomment>
            <translation>{path}
Click or press Enter to open</translation>
        </message>
        <message>
            <source>recent.today</source>
            <extracomment>今天 {time}</extracomment>
            <translation>today {time}</translation>
        </message>
        <message>
            <source>recent.unknown</source>
            <extracomment>—</extracomment>
            <translation>—</translation>
        </message>
        <message>
            <source>recent.yesterday</source>
            <extracomment>昨天 {time}</extracomment>
            <translation>yesterday {time}</translation>
        </message>
        <message>
            <source>role.auto</source>
            <extracomment>自动识别</extracomment>
            <translation>As detected</translation>
        </message>
        <message>
            <source>role.not_used</source>
            <extracomment>不使用</extracomment>
            <translation>Not used</translation>
        </message>
        <message>
            <source>scenario.add</source>
            <extracomment>新建</extracomment>
            <translation>New</translation>
        </message>
        <message>
            <source>scenario.add.tip</source>
            <extracomment>以当前参数为起点新建一个备选情景</extracomment>
            <translation>New alternative starting from the current parameters</translation>
        </message>
        <message>
            <source>scenario.all_measures</source>
            <extracomment>全部措施</extracomment>
            <translation>All measures</translation>
        </message>
        <message>
            <source>scenario.as_of</source>
            <extracomment>测算基准日</extracomment>
            <translation>As-of date</translation>
        </message>
        <message>
            <source>scenario.baseline</source>
            <extracomment>基准</extracomment>
            <translation>Baseline</translation>
        </message>
        <message>
            <source>scenario.baseline_label</source>
            <extracomment>基准（当前参数）</extracomment>
            <translation>Baseline (current parameters)</translation>
        </message>
        <message>
            <source>scenario.baseline_note</source>
            <extracomment>基准情景即窗口当前的参数与基准日；请在“参数”面板和工具栏中修改。</extracomment>
            <translation>The baseline is the window's current parameters and as-of date; change them in the Parameters panel and the toolbar.</translation>
        </message>
        <message>
            <source>scenario.brief</source>
            <extracomment>生成简报…</extracomment>
            <translation>Briefing pack…</translation>
        </message>
        <message>
            <source>scenario.brief.tip</source>
            <extracomment>为勾选的情景生成简报（PDF、图表 PNG 与结果工作簿）到所选文件夹</extracomment>
            <translation>Write the briefing pack (PDF, chart PNGs, workbook) for the ticked scenarios</translation>
        </message>
        <message>
            <source>scenario.brief_done</source>
            <extracomment>简报已生成：{path}</extracomment>
            <translation>Briefing pack written: {path}</translation>
        </message>
        <message>
            <source>scenario.brief_folder</source>
            <extracomment>选择简报保存文件夹</extracomment>
            <translation>Choose a folder for the briefing pack</translation>
        </message>
        <message>
            <source>scenario.changes</source>
            <extracomment>{alt}：金额增加 {up} 户，减少 {down} 户（企业为受益方的措施）</extracomment>
            <translation>{alt}: {up} enterprises gain, {down} lose (measures paid to enterprises)</translation>
        </message>
        <message>
            <source>scenario.compare</source>
            <extracomment>对比</extracomment>
            <translation>Compare</translation>
        </message>
        <message>
            <source>scenario.compare.tip</source>
            <extracomment>在后台测算勾选的情景并并排列出结果（F9）</extracomment>
            <translation>Evaluate the ticked scenarios in the background and lay them side by side (F9)</translation>
        </message>
        <message>
            <source>scenario.compared</source>
            <extracomment>对比 {names}（{time}）</extracomment>
            <translation>Compared {names} ({time})</translation>
        </message>
        <message>
            <source>scenario.copy_name</source>
            <extracomment>{name} 副本</extracomment>
            <translation>{name} copy</translation>
        </message>
        <message>
            <source>scenario.delete</source>
            <extracomment>删除</extracomment>
            <translation>Delete</translation>
        </message>
        <message>
            <source>scenario.delete.ask</source>
            <extracomment>删除情景“{name}”？</extracomment>
            <translation>Delete the scenario “{name}”?</translation>
        </message>
        <message>
            <source>scenario.delete.tip</source>
            <extracomment>删除所选备选情景</extracomment>
            <translation>Delete the selected alternative</translation>
        </message>
        <message>
            <source>scenario.duplicate</source>
            <extracomment>复制</extracomment>
            <translation>Duplicate</translation>
        </message>
        <message>
            <source>scenario.duplicate.tip</source>
            <extracomment>复制所选情景</extracomment>
            <translation>Duplicate the selected scenario</translation>
        </message>
        <message>
            <source>scenario.duplicate_name</source>
            <extracomment>已有名为“{name}”的情景。</extracomment>
            <translation>A scenario named “{name}” already exists.</translation>
        </message>
        <message>
            <source>scenario.empty_name</source>
            <extracomment>情景名称不能为空。</extracomment>
            <translation>A scenario needs a name.</translation>
        </message>
        <message>
            <source>scenario.list</source>
            <extracomment>情景列表</extracomment>
            <translation>Scenario list</translation>
        </message>
        <message>
            <source>scenario.list.tip</source>
            <extracomment>勾选参与对比的情景；双击名称可重命名</extracomment>
            <translation>Tick the scenarios to compare; double-click a name to rename</translation>
        </message>
        <message>
            <source>scenario.measures</source>
            <extracomment>措施范围</extracomment>
            <translation>Measures</translation>
        </message>
        <message>
            <source>scenario.name</source>
            <extracomment>名称</extracomment>
            <translation>Name</translation>
        </message>
        <message>
            <source>scenario.need_data</source>
            <extracomment>请先打开企业名单。</extracomment>
            <translation>Open an enterprise list first.</translation>
        </message>
        <message>
            <source>scenario.new_name</source>
            <extracomment>情景{n}</extracomment>
            <translation>Scenario {n}</translation>
        </message>
        <message>
            <source>scenario.no_changes</source>
            <extracomment>没有企业的测算金额发生变化。</extracomment>
            <translation>No enterprise's amount changed.</translation>
        </message>
        <message>
            <source>scenario.no_measures</source>
            <extracomment>情景“{name}”没有选择任何措施。</extracomment>
            <translation>Scenario “{name}” has no measures selected.</translation>
        </message>
        <message>
            <source>scenario.not_compared</source>
            <extracomment>点击“对比”测算勾选的情景。</extracomment>
            <translation>Click Compare to evaluate the ticked scenarios.</translation>
        </message>
        <message>
            <source>scenario.overrides</source>
            <extracomment>已修改参数 {n} 项</extracomment>
            <translation>changed parameters: {n}</translation>
        </message>
        <message>
            <source>scenario.params</source>
            <extracomment>参数（与政策库默认值不同的为修改项）</extracomment>
            <translation>Parameters (changes in blue)</translation>
        </message>
        <message>
            <source>scenario.rename</source>
            <extracomment>重命名</extracomment>
            <translation>Rename</translation>
        </message>
        <message>
            <source>scenario.rename.tip</source>
            <extracomment>重命名所选情景（F2）</extracomment>
            <translation>Rename the selected scenario (F2)</translation>
        </message>
        <message>
            <source>scenario.select_all</source>
            <extracomment>全选</extracomment>
            <translation>Select all</translation>
        </message>
        <message>
            <source>scenario.settings</source>
            <extracomment>情景设置</extracomment>
            <translation>Settings</translation>
        </message>
        <message>
            <source>scenario.some_measures</source>
            <extracomment>{n} / {total} 项措施</extracomment>
            <translation>{n} of {total} measures</translation>
        </message>
        <message>
            <source>scenario.stale</source>
            <extracomment>情景已修改，结果可能已过时，请重新“对比”。</extracomment>
            <translation>Scenarios changed since; Compare again for current figures.</translation>
        </message>
        <message>
            <source>scenario.summary</source>
            <extracomment>基准日 {as_of} · 已修改参数 {n} 项 · {measures}</extracomment>
            <translation>as of {as_of} · changed parameters: {n} · {measures}</translation>
        </message>
        <message>
            <source>scenario.tab.district</source>
            <extracomment>按注册区</extracomment>
            <translation>By district</translation>
        </message>
        <message>
            <source>scenario.tab.enterprises</source>
            <extracomment>企业增减</extracomment>
            <translation>Enterprise changes</translation>
        </message>
        <message>
            <source>scenario.tab.funding</source>
            <extracomment>按资金层级</extracomment>
            <translation>By funding level</translation>
        </message>
        <message>
            <source>scenario.tab.institution</source>
            <extracomment>按机构</extracomment>
            <translation>By institution</translation>
        </message>
        <message>
            <source>scenario.tab.measure</source>
            <extracomment>按措施</extracomment>
            <translation>By measure</translation>
        </message>
        <message>
            <source>scenario.tab.split</source>
            <extracomment>按地区与受益方</extracomment>
            <translation>By region and recipient</translation>
        </message>
        <message>
            <source>scenario.total_delta</source>
            <extracomment>{name} {amount}（{delta}）</extracomment>
            <translation>{name} {amount} ({delta})</translation>
        </message>
        <message>
            <source>scenario.total_part</source>
            <extracomment>{name} {amount}</extracomment>
            <translation>{name} {amount}</translation>
        </message>
        <message>
            <source>scenario.total_sep</source>
            <extracomment>；</extracomment>
            <translation>; </translation>
        </message>
        <message>
            <source>scenario.totals</source>
            <extracomment>合计：{parts}</extracomment>
            <translation>Total: {parts}</translation>
        </message>
        <message>
            <source>scenario.totals_institutions</source>
            <extracomment>付给机构的补偿合计：{parts}</extracomment>
            <translation>Compensation to institutions, total: {parts}</translation>
        </message>
        <message>
            <source>scenario.totals_mixed</source>
            <extracomment>全部相加（跨地区、跨受益方，仅供核对，不是单一预算）：{parts}</extracomment>
            <translation>All added (across regions and recipients, for checking only, not one budget): {parts}</translation>
        </message>
        <message>
            <source>scenarios.title</source>
            <extracomment>情景</extracomment>
            <translation>Scenarios</translation>
        </message>
        <message>
            <source>scope.all</source>
            <extracomment>全部措施</extracomment>
            <translation>All measures</translation>
        </message>
        <message>
            <source>scope.document</source>
            <extracomment>文件：{number}</extracomment>
            <translation>Document: {number}</translation>
        </message>
        <message>
            <source>scope.family</source>
            <extracomment>类别：{kind}</extracomment>
            <translation>Kind: {kind}</translation>
        </message>
        <message>
            <source>scope.label</source>
            <extracomment>措施范围</extracomment>
            <translation>Measures</translation>
        </message>
        <message>
            <source>scope.no_records</source>
            <extracomment>按企业判断</extracomment>
            <translation>decided per enterprise</translation>
        </message>
        <message>
            <source>scope.none</source>
            <extracomment>未识别地区</extracomment>
            <translation>no region recognised</translation>
        </message>
        <message>
            <source>scope.own</source>
            <extracomment>本数据所在地区（{regions}）</extracomment>
            <translation>The data's own regions ({regions})</translation>
        </message>
        <message>
            <source>scope.region</source>
            <extracomment>地区：{region}</extracomment>
            <translation>Region: {region}</translation>
        </message>
        <message>
            <source>scope.reset</source>
            <extracomment>重置视图</extracomment>
            <translation>Reset view</translation>
        </message>
        <message>
            <source>scope.reset_tip</source>
            <extracomment>恢复文件顺序、清除搜索和筛选、显示全部措施</extracomment>
            <translation>Restore the file's order, clear search and filters, show every measure</translation>
        </message>
        <message>
            <source>search.placeholder</source>
            <extracomment>搜索企业名称或统一社会信用代码</extracomment>
            <translation>Search name or credit code</translation>
        </message>
        <message>
            <source>stacking.cite</source>
            <extracomment>{doc}第{article}条</extracomment>
            <translation>{doc} Art. {article}</translation>
        </message>
        <message>
            <source>stacking.cite_item</source>
            <extracomment>{doc}{article}</extracomment>
            <translation>{doc} {article}</translation>
        </message>
        <message>
            <source>stacking.exclusive.lost</source>
            <extracomment>✗ {label}：与「{winner}」不可兼得，已选用金额较高的「{winner}」，本项计0元（“{quote}”）{why}</extracomment>
            <translation>✗ {label}: cannot be combined with “{winner}”, which pays more and was chosen; this measure counts 0 yuan (“{quote}”){why}</translation>
        </message>
        <message>
            <source>stacking.exclusive.record</source>
            <extracomment>✗ {label}：未选用，计0元</extracomment>
            <translation>✗ {label}: not chosen, 0 yuan</translation>
        </message>
        <message>
            <source>stacking.exclusive.won</source>
            <extracomment>✓ {label}：与「{others}」不可兼得，本项金额较高，选用本项（“{quote}”）{why}</extracomment>
            <translation>✓ {label}: cannot be combined with “{others}”; this measure pays more and is chosen (“{quote}”){why}</translation>
        </message>
        <message>
            <source>stacking.overlap.enterprise</source>
            <extracomment>{mark} {label}：{count}笔记录按{chosen}计；{others}同类不重复，见明细</extracomment>
            <translation>{mark} {label}: {count} record(s) counted under {chosen}; {others}, the same support, not counted again; see the records</translation>
        </message>
        <message>
            <source>stacking.overlap.enterprise_stacked</source>
            <extracomment>＋ {label}：{count}笔记录按情景设定与{others}叠加计算，见明细</extracomment>
            <translation>+ {label}: {count} record(s) counted together with {others}, as the scenario sets; see the records</translation>
        </message>
        <message>
            <source>stacking.overlap.lost</source>
            <extracomment>✗ {label}：按{chosen}计；本项（{this}）同类不重复，计0元{why}</extracomment>
            <translation>✗ {label}: counted under {chosen}; this measure ({this}), the same support, counts 0 yuan{why}</translation>
        </message>
        <message>
            <source>stacking.overlap.stacked</source>
            <extracomment>＋ {label}：按情景设定与{others}叠加计算（各项均计）{why}</extracomment>
            <translation>+ {label}: counted together with {others}, as the scenario sets (all counted){why}</translation>
        </message>
        <message>
            <source>stacking.overlap.unknown</source>
            <extracomment>？ {label}：本笔金额未知，无法与{others}比较就高，是否重复支持需人工核对{why}</extracomment>
            <translation>? {label}: the amount of this record is unknown and cannot be compared with {others}; check by hand whether it is supported twice{why}</translation>
        </message>
        <message>
            <source>stacking.overlap.won</source>
            <extracomment>✓ {label}：按{chosen}计；{others}同类不重复{why}</extracomment>
            <translation>✓ {label}: counted under {chosen}; {others}, the same support, is not counted again{why}</translation>
        </message>
        <message>
            <source>stacking.pick.higher</source>
            <extracomment>从优就高</extracomment>
            <translation>the higher</translation>
        </message>
        <message>
            <source>stacking.pick.later_document</source>
            <extracomment>按后发文件</extracomment>
            <translation>the later document</translation>
        </message>
        <message>
            <source>stacking.pick.stack</source>
            <extracomment>叠加（情景）</extracomment>
            <translation>stacked (what-if)</translation>
        </message>
        <message>
            <source>stacking.record.enterprise</source>
            <extracomment>✗ {label}：部分记录已由其他措施就高支持，本项不重复计算，见明细{why}</extracomment>
            <translation>✗ {label}: some records are already supported by a measure that pays more and are not counted twice; see the records{why}</translation>
        </message>
        <message>
            <source>stacking.record.lost</source>
            <extracomment>✗ {label}：{key} 已选用金额更高的「{winner}」，本项计0元（“{quote}”）{why}</extracomment>
            <translation>✗ {label}: for {key} the higher-paying “{winner}” was chosen; this measure counts 0 yuan (“{quote}”){why}</translation>
        </message>
        <message>
            <source>stacking.record.won</source>
            <extracomment>✓ {label}：{key} 同时符合多项措施，本项金额最高，选用本项{why}</extracomment>
            <translation>✓ {label}: {key} qualifies for several measures; this one pays the most and is chosen{why}</translation>
        </message>
        <message>
            <source>stacking.shared_cap</source>
            <extracomment>✗ {label}：与同组措施合计不超过上限，本项按剩余额度计（“{quote}”）</extracomment>
            <translation>✗ {label}: together with the other measures of its group it may not exceed the cap; this measure counts what is left (“{quote}”)</translation>
        </message>
        <message>
            <source>stacking.why.earlier</source>
            <extracomment>（记录日期{date}，早于{later}施行日{start}，按先发文件计）</extracomment>
            <translation> (record dated {date}, before {later} came into force on {start}: the earlier document applies)</translation>
        </message>
        <message>
            <source>stacking.why.higher</source>
            <extracomment>（从优就高：{chosen}金额较高）</extracomment>
            <translation> (the higher: {chosen} pays more)</translation>
        </message>
        <message>
            <source>stacking.why.interpretation</source>
            <extracomment>；【解释】{text}</extracomment>
            <translation>; [interpretation] {text}</translation>
        </message>
        <message>
            <source>stacking.why.later</source>
            <extracomment>（记录日期{date}，在{chosen}施行日{start}之后，按后发文件计）</extracomment>
            <translation> (record dated {date}, on or after {chosen} came into force on {start}: the later document applies)</translation>
        </message>
        <message>
            <source>stacking.why.nodate</source>
            <extracomment>（记录日期空白，按后发文件计）</extracomment>
            <translation> (record date blank: the later document applies)</translation>
        </message>
        <message>
            <source>start.drop_hint</source>
            <extracomment>提示：把 .xlsx / .xls / .csv / .pdesk 文件拖到窗口任意位置即可打开。</extracomment>
            <translation>Tip: drop an .xlsx / .xls / .csv / .pdesk file anywhere on the window to open it.</translation>
        </message>
        <message>
            <source>start.none</source>
            <extracomment>暂无记录</extracomment>
            <translation>Nothing yet</translation>
        </message>
        <message>
            <source>start.open</source>
            <extracomment>打开企业名单…</extracomment>
            <translation>Open enterprise list…</translation>
        </message>
        <message>
            <source>start.open.tip</source>
            <extracomment>选择 Excel 或 CSV 企业名单并测算（Ctrl+O）</extracomment>
            <translation>Choose an Excel or CSV enterprise list and evaluate it (Ctrl+O)</translation>
        </message>
        <message>
            <source>start.project</source>
            <extracomment>打开项目…</extracomment>
            <translation>Open project…</translation>
        </message>
        <message>
            <source>start.project.tip</source>
            <extracomment>打开保存过的 .pdesk 项目：名单、参数、列映射与情景（Ctrl+Shift+O）</extracomment>
            <translation>Open a saved .pdesk project: list, parameters, mapping and scenarios (Ctrl+Shift+O)</translation>
        </message>
        <message>
            <source>start.recent_files</source>
            <extracomment>最近的企业名单</extracomment>
            <translation>Recent enterprise lists</translation>
        </message>
        <message>
            <source>start.recent_projects</source>
            <extracomment>最近的项目</extracomment>
            <translation>Recent projects</translation>
        </message>
        <message>
            <source>start.sample</source>
            <extracomment>打开示例数据</extracomment>
            <translation>Open sample data</translation>
        </message>
        <message>
            <source>start.sample.tip</source>
            <extracomment>用随附的示例企业名单试用全部功能</extracomment>
            <translation>Try every feature with the bundled sample list</translation>
        </message>
        <message>
            <source>start.subtitle</source>
            <extracomment>离线测算企业可享受的科创金融支持措施与补贴金额。打开企业名单（.xlsx / .xls / .csv）或项目文件，也可以把文件拖到此窗口。</extracomment>
            <translation>Offline eligibility and subsidy calculator for sci-tech finance measures. Open an enterprise list (.xlsx / .xls / .csv) or a project, or drop a file on this window.</translation>
        </message>
        <message>
            <source>status.amount_part</source>
            <extracomment>{recipient} {amount}</extracomment>
            <translation>{recipient} {amount}</translation>
        </message>
        <message>
            <source>status.amount_regions</source>
            <extracomment>（{regions}的预算分列，见结果工作簿“汇总”）</extracomment>
            <translation> ({regions}: separate budgets, see the workbook's summary)</translation>
        </message>
        <message>
            <source>status.amount_sep</source>
            <extracomment>；</extracomment>
            <translation>; </translation>
        </message>
        <message>
            <source>status.as_of_from_data</source>
            <extracomment>测算基准日取自表格注明的“数据截至”：{day}（可在工具栏修改）</extracomment>
            <translation>As-of date taken from the data's stated date: {day} (change it in the toolbar)</translation>
        </message>
        <message>
            <source>status.as_of_kept</source>
            <extracomment>表格注明数据截至 {stated}；测算基准日仍为您设定的 {day}</extracomment>
            <translation>The data states it is as of {stated}; the as-of date stays at {day}, as you set it</translation>
        </message>
        <message>
            <source>status.changed</source>
            <extracomment>参数修改后有 {n} 个数字变化（已加粗标出）</extracomment>
            <translation>{n} figures changed after the parameter change (shown in bold)</translation>
        </message>
        <message>
            <source>status.exported</source>
            <extracomment>已导出：{path}</extracomment>
            <translation>Exported: {path}</translation>
        </message>
        <message>
            <source>status.filtered</source>
            <extracomment>显示 {shown} / {n} 家</extracomment>
            <translation>showing {shown} of {n}</translation>
        </message>
        <message>
            <source>status.issues</source>
            <extracomment>数据提示 {n} 条（鼠标停留查看，完整清单见导出文件）</extracomment>
            <translation>{n} data-quality notes (hover to see; full list in the export)</translation>
        </message>
        <message>
            <source>status.measures</source>
            <extracomment>显示 {shown} / {n} 项措施</extracomment>
            <translation>{shown} of {n} measures shown</translation>
        </message>
        <message>
            <source>status.project_saved</source>
            <extracomment>项目已保存：{path}</extracomment>
            <translation>Project saved: {path}</translation>
        </message>
        <message>
            <source>status.ready</source>
            <extracomment>就绪</extracomment>
            <translation>Ready</translation>
        </message>
        <message>
            <source>status.summary</source>
            <extracomment>{file} · 企业 {n} 家 · 至少符合一项 {eligible} 家 · 待补数据 {unknown} 家 · {amount} · 基准日 {as_of}</extracomment>
            <translation>{file} · {n} enterprises · {eligible} eligible for at least one · {unknown} missing data · {amount} · as of {as_of}</translation>
        </message>
        <message>
            <source>tech.key</source>
            <extracomment>编号：{key}</extracomment>
            <translation>Key: {key}</translation>
        </message>
        <message>
            <source>tip.as_of</source>
            <extracomment>按此日期判断政策是否有效、取用当日参数与LPR；修改后自动重新测算</extracomment>
            <translation>Policies in force, parameters and LPR are taken on this date; changing it re-runs</translation>
        </message>
        <message>
            <source>tip.brief</source>
            <extracomment>为基准与勾选的情景生成简报（Ctrl+B）</extracomment>
            <translation>Briefing pack for the baseline and the ticked scenarios (Ctrl+B)</translation>
        </message>
        <message>
            <source>tip.charts</source>
            <extracomment>按措施、按区汇总与状态分布</extracomment>
            <translation>Totals by measure, by district, status</translation>
        </message>
        <message>
            <source>tip.export</source>
            <extracomment>导出结果工作簿，可选 CSV、JSON 与简报（Ctrl+E）</extracomment>
            <translation>Export the workbook, optionally CSV, JSON and the briefing pack (Ctrl+E)</translation>
        </message>
        <message>
            <source>tip.header_click</source>
            <extracomment>双击某一行，将其设为该工作表的表头行</extracomment>
            <translation>Double-click a row to make it this sheet's header row</translation>
        </message>
        <message>
            <source>tip.hide_empty</source>
            <extracomment>隐藏所有企业均为“不符合”的措施列；按措施汇总表仍列出全部措施</extracomment>
            <translation>Hide measure columns where every enterprise is not eligible; totals still list all</translation>
        </message>
        <message>
            <source>tip.import_settings</source>
            <extracomment>查看并调整当前文件的工作表、表头与列映射，保存为映射方案</extracomment>
            <translation>Review sheets, headers and the column mapping of the current file; save a profile</translation>
        </message>
        <message>
            <source>tip.institutions</source>
            <extracomment>各银行、担保、保险和知识产权服务机构可获的补偿，以及针对机构本身的措施（如不良容忍度）（Ctrl+Shift+I）</extracomment>
            <translation>Compensation per bank, guarantor, insurer and IP agency, and the measures about institutions themselves (e.g. NPL tolerance) (Ctrl+Shift+I)</translation>
        </message>
        <message>
            <source>tip.library</source>
            <extracomment>政策文件、条款、措施与测试用例</extracomment>
            <translation>Documents, clauses, measures, test cases</translation>
        </message>
        <message>
            <source>tip.map_uncertain</source>
            <extracomment>近似匹配，请确认或在“字段”列改选</extracomment>
            <translation>A similar-looking match: confirm it or pick another field</translation>
        </message>
        <message>
            <source>tip.open</source>
            <extracomment>打开企业名单（Ctrl+O）</extracomment>
            <translation>Open an enterprise list (Ctrl+O)</translation>
        </message>
        <message>
            <source>tip.open_sample</source>
            <extracomment>打开随附的示例数据</extracomment>
            <translation>Open the bundled sample data</translation>
        </message>
        <message>
            <source>tip.params</source>
            <extracomment>查看和修改各项措施的比例、上限等参数；修改后自动重新测算</extracomment>
            <translation>View and change ratios, caps and other parameters; results re-run automatically</translation>
        </message>
        <message>
            <source>tip.quality</source>
            <extracomment>读取文件时发现的全部数据问题</extracomment>
            <translation>Every data issue found while reading</translation>
        </message>
        <message>
            <source>tip.redetect</source>
            <extracomment>按当前选择的工作表与映射重新读取文件并刷新数据提示</extracomment>
            <translation>Re-read the file with the chosen sheets and mapping and refresh the issues</translation>
        </message>
        <message>
            <source>tip.reevaluate</source>
            <extracomment>按当前名单、参数与基准日重新测算（F5）</extracomment>
            <translation>Run the evaluation again with the current list, parameters and date (F5)</translation>
        </message>
        <message>
            <source>tip.scenarios</source>
            <extracomment>基准与备选情景（参数、基准日、措施范围）并排对比，生成简报</extracomment>
            <translation>Baseline and alternatives (parameters, as-of, measures) side by side; briefing pack</translation>
        </message>
        <message>
            <source>title.untitled</source>
            <extracomment>未命名项目</extracomment>
            <translation>Untitled project</translation>
        </message>
        <message>
            <source>toolbar.main</source>
            <extracomment>主工具栏</extracomment>
            <translation>Main toolbar</translation>
        </message>
        <message>
            <source>totals.adds</source>
            <extracomment>含：{parts}</extracomment>
            <translation>Adds: {parts}</translation>
        </message>
        <message>
            <source>totals.amount</source>
            <extracomment>测算金额（元）</extracomment>
            <translation>Amount (yuan)</translation>
        </message>
        <message>
            <source>totals.beneficiary.bank</source>
            <extracomment>银行</extracomment>
            <translation>Banks</translation>
        </message>
        <message>
            <source>totals.beneficiary.enterprise</source>
            <extracomment>企业</extracomment>
            <translation>Enterprises</translation>
        </message>
        <message>
            <source>totals.beneficiary.fund</source>
            <extracomment>基金</extracomment>
            <translation>Funds</translation>
        </message>
        <message>
            <source>totals.beneficiary.government</source>
            <extracomment>政府部门</extracomment>
            <translation>Government bodies</translation>
        </message>
        <message>
            <source>totals.beneficiary.guarantor</source>
            <extracomment>担保机构</extracomment>
            <translation>Guarantors</translation>
        </message>
        <message>
            <source>totals.beneficiary.insurer</source>
            <extracomment>保险机构</extracomment>
            <translation>Insurers</translation>
        </message>
        <message>
            <source>totals.beneficiary.intermediary</source>
            <extracomment>中介与载体（孵化器、平台等）</extracomment>
            <translation>Intermediaries (incubators, platforms …)</translation>
        </message>
        <message>
            <source>totals.beneficiary.investor</source>
            <extracomment>投资机构</extracomment>
            <translation>Investors</translation>
        </message>
        <message>
            <source>totals.beneficiary.ip_agency</source>
            <extracomment>知识产权专业机构</extracomment>
            <translation>IP agencies</translation>
        </message>
        <message>
            <source>totals.document</source>
            <extracomment>文件及条款</extracomment>
            <translation>Document and article</translation>
        </message>
        <message>
            <source>totals.eligible</source>
            <extracomment>符合（家）</extracomment>
            <translation>Eligible</translation>
        </message>
        <message>
            <source>totals.ineligible</source>
            <extracomment>不符合（家）</extracomment>
            <translation>Not eligible</translation>
        </message>
        <message>
            <source>totals.measure</source>
            <extracomment>措施</extracomment>
            <translation>Measure</translation>
        </message>
        <message>
            <source>totals.recipient.enterprise</source>
            <extracomment>企业获得的支持</extracomment>
            <translation>Support to enterprises</translation>
        </message>
        <message>
            <source>totals.recipient.institution</source>
            <extracomment>付给金融机构的补偿</extracomment>
            <translation>Compensation to financial institutions</translation>
        </message>
        <message>
            <source>totals.recipient.intermediary</source>
            <extracomment>中介与载体获得的支持</extracomment>
            <translation>Support to intermediaries</translation>
        </message>
        <message>
            <source>totals.recipient.other</source>
            <extracomment>其他受益方</extracomment>
            <translation>Other beneficiaries</translation>
        </message>
        <message>
            <source>totals.unknown</source>
            <extracomment>待补数据（家）</extracomment>
            <translation>Missing data</translation>
        </message>
        <message>
            <source>unit.auto</source>
            <extracomment>（按表头）</extracomment>
            <translation>(from header)</translation>
        </message>
        <message>
            <source>unit.wan_yuan</source>
            <extracomment>万元</extracomment>
            <translation>10,000 yuan</translation>
        </message>
        <message>
            <source>unit.yuan</source>
            <extracomment>元</extracomment>
            <translation> yuan</translation>
        </message>
        <message>
            <source>unsaved.portfolio</source>
            <extracomment>未命名名单</extracomment>
            <translation>untitled list</translation>
        </message>
        <message>
            <source>unsaved.sample</source>
            <extracomment>示例数据</extracomment>
            <translation>sample data</translation>
        </message>
        <message>
            <source>verdict.dropped</source>
            <extracomment>未使用</extracomment>
            <translation>Left out</translation>
        </message>
        <message>
            <source>verdict.file</source>
            <extracomment>文件</extracomment>
            <translation>File</translation>
        </message>
        <message>
            <source>verdict.header_row</source>
            <extracomment>表头行</extracomment>
            <translation>Header row</translation>
        </message>
        <message>
            <source>verdict.reason</source>
            <extracomment>说明</extracomment>
            <translation>Why</translation>
        </message>
        <message>
            <source>verdict.role</source>
            <extracomment>用途</extracomment>
            <translation>Role</translation>
        </message>
        <message>
            <source>verdict.rows</source>
            <extracomment>行数</extracomment>
            <translation>Rows</translation>
        </message>
        <message>
            <source>verdict.sheet</source>
            <extracomment>工作表</extracomment>
            <translation>Sheet</translation>
        </message>
        <message>
            <source>verdict.used</source>
            <extracomment>使用</extracomment>
            <translation>Used</translation>
        </message>
        <message>
            <source>view.ascending</source>
            <extracomment>升序</extracomment>
            <translation>ascending</translation>
        </message>
        <message>
            <source>view.descending</source>
            <extracomment>降序</extracomment>
            <translation>descending</translation>
        </message>
        <message>
            <source>view.file_order</source>
            <extracomment>排序：文件顺序</extracomment>
            <translation>In the file's order</translation>
        </message>
        <message>
            <source>view.filter</source>
            <extracomment>筛选：{filter}</extracomment>
            <translation>Filter: {filter}</translation>
        </message>
        <message>
            <source>view.hide_empty</source>
            <extracomment>已隐藏无结果的措施</extracomment>
            <translation>Measures without results hidden</translation>
        </message>
        <message>
            <source>view.scope</source>
            <extracomment>范围：{scope}</extracomment>
            <translation>Showing: {scope}</translation>
        </message>
        <message>
            <source>view.search</source>
            <extracomment>搜索：“{text}”</extracomment>
            <translation>Search: “{text}”</translation>
        </message>
        <message>
            <source>view.sep</source>
            <extracomment> ｜ </extracomment>
            <translation> | </translation>
        </message>
        <message>
            <source>view.sort</source>
            <extracomment>排序：{column}（{order}）</extracomment>
            <translation>Sorted by {column} ({order})</translation>
        </message>
        <message>
            <source>warn.input_changed</source>
            <extracomment>保存项目后，企业名单文件已被修改：
{path}
将按文件的当前内容重新测算，结果可能与保存时不同。</extracomment>
            <translation>The enterprise list changed since the project was saved:
{path}
It will be evaluated as it is now; results may differ from before.</translation>
        </message>
    </context>
</TS>

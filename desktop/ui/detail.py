"""The detail pane's HTML: why one enterprise got its status and amount.

Rendered from :meth:`Evaluation.explain`, so the pane says exactly what the export and the
command line say. Qt-free (it returns a string) and only called for the selected cell, so
explanations are never built for rows nobody looks at. Every value is HTML-escaped:
enterprise names come from user spreadsheets.
"""

from __future__ import annotations

import threading
import weakref
from html import escape

from desktop.core.evaluation import Evaluation
from desktop.core.explain import basis_label, cap_label
from desktop.core.explain.values import yuan_unit
from desktop.core.fields import TABLES, Table
from desktop.core.money import format_yuan
from desktop.core.outcomes import ELIGIBLE, INELIGIBLE, STATUS_LABELS, UNKNOWN, ItemExplanation
from desktop.ui.i18n import tr
from desktop.ui.table_data import measure_source, measure_title
from desktop.ui.technical import key_line

STATUS_COLOURS = {
    ELIGIBLE: ("#d9f2dd", "#14532d"),
    INELIGIBLE: ("#f3e6e6", "#7a3b3b"),
    UNKNOWN: ("#ffe9b3", "#7a4b00"),
}
_MARK_COLOURS = {"✓": "#1b7f3b", "✗": "#b3261e", "?": "#a15c00"}
_ORDER = {ELIGIBLE: 0, UNKNOWN: 1, INELIGIBLE: 2}

STYLE = """
<style>
body { font-size: 10pt; color: #1f2933; }
h2 { font-size: 13pt; margin: 0 0 2px 0; }
h3 { font-size: 11.5pt; margin: 14px 0 4px 0; }
.sub { color: #616e7c; }
.badge { font-weight: bold; }
.quote { background: #f4f6f8; color: #323f4b; margin: 4px 0 6px 0; }
.assume { color: #a15c00; font-weight: bold; }
.small { color: #616e7c; font-size: 9pt; }
th { background: #eef1f4; text-align: left; font-weight: normal; color: #3e4c59; }
</style>
"""


def _yuan(fen: int | None, lang: str) -> str:
    return format_yuan(fen, yuan_unit(lang))


def _badge(status: str, lang: str) -> str:
    background, colour = STATUS_COLOURS.get(status, ("#eeeeee", "#333333"))
    label = STATUS_LABELS[lang].get(status, status)
    return (
        f'<span class="badge" style="background-color:{background}; color:{colour};">'
        f"&nbsp;{escape(label)}&nbsp;</span>"
    )


def _reasons(reasons: list[str]) -> str:
    """Reason lines with the engine's ✓/✗/? mark coloured, wrapped lines hanging under the text.

    Lines without a mark (counts, amounts, manual checks) get a quiet dot. Paragraphs rather
    than a list, so copying the pane gives "✓ 属于科创企业：是" as one line.
    """
    lines = []
    for text in reasons:
        mark = text[:1]
        colour = _MARK_COLOURS.get(mark)
        if colour is None:
            cell, rest = '<span style="color:#9aa5b1;">·</span>', escape(text)
        else:
            cell = f'<span style="color:{colour}; font-weight:bold;">{mark}</span>'
            rest = escape(text[1:].lstrip())
        lines.append(
            "<p style='margin-left:24px; text-indent:-16px; margin-top:1px; margin-bottom:1px;'>"
            f"{cell} {rest}</p>"
        )
    return "".join(lines)


def _missing_label(evaluation: Evaluation, entry: str, lang: str) -> str:
    table, _, name = entry.partition(".")
    label = evaluation.label_of(name or table, lang)
    param = evaluation.parameters.get(name) if table == "parameters" else None
    try:
        table_label = TABLES[Table(table)].label(lang)
    except ValueError:
        table_label = table
    if param is not None:  # a parameter that is not set: its label, not its key
        label, table_label = param.label_for(lang), tr("detail.param_table")
    bracketed = escape(tr("detail.bracketed", text=table_label))
    return f"{escape(label)} <span class='small'>{bracketed}</span>"


def _source(evaluation: Evaluation, measure_id: str) -> str:
    compiled = evaluation.catalogue.measure(measure_id)
    doc, m = compiled.document, compiled.measure
    number = "" if doc.number == "未载明文号" else f"{escape(doc.number)} "
    cite = f"{number}《{escape(doc.title)}》{escape(tr('article', article=m.article))}"
    key = key_line(measure_id).strip()
    if key:  # 视图 → 技术细节
        cite += f"<br><span class='small'>{escape(key)}</span>"
    return (
        f"<p><b>{escape(tr('detail.source'))}</b>{escape(tr('detail.colon'))}{cite}</p>"
        f'<table class="quote" width="100%" cellpadding="6"><tr><td>“{escape(m.quote)}”'
        "</td></tr></table>"
    )


def _parameters(evaluation: Evaluation, measure_id: str, lang: str) -> str:
    params = [p for p in evaluation.parameters.values() if p.measure_id == measure_id]
    if not params:
        return ""
    colon, note_sep = escape(tr("detail.colon")), escape(tr("detail.note_sep"))
    rows = []
    for p in params:
        marks = ""
        if p.assumption:
            marks += f' <span class="assume">{escape(tr("detail.assumption"))}</span>'
        if p.overridden:
            marks += f' <span class="assume">{escape(tr("detail.overridden"))}</span>'
        source = ""
        cited, note = p.source_for(lang), p.note_for(lang)
        if cited:
            source = f"<br><span class='small'>{escape(tr('detail.param_source'))}{colon}"
            source += escape(cited)
            source += f"{note_sep}{escape(note)}</span>" if note else "</span>"
        label, shown = escape(p.label_for(lang)), escape(p.display(lang))
        rows.append(f"<li>{label}{colon}<b>{shown}</b>{marks}{source}</li>")
    return f"<p><b>{escape(tr('detail.params'))}</b></p><ul>{''.join(rows)}</ul>"


def _records(
    evaluation: Evaluation, measure_id: str, items: list[ItemExplanation], lang: str
) -> str:
    if not items:
        return ""
    outcome = evaluation.outcomes[measure_id]
    head = "".join(
        f"<th>{escape(tr(k))}</th>"
        for k in ("detail.record", "detail.year", "detail.status", "detail.amount")
    )
    body = []
    for item in items:
        amount = _yuan(item.amount_fen, lang) if item.amount_fen is not None else "—"
        if item.capped_by:
            amount += f"<br><span class='small'>{escape(tr('detail.capped'))}"
            amount += f"{escape(tr('detail.colon'))}"
            amount += f"{escape(cap_label(outcome, item.capped_by, lang))}</span>"
        reasons = _reasons(item.reasons)
        body.append(
            f"<tr><td><b>{escape(item.record)}</b></td><td>{item.year or '—'}</td>"
            f"<td>{_badge(item.status, lang)}</td><td align='right'>{amount}</td></tr>"
            f"<tr><td colspan='4'>{reasons}</td></tr>"
        )
    return (
        f"<p><b>{escape(tr('detail.records'))}</b></p>"
        f"<table width='100%' cellspacing='0' cellpadding='3'><tr>{head}</tr>{''.join(body)}"
        "</table>"
    )


def measure_html(evaluation: Evaluation, ent: int, measure_id: str, lang: str) -> str:
    """One measure's section: status, amount, reasons, missing fields, records, source, params."""
    exp = evaluation.explain(ent, measure_id, lang)
    title = escape(measure_title(evaluation, measure_id, lang))
    amount = f"&nbsp;&nbsp;<b>{escape(_yuan(exp.amount_fen, lang))}</b>" if exp.amount_fen else ""
    m = evaluation.catalogue.measure(measure_id).measure
    if amount and m.amount_basis != "computed":  # 按上限估算【假设】 / 申请金额，非核定金额
        amount += (
            f"&nbsp;<span class='small'>{escape(basis_label(m, lang, short=True) or '')}</span>"
        )
    parts = [f"<h3>{title}&nbsp;&nbsp;{_badge(exp.status, lang)}{amount}</h3>"]
    parts.append(f"<p><b>{escape(tr('detail.reasons'))}</b></p>")
    parts.append(_reasons(exp.reasons))
    if exp.missing:
        sep, colon = escape(tr("detail.list_sep")), escape(tr("detail.colon"))
        names = sep.join(_missing_label(evaluation, m, lang) for m in exp.missing)
        parts.append(f"<p><b>{escape(tr('detail.missing'))}</b>{colon}{names}</p>")
    parts.append(_records(evaluation, measure_id, exp.items, lang))
    parts.append(_source(evaluation, measure_id))
    parts.append(_parameters(evaluation, measure_id, lang))
    return "".join(parts)


def why_not(reasons: list[str]) -> str:
    """The one line that says why a measure does not apply: the first failed condition (✗),
    else the first line that is not a passed condition (“无…记录”); never a ✓ line, which
    would contradict the status."""
    for line in reasons:
        if line.startswith("✗"):
            return line
    for line in reasons:
        if not line.startswith(("✓", "?")):
            return line
    return tr("detail.no_reason")


def _ineligible_html(evaluation: Evaluation, ent: int, measure_ids: list[str], lang: str) -> str:
    """Measures this enterprise does not qualify for: one line each, with the first ✗ reason.

    With dozens of measures in the catalogue, full sections for every "no" would bury the
    few that matter; the measure's own column still gives the full explanation.
    """
    if not measure_ids:
        return ""
    rows = []
    for measure_id in measure_ids:
        exp = evaluation.explain(ent, measure_id, lang)
        reason = _reasons([why_not(exp.reasons)])
        title = escape(measure_title(evaluation, measure_id, lang))
        source = escape(measure_source(evaluation, measure_id))
        rows.append(
            f"<tr><td valign='top'><b>{title}</b><br><span class='small'>{source}</span></td>"
            f"<td valign='top'>{reason}</td></tr>"
        )
    heading = escape(tr("detail.ineligible", n=len(measure_ids)))
    return (
        f"<h3>{heading}</h3><table width='100%' cellspacing='0' cellpadding='3'>"
        f"{''.join(rows)}</table>"
    )


def detail_html(evaluation: Evaluation, ent: int, measure_id: str | None, lang: str = "zh") -> str:
    """The whole pane for enterprise position ``ent``: one measure, or all when None.

    For all measures: full sections for those it qualifies for or lacks data for (in that
    order), then one line per measure it does not qualify for.
    """
    lang = "en" if lang == "en" else "zh"
    try:
        row = evaluation.enterprises.iloc[ent]
        name, uscc = escape(str(row["name"])), escape(str(row["uscc"]))
        district = row.get("district")
        district = "" if district is None or district != district else f" · {escape(str(district))}"
        header = (
            f"{STYLE}<h2>{name}</h2><p class='sub'>{uscc}{district} · "
            f"{escape(tr('detail.as_of', as_of=evaluation.as_of.isoformat()))}</p>"
        )
        if measure_id is not None:
            return header + measure_html(evaluation, ent, measure_id, lang)
        statuses = {
            mid: str(outcome.enterprise["status"].iloc[ent])
            for mid, outcome in evaluation.outcomes.items()
        }
        ordered = sorted(statuses, key=lambda mid: _ORDER.get(statuses[mid], 3))
        relevant = [mid for mid in ordered if statuses[mid] != INELIGIBLE]
        ineligible = [mid for mid in ordered if statuses[mid] == INELIGIBLE]
        counts = tr(
            "detail.counts",
            eligible=sum(statuses[m] == ELIGIBLE for m in relevant),
            unknown=sum(statuses[m] == UNKNOWN for m in relevant),
            ineligible=len(ineligible),
        )
        sections = [measure_html(evaluation, ent, mid, lang) for mid in relevant]
        return (
            header
            + f"<p class='sub'>{escape(tr('detail.all_measures'))} · {escape(counts)}</p>"
            + "".join(sections)
            + _ineligible_html(evaluation, ent, ineligible, lang)
        )
    except Exception as exc:  # the pane must never take the window down
        import logging

        logging.getLogger(__name__).exception("detail pane failed for %s/%s", ent, measure_id)
        return f"<p>{escape(tr('detail.error', error=str(exc)))}</p>"


SelectionKey = tuple[str, "str | None"]  # (credit code, measure id or None: all measures)


class DetailPrefetch:
    """The why-pane a re-run will show, rendered ahead on the worker thread.

    Explaining one enterprise under every measure takes tens of milliseconds at 20,000
    enterprises; done on the GUI thread right when results arrive, it adds to everything
    else the window does then. The view says which enterprise and measure are selected
    (:meth:`want`); the worker that just evaluated renders that pane for its new evaluation
    (:meth:`render`); the view's first request for it takes the HTML (:meth:`take`).
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._wanted: tuple[SelectionKey, str] | None = None  # (selection, language)
        self._ready: tuple[weakref.ref[Evaluation], int, str | None, str, str] | None = None

    def want(self, key: SelectionKey | None, lang: str = "zh") -> None:
        with self._lock:
            self._wanted = None if key is None else (key, lang)

    def render(self, evaluation: Evaluation, lang: str = "zh") -> bool:
        """Render the wanted pane for ``evaluation`` (any thread) — with nothing selected, the
        first enterprise's, which a table shows first when it takes the focus; False when the
        wanted enterprise or measure is not in it."""
        with self._lock:
            wanted = self._wanted
        position: int | None = 0
        measure_id: str | None = None
        if wanted is not None:
            (uscc, measure_id), lang = wanted
            codes = evaluation.enterprises["uscc"].astype(str).to_numpy()
            hits = (codes == uscc).nonzero()[0]
            position = int(hits[0]) if len(hits) else None
        if position is None or position >= len(evaluation.enterprises):
            return False
        if measure_id is not None and measure_id not in evaluation.outcomes:
            return False
        html = detail_html(evaluation, position, measure_id, lang)
        with self._lock:
            self._ready = (weakref.ref(evaluation), position, measure_id, lang, html)
        return True

    def take(
        self, evaluation: Evaluation, position: int, measure_id: str | None, lang: str
    ) -> str | None:
        """The pane rendered ahead for exactly this evaluation and cell, once; else None."""
        with self._lock:
            ready = self._ready
            if ready is None:
                return None
            ref, pos, mid, language, html = ready
            if ref() is not evaluation or (pos, mid, language) != (position, measure_id, lang):
                return None
            self._ready = None
        return html


PREFETCH = DetailPrefetch()


__all__ = ["PREFETCH", "DetailPrefetch", "detail_html", "measure_html"]

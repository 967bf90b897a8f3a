"""What the policy library shows, Qt-free: the document → article → measure tree, the HTML of
a selected node, full-text search over clauses, and which enterprises a measure hits."""

from __future__ import annotations

import html
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop import i18n
from desktop.core.catalogue import Catalogue
from desktop.core.evaluation import Evaluation
from desktop.core.explain import basis_label
from desktop.core.outcomes import ELIGIBLE, UNKNOWN


def kind_label(kind: str, lang: str = "zh") -> str:
    """computable / checkable / informational in ``lang`` (``library.kind.*``)."""
    return i18n.label("library.kind", kind, lang)


def _status_label(status: str, lang: str) -> str:
    """A document's in_force / expired / draft / unknown in ``lang`` (``library.status.*``)."""
    return i18n.label("library.status", status, lang)


@dataclass(frozen=True)
class Node:
    """One tree row: a document, an article or a measure."""

    kind: str  # "document" | "article" | "measure"
    key: str  # slug | "slug#number" | measure id
    title: str
    kind_text: str
    tags: str
    search: str  # lower-cased text searched by the filter box
    children: list[Node] = field(default_factory=list)


def article_key(slug: str, number: str) -> str:
    return f"{slug}#{number}"


def build_tree(catalogue: Catalogue, lang: str = "zh") -> list[Node]:
    """Documents in catalogue order, their articles, and each article's measures."""
    out: list[Node] = []
    for slug, pf in catalogue.files.items():
        doc = pf.document
        by_article: dict[str, list[Any]] = defaultdict(list)
        for m in pf.measures:
            by_article[m.article].append(m)
        articles: list[Node] = []
        for a in pf.articles:
            measures = [
                Node(
                    "measure",
                    m.id,
                    (m.name_en or m.name) if lang == "en" else m.name,
                    kind_label(m.kind, lang),
                    "",
                    f"{m.name} {m.name_en or ''} {m.quote} {m.id}".lower(),
                )
                for m in by_article.get(a.number, [])
            ]
            number = a.number if not a.number.isdigit() or lang == "en" else f"第{a.number}条"
            text = " ".join([a.number, a.title, a.section or "", a.quote, *a.tags, *a.responsible])
            articles.append(
                Node(
                    "article",
                    article_key(slug, a.number),
                    f"{number} {a.title}",
                    kind_label(a.kind, lang),
                    "、".join(a.tags),
                    text.lower(),
                    measures,
                )
            )
        status = _status_label(doc.status, lang)
        out.append(
            Node(
                "document",
                slug,
                f"{doc.number} {doc.title}",
                status,
                "",
                f"{doc.number} {doc.title} {' '.join(doc.issuers)}".lower(),
                articles,
            )
        )
    return out


def matches(node: Node, text: str) -> bool:
    """Whether ``node`` (or one of its children) contains every word of ``text``."""
    words = [w for w in text.lower().split() if w]
    if not words:
        return True
    if all(w in node.search for w in words):
        return True
    return any(matches(child, text) for child in node.children)


# --- detail -------------------------------------------------------------------------------


def _e(text: object) -> str:
    return html.escape(str(text))


def _quote(text: str) -> str:
    return (
        "<blockquote style='margin:6px 0 10px 0;padding:6px 10px;background:#f6f7f9;"
        f"border-left:3px solid #7a8ca6'>{_e(text)}</blockquote>"
    )


def document_html(catalogue: Catalogue, slug: str, lang: str = "zh") -> str:
    pf = catalogue.files[slug]
    d = pf.document
    status = _status_label(d.status, lang)
    rows = [
        ("number", d.number),
        ("issuers", "、".join(d.issuers)),
        ("region", d.region),
        ("written", d.written or "—"),
        ("in_force", d.in_force or "—"),
        ("expires", d.expires or "—"),
        ("status", status),
        ("counts", f"{len(pf.articles)} / {len(pf.measures)}"),
    ]
    body = "".join(
        f"<tr><td style='color:#555;padding-right:12px'>{_e(i18n.text(f'library.doc.{k}', lang))}"
        f"</td><td>{_e(v)}</td></tr>"
        for k, v in rows
    )
    note = f"<p style='color:#555'>{_e(d.source_note)}</p>" if d.source_note else ""
    return f"<h3>{_e(d.title)}</h3><table>{body}</table>{note}"


def article_html(catalogue: Catalogue, key: str, lang: str = "zh") -> str:
    slug, _, number = key.partition("#")
    pf = catalogue.files[slug]
    article = next(a for a in pf.articles if a.number == number)

    def words(key: str) -> str:
        return i18n.text(f"library.article.{key}", lang)

    parts = [
        f"<h3>{_e(article.title)}</h3>",
        f"<p style='color:#555'>{_e(pf.document.number)} · {_e(article.section or '')}</p>",
        _quote(article.quote),
        f"<p><b>{words('kind')}：</b>{_e(kind_label(article.kind, lang))}",
    ]
    if article.tags:
        parts.append(f"　<b>{words('tags')}：</b>{_e('、'.join(article.tags))}")
    parts.append("</p>")
    units = "、".join(article.responsible) or words("no_units")
    parts.append(f"<p><b>{words('responsible')}：</b>{_e(units)}</p>")
    measures = [m for m in pf.measures if m.article == number]
    if measures:
        parts.append(f"<p><b>{words('measures')}：</b>")
        parts.append("、".join(_e(m.name) for m in measures) + "</p>")
    return "".join(parts)


def _article_no(number: str, zh: bool) -> str:
    return f"第{_e(number)}条" if zh and number.isdigit() else _e(number)


def measure_html(
    catalogue: Catalogue,
    measure_id: str,
    cases: list[Any] | None = None,
    lang: str = "zh",
) -> str:
    """Quote, conditions, formula, caps, parameters with sources, and the YAML test cases."""
    compiled = catalogue.measures[measure_id]
    m = compiled.measure
    doc = compiled.document
    zh = lang != "en"

    def words(key: str) -> str:
        return i18n.text(f"library.measure.{key}", lang)

    name = (m.name_en or m.name) if not zh else m.name
    parts = [
        f"<h3>{_e(name)}</h3>",
        f"<p style='color:#555'>{_e(doc.number)} {_article_no(m.article, zh)}"
        f" · {_e(kind_label(m.kind, lang))} · <code>{_e(m.id)}</code></p>",
        _quote(m.quote),
    ]

    def criteria(title: str, items: list[Any]) -> None:
        if not items:
            return
        parts.append(f"<h4>{_e(title)}</h4><ol>")
        for c in items:
            label = (c.label_en or c.label) if not zh else c.label
            switch = m.parameters.get(c.interpretation) if c.interpretation else None
            if switch is not None:  # a reading of the text, not its words: say so
                name = switch.label if zh else (switch.label_en or switch.label)
                label = i18n.text("interpretation.label", lang, label=label, name=name)
            source = (
                f"<br><span style='color:#666'>{words('source')}：{_e(c.source)}</span>"
                if c.source
                else ""
            )
            parts.append(f"<li>{_e(label)}　<code>{_e(c.test)}</code>{source}</li>")
        parts.append("</ol>")

    criteria(words("conditions"), list(m.conditions))
    criteria(words("record_conditions"), list(m.record_conditions))
    if m.amount:
        label = f"（{_e(m.amount_label)}）" if m.amount_label else ""
        parts.append(f"<h4>{words('formula')}</h4><p><code>{_e(m.amount)}</code>{label}</p>")
        basis = basis_label(m, lang, short=True)
        note = m.amount_basis_note_for(lang)
        parts.append(f"<p><b>{_e(basis)}</b>" + (f"：{_e(note)}" if note else "") + "</p>")
    if m.caps:
        parts.append(f"<h4>{words('caps')}</h4><ul>")
        for cap in m.caps:
            label = (cap.label_en or cap.label) if not zh else cap.label
            parts.append(f"<li>{_e(label)}：<code>{_e(cap.amount)}</code>（{_e(cap.per)}）</li>")
        parts.append("</ul>")
    if m.parameters:
        parts.append(f"<h4>{words('parameters')}</h4><ul>")
        for key, p in m.parameters.items():
            label = (p.label_en or p.label) if not zh else p.label
            parts.append(f"<li><b>{_e(label)}</b> <code>p.{_e(key)}</code><ul>")
            for v in p.values:
                mark = " <span style='color:#a15c00'>【假设】</span>" if v.assumption else ""
                note = f"<br><span style='color:#666'>{_e(v.note)}</span>" if v.note else ""
                parts.append(
                    f"<li>{_e(v.start)} 起：{_e(v.value)} {_e(p.unit)}{mark}<br>"
                    f"<span style='color:#666'>{words('param_source')}："
                    f"{_e(v.source)}</span>{note}</li>"
                )
            parts.append("</ul></li>")
        parts.append("</ul>")
    if m.manual_checks:
        parts.append(f"<h4>{words('manual_checks')}</h4><ul>")
        parts.extend(f"<li>{_e(t)}</li>" for t in m.manual_checks)
        parts.append("</ul>")
    mine = [c for c in (cases or []) if c.case.measure == measure_id]
    parts.append(f"<h4>{words('cases')}（{len(mine)}）</h4>")
    if mine:
        parts.append("<ul>")
        for loaded in mine:
            case = loaded.case
            expect = case.expect
            amount = f"，{_e(expect.amount)} 元" if expect.amount is not None else ""
            where = f"{Path(loaded.path).name}:{loaded.line}"
            parts.append(
                f"<li>{_e(case.name)} → <b>{_e(expect.status)}</b>{amount}"
                f" <span style='color:#888'>({_e(where)}, {_e(case.as_of)})</span></li>"
            )
        parts.append("</ul>")
    return "".join(parts)


def measure_hits(evaluation: Evaluation | None, measure_id: str) -> tuple[int, int] | None:
    """(eligible, unknown) enterprise counts for ``measure_id``; None without a result."""
    if evaluation is None or measure_id not in evaluation.outcomes:
        return None
    counts = evaluation.outcomes[measure_id].enterprise["status"].value_counts()
    return int(counts.get(ELIGIBLE, 0)), int(counts.get(UNKNOWN, 0))


def status_text(statuses: frozenset[str], lang: str = "zh") -> str:
    names = {ELIGIBLE: "library.hit.eligible", UNKNOWN: "library.hit.unknown"}
    return "、".join(i18n.text(names[s], lang) if s in names else s for s in sorted(statuses))


def load_all_cases() -> list[Any]:
    """The YAML test cases under ``policies/tests`` (an empty list when they cannot load)."""
    from desktop.core.policy_tests import load_cases
    from desktop.paths import policies_dir

    try:
        return load_cases(policies_dir() / "tests")
    except Exception:
        import logging

        logging.getLogger(__name__).warning("cannot load the policy test cases", exc_info=True)
        return []


__all__ = [
    "Node",
    "article_html",
    "article_key",
    "build_tree",
    "document_html",
    "kind_label",
    "load_all_cases",
    "matches",
    "measure_hits",
    "measure_html",
]

"""Everything the result tables show, formatted once when an evaluation arrives.

Qt-free on purpose: the worker thread builds it right after the engine finishes, so the
table models only index into ready-made lists and their ``data()`` stays trivial. A switch
of language rebuilds it (cheap: no evaluation, only string formatting).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from desktop.core.evaluation import Evaluation
from desktop.core.explain import basis_label
from desktop.core.money import format_yuan
from desktop.core.outcomes import ELIGIBLE, INELIGIBLE, STATUS_LABELS, UNKNOWN
from desktop.core.portfolio import QualityIssue
from desktop.core.totals import RECIPIENTS, recipient_key, recipient_of
from desktop.i18n import text, tr
from desktop.ui.technical import key_line

# Sort order of a measure cell: eligible (by amount) above missing data above not eligible.
_RANK = {ELIGIBLE: 2, UNKNOWN: 1, INELIGIBLE: 0}
_RANK_STEP = 10**15  # above any amount in 分 (10^13 yuan)


def short_number(number: str) -> str:
    """Document numbers are long (京金融〔2022〕190号); headers keep them, tooltips too."""
    return number if number and number != "未载明文号" else ""


@dataclass(frozen=True)
class MeasureColumn:
    """One measure's column: status code, text, tooltip and sort key per enterprise row."""

    measure_id: str
    title: str
    source: str  # "京金融〔2022〕190号 第16条"
    tooltip: str
    has_amount: bool
    status: list[str]
    amount_fen: list[int | None]
    text: list[str]
    sort_key: list[int]


@dataclass(frozen=True)
class TotalsRow:
    measure_id: str
    title: str
    source: str
    eligible: int
    unknown: int
    ineligible: int
    amount_fen: int | None
    amount_text: str


@dataclass(frozen=True)
class EnterpriseTable:
    """Rows are enterprise positions in the evaluation; columns are identity then measures."""

    lang: str
    uscc: list[str]
    name: list[str]
    district: list[str]
    search: list[str]
    measures: list[MeasureColumn]
    totals: list[TotalsRow]
    any_eligible: int
    any_unknown: int
    total_amount_fen: int
    # the amounts split by recipient class (core.totals.RECIPIENTS order, non-zero only) and
    # the regions of the documents that pay them: the status line never shows a bare total
    by_recipient: tuple[tuple[str, int], ...] = ()
    regions: tuple[str, ...] = ()

    @property
    def rows(self) -> int:
        return len(self.uscc)

    @classmethod
    def empty(cls, lang: str = "zh") -> EnterpriseTable:
        return cls(lang, [], [], [], [], [], [], 0, 0, 0)


def _texts(series: pd.Series) -> list[str]:
    return ["" if pd.isna(v) else str(v) for v in series.tolist()]


def measure_source(evaluation: Evaluation, measure_id: str) -> str:
    compiled = evaluation.catalogue.measure(measure_id)
    number = short_number(compiled.document.number) or compiled.document.title
    return f"{number} {tr('article', article=compiled.measure.article)}"


def measure_title(evaluation: Evaluation, measure_id: str, lang: str) -> str:
    m = evaluation.catalogue.measure(measure_id).measure
    return (m.name_en or m.name) if lang == "en" else m.name


def build_enterprise_table(evaluation: Evaluation, lang: str = "zh") -> EnterpriseTable:
    """Format every cell of the result table and the per-measure totals."""
    labels = STATUS_LABELS["en" if lang == "en" else "zh"]
    ents = evaluation.enterprises
    uscc = _texts(ents["uscc"])
    name = _texts(ents["name"])
    district = _texts(ents["district"]) if "district" in ents.columns else [""] * len(uscc)
    columns: list[MeasureColumn] = []
    totals: list[TotalsRow] = []
    any_eligible = [False] * len(uscc)
    any_unknown = [False] * len(uscc)
    grand_total = 0
    recipients: dict[str, int] = {}
    regions: dict[str, None] = {}
    for measure_id, outcome in evaluation.outcomes.items():
        frame = outcome.enterprise
        status = [str(s) for s in frame["status"].tolist()]
        has_amount = "amount_fen" in frame.columns
        if has_amount:
            amount = [None if pd.isna(v) else int(v) for v in frame["amount_fen"].tolist()]
        else:
            amount = [None] * len(status)
        text: list[str] = []
        sort_key: list[int] = []
        m = outcome.measure.measure
        # an amount at a ceiling or as requested says so beside the figure
        basis = basis_label(m, lang, short=True) if m.amount_basis != "computed" else None
        for row, (code, fen) in enumerate(zip(status, amount, strict=True)):
            label = labels.get(code, code)
            if code == ELIGIBLE:
                any_eligible[row] = True
                if fen is not None:
                    label = f"{label} · {format_yuan(fen, '')}"
                    if basis:
                        label = f"{label} · {basis}"
            elif code == UNKNOWN:
                any_unknown[row] = True
            text.append(label)
            sort_key.append(_RANK.get(code, 0) * _RANK_STEP + (fen or 0))
        title = measure_title(evaluation, measure_id, lang)
        source = measure_source(evaluation, measure_id)
        document = evaluation.catalogue.measure(measure_id).document
        tooltip = f"{title}\n{document.number}《{document.title}》\n{source}"
        long_basis = basis_label(m, lang)
        if long_basis:
            tooltip = f"{tooltip}\n{long_basis}"
        tooltip += key_line(measure_id)
        columns.append(
            MeasureColumn(
                measure_id, title, source, tooltip, has_amount, status, amount, text, sort_key
            )
        )
        counts = {code: status.count(code) for code in (ELIGIBLE, UNKNOWN, INELIGIBLE)}
        total = sum(f for c, f in zip(status, amount, strict=True) if c == ELIGIBLE and f) or 0
        grand_total += total
        if total:
            compiled = evaluation.catalogue.measure(measure_id)
            recipient = recipient_of(compiled.measure.beneficiary)
            recipients[recipient] = recipients.get(recipient, 0) + total
            document = compiled.document
            region = (document.region_en or document.region) if lang == "en" else document.region
            regions.setdefault(region, None)
        totals.append(
            TotalsRow(
                measure_id,
                title,
                source,
                counts[ELIGIBLE],
                counts[UNKNOWN],
                counts[INELIGIBLE],
                total if has_amount else None,
                format_yuan(total, "") if has_amount else "—",
            )
        )
    search = [f"{code} {n}" for code, n in zip(uscc, name, strict=True)]
    order = measure_order(evaluation, totals)
    return EnterpriseTable(
        lang=lang,
        uscc=uscc,
        name=name,
        district=district,
        search=search,
        measures=[columns[i] for i in order],
        totals=[totals[i] for i in order],
        any_eligible=sum(any_eligible),
        any_unknown=sum(u and not e for u, e in zip(any_unknown, any_eligible, strict=True)),
        total_amount_fen=grand_total,
        by_recipient=tuple((r, recipients[r]) for r in RECIPIENTS if recipients.get(r)),
        regions=tuple(regions),
    )


def amounts_text(table: EnterpriseTable) -> str:
    """The amounts by recipient class (“企业获得的支持 …；付给金融机构的补偿 …”), and, when
    the documents of several regions pay, that their budgets are apart (never one total)."""
    unit = tr("unit.yuan")
    if not table.by_recipient:
        return format_yuan(0, unit)
    parts = [
        tr("status.amount_part", recipient=tr(recipient_key(r)), amount=format_yuan(f, unit))
        for r, f in table.by_recipient
    ]
    words = tr("status.amount_sep").join(parts)
    if len(table.regions) > 1:
        sep = tr("status.amount_sep")
        words += tr("status.amount_regions", regions=sep.join(table.regions))
    return words


def missing_data_measures(table: EnterpriseTable) -> list[TotalsRow]:
    """Measures with amounts whose total is 0 only because data is missing: nobody eligible,
    some 待补 (most 待补 first) — the banner names them so a 0 is not read as “nothing due”."""
    rows = [
        t for t in table.totals if t.amount_fen is not None and t.eligible == 0 and t.unknown > 0
    ]
    return sorted(rows, key=lambda t: -t.unknown)


def data_regions(evaluation: Evaluation) -> set[str]:
    """The cities the enterprises are in (推定 from district or credit code), e.g. {北京市}."""
    ents = evaluation.enterprises
    if "region_city" not in ents.columns:
        return set()
    return {str(c) for c in ents["region_city"].dropna().unique() if str(c)}


def in_regions(region: str, cities: set[str]) -> bool:
    """Whether a document's region (北京市, 江西省吉安市新干县 …) covers one of ``cities``."""
    return any(city in region for city in cities)


def measure_order(evaluation: Evaluation, totals: list[TotalsRow]) -> list[int]:
    """Positions of the measures as the matrix shows them: those of the data's own regions
    first (a Beijing bank's file opens on Beijing measures), then by the number of eligible
    enterprises, then of undecided ones, then in catalogue order."""
    cities = data_regions(evaluation)

    def key(i: int) -> tuple[int, int, int, int]:
        row = totals[i]
        region = evaluation.catalogue.measure(row.measure_id).document.region
        own = in_regions(region, cities)
        return (0 if own else 1, -row.eligible, -row.unknown, i)

    return sorted(range(len(totals)), key=key)


SCOPE_ALL = "all"  # the default: every measure (ordered with the data's own regions first)
SCOPE_OWN = "own"  # the measures of the data's own regions


@dataclass(frozen=True)
class ScopeChoice:
    key: str  # own | all | region:<region> | doc:<slug> | family:<record table>
    label: str


def scope_choices(evaluation: Evaluation, lang: str) -> list[ScopeChoice]:
    """Which measures the matrix shows: the data's own regions, all, one region, one
    document, or one family (the kind of record a measure pays on: loans, insurance …)."""
    from desktop.core.fields import TABLES, Table

    catalogue = evaluation.catalogue
    measures = [catalogue.measure(m) for m in evaluation.outcomes]
    cities = sorted(data_regions(evaluation))
    own = text("scope.own", lang, regions="、".join(cities) or text("scope.none", lang))
    choices = [ScopeChoice(SCOPE_ALL, text("scope.all", lang)), ScopeChoice(SCOPE_OWN, own)]
    regions = dict.fromkeys(m.document.region for m in measures)
    choices += [ScopeChoice(f"region:{r}", text("scope.region", lang, region=r)) for r in regions]
    documents = {m.document.slug: m.document for m in measures}
    choices += [
        ScopeChoice(f"doc:{slug}", text("scope.document", lang, number=d.number))
        for slug, d in documents.items()
    ]
    families = dict.fromkeys(m.measure.records or "" for m in measures)
    for family in families:
        name = TABLES[Table(family)].label(lang) if family else text("scope.no_records", lang)
        choices.append(ScopeChoice(f"family:{family}", text("scope.family", lang, kind=name)))
    return choices


def scope_measures(evaluation: Evaluation, key: str) -> set[str] | None:
    """The measure ids a scope keeps (None: all of them)."""
    if key == SCOPE_ALL:
        return None
    catalogue = evaluation.catalogue
    cities = data_regions(evaluation)
    kind, _, value = key.partition(":")
    kept: set[str] = set()
    for measure_id in evaluation.outcomes:
        compiled = catalogue.measure(measure_id)
        document = compiled.document
        if kind == SCOPE_OWN:
            keep = not cities or in_regions(document.region, cities)
        elif kind == "region":
            keep = document.region == value
        elif kind == "doc":
            keep = document.slug == value
        elif kind == "family":
            keep = (compiled.measure.records or "") == value
        else:
            return None  # an unknown key (e.g. from an older layout): everything
        if keep:
            kept.add(measure_id)
    return kept


def view_state_text(
    *,
    sort: str | None,
    descending: bool,
    scope: str,
    search: str,
    measure_filter: str | None,
    hide_empty: bool,
) -> str:
    """“排序：文件顺序 ｜ 范围：… ｜ 搜索：“星河” ｜ 已隐藏无结果的措施”: how the matrix is
    sorted and filtered now, so the analyst never wonders why a row or column is missing."""
    parts = [
        text(
            "view.sort",
            None,
            column=sort,
            order=text("view.descending" if descending else "view.ascending"),
        )
        if sort
        else text("view.file_order"),
        text("view.scope", None, scope=scope),
    ]
    if search:
        parts.append(text("view.search", None, text=search))
    if measure_filter:
        parts.append(text("view.filter", None, filter=measure_filter))
    if hide_empty:
        parts.append(text("view.hide_empty"))
    return text("view.sep").join(parts)


ISSUES_IN_TOOLTIP = 15


def issue_line(issue: QualityIssue) -> str:
    """One data-quality finding as "企业!A3  message（value）"."""
    parts = (f"{issue.sheet}!" if issue.sheet else None, issue.column, issue.row)
    where = "".join(str(part) for part in parts if part is not None)
    value = f"（{issue.value}）" if issue.value else ""
    return f"{where}  {issue.message}{value}".strip()


def summary_texts(
    table: EnterpriseTable,
    evaluation: Evaluation,
    label: str,
    *,
    shown_rows: int,
    hidden_measures: int,
    issues: Sequence[QualityIssue],
) -> tuple[str, str]:
    """The status-bar line and its tooltip (the line again, then the first quality notes)."""
    text = tr(
        "status.summary",
        file=label,
        n=table.rows,
        eligible=table.any_eligible,
        unknown=table.any_unknown,
        amount=amounts_text(table),
        as_of=evaluation.as_of.isoformat(),
    )
    if shown_rows != table.rows:
        text += " · " + tr("status.filtered", shown=shown_rows, n=table.rows)
    if hidden_measures:
        n = len(table.measures)
        text += " · " + tr("status.measures", shown=n - hidden_measures, n=n)
    # the time basis of every amount, beside the as-of date the line shows
    basis = tr("basis.time", as_of=evaluation.as_of.isoformat())
    if not issues:
        return text, "\n".join([text, basis])
    text += " · " + tr("status.issues", n=len(issues))
    lines = [issue_line(issue) for issue in issues[:ISSUES_IN_TOOLTIP]]
    if len(issues) > ISSUES_IN_TOOLTIP:
        lines.append("…")
    return text, "\n".join([text, basis, "", *lines])


__all__ = [
    "EnterpriseTable",
    "MeasureColumn",
    "TotalsRow",
    "amounts_text",
    "build_enterprise_table",
    "issue_line",
    "measure_source",
    "measure_title",
    "missing_data_measures",
    "summary_texts",
]

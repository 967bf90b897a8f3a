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
from desktop.i18n import tr

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
        tooltip = f"{title}\n{document.number}《{document.title}》\n{source}\n{measure_id}"
        long_basis = basis_label(m, lang)
        if long_basis:
            tooltip = f"{tooltip}\n{long_basis}"
        columns.append(
            MeasureColumn(
                measure_id, title, source, tooltip, has_amount, status, amount, text, sort_key
            )
        )
        counts = {code: status.count(code) for code in (ELIGIBLE, UNKNOWN, INELIGIBLE)}
        total = sum(f for c, f in zip(status, amount, strict=True) if c == ELIGIBLE and f) or 0
        grand_total += total
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
    return EnterpriseTable(
        lang=lang,
        uscc=uscc,
        name=name,
        district=district,
        search=search,
        measures=columns,
        totals=totals,
        any_eligible=sum(any_eligible),
        any_unknown=sum(u and not e for u, e in zip(any_unknown, any_eligible, strict=True)),
        total_amount_fen=grand_total,
    )


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
        amount=format_yuan(table.total_amount_fen, tr("unit.yuan")),
        as_of=evaluation.as_of.isoformat(),
    )
    if shown_rows != table.rows:
        text += " · " + tr("status.filtered", shown=shown_rows, n=table.rows)
    if hidden_measures:
        n = len(table.measures)
        text += " · " + tr("status.measures", shown=n - hidden_measures, n=n)
    if not issues:
        return text, text
    text += " · " + tr("status.issues", n=len(issues))
    lines = [issue_line(issue) for issue in issues[:ISSUES_IN_TOOLTIP]]
    if len(issues) > ISSUES_IN_TOOLTIP:
        lines.append("…")
    return text, "\n".join([text, "", *lines])


__all__ = [
    "EnterpriseTable",
    "MeasureColumn",
    "TotalsRow",
    "build_enterprise_table",
    "issue_line",
    "measure_source",
    "measure_title",
    "summary_texts",
]

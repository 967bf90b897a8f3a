"""The rows of every result table, built once and shared by the workbook and CSV writers.

A table is a tuple of :class:`Column` (a stable id and a value kind) and rows of plain
values: ``str`` for text, a status code for ``status``, integer 分 for ``money``,
:class:`~decimal.Decimal` for ``number``, :class:`datetime.date` for ``date``. Writers
decide how each kind looks; nothing here knows about XlsxWriter or CSV.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pandas as pd

from desktop.core.evaluation import Evaluation
from desktop.core.explain import basis_label, cap_label
from desktop.core.fields import TABLES, Table
from desktop.core.outcomes import Explanation
from desktop.core.parameters import bound_line, format_param
from desktop.core.portfolio import sheet_verdict_text
from desktop.core.progress import Progress, ShouldCancel
from desktop.errors import CancelledError
from desktop.export.text import ASSUMPTION_MARK, severity_word, yes_word


@dataclass(frozen=True)
class Column:
    id: str
    kind: str = "text"  # text | wrap | mark | status | money | number | date | int
    width: float | None = None  # fixed width (wrapped columns); None = fit to content


RESULT_COLUMNS = (
    Column("uscc"),
    Column("name"),
    Column("district"),
    Column("measure_id"),
    Column("measure_name"),
    Column("doc_number"),
    Column("article"),
    Column("status", "status"),
    Column("amount", "money"),
    Column("reasons", "wrap", 70),
    Column("missing", "wrap", 30),
    Column("amount_basis"),
)
ITEM_COLUMNS = (
    Column("uscc"),
    Column("name"),
    Column("measure_id"),
    Column("measure_name"),
    Column("record_table"),
    Column("record"),
    Column("year", "int"),
    Column("status", "status"),
    Column("raw_amount", "money"),
    Column("allocated", "money"),
    Column("capped_by"),
    Column("lpr_1y", "percent"),
    Column("lpr_from", "date"),
    Column("reasons", "wrap", 70),
    Column("missing", "wrap", 30),
)
PARAMETER_COLUMNS = (
    Column("param_key"),
    Column("measure_id"),
    Column("measure_name"),
    Column("param_label"),
    Column("value_display", "mark"),
    Column("value_number", "number"),
    Column("unit"),
    Column("valid_from", "date"),
    Column("assumption", "mark"),
    Column("source", "wrap", 40),
    Column("note", "wrap", 50),
    Column("overridden"),
    Column("default"),
)
POLICY_COLUMNS = (
    Column("measure_id"),
    Column("doc_number"),
    Column("doc_title", "wrap", 36),
    Column("issuers", "wrap", 24),
    Column("article"),
    Column("article_title", "wrap", 30),
    Column("measure_name", "wrap", 30),
    Column("amount_label", "wrap", 24),
    Column("caps", "wrap", 30),
    Column("manual_checks", "wrap", 40),
    Column("quote", "wrap", 80),
    Column("amount_basis"),
    Column("amount_basis_note", "wrap", 50),
)
QUALITY_COLUMNS = (
    Column("severity"),
    Column("sheet"),
    Column("row", "int"),
    Column("column"),
    Column("value", "wrap", 30),
    Column("message", "wrap", 60),
    Column("action", "wrap", 30),
)


class Ticker:
    """Reports progress within a span of the whole job and honours cancellation."""

    def __init__(self, progress: Progress | None, should_cancel: ShouldCancel | None) -> None:
        self.progress = progress
        self.should_cancel = should_cancel

    def check(self) -> None:
        if self.should_cancel is not None and self.should_cancel():
            raise CancelledError("导出已取消 / export cancelled")

    def report(self, fraction: float, text: str) -> None:
        if self.progress is not None:
            self.progress(min(max(fraction, 0.0), 1.0), text)


def _text(value: Any) -> str:
    """A cell of an identity column as text; missing (None, NaN, NA) is empty."""
    if value is None:
        return ""
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return str(value)


def _article(number: str) -> str:
    return f"第{number}条" if number.isdigit() else number


@dataclass(frozen=True)
class _MeasureInfo:
    name: str
    doc_number: str
    article: str
    basis: str = ""  # 按上限估算【假设】 / 申请金额，非核定金额 / 按文件规则测算


class TableBuilder:
    """Builds the rows of each table of one evaluation in one language."""

    def __init__(self, evaluation: Evaluation, lang: str = "zh") -> None:
        self.evaluation = evaluation
        self.lang = "en" if lang == "en" else "zh"
        ents = evaluation.enterprises
        self._uscc = [_text(v) for v in ents["uscc"]]
        self._name = [_text(v) for v in ents["name"]]
        self._district = [_text(v) for v in ents["district"]]
        self._measures: dict[str, _MeasureInfo] = {}
        self._lpr: dict[tuple[Any, Any], tuple[Any, Any]] | None = None  # built on first use
        # Enterprise measures, then the measures about institutions (190号第15条): both are
        # named on 参数 and 政策依据; only the first have per-enterprise results.
        for measure_id in [*evaluation.measure_ids, *evaluation.institution_measure_ids]:
            compiled = evaluation.catalogue.measure(measure_id)
            m = compiled.measure
            self._measures[measure_id] = _MeasureInfo(
                name=(m.name_en or m.name) if self.lang == "en" else m.name,
                doc_number=compiled.document.number,
                article=_article(m.article),
                basis=basis_label(m, self.lang, short=True) or "",
            )

    @property
    def result_count(self) -> int:
        return len(self.evaluation) * len(self.evaluation.measure_ids)

    def explanations(self, ticker: Ticker | None = None) -> Iterator[tuple[int, Explanation]]:
        """Every (enterprise position, explanation), enterprise by enterprise."""
        # The bulk path renders a block of enterprises per measure at once (same text as
        # explain(), many times faster).
        for ent, explanations in self.evaluation.explain_enterprises(self.lang):
            if ticker is not None:
                ticker.check()
            for explanation in explanations:
                yield ent, explanation

    def measure_info(self) -> dict[str, _MeasureInfo]:
        return dict(self._measures)

    def identity(self, ent: int) -> tuple[str, str, str]:
        return self._uscc[ent], self._name[ent], self._district[ent]

    def item_count(self) -> int:
        return sum(
            0 if o.records is None else len(o.records) for o in self.evaluation.outcomes.values()
        )

    def by_enterprise(
        self, ticker: Ticker | None = None
    ) -> Iterator[tuple[int, list[Explanation]]]:
        """Every enterprise position with its explanations in measure order (bulk when the
        evaluation offers it)."""
        ev = self.evaluation
        if hasattr(ev, "explain_enterprises"):
            cancel = ticker.should_cancel if ticker is not None else None
            yield from ev.explain_enterprises(self.lang, should_cancel=cancel)
            return
        for ent in range(len(ev)):
            if ticker is not None:
                ticker.check()
            yield ent, [ev.explain(ent, m, self.lang) for m in ev.measure_ids]

    # -- rows
    def result_row(self, ent: int, exp: Explanation) -> list[Any]:
        info = self._measures[exp.measure_id]
        return [
            self._uscc[ent],
            self._name[ent],
            self._district[ent],
            exp.measure_id,
            info.name,
            info.doc_number,
            info.article,
            exp.status,
            exp.amount_fen,
            "\n".join(exp.reasons),
            self.missing_text(exp.missing),
            info.basis,
        ]

    def item_rows(self, ent: int, exp: Explanation) -> list[list[Any]]:
        info = self._measures[exp.measure_id]
        rows: list[list[Any]] = []
        for item in exp.items:
            table = TABLES[Table(item.table)]
            rows.append(
                [
                    self._uscc[ent],
                    self._name[ent],
                    exp.measure_id,
                    info.name,
                    table.label(self.lang),
                    item.record,
                    item.year,
                    item.status,
                    item.raw_fen,
                    item.amount_fen,
                    self._cap_label(exp.measure_id, item.capped_by),
                    *self._loan_lpr(ent, item),
                    "\n".join(item.reasons),
                    self.missing_text(item.missing),
                ]
            )
        return rows

    def _cap_label(self, measure_id: str, label: str | None) -> str:
        """The cap that lowered a record's amount, in the workbook's language."""
        if not label:
            return ""
        if self.lang != "en":
            return label
        return cap_label(self.evaluation.outcomes[measure_id], label, self.lang)

    def _loan_lpr(self, ent: int, item: Any) -> tuple[Decimal | None, dt.date | None]:
        """The 1-year LPR in force on a loan's 放款日期 and its publication date (derived by
        the engine: ``Evaluation.loan_lpr``); blank for other records or an unknown date."""
        if item.table != Table.LOANS.value:
            return None, None
        if self._lpr is None:
            frame = self.evaluation.loan_lpr()
            known = frame["lpr_1y"].notna().to_numpy()
            keys = zip(
                frame["uscc"].to_numpy(dtype=object)[known],
                frame["loan_id"].to_numpy(dtype=object)[known],
                strict=True,
            )
            values = zip(
                frame["lpr_1y"].to_numpy()[known],
                frame["lpr_1y_from"].to_numpy(dtype=object)[known],
                strict=True,
            )
            self._lpr = {}
            for key, (rate, published) in zip(keys, values, strict=True):
                self._lpr.setdefault(key, (rate, published))
        found = self._lpr.get((self._uscc[ent], item.record))
        if found is None:
            return None, None
        rate, published = found
        day = pd.Timestamp(published).date() if published is not None else None
        return Decimal(repr(float(rate))), day

    def missing_text(self, missing: Sequence[str]) -> str:
        """``enterprises.revenue`` → ``企业·营业收入``, one per line."""
        lines = []
        for key in missing:
            table_name, _, field_name = key.partition(".")
            try:
                spec = TABLES[Table(table_name)]
                table_label = spec.label(self.lang)
            except ValueError:
                table_label = table_name
            label = self.evaluation.label_of(field_name or key, self.lang)
            lines.append(f"{table_label}·{label}")
        return "\n".join(lines)

    def parameter_rows(self) -> list[list[Any]]:
        yes = yes_word(self.lang)
        rows: list[list[Any]] = []
        for param in self.evaluation.parameters.values():
            info = self._measures.get(param.measure_id)
            label = (param.label_en or param.label) if self.lang == "en" else param.label
            shown = param.display()
            default = ""
            if param.overridden and param.default is not None:
                default = format_param(param.default, param.type, param.unit)
            rows.append(
                [
                    param.key,
                    param.measure_id,
                    info.name if info else "",
                    label,
                    f"{ASSUMPTION_MARK}{shown}" if param.assumption else shown,
                    # a date parameter is shown, not a number a formula could use
                    None if isinstance(param.value, dt.date) else param.value,
                    param.unit,
                    param.start,
                    ASSUMPTION_MARK if param.assumption else "",
                    param.source or "",
                    "\n".join(s for s in (param.note, bound_line(param, self.lang)) if s),
                    yes if param.overridden else "",
                    default,
                ]
            )
        return rows

    def policy_rows(self) -> list[list[Any]]:
        ev = self.evaluation
        rows: list[list[Any]] = []
        for measure_id in [*ev.measure_ids, *ev.institution_measure_ids]:
            compiled = ev.catalogue.measure(measure_id)
            m, doc = compiled.measure, compiled.document
            policy_file = ev.catalogue.files.get(doc.slug)
            article = (
                next((a for a in policy_file.articles if a.number == m.article), None)
                if policy_file
                else None
            )
            params = [p for p in ev.parameters.values() if p.measure_id == measure_id]
            caps = []
            for cap in m.caps:
                cap_param = next((p for p in params if p.label == cap.label), None)
                label = (cap.label_en or cap.label) if self.lang == "en" else cap.label
                caps.append(f"{label}（{cap_param.display()}）" if cap_param else label)
            rows.append(
                [
                    measure_id,
                    doc.number,
                    doc.title,
                    "、".join(doc.issuers),
                    _article(m.article),
                    article.title if article else "",
                    self._measures[measure_id].name,
                    m.amount_label or "",
                    "\n".join(caps),
                    "\n".join(m.manual_checks),
                    m.quote,
                    self._measures[measure_id].basis,
                    m.amount_basis_note_for(self.lang) or "",
                ]
            )
        return rows

    def quality_rows(self) -> list[list[Any]]:
        """The import's verdict on every sheet of the input, the run's warnings, then every
        located finding."""
        portfolio = self.evaluation.portfolio
        head: list[list[Any]] = [
            [
                severity_word("info" if verdict.tables else "warning", self.lang),
                verdict.sheet or verdict.file,
                None,
                "",
                verdict.file,
                sheet_verdict_text(verdict, self.lang),
                verdict.reason,
            ]
            for verdict in portfolio.sheets
        ]
        warning = severity_word("warning", self.lang)
        head += [[warning, "", None, "", "", text, ""] for text in portfolio.warnings]
        several = len(portfolio.files) > 1
        return head + [
            [
                severity_word(issue.severity, self.lang),
                issue.place(several),
                issue.row,
                issue.column or "",
                issue.value or "",
                issue.message,
                issue.action or "",
            ]
            for issue in portfolio.issues
        ]

    def documents(self) -> list[str]:
        """``number title`` of each document the evaluated measures cite, in order."""
        seen: dict[str, str] = {}
        for measure_id in self.evaluation.measure_ids:
            doc = self.evaluation.catalogue.measure(measure_id).document
            seen.setdefault(doc.slug, f"{doc.number}　{doc.title}")
        return list(seen.values())

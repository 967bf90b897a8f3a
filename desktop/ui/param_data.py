"""What the parameters screen shows and how its edits are read, Qt-free.

Parameters are grouped document → measure → parameter, as the catalogue orders them. An
edit is validated with the engine's own parser (:func:`resolve_parameters`), so the screen
accepts exactly what an evaluation accepts; the override kept is the canonical value
("0.5" for 50%, "2025-01-01"), which is also what a project file stores.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from desktop.core.catalogue import Catalogue
from desktop.core.evaluation import Evaluation
from desktop.core.money import format_yuan
from desktop.core.parameters import (
    ParamValue,
    bound_line,
    format_param,
    resolve_parameters,
    unit_name,
)
from desktop.errors import ParameterError
from desktop.i18n import language, text, tr
from desktop.ui.table_data import (
    EnterpriseTable,
    data_regions,
    in_regions,
    measure_source,
    measure_title,
    short_number,
)
from desktop.ui.technical import key_line

NUMBER_TYPES = ("ratio", "yuan", "usd", "bp", "count", "multiple")


@dataclass(frozen=True)
class ParamRow:
    param: ParamValue

    @property
    def key(self) -> str:
        return self.param.key

    def label(self, lang: str) -> str:
        return (self.param.label_en or self.param.label) if lang == "en" else self.param.label

    def value_text(self) -> str:
        """The current value as shown: 40%, 500,000, 2025-01-01, or 未设定."""
        value = self.param.value
        if value is None:
            return tr("params.unset")
        return editor_text(self.param) or format_param(
            value, self.param.type, self.param.unit, lang=language()
        )

    def default_text(self) -> str:
        p = self.param
        value = p.default if p.overridden else p.value
        if value is None:
            return tr("params.unset")
        return format_param(value, p.type, p.unit, lang=language())

    def unit_text(self) -> str:
        if self.param.type == "ratio":
            return "%"
        if self.param.type == "bp":
            return "BP"
        if self.param.type == "date":
            return ""
        return unit_name(self.param.unit, language())

    def basis_text(self) -> str:
        """Source and note on one line (side text); the tooltip has them in full."""
        lang = language()
        parts = [s for s in (self.param.source_for(lang), self.param.note_for(lang)) if s]
        return " ｜ ".join(parts)

    def tooltip(self) -> str:
        p, lang = self.param, language()
        lines = [p.label_for(lang) + key_line(p.key)]
        if p.assumption:
            lines.append(tr("detail.assumption"))
        source, note = p.source_for(lang), p.note_for(lang)
        if source:
            lines.append(f"{tr('detail.param_source')}：{source}")
        if note:
            lines.append(note)
        bound = bound_line(p, lang)
        if bound:
            lines.append(bound)
        if p.overridden:
            lines.append(tr("params.default_was", value=self.default_text()))
        return "\n".join(lines)


@dataclass(frozen=True)
class MeasureGroup:
    measure_id: str
    title: str  # "知识产权质押贷款贴息 · 第16条"
    params: list[ParamRow]


@dataclass(frozen=True)
class DocumentGroup:
    document_id: str
    title: str  # "京金融〔2022〕190号 关于…"
    measures: list[MeasureGroup] = field(default_factory=list)


def parameter_groups(evaluation: Evaluation, lang: str = "zh") -> list[DocumentGroup]:
    """Every parameter of the evaluated measures, grouped by document then measure; the
    documents of the data's own regions first."""
    by_measure: dict[str, list[ParamRow]] = {}
    for param in evaluation.parameters.values():
        by_measure.setdefault(param.measure_id, []).append(ParamRow(param))
    documents: dict[str, DocumentGroup] = {}
    regions: dict[str, str] = {}
    for measure_id in [*evaluation.measure_ids, *evaluation.institution_measure_ids]:
        rows = by_measure.get(measure_id)
        if not rows:
            continue
        compiled = evaluation.catalogue.measure(measure_id)
        doc = compiled.document
        doc_id = doc.slug
        group = documents.get(doc_id)
        if group is None:
            regions[doc_id] = doc.region
            number = short_number(doc.number)
            group = DocumentGroup(doc_id, f"{number} {doc.title}".strip())
            documents[doc_id] = group
        name = measure_title(evaluation, measure_id, lang)
        title = f"{name} · {measure_source(evaluation, measure_id)}"
        group.measures.append(MeasureGroup(measure_id, title, rows))
    # The documents of the data's own regions first (a Beijing file opens on Beijing rules);
    # sorted() is stable, so each half keeps the catalogue's order.
    cities = data_regions(evaluation)
    return sorted(documents.values(), key=lambda g: not in_regions(regions[g.document_id], cities))


@dataclass(frozen=True)
class PickRow:
    """A stacking rule whose pick the analyst may change for what-if (参数 → 叠加规则)."""

    rule_id: str
    key: str  # the override key, ``<rule id>.pick``
    label: str
    pick: str  # in this run
    default: str  # the rule's own
    choices: tuple[tuple[str, str], ...]  # (pick, words)
    tip: str  # the quote and the reading, for the tooltip


def pick_rows(evaluation: Evaluation, lang: str = "zh") -> list[PickRow]:
    """The stacking rules of the evaluated measures that have a pick (overlap groups and
    exclusive choices), with the pick in force and the choices in words."""
    from desktop.core.parameters import PICK, PICKS
    from desktop.core.stacking import rule_pick

    evaluated = set(evaluation.outcomes)
    rows: list[PickRow] = []
    for rule, _ in evaluation.catalogue.stacking:
        allowed = PICKS.get(rule.kind, ())
        default = rule_pick(rule)
        if not allowed or default is None or not evaluated & set(rule.measures):
            continue
        reading = (rule.interpretation_en if lang == "en" else None) or rule.interpretation
        tip = "\n".join(t for t in (f"“{rule.quote}”", reading or "") if t)
        rows.append(
            PickRow(
                rule_id=rule.id,
                key=f"{rule.id}.{PICK}",
                label=(rule.label_en or rule.label) if lang == "en" else rule.label,
                pick=rule_pick(rule, evaluation.stacking_picks) or default,
                default=default,
                choices=tuple((c, text(f"stacking.pick.{c}", lang)) for c in allowed),
                tip=tip,
            )
        )
    return rows


def _plain(value: Decimal) -> str:
    text = f"{value.normalize():f}"
    return text


def editor_text(param: ParamValue) -> str:
    """The value as the edit box shows it: "40%", "500,000", "1.4", "2025-01-01" or ""."""
    value = param.value
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if param.type == "ratio":
        return f"{_plain(value * 100)}%"
    if param.type in ("yuan", "usd"):
        if value == value.to_integral_value():
            return f"{int(value):,}"
        return f"{value:,.2f}"
    return _plain(value)


def canonical_value(value: Decimal | dt.date) -> str:
    """How an override is stored: "0.4", "500000", "2025-01-01"."""
    return value.isoformat() if isinstance(value, dt.date) else _plain(value)


def parse_input(
    catalogue: Catalogue, as_of: dt.date, param: ParamValue, text: str | dt.date
) -> str | None:
    """Validate an edit of ``param``; the canonical override, or None for "back to default".

    Ratios are entered as percentages: "40", "40%" and "40 %" all mean 0.4. An empty
    entry restores the catalogue value. Raises :class:`ParameterError` with the engine's
    message when the value is not acceptable.
    """
    if isinstance(text, dt.date):
        raw = text.isoformat()
    else:
        raw = text.strip().replace("，", ",").replace("％", "%").replace(" ", "")
    if not raw:
        return None
    if param.type == "ratio" and not raw.endswith("%"):
        raw += "%"
    if param.type == "bp" and raw.upper().endswith("BP"):
        raw = raw[:-2]
    for suffix in (param.unit, "元", "美元", "倍", "天", "人"):
        if suffix and suffix != "%" and param.type != "date" and raw.endswith(suffix):
            raw = raw[: -len(suffix)]
            break
    values = resolve_parameters(catalogue, as_of, {param.key: raw}, [param.measure_id])
    value = values[param.key].value
    if value is None:  # cannot happen for a parsed value; keep mypy and readers honest
        raise ParameterError(f"parameter '{param.key}': no value")
    return canonical_value(value)


@dataclass(frozen=True)
class TableChanges:
    """Figures that changed between two runs over the same enterprises."""

    cells: dict[tuple[int, str], str]  # (enterprise position, measure id) → tooltip line
    totals: dict[str, str]  # measure id → tooltip line

    @classmethod
    def none(cls) -> TableChanges:
        return cls({}, {})

    def __bool__(self) -> bool:
        return bool(self.cells or self.totals)


def _change_line(old: str, new: str) -> str:
    return tr("changed.tip", old=old, new=new)


def diff_tables(old: EnterpriseTable | None, new: EnterpriseTable) -> TableChanges:
    """Cells and totals whose status or amount differ; none when the enterprises differ."""
    if old is None or old.uscc != new.uscc:
        return TableChanges.none()
    before = {m.measure_id: m for m in old.measures}
    cells: dict[tuple[int, str], str] = {}
    for column in new.measures:
        previous = before.get(column.measure_id)
        if previous is None:
            continue
        if previous.status == column.status and previous.amount_fen == column.amount_fen:
            continue
        for row, (s0, s1, a0, a1) in enumerate(
            zip(
                previous.status,
                column.status,
                previous.amount_fen,
                column.amount_fen,
                strict=True,
            )
        ):
            if s0 == s1 and a0 == a1:
                continue
            if s0 == s1 and a0 is not None and a1 is not None:
                line = _change_line(format_yuan(a0, ""), format_yuan(a1, ""))
            else:
                line = _change_line(previous.text[row], column.text[row])
            cells[(row, column.measure_id)] = line
    totals: dict[str, str] = {}
    old_totals = {t.measure_id: t for t in old.totals}
    for total in new.totals:
        prev = old_totals.get(total.measure_id)
        if prev is None:
            continue
        if prev.amount_fen != total.amount_fen:
            totals[total.measure_id] = _change_line(prev.amount_text, total.amount_text)
        elif (prev.eligible, prev.unknown) != (total.eligible, total.unknown):
            totals[total.measure_id] = _change_line(
                f"{prev.eligible}/{prev.unknown}", f"{total.eligible}/{total.unknown}"
            )
    return TableChanges(cells, totals)


__all__ = [
    "NUMBER_TYPES",
    "DocumentGroup",
    "MeasureGroup",
    "ParamRow",
    "TableChanges",
    "canonical_value",
    "diff_tables",
    "editor_text",
    "parameter_groups",
    "parse_input",
]

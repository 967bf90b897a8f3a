"""The words of explanations: the phrase book (:data:`WORDS`, :data:`MARK`), what is constant
in one measure's explanation (record labels, caps, the in-force window, unset parameters, LPR
fixings) and :class:`Describer`, which words an expression tree with the catalogue's field
labels and the parameters' values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal

from desktop.core import expr as ex
from desktop.core.fields import FieldType, Table
from desktop.core.outcomes import MeasureOutcome
from desktop.core.parameters import ParamValue, format_param
from desktop.core.policy_model import Measure
from desktop.i18n import phrase_book, text

MARK = {True: "✓", False: "✗", None: "?"}
WORDS = phrase_book(
    "explain.word",
    (
        "yes",
        "no",
        "missing",
        "of",
        "list",
        "yuan",
        "lpr_1y",
        "lpr_5y",
        "manual",
        "capped",
        "records",
        "amount",
        "item_amount",
        *("missing_colon", "missing_head", "total_score", "lpr_published", "points"),
        *("amount_missing", "as_of", "days", "lpr_used", "sep", "lpr_notes", "unset"),
    ),
)  # the phrase book, in resources/i18n (tools/i18n.py add explain.word.<name> …)


_GATE = phrase_book("explain.gate", ("unknown", "unmet"))
GATE_TEXT = {
    lang: {None: words["unknown"], False: words["unmet"]} for lang, words in _GATE.items()
}  # a record's first reason when its enterprise's conditions are not all met


def record_words(measure: Measure, lang: str) -> tuple[str, str]:
    """The label of a measure's records in the count line (“知识产权质押贷款共3笔…”) and the
    reason given when an enterprise has none. A measure without a label in ``lang`` names
    its Chinese label (English: in brackets)."""
    own = measure.record_label if lang == "zh" else measure.record_label_en
    reason = measure.no_record_reason if lang == "zh" else measure.no_record_reason_en
    if own:
        return own[:1].upper() + own[1:], reason or text("explain.records.none", lang, label=own)
    if measure.record_label:
        label = measure.record_label
        return (
            text("explain.records.foreign", lang, label=label),
            text("explain.records.none_foreign", lang, label=label),
        )
    return text("explain.records.plain", lang), reason or text("explain.records.none_plain", lang)


def basis_label(measure: Measure, lang: str, *, short: bool = False) -> str | None:
    """What kind of figure a measure's amount is (``amount_basis``), in ``lang``: the short
    label (按上限估算【假设】 / 申请金额，非核定金额 / 按文件规则测算) for a column or a title,
    or the sentence an explanation adds after the amount (None for a computed amount). None
    for a measure without an amount."""
    if measure.kind != "computable":
        return None
    if short:
        return text(f"basis.{measure.amount_basis}.short", lang)
    if measure.amount_basis == "computed":
        return None
    return text(f"basis.{measure.amount_basis}", lang)


def interpretations_off(measure: Measure, params: Mapping[str, ParamValue], lang: str) -> list[str]:
    """One line per named interpretation of ``measure`` that is switched off in this
    evaluation (its condition was not applied): “未采用解释「…」（已关闭）：不要求“…””."""
    out = []
    for c in (*measure.conditions, *measure.record_conditions):
        if c.interpretation is None:
            continue
        param = next((p for p in params.values() if p.name == c.interpretation), None)
        if param is None or param.value:
            continue
        label = c.label_en or c.label if lang == "en" else c.label
        out.append(text("interpretation.off", lang, name=param.label_for(lang), label=label))
    return out


def cap_label(outcome: MeasureOutcome, label: str, lang: str) -> str:
    """A cap's label (as the engine records it in ``capped_by``) in ``lang``."""
    if lang != "en":
        return label
    for cap in outcome.measure.measure.caps:
        if cap.label == label:
            return cap.label_en or label
    param = next((p for p in outcome.params.values() if p.label == label), None)
    return param.label_for(lang) if param is not None else label


def cap_reason(outcome: MeasureOutcome, label: str, lang: str) -> str:
    """“已按每家企业每年贴息上限（500,000元）封顶”: a cap that lowered a record's amount."""
    param = next((p for p in outcome.params.values() if p.label == label), None)
    cap = param.display(lang) if param is not None else ""
    return WORDS[lang]["capped"].format(label=cap_label(outcome, label, lang), cap=cap)


def window_reason(outcome: MeasureOutcome, as_of: dt.date, lang: str) -> str | None:
    """Why a measure is not in force on the as-of date (None when it is), in ``lang``."""
    if outcome.window_reason is None:
        return None
    return out_of_force(outcome.measure.in_force_window(), as_of, lang) or outcome.window_reason


def out_of_force(
    window: tuple[dt.date | None, dt.date | None], as_of: dt.date, lang: str = "zh"
) -> str | None:
    """“测算基准日 … 早于施行日期 …”: why a measure in force over ``window`` is not in force
    on ``as_of`` (None when it is)."""
    start, end = window
    if start is not None and as_of < start:
        return text("explain.window.before", lang, as_of=as_of, start=start)
    if end is not None and as_of > end:
        return text("explain.window.after", lang, as_of=as_of, end=end)
    return None


class Describer:
    """Words an expression tree for explanations: field labels (as named in ``table``),
    parameter values, LPR names; and the kind of value a subexpression yields."""

    def __init__(
        self,
        params: dict[str, ParamValue],
        types: dict[str, FieldType],
        lang: str,
        label: Callable[[str, str, Table | None], str],
        table: Table | None = None,
    ) -> None:
        self.params = params
        self.types = types
        self.lang = lang
        self.label = label
        self.table = table
        self._wording = ex.Wording(
            label=lambda name: label(name, lang, table),
            as_of=WORDS[lang]["as_of"],
            param=self._param,
            functions={
                "lpr_1y": lambda _: WORDS[lang]["lpr_1y"],
                "lpr_5y": lambda _: WORDS[lang]["lpr_5y"],
                "days_between": lambda a: _days(a, lang),
            },
            symbols={"*": "×", "/": "÷", "+": "+", "-": "−"},
        )

    def text(self, node: ex.Node) -> str:
        """A (sub)expression in words (:class:`desktop.core.expr.Wording`)."""
        return self._wording.render(node)

    def _param(self, name: str) -> str:
        param = self.params.get(name)
        if param is None:
            return name
        if param.type == "multiple" and isinstance(param.value, Decimal):
            return f"{param.value.normalize():f}"
        return format_param(param.value, param.type, param.unit, lang=self.lang)

    def kind(self, node: ex.Node) -> FieldType:
        return ex.infer_type(node, self.types, {})


def _days(args: list[str], lang: str) -> str | None:
    """“放款日期至到期日期天数”: ``days_between(a, b)`` in words."""
    if len(args) != 2:
        return None
    a, b = args
    return WORDS[lang]["days"].format(a=a, b=b)


def lpr_calls_of(expr: ex.Expr) -> list[tuple[str, str]]:
    return ex.lpr_calls(expr.tree)


def amount_lpr_calls(outcome: MeasureOutcome) -> list[tuple[str, str]]:
    """LPR calls of the amount formula not already shown with a record condition."""
    amount = outcome.measure.amount
    if amount is None:
        return []
    shown = {call for c in outcome.record_conditions for call in lpr_calls_of(c.expr)}
    return [call for call in lpr_calls_of(amount) if call not in shown]


def lpr_text(notes: Sequence[str], lang: str, amount: bool = False) -> str:
    if not notes:
        return ""
    words = WORDS[lang]
    if amount:
        return words["lpr_used"] + words["sep"].join(notes)
    return words["lpr_notes"].format(notes=words["sep"].join(notes))


def unset_parameters(outcome: MeasureOutcome, lang: str) -> list[tuple[str, str]]:
    """Reasons and missing keys for the measure's parameters that are not set."""
    out = []
    for param in outcome.params.values():
        if param.value is None:
            text = WORDS[lang]["unset"].format(label=param.label_for(lang))
            out.append((text, f"parameters.{param.key}"))
    return out

"""Parameter values in force on a date, with user overrides and their provenance."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from desktop.core.catalogue import Catalogue, CompiledMeasure
from desktop.core.policy_model import SWITCH_UNIT, value_problem
from desktop.errors import ParameterError
from desktop.i18n import text


@dataclass(frozen=True)
class ParamValue:
    """One parameter's value as used in an evaluation, with where it came from."""

    key: str  # "<measure id>.<name>"
    measure_id: str
    name: str
    label: str
    label_en: str | None
    type: str
    unit: str
    value: Decimal | dt.date | None  # None: not set (the text gives no figure)
    start: dt.date | None
    assumption: bool
    source: str | None
    note: str | None
    overridden: bool = False
    default: Decimal | dt.date | None = None  # the catalogue value an override replaced
    default_source: str | None = None  # the catalogue source an override replaced
    # The as-of date when it lies before the first value's start (that value is used).
    before_start: dt.date | None = None
    # The ceiling the text sets (in the parameter's unit) and the words that set it.
    bound: Decimal | None = None
    bound_quote: str | None = None

    def display(self, lang: str = "zh") -> str:
        """The value as a person reads it: 40%, 500,000元, 1.4倍 (English: 500,000 yuan, 1.4×)."""
        return format_param(self.value, self.type, self.unit, lang=lang)

    def label_for(self, lang: str) -> str:
        """The parameter's label in ``lang`` (English falls back to the Chinese label)."""
        return self.label_en or self.label if lang == "en" else self.label

    def source_for(self, lang: str) -> str | None:
        """:attr:`source` in ``lang``: the catalogue's own citation as written; an override
        says so and keeps where the default came from."""
        if not self.overridden:
            return self.source
        return user_source(self.default_source, lang)

    def note_for(self, lang: str) -> str | None:
        """:attr:`note` in ``lang``: the catalogue's own note as written, with what this
        module adds (an override, a value used before its start) in ``lang``."""
        if self.overridden:
            default = format_param(self.default, self.type, self.unit, lang=lang)
            return user_note(default, self.display(lang), lang)
        if self.before_start is None or self.start is None:
            return self.note
        base = (self.note or "").removesuffix(early_note(self.before_start, self.start, "zh"))
        return early_note(self.before_start, self.start, lang, base)


def user_source(default_source: str | None, lang: str = "zh") -> str:
    """The source of a value the user set, naming where the default came from."""
    default = default_source or text("param.no_source", lang)
    return text("param.user_source", lang, source=default)


def user_note(default: str, value: str, lang: str = "zh") -> str:
    """The note of a value the user set: “用户将默认值 40% 改为 50%”."""
    return text("param.user_note", lang, default=default, value=value)


def early_note(as_of: dt.date, start: dt.date, lang: str = "zh", note: str = "") -> str:
    """Said of a parameter whose first value starts after the as-of date (it is used anyway),
    after the catalogue's ``note`` when there is one."""
    if note:
        return text("param.early_after", lang, note=note, as_of=as_of, start=start)
    return text("param.early", lang, as_of=as_of, start=start)


# The units of ``policies/*.yaml`` by the name of their messages ``param.unit.<name>`` (the
# number and its unit: 365天 / 365 days; ``.one`` for the number 1 where English differs). A
# unit not listed here is written after the number as it is.
UNIT_MESSAGES = {
    "元": "yuan",
    "美元": "usd",
    "天": "days",
    "人": "persons",
    "倍": "times",
    "比例": "ratio",
    "百分点": "points",
    "开关": "switch",  # shown as 开/关 (on/off) by format_param; no suffix in an editor
    "日期": "date",
}
_SINGULAR = frozenset({"days", "persons", "points"})


def unit_text(number: str, unit: str, lang: str = "zh") -> str:
    """``number`` followed by ``unit`` as written in ``lang``: 365天 / 365 days."""
    name = UNIT_MESSAGES.get(unit)
    if name is None:
        return f"{number}{unit}"
    if number == "1" and name in _SINGULAR:
        name += ".one"
    return text(f"param.unit.{name}", lang, n=number)


def unit_name(unit: str, lang: str = "zh") -> str:
    """The unit alone, as an editor's suffix shows it: 天 / days (nothing for a ratio)."""
    return unit_text("", unit, lang).strip()


def format_param(value: Decimal | dt.date | None, kind: str, unit: str, *, lang: str = "zh") -> str:
    """A parameter's value with its unit: 40%, 500,000元, 3个百分点, 未设定; in English
    (``lang="en"``) 500,000 yuan, 3 percentage points, not set. An unknown unit stays as is."""
    if value is None:
        return text("param.unset", lang)
    if isinstance(value, dt.date):
        return value.isoformat()
    if unit == SWITCH_UNIT:
        return text("param.switch.on" if value else "param.switch.off", lang)
    if kind == "ratio":
        pct = (value * 100).normalize()
        if unit == "百分点":  # a difference of two ratios: 0.03 → 3个百分点
            return unit_text(f"{pct:f}", unit, lang)
        return f"{pct:f}%"
    if kind in ("yuan", "usd"):
        number = f"{value:,.2f}" if value != value.to_integral_value() else f"{int(value):,}"
        return unit_text(number, unit, lang)
    if kind == "bp":
        return f"{value.normalize():f}BP"
    return unit_text(f"{value.normalize():f}", unit, lang)


def parse_override(text: str) -> tuple[str, str]:
    """``'jjr-2022-190.16.ratio=0.5'`` → ``('jjr-2022-190.16.ratio', '0.5')``."""
    key, sep, value = text.partition("=")
    if not sep or not key.strip() or not value.strip():
        raise ParameterError(f"--set expects <measure>.<param>=<value>, got '{text}'")
    return key.strip(), value.strip()


_SWITCH_WORDS = {w: "1" for w in ("on", "true", "yes", "开", "是", "开启", "启用")} | {
    w: "0" for w in ("off", "false", "no", "关", "否", "关闭", "停用")
}


def bound_problem(param: ParamValue, value: Decimal | dt.date | None) -> str | None:
    """Why ``value`` is above the ceiling the text sets for ``param`` (quoting the text);
    None when it is within it or the text sets none."""
    if param.bound is None or not isinstance(value, Decimal) or value <= param.bound:
        return None
    return text(
        "param.above_bound",
        label=param.label,
        value=format_param(value, param.type, param.unit),
        bound=format_param(param.bound, param.type, param.unit),
        quote=param.bound_quote or "",
    )


def bound_line(param: ParamValue, lang: str = "zh") -> str | None:
    """“文件规定上限：20%（第20条：“…”）” for a parameter whose text sets a ceiling."""
    if param.bound is None:
        return None
    bound = format_param(param.bound, param.type, param.unit, lang=lang)
    return text("param.bound", lang, bound=bound, quote=param.bound_quote or "")


def _parse_value(
    key: str, raw: str | Decimal, kind: str, unit: str = "", name: str = ""
) -> Decimal | dt.date:
    """``raw`` as a value of a ``kind`` parameter, refused outside its meaningful range
    (:func:`desktop.core.policy_model.value_problem`)."""
    if isinstance(raw, Decimal):
        raw = str(raw)  # a Decimal is checked like text: range and type rules apply
    if kind == "date":
        try:
            day = dt.date.fromisoformat(raw.strip())
        except ValueError:
            raise ParameterError(f"parameter '{key}': '{raw}' is not a date (YYYY-MM-DD)") from None
        problem = value_problem(kind, unit, name, day)
        if problem:
            raise ParameterError(f"parameter '{key}': {problem}")
        return day
    text = raw.strip().replace(",", "")
    if unit == SWITCH_UNIT:  # a switch: on/off in words as well as 1/0
        text = _SWITCH_WORDS.get(text.lower(), text)
    percent = text.endswith("%")
    if percent:
        text = text[:-1]
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ParameterError(f"parameter '{key}': '{raw}' is not a number") from None
    if not value.is_finite():
        raise ParameterError(f"parameter '{key}': '{raw}' is not a finite number")
    if value and (value.adjusted() < -100 or (percent and value.adjusted() > 100)):
        raise ParameterError(f"parameter '{key}': '{raw}' is beyond any plausible range")
    if percent:
        if kind != "ratio":
            raise ParameterError(f"parameter '{key}': a percentage is only valid for ratios")
        value /= 100
    problem = value_problem(kind, unit, name, value)
    if problem:
        raise ParameterError(f"parameter '{key}': {problem}")
    return value


def measure_parameters(measure: CompiledMeasure, as_of: dt.date) -> dict[str, ParamValue]:
    """The catalogue values of one measure's parameters on ``as_of``.

    A parameter with no value yet on that date takes its earliest value, flagged as an
    assumption with a note saying so (the measure itself is judged in force or not separately).
    """
    out: dict[str, ParamValue] = {}
    for name, spec in measure.measure.parameters.items():
        chosen = spec.at(as_of)
        note_extra = ""
        if chosen is None:
            chosen = spec.values[0]
            note_extra = early_note(as_of, chosen.start)
        out[name] = ParamValue(
            key=f"{measure.id}.{name}",
            measure_id=measure.id,
            name=name,
            label=spec.label,
            label_en=spec.label_en,
            type=spec.type,
            unit=spec.unit,
            value=chosen.value,
            start=chosen.start,
            assumption=chosen.assumption or bool(note_extra),
            source=chosen.source,
            note=(chosen.note or "") + note_extra or None,
            before_start=as_of if note_extra else None,
            bound=spec.bound.max if spec.bound is not None else None,
            bound_quote=spec.bound.quote if spec.bound is not None else None,
        )
    return out


PICK = "pick"  # the override <rule id>.pick=<pick> of an exclusive or overlap stacking rule
PICKS = {
    "overlap": ("later_document", "higher", "stack"),
    "exclusive": ("higher", "stack"),
}


def pick_value(catalogue: Catalogue, key: str, raw: str | Decimal) -> tuple[str, str] | None:
    """``(rule id, pick)`` when ``key`` is ``<rule id>.pick`` of a stacking rule (the value
    checked), else None."""
    rule_id, _, name = key.rpartition(".")
    if name != PICK:
        return None
    for rule, _ in catalogue.stacking:
        if rule.id == rule_id:
            allowed = PICKS.get(rule.kind, ())
            value = str(raw).strip()
            if value not in allowed:
                raise ParameterError(
                    f"stacking rule '{rule_id}': pick '{value}' is not one of "
                    f"{', '.join(allowed) or '(none: a shared cap has no pick)'}"
                )
            return rule_id, value
    return None


def stacking_picks(
    catalogue: Catalogue,
    overrides: Mapping[str, str | Decimal] | Iterable[tuple[str, str | Decimal]] = (),
) -> dict[str, str]:
    """The stacking rules whose pick the overrides change: rule id → pick (checked)."""
    pairs = overrides.items() if isinstance(overrides, Mapping) else overrides
    out: dict[str, str] = {}
    for key, raw in pairs:
        found = pick_value(catalogue, key, raw)
        if found is not None:
            out[found[0]] = found[1]
    return out


def resolve_parameters(
    catalogue: Catalogue,
    as_of: dt.date,
    overrides: Mapping[str, str | Decimal] | Iterable[tuple[str, str | Decimal]] = (),
    measure_ids: Iterable[str] | None = None,
) -> dict[str, ParamValue]:
    """All parameters by key ``<measure>.<param>``; overrides validated and applied."""
    ids = list(measure_ids) if measure_ids is not None else list(catalogue.measures)
    values: dict[str, ParamValue] = {}
    for measure_id in ids:
        for param in measure_parameters(catalogue.measure(measure_id), as_of).values():
            values[param.key] = param
    pairs = overrides.items() if isinstance(overrides, Mapping) else overrides
    for key, raw in pairs:
        current = values.get(key)
        if current is None and pick_value(catalogue, key, raw) is not None:
            continue  # a stacking rule's pick (checked), applied by desktop.core.stacking
        if current is None:
            measure_id, _, name = key.rpartition(".")
            if measure_id in catalogue.measures:
                known = ", ".join(sorted(catalogue.measure(measure_id).measure.parameters))
                raise ParameterError(
                    f"measure '{measure_id}' has no parameter '{name}' (it has: {known})"
                )
            raise ParameterError(
                f"unknown parameter '{key}': write <measure>.<param>, e.g. jjr-2022-190.16.ratio"
            )
        value = _parse_value(key, raw, current.type, current.unit, current.name)
        problem = bound_problem(current, value)
        if problem:
            raise ParameterError(f"parameter '{key}': {problem}")
        values[key] = ParamValue(
            **{
                **current.__dict__,
                "value": value,
                "overridden": True,
                "default": current.value,
                "default_source": current.source,
                # Keep where the default came from: an override changes the value, not the trail.
                "source": user_source(current.source),
                "assumption": True,
                "note": user_note(
                    current.display(), format_param(value, current.type, current.unit)
                ),
            }
        )
    return values

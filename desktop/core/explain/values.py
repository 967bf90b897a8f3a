"""Values in an explanation: whether a value is blank, one value in words with its unit
(:func:`format_value`), and the column-wise forms the explainer uses for a block of rows —
taking rows of a series, criterion states as codes, blank masks, formatting a column once."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

import numpy as np
import pandas as pd

from desktop.core.explain.words import WORDS
from desktop.core.fields import FieldType
from desktop.core.money import format_yuan


def is_missing(value: Any) -> bool:
    """Whether a value read from a frame is blank (None, ``pd.NA``, ``NaT`` or NaN)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def opt_int(value: Any) -> int | None:
    return None if is_missing(value) else int(value)


def yuan_unit(lang: str) -> str:
    """The word after an amount: 元, or " yuan" (the phrase book's, any other language)."""
    return WORDS["zh" if lang == "zh" else "en"]["yuan"]


def format_value(value: Any, kind: FieldType, lang: str = "zh") -> str:
    """A value as a person reads it, with its unit."""
    if is_missing(value):
        return "—"
    if kind == FieldType.MONEY:
        return format_yuan(round(float(value) * 100), yuan_unit(lang))
    if kind == FieldType.RATIO:
        return f"{float(value) * 100:.4f}".rstrip("0").rstrip(".") + "%"
    if kind in (FieldType.NUMBER, FieldType.COUNT):
        number = float(value)
        return f"{number:,.0f}" if number.is_integer() else f"{number:,.4f}".rstrip("0").rstrip(".")
    if kind == FieldType.DATE:
        return pd.Timestamp(value).date().isoformat()
    if kind == FieldType.FLAG or isinstance(value, (bool, np.bool_)):
        return WORDS[lang]["yes" if bool(value) else "no"]
    return str(value)


_T = TypeVar("_T")
# A criterion over a block of rows: text per row; missing keys of the rows that lack data.
Rendered = tuple[list[str], dict[int, tuple[str, ...]]]

FALSE, TRUE, NA = 0, 1, 2
STATE_OF = {FALSE: False, TRUE: True, NA: None}


def take(series: pd.Series, idx: np.ndarray) -> list[Any]:
    """``[series.iloc[i] for i in idx]`` without a pandas call per row."""
    dtype = series.dtype
    if isinstance(dtype, np.dtype) and dtype.kind not in "mM":
        values: list[Any] = series.to_numpy()[idx].tolist()
        return values
    return list(series.array[idx])


def state_codes(series: pd.Series) -> np.ndarray:
    """Per row 0 (false), 1 (true) or 2 (unknown: ``pd.NA``), as ``explain`` reads a status."""
    if isinstance(series.dtype, pd.BooleanDtype):
        true = series.to_numpy(dtype=bool, na_value=False).astype(np.int8)
        return np.where(series.isna().to_numpy(), np.int8(NA), true).astype(np.int8)
    if series.dtype == np.dtype(bool):
        return series.to_numpy().astype(np.int8)
    return np.fromiter(
        (NA if v is pd.NA else int(bool(v)) for v in series.to_numpy(dtype=object)),
        dtype=np.int8,
        count=len(series),
    )


def missing_mask(series: pd.Series) -> np.ndarray:
    """Per row, whether ``is_missing`` holds for the value ``iloc`` gives."""
    if series.dtype == object:
        return np.fromiter(
            (is_missing(v) for v in series.to_numpy()), dtype=bool, count=len(series)
        )
    return np.asarray(series.isna().to_numpy(), dtype=bool)


def yuan(fen: int, unit: str) -> str:
    """``format_yuan(fen, unit)`` with integer arithmetic (no Decimal per value)."""
    if abs(fen) >= 10**18:
        return format_yuan(fen, unit)
    whole, cents = divmod(abs(fen), 100)
    return f"{'-' if fen < 0 else ''}{whole:,}.{cents:02d}{unit}"


def _formatter(kind: FieldType, lang: str) -> Callable[[Any], str]:
    """A function equal to ``format_value(value, kind, lang)``, faster for money and dates."""
    if kind == FieldType.MONEY:
        unit = yuan_unit(lang)

        def money(value: Any) -> str:
            if is_missing(value):
                return "—"
            return yuan(round(float(value) * 100), unit)

        return money
    if kind == FieldType.DATE:
        memo: dict[tuple[Any, ...], str] = {}

        def date(value: Any) -> str:
            if is_missing(value):
                return "—"
            try:
                key = (type(value), value, getattr(value, "tzinfo", None))
                text = memo.get(key)
            except TypeError:  # unhashable
                return format_value(value, kind, lang)
            if text is None:
                text = memo[key] = format_value(value, kind, lang)
            return text

        return date
    return lambda value: format_value(value, kind, lang)


def _format_floats(values: list[float], kind: FieldType, lang: str) -> list[str] | None:
    """``format_value`` of Python floats (blank: NaN) for the numeric kinds; else None."""
    if kind == FieldType.MONEY:
        unit = yuan_unit(lang)
        return ["—" if v != v else yuan(round(v * 100), unit) for v in values]
    if kind == FieldType.RATIO:
        return ["—" if v != v else f"{v * 100:.4f}".rstrip("0").rstrip(".") + "%" for v in values]
    if kind in (FieldType.NUMBER, FieldType.COUNT):
        return [
            "—"
            if v != v
            else f"{v:,.0f}"
            if v.is_integer()
            else f"{v:,.4f}".rstrip("0").rstrip(".")
            for v in values
        ]
    return None


def format_values(series: pd.Series, idx: np.ndarray, kind: FieldType, lang: str) -> list[str]:
    """``format_value(series.iloc[i], kind, lang)`` for each ``i`` in ``idx``."""
    dtype = series.dtype
    if isinstance(dtype, np.dtype):
        if kind == FieldType.DATE and dtype.kind == "M":
            dates = series.to_numpy()[idx]
            texts: list[str] = np.datetime_as_string(dates, unit="D").tolist()
            for i in np.flatnonzero(np.isnat(dates)):
                texts[i] = "—"
            return texts
        if dtype.kind == "f":
            shown = _format_floats(series.to_numpy()[idx].tolist(), kind, lang)
            if shown is not None:
                return shown
    fmt = _formatter(kind, lang)
    return [fmt(v) for v in take(series, idx)]


def dedupe(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def patterns(masks: Sequence[np.ndarray], n: int) -> list[Any]:
    """Per row, which of ``masks`` hold: a bit set (a tuple of flags past 62 masks)."""
    if len(masks) > 62:
        return list(zip(*(m.tolist() for m in masks), strict=True))
    bits = np.zeros(n, dtype=np.int64)
    for k, m in enumerate(masks):
        bits |= m.astype(np.int64) << k
    out: list[Any] = bits.tolist()
    return out


def chosen(pattern: Any, values: Sequence[_T]) -> list[_T]:
    """The ``values`` whose flag is set in ``pattern`` (from :func:`patterns`)."""
    if isinstance(pattern, int):
        return [v for k, v in enumerate(values) if pattern >> k & 1]
    return [v for v, on in zip(values, pattern, strict=True) if on]

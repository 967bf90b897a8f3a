"""Cell parsers: money, rates, numbers, flags, dates, text, districts and categories.

Each parser takes a column of raw cells (a pandas Series whose index is the Excel row number)
and returns :class:`Parsed`: the typed values plus masks of cells it could not read (made
missing, never zero, and reported) and cells it read by an assumption (kept, reported as
info). Missing stays missing so the engine can say "unknown" instead of "not eligible".
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import cache
from typing import TypeGuard, cast

import numpy as np
import pandas as pd

from desktop.core.fields import FieldSpec, FieldType, Table
from desktop.spreadsheet.categories import ambiguous_choices, clean_text, normalise_choice
from desktop.spreadsheet.places import NOTE_BEIJING, NOTE_PINYIN, NOTE_UNKNOWN, district_name
from desktop.spreadsheet.text import fold_traditional
from desktop.spreadsheet.uscc import normalise_uscc
from desktop.spreadsheet.vocabulary import Vocabulary, vocabulary

_MINUS = str.maketrans({"\u2212": "-", "\u2012": "-", "\u2013": "-"})
_NUM = r"(?:\d+(?:\.\d*)?|\.\d+)"


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True) if w)


@dataclass(frozen=True)
class _Lexicon:
    """The value words of resources/vocabulary/values.yaml and the patterns built on them."""

    vocab: Vocabulary
    longest_missing: int
    currency: re.Pattern[str]
    money: re.Pattern[str]
    rate: re.Pattern[str]
    number: re.Pattern[str]
    unit_noise: re.Pattern[str]


@cache
def _lexicon() -> _Lexicon:
    vocab = vocabulary()
    currency = _alternation(vocab.currency_words)
    suffixes = _alternation(vocab.count_suffixes)
    return _Lexicon(
        vocab,
        max((len(t) for t in vocab.missing), default=0) + 2,
        re.compile(rf"^(?:{currency})|(?:{currency})$", re.IGNORECASE),
        re.compile(
            rf"^(?P<open>\()?(?P<sign>[+-])?(?P<num>{_NUM})(?P<close>\))?"
            rf"(?P<unit>{_alternation(vocab.money_units)})?$",
            re.IGNORECASE,
        ),
        re.compile(
            rf"^(?P<num>[+-]?{_NUM})(?P<pct>{_alternation(vocab.rate_cell_units)})?$",
            re.IGNORECASE,
        ),
        re.compile(rf"^(?P<num>[+-]?{_NUM})(?:{suffixes})?$"),
        re.compile(rf"{currency}|[()\[\]【】〔〕,，、\s]|/"),
    )


_DATE_RE = re.compile(
    r"^(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?"
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$"
)
_COMPACT_DATE_RE = re.compile(r"^(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})$")
_SERIAL_RE = re.compile(r"^\d{1,5}(?:\.\d+)?$")
_EXCEL_EPOCH = dt.datetime(1899, 12, 30)
_MAX_SERIAL = 109_575  # 2199-12-31: later "serials" are almost surely something else


@dataclass(frozen=True)
class ColumnNote:
    """A finding about a whole column (its unit, how its rates were read), located at the
    header cell; ``value`` is the text it is about (the unit as written)."""

    severity: str
    message: str
    value: str | None
    action: str


@dataclass(frozen=True)
class Parsed:
    """A parsed column: ``values`` (index = Excel row), ``bad`` → made missing and reported,
    ``assumed`` → kept but read by an assumption that the analyst should see."""

    values: pd.Series
    bad: pd.Series
    assumed: pd.Series
    assumption: str = ""
    notes: tuple[ColumnNote, ...] = ()  # column-level findings, reported once at the header
    reasons: pd.Series | None = None  # why each bad cell is bad, where the type says more


def is_blank(value: object) -> bool:
    """Empty cells, NaN/NaT and the dash-like placeholders ledgers use for "no data"."""
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    if value is pd.NaT or value is pd.NA:
        return True
    if isinstance(value, str):
        text = value.strip()
        lexicon = _lexicon()
        if len(text) > lexicon.longest_missing:  # no placeholder is this long: skip the NFKC
            return False
        return clean_text(text).lower() in lexicon.vocab.missing
    return False


def _is_number(value: object) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _numeric_text(value: object) -> str:
    """Cell text prepared for number regexes: half-width, no spaces or thousands commas."""
    text = clean_text(value).translate(_MINUS).replace(" ", "").replace(",", "")
    return _lexicon().currency.sub("", text)


_Cell = Callable[[object], tuple[object, bool, bool]]
# Strings: the stripped texts of distinct non-blank cells → (parsed, bad, assumed) lists.
_Texts = Callable[[list[str]], tuple[list[object], list[bool], list[bool]]]


def _blank_texts(texts: list[str]) -> list[bool]:
    """Which stripped texts are placeholders for "no data" (only short texts can be)."""
    lexicon = _lexicon()
    longest, missing = lexicon.longest_missing, lexicon.vocab.missing
    return [len(t) <= longest and clean_text(t).lower() in missing for t in texts]


def _typed(out: list[object], dtype: str) -> np.ndarray | pd.api.extensions.ExtensionArray:
    """Parsed values (None = missing) as an array of ``dtype``, with one extra missing slot
    at the end so that code -1 (a blank cell in :func:`pd.factorize`) takes it."""
    out = [*out, None]
    if dtype == "float64":
        return np.array([np.nan if v is None else v for v in out], dtype="float64")
    if dtype == "boolean":
        return pd.array(cast("list[bool | None]", out), dtype="boolean")
    if dtype == "datetime64[ns]":
        series = pd.Series(out, dtype=object)
        return pd.to_datetime(series, errors="coerce").to_numpy(dtype="datetime64[ns]")
    array = np.empty(len(out), dtype=object)
    array[:] = out
    return array


def _apply(
    raw: pd.Series,
    cell: _Cell,
    dtype: str,
    assumption: str = "",
    texts: _Texts | None = None,
) -> Parsed:
    """Run ``cell`` (value → (parsed, bad, assumed)) over the distinct non-blank cells of
    ``raw``; ``texts`` (optional) parses the distinct text cells of an all-text column at once.

    Ledger columns repeat their values (flags, districts, dates): each distinct value is
    parsed once (:func:`pd.factorize`, in C) and the results are spread back by code.
    """
    values = raw.to_numpy(dtype=object)
    kinds = set(map(type, values))
    if bool in kinds:  # True == 1 == 1.0 would share one code: keep them apart
        return _apply_each(raw, cell, dtype, assumption)
    try:
        codes, uniques = pd.factorize(values)  # None and NaN → -1
    except TypeError:  # unhashable cells
        return _apply_each(raw, cell, dtype, assumption)
    distinct: list[object] = uniques.tolist()
    if texts is not None and kinds <= {str, type(None)}:
        # Only texts: factorize left the None cells out of the uniques.
        out, bad, assumed = _parse_texts(cast("list[str]", distinct), texts)
    else:
        out, bad, assumed = [], [], []
        for value in distinct:
            if is_blank(value):
                result: tuple[object, bool, bool] = (None, False, False)
            else:
                parsed, was_bad, was_assumed = cell(value)
                result = (None if was_bad else parsed, was_bad, was_assumed and not was_bad)
            out.append(result[0])
            bad.append(result[1])
            assumed.append(result[2])
    typed = _typed(out, dtype)
    index = raw.index
    kind = object if dtype == "object" else None  # pandas 3 would infer str with NaN
    return Parsed(
        pd.Series(typed.take(codes), index=index, dtype=kind),
        pd.Series(np.array([*bad, False]).take(codes), index=index, dtype=bool),
        pd.Series(np.array([*assumed, False]).take(codes), index=index, dtype=bool),
        assumption,
    )


def _parse_texts(distinct: list[str], texts: _Texts) -> tuple[list[object], list[bool], list[bool]]:
    stripped = [t.strip() for t in distinct]
    blank = _blank_texts(stripped)
    if not any(blank):
        return texts(stripped)
    keep = [t for t, b in zip(stripped, blank, strict=True) if not b]
    parsed, bad, assumed = texts(keep)
    it = iter(zip(parsed, bad, assumed, strict=True))
    out: list[object] = []
    bads: list[bool] = []
    assumeds: list[bool] = []
    for b in blank:
        p, x, a = (None, False, False) if b else next(it)
        out.append(p)
        bads.append(x)
        assumeds.append(a)
    return out, bads, assumeds


def _apply_each(raw: pd.Series, cell: _Cell, dtype: str, assumption: str = "") -> Parsed:
    """The slow path: every cell on its own (columns mixing booleans with numbers)."""
    out: list[object] = []
    bad: list[bool] = []
    assumed: list[bool] = []
    for value in raw.tolist():
        if is_blank(value):
            out.append(None)
            bad.append(False)
            assumed.append(False)
            continue
        parsed, was_bad, was_assumed = cell(value)
        out.append(None if was_bad else parsed)
        bad.append(was_bad)
        assumed.append(was_assumed and not was_bad)
    typed = _typed(out, dtype)[:-1]
    return Parsed(
        pd.Series(typed, index=raw.index, dtype=object if dtype == "object" else None),
        pd.Series(bad, index=raw.index, dtype=bool),
        pd.Series(assumed, index=raw.index, dtype=bool),
        assumption,
    )


def _as_floats(raw: pd.Series) -> pd.Series | None:
    """The column as floats when every cell is a number or empty (the usual Excel column),
    so the common case is converted in one vectorised step."""
    kinds = set(map(type, raw.to_numpy(dtype=object)))
    if bool in kinds or not kinds <= {float, int, str, type(None)}:
        return None
    if str in kinds:  # only empty cells ("") may be text
        values = raw.to_numpy(dtype=object)
        empty = values == ""
        if int(empty.sum()) != sum(1 for v in values if v.__class__ is str):
            return None
        raw = raw.where(~empty, None)
    return pd.to_numeric(raw, errors="coerce").astype("float64")


def _clean(raw: pd.Series, values: pd.Series, assumed: pd.Series | None = None) -> Parsed:
    none = pd.Series(False, index=raw.index, dtype=bool)
    return Parsed(values, none, none.copy() if assumed is None else assumed)


# Header units after currency words, brackets, commas and spaces are removed (lower-case):
# "CNY 10k" → "10k", "RMB 10,000" → "10000", "人民币万元" → "万元", "(万)" → "万".
def money_multiplier(unit: str | None) -> float:
    """Yuan per header unit; a missing unit means yuan. Unknown units raise ``KeyError``.

    元, 千元, 万元, 百万元, 亿元 (and without 元), CNY, RMB, 人民币 in front or behind,
    "CNY 10k", "RMB 10,000", "RMB10000", "(万)", "万元人民币"."""
    if unit is None:
        return 1.0
    lexicon = _lexicon()
    units, scales = lexicon.vocab.money_units, lexicon.vocab.money_header_scales
    key = lexicon.unit_noise.sub("", clean_text(unit).lower())
    if key not in units and key not in scales:
        key = lexicon.unit_noise.sub("", fold_traditional(clean_text(unit)).lower())
    if key in units:
        return units[key]
    if key in scales:
        return scales[key]
    if key.endswith("元") and key[:-1] in scales:
        return scales[key[:-1]]
    if key.endswith("yuan") and key[:-4] in scales:
        return scales[key[:-4]]
    raise KeyError(unit)


def is_money_unit(unit: str | None) -> bool:
    try:
        money_multiplier(unit)
    except KeyError:
        return False
    return True


def rate_unit_known(unit: str | None) -> bool:
    """A header unit :func:`parse_rate` understands (or an annotation it may ignore)."""
    if unit is None:
        return True
    key = clean_text(unit).replace(" ", "").lower()
    vocab = _lexicon().vocab
    return (
        key in vocab.rate_header_scales
        or key in vocab.percent_units
        or (key in vocab.rate_annotations)
    )


def parse_money(raw: pd.Series, unit: str | None = None) -> Parsed:
    """Amounts in yuan. The header unit applies unless the cell carries its own ("500万")."""
    multiplier = money_multiplier(unit)
    lexicon = _lexicon()
    money_re, units = lexicon.money, lexicon.vocab.money_units
    floats = _as_floats(raw)
    if floats is not None:
        return _clean(raw, (floats * multiplier).round(2))

    def cell(value: object) -> tuple[object, bool, bool]:
        if _is_number(value):
            return float(value) * multiplier, False, False
        if not isinstance(value, str):
            return None, True, False
        match = money_re.match(_numeric_text(value))
        if match is None or bool(match["open"]) != bool(match["close"]):
            return None, True, False
        amount = float(match["num"])
        if match["open"] or match["sign"] == "-":
            amount = -amount
        factor = units[match["unit"].lower()] if match["unit"] else multiplier
        return amount * factor, False, False

    parsed = _apply(raw, cell, "float64")
    return Parsed(parsed.values.round(2), parsed.bad, parsed.assumed)


PERCENT_FORMAT_NOTE = (
    "按单元格的百分比格式读取为小数 / read as a fraction (the cell has a percent format)"
)


# Plausible fractions per rate field: (lowest positive, highest); 0 is always plausible.
# They decide how a column of bare numbers is read (fraction or percent figure) and which
# values stay implausible after that (reported and treated as missing by the checks).
RATE_BOUNDS: dict[tuple[str, str], tuple[float, float]] = {
    ("loans", "rate"): (0.001, 0.24),  # 0.1 % … 24 % a year (24 %: the old usury line)
    ("guarantees", "fee_rate"): (0.0005, 0.10),
    ("losses", "risk_share"): (0.0, 1.0),
    ("institutions", "npl_ratio"): (0.0, 0.30),
    ("institutions", "sme_tech_npl_ratio"): (0.0, 0.30),
}
DEFAULT_RATE_BOUNDS = (0.001, 0.30)
FRACTION_HEADER_MAX = 0.3  # under a "%" header, bare numbers all ≤ this are fractions


def rate_bounds(spec: FieldSpec) -> tuple[float, float]:
    return RATE_BOUNDS.get((spec.table.value, spec.name), DEFAULT_RATE_BOUNDS)


def plausible_rate(values: np.ndarray, bounds: tuple[float, float]) -> np.ndarray:
    """Which fractions are plausible for a field with ``bounds`` (NaN → False)."""
    low, high = bounds
    with np.errstate(invalid="ignore"):
        ok = (values == 0) | ((values >= low) & (values <= high))
    return np.asarray(ok, dtype=bool)


def parse_rate(
    raw: pd.Series,
    unit: str | None = None,
    percent_format: pd.Series | None = None,
    bounds: tuple[float, float] = DEFAULT_RATE_BOUNDS,
) -> Parsed:
    """Rates as fractions. A "%" / "‰" / "BP" in the cell, a ‰ or BP header, or a percent
    number format fixes the scale of a cell.

    The other (bare) numbers are read per column, from the values: as fractions when more
    of them are plausible as fractions (``bounds``) than as percent figures, else as percent
    figures; on a tie, under a "%" header numbers all ≤ 0.3 are fractions (as databases
    store them) and other columns go by whether most numbers are below 1. A value that is
    plausible only the other way is read the other way (kept, marked as assumed). The
    decision is reported once per column (:attr:`Parsed.notes`). ``percent_format`` (bool
    per row, from the .xlsx number formats) marks cells Excel shows as percent, which store
    the fraction (4.35 % as 0.0435): that evidence wins.
    """
    unit_key = clean_text(unit).replace(" ", "").lower() if unit is not None else None
    formatted = (
        percent_format.reindex(raw.index, fill_value=False).to_numpy(dtype=bool)
        if percent_format is not None
        else np.zeros(len(raw), dtype=bool)
    )
    lexicon = _lexicon()
    scales, cell_units = lexicon.vocab.rate_header_scales, lexicon.vocab.rate_cell_units
    if unit_key is not None and unit_key in scales:
        parsed = _scaled_rate(raw, scales[unit_key])
        return _fractions_as_formatted(raw, parsed, formatted)
    percent_header = unit_key is not None and unit_key in lexicon.vocab.percent_units
    floats = _as_floats(raw)
    if floats is not None:
        numbers = floats
        bare = floats.notna().to_numpy()
        bad = pd.Series(False, index=raw.index)
    else:

        def cell(value: object) -> tuple[object, bool, bool]:
            """(number, bad, bare): a bare number is scaled by the column decision."""
            if _is_number(value):
                return float(value), False, True
            if not isinstance(value, str):
                return None, True, False
            match = lexicon.rate.match(_numeric_text(value))
            if match is None:
                return None, True, False
            number = float(match["num"])
            if match["pct"]:  # "4.35%", "3‰", "50BP": divided, so 4.35 % is exactly 0.0435
                factor = cell_units[match["pct"].lower()]
                divisor = 1 / factor
                if divisor.is_integer():
                    return number / divisor, False, False
                return number * factor, False, False
            return number, False, True

        parsed = _apply(raw, cell, "float64")
        numbers, bad = parsed.values, parsed.bad
        bare = parsed.assumed.to_numpy()
    if formatted.any():  # percent-formatted numbers are the fraction: not part of the vote
        is_number = np.fromiter((_is_number(v) for v in raw.tolist()), bool, count=len(raw))
        bare = bare & ~(formatted & is_number)
    values, assumed, notes = _decide_rates(numbers, bare, percent_header, bounds)
    parsed = Parsed(values.round(10), bad, assumed, _PER_VALUE_NOTE, notes)
    return _fractions_as_formatted(raw, parsed, formatted)


_PER_VALUE_NOTE = (
    "按合理性逐值读取（与本列多数不同）/ read the other way than the column, by plausibility"
)


def _decide_rates(
    numbers: pd.Series, bare: np.ndarray, percent_header: bool, bounds: tuple[float, float]
) -> tuple[pd.Series, pd.Series, tuple[ColumnNote, ...]]:
    """Scale the bare numbers of one rate column (see :func:`parse_rate`), vectorised."""
    if not bare.any():
        return numbers, pd.Series(False, index=numbers.index), ()
    x = numbers.to_numpy(dtype="float64")
    xb = x[bare]
    as_fraction = plausible_rate(xb, bounds)
    as_percent = plausible_rate(xb / 100, bounds)
    n_fraction, n_percent = int(as_fraction.sum()), int(as_percent.sum())
    below_one = int((np.abs(xb) < 1).sum())
    if n_fraction != n_percent:
        fractions = n_fraction > n_percent
    elif percent_header:
        fractions = bool((np.abs(xb) <= FRACTION_HEADER_MAX).all())
    else:
        fractions = below_one * 2 >= len(xb)
    # A value plausible only the other way is read the other way.
    other = (~as_fraction & as_percent) if fractions else (as_fraction & ~as_percent)
    read_fraction = ~other if fractions else other
    scaled = np.where(read_fraction, xb, xb / 100)
    out = x.copy()
    out[bare] = scaled
    flipped = np.zeros(len(x), dtype=bool)
    flipped[bare] = other
    assumed = pd.Series(flipped, index=numbers.index)
    n_other = int(other.sum())
    values = pd.Series(out, index=numbers.index)
    if n_other:
        n_frac = int(read_fraction.sum())
        message = (
            f"小数与百分数混用：{n_frac} 个数值按小数读取，{len(xb) - n_frac} 个按百分数读取"
            f"（逐值按合理性判断）/ mixed column: {n_frac} values read as fractions, "
            f"{len(xb) - n_frac} as percent figures (each by plausibility)"
        )
    elif fractions and percent_header:
        message = (
            f"按小数读取（表头为%，但数值均不大于{FRACTION_HEADER_MAX:g}，应为数据库存储的小数）/ "
            f"read as fractions: the header says % but all values are ≤ {FRACTION_HEADER_MAX:g}"
        )
    elif fractions and below_one == len(xb):
        message = "按小数读取（数值均小于1）/ read as fractions: all values < 1"
    elif fractions:
        message = "按小数读取（多数数值小于1）/ read as fractions: most values < 1"
    elif percent_header:
        return values, assumed, ()  # the header said so and the values agree
    elif below_one == 0:
        message = "按百分数读取（数值均不小于1）/ read as percent figures: all values ≥ 1"
    else:
        message = "按百分数读取（多数数值不小于1）/ read as percent figures: most values ≥ 1"
    note = ColumnNote("info", message, None, "按此读取本列 / column read accordingly")
    return values, assumed, (note,)


def _fractions_as_formatted(raw: pd.Series, parsed: Parsed, formatted: np.ndarray) -> Parsed:
    """Numbers in percent-formatted cells are the fraction itself, whatever the header."""
    if not formatted.any():
        return parsed
    numbers = np.fromiter((_is_number(v) for v in raw.tolist()), dtype=bool, count=len(raw))
    take = formatted & numbers
    if not take.any():
        return parsed
    exact = pd.to_numeric(raw.where(take, None), errors="coerce").astype("float64").round(10)
    values = parsed.values.where(~take, exact)
    assumed = parsed.assumed & ~take
    return Parsed(values, parsed.bad & ~take, assumed, parsed.assumption, parsed.notes)


def mixed_percent_formats(raw: pd.Series, percent_format: pd.Series) -> bool:
    """True when a column holds numbers both with and without a percent format."""
    numbers = np.fromiter((_is_number(v) for v in raw.tolist()), dtype=bool, count=len(raw))
    formatted = percent_format.reindex(raw.index, fill_value=False).to_numpy(dtype=bool)
    return bool((numbers & formatted).any() and (numbers & ~formatted).any())


def _scaled_rate(raw: pd.Series, scale: float) -> Parsed:
    """A column under a ‰ or BP header: bare numbers scaled; "%"/"‰"/"BP" cells as written."""
    lexicon = _lexicon()
    cell_units = lexicon.vocab.rate_cell_units

    def cell(value: object) -> tuple[object, bool, bool]:
        if _is_number(value):
            return float(value) * scale, False, False
        if not isinstance(value, str):
            return None, True, False
        match = lexicon.rate.match(_numeric_text(value))
        if match is None:
            return None, True, False
        number = float(match["num"])
        if match["pct"] is None:
            return number * scale, False, False
        return number * cell_units[match["pct"].lower()], False, False

    parsed = _apply(raw, cell, "float64")
    return Parsed(parsed.values.round(10), parsed.bad, parsed.assumed)


def parse_number(raw: pd.Series) -> Parsed:
    """Plain numbers and counts ("120", "1,200", "35人")."""
    number_re = _lexicon().number
    floats = _as_floats(raw)
    if floats is not None:
        return _clean(raw, floats)

    def cell(value: object) -> tuple[object, bool, bool]:
        if _is_number(value):
            return float(value), False, False
        if not isinstance(value, str):
            return None, True, False
        match = number_re.match(_numeric_text(value))
        return (float(match["num"]), False, False) if match else (None, True, False)

    return _apply(raw, cell, "float64")


def parse_flag(raw: pd.Series) -> Parsed:
    """是/否, Y/N, √/×, 有/无, TRUE/FALSE, 1/0 → True/False (the words are in
    resources/vocabulary/values.yaml; traditional characters folded); anything else is
    unreadable."""

    def cell(value: object) -> tuple[object, bool, bool]:
        if isinstance(value, bool):
            return value, False, False
        if _is_number(value):
            if value in (0, 1):
                return bool(value), False, False
            return None, True, False
        truth = flag_token(clean_text(value))
        return (None, True, False) if truth is None else (truth, False, False)

    return _apply(raw, cell, "boolean")


# A bilingual flag: "是 Yes", "否/No", "Y（是）" — each part a token of the same truth.
_FLAG_PARTS = re.compile(r"[\s/|、（）()]+")


def flag_token(text: str) -> bool | None:
    """True / False for a flag token, also written in two languages ("是 Yes", "否/No");
    None when unreadable or when the parts disagree ("是/No")."""
    vocab = _lexicon().vocab
    true_words, false_words = vocab.true_words, vocab.false_words

    def one(token: str) -> bool | None:
        if token not in true_words and token not in false_words:
            token = fold_traditional(token)
        return True if token in true_words else False if token in false_words else None

    truth = one(text.replace(" ", "").lower())
    if truth is not None:
        return truth
    parts = [p for p in _FLAG_PARTS.split(text.lower()) if p]
    if len(parts) < 2:
        return None
    truths = {one(p) for p in parts}
    return truths.pop() if len(truths) == 1 else None


def _make_date(year: int, month: int, day: int) -> dt.datetime | None:
    if not 1900 <= year <= 2199:
        return None
    try:
        return dt.datetime(year, month, day)
    except ValueError:
        return None


def _from_serial(serial: float) -> dt.datetime | None:
    if not 1 <= serial <= _MAX_SERIAL:
        return None
    return _EXCEL_EPOCH + dt.timedelta(days=math.floor(serial))


def parse_date_value(value: object) -> dt.datetime | None:
    """One cell as a date (midnight), or ``None`` when it cannot be read as a date."""
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.to_pydatetime().replace(tzinfo=None)
    if isinstance(value, dt.datetime):
        return dt.datetime(value.year, value.month, value.day)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if _is_number(value):
        number = float(value)
        if number.is_integer() and 19000101 <= number <= 21991231:
            text = str(int(number))
            return _make_date(int(text[:4]), int(text[4:6]), int(text[6:]))
        return _from_serial(number)
    if not isinstance(value, str):
        return None
    text = clean_text(value)
    match = _DATE_RE.match(text) or _COMPACT_DATE_RE.match(text)
    if match:
        return _make_date(int(match["y"]), int(match["m"]), int(match["d"]))
    if _SERIAL_RE.match(text):
        return _from_serial(float(text))
    return None


def parse_date(raw: pd.Series) -> Parsed:
    """Dates from datetime cells, Excel serials, 2024-03-01, 2024/3/1, 2024.3.1,
    2024年3月1日 and 20240301."""

    def cell(value: object) -> tuple[object, bool, bool]:
        parsed = parse_date_value(value)
        if parsed is None:
            return None, True, False
        return parsed.replace(hour=0, minute=0, second=0, microsecond=0), False, False

    return _apply(raw, cell, "datetime64[ns]")


def text_of(value: object) -> str:
    """Cell as text: 1001.0 → "1001", dates → ISO, outer whitespace trimmed.

    Inner characters are left alone: an enterprise name's full-width brackets are part of the
    registered name and must be shown as written.
    """
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date().isoformat()
    return str(value).strip()


def _as_is(texts: list[str]) -> tuple[list[object], list[bool], list[bool]]:
    none = [False] * len(texts)
    return list(texts), none, none


def parse_text(raw: pd.Series) -> Parsed:
    """Free text, trimmed; never unreadable."""
    return _apply(raw, lambda v: (text_of(v), False, False), "object", texts=_as_is)


def _uscc_texts(texts: list[str]) -> tuple[list[object], list[bool], list[bool]]:
    """:func:`normalise_uscc` over many codes at once: one translate of the joined text."""
    joined = "\x00".join(texts)
    if not texts or joined.count("\x00") != len(texts) - 1 or not joined.isascii():
        codes = [normalise_uscc(t) for t in texts]
    else:
        codes = normalise_uscc(joined).split("\x00")
    none = [False] * len(texts)
    return [c or None for c in codes], none, none


def parse_uscc_column(raw: pd.Series) -> Parsed:
    """Credit codes normalised for joining; checksum problems are reported by the reader."""
    return _apply(
        raw, lambda v: (normalise_uscc(v) or None, False, False), "object", texts=_uscc_texts
    )


def parse_district(raw: pd.Series) -> Parsed:
    """Any spelling of a county-level district (海淀, 北京市海淀区, 新干, an address, a GB/T 2260
    code) → the name policies compare (海淀区, 新干县); see desktop/spreadsheet/places.py.

    An ambiguous name with one Beijing candidate (朝阳 → 朝阳区) reads as that district and is
    flagged as assumed. Unknown names, other ambiguous names and values naming only a province
    or city are made missing (a measure then says 待补, never a wrong 不符合) and reported with
    the reason; the reader may still fill them from the address or the credit code. Text in
    traditional characters (海澱區) is tried again in simplified ones.
    """
    reasons: dict[str, str] = {}

    def cell(value: object) -> tuple[object, bool, bool]:
        text = text_of(value)
        name, note = district_name(text)
        if note and fold_traditional(text) != text:  # 海澱區: try it in simplified
            folded, folded_note = district_name(fold_traditional(text))
            if not folded_note or (note == NOTE_UNKNOWN and folded_note != NOTE_UNKNOWN):
                name, note = folded, folded_note
        if note in (NOTE_BEIJING, NOTE_PINYIN):
            kinds.add(note)
            return name, False, True
        if note:
            reasons[text] = note
            return None, True, False
        return name, False, False

    kinds: set[str] = set()
    parsed = _apply(raw, cell, "object", NOTE_BEIJING)
    if kinds:  # the column's assumption says which readings were assumed
        parsed = replace(
            parsed, assumption="；".join(n for n in (NOTE_BEIJING, NOTE_PINYIN) if n in kinds)
        )
    why = None
    if reasons:
        texts = raw.map(lambda v: reasons.get(text_of(v), "") if not is_blank(v) else "")
        why = texts.where(parsed.bad, "")
    return replace(parsed, reasons=why)


def parse_category(
    raw: pd.Series, field: str, choices: tuple[str, ...], table: Table | None = None
) -> Parsed:
    """Closed vocabularies (spellings in resources/vocabulary/values.yaml). A value that is
    none of the choices is missing and reported with its cell (a condition on it then says
    待补: "纯信用" kept as written would make a 信用 condition a wrong 否). An ambiguous
    spelling (小微: 小型 or 微型) is missing too, with a note per spelling."""
    if not choices:
        return parse_text(raw)
    notes: dict[str, ColumnNote] = {}

    def cell(value: object) -> tuple[object, bool, bool]:
        written = text_of(value)
        text, known = normalise_choice(written, field, choices, table)
        if known:
            return text, False, False
        options = ambiguous_choices(written, field, table)
        if options:
            notes.setdefault(
                written,
                ColumnNote(
                    "info",
                    f"「{written}」可指{'或'.join(options)}，无法确定，视为缺失（未知）/ "
                    f"'{written}' could mean {' or '.join(options)}: read as missing (unknown)",
                    written,
                    "视为缺失 / treated as missing",
                ),
            )
            return None, True, False
        return None, True, False

    parsed = _apply(raw, cell, "object")
    if parsed.bad.to_numpy()[~_is_ambiguous(raw, notes)].any():
        notes[""] = ColumnNote(
            "warning",
            "不在已知取值中的值视为缺失（已知取值：" + "、".join(choices) + "）/ values that are "
            "not known are read as missing (known: " + ", ".join(choices) + ")",
            None,
            "视为缺失 / treated as missing",
        )
    return Parsed(
        parsed.values, parsed.bad, parsed.assumed, parsed.assumption, tuple(notes.values())
    )


def _is_ambiguous(raw: pd.Series, notes: dict[str, ColumnNote]) -> np.ndarray:
    if not notes:
        return np.zeros(len(raw), dtype=bool)
    return np.fromiter(
        (not is_blank(v) and text_of(v) in notes for v in raw.tolist()), bool, count=len(raw)
    )


UNIT_MISSING_ACTION = "此列视为缺失 / column treated as missing"


def _missing_column(raw: pd.Series, note: ColumnNote) -> Parsed:
    none = pd.Series(False, index=raw.index, dtype=bool)
    values = pd.Series(np.nan, index=raw.index, dtype="float64")
    return Parsed(values, none, none.copy(), "", (note,))


def parse_column(
    raw: pd.Series,
    spec: FieldSpec,
    unit: str | None = None,
    percent_format: pd.Series | None = None,
    default_unit: str | None = None,
    reading: str | None = None,
) -> Parsed:
    """Dispatch on the field's type (and on the two fields with their own rules);
    ``reading`` (a mapping profile's, rates only) fixes how bare numbers are read:
    "percent" (3.45 → 3.45 %) or "fraction" (0.0345 → 3.45 %), whatever their values;
    ``percent_format`` marks the cells with a percent number format (rates only);
    ``default_unit`` is the sheet's unit ("单位：万元" above the table), used by money
    columns whose header has none.

    An unknown money unit makes the column missing (never zero) and is reported once; a unit
    that makes no sense on another column is reported and ignored."""
    if spec.name == "uscc":
        return parse_uscc_column(raw)
    if spec.name == "district":
        return parse_district(raw)
    match spec.type:
        case FieldType.MONEY:
            if unit is None and default_unit is not None:
                unit = default_unit
            if not is_money_unit(unit):
                return _missing_column(
                    raw,
                    ColumnNote(
                        "warning",
                        f"「{spec.label_zh}」的金额单位「{unit}」无法识别（支持 元、千元、万元、"
                        f"亿元、CNY、RMB 10,000 等）/ unknown money unit '{unit}' for "
                        f"{spec.label_en.lower()} (use 元, 万元, 亿元, CNY, RMB 10,000 …)",
                        unit,
                        UNIT_MISSING_ACTION,
                    ),
                )
            return parse_money(raw, unit)
        case FieldType.RATIO:
            if reading in ("percent", "fraction"):
                scaled = _scaled_rate(raw, 0.01 if reading == "percent" else 1.0)
                formatted = (
                    percent_format.reindex(raw.index, fill_value=False).to_numpy(dtype=bool)
                    if percent_format is not None
                    else np.zeros(len(raw), dtype=bool)
                )
                return _fractions_as_formatted(raw, scaled, formatted)
            parsed_unit = unit
            notes: tuple[ColumnNote, ...] = ()
            if not rate_unit_known(unit):
                parsed_unit = None
                notes = (_ignored_unit(spec, unit, "按无单位读取 / read as if without unit"),)
            parsed = parse_rate(raw, parsed_unit, percent_format, rate_bounds(spec))
            return Parsed(*_fields(parsed), (*notes, *parsed.notes))
        case _:
            pass
    parsed = _parse_other(raw, spec)
    if unit is not None and (is_money_unit(unit) or _scale_unit(unit)):
        note = _ignored_unit(spec, unit, "忽略单位，按原值读取 / unit ignored")
        return Parsed(*_fields(parsed), (note, *parsed.notes))
    return parsed


def _scale_unit(unit: str) -> bool:
    key = clean_text(unit).replace(" ", "").lower()
    vocab = _lexicon().vocab
    return key in vocab.rate_header_scales or key in vocab.percent_units


def _fields(parsed: Parsed) -> tuple[pd.Series, pd.Series, pd.Series, str]:
    return parsed.values, parsed.bad, parsed.assumed, parsed.assumption


def _ignored_unit(spec: FieldSpec, unit: str | None, action: str) -> ColumnNote:
    return ColumnNote(
        "warning",
        f"「{spec.label_zh}」的单位「{unit}」对此列无意义 / the unit '{unit}' makes no sense "
        f"for {spec.label_en.lower()}",
        unit,
        action,
    )


def _parse_other(raw: pd.Series, spec: FieldSpec) -> Parsed:
    match spec.type:
        case FieldType.NUMBER | FieldType.COUNT:
            return parse_number(raw)
        case FieldType.FLAG:
            return parse_flag(raw)
        case FieldType.DATE:
            return parse_date(raw)
        case FieldType.CATEGORY:
            return parse_category(raw, spec.name, spec.choices, spec.table)
        case _:
            return parse_text(raw)


__all__ = [
    "DEFAULT_RATE_BOUNDS",
    "PERCENT_FORMAT_NOTE",
    "RATE_BOUNDS",
    "UNIT_MISSING_ACTION",
    "ColumnNote",
    "Parsed",
    "is_blank",
    "is_money_unit",
    "mixed_percent_formats",
    "money_multiplier",
    "parse_category",
    "parse_column",
    "parse_date",
    "parse_date_value",
    "parse_district",
    "parse_flag",
    "parse_money",
    "parse_number",
    "parse_rate",
    "parse_text",
    "parse_uscc_column",
    "plausible_rate",
    "rate_bounds",
    "rate_unit_known",
    "text_of",
]

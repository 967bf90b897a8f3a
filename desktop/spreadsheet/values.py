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
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from desktop.core.fields import FieldSpec, FieldType
from desktop.spreadsheet.categories import clean_text, normalise_choice, normalise_district
from desktop.spreadsheet.uscc import normalise_uscc

MISSING_TOKENS = frozenset(
    {"", "-", "--", "---", "—", "——", "–", "/", "\\", "n/a", "na", "#n/a", "null", "none"}
    | {"nan", "nat", "不详", "未知", "待定", "暂无", "空"}
)
MONEY_UNITS: dict[str, float] = {
    "元": 1.0,
    "千元": 1e3,
    "千": 1e3,
    "万元": 1e4,
    "万": 1e4,
    "百万元": 1e6,
    "百万": 1e6,
    "亿元": 1e8,
    "亿": 1e8,
}
_LONGEST_TOKEN = max(len(t) for t in MISSING_TOKENS) + 2
PERCENT_UNITS = frozenset({"%", "百分比", "百分数", "年化%", "%/年"})
TRUE_TOKENS = frozenset({"是", "y", "yes", "true", "t", "1", "√", "✓", "✔", "☑", "有", "对"})
FALSE_TOKENS = frozenset({"否", "n", "no", "false", "f", "0", "×", "✗", "✘", "☐", "无", "不是"})

_MINUS = str.maketrans({"\u2212": "-", "\u2012": "-", "\u2013": "-"})
_CURRENCY = re.compile(r"^(?:人民币|rmb|cny|¥)|(?:人民币|rmb|cny)$", re.IGNORECASE)
_UNIT_ALT = "|".join(sorted(MONEY_UNITS, key=len, reverse=True))
_MONEY_RE = re.compile(
    r"^(?P<open>\()?(?P<sign>[+-])?(?P<num>\d+(?:\.\d*)?|\.\d+)(?P<close>\))?"
    rf"(?P<unit>{_UNIT_ALT})?$"
)
_RATE_RE = re.compile(r"^(?P<num>[+-]?(?:\d+(?:\.\d*)?|\.\d+))(?P<pct>%|‰|bp|BP|Bp|个基点|基点)?$")
# Header units that fix the scale of every bare number below them.
RATE_SCALES: dict[str, float] = {"‰": 1e-3, "千分比": 1e-3, "bp": 1e-4, "基点": 1e-4}
_NUMBER_RE = re.compile(r"^(?P<num>[+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:人|名|个|家|户)?$")
_DATE_RE = re.compile(
    r"^(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?"
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$"
)
_COMPACT_DATE_RE = re.compile(r"^(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})$")
_SERIAL_RE = re.compile(r"^\d{1,5}(?:\.\d+)?$")
_EXCEL_EPOCH = dt.datetime(1899, 12, 30)
_MAX_SERIAL = 109_575  # 2199-12-31: later "serials" are almost surely something else


@dataclass(frozen=True)
class Parsed:
    """A parsed column: ``values`` (index = Excel row), ``bad`` → made missing and reported,
    ``assumed`` → kept but read by an assumption that the analyst should see."""

    values: pd.Series
    bad: pd.Series
    assumed: pd.Series
    assumption: str = ""


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
        if len(text) > _LONGEST_TOKEN:  # no placeholder is this long: skip the NFKC
            return False
        return clean_text(text).lower() in MISSING_TOKENS
    return False


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _numeric_text(value: object) -> str:
    """Cell text prepared for number regexes: half-width, no spaces or thousands commas."""
    text = clean_text(value).translate(_MINUS).replace(" ", "").replace(",", "")
    return _CURRENCY.sub("", text)


def _apply(
    raw: pd.Series,
    cell: Callable[[object], tuple[object, bool, bool]],
    dtype: str,
    assumption: str = "",
) -> Parsed:
    """Run ``cell`` (value → (parsed, bad, assumed)) over the non-blank cells of ``raw``."""
    out: list[object] = []
    bad: list[bool] = []
    assumed: list[bool] = []
    missing = (None, False, False)
    memo: dict[tuple[type, object], tuple[object, bool, bool]] = {}
    for value in raw.tolist():
        # Ledger columns repeat their values (flags, districts, dates): parse each once.
        # The key holds the type, so 1, 1.0 and True are parsed apart.
        try:
            key = (value.__class__, value)
            result = memo.get(key)
        except TypeError:  # unhashable: parse directly
            key, result = None, None
        if result is None:
            if is_blank(value):
                result = missing
            else:
                parsed, was_bad, was_assumed = cell(value)
                result = (None if was_bad else parsed, was_bad, was_assumed and not was_bad)
            if key is not None and len(memo) < 100_000:
                memo[key] = result
        out.append(result[0])
        bad.append(result[1])
        assumed.append(result[2])
    values = pd.Series(out, index=raw.index, dtype=object)
    if dtype == "float64":
        values = pd.to_numeric(values, errors="coerce").astype("float64")
    elif dtype == "boolean":
        values = values.astype("boolean")
    elif dtype == "datetime64[ns]":
        values = pd.to_datetime(values, errors="coerce").astype("datetime64[ns]")
    return Parsed(
        values,
        pd.Series(bad, index=raw.index, dtype=bool),
        pd.Series(assumed, index=raw.index, dtype=bool),
        assumption,
    )


def _as_floats(raw: pd.Series) -> pd.Series | None:
    """The column as floats when every cell is a number or empty (the usual Excel column),
    so the common case is converted in one vectorised step."""
    number = (float, int)
    if not all(v is None or (v.__class__ in number) for v in raw.tolist()):
        return None
    return pd.to_numeric(raw, errors="coerce").astype("float64")


def _clean(raw: pd.Series, values: pd.Series, assumed: pd.Series | None = None) -> Parsed:
    none = pd.Series(False, index=raw.index, dtype=bool)
    return Parsed(values, none, none.copy() if assumed is None else assumed)


def money_multiplier(unit: str | None) -> float:
    """Yuan per header unit; a missing unit means yuan. Unknown units raise ``KeyError``."""
    if unit is None or unit == "":
        return 1.0
    return MONEY_UNITS[clean_text(unit).replace(" ", "").removeprefix("人民币")]


def parse_money(raw: pd.Series, unit: str | None = None) -> Parsed:
    """Amounts in yuan. The header unit applies unless the cell carries its own ("500万")."""
    multiplier = money_multiplier(unit)
    floats = _as_floats(raw)
    if floats is not None:
        return _clean(raw, (floats * multiplier).round(2))

    def cell(value: object) -> tuple[object, bool, bool]:
        if _is_number(value):
            return float(value) * multiplier, False, False  # type: ignore[arg-type]
        if not isinstance(value, str):
            return None, True, False
        match = _MONEY_RE.match(_numeric_text(value))
        if match is None or bool(match["open"]) != bool(match["close"]):
            return None, True, False
        amount = float(match["num"])
        if match["open"] or match["sign"] == "-":
            amount = -amount
        factor = MONEY_UNITS[match["unit"]] if match["unit"] else multiplier
        return amount * factor, False, False

    parsed = _apply(raw, cell, "float64")
    return Parsed(parsed.values.round(2), parsed.bad, parsed.assumed)


def parse_rate(raw: pd.Series, unit: str | None = None) -> Parsed:
    """Rates as fractions. A "%" header or cell means percent. Two readings are assumptions
    (reported as info): a bare number ≥ 1 under a header without unit is percent (a 435 %
    rate is not plausible), and a number < 1 under a "%" header is already a fraction (Excel
    stores a percentage-formatted 4.35 % as 0.0435, and a 0.0435 % loan rate is not plausible).
    """
    unit_key = clean_text(unit).replace(" ", "").lower() if unit is not None else None
    if unit_key in RATE_SCALES:
        return _scaled_rate(raw, RATE_SCALES[unit_key])
    percent_column = unit_key is not None and unit_key in PERCENT_UNITS
    note = (
        "小于1的数值按小数读取（Excel 百分比格式）/ read as a fraction (Excel percent cell)"
        if percent_column
        else "按百分数读取 / read as percent"
    )
    floats = _as_floats(raw)
    if floats is not None:
        large = floats.abs() >= 1
        small = floats.notna() & ~large & (floats != 0)
        values = floats.where(~large, floats / 100).round(10)
        assumed = small if percent_column else large
        return Parsed(values, pd.Series(False, index=raw.index), assumed.astype(bool), note)

    def from_number(number: float) -> tuple[object, bool, bool]:
        if abs(number) >= 1:
            return number / 100, False, not percent_column
        if percent_column and number != 0:
            return number, False, True  # an Excel percentage cell: 4.35 % is stored as 0.0435
        return number, False, False

    def cell(value: object) -> tuple[object, bool, bool]:
        if _is_number(value):
            return from_number(float(value))  # type: ignore[arg-type]
        if not isinstance(value, str):
            return None, True, False
        match = _RATE_RE.match(_numeric_text(value))
        if match is None:
            return None, True, False
        number = float(match["num"])
        if match["pct"] == "%":
            return number / 100, False, False
        if match["pct"] == "‰":
            return number / 1000, False, False
        if match["pct"]:
            return number / 10000, False, False  # basis points
        return from_number(number)

    parsed = _apply(raw, cell, "float64", note)
    return Parsed(parsed.values.round(10), parsed.bad, parsed.assumed, parsed.assumption)


def _scaled_rate(raw: pd.Series, scale: float) -> Parsed:
    """A column under a ‰ or BP header: bare numbers scaled; "%"/"‰"/"BP" cells as written."""

    def cell(value: object) -> tuple[object, bool, bool]:
        if _is_number(value):
            return float(value) * scale, False, False  # type: ignore[arg-type]
        if not isinstance(value, str):
            return None, True, False
        match = _RATE_RE.match(_numeric_text(value))
        if match is None:
            return None, True, False
        number = float(match["num"])
        factors = {"%": 1e-2, "‰": 1e-3, None: scale}
        return number * factors.get(match["pct"], 1e-4), False, False

    parsed = _apply(raw, cell, "float64")
    return Parsed(parsed.values.round(10), parsed.bad, parsed.assumed)


def parse_number(raw: pd.Series) -> Parsed:
    """Plain numbers and counts ("120", "1,200", "35人")."""
    floats = _as_floats(raw)
    if floats is not None:
        return _clean(raw, floats)

    def cell(value: object) -> tuple[object, bool, bool]:
        if _is_number(value):
            return float(value), False, False  # type: ignore[arg-type]
        if not isinstance(value, str):
            return None, True, False
        match = _NUMBER_RE.match(_numeric_text(value))
        return (float(match["num"]), False, False) if match else (None, True, False)

    return _apply(raw, cell, "float64")


def parse_flag(raw: pd.Series) -> Parsed:
    """是/否, Y/N, √/×, 有/无, TRUE/FALSE, 1/0 → True/False; anything else is unreadable."""

    def cell(value: object) -> tuple[object, bool, bool]:
        if isinstance(value, bool):
            return value, False, False
        if _is_number(value):
            if value in (0, 1):
                return bool(value), False, False
            return None, True, False
        token = clean_text(value).replace(" ", "").lower()
        if token in TRUE_TOKENS:
            return True, False, False
        if token in FALSE_TOKENS:
            return False, False, False
        return None, True, False

    return _apply(raw, cell, "boolean")


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
        number = float(value)  # type: ignore[arg-type]
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


def parse_text(raw: pd.Series) -> Parsed:
    """Free text, trimmed; never unreadable."""
    return _apply(raw, lambda v: (text_of(v), False, False), "object")


def parse_uscc_column(raw: pd.Series) -> Parsed:
    """Credit codes normalised for joining; checksum problems are reported by the reader."""
    return _apply(raw, lambda v: (normalise_uscc(v) or None, False, False), "object")


def parse_district(raw: pd.Series) -> Parsed:
    """Beijing districts folded to their full name; other values kept as given."""
    return _apply(raw, lambda v: (normalise_district(text_of(v)), False, False), "object")


def parse_category(raw: pd.Series, field: str, choices: tuple[str, ...]) -> Parsed:
    """Closed vocabularies; an unknown value is kept as given and reported for review."""
    if not choices:
        return parse_text(raw)

    def cell(value: object) -> tuple[object, bool, bool]:
        text, known = normalise_choice(text_of(value), field, choices)
        return text, False, not known

    note = "不在已知取值中，按原值保留 / not a known value, kept as given: " + "、".join(choices)
    return _apply(raw, cell, "object", note)


def parse_column(raw: pd.Series, spec: FieldSpec, unit: str | None = None) -> Parsed:
    """Dispatch on the field's type (and on the two fields with their own rules)."""
    if spec.name == "uscc":
        return parse_uscc_column(raw)
    if spec.name == "district":
        return parse_district(raw)
    match spec.type:
        case FieldType.MONEY:
            return parse_money(raw, unit)
        case FieldType.RATIO:
            return parse_rate(raw, unit)
        case FieldType.NUMBER | FieldType.COUNT:
            return parse_number(raw)
        case FieldType.FLAG:
            return parse_flag(raw)
        case FieldType.DATE:
            return parse_date(raw)
        case FieldType.CATEGORY:
            return parse_category(raw, spec.name, spec.choices)
        case _:
            return parse_text(raw)


__all__ = [
    "MISSING_TOKENS",
    "MONEY_UNITS",
    "Parsed",
    "is_blank",
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
    "text_of",
]

"""Where an enterprise is, from every source the file gives: 注册区, 注册地址, credit code.

Runs once over the merged enterprise table (see reader.py). A blank (or unreadable)
district is filled from the registered address when that names one county-level division,
else from the registering authority's division code inside the unified social credit code
(characters 3–8, GB 32100-2015); every filled value is reported as inferred. Where the
district given disagrees with the address or with the credit code's province, that is
reported and the district given is kept (enterprises move; the code keeps the authority
that first registered them).

Each distinct address and code is resolved once, so a 300,000-row ledger costs a few
thousand lookups.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from desktop.core.portfolio import QualityIssue
from desktop.spreadsheet.places import (
    Ambiguous,
    Place,
    district_name,
    place_of_division,
    resolve_place,
)
from desktop.spreadsheet.uscc import checks_out_many
from desktop.spreadsheet.values import text_of

Source = tuple[str | None, dict[str, str]]  # (sheet label, field → column letter)

PER_ROW = 50  # rows reported one by one per finding and sheet; the rest in one summary line

FROM_ADDRESS = (
    "「注册区」为空或无法识别，按注册地址推定 / district blank or unreadable: read from the "
    "registered address"
)
FROM_USCC = (
    "「注册区」为空或无法识别，按统一社会信用代码第3–8位（登记管理机关行政区划码）推定 / district "
    "blank or unreadable: read from the registering authority's division code in the credit "
    "code (characters 3–8)"
)
NO_COLUMN_USCC = (
    "表中无注册区列：{n} 家企业的注册区按统一社会信用代码第3–8位（登记管理机关行政区划码）推定"
    " / no district column: the district of {n} enterprises is read from the registering "
    "authority's division code in the credit code"
)
ADDRESS_DIFFERS = (
    "「注册区」与注册地址所在区县不一致 / district differs from the one in the registered address"
)
USCC_DIFFERS = (
    "「注册区」与统一社会信用代码登记机关所在省份不一致（企业可能已迁址）/ district is in "
    "another province than the credit code's registering authority (the enterprise may have "
    "moved)"
)
USCC_ELSEWHERE = (
    "「注册区」为空；统一社会信用代码登记机关（{code}）不在所填城市/省份内，未推定，按缺失处理"
    " / district blank: the credit code's registering authority ({code}) is not in the city or "
    "province given, so nothing is inferred and the district stays missing"
)
USED = "按推定值使用 / the inferred value is used"
MISSING = "按缺失处理（待补）/ treated as missing"
KEPT = "保留注册区；请核对 / the district given is kept; please check"


def _distinct(values: pd.Series, resolve: Callable[[str], object]) -> pd.Series:
    """``resolve`` over the distinct non-blank texts of ``values``, spread back."""
    codes, uniques = pd.factorize(values.astype(object))  # blanks (None, NaN) → -1
    results = [resolve(text_of(v)) for v in uniques.tolist()] + [None]
    out = pd.Series(results, dtype=object).take(codes).set_axis(values.index)
    return out.astype(object)


def _certain_district(text: str) -> str | None:
    name, note = district_name(text)
    return name if not note else None


def _divisions(codes: pd.Series) -> pd.Series:
    """Characters 3–8 of every 18-character code (the registering authority's division)."""
    cut = [c[2:8] if c.__class__ is str and len(c) == 18 else None for c in codes.tolist()]
    return pd.Series(cut, index=codes.index, dtype=object)


def _district_of(division: str) -> str | None:
    place = place_of_division(division)
    return None if place is None else place.district


def _place_label(division: str) -> str | None:
    place = place_of_division(division)
    if place is None:
        return None
    return "".join(dict.fromkeys(x for x in (place.province, place.city, place.district) if x))


def _province_of(division: str) -> str | None:
    place = place_of_division(division)
    return None if place is None else place.code[:2]


def _provinces(district: str) -> frozenset[str]:
    """The 2-digit province codes a county-level name can belong to."""
    found = resolve_place(district)
    if isinstance(found, Place):
        return frozenset({found.code[:2]})
    if isinstance(found, Ambiguous):
        return frozenset(c.code[:2] for c in found.candidates)
    return frozenset()


def _prefixes(text: str) -> frozenset[str]:
    """Division-code prefixes a city or province name stands for ("上海市" → {"31"},
    "吉安市" → {"3608"}); empty when the name is not recognised."""
    found = resolve_place(text)
    places = (found,) if isinstance(found, Place) else getattr(found, "candidates", ())
    cut = {"city": 4, "province": 2}
    return frozenset(p.code[: cut.get(p.level, 6)] for p in places)


def _outside(pair: str) -> bool:
    """ "上海市|110108" → True: the division is not inside the place named."""
    place, division = pair.rsplit("|", 1)
    prefixes = _prefixes(place)
    return bool(prefixes) and not any(division.startswith(p) for p in prefixes)


def _province_differs(pair: str) -> bool:
    """ "海淀区|36" → True: no 海淀区 lies in the province coded 36."""
    district, province = pair.rsplit("|", 1)
    provinces = _provinces(district)
    return bool(provinces) and province not in provinces


class _Reporter:
    """Issues for one finding over many rows: per row up to :data:`PER_ROW` a sheet, then
    one line saying how many more."""

    def __init__(self, frame: pd.DataFrame, sources: Sequence[Source]) -> None:
        self.frame = frame
        self.sources = sources
        self.issues: list[QualityIssue] = []

    def rows(
        self,
        mask: pd.Series,
        field: str,
        message: str,
        action: str,
        shown: pd.Series,
        place: pd.Series | None = None,
    ) -> None:
        """``message`` may hold ``{code}``: filled per row from ``place`` ("…" in the
        summary line)."""
        parts = self.frame["_part"].to_numpy()
        rows = self.frame["_row"].to_numpy()
        hits = np.flatnonzero(mask.to_numpy(dtype=bool))
        for part in dict.fromkeys(parts[hits].tolist()):
            label, letters = self.sources[int(part)]
            mine = hits[parts[hits] == part]
            for at in mine[:PER_ROW]:
                value = shown.iloc[at]
                text = message.format(code=place.iloc[at]) if place is not None else message
                self.issues.append(
                    QualityIssue(
                        "info", text, label, int(rows[at]), letters.get(field),
                        None if value is None else str(value), action,
                    )
                )  # fmt: skip
            if len(mine) > PER_ROW:
                more = len(mine) - PER_ROW
                head = message.format(code="…")
                self.issues.append(
                    QualityIssue(
                        "info", f"{head}（另有 {more} 行同类 / {more} more rows like this）",
                        label, None, letters.get(field), None, action,
                    )
                )  # fmt: skip


def complete_places(
    frame: pd.DataFrame, sources: Sequence[Source]
) -> tuple[pd.DataFrame, list[QualityIssue]]:
    """Fill blank districts from the address, then the credit code; report disagreements.

    ``frame`` is the merged enterprise table with ``_part`` (index into ``sources``) and
    ``_row`` (Excel row) columns."""
    if frame.empty or "uscc" not in frame.columns:
        return frame, []
    report = _Reporter(frame, sources)
    has_column = "district" in frame.columns
    district = (
        frame["district"].astype(object)
        if has_column
        else pd.Series([None] * len(frame), index=frame.index, dtype=object)
    )
    given = district.notna()
    uscc = frame["uscc"].astype(object)
    divisions = _divisions(uscc)

    if "address" in frame.columns:
        address = frame["address"].astype(object)
        # An address that spells out the district given agrees with it: only the others are
        # resolved (a ledger's addresses are nearly all distinct, ~15 µs each).
        agrees = pd.Series(
            [
                d.__class__ is str and a.__class__ is str and d in a
                for d, a in zip(district.tolist(), address.tolist(), strict=True)
            ],
            index=frame.index,
        )
        from_address = _distinct(address.where(~agrees, None), _certain_district)
        from_address = from_address.where(~agrees, district)
        fill = ~given & from_address.notna()
        if fill.any():
            district = district.where(~fill, from_address)
            report.rows(fill, "address", FROM_ADDRESS, USED, address)
        differs = given & from_address.notna() & (from_address != district)
        if differs.any():
            report.rows(differs, "district", ADDRESS_DIFFERS, KEPT, district)
    else:
        from_address = pd.Series([None] * len(frame), index=frame.index, dtype=object)

    # A blank district from the credit code: only codes that pass their check character (a
    # mistyped code says nothing reliable about where the enterprise is).
    from_uscc = _distinct(divisions.where(district.isna(), None), _district_of)
    pending = np.flatnonzero((district.isna() & from_uscc.notna()).to_numpy())
    fill = pd.Series(False, index=frame.index)
    if len(pending):
        fill.iloc[pending[checks_out_many(uscc.iloc[pending].tolist())]] = True
    # "When nothing else is given": a city or province in the file that the code's authority
    # lies outside wins; the district then stays missing (待补), never another city's.
    elsewhere = pd.Series(False, index=frame.index)
    for column in ("city", "province"):
        if column in frame.columns and fill.any():
            named = frame[column].astype(object)
            pairs = (named.map(text_of) + "|" + divisions).where(fill & named.notna(), None)
            outside = _distinct(pairs, _outside).fillna(False).astype(bool)
            elsewhere |= outside
            fill &= ~outside
    if elsewhere.any():
        where = _distinct(divisions.where(elsewhere, None), _place_label)
        report.rows(elsewhere, "uscc", USCC_ELSEWHERE, MISSING, uscc, where)
    if fill.any():
        district = district.where(~fill, from_uscc)
        if has_column:
            report.rows(fill, "uscc", FROM_USCC, USED, uscc)
        else:
            parts = frame.loc[fill, "_part"].to_numpy(dtype=np.int64)
            for part, count in zip(*np.unique(parts, return_counts=True), strict=True):
                label, letters = sources[int(part)]
                report.issues.append(
                    QualityIssue(
                        "info", NO_COLUMN_USCC.format(n=int(count)), label, None,
                        letters.get("uscc"), None, USED,
                    )
                )  # fmt: skip

    # The district given against the credit code's province (only where both are known).
    code_province = _distinct(divisions, _province_of)
    check = given & code_province.notna() & from_address.isna()
    if check.any():
        pairs = (district + "|" + code_province).where(check, None)
        differs = check & _distinct(pairs, _province_differs).fillna(False).astype(bool)
        if differs.any():
            report.rows(differs, "district", USCC_DIFFERS, KEPT, district)

    if has_column or district.notna().any():
        frame = frame.copy()
        frame["district"] = district
    return frame, report.issues


__all__ = ["complete_places"]

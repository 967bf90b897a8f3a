"""A loan's (or guarantee's, or policy's) term written in one cell: "2025.01.15-2026.01.14",
"2025年3月1日至2026年2月28日", "2024/12/20—2025/12/19", "20250115~20260114".

The cell is split into its two dates as ISO text; the date parser then reads each half like
any other date cell, so an impossible date is reported there with the cell's text. A cell
that does not hold exactly two dates keeps its text as the start (one date: a start without
an end; none or three: unreadable, reported with the original text by the date parser)."""

from __future__ import annotations

import re
import unicodedata

import pandas as pd

from desktop.core.portfolio import QualityIssue

_DATE = re.compile(
    r"(?<!\d)(\d{4})\s*(?:年|[./\-])\s*(\d{1,2})\s*(?:月|[./\-])\s*(\d{1,2})(?!\d)\s*日?"
    r"|(?<!\d)(\d{4})(\d{2})(\d{2})(?!\d)"
)

PER_COLUMN = 50  # single-date cells reported one by one, then counted


def _dates(text: str) -> list[str]:
    """The ISO dates written in ``text`` (full-width digits and separators folded)."""
    folded = unicodedata.normalize("NFKC", text)
    out = []
    for m in _DATE.finditer(folded):
        y, mo, d = (m.group(1), m.group(2), m.group(3)) if m.group(1) else m.group(4, 5, 6)
        out.append(f"{int(y):04d}-{int(mo):02d}-{int(d):02d}")
    return out


def split_terms(
    raw: pd.Series, *, sheet: str | None, column: str
) -> tuple[pd.Series, pd.Series, list[QualityIssue]]:
    """(start cells, end cells, findings) of a column of terms; cells that are already a
    date or a number (an Excel serial) are a start without an end."""
    starts: list[object] = []
    ends: list[object] = []
    single: list[tuple[int, str]] = []
    cache: dict[str, tuple[object, object]] = {}
    for row, cell in zip(raw.index, raw.tolist(), strict=True):
        if not isinstance(cell, str):
            starts.append(cell)
            ends.append(None)
            continue
        pair = cache.get(cell)
        if pair is None:
            found = _dates(cell)
            if len(found) == 2:
                pair = (found[0], found[1])
            elif len(found) == 1:
                pair = (found[0], "")  # "" marks the one-date cell (read as missing)
            else:
                pair = (cell, None)  # the date parser reports the text as unreadable
            cache[cell] = pair
        if pair[1] == "":
            single.append((int(row), cell))
        starts.append(pair[0])
        ends.append(pair[1] or None)
    issues = [
        QualityIssue(
            "warning",
            "起止日期一格只有一个日期：作为起始日期，到期日期缺失 / the term cell holds one "
            "date only: read as the start, the end is missing",
            sheet,
            row,
            column,
            text,
            "到期日期视为缺失 / end date treated as missing",
        )
        for row, text in single[:PER_COLUMN]
    ]
    if len(single) > PER_COLUMN:
        more = len(single) - PER_COLUMN
        issues.append(
            QualityIssue(
                "warning",
                f"另有 {more} 格起止日期只有一个日期 / {more} more term cells hold one date only",
                sheet,
                None,
                column,
                None,
                "到期日期视为缺失 / end date treated as missing",
            )
        )
    index = raw.index
    return (
        pd.Series(starts, index=index, dtype=object),
        pd.Series(ends, index=index, dtype=object),
        issues,
    )


__all__ = ["split_terms"]

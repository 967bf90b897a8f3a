"""Words of the result files (Chinese and English) and small text helpers.

Every label an export writes is a message of the text layer (:mod:`desktop.i18n`, read from
``resources/i18n/*.ts``) under the ``export.`` prefix: sheet names ``export.sheet.<id>``,
column titles ``export.col.<id>``, the cover sheet ``export.cover.<key>``. This module keeps
the small lookups the writers call with a stable id and ``lang``; add or reword a label with
``python tools/i18n.py add export.col.<id> 中文 English``.
"""

from __future__ import annotations

import unicodedata

from desktop.cells import formula_risky
from desktop.i18n import catalogue, label

EXCEL_MAX_CHARS = 32_767

ASSUMPTION_MARK = "【假设】"


def export_text(key: str, lang: str) -> str:
    """The catalogue text ``export.<key>`` in ``lang`` (English for "en", else Chinese).

    Unlike the window's lookup a missing key raises ``KeyError``: a result file must never
    carry a key where a title belongs, and the tests write every sheet."""
    entry = catalogue().get(f"export.{key}")
    if entry is None:
        raise KeyError(f"export.{key}")
    return entry.pick(lang)


def header(column_id: str, lang: str) -> str:
    """A column title (catalogue key ``export.col.<id>``)."""
    return export_text(f"col.{column_id}", lang)


def sheet_name(sheet_id: str, lang: str) -> str:
    """A sheet's name (catalogue key ``export.sheet.<id>``)."""
    return export_text(f"sheet.{sheet_id}", lang)


def cover_text(key: str, lang: str) -> str:
    """A label or template of the cover sheet (``export.cover.<key>``), placeholders unfilled."""
    return export_text(f"cover.{key}", lang)


def yes_word(lang: str) -> str:
    return export_text("yes", lang)


def export_label(group: str, value: str, lang: str) -> str:
    """The word for a coded ``value`` (``export.<group>.<value>``), or the value itself."""
    return label(f"export.{group}", value, lang)


def severity_word(severity: str, lang: str) -> str:
    """error / warning / info in ``lang``; an unknown severity is shown as it is."""
    return export_label("severity", severity, lang)


def total_word(lang: str) -> str:
    return export_text("total", lang)


def no_issues_text(lang: str) -> str:
    return export_text("no_issues", lang)


def display_width(text: str) -> int:
    """Width of the longest line, counting CJK and full-width characters as two."""
    widest = 0
    for line in text.split("\n"):
        width = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)
        widest = max(widest, width)
    return widest


def clip(text: str) -> str:
    """Text that fits in one Excel cell (32,767 characters), marked when cut."""
    if len(text) <= EXCEL_MAX_CHARS:
        return text
    return text[: EXCEL_MAX_CHARS - 1] + "…"


def csv_safe(text: str) -> str:
    """Text for a CSV cell that Excel will not run as a formula (prefixed with ``'``)."""
    return "'" + text if formula_risky(text) else text

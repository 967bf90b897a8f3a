"""Conventions of a spreadsheet cell that every reader and writer shares: Excel's column
letters, and which text a spreadsheet program would run as a formula."""

from __future__ import annotations

# A cell whose text starts with one of these is read as a formula by Excel, LibreOffice and
# WPS (formula injection, CWE-1236): writers store such text as text, CSV cells get a "'".
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def formula_risky(text: str) -> bool:
    """Whether a spreadsheet program could read ``text`` as a formula."""
    return text.startswith(FORMULA_TRIGGERS)


def column_letter(index: int) -> str:
    """Excel column letters of a 0-based column index: 0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


__all__ = ["FORMULA_TRIGGERS", "column_letter", "formula_risky"]

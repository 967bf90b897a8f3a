"""Text normalisation shared by header matching, value parsing and the vocabulary loader.

:func:`clean_text` (NFKC, whitespace), :func:`header_key` (how header spellings compare),
:func:`value_key` (how value words compare) and :func:`fold_traditional` (traditional →
simplified Chinese with OpenCC, for exports from Hong Kong, Macao and Taiwan systems).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from typing import Any

_SPACE = re.compile(r"\s+")
MARKERS = str.maketrans("", "", "*※★\u200b")
_QUOTES = str.maketrans("", "", "\"'“”‘’「」")


def clean_text(value: object) -> str:
    """NFKC (full-width → half-width) and whitespace trimmed and collapsed."""
    text = unicodedata.normalize("NFKC", str(value))
    return _SPACE.sub(" ", text).strip()


@cache
def _converter() -> Any:
    """OpenCC's traditional → simplified converter, imported on first use (about 5 ms)."""
    from opencc import OpenCC

    return OpenCC("t2s")


@lru_cache(maxsize=1 << 16)
def _folded(text: str) -> str:
    return str(_converter().convert(text))


def fold_traditional(text: str) -> str:
    """``text`` with traditional Chinese characters made simplified (企業名稱 → 企业名称,
    海澱區 → 海淀区); ASCII text is returned at once and every other string is converted
    once (cached), so callers fold per distinct value, never per cell.

    A whole-text table is used (OpenCC's, with its phrases) rather than a hand-written one,
    which would miss characters. Callers that compare values try the text as written first:
    a few simplified names would change (乾安县 → 干安县)."""
    if text.isascii():
        return text
    return _folded(text)


def header_key(label: str) -> str:
    """The comparison key of a header label: no whitespace, markers or quotes, lower-case,
    simplified characters."""
    text = clean_text(label).translate(MARKERS)
    text = _SPACE.sub("", text).lower().translate(_QUOTES)
    return fold_traditional(text)


def value_key(value: object) -> str:
    """The comparison key of a value word (是, 万元, 小型企业, Large): half-width, no spaces,
    lower-case; not folded (callers fold when the word as written is unknown)."""
    return clean_text(value).replace(" ", "").lower()


__all__ = ["MARKERS", "clean_text", "fold_traditional", "header_key", "value_key"]

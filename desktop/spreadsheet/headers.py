"""Header cells → canonical fields, and where the header row is.

Matching is exact after normalisation (full-width → half-width, whitespace, a trailing
bracketed unit, required-markers, a leading 是否 on flags). The import's scored matching
(:mod:`desktop.spreadsheet.mapping`) builds on the same spellings and normalisation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from desktop.core.fields import TABLES, FieldSpec, FieldType, Table
from desktop.spreadsheet.text import MARKERS, clean_text, header_key
from desktop.spreadsheet.vocabulary import vocabulary

# "营业收入（万元）", "年利率(%)", "实付利息[元]", "营业收入（单位：万元）"
_UNIT_RE = re.compile(
    r"^(?P<label>.*?)\s*[(\[【〔](?:单位[:：]?)?\s*(?P<unit>[^)\]】〕]*)[)\]】〕]$"
)

HEADER_SCAN_ROWS = 30  # title rows above the header are few; a header further down is a mess
MIN_HEADER_MATCHES = 2


@dataclass(frozen=True)
class HeaderMatch:
    """A column recognised as a canonical field; ``unit`` is the bracketed unit, if any."""

    field: FieldSpec
    header: str
    unit: str | None


def split_unit(header: object) -> tuple[str, str | None]:
    """("营业收入（万元）") → ("营业收入", "万元"); no brackets → (header, None)."""
    text = clean_text(header).translate(MARKERS)
    match = _UNIT_RE.match(text)
    if match is None:
        return text, None
    unit = match["unit"].strip()
    return match["label"], unit or None


@cache
def _keys(table: Table) -> dict[str, FieldSpec]:
    """Every accepted spelling of every field of ``table``; the label wins over synonyms
    (resources/vocabulary/fields.yaml)."""
    keys: dict[str, FieldSpec] = {}
    spellings: list[tuple[str, FieldSpec]] = []
    vocab = vocabulary()
    for spec in TABLES[table].fields:
        spellings += [(spec.label_zh, spec), (spec.label_en, spec), (spec.name, spec)]
    for spec in TABLES[table].fields:
        spellings += [(s, spec) for s in vocab.spellings(table, spec.name)]
        if spec.type == FieldType.FLAG:
            spellings += [(prefix + spec.label_zh, spec) for prefix in vocab.flag_prefixes]
    for label, spec in spellings:
        keys.setdefault(header_key(label), spec)
    return keys


_BILINGUAL = re.compile(r"^(?P<zh>[^A-Za-z]*[\u4e00-\u9fff][^A-Za-z]*?)\s*(?P<en>[A-Za-z].*)$")
_SLASHES = re.compile(r"\s*[/／|｜]\s*")


def label_variants(label: str) -> list[str]:
    """A label and, for bilingual headers, each language's part: "企业名称 Company Name",
    "贷款金额/Loan Amount" → [whole, "企业名称", "Company Name"]."""
    out = [label]
    parts = [p for p in _SLASHES.split(label) if p]
    if len(parts) > 1:
        out += parts
    for part in list(out):
        found = _BILINGUAL.match(part)
        if found:
            out += [found["zh"].strip(), found["en"].strip()]
    return list(dict.fromkeys(v for v in out if v))


def match_header(header: object, table: Table) -> HeaderMatch | None:
    """The field a single header cell names, or ``None``."""
    if header is None:
        return None
    if header.__class__ is str:  # the same cells are tried for every table and sheet
        return _match_text(header, table)
    return _match(header, table)


@lru_cache(maxsize=65536)
def _match_text(header: str, table: Table) -> HeaderMatch | None:
    return _match(header, table)


def _match(header: object, table: Table) -> HeaderMatch | None:
    label, unit = split_unit(header)
    spec = _keys(table).get(header_key(label))
    if spec is None:
        for variant in label_variants(label)[1:]:
            variant, inner = split_unit(variant)
            spec = _keys(table).get(header_key(variant))
            if spec is not None:
                unit = unit or inner
                break
    if spec is None and unit is not None:
        # A bracket that is part of the name, not a unit: "板块(层级)".
        spec = _keys(table).get(header_key(clean_text(header)))
        unit = None if spec is not None else unit
    if spec is None:
        return None
    return HeaderMatch(spec, clean_text(header), unit)


_PARTIAL_MAX = 40  # longer cells are prose (an instruction, a title), not a header


@cache
def _partial(key: str, table: Table) -> bool:
    spellings = [k for k in _keys(table) if len(k) >= 2]
    return any(k in key for k in spellings) or (len(key) >= 2 and any(key in k for k in spellings))


def partial_header(header: object, table: Table) -> bool:
    """True when a header cell is not an exact spelling but contains one of ``table``'s
    spellings or is part of one ("所属区县名" ⊃ "所属区县", "信用代码号" ⊃ "信用代码"): a
    header row is recognised by one exact match plus such near ones."""
    if header is None or header.__class__ is not str:
        return False
    label = split_unit(header)[0]
    key = header_key(label)
    if not 2 <= len(key) <= _PARTIAL_MAX or key.isdigit():
        return False
    return _partial(key, table)


def map_headers(headers: Sequence[object], table: Table) -> dict[int, HeaderMatch]:
    """Column index → field for every recognised header; a field named twice keeps the
    first column (the reader reports the later one)."""
    mapping: dict[int, HeaderMatch] = {}
    taken: set[str] = set()
    for index, header in enumerate(headers):
        found = match_header(header, table)
        if found is None or found.field.name in taken:
            continue
        taken.add(found.field.name)
        mapping[index] = found
    return mapping


def find_header_row(
    rows: Iterable[Sequence[object]], table: Table
) -> tuple[int, Sequence[object]] | None:
    """(0-based index, cells) of the first row where ≥ 2 cells name fields of ``table``."""
    for index, cells in enumerate(rows):
        if index >= HEADER_SCAN_ROWS:
            break
        hits = sum(1 for c in cells if c is not None and match_header(c, table) is not None)
        if hits >= MIN_HEADER_MATCHES:
            return index, cells
    return None


__all__ = [
    "HEADER_SCAN_ROWS",
    "HeaderMatch",
    "find_header_row",
    "header_key",
    "label_variants",
    "map_headers",
    "match_header",
    "partial_header",
    "split_unit",
]

"""Category cells: Beijing districts and the few closed vocabularies of the field registry.

Bank ledgers spell the same district or collateral type many ways ("海淀", "北京市海淀区",
"专利质押"); policy conditions compare exact strings, so the spellings are folded here once.
Unknown values are missing (see values.parse_category): a guess, or the text kept as
written, would silently change eligibility.
"""

from __future__ import annotations

import re

from desktop.core.fields import Table
from desktop.spreadsheet.text import clean_text, fold_traditional, value_key
from desktop.spreadsheet.vocabulary import vocabulary

BEIJING_DISTRICTS: tuple[str, ...] = (
    "东城区",
    "西城区",
    "朝阳区",
    "丰台区",
    "石景山区",
    "海淀区",
    "门头沟区",
    "房山区",
    "通州区",
    "顺义区",
    "昌平区",
    "大兴区",
    "怀柔区",
    "平谷区",
    "密云区",
    "延庆区",
)

# Former county names (密云、延庆 became districts in 2015).
_FORMER_NAMES = {"密云县": "密云区", "延庆县": "延庆区"}
_CITY_PREFIX = re.compile(r"^(?:中国)?北京(?:市)?(?:市辖区)?")


def normalise_district(value: str) -> str:
    """'海淀' / '海淀区' / '北京市海淀区' → '海淀区'; anything else is returned as given.

    An address that begins with a district ("北京市海淀区中关村大街1号") also yields the
    district, because ledgers often keep the registered address in this column.
    """
    text = clean_text(value).replace(" ", "")
    rest = _CITY_PREFIX.sub("", text)
    if rest in _FORMER_NAMES:
        return _FORMER_NAMES[rest]
    for district in BEIJING_DISTRICTS:
        if rest == district or rest == district[:-1]:
            return district
    for district in BEIJING_DISTRICTS:
        if rest.startswith(district):
            return district
    for former, district in _FORMER_NAMES.items():
        if rest.startswith(former):
            return district
    return clean_text(value)


def category_aliases(field: str, table: Table | None = None) -> dict[str, str]:
    """Spelling (compared by :func:`value_key`) → choice for ``field`` (of ``table``; without
    it, of every table having such a field), from resources/vocabulary/values.yaml."""
    out: dict[str, str] = {}
    for (owner, name), aliases in vocabulary().categories.items():
        if name == field and (table is None or owner == table):
            for word, choice in aliases.items():
                out.setdefault(word, choice)
    return out


def ambiguous_choices(value: str, field: str, table: Table | None = None) -> tuple[str, ...]:
    """The choices an ambiguous spelling could mean (小微 → 小型, 微型), else ()."""
    keys = (value_key(value), value_key(fold_traditional(clean_text(value))))
    for (owner, name), words in vocabulary().ambiguous.items():
        if name == field and (table is None or owner == table):
            for key in keys:
                if key in words:
                    return words[key]
    return ()


def normalise_choice(
    value: str, field: str, choices: tuple[str, ...], table: Table | None = None
) -> tuple[str, bool]:
    """Fold a spelling onto one of ``choices``; returns (value, known). The spellings are
    in resources/vocabulary/values.yaml (categories); traditional characters are folded to
    simplified when the text as written is not known."""
    text = clean_text(value)
    if text in choices:
        return text, True
    aliases = category_aliases(field, table)
    folded = fold_traditional(text)
    for written in dict.fromkeys((text, folded)):
        compact = value_key(written)
        for choice in choices:
            if compact == choice.lower():
                return choice, True
        for candidate in (compact, compact.removesuffix("贷款"), compact.removesuffix("方式")):
            if candidate in choices:
                return candidate, True
            if aliases.get(candidate) in choices:
                return aliases[candidate], True
    return text, False


__all__ = [
    "BEIJING_DISTRICTS",
    "ambiguous_choices",
    "category_aliases",
    "clean_text",
    "normalise_choice",
    "normalise_district",
]

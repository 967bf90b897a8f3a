"""Category cells: Beijing districts and the few closed vocabularies of the field registry.

Bank ledgers spell the same district or collateral type many ways ("海淀", "北京市海淀区",
"专利质押"); policy conditions compare exact strings, so the spellings are folded here once.
Unknown values are kept as given: a wrong guess would silently change eligibility.
"""

from __future__ import annotations

import re
import unicodedata

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
_SPACE = re.compile(r"\s+")

# Field name → {spelling: canonical choice}; keys are compared after clean_text().
CATEGORY_ALIASES: dict[str, dict[str, str]] = {
    "collateral": {
        "知识产权": "知识产权质押",
        "知识产权质押融资": "知识产权质押",
        "知识产权质押贷": "知识产权质押",
        "专利质押": "知识产权质押",
        "专利权质押": "知识产权质押",
        "商标质押": "知识产权质押",
        "商标权质押": "知识产权质押",
        "著作权质押": "知识产权质押",
        "版权质押": "知识产权质押",
        "ip质押": "知识产权质押",
        "信用贷": "信用",
        "纯信用": "信用",
        "保证担保": "保证",
        "担保": "保证",
        "房产抵押": "抵押",
        "不动产抵押": "抵押",
    },
    "listing_status": {
        "未挂牌": "未上市",
        "非上市": "未上市",
        "新三板挂牌": "新三板",
        "a股上市": "境内上市",
        "a股": "境内上市",
        "境内a股": "境内上市",
        "港股上市": "境外上市",
        "美股上市": "境外上市",
        "港股": "境外上市",
        "美股": "境外上市",
    },
    "kind": {
        "新三板": "新三板挂牌",
        "挂牌": "新三板挂牌",
        "a股上市": "境内上市",
        "港股上市": "境外上市",
        "美股上市": "境外上市",
        "并购": "并购并表",
        "并购重组": "并购并表",
    },
}


def clean_text(value: object) -> str:
    """NFKC (full-width → half-width) and whitespace trimmed and collapsed."""
    text = unicodedata.normalize("NFKC", str(value))
    return _SPACE.sub(" ", text).strip()


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


def normalise_choice(value: str, field: str, choices: tuple[str, ...]) -> tuple[str, bool]:
    """Fold a spelling onto one of ``choices``; returns (value, known)."""
    text = clean_text(value)
    if text in choices:
        return text, True
    compact = text.replace(" ", "").lower()
    for choice in choices:
        if compact == choice.lower():
            return choice, True
    aliases = CATEGORY_ALIASES.get(field, {})
    for candidate in (compact, compact.removesuffix("贷款"), compact.removesuffix("方式")):
        if candidate in choices:
            return candidate, True
        if candidate in aliases:
            return aliases[candidate], True
    return text, False


__all__ = [
    "BEIJING_DISTRICTS",
    "CATEGORY_ALIASES",
    "clean_text",
    "normalise_choice",
    "normalise_district",
]

"""Funding level (资金层级) of a measure: which level of government's budget pays it.

The level is data first: what the policy file records from the text —

1. the measure's own ``funding_level`` (a document issued jointly by city and district bodies,
   such as 京金融〔2022〕190号, says per article who is responsible: 海淀区政府 for its 海淀
   articles, 市财政局 and other municipal units elsewhere);
2. the document's ``funding_level``, from its issuing authority (京政办发〔2023〕23号 is issued
   by 北京市人民政府办公厅, 沪府办规〔2025〕8号 by 上海市人民政府办公厅: 市级).

Only where neither is recorded, a documented fallback derives it, first match wins:

3. the measure's name contains ``市级`` → 市级; it starts with the name of a district or county
   in ``reference/districts.yaml`` (e.g. ``海淀区…``) → 区级;
4. every issuer of the document is a district or county body → 区级;
5. the article's responsible units: only district governments → 区级; 市财政局 and no
   district government → 市级;
6. otherwise ``unspecified`` — the text does not say who pays, and we do not guess.

Each answer comes with its reason in words (zh or en), shown wherever amounts are split by
level. 区级 covers districts and counties (区县级).
"""

from __future__ import annotations

from desktop.core.catalogue import Catalogue, CompiledMeasure
from desktop.i18n import text

CITY = "市级"
DISTRICT = "区级"
UNSPECIFIED = "unspecified"
FUNDING_LEVELS = (CITY, DISTRICT, UNSPECIFIED)
#: the text-layer key (desktop.i18n) that names each funding level on screen and in the brief
FUNDING_KEYS = {
    CITY: "funding.city",
    DISTRICT: "funding.district",
    UNSPECIFIED: "funding.unspecified",
}


def _is_district_body(name: str) -> bool:
    return name.endswith(("区", "县")) or "区人民政府" in name or "县人民政府" in name


def funding_level(
    measure: CompiledMeasure, catalogue: Catalogue, lang: str = "zh"
) -> tuple[str, str]:
    """(市级 | 区级 | unspecified, the reason in words) — see the module docstring."""
    stated = measure.measure.funding_level or measure.document.funding_level
    if stated is not None:
        return stated.level, stated.reason_en if lang == "en" else stated.reason
    return _derived(measure, catalogue, lang)


def _derived(measure: CompiledMeasure, catalogue: Catalogue, lang: str) -> tuple[str, str]:
    name = measure.measure.name
    if CITY in name:
        return CITY, text("funding.reason.name_city", lang)
    districts = sorted(catalogue.district_cities or {}, key=len, reverse=True)
    for district in districts:
        if name.startswith(district):
            return DISTRICT, text("funding.reason.name_district", lang, district=district)
    document = measure.document
    if document.issuers and all(_is_district_body(i) for i in document.issuers):
        issuers = "、".join(document.issuers)
        return DISTRICT, text("funding.reason.issuers_district", lang, issuers=issuers)
    policy = catalogue.files.get(document.slug)
    article = None
    if policy is not None:
        article = next((a for a in policy.articles if a.number == measure.measure.article), None)
    responsible = list(article.responsible) if article is not None else []
    district_units = [u for u in responsible if "区政府" in u or "区人民政府" in u]
    if responsible and len(district_units) == len(responsible):
        units = "、".join(responsible)
        return DISTRICT, text("funding.reason.responsible_district", lang, units=units)
    if "市财政局" in responsible and not district_units:
        return CITY, text("funding.reason.responsible_city", lang)
    if measure.measure.kind == "checkable":
        return UNSPECIFIED, text("funding.reason.checkable", lang)
    return UNSPECIFIED, text("funding.reason.unspecified", lang)


__all__ = [
    "CITY",
    "DISTRICT",
    "FUNDING_KEYS",
    "FUNDING_LEVELS",
    "UNSPECIFIED",
    "funding_level",
]

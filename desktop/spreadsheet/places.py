"""Places: any common spelling of a Chinese province / city / county → its GB/T 2260 division.

``resolve_place("北京海淀")`` → ``Place("110108", "北京市", "北京市", "海淀区")``. It reads the
division table ``resources/divisions/gbt2260.csv`` (source in the README beside it) once and
answers from dictionaries, so a column of thousands of distinct addresses resolves quickly.

Accepted: full or short names with or without the province/city in front (海淀, 海淀区,
北京市海淀区, 北京海淀, 新干, 吉安市新干县, 江西省吉安市新干县), a 6-digit division code
(110108), an address beginning with the place ("北京市海淀区中关村大街1号"), former names
(密云县 → 密云区), the 中关村 sub-parks (中关村科技园区海淀园 → 海淀区) and 北京经济技术开发区.

Never guessed: a name that several divisions share (朝阳区 in 北京市 and 长春市; 鼓楼区 in six
cities; 朝阳 = 朝阳区/朝阳县/朝阳市) gives :class:`Ambiguous` with every candidate, unless the
context passed in (``province=``, ``city=``, ``uscc=``) leaves only one.

北京经济技术开发区 (亦庄) is a functional zone, not a GB/T 2260 division; its core lies in
大兴区 but it also covers parts of 通州区. The catalogue (policies/reference/districts.yaml,
the sample ledger) treats it as a district of its own, so it resolves to the district
"北京经济技术开发区" with code 110115 (大兴区, where the zone's administration sits) rather than to
大兴区; 中关村亦庄园 is the same zone. 中关村大兴-亦庄园 (one park since 2012, both areas) is
ambiguous between the two.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from desktop.paths import resources_dir

MUNICIPALITIES = frozenset({"11", "12", "31", "50"})
BDA = "北京经济技术开发区"
BDA_NAMES = ("北京经济技术开发区", "北京经开区", "亦庄经济技术开发区", "亦庄经开区", "亦庄")
# 中关村科技园区 sub-parks (“一区十六园”) → the district each lies in.
ZGC_PARKS: dict[str, str] = {
    **{
        f"{short}园": f"{short}区"
        for short in ("东城", "西城", "朝阳", "海淀", "丰台", "石景山", "门头沟", "房山", "通州")
        + ("顺义", "昌平", "平谷", "怀柔", "密云", "延庆", "大兴")
    },
    "亦庄园": BDA,
}
ZGC_BOTH = frozenset({"大兴-亦庄园", "大兴亦庄园", "大兴—亦庄园"})
_ZGC_PREFIX = re.compile(
    r"^(?:北京市?)?中关村(?:国家自主创新示范区|科技园区|示范区|科技园)?(?P<park>.+)$"
)
_SPACE = re.compile(r"[\s\u3000]+")
# Places written in English: "Haidian District", "Beijing Chaoyang", "Xingan County, Ji'an".
# Spellings from romanised.csv (Hanyu Pinyin of every short name); the words below only say
# what kind of place it is. Official spellings that differ from plain pinyin, and the
# development zone's English names, are added here.
_WORD = re.compile(r"[a-z]+")
_KIND_WORDS = frozenset(
    (
        *("district", "county", "city", "province", "municipality", "prefecture"),
        *("autonomous", "region", "new", "area", "zone", "of", "the", "prc", "china"),
        *("qu", "xian", "shi", "sheng", "zizhi"),
    )
)
ROMANISED_EXTRA = {
    "shaanxi": "610000",
    "bda": "BDA",
    "etown": "BDA",
    "yizhuang": "BDA",
    "beijingeconomictechnologicaldevelopmentarea": "BDA",
    "beijingeconomicandtechnologicaldevelopmentarea": "BDA",
}
_MUNICIPAL_FILLER = ("市辖区", "城区", "辖区")
_SUFFIXES = ("自治县", "自治旗", "林区", "特区", "区", "县", "市", "旗")

NOTE_UNKNOWN = "无法识别为全国任何区县 / not a known district or county"
NOTE_AMBIGUOUS = "同名区县，无法确定是哪一个 / ambiguous district name"
NOTE_BEIJING = "同名区县，按北京市的区处理 / ambiguous district name, read as the Beijing district"
NOTE_NO_COUNTY = "只写了省或城市，未写区县 / only a province or city, no district"
NOTE_PINYIN = "按拼音读作区县名，请核对 / read from a pinyin spelling: please check"


@dataclass(frozen=True)
class Place:
    """A division: ``code`` (6 digits), names of its province, city and county-level district.

    ``city`` is the municipality for its districts (北京市), None for a province and for
    county-level units directly under a province (仙桃市); ``district`` is None above county level.
    """

    code: str
    province: str
    city: str | None
    district: str | None

    @property
    def level(self) -> str:
        if self.district is not None:
            return "county"
        return "city" if self.city is not None and self.code[2:] != "0000" else "province"


@dataclass(frozen=True)
class Ambiguous:
    """Several divisions fit ``text``; the caller reports it rather than picking one."""

    text: str
    candidates: tuple[Place, ...]

    @property
    def district(self) -> str | None:
        """The district name when every candidate has the same one (朝阳区 in 北京 and 长春)."""
        names = {c.district for c in self.candidates}
        return next(iter(names)) if len(names) == 1 else None


@dataclass(frozen=True)
class _Tables:
    places: dict[str, Place]  # key → place (key = code, or "BDA")
    by_code: dict[str, str]  # 6-digit code → key
    province_full: dict[str, tuple[str, ...]]
    province_short: dict[str, tuple[str, ...]]
    city_full: dict[str, tuple[str, ...]]
    city_short: dict[str, tuple[str, ...]]
    county_full: dict[str, tuple[str, ...]]
    county_short: dict[str, tuple[str, ...]]
    counties_under: dict[str, tuple[str, ...]]  # city or province code → county keys
    longest: int
    romanised: dict[str, tuple[str, ...]]  # pinyin spelling ("haidian") → keys


def divisions_dir() -> Path:
    return resources_dir() / "divisions"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


def _add(table: dict[str, list[str]], name: str, key: str) -> None:
    keys = table.setdefault(name, [])
    if key not in keys:
        keys.append(key)


def _bare(name: str) -> str | None:
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return None


@cache
def _tables() -> _Tables:
    folder = divisions_dir()
    rows = _rows(folder / "gbt2260.csv")
    name_of = {r["code"]: r["name"] for r in rows}
    parent_of = {r["code"]: r["parent"] for r in rows}
    places: dict[str, Place] = {}
    names: dict[str, dict[str, list[str]]] = {k: {} for k in ("pf", "ps", "cf", "cs", "kf", "ks")}
    under: dict[str, list[str]] = {}
    for r in rows:
        code, level, name, short = r["code"], r["level"], r["name"], r["short"]
        province = name_of[code[:2] + "0000"]
        municipal = code[:2] in MUNICIPALITIES
        full, brief = ("pf", "ps") if level == "province" else ("cf", "cs")
        if level == "province":
            places[code] = Place(code, province, province if municipal else None, None)
        elif level == "city":
            places[code] = Place(code, province, name, None)
        else:
            parent = r["parent"]
            city = province if municipal else (name_of[parent] if parent_of[parent] else None)
            places[code] = Place(code, province, city, name)
            full, brief = "kf", "ks"
            under.setdefault(parent, []).append(code)
            if parent != code[:2] + "0000":
                under.setdefault(code[:2] + "0000", []).append(code)
        _add(names[full], name, code)
        for alias in (short, _bare(name)):
            if alias and len(alias) >= 2 and alias != name:
                _add(names[brief], alias, code)
    for r in _rows(folder / "former_names.csv"):
        _add(names["kf"], r["former"], r["code"])
        bare = _bare(r["former"])
        if bare:
            _add(names["ks"], bare, r["code"])
    places["BDA"] = Place("110115", "北京市", "北京市", BDA)
    for alias in BDA_NAMES:
        _add(names["kf"], alias, "BDA")
    under["110000"].append("BDA")
    spelled: dict[str, list[str]] = {}
    for r in _rows(folder / "romanised.csv"):
        _add(spelled, r["spelling"], r["code"])
    for word, key in ROMANISED_EXTRA.items():
        _add(spelled, word, key)
    frozen = {k: {n: tuple(v) for n, v in t.items()} for k, t in names.items()}
    return _Tables(
        places=places,
        by_code={p.code: k for k, p in places.items() if k != "BDA"},
        province_full=frozen["pf"],
        province_short=frozen["ps"],
        city_full=frozen["cf"],
        city_short=frozen["cs"],
        county_full=frozen["kf"],
        county_short=frozen["ks"],
        counties_under={k: tuple(v) for k, v in under.items()},
        longest=max(len(n) for t in frozen.values() for n in t),
        romanised={w: tuple(dict.fromkeys(v)) for w, v in spelled.items()},
    )


def _clean(text: object) -> str:
    value = unicodedata.normalize("NFKC", str(text))
    value = _SPACE.sub("", value)
    return value.removeprefix("中华人民共和国").removeprefix("中国")


def _within(key: str, parent: str | None) -> bool:
    if parent is None:
        return True
    if key == "BDA":
        return parent in ("110000",)
    return key.startswith(parent[:2] if parent.endswith("0000") else parent[:4])


def _prefix(
    t: _Tables, text: str, pos: int, table: dict[str, tuple[str, ...]], parent: str | None
) -> tuple[tuple[str, ...], int]:
    """Longest name in ``table`` starting at ``pos`` whose divisions lie within ``parent``."""
    for end in range(min(len(text), pos + t.longest), pos, -1):
        keys = table.get(text[pos:end])
        if keys:
            inside = tuple(k for k in keys if _within(k, parent))
            if inside:
                return inside, end
    return (), pos


def _county_follows(t: _Tables, text: str, pos: int, parent: str) -> bool:
    if _prefix(t, text, pos, t.county_full, parent)[0]:
        return True
    found, end = _prefix(t, text, pos, t.county_short, parent)
    return bool(found) and end == len(text)


def _walk(t: _Tables, text: str, provinces: bool = True) -> tuple[str, ...]:
    """Province, city, county read from the front of ``text``; the deepest level found.

    A short province name that leads nowhere is read again as no province (河北区 is in 天津,
    海南藏族自治州 in 青海).
    """
    pos = 0
    province: str | None = None
    keys, end = _prefix(t, text, 0, t.province_full, None) if provinces else ((), 0)
    short = False
    if not keys and provinces:
        keys, end = _prefix(t, text, 0, t.province_short, None)
        short = bool(keys)
    if len(keys) == 1:
        province, pos = keys[0], end
        if province[:2] in MUNICIPALITIES:
            for filler in _MUNICIPAL_FILLER:
                if text.startswith(filler, pos):
                    pos += len(filler)
                    break
    city: str | None = None
    keys, end = _prefix(t, text, pos, t.city_full, province)
    if not keys:  # a short city name only in front of a county: 吉安新干, 江西吉安新干县
        keys, end = _prefix(t, text, pos, t.city_short, province)
        if len(keys) != 1 or not _county_follows(t, text, end, keys[0]):
            keys = ()
    if len(keys) == 1:
        city, pos = keys[0], end
    parent = city or province
    keys, end = _prefix(t, text, pos, t.county_full, parent)
    if not keys and parent is not None:
        found, end = _prefix(t, text, pos, t.county_short, parent)
        if found and end == len(text):
            keys = found
    if not keys and parent is not None and pos < len(text):
        rest = text[pos:]
        keys = tuple(
            k for k in t.counties_under.get(parent, ()) if (t.places[k].district or "") in rest
        )
        keys = keys if len(keys) == 1 else ()
    if keys:
        return keys
    if city is not None:
        return (city,)
    if province is not None and not (short and pos < len(text)):
        return (province,)
    return _walk(t, text, provinces=False) if short else ()


def _whole(t: _Tables, text: str) -> tuple[str, ...]:
    """Keys whose full name, or failing that short name, is exactly ``text``."""
    full = t.county_full.get(text, ()) + t.city_full.get(text, ()) + t.province_full.get(text, ())
    if full:
        return full
    return (
        t.county_short.get(text, ()) + t.city_short.get(text, ()) + t.province_short.get(text, ())
    )


def _park(text: str) -> tuple[str, ...] | None:
    """中关村 sub-parks: after a 中关村 prefix, or a bare park name as the whole text."""
    m = _ZGC_PREFIX.match(text)
    park = m["park"] if m else text
    if park in ZGC_BOTH:
        return ("110115", "BDA")
    district = ZGC_PARKS.get(park)
    if district is None:
        return None
    return ("BDA",) if district == BDA else _tables().county_full[district][:1]


def _code_prefix(place: Place) -> str:
    """The part of a division code its level fixes: 11 (province), 1101 (city), 110108."""
    return place.code[: {"city": 4, "province": 2}.get(place.level, 6)]


def _romanised(t: _Tables, text: str) -> tuple[str, ...]:
    """Keys a place written in pinyin names: each word (or two or three run together, as in
    "Shi Jing Shan") that spells a division; the lowest level named wins and the others
    narrow it ("Beijing Chaoyang District" → 朝阳区 of 北京). () unless the text is Latin
    letters made only of place spellings and kind words (district, county …): an English
    address ("Room 5, Jianguo Road") is not guessed at."""
    folded = unicodedata.normalize("NFKC", text).lower()
    if not folded.isascii():
        return ()
    words = _WORD.findall(folded)  # an apostrophe parts syllables: Xi'an, Ji'an
    named: list[tuple[str, ...]] = []
    i = 0
    while i < len(words):
        for size in (3, 2, 1):  # the longest run of words that spells a place
            run = "".join(words[i : i + size])
            keys = t.romanised.get(run, ()) if i + size <= len(words) else ()
            if keys and not (size == 1 and run in _KIND_WORDS):
                named.append(keys)
                i += size
                break
        else:
            if words[i] not in _KIND_WORDS:
                return ()  # a word that is no place: an address or a note, not read here
            i += 1
    if not named:
        return ()
    level = {"county": 0, "city": 1, "province": 2}
    # The most specific place named, narrowed by every other place the text names.
    named.sort(key=lambda keys: min(level[t.places[k].level] for k in keys))
    found = named[0]
    for other in named[1:]:
        prefixes = tuple(_code_prefix(t.places[k]) for k in other)
        inside = tuple(k for k in found if any(t.places[k].code.startswith(p) for p in prefixes))
        if inside:
            found = inside
    return found


@cache
def _context_prefixes(province: str | None, city: str | None, uscc: str | None) -> tuple[str, ...]:
    """Code prefixes the context allows, most specific first (empty: no context)."""
    out: list[str] = []
    if uscc:
        place = place_from_uscc(uscc)
        if place is not None:
            out.append(_code_prefix(place))
    for text in (city, province):
        if not text:
            continue
        found = resolve_place(text)
        if isinstance(found, Place):
            out.append(_code_prefix(found))
    return tuple(out)


def _narrow(keys: tuple[str, ...], prefixes: tuple[str, ...]) -> tuple[str, ...]:
    for prefix in prefixes:
        t = _tables()
        inside = tuple(k for k in keys if t.places[k].code.startswith(prefix))
        if inside:
            keys = inside
    return keys


@lru_cache(maxsize=1 << 16)
def resolve_place(
    text: str, *, province: str | None = None, city: str | None = None, uscc: str | None = None
) -> Place | Ambiguous | None:
    """The division ``text`` names, :class:`Ambiguous` if several fit, None if none does.

    ``province`` / ``city`` (names or codes) and ``uscc`` (a credit code) only narrow the
    candidates of an ambiguous name; they never override a name that is unique.
    """
    t = _tables()
    clean = _clean(text)
    if not clean:
        return None
    if clean.isdigit() and len(clean) in (6, 9, 12):
        key = t.by_code.get(clean[:6])
        return None if key is None or clean[6:].strip("0") else t.places[key]
    keys = _park(clean) or _whole(t, clean) or _walk(t, clean) or _romanised(t, text)
    if not keys:
        return None
    keys = tuple(dict.fromkeys(keys))
    if len(keys) > 1 and (province or city or uscc):
        keys = _narrow(keys, _context_prefixes(province, city, uscc))
    if len(keys) == 1:
        return t.places[keys[0]]
    return Ambiguous(clean, tuple(t.places[k] for k in keys))


def place_from_uscc(code: str) -> Place | None:
    """The registering authority's division: characters 3–8 of a credit code (GB 32100).

    A county-level code gives the district; a prefecture code (360800) only the city; a code
    not in the table (abolished since) falls back to its city, then its province.
    """
    text = _clean(code).upper()
    if len(text) != 18 or not text[2:8].isdigit():
        return None
    return place_of_division(text[2:8])


@cache
def place_of_division(division: str) -> Place | None:
    """The place of a 6-digit division code, falling back to its city, then its province
    (codes abolished since keep their prefecture and province)."""
    if len(division) != 6 or not division.isdigit():
        return None
    t = _tables()
    for candidate in (division, division[:4] + "00", division[:2] + "0000"):
        key = t.by_code.get(candidate)
        if key is not None:
            return t.places[key]
    return None


def district_from_uscc(code: str) -> str | None:
    """The county-level district of the registering authority, or None (city-level or unknown)."""
    place = place_from_uscc(code)
    return None if place is None else place.district


def district_name(text: str) -> tuple[str, str]:
    """(value for the ``district`` field, note); the note is "" when the district is certain.

    Resolved → the county-level name policies compare (海淀区, 新干县). Ambiguous names that
    share one district name (朝阳区) keep it without a note: the compared string is certain,
    only the city is not (the derived 所在城市 says so). Other ambiguous names prefer the Beijing
    district (the old behaviour, "朝阳" → 朝阳区) with a note, else stay as given with a note;
    unknown values and bare provinces/cities stay as given with a note.
    """
    found = resolve_place(text)
    given = unicodedata.normalize("NFKC", text).strip()
    sure = "" if not _romanised(_tables(), given) else NOTE_PINYIN  # Haidian District
    if isinstance(found, Place):
        return (found.district, sure) if found.district else (given, NOTE_NO_COUNTY)
    if isinstance(found, Ambiguous):
        if found.district is not None:
            return found.district, sure
        beijing = {c.district for c in found.candidates if c.province == "北京市" and c.district}
        if len(beijing) == 1:
            return beijing.pop(), NOTE_BEIJING
        return given, NOTE_AMBIGUOUS
    return given, NOTE_UNKNOWN


__all__ = [
    "BDA",
    "NOTE_AMBIGUOUS",
    "NOTE_BEIJING",
    "NOTE_NO_COUNTY",
    "NOTE_PINYIN",
    "NOTE_UNKNOWN",
    "Ambiguous",
    "Place",
    "district_from_uscc",
    "district_name",
    "divisions_dir",
    "place_from_uscc",
    "place_of_division",
    "resolve_place",
]

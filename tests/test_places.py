"""Places: every spelling of a district resolves to its GB/T 2260 division; none is guessed."""

from __future__ import annotations

import pandas as pd
import pytest

from desktop.spreadsheet.places import (
    BDA,
    NOTE_AMBIGUOUS,
    NOTE_BEIJING,
    NOTE_NO_COUNTY,
    NOTE_PINYIN,
    NOTE_UNKNOWN,
    Ambiguous,
    Place,
    district_from_uscc,
    district_name,
    divisions_dir,
    place_from_uscc,
    resolve_place,
)
from desktop.spreadsheet.values import parse_district

HAIDIAN = Place("110108", "北京市", "北京市", "海淀区")
XINGAN = Place("360824", "江西省", "吉安市", "新干县")


@pytest.mark.parametrize(
    "text",
    ["海淀", "海淀区", "北京市海淀区", "北京海淀", " 北京 海淀区 ", "北京市市辖区海淀区", "110108"]
    + ["中关村科技园区海淀园", "中关村海淀园", "海淀园", "北京市海淀区中关村大街1号"]
    + ["海淀区中关村大街1号", "中国北京市海淀区", "１１０１０８"],
)
def test_haidian_spellings(text: str) -> None:
    assert resolve_place(text) == HAIDIAN


@pytest.mark.parametrize(
    "text",
    ["新干县", "新干", "吉安市新干县", "江西省吉安市新干县", "江西吉安新干县", "吉安新干"]
    + ["360824", "江西省吉安市新干县金川镇某某路8号", "新干县金川镇"],
)
def test_xingan_spellings(text: str) -> None:
    assert resolve_place(text) == XINGAN


def test_other_places_policies_compare() -> None:
    for text, district in [
        ("吉州区", "吉州区"),
        ("泰和", "泰和县"),
        ("江西省吉安市泰和县", "泰和县"),
        ("浦东新区", "浦东新区"),
        ("上海市浦东新区张江路1号", "浦东新区"),
        ("徐汇", "徐汇区"),
        ("闵行区", "闵行区"),
    ]:
        place = resolve_place(text)
        assert isinstance(place, Place) and place.district == district, text


def test_city_and_province_levels() -> None:
    assert resolve_place("吉安市") == Place("360800", "江西省", "吉安市", None)
    assert resolve_place("360800") == Place("360800", "江西省", "吉安市", None)
    beijing = resolve_place("北京")
    assert beijing == Place("110000", "北京市", "北京市", None) and beijing.level == "province"
    assert resolve_place("江西省") == Place("360000", "江西省", None, None)
    changchun = Place("220104", "吉林省", "长春市", "朝阳区")
    assert resolve_place("吉林省长春市朝阳区人民大街1号") == changchun
    # a short province name that leads nowhere is not a province: 天津市河北区, 青海省海南州
    assert resolve_place("河北区某路1号") == Place("120105", "天津市", "天津市", "河北区")
    assert resolve_place("海南藏族自治州同德县").district == "同德县"  # type: ignore[union-attr]
    # county-level cities directly under a province have no prefecture
    assert resolve_place("仙桃市") == Place("429004", "湖北省", None, "仙桃市")


def test_former_names() -> None:
    assert resolve_place("密云县") == Place("110118", "北京市", "北京市", "密云区")
    assert resolve_place("北京市延庆县") == Place("110119", "北京市", "北京市", "延庆区")
    assert resolve_place("崇明县").district == "崇明区"  # type: ignore[union-attr]
    assert resolve_place("宣武区").district == "西城区"  # type: ignore[union-attr]


def test_beijing_economic_technological_development_area() -> None:
    bda = Place("110115", "北京市", "北京市", BDA)
    names = ("北京经济技术开发区", "北京市北京经济技术开发区", "亦庄", "中关村亦庄园", "北京经开区")
    for text in names:
        assert resolve_place(text) == bda, text
    both = resolve_place("中关村大兴-亦庄园")
    assert isinstance(both, Ambiguous)
    assert {c.district for c in both.candidates} == {"大兴区", BDA}
    assert resolve_place("中关村大兴园") == Place("110115", "北京市", "北京市", "大兴区")


def test_ambiguous_names_are_not_guessed() -> None:
    chaoyang = resolve_place("朝阳区")
    assert isinstance(chaoyang, Ambiguous)
    assert {c.city for c in chaoyang.candidates} == {"北京市", "长春市"}
    assert chaoyang.district == "朝阳区"  # the same name in both
    gulou = resolve_place("鼓楼区")
    assert isinstance(gulou, Ambiguous) and len({c.city for c in gulou.candidates}) >= 4
    bare = resolve_place("朝阳")  # 朝阳区 (北京, 长春), 朝阳县 and 朝阳市 (辽宁)
    assert isinstance(bare, Ambiguous) and bare.district is None
    jian = resolve_place("吉安")  # 吉安市 or 吉安县
    assert isinstance(jian, Ambiguous) and {c.code for c in jian.candidates} == {"360800", "360821"}


def test_context_disambiguates() -> None:
    changchun = Place("220104", "吉林省", "长春市", "朝阳区")
    assert resolve_place("朝阳区", city="长春市") == changchun
    assert resolve_place("朝阳区", province="吉林省") == changchun
    assert resolve_place("朝阳区", province="北京") == Place("110105", "北京市", "北京市", "朝阳区")
    assert resolve_place("朝阳区", uscc="91220104MA0000000X") == changchun
    assert resolve_place("鼓楼区", city="福州") == Place("350102", "福建省", "福州市", "鼓楼区")
    # context never overrides a unique name, and a conflicting one leaves the ambiguity
    assert resolve_place("海淀区", city="上海市") == HAIDIAN
    assert isinstance(resolve_place("朝阳区", city="上海市"), Ambiguous)


def test_unknown() -> None:
    for text in ("某地某路", "", "   ", "中关村", "山西路1号", "999999", "北京朝阳门外大街"):
        assert resolve_place(text) is None, text


def test_uscc() -> None:
    assert place_from_uscc("91110108000000001X") == HAIDIAN
    assert district_from_uscc("91110108000000001X") == "海淀区"
    assert place_from_uscc("91360824MA35XXXX0X") == XINGAN
    city = place_from_uscc("91360800MA35XXXX0X")  # a prefecture-level authority: city only
    assert city == Place("360800", "江西省", "吉安市", None)
    assert district_from_uscc("91360800MA35XXXX0X") is None
    # an abolished county code (密云县 110228) falls back to its province
    assert place_from_uscc("91110228000000001X") == Place("110000", "北京市", "北京市", None)
    assert place_from_uscc("short") is None
    assert place_from_uscc("91ABCDEF000000001X") is None


def test_district_name_notes() -> None:
    assert district_name("北京海淀") == ("海淀区", "")
    assert district_name("朝阳区") == ("朝阳区", "")
    assert district_name("朝阳") == ("朝阳区", NOTE_BEIJING)
    assert district_name("吉安") == ("吉安", NOTE_AMBIGUOUS)
    assert district_name("吉安市") == ("吉安市", NOTE_NO_COUNTY)
    assert district_name("某地") == ("某地", NOTE_UNKNOWN)


def test_parse_district_makes_what_it_cannot_place_missing() -> None:
    """Unknown, ambiguous and city-only values become missing (待补, never a wrong 不符合),
    each with its reason; an ambiguous name with one Beijing district is kept as assumed."""
    texts = ["海淀", "新干", "江西省吉安市新干县", "某地某路", "吉安", None, "密云县", "朝阳"]
    raw = pd.Series(texts)
    raw = pd.Series(texts)
    parsed = parse_district(raw)
    expected = ["海淀区", "新干县", "新干县", None, None, None, "密云区", "朝阳区"]
    assert parsed.values.tolist() == expected
    assert parsed.bad.tolist() == [False, False, False, True, True, False, False, False]
    assert parsed.assumed.tolist() == [False] * 7 + [True]
    assert parsed.reasons is not None
    assert parsed.reasons.tolist()[3:5] == [NOTE_UNKNOWN, NOTE_AMBIGUOUS]
    assert parsed.assumption == NOTE_BEIJING
    clean = parse_district(pd.Series(["海淀区", "朝阳区"]))
    assert not clean.assumed.any() and not clean.bad.any() and clean.reasons is None


def test_table_source_is_recorded() -> None:
    readme = (divisions_dir() / "README.md").read_text(encoding="utf-8")
    assert "jionlp 1.5.31" in readme and "民政部" in readme
    head = (divisions_dir() / "gbt2260.csv").read_text(encoding="utf-8").splitlines()[0]
    assert head.startswith("# source: jionlp 1.5.31")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Haidian District", "110108"),
        ("Beijing Haidian District", "110108"),
        ("Chaoyang District, Beijing", "110105"),
        ("Shi Jing Shan", "110107"),
        ("Pudong New Area", "310115"),
        ("Xingan County, Ji'an", "360824"),
        ("Xi'an City, Shaanxi", "610100"),
    ],
)
def test_places_written_in_pinyin(text: str, code: str) -> None:
    found = resolve_place(text)
    assert isinstance(found, Place) and found.code == code


def test_pinyin_that_several_places_share_or_an_english_address_is_not_guessed() -> None:
    chaoyang = resolve_place("Chaoyang District")
    assert isinstance(chaoyang, Ambiguous) and len(chaoyang.candidates) >= 3
    narrowed = resolve_place("Chaoyang District", uscc="91110105MA0000000A")
    assert isinstance(narrowed, Place) and narrowed.code == "110105"
    assert resolve_place("Room 5, Jianguo Road") is None
    assert resolve_place("No. 1 Haidian Street") is None
    assert district_name("Haidian District") == ("海淀区", NOTE_PINYIN)

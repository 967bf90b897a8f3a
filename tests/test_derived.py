"""Derived attributes: district from the address, city from the district, enterprise age."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from desktop.core.catalogue import Catalogue
from desktop.core.engine import add_derived, derived_flag, evaluate_portfolio
from desktop.core.fields import Table
from desktop.core.jsonout import evaluation_to_json
from desktop.core.portfolio import from_frames

AS_OF = dt.date(2025, 12, 31)
ROWS = [
    {
        "uscc": "A",
        "name": "甲",
        "district": "海淀区",
        "address": "上海市浦东新区张江路1号",
        "founded": "2020-01-01",
    },
    {"uscc": "B", "name": "乙", "district": None, "address": "北京市海淀区中关村大街1号"},
    {"uscc": "C", "name": "丙", "district": None, "address": "江西省吉安市新干县金川镇"},
    {"uscc": "D", "name": "丁", "district": None, "address": "某地某路"},
    {"uscc": "E", "name": "戊", "district": "浦东新区", "city": "上海市"},
]


def test_district_is_filled_from_the_address_only_when_blank(catalogue: Catalogue) -> None:
    frame = add_derived(
        from_frames(pd.DataFrame(ROWS)).enterprises, catalogue, Table.ENTERPRISES, AS_OF
    )
    assert frame["district"].tolist() == ["海淀区", "海淀区", "新干县", None, "浦东新区"]
    assert frame[derived_flag("district")].tolist() == [False, True, True, False, False]
    assert frame["region_city"].tolist() == ["北京市", "北京市", "吉安市", None, "上海市"]
    assert round(frame["age_years"].iloc[0], 2) == 6.0
    assert pd.isna(frame["age_years"].iloc[1])


def test_json_marks_only_filled_values_as_derived(catalogue: Catalogue) -> None:
    ev = evaluate_portfolio(
        from_frames(pd.DataFrame(ROWS)),
        catalogue,
        as_of=AS_OF,
        measure_ids=["jjr-2022-190.28.neeq"],
    )
    doc = evaluation_to_json(ev)
    district = [e["derived"]["district"] for e in doc["enterprises"]]
    assert district[0] == {"value": "海淀区", "derived": False}
    assert district[1] == {"value": "海淀区", "derived": True}
    assert doc["enterprises"][0]["derived"]["is_kechuang"]["derived"] is True

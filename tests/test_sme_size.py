"""Size classes of 工信部联企业〔2011〕300号 at and around every threshold used."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from desktop.core.catalogue import Catalogue
from desktop.core.engine import add_derived
from desktop.core.fields import Table
from desktop.core.portfolio import from_frames

W = 10_000.0  # 万元 in yuan


def size(catalogue: Catalogue, **row: object) -> object:
    row = {"uscc": "X", "name": "测试", **row}
    frame = add_derived(
        from_frames(pd.DataFrame([row])).enterprises,
        catalogue,
        Table.ENTERPRISES,
        dt.date(2025, 12, 31),
    )
    value = frame["sme_size"].iloc[0]
    return None if value is None or value is pd.NA else value


@pytest.mark.parametrize(
    ("industry", "employees", "revenue", "assets", "expected"),
    [
        # 工业: large X ≥ 1000 and Y ≥ 40000万; medium X ≥ 300, Y ≥ 2000万; small X ≥ 20, Y ≥ 300万
        ("计算机、通信和其他电子设备制造业", 1000, 40000 * W, None, "大型"),
        ("计算机、通信和其他电子设备制造业", 999, 40000 * W, None, "中型"),
        ("计算机、通信和其他电子设备制造业", 300, 2000 * W, None, "中型"),
        ("计算机、通信和其他电子设备制造业", 300, 1999.99 * W, None, "小型"),
        ("计算机、通信和其他电子设备制造业", 20, 300 * W, None, "小型"),
        ("计算机、通信和其他电子设备制造业", 19, 300 * W, None, "微型"),
        # 软件和信息技术服务业: X<300 or Y<10000万; medium 100 / 1000万; small 10 / 50万
        ("软件和信息技术服务业", 150, 1500 * W, None, "中型"),
        ("软件和信息技术服务业", 12, 50 * W, None, "小型"),
        ("软件和信息技术服务业", 12, 49 * W, None, "微型"),
        # 租赁和商务服务业 uses total assets (Z)
        ("租赁和商务服务业", 100, None, 8000 * W, "中型"),
        ("租赁和商务服务业", 100, None, 7999 * W, "小型"),
        # 科学研究和技术服务业 is not listed: 其他未列明行业, employees only
        ("科学研究和技术服务业", 300, None, None, "大型"),
        ("科学研究和技术服务业", 99, None, None, "小型"),
        ("科学研究和技术服务业", 9, None, None, "微型"),
    ],
)
def test_size_class(
    catalogue: Catalogue,
    industry: str,
    employees: int,
    revenue: float | None,
    assets: float | None,
    expected: str,
) -> None:
    assert (
        size(
            catalogue, industry=industry, employees=employees, revenue=revenue, total_assets=assets
        )
        == expected
    )


def test_missing_values_leave_the_class_undecided(catalogue: Catalogue) -> None:
    # Industry needs X and Y: with Y missing and X ≥ 20 it could be small or medium.
    assert size(catalogue, industry="专用设备制造业", employees=500, revenue=None) is None
    # But a missed bound decides without the other value: X < 20 is micro whatever Y is.
    assert size(catalogue, industry="专用设备制造业", employees=5, revenue=None) == "微型"
    assert size(catalogue, industry=None, employees=5, revenue=1.0) is None


def test_given_size_class_wins(catalogue: Catalogue) -> None:
    assert (
        size(
            catalogue, size_class="中型", industry="软件和信息技术服务业", employees=5, revenue=1.0
        )
        == "中型"
    )

"""Enterprise size class by 工信部联企业〔2011〕300号, column-wise and three-valued.

The thresholds live in ``policies/reference/sme_size_2011.yaml``. A class is decided only
when the values it needs are known; otherwise it is missing (not guessed).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field

Measure = Literal["employees", "revenue", "total_assets"]
# Thresholds in the standard are in 万元 for money; frames hold yuan.
_SCALE: dict[str, float] = {"employees": 1.0, "revenue": 10_000.0, "total_assets": 10_000.0}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Industry(_Strict):
    name: str
    keywords: list[str]
    ceiling: dict[Measure, Decimal] = Field(min_length=1)
    medium: dict[Measure, Decimal] = Field(min_length=1)
    small: dict[Measure, Decimal] = Field(min_length=1)


class SmeStandard(_Strict):
    kind: Literal["sme_size"]
    source: str
    keyword_note: str
    industries: list[Industry] = Field(min_length=1)

    def industry_of(self, industry: pd.Series) -> pd.Series:
        """The standard's industry row for each free-text industry (missing stays missing)."""
        codes, uniques = pd.factorize(industry.astype(object), use_na_sentinel=True)
        rows = [self._row_for(str(u)) for u in uniques]  # a few distinct names, not every row
        lookup = np.array(rows + [None], dtype=object)
        return pd.Series(lookup[codes], index=industry.index, dtype=object)

    def _row_for(self, name: str) -> str | None:
        for row in self.industries:
            if row.keywords and any(k in name for k in row.keywords):
                return row.name
        return next((i.name for i in self.industries if not i.keywords), None)

    def classify(self, industry: pd.Series, columns: dict[str, pd.Series]) -> pd.Series:
        """大型 / 中型 / 小型 / 微型 per row; missing where a needed value is missing."""
        rows = self.industry_of(industry)
        result = pd.Series([None] * len(rows), index=rows.index, dtype=object)
        for spec in self.industries:
            mine = (rows == spec.name).to_numpy()
            if not mine.any():
                continue
            sub = {
                k: pd.to_numeric(v[mine], errors="coerce").astype(float) for k, v in columns.items()
            }
            large = _all_at_least(sub, spec.ceiling)
            medium = _all_at_least(sub, spec.medium)
            small = _all_at_least(sub, spec.small)
            labels = np.select(
                [
                    large == 1,
                    (large == 0) & (medium == 1),
                    (large == 0) & (medium == 0) & (small == 1),
                    (large == 0) & (medium == 0) & (small == 0),
                ],
                ["大型", "中型", "小型", "微型"],
                default="",
            )
            values = labels.astype(object)
            values[labels == ""] = None
            result[mine] = values
        return result


def _all_at_least(columns: dict[str, pd.Series], bounds: dict[Measure, Decimal]) -> np.ndarray:
    """1 where every bound is reached, 0 where one is missed, -1 where it cannot be told."""
    n = len(next(iter(columns.values())))
    reached = np.ones(n, dtype=bool)
    missed = np.zeros(n, dtype=bool)
    unknown = np.zeros(n, dtype=bool)
    for name, bound in bounds.items():
        values = columns[name].to_numpy(dtype=float)
        threshold = float(bound) * _SCALE[name]
        nan = np.isnan(values)
        missed |= ~nan & (values < threshold)
        unknown |= nan
        reached &= ~nan & (values >= threshold)
    out = np.full(n, -1, dtype=np.int64)
    out[reached] = 1
    out[missed] = 0
    return out

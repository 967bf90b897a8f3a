"""Money: Decimal yuan at the edges, integer 分 inside frames, ROUND_HALF_UP at defined points.

Rounding points (see docs/ARCHITECTURE.md): input money is rounded to 分 on import; each
record's amount is rounded to 分 right after its formula; caps and sums then work on whole
分, so every total equals the sum of the amounts shown.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import numpy.typing as npt

CENT = Decimal("0.01")


def round_yuan(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def yuan_to_fen(value: Decimal) -> int:
    return int(round_yuan(value) * 100)


def fen_to_yuan(fen: int) -> Decimal:
    return (Decimal(int(fen)) / 100).quantize(CENT)


def fen_str(fen: int | None) -> str | None:
    """Amount string in yuan with two decimals, as in the JSON contract."""
    return None if fen is None else str(fen_to_yuan(fen))


def format_yuan(fen: int | None, unit: str = "元") -> str:
    """Human form: ``1,234.56元``."""
    if fen is None:
        return "—"
    return f"{fen_to_yuan(fen):,.2f}{unit}"


def half_up_fen(
    raw_yuan: npt.NDArray[np.float64],
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.bool_]]:
    """Round float yuan to integer 分 half-up, and flag values too close to a half-分 to trust.

    Float arithmetic is exact enough except within a hair of ``x.xx5``; the caller recomputes
    the flagged rows with Decimal arithmetic (:class:`desktop.core.expr.DecimalArrayOps`).
    """
    scaled = raw_yuan * 100.0
    magnitude = np.abs(scaled)
    frac = magnitude - np.floor(magnitude)
    tolerance = 1e-6 + magnitude * 1e-12
    doubtful = np.abs(frac - 0.5) < tolerance
    doubtful |= ~np.isfinite(scaled) | (magnitude > 9e15)
    safe = np.where(np.isfinite(scaled), magnitude, 0.0)
    fen = np.sign(np.where(np.isfinite(scaled), scaled, 0.0)) * np.floor(safe + 0.5)
    return fen.astype(np.int64), doubtful

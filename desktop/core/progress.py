"""The callback types long work reports through, in one place: every stage (reading,
evaluating, explaining, writing) takes the same two."""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[float, str], None]  # (fraction done 0…1, what is being done)
Fraction = Callable[[float], None]  # fraction done only
ShouldCancel = Callable[[], bool]  # true once the analyst has cancelled

__all__ = ["Fraction", "Progress", "ShouldCancel"]

"""Unified social credit codes (统一社会信用代码, GB 32100-2015).

The credit code is the join key between the enterprise sheet and the loan / event sheets, so
it is normalised the same way everywhere before it is compared or checked.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

import numpy as np
from stdnum.cn import uscc as _stdnum_uscc
from stdnum.exceptions import ValidationError

# GB 32100-2015 alphabet: digits and upper-case letters without I, O, Z, S, V.
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_SEPARATORS = str.maketrans("", "", " \t\r\n-\u3000\u00a0")
_INDEX = {c: i for i, c in enumerate(ALPHABET)}
_WELL_FORMED = re.compile(r"^\d{8}[0-9A-HJ-NP-RTUWXY]{10}$")


def _checks_out(code: str) -> bool:
    """Fast path for the common case: a well-formed code whose check character is right."""
    if not _WELL_FORMED.match(code):
        return False
    total = sum(_INDEX[c] * w for c, w in zip(code[:17], _WEIGHTS, strict=True))
    return code[17] == ALPHABET[(31 - total % 31) % 31]


def _lookup() -> np.ndarray:
    table = np.full(256, -1, dtype=np.int64)
    for i, c in enumerate(ALPHABET):
        table[ord(c)] = i
    return table


_LOOKUP = _lookup()
_WEIGHT_ARRAY = np.array(_WEIGHTS, dtype=np.int64)


def checks_out_many(codes: Sequence[object]) -> np.ndarray:
    """:func:`_checks_out` over many normalised codes at once (numpy); ``False`` for blanks
    and anything not a well-formed 18-character ASCII code with the right check character."""
    ok = np.zeros(len(codes), dtype=bool)
    at = [i for i, c in enumerate(codes) if c.__class__ is str and len(c) == 18]
    if not at:
        return ok
    joined = "".join([codes[i] for i in at])  # type: ignore[misc]
    if not joined.isascii():
        ok[at] = [_checks_out(codes[i]) for i in at]  # type: ignore[arg-type]
        return ok
    values = _LOOKUP[np.frombuffer(joined.encode("ascii"), dtype=np.uint8)].reshape(-1, 18)
    well = ((values[:, :8] >= 0) & (values[:, :8] <= 9)).all(axis=1) & (values >= 0).all(axis=1)
    total = (np.where(values[:, :17] < 0, 0, values[:, :17]) * _WEIGHT_ARRAY).sum(axis=1)
    ok[at] = well & (values[:, 17] == (31 - total % 31) % 31)
    return ok


def normalise_uscc(value: object) -> str:
    """Canonical text of a credit code: half-width, upper-case, no spaces or hyphens.

    Analysts paste codes from PDFs and web pages (full-width letters, stray spaces), and a
    code typed as a number in Excel arrives as ``int``; all must compare equal to the clean
    code.
    """
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return text.translate(_SEPARATORS).upper()


def check_char(body17: str) -> str:
    """The GB 32100-2015 check character for the first 17 characters of a code."""
    body = normalise_uscc(body17)
    if len(body) != 17 or any(c not in ALPHABET for c in body):
        raise ValueError(f"a credit-code body is 17 characters from {ALPHABET}: {body17!r}")
    total = sum(ALPHABET.index(c) * w for c, w in zip(body, _WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def make_uscc(body17: str) -> str:
    """A complete 18-character code: ``body17`` plus its check character (sample data)."""
    body = normalise_uscc(body17)
    return body + check_char(body)


def is_valid_uscc(value: object) -> bool:
    """True when the normalised value is a well-formed code with a correct check character."""
    code = normalise_uscc(value)
    if _checks_out(code):
        return True
    try:
        _stdnum_uscc.validate(code)
    except ValidationError:
        return False
    return True


def uscc_problem(value: object) -> str | None:
    """Why a code is not valid, in Chinese and English; ``None`` when it is valid."""
    code = normalise_uscc(value)
    if not code:
        return "统一社会信用代码为空 / credit code is blank"
    if _checks_out(code):
        return None
    try:
        _stdnum_uscc.validate(code)
    except ValidationError as exc:
        name = type(exc).__name__
        if name == "InvalidLength":
            return (
                f"统一社会信用代码应为18位，实为{len(code)}位 / credit code must have 18 characters"
            )
        if name == "InvalidChecksum":
            return "统一社会信用代码校验位错误 / credit code check character is wrong"
        return "统一社会信用代码含非法字符 / credit code has characters not allowed"
    return None


__all__ = [
    "ALPHABET",
    "check_char",
    "checks_out_many",
    "is_valid_uscc",
    "make_uscc",
    "normalise_uscc",
    "uscc_problem",
]

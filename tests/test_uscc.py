"""Credit-code checks: the join key between sheets must be validated and normalised reliably."""

from __future__ import annotations

import random

import pytest
from stdnum.cn import uscc as stdnum_uscc

from desktop.spreadsheet.uscc import (
    ALPHABET,
    check_char,
    is_valid_uscc,
    make_uscc,
    normalise_uscc,
    uscc_problem,
)

KNOWN_VALID = "91110000600037341L"  # the example in python-stdnum's documentation


def test_known_code_is_valid() -> None:
    assert is_valid_uscc(KNOWN_VALID)
    assert uscc_problem(KNOWN_VALID) is None
    assert make_uscc(KNOWN_VALID[:17]) == KNOWN_VALID


def test_make_uscc_agrees_with_stdnum() -> None:
    rng = random.Random(7)
    for _ in range(300):
        body = "9" + rng.choice("123") + "".join(rng.choice("0123456789") for _ in range(6))
        body += "".join(rng.choice(ALPHABET) for _ in range(9))
        code = make_uscc(body)
        assert len(code) == 18
        assert code[-1] == stdnum_uscc.calc_check_digit(body)
        assert is_valid_uscc(code)


def test_wrong_check_character_is_invalid() -> None:
    bad = KNOWN_VALID[:-1] + ("0" if KNOWN_VALID[-1] != "0" else "1")
    assert not is_valid_uscc(bad)
    assert "校验位" in (uscc_problem(bad) or "")


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("9111000060003734", "18位"),  # too short
        ("91110000600037341LX", "18位"),  # too long
        ("A1110000600037341L", "非法字符"),  # letter in the region part
        ("91110000600O37341L", "非法字符"),  # O is not in the alphabet
        ("", "为空"),
        (None, "为空"),
    ],
)
def test_problems_are_explained(value: str | None, reason: str) -> None:
    assert not is_valid_uscc(value)
    assert reason in (uscc_problem(value) or "")


@pytest.mark.parametrize(
    "messy",
    [
        " 91110000600037341L ",
        "91110000600037341l",
        "9111 0000 6000 3734 1L",
        "９１１１００００６０００３７３４１Ｌ",  # full-width
        "91110000-600037341-L",
        "91110000600037341L\u3000",  # ideographic space
    ],
)
def test_normalise(messy: str) -> None:
    assert normalise_uscc(messy) == KNOWN_VALID
    assert is_valid_uscc(messy)


def test_normalise_numbers_from_excel() -> None:
    assert normalise_uscc(911101086000373418) == "911101086000373418"
    assert normalise_uscc(1234.0) == "1234"
    assert normalise_uscc(None) == ""


@pytest.mark.parametrize("body", ["9111000060003734", "91110000600037341I", "9111000060003734O"])
def test_make_uscc_rejects_bad_bodies(body: str) -> None:
    with pytest.raises(ValueError):
        check_char(body)

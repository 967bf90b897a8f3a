"""The words of core and export come from the one text layer (resources/i18n), as the
window's do: the same message in every output, whitespace as written."""

from __future__ import annotations

import pytest

from desktop.core.explain.words import GATE_TEXT, WORDS
from desktop.core.outcomes import ELIGIBLE, STATUS_LABELS, UNKNOWN
from desktop.export.translate import WORDS as FORMULA_WORDS
from desktop.i18n import phrase_book, text


def test_core_and_export_words_are_catalogue_messages() -> None:
    assert STATUS_LABELS["zh"][ELIGIBLE] == text("outcome.status.eligible", "zh") == "符合"
    assert STATUS_LABELS["en"][UNKNOWN] == "Missing data"
    assert WORDS["en"]["yuan"] == " yuan" and WORDS["en"]["of"] == ": "  # spaces kept
    assert WORDS["zh"]["records"] == text("explain.word.records", "zh")
    assert "{label}" in WORDS["zh"]["records"]  # fields left for the caller
    assert GATE_TEXT["zh"][None].startswith("?") and GATE_TEXT["en"][False].startswith("✗")
    assert FORMULA_WORDS["zh"]["as_of"] == "测算基准日"


def test_a_phrase_book_names_a_missing_message() -> None:
    with pytest.raises(KeyError, match=r"explain\.word\.nonexistent"):
        phrase_book("explain.word", ("yes", "nonexistent"))

"""Behaviour is unchanged unless a change means it: the sample's JSON document and every
workbook cell equal the recorded ones (re-record with ``python -m tests.golden.snapshot
--update`` when a commit changes results on purpose, and say so in the commit)."""

from __future__ import annotations

from tests.golden.snapshot import first_difference, normalised, recorded, snapshot


def test_the_sample_outputs_are_as_recorded() -> None:
    found = first_difference(normalised(snapshot()), recorded())
    assert found is None, f"sample outputs changed at {found}"

"""Runs every YAML case in policies/tests/ and checks each computable measure has enough."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.core.catalogue import Catalogue
from desktop.core.policy_tests import LoadedCase, cases_per_measure, load_cases, run_case

REPO = Path(__file__).resolve().parents[1]
CASES = load_cases(REPO / "policies" / "tests")


@pytest.mark.parametrize("loaded", CASES, ids=[c.label for c in CASES])
def test_policy_case(loaded: LoadedCase, catalogue: Catalogue) -> None:
    outcome = run_case(loaded, catalogue)
    assert outcome.ok, "\n".join(outcome.failures)


def test_every_computable_measure_has_three_cases(catalogue: Catalogue) -> None:
    counts = cases_per_measure(CASES)
    thin = {
        m: counts.get(m, 0)
        for m, c in catalogue.measures.items()
        if c.measure.kind == "computable" and counts.get(m, 0) < 3
    }
    assert thin == {}

"""The bulk explanation path says exactly what ``Evaluation.explain`` says, row for row."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

from desktop.core.catalogue import Catalogue
from desktop.core.engine import evaluate_portfolio
from desktop.core.results import Evaluation
from desktop.spreadsheet.reader import read_portfolio

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from synthetic import make_portfolio

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "resources" / "samples" / "sample_portfolio.xlsx"
AS_OF = dt.date(2025, 12, 31)


@pytest.fixture(scope="module")
def sample(catalogue: Catalogue) -> Evaluation:
    return evaluate_portfolio(read_portfolio(SAMPLE), catalogue, as_of=AS_OF)


@pytest.fixture(scope="module")
def synthetic(catalogue: Catalogue) -> Evaluation:
    return evaluate_portfolio(make_portfolio(300, seed=3), catalogue, as_of=AS_OF)


@pytest.fixture(scope="module", params=["sample", "synthetic"])
def evaluation(request: pytest.FixtureRequest) -> Evaluation:
    ev: Evaluation = request.getfixturevalue(request.param)
    return ev


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_explain_many_equals_explain(evaluation: Evaluation, lang: str) -> None:
    for measure_id in evaluation.measure_ids:
        bulk = list(evaluation.explain_many(measure_id, lang=lang))
        assert len(bulk) == len(evaluation)
        for ent, got in enumerate(bulk):
            assert got == evaluation.explain(ent, measure_id, lang), (measure_id, ent, lang)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_explain_enterprises_equals_explain(evaluation: Evaluation, lang: str) -> None:
    ids = evaluation.measure_ids
    seen = []
    for ent, explanations in evaluation.explain_enterprises(lang):
        seen.append(ent)
        assert [e.measure_id for e in explanations] == ids
        for measure_id, got in zip(ids, explanations, strict=True):
            assert got == evaluation.explain(ent, measure_id, lang), (measure_id, ent, lang)
    assert seen == list(range(len(evaluation)))


def test_positions_in_any_order_and_repeated(synthetic: Evaluation) -> None:
    positions = [17, 3, 3, 299, 0, 150]
    for measure_id in synthetic.measure_ids:
        got = list(synthetic.explain_many(measure_id, positions, lang="en"))
        assert got == [synthetic.explain(p, measure_id, "en") for p in positions]
    ids = synthetic.measure_ids[:5]
    rows = list(synthetic.explain_enterprises("zh", positions=positions, measure_ids=ids))
    assert [ent for ent, _ in rows] == positions
    for ent, explanations in rows:
        assert explanations == [synthetic.explain(ent, m) for m in ids]
    assert list(synthetic.explain_many(ids[0], [])) == []


def test_bad_positions_and_measures(synthetic: Evaluation) -> None:
    with pytest.raises(KeyError):
        synthetic.explain_many("no-such-measure")
    with pytest.raises(IndexError):
        synthetic.explain_many(synthetic.measure_ids[0], [300])
    with pytest.raises(IndexError):
        synthetic.explain_many(synthetic.measure_ids[0], [-1])


def test_out_of_force_window_and_small_blocks(catalogue: Catalogue) -> None:
    # Before most documents took effect: every measure carries its window reason.
    ev = evaluate_portfolio(make_portfolio(60, seed=11), catalogue, as_of=dt.date(2021, 6, 30))
    from desktop.core.explain import BulkExplainer

    bulk = BulkExplainer(ev, "zh", chunk_size=7)
    for ent, explanations in bulk.iter_enterprises():
        for measure_id, got in zip(ev.measure_ids, explanations, strict=True):
            assert got == ev.explain(ent, measure_id), (measure_id, ent)

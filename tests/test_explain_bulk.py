"""The bulk explanation path says exactly what ``Evaluation.explain`` says, row for row."""

from __future__ import annotations

import datetime as dt
import io
import json
import sys
from pathlib import Path

import pytest

from desktop.core.catalogue import Catalogue
from desktop.core.engine import evaluate_portfolio
from desktop.core.evaluation import Evaluation
from desktop.core.explain import explain_preassessment
from desktop.core.jsonout import evaluation_to_json, write_evaluation_json
from desktop.errors import CancelledError
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


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_preassessments_equal_explain_preassessment(evaluation: Evaluation, lang: str) -> None:
    from desktop.core.explain import BulkExplainer

    rows = BulkExplainer(evaluation, lang, chunk_size=64).iter_preassessments()
    count = 0
    for ent, explained in rows:
        assert list(explained) == list(evaluation.preassessments)
        for assessment_id, got in explained.items():
            assert got == explain_preassessment(evaluation, ent, assessment_id, lang)
        count += 1
    assert count == len(evaluation)


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


# -- streamed JSON


def _same_document(written: dict, built: dict) -> None:  # type: ignore[type-arg]
    assert list(written) == list(built)
    assert dt.datetime.fromisoformat(written.pop("generated"))
    built = {k: v for k, v in built.items() if k != "generated"}
    assert written == built


def test_streamed_json_equals_document(evaluation: Evaluation) -> None:
    built = evaluation_to_json(evaluation, input_path=SAMPLE)
    for indent in (2, None):
        stream = io.StringIO()
        write_evaluation_json(evaluation, stream, input_path=SAMPLE, indent=indent)
        text = stream.getvalue()
        written = json.loads(text)
        generated = written["generated"]
        _same_document(written, built)
        # Byte for byte what json.dumps writes (the CLI's format), apart from the time.
        built_text = json.dumps(built | {"generated": generated}, ensure_ascii=False, indent=indent)
        assert text == built_text


def test_streamed_json_to_a_path_is_atomic(synthetic: Evaluation, tmp_path: Path) -> None:
    target = tmp_path / "out" / "result.json"
    write_evaluation_json(synthetic, target)
    _same_document(json.loads(target.read_text(encoding="utf-8")), evaluation_to_json(synthetic))
    assert [p.name for p in target.parent.iterdir()] == ["result.json"]

    before = target.read_bytes()
    calls = iter(range(10**6))

    def cancel_later() -> bool:
        return next(calls) >= 1  # the first block is written, then the user cancels

    with pytest.raises(CancelledError):
        write_evaluation_json(synthetic, target, should_cancel=cancel_later)
    assert target.read_bytes() == before  # the old file stays, the partial one is gone
    assert [p.name for p in target.parent.iterdir()] == ["result.json"]


def test_encoder_matches_json_dumps() -> None:
    from desktop.core.jsonout import _write

    odd = {
        "s": 'quote " back \\ newline \n tab \t 中文 \u2028 \x00',
        "n": [0, -1, 2**70, 1.5, -0.0, 1e300, float("nan"), float("inf"), True, False, None],
        "nested": [[], {}, [[1, "a"]], {"k": {"j": []}}, ("t", 1)],
        "keys": {1: "int", 2.5: "float", False: "bool", None: "none"},
        "empty_stream": iter([]),
        "stream": iter([{"a": [1, "x"]}, [], "s", None, {"b": {}}] * 300),
    }
    for indent in (None, 0, 2, 3):
        expected = json.dumps(
            odd | {"empty_stream": [], "stream": [{"a": [1, "x"]}, [], "s", None, {"b": {}}] * 300},
            ensure_ascii=False,
            indent=indent,
        )
        parts: list[str] = []
        fresh = odd | {
            "empty_stream": iter([]),
            "stream": iter([{"a": [1, "x"]}, [], "s", None, {"b": {}}] * 300),
        }
        _write(fresh, parts.append, indent)
        assert "".join(parts) == expected, indent

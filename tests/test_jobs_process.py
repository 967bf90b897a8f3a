"""Long jobs in a child process: results, progress, cancel, errors, and the export itself.

The window's export runs in a spawned child (:mod:`desktop.jobs`) so the exporters never
hold the GUI thread's interpreter lock. These tests run real child processes (each start
costs ~0.5 s) with small targets from ``tests/job_targets.py``, and one real export that
must equal the same export written in this process, cell for cell.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from pathlib import Path

import job_targets
import pytest
from openpyxl import load_workbook

from desktop.core.catalogue import Catalogue
from desktop.core.engine import evaluate_portfolio
from desktop.core.evaluation import Evaluation, EvaluationRequest
from desktop.errors import CancelledError, DesktopError, OutputFileError
from desktop.jobs import export as export_module
from desktop.jobs import process as process_module
from desktop.jobs.export import ExportRequest, export_in_process, export_job
from desktop.jobs.outputs import ExportTargets, write_outputs
from desktop.jobs.process import ProcessStartError, run_in_process
from desktop.paths import sample_portfolio
from desktop.spreadsheet.reader import read_portfolio

AS_OF = dt.date(2025, 6, 30)
RATIO = "jjr-2022-190.16.ratio"


@pytest.fixture(scope="module")
def evaluation(catalogue: Catalogue) -> Evaluation:
    portfolio = read_portfolio(sample_portfolio())
    return evaluate_portfolio(portfolio, catalogue, as_of=AS_OF, overrides={RATIO: "30%"})


def _never() -> bool:
    return False


def test_the_child_returns_its_result_and_reports_progress() -> None:
    seen: list[tuple[float, str, str]] = []
    result = run_in_process(job_targets.echo, {"n": [1, 2, 3]}, lambda *a: seen.append(a), _never)
    assert result["payload"] == {"n": [1, 2, 3]}
    assert result["pid"] != os.getpid()
    assert seen == [(0.0, "echo", "step 0"), (1 / 3, "echo", "step 1"), (2 / 3, "echo", "step 2")]


def test_a_large_payload_is_streamed_in_frames(caplog: pytest.LogCaptureFixture) -> None:
    # Pickled into the pipe frame by frame (each write lets other threads run), not as one
    # multi-megabyte bytes object built while holding the interpreter lock.
    payload = [f"企业{i:07d}" for i in range(200_000)]
    with caplog.at_level(logging.DEBUG, logger=process_module.__name__):
        result = run_in_process(job_targets.echo, payload, lambda *a: None, _never)
    assert result["payload"] == payload
    sent = [r.getMessage() for r in caplog.records if "payload sent" in r.getMessage()]
    assert len(sent) == 1
    chunks = int(sent[0].split(" in ")[1].split()[0])
    assert chunks > 10, sent


def test_cancel_reaches_the_child(tmp_path: Path) -> None:
    marker = tmp_path / "noticed"
    started: list[float] = []

    def should_cancel() -> bool:
        return bool(started)  # as soon as the child has reported once

    with pytest.raises(CancelledError):
        run_in_process(
            job_targets.slow,
            {"marker": str(marker), "seconds": 30},
            lambda f, *_: started.append(f),
            should_cancel,
        )
    assert marker.read_text(encoding="utf-8") == "cancelled"


def test_a_user_error_in_the_child_keeps_its_class_and_message() -> None:
    with pytest.raises(OutputFileError, match=r"结果\.xlsx 被其他程序占用"):
        run_in_process(job_targets.refuse, "结果.xlsx", lambda *a: None, _never)


def test_an_unexpected_error_is_logged_with_the_childs_traceback(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with (
        caplog.at_level(logging.ERROR, logger=process_module.__name__),
        pytest.raises(RuntimeError, match="ZeroDivisionError"),
    ):
        run_in_process(job_targets.crash, None, lambda *a: None, _never)
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "Traceback" in logged and "job_targets.py" in logged and "crash" in logged


def test_a_child_that_dies_is_reported_with_its_exit_code() -> None:
    with pytest.raises(DesktopError, match="退出码 3") as caught:
        run_in_process(job_targets.die, None, lambda *a: None, _never)
    assert not isinstance(caught.value, OutputFileError)


def _cells(path: Path) -> dict[str, list[tuple[object, ...]]]:
    book = load_workbook(path)
    try:
        return {
            sheet.title: [tuple(row) for row in sheet.iter_rows(values_only=True)]
            for sheet in book.worksheets
        }
    finally:
        book.close()


def _without_timestamps(cells: dict[str, list[tuple[object, ...]]]) -> dict[str, list[tuple]]:
    """The cover sheet states when the file was written; everything else must be equal."""
    return {
        sheet: [r for r in rows if not any(isinstance(v, dt.datetime) for v in r)]
        for sheet, rows in cells.items()
    }


def test_the_child_writes_the_same_workbook_as_this_process(
    evaluation: Evaluation, tmp_path: Path
) -> None:
    stages: list[str] = []
    child = tmp_path / "child.xlsx"
    written = export_in_process(
        evaluation,
        ExportTargets(child, json_path=tmp_path / "child.json"),
        input_path=None,
        lang="zh",
        progress=lambda f, stage, detail: stages.append(stage),
        should_cancel=_never,
    )
    assert written == [child, tmp_path / "child.json"]
    assert stages[0] == "evaluate" and "workbook" in stages and "json" in stages
    here = tmp_path / "here.xlsx"
    write_outputs(
        evaluation,
        ExportTargets(here),
        input_path=None,
        lang="zh",
        progress=lambda *a: None,
        should_cancel=_never,
    )
    assert _without_timestamps(_cells(child)) == _without_timestamps(_cells(here))


def test_the_child_refuses_to_write_when_its_evaluation_differs(
    evaluation: Evaluation, tmp_path: Path
) -> None:
    # The window shows 30 %; a request that evaluates with the default 40 % must not write.
    target = tmp_path / "结果.xlsx"
    request = ExportRequest(
        portfolio=evaluation.portfolio,
        catalogue=evaluation.catalogue,
        request=EvaluationRequest(AS_OF),
        fingerprint=evaluation.fingerprint(),
        targets=ExportTargets(target),
        input_path=None,
        lang="zh",
    )
    with pytest.raises(DesktopError, match="复核未通过"):
        export_job(request, lambda *a: None, _never)
    assert not target.exists()


def test_the_request_replays_the_evaluation(evaluation: Evaluation) -> None:
    assert evaluation.request == EvaluationRequest(AS_OF, ((RATIO, "30%"),), None)
    again = evaluate_portfolio(
        evaluation.portfolio,
        evaluation.catalogue,
        as_of=evaluation.request.as_of,
        overrides=evaluation.request.overrides,
        measure_ids=evaluation.request.measure_ids,
    )
    assert again.fingerprint() == evaluation.fingerprint()
    default = evaluate_portfolio(evaluation.portfolio, evaluation.catalogue, as_of=AS_OF)
    assert default.fingerprint() != evaluation.fingerprint()


def test_without_a_child_process_the_export_runs_here(
    evaluation: Evaluation, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog
) -> None:
    def no_process(*args: object, **kwargs: object) -> None:
        raise ProcessStartError("no processes on this machine")

    monkeypatch.setattr(export_module, "run_in_process", no_process)
    target = tmp_path / "结果.xlsx"
    with caplog.at_level(logging.WARNING, logger=export_module.__name__):
        written = export_in_process(
            evaluation,
            ExportTargets(target),
            input_path=None,
            lang="zh",
            progress=lambda *a: None,
            should_cancel=_never,
        )
    assert written == [target] and target.stat().st_size > 0
    assert any("writing on this thread" in r.getMessage() for r in caplog.records)


def test_the_brief_child_refuses_a_comparison_that_differs(
    evaluation: Evaluation, tmp_path: Path
) -> None:
    from desktop.core.scenarios import Scenario, compare_scenarios
    from desktop.jobs.brief import BriefRequest, brief_job, fingerprints

    baseline = Scenario("基准", AS_OF)
    shown = compare_scenarios(
        evaluation.portfolio,
        evaluation.catalogue,
        baseline,
        [Scenario("甲", AS_OF, {RATIO: "0.3"})],
    )
    request = BriefRequest(
        portfolio=evaluation.portfolio,
        catalogue=evaluation.catalogue,
        baseline=baseline,
        alternatives=(Scenario("甲", AS_OF, {RATIO: "0.5"}),),  # not what the window shows
        fingerprints=fingerprints(shown),
        folder=tmp_path / "简报",
        input_path=None,
    )
    with pytest.raises(DesktopError, match="复核未通过"):
        brief_job(request, lambda *a: None, _never)
    assert not (tmp_path / "简报").exists()

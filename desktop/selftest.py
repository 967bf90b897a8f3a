"""``policydesk --self-test``: prove an installation works, headless, in a few seconds.

Loads the catalogue, reads the bundled sample, evaluates every measure, writes the result
workbook — from a child process, the way the window exports (:mod:`desktop.jobs`), which
proves the bundle can start one — and the JSON into a temporary folder, reads the workbook
back and checks its totals against the engine. Where no child process can start, the
workbook is written in-process (as the window then does) and the verdict says so.
Prints one line; exit code 0 when everything holds, 1 otherwise.
Used inside the frozen bundles, where no test suite exists.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from desktop import __version__

SAMPLE_AS_OF = dt.date(2025, 12, 31)


def run_self_test() -> tuple[bool, str]:
    """(passed, one-line verdict)."""
    started = time.perf_counter()
    try:
        import openpyxl

        from desktop.core.catalogue import default_catalogue
        from desktop.core.engine import evaluate_portfolio
        from desktop.core.jsonout import evaluation_to_json
        from desktop.export import write_workbook
        from desktop.jobs.export import ExportRequest, export_job
        from desktop.jobs.outputs import ExportTargets
        from desktop.jobs.process import ProcessStartError, run_in_process
        from desktop.paths import sample_portfolio
        from desktop.spreadsheet.reader import read_portfolio

        catalogue = default_catalogue()
        portfolio = read_portfolio(sample_portfolio())
        evaluation = evaluate_portfolio(portfolio, catalogue, as_of=SAMPLE_AS_OF)
        totals = evaluation.totals()
        with tempfile.TemporaryDirectory(prefix="policydesk-selftest-") as folder:
            out = Path(folder) / "selftest.xlsx"
            request = ExportRequest.of(evaluation, ExportTargets(out), None, "zh")
            try:
                run_in_process(
                    export_job, request, lambda *_: None, lambda: False, name="policydesk-selftest"
                )
                how = "written by the export process"
            except ProcessStartError:
                write_workbook(evaluation, out)
                how = "written in-process: no child process could start"
            document = evaluation_to_json(evaluation)
            (Path(folder) / "selftest.json").write_text(
                json.dumps(document, ensure_ascii=False), encoding="utf-8"
            )
            workbook = openpyxl.load_workbook(out, read_only=True)
            sheet = workbook["测算结果"]
            rows = list(sheet.iter_rows(values_only=True))
            header = list(rows[0])
            amount_col = next(i for i, h in enumerate(header) if h and "金额" in str(h))
            workbook_total = sum(
                (Decimal(str(r[amount_col])) for r in rows[1:] if r[amount_col] is not None),
                Decimal(0),
            )
            workbook.close()
        engine_total = Decimal(sum(t["amount_fen"] for t in totals.values())) / 100
        if workbook_total.quantize(Decimal("0.01")) != engine_total:
            return False, (
                f"PolicyDesk {__version__} self-test FAILED: workbook total {workbook_total} "
                f"differs from engine total {engine_total}"
            )
        eligible = sum(t["eligible"] for t in totals.values())
        if eligible == 0 or not document["results"]:
            return False, f"PolicyDesk {__version__} self-test FAILED: no results on the sample"
    except Exception as exc:  # the verdict must name any failure, whatever it is
        return False, f"PolicyDesk {__version__} self-test FAILED: {type(exc).__name__}: {exc}"
    seconds = time.perf_counter() - started
    return True, (
        f"PolicyDesk {__version__} self-test passed: {len(catalogue.measures)} measures, "
        f"{len(evaluation)} enterprises, {eligible} eligible results, total "
        f"{engine_total:,.2f} yuan, workbook verified ({how}; {seconds:.1f} s)"
    )

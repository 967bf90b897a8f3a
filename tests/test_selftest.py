"""``policydesk --self-test`` passes on a working installation and prints one line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_self_test_passes_with_one_line() -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    run = subprocess.run(
        [sys.executable, "-m", "desktop", "--self-test"],
        cwd=REPO,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    lines = run.stdout.strip().splitlines()
    assert len(lines) == 1
    assert "self-test passed" in lines[0] and "workbook verified" in lines[0]
    assert "written by the export process" in lines[0]


def test_self_test_reports_a_failure(monkeypatch: object) -> None:
    from desktop import selftest

    def broken() -> None:
        raise RuntimeError("catalogue missing")

    monkeypatch.setattr("desktop.core.catalogue.default_catalogue", broken)  # type: ignore[attr-defined]
    passed, verdict = selftest.run_self_test()
    assert not passed
    assert verdict.endswith("self-test FAILED: RuntimeError: catalogue missing")

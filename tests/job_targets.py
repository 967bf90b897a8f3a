"""Small module-level job functions for the child-process tests (a spawned child imports
them by name, so they live in a plain module without Qt)."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from desktop.errors import CancelledError, OutputFileError


def echo(payload: Any, progress: Any, should_cancel: Any) -> Any:
    """Report three steps and return the payload and the child's pid."""
    for step in range(3):
        progress(step / 3, "echo", f"step {step}")
    return {"payload": payload, "pid": os.getpid()}


def slow(payload: Any, progress: Any, should_cancel: Any) -> Any:
    """Run until cancelled (at most ``payload`` seconds); write a marker when it noticed."""
    marker = Path(payload["marker"]) if isinstance(payload, dict) else None
    deadline = time.monotonic() + (payload.get("seconds", 30) if marker else 30)
    progress(0.1, "workbook", "")
    while time.monotonic() < deadline:
        if should_cancel():
            if marker is not None:
                marker.write_text("cancelled", encoding="utf-8")
            raise CancelledError("cancelled")
        time.sleep(0.01)
    return []


def slow_export(request: Any, progress: Any, should_cancel: Any) -> Any:
    """Stands in for :func:`desktop.jobs.export.export_job`: busy until cancelled."""
    return slow(
        {"marker": str(request.targets.workbook) + ".cancelled", "seconds": 30},
        progress,
        should_cancel,
    )


def refuse(payload: Any, progress: Any, should_cancel: Any) -> Any:
    raise OutputFileError(f"{payload} 被其他程序占用")


def crash(payload: Any, progress: Any, should_cancel: Any) -> Any:
    raise ZeroDivisionError("unexpected in the child")


def die(payload: Any, progress: Any, should_cancel: Any) -> Any:
    os._exit(3)


def record_export(request: Any, progress: Any, should_cancel: Any) -> Any:
    """Stands in for :func:`desktop.jobs.export.export_job`: writes what it was asked into
    the target (a JSON text) so a test can see what reached the child."""
    import json

    progress(0.5, "workbook", "写入")
    target = Path(request.targets.workbook)
    target.write_text(
        json.dumps(
            {
                "input_path": None if request.input_path is None else str(request.input_path),
                "lang": request.lang,
                "as_of": request.request.as_of.isoformat(),
                "overrides": [list(p) for p in request.request.overrides],
                "enterprises": len(request.portfolio.enterprises),
                "fingerprint": repr(request.fingerprint),
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    return [target]

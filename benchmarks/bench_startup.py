"""Start-up benchmark: wall time from launching Python to the main window shown and idle.

Run by hand (not in CI):  python benchmarks/bench_startup.py [--runs 5] [--sample]

Each run starts a fresh interpreter that imports the application, builds the main window,
shows it and processes pending events once (the window is then usable); the parent measures
the wall time until the child reports. Reported: median and worst of the runs. The issue's
target is ≤ 2 s on a 2-core machine from source. With ``--sample`` the time until the sample
portfolio's results are on screen is measured as well. With ``--bundle dist/PolicyDesk/PolicyDesk``
the frozen bundle is started on a private Xvfb display and timed until its window is mapped.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

CHILD = r"""
import sys, time
start = float(sys.argv[1])
from desktop.ui.app import create_application
from desktop.ui.main_window import MainWindow
app = create_application([])
window = MainWindow()
window.show()
app.processEvents()
print(f"shown {time.time() - start:.3f}", flush=True)
if "--sample" in sys.argv:
    window.open_sample()
    while window.current_evaluation is None or window.is_busy:
        app.processEvents()
        time.sleep(0.005)
    app.processEvents()
    print(f"results {time.time() - start:.3f}", flush=True)
window.close()
"""


def one_run(sample: bool) -> dict[str, float]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        "PYTHONPATH": str(REPO),
    }
    args = [sys.executable, "-c", CHILD, repr(time.time())] + (["--sample"] if sample else [])
    out = subprocess.run(args, capture_output=True, text=True, env=env, cwd=REPO, check=True)
    marks: dict[str, float] = {}
    for line in out.stdout.splitlines():
        name, _, value = line.partition(" ")
        if name in ("shown", "results"):
            marks[name] = float(value)
    return marks


def bundle_run(executable: Path, display: str) -> float:
    """Seconds from starting a frozen bundle until its main window is mapped on ``display``."""
    env = {
        **os.environ,
        "DISPLAY": display,
        "QT_QPA_PLATFORM": "xcb",
        "POLICYDESK_HOME": tempfile.mkdtemp(prefix="policydesk-bench-"),
    }
    start = time.perf_counter()
    process = subprocess.Popen(
        [str(executable)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        while time.perf_counter() - start < 60:
            found = subprocess.run(
                ["xdotool", "search", "--onlyvisible", "--name", "测算台|PolicyDesk"],
                env=env,
                capture_output=True,
                text=True,
            )
            if found.stdout.strip():
                return time.perf_counter() - start
            time.sleep(0.02)
        raise RuntimeError("the window did not appear within 60 s")
    finally:
        process.kill()
        process.wait()


def bench_bundle(executable: Path, runs: int) -> None:
    """Cold start of the double-click bundle, on a private Xvfb display (needs xvfb, xdotool)."""
    display = ":97"
    server = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", "1440x900x24"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(1.0)
    try:
        times = [bundle_run(executable, display) for _ in range(runs + 1)]
    finally:
        server.kill()
    first, warm = times[0], times[1:]
    print(
        f"  bundle: first start {first:.2f} s, then median {statistics.median(warm):.2f} s, "
        f"worst {max(warm):.2f} s over {len(warm)} runs"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sample", action="store_true")
    parser.add_argument("--bundle", type=Path, help="time a frozen bundle's window instead")
    args = parser.parse_args()
    if args.bundle is not None:
        bench_bundle(args.bundle, args.runs)
        return 0
    one_run(False)  # warm the disk cache once, as a second double-click would
    runs = [one_run(args.sample) for _ in range(args.runs)]
    for mark in ("shown", "results"):
        values = [r[mark] for r in runs if mark in r]
        if values:
            print(
                f"{mark:>8}: median {statistics.median(values):.2f} s, "
                f"worst {max(values):.2f} s over {len(values)} runs"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

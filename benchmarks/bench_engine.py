"""Engine benchmark: evaluate every measure on synthetic portfolios of growing size.

Run by hand (not in CI):  python benchmarks/bench_engine.py 30000 100000 300000 [--explain] [--json]

Each size runs in a fresh process so peak memory (ru_maxrss) belongs to that size alone.
Reported: time to build the portfolio (not counted), time to evaluate every measure and
pre-assessment (the figure the issue names: ≤ 5 s at 300,000 enterprises and 600,000 loans),
and peak resident memory. With ``--explain``: time to render every explanation (every
enterprise × measure, Chinese) through the bulk path ``Evaluation.explain_enterprises`` and
its rate in explanations per second (wall clock; CPU-time rate in brackets, which a busy
machine does not distort), and the rate of the one-row ``Evaluation.explain`` measured on
the first 300 enterprises. With ``--json``: time to write the batch JSON document (indented,
as ``batch --json`` writes it) with ``write_evaluation_json`` to a temporary file, its size,
and peak memory before and after writing it (streaming keeps the two close).
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def run_one(n: int, explain: bool, write_json: bool) -> dict[str, float]:
    sys.path.insert(0, str(REPO))
    sys.path.insert(0, str(REPO / "benchmarks"))
    import datetime as dt

    from synthetic import make_portfolio

    from desktop.core.catalogue import load_catalogue
    from desktop.core.engine import evaluate_portfolio

    t0 = time.perf_counter()
    portfolio = make_portfolio(n)
    catalogue = load_catalogue(REPO / "policies")
    t1 = time.perf_counter()
    evaluation = evaluate_portfolio(portfolio, catalogue, as_of=dt.date(2025, 12, 31))
    t2 = time.perf_counter()
    result = {
        "enterprises": n,
        "loans": len(portfolio.loans),
        "records": sum(len(portfolio.table(t)) for t in portfolio.record_counts()),
        "measures": len(evaluation.measure_ids),
        "build_s": round(t1 - t0, 2),
        "evaluate_s": round(t2 - t1, 2),
    }
    if explain:
        t3, c3 = time.perf_counter(), time.process_time()
        count = 0
        for _, explanations in evaluation.explain_enterprises("zh"):
            count += len(explanations)
        wall, cpu = time.perf_counter() - t3, time.process_time() - c3
        result["explanations"] = count
        result["explain_s"] = round(wall, 2)
        result["explain_per_s"] = round(count / wall)
        result["explain_per_cpu_s"] = round(count / cpu)
        sample = range(min(n, 300))
        t4 = time.perf_counter()
        for ent in sample:
            for measure_id in evaluation.measure_ids:
                evaluation.explain(ent, measure_id)
        row_s = time.perf_counter() - t4
        result["row_explain_per_s"] = round(len(sample) * len(evaluation.measure_ids) / row_s)
    if write_json:
        import tempfile

        from desktop.core.jsonout import write_evaluation_json

        result["rss_before_json_mb"] = _peak_mb()
        with tempfile.TemporaryDirectory() as folder:
            target = Path(folder) / "result.json"
            t5 = time.perf_counter()
            write_evaluation_json(evaluation, target)
            result["json_s"] = round(time.perf_counter() - t5, 2)
            result["json_mb"] = round(target.stat().st_size / 2**20)
    result["peak_rss_mb"] = _peak_mb()
    return result


def _peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 0)


def main(argv: list[str]) -> int:
    if argv and argv[0] == "--child":
        print(json.dumps(run_one(int(argv[1]), argv[2] == "1", argv[3] == "1")))
        return 0
    explain = "--explain" in argv
    write_json = "--json" in argv
    sizes = [int(a) for a in argv if a.isdigit()] or [30_000, 100_000, 300_000]
    print(
        f"{'enterprises':>11} {'loans':>8} {'records':>9} {'measures':>8} {'evaluate s':>10} "
        f"{'explain s':>9} {'explanations/s (cpu)':>22} {'explain()/s':>11} {'peak MB':>8}"
    )
    for n in sizes:
        out = subprocess.run(
            [
                sys.executable,
                __file__,
                "--child",
                str(n),
                "1" if explain else "0",
                "1" if write_json else "0",
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        r = json.loads(out.stdout.strip().splitlines()[-1])
        rate = (
            f"{r['explain_per_s']:,} ({r['explain_per_cpu_s']:,})" if "explain_per_s" in r else "-"
        )
        row_rate = f"{r['row_explain_per_s']:,}" if "row_explain_per_s" in r else "-"
        print(
            f"{r['enterprises']:>11,} {r['loans']:>8,} {r['records']:>9,} {r['measures']:>8} "
            f"{r['evaluate_s']:>10} {r.get('explain_s', '-'):>9} {rate:>22} {row_rate:>11} "
            f"{r['peak_rss_mb']:>8,.0f}"
        )
        if "json_s" in r:
            print(
                f"{'':>11} JSON: {r['json_s']} s, {r['json_mb']:,} MB written; peak memory "
                f"{r['rss_before_json_mb']:,.0f} MB before, {r['peak_rss_mb']:,.0f} MB after"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

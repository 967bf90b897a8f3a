"""Export benchmark: the full result workbook against the fastest plain XlsxWriter dump.

Run by hand (not in CI):  python benchmarks/bench_export.py [--size 300000] [--profile]

Builds the deterministic synthetic portfolio (``--size`` enterprises, about twice as many
loans; 300,000 by default), evaluates every measure, then times in separate fresh processes
(so peak memory, ``ru_maxrss``, belongs to one writer alone):

* **plain** — a plain XlsxWriter dump with ``constant_memory=True`` of the same cell values
  (the same sheets, rows and columns, split at the same row limit; no formats, no formulas,
  no widths, charts, comments, filters or print setup): the fastest a workbook of this
  content can be written with XlsxWriter;
* **full** — :func:`desktop.export.write_workbook`, the PolicyDesk result workbook (formats,
  live formulas, named parameter cells, charts, matrix, details, split sheets).

Both produce their cell values from the same evaluation through the same row builders,
including every explanation text (rendered by the bulk path), so the ratio is the cost of
everything the full workbook adds. The issue's target is full ≤ 2 × plain. ``--profile``
runs the full export under cProfile and prints the 30 most expensive functions.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]


def _peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 0)


def plain_dump(evaluation: Any, path: Path, max_rows: int | None = None) -> int:
    """Write the workbook's cell values with bare XlsxWriter; return the number of rows."""
    import xlsxwriter

    from desktop.core.money import fen_to_yuan
    from desktop.core.outcomes import STATUS_LABELS, STATUSES
    from desktop.export.formulas import DETAIL_COLUMNS, DetailBuilder
    from desktop.export.institutions import INSTITUTION_COLUMNS
    from desktop.export.tables import (
        ITEM_COLUMNS,
        PARAMETER_COLUMNS,
        POLICY_COLUMNS,
        QUALITY_COLUMNS,
        RESULT_COLUMNS,
        TableBuilder,
    )
    from desktop.export.text import header, sheet_name
    from desktop.export.xlsxbase import EXCEL_MAX_ROWS, Formula

    limit = max_rows or EXCEL_MAX_ROWS
    labels = STATUS_LABELS["zh"]

    def money(v: Any) -> Any:
        if isinstance(v, Formula):
            v = v.value
        return None if v is None else v / 100

    def number(v: Any) -> Any:
        if isinstance(v, Formula):
            v = v.value
        return None if v is None else float(v)

    convert = {
        "money": money,
        "status": lambda v: labels.get(v, v),
        "int": lambda v: v,
        "number": number,
        "decimal": number,
        "ratio": number,
    }
    book = xlsxwriter.Workbook(
        str(path),
        {
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    rows_written = 0

    class Table:
        def __init__(self, sheet_id: str, titles: list[str], kinds: list[str]) -> None:
            self.base = sheet_name(sheet_id, "zh")
            self.titles = titles
            self.conv = [convert.get(k) for k in kinds] or [None] * len(titles)
            self.parts = 0
            self._new()

        def _new(self) -> None:
            self.parts += 1
            name = self.base if self.parts == 1 else f"{self.base}({self.parts})"
            self.ws = book.add_worksheet(name)
            self.ws.write_row(0, 0, self.titles)
            self.row = 1

        def add(self, values: list[Any]) -> None:
            nonlocal rows_written
            if self.row >= limit:
                self._new()
            cells = [
                v if f is None or v is None else f(v)
                for f, v in zip(self.conv, values, strict=True)
            ]
            self.ws.write_row(self.row, 0, cells)
            self.row += 1
            rows_written += 1

    def table(sheet_id: str, columns: Any) -> Table:
        return Table(sheet_id, [header(c.id, "zh") for c in columns], [c.kind for c in columns])

    builder = TableBuilder(evaluation, "zh")
    names = {mid: info.name for mid, info in builder.measure_info().items()}
    cover = book.add_worksheet(sheet_name("cover", "zh"))
    totals = evaluation.totals()
    for row, measure_id in enumerate(evaluation.measure_ids, start=1):
        t = totals[measure_id]
        cells = [measure_id, names[measure_id], *(t[s] for s in STATUSES)]
        cover.write_row(row, 0, [*cells, float(fen_to_yuan(t["amount_fen"]))])
    summary = book.add_worksheet(sheet_name("summary", "zh"))
    for row, measure_id in enumerate(evaluation.measure_ids, start=1):
        t = totals[measure_id]
        cells = [measure_id, names[measure_id], *(t[s] for s in STATUSES)]
        summary.write_row(row, 0, [*cells, float(fen_to_yuan(t["amount_fen"]))])

    matrix = Table("matrix", ["uscc", "name", "district", *evaluation.measure_ids], [])
    results = table("results", RESULT_COLUMNS)
    detail_table = table("detail", DETAIL_COLUMNS)
    detail = DetailBuilder(evaluation, names, "zh")
    for measure_id in evaluation.measure_ids:
        for group in detail.groups(measure_id):
            for values in detail.rows(measure_id, group, detail_table.row + 1):
                detail_table.add(values)
    items = table("items", ITEM_COLUMNS)
    for ent, exps in builder.by_enterprise():
        matrix.add(
            [
                *builder.identity(ent),
                *(
                    e.amount_fen / 100
                    if e.status == "eligible" and e.amount_fen is not None
                    else labels[e.status]
                    for e in exps
                ),
            ]
        )
        for exp in exps:
            results.add(builder.result_row(ent, exp))
            for item_row in builder.item_rows(ent, exp):
                items.add(item_row)
    for sheet_id, columns, rows in (
        ("parameters", PARAMETER_COLUMNS, builder.parameter_rows()),
        ("policies", POLICY_COLUMNS, builder.policy_rows()),
        ("quality", QUALITY_COLUMNS, builder.quality_rows()),
    ):
        plain = table(sheet_id, columns)
        for values in rows:
            plain.add([v if not hasattr(v, "isoformat") else str(v) for v in values])
    institutions = table("institutions", INSTITUTION_COLUMNS)
    for rec in evaluation.institution_totals().itertuples(index=False):
        institutions.add(
            [
                rec.institution,
                rec.beneficiary,
                rec.measure,
                names.get(rec.measure, ""),
                rec.records,
                rec.amount_fen,
            ]
        )
    book.close()
    return rows_written


def run_child(mode: str, size: int, profile: bool) -> dict[str, Any]:
    sys.path.insert(0, str(REPO))
    sys.path.insert(0, str(REPO / "benchmarks"))
    import datetime as dt

    from synthetic import make_portfolio

    from desktop.core.catalogue import load_catalogue
    from desktop.core.engine import evaluate_portfolio
    from desktop.export import write_workbook

    t0 = time.perf_counter()
    portfolio = make_portfolio(size)
    evaluation = evaluate_portfolio(
        portfolio, load_catalogue(REPO / "policies"), as_of=dt.date(2025, 12, 31)
    )
    result: dict[str, Any] = {
        "mode": mode,
        "enterprises": size,
        "loans": len(portfolio.loans),
        "prepare_s": round(time.perf_counter() - t0, 1),
        "rss_before_mb": _peak_mb(),
    }
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / f"{mode}.xlsx"
        profiler = None
        if profile:
            import cProfile

            profiler = cProfile.Profile()
            profiler.enable()
        t1, c1 = time.perf_counter(), time.process_time()
        if mode == "plain":
            plain_dump(evaluation, target)
        else:
            write_workbook(evaluation, target)
        result["export_s"] = round(time.perf_counter() - t1, 1)
        result["export_cpu_s"] = round(time.process_time() - c1, 1)
        if profiler is not None:
            import pstats

            profiler.disable()
            stats = pstats.Stats(profiler, stream=sys.stderr)
            stats.sort_stats("tottime").print_stats(30)
        result["file_mb"] = round(target.stat().st_size / 2**20)
        import zipfile

        with zipfile.ZipFile(target) as archive:
            result["sheets"] = sum(n.startswith("xl/worksheets/sheet") for n in archive.namelist())
    result["peak_rss_mb"] = _peak_mb()
    return result


def _start(mode: str, size: int, profile: bool) -> subprocess.Popen[str]:
    command = [sys.executable, __file__, "--child", mode, "--size", str(size)]
    if profile:
        command.append("--profile")
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _result(process: subprocess.Popen[str], profile: bool) -> dict[str, Any]:
    out, err = process.communicate()
    if process.returncode != 0:
        raise SystemExit(err)
    if profile:
        print(err)
    return dict(json.loads(out.strip().splitlines()[-1]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=300_000, help="enterprises (300000)")
    parser.add_argument("--profile", action="store_true", help="cProfile the full export")
    parser.add_argument(
        "--parallel",
        action="store_true",
        help="run both writers at once (two cores; compare CPU seconds then)",
    )
    parser.add_argument("--child", choices=("plain", "full"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(run_child(args.child, args.size, args.profile)))
        return 0
    if args.parallel:
        started = [_start("plain", args.size, False), _start("full", args.size, args.profile)]
        plain, full = (_result(p, args.profile) for p in started)
    else:
        plain = _result(_start("plain", args.size, False), False)
        full = _result(_start("full", args.size, args.profile), args.profile)
    print(
        f"{args.size:,} enterprises, {plain['loans']:,} loans "
        f"(portfolio and evaluation: {full['prepare_s']} s, not counted)"
    )
    print(
        f"{'writer':<8} {'time s':>8} {'CPU s':>8} {'sheets':>6} {'file MB':>8} "
        f"{'peak MB':>8} {'before':>7}"
    )
    for r in (plain, full):
        print(
            f"{r['mode']:<8} {r['export_s']:>8} {r['export_cpu_s']:>8} {r['sheets']:>6} "
            f"{r['file_mb']:>8,} {r['peak_rss_mb']:>8,.0f} {r['rss_before_mb']:>7,.0f}"
        )
    ratio = full["export_s"] / max(plain["export_s"], 1e-9)
    cpu_ratio = full["export_cpu_s"] / max(plain["export_cpu_s"], 1e-9)
    print(f"full / plain = {ratio:.2f} wall, {cpu_ratio:.2f} CPU (target ≤ 2.00)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

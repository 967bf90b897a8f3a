"""Plain CSV copies of the results and parameters, for tools that do not read xlsx.

UTF-8 with a byte-order mark so that Excel opens the Chinese text correctly; the columns
are those of the workbook sheets; text that Excel could run as a formula is prefixed with
``'``. Amounts are written exactly, in yuan with two decimals.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from desktop.core.evaluation import Evaluation
from desktop.core.money import fen_str
from desktop.core.outcomes import STATUS_LABELS
from desktop.core.progress import Progress, ShouldCancel
from desktop.errors import OutputFileError
from desktop.export.tables import (
    PARAMETER_COLUMNS,
    RESULT_COLUMNS,
    Column,
    TableBuilder,
    Ticker,
)
from desktop.export.text import csv_safe, header
from desktop.files import atomic_output, check_target

RESULTS_CSV = "results.csv"
PARAMETERS_CSV = "parameters.csv"


def _cell(kind: str, value: Any, lang: str) -> str:
    if value is None:
        return ""
    if kind == "status":
        return STATUS_LABELS[lang].get(str(value), str(value))
    if kind == "money":
        return fen_str(int(value)) or ""
    if kind == "int":
        return str(int(value))
    if kind in ("number", "percent"):  # a percent is written as its fraction (0.0345)
        return f"{value.normalize():f}" if isinstance(value, Decimal) else str(value)
    if kind == "date" and isinstance(value, dt.date):
        return value.isoformat()[:10]
    return csv_safe(str(value))


def _write(
    target: Path,
    columns: Sequence[Column],
    rows: Any,
    lang: str,
    ticker: Ticker,
) -> None:
    with (
        atomic_output(target) as temp,
        temp.open("w", encoding="utf-8-sig", newline="") as handle,
    ):
        writer = csv.writer(handle)
        writer.writerow([header(c.id, lang) for c in columns])
        for n, values in enumerate(rows):
            if n % 500 == 0:
                ticker.check()
            writer.writerow([_cell(c.kind, v, lang) for c, v in zip(columns, values, strict=True)])


def write_csv(
    evaluation: Evaluation,
    directory: Path,
    *,
    lang: str = "zh",
    progress: Progress | None = None,
    should_cancel: ShouldCancel | None = None,
) -> list[Path]:
    """Write ``results.csv`` and ``parameters.csv`` into ``directory``; return their paths."""
    lang = "en" if lang == "en" else "zh"
    directory = Path(directory).expanduser()
    if not directory.is_dir():
        raise OutputFileError(
            f"输出文件夹不存在：{directory}\nThe output folder does not exist: {directory}"
        )
    protected = (evaluation.portfolio.source,)
    results_path = check_target(directory / RESULTS_CSV, protected)
    parameters_path = check_target(directory / PARAMETERS_CSV, protected)
    ticker = Ticker(progress, should_cancel)
    builder = TableBuilder(evaluation, lang)
    ticker.report(0.0, RESULTS_CSV)
    results = (builder.result_row(ent, exp) for ent, exp in builder.explanations(ticker))
    _write(results_path, RESULT_COLUMNS, results, lang, ticker)
    ticker.report(0.9, PARAMETERS_CSV)
    _write(parameters_path, PARAMETER_COLUMNS, builder.parameter_rows(), lang, ticker)
    ticker.report(1.0, "")
    return [results_path, parameters_path]

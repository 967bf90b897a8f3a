"""The result workbook: cover, results, record items, parameters, policy basis, data quality.

Written with XlsxWriter. Every text cell goes through ``write_string`` (and the workbook is
opened with ``strings_to_formulas`` and ``strings_to_urls`` off), so an enterprise name such
as ``=HYPERLINK(...)`` stays text. Amounts are numbers equal to the engine's amounts to the
分. The file is written beside the target and moved into place only when complete (see
:mod:`desktop.export.files`).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.exceptions import XlsxWriterException
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

import desktop
from desktop.core.money import fen_to_yuan
from desktop.core.results import STATUS_LABELS, STATUSES, Evaluation
from desktop.errors import OutputFileError
from desktop.export.files import atomic_output, check_target, locked_error
from desktop.export.tables import (
    ITEM_COLUMNS,
    PARAMETER_COLUMNS,
    POLICY_COLUMNS,
    QUALITY_COLUMNS,
    RESULT_COLUMNS,
    Column,
    Progress,
    ShouldCancel,
    TableBuilder,
    Ticker,
)
from desktop.export.text import (
    ASSUMPTION_MARK,
    NO_ISSUES,
    clip,
    cover_text,
    display_width,
    formula_risky,
    header,
    sheet_name,
)

FONT_NAME = "等线"
FONT_SIZE = 10
MONEY_FORMAT = "#,##0.00"
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"
MIN_WIDTH, MAX_WIDTH = 8, 50
STATUS_COLOURS = {  # status → (fill, font)
    "eligible": ("#C6EFCE", "#006100"),
    "ineligible": ("#EEE3E3", "#7B4A4A"),
    "unknown": ("#FFEB9C", "#9C5700"),
}
_KIND_PROPS: dict[str, dict[str, Any]] = {
    "text": {},
    "wrap": {"text_wrap": True},
    "money": {"num_format": MONEY_FORMAT},
    "int": {"num_format": "0"},
    "number": {},
    "date": {"num_format": DATE_FORMAT},
    "datetime": {"num_format": DATETIME_FORMAT},
    "status": {},
    "mark": {},  # text highlighted when it carries the assumption mark
}


class _Formats:
    """XlsxWriter formats, created once per distinct set of properties."""

    def __init__(self, book: xlsxwriter.Workbook) -> None:
        self.book = book
        self._cache: dict[tuple[tuple[str, Any], ...], Format] = {}

    def get(self, **props: Any) -> Format:
        key = tuple(sorted(props.items()))
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = self.book.add_format(props)
        return found

    def cell(self, kind: str, *, risky: bool = False, status: str | None = None) -> Format:
        props: dict[str, Any] = {"valign": "top", **_KIND_PROPS[kind]}
        if risky:
            props["quote_prefix"] = True  # stays text even when edited in Excel
        if status in STATUS_COLOURS:
            fill, font = STATUS_COLOURS[status]
            props |= {"bg_color": fill, "font_color": font}
        return self.get(**props)

    def header(self) -> Format:
        return self.get(
            bold=True,
            text_wrap=True,
            valign="vcenter",
            bg_color="#DDEBF7",
            border=1,
            border_color="#9BC2E6",
        )


def _print_setup(ws: Worksheet, *, repeat_header: bool = True) -> None:
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    ws.set_header("&L&A")
    ws.set_footer("&C&P / &N")
    if repeat_header:
        ws.repeat_rows(0)


class _TableSheet:
    """One sheet holding a table: a frozen header row, typed cells, widths fitted to text."""

    def __init__(
        self,
        book: xlsxwriter.Workbook,
        formats: _Formats,
        sheet_id: str,
        columns: Sequence[Column],
        lang: str,
    ) -> None:
        self.ws = book.add_worksheet(sheet_name(sheet_id, lang))
        self.formats = formats
        self.columns = tuple(columns)
        self.lang = lang
        self.row = 1
        titles = [header(c.id, lang) for c in self.columns]
        self.widths = [float(display_width(t)) for t in titles]
        for col, title in enumerate(titles):
            self.ws.write_string(0, col, title, formats.header())

    def add(self, values: Sequence[Any]) -> None:
        for col, (column, value) in enumerate(zip(self.columns, values, strict=True)):
            shown = self._write(self.row, col, column.kind, value)
            if shown and column.width is None:
                self.widths[col] = max(self.widths[col], display_width(shown))
        self.row += 1

    def _write(self, row: int, col: int, kind: str, value: Any) -> str:
        """Write one cell; return the text it shows (for fitting the column width)."""
        ws, formats = self.ws, self.formats
        if value is None or value == "":
            return ""
        if kind == "status":
            label = STATUS_LABELS[self.lang].get(str(value), str(value))
            ws.write_string(row, col, label, formats.cell("status", status=str(value)))
            return label
        if kind == "money":
            yuan = fen_to_yuan(int(value))
            ws.write_number(row, col, float(yuan), formats.cell("money"))
            return f"{yuan:,.2f}"
        if kind == "int":
            ws.write_number(row, col, int(value), formats.cell("int"))
            return str(int(value))
        if kind == "number":
            number = float(value)
            if not math.isfinite(number):
                ws.write_string(row, col, str(value), formats.cell("text"))
            else:
                ws.write_number(row, col, number, formats.cell("number"))
            return f"{Decimal(value).normalize():f}" if isinstance(value, Decimal) else str(value)
        if kind in ("date", "datetime"):
            moment = value if isinstance(value, dt.datetime) else None
            if moment is None and isinstance(value, dt.date):
                moment = dt.datetime.combine(value, dt.time())
            if moment is None:
                moment = value.to_pydatetime()  # pandas Timestamp
            ws.write_datetime(row, col, moment, formats.cell(kind))
            return "0000-00-00" if kind == "date" else "0000-00-00 00:00:00"
        text = clip(str(value))
        if kind == "mark":
            status = "unknown" if ASSUMPTION_MARK in text else None
            fmt = formats.cell("text", risky=formula_risky(text), status=status)
        else:
            fmt = formats.cell(kind, risky=formula_risky(text))
        ws.write_string(row, col, text, fmt)
        return text

    def finish(self, *, freeze_cols: int = 0) -> None:
        for col, column in enumerate(self.columns):
            if column.width is not None:
                width = float(column.width)
            else:
                width = min(max(self.widths[col] + 2, MIN_WIDTH), MAX_WIDTH)
            self.ws.set_column(col, col, width)
        last_col = len(self.columns) - 1
        self.ws.autofilter(0, 0, max(self.row - 1, 0), last_col)
        self.ws.freeze_panes(1, freeze_cols)
        _print_setup(self.ws)


def _write_cover(
    book: xlsxwriter.Workbook,
    formats: _Formats,
    evaluation: Evaluation,
    builder: TableBuilder,
    input_path: Path | None,
    generated: dt.datetime,
    lang: str,
) -> None:
    ws = book.add_worksheet(sheet_name("cover", lang))
    widths = [24, 46, 11, 11, 11, 18]
    for col, width in enumerate(widths):
        ws.set_column(col, col, width)
    merged_width = sum(widths[1:])
    label_fmt = formats.get(bold=True, valign="top", bg_color="#F2F2F2")
    text_fmt = formats.get(valign="top", text_wrap=True)
    ws.merge_range(0, 0, 0, 5, "", formats.get(bold=True, font_size=16, valign="vcenter"))
    ws.write_string(0, 0, cover_text("title", lang), formats.get(bold=True, font_size=16))
    ws.set_row(0, 28)
    row = 2

    def pair(key: str, value: Any, kind: str = "wrap") -> None:
        nonlocal row
        ws.write_string(row, 0, cover_text(key, lang), label_fmt)
        if kind == "wrap":
            text = clip(str(value))
            ws.merge_range(row, 1, row, 5, "", text_fmt)
            ws.write_string(row, 1, text, formats.cell("wrap", risky=formula_risky(text)))
            lines = sum(
                max(1, math.ceil(display_width(p) / merged_width)) for p in text.split("\n")
            )
            if lines > 1:
                ws.set_row(row, min(15 * lines, 409))
        else:
            moment = (
                value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time())
            )
            ws.write_datetime(
                row,
                1,
                moment,
                formats.get(num_format=_KIND_PROPS[kind]["num_format"], align="left", valign="top"),
            )
        row += 1

    portfolio = evaluation.portfolio
    source = portfolio.source or input_path
    params = list(evaluation.parameters.values())
    assumed = sum(p.assumption for p in params)
    overridden = sum(p.overridden for p in params)
    pair("as_of", evaluation.as_of, "date")
    pair("input", source.name if source else cover_text("no_input", lang))
    pair("input_sha", portfolio.sha256 or cover_text("none", lang))
    pair("catalogue_sha", evaluation.catalogue.sha256 or cover_text("none", lang))
    pair("documents", "\n".join(builder.documents()) or cover_text("none", lang))
    pair(
        "counts",
        cover_text("counts_text", lang).format(
            ents=len(evaluation), measures=len(evaluation.measure_ids), rows=builder.result_count
        ),
    )
    pair("version", f"PolicyDesk {desktop.__version__}")
    pair("generated", generated, "datetime")
    pair("assumptions", cover_text("assumptions_text", lang).format(n=len(params), k=assumed))
    pair("overrides", cover_text("overrides_text", lang).format(k=overridden))
    pair("quality", cover_text("quality_text", lang).format(n=len(portfolio.issues)))
    pair("howto", cover_text("howto_text", lang))

    row += 1
    ws.write_string(row, 0, cover_text("totals", lang), formats.get(bold=True, font_size=12))
    row += 1
    titles = ["measure_id", "measure_name", *STATUSES, "total"]
    for col, column_id in enumerate(titles):
        ws.write_string(row, col, header(column_id, lang), formats.header())
    totals = evaluation.totals()
    names = {r[0]: r[6] for r in builder.policy_rows()}
    for measure_id in evaluation.measure_ids:
        row += 1
        ws.write_string(row, 0, measure_id, formats.cell("text"))
        ws.write_string(row, 1, names.get(measure_id, ""), formats.cell("wrap"))
        for col, status in enumerate(STATUSES, start=2):
            ws.write_number(row, col, totals[measure_id][status], formats.cell("int"))
        amount = float(fen_to_yuan(totals[measure_id]["amount_fen"]))
        ws.write_number(row, 5, amount, formats.cell("money"))
    _print_setup(ws, repeat_header=False)
    ws.activate()


def write_workbook(
    evaluation: Evaluation,
    path: Path,
    *,
    input_path: Path | None = None,
    lang: str = "zh",
    progress: Progress | None = None,
    should_cancel: ShouldCancel | None = None,
) -> Path:
    """Write the result workbook to ``path`` and return its absolute path.

    Raises :class:`~desktop.errors.OutputFileError` when ``path`` is the input file, its
    folder is missing, or it cannot be written (for example, open in Excel), and
    :class:`~desktop.errors.CancelledError` when ``should_cancel()`` turns true. In every
    failure the previous file at ``path`` (if any) is left as it was and no temporary file
    remains.
    """
    lang = "en" if lang == "en" else "zh"
    target = check_target(Path(path), (input_path, evaluation.portfolio.source))
    ticker = Ticker(progress, should_cancel)
    ticker.check()
    ticker.report(0.0, "准备导出 / preparing")
    builder = TableBuilder(evaluation, lang)
    generated = dt.datetime.now().replace(microsecond=0)
    with atomic_output(target) as temp:
        book = xlsxwriter.Workbook(
            str(temp),
            {
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "strings_to_numbers": False,
                "default_format_properties": {"font_name": FONT_NAME, "font_size": FONT_SIZE},
            },
        )
        book.set_properties(
            {
                "title": cover_text("title", lang),
                "author": "PolicyDesk",
                "comments": f"PolicyDesk {desktop.__version__}",
                "created": generated,
            }
        )
        formats = _Formats(book)
        _write_cover(book, formats, evaluation, builder, input_path, generated, lang)

        results = _TableSheet(book, formats, "results", RESULT_COLUMNS, lang)
        items = _TableSheet(book, formats, "items", ITEM_COLUMNS, lang)
        total = max(builder.result_count, 1)
        step = max(total // 100, 1)
        label = sheet_name("results", lang)
        for done, (ent, exp) in enumerate(builder.explanations(ticker), start=1):
            results.add(builder.result_row(ent, exp))
            for item_row in builder.item_rows(ent, exp):
                items.add(item_row)
            if done % step == 0:
                ticker.report(0.02 + 0.83 * done / total, label)
        results.finish(freeze_cols=2)
        items.finish(freeze_cols=2)

        ticker.check()
        ticker.report(0.87, sheet_name("parameters", lang))
        parameters = _TableSheet(book, formats, "parameters", PARAMETER_COLUMNS, lang)
        for values in builder.parameter_rows():
            parameters.add(values)
        parameters.finish(freeze_cols=1)

        policies = _TableSheet(book, formats, "policies", POLICY_COLUMNS, lang)
        for values in builder.policy_rows():
            policies.add(values)
        policies.finish(freeze_cols=1)

        quality = _TableSheet(book, formats, "quality", QUALITY_COLUMNS, lang)
        issues = builder.quality_rows()
        for values in issues:
            quality.add(values)
        if not issues:
            quality.ws.write_string(1, 0, NO_ISSUES[lang], formats.cell("text"))
        quality.finish()

        ticker.check()
        ticker.report(0.92, "保存文件 / saving")
        try:
            book.close()
        except XlsxWriterException as exc:
            cause = exc.args[0] if exc.args else None
            if isinstance(cause, PermissionError):
                raise locked_error(target, cause) from exc
            raise OutputFileError(
                f"写入 {target} 失败：{exc}\nWriting {target} failed: {exc}"
            ) from exc
    ticker.report(1.0, "完成 / done")
    return target

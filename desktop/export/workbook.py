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
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.exceptions import XlsxWriterException
from xlsxwriter.utility import xl_rowcol_to_cell

import desktop
from desktop.core.money import fen_to_yuan
from desktop.core.results import STATUSES, Evaluation
from desktop.errors import OutputFileError
from desktop.export.files import atomic_output, check_target, locked_error
from desktop.export.formulas import DETAIL_COLUMNS, DetailBuilder, param_name
from desktop.export.sheets import COMMENT_LIMIT, MatrixSheet, write_institutions, write_summary
from desktop.export.tables import (
    ITEM_COLUMNS,
    PARAMETER_COLUMNS,
    POLICY_COLUMNS,
    QUALITY_COLUMNS,
    RESULT_COLUMNS,
    Progress,
    ShouldCancel,
    TableBuilder,
    Ticker,
)
from desktop.export.text import (
    NO_ISSUES,
    clip,
    cover_text,
    display_width,
    formula_risky,
    header,
    sheet_name,
)
from desktop.export.xlsxbase import (
    EXCEL_MAX_ROWS,
    FONT_NAME,
    FONT_SIZE,
    KIND_PROPS,
    Formats,
    TableSheet,
    print_setup,
)


def _write_cover(
    book: xlsxwriter.Workbook,
    formats: Formats,
    evaluation: Evaluation,
    builder: TableBuilder,
    input_path: Path | None,
    generated: dt.datetime,
    lang: str,
    live_ids: Sequence[str],
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
                formats.get(num_format=KIND_PROPS[kind]["num_format"], align="left", valign="top"),
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
    comments = len(evaluation) * len(evaluation.measure_ids) <= COMMENT_LIMIT
    pair(
        "sheets",
        cover_text("sheets_text", lang).format(
            comments=cover_text("comments_yes" if comments else "comments_no", lang)
        ),
    )
    pair("live", cover_text("live_text", lang).format(ids="、".join(live_ids) or "—"))

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
    print_setup(ws, repeat_header=False)
    ws.activate()


_Layout = tuple[
    list[tuple[int, int, int]], dict[str, list[tuple[str, int]]], dict[str, tuple[str, int]]
]


def _detail_layout(
    groups: Sequence[tuple[str, list[Any]]], max_rows: int, lang: str
) -> tuple[
    list[tuple[int, int, int]], dict[str, list[tuple[str, int]]], dict[str, tuple[str, int]]
]:
    """Where each group of 测算明细 goes: (part, first Excel row, rows used on the part so
    far); per measure the (sheet, last row) of each part it is on; its first cell."""
    layout: list[tuple[int, int, int]] = []
    ranges: dict[str, dict[str, int]] = {}
    first: dict[str, tuple[str, int]] = {}
    part, row = 0, 1  # rows used on the part, header included
    base = sheet_name("detail", lang)
    for measure_id, group in groups:
        if row > 1 and row + len(group) > max_rows:
            part, row = part + 1, 1
        name = base if part == 0 else f"{base}({part + 1})"
        layout.append((part, row + 1, part * max_rows + row + len(group)))
        first.setdefault(measure_id, (name, row + 1))
        row += len(group)
        ranges.setdefault(measure_id, {})[name] = row
    return layout, {m: list(r.items()) for m, r in ranges.items()}, first


def write_workbook(
    evaluation: Evaluation,
    path: Path,
    *,
    input_path: Path | None = None,
    lang: str = "zh",
    progress: Progress | None = None,
    should_cancel: ShouldCancel | None = None,
    max_rows: int = EXCEL_MAX_ROWS,
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
                # Large books stream rows to disk; small ones keep cell comments.
                "constant_memory": builder.result_count > COMMENT_LIMIT,
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
        formats = Formats(book)
        names = {mid: info.name for mid, info in builder.measure_info().items()}
        detail = DetailBuilder(evaluation, names, lang)
        groups = [(mid, g) for mid in evaluation.measure_ids for g in detail.groups(mid)]
        layout, detail_ranges, first_detail = _detail_layout(groups, max_rows, lang)
        live_ids = sorted({mid for mid, g in groups if detail.is_live(mid, g)})
        _write_cover(book, formats, evaluation, builder, input_path, generated, lang, live_ids)
        write_summary(book, formats, evaluation, names, detail_ranges, first_detail, lang)
        ticker.check()

        matrix = MatrixSheet(book, formats, evaluation, names, lang, max_rows)
        results = TableSheet(
            book,
            formats,
            "results",
            RESULT_COLUMNS,
            lang,
            max_rows=max_rows,
            expected_rows=builder.result_count,
        )
        details = TableSheet(
            book,
            formats,
            "detail",
            DETAIL_COLUMNS,
            lang,
            max_rows=max_rows,
            expected_rows=sum(len(g) for _, g in groups),
        )
        for (measure_id, group), (part, first) in zip(
            groups, [(p, r) for p, r, _ in layout], strict=True
        ):
            details.room(len(group))
            assert (len(details.sheets) - 1, details.row + 1) == (part, first)
            for values in detail.rows(measure_id, group, first):
                details.add(values)
        details.finish(freeze_cols=2)
        items = TableSheet(
            book,
            formats,
            "items",
            ITEM_COLUMNS,
            lang,
            max_rows=max_rows,
            expected_rows=builder.item_count(),
        )
        total = max(len(evaluation), 1)
        step = max(total // 100, 1)
        label = sheet_name("results", lang)
        for done, (ent, exps) in enumerate(builder.by_enterprise(ticker), start=1):
            matrix.add(*builder.identity(ent), exps)
            for exp in exps:
                results.add(builder.result_row(ent, exp))
                for item_row in builder.item_rows(ent, exp):
                    items.add(item_row)
            if done % step == 0:
                ticker.report(0.02 + 0.83 * done / total, label)
        matrix.finish()
        results.finish(freeze_cols=2)
        items.finish(freeze_cols=2)

        ticker.check()
        ticker.report(0.87, sheet_name("parameters", lang))
        parameters = TableSheet(book, formats, "parameters", PARAMETER_COLUMNS, lang)
        value_col = next(i for i, c in enumerate(PARAMETER_COLUMNS) if c.id == "value_number")
        sheet = "'" + parameters.name + "'"
        for key, values in zip(evaluation.parameters, builder.parameter_rows(), strict=True):
            cell = xl_rowcol_to_cell(parameters.row, value_col, row_abs=True, col_abs=True)
            book.define_name(param_name(key), f"={sheet}!{cell}")
            parameters.add(values)
        parameters.finish(freeze_cols=1)

        policies = TableSheet(book, formats, "policies", POLICY_COLUMNS, lang)
        for values in builder.policy_rows():
            policies.add(values)
        policies.finish(freeze_cols=1)
        write_institutions(book, formats, evaluation, names, lang)

        quality = TableSheet(book, formats, "quality", QUALITY_COLUMNS, lang)
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

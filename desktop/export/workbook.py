"""The result workbook: cover, summary, eligibility matrix, results, the 测算明细 formulas,
record items, parameters, policy basis, institutions, data quality.

Written with XlsxWriter. Every text cell goes through ``write_string`` (and the workbook is
opened with ``strings_to_formulas`` and ``strings_to_urls`` off), so an enterprise name such
as ``=HYPERLINK(...)`` stays text. Amounts are numbers equal to the engine's amounts to the
分. The file is written beside the target and moved into place only when complete (see
:mod:`desktop.files`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.exceptions import XlsxWriterException
from xlsxwriter.utility import xl_rowcol_to_cell

import desktop
from desktop.core.evaluation import Evaluation
from desktop.core.explain import basis_label
from desktop.core.progress import Progress, ShouldCancel
from desktop.errors import OutputFileError
from desktop.export.cover import write_cover
from desktop.export.formulas import DETAIL_COLUMNS, DetailBuilder, param_name
from desktop.export.institutions import write_institution_checks, write_institutions
from desktop.export.matrix import COMMENT_LIMIT, MatrixSheet
from desktop.export.summary import write_summary
from desktop.export.tables import (
    ITEM_COLUMNS,
    PARAMETER_COLUMNS,
    POLICY_COLUMNS,
    QUALITY_COLUMNS,
    RESULT_COLUMNS,
    TableBuilder,
    Ticker,
)
from desktop.export.text import cover_text, no_issues_text, sheet_name
from desktop.export.xlsxbase import EXCEL_MAX_ROWS, FONT_NAME, FONT_SIZE, Formats, TableSheet
from desktop.files import atomic_output, check_target, locked_error

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
        cover = book.add_worksheet(sheet_name("cover", lang))
        # 汇总 and 资格矩阵 name a measure whose amount is not the text's own rule with what
        # its figure is (按上限估算【假设】 / 申请金额，非核定金额): never read as the amount due
        titled = {mid: _with_basis(evaluation, mid, name, lang) for mid, name in names.items()}
        write_summary(book, formats, evaluation, titled, detail_ranges, first_detail, lang)
        ticker.check()

        matrix = MatrixSheet(
            book, formats, evaluation, titled, lang, max_rows, builder.missing_text
        )
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
        write_institution_checks(
            book, formats, evaluation, builder.measure_info(), builder.missing_text, lang
        )

        quality = TableSheet(book, formats, "quality", QUALITY_COLUMNS, lang)
        issues = builder.quality_rows()
        for values in issues:
            quality.add(values)
        if not issues:
            quality.ws.write_string(1, 0, no_issues_text(lang), formats.cell("text"))
        quality.finish()

        parts = {
            t.base_name: [str(ws.name) for ws, _ in t.sheets]
            for t in (matrix.table, results, details, items)
        }
        write_cover(cover, formats, evaluation, builder, input_path, generated, lang, detail, parts)
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


def _with_basis(evaluation: Evaluation, measure_id: str, name: str, lang: str) -> str:
    """``name`` followed by what its amount is when that is a ceiling or a request."""
    m = evaluation.catalogue.measure(measure_id).measure
    if m.kind != "computable" or m.amount_basis == "computed":
        return name
    return f"{name}（{basis_label(m, lang, short=True)}）"

"""资格矩阵: one row per enterprise, one column per measure, cells coloured by status."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from desktop.core.evaluation import Evaluation
from desktop.core.outcomes import STATUS_LABELS, STATUSES
from desktop.export.tables import Column
from desktop.export.text import clip, export_text
from desktop.export.xlsxbase import Formats, TableSheet

COMMENT_LIMIT = 20_000  # cells: above this no per-cell comments (they make Excel crawl)


class MatrixSheet:
    """资格矩阵: one row per enterprise, one column per measure, coloured by status."""

    def __init__(
        self,
        book: xlsxwriter.Workbook,
        formats: Formats,
        ev: Evaluation,
        names: dict[str, str],
        lang: str,
        max_rows: int,
        missing_text: Callable[[Sequence[str]], str],
    ) -> None:
        self.lang = lang
        self.formats = formats
        self.comments = len(ev) * len(ev.measure_ids) <= COMMENT_LIMIT
        columns = [Column("uscc"), Column("name"), Column("district")]
        self.n_fixed = len(columns)
        self.summary_col = self.n_fixed + len(ev.measure_ids)
        self.table = TableSheet(
            book,
            formats,
            "matrix",
            columns,
            lang,
            max_rows=max_rows,
            header_rows=2,
            preamble=self._legend,
        )
        self.formats = formats
        self.measure_ids = ev.measure_ids
        self.names = names
        self.labels = STATUS_LABELS[lang]
        self.cell_formats = {s: formats.cell("money", status=s) for s in STATUSES}
        self.summary_format = formats.cell("wrap")
        self.missing_text = missing_text
        self.summary_eligible = export_text("matrix.summary_eligible", lang)
        self.summary_missing = export_text("matrix.summary_missing", lang)
        for ws, _ in self.table.sheets:
            self._titles(ws)

    def _legend(self, ws: Worksheet) -> None:
        formats = self.formats
        ws.write_string(0, 0, export_text("matrix.legend", self.lang), formats.get(bold=True))
        for col, status in enumerate(STATUSES, start=1):
            ws.write_string(
                0, col, STATUS_LABELS[self.lang][status], formats.cell("status", status=status)
            )
        note = export_text(
            "matrix.note_comments" if self.comments else "matrix.note_no_comments", self.lang
        )
        ws.write_string(0, 4, note, formats.get(italic=True, font_color="#595959"))

    def _titles(self, ws: Worksheet) -> None:
        head = self.formats.header()
        for i, measure_id in enumerate(self.measure_ids):
            ws.write_string(1, self.n_fixed + i, f"{measure_id}\n{self.names[measure_id]}", head)
        ws.write_string(1, self.summary_col, export_text("matrix.summary_title", self.lang), head)
        ws.set_row(1, 60)

    def add(self, uscc: str, name: str, district: str, exps: Sequence[Any]) -> None:
        table = self.table
        before = len(table.sheets)
        table.add([uscc, name, district])
        if len(table.sheets) != before:
            self._titles(table.ws)
        ws, row = table.ws, table.row - 1
        formats, labels = self.cell_formats, self.labels
        eligible = 0
        missing: list[str] = []
        for col, exp in enumerate(exps, start=self.n_fixed):
            status = exp.status
            if status == "eligible":
                eligible += 1
            elif status == "unknown":
                missing.extend(m for m in exp.missing if m not in missing)
            if status == "eligible" and exp.amount_fen is not None:
                ws.write_number(row, col, exp.amount_fen / 100, formats[status])
            else:
                ws.write_string(row, col, labels[status], formats[status])
            if self.comments:
                ws.write_comment(
                    row,
                    col,
                    clip("\n".join(exp.reasons)),
                    {"x_scale": 3, "y_scale": 4, "font_name": "等线"},
                )
        text = self.summary_eligible.format(k=eligible)
        if missing:
            text += self.summary_missing + self.missing_text(missing).replace("\n", "、")
        ws.write_string(row, self.summary_col, text, self.summary_format)

    def finish(self) -> None:
        self.table.finish(freeze_cols=2)
        last = self.summary_col
        for ws, rows in self.table.sheets:
            ws.set_column(self.n_fixed, last - 1, 16)
            ws.set_column(last, last, 40)
            ws.autofilter(1, 0, max(rows - 1, 1), last)
            ws.repeat_columns(0, 1)  # printed several pages wide, codes and names on each
            ws.fit_to_pages(3, 0)

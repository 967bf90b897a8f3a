"""机构补偿: risk compensation per bank, guarantor, insurer and IP agency, with a total."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import xlsxwriter

from desktop.core.evaluation import Evaluation
from desktop.core.money import fen_to_yuan
from desktop.export.tables import Column
from desktop.export.text import export_label, export_text, total_word
from desktop.export.xlsxbase import Formats, TableSheet

INSTITUTION_COLUMNS = (
    Column("institution"),
    Column("beneficiary"),
    Column("measure_id"),
    Column("measure_name", "text", 36),
    Column("records", "int"),
    Column("amount", "money"),
)


CHECK_COLUMNS = (
    Column("institution"),
    Column("institution_type"),
    Column("measure_id"),
    Column("measure_name", "text", 30),
    Column("doc_number"),
    Column("article"),
    Column("status", "status"),
    Column("reasons", "wrap", 70),
    Column("missing", "wrap", 30),
)


def write_institution_checks(
    book: xlsxwriter.Workbook,
    formats: Formats,
    ev: Evaluation,
    info: dict[str, Any],
    missing_text: Callable[[Sequence[str]], str],
    lang: str,
) -> None:
    """机构措施: each institution a measure about institutions looks at (190号第15条: the
    banks' NPL tolerance), its status and the comparison that decided it."""
    table = TableSheet(book, formats, "institution_checks", CHECK_COLUMNS, lang)
    for e in ev.explain_institutions(lang):
        measure = info[e.measure_id]
        table.add(
            [
                e.institution,
                e.institution_type,
                e.measure_id,
                measure.name,
                measure.doc_number,
                measure.article,
                e.status,
                "\n".join(e.reasons),
                missing_text(e.missing),
            ]
        )
    if table.row == 1:
        table.ws.write_string(
            1,
            0,
            export_text("institution_checks.none", lang),
            formats.cell("text"),
        )
    table.finish(freeze_cols=1)


def write_institutions(
    book: xlsxwriter.Workbook,
    formats: Formats,
    ev: Evaluation,
    names: dict[str, str],
    lang: str,
) -> None:
    table = TableSheet(book, formats, "institutions", INSTITUTION_COLUMNS, lang)
    frame = ev.institution_totals()
    for rec in frame.itertuples(index=False):
        table.add(
            [
                rec.institution,
                export_label("beneficiary", str(rec.beneficiary), lang),
                rec.measure,
                names.get(str(rec.measure), ""),
                rec.records,
                rec.amount_fen,
            ]
        )
    if frame.empty:
        table.ws.write_string(1, 0, export_text("institutions.none", lang), formats.cell("text"))
    else:
        table.ws.write_string(table.row, 0, total_word(lang), formats.get(bold=True, top=1))
        table.ws.write_formula(
            table.row,
            5,
            f"=SUM(F2:F{table.row})",
            formats.get(bold=True, num_format="#,##0.00", top=1),
            float(fen_to_yuan(int(frame["amount_fen"].sum()))),
        )
    table.finish(freeze_cols=1)

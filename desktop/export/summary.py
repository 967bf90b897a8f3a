"""汇总: totals by measure (live SUMIF over 测算明细), district, qualification and size
class, with native charts; measure IDs link to their first row of 测算明细."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.worksheet import Worksheet

from desktop.core.evaluation import Evaluation
from desktop.core.money import fen_to_yuan
from desktop.core.outcomes import STATUSES
from desktop.export.formulas import ALLOCATED_COL, MEASURE_COL
from desktop.export.text import export_text, header, sheet_name
from desktop.export.xlsxbase import STATUS_COLOURS, Formats, print_setup

CHART_WIDTH = 480
#: the summary's section titles, total and blank words: catalogue keys export.summary.<name>
SECTIONS = ("by_measure", "by_district", "by_qualification", "by_size", "total", "blank")


def _q(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


def _per_enterprise(ev: Evaluation) -> pd.DataFrame:
    amount = np.zeros(len(ev), dtype=np.int64)
    eligible = np.zeros(len(ev), dtype=np.int64)
    for outcome in ev.outcomes.values():
        frame = outcome.enterprise
        eligible += (frame["status"] == "eligible").to_numpy(dtype=np.int64)
        if "amount_fen" in frame.columns:
            amount += frame["amount_fen"].astype("Int64").fillna(0).to_numpy(dtype=np.int64)
    return pd.DataFrame({"amount": amount, "eligible": eligible})


def write_summary(
    book: xlsxwriter.Workbook,
    formats: Formats,
    ev: Evaluation,
    names: dict[str, str],
    detail_ranges: dict[str, list[tuple[str, int]]],
    first_detail: dict[str, tuple[str, int]],
    lang: str,
) -> None:
    """Totals by measure (SUMIF over 测算明细 so live amounts recompute), district,
    qualification and size class, with native charts."""
    ws = book.add_worksheet(sheet_name("summary", lang))
    words = [export_text(f"summary.{name}", lang) for name in SECTIONS]
    title = formats.get(bold=True, font_size=14)
    section = formats.get(bold=True, font_size=12, font_color="#1F4E78")
    link = formats.get(font_color="#0563C1", underline=1, valign="top")
    total_fmt = formats.get(bold=True, num_format="#,##0.00", top=1)
    int_total = formats.get(bold=True, num_format="0", top=1)
    ws.write_string(0, 0, sheet_name("summary", lang), title)
    ws.set_row(0, 24)
    widths = [26, 40, 10, 10, 10, 18]
    for col, width in enumerate(widths):
        ws.set_column(col, col, width)
    row = 2
    ws.write_string(row, 0, words[0], section)
    row += 1
    titles = ["measure_id", "measure_name", *STATUSES, "total"]
    for col, column_id in enumerate(titles):
        ws.write_string(row, col, header(column_id, lang), formats.header())
    head_row = row
    totals = ev.totals()
    for measure_id in ev.measure_ids:
        row += 1
        target = first_detail.get(measure_id)
        if target is not None:
            ws.write_url(row, 0, f"internal:{_q(target[0])}!A{target[1]}", link, measure_id)
        else:
            ws.write_string(row, 0, measure_id, formats.cell("text"))
        ws.write_string(row, 1, names[measure_id], formats.cell("text"))
        for col, status in enumerate(STATUSES, start=2):
            ws.write_number(row, col, totals[measure_id][status], formats.cell("int"))
        cached = float(fen_to_yuan(totals[measure_id]["amount_fen"]))
        ranges = detail_ranges.get(measure_id)
        if ranges:
            parts = [
                f'SUMIF({_q(s)}!${MEASURE_COL}$2:${MEASURE_COL}${last},"{measure_id}",'
                f"{_q(s)}!${ALLOCATED_COL}$2:${ALLOCATED_COL}${last})"
                for s, last in ranges
            ]
            ws.write_formula(row, 5, "=" + "+".join(parts), formats.cell("money"), cached)
        else:
            ws.write_number(row, 5, cached, formats.cell("money"))
    last = row
    row += 1
    ws.write_string(row, 1, words[4], formats.get(bold=True, top=1))
    for col in range(2, 6):
        cell_range = f"{xl_rowcol_to_cell(head_row + 1, col)}:{xl_rowcol_to_cell(last, col)}"
        fmt = total_fmt if col == 5 else int_total
        value = sum(t["amount_fen"] for t in totals.values()) / 100 if col == 5 else None
        if value is None:
            value = sum(t[STATUSES[col - 2]] for t in totals.values())
        ws.write_formula(row, col, f"=SUM({cell_range})", fmt, value)
    sheet = ws.get_name()
    _chart(book, ws, sheet, head_row, last, 5, words[0], "bar", "H3", len(ev.measure_ids))
    status_chart = book.add_chart({"type": "bar", "subtype": "stacked"})
    for col, status in enumerate(STATUSES, start=2):
        status_chart.add_series(
            {
                "name": [sheet, head_row, col],
                "categories": [sheet, head_row + 1, 0, last, 0],
                "values": [sheet, head_row + 1, col, last, col],
                "fill": {"color": STATUS_COLOURS[status][1]},
            }
        )
    status_chart.set_title({"name": header("status", lang), "name_font": {"size": 11}})
    status_chart.set_size({"width": CHART_WIDTH, "height": max(320, 16 * len(ev.measure_ids))})
    status_chart.set_y_axis({"reverse": True})
    ws.insert_chart("H3", status_chart, {"x_offset": CHART_WIDTH + 16})
    row += 2

    per_ent = _per_enterprise(ev)
    ents = ev.enterprises
    blank = words[5]
    district = ents["district"].astype(object).where(ents["district"].notna(), blank)
    groups: list[tuple[str, str, pd.Series]] = [(words[1], "district", district.astype(str))]
    quals = [c for c in ents.columns if c.startswith("q_")] + (
        ["is_kechuang"] if "is_kechuang" in ents.columns else []
    )
    size_col = "sme_size" if "sme_size" in ents.columns else "size_class"
    for title_text, key, labels in groups:
        head, last, row = _group_table(
            ws, formats, row, title_text, key, labels, per_ent, lang, section
        )
        _chart(book, ws, sheet, head, last, 5, title_text, "column", f"H{head + 1}", last - head)
    qual_rows = []
    for col_name in quals:
        mask = ents[col_name].astype("boolean").fillna(False).to_numpy(dtype=bool)
        label = ev.label_of(col_name, lang)
        qual_rows.append((label, int(mask.sum()), per_ent[mask]))
    _, _, row = _table(ws, formats, row, words[2], "group", qual_rows, lang, section)
    if size_col in ents.columns:
        sizes = ents[size_col].astype(object).where(ents[size_col].notna(), blank).astype(str)
        _group_table(ws, formats, row, words[3], "group", sizes, per_ent, lang, section)
    ws.freeze_panes(head_row + 1, 0)
    print_setup(ws, repeat_header=False)
    ws.fit_to_pages(1, 0)


def _chart(
    book: xlsxwriter.Workbook,
    ws: Worksheet,
    sheet: str,
    head: int,
    last: int,
    col: int,
    title: str,
    kind: str,
    where: str,
    n: int,
) -> None:
    if last <= head:
        return
    chart = book.add_chart({"type": kind})
    chart.add_series(
        {
            "name": [sheet, head, col],
            "categories": [sheet, head + 1, 0, last, 0],
            "values": [sheet, head + 1, col, last, col],
            "fill": {"color": "#2E75B6"},
            "gap": 60,
        }
    )
    chart.set_title({"name": title, "name_font": {"size": 11}})
    chart.set_legend({"none": True})
    height = max(320, 16 * n) if kind == "bar" else 320
    chart.set_size({"width": CHART_WIDTH, "height": height})
    if kind == "bar":
        chart.set_y_axis({"reverse": True})
    chart.set_x_axis({"num_format": "#,##0"} if kind == "bar" else {})
    ws.insert_chart(where, chart)


def _group_table(
    ws: Worksheet,
    formats: Formats,
    row: int,
    title: str,
    key: str,
    labels: pd.Series,
    per_ent: pd.DataFrame,
    lang: str,
    section: Any,
) -> tuple[int, int, int]:
    frame = per_ent.assign(label=labels.to_numpy())
    grouped = frame.groupby("label", sort=True).agg(
        n=("amount", "size"), eligible=("eligible", "sum"), amount=("amount", "sum")
    )
    rows = [
        (str(k), int(v["n"]), None, int(v["eligible"]), int(v["amount"]))
        for k, v in grouped.iterrows()
    ]
    return _write_rows(ws, formats, row, title, key, rows, lang, section)


def _table(
    ws: Worksheet,
    formats: Formats,
    row: int,
    title: str,
    key: str,
    items: Sequence[tuple[str, int, pd.DataFrame]],
    lang: str,
    section: Any,
) -> tuple[int, int, int]:
    rows = [
        (label, n, None, int(f["eligible"].sum()), int(f["amount"].sum())) for label, n, f in items
    ]
    return _write_rows(ws, formats, row, title, key, rows, lang, section)


def _write_rows(
    ws: Worksheet,
    formats: Formats,
    row: int,
    title: str,
    key: str,
    rows: Sequence[tuple[str, int, Any, int, int]],
    lang: str,
    section: Any,
) -> tuple[int, int, int]:
    ws.write_string(row, 0, title, section)
    row += 1
    head = row
    eligible = export_text("summary.eligible_pairs", lang)
    # Columns A, C, D, F: the widths of the by-measure table above (B holds long names).
    titles = [header(key, lang), header("enterprises", lang), eligible, header("total", lang)]
    for col, text in zip((0, 2, 3, 5), titles, strict=True):
        ws.write_string(row, col, text, formats.header())
    ws.write_blank(row, 1, None, formats.header())
    ws.write_blank(row, 4, None, formats.header())
    ws.set_row(row, 30)
    for label, n, _, k, amount in rows:
        row += 1
        ws.write_string(row, 0, label, formats.cell("text"))
        ws.write_number(row, 2, n, formats.cell("int"))
        ws.write_number(row, 3, k, formats.cell("int"))
        ws.write_number(row, 5, float(fen_to_yuan(amount)), formats.cell("money"))
    return head, row, row + 2

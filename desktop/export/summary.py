"""汇总: totals by measure (live SUMIF over 测算明细) with each measure's region, beneficiary
and funding level; the split by region × beneficiary × level and by each alone (live SUMIFS
over the measure rows; every line that adds more than one region, recipient class or level
says what it adds); district, qualification and size class (support to enterprises only),
with native charts; measure IDs link to their first row of 测算明细."""

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
from desktop.core.outcomes import INSTITUTION_BENEFICIARIES, STATUSES
from desktop.core.totals import (
    TotalsGroup,
    TotalsSplit,
    adds,
    beneficiary_label,
    level_label,
    recipient_label,
    split_totals,
)
from desktop.export.formulas import ALLOCATED_COL, MEASURE_COL
from desktop.export.text import export_text, header, sheet_name
from desktop.export.xlsxbase import STATUS_COLOURS, Formats, print_setup

CHART_WIDTH = 480
CHART_COL = "L"  # charts sit right of the by-measure table's split columns G–J
#: the by-measure table's split columns: region, beneficiary, recipient class, funding level
SPLIT_COLS = (6, 7, 8, 9)
#: the summary's section titles, total and blank words: catalogue keys export.summary.<name>
SECTIONS = ("by_measure", "by_district", "by_qualification", "by_size", "total", "blank")


def _q(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


def _per_enterprise(ev: Evaluation) -> pd.DataFrame:
    """Per enterprise: eligible measures and the support it receives itself (compensation
    paid to banks, guarantors, insurers and IP agencies is left out: not the enterprise's)."""
    amount = np.zeros(len(ev), dtype=np.int64)
    eligible = np.zeros(len(ev), dtype=np.int64)
    for outcome in ev.outcomes.values():
        frame = outcome.enterprise
        eligible += (frame["status"] == "eligible").to_numpy(dtype=np.int64)
        if outcome.measure.measure.beneficiary in INSTITUTION_BENEFICIARIES:
            continue
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
    widths = [26, 40, 10, 10, 10, 18, 22, 16, 18, 10]
    for col, width in enumerate(widths):
        ws.set_column(col, col, width)
    row = 2
    ws.write_string(row, 0, words[0], section)
    row += 1
    titles = ["measure_id", "measure_name", *STATUSES, "total"]
    for col, column_id in enumerate(titles):
        ws.write_string(row, col, header(column_id, lang), formats.header())
    split = split_totals(ev)
    regions_en = split.regions_en()
    for col, key in zip(SPLIT_COLS, ("region", "beneficiary", "recipient", "level"), strict=True):
        ws.write_string(row, col, export_text(f"summary.col.{key}", lang), formats.header())
    lines = {line.measure_id: line for line in split.lines}
    head_row = row
    totals = ev.totals()
    for measure_id in ev.measure_ids:
        row += 1
        line = lines[measure_id]
        region = line.region_en if lang == "en" else line.region
        keys = (
            region,
            beneficiary_label(line.beneficiary, lang),
            recipient_label(line.recipient, lang),
            level_label(line.funding_level, lang),
        )
        for col, word in zip(SPLIT_COLS, keys, strict=True):
            ws.write_string(row, col, word, formats.cell("text"))
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
    everything = adds(split.all_lines, lang, regions_en)
    # column A stays blank (readers stop the measure rows there); B says what it adds
    ws.write_string(
        row, 1, export_text("summary.all_measures", lang), formats.get(bold=True, top=1)
    )
    ws.write_string(row, SPLIT_COLS[0], everything, formats.cell("text"))
    for col in range(2, 6):
        cell_range = f"{xl_rowcol_to_cell(head_row + 1, col)}:{xl_rowcol_to_cell(last, col)}"
        fmt = total_fmt if col == 5 else int_total
        value = sum(t["amount_fen"] for t in totals.values()) / 100 if col == 5 else None
        if value is None:
            value = sum(t[STATUSES[col - 2]] for t in totals.values())
        ws.write_formula(row, col, f"=SUM({cell_range})", fmt, value)
    sheet = ws.get_name()
    where = f"{CHART_COL}3"
    _chart(book, ws, sheet, head_row, last, 5, words[0], "bar", where, len(ev.measure_ids))
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
    ws.insert_chart(where, status_chart, {"x_offset": CHART_WIDTH + 16})
    row += 2
    row = _write_split(ws, formats, row, split, (head_row + 1, last), lang, section)

    per_ent = _per_enterprise(ev)
    ents = ev.enterprises
    blank = words[5]
    district = ents["district"].astype(object).where(ents["district"].notna(), blank)
    ws.write_string(row, 0, export_text("summary.enterprise_only", lang), formats.cell("text"))
    row += 2
    groups: list[tuple[str, str, pd.Series]] = [(words[1], "district", district.astype(str))]
    quals = [c for c in ents.columns if c.startswith("q_")] + (
        ["is_kechuang"] if "is_kechuang" in ents.columns else []
    )
    size_col = "sme_size" if "sme_size" in ents.columns else "size_class"
    for title_text, key, labels in groups:
        head, last, row = _group_table(
            ws, formats, row, title_text, key, labels, per_ent, lang, section
        )
        where = f"{CHART_COL}{head + 1}"
        _chart(book, ws, sheet, head, last, 5, title_text, "column", where, last - head)
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


def _write_split(
    ws: Worksheet,
    formats: Formats,
    row: int,
    split: TotalsSplit,
    measure_rows: tuple[int, int],
    lang: str,
    section: Any,
) -> int:
    """按地区 × 受益方 × 资金层级 and by each key alone: SUMIFS over the by-measure rows'
    amount (F) and split columns (G–J), cached at the engine's values. Each line names what
    it adds in column G; returns the next free row."""
    first, last = measure_rows
    amount = _column_range(5, first, last)
    ranges = [_column_range(c, first, last) for c in SPLIT_COLS]
    regions_en = split.regions_en()

    def region_name(region: str) -> str:
        return regions_en.get(region, region) if lang == "en" else region

    ws.write_string(row, 0, export_text("summary.by_split", lang), section)
    ws.write_string(row, 1, export_text("summary.by_split_note", lang), formats.cell("text"))
    row += 1
    for col, key in enumerate(("region", "beneficiary", "level")):
        ws.write_string(row, col, export_text(f"summary.col.{key}", lang), formats.header())
    ws.write_string(row, 3, export_text("summary.eligible_pairs", lang), formats.header())
    ws.write_blank(row, 4, None, formats.header())
    ws.write_string(row, 5, header("total", lang), formats.header())
    for g in split.table:
        if not g.amount_fen and not g.eligible:
            continue
        row += 1
        values = (
            region_name(g.regions[0]),
            beneficiary_label(g.beneficiaries[0], lang),
            level_label(g.funding_levels[0], lang),
        )
        for col, value in enumerate(values):
            ws.write_string(row, col, value, formats.cell("text"))
        ws.write_number(row, 3, g.eligible, formats.cell("int"))
        criteria = ",".join(
            f"{r},{xl_rowcol_to_cell(row, c, row_abs=False, col_abs=True)}"
            for r, c in ((ranges[0], 0), (ranges[1], 1), (ranges[3], 2))
        )
        cached = float(fen_to_yuan(g.amount_fen))
        ws.write_formula(row, 5, f"=SUMIFS({amount},{criteria})", formats.cell("money"), cached)
    row += 2
    keyed: tuple[tuple[str, dict[str, TotalsGroup], int, Any], ...] = (
        ("by_region", split.by_region, 0, region_name),
        ("by_recipient", split.by_recipient, 2, lambda k: recipient_label(k, lang)),
        ("by_level", split.by_funding_level, 3, lambda k: level_label(k, lang)),
    )
    for title, groups, col_index, name in keyed:
        ws.write_string(row, 0, export_text(f"summary.{title}", lang), section)
        row += 1
        ws.write_string(row, 0, export_text(f"summary.col.{title[3:]}", lang), formats.header())
        ws.write_string(row, 1, export_text("summary.col.adds", lang), formats.header())
        ws.write_string(row, 5, header("total", lang), formats.header())
        for key, g in groups.items():
            if not g.amount_fen:
                continue
            row += 1
            label = name(key)
            ws.write_string(row, 0, label, formats.cell("text"))
            ws.write_string(row, 1, adds(g, lang, regions_en), formats.cell("text"))
            cached = float(fen_to_yuan(g.amount_fen))
            cell = xl_rowcol_to_cell(row, 0, col_abs=True)
            formula = f"=SUMIF({ranges[col_index]},{cell},{amount})"
            ws.write_formula(row, 5, formula, formats.cell("money"), cached)
        row += 2
    return row


def _column_range(col: int, first: int, last: int) -> str:
    top = xl_rowcol_to_cell(first, col, row_abs=True, col_abs=True)
    bottom = xl_rowcol_to_cell(last, col, row_abs=True, col_abs=True)
    return f"{top}:{bottom}"


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

"""说明: what the workbook holds, where it came from, how to read it, what is live."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any

from xlsxwriter.worksheet import Worksheet

import desktop
from desktop.cells import formula_risky
from desktop.core.evaluation import Evaluation
from desktop.core.money import fen_to_yuan
from desktop.core.outcomes import STATUSES
from desktop.export.formulas import DetailBuilder
from desktop.export.matrix import COMMENT_LIMIT
from desktop.export.tables import TableBuilder
from desktop.export.text import (
    clip,
    cover_text,
    display_width,
    export_text,
    header,
)
from desktop.export.xlsxbase import KIND_PROPS, Formats, print_setup
from desktop.i18n import text as message


def write_cover(
    ws: Worksheet,
    formats: Formats,
    evaluation: Evaluation,
    builder: TableBuilder,
    input_path: Path | None,
    generated: dt.datetime,
    lang: str,
    detail: DetailBuilder,
    parts: dict[str, list[str]],
) -> None:
    """Fill 说明 (added first, written last so it can count what the other sheets hold)."""
    widths = [24, 46, 11, 11, 11, 18]
    for col, width in enumerate(widths):
        ws.set_column(col, col, width)
    merged_width = sum(widths[1:])
    label_fmt = formats.get(bold=True, valign="top", bg_color="#F2F2F2")
    text_fmt = formats.get(valign="top", text_wrap=True)
    ws.merge_range(0, 0, 0, 5, "", formats.get(bold=True, font_size=16, valign="vcenter"))
    ws.write_string(0, 0, cover_text("title", lang), formats.get(bold=True, font_size=16))
    ws.set_row(0, 28)
    if evaluation.breaches:  # a defect, not a result: said above everything (invariants)
        shown = evaluation.breaches[:5]
        banner = "\n".join(
            [
                message("invariant.failed", lang, count=len(evaluation.breaches)),
                *(b.message(lang) for b in shown),
            ]
        )
        ws.merge_range(1, 0, 1, 5, "", text_fmt)
        ws.write_string(
            1, 0, clip(banner), formats.get(bold=True, font_color="#C00000", text_wrap=True)
        )
        ws.set_row(1, 15 * (len(shown) + 1) + 4)
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
    pair("time_basis", message("basis.time", lang, as_of=evaluation.as_of.isoformat()))
    if len(portfolio.files) > 1:  # read together: every file and its own SHA-256
        pair("input", "\n".join(path.name for path, _ in portfolio.files))
        pair("input_sha", "\n".join(digest for _, digest in portfolio.files))
    else:
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
    live_ids = sorted(detail.live_measures)
    pair("live", cover_text("live_text", lang).format(ids="、".join(live_ids) or "—"))
    reasons = detail.value_reasons
    breakdown = "；".join(
        f"{export_text('value_reason.' + kind, lang)} {n:,}"
        for kind, n in sorted(reasons.items())
        if n
    )
    pair(
        "values",
        cover_text("values_text", lang).format(
            live=detail.live_rows, n=sum(reasons.values()), breakdown=breakdown or "—"
        ),
    )
    split = [names for names in parts.values() if len(names) > 1]
    pair(
        "split",
        "\n".join(
            cover_text("split_text", lang).format(n=len(p), names="、".join(p)) for p in split
        )
        or cover_text("split_none", lang),
    )

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

"""Draw a :class:`~desktop.briefing.content.Brief` as an A4 PDF with reportlab.

The bundled CJK font (WenQuanYi Micro Hei) is embedded. Before drawing, every character of the
brief is looked up in the font: one it lacks would print as an empty box, so it is reported as
a ``MissingGlyphWarning`` (the tests turn that into a failure).
"""

from __future__ import annotations

import html
import warnings
from pathlib import Path

from desktop.briefing.content import Brief, Figure, Heading, Para, TableBlock
from desktop.fonts import FONT_FILE
from desktop.paths import fonts_dir

PDF_FONT = "PolicyDeskCJK"


class MissingGlyphWarning(UserWarning):
    """A character of the brief is not in the embedded font."""


def register_font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if PDF_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(PDF_FONT, str(fonts_dir() / FONT_FILE), subfontIndex=0))
    return PDF_FONT


def missing_glyphs(texts: list[str]) -> list[str]:
    """Characters (other than whitespace) the embedded font cannot draw."""
    from reportlab.pdfbase import pdfmetrics

    font = pdfmetrics.getFont(register_font())
    cmap = font.face.charToGlyph
    chars = {ch for text in texts for ch in text if not ch.isspace()}
    return sorted(ch for ch in chars if ord(ch) not in cmap)


def write_pdf(brief: Brief, path: Path) -> Path:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.lib.utils import ImageReader
    from reportlab.platypus import (
        Image,
        KeepTogether,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    font = register_font()
    missing = missing_glyphs(brief.texts())
    if missing:
        warnings.warn(
            f"missing glyph(s) in the PDF font: {''.join(missing)!r}",
            MissingGlyphWarning,
            stacklevel=2,
        )
    body = ParagraphStyle("body", fontName=font, fontSize=9, leading=13, wordWrap="CJK")
    small = ParagraphStyle("small", parent=body, fontSize=7.5, leading=10)
    cell = ParagraphStyle("cell", parent=body, fontSize=7, leading=9)
    source = ParagraphStyle(
        "source",
        parent=body,
        fontSize=6.5,
        leading=8.5,
        spaceBefore=2,
        textColor=colors.HexColor("#555555"),
    )
    h1 = ParagraphStyle("h1", parent=body, fontSize=17, leading=24, alignment=TA_CENTER)
    h2 = ParagraphStyle(
        "h2", parent=body, fontSize=12.5, leading=18, spaceBefore=8, spaceAfter=4, keepWithNext=1
    )
    h3 = ParagraphStyle(
        "h3", parent=body, fontSize=10, leading=14, spaceBefore=5, spaceAfter=2, keepWithNext=1
    )
    width = A4[0] - 36 * mm

    def p(text: str, style: ParagraphStyle = body) -> Paragraph:
        return Paragraph(html.escape(text), style)

    def table(block: TableBlock) -> list[object]:
        cells = [[p(c, cell) for c in row] for row in block.rows]
        t = Table(cells, colWidths=[w * width for w in block.widths], repeatRows=1)
        t.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8EEF6")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 3),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                ]
            )
        )
        out: list[object] = [t]
        if block.source:
            out.append(p("来源：" + block.source, source))
        out.append(Spacer(1, 3))
        return out

    story: list[object] = []
    for block in brief.blocks:
        if isinstance(block, Heading):
            style = {1: h1, 2: h2}.get(block.level, h3)
            story.append(p(block.text, style))
        elif isinstance(block, Para):
            story.append(p(block.text, small if block.small else body))
        elif isinstance(block, TableBlock):
            story += table(block)
        elif isinstance(block, Figure):
            iw, ih = ImageReader(str(block.path)).getSize()
            w = width * 0.95
            h = w * ih / iw
            if h > 115 * mm:
                h = 115 * mm
                w = h * iw / ih
            parts: list[object] = [p(block.caption, small), Image(str(block.path), w, h)]
            if block.source:
                parts.append(p(block.source, source))
            story.append(KeepTogether(parts))
            story.append(Spacer(1, 4))

    title = brief.title

    def footer(canvas: object, doc: object) -> None:
        canvas.saveState()  # type: ignore[attr-defined]
        canvas.setFont(font, 7)  # type: ignore[attr-defined]
        canvas.drawRightString(  # type: ignore[attr-defined]
            A4[0] - 18 * mm,
            10 * mm,
            f"PolicyDesk · {title} · 第 {doc.page} 页",  # type: ignore[attr-defined]
        )
        canvas.restoreState()  # type: ignore[attr-defined]

    doc = SimpleDocTemplate(
        str(path),
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
        title=title,
        author="PolicyDesk",
    )
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return path


__all__ = ["PDF_FONT", "MissingGlyphWarning", "missing_glyphs", "register_font", "write_pdf"]

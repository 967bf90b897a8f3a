"""Draw a :class:`~desktop.briefing.content.Brief` as a Word document with python-docx.

Same blocks as the PDF: headings, tables (with their 来源 line), charts as embedded PNGs. Word
picks the font for Chinese text from ``w:eastAsia`` of ``w:rFonts``, which python-docx does not
set, so every style and run gets it here (and ``w:lang w:eastAsia="zh-CN"``); without it
Chinese falls back to whatever font Word or LibreOffice guesses.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop.briefing.content import Brief, Figure, Heading, Para, TableBlock

EAST_ASIA_FONT = "Microsoft YaHei"  # 微软雅黑: on every Windows since Vista
LATIN_FONT = "Arial"


def _set_fonts(element: Any, size: float | None = None) -> None:
    """Set ascii/hAnsi/eastAsia fonts and the East-Asian language on a style or run."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), LATIN_FONT)
    fonts.set(qn("w:eastAsia"), EAST_ASIA_FONT)
    fonts.set(qn("w:hint"), "eastAsia")
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:eastAsia"), "zh-CN")


def _run(paragraph: Any, text: str, size: float, bold: bool = False, grey: bool = False) -> Any:
    from docx.shared import Pt, RGBColor

    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.font.bold = bold
    if grey:
        run.font.color.rgb = RGBColor(0x55, 0x55, 0x55)
    _set_fonts(run._element)
    return run


def write_docx(brief: Brief, path: Path) -> Path:
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(18)
    section.top_margin = section.bottom_margin = Mm(16)
    width = section.page_width - section.left_margin - section.right_margin
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "Caption"):
        try:
            style = document.styles[name]
        except KeyError:
            continue
        _set_fonts(style.element)
    document.styles["Normal"].font.size = Pt(9)
    document.core_properties.title = brief.title
    document.core_properties.author = "PolicyDesk"

    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _run(footer, f"PolicyDesk · {brief.title}", 7, grey=True)

    def source_line(text: str) -> None:
        para = document.add_paragraph()
        para.paragraph_format.space_after = Pt(6)
        _run(para, text, 6.5, grey=True)

    for block in brief.blocks:
        if isinstance(block, Heading):
            if block.level == 1:
                heading = document.add_heading("", level=0)
                heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
                _run(heading, block.text, 17, bold=True)
            else:
                heading = document.add_heading("", level=block.level - 1)
                _run(heading, block.text, 12.5 if block.level == 2 else 10, bold=True)
        elif isinstance(block, Para):
            para = document.add_paragraph()
            _run(para, block.text, 7.5 if block.small else 9)
        elif isinstance(block, TableBlock):
            ncols = len(block.rows[0])
            table = document.add_table(rows=len(block.rows), cols=ncols)
            table.style = document.styles["Table Grid"]
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
            table.autofit = False
            widths = [int(width * w) for w in block.widths]
            for r, values in enumerate(block.rows):
                row = table.rows[r]
                if r == 0:  # repeat the header row on every page
                    trpr = row._tr.get_or_add_trPr()
                    header = OxmlElement("w:tblHeader")
                    header.set(qn("w:val"), "true")
                    trpr.append(header)
                for c, text in enumerate(values):
                    cell = row.cells[c]
                    cell.width = widths[c]
                    para = cell.paragraphs[0]
                    para.paragraph_format.space_after = Pt(0)
                    _run(para, text, 7, bold=r == 0)
                    if r == 0:
                        shading = OxmlElement("w:shd")
                        shading.set(qn("w:val"), "clear")
                        shading.set(qn("w:fill"), "E8EEF6")
                        cell._tc.get_or_add_tcPr().append(shading)
            if block.source:
                source_line("来源：" + block.source)
            else:
                document.add_paragraph()
        elif isinstance(block, Figure):
            caption = document.add_paragraph()
            caption.paragraph_format.keep_with_next = True
            _run(caption, block.caption, 7.5)
            picture = document.add_paragraph()
            picture.paragraph_format.keep_with_next = bool(block.source)
            picture.add_run().add_picture(str(block.path), width=int(width * 0.95))
            if block.source:
                source_line(block.source)
    document.save(str(path))
    return path


__all__ = ["EAST_ASIA_FONT", "write_docx"]

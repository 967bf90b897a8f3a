"""The offline briefing pack: PDF and Word brief, charts as PNG, the annex workbook that every
figure cites, and the result workbook. Qt-free."""

from desktop.briefing.pack import FORMATS, BriefingPack, build_briefing, build_pack

__all__ = ["FORMATS", "BriefingPack", "build_briefing", "build_pack"]

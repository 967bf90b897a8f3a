"""The offline briefing pack: a PDF brief with charts (each also as PNG). Qt-free."""

from desktop.briefing.pack import BriefingPack, build_briefing

__all__ = ["BriefingPack", "build_briefing"]

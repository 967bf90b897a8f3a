"""Register the bundled CJK font with Qt and make it the application font.

Without it, a Windows image without Chinese language packs or a minimal Linux shows boxes
for every label. The fallback list keeps the platform's own CJK fonts (which hint better at
small sizes on some systems) in reserve for glyphs the bundled font lacks.
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from desktop.fonts import FONT_FAMILY, bundled_font_path

log = logging.getLogger(__name__)

FALLBACK_FAMILIES = (
    "Microsoft YaHei",
    "微软雅黑",
    "PingFang SC",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "SimHei",
    "Sans Serif",
)

_registered: str | None = None


def register_qt_font() -> str | None:
    """Add the bundled font to Qt's database once; the family name, or None if Qt refused."""
    global _registered
    if _registered is not None:
        return _registered
    try:
        path = bundled_font_path()
    except FileNotFoundError:
        log.warning("bundled CJK font is missing; Chinese text relies on system fonts")
        return None
    font_id = QFontDatabase.addApplicationFont(str(path))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        log.warning("Qt could not load the bundled font %s", path)
        return None
    _registered = FONT_FAMILY if FONT_FAMILY in families else families[0]
    return _registered


def install_qt_font(app: QApplication) -> str | None:
    """Register the bundled font and make it the application font, keeping the point size."""
    family = register_qt_font()
    font = QFont(app.font())
    families = [family] if family else []
    families += [f for f in FALLBACK_FAMILIES if f != family]
    font.setFamilies(families)
    app.setFont(font)
    return family


__all__ = ["FALLBACK_FAMILIES", "install_qt_font", "register_qt_font"]

"""The bundled CJK font, found on disk and registered with matplotlib.

Charts carry Chinese titles and labels. Many machines analysts use have no Chinese font that
matplotlib can find (minimal Linux images, locked-down Windows installs), so every chart
would show empty boxes. We ship WenQuanYi Micro Hei in ``resources/fonts/`` and register it
here. This module is Qt-free so core code, exports and headless tools can use it;
``desktop.ui.fonts`` does the same for Qt.
"""

from __future__ import annotations

import threading
from pathlib import Path

from desktop.paths import fonts_dir

FONT_FILE = "wqy-microhei.ttc"
FONT_FAMILY = "WenQuanYi Micro Hei"

_lock = threading.Lock()


def bundled_font_path() -> Path:
    """Path of the bundled CJK font file; FileNotFoundError if the build lost it."""
    path = fonts_dir() / FONT_FILE
    if not path.is_file():
        raise FileNotFoundError(f"PolicyDesk cannot find its bundled font {path}")
    return path


def register_matplotlib_font() -> str:
    """Make the bundled font matplotlib's first sans-serif family; return the family name.

    Safe to call more than once. The bundled entries are moved to the front of matplotlib's
    font list so that, when the system has another copy under the same family name (which
    may be an older or different build), ties in matplotlib's font matching go to ours and
    charts look the same on every machine.
    """
    import matplotlib
    from matplotlib import font_manager

    path = bundled_font_path()
    manager = font_manager.fontManager
    with _lock:
        ours = [f for f in manager.ttflist if Path(f.fname) == path]
        if not ours:
            manager.addfont(str(path))
            ours = [f for f in manager.ttflist if Path(f.fname) == path]
        others = [f for f in manager.ttflist if Path(f.fname) != path]
        manager.ttflist[:] = ours + others
        manager._findfont_cached.cache_clear()  # type: ignore[attr-defined]
        family = next((f.name for f in ours if f.name == FONT_FAMILY), ours[0].name)
        sans = [name for name in matplotlib.rcParams["font.sans-serif"] if name != family]
        matplotlib.rcParams["font.sans-serif"] = [family, *sans]
        if "sans-serif" in matplotlib.rcParams["font.family"]:
            families = [f for f in matplotlib.rcParams["font.family"] if f != "sans-serif"]
            matplotlib.rcParams["font.family"] = ["sans-serif", *families]
        # Plain hyphen-minus on axes: it matches the CJK font's digits and the exported sheets.
        matplotlib.rcParams["axes.unicode_minus"] = False
    return family


__all__ = ["FONT_FAMILY", "FONT_FILE", "bundled_font_path", "register_matplotlib_font"]

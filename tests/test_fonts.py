"""The bundled CJK font renders Chinese in matplotlib and Qt without any system font."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import warnings
from pathlib import Path

import matplotlib
import pytest
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from desktop.fonts import FONT_FAMILY, bundled_font_path, register_matplotlib_font
from desktop.paths import fonts_dir

MPL_DATA = Path(matplotlib.get_data_path()).resolve()
TITLE = "科创金融政策测算：贴息金额（万元）"


@pytest.fixture
def bare_matplotlib(monkeypatch: pytest.MonkeyPatch):
    """matplotlib as on a machine with no system fonts: only its own DejaVu/STIX files."""
    manager = font_manager.fontManager
    own = [f for f in manager.ttflist if MPL_DATA in Path(f.fname).resolve().parents]
    monkeypatch.setattr(manager, "ttflist", own)
    manager._findfont_cached.cache_clear()
    with matplotlib.rc_context():
        yield manager
    manager._findfont_cached.cache_clear()


def _draw_title(text: str) -> tuple[list[str], str]:
    """Draw a figure with ``text`` as title; the glyph warnings and the font file used."""
    figure = Figure(figsize=(4, 2))
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    axes.plot([0, 1], [-1, 1])
    title = axes.set_title(text)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        figure.canvas.draw()
    glyphs = [str(w.message) for w in caught if "missing from font" in str(w.message)]
    return glyphs, font_manager.findfont(title.get_fontproperties())


def test_font_file_and_licence_are_bundled() -> None:
    path = bundled_font_path()
    assert path.parent == fonts_dir()
    assert path.stat().st_size > 1_000_000
    licence = (fonts_dir() / "LICENSE-wqy-microhei.txt").read_text(encoding="utf-8")
    assert "Apache License" in licence and "WenQuanYi" in licence
    readme = (fonts_dir() / "README.md").read_text(encoding="utf-8")
    assert "Apache License 2.0" in readme and "fonts-wqy-microhei" in readme


def test_bare_machine_without_registration_misses_glyphs(bare_matplotlib) -> None:
    """Control: the bare setup really lacks CJK glyphs, so the next test means something."""
    glyphs, _ = _draw_title(TITLE)
    assert glyphs


def test_matplotlib_renders_chinese_with_the_bundled_font(bare_matplotlib) -> None:
    family = register_matplotlib_font()
    assert family == FONT_FAMILY
    assert family in {f.name for f in bare_matplotlib.ttflist}
    assert matplotlib.rcParams["font.sans-serif"][0] == family
    assert matplotlib.rcParams["axes.unicode_minus"] is False
    glyphs, used = _draw_title(TITLE)
    assert glyphs == []
    assert Path(used) == bundled_font_path()


def test_registering_twice_adds_the_font_once(bare_matplotlib) -> None:
    register_matplotlib_font()
    register_matplotlib_font()
    ours = [f for f in bare_matplotlib.ttflist if Path(f.fname) == bundled_font_path()]
    assert len({(f.name, f.weight) for f in ours}) == len(ours)


def test_bundled_copy_wins_over_a_system_copy_of_the_same_family() -> None:
    with matplotlib.rc_context():
        register_matplotlib_font()
        glyphs, used = _draw_title(TITLE)
    assert glyphs == []
    assert Path(used) == bundled_font_path()


def test_qt_application_font_is_the_bundled_family(qapp) -> None:
    from PySide6.QtGui import QFontDatabase, QFontInfo, QRawFont

    from desktop.ui.fonts import install_qt_font

    family = install_qt_font(qapp)
    assert family == FONT_FAMILY
    assert family in QFontDatabase.families()
    font = qapp.font()
    assert font.families()[0] == family
    assert QFontInfo(font).family() == family
    raw = QRawFont.fromFont(font)
    # ord(): PySide6 converts a one-character str argument to QChar unreliably.
    assert all(raw.supportsCharacter(ord(ch)) for ch in "测算台符合待补数据")

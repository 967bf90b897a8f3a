"""tools/screenshot.py writes a PNG of the window with data (demo portfolio, offscreen)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import importlib.util
from pathlib import Path

from PySide6.QtGui import QImage

TOOL = Path(__file__).resolve().parents[1] / "tools" / "screenshot.py"


def test_screenshot_tool_writes_a_png(qapp, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("POLICYDESK_HOME", str(tmp_path / "home"))
    spec = importlib.util.spec_from_file_location("screenshot_tool", TOOL)
    assert spec is not None and spec.loader is not None
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    out = tmp_path / "shot.png"
    assert tool.main([str(out), "--demo", "--size", "1000x600", "--as-of", "2025-06-30"]) == 0
    image = QImage(str(out))
    assert not image.isNull()
    assert (image.width(), image.height()) == (1000, 600)


def _tool():
    spec = importlib.util.spec_from_file_location("screenshot_tool", TOOL)
    assert spec is not None and spec.loader is not None
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    return tool


def test_screenshot_tool_captures_the_new_screens(qapp, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("POLICYDESK_HOME", str(tmp_path / "home"))
    tool = _tool()
    sizes = {}
    for screen in ("start", "export", "scenarios"):
        out = tmp_path / f"{screen}.png"
        args = [str(out), "--screen", screen, "--size", "1200x760", "--as-of", "2025-06-30"]
        assert tool.main(args) == 0
        image = QImage(str(out))
        assert not image.isNull()
        sizes[screen] = (image.width(), image.height())
    assert sizes["start"] == sizes["scenarios"] == (1200, 760)
    assert 400 < sizes["export"][0] < 1200  # the dialog alone

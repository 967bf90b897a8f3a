"""The core, the spreadsheet I/O, the exporters and the export process never import Qt;
the batch path runs headless."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
HEADLESS_PACKAGES = (
    "desktop/core",
    "desktop/spreadsheet",
    "desktop/export",
    "desktop/briefing",
    "desktop/jobs",
)
QT_MODULES = (
    "PySide6",
    "shiboken6",
    "PyQt5",
    "PyQt6",
    "matplotlib.backends.backend_qt",
    "matplotlib.backends.backend_qtagg",
    "desktop.ui",
)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_qt_import_in_headless_packages() -> None:
    offenders = []
    for package in HEADLESS_PACKAGES:
        for path in (REPO / package).rglob("*.py"):
            for name in _imports(path):
                if name.startswith(QT_MODULES):
                    offenders.append(f"{path.relative_to(REPO)} imports {name}")
    assert offenders == []


def test_headless_modules_load_without_pulling_in_qt() -> None:
    modules = sorted(
        ".".join(p.relative_to(REPO).with_suffix("").parts)
        for package in HEADLESS_PACKAGES
        for p in (REPO / package).rglob("*.py")
        if p.name != "__init__.py"
    ) + ["desktop.cli"]
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == ""

"""The window's Qt-free modules (desktop/ui/*_data.py) and the text layer (desktop/i18n.py)
import and work where PySide6 cannot be imported at all."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DATA_MODULES = sorted(f"desktop.ui.{p.stem}" for p in (REPO / "desktop" / "ui").glob("*_data.py"))
#: Set before anything is imported: ``import PySide6`` (direct or transitive) then raises.
_NO_QT = "import sys\nfor _name in ('PySide6', 'shiboken6'):\n    sys.modules[_name] = None\n"


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", _NO_QT + code], cwd=REPO, capture_output=True, text=True
    )


def test_the_data_modules_are_the_five_expected() -> None:
    assert DATA_MODULES == [
        "desktop.ui.import_data",
        "desktop.ui.library_data",
        "desktop.ui.param_data",
        "desktop.ui.scenario_data",
        "desktop.ui.table_data",
    ]


def test_blocking_pyside6_really_blocks_it() -> None:
    """The harness itself: a module that needs Qt fails to import under it."""
    out = _run("import desktop.ui.i18n\n")
    assert out.returncode != 0
    assert "PySide6" in out.stderr


@pytest.mark.parametrize("module", DATA_MODULES + ["desktop.i18n"])
def test_module_imports_without_pyside6(module: str) -> None:
    out = _run(
        f"import importlib\nimportlib.import_module({module!r})\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))"
        " and sys.modules[m] is not None)\n"
        "print(','.join(loaded))\n"
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ""


def test_the_text_layer_speaks_both_languages_without_qt() -> None:
    out = _run(
        "from desktop import i18n\n"
        "print(i18n.text('menu.file', 'en'))\n"
        "i18n.set_language('en')\n"
        "print(i18n.tr('status.measures', shown=3, n=34))\n"
        "from desktop.ui.table_data import short_number\n"
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == ["&File", "3 of 34 measures shown"]


def test_the_text_layer_sits_at_the_bottom() -> None:
    """desktop/i18n.py imports nothing from desktop but errors.py and paths.py."""
    tree = ast.parse((REPO / "desktop" / "i18n.py").read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            names.add(("." * node.level) + (node.module or ""))
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    internal = {n for n in names if n.startswith(("desktop", "."))}
    assert internal <= {"desktop.errors", "desktop.paths"}


def test_lookup_rules() -> None:
    """Unknown keys show themselves, coded values fall back to themselves, bad fields do
    not raise, and anything but "en" reads Chinese (as the exports always did)."""
    from desktop import i18n

    assert i18n.text("no.such.key", "en") == "no.such.key"
    assert i18n.text("status.measures", "en", shown=1) == "{shown} of {n} measures shown"
    assert i18n.text("library.status.in_force", "en") == "in force"
    assert i18n.text("library.status.in_force", "fr") == "有效"
    assert i18n.label("library.status", "in_force", "zh") == "有效"
    assert i18n.label("library.status", "repealed", "en") == "repealed"
    assert i18n.catalogue()["export.sheet.summary"] == i18n.Entry("汇总", "Summary")
    with pytest.raises(ValueError):
        i18n.set_language("fr")

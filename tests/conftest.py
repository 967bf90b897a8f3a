"""Shared fixtures. Qt tests set QT_QPA_PLATFORM=offscreen themselves; so does .ci/run."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Settings, logs and user policy packs of the test run stay out of the real user folder.
os.environ["POLICYDESK_HOME"] = tempfile.mkdtemp(prefix="policydesk-test-home-")

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from desktop.core.catalogue import Catalogue, load_catalogue  # noqa: E402


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return load_catalogue(REPO / "policies")


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Messages the window would have shown in a critical box (the box itself is patched)."""
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "critical", staticmethod(lambda parent, title, text, *a: shown.append(text))
    )
    return shown


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh user folder (settings, autosave, logs) for one test."""
    path = tmp_path / "home"
    monkeypatch.setenv("POLICYDESK_HOME", str(path))
    return path


@pytest.fixture(autouse=True)
def keep_parameters_asked(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The window asks before other data is read while parameters are changed; in tests
    no modal box opens: the question is recorded (how many parameters) and answered 保留.
    Test modules import the window at collection, before any fixture runs."""
    asked: list[int] = []
    opening = sys.modules.get("desktop.ui.opening")
    if opening is not None:

        def keep(_parent: object, n: int) -> bool:
            asked.append(n)
            return True

        monkeypatch.setattr(opening, "ask_keep_parameters", keep)
    return asked

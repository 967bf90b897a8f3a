"""One place that finds the bundled assets, from a source checkout, a wheel or a frozen bundle.

Installed wheels carry ``policies/`` and ``resources/`` under ``desktop/_data/``; a source
checkout keeps them at the repository's top level; a PyInstaller bundle unpacks them under
``sys._MEIPASS``. Every other module asks this one.
"""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def _candidates(name: str) -> list[Path]:
    found: list[Path] = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        found.append(Path(bundle) / "desktop" / "_data" / name)
        found.append(Path(bundle) / name)
    found.append(_PACKAGE_DIR / "_data" / name)
    found.append(_PACKAGE_DIR.parent / name)
    return found


@cache
def data_dir(name: str) -> Path:
    """Directory of a bundled asset tree (``"policies"`` or ``"resources"``)."""
    for path in _candidates(name):
        if path.is_dir():
            return path
    tried = ", ".join(str(p) for p in _candidates(name))
    raise FileNotFoundError(f"PolicyDesk cannot find its {name}/ folder (looked in {tried})")


def policies_dir() -> Path:
    return data_dir("policies")


def resources_dir() -> Path:
    return data_dir("resources")


def sample_portfolio() -> Path:
    return resources_dir() / "samples" / "sample_portfolio.xlsx"


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


def user_data_dir() -> Path:
    """Per-user folder for settings, logs, autosave and user policy packs."""
    override = os.environ.get("POLICYDESK_HOME")
    if override:
        base = Path(override)
    elif sys.platform == "win32":
        base = Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming")) / "PolicyDesk"
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support" / "PolicyDesk"
    else:
        base = (
            Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share")) / "policydesk"
        )
    return base


def user_policy_dir() -> Path:
    """Where an analyst drops extra policy packs (one YAML file per document)."""
    return user_data_dir() / "policies"

"""The analyst's settings: typed, versioned, stored as JSON in the user's data folder. No Qt.

``settings.json`` holds a :class:`Settings` with a ``version``. Older files are brought up
to date by :func:`migrate` one version at a time; a file that cannot be read gives the
defaults (settings are a convenience and must never stop the program from starting).
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from desktop.errors import OutputFileError
from desktop.paths import user_data_dir
from desktop.project import write_json_atomic

log = logging.getLogger(__name__)

SETTINGS_VERSION = 3
RECENT_LIMIT = 10
FILE_NAME = "settings.json"


@dataclass
class Settings:
    version: int = SETTINGS_VERSION
    language: str = "zh"
    last_folder: str | None = None
    recent_files: list[str] = field(default_factory=list)
    recent_projects: list[str] = field(default_factory=list)
    window_geometry: str | None = None  # base64 of QWidget.saveGeometry()
    window_state: str | None = None  # base64 of QMainWindow.saveState() (docks)
    splitter_state: str | None = None  # base64 of the results splitter's saveState()
    last_clean_exit: float | None = None  # POSIX time of the last clean exit
    # When each recent file or project was last opened (POSIX time), by path; version 3.
    recent_opened: dict[str, float] = field(default_factory=dict)

    def add_recent_file(self, path: str | Path, when: float | None = None) -> None:
        self.recent_files = add_recent(self.recent_files, path)
        self._opened(path, when)

    def add_recent_project(self, path: str | Path, when: float | None = None) -> None:
        self.recent_projects = add_recent(self.recent_projects, path)
        self._opened(path, when)

    def forget_recent(self, path: str | Path) -> None:
        """Drop ``path`` from both recent lists (a file that is gone)."""
        text = str(path)
        self.recent_files = [e for e in self.recent_files if e != text]
        self.recent_projects = [e for e in self.recent_projects if e != text]
        self.recent_opened.pop(text, None)

    def clear_recent(self) -> None:
        self.recent_files = []
        self.recent_projects = []
        self.recent_opened = {}

    def opened_at(self, path: str | Path) -> float | None:
        """When ``path`` was last opened (POSIX time); None if not recorded (older settings)."""
        return self.recent_opened.get(str(path))

    def _opened(self, path: str | Path, when: float | None) -> None:
        self.last_folder = str(Path(path).parent)
        self.recent_opened[str(path)] = time.time() if when is None else float(when)
        kept = set(self.recent_files) | set(self.recent_projects)
        self.recent_opened = {k: v for k, v in self.recent_opened.items() if k in kept}


def add_recent(entries: list[str], path: str | Path, limit: int = RECENT_LIMIT) -> list[str]:
    """``path`` first, without duplicates, at most ``limit`` entries."""
    text = str(path)
    return [text, *(e for e in entries if e != text)][:limit]


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """Bring a stored settings dict to :data:`SETTINGS_VERSION`.

    Version 1 (unversioned files count as 1) kept one ``recent`` list mixing spreadsheets
    and projects; version 2 keeps them apart; version 3 adds ``recent_opened`` (when each
    recent entry was last opened; unknown for entries carried over).
    """
    data = dict(data)
    version = data.get("version", 1)
    if not isinstance(version, int) or version < 1:
        version = 1
    if version == 1:
        recent = [str(p) for p in data.pop("recent", []) or []]
        data.setdefault("recent_files", [p for p in recent if not p.endswith(".pdesk")])
        data.setdefault("recent_projects", [p for p in recent if p.endswith(".pdesk")])
        version = 2
    if version == 2:
        data.setdefault("recent_opened", {})
        version = 3
    data["version"] = version
    return data


def settings_path() -> Path:
    return user_data_dir() / FILE_NAME


def from_dict(data: dict[str, Any]) -> Settings:
    data = migrate(data)
    known = {f.name for f in fields(Settings)}
    values = {k: v for k, v in data.items() if k in known}
    settings = Settings(**values)
    if settings.language not in ("zh", "en"):
        settings.language = "zh"
    settings.recent_files = [str(p) for p in settings.recent_files or []][:RECENT_LIMIT]
    settings.recent_projects = [str(p) for p in settings.recent_projects or []][:RECENT_LIMIT]
    opened = settings.recent_opened if isinstance(settings.recent_opened, dict) else {}
    settings.recent_opened = {}
    for key, value in opened.items():
        try:
            settings.recent_opened[str(key)] = float(value)
        except (TypeError, ValueError):
            continue
    return settings


def load_settings(path: Path | None = None) -> Settings:
    path = path or settings_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise ValueError("settings must be a JSON object")
        if isinstance(data.get("version"), int) and data["version"] > SETTINGS_VERSION:
            log.warning("settings %s are from a newer version; using defaults", path)
            return Settings()
        return from_dict(data)
    except FileNotFoundError:
        return Settings()
    except (OSError, ValueError, TypeError):
        log.warning("cannot read settings %s; using defaults", path, exc_info=True)
        return Settings()


def save_settings(settings: Settings, path: Path | None = None) -> None:
    path = path or settings_path()
    try:
        write_json_atomic(path, asdict(settings))
    except (OSError, OutputFileError):
        log.warning("cannot write settings %s", path, exc_info=True)


__all__ = [
    "SETTINGS_VERSION",
    "Settings",
    "add_recent",
    "from_dict",
    "load_settings",
    "migrate",
    "save_settings",
    "settings_path",
]

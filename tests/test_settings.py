"""Typed, versioned settings in the user's data folder; no Qt."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from desktop.settings import (
    SETTINGS_VERSION,
    Settings,
    add_recent,
    from_dict,
    load_settings,
    migrate,
    save_settings,
    settings_path,
)

REPO = Path(__file__).resolve().parents[1]


def test_defaults_when_missing_or_broken(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("POLICYDESK_HOME", str(tmp_path))
    assert load_settings() == Settings()
    settings_path().write_text("{broken", encoding="utf-8")
    assert load_settings() == Settings()
    settings_path().write_text('{"version": 99, "language": "en"}', encoding="utf-8")
    assert load_settings() == Settings()


def test_round_trip(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("POLICYDESK_HOME", str(tmp_path))
    settings = Settings(language="en", window_geometry="AAEC", last_clean_exit=12.5)
    settings.add_recent_file(tmp_path / "a.xlsx")
    settings.add_recent_project(tmp_path / "p.pdesk")
    save_settings(settings)
    assert settings_path() == tmp_path / "settings.json"
    data = json.loads(settings_path().read_text(encoding="utf-8"))
    assert data["version"] == SETTINGS_VERSION
    loaded = load_settings()
    assert loaded == settings
    assert loaded.last_folder == str(tmp_path)


def test_migration_from_version_1() -> None:
    old = {"language": "en", "recent": ["/a.xlsx", "/b.pdesk", "/c.csv"], "extra": 1}
    data = migrate(old)
    assert data["version"] == SETTINGS_VERSION
    assert data["recent_files"] == ["/a.xlsx", "/c.csv"]
    assert data["recent_projects"] == ["/b.pdesk"]
    assert "recent" not in data


def test_unknown_keys_and_bad_language_are_tolerated(tmp_path) -> None:
    path = tmp_path / "s.json"
    path.write_text(
        json.dumps({"version": 2, "language": "fr", "future_key": True}), encoding="utf-8"
    )
    assert load_settings(path).language == "zh"


def test_recent_list_is_unique_newest_first_and_bounded() -> None:
    entries: list[str] = []
    for i in range(15):
        entries = add_recent(entries, f"/f{i}.xlsx")
    entries = add_recent(entries, "/f10.xlsx")
    assert entries[0] == "/f10.xlsx" and len(entries) == 10
    assert entries.count("/f10.xlsx") == 1


def test_settings_module_imports_without_qt() -> None:
    code = (
        "import sys, desktop.settings\n"
        "print(','.join(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == ""


def test_migration_from_version_2_keeps_the_recent_lists() -> None:
    old = {"version": 2, "recent_files": ["/a.xlsx"], "recent_projects": ["/p.pdesk"]}
    data = migrate(old)
    assert data["version"] == SETTINGS_VERSION == 3
    assert data["recent_opened"] == {}
    settings = from_dict(old)
    assert settings.recent_files == ["/a.xlsx"] and settings.recent_projects == ["/p.pdesk"]
    assert settings.opened_at("/a.xlsx") is None  # not recorded before version 3


def test_recent_entries_remember_when_they_were_opened(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("POLICYDESK_HOME", str(tmp_path))
    settings = Settings()
    settings.add_recent_file("/data/a.xlsx", when=1_700_000_000.0)
    settings.add_recent_project("/data/p.pdesk", when=1_700_000_100.0)
    settings.add_recent_file("/data/a.xlsx", when=1_700_000_200.0)
    assert settings.opened_at("/data/a.xlsx") == 1_700_000_200.0
    save_settings(settings)
    loaded = load_settings()
    assert loaded.opened_at("/data/p.pdesk") == 1_700_000_100.0
    loaded.forget_recent("/data/a.xlsx")
    assert loaded.recent_files == [] and loaded.opened_at("/data/a.xlsx") is None
    for i in range(12):  # times of entries that fell off the list are dropped too
        loaded.add_recent_file(f"/f{i}.xlsx", when=float(i))
    assert set(loaded.recent_opened) == {*loaded.recent_files, *loaded.recent_projects}
    loaded.clear_recent()
    assert loaded.recent_opened == {} and loaded.recent_projects == []


def test_bad_opened_times_are_dropped(tmp_path) -> None:
    path = tmp_path / "s.json"
    path.write_text(
        json.dumps({"version": 3, "recent_opened": {"/a.xlsx": "soon", "/b.xlsx": 5}}),
        encoding="utf-8",
    )
    assert load_settings(path).recent_opened == {"/b.xlsx": 5.0}

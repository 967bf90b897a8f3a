"""The .pdesk project file: round trip, validation, atomic writes, autosave; no Qt."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.project import (
    FORMAT,
    VERSION,
    Project,
    ProjectError,
    autosave_path,
    clear_autosave,
    load_project,
    read_autosave,
    save_project,
    sha256_file,
    write_autosave,
)

REPO = Path(__file__).resolve().parents[1]


def _project(tmp_path: Path) -> Project:
    source = tmp_path / "名单.csv"
    source.write_text("统一社会信用代码,企业名称\n", encoding="utf-8")
    return Project(
        input_path=source,
        input_sha256=sha256_file(source),
        as_of=dt.date(2025, 6, 30),
        overrides={"jjr-2022-190.16.ratio": "0.5"},
        language="zh",
        scenarios=["基准"],
    )


def test_round_trip_and_schema(tmp_path) -> None:
    project = _project(tmp_path)
    path = save_project(project, tmp_path / "a.pdesk")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == FORMAT and data["version"] == VERSION
    assert data["input"] == {"path": str(project.input_path), "sha256": project.input_sha256}
    assert data["as_of"] == "2025-06-30"
    assert data["overrides"] == {"jjr-2022-190.16.ratio": "0.5"}
    assert data["language"] == "zh" and data["scenarios"] == ["基准"]
    assert load_project(path) == project
    assert not load_project(path).input_changed()


def test_input_change_is_detected(tmp_path) -> None:
    project = _project(tmp_path)
    assert project.input_path is not None
    project.input_path.write_text("changed", encoding="utf-8")
    assert project.input_changed()
    project.input_path.unlink()
    assert project.input_changed()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json", "not valid JSON"),
        ('{"format": "other"}', "not a PolicyDesk project"),
        ('{"format": "policydesk-project", "version": 99, "as_of": "2025-01-01"}', "newer"),
        ('{"format": "policydesk-project", "version": 1, "as_of": "soon"}', "as_of"),
        (
            '{"format": "policydesk-project", "version": 1, "as_of": "2025-01-01", '
            '"overrides": []}',
            "overrides",
        ),
    ],
)
def test_bad_files_give_clear_errors(tmp_path, content, message) -> None:
    path = tmp_path / "bad.pdesk"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ProjectError, match=message):
        load_project(path)


def test_relative_input_is_resolved_next_to_the_project(tmp_path) -> None:
    project = _project(tmp_path)
    project.input_path = Path("名单.csv")
    path = save_project(project, tmp_path / "rel.pdesk")
    assert load_project(path).input_path == (tmp_path / "名单.csv").resolve()


def test_a_failed_write_keeps_the_old_file(tmp_path, monkeypatch) -> None:
    project = _project(tmp_path)
    path = save_project(project, tmp_path / "a.pdesk")
    before = path.read_text(encoding="utf-8")

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("desktop.project.os.replace", broken)
    with pytest.raises(ProjectError):
        save_project(Project(None, None, dt.date(2020, 1, 1)), path)
    assert path.read_text(encoding="utf-8") == before
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".tmp"] == []


def test_autosave_lives_in_the_user_folder(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("POLICYDESK_HOME", str(tmp_path / "home"))
    assert read_autosave() is None
    project = _project(tmp_path)
    path = write_autosave(project)
    assert path == autosave_path() == tmp_path / "home" / "autosave" / "autosave.pdesk"
    assert read_autosave() == project
    assert read_autosave(newer_than=path.stat().st_mtime + 1) is None
    clear_autosave()
    assert read_autosave() is None
    clear_autosave()  # twice is fine


def test_project_module_imports_without_qt() -> None:
    code = (
        "import sys, desktop.project\n"
        "print(','.join(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == ""

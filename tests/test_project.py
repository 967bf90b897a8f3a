"""The .pdesk project file: round trip, validation, atomic writes, autosave; no Qt."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.core.fields import Table
from desktop.core.scenarios import Scenario
from desktop.project import (
    FORMAT,
    VERSION,
    InputFile,
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
from desktop.spreadsheet.mapping import (
    MappingProfile,
    ProfileColumn,
    headers_signature,
    to_profile,
)

REPO = Path(__file__).resolve().parents[1]
RATIO = "jjr-2022-190.16.ratio"
ALTERNATIVE = Scenario(
    name="贴息比例50%",
    as_of=dt.date(2025, 12, 31),
    overrides={RATIO: "0.5"},
    measure_ids=("jjr-2022-190.16",),
    note="试算",
)


def _mapping() -> MappingProfile:
    return MappingProfile(
        name="",
        sheets={Table.ENTERPRISES: "名单"},
        columns={
            Table.ENTERPRISES: [
                ProfileColumn("统一社会信用代码", "uscc"),
                ProfileColumn("企业名称", "name"),
                ProfileColumn("营业收入（万元）", "revenue", "万元"),
                ProfileColumn("备注", None),
            ]
        },
        signature="名单\t统一社会信用代码\t企业名称",
    )


def _project(tmp_path: Path) -> Project:
    source = tmp_path / "名单.csv"
    source.write_text("统一社会信用代码,企业名称\n", encoding="utf-8")
    return Project(
        input_path=source,
        input_sha256=sha256_file(source),
        as_of=dt.date(2025, 6, 30),
        overrides={"jjr-2022-190.16.ratio": "0.5"},
        language="zh",
        scenarios=[ALTERNATIVE],
        mapping=_mapping(),
        header_rows={"enterprises": [3]},
    )


def test_round_trip_and_schema(tmp_path) -> None:
    project = _project(tmp_path)
    path = save_project(project, tmp_path / "a.pdesk")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == FORMAT and data["version"] == VERSION
    assert data["inputs"] == [{"path": str(project.input_path), "sha256": project.input_sha256}]
    assert data["as_of"] == "2025-06-30"
    assert data["overrides"] == {"jjr-2022-190.16.ratio": "0.5"}
    assert data["language"] == "zh"
    assert data["scenarios"] == [
        {
            "name": "贴息比例50%",
            "as_of": "2025-12-31",
            "overrides": {RATIO: "0.5"},
            "measures": ["jjr-2022-190.16"],
            "note": "试算",
        }
    ]
    table = data["mapping"]["tables"]["enterprises"]
    assert table["sheet"] == "名单" and table["header_rows"] == [3]
    assert table["columns"][2] == {"header": "营业收入（万元）", "field": "revenue", "unit": "万元"}
    assert table["columns"][3] == {"header": "备注", "field": None}
    loaded = load_project(path)
    assert loaded == project
    assert loaded.mapping == _mapping() and loaded.header_rows == {"enterprises": [3]}
    assert loaded.scenarios[0].measure_ids == ("jjr-2022-190.16",)
    assert not loaded.input_changed()


def test_version_1_files_still_load(tmp_path) -> None:
    """A file written before mappings and scenarios were stored: names become alternatives."""
    old = {
        "format": "policydesk-project",
        "version": 1,
        "input": {"path": str(tmp_path / "名单.csv"), "sha256": None},
        "as_of": "2025-06-30",
        "overrides": {RATIO: "0.4"},
        "language": "en",
        "scenarios": ["乐观"],
    }
    path = tmp_path / "old.pdesk"
    path.write_text(json.dumps(old, ensure_ascii=False), encoding="utf-8")
    project = load_project(path)
    assert project.overrides == {RATIO: "0.4"} and project.language == "en"
    assert project.mapping is None and project.header_rows == {}
    assert [(s.name, s.as_of, dict(s.overrides)) for s in project.scenarios] == [
        ("乐观", dt.date(2025, 6, 30), {})
    ]
    del old["scenarios"]
    path.write_text(json.dumps(old), encoding="utf-8")
    assert load_project(path).scenarios == []
    # Saving writes the current version, which loads back the same.
    again = save_project(project, tmp_path / "new.pdesk")
    assert json.loads(again.read_text(encoding="utf-8"))["version"] == VERSION == 3
    assert load_project(again) == project


def test_mapping_survives_the_reader(tmp_path) -> None:
    """The stored profile is what the reader applies: the same columns, no guessing."""
    from desktop.spreadsheet.reader import read_workbook

    source = tmp_path / "名单.csv"
    source.write_text(
        "统一社会信用代码,企业名称,营业收入（万元）,备注\n91110108MA01ABCD1X,北京星云,5000,无\n",
        encoding="utf-8",
    )
    auto = read_workbook(source).mapping
    profile = to_profile(auto)
    project = Project(source, sha256_file(source), dt.date(2025, 6, 30), mapping=profile)
    loaded = load_project(save_project(project, tmp_path / "m.pdesk"))
    assert loaded.mapping == profile
    result = read_workbook(source, mapping=loaded.mapping)
    assert headers_signature(result.mapping) == headers_signature(auto)
    fields = {c.header: c.field for c in result.mapping.tables[Table.ENTERPRISES].columns}
    assert fields == {c.header: c.field for c in auto.tables[Table.ENTERPRISES].columns}


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
        (
            '{"format": "policydesk-project", "version": 2, "as_of": "2025-01-01", '
            '"scenarios": [{"name": "a", "as_of": "2025-01-01"}, '
            '{"name": "a", "as_of": "2025-01-01"}]}',
            "duplicate scenario",
        ),
        (
            '{"format": "policydesk-project", "version": 2, "as_of": "2025-01-01", '
            '"scenarios": [{"name": "a", "as_of": "someday"}]}',
            "scenario is invalid",
        ),
        (
            '{"format": "policydesk-project", "version": 2, "as_of": "2025-01-01", '
            '"mapping": {"tables": {"nonsense": {}}}}',
            "unknown table",
        ),
        (
            '{"format": "policydesk-project", "version": 2, "as_of": "2025-01-01", '
            '"mapping": {"tables": {"enterprises": {"columns": [{"header": "x", '
            '"field": "no_such_field"}]}}}}',
            "unknown field",
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
    assert [p.name for p in tmp_path.iterdir() if ".tmp" in p.name] == []  # no temporary left


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


def test_several_input_files_round_trip_and_each_is_checked(tmp_path) -> None:
    """A session read from several files (an enterprises + loans pair) stores every file with
    its SHA-256; a change to any one of them, or its absence, is noticed."""
    project = _project(tmp_path)
    loans = tmp_path / "贷款.csv"
    loans.write_text("借据号,统一社会信用代码\n", encoding="utf-8")
    project.more_inputs = (InputFile(loans, sha256_file(loans)),)
    path = save_project(project, tmp_path / "pair.pdesk")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert [item["path"] for item in data["inputs"]] == [str(project.input_path), str(loans)]
    loaded = load_project(path)
    assert loaded == project and [f.path for f in loaded.inputs][1] == loans
    assert loaded.changed_inputs() == [] and loaded.missing_inputs() == []
    loans.write_text("changed", encoding="utf-8")
    assert loaded.changed_inputs() == [loans] and loaded.input_changed()
    loans.unlink()
    assert loaded.missing_inputs() == [loans] and loaded.changed_inputs() == [loans]


def test_version_2_single_input_and_relative_paths_still_load(tmp_path) -> None:
    old = {
        "format": "policydesk-project",
        "version": 2,
        "input": {"path": "名单.csv", "sha256": "ab"},
        "as_of": "2025-06-30",
    }
    path = tmp_path / "v2.pdesk"
    path.write_text(json.dumps(old, ensure_ascii=False), encoding="utf-8")
    project = load_project(path)
    assert project.inputs == (InputFile((tmp_path / "名单.csv").resolve(), "ab"),)
    rel = {**old, "version": 3, "inputs": [{"path": "a.csv"}, {"path": "sub/b.csv"}]}
    del rel["input"]
    path.write_text(json.dumps(rel), encoding="utf-8")
    assert [f.path for f in load_project(path).inputs] == [
        (tmp_path / "a.csv").resolve(),
        (tmp_path / "sub" / "b.csv").resolve(),
    ]


@pytest.mark.parametrize(
    ("inputs", "message"),
    [
        ("a.csv", "'inputs' must be a list"),
        ([{"sha256": "x"}], "inputs[0] needs a 'path'"),
        ([{"path": "a.csv", "sha256": 5}], "inputs[0].sha256 must be text"),
    ],
)
def test_bad_inputs_are_named(tmp_path, inputs, message) -> None:
    path = tmp_path / "bad.pdesk"
    data = {"format": FORMAT, "version": 3, "inputs": inputs, "as_of": "2025-06-30"}
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ProjectError, match=message.replace("[", r"\[").replace("]", r"\]")):
        load_project(path)

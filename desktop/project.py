"""The ``.pdesk`` project file and the autosave copy, without Qt.

A project is what an analyst would otherwise redo by hand: which input files (path and
SHA-256 of each, to notice when one changed; several when they were read together, e.g. an
enterprises.csv + loans.csv pair or one workbook per bank), the as-of date, the parameter
overrides (the baseline), the language, how the list's columns were read (the import mapping
the analyst confirmed, so reopening does not ask again) and the alternative scenarios.
JSON, versioned::

    {"format": "policydesk-project", "version": 3,
     "inputs": [{"path": "…/名单.xlsx", "sha256": "…"}, {"path": "…/贷款.csv", "sha256": "…"}],
     "as_of": "2025-06-30", "overrides": {"jjr-2022-190.16.ratio": "0.5"},
     "language": "zh",
     "mapping": {"name": "", "signature": "…",
                 "tables": {"enterprises": {"sheet": "名单", "header_rows": [3],
                                            "columns": [{"header": "企业名称",
                                                         "field": "name"}, …]}}},
     "scenarios": [{"name": "贴息比例50%", "as_of": "2025-12-31",
                    "overrides": {"jjr-2022-190.16.ratio": "0.5"},
                    "measures": ["jjr-2022-190.16"]}]}

Older files still load: version 2 has one ``"input": {"path", "sha256"}`` instead of
``inputs``; version 1 has no ``mapping`` and ``scenarios`` a list of names (a name becomes
an alternative with the project's date and no overrides). Relative paths are read against
the project file's folder.

Writes are atomic (:func:`desktop.files.atomic_output`: a temporary file in the same
folder, then ``os.replace``), so a crash while saving leaves the previous file intact.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.errors import DesktopError, OutputFileError
from desktop.files import atomic_output
from desktop.paths import user_data_dir

if TYPE_CHECKING:
    from desktop.core.scenarios import Scenario
    from desktop.spreadsheet.mapping import MappingProfile

FORMAT = "policydesk-project"
VERSION = 3
SUFFIX = ".pdesk"
AUTOSAVE_NAME = "autosave" + SUFFIX


class ProjectError(DesktopError):
    """A project file cannot be read or written."""


@dataclass(frozen=True)
class InputFile:
    """One file the session read; ``sha256`` None when it was not recorded."""

    path: Path
    sha256: str | None = None


@dataclass
class Project:
    input_path: Path | None  # the first (or only) input file
    input_sha256: str | None
    as_of: dt.date
    overrides: dict[str, str] = field(default_factory=dict)
    language: str = "zh"
    scenarios: list[Scenario] = field(default_factory=list)  # the alternatives
    mapping: MappingProfile | None = None  # how the input's columns are read
    header_rows: dict[str, list[int]] = field(default_factory=dict)  # table → Excel rows
    more_inputs: tuple[InputFile, ...] = ()  # the other files read together with the first

    @property
    def inputs(self) -> tuple[InputFile, ...]:
        """Every input file, the first one first (empty when there is none)."""
        if self.input_path is None:
            return ()
        return (InputFile(self.input_path, self.input_sha256), *self.more_inputs)

    def to_dict(self) -> dict[str, Any]:
        from desktop.core.scenarios import scenario_to_dict

        return {
            "format": FORMAT,
            "version": VERSION,
            "inputs": [{"path": str(f.path), "sha256": f.sha256} for f in self.inputs],
            "as_of": self.as_of.isoformat(),
            "overrides": dict(sorted(self.overrides.items())),
            "language": self.language,
            "mapping": (
                mapping_to_dict(self.mapping, self.header_rows)
                if self.mapping is not None
                else None
            ),
            "scenarios": [scenario_to_dict(s) for s in self.scenarios],
        }

    @classmethod
    def from_dict(cls, data: Any, where: str = "project") -> Project:
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ProjectError(f"{where}: not a PolicyDesk project file (项目文件格式不符)")
        version = data.get("version")
        if not isinstance(version, int) or version < 1:
            raise ProjectError(f"{where}: missing or invalid version")
        if version > VERSION:
            raise ProjectError(
                f"{where}: written by a newer PolicyDesk (project version {version}); "
                "please update (项目文件由更新版本保存，请升级)"
            )
        inputs = _inputs_from(data, where)
        try:
            as_of = dt.date.fromisoformat(str(data.get("as_of")))
        except ValueError:
            raise ProjectError(f"{where}: 'as_of' is not a date (YYYY-MM-DD)") from None
        overrides = data.get("overrides")
        overrides = {} if overrides is None else overrides
        if not isinstance(overrides, dict):
            raise ProjectError(f"{where}: 'overrides' must be an object")
        scenarios = data.get("scenarios")
        scenarios = [] if scenarios is None else scenarios
        if not isinstance(scenarios, list):
            raise ProjectError(f"{where}: 'scenarios' must be a list")
        language = data.get("language") or "zh"
        mapping, header_rows = mapping_from_dict(data.get("mapping"), where)
        return cls(
            input_path=inputs[0].path if inputs else None,
            input_sha256=inputs[0].sha256 if inputs else None,
            more_inputs=tuple(inputs[1:]),
            as_of=as_of,
            overrides={str(k): str(v) for k, v in overrides.items()},
            language=language if language in ("zh", "en") else "zh",
            scenarios=_scenarios_from(scenarios, as_of, where),
            mapping=mapping,
            header_rows=header_rows,
        )

    def changed_inputs(self) -> list[Path]:
        """The input files whose content differs from when the project was saved (or that
        cannot be read any more); files saved without a SHA-256 are not checked."""
        changed: list[Path] = []
        for each in self.inputs:
            if each.sha256 is None:
                continue
            try:
                if sha256_file(each.path) != each.sha256:
                    changed.append(each.path)
            except OSError:
                changed.append(each.path)
        return changed

    def input_changed(self) -> bool:
        """True when any input file's content differs from when the project was saved."""
        return bool(self.changed_inputs())

    def missing_inputs(self) -> list[Path]:
        """The input files that are not there any more."""
        return [f.path for f in self.inputs if not f.path.is_file()]


def _inputs_from(data: dict[str, Any], where: str) -> list[InputFile]:
    """``inputs`` (version 3) or the single ``input`` of versions 1 and 2."""
    if "inputs" in data and data["inputs"] is not None:
        items = data["inputs"]
        if not isinstance(items, list):
            raise ProjectError(f"{where}: 'inputs' must be a list")
        key = "inputs"
    else:
        single = data.get("input") or {}
        if not isinstance(single, dict):
            raise ProjectError(f"{where}: 'input' must be an object")
        items = [single] if single.get("path") else []
        key = "input"
    out: list[InputFile] = []
    for i, item in enumerate(items):
        label = f"{key}[{i}]" if key == "inputs" else key
        if not isinstance(item, dict) or not isinstance(item.get("path"), str) or not item["path"]:
            raise ProjectError(f"{where}: {label} needs a 'path' (text)")
        sha = item.get("sha256")
        if sha is not None and not isinstance(sha, str):
            raise ProjectError(f"{where}: {label}.sha256 must be text")
        out.append(InputFile(Path(item["path"]), sha or None))
    return out


def _scenarios_from(items: list[Any], as_of: dt.date, where: str) -> list[Scenario]:
    """Alternatives from a project file; a bare name (version 1) keeps the project's date."""
    from pydantic import ValidationError

    from desktop.core.scenarios import scenarios_from

    plain: list[dict[str, Any]] = []
    for i, item in enumerate(items):
        if isinstance(item, str):
            plain.append({"name": item, "as_of": as_of.isoformat()})
        elif isinstance(item, dict):
            plain.append(item)
        else:
            raise ProjectError(f"{where}: scenarios[{i}] must be an object")
    try:
        out = scenarios_from(plain)
    except ValidationError as exc:
        details = exc.errors()
        key = ".".join(str(p) for p in details[0]["loc"]) if details else ""
        message = details[0]["msg"] if details else str(exc)
        raise ProjectError(f"{where}: a scenario is invalid ({key}: {message})") from None
    names = [s.name for s in out]
    for name in names:
        if names.count(name) > 1:
            raise ProjectError(f"{where}: duplicate scenario name '{name}'")
    return out


def mapping_to_dict(profile: MappingProfile, header_rows: dict[str, list[int]]) -> dict[str, Any]:
    """A mapping profile as plain data (the shape of a saved YAML profile, plus header rows)."""
    tables: dict[str, Any] = {}
    for table in {*profile.sheets, *profile.columns}:
        body: dict[str, Any] = {"sheet": profile.sheets.get(table)}
        if table.value in header_rows:
            body["header_rows"] = list(header_rows[table.value])
        if table in profile.columns:
            body["columns"] = [
                {"header": c.header, "field": c.field}
                | ({"unit": c.unit} if c.unit is not None else {})
                for c in profile.columns[table]
            ]
        tables[table.value] = body
    out: dict[str, Any] = {"name": profile.name, "tables": dict(sorted(tables.items()))}
    if profile.signature:
        out["signature"] = profile.signature
    return out


def mapping_from_dict(
    data: Any, where: str = "project"
) -> tuple[MappingProfile | None, dict[str, list[int]]]:
    """The profile and header rows stored by :func:`mapping_to_dict` (None: not stored)."""
    if data is None:
        return None, {}
    from desktop.core.fields import TABLES, Table
    from desktop.spreadsheet.mapping import MappingProfile, ProfileColumn

    if not isinstance(data, dict) or not isinstance(data.get("tables"), dict):
        raise ProjectError(f"{where}: 'mapping' must be an object with 'tables'")
    signature = data.get("signature")
    profile = MappingProfile(
        name=str(data.get("name") or ""),
        signature=signature if isinstance(signature, str) and signature else None,
    )
    header_rows: dict[str, list[int]] = {}
    for name, body in data["tables"].items():
        try:
            table = Table(name)
        except ValueError:
            raise ProjectError(f"{where}: mapping: unknown table '{name}'") from None
        if not isinstance(body, dict):
            raise ProjectError(f"{where}: mapping.tables.{name} must be an object")
        sheet = body.get("sheet")
        profile.sheets[table] = str(sheet) if sheet is not None else None
        rows = body.get("header_rows")
        if isinstance(rows, list) and all(isinstance(r, int) for r in rows):
            header_rows[name] = list(rows)
        if "columns" not in body:
            continue
        known = TABLES[table].by_name()
        columns: list[ProfileColumn] = []
        for i, item in enumerate(body.get("columns") or []):
            if not isinstance(item, dict) or "header" not in item:
                raise ProjectError(f"{where}: mapping.tables.{name}.columns[{i}] needs a header")
            target = item.get("field")
            if target is not None and target not in known:
                raise ProjectError(
                    f"{where}: mapping.tables.{name}.columns[{i}]: unknown field '{target}'"
                )
            unit = item.get("unit")
            columns.append(ProfileColumn(str(item["header"]), target, str(unit) if unit else None))
        profile.columns[table] = columns
    return profile, header_rows


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_json_atomic(path: Path, data: Any) -> None:
    """Write ``data`` as UTF-8 JSON to ``path`` via a temporary file and ``os.replace``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_output(path) as temp, temp.open("w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, indent=2)
        handle.write("\n")
        handle.flush()
        os.fsync(handle.fileno())


def save_project(project: Project, path: Path) -> Path:
    path = Path(path)
    try:
        write_json_atomic(path, project.to_dict())
    except OutputFileError as exc:  # locked, read-only or full: the old file is kept
        raise ProjectError(f"cannot save the project to {path}: {exc}") from exc
    except OSError as exc:
        raise ProjectError(f"cannot save the project to {path}: {exc.strerror or exc}") from exc
    return path


def load_project(path: Path) -> Project:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ProjectError(f"cannot read {path.name}: {exc.strerror or exc}") from exc
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise ProjectError(f"{path.name}: not valid JSON ({exc})") from None
    project = Project.from_dict(data, path.name)

    def anchored(p: Path) -> Path:
        return p if p.is_absolute() else (path.parent / p).resolve()

    if project.input_path is not None:
        project.input_path = anchored(project.input_path)
    project.more_inputs = tuple(InputFile(anchored(f.path), f.sha256) for f in project.more_inputs)
    return project


# -- autosave
def autosave_path() -> Path:
    return user_data_dir() / "autosave" / AUTOSAVE_NAME


def write_autosave(project: Project) -> Path:
    path = autosave_path()
    write_json_atomic(path, project.to_dict())
    return path


def read_autosave(newer_than: float | None = None) -> Project | None:
    """The autosaved project, if there is one (newer than ``newer_than``, a POSIX time)."""
    path = autosave_path()
    try:
        if newer_than is not None and path.stat().st_mtime <= newer_than:
            return None
        return load_project(path)
    except (OSError, ProjectError):
        return None


def clear_autosave() -> None:
    autosave_path().unlink(missing_ok=True)


__all__ = [
    "FORMAT",
    "SUFFIX",
    "VERSION",
    "InputFile",
    "Project",
    "ProjectError",
    "autosave_path",
    "clear_autosave",
    "load_project",
    "mapping_from_dict",
    "mapping_to_dict",
    "read_autosave",
    "save_project",
    "sha256_file",
    "write_autosave",
    "write_json_atomic",
]

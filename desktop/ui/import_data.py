"""What the import dialog shows and decides, Qt-free.

* :func:`needs_review`: whether an automatic mapping is certain enough to skip the dialog
  (every mapped column at confidence ≥ 0.95 and no required field missing);
* :func:`preview_sheets`: the first rows of every sheet, as text, for the preview tabs;
* profiles: saved mappings as YAML under ``user_data_dir()/mappings``;
* :func:`edited_profile`: the dialog's state (sheet per table, column → field) as a
  :class:`MappingProfile` for :func:`desktop.spreadsheet.read_workbook`;
* :func:`inspect_input`: the background read behind the dialog (mapping, issues, preview).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from desktop.core.fields import TABLES, Table
from desktop.core.portfolio import QualityIssue
from desktop.paths import user_data_dir
from desktop.spreadsheet.mapping import (
    ColumnMapping,
    MappingProfile,
    ProfileColumn,
    WorkbookMapping,
    find_profile,
    headers_signature,
    load_mapping,
    save_mapping,
)

CERTAIN = 0.95
PREVIEW_ROWS = 30
PREVIEW_COLUMNS = 60
PROFILE_SUFFIX = ".yaml"


def uncertain_columns(mapping: WorkbookMapping) -> list[tuple[Table, str]]:
    """(table, column letter) of every mapped column below :data:`CERTAIN`."""
    return [
        (table, c.letter)
        for table, cm in mapping.tables.items()
        for c in cm.columns
        if c.field is not None and c.confidence < CERTAIN
    ]


def needs_review(mapping: WorkbookMapping) -> bool:
    """True when the analyst should confirm the mapping before anything is evaluated."""
    if uncertain_columns(mapping):
        return True
    return any(cm.missing_required for cm in mapping.tables.values())


# --- preview ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SheetPreview:
    name: str
    rows: list[tuple[str, ...]]  # the first rows, every cell as text ("" for empty)
    width: int  # columns shown


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def preview_sheets(
    path: Path, rows: int = PREVIEW_ROWS, check: Callable[[], None] = lambda: None
) -> list[SheetPreview]:
    """The first ``rows`` rows of each sheet (a CSV is one sheet named after the file)."""
    from desktop.spreadsheet.engine import (
        OLE_MAGIC,
        ZIP_MAGIC,
        Sheet,
        csv_rows,
        load_workbook,
        read_bytes,
    )

    path = Path(path)
    data = read_bytes(path)
    if data.startswith((ZIP_MAGIC, OLE_MAGIC)):
        sheets = load_workbook(path, data, check)
    else:
        sheets = [Sheet(path.name, csv_rows(path, data))]
    out: list[SheetPreview] = []
    for sheet in sheets:
        head = [tuple(_text(v) for v in list(r)[:PREVIEW_COLUMNS]) for r in list(sheet.rows)[:rows]]
        width = max((len(r) for r in head), default=0)
        while width and not any(len(r) >= width and r[width - 1] for r in head):
            width -= 1
        out.append(
            SheetPreview(sheet.name, [r[:width] + ("",) * (width - len(r)) for r in head], width)
        )
    return out


# --- the background read ------------------------------------------------------------------


@dataclass(frozen=True)
class ImportInspection:
    """What the dialog needs: the automatic (or profile) mapping, the issues, the preview."""

    path: Path
    mapping: WorkbookMapping
    issues: list[QualityIssue]
    sheets: list[SheetPreview]
    enterprises: int = 0


def inspect_input(
    path: Path,
    progress: Callable[[float, str], None],
    should_cancel: Callable[[], bool],
    *,
    profile: MappingProfile | None = None,
) -> ImportInspection:
    """Read ``path`` with ``profile`` (None: automatic) and take a preview of every sheet."""
    from desktop.errors import CancelledError
    from desktop.spreadsheet.reader import read_workbook

    def check() -> None:
        if should_cancel():
            raise CancelledError("cancelled")

    result = read_workbook(
        path,
        mapping=profile,
        progress=lambda f: progress(0.8 * f, ""),
        should_cancel=should_cancel,
    )
    sheets = preview_sheets(path, check=check)
    progress(1.0, "")
    return ImportInspection(
        Path(path),
        result.mapping,
        list(result.portfolio.issues),
        sheets,
        len(result.portfolio.enterprises),
    )


# --- the dialog's edits -------------------------------------------------------------------


def field_choices(table: Table, lang: str = "zh") -> list[tuple[str | None, str]]:
    """(field name, label) for a table's combo box; the first entry is "not used"."""
    none = "（不使用）" if lang == "zh" else "(not used)"
    out: list[tuple[str | None, str]] = [(None, none)]
    for spec in TABLES[table].fields:
        mark = " *" if spec.required else ""
        out.append((spec.name, f"{spec.label(lang)}{mark}"))
    return out


def field_label(table: Table, name: str | None, lang: str = "zh") -> str:
    for value, label in field_choices(table, lang):
        if value == name:
            return label
    return name or ""


def table_label(table: Table, lang: str = "zh") -> str:
    spec = TABLES[table]
    return spec.label_zh if lang == "zh" else spec.label_en


@dataclass
class MappingEdit:
    """The dialog's working copy: per table, the chosen sheet and the column mapping."""

    tables: dict[Table, ColumnMapping] = field(default_factory=dict)
    sheets: dict[Table, str | None] = field(default_factory=dict)

    @classmethod
    def of(cls, mapping: WorkbookMapping) -> MappingEdit:
        return cls(dict(mapping.tables), {t: cm.sheet for t, cm in mapping.tables.items()})

    def set_field(self, table: Table, letter: str, name: str | None) -> None:
        self.tables[table] = self.tables[table].with_field(letter, name)

    def set_sheet(self, table: Table, sheet: str | None) -> None:
        self.sheets[table] = sheet

    def sheet_changed(self, table: Table) -> bool:
        cm = self.tables.get(table)
        return cm is None or self.sheets.get(table) != cm.sheet

    def missing_required(self) -> dict[Table, list[str]]:
        return {t: cm.missing_required for t, cm in self.tables.items() if cm.missing_required}


def edited_profile(edit: MappingEdit, name: str = "") -> MappingProfile:
    """The dialog's state as a profile: the chosen sheets, and header → field for each table
    whose sheet did not change (a new sheet is mapped afresh by the reader)."""
    # Remember the workbook's own headers, so the profile is found again for the next export.
    profile = MappingProfile(
        name=name, signature=headers_signature(WorkbookMapping(tables=dict(edit.tables)))
    )
    for table in {*edit.tables, *edit.sheets}:
        sheet = edit.sheets.get(table)
        profile.sheets[table] = sheet
        cm = edit.tables.get(table)
        if cm is not None and not edit.sheet_changed(table):
            profile.columns[table] = [ProfileColumn(c.header, c.field, c.unit) for c in cm.columns]
    return profile


# --- saved profiles -----------------------------------------------------------------------


def mappings_dir() -> Path:
    return user_data_dir() / "mappings"


def profile_path(name: str) -> Path:
    """A file name for ``name`` (characters a file system refuses become "_")."""
    stem = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "_", name.strip()).strip(". ") or "mapping"
    return mappings_dir() / f"{stem}{PROFILE_SUFFIX}"


def list_profiles() -> list[Path]:
    folder = mappings_dir()
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in (".yaml", ".yml"))


def save_profile(profile: MappingProfile, name: str) -> Path:
    path = profile_path(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    profile.name = name
    save_mapping(profile, path, name)
    return path


def saved_profile_for(path: Path) -> MappingProfile | None:
    """A profile saved earlier for a workbook with the same headers, applied automatically."""
    from desktop.errors import DesktopError
    from desktop.spreadsheet.reader import read_signature

    if not list_profiles():
        return None  # nothing saved: no need to read the workbook's headers twice
    try:
        return find_profile(read_signature(path), mappings_dir())
    except (DesktopError, OSError):
        return None  # reading the headers failed: the full read will say why


def load_profile(path: Path) -> MappingProfile:
    """Raises :class:`desktop.errors.InputFileError` for a broken file."""
    return load_mapping(path)


def severity_label(severity: str, lang: str = "zh") -> str:
    zh = {"error": "错误", "warning": "警告", "info": "提示"}
    en = {"error": "Error", "warning": "Warning", "info": "Note"}
    return (zh if lang == "zh" else en).get(severity, severity)


__all__ = [
    "CERTAIN",
    "ImportInspection",
    "MappingEdit",
    "SheetPreview",
    "edited_profile",
    "field_choices",
    "field_label",
    "inspect_input",
    "list_profiles",
    "load_profile",
    "mappings_dir",
    "needs_review",
    "preview_sheets",
    "profile_path",
    "save_profile",
    "severity_label",
    "table_label",
    "uncertain_columns",
]

"""What the import dialog shows and decides, Qt-free.

* :func:`needs_review`: whether an automatic mapping is certain enough to skip the dialog
  (every mapped column at confidence ≥ 0.95 and no required field missing);
* :func:`preview_sheets`: the first rows of every sheet, as text, for the preview tabs;
* profiles: saved mappings as YAML under ``user_data_dir()/mappings``;
* :func:`edited_profile`: the dialog's state (sheet per table, column → field) as a
  :class:`MappingProfile` for :func:`desktop.spreadsheet.read_workbook`;
* :func:`inspect_input`: the background read behind the dialog (mapping, issues, preview,
  the sheet verdicts and the parsed first rows). When detection fails it still answers:
  the verdicts, the mapping of what each sheet resembles and the error, so the analyst can
  fix the detection in the dialog (sheet roles, header rows, columns, units, id column).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from desktop import i18n
from desktop.core.fields import TABLES, FieldType, Table
from desktop.core.portfolio import QualityIssue, SheetVerdict
from desktop.paths import user_data_dir
from desktop.spreadsheet.mapping import (
    UNSET,
    ColumnMapping,
    MappingProfile,
    ProfileColumn,
    WorkbookMapping,
    find_profile,
    headers_signature,
    load_mapping,
    save_mapping,
)

if TYPE_CHECKING:
    from desktop.spreadsheet.reader import ImportResult

CERTAIN = 0.95
PREVIEW_ROWS = 30
PREVIEW_COLUMNS = 60
PARSED_ROWS = 8
PROFILE_SUFFIX = ".yaml"
MONEY_UNITS = ("元", "千元", "万元", "亿元")
READINGS = ("percent", "fraction")


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
    name: str  # the sheet's name (a CSV: its file name), as profiles name it
    rows: list[tuple[str, ...]]  # the first rows, every cell as text ("" for empty)
    width: int  # columns shown
    file: str = ""  # the file it is in

    def title(self, several_files: bool) -> str:
        return f"{self.file} / {self.name}" if several_files and self.file else self.name


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
        rows_shown = [r[:width] + ("",) * (width - len(r)) for r in head]
        out.append(SheetPreview(sheet.name, rows_shown, width, path.name))
    return out


# --- the background read ------------------------------------------------------------------


@dataclass(frozen=True)
class ParsedPreview:
    """The first rows of one table as the reader parsed them, with the field labels."""

    fields: tuple[str, ...]  # canonical field names
    labels: tuple[str, ...]  # their labels in the UI language at inspection time
    rows: list[tuple[str, ...]]


@dataclass(frozen=True)
class ImportInspection:
    """What the dialog needs: the automatic (or profile) mapping, the issues, the preview,
    the verdict of every sheet, the parsed first rows and — when the file cannot be read
    as it is — the error (the mapping then is what detection found, to be fixed)."""

    path: Path
    mapping: WorkbookMapping
    issues: list[QualityIssue]
    sheets: list[SheetPreview]
    enterprises: int = 0
    paths: tuple[Path, ...] = ()  # every file read together (``path`` is the first)
    verdicts: list[SheetVerdict] = field(default_factory=list)
    error: str | None = None
    profile: MappingProfile | None = None  # the profile this inspection was read with
    parsed: dict[Table, ParsedPreview] = field(default_factory=dict)
    signature: str = ""  # the layout's signature as detected without a profile

    @property
    def files(self) -> tuple[Path, ...]:
        return self.paths or (self.path,)


def _parsed_text(
    value: object, kind: FieldType, lang: str, text_of: Callable[[object], str]
) -> str:
    """A parsed value as the analyst reads it: 是/否, 3.45%, 5,000,000.00 — what the import
    made of the cell, not Python's spelling of it (False, 0.0345)."""
    import pandas as pd

    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return i18n.text("import.value.missing", lang)
    if kind == FieldType.FLAG and isinstance(value, bool | np.bool_):
        return i18n.text("import.value.yes" if value else "import.value.no", lang)
    if kind == FieldType.RATIO and isinstance(value, int | float):
        return f"{float(value) * 100:.4g}%"
    if kind == FieldType.MONEY and isinstance(value, int | float):
        return f"{float(value):,.2f}"
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    return text_of(value)


def parsed_preview(
    frames: dict[Table, object], mapping: WorkbookMapping, lang: str = "zh"
) -> dict[Table, ParsedPreview]:
    """The first :data:`PARSED_ROWS` rows of each table read, mapped fields only."""
    import pandas as pd

    from desktop.spreadsheet.values import text_of

    out: dict[Table, ParsedPreview] = {}
    for table, cm in mapping.tables.items():
        frame = frames.get(table)
        if not isinstance(frame, pd.DataFrame):
            continue
        spec = TABLES[table].by_name()
        names = [n for n in (f.name for f in TABLES[table].fields) if n in frame.columns]
        mapped = set(cm.by_field()) | {n for n in names if spec[n].key}
        names = [n for n in names if n in mapped]
        head = frame[names].head(PARSED_ROWS)
        types = [spec[n].type for n in names]
        rows = [
            tuple(_parsed_text(v, t, lang, text_of) for v, t in zip(row, types, strict=True))
            for row in head.itertuples(index=False, name=None)
        ]
        labels = tuple(spec[n].label(lang) for n in names)
        out[table] = ParsedPreview(tuple(names), labels, rows)
    return out


def inspect_input(
    path: Path | list[Path] | tuple[Path, ...],
    progress: Callable[[float, str], None],
    should_cancel: Callable[[], bool],
    *,
    profile: MappingProfile | None = None,
    lang: str = "zh",
) -> ImportInspection:
    """Read ``path`` (one file or several read together) with ``profile`` (None: automatic)
    and take a preview of every sheet. A layout the reader cannot use is no error here: the
    inspection then carries the detection's verdicts and mapping and the reader's message."""
    from desktop.errors import CancelledError, InputFileError
    from desktop.spreadsheet.reader import detect, read_workbook

    def check() -> None:
        if should_cancel():
            raise CancelledError("cancelled")

    paths = as_paths(path)
    try:
        result = read_workbook(
            list(paths),
            mapping=profile,
            progress=lambda f: progress(0.7 * f, ""),
            should_cancel=should_cancel,
        )
    except InputFileError as exc:
        check()
        found = detect(list(paths), mapping=profile)  # a file that cannot be opened raises
        sheets = [s for p in paths for s in preview_sheets(p, check=check)]
        progress(1.0, "")
        return ImportInspection(
            paths[0], found.mapping, [], sheets, 0, paths, found.verdicts, str(exc), profile,
            {}, found.signature,
        )  # fmt: skip
    inspection = inspection_of(paths, result, profile, check, lang)
    progress(1.0, "")
    return inspection


def as_paths(path: Path | str | list[Path] | tuple[Path, ...]) -> tuple[Path, ...]:
    return tuple(Path(p) for p in ([path] if isinstance(path, str | Path) else path))


def inspection_of(
    paths: tuple[Path, ...],
    result: ImportResult,
    profile: MappingProfile | None,
    check: Callable[[], None],
    lang: str = "zh",
) -> ImportInspection:
    """The inspection of a read that succeeded (the preview is read here)."""
    from desktop.spreadsheet.reader import read_signature

    mapping = result.mapping
    frames = {t: getattr(result.portfolio, t.value, None) for t in mapping.tables}
    parsed = parsed_preview(frames, mapping, lang)
    check()
    signature = read_signature(list(paths))
    sheets = [s for p in paths for s in preview_sheets(p, check=check)]
    return ImportInspection(
        paths[0], mapping, list(result.portfolio.issues), sheets,
        len(result.portfolio.enterprises), paths, list(result.report.sheets), None, profile,
        parsed, signature,
    )  # fmt: skip


# --- the dialog's edits -------------------------------------------------------------------


def field_choices(table: Table, lang: str = "zh") -> list[tuple[str | None, str]]:
    """(field name, label) for a table's combo box; the first entry is "not used"."""
    none = i18n.text("import.field.not_used", lang)
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
    return TABLES[table].label(lang)


def unit_choices(table: Table, name: str | None) -> tuple[str, ...]:
    """The units the dialog offers for a column mapped to ``name`` ("" = as detected)."""
    if name is None:
        return ()
    spec = TABLES[table].by_name().get(name)
    return ("", *MONEY_UNITS) if spec is not None and spec.type == FieldType.MONEY else ()


def is_rate(table: Table, name: str | None) -> bool:
    spec = TABLES[table].by_name().get(name or "")
    return spec is not None and spec.type == FieldType.RATIO


def id_field(table: Table) -> str | None:
    """The record id field of a record table (None for enterprises, institutions)."""
    if table in (Table.ENTERPRISES, Table.INSTITUTIONS):
        return None
    return next(f.name for f in TABLES[table].fields if f.key)


@dataclass
class MappingEdit:
    """The dialog's working copy: per table, the chosen sheet and the column mapping
    (fields, units, rate readings); per sheet, its role and header row; per record table,
    its id column or none. Starts from the profile the inspection was read with."""

    tables: dict[Table, ColumnMapping] = field(default_factory=dict)
    sheets: dict[Table, str | None] = field(default_factory=dict)
    roles: dict[str, Table | None] = field(default_factory=dict)
    header_rows: dict[str, tuple[int, ...]] = field(default_factory=dict)
    ids: dict[Table, str | None] = field(default_factory=dict)
    signature: str = ""

    @classmethod
    def of(
        cls, mapping: WorkbookMapping, profile: MappingProfile | None = None, signature: str = ""
    ) -> MappingEdit:
        edit = cls(dict(mapping.tables), {t: cm.sheet for t, cm in mapping.tables.items()})
        if profile is not None:
            edit.roles = dict(profile.roles)
            edit.header_rows = dict(profile.header_rows)
            edit.ids = dict(profile.ids)
            for table, sheet in profile.sheets.items():
                edit.sheets.setdefault(table, sheet)
        edit.signature = signature
        return edit

    def set_field(self, table: Table, letter: str, name: str | None) -> None:
        key = id_field(table)
        was_id = self.tables[table].by_field().get(key or "")
        self.tables[table] = self.tables[table].with_field(letter, name)
        if key is not None and (name == key or (was_id is not None and was_id.letter == letter)):
            self.ids.pop(table, None)  # the id column is now what the fields say

    def set_unit(self, table: Table, letter: str, unit: str | None) -> None:
        self.tables[table] = self.tables[table].with_column(letter, unit=unit or None)

    def set_reading(self, table: Table, letter: str, reading: str | None) -> None:
        if reading is not None and reading not in READINGS:
            raise ValueError(reading)
        self.tables[table] = self.tables[table].with_column(letter, reading=reading)

    def set_role(self, sheet: str, role: Table | object | None) -> None:
        """A table, ``None`` (not used), or :data:`UNSET` (as detected)."""
        if role is UNSET:
            self.roles.pop(sheet, None)
        else:
            assert role is None or isinstance(role, Table)
            self.roles[sheet] = role

    def role(self, sheet: str) -> Table | object | None:
        return self.roles.get(sheet, UNSET)

    def set_header_row(self, sheet: str, row: int | None) -> None:
        """The Excel row of the sheet's header labels; ``None``: detect it."""
        if row is None or row < 1:
            self.header_rows.pop(sheet, None)
        else:
            self.header_rows[sheet] = (row,)

    def set_id_column(self, table: Table, letter: str | object | None) -> None:
        """The column holding the record ids (a letter), ``None`` (no id column: ids are
        generated from sheet and row) or :data:`UNSET` (as mapped)."""
        key = id_field(table)
        if key is None:
            return
        cm = self.tables.get(table)
        if letter is UNSET:
            self.ids.pop(table, None)
            return
        if letter is None:
            self.ids[table] = None
            if cm is not None and key in cm.by_field():
                self.tables[table] = cm.with_field(cm.by_field()[key].letter, None)
            return
        assert cm is not None and isinstance(letter, str)
        column = next(c for c in cm.columns if c.letter == letter)
        self.tables[table] = cm.with_field(letter, key)
        self.ids[table] = column.header

    def set_sheet(self, table: Table, sheet: str | None) -> None:
        self.sheets[table] = sheet

    def sheet_changed(self, table: Table) -> bool:
        cm = self.tables.get(table)
        return cm is None or self.sheets.get(table) != cm.sheet

    def missing_required(self) -> dict[Table, list[str]]:
        out: dict[Table, list[str]] = {}
        for table, cm in self.tables.items():
            key = id_field(table)
            missing = [n for n in cm.missing_required if n != key]  # ids may be generated
            if missing:
                out[table] = missing
        return out


def edited_profile(edit: MappingEdit, name: str = "") -> MappingProfile:
    """The dialog's state as a profile: the sheet roles and header rows, the chosen sheets,
    the id columns, and header → field (unit, reading) for each table whose sheet did not
    change (a new sheet is mapped afresh by the reader)."""
    # Remember the workbook's own layout, so the profile is found again for the next export.
    signature = edit.signature or headers_signature(WorkbookMapping(tables=dict(edit.tables)))
    profile = MappingProfile(
        name=name,
        signature=signature,
        roles=dict(edit.roles),
        header_rows=dict(edit.header_rows),
        ids=dict(edit.ids),
    )
    for table in {*edit.tables, *edit.sheets}:
        sheet = edit.sheets.get(table)
        profile.sheets[table] = sheet
        cm = edit.tables.get(table)
        if cm is not None and not edit.sheet_changed(table):
            profile.columns[table] = [
                ProfileColumn(c.header, c.field, c.unit, c.reading) for c in cm.columns
            ]
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


def saved_profile_for(path: Path | list[Path] | tuple[Path, ...]) -> MappingProfile | None:
    """A profile saved earlier for a workbook with the same headers, applied automatically."""
    from desktop.errors import DesktopError
    from desktop.spreadsheet.reader import read_signature

    if not list_profiles():
        return None  # nothing saved: no need to read the workbook's headers twice
    try:
        return find_profile(read_signature(list(as_paths(path))), mappings_dir())
    except (DesktopError, OSError):
        return None  # reading the headers failed: the full read will say why


def load_profile(path: Path) -> MappingProfile:
    """Raises :class:`desktop.errors.InputFileError` for a broken file."""
    return load_mapping(path)


def severity_label(severity: str, lang: str = "zh") -> str:
    """error / warning / info in ``lang`` (``import.severity.*``); others as they are."""
    return i18n.label("import.severity", severity, lang)


__all__ = [
    "CERTAIN",
    "ImportInspection",
    "MappingEdit",
    "ParsedPreview",
    "SheetPreview",
    "as_paths",
    "edited_profile",
    "field_choices",
    "field_label",
    "id_field",
    "inspect_input",
    "inspection_of",
    "is_rate",
    "list_profiles",
    "load_profile",
    "mappings_dir",
    "needs_review",
    "parsed_preview",
    "preview_sheets",
    "profile_path",
    "save_profile",
    "severity_label",
    "table_label",
    "uncertain_columns",
    "unit_choices",
]

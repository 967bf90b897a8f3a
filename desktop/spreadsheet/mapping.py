"""Scored matching of header text to canonical fields, the editable mapping, YAML profiles.

Every column gets a candidate field and a confidence: 1.0 for the field's own label, 0.95 for
a listed synonym, less for a header that contains or resembles a spelling. The result, a
:class:`ColumnMapping` per table, is what the app shows and lets the analyst correct; a
corrected mapping is saved as a YAML profile and passed back as ``mapping=`` next time.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from desktop.cells import column_letter
from desktop.core.fields import TABLES, FieldSpec, FieldType, Table
from desktop.errors import InputFileError, Location
from desktop.spreadsheet.headers import header_key, label_variants, split_unit
from desktop.spreadsheet.mapping_file import NOT_USED, header_rows_value, read_mapping_document
from desktop.spreadsheet.text import clean_text
from desktop.spreadsheet.vocabulary import vocabulary

MIN_CONFIDENCE = 0.6
PROFILE_VERSION = 2
_PARENT_SUFFIXES = ("基本信息", "信息", "情况", "数据", "明细", "详情")


@dataclass(frozen=True)
class MappedColumn:
    """One source column: where it is, what it says, what it was mapped to and how sure."""

    index: int  # 0-based column index
    letter: str  # Excel column letter
    header: str  # header text as shown ("贷款信息 / 金额（万元）" for a two-row header)
    field: str | None  # canonical field name; None = not used
    confidence: float  # 0…1; 1.0 for a profile or an exact label
    unit: str | None = None  # unit from the header ("万元", "%")
    hidden: bool = False
    source: str = "none"  # "label" | "synonym" | "fuzzy" | "profile" | "none"
    reading: str | None = None  # rates: "percent" ("3.45" = 3.45 %) | "fraction"; None = by values


@dataclass
class ColumnMapping:
    """How one sheet's columns map onto one table's fields."""

    table: Table
    sheet: str | None
    header_rows: tuple[int, ...]  # Excel row numbers of the header
    columns: list[MappedColumn]
    missing_required: list[str] = field(default_factory=list)  # canonical field names

    def by_field(self) -> dict[str, MappedColumn]:
        return {c.field: c for c in self.columns if c.field is not None}

    def with_column(self, letter: str, **changes: Any) -> ColumnMapping:
        """A copy with one column's ``unit`` or ``reading`` set (the import dialog's edit)."""
        columns = [replace(c, **changes) if c.letter == letter else c for c in self.columns]
        missing = list(self.missing_required)
        return ColumnMapping(self.table, self.sheet, self.header_rows, columns, missing)

    def with_field(self, letter: str, field_name: str | None) -> ColumnMapping:
        """A copy with one column re-pointed (the import dialog's edit)."""
        columns = [
            replace(c, field=field_name, confidence=1.0, source="profile")
            if c.letter == letter
            else (replace(c, field=None, source="none") if c.field == field_name else c)
            for c in self.columns
        ]
        out = ColumnMapping(self.table, self.sheet, self.header_rows, columns)
        out.missing_required = missing_required(out)
        return out


@dataclass
class WorkbookMapping:
    """The mapping of a whole file: one :class:`ColumnMapping` per table found."""

    tables: dict[Table, ColumnMapping] = field(default_factory=dict)


@dataclass(frozen=True)
class ProfileColumn:
    header: str
    field: str | None
    unit: str | None = None  # overrides the header's unit and the sheet's unit note
    reading: str | None = None  # rates: "percent" | "fraction" (overrides plausibility)


def sheet_key(name: str | None) -> str:
    """A sheet name as profiles compare it (full-width, spaces and case folded)."""
    return clean_text(name or "").replace(" ", "").lower()


class _Unset:
    """The id column of a table the profile says nothing about."""


UNSET = _Unset()


@dataclass
class MappingProfile:
    """A saved mapping: per table, an optional sheet name and header text → field; per
    sheet, the role (a table or "not used") and the header row; per record table, the id
    column or an explicit ``None`` (no id column: ids are generated from sheet and row)."""

    name: str = ""
    sheets: dict[Table, str | None] = field(default_factory=dict)
    columns: dict[Table, list[ProfileColumn]] = field(default_factory=dict)
    # The headers of the workbook the profile was made for (see :func:`headers_signature`);
    # ``None`` = derive it from ``sheets`` and ``columns``.
    signature: str | None = None
    # sheet name (a CSV: its file name) → the table read from it; None = not used
    roles: dict[str, Table | None] = field(default_factory=dict)
    # sheet name → Excel row numbers of its header (one row, or parent row + label row)
    header_rows: dict[str, tuple[int, ...]] = field(default_factory=dict)
    # record table → header text of its id column; None = none (ids generated)
    ids: dict[Table, str | None] = field(default_factory=dict)

    def lookup(self, table: Table) -> dict[str, ProfileColumn]:
        out = {header_key(c.header): c for c in self.columns.get(table, [])}
        id_header = self.ids.get(table)
        if id_header:  # the declared id column wins over any other field of that column
            key = next(f.name for f in TABLES[table].fields if f.key)
            out = {h: replace(c, field=None) if c.field == key else c for h, c in out.items()}
            old = out.get(header_key(id_header))
            out[header_key(id_header)] = ProfileColumn(id_header, key, old.unit if old else None)
        return out

    def role_of(self, sheet: str | None) -> Table | _Unset | None:
        """The role the profile gives a sheet: a table, ``None`` (not used) or :data:`UNSET`."""
        key = sheet_key(sheet)
        for name, role in self.roles.items():
            if sheet_key(name) == key:
                return role
        return UNSET

    def header_of(self, sheet: str | None) -> tuple[int, ...] | None:
        key = sheet_key(sheet)
        for name, rows in self.header_rows.items():
            if sheet_key(name) == key:
                return rows
        return None

    def no_ids(self, table: Table) -> bool:
        """The profile says the table's sheets have no id column (ids are generated)."""
        return table in self.ids and self.ids[table] is None


# --- scoring ------------------------------------------------------------------------------


@cache
def _spellings(table: Table) -> tuple[tuple[str, FieldSpec, float], ...]:
    """(key, field, score) for every spelling of every field of ``table``."""
    out: dict[str, tuple[FieldSpec, float]] = {}
    vocab = vocabulary()
    for spec in TABLES[table].fields:
        for label in (spec.label_zh, spec.label_en, spec.name):
            out.setdefault(header_key(label), (spec, 1.0))
    for spec in TABLES[table].fields:
        extra = list(vocab.spellings(table, spec.name))
        if spec.type == FieldType.FLAG:
            extra += [prefix + spec.label_zh for prefix in vocab.flag_prefixes]
        for label in extra:
            out.setdefault(header_key(label), (spec, 0.95))
    return tuple((k, s, v) for k, (s, v) in out.items() if k)


def _parent_stem(parent: str) -> str:
    text = parent
    for suffix in _PARENT_SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix):
            return text[: -len(suffix)]
    return text


def score_label(label: str, table: Table) -> list[tuple[FieldSpec, float]]:
    """Candidate fields for one header label (unit already removed), best first."""
    key = header_key(label)
    if not key:
        return []
    best: dict[str, tuple[FieldSpec, float]] = {}

    def offer(spec: FieldSpec, score: float) -> None:
        if score > best.get(spec.name, (spec, 0.0))[1]:
            best[spec.name] = (spec, round(score, 3))

    for spelling, spec, exact in _spellings(table):
        if key == spelling:
            offer(spec, exact)
        elif len(spelling) >= 2 and spelling in key:
            offer(spec, 0.55 + 0.35 * len(spelling) / len(key))
        elif len(key) >= 2 and key in spelling:
            offer(spec, 0.45 + 0.3 * len(key) / len(spelling))
        else:
            matcher = difflib.SequenceMatcher(None, key, spelling)
            # The quick upper bounds first: most spellings are nowhere near (0.75).
            if matcher.real_quick_ratio() >= 0.75 and matcher.quick_ratio() >= 0.75:
                ratio = matcher.ratio()
                if ratio >= 0.75:
                    offer(spec, 0.8 * ratio)
    return sorted(best.values(), key=lambda pair: -pair[1])


def score_header(
    header: object, table: Table, parent: str | None = None
) -> tuple[FieldSpec | None, float, str | None]:
    """(field, confidence, unit) for one header cell, optionally under a parent header."""
    if header is None:
        return None, 0.0, None
    label, unit = split_unit(header)
    tries: list[tuple[str, str | None]] = []
    if parent:
        stem = _parent_stem(split_unit(parent)[0])
        tries.append((stem + label, unit))
    tries.append((label, unit))
    for variant in label_variants(label)[1:]:  # bilingual: each language's part
        part, inner = split_unit(variant)
        tries.append((part, unit or inner))
    if unit is not None:
        tries.append((str(header), None))  # a bracket that is part of the name: "板块(层级)"
    found: tuple[FieldSpec | None, float, str | None] = (None, 0.0, None)
    for text, text_unit in tries:
        candidates = score_label(text, table)
        if candidates and candidates[0][1] > found[1] + 1e-9:
            found = (candidates[0][0], candidates[0][1], text_unit)
            if found[1] >= 0.95:
                break
    return found


def map_columns(
    labels: Sequence[object],
    table: Table,
    *,
    parents: Sequence[str | None] | None = None,
    hidden: frozenset[int] = frozenset(),
    sheet: str | None = None,
    header_rows: tuple[int, ...] = (),
    profile: MappingProfile | None = None,
) -> ColumnMapping:
    """Assign each field to at most one column: profile entries first, then best scores
    (visible before hidden, left before right); unmatched columns are kept with field None."""
    parents = parents or [None] * len(labels)
    fixed = profile.lookup(table) if profile else {}
    scored: list[tuple[float, bool, int, FieldSpec | None, str | None, str]] = []
    shown: dict[int, str] = {}
    result: dict[int, MappedColumn] = {}
    taken: set[str] = set()
    for index, cell in enumerate(labels):
        if cell is None or str(cell).strip() == "":
            continue
        parent = parents[index] if index < len(parents) else None
        text = str(cell).strip()
        shown[index] = f"{parent} / {text}" if parent else text
        entry = fixed.get(header_key(shown[index])) or fixed.get(header_key(text))
        if entry is not None:
            result[index] = MappedColumn(
                index, column_letter(index), shown[index], entry.field, 1.0,
                entry.unit if entry.unit is not None else split_unit(text)[1],
                index in hidden, "profile", entry.reading,
            )  # fmt: skip
            if entry.field:
                taken.add(entry.field)
            continue
        spec, score, unit = score_header(cell, table, parent)
        if unit is None and parent:  # "经营数据（万元）" over "营业收入": the parent's unit
            unit = split_unit(parent)[1]
        source = "label" if score >= 1.0 else "synonym" if score >= 0.95 else "fuzzy"
        scored.append((score, index in hidden, index, spec, unit, source))
    for score, is_hidden, index, spec, unit, source in sorted(
        scored, key=lambda s: (-s[0], s[1], s[2])
    ):
        use = spec is not None and score >= MIN_CONFIDENCE and spec.name not in taken
        if use and spec is not None:
            taken.add(spec.name)
        result[index] = MappedColumn(
            index, column_letter(index), shown[index], spec.name if use and spec else None,
            score if spec else 0.0, unit, is_hidden, source if use else "none",
        )  # fmt: skip
    _date_range(result, labels, table, taken)
    columns = [result[i] for i in sorted(result)]
    if profile is not None and profile.no_ids(table):  # explicit: no id column, ids generated
        key = next(f.name for f in TABLES[table].fields if f.key)
        columns = [
            replace(c, field=None, source="profile") if c.field == key else c for c in columns
        ]
    mapping = ColumnMapping(table, sheet, header_rows, columns)
    mapping.missing_required = missing_required(mapping)
    return mapping


RANGE = "range"  # a date column's reading: the cell holds the term's start and end


@cache
def _range_keys(table: Table) -> frozenset[str]:
    """Header keys of the term headers of ``table`` (values.yaml ``date_ranges``)."""
    return frozenset(header_key(w) for w in vocabulary().date_ranges.get(table, ()))


def _date_range(
    result: dict[int, MappedColumn], labels: Sequence[object], table: Table, taken: set[str]
) -> None:
    """The first unmatched column headed as a term ("贷款起止日期") gives start_date (and
    end_date) when no column of their own does."""
    if "start_date" in taken:
        return
    keys = _range_keys(table)
    for index in sorted(result):
        column = result[index]
        if column.field is None and column.source != "profile":
            text, _unit = split_unit(str(labels[index]).strip())
            if header_key(text) in keys or header_key(str(labels[index])) in keys:
                result[index] = replace(
                    column,
                    field="start_date",
                    confidence=0.95,
                    unit=None,
                    source="synonym",
                    reading=RANGE,
                )
                taken.add("start_date")
                return


def missing_required(mapping: ColumnMapping) -> list[str]:
    found = mapping.by_field()
    return [f.name for f in TABLES[mapping.table].fields if f.required and f.name not in found]


# --- profiles -----------------------------------------------------------------------------


def signature_line(sheet: str | None, headers: Sequence[str]) -> str:
    sheet_key = header_key(sheet or "")
    return "\t".join([sheet_key, *(header_key(h) for h in headers)])


def headers_signature(mapping: WorkbookMapping | MappingProfile) -> str:
    """What identifies a workbook's layout: per sheet read, its normalised name and header
    texts (full-width, spaces and case folded), one line per sheet, sorted.

    Two exports of the same ledger (other rows, other dates) have the same signature; a
    profile saved for one is found for the next by :func:`find_profile`."""
    lines: set[str] = set()
    if isinstance(mapping, WorkbookMapping):
        for cm in mapping.tables.values():
            lines.add(signature_line(cm.sheet, [c.header for c in cm.columns]))
    else:
        for table, columns in mapping.columns.items():
            if columns:
                lines.add(signature_line(mapping.sheets.get(table), [c.header for c in columns]))
    return "\n".join(sorted(lines))


def profile_signature(profile: MappingProfile) -> str:
    """The signature stored with the profile, else the one its own columns give."""
    return profile.signature or headers_signature(profile)


def find_profile(signature: str, folder: Path) -> MappingProfile | None:
    """The saved profile (``*.yaml`` / ``*.yml`` in ``folder``) made for a workbook with these
    headers, so the app can apply it again; ``None`` when there is none.

    A profile whose signature is the same wins; else one whose sheets and headers all appear
    in the workbook (a hand-written profile of some tables). Newer files are tried first;
    files that cannot be read are passed over."""
    wanted = set(signature.splitlines())
    folder = Path(folder)
    if not wanted or not folder.is_dir():
        return None
    paths = [p for p in folder.iterdir() if p.suffix.lower() in (".yaml", ".yml") and p.is_file()]
    paths.sort(key=lambda p: (-p.stat().st_mtime, p.name))
    partial: MappingProfile | None = None
    for path in paths:
        try:
            profile = load_mapping(path)
        except InputFileError:
            continue
        have = set(profile_signature(profile).splitlines())
        if have == wanted:
            return profile
        if have and have <= wanted and partial is None:
            partial = profile
    return partial


def to_profile(mapping: WorkbookMapping | MappingProfile, name: str = "") -> MappingProfile:
    if isinstance(mapping, MappingProfile):
        return mapping
    profile = MappingProfile(name=name, signature=headers_signature(mapping))
    for table, cm in mapping.tables.items():
        profile.sheets[table] = cm.sheet
        profile.columns[table] = [
            ProfileColumn(c.header, c.field, c.unit, c.reading) for c in cm.columns
        ]
    return profile


def save_mapping(mapping: WorkbookMapping | MappingProfile, path: Path, name: str = "") -> None:
    """Write the mapping as a YAML profile (header text → field, per table)."""
    profile = to_profile(mapping, name)
    document: dict[str, Any] = {"policydesk_mapping": PROFILE_VERSION, "name": profile.name}
    sheets: dict[str, dict[str, Any]] = {}
    for sheet, role in profile.roles.items():
        sheets.setdefault(sheet, {})["role"] = role.value if role is not None else NOT_USED
    for sheet, rows in profile.header_rows.items():
        sheets.setdefault(sheet, {})["header_row"] = rows[0] if len(rows) == 1 else list(rows)
    if sheets:
        document["sheets"] = sheets
    tables: dict[str, dict[str, Any]] = {}
    for table in dict.fromkeys([*profile.columns, *profile.sheets, *profile.ids]):
        body: dict[str, Any] = {"sheet": profile.sheets.get(table)}
        if table in profile.ids:
            body["id_column"] = profile.ids[table]
        body["columns"] = [
            {"header": c.header, "field": c.field}
            | ({"unit": c.unit} if c.unit is not None else {})
            | ({"reading": c.reading} if c.reading is not None else {})
            for c in profile.columns.get(table, [])
        ]
        tables[table.value] = body
    document["tables"] = tables
    if profile.signature:  # the workbook's headers; else derived again from the columns
        document["signature"] = profile.signature
    text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
    Path(path).write_text(text, encoding="utf-8")


def load_mapping(path: Path) -> MappingProfile:
    """Read a YAML profile written by :func:`save_mapping` (or by hand)."""
    path = Path(path)

    def bad(message: str, key: str | None = None) -> InputFileError:
        return InputFileError(message, Location(file=path.name, key=key))

    try:
        document = read_mapping_document(path)  # safe: no aliases, size- and shape-checked
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise bad(f"无法读取映射文件 / cannot read the mapping file ({exc})") from exc
    if not isinstance(document, dict) or not isinstance(document.get("tables"), dict):
        raise bad("映射文件缺少 tables / the mapping file has no 'tables'", "tables")
    profile = MappingProfile(name=str(document.get("name") or path.stem))
    signature = document.get("signature")
    profile.signature = signature if isinstance(signature, str) and signature else None
    for sheet, settings in (document.get("sheets") or {}).items():
        if "role" in settings:
            role = settings["role"]
            profile.roles[str(sheet)] = None if role == NOT_USED else Table(role)
        if "header_row" in settings:
            rows = header_rows_value(settings["header_row"])
            assert rows is not None  # checked by read_mapping_document
            profile.header_rows[str(sheet)] = rows
    for table_name, body in document["tables"].items():
        table = Table(str(table_name))  # checked by read_mapping_document
        body = body or {}
        sheet = body.get("sheet")
        profile.sheets[table] = None if sheet is None else str(sheet)
        if "id_column" in body:
            id_column = body["id_column"]
            profile.ids[table] = None if id_column is None else str(id_column)
        columns: list[ProfileColumn] = []
        for item in body.get("columns") or []:
            target, unit, reading = item.get("field"), item.get("unit"), item.get("reading")
            columns.append(
                ProfileColumn(
                    str(item["header"]),
                    None if target is None else str(target),
                    None if unit is None else str(unit),
                    None if reading is None else str(reading),
                )
            )
        profile.columns[table] = columns
    return profile


__all__ = [
    "MIN_CONFIDENCE",
    "RANGE",
    "ColumnMapping",
    "MappedColumn",
    "MappingProfile",
    "ProfileColumn",
    "WorkbookMapping",
    "find_profile",
    "headers_signature",
    "load_mapping",
    "map_columns",
    "missing_required",
    "profile_signature",
    "save_mapping",
    "score_header",
    "score_label",
    "sheet_key",
    "to_profile",
]

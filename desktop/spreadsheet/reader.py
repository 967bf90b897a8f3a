"""Read enterprise files — a workbook, a CSV, several files or a folder — into a
:class:`Portfolio`, with its column mapping.

Each file is read once as bytes (opened read-only, binary) and parsed from memory, so the
input is never modified or locked, and its SHA-256 identifies exactly what was evaluated.
Every sheet is classified by the columns it holds, whatever its name or order
(:mod:`desktop.spreadsheet.roles`); a sheet of loans whose enterprise columns repeat is read
as both enterprises and loans. Expected problems
become :class:`InputFileError` (the file cannot be used) or :class:`QualityIssue` (a cell or
row is doubtful; the analyst decides) — never a traceback.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import NoReturn

import pandas as pd

from desktop.core.fields import RECORD_TABLES, TABLES, Table
from desktop.core.portfolio import Portfolio, QualityIssue, SheetVerdict, conform, empty_frame
from desktop.core.progress import Fraction as ProgressFn
from desktop.core.progress import ShouldCancel as CancelFn
from desktop.errors import CancelledError, InputFileError, Location
from desktop.gcpause import gc_paused
from desktop.spreadsheet.categories import clean_text
from desktop.spreadsheet.checks import check_enterprises, check_records
from desktop.spreadsheet.engine import (
    OLE_MAGIC,
    TEXT_SUFFIXES,
    WORKBOOK_SUFFIXES,
    ZIP_MAGIC,
    Sheet,
    csv_rows,
    filled,
    load_workbook,
    read_bytes,
)
from desktop.spreadsheet.engine import fail as _fail
from desktop.spreadsheet.flatten import split_sheet
from desktop.spreadsheet.headers import header_key
from desktop.spreadsheet.layout import first_text_row
from desktop.spreadsheet.mapping import (
    ColumnMapping,
    MappingProfile,
    WorkbookMapping,
    headers_signature,
    signature_line,
)
from desktop.spreadsheet.place_checks import complete_places
from desktop.spreadsheet.roles import Candidate, Role, assign, classify, name_column
from desktop.spreadsheet.tables import TableRead, read_table, record_key, require
from desktop.spreadsheet.values import text_of


@dataclass
class ImportResult:
    """What an import produced: the portfolio, the mapping applied (the first sheet read
    for each table) and the report of every sheet."""

    portfolio: Portfolio
    mapping: WorkbookMapping
    report: ImportReport = field(default_factory=lambda: ImportReport([], [], []))


class _Ticker:
    """Progress and cancellation for one read, as fractions of the whole job."""

    def __init__(self, progress: ProgressFn | None, should_cancel: CancelFn | None) -> None:
        self._progress = progress
        self._should_cancel = should_cancel

    def check(self) -> None:
        if self._should_cancel is not None and self._should_cancel():
            raise CancelledError("已取消读取文件 / reading the file was cancelled")

    def report(self, fraction: float) -> None:
        self.check()
        if self._progress is not None:
            self._progress(min(max(fraction, 0.0), 1.0))


def _canonical(frame: pd.DataFrame, table: Table) -> pd.DataFrame:
    """Conformed dtypes, columns in registry order whatever the sheet's column order was."""
    out = conform(frame, table)
    return out[[f.name for f in TABLES[table].fields]]


def _load(path: Path, data: bytes, ticker: _Ticker) -> tuple[list[Sheet], bool]:
    if data.startswith((ZIP_MAGIC, OLE_MAGIC)):
        return load_workbook(path, data, ticker.check), False
    if path.suffix.lower() in TEXT_SUFFIXES:
        sheet = Sheet(path.name, csv_rows(path, data))
        if not any(filled(r) for r in sheet.rows):
            _fail(path, "文件中没有任何数据 / the file contains no data")
        return [sheet], True
    _fail(
        path,
        "不是 Excel / ODS 工作簿或 CSV 文件（支持 .xlsx .xlsm .xls .ods .csv .txt）/ not an "
        "Excel or ODS workbook or a CSV file",
    )


InputPaths = Path | str | Sequence[Path | str]


@dataclass
class ImportReport:
    """Where every sheet, row and column of the input went (see :class:`SheetVerdict`)."""

    files: list[Path]
    sheets: list[SheetVerdict]
    warnings: list[str]
    data_as_of: dt.date | None = None


def expand_inputs(paths: InputPaths) -> list[Path]:
    """The files to read: the paths given, a folder's spreadsheets (sorted by name)."""
    given = [Path(paths)] if isinstance(paths, str | Path) else [Path(p) for p in paths]
    out: list[Path] = []
    for path in given:
        if path.is_dir():
            found = sorted(
                p
                for p in path.iterdir()
                if p.is_file()
                and p.suffix.lower() in WORKBOOK_SUFFIXES | TEXT_SUFFIXES
                and not p.name.startswith(("~$", "."))
            )
            if not found:
                _fail(path, "文件夹中没有表格文件 / the folder holds no spreadsheet files")
            out += found
        else:
            out.append(path)
    if not out:
        raise InputFileError("没有输入文件 / no input file", Location())
    return out


def read_workbook(
    path: InputPaths,
    *,
    mapping: MappingProfile | None = None,
    progress: ProgressFn | None = None,
    should_cancel: CancelFn | None = None,
) -> ImportResult:
    """Read one or several workbooks / CSV files (or a folder of them) into one portfolio;
    ``mapping`` (see :func:`load_mapping`) overrides the automatic column mapping and sheet
    choice where it names them."""
    with gc_paused():
        return _read_workbook(
            expand_inputs(path), mapping=mapping, progress=progress, should_cancel=should_cancel
        )


@dataclass
class _Part:
    """One table read from one sheet, with the counts its verdict needs."""

    role: Role
    table: Table
    read: TableRead
    parsed: int  # data rows parsed
    merged: int = 0
    dropped: int = 0
    by_name: bool = False  # joined to the enterprises by name (no credit-code column)


def _candidates(
    paths: list[Path], profile: MappingProfile | None, ticker: _Ticker
) -> tuple[list[Candidate], list[str]]:
    """Every sheet of every file, classified, and each file's SHA-256."""
    candidates: list[Candidate] = []
    digests: list[str] = []
    for number, path in enumerate(paths):
        data = read_bytes(path)
        if not data:
            _fail(path, "文件为空 / the file is empty")
        digests.append(hashlib.sha256(data).hexdigest())
        ticker.report(0.05 + 0.6 * number / len(paths))
        sheets, is_csv = _load(path, data, ticker)
        del data
        for sheet in sheets:
            candidate = classify(path, sheet, None if is_csv else sheet.name, profile)
            candidate.chart = sheet.chart
            candidates.append(candidate)
    return candidates, digests


def _read_part(role: Role, profile: MappingProfile | None, unit: str | None) -> list[_Part]:
    candidate = role.candidate
    path, sheet, label = candidate.path, candidate.sheet, candidate.label
    if len(role.tables) == 2:
        ents, records = split_sheet(
            path, sheet, role.tables[1], label=label, profile=profile, default_unit=unit
        )
        parts = [
            _Part(role, Table.ENTERPRISES, ents, len(ents.frame)),
            _Part(role, role.tables[1], records, len(records.frame)),
        ]
    else:
        table = role.tables[0]
        by_name = name_column(candidate, table)
        read = read_table(
            path, sheet, table, label=label, profile=profile, default_unit=unit,
            allow_missing=frozenset() if by_name is None else frozenset({"uscc"}),
            lookups=None if by_name is None else {NAME_LOOKUP: by_name},
        )  # fmt: skip
        parts = [_Part(role, table, read, len(read.frame))]
    letters = [c.letter for p in parts for c in p.read.mapping.columns if c.unit == unit]
    if unit is not None and letters:
        header_rows = parts[-1].read.mapping.header_rows
        parts[-1].read.issues.insert(
            0,
            QualityIssue(
                "info",
                f"表格注明“单位：{unit}”/ the sheet states the unit {unit}",
                label,
                header_rows[0] if header_rows else None,
                ",".join(sorted(set(letters), key=lambda x: (len(x), x))),
                unit,
                f"未注明单位的金额列按{unit}读取 / money columns without a unit read in {unit}",
            ),
        )
    return parts


def _where(part: _Part) -> str:
    candidate = part.role.candidate
    return candidate.label or candidate.path.name


def _fill_ids(part: _Part) -> list[QualityIssue]:
    """Blank record ids become "<sheet>!R<row>": stable, and unique across sheets."""
    key = record_key(part.table)
    frame = part.read.frame
    if key is None or frame.empty:
        return []
    blank = frame[key].isna().to_numpy()
    if not blank.any():
        return []
    prefix = _where(part)
    frame.loc[blank, key] = [f"{prefix}!R{row}" for row in frame.index[blank]]
    spec = TABLES[part.table].by_name()[key]
    sheet = part.role.candidate.label
    if key not in part.read.letters:  # no id column at all: one note for the sheet
        return [
            QualityIssue(
                "info",
                f"没有「{spec.label_zh}」列 / no {spec.label_en} column",
                sheet,
                part.read.above,
                None,
                None,
                f"按工作表和行号编号（如 {prefix}!R{frame.index[0]}）/ numbered by sheet and row",
            )
        ]
    return [
        QualityIssue(
            "info",
            f"「{spec.label_zh}」为空 / {spec.label_en} is blank",
            sheet,
            int(row),
            part.read.letters.get(key),
            None,
            f"按行号编号为 {prefix}!R{row} / numbered by row",
        )
        for row in frame.index[blank]
    ]


def _merge_enterprises(parts: list[_Part]) -> tuple[pd.DataFrame, list[QualityIssue]]:
    """One row per credit code over every sheet that gave enterprises, in order: the first
    sheet's row is kept, its blanks filled from later ones; a later value that differs is
    reported with its sheet, row and column, never resolved silently. Each row keeps where
    it was read (``_part``: index into ``parts``, ``_row``: Excel row) for later checks."""
    labels = TABLES[Table.ENTERPRISES].by_name()
    frames = []
    for number, part in enumerate(parts):
        frame = part.read.frame.copy()
        frame["_part"] = number
        frame["_row"] = frame.index
        frames.append(frame)
    combined = pd.concat(frames, ignore_index=True)
    codes = combined["uscc"]
    later = codes.notna() & codes.duplicated(keep="first")
    issues: list[QualityIssue] = []
    if not bool(later.any()):
        return combined, issues
    first = combined[~later]
    keyed = first[first["uscc"].notna()].set_index("uscc")
    repeats = combined[later]
    fields = [c for c in combined.columns if c not in ("uscc", "_part", "_row")]
    part_of = repeats["_part"].astype(int).tolist()
    row_of = repeats["_row"].astype(int).tolist()
    position = {at: n for n, at in enumerate(repeats.index)}
    for name in fields:
        mine = repeats[name]
        kept = keyed[name].reindex(repeats["uscc"]).set_axis(repeats.index)
        differs = mine.notna() & kept.notna() & (mine.astype(object) != kept.astype(object))
        for at in repeats.index[differs.to_numpy()]:
            part = parts[part_of[position[at]]]
            spec = labels.get(name)
            label_zh = spec.label_zh if spec else name
            label_en = spec.label_en.lower() if spec else name
            issues.append(
                QualityIssue(
                    "warning",
                    f"同一企业在其他工作表中的「{label_zh}」不同 / conflicting {label_en} for "
                    f"the same credit code in another sheet (kept: {text_of(kept[at])})",
                    part.role.candidate.label,
                    row_of[position[at]],
                    part.read.letters.get(name),
                    text_of(mine[at]),
                    "使用先读到的值 / the value read first is kept",
                )
            )
    # Blanks of the kept row are filled from the later rows of the same code.
    fill = repeats.groupby("uscc", sort=False)[fields].first()
    filled_rows = keyed[fields].combine_first(fill)[fields]
    keyed = keyed.copy()
    keyed[fields] = filled_rows.reindex(keyed.index)
    merged = pd.concat([keyed.reset_index(), first[first["uscc"].isna()]], ignore_index=True)
    for number, part in enumerate(parts):
        part.merged += int((repeats["_part"] == number).sum())
    return merged, issues


def _stated(candidate: Candidate, header_first: int) -> tuple[str | None, dt.date | None]:
    """The unit ("单位：万元") and the as-of date ("数据截至2025年9月30日") stated in the note
    rows above the header or below the data."""
    rows = candidate.sheet.rows
    texts = [c for r in rows[:header_first] for c in r if isinstance(c, str) and c.strip()]
    texts += [
        c
        for r in rows[-12:]
        for c in r
        if isinstance(c, str) and ("单位" in c or "截至" in c or "截止" in c)
    ]
    unit: str | None = None
    as_of: dt.date | None = None
    for text in texts:
        clean = clean_text(text)
        if unit is None and (found := _UNIT_NOTE.search(clean)):
            unit = found["unit"]
        if as_of is None and (found := _AS_OF_NOTE.search(clean)):
            try:
                as_of = dt.date(int(found["y"]), int(found["m"]), int(found["d"]))
            except ValueError:
                as_of = None
    return unit, as_of


_UNIT_NOTE = re.compile(r"(?:金额)?单位\s*[:：]?\s*(?:人民币)?\s*(?P<unit>亿元|万元|千元|元)")
_AS_OF_NOTE = re.compile(
    r"(?:数据)?(?:截至|截止|统计(?:日期|时点)|as of)\s*[:：]?\s*(?:日期)?\s*"
    r"(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})",
    re.IGNORECASE,
)


def _sheet_notes(candidate: Candidate) -> tuple[str | None, dt.date | None]:
    """The unit and as-of date the sheet's note rows state (above its first header)."""
    first = min((header.first for header, _ in candidate.found.values()), default=0)
    return _stated(candidate, first)


def _verdict(role: Role, parts: list[_Part]) -> SheetVerdict:
    candidate = role.candidate
    rows = candidate.rows
    file = candidate.path.name
    if not parts:
        return SheetVerdict(
            file, candidate.label, (), role.reason, rows, 0, 0, 0, rows,
            dropped_by=((role.reason, rows),) if rows else (),
        )  # fmt: skip
    rows_part = parts[-1]  # a split sheet's rows are counted once, as its records
    read = rows_part.read
    skipped = dict(read.skipped)
    if rows_part.dropped:
        reason = (
            "企业表中无此企业 / enterprise not found"
            if rows_part.by_name
            else "企业表中无此信用代码 / enterprise not found"
        )
        skipped[reason] = rows_part.dropped
    dropped = sum(skipped.values())
    used_columns = {c.index for p in parts for c in p.read.mapping.columns if c.field}
    header_mapping = rows_part.read.mapping
    unused = tuple(
        f"{c.letter} {c.header}" for c in header_mapping.columns if c.index not in used_columns
    )
    used = rows_part.parsed - rows_part.merged - rows_part.dropped
    return SheetVerdict(
        file,
        candidate.label,
        tuple(t.value for t in role.tables),
        role.reason,
        rows,
        read.above,
        used,
        rows_part.merged,
        dropped,
        header_mapping.header_rows,
        tuple(skipped.items()),
        unused,
    )


def _read_workbook(
    paths: list[Path],
    *,
    mapping: MappingProfile | None,
    progress: ProgressFn | None,
    should_cancel: CancelFn | None,
) -> ImportResult:
    ticker = _Ticker(progress, should_cancel)
    ticker.report(0.0)
    candidates, digests = _candidates(paths, mapping, ticker)
    # One file: its own digest; several: a digest of theirs (each file's is in ``files``).
    sha256 = (
        digests[0] if len(digests) == 1 else hashlib.sha256("\n".join(digests).encode()).hexdigest()
    )
    roles = assign(candidates, mapping)
    for role in roles:  # an enterprise sheet short of a required column: say which
        if role.looks == Table.ENTERPRISES and Table.ENTERPRISES in role.candidate.found:
            require(role.candidate.path, role.candidate.found[Table.ENTERPRISES][1], frozenset())
    ticker.report(0.7)
    issues: list[QualityIssue] = []
    as_of: dt.date | None = None
    parts_of: dict[int, list[_Part]] = {}
    for step, role in enumerate(roles):
        if not role.tables:
            continue
        unit, stated = _sheet_notes(role.candidate)
        as_of = as_of or stated
        parts_of[id(role)] = _read_part(role, mapping, unit)
        ticker.report(0.7 + 0.2 * (step + 1) / len(roles))
    parts = [p for role in roles for p in parts_of.get(id(role), [])]
    for part in parts:
        issues += _in(part, part.read.issues)
    ent_parts = [p for p in parts if p.table == Table.ENTERPRISES]
    if not ent_parts:
        _no_enterprises(paths, roles)
    # Dedicated enterprise sheets come first: their values win over a ledger's repeats.
    ent_parts.sort(key=lambda p: len(p.role.tables))
    for part in ent_parts:
        count = len(part.read.frame)
        part.read.frame, found = check_enterprises(
            part.read.frame,
            sheet=part.role.candidate.label,
            uscc_column=part.read.letters.get("uscc", ""),
        )
        issues += _in(part, found)
        part.merged = count - len(part.read.frame)
    enterprises, conflicts = _merge_enterprises(ent_parts)
    issues += conflicts
    sources = [(p.role.candidate.label, p.read.letters) for p in ent_parts]
    enterprises, found = complete_places(enterprises, sources)
    issues += found
    enterprises = enterprises.drop(columns=["_part", "_row"])
    if enterprises.empty:
        first = ent_parts[0]
        header_rows = first.read.mapping.header_rows
        _fail(
            first.role.candidate.path,
            "企业表在表头行之后没有数据行 / the enterprise sheet has no data rows below the header",
            sheet=first.role.candidate.label,
            row=header_rows[-1] if header_rows else None,
        )
    known = {c for c in enterprises["uscc"] if c is not None}
    frames: dict[Table, list[pd.DataFrame]] = {}
    seen_ids: dict[Table, dict[str, str]] = {}
    for part in parts:
        if part.table in (Table.ENTERPRISES, Table.INSTITUTIONS):
            if part.table == Table.INSTITUTIONS:
                frames.setdefault(part.table, []).append(part.read.frame)
            continue
        issues += _in(part, _fill_ids(part))
        issues += _in(part, _join_by_name(part, enterprises))
        before = part.read.frame
        label = part.role.candidate.label
        names = None
        if NAME_LOOKUP in before.columns:
            names = (part.read.letters[NAME_LOOKUP], before[NAME_LOOKUP])
            part.by_name = True
        after, found = check_records(
            before, part.table, known, sheet=label, columns=part.read.letters, names=names
        )
        issues += _in(part, found)
        before = before.drop(columns=[NAME_LOOKUP], errors="ignore")
        after = after.drop(columns=[NAME_LOOKUP], errors="ignore")
        gone = before.index.difference(after.index)
        orphans = int((~before.loc[gone, "uscc"].isin(known)).sum()) if len(gone) else 0
        part.dropped = orphans
        part.merged = len(gone) - orphans
        after, repeated = _drop_repeated_ids(after, part, seen_ids.setdefault(part.table, {}))
        issues += _in(part, repeated)
        frames.setdefault(part.table, []).append(after)
    issues = _with_files(issues, parts, paths)
    warnings = _warnings(roles, parts_of)
    verdicts = [_verdict(role, parts_of.get(id(role), [])) for role in roles]
    ticker.report(1.0)
    portfolio = Portfolio(
        enterprises=_canonical(enterprises, Table.ENTERPRISES),
        source=paths[0],
        sha256=sha256,
        files=tuple(zip(paths, digests, strict=True)),
        issues=issues,
        sheets=verdicts,
        warnings=warnings,
        data_as_of=as_of,
    )
    for table in (*RECORD_TABLES, Table.INSTITUTIONS):
        pieces = frames.get(table)
        frame = pd.concat(pieces, ignore_index=True) if pieces else empty_frame(table)
        setattr(portfolio, table.value, _canonical(frame, table))
    first_mapping: dict[Table, ColumnMapping] = {}
    for part in parts:
        first_mapping.setdefault(part.table, part.read.mapping)
    report = ImportReport(paths, verdicts, warnings, as_of)
    return ImportResult(portfolio, WorkbookMapping(first_mapping), report)


NAME_LOOKUP = "_enterprise_name"  # the name column of a record sheet without credit codes


def _name_key(name: object) -> str:
    return header_key(clean_text(name).replace("（", "(").replace("）", ")"))


def _join_by_name(part: _Part, enterprises: pd.DataFrame) -> list[QualityIssue]:
    """Records without a credit code take their enterprise's code by name (spaces, case and
    full-width brackets aside); a name no enterprise has, or several have, is reported."""
    frame = part.read.frame
    if NAME_LOOKUP not in frame.columns:
        return []
    if "uscc" not in frame.columns:
        frame["uscc"] = pd.Series([None] * len(frame), index=frame.index, dtype=object)
    codes: dict[str, set[str]] = {}
    for name, code in zip(enterprises["name"], enterprises["uscc"], strict=True):
        if name is not None and code is not None:
            codes.setdefault(_name_key(name), set()).add(code)
    letter = part.read.letters.get(NAME_LOOKUP)
    issues: list[QualityIssue] = []
    joined = 0
    for row, name, code in zip(frame.index, frame[NAME_LOOKUP], frame["uscc"], strict=True):
        if code is not None or name is None:
            continue
        found = codes.get(_name_key(name), set())
        if len(found) == 1:
            frame.at[row, "uscc"] = next(iter(found))
            joined += 1
    if joined:
        issues.insert(
            0,
            QualityIssue(
                "info",
                f"{joined} 条记录按企业名称关联到企业表 / {joined} records joined to the "
                "enterprises by name (no credit-code column)",
                part.role.candidate.label,
                part.read.mapping.header_rows[-1] if part.read.mapping.header_rows else None,
                letter, None, "按名称关联 / joined by name",
            ),
        )  # fmt: skip
    part.read.frame = frame
    return issues


def _drop_repeated_ids(
    frame: pd.DataFrame, part: _Part, seen: dict[str, str]
) -> tuple[pd.DataFrame, list[QualityIssue]]:
    """A record id already read from another sheet: the later row is dropped, reported."""
    key = record_key(part.table)
    if key is None or frame.empty:
        return frame, []
    where = _where(part)
    ids = frame[key].astype(str)
    again = ids.isin(seen.keys()).to_numpy().copy()
    if part.table == Table.PROJECTS:  # projects repeat their id per kind (see check_records)
        again[:] = False
    issues = [
        QualityIssue(
            "warning",
            f"与工作表「{seen[ids[row]]}」中的记录编号重复 / the record id repeats one read from "
            f"sheet {seen[ids[row]]}",
            part.role.candidate.label,
            int(row),
            part.read.letters.get(key),
            ids[row],
            "删除此行，保留先读到的 / dropped; the first is kept",
        )
        for row in frame.index[again]
    ]
    for value in ids[~again]:
        seen.setdefault(value, where)
    part.merged += int(again.sum())
    return frame[~again], issues


def _warnings(roles: list[Role], parts_of: dict[int, list[_Part]]) -> list[str]:
    """What a run must say on stderr / in a banner: record sheets not used, records lost."""
    out: list[str] = []
    for role in roles:
        where = role.candidate.label or role.candidate.path.name
        if role.warn:
            out.append(f"工作表「{where}」未使用：{role.reason}")
        for part in parts_of.get(id(role), []):
            if part.table == Table.ENTERPRISES or not part.parsed:
                continue
            label = TABLES[part.table].label_zh
            why, why_en = ("企业名称", "name") if part.by_name else ("信用代码", "credit code")
            if part.dropped == part.parsed:
                out.append(
                    f"工作表「{where}」的 {part.parsed} 行{label}记录都未使用："
                    f"{why}不在企业表中 "
                    f"/ none of the {part.parsed} {part.table.value} rows of sheet {where} "
                    f"were used: their {why_en}s are not in the enterprise table"
                )
            elif part.dropped:
                out.append(
                    f"工作表「{where}」有 {part.dropped} 行{label}记录未使用：{why}不在企业表中 "
                    f"/ {part.dropped} {part.table.value} rows of sheet {where} not used: "
                    f"{why_en} not in the enterprise table"
                )
    return out


def _in(part: _Part, found: list[QualityIssue]) -> list[QualityIssue]:
    """``found`` located in ``part``'s file."""
    name = part.role.candidate.path.name
    return [i if i.file else replace(i, file=name) for i in found]


def _with_files(
    issues: list[QualityIssue], parts: list[_Part], paths: list[Path]
) -> list[QualityIssue]:
    """Name each finding's input file: the one file read, else (for what is left once each
    table's own findings are located: merging and place checks, which are about the
    enterprise tables) the file whose enterprise table the finding's sheet names. A sheet
    name that two files share stays without a file rather than get the wrong one."""
    if len(paths) == 1:
        name = paths[0].name
        return [i if i.file else replace(i, file=name) for i in issues]
    files_of: dict[str | None, set[str]] = {}
    for part in parts:
        if part.table != Table.ENTERPRISES:
            continue
        candidate = part.role.candidate
        files_of.setdefault(candidate.label, set()).add(candidate.path.name)
    out = []
    for issue in issues:
        files = files_of.get(issue.sheet, set())
        if issue.file is None and len(files) == 1:
            issue = replace(issue, file=next(iter(files)))
        out.append(issue)
    return out


def _no_enterprises(paths: list[Path], roles: list[Role]) -> NoReturn:
    path = paths[0]
    if all(not any(filled(r) for r in role.candidate.sheet.rows) for role in roles):
        _fail(path, "工作簿中没有任何数据 / the workbook contains no data")
    expected = "、".join(TABLES[Table.ENTERPRISES].sheet_names)
    seen = "；".join(
        f"「{role.candidate.label or role.candidate.path.name}」{role.reason}" for role in roles
    )
    _fail(
        path,
        "找不到企业工作表（需含“统一社会信用代码”或“企业名称”列；工作表名不限，"
        f"常见的有 {expected}）/ "
        f"no enterprise sheet found (give it credit-code and name columns). 各工作表：{seen}",
    )


def read_headers(path: InputPaths, *, mapping: MappingProfile | None = None) -> WorkbookMapping:
    """The column mapping the reader would apply, from the header rows only (no cell is
    parsed): for the import dialog and :func:`read_signature`."""
    with gc_paused():
        candidates, _ = _candidates(expand_inputs(path), mapping, _Ticker(None, None))
        tables: dict[Table, ColumnMapping] = {}
        for role in assign(candidates, mapping):
            for table in role.tables:
                if table in role.candidate.found:
                    tables.setdefault(table, role.candidate.found[table][1])
        return WorkbookMapping(tables)


@dataclass
class Detection:
    """What the import would do with every sheet, from the header rows only: the column
    mapping of each table (a table no sheet qualifies for: the sheet that resembles it most,
    so the analyst can fix it), a verdict per sheet (rows not counted yet) and the
    signature of the layout (see :func:`read_signature`). Never fails on a layout."""

    mapping: WorkbookMapping
    verdicts: list[SheetVerdict]
    signature: str


def detect(path: InputPaths, *, mapping: MappingProfile | None = None) -> Detection:
    """The detection stage alone (see :class:`Detection`), for the import dialog when the
    full read fails; the file must still be readable (else :class:`InputFileError`)."""
    with gc_paused():
        candidates, _ = _candidates(expand_inputs(path), mapping, _Ticker(None, None))
        roles = assign(candidates, mapping)
        tables = _assigned_tables(roles)
        for role in roles:  # the unused sheets: what they look like most
            found = role.candidate.found
            looks = role.looks or max(found, key=role.candidate.score, default=None)
            if looks is not None and looks in found and looks not in tables:
                tables[looks] = found[looks][1]
        verdicts = [_verdict(role, []) for role in roles]
        auto = candidates if mapping is None else None
        return Detection(WorkbookMapping(tables), verdicts, _signature(auto, path))


def _assigned_tables(roles: list[Role]) -> dict[Table, ColumnMapping]:
    """Each table's column mapping from the first sheet assigned to it."""
    tables: dict[Table, ColumnMapping] = {}
    for role in roles:
        for table in role.tables:
            if table in role.candidate.found:
                tables.setdefault(table, role.candidate.found[table][1])
    return tables


def _unused_lines(roles: list[Role]) -> list[str]:
    """One signature line per sheet not read: its name and its first row of labels, so a
    layout the detection cannot read still finds the profile saved for it."""
    lines: list[str] = []
    for role in roles:
        if role.tables or not any(filled(r) for r in role.candidate.sheet.rows):
            continue
        top = first_text_row(role.candidate.sheet.rows)
        cells = role.candidate.sheet.rows[top] if top is not None else ()
        texts = [str(c) for c in cells if c is not None and str(c).strip()]
        lines.append(signature_line(role.candidate.label, texts))
    return lines


def _signature(candidates: list[Candidate] | None, path: InputPaths) -> str:
    if candidates is None:
        candidates, _ = _candidates(expand_inputs(path), None, _Ticker(None, None))
    roles = assign(candidates, None)
    tables = _assigned_tables(roles)
    lines = set(headers_signature(WorkbookMapping(tables)).splitlines())
    lines |= set(_unused_lines(roles))
    return "\n".join(sorted(line for line in lines if line))


def read_signature(path: InputPaths) -> str:
    """The headers signature of a file as detected without a profile (the header texts of
    every sheet read, and the first labels of every sheet not read), to look up its saved
    profile with :func:`desktop.spreadsheet.mapping.find_profile`."""
    with gc_paused():
        return _signature(None, path)


def read_portfolio(
    path: InputPaths,
    *,
    mapping: MappingProfile | None = None,
    progress: ProgressFn | None = None,
    should_cancel: CancelFn | None = None,
) -> Portfolio:
    """Read the enterprise workbook (template sheets 企业 / 贷款 / …, or any ledger whose
    columns can be recognised) or a CSV of enterprises.

    ``progress`` receives fractions 0…1; ``should_cancel`` is polled and, when it returns
    True, :class:`CancelledError` is raised (the GUI runs this on a worker thread).
    """
    return read_workbook(
        path, mapping=mapping, progress=progress, should_cancel=should_cancel
    ).portfolio


__all__ = [
    "Detection",
    "ImportReport",
    "ImportResult",
    "detect",
    "expand_inputs",
    "read_headers",
    "read_portfolio",
    "read_signature",
    "read_workbook",
]

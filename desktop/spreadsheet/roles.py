"""Which sheet holds which table: every sheet scored against every table's vocabulary.

Stage "classify" of the import: each sheet of each input file becomes a :class:`Candidate`
with, per table, the header block, the column mapping and a score (the confidence of every
mapped column, the record id weighing most). Stage "assign" turns all candidates into a
:class:`Role` per sheet — the tables read from it, or *not used* with the reason — so sheet
order and names do not matter, and a sheet that is not used always says why.

A sheet whose columns name an enterprise *and* a record table (a bank's loan ledger, a
district's application list with one row per application) is read as both.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from desktop.core.fields import RECORD_TABLES, TABLES, Table
from desktop.spreadsheet.categories import clean_text
from desktop.spreadsheet.engine import Sheet, filled
from desktop.spreadsheet.layout import HeaderBlock, is_example
from desktop.spreadsheet.mapping import (
    UNSET,
    ColumnMapping,
    MappingProfile,
    map_columns,
    sheet_key,
)
from desktop.spreadsheet.tables import locate

# Sheet names that say what a sheet is not: instructions, dictionaries, summaries.
_INSTRUCTIONS = re.compile(
    r"说明|填表|填报要求|须知|示例|样例|模板说明|readme|instruction|guide", re.I
)
_DICTIONARY = re.compile(
    r"代码表|码表|字典|数据字典|枚举|下拉|选项|参照|dictionary|lookup|codes?$", re.I
)
_SUMMARY = re.compile(r"透视|汇总|统计|合计|分析|summary|pivot|dashboard|overview|图表|chart", re.I)
_SUMMARY_HEADER = ("合计", "汇总", "总计", "求和", "计数", "家数", "户数", "笔数", "sum", "count")
# A record sheet needs this many of its own fields (beyond the credit code and the id) to
# count; one fewer when it has an id column.
MIN_OWN_FIELDS = 2
# Mapped columns below this confidence do not make a sheet a table (similar words only).
SURE = 0.8


@dataclass
class Candidate:
    """One sheet of one input file, with what each table would read from it."""

    path: Path
    sheet: Sheet
    label: str | None  # the sheet name shown; None for a CSV file
    found: dict[Table, tuple[HeaderBlock, ColumnMapping]] = field(default_factory=dict)
    chart: bool = False  # a chart sheet (no cells)

    @property
    def rows(self) -> int:
        return len(self.sheet.rows)

    def score(self, table: Table) -> float:
        """Sum of the confidences of the columns mapped to ``table``'s own fields; the
        record id counts double (it says what a sheet is about), the credit code half."""
        if table not in self.found:
            return 0.0
        total = 0.0
        key = next(f.name for f in TABLES[table].fields if f.key)
        for column in self.found[table][1].columns:
            if column.field is None:
                continue
            weight = 2.0 if column.field == key else 0.5 if column.field == "uscc" else 1.0
            total += weight * column.confidence
        return total

    def own_fields(self, table: Table) -> set[str]:
        """Fields of ``table`` mapped with confidence, other than the credit code."""
        if table not in self.found:
            return set()
        return {
            c.field
            for c in self.found[table][1].columns
            if c.field is not None and c.field != "uscc" and c.confidence >= SURE
        }


@dataclass
class Role:
    """What the import does with one sheet: the tables read (``()`` = not used) and why."""

    candidate: Candidate
    tables: tuple[Table, ...]
    reason: str
    warn: bool = False  # not used although it looks like records: the run warns about it
    looks: Table | None = None  # the table an unused sheet resembles most


def classify(
    path: Path, sheet: Sheet, label: str | None, profile: MappingProfile | None
) -> Candidate:
    candidate = Candidate(path, sheet, label)
    if not any(filled(r) for r in sheet.rows):
        return candidate
    for table in TABLES:
        found = locate(sheet, table, profile, label, where=label or path.name)
        if found is not None:
            candidate.found[table] = found
    return candidate


def _qualifies(candidate: Candidate, table: Table) -> bool:
    """Every required field has a column (a record table's id may be generated)."""
    if table not in candidate.found:
        return False
    mapping = candidate.found[table][1]
    spec = TABLES[table]
    key = next(f.name for f in spec.fields if f.key)
    missing = set(mapping.missing_required)
    if table in RECORD_TABLES:
        missing.discard(key)
        if name_column(candidate, table) is not None:
            missing.discard("uscc")
        own = candidate.own_fields(table)
        if len(own - {key}) < (MIN_OWN_FIELDS - 1 if key in own else MIN_OWN_FIELDS):
            return False
    return not missing


def name_column(candidate: Candidate, table: Table) -> int | None:
    """The column naming the enterprise on a record sheet without a credit-code column (its
    records are joined to the enterprises by name), or ``None``."""
    if table not in RECORD_TABLES or table not in candidate.found:
        return None
    header, records = candidate.found[table]
    if "uscc" not in records.missing_required:
        return None
    taken = {c.index for c in records.columns if c.field is not None}
    enterprises = map_columns(header.labels, Table.ENTERPRISES, parents=header.parents)
    for column in enterprises.columns:
        if column.field == "name" and column.index not in taken and column.confidence >= SURE:
            return column.index
    return None


BY_PROFILE = "映射方案指定 / set by the mapping profile"
NOT_USED_BY_PROFILE = "映射方案设为不使用 / not used (set in the mapping profile)"
NO_HEADER = "未找到表头行 / no header row found"


def where_of(candidate: Candidate) -> str:
    """The name a mapping profile gives a sheet by: its sheet name, a CSV's file name."""
    return candidate.label or candidate.path.name


BY_NAME = "无信用代码列，按企业名称关联企业 / no credit-code column: joined to enterprises by name"


def _enterprise_fields(candidate: Candidate, record: Table) -> set[str]:
    """Enterprise fields named by the columns of a record sheet that are not the records'."""
    header, records = candidate.found[record]
    taken = {c.index for c in records.columns if c.field not in (None, "uscc")}
    enterprises = map_columns(header.labels, Table.ENTERPRISES, parents=header.parents)
    return {c.field for c in enterprises.columns if c.field and c.index not in taken}


def _ledger_enterprises(candidate: Candidate, record: Table) -> bool:
    """The sheet names the borrower (credit code and enterprise name) beside the records."""
    return {"uscc", "name"} <= _enterprise_fields(candidate, record)


def _missing_text(candidate: Candidate, table: Table) -> str:
    spec = TABLES[table].by_name()
    names = _missing_required(candidate, table)
    zh = "、".join(spec[n].label_zh for n in names)
    en = ", ".join(spec[n].label_en for n in names)
    return f"缺少必填列：{zh} / missing required column(s): {en}"


def _is_summary(candidate: Candidate, table: Table | None) -> bool:
    if candidate.label and _SUMMARY.search(candidate.label):
        return True
    if table is None:
        return False
    labels = [clean_text(x) for x in candidate.found[table][0].labels if x not in (None, "")]
    return any(word in label.lower() for label in labels for word in _SUMMARY_HEADER)


def _has_example_rows(candidate: Candidate, table: Table) -> bool:
    header = candidate.found[table][0]
    body: list[Sequence[object]] = []
    for row in itertools.islice(candidate.sheet.rows, header.last + 1, None):
        if filled(row):
            body.append(row)
            if len(body) > 5:  # a data sheet: no need to walk its 300,000 rows
                return False
    if not body:
        return False
    # Instructions when every row is an example or a note; an example row above real rows
    # is dropped by itself (see layout.body_rows) and the sheet is read.
    examples = [is_example(r) for r in body]
    notes = [sum(1 for c in r if c not in (None, "")) == 1 for r in body]
    return any(examples) and all(e or n for e, n in zip(examples, notes, strict=True))


def _unused_reason(candidate: Candidate) -> tuple[str, bool]:
    """(reason, warn) for a sheet from which no table is read."""
    label = candidate.label or ""
    if candidate.chart:
        return "图表页 / chart sheet", False
    if not any(filled(r) for r in candidate.sheet.rows):
        return "空表 / empty sheet", False
    best = max(candidate.found, key=candidate.score, default=None)
    if _INSTRUCTIONS.search(label):
        return "说明页 / instructions", False
    if _DICTIONARY.search(label):
        return "代码表 / code dictionary", False
    if _SUMMARY.search(label):
        return "透视汇总表 / pivot or summary table", False
    if best is None:
        texts = [c for r in candidate.sheet.rows[:30] for c in r if isinstance(c, str) and c]
        long_texts = sum(len(t) >= 15 for t in texts)
        if long_texts >= max(1, len(texts) // 3):
            return "说明页：无数据表头 / instructions: no data header", False
        return "未找到可识别的表头 / no recognisable header row", False
    if _is_summary(candidate, best):
        return "透视汇总表 / pivot or summary table", False
    if best in RECORD_TABLES and candidate.own_fields(best):
        looks = TABLES[best].label_zh
        if not _missing_required(candidate, best):
            reason = f"像是{looks}表，但可识别的列太少 / looks like {best.value}, too few columns"
        else:
            reason = f"像是{looks}表，但{_missing_text(candidate, best)}"
        return reason, True
    if best == Table.ENTERPRISES:
        return f"像是企业表，但{_missing_text(candidate, best)}", True
    return f"表头不完整：{_missing_text(candidate, best)}", False


def _missing_required(candidate: Candidate, table: Table) -> list[str]:
    """Required fields without a column (a record table's id may be generated)."""
    key = next(f.name for f in TABLES[table].fields if f.key)
    mapping = candidate.found[table][1]
    by_name = name_column(candidate, table) is not None
    return [
        n
        for n in mapping.missing_required
        if not (table in RECORD_TABLES and (n == key or (n == "uscc" and by_name)))
    ]


def assign(candidates: list[Candidate], profile: MappingProfile | None = None) -> list[Role]:
    """One :class:`Role` per candidate, in input order.

    A sheet is read as the table it scores best for among those whose required columns it
    has; a record sheet that also names the enterprise is split into both. Instructions
    (by name, or a header with only example rows), code dictionaries and summaries are not
    used, and neither is a sheet that qualifies for nothing — each with its reason. Several
    sheets of one table are all read (their rows are joined); a mapping profile that names
    a sheet for a table decides for that table."""
    pinned = _pinned(candidates, profile)
    roles: list[Role] = []
    for candidate in candidates:
        given = UNSET if profile is None else profile.role_of(where_of(candidate))
        if given is None:
            roles.append(Role(candidate, (), NOT_USED_BY_PROFILE))
            continue
        if isinstance(given, Table):
            if given in candidate.found:
                roles.append(_role_for(candidate, given, BY_PROFILE))
            else:
                reason = f"映射方案指定为{TABLES[given].label_zh}表，但{NO_HEADER}"
                roles.append(Role(candidate, (), reason, True, given))
            continue
        if id(candidate) in pinned:
            table = pinned[id(candidate)]
            roles.append(_role_for(candidate, table, BY_PROFILE))
            continue
        label = candidate.label or ""
        qualified = [t for t in candidate.found if _qualifies(candidate, t)]
        if not qualified or _INSTRUCTIONS.search(label) or _DICTIONARY.search(label):
            reason, warn = _unused_reason(candidate)
            looks = max(candidate.found, key=candidate.score, default=None) if warn else None
            roles.append(Role(candidate, (), reason, warn, looks))
            continue
        best = max(qualified, key=lambda t: (candidate.score(t), t in RECORD_TABLES))
        if _has_example_rows(candidate, best):
            roles.append(
                Role(candidate, (), "说明页（含示例行）/ instructions with an example row")
            )
            continue
        if best == Table.ENTERPRISES and _is_summary(candidate, best):
            roles.append(Role(candidate, (), "透视汇总表 / pivot or summary table"))
            continue
        roles.append(_role_for(candidate, best, _score_text(candidate, best)))
    return _lookup_columns_only(roles)


def _lookup_columns_only(roles: list[Role]) -> list[Role]:
    """Where an enterprise sheet exists, a record sheet whose only enterprise columns are
    the credit code and the name carries them for people to read: it is not split (its
    records join the enterprise sheet; records of unknown enterprises are reported)."""
    if not any(r.tables == (Table.ENTERPRISES,) for r in roles):
        return roles
    out: list[Role] = []
    for role in roles:
        if len(role.tables) == 2 and _enterprise_fields(role.candidate, role.tables[1]) <= {
            "uscc",
            "name",
        }:
            record = role.tables[1]
            role = Role(role.candidate, (record,), _score_text(role.candidate, record))
        out.append(role)
    return out


def _role_for(candidate: Candidate, table: Table, reason: str) -> Role:
    """Read ``table``; split out the enterprises where a record sheet names them too."""
    if table == Table.ENTERPRISES:
        records = [
            t
            for t in RECORD_TABLES
            if _qualifies(candidate, t) and _ledger_enterprises(candidate, t)
        ]
        if records:
            record = max(records, key=candidate.score)
            return Role(candidate, (Table.ENTERPRISES, record), _ledger_text(record))
        return Role(candidate, (table,), reason)
    if table in RECORD_TABLES and _ledger_enterprises(candidate, table):
        return Role(candidate, (Table.ENTERPRISES, table), _ledger_text(table))
    return Role(candidate, (table,), reason)


def _ledger_text(record: Table) -> str:
    spec = TABLES[record]
    return (
        f"每行一笔{spec.label_zh}，企业信息随行重复：拆分为企业表和{spec.label_zh}表 / one "
        f"{record.value} record per row with the enterprise's columns: split into enterprises "
        f"and {record.value}"
    )


def _score_text(candidate: Candidate, table: Table) -> str:
    spec = TABLES[table]
    mapped = len(candidate.found[table][1].by_field())
    text = f"按表头识别为{spec.label_zh}表（{mapped}列）/ read as {table.value} by its header"
    return f"{text}；{BY_NAME}" if name_column(candidate, table) is not None else text


def _pinned(candidates: list[Candidate], profile: MappingProfile | None) -> dict[int, Table]:
    """Candidates a mapping profile assigns to a table by sheet name."""
    if profile is None:
        return {}
    out: dict[int, Table] = {}
    for table, name in profile.sheets.items():
        if not name:
            continue
        for candidate in candidates:
            if candidate.label is not None and sheet_key(candidate.label) == sheet_key(name):
                if table in candidate.found:
                    out[id(candidate)] = table
                break
    return out


__all__ = ["Candidate", "Role", "assign", "classify", "where_of"]

"""The portfolio: enterprises and their records as pandas frames with canonical columns.

Column dtypes by field type (see :mod:`desktop.core.fields`):
text and category → ``object`` (``str`` or ``None``); money, ratio, number and count →
``float64`` (``NaN`` is missing; money is in yuan, rounded to 分 on import); date →
``datetime64[ns]`` (``NaT`` is missing); flag → pandas nullable ``boolean`` (``<NA>`` is
missing). Missing is never zero.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from desktop.core.fields import RECORD_TABLES, TABLES, FieldType, Table
from desktop.i18n import text


@dataclass(frozen=True)
class QualityIssue:
    """One data-quality finding, located in the input file."""

    severity: str  # "error" | "warning" | "info"
    message: str
    sheet: str | None = None
    row: int | None = None  # Excel row number (1-based)
    column: str | None = None  # Excel column letter
    value: str | None = None  # the original cell text
    action: str | None = None  # what was done: kept, converted, dropped
    file: str | None = None  # the input file's name (filled by the reader)

    def place(self, several_files: bool = False) -> str:
        """Where, for a reader: the sheet; a CSV file's name; "file · sheet" when the
        portfolio was read from several files (two banks' workbooks both have 「贷款」)."""
        if several_files and self.file and self.sheet:
            return f"{self.file} · {self.sheet}"
        return self.sheet or self.file or ""


@dataclass(frozen=True)
class SheetVerdict:
    """What the import made of one sheet of one input file: the tables read from it (none =
    not used, with the reason) and where every row went.

    ``above`` counts the title and header rows, ``used`` the rows carried into the portfolio,
    ``merged`` the rows folded into an earlier one (a repeated credit code or record id) and
    ``dropped`` every other row (blank, totals, notes, repeated headers, records without an
    enterprise, or the whole sheet when it is not used): ``above + used + merged + dropped ==
    rows`` always.
    """

    file: str
    sheet: str | None  # None for a CSV file
    tables: tuple[str, ...]  # table names read from the sheet; () = not used
    reason: str  # bilingual: why this role, or why not used
    rows: int = 0
    above: int = 0
    used: int = 0
    merged: int = 0
    dropped: int = 0
    header_rows: tuple[int, ...] = ()  # Excel row numbers
    dropped_by: tuple[tuple[str, int], ...] = ()  # (reason, count) within ``dropped``
    unused_columns: tuple[str, ...] = ()  # "B 备注" for columns read from no table

    @property
    def role(self) -> str:
        return "+".join(self.tables) if self.tables else "unused"

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "sheet": self.sheet,
            "role": self.role,
            "tables": list(self.tables),
            "reason": self.reason,
            "header_rows": list(self.header_rows),
            "rows": self.rows,
            "above": self.above,
            "used": self.used,
            "merged": self.merged,
            "dropped": self.dropped,
            "dropped_by": dict(self.dropped_by),
            "unused_columns": list(self.unused_columns),
        }


def sheet_verdict_text(verdict: SheetVerdict, lang: str = "zh") -> str:
    """One line: what was read from the sheet and where its rows went."""
    if verdict.tables:
        names = (TABLES[Table(t)].label(lang) for t in verdict.tables)
        names = (n if lang == "zh" else n.lower() for n in names)
        read = text("import.sheet_tables_sep", lang).join(names)
    else:
        read = text("import.sheet_unused", lang)
    line = text(
        "import.sheet_line",
        lang,
        read=read,
        rows=verdict.rows,
        above=verdict.above,
        used=verdict.used,
        merged=verdict.merged,
        dropped=verdict.dropped,
    )
    if verdict.tables and verdict.dropped_by:
        parts = text("import.sheet_dropped_sep", lang).join(
            f"{k} {n}" for k, n in verdict.dropped_by
        )
        line = text("import.sheet_dropped_by", lang, text=line, parts=parts)
    return line


def _empty(table: Table) -> Callable[[], pd.DataFrame]:
    return lambda: empty_frame(table)


@dataclass
class Portfolio:
    """Enterprises, their records (one frame per record table) and the institutions."""

    enterprises: pd.DataFrame
    loans: pd.DataFrame = field(default_factory=_empty(Table.LOANS))
    events: pd.DataFrame = field(default_factory=_empty(Table.EVENTS))
    guarantees: pd.DataFrame = field(default_factory=_empty(Table.GUARANTEES))
    insurance: pd.DataFrame = field(default_factory=_empty(Table.INSURANCE))
    losses: pd.DataFrame = field(default_factory=_empty(Table.LOSSES))
    projects: pd.DataFrame = field(default_factory=_empty(Table.PROJECTS))
    investments: pd.DataFrame = field(default_factory=_empty(Table.INVESTMENTS))
    institutions: pd.DataFrame = field(default_factory=_empty(Table.INSTITUTIONS))
    source: Path | None = None  # the first (or only) input file
    sha256: str | None = None  # of that file; of the files' digests when there are several
    files: tuple[tuple[Path, str], ...] = ()  # every input file read, with its SHA-256
    issues: list[QualityIssue] = field(default_factory=list)
    # One verdict per sheet of every input file (empty for portfolios built in code).
    sheets: list[SheetVerdict] = field(default_factory=list)
    # Warnings a run must not pass over: record sheets found but not usable, and so on.
    warnings: list[str] = field(default_factory=list)
    data_as_of: dt.date | None = None  # "数据截至…" stated in the file

    def table(self, table: Table) -> pd.DataFrame:
        frame: pd.DataFrame = getattr(self, table.value)
        return frame

    def sheet_issues(self) -> list[QualityIssue]:
        """The sheet verdicts as findings, for lists that show issues (a sheet not used
        is a warning)."""
        return [
            QualityIssue(
                "info" if v.tables else "warning",
                sheet_verdict_text(v),
                v.sheet or v.file,
                None,
                None,
                v.file,
                v.reason,
            )
            for v in self.sheets
        ]

    def record_counts(self) -> dict[Table, int]:
        return {t: len(self.table(t)) for t in RECORD_TABLES}


def empty_frame(table: Table) -> pd.DataFrame:
    """A frame with every canonical column of ``table`` and no rows."""
    return conform(pd.DataFrame(), table)


def conform(frame: pd.DataFrame, table: Table) -> pd.DataFrame:
    """Add missing canonical columns (all missing) and coerce dtypes; keep extra columns."""
    out = frame.copy()
    for spec in TABLES[table].fields:
        if spec.name not in out.columns:
            out[spec.name] = pd.Series([None] * len(out), index=out.index, dtype=object)
        col = out[spec.name]
        if spec.type in (FieldType.MONEY, FieldType.RATIO, FieldType.NUMBER, FieldType.COUNT):
            out[spec.name] = pd.to_numeric(col, errors="coerce").astype(float)
            if spec.type == FieldType.MONEY:
                out[spec.name] = out[spec.name].round(2)
        elif spec.type == FieldType.DATE:
            out[spec.name] = pd.to_datetime(col, errors="coerce").astype("datetime64[ns]")
        elif spec.type == FieldType.FLAG:
            out[spec.name] = col.astype("boolean")
        else:
            out[spec.name] = col.astype(object).where(col.notna(), None)
    return out.reset_index(drop=True)


def from_frames(
    enterprises: pd.DataFrame,
    loans: pd.DataFrame | None = None,
    events: pd.DataFrame | None = None,
    **others: pd.DataFrame | None,
) -> Portfolio:
    """A portfolio from plain frames (tests, generators); columns are conformed."""
    frames: dict[str, pd.DataFrame | None] = {"loans": loans, "events": events, **others}
    tables: dict[str, pd.DataFrame] = {}
    for name, frame in frames.items():
        table = Table(name)  # ValueError for an unknown table name
        tables[name] = conform(frame if frame is not None else pd.DataFrame(), table)
    portfolio = Portfolio(enterprises=conform(enterprises, Table.ENTERPRISES))
    for name, frame in tables.items():
        setattr(portfolio, name, frame)
    return portfolio


__all__ = [
    "Portfolio",
    "QualityIssue",
    "SheetVerdict",
    "conform",
    "empty_frame",
    "from_frames",
    "sheet_verdict_text",
]

"""Reading enterprise ledgers (xlsx / xlsm / xls / ods / csv; one file, several or a folder)
into a Portfolio. Qt-free, like desktop.core.

Public entry points: :func:`read_portfolio` / :func:`read_workbook` (portfolio plus the
:class:`ColumnMapping` per table), mapping profiles (:func:`load_mapping`, :func:`save_mapping`),
:func:`map_headers`, :func:`find_profile` (the saved profile for a workbook's
:func:`headers_signature` / :func:`read_signature`), the credit-code helpers and the cell parsers in
:mod:`desktop.spreadsheet.values`.
"""

from __future__ import annotations

from desktop.spreadsheet.headers import HeaderMatch, map_headers, match_header, split_unit
from desktop.spreadsheet.mapping import (
    ColumnMapping,
    MappedColumn,
    MappingProfile,
    ProfileColumn,
    WorkbookMapping,
    find_profile,
    headers_signature,
    load_mapping,
    save_mapping,
)
from desktop.spreadsheet.reader import (
    ImportResult,
    read_headers,
    read_portfolio,
    read_signature,
    read_workbook,
)
from desktop.spreadsheet.uscc import is_valid_uscc, make_uscc, normalise_uscc, uscc_problem

__all__ = [
    "ColumnMapping",
    "HeaderMatch",
    "ImportResult",
    "MappedColumn",
    "MappingProfile",
    "ProfileColumn",
    "WorkbookMapping",
    "find_profile",
    "headers_signature",
    "is_valid_uscc",
    "load_mapping",
    "make_uscc",
    "map_headers",
    "match_header",
    "normalise_uscc",
    "read_headers",
    "read_portfolio",
    "read_signature",
    "read_workbook",
    "save_mapping",
    "split_unit",
    "uscc_problem",
]

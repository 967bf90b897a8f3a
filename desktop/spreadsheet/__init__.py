"""Reading enterprise ledgers (xlsx / csv) into a Portfolio. Qt-free, like desktop.core.

Public entry points: :func:`read_portfolio`, :func:`map_headers`, the credit-code helpers and
the cell parsers in :mod:`desktop.spreadsheet.values`.
"""

from __future__ import annotations

from desktop.spreadsheet.headers import HeaderMatch, map_headers, match_header, split_unit
from desktop.spreadsheet.reader import read_portfolio
from desktop.spreadsheet.uscc import is_valid_uscc, make_uscc, normalise_uscc, uscc_problem

__all__ = [
    "HeaderMatch",
    "is_valid_uscc",
    "make_uscc",
    "map_headers",
    "match_header",
    "normalise_uscc",
    "read_portfolio",
    "split_unit",
    "uscc_problem",
]

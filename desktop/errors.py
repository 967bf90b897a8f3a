"""One exception tree. Every message is written for the analyst, not the developer."""

from __future__ import annotations

from dataclasses import dataclass


class DesktopError(Exception):
    """Base of all errors PolicyDesk expects and explains to the user."""


@dataclass
class Location:
    """Where in an input something went wrong; every part is optional."""

    file: str | None = None
    sheet: str | None = None
    row: int | None = None  # Excel row number, 1-based
    column: str | None = None  # Excel column letter or header
    line: int | None = None  # line in a text file (YAML, CSV)
    key: str | None = None  # key path in a YAML file

    def describe(self) -> str:
        parts: list[str] = []
        if self.file:
            parts.append(self.file)
        if self.sheet:
            parts.append(f"sheet '{self.sheet}'")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column:
            parts.append(f"column {self.column}")
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.key:
            parts.append(f"key '{self.key}'")
        return ", ".join(parts)


class LocatedError(DesktopError):
    """An error that points at a place in a file."""

    def __init__(self, message: str, location: Location | None = None) -> None:
        self.message = message
        self.location = location or Location()
        where = self.location.describe()
        super().__init__(f"{where}: {message}" if where else message)


class InputFileError(LocatedError):
    """The enterprise spreadsheet cannot be read or holds values we cannot use."""


class PolicyFileError(LocatedError):
    """A policy catalogue file is malformed."""


class ExpressionError(DesktopError):
    """A condition or formula in a policy file is not in the allowed language."""


class ParameterError(DesktopError):
    """A parameter override names an unknown parameter or has a value of the wrong type."""


class OutputFileError(DesktopError):
    """A result file cannot be written (locked, read-only, would overwrite the input)."""


class CancelledError(DesktopError):
    """The user cancelled a long-running job."""

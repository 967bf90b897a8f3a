"""Result files: the Excel workbook and CSV copies of an :class:`Evaluation`."""

from desktop.export.csvfiles import write_csv
from desktop.export.workbook import write_workbook

__all__ = ["write_csv", "write_workbook"]

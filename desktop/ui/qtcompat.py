"""Work-arounds for defects in the installed PySide6 build, each detected, never assumed.

PySide6 6.12.0 returns ``True``/``False`` from ``SignalInstance.emit()`` without owning a
reference to it. On Python 3.11 (where ``True`` is not immortal) every ``emit`` from Python
lowers ``True``'s reference count by one; after a few thousand emissions — one busy session
of progress reports — the interpreter aborts with "bool_dealloc: deallocating True or
False". :func:`emit` compensates exactly when a probe at import shows the defect, and does
nothing on a fixed PySide6 or on Python 3.12+.

Also here, as a small piece of Qt plumbing several tables share: :func:`header_data`, the
one ``headerData`` of the tables whose columns are titled by message keys.
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt

from desktop.ui.i18n import tr

_PROBES = 16


def _incref(obj: object) -> None:
    ctypes.pythonapi.Py_IncRef(ctypes.py_object(obj))


def _emit_loses_references() -> bool:
    """Emit a probe signal a few times and see whether ``True`` lost that many references."""
    if sys.version_info >= (3, 12):  # immortal True/False: counts never change
        return False
    from PySide6.QtCore import QObject, Signal

    class _Probe(QObject):
        ping = Signal()

    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(_PROBES):
        probe.ping.emit()
    lost = before - sys.getrefcount(True)
    defective = lost >= _PROBES // 2
    if defective:
        for _ in range(lost):
            _incref(True)
    return defective


EMIT_LOSES_REFERENCES = _emit_loses_references()


def emit(signal: Any, *args: Any) -> None:
    """``signal.emit(*args)``, giving back the reference a defective PySide6 takes."""
    result = signal.emit(*args)
    if EMIT_LOSES_REFERENCES and isinstance(result, bool):
        _incref(result)


def header_data(keys: Sequence[str], section: int, orientation: Any, role: int) -> Any:
    """``headerData`` of a table whose columns are titled by message keys and whose rows
    are numbered from 1: the translated title, the row number, else None."""
    if role != Qt.ItemDataRole.DisplayRole:
        return None
    if orientation == Qt.Orientation.Horizontal:
        return tr(keys[section]) if 0 <= section < len(keys) else None
    return section + 1


__all__ = ["EMIT_LOSES_REFERENCES", "emit", "header_data"]

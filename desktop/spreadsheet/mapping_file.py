"""Reading a mapping profile's YAML safely, and checking its shape before it is used.

:func:`desktop.spreadsheet.mapping.load_mapping` reads its document through
:func:`read_mapping_document`: the strict loader (no anchors or aliases, at most
:data:`~desktop.core.yamlstrict.USER_FILE_MAX_BYTES`, duplicate keys refused) and then the
shape every profile has — a mapping with ``tables:`` a mapping of table name → ``sheet`` and
``columns`` (a list of ``{header, field, unit}``). Every problem is an
:class:`~desktop.errors.InputFileError` naming the file, line and key.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

from desktop.core.yamlstrict import USER_FILE_MAX_BYTES, KeyPath, YamlDocument, load_yaml
from desktop.errors import InputFileError, PolicyFileError

_SCALARS = (str, int, Decimal, dt.date)


def _error(doc: YamlDocument, message: str, key: KeyPath) -> InputFileError:
    located = doc.error(message, key).location
    return InputFileError(message, located)


def read_mapping_document(path: Path) -> dict[str, Any]:
    """The profile's YAML as plain data, its shape checked (see the module docstring)."""
    try:
        doc = load_yaml(Path(path), max_bytes=USER_FILE_MAX_BYTES)
    except PolicyFileError as exc:
        raise InputFileError(
            f"无法读取映射文件 / cannot read the mapping file: {exc.message}", exc.location
        ) from None
    data = doc.data
    if not isinstance(data, dict):
        found = "a list" if isinstance(data, list) else type(data).__name__
        raise _error(
            doc,
            f"映射文件应为键值表（含 tables）/ a mapping file is a mapping with 'tables', "
            f"not {'empty' if data is None else found}",
            (),
        )
    tables = data.get("tables")
    if not isinstance(tables, dict):
        raise _error(
            doc, "映射文件缺少 tables / the mapping file has no 'tables' mapping", ("tables",)
        )
    for name in ("name", "signature"):
        value = data.get(name)
        if value is not None and not isinstance(value, _SCALARS):
            raise _error(doc, f"'{name}' 应为文字 / '{name}' must be text", (name,))
    for table, body in tables.items():
        key: KeyPath = ("tables", str(table))
        if body is None:
            continue
        if not isinstance(body, dict):
            raise _error(
                doc, "每个表应为含 sheet、columns 的键值表 / a table has 'sheet' and 'columns'", key
            )
        sheet = body.get("sheet")
        if sheet is not None and not isinstance(sheet, _SCALARS):
            message = "sheet 应为工作表名称 / 'sheet' must be a sheet name"
            raise _error(doc, message, (*key, "sheet"))
        columns = body.get("columns")
        if columns is None:
            continue
        if not isinstance(columns, list):
            raise _error(doc, "columns 应为列表 / 'columns' must be a list", (*key, "columns"))
        for number, item in enumerate(columns):
            where = (*key, "columns", number)
            if not isinstance(item, dict) or "header" not in item:
                raise _error(doc, "每列需要 header / each column needs a header", where)
            for part in ("header", "field", "unit"):
                value = item.get(part)
                if value is not None and not isinstance(value, _SCALARS):
                    raise _error(doc, f"'{part}' 应为文字 / '{part}' must be text", (*where, part))
    return data


__all__ = ["read_mapping_document"]

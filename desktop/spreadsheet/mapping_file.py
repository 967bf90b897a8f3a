"""Reading a mapping profile's YAML safely, and checking every key before it is used.

:func:`desktop.spreadsheet.mapping.load_mapping` reads its document through
:func:`read_mapping_document`: the strict loader (no anchors or aliases, at most
:data:`~desktop.core.yamlstrict.USER_FILE_MAX_BYTES`, duplicate keys refused) and then the
shape every profile has::

    policydesk_mapping: 2          # 1 for files written before sheet settings existed
    name: 某银行台账
    sheets:                        # optional: per sheet name
      客户台账: {role: enterprises, header_row: 3}   # header_row: 3 or [2, 3] (two rows)
      说明: {role: not_used}
    tables:
      loans:
        sheet: 贷款明细            # optional
        id_column: 借据号          # a header; null = no id column (ids generated)
        columns:
          - {header: 金额, field: amount, unit: 万元}
          - {header: 利率, field: rate, reading: percent}   # or fraction
    signature: ...                 # written by the app

An unknown key, a value of the wrong type, an unknown table, field, role, unit or reading is
an :class:`~desktop.errors.InputFileError` naming the file, line and key.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

from desktop.core.fields import TABLES, FieldType, Table
from desktop.core.yamlstrict import USER_FILE_MAX_BYTES, KeyPath, YamlDocument, load_yaml
from desktop.errors import InputFileError, Location, PolicyFileError

_SCALARS = (str, int, Decimal, dt.date)
NOT_USED = "not_used"  # the role of a sheet the import must leave out
# rates: "3.45" = 3.45 % | "0.0345" = 3.45 %; dates: "range" = the cell holds start and end
READINGS = ("percent", "fraction", "range")
VERSIONS = (1, 2)
_TOP_KEYS = ("policydesk_mapping", "name", "tables", "sheets", "signature")
_SHEET_KEYS = ("role", "header_row")
_TABLE_KEYS = ("sheet", "columns", "id_column")
_COLUMN_KEYS = ("header", "field", "unit", "reading")


def _error(doc: YamlDocument, message: str, key: KeyPath) -> InputFileError:
    located = doc.error(message, key).location
    return InputFileError(message, Location(file=doc.path.name, line=located.line, key=located.key))


def _known_keys(
    doc: YamlDocument, body: dict[Any, Any], allowed: tuple[str, ...], key: KeyPath
) -> None:
    for name in body:
        if str(name) not in allowed:
            raise _error(
                doc,
                f"未知的键「{name}」（可用：{'、'.join(allowed)}）/ unknown key '{name}' "
                f"(allowed: {', '.join(allowed)})",
                (*key, str(name)),
            )


def _text(doc: YamlDocument, value: object, key: KeyPath, what: str) -> None:
    if value is not None and not isinstance(value, _SCALARS):
        raise _error(doc, f"'{what}' 应为文字 / '{what}' must be text", key)


def header_rows_value(value: object) -> tuple[int, ...] | None:
    """``3`` → (3,), ``[2, 3]`` → (2, 3); ``None`` for anything else (1–2 consecutive rows ≥ 1)."""
    rows = [value] if isinstance(value, int) and not isinstance(value, bool) else value
    if not isinstance(rows, list) or not 1 <= len(rows) <= 2:
        return None
    if not all(isinstance(r, int) and not isinstance(r, bool) and r >= 1 for r in rows):
        return None
    if len(rows) == 2 and rows[1] != rows[0] + 1:
        return None
    return tuple(rows)


def _check_sheets(doc: YamlDocument, sheets: object) -> None:
    if sheets is None:
        return
    if not isinstance(sheets, dict):
        raise _error(doc, "sheets 应为“工作表名: 设置”/ 'sheets' must map sheet names", ("sheets",))
    roles = [t.value for t in Table] + [NOT_USED]
    for name, body in sheets.items():
        key: KeyPath = ("sheets", str(name))
        if not isinstance(body, dict):
            raise _error(
                doc,
                "每个工作表应为含 role、header_row 的键值表 / a sheet has 'role' and 'header_row'",
                key,
            )
        _known_keys(doc, body, _SHEET_KEYS, key)
        role = body.get("role")
        if "role" in body and (not isinstance(role, str) or role not in roles):
            raise _error(
                doc,
                f"未知的用途「{role}」（可用：{', '.join(roles)}）/ unknown role '{role}'",
                (*key, "role"),
            )
        if "header_row" in body and header_rows_value(body["header_row"]) is None:
            raise _error(
                doc,
                "header_row 应为表头的行号（如 3，或两行表头 [2, 3]）/ 'header_row' must be a row "
                "number (3) or two consecutive rows ([2, 3])",
                (*key, "header_row"),
            )


def _check_column(doc: YamlDocument, table: Table, item: object, where: KeyPath) -> None:
    if not isinstance(item, dict) or "header" not in item:
        raise _error(doc, "每列需要 header / each column needs a header", where)
    _known_keys(doc, item, _COLUMN_KEYS, where)
    for part in ("header", "field", "unit", "reading"):
        _text(doc, item.get(part), (*where, part), part)
    known = TABLES[table].by_name()
    target = item.get("field")
    if target is not None and str(target) not in known:
        raise _error(doc, f"未知的字段 / unknown field '{target}'", (*where, "field"))
    spec = known.get(str(target)) if target is not None else None
    unit = item.get("unit")
    if unit is not None and spec is not None and spec.type == FieldType.MONEY:
        from desktop.spreadsheet.values import is_money_unit

        if not is_money_unit(str(unit)):
            raise _error(
                doc,
                f"无法识别的金额单位「{unit}」（可用：元、千元、万元、亿元）/ unknown money unit "
                f"'{unit}' (use 元, 千元, 万元, 亿元)",
                (*where, "unit"),
            )
    reading = item.get("reading")
    if reading is not None:
        if str(reading) not in READINGS:
            raise _error(
                doc,
                f"reading 应为 percent、fraction 或 range / 'reading' must be percent, fraction "
                f"or range, not '{reading}'",
                (*where, "reading"),
            )
        wanted = FieldType.DATE if str(reading) == "range" else FieldType.RATIO
        if spec is not None and spec.type != wanted:
            kind = "日期字段有 range / only date fields take 'reading: range'"
            if wanted == FieldType.RATIO:
                kind = "比率字段有 percent/fraction / only rate fields take 'reading'"
            raise _error(
                doc,
                f"只有{kind} ('{target}' is not one)",
                (*where, "reading"),
            )


def read_mapping_document(path: Path) -> dict[str, Any]:
    """The profile's YAML as plain data, every key checked (see the module docstring)."""
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
    _known_keys(doc, data, _TOP_KEYS, ())
    version = data.get("policydesk_mapping")
    if version is not None and version not in VERSIONS:
        raise _error(
            doc,
            f"不支持的映射文件版本 / unsupported mapping file version '{version}'",
            ("policydesk_mapping",),
        )
    tables = data.get("tables")
    if not isinstance(tables, dict):
        raise _error(
            doc, "映射文件缺少 tables / the mapping file has no 'tables' mapping", ("tables",)
        )
    for name in ("name", "signature"):
        _text(doc, data.get(name), (name,), name)
    _check_sheets(doc, data.get("sheets"))
    for table_name, body in tables.items():
        key: KeyPath = ("tables", str(table_name))
        try:
            table = Table(str(table_name))
        except ValueError:
            raise _error(doc, f"未知的表 / unknown table '{table_name}'", key) from None
        if body is None:
            continue
        if not isinstance(body, dict):
            raise _error(
                doc, "每个表应为含 sheet、columns 的键值表 / a table has 'sheet' and 'columns'", key
            )
        _known_keys(doc, body, _TABLE_KEYS, key)
        sheet = body.get("sheet")
        if sheet is not None and not isinstance(sheet, _SCALARS):
            message = "sheet 应为工作表名称 / 'sheet' must be a sheet name"
            raise _error(doc, message, (*key, "sheet"))
        if "id_column" in body:
            _text(doc, body["id_column"], (*key, "id_column"), "id_column")
            if table in (Table.ENTERPRISES, Table.INSTITUTIONS):
                raise _error(
                    doc,
                    f"表 {table_name} 没有编号列 / table {table_name} has no record id",
                    (*key, "id_column"),
                )
        columns = body.get("columns")
        if columns is None:
            continue
        if not isinstance(columns, list):
            raise _error(doc, "columns 应为列表 / 'columns' must be a list", (*key, "columns"))
        for number, item in enumerate(columns):
            _check_column(doc, table, item, (*key, "columns", number))
    return data


__all__ = ["NOT_USED", "READINGS", "header_rows_value", "read_mapping_document"]

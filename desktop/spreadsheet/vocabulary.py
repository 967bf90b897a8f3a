"""The import vocabulary: how exports spell headers and values, read from data files.

``resources/vocabulary/fields.yaml`` lists, per table and field, the header spellings besides
the field's labels (desktop/core/fields.py); ``values.yaml`` the value words: placeholders
for "no data", yes/no words, money and rate units, spellings of the closed categories, the
ambiguous ones and the items of a qualification list cell. An analyst adds a spelling by
editing these files; they are read strictly (desktop/core/yamlstrict.py) and validated, and
any mistake stops the import with file, key path and line: an unknown table, field, section
or key, a spelling given twice or for two fields of one table, an empty or non-text word,
a category spelling onto something that is not one of the field's choices, a non-positive
multiplier.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from desktop.core.fields import TABLES, FieldSpec, FieldType, Table
from desktop.core.yamlstrict import USER_FILE_MAX_BYTES, KeyPath, YamlDocument, load_yaml
from desktop.paths import resources_dir
from desktop.spreadsheet.text import header_key, value_key

FIELDS_FILE = "fields.yaml"
VALUES_FILE = "values.yaml"
_MAX_BYTES = USER_FILE_MAX_BYTES


@dataclass(frozen=True)
class Vocabulary:
    """Everything the import knows about spellings; see resources/vocabulary/*.yaml."""

    fields: Mapping[Table, Mapping[str, tuple[str, ...]]]  # table → field → header spellings
    missing: frozenset[str]
    true_words: frozenset[str]
    false_words: frozenset[str]
    flag_prefixes: tuple[str, ...]
    money_units: Mapping[str, float]  # 元 per unit, in cells and headers
    money_header_scales: Mapping[str, float]
    currency_words: tuple[str, ...]
    count_suffixes: tuple[str, ...]
    percent_units: frozenset[str]
    rate_annotations: frozenset[str]
    rate_header_scales: Mapping[str, float]
    rate_cell_units: Mapping[str, float]
    categories: Mapping[tuple[Table, str], Mapping[str, str]]  # value_key → choice
    ambiguous: Mapping[tuple[Table, str], Mapping[str, tuple[str, ...]]]
    qualification_items: Mapping[str, str]  # header_key of an item → flag field
    # table → header spellings of a column holding a term's two dates ("2025.01.15-2026.01.14")
    date_ranges: Mapping[Table, tuple[str, ...]] = dataclasses.field(default_factory=dict)

    def spellings(self, table: Table, field: str) -> tuple[str, ...]:
        """The header spellings of ``field`` listed in fields.yaml (labels not included)."""
        return self.fields.get(table, {}).get(field, ())


def vocabulary_dir() -> Path:
    return resources_dir() / "vocabulary"


@cache
def vocabulary() -> Vocabulary:
    """The bundled vocabulary, read and validated once per process."""
    return load_vocabulary(vocabulary_dir())


def load_vocabulary(folder: Path) -> Vocabulary:
    """Read and validate ``folder``/fields.yaml and ``folder``/values.yaml; raise
    :class:`PolicyFileError` (file, key path, line) on the first mistake."""
    fields = _fields(load_yaml(folder / FIELDS_FILE, max_bytes=_MAX_BYTES))
    return _values(load_yaml(folder / VALUES_FILE, max_bytes=_MAX_BYTES), fields)


# --- checks ---------------------------------------------------------------------------------


def _mapping(doc: YamlDocument, value: object, path: KeyPath, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise doc.error(f"应为映射（键: 值）/ expected a mapping of {what}", path)
    for key in value:
        if not isinstance(key, str):
            raise doc.error(
                f"键「{key}」应为文本（请加引号）/ the key {key!r} must be text (quote it)",
                (*path, str(key)),
            )
    return value


def _word(doc: YamlDocument, value: object, path: KeyPath) -> str:
    if not isinstance(value, str):
        raise doc.error(
            f'「{value}」应为文本（请加引号，如 "yes"、"1"）/ {value!r} must be text '
            '(quote it: "yes", "1", "null")',
            path,
        )
    return value


def _nonempty(doc: YamlDocument, text: str, key: str, path: KeyPath) -> None:
    if not key:
        raise doc.error(f"拼写「{text}」为空 / the spelling {text!r} is empty", path)


def _words(doc: YamlDocument, value: object, path: KeyPath, *, empty_ok: bool = False) -> list[str]:
    if not isinstance(value, list):
        raise doc.error("应为文本列表 / expected a list of words", path)
    if not value and not empty_ok:
        raise doc.error("列表为空 / the list is empty", path)
    return [_word(doc, item, (*path, i)) for i, item in enumerate(value)]


def _unknown_keys(
    doc: YamlDocument, data: dict[str, Any], allowed: tuple[str, ...], path: KeyPath
) -> None:
    for key in data:
        if key not in allowed:
            raise doc.error(
                f"未知的键「{key}」（可用：{'、'.join(allowed)}）/ unknown key '{key}' "
                f"(expected one of: {', '.join(allowed)})",
                (*path, key),
            )
    for key in allowed:
        if key not in data:
            raise doc.error(f"缺少键「{key}」/ the key '{key}' is missing", path)


def _table(doc: YamlDocument, name: str, path: KeyPath) -> Table:
    try:
        return Table(name)
    except ValueError:
        known = ", ".join(t.value for t in Table)
        raise doc.error(
            f"未知的表「{name}」/ unknown table '{name}' (known: {known})", path
        ) from None


def _field(doc: YamlDocument, table: Table, name: str, path: KeyPath) -> FieldSpec:
    spec = TABLES[table].by_name().get(name)
    if spec is None:
        known = ", ".join(TABLES[table].by_name())
        raise doc.error(
            f"表「{table.value}」没有字段「{name}」/ unknown field '{name}' of table "
            f"'{table.value}' (known: {known})",
            path,
        )
    return spec


def _multiplier(doc: YamlDocument, value: object, path: KeyPath) -> float:
    if isinstance(value, bool) or not isinstance(value, int | Decimal) or value <= 0:
        raise doc.error(f"「{value}」应为正数 / {value!r} must be a positive number", path)
    return float(value)


def _label_keys(table: Table) -> dict[str, str]:
    """header_key → field for the labels and names the schema itself gives ``table``."""
    out: dict[str, str] = {}
    for spec in TABLES[table].fields:
        for label in (spec.label_zh, spec.label_en, spec.name):
            out.setdefault(header_key(label), spec.name)
    return out


# --- fields.yaml ----------------------------------------------------------------------------


def _fields(doc: YamlDocument) -> dict[Table, dict[str, tuple[str, ...]]]:
    data = _mapping(doc, doc.data, (), "tables")
    out: dict[Table, dict[str, tuple[str, ...]]] = {}
    for table_name, fields in data.items():
        table = _table(doc, table_name, (table_name,))
        labels = _label_keys(table)
        seen: dict[str, tuple[str, str]] = {}  # key → (field, spelling as written)
        per_field: dict[str, tuple[str, ...]] = {}
        for field_name, spellings in _mapping(doc, fields, (table_name,), "fields").items():
            path: KeyPath = (table_name, field_name)
            _field(doc, table, field_name, path)
            words = _words(doc, spellings, path)
            for i, word in enumerate(words):
                at = (*path, i)
                key = header_key(word)
                _nonempty(doc, word, key, at)
                owner = labels.get(key)
                if owner is not None and owner != field_name:
                    raise doc.error(
                        f"拼写「{word}」是字段「{owner}」的名称 / the spelling '{word}' is "
                        f"the label of field '{owner}'",
                        at,
                    )
                if key in seen:
                    other, first = seen[key]
                    raise doc.error(
                        f"拼写「{word}」重复（已用于字段「{other}」：「{first}」）/ the spelling "
                        f"'{word}' is given twice in table '{table_name}' (already for field "
                        f"'{other}' as '{first}')",
                        at,
                    )
                seen[key] = (field_name, word)
            per_field[field_name] = tuple(words)
        out[table] = per_field
    return out


# --- values.yaml ----------------------------------------------------------------------------

_SECTIONS = (
    "missing",
    "flags",
    "money",
    "count_suffixes",
    "rates",
    "categories",
    "ambiguous",
    "qualification_items",
    "date_ranges",
)


def _word_set(
    doc: YamlDocument,
    value: object,
    path: KeyPath,
    *,
    empty_ok: bool = False,
    taken: dict[str, str] | None = None,
) -> list[str]:
    """Words of a list, by value_key; a word twice (here or in ``taken``) is refused."""
    taken = {} if taken is None else taken
    out: list[str] = []
    for i, word in enumerate(_words(doc, value, path)):
        key = value_key(word)
        if not key and not empty_ok:
            _nonempty(doc, word, key, (*path, i))
        if key in taken:
            raise doc.error(
                f"「{word}」重复（已见于 {taken[key]}）/ '{word}' is given twice (also in "
                f"{taken[key]})",
                (*path, i),
            )
        taken[key] = _dotted(path)
        out.append(key)
    return out


def _dotted(path: KeyPath) -> str:
    return ".".join(str(p) for p in path)


def _scales(
    doc: YamlDocument, value: object, path: KeyPath, *, empty_ok: bool = False
) -> dict[str, float]:
    out: dict[str, float] = {}
    for word, number in _mapping(doc, value, path, "unit: multiplier").items():
        key = value_key(word)
        if not key and not empty_ok:
            _nonempty(doc, word, key, (*path, word))
        if key in out:
            raise doc.error(f"单位「{word}」重复 / the unit '{word}' is given twice", (*path, word))
        out[key] = _multiplier(doc, number, (*path, word))
    return out


def _category_maps(
    doc: YamlDocument, value: object, section: str, ambiguous: bool
) -> dict[tuple[Table, str], dict[str, Any]]:
    out: dict[tuple[Table, str], dict[str, Any]] = {}
    for table_name, fields in _mapping(doc, value, (section,), "tables").items():
        table = _table(doc, table_name, (section, table_name))
        for field_name, spellings in _mapping(doc, fields, (section, table_name), "fields").items():
            path: KeyPath = (section, table_name, field_name)
            spec = _field(doc, table, field_name, path)
            if spec.type != FieldType.CATEGORY or not spec.choices:
                raise doc.error(
                    f"字段「{field_name}」没有固定取值 / field '{field_name}' has no closed "
                    "list of choices",
                    path,
                )
            folded: dict[str, Any] = {}
            for word, target in _mapping(doc, spellings, path, "spelling: choice").items():
                at = (*path, word)
                key = value_key(word)
                _nonempty(doc, word, key, at)
                if key in folded:
                    raise doc.error(f"「{word}」重复 / '{word}' is given twice", at)
                targets = _words(doc, target, at) if ambiguous else [_word(doc, target, at)]
                for choice in targets:
                    if choice not in spec.choices:
                        raise doc.error(
                            f"「{choice}」不是「{spec.label_zh}」的取值（{'、'.join(spec.choices)}）"
                            f" / '{choice}' is not a choice of {field_name}",
                            at,
                        )
                folded[key] = tuple(targets) if ambiguous else targets[0]
            out[(table, field_name)] = folded
    return out


def _values(doc: YamlDocument, fields: dict[Table, dict[str, tuple[str, ...]]]) -> Vocabulary:
    data = _mapping(doc, doc.data, (), "sections")
    _unknown_keys(doc, data, _SECTIONS, ())
    missing = _word_set(doc, data["missing"], ("missing",), empty_ok=True)
    flags = _mapping(doc, data["flags"], ("flags",), "flag words")
    _unknown_keys(doc, flags, ("true_words", "false_words", "header_prefixes"), ("flags",))
    taken: dict[str, str] = {}
    true_words = _word_set(doc, flags["true_words"], ("flags", "true_words"), taken=taken)
    false_words = _word_set(doc, flags["false_words"], ("flags", "false_words"), taken=taken)
    prefixes = _words(doc, flags["header_prefixes"], ("flags", "header_prefixes"), empty_ok=True)
    money = _mapping(doc, data["money"], ("money",), "money units")
    _unknown_keys(doc, money, ("units", "header_scales", "currency_words"), ("money",))
    rates = _mapping(doc, data["rates"], ("rates",), "rate units")
    _unknown_keys(
        doc, rates, ("percent_units", "annotations", "header_scales", "cell_units"), ("rates",)
    )
    taken = {}
    percent = _word_set(doc, rates["percent_units"], ("rates", "percent_units"), taken=taken)
    notes = _word_set(doc, rates["annotations"], ("rates", "annotations"), taken=taken)
    categories = _category_maps(doc, data["categories"], "categories", ambiguous=False)
    ambiguous = _category_maps(doc, data["ambiguous"], "ambiguous", ambiguous=True)
    for key, words in ambiguous.items():
        both = set(words) & set(categories.get(key, {}))
        if both:
            word = sorted(both)[0]
            raise doc.error(
                f"「{word}」同时列为可折叠与含糊 / '{word}' is both in categories and ambiguous",
                ("ambiguous", key[0].value, key[1], word),
            )
    return Vocabulary(
        fields=fields,
        missing=frozenset(missing),
        true_words=frozenset(true_words),
        false_words=frozenset(false_words),
        flag_prefixes=tuple(prefixes),
        money_units=_scales(doc, money["units"], ("money", "units")),
        money_header_scales=_scales(
            doc, money["header_scales"], ("money", "header_scales"), empty_ok=True
        ),
        currency_words=tuple(_word_set(doc, money["currency_words"], ("money", "currency_words"))),
        count_suffixes=tuple(_word_set(doc, data["count_suffixes"], ("count_suffixes",))),
        percent_units=frozenset(percent),
        rate_annotations=frozenset(notes),
        rate_header_scales=_scales(doc, rates["header_scales"], ("rates", "header_scales")),
        rate_cell_units=_scales(doc, rates["cell_units"], ("rates", "cell_units")),
        categories=categories,
        ambiguous=ambiguous,
        qualification_items=_items(doc, data["qualification_items"], fields),
        date_ranges=_date_ranges(doc, data.get("date_ranges", {}), fields),
    )


def _items(
    doc: YamlDocument, value: object, fields: dict[Table, dict[str, tuple[str, ...]]]
) -> dict[str, str]:
    """header_key → flag field: each flag's labels and header spellings, then the items."""
    table = Table.ENTERPRISES
    out: dict[str, str] = {}
    for spec in TABLES[table].fields:
        if spec.type != FieldType.FLAG:
            continue
        for word in (spec.label_zh, spec.label_en, *fields.get(table, {}).get(spec.name, ())):
            out.setdefault(header_key(word), spec.name)
    for field_name, words in _mapping(doc, value, ("qualification_items",), "flag fields").items():
        path: KeyPath = ("qualification_items", field_name)
        spec = _field(doc, table, field_name, path)
        if spec.type != FieldType.FLAG:
            raise doc.error(
                f"字段「{field_name}」不是是/否字段 / field '{field_name}' is not a yes/no field",
                path,
            )
        for i, word in enumerate(_words(doc, words, path)):
            key = header_key(word)
            _nonempty(doc, word, key, (*path, i))
            owner = out.get(key)
            if owner is not None:
                raise doc.error(
                    f"「{word}」重复（已指字段「{owner}」）/ '{word}' is given twice (it already "
                    f"names field '{owner}')",
                    (*path, i),
                )
            out[key] = field_name
    return out


def _date_ranges(
    doc: YamlDocument, value: object, fields: dict[Table, dict[str, tuple[str, ...]]]
) -> dict[Table, tuple[str, ...]]:
    """table → header spellings of a one-cell term ("起止日期"), as written: only for
    tables with a start_date, and never a spelling of one of the table's own fields."""
    out: dict[Table, tuple[str, ...]] = {}
    for name, words in _mapping(doc, value, ("date_ranges",), "tables").items():
        path: KeyPath = ("date_ranges", name)
        table = _table(doc, name, path)
        if "start_date" not in TABLES[table].by_name():
            raise doc.error(
                f"表「{name}」没有起始日期字段 / table '{name}' has no start_date field", path
            )
        own = {header_key(w) for spellings in fields.get(table, {}).values() for w in spellings}
        own |= set(_label_keys(table))
        keys: set[str] = set()
        written = _words(doc, words, path)
        for i, word in enumerate(written):
            key = header_key(word)
            _nonempty(doc, word, key, (*path, i))
            if key in own or key in keys:
                raise doc.error(
                    f"「{word}」重复或已是某字段的列名 / '{word}' is given twice or already "
                    "names a field",
                    (*path, i),
                )
            keys.add(key)
        out[table] = tuple(written)
    return out


__all__ = ["Vocabulary", "load_vocabulary", "vocabulary", "vocabulary_dir"]

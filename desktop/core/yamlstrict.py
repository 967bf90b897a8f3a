"""Strict YAML reading: duplicate keys are errors, numbers with a point are Decimal,
and every key path remembers its line so validation errors can point at it."""

from __future__ import annotations

from collections.abc import Hashable
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from desktop.errors import Location, PolicyFileError

KeyPath = tuple[str | int, ...]


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses duplicate keys and reads floats as Decimal."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Hashable, Any]:
        seen: dict[Hashable, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, Hashable):
                raise yaml.constructor.ConstructorError(
                    None, None, "a mapping key must be a plain value", key_node.start_mark
                )
            if key in seen:
                raise _DuplicateKey(str(key), key_node.start_mark.line + 1, seen[key])
            seen[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)


class _DuplicateKey(Exception):
    def __init__(self, key: str, line: int, first_line: int) -> None:
        super().__init__(key)
        self.key = key
        self.line = line
        self.first_line = first_line


def _construct_decimal(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Decimal:
    text = str(loader.construct_scalar(node)).replace("_", "")
    try:
        return Decimal(text)
    except InvalidOperation:
        raise yaml.constructor.ConstructorError(
            None, None, f"'{text}' is not a number", node.start_mark
        ) from None


_StrictLoader.add_constructor("tag:yaml.org,2002:float", _construct_decimal)


def _line_map(node: yaml.Node | None, path: KeyPath, out: dict[KeyPath, int]) -> None:
    if node is None:
        return
    out.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value
            out[(*path, key)] = key_node.start_mark.line + 1
            _line_map(value_node, (*path, key), out)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _line_map(item, (*path, i), out)


class YamlDocument:
    """Parsed YAML content with the line of every key path."""

    def __init__(self, path: Path, data: Any, lines: dict[KeyPath, int]) -> None:
        self.path = path
        self.data = data
        self.lines = lines

    def line_of(self, key_path: KeyPath) -> int | None:
        """Line of the deepest known prefix of ``key_path``."""
        for end in range(len(key_path), -1, -1):
            line = self.lines.get(tuple(key_path[:end]))
            if line is not None:
                return line
        return None

    def error(self, message: str, key_path: KeyPath) -> PolicyFileError:
        return PolicyFileError(
            message,
            Location(
                file=str(self.path), line=self.line_of(key_path), key=dotted(key_path) or None
            ),
        )


def dotted(key_path: KeyPath) -> str:
    out = ""
    for part in key_path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def load_yaml(path: Path) -> YamlDocument:
    """Read ``path`` strictly; raise :class:`PolicyFileError` naming file, line and key."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise PolicyFileError(f"not UTF-8 text ({exc.reason})", Location(file=str(path))) from None
    except OSError as exc:
        raise PolicyFileError(
            f"cannot read the file ({exc.strerror})", Location(file=str(path))
        ) from None
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except _DuplicateKey as dup:
        raise PolicyFileError(
            f"duplicate key '{dup.key}' (first defined on line {dup.first_line})",
            Location(file=str(path), line=dup.line, key=dup.key),
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        raise PolicyFileError(
            f"YAML syntax error: {exc.problem or exc.context}", Location(file=str(path), line=line)
        ) from None
    finally:
        loader.dispose()
    lines: dict[KeyPath, int] = {}
    _line_map(node, (), lines)
    return YamlDocument(path, data, lines)

"""Strict YAML reading: duplicate keys are errors, numbers with a point are Decimal,
and every key path remembers its line so validation errors can point at it.

Every YAML file the product reads goes through :func:`load_yaml_text` (policy packs,
reference tables, scenarios, scoring models, mapping profiles). It refuses, before anything
is built: a file larger than its limit, anchors and aliases (``&a`` / ``*a``: a few KB of
nested aliases — "billion laughs" — would otherwise expand to gigabytes), and nesting deeper
than :data:`MAX_DEPTH`. Each refusal names the file and the line.
"""

from __future__ import annotations

from collections.abc import Hashable
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from desktop.errors import Location, PolicyFileError

KeyPath = tuple[str | int, ...]

#: Size limits in bytes: policy packs and reference tables, and the small user files.
POLICY_MAX_BYTES = 4 * 1024 * 1024
USER_FILE_MAX_BYTES = 1024 * 1024
#: Deepest nesting of mappings and lists accepted (the policy files use well under 10).
MAX_DEPTH = 64


class _Refused(Exception):
    """A construct refused while composing (before any object is built)."""

    def __init__(self, message: str, mark: Any) -> None:
        super().__init__(message)
        self.message = message
        self.line = mark.line + 1 if mark is not None else None


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses duplicate keys, anchors, aliases and deep nesting, and reads
    floats as Decimal."""

    _depth = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(
                f"YAML aliases (*{event.anchor}) are not allowed; write the value out",
                event.start_mark,
            )
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise _Refused(
                f"YAML anchors (&{anchor}) are not allowed; write the value out",
                event.start_mark,
            )
        nested = isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent)
        if nested:
            self._depth += 1
            if self._depth > MAX_DEPTH:
                raise _Refused(f"nested more than {MAX_DEPTH} levels deep", event.start_mark)
        try:
            return super().compose_node(parent, index)
        finally:
            if nested:
                self._depth -= 1

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


def _size_error(path: Path, size: int, max_bytes: int) -> PolicyFileError:
    return PolicyFileError(
        f"the file is too large ({size:,} bytes; at most {max_bytes:,} bytes are read)",
        Location(file=str(path)),
    )


def load_yaml(path: Path, *, max_bytes: int = POLICY_MAX_BYTES) -> YamlDocument:
    """Read ``path`` strictly; raise :class:`PolicyFileError` naming file, line and key."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise _size_error(path, size, max_bytes)
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)  # the file may grow between stat and read
    except OSError as exc:
        raise PolicyFileError(
            f"cannot read the file ({exc.strerror or exc})", Location(file=str(path))
        ) from None
    if len(raw) > max_bytes:
        raise _size_error(path, len(raw), max_bytes)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PolicyFileError(f"not UTF-8 text ({exc.reason})", Location(file=str(path))) from None
    return load_yaml_text(text, path, max_bytes=max_bytes)


def load_yaml_text(text: str, path: Path, *, max_bytes: int = POLICY_MAX_BYTES) -> YamlDocument:
    """Parse ``text`` (read from ``path``, named in errors) strictly.

    Refused with a :class:`PolicyFileError` naming the file (and line): more than
    ``max_bytes`` of UTF-8, anchors and aliases, nesting deeper than :data:`MAX_DEPTH`,
    duplicate keys, syntax errors.
    """
    size = len(text.encode("utf-8", errors="surrogatepass"))
    if size > max_bytes:
        raise _size_error(path, size, max_bytes)
    loader: _StrictLoader | None = None
    try:
        loader = _StrictLoader(text)
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except _Refused as refused:
        raise PolicyFileError(
            refused.message, Location(file=str(path), line=refused.line)
        ) from None
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
    except yaml.YAMLError as exc:  # e.g. a control character the reader refuses
        raise PolicyFileError(
            f"YAML syntax error: {one_line_text(str(exc))}", Location(file=str(path))
        ) from None
    except RecursionError:
        raise PolicyFileError(
            f"nested more than {MAX_DEPTH} levels deep", Location(file=str(path))
        ) from None
    finally:
        if loader is not None:
            loader.dispose()
    lines: dict[KeyPath, int] = {}
    _line_map(node, (), lines)
    return YamlDocument(path, data, lines)


def one_line_text(message: str) -> str:
    return " ".join(part.strip() for part in message.splitlines() if part.strip())

"""Rendering a parsed tree: :class:`Renderer` walks a checked tree with one method per kind of
node, so a caller turns an expression into something else — words for the why-pane
(:class:`Wording`), an Excel formula for the workbook (``desktop.export.translate``) — from
the parse tree of :func:`~desktop.core.expr.parse.parse`, never by parsing the source again.

Questions a renderer asks about a subtree (does it use a parameter, how tightly does it
bind, which fields does it read, in which order) are answered here too.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, Generic, TypeVar

from desktop.core.expr.grammar import AS_OF, BINOPS

Node = ast.expr  # a node of a checked tree (``Expr.tree`` or one of its subtrees)
_T = TypeVar("_T")

# How tightly an arithmetic operator binds; anything that is not arithmetic binds tightest.
PRECEDENCE = {"+": 1, "-": 1, "*": 2, "/": 2}
ATOM = 3


def precedence(node: Node) -> int:
    """How tightly ``node`` binds: 1 for ``+ -``, 2 for ``* /``, 3 for everything else."""
    if isinstance(node, ast.BinOp) and type(node.op) in BINOPS:
        return PRECEDENCE[BINOPS[type(node.op)]]
    return ATOM


def uses_param(node: Node) -> bool:
    """Whether the subtree names a parameter (``p.name``)."""
    return any(isinstance(n, ast.Attribute) for n in ast.walk(node))


def field_names(node: Node) -> Iterator[str]:
    """The fields the subtree reads, breadth first (as :func:`ast.walk` visits them), with
    repeats; not ``as_of``, parameters or function names."""
    others = {id(n.func) for n in ast.walk(node) if isinstance(n, ast.Call)}
    others |= {id(n.value) for n in ast.walk(node) if isinstance(n, ast.Attribute)}
    for n in ast.walk(node):
        if isinstance(n, ast.Name) and n.id != AS_OF and id(n) not in others:
            yield n.id


def bare_param(node: Node) -> str | None:
    """The parameter's name when the subtree is one parameter (``p.cap``), else None."""
    return node.attr if isinstance(node, ast.Attribute) else None


def is_operation(node: Node) -> bool:
    """Whether the subtree is an operator applied to operands (``a * b``, ``-a``, ``not a``)."""
    return isinstance(node, (ast.BinOp, ast.UnaryOp))


def source_of(node: Node) -> str:
    """The subtree as source text."""
    return ast.unparse(node)


class Renderer(Generic[_T]):
    """Turns a checked tree into a ``_T``, one method per kind of node. Subclasses override
    the kinds they render; the rest go to :meth:`other`. Children are passed as nodes: a
    method renders them (:meth:`render`) as and when it needs them."""

    def render(self, node: Node) -> _T:
        if isinstance(node, ast.Constant):
            return self.constant(node, node.value)
        if isinstance(node, ast.Name):
            return self.as_of(node) if node.id == AS_OF else self.name(node, node.id)
        if isinstance(node, ast.Attribute):
            return self.param(node, node.attr)
        if isinstance(node, ast.BinOp) and type(node.op) in BINOPS:
            return self.arith(node, BINOPS[type(node.op)], node.left, node.right)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            return self.negate(node, node.operand)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            return self.call(node, node.func.id, node.args)
        return self.other(node)

    def constant(self, node: Node, value: Any) -> _T:
        return self.other(node)

    def as_of(self, node: Node) -> _T:
        return self.other(node)

    def name(self, node: Node, name: str) -> _T:
        return self.other(node)

    def param(self, node: Node, name: str) -> _T:
        return self.other(node)

    def arith(self, node: Node, op: str, left: Node, right: Node) -> _T:
        return self.other(node)

    def negate(self, node: Node, operand: Node) -> _T:
        return self.other(node)

    def call(self, node: Node, fn: str, args: Sequence[Node]) -> _T:
        return self.other(node)

    def other(self, node: Node) -> _T:
        raise NotImplementedError(f"{type(self).__name__} cannot render '{source_of(node)}'")


# A function's words from its arguments' words; None: the generic “fn(a, b)”.
FunctionWords = Callable[[list[str]], str | None]


class Wording(Renderer[str]):
    """An expression in words: fields by their labels, parameters as the caller words them,
    functions by templates, arithmetic with the given operator symbols; anything else as
    its source text. Each subtree is worded once (the words of a node are kept)."""

    def __init__(
        self,
        *,
        label: Callable[[str], str],
        as_of: str,
        param: Callable[[str], str],
        functions: Mapping[str, FunctionWords],
        symbols: Mapping[str, str],
    ) -> None:
        self._label = label
        self._as_of = as_of
        self._param = param
        self._functions = functions
        self._symbols = symbols
        self._memo: dict[int, tuple[Node, str]] = {}

    def render(self, node: Node) -> str:
        hit = self._memo.get(id(node))
        if hit is None or hit[0] is not node:
            hit = self._memo[id(node)] = (node, super().render(node))
        return hit[1]

    def constant(self, node: Node, value: Any) -> str:
        return str(value)

    def as_of(self, node: Node) -> str:
        return self._as_of

    def name(self, node: Node, name: str) -> str:
        return self._label(name)

    def param(self, node: Node, name: str) -> str:
        return self._param(name)

    def arith(self, node: Node, op: str, left: Node, right: Node) -> str:
        return f"{self.render(left)}{self._symbols[op]}{self.render(right)}"

    def call(self, node: Node, fn: str, args: Sequence[Node]) -> str:
        words = [self.render(a) for a in args]
        template = self._functions.get(fn)
        text = template(words) if template is not None else None
        return text if text is not None else f"{fn}({', '.join(words)})"

    def other(self, node: Node) -> str:
        return source_of(node)

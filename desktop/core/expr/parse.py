"""Parsing: source text to a checked :class:`Expr`, and questions about a parsed tree (the LPR
calls it makes)."""

from __future__ import annotations

import ast
from dataclasses import dataclass

from desktop.core.expr.check import check
from desktop.core.expr.grammar import AS_OF, CMPOPS, LPR_FUNCTIONS, MAX_SOURCE_LENGTH
from desktop.errors import ExpressionError


@dataclass(frozen=True)
class Expr:
    """A parsed and checked expression."""

    source: str
    tree: ast.expr
    fields: frozenset[str]
    params: frozenset[str]

    def __str__(self) -> str:
        return self.source

    @property
    def comparison(self) -> tuple[ast.expr, str, ast.expr] | None:
        """``(left, op, right)`` when the whole expression is one binary comparison."""
        node = self.tree
        if isinstance(node, ast.Compare) and len(node.ops) == 1:
            return node.left, CMPOPS[type(node.ops[0])], node.comparators[0]
        return None


def parse(source: str, where: str = "expression") -> Expr:
    """Parse and check ``source``; raise :class:`ExpressionError` naming ``where``."""
    if not isinstance(source, str) or not source.strip():
        raise ExpressionError(f"{where}: the expression is empty")
    if len(source) > MAX_SOURCE_LENGTH:
        raise ExpressionError(
            f"{where}: the expression is longer than {MAX_SOURCE_LENGTH} characters"
        )
    try:
        module = ast.parse(source.strip(), mode="eval")
    except SyntaxError as exc:
        raise ExpressionError(f"{where}: syntax error in '{source}': {exc.msg}") from None
    fields: set[str] = set()
    params: set[str] = set()
    check(module, where, source, fields, params, depth=0, in_membership=False)
    return Expr(source.strip(), module.body, frozenset(fields), frozenset(params))


def lpr_calls(tree: ast.expr) -> list[tuple[str, str]]:
    """``(tenor, date field)`` of each ``lpr_1y(field)`` / ``lpr_5y(field)`` call in ``tree``
    whose argument is a plain field, in order of appearance, without repeats."""
    out: list[tuple[str, str]] = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in LPR_FUNCTIONS
            and len(node.args) == 1
            and isinstance(node.args[0], ast.Name)
            and node.args[0].id != AS_OF
        ):
            call = (LPR_FUNCTIONS[node.func.id], node.args[0].id)
            if call not in out:
                out.append(call)
    return out

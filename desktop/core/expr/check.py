"""Checking a parsed tree against the grammar (nothing outside it is ever evaluated), and the
static kind of value a (sub)expression yields (:func:`infer_type`, so its value is shown
with its unit)."""

from __future__ import annotations

import ast
from collections.abc import Mapping

from desktop.core.expr.grammar import ALLOWED_NODES, AS_OF, FUNCTIONS, MAX_DEPTH, PARAM_NAMESPACE
from desktop.core.fields import FieldType
from desktop.errors import ExpressionError


def check(
    node: ast.AST,
    where: str,
    source: str,
    fields: set[str],
    params: set[str],
    depth: int,
    in_membership: bool,
) -> None:
    def fail(why: str) -> ExpressionError:
        return ExpressionError(f"{where}: {why} in '{source}'")

    if depth > MAX_DEPTH:
        raise fail("the expression is nested too deeply")
    if not isinstance(node, ALLOWED_NODES):
        raise fail(f"'{type(node).__name__}' is not allowed")
    if isinstance(node, ast.Name):
        if node.id.startswith("_") or node.id == PARAM_NAMESPACE:
            raise fail(f"the name '{node.id}' is not allowed")
        if node.id != AS_OF:
            fields.add(node.id)
        return
    if isinstance(node, ast.Attribute):
        if not (isinstance(node.value, ast.Name) and node.value.id == PARAM_NAMESPACE):
            raise fail("only parameters may be written with a dot (p.name)")
        if node.attr.startswith("_"):
            raise fail(f"the parameter name '{node.attr}' is not allowed")
        params.add(node.attr)
        return
    if isinstance(node, ast.Constant):
        if not isinstance(node.value, (int, float, str, bool, type(None))):
            raise fail(f"the constant {node.value!r} is not allowed")
        return
    if isinstance(node, ast.Call):
        if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
            name = node.func.id if isinstance(node.func, ast.Name) else ast.unparse(node.func)
            raise fail(
                f"the function '{name}' is not allowed (allowed: {', '.join(sorted(FUNCTIONS))})"
            )
        if node.keywords:
            raise fail("keyword arguments are not allowed")
        low, high = FUNCTIONS[node.func.id]
        if len(node.args) < low or (high is not None and len(node.args) > high):
            raise fail(f"{node.func.id}() takes {low}{'' if high == low else '+'} argument(s)")
        for arg in node.args:
            if isinstance(arg, ast.Starred):
                raise fail("starred arguments are not allowed")
            check(arg, where, source, fields, params, depth + 1, False)
        return
    if isinstance(node, (ast.Tuple, ast.List)):
        if not in_membership:
            raise fail("lists are only allowed on the right of 'in'")
        for elt in node.elts:
            if not isinstance(elt, ast.Constant):
                raise fail("lists may only hold constants")
        return
    if isinstance(node, ast.Compare):
        check(node.left, where, source, fields, params, depth + 1, False)
        for op, comp in zip(node.ops, node.comparators, strict=True):
            check(
                comp, where, source, fields, params, depth + 1, isinstance(op, (ast.In, ast.NotIn))
            )
        return
    for child in ast.iter_child_nodes(node):
        check(child, where, source, fields, params, depth + 1, False)


# Static typing of expressions, for formatting explanations


def infer_type(
    node: ast.expr, field_types: Mapping[str, FieldType], param_types: Mapping[str, FieldType]
) -> FieldType:
    """The kind of value a (sub)expression yields, so explanations print it with its unit."""
    if isinstance(node, ast.Name):
        return FieldType.DATE if node.id == AS_OF else field_types.get(node.id, FieldType.NUMBER)
    if isinstance(node, ast.Attribute):
        return param_types.get(node.attr, FieldType.NUMBER)
    if isinstance(node, ast.Constant):
        if isinstance(node.value, bool):
            return FieldType.FLAG
        return FieldType.TEXT if isinstance(node.value, str) else FieldType.NUMBER
    if isinstance(node, ast.BinOp):
        left = infer_type(node.left, field_types, param_types)
        right = infer_type(node.right, field_types, param_types)
        if (
            isinstance(node.op, ast.Div)
            and left == right
            and left in (FieldType.MONEY, FieldType.COUNT, FieldType.NUMBER)
        ):
            return FieldType.RATIO  # a share: R&D ÷ revenue, staff ÷ employees
        kinds = {left, right}
        if FieldType.MONEY in kinds:
            return FieldType.MONEY
        if FieldType.RATIO in kinds:
            return FieldType.RATIO
        return FieldType.NUMBER
    if isinstance(node, ast.UnaryOp):
        if isinstance(node.op, ast.Not):
            return FieldType.FLAG
        return infer_type(node.operand, field_types, param_types)
    if isinstance(node, (ast.BoolOp, ast.Compare)):
        return FieldType.FLAG
    if isinstance(node, ast.IfExp):
        return infer_type(node.body, field_types, param_types)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        fn = node.func.id
        if fn in ("lpr_1y", "lpr_5y"):
            return FieldType.RATIO
        if fn in ("year", "days_between"):
            return FieldType.COUNT
        if fn == "date":
            return FieldType.DATE
        if fn in ("any", "all", "isna", "known"):
            return FieldType.FLAG
        if fn in ("sme_class_2011", "city_of", "district_of"):
            return FieldType.CATEGORY
        return infer_type(node.args[0], field_types, param_types)
    return FieldType.NUMBER

"""The grammar of the expression language: the names, functions, operators and node types
a policy expression may use (everything else is refused by :mod:`~desktop.core.expr.check`)."""

from __future__ import annotations

import ast

PARAM_NAMESPACE = "p"
AS_OF = "as_of"
MAX_SOURCE_LENGTH = 2000
MAX_DEPTH = 40

# name -> (minimum arity, maximum arity or None)
FUNCTIONS: dict[str, tuple[int, int | None]] = {
    "min": (2, None),
    "max": (2, None),
    "any": (1, None),
    "all": (1, None),
    "isna": (1, 1),
    "known": (1, 1),
    "coalesce": (2, None),
    "lpr_1y": (1, 1),
    "lpr_5y": (1, 1),
    "year": (1, 1),
    "days_between": (2, 2),
    "date": (1, 1),
    "abs": (1, 1),
    "sme_class_2011": (4, 4),
    "city_of": (1, 1),
    "district_of": (1, 1),
}

BINOPS: dict[type[ast.operator], str] = {
    ast.Add: "+",
    ast.Sub: "-",
    ast.Mult: "*",
    ast.Div: "/",
}
CMPOPS: dict[type[ast.cmpop], str] = {
    ast.Lt: "<",
    ast.LtE: "<=",
    ast.Gt: ">",
    ast.GtE: ">=",
    ast.Eq: "==",
    ast.NotEq: "!=",
    ast.In: "in",
    ast.NotIn: "not in",
}
NEGATED_OP = {
    "<": ">=",
    "<=": ">",
    ">": "<=",
    ">=": "<",
    "==": "!=",
    "!=": "==",
    "in": "not in",
    "not in": "in",
}
DISPLAY_OP = {
    "<": "<",
    "<=": "≤",
    ">": ">",
    ">=": "≥",
    "==": "=",
    "!=": "≠",
    "in": "属于",
    "not in": "不属于",
}

ALLOWED_NODES: tuple[type[ast.AST], ...] = (
    ast.Expression,
    ast.BoolOp,
    ast.And,
    ast.Or,
    ast.UnaryOp,
    ast.Not,
    ast.USub,
    ast.UAdd,
    ast.BinOp,
    *BINOPS,
    ast.Compare,
    *CMPOPS,
    ast.Name,
    ast.Load,
    ast.Attribute,
    ast.Constant,
    ast.Call,
    ast.Tuple,
    ast.List,
    ast.IfExp,
)


LPR_FUNCTIONS = {"lpr_1y": "1y", "lpr_5y": "5y"}

"""The safe expression language of policy conditions and formulas.

Policy files hold expressions such as ``rate <= lpr_1y(start_date) * p.max_rate_multiple``.
They are parsed with :mod:`ast` in ``eval`` mode and every node is checked against a fixed
list of node types, operators and functions; nothing is ever passed to ``eval`` or ``exec``,
so a policy pack received from a colleague cannot run code.

An expression is evaluated in one of the backends that share one tree walker:

* :class:`VectorOps` works on whole pandas columns (the hot path). Missing data is
  three-valued: comparisons with a missing operand give ``<NA>``, ``and``/``or`` follow
  Kleene logic (pandas' nullable ``boolean`` dtype).
* :class:`DecimalArrayOps` works on a few rows at once with :class:`~decimal.Decimal`
  numbers. The engine uses it to recompute the few amounts whose float value lies too close
  to a half-分 boundary to be rounded safely, so every amount equals exact decimal
  arithmetic.
* :class:`ExactOps` works on one row with Decimal numbers (caps, and the values the
  workbook writes in a formula's data cells).

The package's modules: :mod:`~desktop.core.expr.grammar` (what may be written),
:mod:`~desktop.core.expr.check` (the check against it; the static kind of a value),
:mod:`~desktop.core.expr.parse` (source to :class:`Expr`), :mod:`~desktop.core.expr.evaluate`
(the walker, :class:`VectorOps`, reference data), :mod:`~desktop.core.expr.exact` (the
Decimal backends) and :mod:`~desktop.core.expr.render` (a tree to words or another
notation: :class:`Renderer`, :class:`Wording`). Import the names from the package.
"""

from desktop.core.expr.check import infer_type
from desktop.core.expr.evaluate import (
    Ops,
    RateTable,
    SizeStandard,
    VectorOps,
    evaluate,
    lpr_positions,
)
from desktop.core.expr.exact import DecimalArrayOps, ExactOps
from desktop.core.expr.grammar import (
    AS_OF,
    DISPLAY_OP,
    FUNCTIONS,
    LPR_FUNCTIONS,
    MAX_DEPTH,
    MAX_SOURCE_LENGTH,
    NEGATED_OP,
    PARAM_NAMESPACE,
)
from desktop.core.expr.parse import Expr, lpr_calls, parse
from desktop.core.expr.render import (
    FunctionWords,
    Node,
    Renderer,
    Wording,
    bare_param,
    field_names,
    is_operation,
    precedence,
    source_of,
    uses_param,
)

__all__ = [
    "AS_OF",
    "DISPLAY_OP",
    "FUNCTIONS",
    "LPR_FUNCTIONS",
    "MAX_DEPTH",
    "MAX_SOURCE_LENGTH",
    "NEGATED_OP",
    "PARAM_NAMESPACE",
    "DecimalArrayOps",
    "ExactOps",
    "Expr",
    "FunctionWords",
    "Node",
    "Ops",
    "RateTable",
    "Renderer",
    "SizeStandard",
    "VectorOps",
    "Wording",
    "bare_param",
    "evaluate",
    "field_names",
    "infer_type",
    "is_operation",
    "lpr_calls",
    "lpr_positions",
    "parse",
    "precedence",
    "source_of",
    "uses_param",
]

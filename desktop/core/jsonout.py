"""The JSON document of one evaluation — the batch command's contract with other tools.

Later versions may add keys; none removes or changes one. Amounts are strings in yuan with
two decimals; statuses are ``eligible`` / ``ineligible`` / ``unknown``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from desktop import __version__
from desktop.core.engine import derived_flag
from desktop.core.money import fen_str
from desktop.core.results import Evaluation, explain_preassessment
from desktop.errors import CancelledError


def evaluation_to_json(
    evaluation: Evaluation,
    *,
    input_path: Path | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> dict[str, Any]:
    portfolio = evaluation.portfolio
    source = input_path or portfolio.source
    catalogue = evaluation.catalogue
    results: list[dict[str, Any]] = []
    for ent in range(len(evaluation)):
        if should_cancel is not None and ent % 1000 == 0 and should_cancel():
            raise CancelledError("导出已取消 / export cancelled")
        for measure_id in evaluation.measure_ids:
            exp = evaluation.explain(ent, measure_id)
            results.append(
                {
                    "uscc": exp.uscc,
                    "name": exp.name,
                    "measure": measure_id,
                    "status": exp.status,
                    "amount": fen_str(exp.amount_fen),
                    "reasons": exp.reasons,
                    "missing": exp.missing,
                    "items": [
                        {
                            "record": item.record,
                            "table": item.table,
                            "status": item.status,
                            "amount": fen_str(item.amount_fen),
                            "amount_before_cap": fen_str(item.raw_fen),
                            "year": item.year,
                            "capped_by": item.capped_by,
                            "reasons": item.reasons,
                            "missing": item.missing,
                        }
                        for item in exp.items
                    ],
                }
            )
    totals = {
        measure_id: {
            "eligible": t["eligible"],
            "ineligible": t["ineligible"],
            "unknown": t["unknown"],
            "amount": fen_str(t["amount_fen"]),
        }
        for measure_id, t in evaluation.totals().items()
    }
    issues = portfolio.issues
    institutions = evaluation.institution_totals()
    enterprises = _enterprise_details(evaluation, should_cancel)
    return {
        "tool": "policydesk",
        "version": __version__,
        "as_of": evaluation.as_of.isoformat(),
        "generated": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "input": {"path": str(source) if source else None, "sha256": portfolio.sha256},
        "catalogue": {
            "sha256": catalogue.sha256,
            "documents": sorted(catalogue.documents),
        },
        "parameters": {
            key: {
                "value": None if p.value is None else str(p.value),
                "assumption": p.assumption,
                "source": p.source,
                "label": p.label,
                "unit": p.unit,
                "valid_from": p.start.isoformat() if p.start else None,
                "note": p.note,
                "overridden": p.overridden,
                "default": None if p.default is None else str(p.default),
            }
            for key, p in sorted(evaluation.parameters.items())
        },
        "measures": {
            measure_id: {
                "name": outcome.measure.measure.name,
                "document": outcome.measure.document.number,
                "article": outcome.measure.measure.article,
                "quote": outcome.measure.measure.quote,
                "kind": outcome.measure.measure.kind,
            }
            for measure_id, outcome in evaluation.outcomes.items()
        },
        "derived": {
            name: {
                "label": catalogue.derived[name][0].label,
                "expr": catalogue.derived[name][0].expr,
                "source": catalogue.derived[name][0].source,
                "assumption": catalogue.derived[name][0].assumption,
            }
            for name in evaluation.derived_fields
        },
        "results": results,
        "totals": totals,
        "institutions": [
            {
                "institution": row["institution"],
                "beneficiary": row["beneficiary"],
                "measure": row["measure"],
                "amount": fen_str(row["amount_fen"]),
                "records": row["records"],
            }
            for row in institutions.to_dict("records")
        ],
        "enterprises": enterprises,
        "quality": {
            "issues": len(issues),
            "errors": sum(i.severity == "error" for i in issues),
            "warnings": sum(i.severity == "warning" for i in issues),
        },
    }


def _plain(value: Any) -> Any:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (pd.Timestamp, dt.date)):
        return value.isoformat()[:10]
    if isinstance(value, (np.integer, np.floating)):
        return value.item()
    return value


def _enterprise_details(
    evaluation: Evaluation, should_cancel: Callable[[], bool] | None
) -> list[dict[str, Any]]:
    """Per enterprise: derived attributes (marked derived) and pre-assessments."""
    derived = evaluation.derived_fields
    columns = {name: evaluation.enterprises[name].tolist() for name in derived}
    # A field that fills a spreadsheet column is derived only where the column was blank.
    flags = {
        name: (
            [bool(v) for v in evaluation.enterprises[derived_flag(name)].tolist()]
            if derived_flag(name) in evaluation.enterprises.columns
            else [True] * len(evaluation)
        )
        for name in derived
    }
    out: list[dict[str, Any]] = []
    for ent in range(len(evaluation)):
        if should_cancel is not None and ent % 1000 == 0 and should_cancel():
            raise CancelledError("导出已取消 / export cancelled")
        entry: dict[str, Any] = {
            "uscc": str(evaluation.enterprises["uscc"].iloc[ent]),
            "derived": {
                name: {"value": _plain(columns[name][ent]), "derived": flags[name][ent]}
                for name in derived
            },
            "preassessments": {},
        }
        for assessment_id in evaluation.preassessments:
            pre = explain_preassessment(evaluation, ent, assessment_id)
            entry["preassessments"][assessment_id] = {
                "label": pre.label,
                "status": pre.status,
                "score_low": pre.score_low,
                "score_high": pre.score_high,
                "reasons": pre.reasons,
                "missing": pre.missing,
                "note": pre.note,
            }
        out.append(entry)
    return out

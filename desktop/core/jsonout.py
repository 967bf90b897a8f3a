"""The JSON document of one evaluation — the batch command's contract with other tools.

Later versions may add keys; none removes or changes one. Amounts are strings in yuan with
two decimals; statuses are ``eligible`` / ``ineligible`` / ``unknown``.

Added since the first version: ``derived.<name>.table``; ``institution_measures``,
``institution_results`` and ``institution_totals`` (measures about institutions, such as
190号第15条, one result per looked-at institution: not in ``results`` or ``totals``); and
``loans_derived`` (per loan: ``start_lpr_1y`` with the publication date ``from`` of its LPR
fixing); ``totals_split`` (the amounts of ``totals`` split by the region of each measure's
document, its beneficiary and its funding level — ``measures`` (each measure's keys and
funding-level reason), ``table`` (region × beneficiary × level: each line adds one of each),
``by_region``, ``by_beneficiary``, ``by_recipient``, ``by_funding_level`` (each names the
regions, beneficiaries and levels it adds) and ``all_measures`` (everything added, with
what it adds); kept beside ``totals``, whose keys stay measure ids).

:func:`evaluation_to_json` builds the whole document in memory (small portfolios, tests);
:func:`write_evaluation_json` writes the same document while it renders it, one result and
one enterprise at a time, so a portfolio of 300,000 enterprises (10 million results) needs
no more memory than a block of them.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
from collections.abc import Callable, Iterator
from itertools import islice
from json.encoder import encode_basestring
from pathlib import Path
from typing import IO, Any

import numpy as np
import pandas as pd

from desktop import __version__
from desktop.core.engine import derived_flag, lpr_from
from desktop.core.evaluation import Evaluation
from desktop.core.explain import BulkExplainer, basis_label
from desktop.core.fields import Table
from desktop.core.money import fen_str
from desktop.core.outcomes import Explanation
from desktop.core.progress import ShouldCancel
from desktop.core.totals import TotalsGroup, split_totals
from desktop.errors import CancelledError
from desktop.files import atomic_output
from desktop.gcpause import gc_paused
from desktop.i18n import text as message

_BATCH = 256  # entries encoded and written together
LOANS = Table.LOANS


def evaluation_to_json(
    evaluation: Evaluation,
    *,
    input_path: Path | None = None,
    should_cancel: ShouldCancel | None = None,
) -> dict[str, Any]:
    document = _document(evaluation, input_path, should_cancel)
    document["results"] = list(document["results"])
    document["enterprises"] = list(document["enterprises"])
    document["loans_derived"] = list(document["loans_derived"])
    return document


def write_evaluation_json(
    evaluation: Evaluation,
    path_or_stream: str | os.PathLike[str] | IO[str],
    *,
    input_path: Path | None = None,
    should_cancel: ShouldCancel | None = None,
    indent: int | None = 2,
) -> None:
    """Write :func:`evaluation_to_json`'s document, streaming its results and enterprises.

    The text equals ``json.dumps(document, ensure_ascii=False, indent=indent)``. A path is
    written atomically: to a temporary file beside it, renamed over it when complete (on an
    error or a cancellation the old file stays and the temporary one is removed). A text
    stream is written as it goes and left open.
    """
    if not isinstance(path_or_stream, (str, os.PathLike)):
        _write(_document(evaluation, input_path, should_cancel), path_or_stream.write, indent)
        return
    path = Path(path_or_stream)
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_output(path) as temp, temp.open("w", encoding="utf-8") as handle:
        _write(_document(evaluation, input_path, should_cancel), handle.write, indent)


def _stacking(evaluation: Evaluation) -> list[dict[str, Any]]:
    """Each stacking rule with the pick this run applied (an override says so) and the
    interpretation it reads where the texts do not settle it."""
    from desktop.core.stacking import rule_pick

    return [
        {
            "id": rule.id,
            "kind": rule.kind,
            "label": rule.label,
            "label_en": rule.label_en,
            "measures": list(rule.measures),
            "pick": rule_pick(rule, evaluation.stacking_picks),
            "overridden": rule.id in evaluation.stacking_picks,
            "interpretation": rule.interpretation,
            "interpretation_en": rule.interpretation_en,
            "quote": rule.quote,
        }
        for rule, _ in evaluation.catalogue.stacking
    ]


def _document(
    evaluation: Evaluation, input_path: Path | None, should_cancel: ShouldCancel | None
) -> dict[str, Any]:
    """The document, with ``results`` and ``enterprises`` as iterators of their entries."""
    portfolio = evaluation.portfolio
    source = input_path or portfolio.source
    catalogue = evaluation.catalogue
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
    return {
        "tool": "policydesk",
        "version": __version__,
        "as_of": evaluation.as_of.isoformat(),
        # one stated time basis for every amount (the same message as the workbook's 说明,
        # the brief and the window)
        "time_basis": {
            lang: message("basis.time", lang, as_of=evaluation.as_of.isoformat())
            for lang in ("zh", "en")
        },
        "generated": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "input": {"path": str(source) if source else None, "sha256": portfolio.sha256},
        "inputs": [{"path": str(path), "sha256": digest} for path, digest in portfolio.files],
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
                # the ceiling the text sets and its words (no value may exceed it)
                "bound": None if p.bound is None else str(p.bound),
                "bound_quote": p.bound_quote,
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
                # what kind of figure the amount is: computed (the text's rule), ceiling (an
                # estimate at the text's ceiling, not the amount due) or requested (the
                # applicant's figure, not granted); label and reason in words
                "amount_basis": (
                    outcome.measure.measure.amount_basis
                    if outcome.measure.measure.kind == "computable"
                    else None
                ),
                "amount_basis_label": basis_label(outcome.measure.measure, "zh", short=True),
                "amount_basis_note": outcome.measure.measure.amount_basis_note,
            }
            for measure_id, outcome in evaluation.outcomes.items()
        },
        # conditions that are readings of a text, not its words, and whether each is applied
        "interpretations": _interpretations(evaluation),
        "derived": {
            name: {
                "label": catalogue.derived[name][0].label,
                "expr": catalogue.derived[name][0].expr,
                "source": catalogue.derived[name][0].source,
                "assumption": catalogue.derived[name][0].assumption,
                "table": catalogue.derived[name][0].table,
            }
            for name in [*evaluation.derived_fields, *evaluation.record_derived_fields(LOANS)]
        },
        "results": _results(evaluation, should_cancel),
        "totals": totals,
        "totals_split": _totals_split(evaluation),
        # Invariants (desktop.core.invariants): totals with a breach are a defect, not a result.
        "invariants": {
            "valid": not evaluation.breaches,
            "breaches": [b.as_json() for b in evaluation.breaches],
        },
        "stacking": _stacking(evaluation),
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
        "institution_measures": {
            measure_id: {
                "name": inst.outcome.measure.measure.name,
                "document": inst.outcome.measure.document.number,
                "article": inst.outcome.measure.measure.article,
                "quote": inst.outcome.measure.measure.quote,
                "kind": inst.outcome.measure.measure.kind,
                "subject": "institution",
            }
            for measure_id, inst in evaluation.institution_outcomes.items()
        },
        "institution_results": [
            {
                "institution": e.institution,
                "institution_type": e.institution_type,
                "measure": e.measure_id,
                "status": e.status,
                "reasons": e.reasons,
                "missing": e.missing,
            }
            for e in evaluation.explain_institutions("zh")
        ],
        "institution_totals": evaluation.institution_totals_by_status(),
        "enterprises": _enterprise_details(evaluation, should_cancel),
        "loans_derived": _loan_details(evaluation, should_cancel),
        "import": {
            "files": sorted({v.file for v in portfolio.sheets}),
            "data_as_of": portfolio.data_as_of.isoformat() if portfolio.data_as_of else None,
            "sheets": [v.as_dict() for v in portfolio.sheets],
            "warnings": list(portfolio.warnings),
        },
        "quality": {
            "issues": len(issues),
            "errors": sum(i.severity == "error" for i in issues),
            "warnings": sum(i.severity == "warning" for i in issues),
            # Each finding where it is: sheet, Excel row, column letter, the original text.
            "items": [
                {
                    "severity": i.severity,
                    "message": i.message,
                    "file": i.file,
                    "sheet": i.sheet,
                    "row": i.row,
                    "column": i.column,
                    "value": i.value,
                    "action": i.action,
                }
                for i in issues
            ],
        },
    }


def _group(group: TotalsGroup) -> dict[str, Any]:
    return {
        "amount": fen_str(group.amount_fen),
        "eligible_pairs": group.eligible,
        "regions": list(group.regions),
        "beneficiaries": list(group.beneficiaries),
        "recipients": list(group.recipients),
        "funding_levels": list(group.funding_levels),
        "mixed": group.mixed,
        "measures": list(group.measures),
    }


def _totals_split(evaluation: Evaluation) -> dict[str, Any]:
    """``totals`` split by region, beneficiary and funding level (see the module doc)."""
    split = split_totals(evaluation)
    return {
        "measures": {
            line.measure_id: {
                "document": line.document,
                "region": line.region,
                "beneficiary": line.beneficiary,
                "recipient": line.recipient,
                "funding_level": line.funding_level,
                "funding_reason": line.funding_reason,
                "amount": fen_str(line.amount_fen),
            }
            for line in split.lines
        },
        "table": [
            {
                "region": g.regions[0],
                "beneficiary": g.beneficiaries[0],
                "recipient": g.recipients[0],
                "funding_level": g.funding_levels[0],
                "amount": fen_str(g.amount_fen),
                "eligible_pairs": g.eligible,
                "measures": list(g.measures),
            }
            for g in split.table
        ],
        "by_region": {k: _group(g) for k, g in split.by_region.items()},
        "by_beneficiary": {k: _group(g) for k, g in split.by_beneficiary.items()},
        "by_recipient": {k: _group(g) for k, g in split.by_recipient.items()},
        "by_funding_level": {k: _group(g) for k, g in split.by_funding_level.items()},
        "all_measures": _group(split.all_lines),
    }


def _results(
    evaluation: Evaluation, should_cancel: ShouldCancel | None
) -> Iterator[dict[str, Any]]:
    """One entry per enterprise and measure, enterprise by enterprise (bulk explanations)."""
    basis: dict[str, dict[str, str | None]] = {}
    for measure_id, outcome in evaluation.outcomes.items():
        m = outcome.measure.measure
        basis[measure_id] = {
            "amount_basis": m.amount_basis if m.kind == "computable" else None,
            "amount_basis_label": basis_label(m, "zh", short=True),
        }
    for _, explanations in evaluation.explain_enterprises("zh", should_cancel=should_cancel):
        for exp in explanations:
            yield {**_result(exp), **basis[exp.measure_id]}


def _interpretations(evaluation: Evaluation) -> list[dict[str, Any]]:
    """Every named interpretation of the evaluated measures: its condition, its switch and
    whether it was on in this evaluation."""
    out: list[dict[str, Any]] = []
    for measure_id, outcome in evaluation.outcomes.items():
        m = outcome.measure.measure
        for c in (*m.conditions, *m.record_conditions):
            if c.interpretation is None:
                continue
            switch = evaluation.parameters.get(f"{measure_id}.{c.interpretation}")
            out.append(
                {
                    "measure": measure_id,
                    "condition": c.id,
                    "label": c.label,
                    "switch": f"{measure_id}.{c.interpretation}",
                    "interpretation": switch.label if switch else c.interpretation,
                    "on": bool(switch.value) if switch else None,
                    "reasoning": switch.note if switch else None,
                }
            )
    return out


def _result(exp: Explanation) -> dict[str, Any]:
    return {
        "uscc": exp.uscc,
        "name": exp.name,
        "measure": exp.measure_id,
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
    evaluation: Evaluation, should_cancel: ShouldCancel | None
) -> Iterator[dict[str, Any]]:
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
    usccs = evaluation.enterprises["uscc"].tolist()
    assessments = BulkExplainer(evaluation, "zh").iter_preassessments(should_cancel=should_cancel)
    for ent, explained in assessments:
        yield {
            "uscc": str(usccs[ent]),
            "derived": {
                name: {"value": _plain(columns[name][ent]), "derived": flags[name][ent]}
                for name in derived
            },
            "preassessments": {
                assessment_id: {
                    "label": pre.label,
                    "status": pre.status,
                    "score_low": pre.score_low,
                    "score_high": pre.score_high,
                    "reasons": pre.reasons,
                    "missing": pre.missing,
                    "note": pre.note,
                }
                for assessment_id, pre in explained.items()
            },
        }


def _loan_details(
    evaluation: Evaluation, should_cancel: ShouldCancel | None
) -> Iterator[dict[str, Any]]:
    """Per loan: its derived attributes, each marked derived; an LPR also names the
    publication date of the fixing it comes from (``from``)."""
    names = evaluation.record_derived_fields(LOANS)
    if not names:
        return
    loans = evaluation.portfolio.loans
    derived = evaluation.record_derived(LOANS)
    ids = loans["loan_id"].tolist()
    usccs = loans["uscc"].tolist()
    columns = {name: derived[name].tolist() for name in names}
    sources = {
        name: derived[lpr_from(name)].tolist() if lpr_from(name) in derived.columns else None
        for name in names
    }
    for pos in range(len(ids)):
        if should_cancel is not None and pos % 4096 == 0 and should_cancel():
            raise CancelledError("导出已取消 / export cancelled")
        entry: dict[str, Any] = {}
        for name in names:
            value = {"value": _plain(columns[name][pos]), "derived": True}
            published = sources[name]
            if published is not None:
                value["from"] = _plain(published[pos])
            entry[name] = value
        yield {"loan_id": _plain(ids[pos]), "uscc": _plain(usccs[pos]), "derived": entry}


# -- writing


def _write(document: dict[str, Any], write: Callable[[str], Any], indent: int | None) -> None:
    """``json.dumps(document, ensure_ascii=False, indent=indent)`` written piece by piece;
    values that are iterators are written as lists, a batch of entries at a time."""
    pad = "" if indent is None else "\n" + " " * indent
    write("{")
    for n, (key, value) in enumerate(document.items()):
        write(("," if n else "") + (pad or (" " if n else "")) + encode_basestring(str(key)))
        if not isinstance(value, Iterator):
            write(": " + _encode(value, pad, indent))
            continue
        inner = pad + " " * (indent or 0)
        sep = "," + (inner or " ")
        write(": [")
        empty = True
        while True:
            # Entries are many small dicts and lists without cycles: the cyclic garbage
            # collector, left on, would rescan them over and over (a third of the time).
            with gc_paused():
                batch = list(islice(value, _BATCH))
                text = sep.join(_encode(entry, inner, indent) for entry in batch)
            if not batch:
                break
            write((inner if empty else sep) + text)
            empty = False
        write("]" if empty else pad + "]")
    write((pad[:1] if document else "") + "}")


def _encode(value: Any, pad: str, indent: int | None) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=indent)`` nested at ``pad`` (a newline
    and that level's spaces; empty without ``indent``). Indented text is built here with the
    C string encoder: the standard library indents in pure Python, at twice the time."""
    if indent is None:
        return json.dumps(value, ensure_ascii=False)
    return _indented(value, pad, " " * indent)


def _indented(value: Any, pad: str, step: str) -> str:
    kind = type(value)
    if kind is str:
        return encode_basestring(value)
    if value is None:
        return "null"
    if kind is dict:
        if not value:
            return "{}"
        inner = pad + step
        try:
            parts = [
                encode_basestring(k) + ": " + _indented(v, inner, step) for k, v in value.items()
            ]
        except TypeError:  # a key that is not a string: json.dumps converts it
            pass
        else:
            return "{" + inner + ("," + inner).join(parts) + pad + "}"
    elif kind is list:
        if not value:
            return "[]"
        inner = pad + step
        try:
            parts = list(map(encode_basestring, value))  # most lists hold only strings
        except TypeError:
            parts = [_indented(v, inner, step) for v in value]
        return "[" + inner + ("," + inner).join(parts) + pad + "]"
    elif kind is bool:
        return "true" if value else "false"
    elif kind is int or (kind is float and math.isfinite(value)):
        return repr(value)
    # Anything else (NaN, subclasses, tuples, other keys): as json.dumps has it.
    return json.dumps(value, ensure_ascii=False, indent=len(step)).replace("\n", pad)

"""Static checks over a loaded catalogue: things the schema alone cannot see."""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.core.catalogue import Catalogue
from desktop.core.policy_tests import LoadedCase, cases_per_measure

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Finding:
    severity: str  # "error" | "warning" | "info"
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.severity:<7} {self.where}: {self.message}"


def _squash(text: str) -> str:
    return _SPACE.sub("", text)


def static_check(catalogue: Catalogue, cases: list[LoadedCase] | None = None) -> list[Finding]:
    findings: list[Finding] = []
    counts = cases_per_measure(cases or [])
    for slug, policy in catalogue.files.items():
        origin = catalogue.origins[slug].name
        doc = policy.document
        if doc.in_force and doc.expires and doc.expires < doc.in_force:
            findings.append(
                Finding(
                    "error",
                    f"{origin} document",
                    f"expires {doc.expires} before it comes into force {doc.in_force}",
                )
            )
        articles = {a.number: a for a in policy.articles}
        encoded = {m.article for m in policy.measures}
        for article in policy.articles:
            if article.kind != "informational" and article.number not in encoded:
                findings.append(
                    Finding(
                        "info",
                        f"{origin} article {article.number}",
                        f"{article.kind} article has no measure encoded yet",
                    )
                )
        # records, filter, year, in-force window: measures alike in all four overlap
        by_filter: dict[tuple[object, ...], str] = {}
        for m in policy.measures:
            where = f"{origin} {m.id}"
            article = articles[m.article]
            if _squash(m.quote) not in _squash(article.quote):
                findings.append(
                    Finding(
                        "error",
                        where,
                        f"the measure's quote is not part of article {m.article}'s text",
                    )
                )
            if article.kind == "informational":
                findings.append(
                    Finding(
                        "warning", where, f"article {m.article} is informational but has a measure"
                    )
                )
            start = m.in_force or doc.in_force
            end = m.expires or doc.expires
            for name, param in m.parameters.items():
                if end is not None and param.values[-1].start > end:
                    findings.append(
                        Finding(
                            "warning",
                            f"{where}.{name}",
                            f"value from {param.values[-1].start} starts after the "
                            f"measure expires ({end}) and is never used",
                        )
                    )
                if start is not None and param.at(start) is None:
                    findings.append(
                        Finding(
                            "warning",
                            f"{where}.{name}",
                            f"no value on the in-force date {start}; the earliest "
                            "value is used and flagged as an assumption",
                        )
                    )
            key = (m.records or "", m.record_filter, m.year, start, end)
            if m.records and key in by_filter and not m.caps:
                findings.append(
                    Finding("warning", where, f"selects the same records as {by_filter[key]}")
                )
            by_filter.setdefault(key, m.id)
            if m.subject == "institution":
                if m.beneficiary == "enterprise":
                    findings.append(
                        Finding(
                            "warning",
                            where,
                            "decides about institutions but names the enterprise as beneficiary",
                        )
                    )
                if counts.get(m.id, 0) < 3:
                    findings.append(
                        Finding(
                            "warning",
                            where,
                            f"has {counts.get(m.id, 0)} test case(s); at least 3 expected "
                            "(within, at the edge, missing data)",
                        )
                    )
            if m.kind == "computable" and counts.get(m.id, 0) < 3:
                findings.append(
                    Finding(
                        "warning",
                        where,
                        f"has {counts.get(m.id, 0)} test case(s); at least 3 expected",
                    )
                )
    findings += _stacking_findings(catalogue)
    return findings


def _stacking_findings(catalogue: Catalogue) -> list[Finding]:
    """Overlapping, conflicting or unreachable stacking rules."""
    findings: list[Finding] = []
    exclusive_of: dict[str, list[str]] = {}
    for rule, origin in catalogue.stacking:
        where = f"{origin.name} stacking {rule.id}"
        for measure_id in rule.measures:
            measure = catalogue.measures[measure_id].measure
            if measure.kind != "computable":
                findings.append(
                    Finding(
                        "error", where, f"{measure_id} is {measure.kind}: it has no amount to stack"
                    )
                )
            if rule.kind == "exclusive":
                exclusive_of.setdefault(measure_id, []).append(rule.id)
        docs = {catalogue.measures[m].document.slug for m in rule.measures}
        if len(docs) > 1:
            findings.append(Finding("info", where, f"spans documents {', '.join(sorted(docs))}"))
        if rule.kind == "shared_cap" and rule.cap is not None:
            owner = rule.cap.rpartition(".")[0]
            if owner not in rule.measures:
                findings.append(
                    Finding(
                        "warning", where, f"cap {rule.cap} belongs to a measure outside the rule"
                    )
                )
    for measure_id, rules in sorted(exclusive_of.items()):
        if len(rules) > 1:
            findings.append(
                Finding(
                    "warning",
                    measure_id,
                    f"is in {len(rules)} exclusive rules ({', '.join(rules)}); "
                    "they are applied in file order",
                )
            )
    return findings

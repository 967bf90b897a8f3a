"""Load the policy catalogue from ``policies/``: documents, measures, reference data.

Loading is strict: every problem raises :class:`PolicyFileError` naming the file, the line
and the key. Expressions are parsed here once, so a bad formula is reported at load time.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from pydantic import ValidationError

from desktop.core import expr as ex
from desktop.core.fields import TABLES, FieldType, Table, all_field_types
from desktop.core.policy_model import (
    DerivedField,
    DerivedFile,
    DistrictsFile,
    Document,
    FactsFile,
    LprFile,
    Measure,
    OverlapFile,
    PolicyFile,
    ReferenceFact,
    StackingRule,
    value_problem,
)
from desktop.core.preassess import CompiledAssessment, PreassessFile, compile_assessment
from desktop.core.sme import SmeStandard
from desktop.core.yamlstrict import KeyPath, YamlDocument, load_yaml
from desktop.errors import ExpressionError, PolicyFileError

PARAM_FIELD_TYPES: dict[str, FieldType] = {
    "ratio": FieldType.RATIO,
    "yuan": FieldType.MONEY,
    "usd": FieldType.MONEY,
    "bp": FieldType.NUMBER,
    "count": FieldType.COUNT,
    "multiple": FieldType.NUMBER,
    "date": FieldType.DATE,
}


@dataclass(frozen=True)
class LprTable:
    """1-year and 5-year LPR by effective date, as fractions (3.45 % → 0.0345)."""

    effective: tuple[dt.date, ...]
    one_year: tuple[Decimal, ...]
    five_year: tuple[Decimal, ...]
    source: str

    def dates(self) -> Sequence[dt.date]:
        return self.effective

    def rates(self, tenor: str) -> Sequence[Decimal]:
        return self.one_year if tenor == "1y" else self.five_year


@dataclass(frozen=True)
class CompiledMeasure:
    """A measure with its expressions parsed and its document attached."""

    measure: Measure
    document: Document
    origin: Path
    filter: ex.Expr | None
    year: ex.Expr | None
    conditions: tuple[tuple[str, ex.Expr], ...]
    record_conditions: tuple[tuple[str, ex.Expr], ...]
    amount: ex.Expr | None
    caps: tuple[ex.Expr, ...]
    institution_filter: ex.Expr | None = None

    @property
    def id(self) -> str:
        return self.measure.id

    @property
    def about_institutions(self) -> bool:
        """True when the measure decides about institutions (banks …), not enterprises."""
        return self.measure.subject == "institution"

    def in_force_window(self) -> tuple[dt.date | None, dt.date | None]:
        start = self.measure.in_force or self.document.in_force
        end = self.measure.expires or self.document.expires
        return start, end

    def param_types(self) -> dict[str, FieldType]:
        return {k: PARAM_FIELD_TYPES[p.type] for k, p in self.measure.parameters.items()}


@dataclass
class Catalogue:
    documents: dict[str, Document] = field(default_factory=dict)
    files: dict[str, PolicyFile] = field(default_factory=dict)
    origins: dict[str, Path] = field(default_factory=dict)
    measures: dict[str, CompiledMeasure] = field(default_factory=dict)
    derived: dict[str, tuple[DerivedField, ex.Expr]] = field(default_factory=dict)
    stacking: list[tuple[StackingRule, Path]] = field(default_factory=list)
    lpr: LprTable | None = None
    sme: SmeStandard | None = None
    districts: DistrictsFile | None = None
    facts: dict[str, ReferenceFact] = field(default_factory=dict)
    preassessments: list[CompiledAssessment] = field(default_factory=list)
    sha256: str = ""

    def enterprise_measure_ids(self) -> list[str]:
        """Measures that decide about enterprises (the result matrix), sorted."""
        return sorted(k for k, m in self.measures.items() if not m.about_institutions)

    def institution_measure_ids(self) -> list[str]:
        """Measures whose subject is an institution of the institutions table, sorted."""
        return sorted(k for k, m in self.measures.items() if m.about_institutions)

    def measure(self, measure_id: str) -> CompiledMeasure:
        try:
            return self.measures[measure_id]
        except KeyError:
            known = ", ".join(sorted(self.measures))
            raise KeyError(f"unknown measure '{measure_id}' (known: {known})") from None

    @property
    def district_cities(self) -> dict[str, str] | None:
        return None if self.districts is None else self.districts.city_of()

    def field_types(self) -> dict[str, FieldType]:
        types = all_field_types()
        for name, (spec, _) in self.derived.items():
            types[name] = FieldType(spec.type)
        return types


def validation_error(doc: YamlDocument, exc: ValidationError) -> PolicyFileError:
    """A policy file's schema error, pointing at the line of its first problem (used by
    every loader of YAML policy files: catalogue, scenarios, scoring)."""
    first = exc.errors()[0]
    loc: KeyPath = tuple(p for p in first["loc"] if isinstance(p, (str, int)))
    if first["type"] != "missing":
        # Union members add their type name ("decimal", "date") to the path: not a key.
        while len(loc) > 1 and loc not in doc.lines and isinstance(loc[-1], str):
            loc = loc[:-1]
    msg = first["msg"]
    if first["type"] == "extra_forbidden":
        msg = "unknown key"
    elif first["type"] == "missing":
        msg = "required key is missing"
    more = len(exc.errors()) - 1
    if more:
        msg += f" (and {more} more problem{'s' if more > 1 else ''} in this file)"
    return doc.error(msg, loc)


def parse_expr(
    doc: YamlDocument,
    source: str,
    key_path: KeyPath,
    known_fields: set[str],
    known_params: set[str],
) -> ex.Expr:
    try:
        parsed = ex.parse(source, where="expression")
    except ExpressionError as exc:
        raise doc.error(str(exc).removeprefix("expression: "), key_path) from None
    unknown_fields = sorted(parsed.fields - known_fields)
    if unknown_fields:
        raise doc.error(f"unknown field(s) {', '.join(unknown_fields)} in '{source}'", key_path)
    unknown_params = sorted(parsed.params - known_params)
    if unknown_params:
        names = ", ".join(f"p.{n}" for n in unknown_params)
        raise doc.error(f"unknown parameter(s) {names} in '{source}'", key_path)
    return parsed


def _compile_measure(
    doc: YamlDocument, index: int, measure: Measure, document: Document, known_fields: set[str]
) -> CompiledMeasure:
    base: KeyPath = ("measures", index)
    params = set(measure.parameters)
    if measure.subject == "institution":
        # An institution is decided from its own row of the institutions table only.
        known_fields = set(TABLES[Table.INSTITUTIONS].by_name())

    def parse(source: str, *key: str | int, fields: set[str] | None = None) -> ex.Expr:
        return parse_expr(
            doc, source, (*base, *key), known_fields if fields is None else fields, params
        )

    conditions = tuple(
        (c.id, parse(c.test, "conditions", i, "test")) for i, c in enumerate(measure.conditions)
    )
    record_conditions = tuple(
        (c.id, parse(c.test, "record_conditions", i, "test"))
        for i, c in enumerate(measure.record_conditions)
    )
    caps = tuple(
        parse(c.amount, "caps", i, "amount", fields=set()) for i, c in enumerate(measure.caps)
    )
    return CompiledMeasure(
        measure=measure,
        document=document,
        origin=doc.path,
        filter=parse(measure.record_filter, "record_filter") if measure.record_filter else None,
        year=parse(measure.year, "year") if measure.year else None,
        conditions=conditions,
        record_conditions=record_conditions,
        amount=parse(measure.amount, "amount") if measure.amount else None,
        caps=caps,
        institution_filter=(
            parse(measure.institution_filter, "institution_filter")
            if measure.institution_filter
            else None
        ),
    )


def _load_reference(catalogue: Catalogue, path: Path) -> None:
    doc = load_yaml(path)
    kind = doc.data.get("kind") if isinstance(doc.data, dict) else None
    try:
        if kind == "lpr":
            lpr = LprFile.model_validate(doc.data)
            hundred = Decimal(100)
            catalogue.lpr = LprTable(
                effective=tuple(f.start for f in lpr.fixings),
                one_year=tuple(f.one_year / hundred for f in lpr.fixings),
                five_year=tuple(f.five_year / hundred for f in lpr.fixings),
                source=lpr.source,
            )
        elif kind == "derived":
            derived = DerivedFile.model_validate(doc.data)
            known = set(all_field_types())
            for i, spec in enumerate(derived.fields):
                parsed = parse_expr(doc, spec.expr, ("fields", i, "expr"), known, set())
                catalogue.derived[spec.name] = (spec, parsed)
                known.add(spec.name)
        elif kind == "sme_size":
            catalogue.sme = SmeStandard.model_validate(doc.data)
        elif kind == "districts":
            catalogue.districts = DistrictsFile.model_validate(doc.data)
        elif kind == "facts":
            for fact in FactsFile.model_validate(doc.data).facts:
                if fact.key in catalogue.facts:
                    raise doc.error(f"fact '{fact.key}' is defined twice", ("facts",))
                catalogue.facts[fact.key] = fact
        elif kind == "preassess":
            pre = PreassessFile.model_validate(doc.data)
            known = set(all_field_types()) | set(catalogue.derived)
            for i, assessment in enumerate(pre.assessments):
                catalogue.preassessments.append(
                    compile_assessment(
                        assessment,
                        lambda source, key, i=i: parse_expr(
                            doc, source, ("assessments", i, *key), known, set()
                        ),
                    )
                )
        else:
            raise doc.error(
                "reference files need kind lpr, derived, sme_size, districts, preassess or facts",
                ("kind",),
            )
    except ValidationError as exc:
        raise validation_error(doc, exc) from None


def _check_references(doc: YamlDocument, policy: PolicyFile) -> None:
    """Cross-references inside one file, reported at the offending key."""
    seen: dict[str, int] = {}
    for i, article in enumerate(policy.articles):
        if article.number in seen:
            raise doc.error(
                f"article {article.number} is listed twice "
                f"(first as articles[{seen[article.number]}])",
                ("articles", i, "number"),
            )
        seen[article.number] = i
    measure_ids: set[str] = set()
    for i, m in enumerate(policy.measures):
        if m.article not in seen:
            raise doc.error(
                f"measure {m.id} cites article {m.article}, which is not listed",
                ("measures", i, "article"),
            )
        prefix = f"{policy.document.slug}.{article_id(m.article)}"
        if m.id != prefix and not m.id.startswith(prefix + "."):
            raise doc.error(f"measure id {m.id} must start with '{prefix}'", ("measures", i, "id"))
        if m.id in measure_ids:
            raise doc.error(f"measure id {m.id} is used twice", ("measures", i, "id"))
        measure_ids.add(m.id)
        _check_english(doc, i, m)


def _check_parameter_ranges(doc: YamlDocument, policy: PolicyFile) -> None:
    """Every parameter value lies in its type's meaningful range (see ``value_problem``)."""
    for i, measure in enumerate(policy.measures):
        for name, spec in measure.parameters.items():
            for j, value in enumerate(spec.values):
                if value.value is None:
                    continue
                problem = value_problem(spec.type, spec.unit, name, value.value)
                if problem:
                    key = ("measures", i, "parameters", name, "values", j, "value")
                    raise doc.error(f"parameter '{measure.id}.{name}': {problem}", key)


def _check_english(doc: YamlDocument, index: int, m: Measure) -> None:
    """English manual checks and fallback notes match the Chinese ones, one for one."""
    if m.manual_checks_en is not None and len(m.manual_checks_en) != len(m.manual_checks):
        raise doc.error(
            f"manual_checks_en has {len(m.manual_checks_en)} entries but manual_checks has "
            f"{len(m.manual_checks)}: write one English text for each check, in the same order",
            ("measures", index, "manual_checks_en"),
        )
    if m.fallback_notes_en is not None and set(m.fallback_notes_en) != set(m.fallback_notes):
        raise doc.error(
            f"fallback_notes_en must name the same fields as fallback_notes "
            f"({', '.join(sorted(m.fallback_notes)) or 'none'})",
            ("measures", index, "fallback_notes_en"),
        )


_NUMERALS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def article_id(number: str) -> str:
    """The ASCII form of an article number used in measure ids: "十一" → "11", "16" → "16"."""
    text = number.strip("()（）")
    if text.isdigit():
        return text
    if text and all(ch in _NUMERALS or ch == "十" for ch in text):
        if "十" not in text:
            return str(_NUMERALS[text])
        tens, _, ones = text.partition("十")
        return str((_NUMERALS[tens] if tens else 1) * 10 + (_NUMERALS[ones] if ones else 0))
    return text


OVERLAP_FILE = "overlaps.yaml"  # stacking rules across documents (kind: overlaps)


def policy_files(root: Path) -> list[Path]:
    """The documents' files in ``root`` (not the cross-document ``overlaps.yaml``)."""
    return sorted(p for p in root.glob("*.yaml") if p.is_file() and p.name != OVERLAP_FILE)


def load_catalogue(root: Path, extra_dirs: Iterable[Path] = ()) -> Catalogue:
    """Load every document under ``root`` (and user packs in ``extra_dirs``)."""
    catalogue = Catalogue()
    digest = hashlib.sha256()
    reference_dir = root / "reference"
    reference_paths = sorted(reference_dir.glob("*.yaml")) if reference_dir.is_dir() else []
    # Pre-assessments may use derived fields, so they load last.
    reference_paths.sort(key=lambda p: (p.name.startswith("preassess"), p.name))
    for path in reference_paths:
        _load_reference(catalogue, path)  # first: it refuses a file over the size limit
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    if catalogue.lpr is None:
        raise PolicyFileError(f"no LPR reference table (kind: lpr) found in {reference_dir}")

    known_fields = set(all_field_types()) | set(catalogue.derived)
    doc_paths = policy_files(root) + [p for d in extra_dirs if d.is_dir() for p in policy_files(d)]
    if not doc_paths:
        raise PolicyFileError(f"no policy files (*.yaml) found in {root}")
    for path in doc_paths:
        doc = load_yaml(path)  # first: it refuses a file over the size limit
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
        try:
            policy = PolicyFile.model_validate(doc.data)
        except ValidationError as exc:
            raise validation_error(doc, exc) from None
        _check_references(doc, policy)
        _check_parameter_ranges(doc, policy)
        slug = policy.document.slug
        if slug in catalogue.documents:
            raise doc.error(
                f"document '{slug}' is already defined in {catalogue.origins[slug]}",
                ("document", "slug"),
            )
        catalogue.documents[slug] = policy.document
        catalogue.files[slug] = policy
        catalogue.origins[slug] = path
        for i, measure in enumerate(policy.measures):
            if measure.id in catalogue.measures:
                raise doc.error(f"measure '{measure.id}' is defined twice", ("measures", i, "id"))
            # A record table's derived field (start_lpr_1y on loans) is a field of that
            # table's records only.
            elsewhere = {
                name
                for name, (spec, _) in catalogue.derived.items()
                if spec.table not in (Table.ENTERPRISES.value, measure.records)
            }
            catalogue.measures[measure.id] = _compile_measure(
                doc, i, measure, policy.document, known_fields - elsewhere
            )
    _check_stacking(catalogue)
    for folder in [root, *extra_dirs]:
        path = folder / OVERLAP_FILE
        if path.is_file():
            doc = load_yaml(path)
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
            try:
                overlaps = OverlapFile.model_validate(doc.data)
            except ValidationError as exc:
                raise validation_error(doc, exc) from None
            _check_rules(catalogue, doc, path, overlaps.stacking)
    catalogue.sha256 = digest.hexdigest()
    return catalogue


def _check_stacking(catalogue: Catalogue) -> None:
    """Stacking rules may name measures of any file, so they are checked once all are loaded."""
    for slug, policy in catalogue.files.items():
        if policy.stacking:
            path = catalogue.origins[slug]
            _check_rules(catalogue, load_yaml(path), path, policy.stacking)


def _check_rules(
    catalogue: Catalogue, doc: YamlDocument, path: Path, rules: Sequence[StackingRule]
) -> None:
    """One file's stacking rules against the loaded measures, then added to the catalogue."""
    known = {rule.id for rule, _ in catalogue.stacking}
    for i, rule in enumerate(rules):
        if rule.id in known:
            raise doc.error(f"stacking rule '{rule.id}' is defined twice", ("stacking", i, "id"))
        known.add(rule.id)
        for j, measure_id in enumerate(rule.measures):
            if measure_id not in catalogue.measures:
                raise doc.error(
                    f"stacking rule {rule.id} names unknown measure '{measure_id}'",
                    ("stacking", i, "measures", j),
                )
            if catalogue.measures[measure_id].about_institutions:
                raise doc.error(
                    f"stacking rule {rule.id} names '{measure_id}', a measure about "
                    "institutions: stacking combines amounts of one enterprise",
                    ("stacking", i, "measures", j),
                )
        if rule.cap is not None:
            measure_id, _, name = rule.cap.rpartition(".")
            owner = catalogue.measures.get(measure_id)
            if owner is None or name not in owner.measure.parameters:
                raise doc.error(
                    f"cap '{rule.cap}' is not a parameter <measure>.<param>",
                    ("stacking", i, "cap"),
                )
        if rule.per == "record":
            tables = {catalogue.measures[m].measure.records for m in rule.measures}
            if None in tables:
                raise doc.error(
                    "per: record needs measures that work on records", ("stacking", i, "per")
                )
            if rule.kind == "overlap" and len(tables) != 1:
                raise doc.error(
                    "an overlap rule's measures pay for the same record: they must work "
                    f"on one table (they use {', '.join(sorted(map(str, tables)))})",
                    ("stacking", i, "measures"),
                )
            for table in sorted(t for t in tables if t is not None):
                for field_name, what in ((rule.key, "key"), (rule.date, "date")):
                    if field_name is not None and field_name not in TABLES[Table(table)].by_name():
                        raise doc.error(
                            f"{what} '{field_name}' is not a field of the {table} table",
                            ("stacking", i, what),
                        )
        catalogue.stacking.append((rule, path))


def default_catalogue() -> Catalogue:
    """The catalogue shipped with the application plus the user's own policy packs."""
    from desktop.paths import policies_dir, user_policy_dir

    extra = user_policy_dir()
    return load_catalogue(policies_dir(), extra_dirs=[extra] if extra.is_dir() else [])

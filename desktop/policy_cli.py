"""``policydesk policies check | list | show``: the catalogue from the command line."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.core.catalogue import Catalogue, load_catalogue
from desktop.core.explain import basis_label
from desktop.core.parameters import format_param
from desktop.core.policy_lint import static_check
from desktop.core.policy_model import Criterion, Measure
from desktop.core.policy_tests import load_cases, run_case
from desktop.i18n import text
from desktop.paths import policies_dir, user_policy_dir


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--policies", type=Path, default=None, help="catalogue folder (default: the bundled one)"
    )
    parser.add_argument(
        "--user-dir",
        type=Path,
        default=None,
        help="folder of extra policy packs (default: the user data folder)",
    )
    sub = parser.add_subparsers(dest="action", required=True, parser_class=type(parser))
    sub.add_parser("check", help="validate every file, run the cases and the static check")
    lister = sub.add_parser("list", help="print the catalogue")
    lister.add_argument("--doc", help="only this document (slug)")
    lister.add_argument("--kind", choices=("computable", "checkable", "informational"))
    show = sub.add_parser("show", help="print one measure with its quote and parameters")
    show.add_argument("measure")


def _load(args: argparse.Namespace) -> Catalogue:
    root = args.policies or policies_dir()
    extra = args.user_dir or user_policy_dir()
    return load_catalogue(root, extra_dirs=[extra] if extra.is_dir() else [])


def run(args: argparse.Namespace) -> int:
    catalogue = _load(args)
    if args.action == "check":
        return _check(args, catalogue)
    if args.action == "list":
        return _list(args, catalogue)
    return _show(args, catalogue)


def _check(args: argparse.Namespace, catalogue: Catalogue) -> int:
    root = args.policies or policies_dir()
    cases = load_cases(root / "tests") if (root / "tests").is_dir() else []
    failed = 0
    for loaded in cases:
        outcome = run_case(loaded, catalogue)
        if not outcome.ok:
            failed += 1
            print(f"FAIL    {loaded.label}")
            for failure in outcome.failures:
                print(f"        {failure}")
    findings = static_check(catalogue, cases)
    for finding in findings:
        print(finding)
    errors = sum(f.severity == "error" for f in findings)
    articles = sum(len(f.articles) for f in catalogue.files.values())
    print(
        f"{len(catalogue.documents)} documents, {articles} articles, {len(catalogue.measures)} "
        f"measures ({len(catalogue.institution_measure_ids())} about institutions); "
        f"{len(cases) - failed}/{len(cases)} cases passed; {errors} errors, "
        f"{sum(f.severity == 'warning' for f in findings)} warnings"
    )
    return 0 if failed == 0 and errors == 0 else 2


def _list(args: argparse.Namespace, catalogue: Catalogue) -> int:
    for slug, policy in sorted(catalogue.files.items()):
        if args.doc and slug != args.doc:
            continue
        doc = policy.document
        origin = catalogue.origins[slug]
        print(f"{slug}  {doc.number}《{doc.title}》  [{origin}]")
        measures_by_article: dict[str, list[str]] = {}
        for m in policy.measures:
            measures_by_article.setdefault(m.article, []).append(f"{m.id} {m.name}")
        for article in policy.articles:
            if args.kind and article.kind != args.kind:
                continue
            tags = ",".join(article.tags)
            print(f"  {article.number:>4}  {article.kind:<13} {article.title}  [{tags}]")
            for line in measures_by_article.get(article.number, []):
                print(f"        → {line}")
    return 0


def _show(args: argparse.Namespace, catalogue: Catalogue) -> int:
    compiled = catalogue.measure(args.measure)
    m, doc = compiled.measure, compiled.document
    print(f"{m.id}  {m.name}" + (f" / {m.name_en}" if m.name_en else ""))
    print(f"依据：{doc.number}《{doc.title}》第{m.article}条  ({compiled.origin})")
    print(f"原文：{m.quote}")
    print(
        f"类型：{m.kind}；受益方：{m.beneficiary}" + (f"；记录：{m.records}" if m.records else "")
    )
    if m.subject == "institution":
        print("判断对象：机构（机构表每行一家；不进入企业结果矩阵）")
    if m.institution_filter:
        print(f"机构筛选：{m.institution_filter}")
    if m.record_filter:
        print(f"记录筛选：{m.record_filter}")
    level = "机构条件" if m.subject == "institution" else "企业条件"
    for c in m.conditions:
        print(f"{level} {c.id}：{_condition_label(m, c)}    {c.test}")
    for c in m.record_conditions:
        print(f"记录条件 {c.id}：{_condition_label(m, c)}    {c.test}")
    if m.amount:
        print(f"金额公式：{m.amount}" + (f"（{m.amount_label}）" if m.amount_label else ""))
        basis = basis_label(m, "zh", short=True)
        print(f"{basis}：{m.amount_basis_note}" if m.amount_basis_note else basis)
    for cap in m.caps:
        print(f"上限：{cap.label}（{cap.per}）= {cap.amount}")
    for check in m.manual_checks:
        print(f"需人工核实：{check}")
    for name, param in m.parameters.items():
        print(f"参数 {m.id}.{name}：{param.label}（{param.type}，{param.unit}）")
        for value in param.values:
            flag = "【假设】" if value.assumption else ""
            shown = format_param(value.value, param.type, param.unit)
            print(f"    自 {value.start} 起 {shown} {flag}")
            if value.source:
                print(f"        来源：{value.source}")
            if value.note:
                print(f"        说明：{value.note}")
        if param.bound is not None:
            bound = format_param(param.bound.max, param.type, param.unit)
            print("    " + text("param.bound", "zh", bound=bound, quote=param.bound.quote))
    return 0


def _condition_label(m: Measure, c: Criterion) -> str:
    """A condition's label; a named interpretation says so (按解释「…」)."""
    switch = m.parameters.get(c.interpretation) if c.interpretation else None
    if switch is None:
        return c.label
    return text("interpretation.label", "zh", label=c.label, name=switch.label)

"""Command line: the GUI by default, ``batch`` for headless runs, ``brief`` for the briefing
pack, ``policies`` for the catalogue, ``--self-test`` for an installation.

Every expected problem ends with exit code 2 and one line naming it (file, sheet, row,
column where that applies); nothing the user did wrong prints a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import logging
import os
import sys
from collections.abc import Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from desktop import __version__
from desktop.errors import DesktopError, OutputFileError

if TYPE_CHECKING:
    from desktop.core.catalogue import Catalogue
    from desktop.core.evaluation import Evaluation
    from desktop.core.portfolio import Portfolio

log = logging.getLogger("policydesk")

EXIT_OK = 0
EXIT_UNEXPECTED = 1
EXIT_USAGE = 2
EXIT_BREACH = 3  # the evaluation breaks an invariant (desktop.core.invariants): not a result


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error in one line and exits 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"policydesk: error: {message} (see --help)\n")


def _date(text: str) -> dt.date:
    from desktop.core.policy_model import as_of_problem

    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date in the form YYYY-MM-DD") from None
    problem = as_of_problem(day)
    if problem:
        raise argparse.ArgumentTypeError(problem)
    return day


COMMANDS = ("batch", "policies", "brief")


def build_gui_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="policydesk",
        description="PolicyDesk 科创金融政策测算台 — eligibility and subsidy calculator (offline).",
        epilog="commands: 'policydesk batch --help' evaluates a spreadsheet without the window; "
        "'policydesk brief --help' writes a briefing pack (PDF, charts, workbook); "
        "'policydesk policies --help' checks, lists and shows the policy catalogue.",
    )
    parser.add_argument("--version", action="version", version=f"PolicyDesk {__version__}")
    parser.add_argument("--sample", action="store_true", help="open the bundled sample portfolio")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation headless and print one line (exit 0/1)",
    )
    parser.add_argument("--lang", choices=("zh", "en"), default=None, help="interface language")
    parser.add_argument("file", nargs="?", type=Path, help="a spreadsheet to open in the window")
    return parser


def _points(text: str) -> Decimal:
    try:
        value = Decimal(text)
    except ArithmeticError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not value.is_finite() or value < 0:
        raise argparse.ArgumentTypeError(f"not a non-negative number: {text!r}")
    return value


def build_brief_parser() -> argparse.ArgumentParser:
    brief = _Parser(
        prog="policydesk brief",
        description="Briefing pack (offline): PDF and Word brief, charts as PNG, the annex "
        "简报附表.xlsx that every figure cites (with the 领航积分 ranking and 主动授信 candidates) "
        "and the baseline's result workbook. Compare scenarios with --scenarios FILE or --set.",
    )
    brief.add_argument(
        "input", nargs="?", type=Path, help="enterprise workbook; default: the bundled sample"
    )
    brief.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="DIR",
        help="folder for brief.pdf, brief.docx, the charts and the workbooks",
    )
    brief.add_argument(
        "--scenarios",
        type=Path,
        metavar="FILE",
        help="scenario file with a baseline and alternatives to compare",
    )
    brief.add_argument(
        "--as-of",
        type=_date,
        default=None,
        help="evaluation date without a scenario file (default: the data's 数据截至, else today)",
    )
    brief.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="parameter override for an extra alternative scenario compared with the baseline "
        "(repeatable), e.g. --set jjr-2022-190.16.ratio=0.5",
    )
    brief.add_argument(
        "--alt-name",
        default="调整情景",
        metavar="NAME",
        help="name of the --set alternative (default: 调整情景)",
    )
    brief.add_argument(
        "--formats",
        default="pdf,docx,png,xlsx",
        metavar="LIST",
        help="what to write, comma-separated (default: pdf,docx,png,xlsx): pdf = brief.pdf, "
        "docx = brief.docx (Word), png = each chart as PNG, xlsx = the baseline's result "
        "workbook 测算结果.xlsx; the annex 简报附表.xlsx that the brief cites is always written",
    )
    brief.add_argument(
        "--threshold",
        type=_points,
        default=None,
        metavar="POINTS",
        help="领航积分 threshold for the 主动授信 candidate list (default: the model's assumed 60)",
    )
    brief.add_argument(
        "--top", type=int, default=10, metavar="N", help="ranked enterprises shown (default 10)"
    )
    brief.add_argument("--mapping", type=Path, metavar="FILE", help="column-mapping profile")
    brief.add_argument("-q", "--quiet", action="store_true")
    return brief


def build_batch_parser() -> argparse.ArgumentParser:
    batch = _Parser(
        prog="policydesk batch", description="Evaluate a spreadsheet without the window (headless)."
    )
    batch.add_argument(
        "input",
        nargs="*",
        type=Path,
        help="enterprise workbook(s) (.xlsx/.xls/.ods/.csv) or a folder of them, read together "
        "and joined by credit code; default: the bundled sample",
    )
    batch.add_argument("-o", "--output", type=Path, help="result workbook (.xlsx) to write")
    batch.add_argument("--json", type=Path, help="JSON result document to write")
    batch.add_argument("--csv", type=Path, metavar="DIR", help="folder for CSV result files")
    batch.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="MEASURE.PARAM=VALUE",
        help="override a parameter, e.g. jjr-2022-190.16.ratio=0.5 (repeatable)",
    )
    batch.add_argument(
        "--as-of",
        type=_date,
        default=None,
        help="evaluation date YYYY-MM-DD (default: the data's stated 数据截至, else today)",
    )
    batch.add_argument(
        "--measure",
        action="append",
        default=None,
        metavar="ID",
        help="evaluate only this measure (repeatable; default: all)",
    )
    batch.add_argument(
        "--mapping",
        type=Path,
        metavar="FILE",
        help="column-mapping profile (YAML) saved from the import dialog",
    )
    batch.add_argument(
        "--scenario",
        type=Path,
        metavar="FILE",
        help="scenario file: parameter overrides, as-of date, measures",
    )
    batch.add_argument("--lang", choices=("zh", "en"), default="zh", dest="batch_lang")
    batch.add_argument("-q", "--quiet", action="store_true", help="print nothing on success")
    return batch


def _check_outputs(input_path: Path, outputs: Sequence[Path | None]) -> None:
    source = input_path.resolve()
    for out in outputs:
        if out is not None and out.resolve() == source:
            raise OutputFileError(
                f"{out}: 输出文件不能覆盖输入文件 / the output would overwrite the input file"
            )


def check_writable(option: str, target: Path, *, folder: bool) -> None:
    """Refuse, before any work, an output that cannot be written: a file path that is a
    folder, a folder path that is a file, a parent that is a file, a folder not writable."""
    if not folder and target.is_dir():
        raise OutputFileError(
            f"{option} {target}: 输出路径是一个文件夹 / the path is a folder; give a file name"
        )
    if folder and target.exists() and not target.is_dir():
        raise OutputFileError(
            f"{option} {target}: 该路径是文件而不是文件夹 / the path is a file, not a folder"
        )
    ancestor = target if folder else target.parent
    while not ancestor.exists() and ancestor != ancestor.parent:
        ancestor = ancestor.parent
    if not ancestor.is_dir():
        raise OutputFileError(
            f"{option} {target}: {ancestor} 是文件而不是文件夹 / {ancestor} is a file, not a folder"
        )
    if not os.access(ancestor, os.W_OK | os.X_OK):
        raise OutputFileError(
            f"{option} {target}: 文件夹 {ancestor} 不可写 / the folder {ancestor} is not writable"
        )


@contextlib.contextmanager
def _writing(option: str, target: Path) -> Iterator[None]:
    """An operating-system error while writing ``target`` is the user's to fix: exit 2."""
    try:
        yield
    except OSError as exc:
        raise OutputFileError(
            f"{option} {target}: 无法写入 / cannot write ({exc.strerror or type(exc).__name__})"
        ) from None


def run_batch(args: argparse.Namespace) -> int:
    from desktop.core.catalogue import default_catalogue
    from desktop.core.engine import evaluate_portfolio
    from desktop.core.jsonout import write_evaluation_json
    from desktop.core.parameters import parse_override
    from desktop.paths import sample_portfolio

    inputs: list[Path] = list(args.input) or [sample_portfolio()]
    for path in inputs:
        if not path.exists():
            raise OutputFileError(f"{path}: 文件不存在 / file not found")
        _check_outputs(path, [args.output, args.json])
    input_path = inputs[0]
    for option, target, folder in (
        ("--output", args.output, False),
        ("--json", args.json, False),
        ("--csv", args.csv, True),
    ):
        if target is not None:
            check_writable(option, target, folder=folder)
    catalogue = default_catalogue()
    overrides: list[tuple[str, str | Decimal]] = []
    as_of = args.as_of
    measures = args.measure
    if args.scenario is not None:
        # A scenario file gives overrides, an as-of date and measures; --set, --as-of and
        # --measure on the command line still win.
        from desktop.core.scenarios import load_scenario

        scenario = load_scenario(args.scenario, catalogue)
        overrides += list(scenario.overrides.items())
        as_of = as_of or scenario.as_of
        measures = measures or (list(scenario.measure_ids) if scenario.measure_ids else None)
    overrides += [parse_override(text) for text in args.set]
    _check_set(catalogue, as_of or dt.date.today(), args.set)
    if measures:
        for measure_id in measures:
            catalogue.measure(measure_id)  # unknown ids fail before the long work starts
    portfolio = _read(inputs, args.mapping)
    for warning in portfolio.warnings:  # never only in a file: a lost sheet is said aloud
        print(f"policydesk: warning: {warning}", file=sys.stderr)
    if as_of is None:
        as_of = default_as_of(portfolio)
        _check_set(catalogue, as_of, args.set)
    evaluation = evaluate_portfolio(
        portfolio, catalogue, as_of=as_of, overrides=overrides, measure_ids=measures
    )
    for option, folder, target in (
        ("--output", args.output and args.output.parent, args.output),
        ("--json", args.json and args.json.parent, args.json),
        ("--csv", args.csv, args.csv),
    ):
        if folder is not None:
            with _writing(option, target):
                folder.mkdir(parents=True, exist_ok=True)
    if args.output is not None:
        from desktop.export import write_workbook

        with _writing("--output", args.output):
            write_workbook(evaluation, args.output, input_path=input_path, lang=args.batch_lang)
    if args.csv is not None:
        from desktop.export import write_csv

        with _writing("--csv", args.csv):
            write_csv(evaluation, args.csv)
    if args.json is not None:
        with _writing("--json", args.json):
            write_evaluation_json(evaluation, args.json, input_path=input_path)
    if not args.quiet:
        _print_summary(evaluation, input_path, args)
    return _report_breaches(evaluation)


def _report_breaches(evaluation: Evaluation) -> int:
    """Every invariant breach on stderr (a defect, not a result): exit 3; else 0."""
    from desktop.i18n import text

    if not evaluation.breaches:
        return EXIT_OK
    print(
        f"policydesk: error: {text('invariant.failed', 'zh', count=len(evaluation.breaches))}"
        f" / {text('invariant.failed', 'en', count=len(evaluation.breaches))}",
        file=sys.stderr,
    )
    for breach in evaluation.breaches:
        print(f"policydesk: breach: {breach.message('zh')}", file=sys.stderr)
    return EXIT_BREACH


def default_as_of(portfolio: Portfolio) -> dt.date:
    """The as-of date when none is given: the data's own 数据截至 where the file states one
    (a ledger "as at 2025-09-30" is evaluated at that date, not at today's), else today."""
    return portfolio.data_as_of or dt.date.today()


def _check_set(catalogue: Catalogue, as_of: dt.date, items: Sequence[str]) -> None:
    """Each ``--set`` names a parameter and gives a value in its range (else the error names
    the option)."""
    from desktop.core.parameters import parse_override, resolve_parameters
    from desktop.errors import ParameterError

    for item in items:
        try:
            resolve_parameters(catalogue, as_of, [parse_override(item)])
        except ParameterError as exc:
            raise ParameterError(f"--set {item}: {exc}") from None


def _read(inputs: Path | Sequence[Path], mapping: Path | None) -> Portfolio:
    from desktop.spreadsheet import load_mapping
    from desktop.spreadsheet.reader import read_portfolio

    profile = load_mapping(mapping) if mapping is not None else None
    return read_portfolio(inputs, mapping=profile)


def run_brief(args: argparse.Namespace) -> int:
    """Workbook, PDF and Word brief, charts and annex for a baseline and its alternatives."""
    from desktop.briefing import FORMATS, build_pack
    from desktop.core.catalogue import default_catalogue
    from desktop.core.parameters import parse_override
    from desktop.core.scenarios import Scenario, compare_scenarios, load_scenarios
    from desktop.errors import ParameterError
    from desktop.export import write_workbook
    from desktop.paths import sample_portfolio

    formats = [f.strip().lower() for f in args.formats.split(",") if f.strip()]
    unknown = sorted(set(formats) - set(FORMATS))
    if unknown or not formats:
        raise ParameterError(
            f"--formats: unknown {', '.join(unknown) or '(empty)'}; choose from "
            + ",".join(FORMATS)
        )
    input_path: Path = args.input or sample_portfolio()
    if not input_path.exists():
        raise OutputFileError(f"{input_path}: 文件不存在 / file not found")
    check_writable("--output", args.output, folder=True)
    catalogue = default_catalogue()
    scenarios = load_scenarios(args.scenarios, catalogue) if args.scenarios is not None else []
    if args.set:
        _check_set(
            catalogue, scenarios[0].as_of if scenarios else args.as_of or dt.date.today(), args.set
        )
    portfolio = _read(input_path, args.mapping)
    for warning in portfolio.warnings:
        print(f"policydesk: warning: {warning}", file=sys.stderr)
    if not scenarios:
        # Without a scenario file: --as-of, else the data's own 数据截至, else today.
        as_of = args.as_of or default_as_of(portfolio)
        scenarios = [Scenario(name="基准", as_of=as_of)]
    if args.set:
        _check_set(catalogue, scenarios[0].as_of, args.set)
        overrides = dict(parse_override(item) for item in args.set)
        scenarios.append(
            Scenario(name=args.alt_name, as_of=scenarios[0].as_of, overrides=overrides)
        )
    comparison = compare_scenarios(portfolio, catalogue, scenarios[0], scenarios[1:])
    with _writing("--output", args.output):
        pack = build_pack(
            comparison,
            args.output,
            formats=formats,
            threshold=args.threshold,
            top_n=args.top,
            input_path=input_path,
            workbook_writer=write_workbook,
        )
    if not args.quiet:
        for label, path in (
            ("简报 / brief (PDF)", pack.pdf),
            ("简报 / brief (Word)", pack.docx),
            ("附表 / annex", pack.annex),
            ("工作簿 / workbook", pack.workbook),
        ):
            if path is not None:
                print(f"{label}: {path}")
        for chart in pack.charts.values():
            print(f"图表 / chart: {chart}")
    codes = [_report_breaches(evaluation) for evaluation in comparison.evaluations.values()]
    return max(codes, default=EXIT_OK)


def _print_summary(evaluation: object, input_path: Path, args: argparse.Namespace) -> None:
    from desktop.core.evaluation import Evaluation
    from desktop.core.explain.words import basis_label
    from desktop.core.money import format_yuan
    from desktop.core.portfolio import sheet_verdict_text

    assert isinstance(evaluation, Evaluation)
    names = " + ".join(sorted({v.file for v in evaluation.portfolio.sheets})) or input_path.name
    stated = evaluation.portfolio.data_as_of
    basis = (
        "（取自表格“数据截至”；--as-of 可改 / the data's own as-of date）"
        if args.as_of is None and stated is not None and evaluation.as_of == stated
        else ""
    )
    print(f"PolicyDesk {__version__} · {names} · 测算基准日 {evaluation.as_of}{basis}")
    portfolio = evaluation.portfolio
    several = len({v.file for v in portfolio.sheets}) > 1
    for verdict in portfolio.sheets:
        where = f"{verdict.file} " if several or verdict.sheet is None else ""
        where += f"「{verdict.sheet}」" if verdict.sheet is not None else ""
        print(f"  工作表 {where}{sheet_verdict_text(verdict)}；{verdict.reason}")
    if portfolio.data_as_of is not None:
        print(f"  数据截至 {portfolio.data_as_of}（表格注明）")
    print(f"企业 {len(evaluation)} 家；数据质量问题 {len(portfolio.issues)} 条")
    for measure_id, t in evaluation.totals().items():
        measure = evaluation.catalogue.measure(measure_id).measure
        if measure.kind == "computable":
            label = basis_label(measure, "zh", short=True)
            amount = f"金额 {format_yuan(t['amount_fen'])} · {label}"
        else:
            amount = "只判断适用，不测算金额"
        print(
            f"  {measure_id:<24} {measure.name:<20} 符合 {t['eligible']:>4}  "
            f"不符合 {t['ineligible']:>4}  待补数据 {t['unknown']:>4}  "
            f"{amount}{_amount_note(portfolio, measure, t)}"
        )
    _print_split(evaluation)
    assumed = [p for p in evaluation.parameters.values() if p.assumption]
    if assumed:
        print(f"注意：{len(assumed)} 个参数为假设值（政策原文未规定），详见结果工作簿“参数”表：")
        for p in assumed:
            print(f"  【假设】{p.key} = {p.display()}")
    for target in (args.output, args.json, args.csv):
        if target is not None:
            print(f"已写出 / written: {target}")


def _print_split(evaluation: object) -> None:
    """The amounts above split by region × beneficiary × funding level; every line that adds
    different regions, recipients or levels says what it adds."""
    from desktop.core.evaluation import Evaluation
    from desktop.core.money import format_yuan
    from desktop.core.totals import (
        adds,
        amounts_by_basis,
        beneficiary_label,
        level_label,
        recipient_label,
        split_totals,
    )
    from desktop.i18n import text

    assert isinstance(evaluation, Evaluation)
    split = split_totals(evaluation)
    print(text("cli.split.title", "zh"))
    for g in split.table:
        if not g.amount_fen:
            continue
        print(
            text(
                "cli.split.line",
                "zh",
                region=g.regions[0],
                beneficiary=beneficiary_label(g.beneficiaries[0]),
                level=level_label(g.funding_levels[0]),
                amount=format_yuan(g.amount_fen),
                count=len(g.measures),
            )
        )
    for title, groups, name in (
        ("cli.split.by_region", split.by_region, lambda k: k),
        ("cli.split.by_recipient", split.by_recipient, recipient_label),
        ("cli.split.by_level", split.by_funding_level, level_label),
    ):
        print(text(title, "zh"))
        for key, g in groups.items():
            if g.amount_fen:
                amount = format_yuan(g.amount_fen)
                print(f"  {name(key)} {amount}（{adds(g)}）")
    # What kind of figure the amounts are: requested and ceiling estimates are not amounts due.
    by_basis = amounts_by_basis(evaluation)
    if by_basis:
        print(text("cli.split.by_basis", "zh"))
        for basis in ("computed", "ceiling", "requested"):
            if by_basis.get(basis):
                label = text(f"basis.{basis}.short", "zh")
                print(f"  {label} {format_yuan(by_basis[basis])}")
    everything = split.all_lines
    print(
        text(
            "cli.split.all", "zh", amount=format_yuan(everything.amount_fen), adds=adds(everything)
        )
    )


def _amount_note(portfolio: object, measure: object, totals: dict[str, int]) -> str:
    """Why an amount may be short: its records are absent from the input, or enterprises
    with missing data are not counted (their amounts are 待补, not 0)."""
    from desktop.core.fields import TABLES, Table
    from desktop.core.policy_model import Measure
    from desktop.core.portfolio import Portfolio

    assert isinstance(portfolio, Portfolio) and isinstance(measure, Measure)
    notes: list[str] = []
    if measure.records is not None:
        table = Table(measure.records)
        if portfolio.table(table).empty:
            notes.append(f"输入中没有{TABLES[table].label_zh}记录")
    if totals["unknown"]:
        notes.append(f"{totals['unknown']} 家待补数据，未计入金额")
    return f"（{'；'.join(notes)}）" if notes else ""


def one_line(message: str) -> str:
    """Bilingual messages come as two lines; the command line reports one."""
    return " / ".join(part.strip() for part in message.splitlines() if part.strip())


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    command = argv[0] if argv and argv[0] in COMMANDS else None
    if argv[:1] == ["--self-test"]:
        from desktop.selftest import run_self_test

        passed, verdict = run_self_test()
        print(verdict)
        return EXIT_OK if passed else EXIT_UNEXPECTED
    try:
        if command == "batch":
            return run_batch(build_batch_parser().parse_args(argv[1:]))
        if command == "brief":
            return run_brief(build_brief_parser().parse_args(argv[1:]))
        if command == "policies":
            from desktop import policy_cli

            parser = _Parser(
                prog="policydesk policies", description="Check, list and show the policy catalogue."
            )
            policy_cli.add_arguments(parser)
            return policy_cli.run(parser.parse_args(argv[1:]))
        args = build_gui_parser().parse_args(argv)
        from desktop.ui.app import run_gui

        return run_gui(sys.argv[:1], open_path=args.file, sample=args.sample, lang=args.lang)
    except DesktopError as exc:
        print(f"policydesk: error: {one_line(str(exc))}", file=sys.stderr)
        return EXIT_USAGE
    except KeyError as exc:  # unknown measure id from the catalogue
        print(f"policydesk: error: {exc.args[0]}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug: log it in full, tell the user where
        path = log_unexpected(exc)
        print(
            f"policydesk: unexpected error: {type(exc).__name__}: {one_line(str(exc))} "
            f"(details in {path})",
            file=sys.stderr,
        )
        return EXIT_UNEXPECTED


def log_unexpected(exc: BaseException) -> Path:
    """Write the traceback to the log file in the user data folder and return its path."""
    import traceback

    from desktop.paths import user_data_dir

    folder = user_data_dir() / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "policydesk.log"
    with path.open("a", encoding="utf-8") as handle:
        handle.write(f"--- {dt.datetime.now().isoformat(timespec='seconds')} batch\n")
        handle.write("".join(traceback.format_exception(exc)))
    return path

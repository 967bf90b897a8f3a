"""What the scenarios screen shows and does, Qt-free.

The baseline is the window's current parameters and as-of date; alternatives are
:class:`desktop.core.scenarios.Scenario` values (overrides, as-of date, a subset of
measures). Comparing runs :func:`desktop.core.scenarios.compare_scenarios` and formats its
frames for the tables once, on the worker thread — every figure shown is read from the core's
comparison, nothing is recomputed here. The briefing pack is
:func:`desktop.briefing.build_pack` on that comparison, written by a child process
(:mod:`desktop.jobs.brief`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from desktop.core.catalogue import Catalogue
from desktop.core.money import format_yuan
from desktop.core.parameters import ParamValue, resolve_parameters
from desktop.core.portfolio import Portfolio
from desktop.core.scenarios import (
    FUNDING_KEYS,
    Scenario,
    ScenarioComparison,
    compare_scenarios,
)
from desktop.core.totals import recipient_key
from desktop.errors import CancelledError, ParameterError
from desktop.i18n import tr
from desktop.ui.param_data import DocumentGroup, MeasureGroup, ParamRow, parse_input
from desktop.ui.table_data import short_number

Progress = Callable[[float, str], None]
ShouldCancel = Callable[[], bool]


# -- editing scenarios --------------------------------------------------------------------


def unique_name(wanted: str, taken: Sequence[str]) -> str:
    """``wanted``, or ``wanted 2``, ``wanted 3`` … when taken."""
    if wanted not in taken:
        return wanted
    n = 2
    while f"{wanted} {n}" in taken:
        n += 1
    return f"{wanted} {n}"


def new_scenario_name(taken: Sequence[str]) -> str:
    n = 1
    while tr("scenario.new_name", n=n) in taken:
        n += 1
    return tr("scenario.new_name", n=n)


def check_name(name: str, taken: Sequence[str]) -> str:
    """The trimmed name, or :class:`ParameterError` when empty or already used."""
    name = name.strip()
    if not name:
        raise ParameterError(tr("scenario.empty_name"))
    if name in taken:
        raise ParameterError(tr("scenario.duplicate_name", name=name))
    return name


def with_override(scenario: Scenario, key: str, value: str | None) -> Scenario:
    """A copy with one override set (or, with None, removed)."""
    overrides = {k: str(v) for k, v in scenario.overrides.items()}
    if value is None:
        overrides.pop(key, None)
    else:
        overrides[key] = value
    return replace(scenario, overrides=overrides)


def with_measures(scenario: Scenario, measure_ids: Sequence[str], catalogue: Catalogue) -> Scenario:
    """A copy limited to ``measure_ids`` (every measure ticked: no limit, None).

    Overrides of measures left out are dropped, since the engine refuses parameters of
    measures it does not run."""
    everything = list(catalogue.measures)
    chosen = tuple(m for m in everything if m in set(measure_ids))
    limit = None if len(chosen) == len(everything) else chosen
    overrides = {
        k: str(v)
        for k, v in scenario.overrides.items()
        if limit is None or k.rpartition(".")[0] in limit
    }
    return replace(scenario, measure_ids=limit, overrides=overrides)


def scenario_summary(scenario: Scenario, catalogue: Catalogue | None) -> str:
    """基准日 2025-06-30 · 已修改参数 1 项 · 全部措施"""
    total = len(catalogue.measures) if catalogue is not None else 0
    if scenario.measure_ids is None:
        measures = tr("scenario.all_measures")
    else:
        measures = tr("scenario.some_measures", n=len(scenario.measure_ids), total=total)
    return tr(
        "scenario.summary",
        as_of=scenario.as_of.isoformat(),
        n=len(scenario.overrides),
        measures=measures,
    )


def scenario_parameters(catalogue: Catalogue, scenario: Scenario) -> dict[str, ParamValue]:
    """Every parameter of the scenario's measures on its date, with its overrides applied."""
    return resolve_parameters(
        catalogue, scenario.as_of, dict(scenario.overrides), scenario.measure_ids
    )


def scenario_parameter_groups(
    catalogue: Catalogue, scenario: Scenario, lang: str = "zh"
) -> list[DocumentGroup]:
    """The parameters screen's groups (document → measure → parameter) for a scenario."""
    values = scenario_parameters(catalogue, scenario)
    by_measure: dict[str, list[ParamRow]] = {}
    for param in values.values():
        by_measure.setdefault(param.measure_id, []).append(ParamRow(param))
    documents: dict[str, DocumentGroup] = {}
    ids = scenario.measure_ids if scenario.measure_ids is not None else list(catalogue.measures)
    for measure_id in ids:
        rows = by_measure.get(measure_id)
        if not rows:
            continue
        compiled = catalogue.measure(measure_id)
        doc = compiled.document
        group = documents.get(doc.slug)
        if group is None:
            group = DocumentGroup(doc.slug, f"{short_number(doc.number)} {doc.title}".strip())
            documents[doc.slug] = group
        m = compiled.measure
        name = (m.name_en or m.name) if lang == "en" else m.name
        title = f"{name} · {tr('article', article=m.article)}"
        group.measures.append(MeasureGroup(measure_id, title, rows))
    return list(documents.values())


def parse_scenario_input(
    catalogue: Catalogue, scenario: Scenario, param: ParamValue, text: str | dt.date
) -> str | None:
    """Validate an edit of one of the scenario's parameters (the parameters screen's rules)."""
    return parse_input(catalogue, scenario.as_of, param, text)


def check_scenarios(catalogue: Catalogue, scenarios: Sequence[Scenario]) -> None:
    """Refuse, with the engine's message, what the comparison would refuse later."""
    names = [s.name for s in scenarios]
    for scenario in scenarios:
        if names.count(scenario.name) > 1:
            raise ParameterError(tr("scenario.duplicate_name", name=scenario.name))
        if scenario.measure_ids is not None and not scenario.measure_ids:
            raise ParameterError(tr("scenario.no_measures", name=scenario.name))
        try:
            scenario_parameters(catalogue, scenario)
        except ParameterError as exc:
            raise ParameterError(f"{scenario.name}: {exc}") from None


# -- side-by-side tables ------------------------------------------------------------------


@dataclass(frozen=True)
class SideTable:
    """One table of the comparison, formatted: headers, text cells, sort keys, kinds.

    ``kinds`` per column: "text", "money" (an amount) or "delta" (a change, coloured).
    ``values`` holds the integer 分 behind every money and delta cell (None for text)."""

    key: str
    headers: list[str]
    kinds: list[str]
    rows: list[list[str]]
    values: list[list[int | None]]
    sort_keys: list[list[Any]]
    totals: str = ""  # the line under the table
    header_tips: list[str] = field(default_factory=list)  # "变化（贴息比例50%）"

    @property
    def row_count(self) -> int:
        return len(self.rows)


def _money_columns(names: Sequence[str]) -> tuple[list[str], list[str], list[str]]:
    """Baseline, then each alternative followed by its change: read side by side."""
    headers, keys, kinds = [names[0]], [names[0]], ["money"]
    for name in names[1:]:
        headers += [name, tr("col.delta_short")]
        keys += [name, f"Δ{name}"]
        kinds += ["money", "delta"]
    return headers, keys, kinds


def _delta_text(fen: int) -> str:
    text = format_yuan(fen, "")
    return f"+{text}" if fen > 0 else text


def _cell(kind: str, fen: int) -> str:
    return _delta_text(fen) if kind == "delta" else format_yuan(fen, "")


def _table(
    key: str,
    frame: Any,
    names: Sequence[str],
    label_headers: list[str],
    labels: Callable[[Any, Any], list[str]],
    totals: bool = True,
    total_key: str = "scenario.totals_mixed",
) -> SideTable:
    money_headers, money_keys, money_kinds = _money_columns(names)
    rows: list[list[str]] = []
    values: list[list[int | None]] = []
    sort_keys: list[list[Any]] = []
    for index, row in frame.iterrows():
        text = labels(index, row)
        fen = [int(row[k]) for k in money_keys]
        rows.append([*text, *(_cell(kind, v) for kind, v in zip(money_kinds, fen, strict=True))])
        values.append([*([None] * len(text)), *fen])
        sort_keys.append([*text, *fen])
    line = ""
    if totals and len(names):
        parts = []
        for i, name in enumerate(names):
            total = int(frame[name].sum()) if name in frame.columns else 0
            amount = format_yuan(total, tr("unit.yuan"))
            if i:
                base = int(frame[names[0]].sum()) if names[0] in frame.columns else 0
                delta = _delta_text(total - base) + tr("unit.yuan")
                parts.append(tr("scenario.total_delta", name=name, amount=amount, delta=delta))
            else:
                parts.append(tr("scenario.total_part", name=name, amount=amount))
        # the line says what it adds: every region and recipient, or institutions only
        line = tr(total_key, parts=tr("scenario.total_sep").join(parts))
    tips = list(label_headers) + [names[0]]
    for name in names[1:]:
        tips += [name, tr("col.delta", name=name)]
    return SideTable(
        key,
        [*label_headers, *money_headers],
        ["text"] * len(label_headers) + money_kinds,
        rows,
        values,
        sort_keys,
        line,
        tips,
    )


def funding_label(level: str) -> str:
    return tr(FUNDING_KEYS.get(level, "funding.unspecified"))


def comparison_tables(cmp: ScenarioComparison, lang: str = "zh") -> dict[str, SideTable]:
    """按措施 / 按机构 / 按注册区 / 按资金层级 / 按地区与受益方 / 企业增减, formatted from
    ``cmp``'s frames."""
    names = cmp.names
    catalogue = cmp.evaluations[names[0]].catalogue

    def measure_name(measure_id: str) -> str:
        try:
            m = catalogue.measure(measure_id).measure
        except KeyError:
            return measure_id
        return (m.name_en or m.name) if lang == "en" else m.name

    def nonzero(frame: Any) -> Any:
        """Rows with an amount in some scenario (as the brief's comparison table)."""
        if not len(frame):
            return frame
        return frame[frame[list(names)].ne(0).any(axis=1)]

    tables: dict[str, SideTable] = {}
    tables["measure"] = _table(
        "measure",
        nonzero(cmp.by_measure),
        names,
        [tr("col.measure"), tr("col.document"), tr("col.funding")],
        lambda index, row: [
            measure_name(str(index)),
            f"{row['document']}",
            funding_label(str(row["funding_level"])),
        ],
    )
    tables["institution"] = _table(
        "institution",
        nonzero(cmp.by_institution),
        names,
        [tr("col.institution"), tr("col.measure")],
        lambda index, row: [str(index[0]), measure_name(str(index[1]))],
        total_key="scenario.totals_institutions",
    )
    tables["district"] = _table(
        "district", cmp.by_district, names, [tr("col.district")], lambda i, r: [str(i)]
    )
    tables["funding"] = _table(
        "funding",
        cmp.by_funding,
        names,
        [tr("col.funding")],
        lambda index, row: [funding_label(str(index))],
    )
    # Per document region × recipient class × funding level: each line one of each.
    tables["split"] = _table(
        "split",
        nonzero(cmp.by_split),
        names,
        [tr("col.region"), tr("col.recipient"), tr("col.funding")],
        lambda index, row: [
            str(index[0]),
            tr(recipient_key(str(index[1]))),
            funding_label(str(index[2])),
        ],
    )
    # Per enterprise: those whose amount changes in some alternative, largest gain first.
    frame = cmp.enterprises
    alternatives = names[1:]
    if alternatives:
        changed = frame[frame[[f"Δ{n}" for n in alternatives]].ne(0).any(axis=1)]
        changed = changed.sort_values(f"Δ{alternatives[0]}", ascending=False, kind="stable")
    else:
        changed = frame.iloc[0:0]
    enterprises = _table(
        "enterprises",
        changed.set_index("uscc", drop=False),
        names,
        [tr("col.uscc"), tr("col.name"), tr("col.district")],
        lambda index, row: [str(row["uscc"]), str(row["name"]), str(row["district"])],
        totals=False,
    )
    lines = [
        tr(
            "scenario.changes",
            alt=alt,
            up=len(cmp.gainers(alt)),
            down=len(cmp.losers(alt)),
        )
        for alt in alternatives
    ]
    tables["enterprises"] = replace(
        enterprises, totals="；".join(lines) if lines else tr("scenario.no_changes")
    )
    return tables


# -- background work ----------------------------------------------------------------------


@dataclass(frozen=True)
class ComparisonResult:
    comparison: ScenarioComparison
    tables: dict[str, SideTable]
    compared_at: dt.datetime


def _cancellable(progress: Progress, should_cancel: ShouldCancel, end: float) -> Progress:
    def report(fraction: float, name: str = "") -> None:
        if should_cancel():
            raise CancelledError(tr("job.cancelled"))
        text = tr("job.comparing_one", name=name) if name else tr("job.comparing")
        progress(float(fraction) * end, text)

    return report


def run_comparison(
    portfolio: Portfolio,
    catalogue: Catalogue,
    baseline: Scenario,
    alternatives: Sequence[Scenario],
    progress: Progress,
    should_cancel: ShouldCancel,
    *,
    lang: str = "zh",
) -> ComparisonResult:
    """Compare in the background and format the tables (the job's function)."""
    check_scenarios(catalogue, [baseline, *alternatives])
    cmp = compare_scenarios(
        portfolio,
        catalogue,
        baseline,
        list(alternatives),
        progress=_cancellable(progress, should_cancel, 0.9),
    )
    if should_cancel():
        raise CancelledError(tr("job.cancelled"))
    tables = comparison_tables(cmp, lang)
    progress(1.0, "")
    return ComparisonResult(cmp, tables, dt.datetime.now())


@dataclass(frozen=True)
class BriefResult:
    folder: Path
    pdf: Path | None
    files: list[Path]
    comparison: ScenarioComparison


def run_brief(
    portfolio: Portfolio,
    catalogue: Catalogue,
    baseline: Scenario,
    alternatives: Sequence[Scenario],
    folder: Path,
    input_path: Path | None,
    progress: Progress,
    should_cancel: ShouldCancel,
    *,
    comparison: ScenarioComparison | None = None,
) -> BriefResult:
    """The briefing pack (:func:`desktop.briefing.build_pack`: PDF and Word brief, charts as
    PNG, the annex and the baseline's workbook) for ``baseline`` and ``alternatives`` into
    ``folder``. A comparison of exactly these scenarios is reused, else one is run here; the
    pack itself is written by a child process (:mod:`desktop.jobs.brief`), which checks its
    own comparison against this one."""
    from desktop.jobs.brief import brief_in_process

    wanted = [baseline, *alternatives]
    if comparison is None or comparison.scenarios != wanted:
        check_scenarios(catalogue, wanted)
        comparison = compare_scenarios(
            portfolio,
            catalogue,
            baseline,
            list(alternatives),
            progress=_cancellable(progress, should_cancel, 0.4),
        )
        start = 0.4
    else:
        start = 0.0
    if should_cancel():
        raise CancelledError(tr("job.cancelled"))
    texts = {"compare": tr("job.comparing"), "brief": tr("job.brief")}

    def report(fraction: float, stage: str, detail: str) -> None:
        progress(start + (1.0 - start) * float(fraction), detail or texts.get(stage, ""))

    written = brief_in_process(
        comparison, portfolio, catalogue, folder, input_path, report, should_cancel
    )
    progress(1.0, "")
    return BriefResult(folder, written.pdf, written.files, comparison)


def baseline_scenario(as_of: dt.date, overrides: Mapping[str, str]) -> Scenario:
    """The window's current parameters as the baseline (named 基准 / Baseline)."""
    return Scenario(name=tr("scenario.baseline"), as_of=as_of, overrides=dict(overrides))


__all__ = [
    "BriefResult",
    "ComparisonResult",
    "SideTable",
    "baseline_scenario",
    "check_name",
    "check_scenarios",
    "comparison_tables",
    "funding_label",
    "new_scenario_name",
    "parse_scenario_input",
    "run_brief",
    "run_comparison",
    "scenario_parameter_groups",
    "scenario_parameters",
    "scenario_summary",
    "unique_name",
    "with_measures",
    "with_override",
]

"""The why-pane in English: no Chinese of ours, only the documents' and the data's own text.

Every enterprise × measure of the sample portfolio is rendered in English; what may stay in
Chinese is removed by exact string (quotes, document numbers and titles, parameter citations
and notes, the measure's record label, string constants of the rules, the enterprise's own
cells and derived values, and the Chinese fragments — document numbers, quoted wording, typed
values — kept inside the English manual checks and fallback notes), and nothing Chinese may be
left over: manual checks and fallback notes must be shown in English. Also ``format_param``
in both languages.
"""

from __future__ import annotations

import ast
import datetime as dt
import re
from collections.abc import Iterator
from decimal import Decimal
from html import unescape

import pytest

from desktop.core.catalogue import Catalogue
from desktop.core.engine import evaluate_portfolio
from desktop.core.evaluation import Evaluation
from desktop.core.fields import TABLES, field_label
from desktop.core.parameters import UNIT_MESSAGES, ParamValue, format_param
from desktop.paths import sample_portfolio
from desktop.spreadsheet.reader import read_portfolio
from desktop.ui import i18n
from desktop.ui.detail import detail_html

# Chinese characters and the full-width punctuation we must not add in English. Curly quotes
# are left out: English uses them too (SRDI “little giant”).
CJK = re.compile(r"[\u3400-\u9fff（）：，；、【】「」《》]")
# An enterprise field whose English label carries its Chinese name on purpose
# (desktop/core/fields.py, not this pane's words).
BILINGUAL_LABELS = {"SRDI SME (专精特新)"}
# A run of Chinese kept inside an English sentence: a document number (京金融〔2022〕190号),
# quoted wording (“一定比例”) or a value analysts type (“数字化转型专项贷款”).
KEPT = re.compile(r"[\u3400-\u9fff（）：，；、【】「」《》“”〔〕…\d]+")


def kept_chinese(english: str) -> set[str]:
    """The Chinese fragments an English manual check or fallback note keeps."""
    return {run for run in KEPT.findall(english) if CJK.search(run)}


def _english_pairs(m) -> Iterator[tuple[str, str]]:
    """(Chinese, English) for each manual check and fallback note of a measure."""
    yield from zip(m.manual_checks, m.manual_checks_en or [], strict=False)
    for field_name, text in (m.fallback_notes_en or {}).items():
        yield m.fallback_notes[field_name], text


@pytest.fixture
def english():
    i18n.set_language("en")
    yield
    i18n.set_language("zh")


@pytest.fixture(scope="module")
def portfolio():
    return read_portfolio(sample_portfolio())


def _constants(source: str | None) -> Iterator[str]:
    if not source:
        return
    for node in ast.walk(ast.parse(source, mode="eval")):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.value


def _catalogue_text(evaluation: Evaluation) -> set[str]:
    """Text that comes from the policy files as written (Chinese only there)."""
    allowed: set[str] = set(BILINGUAL_LABELS)
    for measure_id in evaluation.measure_ids:
        compiled = evaluation.catalogue.measure(measure_id)
        doc, m = compiled.document, compiled.measure
        allowed |= {doc.number, doc.title, f"《{doc.title}》", m.quote}
        # The document's own item numbers (第(六)项), cited as the pane cites them.
        allowed.add(i18n.tr("article", article=m.article))
        # Manual checks and fallback notes: only the Chinese their English keeps.
        for _, english in _english_pairs(m):
            allowed |= kept_chinese(english)
        if m.record_label:
            allowed.add(m.record_label)
        for c in [*m.conditions, *m.record_conditions]:
            allowed |= set(_constants(c.test))
        allowed |= set(_constants(m.record_filter))
    for p in evaluation.parameters.values():
        # The catalogue's citation and note; the words the pane adds around them are checked.
        allowed |= {s for s in (p.source, p.default_source) if s}
        if p.note and not p.overridden:
            allowed.add(p.note.split("（测算基准日")[0])
    return {a for a in allowed if a}


def _stacking_lines(evaluation: Evaluation, measure_id: str, ent: int) -> set[str]:
    """Stacking notes are written in both languages by desktop/core/stacking.py; in English
    only the quoted clause of the rule stays Chinese."""
    return {rule.quote for rule, _ in evaluation.catalogue.stacking if rule.quote}


def _data_values(evaluation: Evaluation, ent: int) -> set[str]:
    """The enterprise's own cells (and derived values) and those of its records."""
    row = evaluation.enterprises.iloc[ent]
    values = {str(v) for v in row.to_numpy() if isinstance(v, str)}
    uscc = row["uscc"]
    for table in TABLES:
        try:
            frame = evaluation.portfolio.table(table)
        except (KeyError, ValueError):
            continue
        if "uscc" not in frame.columns or frame.empty:
            continue
        mine = frame[frame["uscc"] == uscc]
        for column in mine.columns:
            values |= {v for v in mine[column].to_numpy(dtype=object) if isinstance(v, str)}
    return values


def leftover(html: str, allowed: set[str]) -> list[str]:
    """Lines of the pane that still hold Chinese once the allowed text is taken out."""
    text = unescape(re.sub(r"<[^>]+>", "\n", html))
    ordered = sorted(allowed, key=len, reverse=True)
    out = []
    for line in text.splitlines():
        if not CJK.search(line):
            continue
        rest = line
        for piece in ordered:
            if piece in rest:
                rest = rest.replace(piece, "")
        if CJK.search(rest):
            out.append(f"{line.strip()}  [left: {rest.strip()}]")
    return out


def _check_all(evaluation: Evaluation) -> tuple[int, int, list[str]]:
    base = _catalogue_text(evaluation)
    panes = lines_with_chinese = 0
    problems: list[str] = []
    for ent in range(len(evaluation.enterprises)):
        data = _data_values(evaluation, ent)
        stacking = set().union(
            *(_stacking_lines(evaluation, m, ent) for m in evaluation.measure_ids)
        )
        allowed = base | data | stacking
        for measure_id in [None, *evaluation.measure_ids]:
            html = detail_html(evaluation, ent, measure_id, "en")
            assert "Cannot show the explanation" not in html
            panes += 1
            lines_with_chinese += len(CJK.findall(unescape(re.sub(r"<[^>]+>", "\n", html))))
            problems += [f"{ent}/{measure_id}: {p}" for p in leftover(html, allowed)]
    return panes, lines_with_chinese, problems


def test_leftover_flags_our_chinese() -> None:
    """The checker is not blind: our words are found even next to allowed text."""
    allowed = {"海淀区", "知识产权质押贷款"}
    assert leftover("<p>Amount: 5.00元</p>", allowed)
    assert leftover("<p>No records (知识产权质押贷款)：none</p>", allowed)
    assert leftover("<li>贴息比例: <b>50%</b></li>", allowed)
    assert not leftover("<p>1 · 海淀区 · As of 2025-12-31</p>", allowed)
    assert not leftover("<p>Records (知识产权质押贷款): 2 in all</p>", allowed)


def test_english_pane_has_no_chinese_of_ours(english, catalogue: Catalogue, portfolio) -> None:
    evaluation = evaluate_portfolio(portfolio, catalogue, as_of=dt.date(2025, 12, 31))
    panes, chinese, problems = _check_all(evaluation)
    assert panes == len(evaluation.enterprises) * (len(evaluation.measure_ids) + 1)
    assert chinese > 0  # the documents' text is still there, and was allowed precisely
    assert not problems, "\n".join(problems[:40])
    html = "".join(detail_html(evaluation, e, None, "en") for e in range(len(evaluation)))
    assert "Amount: " in html and " yuan" in html
    assert "not set" in html and "To check by hand: " in html
    assert "Missing fields</b>: " in html and "(Enterprises)" in html


def test_english_pane_before_start_and_with_an_override(
    english, catalogue: Catalogue, portfolio
) -> None:
    """Measures not yet in force, parameters before their first value, a user's value."""
    key = "jjr-2022-190.16.ratio"
    evaluation = evaluate_portfolio(
        portfolio, catalogue, as_of=dt.date(2019, 1, 1), overrides={key: "0.5"}
    )
    _, _, problems = _check_all(evaluation)
    assert not problems, "\n".join(problems[:40])
    html = "".join(
        detail_html(evaluation, e, m, "en")
        for e in range(0, len(evaluation), 9)
        for m in evaluation.measure_ids
    )
    assert "is before the date the measure takes effect" in html
    assert "the earliest value is used" in html
    assert "Set by the user; default from: " in html
    param = evaluation.parameters[key]
    default = format_param(param.default, param.type, param.unit, lang="en")
    assert param.note_for("en") == f"The user changed the default {default} to 50%"
    assert f"The user changed the default {default} to 50%" in html
    assert param.note_for("zh") == param.note and param.source_for("zh") == param.source


def test_missing_parameter_named_in_english(english, catalogue: Catalogue, portfolio) -> None:
    evaluation = evaluate_portfolio(portfolio, catalogue, as_of=dt.date(2025, 12, 31))
    unset = [p for p in evaluation.parameters.values() if p.value is None]
    assert unset
    html = "".join(
        detail_html(evaluation, e, p.measure_id, "en")
        for p in unset
        for e in range(len(evaluation))
        if f"parameters.{p.key}" in evaluation.explain(e, p.measure_id, "en").missing
    )
    assert "(Parameters)" in html and "（parameters）" not in html


def test_missing_parameter_named_by_its_label_in_chinese(catalogue: Catalogue, portfolio) -> None:
    """The Chinese pane named an unset parameter by its key ("jjr-….ratio（parameters）")."""
    evaluation = evaluate_portfolio(portfolio, catalogue, as_of=dt.date(2025, 12, 31))
    shown = [
        (p, detail_html(evaluation, e, p.measure_id, "zh"))
        for p in evaluation.parameters.values()
        if p.value is None
        for e in range(len(evaluation))
        if f"parameters.{p.key}" in evaluation.explain(e, p.measure_id, "zh").missing
    ]
    assert shown
    for param, html in shown:
        assert f"{param.label} <span class='small'>（参数）</span>" in html
        assert param.key not in html and "parameters" not in html


# -- format_param


@pytest.mark.parametrize(
    ("value", "kind", "unit", "zh", "en"),
    [
        (None, "yuan", "元", "未设定", "not set"),
        (Decimal("1000000"), "yuan", "元", "1,000,000元", "1,000,000 yuan"),
        (Decimal("1234.5"), "yuan", "元", "1,234.50元", "1,234.50 yuan"),
        (Decimal("5000000"), "usd", "美元", "5,000,000美元", "5,000,000 USD"),
        (Decimal("365"), "count", "天", "365天", "365 days"),
        (Decimal("1"), "count", "天", "1天", "1 day"),
        (Decimal("300"), "count", "人", "300人", "300 persons"),
        (Decimal("1.5"), "multiple", "倍", "1.5倍", "1.5×"),
        (Decimal("0.4"), "ratio", "比例", "40%", "40%"),
        (Decimal("0.03"), "ratio", "百分点", "3个百分点", "3 percentage points"),
        (Decimal("0.01"), "ratio", "百分点", "1个百分点", "1 percentage point"),
        (Decimal("60"), "bp", "BP", "60BP", "60BP"),
        (dt.date(2025, 1, 1), "date", "日期", "2025-01-01", "2025-01-01"),
        # A unit the English table does not know stays as it is.
        (Decimal("5"), "count", "箱", "5箱", "5箱"),
        (Decimal("5"), "yuan", "万元", "5万元", "5万元"),
    ],
)
def test_format_param(value, kind, unit, zh, en) -> None:
    assert format_param(value, kind, unit) == zh
    assert format_param(value, kind, unit, lang="zh") == zh
    assert format_param(value, kind, unit, lang="en") == en


def test_every_catalogue_unit_has_an_english_form(catalogue: Catalogue) -> None:
    units = {p.unit for cm in catalogue.measures.values() for p in cm.measure.parameters.values()}
    assert units and units <= set(UNIT_MESSAGES), units - set(UNIT_MESSAGES)
    for cm in catalogue.measures.values():
        for p in cm.measure.parameters.values():
            for v in p.values:
                shown = format_param(v.value, p.type, p.unit, lang="en")
                assert not CJK.search(shown), (cm.id, shown)


def test_param_value_display_and_label() -> None:
    p = ParamValue(
        key="m.1.cap",
        measure_id="m.1",
        name="cap",
        label="每家企业每年贴息上限",
        label_en=None,
        type="yuan",
        unit="元",
        value=Decimal("500000"),
        start=dt.date(2024, 1, 1),
        assumption=False,
        source="第1条",
        note=None,
    )
    assert p.display() == "500,000元" and p.display("en") == "500,000 yuan"
    assert p.label_for("en") == "每家企业每年贴息上限"  # no English label: the Chinese one
    named = ParamValue(**{**p.__dict__, "label_en": "Cap per enterprise per year"})
    assert named.label_for("en") == "Cap per enterprise per year"
    assert named.label_for("zh") == "每家企业每年贴息上限"
    assert p.source_for("en") == p.source_for("zh") == "第1条"


def test_field_labels_used_as_allowed_are_really_fields() -> None:
    """BILINGUAL_LABELS names real English field labels, nothing invented for the test."""
    labels = {
        field_label(name, "en", table) for table in TABLES for name in TABLES[table].by_name()
    }
    assert labels >= BILINGUAL_LABELS


def test_data_values_are_the_enterprises_own(catalogue: Catalogue, portfolio) -> None:
    """The allowance takes one enterprise's cells and its records', not everybody's."""
    evaluation = evaluate_portfolio(portfolio, catalogue, as_of=dt.date(2025, 12, 31))
    loans = evaluation.portfolio.loans
    uscc = str(loans["uscc"].iloc[0])
    ent = int((evaluation.enterprises["uscc"].astype(str) == uscc).to_numpy().nonzero()[0][0])
    values = _data_values(evaluation, ent)
    assert str(evaluation.enterprises.iloc[ent]["name"]) in values
    assert str(loans["loan_id"].iloc[0]) in values
    others = set(evaluation.enterprises["name"].astype(str)) - {
        str(evaluation.enterprises.iloc[ent]["name"])
    }
    assert not values & others


def test_status_line_and_parameter_units_in_english(english, catalogue: Catalogue, portfolio):
    from desktop.ui.param_data import ParamRow
    from desktop.ui.table_data import build_enterprise_table, summary_texts

    evaluation = evaluate_portfolio(portfolio, catalogue, as_of=dt.date(2025, 12, 31))
    table = build_enterprise_table(evaluation, "en")
    line, _ = summary_texts(
        table, evaluation, "sample", shown_rows=table.rows, hidden_measures=0, issues=[]
    )
    assert " yuan" in line and "元" not in line
    units = {ParamRow(p).unit_text() for p in evaluation.parameters.values()}
    assert "yuan" in units and "days" in units
    assert not any(re.search(r"[\u4e00-\u9fff]", u) for u in units), units
    i18n.set_language("zh")
    assert "元" in {ParamRow(p).unit_text() for p in evaluation.parameters.values()}


def test_every_record_label_has_an_english_form(catalogue: Catalogue) -> None:
    """English panes name records in English: a measure's record label and its no-records
    reason each need their English form in the YAML."""
    lacking = [
        f"{measure_id}: {field}"
        for measure_id, compiled in catalogue.measures.items()
        for field, en in (
            ("record_label", "record_label_en"),
            ("no_record_reason", "no_record_reason_en"),
        )
        if getattr(compiled.measure, field) and not getattr(compiled.measure, en)
    ]
    assert lacking == []


def test_records_are_named_in_english(english, catalogue: Catalogue, portfolio) -> None:
    evaluation = evaluate_portfolio(portfolio, catalogue, as_of=dt.date(2025, 12, 31))
    measure_id = "jjr-2022-190.16"  # 知识产权质押贷款贴息
    texts = [
        line
        for ent in range(len(evaluation))
        for line in evaluation.explain(ent, measure_id, "en").reasons
    ]
    assert any(t.startswith("IP-pledge loans: ") for t in texts), texts[:10]
    assert any(t == "No IP-pledge loans" or t.endswith("No IP-pledge loans") for t in texts)
    assert not any("知识产权质押贷款" in t for t in texts)


def test_every_manual_check_has_an_english_form(catalogue: Catalogue) -> None:
    """English panes show manual checks (and fallback notes) in English: each measure with
    manual checks has as many English ones, and each fallback note its English form."""
    with_checks = [cm.measure for cm in catalogue.measures.values() if cm.measure.manual_checks]
    assert len(with_checks) >= 30
    lacking = [
        m.id
        for m in with_checks
        if m.manual_checks_en is None or len(m.manual_checks_en) != len(m.manual_checks)
    ]
    assert lacking == []
    notes = [cm.measure for cm in catalogue.measures.values() if cm.measure.fallback_notes]
    assert notes
    assert all(set(m.fallback_notes_en or {}) == set(m.fallback_notes) for m in notes)
    texts = {t for m in with_checks for t in m.manual_checks}
    assert len(texts) >= 71


def test_english_manual_checks_keep_only_copied_chinese(catalogue: Catalogue) -> None:
    """The Chinese inside an English check is copied from its Chinese check (a document
    number, quoted wording, a typed value), never Chinese of our own; and it is mostly English."""
    problems = []
    for cm in catalogue.measures.values():
        for chinese, english in _english_pairs(cm.measure):
            if english == chinese or not re.search(r"[A-Za-z]{3}", english):
                problems.append(f"{cm.id}: not English: {english}")
            problems += [
                f"{cm.id}: {run!r} is not in {chinese}"
                for run in kept_chinese(english)
                if run not in chinese
            ]
    assert problems == []
    assert kept_chinese("loan purpose “数字化转型专项贷款”, see 京金融〔2022〕190号") == {
        "“数字化转型专项贷款”",
        "京金融〔2022〕190号",
    }


def test_english_explanation_shows_english_manual_checks(
    english, catalogue: Catalogue, portfolio
) -> None:
    evaluation = evaluate_portfolio(portfolio, catalogue, as_of=dt.date(2025, 12, 31))
    measure_id = "jjr-2022-190.16"  # 知识产权质押贷款贴息
    m = catalogue.measure(measure_id).measure
    assert m.manual_checks and m.manual_checks_en
    shown = [evaluation.explain(ent, measure_id, "en").reasons for ent in range(len(evaluation))]
    with_checks = [r for r in shown if any(t.startswith("To check by hand: ") for t in r)]
    assert with_checks
    for reasons in with_checks:
        for check in m.manual_checks_en:
            assert f"To check by hand: {check}" in reasons
        assert not any(c in t for c in m.manual_checks for t in reasons)
    html = "".join(detail_html(evaluation, e, measure_id, "en") for e in range(len(evaluation)))
    assert m.manual_checks_en[0] in unescape(html)
    assert not any(c in unescape(html) for c in m.manual_checks)
    chinese = evaluation.explain(0, measure_id, "zh").reasons
    if any(t.startswith("需人工核实") for t in chinese):
        assert [t for t in chinese if t.startswith("需人工核实")] == [
            f"需人工核实：{c}" for c in m.manual_checks
        ]


def test_english_fallback_note_is_shown(english, catalogue: Catalogue, portfolio) -> None:
    evaluation = evaluate_portfolio(portfolio, catalogue, as_of=dt.date(2025, 12, 31))
    measure_id = "jjr-2022-190.16"
    m = catalogue.measure(measure_id).measure
    assert m.fallback_notes_en
    texts = {
        line
        for ent in range(len(evaluation))
        for item in evaluation.explain(ent, measure_id, "en").items
        for line in item.reasons
    }
    english_notes = {f"ℹ {t}" for t in m.fallback_notes_en.values()}
    chinese_notes = {f"ℹ {t}" for t in m.fallback_notes.values()}
    assert not texts & chinese_notes
    assert texts & english_notes  # the sample has loans without interest paid

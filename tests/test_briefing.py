"""The briefing pack: figures equal the engine's totals, the scenario comparison and the scoring
result; every figure cites a cell that holds it; PDF and Word text; no missing glyphs."""

from __future__ import annotations

import re
import shutil
import subprocess
import warnings
from decimal import Decimal
from pathlib import Path

import pytest

pytest.importorskip("reportlab", reason="reportlab is a dependency of the briefing pack")
pytest.importorskip("docx", reason="python-docx is a dependency of the briefing pack")

import openpyxl

from desktop import i18n
from desktop.briefing import build_briefing, build_pack
from desktop.briefing.annex import Annex, write_annex
from desktop.briefing.content import FUNDING_LABELS, SUMMARY_FIRST_ROW, TableBlock
from desktop.briefing.pack import HEADINGS, TITLE
from desktop.briefing.pdf import MissingGlyphWarning, missing_glyphs
from desktop.cli import main
from desktop.core.catalogue import default_catalogue
from desktop.core.engine import evaluate_portfolio
from desktop.core.money import format_yuan
from desktop.core.scenarios import Scenario, compare_scenarios
from desktop.core.scoring import CANDIDATE, POSSIBLE
from desktop.core.statistics import SOURCE_SRDI_REPORT
from desktop.core.totals import recipient_label
from desktop.errors import CancelledError
from desktop.export import write_workbook
from desktop.spreadsheet.reader import read_portfolio
from tests.builders import AS_OF

SAMPLE = Path("resources/samples/sample_portfolio.xlsx")
ALT = "贴息比例50%"
SCORING_HEADING = "五、领航积分预评估（示意模型）"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    catalogue = default_catalogue()
    portfolio = read_portfolio(SAMPLE)
    cmp = compare_scenarios(
        portfolio,
        catalogue,
        Scenario("基准", AS_OF),
        [Scenario(ALT, AS_OF, {"jjr-2022-190.16.ratio": "0.5"})],
    )
    out = tmp_path_factory.mktemp("brief")
    steps: list[float] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        # a missing glyph while drawing (matplotlib's "Glyph … missing", or ours) fails here
        warnings.filterwarnings("error", message=r"(?i).*glyph.*")
        warnings.filterwarnings("error", category=MissingGlyphWarning)
        pack = build_pack(
            cmp,
            out,
            input_path=SAMPLE,
            progress=lambda f, _: steps.append(f),
            workbook_writer=write_workbook,
        )
    return cmp, pack, caught, portfolio, catalogue, steps


def _pdf_text(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (Debian package poppler-utils) is not installed")
    done = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, timeout=60
    )
    return done.stdout.decode("utf-8")


def _flat(text: str) -> str:
    """Text without layout whitespace (a table cell may wrap)."""
    return re.sub(r"\s+", "", text)


def _docx_text(path: Path) -> str:
    import docx

    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def test_no_missing_glyph_warnings(built):
    caught = built[2]
    glyphs = [str(w.message) for w in caught if "glyph" in str(w.message).lower()]
    assert glyphs == []
    assert missing_glyphs(["科创金融〔2022〕“”【假设】≥≤Δ·…—–"]) == []
    assert missing_glyphs(["\U0001f600"]) == ["\U0001f600"]  # the check does find gaps


def test_files(built):
    _, pack, *_ = built
    assert pack.pdf.read_bytes().startswith(b"%PDF")
    assert pack.docx.read_bytes().startswith(b"PK")
    assert {pack.annex.name, pack.workbook.name} == {"简报附表.xlsx", "测算结果.xlsx"}
    assert set(pack.charts) == {
        "eligible_by_measure",
        "amount_by_measure",
        "amount_by_district",
        "scenario_comparison",
        "amount_distribution",
    }
    for png in pack.charts.values():
        assert png.read_bytes().startswith(b"\x89PNG")
    out = pack.pdf.parent
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in pack.files)


def test_progress_is_reported_in_order(built):
    steps = built[5]
    assert steps[0] == 0.0 and steps[-1] == 1.0
    assert steps == sorted(steps)


def test_key_figures_equal_engine_totals(built):
    cmp, pack, _, portfolio, catalogue, _ = built
    for scenario in cmp.scenarios:
        ev = evaluate_portfolio(
            portfolio, catalogue, as_of=scenario.as_of, overrides=dict(scenario.overrides)
        )
        totals = ev.totals()
        f = pack.key_figures[scenario.name]
        assert f["total_fen"] == sum(t["amount_fen"] for t in totals.values())
        assert f["eligible"] == sum(t["eligible"] for t in totals.values())
        assert f["city_fen"] + f["district_fen"] + f["unspecified_fen"] == f["total_fen"]


def _expected_figures(cmp, pack) -> list[str]:
    """Figures that must appear in the brief, as it prints them."""
    out = []
    for name in cmp.names:
        f = pack.key_figures[name]
        out += [format_yuan(f[k]) for k in ("total_fen", "city_fen", "district_fen")]
    delta = pack.key_figures[ALT]["total_fen"] - pack.key_figures["基准"]["total_fen"]
    assert delta > 0
    out.append(format_yuan(delta))
    frame = cmp.by_measure
    for _, row in frame[frame[cmp.names].ne(0).any(axis=1)].iterrows():
        out += [format_yuan(int(row[n])) for n in cmp.names]
    return out


def _scoring_figures(pack) -> list[str]:
    scores = pack.scores
    frame = scores.frame
    n_cand = int((frame["status"] == CANDIDATE).sum())
    n_poss = int((frame["status"] == POSSIBLE).sum())
    assert n_cand > 0
    out = [
        f"候选（得分下限≥门槛）{n_cand}户",
        f"可能（仅得分上限达到门槛，待补数据）{n_poss}户",
        "主动授信候选门槛60分",
    ]
    for _, row in scores.applicable().head(10).iterrows():
        out.append(f"{row['name']}")
        out.append(f"{row['score_low']:.2f}")
    return out


def test_pdf_text_has_headings_and_figures(built):
    cmp, pack, *_ = built
    text = _pdf_text(pack.pdf)
    flat = _flat(text)
    assert TITLE in text
    for heading in HEADINGS:
        assert heading in text
    assert SCORING_HEADING in HEADINGS
    for figure in _expected_figures(cmp, pack) + _scoring_figures(pack):
        assert _flat(figure) in flat, figure
    assert "京金融〔2022〕190号" in text  # a citation
    assert "京科发〔2025〕19号（七）" in text  # the scoring model's clause
    assert "【预评估·假设权重】" in text
    assert "【假设】" in text
    assert "4136.13万元" in text or "4,136.13万元" in text  # 004 benchmark with its source
    # the benchmark cites the 北京金融监管局 report by its title (the table cell wraps it),
    # never a file name
    assert SOURCE_SRDI_REPORT.startswith("北京金融监管局《北京金融监管局以“四新”工程")
    assert "北京金融监管局《北京金融监管局以“四新”工程" in text
    assert ".txt" not in text
    assert "附表关键数字!C2:G2" in flat and "测算结果汇总!F" in flat


def test_brief_states_the_time_basis(built):
    """The brief states the one time basis every amount follows (the catalogue message the
    workbook, the JSON and the window show too)."""
    _, pack, *_ = built
    basis = i18n.text("basis.time", "zh", as_of=AS_OF.isoformat())
    assert any(getattr(b, "text", "") == basis for b in pack.brief.blocks)
    assert _flat("时间口径：金额为截至测算基准日") in _flat(_pdf_text(pack.pdf))


def test_docx_has_headings_figures_and_east_asian_font(built):
    import docx
    from docx.oxml.ns import qn

    cmp, pack, *_ = built
    document = docx.Document(str(pack.docx))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    for heading in HEADINGS:
        assert heading in headings
    flat = _flat(_docx_text(pack.docx))
    for figure in _expected_figures(cmp, pack) + _scoring_figures(pack):
        assert _flat(figure) in flat, figure
    fonts = document.element.body.findall(".//" + qn("w:rFonts"))
    assert fonts and all(f.get(qn("w:eastAsia")) for f in fonts)
    assert len(document.inline_shapes) == len(pack.charts)


def test_docx_converts_with_chinese_text(built, tmp_path):
    """LibreOffice opens the Word brief and keeps its Chinese text (converted once to PDF)."""
    pack = built[1]
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    done = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(pack.docx),
        ],
        capture_output=True,
        timeout=240,
    )
    pdf = tmp_path / "brief.pdf"
    if not pdf.exists():
        pytest.skip(f"LibreOffice could not convert .docx (Writer missing?): {done.stderr!r}")
    flat = _flat(_pdf_text(pdf))
    assert _flat(TITLE) in flat
    assert _flat(HEADINGS[4]) in flat
    assert _flat(format_yuan(pack.key_figures["基准"]["total_fen"])) in flat


def test_annex_holds_every_figure(built):
    cmp, pack, *_ = built
    book = openpyxl.load_workbook(pack.annex)  # formulas with their cached values ...
    values = openpyxl.load_workbook(pack.annex, data_only=True)  # ... read as values
    assert book.sheetnames[:3] == ["说明", "关键数字", "情景对比"]
    keys = values["关键数字"]
    for r, name in enumerate(cmp.names, start=2):
        f = pack.key_figures[name]
        assert keys.cell(r, 1).value == name
        assert Decimal(str(keys.cell(r, 3).value)) == Decimal(f["total_fen"]) / 100
        assert Decimal(str(keys.cell(r, 4).value)) == Decimal(f["city_fen"]) / 100
        assert keys.cell(r, 7).value == f["eligible"]
    assert book["关键数字"].cell(2, 3).value.startswith("=SUM('情景对比'!")
    measures = values["情景对比"]
    rows = {measures.cell(r, 1).value: r for r in range(2, measures.max_row + 1)}
    for measure_id, row in cmp.by_measure.iterrows():
        for c, name in enumerate(cmp.names, start=6):
            got = Decimal(str(measures.cell(rows[measure_id], c).value))
            assert got == Decimal(int(row[name])) / 100
    # 按地区与受益方: each line one region, recipient class and level; SUMIFS over 情景对比
    split = values["按地区与受益方"]
    assert book.sheetnames[3] == "按地区与受益方"
    assert str(book["按地区与受益方"].cell(2, 4).value).startswith("=SUMIFS('情景对比'!")
    listed = 0
    for r in range(2, split.max_row + 1):
        region, recipient, level = (split.cell(r, c).value for c in (1, 2, 3))
        if region is None or recipient is None:  # blank or the sheet's note
            continue
        listed += 1
        matching = [
            key
            for key in cmp.by_split.index
            if key[0] == region
            and FUNDING_LABELS[key[2]] == level
            and recipient_label(key[1]) == recipient
        ]
        assert len(matching) == 1, (region, recipient, level)
        for c, name in enumerate(cmp.names, start=4):
            got = Decimal(str(split.cell(r, c).value))
            assert got == Decimal(int(cmp.by_split.loc[matching[0], name])) / 100
    nonzero = cmp.by_split[cmp.by_split[cmp.names].ne(0).any(axis=1)]
    assert listed == len(nonzero)
    assert int(nonzero[cmp.names[0]].sum()) == cmp.total_fen(cmp.names[0])
    ranking = values["评分排名"]
    ranked = pack.scores.applicable()  # 领航积分 ranks Beijing enterprises only
    outside = values["评分不适用"]
    n_na = int((pack.scores.frame["status"] == "n/a").sum())
    assert n_na > 0 and outside.max_row - 1 >= n_na
    assert "北京市" in str(outside.cell(2, 3).value)
    assert ranking.max_row - 1 >= len(ranked)
    for r, (_, row) in enumerate(ranked.iterrows(), start=2):
        assert ranking.cell(r, 2).value == row["uscc"]
        assert ranking.cell(r, 4).value == pytest.approx(row["score_low"])
    candidates = values["主动授信候选"]
    listed = [candidates.cell(r, 2).value for r in range(2, candidates.max_row + 1)]
    listed = [u for u in listed if u and not str(u).startswith("候选")]
    assert listed == list(pack.scores.candidates(include_possible=True)["uscc"])


_CELL = re.compile(r"附表 ?([^\s!（）：；，、]+)!([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?")
_ROW = re.compile(r"(?:附表 ?)?([^\s!（）：；，、附]+) ?第(\d+)行")
_SUMMARY = re.compile(r"测算结果 ?汇总!([A-Z]+)(\d+)")


def test_every_reference_points_at_a_filled_cell(built):
    """Each “附表 X!C5” / “X 第N行” / “测算结果 汇总!F5” in the brief names a cell that holds
    the figure (or a row about the thing the brief row is about)."""
    cmp, pack, *_ = built
    annex = openpyxl.load_workbook(pack.annex, data_only=True)
    summary = openpyxl.load_workbook(pack.workbook)["汇总"]
    texts = pack.brief.texts()
    cells = rows = sums = 0
    for text in texts:
        for sheet, col, row, col2, row2 in _CELL.findall(text):
            if sheet == "X":  # the legend's example
                continue
            ws = annex[sheet]
            first = ws[f"{col}{row}"].value
            assert first is not None, (text, sheet, col, row)
            if col2:
                assert ws[f"{col2}{row2}"].value is not None
            cells += 1
        for sheet, row in _ROW.findall(text):
            if sheet not in annex.sheetnames:
                continue
            assert annex[sheet].cell(int(row), 1).value is not None, (text, sheet, row)
            rows += 1
        for _, row in _SUMMARY.findall(text):
            assert summary.cell(int(row), 2).value is not None
            sums += 1
    assert cells >= 8 and rows > 30 and sums > 10
    base = cmp.evaluations["基准"]
    for i, measure_id in enumerate(base.measure_ids):  # the 汇总 layout the brief relies on
        assert summary.cell(SUMMARY_FIRST_ROW + i, 1).value == measure_id
    # the all-measure total row says what it adds (not a bare 合计)
    total_label = summary.cell(SUMMARY_FIRST_ROW + len(base.measure_ids), 2).value
    assert total_label.startswith("全部措施相加") and "不是单一预算" in total_label


def test_numbers_in_the_brief_carry_a_source(built):
    brief = built[1].brief
    money = re.compile(r"\d[\d,]*\.\d{2}元")
    for block in brief.blocks:
        if isinstance(block, TableBlock):
            header = "".join(block.rows[0])
            assert block.source or "附表" in header or "出处" in header, block.rows[0]
        elif hasattr(block, "text") and money.search(block.text):
            assert "附表" in block.text, block.text


def test_from_one_evaluation(tmp_path):
    catalogue = default_catalogue()
    portfolio = read_portfolio(SAMPLE)
    ev = evaluate_portfolio(portfolio, catalogue, as_of=AS_OF)
    pack = build_briefing(ev, tmp_path, formats=("pdf",))
    total = sum(t["amount_fen"] for t in ev.totals().values())
    assert pack.key_figures["基准"]["total_fen"] == total
    assert format_yuan(total) in _pdf_text(pack.pdf)
    assert pack.docx is None and pack.charts == {}
    assert {p.name for p in tmp_path.iterdir()} == {"brief.pdf", "简报附表.xlsx"}


def test_evaluation_with_alternatives_and_threshold(tmp_path):
    catalogue = default_catalogue()
    portfolio = read_portfolio(SAMPLE)
    ev = evaluate_portfolio(portfolio, catalogue, as_of=AS_OF)
    pack = build_pack(
        ev,
        tmp_path,
        alternatives=[Scenario("比例50%", AS_OF, {"jjr-2022-190.16.ratio": "0.5"})],
        formats=["docx"],
        threshold=Decimal("80"),
        statistics=None,
    )
    assert pack.comparison.names == ["基准", "比例50%"]
    assert pack.scores.threshold == 80
    text = _flat(_docx_text(pack.docx))
    assert "主动授信候选门槛80分（使用者设定；模型默认60分为【假设】" in text
    n_cand = int((pack.scores.frame["status"] == CANDIDATE).sum())
    assert f"候选（得分下限≥门槛）{n_cand}户" in text


def test_cancel_leaves_nothing(tmp_path):
    catalogue = default_catalogue()
    portfolio = read_portfolio(SAMPLE)
    ev = evaluate_portfolio(portfolio, catalogue, as_of=AS_OF)
    calls: list[str] = []

    def progress(_: float, label: str) -> None:
        calls.append(label)

    with pytest.raises(CancelledError):
        build_pack(
            ev,
            tmp_path / "out",
            progress=progress,
            should_cancel=lambda: len(calls) >= 4,  # during the charts
        )
    assert list((tmp_path / "out").iterdir()) == []


def test_annex_text_is_never_a_formula(tmp_path):
    annex = Annex()
    sheet = annex.sheet("测试", ["文本", "数"])
    for text in ("=1+1", "+86 10", "-x", "@SUM(A1)", "\tTAB", "正常"):
        sheet.add([text, 1])
    path = write_annex(annex, tmp_path / "a.xlsx")
    ws = openpyxl.load_workbook(path)["测试"]
    for r in range(2, 8):
        cell = ws.cell(r, 1)
        assert cell.data_type == "s"
        assert cell.quotePrefix == (r < 7)


def test_cli_two_scenarios_from_the_sample(tmp_path, capsys):
    """The “done when”: from the sample, a pack comparing two scenarios, every number traced."""
    out = tmp_path / "pack"
    code = main(
        [
            "brief",
            "-o",
            str(out),
            "--as-of",
            AS_OF.isoformat(),
            "--set",
            "jjr-2022-190.16.ratio=0.5",
            "--alt-name",
            ALT,
            "--formats",
            "pdf,xlsx",
            "--top",
            "5",
        ]
    )
    assert code == 0
    names = {p.name for p in out.iterdir()}
    assert names == {"brief.pdf", "简报附表.xlsx", "测算结果.xlsx"}
    flat = _flat(_pdf_text(out / "brief.pdf"))
    assert f"{ALT}较基准：全部措施相加变化" in flat
    assert "按文件地区、受益方类别和资金层级分列" in flat
    assert "得分前5名" in flat
    assert main(["brief", "-o", str(out), "--formats", "pdf,odt"]) == 2
    assert "odt" in capsys.readouterr().err

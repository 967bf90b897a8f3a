"""The briefing pack: figures equal the engine's totals, the PDF's text, no missing glyphs."""

from __future__ import annotations

import shutil
import subprocess
import warnings
from pathlib import Path

import pytest

pytest.importorskip("reportlab", reason="reportlab is a dependency of the briefing pack")

from desktop.briefing import build_briefing
from desktop.briefing.pack import HEADINGS, TITLE
from desktop.core.catalogue import default_catalogue
from desktop.core.engine import evaluate_portfolio
from desktop.core.money import format_yuan
from desktop.core.scenarios import Scenario, compare_scenarios
from desktop.core.statistics import portfolio_statistics
from desktop.spreadsheet.reader import read_portfolio
from tests.builders import AS_OF

SAMPLE = Path("resources/samples/sample_portfolio.xlsx")
ALT = "贴息比例50%"


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
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        pack = build_briefing(
            cmp, out, statistics=portfolio_statistics(portfolio, catalogue, AS_OF)
        )
    return cmp, pack, caught, portfolio, catalogue


def test_no_missing_glyph_warnings(built):
    _, _, caught, _, _ = built
    glyphs = [str(w.message) for w in caught if "glyph" in str(w.message).lower()]
    assert glyphs == []


def test_files(built):
    _, pack, _, _, _ = built
    assert pack.pdf.read_bytes().startswith(b"%PDF")
    assert set(pack.charts) == {
        "eligible_by_measure",
        "amount_by_measure",
        "amount_by_district",
        "scenario_comparison",
        "amount_distribution",
    }
    for png in pack.charts.values():
        assert png.read_bytes().startswith(b"\x89PNG")


def test_key_figures_equal_engine_totals(built):
    cmp, pack, _, portfolio, catalogue = built
    for scenario in cmp.scenarios:
        ev = evaluate_portfolio(
            portfolio, catalogue, as_of=scenario.as_of, overrides=dict(scenario.overrides)
        )
        totals = ev.totals()
        f = pack.key_figures[scenario.name]
        assert f["total_fen"] == sum(t["amount_fen"] for t in totals.values())
        assert f["eligible"] == sum(t["eligible"] for t in totals.values())
        assert f["city_fen"] + f["district_fen"] + f["unspecified_fen"] == f["total_fen"]


def _pdf_text(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (Debian package poppler-utils) is not installed")
    done = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, timeout=60
    )
    return done.stdout.decode("utf-8")


def test_pdf_text_has_headings_and_figures(built):
    cmp, pack, _, _, _ = built
    text = _pdf_text(pack.pdf)
    assert TITLE in text
    for heading in HEADINGS:
        assert heading in text
    for name in cmp.names:
        assert format_yuan(pack.key_figures[name]["total_fen"]) in text
    delta = pack.key_figures[ALT]["total_fen"] - pack.key_figures["基准"]["total_fen"]
    assert delta > 0
    assert format_yuan(delta) in text
    m16 = int(cmp.by_measure.loc["jjr-2022-190.16", "基准"])
    assert format_yuan(m16) in text
    assert "京金融〔2022〕190号" in text  # a citation
    assert "【假设】" in text
    assert "4136.13万元" in text or "4,136.13万元" in text  # 004 benchmark with its source
    assert "004_91de79877ddaf9c0.txt" in text


def test_from_one_evaluation(tmp_path):
    catalogue = default_catalogue()
    portfolio = read_portfolio(SAMPLE)
    ev = evaluate_portfolio(portfolio, catalogue, as_of=AS_OF)
    pack = build_briefing(ev, tmp_path)
    total = sum(t["amount_fen"] for t in ev.totals().values())
    assert pack.key_figures["基准"]["total_fen"] == total
    assert format_yuan(total) in _pdf_text(pack.pdf)

"""Nothing in import → evaluate → export tries the network: sockets are disabled here."""

from __future__ import annotations

import datetime as dt
import socket
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


class NetworkUsed(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    attempts: list[str] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(repr(args))
        raise NetworkUsed(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts


def test_full_run_without_network(no_network: list[str], tmp_path: Path) -> None:
    from desktop.core.catalogue import load_catalogue
    from desktop.core.engine import evaluate_portfolio
    from desktop.core.jsonout import evaluation_to_json
    from desktop.export import write_csv, write_workbook
    from desktop.fonts import register_matplotlib_font
    from desktop.spreadsheet.reader import read_portfolio

    portfolio = read_portfolio(REPO / "resources" / "samples" / "sample_portfolio.xlsx")
    evaluation = evaluate_portfolio(
        portfolio, load_catalogue(REPO / "policies"), as_of=dt.date(2025, 12, 31)
    )
    write_workbook(evaluation, tmp_path / "out.xlsx")
    (tmp_path / "csv").mkdir()
    write_csv(evaluation, tmp_path / "csv")
    evaluation_to_json(evaluation)
    register_matplotlib_font()
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure()
    FigureCanvasAgg(figure)
    figure.add_subplot().set_title("测算结果")
    figure.savefig(tmp_path / "chart.png")
    assert (tmp_path / "out.xlsx").stat().st_size > 0
    assert no_network == []

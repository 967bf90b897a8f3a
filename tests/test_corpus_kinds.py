"""The acceptance corpus of issue #15: each kind of real export (tests/corpus/kinds.py) holds
the data of tests/corpus/data.py. For every file: each sheet gets the expected verdict and
its rows add up, the key columns are mapped, odd values are reported where they are, and the
batch run on the file gives, per enterprise and measure, the same status and amount as the
batch run on the clean template holding the same data."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from corpus import data as d
from corpus.kinds import CASES, Case
from corpus.template import write_template

from desktop.cli import main
from desktop.spreadsheet.reader import ImportResult, read_workbook


@dataclass
class Run:
    inputs: list[Path]
    result: ImportResult
    document: dict[str, Any]
    clean: dict[str, Any]


_RUNS: dict[str, Run] = {}


def _batch(inputs: list[Path], out: Path) -> dict[str, Any]:
    args = ["batch", *map(str, inputs), "--as-of", d.AS_OF_TEXT, "--json", str(out), "-q"]
    assert main(args) == 0
    return json.loads(out.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _run(case: Case, factory: pytest.TempPathFactory) -> Run:
    if case.kind not in _RUNS:
        folder = factory.mktemp(case.kind)
        inputs = case.write(folder)
        clean = write_template(folder / "clean-template.xlsx", case.tables)
        _RUNS[case.kind] = Run(
            inputs,
            read_workbook(inputs),
            _batch(inputs, folder / "file.json"),
            _batch([clean], folder / "clean.json"),
        )
    return _RUNS[case.kind]


def _params(check: str) -> list[Any]:
    return [
        pytest.param(c, id=c.kind, marks=[pytest.mark.xfail(strict=True, reason=c.xfail[check])])
        if check in c.xfail
        else pytest.param(c, id=c.kind)
        for c in CASES
    ]


def outcomes(document: dict[str, Any]) -> dict[tuple[str, str], tuple[Any, ...]]:
    return {
        (r["uscc"], r["measure"]): (r["status"], r["amount"], tuple(sorted(r["missing"])))
        for r in document["results"]
    }


@pytest.mark.parametrize("case", _params("verdicts"))
def test_every_sheet_has_its_verdict(case: Case, tmp_path_factory: pytest.TempPathFactory) -> None:
    run = _run(case, tmp_path_factory)
    sheets = run.document["import"]["sheets"]
    for s in sheets:  # nothing dropped without a verdict: every row is accounted for
        assert s["above"] + s["used"] + s["merged"] + s["dropped"] == s["rows"], s
        assert s["reason"], s
        if s["tables"]:
            assert sum(s["dropped_by"].values()) == s["dropped"], s
    got = {s["sheet"] or s["file"]: s for s in sheets}
    assert set(got) == set(case.sheets)  # every sheet of every file, none invented
    for name, (role, fragment) in case.sheets.items():
        assert got[name]["role"] == role, (name, got[name])
        assert fragment in got[name]["reason"], (name, got[name]["reason"])
    for name, used in case.used.items():
        assert got[name]["used"] == used, (name, got[name])
    for name, reasons in case.dropped_by.items():
        assert got[name]["dropped_by"] == reasons, (name, got[name])
    assert not run.document["import"]["warnings"]


@pytest.mark.parametrize("case", _params("mapping"))
def test_key_columns_are_mapped(case: Case, tmp_path_factory: pytest.TempPathFactory) -> None:
    run = _run(case, tmp_path_factory)
    for (table, name), header in case.mapping.items():
        mapping = run.result.mapping.tables[table]
        column = mapping.by_field().get(name)
        assert column is not None, (table, name, [c.header for c in mapping.columns])
        assert header in column.header, (table, name, column.header)
    # the data read equals the data written
    portfolio = run.result.portfolio
    for table, rows in case.tables.items():
        assert len(portfolio.table(table)) == len(rows), table


@pytest.mark.parametrize("case", _params("issues"))
def test_odd_values_are_reported_and_missing(
    case: Case, tmp_path_factory: pytest.TempPathFactory
) -> None:
    run = _run(case, tmp_path_factory)
    issues = run.result.portfolio.issues
    for sheet, row, column, text in case.issues:
        found = [
            i
            for i in issues
            if (i.sheet or i.sheet is None) and i.row == row and i.column == column
            and text in (i.value or "")
        ]  # fmt: skip
        assert found, (
            sheet,
            row,
            column,
            text,
            [(i.sheet, i.row, i.column, i.value) for i in issues],
        )
        assert all(i.sheet in (sheet, None) for i in found)
    ents = run.result.portfolio.enterprises.set_index("uscc")
    if d.DAXING in ents.index and "q_high_tech" in ents.columns:
        assert ents.loc[d.DAXING, "q_high_tech"] is not False  # unknown is missing, never 否
    assert not [i for i in issues if i.severity == "error"], issues


@pytest.mark.parametrize("case", _params("results"))
def test_same_results_as_the_clean_template(
    case: Case, tmp_path_factory: pytest.TempPathFactory
) -> None:
    run = _run(case, tmp_path_factory)
    expected = outcomes(run.clean)
    got = outcomes(run.document)
    for key, status in case.measures.items():
        assert expected[key][0] == status, (key, expected[key])
        if status == "eligible":
            assert expected[key][1] and float(expected[key][1]) > 0, (key, expected[key])
    different = {k: (expected[k], got.get(k)) for k in expected if got.get(k) != expected[k]}
    assert different == {}
    assert set(got) == set(expected)

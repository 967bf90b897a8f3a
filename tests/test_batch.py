"""The headless batch command: its JSON contract, overrides and one-line errors."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "resources" / "samples" / "sample_portfolio.xlsx"
ART16 = "jjr-2022-190.16"


def batch(*args: str | Path, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-m", "desktop", "batch", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


@pytest.fixture(scope="module")
def sample_json(tmp_path_factory: pytest.TempPathFactory) -> dict:  # type: ignore[type-arg]
    out = tmp_path_factory.mktemp("batch") / "out.json"
    run = batch("--json", out, "--as-of", "2025-12-31", "--quiet")
    assert run.returncode == 0, run.stderr
    assert run.stdout == ""
    return json.loads(out.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_json_contract(sample_json: dict) -> None:  # type: ignore[type-arg]
    doc = sample_json
    assert doc["tool"] == "policydesk"
    assert doc["as_of"] == "2025-12-31"
    assert doc["input"]["sha256"] == hashlib.sha256(SAMPLE.read_bytes()).hexdigest()
    assert Path(doc["input"]["path"]).name == SAMPLE.name
    assert len(doc["catalogue"]["sha256"]) == 64
    assert "jjr-2022-190" in doc["catalogue"]["documents"]
    ratio = doc["parameters"][f"{ART16}.ratio"]
    assert ratio == ratio | {"value": "0.40", "assumption": True}
    # the assumption's original source: the 2021 中关村 measures (title, issuer, date)
    assert "中关村知识产权质押融资成本分担和风险补偿机制的若干措施" in ratio["source"]
    assert "2021-03" in ratio["source"]
    assert doc["parameters"]["jjr-2022-190.28.neeq.cap"]["assumption"] is False
    statuses = {r["status"] for r in doc["results"]}
    assert statuses == {"eligible", "ineligible", "unknown"}
    for r in doc["results"]:
        assert set(r) >= {
            "uscc",
            "name",
            "measure",
            "status",
            "amount",
            "reasons",
            "missing",
            "items",
        }
        if doc["measures"][r["measure"]]["kind"] == "computable":
            assert (r["amount"] is None) == (r["status"] != "eligible"), r
        else:
            assert r["amount"] is None
        if r["status"] == "unknown":
            assert r["missing"], r
        for item in r["items"]:
            assert set(item) >= {"record", "status", "amount"}


def test_totals_equal_results(sample_json: dict) -> None:  # type: ignore[type-arg]
    doc = sample_json
    for measure, totals in doc["totals"].items():
        rows = [r for r in doc["results"] if r["measure"] == measure]
        assert totals["eligible"] == sum(r["status"] == "eligible" for r in rows)
        assert totals["unknown"] == sum(r["status"] == "unknown" for r in rows)
        amount = sum(Decimal(r["amount"]) for r in rows if r["amount"] is not None)
        assert Decimal(totals["amount"]) == amount
        items = sum(
            Decimal(i["amount"]) for r in rows for i in r["items"] if i["amount"] is not None
        )
        assert items == amount


def test_override_changes_amounts(tmp_path: Path, sample_json: dict) -> None:  # type: ignore[type-arg]
    out = tmp_path / "half.json"
    run = batch("--json", out, "--as-of", "2025-12-31", "--set", f"{ART16}.ratio=0.5", "-q")
    assert run.returncode == 0, run.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["parameters"][f"{ART16}.ratio"]["value"] == "0.5"
    assert doc["parameters"][f"{ART16}.ratio"]["overridden"] is True
    before = Decimal(sample_json["totals"][ART16]["amount"])
    after = Decimal(doc["totals"][ART16]["amount"])
    assert before < after

    # Loans it paid before rise by at most 50/40; a higher 第16条 may also win loans from
    # another municipal interest subsidy (policies/overlaps.yaml, pick: higher).
    def paid(d: dict) -> dict[tuple[str, str], Decimal]:  # type: ignore[type-arg]
        return {
            (r["uscc"], i["record"]): Decimal(i["amount"])
            for r in d["results"]
            if r["measure"] == ART16
            for i in r["items"]
            if i["amount"] not in (None, "0.00")
        }

    old, new = paid(sample_json), paid(doc)
    assert old and all(
        key in new and new[key] <= value * Decimal("1.25") + Decimal("0.01")
        for key, value in old.items()
    )
    assert doc["totals"]["jjr-2022-190.28.ipo"] == sample_json["totals"]["jjr-2022-190.28.ipo"]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--set", "jjr-2022-190.16.ratoi=0.5"], "has no parameter 'ratoi'"),
        (["--set", "nonsense"], "--set expects"),
        (["--as-of", "2025-13-01"], "is not a date"),
        (["--measure", "no-such.1"], "unknown measure 'no-such.1'"),
        ([str(REPO / "no_such_file.xlsx")], "no_such_file.xlsx"),
    ],
)
def test_bad_arguments_give_one_line_and_exit_2(
    tmp_path: Path, args: list[str], words: str
) -> None:
    run = batch(*args, "--json", tmp_path / "x.json")
    assert run.returncode == 2
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    assert words in lines[0]
    assert "Traceback" not in run.stderr


def test_corrupt_input_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "客户台账.xlsx"
    bad.write_bytes(b"PK\x03\x04 this is not really a workbook")
    run = batch(bad, "--json", tmp_path / "x.json")
    assert run.returncode == 2
    assert len(run.stderr.strip().splitlines()) == 1
    assert "客户台账.xlsx" in run.stderr and "Traceback" not in run.stderr


def test_refuses_to_overwrite_the_input(tmp_path: Path) -> None:
    copy = tmp_path / "input.xlsx"
    copy.write_bytes(SAMPLE.read_bytes())
    run = batch(copy, "--json", copy)
    assert run.returncode == 2
    assert "overwrite the input" in run.stderr
    assert copy.read_bytes() == SAMPLE.read_bytes()


def test_workbook_and_csv_match_the_json(tmp_path: Path) -> None:
    import openpyxl

    out = tmp_path / "nested" / "结果.xlsx"
    run = batch(
        "-o",
        out,
        "--json",
        tmp_path / "r.json",
        "--csv",
        tmp_path / "csv",
        "--as-of",
        "2025-12-31",
        "-q",
    )
    assert run.returncode == 0, run.stderr
    doc = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    workbook = openpyxl.load_workbook(out, read_only=True)
    assert {"说明", "测算结果", "参数"} <= set(workbook.sheetnames)
    rows = list(workbook["测算结果"].iter_rows(values_only=True))
    header = rows[0]
    col = {name: header.index(name) for name in ("统一社会信用代码", "措施编号", "金额（元）")}
    amounts = {
        (r[col["统一社会信用代码"]], r[col["措施编号"]]): r[col["金额（元）"]] for r in rows[1:]
    }
    assert len(amounts) == len(doc["results"])
    for result in doc["results"]:
        cell = amounts[(result["uscc"], result["measure"])]
        if result["amount"] is None:
            assert cell is None
        else:
            assert Decimal(str(cell)).quantize(Decimal("0.01")) == Decimal(result["amount"])
    assert (tmp_path / "csv" / "results.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_json_has_derived_attributes_and_preassessments(sample_json: dict) -> None:  # type: ignore[type-arg]
    enterprises = sample_json["enterprises"]
    assert len(enterprises) == len({r["uscc"] for r in sample_json["results"]})
    first = enterprises[0]
    assert first["derived"]["is_kechuang"]["derived"] is True
    assert set(first["preassessments"]) == {"tech_sme", "high_tech"}
    statuses = {e["preassessments"]["tech_sme"]["status"] for e in enterprises}
    assert statuses <= {"eligible", "ineligible", "unknown"}
    assert isinstance(sample_json["institutions"], list)


def test_scenario_file_applies_overrides(tmp_path: Path, sample_json: dict) -> None:  # type: ignore[type-arg]
    scenario = tmp_path / "s.yaml"
    scenario.write_text(
        "kind: scenario\nscenario: {name: 贴息比例50%, as_of: 2025-12-31,\n"
        "           overrides: {jjr-2022-190.16.ratio: 0.5}}\n",
        encoding="utf-8",
    )
    run = batch("--scenario", scenario, "--json", tmp_path / "s.json", "-q")
    assert run.returncode == 0, run.stderr
    doc = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    assert doc["as_of"] == "2025-12-31"
    assert doc["parameters"][f"{ART16}.ratio"]["value"] == "0.5"
    assert Decimal(doc["totals"][ART16]["amount"]) > Decimal(sample_json["totals"][ART16]["amount"])
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "kind: scenario\nscenario: {name: x, as_of: 2025-12-31, overrides: {nope.1.r: 1}}\n",
        encoding="utf-8",
    )
    run = batch("--scenario", bad, "--json", tmp_path / "x.json")
    assert run.returncode == 2 and "bad.yaml" in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1


def test_brief_command_writes_the_pack(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    scenarios = tmp_path / "s.yaml"
    scenarios.write_text(
        "kind: scenarios\nbaseline: {name: 基准, as_of: 2025-12-31}\nalternatives:\n"
        "  - {name: 贴息比例50%, as_of: 2025-12-31, overrides: {jjr-2022-190.16.ratio: 0.5}}\n",
        encoding="utf-8",
    )
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "desktop",
            "brief",
            "-o",
            str(tmp_path / "pack"),
            "--scenarios",
            str(scenarios),
            "-q",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    files = {p.name for p in (tmp_path / "pack").iterdir()}
    assert {"brief.pdf", "brief.docx", "简报附表.xlsx", "测算结果.xlsx"} <= files
    assert sum(name.endswith(".png") for name in files) >= 4


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_the_json_gets_ordinary_file_permissions(tmp_path: Path) -> None:
    """Written through an owner-only temporary file, the JSON still ends up like any file
    the user creates (readable by whoever may read their other outputs)."""
    out = tmp_path / "r.json"
    assert batch("--json", out, "-q").returncode == 0
    mask = os.umask(0)
    os.umask(mask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~mask

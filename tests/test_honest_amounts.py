"""Issue #17 (honest amounts): parameter bounds set by the texts, named interpretations that
can be switched off, and amounts labelled by their basis (computed / ceiling / requested)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from desktop.core.catalogue import Catalogue
from desktop.core.parameters import resolve_parameters
from desktop.core.policy_model import Parameter
from desktop.core.scenarios import load_scenarios
from desktop.errors import ParameterError, PolicyFileError

REPO = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2025, 12, 31)
RATIO_20 = "jjr-2022-190.20.ratio"


def test_every_bound_holds_for_its_catalogue_values(catalogue: Catalogue) -> None:
    bounded = 0
    for measure_id in catalogue.measures:
        for name, spec in catalogue.measure(measure_id).measure.parameters.items():
            if spec.bound is None:
                continue
            bounded += 1
            assert spec.bound.quote, f"{measure_id}.{name}"
            # a bound is the text's own ceiling: an assumed value (taken from outside the
            # document, to be checked) carries none, so a newer figure can be entered
            assert not all(v.assumption for v in spec.values), f"{measure_id}.{name}"
            for value in spec.values:
                assert value.value is None or value.value <= spec.bound.max
    assert bounded >= 20


def test_article_20_ratio_cannot_exceed_its_ceiling(catalogue: Catalogue) -> None:
    with pytest.raises(ParameterError) as exc:
        resolve_parameters(catalogue, AS_OF, {RATIO_20: "0.25"})
    message = str(exc.value)
    assert "20%" in message and "不高于实际发生代偿总额 20% 的补偿" in message
    assert resolve_parameters(catalogue, AS_OF, {RATIO_20: "0.2"})[RATIO_20].value == Decimal("0.2")
    assert resolve_parameters(catalogue, AS_OF, {RATIO_20: "15%"})[RATIO_20].value == Decimal(
        "0.15"
    )


def test_a_policy_value_above_its_bound_is_refused_at_load() -> None:
    with pytest.raises(ValueError, match="above the bound"):
        Parameter.model_validate(
            {
                "label": "比例",
                "type": "ratio",
                "unit": "比例",
                "bound": {"max": "0.2", "quote": "第20条：“不高于20%”"},
                "values": [{"from": "2022-06-25", "value": "0.3", "source": "x"}],
            }
        )


def _batch(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-m", "desktop", "batch", *map(str, args)],
        cwd=REPO,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def test_cli_set_beyond_the_bound_exits_2_quoting_the_text(tmp_path: Path) -> None:
    run = _batch("--set", f"{RATIO_20}=0.3", "--as-of", "2025-12-31", "--json", tmp_path / "x.json")
    assert run.returncode == 2
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    assert "不高于实际发生代偿总额 20% 的补偿" in lines[0] and RATIO_20 in lines[0]
    assert not (tmp_path / "x.json").exists()


def test_scenario_file_beyond_the_bound_is_refused(catalogue: Catalogue, tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(
        "kind: scenario\n"
        "scenario:\n"
        "  name: 超上限\n"
        "  as_of: 2025-12-31\n"
        "  overrides:\n"
        "    hfbg-2025-8.8.max_share: 0.4\n",
        encoding="utf-8",
    )
    with pytest.raises(PolicyFileError) as exc:
        load_scenarios(path, catalogue)
    assert "不超过合同金额30%" in str(exc.value) and "hfbg-2025-8.8.max_share" in str(exc.value)


def test_interpretation_switch_parses_words_and_numbers(catalogue: Catalogue) -> None:
    key = "jjr-2022-190.27.haidian_reading"
    assert resolve_parameters(catalogue, AS_OF)[key].value == 1
    assert resolve_parameters(catalogue, AS_OF)[key].assumption
    for raw, want in (("off", 0), ("关", 0), ("0", 0), ("on", 1), ("开", 1)):
        assert resolve_parameters(catalogue, AS_OF, {key: raw})[key].value == want
    with pytest.raises(ParameterError, match="switch"):
        resolve_parameters(catalogue, AS_OF, {key: "2"})
    assert resolve_parameters(catalogue, AS_OF)[key].display() == "开"


def test_interpretations_name_switches_of_their_measure(catalogue: Catalogue) -> None:
    found = {}
    for measure_id in catalogue.measures:
        m = catalogue.measure(measure_id).measure
        for c in (*m.conditions, *m.record_conditions):
            if c.interpretation:
                found[f"{measure_id}.{c.id}"] = c.interpretation
    assert found == {
        "jjr-2022-190.17.haidian.scheme_year": "scheme_year_reading",
        "jjr-2022-190.19.bank.kechuang": "kechuang_reading",
        "jjr-2022-190.19.guarantor.kechuang": "kechuang_reading",
        "jjr-2022-190.19.insurer.kechuang": "kechuang_reading",
        "jjr-2022-190.19.ip_agency.kechuang": "kechuang_reading",
        "jjr-2022-190.27.haidian": "haidian_reading",
    }


# -- amount basis: computed / ceiling / requested -------------------------------------------


def test_every_computable_measure_has_a_decided_basis(catalogue: Catalogue) -> None:
    for measure_id in catalogue.measures:
        m = catalogue.measure(measure_id).measure
        if m.kind != "computable":
            assert m.amount_basis == "computed", measure_id
            continue
        assert m.amount_basis_note and m.amount_basis_note_en, measure_id
        if m.amount == "requested":  # the applicant's figure: never shown as granted
            assert m.amount_basis == "requested", measure_id
    basis = {mid: catalogue.measure(mid).measure.amount_basis for mid in catalogue.measures}
    assert basis["jjr-2022-190.20"] == "ceiling"  # 不高于…20%
    assert basis["jjr-2022-190.28.ipo"] == "ceiling"  # 最高 300 万元
    assert basis["hfbg-2025-8.3.incubator"] == "requested"
    assert basis["jzbf-2023-23.19.interest"] == "computed"  # 100BP


def test_a_ceiling_or_request_needs_its_reason() -> None:
    from desktop.core.policy_model import Measure

    with pytest.raises(ValueError, match="amount_basis_note"):
        Measure.model_validate(
            {
                "id": "x-1.1",
                "article": "1",
                "name": "x",
                "quote": "给予最高100万元",
                "kind": "computable",
                "beneficiary": "enterprise",
                "amount": "p.cap",
                "amount_basis": "ceiling",
            }
        )


@pytest.fixture(scope="module")
def sample_outputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, Path]:  # type: ignore[type-arg]
    import json

    out = tmp_path_factory.mktemp("basis")
    run = _batch("--as-of", "2025-12-31", "-q", "-o", out / "r.xlsx", "--json", out / "r.json")
    assert run.returncode == 0, run.stderr
    return json.loads((out / "r.json").read_text(encoding="utf-8")), out / "r.xlsx"


def test_json_says_what_each_amount_is(sample_outputs) -> None:  # type: ignore[no-untyped-def]
    doc, _ = sample_outputs
    assert doc["measures"]["hfbg-2025-8.3.incubator"]["amount_basis"] == "requested"
    assert doc["measures"]["jjr-2022-190.20"]["amount_basis_label"] == "按上限估算【假设】"
    assert doc["measures"]["jjr-2022-190.16"]["amount_basis"] == "computed"
    assert doc["measures"]["jjr-2022-190.26"]["amount_basis"] is None  # checkable
    for r in doc["results"]:
        basis = doc["measures"][r["measure"]]["amount_basis"]
        assert r["amount_basis"] == basis
        if r["status"] == "eligible" and r["amount"] and basis == "requested":
            assert any("申请金额，非核定金额" in line for line in r["reasons"])
        if r["status"] == "eligible" and r["amount"] and basis == "ceiling":
            assert any("按上限估算【假设】" in line for line in r["reasons"])
    assert any(r["amount_basis"] == "requested" and r["amount"] for r in doc["results"])


def test_workbook_labels_ceiling_and_requested_amounts(sample_outputs) -> None:  # type: ignore[no-untyped-def]
    import openpyxl

    _, path = sample_outputs
    wb = openpyxl.load_workbook(path)
    rows = list(wb["测算结果"].iter_rows(values_only=True))
    head = list(rows[0])
    basis = head.index("金额性质")
    measure = head.index(next(h for h in head if h and "措施编号" in str(h)))
    seen = {r[measure]: r[basis] for r in rows[1:]}
    assert seen["hfbg-2025-8.3.incubator"] == "申请金额，非核定金额"
    assert seen["jjr-2022-190.20"] == "按上限估算【假设】"
    assert seen["jjr-2022-190.16"] == "按文件规则测算"
    titles = [str(c.value) for c in wb["资格矩阵"][2] if c.value]
    assert any("jjr-2022-190.28.ipo" in t and "按上限估算【假设】" in t for t in titles)
    summary = "\n".join(str(c) for row in wb["汇总"].iter_rows(values_only=True) for c in row if c)
    assert "申请金额，非核定金额" in summary


def test_json_lists_the_interpretations_and_their_state(tmp_path: Path) -> None:
    import json

    out = tmp_path / "r.json"
    key = "jjr-2022-190.27.haidian_reading"
    run = _batch("--as-of", "2025-12-31", "-q", "--json", out, "--set", f"{key}=off")
    assert run.returncode == 0, run.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))
    by_switch = {i["switch"]: i for i in doc["interpretations"]}
    assert by_switch[key]["on"] is False and by_switch[key]["reasoning"]
    assert by_switch["jjr-2022-190.19.bank.kechuang_reading"]["on"] is True
    assert doc["totals"]["jjr-2022-190.27"]["amount"] == "1500000.00"  # 960,000 when on


def test_scenario_file_switches_an_interpretation_off(catalogue: Catalogue, tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(
        "kind: scenario\n"
        "scenario:\n"
        "  name: 不限海淀\n"
        "  as_of: 2025-12-31\n"
        "  overrides:\n"
        "    jjr-2022-190.27.haidian_reading: off\n",
        encoding="utf-8",
    )
    (scenario,) = load_scenarios(path, catalogue)
    values = resolve_parameters(catalogue, scenario.as_of, scenario.overrides)
    assert values["jjr-2022-190.27.haidian_reading"].value == 0
    # yes/no words are for switches only: a ratio written `true` is refused
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "jjr-2022-190.27.haidian_reading: off", "jjr-2022-190.16.ratio: true"
        ),
        encoding="utf-8",
    )
    with pytest.raises(PolicyFileError, match="not a number"):
        load_scenarios(path, catalogue)


def test_json_parameters_carry_their_bound(sample_outputs) -> None:  # type: ignore[no-untyped-def]
    doc, _ = sample_outputs
    ratio = doc["parameters"]["jjr-2022-190.20.ratio"]
    assert ratio["bound"] == "0.2" and "不高于实际发生代偿总额 20%" in ratio["bound_quote"]
    assert doc["parameters"]["jjr-2022-190.16.ratio"]["bound"] is None

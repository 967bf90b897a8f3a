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

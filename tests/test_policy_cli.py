"""``policydesk policies check | list | show``, user policy packs and bad files."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "broken_policies"


def policies(*args: str | Path, home: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    if home is not None:
        env["POLICYDESK_HOME"] = str(home)
    return subprocess.run(
        [sys.executable, "-m", "desktop", "policies", *map(str, args)],
        cwd=REPO,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def test_check_passes_on_the_shipped_catalogue(tmp_path: Path) -> None:
    run = policies("check", home=tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 errors" in run.stdout
    assert "6 documents, 106 articles" in run.stdout


def test_list_filters_by_document_and_kind(tmp_path: Path) -> None:
    run = policies("list", "--doc", "jjr-2022-190", "--kind", "computable", home=tmp_path)
    assert run.returncode == 0
    lines = run.stdout.splitlines()
    assert lines[0].startswith("jjr-2022-190  京金融〔2022〕190号")
    assert any("→ jjr-2022-190.16 知识产权质押贷款贴息" in line for line in lines)
    assert not any("informational" in line for line in lines)
    assert "jzbf-2023-23" not in run.stdout


def test_show_prints_quote_and_assumptions(tmp_path: Path) -> None:
    run = policies("show", "jjr-2022-190.16", home=tmp_path)
    assert run.returncode == 0
    assert "按照贷款实际利息的一定比例给予企业贴息支持" in run.stdout
    assert "40% 【假设】" in run.stdout
    unknown = policies("show", "nope.1", home=tmp_path)
    assert unknown.returncode == 2 and "unknown measure 'nope.1'" in unknown.stderr


def test_broken_file_names_file_line_and_key(tmp_path: Path) -> None:
    root = tmp_path / "policies"
    shutil.copytree(REPO / "policies" / "reference", root / "reference")
    shutil.copy(FIXTURES / "unknown_key.yaml", root / "unknown_key.yaml")
    run = policies("--policies", root, "check", home=tmp_path)
    assert run.returncode == 2
    assert run.stderr.strip().count("\n") == 0
    assert "unknown_key.yaml, line 33, key 'measures[0].amount_cap': unknown key" in run.stderr


def test_user_pack_is_validated_listed_and_used(tmp_path: Path) -> None:
    user = tmp_path / "policies"
    user.mkdir()
    shutil.copy(FIXTURES / "valid.yaml", user / "district-pack.yaml")
    run = policies("list", "--doc", "test-doc", home=tmp_path)
    assert run.returncode == 0
    assert str(user / "district-pack.yaml") in run.stdout
    assert "test-doc.1 测试贴息" in run.stdout
    shutil.copy(FIXTURES / "duplicate_key.yaml", user / "broken-pack.yaml")
    broken = policies("check", home=tmp_path)
    assert broken.returncode == 2
    assert "broken-pack.yaml, line 5, key 'title': duplicate key" in broken.stderr

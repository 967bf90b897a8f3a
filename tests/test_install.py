"""Installed non-editable (a wheel), the package still finds policies/ and resources/."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


def test_wheel_install_finds_catalogue_and_resources(tmp_path: Path) -> None:
    pytest.importorskip("hatchling", reason="hatchling is a test dependency (pip install .[test])")
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    bindir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    python = bindir / ("python.exe" if os.name == "nt" else "python")
    # The new environment sees the packages of the one running the tests (hatchling to
    # build, pandas & co. to run) through a .pth file, after its own site-packages: this
    # works whether the tests run in a virtual environment or not (system_site_packages
    # would reach the base interpreter's packages only, not those of a virtual one).
    own = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    outer = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (Path(own) / "outer_environment.pth").write_text(
        "".join(f"{p}\n" for p in sorted(outer)), encoding="utf-8"
    )
    # Build from a copy so nothing is written into the working tree.
    source = tmp_path / "src"
    shutil.copytree(
        REPO,
        source,
        ignore=shutil.ignore_patterns(
            ".git",
            ".venv*",
            "__pycache__",
            "*.pyc",
            ".mypy_cache",
            ".ruff_cache",
            ".pytest_cache",
            "build",
            "dist",
        ),
    )
    subprocess.run(
        [
            python,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            str(source),
        ],
        check=True,
        cwd=tmp_path,
        env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"},
    )
    shutil.rmtree(source)  # the installed copy must stand on its own
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    code = (
        "import desktop, desktop.paths as p\n"
        "from desktop.core.catalogue import default_catalogue\n"
        "print(desktop.__file__)\n"
        "print(p.policies_dir())\n"
        "print(len(default_catalogue().measures))\n"
        "print(p.sample_portfolio().is_file(), any(p.fonts_dir().glob('*.tt*')))\n"
        "from desktop.spreadsheet.vocabulary import vocabulary, vocabulary_dir\n"
        "print(vocabulary_dir(), len(vocabulary().fields))\n"
    )
    out = subprocess.run(
        [python, "-c", code], cwd=work, env=env, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert Path(out[0]).is_relative_to(env_dir), out
    assert Path(out[1]).is_relative_to(env_dir), out
    assert int(out[2]) >= 4
    assert out[3] == "True True"
    vocab_dir, tables = out[4].rsplit(" ", 1)
    assert Path(vocab_dir).is_relative_to(env_dir) and int(tables) >= 2, out
    script = bindir / ("policydesk.exe" if os.name == "nt" else "policydesk")
    run = subprocess.run(
        [script, "batch", "--json", str(work / "r.json"), "-q"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    assert (work / "r.json").stat().st_size > 1000
    assert sys.executable  # the test interpreter is untouched

"""Nothing the product ships or writes names the private reference desk it was built with.

Every fact is cited by its original source (文号, title, issuer, date; see
policies/reference/facts.yaml). The shipped files — policies/, resources/, desktop/, docs/,
README.md — and the outputs of a batch run and a briefing pack on the bundled sample (workbook,
JSON, CSV, Word, PDF, annex) must not mention the reference desk's folder, its notes file, its
source-text folder or its hashed source-text names.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.test_batch import batch

REPO = Path(__file__).resolve().parents[1]
PRIVATE = re.compile(r"shared/|reference-facts|seeds/|[0-9]{3}_[0-9a-f]{16}|\b00[0-9]报道")
SCANNED = ("policies", "resources", "desktop", "docs", "README.md")
SKIPPED_DIRS = {"__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache"}
ZIPPED = {".xlsx", ".docx", ".xlsm"}


def _texts(path: Path) -> list[tuple[str, str]]:
    """(name, text) of a file: its text, or each XML part of an Office file; none if binary."""
    data = path.read_bytes()
    if path.suffix.lower() in ZIPPED:
        with zipfile.ZipFile(path) as archive:
            return [
                (f"{path}!{name}", archive.read(name).decode("utf-8", errors="replace"))
                for name in archive.namelist()
                if name.endswith((".xml", ".rels"))
            ]
    if b"\0" in data:
        return []
    try:
        return [(str(path), data.decode("utf-8"))]
    except UnicodeDecodeError:
        return []


def _hits(path: Path, root: Path) -> list[str]:
    out = []
    for name, text in _texts(path):
        shown = name.replace(str(root) + os.sep, "")
        for number, line in enumerate(text.splitlines(), 1):
            match = PRIVATE.search(line)
            if match:
                out.append(f"{shown}:{number}: {match.group(0)!r} in {line.strip()[:120]}")
    return out


def _files(root: Path) -> list[Path]:
    files = []
    for name in SCANNED:
        path = root / name
        if path.is_file():
            files.append(path)
            continue
        for dirpath, dirnames, filenames in os.walk(path):
            dirnames[:] = [d for d in dirnames if d not in SKIPPED_DIRS]
            files += [Path(dirpath) / f for f in filenames]
    return sorted(files)


def test_the_pattern_catches_what_it_must() -> None:
    # built from pieces, so that this file's only literal match is the pattern itself
    desk, notes, folder = "shared", "reference" + "-facts", "seeds" + "/"
    for text in (
        f"{desk}/{notes}.md §1",
        f"见 {notes} §9",
        f"policies/{folder}x.txt",
        "000" + "_0123456789abcdef.txt",
    ):
        assert PRIVATE.search(text), text
    assert not PRIVATE.search("京经信发〔2022〕34号（北京市经济和信息化局，2022-05-05）")


def test_shipped_files_name_no_private_reference() -> None:
    files = _files(REPO)
    assert any(p.name == "facts.yaml" for p in files)  # the scan reaches policies/reference/
    hits = [hit for path in files for hit in _hits(path, REPO)]
    assert not hits, "private references found:\n" + "\n".join(hits)


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A batch run (workbook, JSON, CSV) and a briefing pack on the bundled sample."""
    out = tmp_path_factory.mktemp("outputs")
    run = batch(
        "-o", out / "结果.xlsx", "--json", out / "结果.json", "--csv", out / "csv",
        "--as-of", "2025-12-31", "-q",
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    brief = subprocess.run(
        [sys.executable, "-m", "desktop", "brief", "-o", str(out / "pack"), "-q"],
        cwd=REPO,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert brief.returncode == 0, brief.stderr
    return out


def test_outputs_name_no_private_reference(outputs: Path) -> None:
    files = sorted(p for p in outputs.rglob("*") if p.is_file())
    names = {p.name for p in files}
    assert {"结果.xlsx", "结果.json", "brief.docx", "brief.pdf", "简报附表.xlsx"} <= names
    hits = [hit for path in files for hit in _hits(path, outputs)]
    assert not hits, "private references found in outputs:\n" + "\n".join(hits)
    # the assumptions still say where they come from: the original document
    workbook = "".join(text for _, text in _texts(outputs / "结果.xlsx"))
    assert "关于建立实施中关村知识产权质押融资成本分担和风险补偿机制的若干措施" in workbook
    assert "京经信发〔2022〕34号" in workbook


def test_pdf_names_no_private_reference(outputs: Path) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (Debian package poppler-utils) is not installed")
    text = subprocess.run(
        ["pdftotext", "-layout", str(outputs / "pack" / "brief.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout
    assert "科创金融政策测算简报" in text
    hits = [line.strip() for line in text.splitlines() if PRIVATE.search(line)]
    assert not hits, "private references found in the PDF brief:\n" + "\n".join(hits)

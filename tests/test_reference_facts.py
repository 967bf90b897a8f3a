"""policies/reference/facts.yaml: every fact the catalogue uses beyond the source documents,
each with its original source (文号, title, issuer, date, where published)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from desktop.core.catalogue import load_catalogue
from desktop.errors import PolicyFileError

REPO = Path(__file__).resolve().parents[1]
FACTS = REPO / "policies" / "reference" / "facts.yaml"
REQUIRED = ("key", "fact", "number", "title", "issuer", "date", "published", "confidence")

# Facts the policy files cite; each must be recorded with its source.
EXPECTED_KEYS = {
    "zgc_ip_pledge_2021",
    "bj_ip_pledge_fund_2024",
    "first_loan_2022_34",
    "first_loan_2025_4",
    "bda_risk_comp_2023",
    "bda_kechuang_risk_comp_2025",
    "haidian_insurance_2025",
    "sme_size_2011",
    "kjxzxqy_2017_115",
    "gxjs_2016_32",
    "lpr",
    "day_count",
}


def _facts() -> list[dict[str, object]]:
    data = yaml.safe_load(FACTS.read_text(encoding="utf-8"))
    assert data["kind"] == "facts"
    return data["facts"]


def test_facts_parse_with_every_required_field() -> None:
    facts = _facts()
    keys = [f["key"] for f in facts]
    assert len(keys) == len(set(keys))
    assert set(keys) == EXPECTED_KEYS
    for fact in facts:
        for name in REQUIRED:
            value = fact.get(name)
            assert isinstance(value, str) and value.strip(), f"{fact['key']}: {name}"
        assert fact["confidence"] in ("高", "中"), fact["key"]
        if fact["confidence"] != "高":
            assert str(fact.get("note") or "").strip(), f"{fact['key']}: needs a note"


def test_facts_load_into_the_catalogue() -> None:
    catalogue = load_catalogue(REPO / "policies")
    assert set(catalogue.facts) == EXPECTED_KEYS
    assert catalogue.facts["first_loan_2022_34"].number == "京经信发〔2022〕34号"
    assert catalogue.facts["first_loan_2025_4"].confidence == "中"


def test_every_numbered_fact_is_cited() -> None:
    """Each 文号 recorded in facts.yaml is cited by a policy or reference file."""
    numbers = {f["number"] for f in _facts()} - {"未注明"}
    files = [p for p in (REPO / "policies").rglob("*.yaml") if p != FACTS]
    text = "".join(p.read_text(encoding="utf-8") for p in files)
    for number in numbers:
        assert number in text, number


def test_a_medium_fact_without_note_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "policies"
    shutil.copytree(REPO / "policies", root)
    text = (root / "reference" / "facts.yaml").read_text(encoding="utf-8")
    # drop the note of the one 中-confidence fact of 海淀区
    start = text.index("  - key: haidian_insurance_2025")
    end = text.index("  - key:", start + 1)
    entry = text[start:end]
    note = next(line for line in entry.splitlines(keepends=True) if line.startswith("    note:"))
    broken = text[:start] + entry.replace(note, "") + text[end:]
    assert broken != text
    (root / "reference" / "facts.yaml").write_text(broken, encoding="utf-8")
    with pytest.raises(PolicyFileError, match="needs a note"):
        load_catalogue(root)

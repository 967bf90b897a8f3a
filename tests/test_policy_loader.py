"""Strict loading: each broken fixture gives one message naming file, line and key."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from desktop.core.catalogue import load_catalogue
from desktop.errors import PolicyFileError

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "broken_policies"

# fixture → (line, key path or None, words the message must contain)
EXPECTED: dict[str, tuple[int, str | None, str]] = {
    "unknown_key": (33, "measures[0].amount_cap", "unknown key"),
    "duplicate_key": (5, "title", "duplicate key 'title' (first defined on line 4)"),
    "wrong_type": (5, "document.issuers", "valid list"),
    "missing_key": (1, "document.title", "required key is missing"),
    "forbidden_expression": (31, "measures[0].conditions[0].test", "is not allowed"),
    "unknown_field": (31, "measures[0].conditions[0].test", "unknown field(s) revenu"),
    "unknown_parameter": (32, "measures[0].amount", "unknown parameter(s) p.ratoi"),
    "unsourced_value": (
        49,
        "measures[0].parameters.max_revenue.values[0]",
        "needs a 'source' or 'assumption: true'",
    ),
    "assumption_without_note": (39, "measures[0].parameters.ratio.values[0]", "needs a 'note'"),
    "yaml_syntax": (25, None, "YAML syntax error"),
    "unlisted_article": (21, "measures[0].article", "cites article 2, which is not listed"),
    "null_without_assumption": (
        49,
        "measures[0].parameters.max_revenue.values[0]",
        "must be marked 'assumption: true'",
    ),
    "date_parameter_with_number": (
        44,
        "measures[0].parameters.max_revenue",
        "a date parameter needs a date",
    ),
    "measure_id_prefix": (20, "measures[0].id", "must start with 'test-doc.1'"),
    "duplicate_article": (19, "articles[1].number", "article 1 is listed twice"),
    "computable_without_amount": (20, "measures[0]", "needs an 'amount' formula"),
    "bad_value_number": (50, "measures[0].parameters.max_revenue.values[0].value", "valid decimal"),
}


def catalogue_dir(tmp_path: Path, fixture: str) -> Path:
    root = tmp_path / "policies"
    shutil.copytree(REPO / "policies" / "reference", root / "reference")
    shutil.copy(FIXTURES / f"{fixture}.yaml", root / f"{fixture}.yaml")
    return root


def test_every_fixture_has_an_expectation() -> None:
    names = {p.stem for p in FIXTURES.glob("*.yaml")} - {"valid"}
    assert names == set(EXPECTED)


def test_valid_fixture_loads(tmp_path: Path) -> None:
    catalogue = load_catalogue(catalogue_dir(tmp_path, "valid"))
    assert list(catalogue.measures) == ["test-doc.1"]


@pytest.mark.parametrize("fixture", sorted(EXPECTED))
def test_broken_fixture_message(tmp_path: Path, fixture: str) -> None:
    line, key, words = EXPECTED[fixture]
    with pytest.raises(PolicyFileError) as info:
        load_catalogue(catalogue_dir(tmp_path, fixture))
    err = info.value
    message = str(err)
    assert f"{fixture}.yaml" in message
    assert err.location.line == line, message
    if key is not None:
        assert err.location.key == key, message
        assert f"key '{key}'" in message
    assert words in message


def test_shipped_catalogue_loads_and_has_the_skeleton_measures() -> None:
    catalogue = load_catalogue(REPO / "policies")
    assert {
        "jjr-2022-190.16",
        "jjr-2022-190.28.neeq",
        "jjr-2022-190.28.ipo",
        "jjr-2022-190.28.ma",
    } <= set(catalogue.measures)
    assert len(catalogue.sha256) == 64


def test_every_open_ratio_is_an_assumption() -> None:
    catalogue = load_catalogue(REPO / "policies")
    for measure in catalogue.measures.values():
        for name, param in measure.measure.parameters.items():
            for value in param.values:
                assert value.source or value.assumption, f"{measure.id}.{name}"
                if "一定比例" in measure.measure.quote and param.type == "ratio":
                    assert value.assumption, f"{measure.id}.{name} is open in the text"


@pytest.mark.parametrize(
    ("number", "expected"),
    [("16", "16"), ("三", "3"), ("十", "10"), ("十一", "11"), ("二十", "20"), ("(十二)", "12")],
)
def test_article_ids_are_ascii(number: str, expected: str) -> None:
    from desktop.core.catalogue import article_id

    assert article_id(number) == expected


def _with_lines(tmp_path: Path, after: str, extra: list[str]) -> tuple[Path, int]:
    """The valid fixture with ``extra`` lines put after the line ``after``; the root and the
    line number of the first added line."""
    root = catalogue_dir(tmp_path, "valid")
    path = root / "valid.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    at = lines.index(after) + 1
    path.write_text("\n".join([*lines[:at], *extra, *lines[at:]]) + "\n", encoding="utf-8")
    return root, at + 1


def test_english_manual_checks_load(tmp_path: Path) -> None:
    root, _ = _with_lines(
        tmp_path,
        '    amount: "interest_paid * p.ratio"',
        [
            "    manual_checks: [质押登记先于放款（需人工核实）, 企业属于高精尖产业领域]",
            "    manual_checks_en:",
            "      - The pledge is registered before the drawdown (check by hand)",
            "      - The enterprise is in a high-end, precision and advanced industry",
        ],
    )
    m = load_catalogue(root).measure("test-doc.1").measure
    assert m.manual_checks_for("zh") == ["质押登记先于放款（需人工核实）", "企业属于高精尖产业领域"]
    assert (
        m.manual_checks_for("en")[0]
        == "The pledge is registered before the drawdown (check by hand)"
    )


@pytest.mark.parametrize("english", [[], ["Only one check in English"], ["a", "b", "c"]])
def test_manual_checks_en_of_another_length_is_rejected(tmp_path: Path, english) -> None:
    root, line = _with_lines(
        tmp_path,
        '    amount: "interest_paid * p.ratio"',
        [
            "    manual_checks_en: [" + ", ".join(english) + "]",
            "    manual_checks: [质押登记先于放款（需人工核实）, 企业属于高精尖产业领域]",
        ],
    )
    with pytest.raises(PolicyFileError) as info:
        load_catalogue(root)
    err, message = info.value, str(info.value)
    assert "valid.yaml" in message
    assert err.location.line == line, message
    assert err.location.key == "measures[0].manual_checks_en", message
    assert f"manual_checks_en has {len(english)} entries but manual_checks has 2" in message


def test_fallback_notes_en_for_other_fields_is_rejected(tmp_path: Path) -> None:
    root, line = _with_lines(
        tmp_path,
        '    amount: "interest_paid * p.ratio"',
        [
            "    fallback_notes:",
            "      interest_paid: 实付利息空白时按本金推算",
            "    fallback_notes_en:",
            "      amount: Interest paid is blank, estimated from the principal",
        ],
    )
    with pytest.raises(PolicyFileError) as info:
        load_catalogue(root)
    err = info.value
    assert err.location.line == line + 2, str(err)
    assert err.location.key == "measures[0].fallback_notes_en"
    assert "same fields as fallback_notes (interest_paid)" in str(err)


def test_funding_level_loads_from_the_document(tmp_path: Path) -> None:
    root, _ = _with_lines(
        tmp_path,
        "  region: 测试市",
        [
            "  funding_level:",
            "    level: 市级",
            "    reason: 测试市人民政府办公厅印发",
            "    reason_en: Issued by the municipal government office",
        ],
    )
    from desktop.core.funding import funding_level

    catalogue = load_catalogue(root)
    measure = catalogue.measure("test-doc.1")
    assert funding_level(measure, catalogue) == ("市级", "测试市人民政府办公厅印发")
    assert funding_level(measure, catalogue, "en")[1].startswith("Issued by")


@pytest.mark.parametrize(
    ("extra", "problem"),
    [
        (["    level: 省级", "    reason: 某某印发", "    reason_en: Issued by"], "level"),
        (["    level: 市级", "    reason: 某某印发"], "reason_en"),
    ],
)
def test_bad_funding_level_is_refused_with_its_line(tmp_path: Path, extra, problem) -> None:
    root, line = _with_lines(tmp_path, "  region: 测试市", ["  funding_level:", *extra])
    with pytest.raises(PolicyFileError) as info:
        load_catalogue(root)
    message = str(info.value)
    assert "valid.yaml" in message and "document.funding_level" in message, message
    assert problem in message
    assert info.value.location.line is not None and info.value.location.line >= line

"""docs/INPUT.md is generated from the field registry, the vocabulary and the acceptance
corpus: it must be regenerated whenever one of them changes (python tools/make_input_doc.py)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _tool():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "make_input_doc", REPO / "tools/make_input_doc.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_the_input_page_is_up_to_date() -> None:
    tool = _tool()
    text = tool.render()
    assert (REPO / "docs" / "INPUT.md").read_text(encoding="utf-8") == text, (
        "docs/INPUT.md is out of date: run python tools/make_input_doc.py"
    )
    # Every table and every field of the registry has its row; every corpus kind its example.
    from desktop.core.fields import TABLES
    from tests.corpus.kinds import CASES

    for spec in TABLES.values():
        assert f"### {spec.label_zh} / {spec.label_en}" in text
        for field in spec.fields:
            assert f"`{field.name}` |" in text
    for case in CASES:
        assert f"### {case.kind}\n" in text
    assert "shared/" not in text

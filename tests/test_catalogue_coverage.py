"""The catalogue transcribes every article of every source, quoting the source verbatim.

Quotes are compared with the source after deleting all whitespace on both sides, because
the vendored texts break articles across lines and page breaks. The 京政办发〔2023〕23号 page
is in Traditional characters; its quotes are checked against the OpenCC ``t2s`` conversion.
"""

from __future__ import annotations

import hashlib
import importlib.util
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from desktop.core.catalogue import Catalogue, load_catalogue

REPO = Path(__file__).resolve().parent.parent
POLICIES = REPO / "policies"
SOURCES = POLICIES / "sources"
# The originals the vendored texts were copied from, when a developer has them beside the repo
# (the vendored copies are renamed after their documents, so they are compared by content).

# Sources published in Traditional characters (see tools/convert_sources.py).
TRADITIONAL_SOURCES = {"jzbf-2023-23.txt"}

CN_NUMERALS = [
    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
    "十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十",
]  # fmt: skip

EXPECTED_NUMBERS: dict[str, list[str]] = {
    "jjr-2022-190": [str(n) for n in range(1, 29)],
    "jzbf-2023-23": [str(n) for n in range(1, 42)],
    "jkf-2025-19": CN_NUMERALS[:20],
    "hfbg-2025-8": CN_NUMERALS[:15],
    "jian-xingan-ip": ["1"],
    "jian-digital-loan": ["1"],
}

# Articles that yield an amount (policies/sources/README.md, "Computable measures").
COMPUTABLE: dict[str, set[str]] = {
    "jjr-2022-190": {"9", "16", "17", "19", "20", "27", "28"},
    "jzbf-2023-23": {"18", "19", "23"},
    "hfbg-2025-8": {"三", "四", "五", "六", "八", "九", "十一", "十二"},
    "jian-xingan-ip": {"1"},
    "jian-digital-loan": {"1"},
}

# Articles that yield eligibility only.
CHECKABLE: dict[str, set[str]] = {
    "jjr-2022-190": {"10", "15", "26"},
    "jkf-2025-19": {"七", "八", "十六"},
}

# The controlled tag list; every policy file repeats it in its header comment.
TAGS = (
    "贴息", "保费补贴", "风险补偿", "担保", "上市挂牌", "中介费用补贴", "资金补助", "跨境",
    "债券", "保险", "创投", "基金", "资管", "REITs", "人才", "平台", "统计", "信贷",
    "知识产权", "首贷", "数字化", "金融科技", "评价", "考核激励", "并购", "首台套",
    "再贷款再贴现", "信用信息", "绿色金融", "区域协同", "孵化转化", "研发攻关", "应用场景",
    "风险防控", "监管", "服务", "组织保障", "海淀",
)  # fmt: skip
TAG_COMMENT = "# Tags (controlled list, the same in every policy file): "

_WHITESPACE = re.compile(r"\s+")


def squeeze(text: str) -> str:
    return _WHITESPACE.sub("", text)


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(POLICIES)


def _read(path: Path) -> str:
    with path.open(encoding="utf-8", newline="") as handle:
        return handle.read()


@cache
def _converter() -> Any:
    """tools/convert_sources.py, the one conversion the quotes are checked through."""
    spec = importlib.util.spec_from_file_location(
        "convert_sources", REPO / "tools" / "convert_sources.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def source_text(name: str) -> str:
    """The text quotes are checked against, whitespace deleted."""
    text = _read(SOURCES / name)
    if name in TRADITIONAL_SOURCES:
        pytest.importorskip(
            "opencc", reason="opencc is not installed: cannot convert the Traditional source"
        )
        text = _converter().to_simplified(text)  # the same conversion as the .zhs.txt copy
    return squeeze(text)


@pytest.mark.parametrize("slug", sorted(EXPECTED_NUMBERS))
def test_every_article_once_in_order(catalogue: Catalogue, slug: str) -> None:
    assert slug in catalogue.files, f"{slug}.yaml is missing from policies/"
    numbers = [a.number for a in catalogue.files[slug].articles]
    assert numbers == EXPECTED_NUMBERS[slug]


@pytest.mark.parametrize("slug", sorted(EXPECTED_NUMBERS))
def test_quotes_are_verbatim(catalogue: Catalogue, slug: str) -> None:
    policy = catalogue.files[slug]
    source = source_text(policy.document.source_file)
    quotes = [(f"article {a.number}", a.quote) for a in policy.articles]
    quotes += [(f"measure {m.id}", m.quote) for m in policy.measures]
    missing = [where for where, quote in quotes if squeeze(quote) not in source]
    assert not missing, f"{slug}: quote not found in {policy.document.source_file}: {missing}"


def test_every_document_quotes_verbatim(catalogue: Catalogue) -> None:
    """Documents added later are held to the same rule."""
    for slug, policy in catalogue.files.items():
        if slug in EXPECTED_NUMBERS:
            continue
        source = source_text(policy.document.source_file)
        for article in policy.articles:
            assert squeeze(article.quote) in source, f"{slug} article {article.number}"
        for measure in policy.measures:
            assert squeeze(measure.quote) in source, f"{slug} measure {measure.id}"


def test_simplified_copy_is_current() -> None:
    pytest.importorskip("opencc", reason="opencc is not installed")
    tool = _converter()
    for name in sorted(TRADITIONAL_SOURCES):
        converted = SOURCES / (name.removesuffix(".txt") + ".zhs.txt")
        assert converted.is_file(), f"run tools/convert_sources.py to write {converted.name}"
        expected = tool.to_simplified(_read(SOURCES / name))
        assert _read(converted) == expected, f"{converted.name} is stale: rerun the tool"


def test_simplified_copy_has_mainland_wording() -> None:
    """No Taiwan vocabulary is left (支援/资讯/水准 …), and the copy differs from OpenCC's
    tw2sp only where tw2sp would put IT vocabulary into the text (建立→创建 …) or leaves a
    word (水准)."""
    opencc = pytest.importorskip("opencc", reason="opencc is not installed")
    tool = _converter()
    not_applied = {*tool.TW2SP_NOT_APPLIED, ("水平", "水准")}
    for name in sorted(TRADITIONAL_SOURCES):
        ours = tool.to_simplified(_read(SOURCES / name))
        for taiwan, _ in tool.MAINLAND_WORDS:
            assert taiwan not in ours, taiwan
        theirs = str(opencc.OpenCC("tw2sp").convert(_read(SOURCES / name)))
        for old, new in not_applied:
            theirs = theirs.replace(new, old)
        assert ours == theirs


def test_vendored_sources_are_the_texts_recorded() -> None:
    """Each source text is byte for byte the original it was taken from: their SHA-256, as
    recorded when they were added (policies/sources/SHA256SUMS), and no text left out."""
    recorded = dict(
        reversed(line.split("  ", 1))
        for line in (SOURCES / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
        if line.strip()
    )
    vendored = {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in SOURCES.glob("*.txt")
        if not p.name.endswith(".zhs.txt")
    }
    assert vendored == recorded


def test_every_document_names_a_vendored_source(catalogue: Catalogue) -> None:
    for slug, policy in catalogue.files.items():
        assert (SOURCES / policy.document.source_file).is_file(), slug


@pytest.mark.parametrize("slug", sorted(EXPECTED_NUMBERS))
def test_kinds(catalogue: Catalogue, slug: str) -> None:
    kinds = {a.number: a.kind for a in catalogue.files[slug].articles}
    for number in COMPUTABLE.get(slug, set()):
        assert kinds[number] == "computable", f"{slug} article {number}"
    for number in CHECKABLE.get(slug, set()):
        assert kinds[number] == "checkable", f"{slug} article {number}"


def test_tags_are_controlled(catalogue: Catalogue) -> None:
    allowed = set(TAGS)
    for slug, policy in catalogue.files.items():
        for article in policy.articles:
            unknown = sorted(set(article.tags) - allowed)
            assert not unknown, f"{slug} article {article.number}: tags {unknown} not listed"
            assert len(article.tags) == len(set(article.tags)), f"{slug} {article.number}"


@pytest.mark.parametrize("slug", sorted(EXPECTED_NUMBERS))
def test_tag_list_comment_matches(catalogue: Catalogue, slug: str) -> None:
    lines = _read(catalogue.origins[slug]).splitlines()
    comments = [ln for ln in lines if ln.startswith(TAG_COMMENT)]
    assert len(comments) == 1, f"{slug}.yaml needs one '{TAG_COMMENT.strip()}' header line"
    listed = tuple(t.strip() for t in comments[0].removeprefix(TAG_COMMENT).split(","))
    assert listed == TAGS

"""Write Simplified-Chinese copies of the policy sources published in Traditional characters.

The 京政办发〔2023〕23号 page was captured from a Traditional-character rendering of the
official (Simplified) document, with Taiwan vocabulary (支援/资讯/水准 for 支持/信息/水平).
Quotes in the catalogue are in the official mainland wording, checked against the converted
text, ``<stem>.zhs.txt`` beside the vendored original, which stays untouched.

Usage::

    python tools/convert_sources.py           # (re)write the .zhs.txt files
    python tools/convert_sources.py --check   # exit 1 if a .zhs.txt file is missing or stale
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

SOURCES_DIR = Path(__file__).resolve().parent.parent / "policies" / "sources"

# Vendored sources whose text is in Traditional characters.
TRADITIONAL_SOURCES: tuple[str, ...] = ("jzbf-2023-23.txt",)

SIMPLIFIED_SUFFIX = ".zhs.txt"


def simplified_path(source: Path) -> Path:
    """``jzbf-2023-23.txt`` → ``jzbf-2023-23.zhs.txt`` in the same folder."""
    return source.with_name(source.name.removesuffix(".txt") + SIMPLIFIED_SUFFIX)


# Mainland wording for the Taiwan vocabulary the Traditional rendering brought in: the
# phrase changes OpenCC's ``tw2sp`` makes on this text, kept only where they restore the
# official wording of a mainland government document (plus 水准 → 水平, which tw2sp leaves).
MAINLAND_WORDS: tuple[tuple[str, str], ...] = (
    ("支援", "支持"),
    ("资讯", "信息"),
    ("水准", "水平"),  # not changed by tw2sp; the official text reads 水平
    ("程式", "程序"),
    ("网路", "网络"),
    ("人工智慧", "人工智能"),
    ("智慧化", "智能化"),
    ("许可权", "权限"),
)

# tw2sp's other changes on this text are IT vocabulary that would put words into a
# government document it never had: they are not applied (tests/test_catalogue_coverage.py
# checks that the result differs from tw2sp's only by these).
TW2SP_NOT_APPLIED: tuple[tuple[str, str], ...] = (
    ("建立", "创建"),
    ("文件", "文档"),
    ("字号", "本号"),
    ("通道", "信道"),
    ("线上", "在线"),
    ("指标", "指针"),
    ("查询", "查找"),
    ("汇出", "导出"),
    ("批次", "批量"),
    ("执行", "运行"),
    ("效能", "性能"),
    ("复制", "拷贝"),
    ("连结", "链接"),
)


def to_simplified(text: str) -> str:
    """Traditional → Simplified: OpenCC's ``t2s`` characters, then the mainland wording of
    the Taiwan vocabulary (``MAINLAND_WORDS``, the reviewed part of ``tw2sp``)."""
    from opencc import OpenCC

    out = str(OpenCC("t2s").convert(text))
    for taiwan, mainland in MAINLAND_WORDS:
        out = out.replace(taiwan, mainland)
    return out


def _read(path: Path) -> str:
    with path.open(encoding="utf-8", newline="") as handle:
        return handle.read()


def _write(path: Path, text: str) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check, write nothing")
    parser.add_argument("--sources", type=Path, default=SOURCES_DIR, help="sources folder")
    args = parser.parse_args(argv)

    stale: list[str] = []
    for name in TRADITIONAL_SOURCES:
        source = args.sources / name
        target = simplified_path(source)
        converted = to_simplified(_read(source))
        if target.is_file() and _read(target) == converted:
            continue
        if args.check:
            stale.append(target.name)
        else:
            _write(target, converted)
            print(f"wrote {target}")
    if stale:
        print(
            f"stale or missing: {', '.join(stale)} (run tools/convert_sources.py)", file=sys.stderr
        )
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

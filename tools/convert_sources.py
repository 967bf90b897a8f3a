"""Write Simplified-Chinese copies of the policy sources published in Traditional characters.

The 京政办发〔2023〕23号 page was captured from a Traditional-character rendering of the
official (Simplified) document. Quotes in the catalogue are Simplified, so the app shows the
converted text, ``<stem>.zhs.txt`` beside the vendored original, which stays untouched.

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


def to_simplified(text: str) -> str:
    """Traditional → Simplified with OpenCC's ``t2s`` table (characters only, no vocabulary)."""
    from opencc import OpenCC

    return str(OpenCC("t2s").convert(text))


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

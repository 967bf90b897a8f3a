"""Maintain the Qt translation files under ``resources/i18n``.

Every user-facing string (the window's; the result files' under ``export.``; the core's
outcome statuses and explanation words under ``outcome.`` and ``explain.``) is a
message of Qt Linguist files, one per language, in the context ``PolicyDesk``: the
``<source>`` of each message is a stable key (``menu.file``) and the ``<translation>`` is the
text. The application reads the .ts files themselves (:mod:`desktop.i18n`, Qt-free), so they
are the one source of truth. ``policydesk_en.ts`` carries the Chinese text as an
``<extracomment>`` so a translator working in Qt Linguist sees what to translate. The
compiled ``.qm`` files next to them are what Qt's ``QTranslator`` loads; they are committed
so that ``pip install .`` needs no Qt tools.

    python tools/i18n.py add KEY "中文" "English"   # add or change a message, recompile
    python tools/i18n.py compile                    # .ts -> .qm with pyside6-lrelease
    python tools/i18n.py check                      # keys used in desktop/, placeholders, .qm fresh

``check`` is also run by tests/test_ui_i18n.py.
"""

from __future__ import annotations

import argparse
import filecmp
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # the checkout's desktop package, also when run as a script
    sys.path.insert(0, str(REPO))

from desktop.i18n import CONTEXT, read_ts  # noqa: E402  (the parser the application uses)

I18N_DIR = REPO / "resources" / "i18n"
#: UI language code -> (file stem, Qt locale name)
FILES = {"zh": ("policydesk_zh_CN", "zh_CN"), "en": ("policydesk_en", "en")}

_TR_CALL = re.compile(r"""\b(?:tr|text)\(\s*["']([A-Za-z0-9_.]+)["']\s*[,)]""")
#: ``{name}`` or ``{name:,}`` / ``{name!r}``: the field name is what must agree
_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)(?:[:!][^{}]*)?\}")


def ts_path(lang: str) -> Path:
    return I18N_DIR / f"{FILES[lang][0]}.ts"


def qm_path(lang: str) -> Path:
    return I18N_DIR / f"{FILES[lang][0]}.qm"


def write_ts(lang: str, messages: Mapping[str, str], comments: Mapping[str, str]) -> None:
    """Write ``messages`` (sorted by key) as a Qt Linguist 2.1 file."""
    root = ET.Element("TS", version="2.1", language=FILES[lang][1])
    context = ET.SubElement(root, "context")
    ET.SubElement(context, "name").text = CONTEXT
    for key in sorted(messages):
        message = ET.SubElement(context, "message")
        ET.SubElement(message, "source").text = key
        if key in comments:
            ET.SubElement(message, "extracomment").text = comments[key]
        ET.SubElement(message, "translation").text = messages[key]
    ET.indent(root, space="    ")
    body = ET.tostring(root, encoding="unicode")
    path = ts_path(lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8"
    )


def lrelease() -> str | None:
    """The path of Qt's lrelease shipped with PySide6 (or on PATH), if any."""
    try:
        import PySide6

        for name in ("lrelease", "lrelease.exe"):
            candidate = Path(PySide6.__file__).parent / name
            if candidate.exists():
                return str(candidate)
    except ImportError:  # pragma: no cover - PySide6 is a dependency
        pass
    return shutil.which("pyside6-lrelease") or shutil.which("lrelease")


def compile_qm(out_dir: Path = I18N_DIR) -> list[Path]:
    tool = lrelease()
    if tool is None:
        raise SystemExit("lrelease not found (it ships with PySide6)")
    written = []
    for lang in FILES:
        target = out_dir / qm_path(lang).name
        subprocess.run(
            [tool, "-silent", "-nounfinished", str(ts_path(lang)), "-qm", str(target)],
            check=True,
        )
        written.append(target)
    return written


def keys_used_in_code(paths: Iterable[Path]) -> dict[str, list[str]]:
    """Literal keys passed to ``tr("...")`` or ``text("...")``, with where they occur."""
    used: dict[str, list[str]] = {}
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for match in _TR_CALL.finditer(line):
                used.setdefault(match.group(1), []).append(f"{path.relative_to(REPO)}:{number}")
    return used


def problems() -> list[str]:
    """Everything wrong with the translation files, as readable lines (empty = all good)."""
    found: list[str] = []
    tables = {lang: read_ts(ts_path(lang)) for lang in FILES}
    zh, en = tables["zh"], tables["en"]
    for key in sorted(set(zh) ^ set(en)):
        missing = "en" if key in zh else "zh"
        found.append(f"{ts_path(missing).name}: message {key!r} is missing")
    for key in sorted(set(zh) & set(en)):
        if set(_PLACEHOLDER.findall(zh[key])) != set(_PLACEHOLDER.findall(en[key])):
            found.append(f"message {key!r}: placeholders differ between zh and en")
        if bool(zh[key].strip()) != bool(en[key].strip()):
            found.append(f"message {key!r}: empty in one language only")
    sources = sorted((REPO / "desktop").rglob("*.py"))
    for key, where in sorted(keys_used_in_code(sources).items()):
        if key not in zh:
            found.append(f"{where[0]}: {key!r} has no message in the .ts files")
    with tempfile.TemporaryDirectory() as tmp:
        if lrelease() is not None:
            for fresh in compile_qm(Path(tmp)):
                committed = I18N_DIR / fresh.name
                if not committed.exists() or not filecmp.cmp(fresh, committed, shallow=False):
                    found.append(
                        f"{committed.name} is out of date: run `python tools/i18n.py compile`"
                    )
    return found


def add(key: str, zh_text: str, en_text: str) -> None:
    zh, en = read_ts(ts_path("zh")), read_ts(ts_path("en"))
    zh[key], en[key] = zh_text, en_text
    write_ts("zh", zh, {})
    write_ts("en", en, zh)
    compile_qm()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("compile", help="compile the .ts files into .qm")
    sub.add_parser("check", help="report missing keys, placeholder mismatches, stale .qm")
    sub.add_parser("format", help="rewrite both .ts files sorted, with the zh comments")
    add_cmd = sub.add_parser("add", help="add or change one message in both languages")
    add_cmd.add_argument("key")
    add_cmd.add_argument("zh")
    add_cmd.add_argument("en")
    args = parser.parse_args(argv)
    if args.command == "compile":
        for path in compile_qm():
            print(f"wrote {path.relative_to(REPO)}")
    elif args.command == "format":
        zh, en = read_ts(ts_path("zh")), read_ts(ts_path("en"))
        write_ts("zh", zh, {})
        write_ts("en", en, zh)
        compile_qm()
    elif args.command == "add":
        add(args.key, args.zh, args.en)
    else:
        issues = problems()
        for line in issues:
            print(line, file=sys.stderr)
        if issues:
            return 1
        print("translations ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Write resources/divisions/gbt2260.csv and former_names.csv from the jionlp wheel (run once).

    pip download jionlp==1.5.31 --no-deps -d /tmp/jio
    python tools/extract_divisions.py /tmp/jio/jionlp-1.5.31-py2.py3-none-any.whl

The table is GB/T 2260 (民政部《中华人民共和国县以上行政区划代码》) as kept by the jionlp
package in ``jionlp/dictionary/china_location.zip``; the former names come from its
``china_location_change.txt`` plus a few Beijing/Shanghai changes before that file starts
(``EXTRA_FORMER`` below). Only the province / prefecture / county levels are kept; towns,
the county-part codes 71–80 (statistical development zones, not GB/T 2260) and the
sub-divisions of 台湾/香港/澳门 (no official codes in the package) are dropped.
The app reads the CSV only: jionlp is not a runtime dependency.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import sys
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "resources" / "divisions"
PACKAGE = "jionlp"
LOCATIONS = "jionlp/dictionary/china_location.zip"
CHANGES = "jionlp/dictionary/china_location_change.txt"
MUNICIPALITIES = ("11", "12", "31", "50")
NO_SUBDIVISIONS = ("71", "81", "82")
# (former name, province, city, current county name, year) for changes before 2002 or not
# in the package's change list; cheap and relevant to the Beijing/Shanghai measures.
EXTRA_FORMER: tuple[tuple[str, str, str, str, str], ...] = (
    ("密云县", "北京市", "北京市", "密云区", "2015"),
    ("延庆县", "北京市", "北京市", "延庆区", "2015"),
    ("崇文区", "北京市", "北京市", "东城区", "2010"),
    ("宣武区", "北京市", "北京市", "西城区", "2010"),
    ("崇明县", "上海市", "上海市", "崇明区", "2016"),
    ("闸北区", "上海市", "上海市", "静安区", "2015"),
    ("卢湾区", "上海市", "上海市", "黄浦区", "2011"),
    ("南汇区", "上海市", "上海市", "浦东新区", "2009"),
)
_LINE = re.compile(r"^(\t*)([^\t]+)\t(\d{6})\t([^\t]+)$")


def _version(names: list[str], wheel: zipfile.ZipFile) -> str:
    meta = next(n for n in names if n.endswith(".dist-info/METADATA"))
    for line in wheel.read(meta).decode("utf-8").splitlines():
        if line.startswith("Version:"):
            return line.split(":", 1)[1].strip()
    raise SystemExit("no version in the wheel metadata")


def extract(wheel_path: Path) -> None:
    with zipfile.ZipFile(wheel_path) as wheel:
        names = wheel.namelist()
        version = _version(names, wheel)
        inner = zipfile.ZipFile(io.BytesIO(wheel.read(LOCATIONS)))
        text = inner.read(inner.namelist()[0]).decode("utf-8")
        changes = wheel.read(CHANGES).decode("utf-8")
    rows: list[tuple[str, str, str, str, str]] = []  # code, level, name, short, parent
    seen: set[str] = set()
    province = city = ""
    for line in text.splitlines():
        m = _LINE.match(line)
        if m is None:
            continue  # towns and villages (no code), Taiwan's districts
        depth, name, code, short = len(m[1]), m[2], m[3], m[4]
        if depth == 0:
            province = code
            city = code
            rows.append((code, "province", name, short, ""))
        elif code[:2] in NO_SUBDIVISIONS:
            continue
        elif depth == 1:
            if code[:2] in MUNICIPALITIES or "直辖" in name:
                city = province  # counties hang from the province itself
                continue
            city = code
            rows.append((code, "city", name, short, province))
        elif depth == 2:
            if name.startswith("市直辖"):
                continue  # 东莞/中山/儋州/嘉峪关: no county level
            if 71 <= int(code[4:]) <= 80:
                continue  # statistical development zones: not GB/T 2260 codes
            rows.append((code, "county", name, short, city))
        else:
            continue
        if code in seen:
            raise SystemExit(f"duplicate code {code}")
        seen.add(code)
    by_name = {(r[2], r[4]): r[0] for r in rows}
    name_of = {r[0]: r[2] for r in rows}
    province_code = {r[2]: r[0] for r in rows if r[1] == "province"}
    former: dict[tuple[str, str], tuple[str, str, str]] = {}

    def add(old: str, prov: str, cty: str, new: str, when: str) -> None:
        pcode = province_code.get(prov)
        if pcode is None or old == new:
            return
        parent = pcode if pcode[:2] in MUNICIPALITIES else by_name.get((cty, pcode), pcode)
        code = by_name.get((new, parent))
        if code is None or (old, parent) in by_name:
            return  # not a county any more, or the old name is still a current name there
        former[(old, code)] = (name_of[code], when, parent)

    for line in changes.splitlines():
        parts = line.split("\t")
        if len(parts) < 10 or "=>" not in parts[7]:
            continue  # prefecture-level changes
        add(parts[6], parts[7].split("=>")[1], parts[8], parts[9], parts[0])
    for old, prov, cty, new, when in EXTRA_FORMER:
        add(old, prov, cty, new, when)
    digest = hashlib.sha256(wheel_path.read_bytes()).hexdigest()
    OUT.mkdir(parents=True, exist_ok=True)
    with (OUT / "gbt2260.csv").open("w", encoding="utf-8", newline="") as f:
        f.write(f"# source: {PACKAGE} {version} {LOCATIONS} (sha256 of wheel {digest})\n")
        f.write("# official: 民政部 中华人民共和国行政区划代码 (GB/T 2260); see README.md\n")
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["code", "level", "name", "short", "parent"])
        out.writerows(sorted(rows))
    with (OUT / "former_names.csv").open("w", encoding="utf-8", newline="") as f:
        f.write(
            f"# source: {PACKAGE} {version} {CHANGES} + tools/extract_divisions.py EXTRA_FORMER\n"
        )
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["former", "code", "name", "changed"])
        for (old, code), (new, when, _parent) in sorted(former.items(), key=lambda kv: kv[0][1]):
            out.writerow([old, code, new, when])
    counts = {lvl: sum(1 for r in rows if r[1] == lvl) for lvl in ("province", "city", "county")}
    print(f"{PACKAGE} {version}: {counts}, {len(former)} former names, sha256 {digest}")


if __name__ == "__main__":
    extract(Path(sys.argv[1]))

"""What the batch command makes of the bundled sample, as comparable data: the JSON document
and every cell (value or formula) of every sheet of the workbook.

    python -m tests.golden.snapshot --update    # after a deliberate change of results

Only what differs between two identical runs is left out: the generation time (JSON
``generated``, the 说明 sheet's date-time cells) and where the sample lies on disk."""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

RECORDED = Path(__file__).with_name("sample_outputs.json.gz")
AS_OF = "2025-12-31"


def _cell(value: object) -> object:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def snapshot() -> dict[str, Any]:
    """Run the batch on the sample (fixed as-of date) and return the comparable outputs."""
    import openpyxl

    from desktop.cli import main

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        code = main(
            [
                "batch",
                "--as-of",
                AS_OF,
                "-q",
                "-o",
                str(out / "r.xlsx"),
                "--json",
                str(out / "r.json"),
            ]
        )
        if code != 0:
            raise RuntimeError(f"batch exited {code}")
        document = json.loads((out / "r.json").read_text(encoding="utf-8"))
        book = openpyxl.load_workbook(out / "r.xlsx")
        sheets: dict[str, list[list[object]]] = {}
        for sheet in book.worksheets:
            rows = []
            for row in sheet.iter_rows(values_only=True):
                cells = [_cell(v) for v in row]
                if sheet.title == "说明":  # the generation time
                    cells = [None if isinstance(v, dt.datetime) else _cell(v) for v in row]
                rows.append(cells)
            sheets[sheet.title] = rows
        book.close()
    document.pop("generated", None)
    if isinstance(document.get("input"), dict):
        document["input"]["path"] = Path(document["input"]["path"]).name
    for item in document.get("inputs", []):
        item["path"] = Path(item["path"]).name
    return {"json": document, "workbook": sheets}


def recorded() -> dict[str, Any]:
    with gzip.open(RECORDED, "rt", encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def normalised(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` as it reads back from JSON (tuples become lists, floats round-trip)."""
    result: dict[str, Any] = json.loads(json.dumps(data, ensure_ascii=False, default=str))
    return result


def first_difference(a: object, b: object, path: str = "") -> str | None:
    """Where ``a`` and ``b`` first differ (a JSON-pointer-like path and both values)."""
    if type(a) is not type(b):
        return f"{path or '/'}: {a!r:.120} ≠ {b!r:.120}"
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b), key=str):
            if key not in a or key not in b:
                return f"{path}/{key}: only in {'recorded' if key in b else 'new'}"
            found = first_difference(a[key], b[key], f"{path}/{key}")
            if found:
                return found
        return None
    if isinstance(a, list) and isinstance(b, list):
        for i, (x, y) in enumerate(zip(a, b, strict=False)):
            found = first_difference(x, y, f"{path}[{i}]")
            if found:
                return found
        if len(a) != len(b):
            return f"{path}: {len(a)} items ≠ {len(b)}"
        return None
    return None if a == b else f"{path or '/'}: {a!r:.120} ≠ {b!r:.120}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--update", action="store_true", help="record the current outputs")
    args = parser.parse_args(argv)
    data = normalised(snapshot())
    if args.update:
        with gzip.open(RECORDED, "wt", encoding="utf-8", compresslevel=9) as handle:
            json.dump(data, handle, ensure_ascii=False, sort_keys=True)
        print(f"recorded {RECORDED}")
        return 0
    found = first_difference(data, recorded())
    print(found or "identical")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())

"""Write docs/INPUT.md: every table and field the import accepts, with its header spellings,
units and values (from desktop/core/fields.py and resources/vocabulary/*.yaml), and one
example of each layout of real export (the first rows of the acceptance corpus in
tests/corpus, which tests/test_corpus_kinds.py checks end to end).

    python tools/make_input_doc.py            # rewrite docs/INPUT.md
    python tools/make_input_doc.py --check    # exit 1 when docs/INPUT.md is out of date

tests/test_input_doc.py runs the check, so the page cannot drift from the vocabulary.
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from desktop.core.fields import TABLES, FieldSpec, FieldType, Table  # noqa: E402
from desktop.spreadsheet.vocabulary import Vocabulary, vocabulary  # noqa: E402

DOC = REPO / "docs" / "INPUT.md"
EXAMPLE_ROWS = 8  # rows shown per sheet
EXAMPLE_COLUMNS = 9  # columns shown per sheet

HEAD = """\
# 可接受的输入 / Accepted input

本页由 `tools/make_input_doc.py` 从字段定义（`desktop/core/fields.py`）、
词汇表（`resources/vocabulary/`）和导入验收语料（`tests/corpus/`）生成，请勿手改；
改词汇后运行该脚本重新生成（测试会检查本页是否最新）。
This page is generated; the tests fail when it no longer matches the vocabulary.

- 表头比对前先统一全角/半角、去空白和引号、转小写、繁体转简体，
  并去掉末尾括号中的单位（“营业收入（万元）”）。因此下表每种写法只列一次；
  字段的中文名、英文名和字段名本身总能识别，是/否字段还接受“是否＋中文名”。
- 单元格中无法理解的值（未知区县、单位、是/否、规模、分类、日期）按缺失处理，
  相关条件显示“待补数据”，并在数据质量表中给出工作表、Excel 行号、列字母和原文。
- 表格不必是模板：标题行、合并表头、中英双语表头、说明页、透视表、合计行、
  一行一笔贷款的台账都可直接读入；见文末“布局示例”。

"""

TYPE_TEXT = {
    FieldType.TEXT: "文本",
    FieldType.NUMBER: "数值",
    FieldType.COUNT: "人数/个数（可带“人”“家”等）",
    FieldType.DATE: "日期：2024-03-01、2024/3/1、2024.03.01、2024年3月1日、20240301 或 Excel 日期",
}


def _words(words: Iterable[str], limit: int = 0) -> str:
    out = [w for w in dict.fromkeys(words) if w]
    shown = out[:limit] if limit else out
    text = "、".join(f"`{w}`" for w in shown)
    return text + (f" 等 {len(out)} 种" if limit and len(out) > limit else "")


def _chinese_first(word: str) -> tuple[bool, str]:
    return (word.isascii(), word)


def _need(spec: FieldSpec) -> str:
    if spec.key and spec.table != Table.ENTERPRISES:
        return "可无（按“工作表!R行号”自动编号）"
    if spec.name == "uscc" and spec.table != Table.ENTERPRISES:
        return "是（无此列时按企业名称关联）"
    return "是" if spec.required else ""


def _role(role: str) -> str:
    if role == "unused":
        return "未使用"
    return "＋".join(TABLES[Table(part)].label_zh for part in role.split("+"))


def _kind(spec: FieldSpec, vocab: Vocabulary) -> str:
    if spec.type == FieldType.MONEY:
        units = [u for u in vocab.money_units if u]
        return "金额，默认元；表头、单元格或表格上下的“单位：”可注明 " + _words(units, 12)
    if spec.type == FieldType.RATIO:
        return "比率：`3.45`、`3.45%`、`0.0345`（按整列判断是百分数还是小数，并注明）、" + _words(
            vocab.rate_cell_units, 8
        )
    if spec.type == FieldType.FLAG:
        return (
            "是/否：真 "
            + _words(sorted(vocab.true_words, key=_chinese_first))
            + "；假 "
            + _words(sorted(vocab.false_words, key=_chinese_first))
            + "；其他写法按缺失"
        )
    if spec.type == FieldType.CATEGORY:
        if not spec.choices:
            return (
                "区县/城市：名称、简称、地址、6 位行政区划代码（全国，GB/T 2260）或拼音"
                "（Haidian District，按推定读取并注明）"
            )
        spellings = vocab.categories.get((spec.table, spec.name), {})
        by_choice: dict[str, list[str]] = {c: [] for c in spec.choices}
        for written, choice in spellings.items():
            if choice in by_choice and written != choice:
                by_choice[choice].append(written)
        parts = [f"`{c}`" + (f"（{_words(w, 6)}）" if w else "") for c, w in by_choice.items()]
        return "取值之一：" + "；".join(parts) + "；其他取值按缺失"
    return TYPE_TEXT.get(spec.type, spec.type.value)


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def fields_section(vocab: Vocabulary) -> list[str]:
    lines = ["## 表与字段 / Tables and fields", ""]
    for table, spec in TABLES.items():
        sheets = "、".join(f"`{s}`" for s in spec.sheet_names)
        lines += [
            f"### {spec.label_zh} / {spec.label_en}",
            "",
            f"模板工作表名：{sheets}（名称只是提示：工作表按表头内容识别）。",
            "",
            "| 字段 | 必填 | 类型与取值 | 可识别的表头 |",
            "|---|---|---|---|",
        ]
        for f in spec.fields:
            names = [f.label_zh, f.label_en, *vocab.spellings(table, f.name)]
            need = _need(f)
            lines.append(
                f"| {_cell(f.label_zh)}<br>`{f.name}` | {need} | {_cell(_kind(f, vocab))} | "
                f"{_cell(_words(names))} |"
            )
        lines.append("")
        ranges = vocab.date_ranges.get(table)
        if ranges:
            spelled = list(ranges)
            lines += [
                "起止日期写在同一格（`2025.01.15-2026.01.14`、`2025年3月1日至2026年2月28日`）时，"
                "表头 " + _words(spelled) + " 的一列同时给出起始日期和到期日期（没有单独的列时）；"
                "只有一个日期的格作起始日期，到期日期缺失并注明。",
                "",
            ]
    return lines


def _sheet_rows(path: Path) -> list[tuple[str, list[list[object]]]]:
    if path.suffix.lower() == ".csv":
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                with path.open(encoding=encoding, newline="") as handle:
                    return [(path.name, [list(r) for r in csv.reader(handle)])]
            except UnicodeDecodeError:
                continue
        return []
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        return [
            (sheet.title, [list(r) for r in sheet.iter_rows(values_only=True)])
            for sheet in book.worksheets
        ]
    finally:
        book.close()


def _grid(rows: Sequence[Sequence[object]]) -> list[str]:
    shown = [list(r)[:EXAMPLE_COLUMNS] for r in rows[:EXAMPLE_ROWS]]
    width = max((len(r) for r in shown), default=0)
    if not width:
        return ["（空表 / empty）", ""]
    letters = [chr(ord("A") + i) for i in range(width)]
    out = ["| 行 | " + " | ".join(letters) + " |", "|---" * (width + 1) + "|"]
    for number, row in enumerate(shown, start=1):
        cells = [
            "" if v is None else _cell(v if not hasattr(v, "date") else v.date())
            for v in row + [None] * (width - len(row))
        ]
        out.append(f"| {number} | " + " | ".join(c[:24] for c in cells) + " |")
    more_rows = max(len(rows) - EXAMPLE_ROWS, 0)
    more_cols = max(max((len(r) for r in rows), default=0) - EXAMPLE_COLUMNS, 0)
    if more_rows or more_cols:
        out.append("")
        out.append(f"（另有 {more_rows} 行、{more_cols} 列未显示）")
    return [*out, ""]


def layouts_section() -> list[str]:
    from tests.corpus.kinds import CASES

    lines = [
        "## 布局示例 / One example per layout",
        "",
        "以下每种布局都由 `tests/corpus/` 生成，并经 `tests/test_corpus_kinds.py` 验证："
        "每张表的结论、列映射、数据质量问题，以及与标准模板相同的测算结果。",
        "",
    ]
    with tempfile.TemporaryDirectory() as tmp:
        for case in CASES:
            folder = Path(tmp) / case.kind
            folder.mkdir()
            paths = case.write(folder)
            lines += [f"### {case.kind}", "", case.checks + "。", ""]
            verdicts = "；".join(f"「{s}」→ {_role(role)}" for s, (role, _) in case.sheets.items())
            lines += [f"识别结果 / verdicts：{verdicts}", ""]
            for path in paths:
                files = sorted(path.rglob("*")) if path.is_dir() else [path]
                for one in files:
                    if one.is_dir():
                        continue
                    for sheet, rows in _sheet_rows(one):
                        title = f"`{one.name}`" + ("" if one.suffix == ".csv" else f" · {sheet}")
                        lines += [f"{title}：", "", *_grid(rows)]
    return lines


def render() -> str:
    vocab = vocabulary()
    return HEAD + "\n".join([*fields_section(vocab), *layouts_section()]).rstrip() + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check docs/INPUT.md")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = DOC.read_text(encoding="utf-8") if DOC.exists() else ""
        if current != text:
            print("docs/INPUT.md is out of date: run python tools/make_input_doc.py")
            return 1
        return 0
    DOC.write_text(text, encoding="utf-8")
    print(f"wrote {DOC.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

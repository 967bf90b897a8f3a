"""One analyst's session, end to end, driven through the window as a user would.

A messy bank-style export of the sample (the builder of ``test_messy_equals_clean``: title
rows, merged two-row header, 万元, Y/N, 2024年3月1日 dates, a totals row, a note) with two
more quirks: 营业收入 is headed "指标A（万元）", which no detector can know, and 注册区 is
headed "所属区县名", a guess. 打开 shows the import dialog (the guess needs a look); in its
mapping table the analyst points 指标A at 营业收入 with the combo box and presses OK; the
window evaluates; in the 参数 dock a ratio is typed over; 导出结果 writes the workbook. The
written workbook is then read back with openpyxl and its figures compared — to the 分 — with
the engine's :class:`Evaluation` and with the window's totals pane (the 汇总 totals that are
live formulas after LibreOffice recalculates them, when it is installed); the 参数 sheet
carries the changed ratio. Only the file dialog and message boxes are patched.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import test_messy_equals_clean as messy
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QFileDialog, QLineEdit
from test_export_recalc import SOFFICE, _recalc

from desktop.core.evaluation import Evaluation
from desktop.core.fields import Table
from desktop.core.portfolio import Portfolio
from desktop.spreadsheet.reader import read_portfolio
from desktop.ui.import_dialog import FIELD_COLUMN, ImportDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.models import MEASURE_ROLE

AS_OF = dt.date(2025, 12, 31)
RATIO = "jjr-2022-190.16.ratio"  # 知识产权质押贷款贴息: 贴息比例, 40 % by default
UNKNOWN_HEADER = "指标A（万元）"  # 营业收入 under a name no detector knows


def _clean_sample() -> Portfolio:
    """The sample as the messy builder writes it (no guarantees, insurance, …)."""
    clean = read_portfolio(messy.SAMPLE)
    for table in (
        Table.GUARANTEES,
        Table.INSURANCE,
        Table.LOSSES,
        Table.PROJECTS,
        Table.INVESTMENTS,
    ):
        setattr(clean, table.value, clean.table(table).iloc[0:0])
    return clean


def _quirky_export(portfolio: Portfolio, path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The messy export, with 营业收入 renamed beyond recognition and 注册区 as 所属区县名."""
    header = messy._header

    def quirky(name: str, kind: Any, label: str) -> str:
        if name == "revenue":
            return UNKNOWN_HEADER
        if name == "district":
            return "所属区县名"
        return header(name, kind, label)

    monkeypatch.setattr(messy, "_header", quirky)
    messy.write_messy(portfolio, path)
    monkeypatch.setattr(messy, "_header", header)
    return path


@pytest.fixture
def window(qtbot, catalogue, errors, monkeypatch, tmp_path):
    monkeypatch.setenv("POLICYDESK_HOME", str(tmp_path / "home"))
    win = MainWindow(catalogue, as_of=AS_OF)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    if win.import_dialog is not None:
        win.import_dialog.reject()
    win.cancel_jobs()
    assert win.wait_for_jobs(30_000), "a job was left running"


def _choose_field(qtbot, dialog: ImportDialog, header: str, field: str) -> None:
    """In the 企业 mapping table: open the 字段 cell of ``header``, pick ``field``, Enter."""
    page = dialog.pages[Table.ENTERPRISES]
    dialog.mapping_tabs.setCurrentWidget(page)
    rows = [c.header for c in page.model.mapping.columns]
    assert header in rows, rows
    index = page.model.index(rows.index(header), FIELD_COLUMN)
    assert index.data(Qt.ItemDataRole.EditRole) is None, "the detector should not know it"
    page.view.scrollTo(index)
    page.view.setCurrentIndex(index)
    page.view.edit(index)
    qtbot.waitUntil(lambda: isinstance(page.view.indexWidget(index), QComboBox))
    combo = page.view.indexWidget(index)
    found = combo.findData(field)
    assert found >= 0, field
    combo.setCurrentIndex(found)
    with qtbot.waitSignal(page.model.field_edited, timeout=5_000) as edited:
        qtbot.keyClick(combo, Qt.Key.Key_Return)
    assert edited.args[1:] == [page.model.mapping.columns[rows.index(header)].letter, field]
    assert index.data(Qt.ItemDataRole.EditRole) == field


def _type_parameter(qtbot, window: MainWindow, key: str, text: str) -> None:
    """Double-click into the value cell in the 参数 dock, type, press Enter."""
    panel = window.params_panel
    index = panel.model.index_of(key)
    assert index.isValid(), key
    qtbot.waitUntil(panel.view.isVisible)
    panel.view.scrollTo(index)
    rect = panel.view.visualRect(index)
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: isinstance(panel.view.indexWidget(index), QLineEdit))
    editor = panel.view.indexWidget(index)
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def _export(qtbot, window: MainWindow, target: Path) -> Path:
    """文件 → 导出结果…: the target pasted into the dialog, "open the folder" unticked, 导出."""
    with qtbot.waitSignal(window.export_dialog_shown, timeout=10_000) as shown:
        window.actions_.export.trigger()
    dialog = shown.args[0]
    dialog.target_edit.setText(str(target))
    box = dialog.open_box
    if box.isChecked():
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert not box.isChecked()
    with qtbot.waitSignal(window.export_finished, timeout=120_000) as finished:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    return Path(finished.args[0])


def _totals_pane(window: MainWindow) -> dict[str, int]:
    """What the totals pane shows: measure → amount in 分 (from its text, as a reader sees it)."""
    model = window.totals_view.model()
    shown: dict[str, int] = {}
    for row in range(model.rowCount()):
        measure_id = model.index(row, 0).data(MEASURE_ROLE)
        text = model.index(row, 5).data(Qt.ItemDataRole.DisplayRole)
        if text in (None, "—"):
            continue
        number = re.sub(r"[^0-9.\-]", "", str(text))  # "1,234.50", maybe with a unit
        shown[measure_id] = int((Decimal(number) * 100).to_integral_value())
    return shown


def _summary_sheet(book: Any) -> dict[str, dict[str, Any]]:
    """汇总 → 按措施汇总: measure → its row, by header."""
    sheet = book["汇总"]
    rows = list(sheet.iter_rows(values_only=True))
    start = next(i for i, row in enumerate(rows) if row and row[0] == "措施编号")
    header = rows[start]
    out: dict[str, dict[str, Any]] = {}
    for row in rows[start + 1 :]:
        if not row or not row[0]:
            break
        out[str(row[0])] = dict(zip(header, row, strict=False))
    return out


def _result_rows(book: Any) -> dict[str, int]:
    """测算结果: per measure, the sum of the eligible rows' amounts, in 分."""
    sheet = book["测算结果"]
    rows = sheet.iter_rows(values_only=True)
    header = next(rows)
    measure, status, amount = (header.index(h) for h in ("措施编号", "状态", "金额（元）"))
    sums: dict[str, int] = {}
    for row in rows:
        if row[status] == "符合" and row[amount] is not None:
            fen = int((Decimal(str(row[amount])) * 100).to_integral_value())
            sums[row[measure]] = sums.get(row[measure], 0) + fen
    return sums


def _fen(yuan: Any) -> int:
    return int((Decimal(str(yuan or 0)) * 100).to_integral_value())


def test_messy_workbook_to_exported_figures(
    qtbot, window, catalogue, monkeypatch, tmp_path
) -> None:
    clean = _clean_sample()
    path = _quirky_export(clean, tmp_path / "bank_export.xlsx", monkeypatch)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), ""))
    )

    # 打开 → the import dialog (所属区县名 is only a guess), nothing evaluated yet.
    with qtbot.waitSignal(window.import_dialog_shown, timeout=30_000) as shown:
        window.actions_.open.trigger()
    dialog: ImportDialog = shown.args[0]
    assert dialog.isVisible() and window.current_evaluation is None

    # The analyst maps 指标A（万元） to 营业收入 in the mapping table, then OK.
    _choose_field(qtbot, dialog, UNKNOWN_HEADER, "revenue")
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.isEnabled()
    with qtbot.waitSignal(window.evaluation_changed, timeout=60_000):
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.import_dialog is None)
    portfolio = window.current_portfolio
    assert portfolio is not None and len(portfolio.enterprises) == len(clean.enterprises)
    revenue = portfolio.enterprises.set_index("uscc")["revenue"]
    expected = clean.enterprises.set_index("uscc")["revenue"]
    assert revenue.notna().sum() == expected.notna().sum() > 0
    assert (revenue.reindex(expected.index).dropna() == expected.dropna()).all()  # 万元 × 10,000

    # 参数 dock (toolbar button) → 贴息比例 typed over: 30 %.
    before = window.current_evaluation
    assert before is not None
    window.params_action.trigger()
    with qtbot.waitSignal(window.evaluation_changed, timeout=60_000):
        _type_parameter(qtbot, window, RATIO, "30")
    evaluation: Evaluation = window.current_evaluation
    assert evaluation is not before and window.overrides == {RATIO: "0.3"}
    assert evaluation.parameters[RATIO].value == Decimal("0.3")
    assert evaluation.parameters[RATIO].overridden

    # 导出结果 through the dialog.
    written = _export(qtbot, window, tmp_path / "session_results.xlsx")
    assert written.is_file()

    # The workbook, the engine and the totals pane agree to the 分.
    engine = {m: t["amount_fen"] for m, t in evaluation.totals().items()}
    ip_total = engine["jjr-2022-190.16"]
    assert ip_total > 0, "the changed ratio must matter for the comparison to mean anything"
    pane = _totals_pane(window)
    assert pane == {m: fen for m, fen in engine.items() if m in pane}
    assert "jjr-2022-190.16" in pane and len(pane) >= len(engine) // 2
    book = openpyxl.load_workbook(written)
    summary = _summary_sheet(book)
    assert set(summary) == set(engine)
    live = {m for m, row in summary.items() if str(row["金额合计（元）"]).startswith("=")}
    assert "jjr-2022-190.16" in live, "the changed ratio's total is a live formula"
    if SOFFICE is not None:  # Calc recalculates the live formulas: the same figures
        recalculated = _recalc(written, tmp_path / "recalc", tmp_path / "lo-profile")
        computed = _summary_sheet(openpyxl.load_workbook(recalculated, data_only=True))
    for measure_id, fen in engine.items():
        row = summary[measure_id]
        counts = evaluation.totals()[measure_id]
        assert (row["符合"], row["不符合"], row["待补数据"]) == (
            counts["eligible"],
            counts["ineligible"],
            counts["unknown"],
        ), measure_id
        if measure_id not in live:
            assert _fen(row["金额合计（元）"]) == fen, measure_id
        elif SOFFICE is not None:
            assert _fen(computed[measure_id]["金额合计（元）"]) == fen, measure_id
        else:
            assert f'"{measure_id}"' in str(row["金额合计（元）"]), measure_id
    rows = _result_rows(book)
    assert {m: f for m, f in engine.items() if f} == {m: f for m, f in rows.items() if f}
    from desktop.ui.table_data import amounts_text, build_enterprise_table

    table = build_enterprise_table(evaluation)
    assert sum(f for _, f in table.by_recipient) == sum(engine.values())
    assert amounts_text(table) in window.summary_label.text()

    # 参数 sheet: the ratio as changed, marked as the user's.
    sheet = book["参数"]
    params = list(sheet.iter_rows(values_only=True))
    header = params[0]
    row = next(dict(zip(header, r, strict=False)) for r in params[1:] if r[0] == RATIO)
    assert Decimal(str(row["数值"])) == Decimal("0.3")
    assert "30%" in str(row["取值"])
    assert row["用户修改"], row

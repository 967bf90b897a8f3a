"""Table models: Qt's model contract, pre-formatted cells, sorting, search, never raising."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt

import pytest
from PySide6.QtCore import QModelIndex, Qt

from desktop.core.catalogue import default_catalogue
from desktop.core.engine import evaluate_portfolio
from desktop.core.evaluation import Evaluation
from desktop.core.outcomes import ELIGIBLE
from desktop.ui import i18n
from desktop.ui.demo import BIO, QUANTUM, STAR, demo_portfolio
from desktop.ui.models import (
    MEASURE_ROLE,
    N_IDENTITY,
    STATUS_BACKGROUND,
    STATUS_ROLE,
    EnterpriseFilterProxy,
    EnterpriseTableModel,
    TotalsModel,
)
from desktop.ui.table_data import build_enterprise_table

IP = "jjr-2022-190.16"
IPO = "jjr-2022-190.28.ipo"
AS_OF = dt.date(2025, 6, 30)


@pytest.fixture(scope="module")
def evaluation() -> Evaluation:
    return evaluate_portfolio(demo_portfolio(), default_catalogue(), as_of=AS_OF)


@pytest.fixture
def model(qapp, evaluation: Evaluation) -> EnterpriseTableModel:
    model = EnterpriseTableModel()
    model.set_table(build_enterprise_table(evaluation, "zh"))
    return model


def _cell(model: EnterpriseTableModel, uscc: str, measure_id: str, role=Qt.DisplayRole):
    row = model.row_of(uscc)
    column = model.column_of(measure_id)
    assert row is not None and column is not None
    return model.data(model.index(row, column), role)


def test_enterprise_model_passes_qtmodeltester(qtmodeltester, model) -> None:
    qtmodeltester.check(model)


def test_empty_model_passes_qtmodeltester(qtmodeltester, qapp) -> None:
    qtmodeltester.check(EnterpriseTableModel())
    qtmodeltester.check(TotalsModel())


def test_totals_and_proxy_pass_qtmodeltester(qtmodeltester, evaluation, model) -> None:
    totals = TotalsModel()
    totals.set_table(build_enterprise_table(evaluation))
    qtmodeltester.check(totals)
    proxy = EnterpriseFilterProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)


def test_shape_and_headers(model, evaluation) -> None:
    assert model.rowCount() == len(evaluation)
    assert model.columnCount() == N_IDENTITY + len(evaluation.measure_ids)
    headers = [model.headerData(c, Qt.Horizontal) for c in range(model.columnCount())]
    assert headers[:3] == ["统一社会信用代码", "企业名称", "注册区"]
    assert headers[model.column_of(IP)].startswith(
        "知识产权质押贷款贴息\n京金融〔2022〕190号 第16条"
    )
    assert model.headerData(model.column_of(IP), Qt.Horizontal, MEASURE_ROLE) == IP


def test_status_cells_show_text_amount_and_colour(model) -> None:
    assert _cell(model, STAR, IP) == "符合 · 220,000.00"
    assert _cell(model, STAR, IP, STATUS_ROLE) == ELIGIBLE
    assert _cell(model, STAR, IP, Qt.BackgroundRole) == STATUS_BACKGROUND[ELIGIBLE]
    assert _cell(model, QUANTUM, IP) == "待补数据"
    # 第28条 gives only a ceiling (最高300万元): the figure says it is an estimate at it
    assert _cell(model, BIO, IPO) == "符合 · 3,000,000.00 · 按上限估算【假设】"
    assert _cell(model, BIO, IP) == "不符合"


def test_data_never_raises_on_bad_indexes(model) -> None:
    assert model.data(QModelIndex()) is None
    assert model.data(model.createIndex(999, 0)) is None
    assert model.data(model.createIndex(0, 999)) is None
    assert model.data(model.createIndex(-1, -1)) is None
    assert model.data(model.index(0, 0), 12345) is None
    assert model.headerData(999, Qt.Horizontal) is None
    assert model.headerData(-5, Qt.Vertical) is None


def test_proxy_sorts_eligible_by_amount_first(model) -> None:
    proxy = EnterpriseFilterProxy()
    proxy.setSourceModel(model)
    column = model.column_of(IP)
    proxy.sort(column, Qt.DescendingOrder)
    texts = [proxy.index(r, column).data() for r in range(proxy.rowCount())]
    assert texts[:2] == ["符合 · 220,000.00", "待补数据"]
    assert set(texts[2:]) == {"不符合"}


def test_proxy_search_matches_name_or_credit_code(model) -> None:
    proxy = EnterpriseFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_search("量子")
    assert proxy.rowCount() == 1
    assert proxy.index(0, 0).data() == QUANTUM
    proxy.set_search("ma01dddd")  # case-insensitive, part of the code
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == [BIO]
    proxy.set_search("")
    assert proxy.rowCount() == model.rowCount()


def test_totals_count_and_sum_per_measure(evaluation) -> None:
    totals = TotalsModel()
    totals.set_table(build_enterprise_table(evaluation))
    rows = {totals.measure_id(r): r for r in range(totals.rowCount())}
    ip = rows[IP]
    values = [totals.index(ip, c).data() for c in range(totals.columnCount())]
    assert values == ["知识产权质押贷款贴息", "京金融〔2022〕190号 第16条", 1, 1, 3, "220,000.00"]


def test_english_table(evaluation, qapp) -> None:
    i18n.set_language("en")
    try:
        model = EnterpriseTableModel()
        model.set_table(build_enterprise_table(evaluation, "en"))
        assert _cell(model, STAR, IP) == "Eligible · 220,000.00"
        assert model.headerData(1, Qt.Horizontal) == "Enterprise"
        assert model.headerData(model.column_of(IP), Qt.Horizontal).startswith(
            "IP-pledge loan interest subsidy"
        )
    finally:
        i18n.set_language("zh")


def test_model_sorts_by_precomputed_keys_and_moves_persistent_indexes(qtmodeltester, model):
    from PySide6.QtCore import QPersistentModelIndex

    column = model.column_of(IP)
    kept = QPersistentModelIndex(model.index(model.row_of(QUANTUM), column))
    model.sort(column, Qt.DescendingOrder)
    assert model.index(0, column).data() == "符合 · 220,000.00"
    assert model.index(1, column).data() == "待补数据"
    assert kept.row() == model.row_of(QUANTUM) == 1
    assert kept.data() == "待补数据"
    assert model.position(1) == 1  # QUANTUM is the file's second enterprise
    assert model.headerData(1, Qt.Vertical) == "2"  # row numbers stay those of the file
    qtmodeltester.check(model)
    model.sort(1, Qt.AscendingOrder)
    names = [model.index(r, 1).data() for r in range(model.rowCount())]
    assert names == sorted(names)
    model.sort(-1)
    assert [model.position(r) for r in range(model.rowCount())] == list(range(model.rowCount()))


def test_the_matrix_opens_on_the_measures_of_the_datas_own_region() -> None:
    """A Beijing file shows Beijing measures first, most eligible enterprises first; the
    other regions' measures follow (the totals list in the same order)."""
    from tests.builders import enterprise, loan, portfolio

    codes = ("91110108MA01AAAA1X", "91110108MA01BBBB2Y")
    data = portfolio([enterprise(c) for c in codes], [loan("L1", codes[0])])
    catalogue = default_catalogue()
    ev = evaluate_portfolio(data, catalogue, as_of=dt.date(2025, 12, 31))
    table = build_enterprise_table(ev)
    regions = [catalogue.measure(m.measure_id).document.region for m in table.measures]
    beijing = [r == "北京市" for r in regions]
    assert beijing[0] and beijing.index(False) == sum(beijing)  # Beijing first, all together
    eligible = [t.eligible for t, own in zip(table.totals, beijing, strict=True) if own]
    assert eligible == sorted(eligible, reverse=True) and eligible[0] > 0
    assert [t.measure_id for t in table.totals] == [m.measure_id for m in table.measures]


def test_the_reason_given_for_not_eligible_is_never_a_passed_condition() -> None:
    """Every measure an enterprise does not qualify for is listed with a reason that is not a
    ✓ line (a passing condition would contradict 不符合)."""
    from desktop.paths import sample_portfolio
    from desktop.spreadsheet.reader import read_workbook
    from desktop.ui.detail import why_not

    data = read_workbook(sample_portfolio()).portfolio
    ev = evaluate_portfolio(data, default_catalogue(), as_of=dt.date(2025, 12, 31))
    checked = 0
    for measure_id, outcome in ev.outcomes.items():
        statuses = outcome.enterprise["status"].tolist()
        for ent in [i for i, s in enumerate(statuses) if s == "ineligible"][:5]:
            line = why_not(ev.explain(ent, measure_id, "zh").reasons)
            assert line and not line.startswith(("✓", "?")), (measure_id, ent, line)
            checked += 1
    assert checked > 100
    assert why_not(["✓ 企业位于北京市", "无首贷记录"]) == "无首贷记录"


def test_the_parameters_open_on_the_datas_own_documents() -> None:
    from desktop.ui.param_data import parameter_groups
    from tests.builders import enterprise, loan, portfolio

    data = portfolio([enterprise("91110108MA01AAAA1X")], [loan("L1", "91110108MA01AAAA1X")])
    catalogue = default_catalogue()
    ev = evaluate_portfolio(data, catalogue, as_of=dt.date(2025, 12, 31))
    groups = parameter_groups(ev)
    regions = [catalogue.files[g.document_id].document.region for g in groups]
    assert regions[0] == "北京市" and "上海市" in regions
    assert regions.index("上海市") > max(i for i, r in enumerate(regions) if r == "北京市")

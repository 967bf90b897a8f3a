"""Portfolio statistics by the definitions in the sources, compared with Beijing's figures.

Definitions (footnotes of the 2027 targets in the drafting notes of Beijing's 2025–2027 plan,
:data:`SOURCE_PLAN_NOTES`; text in ``policies/sources/beijing-plan-2025-2027-notes.txt``):

* **科技型企业贷款** — loans to enterprises in any of six categories (高新技术企业、科技型中小企业、
  专精特新中小企业、专精特新“小巨人”企业、国家技术创新示范企业、制造业单项冠军企业). A loan to
  an enterprise in several categories counts once (the categories are de-duplicated): this is
  exactly the derived flag ``is_kechuang`` of ``policies/reference/derived.yaml`` (any of the
  six qualification flags), so the statistics follow that definition if a user edits it.
* **科技贷款** — 科技型企业贷款 plus 科技相关产业贷款 (高技术制造业、高技术服务业、战略性新兴产业、
  知识产权（专利）密集型产业贷款), summed and de-duplicated. 科技贷款 ⊇ 科技型企业贷款. The
  portfolio has no field that classifies an enterprise's industry by those four catalogues
  (the free-text 所属行业 is not a classification), so only the 科技型企业贷款 part is
  determinable: it is reported as a **lower bound** of 科技贷款 and the industry part as not
  determinable, never as zero.

Balances: the loans sheet has no outstanding-balance column, so a loan's 贷款金额 counts in the
balance on the as-of date when 放款日期 ≤ as-of < 到期日期 (assumption: no amortisation before
maturity). A loan with a blank date or an enterprise whose categories are blank is *undecided*
and reported separately. Medium/long-term: contractual term longer than one year (到期日期 later
than 放款日期 plus one calendar year). Credit loans: 担保方式 = 信用.

专精特新 (for the comparison with the 北京金融监管局 report, :data:`SOURCE_SRDI_REPORT`):
专精特新中小企业 or 专精特新“小巨人”企业 (assumption: the report counts “经认定的专精特新企业”
and the 小巨人 are recognised 专精特新 firms).

NPL tolerance (京金融〔2022〕190号 第15条): a bank's small/micro sci-tech NPL ratio may exceed its
overall NPL ratio by no more than 3 percentage points; ``sme_tech_npl_ratio ≤ npl_ratio + 0.03``
is within tolerance, three-valued when a ratio is blank. It is the catalogue measure
``jjr-2022-190.15`` (``subject: institution``), which the engine decides; the statistics take
its statuses.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np
import pandas as pd

from desktop.core.catalogue import Catalogue
from desktop.core.engine import add_derived, evaluate_institutions
from desktop.core.fields import Table
from desktop.core.portfolio import Portfolio

#: The documents the benchmarks are quoted from, as every output cites them (title, issuer,
#: date) ...
SOURCE_PLAN_NOTES = (
    "《北京市关于加快构建科技金融体制 有力支撑高水平科技自立自强的实施方案（2025-2027年）》"
    "起草说明（北京市科委、中关村管委会等，2025年）"
)
SOURCE_SRDI_REPORT = (
    "北京金融监管局《北京金融监管局以“四新”工程引领金融活水精准滴灌专精特新企业,"
    "助力因地制宜发展新质生产力》（2025年三季度数据）"
)
#: ... and the vendored texts that hold their words (checked by the tests, never printed).
SOURCE_FILES = {
    SOURCE_PLAN_NOTES: "policies/sources/beijing-plan-2025-2027-notes.txt",
    SOURCE_SRDI_REPORT: "policies/sources/jrjgj-zjtx-2025q3.txt",
}
SOURCE_190 = "policies/jjr-2022-190.yaml"

TEN_THOUSAND = Decimal(10_000)
HUNDRED_MILLION = Decimal(100_000_000)
TRILLION = Decimal(1_000_000_000_000)
UNIT_FACTORS = {  # yuan per unit
    "万亿元": TRILLION,
    "亿元": HUNDRED_MILLION,
    "万元": TEN_THOUSAND,
    "元": Decimal(1),
}


@dataclass(frozen=True)
class Benchmark:
    """A figure quoted from a source, with the document and the verbatim words it comes from."""

    key: str
    label: str
    value: Decimal
    unit: str  # 万亿元 | 亿元 | 万元 | % | 家 | 基点
    as_of: str  # the date or period the figure refers to, as the source says
    source: str  # the document, as outputs cite it (SOURCE_PLAN_NOTES, SOURCE_SRDI_REPORT)
    quote: str  # verbatim (whitespace aside) from the document's text (SOURCE_FILES)

    @property
    def source_file(self) -> str:
        """The vendored text under policies/sources/ that holds ``quote``."""
        return SOURCE_FILES[self.source]


BENCHMARKS: dict[str, Benchmark] = {
    b.key: b
    for b in (
        Benchmark(
            "tech_loans_2025q1",
            "北京科技贷款余额",
            Decimal("4.2"),
            "万亿元",
            "截至2025年1季度",
            SOURCE_PLAN_NOTES,
            "截至2025年1季度北京科技贷款余额为4.2万亿元。",
        ),
        Benchmark(
            "tech_enterprise_loans_2025q1",
            "北京科技型企业贷款余额",
            Decimal("1.9"),
            "万亿元",
            "截至2025年1季度",
            SOURCE_PLAN_NOTES,
            "截至2025年1季度北京科技型企业贷款余额为1.9万亿元。",
        ),
        Benchmark(
            "tech_loans_2027",
            "2027年底目标：科技贷款余额",
            Decimal("5.5"),
            "万亿元",
            "到2027年底",
            SOURCE_PLAN_NOTES,
            "余额分别突破5.5万亿元和2.5万亿元",
        ),
        Benchmark(
            "tech_enterprise_loans_2027",
            "2027年底目标：科技型企业贷款余额",
            Decimal("2.5"),
            "万亿元",
            "到2027年底",
            SOURCE_PLAN_NOTES,
            "余额分别突破5.5万亿元和2.5万亿元",
        ),
        Benchmark(
            "srdi_firms",
            "北京经认定的专精特新企业",
            Decimal("10482"),
            "家",
            "截至2025年三季度末",
            SOURCE_SRDI_REPORT,
            "截至2025年三季度末,北京市经认定的专精特新企业达10482家。",
        ),
        Benchmark(
            "srdi_balance",
            "北京专精特新企业贷款余额",
            Decimal("2620.65"),
            "亿元",
            "截至2025年三季度末",
            SOURCE_SRDI_REPORT,
            "截至2025年三季度末,北京市专精特新企业贷款余额已达2620.65亿元",
        ),
        Benchmark(
            "srdi_average",
            "北京专精特新企业户均贷款余额",
            Decimal("4136.13"),
            "万元",
            "截至2025年三季度末",
            SOURCE_SRDI_REPORT,
            "户均贷款余额达到4136.13万元",
        ),
        Benchmark(
            "srdi_credit_share",
            "北京专精特新企业贷款中信用贷款占比",
            Decimal("58.7"),
            "%",
            "截至2025年三季度末",
            SOURCE_SRDI_REPORT,
            "辖内专精特新企业贷款中信用贷款占比达到58.7%",
        ),
        Benchmark(
            "srdi_rate_gap",
            "专精特新企业本年累放贷款利率低于全市小微企业贷款平均利率",
            Decimal("78"),
            "基点",
            "2025年前三季度",
            SOURCE_SRDI_REPORT,
            "低于同期全市小微企业贷款平均利率78个基点",
        ),
        Benchmark(
            "srdi_rate_change",
            "专精特新企业本年累放贷款年化利率较上年全年下降",
            Decimal("44"),
            "基点",
            "2025年前三季度",
            SOURCE_SRDI_REPORT,
            "辖内专精特新企业本年累放贷款年化利率较上年全年下降44个基点",
        ),
    )
}

NPL_TOLERANCE = Decimal("0.03")  # the default of NPL_MEASURE's ``tolerance`` parameter
NPL_MEASURE = "jjr-2022-190.15"  # the catalogue measure of 第15条 (subject: institution)
NPL_QUOTE = "小微型科创企业不良贷款容忍度可较各项贷款不良率提高不超过 3 个百分点"


def _fen(values: pd.Series) -> np.ndarray:
    return np.round(values.to_numpy(dtype=np.float64, na_value=0.0) * 100).astype(np.int64)


def _share(part: int, whole: int) -> Decimal | None:
    return None if whole == 0 else Decimal(part) / Decimal(whole)


@dataclass(frozen=True)
class LoanFigures:
    """Balances of one category of loans outstanding on the as-of date (integer 分)."""

    label: str
    loans: int
    enterprises: int
    balance_fen: int
    credit_fen: int
    collateral_known_fen: int  # balance of loans whose 担保方式 is given
    long_term_fen: int  # term > 1 year
    undecided_loans: int  # outstanding or category undecided (blank dates / flags)
    undecided_fen: int

    @property
    def credit_share(self) -> Decimal | None:
        """Credit loans over the balance whose collateral is known."""
        return _share(self.credit_fen, self.collateral_known_fen)

    @property
    def long_term_share(self) -> Decimal | None:
        return _share(self.long_term_fen, self.balance_fen)

    @property
    def average_fen(self) -> Decimal | None:
        """Balance per enterprise with an outstanding loan (分, not rounded)."""
        return None if not self.enterprises else Decimal(self.balance_fen) / self.enterprises


@dataclass(frozen=True)
class ComparisonRow:
    label: str
    value: Decimal | None  # the portfolio's figure in the benchmark's unit; None: undetermined
    benchmark: Benchmark
    note: str = ""

    @property
    def ratio(self) -> Decimal | None:
        """Portfolio ÷ benchmark (a share of the city's figure, or of the target)."""
        if self.value is None or not self.benchmark.value:
            return None
        return self.value / self.benchmark.value


@dataclass(frozen=True)
class NplCheck:
    institution: str
    npl_ratio: Decimal | None
    sme_tech_npl_ratio: Decimal | None
    limit: Decimal | None  # npl_ratio + 3 percentage points
    margin: Decimal | None  # limit − sme_tech_npl_ratio (negative: over the tolerance)
    within: bool | None  # None: a ratio is blank


@dataclass
class PortfolioStatistics:
    as_of: dt.date
    tech_enterprise: LoanFigures  # 科技型企业贷款
    tech_loans_lower_bound: LoanFigures  # 科技贷款 ⊇ this; industry part not determinable
    srdi: LoanFigures  # 专精特新
    all_loans: LoanFigures
    srdi_enterprises: int  # 专精特新 enterprises in the portfolio
    srdi_rate_gap_bp: (
        Decimal | None
    )  # small/micro average rate − 专精特新 average (drawn that year)
    comparisons: list[ComparisonRow] = field(default_factory=list)
    npl: list[NplCheck] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _figures(
    label: str, loans: pd.DataFrame, member: pd.Series, outstanding: pd.Series
) -> LoanFigures:
    """``member`` and ``outstanding`` are nullable booleans per loan."""
    amount = _fen(loans["amount"])
    both = (member & outstanding).astype("boolean")
    yes = both.fillna(False).to_numpy(dtype=bool)
    undecided = both.isna().to_numpy()
    collateral = loans["collateral"]
    credit = (collateral == "信用").fillna(False).to_numpy(dtype=bool)
    known = collateral.notna().to_numpy()
    one_year_on = loans["start_date"] + pd.DateOffset(years=1)
    long_term = (loans["end_date"] > one_year_on).fillna(False).to_numpy(dtype=bool)
    return LoanFigures(
        label=label,
        loans=int(yes.sum()),
        enterprises=int(loans["uscc"][yes].nunique()),
        balance_fen=int(amount[yes].sum()),
        credit_fen=int(amount[yes & credit].sum()),
        collateral_known_fen=int(amount[yes & known].sum()),
        long_term_fen=int(amount[yes & long_term].sum()),
        undecided_loans=int(undecided.sum()),
        undecided_fen=int(amount[undecided].sum()),
    )


def _in_unit(fen: int | Decimal, unit: str) -> Decimal:
    return Decimal(fen) / 100 / UNIT_FACTORS[unit]


def _dec(value: object) -> Decimal | None:
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return None
    return Decimal(repr(float(value)))  # type: ignore[arg-type]


def npl_tolerance(
    portfolio: Portfolio,
    tolerance: Decimal = NPL_TOLERANCE,
    *,
    catalogue: Catalogue | None = None,
    as_of: dt.date | None = None,
) -> list[NplCheck]:
    """The 第15条 check for every bank (or institution with an NPL ratio given, or whose type
    is blank).

    With ``catalogue`` (and ``as_of``) it is the catalogue's measure ``NPL_MEASURE`` as the
    engine decides it: the institutions it looks at, its ``tolerance`` parameter in force on
    ``as_of`` and its statuses (``within`` is None for 待补数据). Without, the same rule is
    computed here with ``tolerance``; ``tests/test_statistics.py`` checks both agree.
    """
    if catalogue is not None and NPL_MEASURE in catalogue.measures:
        return _npl_from_engine(portfolio, catalogue, as_of or dt.date.today())
    out: list[NplCheck] = []
    inst = portfolio.institutions
    for _, row in inst.iterrows():
        npl = _dec(row["npl_ratio"])
        sme = _dec(row["sme_tech_npl_ratio"])
        kind = row["institution_type"]
        known_kind = isinstance(kind, str)
        if known_kind and kind != "银行" and npl is None and sme is None:
            continue
        limit = None if npl is None else npl + tolerance
        margin = None if limit is None or sme is None else limit - sme
        out.append(
            NplCheck(
                institution=str(row["institution"]),
                npl_ratio=npl,
                sme_tech_npl_ratio=sme,
                limit=limit,
                margin=margin,
                within=None if margin is None else margin >= 0,
            )
        )
    return out


def _npl_from_engine(portfolio: Portfolio, catalogue: Catalogue, as_of: dt.date) -> list[NplCheck]:
    inst = evaluate_institutions(portfolio, catalogue, as_of=as_of, measure_ids=[NPL_MEASURE])[
        NPL_MEASURE
    ]
    param = inst.outcome.params.get(f"{NPL_MEASURE}.tolerance")
    tolerance = param.value if param is not None and isinstance(param.value, Decimal) else None
    statuses = inst.outcome.enterprise["status"].astype(str).tolist()
    out: list[NplCheck] = []
    frame = inst.institutions
    for pos, status in enumerate(statuses):
        npl = _dec(frame["npl_ratio"].iloc[pos])
        sme = _dec(frame["sme_tech_npl_ratio"].iloc[pos])
        limit = None if npl is None or tolerance is None else npl + tolerance
        out.append(
            NplCheck(
                institution=str(frame["institution"].iloc[pos]),
                npl_ratio=npl,
                sme_tech_npl_ratio=sme,
                limit=limit,
                margin=None if limit is None or sme is None else limit - sme,
                within={"eligible": True, "ineligible": False}.get(status),
            )
        )
    return out


def _weighted_rate(loans: pd.DataFrame, mask: np.ndarray) -> Decimal | None:
    rate = loans["rate"].to_numpy(dtype=np.float64, na_value=np.nan)
    amount = loans["amount"].to_numpy(dtype=np.float64, na_value=np.nan)
    ok = mask & ~np.isnan(rate) & ~np.isnan(amount)
    if not ok.any() or amount[ok].sum() == 0:
        return None
    fen = np.round(amount[ok] * 100).astype(np.int64)
    num = sum(Decimal(int(f)) * Decimal(repr(float(r))) for f, r in zip(fen, rate[ok], strict=True))
    return num / Decimal(int(fen.sum()))


def portfolio_statistics(
    portfolio: Portfolio, catalogue: Catalogue, as_of: dt.date
) -> PortfolioStatistics:
    """科技型企业贷款 / 科技贷款 balances, shares, averages, comparisons and the NPL check."""
    enterprises = add_derived(portfolio.enterprises, catalogue, Table.ENTERPRISES, as_of)
    loans = portfolio.loans.reset_index(drop=True)
    codes = pd.Index(enterprises["uscc"].astype(str))
    first = pd.Series(np.arange(len(codes)), index=codes)[~codes.duplicated()]
    pos = first.reindex(loans["uscc"].astype(str).to_numpy()).to_numpy()
    found = ~np.isnan(pos.astype(float))
    take = np.where(found, pos, 0).astype(np.int64)

    def per_loan(column: str) -> pd.Series:
        flags = enterprises[column].astype("boolean")
        series = pd.Series(flags.array.take(take) if len(codes) else [], dtype="boolean")
        series.index = loans.index
        series[~found] = False  # loans of enterprises not in the sheet: not counted
        return series

    when = pd.Timestamp(as_of)
    drawn = loans["start_date"] <= when
    running = loans["end_date"] > when
    outstanding = pd.Series(
        pd.array(drawn.to_numpy(), dtype="boolean"), index=loans.index
    ) & pd.Series(pd.array(running.to_numpy(), dtype="boolean"), index=loans.index)
    outstanding[loans["start_date"].isna().to_numpy()] = pd.NA
    outstanding[loans["end_date"].isna().to_numpy() & drawn.fillna(True).to_numpy()] = pd.NA
    outstanding[(loans["start_date"] > when).to_numpy()] = False

    kechuang = per_loan("is_kechuang")
    srdi_flag = enterprises["q_srdi_sme"].astype("boolean") | enterprises["q_little_giant"].astype(
        "boolean"
    )
    enterprises = enterprises.assign(_srdi=srdi_flag)
    srdi = per_loan("_srdi")
    everyone = pd.Series(pd.array(found, dtype="boolean"), index=loans.index)

    tech = _figures("科技型企业贷款", loans, kechuang, outstanding)
    tech_lower = _figures("科技贷款（可判定部分，下限）", loans, kechuang, outstanding)
    srdi_fig = _figures("专精特新企业贷款", loans, srdi, outstanding)
    all_fig = _figures("全部贷款", loans, everyone, outstanding)

    # Rate gap for loans drawn in the as-of year: small/micro average − 专精特新 average.
    drawn_year = (loans["start_date"].dt.year == as_of.year).fillna(False).to_numpy(dtype=bool)
    drawn_year = drawn_year & drawn.fillna(False).to_numpy(dtype=bool)
    size = enterprises["sme_size"].astype(object).to_numpy()[take]
    small = np.isin(size, ["小型", "微型"]) & found
    srdi_rate = _weighted_rate(loans, drawn_year & srdi.fillna(False).to_numpy(dtype=bool))
    small_rate = _weighted_rate(loans, drawn_year & small)
    gap = None if srdi_rate is None or small_rate is None else (small_rate - srdi_rate) * 10_000

    b = BENCHMARKS
    rows = [
        ComparisonRow(
            "科技型企业贷款余额",
            _in_unit(tech.balance_fen, "万亿元"),
            b["tech_enterprise_loans_2025q1"],
            "本组合余额占北京2025年1季度余额的比例",
        ),
        ComparisonRow(
            "科技型企业贷款余额",
            _in_unit(tech.balance_fen, "万亿元"),
            b["tech_enterprise_loans_2027"],
            "本组合余额占2027年目标的比例",
        ),
        ComparisonRow(
            "科技贷款余额（下限）",
            _in_unit(tech_lower.balance_fen, "万亿元"),
            b["tech_loans_2025q1"],
            "仅含科技型企业贷款；科技相关产业贷款无法从表格判定",
        ),
        ComparisonRow(
            "科技贷款余额（下限）",
            _in_unit(tech_lower.balance_fen, "万亿元"),
            b["tech_loans_2027"],
            "仅含科技型企业贷款；科技相关产业贷款无法从表格判定",
        ),
        ComparisonRow(
            "专精特新企业（户）",
            Decimal(int(srdi_flag.fillna(False).sum())),
            b["srdi_firms"],
            "本组合中的专精特新中小企业或“小巨人”企业",
        ),
        ComparisonRow(
            "专精特新企业贷款余额",
            _in_unit(srdi_fig.balance_fen, "亿元"),
            b["srdi_balance"],
        ),
        ComparisonRow(
            "专精特新企业户均贷款余额",
            None if srdi_fig.average_fen is None else _in_unit(srdi_fig.average_fen, "万元"),
            b["srdi_average"],
            "余额 ÷ 有在贷余额的专精特新企业户数",
        ),
        ComparisonRow(
            "专精特新企业贷款中信用贷款占比",
            None if srdi_fig.credit_share is None else srdi_fig.credit_share * 100,
            b["srdi_credit_share"],
            "分母为担保方式已填写的余额",
        ),
        ComparisonRow(
            "专精特新企业当年发放贷款利率低于小型微型企业平均",
            gap,
            b["srdi_rate_gap"],
            f"{as_of.year}年发放贷款的金额加权平均利率之差；小型微型按企业规模判定",
        ),
    ]
    notes = [
        "余额：表格无贷款余额列，以贷款金额计入放款日≤基准日<到期日的贷款（假设到期前不摊还）。",
        "科技贷款 = 科技型企业贷款 ∪ 科技相关产业贷款（去重）；后者无法从表格判定，故仅给出下限。",
        "专精特新 = 专精特新中小企业或“小巨人”企业"
        "（假设，对应北京金融监管局报道中的“经认定的专精特新企业”）。",
    ]
    return PortfolioStatistics(
        as_of=as_of,
        tech_enterprise=tech,
        tech_loans_lower_bound=tech_lower,
        srdi=srdi_fig,
        all_loans=all_fig,
        srdi_enterprises=int(srdi_flag.fillna(False).sum()),
        srdi_rate_gap_bp=gap,
        comparisons=rows,
        npl=npl_tolerance(portfolio, catalogue=catalogue, as_of=as_of),
        notes=notes,
    )


__all__ = [
    "BENCHMARKS",
    "NPL_MEASURE",
    "NPL_QUOTE",
    "NPL_TOLERANCE",
    "Benchmark",
    "ComparisonRow",
    "LoanFigures",
    "NplCheck",
    "PortfolioStatistics",
    "npl_tolerance",
    "portfolio_statistics",
]

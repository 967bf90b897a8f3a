"""Portfolio totals split so that no line adds what a budget office keeps apart.

Every enterprise measure's eligible amount (``Evaluation.totals()``) is one *measure line*
with three keys:

- **region** — the region of the measure's document (``Document.region``: 北京市, 上海市,
  江西省吉安市新干县 …): different regions' budgets;
- **beneficiary** — who receives the money (``Measure.beneficiary``: enterprise, bank,
  guarantor, insurer, ip_agency, intermediary …), and the *recipient class* it belongs to:
  support to enterprises, support to intermediaries (incubators, platforms), compensation to
  financial institutions;
- **funding level** — 市级 / 区级 / unspecified (:func:`desktop.core.funding.funding_level`).

:func:`split_totals` groups the lines by region × beneficiary × funding level (the table,
whose lines each add measures of one region, one beneficiary and one level only) and by
each key alone. A group by one key adds lines that differ in the other two, so each group
names what it adds (``regions``, ``beneficiaries``, ``funding_levels``): the reader sees it
instead of a bare number. Amounts stay integer 分; every split sums to the measure amounts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import get_args

from desktop.core.evaluation import Evaluation
from desktop.core.funding import FUNDING_KEYS, FUNDING_LEVELS, funding_level
from desktop.core.outcomes import INSTITUTION_BENEFICIARIES
from desktop.core.policy_model import Beneficiary
from desktop.i18n import text

ENTERPRISE_SUPPORT = "enterprise"
INTERMEDIARY_SUPPORT = "intermediary"
INSTITUTION_COMPENSATION = "institution"
OTHER_RECIPIENT = "other"
#: recipient classes, in the order outputs show them
RECIPIENTS = (ENTERPRISE_SUPPORT, INTERMEDIARY_SUPPORT, INSTITUTION_COMPENSATION, OTHER_RECIPIENT)
#: beneficiaries in the order outputs show them: enterprise and intermediary first, then the
#: rest of policy_model.Beneficiary as it lists them
BENEFICIARIES = ("enterprise", "intermediary") + tuple(
    b for b in get_args(Beneficiary) if b not in ("enterprise", "intermediary")
)


def recipient_of(beneficiary: str) -> str:
    """The recipient class of a beneficiary: enterprise / intermediary / institution / other."""
    if beneficiary == "enterprise":
        return ENTERPRISE_SUPPORT
    if beneficiary == "intermediary":
        return INTERMEDIARY_SUPPORT
    if beneficiary in INSTITUTION_BENEFICIARIES:
        return INSTITUTION_COMPENSATION
    return OTHER_RECIPIENT


def beneficiary_key(beneficiary: str) -> str:
    """The text-layer key (desktop.i18n) naming a beneficiary."""
    return f"totals.beneficiary.{beneficiary}"


def recipient_key(recipient: str) -> str:
    """The text-layer key (desktop.i18n) naming a recipient class."""
    return f"totals.recipient.{recipient}"


@dataclass(frozen=True)
class MeasureLine:
    """One enterprise measure's total with the keys it is split by."""

    measure_id: str
    document: str  # 文号
    region: str
    region_en: str
    beneficiary: str
    recipient: str
    funding_level: str
    funding_reason: str
    funding_reason_en: str
    amount_fen: int
    eligible: int


@dataclass(frozen=True)
class TotalsGroup:
    """Measure lines added together, and what they are: the regions, beneficiaries and
    funding levels of the lines it adds (one of each for a line of the table)."""

    regions: tuple[str, ...]
    beneficiaries: tuple[str, ...]
    funding_levels: tuple[str, ...]
    measures: tuple[str, ...]
    amount_fen: int
    eligible: int

    @property
    def recipients(self) -> tuple[str, ...]:
        found = {recipient_of(b) for b in self.beneficiaries}
        return tuple(r for r in RECIPIENTS if r in found)

    @property
    def mixed(self) -> bool:
        """True when the group adds different regions, recipient classes or levels."""
        return len(self.regions) > 1 or len(self.recipients) > 1 or len(self.funding_levels) > 1


@dataclass(frozen=True)
class TotalsSplit:
    lines: tuple[MeasureLine, ...]
    table: tuple[TotalsGroup, ...]  # region × beneficiary × funding level
    by_region: dict[str, TotalsGroup]
    by_beneficiary: dict[str, TotalsGroup]
    by_recipient: dict[str, TotalsGroup]
    by_funding_level: dict[str, TotalsGroup]

    @property
    def amount_fen(self) -> int:
        """All measure lines added (every region, beneficiary and level: say so if shown)."""
        return sum(line.amount_fen for line in self.lines)

    @property
    def all_lines(self) -> TotalsGroup:
        """Every measure line added, naming all it adds (a grand total that says so)."""
        return _group(list(self.lines), tuple(self.by_region))

    def regions_en(self) -> dict[str, str]:
        return {line.region: line.region_en for line in self.lines}


def level_label(level: str, lang: str = "zh") -> str:
    return text(FUNDING_KEYS.get(level, "funding.unspecified"), lang)


def beneficiary_label(beneficiary: str, lang: str = "zh") -> str:
    return text(beneficiary_key(beneficiary), lang)


def recipient_label(recipient: str, lang: str = "zh") -> str:
    return text(recipient_key(recipient), lang)


def adds(group: TotalsGroup, lang: str = "zh", regions_en: dict[str, str] | None = None) -> str:
    """What a group adds, in words: its regions, recipient classes and funding levels
    (“北京市、上海市；企业获得的支持、付给金融机构的补偿；市级、区级”)."""
    sep = ", " if lang == "en" else "、"
    names = [(regions_en or {}).get(r, r) if lang == "en" else r for r in group.regions]
    parts = [
        ("; " if lang == "en" else "，").join(names),  # a region's name may hold 、
        sep.join(recipient_label(r, lang) for r in group.recipients),
        sep.join(level_label(v, lang) for v in group.funding_levels),
    ]
    return text("totals.adds", lang, parts=(" | " if lang == "en" else "；").join(parts))


def measure_lines(evaluation: Evaluation) -> list[MeasureLine]:
    """One line per enterprise measure of the evaluation, in its measure order."""
    totals = evaluation.totals()
    catalogue = evaluation.catalogue
    lines: list[MeasureLine] = []
    for measure_id in evaluation.measure_ids:
        compiled = catalogue.measure(measure_id)
        document = compiled.document
        level, reason = funding_level(compiled, catalogue, "zh")
        _, reason_en = funding_level(compiled, catalogue, "en")
        beneficiary = compiled.measure.beneficiary
        lines.append(
            MeasureLine(
                measure_id=measure_id,
                document=document.number,
                region=document.region,
                region_en=document.region_en or document.region,
                beneficiary=beneficiary,
                recipient=recipient_of(beneficiary),
                funding_level=level,
                funding_reason=reason,
                funding_reason_en=reason_en,
                amount_fen=int(totals[measure_id]["amount_fen"]),
                eligible=int(totals[measure_id]["eligible"]),
            )
        )
    return lines


def _ordered(values: Iterable[str], order: tuple[str, ...]) -> tuple[str, ...]:
    found = set(values)
    known = [v for v in order if v in found]
    return (*known, *sorted(found - set(order)))


def _region_order(lines: Iterable[MeasureLine]) -> tuple[str, ...]:
    """Regions by first appearance in the measure order (stable across runs)."""
    seen: dict[str, None] = {}
    for line in lines:
        seen.setdefault(line.region, None)
    return tuple(seen)


def _group(lines: list[MeasureLine], regions: tuple[str, ...]) -> TotalsGroup:
    # what the group adds: the keys of the lines with an amount (all lines when none has)
    paying = [x for x in lines if x.amount_fen] or lines
    return TotalsGroup(
        regions=_ordered((x.region for x in paying), regions),
        beneficiaries=_ordered((x.beneficiary for x in paying), BENEFICIARIES),
        funding_levels=_ordered((x.funding_level for x in paying), FUNDING_LEVELS),
        measures=tuple(x.measure_id for x in lines),
        amount_fen=sum(x.amount_fen for x in lines),
        eligible=sum(x.eligible for x in lines),
    )


def _by(
    lines: list[MeasureLine],
    key: Callable[[MeasureLine], str],
    order: tuple[str, ...],
    regions: tuple[str, ...],
) -> dict[str, TotalsGroup]:
    out: dict[str, TotalsGroup] = {}
    for value in _ordered((key(x) for x in lines), order):
        out[value] = _group([x for x in lines if key(x) == value], regions)
    return out


def amounts_by_basis(evaluation: Evaluation) -> dict[str, int]:
    """The measures' amounts (分) by what kind of figure they are (``amount_basis``:
    computed, ceiling, requested), for measures with an amount; zero totals left out."""
    out: dict[str, int] = {}
    for measure_id, t in evaluation.totals().items():
        measure = evaluation.catalogue.measure(measure_id).measure
        if measure.kind == "computable" and t["amount_fen"]:
            out[measure.amount_basis] = out.get(measure.amount_basis, 0) + int(t["amount_fen"])
    return out


def split_totals(evaluation: Evaluation) -> TotalsSplit:
    """The evaluation's enterprise-measure totals split by region, beneficiary and level."""
    lines = measure_lines(evaluation)
    regions = _region_order(lines)
    table: list[TotalsGroup] = []
    for region in regions:
        in_region = [x for x in lines if x.region == region]
        for beneficiary in _ordered((x.beneficiary for x in in_region), BENEFICIARIES):
            of_beneficiary = [x for x in in_region if x.beneficiary == beneficiary]
            levels = _ordered((x.funding_level for x in of_beneficiary), FUNDING_LEVELS)
            for level in levels:
                chosen = [x for x in of_beneficiary if x.funding_level == level]
                table.append(_group(chosen, regions))
    return TotalsSplit(
        lines=tuple(lines),
        table=tuple(table),
        by_region=_by(lines, lambda x: x.region, regions, regions),
        by_beneficiary=_by(lines, lambda x: x.beneficiary, BENEFICIARIES, regions),
        by_recipient=_by(lines, lambda x: x.recipient, RECIPIENTS, regions),
        by_funding_level=_by(lines, lambda x: x.funding_level, FUNDING_LEVELS, regions),
    )


__all__ = [
    "BENEFICIARIES",
    "ENTERPRISE_SUPPORT",
    "INSTITUTION_COMPENSATION",
    "INTERMEDIARY_SUPPORT",
    "OTHER_RECIPIENT",
    "RECIPIENTS",
    "MeasureLine",
    "TotalsGroup",
    "TotalsSplit",
    "adds",
    "beneficiary_key",
    "beneficiary_label",
    "level_label",
    "measure_lines",
    "recipient_key",
    "recipient_label",
    "recipient_of",
    "split_totals",
]

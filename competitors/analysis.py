"""Competitor comparison as pure functions: the strategy canvas, ERRC suggestions, and the
"relevant and unique" classification of our value map (Value Proposition Design; Blue Ocean
Strategy for the strategy canvas and ERRC). No storage and no Streamlit here: everything
takes plain model lists, so the page, the PDF export and the tests all share one truth.

Vocabulary used throughout
--------------------------
* Customer importance is a customer-profile item's rank, 1..5, where 5 is the most
  important (the top-ranked job, the most extreme pain, the most essential gain). A
  factor copies the importance of the item it came from, or the user sets it.
* An *offering* is a Competitor row: our offer (kind "ours"), a competitor or a substitute.
  "Rivals" are every offering that is not ours.
* A factor *stands for* customer item C when `factor.source_item_id == C.id`.
* An offering *offers* customer item C when it scores at least OFFER_THRESHOLD (5 of 10)
  on at least one live factor that stands for C. A score below the threshold, a missing
  score, or no factor for C means it does not. So a rival with all-zero scores offers
  nothing, and can never cause a gap.
* *We address* customer item C when one of our value-map items (products & services,
  pain relievers, gain creators) is linked to C on the canvas, or our offer offers C by
  the score rule above.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from statistics import fmean
from typing import Literal

from canvas.models import PROFILE_AREAS, VALUE_MAP_AREAS, Area, CanvasItem, Link
from canvas.ranking import TOP_RANK, by_importance
from competitors.models import Competitor, ErrcMove, Factor

OFFER_THRESHOLD = 5
HIGH_IMPORTANCE = TOP_RANK  # importance >= this is "high": raise where we trail, create where nobody serves
LOW_IMPORTANCE = 2  # importance <= this is "low": reduce (2) or eliminate (1) where we over-invest
ELIMINATE_IMPORTANCE = 1

ScoreMap = Mapping[tuple[str, str], int]  # (factor_id, competitor_id) -> 0..10


def factor_order(factors: Iterable[Factor]) -> list[Factor]:
    """Most important first; ties keep the user's order (position), then name and id."""
    return sorted(factors, key=lambda f: (-f.importance, f.position, f.name.casefold(), f.id))


def offering_order(offerings: Iterable[Competitor]) -> list[Competitor]:
    """Our offer first, then competitors and substitutes in the user's order."""
    return sorted(offerings, key=lambda c: (c.kind != "ours", c.position, c.name.casefold(), c.id))


def our_offer(offerings: Iterable[Competitor]) -> Competitor | None:
    ours = [c for c in offerings if c.kind == "ours"]
    return offering_order(ours)[0] if ours else None


def rivals(offerings: Iterable[Competitor]) -> list[Competitor]:
    return offering_order(c for c in offerings if c.kind != "ours")


def normalize_name(name: str) -> str:
    """Factor names compare case- and whitespace-insensitively: 'Fast  Wi-Fi' == 'fast wi-fi'."""
    return " ".join(name.split()).casefold()


# -- strategy canvas ------------------------------------------------------------------


@dataclass(frozen=True)
class StrategyFactor:
    id: str
    name: str
    importance: int


@dataclass(frozen=True)
class ValueCurve:
    id: str
    name: str
    kind: str
    scores: tuple[int | None, ...]  # one per factor, in StrategyCanvas.factors order


@dataclass(frozen=True)
class StrategyCanvas:
    """Plain data for any renderer (Plotly on the page, reportlab in the PDF)."""

    factors: tuple[StrategyFactor, ...]
    curves: tuple[ValueCurve, ...]

    @property
    def empty(self) -> bool:
        return not self.factors or not self.curves

    @property
    def missing(self) -> str | None:
        """What the chart still lacks to draw a curve: "factors", "offerings", "scores", or None."""
        if not self.factors:
            return "factors"
        if not self.curves:
            return "offerings"
        if all(score is None for curve in self.curves for score in curve.scores):
            return "scores"
        return None


def strategy_canvas(factors: Iterable[Factor], offerings: Iterable[Competitor], scores: ScoreMap) -> StrategyCanvas:
    ordered = factor_order(factors)
    columns = tuple(StrategyFactor(f.id, f.name, f.importance) for f in ordered)
    curves = tuple(
        ValueCurve(o.id, o.name, o.kind, tuple(scores.get((f.id, o.id)) for f in ordered))
        for o in offering_order(offerings)
    )
    return StrategyCanvas(columns, curves)


# -- offers and addresses -------------------------------------------------------------


def offered_items(factors: Iterable[Factor], scores: ScoreMap, offering_id: str) -> set[str]:
    """Customer items this offering offers: a score >= OFFER_THRESHOLD on a factor standing for them."""
    return {
        f.source_item_id for f in factors if f.source_item_id and scores.get((f.id, offering_id), 0) >= OFFER_THRESHOLD
    }


def linked_targets(items: Iterable[CanvasItem], links: Iterable[Link]) -> dict[str, set[str]]:
    """Value-map item id -> the customer items it is linked to (only links between live items)."""
    by_id = {i.id: i for i in items}
    targets: dict[str, set[str]] = {i.id: set() for i in by_id.values() if i.area in VALUE_MAP_AREAS}
    for link in links:
        source, target = by_id.get(link.source_id), by_id.get(link.target_id)
        if source is None or target is None:
            continue
        if source.area in VALUE_MAP_AREAS and target.area in PROFILE_AREAS:
            targets[source.id].add(target.id)
    return targets


# -- ERRC -----------------------------------------------------------------------------

ErrcKind = Literal["eliminate", "reduce", "raise", "create"]
ACTION_ORDER = {"eliminate": 0, "reduce": 1, "raise": 2, "create": 3}


@dataclass(frozen=True)
class ErrcSuggestion:
    """A suggested move. `text_key`/`reason_key` are catalog keys; `params` fill them."""

    key: str  # stable across reruns and reorderings: "<action>:<factor id>" or "create:<item id>"
    action: ErrcKind
    subject: str  # the factor's name or the customer item's text
    importance: int
    text_key: str
    reason_key: str
    params: dict[str, object] = field(default_factory=dict, hash=False, compare=True)
    factor_id: str | None = None
    source_item_id: str | None = None

    @property
    def identity(self) -> tuple[str, str | None, str | None]:
        return (self.action, self.factor_id, self.source_item_id)


def suggest_errc(
    factors: Iterable[Factor],
    offerings: Iterable[Competitor],
    scores: ScoreMap,
    items: Iterable[CanvasItem] = (),
    links: Iterable[Link] = (),
) -> list[ErrcSuggestion]:
    """Suggested ERRC moves, each with its reason. The rules, per factor f with customer
    importance I, our score o and the rivals' scores R on f (only scored cells count; no
    suggestion for f unless o and at least one rival score exist):

    * raise     — I >= 4 and o < max(R): customers care a lot and a rival does better.
    * raise     — I >= 4 and max(o, R) < OFFER_THRESHOLD: customers care a lot and the whole
                  industry, us included, neglects it (Blue Ocean's classic raise), with its
                  own reason.
    * eliminate — I == 1 and o > mean(R): customers barely care and we out-invest rivals.
    * reduce    — I == 2 and o > mean(R): customers care little and we out-invest rivals.

    And per customer-profile item C with importance (rank) >= 4 that nobody serves — no
    offering, ours included, offers C (see the module docstring) and no value-map item of
    ours is linked to C:

    * create    — build something for C.

    The result depends only on the data, never on the order of the inputs: it is sorted
    by action (E, R, R, C), importance (high first), subject and id.
    """
    factor_list = list(factors)
    offering_list = list(offerings)
    item_list = list(items)
    ours = our_offer(offering_list)
    rival_list = rivals(offering_list)
    out: list[ErrcSuggestion] = []
    if ours is not None:
        for f in factor_list:
            mine = scores.get((f.id, ours.id))
            theirs = [(scores[(f.id, r.id)], r) for r in rival_list if (f.id, r.id) in scores]
            if mine is None or not theirs:
                continue
            best_value, best = max(theirs, key=lambda pair: (pair[0], -pair[1].position, pair[1].id))
            average = fmean(v for v, _ in theirs)
            params = {
                "factor": f.name,
                "importance": f.importance,
                "ours": mine,
                "best": best_value,
                "rival": best.name,
                "average": round(average, 1),
            }
            raise_reason = None
            if f.importance >= HIGH_IMPORTANCE and mine < best_value:
                raise_reason = ("errc.reason.raise", params)
            elif f.importance >= HIGH_IMPORTANCE and max(mine, best_value) < OFFER_THRESHOLD:
                neglected = {**params, "top": max(mine, best_value), "threshold": OFFER_THRESHOLD}
                raise_reason = ("errc.reason.raise_neglected", neglected)
            if raise_reason is not None:
                reason, reason_params = raise_reason
                out.append(
                    ErrcSuggestion(
                        f"raise:{f.id}",
                        "raise",
                        f.name,
                        f.importance,
                        "errc.suggest.raise",
                        reason,
                        reason_params,
                        factor_id=f.id,
                    )
                )
            elif f.importance <= LOW_IMPORTANCE and mine > average:
                action: ErrcKind = "eliminate" if f.importance <= ELIMINATE_IMPORTANCE else "reduce"
                out.append(
                    ErrcSuggestion(
                        f"{action}:{f.id}",
                        action,
                        f.name,
                        f.importance,
                        f"errc.suggest.{action}",
                        f"errc.reason.{action}",
                        params,
                        factor_id=f.id,
                    )
                )
    served: set[str] = set()
    for offering in offering_list:
        served |= offered_items(factor_list, scores, offering.id)
    for targets in linked_targets(item_list, links).values():
        served |= targets
    for item in item_list:
        if item.area in PROFILE_AREAS and item.rank >= HIGH_IMPORTANCE and item.id not in served:
            params = {"item": item.text, "importance": item.rank, "threshold": OFFER_THRESHOLD}
            out.append(
                ErrcSuggestion(
                    f"create:{item.id}",
                    "create",
                    item.text,
                    item.rank,
                    "errc.suggest.create",
                    f"errc.reason.create.{Area(item.area).value}",
                    params,
                    source_item_id=item.id,
                )
            )
    out.sort(key=lambda s: (ACTION_ORDER[s.action], -s.importance, s.subject.casefold(), s.key))
    return out


def decided_identity(move: ErrcMove) -> tuple[str, str | None, str | None] | None:
    """Which suggestion a stored move decided: (suggested action, factor id, item id).

    Stored as columns rather than as the key string so that copying a project (which
    gives every row a fresh id) keeps the decision attached to the copied factor/item.
    """
    if not move.suggestion_key:
        return None
    return (move.suggestion_key, move.factor_id, move.source_item_id)


def open_suggestions(suggestions: Sequence[ErrcSuggestion], moves: Iterable[ErrcMove]) -> list[ErrcSuggestion]:
    """Suggestions the user has neither accepted nor dismissed yet."""
    decided = {decided_identity(m) for m in moves} - {None}
    return [s for s in suggestions if s.identity not in decided]


# -- relevant and unique --------------------------------------------------------------

Relevance = Literal["unique", "parity", "gap", "irrelevant"]


@dataclass(frozen=True)
class RelevanceRow:
    """One line of the "relevant and unique" table.

    For unique/parity/irrelevant rows `item` is one of our value-map items; for a gap row
    it is the customer item that rivals offer and we don't address.
    """

    item: CanvasItem
    relevance: Relevance
    weight: int  # the customer importance this row counts with (0 for irrelevant)
    customer_items: tuple[CanvasItem, ...]  # what it addresses (gap: the item itself)
    rivals: tuple[str, ...]  # names of rivals offering what this row is about


@dataclass(frozen=True)
class RelevanceReport:
    rows: tuple[RelevanceRow, ...]
    score: int  # sum of +weight (unique) and -weight (gap)
    index: float | None  # 100 * score / sum of weights of unique, parity and gap rows; None if none

    def count(self, relevance: Relevance) -> int:
        return sum(1 for r in self.rows if r.relevance == relevance)


RELEVANCE_ORDER = {"unique": 0, "parity": 1, "gap": 2, "irrelevant": 3}


def classify_value_map(
    items: Iterable[CanvasItem],
    links: Iterable[Link],
    factors: Iterable[Factor],
    offerings: Iterable[Competitor],
    scores: ScoreMap,
) -> RelevanceReport:
    """Class each of our value-map items, and find the gaps (seed 004: relevant and unique).

    With targets(V) = the customer items value-map item V is linked to, and "offers" /
    "we address" as defined in the module docstring:

    * irrelevant — targets(V) is empty: V addresses nothing in the customer profile.
    * unique     — some target of V is offered by no rival. Weight: the highest importance
                   among those uncontested targets.
    * parity     — every target of V is offered by at least one rival. Weight: the
                   highest importance among its targets.
    * gap        — one row per customer item C that at least one rival offers and we do
                   not address. Weight: C's importance.

    The differentiation score is Σ weight(unique) − Σ weight(gap); parity and irrelevant
    count zero. `index` scales it to −100..100 by the total weight of unique, parity and
    gap rows, so canvases of different sizes compare.
    """
    item_list = list(items)
    factor_list = list(factors)
    by_id = {i.id: i for i in item_list}
    offering_list = list(offerings)
    ours = our_offer(offering_list)
    rival_offers = {r.name: offered_items(factor_list, scores, r.id) for r in rivals(offering_list)}
    rival_offers_by_item: dict[str, list[str]] = {}
    for name, offered in rival_offers.items():
        for item_id in offered:
            rival_offers_by_item.setdefault(item_id, []).append(name)

    targets = linked_targets(item_list, links)
    rows: list[RelevanceRow] = []
    addressed: set[str] = set().union(*targets.values()) if targets else set()
    if ours is not None:
        addressed |= offered_items(factor_list, scores, ours.id)
    for item in item_list:
        if item.area not in VALUE_MAP_AREAS:
            continue
        mine = by_importance(by_id[t] for t in targets.get(item.id, ()))
        if not mine:
            rows.append(RelevanceRow(item, "irrelevant", 0, (), ()))
            continue
        uncontested = [c for c in mine if c.id not in rival_offers_by_item]
        contested_by = sorted({n for c in mine for n in rival_offers_by_item.get(c.id, ())})
        if uncontested:
            rows.append(
                RelevanceRow(item, "unique", max(c.rank for c in uncontested), tuple(mine), tuple(contested_by))
            )
        else:
            rows.append(RelevanceRow(item, "parity", max(c.rank for c in mine), tuple(mine), tuple(contested_by)))
    for item in item_list:
        if item.area in PROFILE_AREAS and item.id in rival_offers_by_item and item.id not in addressed:
            rows.append(RelevanceRow(item, "gap", item.rank, (item,), tuple(sorted(rival_offers_by_item[item.id]))))
    rows.sort(key=lambda r: (RELEVANCE_ORDER[r.relevance], -r.weight, r.item.text.casefold(), r.item.id))
    score = sum(r.weight for r in rows if r.relevance == "unique") - sum(r.weight for r in rows if r.relevance == "gap")
    total = sum(r.weight for r in rows if r.relevance != "irrelevant")
    index = round(100 * score / total, 1) if total else None
    return RelevanceReport(tuple(rows), score, index)

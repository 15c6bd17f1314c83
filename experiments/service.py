"""Test cards, learning cards and the assumptions map: the service the Testing page, the
exports, guided mode and the tests call.

Every call names its actor; the canvas, or the card named by id, is resolved through
projects.access first (out of scope is NotFound, as if absent), and every note a card
names must be on the card's canvas. Every write is per row against the version the
caller saw. Closing a card writes its learning and moves the linked notes' evidence in
one transaction (experiments.models.evidence_after).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from canvas.codes import note_codes
from canvas.models import Canvas, CanvasItem, Link
from core.actors import Actor, Need, ParticipantActor
from core.errors import Forbidden, InvalidInput, NilaiError, NotFound, StaleVersion
from core.models import utcnow, validate
from experiments.assumptions_map import TEST_FIRST, AssumptionsMap, build_map, proposal_order
from experiments.library import experiment_type
from experiments.models import (
    LearningDraft,
    Placement,
    PlacementDraft,
    TestCard,
    TestCardChange,
    TestCardDraft,
    evidence_after,
    format_number,
    meets,
)
from projects import access
from storage.store import Store

EVIDENCE_NOTE_MAX = 500


@dataclass(frozen=True)
class Testing:
    """One canvas's notes, links, map placements and test cards, read in a handful of queries."""

    canvas: Canvas
    items: tuple[CanvasItem, ...]
    links: tuple[Link, ...]
    placements: tuple[Placement, ...]
    cards: tuple[TestCard, ...]

    def assumptions_map(self) -> AssumptionsMap:
        return build_map(self.items, self.links, self.placements, self.cards)

    def placement(self, item_id: str) -> Placement | None:
        return next((p for p in self.placements if p.item_id == item_id), None)


@dataclass(frozen=True)
class ProjectCards:
    """Every live card of a project, with its canvas's name and the notes of each canvas
    that has cards (their texts now, and their codes as the board gives them)."""

    cards: tuple[TestCard, ...]
    canvas_names: dict[str, str]
    canvas_notes: dict[str, tuple[CanvasItem, ...]]  # canvas id -> its notes, in board order

    @cached_property
    def live_texts(self) -> dict[str, str]:
        """Note id -> text, for notes still on a card's canvas."""
        return {item.id: item.text for items in self.canvas_notes.values() for item in items}

    def codes(self, lang: str) -> dict[str, dict[str, str]]:
        """Canvas id -> note id -> the note's code there (canvas.codes, as the board shows it)."""
        return {canvas_id: note_codes(items, lang) for canvas_id, items in self.canvas_notes.items()}

    def text_of(self, card: TestCard, item_id: str) -> str:
        return self.live_texts.get(item_id) or card.item_texts.get(item_id, "")

    def note_gone(self, item_id: str) -> bool:
        return item_id not in self.live_texts


def load_testing(store: Store, actor: Actor, canvas_id: str) -> Testing:
    canvas = access.canvas_scope(store, actor, canvas_id, "read")
    items = tuple(item for item in store.items.for_canvas(canvas) if not item.hidden)
    present = {item.id for item in items}
    links = tuple(
        link for link in store.links.for_canvas(canvas.id) if link.source_id in present and link.target_id in present
    )
    placements = tuple(p for p in store.placements.for_canvas(canvas.id) if p.item_id in present)
    return Testing(canvas, items, links, placements, tuple(store.test_cards.for_canvas(canvas.id)))


def load_project_cards(store: Store, actor: Actor, project_id: str) -> ProjectCards:
    project = access.project_scope(store, actor, project_id, "read")
    canvases = store.canvases.list_for_project(project.id)
    by_canvas = {canvas.id: canvas for canvas in canvases}
    # A canvas in the trash takes its cards with it (they come back when it is restored).
    cards = tuple(card for card in store.test_cards.list_for_project(project.id) if card.canvas_id in by_canvas)
    notes = {
        canvas_id: tuple(item for item in store.items.for_canvas(by_canvas[canvas_id]) if item.merged_into is None)
        for canvas_id in sorted({card.canvas_id for card in cards})
    }
    return ProjectCards(cards, {canvas.id: canvas.name for canvas in canvases}, notes)


# -- cards --------------------------------------------------------------------------------


def _card(store: Store, actor: Actor, card_id: Any, need: Need = "edit", *, include_deleted: bool = False) -> TestCard:
    if not isinstance(card_id, str) or not card_id:
        raise NotFound(access.OUT_OF_SCOPE)
    try:
        card = store.test_cards.get(card_id, include_deleted=include_deleted)
    except NotFound:
        raise NotFound(access.OUT_OF_SCOPE) from None
    access.row_scope(store, actor, card, need)
    return card


def _editable_canvas(store: Store, actor: Actor, canvas_id: str) -> Canvas:
    """The canvas, for a write: a workshop participant reads the map but writes no card or
    placement (the facilitator does, for the room)."""
    if isinstance(actor, ParticipantActor):
        raise Forbidden("workshop.error.not_yours")
    return access.canvas_scope(store, actor, canvas_id, "edit")


def _check_experiment(key: str) -> None:
    if experiment_type(key) is None:
        raise InvalidInput([("experiment", "experiments.error.unknown_type", {})])


def create_card(store: Store, actor: Actor, canvas_id: str, **fields: Any) -> TestCard:
    """A planned card for one or several notes of this canvas. The experiment type's usual
    strength is the default; the team may set another."""
    canvas = _editable_canvas(store, actor, canvas_id)
    if "strength" not in fields and isinstance(fields.get("experiment"), str):
        known = experiment_type(fields["experiment"])
        if known is not None:
            fields["strength"] = known.strength
    draft = validate(TestCardDraft, fields)
    _check_experiment(draft.experiment)
    with store.db.transaction() as conn:
        notes = [access.item_on_canvas(store, canvas, item_id, conn=conn) for item_id in draft.item_ids]
        values = draft.model_dump()
        values.update(
            canvas_id=canvas.id,
            status="planned",
            item_texts={note.id: note.text for note in notes},
        )
        return store.test_cards.insert_in(conn, canvas.project_id, values)


def update_card(store: Store, actor: Actor, card_id: str, expected_version: int, **changes: Any) -> TestCard:
    """Edit a card that is not closed yet (a closed card is a record of what was learned)."""
    card = _card(store, actor, card_id)
    change = validate(TestCardChange, changes)
    given = change.model_dump(exclude_unset=True, exclude_none=True)
    if "experiment" in given:
        _check_experiment(given["experiment"])
    if card.is_done:
        raise NilaiError("experiments.error.closed")
    if card.version != expected_version:
        raise StaleVersion(card)
    return store.test_cards.update(card.id, expected_version, given)


def start_card(store: Store, actor: Actor, card_id: str, expected_version: int) -> TestCard:
    """Planned -> running. A card with no hypothesis or metric can't run: the refusal
    names each missing field."""
    card = _card(store, actor, card_id)
    if card.status != "planned":
        raise NilaiError("experiments.error.not_planned")
    missing = card.missing_to_start()
    if missing:
        raise InvalidInput([(name, "experiments.error.missing_to_start", {}) for name in missing])
    return store.test_cards.update(card.id, expected_version, {"status": "running", "started_at": utcnow()})


@dataclass(frozen=True)
class Closed:
    card: TestCard
    passed: bool
    changed: tuple[tuple[CanvasItem, str], ...]  # (note as it is now, evidence before)
    missing_notes: int  # linked notes no longer on the canvas (their text stays on the card)


def close_card(store: Store, actor: Actor, card_id: str, expected_version: int, **learning: Any) -> Closed:
    """Running (or planned) -> done, with the learning card. The result is checked against
    the criterion; each linked note still on the canvas gets its evidence moved
    (a pass validates, a fail refutes) in the same transaction."""
    card = _card(store, actor, card_id)
    draft = validate(LearningDraft, learning)
    if card.is_done:
        raise NilaiError("experiments.error.closed")
    missing = card.missing_to_start()
    if missing:
        raise InvalidInput([(name, "experiments.error.missing_to_start", {}) for name in missing])
    passed = meets(draft.measured, card.comparison, card.threshold or 0)  # missing_to_start: it is there
    canvas = _editable_canvas(store, actor, card.canvas_id)
    changed: list[tuple[CanvasItem, str]] = []
    missing_notes = 0
    with store.db.transaction() as conn:
        texts = dict(card.item_texts)
        for item_id in card.item_ids:
            try:
                note = access.item_on_canvas(store, canvas, item_id, conn=conn)
            except NotFound:
                missing_notes += 1
                continue
            texts[note.id] = note.text
            level = evidence_after(note.evidence, passed=passed, strength=card.strength)
            summary = f"{card.metric}: {format_number(draft.measured)} ({card.criterion()})"
            evidence = {"evidence": level, "evidence_note": summary[:EVIDENCE_NOTE_MAX]}
            updated = store.items.update_in(conn, note.id, note.version, evidence)
            changed.append((updated, note.evidence))
        values = draft.model_dump()
        values.update(status="done", passed=passed, closed_at=utcnow(), item_texts=texts)
        if card.started_at is None:
            values["started_at"] = values["closed_at"]
        closed = store.test_cards.update_in(conn, card.id, expected_version, values)
    return Closed(closed, passed, tuple(changed), missing_notes)


def delete_card(store: Store, actor: Actor, card_id: str, expected_version: int | None = None) -> TestCard:
    card = _card(store, actor, card_id)
    return store.test_cards.soft_delete(card.id, expected_version)


def restore_card(store: Store, actor: Actor, card_id: str) -> TestCard:
    card = _card(store, actor, card_id, include_deleted=True)
    return store.test_cards.restore(card.id)


def cards_using_note(store: Store, actor: Actor, canvas_id: str, item_id: str) -> list[TestCard]:
    """The live cards that test this note (the page asks before the note is deleted; the
    delete itself, canvas.notes.delete_note, leaves its text on them)."""
    canvas = access.canvas_scope(store, actor, canvas_id, "read")
    note = access.item_on_canvas(store, canvas, item_id)
    return store.test_cards.using_item(canvas.project_id, note.id)


# -- the assumptions map --------------------------------------------------------------------


def place_note(
    store: Store,
    actor: Actor,
    canvas_id: str,
    item_id: Any,
    expected_version: int | None,
    *,
    importance: Any,
    evidence: Any,
) -> Placement:
    """Put a note at a spot on the canvas's map (by drag or keyboard), against the version
    of its placement the caller saw (None: it had none)."""
    canvas = _editable_canvas(store, actor, canvas_id)
    note = access.item_on_canvas(store, canvas, item_id)
    spot = validate(PlacementDraft, {"importance": importance, "evidence": evidence})
    values = {"importance": round(spot.importance, 4), "evidence": round(spot.evidence, 4)}
    return store.placements.place(canvas.project_id, canvas.id, note.id, values, expected_version)


def reset_placement(store: Store, actor: Actor, canvas_id: str, item_id: Any) -> None:
    """Back to the spot the note's rank and evidence give it."""
    canvas = _editable_canvas(store, actor, canvas_id)
    note = access.item_on_canvas(store, canvas, item_id)
    for placement in store.placements.for_canvas(canvas.id):
        if placement.item_id == note.id:
            store.placements.soft_delete(placement.id)


# -- a workshop's vote on what to test --------------------------------------------------------


def vote_candidates(testing: Testing) -> list[CanvasItem]:
    """The notes a room votes on: the "test first" quadrant's notes with no open test, in
    the map's proposal order."""
    points = [p for p in testing.assumptions_map().quadrant(TEST_FIRST) if p.open_cards == 0]
    return [point.item for point in sorted(points, key=proposal_order)]


def plan_from_votes(
    store: Store, actor: Actor, canvas_id: str, votes: dict[str, int], *, count: int = 3, hypothesis_start: str = ""
) -> list[TestCard]:
    """A planned card for each of the `count` candidates with the most dots (ties: the map's
    order). The hypothesis starts from the note; the team adds metric and number later."""
    testing = load_testing(store, actor, canvas_id)
    candidates = vote_candidates(testing)
    order = {item.id: index for index, item in enumerate(candidates)}
    chosen = sorted(
        (item for item in candidates if votes.get(item.id, 0) > 0), key=lambda i: (-votes[i.id], order[i.id])
    )
    return [
        create_card(
            store,
            actor,
            canvas_id,
            experiment="interview",
            hypothesis=f"{hypothesis_start}{item.text}"[:1000],
            item_ids=[item.id],
        )
        for item in chosen[: max(0, count)]
    ]

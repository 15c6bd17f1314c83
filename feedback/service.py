"""Feedback: import, Net Promoter dashboard, themes into the canvas, improvement actions.

Every call takes `store, actor` and asks projects.access first: out of scope is NotFound,
as if absent. Suggestions are worked out again on the server from the stored comments;
the browser names a suggestion only by its key, never sends its contents.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from canvas import notes
from canvas.models import Area, CanvasItem, NoteOwner
from core.actors import Actor
from core.errors import InvalidInput, NotFound, StaleVersion
from core.models import validate
from feedback import nps as nps_math
from feedback import parsing
from feedback.models import BAND_SCORES, ActionDraft, CubeCell, ImprovementAction, ThemeDecision, ThemeKind
from feedback.themes import QUOTES, Comment, Theme, find_themes
from feedback.wording import reader_for
from i18n import translate
from projects.access import canvas_scope, in_project, reach
from storage.store import Store

# Scores whose comments feed each kind of theme: detractors' pains, promoters' gains.
KIND_SCORES: dict[str, tuple[int, int]] = {"pain": BAND_SCORES["detractor"], "gain": BAND_SCORES["promoter"]}
SCORE_BANDS: dict[str, tuple[int, int]] = {**KIND_SCORES, "passive": BAND_SCORES["passive"]}
KIND_AREA = {"pain": Area.PAINS, "gain": Area.GAINS}
# An accepted theme's evidence level, from the comments behind it: said by customers at all
# is "observed"; said independently by VALIDATED_AT or more is "validated".
VALIDATED_AT = 10
EVIDENCE_NOTE_MAX = 500


# -- import ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportResult:
    added: int
    already: int  # rows the project held already (same content): imported before
    skipped: int  # bad rows left out


def read_file(
    store: Store,
    actor: Actor,
    project_id: str,
    raw: bytes,
    filename: str = "",
    mapping: dict[str, int | None] | None = None,
) -> parsing.Preview:
    """Read and check a survey file for the preview; nothing is stored."""
    reach(store, actor, project_id, "edit")
    return parsing.preview(raw, filename, mapping)


def remap(
    store: Store, actor: Actor, project_id: str, preview: parsing.Preview, mapping: dict[str, int | None]
) -> parsing.Preview:
    """The same file's rows checked again under the columns the user chose."""
    reach(store, actor, project_id, "edit")
    chosen = {name: mapping.get(name) for name in parsing.FIELDS}
    return parsing.Preview(preview.table, chosen, parsing.check_rows(preview.table, chosen))


def already_imported(store: Store, actor: Actor, project_id: str, preview: parsing.Preview) -> int:
    """How many of the file's good rows the project holds already (importing adds the rest)."""
    reach(store, actor, project_id, "read")
    return store.feedback.known_hashes(project_id, [row.content_hash for row in preview.good])


def import_responses(
    store: Store, actor: Actor, project_id: str, preview: parsing.Preview, *, skip_bad_rows: bool = False
) -> ImportResult:
    """Store the good rows in one transaction. With bad rows, only when the user chose to
    leave them out (`skip_bad_rows`); otherwise nothing is stored."""
    reach(store, actor, project_id, "edit")
    bad = preview.bad
    if bad and not skip_bad_rows:
        raise InvalidInput([("file", "feedback.error.bad_rows", {"count": len(bad)})])
    rows = parsing.stored_values(preview.good, store.feedback.persona_ids(project_id))
    added = store.feedback.add_many(project_id, rows)
    return ImportResult(added=added, already=len(rows) - added, skipped=len(bad))


def clear_responses(store: Store, actor: Actor, project_id: str) -> int:
    reach(store, actor, project_id, "edit")
    return store.feedback.remove_all(project_id)


# -- the dashboard ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Dashboard:
    total: nps_math.Nps
    cells: list[CubeCell]
    persona_names: dict[str, str]  # persona id -> name, for rows matched to a persona

    def by(self, dimension: str) -> dict[str, nps_math.Nps]:
        return nps_math.by(self.cells, dimension)

    def journey(self) -> list[nps_math.JourneyPoint]:
        return nps_math.journey(self.cells)


def dashboard(store: Store, actor: Actor, project_id: str) -> Dashboard:
    reach(store, actor, project_id, "read")
    cells = store.feedback.cube(project_id)
    names = {persona.id: persona.name for persona in store.personas.list_for_project(project_id)}
    return Dashboard(total=nps_math.overall(cells), cells=cells, persona_names=names)


def persona_nps(store: Store, actor: Actor, project_id: str) -> dict[str, nps_math.Nps]:
    """Measured NPS of each persona that survey rows were matched to (by persona id)."""
    reach(store, actor, project_id, "read")
    cells = [cell for cell in store.feedback.cube(project_id) if cell.persona]
    return nps_math.by(cells, "persona")


# -- themes ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Suggestion:
    kind: ThemeKind
    theme: Theme
    group_total: int  # comments of this kind in all
    merged_keys: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return self.theme.key

    @property
    def count(self) -> int:
        return self.theme.count

    @property
    def evidence(self) -> str:
        return evidence_level(self.count)


def evidence_level(comment_count: int) -> str:
    return "validated" if comment_count >= VALIDATED_AT else "observed"


@dataclass
class ThemeBoard:
    open: list[Suggestion] = field(default_factory=list)
    decided: list[ThemeDecision] = field(default_factory=list)
    actions: list[ImprovementAction] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[Suggestion]:
        return [s for s in self.open if s.kind == kind]


def _suggestions(store: Store, project_id: str, decisions: list[ThemeDecision]) -> list[Suggestion]:
    merged: dict[tuple[str, str], list[str]] = {}
    for decision in decisions:
        if decision.status == "merged" and decision.merged_into:
            merged.setdefault((decision.kind, decision.merged_into), []).append(decision.theme_key)
    # Each kind's themes must stand out against the rest of the survey's comments.
    bands = {band: store.feedback.comments(project_id, low, high) for band, (low, high) in SCORE_BANDS.items()}
    reader = reader_for(sorted(text for rows in bands.values() for _, text, _ in rows))  # one reading for both kinds
    out: list[Suggestion] = []
    for kind in KIND_SCORES:
        comments = [Comment(cid, text) for cid, text, _ in bands[kind]]
        background = [text for band, rows in bands.items() if band != kind for _, text, _ in rows]
        themes = {theme.key: theme for theme in find_themes(comments, background, tone=kind, reader=reader)}
        for theme in themes.values():
            extra = [themes[k] for k in sorted(merged.get((kind, theme.key), [])) if k in themes]
            if extra:
                theme = replace(
                    theme,
                    member_ids=tuple(sorted(set(theme.member_ids).union(*(t.member_ids for t in extra)))),
                    terms=tuple(dict.fromkeys(theme.terms + tuple(w for t in extra for w in t.terms))),
                    quotes=(theme.quotes + tuple(q for t in extra for q in t.quotes))[:QUOTES],
                )
            out.append(Suggestion(kind, theme, len(comments), tuple(t.key for t in extra)))  # type: ignore[arg-type]
    return out


def theme_board(store: Store, actor: Actor, project_id: str) -> ThemeBoard:
    reach(store, actor, project_id, "read")
    decisions = store.feedback_themes.for_project(project_id)
    decided = {(d.kind, d.theme_key) for d in decisions}
    suggestions = [s for s in _suggestions(store, project_id, decisions) if (s.kind, s.key) not in decided]
    actions = store.feedback_actions.list_for_project(project_id)
    return ThemeBoard(open=suggestions, decided=decisions, actions=actions)


def _suggestion(store: Store, project_id: str, kind: str, key: str) -> Suggestion:
    decisions = store.feedback_themes.for_project(project_id)
    for decision in decisions:
        if decision.kind == kind and decision.theme_key == key:
            raise StaleVersion(decision)  # someone decided on it a moment ago
    for suggestion in _suggestions(store, project_id, decisions):
        if suggestion.kind == kind and suggestion.key == key:
            return suggestion
    raise NotFound("feedback.error.theme_gone")


def quotes_note(quotes: tuple[str, ...]) -> str:
    """The verbatim quotes as one evidence note, each quoted, within the note's length."""
    parts: list[str] = []
    room = EVIDENCE_NOTE_MAX
    for quote in quotes:
        text = " ".join(quote.split())
        entry = f"“{text}”"
        if len(entry) + 3 > room:
            entry = f"“{text[: max(room - 6, 0)]}…”"
        if room - len(entry) - 3 < 0 or len(entry) <= 3:
            break
        parts.append(entry)
        room -= len(entry) + 3
    return " · ".join(parts)


def accept_theme(
    store: Store, actor: Actor, project_id: str, kind: str, key: str, canvas_id: str, text: str, *, language: str
) -> CanvasItem:
    """Keep a theme as a pain (detractors) or gain (promoters) on a canvas of the project,
    with its evidence: from customers, how many comments, and up to three quotes."""
    project = reach(store, actor, project_id, "edit")
    canvas = in_project(canvas_scope(store, actor, canvas_id, "edit"), project)
    suggestion = _suggestion(store, project_id, kind, key)
    decision = store.feedback_themes.insert(
        project_id,
        {"kind": kind, "theme_key": key, "status": "accepted", "text": text[:500], "comment_count": suggestion.count},
    )
    try:
        item = notes.add_note(
            store,
            actor,
            NoteOwner.of_canvas(canvas.id),
            KIND_AREA[kind],
            text,
            rank=4 if suggestion.count >= VALIDATED_AT else 3,
            evidence=suggestion.evidence,
            evidence_source=translate(language, "feedback.evidence_source", count=suggestion.count),
            evidence_note=quotes_note(suggestion.theme.quotes),
        )
    except Exception:
        store.feedback_themes.undo(decision.id)  # the suggestion stays open
        raise
    store.feedback_themes.update(decision.id, decision.version, {"item_id": item.id})
    return item


def dismiss_theme(store: Store, actor: Actor, project_id: str, kind: str, key: str) -> ThemeDecision:
    reach(store, actor, project_id, "edit")
    suggestion = _suggestion(store, project_id, kind, key)
    return store.feedback_themes.insert(
        project_id, {"kind": kind, "theme_key": key, "status": "dismissed", "comment_count": suggestion.count}
    )


def merge_theme(store: Store, actor: Actor, project_id: str, kind: str, key: str, into_key: str) -> ThemeDecision:
    """Fold one suggestion into another of the same kind: its comments count for the other."""
    reach(store, actor, project_id, "edit")
    if key == into_key:
        raise InvalidInput([("theme", "feedback.error.merge_self", {})])
    suggestion = _suggestion(store, project_id, kind, key)
    _suggestion(store, project_id, kind, into_key)  # the target must still be open
    return store.feedback_themes.insert(
        project_id,
        {
            "kind": kind,
            "theme_key": key,
            "status": "merged",
            "merged_into": into_key,
            "comment_count": suggestion.count,
        },
    )


def undo_decision(store: Store, actor: Actor, project_id: str, decision_id: str) -> None:
    """Bring a dismissed or merged suggestion back (an accepted one's note stays on the canvas)."""
    project = reach(store, actor, project_id, "edit")
    decision = in_project(_named(store.feedback_themes.get, decision_id), project)
    store.feedback_themes.undo(decision.id)


def _named(get: Any, row_id: str) -> Any:
    try:
        return get(row_id)
    except NotFound:
        raise NotFound("error.not_found") from None


# -- improvement actions ------------------------------------------------------------------------


def add_action(
    store: Store, actor: Actor, project_id: str, theme_key: str, title: str, owner: str = "service"
) -> ImprovementAction:
    """An improvement for a detractor theme, owned by a team function."""
    reach(store, actor, project_id, "edit")
    draft = validate(ActionDraft, {"title": title, "owner": owner})
    return store.feedback_actions.insert(project_id, {"theme_key": theme_key[:120], **draft.model_dump()})


def update_action(
    store: Store, actor: Actor, project_id: str, action_id: str, expected_version: int, **changes: Any
) -> ImprovementAction:
    project = reach(store, actor, project_id, "edit")
    current = in_project(_named(store.feedback_actions.get, action_id), project)
    merged = validate(
        ActionDraft, {"title": current.title, "owner": current.owner, "status": current.status, **changes}
    )
    return store.feedback_actions.update(current.id, expected_version, merged.model_dump())


def delete_action(
    store: Store, actor: Actor, project_id: str, action_id: str, expected_version: int
) -> ImprovementAction:
    project = reach(store, actor, project_id, "edit")
    current = in_project(_named(store.feedback_actions.get, action_id), project)
    return store.feedback_actions.soft_delete(current.id, expected_version)


def actions(store: Store, actor: Actor, project_id: str) -> list[ImprovementAction]:
    reach(store, actor, project_id, "read")
    return store.feedback_actions.list_for_project(project_id)


# -- the customer's share of a profile (co-creation) ----------------------------------------------


@dataclass(frozen=True)
class ProfileVoices:
    """Which customer-profile notes of a canvas came from customers: themes accepted from a
    survey, and notes customers wrote themselves in a workshop. The rest the team assumed."""

    survey: frozenset[str]
    workshop: frozenset[str]
    profile_ids: frozenset[str]

    @property
    def from_survey(self) -> int:
        return len(self.survey & self.profile_ids)

    @property
    def from_workshop(self) -> int:
        return len((self.workshop - self.survey) & self.profile_ids)

    @property
    def from_customers(self) -> int:
        return self.from_survey + self.from_workshop

    @property
    def by_team(self) -> int:
        return len(self.profile_ids) - self.from_customers

    @property
    def percent(self) -> float:
        return 100 * self.from_customers / len(self.profile_ids) if self.profile_ids else 0.0

    def voice(self, item_id: str) -> str | None:
        """ "survey", "workshop", or None (the team's)."""
        if item_id in self.survey:
            return "survey"
        if item_id in self.workshop:
            return "workshop"
        return None


def profile_voices(store: Store, actor: Actor, canvas_id: str, items: list[CanvasItem] | None = None) -> ProfileVoices:
    canvas = canvas_scope(store, actor, canvas_id, "read")
    if items is None:
        items = store.items.for_canvas(canvas)
    customers = store.cocreation.customer_participant_ids(canvas.project_id)
    survey = set(store.feedback_themes.decided_item_ids(canvas.project_id))
    return ProfileVoices(
        survey=frozenset(i.id for i in items if i.id in survey),
        workshop=frozenset(i.id for i in items if i.participant_id is not None and i.participant_id in customers),
        profile_ids=frozenset(i.id for i in items if Area(i.area) in (Area.JOBS, Area.PAINS, Area.GAINS)),
    )

"""What the board component receives: notes, links and every label, already translated.

No Streamlit here, so the payload can be tested and cached on its own. User text goes in as
plain strings; the component sets it with textContent, never as HTML.
"""

from __future__ import annotations

from typing import Any

from canvas.canvases import Board
from canvas.codes import area_prefix, note_codes
from canvas.fit import EVIDENCE_LEVELS, FitReport
from canvas.models import AREA_ORDER, LINK_TARGET, PROFILE_AREAS, VALUE_MAP_AREAS, Area, CanvasItem
from canvas.ranking import RANKS, rank_key
from i18n import translate

AREAS = (*PROFILE_AREAS, *VALUE_MAP_AREAS)


def type_key(item: CanvasItem) -> str | None:
    if item.area == Area.JOBS and item.job_type:
        return f"canvas.job_type.{item.job_type}"
    if item.area == Area.GAINS and item.gain_type:
        return f"canvas.gain_type.{item.gain_type}"
    return None


def item_codes(items: list[CanvasItem], lang: str) -> dict[str, str]:
    """Short, stable labels (PS1, P2 ... / PL1, K2 ...) used by link badges and the matrix:
    the domain's one rule (canvas.codes), which the PDF uses too."""
    return note_codes(items, lang)


def labels(lang: str) -> dict[str, Any]:
    def tr(key: str, **params: Any) -> str:
        return translate(lang, key, **params)

    return {
        "lang": lang,
        "value_map": tr("canvas.value_map"),
        "profile": tr("canvas.profile"),
        "areas": {str(area): tr(f"canvas.area.{area}") for area in AREAS},
        "add": {str(area): tr(f"canvas.board.add.{area}") for area in AREAS},
        "empty_zone": {str(area): tr(f"canvas.board.empty.{area}") for area in AREAS},
        "evidence": {level: tr(f"canvas.evidence.{level}") for level in EVIDENCE_LEVELS},
        "link_mode": tr("canvas.board.link_mode"),
        "strength": tr("canvas.field.strength"),
        "full": tr("canvas.strength.full"),
        "partial": tr("canvas.strength.partial"),
        "link_pick_source": tr("canvas.board.link_pick_source"),
        "link_pick_target": {
            "relievers": tr("canvas.board.link_pick_target.relievers"),
            "creators": tr("canvas.board.link_pick_target.creators"),
            "products": tr("canvas.board.link_pick_target.products"),
        },
        "delete": tr("canvas.board.delete"),
        "edit": tr("canvas.board.edit"),
        "empty_note": tr("canvas.error.empty_note"),
        "shortcuts": tr("canvas.board.shortcuts"),
        # Issue 14: list layout, the one Tab stop, Undo, the key to codes and symbols.
        "board": tr("canvas.board.region"),
        "shortcuts_touch": tr("canvas.board.shortcuts_touch"),
        "strength_label": tr("canvas.board.strength_label"),
        "strength_help": tr("canvas.board.strength_help"),
        "full_help": tr("canvas.board.full_help"),
        "partial_help": tr("canvas.board.partial_help"),
        "partial_short": tr("canvas.board.partial_short"),
        "codes": {str(area): area_prefix(area, lang) for area in AREAS},
        "code_title": tr("canvas.board.code_title"),
        "rank": tr("canvas.board.rank"),
        "rank_words": {str(area): {rank: tr(rank_key(area, rank)) for rank in RANKS} for area in AREAS},
        "linked_to": tr("canvas.board.linked_to"),
        "link_out": tr("canvas.board.link_out"),
        "link_in": tr("canvas.board.link_in"),
        "actions": tr("canvas.board.actions"),
        "move_to": tr("canvas.board.move_to"),
        "edit_short": tr("canvas.board.edit_short"),
        "link_short": tr("canvas.board.link_short"),
        "deleted_status": tr("canvas.board.deleted_status"),
        "moved_status": tr("canvas.board.moved_status"),
        "linked_status": tr("canvas.board.linked_status"),
        "restoring": tr("canvas.board.restoring"),
        "more": tr("canvas.board.more"),
        "key": {
            part: tr(f"canvas.board.key.{part}")
            for part in ("title", "codes", "links", "rank", "degree", "evidence", "more")
        },
    }


def note_badges(item: CanvasItem, lang: str, voice: str | None = None) -> list[dict[str, str]]:
    """Small marks on a note, drawn by the board's one badge hook (board.js, renderBadges):
    each a dict {kind, text, title, tone}, text already translated. `kind` is a short
    [a-z0-9-] name for styling (nb-badge-<kind>); `tone` is neutral | good | warn | bad.
    Add a feature's badge here (an author, an evidence verdict, a customer tag, a diff
    mark): the board and the phone list show it with no change to the JavaScript.
    `voice`: "survey" or "workshop" when the note came from customers (issue 17)."""
    badges: list[dict[str, str]] = []
    if voice:
        text = translate(lang, f"cocreation.tag.{voice}")
        badges.append({"kind": "customer", "text": text, "title": text, "tone": "neutral"})
    return badges


def build_payload(
    board: Board,
    report: FitReport,
    lang: str,
    *,
    sort_by_rank: bool,
    revision: int,
    votes: dict[str, int] | None = None,
    voices: dict[str, str] | None = None,
) -> dict[str, Any]:
    """`votes`: each note's dot votes from workshops whose totals are out."""
    codes = item_codes(board.items, lang)
    votes = votes or {}
    voices = voices or {}
    degree_labels = {
        1.0: translate(lang, "canvas.degree.full"),
        0.5: translate(lang, "canvas.degree.partial"),
        0.0: translate(lang, "canvas.degree.none"),
    }
    items = []
    for order, item in enumerate(board.items):
        kind = type_key(item)
        degree = report.degree.get(item.id)
        items.append(
            {
                "id": item.id,
                "area": str(item.area),
                "text": item.text,
                "rank": item.rank,
                "rank_label": translate(lang, rank_key(item.area, item.rank)),
                "evidence": item.evidence,
                "evidence_note": item.evidence_note,
                "version": item.version,
                "type_label": translate(lang, kind) if kind else "",
                "code": codes[item.id],
                "order": order,
                "degree": degree,
                "degree_label": degree_labels.get(degree, "") if degree is not None else "",
                # Who wrote it in a workshop, and the room's votes: kept when the workshop ends.
                "author_label": translate(lang, "canvas.board.author", name=item.author) if item.author else "",
                "votes": votes.get(item.id, 0),
                "votes_label": translate(lang, "canvas.board.votes", count=votes[item.id]) if item.id in votes else "",
                "badges": note_badges(item, lang, voices.get(item.id)),
            }
        )
    links = [
        {"id": link.id, "source": link.source_id, "target": link.target_id, "strength": link.strength}
        for link in board.links
    ]
    return {
        "rev": f"{board.canvas.id}:{revision}:{int(sort_by_rank)}:{lang}",
        "sort_by_rank": sort_by_rank,
        "items": items,
        "links": links,
        "labels": labels(lang),
        **board_rules(),
    }


def board_rules() -> dict[str, Any]:
    """The canvas rules board.js follows, sent rather than copied into it (canvas.models):
    the areas in reading order and the area each value-map area links to."""
    return {
        "area_order": [str(area) for area in AREA_ORDER],
        "link_targets": {str(source): str(target) for source, target in LINK_TARGET.items()},
    }

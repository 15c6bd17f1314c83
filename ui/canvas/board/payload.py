"""What the board component receives: notes, links and every label, already translated.

No Streamlit here, so the payload can be tested and cached on its own. User text goes in as
plain strings; the component sets it with textContent, never as HTML.
"""

from __future__ import annotations

from typing import Any

from canvas.fit import FitReport
from canvas.models import PROFILE_AREAS, VALUE_MAP_AREAS, Area, CanvasItem
from canvas.ranking import rank_key
from canvas.service import Board
from i18n import translate

AREAS = (*PROFILE_AREAS, *VALUE_MAP_AREAS)


def type_key(item: CanvasItem) -> str | None:
    if item.area == Area.JOBS and item.job_type:
        return f"canvas.job_type.{item.job_type}"
    if item.area == Area.GAINS and item.gain_type:
        return f"canvas.gain_type.{item.gain_type}"
    return None


def item_codes(items: list[CanvasItem], lang: str) -> dict[str, str]:
    """Short, stable labels (P1, G2 ... / K1, H2 ...) used by link badges and the matrix."""
    counters: dict[Area, int] = {}
    codes: dict[str, str] = {}
    prefix = {area: translate(lang, f"canvas.code.{area}") for area in AREAS}
    for item in items:  # the store returns them in position order, so codes don't jump around
        counters[item.area] = counters.get(item.area, 0) + 1
        codes[item.id] = f"{prefix[item.area]}{counters[item.area]}"
    return codes


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
        "evidence": {level: tr(f"canvas.evidence.{level}") for level in ("assumption", "observed", "validated")},
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
    }


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
                # From customers (issue 17): "survey" or "workshop" -> a small tag on the note.
                "customer_label": translate(lang, f"cocreation.tag.{voices[item.id]}") if item.id in voices else "",
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
    }

"""What the assumptions-map component receives: points and labels, already translated.

No Streamlit here. User text goes in as plain strings; the component sets it with
textContent, never as HTML.
"""

from __future__ import annotations

from typing import Any

from canvas.ranking import rank_key
from experiments.assumptions_map import AssumptionsMap
from experiments.map_layout import GAP, MapLayout
from i18n import translate

QUADRANTS = ("test_first", "safe", "later", "defer")


def labels(lang: str) -> dict[str, Any]:
    return {
        "title": translate(lang, "experiments.map.title"),
        "help": translate(lang, "experiments.map.help"),
        "important": translate(lang, "experiments.map.important"),
        "unimportant": translate(lang, "experiments.map.unimportant"),
        "evidence": translate(lang, "experiments.map.evidence"),
        "no_evidence": translate(lang, "experiments.map.no_evidence"),
        "quadrants": {name: translate(lang, f"experiments.map.quadrant.{name}") for name in QUADRANTS},
    }


def build_payload(
    amap: AssumptionsMap,
    placed: MapLayout,
    codes: dict[str, str],
    placement_versions: dict[str, int],
    selected: set[str],
    lang: str,
    *,
    rev: str,
) -> dict[str, Any]:
    proposed = {proposal.point.item.id for proposal in amap.proposals}
    points = []
    for point in amap.points:
        item = point.item
        slot = placed.slots[item.id]
        quadrant = translate(lang, f"experiments.map.quadrant.{point.quadrant}")
        label = translate(
            lang,
            "experiments.map.note_label",
            code=codes.get(item.id, ""),
            text=item.text,
            quadrant=quadrant,
            importance=round(point.importance * 100),
            evidence=round(point.evidence * 100),
        )
        points.append(
            {
                "id": item.id,
                "code": codes.get(item.id, ""),
                "text": item.text,
                "detail": " · ".join(
                    [
                        translate(lang, rank_key(item.area, item.rank)),
                        translate(lang, f"canvas.evidence.{item.evidence}"),
                        *([translate(lang, "experiments.map.placed_badge")] if point.placed else []),
                    ]
                ),
                "area": str(item.area),
                "evidence_level": item.evidence,
                "slot": [slot.col, slot.row],
                "quadrant": point.quadrant,
                "placed": point.placed,
                "placement_version": placement_versions.get(item.id),
                "selected": item.id in selected,
                "proposed": item.id in proposed,
                "label": label,
            }
        )
    return {
        "rev": f"{rev}:{lang}:{','.join(sorted(selected))}",
        "grid": {"cols": placed.cols, "rows": placed.rows, "gap": GAP},
        "points": points,
        "labels": labels(lang),
    }

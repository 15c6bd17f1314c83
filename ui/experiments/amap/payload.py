"""What the assumptions-map component receives: points and labels, already translated.

No Streamlit here. User text goes in as plain strings; the component sets it with
textContent, never as HTML.
"""

from __future__ import annotations

from typing import Any

from canvas.ranking import rank_key
from experiments.assumptions_map import AssumptionsMap, display_spots
from i18n import translate

SHORT = 26
QUADRANTS = ("test_first", "safe", "later", "defer")


def shorten(text: str, limit: int = SHORT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


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
    codes: dict[str, str],
    placement_versions: dict[str, int],
    selected: set[str],
    lang: str,
    *,
    rev: str,
) -> dict[str, Any]:
    proposed = {proposal.point.item.id for proposal in amap.proposals}
    spots = display_spots(amap)
    points = []
    for point in amap.points:
        item = point.item
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
                "text": f"{item.text} · {translate(lang, rank_key(item.area, item.rank))} · "
                f"{translate(lang, f'canvas.evidence.{item.evidence}')}",
                "short": shorten(item.text),
                "area": str(item.area),
                "evidence_level": item.evidence,
                "importance": round(spots[item.id][0], 4),
                "evidence": round(spots[item.id][1], 4),
                "quadrant": point.quadrant,
                "placed": point.placed,
                "placement_version": placement_versions.get(item.id),
                "selected": item.id in selected,
                "proposed": item.id in proposed,
                "label": label,
            }
        )
    return {"rev": f"{rev}:{lang}:{','.join(sorted(selected))}", "points": points, "labels": labels(lang)}

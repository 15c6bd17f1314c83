"""The read-only canvas-layout view of a comparison: added notes outlined green, removed
ones as grey ghosts, changed ones with old and new text, moved / re-ranked ones marked.

Our own HTML (not the live board component): every piece of user text goes through
html.escape before it meets the markup.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from canvas.models import Area
from history.diff import CanvasDiff, NoteDiff

# Where each area sits: the value map (square) on the left, the customer profile on the right.
LAYOUT = (
    ("value", (Area.PRODUCTS, Area.CREATORS, Area.RELIEVERS)),
    ("profile", (Area.GAINS, Area.PAINS, Area.JOBS)),
)
GRID_AREA = {
    Area.PRODUCTS: "products",
    Area.CREATORS: "creators",
    Area.RELIEVERS: "relievers",
    Area.GAINS: "gains",
    Area.PAINS: "pains",
    Area.JOBS: "jobs",
}

CSS = """
<style>
.hx-board{display:grid;grid-template-columns:1fr 1fr;gap:12px;font-family:inherit}
.hx-side{display:grid;gap:8px;border:1px solid #c9d3cf;border-radius:10px;padding:8px;background:#fbfcfb}
.hx-side.value{grid-template-columns:1fr 1fr;grid-template-areas:"products creators" "products relievers"}
.hx-side.profile{grid-template-columns:1fr 1fr;grid-template-areas:"gains jobs" "pains jobs";border-radius:40px}
.hx-area{border:1px dashed #d5dcd9;border-radius:8px;padding:6px;min-height:60px}
.hx-area h4{font-size:.8rem;margin:0 0 6px 0;color:#2f4f46;text-transform:uppercase;letter-spacing:.03em}
.hx-note{background:#fff7c2;border:1px solid #e5d98a;border-radius:6px;padding:5px 7px;margin:0 0 6px 0;
 font-size:.85rem;line-height:1.25;word-wrap:break-word}
.hx-note.added{outline:3px solid #1e9e4a;outline-offset:0;background:#eafbef}
.hx-note.removed{background:#eee;border:1px dashed #999;color:#777;opacity:.75}
.hx-note.removed .hx-text{text-decoration:line-through}
.hx-note.changed{border-color:#b7791f}
.hx-code{font-weight:700;margin-right:2px}
.hx-old{color:#8a5a00;text-decoration:line-through;display:block;font-size:.8rem}
.hx-new{display:block}
.hx-badges{margin-top:3px}
.hx-badge{display:inline-block;font-size:.7rem;border-radius:8px;padding:0 6px;margin:2px 4px 0 0;
 background:#e8eef9;color:#1f4f99}
.hx-badge.rank{background:#fdf0d5;color:#8a5a00}
.hx-badge.links{background:#efe7fa;color:#5b2f99}
.hx-links{margin:10px 0 0 0;padding:0;list-style:none;font-size:.85rem}
.hx-links li{margin:2px 0}
.hx-links .added{color:#1e7a3c}.hx-links .changed{color:#8a5a00}
.hx-links .removed{color:#777;text-decoration:line-through}
.hx-legend{display:flex;flex-wrap:wrap;gap:10px;margin:8px 0;font-size:.8rem;align-items:center}
.hx-legend .hx-note{margin:0;padding:2px 8px}
@media (max-width:700px){
 .hx-board{grid-template-columns:1fr}
 .hx-side.value,.hx-side.profile{grid-template-columns:1fr;grid-template-areas:none;border-radius:10px}
 .hx-side .hx-area{grid-area:auto !important}
}
</style>
"""


def _note_html(note: NoteDiff, tr: Callable[..., str], area_name: Callable[[str], str], code: str) -> str:
    classes = ["hx-note"]
    if note.status in ("added", "removed"):
        classes.append(note.status)
    elif note.text_changed:
        classes.append("changed")
    shown = note.shown
    if note.text_changed and note.old and note.new:
        body = (
            f'<span class="hx-old">{html.escape(note.old.text)}</span>'
            f'<span class="hx-new hx-text">{html.escape(note.new.text)}</span>'
        )
    else:
        body = f'<span class="hx-text">{html.escape(shown.text)}</span>'
    badges = []
    if note.moved and note.old and note.new:
        if note.old.area != note.new.area:
            badges.append(("", tr("history.mark.moved", area=area_name(note.old.area))))
        else:
            badges.append(("", tr("history.legend.moved")))
    if note.reranked and note.old and note.new:
        badges.append(("rank", tr("history.mark.reranked", old=note.old.rank, new=note.new.rank)))
    if note.links_added or note.links_removed:
        badges.append(("links", tr("history.mark.links", added=note.links_added, removed=note.links_removed)))
    badge_html = "".join(f'<span class="hx-badge {kind}">{html.escape(text)}</span>' for kind, text in badges)
    body = f'<span class="hx-code">{html.escape(code)}</span> {body}' if code else body
    status = html.escape(note.status)
    return (
        f'<div class="{" ".join(classes)}" data-status="{status}" data-note="{html.escape(note.id)}">{body}'
        + (f'<div class="hx-badges">{badge_html}</div>' if badge_html else "")
        + "</div>"
    )


def legend_html(tr: Callable[..., str]) -> str:
    return (
        '<div class="hx-legend">'
        f"<strong>{html.escape(tr('history.legend.title'))}</strong>"
        f'<span class="hx-note added">{html.escape(tr("history.legend.added"))}</span>'
        f'<span class="hx-note removed"><span class="hx-text">{html.escape(tr("history.legend.removed"))}</span></span>'
        f'<span class="hx-note changed">{html.escape(tr("history.legend.changed"))}</span>'
        f'<span class="hx-badge">{html.escape(tr("history.legend.moved"))}</span>'
        f'<span class="hx-badge rank">{html.escape(tr("history.legend.reranked"))}</span>'
        f'<span class="hx-badge links">{html.escape(tr("history.legend.linked"))}</span>'
        "</div>"
    )


def board_html(diff: CanvasDiff, tr: Callable[..., str], codes: dict[str, str]) -> str:
    """The comparison drawn in the canvas layout, each note by its board code, with its legend."""

    def area_name(area: str) -> str:
        return tr(f"canvas.area.{area}")

    by_area: dict[str, list[NoteDiff]] = {}
    for note in diff.notes:
        by_area.setdefault(str(note.shown.area), []).append(note)
    sides = []
    for side, areas in LAYOUT:
        boxes = []
        for area in areas:
            notes = "".join(_note_html(n, tr, area_name, codes.get(n.id, "")) for n in by_area.get(str(area), []))
            boxes.append(
                f'<div class="hx-area" style="grid-area:{GRID_AREA[area]}">'
                f"<h4>{html.escape(area_name(str(area)))}</h4>{notes}</div>"
            )
        sides.append(f'<div class="hx-side {side}">{"".join(boxes)}</div>')
    return CSS + legend_html(tr) + f'<div class="hx-board">{"".join(sides)}</div>'


def links_html(diff: CanvasDiff, tr: Callable[..., str], codes: dict[str, str]) -> str:
    """The links that came, went or changed strength, named by their notes' codes and texts."""
    if not diff.links:
        return ""
    texts = {n.id: f"{codes[n.id]} {n.shown.text}" if codes.get(n.id) else n.shown.text for n in diff.notes}
    rows = []
    for link in diff.links:
        source = html.escape(texts.get(link.source_id, "?"))
        target = html.escape(texts.get(link.target_id, "?"))
        strength = link.new_strength or link.old_strength or "full"
        what = html.escape(tr(f"history.links.{link.status}", strength=tr(f"history.strength.{strength}")))
        rows.append(f'<li class="{html.escape(link.status)}">{what}: “{source}” → “{target}”</li>')
    title = html.escape(tr("history.legend.linked"))
    return f'<strong>{title}</strong><ul class="hx-links">{"".join(rows)}</ul>'

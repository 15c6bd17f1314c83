"""The workshop board as HTML: the canvas areas with sticky notes, the current step
highlighted, for participants (phone to laptop), the facilitator and the projector.

Every piece of user text goes through html.escape; nothing here runs scripts.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

from canvas.models import PROFILE_AREAS, VALUE_MAP_AREAS
from core.tokens import format_code
from i18n import translate
from workshop.room import BoardNote, WorkshopView, seconds_left

STYLE = """
<style>
.nw-board{display:grid;grid-template-columns:1fr 1fr;gap:14px;font-family:inherit}
.nw-panel{border:2px solid #c9d3cf;padding:10px;background:#fbfcfb}
.nw-map{border-radius:6px}
.nw-profile{border-radius:48px}
.nw-panel>h2{margin:0 0 6px 8px;font-size:.95rem;color:#2f6f5e;font-weight:600}
.nw-areas{display:grid;gap:10px}
.nw-area{border:2px dashed #d7ddda;border-radius:12px;padding:8px;min-height:70px}
.nw-area.nw-current{border:3px solid #e0a100;background:#fff8e1;opacity:1;box-shadow:0 0 0 4px #ffe08a}
.nw-area h3{margin:0 0 6px 0;font-size:.9rem;display:flex;justify-content:space-between}
.nw-area h3 span{color:#505955;font-weight:400}
.nw-notes{display:flex;flex-wrap:wrap;gap:8px;margin:0;padding:0}
.nw-note{background:#fff3a8;border-radius:4px;padding:6px 8px;min-width:90px;max-width:220px;
  box-shadow:0 1px 3px rgba(0,0,0,.18);font-size:.88rem;overflow-wrap:anywhere;position:relative}
.nw-note.nw-mine{background:#d8f1e4;outline:2px solid #2f6f5e}
.nw-note.nw-hidden{background:#eceff1;font-style:italic}
.nw-note small{display:block;color:#434b47;font-size:.72rem;margin-top:3px}
.nw-note.nw-from-customer{background:#dbeafb;border-left:6px solid #1d4f8c}
.nw-customer{color:#1d4f8c;font-weight:700;text-transform:uppercase;letter-spacing:.04em}
.nw-legend{display:flex;gap:10px;align-items:center;margin-left:8px;font-size:1.1rem;color:#434b47}
.nw-legend .nw-swatch{font-size:.85rem;font-weight:700;color:#1d4f8c;padding:2px 8px}
.nw-votes{position:absolute;top:-8px;right:-8px;background:#c0392b;color:#fff;border-radius:999px;
  min-width:22px;height:22px;font-size:.75rem;display:flex;align-items:center;justify-content:center;padding:0 5px}
.nw-dots{color:#2f6f5e;font-size:.75rem}
.nw-empty{color:#59625e;font-size:.8rem}
.nw-status{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin:2px 0 6px 0}
.nw-chip{border-radius:999px;padding:3px 10px;background:#eef3f1;font-size:.85rem}
.nw-chip.nw-step{background:#fff3c4;font-weight:600}
.nw-chip.nw-timer{background:#2f6f5e;color:#fff;font-variant-numeric:tabular-nums;font-weight:700}
.nw-chip.nw-timeup{background:#c0392b;color:#fff;font-weight:700}
.nw-big .nw-note{font-size:1.05rem;max-width:none;flex:1 1 auto;padding:4px 8px}
.nw-big .nw-notes{gap:6px}
.nw-big .nw-areas{grid-template-columns:repeat(3,1fr)}
.nw-big .nw-area h3{font-size:1.2rem}
.nw-big .nw-panel>h2{font-size:1.2rem}
.nw-big .nw-chip{font-size:1.4rem;padding:6px 16px}
.nw-join{container-type:inline-size}
.nw-code{font-size:min(3.2rem,14cqi);font-weight:800;letter-spacing:.12em;font-family:ui-monospace,monospace;white-space:nowrap;line-height:1.1}
.nw-code-big{font-size:min(8rem,14.5cqi)}
@media (max-width:640px){.nw-board{grid-template-columns:1fr}.nw-profile{border-radius:24px}
  .nw-has-current{order:-1}.nw-area.nw-current{order:-1}
  .nw-note{max-width:100%}}
</style>
"""


def area_label(lang: str, area: str) -> str:
    return translate(lang, f"workshop.area.{area}")


def note_html(lang: str, note: BoardNote, *, show_authors: bool) -> str:
    classes = ["nw-note"]
    if note.mine:
        classes.append("nw-mine")
    if note.hidden:
        classes.append("nw-hidden")
    if note.customer:
        classes.append("nw-from-customer")
    parts = [f'<div class="{" ".join(classes)}" data-note-id="{html.escape(note.id)}">', html.escape(note.text)]
    meta = []
    if note.mine:
        meta.append(translate(lang, "workshop.board.mine"))
    elif show_authors and note.author:
        meta.append(html.escape(note.author))
    if note.hidden:
        meta.append(translate(lang, "workshop.board.hidden_note"))
    if note.customer:  # issue 17: the customer's own voice, told apart from the team's
        meta.append(f'<span class="nw-customer">{html.escape(translate(lang, "cocreation.tag.workshop"))}</span>')
    if note.my_votes:
        meta.append(f'<span class="nw-dots">{"●" * note.my_votes}</span>')
    if meta:
        parts.append(f"<small>{' · '.join(meta)}</small>")
    if note.votes is not None:
        title = html.escape(translate(lang, "workshop.board.votes", count=note.votes))
        parts.append(f'<b class="nw-votes" title="{title}">{note.votes}</b>')
    parts.append("</div>")
    return "".join(parts)


def _shared_or_own(lang: str, note: BoardNote, show_authors: bool, shared: Mapping[str, str]) -> str:
    """A note that isn't the viewer's and holds none of their votes is the shared copy."""
    if not note.mine and not note.my_votes and note.id in shared:
        return shared[note.id]
    return note_html(lang, note, show_authors=show_authors)


def _area_html(lang: str, view: WorkshopView, area: str, *, show_authors: bool, shared: Mapping[str, str]) -> str:
    notes = view.by_area.get(area, [])
    current = " nw-current" if view.workshop.current_area == area else ""
    body = "".join(_shared_or_own(lang, note, show_authors, shared) for note in notes)
    if not body:
        body = f'<div class="nw-empty">{translate(lang, "workshop.board.empty_area")}</div>'
    return (
        f'<div class="nw-area{current}" data-area="{area}">'
        f"<h3>{html.escape(area_label(lang, area))}<span>{len(notes)}</span></h3>"
        f'<div class="nw-notes">{body}</div></div>'
    )


def shows_authors(view: WorkshopView) -> bool:
    return view.viewer != "projector"


def board_html(lang: str, view: WorkshopView, *, big: bool = False, shared: Mapping[str, str] | None = None) -> str:
    """The whole board. Authors show for the facilitator and once notes are revealed.
    `shared` holds, by note id, note_html of the notes as everyone but their author sees
    them (RoomState.shared_notes), drawn once per room, language and viewer kind."""
    show_authors = shows_authors(view)
    shared = shared or {}
    panels = []
    for css, title_key, areas in (
        ("nw-map", "workshop.board.value_map", VALUE_MAP_AREAS),
        ("nw-profile", "workshop.board.profile", PROFILE_AREAS),
    ):
        inner = "".join(_area_html(lang, view, area.value, show_authors=show_authors, shared=shared) for area in areas)
        if view.workshop.current_area in {area.value for area in areas}:
            css += " nw-has-current"
        panels.append(
            f'<section class="nw-panel {css}"><h2>{translate(lang, title_key)}</h2>'
            f'<div class="nw-areas">{inner}</div></section>'
        )
    wrapper = "nw-wrap nw-big" if big else "nw-wrap"
    return f'{STYLE}<div class="{wrapper}"><div class="nw-board">{"".join(panels)}</div></div>'


def format_seconds(seconds: int) -> str:
    minutes, secs = divmod(max(seconds, 0), 60)
    return f"{minutes:02d}:{secs:02d}"


def status_html(lang: str, view: WorkshopView, *, big: bool = False, now: float | None = None) -> str:
    """Step, timer, private/locked/voting state and the viewer's votes left."""
    workshop = view.workshop
    chips = []
    if workshop.current_area:
        label = html.escape(area_label(lang, workshop.current_area))
        chips.append(f'<span class="nw-chip nw-step">{translate(lang, "workshop.status.step", area=label)}</span>')
    left = seconds_left(workshop, now)
    if left is not None:
        up = html.escape(translate(lang, "workshop.status.time_up"))
        if left > 0:
            # A countdown for the static board; the live one counts down in the browser (ui/workshop/live_board).
            chips.append(
                f'<span class="nw-chip nw-timer" data-testid="nw-timer" data-seconds-left="{left}" '
                f'data-time-up="{up}">⏱ {format_seconds(left)}</span>'
            )
        else:
            chips.append(f'<span class="nw-chip nw-timeup" data-testid="nw-timer">{up}</span>')
    if workshop.private_mode:
        text = translate(lang, "workshop.status.private", count=view.hidden_count)
        chips.append(f'<span class="nw-chip">{text}</span>')
    if workshop.locked:
        chips.append(f'<span class="nw-chip">{translate(lang, "workshop.status.locked")}</span>')
    if workshop.voting_open:
        if view.viewer == "participant":
            text = translate(lang, "workshop.status.votes_left", count=view.votes_left, budget=workshop.vote_budget)
        else:
            text = translate(lang, "workshop.status.voting_open")
        chips.append(f'<span class="nw-chip nw-step" data-testid="nw-votes-left">{text}</span>')
    elif workshop.votes_revealed:
        chips.append(f'<span class="nw-chip">{translate(lang, "workshop.status.voting_closed")}</span>')
    if view.viewer != "participant":
        people = translate(lang, "workshop.status.participants", count=view.participant_count)
        chips.append(f'<span class="nw-chip">{people}</span>')
    cls = "nw-status nw-big" if big else "nw-status"
    return f'{STYLE}<div class="{cls}">{"".join(chips)}</div>'


def join_panel_html(lang: str, code: str, join_url: str, *, big: bool = False) -> str:
    """The join link and code, large, for the projector. Both are ours; escaped anyway.
    The code never wraps: it scales with the width it has (container query units), so
    it stays on one line and as large as fits, readable from the back of a room."""
    code_class = "nw-code nw-code-big" if big else "nw-code"
    return (
        f'{STYLE}<div class="nw-join"><div style="font-size:1.1rem">{translate(lang, "workshop.join_at")}</div>'
        f'<div style="font-size:1.05rem;font-family:ui-monospace,monospace;overflow-wrap:anywhere">'
        f"{html.escape(join_url)}</div>"
        f'<div style="margin-top:8px;font-size:1.1rem">{translate(lang, "workshop.code_label")}</div>'
        f'<div class="{code_class}" data-testid="nw-code">{html.escape(format_code(code))}</div></div>'
    )

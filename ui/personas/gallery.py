"""The gallery of every persona in the project, filterable by segment."""

from __future__ import annotations

import streamlit as st

from core.actors import Actor
from feedback.nps import Nps
from personas import service as persona_service
from personas.models import Persona, Segment
from personas.service import UNASSIGNED, PersonaEntry
from ui.common.actor import current_actor
from ui.common.i18n import t
from ui.common.state import get_store
from ui.common.text import shorten
from ui.personas import card as persona_card
from ui.personas import state

COLUMNS = 3
ALL = "__all__"


@st.cache_data(max_entries=2000, show_spinner=False)
def _picture(actor: Actor, persona_id: str, version: int) -> bytes | None:
    """One persona's stored picture. Keyed by the row version, which every picture change
    bumps, so a cached picture is never stale; the gallery stops re-reading blobs. The actor
    is part of the key, so the domain checks each session's scope."""
    return persona_service.avatar_image(get_store(), actor, persona_id)


def pictures(personas: list[Persona]) -> dict[str, bytes]:
    actor = current_actor()
    found = {p.id: _picture(actor, p.id, p.version) for p in personas if p.has_avatar_image}
    return {persona_id: data for persona_id, data in found.items() if data}


def segment_filter(segments: list[Segment], entries: list[PersonaEntry]) -> str | None:
    """A select box of segments (with counts); returns a segment id, UNASSIGNED or None."""
    counts: dict[str, int] = {}
    for entry in entries:
        key = entry.segment.id if entry.segment else UNASSIGNED
        counts[key] = counts.get(key, 0) + 1
    options = [ALL, *(s.id for s in segments)]
    if counts.get(UNASSIGNED):
        options.append(UNASSIGNED)
    names = {s.id: s.name for s in segments}
    tr = state.fixed_t()

    def label(value: str) -> str:
        if value == ALL:
            return f"{tr('personas.filter_all')} ({len(entries)})"
        if value == UNASSIGNED:
            return f"{tr('personas.unassigned')} ({counts.get(UNASSIGNED, 0)})"
        return f"{shorten(names.get(value, ''), 50)} ({counts.get(value, 0)})"

    if st.session_state.get(state.FILTER_KEY) not in options:
        st.session_state[state.FILTER_KEY] = ALL
    chosen = st.selectbox(t("personas.filter"), options, format_func=label, key=state.FILTER_KEY, width=420)
    return None if chosen == ALL else chosen


def gallery(entries: list[PersonaEntry], images: dict[str, bytes], measured: dict[str, Nps] | None = None) -> None:
    if not entries:
        st.caption(t("personas.no_match"))
        return
    tr = state.fixed_t()
    st.html(persona_card.CSS)
    # Three columns filled in turn (a masonry layout): the reading order stays row by
    # row, and the page needs three layout blocks instead of a row of columns per three
    # cards, which keeps the rerun cheap (the gallery reruns on every click).
    columns = st.columns(COLUMNS, gap="medium")
    for index, entry in enumerate(entries):
        persona = entry.persona
        with columns[index % COLUMNS], st.container(border=True, key=f"personas-card-{persona.id}"):
            st.html(persona_card.mini_html(entry, images.get(persona.id), tr, (measured or {}).get(persona.id)))
            st.button(
                t("personas.open"),
                key=f"personas.open.{persona.id}",
                icon=":material/arrow_forward:",
                type="tertiary",
                on_click=state.select_persona,
                args=(persona.id,),
            )

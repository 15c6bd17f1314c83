"""Personas: the gallery of the project's personas, and one persona's card and editors."""

import streamlit as st

from ui.common.i18n import t
from ui.common.shell import ensure_app_shell
from ui.common.state import require_project
from ui.export import buttons as export_buttons
from ui.feedback import knowledge as customer_knowledge
from ui.personas import card as persona_card
from ui.personas import data as persona_data
from ui.personas import editor as persona_editor
from ui.personas import gallery as persona_gallery
from ui.personas import profile as persona_profile
from ui.personas import state
from ui.team import read_only

ensure_app_shell()

project = require_project()
read_only.stop_unless_editor(project, t("personas.title"))  # a viewer reads the project instead

with st.container(horizontal=True, vertical_alignment="bottom"):
    st.title(t("personas.title"))
    segments = persona_data.segments(project.id)
    persona_editor.new_persona_form(project.id, segments)
    export_buttons.export_popover(project.id, project.name, key="personas.export")
st.caption(t("personas.intro"))
persona_editor.undo_banner()

selected = state.selected_persona_id()
entry = None
if selected:
    entry = persona_data.entry_or_none(project.id, selected)
    if entry is None:
        state.select_persona(None)

if entry is None:
    entries = persona_data.gallery(project.id)
    if not entries:
        st.info(t("personas.empty"), icon=":material/person_add:")
        if not segments:
            st.caption(t("personas.no_segments_hint"))
            st.page_link("pages/portfolio.py", label=t("nav.portfolio"), icon=":material/bubble_chart:")
    else:
        chosen = persona_gallery.segment_filter(segments, entries)
        shown = persona_data.in_segment(entries, chosen)
        images = persona_gallery.pictures([e.persona for e in shown])
        persona_gallery.gallery(shown, images, persona_data.measured_nps(project.id))
else:
    persona = entry.persona
    persona_editor.toolbar(entry)
    image = persona_gallery.pictures([persona]).get(persona.id)
    tr = state.fixed_t()
    tabs = st.tabs(
        [
            t("personas.tab.card"),
            t("knowledge.tab"),
            t("personas.tab.profile"),
            t("personas.tab.details"),
            t("personas.tab.journey"),
            t("personas.tab.picture"),
            t("personas.tab.delete"),
        ]
    )
    with tabs[0]:
        if entry.segment is None and persona.segment_id:
            st.warning(t("personas.unassigned_deleted"), icon=":material/link_off:")
        measured = persona_data.measured_nps(project.id).get(persona.id)
        st.html(persona_card.card_html(entry, image, tr, measured))
        st.caption(t("personas.print_hint"))
    with tabs[1]:
        customer_knowledge.show(persona.id)
    with tabs[2]:
        persona_profile.profile_editor(entry)
    with tabs[3]:
        persona_editor.details_form(entry, segments)
    with tabs[4]:
        persona_editor.journey_form(entry)
    with tabs[5]:
        persona_editor.picture_form(entry, image)
    with tabs[6]:
        persona_editor.danger_zone(entry)

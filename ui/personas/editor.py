"""Forms of one persona: details, journey & participation, picture, and the actions
(duplicate, create a canvas, delete). Each form saves only the fields that changed,
against the version it was opened on."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from canvas import notes
from canvas.models import NoteOwner
from core.errors import StaleVersion
from core.models import text_limit
from personas import avatar
from personas import service as persona_service
from personas.models import Persona, PersonaDraft, Segment
from personas.service import UNASSIGNED, PersonaEntry
from ui.common import feedback, uploads
from ui.common.actor import current_actor
from ui.common.errors import guard
from ui.common.i18n import t
from ui.common.popover import close_popover, closing_popover
from ui.common.state import get_store, select_canvas
from ui.common.text import shorten
from ui.personas import state

# The domain's limits: each box shows its limit and counts towards it while typing.
NAME_LIMIT = text_limit(PersonaDraft, "name")
DETAIL_LIMIT = text_limit(PersonaDraft, "occupation")
QUOTE_LIMIT = text_limit(PersonaDraft, "quote")
LONG_LIMIT = text_limit(PersonaDraft, "bio")

STAGES = ("pre_purchase", "purchase", "post_purchase")
PARTICIPATION = ("low", "moderate", "high")
ROLES = ("productive_resource", "quality_contributor", "competitor")
NPS_OPTIONS: tuple[int | None, ...] = (None, *range(11))


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def segment_options(segments: list[Segment]) -> tuple[list[str], dict[str, str]]:
    names = {s.id: s.name for s in segments}
    return [UNASSIGNED, *names], names


def segment_label(names: dict[str, str]) -> Callable[[str], str]:
    tr = state.fixed_t()
    return lambda value: tr("personas.unassigned") if value == UNASSIGNED else shorten(names.get(value, value), 60)


def _save(persona: Persona, base: int, kind: str, values: dict[str, Any]) -> None:
    """Write what changed; on a stale version show theirs and refill the form from it."""
    current = persona.model_dump(mode="json")
    changes = {key: value for key, value in values.items() if current.get(key) != value}
    if not changes:
        st.toast(t("personas.saved"), icon=":material/check:")
        return
    with guard():
        try:
            saved = persona_service.update_persona(get_store(), current_actor(), persona.id, base, **changes)
        except StaleVersion as error:
            state.rebase(kind, persona.id, error.current.version)
            st.caption(t("personas.stale_reload"))
            raise
        state.rebase(kind, persona.id, saved.version)
        feedback.flash("personas.saved")
        st.rerun()


def details_form(entry: PersonaEntry, segments: list[Segment]) -> None:
    persona = entry.persona
    base = state.base_version("persona", persona.id, persona.version)
    k = f"personas.details.{persona.id}.{base}"
    options, names = segment_options(segments)
    live = persona.segment_id if persona.segment_id in names else None  # its segment, unless in the trash
    if persona.segment_id and not live:
        st.warning(t("personas.unassigned_deleted"), icon=":material/link_off:")
    with st.form(f"{k}.form", border=False):
        name = st.text_input(t("field.name"), value=persona.name, key=f"{k}.name", max_chars=NAME_LIMIT)
        segment = st.selectbox(
            t("field.segment_id"),
            options,
            index=options.index(live) if live else 0,
            format_func=segment_label(names),
            key=f"{k}.segment",
        )
        c1, c2, c3 = st.columns([1, 2, 2])
        age = c1.number_input(t("field.age"), min_value=0, max_value=120, step=1, value=persona.age, key=f"{k}.age")
        occupation = c2.text_input(
            t("field.occupation"), value=persona.occupation, key=f"{k}.occupation", max_chars=DETAIL_LIMIT
        )
        location = c3.text_input(
            t("field.location"), value=persona.location, key=f"{k}.location", max_chars=DETAIL_LIMIT
        )
        quote = st.text_input(t("field.quote"), value=persona.quote, key=f"{k}.quote", max_chars=QUOTE_LIMIT)
        bio = st.text_area(t("field.bio"), value=persona.bio, key=f"{k}.bio", height=100, max_chars=LONG_LIMIT)
        c1, c2 = st.columns(2)
        goals = c1.text_area(
            t("field.goals"), value="\n".join(persona.goals), help=t("personas.lines_help"), key=f"{k}.goals"
        )
        frustrations = c2.text_area(
            t("field.frustrations"),
            value="\n".join(persona.frustrations),
            help=t("personas.lines_help"),
            key=f"{k}.frustrations",
        )
        channels = st.text_area(
            t("field.channels"),
            value="\n".join(persona.channels),
            help=t("personas.lines_help"),
            key=f"{k}.channels",
            height=80,
        )
        if st.form_submit_button(t("personas.save"), type="primary", icon=":material/save:"):
            values: dict[str, Any] = {
                "name": name,
                "age": age,
                "occupation": occupation,
                "location": location,
                "quote": quote,
                "bio": bio,
                "goals": lines(goals),
                "frustrations": lines(frustrations),
                "channels": lines(channels),
            }
            # "Unassigned" on a persona whose segment is in the trash keeps the link, so
            # restoring the segment re-attaches it; picking a live segment changes it.
            if segment != UNASSIGNED:
                values["segment_id"] = segment
            elif live:
                values["segment_id"] = None
            _save(persona, base, "persona", values)


def journey_form(entry: PersonaEntry) -> None:
    tr = state.fixed_t()
    persona = entry.persona
    base = state.base_version("persona", persona.id, persona.version)
    k = f"personas.journey.{persona.id}.{base}"
    with st.form(f"{k}.form", border=False):
        st.caption(t("personas.touchpoints_help"))
        edited = st.data_editor(
            _touchpoint_frame(persona),
            num_rows="dynamic",
            key=f"{k}.touchpoints",
            column_order=("stage", "channel", "note"),
            column_config={
                "stage": st.column_config.SelectboxColumn(
                    t("personas.touchpoint.stage"),
                    options=list(STAGES),
                    required=True,
                    format_func=lambda s: tr(f"personas.stage.{s}"),
                    width="small",
                ),
                "channel": st.column_config.TextColumn(t("personas.touchpoint.channel"), max_chars=120, required=True),
                "note": st.column_config.TextColumn(t("personas.touchpoint.note"), max_chars=500),
            },
            hide_index=True,
        )
        participation = st.segmented_control(
            t("field.participation"),
            PARTICIPATION,
            default=persona.participation,
            format_func=lambda p: tr(f"personas.participation.{p}"),
            help=t("personas.participation_help"),
            key=f"{k}.participation",
        )
        roles = st.pills(
            t("field.roles"),
            ROLES,
            selection_mode="multi",
            default=persona.roles,
            format_func=lambda r: tr(f"personas.role.{r}"),
            key=f"{k}.roles",
        )
        st.markdown(f"**{t('personas.knowledge_title')}**")
        c1, c2, c3 = st.columns(3)
        k_for = c1.text_area(
            t("field.knowledge_for"),
            value=persona.knowledge_for,
            max_chars=LONG_LIMIT,
            help=t("personas.knowledge_for_help"),
            key=f"{k}.kfor",
        )
        k_from = c2.text_area(
            t("field.knowledge_from"),
            value=persona.knowledge_from,
            max_chars=LONG_LIMIT,
            help=t("personas.knowledge_from_help"),
            key=f"{k}.kfrom",
        )
        k_about = c3.text_area(
            t("field.knowledge_about"),
            value=persona.knowledge_about,
            max_chars=LONG_LIMIT,
            help=t("personas.knowledge_about_help"),
            key=f"{k}.kabout",
        )
        nps = st.select_slider(
            t("feedback.persona.nps_field"),  # an estimate: measured NPS comes from survey answers (issue 17)
            NPS_OPTIONS,
            value=persona.nps,
            format_func=lambda v: tr("personas.nps_none") if v is None else str(v),
            help=t("feedback.persona.nps_field_help"),
            key=f"{k}.nps",
        )
        if st.form_submit_button(t("personas.save_journey"), type="primary", icon=":material/save:"):
            touchpoints = [
                {
                    "stage": row.get("stage"),
                    "channel": (row.get("channel") or "").strip(),
                    "note": row.get("note") or "",
                }
                for row in _records(edited)
                if (row.get("channel") or "").strip() or row.get("stage")
            ]
            values = {
                "touchpoints": touchpoints,
                "participation": participation,
                "roles": list(roles or []),
                "knowledge_for": k_for,
                "knowledge_from": k_from,
                "knowledge_about": k_about,
                "nps": nps,
            }
            _save(persona, base, "persona", values)


def _touchpoint_frame(persona: Persona) -> Any:
    import pandas as pd

    rows = [tp.model_dump() for tp in persona.touchpoints]
    return pd.DataFrame(rows, columns=["stage", "channel", "note"], dtype="object")


def _records(edited: Any) -> list[dict[str, Any]]:
    if hasattr(edited, "to_dict"):
        return [
            {key: (None if value != value else value) for key, value in row.items()}  # NaN -> None
            for row in edited.to_dict("records")
        ]
    return list(edited)


def picture_form(entry: PersonaEntry, image: bytes | None) -> None:
    persona = entry.persona
    store = get_store()
    st.caption(t("personas.picture_intro"))
    upload = uploads.file_uploader(t("personas.picture_upload"), key=f"personas.upload.{persona.id}")
    if upload is not None:
        marker = f"personas.uploaded.{persona.id}"
        if st.session_state.get(marker) != upload.file_id:
            with guard():
                persona_service.set_avatar(store, current_actor(), persona.id, persona.version, upload.getvalue())
                st.session_state[marker] = upload.file_id
                feedback.flash("personas.picture_saved")
                st.rerun()
    c1, c2 = st.columns(2)
    with c1:
        color = st.color_picker(t("field.avatar_color"), value=persona.avatar_color, key=f"personas.color.{persona.id}")
        if st.button(t("personas.color_save"), key=f"personas.color_save.{persona.id}", icon=":material/palette:"):
            with guard():
                persona_service.update_persona(store, current_actor(), persona.id, persona.version, avatar_color=color)
                st.rerun()
    with c2:
        if image and st.button(
            t("personas.picture_remove"), key=f"personas.picture_remove.{persona.id}", icon=":material/hide_image:"
        ):
            with guard():
                persona_service.remove_avatar(store, current_actor(), persona.id, persona.version)
                feedback.flash("personas.picture_removed")
                st.rerun()


def toolbar(entry: PersonaEntry) -> None:
    """Back to the gallery, and the two one-click actions: a canvas from this persona, a copy."""
    persona = entry.persona
    store = get_store()
    actor = current_actor()
    with st.container(horizontal=True, vertical_alignment="center", key="personas-toolbar"):
        st.button(
            t("personas.back"),
            key="personas.back",
            icon=":material/arrow_back:",
            type="tertiary",
            on_click=state.select_persona,
            args=(None,),
        )
        st.space("stretch")
        canvases = persona_service.canvases_for_persona(store, actor, persona.id)
        if canvases:
            with st.popover(t("personas.canvases_count", count=len(canvases)), icon=":material/dashboard:"):
                st.caption(t("personas.canvases"))
                for canvas in canvases:
                    if st.button(
                        shorten(canvas.name, 60),
                        key=f"personas.open_canvas.{canvas.id}",
                        icon=":material/arrow_forward:",
                        type="tertiary",
                        help=t("personas.open_canvas"),
                    ):
                        select_canvas(canvas.id)
                        st.switch_page("pages/canvas.py")
        if st.button(
            t("personas.duplicate"),
            key="personas.duplicate",
            icon=":material/content_copy:",
            help=t("personas.duplicate_help"),
        ):
            with guard():
                copy = persona_service.duplicate_persona(
                    store, actor, persona.id, t("personas.copy_name", name=persona.name)[:120]
                )
                state.select_persona(copy.id)
                feedback.flash("personas.duplicated", name=copy.name)
                st.rerun()
        if st.button(
            t("personas.make_canvas"),
            key="personas.make_canvas",
            type="primary",
            icon=":material/dashboard:",
            help=t("personas.make_canvas_help"),
        ):
            with guard():
                name = t("personas.canvas_name", name=persona.name)[:120]
                canvas = persona_service.create_canvas_from_persona(store, actor, persona.id, name)
                select_canvas(canvas.id)
                st.switch_page("pages/canvas.py")


def danger_zone(entry: PersonaEntry) -> None:
    persona = entry.persona
    with st.container(border=True):
        st.caption(t("personas.delete_note"))
        confirmed = st.checkbox(t("personas.confirm_delete"), key=f"personas.confirm_delete.{persona.id}")
        if st.button(t("personas.delete"), key="personas.delete", icon=":material/delete:", disabled=not confirmed):
            with guard():
                persona_service.delete_persona(get_store(), current_actor(), persona.id)
                feedback.offer_undo(
                    state.UNDO_SCOPE, feedback.Deleted("persona", persona.id), "personas.deleted", name=persona.name
                )
                state.select_persona(None)
                st.rerun()


def undo_banner() -> None:
    """The one Undo of the Personas page: a deleted persona, or a note of a persona's profile."""
    feedback.undo_banner(state.UNDO_SCOPE, _restore)


def _restore(deleted: feedback.Deleted) -> None:
    store, actor = get_store(), current_actor()
    if deleted.kind == "persona":
        persona_service.restore_persona(store, actor, deleted.id)
        state.select_persona(deleted.id)
    else:
        notes.restore_note(store, actor, NoteOwner.of_persona(deleted.parent_id or ""), deleted.id)


def new_persona_form(project_id: str, segments: list[Segment]) -> None:
    options, names = segment_options(segments)
    chosen_filter = st.session_state.get(state.FILTER_KEY)
    default = options.index(chosen_filter) if chosen_filter in options else (1 if len(options) > 1 else 0)
    with closing_popover(t("personas.new"), "personas.new_popover", icon=":material/person_add:", type="primary"):
        with st.form("personas.new_form", clear_on_submit=True, border=False):
            name = st.text_input(t("field.name"), key="personas.new_name", max_chars=NAME_LIMIT)
            segment = st.selectbox(
                t("field.segment_id"),
                options,
                index=default,
                format_func=segment_label(names),
                key="personas.new_segment",
            )
            occupation = st.text_input(t("field.occupation"), key="personas.new_occupation", max_chars=DETAIL_LIMIT)
            if st.form_submit_button(t("personas.create"), type="primary"):
                with guard():
                    persona = persona_service.create_persona(
                        get_store(),
                        current_actor(),
                        project_id,
                        name=name,
                        occupation=occupation,
                        segment_id=None if segment == UNASSIGNED else segment,
                        avatar_color=avatar.color_for(name or ""),
                    )
                    state.select_persona(persona.id)  # its card and editors are the next step
                    feedback.flash("personas.created", name=persona.name)
                    close_popover("personas.new_popover")
                    st.rerun()

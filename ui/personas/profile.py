"""A persona's jobs, pains and gains: the same notes its canvases show as the customer
profile. Adding, editing and deleting go through canvas.notes, like on the board."""

from __future__ import annotations

from typing import TypedDict

import streamlit as st

from canvas import notes
from canvas.models import Area, CanvasItem, ItemDraft, NoteOwner
from canvas.ranking import RANKS
from core.errors import StaleVersion
from core.models import text_limit
from personas.service import PersonaEntry
from ui.common import feedback
from ui.common.actor import current_actor
from ui.common.errors import guard
from ui.common.i18n import current_language, t
from ui.common.state import get_store
from ui.common.text import md_escape
from ui.personas import state

# The domain's limits: each box shows its limit and counts towards it while typing.
NOTE_LIMIT = text_limit(ItemDraft, "text")

JOB_TYPES = ("functional", "social", "emotional", "supporting")
GAIN_TYPES = ("required", "expected", "desired", "unexpected")


class TypeField(TypedDict, total=False):
    """The one type field the area has (none for pains), as keyword arguments for canvas.notes."""

    job_type: str | None
    gain_type: str | None


def _type_field(area: Area, current: str | None, key: str) -> TypeField:
    tr = state.fixed_t()
    if area == Area.JOBS:
        options: tuple[str, ...] = JOB_TYPES
        field, label = "job_type", t("personas.item.job_type")
    elif area == Area.GAINS:
        options = GAIN_TYPES
        field, label = "gain_type", t("personas.item.gain_type")
    else:
        return {}
    value = st.selectbox(
        label,
        (None, *options),
        index=(None, *options).index(current) if current in options else 0,
        format_func=lambda v: "—" if v is None else tr(f"personas.item.{field}.{v}"),
        key=key,
    )
    return {"job_type": value} if area == Area.JOBS else {"gain_type": value}


def _item_row(persona_id: str, item: CanvasItem, code: str) -> None:
    """One note: its rank, code (as on the board) and text, and a menu to edit or delete it."""
    base = state.base_version("item", item.id, item.version)
    k = f"personas.item.{item.id}.{base}"
    with st.container(key=f"personas-item-{item.id}"):
        text_column, menu_column = st.columns([6, 1], gap="small", vertical_alignment="top")
        text_column.markdown(f"`{item.rank}` **{code}** {md_escape(item.text)}")
        with menu_column, st.popover("", icon=":material/more_vert:", help=t("personas.item.edit"), type="tertiary"):
            with st.form(f"{k}.form", border=False):
                text = st.text_area(t("field.text"), value=item.text, key=f"{k}.text", height=80, max_chars=NOTE_LIMIT)
                rank = st.segmented_control(
                    t("personas.item.rank"),
                    RANKS,
                    default=item.rank,
                    key=f"{k}.rank",
                    required=True,
                    help=t("canvas.field.rank_help"),
                )
                typed = _type_field(item.area, item.job_type or item.gain_type, f"{k}.type")
                if st.form_submit_button(t("personas.item.save"), type="primary"):
                    with guard():
                        try:
                            saved = notes.update_note(
                                get_store(),
                                current_actor(),
                                NoteOwner.of_persona(persona_id),
                                item.id,
                                base,
                                text=text,
                                rank=rank,
                                **typed,
                            )
                        except StaleVersion as error:
                            state.rebase("item", item.id, error.current.version)
                            raise
                        state.rebase("item", item.id, saved.version)
                        st.rerun()
            if st.button(
                t("personas.item.delete"),
                icon=":material/delete:",
                key=f"personas.item_delete.{item.id}",
                type="tertiary",
            ):
                with guard():
                    notes.delete_note(get_store(), current_actor(), NoteOwner.of_persona(persona_id), item.id)
                    feedback.offer_undo(
                        state.UNDO_SCOPE,
                        feedback.Deleted("item", item.id, persona_id),
                        "personas.item.deleted_note",
                        text=item.text,
                    )
                    st.rerun()


def _add_form(entry: PersonaEntry, area: Area) -> None:
    persona = entry.persona
    k = f"personas.add.{persona.id}.{area.value}"
    with st.form(k, clear_on_submit=True, border=False):
        text = st.text_input(
            t("personas.item.new"),
            key=f"{k}.text",
            label_visibility="collapsed",
            max_chars=NOTE_LIMIT,
            placeholder=t("personas.item.new"),
        )
        rank = st.segmented_control(
            t("personas.item.rank"), RANKS, default=3, key=f"{k}.rank", required=True, help=t("canvas.field.rank_help")
        )
        typed = _type_field(area, None, f"{k}.type")
        if st.form_submit_button(t("personas.item.add"), icon=":material/add:"):
            with guard():
                notes.add_note(
                    get_store(), current_actor(), NoteOwner.of_persona(persona.id), area, text, rank=rank or 3, **typed
                )
                st.rerun()


def profile_editor(entry: PersonaEntry) -> None:
    st.caption(t("personas.profile_intro"))
    columns = st.columns(3)
    codes = entry.codes(current_language())
    for column, area in zip(columns, (Area.JOBS, Area.PAINS, Area.GAINS), strict=True):
        with column, st.container(border=True, key=f"personas-area-{area.value}"):
            st.markdown(f"**{t(f'personas.area.{area.value}')}**")
            items = entry.profile.get(area, [])
            if not items:
                st.caption(t("personas.item.none"))
            for item in items:
                _item_row(entry.persona.id, item, codes.get(item.id, ""))
            _add_form(entry, area)

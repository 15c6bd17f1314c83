"""Choosing and managing the canvases of a project: create, rename, duplicate, delete (undo)."""

from __future__ import annotations

import streamlit as st

from canvas import canvases as canvas_canvases
from canvas import links, notes
from canvas.models import Canvas, CanvasDraft, NoteOwner
from core.models import Project, text_limit
from personas.models import Persona, Segment
from ui.canvas.data import project_lists
from ui.common import feedback
from ui.common.actor import current_actor
from ui.common.errors import guard
from ui.common.i18n import t
from ui.common.popover import close_popover, closing_popover
from ui.common.state import current_canvas_id, get_store, select_canvas
from ui.common.text import md_escape, shorten

# The domain's limits: each box shows its limit and counts towards it while typing.
NAME_LIMIT = text_limit(CanvasDraft, "name")
LONG_LIMIT = text_limit(CanvasDraft, "description")

UNDO_SCOPE = "canvas"  # the Canvas page's one Undo: a canvas, a note or a link


def _segments_and_personas(project_id: str) -> tuple[list[Segment], list[Persona]]:
    lists = project_lists(current_actor(), project_id)
    return lists.segments, lists.personas


def _owner_fields(prefix: str, project_id: str, segment_id: str | None = None, persona_id: str | None = None):
    segments, personas = _segments_and_personas(project_id)
    seg_names = {s.id: s.name for s in segments}
    per_names = {p.id: p.name for p in personas}
    no_segment, no_persona = t("canvas.no_segment"), t("canvas.no_persona")
    seg_options = [None, *seg_names]
    per_options = [None, *per_names]
    segment = st.selectbox(
        t("canvas.field.segment"),
        seg_options,
        index=seg_options.index(segment_id) if segment_id in seg_options else 0,
        format_func=lambda sid: seg_names.get(sid, no_segment),
        key=f"{prefix}.segment",
        help=t("canvas.field.segment_help") if segments else t("canvas.no_segments_yet"),
    )
    persona = st.selectbox(
        t("canvas.field.persona"),
        per_options,
        index=per_options.index(persona_id) if persona_id in per_options else 0,
        format_func=lambda pid: per_names.get(pid, no_persona),
        key=f"{prefix}.persona",
        help=t("canvas.field.persona_help"),
    )
    return segment, persona


NEW_POPOVER_KEY = "canvas.new_popover"
NEW_FIELD_KEYS = ("canvas.new_name", "canvas.new_description", "canvas.new.segment", "canvas.new.persona")


def new_canvas_form(project: Project, *, primary: bool = False) -> None:
    """ "New canvas": it closes once the canvas is made; a refused one keeps what was typed and chosen."""
    with closing_popover(
        t("canvas.new"), NEW_POPOVER_KEY, icon=":material/add:", type="primary" if primary else "secondary"
    ):
        with st.form("canvas.new_form", border=False):
            name = st.text_input(
                t("field.name"), key="canvas.new_name", placeholder=t("canvas.new_placeholder"), max_chars=NAME_LIMIT
            )
            description = st.text_area(
                t("field.description"), key="canvas.new_description", height=68, max_chars=LONG_LIMIT
            )
            segment, persona = _owner_fields("canvas.new", project.id)
            if st.form_submit_button(t("canvas.create"), type="primary", icon=":material/add:"):
                with guard():
                    canvas = canvas_canvases.create_canvas(
                        get_store(),
                        current_actor(),
                        project.id,
                        name,
                        description=description,
                        segment_id=segment,
                        persona_id=persona,
                    )
                    select_canvas(canvas.id)
                    for key in NEW_FIELD_KEYS:  # the next "New canvas" starts empty
                        st.session_state.pop(key, None)
                    close_popover(NEW_POPOVER_KEY)
                    st.rerun()


def _canvas_actions(project: Project, canvas: Canvas) -> None:
    store = get_store()
    with st.popover(t("canvas.manage"), icon=":material/tune:"):
        with st.form(f"canvas.edit_form.{canvas.id}.{canvas.version}", border=False):
            name = st.text_input(
                t("field.name"), value=canvas.name, key=f"canvas.edit_name.{canvas.id}", max_chars=NAME_LIMIT
            )
            description = st.text_area(
                t("field.description"),
                value=canvas.description,
                key=f"canvas.edit_description.{canvas.id}",
                height=68,
                max_chars=LONG_LIMIT,
            )
            segment, persona = _owner_fields(
                f"canvas.edit.{canvas.id}", project.id, canvas.segment_id, canvas.persona_id
            )
            if st.form_submit_button(t("common.save"), icon=":material/save:"):
                with guard():
                    canvas_canvases.update_canvas(
                        store,
                        current_actor(),
                        canvas.id,
                        canvas.version,
                        name=name,
                        description=description,
                        segment_id=segment,
                        persona_id=persona,
                    )
                    st.rerun()
        st.divider()
        if st.button(t("canvas.duplicate"), key="canvas.duplicate", icon=":material/content_copy:"):
            with guard():
                copy = canvas_canvases.duplicate_canvas(
                    store, current_actor(), canvas.id, t("canvas.copy_name", name=canvas.name)[:120]
                )
                select_canvas(copy.id)
                st.rerun()
        confirmed = st.checkbox(t("canvas.confirm_delete"), key=f"canvas.confirm_delete.{canvas.id}")
        if st.button(t("canvas.delete"), key="canvas.delete", icon=":material/delete:", disabled=not confirmed):
            with guard():
                canvas_canvases.delete_canvas(store, current_actor(), canvas.id)
                feedback.offer_undo(
                    UNDO_SCOPE, feedback.Deleted("canvas", canvas.id), "canvas.moved_to_trash", name=canvas.name
                )
                select_canvas(None)
                st.rerun()


def restore_deleted(deleted: feedback.Deleted) -> None:
    """Undo on the Canvas page: a canvas, or a note or link of the board."""
    store, actor = get_store(), current_actor()
    if deleted.kind == "canvas":
        canvas_canvases.restore_canvas(store, actor, deleted.id)
        select_canvas(deleted.id)
    elif deleted.kind == "item":
        notes.restore_note(store, actor, NoteOwner.of_canvas(deleted.parent_id or ""), deleted.id)
    else:
        links.restore_link(store, actor, deleted.parent_id or "", deleted.id)


def picker_width(longest: int) -> int:
    """Wide enough for the longest canvas name (about 7.6 px a character plus the arrow), so
    the chosen name is not cut; within 320-560 px, and a phone's column narrows it further."""
    return max(320, min(560, round(90 + 7.6 * longest)))


def canvas_picker(project: Project, *, read_only: bool = False) -> Canvas | None:
    """The canvas bar: which canvas, what it is tied to, and its actions (none for a viewer,
    `read_only`). None when there is no canvas."""
    feedback.undo_banner(UNDO_SCOPE, restore_deleted, kinds=("canvas",))
    canvases = project_lists(current_actor(), project.id).canvases
    if not canvases:
        st.info(t("canvas.empty_project"), icon=":material/dashboard:")
        if not read_only:
            new_canvas_form(project, primary=True)
        return None
    by_id = {c.id: c for c in canvases}
    chosen = current_canvas_id()
    if chosen not in by_id:
        chosen = canvases[0].id
        select_canvas(chosen)
    segments, personas = _segments_and_personas(project.id)
    seg_names = {s.id: s.name for s in segments}
    per_names = {p.id: p.name for p in personas}

    def _label(canvas_id: str) -> str:
        return shorten(by_id[canvas_id].name, 60)

    def _changed() -> None:
        select_canvas(st.session_state.get("canvas.picker"))

    st.session_state["canvas.picker"] = chosen
    longest = max(len(_label(canvas_id)) for canvas_id in by_id)
    with st.container(horizontal=True, vertical_alignment="bottom", key="canvas-bar"):
        st.selectbox(
            t("canvas.choose"),
            list(by_id),
            format_func=_label,
            key="canvas.picker",
            on_change=_changed,
            width=picker_width(longest),
        )
        canvas = by_id[chosen]
        if not read_only:
            _canvas_actions(project, canvas)
            new_canvas_form(project)
    tied = []
    if canvas.segment_id and canvas.segment_id in seg_names:
        tied.append(t("canvas.tied_segment", name=md_escape(shorten(seg_names[canvas.segment_id], 60))))
    if canvas.persona_id and canvas.persona_id in per_names:
        tied.append(t("canvas.tied_persona", name=md_escape(shorten(per_names[canvas.persona_id], 60))))
    if canvas.description:
        tied.append(md_escape(shorten(canvas.description, 200)))
    if tied:
        st.caption(" · ".join(tied))
    return canvas

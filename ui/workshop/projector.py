"""The projector page's ways in and out: without a code it lets the facilitator pick one
of the project's open workshops (or type a code); with one, a quiet link leads back."""

from __future__ import annotations

import streamlit as st

from canvas import canvases
from core.errors import NotFound, RateLimited
from core.tokens import format_code
from ui.common.actor import workspace
from ui.common.client import client
from ui.common.errors import show_error
from ui.common.i18n import t
from ui.common.state import current_project_id, get_store
from workshop import feed, joining
from workshop.models import Workshop

PICK_KEY = "present.pick"


def _show(code: str) -> None:
    st.query_params["code"] = code


def picker() -> None:
    """No code in the link: the project's open workshops to choose from, never "wrong code"."""
    st.title(t("present.pick.title"))
    actor = workspace()
    project_id = current_project_id()
    if actor is not None and project_id:
        store = get_store()
        open_ones = [w for w in joining.workshops_of_project(store, actor, project_id) if w.status == "open"]
        if open_ones:
            names = {c.id: c.name for c in canvases.list_canvases(store, actor, project_id)}
            st.write(t("present.pick.intro"))
            # Translated now, so the format_func never depends on when it is called.
            labels = {
                w.join_code: t("present.pick.option", canvas=names.get(w.canvas_id, ""), code=format_code(w.join_code))
                for w in open_ones
            }
            chosen = st.selectbox(t("present.pick.label"), list(labels), format_func=labels.__getitem__, key=PICK_KEY)
            st.button(
                t("present.pick.show"),
                type="primary",
                icon=":material/present_to_all:",
                on_click=_show,
                args=(chosen,),
                key="present.pick.show",
            )
        else:
            st.info(t("present.pick.none"), icon=":material/event_busy:")
            st.page_link("pages/workshop.py", label=t("nav.workshop"), icon=":material/groups_3:")
    elif actor is not None:
        st.info(t("present.pick.no_project"), icon=":material/folder_open:")
        st.page_link("pages/home.py", label=t("nav.home"), icon=":material/arrow_back:")
    with st.form("present.by_code", border=False, enter_to_submit=True):
        code = st.text_input(t("present.pick.by_code"), max_chars=16, key="present.code")
        if st.form_submit_button(t("present.pick.show"), icon=":material/present_to_all:") and code.strip():
            _show(code.strip())
            st.rerun()
    if actor is None:
        back_to_start()


def back_to_start() -> None:
    """A device without the sidebar (another device on the landing page) goes back here."""
    st.page_link("pages/home.py", label=t("paths.back_to_start"), icon=":material/arrow_back:")


def back_from_wall() -> None:
    """Small, at the foot of the wall: the facilitator's laptop returns to the console."""
    if workspace() is not None:
        st.page_link("pages/workshop.py", label=t("paths.back_to_console"), icon=":material/arrow_back:")


def wall_workshop(code: str) -> Workshop | None:
    """The open workshop the wall shows for this join code (a wrong one counts as this
    device's guess, as on the join page), or None after saying why."""
    try:
        return joining.projector_workshop(get_store(), code, client=client())
    except NotFound:  # a wrong code, an ended workshop, or a project in the trash
        st.warning(t("workshop.error.bad_code"), icon=":material/event_busy:")
        st.query_params.pop("code", None)
        picker()
    except RateLimited as error:
        show_error(error)
    return None


def wall_credential(workshop: Workshop) -> str:
    """What the wall's live board reads the room's feed with (the join code's rights only)."""
    return feed.projector_credential(workshop)

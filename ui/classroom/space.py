"""The class page's three faces: join or create, a group's own space, the lecturer's desk."""

from __future__ import annotations

from datetime import time

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from canvas import canvases
from classroom import service as classes
from classroom.export import class_pdf, class_zip, export_name
from classroom.models import Classroom
from classroom.view import CardSummary, card_summary, load_view
from core.actors import GroupActor, LecturerActor
from core.errors import Forbidden, NilaiError, NotFound
from examples import example_document, example_slugs
from i18n import plural
from projects.class_links import group_actor, lecturer_actor
from projects.service import list_projects
from storage.store import Store
from ui.classroom import view as class_view
from ui.common import class_links as class_access
from ui.common import feedback, timezone
from ui.common.actor import require_workspace, workspace
from ui.common.client import client
from ui.common.errors import guard, show_error
from ui.common.i18n import current_language, t
from ui.common.state import get_store, select_canvas, select_project
from ui.common.text import md_escape, shorten

VIEWING_KEY = "class.viewing"
CONFIRM_DELETE_KEY = "class.confirm_delete"
UNDO_SCOPE = "classroom"  # Undo after deleting a class
CREATED_KEY = "class.just_created"
GALLERY_COLUMNS = 3


def _link(param: str, token: str) -> str:
    base = (st.context.url or "").split("?")[0]
    return f"{base}?{param}={token}"


# -- no token yet: join or create ---------------------------------------------------------


def _template_options() -> dict[str, str]:
    language = current_language()
    options = {"blank": t("classroom.template.blank")}
    for slug in example_slugs():
        options[f"example:{slug}"] = t(
            "classroom.template.example", name=example_document(slug, language)["project"]["name"]
        )
    actor = workspace()
    if actor is not None:
        for summary in list_projects(get_store(), actor):
            options[f"project:{summary.id}"] = t("classroom.template.project", name=summary.name)
    return options


def entry_tabs() -> None:
    join_tab: DeltaGenerator
    create_tab: DeltaGenerator | None
    if workspace() is not None:
        join_tab, create_tab = st.tabs([t("classroom.tab.join"), t("classroom.tab.create")])
    else:
        # Creating a class uses the workspace's projects: only its owner sees that tab.
        join_tab, create_tab = st.container(), None
    with join_tab, st.form("class.join_form"):
        code = st.text_input(t("classroom.code"), value=st.query_params.get("code", ""), max_chars=16, key="class.code")
        group = st.text_input(
            t("classroom.group_name"), max_chars=80, key="class.group", help=t("classroom.group_name_help")
        )
        if st.form_submit_button(t("classroom.join"), type="primary", icon=":material/login:"):
            try:
                joined = classes.join_class(get_store(), code, group, client=client())
            except NilaiError as error:
                show_error(error)
            else:
                class_access.remember("group", joined.token)
                st.query_params.pop("code", None)
                st.rerun()
    if create_tab is None:
        return
    with create_tab, st.form("class.create_form"):
        name = st.text_input(t("classroom.name"), max_chars=120, key="class.name")
        options = _template_options()
        template = st.selectbox(
            t("classroom.template"), list(options), format_func=options.__getitem__, key="class.template"
        )
        zone = timezone.user_zone()
        day = st.date_input(
            t("classroom.deadline"), value=None, key="class.deadline", format=t("classroom.date_format")
        )
        hour = st.time_input(t("classroom.deadline_time"), value=time(23, 59), key="class.deadline_time")
        st.caption(t("paths.timezone", zone=timezone.zone_label(zone)))
        share = st.toggle(t("classroom.share"), key="class.share")
        if st.form_submit_button(t("classroom.create"), type="primary", icon=":material/add:"):
            deadline = timezone.to_utc(day, hour, zone) if day else None
            with guard():
                created = classes.create_class(
                    get_store(),
                    require_workspace(),
                    name,
                    language=current_language(),
                    template=template,
                    deadline=deadline,
                    share_after_deadline=share,
                )
                class_access.remember("lecturer", created.lecturer_token)
                st.session_state[CREATED_KEY] = True
                st.rerun()


# -- a group's own space -----------------------------------------------------------------


def _group_actor(store: Store, token: str | None) -> GroupActor:
    """The group this link opens; refused like a wrong link (the group may be gone since)."""
    actor = group_actor(store, token)
    if actor is None:
        raise Forbidden("classroom.error.bad_group_link")
    return actor


def _open_project(project_id: str) -> None:
    select_project(project_id)
    st.switch_page("pages/guided.py")


def _open_canvas(project_id: str, canvas_id: str) -> None:
    select_project(project_id)
    select_canvas(canvas_id)
    st.switch_page("pages/canvas.py")


def _first_canvas(store, actor, group, token: str):
    """The group's first canvas, on its first visit, so its first note is one click away."""
    canvas = canvases.first_canvas(
        store, actor, group.project_id, t("paths.class.first_canvas", group=shorten(group.name, 80))
    )
    if canvas is None:  # another member's visit made it a moment ago
        return classes.project_view(store, actor, group.project_id)
    st.success(t("paths.class.canvas_made", name=md_escape(canvas.name)), icon=":material/dashboard:")
    st.button(
        t("paths.class.open_canvas"),
        key="class.open_canvas",
        type="primary",
        icon=":material/edit_note:",
        on_click=_open_canvas,
        args=(group.project_id, canvas.id),
    )
    return classes.project_view(store, actor, group.project_id)


def student_panel(token: str) -> bool:
    """The group's own space; False (after saying why) when the link is not valid."""
    store = get_store()
    try:
        classroom, group = classes.group_access(store, token)
    except NilaiError as error:
        show_error(error)
        class_access.forget("group")
        return False
    st.header(t("classroom.my_group", group=md_escape(group.name), name=md_escape(classroom.name)))
    if classroom.deleted_at is not None:
        st.info(t("classroom.class_deleted"), icon=":material/info:")
    st.caption(t("classroom.group_link"))
    st.code(_link("group", token), language=None, wrap_lines=True)
    if st.button(t("classroom.open_my_project"), key="class.open_mine", type="primary", icon=":material/school:"):
        _open_project(group.project_id)
    try:
        actor = _group_actor(store, token)
        view = classes.project_view(store, actor, group.project_id)
    except NilaiError as error:
        show_error(error)
        return True
    if not view.canvases:  # a blank template: the group's canvas is made for it, and said so
        view = _first_canvas(store, actor, group, token)
    canvas = view.canvas(None)
    if canvas is not None:
        with st.container(border=True):
            class_view.rubric_panel(view.rubric(canvas), hints=view.hint_count(canvas))
    _peers(classroom, group)
    if st.button(t("classroom.leave_group"), key="class.forget_group", icon=":material/logout:"):
        class_access.forget("group")
        st.rerun()
    return True


def _peers(classroom: Classroom, group) -> None:
    if classroom.deleted_at is not None:
        return
    store = get_store()
    peers = classes.peers(store, classroom, group)
    if not peers:
        st.caption(t("classroom.peers_later"))
        return
    st.header(t("classroom.peers"))
    names = {g.id: g.name for g in peers}
    chosen = st.selectbox(
        t("classroom.peers"), list(names), format_func=names.__getitem__, key="class.peer", label_visibility="collapsed"
    )
    peer = next(g for g in peers if g.id == chosen)
    # The same rule the editors use: read-only, and only while sharing applies.
    with guard():
        actor = _group_actor(store, class_access.group_token())
        view = classes.project_view(store, actor, peer.project_id)
        class_view.project_view(view, None, key=f"class.peer.{peer.id}")


# -- the lecturer's desk -----------------------------------------------------------------


def _lecturer_actor(store: Store, token: str | None) -> LecturerActor:
    """The lecturer this link makes; refused like a wrong link (the class may be gone since)."""
    actor = lecturer_actor(store, token)
    if actor is None:
        raise Forbidden("classroom.error.bad_lecturer_link")
    return actor


def undo_banner(token: str | None) -> None:
    if token:
        feedback.undo_banner(UNDO_SCOPE, lambda deleted: classes.restore_class(get_store(), token, deleted.id))


def _settings(classroom: Classroom, token: str) -> None:
    with st.expander(t("classroom.settings")), st.form("class.settings_form"):
        zone = timezone.user_zone()
        current = timezone.local(classroom.deadline, zone) if classroom.deadline else None
        day = st.date_input(
            t("classroom.deadline"),
            value=current.date() if current else None,
            key="class.set_deadline",
            format=t("classroom.date_format"),
        )
        hour = st.time_input(
            t("classroom.deadline_time"), value=current.time() if current else time(23, 59), key="class.set_time"
        )
        st.caption(t("paths.timezone", zone=timezone.zone_label(zone)))
        share = st.toggle(t("classroom.share"), value=classroom.share_after_deadline, key="class.set_share")
        if st.form_submit_button(t("classroom.save_settings")):
            with guard():
                deadline = timezone.to_utc(day, hour, zone) if day else None
                classes.update_settings(get_store(), token, deadline=deadline, share_after_deadline=share)
                feedback.flash("classroom.saved")
                st.rerun()


def _delete(classroom: Classroom, token: str) -> None:
    if not st.session_state.get(CONFIRM_DELETE_KEY):
        if st.button(t("classroom.delete"), key="class.delete", icon=":material/delete:"):
            st.session_state[CONFIRM_DELETE_KEY] = True
            st.rerun()
        return
    st.warning(t("classroom.delete_confirm", name=md_escape(classroom.name)), icon=":material/warning:")
    yes, no = st.columns(2)
    if yes.button(t("classroom.delete_yes"), key="class.delete_yes", type="primary"):
        with guard():
            classes.delete_class(get_store(), token)
            feedback.offer_undo(
                UNDO_SCOPE, feedback.Deleted("class", classroom.id), "classroom.deleted", name=classroom.name
            )
            st.session_state.pop(CONFIRM_DELETE_KEY, None)
            st.rerun()
    if no.button(t("classroom.cancel"), key="class.delete_no"):
        st.session_state.pop(CONFIRM_DELETE_KEY, None)
        st.rerun()


def lecturer_panel(token: str) -> None:
    store = get_store()
    undo_banner(token)
    try:
        classroom = classes.lecturer_access(store, token)
    except NilaiError as error:
        if feedback.pending_undo(UNDO_SCOPE) is None:
            show_error(error)
        if st.button(t("classroom.leave"), key="class.leave_bad"):
            class_access.forget("lecturer")
            feedback.clear_undo()
            st.rerun()
        return
    if st.session_state.pop(CREATED_KEY, False):
        st.success(t("classroom.created"), icon=":material/key:")
    st.header(md_escape(classroom.name))
    st.markdown(f"### {t('classroom.join_code_big', code=classroom.join_code)}")
    status = t(f"classroom.status.{classroom.status}")
    deadline = (
        t("classroom.deadline_line", deadline=timezone.format_local(classroom.deadline, timezone.user_zone()))
        if classroom.deadline
        else t("classroom.no_deadline")
    )
    st.caption(f"{status} · {deadline}")
    with st.expander(t("classroom.lecturer_link")):
        st.code(_link("lecturer", token), language=None, wrap_lines=True)
    with st.container(horizontal=True):
        if classroom.status == "open":
            if st.button(t("classroom.close"), key="class.close", icon=":material/lock:"):
                with guard():
                    classes.set_status(store, token, "closed")
                    st.rerun()
        elif st.button(t("classroom.reopen"), key="class.reopen", icon=":material/lock_open:"):
            with guard():
                classes.set_status(store, token, "open")
                st.rerun()
        if st.button(t("classroom.leave"), key="class.leave", icon=":material/logout:"):
            class_access.forget("lecturer")
            st.rerun()
    _settings(classroom, token)
    _delete(classroom, token)
    gallery(classroom)


def _view_group(group_id: str | None) -> None:
    st.session_state[VIEWING_KEY] = group_id


@st.cache_data(max_entries=5000, show_spinner=False)
def _card(project_id: str, revision: int) -> CardSummary | None:
    """One project's card at one revision. The revision moves with every write, so the
    cached card is exact until the group changes something."""
    try:
        return card_summary(load_view(get_store(), project_id))
    except NotFound:
        return None


def gallery(classroom: Classroom) -> None:
    store = get_store()
    entries = classes.gallery(store, classroom)
    viewing = st.session_state.get(VIEWING_KEY)
    shown = next((e for e in entries if e.group.id == viewing and e.revision is not None), None)
    if shown is not None:
        st.button(
            t("classroom.close_view"),
            key="class.back",
            icon=":material/arrow_back:",
            on_click=_view_group,
            args=(None,),
        )
        st.header(md_escape(shown.group.name))
        st.caption(t("guided.read_only"))
        # The same rule the editors use, from the lecturer's side: read-only.
        with guard():
            actor = _lecturer_actor(store, class_access.lecturer_token())
            view = classes.project_view(store, actor, shown.project_id)
            class_view.project_view(view, None, key=f"class.view.{shown.group.id}")
        return
    st.header(t("classroom.gallery", count=len(entries)))
    if not entries:
        st.info(t("classroom.gallery_empty"), icon=":material/groups:")
        return
    language = current_language()
    with st.container(horizontal=True):
        st.download_button(
            t("classroom.download_pdf"),
            data=lambda: class_pdf(store, classroom, language=language),
            file_name=export_name(classroom, "pdf"),
            mime="application/pdf",
            key="class.pdf",
            icon=":material/picture_as_pdf:",
            on_click="ignore",
        )
        st.download_button(
            t("classroom.download_zip"),
            data=lambda: class_zip(store, classroom, language=language),
            file_name=export_name(classroom, "zip"),
            mime="application/zip",
            key="class.zip",
            icon=":material/folder_zip:",
            on_click="ignore",
        )
    columns = st.columns(GALLERY_COLUMNS)
    for index, entry in enumerate(entries):
        card = _card(entry.project_id, entry.revision) if entry.revision is not None else None
        with columns[index % GALLERY_COLUMNS], st.container(border=True, key=f"class-card-{entry.group.id}"):
            st.markdown(f"**{md_escape(entry.group.name)}**")
            if card is None:
                st.caption(t("classroom.card.gone"))
                continue
            st.image(class_view.thumbnail_svg(card.bars), caption=t("classroom.thumb_label"))
            if card.canvas_id is None:
                st.caption(t("classroom.card.no_canvas"))
            else:
                st.caption(
                    t(
                        "classroom.card.metrics",
                        fit=f"{card.fit:.0f}",
                        hints=plural(current_language(), "paths.count.hints", card.hints),
                        completeness=f"{card.completeness:.0f}",
                    )
                )
            st.button(
                t("classroom.open_read_only"),
                key=f"class.open.{entry.group.id}",
                icon=":material/visibility:",
                on_click=_view_group,
                args=(entry.group.id,),
            )

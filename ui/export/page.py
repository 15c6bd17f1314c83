"""The Export page's two parts: export with options (PDF with progress) and JSON import."""

from __future__ import annotations

import json

import streamlit as st

from canvas.canvases import list_canvases
from canvas.models import Canvas
from core.errors import Forbidden, NotFound
from core.models import Project, utcnow
from export.bundle import ProjectBundle, collect
from export.files import MIME, name_for
from export.messages import describe_problems
from export.pdf.builder import SECTIONS, plan_pages
from export.pdf.frame import Paper
from export.pdf.unprintable import describe, texts_left_out
from export.reader import MAX_BYTES, MAX_ROWS, InvalidImport
from export.service import export_for
from i18n import plural
from i18n.format import format_number
from importing.document import import_document
from projects.access import project_scope
from storage.store import Store
from ui.common import uploads
from ui.common.actor import current_actor, require_workspace, workspace
from ui.common.errors import guard
from ui.common.i18n import current_language, t
from ui.common.state import current_canvas_id, get_store, select_canvas, select_project
from ui.common.text import md_escape
from ui.export.buttons import ICONS, download_buttons

ALL = "__all__"
CANVAS_KEY = "export.canvas"
SECTIONS_KEY = "export.sections"
PAPER_KEY = "export.paper"
IMPORTED_KEY = "export.imported_id"


def _canvas_choice(canvases: list[Canvas]) -> Canvas | None:
    options = [ALL] + [c.id for c in canvases]
    names = {c.id: c.name for c in canvases}
    wanted = current_canvas_id()
    if CANVAS_KEY not in st.session_state:
        st.session_state[CANVAS_KEY] = wanted if wanted in names else ALL
    elif st.session_state[CANVAS_KEY] not in options:
        st.session_state[CANVAS_KEY] = ALL
    chosen = st.selectbox(
        t("export.scope"),
        options,
        key=CANVAS_KEY,
        format_func=lambda cid: t("export.scope.all") if cid == ALL else names.get(cid, cid),
        help=t("export.scope.help"),
    )
    if chosen != ALL and chosen != wanted:
        select_canvas(chosen)
    return next((c for c in canvases if c.id == chosen), None)


def export_section(project: Project) -> None:
    store = get_store()
    canvases = list_canvases(store, current_actor(), project.id)
    language = current_language()
    st.header(t("export.export.title"))
    scope, paper_col = st.columns([3, 1], gap="medium")
    with scope:
        canvas = _canvas_choice(canvases)
    with paper_col:
        st.session_state.setdefault(PAPER_KEY, "a4")
        papers: list[Paper] = ["a4", "letter"]
        paper = (
            st.segmented_control(
                t("export.paper"),
                papers,
                key=PAPER_KEY,
                format_func=lambda p: t(f"export.paper.{p}"),
                help=t("export.paper.help"),
            )
            or "a4"
        )
    st.session_state.setdefault(SECTIONS_KEY, list(SECTIONS))
    sections = st.pills(
        t("export.sections"),
        SECTIONS,
        selection_mode="multi",
        key=SECTIONS_KEY,
        format_func=lambda s: t(f"export.section.{s}"),
        help=t("export.sections.help"),
    )
    bundle = collect(store, current_actor(), project.id)
    scoped = bundle.only([canvas.id]) if canvas else bundle
    chosen = [s for s in SECTIONS if s in (sections or [])]
    action, plan = st.columns([3, 2], gap="large")
    with plan:
        _plan(scoped, chosen, language, paper)
    with action:
        if not chosen:
            st.info(t("export.sections.none"), icon=":material/info:")
        elif st.button(
            t("export.pdf.prepare"), key="export.prepare_pdf", type="primary", icon=":material/picture_as_pdf:"
        ):
            _prepare_pdf(store, scoped, chosen, language, paper, canvas)
    st.divider()
    st.markdown(f"**{t('export.other.title')}**")
    st.caption(t("export.other.caption"))
    download_buttons(
        project.id,
        project.name,
        key="export",
        canvas_id=canvas.id if canvas else None,
        canvas_name=canvas.name if canvas else None,
        formats=("png", "md", "csv", "xlsx", "json"),
        paper=paper,
        sections=chosen,
    )


def _plan(bundle: ProjectBundle, sections: list[str], language: str, paper: Paper) -> None:
    if not sections:
        return
    with guard():
        plan = plan_pages(bundle, sections, language=language, paper=paper)
        total = sum(pages for _, _, pages in plan)
        st.metric(t("export.plan.pages"), total)
        left_out = [s for s in sections if s not in {section for section, _, _ in plan}]
        lines = []
        for section in sections:
            pages = sum(p for s, _, p in plan if s == section)
            if pages:
                count = plural(language, "export.plan.count", pages)
                lines.append(f"- {t(f'export.section.{section}')}: {count}")
        st.markdown("\n".join(lines))
        if left_out:
            st.caption(t("export.plan.left_out", sections=", ".join(t(f"export.section.{s}") for s in left_out)))
        unprintable_warning(describe(language, texts_left_out(bundle, sections)))


def unprintable_warning(lines: list[str]) -> None:
    """Which texts the PDF prints without some characters (emoji, scripts no font has)."""
    if lines:
        listed = "\n".join(f"- {md_escape(line)}" for line in lines)
        st.warning(f"{t('export.unprintable.title')}\n\n{listed}", icon=":material/warning:")


def _prepare_pdf(
    store: Store, bundle: ProjectBundle, sections: list[str], language: str, paper: Paper, canvas: Canvas | None
) -> None:
    with guard(), st.status(t("export.progress.title"), expanded=True) as status:
        bar = st.progress(0.0)

        def progress(share: float, label: str) -> None:
            bar.progress(share, text=label)

        result = export_for(
            store,
            current_actor(),
            bundle,
            "pdf",
            language=language,
            paper=paper,
            sections=sections,
            canvas_id=canvas.id if canvas else None,
            progress=progress,
        )
        kilobytes = format_number(current_language(), len(result.data) / 1024)
        status.update(label=t("export.progress.ready", size=kilobytes), state="complete")
    if "result" in locals():
        # The bytes go to the download button only (Streamlit's file store), never session state.
        st.download_button(
            t("export.pdf.download"),
            data=result.data,
            file_name=result.name,
            mime=MIME["pdf"],
            icon=ICONS["pdf"],
            key="export.download_pdf",
            type="primary",
            on_click="ignore",
        )


def import_section() -> None:
    st.header(t("export.import.title"))
    st.caption(t("export.import.help", max_mb=MAX_BYTES // (1024 * 1024), max_notes=MAX_ROWS["items"]))
    imported = st.session_state.get(IMPORTED_KEY)
    if imported:
        _imported_banner(imported)
    uploaded = uploads.file_uploader(t("export.import.file"), type=["json"], key="export.import_file")
    if uploaded is None:
        return
    # The user names the new project; the file's own name is the suggestion.
    chosen = st.text_input(
        t("paths.import.name"),
        value=_name_in_file(uploaded.getvalue()),
        key=f"export.import_name.{uploaded.file_id}",
        help=t("paths.import.name_help"),
    )
    if st.button(t("export.import.button"), key="export.import", icon=":material/upload:"):
        language = current_language()
        with guard():
            try:
                with st.spinner(t("export.import.working")):  # a file at the cap takes a few seconds
                    project = import_document(
                        get_store(), require_workspace(), uploaded.getvalue(), language=language, name=chosen
                    )
            except InvalidImport as error:
                lines = describe_problems(language, error.problems)
                header = t("export.import.invalid", count=len(error.problems))
                st.error(header + "\n\n" + "\n".join(f"- {md_escape(line)}" for line in lines), icon=":material/error:")
                return
            st.session_state[IMPORTED_KEY] = project.id
            st.rerun()


def _name_in_file(raw: bytes) -> str:
    """The project name a file carries, to suggest; nothing when it can't be read (the
    import itself then says what is wrong)."""
    try:
        project = json.loads(raw).get("project") or {}
        name = project.get("name") if isinstance(project, dict) else None
    except (ValueError, AttributeError):
        return ""
    return name if isinstance(name, str) else ""


def _imported_banner(project_id: str) -> None:
    actor = workspace()
    try:
        if actor is None:
            raise NotFound()
        project = project_scope(get_store(), actor, project_id, "read")
    except (NotFound, Forbidden):
        st.session_state.pop(IMPORTED_KEY, None)
        return
    with st.container(border=True, horizontal=True, vertical_alignment="center"):
        st.success(t("export.import.done", name=md_escape(project.name)), icon=":material/check_circle:")
        if st.button(t("export.import.open"), key="export.open_imported", type="primary"):
            st.session_state.pop(IMPORTED_KEY, None)
            select_project(project.id)
            select_canvas(None)
            st.switch_page("pages/home.py")


def today_name(project: Project, canvas: Canvas | None, fmt: str) -> str:
    return name_for(project.name, canvas.name if canvas else None, utcnow(), fmt)

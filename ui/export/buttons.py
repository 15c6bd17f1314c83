"""Download buttons for exports, usable on any page.

The files are made only when a button is clicked (Streamlit runs the `data` callable on
click), so showing the buttons costs nothing, and no file bytes ever sit in session
state. The callables capture the store and ids only, and read the project fresh.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

import streamlit as st

from core.actors import Actor
from core.models import utcnow
from export.bundle import collect
from export.files import FORMATS, MIME, name_for
from export.sections import SECTIONS
from export.service import export_for
from storage.store import Store
from ui.common.actor import actor_for
from ui.common.i18n import current_language, t
from ui.common.state import get_store

if TYPE_CHECKING:
    from export.pdf.frame import Paper  # the PDF writer is imported when a PDF is made

ICONS = {
    "pdf": ":material/picture_as_pdf:",
    "png": ":material/image:",
    "json": ":material/data_object:",
    "md": ":material/article:",
    "csv": ":material/table_view:",
    "xlsx": ":material/grid_on:",
}
log = logging.getLogger("nilai")


def _maker(
    store: Store,
    actor: Actor,
    project_id: str,
    fmt: str,
    *,
    language: str,
    paper: Paper,
    sections: tuple[str, ...],
    canvas_id: str | None,
) -> Callable[[], bytes]:
    def make() -> bytes:
        try:
            bundle = collect(store, actor, project_id)
            return export_for(
                store, actor, bundle, fmt, language=language, paper=paper, sections=sections, canvas_id=canvas_id
            ).data
        except Exception:
            log.exception("export %s of project %s failed", fmt, project_id)
            raise

    return make


def download_buttons(
    project_id: str,
    project_name: str,
    *,
    key: str,
    canvas_id: str | None = None,
    canvas_name: str | None = None,
    formats: Iterable[str] = FORMATS,
    paper: Paper = "a4",
    sections: Iterable[str] = SECTIONS,
    horizontal: bool = True,
) -> None:
    """One download button per format; each file is made when its button is clicked."""
    store, actor = get_store(), actor_for(project_id, "read")
    language = current_language()
    sections = tuple(sections)
    today = utcnow()
    with st.container(horizontal=horizontal, gap="small"):
        for fmt in formats:
            if fmt not in FORMATS:
                continue
            scoped = None if fmt == "json" else canvas_name
            st.download_button(
                t(f"export.format.{fmt}"),
                data=_maker(
                    store,
                    actor,
                    project_id,
                    fmt,
                    language=language,
                    paper=paper,
                    sections=sections,
                    canvas_id=canvas_id,
                ),
                file_name=name_for(project_name, scoped, today, fmt),
                mime=MIME[fmt],
                icon=ICONS[fmt],
                key=f"{key}.download_{fmt}",
                on_click="ignore",
                help=t(f"export.format.{fmt}.help"),
                width="content" if horizontal else "stretch",
            )


def export_popover(
    project_id: str, project_name: str, *, key: str, canvas_id: str | None = None, canvas_name: str | None = None
) -> None:
    """A compact "Export" menu for other pages: every format, plus a link to the Export page."""
    with st.popover(t("export.button"), icon=":material/download:"):
        st.caption(t("export.popover.caption"))
        download_buttons(
            project_id, project_name, key=key, canvas_id=canvas_id, canvas_name=canvas_name, horizontal=False
        )
        st.page_link("pages/export.py", label=t("export.popover.more"), icon=":material/tune:")

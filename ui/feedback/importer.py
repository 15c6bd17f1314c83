"""Import: upload a CSV or XLSX, check the guessed columns on a preview, see every bad row
with its number and reason, then import the good rows or nothing."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from core.limits import FEEDBACK_FILE_MAX_BYTES, FEEDBACK_ROWS_MAX
from core.text import spreadsheet_cell
from feedback import parsing
from feedback import service as feedback
from i18n.format import format_number
from ui.common import feedback as flash
from ui.common import uploads
from ui.common.actor import current_actor
from ui.common.errors import guard, message_for
from ui.common.i18n import current_language, t
from ui.common.state import get_store

UPLOAD_KEY = "feedback.upload"
ROUND_KEY = "feedback.upload_round"  # a new uploader (an empty one) after an import or a cancel
AFTER_IMPORT_KEY = "feedback.after_import"  # the tab to open once an import is done
PREVIEW_ROWS = 8
BAD_ROWS_SHOWN = 200
NONE = -1


def _uploader_key() -> str:
    return f"{UPLOAD_KEY}.{st.session_state.get(ROUND_KEY, 0)}"


def _start_over() -> None:
    st.session_state[ROUND_KEY] = st.session_state.get(ROUND_KEY, 0) + 1


def _mapping(table: parsing.Table, guessed: dict[str, int | None], file_key: str) -> dict[str, int | None]:
    options = [NONE, *range(len(table.headers))]

    def label(index: int) -> str:
        if index == NONE:
            return t("feedback.import.no_column")
        return table.headers[index] or t("feedback.import.column_n", n=index + 1)

    chosen: dict[str, int | None] = {}
    columns = st.columns(4)
    for n, name in enumerate(parsing.FIELDS):
        guess = guessed.get(name)
        with columns[n % 4]:
            picked = st.selectbox(
                t(f"feedback.field.{name}"),
                options,
                index=options.index(guess if guess is not None else NONE),
                format_func=label,
                key=f"feedback.map.{file_key}.{name}",
            )
        chosen[name] = None if picked == NONE else picked
    return chosen


def reason_text(problems: list[tuple[str, dict]]) -> str:
    return "; ".join(
        t(key, **{**params, "field": t(f"feedback.field.{params.get('field', 'comment')}")}) for key, params in problems
    )


def _preview_table(preview: parsing.Preview) -> None:
    rows = []
    stages = {"pre_purchase", "purchase", "post_purchase"}
    for row in preview.good[:PREVIEW_ROWS]:
        draft = row.draft
        if draft is None:  # not among the good rows
            continue
        rows.append(
            {
                t("feedback.import.row"): row.row_number,
                t("feedback.field.score"): draft.score,
                t("feedback.field.comment"): spreadsheet_cell(draft.comment),
                t("feedback.field.answered_on"): draft.answered_on.isoformat() if draft.answered_on else "",
                t("feedback.field.stage"): t(f"feedback.stage.{draft.stage}") if draft.stage in stages else "",
                t("feedback.field.touchpoint"): spreadsheet_cell(draft.touchpoint),
                t("feedback.field.segment"): spreadsheet_cell(draft.segment),
                t("feedback.field.persona"): spreadsheet_cell(draft.persona),
            }
        )
    if rows:
        st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", key="feedback.preview_table")


def _bad_rows(preview: parsing.Preview) -> None:
    bad = preview.bad
    if not bad:
        return
    message = "feedback.import.bad_rows" if preview.good else "feedback.import.all_bad"
    st.warning(t(message, count=len(bad)), icon=":material/rule:")
    shown = [
        {t("feedback.import.row"): row.row_number, t("feedback.import.reason"): reason_text(row.problems)}
        for row in bad[:BAD_ROWS_SHOWN]
    ]
    st.dataframe(pd.DataFrame(shown), hide_index=True, width="stretch", key="feedback.bad_table")
    if len(bad) > BAD_ROWS_SHOWN:
        st.caption(t("feedback.import.more_bad", count=len(bad) - BAD_ROWS_SHOWN))


def _import(project_id: str, upload: UploadedFile, preview: parsing.Preview, *, skip_bad_rows: bool) -> None:
    with guard():
        result = feedback.import_responses(
            get_store(), current_actor(), project_id, preview, skip_bad_rows=skip_bad_rows
        )
        uploads.consumed(upload)
        _start_over()
        # On to what was found: the themes when the answers say something, else the NPS.
        st.session_state[AFTER_IMPORT_KEY] = (
            "themes" if any(row.draft and row.draft.comment for row in preview.good) else "dashboard"
        )
        flash.flash("feedback.import.done", added=result.added, already=result.already, skipped=result.skipped)
        st.rerun()


def _remove_all(project_id: str) -> None:
    """A way out after importing the wrong file: every answer of the project goes (confirmed)."""
    count = feedback.dashboard(get_store(), current_actor(), project_id).total.n
    if not count:
        return
    with st.expander(t("feedback.import.remove_title", count=count), icon=":material/delete_sweep:"):
        st.caption(t("feedback.import.remove_help"))
        sure = st.checkbox(t("feedback.import.remove_confirm", count=count), key="feedback.remove_sure")
        if st.button(t("feedback.import.remove"), key="feedback.remove", disabled=not sure, icon=":material/delete:"):
            with guard():
                removed = feedback.clear_responses(get_store(), current_actor(), project_id)
                st.session_state.pop("feedback.remove_sure", None)
                flash.flash("feedback.import.removed", count=removed)
                st.rerun()


def show(project_id: str) -> None:
    st.caption(
        t(
            "feedback.import.help",
            mb=FEEDBACK_FILE_MAX_BYTES // (1024 * 1024),
            rows=format_number(current_language(), FEEDBACK_ROWS_MAX),
        )
    )
    upload = uploads.file_uploader(t("feedback.import.file"), type=["csv", "txt", "xlsx"], key=_uploader_key())
    if upload is None:
        _remove_all(project_id)
        return
    raw = upload.getvalue()
    file_key = upload.file_id.replace("-", "")[:16] or "file"
    try:
        guessed = feedback.read_file(get_store(), current_actor(), project_id, raw, upload.name)
    except parsing.FileRefused as error:
        st.error(message_for(error), icon=":material/error:")
        return
    st.markdown(f"#### {t('feedback.import.columns')}")
    st.caption(t("feedback.import.columns_help"))
    mapping = _mapping(guessed.table, guessed.mapping, file_key)
    try:
        preview = (
            guessed
            if mapping == guessed.mapping
            else feedback.remap(get_store(), current_actor(), project_id, guessed, mapping)
        )
    except parsing.FileRefused as error:
        st.error(message_for(error), icon=":material/error:")
        return
    if preview.needs_score_column:
        st.warning(t("feedback.error.no_score_column"), icon=":material/rule:")
        return
    st.markdown(f"#### {t('feedback.import.preview')}")
    st.caption(t("feedback.import.summary", good=len(preview.good), bad=len(preview.bad)))
    known = feedback.already_imported(get_store(), current_actor(), project_id, preview)
    if known:
        st.info(t("feedback.import.known", count=known), icon=":material/content_copy:")
    _preview_table(preview)
    _bad_rows(preview)
    with st.container(horizontal=True, gap="small", key="feedback-import-actions"):
        if preview.good:
            label = "feedback.import.go_good" if preview.bad else "feedback.import.go"
            if st.button(
                t(label, count=len(preview.good)), type="primary", icon=":material/upload:", key="feedback.import.go"
            ):
                _import(project_id, upload, preview, skip_bad_rows=bool(preview.bad))
        if st.button(t("feedback.import.cancel"), icon=":material/close:", key="feedback.import.cancel"):
            uploads.consumed(upload)
            _start_over()
            st.rerun()

"""The one way a page shows a file uploader, so the server knows which sessions may upload
(server/uploads.py refuses files for every other session, before reading them)."""

from __future__ import annotations

from typing import Any

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx
from streamlit.runtime.uploaded_file_manager import UploadedFile

from server.uploads import upload_offers


def _session_id() -> str | None:
    ctx = get_script_run_ctx()
    return ctx.session_id if ctx is not None else None


def file_uploader(label: str, **kwargs: Any) -> UploadedFile | None:
    """st.file_uploader, noted as offered for this session's current page."""
    session_id = _session_id()
    if session_id is not None:
        upload_offers().uploader_shown(session_id)
    return st.file_uploader(label, **kwargs)


def page_run_started() -> None:
    session_id = _session_id()
    if session_id is not None:
        upload_offers().run_started(session_id)


def page_run_finished() -> None:
    """Whether this page offers uploads is what this run showed (the shell calls it last)."""
    session_id = _session_id()
    if session_id is not None:
        upload_offers().run_finished(session_id)


def consumed(upload: UploadedFile) -> None:
    """The file is read and its work done: drop the server's copy now, not when the session ends."""
    ctx = get_script_run_ctx()
    if ctx is not None:
        ctx.uploaded_file_mgr.remove_file(ctx.session_id, upload.file_id)

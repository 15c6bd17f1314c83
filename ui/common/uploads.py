"""The one way a page shows a file uploader, so the server knows which sessions may upload
(server/uploads.py refuses files for every other session, before reading them). The record
of which sessions offer one lives here, below the server that reads it."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import streamlit as st
from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
from streamlit.runtime.scriptrunner import get_script_run_ctx
from streamlit.runtime.uploaded_file_manager import UploadedFile


class UploadOffers:
    """Which sessions' current page shows a file uploader. One per process (`upload_offers`)."""

    def __init__(self, is_live: Callable[[str], bool]) -> None:
        self._is_live = is_live
        self._lock = threading.Lock()
        self._offering: set[str] = set()
        self._shown_this_run: set[str] = set()

    def run_started(self, session_id: str) -> None:
        with self._lock:
            self._shown_this_run.discard(session_id)

    def uploader_shown(self, session_id: str) -> None:
        with self._lock:
            self._shown_this_run.add(session_id)

    def run_finished(self, session_id: str) -> None:
        """The run's verdict replaces the last one; sessions that ended are forgotten."""
        with self._lock:
            if session_id in self._shown_this_run:
                self._offering.add(session_id)
            else:
                self._offering.discard(session_id)
            self._shown_this_run.discard(session_id)
            self._offering = {known for known in self._offering if self._is_live(known)}

    def offers(self, session_id: str) -> bool:
        with self._lock:
            return session_id in self._offering and self._is_live(session_id)


def _session_is_live(session_id: str) -> bool:
    from streamlit import runtime

    return runtime.exists() and runtime.get_instance().is_active_session(session_id)


@st.cache_resource(show_spinner=False)
def upload_offers() -> UploadOffers:
    """The process's one record of sessions that offer uploads (pages write it, UploadGate reads it)."""
    return UploadOffers(_session_is_live)


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
    # Only Streamlit's in-memory store can drop one file; another keeps it until the session ends.
    if ctx is not None and isinstance(ctx.uploaded_file_mgr, MemoryUploadedFileManager):
        ctx.uploaded_file_mgr.remove_file(ctx.session_id, upload.file_id)

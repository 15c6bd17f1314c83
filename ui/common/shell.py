"""What every page shares: language, the current project from the URL, the store."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

import streamlit as st

from core.errors import NilaiError, StorageUnavailable
from core.settings import get_settings
from i18n import LANGUAGES, normalize_language
from storage.store import Store
from ui.common import document, sign_in, uploads
from ui.common.errors import message_for
from ui.common.feedback import show_flash
from ui.common.i18n import LANG_KEY, current_language, t
from ui.common.run import new_run
from ui.common.state import CANVAS_KEY, PROJECT_KEY, get_store
from ui.common.store import get_metrics

LANG_CONTROL_KEY = "ui.lang_control"
STORE_RETRY_SECONDS = 5


def sync_language() -> None:
    """URL first (a shared or reloaded link), then this session, then the browser."""
    from_url = st.query_params.get("lang")
    if from_url in LANGUAGES:
        st.session_state[LANG_KEY] = from_url
    elif LANG_KEY not in st.session_state:
        st.session_state[LANG_KEY] = normalize_language(st.context.locale, get_settings().default_language)
    st.query_params["lang"] = st.session_state[LANG_KEY]


def sync_project() -> None:
    from_url = st.query_params.get("project")
    if from_url:
        if from_url != st.session_state.get(PROJECT_KEY) and not st.query_params.get("canvas"):
            st.session_state.pop(CANVAS_KEY, None)  # a link to another project: its canvas isn't ours
        st.session_state[PROJECT_KEY] = from_url
    elif st.session_state.get(PROJECT_KEY):
        # st.navigation drops query params on a page switch; put the project back.
        st.query_params["project"] = st.session_state[PROJECT_KEY]
    if not st.query_params.get("canvas") and st.session_state.get(CANVAS_KEY):
        st.query_params["canvas"] = st.session_state[CANVAS_KEY]


def _language_changed(key: str) -> None:
    chosen = st.session_state.get(key)
    if chosen in LANGUAGES:
        st.session_state[LANG_KEY] = chosen
        st.query_params["lang"] = chosen
    else:
        # Clicking the chosen language again would leave none selected; keep it.
        st.session_state[key] = current_language()


def language_switcher() -> None:
    # One widget key per language: when the language changes some other way (the URL),
    # the control starts fresh with the right choice instead of keeping a stale one.
    language = current_language()
    key = f"{LANG_CONTROL_KEY}.{language}"
    st.segmented_control(
        t("lang.label"),
        options=list(LANGUAGES),
        default=language,
        format_func=lambda code: code.upper(),
        key=key,
        on_change=_language_changed,
        args=(key,),
        label_visibility="collapsed",
        help=t("lang.help"),
    )


def open_store_or_explain() -> Store | None:
    """The store, or a clear message (and automatic retries) when the database is down."""
    try:
        return get_store()
    except NilaiError as error:
        st.error(message_for(error), icon=":material/database:")
        if isinstance(error, StorageUnavailable) and error.key == "error.storage_unavailable":
            _retry_store()
        return None
    except Exception:
        # Say so in the user's language; the details (say, a damaged database file) go to the log.
        logging.getLogger("nilai").exception("could not open the database")
        st.error(t("error.startup_failed"), icon=":material/database:")
        return None


@st.fragment(run_every=STORE_RETRY_SECONDS)
def _retry_store() -> None:
    """Every few seconds: is the database back? Then run the whole page again."""
    try:
        get_store().ping()
    except NilaiError:
        st.caption(t("error.retrying", seconds=STORE_RETRY_SECONDS))
        return
    st.rerun(scope="app")


# Static CSS, no user text: less empty space above the page.
SHELL_CSS = '<style>[data-testid="stMainBlockContainer"] { padding-top: 3rem; }</style>'


def top_bar() -> None:
    """The language switch, always visible at the top right of every page."""
    st.html(SHELL_CSS)
    document.sync_document()  # <html lang> and Streamlit's own labels follow the language
    with st.container(horizontal=True, horizontal_alignment="right", key="ui-topbar"):
        sign_in.user_menu()
        language_switcher()


def run_page(page: st.Page | Callable[[], None]) -> None:
    """Run the chosen page (or a function drawing one in its place); whatever escapes it
    becomes a message in the user's language."""
    show_flash()
    uploads.page_run_started()
    started = time.perf_counter()
    outcome = "stopped"  # st.stop, st.rerun and switch_page leave by a BaseException
    try:
        page.run() if isinstance(page, st.Page) else page()
        outcome = "ok"
    except StorageUnavailable as error:
        outcome = "unavailable"
        # The database went away after start: say so, and come back by itself when it returns.
        st.error(message_for(error), icon=":material/database:")
        if error.key == "error.storage_unavailable":
            _retry_store()
    except NilaiError as error:
        outcome = "refused"
        st.error(message_for(error), icon=":material/error:")
    except Exception:
        outcome = "failed"
        logging.getLogger("nilai").exception("page failed")
        st.error(t("error.generic"), icon=":material/error:")
    finally:
        uploads.page_run_finished()
        if get_settings().metrics_enabled:
            name = (page.url_path or "home") if isinstance(page, st.Page) else "landing"
            get_metrics().script_run(name, time.perf_counter() - started, outcome)


def ensure_app_shell() -> None:
    """A deep link (/join?code=…, /classroom?group=…) opened before anyone loaded the app's root would
    run this page bare: until st.navigation has run once in the process, Streamlit treats
    the pages/ folder as an old-style multipage app. Switch that off and rerun, so app.py
    (language, project, navigation) wraps the page as usual."""
    from streamlit.runtime.pages_manager import PagesManager

    from ui.common.i18n import LANG_KEY

    # app.py's shell sets the language on its first run in a session; if it never ran, we're bare.
    if PagesManager.uses_pages_directory:
        if LANG_KEY not in st.session_state:
            PagesManager.uses_pages_directory = False
            st.rerun()
        new_run()  # the page runs bare (AppTest), without app.py: prove the session afresh

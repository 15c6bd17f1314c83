"""AppTest that runs app.py on every run, as the real server does.

Streamlit treats an app with a `pages/` folder as a v1 multipage app until st.navigation
runs once. A real server flips that flag on its first run and keeps it; AppTest resets it
before every run, so from the second run on it executes the page file alone, without
app.py: no language sync, no top bar, no store check. `app_test()` returns an AppTest
whose runs behave like the server's (app.py, then the page st.navigation picks).
"""

from __future__ import annotations

from pathlib import Path
from unittest.mock import patch

import streamlit.testing.v1.app_test as app_test_module
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent


class _NavigationPagesManager(PagesManager):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        PagesManager.uses_pages_directory = False  # what st.navigation sets in a real server


def app_test(script: str = "app.py", *, timeout: float = 60, **query: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / script), default_timeout=timeout)
    for key, value in query.items():
        at.query_params[key] = value
    original = at._run

    def _run(*args, **kwargs):
        with patch.object(app_test_module, "PagesManager", _NavigationPagesManager):
            return original(*args, **kwargs)

    at._run = _run  # type: ignore[method-assign]
    return at

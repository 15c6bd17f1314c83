"""What the page benchmarks share: a private database for the app, and timed AppTest reruns."""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP_ENV_KEYS = ("NILAI_DATA_DIR", "NILAI_SEED_SAMPLE", "DATABASE_URL")


@contextmanager
def private_app_store(prefix: str) -> Iterator[object]:
    """An empty SQLite store in a temporary folder, which the app under AppTest also uses."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import streamlit as st

    from core.settings import get_settings
    from examples.seeding import open_store

    saved_env = {key: os.environ.get(key) for key in APP_ENV_KEYS}
    with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
        os.environ["NILAI_DATA_DIR"] = tmp
        os.environ["NILAI_SEED_SAMPLE"] = "false"
        os.environ.pop("DATABASE_URL", None)
        get_settings.cache_clear()
        st.cache_resource.clear()
        try:
            yield open_store(get_settings())
        finally:
            for key, value in saved_env.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
            get_settings.cache_clear()
            st.cache_resource.clear()


BENCH_WORKSPACE_KEY = "bench-only-workspace-key-31c7a9"


def open_workspace(app_test: object) -> object:
    """Let an AppTest session into the workspace as a key holder would be, after the key
    was accepted. AppTest has no client address, and Nilai never trusts an unknown address
    as this computer's own browser, so without this the pages would show the landing page
    and the benchmarks would time the wrong page."""
    from core.settings import get_settings
    from ui.common.workspace_access import KEY_STATE

    os.environ["NILAI_WORKSPACE_KEY"] = BENCH_WORKSPACE_KEY
    get_settings.cache_clear()
    app_test.session_state[KEY_STATE] = BENCH_WORKSPACE_KEY
    return app_test


def median_rerun_ms(app_test: object, *, warmup: int, samples: int) -> float:
    """Median wall time of AppTest reruns after warm-up; the server-side cost of one rerun."""
    for _ in range(warmup):
        app_test.run()
    timings = []
    for _ in range(samples):
        started = time.perf_counter()
        app_test.run()
        timings.append((time.perf_counter() - started) * 1000)
    assert not app_test.exception, app_test.exception
    return round(statistics.median(timings), 1)

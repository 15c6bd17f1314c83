"""Canvas page benchmarks.

* canvas_rerun_300_ms: the median server-side rerun of the Canvas page showing a canvas
  with 300 notes (50 per area) and 150 links.
* canvas_rerun_ratio: that figure divided by the median rerun of the same page showing an
  empty canvas, measured in the same process right after, so machine noise mostly cancels.
* fit_analysis_300_ms: `canvas.fit.analyse_fit` alone on the same 300 notes and 150 links.

How: a fresh SQLite database in a temporary directory; the app runs in-process under
Streamlit's AppTest. After switching to the Canvas page and a few warm-up runs (imports,
the SQLite page cache, the per-revision board cache), each sample is one `AppTest.run()`:
app.py's shell plus the page executing and every element (the board component's payload
included) being serialized -- what the server does on each rerun. The browser's drawing
is not included. The page reads the project revision (one indexed query) on every run
and rebuilds the board, fit report, hints and payload only when the revision moved, so a
rerun after an edit costs more: `canvas_rerun_300_changed_ms` reports that case (a note
edited between runs) for information.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.actors import WORKSPACE
from bench.harness import open_workspace

ROOT = Path(__file__).resolve().parent.parent
WARMUP = 3
SAMPLES = 15
FIT_SAMPLES = 200


def _median_rerun(at, samples: int = SAMPLES, between=None) -> float:
    times = []
    for _ in range(samples):
        if between is not None:
            between()
        started = time.perf_counter()
        at.run()
        times.append((time.perf_counter() - started) * 1000)
    assert not at.exception, at.exception
    return statistics.median(times)


def _page(project_id: str, canvas_id: str):
    from streamlit.testing.v1 import AppTest

    at = open_workspace(AppTest.from_file(str(ROOT / "app.py"), default_timeout=120))
    at.query_params["lang"] = "en"
    at.query_params["project"] = project_id
    at.query_params["canvas"] = canvas_id
    at.run()
    at.switch_page("pages/canvas.py").run()
    assert not at.exception, at.exception
    for _ in range(WARMUP):
        at.run()
    return at


def run() -> dict[str, float]:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory(prefix="nilai-bench-canvas-") as tmp:
        saved_env = {key: os.environ.get(key) for key in ("NILAI_DATA_DIR", "NILAI_SEED_SAMPLE", "DATABASE_URL")}
        os.environ["NILAI_DATA_DIR"] = tmp
        os.environ["NILAI_SEED_SAMPLE"] = "false"
        os.environ.pop("DATABASE_URL", None)
        try:
            import streamlit as st

            from bench.demo import big_canvas
            from canvas import canvases, notes
            from canvas.fit import analyse_fit
            from canvas.models import NoteOwner
            from core.settings import get_settings
            from examples.seeding import open_store
            from projects.service import create_project

            get_settings.cache_clear()
            st.cache_resource.clear()
            store = open_store(get_settings())
            big = big_canvas(store, items=300, links=150)
            empty_project = create_project(store, WORKSPACE, "Bench empty", "", "en")
            empty = canvases.create_canvas(store, WORKSPACE, empty_project.id, "Empty canvas")

            board = canvases.load_board(store, WORKSPACE, big.id)
            assert len(board.items) == 300 and len(board.links) == 150
            fit_times = []
            for _ in range(FIT_SAMPLES):
                started = time.perf_counter()
                analyse_fit(board.items, board.links)
                fit_times.append((time.perf_counter() - started) * 1000)

            at_big = _page(big.project_id, big.id)
            big_ms = _median_rerun(at_big)
            at_empty = _page(empty.project_id, empty.id)
            empty_ms = _median_rerun(at_empty)

            target = board.items[0]
            state = {"version": target.version, "n": 0}

            def _edit() -> None:
                state["n"] += 1
                item = notes.update_note(
                    store,
                    WORKSPACE,
                    NoteOwner.of_canvas(big.id),
                    target.id,
                    state["version"],
                    text=f"edited note {state['n']}",
                )
                state["version"] = item.version

            changed_ms = _median_rerun(at_big, samples=7, between=_edit)
            return {
                "canvas_rerun_300_ms": round(big_ms, 1),
                "canvas_rerun_ratio": round(big_ms / empty_ms, 2),
                "fit_analysis_300_ms": round(statistics.median(fit_times), 2),
                "canvas_rerun_300_changed_ms": round(changed_ms, 1),
            }
        finally:
            for key, value in saved_env.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
            get_settings.cache_clear()
            st.cache_resource.clear()


if __name__ == "__main__":
    print(run())

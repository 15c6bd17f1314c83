"""class_gallery_40_ms: the median server-side rerun of a lecturer's gallery for 40 groups.

The app runs in-process under Streamlit's AppTest on a fresh SQLite database. A class is
created from the family-clinic example, 40 groups join (each gets its own full copy:
segments, personas, a canvas of about 60 notes, links, competitors and scores), then the
lecturer's Class page reruns: every group's fit, hint count and self-check computed and
40 cards drawn. The figure is the median of the timed reruns after warm-up.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GROUPS = 40
WARMUP = 3
SAMPLES = 15


def run() -> dict[str, float]:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory(prefix="nilai-bench-classroom-") as tmp:
        saved_env = {key: os.environ.get(key) for key in ("NILAI_DATA_DIR", "NILAI_SEED_SAMPLE", "DATABASE_URL")}
        os.environ["NILAI_DATA_DIR"] = tmp
        os.environ["NILAI_SEED_SAMPLE"] = "false"
        os.environ.pop("DATABASE_URL", None)
        try:
            import streamlit as st
            from streamlit.testing.v1 import AppTest

            from classroom import service as classes
            from core.settings import get_settings
            from storage import open_store

            get_settings.cache_clear()
            st.cache_resource.clear()
            store = open_store(get_settings())
            created = classes.create_class(store, "Pemasaran 2026", template="example:family_clinic", language="en")
            for index in range(GROUPS):
                classes.join_class(store, created.classroom.join_code, f"Group {index + 1:02d}", failures=[])
            store.db.engine.dispose()

            at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
            at.query_params["lang"] = "en"
            at.query_params["lecturer"] = created.lecturer_token
            at.run()
            at.switch_page("pages/classroom.py").run()
            assert not at.exception, at.exception
            cards = [b for b in at.button if (b.key or "").startswith("class.open.")]
            assert len(cards) == GROUPS, len(cards)
            for _ in range(WARMUP):
                at.run()
            samples = []
            for _ in range(SAMPLES):
                started = time.perf_counter()
                at.run()
                samples.append((time.perf_counter() - started) * 1000)
            assert not at.exception, at.exception
            return {"class_gallery_40_ms": round(statistics.median(samples), 1)}
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

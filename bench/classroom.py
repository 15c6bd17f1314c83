"""class_gallery_40_ms: the median server-side rerun of a lecturer's gallery for 40 groups.

The app runs in-process under Streamlit's AppTest on a fresh SQLite database. A class is
created from the family-clinic example, 40 groups join (each gets its own full copy:
segments, personas, a canvas of about 60 notes, links, competitors and scores), then the
lecturer's Class page reruns: every group's fit, hint count and self-check computed and
40 cards drawn. The figure is the median of the timed reruns after warm-up.
"""

from __future__ import annotations

from bench.actors import WORKSPACE
from bench.harness import ROOT, median_rerun_ms, open_workspace, private_app_store

GROUPS = 40
WARMUP = 3
SAMPLES = 15


def run() -> dict[str, float]:
    with private_app_store("nilai-bench-classroom-") as store:
        from streamlit.testing.v1 import AppTest

        from classroom import service as classes

        created = classes.create_class(
            store, WORKSPACE, "Pemasaran 2026", template="example:family_clinic", language="en"
        )
        for index in range(GROUPS):
            classes.join_class(store, created.classroom.join_code, f"Group {index + 1:02d}", client=f"bench-{index}")
        store.db.engine.dispose()

        at = open_workspace(AppTest.from_file(str(ROOT / "app.py"), default_timeout=120))
        at.query_params["lang"] = "en"
        at.query_params["lecturer"] = created.lecturer_token
        at.run()
        at.switch_page("pages/classroom.py").run()
        assert not at.exception, at.exception
        cards = [b for b in at.button if (b.key or "").startswith("class.open.")]
        assert len(cards) == GROUPS, len(cards)
        return {"class_gallery_40_ms": median_rerun_ms(at, warmup=WARMUP, samples=SAMPLES)}


if __name__ == "__main__":
    print(run())

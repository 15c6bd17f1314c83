"""Competitors benchmark.

competitors_rerun_ms
    The server-side rerun of the Competitors page (app.py + pages/competitors.py) for a
    canvas with our offer plus 8 competitors, 20 factors, every cell scored (180 scores),
    a 30-item customer profile and value map with links, and a few ERRC moves. The page
    builds only the open tab (offerings and factors, the score editor, the Plotly
    strategy canvas, the ERRC grid with its suggestions, the relevance table), so each
    tab is measured, median of 25 reruns each after warm-up runs, and the figure is the
    slowest tab's median; the per-tab medians go to stderr. Measured with AppTest (the
    real script through Streamlit's ScriptRunner), like home_rerun_ms; AppTest's own
    element-tree building makes it an upper bound of the server's script time.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.actors import WORKSPACE
from bench.harness import open_workspace

ROOT = Path(__file__).resolve().parent.parent
COMPETITORS = 8
FACTORS = 20
RERUN_WARMUP = 5
RERUN_SAMPLES = 25
TABS = ("setup", "scores", "chart", "errc", "relevance")


def _fill(store, rng: random.Random) -> tuple[str, str]:
    from competitors import comparison as competitor_comparison
    from competitors import errc as competitor_errc
    from competitors import factors as competitor_factors
    from competitors import offerings as competitor_offerings
    from competitors import scores as competitor_scores
    from projects import service as project_service

    project = project_service.create_project(store, WORKSPACE, "Bench: kopi", "", "en")
    canvas = store.canvases.insert(project.id, {"name": "Office workers in Jakarta"})
    profile = []
    for index in range(20):
        area = ("jobs", "pains", "gains")[index % 3]
        profile.append(
            store.items.insert(
                project.id,
                {
                    "canvas_id": canvas.id,
                    "area": area,
                    "text": f"Customer item {index} with a realistic length of text",
                    "rank": rng.randint(1, 5),
                },
            )
        )
    for index in range(10):
        area = ("products", "relievers", "creators")[index % 3]
        target = {"products": "jobs", "relievers": "pains", "creators": "gains"}[area]
        item = store.items.insert(project.id, {"canvas_id": canvas.id, "area": area, "text": f"Our value {index}"})
        choices = [p for p in profile if p.area == target]
        store.links.insert(
            project.id, {"canvas_id": canvas.id, "source_id": item.id, "target_id": rng.choice(choices).id}
        )
    ours = competitor_offerings.ensure_our_offer(store, WORKSPACE, canvas.id, "Our offer")
    offerings = [ours] + [
        competitor_offerings.add_competitor(
            store,
            WORKSPACE,
            canvas.id,
            f"Competitor {index}",
            "A chain of coffee shops",
            "Iced coffee, Wi-Fi",
            "substitute" if index == 7 else "competitor",
        )
        for index in range(COMPETITORS)
    ]
    for index in range(FACTORS):
        if index < len(profile):
            factor = competitor_factors.add_factor_from_item(store, WORKSPACE, canvas.id, profile[index].id)
        else:
            factor = competitor_factors.add_factor(store, WORKSPACE, canvas.id, f"Factor {index}", rng.randint(1, 5))
        for offering in offerings:
            competitor_scores.set_score(store, WORKSPACE, factor.id, offering.id, rng.randint(0, 10), None)
    data = competitor_comparison.load_comparison(store, WORKSPACE, canvas.id)
    for suggestion in data.open_suggestions()[:3]:
        competitor_errc.accept_suggestion(store, WORKSPACE, canvas.id, suggestion.key, suggestion.subject, "bench")
    competitor_errc.add_own_move(store, WORKSPACE, canvas.id, "create", "Pre-order by WhatsApp")
    return project.id, canvas.id


def competitors_rerun_ms() -> float:
    from streamlit.testing.v1 import AppTest

    from core.settings import get_settings
    from i18n import translate

    with tempfile.TemporaryDirectory() as folder:
        previous = os.environ.get("NILAI_DATA_DIR")
        os.environ["NILAI_DATA_DIR"] = folder
        os.environ.pop("DATABASE_URL", None)
        get_settings.cache_clear()
        try:
            from examples.seeding import open_store

            store = open_store(get_settings())
            project_id, canvas_id = _fill(store, random.Random(5))
            store.db.engine.dispose()

            app = open_workspace(AppTest.from_file(str(ROOT / "app.py"), default_timeout=60))
            app.query_params["lang"] = "en"
            app.query_params["project"] = project_id
            app.query_params["canvas"] = canvas_id
            app.run()
            app.switch_page("pages/competitors.py")
            medians: dict[str, float] = {}
            for tab in TABS:
                app.session_state["competitors.tab"] = translate("en", f"competitors.tab.{tab}")
                for _ in range(RERUN_WARMUP):
                    app.run()
                if app.exception:
                    raise RuntimeError(f"Competitors ({tab}) failed under the benchmark: {app.exception}")
                if tab == "chart" and not app.get("plotly_chart"):
                    raise RuntimeError("the strategy canvas did not render under the benchmark")
                samples = []
                for _ in range(RERUN_SAMPLES):
                    started = time.perf_counter()
                    app.run()
                    samples.append((time.perf_counter() - started) * 1000)
                medians[tab] = statistics.median(samples)
            print(
                f"# competitors per tab (ms): {json.dumps({k: round(v, 1) for k, v in medians.items()})}",
                file=sys.stderr,
            )
            return max(medians.values())
        finally:
            import streamlit as st

            st.cache_resource.clear()
            if previous is None:
                os.environ.pop("NILAI_DATA_DIR", None)
            else:
                os.environ["NILAI_DATA_DIR"] = previous
            get_settings.cache_clear()


def run() -> dict[str, float]:
    return {"competitors_rerun_ms": round(competitors_rerun_ms(), 1)}


if __name__ == "__main__":
    print(run())

"""Testing page benchmarks.

* assumptions_map_300_ms: the median server-side rerun of the Testing page's assumptions
  map for a canvas with 300 notes (50 per area), 150 links, 40 placed notes and 20 test
  cards: the map component's payload, the proposals with their reasons and the new-card
  form (a 300-note multiselect) included.
* testing_board_100_cards_ms: the median rerun of the Testing page's board tab for a
  project with 100 test cards (planned, running and done, each naming two notes).
* assumptions_map_300_changed_ms: a rerun after a note was placed between runs (the map
  is rebuilt for the new revision), for information.
* assumptions_map_overlaps_300: pairs of intersecting note boxes on that 300-note map as
  drawn at 1440x900 (experiments.map_layout: the slots the screen and the PDF use; each
  quadrant loses its title line). Target 0; tests/e2e measures the same in Chromium.

How: bench.harness's private SQLite store; the app runs in-process under AppTest (the
shell, the page, every element serialised: the server's work per rerun, not the
browser's drawing). Warm-up runs first fill the per-revision caches, as a live session's
earlier runs would.
"""

from __future__ import annotations

from pathlib import Path

from bench.actors import WORKSPACE
from bench.harness import median_rerun_ms, open_workspace, private_app_store

ROOT = Path(__file__).resolve().parent.parent
WARMUP = 3
SAMPLES = 15


def _page(project_id: str, canvas_id: str, tab: str | None = None):
    from streamlit.testing.v1 import AppTest

    from i18n import translate

    at = open_workspace(AppTest.from_file(str(ROOT / "app.py"), default_timeout=120))
    at.query_params["lang"] = "en"
    at.query_params["project"] = project_id
    at.query_params["canvas"] = canvas_id
    at.run()
    at.switch_page("pages/testing.py").run()
    if tab:
        at.session_state["testing.tab"] = translate("en", f"experiments.tab.{tab}")
        at.run()
    assert not at.exception, at.exception
    return at


def _cards(store, canvas_id: str, items, count: int) -> None:
    from experiments import service as svc

    for index in range(count):
        pair = [items[(2 * index) % len(items)].id, items[(2 * index + 1) % len(items)].id]
        card = svc.create_card(
            store,
            WORKSPACE,
            canvas_id,
            experiment=("interview", "survey", "fake_door", "pre_order", "concierge")[index % 5],
            hypothesis=f"We believe that assumption {index} holds for thesis students",
            metric=f"students who act on offer {index}, in %",
            comparison="at_least",
            threshold=20 + index % 30,
            item_ids=pair,
        )
        if index % 3 == 0:
            continue
        card = svc.start_card(store, WORKSPACE, card.id, card.version)
        if index % 3 == 2:
            svc.close_card(
                store,
                WORKSPACE,
                card.id,
                card.version,
                measured=10 + index % 40,
                observation=f"Observation {index}",
                insight=f"Insight {index}",
                decision="persevere",
            )


def run() -> dict[str, float]:
    with private_app_store("nilai-bench-experiments-") as store:
        from bench.demo import big_canvas
        from canvas import canvases, notes
        from canvas.models import NoteOwner
        from experiments import service as svc

        big = big_canvas(store, items=300, links=150)
        items = canvases.load_board(store, WORKSPACE, big.id).items
        assert len(items) == 300
        for index, item in enumerate(items[:40]):
            svc.place_note(store, WORKSPACE, big.id, item.id, None, importance=0.6 + index / 100, evidence=0.2)
        _cards(store, big.id, items, 20)

        from experiments.map_layout import layout, overlaps

        amap = svc.load_testing(store, WORKSPACE, big.id).assumptions_map()
        placed = layout(amap)
        plot_w, plot_h = 820.0, 615.0  # the plot's size at 1440x900 (a 4:3 box in the page's left column)
        title_band = 24.0 / plot_h  # one line of quadrant title
        boxes = [placed.box_on_plot(item_id, title_band) for item_id in placed.slots]
        assert len(boxes) == 300 and all(box.width * plot_w > 8 for box in boxes)
        overlapping = overlaps(boxes)

        at_map = _page(big.project_id, big.id)
        map_ms = median_rerun_ms(at_map, warmup=WARMUP, samples=SAMPLES)
        moving = {"n": 0}

        def _place() -> None:
            moving["n"] += 1
            target = items[100]
            version = next((p.version for p in store.placements.for_canvas(big.id) if p.item_id == target.id), None)
            svc.place_note(store, WORKSPACE, big.id, target.id, version, importance=0.9, evidence=moving["n"] % 9 / 10)

        changed = []
        import time

        for _ in range(7):
            _place()
            started = time.perf_counter()
            at_map.run()
            changed.append((time.perf_counter() - started) * 1000)
        changed.sort()

        board_canvas = canvases.create_canvas(store, WORKSPACE, big.project_id, "Board bench")
        board_items = [
            notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(board_canvas.id), "pains", f"Pain {index}", rank=5)
            for index in range(40)
        ]
        _cards(store, board_canvas.id, board_items, 80)  # 20 on the big canvas + 80 here = 100
        assert len(store.test_cards.list_for_project(big.project_id)) == 100
        at_board = _page(big.project_id, big.id, tab="board")
        board_ms = median_rerun_ms(at_board, warmup=WARMUP, samples=SAMPLES)
        return {
            "assumptions_map_300_ms": map_ms,
            "testing_board_100_cards_ms": board_ms,
            "assumptions_map_300_changed_ms": round(changed[len(changed) // 2], 1),
            "assumptions_map_overlaps_300": overlapping,
        }


if __name__ == "__main__":
    print(run())

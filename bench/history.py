"""Version history benchmarks.

* history_timeline_20k_ms: the first timeline page (50 entries, newest first) of a project
  with 20,000 stored changes: what the timeline section computes on the server each run
  (the keyset page query, the person list, the texts of the linked notes, and the 50
  sentences in the user's language), median of SAMPLES. Streamlit's own drawing is not in
  it; `history_page_20k_ms` reports, for information, a whole AppTest rerun of the page, and
  `history_timeline_20k_no_match_ms` a filter no entry matches (the scan reads every row).
* diff_300_ms: `history.restore.compare` of two stored snapshots of a 300-note canvas
  (30 notes each added, deleted, edited, moved and re-ranked between them, plus links):
  both snapshots read from the database, the diff and the fit then and now.
* write_overhead_ratio: the median time of one note add (canvas.notes.add_note: scope
  check, transaction, insert, revision bump, and the history row when on) with the history
  on, divided by the median with it off (store.db.record_history, which only this benchmark
  turns off), WRITES adds in one run with on and off alternating note by note. The inverse
  of the throughput ratio: 1.3 means adding notes is at most 30 % slower because of the
  history rows; lower is better.

How: a fresh SQLite database in a temporary directory (synchronous=FULL, as the app runs).
The 20,000 changes are written as history rows in bulk (mixed kinds, two canvases, several
people) because writing them one by one through the app would take minutes; the page query
doesn't care how they got there.
"""

from __future__ import annotations

import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

from bench.actors import WORKSPACE
from bench.harness import median_rerun_ms, open_workspace, private_app_store

ROOT = Path(__file__).resolve().parent.parent
CHANGES = 20_000
SAMPLES = 25
DIFF_SAMPLES = 25
WRITES = 600


def _fill_history(store, project_id: str, canvas_ids: list[str], note_ids: list[str]) -> None:
    from core.models import utcnow
    from storage.history import record_rows

    people = [("workspace", ""), ("participant", "Ani"), ("participant", "Budi"), ("group", "Citra"), ("import", "")]
    kinds = ("note.add", "note.edit", "note.move", "note.rank", "link.add", "note.delete", "persona.edit", "score.set")
    start = utcnow() - timedelta(days=30)
    rows = []
    for n in range(CHANGES):
        kind = kinds[n % len(kinds)]
        who_kind, who = people[n % len(people)]
        entity = kind.split(".")[0]
        note = note_ids[n % len(note_ids)]
        detail = (
            {"source_id": note_ids[(n + 1) % len(note_ids)], "target_id": note, "strength": "full"}
            if entity == "link"
            else {
                "text": f"Catatan nomor {n}",
                "old_text": f"Catatan {n}",
                "area": "pains",
                "old_area": "gains",
                "rank": 4,
                "old_rank": 3,
            }
        )
        rows.append(
            {
                "project_id": project_id,
                "at": start + timedelta(seconds=n * 60),
                "who": who,
                "who_kind": who_kind,
                "kind": kind,
                "entity": entity,
                "target_id": note,
                "canvas_id": canvas_ids[n % len(canvas_ids)],
                "persona_id": None,
                "label": f"Catatan nomor {n}",
                "detail": detail,
            }
        )
    for first in range(0, len(rows), 2000):
        with store.db.transaction() as conn:
            record_rows(conn, rows[first : first + 2000])


def _timeline_ms(store, project_id: str) -> float:
    from history import timeline as history_timeline
    from i18n import translate
    from ui.history.sentences import sentence

    def tr(key: str, **params: object) -> str:
        return translate("id", key, **params)

    times = []
    for _ in range(SAMPLES):
        started = time.perf_counter()
        page = history_timeline.timeline(store, WORKSPACE, project_id)
        history_timeline.people(store, WORKSPACE, project_id)
        notes = history_timeline.note_texts(store, WORKSPACE, project_id, page.entries)
        lines = [sentence(entry, tr, notes, {}) for entry in page.entries]
        times.append((time.perf_counter() - started) * 1000)
    assert len(lines) == 50 and page.next_cursor is not None
    return statistics.median(times)


def _rare_filter_ms(store, project_id: str) -> float:
    """A filter nothing matches: the keyset scan reads every row of the project (worst case)."""
    from history import timeline as history_timeline

    times = []
    for _ in range(SAMPLES):
        started = time.perf_counter()
        page = history_timeline.timeline(store, WORKSPACE, project_id, who="Nobody", entity="note")
        times.append((time.perf_counter() - started) * 1000)
    assert page.entries == []
    return statistics.median(times)


def _page_ms(project_id: str) -> float:
    from streamlit.testing.v1 import AppTest

    at = open_workspace(AppTest.from_file(str(ROOT / "app.py"), default_timeout=120))
    at.query_params["lang"] = "id"
    at.query_params["project"] = project_id
    at.run()
    at.switch_page("pages/history.py").run()
    assert not at.exception, at.exception
    median = median_rerun_ms(at, warmup=2, samples=7)
    lines = [m.value for m in at.markdown if str(m.value).startswith("`01-") or "**" in str(m.value)]
    assert len(lines) >= 50, "the timed page is not the timeline's first page"
    return median


def _diff_ms(store) -> float:
    from canvas import canvases as canvas_canvases
    from history import restore as history_restore
    from history import snapshots as history_snapshots
    from projects.service import create_project

    project = create_project(store, WORKSPACE, "Diff 300", language="id")
    cv = canvas_canvases.create_canvas(store, WORKSPACE, project.id, "Utama")
    areas = ("jobs", "pains", "gains", "products", "relievers", "creators")
    notes = []
    with store.db.transaction() as conn:  # 300 notes in one go (the diff, not the writes, is measured)
        for n in range(300):
            notes.append(
                store.items.insert_in(
                    conn,
                    project.id,
                    {"canvas_id": cv.id, "area": areas[n % 6], "text": f"Catatan {n}", "rank": 1 + n % 5},
                )
            )
    relievers = [n for n in notes if n.area == "relievers"]
    pains = [n for n in notes if n.area == "pains"]
    with store.db.transaction() as conn:
        for source, target in zip(relievers[:25], pains[:25], strict=True):
            store.links.insert_in(
                conn, project.id, {"canvas_id": cv.id, "source_id": source.id, "target_id": target.id}
            )
    first = history_snapshots.take_snapshot(store, WORKSPACE, project.id, "Sebelum")
    with store.db.transaction() as conn:
        for n in range(30):
            store.items.insert_in(conn, project.id, {"canvas_id": cv.id, "area": "gains", "text": f"Baru {n}"})
            store.items.trash_in(conn, notes[n].id, notes[n].created_at)
            edited = notes[30 + n]
            store.items.update_in(conn, edited.id, edited.version, {"text": f"Diubah {n}"})
            moved = notes[60 + n]
            store.items.update_in(
                conn, moved.id, moved.version, {"area": "pains" if moved.area != "pains" else "gains"}
            )
            ranked = notes[90 + n]
            store.items.update_in(conn, ranked.id, ranked.version, {"rank": 1 + (ranked.rank % 5)})
        for source, target in zip(relievers[25:], pains[25:], strict=False):
            store.links.insert_in(
                conn, project.id, {"canvas_id": cv.id, "source_id": source.id, "target_id": target.id}
            )
    second = history_snapshots.take_snapshot(store, WORKSPACE, project.id, "Sesudah")
    times = []
    for _ in range(DIFF_SAMPLES):
        started = time.perf_counter()
        diff = history_restore.compare(store, WORKSPACE, cv.id, first.id, second.id)
        times.append((time.perf_counter() - started) * 1000)
    assert len(diff.of("added")) == 30 and len(diff.of("removed")) == 30
    return statistics.median(times)


def _write_ratio(store) -> float:
    from canvas import canvases as canvas_canvases
    from canvas import notes as canvas_notes
    from canvas.models import NoteOwner
    from projects.service import create_project

    project = create_project(store, WORKSPACE, "Tulis", language="id")
    cv = canvas_canvases.create_canvas(store, WORKSPACE, project.id, "Utama")
    times: dict[bool, list[float]] = {True: [], False: []}
    for n in range(WRITES):
        # On and off alternate note by note, so the machine's drift hits both the same.
        recording = n % 2 == 0
        store.db.record_history = recording
        started = time.perf_counter()
        canvas_notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(cv.id), "pains", f"Catatan {n}")
        times[recording].append(time.perf_counter() - started)
    store.db.record_history = True
    return statistics.median(times[True]) / statistics.median(times[False])


def run() -> dict[str, float]:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from canvas import canvases as canvas_canvases
    from canvas import notes as canvas_notes
    from canvas.models import NoteOwner
    from projects.service import create_project

    with private_app_store("nilai-bench-history-") as store:
        project = create_project(store, WORKSPACE, "Riwayat 20k", language="id")
        canvases = [canvas_canvases.create_canvas(store, WORKSPACE, project.id, name) for name in ("Utama", "Kedua")]
        note_ids = [
            canvas_notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(canvases[0].id), "pains", f"Catatan {n}").id
            for n in range(20)
        ]
        _fill_history(store, project.id, [c.id for c in canvases], note_ids)
        timeline = _timeline_ms(store, project.id)
        rare = _rare_filter_ms(store, project.id)
        page = _page_ms(project.id)
        diff = _diff_ms(store)
        ratio = _write_ratio(store)
    return {
        "history_timeline_20k_ms": round(timeline, 2),
        "history_page_20k_ms": round(page, 1),
        "history_timeline_20k_no_match_ms": round(rare, 2),
        "diff_300_ms": round(diff, 2),
        "write_overhead_ratio": round(ratio, 3),
    }

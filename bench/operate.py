"""Operations benchmarks (issue 28): backups, restores and the metrics scrape.

backup_20k_notes_s             median wall time of `backup_sqlite` (SQLite's online backup
                               API, manifest, fsync, rename) of a workspace holding a
                               project of 20,000 notes. Target <= 2 s.
backup_longest_writer_block_s  during those backups another thread writes one note every
                               20 ms (bench.security.SmallWriter), as other people's
                               sessions do; the longest any of those writes took, over all
                               runs. Target <= 0.5 s.
restore_20k_notes_s            median wall time of `restore_sqlite` of that backup into an
                               empty data folder (check the whole file, copy, migrate,
                               count, rename). Target <= 5 s.
metrics_scrape_ms              median time of GET /metrics through the ASGI route
                               (Starlette's test client, with the bearer token) while a
                               workshop holds 100 participants. Target <= 20 ms.

Data: bench.security's 20,000-note document imported into a fresh SQLite file with the
app's engine settings. One warm-up of each operation first.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.actors import WORKSPACE

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = 5
SCRAPES = 50
PARTICIPANTS = 100
METRICS_TOKEN = "bench-metrics-token-5d1c"


def _measure_backups(store, folder: Path) -> dict[str, float]:
    from bench.security import SmallWriter
    from storage.backup import backup_sqlite, restore_sqlite

    database = Path(store.db.engine.url.database)
    other = store.projects.create("Someone else's project")
    canvas = store.canvases.insert(other.id, {"name": "Board"})
    backup_sqlite(database, folder / "warm-up.sqlite")
    backups, longest, failures = [], 0.0, []
    for n in range(SAMPLES):
        writer = SmallWriter(store, other.id, canvas.id)
        writer.start()
        time.sleep(0.1)
        started = time.perf_counter()
        info = backup_sqlite(database, folder / f"b{n}.sqlite")
        backups.append(time.perf_counter() - started)
        time.sleep(0.1)
        writer.stop.set()
        writer.join()
        longest = max(longest, writer.longest)
        failures += writer.failures
    if failures:
        print(f"# operate: {len(failures)} write(s) failed during backups: {sorted(set(failures))}", file=sys.stderr)
    print(f"# operate: backup of {info.summary['notes']} notes, {info.size_bytes / 1e6:.1f} MB", file=sys.stderr)
    restore_sqlite(info.path, folder / "warm-up" / "nilai.db")
    restores = []
    for n in range(SAMPLES):
        started = time.perf_counter()
        restore_sqlite(info.path, folder / f"restored{n}" / "nilai.db")
        restores.append(time.perf_counter() - started)
    return {
        "backup_20k_notes_s": round(statistics.median(backups), 3),
        "backup_longest_writer_block_s": round(longest, 3),
        "restore_20k_notes_s": round(statistics.median(restores), 3),
    }


def _measure_scrape(store) -> dict[str, float]:
    from starlette.applications import Starlette
    from starlette.testclient import TestClient

    from canvas.canvases import create_canvas
    from core.settings import Settings
    from operate.metrics import Metrics
    from server.operations import metrics_routes
    from storage.observe import watch
    from workshop.joining import join, open_workshop

    project = store.projects.create("Workshop room")
    canvas = create_canvas(store, WORKSPACE, project.id, "Room")
    opened = open_workshop(store, WORKSPACE, canvas.id, facilitator_name="Fasilitator")
    for n in range(PARTICIPANTS):
        join(store, opened.workshop.join_code, f"Peserta {n}", client=f"bench-device-{n}")
    metrics = Metrics(lambda: store)
    watch(store.db, metrics)
    settings = Settings(metrics_enabled=True, metrics_token=METRICS_TOKEN)
    client = TestClient(Starlette(routes=metrics_routes(lambda: metrics, lambda: settings)))
    headers = {"Authorization": f"Bearer {METRICS_TOKEN}"}
    first = client.get("/metrics", headers=headers)
    assert first.status_code == 200 and f"nilai_live_participants {PARTICIPANTS + 1}.0" in first.text, first.text
    timings = []
    for _ in range(SCRAPES):
        started = time.perf_counter()
        client.get("/metrics", headers=headers)
        timings.append((time.perf_counter() - started) * 1000)
    return {"metrics_scrape_ms": round(statistics.median(timings), 2)}


def run() -> dict[str, float]:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from bench.security import big_document
    from importing.document import import_document
    from storage.db import create_engine
    from storage.migrations import migrate
    from storage.store import Store

    with tempfile.TemporaryDirectory(prefix="nilai-bench-operate-") as tmp:
        folder = Path(tmp)
        engine = create_engine(f"sqlite:///{folder / 'nilai.db'}")
        migrate(engine)
        store = Store(engine)
        import_document(store, WORKSPACE, big_document())
        metrics = _measure_backups(store, folder)
        metrics.update(_measure_scrape(store))
        engine.dispose()
    return metrics

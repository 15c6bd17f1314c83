"""Export benchmarks (medians, seconds or milliseconds as named).

pdf_canvas_300_s    the whole PDF (all sections) of a project with one canvas of 300 notes
                    (and the links between them): cover, the canvas page plus its overflow
                    pages, the fit page. Target <= 1.0 s.
pdf_full_project_s  all sections of a project with 3 canvases of 60 notes, 6 personas and
                    8 offerings with scored factors per canvas. Target <= 2.0 s.
json_roundtrip_ms   that project read from the database, written as JSON, parsed, validated
                    and imported as a new project in one transaction. Target <= 300 ms.

Data: tests/export/factory.make_project on a fresh SQLite file in a temporary directory.
One warm-up run first (font registration, imports); then SAMPLES timed runs each.
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


def _median(action, samples: int = SAMPLES) -> float:
    action()
    times = []
    for _ in range(samples):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def run() -> dict[str, float]:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from export.bundle import collect
    from export.pdf.builder import SECTIONS, build_pdf
    from export.writer import write_json
    from importing.document import import_document
    from storage.db import create_engine
    from storage.migrations import migrate
    from storage.store import Store
    from tests.export.factory import make_project

    with tempfile.TemporaryDirectory(prefix="nilai-bench-export-") as folder:
        engine = create_engine(f"sqlite:///{Path(folder) / 'bench.db'}")
        migrate(engine)
        store = Store(engine)
        big = collect(store, WORKSPACE, make_project(store, items_per_canvas=300, personas=0, competitors=0, factors=0))
        full_id = make_project(store, canvases=3, items_per_canvas=60, personas=6, competitors=8, factors=8)
        full = collect(store, WORKSPACE, full_id)

        pdf_canvas = _median(lambda: build_pdf(big, sections=SECTIONS))
        pdf_full = _median(lambda: build_pdf(full, sections=SECTIONS))

        def roundtrip() -> None:
            import_document(store, WORKSPACE, write_json(collect(store, WORKSPACE, full_id)))

        json_ms = _median(roundtrip) * 1000
        engine.dispose()
    return {
        "pdf_canvas_300_s": round(pdf_canvas, 3),
        "pdf_full_project_s": round(pdf_full, 3),
        "json_roundtrip_ms": round(json_ms, 1),
    }


if __name__ == "__main__":
    print(run())

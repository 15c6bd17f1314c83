"""Customer voice benchmarks (issue 17), on 10,000 survey answers.

* feedback_import_10k_s: reading, checking and storing a 10,000-row CSV (semicolons,
  dd/mm/yyyy dates, comments), from bytes to committed rows, in a fresh project each time
  (a second import of the same file would store nothing). Median of 3.
* nps_page_10k_ms: the median server-side rerun (AppTest, app.py plus the page) of the
  Customer voice dashboard over 10,000 answers: the overall NPS and interval, the journey
  chart, and NPS by touchpoint. The database counts answers per group in SQL.
(themes_10k_s moved to bench/themes.py, which times it on real reviews.)
"""

from __future__ import annotations

import random
import statistics
import time
from datetime import date, timedelta

from bench.actors import WORKSPACE
from bench.harness import ROOT, median_rerun_ms, open_workspace, private_app_store

ANSWERS = 10_000
WARMUP = 3
SAMPLES = 15
TOUCHPOINTS = (
    ("sebelum", "Instagram"),
    ("sebelum", "Halaman pemesanan"),
    ("saat", "Meja layanan"),
    ("saat", "Ruang baca"),
    ("sesudah", "WhatsApp"),
    ("sesudah", "Surel"),
)
COMMENTS = (
    "Antrean di meja layanan lama sekali",
    "Kursi selalu penuh saat musim ujian",
    "Wifi lambat dan sering putus",
    "Akses jurnal dari luar kampus sulit",
    "Pustakawan ramah dan sangat membantu",
    "Ruang diskusi nyaman untuk kerja kelompok",
    "Jam buka sampai malam sangat menolong",
    "",
)


def survey_csv(rows: int = ANSWERS, seed: int = 17) -> bytes:
    rng = random.Random(seed)
    start = date(2025, 1, 1)
    lines = ["Tanggal;Skor;Komentar;Tahap;Titik kontak;Segmen"]
    for n in range(rows):
        stage, touchpoint = TOUCHPOINTS[n % len(TOUCHPOINTS)]
        day = (start + timedelta(days=rng.randrange(365))).strftime("%d/%m/%Y")
        comment = f"{rng.choice(COMMENTS)} ({n})" if rng.random() < 0.8 else ""
        lines.append(f"{day};{rng.randrange(11)};{comment};{stage};{touchpoint};Segmen {n % 4}")
    return "\r\n".join(lines).encode("cp1252")


def _timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def run() -> dict[str, float]:
    from feedback import service as feedback
    from projects import service as projects

    raw = survey_csv()
    with private_app_store("nilai-bench-feedback-") as store:
        imports = []
        for n in range(3):
            project = projects.create_project(store, WORKSPACE, f"Survey {n}", language="en")

            def load(project_id: str = project.id) -> None:
                preview = feedback.read_file(store, WORKSPACE, project_id, raw, "survey.csv")
                result = feedback.import_responses(store, WORKSPACE, project_id, preview)
                assert result.added == ANSWERS, result

            imports.append(_timed(load))
        project_id = project.id
        store.db.engine.dispose()

        from streamlit.testing.v1 import AppTest

        from i18n.format import format_number

        at = open_workspace(AppTest.from_file(str(ROOT / "app.py"), default_timeout=120))
        at.query_params["lang"] = "en"
        at.query_params["project"] = project_id
        at.run()
        at.switch_page("pages/feedback.py").run()
        assert not at.exception, at.exception
        answers = format_number("en", ANSWERS)  # the page's own (CLDR) format: "10,000"
        assert any(m.value == answers for m in at.metric), [m.value for m in at.metric]
        page_ms = median_rerun_ms(at, warmup=WARMUP, samples=SAMPLES)
    return {
        "feedback_import_10k_s": round(statistics.median(imports), 3),
        "nps_page_10k_ms": page_ms,
    }


if __name__ == "__main__":
    print(run())

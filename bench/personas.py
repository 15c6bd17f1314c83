"""personas_rerun_50_ms: the median server-side rerun of the Personas gallery with 50 personas.

What is measured: a project with 5 segments and 50 fully filled personas (bio, goals,
frustrations, channels, three touchpoints, knowledge notes, NPS, six jobs/pains/gains
each, every fifth with an uploaded picture; one segment in the trash so some personas
show as unassigned). The app runs in-process under Streamlit's AppTest, on a fresh
SQLite database in a temporary directory. After switching to the Personas page and a
few warm-up runs (imports, caches, the SQLite page cache), each sample is one
`AppTest.run()`: the whole script (app.py shell plus the page) executing and its
elements being serialized, which is what the server does on every rerun. The browser's
rendering is not part of it. The figure is the median of the samples.
"""

from __future__ import annotations

import io

from bench.actors import WORKSPACE
from bench.harness import ROOT, median_rerun_ms, open_workspace, private_app_store

PERSONAS = 50
WARMUP = 3
SAMPLES = 15


def _picture(seed: int) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (300, 300), ((seed * 47) % 255, (seed * 91) % 255, 140)).save(out, format="PNG")
    return out.getvalue()


def _populate(store) -> str:
    from canvas import notes
    from canvas.models import NoteOwner
    from personas import service as ps
    from projects import service as projects

    project = projects.create_project(store, WORKSPACE, "Bench personas", language="en")
    segments = [
        ps.create_segment(
            store, WORKSPACE, project.id, name=f"Segment {n}", size=1000 * (n + 1), attractiveness=1 + n % 5
        )
        for n in range(5)
    ]
    for n in range(PERSONAS):
        persona = ps.create_persona(
            store,
            WORKSPACE,
            project.id,
            name=f"Persona {n} Example",
            segment_id=segments[n % 5].id,
            age=20 + n % 40,
            occupation="Final-year student",
            location="Bandung",
            quote="I just need a quiet seat before my deadline.",
            bio="Writes her thesis and studies in the evening; often can't find a seat or the journals she needs.",
            goals=["Finish the thesis", "Find sources fast", "Study somewhere quiet"],
            frustrations=["Seats taken early", "Paywalled journals"],
            channels=["Instagram", "WhatsApp"],
            touchpoints=[
                {"stage": "pre_purchase", "channel": "Instagram", "note": "sees a post"},
                {"stage": "purchase", "channel": "Booking page"},
                {"stage": "post_purchase", "channel": "Survey"},
            ],
            participation="high",
            roles=["productive_resource"],
            knowledge_for="How to book",
            knowledge_from="Noisy rooms",
            knowledge_about="Studies late",
            nps=n % 11,
        )
        for area, text in (
            ("jobs", "Write the review"),
            ("jobs", "Book a seat"),
            ("pains", "No seat"),
            ("pains", "Paywalls"),
            ("gains", "Evening hours"),
            ("gains", "Expert help"),
        ):
            notes.add_note(store, WORKSPACE, NoteOwner.of_persona(persona.id), area, text, rank=1 + n % 5)
        if n % 5 == 0:
            ps.set_avatar(store, WORKSPACE, persona.id, persona.version, _picture(n))
    ps.delete_segment(store, WORKSPACE, segments[4].id)
    return project.id


def run() -> dict[str, float]:
    with private_app_store("nilai-bench-personas-") as store:
        from streamlit.testing.v1 import AppTest

        project_id = _populate(store)
        store.db.engine.dispose()

        at = open_workspace(AppTest.from_file(str(ROOT / "app.py"), default_timeout=120))
        at.query_params["lang"] = "en"
        at.query_params["project"] = project_id
        at.run()
        at.switch_page("pages/personas.py").run()
        assert not at.exception, at.exception
        cards = [b for b in at.button if (b.key or "").startswith("personas.open.")]
        assert len(cards) == PERSONAS, len(cards)
        return {"personas_rerun_50_ms": median_rerun_ms(at, warmup=WARMUP, samples=SAMPLES)}


if __name__ == "__main__":
    print(run())

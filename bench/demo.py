"""Build canvases with content for benchmarks and screenshots (not shipped to users as data;
the worked examples live in examples/). Deterministic: the same call builds the same canvas."""

from __future__ import annotations

import random

from bench.actors import WORKSPACE
from canvas import canvases, notes
from canvas import links as canvas_links
from canvas.models import LINK_TARGET, Canvas, NoteOwner
from projects.service import create_project
from storage.store import Store

FULL_EN = {
    "jobs": [
        ("Get to 8 a.m. lectures on time", 5, "functional"),
        ("Look prepared in front of classmates", 3, "social"),
        ("Feel in control of a tight monthly budget", 4, "emotional"),
        ("Find a quiet place to study between classes", 3, "supporting"),
    ],
    "pains": [
        ("Buses are full after 7 a.m., so I arrive late", 5),
        ("Ride-hailing costs eat a third of my allowance", 4),
        ("No reliable schedule for the campus shuttle", 4),
        ("Rain makes the walk from the bus stop miserable", 2),
    ],
    "gains": [
        ("Arrive with 10 minutes to spare", 5),
        ("Spend under Rp 300,000 a month on transport", 4),
        ("Ride with friends from the same faculty", 2),
        ("Use the commute to review notes", 3),
    ],
    "products": [
        ("Campus ride-sharing app", 5),
        ("Monthly commuter pass", 4),
        ("Covered walkway from the bus stop", 2),
    ],
    "relievers": [
        ("Reserve a seat the evening before", 5),
        ("Flat monthly price instead of per trip", 4),
        ("Live shuttle tracking", 3),
    ],
    "creators": [
        ("Arrival-time guarantee with credit back", 4),
        ("Match riders by faculty and schedule", 3),
        ("Quiet carriages for studying", 2),
    ],
}
FULL_ID = {
    "jobs": [
        ("Sampai tepat waktu untuk kuliah jam 8 pagi", 5, "functional"),
        ("Terlihat siap di depan teman sekelas", 3, "social"),
        ("Merasa bisa mengatur uang saku bulanan", 4, "emotional"),
        ("Mencari tempat belajar yang tenang di sela kuliah", 3, "supporting"),
    ],
    "pains": [
        ("Bus penuh setelah jam 7, jadi sering terlambat", 5),
        ("Ongkos ojek daring menghabiskan sepertiga uang saku", 4),
        ("Tidak ada jadwal bus kampus yang bisa dipegang", 4),
        ("Hujan membuat jalan dari halte sangat tidak nyaman", 2),
    ],
    "gains": [
        ("Tiba 10 menit sebelum kuliah dimulai", 5),
        ("Biaya transportasi di bawah Rp 300.000 sebulan", 4),
        ("Berangkat bersama teman satu fakultas", 2),
        ("Bisa mengulang materi selama perjalanan", 3),
    ],
    "products": [("Aplikasi tebeng kampus", 5), ("Kartu langganan bulanan", 4), ("Selasar beratap dari halte", 2)],
    "relievers": [
        ("Pesan kursi sejak malam sebelumnya", 5),
        ("Harga tetap bulanan, bukan per perjalanan", 4),
        ("Pelacakan bus kampus langsung", 3),
    ],
    "creators": [
        ("Jaminan waktu tiba, uang kembali bila terlambat", 4),
        ("Pasangkan penumpang per fakultas dan jadwal", 3),
        ("Gerbong tenang untuk belajar", 2),
    ],
}
FULL_LINKS = [
    ("relievers", 0, "pains", 0, "full"),
    ("relievers", 1, "pains", 1, "full"),
    ("relievers", 2, "pains", 2, "partial"),
    ("creators", 0, "gains", 0, "full"),
    ("creators", 1, "gains", 2, "full"),
    ("products", 0, "jobs", 0, "full"),
    ("products", 1, "jobs", 2, "partial"),
]
EVIDENCE = {("pains", 0): "validated", ("pains", 1): "observed", ("jobs", 0): "observed", ("gains", 0): "validated"}


def full_canvas(store: Store, lang: str = "en", *, project_name: str | None = None) -> Canvas:
    """A worked, realistic canvas (students who commute) with links and evidence."""
    content = FULL_ID if lang == "id" else FULL_EN
    project = create_project(
        store, WORKSPACE, project_name or ("Komuter kampus" if lang == "id" else "Campus commuters"), "", lang
    )
    canvas = canvases.create_canvas(
        store, WORKSPACE, project.id, "Mahasiswa komuter" if lang == "id" else "Students who commute"
    )
    made: dict[str, list] = {}
    for area in ("jobs", "pains", "gains", "products", "relievers", "creators"):
        made[area] = []
        for index, entry in enumerate(content[area]):
            text, rank = entry[0], entry[1]
            job_type = entry[2] if len(entry) > 2 else None
            made[area].append(
                notes.add_note(
                    store,
                    WORKSPACE,
                    NoteOwner.of_canvas(canvas.id),
                    area,
                    text,
                    rank=rank,
                    job_type=job_type,
                    evidence=EVIDENCE.get((area, index), "assumption"),
                )
            )
    for source_area, si, target_area, ti, strength in FULL_LINKS:
        canvas_links.add_link(store, WORKSPACE, canvas.id, made[source_area][si].id, made[target_area][ti].id, strength)
    return canvas


def big_canvas(store: Store, items: int = 300, links: int = 150, *, seed: int = 7) -> Canvas:
    """A canvas with `items` notes spread over the six areas and `links` distinct links."""
    rng = random.Random(seed)
    project = create_project(store, WORKSPACE, f"Bench {items}", "", "en")
    canvas = canvases.create_canvas(store, WORKSPACE, project.id, "Bench canvas")
    areas = ("jobs", "pains", "gains", "products", "relievers", "creators")
    made: dict[str, list[str]] = {area: [] for area in areas}
    words = [
        "delivery",
        "queue",
        "price",
        "app",
        "schedule",
        "quality",
        "support",
        "payment",
        "refund",
        "stock",
        "campus",
        "shuttle",
    ]
    values = []
    for index in range(items):
        area = areas[index % len(areas)]
        text = f"{rng.choice(words)} {rng.choice(words)} note {index} for the {area} area"
        values.append((area, text, rng.randint(1, 5)))
    with store.db.transaction() as conn:
        for area, text, rank in values:
            item = store.items.insert_in(
                conn, project.id, {"area": area, "text": text, "rank": rank, "canvas_id": canvas.id}
            )
            made[area].append(item.id)
        pairs = set()
        while len(pairs) < links:
            source_area = rng.choice(list(LINK_TARGET))
            pair = (rng.choice(made[source_area]), rng.choice(made[LINK_TARGET[source_area]]))
            pairs.add(pair)
        for source_id, target_id in sorted(pairs):
            store.links.insert_in(
                conn,
                project.id,
                {
                    "canvas_id": canvas.id,
                    "source_id": source_id,
                    "target_id": target_id,
                    "strength": rng.choice(("full", "partial")),
                },
            )
    return canvas

"""Build realistic projects for export tests and benchmarks, through the storage layer."""

from __future__ import annotations

import random

from canvas.models import Area
from storage.store import Store

_TEXT_ID = (
    "pelanggan ingin layanan cepat harga terjangkau antrean panjang pengiriman tepat waktu garansi resmi "
    "pembayaran mudah aplikasi ramah promo bulanan kualitas terjamin dukungan jam pilihan lengkap bahan lokal "
    "kemasan lingkungan"
)
_TEXT_EN = (
    "customers want fast service fair price long queues delivery on time official warranty easy payment "
    "friendly app monthly promo guaranteed quality support around the clock full choice local ingredients "
    "green packaging"
)
WORDS_ID = tuple(_TEXT_ID.split())
WORDS_EN = tuple(_TEXT_EN.split())


def sentence(rng: random.Random, words: tuple[str, ...] | list[str], low: int = 3, high: int = 14) -> str:
    return " ".join(rng.choice(words) for _ in range(rng.randint(low, high))).capitalize()


def make_project(
    store: Store,
    *,
    canvases: int = 1,
    items_per_canvas: int = 30,
    personas: int = 1,
    competitors: int = 3,
    factors: int = 5,
    language: str = "en",
    seed: int = 7,
    emoji: bool = False,
) -> str:
    """A project with segments, personas (each with a canvas persona when possible), notes, links,
    competitors with scores and ERRC moves. Returns the project id."""
    rng = random.Random(seed)
    words = WORDS_ID if language == "id" else WORDS_EN
    project = store.projects.create(f"Project {seed} ({language})", sentence(rng, words, 8, 20), language)
    pid = project.id
    segment_ids = []
    for n in range(max(1, personas // 2)):
        segment = store.segments.insert(
            pid,
            {
                "name": f"Segment {n + 1}",
                "description": sentence(rng, words),
                "size": rng.randint(100, 50_000),
                "attractiveness": rng.randint(1, 5),
                "capability": rng.randint(1, 5),
                "decision": rng.choice(["target", "consider", "exclude"]),
                "decision_reason": sentence(rng, words),
            },
        )
        segment_ids.append(segment.id)
    persona_ids = []
    for n in range(personas):
        persona = store.personas.insert(
            pid,
            {
                "name": f"Persona {n + 1}",
                "segment_id": rng.choice(segment_ids),
                "age": rng.randint(18, 70),
                "occupation": sentence(rng, words, 1, 3),
                "location": "Bandung",
                "quote": sentence(rng, words, 6, 14),
                "bio": sentence(rng, words, 15, 40),
                "goals": [sentence(rng, words) for _ in range(3)],
                "frustrations": [sentence(rng, words) for _ in range(3)],
                "channels": ["WhatsApp", "Instagram"],
                "touchpoints": [{"stage": "purchase", "channel": "Toko", "note": "kasir"}],
                "participation": "moderate",
                "roles": ["quality_contributor"],
                "knowledge_for": sentence(rng, words),
                "knowledge_from": "",
                "knowledge_about": sentence(rng, words),
                "nps": rng.randint(0, 10),
                "avatar_color": "#2f6f5e",
            },
        )
        persona_ids.append(persona.id)
    for n in range(canvases):
        persona_id = persona_ids[n] if n < len(persona_ids) else None
        canvas = store.canvases.insert(
            pid, {"name": f"Canvas {n + 1}", "description": "", "persona_id": persona_id, "segment_id": segment_ids[0]}
        )
        by_area: dict[Area, list[str]] = {area: [] for area in Area}
        areas = list(Area)
        for i in range(items_per_canvas):
            area = areas[i % 6]
            text = f"N{n}-{i} " + sentence(rng, words)
            if emoji and i % 5 == 0:
                text += " 🎉 sip 👍🏽"
            owner = (
                {"persona_id": persona_id}
                if persona_id and area in (Area.JOBS, Area.PAINS, Area.GAINS)
                else {"canvas_id": canvas.id}
            )
            item = store.items.insert(
                pid,
                {
                    **owner,
                    "area": area.value,
                    "text": text,
                    "rank": rng.randint(1, 5),
                    "evidence": rng.choice(["assumption", "observed", "validated"]),
                    "job_type": "functional" if area == Area.JOBS else None,
                    "gain_type": "expected" if area == Area.GAINS else None,
                },
            )
            by_area[area].append(item.id)
        for source_area, target_area in (
            (Area.RELIEVERS, Area.PAINS),
            (Area.CREATORS, Area.GAINS),
            (Area.PRODUCTS, Area.JOBS),
        ):
            for source in by_area[source_area][::2]:
                if by_area[target_area]:
                    store.links.insert(
                        pid,
                        {
                            "canvas_id": canvas.id,
                            "source_id": source,
                            "target_id": rng.choice(by_area[target_area]),
                            "strength": rng.choice(["full", "partial"]),
                        },
                    )
        offering_ids = []
        for k in range(competitors):
            offering = store.competitors.insert(
                pid,
                {
                    "canvas_id": canvas.id,
                    "name": "Kami" if k == 0 else f"Rival {k}",
                    "kind": "ours" if k == 0 else ("substitute" if k == competitors - 1 and k > 1 else "competitor"),
                },
            )
            offering_ids.append(offering.id)
        for f in range(factors):
            factor = store.factors.insert(
                pid,
                {
                    "canvas_id": canvas.id,
                    "name": f"Factor {f + 1} " + sentence(rng, words, 1, 3),
                    "importance": rng.randint(1, 5),
                },
            )
            for offering_id in offering_ids:
                store.scores.insert(
                    pid, {"factor_id": factor.id, "competitor_id": offering_id, "value": rng.randint(0, 10)}
                )
        if factors:
            store.errc_moves.insert(
                pid,
                {
                    "canvas_id": canvas.id,
                    "action": "raise",
                    "text": sentence(rng, words),
                    "reason": "",
                    "status": "own",
                },
            )
    return pid

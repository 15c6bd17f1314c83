"""The shipped worked examples: valid, complete, identical in shape in both languages."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa

from canvas.models import PROFILE_AREAS, VALUE_MAP_AREAS, Area, ItemDraft, LinkDraft, link_allowed
from competitors.models import CompetitorDraft, ErrcMoveDraft, FactorDraft, ScoreDraft
from core.models import ProjectDraft, validate
from examples import LANGUAGES, SAMPLE_SLUG, example_document, example_slugs, load_example
from personas.models import PersonaDraft, SegmentDraft
from storage import tables

SLUGS = example_slugs()
CASES = [(slug, lang) for slug in SLUGS for lang in LANGUAGES]

# Keys whose values are ids, enums or numbers: the same in every language.
STRUCTURAL = {
    "id",
    "segment_id",
    "persona_id",
    "canvas_id",
    "source_id",
    "target_id",
    "factor_id",
    "competitor_id",
    "source_item_id",
    "area",
    "rank",
    "job_type",
    "gain_type",
    "evidence",
    "strength",
    "kind",
    "decision",
    "size",
    "attractiveness",
    "capability",
    "importance",
    "value",
    "age",
    "participation",
    "roles",
    "stage",
    "nps",
    "avatar_color",
    "language",
    "action",
    "status",
}
DRAFT_FIELDS = {
    "segments": SegmentDraft,
    "personas": PersonaDraft,
    "competitors": CompetitorDraft,
    "factors": FactorDraft,
    "items": ItemDraft,
    "links": LinkDraft,
    "scores": ScoreDraft,
    "errc_moves": ErrcMoveDraft,
}


def _owner(canvas: dict[str, Any]) -> tuple[str, str]:
    """Where a canvas's customer profile lives: on its persona, or on the canvas itself."""
    if canvas.get("persona_id"):
        return "persona_id", canvas["persona_id"]
    return "canvas_id", canvas["id"]


def _draft_input(model: type, row: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in row.items() if key in model.model_fields}


def test_there_are_at_least_three_examples_including_the_sample() -> None:
    assert SAMPLE_SLUG in SLUGS
    assert len(SLUGS) >= 3


@pytest.mark.parametrize(("slug", "lang"), CASES)
def test_every_row_passes_the_domain_drafts(slug: str, lang: str) -> None:
    doc = example_document(slug, lang)
    validate(ProjectDraft, {k: doc["project"][k] for k in ("name", "description", "language")})
    assert doc["project"]["language"] == lang
    for table, model in DRAFT_FIELDS.items():
        for row in doc.get(table, []):
            validate(model, _draft_input(model, row))
    # Nothing the drafts would silently drop: job types only on jobs, gain types only on gains.
    for item in doc["items"]:
        if item["area"] == "jobs":
            assert item.get("job_type"), item["id"]
        if item["area"] == "gains":
            assert item.get("gain_type"), item["id"]


@pytest.mark.parametrize(("slug", "lang"), CASES)
def test_references_resolve_and_follow_the_canvas_rules(slug: str, lang: str) -> None:
    doc = example_document(slug, lang)
    ids = [row["id"] for table in tables.PROJECT_CONTENT for row in doc.get(table.name, [])]
    assert len(ids) == len(set(ids)), "local ids must be unique within an example"
    by_table = {table.name: {row["id"]: row for row in doc.get(table.name, [])} for table in tables.PROJECT_CONTENT}
    segments, personas, canvases = by_table["segments"], by_table["personas"], by_table["canvases"]
    items, competitors, factors = by_table["items"], by_table["competitors"], by_table["factors"]

    assert any(s["decision"] == "exclude" for s in segments.values()), "a portfolio excludes something"
    for persona in personas.values():
        assert persona["segment_id"] in segments
    for canvas in canvases.values():
        assert canvas.get("segment_id") in segments
        if canvas.get("persona_id"):
            assert canvas["persona_id"] in personas
    for item in items.values():
        area = Area(item["area"])
        if area in PROFILE_AREAS:
            # One source of truth: a profile item belongs to a persona or to a persona-less canvas.
            assert (item.get("persona_id") is None) != (item.get("canvas_id") is None), item["id"]
            if item.get("canvas_id"):
                assert not canvases[item["canvas_id"]].get("persona_id"), item["id"]
            else:
                assert item["persona_id"] in personas
        else:
            assert item.get("canvas_id") in canvases and not item.get("persona_id"), item["id"]

    def profile_of(canvas: dict[str, Any]) -> set[str]:
        owner_key, owner = _owner(canvas)
        return {i for i, row in items.items() if row.get(owner_key) == owner and Area(row["area"]) in PROFILE_AREAS}

    for link in doc["links"]:
        canvas = canvases[link["canvas_id"]]
        source, target = items[link["source_id"]], items[link["target_id"]]
        assert link_allowed(source["area"], target["area"]), link["id"]
        assert source["canvas_id"] == canvas["id"]
        assert link["target_id"] in profile_of(canvas), link["id"]
    for competitor in competitors.values():
        assert competitor["canvas_id"] in canvases
    for factor in factors.values():
        assert factor["canvas_id"] in canvases
        if factor.get("source_item_id"):
            assert factor["source_item_id"] in profile_of(canvases[factor["canvas_id"]])
    for move in doc.get("errc_moves", []):
        assert move["canvas_id"] in canvases
        if move.get("factor_id"):
            assert factors[move["factor_id"]]["canvas_id"] == move["canvas_id"]
        if move.get("source_item_id"):
            assert move["source_item_id"] in profile_of(canvases[move["canvas_id"]])
    pairs = [(s["factor_id"], s["competitor_id"]) for s in doc["scores"]]
    assert len(pairs) == len(set(pairs))
    for factor_id, competitor_id in pairs:
        assert factors[factor_id]["canvas_id"] == competitors[competitor_id]["canvas_id"]
    # Every offering is scored on every factor of its canvas.
    for factor in factors.values():
        on_canvas = {c for c, row in competitors.items() if row["canvas_id"] == factor["canvas_id"]}
        assert {c for f, c in pairs if f == factor["id"]} == on_canvas


@pytest.mark.parametrize("slug", SLUGS)
def test_every_example_is_complete_enough_to_teach_with(slug: str) -> None:
    doc = example_document(slug, "en")
    assert len(doc["segments"]) >= 3 and len(doc["personas"]) >= 2
    first = doc["canvases"][0]
    assert first.get("persona_id"), "the first canvas shows the persona link"
    kinds = [c["kind"] for c in doc["competitors"] if c["canvas_id"] == first["id"]]
    assert kinds.count("ours") == 1 and len(kinds) >= 4
    assert len([f for f in doc["factors"] if f["canvas_id"] == first["id"]]) >= 6
    for persona in doc["personas"]:
        stages = {tp["stage"] for tp in persona["touchpoints"]}
        assert stages == {"pre_purchase", "purchase", "post_purchase"}, persona["id"]
        assert persona["participation"] and persona["roles"] and persona["nps"] is not None
    for canvas in doc["canvases"]:
        owner_key, owner = _owner(canvas)
        for area in PROFILE_AREAS:
            n = sum(1 for i in doc["items"] if i.get(owner_key) == owner and i["area"] == area)
            assert n >= 5, (canvas["id"], area)
        for area in VALUE_MAP_AREAS:
            n = sum(1 for i in doc["items"] if i.get("canvas_id") == canvas["id"] and i["area"] == area)
            assert n >= 4, (canvas["id"], area)
        linked = {lk["strength"] for lk in doc["links"] if lk["canvas_id"] == canvas["id"]}
        assert linked == {"full", "partial"}
    evidence = {i["evidence"] for i in doc["items"]}
    assert {"assumption", "observed", "validated"} <= evidence <= {"assumption", "observed", "validated", "refuted"}


def test_the_sample_has_a_persona_canvas_and_a_canvas_without_persona() -> None:
    doc = example_document(SAMPLE_SLUG, "id")
    assert [bool(c.get("persona_id")) for c in doc["canvases"]] == [True, False]
    assert len(doc["personas"]) >= 3 and len(doc["segments"]) >= 4


def _shape(value: Any, key: str = "") -> Any:
    """The language-independent skeleton of a document: structure plus ids, enums and numbers."""
    if isinstance(value, dict):
        return {k: _shape(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_shape(v, key) for v in value]
    if key in STRUCTURAL and key != "language":
        return value
    if isinstance(value, str):
        return "text" if value else ""
    return value


@pytest.mark.parametrize("slug", SLUGS)
def test_both_languages_share_ids_and_structure(slug: str) -> None:
    en, id_ = example_document(slug, "en"), example_document(slug, "id")
    assert _shape(en) == _shape(id_)


@pytest.mark.parametrize(("slug", "lang"), CASES)
def test_example_loads_into_a_real_database(sqlite_store, slug: str, lang: str) -> None:
    doc = example_document(slug, lang)
    with sqlite_store.db.transaction() as conn:
        project_id = load_example(conn, slug, lang)
    project = sqlite_store.projects.get(project_id)
    assert project.name == doc["project"]["name"] and project.language == lang
    with sqlite_store.db.reading() as conn:
        for table in tables.PROJECT_CONTENT:
            count = conn.execute(
                sa.select(sa.func.count()).select_from(table).where(table.c.project_id == project_id)
            ).scalar_one()
            assert count == len(doc.get(table.name, [])), table.name
        # No reference was lost on the way in: every stored reference points at a row of this project.
        item_ids = set(
            conn.execute(sa.select(tables.items.c.id).where(tables.items.c.project_id == project_id)).scalars()
        )
        for row in conn.execute(sa.select(tables.links).where(tables.links.c.project_id == project_id)):
            assert row.source_id in item_ids and row.target_id in item_ids
    canvases = sqlite_store.canvases.find(tables.canvases.c.project_id == project_id)
    for canvas in canvases:
        items = sqlite_store.items.for_canvas(canvas)
        areas = {i.area for i in items}
        assert areas == set(Area), canvas.name
        assert sqlite_store.links.for_canvas(canvas.id)

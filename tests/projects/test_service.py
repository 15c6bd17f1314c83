"""The project lifecycle: validation, trash and undo, purge, duplicate."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from core.errors import InvalidInput, NotFound
from core.models import NAME_MAX, utcnow
from examples import SAMPLE_SLUG, load_example
from projects import service
from storage import tables
from storage.store import Store
from tests.actors import WORKSPACE


def _problem_keys(error: InvalidInput) -> list[tuple[str, str]]:
    return [(field, key) for field, key, _ in error.problems]


@pytest.mark.parametrize("name", ["", "   ", "\n\t"])
def test_empty_names_are_refused(store: Store, name: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        service.create_project(store, WORKSPACE, name)
    assert _problem_keys(raised.value) == [("name", "error.field.empty")]
    assert store.projects.summaries() == []


def test_a_ten_thousand_character_name_is_refused(store: Store) -> None:
    with pytest.raises(InvalidInput) as raised:
        service.create_project(store, WORKSPACE, "n" * 10_000)
    assert _problem_keys(raised.value) == [("name", "error.field.too_long")]
    assert raised.value.problems[0][2] == {"max": NAME_MAX}
    assert store.projects.summaries() == []


def test_rename_validates_and_strips(store: Store) -> None:
    project = service.create_project(store, WORKSPACE, "  Kedai  ")
    assert project.name == "Kedai"
    with pytest.raises(InvalidInput):
        service.rename_project(store, WORKSPACE, project.id, project.version, "x" * 10_000)
    renamed = service.rename_project(store, WORKSPACE, project.id, project.version, " Kedai Kopi ")
    assert renamed.name == "Kedai Kopi"
    assert store.projects.get(project.id).name == "Kedai Kopi"


def test_trash_then_undo_brings_everything_back(store: Store) -> None:
    project = service.create_project(store, WORKSPACE, "Perpustakaan")
    canvas = store.canvases.insert(project.id, {"name": "Mahasiswa"})

    service.trash_project(store, WORKSPACE, project.id)
    assert [s.id for s in store.projects.summaries()] == []
    assert [s.id for s in store.projects.summaries(deleted=True)] == [project.id]
    with pytest.raises(NotFound):
        store.projects.get(project.id)

    service.restore_project(store, WORKSPACE, project.id)
    assert [s.id for s in store.projects.summaries()] == [project.id]
    assert store.projects.summaries(deleted=True) == []
    assert store.canvases.get(canvas.id).name == "Mahasiswa"


def _age_trash(store: Store, project_id: str, days: float) -> None:
    with store.db.transaction() as conn:
        conn.execute(
            sa.update(tables.projects)
            .where(tables.projects.c.id == project_id)
            .values(deleted_at=utcnow() - timedelta(days=days))
        )


def test_purge_removes_only_what_outlived_the_retention_period(store: Store) -> None:
    old = service.create_project(store, WORKSPACE, "Lama")
    with store.db.transaction() as conn:
        load_example(conn, SAMPLE_SLUG, "id")  # content in another project must survive
    old_canvas = store.canvases.insert(old.id, {"name": "Kanvas lama"})
    store.items.insert(old.id, {"canvas_id": old_canvas.id, "area": "pains", "text": "x"})
    recent = service.create_project(store, WORKSPACE, "Baru dihapus")
    kept = service.create_project(store, WORKSPACE, "Tetap")
    service.trash_project(store, WORKSPACE, old.id)
    service.trash_project(store, WORKSPACE, recent.id)
    _age_trash(store, old.id, 31)
    _age_trash(store, recent.id, 29)

    assert store.projects.purge_trash(30) == 1

    trashed = {s.id for s in store.projects.summaries(deleted=True)}
    assert trashed == {recent.id}
    live = {s.id for s in store.projects.summaries()}
    assert kept.id in live and len(live) == 2
    with store.db.reading() as conn:
        for table in tables.PROJECT_CONTENT:
            left = conn.execute(sa.select(sa.func.count()).where(table.c.project_id == old.id)).scalar_one()
            assert left == 0, table.name
    with pytest.raises(NotFound):
        service.restore_project(store, WORKSPACE, old.id)


def _ids(store: Store, project_id: str) -> dict[str, set[str]]:
    with store.db.reading() as conn:
        return {
            table.name: set(conn.execute(sa.select(table.c.id).where(table.c.project_id == project_id)).scalars())
            for table in tables.PROJECT_CONTENT
        }


def test_duplicate_is_an_independent_deep_copy(store: Store) -> None:
    with store.db.transaction() as conn:
        original_id = load_example(conn, SAMPLE_SLUG, "en")
    original = store.projects.get(original_id)

    copy = service.duplicate_project(store, WORKSPACE, original_id, "Copy of the library")

    assert copy.id != original_id and copy.name == "Copy of the library"
    source_ids, copy_ids = _ids(store, original_id), _ids(store, copy.id)
    for table, ids in source_ids.items():
        assert len(copy_ids[table]) == len(ids), table
        assert not (copy_ids[table] & ids), f"{table} ids were not remapped"
    assert copy_ids["items"] and copy_ids["links"] and copy_ids["personas"]

    # Every reference inside the copy points inside the copy.
    everything_in_copy = set().union(*copy_ids.values())
    for link in store.links.list_for_project(copy.id):
        assert {link.source_id, link.target_id, link.canvas_id} <= everything_in_copy
    for canvas in store.canvases.list_for_project(copy.id):
        for ref in (canvas.persona_id, canvas.segment_id):
            assert ref is None or ref in everything_in_copy
        assert store.items.for_canvas(canvas), "the copied canvas lost its items"
    for item in store.items.list_for_project(copy.id):
        assert item.canvas_id in everything_in_copy or item.persona_id in everything_in_copy

    # Editing the copy leaves the original alone, and vice versa.
    copied_item = store.items.list_for_project(copy.id)[0]
    store.items.update(copied_item.id, copied_item.version, {"text": "changed in the copy"})
    assert "changed in the copy" not in {i.text for i in store.items.list_for_project(original_id)}
    service.trash_project(store, WORKSPACE, original_id)
    assert len(store.items.list_for_project(copy.id)) == len(copy_ids["items"])
    assert store.projects.get(copy.id).description == original.description


def test_duplicate_validates_the_new_name(store: Store) -> None:
    project = service.create_project(store, WORKSPACE, "Asli")
    with pytest.raises(InvalidInput):
        service.duplicate_project(store, WORKSPACE, project.id, "")
    assert len(store.projects.summaries()) == 1


def test_the_list_pages_and_searches_in_the_database(store: Store) -> None:
    for index in range(15):
        service.create_project(store, WORKSPACE, f"Toko {index:02d}", "Warung KOPI" if index % 5 == 0 else "")
    service.create_project(store, WORKSPACE, "100% halal_snack")
    assert store.projects.count_listed() == 16
    first = store.projects.summaries(offset=0, limit=12)
    second = store.projects.summaries(offset=12, limit=12)
    assert len(first) == 12 and len(second) == 4
    assert not {s.id for s in first} & {s.id for s in second}
    assert first[0].name == "100% halal_snack"  # newest first

    assert store.projects.count_listed("kopi") == 3  # description, any case
    assert {s.name for s in store.projects.summaries(search="TOKO 1")} == {f"Toko {i}" for i in range(10, 15)}
    # LIKE wildcards in the search are plain characters.
    assert [s.name for s in store.projects.summaries(search="0%")] == ["100% halal_snack"]
    assert [s.name for s in store.projects.summaries(search="_s")] == ["100% halal_snack"]
    assert store.projects.count_listed("%") == 1


def test_duplicate_skips_links_to_notes_in_the_trash(store: Store) -> None:
    project = service.create_project(store, WORKSPACE, "Dengan sampah")
    canvas = store.canvases.insert(project.id, {"name": "K"})
    pain = store.items.insert(project.id, {"canvas_id": canvas.id, "area": "pains", "text": "Antre"})
    reliever = store.items.insert(project.id, {"canvas_id": canvas.id, "area": "relievers", "text": "Pesan daring"})
    kept = store.items.insert(project.id, {"canvas_id": canvas.id, "area": "pains", "text": "Mahal"})
    store.links.insert(project.id, {"canvas_id": canvas.id, "source_id": reliever.id, "target_id": pain.id})
    store.links.insert(project.id, {"canvas_id": canvas.id, "source_id": reliever.id, "target_id": kept.id})
    store.items.soft_delete(pain.id)

    copy = service.duplicate_project(store, WORKSPACE, project.id, "Salinan")

    texts = {item.text for item in store.items.list_for_project(copy.id)}
    assert texts == {"Pesan daring", "Mahal"}
    links = store.links.list_for_project(copy.id)
    assert len(links) == 1
    copied_ids = {item.id for item in store.items.list_for_project(copy.id)}
    assert {links[0].source_id, links[0].target_id} <= copied_ids


def test_only_the_workspace_copies_an_example_and_an_unknown_one_is_refused(store: Store) -> None:
    from core.actors import GroupActor, LecturerActor
    from core.errors import Forbidden, NotFound

    copy = service.copy_example(store, WORKSPACE, "campus_library", "en", "My library")
    assert copy.name == "My library" and copy.language == "en"
    assert store.canvases.list_for_project(copy.id)
    before = store.projects.count()
    for outsider in (GroupActor("g", "c", copy.id, "G"), LecturerActor("c")):
        with pytest.raises(Forbidden):
            service.copy_example(store, outsider, "campus_library", "en", "Sneaky")
    with pytest.raises(NotFound):
        service.copy_example(store, WORKSPACE, "../../etc/passwd", "en", "Nope")
    assert store.projects.count() == before

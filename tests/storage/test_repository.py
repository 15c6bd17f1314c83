"""Versioned per-item writes and the project revision, on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from core.errors import NotFound, StaleVersion
from storage.db import create_engine
from storage.migrations import migrate
from storage.store import Store
from storage.store import Store as _Store


def _canvas(store: Store, project_id: str, name: str = "Mahasiswa baru"):
    return store.canvases.insert(project_id, {"name": name, "description": ""})


def _item(store: Store, project_id: str, canvas_id: str, text: str = "Antre lama", area: str = "pains"):
    return store.items.insert(project_id, {"canvas_id": canvas_id, "area": area, "text": text, "rank": 2})


def test_stale_update_raises_with_current_row_and_writes_nothing(store: Store) -> None:
    project = store.projects.create("Kedai Kopi")
    canvas = _canvas(store, project.id)
    item = _item(store, project.id, canvas.id, "Antre lama")

    mine = store.items.update(item.id, item.version, {"text": "Antre lama di jam makan siang"})
    assert mine.version == item.version + 1

    with pytest.raises(StaleVersion) as raised:
        store.items.update(item.id, item.version, {"text": "Kursi kurang"})

    assert raised.value.current.text == "Antre lama di jam makan siang"
    assert raised.value.current.version == mine.version
    stored = store.items.get(item.id)
    assert stored.text == "Antre lama di jam makan siang"
    assert stored.version == mine.version


def test_stale_project_rename_is_refused(store: Store) -> None:
    project = store.projects.create("Perpustakaan")
    store.projects.update(project.id, project.version, {"name": "Perpustakaan Sapa"})
    with pytest.raises(StaleVersion) as raised:
        store.projects.update(project.id, project.version, {"name": "Perpus"})
    assert raised.value.current.name == "Perpustakaan Sapa"
    assert store.projects.get(project.id).name == "Perpustakaan Sapa"


def test_update_of_missing_row_is_not_found(store: Store) -> None:
    with pytest.raises(NotFound):
        store.items.update("0" * 32, 1, {"text": "x"})


def test_stale_soft_delete_is_refused(store: Store) -> None:
    project = store.projects.create("P")
    canvas = _canvas(store, project.id)
    item = _item(store, project.id, canvas.id)
    store.items.update(item.id, item.version, {"text": "changed"})
    with pytest.raises(StaleVersion):
        store.items.soft_delete(item.id, expected_version=item.version)
    assert store.items.get(item.id).text == "changed"


def test_every_kind_of_write_bumps_the_revision(store: Store) -> None:
    project = store.projects.create("Revisi")
    seen = [store.projects.revision(project.id)]

    def bumped() -> None:
        now = store.projects.revision(project.id)
        assert now > seen[-1], "a write did not move the project's revision"
        seen.append(now)

    canvas = _canvas(store, project.id)
    bumped()
    item = _item(store, project.id, canvas.id)
    bumped()
    item = store.items.update(item.id, item.version, {"text": "Antre panjang"})
    bumped()
    deleted = store.items.soft_delete(item.id, expected_version=item.version)
    bumped()
    assert deleted.deleted_at is not None
    with pytest.raises(NotFound):
        store.items.get(item.id)
    restored = store.items.restore(item.id)
    bumped()
    assert restored.deleted_at is None and restored.text == "Antre panjang"
    project = store.projects.get(project.id)
    store.projects.update(project.id, project.version, {"name": "Revisi 2"})
    bumped()


def test_a_refused_write_does_not_bump_the_revision(store: Store) -> None:
    project = store.projects.create("P")
    canvas = _canvas(store, project.id)
    item = _item(store, project.id, canvas.id)
    store.items.update(item.id, item.version, {"text": "first"})
    before = store.projects.revision(project.id)
    with pytest.raises(StaleVersion):
        store.items.update(item.id, item.version, {"text": "second"})
    assert store.projects.revision(project.id) == before


def test_writes_in_one_project_leave_another_projects_revision_alone(store: Store) -> None:
    one = store.projects.create("Satu")
    two = store.projects.create("Dua")
    before = store.projects.revision(two.id)
    _canvas(store, one.id)
    assert store.projects.revision(two.id) == before


def test_concurrent_writers_on_sqlite_both_succeed(tmp_path: Path) -> None:
    """Two sessions writing at once queue on the lock instead of failing with 'database is locked'."""
    engine = create_engine(f"sqlite:///{tmp_path / 'nilai.db'}")
    migrate(engine)
    store = _Store(engine)
    project = store.projects.create("Ramai")
    canvas = _canvas(store, project.id)
    per_thread = 40
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def writer(prefix: str) -> None:
        try:
            start.wait()
            for index in range(per_thread):
                item = _item(store, project.id, canvas.id, f"{prefix} {index}")
                store.items.update(item.id, item.version, {"text": f"{prefix} {index} edited"})
        except BaseException as error:  # noqa: BLE001 - the test reports whatever happened
            errors.append(error)

    threads = [threading.Thread(target=writer, args=(name,)) for name in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    texts = {item.text for item in store.items.list_for_project(project.id)}
    assert len(texts) == 2 * per_thread
    assert all(text.endswith("edited") for text in texts)
    # 1 (create) + 1 (canvas) + 2 writes per item
    assert store.projects.revision(project.id) == 2 + 2 * 2 * per_thread
    engine.dispose()


def test_a_write_the_database_refuses_is_a_domain_error(store: Store) -> None:
    """A duplicate key or a reference to nothing raises Conflict, not the driver's
    IntegrityError, and nothing of the transaction is written."""
    from core.errors import Conflict

    project = store.projects.create("Kedai Kopi")
    canvas = _canvas(store, project.id)
    revision = store.projects.get(project.id).revision
    with pytest.raises(Conflict) as refused:
        store.canvases.insert(project.id, {"id": canvas.id, "name": "Kembar", "description": ""})
    assert refused.value.key == "error.conflict"
    with pytest.raises(Conflict):
        store.canvases.insert("0" * 32, {"name": "No project", "description": ""})
    assert store.projects.get(project.id).revision == revision
    assert [c.id for c in store.canvases.list_for_project(project.id)] == [canvas.id]


# SQLite stores any length in a VARCHAR; only PostgreSQL refuses the value.
@pytest.mark.postgres
@pytest.mark.parametrize("engine", ["postgres"], indirect=True)
def test_a_value_postgresql_refuses_is_a_domain_error(store: Store) -> None:
    from core.errors import RejectedValue

    project = store.projects.create("Kedai Kopi")
    with pytest.raises(RejectedValue):
        store.canvases.insert(project.id, {"name": "x" * 1000, "description": ""})


def test_rows_of_many_projects_and_by_ids_in_one_query(store: Store) -> None:
    first, second, trashed = (store.projects.create(name) for name in ("A", "B", "C"))
    store.projects.soft_delete(trashed.id)
    canvases = [_canvas(store, p.id, f"canvas {p.name}") for p in (first, second)]
    assert {p.id for p in store.projects.with_ids([first.id, trashed.id, "missing"])} == {first.id}
    assert {c.id for c in store.canvases.for_projects([first.id, second.id])} == {c.id for c in canvases}

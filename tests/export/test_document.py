"""The JSON document: export -> import -> export is stable, old versions upgrade, bad files
are refused whole with every problem listed, and nothing is ever half-imported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from export.bundle import collect
from export.document_model import FORMAT, SCHEMA_VERSION, ProjectDocument
from export.messages import describe_problems
from export.reader import MAX_BYTES, InvalidImport, parse_document
from export.writer import write_json
from importing.document import import_document
from storage.store import Store
from tests.actors import WORKSPACE
from tests.export.factory import make_project

FIXTURES = Path(__file__).parent / "fixtures"


def _strip(document: dict) -> dict:
    document = dict(document)
    document.pop("exported_at")
    document["project"] = {k: v for k, v in document["project"].items() if k != "name"}
    return document


def _counts(store: Store) -> tuple[int, int]:
    with store.db.reading() as conn:
        from sqlalchemy import func, select

        from storage import tables

        return (
            conn.execute(select(func.count()).select_from(tables.projects)).scalar_one(),
            conn.execute(select(func.count()).select_from(tables.items)).scalar_one(),
        )


def test_export_import_export_is_identical_apart_from_ids_and_timestamps(store: Store) -> None:
    pid = make_project(store, canvases=2, items_per_canvas=24, personas=2, competitors=3, factors=3)
    first = json.loads(write_json(collect(store, WORKSPACE, pid)))
    imported = import_document(store, WORKSPACE, json.dumps(first))
    assert imported.id != pid
    second = json.loads(write_json(collect(store, WORKSPACE, imported.id)))
    assert _strip(first) == _strip(second)
    assert first["format"] == FORMAT and first["schema_version"] == SCHEMA_VERSION
    assert len(first["items"]) == 48 and first["links"] and first["scores"] and first["errc_moves"]


def test_import_never_touches_an_existing_project(store: Store) -> None:
    pid = make_project(store, items_per_canvas=12)
    before = write_json(collect(store, WORKSPACE, pid))
    imported = import_document(store, WORKSPACE, before, language="id")
    assert imported.name.endswith("(impor)")
    after = write_json(collect(store, WORKSPACE, pid))
    assert _strip(json.loads(before)) == _strip(json.loads(after))
    assert {s.id for s in store.projects.summaries()} == {pid, imported.id}


def test_v0_snapshot_is_upgraded_on_import(store: Store) -> None:
    raw = (FIXTURES / "v0_project.json").read_text(encoding="utf-8")
    project = import_document(store, WORKSPACE, raw)
    bundle = collect(store, WORKSPACE, project.id)
    assert project.name == "Warung Kopi Senja" and project.language == "id"
    canvas = bundle.canvases[0]
    # position decides the order, whatever the order in the file
    assert [i.text for i in bundle.persona_items[bundle.personas[0].id]] == [
        "Menyelesaikan tugas kuliah",
        "Wi-Fi sering putus ☕",
    ]
    assert len(canvas.items) == 3 and len(canvas.links) == 1 and len(canvas.scores) == 1
    upgraded = json.loads(write_json(bundle))
    assert upgraded["schema_version"] == SCHEMA_VERSION
    assert upgraded["links"][0]["source_id"] == upgraded["items"][2]["id"]


def test_shipped_examples_import_as_v0(sqlite_store: Store) -> None:
    for path in sorted(Path("examples/data").glob("*.json")):
        project = import_document(sqlite_store, WORKSPACE, path.read_bytes())
        assert collect(sqlite_store, WORKSPACE, project.id).canvases


def _valid_document(store: Store) -> dict:
    pid = make_project(store, items_per_canvas=12, personas=1)
    return json.loads(write_json(collect(store, WORKSPACE, pid)))


def _problem_keys(raw: bytes | str) -> list[str]:
    with pytest.raises(InvalidImport) as caught:
        parse_document(raw)
    return [key for _, key, _ in caught.value.problems]


def test_each_kind_of_bad_input_is_named(sqlite_store: Store) -> None:
    doc = _valid_document(sqlite_store)
    assert _problem_keys(b"{not json") == ["export.problem.not_json"]
    assert _problem_keys(b"\xff\xfe\x00") == ["export.problem.not_utf8"]
    assert _problem_keys(json.dumps([1, 2])) == ["export.problem.not_nilai"]
    assert _problem_keys(json.dumps({**doc, "schema_version": 9})) == ["export.problem.unsupported_version"]
    assert _problem_keys(b" " * (MAX_BYTES + 1)) == ["export.problem.too_large"]

    broken = json.loads(json.dumps(doc))
    del broken["items"][0]["text"]  # missing field
    broken["items"][1]["rank"] = 9  # out of range
    broken["links"][0]["target_id"] = "i999"  # link to a missing item
    broken["scores"][0]["value"] = -1
    broken["canvases"][0]["colour"] = "red"  # not part of the format
    with pytest.raises(InvalidImport) as caught:
        parse_document(json.dumps(broken))
    problems = caught.value.problems
    fields = {field for field, _, _ in problems}
    # one message lists shape problems and dangling references together
    assert {"items.0.text", "items.1.rank", "scores.0.value", "canvases.0.colour", "links.0.target_id"} <= fields
    shapes_ok = json.loads(json.dumps(doc))
    shapes_ok["links"][0]["target_id"] = "i999"
    shapes_ok["items"].append({**shapes_ok["items"][0], "id": shapes_ok["items"][1]["id"]})
    keys = _problem_keys(json.dumps(shapes_ok))
    assert "export.problem.unknown_ref" in keys and "export.problem.duplicate_id" in keys
    lines = describe_problems("id", problems)
    assert len(lines) == len(problems) and any("Catatan 2" in line for line in lines)


def test_a_refused_file_imports_nothing(store: Store) -> None:
    doc = _valid_document(store)
    before = _counts(store)
    doc["links"][0]["target_id"] = "nope"
    with pytest.raises(InvalidImport):
        import_document(store, WORKSPACE, json.dumps(doc))
    assert _counts(store) == before


# -- property: a broken document is imported whole or refused whole, never a crash -----------
def _mutations() -> st.SearchStrategy:
    junk = st.one_of(
        st.none(),
        st.integers(-(10**12), 10**12),
        st.text(max_size=30),
        st.booleans(),
        st.floats(allow_nan=True),
        st.lists(st.integers(), max_size=3),
        st.just("\x00"),
        st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
    )
    table = st.sampled_from(
        ["segments", "personas", "canvases", "items", "links", "competitors", "factors", "scores", "errc_moves"]
    )
    return st.lists(
        st.one_of(
            st.tuples(st.just("set"), table, st.integers(0, 20), st.text(max_size=15), junk),
            st.tuples(st.just("drop"), table, st.integers(0, 20), st.text(max_size=15), st.none()),
            st.tuples(
                st.just("top"),
                st.sampled_from(["format", "schema_version", "project", "items", "x"]),
                st.integers(0, 0),
                st.text(max_size=1),
                junk,
            ),
            st.tuples(
                st.just("ref"),
                table,
                st.integers(0, 20),
                st.sampled_from(
                    [
                        "canvas_id",
                        "persona_id",
                        "source_id",
                        "target_id",
                        "factor_id",
                        "competitor_id",
                        "segment_id",
                        "source_item_id",
                    ]
                ),
                st.sampled_from(["i1", "c1", "pe1", "k1", "f1", "s1", "zzz"]),
            ),
        ),
        min_size=1,
        max_size=4,
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutations=_mutations(), truncate=st.one_of(st.none(), st.integers(1, 400)))
def test_broken_documents_import_whole_or_not_at_all(
    sqlite_store: Store,
    mutations: list,
    truncate: int | None,
) -> None:
    doc = json.loads((FIXTURES / "v1_project.json").read_text(encoding="utf-8"))
    for kind, name, index, key, value in mutations:
        if kind == "top":
            doc[name] = value
            continue
        rows = doc.get(name)
        if not isinstance(rows, list) or not rows:
            continue
        row = rows[index % len(rows)]
        if not isinstance(row, dict):
            continue
        if kind == "drop":
            fields = sorted(row)
            row.pop(fields[len(key) % len(fields)], None)
        else:
            row[key or "id"] = value
    raw = json.dumps(doc, allow_nan=True)
    if truncate is not None:
        raw = raw[:truncate]
    projects_before, items_before = _counts(sqlite_store)
    try:
        project = import_document(sqlite_store, WORKSPACE, raw)
    except InvalidImport as error:
        assert error.problems and describe_problems("en", error.problems)
        assert _counts(sqlite_store) == (projects_before, items_before)
        return
    # Accepted: everything in the file is there.
    parsed = parse_document(raw)
    projects_after, items_after = _counts(sqlite_store)
    assert projects_after == projects_before + 1
    assert items_after - items_before == len(parsed.items)
    assert collect(sqlite_store, WORKSPACE, project.id).project.name


def test_the_v1_fixture_is_a_valid_current_document(sqlite_store: Store) -> None:
    raw = (FIXTURES / "v1_project.json").read_text(encoding="utf-8")
    project = import_document(sqlite_store, WORKSPACE, raw)
    assert len(collect(sqlite_store, WORKSPACE, project.id).canvases[0].items) == 12


# -- big imports: capped, and written in short transactions while the project is hidden ------
def _big_document(notes: int, *, links: bool = True) -> dict:
    """A valid document of `notes` notes on four canvases, with links between them."""
    areas = ("jobs", "pains", "gains", "products", "relievers", "creators")
    items = [
        {"id": f"i{n}", "canvas_id": f"c{n % 4}", "area": areas[(n // 4) % 6], "text": f"Note {n}"}
        for n in range(notes)
    ]
    # Each value-map note answers the profile note three areas (twelve rows) before it.
    link_rows = [
        {"id": f"l{n}", "canvas_id": f"c{n % 4}", "source_id": f"i{n}", "target_id": f"i{n - 12}"}
        for n in range(12, notes)
        if links and items[n]["area"] in ("products", "relievers", "creators") and n % 5 == 0
    ]
    return {
        "format": FORMAT,
        "schema_version": SCHEMA_VERSION,
        "project": {"name": "Big"},
        "canvases": [{"id": f"c{n}", "name": f"Canvas {n}"} for n in range(4)],
        "items": items,
        "links": link_rows,
    }


def test_a_document_over_the_note_cap_is_refused_before_any_model_is_built(
    sqlite_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = json.dumps(_big_document(20_001, links=False))
    before = _counts(sqlite_store)

    def no_models(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("an over-cap file must be refused before its models are built")

    monkeypatch.setattr(ProjectDocument, "model_validate", no_models)
    with pytest.raises(InvalidImport) as caught:
        import_document(sqlite_store, WORKSPACE, raw)
    assert caught.value.problems == [("items", "export.problem.too_many_items", {"count": 20_001, "limit": 20_000})]
    assert _counts(sqlite_store) == before
    for language in ("en", "id"):
        [line] = describe_problems(language, caught.value.problems)
        assert "20001" in line and "20000" in line


def test_a_file_over_the_size_cap_is_refused_before_it_is_parsed(
    sqlite_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A valid, small document padded past 16 MB (the old limit was 20 MB).
    raw = json.dumps(_big_document(8)) + " " * (16 * 1024 * 1024)
    monkeypatch.setattr(json, "loads", lambda *_a, **_k: pytest.fail("parsed a file over the size cap"))
    before = _counts(sqlite_store)
    with pytest.raises(InvalidImport) as caught:
        import_document(sqlite_store, WORKSPACE, raw)
    [(field, key, params)] = caught.value.problems
    assert (field, key, params["limit"]) == ("file", "export.problem.too_large", 16)
    assert _counts(sqlite_store) == before


def test_a_too_large_files_size_is_said_in_the_readers_numbers() -> None:
    with pytest.raises(InvalidImport) as caught:
        parse_document(b" " * (MAX_BYTES + 200_000))
    assert describe_problems("id", caught.value.problems) == ["Ukuran berkas 16,2 MB; batasnya 16 MB."]
    assert describe_problems("en", caught.value.problems) == ["The file is 16.2 MB; the limit is 16 MB."]


def _hidden_project_ids(store: Store) -> list[str]:
    """Projects in the database that neither the list nor the trash shows (an import's)."""
    from sqlalchemy import select

    from storage import tables

    with store.db.reading() as conn:
        stored = list(conn.execute(select(tables.projects.c.id)).scalars())
    shown = {s.id for s in store.projects.summaries()} | {s.id for s in store.projects.summaries(deleted=True)}
    return [project_id for project_id in stored if project_id not in shown]


def test_a_big_import_commits_in_short_transactions_while_the_project_stays_hidden(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from core.errors import NotFound
    from projects.access import project_scope
    from storage.repository import Database

    raw = json.dumps(_big_document(5_000))
    transactions: list[str] = []
    seen_hidden: set[str] = set()
    real_transaction = Database.transaction

    def watched(db: Database):
        # Before each write transaction: a project being imported is in no listing and no scope.
        for project_id in _hidden_project_ids(store):
            seen_hidden.add(project_id)
            assert project_id not in {s.id for s in store.projects.summaries()}
            assert store.projects.count_listed() == 0
            with pytest.raises(NotFound):
                project_scope(store, WORKSPACE, project_id)
        transactions.append("write")
        return real_transaction(db)

    monkeypatch.setattr(Database, "transaction", watched)
    project = import_document(store, WORKSPACE, raw)
    monkeypatch.undo()
    # 5,000 notes and their links: several batches, not one transaction holding the lock.
    assert len(transactions) >= 4
    assert seen_hidden == {project.id}
    assert _hidden_project_ids(store) == []
    assert [s.id for s in store.projects.summaries()] == [project.id]
    assert project_scope(store, WORKSPACE, project.id).name == "Big"
    assert len(store.items.list_for_project(project.id)) == 5_000


def test_other_writers_get_in_between_the_batches_of_a_20k_import(sqlite_store: Store) -> None:
    """Not a timing benchmark (bench/security.py is): other people's writes commit while the
    import is still running, instead of queueing behind one long transaction (a 200,000-note
    import held the SQLite lock for 12 s, and a concurrent write failed)."""
    import threading

    other = sqlite_store.projects.create("Someone else's")
    canvas = sqlite_store.canvases.insert(other.id, {"name": "Board"})
    raw = json.dumps(_big_document(20_000))
    done = threading.Event()
    during_import: list[bool] = []
    failures: list[Exception] = []

    def other_writer() -> None:
        while not done.is_set():
            try:
                sqlite_store.items.insert(other.id, {"canvas_id": canvas.id, "area": "jobs", "text": "beside"})
            except Exception as error:  # noqa: BLE001 - any refused write fails the test below
                failures.append(error)
            during_import.append(bool(_hidden_project_ids(sqlite_store)))
            done.wait(0.02)

    writer = threading.Thread(target=other_writer)
    writer.start()
    try:
        project = import_document(sqlite_store, WORKSPACE, raw)
    finally:
        done.set()
        writer.join()
    assert failures == []
    assert during_import.count(True) >= 3
    assert len(sqlite_store.items.list_for_project(project.id)) == 20_000


def _fail_at_write_transaction(monkeypatch: pytest.MonkeyPatch, number: int, error: BaseException) -> None:
    """The import goes down as write transaction `number` begins (a bug, a kill)."""
    from storage.repository import Database

    real_transaction = Database.transaction
    calls = []

    def failing(db: Database):
        calls.append(1)
        if len(calls) == number:
            raise error
        return real_transaction(db)

    monkeypatch.setattr(Database, "transaction", failing)


def test_an_import_that_fails_halfway_leaves_nothing_behind(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    raw = json.dumps(_big_document(5_000))
    before = _counts(store)
    _fail_at_write_transaction(monkeypatch, 3, RuntimeError("the process is going down"))
    with pytest.raises(RuntimeError):
        import_document(store, WORKSPACE, raw)
    monkeypatch.undo()
    assert _counts(store) == before
    assert _hidden_project_ids(store) == []


def test_a_cut_off_import_stays_hidden_and_is_removed_on_start(settings, monkeypatch: pytest.MonkeyPatch) -> None:
    """As after kill -9 in the middle of an import: its first batches are committed."""
    from datetime import timedelta

    from sqlalchemy import update

    from core.models import utcnow
    from examples.seeding import open_store
    from storage import snapshot, tables

    store = open_store(settings)
    kept = store.projects.create("Kept")
    raw = json.dumps(_big_document(5_000))
    _fail_at_write_transaction(monkeypatch, 3, KeyboardInterrupt())
    # A killed process doesn't clean up after itself.
    monkeypatch.setattr(snapshot, "delete_project_in_batches", lambda *_a, **_k: None, raising=False)
    with pytest.raises(KeyboardInterrupt):
        import_document(store, WORKSPACE, raw)
    monkeypatch.undo()
    [leftover] = _hidden_project_ids(store)
    assert _counts(store)[1] > 1_000
    assert [s.id for s in store.projects.summaries()] == [kept.id]

    # A start right away leaves it alone: it may be another app process's running import.
    store.close()
    store = open_store(settings)
    assert _hidden_project_ids(store) == [leftover]
    with store.db.transaction() as conn:
        conn.execute(
            update(tables.projects)
            .where(tables.projects.c.id == leftover)
            .values(importing_since=utcnow() - snapshot.ABANDONED_IMPORT_AFTER - timedelta(minutes=1))
        )
    store.close()
    store = open_store(settings)
    assert _hidden_project_ids(store) == []
    assert _counts(store) == (1, 0)
    assert store.projects.get(kept.id).name == "Kept"

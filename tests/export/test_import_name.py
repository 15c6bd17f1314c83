"""A JSON import takes the name the user chose for the new project (issue 14)."""

from __future__ import annotations

import pytest

from core.errors import InvalidInput
from export.bundle import collect
from export.writer import write_json
from importing.document import import_document
from storage.store import Store
from tests.actors import WORKSPACE
from tests.export.factory import make_project


def test_the_chosen_name_is_used_as_typed(sqlite_store: Store) -> None:
    exported = write_json(collect(sqlite_store, WORKSPACE, make_project(sqlite_store, items_per_canvas=3)))
    imported = import_document(sqlite_store, WORKSPACE, exported, language="en", name="  Kopi Pagi, Q3 review ")
    assert imported.name == "Kopi Pagi, Q3 review"
    # Without a chosen name the file's name is kept, marked as imported when it exists already.
    again = import_document(sqlite_store, WORKSPACE, exported, language="en", name="")
    assert again.name.endswith("(imported)")


def test_a_chosen_name_that_is_too_long_is_refused_and_nothing_is_imported(sqlite_store: Store) -> None:
    exported = write_json(collect(sqlite_store, WORKSPACE, make_project(sqlite_store, items_per_canvas=3)))
    before = len(sqlite_store.projects.summaries())
    with pytest.raises(InvalidInput):
        import_document(sqlite_store, WORKSPACE, exported, name="x" * 500)
    assert len(sqlite_store.projects.summaries()) == before

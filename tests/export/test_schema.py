"""The published JSON Schema matches the models, and real exports validate against it."""

from __future__ import annotations

import json

import jsonschema

from export.bundle import collect
from export.schema import SCHEMA_PATH, schema_text
from storage.store import Store
from tests.actors import WORKSPACE
from tests.export.factory import make_project


def test_committed_schema_matches_the_models() -> None:
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(), "run `python -m export.schema`"


def test_an_export_validates_against_the_published_schema(sqlite_store: Store) -> None:
    from export.writer import write_json

    pid = make_project(sqlite_store, canvases=2, items_per_canvas=18, personas=2)
    document = json.loads(write_json(collect(sqlite_store, WORKSPACE, pid)))
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.validate(document, schema)
    document["items"][0]["rank"] = 7
    try:
        jsonschema.validate(document, schema)
    except jsonschema.ValidationError as error:
        assert "rank" in str(error.path) or "7" in error.message
    else:
        raise AssertionError("rank 7 should not validate")

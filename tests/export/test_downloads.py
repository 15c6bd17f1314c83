"""Every download of project data goes through export/service.py and is an audited export:
the JSON with history, the survey answers CSV and the competitor scores CSV (#23)."""

from __future__ import annotations

import json

import pytest

from canvas import canvases
from competitors import factors as competitor_factors
from competitors import offerings as competitor_offerings
from competitors import scores as competitor_scores
from core.actors import UserActor
from core.errors import NotFound
from export.service import DOWNLOADS, download_for
from feedback import service as feedback
from history import snapshots as history_snapshots
from projects import audit, members
from projects import service as projects
from storage.store import Store

OWNER = UserActor("ana@example.org", "Ana Owner")
VIEWER = UserActor("citra@example.org", "Citra Viewer")
STRANGER = UserActor("eko@example.org", "Eko Stranger")


def _project(store: Store):
    project = projects.create_project(store, OWNER, "Kopi Kampus")
    members.add_member(store, OWNER, project.id, VIEWER.email, "viewer")
    canvas = canvases.create_canvas(store, OWNER, project.id, "Utama")
    rival = competitor_offerings.add_competitor(store, OWNER, canvas.id, "Kopi Kenangan")
    factor = competitor_factors.add_factor(store, OWNER, canvas.id, "=Harga")
    competitor_scores.set_score(store, OWNER, factor.id, rival.id, 7, None)
    raw = b'skor,komentar\n9,Enak\n3,=HYPERLINK("x")\n'
    feedback.import_responses(store, OWNER, project.id, feedback.read_file(store, OWNER, project.id, raw, "s.csv"))
    history_snapshots.take_snapshot(store, OWNER, project.id, "Sebelum review")
    return project, canvas


def _exports(store: Store, project_id: str) -> list[tuple[str, str]]:
    return [(e.detail, e.actor_email) for e in audit.events(store, OWNER, project_id) if e.action == "exported"]


def test_each_download_is_made_for_a_reader_and_logged_as_an_export(sqlite_store: Store) -> None:
    project, canvas = _project(sqlite_store)
    with_history = download_for(sqlite_store, VIEWER, project.id, "json_history")
    document = json.loads(with_history.data)
    assert [s["name"] for s in document["history"]["snapshots"]] == ["Sebelum review"]
    assert document["history"]["entries"]
    survey = download_for(sqlite_store, VIEWER, project.id, "survey_csv", language="id").data.decode("utf-8-sig")
    assert "Enak" in survey and "'=HYPERLINK" in survey  # the formula guard stays
    scores = download_for(sqlite_store, VIEWER, project.id, "scores_csv", canvas_id=canvas.id).data.decode()
    assert "Kopi Kenangan" in scores and ",7" in scores
    assert sorted(_exports(sqlite_store, project.id)) == sorted((kind, VIEWER.email) for kind in DOWNLOADS)


def test_out_of_scope_downloads_are_not_found_and_not_logged(sqlite_store: Store) -> None:
    project, canvas = _project(sqlite_store)
    other, other_canvas = _project(sqlite_store)
    for kind in DOWNLOADS:
        with pytest.raises(NotFound):
            download_for(sqlite_store, STRANGER, project.id, kind, canvas_id=canvas.id)
    with pytest.raises(NotFound):  # a canvas id from another project, sent by a browser
        download_for(sqlite_store, OWNER, project.id, "scores_csv", canvas_id=other_canvas.id)
    assert _exports(sqlite_store, project.id) == [] and _exports(sqlite_store, other.id) == []

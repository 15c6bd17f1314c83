"""Issue #12, defect 3, in a real browser: a class-group student, holding only the group
link, sends board actions naming a note of another (workspace) project. The board refuses
them, shows why, and the other project's note is untouched in the database.

The actions are forged the way a student with the browser's developer tools could: the
page's own board controller is captured when the board mounts, and its `emit` sends the
action through the component's trigger exactly as a keypress on a note would. The server
runs with NILAI_TRUST_LOCAL=false, so this browser on the same machine is not the workspace.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from canvas import canvases, notes
from canvas.models import NoteOwner
from classroom import service as classes
from core.settings import Settings
from deploy.harness import AppServer
from examples.seeding import open_store
from projects import class_links
from projects.service import create_project
from tests.actors import WORKSPACE
from tests.e2e.conftest import wait_for_app

# Runs before any page script: remember every board controller the board module creates
# (it keeps them in a WeakMap keyed by the mount point).
CAPTURE_BOARDS = """
(() => {
  const set = WeakMap.prototype.set;
  window.__nilaiBoards = [];
  WeakMap.prototype.set = function (key, value) {
    if (value && typeof value.emit === "function" && typeof value.renderNotes === "function") {
      window.__nilaiBoards.push(value);
    }
    return set.call(this, key, value);
  };
})();
"""
SEND = "([op, payload]) => window.__nilaiBoards[window.__nilaiBoards.length - 1].emit(op, payload)"
REFUSED = "That note no longer exists"


@pytest.fixture
def class_server(tmp_path: Path) -> Iterator[AppServer]:
    server = AppServer(data_dir=tmp_path / "data", env_extra={"NILAI_TRUST_LOCAL": "false"}).start()
    yield server
    server.stop()


def _settings(server: AppServer) -> Settings:
    return Settings(data_dir=server.data_dir, database_url=None, seed_sample=False)


def test_a_student_cannot_edit_or_delete_another_projects_note_from_the_board(
    page: Page, class_server: AppServer
) -> None:
    server = class_server
    page.goto(f"{server.url}/?lang=en")  # the first run creates and seeds the database
    wait_for_app(page)

    store = open_store(_settings(server))
    private = create_project(store, WORKSPACE, "Launch plan", "", "en")
    private_canvas = canvases.create_canvas(store, WORKSPACE, private.id, "Commuters")
    secret = notes.add_note(
        store, WORKSPACE, NoteOwner.of_canvas(private_canvas.id), "pains", "Our launch price stays secret"
    )
    created = classes.create_class(store, WORKSPACE, "Marketing 2026 B", language="en")
    joined = classes.join_class(store, created.classroom.join_code, "Group A", client="test")
    group = class_links.group_actor(store, joined.token)
    group_canvas = canvases.create_canvas(store, group, joined.group.project_id, "Our canvas")
    notes.add_note(store, group, NoteOwner.of_canvas(group_canvas.id), "pains", "Queue numbers run out by 9 am")
    store.db.engine.dispose()

    page.add_init_script(CAPTURE_BOARDS)
    page.goto(
        f"{server.url}/canvas?lang=en&group={joined.token}&project={joined.group.project_id}&canvas={group_canvas.id}"
    )
    wait_for_app(page)
    expect(page.locator(".nb-text", has_text="Queue numbers run out by 9 am")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("Our launch price stays secret")).to_have_count(0)
    assert page.evaluate("window.__nilaiBoards.length") >= 1

    # 1. An edit naming the other project's note, with its right version.
    page.evaluate(SEND, ["edit", {"id": secret.id, "version": secret.version, "text": "Defaced by Group A"}])
    expect(page.get_by_test_id("stAlertContentError").get_by_text(REFUSED)).to_be_visible(timeout=15_000)
    # the refusal shows the student's own text back, never the other note's
    expect(page.get_by_text("Our launch price stays secret")).to_have_count(0)
    wait_for_app(page)

    # 2. An edit with a wrong version: it must not turn into "someone else changed this"
    #    with the other note's text.
    page.get_by_role("button", name="Close").click()
    wait_for_app(page)
    page.evaluate(SEND, ["edit", {"id": secret.id, "version": secret.version + 5, "text": "Show me yours"}])
    expect(page.get_by_test_id("stAlertContentError").get_by_text(REFUSED)).to_be_visible(timeout=15_000)
    expect(page.get_by_text("Someone else changed this")).to_have_count(0)
    expect(page.get_by_text("Our launch price stays secret")).to_have_count(0)
    wait_for_app(page)

    # 3. A delete, a move and a re-rank of it.
    for op, extra in (("delete", {}), ("move", {"area": "gains"}), ("update", {"rank": 1})):
        page.get_by_role("button", name="Close").click()
        wait_for_app(page)
        page.evaluate(SEND, [op, {"id": secret.id, "version": secret.version, **extra}])
        expect(page.get_by_test_id("stAlertContentError").get_by_text(REFUSED)).to_be_visible(timeout=15_000)
        wait_for_app(page)

    # 4. Something that isn't a board action at all.
    page.get_by_role("button", name="Close").click()
    wait_for_app(page)
    page.evaluate(SEND, ["delete", {"id": secret.id, "version": "1", "canvas_id": private_canvas.id}])
    unusable = page.get_by_test_id("stAlertContentError").get_by_text("The board sent something Nilai can't use")
    expect(unusable).to_be_visible(timeout=15_000)  # the page's error (the board's status says it too)
    wait_for_app(page)

    # The other project's note is exactly as it was; the group's board still works.
    store = open_store(_settings(server))
    kept = store.items.get(secret.id)
    store.db.engine.dispose()
    assert (kept.text, kept.version, kept.area, kept.rank, kept.deleted_at) == (
        secret.text,
        secret.version,
        secret.area,
        secret.rank,
        None,
    )
    expect(page.locator(".nb-text", has_text="Queue numbers run out by 9 am")).to_be_visible()

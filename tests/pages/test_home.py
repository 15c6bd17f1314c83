"""Home page wiring with AppTest: the project list, its actions, language and URL."""

from __future__ import annotations

import contextlib
import socket
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
import streamlit as st
from streamlit.testing.v1 import AppTest

from core.models import NAME_MAX, ProjectDraft, text_limit
from core.settings import get_settings
from deploy.harness import free_port
from examples.seeding import open_store
from i18n import translate
from tests.apptest import app_test
from tests.conftest import PG_SKIP_REASON, PG_URL

ROOT = Path(__file__).resolve().parents[2]


def _app(lang: str | None = "en", **params: str) -> AppTest:
    if lang:
        params["lang"] = lang
    return app_test("app.py", **params).run()


def _texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [t.value for t in at.title]
    parts += [e.value for e in at.error] + [s.value for s in at.success] + [i.value for i in at.info]
    return "\n".join(parts)


def _cards(at: AppTest) -> list[str]:
    return [m.value.strip("*").replace("\\", "") for m in at.markdown if m.value.startswith("**")]


def _submit(at: AppTest, label: str, index: int = 0):
    buttons = [b for b in at.button if b.label == label]
    return buttons[index]


def _create(at: AppTest, name: str) -> AppTest:
    at.text_input(key="home.new_name").input(name)
    return _submit(at, translate("en", "home.create")).click().run()


def _manage(at: AppTest, project_id: str) -> AppTest:
    """Open the project's ⋯ dialog (rename, duplicate, delete)."""
    return at.button(key=f"home.manage.{project_id}").click().run()


def _store():
    return open_store(get_settings())


def _id_of(name: str) -> str:
    return next(s.id for s in _store().projects.summaries() if s.name == name)


def test_first_run_shows_the_sample_projects(app_env: Path) -> None:
    at = _app()
    assert not at.exception
    cards = _cards(at)
    assert "Sample: Sapa Campus Library" in cards
    assert "Contoh: Perpustakaan Kampus Sapa" in cards
    assert at.title[0].value == translate("en", "home.title")


def test_create_a_project_selects_it_and_puts_it_in_the_url(app_env: Path) -> None:
    at = _create(_app(), "Kedai Kopi Kampus")
    assert not at.exception
    assert "Kedai Kopi Kampus" in _cards(at)
    project_id = _id_of("Kedai Kopi Kampus")
    assert at.query_params["project"] == [project_id] or at.query_params["project"] == project_id
    assert "Kedai Kopi Kampus" in "\n".join(s.value for s in at.success).replace("\\", "")


@pytest.mark.parametrize(("name", "key"), [("", "error.field.empty"), ("   ", "error.field.empty")])
def test_bad_names_get_a_clear_message(app_env: Path, name: str, key: str) -> None:
    at = _create(_app(), name)
    assert not at.exception
    expected = translate("en", key, field=translate("en", "field.name"), max=120)
    assert expected in [e.value for e in at.error]
    assert len(_cards(at)) == 2  # nothing was created


def test_the_name_box_shows_the_domains_limit(app_env: Path) -> None:
    # Streamlit shows the limit and a live count, and the box stops there (issue 26); the
    # domain still refuses a longer name from anywhere else (tests/projects).
    at = _app()
    assert at.text_input(key="home.new_name").max_chars == NAME_MAX == text_limit(ProjectDraft, "name")


def test_rename(app_env: Path) -> None:
    at = _create(_app(), "Nama lama")
    project_id = _id_of("Nama lama")
    at = _manage(at, project_id)
    at.text_input(key=f"home.rename_input.{project_id}").input("Nama baru")
    at = _submit_for(at, "home.rename", project_id).click().run()
    assert not at.exception
    assert "Nama baru" in _cards(at) and "Nama lama" not in _cards(at)
    assert "home.manage_project" not in at.session_state, "the dialog closes after the rename"
    assert _store().projects.get(project_id).name == "Nama baru"


def _submit_for(at: AppTest, key: str, project_id: str):
    label = translate("en", key)
    return next(b for b in at.button if b.label == label and project_id in (b.key or ""))


def test_rename_to_an_empty_name_is_refused(app_env: Path) -> None:
    at = _create(_app(), "Tetap")
    project_id = _id_of("Tetap")
    at = _manage(at, project_id)
    at.text_input(key=f"home.rename_input.{project_id}").input("  ")
    at = _submit_for(at, "home.rename", project_id).click().run()
    assert translate("en", "error.field.empty", field=translate("en", "field.name")) in [e.value for e in at.error]
    assert _store().projects.get(project_id).name == "Tetap"


def test_duplicate(app_env: Path) -> None:
    at = _app()
    sample_id = _id_of("Sample: Sapa Campus Library")
    at = _manage(at, sample_id)
    at = at.button(key=f"home.duplicate.{sample_id}").click().run()
    assert not at.exception
    assert "Copy of Sample: Sapa Campus Library" in _cards(at)
    copy_id = _id_of("Copy of Sample: Sapa Campus Library")
    assert len(_store().canvases.list_for_project(copy_id)) == len(_store().canvases.list_for_project(sample_id))


def test_delete_needs_confirmation_then_undo_brings_it_back(app_env: Path) -> None:
    at = _create(_app(), "Hapus aku")
    project_id = _id_of("Hapus aku")
    at = _manage(at, project_id)
    delete = at.button(key=f"home.delete.{project_id}")
    assert delete.disabled, "delete must wait for the confirmation"
    at = at.checkbox(key=f"home.confirm_delete.{project_id}").check().run()
    at = at.button(key=f"home.delete.{project_id}").click().run()
    assert not at.exception
    assert "Hapus aku" not in _cards(at)
    assert "project" not in at.query_params  # it was the open project
    assert translate("en", "home.moved_to_trash", name="Hapus aku") in _texts(at)

    at = at.button(key="home.undo").click().run()
    assert "Hapus aku" in _cards(at)
    assert _store().projects.get(project_id).deleted_at is None


def test_restore_from_the_trash(app_env: Path) -> None:
    at = _create(_app(), "Ke tempat sampah")
    project_id = _id_of("Ke tempat sampah")
    at = _manage(at, project_id)
    at.checkbox(key=f"home.confirm_delete.{project_id}").check().run()
    at = at.button(key=f"home.delete.{project_id}").click().run()
    at = at.button(key="home.undo_close").click().run()
    assert translate("en", "home.trash", count=1) in [e.label for e in at.expander]
    at = at.button(key=f"home.restore.{project_id}").click().run()
    assert not at.exception
    assert "Ke tempat sampah" in _cards(at)
    assert not [e for e in at.expander if e.label.startswith("Trash")]


def test_language_switch_changes_the_labels(app_env: Path) -> None:
    at = _app(lang=None)
    # No browser locale in AppTest: the configured default language (Indonesian).
    assert at.title[0].value == translate("id", "home.title")
    at = at.button_group(key="ui.lang_control.id").set_value("en").run()
    assert at.title[0].value == translate("en", "home.title")
    assert at.session_state["ui.lang"] == "en"
    assert at.query_params["lang"] in ("en", ["en"])
    labels = {b.label for b in at.button}
    assert translate("en", "home.create") in labels and translate("id", "home.create") not in labels
    # The control is there on every run, showing the new choice; switch back.
    assert at.button_group(key="ui.lang_control.en").value == "en"
    at = at.button_group(key="ui.lang_control.en").set_value("id").run()
    assert at.title[0].value == translate("id", "home.title")


def test_language_switch_back_to_indonesian(app_env: Path) -> None:
    at = _app(lang="en")
    assert at.title[0].value == translate("en", "home.title")
    at = at.button_group(key="ui.lang_control.en").set_value("id").run()
    assert at.title[0].value == translate("id", "home.title")
    assert translate("id", "home.new_project") != translate("en", "home.new_project")
    assert translate("id", "home.create") in {b.label for b in at.button}


def test_project_in_the_url_is_selected(app_env: Path) -> None:
    _app()
    sample_id = _id_of("Sample: Sapa Campus Library")
    at = _app(project=sample_id)
    assert not at.exception
    assert at.session_state["ui.project_id"] == sample_id
    assert at.button(key=f"home.open.{sample_id}").label == translate("en", "home.opened")
    assert "Sample: Sapa Campus Library" in "\n".join(s.value for s in at.success).replace("\\", "")


def test_an_unknown_project_in_the_url_is_dropped(app_env: Path) -> None:
    at = _app(project="f" * 32)
    assert not at.exception
    assert "project" not in at.query_params
    assert not at.success


# -- faults at startup ---------------------------------------------------------------


def test_a_data_dir_that_cannot_be_written_gets_a_clear_message(
    app_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tests run as root, for whom chmod blocks nothing: a regular file where the folder's
    # parent should be makes the folder impossible to create for anyone.
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("NILAI_DATA_DIR", str(blocker / "nilai"))
    get_settings.cache_clear()

    at = _app()

    assert not at.exception
    errors = [e.value for e in at.error]
    assert errors == [translate("en", "error.data_dir_not_writable", path=str(blocker / "nilai"))]
    assert "NILAI_DATA_DIR" in errors[0]
    assert not at.button, "nothing to click while there is no database"


@pytest.fixture
def postgres_behind_proxy(app_env: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[TcpProxy]:
    """The app's DATABASE_URL goes through a proxy the test can cut and restore; its own
    schema keeps it apart from other tests. The proxy starts closed."""
    if not PG_URL:
        pytest.skip(PG_SKIP_REASON)
    target = sa.make_url(PG_URL)
    schema = f"h_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(target.set(drivername="postgresql+psycopg"))
    with admin.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    proxy = TcpProxy(target.host or "127.0.0.1", target.port or 5432)
    url = target.set(port=proxy.port, query={"options": f"-csearch_path={schema}"})
    monkeypatch.setenv("DATABASE_URL", url.render_as_string(hide_password=False))
    get_settings.cache_clear()
    try:
        yield proxy
    finally:
        proxy.drop()
        st.cache_resource.clear()
        with admin.begin() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        admin.dispose()


def test_unreachable_postgres_gets_a_message_and_the_app_recovers(postgres_behind_proxy: TcpProxy) -> None:
    """DATABASE_URL points at a port where nothing listens; once the database answers there,
    the next run (the retry fragment triggers one every few seconds) shows the projects."""
    at = _app()
    assert not at.exception
    assert [e.value for e in at.error] == [translate("en", "error.storage_unavailable")]
    assert not at.button

    postgres_behind_proxy.start()
    at.run()
    assert not at.exception
    assert not at.error
    assert "Sample: Sapa Campus Library" in _cards(at)


def test_postgres_going_away_mid_session_gets_a_message_and_the_app_recovers(postgres_behind_proxy: TcpProxy) -> None:
    """The database drops every connection while the app is in use (a restart, a network
    cut): the next run says so instead of a traceback, and recovers when it is back."""
    postgres_behind_proxy.start()
    at = _app()
    assert "Sample: Sapa Campus Library" in _cards(at)

    postgres_behind_proxy.drop()
    at.run()
    assert not at.exception
    assert translate("en", "error.storage_unavailable") in [e.value for e in at.error]
    assert "Sample: Sapa Campus Library" not in _cards(at)

    postgres_behind_proxy.start()
    at.run()
    assert not at.exception
    assert not at.error
    assert "Sample: Sapa Campus Library" in _cards(at)


class TcpProxy:
    """A port that refuses connections until start(), then forwards them to the real server.
    drop() cuts every forwarded connection and refuses new ones, like a database restart."""

    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self.port = free_port()
        self._server: socket.socket | None = None
        self._stop = threading.Event()
        self._open: list[socket.socket] = []

    def start(self) -> None:
        self._stop = threading.Event()
        server = socket.create_server(("127.0.0.1", self.port))
        server.settimeout(0.2)
        self._server = server
        threading.Thread(target=self._accept, args=(server, self._stop), daemon=True).start()

    def _accept(self, server: socket.socket, stop: threading.Event) -> None:
        while not stop.is_set():
            try:
                client, _ = server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            self._open += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    def drop(self) -> None:
        self.stop()
        for sock in self._open:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        self._open = []

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

    def stop(self) -> None:
        self._stop.set()
        if self._server is not None:
            self._server.close()


def test_search_and_pages(app_env: Path) -> None:
    store = _store()
    for index in range(14):
        store.projects.create(f"Toko {index:02d}")
    at = _app()
    assert len(_cards(at)) == 12
    assert translate("en", "home.page_of", page=1, pages=2, total=16) in _texts(at)
    at = at.button(key="home.next").click().run()
    assert len(_cards(at)) == 4
    at.text_input(key="home.search").input("toko 1").run()
    assert sorted(_cards(at)) == [f"Toko {index}" for index in range(10, 14)]
    at.text_input(key="home.search").input("nothing like this").run()
    assert translate("en", "home.no_match") in _texts(at)


def test_opening_another_project_forgets_the_canvas_of_the_previous_one(app_env: Path) -> None:
    at = _app()
    sample_id = _id_of("Sample: Sapa Campus Library")
    other_id = _id_of("Contoh: Perpustakaan Kampus Sapa")
    at = at.button(key=f"home.open.{sample_id}").click().run()
    at.session_state["ui.canvas_id"] = "canvas-of-the-sample"
    at = at.run()
    assert at.session_state["ui.canvas_id"] == "canvas-of-the-sample"
    at = at.button(key=f"home.open.{other_id}").click().run()
    assert at.session_state["ui.project_id"] == other_id
    assert "ui.canvas_id" not in at.session_state
    assert "canvas" not in at.query_params


def test_a_damaged_database_file_gets_a_message_not_a_traceback(app_env: Path) -> None:
    app_env.mkdir(parents=True, exist_ok=True)
    (app_env / "nilai.db").write_bytes(b"this is not an SQLite database" * 100)
    at = _app()
    assert not at.exception
    assert [e.value for e in at.error] == [translate("en", "error.startup_failed")]

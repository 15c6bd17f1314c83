"""The one harness that runs Nilai as a process (deploy/harness.py), used by the tests, the
benchmarks and deploy/team.py: it says why a server did not come up, and the databases
and schemas it makes are there while in use and gone afterwards."""

from __future__ import annotations

import subprocess
import sys
from contextlib import suppress

import pytest
import sqlalchemy as sa

from deploy.harness import create_schema, drop_schema, free_port, fresh_database, streamlit_command, wait_healthy
from tests.conftest import PG_SKIP_REASON, PG_URL


def test_a_process_that_ends_before_it_is_healthy_is_reported_with_its_exit_code(tmp_path) -> None:
    process = subprocess.Popen([sys.executable, "-c", "raise SystemExit(3)"])
    process.wait()
    with pytest.raises(RuntimeError, match=r"app exited early \(code 3\); see .*app\.log"):
        wait_healthy(f"http://127.0.0.1:{free_port()}", process, "app", tmp_path / "app.log", timeout=5)


def test_a_server_that_never_answers_times_out(tmp_path) -> None:
    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        with pytest.raises(RuntimeError, match="did not become healthy within 1 s"):
            wait_healthy(f"http://127.0.0.1:{free_port()}", process, "app", None, timeout=1, poll_seconds=0.1)
    finally:
        process.kill()
        process.wait()


def test_options_given_last_win() -> None:
    command = streamlit_command(8771, "--server.fileWatcherType", "auto")
    assert command[command.index("serve.py") - 1] == "run"
    assert command[-2:] == ["--server.fileWatcherType", "auto"]
    assert command[command.index("--server.port") + 1] == "8771"


@pytest.mark.postgres
def test_a_fresh_database_is_there_while_in_use_and_dropped_after() -> None:
    if not PG_URL:
        pytest.skip(PG_SKIP_REASON)
    with fresh_database(PG_URL, prefix="nilai_harness") as url:
        name = sa.make_url(url).database
        engine = sa.create_engine(sa.make_url(url).set(drivername="postgresql+psycopg"))
        held = engine.connect()  # still open when the database is dropped: the drop ends it
        assert held.exec_driver_sql("SELECT current_database()").scalar_one() == name
    with suppress(sa.exc.DBAPIError):
        held.close()
    engine.dispose()
    admin = sa.create_engine(sa.make_url(PG_URL).set(drivername="postgresql+psycopg"))
    with admin.connect() as conn:
        left = conn.exec_driver_sql("SELECT count(*) FROM pg_database WHERE datname = %s", (name,)).scalar_one()
    admin.dispose()
    assert left == 0


@pytest.mark.postgres
def test_a_schema_of_its_own_is_the_engines_search_path_and_goes_away() -> None:
    if not PG_URL:
        pytest.skip(PG_SKIP_REASON)
    engine, schema = create_schema(PG_URL)
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE here (id int)")
        assert conn.exec_driver_sql("SELECT current_schema()").scalar_one() == schema
    engine.dispose()
    drop_schema(PG_URL, schema)
    admin = sa.create_engine(sa.make_url(PG_URL).set(drivername="postgresql+psycopg"))
    with admin.connect() as conn:
        found = conn.exec_driver_sql(
            "SELECT count(*) FROM information_schema.schemata WHERE schema_name = %s", (schema,)
        ).scalar_one()
    admin.dispose()
    assert found == 0

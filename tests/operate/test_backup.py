"""Backups and restore on SQLite (the laptop default): taken while people write, restored
equal, and refused when the file or the target is wrong."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from canvas import notes
from canvas.models import NoteOwner
from core.actors import WorkspaceActor
from core.errors import NilaiError
from core.settings import Settings
from examples.seeding import open_store
from export.bundle import collect
from export.writer import write_json
from history.timeline import history_for_export
from operate.cli import run
from storage.backup import (
    BACKUP_TABLE,
    DamagedBackup,
    NotABackup,
    TargetNotEmpty,
    backup_sqlite,
    inspect_backup,
    restore_sqlite,
)
from storage.migrations import MIGRATIONS
from storage.store import Store
from tests.conftest import ROOT

ACTOR = WorkspaceActor("test")
WRITERS = 6


def project_exports(store: Store) -> dict[str, bytes]:
    """Every project's JSON export, with its history, minus the moment of export."""
    exports = {}
    for summary in store.projects.summaries():
        bundle = collect(store, ACTOR, summary.id)
        bundle.history = history_for_export(store, ACTOR, summary.id)
        bundle.exported_at = None
        exports[summary.id] = write_json(bundle)
    return exports


def restored_store(backup: Path, folder: Path) -> Store:
    folder.mkdir(parents=True, exist_ok=True)
    restore_sqlite(backup, folder / "nilai.db")
    return open_store(Settings(data_dir=folder, database_url=None, seed_sample=False))


def test_a_restored_workspace_equals_the_original(seeded_store: Store, tmp_path: Path) -> None:
    original = project_exports(seeded_store)
    assert len(original) >= 2  # the sample projects
    database = Path(seeded_store.db.engine.url.database)

    info = backup_sqlite(database, tmp_path / "b.sqlite")
    restored = restored_store(info.path, tmp_path / "restored")

    assert project_exports(restored) == original
    assert info.schema_version == MIGRATIONS[-1].name
    assert info.summary["notes"] == sum(len(list(seeded_store.items.list_for_project(pid))) for pid in original)


def test_the_backup_file_says_where_it_came_from(seeded_store: Store, tmp_path: Path) -> None:
    info = backup_sqlite(Path(seeded_store.db.engine.url.database), tmp_path / "b.sqlite")
    with sqlite3.connect(info.path) as conn:
        manifest = dict(conn.execute(f"SELECT key, value FROM {BACKUP_TABLE}").fetchall())
    assert manifest["nilai_version"] == "0.1.0"
    assert manifest["schema_version"] == MIGRATIONS[-1].name
    read_back = inspect_backup(info.path)
    assert read_back.row_counts == info.row_counts
    assert read_back.summary["projects"] == len(seeded_store.projects.summaries())


def test_a_backup_taken_while_six_writers_add_notes_holds_every_confirmed_note(
    sqlite_store: Store, tmp_path: Path
) -> None:
    project = sqlite_store.projects.create("Busy", "", "en")
    canvas = sqlite_store.canvases.insert(project.id, {"name": "Board"})
    board = NoteOwner.of_canvas(canvas.id)
    revision_before = sqlite_store.projects.get(project.id).revision
    confirmed: list[list[str]] = [[] for _ in range(WRITERS)]
    confirmed_before_backup: list[set[str]] = []
    stop = threading.Event()
    errors: list[BaseException] = []

    def writer(index: int) -> None:
        n = 0
        try:
            while not stop.is_set():
                item = notes.add_note(sqlite_store, ACTOR, board, "relievers", f"writer {index} note {n}")
                confirmed[index].append(item.id)  # the UI would now say "saved"
                n += 1
        except BaseException as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(WRITERS)]
    for thread in threads:
        thread.start()
    while sum(map(len, confirmed)) < 60 and not errors:
        stop.wait(0.01)
    confirmed_before_backup = {item for notes in confirmed for item in notes}
    info = backup_sqlite(Path(sqlite_store.db.engine.url.database), tmp_path / "busy.sqlite")
    stop.set()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    after = {item for notes in confirmed for item in notes}
    assert len(after) > len(confirmed_before_backup)  # the writers kept going during the backup

    restored = restored_store(info.path, tmp_path / "restored")
    in_backup = {item.id for item in restored.items.list_for_project(project.id)}
    assert confirmed_before_backup <= in_backup  # every note confirmed before the backup began
    assert in_backup <= after  # and nothing that was never written
    # One moment: the project's revision counts exactly the notes the backup holds.
    assert restored.projects.get(project.id).revision - revision_before == len(in_backup)


def test_restore_refuses_a_workspace_that_is_not_empty(seeded_store: Store, tmp_path: Path) -> None:
    info = backup_sqlite(Path(seeded_store.db.engine.url.database), tmp_path / "b.sqlite")
    target_folder = tmp_path / "busy"
    other = open_store(Settings(data_dir=target_folder, database_url=None, seed_sample=False))
    kept = other.projects.create("Keep me", "", "en")
    other.close()
    before = (target_folder / "nilai.db").read_bytes()

    with pytest.raises(TargetNotEmpty):
        restore_sqlite(info.path, target_folder / "nilai.db")

    assert (target_folder / "nilai.db").read_bytes() == before
    report = restore_sqlite(info.path, target_folder / "nilai.db", replace=True)
    assert report.summary["projects"] == len(seeded_store.projects.summaries())
    again = open_store(Settings(data_dir=target_folder, database_url=None, seed_sample=False))
    assert kept.id not in {summary.id for summary in again.projects.summaries()}


def test_restore_into_a_freshly_started_empty_workspace_is_allowed(seeded_store: Store, tmp_path: Path) -> None:
    info = backup_sqlite(Path(seeded_store.db.engine.url.database), tmp_path / "b.sqlite")
    open_store(Settings(data_dir=tmp_path / "fresh", database_url=None, seed_sample=False)).close()
    report = restore_sqlite(info.path, tmp_path / "fresh" / "nilai.db")
    assert report.summary["projects"] == info.summary["projects"]


@pytest.mark.parametrize("damage", ["truncated", "scribbled", "manifest", "foreign", "text", "empty"])
def test_a_damaged_or_foreign_file_is_refused_and_nothing_is_written(
    seeded_store: Store, tmp_path: Path, damage: str
) -> None:
    good = backup_sqlite(Path(seeded_store.db.engine.url.database), tmp_path / "good.sqlite").path
    bad = tmp_path / "bad.sqlite"
    data = good.read_bytes()
    if damage == "truncated":
        bad.write_bytes(data[: len(data) // 2])
    elif damage == "scribbled":
        middle = len(data) // 2
        bad.write_bytes(data[:middle] + os.urandom(8192) + data[middle + 8192 :])
    elif damage == "manifest":
        bad.write_bytes(data)
        with sqlite3.connect(bad) as conn:
            conn.execute(f"UPDATE {BACKUP_TABLE} SET value = '{{\"items\": 1}}' WHERE key = 'row_counts'")
    elif damage == "foreign":
        with sqlite3.connect(bad) as conn:
            conn.execute("CREATE TABLE songs (title TEXT)")
    elif damage == "text":
        bad.write_text("name,notes\nKopi,3\n")
    else:
        bad.write_bytes(b"")
    target = tmp_path / "target"

    with pytest.raises((DamagedBackup, NotABackup)) as refused:
        restore_sqlite(bad, target / "nilai.db")

    assert not target.exists()
    assert isinstance(refused.value, NilaiError) and refused.value.params["path"] == str(bad)


def test_a_backup_to_a_folder_that_cannot_be_written_says_so(seeded_store: Store, tmp_path: Path) -> None:
    if os.geteuid() == 0:
        blocked = tmp_path / "a-file"
        blocked.write_text("not a folder")
        target = blocked / "b.sqlite"  # even root can't make a folder inside a file
    else:
        blocked = tmp_path / "locked"
        blocked.mkdir()
        blocked.chmod(0o500)
        target = blocked / "b.sqlite"
    code = run(["backup", str(target)], _settings_of(seeded_store))
    assert code == 1
    assert not target.exists()


FILL_DISK = """
import resource, signal, sys
from pathlib import Path
from storage.backup import backup_sqlite, BackupWriteFailed
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
# Files this process writes may not pass 64 KB: the disk is "full" halfway through the copy.
resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))
try:
    backup_sqlite(Path(sys.argv[1]), Path(sys.argv[2]))
except BackupWriteFailed as error:
    print("refused", error.params["reason"])
"""


def test_a_full_disk_leaves_no_file_that_looks_complete(seeded_store: Store, tmp_path: Path) -> None:
    database = Path(seeded_store.db.engine.url.database)
    assert backup_sqlite(database, tmp_path / "fits.sqlite").size_bytes > 64 * 1024  # too big for the "disk"
    folder = tmp_path / "full"
    folder.mkdir()
    done = subprocess.run(
        [sys.executable, "-c", FILL_DISK, str(database), str(folder / "b.sqlite")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.stdout.startswith("refused"), done.stderr
    assert list(folder.iterdir()) == []


def _settings_of(store: Store) -> Settings:
    database = Path(store.db.engine.url.database)
    return Settings(data_dir=database.parent, database_url=None, seed_sample=False)


def test_the_command_line_backs_up_and_restores_with_a_summary(
    seeded_store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["backup", str(tmp_path / "out")], _settings_of(seeded_store)) == 0
    (written,) = (tmp_path / "out").iterdir()
    assert written.name.startswith("nilai-backup-") and written.suffix == ".sqlite"
    assert "Backup written" in capsys.readouterr().out

    target = Settings(data_dir=tmp_path / "new", database_url=None, seed_sample=False)
    assert run(["restore", str(written)], target) == 0
    printed = capsys.readouterr().out
    projects = len(seeded_store.projects.summaries())
    assert f"{projects} projects" in printed and "notes" in printed and "history entries" in printed

    assert run(["restore", str(written), "--lang", "id"], target) == 1
    assert "--replace" in capsys.readouterr().err  # said in Indonesian, with the way out

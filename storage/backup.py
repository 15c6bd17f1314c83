"""Backups of the whole workspace, and restoring them (issue 28).

SQLite (the laptop default): an online copy through SQLite's own backup API. The copy is
one read transaction, so it is consistent at one moment, and under WAL writers go on
beside it. The backup is itself an SQLite file (open it with any SQLite tool) with one
extra table, `nilai_backup`, that says which Nilai and which schema made it and how many
rows each table held, so restore can tell a damaged copy from a good one.

PostgreSQL (team server): `pg_dump` in its custom format, taken in a snapshot exported
by a transaction that counts the rows at the same moment; the dump and a manifest go
into one tar file. Restore runs `pg_restore` in a single transaction.

Either way a backup is written to a hidden `.partial` file beside the target, flushed to
disk, and only then renamed into place: a full disk or a killed process leaves no file
that looks complete. Restore checks the whole file before it writes anything, builds the
new database beside the target, upgrades it through the migrations, and renames it into
place last.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa

from core.errors import NilaiError
from core.models import utcnow
from core.release import nilai_version
from storage import tables
from storage.db import create_engine
from storage.migrations import MIGRATIONS, migrate, migration_log

BACKUP_FORMAT = 1
BACKUP_TABLE = "nilai_backup"
PG_MANIFEST = "nilai-backup.json"
PG_DUMP = "database.pgdump"
SQLITE_HEADER = b"SQLite format 3\x00"
SQLITE_SUFFIX = ".sqlite"
PG_SUFFIX = ".tar"
SQLITE_BUSY_MS = 10_000
# What restore reports, in this order: (label, table).
SUMMARY_TABLES: tuple[tuple[str, sa.Table], ...] = (
    ("projects", tables.projects),
    ("canvases", tables.canvases),
    ("notes", tables.items),
    ("personas", tables.personas),
    ("competitors", tables.competitors),
    ("workshops", tables.workshops),
    ("answers", tables.feedback_responses),
    ("history_entries", tables.history),
)


class BackupError(NilaiError):
    key = "backup.error.generic"


class BackupFolderNotWritable(BackupError):
    key = "backup.error.not_writable"


class BackupWriteFailed(BackupError):
    """The disk refused the copy (full, gone); the half-written file was removed."""

    key = "backup.error.write_failed"


class NotABackup(BackupError):
    key = "backup.error.not_a_backup"


class NoDatabase(BackupError):
    key = "backup.error.no_database"


class DamagedBackup(BackupError):
    key = "backup.error.damaged"


class BackupFromNewerNilai(BackupError):
    key = "backup.error.newer"


class TargetNotEmpty(BackupError):
    key = "backup.error.target_not_empty"


class WrongKindOfBackup(BackupError):
    key = "backup.error.wrong_kind"


class PostgresToolsMissing(BackupError):
    key = "backup.error.pg_tools_missing"


@dataclass(frozen=True)
class BackupInfo:
    """What a backup file says about itself."""

    path: Path
    backend: str  # "sqlite" or "postgresql"
    nilai_version: str
    schema_version: str  # the last migration the database had applied
    migrations: tuple[str, ...]
    created_at: str  # ISO 8601, UTC
    row_counts: dict[str, int] = field(default_factory=dict)

    @property
    def summary(self) -> dict[str, int]:
        return {label: self.row_counts.get(table.name, 0) for label, table in SUMMARY_TABLES}

    @property
    def size_bytes(self) -> int:
        return self.path.stat().st_size


@dataclass(frozen=True)
class RestoreReport:
    backup: BackupInfo
    migrations_applied: tuple[str, ...]
    summary: dict[str, int]


# ---------------------------------------------------------------- shared helpers


def default_file_name(backend: str, when: datetime | None = None) -> str:
    stamp = (when or utcnow()).strftime("%Y-%m-%dT%H%M%SZ")
    return f"nilai-backup-{stamp}{PG_SUFFIX if backend == 'postgresql' else SQLITE_SUFFIX}"


def backend_of(url: str) -> str:
    return sa.make_url(url).get_backend_name()


def resolve_target(target: Path, backend: str) -> Path:
    """A folder (or a name without a suffix) gets a dated file name inside it; a file name
    is used as given."""
    target = target.expanduser()
    if target.is_dir() or not target.suffix:
        return unused_name(target / default_file_name(backend))
    return target


def unused_name(path: Path) -> Path:
    """`path`, or with -2, -3 ... before its suffix when a backup of that name exists (two
    backups in one second must not overwrite each other)."""
    candidate, n = path, 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate


def _schema_version(migrations: tuple[str, ...]) -> str:
    order = [migration.name for migration in MIGRATIONS]
    known = [name for name in order if name in migrations]
    return known[-1] if known else ""


def _content_tables() -> list[sa.Table]:
    return [*tables.metadata.sorted_tables]


def _row_counts(conn: sa.Connection) -> dict[str, int]:
    present = set(sa.inspect(conn).get_table_names())
    return {
        table.name: conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
        for table in _content_tables()
        if table.name in present
    }


def _migrations_in(conn: sa.Connection) -> tuple[str, ...]:
    if not sa.inspect(conn).has_table(migration_log.name):
        return ()
    return tuple(sorted(conn.execute(sa.select(migration_log.c.name)).scalars()))


def _check_writable_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        raise BackupFolderNotWritable(path=str(folder)) from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise BackupFolderNotWritable(path=str(folder))


def _partial_path(target: Path) -> Path:
    return target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.partial")


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every file system lets a folder be synced
        _fsync_file(folder)


@contextlib.contextmanager
def _written_atomically(target: Path) -> Iterator[Path]:
    """Yield a hidden partial path beside `target`; on success flush it and rename it to
    `target`; on any failure remove it, so nothing half-written looks like a backup."""
    _check_writable_folder(target.parent)
    partial = _partial_path(target)
    try:
        yield partial
        _fsync_file(partial)
        os.replace(partial, target)
        _fsync_folder(target.parent)
    except OSError as error:
        partial.unlink(missing_ok=True)
        if isinstance(error, PermissionError):
            raise BackupFolderNotWritable(path=str(target.parent)) from None
        raise BackupWriteFailed(path=str(target), reason=error.strerror or str(error)) from None
    except sqlite3.Error as error:  # SQLite reports a full disk as its own error
        partial.unlink(missing_ok=True)
        raise BackupWriteFailed(path=str(target), reason=str(error)) from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def _sqlite_connect(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    uri = f"file:{path}?mode=ro" if read_only else f"file:{path}"
    conn = sqlite3.connect(uri, uri=True, timeout=SQLITE_BUSY_MS / 1000, isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
    return conn


def _sqlite_engine(path: Path) -> sa.Engine:
    return create_engine(f"sqlite:///{path}")


# ---------------------------------------------------------------- SQLite


def backup_sqlite(database: Path, target: Path) -> BackupInfo:
    """Copy the live SQLite database to `target` while the app keeps working."""
    if not database.exists():
        raise NoDatabase(path=str(database))
    with _written_atomically(target) as partial:
        source = _sqlite_connect(database)
        copy = sqlite3.connect(partial, isolation_level=None)
        try:
            # All pages in one step: one read transaction, so one moment. Under WAL it
            # doesn't block writers; stepping in chunks would restart on every write.
            source.backup(copy)
        finally:
            source.close()
        try:
            copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
            engine_counts = _sqlite_counts(copy)
            migrations = _sqlite_migrations(copy)
            info = BackupInfo(
                path=target,
                backend="sqlite",
                nilai_version=nilai_version(),
                schema_version=_schema_version(migrations),
                migrations=migrations,
                created_at=utcnow().isoformat(),
                row_counts=engine_counts,
            )
            copy.execute(f"CREATE TABLE {BACKUP_TABLE} (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            copy.executemany(f"INSERT INTO {BACKUP_TABLE} VALUES (?, ?)", _manifest(info).items())
        finally:
            copy.close()
    return info


def _sqlite_tables(conn: sqlite3.Connection) -> set[str]:
    return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def _sqlite_counts(conn: sqlite3.Connection) -> dict[str, int]:
    present = _sqlite_tables(conn)
    counts = {}
    for table in _content_tables():
        if table.name in present:
            # Table names from our own metadata, not from the file.
            counts[table.name] = conn.execute(f'SELECT count(*) FROM "{table.name}"').fetchone()[0]
    return counts


def _sqlite_migrations(conn: sqlite3.Connection) -> tuple[str, ...]:
    if migration_log.name not in _sqlite_tables(conn):
        return ()
    return tuple(sorted(row[0] for row in conn.execute(f"SELECT name FROM {migration_log.name}")))


def _manifest(info: BackupInfo) -> dict[str, str]:
    return {
        "format": str(BACKUP_FORMAT),
        "backend": info.backend,
        "nilai_version": info.nilai_version,
        "schema_version": info.schema_version,
        "migrations": json.dumps(list(info.migrations)),
        "created_at": info.created_at,
        "row_counts": json.dumps(info.row_counts, sort_keys=True),
    }


def _info_from_manifest(path: Path, manifest: dict[str, str]) -> BackupInfo:
    try:
        if int(manifest["format"]) > BACKUP_FORMAT:
            raise BackupFromNewerNilai(version=manifest.get("nilai_version", "?"))
        return BackupInfo(
            path=path,
            backend=manifest["backend"],
            nilai_version=manifest["nilai_version"],
            schema_version=manifest["schema_version"],
            migrations=tuple(json.loads(manifest["migrations"])),
            created_at=manifest["created_at"],
            row_counts={str(k): int(v) for k, v in json.loads(manifest["row_counts"]).items()},
        )
    except (KeyError, ValueError, TypeError, AttributeError):
        raise DamagedBackup(path=str(path)) from None


def _check_migrations_known(info: BackupInfo) -> None:
    known = {migration.name for migration in MIGRATIONS}
    # The log also records one-off tasks (run_once's "seed:..." names): not schema steps.
    if {name for name in info.migrations if ":" not in name} - known:
        raise BackupFromNewerNilai(version=info.nilai_version)


def _inspect_sqlite(path: Path) -> BackupInfo:
    try:
        conn = _sqlite_connect(path, read_only=True)
    except sqlite3.Error:
        raise DamagedBackup(path=str(path)) from None
    try:
        if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise DamagedBackup(path=str(path))
        present = _sqlite_tables(conn)
        if BACKUP_TABLE in present:
            manifest = dict(conn.execute(f"SELECT key, value FROM {BACKUP_TABLE}").fetchall())
            info = _info_from_manifest(path, manifest)
            if _sqlite_counts(conn) != info.row_counts:
                raise DamagedBackup(path=str(path))
        elif {migration_log.name, tables.projects.name} <= present:
            # A plain copy of a Nilai database file (nilai.db) works as a backup too.
            migrations = _sqlite_migrations(conn)
            info = BackupInfo(
                path=path,
                backend="sqlite",
                nilai_version="unknown",
                schema_version=_schema_version(migrations),
                migrations=migrations,
                created_at="",
                row_counts=_sqlite_counts(conn),
            )
        else:
            raise NotABackup(path=str(path))
    except sqlite3.DatabaseError:
        # "file is not a database", "database disk image is malformed", a cut-off file
        raise DamagedBackup(path=str(path)) from None
    finally:
        conn.close()
    _check_migrations_known(info)
    return info


def _sqlite_is_empty(database: Path) -> bool:
    if not database.exists() or database.stat().st_size == 0:
        return True
    engine = _sqlite_engine(database)
    try:
        with engine.connect() as conn:
            return not any(_row_counts(conn).values())
    finally:
        engine.dispose()


def _remove_sqlite_files(database: Path) -> None:
    for suffix in ("-wal", "-shm", "-journal"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)


def restore_sqlite(source: Path, database: Path, *, replace: bool = False) -> RestoreReport:
    """Restore a backup into `database` (the data folder's nilai.db). The app must be stopped."""
    info = inspect_backup(source)
    if info.backend != "sqlite":
        raise WrongKindOfBackup(path=str(source), backend=info.backend)
    _check_writable_folder(database.parent)
    if not replace and not _sqlite_is_empty(database):
        raise TargetNotEmpty(path=str(database))
    building = _partial_path(database)
    try:
        reader = _sqlite_connect(source, read_only=True)
        copy = sqlite3.connect(building, isolation_level=None)
        try:
            reader.backup(copy)
            copy.execute(f"DROP TABLE IF EXISTS {BACKUP_TABLE}")
        finally:
            reader.close()
            copy.close()
        engine = _sqlite_engine(building)
        try:
            applied = tuple(migrate(engine))
            with engine.connect() as conn:
                summary = _summary(conn)
        finally:
            engine.dispose()
        finish = sqlite3.connect(building, isolation_level=None)
        try:
            finish.execute("PRAGMA journal_mode=DELETE")  # one file to rename; the app turns WAL on again
        finally:
            finish.close()
        _fsync_file(building)
        _remove_sqlite_files(building)
        _remove_sqlite_files(database)  # an old -wal beside the new file would be replayed into it
        os.replace(building, database)
        _fsync_folder(database.parent)
    except OSError as error:
        raise BackupWriteFailed(path=str(database), reason=error.strerror or str(error)) from None
    except sqlite3.Error as error:
        raise BackupWriteFailed(path=str(database), reason=str(error)) from None
    finally:
        building.unlink(missing_ok=True)
        _remove_sqlite_files(building)
    return RestoreReport(backup=info, migrations_applied=applied, summary=summary)


def _summary(conn: sa.Connection) -> dict[str, int]:
    counts = _row_counts(conn)
    return {label: counts.get(table.name, 0) for label, table in SUMMARY_TABLES}


# ---------------------------------------------------------------- PostgreSQL


def _libpq_url(url: str) -> str:
    """The URL as pg_dump reads it (no SQLAlchemy driver name)."""
    parsed = sa.make_url(url).set(drivername="postgresql")
    return parsed.render_as_string(hide_password=False)


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise PostgresToolsMissing(tool=name)
    return found


def _run_pg_tool(command: list[str]) -> None:
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        message = (done.stderr or done.stdout).strip().splitlines()
        raise BackupWriteFailed(path=command[-1], reason=message[-1] if message else f"exit {done.returncode}")


def backup_postgresql(url: str, target: Path) -> BackupInfo:
    """pg_dump in a snapshot whose row counts go into the manifest beside it."""
    pg_dump = _pg_tool("pg_dump")
    engine = create_engine(url)
    try:
        with _written_atomically(target) as partial, engine.connect() as conn:
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                snapshot = conn.execute(sa.select(sa.func.pg_export_snapshot())).scalar_one()
                counts = _row_counts(conn)
                migrations = _migrations_in(conn)
                with tempfile.TemporaryDirectory(prefix="nilai-pgdump-", dir=partial.parent) as folder:
                    dump = Path(folder) / PG_DUMP
                    _run_pg_tool(
                        [
                            pg_dump,
                            "--format=custom",
                            "--no-owner",
                            "--no-privileges",
                            f"--snapshot={snapshot}",
                            f"--file={dump}",
                            f"--dbname={_libpq_url(url)}",
                        ]
                    )
                    info = BackupInfo(
                        path=target,
                        backend="postgresql",
                        nilai_version=nilai_version(),
                        schema_version=_schema_version(migrations),
                        migrations=migrations,
                        created_at=utcnow().isoformat(),
                        row_counts=counts,
                    )
                    with tarfile.open(partial, "w") as archive:
                        manifest = json.dumps(_manifest(info), indent=2).encode()
                        entry = tarfile.TarInfo(PG_MANIFEST)
                        entry.size = len(manifest)
                        archive.addfile(entry, io.BytesIO(manifest))
                        archive.add(dump, arcname=PG_DUMP)
    finally:
        engine.dispose()
    return info


def _inspect_postgresql(path: Path) -> BackupInfo:
    try:
        with tarfile.open(path, "r") as archive:
            names = archive.getnames()
            if PG_MANIFEST not in names or PG_DUMP not in names:
                raise NotABackup(path=str(path))
            manifest_file = archive.extractfile(PG_MANIFEST)
            manifest = json.loads(manifest_file.read()) if manifest_file else {}
            dump_member = archive.getmember(PG_DUMP)
            dump_file = archive.extractfile(dump_member)
            # Read the dump to its end: a cut-off archive fails here, not halfway through a restore.
            while dump_file is not None and dump_file.read(1 << 20):
                pass
    except (tarfile.TarError, EOFError, OSError, json.JSONDecodeError, UnicodeDecodeError):
        raise DamagedBackup(path=str(path)) from None
    info = _info_from_manifest(path, manifest)
    _check_migrations_known(info)
    return info


def restore_postgresql(source: Path, url: str, *, replace: bool = False) -> RestoreReport:
    info = inspect_backup(source)
    if info.backend != "postgresql":
        raise WrongKindOfBackup(path=str(source), backend=info.backend)
    pg_restore = _pg_tool("pg_restore")
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            empty = not any(_row_counts(conn).values())
        if not empty and not replace:
            raise TargetNotEmpty(path=sa.make_url(url).render_as_string(hide_password=True))
        with tempfile.TemporaryDirectory(prefix="nilai-pgrestore-") as folder:
            with tarfile.open(source, "r") as archive:
                archive.extract(PG_DUMP, folder, filter="data")
            dump = Path(folder) / PG_DUMP
            # One transaction: the tables a first start made (or, with replace, the old
            # workspace) are dropped and the backup's created together, or nothing changes.
            command = [pg_restore, "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error"]
            command += ["--clean", "--if-exists"]
            _run_pg_tool([*command, f"--dbname={_libpq_url(url)}", str(dump)])
        applied = tuple(migrate(engine))
        with engine.connect() as conn:
            summary = _summary(conn)
    finally:
        engine.dispose()
    return RestoreReport(backup=info, migrations_applied=applied, summary=summary)


# ---------------------------------------------------------------- the entry points


def inspect_backup(path: Path) -> BackupInfo:
    """Read and check a backup file all the way through; raise if it can't be restored."""
    path = path.expanduser()
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        raise NotABackup(path=str(path)) from None
    except OSError:
        raise DamagedBackup(path=str(path)) from None
    if head == SQLITE_HEADER:
        return _inspect_sqlite(path)
    if tarfile.is_tarfile(path):
        return _inspect_postgresql(path)
    if path.suffix in {SQLITE_SUFFIX, PG_SUFFIX, ".db"} and len(head) < len(SQLITE_HEADER):
        raise DamagedBackup(path=str(path))
    raise NotABackup(path=str(path))


def backup_database(url: str, sqlite_file: Path | None, target: Path) -> BackupInfo:
    backend = backend_of(url)
    target = resolve_target(target, backend)
    if backend == "sqlite":
        return backup_sqlite(sqlite_file or Path(sa.make_url(url).database or ""), target)
    return backup_postgresql(url, target)


def restore_database(source: Path, url: str, *, replace: bool = False) -> RestoreReport:
    if backend_of(url) == "sqlite":
        return restore_sqlite(source.expanduser(), Path(sa.make_url(url).database or ""), replace=replace)
    return restore_postgresql(source.expanduser(), url, replace=replace)

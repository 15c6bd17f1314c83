"""Backups as the app makes them: on demand from Home, and once a day when configured.

The copying itself is storage/backup.py; here is who may ask for one, where they go, how
many are kept, and the daily timer. Scheduled backups are for the laptop default
(SQLite): a team server on PostgreSQL is backed up by its operator (cron + pg_dump).
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from pathlib import Path

from core.actors import WorkspaceActor
from core.errors import Forbidden
from core.models import utcnow
from core.settings import Settings
from i18n.format import file_size
from storage.backup import PG_SUFFIX, SQLITE_SUFFIX, BackupInfo, backup_database, unused_name

BACKUP_PREFIX = "nilai-backup-"
SCHEDULED_MARK = "-daily"


def human_size(size_bytes: int, language: str = "en") -> str:
    return file_size(language, size_bytes)


@dataclass(frozen=True)
class BackupFile:
    path: Path
    made_at: datetime  # UTC, from the file's modification time
    size_bytes: int


def backups_in(folder: Path) -> list[BackupFile]:
    """The finished backups in `folder`, newest first (hidden .partial files are not backups)."""
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        if path.name.startswith(BACKUP_PREFIX) and path.suffix in {SQLITE_SUFFIX, PG_SUFFIX}:
            stat = path.stat()
            found.append(BackupFile(path, datetime.fromtimestamp(stat.st_mtime, tz=utcnow().tzinfo), stat.st_size))
    return sorted(found, key=lambda backup: backup.made_at, reverse=True)


def latest_backup(folder: Path) -> BackupFile | None:
    backups = backups_in(folder)
    return backups[0] if backups else None


def back_up_now(actor: object, settings: Settings) -> BackupInfo:
    """A backup of the whole workspace, for someone the whole workspace is open to."""
    if not isinstance(actor, WorkspaceActor):
        raise Forbidden("backup.error.forbidden")
    return backup_database(settings.effective_database_url, _sqlite_file(settings), settings.backup_folder)


def _sqlite_file(settings: Settings) -> Path | None:
    return settings.sqlite_path if settings.is_sqlite and not settings.database_url else None


def prune_scheduled(folder: Path, keep: int) -> list[Path]:
    """Remove all but the newest `keep` scheduled backups; backups made by hand stay."""
    scheduled = [backup for backup in backups_in(folder) if SCHEDULED_MARK in backup.path.stem]
    removed = []
    for backup in scheduled[keep:]:
        backup.path.unlink(missing_ok=True)
        removed.append(backup.path)
    return removed


def next_run(now_local: datetime, daily_at: str) -> datetime:
    """The next moment (in now_local's zone) at the HH:MM of `daily_at`, strictly after now."""
    hour, minute = (int(part) for part in daily_at.split(":"))
    candidate = datetime.combine(now_local.date(), time(hour, minute), tzinfo=now_local.tzinfo)
    return candidate if candidate > now_local else candidate + timedelta(days=1)


def scheduled_backup(settings: Settings) -> BackupInfo:
    """One scheduled backup, then the old scheduled ones beyond backup_keep go."""
    stamp = utcnow().strftime("%Y-%m-%dT%H%M%SZ")
    target = unused_name(settings.backup_folder / f"{BACKUP_PREFIX}{stamp}{SCHEDULED_MARK}{SQLITE_SUFFIX}")
    info = backup_database(settings.effective_database_url, _sqlite_file(settings), target)
    prune_scheduled(settings.backup_folder, settings.backup_keep)
    return info


class DailyBackups:
    """The daily backup timer of one server process (started by serve.py when configured)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def wanted(self) -> bool:
        return bool(self.settings.backup_daily_at) and self.settings.is_sqlite

    def start(self) -> None:
        if not self.wanted or self._thread is not None:
            return
        self._thread = threading.Thread(target=self._loop, name="nilai-daily-backup", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()

    def _loop(self) -> None:
        log = logging.getLogger("nilai")
        while not self._stop.is_set():
            now = datetime.now().astimezone()
            wait = (next_run(now, self.settings.backup_daily_at or "03:00") - now).total_seconds()
            if self._stop.wait(wait):
                return
            try:
                info = scheduled_backup(self.settings)
                log.info("scheduled backup written", extra={"backup_path": str(info.path), "bytes": info.size_bytes})
            except Exception:  # a full disk tonight must not stop tomorrow's backup
                log.exception("scheduled backup failed")

"""`python -m operate backup [PATH]` and `python -m operate restore PATH [--replace]`
(what `python3 dev.py backup` and `python3 dev.py restore` run).

The database is the app's own: NILAI_DATA_DIR's nilai.db, or DATABASE_URL's PostgreSQL.
Messages come from the catalogs, in English unless --lang id.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from core.errors import NilaiError
from core.settings import Settings, get_settings
from i18n import LANGUAGES, plural, translate
from operate.backups import human_size
from storage.backup import BackupInfo, RestoreReport, backup_database, restore_database


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python3 dev.py", description="Back up or restore the Nilai workspace.")
    commands = p.add_subparsers(dest="command", required=True)
    backup = commands.add_parser("backup", help="write a backup while Nilai keeps running")
    backup.add_argument(
        "path", nargs="?", type=Path, help="a file or folder (default: the backups folder in Nilai's data folder)"
    )
    restore = commands.add_parser("restore", help="restore a backup into an empty data folder or database")
    restore.add_argument("path", type=Path, help="the backup file")
    restore.add_argument(
        "--replace", action="store_true", help="replace a workspace that is already there (stop Nilai first)"
    )
    for command in (backup, restore):
        command.add_argument("--lang", choices=LANGUAGES, default="en", help="language of the messages")
    return p


def describe_backup(language: str, info: BackupInfo) -> str:
    return translate(
        language,
        "backup.done",
        path=str(info.path),
        size=human_size(info.size_bytes, language),
        version=info.nilai_version,
        schema=info.schema_version,
    )


def describe_restore(language: str, report: RestoreReport, source: Path) -> list[str]:
    info = report.backup
    # A plain copy of nilai.db doesn't say which Nilai made it.
    key = "backup.restored.plain" if info.nilai_version == "unknown" else "backup.restored"
    lines = [translate(language, key, path=str(source), version=info.nilai_version, schema=info.schema_version)]
    if report.migrations_applied:
        names = ", ".join(report.migrations_applied)
        lines.append(plural(language, "backup.upgraded", len(report.migrations_applied), names=names))
    counts = [translate(language, f"backup.count.{label}", count=count) for label, count in report.summary.items()]
    lines.append(", ".join(counts) + ".")
    return lines


def run(argv: list[str], settings: Settings | None = None) -> int:
    args = parser().parse_args(argv)
    settings = settings or get_settings()
    language = args.lang
    try:
        if args.command == "backup":
            target = args.path or settings.backup_folder
            sqlite_file = settings.sqlite_path if settings.is_sqlite and not settings.database_url else None
            info = backup_database(settings.effective_database_url, sqlite_file, target)
            print(describe_backup(language, info))
            return 0
        report = restore_database(args.path, settings.effective_database_url, replace=args.replace)
        for line in describe_restore(language, report, args.path):
            print(line)
        return 0
    except NilaiError as error:
        print(translate(language, error.key, **error.params), file=sys.stderr)
        return 1

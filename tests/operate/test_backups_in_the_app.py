"""Backups from the app: Home's section (AppTest), and the daily schedule's rules."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from core.actors import ParticipantActor, WorkspaceActor
from core.errors import Forbidden
from core.settings import Settings
from examples.seeding import open_store
from i18n import translate
from operate.backups import back_up_now, backups_in, next_run, prune_scheduled, scheduled_backup
from storage.backup import inspect_backup
from tests.apptest import app_test

WIB = timezone(timedelta(hours=7))


def _home(lang: str):
    at = app_test("app.py", lang=lang)
    at.run()
    return at


@pytest.mark.parametrize("lang", ["en", "id"])
def test_back_up_now_from_home_writes_a_backup_and_shows_it(app_env: Path, lang: str) -> None:
    at = _home(lang)
    assert not at.exception
    assert translate(lang, "backup.last.none") in [m.value for m in at.markdown]
    at = at.button(key="home.backup.now").click().run()
    assert not at.exception
    (written,) = backups_in(app_env / "backups")
    assert inspect_backup(written.path).summary["projects"] >= 2  # the sample projects
    assert any(translate(lang, "backup.when.today", time="")[:5] in m.value for m in at.markdown)
    assert at.get("download_button")  # the newest backup can be downloaded


def test_only_the_workspace_may_back_it_up(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, database_url=None, seed_sample=False)
    open_store(settings).close()
    participant = ParticipantActor("w", "p", "c", "pa", "Ani")
    with pytest.raises(Forbidden):
        back_up_now(participant, settings)
    assert not settings.backup_folder.exists()


def test_the_next_daily_run_is_today_if_still_ahead_else_tomorrow() -> None:
    morning = datetime(2026, 12, 7, 2, 30, tzinfo=WIB)
    assert next_run(morning, "03:00") == datetime(2026, 12, 7, 3, 0, tzinfo=WIB)
    evening = datetime(2026, 12, 7, 3, 0, tzinfo=WIB)  # exactly then: it just ran
    assert next_run(evening, "03:00") == datetime(2026, 12, 8, 3, 0, tzinfo=WIB)


def test_scheduled_backups_keep_the_newest_and_never_remove_ones_made_by_hand(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, database_url=None, seed_sample=False, backup_keep=3)
    open_store(settings).close()
    by_hand = back_up_now(WorkspaceActor("t"), settings).path
    os.utime(by_hand, (1, 1))  # the oldest file of all
    made = []
    for day in range(5):
        info = scheduled_backup(settings)
        stamp = datetime(2026, 12, 1 + day, 3, tzinfo=UTC).timestamp()
        os.utime(info.path, (stamp, stamp))
        made.append(info.path)
        prune_scheduled(settings.backup_folder, settings.backup_keep)
    left = {backup.path for backup in backups_in(settings.backup_folder)}
    assert left == {by_hand, *made[-3:]}

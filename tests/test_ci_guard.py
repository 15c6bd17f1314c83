"""Under CI=true a PostgreSQL or browser test that would skip fails instead (tests/conftest.py).

These run pytest in a subprocess with the prerequisite deliberately missing, so they
check the real hook, the real summary and the real exit status.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT

PG_TEST = "tests/storage/test_repository.py::test_stale_project_rename_is_refused[postgres]"
BROWSER_TEST = "tests/e2e/test_home.py::test_first_visit_follows_the_browser_language"


def _pytest(target: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in {"TEST_DATABASE_URL", "CI", "NILAI_BROWSER_TESTS"}}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", target],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("target", "env"),
    [(PG_TEST, {}), (BROWSER_TEST, {"NILAI_CHROMIUM": "/nonexistent/chromium"})],
    ids=["postgres", "browser"],
)
def test_a_forced_skip_fails_under_ci(target: str, env: dict[str, str]) -> None:
    outside = _pytest(target, **env)
    assert outside.returncode == 0, outside.stdout
    assert "1 skipped" in outside.stdout

    inside = _pytest(target, CI="true", **env)
    assert inside.returncode == 1, inside.stdout
    summary = inside.stdout.strip().splitlines()[-1]
    # A skip in setup becomes an error, one in the test body a failure; either fails the run.
    assert ("1 error" in summary or "1 failed" in summary) and "skipped" not in summary, summary
    assert "CI=true forbids skipping" in inside.stdout

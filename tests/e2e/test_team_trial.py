"""`python3 dev.py team` is a failover trial, not a shutdown (issue #26): after kill -9 of
one app process the trial keeps serving through the others, starts a new process in its
place (same port), and HAProxy takes it back. Ctrl+C (SIGTERM here) still stops everything."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from deploy.harness import free_port
from deploy.team import haproxy_binary
from tests.conftest import ROOT
from tests.e2e.test_workshop_team_server import team_database  # noqa: F401 - a fixture

APP_LINE = re.compile(r"app process (\d+): http://127\.0\.0\.1:(\d+)\s+pid (\d+)")


def _wait_for(predicate, what: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.25)
    raise AssertionError(f"waited {timeout:.0f} s for {what}")


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_the_trial_keeps_serving_and_replaces_a_killed_process(tmp_path: Path, team_database: str) -> None:  # noqa: F811
    if haproxy_binary() is None:
        pytest.fail("HAProxy is not installed (apt-get install haproxy; .ci/run does)")
    port = free_port()
    output = tmp_path / "trial.out"
    env = {
        **os.environ,
        "DATABASE_URL": team_database,
        "NILAI_SEED_SAMPLE": "false",
        "NILAI_DATA_DIR": str(tmp_path / "data"),
    }
    command = [sys.executable, "dev.py", "team", "--processes", "2", "--port", str(port), "--address", "127.0.0.1"]
    with output.open("wb") as sink:
        trial = subprocess.Popen(command, cwd=ROOT, env=env, stdout=sink, stderr=subprocess.STDOUT)
    balancer = f"http://127.0.0.1:{port}"
    try:
        _wait_for(lambda: "Ctrl+C stops everything" in output.read_text(), "the trial to start", 240)
        apps = {int(n): (int(p), int(pid)) for n, p, pid in APP_LINE.findall(output.read_text())}
        assert sorted(apps) == [1, 2]
        victim_port, victim_pid = apps[2]

        os.kill(victim_pid, signal.SIGKILL)
        # The balancer keeps answering through the other process while the new one starts.
        for _ in range(10):
            assert _answers(balancer), "the balancer stopped answering after one process was killed"
            time.sleep(0.3)
        _wait_for(lambda: "app process 2 is back" in output.read_text(), "a new app process 2")
        text = output.read_text()
        assert "stopping the rest" not in text and trial.poll() is None
        new_pid = int(re.search(r"app process 2 ended \(code -9\).*\(pid (\d+)\)", text).group(1))
        assert new_pid != victim_pid and _alive(new_pid)
        assert _answers(f"http://127.0.0.1:{victim_port}")  # in its place: the same port
        assert _alive(apps[1][1]) and _answers(balancer)
    finally:
        trial.send_signal(signal.SIGTERM)
        trial.wait(timeout=60)
    _wait_for(lambda: not _answers(balancer), "the balancer to stop", 30)
    assert not _alive(apps[1][1])

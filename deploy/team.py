#!/usr/bin/env python3
"""A Nilai team server on one machine: N app processes on one PostgreSQL behind HAProxy.

    python3 dev.py team --processes 3                  # a trial: starts everything, Ctrl+C stops it
    python3 deploy/team.py config --processes 3 ...    # print the HAProxy configuration for a real server

The app processes are `streamlit run serve.py` on ports of this machine's loopback
address; HAProxy (Debian's `haproxy` package, run as a child with a generated
configuration, no root needed on a high port) balances them with sticky sessions and
health checks (deploy/haproxy.cfg.in). DATABASE_URL must name a PostgreSQL database:
every process shares it. Standard library only, so dev.py can run it before anything
is installed, and the tests and the benchmark start the same thing (deploy/harness.py).
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from string import Template

if not __package__:  # run as a script (python3 deploy/team.py): its package is the checkout's
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from deploy.harness import HEALTH_PATH, free_port, healthy, streamlit_command, wait_healthy

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = Path(__file__).resolve().parent / "haproxy.cfg.in"
DEFAULT_PORT = 8080
# An app process that keeps ending is started again at most this often, not in a tight loop.
RESTART_PAUSE_SECONDS = 5


def say(message: str) -> None:
    print(f"[nilai team] {message}", flush=True)


def haproxy_binary() -> str | None:
    return shutil.which("haproxy") or next((p for p in ("/usr/sbin/haproxy",) if Path(p).exists()), None)


def render_config(
    *,
    bind: str,
    app_addresses: list[str],
    tls_certificate: str | None = None,
    tls_bind: str = ":443",
    global_extra: str = "",
) -> str:
    """The HAProxy configuration: one `server` line per app process (host:port)."""
    servers = "\n".join(
        f"    server app{index} {address} check cookie app{index}" for index, address in enumerate(app_addresses, 1)
    )
    tls = (
        f"    bind {tls_bind} ssl crt {tls_certificate} alpn h2,http/1.1\n"
        "    http-request redirect scheme https code 301 unless { ssl_fc }"
        if tls_certificate
        else ""
    )
    return Template(TEMPLATE.read_text(encoding="utf-8")).substitute(
        bind=bind, servers=servers, tls_bind=tls, global_extra=global_extra
    )


@dataclass
class Team:
    """The balancer and its app processes, started and stopped together."""

    processes: int = 3
    port: int = DEFAULT_PORT
    bind_address: str = "127.0.0.1"  # the balancer's; the apps always listen on loopback only
    python: str = sys.executable
    env: dict[str, str] = field(default_factory=dict)
    run_dir: Path | None = None
    app_ports: list[int] = field(default_factory=list)
    apps: list[subprocess.Popen | None] = field(default_factory=list)
    balancer: subprocess.Popen | None = None
    restarted_at: dict[int, float] = field(default_factory=dict)  # app index -> when it was started again
    coming_back: set[int] = field(default_factory=set)  # started again, not yet answering

    @property
    def url(self) -> str:
        host = "127.0.0.1" if self.bind_address in {"0.0.0.0", "", "*"} else self.bind_address
        return f"http://{host}:{self.port}"

    def app_url(self, index: int) -> str:
        return f"http://127.0.0.1:{self.app_ports[index]}"

    def _env(self) -> dict[str, str]:
        env = {**os.environ, **self.env}
        env.setdefault("NILAI_PUBLIC_URL", self.url)
        env.setdefault("NILAI_APP_PROCESSES", str(self.processes))  # a big room polls sooner
        if not env.get("DATABASE_URL", "").startswith("postgresql"):
            raise SystemExit(
                "[nilai team] DATABASE_URL must name a PostgreSQL database that every process shares, "
                "for example DATABASE_URL=postgresql://nilai:secret@127.0.0.1:5432/nilai"
            )
        return env

    def _app_command(self, port: int) -> list[str]:
        return streamlit_command(port, python=self.python)

    def _spawn(self, index: int, env: dict[str, str]) -> tuple[subprocess.Popen, Path]:
        assert self.run_dir is not None
        log = self.run_dir / f"app{index + 1}.log"
        process = subprocess.Popen(
            self._app_command(self.app_ports[index]),
            cwd=ROOT,
            env=env,
            stdout=log.open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.apps[index] = process
        return process, log

    def start_app(self, index: int, env: dict[str, str] | None = None, timeout: float = 120) -> None:
        """Start (or start again) app process `index` and wait until it is healthy."""
        process, log = self._spawn(index, env or self._env())
        wait_healthy(self.app_url(index), process, f"app process {index + 1}", log, timeout)

    def start(self, timeout: float = 180) -> Team:
        binary = haproxy_binary()
        if binary is None:
            raise SystemExit("[nilai team] HAProxy is not installed: sudo apt-get install haproxy")
        env = self._env()
        if self.run_dir is None:
            self.run_dir = Path(tempfile.mkdtemp(prefix="nilai-team-"))
        self.run_dir.mkdir(parents=True, exist_ok=True)
        self.app_ports = self.app_ports or [free_port() for _ in range(self.processes)]
        self.apps = [None] * self.processes
        # The first process migrates the database alone; the others then start together.
        self.start_app(0, env, timeout)
        started = time.monotonic()
        rest = [(index, *self._spawn(index, env)) for index in range(1, self.processes)]
        for index, process, log in rest:
            left = max(5.0, timeout - (time.monotonic() - started))
            wait_healthy(self.app_url(index), process, f"app process {index + 1}", log, left)
        config = self.run_dir / "haproxy.cfg"
        config.write_text(
            render_config(
                bind=f"{self.bind_address}:{self.port}",
                app_addresses=[f"127.0.0.1:{port}" for port in self.app_ports],
            ),
            encoding="utf-8",
        )
        check = subprocess.run([binary, "-c", "-q", "-f", str(config)], capture_output=True, text=True)
        if check.returncode != 0:
            raise RuntimeError(f"HAProxy refused {config}:\n{check.stdout}{check.stderr}")
        log = self.run_dir / "haproxy.log"
        self.balancer = subprocess.Popen(
            [binary, "-db", "-f", str(config)],
            stdout=log.open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_healthy(self.url, self.balancer, "HAProxy", log, 30)
        self._wait_all_up(log)
        return self

    def _wait_all_up(self, log: Path, timeout: float = 30) -> None:
        """Until HAProxy's health checks have every process up: the app's page answers
        through the balancer from each process (each answer says which, in its cookie)."""
        seen: set[str] = set()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and len(seen) < self.processes:
            try:
                with urllib.request.urlopen(self.url + "/", timeout=5) as response:
                    cookie = response.headers.get("set-cookie") or ""
                    seen.add(cookie.split(";", 1)[0])
            except OSError:
                pass
            time.sleep(0.2)
        if len(seen) < self.processes:
            raise RuntimeError(f"HAProxy did not see every app process up within {timeout:.0f} s; see {log}")

    def kill_app(self, index: int) -> None:
        """kill -9 one app process (the failover test and benchmark)."""
        process = self.apps[index]
        if process is not None and process.poll() is None:
            process.send_signal(signal.SIGKILL)
            process.wait()

    def tend(self) -> list[str]:
        """One look at the app processes: start each one that ended again in its place (its
        port, its log), while HAProxy sends its browsers to the others; its health check adds
        the new one back once it answers. Returns what happened, one line each."""
        events = []
        env = None
        for index, process in enumerate(self.apps):
            if index in self.coming_back and process is not None and process.poll() is None:
                if healthy(self.app_url(index), timeout=0.5):
                    self.coming_back.discard(index)
                    events.append(f"app process {index + 1} is back (pid {process.pid})")
                continue
            if process is not None and process.poll() is None:
                continue
            if time.monotonic() - self.restarted_at.get(index, -RESTART_PAUSE_SECONDS) < RESTART_PAUSE_SECONDS:
                continue
            code = process.returncode if process is not None else None
            env = env or self._env()
            started, _log = self._spawn(index, env)
            self.restarted_at[index] = time.monotonic()
            self.coming_back.add(index)
            events.append(
                f"app process {index + 1} ended (code {code}); the others keep serving, "
                f"a new one starts on port {self.app_ports[index]} (pid {started.pid})"
            )
        return events

    def stop(self) -> None:
        for process in [self.balancer, *self.apps]:
            if process is not None and process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in [self.balancer, *self.apps]:
            if process is None:
                continue
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self.balancer = None

    def describe(self) -> str:
        lines = [f"Nilai team server: open {self.url} (HAProxy, sticky sessions, health checks)"]
        for index, port in enumerate(self.app_ports):
            process = self.apps[index]
            pid = process.pid if process is not None else "-"
            log = f"{self.run_dir}/app{index + 1}.log"
            lines.append(f"  app process {index + 1}: http://127.0.0.1:{port}  pid {pid}  log {log}")
        lines.append(f"  HAProxy: pid {self.balancer.pid if self.balancer else '-'}  config {self.run_dir}/haproxy.cfg")
        lines.append(f"  database: {_without_password(self._env()['DATABASE_URL'])}")
        lines.append(f"  health: {self.url}{HEALTH_PATH} (HAProxy checks each process every second)")
        return "\n".join(lines)


def _without_password(url: str) -> str:
    scheme, sep, rest = url.partition("://")
    credentials, at, host = rest.rpartition("@")
    if not at:
        return url
    user = credentials.split(":", 1)[0]
    return f"{scheme}{sep}{user}:***@{host}" if ":" in credentials else url


def _stop_on_sigterm() -> None:
    """A service manager's (or `timeout`'s) SIGTERM stops the trial like Ctrl+C does."""

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)


def run_trial(args: argparse.Namespace) -> int:
    _stop_on_sigterm()
    team = Team(processes=args.processes, port=args.port, bind_address=args.address)
    say(f"starting {args.processes} app processes and HAProxy (the first start migrates the database) …")
    try:
        team.start()
    except (RuntimeError, OSError, KeyboardInterrupt) as error:
        say(str(error) or "stopped")
        team.stop()
        return 1
    print(team.describe(), flush=True)
    say("Ctrl+C stops everything. An app process that ends is started again; the others keep serving.")
    try:
        while team.balancer is not None and team.balancer.poll() is None:
            for event in team.tend():
                say(event)
            time.sleep(1)
        say(f"HAProxy ended; stopping the app processes (see {team.run_dir}/haproxy.log)")
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        team.stop()


def print_config(args: argparse.Namespace) -> int:
    app_addresses = args.server or [f"127.0.0.1:{8600 + index + 1}" for index in range(args.processes)]
    sys.stdout.write(
        render_config(
            bind=f"{args.address}:{args.port}", app_addresses=app_addresses, tls_certificate=args.tls_certificate
        )
    )
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="dev.py team", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command")
    for name in ("start", "config"):
        command = sub.add_parser(name)
        command.add_argument("--processes", type=int, default=3, help="app processes (default 3)")
        command.add_argument(
            "--port", type=int, default=DEFAULT_PORT, help=f"the balancer's port (default {DEFAULT_PORT})"
        )
        command.add_argument(
            "--address", default="0.0.0.0", help="the balancer's address (default: every network interface)"
        )
    config = sub.choices["config"]
    config.add_argument(
        "--server", action="append", help="an app process as host:port (repeat; default 127.0.0.1:8601…)"
    )
    config.add_argument("--tls-certificate", help="PEM file with certificate and key: HAProxy terminates TLS on :443")
    args = parser.parse_args(argv if argv and argv[0] in {"start", "config"} else ["start", *argv])
    if args.processes < 1:
        parser.error("--processes must be at least 1")
    return print_config(args) if args.command == "config" else run_trial(args)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

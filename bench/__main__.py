"""Run every benchmark (or those named on the command line) and print the metrics as JSON."""

from __future__ import annotations

import importlib
import json
import sys
import time

from bench import MODULES


def main(argv: list[str]) -> int:
    chosen = argv or MODULES
    unknown = sorted(set(chosen) - set(MODULES))
    if unknown:
        print(f"unknown benchmark module(s): {', '.join(unknown)}; known: {', '.join(MODULES)}", file=sys.stderr)
        return 2
    metrics: dict[str, float] = {}
    for name in chosen:
        started = time.perf_counter()
        module = importlib.import_module(f"bench.{name}")
        results = module.run()
        metrics.update(results)
        print(f"# {name}: {json.dumps(results)} ({time.perf_counter() - started:.1f} s)", file=sys.stderr)
    print(json.dumps(metrics))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

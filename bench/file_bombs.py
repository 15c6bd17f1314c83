"""The survey-file bombs of #23, each read in a fresh process: its wall time and how much
its resident memory grew at the peak (VmHWM, reset just before the read).

feedback_bomb_s       the worst bomb's median wall time from bytes to refusal. Target <= 2 s.
feedback_bomb_rss_mb  the worst bomb's median peak RSS growth during the read. Target <= 50 MB.

The bombs (tests/feedback/bombs.py): an XLSX whose sheet declares A1:XFD1048576 (6,000 short
rows, read, not refused), blank rows padded to column XFD, a cell in column XFD, 2.2 GB of
shared strings in a few MB, a part packed 1000:1, and CSVs of 6 million tiny cells (on
60,000 lines, and on one line).
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = 3
BOMBS = {
    "xlsx_declared_dimension": "bomb.xlsx",
    "xlsx_blank_padded_rows": "bomb.xlsx",
    "xlsx_wide_row": "bomb.xlsx",
    "xlsx_shared_strings_bomb": "bomb.xlsx",
    "xlsx_packed_tightly": "bomb.xlsx",
    "csv_tiny_cells": "bomb.csv",
    "csv_one_long_line": "bomb.csv",
}


def _status_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise LookupError(field)


def one_read(name: str) -> dict[str, object]:
    """Build the bomb, then read it once; run in a process of its own (see `measure`)."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from feedback import parsing
    from tests.feedback import bombs

    raw = getattr(bombs, name)()
    parsing.read_table(b"skor\n1\n", "warm.csv")  # imports and first calls are not the bomb's
    parsing.read_table(bombs.xlsx_declared_dimension(1), "warm.xlsx")
    Path("/proc/self/clear_refs").write_text("5")  # VmHWM := VmRSS
    before = _status_kb("VmRSS")
    started = time.perf_counter()
    try:
        parsing.read_table(raw, BOMBS[name])
        outcome = "read"
    except parsing.FileRefused as refused:
        outcome = refused.key
    seconds = time.perf_counter() - started
    return {"s": seconds, "rss_mb": (_status_kb("VmHWM") - before) / 1024, "outcome": outcome}


def measure(name: str) -> dict[str, object]:
    code = f"import json, bench.file_bombs as b; print(json.dumps(b.one_read({name!r})))"
    samples = []
    for _ in range(SAMPLES):
        done = subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True, timeout=300
        )
        samples.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return {
        "s": statistics.median(sample["s"] for sample in samples),
        "rss_mb": statistics.median(sample["rss_mb"] for sample in samples),
        "outcome": samples[0]["outcome"],
    }


def run() -> dict[str, float]:
    results = {name: measure(name) for name in BOMBS}
    for name, result in results.items():
        print(
            f"# file bombs: {name}: {result['outcome']}, {result['s']:.2f} s, +{result['rss_mb']:.1f} MB",
            file=sys.stderr,
        )
    return {
        "feedback_bomb_s": round(max(result["s"] for result in results.values()), 3),
        "feedback_bomb_rss_mb": round(max(result["rss_mb"] for result in results.values()), 1),
    }


if __name__ == "__main__":
    print(run())

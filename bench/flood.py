"""A participant flooding a workshop room: what it costs everyone else.

Reuses bench/workshop.py's simulated participants (real Streamlit sessions over the
websocket protocol, polling the live endpoint). One server process, two rooms of 30 in
one run, each for the same time:

- calm: all 30 add a note every 10 s;
- flood: 29 do the same while one participant submits a note every FLOOD_INTERVAL
  seconds, several times the note limit (core.limits.NOTE_WRITES); the server accepts
  the highest rate allowed and answers the rest with the calm "wait" message.

Reported:
- flood_others_p95_ratio: the 29 others' visibility p95 (a note confirmed in its
  adder's session, to seen in every other of the 29) with the flood, divided by the
  same figure in the calm room. Target <= 1.5.
- flood_accepted_per_min: the flooder's notes the server saved, per minute of the run.
  The limit sustains NOTE_WRITES.allowed a minute; a flooder starting fresh also gets
  that many at once, and the sliding estimate (storage/limits.py) can let a little more
  through in the first minute, so a 60 s run shows up to about 1.7 times the budget.
- flood_attempts_per_min: the flooder's submits per minute (how hard it tried).

`python -m bench security` includes these (bench/security.py calls run_flood); alone:
`python -c "from bench.flood import run_flood; print(run_flood())"`.
"""

from __future__ import annotations

import asyncio
import shutil
import sys
import tempfile
import urllib.request
from pathlib import Path

from bench.workshop import NEVER, NOTE_RE, _p95, _run_room, _setup
from deploy.harness import AppServer

ROOM = 30
FLOODER = 0  # the participant (by index) who floods
SECONDS = 60.0
INTERVAL = 10.0  # everyone else: a note every 10 s, as in bench/workshop.py
FLOOD_INTERVAL = 0.5  # 120 submits a minute: six times the note limit


def _others_delays(result: dict, flooder: int) -> list[float]:
    """Visibility delays of notes by everyone but the flooder, seen by everyone but the
    flooder (and the adder)."""
    delays = []
    for text, confirmed_at in result["confirmed"].items():
        adder = int(NOTE_RE.match(text).group(1))
        if adder == flooder:
            continue
        for viewer, seen in result["seen"].items():
            if viewer in (adder, flooder):
                continue
            at = seen.get(text)
            delays.append(at - confirmed_at if at is not None else float("inf"))
    return delays


def _room(port: int, pid: int, tokens: list[str], intervals: dict[int, float] | None) -> dict:
    return asyncio.run(_run_room(port, tokens, pid, SECONDS, INTERVAL, 0.5, intervals=intervals))


def run_flood() -> dict[str, float]:
    workdir = Path(tempfile.mkdtemp(prefix="nilai-bench-flood-"))
    data_dir = workdir / "data"
    server = AppServer(data_dir=data_dir, env_extra={"NILAI_SEED_SAMPLE": "false"})
    try:
        _, _, calm_tokens = _setup(data_dir, ROOM)
        store, flood_canvas, flood_tokens = _setup(data_dir, ROOM)
        server.start()
        pid = server.process.pid
        # The first session after start can be served before st.navigation runs; warm up.
        urllib.request.urlopen(f"http://127.0.0.1:{server.port}/", timeout=10).read()
        asyncio.run(_run_room(server.port, calm_tokens[:1], pid, 0.1, 1, 0.5))

        calm = _room(server.port, pid, calm_tokens, None)
        flood = _room(server.port, pid, flood_tokens, {FLOODER: FLOOD_INTERVAL})

        calm_p95 = _p95(_others_delays(calm, FLOODER))
        flood_p95 = _p95(_others_delays(flood, FLOODER))
        flooder_prefix = f"bench-n{FLOODER}-"
        accepted = sum(1 for item in store.items.for_canvas(flood_canvas) if item.text.startswith(flooder_prefix))
        attempts = sum(1 for text in flood["sent"] if text.startswith(flooder_prefix))
        ratio = flood_p95 / calm_p95 if calm_p95 > 0 and NEVER not in (calm_p95, flood_p95) else NEVER
        print(
            f"# flood: others' p95 calm {calm_p95:.3f} s, flooded {flood_p95:.3f} s; "
            f"flooder {attempts} submits, {accepted} saved; sessions ready {calm['ready']}/{flood['ready']}",
            file=sys.stderr,
        )
        return {
            "flood_others_p95_ratio": round(ratio, 2),
            "flood_accepted_per_min": round(accepted / (SECONDS / 60), 1),
            "flood_attempts_per_min": round(attempts / (SECONDS / 60), 1),
        }
    finally:
        server.stop()
        shutil.rmtree(workdir, ignore_errors=True)


def run() -> dict[str, float]:
    return run_flood()


if __name__ == "__main__":
    print(run_flood())

"""Workshop benchmarks: participants as real Streamlit sessions over the websocket protocol.

Each simulated participant speaks what the browser speaks: it opens
ws://host/_stcore/stream, sends BackMsg.rerun_script for the /join page with its token in
the query string and keeps the ForwardMsg cache like the browser (it reports the hashes it
holds, and resolves ref_hash messages from them). Like the live-status component's
JavaScript (ui/workshop/live_watch), it polls GET /api/live/<workshop> every second over a
keep-alive HTTP connection, and when the revision moved it sends the component's
`changed` trigger, which reruns the board fragment. A participant adds a note by
submitting the form: the text area's value and the submit button's trigger in one
rerun_script, exactly as the frontend does.

Measured (one run each, loopback only, bounded to a few minutes):
- workshop_30_visible_p95_s: 30 participants, each adding a note every 10 s for 60 s; time
  from a note being confirmed (the adder's own session shows it) to it showing in every
  other participant's session, 95th percentile over all (note, viewer) pairs.
- workshop_30_lost_notes: notes confirmed but missing afterwards (in the database or in a
  participant's session at the end).
- workshop_30_server_cpu: the server process's mean CPU in cores during the 60 s
  (from /proc/<pid>/stat).
- workshop_idle_poll_ms: server CPU per poll tick with no change (30 idle sessions,
  the server's CPU time divided by the live-endpoint polls they made).
- workshop_100_visible_p95_s: the same run with 100 participants (stretch goal).

What limits a room (2026-11-30, quiet 2-core machine): one Streamlit process runs Python
on one core at a time. Each board refresh costs it about 6.5 ms of CPU (a 600-note board,
measured alone), a note's submit (a full page run) about 18 ms, a revision poll about
2 ms. Browsers poll every second up to 50 people and proportionally slower above that
(ui/workshop_live.poll_interval), so 100 people ask for ~50 refreshes a second and the
server stays near 0.7 cores; beyond a few hundred, run several processes on PostgreSQL.
Three things made the difference: polling a JSON endpoint instead of rerunning a
fragment every second, turning off Streamlit's gc.collect(2) after every run, and
freezing the startup heap with a higher young-generation GC threshold (server/warmup.py),
which took full-collection pauses of ~0.3 s out of the run.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from bench.actors import WORKSPACE

ROOT = Path(__file__).resolve().parent.parent
NOTE_RE = re.compile(r"bench-n(\d+)-(\d+)")
CLK_TCK = os.sysconf("SC_CLK_TCK")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK  # utime + stime


@dataclass
class Server:
    data_dir: Path
    port: int = field(default_factory=_free_port)
    process: subprocess.Popen | None = None

    def start(self) -> Server:
        env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "NILAI_DATABASE_URL"}}
        env.update({"NILAI_DATA_DIR": str(self.data_dir), "NILAI_SEED_SAMPLE": "false"})
        log = (self.data_dir.parent / "server.log").open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "serve.py", "--server.headless", "true",
             "--server.port", str(self.port), "--server.address", "127.0.0.1",
             "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/_stcore/health", timeout=2):
                    return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("streamlit did not start")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()


class LivePoll:
    """The browser's fetch of the live endpoint, on one keep-alive HTTP/1.1 connection."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> tuple[int, dict]:
        for attempt in (1, 2):  # the server may close an idle keep-alive connection
            try:
                if self.writer is None:
                    self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
                self.writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{self.port}\r\n\r\n".encode())
                await self.writer.drain()
                head = await self.reader.readuntil(b"\r\n\r\n")
                status = int(head.split(b" ", 2)[1])
                length = int(re.search(rb"(?i)content-length: *(\d+)", head).group(1))
                return status, json.loads(await self.reader.readexactly(length))
            except (OSError, asyncio.IncompleteReadError, ValueError, AttributeError):
                self.close()
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


class Participant:
    """One browser tab's worth of protocol."""

    def __init__(self, index: int, port: int, token: str, clock) -> None:
        self.index = index
        self.port = port
        self.query = f"p={token}&lang=en"
        self.clock = clock
        self.seen: dict[str, float] = {}  # note text -> first time seen
        self.page_hash = ""
        self.cache: dict[str, bytes] = {}
        self.note_area_id: str | None = None
        self.submit_id: str | None = None
        # The live-status component: its trigger widget, its fragment, its data.
        self.watch_trigger_id: str | None = None
        self.watch_fragment: str | None = None
        self.watch_url: str | None = None
        self.watch_revision: int | None = None
        self.asked: tuple[int | None, float] = (None, 0.0)
        self.polls = 0
        self.triggers = 0
        self.busy = False  # a full run we asked for hasn't finished: the browser waits too
        self.ws = None
        self.http = LivePoll(port)
        self._poller: asyncio.Task | None = None

    @property
    def ready(self) -> bool:
        return bool(self.submit_id and self.watch_url)

    def _client_state(self, **extra):
        from streamlit.proto.BackMsg_pb2 import BackMsg

        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query
        state.page_name = "join"
        state.page_script_hash = self.page_hash
        state.cached_message_hashes.extend(self.cache.keys())
        state.context_info.url = f"http://127.0.0.1:{self.port}/join"
        state.context_info.locale = "en-US"
        for name, value in extra.items():
            setattr(state, name, value)
        return msg, state

    async def connect(self) -> None:
        import websockets

        self.ws = await websockets.connect(
            f"ws://127.0.0.1:{self.port}/_stcore/stream", subprotocols=["streamlit"], max_size=None, open_timeout=60
        )
        msg, _ = self._client_state()
        await self.ws.send(msg.SerializeToString())

    async def listen(self) -> None:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        async for raw in self.ws:
            msg = ForwardMsg()
            msg.ParseFromString(raw)
            if msg.HasField("ref_hash"):
                cached = self.cache.get(msg.ref_hash)
                if cached is None:
                    continue
                msg = ForwardMsg()
                msg.ParseFromString(cached)
            elif msg.metadata.cacheable and msg.hash:
                self.cache[msg.hash] = raw
            self._handle(msg)

    def _handle(self, msg) -> None:
        kind = msg.WhichOneof("type")
        if kind == "navigation":
            # The page the server resolved; the browser names it in every later rerun.
            self.page_hash = msg.navigation.page_script_hash or self.page_hash
        elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            element = msg.delta.new_element
            which = element.WhichOneof("type")
            if which == "html":
                now = self.clock()
                for match in NOTE_RE.finditer(element.html.body):
                    self.seen.setdefault(match.group(0), now)
            elif which == "text_area" and element.text_area.id.endswith("join.note_text"):
                self.note_area_id = element.text_area.id
            elif which == "button" and element.button.is_form_submitter:
                self.submit_id = element.button.id
            elif which == "bidi_component" and element.bidi_component.component_name.endswith("nilai_live_watch"):
                self._mount_watch(element.bidi_component, msg.delta.fragment_id)
        elif kind == "script_finished" and msg.script_finished in (0, 1):
            self.busy = False  # a full run ended (not a fragment run, not interrupted)

    def _mount_watch(self, component, fragment_id: str) -> None:
        """What the component's JavaScript gets on each render: the revision shown, the URL."""
        from streamlit.components.v2.bidi_component.constants import EVENT_DELIM
        from streamlit.runtime.state.session_state import STREAMLIT_INTERNAL_KEY_PREFIX

        data = json.loads(component.json)
        self.watch_trigger_id = f"{STREAMLIT_INTERNAL_KEY_PREFIX}_{component.id}{EVENT_DELIM}events"
        self.watch_fragment = fragment_id
        self.watch_url = data["url"]
        self.watch_revision = data["revision"]
        if self._poller is None:
            self._poller = asyncio.ensure_future(self._poll(data["interval_ms"] / 1000))

    async def _poll(self, interval: float) -> None:
        """live_watch.js: poll the revision; on a change, send the `changed` trigger."""
        import websockets
        from streamlit.proto.WidgetStates_pb2 import WidgetState

        await asyncio.sleep(random.uniform(0, interval))
        while True:
            try:
                status, body = await self.http.get(self.watch_url)
            except (OSError, asyncio.IncompleteReadError, ValueError):
                await asyncio.sleep(2 * interval)
                continue
            self.polls += 1
            revision = body.get("revision") if status == 200 else "gone"
            asked_for, asked_at = self.asked
            now = self.clock()
            retrigger = asked_for != revision or now - asked_at > 4.0
            if revision != self.watch_revision and not self.busy and retrigger:
                self.asked = (revision, now)
                msg, state = self._client_state(fragment_id=self.watch_fragment)
                payload = json.dumps([{"event": "changed", "value": revision}])
                state.widget_states.widgets.append(WidgetState(id=self.watch_trigger_id, json_trigger_value=payload))
                self.triggers += 1
                try:
                    await self.ws.send(msg.SerializeToString())
                except websockets.ConnectionClosed:
                    return
            await asyncio.sleep(interval)

    async def add_note(self, text: str) -> None:
        from streamlit.proto.WidgetStates_pb2 import WidgetState

        msg, state = self._client_state()
        area = WidgetState(id=self.note_area_id, string_value=text)
        submit = WidgetState(id=self.submit_id, trigger_value=True)
        state.widget_states.widgets.extend([area, submit])
        self.busy = True
        await self.ws.send(msg.SerializeToString())

    async def close(self) -> None:
        if self._poller:
            self._poller.cancel()
        self.http.close()
        if self.ws is not None:
            await self.ws.close()


def _setup(data_dir: Path, count: int):
    sys.path.insert(0, str(ROOT))
    from canvas import canvases
    from core.settings import Settings
    from projects.service import create_project
    from storage.store import open_store
    from workshop import facilitation, joining

    store = open_store(Settings(data_dir=data_dir, database_url=None, seed_sample=False))
    project = create_project(store, WORKSPACE, "Bench workshop", "", "en")
    canvas = canvases.create_canvas(store, WORKSPACE, project.id, "Commuters")
    opened = joining.open_workshop(store, WORKSPACE, canvas.id, facilitator_name="Dewi")
    facilitation.set_step(store, opened.facilitator_token, "pains")
    tokens = [joining.join(store, opened.workshop.join_code, f"P{i}", client=f"bench-{i}").token for i in range(count)]
    return store, canvas, tokens


async def _run_room(
    port: int,
    tokens: list[str],
    pid: int,
    seconds: float,
    interval: float,
    idle_seconds: float,
    ready_timeout: float = 180,
    intervals: dict[int, float] | None = None,
    make_participant=None,
    during=None,
):
    """`intervals` gives some participants (by index) their own pace (bench/flood.py);
    `make_participant` builds each one (bench/team.py: through a load balancer), and
    `during(people, start)` runs beside the writers (bench/team.py kills a process)."""
    loop = asyncio.get_running_loop()
    clock = loop.time
    make = make_participant or Participant
    people = [make(i, port, token, clock) for i, token in enumerate(tokens)]
    listeners = []
    for person in people:  # connect a few at a time, as people do when they scan the QR
        await person.connect()
        listeners.append(asyncio.ensure_future(person.listen()))
        await asyncio.sleep(0.2)
    deadline = clock() + ready_timeout
    while clock() < deadline and not all(p.ready for p in people):
        await asyncio.sleep(0.2)
    ready = [p for p in people if p.ready]
    await asyncio.sleep(2)

    confirmed: dict[str, float] = {}
    sent: dict[str, float] = {}

    async def writer(person: Participant) -> None:
        pace = (intervals or {}).get(person.index, interval)
        await asyncio.sleep(random.uniform(0, pace))
        k = 0
        end = start + seconds
        while clock() < end:
            text = f"bench-n{person.index}-{k}"
            sent[text] = clock()
            await person.add_note(text)
            k += 1
            await asyncio.sleep(pace)

    async def confirm_watch() -> None:
        while True:
            for text in list(sent):
                if text not in confirmed:
                    adder = people[int(NOTE_RE.match(text).group(1))]
                    if text in adder.seen:
                        confirmed[text] = adder.seen[text]
            await asyncio.sleep(0.05)

    cpu0, wall0 = _cpu_seconds(pid), time.monotonic()
    triggers0 = sum(p.triggers for p in ready)
    start = clock()
    watcher = asyncio.ensure_future(confirm_watch())
    extra = [during(ready, start)] if during is not None else []
    await asyncio.gather(*(writer(p) for p in ready), *extra)
    cpu_seconds = _cpu_seconds(pid) - cpu0
    cpu_run = cpu_seconds / (time.monotonic() - wall0)
    board_reruns = sum(p.triggers for p in ready) - triggers0
    # Let the last notes travel (and give stragglers a fair bound).
    await asyncio.sleep(8)
    watcher.cancel()

    delays = []
    for text, at in confirmed.items():
        adder = int(NOTE_RE.match(text).group(1))
        for person in ready:
            if person.index != adder:
                seen = person.seen.get(text)
                delays.append((seen - at) if seen is not None else float("inf"))
    unseen = sum(1 for text in confirmed if any(text not in p.seen for p in people))

    # Idle: nothing changes; every session keeps polling.
    polls0 = sum(p.polls for p in ready)
    cpu_idle0 = _cpu_seconds(pid)
    await asyncio.sleep(idle_seconds)
    idle_cpu = _cpu_seconds(pid) - cpu_idle0
    idle_polls = sum(p.polls for p in ready) - polls0

    for person in people:
        await person.close()
    for task in listeners:
        task.cancel()
    return {
        "sent": sent,
        "confirmed": confirmed,
        "delays": delays,
        "unseen": unseen,
        "cpu_cores": cpu_run,
        "board_reruns": board_reruns,
        # Everything the server did while notes flowed, per board refresh it served.
        "cpu_ms_per_board_rerun": 1000 * cpu_seconds / max(board_reruns, 1),
        "idle_ms_per_poll": 1000 * idle_cpu / max(idle_polls, 1),
        "ready": len(ready),
        "seen": {person.index: person.seen for person in ready},  # note text -> first seen, per viewer
    }


NEVER = 999.0  # reported when a note never reached someone (JSON has no infinity)


def _p95(values: list[float]) -> float:
    if not values:
        return NEVER
    ordered = sorted(values)
    return min(ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))], NEVER)


def room(count: int, *, seconds: float = 60, interval: float = 10, idle_seconds: float = 10) -> dict[str, float]:
    workdir = Path(tempfile.mkdtemp(prefix="nilai-bench-ws-"))
    data_dir = workdir / "data"
    server = Server(data_dir=data_dir)
    try:
        store, canvas, tokens = _setup(data_dir, count)
        server.start()
        # The first session after start can be served before st.navigation runs; warm up.
        urllib.request.urlopen(f"http://127.0.0.1:{server.port}/", timeout=10).read()
        warm = asyncio.run(_run_room(server.port, tokens[:1], server.process.pid, 0.1, 1, 0.5))
        del warm
        result = asyncio.run(_run_room(server.port, tokens, server.process.pid, seconds, interval, idle_seconds))
        in_db = {item.text for item in store.items.for_canvas(canvas)}
        # Lost: submitted but not in the database, or confirmed but missing from a session.
        lost = sum(1 for text in result["sent"] if text not in in_db) + result["unseen"]
        never_confirmed = len(result["sent"]) - len(result["confirmed"])
        return {
            "visible_p95_s": round(_p95(result["delays"]), 3),
            "lost_notes": float(lost),
            "unconfirmed_in_window": float(never_confirmed),
            "server_cpu": round(result["cpu_cores"], 3),
            "idle_poll_ms": round(result["idle_ms_per_poll"], 2),
            "notes": float(len(result["confirmed"])),
            "sessions_ready": float(result["ready"]),
            "board_reruns": float(result["board_reruns"]),
            "cpu_ms_per_board_rerun": round(result["cpu_ms_per_board_rerun"], 1),
        }
    finally:
        server.stop()
        shutil.rmtree(workdir, ignore_errors=True)


def run() -> dict[str, float]:
    thirty = room(30)
    print(f"# workshop 30: {thirty}", file=sys.stderr)
    metrics = {
        "workshop_30_visible_p95_s": thirty["visible_p95_s"],
        "workshop_30_lost_notes": thirty["lost_notes"],
        "workshop_idle_poll_ms": thirty["idle_poll_ms"],
        "workshop_30_server_cpu": thirty["server_cpu"],
    }
    if os.environ.get("NILAI_BENCH_SKIP_100") != "1":
        hundred = room(100)
        print(f"# workshop 100: {hundred}", file=sys.stderr)
        metrics["workshop_100_visible_p95_s"] = hundred["visible_p95_s"]
    return metrics


if __name__ == "__main__":
    print(run())

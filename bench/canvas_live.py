"""Canvas page benchmarks (issue 29 item 5): what an open canvas costs the server while
nobody edits, and how soon a colleague's change reaches every open canvas.

Each simulated viewer is one browser tab's worth of protocol, as in bench/workshop.py: a
Streamlit session on ws://host/_stcore/stream running the canvas page (keeping the
ForwardMsg cache like the browser), and what the board component's JavaScript does
(ui/canvas/board/board.js): it follows GET /api/live/canvas with the pass the page gave it
(a long poll from the revision the page drew) and, when the revision passes it, asks the
page for one run. Under the design before, the page instead carried a fragment with
`run_every=4`; the browser reruns such a fragment on its own every 4 s (Streamlit's
auto_rerun message), and so does a viewer here, so the same module measures both designs.

Measured (medians of NILAI_BENCH_RUNS runs, default 3; N = 20 viewers on one canvas):
- canvas_idle_cpu_ms_per_viewer_second: the server's CPU per open canvas per second over
  20 s in which nobody edits (after every page has drawn and settled), less what the
  process costs with no page open (canvas_server_idle_cpu_ms_per_second, measured first).
- canvas_change_visible_p95_s: from a note's write (committed, in this process) to every
  viewer's feed answering with the new revision; 95th percentile over (note, viewer).
- canvas_change_shown_p95_s: from the write to the page's next run having sent each viewer
  a board holding the note (what a person sees), the same percentile.

Measured 2026-12-07 on the shared 2-core machine (load average 11-15 from other work),
one process, SQLite, medians of 3: this design, then the old one (this module run in a
worktree of a49d6e4, the commit before the canvas feed) right after it:
- old: canvas_idle_cpu_ms_per_viewer_second 0.875; canvas_change_shown_p95_s 3.61
  (the old page has no feed, so no canvas_change_visible_p95_s).
- new: canvas_idle_cpu_ms_per_viewer_second 0.374; canvas_change_visible_p95_s
  0.35; canvas_change_shown_p95_s 2.09.
  The process with no page open: 3.0-4.0 ms of CPU a second either way. What is left per
  idle page is its Streamlit session and one long poll per 20 s; a project's watcher every
  0.5 s instead of 0.25 s changed nothing measurable (0.40 against 0.375 in single runs)
  and made the feed 0.1 s slower, so it stays at 0.25 s. A change now waits mostly for the
  20 page runs it causes (one per open canvas), which share the two cores.
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.actors import WORKSPACE
from bench.workshop import LivePoll, _cpu_seconds, _p95, read_stream

ROOT = Path(__file__).resolve().parent.parent
VIEWERS = 20
IDLE_SECONDS = 20.0
BASELINE_SECONDS = 10.0
SETTLE_SECONDS = 5.0
CHANGES = 8
CHANGE_GAP_SECONDS = 2.0
WAIT_FOR_ALL_SECONDS = 15.0


class CanvasViewer:
    """One open canvas page: its Streamlit session and its board's follower."""

    def __init__(self, port: int, project_id: str, canvas_id: str, clock) -> None:
        self.port = port
        self.query = f"project={project_id}&canvas={canvas_id}&lang=en"
        self.clock = clock
        self.page_hash = ""
        self.cache: dict[str, bytes] = {}
        self.ws = None
        self.http = LivePoll(port)
        self.live: dict | None = None
        self.drawn: int | None = None
        self.feed_seen: dict[int, float] = {}  # revision -> when this viewer's feed told it
        self.shown: dict[str, float] = {}  # note text -> when a board holding it reached this viewer
        self.runs = 0
        self.fragment: tuple[str, float] | None = None  # the old page's auto-rerun fragment
        self._tasks: list[asyncio.Task] = []
        self.asked: int | None = None

    def _rerun(self, fragment_id: str = ""):
        from streamlit.proto.BackMsg_pb2 import BackMsg

        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query
        state.page_name = "canvas"
        state.page_script_hash = self.page_hash
        state.cached_message_hashes.extend(self.cache.keys())
        state.context_info.url = f"http://127.0.0.1:{self.port}/canvas"
        state.context_info.locale = "en-US"
        if fragment_id:
            state.fragment_id = fragment_id
            state.is_auto_rerun = True
        return msg.SerializeToString()

    async def connect(self) -> None:
        import websockets

        self.ws = await websockets.connect(
            f"ws://127.0.0.1:{self.port}/_stcore/stream", subprotocols=["streamlit"], max_size=None, open_timeout=60
        )
        await self.ws.send(self._rerun())
        self._tasks.append(asyncio.ensure_future(self.listen()))

    async def listen(self) -> None:
        await read_stream(self.ws, self.cache, self._handle)

    def _handle(self, msg) -> None:
        kind = msg.WhichOneof("type")
        if kind == "navigation":
            self.page_hash = msg.navigation.page_script_hash or self.page_hash
        elif kind == "script_finished":
            self.runs += 1
        elif kind == "auto_rerun" and self.fragment is None:
            self.fragment = (msg.auto_rerun.fragment_id, msg.auto_rerun.interval)
            self._tasks.append(asyncio.ensure_future(self._auto_rerun()))
        elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            element = msg.delta.new_element
            if element.WhichOneof("type") == "bidi_component" and element.bidi_component.component_name.endswith(
                "nilai_board"
            ):
                self._board(json.loads(element.bidi_component.json))

    def _board(self, data: dict) -> None:
        now = self.clock()
        for item in data.get("items", ()):
            self.shown.setdefault(item["text"], now)
        live = data.get("live")
        if live:
            self.live, self.drawn = live, live["revision"]
            if len(self._tasks) < 2:
                self._tasks.append(asyncio.ensure_future(self._follow()))

    async def _auto_rerun(self) -> None:
        """The browser's side of `st.fragment(run_every=...)`: rerun the fragment on a timer."""
        assert self.fragment is not None
        fragment_id, interval = self.fragment
        while True:
            await asyncio.sleep(interval)
            await self.ws.send(self._rerun(fragment_id))

    async def _follow(self) -> None:
        """board.js's Follower: long-poll from the revision drawn; a newer one asks for a run."""
        seen: int | None = None
        while True:
            assert self.live is not None and self.drawn is not None
            since = max(self.drawn, seen or 0)
            headers = {"Authorization": f"Bearer {self.live['credential']}"}
            try:
                status, body = await self.http.get(f"{self.live['url']}?since={since}&wait=1", headers)
            except (OSError, asyncio.IncompleteReadError, ValueError):
                await asyncio.sleep(0.5)
                continue
            if status == 200:
                seen = body["revision"]
                self.feed_seen.setdefault(seen, self.clock())
                if seen > self.drawn and self.asked != seen:
                    self.asked = seen
                    await self.ws.send(self._rerun())
            elif status != 304:
                await asyncio.sleep(1)

    async def close(self) -> None:
        for task in self._tasks:
            task.cancel()
        self.http.close()
        if self.ws is not None:
            await self.ws.close()


def _setup(data_dir: Path):
    sys.path.insert(0, str(ROOT))
    from canvas import canvases
    from core.settings import Settings
    from examples.seeding import open_store
    from projects.service import create_project

    store = open_store(Settings(data_dir=data_dir, database_url=None, seed_sample=False))
    project = create_project(store, WORKSPACE, "Bench canvas", "", "en")
    canvas = canvases.create_canvas(store, WORKSPACE, project.id, "Commuters")
    return store, project, canvas


async def _measure(port: int, pid: int, store, project, canvas) -> dict[str, float]:
    from canvas import notes
    from canvas.models import NoteOwner

    loop = asyncio.get_running_loop()
    clock = loop.time
    # The server with no page open: what the process costs anyway, taken off the viewers' figure.
    await asyncio.sleep(SETTLE_SECONDS)
    cpu0, wall0 = _cpu_seconds(pid), time.monotonic()
    await asyncio.sleep(BASELINE_SECONDS)
    baseline = (_cpu_seconds(pid) - cpu0) / (time.monotonic() - wall0)
    viewers = [CanvasViewer(port, project.id, canvas.id, clock) for _ in range(VIEWERS)]
    for viewer in viewers:
        await viewer.connect()
    deadline = clock() + 120
    while clock() < deadline and not all(viewer.runs for viewer in viewers):
        await asyncio.sleep(0.2)
    if not all(viewer.runs for viewer in viewers):
        raise RuntimeError("not every canvas page finished its first run")
    await asyncio.sleep(SETTLE_SECONDS)

    cpu0, wall0 = _cpu_seconds(pid), time.monotonic()
    await asyncio.sleep(IDLE_SECONDS)
    idle_cpu, idle_wall = _cpu_seconds(pid) - cpu0, time.monotonic() - wall0

    visible: list[float] = []
    shown: list[float] = []
    for index in range(CHANGES):
        text = f"bench change {index}"
        await loop.run_in_executor(
            None, lambda text=text: notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(canvas.id), "pains", text)
        )
        written = clock()
        revision = await loop.run_in_executor(None, store.projects.revision, project.id)
        end = written + WAIT_FOR_ALL_SECONDS
        while clock() < end and not all(text in viewer.shown for viewer in viewers):
            await asyncio.sleep(0.02)
        for viewer in viewers:
            shown.append(viewer.shown.get(text, end) - written)
            told = [at for seen, at in viewer.feed_seen.items() if seen >= revision]
            if viewer.live is not None:
                visible.append((min(told) if told else end) - written)
        await asyncio.sleep(CHANGE_GAP_SECONDS)
    for viewer in viewers:
        await viewer.close()
    result = {
        "canvas_idle_cpu_ms_per_viewer_second": 1000 * (idle_cpu / idle_wall - baseline) / VIEWERS,
        "canvas_server_idle_cpu_ms_per_second": 1000 * baseline,
        "canvas_change_shown_p95_s": _p95(shown),
    }
    if visible:
        result["canvas_change_visible_p95_s"] = _p95(visible)
    return result


def measure_once() -> dict[str, float]:
    sys.path.insert(0, str(ROOT))
    from deploy.harness import AppServer

    with tempfile.TemporaryDirectory(prefix="nilai-bench-canvas-live-") as tmp:
        store, project, canvas = _setup(Path(tmp) / "data")
        app = AppServer(data_dir=Path(tmp) / "data").start()
        try:
            assert app.process is not None
            return asyncio.run(_measure(app.port, app.process.pid, store, project, canvas))
        finally:
            app.stop()
            store.close()


def run() -> dict[str, float]:
    runs = [measure_once() for _ in range(int(os.environ.get("NILAI_BENCH_RUNS", "3")))]
    return {
        metric: round(statistics.median(run[metric] for run in runs if metric in run), 3)
        for metric in sorted(set().union(*runs))
    }

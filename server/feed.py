"""GET /api/live/feed: the live board for the browser to draw, on the app's own server.

The browser names itself with its own credential (`Authorization: Bearer ...`: a
participant's or facilitator's token, or the projector's signed credential) and says
which revision it holds (`since`). The answer is:
- 304 when nothing changed: at once with `wait=0`, or after waiting up to WAIT_SECONDS for a
  change (a long poll: a change reaches a waiting browser within WATCH_SECONDS, or at
  once when the write came through this process; a busy room wakes its waiting browsers at
  most once per WAKE_SECONDS, so a browser gets one answer for a burst of changes);
- otherwise the notes changed since that revision, or the whole board when this process
  no longer holds the board at that revision (a reconnect, a process new to the browser);
  plus the viewer's own marks.

A board's revision is a lower bound (workshop.room.RoomState: a read may already hold a
later note), so two processes' boards "at R" can differ. Each answer therefore names its
room feed (`epoch`, random per RoomFeed) and the browser sends it back; a delta is made
only from this feed's own board, and a browser coming from another process (a failover,
an evicted room) gets the whole board at once, or it could miss a note for good.

What it costs per change: one room read per process (shared by every viewer of the room),
one board per kind of viewer, one encoded delta per (kind, revision held) and, per viewer,
their own marks from `view_of` and one small JSON object. No Streamlit script runs.
"""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from core.errors import Forbidden, NilaiError, NotFound
from core.routes import FEED_PATH

if TYPE_CHECKING:  # storage pulls in SQLAlchemy: the warm start imports it off the main thread
    from projects.live_pass import LivePass
    from storage.store import Store
    from workshop.feed import FeedViewer
    from workshop.room import RoomState, Viewer

WAIT_SECONDS = 20.0  # under HAProxy's `timeout server` (deploy/haproxy.cfg.in)
WATCH_SECONDS = 0.1  # how often one watcher per room asks the database for the revision
PROJECT_WATCH_SECONDS = 0.25  # the same for a project followed by canvas pages
ROOM_READS_PER_SECOND = 10  # a room changing faster is read at most this often per process
# Each wake costs one answer per waiting browser (~0.4 ms of server CPU each, mostly the
# HTTP round itself), whatever it carries. A room changing faster than this is sent in
# batches: at most one wake per WAKE_SECONDS, and in a room so big that its answers would
# pass ANSWERS_PER_SECOND, less often. That bounds what the room costs the process per
# second (~0.25 core at most), and adds at most the interval to a change's way to a screen.
WAKE_SECONDS = 0.5
ANSWERS_PER_SECOND = 600
BOARDS_KEPT = 64  # revisions per kind of viewer a delta can start from
ENCODED_KEPT = 256  # encoded boards and deltas per room
ROOMS_KEPT = 256
VIEWERS_KEPT = 20000
VIEWER_TTL = 30.0  # a revoked credential's 304s stop within this; its boards stop at once
NO_STORE = {"Cache-Control": "no-store"}


def _encode(value: Any) -> bytes:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode()


K = TypeVar("K")
V = TypeVar("V")


class Recent(Generic[K, V]):
    """A bounded map for this process's rooms, watches and credentials: past `limit`
    entries, the one used longest ago goes. Safe across threads."""

    def __init__(self, limit: int) -> None:
        self._items: OrderedDict[K, V] = OrderedDict()
        self._limit = limit
        self._lock = threading.Lock()

    def get(self, key: K) -> V | None:
        return self._items.get(key)

    def values(self) -> list[V]:
        return list(self._items.values())

    def put(self, key: K, value: V) -> V:
        with self._lock:
            self._items[key] = value
            self._keep_recent(key)
        return value

    def get_or_make(self, key: K, make: Callable[[], V]) -> V:
        with self._lock:
            value = self._items.get(key)
            if value is None:
                value = self._items[key] = make()
            self._keep_recent(key)
            return value

    def _keep_recent(self, key: K) -> None:
        self._items.move_to_end(key)
        while len(self._items) > self._limit:
            self._items.popitem(last=False)


class Watch:
    """The long-poll side of one revision counter followed in this process, on the event
    loop only: the newest revision seen, the event its long polls wait on, and the one
    watcher that reads the counter every `watch_seconds` while anyone waits."""

    watch_seconds = WATCH_SECONDS

    def __init__(self) -> None:
        self.revision: int | None = None
        self.changed = asyncio.Event()
        self.woken_at = 0.0
        self.waiters = 0
        self.watcher: asyncio.Task | None = None
        self.first_read: asyncio.Future | None = None  # the watcher's first read, which its polls await

    def read_revision(self, store: Store) -> int | None:
        raise NotImplementedError


class RoomFeed(Watch):
    """One workshop's room in this process: its newest read, the boards by revision and kind
    of viewer, their encodings, and the watcher long polls wait on."""

    def __init__(self, workshop_id: str) -> None:
        super().__init__()
        self.workshop_id = workshop_id
        self.epoch = secrets.token_hex(6)
        self._reading = threading.Lock()
        self._encoding = threading.Lock()
        self.room: RoomState | None = None
        self._read_at = 0.0
        self._boards: dict[str, OrderedDict[int, dict[str, list[Any]]]] = {}
        self._encoded: OrderedDict[tuple[str, int | None, int], bytes] = OrderedDict()

    def read_revision(self, store: Store) -> int | None:
        return store.workshops.project_revision(self.workshop_id)

    def at_least(self, store: Store, revision: int) -> RoomState:
        """The room at `revision` or newer; one reader at a time, the rest share its read."""
        from workshop.room import room_state

        room = self.room
        if room is not None and room.revision >= revision:
            return room
        with self._reading:
            room = self.room
            if room is None or room.revision < revision:
                time.sleep(max(0.0, self._read_at + 1 / ROOM_READS_PER_SECOND - time.monotonic()))
                self._read_at = time.monotonic()
                room = self.room = room_state(store, self.workshop_id, room)
            return room

    def held_board(self, revision: int, viewer: Viewer, since: int | None) -> tuple[RoomState, bytes] | None:
        """The room and the encoded board (or delta) for this kind of viewer when this process
        already holds both at `revision` or newer: no database, no encoding."""
        room = self.room
        if room is None or room.revision < revision:
            return None
        encoded = self._encoded.get((viewer, since, room.revision))
        return (room, encoded) if encoded is not None else None

    def board_bytes(self, room: RoomState, viewer: Viewer, since: int | None) -> bytes:
        """The encoded board for this kind of viewer: a delta from `since` when this process
        still holds that board, else the whole board. Built once, shared by everyone."""
        key = (viewer, since, room.revision)
        encoded = self._encoded.get(key)
        if encoded is not None:
            return encoded
        from workshop import feed

        with self._encoding:
            encoded = self._encoded.get(key)
            if encoded is not None:
                return encoded
            boards = self._boards.setdefault(viewer, OrderedDict())
            now = boards.get(room.revision)
            if now is None:
                now = boards[room.revision] = feed.shared_notes(room, viewer)
                while len(boards) > BOARDS_KEPT:
                    boards.popitem(last=False)
            before = boards.get(since) if since is not None and since < room.revision else None
            if before is None or since is None:
                encoded = _encode(feed.full_board(room, viewer, now))
            else:
                encoded = _encode(feed.board_delta(room, viewer, before, now, since))
            self._encoded[key] = encoded
            while len(self._encoded) > ENCODED_KEPT:
                self._encoded.popitem(last=False)
            return encoded


class ProjectWatch(Watch):
    """One project's revision, followed by the canvas pages open on it (server/canvas_feed.py).
    A canvas page reruns on a change, so a slower look than a room's costs little."""

    watch_seconds = PROJECT_WATCH_SECONDS

    def __init__(self, project_id: str) -> None:
        super().__init__()
        self.project_id = project_id

    def read_revision(self, store: Store) -> int | None:
        return store.projects.revisions([self.project_id]).get(self.project_id)


class ProjectFeeds:
    """This process's watched projects and the canvas feed passes it checked lately."""

    def __init__(self, store_provider: Callable[[], Store]) -> None:
        self.store_provider = store_provider
        self._watches: Recent[str, ProjectWatch] = Recent(ROOMS_KEPT)
        self._passes: Recent[str, tuple[LivePass, float]] = Recent(VIEWERS_KEPT)  # credential -> pass, checked at

    def watches(self) -> list[ProjectWatch]:
        return self._watches.values()

    def watch(self, project_id: str) -> ProjectWatch:
        return self._watches.get_or_make(project_id, lambda: ProjectWatch(project_id))

    def known_pass(self, credential: str) -> LivePass | None:
        """The pass, when this process judged it in the last VIEWER_TTL seconds and it has
        not expired since."""
        known = self._passes.get(credential)
        if known is None or time.monotonic() - known[1] >= VIEWER_TTL or known[0].expires <= time.time():
            return None
        return known[0]

    def open_pass(self, credential: str) -> LivePass:
        """The pass judged now (projects.live_pass): Forbidden for a forged, expired, foreign or
        revoked one, before anything about any project is told."""
        from projects import live_pass

        opened = live_pass.open_pass(self.store_provider(), credential)
        self._passes.put(credential, (opened, time.monotonic()))
        return opened


class LiveFeed:
    """This process's feeds, one per room being watched. Made once by `live_routes`."""

    def __init__(self, store_provider: Callable[[], Store]) -> None:
        self.store_provider = store_provider
        self._rooms: Recent[str, RoomFeed] = Recent(ROOMS_KEPT)
        self._viewers: Recent[str, tuple[FeedViewer, float]] = Recent(VIEWERS_KEPT)  # credential -> who, checked at
        self.closing = False  # the server is stopping: long polls answer at once
        # The canvas pages' project revisions (server/canvas_feed.py), on the same machinery.
        self.projects = ProjectFeeds(store_provider)

    def close(self) -> None:
        """The server is stopping: every long poll answers now (on the event loop), since
        uvicorn waits for open requests before it exits, and a poll may wait WAIT_SECONDS."""
        self.closing = True
        for watch in [*self._rooms.values(), *self.projects.watches()]:
            changed, watch.changed = watch.changed, asyncio.Event()
            changed.set()

    def room(self, workshop_id: str) -> RoomFeed:
        return self._rooms.get_or_make(workshop_id, lambda: RoomFeed(workshop_id))

    def known_viewer(self, credential: str) -> FeedViewer | None:
        """Who holds this credential, when this process checked it in the last VIEWER_TTL seconds."""
        known = self._viewers.get(credential)
        return known[0] if known is not None and time.monotonic() - known[1] < VIEWER_TTL else None

    def viewer(self, credential: str) -> FeedViewer:
        """Who holds this credential; a forged or foreign one is refused (Forbidden) before
        anything about any workshop is told, its revision included."""
        from workshop import feed

        store = self.store_provider()
        workshop_id = feed.projector_workshop_id(credential)
        if workshop_id is not None:
            workshop = store.workshops.live(workshop_id)
            if workshop is None:
                raise Forbidden("workshop.error.bad_link")
            feed.check_projector(credential, workshop)
            who = feed.FeedViewer(workshop_id=workshop_id, me=None, viewer="projector")
        else:
            who = feed.viewer_for(feed.participant_of(store, credential))
        # Rows never change, and a wall credential stays valid with its workshop.
        return self._viewers.put(credential, (who, time.monotonic()))[0]

    def revision(self, workshop_id: str) -> int | None:
        return self.store_provider().workshops.project_revision(workshop_id)

    def read(self, watch: Watch) -> int | None:
        return watch.read_revision(self.store_provider())

    async def wait_past(self, room: Watch, since: int, timeout: float) -> int | None:
        """The watched revision once it differs from `since`, or `since` after `timeout`."""
        room.waiters += 1
        try:
            await asyncio.shield(self._watching(room))  # the revision as of now, not as the last watcher left it
            deadline = time.monotonic() + timeout
            # The watcher may lag a read by 0.1 s.
            while not self.closing and room.revision is not None and room.revision <= since:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                changed = room.changed
                try:
                    await asyncio.wait_for(changed.wait(), left)
                except TimeoutError:
                    break
            return room.revision
        finally:
            room.waiters -= 1

    def changed(self, workshop_id: str, revision: int | None) -> None:
        """A write in this process moved the room: wake its long polls now, without waiting
        for the watcher's next look (on the event loop)."""
        room = self._rooms.get(workshop_id)
        if room is None or revision is None or room.revision is None or revision <= room.revision:
            return
        if time.monotonic() - room.woken_at >= _wake_interval(room):
            self._wake(room, revision)
        # Else the watcher wakes them once WAKE_SECONDS have passed, with whatever came meanwhile.

    def _wake(self, room: Watch, revision: int | None) -> None:
        room.revision = revision
        room.woken_at = time.monotonic()
        changed, room.changed = room.changed, asyncio.Event()
        changed.set()

    def _watching(self, room: Watch) -> asyncio.Future:
        """The room's watcher's first read, starting the watcher when none runs. Nothing here
        awaits: a burst of polls arriving together starts one watcher, not one each (each
        would read the database every watch_seconds for as long as anyone waits)."""
        if room.watcher is None or room.watcher.done() or room.first_read is None:
            room.first_read = asyncio.get_running_loop().create_future()
            room.watcher = asyncio.get_running_loop().create_task(self._watch(room, room.first_read))
        return room.first_read

    async def _watch(self, room: Watch, first_read: asyncio.Future) -> None:
        """One query at once, then one per `watch_seconds` per room (or project) while anyone
        waits, whatever the number of browsers waiting."""
        try:
            room.revision = await run_in_threadpool(self.read, room)
        except Exception as error:  # noqa: BLE001 - handed on: every poll waiting on this read fails with it
            first_read.set_exception(error)
            return
        first_read.set_result(room.revision)
        while room.waiters > 0:
            await asyncio.sleep(room.watch_seconds)
            try:
                revision = await run_in_threadpool(self.read, room)
            except Exception:  # the database went away: waiters time out and retry
                logging.getLogger("nilai").warning("live feed revision query failed", exc_info=True)
                continue
            due = revision is None or time.monotonic() - room.woken_at >= _wake_interval(room)
            if revision != room.revision and due:
                self._wake(room, revision)

    def answer(self, room_feed: RoomFeed, who: FeedViewer, credential: str, revision: int, since: int | None) -> bytes:
        """The encoded answer: the shared board (or delta) and the viewer's own marks."""
        from workshop import feed

        store = self.store_provider()
        room = room_feed.at_least(store, revision)
        feed.check_current(room, who, credential)
        feed.check_open(room)
        return _answer_bytes(room_feed, room_feed.board_bytes(room, who.viewer, since), feed.own_part(room, who))

    def held_answer(
        self, room_feed: RoomFeed, who: FeedViewer, credential: str, revision: int, since: int | None
    ) -> bytes | None:
        """`answer` when it needs neither the database nor an encoding nor a pass over the room:
        the answer most of a woken room gets, made on the event loop (a hop to a worker thread
        and back cost more than the answer). None when `answer` must run on a thread."""
        from workshop import feed

        held = room_feed.held_board(revision, who.viewer, since)
        if held is None:
            return None
        room, board = held
        own = feed.own_part_from_board(room, who)
        if own is None:
            return None
        feed.check_current(room, who, credential)
        feed.check_open(room)
        return _answer_bytes(room_feed, board, own)


def _answer_bytes(room_feed: RoomFeed, board: bytes, own: dict[str, Any]) -> bytes:
    own["now"] = time.time()  # the browser counts the timer down on the server's clock
    return b'{"board":' + board + b',"epoch":"' + room_feed.epoch.encode() + b'","me":' + _encode(own) + b"}"


def _wake_interval(room: Watch) -> float:
    return max(WAKE_SECONDS, room.waiters / ANSWERS_PER_SECOND)


def bearer_credential(request: Request) -> str:
    """The credential a live endpoint's caller names itself with (`Authorization: Bearer ...`)."""
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    return value.strip() if scheme.lower() == "bearer" else ""


def int_param(request: Request, name: str) -> int | None:
    raw = request.query_params.get(name, "")
    return int(raw) if raw.isdigit() and len(raw) < 16 else None


def refused(status: int, error: str) -> JSONResponse:
    return JSONResponse({"error": error}, status_code=status, headers=NO_STORE)


def feed_routes(store_provider: Callable[[], Store], live: LiveFeed | None = None) -> list[Route]:
    live = live or LiveFeed(store_provider)

    async def live_feed(request: Request) -> Response:
        credential = bearer_credential(request)
        since = int_param(request, "since")
        epoch = request.query_params.get("epoch")
        wait = request.query_params.get("wait") == "1"
        if not credential or len(credential) > 200:
            return refused(403, "forbidden")
        try:
            who = live.known_viewer(credential)
            if who is None:
                who = await run_in_threadpool(live.viewer, credential)
            room = live.room(who.workshop_id)
            if since is not None and epoch is not None and epoch != room.epoch:
                since = None  # a board from another process (or an earlier feed here): the whole board now
            if wait and since is not None:
                revision = await live.wait_past(room, since, WAIT_SECONDS)
            else:
                revision = await run_in_threadpool(live.revision, who.workshop_id)
            if revision is None:
                return refused(404, "ended")
            etag = f'"{revision}"'
            if (since is not None and since >= revision) or request.headers.get("if-none-match") == etag:
                return Response(status_code=304, headers={**NO_STORE, "ETag": etag})
            body = live.held_answer(room, who, credential, revision, since)
            if body is None:
                body = await run_in_threadpool(live.answer, room, who, credential, revision, since)
        except Forbidden as error:
            ended = error.key == "workshop.error.ended"
            return refused(404 if ended else 403, "ended" if ended else "forbidden")
        except NotFound:
            return refused(404, "ended")
        except NilaiError:
            return refused(503, "unavailable")
        except Exception:  # the database went away mid-query: the browser retries
            logging.getLogger("nilai").warning("live feed failed", exc_info=True)
            return refused(503, "unavailable")
        return Response(body, media_type="application/json", headers={**NO_STORE, "ETag": etag})

    return [Route(FEED_PATH, live_feed, methods=["GET"])]

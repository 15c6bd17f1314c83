"""Live workshop pieces shared by the facilitator console, the participant page and the
projector: who this session is (a token, nothing else), the per-revision snapshot cache,
the live board fragment, links and the QR code.

The board itself is drawn in each browser from the board feed (server/feed.py): others'
changes run no script on this session. The snapshots here serve the page's own runs (its
controls, vote buttons, own notes), cached per (viewer, revision) in the process; the
board's data never goes into session state.
"""

from __future__ import annotations

import html
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlencode, urlparse

import segno
import streamlit as st
from streamlit import net_util

from core.errors import Forbidden
from core.settings import get_settings
from core.tokens import format_code, hash_token
from i18n import translate
from ui.common import sign_in, url_tokens
from ui.common.i18n import current_language
from ui.common.state import get_store
from ui.workshop.board import board_html, join_panel_html, note_html, shows_authors
from ui.workshop.live_board import live_board as live_board_component
from workshop import joining
from workshop import room as workshop_room
from workshop.models import Participant

SNAPSHOT_TTL_SECONDS = 10
# A busy room's reads per process: a few a second keep a board current to the eye.
ROOM_READS_PER_SECOND = 4
PARTICIPANT_TOKEN_KEY = "join.token"
FACILITATOR_TOKEN_KEY = "workshop.token"


# -- who this session is ----------------------------------------------------------------


def participant_token() -> str | None:
    """The participant's token: from this session, or from the URL after a reload."""
    return url_tokens.synced("p", PARTICIPANT_TOKEN_KEY)


def remember_participant(token: str) -> None:
    url_tokens.remember("p", PARTICIPANT_TOKEN_KEY, token)
    st.query_params.pop("code", None)


def forget_participant() -> None:
    url_tokens.forget("p", PARTICIPANT_TOKEN_KEY)


def facilitator_token() -> str | None:
    """The facilitator link's token; on a team server only for someone signed in."""
    token = url_tokens.synced("f", FACILITATOR_TOKEN_KEY)
    return None if token and sign_in.missing() else token


def remember_facilitator(token: str) -> None:
    url_tokens.remember("f", FACILITATOR_TOKEN_KEY, token)


def forget_facilitator() -> None:
    url_tokens.forget("f", FACILITATOR_TOKEN_KEY)


def is_participant_session() -> bool:
    return bool(participant_token())


# -- links and QR -----------------------------------------------------------------------


LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}


def app_base_url() -> str:
    """The app's address for other devices, without the page path: NILAI_PUBLIC_URL, or
    the address this browser uses, with localhost swapped for this machine's network
    address (a QR code pointing at localhost would send every phone to itself)."""
    configured = get_settings().public_url
    if configured:
        return configured.rstrip("/")
    url = (st.context.url or "").split("?")[0].rstrip("/")
    for page in ("/workshop", "/join", "/present"):
        if url.endswith(page):
            url = url[: -len(page)]
            break
    parsed = urlparse(url)
    if parsed.hostname in LOCAL_HOSTS:
        network_ip = net_util.get_internal_ip()
        if network_ip and network_ip not in LOCAL_HOSTS:
            port = f":{parsed.port}" if parsed.port else ""
            url = parsed._replace(netloc=f"{network_ip}{port}").geturl()
    return url


def join_url(code: str, lang: str) -> str:
    return f"{app_base_url()}/join?{urlencode({'code': code, 'lang': lang})}"


def present_url(code: str, lang: str) -> str:
    return f"{app_base_url()}/present?{urlencode({'code': code, 'lang': lang})}"


def facilitator_url(token: str, lang: str) -> str:
    return f"{app_base_url()}/workshop?{urlencode({'f': token, 'lang': lang})}"


@st.cache_resource(max_entries=64, show_spinner=False)
def qr_svg(url: str, scale: int = 8) -> str:
    """The join link as a QR code, an SVG data URI: crisp at any projector size."""
    return segno.make(url, error="m").svg_data_uri(scale=scale, dark="#1d2b26", light="#ffffff")


def join_panel(lang: str, code: str, *, qr_width: int = 260, big: bool = False) -> None:
    """QR code beside the join link and the big code (bigger still on the projector)."""
    link = join_url(code, lang)
    qr_col, text_col = st.columns([1, 2], vertical_alignment="center")
    with qr_col:
        # An <img> with a text alternative (st.image has none): a screen reader says what it is for.
        alt = html.escape(translate(lang, "workshop.qr_alt", code=format_code(code)))
        source = qr_svg(link)
        st.html(
            f'<img src="{source}" alt="{alt}" data-testid="nw-qr" '
            f'style="width:{qr_width}px;max-width:100%;height:auto;display:block">'
        )
    with text_col:
        st.html(join_panel_html(lang, code, link, big=big))


# -- per-revision snapshots ---------------------------------------------------------------


@dataclass(frozen=True)
class Snapshot:
    view: workshop_room.WorkshopView
    shared: SharedRoom  # the room read this came from; its notes' HTML is drawn once
    note_key: str  # which notes are on the board: a change asks controls to refresh
    revision: int  # the room's: at least the revision asked for

    @property
    def workshop(self):
        return self.view.workshop

    def board_html(self, lang: str) -> str:
        """The board as static HTML: for a page with no live board (an ended workshop).
        A live page's board is drawn in the browser from the feed, so no run draws it."""
        return board_html(lang, self.view, shared=self.shared.shared_html(lang, shows_authors(self.view)))


class SharedRoom:
    """A room read once, and its notes' HTML drawn once per (language, authors shown).
    A note unchanged since the read before keeps the HTML drawn for it then."""

    def __init__(self, room: workshop_room.RoomState, before: SharedRoom | None = None) -> None:
        self.room = room
        self._drawn: dict[tuple[str, bool], dict[workshop_room.BoardNote, str]] = {}
        self._by_id: dict[tuple[str, bool], dict[str, str]] = {}
        self._drawn_before = before._drawn if before is not None else {}  # not the chain behind it

    def shared_html(self, lang: str, show_authors: bool) -> dict[str, str]:
        """Note id -> its HTML; two sessions may draw it at once (the same text, harmless)."""
        which = (lang, show_authors)
        by_id = self._by_id.get(which)
        if by_id is None:
            earlier = self._drawn_before.get(which, {})
            drawn: dict[workshop_room.BoardNote, str] = {}
            for note in self.room.shared_notes:
                text = earlier.get(note)
                drawn[note] = text if text is not None else note_html(lang, note, show_authors=show_authors)
            self._drawn[which] = drawn
            by_id = self._by_id[which] = {note.id: text for note, text in drawn.items()}
        return by_id


class LatestRoom:
    """This process's newest read of one workshop's room, shared by all its sessions.

    A busy room moves through many revisions a second and each session asks for the one it
    polled. Reading the room (hundreds of notes) for each would make every process do the
    same reads over and over, so one reader at a time reads the newest state, and everyone
    waiting is served by it when it is at least as new as what they asked for.
    """

    def __init__(self, workshop_id: str) -> None:
        self.workshop_id = workshop_id
        self._reading = threading.Lock()
        self._newest: SharedRoom | None = None
        self._read_at = 0.0

    def at_least(self, revision: int) -> SharedRoom:
        newest = self._newest
        if newest is not None and newest.room.revision >= revision:
            return newest
        with self._reading:
            newest = self._newest
            if newest is None or newest.room.revision < revision:
                # A room that changes many times a second is read at most ROOM_READS_PER_SECOND
                # times: those who asked meanwhile wait a moment, then share the next read.
                time.sleep(max(0.0, self._read_at + 1 / ROOM_READS_PER_SECOND - time.monotonic()))
                self._read_at = time.monotonic()
                before = newest.room if newest is not None else None
                newest = self._newest = SharedRoom(
                    workshop_room.room_state(get_store(), self.workshop_id, before), newest
                )
            return newest


@st.cache_resource(ttl=600, max_entries=256, show_spinner=False)
def _latest_room(workshop_id: str) -> LatestRoom:
    return LatestRoom(workshop_id)


def _render(shared: SharedRoom, me: Participant | None, viewer: workshop_room.Viewer) -> Snapshot:
    view = workshop_room.view_of(shared.room, me, viewer)
    return Snapshot(view=view, shared=shared, note_key=view.note_key, revision=shared.room.revision)


@st.cache_resource(ttl=600, max_entries=4000, show_spinner=False)
def _participant_of(token: str) -> Participant:
    """Token -> participant row (rows never change; a bad token raises and isn't cached)."""
    store = get_store()
    participant = store.participants.by_token_hash(hash_token(token))
    if participant is None:
        raise Forbidden("workshop.error.bad_link")
    return participant


# A snapshot is useful only while its revision is current: keep few, briefly. A busy room
# moves through many revisions a second, and every kept one holds the whole board.
@st.cache_resource(ttl=SNAPSHOT_TTL_SECONDS, max_entries=64, show_spinner=False)
def participant_snapshot(token: str, revision: int) -> Snapshot:
    me = _participant_of(token)
    room = _latest_room(me.workshop_id).at_least(revision)
    if room.room.workshop.status != "open":
        raise Forbidden("workshop.error.ended")
    return _render(room, me, "participant")


@st.cache_resource(ttl=SNAPSHOT_TTL_SECONDS, max_entries=64, show_spinner=False)
def facilitator_snapshot(token: str, revision: int) -> Snapshot:
    access = joining.facilitator_access(get_store(), token)
    room = _latest_room(access.workshop.id).at_least(revision)
    return _render(room, access.participant, "facilitator")


@st.cache_resource(ttl=SNAPSHOT_TTL_SECONDS, max_entries=64, show_spinner=False)
def projector_snapshot(workshop_id: str, revision: int) -> Snapshot:
    """The wall's board. The page has resolved the join code (a counted guess) once; a
    workshop that ended since makes the page run again, and say so."""
    room = _latest_room(workshop_id).at_least(revision)
    if room.room.workshop.status != "open":
        raise Forbidden("workshop.error.ended")
    return _render(room, None, "projector")


# -- the live board -----------------------------------------------------------------------


def live_board(
    credential: str,
    viewer: workshop_room.Viewer,
    snap: Snapshot,
    seen_version: int,
    *,
    rerun_on_notes: bool,
    big: bool = False,
    compose_areas: list[str] | None = None,
    note_limit: int = 0,
    follow_own_notes: bool = False,
) -> None:
    """The status strip and the board, drawn in the browser from the board feed
    (server/feed.py) with this viewer's own credential. Others' changes never run this
    session's script; a change to the workshop's controls since the page drew them
    (`seen_version`: step, lock, voting, end) or, with `rerun_on_notes`, to the notes the
    page lists, runs the page again so its controls match. `compose_areas`: the participant's
    note box (and vote buttons), whose writes go to the action endpoint, not through a run."""
    note_versions = {note.id: note.version for note in snap.view.notes} if rerun_on_notes else None
    own = {note.id: note.version for note in snap.view.notes if note.mine} if follow_own_notes else None
    live_board_component(
        credential=credential,
        lang=current_language(),
        viewer=viewer,
        revision=snap.revision,
        workshop_version=seen_version,
        note_versions=note_versions,
        big=big,
        compose_areas=compose_areas,
        note_limit=note_limit,
        locked=snap.workshop.locked,
        own_note_versions=own,
    )

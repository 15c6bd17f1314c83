"""The paths of the server's own routes that pages need too, named once for both (server/
serves them; ui/ points browsers at them)."""

from __future__ import annotations

# Every live endpoint's path starts so (server/live.py answers them ahead of the middleware).
LIVE_PREFIX = "/api/live/"
# The live room's long-poll feed (server/feed.py), read by the live board (ui/workshop/live_board).
FEED_PATH = "/api/live/feed"
# The live board's writes (server/actions.py): a note, a dot, a delete, each exactly once.
ACTION_PATH = "/api/live/action"
# A project's revision for the canvas pages open on it (server/canvas_feed.py), read by the canvas board.
CANVAS_FEED_PATH = "/api/live/canvas"

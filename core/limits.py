"""The flood limits: how much one participant or one client address may do per window.

Pure definitions; the counters live in the database (storage/limits.py), so every app
process shares them and a reconnect, a new websocket or a new tab starts from the same
count. The rate slides: the count of the current fixed window plus the previous window's,
weighted by how much of it lies within one window length of now (one row per subject and
window, one atomic upsert per action). A burst across a window edge gets no more than the
budget; a refused action is not counted, and its message says when one more fits.

Who counts as one subject:
* notes and votes: the participant (resolved from their token), however many sessions;
* joins and guesses: the client's network address. An IPv6 client counts by its /64, the
  block one device or home gets, so rotating addresses inside it doesn't help. Clients
  with no address (Streamlit reports none for loopback) share one subject, "unknown".
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

UNKNOWN_CLIENT = "unknown"


@dataclass(frozen=True)
class Limit:
    bucket: str  # stored name of the counter
    allowed: int  # actions per window
    window_seconds: int
    message_key: str  # what a limited person reads (both catalogs)


# Adding, editing, deleting or restoring a note: 20 a minute is fast typing; a flood of
# them would make every board in the room refresh many times a second. The facilitator
# is not limited here.
NOTE_WRITES = Limit("notes", 20, 60, "limits.notes")
# Dot votes are already bounded by the budget; this bounds toggling (+1, −1, +1 …).
VOTES = Limit("votes", 30, 60, "limits.votes")
# Successful joins (workshop or class) from one address; a class join copies a project.
JOINS = Limit("joins", 10, 60, "limits.joins")
# Join-code guesses: workshop join, class join and /present?code=, wrong ones counted.
CODE_GUESSES = Limit("codes", 5, 600, "limits.codes")
# Workspace-key guesses: the landing page's form and ?key= links, wrong ones counted.
KEY_GUESSES = Limit("keys", 5, 600, "limits.keys")

# Files sent to Streamlit's upload endpoint (server/uploads.py), each counted per session
# and per client address before its body is read: a survey, a picture or a JSON file now
# and then, never a stream of them. Bytes are counted in whole megabytes, rounded up.
UPLOAD_FILES = Limit("uploads", 10, 600, "limits.uploads")
UPLOAD_MEGABYTES = Limit("upload_mb", 100, 600, "limits.uploads")

ALL_LIMITS = (NOTE_WRITES, VOTES, JOINS, CODE_GUESSES, KEY_GUESSES, UPLOAD_FILES, UPLOAD_MEGABYTES)


def client_subject(address: str | None) -> str:
    """The limiter's subject for a client address (see the module docstring)."""
    if not address:
        return UNKNOWN_CLIENT
    try:
        ip = ipaddress.ip_address(address.strip().split("%", 1)[0])
    except ValueError:
        return UNKNOWN_CLIENT
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network(f"{ip}/64", strict=False))
    return str(ip)


# Feedback import (feedback/parsing.py): one survey file, checked before anything is parsed
# further or saved. Bigger exports are split by the user (a clear message says so).
FEEDBACK_FILE_MAX_BYTES = 20 * 1024 * 1024
FEEDBACK_ROWS_MAX = 50_000
# Bounds on what a file makes the server read (feedback/survey_files.py): every row counts,
# blank ones too, and every cell, empty and padded ones too. 50,000 answers of 10 columns fit.
FEEDBACK_CELLS_MAX = 500_000
FEEDBACK_COLUMNS_MAX = 50
FEEDBACK_ROW_CHARS_MAX = 256 * 1024  # one row of a CSV, quoted line breaks included
# An XLSX unpacked (all its parts), and how tightly a part may be packed: survey sheets
# pack 5-30 times; bombs pack a thousand times and more.
FEEDBACK_UNPACKED_MAX_BYTES = 96 * 1024 * 1024
FEEDBACK_ZIP_RATIO_MAX = 100
FEEDBACK_READ_SECONDS = 20

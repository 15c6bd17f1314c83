"""Cleaning user text at the model boundary.

Every user text type (core.models Name/ShortText/LongText, notes, persona and competitor
fields, display and group names) carries `CleanText`, so control characters never reach
the database: a NUL is refused by PostgreSQL, and openpyxl refuses every C0 control in
an XLSX cell. Imports parse through the same types, so a file holding them is cleaned,
not refused. A lone surrogate (half of a UTF-16 pair) is refused with a message instead:
it is not a character, and no UTF-8 encoder can write it. Display names (`CleanName`) are
also folded so that invisible characters and look-alike forms can't make two names that
read the same.
"""

from __future__ import annotations

import html
import re
import unicodedata
from typing import Any

from pydantic import BeforeValidator

# C0 controls except tab and newline, plus DEL. Carriage returns are turned into newlines first.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# Zero-width characters and bidi controls: invisible, yet they make two equal-looking names differ.
INVISIBLE_CHARACTERS = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff\u061c]")
_WHITESPACE = re.compile(r"\s+")
# Half of a UTF-16 pair on its own: not a character, and no UTF-8 encoder (the database's,
# a PDF's, a CSV's) can write it.
LONE_SURROGATE = re.compile("[\ud800-\udfff]")
NOT_TEXT = "error.field.not_text"  # the message key, for core.models.problems_from


def strip_control_characters(text: str) -> str:
    """CRLF and lone CR become LF; other control characters (but tab and newline) go."""
    return CONTROL_CHARACTERS.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def clean_display_name(text: str) -> str:
    """One line, NFKC, no invisible characters: "Fasilitator\u200b" is "Fasilitator"."""
    text = INVISIBLE_CHARACTERS.sub("", unicodedata.normalize("NFKC", strip_control_characters(text)))
    return _WHITESPACE.sub(" ", text).strip()


def _text_only(clean: Any) -> Any:
    # Anything but a string is left for the type's own check to refuse with its usual message.
    def checked(value: Any) -> Any:
        if not isinstance(value, str):
            return value
        if LONE_SURROGATE.search(value):
            raise ValueError(NOT_TEXT)
        return clean(value)

    return checked


CleanText = BeforeValidator(_text_only(strip_control_characters))
CleanName = BeforeValidator(_text_only(clean_display_name))


# Spreadsheets run a cell that starts with one of these as a formula; a leading apostrophe stops it.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: Any) -> Any:
    """A value safe to put in a CSV or XLSX cell: text never runs as a formula, and holds no
    control character (openpyxl refuses them; rows stored before they were cleaned may)."""
    if not isinstance(value, str):
        return value
    value = strip_control_characters(value)
    return "'" + value if value.startswith(FORMULA_START) else value


def from_spreadsheet_cell(text: str) -> str:
    """The text `spreadsheet_cell` guarded, as it was: for reading our own CSV back."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_START) else text


def plotly_text(text: str) -> str:
    """User text for a Plotly label, escaped once. Plotly reads a few HTML tags in labels
    (<b>, <br>, <a>) and decodes only &amp; &lt; &gt; and numeric entities, so quotes must
    stay as typed: html.escape's default &quot; would show literally."""
    return html.escape(text, quote=False)


def plotly_lines(text: str, width: int, max_lines: int | None = None) -> str:
    """Escape, then break `text` at spaces into lines of about `width` characters for a
    Plotly label, so labels stay level; past `max_lines`, "…" says the rest is cut (None
    keeps every line: translated UI text is never cut)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    shown = lines if max_lines is None else lines[:max_lines]
    return "<br>".join(plotly_text(line) for line in shown) + ("…" if len(shown) < len(lines) else "")


def numbered_apart(name: str, taken: set[str], max_length: int) -> str:
    """`name`, or "name (2)", "name (3)"… (cut to fit `max_length`): the first whose casefold
    is not in `taken`. Two rows that may not share a name are kept apart this way."""
    if name.casefold() not in taken:
        return name
    number = 2
    while True:
        suffix = f" ({number})"
        candidate = name[: max_length - len(suffix)].rstrip() + suffix
        if candidate.casefold() not in taken:
            return candidate
        number += 1

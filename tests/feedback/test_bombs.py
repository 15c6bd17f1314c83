"""Survey files built to exhaust the server: each is refused quickly, within a small amount
of memory, by what the reader reads rather than by what the file declares."""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable

import pytest

from core.limits import FEEDBACK_CELLS_MAX, FEEDBACK_COLUMNS_MAX, FEEDBACK_ROW_CHARS_MAX, FEEDBACK_ROWS_MAX
from feedback import parsing
from feedback.survey_files import shown_count
from tests.feedback import bombs

SECONDS_MAX = 2.0
MEMORY_MAX_BYTES = 50 * 1024 * 1024


def _read(raw: bytes, filename: str) -> parsing.Table | parsing.FileRefused:
    try:
        return parsing.read_table(raw, filename)
    except parsing.FileRefused as refused:
        return refused


def _measured(raw: bytes, filename: str) -> tuple[parsing.Table | parsing.FileRefused, float, int]:
    """The outcome, the CPU time this process spent on it (wall time would measure the rest
    of a busy machine; `python -m bench security` reports the wall time), and the peak of
    Python memory it allocated (a second run, under tracemalloc, which slows it down)."""
    started = time.process_time()
    outcome = _read(raw, filename)
    seconds = time.process_time() - started
    tracemalloc.start()
    try:
        _read(raw, filename)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return outcome, seconds, peak


BOMBS: dict[str, tuple[Callable[[], bytes], str, str, dict]] = {
    "xlsx blank rows padded to column XFD": (
        bombs.xlsx_blank_padded_rows,
        "bomb.xlsx",
        "feedback.error.too_many_rows",
        {"max": shown_count(FEEDBACK_ROWS_MAX)},
    ),
    "xlsx cell in column XFD": (
        bombs.xlsx_wide_row,
        "bomb.xlsx",
        "feedback.error.too_wide",
        {"row": 2, "max": FEEDBACK_COLUMNS_MAX},
    ),
    "xlsx 2.2 GB of shared strings": (
        bombs.xlsx_shared_strings_bomb,
        "bomb.xlsx",
        "feedback.error.unpacks_too_big",
        {"mb": 96},
    ),
    "xlsx part packed 1000:1": (
        bombs.xlsx_packed_tightly,
        "bomb.xlsx",
        "feedback.error.packed_too_tightly",
        {"ratio": 100},
    ),
    "csv of 6 million tiny cells": (
        bombs.csv_tiny_cells,
        "bomb.csv",
        "feedback.error.too_many_cells",
        {"max": shown_count(FEEDBACK_CELLS_MAX)},
    ),
    "csv of 6 million cells on one line": (
        bombs.csv_one_long_line,
        "bomb.csv",
        "feedback.error.row_too_long",
        {"row": 2, "max": shown_count(FEEDBACK_ROW_CHARS_MAX)},
    ),
}


@pytest.mark.parametrize("name", list(BOMBS))
def test_each_bomb_is_refused_quickly_in_little_memory_naming_its_bound(name: str) -> None:
    build, filename, key, params = BOMBS[name]
    outcome, seconds, peak = _measured(build(), filename)
    assert isinstance(outcome, parsing.FileRefused), f"{name} was read as a table"
    assert (outcome.key, outcome.params) == (key, params)
    assert seconds < SECONDS_MAX, f"{name}: refused after {seconds:.2f} s of CPU"
    assert peak < MEMORY_MAX_BYTES, f"{name}: {peak / 1e6:.0f} MB"


def test_a_declared_dimension_of_the_whole_sheet_is_not_padded() -> None:
    """6,000 short answers under A1:XFD1048576 read as 6,000 short rows, not 16,384 columns each."""
    outcome, seconds, peak = _measured(bombs.xlsx_declared_dimension(6_000), "declared.xlsx")
    assert isinstance(outcome, parsing.Table)
    assert outcome.headers == ["Skor", "Komentar"]
    assert len(outcome.rows) == 6_000
    assert outcome.rows[0] == (2, ["2"]) and max(len(cells) for _, cells in outcome.rows) == 1
    assert seconds < SECONDS_MAX and peak < MEMORY_MAX_BYTES


def test_blank_csv_lines_count_towards_the_row_bound() -> None:
    raw = b"skor,komentar\n" + b",\n" * (FEEDBACK_ROWS_MAX + 1) + b"9,ok\n"
    outcome = _read(raw, "blank.csv")
    assert isinstance(outcome, parsing.FileRefused) and outcome.key == "feedback.error.too_many_rows"


def test_trailing_empty_columns_are_no_reason_to_refuse() -> None:
    """Spreadsheet programs write empty separators out to the widest row; they are not data."""
    raw = b"skor,komentar" + b"," * 200 + b"\n9,ok" + b"," * 200 + b"\n"
    outcome = _read(raw, "padded.csv")
    assert isinstance(outcome, parsing.Table)
    assert outcome.headers == ["skor", "komentar"] and outcome.rows == [(2, ["9", "ok"])]


def test_a_lying_zip_directory_is_not_believed() -> None:
    """A shared-strings part listed as small but holding more is cut at the listed size and
    then refused (its checksum fails), never read to its real length."""
    raw = bytearray(bombs.xlsx_shared_strings_bomb(200_000_000))
    directory = raw.rfind(b"PK\x01\x02" + b"\x14\x00" * 2)
    marker = raw.find(bombs.STRINGS.encode(), directory)
    entry = raw.rfind(b"PK\x01\x02", 0, marker)
    raw[entry + 24 : entry + 28] = (4096).to_bytes(4, "little")  # the listed unpacked size
    local = int.from_bytes(raw[entry + 42 : entry + 46], "little")
    raw[local + 22 : local + 26] = (4096).to_bytes(4, "little")
    outcome, seconds, peak = _measured(bytes(raw), "liar.xlsx")
    assert isinstance(outcome, parsing.FileRefused) and outcome.key == "feedback.error.not_a_table"
    assert seconds < SECONDS_MAX and peak < MEMORY_MAX_BYTES


def test_a_refused_file_answers_in_the_users_language() -> None:
    from i18n import translate

    refused = _read(bombs.csv_tiny_cells(), "bomb.csv")
    assert isinstance(refused, parsing.FileRefused)
    english = translate("en", refused.key, **refused.params)
    indonesian = translate("id", refused.key, **refused.params)
    assert "500.000 cells" in english and "500.000 sel" in indonesian

"""The helpers in core.text: control characters, display names, spreadsheet cells."""

from __future__ import annotations

from core.text import clean_display_name, numbered_apart, spreadsheet_cell, strip_control_characters

CONTROLS = "".join(chr(code) for code in range(0x20) if chr(code) not in "\t\n\r") + "\x7f"


def test_control_characters_are_removed_and_line_ends_become_newlines() -> None:
    assert strip_control_characters(f"a{CONTROLS}b\r\nc\rd\te") == "ab\nc\nd\te"


def test_spaces_inside_a_display_name_collapse() -> None:
    assert clean_display_name("Ani \u200b \t  Budi\n") == "Ani Budi"


def test_a_spreadsheet_cell_never_starts_a_formula_even_after_cleaning() -> None:
    assert spreadsheet_cell("=cmd|' /C calc'!A0") == "'=cmd|' /C calc'!A0"
    assert spreadsheet_cell("\x01=1+1") == "'=1+1"
    assert spreadsheet_cell("\t=1") == "'\t=1"
    assert spreadsheet_cell(7) == 7


def test_a_look_alike_display_name_folds_to_the_name() -> None:
    assert clean_display_name("\u202eＦａｓｉ\u200blitator\u202c") == "Fasilitator"


def test_numbered_apart_keeps_a_name_unless_taken_ignoring_case_and_fits_the_limit() -> None:
    assert numbered_apart("Ani", {"budi"}, 40) == "Ani"
    assert numbered_apart("Ani", {"ani"}, 40) == "Ani (2)"
    assert numbered_apart("ANI", {"ani", "ani (2)"}, 40) == "ANI (3)"
    long = "x" * 40
    assert numbered_apart(long, {long}, 40) == "x" * 36 + " (2)"
    assert len(numbered_apart(long, {long}, 40)) == 40

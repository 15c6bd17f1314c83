"""The board payload the JavaScript unit tests use (tests/js/board-labels.json and
board-rules.json) has the labels and canvas rules the real payload has, so the JS tests
can't drift away from what the server sends."""

from __future__ import annotations

import json
from pathlib import Path

from ui.canvas.board.payload import board_rules, labels

FIXTURE = Path(__file__).resolve().parents[1] / "js" / "board-labels.json"
RULES = FIXTURE.with_name("board-rules.json")


def test_js_board_labels_have_the_payloads_keys() -> None:
    fixture = json.loads(FIXTURE.read_text(encoding="utf-8"))
    real = labels("en")
    assert set(fixture) == set(real)
    for key, value in real.items():
        if isinstance(value, dict) and key != "rank_words":  # rank words: the tests leave them out
            assert set(fixture[key]) == set(value), key


def test_js_board_rules_are_the_payloads() -> None:
    assert json.loads(RULES.read_text(encoding="utf-8")) == board_rules()

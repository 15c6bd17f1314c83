"""ui/common/component_actions: each component action has one effect, however often it
arrives and by whichever path (the widget callback, or the page run on a process new to
the session). Issue #26: one Enter on the board's add field once made two notes."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest


def _script() -> None:
    # AppTest runs this function's source alone: everything it needs is inside it.
    import streamlit as st

    from ui.common import component_actions

    def component(*, data, key, on_action_change, height):
        # Streamlit calls the callback for a trigger it knows; a process new to the session doesn't.
        if st.session_state.get("test.path") == "callback":
            on_action_change()
        return None

    def count_effect() -> None:
        st.session_state["test.effects"] = st.session_state.get("test.effects", 0) + 1

    component_actions.mount(component, {}, key="test.board", on_action=count_effect)


def _deliver(at: AppTest, nonce: str, path: str) -> None:
    at.session_state["test.board"] = {"action": {"op": "add", "area": "pains", "text": "Queue", "nonce": nonce}}
    at.session_state["test.path"] = path
    at.run()
    assert not at.exception


def _effects(at: AppTest) -> int:
    return at.session_state.get("test.effects", 0)


@pytest.mark.parametrize(
    "paths",
    [("callback", "callback"), ("page run", "page run"), ("callback", "page run"), ("page run", "callback")],
)
def test_the_same_action_twice_has_one_effect(paths: tuple[str, str]) -> None:
    at = AppTest.from_function(_script, default_timeout=30)
    for path in paths:
        _deliver(at, "1765000000000-abc123", path)
    assert _effects(at) == 1


@pytest.mark.parametrize("path", ["callback", "page run"])
def test_two_actions_have_two_effects(path: str) -> None:
    at = AppTest.from_function(_script, default_timeout=30)
    _deliver(at, "1765000000000-abc123", path)
    _deliver(at, "1765000000015-def456", path)
    assert _effects(at) == 2

"""ui/common/feedback: user text in a toast or the Undo banner is shown, never read as Markdown."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _script() -> None:
    # AppTest runs this function's source alone: everything it needs is inside it.
    import streamlit as st

    from ui.common import feedback

    hostile = "![x](http://198.51.100.7/t.png) **bold** <img src=x>"
    if st.button("delete", key="go"):
        feedback.flash("competitors.added", name=hostile)
        feedback.offer_undo("t", feedback.Deleted("factor", "f1"), "competitors.deleted", name=hostile)
        st.rerun()
    feedback.show_flash()
    feedback.undo_banner("t", lambda deleted: None)


def _run() -> AppTest:
    at = AppTest.from_function(_script, args=(), default_timeout=30)
    at.session_state["ui.lang"] = "en"
    at.run()
    at.button(key="go").click().run()
    return at


def test_a_toast_shows_a_name_with_markdown_as_text() -> None:
    at = _run()
    (toast,) = at.toast
    # Escaped: Streamlit shows the characters instead of fetching an image or bolding.
    assert "\\!\\[x\\]\\(http\\:" in toast.value
    assert "\\*\\*bold\\*\\*" in toast.value
    assert "\\<img" in toast.value


def test_the_undo_banner_shows_a_name_with_markdown_as_text() -> None:
    at = _run()
    banner = [m.value for m in at.markdown if "bold" in m.value]
    assert banner and all("\\*\\*bold\\*\\*" in text and "\\!\\[x\\]" in text for text in banner)

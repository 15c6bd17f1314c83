"""A link straight to a page on a server nobody has visited yet still gets the whole app."""

from tests.e2e.conftest import wait_for_app


def test_first_visit_by_deep_link_runs_the_app_shell(app_server, page):
    page.goto(f"{app_server.url}/portfolio?lang=en")
    wait_for_app(page)
    # The shell's navigation and language switch, not Streamlit's bare list of page files.
    nav = page.get_by_test_id("stSidebarNav")
    assert nav.get_by_text("Customer portfolio").is_visible()
    assert nav.get_by_text("portfolio", exact=True).count() == 0
    assert page.get_by_text("Choose a project on the Projects page first.").is_visible()

"""A link straight to a page on a server nobody has visited yet still gets the whole app."""

from playwright.sync_api import expect

from tests.e2e.conftest import wait_for_app


def test_first_visit_by_deep_link_runs_the_app_shell(app_server, page):
    page.goto(f"{app_server.url}/portfolio?lang=en")
    wait_for_app(page)
    # The shell's navigation and language switch, not Streamlit's bare list of page files.
    # The bare run reruns itself through app.py, so wait for that second run to land.
    nav = page.get_by_test_id("stSidebarNav")
    expect(nav.get_by_text("Customer portfolio")).to_be_visible(timeout=30_000)
    expect(nav.get_by_text("portfolio", exact=True)).to_have_count(0)
    expect(page.get_by_text("Choose a project on the Projects page first.")).to_be_visible()

"""The document follows the chosen language: <html lang>, the tab's title, and the
screen-reader labels Streamlit writes in English, translated where Nilai can reach them."""

from __future__ import annotations

from playwright.sync_api import Browser, expect

from deploy.harness import AppServer
from tests.e2e.conftest import wait_for_app

COLLAPSE = "[data-testid=stSidebarCollapseButton] button"


def test_language_switch_changes_lang_title_and_streamlits_labels(browser: Browser, app_server: AppServer) -> None:
    context = browser.new_context(locale="id-ID", viewport={"width": 1440, "height": 900})
    page = context.new_page()
    page.goto(f"{app_server.url}/?lang=id")
    wait_for_app(page)
    page.goto(f"{app_server.url}/guided?lang=id")
    wait_for_app(page)
    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page).to_have_title("Mode terpandu · Nilai")
    expect(page.locator(COLLAPSE)).to_have_attribute("aria-label", "Tutup bilah samping")
    # A help icon's label: "Help for <label>" in Indonesian.
    expect(page.locator("[aria-label^='Bantuan untuk']").first).to_be_attached()
    expect(page.locator("[aria-label^='Help for']")).to_have_count(0)
    # Switch to English with the top bar: everything follows, without a reload.
    page.locator(".st-key-ui-topbar").get_by_text("EN", exact=True).click()
    wait_for_app(page)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_title("Guided mode · Nilai")
    expect(page.locator(COLLAPSE)).to_have_attribute("aria-label", "Collapse sidebar")
    expect(page.locator("[aria-label^='Bantuan untuk']")).to_have_count(0)
    context.close()


def test_the_favicon_is_served_by_the_app(browser: Browser, app_server: AppServer) -> None:
    page = browser.new_page()
    page.goto(f"{app_server.url}/?lang=en")
    wait_for_app(page)
    href = page.locator("link[rel*='icon']").first.get_attribute("href")
    icon = page.evaluate("(href) => new URL(href, location.href).href", href)
    assert icon.startswith(app_server.url), icon  # not a font host: the app serves its icon
    response = page.request.get(icon)
    assert response.ok and response.headers["content-type"].startswith("image/")
    page.close()

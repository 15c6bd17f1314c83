"""Portfolio and personas in a real browser: create a segment and a persona, add a pain on
the persona, and find it on the persona's canvas (the real canvas page). Also: a file
that is not an image gets a clear message, and HTML typed into a persona stays text."""

from __future__ import annotations

from PIL import Image
from playwright.sync_api import Page, expect

from core.settings import Settings
from deploy.harness import AppServer
from examples.seeding import open_store
from i18n import translate
from personas import service as persona_service
from projects.service import create_project
from tests.actors import WORKSPACE
from tests.e2e.conftest import wait_for_app


def _store(server: AppServer):
    return open_store(Settings(data_dir=server.data_dir, database_url=None, seed_sample=False))


def _open(page: Page, server: AppServer, project_id: str, nav_key: str, lang: str = "en") -> None:
    page.goto(f"{server.url}/?lang={lang}&project={project_id}")
    wait_for_app(page)
    page.get_by_role("link", name=translate(lang, nav_key)).first.click()
    wait_for_app(page)


def _click(page: Page, name: str, exact: bool = True) -> None:
    page.get_by_role("button", name=name, exact=exact).first.click()
    wait_for_app(page)


def test_segment_persona_pain_then_see_it_on_the_personas_canvas(page: Page, app_server: AppServer) -> None:
    store = _store(app_server)
    project = create_project(store, WORKSPACE, "Browser library", "", "en")
    store.db.engine.dispose()

    # A segment on the Customer portfolio page.
    _open(page, app_server, project.id, "nav.portfolio")
    expect(page.locator("h1").first).to_have_text(translate("en", "portfolio.title"))
    _click(page, translate("en", "portfolio.new"))
    page.get_by_role("textbox", name=translate("en", "field.name"), exact=True).fill("Final-year students")
    page.get_by_role("textbox", name=translate("en", "portfolio.field.reason"), exact=True).fill("Thesis deadlines")
    _click(page, translate("en", "portfolio.create"))
    expect(page.locator('[class*="st-key-portfolio-segment-"]').filter(has_text="Final-year students")).to_be_visible(
        timeout=15_000
    )
    page.keyboard.press("Escape")  # close the popover
    expect(page.locator('[data-testid="stPlotlyChart"]')).to_be_visible(timeout=20_000)

    # A persona in that segment on the Personas page.
    page.get_by_role("link", name=translate("en", "nav.personas")).first.click()
    wait_for_app(page)
    _click(page, translate("en", "personas.new"))
    page.get_by_role("textbox", name=translate("en", "field.name"), exact=True).fill("Rina Putri")
    page.get_by_role("textbox", name=translate("en", "field.occupation"), exact=True).fill("Student")
    _click(page, translate("en", "personas.create"))
    card = page.locator(".nl-card")
    expect(card).to_be_visible(timeout=15_000)
    expect(card.locator(".nl-name")).to_have_text("Rina Putri")
    expect(card.locator(".nl-chip").first).to_have_text("Final-year students")

    # A pain on the persona.
    page.get_by_role("tab", name=translate("en", "personas.tab.profile")).click()
    pains = page.locator(".st-key-personas-area-pains")
    pains.get_by_placeholder(translate("en", "personas.item.new")).fill("No seat after 9am")
    pains.get_by_role("button", name=translate("en", "personas.item.add")).click()
    wait_for_app(page)
    expect(pains.get_by_text("No seat after 9am")).to_be_visible(timeout=15_000)

    # One click makes a canvas from the persona; its customer profile shows the same pain.
    _click(page, translate("en", "personas.make_canvas"))
    expect(page.locator(".nb-zone-pains .nb-note .nb-text", has_text="No seat after 9am")).to_be_visible(timeout=20_000)

    store = _store(app_server)
    [persona] = persona_service.list_personas(store, WORKSPACE, project.id)
    [canvas] = persona_service.canvases_for_persona(store, WORKSPACE, persona.id)
    assert "No seat after 9am" in {item.text for item in store.items.for_canvas(canvas)}
    store.db.engine.dispose()


def test_not_an_image_is_refused_and_html_stays_text(page: Page, app_server: AppServer, tmp_path) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    store = _store(app_server)
    project = create_project(store, WORKSPACE, "Hostile input", "", "id")
    hostile = '<img src=x onerror="alert(1)"><b>Rina</b>'
    persona_service.create_persona(store, WORKSPACE, project.id, name=hostile, quote="<script>alert(2)</script>")
    store.db.engine.dispose()

    _open(page, app_server, project.id, "nav.personas", lang="id")
    expect(page.locator(".nl-mini-name")).to_have_text(hostile)
    assert page.locator(".nl-mini img").count() == 0
    page.get_by_role("button", name=translate("id", "personas.open")).first.click()
    wait_for_app(page)
    expect(page.locator(".nl-card .nl-name")).to_have_text(hostile)
    expect(page.locator(".nl-quote")).to_have_text("<script>alert(2)</script>")

    fake = tmp_path / "photo.png"
    fake.write_text("this is not a picture", encoding="utf-8")
    page.get_by_role("tab", name=translate("id", "personas.tab.picture")).click()
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(fake))
    wait_for_app(page)
    expect(page.get_by_text(translate("id", "personas.error.avatar_not_image"))).to_be_visible(timeout=15_000)

    # A real picture replaces the initials on the card.
    real = tmp_path / "face.png"
    Image.new("RGB", (400, 300), (30, 120, 200)).save(real)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(real))
    wait_for_app(page)
    expect(page.get_by_text(translate("id", "personas.error.avatar_not_image"))).to_have_count(0, timeout=15_000)
    page.get_by_role("tab", name=translate("id", "personas.tab.card")).click()
    expect(page.locator(".nl-card .nl-avatar img")).to_be_visible(timeout=15_000)
    assert dialogs == []

"""A class in real browsers: the lecturer creates it, two groups join from their own
browser contexts and add notes, the lecturer's gallery shows both, and one group is
refused the other's project by URL."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlparse, urlunparse

from playwright.sync_api import Browser, Page, expect

from core.settings import Settings
from deploy.harness import AppServer
from examples.seeding import open_store
from tests.e2e.conftest import wait_for_app


def _open_class_page(page: Page, server: AppServer, lang: str = "en") -> None:
    page.goto(f"{server.url}/?lang={lang}")
    wait_for_app(page)
    page.get_by_role("link", name="Class" if lang == "en" else "Kelas").first.click()
    wait_for_app(page)


def _join(page: Page, server: AppServer, code: str, group: str) -> None:
    _open_class_page(page, server)
    page.get_by_role("textbox", name="Class code").fill(code)
    page.get_by_role("textbox", name="Group name").fill(group)
    page.get_by_role("button", name="Join").click()
    wait_for_app(page)
    expect(page.get_by_text(f"Group '{group}' in class")).to_be_visible(timeout=20_000)


def _add_pain(page: Page, text: str) -> None:
    page.get_by_role("button", name="Open our project in guided mode").click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Guided mode")).to_be_visible(timeout=20_000)
    page.get_by_role("link", name="Canvas").first.click()
    wait_for_app(page)
    field = page.locator('input.nb-add[data-area="pains"]')
    expect(field).to_be_visible(timeout=45_000)
    field.focus()
    page.keyboard.type(text)
    page.keyboard.press("Enter")
    expect(page.locator(".nb-zone-pains .nb-note .nb-text", has_text=text)).to_be_visible(timeout=20_000)
    wait_for_app(page)


def _with_project(url: str, project_id: str) -> str:
    parts = urlparse(url)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    query["project"] = project_id
    query.pop("canvas", None)
    return urlunparse(parts._replace(path="/", query=urlencode(query)))


def test_lecturer_gallery_shows_both_groups_and_groups_stay_apart(
    browser: Browser, app_server: AppServer, tmp_path: Path
) -> None:
    contexts = [browser.new_context(locale="en-US", viewport={"width": 1400, "height": 1000}) for _ in range(3)]
    lecturer, group_a, group_b = (c.new_page() for c in contexts)
    try:
        # 1. The lecturer creates a class whose groups start from the family-clinic example.
        _open_class_page(lecturer, app_server)
        lecturer.get_by_role("tab", name="Create a class (lecturer)").click()
        lecturer.get_by_role("textbox", name="Class name").fill("Marketing 2026 B")
        lecturer.get_by_label("Each group starts from").click()
        lecturer.get_by_role("option", name="Example: Sehat Bersama neighbourhood clinic").click()
        lecturer.get_by_role("button", name="Create the class").click()
        wait_for_app(lecturer)
        heading = lecturer.get_by_text(re.compile(r"Join code: [A-Z0-9]{8}"))
        expect(heading).to_be_visible(timeout=20_000)
        code = heading.inner_text().split(":")[1].strip()
        expect(lecturer.get_by_text("No group has joined yet")).to_be_visible()
        assert "lecturer=" in lecturer.url

        # 2. Two groups join from separate browsers and each add a note to their own canvas.
        _join(group_a, app_server, code, "Group A")
        _add_pain(group_a, "Queue numbers run out by 9 am")
        _join(group_b, app_server, code, "Group B")
        _add_pain(group_b, "Parking is full on Saturdays")

        # 3. The lecturer's gallery shows both, with their figures.
        lecturer.reload()
        wait_for_app(lecturer)
        expect(lecturer.get_by_text("Gallery of groups (2)")).to_be_visible(timeout=20_000)
        for name in ("Group A", "Group B"):
            card = lecturer.locator('[data-testid="stVerticalBlock"]').filter(has_text=name).last
            expect(card).to_contain_text(re.compile(r"Fit \d+% · \d+ hints? · self-check \d+%"))
        lecturer.screenshot(path=tmp_path / "classroom-gallery-en.png")
        # The lecturer opens one read-only and sees the group's new note.
        lecturer.get_by_role("button", name="Open read-only").first.click()
        wait_for_app(lecturer)
        expect(lecturer.get_by_text("Queue numbers run out by 9 am")).to_be_visible(timeout=20_000)

        # 4. Group A is refused Group B's project by URL, and still opens its own.
        store = open_store(Settings(data_dir=app_server.data_dir, database_url=None, seed_sample=False))
        groups = {g.name: g for g in store.class_groups.find()}
        store.db.engine.dispose()
        group_a.goto(_with_project(group_a.url, groups["Group B"].project_id))
        wait_for_app(group_a)
        expect(group_a.get_by_text("This project belongs to another group in a class")).to_be_visible(timeout=20_000)
        expect(group_a.get_by_text("Parking is full on Saturdays")).to_have_count(0)
        group_a.screenshot(path=tmp_path / "classroom-refused-en.png")
        group_a.goto(_with_project(group_a.url, groups["Group A"].project_id))
        wait_for_app(group_a)
        expect(group_a.get_by_text("This project belongs to another group in a class")).to_have_count(0)
        expect(group_a.get_by_text("Marketing 2026 B · Group A")).to_be_visible(timeout=20_000)
    finally:
        for context in contexts:
            context.close()

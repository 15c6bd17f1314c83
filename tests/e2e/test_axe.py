"""axe-core on every page, in both languages, on a laptop and a phone: no critical or
serious violation in Nilai's own markup; the document says which language it is in and
which page it is; and nothing is fetched from anywhere but the app (offline use).

One server for the module (each page load is a fresh browser context): a sample project
per language, a running workshop with a participant, and a projector code. A second one
treats this browser as another device (NILAI_TRUST_LOCAL=false), for the landing page a
device without a workspace gets, and the one a bad class link gets.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser

from core.settings import Settings
from deploy.harness import AppServer
from examples.seeding import open_store
from i18n import translate
from projects import service as project_service
from tests.actors import WORKSPACE
from tests.e2e.conftest import wait_for_app
from workshop import joining
from workshop import notes as workshop_notes

BLOCKING = ("critical", "serious")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
WIDTHS = {"laptop": (1440, 900), "phone": (390, 844)}

# Nothing is excused: the sidebar navigation is Streamlit's markup, but Nilai chose it, so
# its list rules count too (ui/common/document.js says what it is).
STREAMLIT_MARKUP: dict[str, str] = {}

# page id -> (URL path, query built from the fixture, the browser title's first part per language)
PAGES = {
    "home": ("", "project", {"id": "Proyek", "en": "Projects"}),
    "portfolio": ("portfolio", "project", {"id": "Portofolio pelanggan", "en": "Customer portfolio"}),
    "personas": ("personas", "project", {"id": "Persona", "en": "Personas"}),
    "canvas": ("canvas", "project", {"id": "Kanvas", "en": "Canvas"}),
    "competitors": ("competitors", "project", {"id": "Pesaing", "en": "Competitors"}),
    "workshop-open": ("workshop", "project", {"id": "Lokakarya", "en": "Workshop"}),
    "workshop-running": ("workshop", "facilitator", {"id": "Lokakarya", "en": "Workshop"}),
    "export": ("export", "project", {"id": "Ekspor", "en": "Export"}),
    "history": ("history", "project", {"id": "Riwayat", "en": "History"}),
    "testing": ("testing", "project", {"id": "Uji asumsi", "en": "Testing"}),
    "feedback": ("feedback", "project", {"id": "Suara pelanggan", "en": "Customer voice"}),
    "members": ("members", "project", {"id": "Anggota", "en": "Members"}),
    "join-form": ("join", "", {"id": "Ikut lokakarya", "en": "Join a workshop"}),
    "join-participant": ("join", "participant", {"id": "Ikut lokakarya", "en": "Join a workshop"}),
    "projector": ("present", "code", {"id": "Tampilan proyektor", "en": "Projector view"}),
    "projector-pick": ("present", "project", {"id": "Tampilan proyektor", "en": "Projector view"}),
    "guided": ("guided", "project", {"id": "Mode terpandu", "en": "Guided mode"}),
    "examples": ("examples", "project", {"id": "Contoh lengkap", "en": "Worked examples"}),
    "classroom": ("classroom", "project", {"id": "Kelas", "en": "Class"}),
}

# Pages another device sees: page id -> URL path and query (no workspace, so no project).
DEVICE_PAGES = {
    "landing": "?",
    "bad-link": "classroom?group=not-a-real-token-0123456789abcdef&",
}


@dataclass
class Room:
    project: str
    facilitator: str
    participant: str
    code: str


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    app = AppServer(data_dir=tmp_path_factory.mktemp("axe") / "data").start()
    yield app
    app.stop()


@pytest.fixture(scope="module")
def device_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    app = AppServer(
        data_dir=tmp_path_factory.mktemp("axe-device") / "data", env_extra={"NILAI_TRUST_LOCAL": "false"}
    ).start()
    yield app
    app.stop()


@pytest.fixture(scope="module")
def rooms(server: AppServer, browser: Browser) -> dict[str, Room]:
    """The sample project of each language, with a workshop running on its first canvas."""
    warm = browser.new_page()
    warm.goto(f"{server.url}/?lang=en")  # the first run seeds the samples
    wait_for_app(warm)
    warm.close()
    store = open_store(Settings(data_dir=server.data_dir, database_url=None, seed_sample=False))
    made = {}
    for summary in project_service.list_projects(store, WORKSPACE):
        canvas = store.canvases.list_for_project(summary.id)[0]
        opened = joining.open_workshop(store, WORKSPACE, canvas.id, facilitator_name="Fasilitator")
        joined = joining.join(store, opened.workshop.join_code, "Ani", client="axe-test")
        workshop_notes.add_note(
            store, joined.token, "Antrean panjang" if summary.language == "id" else "Long queues", "pains"
        )
        made[summary.language] = Room(summary.id, opened.facilitator_token, joined.token, opened.workshop.join_code)
    store.db.engine.dispose()
    assert set(made) == {"id", "en"}
    return made


def _query(kind: str, room: Room) -> str:
    return {
        "": "",
        "project": f"&project={room.project}",
        "facilitator": f"&f={room.facilitator}",
        "participant": f"&p={room.participant}",
        "code": f"&code={room.code}",
    }[kind]


def _blocking(page, violations: list[dict]) -> list[str]:
    """Critical and serious violations, less the excused Streamlit markup."""
    found = []
    for violation in violations:
        if violation["impact"] not in BLOCKING:
            continue
        excused_in = STREAMLIT_MARKUP.get(violation["id"])
        for node in violation["nodes"]:
            target = node["target"][0]
            if excused_in and page.evaluate(
                "([target, inside]) => !!document.querySelector(target)?.closest(inside)", [target, excused_in]
            ):
                continue
            found.append(f"{violation['id']} ({violation['impact']}): {target} - {node['failureSummary'][:160]}")
    return found


def _wait_until_idle(page, language: str) -> None:
    """The run has finished and the document component has swept what it rendered: axe sees
    what a person sees once the page stops moving, not a frame in between."""
    wait_for_app(page)
    page.wait_for_function(
        "(lang) => window.__nilaiDocument && window.__nilaiDocument.lang === lang && !window.__nilaiDocument.pending",
        arg=language,
    )
    page.wait_for_timeout(800)  # the live board settles
    wait_for_app(page)
    page.wait_for_function("() => !window.__nilaiDocument.pending")


STILL = "*, *::before, *::after { transition: none !important; animation: none !important; }"


def axe_problems(page, language: str) -> list[str]:
    """axe's critical and serious findings on the page as a person sees it once it stops
    moving: the run has ended and transitions are frozen at their end, so axe never
    measures a button mid-fade (white text on a background not painted yet)."""
    _wait_until_idle(page, language)
    page.add_style_tag(content=STILL)
    page.wait_for_timeout(100)
    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    return _blocking(page, result.response["violations"])


def _assert_accessible(browser: Browser, url: str, origin: str, title: str, language: str, width: str, shot: Path):
    w, h = WIDTHS[width]
    context = browser.new_context(locale="id-ID" if language == "id" else "en-US", viewport={"width": w, "height": h})
    try:
        page = context.new_page()
        fetched: list[str] = []
        page.on("request", lambda request: fetched.append(request.url))
        page.goto(url)
        _wait_until_idle(page, language)
        assert page.evaluate("document.documentElement.lang") == language
        assert page.title() == f"{title} · Nilai"
        # Offline-safe: every asset (the favicon too) comes from the app itself.
        elsewhere = [fetched_url for fetched_url in fetched if not fetched_url.startswith((origin, "data:", "blob:"))]
        assert elsewhere == []
        problems = axe_problems(page, language)
        if problems:
            page.screenshot(path=str(shot), full_page=True)
        assert not problems, "\n".join(problems)
    finally:
        context.close()


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("page_id", list(PAGES))
def test_page_has_no_serious_axe_violation(
    browser: Browser, server: AppServer, rooms: dict[str, Room], page_id: str, language: str, width: str
) -> None:
    path, query, titles = PAGES[page_id]
    _assert_accessible(
        browser,
        f"{server.url}/{path}?lang={language}{_query(query, rooms[language])}",
        server.url,
        titles[language],
        language,
        width,
        Path(server.data_dir).parent / f"axe-{page_id}-{language}-{width}.png",
    )


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("page_id", list(DEVICE_PAGES))
def test_another_devices_page_has_no_serious_axe_violation(
    browser: Browser, device_server: AppServer, page_id: str, language: str, width: str
) -> None:
    _assert_accessible(
        browser,
        f"{device_server.url}/{DEVICE_PAGES[page_id]}lang={language}",
        device_server.url,
        translate(language, "workspace.private.title"),
        language,
        width,
        Path(device_server.data_dir).parent / f"axe-{page_id}-{language}-{width}.png",
    )

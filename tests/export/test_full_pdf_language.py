"""A full project PDF in Indonesian (the sample project with its test cards, the customer
voice survey, a theme kept as a pain with an improvement action, the competitors) speaks
Indonesian: no English UI word outside what the user typed, and no page holding one note.

The English words are derived, not listed by hand: the words of the English catalogs'
values that differ from the Indonesian ones, less every word the Indonesian catalogs use
and every word of the project's own content (user text may be in any language).
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from examples import DATA_DIR, SAMPLE_SLUG, survey_file
from export.bundle import collect
from export.pdf.builder import SECTIONS, build_pdf, plan_pages
from feedback import service as feedback
from i18n import catalog, translate
from projects import service as projects
from storage.store import Store
from tests.actors import WORKSPACE

WORD = re.compile(r"[A-Za-z][A-Za-z'’-]{2,}")
PLACEHOLDER = re.compile(r"\{[^}]*\}")


def _words(text: str) -> set[str]:
    return {w.lower().strip("'’-") for w in WORD.findall(PLACEHOLDER.sub(" ", text))}


def english_ui_words() -> set[str]:
    en, id_ = catalog("en"), catalog("id")
    english = set().union(*(_words(value) for key, value in en.items() if id_.get(key) != value))
    indonesian = set().union(*(_words(value) for value in id_.values()))
    return english - indonesian


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for inner in value.values() for s in _strings(inner)]
    if isinstance(value, list):
        return [s for inner in value for s in _strings(inner)]
    return []


def user_words(extra: list[str]) -> set[str]:
    document = json.loads((DATA_DIR / f"{SAMPLE_SLUG}.id.json").read_text(encoding="utf-8"))
    text = " ".join(_strings(document)) + " " + survey_file(SAMPLE_SLUG, "id").read_text(encoding="utf-8")
    return _words(text + " " + " ".join(extra))


def full_project(store: Store) -> str:
    project = projects.copy_example(store, WORKSPACE, SAMPLE_SLUG, "id", "Perpustakaan Sapa")
    canvas = store.canvases.list_for_project(project.id)[0]
    survey = feedback.read_file(store, WORKSPACE, project.id, survey_file(SAMPLE_SLUG, "id").read_bytes(), "survei.csv")
    feedback.import_responses(store, WORKSPACE, project.id, survey)
    theme = feedback.theme_board(store, WORKSPACE, project.id).of_kind("pain")[0]
    feedback.accept_theme(store, WORKSPACE, project.id, "pain", theme.key, canvas.id, "Antrean meja", language="id")
    feedback.add_action(store, WORKSPACE, project.id, theme.key, "Meja kedua saat jam sibuk")
    return project.id


def pdf_pages(path: Path, count: int) -> list[str]:
    pages = []
    for number in range(1, count + 1):
        out = subprocess.run(
            ["pdftotext", "-f", str(number), "-l", str(number), "-enc", "UTF-8", str(path), "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        pages.append(out)
    return pages


@pytest.fixture
def full_pdf(sqlite_store: Store, tmp_path: Path) -> tuple[Path, list[str], list[str]]:
    project_id = full_project(sqlite_store)
    bundle = collect(sqlite_store, WORKSPACE, project_id)
    path = tmp_path / "full.id.pdf"
    path.write_bytes(build_pdf(bundle, language="id"))
    plan = plan_pages(bundle, SECTIONS, language="id")
    # No note sent alone to an extra page: each canvas fits its one page.
    assert [pages for section, _, pages in plan if section == "canvas"] == [1] * len(bundle.canvases)
    names = [theme.text for theme in sqlite_store.feedback_themes.for_project(project_id)]
    names += [o.name for c in bundle.canvases for o in c.competitors]
    return path, pdf_pages(path, sum(pages for _, _, pages in plan)), names


def test_the_full_indonesian_pdf_has_no_english_ui_words(full_pdf) -> None:
    path, pages, typed = full_pdf
    english = english_ui_words() - user_words(typed)
    found = {}
    for number, text in enumerate(pages, start=1):
        hits = sorted(_words(text) & english)
        if hits:
            found[number] = hits
    assert found == {}, f"English on pages of {path}: {found}"


def test_the_full_indonesian_pdf_covers_every_section_and_renders(full_pdf, tmp_path: Path) -> None:
    path, pages, typed = full_pdf
    joined = " ".join(pages)
    flat = " ".join(joined.split())
    for name in typed:  # the offerings' names wrap in the chart's legend, never cut with "…"
        assert " ".join(name.split()) in flat, name
    for heading in ("KANVAS PROPOSISI NILAI", "PESAING", "SUARA PELANGGAN"):
        assert heading in joined.upper(), heading
    # Column headers wrap instead of "PENANGGUN…"; the value-map list is not cut to one line.
    owner = translate("id", "feedback.action.owner").upper().split()
    assert all(re.search(rf"\b{word}\b", flat) for word in owner), owner
    assert "pengingat WhatsApp tiga hari sebelumnya" in flat
    subprocess.run(["pdftoppm", "-png", "-r", "50", str(path), str(tmp_path / "page")], check=True)
    rendered = sorted(tmp_path.glob("page-*.png"))
    assert len(rendered) == len(pages) and all(p.stat().st_size > 2000 for p in rendered)


def test_the_word_check_would_see_english(sqlite_store: Store, tmp_path: Path) -> None:
    """The check is not empty: the same project drawn with English labels trips it on every page."""
    project_id = full_project(sqlite_store)
    bundle = collect(sqlite_store, WORKSPACE, project_id)
    path = tmp_path / "full.en.pdf"
    path.write_bytes(build_pdf(bundle, language="en"))
    count = sum(pages for _, _, pages in plan_pages(bundle, SECTIONS, language="en"))
    english = english_ui_words() - user_words([])
    assert all(_words(text) & english for text in pdf_pages(path, count))

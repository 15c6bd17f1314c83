"""PDF checks with poppler: every note's text is in the file, the page count follows the
chosen sections, every page renders; fonts cover Indonesian, emoji leave no boxes."""

from __future__ import annotations

import random
import re
import subprocess
from pathlib import Path

import pytest

from canvas.fit import analyse_fit
from canvas.models import NOTE_MAX, Canvas, CanvasItem, Link
from core.models import Project
from export.bundle import CanvasBundle, ProjectBundle, collect
from export.pdf.builder import SECTIONS, build_pdf, page_count, plan_pages
from export.pdf.text import clean
from i18n import translate
from storage.store import Store
from tests.actors import WORKSPACE
from tests.export.factory import WORDS_EN, WORDS_ID, make_project, sentence


def pdf_text(path: Path) -> str:
    out = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return " ".join(out.split())


def pages_of(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


def render_all(path: Path, out_dir: Path) -> list[Path]:
    subprocess.run(["pdftoppm", "-png", "-r", "30", str(path), str(out_dir / "page")], check=True, capture_output=True)
    return sorted(out_dir.glob("page-*.png"))


def write(tmp_path: Path, data: bytes, name: str = "out.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("language", ["en", "id"])
def test_every_note_is_in_the_pdf_and_every_page_renders(sqlite_store: Store, tmp_path: Path, language: str) -> None:
    pid = make_project(sqlite_store, canvases=2, items_per_canvas=36, personas=2, language=language, emoji=True)
    bundle = collect(sqlite_store, WORKSPACE, pid)
    path = write(tmp_path, build_pdf(bundle, language=language))
    text = pdf_text(path)
    for canvas in bundle.canvases:
        for item in canvas.items:
            assert " ".join(clean(item.text).split()) in text, item.text
    assert pages_of(path) == page_count(bundle, SECTIONS, language=language)
    pages = render_all(path, tmp_path)
    assert len(pages) == pages_of(path) and all(p.stat().st_size > 500 for p in pages)
    heading = "Kanvas Proposisi Nilai" if language == "id" else "Value Proposition Canvas"
    assert heading.upper() in text


def test_three_hundred_notes_continue_on_overflow_pages_without_losing_any(sqlite_store: Store, tmp_path: Path) -> None:
    pid = make_project(sqlite_store, items_per_canvas=300, personas=1, language="id")
    bundle = collect(sqlite_store, WORKSPACE, pid)
    plan = plan_pages(bundle, ["canvas"], language="id")
    assert plan[0][2] > 1  # the canvas page plus overflow pages
    path = write(tmp_path, build_pdf(bundle, language="id", sections=["canvas"]))
    assert pages_of(path) == plan[0][2]
    text = pdf_text(path)
    missing = [i.text for i in bundle.canvases[0].items if " ".join(i.text.split()) not in text]
    assert missing == []
    assert re.search(r"\+\d+ lagi di halaman \d+", text)
    assert len(render_all(path, tmp_path)) == plan[0][2]


@pytest.mark.parametrize(
    ("sections", "expected"),
    [
        (["cover"], 1),
        (["canvas"], 1),
        (["personas"], 3),
        (["cover", "portfolio"], 2),
        (["fit", "competitors"], 2),
        (list(SECTIONS), 1 + 1 + 3 + 1 + 1 + 1),
    ],
)
def test_page_count_follows_the_sections(
    sqlite_store: Store, tmp_path: Path, sections: list[str], expected: int
) -> None:
    pid = make_project(sqlite_store, items_per_canvas=12, personas=3)
    bundle = collect(sqlite_store, WORKSPACE, pid)
    path = write(tmp_path, build_pdf(bundle, sections=sections))
    assert pages_of(path) == expected == page_count(bundle, sections)


def test_letter_paper_and_landscape(sqlite_store: Store, tmp_path: Path) -> None:
    bundle = collect(sqlite_store, WORKSPACE, make_project(sqlite_store, items_per_canvas=6))
    info = subprocess.run(
        ["pdfinfo", str(write(tmp_path, build_pdf(bundle, paper="letter", sections=["canvas"])))],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "792 x 612 pts" in info
    info = subprocess.run(
        ["pdfinfo", str(write(tmp_path, build_pdf(bundle, sections=["canvas"]), "a4.pdf"))],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert re.search(r"841\.\d+ x 595\.\d+ pts", info)


def test_fonts_are_embedded_and_emoji_are_left_out_cleanly(sqlite_store: Store, tmp_path: Path) -> None:
    pid = make_project(sqlite_store, items_per_canvas=6, personas=1, language="id")
    note = sqlite_store.items.list_for_project(pid)[0]
    sqlite_store.items.update(note.id, note.version, {"text": "Harga terjangkau 🎉 untuk semua 👍🏽 ibu-ibu"})
    bundle = collect(sqlite_store, WORKSPACE, pid)
    path = write(tmp_path, build_pdf(bundle, language="id", sections=["canvas"]))
    text = pdf_text(path)
    assert "Harga terjangkau untuk semua ibu-ibu" in text
    assert "🎉" not in text and "\ufffd" not in text
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    assert "DejaVuSans" in fonts and "Helvetica" not in fonts  # the bundled font, embedded
    assert clean("☕ Kopi 🎉") == "☕ Kopi"  # symbols the font has stay; emoji go


def test_empty_project_still_gives_a_valid_pdf(sqlite_store: Store, tmp_path: Path) -> None:
    project = sqlite_store.projects.create("Kosong", "", "id")
    bundle = collect(sqlite_store, WORKSPACE, project.id)
    path = write(tmp_path, build_pdf(bundle, language="id", sections=["canvas", "portfolio"]))
    assert pages_of(path) == 1
    assert "belum berisi" in pdf_text(path)


def test_unknown_section_is_refused(sqlite_store: Store) -> None:
    bundle = collect(sqlite_store, WORKSPACE, make_project(sqlite_store, items_per_canvas=6))
    with pytest.raises(ValueError, match="unknown section"):
        build_pdf(bundle, sections=["cover", "appendix"])


def test_persona_photo_is_drawn_on_the_card(sqlite_store: Store, tmp_path: Path) -> None:
    import io

    from PIL import Image

    pid = make_project(sqlite_store, items_per_canvas=6, personas=1)
    persona = sqlite_store.personas.list_for_project(pid)[0]
    picture = io.BytesIO()
    Image.new("RGB", (120, 120), (200, 80, 40)).save(picture, format="PNG")
    sqlite_store.personas.set_avatar_image(persona.id, persona.version, picture.getvalue())
    path = write(tmp_path, build_pdf(collect(sqlite_store, WORKSPACE, pid), sections=["personas"]))
    listing = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True, check=True).stdout
    assert len(listing.strip().splitlines()) == 3  # header, rule, one image


def test_a_page_shown_alone_refers_to_the_pdf_not_to_page_numbers(sqlite_store: Store, tmp_path: Path) -> None:
    bundle = collect(sqlite_store, WORKSPACE, make_project(sqlite_store, items_per_canvas=200, personas=0))
    path = write(tmp_path, build_pdf(bundle, language="en", sections=["canvas"], page_refs=False))
    text = pdf_text(path)
    assert re.search(r"\+\d+ more in the PDF", text) and not re.search(r"more on page \d", text)


def _fit_bundle(*, link_top_pain: bool) -> ProjectBundle:
    """A canvas at about 11 % fit: nine rank-3 profile notes, one of them addressed, plus a
    rank-5 pain that is addressed only when asked."""
    project = Project(id="p", name="Kantin")
    canvas = Canvas(id="c", project_id="p", name="Kanvas kantin")
    areas = ("jobs", "pains", "gains")
    items = [
        CanvasItem(id=f"{area}{n}", project_id="p", canvas_id="c", area=area, text=f"{area} note {n}", rank=3)
        for area in areas
        for n in range(3)
    ]
    top = CanvasItem(id="top", project_id="p", canvas_id="c", area="pains", text="Queue of twenty minutes", rank=5)
    value_map = [
        CanvasItem(id="r1", project_id="p", canvas_id="c", area="relievers", text="Pre-order by app"),
        CanvasItem(id="r2", project_id="p", canvas_id="c", area="relievers", text="Second cashier at noon"),
    ]
    links = [
        Link(id="l1", project_id="p", canvas_id="c", source_id="r1", target_id="top" if link_top_pain else "pains0")
    ]
    return ProjectBundle(project, [], [], {}, [CanvasBundle(canvas, [*items, top, *value_map], links)])


@pytest.mark.parametrize("language", ["en", "id"])
@pytest.mark.parametrize("link_top_pain", [False, True])
def test_the_fit_page_never_says_no_gaps_far_from_fit(tmp_path: Path, language: str, link_top_pain: bool) -> None:
    """Regression (#12): the fit page said "No gaps" beside "11 %, still far from fit". It
    draws the fit analysis's gap list; "no gaps" only when that list is empty."""
    bundle = _fit_bundle(link_top_pain=link_top_pain)
    report = analyse_fit(bundle.canvases[0].items, bundle.canvases[0].links)
    assert report.overall < 25 and report.verdict == "fit.verdict.far"
    text = pdf_text(write(tmp_path, build_pdf(bundle, language=language, sections=["fit"])))
    assert translate(language, "fit.verdict.far", overall=f"{report.overall:.0f}") in text
    assert clean(translate(language, "export.pdf.top_gaps_none")) not in text
    low = next(g for g in report.gaps if g.key == "fit.gap.low_coverage")
    assert " ".join(clean(translate(language, low.key, **low.params)).split()) in text
    if not link_top_pain:
        assert report.gaps[0].key == "fit.gap.top_pain_open" and "Queue of twenty minutes" in text


@pytest.mark.parametrize("language", ["en", "id"])
def test_the_fit_page_says_no_gaps_only_at_fit(tmp_path: Path, language: str) -> None:
    bundle = _fit_bundle(link_top_pain=True)
    canvas = bundle.canvases[0]
    targets = [i for i in canvas.items if i.area in ("pains", "gains", "jobs")]
    canvas.items = [i.model_copy(update={"evidence": "validated"}) for i in canvas.items]
    canvas.items += [
        CanvasItem(id=f"v{i.id}", project_id="p", canvas_id="c", area=source, text=f"Answer to {i.text}")
        for i in targets
        for source in [{"pains": "relievers", "gains": "creators", "jobs": "products"}[i.area]]
    ]
    canvas.links = [
        Link(id=f"l{i.id}", project_id="p", canvas_id="c", source_id=f"v{i.id}", target_id=i.id) for i in targets
    ]
    canvas.links.append(Link(id="lr1", project_id="p", canvas_id="c", source_id="r1", target_id="top"))
    canvas.links.append(Link(id="lr2", project_id="p", canvas_id="c", source_id="r2", target_id="top"))
    report = analyse_fit(canvas.items, canvas.links)
    assert report.verdict == "fit.verdict.fit" and not report.gaps
    text = pdf_text(write(tmp_path, build_pdf(bundle, language=language, sections=["fit"])))
    assert translate(language, "export.pdf.top_gaps_none") in text


@pytest.mark.parametrize("language", ["en", "id"])
def test_persona_and_knowledge_pages_name_notes_by_their_board_codes(
    sqlite_store: Store, tmp_path: Path, language: str
) -> None:
    from personas import service as personas

    pid = make_project(sqlite_store, canvases=1, items_per_canvas=24, personas=1, language=language)
    persona = sqlite_store.personas.list_for_project(pid)[0]
    board = collect(sqlite_store, WORKSPACE, pid).canvases[0]
    assert board.canvas.persona_id == persona.id
    pains = [item for item in board.items if item.area == "pains"]
    # A pain kept from a survey theme makes a "What we know" page, which lists it too.
    decision = sqlite_store.feedback_themes.insert(
        pid, {"kind": "pain", "theme_key": "k", "status": "accepted", "text": "t", "comment_count": 3}
    )
    sqlite_store.feedback_themes.update(decision.id, decision.version, {"item_id": pains[-1].id})
    bundle = collect(sqlite_store, WORKSPACE, pid)
    board_codes = bundle.canvases[0].codes(language)
    screen_codes = personas.entry(sqlite_store, WORKSPACE, pid, persona.id).codes(language)
    profile = [item for item in board.items if item.persona_id == persona.id]
    assert len(profile) == 12 and all(screen_codes[item.id] == board_codes[item.id] for item in profile)

    text = pdf_text(write(tmp_path, build_pdf(bundle, language=language, sections=["personas"])))
    for item in profile:  # the factory's texts begin "N0-<index> ", unique per note
        assert f"{board_codes[item.id]} {item.text.split()[0]} " in text, item.text
    assert f"• {board_codes[pains[-1].id]} {pains[-1].text.split()[0]} " in text
    assert translate(language, "knowledge.title", name=persona.name).split()[0] in text


def _long_notes_bundle(area: str, count: int, language: str) -> ProjectBundle:
    """One canvas whose one area holds `count` notes of the longest length a note may have."""
    rng = random.Random(count)
    words = WORDS_ID if language == "id" else WORDS_EN
    items = [
        CanvasItem(
            id=f"n{n}", project_id="p", canvas_id="c", area=area, text=f"N{n} " + sentence(rng, words, 90, 90), rank=3
        )
        for n in range(count)
    ]
    for item in items:
        item.text = item.text[:NOTE_MAX].rsplit(" ", 1)[0]
    canvas = Canvas(id="c", project_id="p", name="Kanvas")
    return ProjectBundle(Project(id="p", name="Kantin"), [], [], {}, [CanvasBundle(canvas, items, [])])


def _notes_per_page(path: Path, bundle: ProjectBundle) -> list[int]:
    counts = []
    for page in range(1, pages_of(path) + 1):
        out = subprocess.run(
            ["pdftotext", "-raw", "-f", str(page), "-l", str(page), "-enc", "UTF-8", str(path), "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        text = " ".join(out.split())
        counts.append(sum(" ".join(clean(i.text).split()) in text for i in bundle.canvases[0].items))
    return counts


@pytest.mark.parametrize("language", ["en", "id"])
@pytest.mark.parametrize(("area", "count"), [("pains", 2), ("pains", 14), ("relievers", 3), ("products", 5)])
def test_a_long_note_never_goes_alone_to_an_extra_page(tmp_path: Path, language: str, area: str, count: int) -> None:
    """Regression (#26 item 15): notes that overflow their area continue together; every
    note is printed once and no extra page holds a single note."""
    bundle = _long_notes_bundle(area, count, language)
    path = write(tmp_path, build_pdf(bundle, language=language, sections=["canvas"]))
    per_page = _notes_per_page(path, bundle)
    assert sum(per_page) == count
    assert len(per_page) > 1 and all(n > 1 for n in per_page[1:]), per_page


@pytest.mark.parametrize("area", ["jobs", "pains", "gains", "products", "relievers", "creators"])
def test_one_long_note_stays_on_the_canvas_page(tmp_path: Path, area: str) -> None:
    bundle = _long_notes_bundle(area, 1, "id")
    path = write(tmp_path, build_pdf(bundle, language="id", sections=["canvas"]))
    assert pages_of(path) == 1 and _notes_per_page(path, bundle) == [1]

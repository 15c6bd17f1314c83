"""One rank scale, 1..5 with 5 on top, read the same way by every page, rule and export."""

from __future__ import annotations

import pytest

from canvas import canvases, links, notes
from canvas.fit import analyse_fit
from canvas.models import Area, CanvasItem, NoteOwner
from canvas.ranking import RANK_MAX, RANK_MIN, RANKS, TOP_RANK, by_importance, is_top, pips, rank_key
from examples import load_example
from i18n import catalog, translate
from personas import service as personas_service
from projects.service import create_project
from storage.store import Store
from tests.actors import WORKSPACE
from ui.personas.card import card_html


def note(item_id: str, area: str, rank: int, position: float = 0) -> CanvasItem:
    return CanvasItem(id=item_id, project_id="p", area=area, text=f"note {item_id}", rank=rank, position=position)


def test_the_scale_runs_one_way() -> None:
    assert (RANK_MIN, RANK_MAX, TOP_RANK) == (1, 5, 4)
    assert RANKS == (1, 2, 3, 4, 5)
    assert [r for r in RANKS if is_top(r)] == [4, 5]
    assert pips(5) == "●●●●●" and pips(2) == "●●○○○" and pips(1) == "●○○○○"


def test_most_important_first_then_area_then_position() -> None:
    items = [
        note("minor", "pains", 1, position=0),
        note("second", "pains", 5, position=2),
        note("first", "pains", 5, position=1),
        note("job", "jobs", 5, position=9),
        note("product", "products", 5, position=0),
        note("middle", "gains", 3),
    ]
    assert [i.id for i in by_importance(items)] == ["job", "first", "second", "product", "middle", "minor"]


@pytest.mark.parametrize("lang", ["en", "id"])
def test_rank_words_name_5_as_the_top(lang: str) -> None:
    assert rank_key("pains", 5) == "canvas.rank.pains.5" and rank_key(Area.RELIEVERS, 4) == "canvas.rank.value_map.4"
    assert translate(lang, rank_key("pains", RANK_MAX)) == translate(lang, "canvas.rank.pains.5")
    assert translate("en", rank_key("jobs", RANK_MAX)) == "critical"


@pytest.mark.parametrize("lang", ["en", "id"])
def test_the_persona_page_label_says_the_same_as_the_canvas(lang: str) -> None:
    """Regression (#12): the persona page said "1 = most important" while the canvas,
    the fit weights and the exports read 5 as the top."""
    label = catalog(lang)["personas.item.rank"]
    assert f"{RANK_MAX} =" in label and f"{RANK_MIN} =" not in label
    assert catalog(lang)["canvas.field.rank_help"].startswith(str(RANK_MAX))


def test_a_persona_note_entered_as_most_important_leads_everywhere(sqlite_store: Store) -> None:
    """Regression (#12): a pain entered on the persona page as the most important one sorts
    first in the persona's profile, on the persona card, on the canvas built on the persona,
    and weighs most in fit."""
    store = sqlite_store
    project = create_project(store, WORKSPACE, "Perpustakaan", language="en")
    persona = personas_service.create_persona(store, WORKSPACE, project.id, name="Rina")
    minor = notes.add_note(
        store, WORKSPACE, NoteOwner.of_persona(persona.id), "pains", "The lift is slow", rank=RANK_MIN
    )
    top = notes.add_note(
        store,
        WORKSPACE,
        NoteOwner.of_persona(persona.id),
        "pains",
        "No trustworthy sources for the thesis",
        rank=RANK_MAX,
    )

    assert [i.id for i in personas_service.profile_items(store, WORKSPACE, persona.id)[Area.PAINS]] == [
        top.id,
        minor.id,
    ]
    (entry,) = personas_service.gallery(store, WORKSPACE, project.id)
    assert [i.id for i in entry.profile[Area.PAINS]] == [top.id, minor.id]
    html = card_html(entry, None, lambda key, **params: translate("en", key, **params))
    assert html.index("No trustworthy sources") < html.index("The lift is slow")

    canvas = personas_service.create_canvas_from_persona(store, WORKSPACE, persona.id, "Kanvas")
    board = canvases.load_board(store, WORKSPACE, canvas.id)
    assert [i.id for i in by_importance(board.items)][:2] == [top.id, minor.id]
    relievers = [
        notes.add_note(store, WORKSPACE, NoteOwner.of_canvas(canvas.id), "relievers", text)
        for text in ("Librarian-picked source lists", "A second lift at the back")
    ]
    for reliever, target in zip(relievers, (top, minor), strict=True):
        links.add_link(store, WORKSPACE, canvas.id, reliever.id, target.id)
    board = canvases.load_board(store, WORKSPACE, canvas.id)
    for target, percent in ((top, 83.3), (minor, 16.7)):  # 5 and 1 of 6 rank points
        only = [link for link in board.links if link.target_id == target.id]
        assert analyse_fit(board.items, only).coverage["pains"].percent == percent


def test_stored_ranks_keep_their_meaning(sqlite_store: Store) -> None:
    """The stored scale never changed (5 = top), so stored projects need no conversion: the
    shipped example's rank-5 notes, written as its most important ones, lead its persona
    profiles and are the top items fit insists on."""
    with sqlite_store.db.transaction() as conn:
        project_id = load_example(conn, "campus_library", "en")
    entries = personas_service.gallery(sqlite_store, WORKSPACE, project_id)
    assert entries
    for entry in entries:
        for items in entry.profile.values():
            assert [i.rank for i in items] == sorted((i.rank for i in items), reverse=True)
    pains = [i for e in entries for i in e.profile[Area.PAINS]]
    assert pains[0].rank == RANK_MAX and "trustworthy" in pains[0].text

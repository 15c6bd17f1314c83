"""Guided steps: status and what is missing, on real projects."""

from __future__ import annotations

from canvas import canvases, links, notes
from canvas.models import NoteOwner
from classroom.guided import STEPS, guided_steps, progress_percent
from classroom.view import load_view
from examples import load_example
from personas.models import SegmentDraft
from projects.service import create_project
from storage.store import Store
from tests.actors import WORKSPACE


def _steps(store: Store, project_id: str) -> dict[str, object]:
    return {s.name: s for s in guided_steps(load_view(store, project_id))}


def test_an_empty_project_has_every_step_to_do_with_a_reason(sqlite_store: Store) -> None:
    project = create_project(sqlite_store, WORKSPACE, "Kelompok 1")
    steps = guided_steps(load_view(sqlite_store, project.id))
    assert [s.name for s in steps] == list(STEPS) and [s.number for s in steps] == [1, 2, 3, 4, 5, 6, 7]
    assert all(s.status == "todo" and s.missing for s in steps)
    assert steps[0].missing[0].key == "guided.gap.few_segments"
    assert steps[2].missing[0].key == "guided.gap.no_canvas"
    assert progress_percent(steps) == 0


def test_portfolio_is_done_only_when_something_is_chosen_and_something_excluded(store: Store) -> None:
    project = create_project(store, WORKSPACE, "Kelompok 2")
    store.segments.insert(project.id, SegmentDraft(name="Mahasiswa baru", decision="target", decision_reason="Besar"))
    step = _steps(store, project.id)["portfolio"]
    assert step.status == "started"
    assert {g.key for g in step.missing} == {"guided.gap.few_segments", "guided.gap.no_exclude"}
    store.segments.insert(project.id, SegmentDraft(name="Umum", decision="exclude", decision_reason="Kursi terbatas"))
    assert _steps(store, project.id)["portfolio"].status == "done"


def test_the_profile_step_flags_thin_areas_and_missing_ranking(sqlite_store: Store) -> None:
    project = create_project(sqlite_store, WORKSPACE, "Kelompok 3")
    canvas = canvases.create_canvas(sqlite_store, WORKSPACE, project.id, "Kanvas")
    for text in ("Menyelesaikan skripsi tepat waktu", "Mencari referensi yang relevan"):
        notes.add_note(sqlite_store, WORKSPACE, NoteOwner.of_canvas(canvas.id), "jobs", text)
    step = _steps(sqlite_store, project.id)["profile"]
    assert step.status == "started"
    keys = [(g.key, g.params.get("area")) for g in step.missing]
    assert ("rubric.gap.too_few", "jobs") in keys and ("rubric.gap.too_few", "pains") in keys
    assert ("rubric.gap.not_ranked", "jobs") in keys
    # The value map has nothing yet: to do, and it says which areas are empty.
    value_map = _steps(sqlite_store, project.id)["value_map"]
    assert value_map.status == "todo"
    assert {g.params["area"] for g in value_map.missing} == {"products", "relievers", "creators"}


def test_the_sample_project_is_far_along_but_still_shows_its_honest_gaps(sqlite_store: Store) -> None:
    with sqlite_store.db.transaction() as conn:
        project_id = load_example(conn, "campus_library", "id")
    steps = _steps(sqlite_store, project_id)
    for name in ("portfolio", "persona", "profile", "competitors"):
        assert steps[name].status == "done", (name, steps[name].missing)
    # One top gain ("a quiet seat") has no gain creator in the example on purpose.
    assert any(g.key == "fit.gap.top_gain_open" for g in steps["value_map"].missing)
    assert steps["review"].status == "started"
    assert 50 < progress_percent(list(steps.values())) < 100


def test_steps_follow_the_chosen_canvas(sqlite_store: Store) -> None:
    with sqlite_store.db.transaction() as conn:
        project_id = load_example(conn, "campus_library", "en")
    view = load_view(sqlite_store, project_id)
    second = view.canvases[1]
    steps = {s.name: s for s in guided_steps(view, second.id)}
    # The second canvas has no competitors on it.
    assert steps["competitors"].status == "todo"
    assert any(g.key == "rubric.gap.no_our_offer" for g in steps["competitors"].missing)
    # It has no persona although the project has personas: the profile step says so.
    assert any(g.key == "guided.gap.canvas_without_persona" for g in steps["profile"].missing)


def _canvas_at_about_20_percent(store: Store, *, link_top_pain: bool) -> str:
    """Every area filled, every value-map note linked, ranks used; but only the top pain
    (rank 5) is fully addressed and two rank-1 notes partly: 6 of 29 rank points, 21 %."""
    project = create_project(store, WORKSPACE, "Kelompok 4")
    canvas = canvases.create_canvas(store, WORKSPACE, project.id, "Kanvas")

    def add(area: str, text: str, rank: int) -> str:
        return notes.add_note(
            store, WORKSPACE, NoteOwner.of_canvas(canvas.id), area, text, rank=rank, evidence="validated"
        ).id

    jobs = [add("jobs", f"Finish chapter {n} of the thesis before the deadline", r) for n, r in enumerate((4, 3, 3, 1))]
    pains = [add("pains", f"Search results hide the good sources, case {n}", r) for n, r in enumerate((5, 3, 3))]
    gains = [add("gains", f"Feedback on a draft within {n + 2} days", r) for n, r in enumerate((3, 3, 1))]
    product = add("products", "Subject librarian consultations by appointment", 3)
    relievers = [add("relievers", f"Topic shortlist prepared by a librarian, kind {n}", 3) for n in range(2)]
    creators = [add("creators", f"Draft review clinic on day {n + 1} of the week", 3) for n in range(2)]
    links.add_link(store, WORKSPACE, canvas.id, product, jobs[3], "partial")
    for creator in creators:
        links.add_link(store, WORKSPACE, canvas.id, creator, gains[2], "partial")
    for reliever in relievers:
        links.add_link(store, WORKSPACE, canvas.id, reliever, pains[0] if link_top_pain else pains[2])
    return project.id


def test_far_from_fit_the_value_map_and_review_steps_are_never_done(sqlite_store: Store) -> None:
    """Regression (#12): with every top pain addressed but only 21 % of the profile, the
    value-map step said "nothing missing". Coverage below the threshold is a gap."""
    project_id = _canvas_at_about_20_percent(sqlite_store, link_top_pain=True)
    view = load_view(sqlite_store, project_id)
    fit = view.rubric(view.canvases[0]).fit
    assert fit.overall == 20.7 and fit.verdict == "fit.verdict.far"
    assert not [i for i in fit.unaddressed_top if i.area in ("pains", "gains")]
    steps = _steps(sqlite_store, project_id)
    for name in ("value_map", "review"):
        assert steps[name].status != "done", name
        assert "fit.gap.low_coverage" in [g.key for g in steps[name].missing], name


def test_an_open_top_pain_is_missing_in_the_value_map_and_review_steps(sqlite_store: Store) -> None:
    project_id = _canvas_at_about_20_percent(sqlite_store, link_top_pain=False)
    steps = _steps(sqlite_store, project_id)
    for name in ("value_map", "review"):
        keys = [g.key for g in steps[name].missing]
        assert keys[0] == "fit.gap.top_pain_open" and "fit.gap.low_coverage" in keys, (name, keys)

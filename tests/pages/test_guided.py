"""Guided mode, examples and class pages wired with AppTest on a real (seeded) database."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from classroom import service as classes
from core.settings import get_settings
from examples.seeding import open_store
from i18n import translate
from tests.actors import WORKSPACE

ROOT = Path(__file__).resolve().parents[2]


def _store():
    return open_store(get_settings())


def _sample_id(lang: str = "en") -> str:
    wanted = "Sample: Sapa Campus Library" if lang == "en" else "Contoh: Perpustakaan Kampus Sapa"
    return next(p.id for p in _store().projects.summaries() if p.name == wanted)


def _page(page: str, lang: str = "en", **params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = lang
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(page)
    return at.run()


def _text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [s.value for s in at.subheader]
    parts += [h.value for h in at.header]  # sections are st.header: <h2> under the page's <h1>
    parts += [e.value for e in at.error] + [w.value for w in at.warning] + [i.value for i in at.info]
    parts += [s.value for s in at.success]
    return "\n".join(parts).replace("\\", "")


def _step_buttons(at: AppTest) -> list:
    return [b for b in at.button if b.key and b.key.startswith("guided.goto.")]


def test_guided_mode_walks_the_six_steps_and_flags_gaps(app_env: Path) -> None:
    _store()  # first run: seeds the sample
    at = _page("pages/guided.py", project=_sample_id("en"))
    assert not at.exception
    at = at.toggle(key="guided.toggle").set_value(True).run()
    buttons = _step_buttons(at)
    assert [b.label for b in buttons] == [
        f"{n}. {translate('en', f'guided.short.{name}')}"
        for n, name in enumerate(
            ("portfolio", "persona", "profile", "value_map", "competitors", "review", "testing"), start=1
        )
    ]
    text = _text(at)
    assert translate("en", "guided.step.portfolio.concept") in text
    assert translate("en", "guided.nothing_missing") in text  # the sample's portfolio is complete
    # Jump to the value map: its honest gap shows, and earlier steps are fine, so no warning.
    at = at.button(key="guided.goto.value_map").click().run()
    text = _text(at)
    assert translate("en", "guided.step.value_map.q1") in text
    assert translate("en", "fit.gap.top_gain_open", text="A quiet seat she can count on") in text
    assert not any(translate("en", "guided.earlier_gaps", steps="")[:20] in w.value for w in at.warning)
    # Jump to the review: step 4's gap is flagged there as an earlier gap.
    at = at.button(key="guided.goto.review").click().run()
    assert any("4. Value map" in w.value for w in at.warning)
    # Next/previous move one step.
    at = at.button(key="guided.prev").click().run()
    assert translate("en", "guided.step.competitors.concept") in _text(at)
    # The last step: test the most important assumptions (the sample has tests, one still running).
    at = at.button(key="guided.goto.testing").click().run()
    assert translate("en", "guided.step.testing.concept") in _text(at)
    assert translate("id", "guided.step.testing") == "Uji asumsi terpenting"


def test_guided_mode_switches_per_project_and_is_remembered(app_env: Path) -> None:
    _store()
    project_id = _sample_id("id")
    at = _page("pages/guided.py", lang="id", project=project_id)
    assert not at.exception
    assert at.toggle(key="guided.toggle").value is False  # the sample starts without guidance
    assert translate("id", "paths.guided_off") in _text(at)
    assert translate("id", "guided.step.portfolio.concept") not in _text(at)
    # Off means no walk-through: no stepper, no step panel, no previous/next; a checklist instead.
    assert not [b for b in at.button if (b.key or "").startswith(("guided.goto.", "guided.next", "guided.prev"))]
    assert translate("id", "guided.step.value_map") in _text(at)
    at = at.toggle(key="guided.toggle").set_value(True).run()
    assert _store().projects.get(project_id).guided is True
    assert translate("id", "guided.step.portfolio.concept") in _text(at)
    assert translate("id", "paths.guided_off") not in _text(at)
    assert at.button(key="guided.goto.portfolio")


def test_guided_without_a_project_points_home(app_env: Path) -> None:
    at = _page("pages/guided.py")
    assert not at.exception
    assert translate("en", "common.no_project") in _text(at)


def test_a_group_cannot_open_another_groups_project_by_url(app_env: Path) -> None:
    store = _store()
    created = classes.create_class(store, WORKSPACE, "Marketing A", template="example:family_clinic")
    one = classes.join_class(store, created.classroom.join_code, "Group 1", client="test")
    two = classes.join_class(store, created.classroom.join_code, "Group 2", client="test")
    # The link opens on whatever page it names; here Home, the first page any link lands on.
    refused = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    refused.query_params.update({"lang": "en", "project": two.group.project_id, "group": one.token})
    refused.run()
    assert not refused.exception
    assert translate("en", "classroom.error.not_your_project") in [e.value for e in refused.error]
    assert "project" not in refused.query_params  # the foreign project is dropped, not opened
    refused.switch_page("pages/guided.py")
    refused.run()
    assert not _step_buttons(refused)
    assert translate("en", "common.no_project") in _text(refused)
    own = _page("pages/guided.py", project=one.group.project_id, group=one.token)
    assert not own.exception and len(_step_buttons(own)) == 7
    assert own.toggle(key="guided.toggle").value is True  # class projects start guided
    # The lecturer is sent to the class page, never into the editors.
    lecturer = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    lecturer.query_params.update({"lang": "en", "project": one.group.project_id, "lecturer": created.lecturer_token})
    lecturer.run()
    assert translate("en", "classroom.error.read_only_here") in [e.value for e in lecturer.error]


def test_examples_preview_read_only_and_copy_as_a_project(app_env: Path) -> None:
    _store()
    at = _page("pages/examples.py")
    assert not at.exception
    before = len(_store().projects.summaries())
    at = at.button(key="examples.view.logistics_umkm").click().run()
    assert translate("en", "examples.read_only_note") in _text(at)
    assert "Same-day dispatch guarantee with a credit if missed" in _text(at)
    at = at.button(key="examples.copy.family_clinic").click().run()
    assert not at.exception
    names = [p.name for p in _store().projects.summaries()]
    assert len(names) == before + 1
    assert "Example: Sehat Bersama neighbourhood clinic (my copy)" in names


def test_class_page_bad_code_then_create_and_join(app_env: Path) -> None:
    _store()
    at = _page("pages/classroom.py", lang="id")
    assert not at.exception
    at.text_input(key="class.code").input("ZZZZ9999")
    at.text_input(key="class.group").input("Kelompok 1")
    at = at.button[[b.label for b in at.button].index(translate("id", "classroom.join"))].click().run()
    assert translate("id", "classroom.error.bad_code") in _text(at)
    at.text_input(key="class.name").input("Pemasaran Digital B")
    at = at.button[[b.label for b in at.button].index(translate("id", "classroom.create"))].click().run()
    assert not at.exception
    assert translate("id", "classroom.created") in _text(at)
    code = _store().classes.find()[0].join_code
    assert translate("id", "classroom.join_code_big", code=code) in _text(at)
    assert translate("id", "classroom.gallery_empty") in _text(at)


def _class_page_as(token_kind: str, token: str, lang: str = "en") -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params.update({"lang": lang, token_kind: token})
    at.run()
    at.switch_page("pages/classroom.py")
    return at.run()


def test_lecturer_closes_then_deletes_with_confirmation_and_undoes(app_env: Path) -> None:
    store = _store()
    created = classes.create_class(store, WORKSPACE, "Marketing C", template="blank")
    classes.join_class(store, created.classroom.join_code, "Team 1", client="test")
    at = _class_page_as("lecturer", created.lecturer_token)
    assert not at.exception
    assert translate("en", "classroom.gallery", count=1) in _text(at)
    # Close: a new group is refused with a clear message.
    at = at.button(key="class.close").click().run()
    assert store.classes.get(created.classroom.id).status == "closed"
    student = _page("pages/classroom.py")
    student.text_input(key="class.code").input(created.classroom.join_code)
    student.text_input(key="class.group").input("Late team")
    student = student.button[[b.label for b in student.button].index("Join")].click().run()
    assert translate("en", "classroom.error.closed", name="Marketing C") in _text(student)
    # Delete asks first; cancel keeps the class.
    at = at.button(key="class.delete").click().run()
    assert translate("en", "classroom.delete_confirm", name="Marketing C") in _text(at)
    at = at.button(key="class.delete_no").click().run()
    assert store.classes.get(created.classroom.id).deleted_at is None
    # Confirmed: gone, with Undo offered; Undo brings it back with its gallery.
    at = at.button(key="class.delete").click().run()
    at = at.button(key="class.delete_yes").click().run()
    assert not at.exception
    assert translate("en", "classroom.deleted", name="Marketing C") in _text(at)
    assert store.classes.by_code(created.classroom.join_code) is None
    at = at.button(key="classroom.undo").click().run()  # ui/common/feedback: "<scope>.undo"
    assert not at.exception
    assert store.classes.get(created.classroom.id).deleted_at is None
    assert translate("en", "classroom.gallery", count=1) in _text(at)


def test_lecturer_opens_a_group_read_only_from_the_gallery(app_env: Path) -> None:
    store = _store()
    created = classes.create_class(store, WORKSPACE, "Marketing D", template="example:logistics_umkm", language="en")
    joined = classes.join_class(store, created.classroom.join_code, "Team Alpha", client="test")
    at = _class_page_as("lecturer", created.lecturer_token)
    assert "Fit 74% · 2 hints · self-check 93%" in _text(at)
    at = at.button(key=f"class.open.{joined.group.id}").click().run()
    assert not at.exception
    text = _text(at)
    assert "Team Alpha" in text and translate("en", "guided.read_only") in text
    assert "Three courier pick-ups a day from our warehouse" in text
    # Nothing on the read-only view can write: no note inputs, no editors' keys.
    assert not at.text_input and not at.text_area


def test_a_group_sees_its_own_space_and_a_bad_group_link_is_explained(app_env: Path) -> None:
    store = _store()
    created = classes.create_class(store, WORKSPACE, "Pemasaran E", template="example:campus_library")
    joined = classes.join_class(store, created.classroom.join_code, "Tim Satu", client="test")
    at = _class_page_as("group", joined.token, lang="id")
    assert not at.exception
    assert translate("id", "classroom.my_group", group="Tim Satu", name="Pemasaran E") in _text(at)
    assert translate("id", "classroom.peers_later") in _text(at)
    bad = _class_page_as("group", "not-a-real-token", lang="id")
    assert translate("id", "classroom.error.bad_group_link") in _text(bad)
    assert bad.text_input(key="class.code")  # back to joining


def test_after_the_deadline_a_shared_class_lets_groups_read_each_other(app_env: Path) -> None:
    from datetime import timedelta

    from core.models import utcnow

    store = _store()
    created = classes.create_class(store, WORKSPACE, "Marketing F", template="example:family_clinic", language="en")
    one = classes.join_class(store, created.classroom.join_code, "Team One", client="test")
    classes.join_class(store, created.classroom.join_code, "Team Two", client="test")
    before = _class_page_as("group", one.token)
    assert translate("en", "classroom.peers_later") in _text(before)
    classes.update_settings(
        store, created.lecturer_token, deadline=utcnow() - timedelta(hours=1), share_after_deadline=True
    )
    after = _class_page_as("group", one.token)
    assert not after.exception
    assert translate("en", "classroom.peers") in _text(after)
    assert after.selectbox(key="class.peer").value is not None
    assert "Online queue with live position" in _text(after)  # Team Two's canvas, read-only
    assert not after.text_input


def test_the_step_count_comes_from_the_list_of_steps(app_env) -> None:
    from classroom.guided import STEPS

    at = _page("pages/guided.py", "id", project=_sample_id("id"))
    assert not at.exception
    assert translate("id", "guided.caption", count=len(STEPS)) in [c.value for c in at.caption]
    assert str(len(STEPS)) == translate("id", "guided.caption", count=len(STEPS)).split()[0]

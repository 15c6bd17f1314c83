"""Classes: join codes, tokens, who may open which project, close, delete and undo."""

from __future__ import annotations

from datetime import timedelta

import pytest

from canvas import canvases, links, notes
from canvas.models import NoteOwner
from classroom import service as cls
from core.errors import Forbidden, InvalidInput, NotFound, RateLimited
from core.limits import CODE_GUESSES
from core.models import utcnow
from core.tokens import JOIN_CODE_ALPHABET, hash_token
from projects import access, class_links
from storage.store import Store
from tests.actors import WORKSPACE
from tests.windows import wait_for_fresh_window


def _mode(
    store: Store,
    project_id: str,
    *,
    group_tokens: tuple[str, ...] | list[str] = (),
    lecturer_tokens: tuple[str, ...] | list[str] = (),
    workspace_open: bool = True,
) -> str:
    """How a session holding these links opens the project: "edit", "read", or refused."""
    kwargs = {
        "workspace": WORKSPACE if workspace_open else None,
        "group_tokens": tuple(group_tokens),
        "lecturer_tokens": tuple(lecturer_tokens),
    }
    try:
        access.actor_for_project(store, project_id, need="edit", **kwargs)
        return "edit"
    except Forbidden:
        access.actor_for_project(store, project_id, need="read", **kwargs)
        return "read"


def _class(store: Store, **kw) -> cls.CreatedClass:
    return cls.create_class(
        store, WORKSPACE, "Pemasaran B", template=kw.pop("template", "example:campus_library"), **kw
    )


def test_a_class_has_a_short_code_and_a_strong_lecturer_token_stored_only_as_a_hash(store: Store) -> None:
    created = _class(store)
    code = created.classroom.join_code
    assert len(code) == 8 and set(code) <= set(JOIN_CODE_ALPHABET)
    assert len(created.lecturer_token) >= 43  # 32 random bytes, url-safe base64
    assert created.classroom.lecturer_token_hash == hash_token(created.lecturer_token)
    assert created.lecturer_token not in created.classroom.model_dump_json()
    assert cls.lecturer_access(store, created.lecturer_token).id == created.classroom.id
    with pytest.raises(Forbidden):
        cls.lecturer_access(store, "not-the-token")
    with pytest.raises(Forbidden):
        cls.lecturer_access(store, None)


def test_an_unknown_template_is_refused(store: Store) -> None:
    with pytest.raises(InvalidInput):
        cls.create_class(store, WORKSPACE, "Kelas", template="example:nope")
    with pytest.raises(InvalidInput):
        cls.create_class(store, WORKSPACE, "Kelas", template="project:" + "0" * 32)


def test_each_group_gets_its_own_project_from_the_template_in_guided_mode(store: Store) -> None:
    created = _class(store, language="en")
    code = created.classroom.join_code
    one = cls.join_class(store, code.lower()[:4] + "-" + code.lower()[4:], "Group 1", client="test")
    two = cls.join_class(store, code, "Group 2", client="test")
    assert one.group.project_id != two.group.project_id
    project = store.projects.get(one.group.project_id)
    assert project.guided and project.language == "en" and "Group 1" in project.name
    assert len(store.canvases.list_for_project(project.id)) == 2  # the campus library example's canvases
    # Class projects stay out of the general project list.
    listed = {p.id for p in store.projects.summaries()}
    assert one.group.project_id not in listed and two.group.project_id not in listed


def test_a_blank_template_gives_an_empty_project(store: Store) -> None:
    created = _class(store, template="blank")
    joined = cls.join_class(store, created.classroom.join_code, "Tim A", client="test")
    assert store.canvases.list_for_project(joined.group.project_id) == []


def test_a_wrong_code_is_refused_and_repeated_wrong_codes_pause_joining(store: Store) -> None:
    created = _class(store)
    wait_for_fresh_window(CODE_GUESSES, 30)
    for _ in range(CODE_GUESSES.allowed):
        with pytest.raises(NotFound) as raised:
            cls.join_class(store, "WRONG123", "Tim", client="10.0.0.9")
        assert raised.value.key == "classroom.error.bad_code"
    with pytest.raises(RateLimited) as raised:  # even the right code waits out the limit
        cls.join_class(store, created.classroom.join_code, "Tim", client="10.0.0.9")
    assert raised.value.key == "limits.codes"
    assert cls.join_class(store, created.classroom.join_code, "Tim", client="10.0.0.10").group.name == "Tim"


def test_a_closed_class_refuses_new_groups_and_reopening_lets_them_in(store: Store) -> None:
    created = _class(store)
    cls.set_status(store, created.lecturer_token, "closed")
    with pytest.raises(Forbidden) as raised:
        cls.join_class(store, created.classroom.join_code, "Late group", client="test")
    assert raised.value.key == "classroom.error.closed"
    cls.set_status(store, created.lecturer_token, "open")
    assert cls.join_class(store, created.classroom.join_code, "Late group", client="test").group.name == "Late group"


def test_a_group_name_can_be_taken_only_once_per_class(store: Store) -> None:
    created = _class(store)
    cls.join_class(store, created.classroom.join_code, "Tim Merah", client="test")
    with pytest.raises(InvalidInput) as raised:
        cls.join_class(store, created.classroom.join_code, "tim merah", client="test")
    assert raised.value.problems[0][1] == "classroom.error.group_taken"


def test_students_cannot_open_each_others_projects_until_the_lecturer_shares_after_the_deadline(store: Store) -> None:
    created = _class(store)
    code = created.classroom.join_code
    one = cls.join_class(store, code, "Tim 1", client="test")
    two = cls.join_class(store, code, "Tim 2", client="test")
    assert _mode(store, one.group.project_id, group_tokens=[one.token]) == "edit"
    with pytest.raises(Forbidden) as raised:
        _mode(store, two.group.project_id, group_tokens=[one.token])
    assert raised.value.key == "classroom.error.not_your_project"
    with pytest.raises(Forbidden):
        _mode(store, two.group.project_id)  # a stranger with no token at all
    # The lecturer reads, never edits.
    assert _mode(store, two.group.project_id, lecturer_tokens=[created.lecturer_token]) == "read"
    # Sharing after a deadline that has not passed yet: still refused.
    cls.update_settings(store, created.lecturer_token, deadline=utcnow() + timedelta(days=1), share_after_deadline=True)
    with pytest.raises(Forbidden):
        _mode(store, two.group.project_id, group_tokens=[one.token])
    classroom = store.classes.get(created.classroom.id)
    assert cls.peers(store, classroom, one.group) == []
    # Deadline passed and sharing on: read-only for peers.
    past = utcnow() - timedelta(minutes=1)
    cls.update_settings(store, created.lecturer_token, deadline=past, share_after_deadline=True)
    assert _mode(store, two.group.project_id, group_tokens=[one.token]) == "read"
    classroom = store.classes.get(created.classroom.id)
    assert [g.name for g in cls.peers(store, classroom, one.group)] == ["Tim 2"]
    # Ordinary projects are unaffected.
    from projects.service import create_project

    assert _mode(store, create_project(store, WORKSPACE, "Biasa").id) == "edit"


def test_deleting_a_class_hides_it_keeps_the_projects_protected_and_undo_brings_it_back(store: Store) -> None:
    created = _class(store)
    joined = cls.join_class(store, created.classroom.join_code, "Tim 1", client="test")
    deleted = cls.delete_class(store, created.lecturer_token)
    assert deleted.deleted_at is not None
    with pytest.raises(Forbidden):
        cls.lecturer_access(store, created.lecturer_token)
    with pytest.raises(NotFound):
        cls.join_class(store, created.classroom.join_code, "Tim 2", client="test")
    # The group still owns its project, and nobody else can open it.
    assert _mode(store, joined.group.project_id, group_tokens=[joined.token]) == "edit"
    with pytest.raises(Forbidden):
        _mode(store, joined.group.project_id, lecturer_tokens=[created.lecturer_token])
    with pytest.raises(Forbidden):
        cls.restore_class(store, "someone-else", created.classroom.id)
    restored = cls.restore_class(store, created.lecturer_token, created.classroom.id)
    assert restored.deleted_at is None
    assert cls.lecturer_access(store, created.lecturer_token).id == created.classroom.id


def test_the_gallery_shows_every_group_with_fit_hints_and_completeness(store: Store) -> None:
    created = _class(store, template="blank")
    code = created.classroom.join_code
    one = cls.join_class(store, code, "Tim 1", client="test")
    cls.join_class(store, code, "Tim 2", client="test")
    group = class_links.group_actor(store, one.token)
    canvas = canvases.create_canvas(store, group, one.group.project_id, "Kanvas Tim 1")
    pain = notes.add_note(store, group, NoteOwner.of_canvas(canvas.id), "pains", "Antre lama di meja layanan", rank=5)
    reliever = notes.add_note(
        store, group, NoteOwner.of_canvas(canvas.id), "relievers", "Antrean daring dengan perkiraan waktu"
    )
    links.add_link(store, group, canvas.id, reliever.id, pain.id)
    classroom = store.classes.get(created.classroom.id)
    cards = cls.gallery_cards(store, classroom)
    assert [entry.group.name for entry, _ in cards] == ["Tim 1", "Tim 2"]
    (first_entry, first), (_, second) = cards
    assert first.canvas_id == canvas.id and first.fit == 100.0
    assert first.hints > 0 and 0 < first.completeness < 100
    # The thumbnail bars: value map first (products, relievers, creators), then the profile.
    assert first.bars == ((0.0, 0), (1.0, 1), (0.0, 0), (0.0, 0), (1.0, 1), (0.0, 0))
    assert second.canvas_id is None and second.fit is None  # nothing drawn yet
    # The revision names the state: a write moves it, so a cached card is never stale.
    before = first_entry.revision
    notes.add_note(store, group, NoteOwner.of_canvas(canvas.id), "gains", "Tahu waktu tunggu sebelum berangkat", rank=4)
    after = cls.gallery(store, classroom)[0].revision
    assert after > before


def test_the_class_exports_as_one_pdf_and_as_a_zip_of_pdfs(sqlite_store: Store) -> None:
    import io
    import zipfile

    import pypdfium2 as pdfium

    from classroom.export import class_pdf, class_zip

    created = _class(sqlite_store, template="example:family_clinic")
    for name in ("Tim 1", "Tim 1/2"):
        cls.join_class(sqlite_store, created.classroom.join_code, name, client="test")
    classroom = sqlite_store.classes.get(created.classroom.id)
    archive = zipfile.ZipFile(io.BytesIO(class_zip(sqlite_store, classroom, language="id")))
    names = archive.namelist()
    assert names == ["Tim_1.pdf", "Tim_12.pdf"]
    single = [len(pdfium.PdfDocument(archive.read(n))) for n in names]
    merged = pdfium.PdfDocument(class_pdf(sqlite_store, classroom, language="id"))
    assert len(merged) == sum(single) and all(count > 1 for count in single)


def test_a_closed_workspace_keeps_ordinary_projects_from_other_devices_but_not_a_group_its_own(store: Store) -> None:
    from projects.service import create_project

    created = _class(store)
    group = cls.join_class(store, created.classroom.join_code, "Tim 1", client="test")
    ordinary = create_project(store, WORKSPACE, "Rencana pemasaran dosen")
    with pytest.raises(Forbidden) as raised:
        _mode(store, ordinary.id, workspace_open=False)
    assert raised.value.key == "workspace.error.private"
    with pytest.raises(Forbidden):  # a group token opens its own project, nothing else
        _mode(store, ordinary.id, group_tokens=[group.token], workspace_open=False)
    assert _mode(store, group.group.project_id, group_tokens=[group.token], workspace_open=False) == "edit"
    assert _mode(store, ordinary.id, workspace_open=True) == "edit"


def test_only_the_workspace_creates_a_class_and_only_from_a_project_it_may_read(store: Store) -> None:
    from core.actors import GroupActor

    created = _class(store, template="blank")
    group = cls.join_class(store, created.classroom.join_code, "Tim 1", client="test")
    outsider = GroupActor(group.group.id, created.classroom.id, group.group.project_id, "Tim 1")
    with pytest.raises(Forbidden):
        cls.create_class(store, outsider, "Kelas curian", template="blank")
    # A class project is no template: the workspace can't read it.
    with pytest.raises(InvalidInput):
        cls.create_class(store, WORKSPACE, "Kelas", template=f"project:{group.group.project_id}")

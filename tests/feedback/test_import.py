"""Survey files as people save them, row checks, and importing once only (SQLite and PostgreSQL)."""

from __future__ import annotations

import io
from datetime import date

import pytest

from core.errors import InvalidInput, NotFound
from core.limits import FEEDBACK_FILE_MAX_BYTES
from feedback import parsing
from feedback import service as feedback
from projects import service as projects
from storage.store import Store
from tests.actors import WORKSPACE

HEADER = "Tanggal;Skor;Komentar;Tahap;Touchpoint;Segmen\r\n"
ROWS = (
    "03/02/2025;10;Ruang baca nyaman – café di lobi enak;sesudah;Ruang baca;Mahasiswa\r\n"
    "\r\n"
    "14/02/2025;4;“Antrean” peminjaman lama;saat;Meja sirkulasi;Mahasiswa\r\n"
    ";;;;;\r\n"
    "28/02/2025;8;;sebelum;Instagram;Dosen\r\n"
)


def test_windows_1252_with_semicolons_day_first_dates_and_blank_lines() -> None:
    raw = (HEADER + ROWS).encode("cp1252")
    preview = parsing.preview(raw, "survey.csv")
    assert preview.mapping["score"] == 1 and preview.mapping["comment"] == 2
    assert preview.mapping["answered_on"] == 0 and preview.mapping["stage"] == 3
    assert [row.row_number for row in preview.rows] == [2, 4, 6]  # the lines as the file numbers them
    first, second, third = (row.draft for row in preview.rows)
    assert first.comment == "Ruang baca nyaman – café di lobi enak"
    assert second.comment == "“Antrean” peminjaman lama"
    assert first.answered_on == date(2025, 2, 3)  # 03/02 is the 3rd of February
    assert (first.stage, second.stage, third.stage) == ("post_purchase", "purchase", "pre_purchase")
    assert third.segment == "Dosen"


def test_utf8_with_a_bom_and_commas() -> None:
    raw = '\ufeffscore,comment,date\n9,"Great, quiet space",2025-03-01\n'.encode()
    preview = parsing.preview(raw, "export.csv")
    assert preview.table.headers[0] == "score"  # the BOM is not part of the first header
    assert preview.good[0].draft.comment == "Great, quiet space"
    assert preview.good[0].draft.answered_on == date(2025, 3, 1)


def test_xlsx_first_sheet() -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Nilai", "Saran", "Tanggal"])
    sheet.append([7, '=HYPERLINK("x")', date(2025, 4, 2)])
    sheet.append([None, None, None])
    sheet.append([10.0, "Mantap", "05/04/2025"])
    out = io.BytesIO()
    book.save(out)
    preview = parsing.preview(out.getvalue(), "survey.xlsx")
    assert [row.draft.score for row in preview.good] == [7, 10]
    assert preview.good[0].draft.answered_on == date(2025, 4, 2)
    assert preview.good[1].draft.answered_on == date(2025, 4, 5)


def test_bad_rows_keep_their_number_and_reason() -> None:
    raw = b"skor;komentar;tanggal\n11;terlalu tinggi;\nsepuluh;kata;\n;kosong;\n9;ok;31/31/2025\n8;baik;\n"
    preview = parsing.preview(raw)
    reasons = {row.row_number: [key for key, _ in row.problems] for row in preview.bad}
    assert reasons == {
        2: ["feedback.row.score_out_of_range"],
        3: ["feedback.row.score_not_number"],
        4: ["feedback.row.score_missing"],
        5: ["feedback.row.bad_date"],
    }
    assert [row.row_number for row in preview.good] == [6]


def test_a_file_too_big_is_refused_before_reading() -> None:
    with pytest.raises(parsing.FileRefused) as refused:
        parsing.read_table(b"x" * (FEEDBACK_FILE_MAX_BYTES + 1))
    assert refused.value.key == "feedback.error.too_big"


def test_too_many_rows_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parsing, "FEEDBACK_ROWS_MAX", 3)
    with pytest.raises(parsing.FileRefused) as refused:
        parsing.read_table(b"score\n1\n2\n3\n4\n")
    assert refused.value.key == "feedback.error.too_many_rows"


def test_without_a_score_column_the_user_picks_one() -> None:
    preview = parsing.preview(b"name;puntos\nAni;7\n")
    assert preview.needs_score_column and preview.rows == []
    chosen = parsing.preview(b"name;puntos\nAni;7\n", mapping={"score": 1, "persona": 0})
    assert [(row.draft.score, row.draft.persona) for row in chosen.good] == [(7, "Ani")]


def test_identical_answers_in_one_file_stay_two() -> None:
    preview = parsing.preview(b"score;comment\n10;\n10;\n")
    assert len({row.content_hash for row in preview.good}) == 2


# -- storing ---------------------------------------------------------------------------------


def test_importing_the_same_file_twice_adds_nothing_the_second_time(store: Store) -> None:
    project = projects.create_project(store, WORKSPACE, "Library")
    raw = (HEADER + ROWS).encode("cp1252")
    preview = feedback.read_file(store, WORKSPACE, project.id, raw, "survey.csv")
    first = feedback.import_responses(store, WORKSPACE, project.id, preview)
    assert (first.added, first.already) == (3, 0)
    assert feedback.already_imported(store, WORKSPACE, project.id, preview) == 3
    again = feedback.import_responses(
        store, WORKSPACE, project.id, feedback.read_file(store, WORKSPACE, project.id, raw)
    )
    assert (again.added, again.already) == (0, 3)
    # The same answers re-saved as UTF-8 with commas and ISO dates are the same answers.
    resaved = (
        "\ufeffTanggal,Skor,Komentar,Tahap,Touchpoint,Segmen\n"
        "2025-02-03,10,Ruang baca nyaman – café di lobi enak,sesudah,Ruang baca,Mahasiswa\n"
    ).encode()
    assert (
        feedback.import_responses(
            store, WORKSPACE, project.id, feedback.read_file(store, WORKSPACE, project.id, resaved)
        ).added
        == 0
    )
    assert store.feedback.count(project.id) == 3


def test_bad_rows_import_nothing_unless_the_user_leaves_them_out(store: Store) -> None:
    project = projects.create_project(store, WORKSPACE, "Library")
    preview = feedback.read_file(store, WORKSPACE, project.id, b"skor;komentar\n9;ok\n11;no\n")
    with pytest.raises(InvalidInput):
        feedback.import_responses(store, WORKSPACE, project.id, preview)
    assert store.feedback.count(project.id) == 0
    result = feedback.import_responses(store, WORKSPACE, project.id, preview, skip_bad_rows=True)
    assert (result.added, result.skipped) == (1, 1)


def test_dashboard_counts_by_group(store: Store) -> None:
    project = projects.create_project(store, WORKSPACE, "Library")
    raw = (HEADER + ROWS).encode("cp1252")
    feedback.import_responses(store, WORKSPACE, project.id, feedback.read_file(store, WORKSPACE, project.id, raw))
    board = feedback.dashboard(store, WORKSPACE, project.id)
    assert board.total.n == 3
    assert board.total.score == pytest.approx(0)  # one promoter, one passive, one detractor
    assert board.by("segment")["Mahasiswa"].n == 2
    assert set(board.by("month")) == {"2025-02"}


def test_another_project_is_out_of_reach(store: Store) -> None:
    from core.actors import GroupActor

    project = projects.create_project(store, WORKSPACE, "Library")
    stranger = GroupActor(group_id="g", class_id="c", project_id="other", group_name="G")
    with pytest.raises(NotFound):
        feedback.dashboard(store, stranger, project.id)
    with pytest.raises(NotFound):
        feedback.read_file(store, stranger, project.id, b"score\n9\n")


def test_formula_looking_comments_stay_text_in_the_csv(store: Store) -> None:
    from feedback.export import responses_csv

    project = projects.create_project(store, WORKSPACE, "Library")
    raw = b'skor;komentar;touchpoint\n3;=HYPERLINK("http://x","klik");@meja\n9;+62 812 ramah;WhatsApp\n'
    feedback.import_responses(store, WORKSPACE, project.id, feedback.read_file(store, WORKSPACE, project.id, raw))
    text = responses_csv(store, WORKSPACE, project.id, "id").decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'@meja" in text and "'+62 812 ramah" in text
    assert text.splitlines()[0].startswith("Tanggal,Skor")


def test_an_import_is_all_or_nothing(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from core.errors import NilaiError
    from storage import feedback as feedback_storage

    project = projects.create_project(store, WORKSPACE, "Library")
    preview = feedback.read_file(store, WORKSPACE, project.id, b"skor\n1\n2\n3\n4\n")
    monkeypatch.setattr(feedback_storage, "INSERT_BATCH", 2)
    original = feedback_storage.add_responses_in

    def failing(conn, project_id, rows):  # the second batch is refused by the database
        rows[3]["score"] = None
        return original(conn, project_id, rows)

    monkeypatch.setattr(feedback_storage, "add_responses_in", failing)
    with pytest.raises(NilaiError):
        feedback.import_responses(store, WORKSPACE, project.id, preview)
    assert store.feedback.count(project.id) == 0  # the first batch went back with it


def test_two_imports_at_once_store_each_answer_once(store: Store) -> None:
    from concurrent.futures import ThreadPoolExecutor

    project = projects.create_project(store, WORKSPACE, "Library")
    raw = "skor;komentar\n" + "".join(f"{n % 11};jawaban {n}\n" for n in range(300))
    preview = feedback.read_file(store, WORKSPACE, project.id, raw.encode())
    with ThreadPoolExecutor(max_workers=3) as pool:
        results = list(pool.map(lambda _: feedback.import_responses(store, WORKSPACE, project.id, preview), range(3)))
    assert sum(r.added for r in results) == 300
    assert store.feedback.count(project.id) == 300


def test_a_duplicated_project_keeps_its_survey(store: Store) -> None:
    from canvas import canvases

    project = projects.create_project(store, WORKSPACE, "Library")
    canvas = canvases.create_canvas(store, WORKSPACE, project.id, "Students")
    raw = b"skor;komentar\n2;antrean lama\n3;antrean panjang\n10;ramah\n"
    feedback.import_responses(store, WORKSPACE, project.id, feedback.read_file(store, WORKSPACE, project.id, raw))
    theme = feedback.theme_board(store, WORKSPACE, project.id).of_kind("pain")[0]
    feedback.accept_theme(store, WORKSPACE, project.id, "pain", theme.key, canvas.id, "Queues", language="en")
    feedback.add_action(store, WORKSPACE, project.id, theme.key, "Second desk")
    copy = projects.duplicate_project(store, WORKSPACE, project.id, "Copy")
    assert store.feedback.count(copy.id) == 3
    copied_note = next(i for i in store.items.list_for_project(copy.id) if i.text == "Queues")
    decision = store.feedback_themes.for_project(copy.id)[0]
    assert decision.item_id == copied_note.id  # points at the copy's note, not the original's
    assert [a.title for a in feedback.actions(store, WORKSPACE, copy.id)] == ["Second desk"]
    # The copy is independent: importing the same file into it again adds nothing there either.
    again = feedback.import_responses(store, WORKSPACE, copy.id, feedback.read_file(store, WORKSPACE, copy.id, raw))
    assert again.added == 0


def test_the_user_can_change_the_guessed_columns(store: Store) -> None:
    project = projects.create_project(store, WORKSPACE, "Library")
    raw = b"nilai;isian;rating\n8;ok;2\n9;bagus;10\n"
    preview = feedback.read_file(store, WORKSPACE, project.id, raw)
    assert preview.mapping["score"] == 0 and preview.mapping["comment"] is None  # "isian" names nothing it knows
    chosen = feedback.remap(store, WORKSPACE, project.id, preview, {**preview.mapping, "score": 2, "comment": 1})
    assert [(row.draft.score, row.draft.comment) for row in chosen.good] == [(2, "ok"), (10, "bagus")]


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_answers_csv_imports_back_as_the_same_answers(sqlite_store: Store, language: str) -> None:
    from examples import survey_file
    from feedback.export import responses_csv

    store = sqlite_store
    source = projects.create_project(store, WORKSPACE, "Source")
    extra = {
        "id": b"01/02/2025;3;=SUM(A1:A9) antre;saat;Meja;S;\r\n",
        "en": b"2025-02-01,3,=SUM(A1:A9) antre,during,Desk,S,\n",
    }
    raw = survey_file("campus_library", language).read_bytes() + extra[language]
    preview = feedback.read_file(store, WORKSPACE, source.id, raw)
    assert not preview.bad and len(preview.good) == 121
    feedback.import_responses(store, WORKSPACE, source.id, preview)
    exported = responses_csv(store, WORKSPACE, source.id, language)
    target = projects.create_project(store, WORKSPACE, "Target")
    again = feedback.read_file(store, WORKSPACE, target.id, exported, "answers.csv")
    assert not again.bad and again.mapping["stage"] is not None
    assert feedback.import_responses(store, WORKSPACE, target.id, again).added == store.feedback.count(source.id)
    assert sorted(store.feedback.cube(target.id), key=repr) == sorted(store.feedback.cube(source.id), key=repr)
    comments = {r.comment for r in store.feedback.list_for_project(target.id)}
    assert "=SUM(A1:A9) antre" in comments  # the guard is undone on the way back in
    # Exported and imported again into the project it came from: nothing twice.
    home = feedback.read_file(store, WORKSPACE, source.id, exported)
    assert feedback.import_responses(store, WORKSPACE, source.id, home).added == 0

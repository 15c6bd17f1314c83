"""Every change a team makes is a history entry with who and when, told in words with the
board's note codes, in both languages: test and learning cards, map moves, survey imports
and deletions, theme decisions, improvement actions (notes, links, scores, personas and
canvases are covered in test_history.py)."""

from __future__ import annotations

from canvas import canvases, notes
from canvas.codes import note_codes
from canvas.models import NoteOwner
from experiments import service as experiments
from feedback import service as feedback
from history import timeline as history_timeline
from i18n import translate
from projects.service import create_project
from storage.store import Store
from tests.actors import WORKSPACE
from ui.common.text import md_escape
from ui.history.sentences import sentence, who_label

SURVEY = "skor;komentar\n" + "".join(
    f"{score};Antrean kasir terlalu lama sekali {n}\n" for n, score in enumerate([2, 3, 1, 2, 3, 0])
)
SURVEY += "".join(f"10;Pustakawan sangat ramah membantu {n}\n" for n in range(5))


def test_the_newer_work_is_in_the_history_in_words_with_codes(store: Store) -> None:
    project = create_project(store, WORKSPACE, "Perpustakaan", language="id")
    canvas = canvases.create_canvas(store, WORKSPACE, project.id, "Mahasiswa")
    owner = NoteOwner.of_canvas(canvas.id)
    pain = notes.add_note(store, WORKSPACE, owner, "pains", "Antre lama di kasir", rank=5)
    gain = notes.add_note(store, WORKSPACE, owner, "gains", "Ruang tenang", rank=2)

    card = experiments.create_card(
        store,
        WORKSPACE,
        canvas.id,
        experiment="survey",
        hypothesis="Kami percaya bahwa antrean mengusir mahasiswa",
        metric="mahasiswa",
        threshold=5,
        item_ids=[pain.id, gain.id],
    )
    card = experiments.start_card(store, WORKSPACE, card.id, card.version)
    experiments.close_card(store, WORKSPACE, card.id, card.version, measured=7, decision="persevere")
    placed = experiments.place_note(store, WORKSPACE, canvas.id, gain.id, None, importance=0.9, evidence=0.1)
    experiments.reset_placement(store, WORKSPACE, canvas.id, gain.id)
    assert placed.item_id == gain.id

    feedback.import_responses(
        store, WORKSPACE, project.id, feedback.read_file(store, WORKSPACE, project.id, SURVEY.encode())
    )
    board = feedback.theme_board(store, WORKSPACE, project.id)
    theme = board.open[0]
    feedback.dismiss_theme(store, WORKSPACE, project.id, theme.kind, theme.key)
    action = feedback.add_action(store, WORKSPACE, project.id, theme.key, "Buka kasir kedua saat jam sibuk")
    action = feedback.update_action(store, WORKSPACE, project.id, action.id, action.version, status="done")
    feedback.delete_action(store, WORKSPACE, project.id, action.id, action.version)
    feedback.clear_responses(store, WORKSPACE, project.id)

    entries = list(reversed(history_timeline.timeline(store, WORKSPACE, project.id, limit=500).entries))
    kinds = [entry.kind for entry in entries]
    for kind in (
        "test_card.add",
        "test_card.start",
        "test_card.close",
        "placement.move",
        "placement.reset",
        "survey.import",
        "theme.dismissed",
        "action.add",
        "action.status",
        "action.delete",
        "survey.clear",
    ):
        assert kind in kinds, kind
    assert "theme.edit" not in kinds
    assert all(entry.at and entry.who_kind for entry in entries)

    for lang in ("id", "en"):

        def tr(key: str, lang: str = lang, **params: object) -> str:
            return translate(lang, key, **params)

        codes = note_codes(canvases.load_board(store, WORKSPACE, canvas.id).items, lang)
        said = {
            entry.kind: sentence(
                entry,
                tr,
                history_timeline.note_texts(store, WORKSPACE, project.id, entries),
                {canvas.id: canvas.name},
                history_timeline.note_codes_of(store, WORKSPACE, project.id, entries, lang),
            )
            for entry in entries
        }
        # None of them falls back to the vague "X changed <kind of thing>".
        vague = {
            entry.kind: tr(
                "history.say.other",
                who=f"**{who_label(entry.who_kind, entry.who, tr)}**",
                thing=tr(f"history.entity.{entry.entity}"),
            )
            for entry in entries
        }
        assert not [kind for kind, text in said.items() if text == vague[kind]]
        # Notes by their codes: the card names both, the map move the one it moved.
        assert f"{codes[pain.id]} “Antre lama di kasir”" in said["test_card.close"]
        assert f"{codes[gain.id]} “Ruang tenang”" in said["test_card.close"]
        assert translate(lang, "experiments.decision.persevere") in said["test_card.close"]
        assert said["placement.move"].count(codes[gain.id]) == 1
        assert md_escape(translate(lang, "experiments.map.quadrant.test_first")) in said["placement.move"]
        assert said["note.add"].startswith(f"**{codes[gain.id]}**")  # the latest note.add: the gain
        assert "11" in said["survey.import"] and "11" in said["survey.clear"]

"""The survey answers as a CSV file, for a spreadsheet: every text cell goes through
core.text.spreadsheet_cell, so a comment such as "=HYPERLINK(...)" stays text in Excel."""

from __future__ import annotations

import csv
import io

from core.actors import Actor
from core.text import spreadsheet_cell
from feedback.models import band
from i18n import translate
from projects.access import reach
from storage.store import Store

COLUMNS = ("answered_on", "score", "comment", "stage", "touchpoint", "segment", "persona")


def responses_csv(store: Store, actor: Actor, project_id: str, language: str) -> bytes:
    """UTF-8 with a BOM (Excel reads the accents right), one row per answer, headers in `language`."""
    reach(store, actor, project_id, "read")
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(
        [translate(language, f"feedback.field.{name}") for name in COLUMNS]
        + [translate(language, "feedback.export.band")]
    )
    stages = {s: translate(language, f"feedback.stage.{s}") for s in ("pre_purchase", "purchase", "post_purchase")}
    for response in store.feedback.list_for_project(project_id):
        writer.writerow(
            [
                response.answered_on.isoformat() if response.answered_on else "",
                response.score,
                spreadsheet_cell(response.comment),
                stages.get(response.stage or "", ""),
                spreadsheet_cell(response.touchpoint),
                spreadsheet_cell(response.segment),
                spreadsheet_cell(response.persona),
                translate(language, f"feedback.band.{band(response.score)}"),
            ]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")

"""The one SQL expression for "this note is on this canvas" (canvas.models.owned_by_canvas
in Python): the canvas's own rows, plus its persona's customer profile when it is built on
a persona. The notes table and the history table both carry the two owner columns."""

from __future__ import annotations

import sqlalchemy as sa


def on_canvas(table: sa.Table, canvas_id: str, persona_id: str | None) -> sa.ColumnElement[bool]:
    own = table.c.canvas_id == canvas_id
    return sa.or_(own, table.c.persona_id == persona_id) if persona_id else own

"""Names that must be unique within a group (a workshop's display names, a canvas's offerings
and factors), brought to that rule on an older database before its unique index is made."""

from __future__ import annotations

import sqlalchemy as sa

from core.text import numbered_apart


def keep_names_apart(
    conn: sa.Connection, table: sa.Table, group: str, name: str, max_length: int, *where: sa.ColumnElement[bool]
) -> None:
    """Rename each later row whose name (ignoring case) another row of its `group` already
    has to "name (2)", "name (3)"...; the oldest row keeps its name."""
    rows = conn.execute(
        sa.select(table.c.id, table.c[group], table.c[name])
        .where(*where)
        .order_by(table.c[group], table.c.created_at, table.c.id)
    ).all()
    taken: dict[str, set[str]] = {}
    for row_id, row_group, row_name in rows:
        names = taken.setdefault(row_group, set())
        kept = numbered_apart(row_name, names, max_length)
        names.add(kept.casefold())
        if kept != row_name:
            conn.execute(sa.update(table).where(table.c.id == row_id).values({name: kept}))

"""One short sentence per history entry, in the user's language, safe for Markdown."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from history.service import SNAPSHOT_KINDS, Entry
from ui.common.text import md_escape, shorten

TEXT_MAX = 80
GENERIC = {"canvas", "persona", "segment", "competitor", "factor", "errc", "project"}


def who_label(who_kind: str, who: str, tr: Callable[..., str]) -> str:
    if who:
        return who
    if who_kind in ("workspace", "import", "lecturer"):
        return tr(f"history.who.{who_kind}")
    return tr("history.who.system")


def _safe(value: Any) -> Any:
    return md_escape(shorten(value, TEXT_MAX)) if isinstance(value, str) else value


def sentence(entry: Entry, tr: Callable[..., str], notes: dict[str, str], canvases: dict[str, str]) -> str:
    """What happened, as Markdown: user text escaped, the person in bold."""
    d = entry.detail
    params: dict[str, Any] = {"text": entry.label, "name": entry.label}
    kind = entry.kind
    entity, _, action = kind.partition(".")

    def say(key: str, **extra: Any) -> str:
        values = {name: _safe(value) for name, value in {**params, **extra}.items()}
        values["who"] = f"**{md_escape(who_label(entry.who_kind, entry.who, tr))}**"
        return tr(key, **values)

    def area(value: Any) -> str:
        return tr(f"canvas.area.{value}") if value else "?"

    if entity == "note":
        if kind == "note.edit":
            if d.get("old_text") is not None and d.get("old_text") != d.get("text"):
                return say("history.say.note.edit", old=d.get("old_text"), text=d.get("text"))
            return say("history.say.note.edit_same")
        if kind == "note.move":
            if d.get("old_area") and d.get("old_area") != d.get("area"):
                return say("history.say.note.move", old_area=area(d["old_area"]), area=area(d.get("area")))
            return say("history.say.note.reorder", area=area(d.get("area")))
        if kind == "note.rank":
            return say("history.say.note.rank", old_rank=d.get("old_rank"), rank=d.get("rank"))
        if kind == "note.add":
            return say("history.say.note.add", area=area(d.get("area")))
        if action in ("delete", "restore", "merge"):
            return say(f"history.say.note.{action}")
    if entity == "link" and action in ("add", "change", "delete", "restore"):
        a_note = tr("history.a_note")
        source = notes.get(d.get("source_id") or "", a_note)
        target = notes.get(d.get("target_id") or "", a_note)
        strength = tr(f"history.strength.{d.get('strength') or 'full'}")
        return say(f"history.say.link.{action}", source=source, target=target, strength=strength)
    if entity == "score":
        factor = notes.get(d.get("factor_id") or "")
        offering = notes.get(d.get("competitor_id") or "")
        if factor and offering:
            return say(f"history.say.{kind}.named", value=d.get("value"), factor=factor, offering=offering)
        return say(f"history.say.{kind}", value=d.get("value"))
    if kind == "snapshot.add":  # an automatic one says what took it ("Start of workshop · Utama")
        snapshot_kind = d.get("kind") if d.get("kind") in SNAPSHOT_KINDS else "manual"
        return say("history.say.snapshot.add", name=tr(f"history.snapshot.kind.{snapshot_kind}", name=entry.label))
    if kind == "canvas.restore":
        snapshot_kind = d.get("kind") if d.get("kind") in SNAPSHOT_KINDS else "manual"
        name = tr(f"history.snapshot.kind.{snapshot_kind}", name=entry.label)
        return say("history.say.canvas.restore", canvas=canvases.get(entry.canvas_id or "", ""), name=name)
    if kind == "project.import":
        return say("history.say.project.import")
    if entity in GENERIC:
        thing = tr(f"history.thing.{entity}")
        if action == "edit" and "old_name" in d and d.get("old_name") != entry.label:
            return say("history.say.rename", thing=thing, old=d.get("old_name"))
        if action in ("add", "edit", "delete", "restore"):
            return say(f"history.say.{action}", thing=thing)
    return say("history.say.other", thing=tr(f"history.entity.{entity}") if entity else "?")

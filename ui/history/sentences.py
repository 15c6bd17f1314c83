"""One short sentence per history entry, in the user's language, safe for Markdown."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from experiments.map_layout import quadrant_at
from history.snapshots import SNAPSHOT_KINDS
from history.timeline import Entry
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


def sentence(
    entry: Entry,
    tr: Callable[..., str],
    notes: dict[str, str],
    canvases: dict[str, str],
    codes: dict[str, str] | None = None,
) -> str:
    """What happened, as Markdown: user text escaped, the person in bold, a note by the code
    the board gives it now (`codes`), then its words."""
    codes = codes or {}
    said = _sentence(entry, tr, notes, canvases, codes)
    if entry.entity == "note" and entry.target_id in codes:
        return f"**{md_escape(codes[entry.target_id])}** · {said}"
    return said


def _named(item_id: Any, text: str, codes: dict[str, str]) -> str:
    """A note as a sentence names it: its code and words, or its words alone once it is gone."""
    code = codes.get(item_id or "")
    return f"{code} “{text}”" if code else f"“{text}”"


def _sentence(
    entry: Entry, tr: Callable[..., str], notes: dict[str, str], canvases: dict[str, str], codes: dict[str, str]
) -> str:
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
        source = f"{codes[d['source_id']]} {source}" if d.get("source_id") in codes else source
        target = f"{codes[d['target_id']]} {target}" if d.get("target_id") in codes else target
        strength = tr(f"history.strength.{d.get('strength') or 'full'}")
        return say(f"history.say.link.{action}", source=source, target=target, strength=strength)
    if entity == "score":
        factor = notes.get(d.get("factor_id") or "")
        offering = notes.get(d.get("competitor_id") or "")
        if factor and offering:
            return say(f"history.say.{kind}.named", value=d.get("value"), factor=factor, offering=offering)
        return say(f"history.say.{kind}", value=d.get("value"))
    if entity == "test_card":
        texts = d.get("item_texts") or {}
        named = [
            _named(i, texts.get(i) or notes.get(i) or tr("history.a_note"), codes) for i in d.get("item_ids") or []
        ]
        listed = md_escape(", ".join(shorten(name, TEXT_MAX) for name in named)) or tr("history.a_note")
        if kind == "test_card.close":
            verdict = "passed" if d.get("passed") else "failed"
            decision = tr(f"experiments.decision.{d['decision']}") if d.get("decision") else "—"
            return say(
                f"history.say.test_card.close.{verdict}", notes=listed, measured=d.get("measured"), decision=decision
            )
        if action in ("add", "start", "edit", "delete", "restore"):
            return say(f"history.say.test_card.{action}", notes=listed)
    if entity == "placement":
        item_id = d.get("item_id")
        note = _named(item_id, notes.get(item_id or "") or tr("history.a_note"), codes)
        if kind == "placement.reset":
            return say("history.say.placement.reset", note=note)
        if isinstance(d.get("importance"), (int, float)) and isinstance(d.get("evidence"), (int, float)):
            quadrant = tr(f"experiments.map.quadrant.{quadrant_at(d['importance'], d['evidence'])}")
            return say("history.say.placement.move", note=note, quadrant=quadrant)
    if entity == "theme" and action in ("accepted", "dismissed", "merged"):
        return say(f"history.say.theme.{action}")
    if entity == "action":
        if kind == "action.status":
            return say("history.say.action.status", status=tr(f"feedback.status.{d.get('status') or 'open'}"))
        if action in ("add", "edit", "delete", "restore"):
            return say(f"history.say.action.{action}")
    if kind in ("survey.import", "survey.clear"):
        return say(f"history.say.{kind}", added=d.get("added", 0), rows=d.get("rows", 0), removed=d.get("removed", 0))
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

"""What the PDF has to leave out, and where: every text in the chosen sections holding a
character no PDF font draws (emoji, or a script neither font has), named the way a
person finds it again ("Canvas “Kopi”, note K4": the code the board and the PDF print, in
the language of the export). The export shows these as a warning, so no text is dropped
without a word; the other formats keep everything."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from export.bundle import ProjectBundle
from export.pdf.text import unprintable
from i18n import LANGUAGES, translate

MAX_NAMED = 20
EXCERPT = 40


@dataclass(frozen=True)
class LeftOut:
    """One text that lost characters: `key` names its kind (export.unprintable.<key>)."""

    key: str
    characters: str
    params: dict[str, Any] = field(default_factory=dict)
    by_language: dict[str, dict[str, Any]] = field(default_factory=dict)  # params that differ by language


def _excerpt(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= EXCERPT else line[: EXCERPT - 1].rstrip() + "…"


def _texts(bundle: ProjectBundle, sections: set[str]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(kind, text, how to name it) for every user text the chosen sections print. A note's
    code differs by language: its params carry "by_language" {lang: {"number": code}}."""
    project = bundle.project
    yield "project", project.name, {"name": _excerpt(project.name)}  # every page's footer
    if "cover" in sections:
        yield "project_description", project.description, {"name": _excerpt(project.name)}
    on_canvas: set[str] = set()
    for canvas in bundle.canvases:
        name = _excerpt(canvas.canvas.name)
        yield "canvas", canvas.canvas.name, {"name": name}
        if sections & {"canvas", "fit"}:
            codes = {language: canvas.codes(language) for language in LANGUAGES}
            for item in canvas.ordered_items():
                on_canvas.add(item.id)
                by_language = {language: {"number": codes[language][item.id]} for language in LANGUAGES}
                yield "note", item.text, {"canvas": name, "text": _excerpt(item.text), "by_language": by_language}
        if "competitors" in sections:
            for offering in canvas.competitors:
                yield "offering", offering.name, {"name": _excerpt(offering.name)}
            for factor in canvas.factors:
                yield "factor", factor.name, {"name": _excerpt(factor.name)}
            for move in canvas.errc_moves:
                if move.status != "dismissed":
                    yield "move", move.text, {"name": _excerpt(move.text)}
    if "personas" in sections:
        for persona in bundle.personas:
            name = _excerpt(persona.name)
            entries = [persona.occupation, persona.location, persona.quote, persona.bio]
            entries += [*persona.goals, *persona.frustrations, *persona.channels]
            entries += [persona.knowledge_for, persona.knowledge_from, persona.knowledge_about]
            entries += [f"{tp.channel} {tp.note}" for tp in persona.touchpoints]
            yield "persona", persona.name + " " + " ".join(entries), {"name": name}
            for item in bundle.persona_items.get(persona.id, []):
                if item.id not in on_canvas:
                    yield "persona_note", item.text, {"persona": name, "text": _excerpt(item.text)}
    if sections & {"portfolio", "personas"}:
        for segment in bundle.segments:
            text = f"{segment.name} {segment.description} {segment.decision_reason}"
            yield "segment", text, {"name": _excerpt(segment.name)}


def texts_left_out(bundle: ProjectBundle, sections: Iterable[str]) -> list[LeftOut]:
    """Each text of the chosen sections that the PDF prints without some of its characters."""
    found: list[LeftOut] = []
    for key, text, params in _texts(bundle, set(sections)):
        characters = unprintable(text)
        if characters:
            by_language = params.pop("by_language", {})
            found.append(LeftOut(key, characters, params, by_language))
    return found


def describe(language: str, found: list[LeftOut]) -> list[str]:
    """One translated line per text ("Canvas “Kopi”, note 4 (“Antre 🎉”): 🎉"), at most MAX_NAMED."""
    lines = [
        translate(
            language,
            "export.unprintable.line",
            place=translate(
                language, f"export.unprintable.{entry.key}", **entry.params, **entry.by_language.get(language, {})
            ),
            characters=" ".join(entry.characters),
        )
        for entry in found[:MAX_NAMED]
    ]
    if len(found) > MAX_NAMED:
        lines.append(translate(language, "export.unprintable.more", count=len(found) - MAX_NAMED))
    return lines

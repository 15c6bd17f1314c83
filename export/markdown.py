"""Markdown of the canvases and personas, for wikis (GitHub, GitLab, Notion, Obsidian)."""

from __future__ import annotations

import re

from canvas.fit import TOP_OPEN, analyse_fit
from canvas.models import PROFILE_AREAS, VALUE_MAP_AREAS, Area
from canvas.ranking import by_importance, pips
from export.bundle import CanvasBundle, ProjectBundle
from feedback.models import band_of_estimate
from feedback.nps import signed
from i18n import LANGUAGE_NAMES, translate
from i18n.format import format_date
from personas.models import Persona

_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
_LINE_START = re.compile(r"^(\s*)([#>+\-=]|\d+\.)", re.MULTILINE)


def md_text(text: str) -> str:
    """User text as literal Markdown: markup characters escaped, one line."""
    flat = " ".join((text or "").split())
    return _LINE_START.sub(r"\1\\\2", _INLINE.sub(r"\\\1", flat))


def write_markdown(bundle: ProjectBundle, *, language: str = "en") -> str:
    def t(key: str, **params: object) -> str:
        return translate(language, key, **params)

    out: list[str] = [f"# {md_text(bundle.project.name)}", ""]
    if bundle.project.description:
        out += [md_text(bundle.project.description), ""]
    out += [
        f"*{t('export.md.meta', date=format_date(language, bundle.exported_at), language=LANGUAGE_NAMES[language])}*",
        "",
    ]
    for canvas in bundle.canvases:
        out += _canvas(bundle, canvas, t, language)
    if bundle.personas:
        out += [f"## {t('export.section.personas')}", ""]
        for persona in bundle.personas:
            out += _persona(bundle, persona, t)
    return "\n".join(out).rstrip() + "\n"


def _canvas(bundle: ProjectBundle, canvas: CanvasBundle, t, language: str) -> list[str]:
    numbers = canvas.codes(language)  # each note by its board code (canvas.codes), as the PDF does
    linked: dict[str, list[str]] = {item_id: [] for item_id in numbers}
    for link in canvas.links:
        if link.source_id in numbers and link.target_id in numbers:
            mark = "" if link.strength == "full" else " (~)"
            linked[link.source_id].append(f"{numbers[link.target_id]}{mark}")
            linked[link.target_id].append(f"{numbers[link.source_id]}{mark}")
    out = [f"## {t('export.pdf.kicker.canvas')}: {md_text(canvas.canvas.name)}", ""]
    persona = bundle.persona(canvas.canvas.persona_id)
    segment = bundle.segment(canvas.canvas.segment_id)
    if segment:
        out.append(f"- {t('export.pdf.segment', name=md_text(segment.name))}")
    if persona:
        out.append(f"- {t('export.pdf.persona', name=md_text(persona.name))}")
    report = analyse_fit(canvas.items, canvas.links)
    out += [f"- {t('export.md.fit', percent=report.overall_percent)}", ""]
    if canvas.canvas.description:
        out += [md_text(canvas.canvas.description), ""]
    by_area = {area: [i for i in canvas.ordered_items() if i.area == area] for area in Area}
    for heading, areas in (
        (t("export.pdf.customer_profile"), PROFILE_AREAS),
        (t("export.pdf.value_map"), VALUE_MAP_AREAS),
    ):
        out += [f"### {heading}", ""]
        for area in areas:
            items = by_area[area]
            out += [f"#### {t(f'export.area.{area}')} ({len(items)})", ""]
            if not items:
                out += [f"*{t('export.md.empty')}*", ""]
                continue
            out += [
                f"| # | {t('export.col.text')} | {t('export.col.rank')} | {t('export.col.evidence')} "
                f"| {t('export.col.links')} |",
                "|---:|---|:---:|---|---|",
            ]
            for item in items:
                evidence = t(f"export.evidence.{item.evidence}")
                if item.evidence_note:
                    evidence += f": {md_text(item.evidence_note)}"
                rank = pips(item.rank)
                links = ", ".join(linked[item.id]) or "—"
                out.append(f"| {numbers[item.id]} | {md_text(item.text)} | {rank} | {evidence} | {links} |")
            out.append("")
    # The fit analysis's gap list, as on the PDF's fit page: open top needs, then the rest.
    out += [f"### {t('export.pdf.top_gaps')}", ""]
    for item in report.unaddressed_top:
        out.append(f"- **{numbers[item.id]}** {md_text(item.text)} ({t(f'export.area.{item.area}')})")
    for gap in report.gaps:
        if gap.key not in TOP_OPEN:
            out.append(f"- {t(gap.key, **{k: md_text(str(v)) for k, v in gap.params.items()})}")
    if not report.gaps and not report.unaddressed_top:
        out.append(f"- {t('export.pdf.top_gaps_none')}")
    out.append("")
    return out


def _persona(bundle: ProjectBundle, persona: Persona, t) -> list[str]:
    out = [f"### {md_text(persona.name)}", ""]
    facts = [str(persona.age) if persona.age is not None else "", persona.occupation, persona.location]
    facts_line = " · ".join(md_text(f) for f in facts if f)
    if facts_line:
        out += [facts_line, ""]
    segment = bundle.segment(persona.segment_id)
    if segment:
        out += [f"- {t('export.pdf.segment', name=md_text(segment.name))}"]
    category = band_of_estimate(persona.nps)
    known = bundle.voice.knowledge.get(persona.id) if bundle.voice else None
    if known is not None and known.measured.n:  # measured from survey answers (issue 17)
        measured = t("feedback.persona.measured", nps=signed(known.measured.score), n=known.measured.n)
        out += [f"- {t('export.pdf.nps')}: {measured}"]
    elif category:
        typed = f"{persona.nps} ({t(f'export.nps.{category}')})"
        out += [f"- {t('export.pdf.nps')}: {t('feedback.persona.estimate', badge=typed)}"]
    if persona.participation:
        out += [f"- {t('export.pdf.participation')}: {t(f'export.participation.{persona.participation}')}"]
    if persona.roles:
        out += [f"- {t('export.pdf.roles')}: {', '.join(t(f'export.role.{r}') for r in persona.roles)}"]
    out.append("")
    if persona.quote:
        out += [f"> {md_text(persona.quote)}", ""]
    if persona.bio:
        out += [md_text(persona.bio), ""]
    for title, entries in (
        (t("export.pdf.goals"), persona.goals),
        (t("export.pdf.frustrations"), persona.frustrations),
        (t("export.pdf.channels"), persona.channels),
    ):
        if entries:
            out += [f"**{title}**", ""] + [f"- {md_text(e)}" for e in entries] + [""]
    if persona.touchpoints:
        out += [f"**{t('export.md.touchpoints')}**", ""]
        for tp in persona.touchpoints:
            note = f" — {md_text(tp.note)}" if tp.note else ""
            out.append(f"- {t(f'export.stage.{tp.stage}')}: {md_text(tp.channel)}{note}")
        out.append("")
    items = bundle.persona_items.get(persona.id, [])
    for area in PROFILE_AREAS:
        chosen = by_importance(i for i in items if i.area == area)
        if chosen:
            out += [f"**{t(f'export.area.{area}')}**", ""]
            out += [f"- {md_text(i.text)} ({t('export.col.rank')} {i.rank})" for i in chosen] + [""]
    for key, value in (
        ("for", persona.knowledge_for),
        ("from", persona.knowledge_from),
        ("about", persona.knowledge_about),
    ):
        if value:
            out += [f"**{t(f'export.knowledge.{key}')}**: {md_text(value)}", ""]
    return out

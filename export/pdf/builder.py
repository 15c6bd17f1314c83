"""Assemble the PDF from the sections the user picked.

Sections and their pages:
  cover        1 page
  canvas       per canvas: 1 page, plus overflow pages when an area holds more notes than fit
  personas     1 page per persona
  portfolio    1 page (left out when the project has no segments)
  fit          1 page per canvas
  competitors  1 page per canvas that has offerings or factors (strategy canvas + ERRC grid)
  testing      1 page per canvas that has test cards (assumptions map + test and learning cards)
  voice        1 page when there are survey answers or improvement actions (export/pdf/voice_page.py);
               and with personas, a "what we know" page after each persona customers spoke for
`plan_pages` computes the same count without drawing, so the page shows it in advance.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable

from export.bundle import ProjectBundle
from export.pdf import (
    canvas_page,
    cover,
    fit_page,
    persona_page,
    portfolio_page,
    strategy_page,
    testing_page,
    voice_page,
)
from export.pdf.frame import PAPERS, Paper, Pdf
from export.pdf.text import REGULAR, FallbackCanvas, register_fonts
from export.sections import SECTIONS

Progress = Callable[[float, str], None]


def _pdf(bundle: ProjectBundle, language: str, paper: Paper, buffer: io.BytesIO) -> Pdf:
    register_fonts()
    canvas = FallbackCanvas(
        buffer, pagesize=PAPERS[paper], pageCompression=1, initialFontName=REGULAR, initialFontSize=9
    )
    canvas.setAuthor("Nilai")
    canvas.setCreator("Nilai")
    canvas.setTitle(bundle.project.name)
    canvas.setSubject(bundle.project.description[:200])
    return Pdf(canvas, language, paper, bundle.project.name, bundle.exported_at)


def ordered(sections: Iterable[str]) -> list[str]:
    chosen = set(sections)
    unknown = chosen - set(SECTIONS)
    if unknown:
        raise ValueError(f"unknown section(s): {', '.join(sorted(unknown))}")
    return [s for s in SECTIONS if s in chosen]


def plan_pages(
    bundle: ProjectBundle, sections: Iterable[str], *, language: str = "en", paper: Paper = "a4"
) -> list[tuple[str, str, int]]:
    """(section, title, page count) in order: what the PDF will contain."""
    pdf = _pdf(bundle, language, paper, io.BytesIO())
    plan: list[tuple[str, str, int]] = []
    for section in ordered(sections):
        if section == "cover":
            plan.append((section, pdf.t("export.section.cover"), 1))
        elif section == "canvas":
            for c in bundle.canvases:
                plan.append((section, c.canvas.name, canvas_page.plan_canvas(pdf, c)))
        elif section == "personas":
            for persona in bundle.personas:
                plan.append((section, persona.name, 1 + voice_page.has_knowledge_page(bundle, persona)))
        elif section == "portfolio" and bundle.segments:
            plan.append((section, pdf.t("export.section.portfolio"), 1))
        elif section == "fit":
            for c in bundle.canvases:
                plan.append((section, pdf.t("export.pdf.fit_title", name=c.canvas.name), 1))
        elif section == "competitors":
            for c in bundle.canvases:
                if strategy_page.has_content(c):
                    plan.append((section, pdf.t("export.pdf.strategy_title", name=c.canvas.name), 1))
        elif section == "testing":
            for c in bundle.canvases:
                if testing_page.has_cards(c):
                    plan.append((section, f"{pdf.t('experiments.pdf.title')}: {c.canvas.name}", 1))
        elif section == "voice" and voice_page.has_voice_page(bundle):
            plan.append((section, pdf.t("feedback.title"), 1))
    return plan


def page_count(bundle: ProjectBundle, sections: Iterable[str], *, language: str = "en", paper: Paper = "a4") -> int:
    return sum(pages for _, _, pages in plan_pages(bundle, sections, language=language, paper=paper))


def build_pdf(
    bundle: ProjectBundle,
    *,
    language: str = "en",
    paper: Paper = "a4",
    sections: Iterable[str] = SECTIONS,
    progress: Progress | None = None,
    page_refs: bool = True,
) -> bytes:
    """The PDF as bytes, in `language`, on landscape A4 or Letter.

    `page_refs=False` drops page numbers from "+N more" tags, for a page shown on its own (PNG).
    """
    chosen = ordered(sections)
    buffer = io.BytesIO()
    pdf = _pdf(bundle, language, paper, buffer)
    pdf.page_refs = page_refs
    steps = max(1, len(chosen))

    def report(done: int, label: str) -> None:
        if progress is not None:
            progress(min(1.0, done / steps), label)

    for index, section in enumerate(chosen):
        report(index, pdf.t(f"export.section.{section}"))
        if section == "cover":
            cover.draw_cover(pdf, bundle, plan_pages(bundle, chosen, language=language, paper=paper))
        elif section == "canvas":
            for c in bundle.canvases:
                canvas_page.draw_canvas(pdf, bundle, c)
        elif section == "personas":
            for persona in bundle.personas:
                persona_page.draw_persona(pdf, bundle, persona)
                if voice_page.has_knowledge_page(bundle, persona):
                    voice_page.draw_knowledge(pdf, bundle, persona)
        elif section == "portfolio" and bundle.segments:
            portfolio_page.draw_portfolio(pdf, bundle)
        elif section == "fit":
            for c in bundle.canvases:
                fit_page.draw_fit(pdf, bundle, c)
        elif section == "competitors":
            for c in bundle.canvases:
                if strategy_page.has_content(c):
                    strategy_page.draw_strategy(pdf, bundle, c)
        elif section == "testing":
            for c in bundle.canvases:
                if testing_page.has_cards(c):
                    testing_page.draw_testing(pdf, bundle, c)
        elif section == "voice" and voice_page.has_voice_page(bundle):
            voice_page.draw_voice(pdf, bundle)
    if pdf.page == 0:
        # Nothing chosen had content: one page that says so, never an empty file.
        pdf.start_page(bundle.project.name, pdf.t("export.pdf.nothing"))
        pdf.end_page()
    report(steps, pdf.t("export.progress.done"))
    pdf.canvas.save()
    return buffer.getvalue()

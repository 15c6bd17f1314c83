"""The customer's voice on paper (issue 17).

* One "Customer voice" page (section `voice`) when the project has survey answers or
  improvement actions: the NPS with its 90 % interval, NPS and answers at each touchpoint
  along the journey, and the improvement actions with their owner and status.
* One "What we know" page after a persona's card, for personas that customers spoke for:
  knowledge about, from and for the customer.
Every text is drawn as text (reportlab), never as markup; a comment that looks like a
formula is just text on paper.
"""

from __future__ import annotations

from reportlab.lib.colors import HexColor

from canvas.models import CanvasItem
from export.bundle import ProjectBundle
from export.pdf.frame import ACCENT, FAINT, HAIRLINE, INK, MUTED, PAPER_TINT, Pdf, draw_block, section_label
from export.pdf.text import BOLD, REGULAR, clean
from feedback.knowledge import CustomerKnowledge
from feedback.nps import Nps, signed, tone
from personas.models import Persona

GOOD, MIDDLE, BAD = HexColor("#2f8a57"), HexColor("#c98a1b"), HexColor("#b4493a")
ROW = 15.0


def _tone(result: Nps):
    return {"promoter": GOOD, "passive": MIDDLE, "detractor": BAD}[tone(result.score)]


def interval(pdf: Pdf, result: Nps) -> str:
    if result.interval is None:
        return "–"
    low, high = result.interval
    return pdf.t("feedback.nps.interval", low=signed(low), high=signed(high))


def has_voice_page(bundle: ProjectBundle) -> bool:
    return bundle.voice is not None and bundle.voice.has_content


def has_knowledge_page(bundle: ProjectBundle, persona: Persona) -> bool:
    return bundle.voice is not None and bundle.voice.persona_has_voice(persona.id)


def _cell(
    pdf: Pdf, text: str, x: float, y: float, width: float, *, font: str = REGULAR, size: float = 8, color=INK
) -> None:
    c = pdf.canvas
    c.setFont(font, size)
    c.setFillColor(color)
    c.drawString(x, y, pdf.measure.ellipsize(clean(text), font, size, width))


def _table(
    pdf: Pdf, x: float, top: float, widths: list[float], header: list[str], rows: list[list[str]], bottom: float
) -> int:
    """Rows of text under a header, as many as fit above `bottom`; returns how many were drawn."""
    c = pdf.canvas
    y = top
    offsets = [x + sum(widths[:i]) for i in range(len(widths))]
    # A header wraps (two lines at most) rather than print "PENANGGUN…".
    heads = [
        pdf.measure.wrap(clean(text.upper()), BOLD, 6.5, width - 4)[:2]
        for width, text in zip(widths, header, strict=True)
    ]
    for offset, width, lines in zip(offsets, widths, heads, strict=True):
        for n, line in enumerate(lines):
            _cell(pdf, line, offset, y - n * 7.5, width - 4, font=BOLD, size=6.5, color=MUTED)
    y -= 5 + 7.5 * (max(len(lines) for lines in heads) - 1)
    c.setStrokeColor(HAIRLINE)
    c.setLineWidth(0.5)
    c.line(x, y, x + sum(widths), y)
    drawn = 0
    for row in rows:
        if y - ROW < bottom:
            break
        y -= ROW
        for offset, width, text in zip(offsets, widths, row, strict=True):
            _cell(pdf, text, offset, y + 4, width - 6)
        c.line(x, y, x + sum(widths), y)
        drawn += 1
    return drawn


def draw_voice(pdf: Pdf, bundle: ProjectBundle) -> None:
    voice = bundle.voice
    assert voice is not None
    x0, y0, w, h = pdf.start_page(pdf.t("feedback.title"), bundle.project.name, kicker=pdf.t("export.section.voice"))
    c = pdf.canvas
    total = voice.total
    # The headline: the score, its interval and the answers behind it.
    c.setFillColor(PAPER_TINT)
    c.roundRect(x0, y0 + h - 74, 230, 74, 6, stroke=0, fill=1)
    section_label(pdf, pdf.t("feedback.nps.title"), x0 + 12, y0 + h - 16)
    c.setFont(BOLD, 30)
    c.setFillColor(_tone(total))
    c.drawString(x0 + 12, y0 + h - 50, signed(total.score))
    _cell(pdf, f"{pdf.t('feedback.nps.interval_label')}: {interval(pdf, total)}", x0 + 90, y0 + h - 36, 135, size=8)
    _cell(pdf, f"{pdf.t('feedback.nps.answers')}: {total.n}", x0 + 90, y0 + h - 50, 135, size=8)
    if total.n:
        n = total.n
        bands = pdf.t(
            "feedback.nps.bands_value",
            promoters=round(100 * total.promoters / n),
            passives=round(100 * total.passives / n),
            detractors=round(100 * total.detractors / n),
        )
        _cell(pdf, bands, x0 + 90, y0 + h - 64, 135, size=7.5, color=MUTED)
    draw_block(
        pdf, pdf.t("feedback.nps.method_print"), x0 + 244, y0 + h - 4, w - 244, 70, sizes=(7.5, 7, 6.5), color=MUTED
    )
    # Left: the journey. Right: the improvement actions.
    col = (w - 20) / 2
    top = y0 + h - 96
    section_label(pdf, pdf.t("feedback.journey.title"), x0, top)
    stages = {s: pdf.t(f"feedback.stage.{s}") for s in ("pre_purchase", "purchase", "post_purchase")}
    rows = [
        [
            stages.get(p.stage, pdf.t("feedback.not_given")),
            p.touchpoint or pdf.t("feedback.not_given"),
            str(p.nps.n) + (" *" if p.nps.few else ""),
            signed(p.nps.score),
            interval(pdf, p.nps),
        ]
        for p in voice.journey
    ]
    header = [
        pdf.t("feedback.field.stage"),
        pdf.t("feedback.by.touchpoint"),
        "n",
        "NPS",
        pdf.t("feedback.nps.interval_label"),
    ]
    shown = _table(pdf, x0, top - 14, [col * 0.24, col * 0.34, col * 0.1, col * 0.1, col * 0.22], header, rows, y0 + 24)
    note = pdf.t("feedback.by.few", minimum=30)
    if len(rows) > shown:
        note = pdf.t("feedback.pdf.more_rows", count=len(rows) - shown) + " · " + note
    _cell(pdf, f"* {note}", x0, y0 + 8, col, size=7, color=FAINT)
    ax = x0 + col + 20
    section_label(pdf, pdf.t("feedback.tab.actions"), ax, top)
    if voice.actions:
        action_rows = [
            [
                a.title,
                voice.theme_labels.get(a.theme_key, a.theme_key),
                pdf.t(f"feedback.team.{a.owner}"),
                pdf.t(f"feedback.status.{a.status}"),
            ]
            for a in voice.actions
        ]
        header = [
            pdf.t("feedback.action.title"),
            pdf.t("feedback.action.theme"),
            pdf.t("feedback.action.owner"),
            pdf.t("feedback.action.status"),
        ]
        drawn = _table(pdf, ax, top - 14, [col * 0.4, col * 0.3, col * 0.15, col * 0.15], header, action_rows, y0 + 24)
        if drawn < len(action_rows):
            _cell(
                pdf,
                pdf.t("feedback.pdf.more_rows", count=len(action_rows) - drawn),
                ax,
                y0 + 8,
                col,
                size=7,
                color=FAINT,
            )
    else:
        _cell(pdf, pdf.t("feedback.pdf.no_actions"), ax, top - 16, col, size=8, color=MUTED)
    pdf.end_page()


def _column(
    pdf: Pdf,
    title: str,
    x: float,
    top: float,
    width: float,
    bottom: float,
    blocks: list[tuple[str, str]],
    *,
    cap: float = 90,
) -> None:
    """Blocks of text down a tinted column; each block at most `cap` points tall, so one
    long block never crowds out the ones after it."""
    c = pdf.canvas
    c.setFillColor(PAPER_TINT)
    c.roundRect(x, bottom, width, top - bottom, 6, stroke=0, fill=1)
    c.setFillColor(ACCENT)
    c.setFont(BOLD, 10)
    c.drawString(x + 10, top - 16, pdf.measure.ellipsize(clean(title), BOLD, 10, width - 20))
    y = top - 26
    for label, text in blocks:
        if not text or y < bottom + 24:
            continue
        if label:
            section_label(pdf, label, x + 10, y - 6)
            y -= 10
        used = draw_block(pdf, text, x + 10, y, width - 20, min(cap, y - bottom - 8), sizes=(8, 7.5, 7, 6.5))
        y -= used + 8


def draw_knowledge(pdf: Pdf, bundle: ProjectBundle, persona: Persona) -> None:
    voice = bundle.voice
    assert voice is not None
    known: CustomerKnowledge = voice.knowledge[persona.id]
    codes = known.codes(pdf.language)

    def named(item: CanvasItem) -> str:
        """A note as the board names it: its code, then its text."""
        return " ".join(part for part in (codes.get(item.id, ""), clean(item.text)) if part)

    x0, y0, w, h = pdf.start_page(
        pdf.t("knowledge.title", name=persona.name), bundle.project.name, kicker=pdf.t("export.pdf.kicker.persona")
    )
    col = (w - 20) / 3
    top, bottom = y0 + h, y0
    segment = known.segment
    measured = known.measured
    about = [
        (pdf.t("knowledge.segment"), segment.name if segment else ""),
        (pdf.t("knowledge.segment_about"), segment.description if segment else ""),
        (pdf.t("knowledge.occupation"), persona.occupation),
        (pdf.t("knowledge.goals"), "; ".join(persona.goals)),
        (pdf.t("knowledge.frustrations"), "; ".join(persona.frustrations)),
        (pdf.t("knowledge.noted"), persona.knowledge_about),
        (
            pdf.t("knowledge.nps"),
            pdf.t("knowledge.nps_value", nps=signed(measured.score), interval=interval(pdf, measured), n=measured.n)
            if measured.n
            else "",
        ),
    ]
    quotes = "\n".join(f"“{clean(r.comment)}” ({pdf.t('knowledge.score', score=r.score)})" for r in known.quotes)
    notes = "\n".join(
        f"• {named(item)} [{pdf.t(f'cocreation.tag.{voice_kind}')}]" for item, voice_kind in known.from_customers
    )
    said = [
        ("", quotes),
        (pdf.t("knowledge.customer_notes", count=len(known.from_customers), total=known.profile_count), notes),
        (pdf.t("knowledge.noted"), persona.knowledge_from),
    ]
    offered = [
        (
            "",
            "\n".join(f"• {named(v.item)} → {', '.join(named(a) for a in v.addresses)}" for v in known.value_items)
            or pdf.t("knowledge.for_none"),
        ),
        (pdf.t("knowledge.noted"), persona.knowledge_for),
    ]
    _column(pdf, pdf.t("knowledge.about"), x0, top, col, bottom, about)
    # Lists of notes get room to wrap (a cut "…WhatsAp…" names no note); a note block stays short.
    _column(pdf, pdf.t("knowledge.from"), x0 + col + 10, top, col, bottom, said, cap=(h - 80) / 2)
    _column(pdf, pdf.t("knowledge.for"), x0 + 2 * (col + 10), top, col, bottom, offered, cap=h - 120)
    pdf.end_page()

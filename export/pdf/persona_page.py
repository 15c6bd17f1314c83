"""One page per persona card: who they are on the left, what they need on the right."""

from __future__ import annotations

import io

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.utils import ImageReader

from canvas.models import PROFILE_AREAS, CanvasItem
from canvas.ranking import by_importance, pips
from export.bundle import ProjectBundle
from export.pdf.frame import (
    ACCENT,
    AREA_INK,
    FAINT,
    HAIRLINE,
    INK,
    MUTED,
    WHITE,
    Pdf,
    area_label,
    draw_block,
    section_label,
)
from export.pdf.text import BOLD, REGULAR, clean
from feedback.models import band_of_estimate
from feedback.nps import signed, tone
from personas.models import Persona

NPS_COLOR = {"promoter": HexColor("#2f8a57"), "passive": HexColor("#c98a1b"), "detractor": HexColor("#b4493a")}


def _tint(color: Color, amount: float) -> Color:
    return Color(
        color.red + (1 - color.red) * amount,
        color.green + (1 - color.green) * amount,
        color.blue + (1 - color.blue) * amount,
    )


def _initials(name: str) -> str:
    words = [w for w in clean(name).split() if w]
    return "".join(w[0] for w in words[:2]).upper() or "?"


def draw_persona(pdf: Pdf, bundle: ProjectBundle, persona: Persona) -> None:
    segment = bundle.segment(persona.segment_id)
    subtitle = " · ".join([bundle.project.name] + ([pdf.t("export.pdf.segment", name=segment.name)] if segment else []))
    x0, y0, w, h = pdf.start_page(persona.name, subtitle, kicker=pdf.t("export.pdf.kicker.persona"))
    c = pdf.canvas
    try:
        color = HexColor(persona.avatar_color)
    except ValueError:
        color = ACCENT
    panel_w = 220
    c.setFillColor(_tint(color, 0.88))
    c.roundRect(x0, y0, panel_w, h, 8, stroke=0, fill=1)

    cx, cy, r = x0 + panel_w / 2, y0 + h - 52, 38
    image = bundle.avatars.get(persona.id)
    drawn = False
    if image:
        try:
            reader = ImageReader(io.BytesIO(image))
            c.saveState()
            path = c.beginPath()
            path.circle(cx, cy, r)
            c.clipPath(path, stroke=0, fill=0)
            c.drawImage(reader, cx - r, cy - r, 2 * r, 2 * r, preserveAspectRatio=True, anchor="c", mask="auto")
            c.restoreState()
            drawn = True
        except Exception:  # noqa: BLE001 - a broken image file must not break the export
            drawn = False
    if not drawn:
        c.setFillColor(color)
        c.circle(cx, cy, r, stroke=0, fill=1)
        c.setFillColor(WHITE)
        c.setFont(BOLD, 24)
        c.drawCentredString(cx, cy - 8, _initials(persona.name))

    y = cy - r - 22
    c.setFillColor(INK)
    c.setFont(BOLD, 14)
    c.drawCentredString(cx, y, pdf.measure.ellipsize(clean(persona.name), BOLD, 14, panel_w - 20))
    facts = [str(persona.age) if persona.age is not None else "", persona.occupation, persona.location]
    facts_line = " · ".join(clean(f) for f in facts if f and clean(f))
    if facts_line:
        y -= 14
        y -= draw_block(pdf, facts_line, x0 + 14, y + 7, panel_w - 28, 26, sizes=(8.5, 8, 7.5), color=MUTED) - 9
    if persona.quote:
        y -= 14
        c.setFillColor(color)
        c.setFont(BOLD, 22)
        c.drawString(x0 + 12, y - 12, "“")
        used = draw_block(pdf, persona.quote, x0 + 26, y, panel_w - 40, 70, sizes=(9, 8.5, 8, 7.5, 7), color=INK)
        y -= used + 6
    chips: list[tuple[str, str, Color]] = []
    category = band_of_estimate(persona.nps)
    known = bundle.voice.knowledge.get(persona.id) if bundle.voice else None
    if known is not None and known.measured.score is not None:  # measured from survey answers (issue 17)
        text = pdf.t("feedback.persona.measured", nps=signed(known.measured.score), n=known.measured.n)
        chips.append((pdf.t("export.pdf.nps"), text, NPS_COLOR[tone(known.measured.score)]))
    elif category:
        typed = f"{persona.nps} · {pdf.t(f'export.nps.{category}')}"
        chips.append((pdf.t("export.pdf.nps"), pdf.t("feedback.persona.estimate", badge=typed), NPS_COLOR[category]))
    if persona.participation:
        chips.append((pdf.t("export.pdf.participation"), pdf.t(f"export.participation.{persona.participation}"), INK))
    if persona.roles:
        chips.append((pdf.t("export.pdf.roles"), ", ".join(pdf.t(f"export.role.{r}") for r in persona.roles), INK))
    for label, value, chip_color in chips:
        y -= 6
        section_label(pdf, label, x0 + 14, y)
        y -= 11
        used = draw_block(
            pdf, value, x0 + 14, y + 8, panel_w - 28, 22, sizes=(8.5, 8, 7.5, 7), font=BOLD, color=chip_color
        )
        y -= used - 2
    if persona.bio:
        y -= 8
        section_label(pdf, pdf.t("export.pdf.bio"), x0 + 14, y)
        room = y - 4 - (y0 + 10)
        if room > 12:
            draw_block(pdf, persona.bio, x0 + 14, y - 4, panel_w - 28, room, sizes=(8, 7.5, 7, 6.5, 6), color=INK)

    # Right side: a 3 x 3 grid of cards.
    gx = x0 + panel_w + 14
    gw = w - panel_w - 14
    col_w = (gw - 2 * 10) / 3
    row_h = (h - 2 * 10) / 3
    items = bundle.persona_items.get(persona.id, [])
    codes = bundle.persona_codes(persona.id, pdf.language)
    stages: dict[str, list[str]] = {"pre_purchase": [], "purchase": [], "post_purchase": []}
    for tp in persona.touchpoints:
        stages[tp.stage].append(f"{tp.channel} — {tp.note}" if tp.note else tp.channel)
    knowledge = [
        f"{pdf.t('export.knowledge.for')}: {persona.knowledge_for}" if persona.knowledge_for else "",
        f"{pdf.t('export.knowledge.from')}: {persona.knowledge_from}" if persona.knowledge_from else "",
        f"{pdf.t('export.knowledge.about')}: {persona.knowledge_about}" if persona.knowledge_about else "",
    ]
    touch = [f"{pdf.t(f'export.stage.{stage}')}: {'; '.join(entries)}" for stage, entries in stages.items() if entries]
    segment_lines = []
    if segment:
        segment_lines.append(f"{segment.name} ({pdf.t(f'export.decision.{segment.decision}')})")
        if segment.decision_reason:
            segment_lines.append(segment.decision_reason)
    using = [cb.canvas.name for cb in bundle.canvases if cb.canvas.persona_id == persona.id]
    if using:
        segment_lines.append(f"{pdf.t('export.pdf.canvases_using')}: {', '.join(using)}")
    cards = [
        (pdf.t("export.pdf.goals"), list(persona.goals), ACCENT),
        (pdf.t("export.pdf.frustrations"), list(persona.frustrations), HexColor("#b4493a")),
        (pdf.t("export.pdf.channels"), list(persona.channels), INK),
    ]
    for area in PROFILE_AREAS:
        cards.append((area_label(pdf, area), _ranked(items, area, codes), AREA_INK[area]))
    cards.append((pdf.t("export.pdf.knowledge"), [k for k in knowledge if k], INK))
    cards.append((pdf.t("export.md.touchpoints"), touch, INK))
    cards.append((pdf.t("export.pdf.segment_card"), segment_lines, MUTED))
    for index, (title, entries, card_color) in enumerate(cards):
        col, row = index % 3, index // 3
        cx0 = gx + col * (col_w + 10)
        top = y0 + h - row * (row_h + 10)
        _card(pdf, cx0, top, col_w, row_h, title, entries, card_color)
    pdf.end_page()


def _ranked(items: list[CanvasItem], area: str, codes: dict[str, str]) -> list[str]:
    """Most important first, each named by its code as on the board (canvas.codes)."""
    ranked = by_importance(item for item in items if item.area == area)
    return [f"{pips(item.rank)}  {codes.get(item.id, '')} {item.text}" for item in ranked]


def _card(pdf: Pdf, x: float, top: float, w: float, h: float, title: str, entries: list[str], color: Color) -> None:
    c = pdf.canvas
    c.setStrokeColor(HAIRLINE)
    c.setFillColor(WHITE)
    c.setLineWidth(0.6)
    c.roundRect(x, top - h, w, h, 6, stroke=1, fill=1)
    c.setFillColor(color)
    c.rect(x + 10, top - 4, 22, 2.2, stroke=0, fill=1)
    section_label(pdf, title, x + 10, top - 15, color=color)
    entries = [clean(e) for e in entries if clean(e)]
    if not entries:
        c.setFont(REGULAR, 8)
        c.setFillColor(FAINT)
        c.drawString(x + 10, top - 30, pdf.t("export.pdf.none"))
        return
    text = "\n".join(f"• {e}" for e in entries)
    draw_block(pdf, text, x + 10, top - 22, w - 20, h - 30, sizes=(8.5, 8, 7.5, 7, 6.5, 6, 5.5), leading=1.28)

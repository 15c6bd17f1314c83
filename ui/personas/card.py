"""The persona card (a one-page view to pin on a wall) and the gallery's mini card.

Both are HTML/CSS rendered with st.html. Every piece of user text goes through
html.escape, and the only non-text value (the avatar colour) is checked against a strict
pattern, so nothing a user types can become markup.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from html import escape

from canvas.models import Area, CanvasItem
from canvas.ranking import by_importance
from feedback.models import band_of_estimate
from feedback.nps import Nps, signed, tone
from personas import avatar
from personas.service import PersonaEntry

COLOR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")
STAGES = ("pre_purchase", "purchase", "post_purchase")
PARTICIPATION_LEVEL = {"low": 1, "moderate": 2, "high": 3}

CSS = """
<style>
.nl-card{font-family:"Source Sans","Source Sans Pro",sans-serif;color:#1f2430;background:#fff;
  border:1px solid #e3e5ea;border-radius:14px;overflow:hidden;max-width:1100px;
  box-shadow:0 2px 10px rgba(20,30,50,.06)}
.nl-head{display:flex;gap:22px;align-items:center;padding:22px 26px;
  background:var(--accent);color:#fff;
  background-image:linear-gradient(120deg,rgba(255,255,255,0) 40%,rgba(255,255,255,.16) 100%)}
.nl-avatar{flex:0 0 auto;width:104px;height:104px;border-radius:50%;display:flex;align-items:center;
  justify-content:center;font-size:40px;font-weight:700;letter-spacing:1px;background:rgba(255,255,255,.18);
  border:3px solid rgba(255,255,255,.85);overflow:hidden;color:#fff}
.nl-avatar img{width:100%;height:100%;object-fit:cover}
.nl-name{font-size:30px;font-weight:700;line-height:1.15;word-break:break-word}
.nl-meta{font-size:16px;opacity:.95;margin-top:4px}
.nl-chips{display:flex;flex-wrap:wrap;gap:6px;margin-top:10px}
.nl-chip{display:inline-block;border-radius:999px;padding:2px 10px;font-size:13px;font-weight:600;
  background:rgba(255,255,255,.92);color:#1f2430;word-break:break-word}
.nl-chip.unassigned{background:#fff3cd;color:#7a5200}
.nl-chip.promoter{background:#d8f3e6;color:#0d5c3c}.nl-chip.passive{background:#fff1cc;color:#7a5200}
.nl-chip.detractor{background:#fde0e0;color:#8a1c1c}
.nl-quote{margin:0;padding:18px 28px 6px;font-size:20px;font-style:italic;color:#333;line-height:1.4;
  word-break:break-word}
.nl-quote::before{content:"\\201C";font-size:44px;line-height:0;vertical-align:-16px;color:var(--accent);
  margin-right:4px;font-style:normal}
.nl-body{padding:12px 26px 22px}
.nl-grid{display:grid;grid-template-columns:repeat(3,minmax(0,1fr));gap:14px;margin-top:12px}
.nl-box{background:#f7f8fa;border-radius:10px;padding:12px 14px;min-width:0}
.nl-box h4{margin:0 0 6px;font-size:13px;text-transform:uppercase;letter-spacing:.06em;color:#5b6270}
.nl-box p{margin:0;font-size:15px;line-height:1.45;white-space:pre-wrap;word-break:break-word}
.nl-box ul{margin:0;padding-left:18px;font-size:15px;line-height:1.45}
.nl-box li{word-break:break-word}
.nl-box.jobs{background:#eef4fb;border-top:4px solid #2d6cb5}
.nl-box.pains{background:#fdf0ef;border-top:4px solid #c0392b}
.nl-box.gains{background:#eef8f1;border-top:4px solid #1e8449}
.nl-rank{display:inline-block;min-width:18px;font-size:11px;font-weight:700;color:#fff;background:#5b6270;
  border-radius:4px;text-align:center;margin-right:6px;padding:0 3px}
.nl-empty{color:#9aa0ab}
.nl-journey{display:grid;grid-template-columns:repeat(3,minmax(0,1fr));gap:0;margin-top:12px;
  border-radius:10px;overflow:hidden;border:1px solid #e3e5ea}
.nl-stage{padding:10px 14px;min-width:0}
.nl-stage+.nl-stage{border-left:1px dashed #cfd3da}
.nl-stage h5{margin:0 0 6px;font-size:13px;color:var(--accent);text-transform:uppercase;letter-spacing:.05em}
.nl-stage ul{margin:0;padding-left:16px;font-size:14px}
.nl-stage small{color:#5b6270}
.nl-tags{display:flex;flex-wrap:wrap;gap:6px}
.nl-tag{background:#fff;border:1px solid #d5d9e0;border-radius:999px;padding:1px 10px;font-size:13px;
  word-break:break-word}
.nl-meter{display:flex;gap:4px;margin:2px 0 8px}
.nl-meter span{flex:1;height:8px;border-radius:4px;background:#dde1e7}
.nl-meter span.on{background:var(--accent)}
.nl-k{font-size:13px;margin:0 0 4px;word-break:break-word}
.nl-k b{color:#5b6270}
.nl-mini{font-family:"Source Sans","Source Sans Pro",sans-serif;display:flex;gap:12px;align-items:flex-start;
  color:#1f2430;min-height:96px}
.nl-mini .nl-avatar{width:58px;height:58px;font-size:22px;border:2px solid #fff;background:var(--accent);
  box-shadow:0 0 0 1px #e3e5ea}
.nl-mini-name{font-weight:700;font-size:17px;line-height:1.2;word-break:break-word}
.nl-mini-meta{font-size:13px;color:#5b6270;margin-top:2px;word-break:break-word}
.nl-mini-quote{font-size:13px;font-style:italic;color:#444;margin-top:6px;word-break:break-word}
.nl-mini .nl-chips{margin-top:6px;gap:4px}
.nl-mini .nl-chip{font-size:12px}
.nl-mini .nl-chip:not(.promoter):not(.passive):not(.detractor):not(.unassigned){background:#eef0f4}
.nl-mini-pain{font-size:13px;color:#8a1c1c;margin-top:4px;word-break:break-word}
.nl-mini-pain b{font-weight:600}
@media (max-width:760px){.nl-grid,.nl-journey{grid-template-columns:1fr}
  .nl-stage+.nl-stage{border-left:0;border-top:1px dashed #cfd3da}.nl-head{flex-direction:column;text-align:center}}
@media print{body:has(.nl-card) *{visibility:hidden}
  .nl-card,.nl-card *{visibility:visible}
  .nl-card{position:fixed;left:0;top:0;width:100%;max-width:none;box-shadow:none;border:0}
  .nl-head,.nl-box,.nl-chip,.nl-meter span{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
</style>
"""

Translate = Callable[..., str]


def safe_color(value: str) -> str:
    return value if COLOR_RE.match(value or "") else avatar.PALETTE[0]


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def avatar_html(name: str, image: bytes | None) -> str:
    if image:
        return f'<div class="nl-avatar"><img src="{avatar.data_uri(image)}" alt="{escape(name)}"></div>'
    return f'<div class="nl-avatar" aria-hidden="true">{escape(avatar.initials(name))}</div>'


def meta_line(entry: PersonaEntry, tr: Translate) -> str:
    persona = entry.persona
    parts = []
    if persona.age is not None:
        parts.append(tr("personas.years", age=persona.age))
    if persona.occupation:
        parts.append(persona.occupation)
    if persona.location:
        parts.append(persona.location)
    return " · ".join(escape(part) for part in parts)


def segment_chip(entry: PersonaEntry, tr: Translate) -> str:
    if entry.segment is None:
        return f'<span class="nl-chip unassigned">{escape(tr("personas.unassigned"))}</span>'
    return f'<span class="nl-chip">{escape(shorten(entry.segment.name, 60))}</span>'


def nps_chip(score: int | None, tr: Translate, measured: Nps | None = None) -> str:
    """The measured NPS from imported survey answers when there are any (issue 17);
    otherwise the typed score, labelled as an estimate."""
    if measured is not None and measured.score is not None:
        label = tr("feedback.persona.measured", nps=signed(measured.score), n=measured.n)
        band = tone(measured.score)
        return f'<span class="nl-chip {band}" title="{escape(tr("personas.nps_help"))}">{escape(label)}</span>'
    category = band_of_estimate(score)
    if category is None:
        return ""
    label = tr("personas.nps_badge", score=score, category=tr(f"personas.nps.{category}"))
    # The chip explains itself on hover: what NPS is and where its categories start.
    help_text = escape(tr("personas.nps_help"))
    estimate = escape(tr("feedback.persona.estimate", badge=label))
    return f'<span class="nl-chip {category}" title="{help_text}">{estimate}</span>'


def _list(values: Iterable[str], tr: Translate) -> str:
    items = [f"<li>{escape(value)}</li>" for value in values]
    if not items:
        return f'<p class="nl-empty">{escape(tr("personas.card.nothing"))}</p>'
    return "<ul>" + "".join(items) + "</ul>"


def _ranked(items: list[CanvasItem], tr: Translate, limit: int = 3) -> str:
    if not items:
        return f'<p class="nl-empty">{escape(tr("personas.card.nothing"))}</p>'
    top = by_importance(items)[:limit]
    rows = [f'<li><span class="nl-rank">{item.rank}</span>{escape(item.text)}</li>' for item in top]
    more = ""
    if len(items) > limit:
        more = f'<p class="nl-empty">{escape(tr("personas.card.more", count=len(items) - limit))}</p>'
    return '<ul style="list-style:none;padding-left:0">' + "".join(rows) + "</ul>" + more


def _box(title: str, inner: str, css: str = "") -> str:
    return f'<div class="nl-box {css}"><h4>{escape(title)}</h4>{inner}</div>'


def card_html(entry: PersonaEntry, image: bytes | None, tr: Translate, measured: Nps | None = None) -> str:
    """The full persona card."""
    persona = entry.persona
    accent = safe_color(persona.avatar_color)
    quote = f'<blockquote class="nl-quote">{escape(persona.quote)}</blockquote>' if persona.quote else ""
    bio = (
        f"<p>{escape(persona.bio)}</p>"
        if persona.bio
        else f'<p class="nl-empty">{escape(tr("personas.card.nothing"))}</p>'
    )
    top = "".join(
        _box(tr(f"personas.card.{area.value}"), _ranked(entry.profile.get(area, []), tr), area.value)
        for area in (Area.JOBS, Area.PAINS, Area.GAINS)
    )
    stages = []
    for stage in STAGES:
        points = [tp for tp in persona.touchpoints if tp.stage == stage]
        rows = "".join(
            f"<li>{escape(tp.channel)}" + (f"<br><small>{escape(tp.note)}</small>" if tp.note else "") + "</li>"
            for tp in points
        )
        body = f"<ul>{rows}</ul>" if rows else f'<p class="nl-empty">{escape(tr("personas.card.nothing"))}</p>'
        stages.append(f'<div class="nl-stage"><h5>{escape(tr(f"personas.stage.{stage}"))}</h5>{body}</div>')
    channels = (
        '<div class="nl-tags">'
        + "".join(f'<span class="nl-tag">{escape(c)}</span>' for c in persona.channels)
        + "</div>"
        if persona.channels
        else f'<p class="nl-empty">{escape(tr("personas.card.nothing"))}</p>'
    )
    level = PARTICIPATION_LEVEL.get(persona.participation or "", 0)
    meter = (
        '<div class="nl-meter">'
        + "".join(f'<span class="{"on" if i < level else ""}"></span>' for i in range(3))
        + "</div>"
    )
    participation = (
        f"<p>{escape(tr(f'personas.participation.{persona.participation}'))}</p>{meter}"
        if persona.participation
        else f'<p class="nl-empty">{escape(tr("personas.card.nothing"))}</p>'
    )
    roles = (
        '<div class="nl-tags">'
        + "".join(f'<span class="nl-tag">{escape(tr(f"personas.role.{r}"))}</span>' for r in persona.roles)
        + "</div>"
        if persona.roles
        else ""
    )
    knowledge_rows = [
        (tr("personas.knowledge.for"), persona.knowledge_for),
        (tr("personas.knowledge.from"), persona.knowledge_from),
        (tr("personas.knowledge.about"), persona.knowledge_about),
    ]
    knowledge = (
        "".join(f'<p class="nl-k"><b>{escape(label)}:</b> {escape(text)}</p>' for label, text in knowledge_rows if text)
        or f'<p class="nl-empty">{escape(tr("personas.card.nothing"))}</p>'
    )
    return (
        CSS
        + f'<article class="nl-card" style="--accent:{accent}">'
        + '<header class="nl-head">'
        + avatar_html(persona.name, image)
        + f'<div><div class="nl-name">{escape(persona.name)}</div>'
        + f'<div class="nl-meta">{meta_line(entry, tr)}</div>'
        + f'<div class="nl-chips">{segment_chip(entry, tr)}{nps_chip(persona.nps, tr, measured)}</div></div>'
        + "</header>"
        + quote
        + '<div class="nl-body">'
        + '<div class="nl-grid">'
        + _box(tr("personas.card.bio"), bio)
        + _box(tr("personas.card.goals"), _list(persona.goals, tr))
        + _box(tr("personas.card.frustrations"), _list(persona.frustrations, tr))
        + "</div>"
        + f'<div class="nl-grid">{top}</div>'
        + f'<div class="nl-journey">{"".join(stages)}</div>'
        + '<div class="nl-grid">'
        + _box(tr("personas.card.channels"), channels)
        + _box(tr("personas.card.participation"), participation + roles)
        + _box(tr("personas.knowledge_title"), knowledge)
        + "</div></div></article>"
    )


def mini_html(entry: PersonaEntry, image: bytes | None, tr: Translate, measured: Nps | None = None) -> str:
    """One persona in the gallery: who, which segment, in their own words."""
    persona = entry.persona
    accent = safe_color(persona.avatar_color)
    quote = f'<div class="nl-mini-quote">“{escape(shorten(persona.quote, 110))}”</div>' if persona.quote else ""
    pains = entry.top(Area.PAINS, 1)
    top_pain = ""
    if pains:
        label = escape(tr("personas.card.top_pain"))
        top_pain = f'<div class="nl-mini-pain"><b>{label}:</b> {escape(shorten(pains[0].text, 90))}</div>'
    return (
        f'<div class="nl-mini" style="--accent:{accent}">'
        + avatar_html(persona.name, image)
        + f'<div style="min-width:0"><div class="nl-mini-name">{escape(shorten(persona.name, 60))}</div>'
        + f'<div class="nl-mini-meta">{meta_line(entry, tr)}</div>'
        + quote
        + top_pain
        + f'<div class="nl-chips">{segment_chip(entry, tr)}{nps_chip(persona.nps, tr, measured)}</div></div></div>'
    )

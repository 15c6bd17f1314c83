"""Read-only rendering of a whole project (examples, the lecturer's gallery, peers' work).

Everything here only reads a ProjectView; no widget writes anything. User text goes
through md_escape; the thumbnail SVG holds numbers only, never user text.
"""

from __future__ import annotations

import streamlit as st

from canvas.models import PROFILE_AREAS, VALUE_MAP_AREAS, Area
from canvas.ranking import by_importance
from classroom.rubric import Rubric
from classroom.view import ProjectView
from i18n import plural
from i18n.format import format_number
from ui.common.i18n import current_language, t
from ui.common.text import md_escape

EVIDENCE_ICON = {"assumption": "○", "observed": "◐", "validated": "●"}


def _gap_text(key: str, params: dict) -> str:
    shown = dict(params)
    if "area" in shown:
        shown["area"] = t(f"guided.area.{shown['area']}")
    for name in ("text", "name"):
        if name in shown:
            shown[name] = md_escape(str(shown[name]))
    return t(key, **shown)


def gap_lines(gaps) -> list[str]:
    return [_gap_text(g.key, g.params) for g in gaps]


def rubric_panel(rubric: Rubric, *, hints: int | None = None) -> None:
    """The self-check: five criteria with a bar each and what keeps them below full."""
    st.markdown(f"**{t('guided.rubric')}** · {t('guided.rubric_caption', percent=f'{rubric.percent:.0f}')}")
    if hints is not None:
        st.caption(
            t(
                "guided.fit_line",
                percent=rubric.fit.overall_percent,
                hints=plural(current_language(), "paths.count.hints", hints),
            )
        )
    for criterion in rubric.criteria:
        icon = {"met": "✅", "partial": "🟡", "missing": "⭕"}[criterion.status]
        st.progress(
            criterion.score,
            text=f"{icon} {t(f'rubric.{criterion.name}')} · {t(f'rubric.status.{criterion.status}')}",
        )
        lines = gap_lines(criterion.gaps[:4])
        if lines:
            st.caption("  \n".join(lines))


def thumbnail_svg(bars: tuple[tuple[float, int], ...]) -> str:
    """A small drawing of a canvas: square value map, round profile, one bar per area
    filled by its share of linked notes, with the note count. Numbers only, no user text."""
    parts = [
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 240 110" width="240" height="110">',
        '<rect x="4" y="4" width="104" height="102" rx="4" fill="#f4efe6" stroke="#2f6f5e"/>',
        '<circle cx="183" cy="55" r="51" fill="#eef4f1" stroke="#2f6f5e"/>',
    ]
    for index, (share, count) in enumerate(bars):
        x, y = (14, 16 + index * 30) if index < 3 else (146, 26 + (index - 3) * 24)
        width = 76
        parts.append(f'<rect x="{x}" y="{y}" width="{width}" height="10" rx="3" fill="#d9d2c5"/>')
        parts.append(f'<rect x="{x}" y="{y}" width="{width * float(share):.1f}" height="10" rx="3" fill="#2f6f5e"/>')
        parts.append(f'<text x="{x + width + 3}" y="{y + 9}" font-size="9" fill="#333">{int(count):d}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _area_markdown(items) -> str:
    if not items:
        return f"_{t('view.empty_area')}_"
    lines = []
    for item in by_importance(items):
        evidence = EVIDENCE_ICON.get(item.evidence, "○")
        lines.append(f"- **{item.rank}** {md_escape(item.text)} {evidence} _{t(f'view.evidence.{item.evidence}')}_")
    return "\n".join(lines)


def canvas_block(view: ProjectView, canvas_id: str | None) -> None:
    canvas = view.canvas(canvas_id)
    if canvas is None:
        st.info(t("view.no_canvas"))
        return
    items = view.canvas_items(canvas)
    st.markdown(f"#### {md_escape(canvas.name)}")
    if canvas.description:
        st.caption(md_escape(canvas.description))
    for group in (VALUE_MAP_AREAS, PROFILE_AREAS):
        columns = st.columns(3)
        for column, area in zip(columns, group, strict=True):
            with column, st.container(border=True):
                st.markdown(f"**{t(f'guided.area.{area}')}**")
                st.markdown(_area_markdown([i for i in items if i.area == Area(area)]))
    st.caption(t("view.links", count=len(view.canvas_links(canvas))))


def portfolio_block(view: ProjectView) -> None:
    for segment in view.segments:
        line = t(
            "view.segment_line",
            decision=t(f"view.decision.{segment.decision}"),
            attractiveness=segment.attractiveness,
            capability=segment.capability,
            size=format_number(current_language(), segment.size),
        )
        reason = f" — {md_escape(segment.decision_reason)}" if segment.decision_reason else ""
        st.markdown(f"- **{md_escape(segment.name)}** · {line}{reason}")


def personas_block(view: ProjectView) -> None:
    columns = st.columns(max(1, min(3, len(view.personas))))
    for column, persona in zip(columns, view.personas, strict=False):
        with column, st.container(border=True):
            st.markdown(f"**{md_escape(persona.name)}**" + (f", {persona.age}" if persona.age else ""))
            st.caption(md_escape(" · ".join(x for x in (persona.occupation, persona.location) if x)))
            if persona.quote:
                st.markdown(f"> {md_escape(persona.quote)}")
            if persona.goals:
                st.markdown(f"*{t('view.goals')}*: " + md_escape("; ".join(persona.goals)))
            if persona.frustrations:
                st.markdown(f"*{t('view.frustrations')}*: " + md_escape("; ".join(persona.frustrations)))
            if persona.nps is not None:
                st.caption(t("view.nps", score=persona.nps))


def competitors_block(view: ProjectView, canvas_id: str | None) -> None:
    canvas = view.canvas(canvas_id)
    if canvas is None:
        return
    offerings = view.offerings(canvas)
    factors = view.canvas_factors(canvas)
    if not offerings:
        return
    scores = view.score_map(canvas)
    table = {
        t("view.offering"): [f"{o.name} ({t(f'view.kind.{o.kind}')})" for o in offerings],
        **{f.name: [scores.get((f.id, o.id)) for o in offerings] for f in factors},
    }
    # A dataframe shows user text as data, never as Markdown or HTML.
    st.dataframe(table, hide_index=True, width="stretch")


def project_view(view: ProjectView, canvas_id: str | None, *, key: str) -> None:
    """The whole project, read-only: portfolio, personas, the chosen canvas, competitors, rubric."""
    canvases = view.canvases
    chosen = view.canvas(canvas_id)
    if chosen is not None and len(canvases) > 1:
        ids = [c.id for c in canvases]
        names = {c.id: c.name for c in canvases}
        picked = st.selectbox(
            t("guided.canvas"), ids, index=ids.index(chosen.id), format_func=names.__getitem__, key=f"{key}.canvas"
        )
        chosen = view.canvas(picked)
    tabs = st.tabs(
        [t("view.canvas"), t("view.portfolio"), t("view.personas"), t("view.competitors"), t("guided.rubric")]
    )
    with tabs[0]:
        canvas_block(view, chosen.id if chosen else None)
    with tabs[1]:
        portfolio_block(view)
    with tabs[2]:
        personas_block(view)
    with tabs[3]:
        competitors_block(view, chosen.id if chosen else None)
    with tabs[4]:
        if chosen is not None:
            rubric_panel(view.rubric(chosen), hints=view.hint_count(chosen))
        else:
            st.info(t("view.no_canvas"))

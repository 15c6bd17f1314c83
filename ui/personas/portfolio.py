"""The customer portfolio page's pieces: segment form, chart, the exclusion summary, the list."""

from __future__ import annotations

from typing import Any, Literal

import streamlit as st

from core.errors import StaleVersion
from core.models import text_limit
from i18n.format import format_number
from personas import portfolio
from personas import service as persona_service
from personas.models import Segment, SegmentDraft
from ui.common import feedback
from ui.common.actor import current_actor
from ui.common.errors import guard
from ui.common.i18n import current_language, t
from ui.common.popover import close_popover, closing_popover
from ui.common.state import get_store
from ui.common.text import md_escape, shorten
from ui.personas import state

# The domain's limits: each box shows its limit and counts towards it while typing.
NAME_LIMIT = text_limit(SegmentDraft, "name")
LONG_LIMIT = text_limit(SegmentDraft, "description")
SHORT_LIMIT = text_limit(SegmentDraft, "decision_reason")

SCALE = (1, 2, 3, 4, 5)
DECISION_ICONS = {"target": ":material/my_location:", "consider": ":material/help:", "exclude": ":material/block:"}
DECISION_BADGE: dict[str, Literal["green", "orange", "gray"]] = {
    "target": "green",
    "consider": "orange",
    "exclude": "gray",
}


def fmt_size(size: int) -> str:
    return format_number(current_language(), size)


def _segment_fields(k: str, segment: Segment | None) -> dict[str, Any]:
    """The widgets of a segment; keys under `k`. Returns the values entered."""
    tr = state.fixed_t()
    name = st.text_input(t("field.name"), value=segment.name if segment else "", key=f"{k}.name", max_chars=NAME_LIMIT)
    description = st.text_area(
        t("field.description"),
        value=segment.description if segment else "",
        key=f"{k}.description",
        height=70,
        max_chars=LONG_LIMIT,
    )
    size = st.number_input(
        t("portfolio.field.size"),
        min_value=0,
        max_value=10_000_000_000,
        step=100,
        value=segment.size if segment else 0,
        key=f"{k}.size",
    )
    c1, c2 = st.columns(2)
    with c1:
        attractiveness = st.segmented_control(
            t("portfolio.field.attractiveness"),
            SCALE,
            default=segment.attractiveness if segment else 3,
            required=True,
            help=t("portfolio.help.attractiveness"),
            key=f"{k}.attractiveness",
        )
        attractiveness_note = st.text_input(
            t("portfolio.field.note"),
            value=segment.attractiveness_note if segment else "",
            key=f"{k}.attractiveness_note",
            max_chars=SHORT_LIMIT,
        )
    with c2:
        capability = st.segmented_control(
            t("portfolio.field.capability"),
            SCALE,
            default=segment.capability if segment else 3,
            required=True,
            help=t("portfolio.help.capability"),
            key=f"{k}.capability",
        )
        capability_note = st.text_input(
            t("portfolio.field.note"),
            value=segment.capability_note if segment else "",
            key=f"{k}.capability_note",
            max_chars=SHORT_LIMIT,
        )
    decision = st.segmented_control(
        t("portfolio.field.decision"),
        portfolio.DECISIONS,
        default=segment.decision if segment else "consider",
        required=True,
        format_func=lambda d: tr(f"portfolio.decision.{d}"),
        key=f"{k}.decision",
    )
    reason = st.text_input(
        t("portfolio.field.reason"),
        value=segment.decision_reason if segment else "",
        key=f"{k}.reason",
        max_chars=SHORT_LIMIT,
    )
    return {
        "name": name,
        "description": description,
        "size": size,
        "attractiveness": attractiveness,
        "attractiveness_note": attractiveness_note,
        "capability": capability,
        "capability_note": capability_note,
        "decision": decision,
        "decision_reason": reason,
    }


def new_segment_form(project_id: str) -> None:
    with closing_popover(t("portfolio.new"), "portfolio.new_popover", icon=":material/add:", type="primary"):
        with st.form("portfolio.new_form", clear_on_submit=True, border=False):
            values = _segment_fields("portfolio.new", None)
            if st.form_submit_button(t("portfolio.create"), type="primary"):
                with guard():
                    segment = persona_service.create_segment(get_store(), current_actor(), project_id, **values)
                    feedback.flash("portfolio.created", name=segment.name)
                    close_popover("portfolio.new_popover")
                    st.rerun()


def edit_segment_form(segment: Segment) -> None:
    base = state.base_version("segment", segment.id, segment.version)
    k = f"portfolio.edit.{segment.id}.{base}"
    with st.form(f"{k}.form", border=False):
        values = _segment_fields(k, segment)
        if st.form_submit_button(t("portfolio.save"), type="primary", icon=":material/save:"):
            current = segment.model_dump()
            changes = {key: value for key, value in values.items() if current.get(key) != value}
            if changes:
                with guard():
                    try:
                        saved = persona_service.update_segment(
                            get_store(), current_actor(), segment.id, base, **changes
                        )
                    except StaleVersion as error:
                        state.rebase("segment", segment.id, error.current.version)
                        raise
                    state.rebase("segment", segment.id, saved.version)
                    feedback.flash("portfolio.saved")
                    st.rerun()


def chart(segments: list[Segment]) -> None:
    figure = portfolio.bubble_chart(segments, state.fixed_t(), language=current_language())
    st.plotly_chart(figure, config={"displayModeBar": False, "responsive": True}, key="portfolio.chart")


def choosing_summary(segments: list[Segment], persona_counts: dict[str, int]) -> None:
    summary = portfolio.summarize(segments)
    with st.container(border=True, key="portfolio-choosing"):
        st.markdown(f"## {t('portfolio.choosing_title')}")  # a section under the page's h1
        st.markdown(
            t(
                "portfolio.choosing_counts",
                target=len(summary.targeted),
                consider=len(summary.by_decision["consider"]),
                exclude=len(summary.excluded),
            )
        )
        if summary.total_size:
            st.caption(t("portfolio.target_share", share=round(summary.target_share * 100)))
        if not summary.targeted:
            st.caption(t("portfolio.no_target"))
        st.markdown(f"**{t('portfolio.excluded_title')}**")
        if not summary.excluded:
            st.info(t("portfolio.no_exclusions"), icon=":material/block:")
        for segment in summary.excluded:
            reason = segment.decision_reason.strip()
            shown = md_escape(reason) if reason else f"*{t('portfolio.missing_reason')}*"
            st.markdown(f":material/block: **{md_escape(shorten(segment.name, 80))}** — {shown}")
            if persona_counts.get(segment.id):
                st.caption(t("portfolio.excluded_has_personas", count=persona_counts[segment.id]))


def segment_list(segments: list[Segment], persona_counts: dict[str, int]) -> None:
    st.header(t("portfolio.list_title"))
    ordered = sorted(segments, key=lambda s: (portfolio.DECISIONS.index(s.decision), s.position))
    for segment in ordered:
        with st.container(border=True, key=f"portfolio-segment-{segment.id}"):
            with st.container(horizontal=True, vertical_alignment="center"):
                st.markdown(f"**{md_escape(shorten(segment.name, 100))}**", width="content")
                st.badge(
                    t(f"portfolio.decision.{segment.decision}"),
                    icon=DECISION_ICONS[segment.decision],
                    color=DECISION_BADGE[segment.decision],
                )
                if st.button(
                    t("portfolio.persona_count", count=persona_counts.get(segment.id, 0)),
                    key=f"portfolio.personas.{segment.id}",
                    icon=":material/groups:",
                    type="tertiary",
                    help=t("portfolio.show_personas"),
                ):
                    st.session_state[state.FILTER_KEY] = segment.id
                    state.select_persona(None)
                    st.switch_page("pages/personas.py")
            if segment.description:
                st.markdown(md_escape(segment.description))
            st.caption(
                t("portfolio.scores", a=segment.attractiveness, c=segment.capability, size=fmt_size(segment.size))
            )
            notes = []
            if segment.attractiveness_note:
                notes.append(f"*{t('portfolio.why_a')}:* {md_escape(segment.attractiveness_note)}")
            if segment.capability_note:
                notes.append(f"*{t('portfolio.why_c')}:* {md_escape(segment.capability_note)}")
            if segment.decision_reason:
                notes.append(f"*{t('portfolio.reason_label')}:* {md_escape(segment.decision_reason)}")
            if notes:
                st.markdown("  \n".join(notes))
            with st.expander(t("portfolio.edit"), icon=":material/edit:"):
                edit_segment_form(segment)
                st.divider()
                st.caption(t("portfolio.delete_note"))
                if st.button(t("portfolio.delete"), key=f"portfolio.delete.{segment.id}", icon=":material/delete:"):
                    with guard():
                        persona_service.delete_segment(get_store(), current_actor(), segment.id)
                        feedback.offer_undo(
                            state.PORTFOLIO_UNDO_SCOPE,
                            feedback.Deleted("segment", segment.id),
                            "portfolio.deleted",
                            name=segment.name,
                        )
                        st.rerun()


def undo_banner() -> None:
    feedback.undo_banner(
        state.PORTFOLIO_UNDO_SCOPE,
        lambda deleted: persona_service.restore_segment(get_store(), current_actor(), deleted.id),
    )

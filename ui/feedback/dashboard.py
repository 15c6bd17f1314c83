"""The Net Promoter dashboard: the overall score with its interval, the journey chart, and
NPS by segment, persona, stage, touchpoint or month, each group warned under 30 answers."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from export.service import download_for
from feedback import service as feedback
from feedback.models import STAGES
from feedback.nps import DIMENSIONS, FEW_ANSWERS, Nps, signed
from i18n.format import format_number
from ui.common.actor import current_actor
from ui.common.i18n import current_language, t
from ui.common.state import get_store
from ui.feedback.chart import JourneyLabels, journey_figure

CHART_CONFIG = {"displaylogo": False, "responsive": True, "modeBarButtonsToRemove": ["select2d", "lasso2d"]}


def interval_text(result: Nps) -> str:
    if result.interval is None:
        return "–"
    low, high = result.interval
    return t("feedback.nps.interval", low=signed(low), high=signed(high))


def stage_names() -> dict[str, str]:
    return {**{stage: t(f"feedback.stage.{stage}") for stage in STAGES}, "": t("feedback.not_given")}


def group_name(dimension: str, value: str, board: feedback.Dashboard) -> str:
    if not value:
        return t("feedback.not_given")
    if dimension == "stage":
        return stage_names().get(value, value)
    if dimension == "persona":
        return board.persona_names.get(value, value)
    return value


def headline(board: feedback.Dashboard) -> None:
    total = board.total
    n = max(total.n, 1)
    with st.container(horizontal=True, gap="medium", key="feedback-headline"):
        st.metric(t("feedback.nps.title"), signed(total.score), border=True, help=t("feedback.nps.help"))
        st.metric(t("feedback.nps.interval_label"), interval_text(total), border=True, help=t("feedback.nps.method"))
        st.metric(t("feedback.nps.answers"), format_number(current_language(), total.n), border=True)
        st.metric(
            t("feedback.nps.bands"),
            t(
                "feedback.nps.bands_value",
                promoters=round(100 * total.promoters / n),
                passives=round(100 * total.passives / n),
                detractors=round(100 * total.detractors / n),
            ),
            border=True,
        )
    if total.few:
        st.warning(t("feedback.nps.few", count=total.n, minimum=FEW_ANSWERS), icon=":material/warning:")


def journey_chart(board: feedback.Dashboard) -> None:
    points = board.journey()
    if not points:
        return
    labels = JourneyLabels(
        title=t("feedback.journey.title"),
        nps_axis=t("feedback.journey.nps_axis"),
        nps_name=t("feedback.journey.nps_name"),
        count_name=t("feedback.journey.count_name"),
        stages=stage_names(),
        no_touchpoint=t("feedback.not_given"),
        hover=t("feedback.journey.hover"),
        few_name=t("feedback.journey.few_name", minimum=FEW_ANSWERS),
    )
    st.plotly_chart(journey_figure(points, labels), config=CHART_CONFIG, key="feedback.journey", width="stretch")
    st.caption(t("feedback.journey.caption", minimum=FEW_ANSWERS))


def by_group(board: feedback.Dashboard) -> None:
    names = {dimension: t(f"feedback.by.{dimension}") for dimension in DIMENSIONS}
    dimension = st.segmented_control(
        t("feedback.by.label"),
        DIMENSIONS,
        default="touchpoint",
        format_func=names.__getitem__,
        key="feedback.by",
    )
    dimension = dimension or "touchpoint"
    groups = board.by(dimension)
    rows = [
        {
            t("feedback.by.group"): group_name(dimension, value, board),
            t("feedback.nps.answers"): result.n,
            "NPS": round(result.score or 0),
            t("feedback.nps.interval_label"): interval_text(result),
            t("feedback.by.note"): t("feedback.by.few", minimum=FEW_ANSWERS) if result.few else "",
        }
        for value, result in groups.items()
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", key="feedback.by_table")
    few = sum(1 for result in groups.values() if result.few)
    if few:
        st.caption(t("feedback.by.few_count", count=few, minimum=FEW_ANSWERS))


def show(project_id: str) -> None:
    board = feedback.dashboard(get_store(), current_actor(), project_id)
    if not board.total.n:
        st.info(t("feedback.empty"), icon=":material/upload_file:")
        return
    headline(board)
    journey_chart(board)
    st.header(t("feedback.by.title"))
    by_group(board)
    store, actor, language = get_store(), current_actor(), current_language()
    st.download_button(
        t("feedback.export.csv"),
        # Built only when clicked (on another thread: everything it needs is bound now).
        lambda: download_for(store, actor, project_id, "survey_csv", language=language).data,
        file_name="survey-answers.csv",
        mime="text/csv",
        icon=":material/download:",
        key="feedback.download",
        on_click="ignore",
    )

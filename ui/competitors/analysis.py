"""Competitors page, analysis tabs: the strategy canvas chart, the ERRC grid, and the
"relevant and unique" table."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

import streamlit as st

from competitors import errc as competitor_errc
from competitors.analysis import ErrcSuggestion, RelevanceRow
from competitors.comparison import Comparison
from competitors.models import ERRC_ACTIONS, ErrcMove, ErrcMoveDraft
from core.models import text_limit
from ui.common import feedback
from ui.common.actor import current_actor
from ui.common.errors import guard
from ui.common.i18n import t
from ui.common.state import get_store
from ui.common.text import md_escape, shorten
from ui.competitors.chart import ChartLabels, build_figure, compact_below_px
from ui.competitors.setup import deleted_move_undo, editing, row_buttons, stop_editing, toggle_edit

# The domain's limits: each box shows its limit and counts towards it while typing.
MOVE_LIMIT = text_limit(ErrcMoveDraft, "text")

# On a phone Plotly's toolbar sits over the legend; there it is hidden (static CSS).
SMALL_SCREEN_CSS = (
    "<style>@media (max-width: 640px) { [data-testid=stPlotlyChart] .modebar-container { display: none !important; } }"
    "</style>"
)
# Two figures, one shown: the wide one with the factor names on the axis while the chart's
# own width leaves each name room to sit level, else the compact one with numbered factors
# and their names listed below. A container query, so the sidebar and the tab's width count,
# not only the screen's; the threshold grows with the number of factors.
CHART_SWITCH_CSS = (
    "<style>.st-key-competitors-chart {{ container-type: inline-size; }}"
    " .st-key-competitors-chart-compact {{ display: none; }}"
    " @container (max-width: {px}px) {{ .st-key-competitors-chart-wide {{ display: none; }}"
    " .st-key-competitors-chart-compact {{ display: flex; }} }}</style>"
)
CHART_CONFIG = {
    "displaylogo": False,
    "responsive": True,
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d"],
    "toImageButtonOptions": {"format": "png", "filename": "strategy-canvas", "scale": 2, "width": 1200, "height": 560},
}


# -- strategy canvas ------------------------------------------------------------------


def chart_labels(canvas_name: str) -> ChartLabels:
    return ChartLabels(
        title=t("competitors.chart.title", canvas=canvas_name),
        x_axis=t("competitors.chart.x"),
        y_axis=t("competitors.chart.y"),
        importance=t("competitors.chart.hover", importance="{importance}"),
        ours_suffix=t("competitors.chart_legend_ours", name="{name}"),
    )


def strategy_chart(data: Comparison) -> None:
    st.header(t("competitors.tab.chart"))
    st.caption(t("competitors.chart_help"))
    canvas = data.strategy_canvas()
    if canvas.empty or not data.scores:
        st.info(t("competitors.chart_empty"), icon=":material/show_chart:")
        return
    labels = chart_labels(data.canvas.name)
    st.html(SMALL_SCREEN_CSS + CHART_SWITCH_CSS.format(px=compact_below_px(len(canvas.factors))))
    # The title in Markdown: it wraps on a phone, where Plotly's own title is cut.
    st.markdown(f"### {md_escape(labels.title)}")
    with st.container(key="competitors-chart"):
        with st.container(key="competitors-chart-wide"):
            figure = build_figure(canvas, labels, titled=False)
            st.plotly_chart(figure, config=CHART_CONFIG, key="competitors.chart", width="stretch")
        with st.container(key="competitors-chart-compact"):
            compact = build_figure(canvas, labels, titled=False, compact=True, height=440)
            st.plotly_chart(compact, config=CHART_CONFIG, key="competitors.chart_compact", width="stretch")
            st.markdown(
                "\n".join(
                    f"{number}. {md_escape(factor.name)} · {t('competitors.chart.hover', importance=factor.importance)}"
                    for number, factor in enumerate(canvas.factors, start=1)
                )
            )


# -- ERRC -----------------------------------------------------------------------------


def action_labels() -> dict[str, str]:
    """Translated now, so a format_func never depends on when it is called."""
    return {action: t(f"errc.action.{action}") for action in ERRC_ACTIONS}


def _plain(params: dict[str, Any]) -> dict[str, Any]:
    return params


def _escaped(params: dict[str, Any]) -> dict[str, Any]:
    return {k: md_escape(v) if isinstance(v, str) else v for k, v in params.items()}


def suggestion_text(suggestion: ErrcSuggestion, *, markdown: bool = False) -> tuple[str, str]:
    """The suggestion's move and reason in the user's language (escaped for Markdown if asked)."""
    params = _escaped(suggestion.params) if markdown else _plain(suggestion.params)
    factor = suggestion.params.get("factor")
    if isinstance(factor, str) and not markdown:
        params = {**params, "factor": shorten(factor, 100)}
    return t(suggestion.text_key, **params), t(suggestion.reason_key, **params)


def _accept_buttons(data: Comparison, suggestion: ErrcSuggestion) -> None:
    text, reason = suggestion_text(suggestion)
    prefix = f"competitors.errc.{suggestion.key}"
    with st.container(horizontal=True, gap="small", vertical_alignment="center"):
        if st.button(t("errc.accept"), key=f"{prefix}.accept", icon=":material/check:", type="primary"):
            with guard():
                competitor_errc.accept_suggestion(
                    get_store(), current_actor(), data.canvas.id, suggestion.key, text[:500], reason[:500]
                )
                feedback.flash("errc.accepted")
                st.rerun()
        st.button(
            "",
            key=f"{prefix}.edit",
            icon=":material/edit:",
            help=t("errc.edit_accept"),
            type="tertiary",
            on_click=toggle_edit,
            args=("suggestion", suggestion.key),
        )
        if st.button("", key=f"{prefix}.dismiss", icon=":material/close:", help=t("errc.dismiss"), type="tertiary"):
            with guard():
                competitor_errc.dismiss_suggestion(
                    get_store(), current_actor(), data.canvas.id, suggestion.key, text[:500], reason[:500]
                )
                feedback.flash("errc.dismissed")
                st.rerun()
    if editing("suggestion", suggestion.key):
        with st.form(f"{prefix}.edit_form", border=False):
            action = st.selectbox(
                t("errc.field.action"),
                ERRC_ACTIONS,
                index=ERRC_ACTIONS.index(suggestion.action),
                format_func=action_labels().__getitem__,
                key=f"{prefix}.edit_action",
            )
            edited = st.text_area(
                t("errc.field.text"),
                value=text[:MOVE_LIMIT],
                key=f"{prefix}.edit_text",
                height=90,
                max_chars=MOVE_LIMIT,
            )
            if st.form_submit_button(t("errc.accept"), icon=":material/check:"):
                with guard():
                    competitor_errc.accept_suggestion(
                        get_store(), current_actor(), data.canvas.id, suggestion.key, edited, reason[:500], action
                    )
                    stop_editing()
                    feedback.flash("errc.accepted")
                    st.rerun()


def _move_card(move: ErrcMove) -> None:
    with st.container(border=True, key=f"competitors-move-{move.id}"):
        st.markdown(md_escape(move.text))
        if move.reason:
            st.caption(md_escape(move.reason))
        elif move.status == "own":
            st.caption(t("errc.own"))
        with st.container(horizontal=True, gap="small"):
            if row_buttons("move", move.id, on_delete=True):
                with guard():
                    competitor_errc.delete_move(get_store(), current_actor(), move.id, move.version)
                    deleted_move_undo(move)
                    st.rerun()
        if editing("move", move.id):
            with st.form(f"competitors.move_form.{move.id}", border=False):
                action = st.selectbox(
                    t("errc.field.action"),
                    ERRC_ACTIONS,
                    index=ERRC_ACTIONS.index(move.action),
                    format_func=action_labels().__getitem__,
                    key=f"competitors.move_action.{move.id}",
                )
                text = st.text_area(
                    t("errc.field.text"), value=move.text, key=f"competitors.move_text.{move.id}", max_chars=MOVE_LIMIT
                )
                if st.form_submit_button(t("competitors.save"), icon=":material/save:"):
                    with guard():
                        competitor_errc.update_move(get_store(), current_actor(), move.id, move.version, action, text)
                        stop_editing()
                        feedback.flash("competitors.saved")
                        st.rerun()


def _suggestion_card(data: Comparison, suggestion: ErrcSuggestion) -> None:
    text, reason = suggestion_text(suggestion, markdown=True)
    with st.container(border=True, key=f"competitors-suggestion-{suggestion.key.replace(':', '-')}"):
        st.markdown(f":orange-badge[{t('errc.suggested')}] {text}")
        st.caption(reason)
        _accept_buttons(data, suggestion)


def errc_grid(data: Comparison) -> None:
    st.header(t("errc.title"))
    st.caption(t("errc.help"))
    open_suggestions = data.open_suggestions()
    kept = [m for m in data.moves if m.status != "dismissed"]
    columns = st.columns(len(ERRC_ACTIONS), border=False)
    for column, action in zip(columns, ERRC_ACTIONS, strict=True):
        with column:
            st.markdown(f"#### {t(f'errc.action.{action}')}")
            st.caption(t(f"errc.action_help.{action}"))
            moves = [m for m in kept if m.action == action]
            for move in moves:
                _move_card(move)
            suggestions = [s for s in open_suggestions if s.action == action]
            for suggestion in suggestions:
                _suggestion_card(data, suggestion)
            if not moves and not suggestions:
                st.caption(t("errc.empty_column"))
    if not open_suggestions:
        st.caption(t("errc.no_suggestions"))
    _own_move_form(data)
    dismissed = [m for m in data.moves if m.status == "dismissed"]
    if dismissed:
        with st.expander(t("errc.dismissed_list", count=len(dismissed)), icon=":material/visibility_off:"):
            for move in dismissed:
                with st.container(horizontal=True, vertical_alignment="center"):
                    st.markdown(f"**{t(f'errc.action.{move.action}')}** · {md_escape(move.text)}")
                    if st.button(t("errc.undismiss"), key=f"competitors.undismiss.{move.id}", icon=":material/undo:"):
                        with guard():
                            competitor_errc.delete_move(get_store(), current_actor(), move.id, move.version)
                            st.rerun()


def _own_move_form(data: Comparison) -> None:
    with st.form("competitors.own_move", clear_on_submit=True, border=True):
        st.markdown(f"**{t('errc.add_own')}**")
        with st.container(horizontal=True, vertical_alignment="bottom"):
            action = st.selectbox(
                t("errc.field.action"),
                ERRC_ACTIONS,
                format_func=action_labels().__getitem__,
                key="competitors.own_action",
                width=180,
            )
            text = st.text_input(t("errc.field.text"), key="competitors.own_text", max_chars=MOVE_LIMIT)
            submitted = st.form_submit_button(t("competitors.add"), icon=":material/add:")
        if submitted:
            with guard():
                competitor_errc.add_own_move(get_store(), current_actor(), data.canvas.id, action, text)
                feedback.flash("errc.added")
                st.rerun()


# -- relevant and unique --------------------------------------------------------------


def relevance_table(data: Comparison) -> None:
    st.header(t("relevance.title"))
    st.caption(t("relevance.help"))
    report = data.relevance()
    if not report.rows:
        st.info(t("relevance.empty"), icon=":material/info:")
        return
    with st.container(horizontal=True):
        st.metric(t("relevance.score"), report.score, help=t("relevance.score_help"), border=True)
        st.metric(
            t("relevance.index"),
            "—" if report.index is None else f"{report.index:+.0f}",
            help=t("relevance.score_help"),
            border=True,
        )
        for kind in ("unique", "parity", "gap", "irrelevant"):
            st.metric(
                t(f"relevance.class.{kind}"), report.count(kind), help=t(f"relevance.explain.{kind}"), border=True
            )
    st.html(RELEVANCE_CSS + relevance_html(report.rows))


# A plain table: read-only text wraps in full (a grid cuts it with "…"). On a phone each
# row becomes a card, its cells labelled by their column.
RELEVANCE_CSS = """<style>
.nilai-relevance { width: 100%; border-collapse: collapse; font-size: 0.92rem; }
.nilai-relevance th, .nilai-relevance td { text-align: left; vertical-align: top; padding: 0.4rem 0.6rem;
  border-bottom: 1px solid rgba(49, 51, 63, 0.15); overflow-wrap: break-word; }
.nilai-relevance th { font-weight: 600; background: rgba(49, 51, 63, 0.04); }
.nilai-relevance td.num, .nilai-relevance th.num { text-align: right; }
.nilai-relevance .cls-unique { color: #1b5e20; font-weight: 600; }
.nilai-relevance .cls-gap { color: #a4262c; font-weight: 600; }
@media (max-width: 640px) {
  .nilai-relevance thead { display: none; }  /* each cell says its column instead */
  .nilai-relevance tr { display: block; border-bottom: 1px solid rgba(49, 51, 63, 0.25); padding: 0.3rem 0; }
  .nilai-relevance td { display: grid; grid-template-columns: 9rem 1fr; gap: 0.5rem; border: none;
    padding: 0.15rem 0.3rem; }
  .nilai-relevance td.num { text-align: left; }
  .nilai-relevance td::before { content: attr(data-label); font-weight: 600; color: rgba(49, 51, 63, 0.7); }
}
</style>"""


NUM = ' class="num"'


def relevance_html(rows: Sequence[RelevanceRow]) -> str:
    """The relevant-and-unique rows as an HTML table; every user text escaped."""
    none = t("relevance.none")
    columns = ("class", "item", "area", "addresses", "rivals", "weight")
    labels = {c: html.escape(t(f"relevance.col.{c}")) for c in columns}
    head = "".join(f'<th scope="col"{NUM if c == "weight" else ""}>{labels[c]}</th>' for c in columns)
    body = []
    for r in rows:
        addresses = ("; ".join(c.text for c in r.customer_items) or none) if r.relevance != "gap" else none
        cells = {
            "class": t(f"relevance.class.{r.relevance}"),
            "item": r.item.text,
            "area": t(f"competitors.area.{r.item.area}"),
            "addresses": addresses,
            "rivals": "; ".join(r.rivals) or none,
            "weight": str(r.weight),
        }
        tds = "".join(
            f'<td data-label="{labels[c]}"'
            + (f' class="cls-{r.relevance}"' if c == "class" else NUM if c == "weight" else "")
            + f">{html.escape(cells[c])}</td>"
            for c in columns
        )
        body.append(f"<tr>{tds}</tr>")
    return f'<table class="nilai-relevance"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'

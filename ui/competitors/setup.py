"""Competitors page, first tab: the canvas picker, offerings (ours, competitors,
substitutes) and the factors customers value. Also the page's flash and undo banners."""

from __future__ import annotations

import streamlit as st

from canvas import canvases as canvas_canvases
from canvas.models import Canvas
from canvas.ranking import RANK_MAX
from competitors import comparison as competitor_comparison
from competitors import errc as competitor_errc
from competitors import factors as competitor_factors
from competitors import offerings as competitor_offerings
from competitors.comparison import Comparison
from competitors.models import Competitor, CompetitorDraft, ErrcMove, Factor, OfferingKind
from core.errors import NotFound
from core.models import text_limit
from ui.common import feedback
from ui.common.actor import current_actor
from ui.common.errors import guard
from ui.common.i18n import t
from ui.common.popover import close_popover, closing_popover
from ui.common.state import current_canvas_id, get_store, select_canvas
from ui.common.text import md_escape, shorten

# The domain's limits: each box shows its limit and counts towards it while typing.
NAME_LIMIT = text_limit(CompetitorDraft, "name")
LONG_LIMIT = text_limit(CompetitorDraft, "description")

UNDO_SCOPE = "competitors"
EDITING_KEY = "competitors.editing"
KINDS: tuple[OfferingKind, ...] = ("competitor", "substitute")
IMPORTANCE = (1, 2, 3, 4, 5)


def comparison(canvas_id: str) -> Comparison:
    """The canvas's comparison, as this session's actor may read it."""
    return competitor_comparison.load_comparison(get_store(), current_actor(), canvas_id)


def undo_banner() -> None:
    feedback.undo_banner(UNDO_SCOPE, _restore, restored_key="competitors.restored")


def _restore(deleted: feedback.Deleted) -> None:
    restore = {
        "competitor": competitor_offerings.restore_competitor,
        "factor": competitor_factors.restore_factor,
        "move": competitor_errc.restore_move,
    }[deleted.kind]
    restore(get_store(), current_actor(), deleted.id)


def pick_canvas(project_id: str) -> Canvas | None:
    """The canvas to compare: the one in the URL/session if it belongs here, else the first."""
    canvases = canvas_canvases.list_canvases(get_store(), current_actor(), project_id)
    if not canvases:
        st.info(t("competitors.no_canvas"), icon=":material/dashboard:")
        return None
    by_id = {c.id: c for c in canvases}
    current = current_canvas_id()
    if current not in by_id:
        if len(canvases) > 1:
            current = None  # several canvases and none chosen yet: ask, never guess
        else:
            current = canvases[0].id
            select_canvas(current)
    if len(canvases) > 1:
        chosen = st.selectbox(
            t("competitors.canvas"),
            list(by_id),
            index=list(by_id).index(current) if current else None,
            format_func=lambda cid: shorten(by_id[cid].name, 80),
            placeholder=t("paths.competitors.choose_canvas"),
            key="competitors.canvas_pick",
        )
        if chosen is None:
            st.info(t("paths.competitors.which_canvas"), icon=":material/dashboard:")
            return None
        if chosen != current:
            select_canvas(chosen)
            st.rerun()
        return by_id[chosen]
    return canvases[0]  # the only one


def _start_comparison(canvas_id: str) -> None:
    with guard():
        competitor_offerings.ensure_our_offer(
            get_store(), current_actor(), canvas_id, t("competitors.our_offer_default")
        )


def start_comparison(canvas: Canvas) -> None:
    """A canvas with no comparison yet: say what starting one adds, and add it only when asked."""
    st.info(t("paths.competitors.not_started", canvas=md_escape(canvas.name)), icon=":material/leaderboard:")
    st.button(
        t("paths.competitors.start"),
        type="primary",
        icon=":material/play_arrow:",
        key="competitors.start",
        on_click=_start_comparison,
        args=(canvas.id,),
    )


# -- offerings ------------------------------------------------------------------------


def _kind_label(kind: str) -> str:
    return t(f"competitors.kind.{kind}")


def _kind_labels() -> dict[str, str]:
    """Translated now, so a format_func never depends on when it is called."""
    return {kind: _kind_label(kind) for kind in KINDS}


def add_competitor_form(canvas_id: str) -> None:
    label = t("competitors.add_competitor")
    with closing_popover(label, "competitors.add_popover", icon=":material/add:", type="primary"):
        with st.form("competitors.add_form", clear_on_submit=True, border=False):
            name = st.text_input(t("competitors.field.name"), key="competitors.new_name", max_chars=NAME_LIMIT)
            kind = st.radio(
                t("competitors.field.kind"),
                KINDS,
                format_func=_kind_labels().__getitem__,
                horizontal=True,
                key="competitors.new_kind",
            )
            description = st.text_area(
                t("competitors.field.description"), key="competitors.new_description", height=68, max_chars=LONG_LIMIT
            )
            offering = st.text_area(
                t("competitors.field.offering"), key="competitors.new_offering", height=68, max_chars=LONG_LIMIT
            )
            if st.form_submit_button(t("competitors.add"), type="primary"):
                with guard():
                    added = competitor_offerings.add_competitor(
                        get_store(), current_actor(), canvas_id, name, description, offering, kind
                    )
                    feedback.flash("paths.competitor_added", name=added.name)  # says what comes next
                    close_popover("competitors.add_popover")
                    st.rerun()


def editing(kind: str, row_id: str) -> bool:
    """Whether this row's inline edit form is open (one at a time, a UI flag in the session)."""
    return st.session_state.get(EDITING_KEY) == f"{kind}:{row_id}"


def toggle_edit(kind: str, row_id: str) -> None:
    flag = f"{kind}:{row_id}"
    st.session_state[EDITING_KEY] = None if st.session_state.get(EDITING_KEY) == flag else flag


def stop_editing() -> None:
    st.session_state.pop(EDITING_KEY, None)


def row_buttons(kind: str, row_id: str, on_delete: bool = False) -> bool:
    """Edit (toggles the inline form) and, if allowed, Delete, kept together on one line;
    returns True if Delete was pressed."""
    with st.container(horizontal=True, gap="small", width="content", vertical_alignment="center"):
        st.button(
            "",
            key=f"competitors.edit.{kind}.{row_id}",
            icon=":material/edit:",
            help=t("competitors.edit"),
            type="tertiary",
            on_click=toggle_edit,
            args=(kind, row_id),
        )
        if not on_delete:
            return False
        return st.button(
            "",
            key=f"competitors.delete.{kind}.{row_id}",
            icon=":material/delete:",
            help=t("competitors.delete"),
            type="tertiary",
        )


def _offering_form(offering: Competitor) -> None:
    with st.form(f"competitors.edit_form.{offering.id}", border=False):
        name = st.text_input(
            t("competitors.field.name"),
            value=offering.name,
            key=f"competitors.name.{offering.id}",
            max_chars=NAME_LIMIT,
        )
        kind = offering.kind
        if offering.kind != "ours":
            kind = st.radio(
                t("competitors.field.kind"),
                KINDS,
                index=KINDS.index(offering.kind),
                format_func=_kind_labels().__getitem__,
                horizontal=True,
                key=f"competitors.kind.{offering.id}",
            )
        description = st.text_area(
            t("competitors.field.description"),
            value=offering.description,
            height=68,
            max_chars=LONG_LIMIT,
            key=f"competitors.description.{offering.id}",
        )
        offered = st.text_area(
            t("competitors.field.offering"),
            value=offering.offering,
            height=68,
            max_chars=LONG_LIMIT,
            key=f"competitors.offering.{offering.id}",
        )
        if st.form_submit_button(t("competitors.save"), icon=":material/save:"):
            with guard():
                competitor_offerings.update_competitor(
                    get_store(),
                    current_actor(),
                    offering.id,
                    offering.version,
                    name=name,
                    kind=kind,
                    description=description,
                    offering=offered,
                )
                stop_editing()
                feedback.flash("competitors.saved")
                st.rerun()


def offerings_section(data: Comparison) -> None:
    with st.container(horizontal=True, vertical_alignment="center"):
        st.header(t("competitors.offerings"))
        add_competitor_form(data.canvas.id)
    st.caption(t("competitors.offerings_help"))
    for offering in data.offerings:
        with st.container(border=True, key=f"competitors-offering-{offering.id}"):
            with st.container(horizontal=True, vertical_alignment="center", wrap=False):
                badge = ":green-badge[" if offering.kind == "ours" else ":gray-badge["
                st.markdown(
                    f"**{md_escape(shorten(offering.name, 80))}** {badge}{_kind_label(offering.kind)}]", width="stretch"
                )
                deletable = offering.kind != "ours"
                if row_buttons("offering", offering.id, on_delete=deletable):
                    with guard():
                        competitor_offerings.delete_competitor(
                            get_store(), current_actor(), offering.id, offering.version
                        )
                        feedback.offer_undo(
                            UNDO_SCOPE,
                            feedback.Deleted("competitor", offering.id),
                            "competitors.deleted",
                            name=offering.name,
                        )
                        st.rerun()
            if editing("offering", offering.id):
                _offering_form(offering)
            details = [text for text in (offering.offering, offering.description) if text]
            for text in details:
                st.caption(md_escape(shorten(text, 240)))
    if not data.rivals:
        st.caption(t("competitors.no_rivals"))


# -- factors --------------------------------------------------------------------------


def _factor_source(data: Comparison, factor: Factor) -> str:
    if factor.source_item_id:
        item = next((i for i in data.items if i.id == factor.source_item_id), None)
        if item is not None:
            return t("competitors.from_item", area=t(f"competitors.area.{item.area}"))
    return t("competitors.own_factor")


def _factor_form(factor: Factor) -> None:
    with st.form(f"competitors.factor_form.{factor.id}", border=False):
        name = st.text_input(
            t("competitors.field.factor"), value=factor.name, key=f"competitors.fname.{factor.id}", max_chars=NAME_LIMIT
        )
        importance = st.select_slider(
            t("competitors.field.importance"),
            IMPORTANCE,
            value=factor.importance,
            key=f"competitors.fimportance.{factor.id}",
        )
        if st.form_submit_button(t("competitors.save"), icon=":material/save:"):
            with guard():
                competitor_factors.update_factor(
                    get_store(), current_actor(), factor.id, factor.version, name=name, importance=importance
                )
                stop_editing()
                feedback.flash("competitors.saved")
                st.rerun()


def _delete_factor(factor: Factor) -> None:
    with guard():
        deleted, scored = competitor_factors.delete_factor(get_store(), current_actor(), factor.id, factor.version)
        key = "competitors.deleted_factor_scored" if scored else "competitors.deleted"
        feedback.offer_undo(UNDO_SCOPE, feedback.Deleted("factor", factor.id), key, name=deleted.name, count=scored)
        st.rerun()


def factor_suggestions(data: Comparison) -> None:
    suggestions = data.factor_suggestions()
    st.markdown(f"**{t('competitors.suggestions')}**")
    if not suggestions:
        st.caption(t("competitors.suggestions_none"))
        return
    with st.container(horizontal=True, key="competitors-suggestions"):
        for item in suggestions:
            label = f"{shorten(item.text, 48)} · {item.rank}/{RANK_MAX}"
            if st.button(
                label,
                key=f"competitors.suggest.{item.id}",
                icon=":material/add:",
                help=t(f"competitors.area.{item.area}"),
            ):
                with guard():
                    factor = competitor_factors.add_factor_from_item(
                        get_store(), current_actor(), data.canvas.id, item.id
                    )
                    feedback.flash("competitors.added", name=factor.name)
                    st.rerun()
        if len(suggestions) > 1 and st.button(
            t("competitors.add_all", count=len(suggestions)),
            key="competitors.suggest_all",
            icon=":material/playlist_add:",
            type="primary",
        ):
            with guard():
                store, actor = get_store(), current_actor()
                for item in suggestions:
                    competitor_factors.add_factor_from_item(store, actor, data.canvas.id, item.id)
                st.rerun()


def add_factor_form(canvas_id: str) -> None:
    with st.form("competitors.factor_add", clear_on_submit=True, border=False):
        with st.container(horizontal=True, vertical_alignment="bottom"):
            name = st.text_input(
                t("competitors.add_factor"),
                key="competitors.factor_name",
                placeholder=t("competitors.field.factor"),
                max_chars=NAME_LIMIT,
            )
            importance = st.select_slider(
                t("competitors.field.importance"), IMPORTANCE, value=3, key="competitors.factor_importance"
            )
            submitted = st.form_submit_button(t("competitors.add"), icon=":material/add:")
        if submitted:
            with guard():
                factor = competitor_factors.add_factor(get_store(), current_actor(), canvas_id, name, importance)
                feedback.flash("competitors.added", name=factor.name)
                st.rerun()


def factors_section(data: Comparison) -> None:
    st.header(t("competitors.factors"))
    st.caption(t("competitors.factors_help"))
    if not data.factors:
        st.caption(t("competitors.no_factors"))
    for factor in data.factors:
        with st.container(
            border=True,
            horizontal=True,
            vertical_alignment="center",
            wrap=False,
            key=f"competitors-factor-{factor.id}",
        ):
            st.markdown(
                width="stretch",
                body=f"**{md_escape(shorten(factor.name, 90))}**  \n"
                + md_escape(
                    f"{t('competitors.importance_value', value=factor.importance)} · {_factor_source(data, factor)}"
                ),
            )
            if row_buttons("factor", factor.id, on_delete=True):
                _delete_factor(factor)
        if editing("factor", factor.id):
            _factor_form(factor)
    factor_suggestions(data)
    add_factor_form(data.canvas.id)


def deleted_move_undo(move: ErrcMove) -> None:
    feedback.offer_undo(UNDO_SCOPE, feedback.Deleted("move", move.id), "competitors.deleted_move", name=move.text)


def canvas_or_none(project_id: str) -> Canvas | None:
    try:
        return pick_canvas(project_id)
    except NotFound:
        select_canvas(None)
        return None

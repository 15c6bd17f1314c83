"""The assumptions map of one canvas, the notes to test first, and the new-card form."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import streamlit as st

from canvas.models import Canvas, CanvasItem
from core.actors import Actor
from core.errors import NilaiError, StaleVersion
from core.models import text_limit
from experiments import service as svc
from experiments.assumptions_map import Proposal
from experiments.library import LIBRARY
from experiments.map_layout import MapLayout, slot_centre, slot_from_browser
from experiments.models import COMPARISONS, COSTS, STRENGTHS, TestCardDraft
from storage.store import Store
from ui.common import feedback
from ui.common.actor import current_actor
from ui.common.component_actions import last_action
from ui.common.errors import guard, message_for
from ui.common.i18n import current_language, t
from ui.common.state import get_store
from ui.common.text import md_escape, shorten
from ui.experiments.amap import assumptions_map
from ui.experiments.amap.payload import build_payload
from ui.experiments.board import FOCUS_KEY, without_prompt
from ui.experiments.data import MapData

# The domain's limits: each box shows its limit and counts towards it while typing.
HYPOTHESIS_LIMIT = text_limit(TestCardDraft, "hypothesis")
METRIC_LIMIT = text_limit(TestCardDraft, "metric")

MAP_KEY = "testing.map"
NOTICE_KEY = "testing.map_notice"
CREATED_KEY = "testing.created"  # the card just made: {"card_id", "canvas_id"}
FORM_FIELDS = ("type", "strength", "hypothesis", "metric", "comparison", "threshold", "cost", "days")
PROPOSALS_SHOWN = 5


def notes_key(canvas_id: str) -> str:
    """The new card's notes (a multiselect): the map's selection and the proposals feed it."""
    return f"testing.card_notes.{canvas_id}"


def selected(canvas_id: str) -> list[str]:
    return list(st.session_state.get(notes_key(canvas_id)) or [])


def _toggle(canvas_id: str, item_id: str) -> bool:
    """Select the note for the new card, or drop it; whether it is selected now."""
    chosen = selected(canvas_id)
    if item_id in chosen:
        chosen.remove(item_id)
    else:
        chosen.append(item_id)
    st.session_state[notes_key(canvas_id)] = chosen
    return item_id in chosen


def _add(canvas_id: str, item_id: str) -> None:
    """A proposal's button: select the note (one already selected stays so)."""
    if item_id not in selected(canvas_id):
        _toggle(canvas_id, item_id)


def apply_map_action(
    store: Store, actor: Actor, canvas: Canvas, items: Iterable[CanvasItem], grid: MapLayout, action: Any
) -> dict:
    """Carry out one action the map reported; return the notice to show. Only notes the map
    was drawn with, and slots of the grid it was drawn with, are acted on (anything else
    does nothing and says nothing)."""
    if not isinstance(action, dict):
        return {}
    item = next((i for i in items if i.id == action.get("item_id")), None)
    if item is None:
        return {}
    op = action.get("op")
    try:
        if op == "place":
            slot = slot_from_browser(action.get("slot"), grid.cols, grid.rows)
            if slot is None:
                return {}
            importance, evidence = slot_centre(slot, grid.cols, grid.rows)
            version = action.get("version")
            svc.place_note(
                store,
                actor,
                canvas.id,
                item.id,
                version if isinstance(version, int) else None,
                importance=importance,
                evidence=evidence,
            )
            return {"kind": "info", "key": "experiments.map.moved", "text": item.text}
        if op == "reset":
            svc.reset_placement(store, actor, canvas.id, item.id)
            return {"kind": "info", "key": "experiments.map.reset", "text": item.text}
        if op == "select":
            return {"kind": "select", "item_id": item.id, "text": item.text}
    except StaleVersion:
        return {"kind": "error", "message": t("error.stale_version")}
    except NilaiError as error:
        return {"kind": "error", "message": message_for(error)}
    return {}


def _on_map_action(canvas: Canvas, data: MapData) -> None:
    notice = apply_map_action(
        get_store(), current_actor(), canvas, data.testing.items, data.layout, last_action(MAP_KEY)
    )
    if notice.get("kind") == "select":
        now = _toggle(canvas.id, notice["item_id"])
        key = "experiments.map.selected" if now else "experiments.map.unselected"
        notice = {"kind": "info", "key": key, "text": notice["text"]}
    st.session_state[NOTICE_KEY] = notice or None


def _notice() -> None:
    notice = st.session_state.get(NOTICE_KEY)
    if not notice:
        return
    if notice["kind"] == "error":
        st.error(notice["message"], icon=":material/error:")
    else:
        st.caption(feedback.say(notice["key"], text=notice.get("text", "")))


def map_section(canvas: Canvas, data: MapData, revision: int, *, may_edit: bool = True) -> None:
    """The map, the proposals and the new-card form; a reader (a lecturer, a peer group)
    sees the map and the proposals without the controls that write."""
    lang = current_language()
    chosen = set(selected(canvas.id))
    left, right = st.columns([3, 2], gap="medium")
    with left:
        if not data.testing.items:
            st.info(t("experiments.map.empty"), icon=":material/info:")
        else:
            payload = build_payload(
                data.amap, data.layout, data.codes, data.placement_versions, chosen, lang, rev=f"{canvas.id}:{revision}"
            )
            assumptions_map(payload, key=MAP_KEY, on_action=lambda: _on_map_action(canvas, data))
            st.caption(t("experiments.map.key"))
            _notice()
    with right:
        proposals_panel(canvas, data, may_edit=may_edit)
        refuted_panel(data)
    if may_edit:
        card_form(canvas, data)


def _reason_text(proposal: Proposal) -> str:
    parts = []
    for reason in proposal.reasons:
        params: dict[str, Any] = dict(reason.params)
        if "area" in params:
            params["area"] = t(f"canvas.area.{params['area']}")
        parts.append(t(reason.key, **params))
    return "; ".join(parts)


def proposals_panel(canvas: Canvas, data: MapData, *, may_edit: bool = True) -> None:
    with st.container(border=True, key="testing-proposals"):
        st.header(t("experiments.propose.title"), anchor=False)
        if not data.amap.proposals:
            st.caption(t("experiments.propose.none"))
            return
        for proposal in data.amap.proposals[:PROPOSALS_SHOWN]:
            item = proposal.point.item
            with st.container(horizontal=True, vertical_alignment="center"):
                st.markdown(
                    f"**{data.codes.get(item.id, '')}** {md_escape(shorten(item.text, 90))}  \n"
                    f":small[{md_escape(_reason_text(proposal))}]",
                    width="stretch",
                )
                if not may_edit:
                    continue
                st.button(
                    t("experiments.propose.create"),
                    key=f"testing.propose.{item.id}",
                    icon=":material/science:",
                    help=t("experiments.propose.create_help"),
                    on_click=_add,
                    args=(canvas.id, item.id),
                )


def refuted_panel(data: MapData) -> None:
    refuted = data.amap.refuted
    if not refuted:
        return
    with st.container(border=True, key="testing-refuted"):
        st.markdown(f":material/report: **{t('experiments.refuted.title')}**")
        st.caption(t("experiments.refuted.help"))
        st.markdown(
            "\n".join(f"- {data.codes.get(p.item.id, '')} ~~{md_escape(shorten(p.item.text, 80))}~~" for p in refuted)
        )


def _note_label(data: MapData, item_id: str) -> str:
    item = next((i for i in data.testing.items if i.id == item_id), None)
    return f"{data.codes.get(item_id, '')} {shorten(item.text, 70)}" if item else item_id


def _open_on_board(card_id: str) -> None:
    st.session_state["testing.tab"] = t("experiments.tab.board")
    for filter_key in (
        "testing.filter_status",
        "testing.filter_canvas",
        "testing.filter_result",
        "testing.filter_text",
    ):
        st.session_state.pop(filter_key, None)  # the new card is not hidden by an old filter
    st.session_state[FOCUS_KEY] = card_id
    st.session_state.pop(CREATED_KEY, None)


def _created_notice(canvas: Canvas) -> None:
    """Where the card just made went, with a way to open it there."""
    created = st.session_state.get(CREATED_KEY)
    if not created or created.get("canvas_id") != canvas.id:
        return
    with st.container(border=True, key="testing-created"):
        st.success(
            t(
                "experiments.card.created_where",
                status=t("experiments.status.planned"),
                board=t("experiments.tab.board"),
            ),
            icon=":material/check:",
        )
        st.button(
            t("experiments.card.open_on_board"),
            key="testing.open_created",
            icon=":material/arrow_forward:",
            on_click=_open_on_board,
            args=(created["card_id"],),
        )


def card_form(canvas: Canvas, data: MapData) -> None:
    _created_notice(canvas)
    key = notes_key(canvas.id)
    present = {item.id for item in data.testing.items}
    if key in st.session_state:  # a note deleted since it was picked drops out of the choice
        st.session_state[key] = [item_id for item_id in selected(canvas.id) if item_id in present]
    labels = {e.key: t(e.name_key) for e in LIBRARY}
    with st.container(border=True, key="testing-new-card"):
        st.subheader(t("experiments.card.new"), anchor=False)
        with st.form(f"testing.new_card.{canvas.id}", border=False):
            notes = st.multiselect(
                t("experiments.card.notes"),
                [item.id for item in data.testing.items],
                format_func={item.id: _note_label(data, item.id) for item in data.testing.items}.__getitem__,
                key=key,
                help=t("experiments.card.notes_help"),
                placeholder=t("common.choose_options"),
            )
            pair = st.columns(2)
            experiment = pair[0].selectbox(
                t("experiments.card.experiment"), list(labels), format_func=labels.__getitem__, key="testing.card_type"
            )
            strength = pair[1].selectbox(
                t("experiments.card.strength"),
                STRENGTHS,
                index=None,
                format_func={s: t(f"experiments.strength.{s}") for s in STRENGTHS}.__getitem__,
                placeholder=t("experiments.card.strength_default"),
                key="testing.card_strength",
            )
            hypothesis = st.text_area(
                t("experiments.card.hypothesis"),
                value=t("experiments.card.hypothesis_start"),
                help=t("experiments.card.hypothesis_help"),
                key="testing.card_hypothesis",
                max_chars=HYPOTHESIS_LIMIT,
                height=80,
            )
            metric = st.text_input(
                t("experiments.card.metric"),
                help=t("experiments.card.metric_help"),
                key="testing.card_metric",
                max_chars=METRIC_LIMIT,
            )
            cols = st.columns(4)
            comparison = cols[0].selectbox(
                t("experiments.card.comparison"),
                COMPARISONS,
                format_func={c: t(f"experiments.comparison.{c}") for c in COMPARISONS}.__getitem__,
                key="testing.card_comparison",
            )
            threshold = cols[1].number_input(
                t("experiments.card.threshold"), value=None, step=1.0, format="%g", key="testing.card_threshold"
            )
            cost = cols[2].selectbox(
                t("experiments.card.cost"),
                COSTS,
                index=1,
                format_func={c: t(f"experiments.cost.{c}") for c in COSTS}.__getitem__,
                key="testing.card_cost",
            )
            days = cols[3].number_input(
                t("experiments.card.duration"), min_value=1, max_value=365, value=7, step=1, key="testing.card_days"
            )
            submitted = st.form_submit_button(t("experiments.card.create"), type="primary", icon=":material/add:")
    if submitted:
        if not notes:
            st.warning(t("experiments.card.pick_notes"), icon=":material/warning:")
            return
        fields: dict[str, Any] = {
            "experiment": experiment,
            "hypothesis": without_prompt(hypothesis),
            "metric": metric,
            "comparison": comparison,
            "threshold": threshold,
            "cost": cost,
            "duration_days": int(days),
            "item_ids": notes,
        }
        if strength is not None:  # otherwise the test's usual strength (experiments.library)
            fields["strength"] = strength
        with guard():
            card = svc.create_card(get_store(), current_actor(), canvas.id, **fields)
            # An empty form for the next card, so a second click makes no duplicate.
            st.session_state.pop(key, None)
            for field in FORM_FIELDS:
                st.session_state.pop(f"testing.card_{field}", None)
            st.session_state[CREATED_KEY] = {"card_id": card.id, "canvas_id": canvas.id}
            st.rerun()

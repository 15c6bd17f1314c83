"""The keyboard path beside the board: add, edit, rank, type, evidence, move and link with
ordinary form controls. Everything the board does by mouse can be done here too."""

from __future__ import annotations

import streamlit as st

from canvas import links, notes
from canvas.models import LINK_TARGET, PROFILE_AREAS, VALUE_MAP_AREAS, Area, Canvas, CanvasItem, ItemDraft, NoteOwner
from canvas.ranking import RANKS, rank_key
from core.errors import NilaiError, StaleVersion
from core.models import text_limit
from ui.canvas.actions import ask_before_deleting, clear_notice, offer_link_undo, offer_note_undo
from ui.canvas.data import Bundle
from ui.common.actor import current_actor
from ui.common.errors import guard, message_for, show_error
from ui.common.i18n import t
from ui.common.state import get_store
from ui.common.text import md_escape, shorten

# The domain's limits: each box shows its limit and counts towards it while typing.
NOTE_LIMIT = text_limit(ItemDraft, "text")
SHORT_LIMIT = text_limit(ItemDraft, "evidence_source")

AREAS = (*PROFILE_AREAS, *VALUE_MAP_AREAS)
JOB_TYPES = (None, "functional", "social", "emotional", "supporting")
GAIN_TYPES = (None, "required", "expected", "desired", "unexpected")
EVIDENCE = ("assumption", "observed", "validated", "refuted")
TOP_FIRST = tuple(reversed(RANKS))  # the rank pickers list the top rank first
EDIT_KEY = "canvas.edit_item"
EDIT_BASE_KEY = "canvas.edit_base"
LINK_SOURCE_KEY = "canvas.link_source"


def _labels() -> dict[str, str]:
    """Every option label, translated now: format_func may run after the script run."""
    keys = [f"canvas.area.{a}" for a in AREAS]
    keys += [f"canvas.job_type.{v}" for v in JOB_TYPES[1:]] + [f"canvas.gain_type.{v}" for v in GAIN_TYPES[1:]]
    keys += [f"canvas.evidence.{v}" for v in EVIDENCE] + [
        "canvas.type_none",
        "canvas.strength.full",
        "canvas.strength.partial",
    ]
    keys += [rank_key(a, r) for a in AREAS for r in RANKS]
    return {key: t(key) for key in keys}


def _area_label(area: Area | str, labels: dict[str, str] | None = None) -> str:
    return (labels or _labels())[f"canvas.area.{area}"]


def _rank_label(area: Area | str, rank: int, labels: dict[str, str]) -> str:
    return f"{rank} · {labels[rank_key(area, rank)]}"


def _note_label(item: CanvasItem, codes: dict[str, str]) -> str:
    return f"{codes.get(item.id, '')} · {shorten(item.text, 70)}"


def add_form(canvas: Canvas) -> None:
    labels = _labels()
    with st.form("canvas.add_form", clear_on_submit=True, border=False, enter_to_submit=True):
        cols = st.columns([2, 5, 2])
        area = cols[0].selectbox(
            t("canvas.field.area"), AREAS, format_func=lambda a: _area_label(a, labels), key="canvas.add_area"
        )
        text = cols[1].text_input(
            t("canvas.field.text"), key="canvas.add_text", placeholder=t("canvas.add_placeholder"), max_chars=NOTE_LIMIT
        )
        rank = cols[2].selectbox(
            t("canvas.field.rank"),
            TOP_FIRST,
            index=2,
            key="canvas.add_rank",
            help=t("canvas.field.rank_help"),
        )
        more = st.columns(3)
        kind = more[0].selectbox(
            t("canvas.field.type"),
            ("", *JOB_TYPES[1:], *GAIN_TYPES[1:]),
            key="canvas.add_type",
            format_func=lambda v: (
                labels[f"canvas.job_type.{v}"]
                if v in JOB_TYPES
                else (labels[f"canvas.gain_type.{v}"] if v else labels["canvas.type_none"])
            ),
            help=t("canvas.field.type_help"),
        )
        evidence = more[1].selectbox(
            t("canvas.field.evidence"),
            EVIDENCE,
            format_func=lambda v: labels[f"canvas.evidence.{v}"],
            key="canvas.add_evidence",
        )
        source = more[2].text_input(t("canvas.field.evidence_source"), key="canvas.add_source", max_chars=SHORT_LIMIT)
        if st.form_submit_button(t("canvas.add"), type="primary", icon=":material/add:"):
            with guard():
                notes.add_note(
                    get_store(),
                    current_actor(),
                    NoteOwner.of_canvas(canvas.id),
                    area,
                    text,
                    rank=rank,
                    job_type=kind if kind in JOB_TYPES[1:] and area == Area.JOBS else None,
                    gain_type=kind if kind in GAIN_TYPES[1:] and area == Area.GAINS else None,
                    evidence=evidence,
                    evidence_source=source,
                )
                clear_notice()
                st.rerun()


def edit_form(canvas: Canvas, bundle: Bundle) -> None:
    labels = _labels()
    items = bundle.board.items
    if not items:
        st.caption(t("canvas.nothing_to_edit"))
        return
    by_id = bundle.board.by_id
    options = list(by_id)
    if st.session_state.get(EDIT_KEY) not in by_id:
        st.session_state[EDIT_KEY] = options[0]
    chosen = st.selectbox(
        t("canvas.pick_note"),
        options,
        key=EDIT_KEY,
        format_func=lambda item_id: (
            f"{_area_label(by_id[item_id].area, labels)} · {_note_label(by_id[item_id], bundle.codes)}"
        ),
    )
    item = by_id[chosen]
    # The version the user started editing from: a save based on it is refused if someone
    # else changed the note meanwhile, and the form (stable keys) keeps what they typed.
    bases = st.session_state.setdefault(EDIT_BASE_KEY, {})
    base = bases.setdefault(item.id, item.version)
    with st.form(f"canvas.edit_form.{item.id}", border=False):
        text = st.text_area(
            t("canvas.field.text"), value=item.text, key=f"canvas.edit_text.{item.id}", height=80, max_chars=NOTE_LIMIT
        )
        cols = st.columns(3)
        area = cols[0].selectbox(
            t("canvas.field.move_to"),
            AREAS,
            index=AREAS.index(item.area),
            format_func=lambda a: _area_label(a, labels),
            key=f"canvas.edit_area.{item.id}",
        )
        rank = cols[1].selectbox(
            t("canvas.field.rank"),
            TOP_FIRST,
            index=TOP_FIRST.index(item.rank),
            key=f"canvas.edit_rank.{item.id}",
            format_func=lambda r: _rank_label(item.area, r, labels),
        )
        evidence = cols[2].selectbox(
            t("canvas.field.evidence"),
            EVIDENCE,
            index=EVIDENCE.index(item.evidence) if item.evidence in EVIDENCE else 0,
            format_func=lambda v: labels[f"canvas.evidence.{v}"],
            key=f"canvas.edit_evidence.{item.id}",
        )
        cols = st.columns(3)
        job_type = gain_type = None
        if item.area == Area.JOBS:
            job_type = cols[0].selectbox(
                t("canvas.field.job_type"),
                JOB_TYPES,
                index=JOB_TYPES.index(item.job_type) if item.job_type in JOB_TYPES else 0,
                format_func=lambda v: labels[f"canvas.job_type.{v}"] if v else labels["canvas.type_none"],
                key=f"canvas.edit_job_type.{item.id}",
            )
        elif item.area == Area.GAINS:
            gain_type = cols[0].selectbox(
                t("canvas.field.gain_type"),
                GAIN_TYPES,
                index=GAIN_TYPES.index(item.gain_type) if item.gain_type in GAIN_TYPES else 0,
                format_func=lambda v: labels[f"canvas.gain_type.{v}"] if v else labels["canvas.type_none"],
                key=f"canvas.edit_gain_type.{item.id}",
            )
        note = cols[1].text_input(
            t("canvas.field.evidence_note"),
            value=item.evidence_note,
            key=f"canvas.edit_note.{item.id}",
            max_chars=SHORT_LIMIT,
        )
        source = cols[2].text_input(
            t("canvas.field.evidence_source"),
            value=item.evidence_source,
            key=f"canvas.edit_source.{item.id}",
            max_chars=SHORT_LIMIT,
        )
        with st.container(horizontal=True):
            save = st.form_submit_button(
                t("common.save"), type="primary", icon=":material/save:", key="canvas.edit_save"
            )
            delete = st.form_submit_button(t("common.delete"), icon=":material/delete:", key="canvas.edit_delete")
    if save:
        changes = {
            "text": text,
            "area": area,
            "rank": rank,
            "evidence": evidence,
            "evidence_note": note,
            "evidence_source": source,
        }
        if item.area == Area.JOBS:
            changes["job_type"] = job_type
        if item.area == Area.GAINS:
            changes["gain_type"] = gain_type
        if base == item.version:
            changes = {k: v for k, v in changes.items() if v != getattr(item, k)}
        if changes:
            _save(canvas, item, base, changes)
    if delete:
        if ask_before_deleting(canvas, item.id, base):  # test cards use it: the notice above asks first
            st.rerun()
        try:
            deleted = notes.delete_note(get_store(), current_actor(), NoteOwner.of_canvas(canvas.id), item.id, base)
            bases.pop(item.id, None)
            offer_note_undo(canvas.id, deleted.id, deleted.text)
            st.rerun()
        except StaleVersion as error:
            _stale(item.id, error, None)
        except NilaiError as error:
            show_error(error)


def _save(canvas: Canvas, item: CanvasItem, base: int, changes: dict) -> None:
    try:
        notes.update_note(get_store(), current_actor(), NoteOwner.of_canvas(canvas.id), item.id, base, **changes)
    except StaleVersion as error:
        _stale(item.id, error, changes.get("text"))
        return
    except NilaiError as error:
        show_error(error)
        return
    st.session_state.get(EDIT_BASE_KEY, {}).pop(item.id, None)
    clear_notice()
    st.rerun()


def _stale(item_id: str, error: StaleVersion, attempt: str | None) -> None:
    """Someone else got there first: show both versions; a second Save applies the user's."""
    st.session_state.setdefault(EDIT_BASE_KEY, {})[item_id] = error.current.version
    st.warning(message_for(error), icon=":material/sync_problem:")
    st.caption(t("canvas.stale.current"))
    st.code(error.current.text, language=None, wrap_lines=True)
    if attempt:
        st.caption(t("canvas.stale.yours"))
        st.code(attempt, language=None, wrap_lines=True)
    st.caption(t("canvas.stale.save_again"))


def link_form(canvas: Canvas, bundle: Bundle) -> None:
    labels = _labels()
    board = bundle.board
    sources = [item for item in board.items if item.area in LINK_TARGET]
    if not sources:
        st.caption(t("canvas.no_value_map_yet"))
        return
    by_id = board.by_id
    ids = [item.id for item in sources]
    if st.session_state.get(LINK_SOURCE_KEY) not in ids:
        st.session_state[LINK_SOURCE_KEY] = ids[0]
    source_id = st.selectbox(
        t("canvas.link_source"),
        ids,
        key=LINK_SOURCE_KEY,
        format_func=lambda i: f"{_area_label(by_id[i].area, labels)} · {_note_label(by_id[i], bundle.codes)}",
    )
    source = by_id[source_id]
    target_area = LINK_TARGET[source.area]
    targets = [item for item in board.items if item.area == target_area]
    if not targets:
        st.caption(t("canvas.no_targets", area=_area_label(target_area, labels)))
    else:
        with st.form(f"canvas.link_form.{source.id}", border=False):
            cols = st.columns([4, 2])
            target_id = cols[0].selectbox(
                t("canvas.link_target", area=_area_label(target_area, labels)),
                [i.id for i in targets],
                format_func=lambda i: _note_label(by_id[i], bundle.codes),
                key=f"canvas.link_target.{source.id}",
            )
            strength = cols[1].radio(
                t("canvas.field.strength"),
                ("full", "partial"),
                format_func=lambda v: labels[f"canvas.strength.{v}"],
                key=f"canvas.link_strength.{source.id}",
                horizontal=True,
            )
            if st.form_submit_button(t("canvas.link"), icon=":material/link:"):
                with guard():
                    links.add_link(get_store(), current_actor(), canvas.id, source.id, target_id, strength)
                    clear_notice()
                    st.rerun()
    existing = [link for link in board.links if link.source_id == source.id]
    for link in existing:
        target = by_id.get(link.target_id)
        if target is None:
            continue
        with st.container(horizontal=True, vertical_alignment="center"):
            st.caption(md_escape(f"→ {_note_label(target, bundle.codes)} · {t('canvas.strength.' + link.strength)}"))
            if st.button(
                t("canvas.unlink"), key=f"canvas.unlink.{link.id}", icon=":material/link_off:", type="tertiary"
            ):
                with guard():
                    links.remove_link(get_store(), current_actor(), canvas.id, link.id)
                    offer_link_undo(canvas.id, link.id)
                    st.rerun()

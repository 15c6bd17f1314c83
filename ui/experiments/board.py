"""The testing board of a project: cards by status, filterable; start, close, delete."""

from __future__ import annotations

import streamlit as st

from core.models import Project, text_limit
from experiments import board as board_rules
from experiments import service as svc
from experiments.library import experiment_type
from experiments.models import DECISIONS, STATUSES, LearningDraft, TestCard, TestCardDraft, format_number, meets
from ui.common import feedback
from ui.common.actor import current_actor
from ui.common.errors import guard
from ui.common.i18n import current_language, t
from ui.common.state import get_store
from ui.common.text import md_escape, shorten

# The domain's limits: each box shows its limit and counts towards it while typing.
LONG_LIMIT = text_limit(LearningDraft, "observation")
HYPOTHESIS_LIMIT = text_limit(TestCardDraft, "hypothesis")
METRIC_LIMIT = text_limit(TestCardDraft, "metric")

UNDO_SCOPE = "testing"
FOCUS_KEY = "testing.focus_card"  # the card opened from "created" on the map tab: marked here
CARDS_PER_COLUMN = 40
NOTES_SHOWN = 4
STATUS_ICON = {"planned": ":material/event_note:", "running": ":material/play_circle:", "done": ":material/task_alt:"}


def _experiment_name(card: TestCard) -> str:
    known = experiment_type(card.experiment)
    return t(known.name_key) if known else card.experiment


def _criterion(card: TestCard) -> str:
    return f"{t(f'experiments.comparison.{card.comparison}')} {format_number(card.threshold)}"


def without_prompt(hypothesis: str) -> str:
    """The hypothesis as written; the bare prompt ("We believe that") counts as empty."""
    return "" if hypothesis.strip() == t("experiments.card.hypothesis_start").strip() else hypothesis


def _restore(deleted: feedback.Deleted) -> None:
    svc.restore_card(get_store(), current_actor(), deleted.id)


def testing_board(project: Project, cards: svc.ProjectCards, *, may_edit: bool) -> None:
    feedback.undo_banner(UNDO_SCOPE, _restore)
    if not cards.cards:
        st.info(t("experiments.board.empty"), icon=":material/science:")
        return
    names = cards.canvas_names
    # Translated now, so a format_func never depends on when it is called.
    canvas_labels: dict[str | None, str] = {
        None: t("experiments.board.all_canvases"),
        **{c: shorten(n, 40) for c, n in names.items()},
    }
    results: tuple[board_rules.ResultFilter, ...] = ("any", "passed", "failed")
    with st.container(horizontal=True, vertical_alignment="bottom", key="testing-filters"):
        statuses = st.multiselect(
            t("experiments.board.filter_status"),
            STATUSES,
            default=list(STATUSES),
            format_func={s: t(f"experiments.status.{s}") for s in STATUSES}.__getitem__,
            key="testing.filter_status",
            placeholder=t("common.choose_options"),
            wrap=True,  # chips on more rows rather than cut ("Berjala…")
        )
        canvas_id = st.selectbox(
            t("experiments.board.filter_canvas"),
            list(canvas_labels),
            format_func=canvas_labels.__getitem__,
            key="testing.filter_canvas",
        )
        result = st.selectbox(
            t("experiments.board.filter_result"),
            results,
            format_func={r: t(f"experiments.board.result.{r}") for r in results}.__getitem__,
            key="testing.filter_result",
        )
        text = st.text_input(t("experiments.board.filter_text"), key="testing.filter_text")
    codes = cards.codes(current_language())
    shown = board_rules.columns(
        cards, statuses=statuses or STATUSES, canvas_id=canvas_id, result=result, text=text or "", codes=codes
    )
    total_shown = sum(len(found) for found in shown.values())
    st.caption(t("experiments.board.count", shown=total_shown, total=len(cards.cards)))
    if not total_shown:
        st.info(t("experiments.board.none_match"), icon=":material/filter_alt_off:")
        return
    for column, (status, found) in zip(st.columns(len(shown), gap="small"), shown.items(), strict=True):
        with column:
            st.markdown(f"{STATUS_ICON[status]} **{t(f'experiments.status.{status}')}** · {len(found)}")
            for card in found[:CARDS_PER_COLUMN]:
                _card(cards, card, codes.get(card.canvas_id, {}), may_edit=may_edit, multi_canvas=len(names) > 1)
            if len(found) > CARDS_PER_COLUMN:
                st.caption(t("experiments.board.more", count=len(found) - CARDS_PER_COLUMN))


def note_line(cards: svc.ProjectCards, card: TestCard, item_id: str, codes: dict[str, str], limit: int = 80) -> str:
    """A tested note as the card names it: its board code and text; a note deleted since
    keeps the text the card captured, marked as gone."""
    text = md_escape(shorten(cards.text_of(card, item_id), limit))
    if cards.note_gone(item_id) or item_id not in codes:
        return f"“{text}” {t('experiments.card.note_gone')}"
    return f"**{md_escape(codes[item_id])}** {text}"


def _card(
    cards: svc.ProjectCards, card: TestCard, codes: dict[str, str], *, may_edit: bool, multi_canvas: bool
) -> None:
    with st.container(border=True, key=f"testing-card-{card.id}"):
        hypothesis = card.hypothesis or t("experiments.card.no_hypothesis")
        metric = card.metric or t("experiments.card.no_metric")
        just_made = (
            f" :blue-badge[{t('experiments.card.just_created')}]" if st.session_state.get(FOCUS_KEY) == card.id else ""
        )
        head = [
            f"**{md_escape(_experiment_name(card))}**{just_made}",
            f"*{md_escape(shorten(hypothesis, 220))}*",
            ":small["
            + md_escape(t("experiments.card.criterion", metric=shorten(metric, 80), criterion=_criterion(card)))
            + "]",
        ]
        notes = []
        for item_id in card.item_ids[:NOTES_SHOWN]:
            notes.append(f"- :small[{note_line(cards, card, item_id, codes)}]")
        if len(card.item_ids) > NOTES_SHOWN:
            notes.append(f"- :small[{t('experiments.card.more_notes', count=len(card.item_ids) - NOTES_SHOWN)}]")
        meta = [
            t(
                "experiments.card.meta",
                strength=t(f"experiments.strength.{card.strength}"),
                cost=t(f"experiments.cost.{card.cost}"),
                days=card.duration_days,
            )
        ]
        if multi_canvas:
            meta.append(
                md_escape(t("experiments.card.canvas", name=shorten(cards.canvas_names.get(card.canvas_id, ""), 40)))
            )
        blocks = ["  \n".join(head), "\n".join(notes), ":small[" + " · ".join(meta) + "]"]
        if card.is_done:
            blocks.append(_learning_lines(card))
        st.markdown("\n\n".join(blocks))
        if not may_edit:
            return
        with st.container(horizontal=True):
            if card.status == "planned":
                if st.button(t("experiments.card.start"), key=f"testing.start.{card.id}", icon=":material/play_arrow:"):
                    with guard():
                        svc.start_card(get_store(), current_actor(), card.id, card.version)
                        feedback.flash("experiments.card.started")
                        st.rerun()
                if st.button(t("experiments.card.edit"), key=f"testing.edit.{card.id}", icon=":material/edit:"):
                    edit_dialog(card)
            if card.status == "running" and st.button(
                t("experiments.card.close"), key=f"testing.close.{card.id}", icon=":material/flag:", type="primary"
            ):
                close_dialog(card, [note_line(cards, card, item_id, codes, 200) for item_id in card.item_ids])
            if st.button(
                "", key=f"testing.delete.{card.id}", icon=":material/delete:", help=t("experiments.card.delete")
            ):
                with guard():
                    svc.delete_card(get_store(), current_actor(), card.id, card.version)
                    feedback.offer_undo(UNDO_SCOPE, feedback.Deleted("test_card", card.id), "experiments.card.deleted")
                    st.rerun()


def _learning_lines(card: TestCard) -> str:
    verdict = t("experiments.learn.verdict.passed" if card.passed else "experiments.learn.verdict.failed")
    icon = ":green[:material/check_circle:]" if card.passed else ":red[:material/cancel:]"
    parts = [f"{icon} " + t("experiments.learn.result", measured=format_number(card.measured), verdict=verdict)]
    if card.observation:
        parts.append(f"{t('experiments.learn.observation')} {md_escape(shorten(card.observation, 200))}")
    if card.insight:
        parts.append(f"{t('experiments.learn.insight')} {md_escape(shorten(card.insight, 200))}")
    if card.decision:
        parts.append(f"**{t('experiments.learn.decision')} {t(f'experiments.decision.{card.decision}')}**")
    return "  \n".join(parts)


def close_dialog(card: TestCard, notes: list[str]) -> None:
    # Decorated here, not at import, so the dialog's title is in the language of this run.
    st.dialog(t("experiments.learn.title"), width="large")(_close_body)(card, notes)


def _close_body(card: TestCard, notes: list[str]) -> None:
    """What the team measures, whole: the hypothesis, the notes it tests, the metric and its
    criterion (the number asked for below is that metric's)."""
    st.markdown(f"*{md_escape(card.hypothesis or t('experiments.card.no_hypothesis'))}*")
    st.markdown("\n".join(f"- :small[{line}]" for line in notes))
    metric = card.metric or t("experiments.card.no_metric")
    st.markdown(f"**{md_escape(t('experiments.card.criterion', metric=metric, criterion=_criterion(card)))}**")
    # Outside the form, so the app says at once whether the result meets the criterion.
    measured = st.number_input(
        t("experiments.learn.measured"), value=None, step=1.0, format="%g", key=f"testing.measured.{card.id}"
    )
    if measured is not None and card.threshold is not None:
        passed = meets(measured, card.comparison, card.threshold)
        key = "experiments.learn.passed" if passed else "experiments.learn.failed"
        (st.success if passed else st.warning)(t(key, measured=format_number(measured), criterion=_criterion(card)))
    with st.form(f"testing.learn.{card.id}", border=False):
        observation = st.text_area(
            t("experiments.learn.observation"), key=f"testing.observation.{card.id}", max_chars=LONG_LIMIT
        )
        insight = st.text_area(t("experiments.learn.insight"), key=f"testing.insight.{card.id}", max_chars=LONG_LIMIT)
        decision = st.radio(
            t("experiments.learn.decision"),
            DECISIONS,
            format_func={d: t(f"experiments.decision.{d}") for d in DECISIONS}.get,
            horizontal=True,
            key=f"testing.decision.{card.id}",
        )
        submitted = st.form_submit_button(t("experiments.learn.save"), type="primary", icon=":material/flag:")
    if submitted:
        with guard():
            closed = svc.close_card(
                get_store(),
                current_actor(),
                card.id,
                card.version,
                measured=measured,
                observation=observation,
                insight=insight,
                decision=decision,
            )
            key = "experiments.learn.closed_passed" if closed.passed else "experiments.learn.closed_failed"
            feedback.flash(key, kind="success" if closed.passed else "info", count=len(closed.changed))
            st.rerun()


def edit_dialog(card: TestCard) -> None:
    st.dialog(t("experiments.card.edit"), width="medium")(_edit_body)(card)


def _edit_body(card: TestCard) -> None:
    with st.form(f"testing.edit.{card.id}", border=False):
        hypothesis = st.text_area(
            t("experiments.card.hypothesis"),
            value=card.hypothesis or t("experiments.card.hypothesis_start"),
            key=f"testing.edit_hypothesis.{card.id}",
            max_chars=HYPOTHESIS_LIMIT,
        )
        metric = st.text_input(
            t("experiments.card.metric"),
            value=card.metric,
            key=f"testing.edit_metric.{card.id}",
            max_chars=METRIC_LIMIT,
        )
        threshold = st.number_input(
            t("experiments.card.threshold"),
            value=card.threshold,
            step=1.0,
            format="%g",
            key=f"testing.edit_threshold.{card.id}",
        )
        submitted = st.form_submit_button(t("common.save"), type="primary")
    if submitted:
        with guard():
            svc.update_card(
                get_store(),
                current_actor(),
                card.id,
                card.version,
                hypothesis=without_prompt(hypothesis),
                metric=metric,
                threshold=threshold,
            )
            feedback.flash("experiments.card.saved")
            st.rerun()

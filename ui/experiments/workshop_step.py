"""The facilitator's step "vote on what to test": the room dot-votes (the workshop's own
voting) on the assumptions map's "test first" notes, and the most-voted become planned
test cards."""

from __future__ import annotations

import streamlit as st

from experiments import service as svc
from ui.canvas.board.payload import item_codes
from ui.common import feedback
from ui.common.errors import guard
from ui.common.i18n import current_language, t
from ui.common.text import md_escape, shorten
from workshop import facilitation, joining, room

TOP = 3


def section(store, token: str, access: joining.Access, view: room.WorkshopView) -> None:
    workshop = access.workshop
    with st.expander(t("experiments.workshop.step"), icon=":material/science:"):
        st.caption(t("experiments.workshop.step_help"))
        testing = svc.load_testing(store, access.actor, workshop.canvas_id)
        candidates = svc.vote_candidates(testing)
        if not candidates:
            st.caption(t("experiments.workshop.none"))
            return
        codes = item_codes(list(testing.items), current_language())
        votes = {note.id: note.votes or 0 for note in view.notes}
        lines = []
        for item in candidates[:12]:
            dots = f" · ●{votes[item.id]}" if workshop.votes_revealed and votes.get(item.id) else ""
            lines.append(f"- **{codes.get(item.id, '')}** {md_escape(shorten(item.text, 80))}{dots}")
        st.markdown("\n".join(lines))
        if (
            not workshop.voting_open
            and not workshop.votes_revealed
            and st.button(
                t("experiments.workshop.start_vote"), key="testing.workshop_vote", icon=":material/how_to_vote:"
            )
        ):
            with guard():
                facilitation.open_voting(store, token, workshop.vote_budget)
                feedback.flash("experiments.workshop.voting_started", kind="info")
                st.rerun()
        if (
            workshop.votes_revealed
            and any(votes.get(item.id) for item in candidates)
            and st.button(
                t("experiments.workshop.make_cards", count=TOP), key="testing.workshop_cards", icon=":material/add:"
            )
        ):
            with guard():
                made = svc.plan_from_votes(
                    store,
                    access.actor,
                    workshop.canvas_id,
                    votes,
                    count=TOP,
                    hypothesis_start=t("experiments.card.hypothesis_start"),
                )
                feedback.flash("experiments.workshop.cards_made", count=len(made))
                st.rerun()

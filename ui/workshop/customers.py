"""Co-creation in a workshop (issue 17): the join form's customer/team choice, the
customer's own note areas, and the facilitator's controls for customers."""

from __future__ import annotations

import streamlit as st

from core.tokens import format_code
from ui.common.errors import guard
from ui.common.i18n import t
from ui.workshop.board import area_label
from workshop import facilitation, joining, room
from workshop.cocreation import CUSTOMER_STEPS, PROFILE_STEP
from workshop.models import Workshop

ROLE_KEY = "join.role"


def _act(action, *args) -> None:
    with guard():
        action(*args)
        st.rerun()


def role_choice() -> bool:
    """On the join form: joining as a customer ("pelanggan") or as the team ("tim")."""
    labels = {"team": t("cocreation.join.team"), "customer": t("cocreation.join.customer")}
    role = st.radio(
        t("cocreation.join.as"),
        list(labels),
        format_func=labels.__getitem__,
        horizontal=True,
        key=ROLE_KEY,
        help=t("cocreation.join.help"),
    )
    return role == "customer"


def you_are_customer(access: joining.Access) -> None:
    if access.is_customer:
        st.caption(t("cocreation.join.you_are_customer"))


def facilitator_controls(store, lang: str, token: str, workshop: Workshop, view: room.WorkshopView) -> None:
    """Open the room to customers, show their code, and give them their own step; how many
    customers joined and how many notes they wrote, counted apart from the team's."""
    with st.expander(t("cocreation.console.title"), icon=":material/diversity_3:", expanded=workshop.customers_welcome):
        st.caption(t("cocreation.console.help"))
        welcome = st.toggle(
            t("cocreation.console.welcome"),
            value=workshop.customers_welcome,
            key=f"workshop.customers.{workshop.version}",
        )
        if welcome != workshop.customers_welcome:
            _act(facilitation.welcome_customers, store, token, welcome)
        if not workshop.customers_welcome:
            return
        customer_notes = sum(1 for note in view.notes if note.customer)
        st.markdown(
            t(
                "cocreation.console.counts",
                customers=store.cocreation.customers_in(workshop.id),
                notes=customer_notes,
                team_notes=len(view.notes) - customer_notes,
            )
        )
        if workshop.customer_code:
            st.markdown(t("cocreation.console.code", code=format_code(workshop.customer_code)))
            st.caption(t("cocreation.console.code_help"))
        steps = ["", *CUSTOMER_STEPS]
        names = {"": t("cocreation.console.step_room"), PROFILE_STEP: t("cocreation.console.step_profile")}
        names.update({area: area_label(lang, area) for area in CUSTOMER_STEPS if area != PROFILE_STEP})
        chosen = st.segmented_control(
            t("cocreation.console.step"),
            options=steps,
            default=workshop.customer_step or "",
            format_func=names.__getitem__,
            key=f"workshop.customer_step.{workshop.version}",
        )
        if chosen is not None and (chosen or None) != workshop.customer_step:
            _act(facilitation.set_customer_step, store, token, chosen or None)

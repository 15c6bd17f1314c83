"""Co-creation in the UI (issue 17): the fit panel's "from customers" line. (The join form's
customer/team choice and the facilitator's controls are in ui/workshop/customers.py.)"""

from __future__ import annotations

import streamlit as st

from feedback.service import ProfileVoices
from ui.common.i18n import t


def customer_share(voices: ProfileVoices | None) -> None:
    """How much of the customer profile came from customers, and how much the team assumed."""
    if voices is None or not voices.profile_ids:
        return
    st.markdown(
        t(
            "cocreation.fit.share",
            percent=f"{voices.percent:.0f}",
            customers=voices.from_customers,
            total=len(voices.profile_ids),
        ),
        help=t("cocreation.fit.help"),
    )
    st.caption(
        t(
            "cocreation.fit.detail",
            total=len(voices.profile_ids),
            survey=voices.from_survey,
            workshop=voices.from_workshop,
            team=voices.by_team,
        )
    )

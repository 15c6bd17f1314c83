"""Which client this session is, for the flood limits (core/limits.py): its network
address as Streamlit saw it. Streamlit reports no address for loopback (and AppTest has
none): all of those share one subject, which errs on the strict side."""

from __future__ import annotations

import streamlit as st

from core.limits import client_subject


def client() -> str:
    """The limiter's subject for this session's device."""
    return client_subject(st.context.ip_address)

"""Which client this session is: the TCP peer of its websocket, the one answer to "where
does this come from" for both the workspace's trust in this computer's own browser and
the flood limits (core/limits.py). AppTest and Streamlit's agent API have no peer: that
counts as unknown, which is never trusted and shares one limit subject."""

from __future__ import annotations

import ipaddress

from streamlit import runtime
from streamlit.runtime.scriptrunner import get_script_run_ctx

from core.limits import client_subject


def is_loopback(address: str | None) -> bool:
    """127.0.0.0/8, ::1 and IPv4-mapped loopback; anything else, or nothing, is not."""
    if not address:
        return False
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    mapped = getattr(ip, "ipv4_mapped", None)
    return ip.is_loopback or bool(mapped and mapped.is_loopback)


def session_peer_address() -> str | None:
    """The TCP peer of this session's websocket; None when unknown. (Not
    st.context.ip_address: that reports loopback as None, the same as unknown.)"""
    ctx = get_script_run_ctx()
    if ctx is None or not runtime.exists():
        return None
    client_ = runtime.get_instance().get_client(ctx.session_id)
    context = getattr(client_, "client_context", None)
    return getattr(context, "remote_ip", None)


def client() -> str:
    """The limiter's subject for this session's device."""
    return client_subject(session_peer_address())

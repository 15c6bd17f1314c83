"""Show domain errors in the user's language; never a traceback."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from core.errors import InvalidInput, NilaiError, RateLimited, StaleVersion
from ui.common.i18n import t

log = logging.getLogger("nilai")


def field_label(field: str) -> str:
    key = f"field.{field.split('.')[0]}"
    label = t(key)
    return field if label == key else label


def message_for(error: NilaiError) -> str:
    if isinstance(error, InvalidInput):
        lines = [t(key, field=field_label(field), **params) for field, key, params in error.problems]
        return "\n\n".join(lines)
    return t(error.key, **error.params)


def show_error(error: NilaiError) -> None:
    if isinstance(error, RateLimited):  # a calm pause, not a failure
        st.info(message_for(error), icon=":material/hourglass_top:")
        return
    st.error(message_for(error), icon=":material/error:")


@contextmanager
def guard() -> Iterator[None]:
    """Wrap one user action: domain errors become a message, anything else a generic one."""
    try:
        yield
    except StaleVersion as error:
        st.warning(message_for(error), icon=":material/sync_problem:")
        current = getattr(error.current, "text", None) or getattr(error.current, "name", None)
        if current:
            st.code(current, language=None)
    except NilaiError as error:
        show_error(error)
    except Exception:
        log.exception("unexpected error in a user action")
        st.error(t("error.generic"), icon=":material/error:")

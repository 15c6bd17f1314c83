"""Keep pandas and pyarrow (about 60 MB per process) out of pages that don't use them.

Streamlit checks every first-level value of a custom component's `data` dict with
`is_dataframe_like`, which imports pandas, numpy and pyarrow to ask. The board's payload
holds plain dicts and lists, so the canvas page paid for all three. A plain dict or list
can only be dataframe-like when it holds pandas Series or numpy arrays (Streamlit's
COLUMN_SERIES_MAPPING and NUMPY_LIST): one whose values are all plain Python values (text,
numbers, dicts, lists) is "no" without importing anything. Anything else goes to
Streamlit's own check. (This used to ask whether numpy was imported yet, but the page's
favicon imports numpy: Streamlit's image_to_url does for any image.)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

PLAIN_VALUES = (str, int, float, bool, type(None), dict, list)

Check = TypeVar("Check", bound=Callable[[Any], bool])


def plain_containers_first(original: Check) -> Check:
    def is_dataframe_like(obj: Any) -> bool:
        kind = type(obj)
        if kind is dict and all(type(value) in PLAIN_VALUES for value in obj.values()):
            return False
        if kind is list and all(type(value) in PLAIN_VALUES for value in obj):
            return False
        return original(obj)

    is_dataframe_like.__wrapped__ = original  # type: ignore[attr-defined]
    return cast(Check, is_dataframe_like)  # the same signature, so it can stand in for the original


def install() -> None:
    """Once per server process (serve.py), before any session renders a component."""
    from streamlit.components.v2.bidi_component import serialization

    if not hasattr(serialization.is_dataframe_like, "__wrapped__"):
        serialization.is_dataframe_like = plain_containers_first(serialization.is_dataframe_like)

"""Keep pandas, numpy and pyarrow (about 60 MB per process) out of pages that don't use them.

Streamlit checks every first-level value of a custom component's `data` dict with
`is_dataframe_like`, which imports pandas, numpy and pyarrow to ask. The board's payload
holds plain dicts and lists, so the canvas page paid for all three. A plain dict or list
can only be dataframe-like when it holds pandas Series or numpy arrays (Streamlit's
COLUMN_SERIES_MAPPING and NUMPY_LIST), and those can't exist before pandas or numpy is
imported: until then the answer is "no" without importing anything. Once any page has
imported them, Streamlit's own check runs as before.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

DATAFRAME_LIBRARIES = ("pandas", "numpy", "pyarrow", "polars")


def plain_containers_first(original: Callable[[Any], bool]) -> Callable[[Any], bool]:
    def is_dataframe_like(obj: Any) -> bool:
        if type(obj) in (dict, list) and not any(name in sys.modules for name in DATAFRAME_LIBRARIES):
            return False
        return original(obj)

    is_dataframe_like.__wrapped__ = original  # type: ignore[attr-defined]
    return is_dataframe_like


def install() -> None:
    """Once per server process (serve.py), before any session renders a component."""
    from streamlit.components.v2.bidi_component import serialization

    if not hasattr(serialization.is_dataframe_like, "__wrapped__"):
        serialization.is_dataframe_like = plain_containers_first(serialization.is_dataframe_like)

"""server/lean_imports.py: a plain dict or list is no dataframe, and says so without pandas."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT

PROBE = """
import sys
from server.lean_imports import install
install()
from streamlit.components.v2.bidi_component import serialization
assert serialization.is_dataframe_like({"notes": [{"id": "a"}], "areas": ["pains"]}) is False
assert serialization.is_dataframe_like([1, 2, 3]) is False
assert "pandas" not in sys.modules and "numpy" not in sys.modules, "asked pandas after all"
import numpy as np  # as the favicon does (Streamlit's image_to_url imports numpy)
assert serialization.is_dataframe_like({"notes": [{"id": "a"}], "rev": 3}) is False
assert serialization.is_dataframe_like([{"id": "a"}, "b", None]) is False
assert "pandas" not in sys.modules, "numpy being there made it ask pandas"
assert serialization.is_dataframe_like(np.array([[1, 2]])) is True  # not plain: Streamlit decides
import pandas as pd
assert serialization.is_dataframe_like({"a": pd.Series([1, 2])}) is True  # Streamlit's own check again
assert serialization.is_dataframe_like(pd.DataFrame({"a": [1]})) is True
print("ok")
"""


def test_plain_containers_are_answered_without_importing_pandas() -> None:
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr

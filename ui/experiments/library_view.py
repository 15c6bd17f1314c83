"""The experiment library: each type of test with what it can prove, in the user's language."""

from __future__ import annotations

import streamlit as st

from experiments.library import LIBRARY
from ui.common.i18n import t


def library() -> None:
    st.caption(t("experiments.library.intro"))
    lines = []
    for experiment in LIBRARY:
        meta = t(
            "experiments.library.line",
            strength=t(f"experiments.strength.{experiment.strength}"),
            cost=t(f"experiments.cost.{experiment.cost}"),
            days=experiment.duration_days,
            kind=t(f"experiments.library.kind.{experiment.kind}"),
        )
        lines.append(f"**{t(experiment.name_key)}** · :small[{meta}]  \n{t(experiment.description_key)}")
    st.markdown("\n\n".join(lines))

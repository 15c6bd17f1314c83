"""The library of experiment types a test card can use.

Each type carries what a team usually needs to plan it: the strength of evidence it can
give (what people say is weak, what they do is stronger, what they pay is strongest),
its usual cost and time. Names and descriptions live in the catalogs
(`experiments.type.<key>.name` / `.desc`), written for the settings Nilai's users work
in: a campus library, a UMKM, a clinic.
"""

from __future__ import annotations

from dataclasses import dataclass

from experiments.models import Cost, Strength


@dataclass(frozen=True)
class ExperimentType:
    key: str
    strength: Strength
    cost: Cost
    duration_days: int
    kind: str  # "say" (what people say), "do" (what they do) or "pay" (what they commit)

    @property
    def name_key(self) -> str:
        return f"experiments.type.{self.key}.name"

    @property
    def description_key(self) -> str:
        return f"experiments.type.{self.key}.desc"


LIBRARY: tuple[ExperimentType, ...] = (
    ExperimentType("interview", "weak", "none", 7, "say"),
    ExperimentType("survey", "weak", "low", 7, "say"),
    ExperimentType("observation", "weak", "none", 3, "do"),
    ExperimentType("search_trend", "weak", "none", 2, "do"),
    ExperimentType("paper_prototype", "weak", "low", 5, "say"),
    ExperimentType("landing_page", "medium", "low", 14, "do"),
    ExperimentType("fake_door", "medium", "low", 14, "do"),
    ExperimentType("whatsapp_broadcast", "medium", "none", 7, "do"),
    ExperimentType("pop_up_stall", "medium", "medium", 3, "do"),
    ExperimentType("ab_test", "strong", "medium", 14, "do"),
    ExperimentType("concierge", "strong", "medium", 21, "pay"),
    ExperimentType("wizard_of_oz", "strong", "medium", 21, "do"),
    ExperimentType("pre_order", "strong", "low", 14, "pay"),
    ExperimentType("pilot", "strong", "high", 30, "pay"),
)
BY_KEY = {experiment.key: experiment for experiment in LIBRARY}


def experiment_type(key: str) -> ExperimentType | None:
    return BY_KEY.get(key)

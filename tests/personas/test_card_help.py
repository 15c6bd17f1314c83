"""The persona card's NPS chip explains NPS and its categories in the card's language."""

from __future__ import annotations

from i18n import translate
from ui.personas.card import nps_chip


def test_typed_nps_chip_says_what_the_score_means() -> None:
    for lang in ("id", "en"):
        chip = nps_chip(8, lambda key, **p: translate(lang, key, **p))
        assert translate(lang, "personas.nps_help").split(":")[0] in chip
        assert 'title="' in chip and translate(lang, "personas.nps.passive") in chip

"""The persona card's NPS chip explains NPS and its categories in the card's language."""

from __future__ import annotations

from functools import partial

import pytest

from i18n import translate
from ui.personas.card import nps_chip


@pytest.mark.parametrize("lang", ["id", "en"])
def test_typed_nps_chip_says_what_the_score_means(lang: str) -> None:
    chip = nps_chip(8, partial(translate, lang))
    assert f'title="{translate(lang, "personas.nps_help")}"' in chip
    assert translate(lang, "personas.nps.passive") in chip

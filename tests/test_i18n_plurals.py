"""Counted messages read right in both numbers: translate() picks `key.one` / `key.other`
when a message gets an integer `count` and the catalogs have those forms."""

from __future__ import annotations

import pytest

from i18n import catalog, translate


@pytest.mark.parametrize(
    ("key", "params", "one", "many"),
    [
        ("error.invalid_input", {}, "1 problem found", "3 problems found"),
        ("fit.reason.idle", {}, "1 value-map note addresses", "3 value-map notes address"),
        ("export.pdf.area_more", {"area": "Pains"}, "1 more note", "3 more notes"),
        ("paths.count.canvases", {}, "1 canvas", "3 canvases"),
    ],
)
def test_english_counts_agree_with_their_number(key: str, params: dict, one: str, many: str) -> None:
    assert one in translate("en", key, count=1, **params)
    assert many in translate("en", key, count=3, **params)


def test_no_english_plural_form_says_maybe_plural() -> None:
    forms = {key: text for key, text in catalog("en").items() if key.endswith((".one", ".other"))}
    assert forms
    assert not [key for key, text in forms.items() if "(s)" in text]


def test_a_count_without_plural_forms_uses_the_plain_key() -> None:
    assert translate("en", "classroom.gallery", count=1) == "Gallery of groups (1)"
    assert translate("id", "competitors.score_saved", count=1) == "1 skor tersimpan."

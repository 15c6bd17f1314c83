"""Dates, numbers, percentages, relative times and plural forms come from the CLDR (Babel),
so each language reads as its readers write: "1.234,5" and "7 Des 2026" in Indonesian."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from i18n import LANGUAGES, catalog, locale, plural_form, translate
from i18n.format import format_date, format_datetime, format_number, format_percent, relative_time

MOMENT = datetime(2026, 12, 7, 14, 5, tzinfo=UTC)


@pytest.mark.parametrize(
    ("language", "date", "date_time"),
    [("id", "7 Des 2026", "7 Des 2026 14.05"), ("en", "7 Dec 2026", "7 Dec 2026 14.05")],
)
def test_dates(language: str, date: str, date_time: str) -> None:
    assert format_date(language, MOMENT) == date
    assert format_datetime(language, MOMENT) == date_time
    assert format_date(language, MOMENT.replace(month=8)).split()[1] == {"id": "Agu", "en": "Aug"}[language]


@pytest.mark.parametrize(
    ("language", "grouped", "decimal", "percent"),
    [("id", "1.234.567", "1.234,5", "45,5%"), ("en", "1,234,567", "1,234.5", "45.5%")],
)
def test_numbers_and_percentages(language: str, grouped: str, decimal: str, percent: str) -> None:
    assert format_number(language, 1234567) == grouped
    assert format_number(language, 1234.5, decimals=1) == decimal
    assert format_number(language, 1234.4) == grouped[:5]  # no decimals unless asked
    assert format_percent(language, 45.5, decimals=1) == percent
    assert format_percent(language, 45) == "45%"


def test_an_unknown_language_formats_as_english() -> None:
    assert format_number("fr", 1234.5, decimals=1) == "1,234.5"


@pytest.mark.parametrize(
    ("language", "ago", "expected"),
    [
        ("id", timedelta(seconds=20), "baru saja"),
        ("en", timedelta(seconds=20), "just now"),
        ("id", timedelta(minutes=5), "5 menit yang lalu"),
        ("en", timedelta(minutes=5), "5 minutes ago"),
        ("en", timedelta(minutes=1), "1 minute ago"),
        ("en", timedelta(minutes=55), "55 minutes ago"),  # not rounded up to an hour
        ("id", timedelta(hours=3), "3 jam yang lalu"),
        ("en", timedelta(days=2), "2 days ago"),
        ("id", timedelta(days=8), "29 Nov 2026"),  # past a week: the date
    ],
)
def test_relative_times(language: str, ago: timedelta, expected: str) -> None:
    assert relative_time(language, MOMENT - ago, now=MOMENT) == expected


def test_plural_forms_follow_the_cldr() -> None:
    assert [plural_form("en", count) for count in (0, 1, 2)] == ["other", "one", "other"]
    assert {plural_form("id", count) for count in (0, 1, 2, 21)} == {"other"}
    assert translate("en", "home.canvases", count=1) == "1 canvas"
    assert translate("id", "home.canvases", count=1) == catalog("id")["home.canvases.other"].format(count=1)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_counted_message_has_the_forms_its_language_needs(language: str) -> None:
    needed = set(locale(language).plural_form.tags) | {"other"}
    counted = {key.removesuffix(".one") for key in catalog("en") if key.endswith(".one")}
    missing = [f"{key}.{form}" for key in counted for form in needed if f"{key}.{form}" not in catalog(language)]
    assert counted
    assert missing == []

"""Formatting that differs by language, from the Unicode CLDR through Babel: dates
("7 Des 2026"), numbers ("1.234,5"), percentages, relative times ("5 menit yang lalu") and
which plural form a count takes. No Streamlit here: exports and the CLI format too.
"""

from __future__ import annotations

from datetime import datetime

from babel import dates as cldr_dates
from babel import numbers as cldr_numbers

from core.models import as_utc, utcnow
from i18n import locale, translate

DATE = "d MMM y"  # 7 Des 2026 / 7 Dec 2026: the day first in both, as the app always wrote it
DATE_TIME = "d MMM y HH.mm"  # the 24-hour clock with a dot, as CLDR writes it for Indonesian
RELATIVE_UP_TO_SECONDS = 86400 * 7  # older than a week: the date itself


def format_date(language: str, moment: datetime) -> str:
    return cldr_dates.format_date(moment, DATE, locale=locale(language))


def format_datetime(language: str, moment: datetime) -> str:
    """A moment as the reader writes it, in the zone the datetime carries (no conversion)."""
    return cldr_dates.format_datetime(moment, DATE_TIME, locale=locale(language))


def format_number(language: str, value: float, *, decimals: int = 0) -> str:
    """1.234,5 in Indonesian, 1,234.5 in English; at most `decimals` digits after the mark."""
    pattern = "#,##0" + ("." + "#" * decimals if decimals > 0 else "")
    return cldr_numbers.format_decimal(value, format=pattern, locale=locale(language))


def format_percent(language: str, percent: float, *, decimals: int = 0) -> str:
    """`percent` on the 0-100 scale: 45,5% in Indonesian, 45.5% in English."""
    pattern = "#,##0" + ("." + "#" * decimals if decimals > 0 else "") + "%"
    return cldr_numbers.format_percent(percent / 100, format=pattern, locale=locale(language))


def relative_time(language: str, moment: datetime | None, now: datetime | None = None) -> str:
    if moment is None:
        return ""
    elapsed = (now or utcnow()) - as_utc(moment)
    seconds = elapsed.total_seconds()
    if seconds < 60:
        return translate(language, "time.just_now")
    if seconds < RELATIVE_UP_TO_SECONDS:
        # threshold=1: "50 minutes ago" stays in minutes until a whole hour has gone by
        return cldr_dates.format_timedelta(-elapsed, threshold=1, add_direction=True, locale=locale(language))
    return format_date(language, moment)


def file_size(language: str, size_bytes: int) -> str:
    """ "1.4 MB" / "1,4 MB": at most one decimal, in the reader's numbers."""
    value, unit = float(size_bytes), "B"
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if value < 1024 or unit == "TB":
            break
        value /= 1024
    return f"{format_number(language, value, decimals=0 if unit == 'B' else 1)} {unit}"

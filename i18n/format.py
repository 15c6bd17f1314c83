"""Formatting that differs by language: relative times, dates."""

from __future__ import annotations

from datetime import datetime

from core.models import as_utc, utcnow
from i18n import translate

MONTHS = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "id": ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"),
}


def format_date(language: str, moment: datetime) -> str:
    months = MONTHS.get(language, MONTHS["en"])
    return f"{moment.day} {months[moment.month - 1]} {moment.year}"


def relative_time(language: str, moment: datetime | None, now: datetime | None = None) -> str:
    if moment is None:
        return ""
    seconds = ((now or utcnow()) - as_utc(moment)).total_seconds()
    if seconds < 60:
        return translate(language, "time.just_now")
    if seconds < 3600:
        return translate(language, "time.minutes_ago", n=int(seconds // 60))
    if seconds < 86400:
        return translate(language, "time.hours_ago", n=int(seconds // 3600))
    if seconds < 86400 * 7:
        return translate(language, "time.days_ago", n=int(seconds // 86400))
    return format_date(language, moment)


def file_size(language: str, size_bytes: int) -> str:
    """ "1.4 MB" / "1,4 MB": one decimal, the language's decimal mark."""
    value, unit = float(size_bytes), "B"
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if value < 1024 or unit == "TB":
            break
        value /= 1024
    text = f"{value:.0f}" if unit == "B" else f"{value:.1f}"
    return f"{text.replace('.', ',') if language == 'id' else text} {unit}"

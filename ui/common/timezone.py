"""The user's time zone: deadlines are entered and shown in it, and stored in UTC.

The browser tells Streamlit its IANA zone (st.context.timezone, e.g. "Asia/Makassar").
Without one (AppTest, an old browser) Nilai assumes Western Indonesian Time, where its
classes are.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import streamlit as st

DEFAULT_ZONE = "Asia/Jakarta"


def user_zone() -> ZoneInfo:
    name = st.context.timezone or DEFAULT_ZONE
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT_ZONE)


def zone_label(zone: ZoneInfo, when: datetime | None = None) -> str:
    """ "WIB (Asia/Jakarta)": the short name people use, and the zone it belongs to."""
    short = (when or datetime.now(UTC)).astimezone(zone).tzname() or ""
    return f"{short} ({zone.key})" if short and short != zone.key else zone.key


def to_utc(day: date, at: time, zone: ZoneInfo) -> datetime:
    """A wall-clock date and time in `zone`, as the UTC instant to store."""
    return datetime.combine(day, at, tzinfo=zone).astimezone(UTC)


def local(moment: datetime, zone: ZoneInfo) -> datetime:
    return moment.astimezone(zone)


def format_local(moment: datetime, zone: ZoneInfo) -> str:
    """ "2026-12-01 23:59 WIB (Asia/Jakarta)"."""
    here = local(moment, zone)
    return f"{here:%Y-%m-%d %H:%M} {zone_label(zone, moment)}"

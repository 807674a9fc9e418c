"""Dates as al-folio's front matter writes them, read the way Jekyll (Ruby's YAML and ``Time.parse``) reads them.

PyYAML turns ``2023-01-11`` and ``2015-10-20 11:59:00-04:00`` into dates itself, but leaves as text what
Ruby still reads as a date: an unpadded ``2023-1-11``, a one-digit hour ``2022-06-17 9:00:00``, an offset
without a colon ``-0400``. News items and posts both read their ``date`` here.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from typing import Any

# Year-month-day, then optionally a time (seconds and fraction optional) and an offset or Z.
_JEKYLL_DATE = re.compile(
    r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})"
    r"(?:[ \t]*[Tt ][ \t]*(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.(?P<fraction>\d+))?)?)?"
    r"(?:[ \t]*(?P<zone>[Zz]|(?P<sign>[-+])(?P<zone_hour>\d{1,2})(?::?(?P<zone_minute>\d{2}))?))?"
)


def _offset(match: re.Match) -> timezone | None:
    if match["zone"] is None:
        return None
    if match["sign"] is None:
        return timezone.utc
    minutes = int(match["zone_hour"]) * 60 + int(match["zone_minute"] or 0)
    return timezone((-1 if match["sign"] == "-" else 1) * timedelta(minutes=minutes))


def _from_text(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    match = _JEKYLL_DATE.fullmatch(text)
    if match is None:
        return None
    fraction = (match["fraction"] or "0")[:6].ljust(6, "0")
    try:
        return datetime(
            int(match["year"]), int(match["month"]), int(match["day"]),
            int(match["hour"] or 0), int(match["minute"] or 0), int(match["second"] or 0), int(fraction),
            tzinfo=_offset(match),
        )
    except ValueError:
        return None  # a day or an hour that does not exist, or an offset of a day or more


def parse_date(value: Any) -> datetime | None:
    """A YAML date or datetime, or text Jekyll reads as one; None for anything else (the caller says so, and where).

    The result is naive unless the value gives an offset.
    """
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if isinstance(value, str):
        return _from_text(value.strip())
    return None

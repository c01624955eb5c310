"""Parsers for date options shared by the commands (``--reference-date``, ``--since``, ``--until``).

Each raises ``UsageError`` with one line that names the option and shows a valid value, so every
command reports a bad date the same way (exit code 2).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timezone
from email.utils import parsedate_to_datetime

from quadnews.errors import UsageError

_PARTIAL = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{1,2}))?$")


def parse_date_option(value: str | None, option: str, *, partial: bool = False,
                      end: bool = False) -> date | None:
    """``YYYY-MM-DD`` (and with ``partial``, ``YYYY-MM`` or ``YYYY``) -> ``date``; None stays None.

    A partial date stands for its first day, or with ``end=True`` its last (for ``--until``).
    """
    if value is None:
        return None
    text = value.strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    m = _PARTIAL.match(text) if partial else None
    if m:
        year, month = int(m["year"]), int(m["month"] or (12 if end else 1))
        if 1 <= year <= 9999 and 1 <= month <= 12:
            if not end:
                return date(year, month, 1)
            nxt = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
            return date.fromordinal(nxt.toordinal() - 1) if year < 9999 or month < 12 else date(9999, 12, 31)
    forms = "YYYY-MM-DD, YYYY-MM or YYYY" if partial else "YYYY-MM-DD"
    raise UsageError(f"invalid {option} {value!r}: use {forms}, e.g. 2022-03-26")


def parse_published(value: object) -> tuple[date, datetime | None] | None:
    """A record's publication date field -> ``(date, time or None)``; None when unreadable.

    Accepts what news APIs and crawlers write: ISO 8601 ("2022-03-26", "2022-03-26T08:32:00Z",
    "2022-03-26 08:32:00"), RFC 2822 ("Sat, 26 Mar 2022 08:32:00 GMT") and Unix seconds or
    milliseconds. The date is the one written, in the writer's time zone.
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        seconds = value / 1000 if value > 1e11 else value
        try:
            dt = datetime.fromtimestamp(seconds, tz=timezone.utc)
        except (OverflowError, OSError, ValueError):
            return None
        return dt.date(), dt.replace(tzinfo=None)
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?", text)
    if m:
        try:
            d = date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
        t = None
        if m[4] and int(m[4]) < 24 and int(m[5]) < 60:
            t = datetime(d.year, d.month, d.day, int(m[4]), int(m[5]))
        return d, t
    try:
        dt = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        dt = None
    if dt is not None:
        return dt.date(), dt.replace(tzinfo=None)
    # Last resort for "March 26, 2022" and friends: the dateline parser, anchored at the start.
    from quadnews.dateline import find_dateline

    found = find_dateline(text, head_lines=1, tail_lines=0)
    if found is not None and not found.year_guessed:
        return found.date, found.time
    return None

"""Small formatting helpers shared by the renderers (no I/O, no third-party imports)."""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date

from quadnews.models import Interval, TimelineEntry

# Month names are spelled out here rather than taken from strftime so the output does not
# depend on the machine's locale (golden files must match everywhere).
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
LIST_SEP = "; "


def join(items: Iterable[str], sep: str = ", ") -> str:
    return sep.join(str(x) for x in items)


def interval_text(iv: Interval | None) -> str:
    """``2022-03-21..2022-03-27``, one date when both ends agree, ``""`` for none."""
    if iv is None:
        return ""
    return iv.start if iv.start == iv.end else f"{iv.start}..{iv.end}"


def _parse(day: str) -> date | None:
    try:
        return date.fromisoformat(day)
    except ValueError:
        return None


def _day(d: date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def date_label(value: str | None, iv: Interval | None) -> str:
    """A reader's label for a date: ``25 Mar 2022``, ``Mar 2022``, ``21–27 Mar 2022``, ``2007``.

    The interval is what we trust (the TIMEX value may be ``2022-W12`` or ``PAST_REF``);
    without one the raw value is the most honest thing to show.
    """
    if iv is not None:
        a, b = _parse(iv.start), _parse(iv.end)
        if a is not None and b is not None:
            if a == b:
                return _day(a)
            whole_month = a.day == 1 and b == a.replace(day=calendar.monthrange(a.year, a.month)[1])
            if whole_month:
                return f"{MONTHS[a.month - 1]} {a.year}"
            if (a.month, a.day, b.month, b.day) == (1, 1, 12, 31) and a.year == b.year:
                return str(a.year)
            if (a.year, a.month) == (b.year, b.month):
                return f"{a.day}–{b.day} {MONTHS[a.month - 1]} {a.year}"
            if a.year == b.year:
                return f"{a.day} {MONTHS[a.month - 1]} – {_day(b)}"
            return f"{_day(a)} – {_day(b)}"
        return interval_text(iv)
    return value or "undated"


def entry_label(entry: TimelineEntry) -> str:
    return date_label(entry.value, entry.interval)


def shows_raw_value(value: str | None, iv: Interval | None, label: str) -> bool:
    """Whether the TIMEX value says more than the label (``2022-W12`` yes, ``2022-03-25`` no)."""
    if not value or value == label:
        return False
    return not (iv is not None and iv.start == iv.end == value)


def conflicting(entry: TimelineEntry) -> list[str]:
    """The date values the sources report for ``entry`` when they disagree, else ``[]``."""
    values = list(dict.fromkeys(entry.dates))
    return values if len(values) > 1 else []

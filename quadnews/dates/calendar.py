"""Calendar periods at a granularity (day, week, month, quarter, year, decade, ...) and their arithmetic.

A ``Period`` is a granularity plus its first day; its TIMEX3 value and inclusive interval
follow from those two. Shifting moves by whole periods ("last month", "three years ago").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

# Granularities from finest to coarsest; the order is used to pick "the finer of two".
GRANULARITIES = ("D", "WE", "W", "M", "S", "Q", "H", "Y", "DE", "CE", "ML")
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_SEASON_OF_START = {v: k for k, v in SEASON_START.items()}
_MONTHS_PER = {"M": 1, "S": 12, "Q": 3, "H": 6, "Y": 12, "DE": 120, "CE": 1200, "ML": 12000}


def add_months(d: date, months: int) -> date:
    """``d`` moved by whole months, the day clipped to the target month's length."""
    y, m = divmod(d.month - 1 + months, 12)
    year = d.year + y
    month = m + 1
    return date(year, month, min(d.day, days_in_month(year, month)))


def days_in_month(year: int, month: int) -> int:
    if month == 12:
        return 31
    return (date(year, month + 1, 1) - date(year, month, 1)).days


@dataclass(frozen=True, slots=True)
class Period:
    gran: str  # one of GRANULARITIES
    first: date  # first day of the period

    @property
    def last(self) -> date:
        if self.gran == "WE":
            return self.first + timedelta(days=1)
        if self.gran == "S":
            return add_months(self.first, 3) - timedelta(days=1)
        return self.shift(1).first - timedelta(days=1)

    @property
    def value(self) -> str:
        d, g = self.first, self.gran
        if g == "D":
            return d.isoformat()
        if g in ("W", "WE"):
            y, w, _ = d.isocalendar()
            return f"{y:04d}-W{w:02d}" + ("-WE" if g == "WE" else "")
        if g == "M":
            return f"{d.year:04d}-{d.month:02d}"
        if g == "S":
            return f"{d.year:04d}-{_SEASON_OF_START[d.month]}"
        if g == "Q":
            return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
        if g == "H":
            return f"{d.year:04d}-H{1 if d.month <= 6 else 2}"
        if g == "Y":
            return f"{d.year:04d}"
        if g == "DE":
            return f"{d.year // 10:03d}"
        if g == "CE":
            return f"{d.year // 100:02d}"
        return f"{d.year // 1000:01d}"

    def shift(self, n: int) -> Period:
        """The period ``n`` steps later (earlier when negative) at the same granularity."""
        if self.gran == "D":
            return Period("D", self.first + timedelta(days=n))
        if self.gran in ("W", "WE"):
            return Period(self.gran, self.first + timedelta(days=7 * n))
        return Period(self.gran, add_months(self.first, _MONTHS_PER[self.gran] * n))


def bounded_year(year: int) -> bool:
    return 1 <= year <= 9999


def containing(d: date, gran: str) -> Period:
    """The period of granularity ``gran`` that contains day ``d``."""
    if gran == "D":
        return Period("D", d)
    if gran == "W":
        return Period("W", d - timedelta(days=d.weekday()))
    if gran == "WE":
        return Period("WE", d - timedelta(days=d.weekday()) + timedelta(days=5))
    if gran == "M":
        return Period("M", d.replace(day=1))
    if gran == "S":
        # winter runs December..February and takes the year of its December
        if d.month < 3:
            return Period("S", date(d.year - 1, 12, 1))
        return Period("S", date(d.year, (d.month // 3) * 3, 1))
    if gran == "Q":
        return Period("Q", date(d.year, (d.month - 1) // 3 * 3 + 1, 1))
    if gran == "H":
        return Period("H", date(d.year, 1 if d.month <= 6 else 7, 1))
    if gran == "Y":
        return Period("Y", date(d.year, 1, 1))
    if gran == "DE":
        return Period("DE", date(max(d.year // 10 * 10, 1), 1, 1))
    if gran == "CE":
        return Period("CE", date(max(d.year // 100 * 100, 1), 1, 1))
    return Period("ML", date(max(d.year // 1000 * 1000, 1), 1, 1))


def season(year: int, code: str) -> Period:
    return Period("S", date(year, SEASON_START[code], 1))


def narrow(first: date, last: date, mod: str | None) -> tuple[date, date]:
    """The part of an interval that START/MID/END picks: its first, middle or last third."""
    if mod not in ("START", "MID", "END"):
        return first, last
    span = (last - first).days + 1
    if span < 3:
        return first, last  # a day has no thirds
    third = span // 3
    if mod == "START":
        return first, first + timedelta(days=third - 1)
    if mod == "END":
        return last - timedelta(days=third - 1), last
    return first + timedelta(days=third), last - timedelta(days=third)


_VALUE_FORMS = (
    (re.compile(r"(\d{4})-(\d{2})-(\d{2})"), "D"),
    (re.compile(r"(\d{4})-W(\d{2})-WE"), "WE"),
    (re.compile(r"(\d{4})-W(\d{2})"), "W"),
    (re.compile(r"(\d{4})-(\d{2})"), "M"),
    (re.compile(r"(\d{4})-Q([1-4])"), "Q"),
    (re.compile(r"(\d{4})-H([12])"), "H"),
    (re.compile(r"(\d{4})-(SP|SU|FA|WI)"), "S"),
    (re.compile(r"(\d{4})"), "Y"),
    (re.compile(r"(\d{3})"), "DE"),
    (re.compile(r"(\d{2})"), "CE"),
)


def period_of_value(value: str) -> Period | None:
    """The period a TIMEX3 date value names ("2022-W12" -> that week); None for others."""
    head = value.split("T", 1)[0]
    for rx, gran in _VALUE_FORMS:
        m = rx.fullmatch(head)
        if not m:
            continue
        y = int(m.group(1))
        try:
            if gran == "D":
                return Period("D", date(y, int(m.group(2)), int(m.group(3))))
            if gran in ("W", "WE"):
                monday = date.fromisocalendar(y, int(m.group(2)), 1)
                return Period(gran, monday + timedelta(days=5) if gran == "WE" else monday)
            if gran == "M":
                return Period("M", date(y, int(m.group(2)), 1))
            if gran == "Q":
                return Period("Q", date(y, (int(m.group(2)) - 1) * 3 + 1, 1))
            if gran == "H":
                return Period("H", date(y, 1 if m.group(2) == "1" else 7, 1))
            if gran == "S":
                return season(y, m.group(2))
            if gran == "Y":
                return Period("Y", date(y, 1, 1)) if y else None
            if gran == "DE":
                return Period("DE", date(max(y * 10, 1), 1, 1))
            return Period("CE", date(max(y * 100, 1), 1, 1))
        except ValueError:
            return None
    return None

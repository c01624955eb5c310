"""Find the article's own publication date in its text (dateline, "Published ..." line).

Wire stories carry their date in a few conventional places: a "Published/Updated ..." line at
the top, a dateline opening the first paragraph ("WASHINGTON, March 25 (Reuters) -"), or a
stamp at the very end. We look only there, so a date in the story body is never taken for the
publication date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_MON = rf"(?P<month>(?:{_MONTHS})\.?)"
_CLOCK = r"(?P<clock>\d{1,2}[:.]\d\d(?:\s*[aApP]\.?[mM]\.?)?)(?:\s*(?P<tz>[A-Z]{2,5}(?:[+-]\d{1,2})?))?"
_CLOCK2 = _CLOCK.replace("?P<clock>", "?P<clock2>").replace("?P<tz>", "?P<tz2>")

_MDY = rf"{_MON}\s+{_DAY},?\s+{_YEAR}"  # March 26th 2022
_DMY = rf"{_DAY}\s+{_MON},?\s+{_YEAR}"  # 26 Mar 2022
_LEAD = r"^\s*(?:Published|Updated|Posted|Last updated|First published)\s*(?:on|at)?:?\s*"
# Monday / Mon / Mon. / Tues / Thurs, with an optional comma: "Sat 26 Mar 2022", "Saturday, March 26"
_WEEKDAY = r"(?:(?:Mon|Tue|Tues|Wed|Wednes|Thu|Thur|Thurs|Fri|Sat|Satur|Sun)(?:day)?\.?,?\s*)?"


def _both(template: str, flags: int = 0) -> list[re.Pattern[str]]:
    return [re.compile(template.replace("DATE", order), flags) for order in (_MDY, _DMY)]


# Ordered from most to least specific; each must match at the start of a line.
_PATTERNS: list[re.Pattern[str]] = [
    # Published 08:32 IST, March 26th 2022 / Updated: 26 Mar 2022, 10:05 am
    *_both(rf"{_LEAD}(?:{_CLOCK}\s*,?\s*)?{_WEEKDAY}DATE(?:,?\s*(?:at\s*)?{_CLOCK2})?", re.IGNORECASE),
    # 08:32 IST, March 26th 2022   (a bare stamp line)
    *_both(rf"^\s*{_CLOCK}\s*,\s*DATE\s*$", re.IGNORECASE),
    # March 26, 2022 |  /  26 March 2022 - / Saturday, March 26th 2022 / Mar. 26, 2022 8:32 AM EDT
    *_both(rf"^\s*{_WEEKDAY}DATE(?:,?\s*(?:at\s*)?{_CLOCK2})?\s*(?:[|\-–—:,•·]|$)"),
    # By Jane Doe | March 26, 2022 / By Jane Doe, Reuters - Updated 26 March 2022
    *_both(rf"^\s*By\s+[^|\n]{{1,80}}?\s*[|,•·–—-]\s*(?:(?:Published|Updated|Posted)(?:\s+on)?:?\s*)?{_WEEKDAY}DATE"),
    # Date: March 26, 2022
    *_both(rf"^\s*Dated?:?\s+{_WEEKDAY}DATE", re.IGNORECASE),
    # KYODO NEWS - Sep 6, 2023 - 19:02 | World  /  XINHUA | March 3, 2023  (an outlet's name in capitals)
    *_both(rf"^\s*[A-Z][A-Z&.' ]{{1,40}}[A-Z.]\s*[-–—|•·:]\s*{_WEEKDAY}DATE"),
    # 2022-03-26
    re.compile(r"^\s*(?:(?:Published|Updated|Posted)(?:\s+on)?:?\s*)?(?P<iso>(?:19|20)\d\d-\d\d-\d\d)\b", re.IGNORECASE),
    # WASHINGTON, March 25 (Reuters) -   /  NEW DELHI, Mar 26 (PTI) —   (year: see _guess_year)
    re.compile(rf"^\s*[^\W\d_](?:[^\W\d_]|[ .'/-]){{1,40}},\s+{_MON}\s+{_DAY}(?:,?\s+{_YEAR})?\s*"
               rf"(?:\([^)]{{1,40}}\))?\s*[-–—]"),
]
# A dateline is short; looking at no more than this of each line keeps the regexes linear on
# files with megabyte-long lines.
_LINE_WINDOW = 300

_MONTH_NUM = {m[:3].lower(): i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}


@dataclass(frozen=True, slots=True)
class Dateline:
    date: date
    time: datetime | None
    start: int  # character offsets of the matched date text in the article
    end: int
    year_guessed: bool = False  # the dateline gave day and month only


def _build(m: re.Match[str], fallback_year: int | None) -> tuple[date, datetime | None] | None:
    groups = m.groupdict()
    if groups.get("iso"):
        try:
            return date.fromisoformat(groups["iso"]), None
        except ValueError:
            return None
    year = int(groups["year"]) if groups.get("year") else fallback_year
    if year is None or not groups.get("month"):
        return None
    month = _MONTH_NUM[groups["month"].rstrip(".")[:3].lower()]
    try:
        d = date(year, month, int(groups["day"]))
    except ValueError:
        return None
    t = None
    clock = groups.get("clock") or groups.get("clock2")
    if clock:
        clock = clock.lower().replace(".", ":").replace(" ", "")
        pm = clock.endswith(("pm", "p:m:"))
        hh, mm = re.match(r"(\d{1,2}):(\d\d)", clock).groups()  # type: ignore[union-attr]
        h = int(hh) % 12 + (12 if pm else 0) if ("am" in clock or "pm" in clock or "a:m" in clock or "p:m" in clock) else int(hh)
        if h < 24 and int(mm) < 60:
            t = datetime(d.year, d.month, d.day, h, int(mm))
    return d, t


def _guess_year(month: int, day: int, head: list[str], text: str, near: date | None) -> int | None:
    """The year of a dateline that gives none ("WASHINGTON, March 25 (Reuters) -").

    A year printed in the header lines wins. Else the latest year the story mentions that is not
    after ``near`` (the file's date or today): stories mention past years far more than future
    ones, and never a year after their own. Else the latest such date not after ``near``.
    """
    for line in head:
        if len(line) > 150:  # story text, not a header line
            continue
        m = re.search(r"\b((?:19|20)\d\d)\b", line)
        if m:
            return int(m.group(1))
    limit = near or date.today()
    years = [int(y) for y in re.findall(r"\b((?:19|20)\d\d)\b", text[:3000]) if int(y) <= limit.year]
    if years:
        return max(years)
    if near is None:
        return None
    year = limit.year
    try:
        return year if date(year, month, day) <= limit + timedelta(days=2) else year - 1
    except ValueError:  # 29 February
        return year


def find_dateline(text: str, *, head_lines: int = 8, tail_lines: int = 3,
                  near: date | None = None) -> Dateline | None:
    """The publication date stated in the first or last few lines of ``text``, if any.

    ``near`` (the file's date, or today) only helps to guess the year of a dateline without one.
    """
    lines: list[tuple[int, str]] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        lines.append((pos, line))
        pos += len(line)
    nonblank = [(p, ln[:_LINE_WINDOW]) for p, ln in lines if ln.strip()]
    head = nonblank[:head_lines]
    candidates = head + nonblank[head_lines:][-tail_lines:]
    for pattern in _PATTERNS:
        for offset, line in candidates:
            m = pattern.search(line)
            if not m:
                continue
            groups = m.groupdict()
            fallback = None
            if not groups.get("iso") and not groups.get("year") and groups.get("month"):
                month = _MONTH_NUM[groups["month"].rstrip(".")[:3].lower()]
                header = [ln for p, ln in head if p < offset]  # the lines above the dateline
                fallback = _guess_year(month, int(groups["day"]), header, text, near)
            built = _build(m, fallback)
            if built is None:
                continue
            d, t = built
            key = "iso" if groups.get("iso") else "month"
            end = m.end("year") if groups.get("year") else m.end(key)
            return Dateline(d, t, offset + m.start(key), offset + end, year_guessed=fallback is not None)
    return None

"""The JSON that Knight Lab's TimelineJS3 reads (``new TL.Timeline(id, data)``).

Format: https://timeline.knightlab.com/docs/json-format.html. Dates are objects of numbers
(``year`` required, ``month`` 1-12, ``day``); a slide's ``headline`` and ``text`` are HTML, so
every piece of article text is escaped here. A TIMEX value's precision decides how much of the
date is given: ``2007`` sets only the year, ``2022-03`` the year and month, a week or any other
span becomes a ``start_date``/``end_date`` pair with a ``display_date`` a reader understands.
Entries without an interval cannot be placed on TimelineJS' axis; the title slide counts them.
"""

from __future__ import annotations

import json
import re
from datetime import date
from html import escape as _escape
from typing import Any

from quadnews.models import TimelineEntry, TimelineResult
from quadnews.render._common import conflicting, date_label, join


def escape(text: str) -> str:
    # Text nodes only (never attributes), so quotes can stay readable.
    return _escape(text, quote=False)


_YEAR = re.compile(r"^\d{4}$")
_MONTH = re.compile(r"^\d{4}-\d{2}$")


def _date_obj(day: str, precision: str) -> dict[str, int]:
    d = date.fromisoformat(day)
    out = {"year": d.year}
    if precision in ("month", "day"):
        out["month"] = d.month
    if precision == "day":
        out["day"] = d.day
    return out


def _dates(x: TimelineEntry) -> dict[str, Any] | None:
    iv = x.interval
    if iv is None:
        return None
    try:
        if iv.start == iv.end:
            return {"start_date": _date_obj(iv.start, "day")}
        if x.value and _YEAR.match(x.value):
            return {"start_date": _date_obj(iv.start, "year")}
        if x.value and _MONTH.match(x.value):
            return {"start_date": _date_obj(iv.start, "month")}
        return {"start_date": _date_obj(iv.start, "day"), "end_date": _date_obj(iv.end, "day"),
                "display_date": date_label(x.value, iv)}
    except ValueError:  # an interval end that is not a calendar date: leave it off the axis
        return None


def _slide_text(x: TimelineEntry) -> str:
    parts = []
    meta = [p for p in (x.type, x.status) if p]
    if meta:
        parts.append(f"<p><strong>{escape(' · '.join(meta))}</strong>"
                     + (f" in {escape(x.location)}" if x.location else "") + "</p>")
    elif x.location:
        parts.append(f"<p>in {escape(x.location)}</p>")
    if x.participants:
        parts.append(f"<p>Participants: {escape(join(x.participants))}</p>")
    clash = conflicting(x)
    if clash:
        parts.append(f"<p><em>Sources disagree on the date: {escape(join(clash, ' / '))}</em></p>")
    if x.sources:
        parts.append(f"<p>Sources: {escape(join(x.sources))}</p>")
    return "".join(parts)


def timeline_to_timelinejs_dict(result: TimelineResult, *, title: str = "Timeline") -> dict[str, Any]:
    events: list[dict[str, Any]] = []
    undated = 0
    for i, x in enumerate(result.entries, 1):
        dates = _dates(x)
        if dates is None:
            undated += 1
            continue
        slide: dict[str, Any] = {
            **{k: v for k, v in dates.items() if k != "display_date"},
            "text": {"headline": escape(x.text), "text": _slide_text(x)},
            "group": x.type or x.kind,
            # Our ids repeat across articles ("e1" in each), so the position keeps them unique.
            "unique_id": f"entry-{i}",
            # Article text could contain an e-mail address or URL; we escape it and do not want
            # TimelineJS to turn it back into markup.
            "autolink": False,
        }
        if "display_date" in dates:
            slide["display_date"] = dates["display_date"]
        if x.status == "planned":
            slide["background"] = {"color": "#f4ecfb"}
        events.append(slide)
    n = len(result.sources)
    summary = f"{len(result.entries)} entries from {n} article{'s' if n != 1 else ''}"
    if undated:
        summary += f"; {undated} undated entr{'ies' if undated != 1 else 'y'} not shown"
    return {"title": {"text": {"headline": escape(title), "text": f"<p>{escape(summary)}</p>"}},
            "events": events}


def timeline_to_timelinejs(result: TimelineResult, *, title: str = "Timeline") -> str:
    return json.dumps(timeline_to_timelinejs_dict(result, title=title), ensure_ascii=False, indent=2) + "\n"

"""CSV: one row per item, every section in one file under the same header.

A ``section`` column says what a row is (``states``, ``leaders``, ``people``,
``organizations``, ``places``, ``dates``, ``events``, ``timeline``) and ``source`` which article
it came from, so a spreadsheet filter on ``section`` gives one table. Columns a section does not
use are empty. Lists (aliases, participants, ...) are joined with ``"; "``. The columns are
documented in ``docs/schema.md``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence

from quadnews.models import (
    Extraction,
    Interval,
    Leader,
    Organization,
    State,
    TimelineEntry,
    TimelineResult,
)
from quadnews.render._common import LIST_SEP

COLUMNS = (
    "source", "section", "id", "name", "code", "kind", "type", "role", "title", "state", "mentions",
    "aliases", "text", "trigger", "value", "mod", "interval_start", "interval_end", "status",
    "participants", "states", "location", "cameo", "event", "sources", "dates", "start", "end",
)

Row = dict[str, object]


def _lst(items: Sequence[str]) -> str:
    return LIST_SEP.join(items)


def _iv(iv: Interval | None) -> Row:
    return {"interval_start": iv.start, "interval_end": iv.end} if iv else {}


def _entity_rows(states: Sequence[State], leaders: Sequence[Leader],
                 orgs: Sequence[Organization]) -> Iterator[tuple[str, Row]]:
    for s in states:
        yield "states", {"code": s.code, "name": s.name, "role": s.role, "mentions": s.mentions,
                         "aliases": _lst(s.aliases)}
    for ld in leaders:
        yield "leaders", {"name": ld.name, "title": ld.title, "state": ld.state, "mentions": ld.mentions,
                          "aliases": _lst(ld.aliases)}
    for o in orgs:
        yield "organizations", {"name": o.name, "state": o.state, "mentions": o.mentions,
                                "aliases": _lst(o.aliases)}


def _timeline_row(x: TimelineEntry) -> Row:
    return {"kind": x.kind, "type": x.type, "text": x.text, "value": x.value, **_iv(x.interval),
            "status": x.status, "participants": _lst(x.participants), "location": x.location,
            "event": x.event, "sources": _lst(x.sources), "dates": _lst(x.dates)}


def _article_rows(r: Extraction) -> Iterator[tuple[str, Row]]:
    yield from _entity_rows(r.states, r.leaders, [])
    for p in r.people:
        yield "people", {"name": p.name, "mentions": p.mentions, "aliases": _lst(p.aliases)}
    yield from _entity_rows([], [], r.organizations)
    for pl in r.places:
        yield "places", {"name": pl.name, "kind": pl.kind, "state": pl.country, "mentions": pl.mentions}
    for d in r.dates:
        yield "dates", {"text": d.text, "type": d.type, "value": d.value, "mod": d.mod, **_iv(d.interval),
                        "start": d.start, "end": d.end}
    for e in r.events:
        dated: Row = {}
        if e.date is not None:
            dated = {"value": e.date.value, "mod": e.date.mod, **_iv(e.date.interval)}
        yield "events", {"id": e.id, "type": e.type, "cameo": e.cameo, "trigger": e.trigger,
                         "text": e.summary, **dated, "status": e.status,
                         "participants": _lst(e.participants), "states": _lst(e.states),
                         "location": e.location, "state": e.location_country, "mentions": e.mentions,
                         "start": e.start, "end": e.end}
    for x in r.timeline:
        yield "timeline", _timeline_row(x)


def _write(rows: Iterator[tuple[str, str, Row]]) -> str:
    buf = io.StringIO()
    # "\n" line ends (not csv's default "\r\n") so the output diffs cleanly and golden files
    # compare byte for byte; every CSV reader accepts either.
    w = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n", extrasaction="raise")
    w.writeheader()
    for source, section, row in rows:
        w.writerow({k: ("" if v is None else v) for k, v in {"source": source, "section": section, **row}.items()})
    return buf.getvalue()


def to_csv(results: Sequence[Extraction]) -> str:
    return _write((r.source, section, row) for r in results for section, row in _article_rows(r))


def timeline_to_csv(result: TimelineResult) -> str:
    """The merged timeline: ``timeline`` rows (with ``sources``), then the merged entities.

    ``source`` is empty on every row: a merged item belongs to several articles, listed in
    ``sources`` for timeline rows.
    """

    def rows() -> Iterator[tuple[str, str, Row]]:
        for x in result.entries:
            yield "", "timeline", _timeline_row(x)
        for section, row in _entity_rows(result.states, result.leaders, result.organizations):
            yield "", section, row

    return _write(rows())

"""Timelines: the events and dated facts of one article, and of many, in date order.

Entries are ordered by the interval they cover (start, then the longer first), so coarse dates
sit where their interval begins ("2022-03" before "2022-03-25"); undated plans come last.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import date

from quadnews.models import Extraction, Interval, Leader, Organization, State, TimelineEntry, TimelineResult

_FAR = "9999-12-31"


def _sort_key(e: TimelineEntry) -> tuple:
    if e.interval is None:
        # Undated planned events go last; undated past events just before them.
        return (1, _FAR, "", 0 if e.status != "planned" else 1, e.text)
    return (0, e.interval.start, _neg(e.interval.end), 0, e.text)


def _neg(iso: str) -> str:
    # Longer intervals first at the same start: invert the end date's digits.
    return "".join(str(9 - int(c)) if c.isdigit() else c for c in iso)


def article_timeline(result: Extraction) -> list[TimelineEntry]:
    entries: list[TimelineEntry] = []
    dated_spans: set[tuple[int, int]] = set()
    for ev in result.events:
        d = ev.date
        if d is not None:
            dated_spans.add((d.start, d.end))
        if d is None and ev.status != "planned":
            continue  # an undated past event says nothing about when
        entries.append(TimelineEntry(
            value=d.value if d else None, interval=d.interval if d else None, kind="event",
            text=ev.summary, event=ev.id, type=ev.type, status=ev.status,
            participants=list(ev.participants), sources=[result.source],
            dates=[d.value] if d else [], location=ev.location, states=list(ev.states),
        ))
    if result.reference_date:
        entries.append(TimelineEntry(
            value=result.reference_date, interval=Interval(result.reference_date, result.reference_date),
            kind="publication", text=f"{result.title or result.source} published",
            sources=[result.source], dates=[result.reference_date],
        ))
    # Other dated facts: dates no event owns, with the sentence they stand in.
    text = result.text
    for te in result.dates:
        if (te.start, te.end) in dated_spans or te.interval is None or te.type not in {"DATE", "TIME"}:
            continue
        if te.value == result.reference_date or te.value.startswith(result.reference_date + "T"):
            continue  # the dateline itself
        s = text.rfind("\n", 0, te.start) + 1
        e = text.find("\n", te.end)
        sentence = text[s:e if e != -1 else len(text)].strip()
        if len(sentence) > 200:
            lo = max(s, te.start - 90)
            sentence = "…" + text[lo:te.end + 90].strip() + "…"
        entries.append(TimelineEntry(
            value=te.value, interval=te.interval, kind="date", text=sentence,
            sources=[result.source], dates=[te.value],
        ))
    entries.sort(key=_sort_key)
    return entries


# --- many articles -------------------------------------------------------------------------


def _days_apart(a: Interval, b: Interval) -> int:
    if a.start <= b.end and b.start <= a.end:
        return 0
    x, y = (a, b) if a.end < b.start else (b, a)
    return (date.fromisoformat(y.start) - date.fromisoformat(x.end)).days


def _width(iv: Interval | None) -> int:
    if iv is None:
        return 1 << 30
    return (date.fromisoformat(iv.end) - date.fromisoformat(iv.start)).days


def same_event(a: TimelineEntry, b: TimelineEntry) -> bool:
    """Two reports of one event: same type, a shared participant or place, and dates that
    overlap (or, when both name a participant pair or the place, lie within three days: then
    the reports disagree and both dates are shown)."""
    if a.kind != "event" or b.kind != "event" or a.type != b.type:
        return False
    shared = set(a.participants) & set(b.participants)
    same_place = a.location is not None and a.location == b.location
    if not shared and not same_place:
        return False
    if a.interval is None or b.interval is None:
        # An undated plan matches the dated report of the same plan or of its outcome.
        return (a.interval is None and a.status == "planned") or (b.interval is None and b.status == "planned")
    gap = _days_apart(a.interval, b.interval)
    if gap == 0:
        return True
    strong = len(shared) >= 2 or (same_place and bool(shared))
    return strong and gap <= 3 and _width(a.interval) <= 1 and _width(b.interval) <= 1


def _absorb(into: TimelineEntry, other: TimelineEntry) -> None:
    for s in other.sources:
        if s not in into.sources:
            into.sources.append(s)
    for v in other.dates:
        if v not in into.dates:
            into.dates.append(v)
    for p in other.participants:
        if p not in into.participants:
            into.participants.append(p)
    into.states = sorted(set(into.states) | set(other.states))
    if into.location is None:
        into.location = other.location
    # A later report that it happened outranks an earlier plan; the most precise date wins
    # when the reports agree, and all values stay listed in ``dates`` when they do not.
    if other.status == "happened" and into.status == "planned":
        into.status = "happened"
        into.text = other.text
    if other.interval is not None and (into.interval is None or _width(other.interval) < _width(into.interval)):
        into.value, into.interval = other.value, other.interval
        if into.status == other.status:
            into.text = other.text


def _disagreeing(spans: dict[str, Interval | None], values: list[str]) -> list[str]:
    """The reported values, less the coarse ones that agree with a finer one ("2023-W09" holds
    "2023-03-03"): what is left, when more than one, is a real disagreement between sources."""
    def inside(a: Interval | None, b: Interval | None) -> bool:
        return a is not None and b is not None and b.start <= a.start and a.end <= b.end and a != b

    return [v for v in values if not any(inside(spans.get(w), spans.get(v)) for w in values if w != v)]


def merge(results: Iterable[Extraction], *, failed: Iterable[str] = (), with_dates: bool = False) -> TimelineResult:
    """One chronological timeline across articles, each event once with all its sources."""
    entries: list[TimelineEntry] = []
    states: dict[str, State] = {}
    leaders: dict[str, Leader] = {}
    orgs: dict[str, Organization] = {}
    sources: list[str] = []
    spans: dict[int, dict[str, Interval | None]] = {}
    for r in results:
        sources.append(r.source)
        for e in r.timeline:
            if e.kind == "date" and not with_dates:
                continue
            e = dataclasses.replace(e)
            e.participants, e.sources, e.dates, e.states = list(e.participants), list(e.sources), list(e.dates), list(e.states)
            e.event = f"{r.source}#{e.event}" if e.event else None
            twin = next((x for x in entries if same_event(x, e)), None)
            if twin is None:
                entries.append(e)
                spans[id(e)] = {e.value: e.interval} if e.value else {}
            else:
                _absorb(twin, e)
                if e.value:
                    spans[id(twin)].setdefault(e.value, e.interval)
        for s in r.states:
            m = states.setdefault(s.code, State(code=s.code, name=s.name))
            m.mentions += s.mentions
            m.aliases = sorted(set(m.aliases) | set(s.aliases))
            if s.role == "participant":
                m.role = "participant"
        for ld in r.leaders:
            m2 = leaders.setdefault(ld.name.lower(), Leader(name=ld.name, title=ld.title, state=ld.state))
            m2.mentions += ld.mentions
            m2.aliases = sorted(set(m2.aliases) | set(ld.aliases))
            m2.title = m2.title or ld.title
            m2.state = m2.state or ld.state
        for o in r.organizations:
            m3 = orgs.setdefault(o.name.lower(), Organization(name=o.name, state=o.state))
            m3.mentions += o.mentions
            m3.aliases = sorted(set(m3.aliases) | set(o.aliases))
    for e in entries:
        e.dates = _disagreeing(spans.get(id(e), {}), e.dates)
    entries.sort(key=_sort_key)
    return TimelineResult(
        entries=entries,
        states=sorted(states.values(), key=lambda s: s.name),
        leaders=sorted(leaders.values(), key=lambda x: x.name.lower()),
        organizations=sorted(orgs.values(), key=lambda x: x.name.lower()),
        sources=sources,
        failed=list(failed),
    )


def filter_entries(result: TimelineResult, *, since: date | None = None, until: date | None = None,
                   state: str | None = None, leader: str | None = None, event_type: str | None = None) -> TimelineResult:
    """Keep the entries that match every filter given (publication entries only match dates)."""
    def keep(e: TimelineEntry) -> bool:
        if since is not None and (e.interval is None or e.interval.end < since.isoformat()):
            return False
        if until is not None and (e.interval is None or e.interval.start > until.isoformat()):
            return False
        if state is not None and state.upper() not in e.states:
            return False
        if leader is not None and not any(leader.lower() in p.lower() for p in e.participants):
            return False
        if event_type is not None and e.type != event_type:
            return False
        return True

    result.entries = [e for e in result.entries if keep(e)]
    return result

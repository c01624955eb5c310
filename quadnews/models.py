"""Typed results: what quadnews finds in an article.

Everything a renderer sees is one of these dataclasses; only ``quadnews.builder`` builds
them from a spaCy ``Doc``. ``to_dict`` gives the stable JSON shape documented in
``quadnews/schema/extraction.schema.json`` (every key always present, ``None`` when empty).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from typing import Any

SCHEMA_VERSION = 1


@dataclass(frozen=True, slots=True)
class Interval:
    """The calendar days an expression covers, both ends inclusive (ISO dates)."""

    start: str
    end: str

    @classmethod
    def of(cls, start: date, end: date) -> Interval:
        return cls(start.isoformat(), end.isoformat())


@dataclass(slots=True)
class TemporalExpression:
    """One TIMEX3 expression: ``start``/``end`` are character offsets into the article text."""

    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str
    mod: str | None = None
    interval: Interval | None = None
    anchor: str | None = None  # how it was resolved: "absolute", "reference", "tense:past", ...


@dataclass(slots=True)
class State:
    code: str  # ISO 3166-1 alpha-2
    name: str
    role: str = "mentioned"  # participant | mentioned
    mentions: int = 0
    aliases: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Leader:
    name: str
    title: str | None
    state: str | None  # ISO code of the state the title belongs to
    mentions: int = 0
    aliases: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Person:
    name: str
    mentions: int = 0
    aliases: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Organization:
    name: str
    mentions: int = 0
    aliases: list[str] = field(default_factory=list)
    state: str | None = None  # ISO code when the text ties it to one state


@dataclass(slots=True)
class Place:
    """A city or other located place that is not a state ("Sydney" in AU)."""

    name: str
    kind: str  # city | region | place
    country: str | None = None
    mentions: int = 0


@dataclass(slots=True)
class EventDate:
    text: str
    value: str
    mod: str | None
    interval: Interval | None
    start: int
    end: int


@dataclass(slots=True)
class Event:
    id: str
    type: str
    cameo: str  # CAMEO root code of the type
    trigger: str
    summary: str
    participants: list[str]
    states: list[str]
    location: str | None
    location_country: str | None
    date: EventDate | None
    status: str  # happened | ongoing | planned
    sentence: str
    start: int
    end: int
    mentions: int = 1


@dataclass(slots=True)
class TimelineEntry:
    value: str | None
    interval: Interval | None
    kind: str  # event | date | publication
    text: str
    event: str | None = None
    type: str | None = None
    status: str | None = None
    participants: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)  # every value reported, when sources disagree
    location: str | None = None  # where the event took place, when the entry is an event
    states: list[str] = field(default_factory=list)  # ISO codes of the states taking part


@dataclass(slots=True)
class Extraction:
    source: str
    reference_date: str
    reference_date_source: str  # option | dateline | metadata | file-mtime | today
    text: str = field(repr=False, default="")
    title: str | None = None
    text_source: str = "file"  # what the offsets refer to: file | html-main-text | json:<field>
    url: str | None = None
    states: list[State] = field(default_factory=list)
    leaders: list[Leader] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    dates: list[TemporalExpression] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    schema_version: int = SCHEMA_VERSION

    def to_dict(self, *, include_text: bool = False) -> dict[str, Any]:
        """The JSON object of one article (keys in a fixed order)."""
        out: dict[str, Any] = {
            "schema_version": self.schema_version,
            "source": self.source,
            "title": self.title,
            "text_source": self.text_source,
            "url": self.url,
            "reference_date": self.reference_date,
            "reference_date_source": self.reference_date_source,
            "states": [dataclasses.asdict(s) for s in self.states],
            "leaders": [dataclasses.asdict(x) for x in self.leaders],
            "people": [dataclasses.asdict(x) for x in self.people],
            "organizations": [dataclasses.asdict(x) for x in self.organizations],
            "places": [dataclasses.asdict(x) for x in self.places],
            "dates": [dataclasses.asdict(x) for x in self.dates],
            "events": [dataclasses.asdict(x) for x in self.events],
            "timeline": [dataclasses.asdict(x) for x in self.timeline],
            "warnings": list(self.warnings),
        }
        if include_text:
            out["text"] = self.text
        return out


@dataclass(slots=True)
class TimelineResult:
    """One timeline merged across many articles (``quadnews timeline DIR``).

    ``entries`` are chronological; each lists in ``sources`` the articles that report it.
    ``states``/``leaders``/``organizations`` are merged across the articles; ``failed`` holds
    the inputs that could not be read, so a partial timeline says what it is missing.
    """

    entries: list[TimelineEntry] = field(default_factory=list)
    states: list[State] = field(default_factory=list)
    leaders: list[Leader] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    schema_version: int = SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of a merged timeline (keys in a fixed order).

        The entries go under ``timeline``, as in one article's object, so a reader of
        ``extract`` JSON reads a merged timeline the same way.
        """
        return {
            "schema_version": self.schema_version,
            "sources": list(self.sources),
            "failed": list(self.failed),
            "states": [dataclasses.asdict(s) for s in self.states],
            "leaders": [dataclasses.asdict(x) for x in self.leaders],
            "organizations": [dataclasses.asdict(x) for x in self.organizations],
            "timeline": [dataclasses.asdict(x) for x in self.entries],
        }


def _interval_from(data: dict[str, Any] | None) -> Interval | None:
    return Interval(data["start"], data["end"]) if data else None


def _entry_from(data: dict[str, Any]) -> TimelineEntry:
    return TimelineEntry(**{**data, "interval": _interval_from(data.get("interval"))})


def extraction_from_dict(data: dict[str, Any]) -> Extraction:
    """The inverse of ``Extraction.to_dict``: what the cache and worker processes ship back.

    ``text`` is only there when ``to_dict(include_text=True)`` wrote it; callers that hold the
    article put its text back themselves, so caches and pipes need not carry it. Plain fields
    are copied by name, so a field added to ``Extraction`` later round-trips without a change here.
    """
    def event_from(ev: dict[str, Any]) -> Event:
        d = ev.get("date")
        when = EventDate(**{**d, "interval": _interval_from(d.get("interval"))}) if d else None
        return Event(**{**ev, "date": when})

    nested: dict[str, Any] = {
        "states": lambda xs: [State(**s) for s in xs],
        "leaders": lambda xs: [Leader(**x) for x in xs],
        "people": lambda xs: [Person(**x) for x in xs],
        "organizations": lambda xs: [Organization(**x) for x in xs],
        "places": lambda xs: [Place(**x) for x in xs],
        "dates": lambda xs: [TemporalExpression(**{**x, "interval": _interval_from(x.get("interval"))}) for x in xs],
        "events": lambda xs: [event_from(ev) for ev in xs],
        "timeline": lambda xs: [_entry_from(x) for x in xs],
        "warnings": list,
    }
    kwargs: dict[str, Any] = {}
    for f in dataclasses.fields(Extraction):
        if f.name not in data:
            continue
        value = data[f.name]
        kwargs[f.name] = nested[f.name](value or []) if f.name in nested else value
    return Extraction(**kwargs)

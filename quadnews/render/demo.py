"""Hand-built results for golden tests, the schema tests and the README screenshot.

They exercise every field a renderer shows, including the awkward cases: text that looks like
markup (``<script>``, Rich's ``[bold]``), pipes and quotes for Markdown/CSV, non-ASCII names,
a planned event, an undated plan, and two sources that disagree on a date. Nothing here comes
from a model, so the output is deterministic.

    python -m quadnews.render.demo html > /tmp/timeline.html
"""

from __future__ import annotations

import sys

from quadnews.models import (
    Event,
    EventDate,
    Extraction,
    Interval,
    Leader,
    Organization,
    Person,
    Place,
    State,
    TemporalExpression,
    TimelineEntry,
    TimelineResult,
)

CYBER = "samples/quad-cyber-group-sydney.txt"
SUMMIT = "samples/quad-leaders-summit.txt"
WIRE = "samples/wire-quad-tokyo-plans.txt"


def _states() -> list[State]:
    return [
        State("AU", "Australia", "participant", 6, ["Australia", "Australian"]),
        State("CN", "China", "mentioned", 1, ["China"]),
        State("IN", "India", "participant", 4, ["India", "India's"]),
        State("JP", "Japan", "participant", 8, ["Japan", "Japanese"]),
        State("US", "United States", "participant", 6, ["United States", "US", "U.S."]),
    ]


def _leaders() -> list[Leader]:
    return [
        Leader("Fumio Kishida", "Prime Minister", "JP", 2, ["Fumio Kishida", "Kishida"]),
        Leader("Joe Biden", "President", "US", 2, ["Joe Biden", "President of the United States"]),
        Leader("Narendra Modi", "Prime Minister", "IN", 1, ["Narendra Modi"]),
    ]


def _organizations() -> list[Organization]:
    return [
        Organization("QUAD", 7, ["QUAD", "Quadrilateral Security Dialogue"]),
        Organization("QUAD Senior Cyber Group", 5, ["QUAD Senior Cyber Group"]),
        Organization("White House", 2, ["White House", "WH"], "US"),
    ]


def sample_extraction() -> Extraction:
    """One article with every section filled."""
    cyber_week = Interval("2022-03-21", "2022-03-27")
    events = [
        Event(
            id="e1", type="meet", cameo="04", trigger="met",
            summary="QUAD Senior Cyber Group met in Sydney",
            participants=["QUAD Senior Cyber Group", "Australia", "India", "Japan", "United States"],
            states=["AU", "IN", "JP", "US"], location="Sydney", location_country="AU",
            date=EventDate("this week", "2022-W12", None, cyber_week, 31, 40),
            status="happened",
            sentence="The QUAD Senior Cyber Group met in Sydney this week, the White House said.",
            start=0, end=74, mentions=2,
        ),
        Event(
            id="e2", type="initiate", cameo="03", trigger="founded",
            summary="QUAD founded by Japan's Shinzō Abe | \"a free and open Indo-Pacific\"",
            participants=["QUAD", "Japan"], states=["JP"], location=None, location_country=None,
            date=EventDate("2007", "2007", None, Interval("2007-01-01", "2007-12-31"), 120, 124),
            status="happened",
            sentence="The group, founded in 2007 at the urging of Shinzō Abe, ...", start=90, end=150,
        ),
        Event(
            id="e3", type="meet", cameo="04", trigger="summit",
            summary="Leaders [bold]to meet[/bold] in Tokyo <script>alert('x')</script>",
            participants=["Fumio Kishida", "Joe Biden", "Narendra Modi"], states=["IN", "JP", "US"],
            location="Tokyo", location_country="JP", date=None, status="planned",
            sentence="The leaders are expected to meet in Tokyo later this year.", start=160, end=218,
        ),
    ]
    dates = [
        TemporalExpression(31, 40, "this week", "DATE", "2022-W12", None, cyber_week, "reference"),
        TemporalExpression(120, 124, "2007", "DATE", "2007", None, Interval("2007-01-01", "2007-12-31"),
                           "absolute"),
        TemporalExpression(190, 205, "later this year", "DATE", "2022", "END",
                           Interval("2022-09-01", "2022-12-31"), "reference"),
        TemporalExpression(230, 239, "two years", "DURATION", "P2Y", None, None, None),
    ]
    timeline = [
        TimelineEntry("2007", Interval("2007-01-01", "2007-12-31"), "event", events[1].summary, "e2",
                      "initiate", "happened", ["QUAD", "Japan"], [CYBER], ["2007"], None, ["JP"]),
        TimelineEntry("2022-W12", cyber_week, "event", events[0].summary, "e1", "meet", "happened",
                      events[0].participants, [CYBER], ["2022-W12"], "Sydney", events[0].states),
        TimelineEntry("2022-03-26", Interval("2022-03-26", "2022-03-26"), "publication",
                      "QUAD Senior Cyber Group meets in Sydney published", None, None, None, [], [CYBER],
                      ["2022-03-26"]),
        TimelineEntry(None, None, "event", events[2].summary, "e3", "meet", "planned",
                      events[2].participants, [CYBER], [], "Tokyo", events[2].states),
    ]
    return Extraction(
        source=CYBER,
        reference_date="2022-03-26",
        reference_date_source="dateline",
        text="",
        title="QUAD Senior Cyber Group meets in Sydney",
        states=_states(),
        leaders=_leaders(),
        people=[Person("Anne Neuberger", 1, ["Anne Neuberger"])],
        organizations=_organizations(),
        places=[Place("Sydney", "city", "AU", 2), Place("Tokyo", "city", "JP", 1),
                Place("Indo-Pacific", "region", None, 3)],
        dates=dates,
        events=events,
        timeline=timeline,
        warnings=[],
    )


def sample_minimal() -> Extraction:
    """An article where nothing was found: every section empty."""
    return Extraction(source="-", reference_date="2024-01-05", reference_date_source="file-mtime",
                      warnings=["no dateline; using the file's modification time"])


def sample_timeline() -> TimelineResult:
    """A timeline merged from three articles, one of which failed to read."""
    day = Interval.of
    from datetime import date

    def iv(y: int, m: int, d: int) -> Interval:
        return day(date(y, m, d), date(y, m, d))

    entries = [
        TimelineEntry("2007", Interval("2007-01-01", "2007-12-31"), "event",
                      "QUAD founded by Japan's Shinzō Abe as a dialogue of four democracies",
                      f"{CYBER}#e2", "initiate", "happened", ["QUAD", "Japan"], [CYBER, SUMMIT], ["2007"],
                      None, ["JP"]),
        TimelineEntry("2021-09-24", iv(2021, 9, 24), "event",
                      "First in-person QUAD leaders' summit at the White House", f"{SUMMIT}#e1", "meet",
                      "happened", ["Joe Biden", "Narendra Modi", "Scott Morrison", "Yoshihide Suga"], [SUMMIT],
                      ["2021-09-24"], "Washington", ["AU", "IN", "JP", "US"]),
        TimelineEntry("2022-03", Interval("2022-03-01", "2022-03-31"), "date",
                      "In March, officials from the four countries also held a tabletop exercise.",
                      None, None, None, [], [WIRE], ["2022-03"]),
        TimelineEntry("2022-03-23", iv(2022, 3, 23), "event",
                      "QUAD Senior Cyber Group met in Sydney to coordinate on critical infrastructure",
                      f"{CYBER}#e1", "meet", "happened",
                      ["QUAD Senior Cyber Group", "Australia", "India", "Japan", "United States"],
                      [CYBER, WIRE], ["2022-03-23", "2022-W12"], "Sydney", ["AU", "IN", "JP", "US"]),
        TimelineEntry("2022-03-24", iv(2022, 3, 24), "event",
                      "White House statement: cyber cooperation \"a pillar\" of the Quad <script>alert(1)</script>",
                      f"{CYBER}#e3", "statement", "happened", ["White House", "United States"], [CYBER],
                      ["2022-03-24"], None, ["US"]),
        TimelineEntry("2022-03-26", iv(2022, 3, 26), "publication",
                      "QUAD Senior Cyber Group meets in Sydney published", None, None, None, [], [CYBER],
                      ["2022-03-26"]),
        TimelineEntry("2022-05-24", iv(2022, 5, 24), "event",
                      "QUAD leaders to hold summit in Tokyo, hosted by Fumio Kishida", f"{WIRE}#e1", "meet",
                      "planned", ["Fumio Kishida", "Joe Biden", "Narendra Modi", "Japan"], [WIRE, SUMMIT],
                      ["2022-05-24"], "Tokyo", ["IN", "JP", "US"]),
        TimelineEntry(None, None, "event",
                      "India proposed to host a QUAD cyber exercise", f"{WIRE}#e2", "propose", "planned",
                      ["India", "QUAD"], [WIRE], [], None, ["IN"]),
    ]
    return TimelineResult(
        entries=entries,
        states=_states(),
        leaders=_leaders(),
        organizations=_organizations(),
        sources=[CYBER, SUMMIT, WIRE],
        failed=["samples/broken.bin"],
    )


def main(argv: list[str] | None = None) -> None:
    from quadnews.render import render_timeline

    args = sys.argv[1:] if argv is None else argv
    render_timeline(sample_timeline(), args[0] if args else "table")


if __name__ == "__main__":
    main()

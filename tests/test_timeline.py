"""Timelines: one article's order, and the merge of a folder of articles from several outlets.

``tests/fixtures/timeline/`` holds five short articles of our own reporting the same events on
different days (see ``tests/fixtures/timeline.md`` for what a careful reader gets). The merged
timeline is a golden file: ``QUADNEWS_UPDATE_GOLDEN=1 pytest tests/test_timeline.py`` rewrites it.
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

import quadnews
from quadnews.cli import app
from quadnews.models import Interval, TimelineEntry
from quadnews.timeline import filter_entries, merge, same_event

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path("tests/fixtures/timeline")
GOLDEN = ROOT / "tests" / "golden" / "timeline-fixtures.json"


@pytest.fixture(scope="module")
def merged_json(nlp) -> dict:
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        result = CliRunner().invoke(app, ["timeline", str(FIXTURES), "--format", "json"])
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_merged_timeline_matches_golden(merged_json):
    text = json.dumps(merged_json, indent=2, ensure_ascii=False) + "\n"
    if os.environ.get("QUADNEWS_UPDATE_GOLDEN"):
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")


def _events(merged: dict, etype: str) -> list[dict]:
    return [e for e in merged["timeline"] if e["kind"] == "event" and e["type"] == etype]


def test_one_meeting_reported_by_three_outlets(merged_json):
    meets = [e for e in _events(merged_json, "meet") if e["location"] == "New Delhi"
             and e["status"] == "happened" and e["value"] == "2023-03-03"]
    assert len(meets) == 1
    m = meets[0]
    assert {Path(s).name[:2] for s in m["sources"]} >= {"01", "02", "03"}
    # the weekly's "Saturday" disagrees with the others' Friday: shown, not hidden
    assert "2023-03-04" in m["dates"] and "2023-03-03" in m["dates"]
    assert set(m["states"]) >= {"AU", "IN", "JP", "US"}


def test_planned_visit_and_its_report_are_one_entry(merged_json):
    visits = [e for e in _events(merged_json, "visit") if e["location"] in {"India", "Ahmedabad"}]
    assert len(visits) == 1
    v = visits[0]
    assert v["status"] == "happened"
    assert {Path(s).name[:2] for s in v["sources"]} == {"04", "05"}


def test_entries_are_chronological_with_undated_plans_last(merged_json):
    starts = [e["interval"]["start"] for e in merged_json["timeline"] if e["interval"]]
    assert starts == sorted(starts)
    undated = [i for i, e in enumerate(merged_json["timeline"]) if e["interval"] is None]
    assert all(i >= len(merged_json["timeline"]) - len(undated) for i in undated)


def test_states_and_leaders_are_merged(merged_json):
    codes = {s["code"]: s for s in merged_json["states"]}
    assert {"AU", "IN", "JP", "US"} <= set(codes)
    names = [ld["name"] for ld in merged_json["leaders"]]
    assert len(names) == len(set(n.lower() for n in names))
    assert "Anthony Albanese" in names and "Narendra Modi" in names
    assert len(merged_json["sources"]) == 5 and merged_json["failed"] == []


@pytest.mark.parametrize("args,check", [
    (["--type", "visit"], lambda es: es and all(e["type"] == "visit" for e in es)),
    (["--state", "CN"], lambda es: all("CN" in e["states"] for e in es)),
    (["--since", "2023-03-05"], lambda es: es and all(e["interval"]["end"] >= "2023-03-05" for e in es)),
    (["--until", "2023-02"], lambda es: es and all(e["interval"]["start"] <= "2023-02-28" for e in es)),
    (["--leader", "albanese"], lambda es: es and all(any("Albanese" in p for p in e["participants"]) for e in es)),
])
def test_filters(nlp, args, check):
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        result = CliRunner().invoke(app, ["timeline", str(FIXTURES), "--format", "json", *args])
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0, result.output
    assert check(json.loads(result.stdout)["timeline"])


@pytest.mark.parametrize("args,message", [
    (["--type", "picnic"], "unknown --type 'picnic'"),
    (["--since", "last tuesday"], "invalid --since 'last tuesday'"),
])
def test_bad_filter_is_a_usage_error(nlp, args, message):
    result = CliRunner().invoke(app, ["timeline", str(ROOT / FIXTURES), *args])
    assert result.exit_code == 2
    assert message in result.stderr


def _entry(etype: str, value: str, start: str, end: str, who: list[str], where: str | None = None,
           status: str = "happened") -> TimelineEntry:
    return TimelineEntry(value=value, interval=Interval(start, end), kind="event", text=f"{etype} {value}",
                         type=etype, status=status, participants=who, location=where, dates=[value])


@pytest.mark.parametrize("a,b,same", [
    # same day, shared participant
    (_entry("meet", "2023-03-03", "2023-03-03", "2023-03-03", ["Quad"]),
     _entry("meet", "2023-03-03", "2023-03-03", "2023-03-03", ["Quad", "India"]), True),
    # a week holding the day
    (_entry("meet", "2023-W09", "2023-02-27", "2023-03-05", ["Quad"]),
     _entry("meet", "2023-03-03", "2023-03-03", "2023-03-03", ["Quad"]), True),
    # different types never merge
    (_entry("meet", "2023-03-03", "2023-03-03", "2023-03-03", ["Quad"]),
     _entry("visit", "2023-03-03", "2023-03-03", "2023-03-03", ["Quad"]), False),
    # nothing shared
    (_entry("meet", "2023-03-03", "2023-03-03", "2023-03-03", ["Quad"], "New Delhi"),
     _entry("meet", "2023-03-03", "2023-03-03", "2023-03-03", ["ASEAN"], "Jakarta"), False),
    # one day apart, two participants and the place shared: conflicting reports of one event
    (_entry("meet", "2023-03-03", "2023-03-03", "2023-03-03", ["Quad", "India"], "New Delhi"),
     _entry("meet", "2023-03-04", "2023-03-04", "2023-03-04", ["Quad", "India"], "New Delhi"), True),
    # a month apart: two meetings
    (_entry("meet", "2023-03-03", "2023-03-03", "2023-03-03", ["Quad", "India"], "New Delhi"),
     _entry("meet", "2023-04-03", "2023-04-03", "2023-04-03", ["Quad", "India"], "New Delhi"), False),
])
def test_same_event(a, b, same):
    assert same_event(a, b) is same
    assert same_event(b, a) is same


def test_filter_entries_by_date_keeps_overlaps():
    from quadnews.models import TimelineResult

    r = TimelineResult(entries=[
        _entry("meet", "2023-03", "2023-03-01", "2023-03-31", ["Quad"]),
        _entry("meet", "2023-05-01", "2023-05-01", "2023-05-01", ["Quad"]),
    ])
    out = filter_entries(r, since=date(2023, 3, 20), until=date(2023, 4, 30))
    assert [e.value for e in out.entries] == ["2023-03"]


def test_article_timeline_order(nlp):
    text = ("WASHINGTON, June 10, 2023 (Quadnews Wire) - In 2019, Japan and India launched a "
            "maritime dialogue. Japanese Prime Minister Fumio Kishida met Indian Prime Minister "
            "Narendra Modi in Tokyo on Friday. The two leaders will meet again in New Delhi in "
            "September. Earlier this month, Australia announced new aid for Tonga.")
    r = quadnews.extract(text)
    values = [e.value for e in r.timeline if e.kind in {"event", "publication"}]
    assert values.index("2019") < values.index("2023-06-09") < values.index("2023-06-10") < values.index("2023-09")


def test_merge_is_streaming_friendly(nlp):
    texts = [
        "TOKYO, June 9, 2023 - Japanese Prime Minister Fumio Kishida will meet Indian Prime Minister "
        "Narendra Modi in Tokyo on Friday.",
        "NEW DELHI, June 12, 2023 - Indian Prime Minister Narendra Modi met Japanese Prime Minister "
        "Fumio Kishida in Tokyo on Friday, officials said.",
    ]
    results = (quadnews.extract(t, source=f"a{i}.txt") for i, t in enumerate(texts))
    merged = merge(results)
    meets = [e for e in merged.entries if e.type == "meet"]
    assert len(meets) == 1
    assert meets[0].status == "happened" and meets[0].sources == ["a0.txt", "a1.txt"]

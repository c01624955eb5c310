"""Renderers: golden files for every format, plus the escaping rules each format needs.

The inputs are hand-built (``quadnews.render.demo``), so no model is loaded and the output is
deterministic. Golden files live in ``tests/golden/``. After an intended change of output:

    QUADNEWS_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_render.py

rewrites them; review the diff (``git diff tests/golden``) before committing. A golden file that
does not exist yet is written on first run and the test fails, so it is never silently skipped.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rich.console import Console

from quadnews.models import Extraction, Interval, TimelineEntry, TimelineResult
from quadnews.render import (
    EXTRACT_FORMATS,
    TIMELINE_FORMATS,
    render,
    render_text,
    render_timeline,
    render_timeline_text,
)
from quadnews.render._common import date_label
from quadnews.render.csvout import COLUMNS
from quadnews.render.demo import sample_extraction, sample_minimal, sample_timeline
from quadnews.render.html import timeline_to_html
from quadnews.render.table import print_tables, print_timeline_tables
from quadnews.render.timelinejs import timeline_to_timelinejs_dict

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("QUADNEWS_UPDATE_GOLDEN") == "1"

EXT = {"table": "table.txt", "json": "json", "jsonl": "jsonl", "csv": "csv", "md": "md", "html": "html",
       "timelinejs": "timelinejs.json"}


def check_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if UPDATE or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="")
        if not UPDATE:
            pytest.fail(f"golden file {path} did not exist and was written; review it and run again")
        return
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, (
        f"{name} differs from the golden file; if the change is intended, run "
        "QUADNEWS_UPDATE_GOLDEN=1 pytest tests/test_render.py and review git diff tests/golden")


def articles() -> list[Extraction]:
    return [sample_extraction(), sample_minimal()]


# --- golden files ----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", EXTRACT_FORMATS)
def test_extract_golden(fmt: str) -> None:
    check_golden(f"extraction.{EXT[fmt]}", render_text(articles(), fmt))


@pytest.mark.parametrize("fmt", ["json", "table", "md"])
def test_extract_single_article_golden(fmt: str) -> None:
    check_golden(f"extraction-single.{EXT[fmt]}", render_text([sample_extraction()], fmt))


@pytest.mark.parametrize("fmt", TIMELINE_FORMATS)
def test_timeline_golden(fmt: str) -> None:
    check_golden(f"timeline.{EXT[fmt]}", render_timeline_text(sample_timeline(), fmt))


@pytest.mark.parametrize("fmt", TIMELINE_FORMATS)
def test_empty_timeline_renders(fmt: str) -> None:
    text = render_timeline_text(TimelineResult(), fmt)
    # JSON Lines of no entries is no lines at all; every other format still says something.
    assert text == "" if fmt == "jsonl" else text.endswith("\n")


@pytest.mark.parametrize("fmt", EXTRACT_FORMATS)
def test_empty_article_renders(fmt: str) -> None:
    assert render_text([sample_minimal()], fmt).endswith("\n")


def test_unknown_format_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="unknown format 'xml'"):
        render_text(articles(), "xml")
    with pytest.raises(ValueError, match="unknown format 'pdf'"):
        render_timeline_text(sample_timeline(), "pdf")


# --- dispatcher ------------------------------------------------------------------------------


def test_render_writes_output_file(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    render(articles(), "json", output=out)
    assert json.loads(out.read_text(encoding="utf-8"))[0]["source"] == sample_extraction().source


def test_render_table_to_file_has_no_colour_codes(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    render(articles(), "table", output=out)
    text = out.read_text(encoding="utf-8")
    assert "\x1b[" not in text
    assert "States (5)" in text


def test_render_timeline_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    render_timeline(sample_timeline(), "jsonl")
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(sample_timeline().entries)


def test_render_timeline_html_links_are_relative_to_the_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "site").mkdir()
    render_timeline(sample_timeline(), "html", output=Path("site/timeline.html"))
    page = (tmp_path / "site" / "timeline.html").read_text(encoding="utf-8")
    assert 'href="../samples/quad-cyber-group-sydney.txt"' in page


# --- table -----------------------------------------------------------------------------------


def test_table_shows_rich_markup_literally() -> None:
    text = render_text([sample_extraction()], "table")
    assert "[bold]to" in text and "meet[/bold]" in text


def test_table_lists_empty_sections_on_one_line() -> None:
    text = render_text([sample_minimal()], "table")
    assert "none: States, Leaders, People, Organizations, Places, Events, Dates, Timeline" in text


def test_table_on_a_colour_terminal_does_not_choke_on_markup() -> None:
    buf = io.StringIO()
    console = Console(file=buf, width=80, force_terminal=True, color_system="truecolor")
    print_tables(articles(), console)
    print_timeline_tables(sample_timeline(), console)
    assert "\x1b[" in buf.getvalue()
    assert "alert" in buf.getvalue()


def test_timeline_table_shows_conflicting_dates() -> None:
    text = render_timeline_text(sample_timeline(), "table")
    assert "sources disagree: 2022-03-23 / 2022-W12" in text
    assert "not read: samples/broken.bin" in text


# --- JSON ------------------------------------------------------------------------------------


def test_json_one_object_for_one_article_array_for_several() -> None:
    assert isinstance(json.loads(render_text([sample_extraction()], "json")), dict)
    assert isinstance(json.loads(render_text(articles(), "json")), list)


def test_json_keeps_non_ascii_and_key_order() -> None:
    text = render_text([sample_extraction()], "json")
    assert "Shinzō" in text
    keys = list(json.loads(text))
    assert keys[:7] == ["schema_version", "source", "title", "text_source", "url", "reference_date",
                        "reference_date_source"]


def test_jsonl_one_article_per_line() -> None:
    lines = render_text(articles(), "jsonl").splitlines()
    assert [json.loads(x)["source"] for x in lines] == [a.source for a in articles()]


def test_timeline_jsonl_one_entry_per_line() -> None:
    lines = render_timeline_text(sample_timeline(), "jsonl").splitlines()
    assert [json.loads(x)["text"] for x in lines] == [e.text for e in sample_timeline().entries]


def test_timeline_json_shape() -> None:
    data = json.loads(render_timeline_text(sample_timeline(), "json"))
    assert list(data) == ["schema_version", "sources", "failed", "states", "leaders", "organizations", "timeline"]
    assert data["timeline"][3]["dates"] == ["2022-03-23", "2022-W12"]


# --- CSV -------------------------------------------------------------------------------------


def _csv_rows(text: str) -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(text))
    assert tuple(reader.fieldnames or ()) == COLUMNS
    return list(reader)


def test_csv_one_row_per_item_with_section_and_source() -> None:
    r = sample_extraction()
    rows = _csv_rows(render_text([r], "csv"))
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["section"]] = counts.get(row["section"], 0) + 1
        assert row["source"] == r.source
    assert counts == {"states": len(r.states), "leaders": len(r.leaders), "people": len(r.people),
                      "organizations": len(r.organizations), "places": len(r.places), "dates": len(r.dates),
                      "events": len(r.events), "timeline": len(r.timeline)}


def test_csv_round_trips_quotes_pipes_and_lists() -> None:
    rows = _csv_rows(render_text([sample_extraction()], "csv"))
    ev = next(row for row in rows if row["section"] == "events" and row["id"] == "e2")
    assert ev["text"] == sample_extraction().events[1].summary
    assert ev["participants"] == "QUAD; Japan"
    assert ev["interval_start"] == "2007-01-01" and ev["cameo"] == "03"
    undated = next(row for row in rows if row["section"] == "events" and row["id"] == "e3")
    assert undated["value"] == "" and undated["status"] == "planned"


def test_timeline_csv_lists_sources_and_conflicts() -> None:
    rows = _csv_rows(render_timeline_text(sample_timeline(), "csv"))
    tl = [row for row in rows if row["section"] == "timeline"]
    assert len(tl) == len(sample_timeline().entries)
    assert tl[3]["dates"] == "2022-03-23; 2022-W12"
    assert tl[0]["sources"] == "samples/quad-cyber-group-sydney.txt; samples/quad-leaders-summit.txt"


# --- Markdown --------------------------------------------------------------------------------


def _cells(line: str) -> int:
    return len(re.findall(r"(?<!\\)\|", line)) - 1


@pytest.mark.parametrize("text", [sample_extraction(), sample_timeline()], ids=["extract", "timeline"])
def test_markdown_rows_have_as_many_cells_as_the_header(text: Extraction | TimelineResult) -> None:
    md = (render_text([text], "md") if isinstance(text, Extraction)
          else render_timeline_text(text, "md"))
    header = None
    for line in md.splitlines():
        if not line.startswith("|"):
            header = None
            continue
        if header is None:
            header = _cells(line)
        assert _cells(line) == header, line


def test_markdown_escapes_pipes_and_html() -> None:
    md = render_text([sample_extraction()], "md")
    assert "Shinzō Abe \\| \"a free" in md
    assert "<script>" not in md and "&lt;script&gt;" in md


def test_markdown_heading_per_article() -> None:
    md = render_text(articles(), "md")
    assert [x for x in md.splitlines() if x.startswith("## ")] == [
        "## QUAD Senior Cyber Group meets in Sydney", "## -"]


# --- HTML ------------------------------------------------------------------------------------


class _Text(HTMLParser):
    """Collects the visible text and the tags of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in ("style", "script"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.text.append(data)


def _parse(page: str) -> _Text:
    p = _Text()
    p.feed(page)
    return p


def test_html_shows_every_entry_as_text() -> None:
    page = _parse(timeline_to_html(sample_timeline()))
    visible = " ".join(" ".join(page.text).split())
    for e in sample_timeline().entries:
        assert e.text in visible
        for name in e.participants:
            assert name in visible


def test_html_escapes_article_text_everywhere() -> None:
    t = sample_timeline()
    evil = '"><img src=x onerror=alert(1)><script>alert(2)</script>'
    t.entries[0] = TimelineEntry("2020", Interval("2020-01-01", "2020-12-31"), "event", evil, None, "meet",
                                 "happened", [evil], [evil], ["2020", evil], evil)
    t.sources.append(evil)
    page = timeline_to_html(t, title=evil)
    parsed = _parse(page)
    assert [tag for tag, _ in parsed.tags if tag in ("script", "img", "iframe", "object")] == []
    assert all(not k.startswith("on") for _, attrs in parsed.tags for k in attrs)
    assert evil in " ".join(parsed.text)


def test_html_is_self_contained() -> None:
    page = timeline_to_html(sample_timeline())
    parsed = _parse(page)
    assert [tag for tag, attrs in parsed.tags if tag in ("script", "img", "iframe")] == []
    for tag, attrs in parsed.tags:
        if tag == "link":
            assert attrs.get("href", "").startswith("data:")
    assert "@import" not in page and "url(" not in page
    assert not re.search(r"""(src|href)=["']https?://""", page)
    assert "Content-Security-Policy" in page and "default-src 'none'" in page


def test_html_marks_planned_and_conflicting_entries() -> None:
    page = timeline_to_html(sample_timeline())
    planned = sum(1 for e in sample_timeline().entries if e.status == "planned")
    assert len(re.findall(r'<li class="entry event planned"', page)) == planned
    assert "Sources disagree on the date:</strong> 2022-03-23 · 2022-W12" in page
    assert '<h2>Undated</h2>' in page


def test_html_source_links() -> None:
    page = timeline_to_html(sample_timeline())
    assert '<a href="samples/quad-leaders-summit.txt" title="samples/quad-leaders-summit.txt">' in page
    stdin = TimelineResult(entries=[TimelineEntry("2020", None, "event", "x", sources=["-"])], sources=["-"])
    assert "<a " not in timeline_to_html(stdin)


# --- TimelineJS ------------------------------------------------------------------------------


def test_timelinejs_dates_are_numbers_with_the_value_s_precision() -> None:
    data = timeline_to_timelinejs_dict(sample_timeline())
    by_text = {ev["text"]["headline"]: ev for ev in data["events"]}
    founded = by_text["QUAD founded by Japan's Shinzō Abe as a dialogue of four democracies"]
    assert founded["start_date"] == {"year": 2007} and "end_date" not in founded
    march = next(ev for ev in data["events"] if ev["group"] == "date")
    assert march["start_date"] == {"year": 2022, "month": 3}
    summit = next(ev for ev in data["events"] if "Tokyo" in ev["text"]["headline"])
    assert summit["start_date"] == {"year": 2022, "month": 5, "day": 24}
    assert summit["background"] == {"color": "#f4ecfb"}


def test_timelinejs_week_becomes_a_span() -> None:
    t = TimelineResult(entries=[TimelineEntry("2022-W12", Interval("2022-03-21", "2022-03-27"), "event",
                                              "met", type="meet", status="happened")])
    (ev,) = timeline_to_timelinejs_dict(t)["events"]
    assert ev["start_date"] == {"year": 2022, "month": 3, "day": 21}
    assert ev["end_date"] == {"year": 2022, "month": 3, "day": 27}
    assert ev["display_date"] == "21–27 Mar 2022"


def test_timelinejs_escapes_html_and_skips_undated() -> None:
    data = timeline_to_timelinejs_dict(sample_timeline())
    blob = json.dumps(data)
    assert "<script>" not in blob
    assert len(data["events"]) == sum(1 for e in sample_timeline().entries if e.interval is not None)
    assert "1 undated entry not shown" in data["title"]["text"]["text"]
    assert len({ev["unique_id"] for ev in data["events"]}) == len(data["events"])


# --- dates -----------------------------------------------------------------------------------

LABELS = [
    ("2022-03-25", Interval("2022-03-25", "2022-03-25"), "25 Mar 2022"),
    ("2022-03", Interval("2022-03-01", "2022-03-31"), "Mar 2022"),
    ("2024-02", Interval("2024-02-01", "2024-02-29"), "Feb 2024"),
    ("2007", Interval("2007-01-01", "2007-12-31"), "2007"),
    ("2022-W12", Interval("2022-03-21", "2022-03-27"), "21–27 Mar 2022"),
    ("2022-W13", Interval("2022-03-28", "2022-04-03"), "28 Mar – 3 Apr 2022"),
    ("2021-W52", Interval("2021-12-27", "2022-01-02"), "27 Dec 2021 – 2 Jan 2022"),
    ("2022-Q1", Interval("2022-01-01", "2022-03-31"), "1 Jan – 31 Mar 2022"),
    ("PAST_REF", None, "PAST_REF"),
    (None, None, "undated"),
]


@pytest.mark.parametrize(("value", "interval", "label"), LABELS)
def test_date_label(value: str | None, interval: Interval | None, label: str) -> None:
    assert date_label(value, interval) == label


@pytest.mark.parametrize("make", [sample_extraction, sample_minimal])
def test_samples_are_fresh_objects(make: Callable[[], Extraction]) -> None:
    # Golden tests mutate nothing, but a test that does must not leak into the others.
    assert make() is not make() and make().to_dict() == make().to_dict()

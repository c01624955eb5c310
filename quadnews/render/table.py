"""Rich tables for a terminal: one table per section, per article or for a merged timeline.

Every cell is a ``rich.text.Text`` so article text such as ``[Reuters]`` or ``[bold]`` is shown
as written instead of being read as Rich markup (which would drop it or raise an error).
``tables_text`` / ``timeline_tables_text`` give the same tables at a fixed width without colour
for ``-o FILE`` and the golden tests.
"""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from dataclasses import dataclass

from rich import box
from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

from quadnews.models import Event, Extraction, Leader, Organization, State, TimelineEntry, TimelineResult
from quadnews.render._common import conflicting, date_label, interval_text, join, shows_raw_value

TEXT_WIDTH = 120
STATUS_STYLE = {"happened": "green", "ongoing": "yellow", "planned": "magenta"}


@dataclass(frozen=True)
class _Col:
    header: str
    justify: str = "left"
    max_width: int | None = None
    no_wrap: bool = False
    ratio: int | None = None


@dataclass(frozen=True)
class _Empty:
    """Placeholder for a section with no rows."""

    title: str


def _table(title: str, cols: Sequence[_Col], rows: Sequence[Sequence[str | Text]]) -> RenderableType:
    """A section table, or one dim line ``Title: none`` when the section is empty."""
    if not rows:
        return _Empty(title)
    t = Table(title=Text(f"{title} ({len(rows)})", style="bold"), title_justify="left",
              box=box.SIMPLE_HEAD, header_style="bold cyan", show_edge=False, pad_edge=False,
              expand=False)
    for c in cols:
        t.add_column(c.header, justify=c.justify, max_width=c.max_width, no_wrap=c.no_wrap,  # type: ignore[arg-type]
                     ratio=c.ratio, overflow="fold")
    for row in rows:
        t.add_row(*(cell if isinstance(cell, Text) else Text(cell) for cell in row))
    return t


def _status(status: str | None) -> Text:
    return Text(status or "", style=STATUS_STYLE.get(status or "", ""))


def _states_table(states: Sequence[State]) -> RenderableType:
    return _table(
        "States",
        [_Col("Code"), _Col("State"), _Col("Role"), _Col("Mentions", "right"), _Col("Aliases", max_width=50)],
        [[s.code, s.name, Text(s.role, style="bold" if s.role == "participant" else "dim"),
          str(s.mentions), join(s.aliases)] for s in states],
    )


def _leaders_table(leaders: Sequence[Leader]) -> RenderableType:
    return _table(
        "Leaders",
        [_Col("Name"), _Col("Title"), _Col("State"), _Col("Mentions", "right"), _Col("Aliases", max_width=50)],
        [[x.name, x.title or "", x.state or "", str(x.mentions), join(x.aliases)] for x in leaders],
    )


def _orgs_table(orgs: Sequence[Organization]) -> RenderableType:
    return _table(
        "Organizations",
        [_Col("Name"), _Col("State"), _Col("Mentions", "right"), _Col("Aliases", max_width=60)],
        [[o.name, o.state or "", str(o.mentions), join(o.aliases)] for o in orgs],
    )


def _event_row(e: Event) -> list[str | Text]:
    """Summary first, then trigger, place and participants on a second line: one wide column
    reads better than four narrow ones, and survives an 80-column terminal."""
    where = f"{e.location} ({e.location_country})" if e.location and e.location_country else (e.location or "")
    what = Text(e.summary)
    detail = [f'"{e.trigger}"'] + ([f"@ {where}"] if where else []) + ([join(e.participants)] if e.participants else [])
    what.append("\n" + " · ".join(detail), style="cyan")
    return [e.id, e.type, e.date.value if e.date else "", _status(e.status), what]


def _when(x: TimelineEntry) -> Text:
    label = date_label(x.value, x.interval)
    when = Text(label)
    if shows_raw_value(x.value, x.interval, label):
        when.append(f"\n{x.value}", style="dim")
    return when


def _what(x: TimelineEntry) -> Text:
    """The entry's text with where / who on a second line and any date conflict on a third.

    One wide column reads better than three narrow ones, and survives an 80-column terminal.
    """
    what = Text(x.text, style="dim" if x.kind == "publication" else "")
    detail = [f"@ {x.location}"] if x.location else []
    if x.participants:
        detail.append(join(x.participants))
    if detail:
        what.append("\n" + " · ".join(detail), style="cyan")
    clash = conflicting(x)
    if clash:
        what.append(f"\nsources disagree: {join(clash, ' / ')}", style="bold red")
    return what


def _timeline_rows(entries: Sequence[TimelineEntry], *, sources_root: str | None) -> list[list[str | Text]]:
    """Rows of a timeline table; ``sources_root`` set (even ``""``) adds a Sources column."""
    rows: list[list[str | Text]] = []
    for x in entries:
        row: list[str | Text] = [_when(x), x.type or x.kind, _status(x.status), _what(x)]
        if sources_root is None:
            row.append(x.event or "")
        else:
            row.append(join((_short(s, sources_root) for s in x.sources), "\n"))
        rows.append(row)
    return rows


def _short(source: str, root: str) -> str:
    return source[len(root):].lstrip("/\\") if root and source.startswith(root) else source


def _sources_root(sources: Sequence[str]) -> str:
    """The folder all sources share, so the table can show short names under one heading."""
    paths = [s for s in sources if s != "-"]
    if len(paths) < 2 or len(paths) != len(sources):
        return ""
    try:
        root = os.path.commonpath(paths)
    except ValueError:  # mixed absolute and relative paths
        return ""
    return root if root and root not in paths else ""


def _article_parts(r: Extraction) -> list[RenderableType]:
    head = Text.assemble(
        (r.source, "bold underline"), "  reference date ", (r.reference_date, "bold"),
        f" ({r.reference_date_source})",
    )
    parts: list[RenderableType] = [head]
    if r.title:
        parts.append(Text(r.title, style="italic"))
    people = [[p.name, str(p.mentions), join(p.aliases)] for p in r.people]
    places = [[p.name, p.kind, p.country or "", str(p.mentions)] for p in r.places]
    dates = [[d.text, d.type, d.value, d.mod or "", interval_text(d.interval)] for d in r.dates]
    parts += [
        _states_table(r.states),
        _leaders_table(r.leaders),
        _table("People", [_Col("Name"), _Col("Mentions", "right"), _Col("Aliases")], people),
        _orgs_table(r.organizations),
        _table("Places", [_Col("Name"), _Col("Kind"), _Col("Country"), _Col("Mentions", "right")], places),
        _table("Events", [_Col("Id", no_wrap=True), _Col("Type", no_wrap=True), _Col("Date", no_wrap=True),
                          _Col("Status", no_wrap=True), _Col("What", max_width=80)],
               [_event_row(e) for e in r.events]),
        _table("Dates", [_Col("Text"), _Col("Type"), _Col("Value"), _Col("Mod"), _Col("Interval")], dates),
        _table("Timeline", [_Col("When", no_wrap=True), _Col("Type", no_wrap=True), _Col("Status", no_wrap=True),
                            _Col("What", max_width=72), _Col("Event")],
               _timeline_rows(r.timeline, sources_root=None)),
    ]
    return parts


def _timeline_parts(t: TimelineResult) -> list[RenderableType]:
    root = _sources_root(t.sources)
    n = len(t.sources)
    head = Text.assemble(
        ("Timeline", "bold underline"),
        f"  {len(t.entries)} entries from {n} article{'s' if n != 1 else ''}",
        f" in {root}/" if root else "",
    )
    parts: list[RenderableType] = [head]
    if t.failed:
        parts.append(Text(f"not read: {join(t.failed)}", style="yellow"))
    parts += [
        _table("Timeline", [_Col("When", no_wrap=True), _Col("Type", no_wrap=True), _Col("Status", no_wrap=True),
                            _Col("What", max_width=66), _Col("Sources", max_width=32)],
               _timeline_rows(t.entries, sources_root=root)),
        _states_table(t.states),
        _leaders_table(t.leaders),
        _orgs_table(t.organizations),
    ]
    return parts


def _print(parts_per_item: Sequence[list[RenderableType]], console: Console) -> None:
    for i, parts in enumerate(parts_per_item):
        if i:
            console.rule(style="dim")
        empty = [p for p in parts if isinstance(p, _Empty)]
        for p in parts:
            if isinstance(p, Table):
                console.print(p)
                console.print()
            elif not isinstance(p, _Empty):
                console.print(p)
        if empty:
            # One line for all empty sections keeps a sparse article short.
            console.print(Text.assemble(("none: ", "dim"), (join(e.title for e in empty), "dim")))
            console.print()


def _text_console(buf: io.StringIO) -> Console:
    # Fixed width, no colour, no terminal detection: identical output on every machine.
    return Console(file=buf, width=TEXT_WIDTH, no_color=True, force_terminal=False, color_system=None,
                   emoji=False, highlight=False, legacy_windows=False, soft_wrap=False)


def print_tables(results: Sequence[Extraction], console: Console | None = None) -> None:
    _print([_article_parts(r) for r in results], console or Console(highlight=False, emoji=False))


def tables_text(results: Sequence[Extraction]) -> str:
    buf = io.StringIO()
    print_tables(results, _text_console(buf))
    return _strip(buf.getvalue())


def print_timeline_tables(result: TimelineResult, console: Console | None = None) -> None:
    _print([_timeline_parts(result)], console or Console(highlight=False, emoji=False))


def timeline_tables_text(result: TimelineResult) -> str:
    buf = io.StringIO()
    print_timeline_tables(result, _text_console(buf))
    return _strip(buf.getvalue())


def _strip(text: str) -> str:
    # Rich pads lines to the table width; trailing blanks only make diffs noisy.
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"

"""Markdown: a heading per article and a GitHub-flavoured pipe table per section.

Cell text is escaped so article text cannot break the table (``|``, line breaks) or turn into
HTML when the Markdown is converted (``<``, ``&``). Empty sections are listed on one line.
"""

from __future__ import annotations

from collections.abc import Sequence

from quadnews.models import Extraction, Leader, Organization, State, TimelineEntry, TimelineResult
from quadnews.render._common import conflicting, date_label, interval_text, join


def md_escape(text: object) -> str:
    s = "" if text is None else str(text)
    s = s.replace("\\", "\\\\").replace("|", "\\|")
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return " ".join(s.split())  # a newline would end the table row


def _table(title: str, headers: Sequence[str], rows: Sequence[Sequence[object]], empty: list[str],
           level: str = "###") -> list[str]:
    if not rows:
        empty.append(title)
        return []
    out = [f"{level} {title}", "", "| " + " | ".join(headers) + " |",
           "|" + "|".join(" ---: " if h in ("Mentions",) else " --- " for h in headers) + "|"]
    out += ["| " + " | ".join(md_escape(c) for c in row) + " |" for row in rows]
    return [*out, ""]


def _states(states: Sequence[State], empty: list[str]) -> list[str]:
    return _table("States", ["Code", "State", "Role", "Mentions", "Aliases"],
                  [[s.code, s.name, s.role, s.mentions, join(s.aliases)] for s in states], empty)


def _leaders(leaders: Sequence[Leader], empty: list[str]) -> list[str]:
    return _table("Leaders", ["Name", "Title", "State", "Mentions", "Aliases"],
                  [[x.name, x.title, x.state, x.mentions, join(x.aliases)] for x in leaders], empty)


def _orgs(orgs: Sequence[Organization], empty: list[str]) -> list[str]:
    return _table("Organizations", ["Name", "State", "Mentions", "Aliases"],
                  [[o.name, o.state, o.mentions, join(o.aliases)] for o in orgs], empty)


def _when(x: TimelineEntry) -> str:
    label = date_label(x.value, x.interval)
    clash = conflicting(x)
    return label + (f" (sources disagree: {join(clash, ' / ')})" if clash else "")


def _none_line(empty: list[str]) -> list[str]:
    return [f"_None found: {', '.join(empty)}._", ""] if empty else []


def _article(r: Extraction) -> list[str]:
    empty: list[str] = []
    out = [f"## {md_escape(r.title or r.source)}", ""]
    out += [f"Source: {md_escape(r.source)} · reference date {r.reference_date} ({r.reference_date_source})", ""]
    out += _states(r.states, empty) + _leaders(r.leaders, empty)
    out += _table("People", ["Name", "Mentions", "Aliases"],
                  [[p.name, p.mentions, join(p.aliases)] for p in r.people], empty)
    out += _orgs(r.organizations, empty)
    out += _table("Places", ["Name", "Kind", "Country", "Mentions"],
                  [[p.name, p.kind, p.country, p.mentions] for p in r.places], empty)
    out += _table("Events", ["Id", "Type", "Date", "Status", "Participants", "Location", "Trigger", "Summary"],
                  [[e.id, e.type, e.date.value if e.date else "", e.status, join(e.participants),
                    e.location, e.trigger, e.summary] for e in r.events], empty)
    out += _table("Dates", ["Text", "Type", "Value", "Mod", "Interval"],
                  [[d.text, d.type, d.value, d.mod, interval_text(d.interval)] for d in r.dates], empty)
    out += _table("Timeline", ["When", "Value", "Type", "Status", "What", "Location", "Event"],
                  [[_when(x), x.value, x.type or x.kind, x.status, x.text, x.location, x.event]
                   for x in r.timeline], empty)
    return out + _none_line(empty)


def to_markdown(results: Sequence[Extraction]) -> str:
    lines: list[str] = []
    for r in results:
        lines += _article(r)
    return "\n".join(lines).rstrip("\n") + "\n"


def timeline_to_markdown(result: TimelineResult) -> str:
    n = len(result.sources)
    lines = ["# Timeline", "", f"{len(result.entries)} entries from {n} article{'s' if n != 1 else ''}.", ""]
    if result.failed:
        lines += ["Not read: " + ", ".join(md_escape(f) for f in result.failed) + ".", ""]
    empty: list[str] = []
    lines += _table("Entries", ["When", "Type", "Status", "What", "Location", "Participants", "Sources"],
                    [[_when(x), x.type or x.kind, x.status, x.text, x.location, join(x.participants),
                      join(x.sources)] for x in result.entries], empty, level="##")
    merged = _states(result.states, empty) + _leaders(result.leaders, empty) + _orgs(result.organizations, empty)
    lines += [line.replace("### ", "## ", 1) for line in merged]
    lines += _none_line(empty)
    return "\n".join(lines).rstrip("\n") + "\n"

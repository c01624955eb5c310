"""One self-contained HTML page that draws a merged timeline on a vertical axis.

No network, no scripts: the page is plain HTML with inline CSS, and its Content-Security-Policy
forbids scripts and every fetch, so even a bug in our escaping could not run article text as
code or make the page call out. Every piece of article-derived text goes through ``_e``
(``html.escape``), attributes included.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from html import escape
from pathlib import Path
from urllib.parse import quote, urlsplit

from quadnews.models import TimelineEntry, TimelineResult
from quadnews.render._common import conflicting, date_label, join, shows_raw_value

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

# Colours per event type (CAMEO-like families): cooperative types cool, conflictual types warm.
TYPE_COLOURS = {
    "meet": "#2563eb", "visit": "#0891b2", "statement": "#475569", "agree": "#059669",
    "propose": "#7c3aed", "initiate": "#4f46e5", "aid": "#16a34a", "elect": "#0d9488",
    "criticize": "#d97706", "threaten": "#dc2626", "attack": "#b91c1c", "sanction": "#be123c",
    "protest": "#ea580c", "publication": "#94a3b8", "date": "#94a3b8",
}
DEFAULT_COLOUR = "#64748b"

CSS = """
:root { --ink:#1e293b; --muted:#64748b; --line:#cbd5e1; --paper:#f8fafc; --card:#ffffff;
  --planned:#7c3aed; --warn:#b45309; --when-w:11.5rem; }
* { box-sizing:border-box; }
body { margin:0; background:var(--paper); color:var(--ink);
  font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Helvetica Neue",Arial,sans-serif; }
.page { max-width:1080px; margin:0 auto; padding:2.5rem 2rem 3rem; }
header.page-head h1 { font-size:2rem; line-height:1.2; margin:0 0 .25rem; letter-spacing:-.01em; }
.lede { color:var(--muted); margin:0 0 1.25rem; }
.facts { display:grid; grid-template-columns:max-content 1fr; gap:.4rem 1rem; margin:0 0 1.25rem; }
.facts dt { font-weight:600; font-size:.85rem; text-transform:uppercase; letter-spacing:.05em;
  color:var(--muted); padding-top:.2rem; }
.facts dd { margin:0; }
.legend { display:flex; flex-wrap:wrap; gap:1.25rem; font-size:.85rem; color:var(--muted);
  border-top:1px solid var(--line); padding-top:.75rem; }
.legend span { display:inline-flex; align-items:center; gap:.4rem; }
.warn-note { color:var(--warn); }
p.warn-note { margin:-.75rem 0 1.25rem; font-size:.9rem; }
ul.chips { list-style:none; margin:0; padding:0; display:flex; flex-wrap:wrap; gap:.35rem; }
.chip { display:inline-block; font-size:.8rem; line-height:1.2; padding:.25rem .6rem; border-radius:999px;
  background:#e2e8f0; color:#334155; white-space:nowrap; }
.chip.state { background:#dbeafe; color:#1e40af; }
.chip.state.participant { font-weight:600; }
.chip.leader { background:#fce7f3; color:#9d174d; }
.chip.org { background:#dcfce7; color:#166534; }
.chip small { opacity:.75; font-weight:400; }
ol.timeline { list-style:none; margin:2rem 0 0; padding:0; position:relative; }
ol.timeline::before { content:""; position:absolute; top:.5rem; bottom:.5rem;
  left:calc(var(--when-w) + 1.25rem - 1px); width:2px; background:var(--line); }
li.period { display:grid; grid-template-columns:var(--when-w) 2.5rem 1fr; margin:1.75rem 0 .75rem; }
li.period:first-child { margin-top:0; }
li.period h2 { grid-column:1; margin:0; font-size:1.35rem; text-align:right; color:var(--ink); }
li.period::after { content:""; grid-column:2; grid-row:1; justify-self:center; align-self:center;
  width:14px; height:14px; background:var(--ink); transform:rotate(45deg); position:relative; z-index:1; }
li.entry { display:grid; grid-template-columns:var(--when-w) 2.5rem 1fr; margin:0 0 1rem; }
.when { text-align:right; padding-top:.85rem; }
.when time, .when .label { display:block; font-weight:600; font-variant-numeric:tabular-nums; }
.when .value { display:block; font-size:.78rem; color:var(--muted); font-family:ui-monospace,Menlo,Consolas,monospace; }
.dot { justify-self:center; margin-top:1.05rem; width:16px; height:16px; border-radius:50%;
  background:var(--c); border:3px solid var(--paper); box-shadow:0 0 0 2px var(--c); position:relative; z-index:1; }
.card { background:var(--card); border:1px solid #e2e8f0; border-left:4px solid var(--c); border-radius:10px;
  padding:.8rem 1rem .9rem; box-shadow:0 1px 2px rgba(15,23,42,.06); }
.card h3 { font-size:1.05rem; line-height:1.4; margin:.35rem 0 .5rem; font-weight:600; overflow-wrap:anywhere; }
.badges { display:flex; flex-wrap:wrap; gap:.4rem; align-items:center; font-size:.75rem; }
.badge { text-transform:uppercase; letter-spacing:.06em; font-weight:700; padding:.15rem .5rem; border-radius:4px;
  color:#fff; background:var(--c); }
.badge.status { background:transparent; color:var(--muted); border:1px solid var(--line); }
.where { color:var(--muted); font-size:.9rem; margin:0 0 .5rem; }
.conflict { margin:.6rem 0 0; padding:.4rem .6rem; border-radius:6px; background:#fef3c7; color:#78350f;
  font-size:.88rem; }
.sources { margin:.6rem 0 0; font-size:.82rem; color:var(--muted); }
.sources a { color:#1d4ed8; text-decoration:none; border-bottom:1px solid #bfdbfe; overflow-wrap:anywhere; }
.sources a:hover { border-bottom-color:#1d4ed8; }
li.entry.planned .card { border-style:dashed; border-left-style:dashed; background:#fcfaff; }
li.entry.planned .dot { background:var(--paper); border:3px solid var(--paper); box-shadow:0 0 0 2px var(--planned); }
li.entry.planned .badge.status { color:var(--planned); border-color:var(--planned); }
li.entry.ongoing .dot { background:linear-gradient(90deg,var(--c) 50%,var(--paper) 50%); }
li.entry.date h3 { font-size:.98rem; font-weight:500; }
li.entry.date .badge.type { background:transparent; color:var(--muted); border:1px solid var(--line); }
li.entry.publication .card { background:transparent; box-shadow:none; border:1px dashed var(--line);
  border-left:4px solid var(--line); padding:.45rem .8rem; }
li.entry.publication h3 { font-size:.92rem; font-weight:500; color:var(--muted); margin:.15rem 0 0; }
li.entry.publication .dot { width:12px; height:12px; margin-top:.9rem; }
li.entry.publication .when { padding-top:.45rem; }
li.entry.publication .sources { margin-top:.2rem; }
.swatch { display:inline-block; width:12px; height:12px; border-radius:50%; background:#2563eb; }
.swatch.planned { background:transparent; box-shadow:0 0 0 2px var(--planned); }
.swatch.ongoing { background:linear-gradient(90deg,#2563eb 50%,transparent 50%); box-shadow:0 0 0 1px #2563eb; }
footer { margin-top:2.5rem; padding-top:1rem; border-top:1px solid var(--line); font-size:.82rem; color:var(--muted); }
@media (max-width:720px) { :root { --when-w:6.5rem; } .page { padding:1.25rem .75rem; } }
"""


def _e(text: object) -> str:
    return escape("" if text is None else str(text), quote=True)


def _css_ident(text: str | None) -> str:
    """A safe class-name fragment: article-derived values never reach the markup raw."""
    return re.sub(r"[^a-z0-9-]", "", (text or "").lower())


def _href(source: str, link_base: Path | None) -> str | None:
    """A link to the article file, relative to the page when we know where the page lives."""
    if source == "-" or not source:
        return None
    if urlsplit(source).scheme in ("http", "https"):
        return source
    path = Path(source)
    if link_base is not None:
        try:
            rel = os.path.relpath(path, link_base)
        except ValueError:  # another drive on Windows: only an absolute link can work
            return path.resolve().as_uri()
        return quote(rel.replace(os.sep, "/"))
    if path.is_absolute():
        return path.as_uri()
    return quote(source.replace(os.sep, "/"))


class _Chips:
    """Classifies participant names as state / leader / organization for the chip colours."""

    def __init__(self, result: TimelineResult) -> None:
        self.kind: dict[str, str] = {}
        for s in result.states:
            for name in (s.name, s.code, *s.aliases):
                self.kind.setdefault(name, "state")
        for ld in result.leaders:
            for name in (ld.name, *ld.aliases):
                self.kind.setdefault(name, "leader")
        for o in result.organizations:
            for name in (o.name, *o.aliases):
                self.kind.setdefault(name, "org")

    def render(self, names: Sequence[str]) -> str:
        if not names:
            return ""
        items = "".join(f'<li class="chip {self.kind.get(n, "other")}">{_e(n)}</li>' for n in names)
        return f'<ul class="chips" aria-label="participants">{items}</ul>'


def _period(entry: TimelineEntry) -> str:
    """The year heading an entry sits under on the axis (``Undated`` for plans with no date)."""
    if entry.interval is not None:
        return entry.interval.start[:4]
    return "Undated"


def _when(entry: TimelineEntry) -> str:
    if entry.interval is None and not entry.value:
        return '<div class="when"></div>'  # the "Undated" heading above says it already
    label = date_label(entry.value, entry.interval)
    iv = entry.interval
    if iv is not None and iv.start == iv.end and re.fullmatch(r"\d{4}-\d{2}-\d{2}", iv.start):
        head = f'<time datetime="{_e(iv.start)}">{_e(label)}</time>'
    else:
        head = f'<span class="label">{_e(label)}</span>'
    raw = f'<span class="value">{_e(entry.value)}</span>' if shows_raw_value(entry.value, iv, label) else ""
    return f'<div class="when">{head}{raw}</div>'


def _sources(sources: Sequence[str], link_base: Path | None) -> str:
    if not sources:
        return ""
    links = []
    for s in sources:
        href = _href(s, link_base)
        name = _e(Path(s).name or s)
        if href is None:
            links.append(f'<span title="{_e(s)}">{name}</span>')
        else:
            links.append(f'<a href="{_e(href)}" title="{_e(s)}">{name}</a>')
    label = "Source" if len(sources) == 1 else f"{len(sources)} sources"
    return f'<p class="sources">{label}: {", ".join(links)}</p>'


def _entry(i: int, x: TimelineEntry, chips: _Chips, link_base: Path | None) -> str:
    kind = _css_ident(x.kind) or "event"
    status = _css_ident(x.status)
    colour = TYPE_COLOURS.get(x.type or kind, DEFAULT_COLOUR)
    classes = " ".join(c for c in ("entry", kind, status) if c)
    badges = []
    if x.type:
        badges.append(f'<span class="badge type">{_e(x.type)}</span>')
    elif x.kind == "date":
        badges.append('<span class="badge type">dated fact</span>')
    if x.status:
        badges.append(f'<span class="badge status">{_e(x.status)}</span>')
    body = [f'<div class="badges">{"".join(badges)}</div>' if badges else "", f"<h3>{_e(x.text)}</h3>"]
    if x.location:
        body.append(f'<p class="where">in {_e(x.location)}</p>')
    body.append(chips.render(x.participants))
    clash = conflicting(x)
    if clash:
        body.append(f'<p class="conflict"><strong>Sources disagree on the date:</strong> '
                    f'{_e(join(clash, " · "))}</p>')
    body.append(_sources(x.sources, link_base))
    return (f'<li class="{classes}" id="entry-{i}" style="--c:{colour}">{_when(x)}'
            f'<span class="dot" aria-hidden="true"></span>'
            f'<article class="card">{"".join(b for b in body if b)}</article></li>')


def _facts(result: TimelineResult) -> str:
    rows = []
    if result.states:
        chips = "".join(
            f'<li class="chip state {_css_ident(s.role)}" title="{_e(s.role)}, {s.mentions} mentions">'
            f'{_e(s.name)} <small>{_e(s.code)}</small></li>' for s in result.states)
        rows.append(f'<dt>States</dt><dd><ul class="chips">{chips}</ul></dd>')
    if result.leaders:
        chips = "".join(
            f'<li class="chip leader" title="{_e(ld.title or "")}">{_e(ld.name)}'
            + (f" <small>{_e(ld.state)}</small>" if ld.state else "") + "</li>" for ld in result.leaders)
        rows.append(f'<dt>Leaders</dt><dd><ul class="chips">{chips}</ul></dd>')
    if result.organizations:
        chips = "".join(f'<li class="chip org">{_e(o.name)}</li>' for o in result.organizations)
        rows.append(f'<dt>Organizations</dt><dd><ul class="chips">{chips}</ul></dd>')
    return f'<dl class="facts">{"".join(rows)}</dl>' if rows else ""


def _lede(result: TimelineResult) -> str:
    n = len(result.sources)
    text = f"{len(result.entries)} entries from {n} article{'s' if n != 1 else ''}"
    dated = [x for x in result.entries if x.interval is not None]
    if dated:
        first, last = min(x.interval.start for x in dated), max(x.interval.end for x in dated)  # type: ignore[union-attr]
        text += f" · {first[:4]}" + (f"–{last[:4]}" if last[:4] != first[:4] else "")
    return text


def timeline_to_html(result: TimelineResult, *, title: str = "Timeline", link_base: Path | None = None) -> str:
    """The page. ``link_base`` is the folder the page will be saved in, so that links to the
    articles are relative to it (``None``: relative to the current directory)."""
    chips = _Chips(result)
    items: list[str] = []
    period = None
    for i, x in enumerate(result.entries, 1):
        p = _period(x)
        if p != period:
            items.append(f'<li class="period"><h2>{_e(p)}</h2></li>')
            period = p
        items.append(_entry(i, x, chips, link_base))
    conflicts = sum(1 for x in result.entries if conflicting(x))
    legend = ['<span><i class="swatch"></i>happened</span>',
              '<span><i class="swatch ongoing"></i>ongoing</span>',
              '<span><i class="swatch planned"></i>planned</span>',
              '<span><i class="chip state">state</i><i class="chip leader">leader</i>'
              '<i class="chip org">organization</i></span>']
    if conflicts:
        legend.append(f'<span class="warn-note">{conflicts} entr{"ies" if conflicts != 1 else "y"} '
                      "with conflicting dates</span>")
    failed = ""
    if result.failed:
        # In the header, not the footer: a reader should know the timeline is partial up front.
        failed = f'<p class="warn-note">Not read: {_e(join(result.failed))}</p>\n'
    timeline = (f'<ol class="timeline">{"".join(items)}</ol>' if items
                else '<p class="lede">No dated events were found.</p>')
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="generator" content="quadnews">
<title>{_e(title)}</title>
<link rel="icon" href="data:,">
<style>{CSS}</style>
</head>
<body>
<div class="page">
<header class="page-head">
<h1>{_e(title)}</h1>
<p class="lede">{_e(_lede(result))}</p>
{failed}{_facts(result)}
<div class="legend">{"".join(legend)}</div>
</header>
<main>
{timeline}
</main>
<footer><p>Made by quadnews from {len(result.sources)} article(s). Dates are TIMEX3 values resolved against each
article's reference date; planned events are shown dashed.</p></footer>
</div>
</body>
</html>
"""

"""Rich tables on a terminal (one per section)."""

from __future__ import annotations

import io
from collections.abc import Sequence

from rich.console import Console
from rich.table import Table

from quadnews.models import Extraction


def _tables(r: Extraction) -> list[Table]:
    out = []
    t = Table(title=f"States — {r.source}")
    for col in ("Code", "State", "Role", "Mentions", "Aliases"):
        t.add_column(col)
    for s in r.states:
        t.add_row(s.code, s.name, s.role, str(s.mentions), ", ".join(s.aliases))
    out.append(t)
    t = Table(title="Leaders")
    for col in ("Name", "Title", "State", "Mentions", "Aliases"):
        t.add_column(col)
    for ld in r.leaders:
        t.add_row(ld.name, ld.title or "", ld.state or "", str(ld.mentions), ", ".join(ld.aliases))
    out.append(t)
    t = Table(title="Organizations")
    for col in ("Name", "Mentions", "Aliases"):
        t.add_column(col)
    for o in r.organizations:
        t.add_row(o.name, str(o.mentions), ", ".join(o.aliases))
    out.append(t)
    t = Table(title="Dates")
    for col in ("Text", "Type", "Value", "Mod", "Interval"):
        t.add_column(col)
    for d in r.dates:
        iv = f"{d.interval.start} .. {d.interval.end}" if d.interval else ""
        t.add_row(d.text, d.type, d.value, d.mod or "", iv)
    out.append(t)
    return out


def print_tables(results: Sequence[Extraction], console: Console | None = None) -> None:
    console = console or Console()
    for r in results:
        console.print(f"[bold]{r.source}[/bold]  reference date {r.reference_date} ({r.reference_date_source})")
        for t in _tables(r):
            console.print(t)


def tables_text(results: Sequence[Extraction]) -> str:
    buf = io.StringIO()
    print_tables(results, Console(file=buf, width=120, no_color=True, force_terminal=False))
    return buf.getvalue()

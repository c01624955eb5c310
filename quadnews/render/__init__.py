"""Renderers: typed results -> table / JSON / JSONL / CSV / Markdown / HTML / TimelineJS text.

Renderers see only the typed results (``quadnews.models``), never spaCy objects. Two entry
points, one per command:

- ``render(results, fmt, output=None)`` for ``extract`` (a list of ``Extraction``);
- ``render_timeline(result, fmt, output=None)`` for ``timeline`` (one ``TimelineResult``).

``fmt == "table"`` without ``output`` prints Rich tables in colour; everything else is text,
written to stdout or atomically to ``output``.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from quadnews.models import Extraction, TimelineResult

EXTRACT_FORMATS = ("table", "json", "jsonl", "csv", "md")
TIMELINE_FORMATS = ("table", "json", "jsonl", "csv", "md", "html", "timelinejs")


def render_text(results: Sequence[Extraction], fmt: str) -> str:
    """``results`` as text in ``fmt`` (one of ``EXTRACT_FORMATS``)."""
    if fmt == "table":
        from quadnews.render.table import tables_text

        return tables_text(results)
    if fmt == "json":
        from quadnews.render.jsonout import to_json

        return to_json(results)
    if fmt == "jsonl":
        from quadnews.render.jsonout import to_jsonl

        return to_jsonl(results)
    if fmt == "csv":
        from quadnews.render.csvout import to_csv

        return to_csv(results)
    if fmt == "md":
        from quadnews.render.markdown import to_markdown

        return to_markdown(results)
    raise ValueError(f"unknown format {fmt!r} (expected one of {', '.join(EXTRACT_FORMATS)})")


def render_timeline_text(result: TimelineResult, fmt: str, *, title: str = "Timeline",
                         link_base: Path | None = None) -> str:
    """``result`` as text in ``fmt`` (one of ``TIMELINE_FORMATS``).

    ``link_base``: the folder an HTML page will live in, so its links to the articles resolve.
    """
    if fmt == "table":
        from quadnews.render.table import timeline_tables_text

        return timeline_tables_text(result)
    if fmt == "json":
        from quadnews.render.jsonout import timeline_to_json

        return timeline_to_json(result)
    if fmt == "jsonl":
        from quadnews.render.jsonout import timeline_to_jsonl

        return timeline_to_jsonl(result)
    if fmt == "csv":
        from quadnews.render.csvout import timeline_to_csv

        return timeline_to_csv(result)
    if fmt == "md":
        from quadnews.render.markdown import timeline_to_markdown

        return timeline_to_markdown(result)
    if fmt == "html":
        from quadnews.render.html import timeline_to_html

        return timeline_to_html(result, title=title, link_base=link_base)
    if fmt == "timelinejs":
        from quadnews.render.timelinejs import timeline_to_timelinejs

        return timeline_to_timelinejs(result, title=title)
    raise ValueError(f"unknown format {fmt!r} (expected one of {', '.join(TIMELINE_FORMATS)})")


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        from quadnews.output import write_atomic

        write_atomic(output, text)


def render(results: Sequence[Extraction], fmt: str, *, output: Path | None = None) -> None:
    """Write ``results`` in ``fmt`` to ``output`` (atomically) or stdout."""
    if fmt == "table" and output is None:
        from quadnews.render.table import print_tables

        print_tables(results)
        return
    _emit(render_text(results, fmt), output)


def render_timeline(result: TimelineResult, fmt: str, *, output: Path | None = None,
                    title: str = "Timeline") -> None:
    """Write a merged timeline in ``fmt`` to ``output`` (atomically) or stdout.

    For ``html`` the links to the articles are made relative to ``output``'s folder.
    """
    if fmt == "table" and output is None:
        from quadnews.render.table import print_timeline_tables

        print_timeline_tables(result)
        return
    link_base = Path(output).parent if output is not None else None
    _emit(render_timeline_text(result, fmt, title=title, link_base=link_base), output)


__all__ = ["EXTRACT_FORMATS", "TIMELINE_FORMATS", "render", "render_text", "render_timeline",
           "render_timeline_text"]

"""Renderers: ``Extraction`` results -> table / JSON / JSONL / CSV / Markdown text.

Renderers see only the typed results (``quadnews.models``), never spaCy objects.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from quadnews.models import Extraction


def render_text(results: Sequence[Extraction], fmt: str) -> str:
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
    raise ValueError(f"unknown format {fmt!r}")


def render(results: Sequence[Extraction], fmt: str, *, output: Path | None = None) -> None:
    """Write ``results`` in ``fmt`` to ``output`` (atomically) or stdout."""
    if fmt == "table" and output is None:
        from quadnews.render.table import print_tables

        print_tables(results)
        return
    if fmt == "table":
        from quadnews.render.table import tables_text

        text = tables_text(results)
    else:
        text = render_text(results, fmt)
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        from quadnews.output import write_atomic

        write_atomic(output, text)

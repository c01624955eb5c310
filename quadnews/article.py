"""The article as read from a file, stdin or a record, before any NLP."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(slots=True)
class Article:
    source: str  # path as given, "-" for stdin, "path#3" for the 3rd record of a JSON Lines file
    text: str  # the article text every offset refers to
    title: str | None = None
    reference_date: date | None = None
    reference_date_source: str | None = None  # option | dateline | metadata | file-mtime | today
    reference_time: datetime | None = None  # when the dateline also gives a clock time
    text_source: str = "file"  # what the text is: file | html-main-text | json:<field>
    url: str | None = None
    input_format: str = "text"  # text | markdown | html | json | jsonl
    encoding: str | None = None  # how the bytes were decoded (utf-8, utf-16, cp1252, ...)
    warnings: list[str] = field(default_factory=list)

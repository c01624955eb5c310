"""JSON and JSON Lines files of article records (news APIs, crawlers such as news-please).

One article per record. A record is a JSON object with the article text in one of
``TEXT_FIELDS``; a file is one record, a list of records, an object wrapping such a list
(``{"articles": [...]}`` as NewsAPI returns), or JSON Lines with one record a line. Records are
named ``path#N``: N is the position in the list, or the line number in JSON Lines.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime

from quadnews.errors import InputError

TEXT_FIELDS = ("text", "maintext", "content", "body", "articleBody", "article_body", "full_text")
TITLE_FIELDS = ("title", "headline")
DATE_FIELDS = ("date_publish", "published", "publishedAt", "published_at", "datePublished",
               "date_published", "pubDate", "date")
URL_FIELDS = ("url", "link")
WRAPPER_FIELDS = ("articles", "items", "results", "data", "documents", "records", "entries", "posts")
# NewsAPI cuts "content" and appends "… [+2345 chars]": not part of the article.
_TRUNCATION = re.compile(r"\s*(?:…|\.\.\.)?\s*\[\+\d+ chars\]\s*$")


@dataclass(slots=True)
class Record:
    source: str
    text: str
    text_field: str
    title: str | None
    url: str | None
    published: tuple[date, datetime | None] | None
    date_field: str | None
    bad_date: str | None  # the raw value when a date field was present but unreadable
    input_format: str = "json"  # json | jsonl


def _string(value: object) -> str | None:
    if isinstance(value, str):
        return value
    # Some crawlers store the body as a list of paragraphs.
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return "\n\n".join(value)
    return None


def is_article_record(obj: object) -> bool:
    return isinstance(obj, dict) and any(_string(obj.get(f)) for f in TEXT_FIELDS)


def record_from_object(obj: object, source: str) -> Record:
    from quadnews.options import parse_published

    if not isinstance(obj, dict):
        raise InputError(source, f"record is a JSON {_kind(obj)}, not an object with article fields")
    for name in TEXT_FIELDS:
        text = _string(obj.get(name))
        if text is not None and text.strip():
            break
    else:
        present = [f for f in TEXT_FIELDS if f in obj]
        if present:
            raise InputError(source, f"record has no article text (field {present[0]!r} is empty or not text)")
        raise InputError(source, "record has no article text (expected one of: " + ", ".join(TEXT_FIELDS[:4]) + ")")
    if name == "content":
        text = _TRUNCATION.sub("", text)
    title = next((v.strip() for f in TITLE_FIELDS if isinstance(v := obj.get(f), str) and v.strip()), None)
    url = next((v.strip() for f in URL_FIELDS if isinstance(v := obj.get(f), str) and v.strip()), None)
    published, date_field, bad_date = None, None, None
    for field_name in DATE_FIELDS:
        raw = obj.get(field_name)
        if raw in (None, ""):
            continue
        published = parse_published(raw)
        if published is not None:
            date_field = field_name
            break
        bad_date = bad_date or f"{field_name}={str(raw)[:40]!r}"
    return Record(source, text, name, title, url, published, date_field, None if published else bad_date)


def _kind(obj: object) -> str:
    return {dict: "object", list: "list", str: "string", bool: "boolean", type(None): "null"}.get(
        type(obj), "number")


def _loads(text: str) -> object:
    return json.loads(text)


def parse_json(text: str, source: str, *, lines: bool | None = None) -> Iterator[Record | InputError]:
    """Records of a JSON or JSON Lines document; ``lines=None`` decides from the content.

    Raises ``InputError`` when the file as a whole is not article JSON; yields an ``InputError``
    for each bad record so the good ones are still read.
    """
    if lines is not True:
        try:
            doc = _loads(text)
        except RecursionError:
            raise InputError(source, "JSON nested too deeply to be an article record") from None
        except json.JSONDecodeError as err:
            if lines is False or not _first_line_is_record(text):
                raise InputError(source, f"invalid JSON: {err.msg} at line {err.lineno} column {err.colno}") from None
        else:
            yield from _records_of(doc, source)
            return
    yield from _json_lines(text, source)


def _first_line_is_record(text: str) -> bool:
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    try:
        return isinstance(_loads(first), dict)
    except (json.JSONDecodeError, RecursionError):
        return False


def _records_of(doc: object, source: str) -> Iterator[Record | InputError]:
    if isinstance(doc, dict) and not is_article_record(doc):
        wrapped = next((doc[k] for k in WRAPPER_FIELDS if isinstance(doc.get(k), list)), None)
        if wrapped is not None:
            doc = wrapped
        else:
            keys = ", ".join(list(doc)[:6]) or "none"
            raise InputError(source, "JSON is not an article record: no text, maintext, content or body "
                                     f"field (its keys: {keys})")
    if isinstance(doc, dict):
        yield record_from_object(doc, source)
        return
    if not isinstance(doc, list):
        raise InputError(source, f"JSON is a {_kind(doc)}, not an article record or a list of them")
    if not doc:
        raise InputError(source, "JSON holds an empty list: no article records")
    if not any(is_article_record(item) for item in doc):
        raise InputError(source, f"JSON list of {len(doc)} items holds no article record (no text, maintext, "
                                 "content or body field)")
    for i, item in enumerate(doc, start=1):
        try:
            yield record_from_object(item, f"{source}#{i}")
        except InputError as err:
            yield err


def _json_lines(text: str, source: str) -> Iterator[Record | InputError]:
    first = True
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}#{lineno}"
        try:
            obj = _loads(line)
        except (RecursionError, json.JSONDecodeError) as err:
            reason = (f"{err.msg} at column {err.colno}" if isinstance(err, json.JSONDecodeError)
                      else "nested too deeply")
            if first:
                # A file whose first line is not JSON is not JSON Lines at all: one error, not one a line.
                raise InputError(source, f"invalid JSON Lines: line {lineno}: {reason}") from None
            yield InputError(where, f"invalid JSON on line {lineno}: {reason}")
            continue
        first = False
        try:
            rec = record_from_object(obj, where)
        except InputError as err:
            yield err
            continue
        rec.input_format = "jsonl"
        yield rec

"""HTML pages -> the article's main text, title, URL and publication date.

Main text and metadata come from trafilatura, the date from htmldate's metadata pass. Both get
an already parsed lxml tree, never a string: given a string that looks like a URL, htmldate
downloads it, and nothing in an article may make us fetch anything. lxml's HTML parser does not
load external entities or DTDs, and scripts are dropped, never run.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date

from quadnews.errors import InputError

# trafilatura and htmldate log parse problems as errors; with no handler configured Python would
# print them on stderr, breaking our one-line-per-problem rule. A NullHandler silences only that
# fallback: an application that configures logging still sees the records.
for _name in ("trafilatura", "htmldate", "courlan", "justext", "readability"):
    logging.getLogger(_name).addHandler(logging.NullHandler())

_HTML_START = re.compile(r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
                         re.IGNORECASE | re.DOTALL)
_WORDS = re.compile(r"[^\W\d_]{2,}")
MIN_WORDS = 5
_TAGS = re.compile(r"<(?:p|div|article|h[1-6]|title|meta|span|br|section|main|a)\b[^>]*>", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    """An HTML document, or text dense with common tags (a saved fragment)."""
    head = text[:4096]
    if _HTML_START.match(head):
        return True
    return len(_TAGS.findall(head)) >= 3


@dataclass(slots=True)
class HtmlArticle:
    text: str
    title: str | None
    url: str | None
    published: date | None


def extract_html(html: str, source: str) -> HtmlArticle:
    try:
        from htmldate import find_date
        from trafilatura import bare_extraction
        from trafilatura.utils import load_html
    except ImportError as err:  # pragma: no cover - a broken install
        raise InputError(source, f"cannot read HTML: {err} (pip install trafilatura htmldate)") from err
    try:
        # Two trees: trafilatura prunes the one it is given, and htmldate wants the <head> intact.
        tree_for_date = load_html(html)
        tree = load_html(html)
        if tree is None or tree_for_date is None:
            raise InputError(source, "not a readable HTML page")
        # Metadata only (no "extensive" search): the date in <meta>, JSON-LD, <time> or the URL,
        # never a date picked from the body or a copyright line.
        found = find_date(tree_for_date, extensive_search=False, original_date=True,
                          outputformat="%Y-%m-%d")
        doc = bare_extraction(tree, with_metadata=True, include_comments=False, include_tables=True,
                              include_images=False, include_links=False,
                              date_extraction_params={"extensive_search": False, "original_date": True})
    except InputError:
        raise
    except Exception as err:  # noqa: BLE001 - the libraries' failure modes are open-ended
        raise InputError(source, f"cannot parse the HTML page ({type(err).__name__})") from err
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    # With no article on the page trafilatura's fallbacks return whatever is left ("Home",
    # a cookie notice): fewer than a sentence's worth of words is no article.
    if len(_WORDS.findall(text)) < MIN_WORDS:
        raise InputError(source, "HTML page has no article text (no main content found)")
    published = None
    for candidate in (found, getattr(doc, "date", None)):
        if candidate:
            try:
                published = date.fromisoformat(str(candidate)[:10])
                break
            except ValueError:
                continue
    return HtmlArticle(text=text, title=getattr(doc, "title", None) or None,
                       url=getattr(doc, "url", None) or None, published=published)

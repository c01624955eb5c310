"""The ``qn_paragraphs`` component: sentence boundaries that news layout implies.

- A line break ends a sentence: headlines, captions and paragraphs of news copy often lack a
  final full stop, and without this the parser runs a headline into the body.
- A wire dateline ends at its dash: in "TOKYO, June 10, 2023 (Reuters) - Japanese Prime
  Minister ..." the model would otherwise read "June 10, 2023 - Japanese" as one date.

Runs before the parser and the entity recognizer, which both keep boundaries already set.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Token

_DASHES = {"-", "--", "—", "–", "―"}
_MONTH = re.compile(r"^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?$")
_MAX_DATELINE = 14  # tokens: "NEW DELHI, March 25, 2022 (Reuters) -" is 11


def _dateline_dash(doc: Doc, start: int) -> Token | None:
    """The dash closing a dateline that opens the line at ``start``, if there is one."""
    first = doc[start]
    if not (first.is_upper or first.is_title) or not first.is_alpha:
        return None
    end = min(len(doc), start + _MAX_DATELINE)
    for tok in doc[start + 1:end]:
        if "\n" in tok.text or "\n" in tok.whitespace_:
            return None
        # a dateline dash stands between spaces: "China-Central Asia" is a name, not a dateline
        if tok.text in _DASHES and tok.i + 1 < len(doc) and tok.whitespace_ and doc[tok.i - 1].whitespace_:
            prefix = doc[start:tok.i]
            datey = any(_MONTH.match(t.text) or t.like_num or t.text == "(" for t in prefix)
            if first.is_upper and len(first) > 1 or datey:
                return tok
            return None
    return None


@Language.component("qn_paragraphs")
def qn_paragraphs(doc: Doc) -> Doc:
    line_start = 0
    for tok in doc:
        if tok.i == line_start and not tok.is_space:
            dash = _dateline_dash(doc, tok.i)
            if dash is not None:
                for t in doc[tok.i + 1:dash.i + 1]:
                    t.is_sent_start = False
                doc[dash.i + 1].is_sent_start = True
        if tok.i + 1 < len(doc) and ("\n" in tok.whitespace_ or (tok.is_space and "\n" in tok.text)):
            doc[tok.i + 1].is_sent_start = True
            line_start = tok.i + 1
        elif tok.is_space and tok.i == line_start:
            line_start = tok.i + 1
    return doc

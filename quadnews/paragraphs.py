"""The ``qn_paragraphs`` component: a line break in an article ends a sentence.

Headlines, captions and paragraphs of news copy often lack a final full stop; without this the
parser runs a headline into the first sentence of the body and ties its words to the wrong
verbs. Runs before the parser, which keeps boundaries already set.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("qn_paragraphs")
def qn_paragraphs(doc: Doc) -> Doc:
    for tok in doc[:-1]:
        if tok.is_space and "\n" in tok.text:
            doc[tok.i + 1].is_sent_start = True
        elif "\n" in tok.whitespace_:
            doc[tok.i + 1].is_sent_start = True
    return doc

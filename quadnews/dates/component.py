"""The qn_timex spaCy component (to be written: issue 3)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("qn_timex")
def qn_timex(doc: Doc) -> Doc:
    doc._.qn_dates = []
    return doc

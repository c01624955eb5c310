"""The qn_timex spaCy component: ``doc._.qn_dates`` = every temporal expression, sorted by offset.

The anchor is ``doc._.qn_reference`` (a date) or ``doc._.qn_reference_time`` (a datetime); with
neither, absolute dates, durations and sets are still found and relative expressions are dropped.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from quadnews.dates.candidates import find_dates


@Language.component("qn_timex")
def qn_timex(doc: Doc) -> Doc:
    if not Doc.has_extension("qn_dates"):
        from quadnews.pipeline import register_extensions

        register_extensions()
    doc._.qn_dates = find_dates(doc)
    return doc

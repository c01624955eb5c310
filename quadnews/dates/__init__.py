"""Temporal expressions: find them in a Doc and normalize them to TIMEX3.

``resolve(text, reference, tense=None)`` normalizes one expression; ``find_dates(doc)`` finds
every expression of a Doc (the ``qn_timex`` spaCy component in ``quadnews.dates.component``
stores its result in ``doc._.qn_dates``).
"""

from __future__ import annotations

from quadnews.dates.normalize import Resolution, resolve

__all__ = ["Resolution", "find_dates", "resolve"]


def __getattr__(name: str):  # noqa: ANN202
    # find_dates needs spaCy; resolve() alone must not import it
    if name == "find_dates":
        from quadnews.dates.candidates import find_dates

        return find_dates
    raise AttributeError(name)

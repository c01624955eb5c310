"""Temporal expressions: find them in a Doc and normalize them to TIMEX3 (placeholder API).

``resolve(text, reference, tense=None)`` normalizes one expression; the ``qn_timex`` spaCy
component (``quadnews.dates.component``) finds every expression of a Doc.
"""

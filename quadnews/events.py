"""Events (placeholder until issue 4): states default to participants of the article."""

from __future__ import annotations

from spacy.tokens import Doc

from quadnews.models import Extraction


def attach_events(doc: Doc, result: Extraction) -> None:
    return None

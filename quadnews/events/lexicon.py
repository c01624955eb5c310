"""The event lexicon (``quadnews/data/events.json``): types, CAMEO codes, trigger lemmas."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

from spacy.tokens import Token


@cache
def lexicon() -> dict:
    return json.loads(resources.files("quadnews.data").joinpath("events.json").read_text(encoding="utf-8"))


@cache
def _verb_index() -> dict[str, str]:
    return {v: t for t, spec in lexicon()["types"].items() for v in spec.get("verbs", [])}


@cache
def _noun_index() -> dict[str, str]:
    return {n: t for t, spec in lexicon()["types"].items() for n in spec.get("nouns", [])}


@cache
def _governed_index() -> dict[str, tuple[str, frozenset[str]]]:
    out: dict[str, tuple[str, frozenset[str]]] = {}
    for t, spec in lexicon()["types"].items():
        for noun, verbs in spec.get("governed_nouns", {}).items():
            out[noun] = (t, frozenset(verbs))
    return out


@cache
def _known_verbs() -> frozenset[str]:
    lex = lexicon()
    verbs = {v for spec in lex["types"].values() for v in spec.get("verbs", [])}
    verbs |= {v for spec in lex["types"].values() for vs in spec.get("governed_nouns", {}).values() for v in vs}
    return frozenset(verbs | set(lex["support_verbs"]) | set(lex["planning_verbs"]) | set(lex["absent_verbs"]))


def lemma_of(tok: Token) -> str:
    """The lemma, mended where the rule lemmatizer drops a final "e" ("staged" -> "stag",
    "hosted" is fine): a verb of our lexicon that fits the inflected form wins."""
    lemma = tok.lemma_.lower()
    if lemma not in _known_verbs() and tok.pos_ in {"VERB", "AUX"} and lemma + "e" in _known_verbs() \
            and tok.lower_.endswith(("ed", "ing", "es")):
        return lemma + "e"
    return lemma


def cameo_code(event_type: str) -> str | None:
    return lexicon()["types"][event_type]["cameo"]


def event_types() -> dict[str, dict]:
    """The closed set of event types with their CAMEO root code and label."""
    return {t: {"cameo": s["cameo"], "label": s["label"]} for t, s in lexicon()["types"].items()}

"""The ``qn_entities`` component: turn the model's raw entities into the ones a reader means.

What it does, in order (each a rule of English news writing, each tested in
``tests/test_entities.py``):

1. Lines that are page furniture ("Advertisement", "Image: @WHNSC/Twitter", "Published ...")
   carry no entities.
2. A run of capitalized words closed by an organization head noun is one organization
   ("Quad Senior Cyber Group", which the model splits into "QUAD" + "Cyber Group").
3. One sense per discourse: a name the model tags as an organization most of the time is an
   organization everywhere in the article ("QUAD" once tagged as a place).
4. Countries and demonyms are states (whatever their surface form); regions and cities are
   never states; handles and lone head nouns ("Group") are not organizations.

Each entity's meaning is kept in its ``id`` (``Span.id_``): ``state:JP``, ``demonym:JP``,
``region``, ``place:AU`` (a city and its country), ``place`` (unknown country), ``org``.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from functools import cache
from importlib import resources

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from quadnews import gazetteer

_CONNECTORS = {"of", "for", "and", "on", "&"}
_STOP_LEFT = {"The", "A", "An", "This", "That", "These", "Those", "In", "On", "At", "By", "From", "With"}


@cache
def _data(name: str) -> dict:
    return json.loads(resources.files("quadnews.data").joinpath(name).read_text(encoding="utf-8"))


@cache
def _boilerplate_res() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(rf"(?:{p})\s*", re.IGNORECASE) for p in _data("boilerplate.json")["lines"])


@cache
def org_heads() -> frozenset[str]:
    return frozenset(_data("org_heads.json")["heads"])


@cache
def generic_org_words() -> frozenset[str]:
    return frozenset(_data("org_heads.json")["generic"])


def gazetteer_patterns() -> list[dict]:
    """entity_ruler patterns: countries (GPE), demonyms (NORP) and regions (LOC).

    The ruler runs after the model's ner without overwriting, so it only fills gaps the
    model left; names that are also ordinary words ("Chad", "Turkey") are left to the model.
    """
    ambiguous = gazetteer.ambiguous_names()
    patterns: list[dict] = []
    for c in gazetteer.countries().values():
        for alias in c.aliases:
            if alias not in ambiguous:
                patterns.append({"label": "GPE", "pattern": alias, "id": f"state:{c.code}"})
        for dem in c.demonyms:
            patterns.append({"label": "NORP", "pattern": dem, "id": f"demonym:{c.code}"})
    for region in gazetteer.regions():
        if not region.startswith("the "):
            patterns.append({"label": "LOC", "pattern": region, "id": "region"})
    return patterns


def entity_kind(span: Span) -> tuple[str, str | None]:
    """(kind, ISO code or None) stored by qn_entities in ``span.id_``."""
    kind, _, code = (span.id_ or "").partition(":")
    return kind or span.label_.lower(), code or None


def boilerplate_ranges(text: str) -> list[tuple[int, int]]:
    ranges = []
    pos = 0
    patterns = _boilerplate_res()
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped and len(stripped) < 160 and any(p.fullmatch(stripped) for p in patterns):
            ranges.append((pos, pos + len(line)))
        pos += len(line)
    return ranges


def _capitalized(tok: Token) -> bool:
    return (tok.is_title or (tok.is_upper and len(tok) > 1)) and tok.is_alpha


def org_name_spans(doc: Doc) -> list[Span]:
    """Capitalized runs closed by an organization head noun ("Quad Senior Cyber Group")."""
    heads = org_heads()
    spans = []
    for tok in doc:
        if tok.text not in heads or not tok.is_title:
            continue
        start = tok.i
        while start > 0:
            prev = doc[start - 1]
            if not _capitalized(prev) or prev.text in _STOP_LEFT or prev.is_sent_start and prev.text in _STOP_LEFT:
                break
            if gazetteer.country_code(prev.text) or gazetteer.demonym_code(prev.text):
                break  # "Japanese Foreign Ministry": the state is context, not part of the name
            if prev.ent_type_ in {"PERSON", "DATE", "TIME"}:
                break
            start -= 1
        end = tok.i + 1
        # "Ministry of Foreign Affairs", "Department of State": of + capitalized run
        if end + 1 < len(doc) and doc[end].lower_ in _CONNECTORS and doc[end].lower_ != "and" and _capitalized(doc[end + 1]):
            j = end + 1
            while j < len(doc) and _capitalized(doc[j]) and not gazetteer.country_code(doc[j].text):
                j += 1
            end = j
        if end - start >= 2:
            spans.append(Span(doc, start, end, label="ORG", span_id="org"))
    return spans


def _norm(text: str) -> str:
    return gazetteer.normalize_name(text).lower()


def classify(span: Span) -> Span | None:
    """The entity with its meaning in ``id_``, or None when it is not an entity we keep."""
    text = span.text
    label = span.label_
    if label not in {"GPE", "LOC", "NORP", "ORG", "FAC", "PERSON"}:
        return span
    if text.startswith(("@", "#", "http")) or "/" in text:
        return None
    norm = gazetteer.normalize_name(text)
    if not norm:
        return None
    code = gazetteer.country_code(norm)
    if code and (label in {"GPE", "LOC"} or norm not in gazetteer.ambiguous_names()) and label != "PERSON":
        return _relabel(span, "GPE", f"state:{code}")
    dem = gazetteer.demonym_code(norm)
    if dem and label in {"NORP", "GPE", "LOC", "ORG"}:
        return _relabel(span, "NORP", f"demonym:{dem}")
    if gazetteer.is_region(norm) and label != "PERSON":
        return _relabel(span, "LOC", "region")
    if label == "GPE" or (label == "LOC" and norm[:1].isupper()):
        cc = gazetteer.city_country(norm)
        return _relabel(span, label, f"place:{cc}" if cc else "place")
    if label == "ORG":
        if norm in generic_org_words() or not any(c.isalpha() for c in norm):
            return None
        return _relabel(span, "ORG", "org")
    if label == "NORP":
        return _relabel(span, "NORP", "group")
    return span


def _relabel(span: Span, label: str, span_id: str) -> Span:
    doc = span.doc
    start, end = span.start, span.end
    # Possessive and trailing punctuation are not part of the name: "The United States'"
    while end - 1 > start and doc[end - 1].text in {"'s", "'", "’s", "’", ",", "."} and not span.text.endswith("."):
        end -= 1
    while end - 1 > start and doc[end - 1].text in {"'s", "'", "’s", "’"}:
        end -= 1
    return Span(doc, start, end, label=label, span_id=span_id)


def _one_sense_per_discourse(ents: list[Span]) -> list[Span]:
    """A name tagged ORG by most of its mentions is an ORG everywhere (and so on)."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for e in ents:
        if e.label_ in {"ORG", "GPE", "PERSON", "NORP", "LOC"}:
            votes[_norm(e.text)][e.label_] += 1
    out = []
    for e in ents:
        v = votes.get(_norm(e.text))
        if v and e.label_ in v and len(v) > 1:
            best, n = v.most_common(1)[0]
            if best != e.label_ and n > v[e.label_] and not gazetteer.country_code(e.text):
                e = Span(e.doc, e.start, e.end, label=best)
        out.append(e)
    return out


@Language.component("qn_entities")
def qn_entities(doc: Doc) -> Doc:
    ranges = boilerplate_ranges(doc.text)
    doc._.qn_boilerplate = ranges

    def in_boilerplate(span: Span) -> bool:
        return any(s <= span.start_char < e for s, e in ranges)

    ents = [e for e in doc.ents if not in_boilerplate(e)]
    orgs = [s for s in org_name_spans(doc) if not in_boilerplate(s)]
    # An org name wins over the model's pieces of it, but not over a longer entity.
    kept = []
    for e in ents:
        overlapping = [o for o in orgs if o.start < e.end and e.start < o.end]
        if overlapping and all(len(o) >= len(e) for o in overlapping) and e.label_ not in {"DATE", "TIME", "PERSON"}:
            continue
        kept.append(e)
    ents = _one_sense_per_discourse(kept + [o for o in orgs])
    classified = [c for c in (classify(e) for e in ents) if c is not None]
    doc.ents = filter_spans(classified)
    return doc

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
    for group in gazetteer.groupings():
        # "Quad", "NATO", "G7": the model misses short names of groupings in many sentences
        patterns.append({"label": "ORG", "pattern": group, "id": "org"})
    return patterns


def _surname_mentions(doc: Doc, ents: list[Span]) -> list[Span]:
    """"Modi called the Quad ...": once "Narendra Modi" is named, a later capitalized token that
    is his surname (and no other entity) is a mention of him, even where the model missed it."""
    surnames = {e[-1].text for e in ents if e.label_ == "PERSON" and len(e) >= 2 and e[-1].is_title}
    if not surnames:
        return ents
    taken = {i for e in ents for i in range(e.start, e.end)}
    extra = [Span(doc, t.i, t.i + 1, label="PERSON") for t in doc
             if t.text in surnames and t.i not in taken and t.is_title
             and not (t.i > 0 and doc[t.i - 1].is_title and doc[t.i - 1].i not in taken)]
    return sorted(ents + extra, key=lambda e: e.start)


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
            if prev.text == "-" and start >= 2 and _capitalized(doc[start - 2]) and not prev.whitespace_ \
                    and not doc[start - 2].whitespace_:
                start -= 2  # "Indo-Pacific Partnership": one hyphenated word
                continue
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
    if label == "PERSON" and len(span) == 1 and gazetteer.capital_code(norm) and not (
            span.start > 0 and span.doc[span.start - 1].is_title):
        # "travelled to Kyiv": the model sometimes takes an unfamiliar capital for a person
        return _relabel(span, "GPE", f"place:{gazetteer.capital_code(norm)}")
    if label != "PERSON" and gazetteer.is_grouping(norm):
        # "Quad", "G7", "NATO": a grouping of states acts like an organization, never a state
        return _relabel(span, "ORG", "org")
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
        if not any(c.isupper() for c in norm):
            return None  # "trade and industry": a common noun phrase the model took for a name
        return _relabel(span, "ORG", "org")
    if label == "NORP":
        return _relabel(span, "NORP", "group")
    return span


def _relabel(span: Span, label: str, span_id: str) -> Span:
    doc = span.doc
    start, end = span.start, span.end
    # "a Conservative Party spokesman": the article is not part of the name
    while end - start > 1 and doc[start].text in {"a", "an"}:
        start += 1
    # Possessive and trailing punctuation are not part of the name: "The United States'"
    while end - 1 > start and doc[end - 1].text in {"'s", "'", "’s", "’", ",", "."} and not span.text.endswith("."):
        end -= 1
    while end - 1 > start and doc[end - 1].text in {"'s", "'", "’s", "’"}:
        end -= 1
    return Span(doc, start, end, label=label, span_id=span_id)


def _surnames_as_people(ents: list[Span]) -> list[Span]:
    """"Natano said" tagged ORG after "Kausea Natano" was named: a one-word name that ends a
    person's name in the same article is that person."""
    last_words = {e[-1].text for e in ents if e.label_ == "PERSON" and len(e) >= 2}
    return [Span(e.doc, e.start, e.end, label="PERSON")
            if e.label_ in {"ORG", "GPE", "NORP"} and len(e) == 1 and e.text in last_words
            and not gazetteer.country_code(e.text) else e
            for e in ents]


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


@cache
def _speech_verbs() -> frozenset[str]:
    return frozenset(_data("org_heads.json")["metonymy_verbs"])


def _title_at(doc: Doc, i: int) -> int:
    """End of a political title ("Prime Minister", "PM", "Secretary of State for Health") or
    honorific ("Mr") starting at token ``i``, or ``i`` when none starts there."""
    from quadnews import leaders  # leaders reads entity kinds from this module

    tm = leaders.title_starting_at(doc, i)
    if tm is not None:
        end = tm.end
        # British portfolios: "Secretary of State for Trade and Industry"
        if end + 1 < len(doc) and doc[end].lower_ == "for" and _capitalized(doc[end + 1]):
            end += 1
            while end < len(doc) and (_capitalized(doc[end]) or doc[end].lower_ == "and" and end + 1 < len(doc)
                                      and _capitalized(doc[end + 1])):
                end += 1
        return end
    if doc[i].lower_.rstrip(".") in {"mr", "mrs", "ms", "dr"} or doc[i].lower_ in leaders.honorifics():
        return i + 1 + (i + 1 < len(doc) and doc[i + 1].text == ".")
    return i


def _split_titles(ents: list[Span]) -> list[Span]:
    """Titles and honorifics are not part of names or organizations.

    "PM Modi" (tagged ORG) is the person "Modi" after a title; "Mr Balls" (ORG) the person
    "Balls"; "State" inside "Secretary of State" is no organization at all.
    """
    doc = ents[0].doc if ents else None
    out: list[Span] = []
    for e in ents:
        if doc is None or e.label_ not in {"ORG", "PERSON", "GPE", "FAC"} \
                or e.end < len(doc) and doc[e.end].pos_ in {"NOUN", "PROPN"}:
            # "King Cross station", "Premier League club": a title word inside a place's name
            out.append(e)
            continue
        # a title that ends inside the entity ("Secretary of [State]")
        inside_title = False
        for k in range(max(0, e.start - 3), e.start):
            end = _title_at(doc, k)
            if end > k and end >= e.end and not _ends_in_country(doc, k, end):
                inside_title = True
        if inside_title:
            continue
        start = e.start
        while start < e.end:
            end = _title_at(doc, start)
            if end == start or end >= e.end:
                break
            start = end
        if start == e.start:
            out.append(e)
        elif gazetteer.country_code(doc[start:e.end].text) or gazetteer.demonym_code(doc[start:e.end].text):
            out.append(Span(doc, start, e.end, label="GPE"))
        elif all(_capitalized(t) or t.is_punct for t in doc[start:e.end]):
            out.append(Span(doc, start, e.end, label="PERSON"))
    return out


def _ends_in_country(doc: Doc, start: int, end: int) -> bool:
    """"Prime Minister of Japan": the country in a title is still a state mention."""
    return any(gazetteer.country_code(t.text) for t in doc[start:end])


# Words that open the name of a state's own organ ("Chinese Foreign Ministry"); a demonym before
# anything else is usually part of a proper name ("British National Party").
_GOVERNMENT_WORDS = frozenset({
    "Foreign", "Defence", "Defense", "Ministry", "Embassy", "Government", "Army", "Navy", "Air", "Coast",
    "State", "Interior", "Finance", "Trade", "Commerce", "Treasury", "Home", "Justice", "Health", "Central",
    "Parliament", "Senate", "Cabinet", "Prime", "Presidential", "Supreme", "Constitutional", "Armed", "Military",
    "Energy", "Economy", "Economic", "Agriculture", "Transport", "Culture", "Education", "Environment",
})


def _split_state_prefix(ents: list[Span]) -> list[Span]:
    """"US State Department", "Chinese Foreign Ministry": the state and the body it owns.

    Only when what follows the country is itself an organization name (it ends in a head
    noun), so "British Airways" or "American Express" stay whole; after a demonym, only when it
    is an organ of government, so "British National Party" stays whole.
    """
    heads = org_heads()
    out: list[Span] = []
    for e in ents:
        if e.label_ == "ORG" and len(e) >= 2 and e[-1].text in heads:
            doc = e.doc
            k = e.start + (e[0].lower_ == "the")
            for n in (3, 2, 1):
                if k + n >= e.end:
                    continue
                head = doc[k:k + n]
                code = gazetteer.country_code(head.text)
                dem = None if code else gazetteer.demonym_code(head.text)
                if dem and doc[k + n].text not in _GOVERNMENT_WORDS:
                    continue  # "British National Party", "Indian National Congress": a name
                if (code or dem) and head.text not in gazetteer.ambiguous_names() and e.end > k + n:
                    label = "GPE" if code else "NORP"
                    out.append(Span(doc, k, k + n, label=label))
                    out.append(Span(doc, k + n, e.end, label="ORG"))
                    break
            else:
                out.append(e)
            continue
        out.append(e)
    return out


def _subdivisions(ents: list[Span]) -> list[Span]:
    """"Atlanta, Georgia": a country name right after a city of another country is a
    subdivision of that country (the US state), not the country."""
    out: list[Span] = []
    prev: Span | None = None
    for e in ents:
        kind, code = entity_kind(e)
        if kind == "state" and prev is not None and e.start >= 2 and prev.end == e.start - 1 \
                and e.doc[e.start - 1].text == ",":
            pkind, pcode = entity_kind(prev)
            if pkind == "place" and pcode and pcode != code:
                e = Span(e.doc, e.start, e.end, label="GPE", span_id=f"place:{pcode}")
        out.append(e)
        prev = e
    return out


def _capital_metonymy(ents: list[Span]) -> list[Span]:
    """"Beijing said", "Washington has warned": a capital that speaks or decides is its state.

    Only as the subject of a speech or decision verb; "talks in Beijing" stay a place.
    """
    verbs = _speech_verbs()
    # "said Mr Wellington": a capital's name that is somebody's name in this article is not
    # the capital.
    person_words = {t.text for e in ents if e.label_ == "PERSON" for t in e}
    out: list[Span] = []
    for e in ents:
        kind, _ = entity_kind(e)
        code = gazetteer.capital_code(e.text) if kind == "place" else None
        if code and e.start > 0 and e.doc[e.start - 1].lower_.rstrip(".") in {"mr", "mrs", "ms", "dr"}:
            code = None
        if code and not any(t.text in person_words for t in e):
            root = e.root
            if root.dep_ == "conj" and root.head.dep_ in {"nsubj", "nsubjpass"}:
                root = root.head  # "Washington and Berlin blocked": each conjunct is a subject
            if root.dep_ in {"nsubj", "nsubjpass"} and root.head.lemma_.lower() in verbs:
                e = Span(e.doc, e.start, e.end, label="GPE", span_id=f"state:{code}")
        out.append(e)
    return out


# Lower-case particles inside personal names: "Ursula von der Leyen", "Rogelio Ramírez de la O".
_NAME_PARTICLES = frozenset({"von", "van", "der", "den", "de", "del", "della", "la", "le", "da", "dos", "du", "bin",
                             "al", "el", "ter"})


def _name_particles(ents: list[Span]) -> list[Span]:
    """A person's name the model cut after a particle ("Ursula von der" + "Leyen") goes on through
    the capitalized words that follow: a particle never ends a name."""
    out: list[Span] = []
    skip_until = -1
    for e in ents:
        if e.start < skip_until:
            continue
        if e.label_ == "PERSON" and e[-1].lower_ in _NAME_PARTICLES and e[-1].is_lower:
            doc = e.doc
            j = e.end
            while j < len(doc) and doc[j].is_alpha and doc[j].text[:1].isupper():
                j += 1
            if j > e.end:
                e = Span(doc, e.start, j, label="PERSON")
                skip_until = j
        out.append(e)
    return out


def _first_conjunct(tok: Token) -> Token:
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _coordinated_with_state(doc: Doc, start: int, end: int, state_at: dict[int, str]) -> bool:
    """Whether tokens [start, end) are a conjunct of a list that has a state in it ("Ghana, Togo
    and Cameroon", "Washington and Israel"), by the parse: a list is a chain of ``conj`` arcs,
    so "Baghdad in Iraq, Kabul in Afghanistan" is no list of Kabul with Iraq."""
    root = doc[start:end].root
    if root.dep_ != "conj" and not any(c.dep_ == "conj" for c in root.children):
        return False
    if end + 1 < len(doc) and doc[end].lower_ in {"in", ","} and end + 1 in state_at:
        return False  # "Kabul in Afghanistan": a city being located, not a list member
    first = _first_conjunct(root)
    return any(_first_conjunct(doc[i]) == first and not start <= i < end for i in state_at
               if doc[i].dep_ == "conj" or doc[i] == first)


def _coordination(ents: list[Span]) -> list[Span]:
    """Members of a list share its class: a capital or a country name that is also a word
    ("Togo", "Chad", left to the model) listed with states is a state."""
    if not ents:
        return ents
    doc = ents[0].doc
    state_at: dict[int, str] = {}
    for e in ents:
        kind, code = entity_kind(e)
        if kind == "state" and code:
            state_at[e.start] = code
            state_at[e.end - 1] = code
    if not state_at:
        return ents
    taken = {i for e in ents for i in range(e.start, e.end)}
    out: list[Span] = []
    for e in ents:
        kind, _ = entity_kind(e)
        cap = gazetteer.capital_code(e.text) if kind == "place" else None
        if cap is None and e.label_ in {"PERSON", "ORG"} and len(e) == 1:
            cap = gazetteer.country_code(e.text)  # "Ghana, Togo and Cameroon" with Togo tagged PERSON
        if cap and _coordinated_with_state(doc, e.start, e.end, state_at):
            e = Span(doc, e.start, e.end, label="GPE", span_id=f"state:{cap}")
        out.append(e)
    ambiguous = gazetteer.ambiguous_names()
    for t in doc:
        if t.i in taken or t.text not in ambiguous or not t.is_title:
            continue
        code = gazetteer.country_code(t.text)
        if code and _coordinated_with_state(doc, t.i, t.i + 1, state_at):
            out.append(Span(doc, t.i, t.i + 1, label="GPE", span_id=f"state:{code}"))
    return sorted(out, key=lambda e: e.start)


def _subdivision_names(ents: list[Span]) -> list[Span]:
    """"a plant in Georgia" in a story about the US is the US state: a country name that is also
    a subdivision of another named country is the country only with evidence for it (its demonym
    or capital, or being listed with other states)."""
    names = gazetteer.subdivision_names()
    if not ents or not names:
        return ents
    doc = ents[0].doc
    state_at: dict[int, str] = {}
    named: set[str] = set()
    for e in ents:
        kind, code = entity_kind(e)
        if kind in {"state", "demonym"} and code and e.text not in names:
            named.add(code)
        if kind == "state" and code:
            state_at[e.start] = state_at[e.end - 1] = code
    evidence: set[str] = set()
    for e in ents:
        kind, code = entity_kind(e)
        if kind == "demonym" and code:
            evidence.add(code)
        if kind in {"place", "state"} and gazetteer.capital_code(e.text):
            evidence.add(gazetteer.capital_code(e.text) or "")
        if kind == "state" and e.text in names and _coordinated_with_state(doc, e.start, e.end, state_at):
            evidence.add(code or "")
    out: list[Span] = []
    for e in ents:
        kind, code = entity_kind(e)
        parent = names.get(e.text)
        if kind == "state" and parent and parent in named and code not in evidence:
            e = Span(doc, e.start, e.end, label="GPE", span_id=f"place:{parent}")
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
    ents = _split_state_prefix(_split_titles(sorted(ents, key=lambda e: e.start)))
    ents = _name_particles(_surname_mentions(doc, _surnames_as_people(ents)))
    classified = [c for c in (classify(e) for e in ents) if c is not None]
    classified = filter_spans(classified)
    doc.ents = _subdivision_names(_coordination(_capital_metonymy(_subdivisions(classified))))
    return doc

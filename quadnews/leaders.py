"""Leaders (people with a political title) and other people named in an article.

Rules of news English, each tested in ``tests/test_leaders.py``:

- a title before a name makes a leader: "Prime Minister Fumio Kishida", "PM Modi";
- the state comes from the title's context: a demonym or country before it ("Japanese Prime
  Minister", "US President", "India's PM"), "of COUNTRY" after it ("Prime Minister of Japan
  Fumio Kishida"), or an appositive after the name ("Fumio Kishida, Japan's prime minister");
- later mentions by surname ("Kishida", "Mr Kishida") are the same person;
- a title without a name ("the President of the United States") is a mention of the leader
  the article names with that title and state, when it names exactly one;
- "shadow" titles belong to the opposition: those people are not leaders of a state;
- a title with no state in its context takes the state from, in order: the knowledge base of
  recent office holders (``data/leaders.json``: "President Joe Biden" -> US), a title only one
  state uses ("Taoiseach", "Chancellor of the Exchequer"), a role mention naming a state, and
  last the state the article is mostly about;
- a person named without a title who held a national office on the reference date (by the
  knowledge base) is a leader with that office: readers know who "Joe Biden" was in 2022;
- a person with no title anywhere in the article goes to ``people``.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from quadnews import gazetteer
from quadnews.entities import entity_kind
from quadnews.models import Leader, Person

_NAME_PUNCT = {"'s", "’s", "'", "’"}


@cache
def _titles() -> dict:
    return json.loads(resources.files("quadnews.data").joinpath("titles.json").read_text(encoding="utf-8"))


@cache
def title_index() -> dict[tuple[str, ...], tuple[str, str]]:
    """Lower-cased title token sequence -> (canonical title, scope)."""
    return {tuple(k.replace("-", " - ").split()): (v[0], v[1]) for k, v in _titles()["titles"].items()}


@cache
def _implied_states() -> dict[str, tuple[str, ...]]:
    """Canonical title -> the states that use it, the usual one first ("Taoiseach" -> IE;
    "Foreign Secretary" -> GB, then IN, PK, ... whose top diplomats have that title too)."""
    out: dict[str, tuple[str, ...]] = {}
    for v in _titles()["titles"].values():
        if len(v) > 2:
            out[v[0]] = tuple(v[2]) if isinstance(v[2], list) else (v[2],)
    return out


@cache
def honorifics() -> frozenset[str]:
    return frozenset(_titles()["honorifics"])


@dataclass(frozen=True, slots=True)
class Office:
    title: str
    start: date
    end: date | None  # None: still in office


@dataclass(frozen=True, slots=True)
class KnownLeader:
    name: str
    state: str
    offices: tuple[Office, ...]

    def office_on(self, day: date | None) -> Office | None:
        """The office held on ``day`` (the latest one when the day is unknown)."""
        if day is None:
            return self.offices[-1] if self.offices else None
        held = [o for o in self.offices if o.start <= day and (o.end is None or day < o.end)]
        return held[-1] if held else None


def _parse_day(text: str | None) -> date | None:
    if not text:
        return None
    parts = [int(p) for p in text.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


@cache
def known_leaders() -> dict[str, tuple[KnownLeader, ...]]:
    """Lower-cased name or alias -> the office holders known by it (``data/leaders.json``)."""
    raw = json.loads(resources.files("quadnews.data").joinpath("leaders.json").read_text(encoding="utf-8"))
    index: dict[str, list[KnownLeader]] = {}
    for entry in raw["leaders"]:
        offices = tuple(sorted((Office(t, _parse_day(a) or date.min, _parse_day(b)) for t, a, b in entry["offices"]),
                               key=lambda o: o.start))
        kl = KnownLeader(entry["name"], entry["state"], offices)
        for alias in {entry["name"], *entry.get("aliases", [])}:
            index.setdefault(alias.lower(), []).append(kl)
    return {k: tuple(v) for k, v in index.items()}


def lookup_leader(name: str, title: str | None = None) -> KnownLeader | None:
    """The office holder ``name`` refers to, when exactly one fits.

    A full name must match a known name or alias; a surname alone ("Kishida") matches only
    with a title that person held ("Prime Minister Kishida"), since surnames are shared.
    """
    low = name.lower()
    hits = list(known_leaders().get(low, ()))
    if not hits and " " not in low and title is not None:
        hits = [kl for key, kls in known_leaders().items() if key.endswith(" " + low)
                for kl in kls if any(o.title == title for o in kl.offices)]
        hits = list({kl.name: kl for kl in hits}.values())
    if title is not None and len(hits) > 1:
        hits = [kl for kl in hits if any(o.title == title for o in kl.offices)] or hits
    return hits[0] if len(hits) == 1 else None


@cache
def _max_title_len() -> int:
    return max(len(k) for k in title_index())


def _lower_tokens(doc: Doc, start: int, end: int) -> tuple[str, ...]:
    return tuple(t.lower_ for t in doc[start:end])


@dataclass
class TitleMatch:
    title: str
    scope: str
    start: int  # token span of the title words
    end: int


@cache
def _title_edges() -> tuple[frozenset[str], frozenset[str]]:
    """First and last words of every title: most tokens start or end none, and need no lookup."""
    keys = title_index()
    return frozenset(k[0] for k in keys), frozenset(k[-1] for k in keys)


def title_ending_at(doc: Doc, end: int) -> TitleMatch | None:
    """The longest title whose last token is ``end - 1``."""
    if end < 1 or doc[end - 1].lower_ not in _title_edges()[1]:
        return None
    index = title_index()
    for n in range(min(_max_title_len(), end), 0, -1):
        key = _lower_tokens(doc, end - n, end)
        if key in index:
            title, scope = index[key]
            return TitleMatch(title, scope, end - n, end)
    return None


def title_starting_at(doc: Doc, start: int) -> TitleMatch | None:
    if start >= len(doc) or doc[start].lower_ not in _title_edges()[0]:
        return None
    index = title_index()
    for n in range(min(_max_title_len(), len(doc) - start), 0, -1):
        key = _lower_tokens(doc, start, start + n)
        if key in index:
            title, scope = index[key]
            return TitleMatch(title, scope, start, start + n)
    return None


def _ent_at(doc: Doc) -> dict[int, Span]:
    at: dict[int, Span] = {}
    for e in doc.ents:
        for i in range(e.start, e.end):
            at[i] = e
    return at


def _state_code(span: Span | None) -> str | None:
    if span is None:
        return None
    kind, code = entity_kind(span)
    return code if kind in {"state", "demonym"} else None


def state_before(doc: Doc, i: int, ents: dict[int, Span]) -> str | None:
    """A state named just before token ``i``: "Japanese", "US", "India's", "the U.S."."""
    j = i - 1
    while j >= 0 and doc[j].lower_ in set(_titles()["modifiers"]):
        j -= 1
    if j >= 0 and doc[j].text in _NAME_PUNCT:
        j -= 1
    return _state_code(ents.get(j)) if j >= 0 else None


def _is_shadow(doc: Doc, i: int) -> bool:
    """"shadow chancellor George Osborne": an opposition spokesman, not an office holder."""
    j = i - 1
    while j >= 0 and doc[j].lower_ in set(_titles()["modifiers"]):
        j -= 1
    return j >= 0 and doc[j].lower_ == "shadow"


def state_after_of(doc: Doc, i: int, ents: dict[int, Span]) -> tuple[str | None, int]:
    """"of Japan" / "of the United States" starting at token ``i``: (code, index after)."""
    if i < len(doc) and doc[i].lower_ == "of":
        j = i + 1
        if j < len(doc) and doc[j].lower_ == "the" and j not in ents:
            j += 1
        e = ents.get(j)
        code = _state_code(e)
        if code and e is not None:
            return code, e.end
    return None, i


def _strip_name(span: Span) -> str:
    toks = [t for t in span if t.text not in _NAME_PUNCT]
    while toks and (toks[-1].is_punct):
        toks.pop()
    return " ".join(t.text for t in toks).replace(" - ", "-").replace(" .", ".")


# Words before a lower-case title that make "TITLE, NAME" an apposition ("Chile's foreign minister,
# Alberto van Klaveren, said"; "the European Council president, Charles Michel,"), unlike a clause
# boundary ("If he became king, Charles would ...").
_APPOSITION_DETERMINERS = frozenset({"the", "its", "his", "her", "their", "'s", "’s"})


def _apposition_before(doc: Doc, start: int, ents: dict[int, Span]) -> bool:
    j = start - 1
    while j >= 0 and doc[j].lower_ in set(_titles()["modifiers"]):
        j -= 1
    if j < 0:
        return False
    if doc[j].lower_ in _APPOSITION_DETERMINERS:
        return True
    e = ents.get(j)
    # "Chinese foreign minister, Wang Yi," / "the IMF managing director, X,"
    return e is not None and e.end == j + 1 and (_state_code(e) is not None or e.label_ == "ORG")


def _capitalized_name_after(doc: Doc, i: int, ents: dict[int, Span], title_start: int | None = None) -> Span | None:
    """A name right after a title: a PERSON entity, or a run of capitalized proper nouns."""
    if i < len(doc) and doc[i].text == "," and doc[i - 1].is_title:
        # "the President of the United States, Joe Biden," but not "If he became king, Charles"
        i += 1
    elif i + 1 < len(doc) and doc[i].text == "," and title_start is not None \
            and _apposition_before(doc, title_start, ents):
        e = ents.get(i + 1)
        if e is None or e.start != i + 1 or not _name_like(e):
            return None
        return e
    while i < len(doc) - 1 and _is_honorific(doc[i]) and doc[i + 1].is_title:
        i += 1  # "Lord Chancellor Lord Falconer"
    e = ents.get(i)
    if e is not None and e.start == i and e.label_ == "PERSON":
        return e
    if e is not None and e.start == i and len(e) <= 3 and entity_kind(e) in {("place", None), ("org", None)} \
            and all(t.is_title and t.pos_ == "PROPN" for t in e) and e[-1].text not in _org_heads():
        # The model sometimes takes an unfamiliar name for a place: "President Xi"
        return e
    if e is not None:
        return None
    j = i
    while j < len(doc) and doc[j].is_title and doc[j].is_alpha and (doc[j].pos_ in {"PROPN", ""} or not doc.has_annotation("TAG")) \
            and j not in ents and title_starting_at(doc, j) is None:
        j += 1
    # "King Cross station": a name that goes on as a common noun is a place's name
    if j > i and not doc[i].is_sent_start and not (j < len(doc) and doc[j].pos_ == "NOUN"):
        return doc[i:j]
    return None


@dataclass
class _Mention:
    name: str
    title: str | None
    state: str | None
    scope: str | None
    aliases: list[str] = field(default_factory=list)


def _is_honorific(tok: Token) -> bool:
    return tok.lower_ in honorifics()


@cache
def _org_heads() -> frozenset[str]:
    from quadnews.entities import org_heads

    return org_heads()


# Titles of people posted abroad: "Ambassador to China" names the host, not the envoy's state.
_POSTED_TITLES = frozenset({"Ambassador", "Envoy", "Special Envoy"})


def _posted_to(doc: Doc, i: int, ents: dict[int, Span]) -> int:
    """Index after "to China" / "to the United States" following an envoy's title, else ``i``."""
    if i < len(doc) and doc[i].lower_ == "to":
        j = i + 1
        if j < len(doc) and doc[j].lower_ == "the" and j not in ents:
            j += 1
        e = ents.get(j)
        if e is not None and e.start == j and not _state_code(e):
            # "Ambassador to China Hideo Tarumi" tagged as one ORG: the country, then the name
            for n in (3, 2, 1):
                if j + n < e.end and gazetteer.country_code(doc[j:j + n].text):
                    return j + n
        if e is not None and e.start == j and (_state_code(e) or entity_kind(e)[0] in {"place", "org"}):
            return e.end
    return i


def _name_like(e: Span) -> bool:
    """A PERSON entity, or a short run of capitalized words the model took for an organization
    ("Elena Quispe" tagged ORG) that has no organization head noun, in a slot only a person fills."""
    if e.label_ == "PERSON":
        return True
    return e.label_ == "ORG" and 2 <= len(e) <= 4 and all(t.is_title and t.is_alpha for t in e) \
        and e[-1].text not in _org_heads() and not gazetteer.is_intergovernmental(e.text) \
        and not any(gazetteer.country_code(t.text) or gazetteer.demonym_code(t.text) for t in e)


def _body(e: Span | None) -> bool:
    return e is not None and e.label_ == "ORG" and gazetteer.is_intergovernmental(e.text)


def _office_of_body(doc: Doc, tm: TitleMatch, ents: dict[int, Span]) -> tuple[TitleMatch | None, int]:
    """"IMF Managing Director", "the European Council president", "chairperson of the African
    Union Commission": the office belongs to an international body, so its holder has no state.
    A 'body' title ("managing director", "chair") is a leader's title only in that context; a
    state title keeps its reading elsewhere. Returns the title (None when it is no title here)
    and the index after "of the BODY"."""
    j = tm.start - 1
    while j >= 0 and doc[j].lower_ in set(_titles()["modifiers"]):
        j -= 1
    if j >= 0 and doc[j].text in _NAME_PUNCT:
        j -= 1
    if j >= 0 and _body(ents.get(j)):
        return TitleMatch(tm.title, "org", tm.start, tm.end), tm.end
    k = tm.end
    if k + 1 < len(doc) and doc[k].lower_ == "of":
        e = ents.get(k + 1) or ents.get(k + 2)
        if e is not None and e.start in {k + 1, k + 2} and _body(e):
            return TitleMatch(tm.title, "org", tm.start, tm.end), e.end
    return (None if tm.scope == "body" else tm), tm.end


# Verbs of taking, holding or leaving an office: "takes over as", "stays on as", "quit as"
# ("said as home secretary he ..." is about someone else).
_OFFICE_VERBS = frozenset({"serve", "take", "stay", "remain", "continue", "name", "appoint", "swear", "elect",
                           "install", "return", "quit", "resign", "step", "succeed", "replace", "nominate",
                           "reappoint", "retain", "keep", "act"})


_HYPOTHETICAL = frozenset({"would", "could", "may", "might", "should", "must", "can"})


def find_titled_names(doc: Doc) -> list[tuple[Span, TitleMatch, str | None]]:
    """(name span, title, state code) for each "TITLE NAME" and "NAME, ... TITLE" in the doc."""
    ents = _ent_at(doc)
    found: list[tuple[Span, TitleMatch, str | None]] = []
    seen: set[int] = set()
    i = 0
    while i < len(doc):
        tm = title_starting_at(doc, i)
        if tm is None:
            i += 1
            continue
        # Only the longest title from here: "Prime Minister" not "Minister".
        body_tm, after_body = _office_of_body(doc, tm, ents)
        if body_tm is None:
            i = tm.end
            continue
        tm = body_tm
        state = state_before(doc, tm.start, ents)
        of_state, after = state_after_of(doc, tm.end, ents)
        if of_state is None and tm.title in _POSTED_TITLES:
            after = _posted_to(doc, tm.end, ents)
        after = max(after, after_body)
        name = _capitalized_name_after(doc, after, ents, tm.start)
        inside = ents.get(after)
        if name is None and inside is not None and inside.start < after and tm.title in _POSTED_TITLES \
                and all(t.is_title for t in doc[after:inside.end]):
            name = doc[after:inside.end]
        if name is not None and name.start not in seen:
            seen.add(name.start)
            if not _is_shadow(doc, tm.start):
                # "President Emmanuel Macron of France"
                after_name, _ = state_after_of(doc, name.end, ents)
                found.append((name, tm, state or of_state or after_name))
        i = tm.end
    # Appointments: "John Steenhuisen becomes Minister of Agriculture", "Paul Mashatile stays on
    # as deputy president": the subject of "become" or of a verb with "as TITLE" holds the title.
    for e in doc.ents:
        if not _name_like(e) or e.start in seen or e.root.dep_ not in {"nsubj", "nsubjpass"}:
            continue
        verb = e.root.head
        if any(c.dep_ == "mark" and c.lower_ != "that" or c.dep_ == "aux" and c.lower_ in _HYPOTHETICAL
               for c in verb.children):
            continue  # "after Charles becomes king", "she could become minister": not (yet) in office
        starts = [c.i + 1 for c in verb.children if c.lower_ == "as" and c.i >= e.end
                  and verb.lemma_.lower() in _OFFICE_VERBS]
        if verb.lemma_ == "become" and verb.i >= e.end:
            starts.append(verb.i + 1)
        for j in starts:
            while j < len(doc) and (doc[j].lower_ in {"the", "a", "its", "his", "her"}
                                    or doc[j].lower_ in set(_titles()["modifiers"]) and not title_starting_at(doc, j)):
                j += 1
            st = _state_code(ents.get(j))
            if st and ents.get(j) is not None:
                j = ents[j].end + (ents[j].end < len(doc) and doc[ents[j].end].text in _NAME_PUNCT)
            tm = title_starting_at(doc, j) if j < len(doc) else None
            if tm is not None:
                tm = _office_of_body(doc, tm, ents)[0]
            if tm is not None:
                of_state, _ = state_after_of(doc, tm.end, ents)
                found.append((e, tm, st or of_state))
                seen.add(e.start)
                break
    # Appositives: "Fumio Kishida, Japan's prime minister" / "Kishida, the prime minister of Japan"
    for e in doc.ents:
        if not _name_like(e) or e.start in seen:
            continue
        j = e.end
        if j < len(doc) and doc[j].text == ",":
            j += 1
            if j < len(doc) and doc[j].lower_ in {"the", "a"}:
                j += 1
            st = None
            ent = ents.get(j)
            if _state_code(ent) and ent is not None:
                st = _state_code(ent)
                j = ent.end
                if j < len(doc) and doc[j].text in _NAME_PUNCT:
                    j += 1
            while j < len(doc) and doc[j].lower_ in set(_titles()["modifiers"]):
                j += 1
            tm = title_starting_at(doc, j)
            if tm is not None and tm.end < len(doc) and doc[tm.end].text in _NAME_PUNCT:
                tm = None  # "the Kantei, the prime minister's office": the title only qualifies
            if tm is None and _body(ent) and ent is not None:
                # "Ursula von der Leyen, the European Commission president"
                tm = title_starting_at(doc, ent.end)
            if tm is not None:
                tm = _office_of_body(doc, tm, ents)[0]
            if tm is not None and not _is_shadow(doc, tm.start):
                of_state, _ = state_after_of(doc, tm.end, ents)
                found.append((e, tm, st or of_state))
                seen.add(e.start)
    return found


def _after_name(doc: Doc, i: int, ents: dict[int, Span]) -> bool:
    """"Fumio Kishida, Japan's prime minister": the role is an appositive of the name just
    before it, the same mention, not another one."""
    j = i - 1
    while j >= 0 and (doc[j].lower_ in {"the", "a", "'s", "’s"} or doc[j].lower_ in set(_titles()["modifiers"])
                      or _state_code(ents.get(j)) is not None):
        j -= 1
    if j < 1 or doc[j].text != ",":
        return False
    e = ents.get(j - 1)
    return e is not None and e.label_ == "PERSON"


def role_mentions(doc: Doc) -> list[tuple[TitleMatch, list[str], Span]]:
    """Titles without a name: "the President of the United States", "the Prime Ministers of
    Australia, India, and Japan", "Japan's prime minister" -> (title, state codes, span)."""
    ents = _ent_at(doc)
    out = []
    index = title_index()
    i = 0
    while i < len(doc):
        tm = title_starting_at(doc, i)
        plural = False
        low = doc[i].lower_
        if tm is None and low.endswith("s") and (low in _title_edges()[0] or low[:-1] in _title_edges()[0]):
            # plural titles: "Prime Ministers", "Presidents"
            for n in range(min(_max_title_len(), len(doc) - i), 0, -1):
                key = _lower_tokens(doc, i, i + n)
                key = key[:-1] + (key[-1][:-1],)
                if key in index and doc[i + n - 1].lower_.endswith("s"):
                    tm = TitleMatch(index[key][0], index[key][1], i, i + n)
                    plural = True
                    break
        if tm is None:
            i += 1
            continue
        codes: list[str] = []
        before = state_before(doc, tm.start, ents)
        if before:
            codes.append(before)
        j = tm.end
        if j < len(doc) and doc[j].lower_ == "of":
            j += 1
            while j < len(doc):
                if doc[j].lower_ in {"the", ",", "and", "as", "well"} and j not in ents:
                    j += 1
                    continue
                code = _state_code(ents.get(j))
                if not code:
                    break
                codes.append(code)
                j = ents[j].end
                if not plural:
                    break
        if codes and _capitalized_name_after(doc, j, ents, tm.start) is None \
                and not _after_name(doc, tm.start, ents):
            out.append((tm, codes, doc[tm.start:j]))
        i = max(j, tm.end)
    return out


def _without_honorific(name: str) -> str:
    """"Mr Kishida" -> "Kishida", "Sir Keir Starmer" -> "Keir Starmer"."""
    words = name.split()
    while len(words) > 1 and words[0].lower() in honorifics():
        words = words[1:]
    return " ".join(words)


def _dominant_state(doc: Doc) -> str | None:
    """The state an article is mostly about: clearly the most mentioned one."""
    counts: Counter[str] = Counter()
    for e in doc.ents:
        code = _state_code(e)
        if code:
            counts[code] += 1
    top = counts.most_common(2)
    if not top or top[0][1] < 2:
        return None
    if len(top) > 1 and top[0][1] < 2 * top[1][1]:
        return None
    return top[0][0]


def _is_state_title(title: str | None) -> bool:
    return title is not None and title_index().get(tuple(title.lower().replace("-", " - ").split()),
                                                   ("", "state"))[1] == "state"


def collect_people(doc: Doc) -> tuple[list[Leader], list[Person]]:
    reference: date | None = doc._.qn_reference if doc.has_extension("qn_reference") else None
    leaders: dict[str, Leader] = {}
    body_offices: set[int] = set()  # id() of leaders whose office belongs to an international body
    titled = find_titled_names(doc)
    for span, tm, state in titled:
        name = _without_honorific(_strip_name(span))
        if not name or gazetteer.country_code(name) or gazetteer.demonym_code(name):
            continue
        key = name.lower()
        lead = leaders.get(key)
        if lead is None:
            # A surname after a title ("PM Kishida") joins the full name already seen.
            lead = next((ld for ld in leaders.values() if ld.name.lower().endswith(" " + key)), None)
        if lead is None:
            # A full name after its surname was seen with a title: the full name is the entry.
            short = next((k for k in leaders if key.endswith(" " + k)), None)
            if short is not None:
                lead = leaders.pop(short)
                lead.name = name
                leaders[key] = lead
        if lead is None:
            lead = leaders[key] = Leader(name=name, title=tm.title, state=state if tm.scope == "state" else None)
            if tm.scope != "state":
                body_offices.add(id(lead))
        if lead.state is None and state and tm.scope == "state":
            lead.state = state
        if name not in lead.aliases:
            lead.aliases.append(name)
    # "PM Modi" with no full name in the article: the office holder the title names.
    for key, lead in list(leaders.items()):
        if " " not in lead.name:
            kl = lookup_leader(lead.name, lead.title)
            if kl is not None and kl.name.lower().split()[-1] == key and (lead.state in {None, kl.state}):
                del leaders[key]
                lead.name = kl.name
                leaders.setdefault(kl.name.lower(), lead)
    people: dict[str, Person] = {}
    for ent in doc.ents:
        if ent.label_ != "PERSON" and not _known_full_name(ent):
            continue
        name = _without_honorific(_strip_name(ent))
        if not name or gazetteer.country_code(name) or gazetteer.demonym_code(name):
            continue
        target = _match_leader(name, leaders)
        if target is not None:
            target.mentions += 1
            if name not in target.aliases:
                target.aliases.append(name)
            continue
        key = name.lower()
        p = people.get(key) or next((p for p in people.values() if p.name.lower().endswith(" " + key)), None)
        if p is None:
            short = next((k for k in people if key.endswith(" " + k)), None)
            if short is not None:
                p = people.pop(short)
                p.name = name
            else:
                p = Person(name=name)
            people[key] = p
        p.mentions += 1
        if name not in p.aliases:
            p.aliases.append(name)
    # Titled names the model did not tag as PERSON ("PM Modi") still count once.
    for lead in leaders.values():
        lead.mentions = max(lead.mentions, 1)
    # A person named without a title who held a national office on the reference date.
    for key, p in list(people.items()):
        if " " not in p.name:
            continue
        kl = lookup_leader(p.name)
        office = kl.office_on(reference) if kl is not None and reference is not None else None
        if kl is not None and office is not None:
            del people[key]
            leaders[key] = Leader(name=p.name, title=office.title, state=kl.state, mentions=p.mentions,
                                  aliases=list(p.aliases))
    roles = role_mentions(doc)
    for tm, codes, span in roles:
        for code in codes:
            hits = [ld for ld in leaders.values() if ld.title == tm.title and ld.state == code]
            if len(hits) == 1:
                hits[0].mentions += 1
                alias = span.text
                if alias.lower().startswith("the "):
                    alias = alias[4:]
                if len(codes) == 1 and alias[:1].isupper() and alias not in hits[0].aliases:
                    hits[0].aliases.append(alias)
    _fill_states(doc, leaders, roles, body_offices)
    _merge_known(leaders)
    for v in list(leaders.values()) + list(people.values()):
        v.aliases.sort()
    return (sorted(leaders.values(), key=lambda ld: ld.name.lower()),
            sorted(people.values(), key=lambda p: p.name.lower()))


def _fill_states(doc: Doc, leaders: dict[str, Leader],
                 roles: list[tuple[TitleMatch, list[str], Span]], body_offices: set[int]) -> None:
    """The state of leaders whose title had no state in its context."""
    dominant: str | None = None
    dominant_done = False
    for lead in leaders.values():
        if lead.state is not None or not _is_state_title(lead.title) or id(lead) in body_offices:
            continue
        kl = next((k for k in (lookup_leader(a, lead.title) for a in [lead.name, *lead.aliases]) if k), None)
        if kl is not None:
            lead.state = kl.state
            continue
        implied = _implied_states().get(lead.title or "")
        if implied:
            lead.state = _pick_implied(doc, implied)
            continue
        cands = {c for tm, codes, _ in roles if tm.title == lead.title for c in codes}
        same = [ld for ld in leaders.values() if ld.title == lead.title]
        if len(cands) == 1 and len(same) == 1:
            lead.state = cands.pop()
            continue
        near = _state_before_in_sentence(doc, lead)
        if near is not None:
            lead.state = near
            continue
        if not dominant_done:
            dominant, dominant_done = _dominant_state(doc) or dateline_state(doc), True
        lead.state = dominant


def _pick_implied(doc: Doc, states: tuple[str, ...]) -> str:
    """The state of a title several states use ("Foreign Secretary": GB, IN, PK, ...): the usual
    one, unless the article names only other states among them (an Indian story's "Foreign
    Secretary Vinay Kwatra")."""
    if len(states) == 1:
        return states[0]
    counts: Counter[str] = Counter(c for e in doc.ents if (c := _state_code(e)) in states)
    if not counts or counts[states[0]]:
        return states[0]
    return counts.most_common(1)[0][0]


# "BUENOS AIRES, Argentina (AP) —", "NAIROBI, March 4 (Reuters) -", "PRETORIA - ": a dateline
# opens a line with the city in capitals.
_DATELINE = re.compile(r"^\s*([A-Z][A-Z.'’ -]{2,}?[A-Z.])\s*(?:,|\(|[-—–]{1,2}\s)")


def dateline_state(doc: Doc) -> str | None:
    """The state of a dateline's city. In a datelined story an unqualified national title
    ("Economy Minister Luis Caputo") is the local government's."""
    for line in doc.text.splitlines()[:12]:
        m = _DATELINE.match(line)
        if m is None or "/" in line[:m.end()]:
            continue  # "WASHINGTON/ISLAMABAD": two places, no single home state
        city = m.group(1).strip()
        code = gazetteer.country_code(city) or gazetteer.city_country(city)
        if code:
            return code
    return None


def _known_full_name(ent: Span) -> bool:
    """"Olaf Scholz and Giorgia Meloni" tagged ORG: a full name the knowledge base knows as an
    office holder is a person whatever label the model gave it."""
    text = _strip_name(ent)
    return ent.label_ in {"ORG", "NORP", "FAC"} and " " in text and text.lower() in known_leaders() \
        and not gazetteer.country_code(text)


def _merge_known(leaders: dict[str, Leader]) -> None:
    """"George Bush" and "George W Bush" are one person when the knowledge base says so."""
    seen: dict[str, Leader] = {}
    for key, lead in sorted(leaders.items(), key=lambda kv: -len(kv[1].name)):
        kl = lookup_leader(lead.name, lead.title)
        if kl is None:
            continue
        first = seen.setdefault(kl.name, lead)
        if first is not lead:
            first.mentions += lead.mentions
            for a in lead.aliases:
                if a not in first.aliases:
                    first.aliases.append(a)
            del leaders[key]


def _state_before_in_sentence(doc: Doc, lead: Leader) -> str | None:
    """"France ... in Ivory Coast after President Laurent Gbagbo broke ...": an office holder
    the knowledge base does not know belongs to the state the sentence last named before him."""
    names = {a.lower() for a in [lead.name, *lead.aliases]}
    for e in doc.ents:
        if e.label_ == "PERSON" and e.text.lower() in names:
            codes = [c for x in e.sent.ents if x.end <= e.start and (c := _state_code(x))]
            return codes[-1] if codes else None
    return None


def _match_leader(name: str, leaders: dict[str, Leader]) -> Leader | None:
    low = _without_honorific(name).lower()
    if low in leaders:
        return leaders[low]
    hits = [ld for ld in leaders.values() if ld.name.lower().endswith(" " + low) or low.endswith(" " + ld.name.lower())]
    return hits[0] if len(hits) == 1 else None

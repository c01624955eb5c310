"""From mentions to ``Event`` records: names, states, members of groups, summaries, and one
event for the same event mentioned twice; sets the states' roles."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from quadnews import gazetteer
from quadnews.entities import entity_kind
from quadnews.events.lexicon import cameo_code, lemma_of, lexicon
from quadnews.events.mentions import (
    _SUBJ,
    Mention,
    _ents_by_token,
    _modifies_named,
    _named_elsewhere,
    _qualifies_agent,
    find_mentions,
)
from quadnews.models import Event, EventDate, Extraction, State
from quadnews.timeline import article_timeline

# --- turning mentions into Event records --------------------------------------------------


def _group_members(doc: Doc) -> dict[str, list[str]]:
    """Organization (lower-cased name) -> member state codes, from "X includes A, B and C" and
    "X (A, B, C and D)"."""
    ents = _ents_by_token(doc)
    members: dict[str, list[str]] = {}
    verbs = set(lexicon()["membership_verbs"])
    for e in doc.ents:
        if entity_kind(e)[0] != "org" and e.label_ != "ORG":
            continue
        codes: list[str] = []
        head = e.root
        # "The QUAD group includes India, Australia, ..."
        subj = head if head.dep_ in _SUBJ else (head.head if head.head.dep_ in _SUBJ else None)
        if subj is not None and lemma_of(subj.head) in verbs:
            for t in subj.head.subtree:
                if t.i in ents and t.i not in range(e.start, e.end):
                    k, c = entity_kind(ents[t.i])
                    if k == "state" and c and c not in codes:
                        codes.append(c)
        # "the QUAD Senior Cyber Group (the United States, Australia, India, and Japan)"
        j = e.end
        if j < len(doc) and doc[j].text == "(":
            while j < len(doc) and doc[j].text != ")":
                if j in ents:
                    k, c = entity_kind(ents[j])
                    if k == "state" and c and c not in codes:
                        codes.append(c)
                j += 1
        if len(codes) >= 2:
            key = gazetteer.normalize_name(e.text).lower()
            for c in codes:
                if c not in members.setdefault(key, []):
                    members[key].append(c)
    # A named body of a group has the group's members: "QUAD" -> "QUAD Senior Cyber Group"
    org_names = {gazetteer.normalize_name(e.text).lower() for e in doc.ents if e.label_ == "ORG"}
    for key, codes in list(members.items()):
        first = key.split()[0]
        for name in org_names:
            if name != key and (name.startswith(key + " ") or (" " not in key and name.split()[0] == first)):
                for c in codes:
                    if c not in members.setdefault(name, []):
                        members[name].append(c)
        for name in org_names:
            if " " in key and key.startswith(name + " ") and name not in members:
                members[name] = list(codes)
    return members


@cache
def known_members() -> dict[str, list[str]]:
    data = json.loads(resources.files("quadnews.data").joinpath("groupings.json").read_text(encoding="utf-8"))
    return {k.lower(): v for k, v in data["groupings"].items()}


def _members_of(name: str, article_members: dict[str, list[str]], result: Extraction) -> list[str]:
    """Member states of an organization: as the article lists them, else as known."""
    low = name.lower()
    if low in article_members:
        return article_members[low]
    keys = [low]
    for o in result.organizations:
        if o.name.lower() == low:
            keys += [a.lower() for a in o.aliases]
    for k in keys:
        if k in known_members():
            return known_members()[k]
        first = k.split()[0] if k.split() else k
        # a body of a grouping: "Quad Senior Cyber Group", "G7 finance ministers"
        if first in known_members() and first != k:
            return known_members()[first]
    return []


def _name_of(e: Span, result: Extraction) -> tuple[str, str | None]:
    """(display name, state code) of a participant entity."""
    kind, code = entity_kind(e)
    text = gazetteer.normalize_name(e.text)
    if kind in {"state", "demonym"} and code:
        return gazetteer.country_name(code), code
    if e.label_ == "PERSON":
        low = text.lower()
        for ld in result.leaders:
            if low == ld.name.lower() or low in (a.lower() for a in ld.aliases) or ld.name.lower().endswith(" " + low):
                return ld.name, ld.state
        for p in result.people:
            if low == p.name.lower() or low in (a.lower() for a in p.aliases):
                return p.name, None
        return text, None
    low = text.lower()
    for o in result.organizations:
        if low == o.name.lower() or low in (a.lower() for a in o.aliases):
            return o.name, o.state
    return text, None


def _event_date(m: Mention) -> EventDate | None:
    if not m.dates:
        return None
    te = m.dates[0]
    return EventDate(te.text, te.value, te.mod, te.interval, te.start, te.end)


def _phrase(tok: Token) -> str:
    """A noun trigger with its adjectives: "virtual summit", "in-person summit conference"."""
    left = [c for c in tok.lefts if c.dep_ in {"amod", "compound"} and not c.ent_type_]
    start = min([tok.i] + [c.left_edge.i for c in left])
    return tok.doc[start:tok.i + 1].text


def _summary(m: Mention, agents: list[str], others: list[str], location: str | None,
             when: EventDate | None) -> str:
    def names(xs: list[str]) -> str:
        return ", ".join(xs[:3]) + (" and others" if len(xs) > 3 else "")

    if m.trigger.pos_ == "VERB":
        verb = ("to " + m.trigger.lemma_) if m.status == "planned" and m.trigger.tag_ in {"VB", "VBP"} else m.trigger.text
        what = " ".join(x for x in (verb, names(others)) if x)
    elif m.anchor is not m.trigger and m.anchor.i < m.trigger.i and m.trigger.dep_ != "pobj":
        what = f"{m.anchor.text} {_phrase(m.trigger)}"
    else:
        what = _phrase(m.trigger)
        if m.anchor is not m.trigger and m.anchor.i > m.trigger.i:
            # "the summit will take place": name the support verb's phrase after the noun
            rest = [m.anchor.text] + [c.text for c in m.anchor.rights
                                      if c.i == m.anchor.i + 1 and c.dep_ in {"prt", "dobj"}]
            what += " " + " ".join(rest)
    parts = [p for p in (names(agents or others if m.trigger.pos_ != "VERB" else agents), what) if p]
    if location and location not in others and location not in agents:
        parts.append(f"in {location}")
    # The date stays out of the summary: it is shown beside it, and a merged event may end up
    # with a more precise date than the one this mention gave.
    return " ".join(parts)


def _within(a: EventDate | None, b: EventDate | None) -> bool:
    """One date's interval lies inside the other's."""
    if a is None or b is None or a.interval is None or b.interval is None:
        return False
    x, y = a.interval, b.interval
    return (x.start <= y.start and y.end <= x.end) or (y.start <= x.start and x.end <= y.end)


def _overlaps(a: EventDate | None, b: EventDate | None) -> bool:
    if a is None or b is None:
        return True
    if a.value == b.value:
        return True
    if a.interval is None or b.interval is None:
        return False
    return a.interval.start <= b.interval.end and b.interval.start <= a.interval.end


def attach_events(doc: Doc, result: Extraction) -> None:
    """Fill ``result.events`` and ``result.timeline`` and set states' roles."""
    if not doc.has_annotation("DEP"):
        result.timeline = article_timeline(result)
        return
    members = _group_members(doc)
    ents = _ents_by_token(doc)
    events: list[Event] = []
    for m in find_mentions(doc):
        if not m.participants and m.location is None and not m.dates:
            continue  # a generic noun ("cyber threats"), or "the meeting" said again without news
        names: list[str] = []
        agents: list[str] = []
        others: list[str] = []
        codes: list[str] = []
        for e in m.participants:
            name, code = _name_of(e, result)
            if code and code not in codes:
                codes.append(code)
            if e.start in m.agents:
                # Members of a group take part when the group acts, not when it is talked about.
                for c in _members_of(name, members, result):
                    if c not in codes:
                        codes.append(c)
            if entity_kind(e)[0] == "demonym" and not _qualifies_agent(e, ents):
                codes = [c for c in codes if c != code or _named_elsewhere(code, m, ents)]
                continue  # "a French government plane" is a plane
            if entity_kind(e)[0] in {"state", "demonym"} and _modifies_named(e, ents):
                continue
            if name not in names:
                names.append(name)
                (agents if e.start in m.agents else others).append(name)
        loc_name = loc_country = None
        if m.location is not None:
            kind, code = entity_kind(m.location)
            loc_name = gazetteer.normalize_name(m.location.text)
            loc_country = code
            # The visited state, and the host of a meeting or signing, take part in it.
            if code and code not in codes and (
                    m.type == "visit"
                    or (m.type in {"meet", "agree"} and any(s.code == code for s in result.states))):
                codes.append(code)
        when = _event_date(m)
        sent = m.trigger.sent
        ev = Event(
            id="", type=m.type, cameo=cameo_code(m.type), trigger=m.trigger.text,
            summary=_summary(m, agents, others, loc_name, when), participants=names, states=sorted(codes),
            location=loc_name, location_country=loc_country, date=when, status=m.status,
            sentence=sent.text.strip(), start=sent.start_char, end=sent.end_char,
        )
        merged = False
        for prev in reversed(events):
            if prev.type != ev.type or prev.status != ev.status or not _overlaps(prev.date, ev.date):
                continue
            if _distinct_people(prev, ev, result):
                continue  # "Kishida met Zelenskyy", then "Zelenskyy also met Biden": two meetings
            shared = set(prev.participants) & set(ev.participants) or (prev.location and prev.location == ev.location)
            if not shared and prev.date is not None and ev.date is not None:
                # "The Quad Senior Cyber Group held talks on Tuesday" after "Officials from
                # Australia, India, ... met this week": the same states, on overlapping dates
                shared = bool(prev.states) and prev.states == ev.states and _within(prev.date, ev.date)
            anaphoric = not ev.participants or not prev.participants
            same_date = prev.date is not None and ev.date is not None and prev.date.value == ev.date.value
            # "the meeting" said again merges into the one before; a dated mention with no
            # participants ("The leaders last met in 2021") does not rewrite an undated one.
            if shared or (anaphoric and (same_date or ev.date is None)):
                _merge(prev, ev)
                merged = True
                break
        if not merged:
            events.append(ev)
    for k, ev in enumerate(events, start=1):
        ev.id = f"e{k}"
    result.events = events
    involved = {c for ev in events for c in ev.states}
    # "President Joe Biden will host ...": the leader's state takes part even where the article
    # never names it.
    known = {st.code for st in result.states}
    for code in sorted(involved - known):
        if any(ld.state == code and ld.name in ev.participants for ld in result.leaders for ev in events):
            result.states.append(State(code=code, name=gazetteer.country_name(code)))
    result.states.sort(key=lambda st: st.name)
    for st in result.states:
        st.role = "participant" if st.code in involved else "mentioned"
    result.timeline = article_timeline(result)


def _distinct_people(a: Event, b: Event, result: Extraction) -> bool:
    """Each event names a person the other does not: different meetings, not one said twice."""
    people = {ld.name for ld in result.leaders} | {p.name for p in result.people}
    pa, pb = set(a.participants) & people, set(b.participants) & people
    return bool(pa - pb) and bool(pb - pa)


def _merge(into: Event, other: Event) -> None:
    into.mentions += other.mentions
    for p in other.participants:
        if p not in into.participants:
            into.participants.append(p)
    into.states = sorted(set(into.states) | set(other.states))
    if into.location is None and other.location is not None:
        into.location, into.location_country = other.location, other.location_country
    if into.date is None and other.date is not None:
        # The mention that says when is the better evidence (a headline rarely does).
        into.date = other.date
        into.trigger, into.summary, into.sentence = other.trigger, other.summary, other.sentence
        into.start, into.end = other.start, other.end
    elif _narrower(other, into):
        into.date = other.date


def _narrower(one: Event, other: Event) -> bool:
    """True when ``one``'s date is more precise than ``other``'s, and inside it."""
    a, b = one.date, other.date
    if a is None or b is None or a.interval is None or b.interval is None:
        return False
    return (a.interval.end, a.interval.start) < (b.interval.end, b.interval.start) and a.interval.start >= b.interval.start

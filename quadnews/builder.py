"""Build the typed ``Extraction`` from a processed Doc: the only reader of ``doc._.*``."""

from __future__ import annotations

from collections import defaultdict

from spacy.tokens import Doc

from quadnews import gazetteer
from quadnews.article import Article
from quadnews.entities import entity_kind
from quadnews.models import Extraction, Organization, Place, State


def _add_alias(aliases: list[str], text: str) -> None:
    if text not in aliases:
        aliases.append(text)


def collect_states(doc: Doc) -> dict[str, State]:
    states: dict[str, State] = {}
    for ent in doc.ents:
        kind, code = entity_kind(ent)
        if kind not in {"state", "demonym"} or not code:
            continue
        st = states.setdefault(code, State(code=code, name=gazetteer.country_name(code)))
        st.mentions += 1
        _add_alias(st.aliases, gazetteer.normalize_name(ent.text))
    return states


def collect_places(doc: Doc) -> list[Place]:
    places: dict[str, Place] = {}
    for ent in doc.ents:
        kind, code = entity_kind(ent)
        if kind not in {"place", "region"}:
            continue
        name = gazetteer.normalize_name(ent.text)
        p = places.setdefault(name.lower(), Place(name=name, kind="region" if kind == "region" else "city",
                                                   country=code))
        p.mentions += 1
        if p.name.isupper() and not name.isupper():
            p.name = name  # "SYDNEY" in a dateline, "Sydney" in the story
        if p.country is None:
            p.country = code
    for p in places.values():
        if p.name.isupper() and len(p.name) > 3:
            p.name = p.name.title()
    return sorted(places.values(), key=lambda p: p.name)


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def collect_organizations(doc: Doc) -> list[Organization]:
    """ORG entities merged by name, acronyms tied to the long form they abbreviate."""
    by_key: dict[str, Organization] = {}
    surface: dict[str, list[str]] = defaultdict(list)
    # "Association of Southeast Asian Nations (ASEAN)": the bracketed form abbreviates the name
    # just before it, whatever its letters (initials miss "of" and syllable acronyms).
    defined: dict[str, str] = {}
    for ent in doc.ents:
        if ent.label_ != "ORG":
            continue
        j = ent.end
        if j + 2 < len(doc) and doc[j].text == "(" and doc[j + 2].text == ")" and doc[j + 1].is_upper \
                and len(doc[j + 1]) >= 2 and " " in ent.text.strip():
            defined[doc[j + 1].text] = gazetteer.normalize_name(ent.text).lower()
    for ent in doc.ents:
        if ent.label_ != "ORG":
            continue
        name = gazetteer.normalize_name(ent.text)
        key = name.lower()
        org = by_key.setdefault(key, Organization(name=name))
        org.mentions += 1
        surface[key].append(name)
        _add_alias(org.aliases, name)
        # Prefer the most frequent surface form as the name ("QUAD" vs "Quad")
    for key, org in by_key.items():
        forms = surface[key]
        org.name = max(set(forms), key=lambda f: (forms.count(f), f.isupper(), f))
    # Acronyms: "WH" is the White House when its letters are the long form's initials.
    longs = [o for o in by_key.values() if " " in o.name]
    merged: dict[str, Organization] = {}
    for key, org in sorted(by_key.items()):
        if org.name.isupper() and " " not in org.name and 2 <= len(org.name) <= 6:
            target = [lo for lo in longs if _initials(lo.name).upper() == org.name]
            if org.name in defined and defined[org.name] in by_key:
                target = [by_key[defined[org.name]]]
            if len(target) == 1:
                t = target[0]
                t.mentions += org.mentions
                for a in org.aliases:
                    _add_alias(t.aliases, a)
                continue
        merged[key] = org
    # A short name that is the first word(s) of a longer org name stays its own entry: "QUAD"
    # (the grouping) and "QUAD Senior Cyber Group" (one of its bodies) are different bodies.
    return sorted(merged.values(), key=lambda o: o.name.lower())


def build(doc: Doc, article: Article) -> Extraction:
    from quadnews.leaders import collect_people

    states = collect_states(doc)
    leaders, people = collect_people(doc)
    dates = list(doc._.qn_dates or [])
    result = Extraction(
        source=article.source,
        reference_date=article.reference_date.isoformat() if article.reference_date else "",
        reference_date_source=article.reference_date_source or "today",
        text=article.text,
        title=article.title,
        text_source=article.text_source,
        url=article.url,
        states=sorted(states.values(), key=lambda s: s.name),
        leaders=leaders,
        people=people,
        organizations=collect_organizations(doc),
        places=collect_places(doc),
        dates=dates,
        warnings=list(article.warnings),
    )
    from quadnews.events import attach_events

    attach_events(doc, result)
    return result

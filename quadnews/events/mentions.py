"""Event mentions read off the dependency parse: trigger, anchor verb, participants, place,
date and status of each occurrence of an event word in a Doc."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from spacy.tokens import Doc, Span, Token

from quadnews.entities import entity_kind
from quadnews.events.lexicon import _governed_index, _noun_index, _verb_index, lemma_of, lexicon
from quadnews.models import TemporalExpression

_SUBJ = {"nsubj", "nsubjpass", "agent", "csubj"}
_OBJ = {"dobj", "attr", "oprd", "dative"}
_WITH = {"with", "between", "among", "amongst", "alongside", "by"}
_WHERE = {"in", "at", "on"}


def _is_nominal(tok: Token) -> bool:
    return tok.pos_ in {"NOUN", "PROPN"} or (tok.dep_ in {"pobj", "dobj", "nsubj"} and
                                             any(c.dep_ == "det" for c in tok.children))


def trigger_type(tok: Token) -> str | None:
    """The event type ``tok`` triggers, or None."""
    lemma = lemma_of(tok)
    if tok.ent_type_ in {"DATE", "TIME", "PERSON", "GPE", "NORP", "CARDINAL"}:
        return None
    if tok.ent_type_ in {"ORG", "EVENT", "FAC"}:
        # "the East Asia Summit", "the G7 Summit": a named meeting is still a meeting, but only
        # by its head word ("the Summit Group" is an organization)
        ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
        if ent is None or tok.i != ent.end - 1 or lemma not in _noun_index():
            return None
    if _is_nominal(tok):
        if lemma in _noun_index():
            return _noun_index()[lemma]
        gov = _governed_index().get(lemma)
        if gov and tok.dep_ in _OBJ | {"nsubjpass"} and lemma_of(tok.head) in gov[1]:
            return gov[0]
        return None
    if tok.pos_ == "VERB" and lemma in _verb_index() and tok.dep_ not in {"amod", "compound"}:
        et = _verb_index()[lemma]
        # "travel" is a visit only when it goes somewhere: "travelled to Tokyo"
        if lemma == "travel" and not any(c.lower_ == "to" for c in tok.children):
            return None
        needs = lexicon()["needs_object"]
        preps = needs.get(lemma, needs.get(et))
        if preps is not None and "intransitive" in preps:
            passive = any(c.dep_ in {"agent", "auxpass"} for c in tok.children)
            return None if passive or any(c.dep_ in _OBJ for c in tok.children) or tok.dep_ in {"acl", "amod"} else et
        if preps is not None and tok.dep_ != "parataxis":
            has_target = any(c.dep_ in _OBJ | {"xcomp", "nsubjpass"} or c.dep_ in preps
                             or (c.dep_ == "prep" and c.lower_ in preps) for c in tok.children)
            if not has_target:
                return None
        elif preps is not None:
            return None
        return et
    return None


@dataclass
class Mention:
    """One trigger occurrence and what the parse ties to it."""

    type: str
    trigger: Token
    anchor: Token  # the verb that carries tense, subject and date for a noun trigger
    participants: list[Span] = field(default_factory=list)
    agents: set[int] = field(default_factory=set)  # start tokens of participants that act (subjects)
    location: Span | None = None
    dates: list[TemporalExpression] = field(default_factory=list)
    status: str = "happened"
    purpose_of: Mention | None = None  # "visit Australia in May for a summit": the summit serves the visit


def _anchor_verb(tok: Token) -> Token:
    """The verb that carries a noun trigger's tense, subject and date: a support verb
    ("held talks", "issued a statement", "will take place") or a verb the noun frames in time
    ("voiced a position during a summit"). A noun with neither stands for itself."""
    if tok.pos_ == "VERB":
        return tok
    lex = lexicon()
    support = set(lex["support_verbs"])
    gov = _governed_index().get(lemma_of(tok))
    if gov:
        support |= gov[1]
    head = tok.head
    if tok.dep_ == "compound" and head.dep_ in _SUBJ | _OBJ:
        tok, head = head, head.head
    if tok.dep_ in _OBJ | _SUBJ and head.pos_ in {"VERB", "AUX"} and lemma_of(head) in support:
        return head
    if tok.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in {"VERB", "AUX"} \
            and head.lower_ in set(lex["frame_preps"]):
        return head.head
    # "approved $500 million in aid", "sent a package of assistance"
    if tok.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in {"in", "of"}:
        obj = head.head
        if obj.dep_ in _OBJ and obj.head.pos_ == "VERB" and lemma_of(obj.head) in support:
            return obj.head
    return tok


def _ents_by_token(doc: Doc) -> dict[int, Span]:
    out: dict[int, Span] = {}
    for e in doc.ents:
        for i in range(e.start, e.end):
            out[i] = e
    return out


_PARTICIPANT_KINDS = {"state", "demonym", "org", "person"}


def _participant_ents(tokens: Iterable[Token], ents: dict[int, Span]) -> list[Span]:
    seen: dict[int, Span] = {}
    for t in tokens:
        e = ents.get(t.i)
        if e is None or e.start in seen:
            continue
        kind, _ = entity_kind(e)
        if e.label_ == "PERSON" or kind in _PARTICIPANT_KINDS:
            seen[e.start] = e
    return [seen[k] for k in sorted(seen)]


def _qualifies_agent(e: Span, ents: dict[int, Span]) -> bool:
    """A demonym standing for its state: alone ("the Japanese said"), or qualifying people,
    an authority or a force ("Chinese troops", "the Japanese side", "Japanese Prime Minister
    Kishida")."""
    root = e.root
    if root.dep_ not in {"amod", "compound", "nmod"}:
        return True
    head = root.head
    for _ in range(4):
        other = ents.get(head.i)
        if other is not None and other.label_ in {"PERSON", "ORG"}:
            return True
        if lemma_of(head) in _agent_nouns() or head.lower_ in _agent_nouns():
            return True
        if head.dep_ not in {"compound", "amod"} or head.head.i == head.i:
            break
        head = head.head
    return False


@cache
def _agent_nouns() -> frozenset[str]:
    return frozenset(lexicon()["agent_nouns"])


def _named_elsewhere(code: str | None, m: Mention, ents: dict[int, Span]) -> bool:
    """Another participant of the event stands for the same state."""
    return any(entity_kind(x)[1] == code and (entity_kind(x)[0] == "state" or _qualifies_agent(x, ents))
               for x in m.participants)


def _modifies_named(e: Span, ents: dict[int, Span]) -> bool:
    """"Japanese Prime Minister Fumio Kishida", "The United States' National Security Council":
    the state only qualifies a person or body that is itself a participant."""
    t = e.root
    for _ in range(6):
        if t.dep_ not in {"compound", "amod", "poss", "nmod"} or t.head.i == t.i:
            return False
        t = t.head
        other = ents.get(t.i)
        if other is not None and other.start != e.start and (other.label_ in {"PERSON", "ORG"}):
            return True
    return False


def _subtree_without(tok: Token, stop: set[int], *, keep_acl: bool = False) -> list[Token]:
    """Tokens of ``tok``'s subtree, not descending into other triggers' or clauses.

    ``keep_acl``: a noun trigger's participle clause describes the same event ("the meeting
    held in New Delhi on Saturday"), so it is kept for nouns."""
    out = []
    stack = [tok]
    while stack:
        t = stack.pop()
        out.append(t)
        for c in t.children:
            if c.i in stop or c.dep_ in {"relcl", "ccomp", "advcl", "xcomp"}:
                continue
            if c.dep_ == "acl" and not (keep_acl and c.tag_ == "VBN"):
                continue
            stack.append(c)
    return out




def _find_participants(m: Mention, ents: dict[int, Span], stop: set[int]) -> list[Span]:
    tokens: list[Token] = []
    agents: list[Token] = []
    anchor, trig = m.anchor, m.trigger
    absent = lemma_of(anchor) in set(lexicon()["absent_verbs"])
    for owner in {anchor.i: anchor, trig.i: trig}.values():
        for c in owner.children:
            if c.i == trig.i or (absent and owner is anchor and c.dep_ in _SUBJ):
                continue
            if c.dep_ == "nsubjpass":
                tokens += _subtree_without(c, stop)  # "The Quad was proposed by Abe": acted upon
            elif c.dep_ in _SUBJ or c.dep_ in {"poss", "compound", "amod", "nmod", "agent"}:
                sub = _subtree_without(c, stop)
                tokens += sub
                agents += sub
            elif owner is trig and trig.pos_ != "VERB" and c.dep_ == "prep" and c.lower_ == "of":
                # "a meeting of Quad foreign ministers", "the visit of President Macron"
                sub = _subtree_without(c, stop)
                tokens += sub
                agents += sub
            elif c.dep_ in _OBJ:
                tokens += _subtree_without(c, stop)
            elif c.dep_ == "prep" and (c.lower_ in _WITH or (m.type == "aid" and c.lower_ in {"to", "for"})):
                tokens += _subtree_without(c, stop)
    # "Albanese, who arrived in Ahmedabad": a relative clause's subject is its antecedent.
    if anchor.dep_ == "relcl" and not absent \
            and any(c.dep_ in _SUBJ and (c.tag_ in {"WP", "WDT"} or any(g.tag_ == "WP$" for g in c.children))
                    for c in anchor.children):
        # "Albanese, who arrived ...", "China, whose troops clashed ..."
        ante = anchor.head
        tokens += [ante, *[c for c in ante.children if c.dep_ == "compound"]]
        agents += [ante, *[c for c in ante.children if c.dep_ == "compound"]]
    # The subject a verb shares with the clause it hangs from: "X met and agreed ...",
    # "invited Biden to visit" (the object is the visitor), "voiced ..., criticising ...".
    v = anchor
    for _ in range(3):
        if any(t.dep_ in _SUBJ for t in v.children) or v.dep_ not in {"conj", "xcomp", "advcl", "acl"}:
            break
        head = v.head
        if v.dep_ == "acl":
            # "accepted an invitation to visit Australia": the one who accepts is the visitor
            if v.tag_ != "VB" or head.dep_ not in _OBJ:
                break
            head = head.head
            src = [c for c in head.children if c.dep_ in _SUBJ]
        elif v.dep_ == "xcomp":
            src = [c for c in head.children if c.dep_ in _OBJ] or [c for c in head.children if c.dep_ in _SUBJ]
        else:
            src = [c for c in head.children if c.dep_ in _SUBJ]
        sub = [t for c in src for t in _subtree_without(c, stop)]
        tokens += sub
        agents += sub
        if src:
            break
        v = head
    found = _participant_ents(tokens, ents)
    agent_ids = {t.i for t in agents}
    m.agents = {e.start for e in found if e.start in agent_ids}
    return found


def _find_location(m: Mention, ents: dict[int, Span], stop: set[int]) -> Span | None:
    """"in/at PLACE" anywhere in the event's clause (the parse often hangs it on the object:
    "met Biden in Hiroshima"), or the destination of a visit ("visit Japan", "travelled to Kyiv")."""
    best: tuple[int, Span] | None = None
    for owner in {m.anchor.i: m.anchor, m.trigger.i: m.trigger}.values():
        for t in _subtree_without(owner, stop, keep_acl=owner.pos_ != "VERB"):
            dest = {"to", "for"} if m.type == "visit" else set()  # "travelled to Tokyo", "leaves for Egypt"
            if t.dep_ != "prep" or t.lower_ not in _WHERE | dest:
                continue
            if t.lower_ == "on" and not any(entity_kind(ents[x.i])[0] in {"place", "state", "region"}
                                            for x in t.children if x.i in ents):
                continue
            for x in t.subtree:
                e = ents.get(x.i)
                if e is not None and entity_kind(e)[0] == "demonym" and e.root.head.lower_ == "capital":
                    # "in the Lithuanian capital": the capital city of that state
                    cap = e.doc[e.start:e.root.head.i + 1]
                    best = best or (abs(t.i - owner.i), Span(e.doc, cap.start, cap.end, label="GPE",
                                                              span_id=f"place:{entity_kind(e)[1]}"))
                    break
                if e is not None and entity_kind(e)[0] in {"place", "state", "region"}:
                    dist = abs(t.i - owner.i)
                    if best is None or dist < best[0]:
                        best = (dist, _place_of(e, ents))
                    break
        if m.type == "visit":
            for c in owner.children:
                e = ents.get(c.i)
                if c.dep_ in _OBJ and e is not None and entity_kind(e)[0] in {"place", "state"}:
                    return e
    if best is None and lemma_of(m.anchor) == "host":
        # "Japan will host the next meeting": the host is the place
        for c in m.anchor.children:
            e = ents.get(c.i)
            if c.dep_ in _SUBJ and e is not None and entity_kind(e)[0] in {"place", "state"}:
                return e
    return best[1] if best else None


def _location_tokens(m: Mention, stop: set[int]) -> set[int]:
    """Tokens inside "in/at ..." phrases of the clause: places, not participants."""
    out: set[int] = set()
    for owner in {m.anchor.i: m.anchor, m.trigger.i: m.trigger}.values():
        for t in _subtree_without(owner, stop):
            if t.dep_ == "prep" and t.lower_ in _WHERE:
                out |= {x.i for x in t.subtree}
    return out


def _place_of(e: Span, ents: dict[int, Span]) -> Span:
    """"In Australia's Sydney": the city, not the possessor state."""
    kind, _ = entity_kind(e)
    if kind == "state":
        root = e.root
        head = root.head
        if root.dep_ == "poss":
            he = ents.get(head.i)
            if he is not None and entity_kind(he)[0] == "place":
                return he
    return e


def _status(m: Mention, ref: date | None) -> str:
    v = m.anchor
    toks = [v, *v.children]
    words = {t.lower_ for t in toks}
    if words & {"will", "shall", "'ll"} or (v.tag_ == "VBG" and "going" in words):
        return "planned"
    if any(t.tag_ == "MD" and t.lower_ in {"would", "could", "may", "might"} for t in v.children):
        return "planned"
    # "is expected to visit", "proposed ... to visit", "plans to meet": controlled by a planning verb
    planning = set(lexicon()["planning_verbs"])
    h = v
    for _ in range(3):
        if h.dep_ in {"xcomp", "ccomp"} and lemma_of(h.head) in planning and h.head.i != h.i:
            return "planned"
        if h.head.i == h.i:
            break
        h = h.head
    adjs = set(lexicon()["planning_adjectives"])
    if any(c.lower_ in adjs for c in m.trigger.subtree if c.i < m.trigger.i and c.dep_ in {"amod", "compound", "poss"})\
            or any(c.lower_ in adjs for c in m.trigger.children):
        return "planned"
    if any(c.lower_ in adjs for t in m.trigger.children for c in t.subtree if c.i < m.trigger.i):
        return "planned"
    if ref is not None and m.dates:
        iv = m.dates[0].interval
        if iv is not None and iv.start > ref.isoformat():
            return "planned"
    if v.tag_ in {"VBG"} and any(c.lemma_ == "be" for c in v.children):
        return "ongoing"
    return "happened"


_CLAUSES = {"relcl", "acl", "advcl", "ccomp", "parataxis", "csubj", "xcomp"}
_REPORTING = {"say", "announce", "tell", "add", "state", "confirm", "report", "declare", "note", "write", "tweet"}


@cache
def _frame_verbs() -> frozenset[str]:
    return frozenset(lexicon()["support_verbs"]) | {"begin", "start", "end", "finish", "conclude", "take"}


def _clause_verb(tok: Token) -> Token | None:
    """The verb of the clause ``tok`` stands in."""
    t = tok
    for _ in range(12):
        if t.pos_ in {"VERB", "AUX"}:
            return t
        if t.head.i == t.i:
            return None
        t = t.head
    return None


def _date_owners(tok: Token, owners: dict[int, list[int]]) -> list[int]:
    """The mentions of the first trigger (or trigger anchor) above ``tok`` in the tree, without
    leaving the clause the date stands in ("Albanese, who was sworn in on Monday, ...": Monday
    is the swearing-in's, not the sentence's event's). A participle clause still describes its
    noun ("the meeting of ministers held on Saturday"), but only within that noun phrase."""
    t = tok
    in_np = False
    for _ in range(40):
        if t.i in owners:
            return owners[t.i]
        if t.head.i == t.i:
            return []
        if t.dep_ == "relcl" and t.head.i in owners and lemma_of(t) in _frame_verbs():
            return owners[t.head.i]  # "the summit, which ended on Sunday"
        if t.dep_ == "acl" and t.tag_ == "VBN" and not in_np:
            in_np = True
        elif t.dep_ in _CLAUSES:
            return []
        elif in_np and t.dep_ not in {"prep", "pobj", "compound", "amod", "appos", "poss", "nmod", "conj", "cc"}:
            return []  # the noun phrase ends here: "The group, set up last year, held talks"
        t = t.head
    return []


def _via_conjunct(tok: Token, ancestor: Token) -> bool:
    """The path from ``tok`` up to ``ancestor`` crosses a coordinated verb."""
    t = tok
    while t.i != ancestor.i and t.head.i != t.i:
        if t.dep_ == "conj" and t.pos_ in {"VERB", "AUX"}:
            return True
        t = t.head
    return False


def _in_headline(tok: Token) -> bool:
    """In the first non-empty line of the article (headlines use the present for the past)."""
    text = tok.doc.text
    first = len(text) - len(text.lstrip())
    end = text.find("\n", first)
    return tok.idx < (end if end != -1 else len(text))


def find_mentions(doc: Doc) -> list[Mention]:
    ents = _ents_by_token(doc)
    boiler = doc._.qn_boilerplate or []
    mentions: list[Mention] = []
    habitual: set[int] = set()
    for tok in doc:
        if any(s <= tok.idx < e for s, e in boiler):
            continue
        et = trigger_type(tok)
        if et is None:
            continue
        if tok.pos_ == "VERB" and tok.tag_ in {"VBZ", "VBP"} and not _in_headline(tok) \
                and not any(c.dep_ == "aux" for c in tok.children):
            habitual.add(len(mentions))
        mentions.append(Mention(et, tok, _anchor_verb(tok)))
    # The simple present outside a headline is habitual ("MCI offers internet services")
    # unless the sentence dates it ("the minister arrives on Monday").
    dated_sents = set()
    for te in doc._.qn_dates or []:
        span = doc.char_span(te.start, te.end, alignment_mode="expand")
        if span is not None and te.interval is not None:
            dated_sents.add(span.sent.start)
    mentions = [m for k, m in enumerate(mentions) if k not in habitual or m.trigger.sent.start in dated_sents]
    # "announced new aid", "declared a ceasefire": the announcement is how the news is told,
    # the event is what it announces.
    nouns = {m.trigger.i: m for m in mentions if m.trigger.pos_ != "VERB"}

    def _object_nouns(v: Token) -> list[Token]:
        out = []
        for c in v.children:
            if c.dep_ in _OBJ:
                out.append(c)
                out += [g for p in c.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children]
        return out

    def _announces(m: Mention) -> bool:
        # "announced new aid", "pledged a package of military aid", "signed the declaration"
        # A proposal of talks or a visit is news of its own ("proposed a peace conference").
        if m.trigger.pos_ != "VERB" or m.type not in {"statement", "propose"}:
            return False
        return any(o.i in nouns and nouns[o.i].type != m.type
                   and (m.type == "statement" or nouns[o.i].type in {"aid", "agree"})
                   for o in _object_nouns(m.trigger))

    verbs = {m.trigger.i: m for m in mentions if m.trigger.pos_ == "VERB"}
    mentions = [m for m in mentions if not _announces(m)
                and not (m.type == "statement" and m.trigger.pos_ != "VERB" and m.trigger.head.i in verbs
                         and verbs[m.trigger.head.i].type == "agree")]
    # A trigger inside another of the same type is the same event ("met ... to hold talks").
    by_i = {m.trigger.i: m for m in mentions}
    kept = []
    for m in mentions:
        anc = next((a for a in m.trigger.ancestors if a.i in by_i and a.sent == m.trigger.sent), None)
        if anc is not None and by_i[anc.i].type == m.type and m.trigger.pos_ == "NOUN" \
                and not _via_conjunct(m.trigger, anc):
            continue  # but "to meet Modi and to hold talks with Biden" are two meetings
        kept.append(m)
    mentions = kept
    trig_tokens = {m.trigger.i for m in mentions}
    owners: dict[int, list[int]] = {}
    for k, m in enumerate(mentions):
        owners.setdefault(m.trigger.i, []).append(k)
    for k, m in enumerate(mentions):
        if m.anchor.i != m.trigger.i and m.anchor.i not in {x.trigger.i for x in mentions}:
            owners.setdefault(m.anchor.i, []).append(k)
    verb_dates: dict[int, list[TemporalExpression]] = {}
    for te in doc._.qn_dates or []:
        if te.type not in {"DATE", "TIME"} or te.interval is None and not te.value.endswith("_REF"):
            continue
        span = doc.char_span(te.start, te.end, alignment_mode="expand")
        if span is None or any(s <= te.start < e for s, e in boiler):
            continue
        v = _clause_verb(span.root)
        if v is not None:
            verb_dates.setdefault(v.i, []).append(te)
        for k in _date_owners(span.root, owners):
            if mentions[k].trigger.sent == span.sent:
                mentions[k].dates.append(te)
    # A clause hanging from another event's verb shares its time when it has none of its own:
    # "voiced a position in March, criticising ...", "met and agreed ...".
    for m in mentions:
        if not m.dates and m.anchor.dep_ in {"advcl", "conj"} and m.anchor.tag_ in {"VBG", "VBD", "VBN", "VB"}:
            parent = next((x for x in mentions if x.anchor.i == m.anchor.head.i and x.dates), None)
            if parent is not None and parent is not m:
                m.dates = list(parent.dates)
    # ... or from the verb it hangs from, event or not: "on Thursday hailed the visit,
    # announcing deals"; "Turkey has agreed ..., Stoltenberg announced on Monday".
    for m in mentions:
        if m.dates or m.anchor.head.i == m.anchor.i:
            continue
        head = m.anchor.head
        future = any(c.lower_ in {"will", "would", "shall", "'ll"} for c in m.anchor.children)
        if m.anchor.dep_ in {"advcl", "conj", "xcomp"} or (m.anchor.dep_ == "ccomp" and not future
                                                          and lemma_of(head) in _REPORTING):
            own = verb_dates.get(head.i, [])
            if own:
                m.dates = list(own)
    # "to visit Australia in May for a Quad summit": the summit is when and as sure as the visit.
    for m in mentions:
        t = m.trigger
        if t.pos_ != "VERB" and t.dep_ == "pobj" and t.head.lower_ == "for":
            parent = next((x for x in mentions if x is not m and t.head.head.i in {x.trigger.i, x.anchor.i}), None)
            if parent is not None:
                m.purpose_of = parent
                if not m.dates:
                    m.dates = list(parent.dates)
    for m in mentions:
        stop = trig_tokens - {m.trigger.i}
        where = _location_tokens(m, stop)
        m.participants = [e for e in _find_participants(m, ents, stop) if e.start not in where
                          or e.label_ in {"PERSON", "ORG"}]
        m.location = _find_location(m, ents, stop)
    ref = doc._.qn_reference
    for m in mentions:
        m.status = _status(m, ref)
    for m in mentions:
        if m.purpose_of is not None:
            m.status = m.purpose_of.status
    return mentions

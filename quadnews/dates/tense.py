"""The tense of the verb a temporal expression depends on: past, present, future or None.

With a dependency parse the governing verb is found through the heads; without one (the parser
may run only on some sentences) the nearest verb of the clause is taken, preferring the one before
the expression. Only Penn tags are needed; without a tagger the answer is None.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

_FUTURE_MODALS = frozenset({"will", "'ll", "shall", "wo", "would", "'d", "going", "gon"})
# verbs whose infinitive complement lies ahead: "is set to meet", "plans to visit"
_FUTURE_GOVERNORS = frozenset({"set", "schedule", "due", "plan", "expect", "go", "intend", "aim", "prepare",
                               "hope", "propose", "invite", "agree", "promise", "vow", "pledge", "want",
                               "seek", "ask", "urge", "threaten", "decide", "announce"})
_CLAUSE_BREAKS = frozenset({".", ";", "!", "?", ":", "\n", "\n\n"})


def _is_verb(t: Token) -> bool:
    return t.tag_.startswith("VB") or t.tag_ == "MD"


def verb_tense(verb: Token, auxiliaries: list[Token]) -> str | None:
    """Tense from a verb and its auxiliaries (in text order)."""
    for a in auxiliaries:
        low = a.lower_
        if a.tag_ == "MD" and low in _FUTURE_MODALS:
            return "future"
        if low in ("going", "gon") and verb.tag_ == "VB":
            return "future"
    if verb.tag_ == "MD":
        return "future" if verb.lower_ in _FUTURE_MODALS else "present"
    tags = [a.tag_ for a in auxiliaries if a.tag_.startswith("VB")]
    if any(t == "VBD" for t in tags) or verb.tag_ == "VBD":
        return "past"
    if verb.tag_ == "VBN" and any(a.lemma_ == "have" or a.lower_ in ("has", "have", "'ve", "'s") for a in auxiliaries):
        return "past"  # present perfect looks back: "has met on Friday"
    if verb.tag_ == "VBN" and not tags:
        return "past"  # reduced relative or headline: "talks held on Friday"
    if verb.tag_ == "VB" and any(a.lower_ == "to" for a in auxiliaries):
        head = verb.head
        if head is not verb and head.lemma_.lower() in _FUTURE_GOVERNORS:
            # "had been due to arrive on March 26": a plan seen from the past says nothing of direction
            frame = [head] + ([head.head] if not _is_verb(head) else [])  # "due" hangs from "had been"
            if any(t.tag_ == "VBD" or any(a.tag_ == "VBD" for a in _aux_children(t)) for t in frame):
                return None
            return "future"
        if head is not verb and head.lemma_.lower() == "be" and head.tag_ in ("VBZ", "VBP"):
            return "future"  # "is to resume trading Tuesday": a plan
        return None
    if verb.tag_ in ("VBZ", "VBP", "VBG") or any(t in ("VBZ", "VBP") for t in tags):
        return "present"
    return None


def _governing_verb(span: Span) -> Token | None:
    tok = span.root
    seen = 0
    while seen < 12:
        head = tok.head
        if head.i == tok.i:
            return tok if _is_verb(tok) and tok not in span else None
        tok = head
        seen += 1
        if tok not in span and (_is_verb(tok) and tok.dep_ not in ("aux", "auxpass")):
            return tok
    return None


def _aux_children(verb: Token) -> list[Token]:
    return sorted((c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg")), key=lambda t: t.i)


def _window_verb(span: Span) -> tuple[Token, list[Token]] | None:
    doc = span.doc
    # the clause around the expression: up to a sentence or clause break on either side
    lo = span.start
    while lo > 0 and span.start - lo < 25 and doc[lo - 1].text not in _CLAUSE_BREAKS:
        lo -= 1
    hi = span.end
    while hi < len(doc) and hi - span.end < 25 and doc[hi].text not in _CLAUSE_BREAKS:
        hi += 1
    before = [t for t in doc[lo: span.start] if _is_verb(t)]
    after = [t for t in doc[span.end: hi] if _is_verb(t)]
    chain = before[-4:] if before else after[:4]
    if not chain:
        return None
    # the main verb closes a run of auxiliaries ("will have been meeting")
    if before:
        main = chain[-1]
        auxes = [t for t in chain[:-1] if main.i - t.i <= 4]
    else:
        auxes = []
        main = chain[0]
        for t in chain[1:]:
            if t.i - main.i > 3:
                break
            auxes.append(main)
            main = t
    # "to meet": an infinitive marker before the main verb, and the verb that governs it
    if main.i > 0 and doc[main.i - 1].lower_ == "to":
        auxes.append(doc[main.i - 1])
    return main, auxes


def tense_of(span: Span) -> str | None:
    """Tense of the verb governing ``span``, or None when it cannot be told."""
    doc: Doc = span.doc
    if not doc.has_annotation("TAG"):
        return None
    if doc.has_annotation("DEP"):
        verb = _governing_verb(span)
        if verb is not None:
            auxes = _aux_children(verb)
            # a bare participle has no tense of its own: "was found Thanksgiving Day clinging to ..."
            # takes the tense of the clause it hangs from
            for _ in range(3):
                if verb.tag_ != "VBG" or auxes or verb.head is verb or not _is_verb(verb.head):
                    break
                verb = verb.head
                auxes = _aux_children(verb)
            return verb_tense(verb, auxes)
    found = _window_verb(span)
    if found is None:
        return None
    main, auxes = found
    if main.tag_ == "VB" and any(a.lower_ == "to" for a in auxes):
        # no parse: look back for the governing verb of the infinitive
        for t in reversed(span.doc[max(main.i - 4, 0): main.i - 1]):
            if _is_verb(t):
                return "future" if t.lemma_.lower() in _FUTURE_GOVERNORS else None
        return None
    return verb_tense(main, auxes)

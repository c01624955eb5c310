"""Find the temporal expressions of a Doc: spaCy's DATE/TIME entities plus our own Matcher patterns.

Spans follow TimeML: no leading preposition ("in 2007" -> "2007"); a range is two expressions
("between 2007 and 2009"). Candidates a reader would not call dates are dropped: the modal "may",
"March" the walk, "Friday" inside a name ("Good Friday Agreement"), "2020" in "Tokyo 2020" and
counts ("2,000 troops").
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from quadnews.dates.calendar import Period, containing, period_of_value
from quadnews.dates.lexicon import lexicon
from quadnews.dates.normalize import UNIT_ORDER, Resolution, resolve
from quadnews.dates.tense import tense_of
from quadnews.models import Interval, TemporalExpression

_LEADING = frozenset({"just", "in", "on", "at", "by", "since", "until", "till", "from", "during", "for", "of", "to",
                      "within", "through", "throughout", "into", "between", "as", "over", "after", "before",
                      "about", "around", "following", "ahead", "past", "last"})
# Leading words that TimeML keeps in the expression but a leading preposition would otherwise drop.
_KEEP_AFTER = {"past": ("the",), "last": ()}
_TRAILING = frozenset({",", ".", ";", ":", "'s", "’s", "-", "--", "and", "or", "to", "'", '"', ")", "("})
# what "today's" describes when it means the present age rather than the day
_GENERIC_NOUNS = frozenset({"world", "society", "youth", "young", "generation", "generations", "children", "kids",
                            "teenagers", "standards", "technology", "era", "age", "economy", "culture"})
_DISTANCE_SIGNALS = frozenset({"later", "after", "before"})
_NAME_LABELS = frozenset({"ORG", "LAW", "EVENT", "WORK_OF_ART", "PERSON", "FAC", "PRODUCT", "NORP", "GPE", "LOC"})
_RANGE = re.compile(r"\s+(?:and|to|through|until|till|or|-|–|—|ended|ending|that ended|which ended|beginning|"
                    r"starting|compared with|versus|vs\.?)\s+|(?<=\d)\s*[-–—]\s*(?=\d)")
_AGE = re.compile(r"\b(?:year|month|week|day)s?[- ]old\b")
_SPLIT = re.compile(r"\s+(?:ended|ending|that ended|which ended|beginning|starting|compared with|versus|vs\.?)\s+")
_YEAR = re.compile(r"(?:1[0-9]|20)\d\d")
# Words that are temporal expressions on their own. Left out on purpose: "previously", "soon",
# "formerly", "shortly" (news uses them as discourse adverbs far more often than as times) and the
# adjectives "quarterly", "annual" ("quarterly earnings" is not a time).
_WORD_REF = ("now", "currently", "recently", "lately", "nowadays", "presently", "tonight", "overnight")
_DAY_WORDS = ("today", "yesterday", "tomorrow")
_SET_ADVERBS = ("annually", "weekly", "daily", "monthly", "yearly", "hourly", "biweekly", "fortnightly",
                "semiannually", "biannually", "nightly")
_FREQ_ADJ = ("daily", "weekly", "nightly", "hourly")


def _lower_in(words: object) -> dict[str, object]:
    return {"LOWER": {"IN": list(words)}}  # type: ignore[call-overload]


@lru_cache(maxsize=4)
def _matcher(vocab: Vocab) -> Matcher:
    lex = lexicon()
    m = Matcher(vocab)
    units = list(lex.units)
    weekdays = [w for w in lex.weekdays if len(w) > 3]
    months = [w for w in lex.months if len(w) > 3 or w in ("may",)]
    # a set adverb before a noun is an adjective: "a daily newspaper"
    m.add("SETADV", [[_lower_in(_SET_ADVERBS)]])
    m.add("REF", [[_lower_in(_WORD_REF)],
                  [{"LOWER": "the"}, {"LOWER": {"IN": ["future", "past", "present"]}}],
                  [{"LOWER": "the"}, {"LOWER": {"IN": ["near", "distant", "recent"]}},
                   {"LOWER": {"IN": ["future", "past", "term"]}}],
                  [{"LOWER": {"IN": ["recent", "coming", "future", "upcoming"]}},
                   {"LOWER": {"IN": ["years", "months", "weeks", "days", "decades", "quarters"]}}],
                  [{"LOWER": "these"}, {"LOWER": "days"}],
                  [{"LOWER": "at"}, {"LOWER": "present"}]])
    m.add("SET", [[_lower_in(["every", "each", "per"]), {"LOWER": "other", "OP": "?"},
                   _lower_in(units + weekdays + months + list(lex.seasons))],
                  [_lower_in(["once", "twice"]), _lower_in(["a", "an", "every", "per"]), _lower_in(units)]])
    # Patterns start with a required token and use SHAPE rather than REGEX: the Matcher tests
    # every token against every first predicate, and that cost must stay far below NER's.
    ampm = ["am", "pm", "a.m.", "p.m.", "a.m", "p.m"]
    zones = list(lex.time_zones)
    m.add("CLOCK", [[{"SHAPE": {"IN": ["d:dd", "dd:dd"]}}, {"LOWER": {"IN": ampm}, "OP": "?"},
                     {"LOWER": {"IN": zones}, "OP": "?"}],
                    [{"SHAPE": {"IN": ["d", "dd", "d.dd", "dd.dd"]}}, {"LOWER": {"IN": ampm}},
                     {"LOWER": {"IN": zones}, "OP": "?"}],
                    [{"SHAPE": {"IN": ["dxx", "ddxx"]}, "LOWER": {"REGEX": r"^\d{1,2}[ap]m$"}},
                     {"LOWER": {"IN": zones}, "OP": "?"}],
                    [{"SHAPE": "dddd"}, {"LOWER": {"IN": zones}}],
                    [{"SHAPE": "dddd"}, {"LOWER": "local"}, {"LOWER": "time"}]])
    m.add("WEEKDAY", [[{"LOWER": {"IN": weekdays}, "IS_TITLE": True},
                       {"LOWER": {"IN": [k for k in lex.parts_of_day if k != "overnight"]}, "OP": "?"}]])
    m.add("MONTH", [[{"LOWER": {"IN": months}, "IS_TITLE": True},
                     {"SHAPE": {"IN": ["d", "dd", "dxx", "ddxx"]}, "OP": "?"},
                     {"TEXT": ",", "OP": "?"},
                     {"SHAPE": "dddd", "OP": "?"}]])
    # "the '80s": spaCy's model rarely tags a decade written with an apostrophe
    m.add("DECADE", [[{"TEXT": {"IN": ["'", "’"]}}, {"LOWER": {"IN": [f"{d}0s" for d in range(10)]}}]])
    m.add("YEAR", [[_lower_in(["in", "since", "until", "by", "during", "of", "before", "after", "from", "through"]),
                    {"SHAPE": "dddd"}]])
    # spaCy now and then misses a plain "today" or "two more weeks"
    m.add("DAYWORD", [[_lower_in(_DAY_WORDS)]])
    m.add("MORE", [[{"LIKE_NUM": True}, _lower_in(["more", "additional", "extra"]), _lower_in(units)]])
    # a measure with a hedge before it is a duration even where spaCy sees none: "last over a week"
    hedges = ["over", "about", "around", "nearly", "almost", "roughly", "approximately"]
    m.add("HEDGED", [[_lower_in(hedges), _lower_in(["a", "an"]), _lower_in(units)]])
    m.add("AGO", [[{"LIKE_NUM": True}, _lower_in(units), _lower_in(["ago", "earlier", "later"])],
                  [_lower_in(["a", "an"]), _lower_in(units), _lower_in(["ago", "earlier", "later"])]])
    m.add("REL", [[_lower_in(["earlier", "later", "early", "late"]), _lower_in(["this", "last", "next"]),
                   _lower_in(["week", "month", "year", "weekend", "quarter"])]])
    # "third-quarter profit": spaCy often leaves the hyphenated adjective out or cuts it at the hyphen
    m.add("QUARTER", [[_lower_in([w for w, v in lex.ordinals.items() if 1 <= v <= 4 or v == -1]),
                       {"TEXT": "-", "OP": "?"}, _lower_in(["quarter", "half"])]])
    # "the latest period" of an earnings report: the quarter under discussion
    m.add("PERIOD", [[{"LOWER": "the", "OP": "?"}, _lower_in(["latest", "current"]), {"LOWER": "period"}]])
    holidays = [k.split() for k in list(lex.holidays) + list(lex.movable_holidays)]
    m.add("HOLIDAY", [[{"LOWER": w, "IS_TITLE": True} if len(words) == 1 else {"LOWER": w} for w in words]
                      for words in holidays])
    return m


@lru_cache(maxsize=4)
def _tagged_matcher(vocab: Vocab) -> Matcher:
    """Patterns that need a tagger (a Matcher refuses TAG/POS tests on an untagged Doc)."""
    m = Matcher(vocab)
    # the adjective "current" is the present: "current market conditions" (TimeML PRESENT_REF);
    # "current account" and "current affairs" are terms, not times
    m.add("CURRENT", [[{"LOWER": "current", "TAG": "JJ"},
                       {"POS": {"IN": ["NOUN", "ADJ", "NUM"]},
                        "LOWER": {"NOT_IN": ["account", "accounts", "affairs", "assets", "liabilities", "ratio"]}}]])
    return m


@lru_cache(maxsize=1)
def _triggers() -> tuple[frozenset[str], frozenset[str]]:
    """Lower-case words and shapes near the start of every pattern (the Matcher runs around them)."""
    lex = lexicon()
    # each pattern holds one of these within two tokens of its start
    words = set(_WORD_REF) | set(_DAY_WORDS) | set(_SET_ADVERBS) | set(lex.weekdays) | set(lex.months) | set(lex.units)
    words |= {"present", "future", "past", "term", "every", "each", "once", "twice", "current", "quarter", "half",
              "latest"}
    words |= {k.split()[0] for k in list(lex.holidays) + list(lex.movable_holidays)}
    shapes = {"d:dd", "dd:dd", "d", "dd", "d.dd", "dd.dd", "dxx", "ddxx"}
    return frozenset(words), frozenset(shapes)


# --- filtering ------------------------------------------------------------------------------


def _is_false_positive(span: Span) -> bool:
    lex = lexicon()
    doc = span.doc
    words = [t for t in span if not t.is_punct]
    if not words:
        return True
    text = span.text.strip()
    low = [t.lower_ for t in words]
    prev = doc[span.start - 1] if span.start > 0 else None
    nxt = doc[span.end] if span.end < len(doc) else None
    # "post-Christmas lull", "pre-Easter sales": a prefix makes the holiday describe something else
    if span.start > 1 and doc[span.start - 1].text in ("-", "–") and not doc[span.start - 1].whitespace_ \
            and doc[span.start - 2].lower_ in ("post", "pre", "mid", "after", "before"):
        return True
    # inside another kind of name: "Good Friday Agreement", "Tokyo 2020", "March of Dimes";
    # a holiday is a name that is a date ("Thanksgiving Day"), unless a name goes on ("Easter Island")
    if _is_holiday(span):
        return nxt is not None and nxt.tag_ in ("NNP", "NNPS") and nxt.ent_type_ not in ("DATE", "TIME")
    # an organization name that swallowed its verb's date: "[the State Department on Sunday] issued"
    swallowed = prev is not None and prev.lower_ == "on" and (low[0] in lex.weekdays or low[0] in lex.months)
    if any(t.ent_type_ in _NAME_LABELS for t in span) and not swallowed:
        return True
    # a day or the future taken for an age or a prospect: "today's youth", "the cars of tomorrow",
    # "the future of the alliance"; TimeML leaves such generic uses out
    if len(low) == 1 and low[0] in ("today", "tomorrow") and nxt is not None:
        after_s = doc[span.end + 1] if nxt.lower_ in ("'s", "’s") and span.end + 1 < len(doc) else None
        if after_s is not None and after_s.lower_ in _GENERIC_NOUNS:
            return True
        if prev is not None and prev.lower_ == "of" and span.start > 1 and doc[span.start - 2].pos_ == "NOUN" \
                and nxt.pos_ != "NOUN":
            return True
    if low in (["the", "future"], ["future"]) and nxt is not None and nxt.lower_ == "of":
        return True
    # "the night of Oct. 23", "the night the plane went down": the part of a day that what follows
    # names, not the reference day's
    if len(low) == 2 and low[0] == "the" and low[1] in ("night", "morning", "evening", "afternoon") \
            and nxt is not None and (nxt.lower_ in ("of", "when", "that") or nxt.pos_ == "DET"):
        return True
    # a title: CBS's "60 Minutes", ABC's "This Week"
    if any(t.lower_ in lex.units and t.is_title and not t.is_sent_start for t in words) and \
            any(q.is_quote for q in doc[max(span.start - 1, 0): min(span.end + 2, len(doc))]):
        return True
    # a fraction, not three months: "more than a quarter of the market", "a quarter are unused";
    # "a quarter of an hour" and "a quarter of a century" are times
    if low[-1] in ("quarter", "quarters") and nxt is not None and (low[0] in _FRACTION_WORDS or len(low) <= 2) \
            and any(t.lower_ in ("a", "one", "three", "two") for t in words):
        after_of = doc[span.end + 1: span.end + 3]
        if (nxt.lower_ == "of" and not any(t.lower_ in lex.units for t in after_of)) or nxt.pos_ in ("AUX", "VERB"):
            return True
    # titles: "the Sunday Times", "a Sunday Telegraph journalist", "Monday Night Football" is not a day
    if len(low) == 1 and low[0] in lex.weekdays and nxt is not None and nxt.text[:1].isupper() \
            and nxt.lower_ in lex.weekday_name_followers:
        return True
    # a rank, not a length: "in its 10th year", "the 21st month in a row", "a second election"
    if any(re.fullmatch(r"\d+(?:st|nd|rd|th)", a) and b in lex.units and b not in ("century", "millennium")
           for a, b in zip(low, low[1:], strict=False)):
        return True
    # "closed for the day": for the rest of today's session, an idiom
    if low == ["the", "day"] and prev is not None and prev.lower_ == "for":
        return True
    if low == ["a", "second"] and nxt is not None and nxt.pos_ in ("NOUN", "ADJ", "PROPN"):
        return True
    # "excessive expectations in some quarters": among some people
    if len(low) == 2 and low[1] == "quarters" and low[0] in ("some", "certain", "many", "all", "other", "several") \
            and prev is not None and prev.lower_ in ("in", "from", "among"):
        return True
    # "year-on-year", "month-on-month": a comparison, not a time
    if nxt is not None and low[-1] in ("year", "month", "quarter", "week") and nxt.lower_ in ("-", "on") \
            and re.match(r"\s*-?\s*on\s*-\s*(?:year|month|quarter|week)", doc.text[span.end_char: span.end_char + 16],
                         re.IGNORECASE):
        return True
    if re.fullmatch(r"(?:year|month|quarter|week)-on(?:-(?:year|month|quarter|week))?", text.lower()):
        return True
    # ages are not times: "a 6-year-old boy", "52 years old"
    after = doc[span.end: span.end + 2].text.lower()
    if _AGE.search(text.lower()) or (low[-1] in lex.units and re.match(r"-?\s*old\b", after)):
        return True
    if len(words) == 1:
        w = words[0]
        # a frequency word before a noun is an adjective: "a daily newspaper", "quarterly earnings"
        # but "daily", "weekly", "nightly", "hourly" before a noun still say how often ("the daily
        # tally", "a daily rally") unless they qualify a rate ("average daily volume")
        if (w.lower_ in lex.set_adverbs or w.lower_ in ("annual", "quarterly")) and nxt is not None \
                and nxt.pos_ in ("NOUN", "PROPN", "ADJ", "NUM") and \
                (w.lower_ not in _FREQ_ADJ or (prev is not None and prev.lower_ in ("average", "per"))):
            return True
        # after an amount it is a rate, "per year": "sales grow 8% annually", "5,000 cars annually"
        if w.lower_ in ("annually", "yearly") and any(
                t.like_num or t.text == "%" for t in doc[max(span.start - 3, 0): span.start]):
            return True
        if w.lower_ in lex.months or w.lower_ in lex.weekdays:
            # "may" the modal, "march" the verb or the walk: a month name is capitalized and a noun
            if not w.text[0].isupper() or w.tag_ == "MD" or w.pos_ in ("AUX", "VERB"):
                return True
            if w.lower_ in ("march", "may") and prev is not None and \
                    prev.lower_ in ("the", "a", "this", "their", "his", "her", "our", "its") and \
                    nxt is not None and nxt.lower_ in ("on", "for", "against", "to", "of", "through", "from"):
                return True
        # a year followed by a counted noun is a count: "2000 troops"
        if re.fullmatch(r"\d{4}", text) and nxt is not None and nxt.tag_ == "NNS" and nxt.lower_ not in lex.units:
            return True
    # a capitalized word glued to the front makes a year part of a name ("Tokyo 2020"); a weekday only
    # after the few words that name days ("Good Friday", "Black Monday"): news puts weekdays right
    # after names all the time ("The Court Friday rejected ...")
    if prev is not None and prev.tag_ in ("NNP", "NNPS") and not prev.is_sent_start \
            and prev.ent_type_ not in ("DATE", "TIME") and prev.lower_ not in lex.months \
            and prev.lower_ not in lex.weekdays and _YEAR.fullmatch(low[0]):
        return True
    if prev is not None and low[0] in lex.weekdays and prev.lower_ in lex.weekday_name_words \
            and prev.text[:1].isupper():
        return True
    # "Friday Agreement": a capitalized noun right after a weekday
    if low[-1] in lex.weekdays and nxt is not None and nxt.tag_ == "NNP" and nxt.lower_ not in lex.months \
            and nxt.ent_type_ not in ("DATE", "TIME") and prev is not None and prev.text[:1].isupper() \
            and not prev.is_sent_start:
        return True
    return False


def _is_holiday(span: Span) -> bool:
    lex = lexicon()
    words = [t.lower_ for t in span if t.lower_ not in ("the", "last", "next", "this")]
    name = " ".join(words)
    return name in lex.holidays or name in lex.movable_holidays


# --- spans ----------------------------------------------------------------------------------


def _trim(span: Span) -> Span | None:
    doc = span.doc
    start, end = span.start, span.end
    while start < end and (doc[start].lower_ in _LEADING or doc[start].is_punct or doc[start].is_space):
        low = doc[start].lower_
        nxt = doc[start + 1].lower_ if start + 1 < end else ""
        # "last year", "past decade", "about two years", "over a week" are expressions, not preposition + date
        if low in ("last", "past") and nxt not in ("the",):
            break
        if low in ("about", "around", "over") and start + 1 < end and (doc[start + 1].like_num or
                                                                      nxt in ("a", "an", "half")):
            break
        if low == "after" and nxt in ("a",):
            break
        start += 1
    # "dealt with this six months ago": "this" is a pronoun, not "this week"
    if end - start >= 3 and doc[start].lower_ in ("this", "that") and doc[start + 1].like_num:
        start += 1
    # "the day on Tuesday" cut before the weekday: "on" is the next expression's preposition
    if end - start >= 3 and doc[end - 1].lower_ == "on" and doc[start].lower_ == "the":
        end -= 1
    # "a 20th century democrat": the article belongs to the noun the century describes
    if end - start == 3 and doc[start].lower_ in ("a", "an") and doc[start + 2].lower_ == "century":
        start += 1
    while end > start and (doc[end - 1].text in _TRAILING or doc[end - 1].is_space):
        end -= 1
    # "three days later", "a month after the vote": TimeML tags the distance as a DURATION and
    # leaves the word that orders it out as a signal; "the day before" stays an anaphoric day
    if end - start >= 3 and doc[end - 1].lower_ in _DISTANCE_SIGNALS and doc[end - 2].lower_ in lexicon().units \
            and doc[end - 3].lower_ not in ("the", "that", "this", "same"):
        end -= 1
    if start >= end:
        return None
    return doc[start:end]


def _split_range(span: Span) -> list[Span]:
    """'between 2007 and 2009' -> two spans; one span when the parts do not stand alone."""
    text = span.text
    if not _RANGE.search(text):
        return [span]
    doc = span.doc
    parts: list[Span] = []
    pos = 0
    for m in _RANGE.finditer(text):
        piece = doc.char_span(span.start_char + pos, span.start_char + m.start(), alignment_mode="expand")
        if piece is not None:
            parts.append(piece)
        pos = m.end()
    piece = doc.char_span(span.start_char + pos, span.end_char, alignment_mode="expand")
    if piece is not None:
        parts.append(piece)
    return parts


def _candidates(doc: Doc) -> list[Span]:
    spans: list[Span] = [e for e in doc.ents if e.label_ in ("DATE", "TIME")]
    # The Matcher runs only on short windows that start at a token able to start a pattern:
    # testing every token of an article against every pattern cost more than all the rest.
    triggers, shapes = _triggers()
    matcher = _matcher(doc.vocab)
    windows: list[list[int]] = []
    n = len(doc)
    for t in doc:
        if t.lower_ in triggers or t.shape_ in shapes or t.like_num:
            lo, hi = max(t.i - 2, 0), min(t.i + 5, n)
            if windows and lo <= windows[-1][1]:
                windows[-1][1] = hi
            else:
                windows.append([lo, hi])
    tagged = _tagged_matcher(doc.vocab) if doc.has_annotation("TAG") and doc.has_annotation("POS") else None
    for lo, hi in windows:
        window = doc[lo:hi]
        for _, s, e in matcher(window):
            spans.append(doc[lo + s: lo + e])
        if tagged is not None and any(t.lower_ == "current" for t in window):
            for _, s, _e in tagged(window):
                spans.append(doc[lo + s: lo + s + 1])  # the noun only tells "current" is an adjective
    spans = [sp for sp in (_cut_before_clock24(sp) for sp in spans) if sp is not None]
    # longest first, then keep those that do not overlap a kept one
    spans.sort(key=lambda sp: (-(sp.end - sp.start), sp.start))
    taken = [False] * (len(doc) + 1)
    kept: list[Span] = []
    for sp in spans:
        if any(taken[i] for i in range(sp.start, sp.end)):
            continue
        for i in range(sp.start, sp.end):
            taken[i] = True
        kept.append(sp)
    kept.sort(key=lambda sp: sp.start)
    return _join_clock_and_day(kept)


def _is_clock24(doc: Doc, i: int) -> bool:
    """'1300 GMT', '0600 local time': four digits that are an hour and minutes, then a zone."""
    t = doc[i]
    if t.shape_ != "dddd" or i + 1 >= len(doc) or int(t.text[:2]) > 23 or int(t.text[2:]) > 59:
        return False
    nxt = doc[i + 1].lower_
    return nxt in lexicon().time_zones or (nxt == "local" and i + 2 < len(doc) and doc[i + 2].lower_ == "time")


def _cut_before_clock24(span: Span) -> Span | None:
    """A date span that runs into a 24-hour clock ('25 February 2000' + 'GMT') ends before it;
    '1300' in 'by 1300 GMT' is no year."""
    for t in span:
        if _is_clock24(span.doc, t.i) and not (t.i == span.start and span.end > t.i + 1):
            return span.doc[span.start: t.i] if t.i > span.start else None
    return span


def _join_clock_and_day(spans: list[Span]) -> list[Span]:
    """'5 p.m. EST' + 'Nov. 9', 'noon' + 'Thursday': one TIME, as TimeML tags it."""
    if len(spans) < 2:
        return spans
    lex = lexicon()
    out: list[Span] = [spans[0]]
    for sp in spans[1:]:
        last = out[-1]
        doc = sp.doc
        gap = doc[last.end: sp.start]
        first = sp[0].lower_.rstrip(".")
        # a clock before a full date with its year is a timestamp line ("Published 14:05 GMT, March 26th
        # 2022"): the date stays an expression of its own, as the publication date
        joinable_gap = len(gap) <= 1 and all(t.text in (",", "on") for t in gap)
        if joinable_gap and (first in lex.weekdays or first in lex.months) \
                and _ends_with_clock(last) and not any(_YEAR.fullmatch(t.text) for t in sp):
            out[-1] = doc[last.start: sp.end]
        # "two hours 18 minutes 15 seconds", "three years and two months": one measure in falling units
        elif len(gap) <= 1 and all(t.lower_ in ("and", ",") for t in gap) and _falling_units(last, sp):
            out[-1] = doc[last.start: sp.end]
        # "Friday, 25 February" and "25 February 2000 GMT": a weekday and its date, a day and its time
        elif joinable_gap and gap.text != "on" and (
                (last[0].lower_ in lex.weekdays and len(last) == 1 and _has_day_number(sp))
                or (_has_day_number(last) and _is_clock24(doc, sp.start) and len(sp) <= 3)):
            out[-1] = doc[last.start: sp.end]
        else:
            out.append(sp)
    return out


def _falling_units(first: Span, second: Span) -> bool:
    units = lexicon().units
    a, b = units.get(first[-1].lower_), units.get(second[-1].lower_)
    return a in UNIT_ORDER and b in UNIT_ORDER and UNIT_ORDER.index(a) < UNIT_ORDER.index(b) and len(second) <= 3 \
        and (second[0].like_num or second[0].lower_ in ("a", "an"))


def _has_day_number(span: Span) -> bool:
    lex = lexicon()
    return any(t.lower_.rstrip(".") in lex.months for t in span) and any(
        t.like_num and not _YEAR.fullmatch(t.text) or t.shape_ in ("dxx", "ddxx") for t in span)


def _ends_with_clock(span: Span) -> bool:
    t = span[-1]
    low = t.lower_.rstrip(".")
    return low in ("noon", "midnight", "midday", "am", "pm", "a.m", "p.m") or low in lexicon().time_zones \
        or t.shape_ in ("d:dd", "dd:dd")


_FRACTION_WORDS = frozenset({"a", "one", "two", "three", "more", "less", "almost", "nearly", "about", "around",
                             "over", "under", "roughly", "some", "just", "fewer"})
# "postponed to", "put back to", "brought forward to <date>": a new date, usually still ahead
_MOVED_TO = frozenset({"extended", "postponed", "delayed", "moved", "back", "forward", "rescheduled", "deferred",
                       "pushed", "shifted", "adjourned"})
_OPEN_END_WORDS = frozenset({"beyond", "later", "after", "earlier", "before"})
_DECADE = re.compile(r"(?:\d{2})?\d0s")
_MODS_BEFORE = frozenset({"early", "earlier", "late", "later", "mid", "sometime"})
_RELATIONS_BEFORE = frozenset({"last", "next", "this", "coming", "previous", "past"})
_CLOCK_BEFORE = frozenset({"noon", "midnight", "midday"})
_PERIOD_WORDS = frozenset({"year", "month", "week", "quarter", "weekend", "decade", "century"})


def _expand(span: Span) -> Span:
    """Take in words spaCy or a pattern left out: 'early' in 'early next year', 'earlier in March',
    'last' in 'last Friday', 'noon' in 'noon Thursday'."""
    doc = span.doc
    lex = lexicon()
    start = span.start
    first = doc[start].lower_
    named = first in lex.months or first in lex.weekdays or first in lex.seasons or _is_holiday(span)
    if start > 0 and doc[start - 1].lower_ in _RELATIONS_BEFORE and (named or first in _PERIOD_WORDS):
        start -= 1
    if start > 0 and doc[start - 1].lower_ in _CLOCK_BEFORE and first in lex.weekdays:
        start -= 1
    if start > 0 and doc[start - 1].lower_ in _MODS_BEFORE and (named or first in ("this", "next", "last", "that")
                                                                 or doc[start].like_num):
        start -= 1
    elif start > 1 and doc[start - 1].lower_ == "in" and doc[start - 2].lower_ in ("earlier", "later") and named:
        start -= 2
    end = span.end
    # "the last half" + "of the '80s": a part of a decade or century is one expression
    if end + 1 < len(doc) and doc[end - 1].lower_ in ("half", "part") and doc[end].lower_ == "of":
        k = end + 1
        k += doc[k].lower_ == "the"
        k += k < len(doc) and doc[k].text in ("'", "’")
        if k < len(doc) and (_DECADE.fullmatch(doc[k].lower_) or doc[k].lower_ in lex.decade_words):
            end = k + 1
        elif k + 1 < len(doc) and doc[k + 1].lower_ == "century" and (
                doc[k].lower_ in lex.ordinals or re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)", doc[k].lower_)):
            end = k + 2
    # "a quarter" + "of an hour": a fraction of a unit is a length of time
    if end + 2 < len(doc) and doc[end - 1].lower_ == "quarter" and doc[end].lower_ == "of" \
            and doc[end + 1].lower_ in ("a", "an") and doc[end + 2].lower_ in ("hour", "century"):
        end += 3
    # "2026 and beyond", "2025 or later", "2030 onwards": an open end is part of the period
    if end < len(doc) and doc[end].lower_ in ("onwards", "onward"):
        end += 1
    elif end + 1 < len(doc) and doc[end].lower_ in ("and", "or") and doc[end + 1].lower_ in _OPEN_END_WORDS and (
            end + 2 == len(doc) or doc[end + 2].is_punct or doc[end + 2].pos_ in ("CCONJ", "VERB", "AUX")):
        end += 2
    # a span cut at a hyphen takes the rest of the word: "third-" + "quarter", "nineteen ninety-" + "six"
    while end < len(doc) and end > start and doc[end - 1].text == "-" and not doc[end - 1].whitespace_:
        end += 1
    # "the year-ago" + "period", "the 1988" + "quarter": the comparison period is the whole phrase
    if end < len(doc) and doc[end].lower_ in ("period", "quarter", "half") and (
            doc[end - 1].lower_ in ("ago", "earlier") or (_YEAR.fullmatch(doc[end - 1].text) and end - start == 1
                                                          and start > 0 and doc[start - 1].lower_ == "the")):
        if _YEAR.fullmatch(doc[end - 1].text) and end - start == 1:
            start -= 1
        end += 1
    return doc[start: end] if (start, end) != (span.start, span.end) else span


def find_dates(doc: Doc) -> list[TemporalExpression]:
    """Every temporal expression of ``doc`` with its TIMEX3 reading, sorted by start offset."""
    reference = doc._.qn_reference if doc.has_extension("qn_reference") else None
    ref_time = doc._.qn_reference_time if doc.has_extension("qn_reference_time") else None
    anchor: date | datetime | None = ref_time if isinstance(ref_time, datetime) else reference
    if anchor is None and isinstance(ref_time, datetime):
        anchor = ref_time
    out: list[TemporalExpression] = []
    previous: Period | None = None
    fiscal: Period | None = None  # the last quarter or half the text named: earnings reports compare to it
    for raw in _candidates(doc):
        trimmed = _trim(_expand(raw))
        if trimmed is None:
            continue
        if fiscal is not None and _COMPARISON.search(trimmed.text) and \
                (previous is None or previous.gran not in ("Q", "H", "M")):
            # "a year ago" after "the quarter ended Sept. 30": the quarter is compared, not the day
            previous = fiscal
        resolution = _resolve_span(trimmed, anchor, previous)
        pieces: list[tuple[Span, Resolution]] = []
        if resolution is not None and not _SPLIT.search(trimmed.text):
            pieces.append((trimmed, resolution))
        else:
            for part in _split_range(trimmed):
                part = _trim(part)
                if part is None:
                    continue
                r = _resolve_span(part, anchor, previous)
                if r is not None:
                    pieces.append((part, r))
                else:
                    pieces.extend(_sub_spans(part, anchor, previous))
        for span, r in pieces:
            if _is_false_positive(span):
                continue
            r = _fiscal_year_duration(span, r)
            r = _quarter_ended(span, r, anchor)
            r = _rate(span, r)
            # "noon" then "noon Thursday" (the weekday took in the clock word before it): keep the longer
            while out and out[-1].end > span.start_char:
                if out[-1].start >= span.start_char and out[-1].end <= span.end_char:
                    out.pop()
                else:
                    break
            if out and out[-1].end > span.start_char:
                continue
            out.append(TemporalExpression(span.start_char, span.end_char, span.text, r.type, r.value, r.mod,
                                          r.interval, r.anchor))
            # only what the text itself fixes becomes the period under discussion, so that
            # "a year earlier" after "a year earlier" does not drift back year after year
            if r.type in ("DATE", "TIME") and r.interval is not None and r.anchor != "previous":
                p = period_of_value(r.value)
                if p is not None:
                    previous = p
            if r.type == "DATE" and r.anchor != "previous" and re.fullmatch(r"\d{4}-[QH]\d", r.value):
                fiscal = period_of_value(r.value)
            elif fiscal is not None and r.type == "DURATION" and _CUMULATIVE.fullmatch(span.text):
                # "for the nine months, net rose from a year earlier": the comparison is now with
                # the months so far, which TimeML gives as the year they fall in, not the quarter
                previous = containing(fiscal.first, "Y")
                fiscal = None
    out.sort(key=lambda t: t.start)
    return out


_COMPARISON = re.compile(r"\byear[- ](?:ago|earlier)\b|^the (?:1\d{3}|20\d{2}) (?:period|quarter)$|^the quarter$|"
                         r"\b(?:latest|current) period$",
                         re.IGNORECASE)
_CUMULATIVE = re.compile(r"(?:the |its )?(?:first |latest |past )?(?:six|nine|6|9) months", re.IGNORECASE)
_YEAR_ENDED = re.compile(r"(?:the )?(?:fiscal |financial )?year", re.IGNORECASE)


_AMOUNT_LABELS = frozenset({"MONEY", "PERCENT", "QUANTITY", "CARDINAL"})


def _rate(span: Span, r: Resolution) -> Resolution:
    """'$5bn a year', '3,000 visits a year', 'twice a week': after an amount "a year" is per year (a SET)."""
    if r.type != "DURATION" or len(span) != 2 or span[0].lower_ not in ("a", "an") or not r.value.startswith("P1"):
        return r
    doc = span.doc
    before = doc[max(span.start - 3, 0): span.start]
    if not before or before[-1].is_punct or before[-1].pos_ == "ADP":  # "rose 5% in a year" is a length
        return r
    if any(t.like_num or t.ent_type_ in _AMOUNT_LABELS or t.lower_ in ("times", "twice", "once", "thrice")
           for t in before):
        return Resolution("SET", r.value, r.mod, None, "set")
    return r


def _fiscal_year_duration(span: Span, r: Resolution) -> Resolution:
    """'the year ended March 31' is a twelve-month span ending on that day, not the calendar year (TimeML P1Y)."""
    if r.type != "DATE" or not _YEAR_ENDED.fullmatch(span.text):
        return r
    doc = span.doc
    if span.end < len(doc) and doc[span.end].lower_ in ("ended", "ending"):
        return Resolution("DURATION", "P1Y", r.mod, None, "duration")
    return r


_THE_QUARTER = re.compile(r"(?:the|its|that) quarter", re.IGNORECASE)


def _quarter_ended(span: Span, r: Resolution, anchor: date | datetime | None) -> Resolution:
    """'the quarter ended July 31' (May to July) is the calendar quarter that holds most of its three
    months, the one of its middle month: 2nd quarter; an ordinal ('the fourth quarter ended July 31')
    names a fiscal quarter and stays as it is."""
    if r.type != "DATE" or anchor is None or not _THE_QUARTER.fullmatch(span.text):
        return r
    doc = span.doc
    if span.end + 1 >= len(doc) or doc[span.end].lower_ not in ("ended", "ending"):
        return r
    month = lexicon().months.get(doc[span.end + 1].lower_.rstrip("."))
    if month is None:
        return r
    ref = anchor.date() if isinstance(anchor, datetime) else anchor
    year = ref.year if month <= ref.month else ref.year - 1
    middle = date(year - 1, 12, 1) if month == 1 else date(year, month - 1, 1)
    q = containing(middle, "Q")
    return Resolution("DATE", q.value, r.mod, Interval.of(q.first, q.last), r.anchor)


def _sub_spans(span: Span, anchor: date | datetime | None, previous: Period | None) -> list[tuple[Span, Resolution]]:
    """The longest parts of an unresolvable span that are expressions ("the year ended Sept. 30")."""
    n = len(span)
    if n < 2 or n > 12:
        return []
    found: list[tuple[Span, Resolution]] = []
    seen: set[tuple[int, int]] = set()
    taken = [False] * n
    for length in range(n - 1, 0, -1):
        for i in range(0, n - length + 1):
            if any(taken[i: i + length]):
                continue
            part = _trim(span[i: i + length])
            if part is None or (len(part) != length and (part.start, part.end) in seen):
                continue
            seen.add((part.start, part.end))
            r = _resolve_span(part, anchor, previous)
            if r is not None:
                found.append((part, r))
                for k in range(i, i + length):
                    taken[k] = True
    return sorted(found, key=lambda x: x[0].start)


# Words after which a date is a deadline or a payment day: "payable Dec. 7", "effective Feb. 1",
# "extended until Nov. 16", "of record Nov. 22". The main verb's past tense ("declared a dividend
# payable Dec. 7") says nothing about such a date, so it is placed by nearness instead.
_FORWARD_CUES = frozenset({"until", "till", "through", "thru", "payable", "effective", "record", "due", "expire",
                           "expires", "expiring", "deadline"})


_PLAN_VERBS = frozenset({"propose", "schedule", "plan", "set", "slate", "book", "earmark", "pencil", "fix",
                         "call", "postpone", "delay", "move", "reschedule", "push", "bring", "predict", "expect",
                         "tip", "forecast", "anticipate"})
# what looks ahead from the time it is said: "planned a rally on Saturday", "expecting an election on 5 May"
_LOOKING_AHEAD = frozenset({"plan", "schedule", "expect", "predict", "forecast", "anticipate"})


def _plans_for(prep: Token) -> bool:
    """The "for" of "proposed/scheduled/set for <date>" (with the parse, or right after the verb)."""
    head = prep.head if prep.doc.has_annotation("DEP") else prep.doc[max(prep.i - 1, 0)]
    return head.lemma_.lower() in _PLAN_VERBS and head.i < prep.i


def _planning_verb(span: Span) -> Token | None:
    """The "plan" or "schedule" the date hangs from, directly ("planned Saturday") or through the
    planned thing ("planned a rally on Saturday", "scheduled a vote in the senate on Monday")."""
    tok = span.root.head
    for _ in range(4):
        # "Cuba predicted Wednesday": a date on the verb itself dates the predicting, not the prediction
        direct = tok.i == span.root.head.i
        if tok.lemma_.lower() in _LOOKING_AHEAD and tok.i < span.start and \
                not (direct and tok.lemma_.lower() not in ("plan", "schedule")):
            return tok
        if tok.head.i == tok.i or tok.pos_ in ("VERB", "AUX"):
            return None
        tok = tok.head
    return None


def _resolve_span(span: Span, anchor: date | datetime | None, previous: Period | None) -> Resolution | None:
    text = span.text
    if not any(c.isalnum() for c in text):
        return None
    tense = tense_of(span)
    if tense == "past" and span.start > 0:
        doc = span.doc
        before = doc[span.start - 1].lower_
        if before in _FORWARD_CUES or (before == "to" and span.start > 1 and
                                       doc[span.start - 2].lower_ in _MOVED_TO):
            tense = None
        elif before == "for" and span.start > 1 and _plans_for(doc[span.start - 1]):
            # "has proposed for late May", "was scheduled for Tuesday": the time of the plan,
            # not of the proposing: it looks ahead from the time of writing
            tense = "future"
        elif doc.has_annotation("DEP") and _planning_verb(span) is not None:
            # "planned a rally on Saturday", "has scheduled a news conference Thursday": the
            # planned event lies ahead of the planning, and news plans what is still to come
            tense = "future"
    return _cached_resolve(text, anchor, tense, previous)


@lru_cache(maxsize=4096)
def _cached_resolve(text: str, anchor: date | datetime | None, tense: str | None,
                    previous: Period | None) -> Resolution | None:
    return resolve(text, anchor, tense, previous=previous)

"""Rules that turn the text of one temporal expression into a TIMEX3 type, value, mod and interval.

The text is lower-cased and tidied ("mid-2021" -> "mid 2021", "Oct." -> "oct", "a.m." -> "am"),
modifiers are peeled off ("late April" -> END + "april"), and the rest is tried against rules
from the most specific (a full calendar date) to the vaguest (PAST_REF). Relative expressions are
anchored on the reference date, with the tense of the governing verb deciding the direction of
underspecified ones ("Friday", "March"), and on the previously mentioned period for anaphoric
ones ("a year earlier", "the following day").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from quadnews.dates.calendar import (
    Period,
    add_months,
    bounded_year,
    containing,
    days_in_month,
    narrow,
    period_of_value,
    season,
)
from quadnews.dates.lexicon import Lexicon, lexicon
from quadnews.models import Interval


@dataclass(frozen=True, slots=True)
class Resolution:
    type: str  # DATE | TIME | DURATION | SET
    value: str
    mod: str | None = None
    interval: Interval | None = None
    anchor: str | None = None  # how it was resolved: absolute, reference, tense:past, previous, ...


_FINER = {g: i for i, g in enumerate(("D", "WE", "W", "M", "S", "Q", "H", "Y", "DE", "CE", "ML"))}
# what a unit word becomes when it names a calendar period ("last month", "three weeks ago")
_UNIT_GRAN = {"D": "D", "NIGHT": "D", "W": "W", "FORTNIGHT": "W", "WE": "WE", "M": "M", "Q": "Q",
              "Y": "Y", "DE": "DE", "CE": "CE", "ML": "ML"}


@dataclass(slots=True)
class _Ctx:
    ref: date | None
    ref_time: datetime | None
    tense: str | None
    previous: Period | None
    lex: Lexicon


# --- text clean-up -------------------------------------------------------------------------

_APOS = re.compile(r"[\u2018\u2019\u02bc`]")
_DASHES = re.compile(r"[\u2010-\u2015]")


def clean(text: str) -> str:
    s = _APOS.sub("'", text.lower())
    s = _DASHES.sub("-", s)
    s = re.sub(r"(?<=\d)(st|nd|rd|th)\b", "", s)  # 26th -> 26
    s = re.sub(r"'s\b", "", s)  # friday's, this year's
    s = re.sub(r"\.(?!\d)", " ", s)  # oct. -> oct, a.m. -> a m
    s = re.sub(r"\b([ap]) m\b", r"\1m", s)
    s = re.sub(r"(?<=[a-z])-(?=[a-z0-9])|(?<=[0-9])-(?=[a-z])", " ", s)  # mid-2021, two-year, 30-year
    s = re.sub(r"[,;:!?()\[\]\"](?!\d)", " ", s)  # keep 08:32
    s = re.sub(r"(?<!\d):", " ", s)
    return " ".join(s.split())


# --- numbers -------------------------------------------------------------------------------


def parse_number(s: str, lex: Lexicon) -> float | None:
    """'3', '2.5', '2 1/2', 'twenty four', 'a couple of', 'one hundred' -> the number; None if not one."""
    s = s.strip()
    if not s:
        return None
    if s in lex.numbers:
        return float(lex.numbers[s])
    m = re.fullmatch(r"(\d+(?:\.\d+)?)(?: (\d)/(\d))?", s.replace(",", ""))
    if m:
        n = float(m.group(1))
        if m.group(2):
            n += int(m.group(2)) / max(int(m.group(3)), 1)
        return n
    m = re.fullmatch(r"(.+?) and a half", s)
    if m:
        base = parse_number(m.group(1), lex)
        return None if base is None else base + 0.5
    total = 0.0
    current = 0.0
    seen = False
    for w in s.split():
        if w == "and":
            continue
        if w in ("hundred",):
            current = max(current, 1) * 100
        elif w == "thousand":
            total += max(current, 1) * 1000
            current = 0
        elif w in lex.numbers and w not in ("a", "an", "couple", "dozen", "single"):
            current += lex.numbers[w]
        else:
            return None
        seen = True
    return total + current if seen else None


def parse_year_words(s: str, lex: Lexicon) -> int | None:
    """'nineteen ninety six' -> 1996, 'two thousand one' -> 2001, 'twenty twenty two' -> 2022."""
    words = s.split()
    if len(words) < 2 or any(w not in lex.numbers and w not in ("hundred", "thousand", "and", "oh")
                             for w in words):
        return None
    if "thousand" in words:
        n = parse_number(s, lex)
        return int(n) if n and 1000 <= n <= 2999 else None
    # "nineteen ninety six": a two-digit number for the century, then the rest
    for cut in (1, 2):
        head = parse_number(" ".join(words[:cut]), lex)
        tail_words = [w for w in words[cut:] if w != "oh"]
        tail = parse_number(" ".join(tail_words), lex) if tail_words else None
        if head and 10 <= head <= 20 and tail is not None and tail < 100 and head == int(head):
            if cut == 2 and words[0] not in ("nineteen", "eighteen", "twenty", "seventeen"):
                continue
            return int(head) * 100 + int(tail)
    return None


def _fmt(n: float) -> str:
    return str(int(n)) if n == int(n) else f"{n:g}"


def duration_value(n: float | None, unit: str) -> str:
    """P2D, PT3H, P10Y ('a decade'), PXM (vague number)."""
    if unit == "FORTNIGHT":
        unit, n = "W", None if n is None else n * 2
    if unit == "WE":
        return "P2D" if n is None or n == 1 else f"P{_fmt(2 * n)}D"
    if unit == "NIGHT":
        unit = "D"
    if unit == "DE":
        return "PXDE" if n is None else f"P{_fmt(10 * n)}Y"
    if unit == "CE":
        return "PXCE" if n is None else f"P{_fmt(100 * n)}Y"
    if unit == "ML":
        return "PXML" if n is None else f"P{_fmt(1000 * n)}Y"
    if unit == "Q":
        return "PXQ" if n is None else f"P{_fmt(n)}Q"
    if unit in ("H", "MIN", "S"):
        letter = {"H": "H", "MIN": "M", "S": "S"}[unit]
        if n is None:
            return f"PTX{letter}"
        if n != int(n) and unit in ("H", "MIN"):
            whole = int(n)
            frac = round((n - whole) * 60)
            smaller = "M" if unit == "H" else "S"
            return f"PT{whole}{letter}{frac}{smaller}" if whole else f"PT{frac}{smaller}"
        return f"PT{_fmt(n)}{letter}"
    if n is not None and n != int(n) and unit == "Y" and (n * 12) == int(n * 12):
        # "2 1/2 years" is P2Y6M in TimeML, "half a year" P6M
        whole, months = int(n), round((n - int(n)) * 12)
        return f"P{whole}Y{months}M" if whole else f"P{months}M"
    return f"P{'X' if n is None else _fmt(n)}{unit}"


# --- building results ----------------------------------------------------------------------


def _period(p: Period, mod: str | None, anchor: str) -> Resolution | None:
    if not bounded_year(p.first.year) or not bounded_year(p.last.year):
        return None
    first, last = narrow(p.first, p.last, mod)
    return Resolution("DATE", p.value, mod, Interval.of(first, last), anchor)


def _day_with(p: Period, suffix: str, mod: str | None, anchor: str, typ: str = "TIME") -> Resolution:
    return Resolution(typ, f"{p.value}T{suffix}", mod, Interval.of(p.first, p.first), anchor)


def _ref_word(kind: str, mod: str | None = None) -> Resolution:
    return Resolution("DATE", kind, mod, None, "vague")


# --- anchoring -----------------------------------------------------------------------------


def anchor_weekday(ref: date, weekday: int, tense: str | None, relation: str | None) -> date:
    """The day called ``weekday`` (1 = Monday) that a reader of an article of ``ref`` understands."""
    back = (ref.isoweekday() - weekday) % 7  # days back to the most recent such day (0 = today)
    ahead = (weekday - ref.isoweekday()) % 7
    if relation == "last" or relation == "previous":
        return ref - timedelta(days=back or 7)
    if relation == "next" or relation == "coming":
        return ref + timedelta(days=ahead or 7)
    if relation == "this":
        return ref - timedelta(days=ref.isoweekday() - weekday)
    if back == 0:
        return ref
    if tense == "past":
        return ref - timedelta(days=back)
    if tense == "future":
        return ref + timedelta(days=ahead)
    if tense == "present":
        # a timetable in the present ("the ultimatum expires Tuesday") looks ahead on a tie
        return ref - timedelta(days=back) if back < ahead else ref + timedelta(days=ahead)
    # no tense ("Thursday's closing price"): news mostly reports what happened, so the past wins
    # unless the coming day is clearly nearer
    return ref - timedelta(days=back) if back <= ahead + 1 else ref + timedelta(days=ahead)


def anchor_month(ref: date, month: int, tense: str | None, relation: str | None) -> int:
    """The year of a month name without one ("in March"), by tense and nearness."""
    if relation in ("last", "previous"):
        return ref.year if month < ref.month else ref.year - 1
    if relation in ("next", "coming"):
        return ref.year if month > ref.month else ref.year + 1
    if relation == "this" or month == ref.month:
        return ref.year
    if tense == "past":
        return ref.year if month < ref.month else ref.year - 1
    if tense == "future":
        return ref.year if month > ref.month else ref.year + 1
    # no tense: the nearer occurrence, with a slight lean to the past (news reports what happened)
    back = (ref.month - month) % 12
    ahead = (month - ref.month) % 12
    if back <= ahead + 2:
        return ref.year if month < ref.month else ref.year - 1
    return ref.year if month > ref.month else ref.year + 1


def anchor_season(ref: date, code: str, tense: str | None, relation: str | None) -> Period:
    current = containing(ref, "S")
    this_year = season(current.first.year if code != "WI" else current.first.year, code)
    if code != "WI" and current.value.endswith("WI") and ref.month < 3:
        this_year = season(ref.year, code)
    if relation in ("last", "previous"):
        return this_year if this_year.first < current.first else this_year.shift(-1)
    if relation in ("next", "coming"):
        return this_year if this_year.first > current.first else this_year.shift(1)
    if relation == "this" or this_year == current:
        return this_year
    if tense == "past":
        return this_year if this_year.first < current.first else this_year.shift(-1)
    if tense == "future":
        return this_year if this_year.first > current.first else this_year.shift(1)
    return this_year


# --- the rules -----------------------------------------------------------------------------


class _Rules:
    """Compiled regexes built from the lexicon."""

    def __init__(self, lex: Lexicon) -> None:
        alt = lex.alternation
        self.month = alt(lex.months)
        self.wday = alt(lex.weekdays)
        self.season = alt(lex.seasons)
        self.unit = alt(lex.units)
        self.pod = alt(lex.parts_of_day)
        num_words = [w for w in lex.numbers if " " not in w] + ["and", "hundred", "thousand"]
        self.num = rf"(?:\d+(?:\.\d+)?(?: \d/\d)?|(?:(?:{alt(num_words)})(?: |$))+|a couple of|couple of|a pair of|half an?)"
        self.vague = alt(lex.vague_numbers)
        self.ordinal = alt(lex.ordinals)
        self.zone = alt(lex.time_zones)
        self.day = r"(?:[12]\d|3[01]|0?[1-9])"
        self.year = r"(?:1\d{3}|20\d{2})"
        day_ord = alt([w for w, v in lex.ordinals.items() if 1 <= v <= 31 and not w[0].isdigit()])
        self.day_any = rf"(?:{self.day}|{day_ord}|(?:twenty|thirty) (?:{day_ord}))"
        self.full = re.compile(
            rf"^(?:(?P<rel>last|next|this|this coming|this past|coming|past) )?(?:(?P<wd>{self.wday}) )?(?:the )?(?:(?P<d1>{self.day_any}) (?:of )?)?(?P<mon>{self.month})"
            rf"(?: (?:the )?(?P<d2>{self.day_any}))?(?: (?:of )?(?P<y>{self.year}|'\d\d))?$"
        )
        self.iso = re.compile(r"^(?P<y>\d{4})-(?P<m>\d{2})(?:-(?P<d>\d{2}))?(?:t(?P<t>\d{2}:\d{2}(?::\d{2})?))?$")
        self.numeric = re.compile(r"^(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{2}|\d{4})$")
        self.clock = re.compile(
            rf"(?:^| )(?:(?P<h>\d{{1,2}})(?:[:.](?P<mi>\d{{2}}))?(?::(?P<s>\d{{2}}))? ?(?P<ap>am|pm)?"
            rf"(?: (?P<oc>o'clock))?(?: (?P<zone>{self.zone}))?|(?P<word>noon|midnight|midday)|"
            # the 24-hour clock of wire and BBC copy, always with its zone: "1300 GMT", "0830 EST"
            rf"(?P<hh>[01]\d|2[0-3])(?P<mm>[0-5]\d) (?P<zone24>{self.zone}|local time))(?= |$)"
        )


@dataclass
class _State:
    s: str
    mod: str | None = None
    word: str | None = None  # the modifier word peeled off ("earlier", "late", ...)


_RULES: _Rules | None = None


def _rules(lex: Lexicon) -> _Rules:
    global _RULES
    if _RULES is None:
        _RULES = _Rules(lex)
    return _RULES


_LEAD_PREPS = ("in", "on", "at", "by", "since", "until", "till", "from", "during", "for", "of", "to", "within",
               "through", "throughout", "as of", "starting", "beginning", "ending", "into", "sometime")
_RELATIONS = {"last": "last", "past": "last", "previous": "previous", "preceding": "previous", "prior": "previous",
              "next": "next", "coming": "next", "following": "next", "this": "this", "current": "this",
              "present": "this", "that": "that", "the same": "that", "same": "that"}


def _strip_preps(s: str) -> str:
    changed = True
    while changed:
        changed = False
        if s.startswith(("at least ", "at most ", "up to ", "in excess of ")):
            break
        for p in _LEAD_PREPS:
            if s.startswith(p + " "):
                s = s[len(p) + 1:]
                changed = True
    return s


def resolve(text: str, reference: date | datetime | None, tense: str | None = None, *,
            previous: Period | None = None) -> Resolution | None:
    """The TIMEX3 reading of ``text`` anchored on ``reference``; None when it is not a temporal expression.

    ``tense`` ("past", "present", "future") is that of the verb the expression depends on;
    ``previous`` is the last period the text mentioned, for "a year earlier", "that day", ...
    """
    try:
        return _resolve(text, reference, tense, previous)
    except (ValueError, OverflowError, IndexError):  # impossible dates such as "February 30"
        return None


def _resolve(text: str, reference: date | datetime | None, tense: str | None,
             previous: Period | None) -> Resolution | None:
    lex = lexicon()
    ref_time = reference if isinstance(reference, datetime) else None
    ref = reference.date() if isinstance(reference, datetime) else reference
    ctx = _Ctx(ref, ref_time, tense, previous, lex)
    s = clean(text)
    s = _strip_preps(s)
    if not s or len(s) > 80:
        return None
    # a fiscal year is named like a calendar one: "fiscal 1989", "the fiscal first quarter"
    s = re.sub(r"\b(?:fiscal|financial|calendar)\b ?(?=\w)", "", s) or s
    # "a year and a half", "two hours and a half", "five and a half months" -> "1.5 year", "5.5 months"
    r = _rules(lex)
    half = re.search(rf"(?P<n>{r.num}) ?(?P<unit>{r.unit}) and a half", s) or \
        re.search(rf"(?P<n>\d+|[a-z]+) and a half (?P<unit>{r.unit})", s)
    if half:
        n0 = parse_number(half.group("n").strip(), lex)
        if n0 is not None:
            s = s[: half.start()] + f"{n0 + 0.5:g} {half.group('unit')}" + s[half.end():]
    # fractions of a unit: "a quarter of an hour", "three quarters of a century"
    s = re.sub(r"^(?:a |one )?quarter of an? (hour|century)$", lambda m: {"hour": "15 minutes",
               "century": "25 years"}[m.group(1)], s)
    s = re.sub(r"^three quarters of an? (hour|century)$", lambda m: {"hour": "45 minutes",
               "century": "75 years"}[m.group(1)], s)
    st = _State(s)
    _peel_mods(st, lex)
    if not st.s:
        return None
    for rule in _RULE_ORDER:
        res = rule(st, ctx)
        if res is not None:
            return _relative_to_now(res, st, ref)
    return None


def _relative_to_now(res: Resolution, st: _State, ref: date | None) -> Resolution:
    """'earlier this month', 'earlier in March' (in March): the part of the period before the reference day."""
    if st.word not in ("earlier", "later") or res.interval is None or ref is None:
        return res
    first, last = date.fromisoformat(res.interval.start), date.fromisoformat(res.interval.end)
    p = period_of_value(res.value)
    if p is None or not (p.first <= ref <= p.last):
        return res
    if st.word == "earlier" and ref > p.first:
        first, last = p.first, ref - timedelta(days=1)
    elif st.word == "later" and ref < p.last:
        first, last = ref + timedelta(days=1), p.last
    return Resolution(res.type, res.value, res.mod, Interval.of(first, last), res.anchor)


_OPEN_ENDS = ((" or earlier", "ON_OR_BEFORE"), (" or before", "ON_OR_BEFORE"), (" and earlier", "ON_OR_BEFORE"),
              (" and beyond", "ON_OR_AFTER"), (" and later", "ON_OR_AFTER"), (" and after", "ON_OR_AFTER"),
              (" or after", "ON_OR_AFTER"), (" onwards", "ON_OR_AFTER"), (" onward", "ON_OR_AFTER"))


def _peel_mods(st: _State, lex: Lexicon) -> None:
    s = st.s
    if s.endswith(" or so") or s.endswith(" or more") or s.endswith(" or longer") or s.endswith(" or later"):
        tail = s.rsplit(" ", 1)[1]
        st.mod = {"so": "APPROX", "more": "EQUAL_OR_MORE", "longer": "EQUAL_OR_MORE", "later": "ON_OR_AFTER"}[tail]
        s = s[: -len(" or " + tail)]
    # "1990 and beyond", "2025 onwards", "June or before": open-ended periods
    for tail, mod in _OPEN_ENDS:
        if s.endswith(tail) and len(s) > len(tail):
            st.mod, s = mod, s[: -len(tail)]
            break
    for table in (lex.mods_quantity, lex.mods_prefix):
        for word in sorted(table, key=len, reverse=True):
            if s.startswith(word + " ") and len(s) > len(word) + 1:
                rest = _strip_preps(s[len(word) + 1:])
                # "later" and "earlier" alone are refs; "before"/"after" need a date after them
                st.mod = st.mod or table[word]
                st.word = word
                s = rest
                break
    st.s = s


# Each rule takes the state and context and returns a Resolution or None.


def _rule_year_ago_period(st: _State, ctx: _Ctx) -> Resolution | None:
    """'the year-ago period', 'the year-earlier quarter', 'the corresponding period last year', 'the 1988 period'.

    A comparison period: the one under discussion moved back a year (or into the named year).
    """
    m = re.fullmatch(r"(?:the |its |their )?(?:comparable |corresponding |same |like )?(?:(?P<ago>year ago|year earlier|"
                     r"prior year|previous year|last year|(?P<y>1\d{3}|20\d{2})) )?(?P<what>period|quarter|half|months?|"
                     r"(?:\w+ )?months|nine months|six months)(?: (?:a year ago|a year earlier|last year|of last year|"
                     r"the year before|(?P<y2>1\d{3}|20\d{2})))?", st.s)
    if re.fullmatch(r"(?:the )?(?:latest|current) period", st.s):
        # the period an earnings report is about; without one named before it is no date
        prev = ctx.previous
        return _period(prev, st.mod, "previous") if prev is not None and prev.gran in ("Q", "H") else None
    if not m and re.fullmatch(r"(?:the )?year (?:ago|earlier)", st.s):
        m = re.fullmatch(r"(?:the )?(?P<ago>year ago|year earlier)(?P<what>)(?P<y>)(?P<y2>)", st.s)
    if not m or not (m.group("ago") or m.group("y") or m.group("y2") or st.s.endswith(("ago", "earlier", "year",
                                                                                     "before"))):
        return None
    if m.group("what") in ("quarter", "half") and not (m.group("ago") or m.group("y2")) and m.group("y"):
        return None  # "the 1988 quarter": the quarter rule
    prev = ctx.previous
    year = m.group("y") or m.group("y2")
    if m.group("what").endswith("months") and m.group("what") != "months" and not year:
        return None  # "the year-earlier nine months": a duration, left to the duration rule
    if prev is not None and prev.gran in ("Q", "H", "M", "S"):
        p = prev.shift(-{"Q": 4, "H": 2, "M": 12, "S": 1}[prev.gran]) if not year else \
            Period(prev.gran, prev.first.replace(year=int(year)))
        return _period(p, st.mod, "previous")
    if year:
        return _period(Period("Y", date(int(year), 1, 1)), st.mod, "absolute")
    if ctx.ref is None:
        return None
    return _period(containing(ctx.ref, "Y").shift(-1), st.mod, "reference")


def _rule_ref(st: _State, ctx: _Ctx) -> Resolution | None:
    s, lex = st.s, ctx.lex
    bare = s[4:] if s.startswith("the ") else s
    if s in lex.present_ref or bare in lex.present_ref:
        return _ref_word("PRESENT_REF", st.mod)
    if s in lex.future_ref or bare in lex.future_ref:
        return _ref_word("FUTURE_REF", st.mod)
    if s in lex.past_ref or bare in lex.past_ref:
        return _ref_word("PAST_REF", st.mod)
    m = re.fullmatch(r"(?:the )?(?:(?:very|more|most) )?(recent|coming|future|near|upcoming|past|earlier|later|"
                     r"previous|prior|(?:next|past|last|coming|recent|previous) (?:few|several|many))"
                     r" (\w+)(?: and (\w+))?", s)
    if m:
        kind, unit = m.group(1), lex.units.get(m.group(2))
        if unit is None:
            if m.group(2) in ("term", "times", "time", "past", "future", "period", "periods", "date"):
                if kind in ("near", "coming", "future", "later", "upcoming"):
                    return _ref_word("FUTURE_REF", st.mod)
                return _ref_word("PAST_REF", st.mod)
            return None
        plural = m.group(2).endswith("s") or m.group(3) is not None
        if not plural:
            return None
        if m.group(3) is not None:
            return _ref_word("PAST_REF" if kind in ("recent", "past") else "FUTURE_REF", st.mod)
        if kind in ("coming", "future", "upcoming", "near", "later"):
            return _ref_word("FUTURE_REF", st.mod)
        if kind in ("recent", "earlier", "previous", "prior") and unit in ("Y", "DE", "CE"):
            return _ref_word("PAST_REF", st.mod)
        return Resolution("DURATION", duration_value(None, unit), st.mod, None, "vague")
    return None


def _rule_set(st: _State, ctx: _Ctx) -> Resolution | None:
    s, lex, r = st.s, ctx.lex, _rules(ctx.lex)
    if s in lex.set_adverbs:
        return Resolution("SET", lex.set_adverbs[s], st.mod, None, "set")
    m = re.fullmatch(rf"(?:every|each|per|once a|once an|twice a|twice an|once every|every other|each and every)"
                     rf"(?: (?P<n>{r.num}))? ?(?P<what>[\w ]+)", s)
    if m:
        n = parse_number(m.group("n").strip(), lex) if m.group("n") else 1.0
        what = m.group("what").strip()
        if "other" in s.split()[:2]:
            n = 2.0
        if what in lex.units:
            unit = lex.units[what]
            return Resolution("SET", duration_value(n, unit), st.mod, None, "set")
        w = what.split()
        if w[0] in lex.weekdays:
            pod = lex.parts_of_day.get(w[1]) if len(w) > 1 else None
            return Resolution("SET", f"XXXX-WXX-{lex.weekdays[w[0]]}" + (f"T{pod}" if pod else ""),
                              st.mod, None, "set")
        if what in lex.months:
            return Resolution("SET", f"XXXX-{lex.months[what]:02d}", st.mod, None, "set")
        if what in lex.seasons:
            return Resolution("SET", f"XXXX-{lex.seasons[what]}", st.mod, None, "set")
        if what in lex.parts_of_day:
            return Resolution("SET", f"TXX{lex.parts_of_day[what]}", st.mod, None, "set")
        return None
    # "Mondays", "Tuesday nights": habitual weekdays
    w = s.split()
    if len(w) == 2 and w[0] in lex.weekdays and w[1].endswith("s") and w[1] in lex.parts_of_day:
        return Resolution("SET", f"XXXX-WXX-{lex.weekdays[w[0]]}T{lex.parts_of_day[w[1]]}", st.mod, None, "set")
    if w[0].endswith("s") and w[0][:-1] in lex.weekdays and w[0][:-1] not in ("sun", "sat", "wed"):
        pod = lex.parts_of_day.get(w[1]) if len(w) == 2 else None
        if len(w) == 1 or pod:
            return Resolution("SET", f"XXXX-WXX-{lex.weekdays[w[0][:-1]]}" + (f"T{pod}" if pod else ""),
                              st.mod, None, "set")
    return None


def _clock_suffix(m: re.Match[str], rest: str, lex: Lexicon) -> str | None:
    if m.group("word"):
        return {"noon": "12:00", "midday": "12:00", "midnight": "24:00"}[m.group("word")]
    if m.group("hh"):
        return f"{m.group('hh')}:{m.group('mm')}"
    h = int(m.group("h"))
    mi = m.group("mi")
    ap = m.group("ap")
    if not (mi or ap or m.group("oc") or m.group("zone")):
        # "4 in the morning"
        pod = re.search(r"in the (morning|afternoon|evening|night)", rest)
        if not pod:
            return None
        ap = "am" if pod.group(1) == "morning" else "pm"
    if m.group("zone") and not mi and not ap:
        return None
    if h > 24 or (mi and int(mi) > 59):
        return None
    if ap and ap.startswith("p") and h < 12:
        h += 12
    if ap and ap.startswith("a") and h == 12:
        h = 0
    out = f"{h:02d}:{mi or '00'}"
    if m.group("s"):
        out += f":{m.group('s')}"
    return out


def _rule_clock(st: _State, ctx: _Ctx) -> Resolution | None:
    lex, r = ctx.lex, _rules(ctx.lex)
    # the first number that reads as a clock: "25 february 2000 gmt" is a day and a time
    found = ((m, _clock_suffix(m, st.s, lex)) for m in r.clock.finditer(st.s))
    m, suffix = next(((m, x) for m, x in found if x is not None), (None, None))
    if m is None or suffix is None:
        return None
    rest = (st.s[: m.start()] + " " + st.s[m.end():]).strip()
    rest = re.sub(r"\b(in the (morning|afternoon|evening|night)|local time|time|sharp|exactly|today|"
                  r"o'clock)\b", lambda x: "today" if x.group(0) == "today" else "", rest)
    rest = " ".join(rest.split())
    rest = _strip_preps(rest)
    day: Period | None = None
    anchor = "reference"
    if rest and rest != "today":
        sub = _resolve(rest, ctx.ref, ctx.tense, ctx.previous)
        if sub is None or sub.type not in ("DATE", "TIME") or not re.fullmatch(r"\d{4}-\d{2}-\d{2}(T..)?", sub.value):
            return None
        day = Period("D", date.fromisoformat(sub.value[:10]))
        anchor = sub.anchor or anchor
    elif ctx.ref is not None:
        day = Period("D", ctx.ref)
    if day is None:
        return Resolution("TIME", f"XXXX-XX-XXT{suffix}", st.mod, None, "none")
    return _day_with(day, suffix, st.mod, anchor)


def _rule_relative_day(st: _State, ctx: _Ctx) -> Resolution | None:
    """today, yesterday, tomorrow, tonight, last night, this morning, the day before yesterday ..."""
    lex = ctx.lex
    w = st.s.split()
    if ctx.ref is None:
        return None
    offsets = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "this": 0, "overnight": 0}
    mod = st.mod
    pod: str | None = None
    offset: int | None = None
    if st.s in ("the day before yesterday", "day before yesterday"):
        offset = -2
    elif st.s in ("the day after tomorrow", "day after tomorrow"):
        offset = 2
    elif st.s in ("last night", "overnight"):
        offset, pod = (-1 if st.s == "last night" else 0), "NI"
    elif st.s in ("tonight", "this evening", "this morning", "this afternoon"):
        offset = 0
        pod = "NI" if st.s == "tonight" else lex.parts_of_day[w[1]]
    elif w[0] in ("today", "yesterday", "tomorrow", "tonight") and len(w) <= 2:
        offset = offsets[w[0]]
        if w[0] == "tonight":
            pod = "NI"
        if len(w) == 2:
            if w[1] not in lex.parts_of_day:
                return None
            pod = lex.parts_of_day[w[1]]
    elif len(w) == 2 and w[0] in lex.parts_of_day and w[1] in ("today", "yesterday", "tomorrow"):
        offset, pod = offsets[w[1]], lex.parts_of_day[w[0]]
    if offset is None:
        return None
    day = Period("D", ctx.ref + timedelta(days=offset))
    if pod:
        return _day_with(day, pod, mod, "reference")
    return _period(day, mod, "reference")


def _unit_of(word: str, lex: Lexicon) -> str | None:
    return lex.units.get(word)


def _rule_ago(st: _State, ctx: _Ctx) -> Resolution | None:
    """'three years ago', 'a year earlier', 'two days later', 'a week from now', 'six months before'."""
    lex, r = ctx.lex, _rules(ctx.lex)
    # "the year before", "the week after": one unit away from the time under discussion
    the = re.fullmatch(rf"the (?P<unit>{r.unit}) (?P<dir>before|after)", st.s)
    if the and not the.group("unit").endswith("s"):
        st = _State(f"a {the.group('unit')} {the.group('dir')}", st.mod, st.word)
    m = re.fullmatch(rf"(?:(?P<n>{r.num}|{r.vague}) ?)?(?:more )?(?P<unit>{r.unit})(?: or so)? "
                     rf"(?P<dir>ago|earlier|before|back|later|after|from now|hence|on|since|prior)", st.s)
    if not m:
        return None
    unit = lex.units[m.group("unit")]
    raw_n = (m.group("n") or "").strip()
    if not raw_n and m.group("dir") in ("on", "since"):
        return None  # "two years on" is later; a bare "day on" is a noun and its preposition
    n = parse_number(raw_n, lex) if raw_n else 1.0
    back = m.group("dir") in ("ago", "earlier", "before", "back", "prior")
    anaphoric = m.group("dir") in ("earlier", "before", "later", "after", "on", "prior")
    if n is None:
        # "years ago", "a few months ago": a vague past; "months later": a vague duration
        if back and not anaphoric:
            return _ref_word("PAST_REF", st.mod)
        return Resolution("DURATION", duration_value(None, unit), st.mod, None, "vague")
    if n != int(n) and unit == "Y" and (n * 12).is_integer():
        n, unit = n * 12, "M"  # "two and a half years ago" is a month, thirty months back
    if n != int(n):
        return Resolution("DURATION", duration_value(n, unit), st.mod, None, "vague")
    k = -int(n) if back else int(n)
    base_day = ctx.ref
    prev = ctx.previous
    if unit in ("H", "MIN", "S"):
        if ctx.ref_time is not None and not anaphoric:
            delta = {"H": timedelta(hours=1), "MIN": timedelta(minutes=1), "S": timedelta(seconds=1)}[unit]
            t = ctx.ref_time + k * delta
            return Resolution("TIME", t.strftime("%Y-%m-%dT%H:%M"), st.mod,
                              Interval.of(t.date(), t.date()), "reference")
        if base_day is None:
            return None
        return _period(Period("D", base_day), st.mod, "reference")
    gran = _UNIT_GRAN.get(unit, "D")
    if unit in ("DE", "CE", "ML"):
        gran, k = "Y", k * {"DE": 10, "CE": 100, "ML": 1000}[unit]
    if unit == "FORTNIGHT":
        gran, k = "W", 2 * k
    if unit == "NIGHT":
        gran = "D"
    # a finer period just mentioned is what is compared: "profit in the quarter rose from a year earlier";
    # "41 years ago" is never a quarter
    if prev is not None and _FINER[prev.gran] < _FINER[gran] and prev.gran in ("Q", "H", "M") and gran == "Y" \
            and abs(k) == 1:
        if anaphoric or (base_day is not None and abs((prev.first - base_day).days) < 370):
            months = {"Q": 3, "H": 6, "M": 1}[prev.gran]
            return _period(prev.shift(k * 12 // months), st.mod, "previous")
    if anaphoric and prev is not None and _FINER[prev.gran] <= _FINER[gran]:
        return _period(containing(prev.first, gran).shift(k), st.mod, "previous")
    if base_day is None:
        return None
    return _period(containing(base_day, gran).shift(k), st.mod, "reference")


# units from the largest down, as a compound measure names them: "two hours 18 minutes"
UNIT_ORDER = ("Y", "M", "W", "D", "H", "MIN", "S")


def _compound_duration(s: str, lex: Lexicon) -> Resolution | None:
    """'two hours 18 minutes 15 seconds', '3 years and 2 months' -> one duration."""
    r = _rules(lex)
    parts = re.findall(rf"({r.num}) ?({r.unit})\b", s)
    if len(parts) < 2 or re.sub(rf"(?:{r.num}) ?(?:{r.unit})\b|,|\band\b|\s", "", s):
        return None
    amounts: dict[str, float] = {}
    last = -1
    for raw, unit_word in parts:
        unit, n = lex.units[unit_word], parse_number(raw.strip(), lex)
        if n is None or unit not in UNIT_ORDER or UNIT_ORDER.index(unit) <= last:
            return None  # units must fall in size: "two hours 18 minutes", never "18 minutes two hours"
        last = UNIT_ORDER.index(unit)
        amounts[unit] = n
    date_part = "".join(f"{_fmt(amounts[u])}{u}" for u in ("Y", "M", "W", "D") if u in amounts)
    time_part = "".join(f"{_fmt(amounts[u])}{u[0]}" for u in ("H", "MIN", "S") if u in amounts)
    return Resolution("DURATION", f"P{date_part}{'T' + time_part if time_part else ''}", None, None, "duration")


def _rule_duration(st: _State, ctx: _Ctx) -> Resolution | None:
    """'two days', 'the past three years', 'the next 14 months', 'a five-year', '8-month-old', 'hours'."""
    lex, r = ctx.lex, _rules(ctx.lex)
    compound = _compound_duration(st.s, lex)
    if compound is not None:
        return Resolution("DURATION", compound.value, st.mod, None, "duration")
    s = re.sub(r" (old|long|plus|straight|running|in a row|or more|or longer|and counting)$", "", st.s)
    # "a year and a half", "two hours and a half" -> "1.5 year", "2.5 hours"
    half = re.fullmatch(rf"(?P<n>{r.num}) ?(?P<unit>{r.unit}) and a half", s)
    if half:
        n0 = parse_number(half.group("n").strip(), lex)
        if n0 is not None:
            s = f"{n0 + 0.5:g} {half.group('unit')}"
    m = re.fullmatch(rf"(?:(?:the|a|an|its|their|his|her|our|this) )?(?:(?P<rel>past|last|next|first|coming|"
                     rf"previous|following|final|latest|remaining|initial|preceding|same|full|entire|whole|"
                     rf"additional|further|another|other) )?(?:(?P<n>{r.num}|{r.vague}) ?)?"
                     rf"(?:more |additional |full |straight |consecutive |long |short |trading |business |working |"
                     rf"school |calendar )?(?P<unit>{r.unit})", s)
    if not m:
        return None
    unit = lex.units[m.group("unit")]
    raw_n = (m.group("n") or "").strip()
    rel = m.group("rel")
    plural = m.group("unit").endswith("s") and m.group("unit") not in ("hrs", "yrs", "mins", "secs")
    plural = plural or m.group("unit") in ("hrs", "yrs", "mins", "secs", "centuries", "millennia")
    if not raw_n and re.match(r"(?:a|an) ", s) and not rel:
        raw_n = "a"  # "a decade", "an hour"
    if not raw_n:
        if plural:
            return Resolution("DURATION", duration_value(None, unit), st.mod, None, "vague")
        return None  # "the week", "last year": periods, not durations
    if re.fullmatch(r"1\d{3}|20\d{2}", raw_n):
        return None  # "the 1988 quarter" names a year
    n = parse_number(raw_n, lex)
    if n is None:
        return Resolution("DURATION", duration_value(None, unit), st.mod, None, "vague")
    if raw_n in ("a", "an") and rel in ("past", "last", "next", "coming", "previous", "following"):
        return None  # "the past a year" is not English; leave it to the period rules
    if raw_n in ("a", "an") and s.startswith(("the ", "this ")):
        return None
    if raw_n in ("a", "an") and not m.group("n") and st.s.startswith(("a ", "an ")) and len(s.split()) == 2:
        return Resolution("DURATION", duration_value(1.0, unit), st.mod, None, "duration")
    return Resolution("DURATION", duration_value(n, unit), st.mod, None, "duration")


def _day_number(s: str | None, lex: Lexicon) -> int | None:
    if s is None:
        return None
    if s.isdigit():
        return int(s)
    w = s.split()
    if len(w) == 2:
        tens = {"twenty": 20, "thirty": 30}[w[0]]
        return tens + lex.ordinals[w[1]]
    return lex.ordinals.get(s)


def _rule_absolute(st: _State, ctx: _Ctx) -> Resolution | None:
    """Calendar dates and months with or without a year, years, ISO and numeric dates."""
    lex, r = ctx.lex, _rules(ctx.lex)
    s = st.s
    m = r.iso.fullmatch(s)
    if m:
        y, mo = int(m.group("y")), int(m.group("m"))
        if m.group("d"):
            d = date(y, mo, int(m.group("d")))
            if m.group("t"):
                return _day_with(Period("D", d), m.group("t")[:5], st.mod, "absolute")
            return _period(Period("D", d), st.mod, "absolute")
        return _period(Period("M", date(y, mo, 1)), st.mod, "absolute")
    m = r.numeric.fullmatch(s)
    if m:
        a, b, y = int(m.group("a")), int(m.group("b")), int(m.group("y"))
        y = y + (2000 if y < 50 else 1900) if y < 100 else y
        month, day = (a, b) if a <= 12 else (b, a)  # US order unless the first cannot be a month
        return _period(Period("D", date(y, month, day)), st.mod, "absolute")
    m = r.full.fullmatch(s)
    if m:
        mon = lex.months[m.group("mon")]
        day = _day_number(m.group("d1") or m.group("d2"), lex)
        ys = m.group("y")
        if mon == 5 and m.group("mon") == "may" and not (day or ys):
            pass  # bare "may" is handled by the month rule with its extra care
        year: int | None = None
        anchor = "absolute"
        if ys:
            year = int(ys) if not ys.startswith("'") else 1900 + int(ys[1:]) if int(ys[1:]) > 30 else 2000 + int(ys[1:])
        if day is None and year is None:
            return None  # month alone: the month rule
        if year is None:
            if ctx.ref is None:
                return Resolution("DATE", f"XXXX-{mon:02d}-{day:02d}", st.mod, None, "none")
            wd = m.group("wd")
            rel = _relation(m.group("rel"))
            year = anchor_month(ctx.ref, mon, ctx.tense, rel)
            anchor = f"tense:{ctx.tense}" if ctx.tense else "nearest"
            if wd:  # a weekday given with the date picks the year where they agree
                for cand in (year, year - 1, year + 1):
                    if date(cand, mon, day).isoweekday() == lex.weekdays[wd]:
                        year = cand
                        break
            elif mon == ctx.ref.month and day is not None and rel is None:
                year = ctx.ref.year
        if day is None:
            return _period(Period("M", date(year, mon, 1)), st.mod, anchor)
        return _period(Period("D", date(year, mon, day)), st.mod, anchor)
    # "2007", "fiscal 1989", "the year 2000", "fy2022", "'99"
    m = re.fullmatch(rf"(?:the )?(?:(?:fiscal|financial|calendar|model|school|tax)(?: year)? |fy ?|year )?"
                     rf"(?P<y>{r.year})(?: fiscal year| financial year| calendar year| period| year)?", s)
    if m:
        return _period(Period("Y", date(int(m.group("y")), 1, 1)), st.mod, "absolute")
    # "the week of March 6"
    m = re.fullmatch(r"(?:the )?week of (.+)", s)
    if m:
        sub = _resolve(m.group(1), ctx.ref, ctx.tense, ctx.previous)
        if sub and sub.interval and re.fullmatch(r"\d{4}-\d{2}-\d{2}", sub.value):
            return _period(containing(date.fromisoformat(sub.value), "W"), st.mod, sub.anchor or "absolute")
    return None


def _year_of(words: str, ctx: _Ctx) -> tuple[int | None, str]:
    """The year named by 'of 1990', '1990', 'this year', 'last year', 'next year', 'fiscal 1989'."""
    s = words.strip()
    s = re.sub(r"^(?:of |in )", "", s)
    s = re.sub(r"^(?:fiscal |financial |fy ?|the )", "", s)
    if re.fullmatch(r"1\d{3}|20\d{2}", s):
        return int(s), "absolute"
    if ctx.ref is None:
        return None, "none"
    rel = {"this year": 0, "the year": 0, "current year": 0, "this": 0, "last year": -1, "next year": 1,
           "the current year": 0, "the previous year": -1, "the coming year": 1, "year ago": -1, "year earlier": -1,
           "a year ago": -1, "a year earlier": -1, "previous year": -1, "prior year": -1, "year before": -1,
           "coming year": 1, "past year": -1}
    if s in rel:
        return ctx.ref.year + rel[s], "reference"
    return None, "none"


def _rule_quarter(st: _State, ctx: _Ctx) -> Resolution | None:
    """Quarters and halves: 'the third quarter of 2022', 'Q3 2022', 'fourth-quarter', 'the first half of 2022'."""
    lex, r = ctx.lex, _rules(ctx.lex)
    s = re.sub(r"\b(fiscal|financial|calendar) ", "", st.s)
    s = re.sub(r"^(?:its|their|the company|the) ", "", s)
    # "the first two quarters of 1990" is that year's first half
    s = re.sub(r"^(?:first|opening) two quarters\b", "first half", s)
    s = re.sub(r"^(?:last|final|second|closing) two quarters\b(?= of)", "second half", s)
    m = re.fullmatch(r"(?P<pre>.*?) ?(?:q(?P<q>[1-4])|(?P<q2>[1-4])q|h(?P<h>[12]))(?: (?P<post>.*))?", s)
    ordinal: int | None = None
    kind: str | None = None
    pre = post = ""
    if m:
        kind = "Q" if (m.group("q") or m.group("q2")) else "H"
        ordinal = int(m.group("q") or m.group("q2") or m.group("h"))
        pre, post = m.group("pre") or "", m.group("post") or ""
    else:
        m = re.fullmatch(rf"(?P<pre>.*?) ?(?P<ord>{r.ordinal}|latest|current|next|last|previous|past|this|same|"
                         rf"comparable|corresponding|year ago|year earlier|prior year|the) (?P<kind>quarter|half)"
                         rf"(?: (?P<post>.*))?", s)
        if not m:
            m2 = re.fullmatch(r"(?:the )?(?P<pre>.*?) ?(?P<kind>quarter|half)(?: (?P<post>.*))?", s)
            if not m2 or (m2.group("pre") and not re.fullmatch(r"1\d{3}|20\d{2}|this year|last year|next year",
                                                                m2.group("pre"))):
                return None
            kind = "Q" if m2.group("kind") == "quarter" else "H"
            pre, post = m2.group("pre") or "", m2.group("post") or ""
            ordinal = None
            word = "the"
        else:
            kind = "Q" if m.group("kind") == "quarter" else "H"
            word = m.group("ord")
            pre, post = m.group("pre") or "", m.group("post") or ""
            ordinal = lex.ordinals.get(word)
            if ordinal is not None and (ordinal < 1 and ordinal != -1 or ordinal > (4 if kind == "Q" else 2)):
                return None
            if ordinal == -1:
                ordinal = 4 if kind == "Q" else 2
        if ordinal is None:
            return _relative_quarter(word, kind, pre, post, st, ctx)
    year_words = (pre + " " + post).strip()
    # "the second half of the year", "the first quarter of next year"
    year_words = re.sub(r"^of ", "", year_words)
    if year_words in ("the year", "the current year"):
        year_words = "this year"
    year_words = re.sub(r"^(?:the|a|an) ", "", year_words)
    if year_words:
        year, anchor = _year_of(year_words, ctx)
        if year is None:
            return None
    else:
        if ctx.ref is None:
            return None
        year, anchor = ctx.ref.year, "reference"
        # an ordinal quarter that is only a few months ahead in a past-tense report belongs to last year
        if ctx.tense == "past" and kind == "Q" and ordinal > (ctx.ref.month - 1) // 3 + 1:
            year -= 1
    month = (ordinal - 1) * (3 if kind == "Q" else 6) + 1
    return _period(Period(kind, date(year, month, 1)), st.mod, anchor)


def _relative_quarter(word: str, kind: str, pre: str, post: str, st: _State, ctx: _Ctx) -> Resolution | None:
    if ctx.ref is None:
        return None
    current = containing(ctx.ref, kind)
    prev = ctx.previous
    extra = (pre + " " + post).strip()
    year_ago = bool(re.search(r"year ago|year earlier|prior year|last year|a year before|year before", extra + " " + word))
    if word in ("current", "this"):
        p = current
    elif word in ("next", "coming"):
        p = current.shift(1)
    elif word in ("last", "previous", "past"):
        p = current.shift(-1)
    elif word == "latest":
        p = current.shift(-1)  # the latest reported one has ended
    else:  # "the quarter", "the same quarter", "the 1988 quarter": the one being discussed
        if prev is not None and prev.gran == kind:
            p = prev
        else:
            p = current.shift(-1) if ctx.tense == "past" else current
        named = re.search(r"\b(1\d{3}|20\d{2})\b", extra)
        if named:
            p = Period(kind, p.first.replace(year=int(named.group(1))))
    if year_ago:
        p = p.shift(-4 if kind == "Q" else -2) if p is not None else None
    if p is None:
        return None
    return _period(p, st.mod, "previous" if prev is not None and p == prev else "reference")


def _rule_decade(st: _State, ctx: _Ctx) -> Resolution | None:
    """'the 1990s', "the '90s", 'the nineties', 'the 20th century', 'the 1800s', 'this century'."""
    lex = ctx.lex
    s = re.sub(r"^(?:the|an?) ", "", st.s)
    # "the first half of the 1980s", "the latter part of the '90s": a half is the decade's start or end
    half = re.fullmatch(r"(?P<which>first|early|second|last|latter|later) (?:half|part) of (?P<rest>.+)", s)
    if half and st.mod is None:
        inner = _rule_decade(_State(half.group("rest")), ctx)
        whole = period_of_value(inner.value) if inner is not None else None
        if inner is None or whole is None:
            return None
        mid = whole.first + (whole.last - whole.first) / 2
        if half.group("which") in ("first", "early"):
            return Resolution("DATE", inner.value, "START", Interval.of(whole.first, mid), inner.anchor)
        return Resolution("DATE", inner.value, "END", Interval.of(mid + timedelta(days=1), whole.last), inner.anchor)
    m = re.fullmatch(r"(\d{2})00 ?'?s", s)
    # "the 2000s" names the decade that began in 2000 in today's English; "the 1800s" a century
    if m and m.group(1) == "20":
        return _period(Period("DE", date(2000, 1, 1)), st.mod, "absolute")
    if m:
        return _period(Period("CE", date(int(m.group(1)) * 100 or 1, 1, 1)), st.mod, "absolute")
    m = re.fullmatch(r"(\d{3})0 ?'?s", s)
    if m:
        return _period(Period("DE", date(max(int(m.group(1)) * 10, 1), 1, 1)), st.mod, "absolute")
    m = re.fullmatch(r"'(\d)0 ?s", s)
    if m:
        d = int(m.group(1))
        # the latest such decade that has begun: "the '80s" in 1989 and in 2024 is the 1980s
        century = 2000 if ctx.ref is not None and 2000 + d * 10 <= ctx.ref.year else 1900
        return _period(Period("DE", date(century + d * 10, 1, 1)), st.mod, "absolute")
    m = re.fullmatch(r"(?:(nineteen|eighteen|twenty) )?(twenties|thirties|forties|fifties|sixties|seventies|"
                     r"eighties|nineties)", s)
    if m:
        century = {"nineteen": 1900, "eighteen": 1800, "twenty": 2000, None: 1900}[m.group(1)]
        return _period(Period("DE", date(century + lex.decade_words[m.group(2)] * 10, 1, 1)), st.mod, "absolute")
    m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)? century(?: ad)?|(\w+(?: \w+)?) century(?: ad)?", s)
    if m:
        n = int(m.group(1)) if m.group(1) else lex.ordinals.get(m.group(2) or "")
        if n is not None and n >= 1:
            return _period(Period("CE", date(max((n - 1) * 100, 1), 1, 1)), st.mod, "absolute")
        rel = m.group(2)
        if rel in ("this", "the current", "current", "last", "the last", "previous", "the previous", "next",
                   "the next") and ctx.ref is not None:
            k = 0 if "current" in rel or rel == "this" else -1 if ("last" in rel or "previous" in rel) else 1
            return _period(containing(ctx.ref, "CE").shift(k), st.mod, "reference")
    return None


def _rule_relative_period(st: _State, ctx: _Ctx) -> Resolution | None:
    """'this week', 'last month', 'next year', 'the past year', 'the weekend', 'the current quarter'."""
    lex = ctx.lex
    m = re.fullmatch(r"(?:the )?(?:(?P<rel>this|last|next|past|coming|previous|current|present|following|"
                     r"preceding|prior|same|latest|recent|upcoming|very same|full) )?(?P<unit>day|week|weekend|fortnight|"
                     r"month|year|decade|century|millennium)(?: end)?", st.s)
    if not m:
        m2 = re.fullmatch(r"(?:the )?(?P<unit>year|month|week) (?:end|ending)|(?P<u2>year|month) to date", st.s)
        if m2 and ctx.ref is not None:
            unit = m2.group("unit") or m2.group("u2")
            gran = {"year": "Y", "month": "M", "week": "W"}[unit]
            p = containing(ctx.ref, gran)
            return _period(p, st.mod or ("END" if m2.group("unit") else None), "reference")
        return None
    if ctx.ref is None:
        return None
    unit = lex.units[m.group("unit")]
    gran = _UNIT_GRAN.get(unit, "D")
    rel = m.group("rel")
    has_the = st.s.startswith("the ")
    if st.s.endswith(" end") and not st.mod:
        st.mod = "END"
    if rel is None:
        if st.s.endswith(" end") and unit in ("Y", "M", "W"):
            return _period(containing(ctx.ref, gran), st.mod, "reference")
        if not has_the:
            return None
        if unit == "WE":
            return _weekend(ctx, None, st.mod)
        # in news "the year", "the week" is the current one; "that year" refers back
        if unit == "D":
            return None
        return _period(containing(ctx.ref, gran), st.mod, "reference")
    if unit == "WE":
        return _weekend(ctx, rel, st.mod)
    # "over the past year", "in the last month": the stretch that ends now, not last calendar year
    if has_the and rel in ("past", "last") and unit in ("Y", "M", "W") and not st.s.endswith(" end"):
        return Resolution("DURATION", duration_value(1.0, unit), st.mod, None, "duration")
    if rel in ("same", "very same"):
        prev = ctx.previous
        if prev is not None and _FINER[prev.gran] <= _FINER[gran]:
            return _period(containing(prev.first, gran), st.mod, "previous")
        return None
    if rel in ("following", "preceding", "prior") or (rel == "previous" and has_the):
        prev = ctx.previous
        k = 1 if rel == "following" else -1
        if prev is not None and _FINER[prev.gran] <= _FINER[gran]:
            return _period(containing(prev.first, gran).shift(k), st.mod, "previous")
        return _period(containing(ctx.ref, gran).shift(k), st.mod, "reference")
    if unit == "D":
        return None
    k = {"this": 0, "current": 0, "present": 0, "full": 0, "latest": -1, "recent": -1, "last": -1, "past": -1,
         "previous": -1, "next": 1, "coming": 1, "upcoming": 1}[rel]
    if unit == "FORTNIGHT":
        return None
    return _period(containing(ctx.ref, gran).shift(k), st.mod, "reference")


def _weekend(ctx: _Ctx, rel: str | None, mod: str | None) -> Resolution | None:
    if ctx.ref is None:
        return None
    this = containing(ctx.ref, "WE")
    if rel in ("last", "past", "previous"):
        p = this.shift(-1) if ctx.ref < this.first else this.shift(-1) if ctx.ref.isoweekday() < 6 else this.shift(-1)
        p = this.shift(-1) if ctx.ref <= this.last else this
    elif rel in ("next", "coming", "upcoming"):
        p = this if ctx.ref < this.first else this.shift(1)
    elif rel == "this":
        p = this
    elif ctx.ref.isoweekday() >= 6:
        p = this
    elif ctx.tense == "future" or (ctx.tense != "past" and ctx.ref.isoweekday() >= 4):
        p = this
    else:
        p = this.shift(-1)
    return _period(p, mod, "reference")


# the words that order a named day, month or season, reduced to last / next / this
_RELATION_ALIASES = {"this coming": "next", "coming": "next", "the following": "next", "this past": "last",
                     "past": "last", "the previous": "last", "the same": "this", "current": "this"}


def _relation(rel: str | None) -> str | None:
    return _RELATION_ALIASES.get(rel or "", rel)


def _anchor_of(relation: str | None, ctx: _Ctx) -> str:
    """How a named day, month or season was placed: by its relation word, by tense, or nearest."""
    return f"relation:{relation}" if relation else (f"tense:{ctx.tense}" if ctx.tense else "nearest")


def _rule_weekday(st: _State, ctx: _Ctx) -> Resolution | None:
    """'Friday', 'last Friday', 'next Monday', 'Friday morning', 'this coming Sunday', 'early Tuesday'."""
    lex = ctx.lex
    m = re.fullmatch(rf"(?:(?:the )?(?P<rel>last|next|this|coming|previous|past|this coming|this past|"
                     rf"following|same) )?(?P<wd>{_rules(lex).wday})(?: (?P<pod>{_rules(lex).pod}))?", st.s)
    if not m:
        m = re.fullmatch(rf"(?P<pod>{_rules(lex).pod}) (?:of )?(?P<wd>{_rules(lex).wday})", st.s)
        if not m:
            return None
    rel = m.groupdict().get("rel")
    wd = lex.weekdays[m.group("wd")]
    if ctx.ref is None:
        return Resolution("DATE", f"XXXX-WXX-{wd}", st.mod, None, "none")
    relation = _relation(rel)
    if relation in ("following", "same"):
        prev = ctx.previous
        base = prev.first if prev is not None and prev.gran == "D" else ctx.ref
        ahead = (wd - base.isoweekday()) % 7 or (7 if relation == "following" else 0)
        day = base + timedelta(days=ahead)
        anchor = "previous"
    elif relation == "previous" and ctx.previous is not None and ctx.previous.gran == "D":
        day = anchor_weekday(ctx.previous.first, wd, None, "last")
        anchor = "previous"
    else:
        day = anchor_weekday(ctx.ref, wd, ctx.tense, relation)
        anchor = _anchor_of(relation, ctx)
    p = Period("D", day)
    pod = m.group("pod")
    if pod:
        # TimeBank/TE3 annotate "Friday night" mostly as a DATE that keeps the part of day in its value
        return _day_with(p, lex.parts_of_day[pod], st.mod, anchor, typ="DATE")
    return _period(p, st.mod, anchor)


def _rule_month(st: _State, ctx: _Ctx) -> Resolution | None:
    """A month with no year: 'March', 'last April', 'this September', 'June last year', 'January this year'."""
    lex = ctx.lex
    m = re.fullmatch(rf"(?:(?P<rel>last|next|this|coming|previous|past|this past|this coming|the following|"
                     rf"the previous|the same) )?(?P<mon>{_rules(lex).month})(?: (?P<y>this|last|next) year)?", st.s)
    if not m:
        return None
    mon = lex.months[m.group("mon")]
    if ctx.ref is None:
        return Resolution("DATE", f"XXXX-{mon:02d}", st.mod, None, "none")
    rel = m.group("rel")
    if m.group("y"):
        year = ctx.ref.year + {"this": 0, "last": -1, "next": 1}[m.group("y")]
        anchor = "reference"
    else:
        relation = _relation(rel)
        year = anchor_month(ctx.ref, mon, ctx.tense, relation)
        anchor = _anchor_of(relation, ctx)
    return _period(Period("M", date(year, mon, 1)), st.mod, anchor)


def _rule_season(st: _State, ctx: _Ctx) -> Resolution | None:
    """'summer 2021', 'the summer of 2021', 'last fall', 'this spring', 'the winter'."""
    lex = ctx.lex
    m = re.fullmatch(rf"(?:the )?(?:(?P<rel>last|next|this|coming|previous|past|this past|this coming|current) )?"
                     rf"(?P<sea>{_rules(lex).season})(?: (?:of )?(?P<y>.+))?", st.s)
    if not m:
        return None
    code = lex.seasons[m.group("sea")]
    if m.group("y"):
        y = parse_year_words(m.group("y"), lex)
        anchor = "absolute"
        if y is None:
            y, anchor = _year_of(m.group("y"), ctx)
        if y is None:
            return None
        return _period(season(y, code), st.mod, anchor)
    if ctx.ref is None:
        return Resolution("DATE", f"XXXX-{code}", st.mod, None, "none")
    rel = m.group("rel")
    relation = _relation(rel)
    anchor = _anchor_of(relation, ctx)
    return _period(anchor_season(ctx.ref, code, ctx.tense, relation), st.mod, anchor)


def easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l7 = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l7) // 451
    month, day = divmod(h + l7 - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _holiday_day(rule: dict[str, object], year: int) -> date:
    if "easter" in rule:
        return easter(year) + timedelta(days=int(rule["easter"]))  # type: ignore[call-overload]
    month, weekday, nth = int(rule["month"]), int(rule["weekday"]), int(rule["nth"])  # type: ignore[call-overload]
    if nth > 0:
        first = date(year, month, 1)
        day = first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))
        if rule.get("after_monday") and day.day == 1:
            day += timedelta(days=7)  # US Election Day: the Tuesday after the first Monday
        return day
    last = date(year, month, days_in_month(year, month))
    return last - timedelta(days=(last.isoweekday() - weekday) % 7)


_HOLIDAYS: dict[str, dict[str, object]] = {}


def _holiday_table(lex: Lexicon) -> dict[str, dict[str, object]]:
    """Every holiday by its cleaned name: fixed ones as {"month", "day"}, movable ones by their rule."""
    if not _HOLIDAYS:
        _HOLIDAYS.update({clean(k): {"month": m, "day": d} for k, (m, d) in lex.holidays.items()})
        _HOLIDAYS.update({clean(k): v for k, v in lex.movable_holidays.items()})
    return _HOLIDAYS


def _rule_holiday(st: _State, ctx: _Ctx) -> Resolution | None:
    """'Christmas', 'last Thanksgiving', 'Easter 2021', 'Labor Day': fixed or movable holidays."""
    s = re.sub(r"^(?:the )?(?:(last|next|this) )?", "", st.s)
    rel = re.match(r"(?:the )?(last|next|this) ", st.s)
    m = re.fullmatch(r"(.+?)(?: (1\d{3}|20\d{2}))?", s)
    table = _holiday_table(ctx.lex)
    if not m or m.group(1) not in table:
        return None
    rule = table[m.group(1)]

    def day_in(year: int) -> date:
        if "day" in rule:
            return date(year, int(rule["month"]), int(rule["day"]))  # type: ignore[call-overload]
        return _holiday_day(rule, year)

    if m.group(2):
        return _period(Period("D", day_in(int(m.group(2)))), st.mod, "absolute")
    if ctx.ref is None:
        if "day" not in rule:
            return None  # a movable holiday has no day without a year
        return Resolution("DATE", f"XXXX-{int(rule['month']):02d}-{int(rule['day']):02d}", st.mod,  # type: ignore[call-overload]
                          None, "none")
    this_year = day_in(ctx.ref.year)
    relation = rel.group(1) if rel else None
    if relation == "last" or (relation is None and ctx.tense == "past"):
        d = this_year if this_year <= ctx.ref else day_in(ctx.ref.year - 1)
    elif relation == "next" or (relation is None and ctx.tense == "future"):
        d = this_year if this_year >= ctx.ref else day_in(ctx.ref.year + 1)
    else:
        d = this_year
    return _period(Period("D", d), st.mod, "reference")


def _rule_anaphora(st: _State, ctx: _Ctx) -> Resolution | None:
    """'that day', 'the same day', 'the next day', 'the day before', 'later that year', 'that week'."""
    m = re.fullmatch(r"(?:that|the same|that same|the very same|the next|the following|the previous|the preceding|"
                     r"the prior|the) (day|week|month|year|morning|afternoon|evening|night)(?: (before|after|earlier))?",
                     st.s)
    if not m:
        m2 = re.fullmatch(r"(day|week|month|year) (before|after)", st.s)
        if not m2:
            return None
        word, unit, after = "the", m2.group(1), m2.group(2)
    else:
        word = st.s.split(" " + m.group(1))[0]
        unit, after = m.group(1), m.group(2)
    if not word.startswith("that") and word not in ("the same", "the very same") and not after and \
            word not in ("the next", "the following", "the previous", "the preceding", "the prior"):
        if unit not in ("morning", "afternoon", "evening", "night"):
            return None
    prev = ctx.previous
    base = prev if prev is not None else (Period("D", ctx.ref) if ctx.ref else None)
    if base is None:
        return None
    pods = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
    gran = "D" if unit in pods else {"day": "D", "week": "W", "month": "M", "year": "Y"}[unit]
    if _FINER[base.gran] > _FINER[gran]:
        return None
    k = 0
    if word in ("the next", "the following") or after == "after":
        k = 1
    elif word in ("the previous", "the preceding", "the prior") or after in ("before", "earlier"):
        k = -1
    p = containing(base.first, gran).shift(k)
    anchor = "previous" if prev is not None else "reference"
    if unit in pods:
        return _day_with(p, pods[unit], st.mod, anchor)
    return _period(p, st.mod, anchor)


def _rule_year_words(st: _State, ctx: _Ctx) -> Resolution | None:
    """'nineteen ninety-six', 'the year two thousand', 'january nineteen ninety-seven'."""
    lex = ctx.lex
    s = re.sub(r"^(?:the )?(?:year )?", "", st.s)
    m = re.fullmatch(rf"(?:(?P<mon>{_rules(lex).month}) )?(?P<rest>.+)", s)
    if not m:
        return None
    y = parse_year_words(m.group("rest"), lex)
    if y is None:
        return None
    if m.group("mon"):
        return _period(Period("M", date(y, lex.months[m.group("mon")], 1)), st.mod, "absolute")
    return _period(Period("Y", date(y, 1, 1)), st.mod, "absolute")


def shift_months(d: date, n: int) -> date:
    return add_months(d, n)


_RULE_ORDER = (_rule_year_ago_period, _rule_ref, _rule_set, _rule_clock, _rule_relative_day, _rule_ago,
               _rule_decade, _rule_duration, _rule_absolute, _rule_quarter, _rule_relative_period, _rule_weekday,
               _rule_month, _rule_season, _rule_holiday, _rule_anaphora, _rule_year_words)

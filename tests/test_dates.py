"""The qn_timex component on whole sentences: spans, anchoring by tense, and no false positives."""

from __future__ import annotations

from datetime import date

import pytest
import spacy

from quadnews.dates import find_dates
from quadnews.models import TemporalExpression

REF = date(2022, 3, 26)  # a Saturday


def dates_of(nlp, text: str, ref: date | None = REF, disable: tuple[str, ...] = ()) -> list[TemporalExpression]:
    doc = nlp.make_doc(text)
    doc._.qn_reference = ref
    with nlp.select_pipes(disable=[p for p in disable if p in nlp.pipe_names]):
        doc = nlp(doc)
    return doc._.qn_dates


def found(nlp, text: str, **kw) -> dict[str, tuple[str, str, str | None]]:
    return {d.text: (d.type, d.value, d.mod) for d in dates_of(nlp, text, **kw)}


SENTENCES = [
    # (sentence, expression text, type, value)
    ("The trade envoys met in Geneva this week to settle the tariff dispute.", "this week", "DATE", "2022-W12"),
    ("On Friday, the ministry issued a statement about the talks.", "Friday", "DATE", "2022-03-25"),
    ("The two delegations will meet again on Friday in Brussels.", "Friday", "DATE", "2022-04-01"),
    ("The envoys talked for two days before the summit ended.", "two days", "DURATION", "P2D"),
    ("Earlier in March, the foreign ministers held a video call.", "Earlier in March", "DATE", "2022-03"),
    ("In 2009, the two countries signed a border treaty.", "2009", "DATE", "2009"),
    ("The chancellor has invited the premier to visit Berlin in late April.", "late April", "DATE", "2022-04"),
    ("Published 14:05 GMT, March 26th 2022", "March 26th 2022", "DATE", "2022-03-26"),
    ("Published 14:05 GMT, March 26th 2022", "14:05 GMT", "TIME", "2022-03-26T14:05"),
    ("Exports fell sharply last month, the bureau said.", "last month", "DATE", "2022-02"),
    ("The pact was first proposed three years ago.", "three years ago", "DATE", "2019"),
    ("The fund has grown over the past three years.", "the past three years", "DURATION", "P3Y"),
    ("Prices have risen recently in most provinces.", "recently", "DATE", "PAST_REF"),
    ("The ceasefire is now holding along the border.", "now", "DATE", "PRESENT_REF"),
    ("The council meets annually in Vienna.", "annually", "SET", "P1Y"),
    ("The minister said output would recover in the second half of 2022.", "the second half of 2022", "DATE",
     "2022-H2"),
    ("Growth slowed in the third quarter of 2021.", "the third quarter of 2021", "DATE", "2021-Q3"),
    ("The factory was built in the 1990s.", "the 1990s", "DATE", "199"),
    ("He will step down next year.", "next year", "DATE", "2023"),
    ("The talks collapsed yesterday.", "yesterday", "DATE", "2022-03-25"),
    # the year the article stands in: "of the year" is this year
    ("Seoul would host the next round in the second half of the year.", "the second half of the year",
     "DATE", "2022-H2"),
    # "proposed for <date>": the time of the plan looks ahead even after a past-tense verb
    ("The president has proposed for late May a summit of the region's leaders.", "late May", "DATE", "2022-05"),
    ("The hearing was scheduled for June 2.", "June 2", "DATE", "2022-06-02"),
]


@pytest.mark.parametrize(("sentence", "text", "typ", "value"), SENTENCES)
def test_sentences(nlp, sentence: str, text: str, typ: str, value: str) -> None:
    got = found(nlp, sentence)
    assert text in got, got
    assert got[text][:2] == (typ, value)


@pytest.mark.parametrize(("sentence", "value"), [
    ("The presidents spoke by phone on Monday.", "2022-03-21"),
    ("The presidents will speak by phone on Monday.", "2022-03-28"),
    ("The vote took place on Wednesday.", "2022-03-23"),
    ("The vote is scheduled to take place on Wednesday.", "2022-03-30"),
    ("The envoys arrived on Saturday.", "2022-03-26"),
])
def test_weekday_by_tense(nlp, sentence: str, value: str) -> None:
    got = [d for d in dates_of(nlp, sentence) if d.type == "DATE"]
    assert [d.value for d in got] == [value]


@pytest.mark.parametrize(("sentence", "value"), [
    ("The presidents spoke by phone on Monday.", "2022-03-21"),
    ("The presidents will speak by phone on Monday.", "2022-03-28"),
])
def test_weekday_by_tense_without_parser(nlp, sentence: str, value: str) -> None:
    got = dates_of(nlp, sentence, disable=("parser",))
    assert [d.value for d in got] == [value]


@pytest.mark.parametrize(("sentence", "word"), [
    ("The minister may resign if the coalition collapses.", "may"),
    ("Protesters plan to march on the capital.", "march"),
    ("Thousands joined the March for Peace on the capital.", "March"),
    ("The Good Friday Agreement ended decades of conflict.", "Friday"),
    ("The army sent 2000 troops to the border region.", "2000"),
    ("Tokyo 2020 organisers cut the budget.", "2020"),
    ("A 6-year-old boy was rescued from the river.", "6-year-old"),
])
def test_no_false_positives(nlp, sentence: str, word: str) -> None:
    assert not [d for d in dates_of(nlp, sentence) if word.lower() in d.text.lower()]


def test_spans_drop_leading_prepositions(nlp) -> None:
    texts = [d.text for d in dates_of(nlp, "The bridge opened in 2007 and closed in May 2015.")]
    assert texts == ["2007", "May 2015"]


def test_offsets_point_into_text_and_sorted(nlp) -> None:
    text = "Last week the board met; on Friday it will vote, and in 2023 it may merge."
    got = dates_of(nlp, text)
    assert got == sorted(got, key=lambda d: d.start)
    for d in got:
        assert text[d.start: d.end] == d.text


def test_no_reference_date_still_finds_absolute_dates(nlp) -> None:
    got = found(nlp, "The treaty of March 3, 1999 was renewed last month for two years.", ref=None)
    assert got["March 3, 1999"][1] == "1999-03-03"
    assert got["two years"][1] == "P2Y"
    assert "last month" not in got


def test_blank_pipeline_without_tagger() -> None:
    # no tagger, no parser, no NER: only our own patterns and no tense; nothing may raise
    nlp = spacy.blank("en")
    from quadnews.pipeline import register_extensions

    register_extensions()
    doc = nlp("Officials said on Friday that the plant runs 24 hours a day, weekly checks included.")
    doc._.qn_reference = REF
    got = {d.text: d.value for d in find_dates(doc)}
    assert got.get("Friday") == "2022-03-25"


# --- issue 3, second round: sentences of our own for each rule --------------------------------

ROUND2 = [
    # (reference, sentence, expression text, type, value)
    (date(2023, 2, 24), "The minister will host his counterparts on March 3, a day after a summit of finance chiefs.",
     "March 3", "DATE", "2023-03-03"),
    # TimeML tags the distance of "a day after <event>" as a duration
    (date(2023, 2, 24), "The minister will host his counterparts on March 3, a day after a summit of finance chiefs.",
     "a day", "DURATION", "P1D"),
    (date(2023, 3, 1), "The premier will fly to Mumbai on March 9 and meet the cabinet on March 10.", "March 9", "DATE",
     "2023-03-09"),
    (date(2023, 3, 1), "The premier will fly to Mumbai on March 9 and meet the cabinet on March 10.", "March 10",
     "DATE", "2023-03-10"),
    (date(2023, 3, 4), "The envoy landed in Lima on March 3rd 2023 after a long flight.", "March 3rd 2023", "DATE",
     "2023-03-03"),
    # a weekday right after a name is still a weekday
    (REF, "The Senate Tuesday approved the farm bill by a wide margin.", "Tuesday", "DATE", "2022-03-22"),
    (REF, "The Foreign Office on Monday summoned the ambassador over the remarks.", "Monday", "DATE", "2022-03-21"),
    # the hyphenated adjective; a past-tense report of a quarter still ahead of the reference is last year's
    (REF, "The carmaker reported a third-quarter loss of $40 million.", "third-quarter", "DATE", "2021-Q3"),
    # a payment or record day ahead of a past-tense verb is placed by nearness
    (date(2022, 10, 28), "The board declared a dividend payable Dec. 7 to holders of record Nov. 22.", "Dec. 7",
     "DATE", "2022-12-07"),
    (date(2022, 10, 28), "The board declared a dividend payable Dec. 7 to holders of record Nov. 22.", "Nov. 22",
     "DATE", "2022-11-22"),
    (date(2022, 10, 28), "The offer was extended until Nov. 15 after talks stalled.", "Nov. 15", "DATE", "2022-11-15"),
    # the twelve months that end on a day are a duration
    (date(2022, 10, 28), "The retailer earned $5 million in the year ended June 30.", "the year", "DURATION", "P1Y"),
    (date(2022, 10, 28), "The retailer earned $5 million in the year ended June 30.", "June 30", "DATE", "2022-06-30"),
    # a clock and the day it belongs to are one expression
    (REF, "The ultimatum expires at 6 p.m. GMT Tuesday, the envoy warned.", "6 p.m. GMT Tuesday", "TIME",
     "2022-03-29T18:00"),
    (REF, "Negotiators broke off the talks at noon Thursday.", "noon Thursday", "TIME", "2022-03-24T12:00"),
    # movable holidays
    (REF, "The fishermen were rescued on Thanksgiving Day after a storm.", "Thanksgiving Day", "DATE", "2021-11-25"),
    (REF, "Pilgrims will gather in the old city for Easter.", "Easter", "DATE", "2022-04-17"),
    (REF, "The minister defended the current policy on grain exports.", "current", "DATE", "PRESENT_REF"),
    (REF, "The dam on the river was finished in nineteen ninety-six.", "nineteen ninety-six", "DATE", "1996"),
    (REF, "Rebels shelled the town on Friday night, residents said.", "Friday night", "DATE", "2022-03-25TNI"),
    # "is to" + verb is a plan: the weekday lies ahead
    (REF, "Trading in the shares is to resume on Tuesday.", "Tuesday", "DATE", "2022-03-29"),
    # a plan seen from the past ("had been due to") points neither way: the nearer March
    (date(2023, 6, 3), "The royal couple had been due to arrive in Rome on March 26, but the trip was put off.",
     "March 26", "DATE", "2023-03-26"),
    (REF, "Sales for the full year were $2 billion.", "the full year", "DATE", "2022"),
    (REF, "And just last month, a second mill was closed.", "last month", "DATE", "2022-02"),
    # "N units later/after": TimeML tags the distance as a duration and leaves the signal word out
    (REF, "The rescuers reached the village three days later.", "three days", "DURATION", "P3D"),
    (REF, "The ferry sank a month after the storm.", "a month", "DURATION", "P1M"),
    (REF, "The refugees were stranded in the camps for 2 1/2 years.", "2 1/2 years", "DURATION", "P2Y6M"),
    (REF, "The port reopened last Thanksgiving after repairs.", "last Thanksgiving", "DATE", "2021-11-25"),
    (REF, "The peacekeepers will stay for at least two more weeks.", "two more weeks", "DURATION", "P2W"),
    # a hedged measure is a duration even after the verb "last", where spaCy sees no date
    (REF, "The strike could last over a month, the union warned.", "over a month", "DURATION", "P1M"),
    (REF, "The ferry crossing can last almost an hour in winter.", "almost an hour", "DURATION", "PT1H"),
    (REF, "Officials will announce the results today in Geneva.", "today", "DATE", "2022-03-26"),
    # what was planned or scheduled lies ahead, whatever the tense of the planning
    (REF, "The opposition has scheduled a rally Thursday in the capital.", "Thursday", "DATE", "2022-03-31"),
    # an unnumbered quarter that ends on a month is the calendar quarter holding most of its months
    (date(2022, 11, 4), "The chain sold 3 million pairs of shoes in the quarter ended Aug. 31.", "the quarter",
     "DATE", "2022-Q3"),
    (date(2022, 11, 4), "The chain sold 3 million pairs of shoes in the quarter ended July 31.", "the quarter",
     "DATE", "2022-Q2"),
    # the day of a planned event hangs from the thing planned: it still lies ahead
    (REF, "The farmers planned a protest march in the capital on Monday.", "Monday", "DATE", "2022-03-28"),
    # a frequency adjective before a noun still says how often
    (REF, "Relatives of the miners have held a daily vigil at the pit gate.", "daily", "SET", "P1D"),
]


@pytest.mark.parametrize(("sentence", "word"), [
    ("The average daily output of the mine fell to 900 tonnes.", "daily"),
    # after an amount "annually" means "per year": a rate, not a recurring time
    ("Exports of copper are forecast to grow 6% annually.", "annually"),
    ("The new plant will assemble about 40,000 tractors annually.", "annually"),
])
def test_frequency_of_a_rate_is_no_time(nlp, sentence: str, word: str) -> None:
    got = found(nlp, sentence, ref=REF)
    assert word not in got, got


def test_annual_gathering_is_a_set(nlp) -> None:
    got = found(nlp, "Veterans gather at the memorial annually to honour the dead.", ref=REF)
    assert got["annually"][:2] == ("SET", "P1Y"), got


@pytest.mark.parametrize(("ref", "sentence", "text", "typ", "value"), ROUND2)
def test_round2_sentences(nlp, ref: date, sentence: str, text: str, typ: str, value: str) -> None:
    got = found(nlp, sentence, ref=ref)
    assert text in got, got
    assert got[text][:2] == (typ, value)


def test_no_clock_from_a_comma_and_an_article(nlp) -> None:
    got = found(nlp, "The minister will host his counterparts on March 3, a day after a summit.",
                ref=date(2023, 2, 24))
    assert not [t for t, (typ, _, _) in got.items() if typ == "TIME"], got


def test_earnings_report_compares_the_quarter(nlp) -> None:
    text = ("For the third quarter ended Sept. 30, the bank earned $3 million, up from $2 million a year earlier. "
            "Deposits in the latest period grew 4%.")
    got = found(nlp, text, ref=date(2022, 10, 28))
    assert got["the third quarter"][1] == "2022-Q3"
    assert got["a year earlier"][1] == "2021-Q3"
    assert got["the latest period"][1] == "2022-Q3"


def test_nine_months_compare_with_the_year(nlp) -> None:
    text = ("For the third quarter ended Sept. 30, the insurer earned $4 million. "
            "For the nine months, net rose to $9 million from $7 million a year earlier.")
    got = found(nlp, text, ref=date(2022, 10, 28))
    assert got["the third quarter"][1] == "2022-Q3"
    assert got["a year earlier"][1] == "2021"


def test_dateline_clock_and_date_stay_apart(nlp) -> None:
    got = found(nlp, "Published 18:45 IST, March 3rd 2023", ref=date(2023, 3, 3))
    assert got["18:45 IST"][:2] == ("TIME", "2023-03-03T18:45")
    assert got["March 3rd 2023"][:2] == ("DATE", "2023-03-03")


@pytest.mark.parametrize("sentence", [
    "A 52-year-old farmer was arrested near the border.",
    "Black Monday wiped a fifth off the index.",
    "The current account deficit widened sharply.",
    # generic uses and titles: the present age, a prospect, the part of a day another date names
    "The museum shows how today's youth use their phones.",
    "Engineers there are designing the cars of tomorrow.",
    "The summit will decide the future of the alliance.",
    "The blast happened on the night of the storm near the port.",
    'The senator told CBS\'s "60 Minutes" that he would run.',
])
def test_round2_no_false_positives(nlp, sentence: str) -> None:
    assert not [d for d in dates_of(nlp, sentence) if d.type in ("DATE", "TIME", "DURATION")
                and d.value not in ("1987",)], dates_of(nlp, sentence)


ROUND5 = [
    # (reference, sentence, expression text, type, value, mod)
    # an article before "Nth century" belongs to the noun the century describes
    (date(2023, 5, 9), "She called herself a 19th century liberal in a 21st century party.", "19th century",
     "DATE", "18", None),
    # open-ended periods
    (date(2023, 5, 9), "The ministry expects shortages in 2026 and beyond.", "2026 and beyond", "DATE", "2026",
     "ON_OR_AFTER"),
    (date(2023, 5, 9), "Elections could be held in 2025 or later, the envoy said.", "2025 or later", "DATE", "2025",
     "ON_OR_AFTER"),
    # market days count as days
    (date(2023, 5, 9), "The index has fallen for six trading days.", "six trading days", "DURATION", "P6D", None),
    (date(2023, 5, 9), "Refunds arrive within ten business days.", "ten business days", "DURATION", "P10D",
     None),
    # two quarters of a named year are its half
    (date(2023, 5, 9), "Sales rose in the first two quarters of 2022.", "the first two quarters of 2022", "DATE",
     "2022-H1", None),
    # halves of a decade: its start or its end
    (date(2023, 5, 9), "The town boomed in the first half of the 1960s.", "the first half of the 1960s", "DATE",
     "196", "START"),
    (date(1989, 11, 2), "Mergers multiplied in the last half of the '80s.", "the last half of the '80s", "DATE",
     "198", "END"),
    # a decade with an apostrophe; "the 2000s" is a decade, "the 1800s" a century
    (date(2023, 5, 9), "House prices doubled in the late '90s.", "the late '90s", "DATE", "199", "END"),
    (date(2023, 5, 9), "Broadband spread quickly during the 2000s.", "the 2000s", "DATE", "200", None),
    (date(2023, 5, 9), "The canal was dug in the 1800s.", "the 1800s", "DATE", "18", None),
    (date(2023, 5, 9), "The plan covers 2030 onwards.", "2030 onwards", "DATE", "2030", "ON_OR_AFTER"),
    # "beyond" with an object is a preposition, not an open end
    (date(2023, 5, 9), "Prices will rise in 2026 and beyond the reach of most families.", "2026", "DATE", "2026",
     None),
    # the 24-hour clock of BBC and wire copy comes with its zone; "1300" there is no year
    (date(2005, 3, 16), "By 1300 GMT the shares were down 3%.", "1300 GMT", "TIME", "2005-03-16T13:00", None),
    (date(2005, 3, 16), "The curfew starts at 2100 local time.", "2100 local time", "TIME", "2005-03-16T21:00",
     None),
    (date(2005, 3, 16), "Kick-off is at 2045 BST on Saturday.", "2045 BST on Saturday", "TIME",
     "2005-03-19T20:45", None),
    (date(2005, 3, 16), "Fixture: Friday, 25 March 2000 GMT at the Stoop.", "Friday, 25 March 2000 GMT", "TIME",
     "2005-03-25T20:00", None),
    (date(2005, 3, 16), "The treaty was signed on 25 March 2000 in Lisbon.", "25 March 2000", "DATE",
     "2000-03-25", None),
    # a weekday and the date it names are one expression
    (date(2005, 3, 16), "Polls open on Thursday, 5 May, across the country.", "Thursday, 5 May", "DATE",
     "2005-05-05", None),
    # measures in falling units are one duration
    (date(2005, 3, 16), "She won the race in two hours 21 minutes 4 seconds.", "two hours 21 minutes 4 seconds",
     "DURATION", "PT2H21M4S", None),
    (date(2005, 3, 16), "He served three years and two months in jail.", "three years and two months",
     "DURATION", "P3Y2M", None),
    (date(2005, 3, 16), "Traffic has doubled every five and a half months.", "every five and a half months",
     "SET", "P5.5M", None),
    (date(2005, 3, 16), "The mine closed two and a half years ago.", "two and a half years ago", "DATE",
     "2002-09", None),
    # after an amount "a year" is a rate
    (date(2005, 3, 16), "Inspectors make around 3,000 visits a year to the plants.", "a year", "SET", "P1Y", None),
    (date(2005, 3, 16), "The board meets twice a month.", "twice a month", "SET", "P1M", None),
    (date(2005, 3, 16), "She spent a year in Paris.", "a year", "DURATION", "P1Y", None),
    # "the year before" is one year back, like "a year earlier"
    (date(2005, 3, 16), "Profit was barely up on the year before.", "the year before", "DATE", "2004", None),
    # "the past year" is the twelve months up to now
    (date(2004, 12, 1), "Broadband use rose by 60% over the past year.", "the past year", "DURATION", "P1Y", None),
    # "this" before a number is a pronoun
    (date(2005, 1, 10), "I dealt with this six months ago, he said.", "six months ago", "DATE", "2004-07", None),
    # fractions of an hour or a century are times
    (date(2005, 3, 16), "The speech lasted a quarter of an hour.", "a quarter of an hour", "DURATION", "PT15M",
     None),
    # a new date after "put back to", "pushed back to" still lies ahead
    (date(2005, 3, 16), "The launch has been put back to 17 April.", "17 April", "DATE", "2005-04-17", None),
    # an expected or predicted event is ahead; the day of predicting is not
    (date(2005, 1, 13), "Pundits have been expecting an election on 5 May.", "5 May", "DATE", "2005-05-05", None),
    (date(2005, 1, 13), "With the vote widely predicted for May, MPs were restless.", "May", "DATE", "2005-05",
     None),
    (date(2005, 1, 14), "The ruling will be delayed, the ministry predicted Wednesday.", "Wednesday", "DATE",
     "2005-01-12", None),
    # "sometime" is part of a vague date
    (date(2023, 5, 9), "The ministers will meet sometime next year.", "sometime next year", "DATE", "2024", None),
]


@pytest.mark.parametrize(("ref", "sentence", "text", "typ", "value", "mod"), ROUND5)
def test_round5_sentences(nlp, ref: date, sentence: str, text: str, typ: str, value: str, mod: str | None) -> None:
    got = found(nlp, sentence, ref=ref)
    assert text in got, got
    assert got[text] == (typ, value, mod)


@pytest.mark.parametrize("sentence", [
    # titles: newspapers named after a weekday
    "He had no idea where the reports in the Sunday Times came from.",
    "A book by Sunday Telegraph columnist Ann Ross says otherwise.",
    # ranks, not lengths
    "The festival, which is in its 12th year, sold out quickly.",
    "Factory output rose for the 19th month in a row.",
    "The premier won a second election with a bigger majority.",
    # fractions and idioms
    "The firm already has more than a quarter of the market.",
    "Almost a quarter of the bridges are in poor repair.",
    "The rally was seen as overdone in some quarters.",
    "Retailers reported a post-Christmas slump.",
    "Exports were 12% lower year-on-year.",
    "Traders went home as the exchange closed for the day.",
])
def test_round5_no_time(nlp, sentence: str) -> None:
    assert dates_of(nlp, sentence, ref=date(2005, 3, 16)) == [], dates_of(nlp, sentence, ref=date(2005, 3, 16))

"""Publication dates found in the text of an article: the forms wire services and sites print."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from quadnews.dateline import find_dateline

NEAR = date(2022, 6, 1)


@pytest.mark.parametrize("text, expected, clock", [
    ("WASHINGTON, March 25 (Reuters) - U.S. President Joe Biden said...\nIn 2022 the talks...",
     date(2022, 3, 25), None),
    ("NEW DELHI, Mar 26, 2022 (PTI) — India said on Saturday...", date(2022, 3, 26), None),
    # an outlet's header line: name in capitals, then the date
    ("Ministers meet in Hanoi\n\nASIA WIRE - Oct 4, 2024 - 08:15 | Politics\nThe ministers...",
     date(2024, 10, 4), None),
    ("GLOBAL NEWS | 12 June 2021\nLeaders gathered...", date(2021, 6, 12), None),
    ("SÃO PAULO, March 25, 2022 (Reuters) - Brazil's president...", date(2022, 3, 25), None),
    ("Published 08:32 IST, March 26th 2022\nQUAD Senior Cyber Group meets", date(2022, 3, 26),
     datetime(2022, 3, 26, 8, 32)),
    ("Updated: 26 Mar 2022, 10:05 am\nHeadline", date(2022, 3, 26), datetime(2022, 3, 26, 10, 5)),
    ("Updated: 26 Mar 2022, 10:05 pm\nHeadline", date(2022, 3, 26), datetime(2022, 3, 26, 22, 5)),
    ("March 26, 2022 | 10:05 AM\nHeadline", date(2022, 3, 26), None),
    ("March 26, 2022 |\nHeadline", date(2022, 3, 26), None),
    ("Headline\nBy Jane Doe\nMar. 26, 2022 8:32 AM EDT\nTOKYO (AP) — Japan's prime minister...",
     date(2022, 3, 26), datetime(2022, 3, 26, 8, 32)),
    ("Headline\nSat 26 Mar 2022 04.02 EDT\nTOKYO (AP) - ...", date(2022, 3, 26), datetime(2022, 3, 26, 4, 2)),
    ("Headline\nSaturday, March 26, 2022\nTOKYO (AP) - ...", date(2022, 3, 26), None),
    ("Headline\nBy Jane Doe | March 26, 2022\nTOKYO (AP) - ...", date(2022, 3, 26), None),
    ("Headline\nBy Jane Doe, Reuters - Updated 26 March 2022\nStory", date(2022, 3, 26), None),
    ("Headline\nDate: March 26, 2022\nStory", date(2022, 3, 26), None),
    ("Published on 2022-03-26\nStory", date(2022, 3, 26), None),
    ("Posted: Thursday, March 24, 2022 at 6:15 PM\nStory", date(2022, 3, 24), datetime(2022, 3, 24, 18, 15)),
    ("Headline\nStory text.\nMore text.\n\nFirst published March 26, 2022", date(2022, 3, 26), None),
])
def test_dateline_forms(text, expected, clock):
    found = find_dateline(text, near=NEAR)
    assert found is not None
    assert found.date == expected
    assert found.time == clock


def test_offsets_point_at_the_date():
    text = "Published 08:32 IST, March 26th 2022\nStory"
    found = find_dateline(text)
    assert text[found.start:found.end] == "March 26th 2022"


@pytest.mark.parametrize("text", [
    "Japan and India met in Tokyo on Friday.\nThey will meet again in March 2023.",
    "The summit on March 26, 2022 was the first.",  # a date inside a sentence is not a dateline
    "TOKYO (AP) — Japan's prime minister spoke on Friday.",  # a dateline with no date at all
    "",
    "Published yesterday",
])
def test_no_dateline(text):
    assert find_dateline(text, near=NEAR) is None


def test_year_of_a_yearless_dateline():
    # From a header line that prints one.
    found = find_dateline("Headline 2021 review\nWASHINGTON, March 25 (Reuters) - Story", near=NEAR)
    assert found.date == date(2021, 3, 25) and found.year_guessed
    # Else the latest past year the story mentions, never one after the file's date.
    text = "WASHINGTON, March 25 (Reuters) - In 2007 Abe proposed the Quad; in 2021 it met; by 2030 ..."
    assert find_dateline(text, near=NEAR).date == date(2021, 3, 25)
    # Else the latest such day not after the file's date.
    assert find_dateline("WASHINGTON, March 25 (Reuters) - Story", near=date(2022, 6, 1)).date == date(2022, 3, 25)
    assert find_dateline("WASHINGTON, Dec 25 (Reuters) - Story", near=date(2022, 6, 1)).date == date(2021, 12, 25)


def test_invalid_calendar_dates_are_skipped():
    assert find_dateline("Published February 30, 2022\nStory") is None


def test_megabyte_line_stays_fast():
    import time

    text = "WASHINGTON " + "A " * 500_000 + "\n"
    start = time.perf_counter()
    assert find_dateline(text) is None
    assert time.perf_counter() - start < 1.0

"""Organizations: names kept whole, abbreviations tied to their long form, no handles,
credits or lone head nouns."""

from __future__ import annotations

from datetime import date

import pytest

import quadnews

REF = date(2022, 3, 26)


def _orgs(text: str) -> dict[str, list[str]]:
    return {o.name: o.aliases for o in quadnews.extract(text, reference_date=REF).organizations}


@pytest.mark.parametrize(("text", "name"), [
    ("In Sydney, the QUAD Senior Cyber Group met this week.", "QUAD Senior Cyber Group"),
    ("The National Security Council shared a Tweet on Friday.", "National Security Council"),
    ("The Ministry of Foreign Affairs said the talks were useful.", "Ministry of Foreign Affairs"),
    ("The Department of State issued a travel advisory.", "Department of State"),
    ("The World Health Organization warned of a new wave.", "World Health Organization"),
    ("The Reserve Bank of India held rates steady.", "Reserve Bank of India"),
    ("NATO allies met in Brussels.", "NATO"),
    ("The G7 finance ministers met in Niigata.", "G7"),
])
def test_names_kept_whole(nlp, text, name):
    assert name in _orgs(text)


def test_quad_and_its_body_are_different_organizations(nlp):
    orgs = _orgs("The QUAD group includes four states. The QUAD Senior Cyber Group met in Sydney.")
    assert {"QUAD", "QUAD Senior Cyber Group"} <= set(orgs)


def test_initials_tie_abbreviation_to_long_form(nlp):
    orgs = _orgs("Cyber group meets in Sydney, says WH\nOn Friday, the White House issued a statement.")
    assert "WH" in orgs["White House"]
    assert "WH" not in orgs


@pytest.mark.parametrize(("text", "long", "abbr"), [
    ("The Association of Southeast Asian Nations (ASEAN) will meet in Jakarta. ASEAN said so.",
     "Association of Southeast Asian Nations", "ASEAN"),
    ("The International Atomic Energy Agency (IAEA) sent inspectors. The IAEA said access was limited.",
     "International Atomic Energy Agency", "IAEA"),
])
def test_bracketed_abbreviation_tied_to_long_form(nlp, text, long, abbr):
    orgs = _orgs(text)
    assert abbr in orgs[long]
    assert abbr not in orgs


@pytest.mark.parametrize(("text", "not_org"), [
    ("The group met in Sydney.\nImage: @WHNSC/Twitter\n", "@WHNSC/Twitter"),
    ("The statement was shared on Twitter with an image of the Group stating its aims.", "Group"),
    ("Secretary of State Antony Blinken arrived in Tokyo.", "State"),
    ("The Quad met in Tokyo.\nPhoto: Getty Images\n", "Getty Images"),
    ("India's PM Modi spoke on Friday.", "PM Modi"),
    ("A Conservative Party spokesman said the plan was costly.", "a Conservative Party"),
])
def test_not_organizations(nlp, text, not_org):
    assert not_org not in _orgs(text)


def test_state_prefix_is_not_part_of_the_body(nlp):
    orgs = _orgs("The US State Department said the visit would go ahead.")
    assert "State Department" in orgs


@pytest.mark.parametrize("name", ["British National Party", "Indian National Congress"])
def test_demonym_led_proper_names_stay_whole(nlp, name):
    result = quadnews.extract(f"The {name} said it would contest the seat.", reference_date=REF)
    assert name in {o.name for o in result.organizations}

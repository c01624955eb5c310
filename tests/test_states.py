"""States: every surface form of a country is one ISO 3166-1 state; cities, regions,
groupings and person names never are."""

from __future__ import annotations

from datetime import date

import pytest

import quadnews

REF = date(2023, 6, 3)


def _states(text: str) -> dict[str, list[str]]:
    return {s.code: s.aliases for s in quadnews.extract(text, reference_date=REF).states}


SURFACE_FORMS = [
    ("The United States will send a delegation to the talks.", "US", "United States"),
    ("Officials in the US said the plan was on track.", "US", "US"),
    ("The U.S. Treasury issued new guidance on Monday.", "US", "U.S."),
    ("America has long backed the free trade pact.", "US", "America"),
    ("Two American diplomats arrived in the capital.", "US", "American"),
    ("The USA topped the medal table again.", "US", "USA"),
    ("The United States of America signed the accord in 1947.", "US", "United States of America"),
    ("Japanese officials declined to comment on the report.", "JP", "Japanese"),
    ("Japan will host the next summit in Hiroshima.", "JP", "Japan"),
    ("India's economy grew faster than expected last quarter.", "IN", "India"),
    ("Indian exporters welcomed the tariff cut.", "IN", "Indian"),
    ("Britain is expected to announce new sanctions.", "GB", "Britain"),
    ("The UK government published its defence review.", "GB", "UK"),
    ("British troops will take part in the exercise.", "GB", "British"),
    ("The U.K. economy shrank in the second quarter.", "GB", "U.K."),
    ("The United Kingdom and France signed a treaty.", "GB", "United Kingdom"),
    ("South Korea will expand its chip subsidies.", "KR", "South Korea"),
    ("South Korean exports fell for a third month.", "KR", "South Korean"),
    ("North Korea fired a missile into the sea.", "KP", "North Korea"),
    ("The Netherlands will restrict exports of chipmaking tools.", "NL", "Netherlands"),
    ("Dutch officials confirmed the restrictions on Friday.", "NL", "Dutch"),
    ("China said the move would hurt trade.", "CN", "China"),
    ("Chinese state media described the meeting as candid.", "CN", "Chinese"),
    ("Germany will raise defence spending next year.", "DE", "Germany"),
    ("The German economy is in recession.", "DE", "German"),
    ("France opposed the proposal in Brussels.", "FR", "France"),
    ("French farmers blocked roads near Paris.", "FR", "French"),
    ("Australia and New Zealand issued a joint statement.", "AU", "Australia"),
    ("Australian officials said the deal was close.", "AU", "Australian"),
    ("New Zealand will reopen its embassy.", "NZ", "New Zealand"),
    ("Russia launched a new offensive in the east.", "RU", "Russia"),
    ("Russian forces withdrew from the village.", "RU", "Russian"),
    ("Ukraine's president thanked allies for the aid.", "UA", "Ukraine"),
    ("Ukrainian troops advanced near the river.", "UA", "Ukrainian"),
    ("Saudi Arabia cut its oil output again.", "SA", "Saudi Arabia"),
    ("The Saudi energy ministry confirmed the cut.", "SA", "Saudi"),
    ("The UAE hosted the climate talks in Dubai.", "AE", "UAE"),
    ("Israeli officials met their Egyptian counterparts.", "IL", "Israeli"),
    ("Egypt mediated between the two sides.", "EG", "Egypt"),
    ("Vietnam and the Philippines disputed the reef.", "VN", "Vietnam"),
    ("The Philippines lodged a diplomatic protest.", "PH", "Philippines"),
    ("Brazil's president visited Beijing last year.", "BR", "Brazil"),
    ("Mexican officials said talks were constructive.", "MX", "Mexican"),
    ("Canada will send two frigates to the region.", "CA", "Canada"),
    ("Ivory Coast holds elections in October.", "CI", "Ivory Coast"),
    ("Turkish officials said the vote would be delayed.", "TR", "Turkish"),
    ("Taiwan reported Chinese aircraft near the island.", "TW", "Taiwan"),
    ("Iran's foreign ministry summoned the envoy.", "IR", "Iran"),
    ("Czech and Polish leaders met in Prague.", "CZ", "Czech"),
    ("Kenya's central bank raised rates.", "KE", "Kenya"),
    # "Korean" alone is South Korean in news English (the North is always "North Korean")
    ("Korean carmaker Kia opened a second plant in Slovakia.", "KR", "Korean"),
    # a name the model leaves untagged or takes for a person, listed with states
    ("Exports to Benin, Chad and Cameroon doubled last year.", "TD", "Chad"),
    ("Fuel reaches Ghana, Togo and Burkina Faso by road.", "TG", "Togo"),
    # a capital listed with states stands for its state
    ("The minister has moved closer to Washington and Israel since taking office.", "US", "Washington"),
]


@pytest.mark.parametrize(("text", "code", "alias"), SURFACE_FORMS)
def test_surface_forms_map_to_iso_code(nlp, text, code, alias):
    states = _states(text)
    assert code in states, states
    assert alias in states[code]


def test_one_entry_per_state_with_all_aliases(nlp):
    text = ("The United States and Japan met on Friday. US officials said America and the U.S. "
            "Navy would lead, and Japanese officials agreed.")
    result = quadnews.extract(text, reference_date=REF)
    us = [s for s in result.states if s.code == "US"]
    assert len(us) == 1
    assert {"United States", "US", "America", "U.S."} <= set(us[0].aliases)
    assert us[0].name == "United States"
    assert us[0].mentions >= 4


NOT_STATES = [
    # cities are places in a state, never the state
    ("The summit was held in Sydney on Friday.", "Sydney", "AU"),
    ("Talks continued in Geneva for a second day.", "Geneva", "CH"),
    ("Delegates gathered in Tokyo for the forum.", "Tokyo", "JP"),
    # regions
    ("The plan aims at a free and open Indo-Pacific.", "Indo-Pacific", None),
    ("Growth in Asia slowed last year.", "Asia", None),
    ("Tensions in the Middle East rose again.", "Middle East", None),
    ("The ships sailed through the South China Sea.", "South China Sea", "CN"),
    ("Ministers from across Europe met in the afternoon.", "Europe", None),
    # groupings of states
    ("The QUAD group includes four democracies.", "QUAD", None),
    ("Leaders of the Quad will meet in Japan.", "Quad", None),
    ("NATO allies agreed to raise spending.", "NATO", None),
    ("The EU imposed new tariffs on steel.", "EU", None),
    ("G7 finance ministers met in Niigata.", "G7", None),
    ("ASEAN foreign ministers issued a statement.", "ASEAN", None),
    # person names and subdivisions that look like countries
    ("Jordan Peterson criticised the decision.", "Jordan", "JO"),
    ("The rally was held in Atlanta, Georgia, on Tuesday.", "Georgia", "GE"),
    ("The Nikkei Asia report cited three officials.", "Nikkei Asia", None),
    ("The White House issued a statement.", "White House", None),
    ("Bob Wellington, a local councillor, said Mr Wellington would run.", "Wellington", "NZ"),
    # a country name that is also a US state, in a story about the US
    ("The US carmaker is building a battery plant in Georgia, officials in Washington said.", "Georgia", "GE"),
    # a capital being located, not a member of a list of states
    ("Embassies opened in Baghdad in Iraq, Kabul in Afghanistan and Hanoi.", "Kabul", None),
]


@pytest.mark.parametrize(("text", "surface", "code"), NOT_STATES)
def test_never_a_state(nlp, text, surface, code):
    states = _states(text)
    assert all(surface not in aliases for aliases in states.values()), states
    if code:
        assert code not in states, states


def test_city_is_a_place_in_its_state(nlp):
    result = quadnews.extract("In Australia's Sydney, the group met this week.", reference_date=REF)
    assert [s.code for s in result.states] == ["AU"]
    sydney = [p for p in result.places if p.name == "Sydney"]
    assert sydney and sydney[0].country == "AU"


@pytest.mark.parametrize("text", [
    "Georgia applied to join the European Union, officials in Tbilisi said.",
    # listed with other states, even where the US is named
    "The alliance said Ukraine and Georgia would join one day, a US official said.",
])
def test_georgia_the_country_is_still_a_state(nlp, text):
    assert "GE" in _states(text)


@pytest.mark.parametrize(("text", "code"), [
    ("Beijing said the sanctions were illegal.", "CN"),
    ("Washington has warned against any escalation.", "US"),
    ("Moscow denied the accusations on Monday.", "RU"),
    # each conjunct of a speaking subject speaks
    ("Diplomats say Washington and Berlin blocked the stronger wording.", "DE"),
])
def test_capital_as_speaker_is_its_state(nlp, text, code):
    assert code in _states(text)


@pytest.mark.parametrize("text", [
    "Talks in Beijing ended without a deal.",
    "The delegation flew to Moscow on Monday.",
])
def test_capital_as_place_is_not_a_state(nlp, text):
    assert _states(text) == {}


def test_boilerplate_lines_have_no_states(nlp):
    text = "Japan and India agreed on Friday.\nAdvertisement\nImage: Reuters/France 24\n"
    assert set(_states(text)) == {"IN", "JP"}


def test_state_prefix_of_an_organization_is_a_state(nlp):
    states = _states("The US State Department and the Chinese Foreign Ministry traded barbs.")
    assert {"US", "CN"} <= set(states)

"""Leaders: people with a political title, with the state the title belongs to."""

from __future__ import annotations

from datetime import date

import pytest

import quadnews
from quadnews import leaders

REF = date(2023, 6, 3)


def _leaders(text: str, ref: date = REF) -> dict[str, tuple[str | None, str | None]]:
    return {ld.name: (ld.title, ld.state) for ld in quadnews.extract(text, reference_date=ref).leaders}


PATTERNS = [
    # demonym / country / possessive before the title
    ("Japanese Prime Minister Fumio Kishida arrived in Hiroshima.", "Fumio Kishida", "Prime Minister", "JP"),
    ("US President Joe Biden will attend the summit.", "Joe Biden", "President", "US"),
    ("India's PM Modi addressed the rally on Sunday.", "Narendra Modi", "Prime Minister", "IN"),
    ("German Chancellor Olaf Scholz spoke to reporters.", "Olaf Scholz", "Chancellor", "DE"),
    ("Britain's Foreign Secretary James Cleverly flew to Kyiv.", "James Cleverly", "Foreign Secretary", "GB"),
    ("Australian Prime Minister Anthony Albanese hosted the talks.", "Anthony Albanese", "Prime Minister", "AU"),
    ("China's Foreign Minister Qin Gang met his counterpart.", "Qin Gang", "Foreign Minister", "CN"),
    ("South Korean President Yoon Suk Yeol visited Washington.", "Yoon Suk Yeol", "President", "KR"),
    # "of COUNTRY" after the title or after the name
    ("Prime Minister of Japan Fumio Kishida opened the session.", "Fumio Kishida", "Prime Minister", "JP"),
    ("President Emmanuel Macron of France met the delegation.", "Emmanuel Macron", "President", "FR"),
    ("The President of Brazil, Luiz Inacio Lula da Silva, spoke first.", "Luiz Inacio Lula da Silva",
     "President", "BR"),
    # appositive after the name
    ("Fumio Kishida, Japan's prime minister, said the talks were useful.", "Fumio Kishida", "Prime Minister", "JP"),
    ("Penny Wong, the Australian foreign minister, arrived on Monday.", "Penny Wong", "Foreign Minister", "AU"),
    # titles with no state in context: the knowledge base, a title one state uses, the article
    ("Secretary of State Antony Blinken met the delegation.", "Antony Blinken", "Secretary of State", "US"),
    ("President Joe Biden said the bill would pass.", "Joe Biden", "President", "US"),
    ("King Charles hosted a state banquet at Windsor.", "Charles", "King", "GB"),
    ("Chancellor of the Exchequer Jeremy Hunt delivered the budget.", "Jeremy Hunt", "Chancellor of the Exchequer",
     "GB"),
    ("Taoiseach Leo Varadkar said Dublin would help.", "Leo Varadkar", "Taoiseach", "IE"),
    ("Foreign Minister Wang Yi said China would not back down.", "Wang Yi", "Foreign Minister", "CN"),
    ("Prime Minister Rishi Sunak defended the plan.", "Rishi Sunak", "Prime Minister", "GB"),
    # modifiers before the title
    ("Former President Donald Trump criticised the ruling.", "Donald Trump", "President", "US"),
    ("Former Japanese Prime Minister Shinzo Abe initiated the idea in 2007.", "Shinzo Abe", "Prime Minister", "JP"),
    ("External Affairs Minister S. Jaishankar met his counterparts.", "S. Jaishankar", "External Affairs Minister",
     "IN"),
    # an office holder the knowledge base does not know: the state named before him
    ("Peacekeepers in Ivory Coast were attacked after President Laurent Gbagbo broke the ceasefire.",
     "Laurent Gbagbo", "President", "CI"),
    # "TITLE, NAME" in apposition after a possessive or determiner
    ("Peru's foreign minister, Elena Quispe, arrived in Lima on Monday.", "Elena Quispe", "Foreign Minister", "PE"),
    ("The talks were led by the Dutch trade minister, Pieter Jansen, on Friday.", "Pieter Jansen",
     "Trade Minister", "NL"),
    # an ambassador's host state is not his own
    ("Deputy Minister Li Wen met Australian Ambassador to China Mark Dobbs on Monday.", "Mark Dobbs", "Ambassador",
     "AU"),
    # offices of international bodies have no state
    ("IMF Managing Director Kristalina Georgieva praised the reforms.", "Kristalina Georgieva", "Managing Director",
     None),
    ("Amina Diallo, chairperson of the African Union Commission, urged restraint.", "Amina Diallo", "Chair", None),
    ("Speaking in Rome, the European Council president, Henrik Larsen, said talks would resume.", "Henrik Larsen",
     "President", None),
    # taking an office: "NAME becomes TITLE", "NAME takes over as TITLE"
    ("Thabo Nkosi takes over as finance minister of Botswana next week.", "Thabo Nkosi", "Finance Minister", "BW"),
    ("Analysts expect that Maria Sousa becomes Portugal's defence minister after the election.", "Maria Sousa",
     "Defence Minister", "PT"),
    # a title several states use: the one the article names
    ("India and the US will sign the deal, Foreign Secretary Arun Mehta told reporters in India on Monday.",
     "Arun Mehta", "Foreign Secretary", "IN"),
    # a datelined story: an unqualified national title is the dateline state's
    ("LIMA, Peru (AP) - Economy Minister Carla Ruiz said Brazil and Chile had agreed.", "Carla Ruiz",
     "Economy Minister", "PE"),
    # a name with lower-case particles the model cut short
    ("Mexico's finance minister, Rogelio Ramírez de la O, said the budget was balanced.", "Rogelio Ramírez de la O",
     "Finance Minister", "MX"),
    # the article's state when nothing else tells
    ("The UK budget was cut. The UK economy slowed. Finance Minister Jane Doakes said Britain would recover.",
     "Jane Doakes", "Finance Minister", "GB"),
]


@pytest.mark.parametrize(("text", "name", "title", "state"), PATTERNS)
def test_leader_name_title_state(nlp, text, name, title, state):
    found = _leaders(text)
    assert found.get(name) == (title, state), found


def test_surname_mentions_merge_into_full_name(nlp):
    text = ("Japanese Prime Minister Fumio Kishida met reporters. Kishida said the talks went well, "
            "and Mr Kishida will travel to Seoul next week.")
    result = quadnews.extract(text, reference_date=REF)
    assert [ld.name for ld in result.leaders] == ["Fumio Kishida"]
    lead = result.leaders[0]
    assert {"Kishida", "Fumio Kishida"} <= set(lead.aliases)
    assert lead.mentions == 3


def test_role_mention_links_to_named_leader(nlp):
    text = ("US President Joe Biden will travel to Japan. The White House said the President of the "
            "United States would meet Japanese leaders.")
    result = quadnews.extract(text, reference_date=REF)
    biden = next(ld for ld in result.leaders if ld.name == "Joe Biden")
    assert "President of the United States" in biden.aliases
    assert biden.mentions == 2


def test_people_without_title_are_people(nlp):
    text = "Jordan Peterson and Maria Lopez attended the lecture in Toronto."
    result = quadnews.extract(text, reference_date=REF)
    assert result.leaders == []
    assert {p.name for p in result.people} == {"Jordan Peterson", "Maria Lopez"}


def test_honorific_merges_people(nlp):
    result = quadnews.extract("Maria Lopez runs the clinic. Ms Lopez said demand was rising.",
                              reference_date=REF)
    assert [p.name for p in result.people] == ["Maria Lopez"]


def test_office_holder_named_without_title_on_reference_date(nlp):
    found = _leaders("Joe Biden and Narendra Modi met in Washington.")
    assert found["Joe Biden"] == ("President", "US")
    assert found["Narendra Modi"] == ("Prime Minister", "IN")


def test_former_office_holder_without_title_is_a_person(nlp):
    result = quadnews.extract("Tony Blair gave a speech in London.", reference_date=REF)
    assert result.leaders == []
    assert [p.name for p in result.people] == ["Tony Blair"]


def test_shadow_ministers_are_not_leaders(nlp):
    result = quadnews.extract("Shadow chancellor George Osborne attacked the plan.", reference_date=date(2005, 3, 1))
    assert result.leaders == []


@pytest.mark.parametrize("text", [
    # a future or hypothetical office is not held yet
    "Polls suggest most people would accept Camilla after Charles becomes king.",
    "Some in the party say Jane Porter could become chancellor one day.",
])
def test_hypothetical_office_is_no_title(nlp, text):
    assert _leaders(text) == {}


@pytest.mark.parametrize("text", [
    "He met her at London's King Cross station.",
    "If he became king, Charles would be the oldest monarch.",
    "The Prime Minister's office declined to comment.",
])
def test_no_leader_from_title_words_alone(nlp, text):
    assert quadnews.extract(text, reference_date=date(2005, 3, 1)).leaders == []


def test_organizations_are_never_leaders(nlp):
    text = "The White House said the QUAD Senior Cyber Group met in Sydney, according to Nikkei Asia."
    assert quadnews.extract(text, reference_date=REF).leaders == []


def test_known_leader_spellings_merge(nlp):
    text = "President George W Bush spoke. Later, President George Bush left for Texas."
    found = _leaders(text, date(2005, 2, 1))
    assert list(found) == ["George W Bush"] and found["George W Bush"] == ("President", "US")


# knowledge base: pure functions, no model needed
@pytest.mark.parametrize(("name", "day", "title"), [
    ("Joe Biden", date(2015, 1, 1), "Vice President"),
    ("Joe Biden", date(2022, 3, 26), "President"),
    ("Joe Biden", date(2019, 1, 1), None),
    ("Fumio Kishida", date(2016, 1, 1), "Foreign Minister"),
    ("Shinzo Abe", date(2007, 1, 1), "Prime Minister"),
])
def test_knowledge_base_office_on_a_day(name, day, title):
    kl = leaders.lookup_leader(name)
    assert kl is not None
    office = kl.office_on(day)
    assert (office.title if office else None) == title


def test_knowledge_base_surname_needs_a_title():
    assert leaders.lookup_leader("Kishida") is None
    kl = leaders.lookup_leader("Kishida", "Prime Minister")
    assert kl is not None and kl.state == "JP"


def test_knowledge_base_titles_are_canonical_titles():
    canonical = {v[0] for v in leaders._titles()["titles"].values()}
    for kls in leaders.known_leaders().values():
        for kl in kls:
            assert {o.title for o in kl.offices} <= canonical, kl.name

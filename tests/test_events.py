"""Events: type, participants, location, date and status from sentences of news English.

Every article is anchored on Saturday 10 June 2023 unless the row says otherwise. Each row:
(sentence, type, participants that must be present, state codes that must be present,
location or None, date value or None, status).
"""

from __future__ import annotations

from datetime import date

import pytest

import quadnews
from quadnews.events import event_types

REF = date(2023, 6, 10)

CASES = [
    # --- meet ---
    ("Japanese Prime Minister Fumio Kishida met US President Joe Biden in Hiroshima on Friday.",
     "meet", ["Fumio Kishida", "Joe Biden"], ["JP", "US"], "Hiroshima", "2023-06-09", "happened"),
    ("The foreign ministers of India and Australia held talks in New Delhi this week.",
     "meet", [], ["IN", "AU"], "New Delhi", "2023-W23", "happened"),
    ("German Chancellor Olaf Scholz will meet French President Emmanuel Macron in Paris next month.",
     "meet", ["Olaf Scholz", "Emmanuel Macron"], ["DE", "FR"], "Paris", "2023-07", "planned"),
    ("NATO defence ministers gathered in Brussels on Thursday for a two-day meeting.",
     "meet", ["NATO"], [], "Brussels", "2023-06-08", "happened"),
    ("The leaders of Brazil and Argentina held a summit in Brasilia in May.",
     "meet", [], ["BR", "AR"], "Brasilia", "2023-05", "happened"),
    # --- visit ---
    ("Indian Prime Minister Narendra Modi will visit Washington later this month.",
     "visit", ["Narendra Modi"], ["IN"], "Washington", None, "planned"),
    ("British Foreign Secretary James Cleverly visited Kenya on Tuesday.",
     "visit", ["James Cleverly"], ["GB", "KE"], "Kenya", "2023-06-06", "happened"),
    ("Chinese President Xi Jinping paid a state visit to Russia in March.",
     "visit", ["Xi Jinping"], ["CN", "RU"], "Russia", "2023-03", "happened"),
    ("Canadian Prime Minister Justin Trudeau travelled to Kyiv on Saturday.",
     "visit", ["Justin Trudeau"], ["CA"], "Kyiv", "2023-06-10", "happened"),
    ("South Korean President Yoon Suk Yeol is expected to visit Tokyo in July.",
     "visit", ["Yoon Suk Yeol"], ["KR"], "Tokyo", "2023-07", "planned"),
    # --- statement ---
    ("On Friday, the State Department issued a statement on the talks.",
     "statement", ["State Department"], [], None, "2023-06-09", "happened"),
    ("The Kremlin released a statement on Wednesday.",
     "statement", ["Kremlin"], [], None, "2023-06-07", "happened"),
    ("Australia announced on Monday that it would open an embassy in Kyiv.",
     "statement", ["Australia"], ["AU"], None, "2023-06-05", "happened"),
    ("The Japanese foreign ministry posted a tweet on Thursday about the incident.",
     "statement", [], ["JP"], None, "2023-06-08", "happened"),
    ("The G7 leaders issued a joint communique in Hiroshima last month.",
     "statement", ["G7"], [], "Hiroshima", "2023-05", "happened"),
    # --- agree ---
    ("Japan and the Philippines signed a defence agreement in Manila on Thursday.",
     "agree", ["Japan", "Philippines"], ["JP", "PH"], "Manila", "2023-06-08", "happened"),
    ("India and the United Arab Emirates agreed on Tuesday to settle trade in rupees.",
     "agree", ["India", "United Arab Emirates"], ["IN", "AE"], None, "2023-06-06", "happened"),
    ("Finland and Sweden signed the accession protocol in 2022.",
     "agree", ["Finland", "Sweden"], ["FI", "SE"], None, "2022", "happened"),
    ("The two countries will sign a free trade agreement in September.",
     "agree", [], [], None, "2023-09", "planned"),
    ("Egypt and Sudan ratified the treaty last year.",
     "agree", ["Egypt", "Sudan"], ["EG", "SD"], None, "2022", "happened"),
    # --- propose ---
    ("French President Emmanuel Macron proposed a peace conference on Monday.",
     "propose", ["Emmanuel Macron"], ["FR"], None, "2023-06-05", "happened"),
    ("Indonesia invited Malaysia to joint patrols in the Strait of Malacca.",
     "propose", ["Indonesia", "Malaysia"], ["ID", "MY"], None, None, "happened"),
    ("Brazil offered on Wednesday to mediate between Russia and Ukraine.",
     "propose", ["Brazil"], ["BR"], None, "2023-06-07", "happened"),
    ("Turkey proposed new talks in Istanbul this week.",
     "propose", ["Turkey"], ["TR"], None, "2023-W23", "happened"),
    ("The European Union pledged on Thursday to send more aid to Sudan.",
     "propose", ["European Union"], [], None, "2023-06-08", "happened"),
    # --- initiate ---
    ("In 1967, Indonesia, Malaysia, the Philippines, Singapore and Thailand founded ASEAN.",
     "initiate", ["Indonesia", "Malaysia"], ["ID", "MY", "PH", "SG", "TH"], None, "1967", "happened"),
    ("Japan launched a new cybersecurity initiative on Tuesday.",
     "initiate", ["Japan"], ["JP"], None, "2023-06-06", "happened"),
    ("The African Union established a peace fund in 2018.",
     "initiate", ["African Union"], [], None, "2018", "happened"),
    ("South Africa initiated the dialogue in 2019.",
     "initiate", ["South Africa"], ["ZA"], None, "2019", "happened"),
    ("Norway will launch a climate fund next year.",
     "initiate", ["Norway"], ["NO"], None, "2024", "planned"),
    # --- criticize ---
    ("China criticised the United States on Friday over its arms sales to Taiwan.",
     "criticize", ["China", "United States"], ["CN", "US"], None, "2023-06-09", "happened"),
    ("The United Nations condemned the attack on Tuesday.",
     "criticize", ["United Nations"], [], None, "2023-06-06", "happened"),
    ("Iran denounced the new sanctions on Monday.",
     "criticize", ["Iran"], ["IR"], None, "2023-06-05", "happened"),
    ("Poland accused Belarus of provoking a border crisis in 2021.",
     "criticize", ["Poland", "Belarus"], ["PL", "BY"], None, "2021", "happened"),
    ("Germany slammed the decision on Thursday.",
     "criticize", ["Germany"], ["DE"], None, "2023-06-08", "happened"),
    # --- threaten ---
    ("North Korea threatened South Korea with retaliation on Wednesday.",
     "threaten", ["North Korea", "South Korea"], ["KP", "KR"], None, "2023-06-07", "happened"),
    ("Russia warned Finland on Monday against hosting NATO troops.",
     "threaten", ["Russia", "Finland"], ["RU", "FI"], None, "2023-06-05", "happened"),
    ("In January, Venezuela threatened to expel Spanish diplomats.",
     "threaten", ["Venezuela"], ["VE"], None, "2023-01", "happened"),
    ("Serbia threatened Kosovo on Tuesday.",
     "threaten", ["Serbia", "Kosovo"], ["RS"], None, "2023-06-06", "happened"),
    ("Pakistan warned India on Friday of a firm response.",
     "threaten", ["Pakistan", "India"], ["PK", "IN"], None, "2023-06-09", "happened"),
    # --- attack ---
    ("Russia attacked Kyiv with drones on Thursday.",
     "attack", ["Russia"], ["RU"], None, "2023-06-08", "happened"),
    ("Israeli aircraft struck targets in Gaza on Tuesday.",
     "attack", [], ["IL"], "Gaza", "2023-06-06", "happened"),
    ("Iraq invaded Kuwait in 1990.",
     "attack", ["Iraq", "Kuwait"], ["IQ", "KW"], None, "1990", "happened"),
    ("Gunmen attacked a police station in northern Nigeria on Sunday.",
     "attack", [], [], "Nigeria", "2023-06-04", "happened"),
    ("Azerbaijan shelled Armenian positions on Friday.",
     "attack", ["Azerbaijan"], ["AZ"], None, "2023-06-09", "happened"),
    # --- aid ---
    ("Japan donated $5 million to Turkey on Monday.",
     "aid", ["Japan"], ["JP"], None, "2023-06-05", "happened"),
    ("The World Bank approved $500 million in aid for Pakistan on Wednesday.",
     "aid", ["World Bank"], [], None, "2023-06-07", "happened"),
    ("Germany sent humanitarian assistance to Syria in February.",
     "aid", ["Germany"], ["DE", "SY"], None, "2023-02", "happened"),
    ("Australia will provide aid to Tonga next week.",
     "aid", ["Australia"], ["AU"], None, "2023-W24", "planned"),
    ("The United States announced new military aid for Ukraine on Friday.",
     "aid", ["United States"], ["US"], None, "2023-06-09", "happened"),
    # --- sanction ---
    ("The European Union imposed new sanctions on Belarus on Monday.",
     "sanction", ["European Union"], [], None, "2023-06-05", "happened"),
    ("Britain expelled two Russian diplomats on Thursday.",
     "sanction", ["United Kingdom"], ["GB"], None, "2023-06-08", "happened"),
    ("The United States sanctioned three Iranian officials on Tuesday.",
     "sanction", ["United States"], ["US"], None, "2023-06-06", "happened"),
    ("Canada will ban imports of Russian gold next month.",
     "sanction", ["Canada"], ["CA"], None, "2023-07", "planned"),
    ("China imposed a ban on Japanese seafood in August.",
     "sanction", ["China"], ["CN"], None, "2022-08", "happened"),
    # --- protest ---
    ("Thousands of farmers staged a protest in Brussels on Wednesday.",
     "protest", [], [], "Brussels", "2023-06-07", "happened"),
    ("Manila summoned the Chinese ambassador on Monday over the collision.",
     "protest", [], [], None, "2023-06-05", "happened"),
    ("Opposition supporters held a demonstration in Nairobi on Friday.",
     "protest", [], [], "Nairobi", "2023-06-09", "happened"),
    ("Students protested in Dhaka last week against the new law.",
     "protest", [], [], "Dhaka", "2023-W22", "happened"),
    ("Seoul lodged a protest with Tokyo on Thursday over the textbooks.",
     "protest", [], [], None, "2023-06-08", "happened"),
    # --- rules of news English met in longer stories ---
    # a named summit is a meeting by its head word
    ("Leaders gathered for the East Asia Summit in Jakarta on Thursday.",
     "meet", [], [], "Jakarta", "2023-06-08", "happened"),
    # a plan to attend, without saying what: still the meeting
    ("Ukrainian President Volodymyr Zelensky is expected to attend on Wednesday.",
     "meet", ["Volodymyr Zelensky"], ["UA"], None, "2023-06-14", "planned"),
    # "leaves for X" is a visit to X
    ("Kenyan President William Ruto leaves for Egypt on Monday.",
     "visit", ["William Ruto"], ["KE", "EG"], "Egypt", "2023-06-12", "planned"),
    # a relative clause's possessor takes part: "whose troops clashed"
    ("China, whose troops clashed with Indian forces in June 2020, was not named.",
     "attack", ["China"], ["CN", "IN"], None, "2020-06", "happened"),
    # a diplomatic protest lodged
    ("Beijing lodged solemn representations with Tokyo on Sunday over the remarks.",
     "protest", [], [], None, "2023-06-04", "happened"),
    # a pledge of aid is aid, dated by the pledge
    ("Germany pledged on Tuesday a package of military aid worth 700 million euros.",
     "aid", ["Germany"], ["DE"], None, "2023-06-06", "happened"),
    # "the summit, which ended on Sunday": the relative clause dates the summit
    ("The summit, which ended on Sunday, was held in Vilnius.",
     "meet", [], [], "Vilnius", "2023-06-04", "happened"),
    # the date of the announcement dates what it reports as done
    ("The alliance's chief announced on Monday that Turkey had agreed to back the bid.",
     "agree", ["Turkey"], ["TR"], None, "2023-06-05", "happened"),
    # "in the Lithuanian capital" is a place
    ("NATO leaders met in the Lithuanian capital on Tuesday.",
     "meet", ["NATO"], [], "Lithuanian capital", "2023-06-06", "happened"),
    # --- elect ---
    ("Turkey held a presidential election on May 14.",
     "elect", ["Turkey"], ["TR"], None, "2023-05-14", "happened"),
    ("Nigerians voted in a general election in February.",
     "elect", [], ["NG"], None, "2023-02", "happened"),
    ("Thailand will hold an election in May.",
     "elect", ["Thailand"], ["TH"], None, None, "planned"),
    ("Greece held a snap election on Sunday.",
     "elect", ["Greece"], ["GR"], None, "2023-06-04", "happened"),
    ("Spain will hold a general election in July.",
     "elect", ["Spain"], ["ES"], None, "2023-07", "planned"),
]


def _best(events, etype):
    return [e for e in events if e.type == etype]


@pytest.mark.parametrize("text,etype,who,codes,where,when,status", CASES,
                         ids=[f"{c[1]}-{i}" for i, c in enumerate(CASES)])
def test_event_sentence(nlp, text, etype, who, codes, where, when, status):
    result = quadnews.extract(text, reference_date=REF)
    cands = _best(result.events, etype)
    assert cands, f"no {etype} event in {[(e.type, e.trigger) for e in result.events]}"
    ev = cands[0]
    for name in who:
        assert name in ev.participants, (name, ev.participants)
    for code in codes:
        assert code in ev.states, (code, ev.states)
    if where is not None:
        assert ev.location == where
    if when is not None:
        assert ev.date is not None and ev.date.value == when, ev.date
    assert ev.status == status
    assert ev.cameo == event_types()[etype]["cameo"]
    assert ev.sentence and result.text[ev.start:ev.end].strip() == ev.sentence


def test_every_type_has_five_sentences():
    from collections import Counter

    counts = Counter(c[1] for c in CASES)
    for t in event_types():
        assert counts[t] >= 5, t


@pytest.mark.parametrize("text", [
    "The spokesman said the talks had been useful.",  # a reporting verb alone is no statement event
    "Cyber threats are growing in an increasingly digital world.",  # a generic noun is no event
    "According to the statement, officials are confident.",
])
def test_no_event(nlp, text):
    result = quadnews.extract(text, reference_date=REF)
    assert [e.type for e in result.events if e.type in {"statement", "threaten"}] == []


def test_same_event_twice_is_one(nlp):
    text = ("Japanese Prime Minister Fumio Kishida met Indian Prime Minister Narendra Modi in Tokyo on Monday.\n"
            "The meeting in Tokyo focused on trade.\n")
    result = quadnews.extract(text, reference_date=REF)
    meets = [e for e in result.events if e.type == "meet"]
    assert len(meets) == 1
    assert meets[0].mentions == 2


def test_a_thing_of_a_state_is_not_the_state(nlp):
    text = "The minister arrived in Rome aboard a French government plane on Saturday."
    result = quadnews.extract(text, reference_date=REF)
    visits = [e for e in result.events if e.type == "visit"]
    assert visits and "FR" not in visits[0].states
    assert {s.code: s.role for s in result.states}.get("FR") == "mentioned"


def test_two_meetings_on_one_day_with_different_people(nlp):
    text = ("Japanese Prime Minister Fumio Kishida met Ukrainian President Volodymyr Zelensky in Hiroshima "
            "on Sunday. Zelensky also met US President Joe Biden on Sunday.")
    result = quadnews.extract(text, reference_date=REF)
    meets = [e for e in result.events if e.type == "meet"]
    assert len(meets) == 2, [(e.trigger, e.participants) for e in meets]


def test_leader_brings_his_state(nlp):
    text = "President Joe Biden will host the alliance's leaders in Washington next July."
    result = quadnews.extract(text, reference_date=REF)
    assert {s.code: s.role for s in result.states}.get("US") == "participant"


def test_participant_roles(nlp):
    text = ("TOKYO, June 10, 2023 - Japanese Prime Minister Fumio Kishida met Indian Prime Minister "
            "Narendra Modi in Tokyo on Friday. The two leaders discussed China's growing influence.")
    result = quadnews.extract(text)
    roles = {s.code: s.role for s in result.states}
    assert roles["JP"] == "participant" and roles["IN"] == "participant"
    assert roles["CN"] == "mentioned"

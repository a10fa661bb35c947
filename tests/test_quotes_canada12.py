"""Speakers and quotes in Canadian house style (and one other style per rule), from the
second Canadian stand-in set (docs/quotes-canada.md, "Second stand-in (canada12)"). Every
sentence here is written for the test; none is copied from an article."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def extract():
    from briefing.quotes import extract_quotes

    return extract_quotes


def _only(quotes, needle: str):
    hits = [q for q in quotes if needle in q.text]
    assert len(hits) == 1, (needle, [q.text for q in quotes])
    return hits[0]


@pytest.mark.parametrize("text,needle,speaker", [
    # Canadian: the he/she that reports a clause stands for someone named before it, not for
    # the subject of the clause it reports
    ("Mayor Dana Fortier wants Ottawa to pay for the new bridge.\n\n"
     "Fortier hopes the province will chip in as well, something she said Transport Minister "
     "Anil Rao seems “quite open” to.", "quite open", "Dana Fortier"),
    # British: the same with a title before the name of the clause's subject
    ("Councillor Gemma Hart met ministers in London on Monday.\n\n"
     "Ms Hart wants more money for buses, something she said Transport Secretary Tom Nye was "
     "\"happy to consider\" before the budget.", "happy to consider", "Gemma Hart"),
])
def test_a_pronoun_stands_for_someone_named_before_it(extract, text: str, needle: str, speaker: str) -> None:
    assert _only(extract(text), needle).speaker == speaker


@pytest.mark.parametrize("text,needle,speaker", [
    # Canadian: 'Ste.' (Sainte) and the RCMP's 'Cst.' end no sentence: the speaker is the
    # subject before the place, not the word after the dot
    ("On Friday the Algoma Family Clinic in Sault Ste. Marie said it would stop taking new "
     "patients because of a \"severe lack of staff.\"", "severe lack", "Algoma Family Clinic"),
    ("“Speed was a factor,” said Cst. Marie Tremblay of the Surrey RCMP.", "Speed was", "Marie Tremblay"),
    # agency style: the same place name in a sentence that tells The Associated Press
    ("Sault Area Hospital in Sault Ste. Marie told The Associated Press on Monday that its "
     "wards were \"at breaking point.\"", "breaking point", "Sault Area Hospital"),
])
def test_a_place_or_rank_abbreviation_ends_no_sentence(extract, text: str, needle: str, speaker: str) -> None:
    assert _only(extract(text), needle).speaker == speaker


@pytest.mark.parametrize("text,first,last,speaker", [
    # Canadian: '"A," she said. "B ¶ "C."': B is left open at the paragraph end and the next
    # paragraph opens with a mark, so the quote runs on: A, B and C are one quote
    ("Officers gave few details on Sunday.\n\n"
     "“We know this is hard for the family,” Const. Rita Moose said. “People want answers "
     "right away.\n\n"
     "“But we have to protect the case we are building, so we will say more when we can.”\n\n"
     "The investigation continues.", "We know this", "protect the case", "Rita Moose"),
    # British: the same in straight marks
    ("The council met on Tuesday.\n\n"
     "\"This is a difficult budget,\" Mr Patel said. \"Every department has had to find savings.\n\n"
     "\"Nobody on this council wanted to close a library.\"\n\n"
     "The vote is next week.", "difficult budget", "close a library", "Patel"),
])
def test_a_split_quote_left_open_runs_over_the_paragraph(extract, text: str, first: str, last: str, speaker: str) -> None:
    quotes = extract(text)
    assert len(quotes) == 1, [q.text for q in quotes]
    assert first in quotes[0].text and last in quotes[0].text
    assert speaker in (quotes[0].speaker or "")


@pytest.mark.parametrize("text,needle,speaker", [
    # Canadian: a definite description made of the words an organisation's name ends in is
    # that organisation ('the national park' after 'Banff National Park')
    ("Banff National Park closed two trails on Tuesday because of the fire.\n\n"
     "“Crews from across the region are protecting the townsite,” the national park wrote on "
     "Facebook.", "protecting the townsite", "Banff National Park"),
    # British: 'the fire service' after 'West Midlands Fire Service'
    ("West Midlands Fire Service sent eight engines to the warehouse.\n\n"
     "\"The roof has partly collapsed and the building is unsafe,\" the fire service said in an "
     "update.", "roof has partly", "West Midlands Fire Service"),
])
def test_a_description_by_the_words_of_an_organisations_name(extract, text: str, needle: str, speaker: str) -> None:
    assert _only(extract(text), needle).speaker == speaker


@pytest.mark.parametrize("text,needle,speaker", [
    # Canadian: 'A spokesperson ... said in a statement' and, a paragraph on, 'X said in the
    # statement': the statement is X's, and so is the quote the spokesperson gave from it
    ("A spokesperson for the school board said in a statement that trustees will meet again "
     "and that the meetings “could include bus routes if needed.”\n\n"
     "“We are also adding a parent session in the fall,” Marie Leclerc said in the statement.",
     "bus routes", "Marie Leclerc"),
    # British: the same with a spokeswoman and straight marks
    ("A spokeswoman for the trust said in a statement that wards were \"under severe pressure\" "
     "this week.\n\n"
     "\"Patients should only come to A&E in an emergency,\" Helen Morgan said in the statement.",
     "severe pressure", "Helen Morgan"),
])
def test_a_statement_speaks_for_whoever_the_article_names_in_it(extract, text: str, needle: str, speaker: str) -> None:
    assert _only(extract(text), needle).speaker == speaker


@pytest.mark.parametrize("text,phrase", [
    # Canadian: a phrase quoted inside the writer's sentence, no cue and no speaking subject,
    # is no quote of the previous speaker's
    ("“We are ready for the winter,” said Mayor Jo Tran.\n\n"
     "How much money will reach the town is unclear, given its “tricky spot” as “a fast-growing "
     "place in a shrinking region.”", "fast-growing place"),
    # British
    ("\"We will appeal,\" Mr Shah said.\n\n"
     "The ruling leaves the firm in a \"very awkward position\" with its lenders until the spring.",
     "very awkward position"),
    ("\"He will start on Saturday,\" the manager said.\n\n"
     "The first taste the Glasgow crowd got of the new signing was a chant of “one of our own” "
     "from the stands.", "one of our own"),
])
def test_a_cue_less_phrase_in_the_writers_sentence_is_no_quote(extract, text: str, phrase: str) -> None:
    quotes = extract(text)
    assert not [q for q in quotes if phrase in q.text], [(q.text, q.speaker) for q in quotes]
    assert len(quotes) == 1

"""Speakers in BBC-style copy (and one other house style each).

Every paragraph here is written for the test; none is taken from an article. Each test
failed before the rule it covers.
"""
from __future__ import annotations

import pytest


def speaker_of(quotes, opening: str) -> str | None:
    found = [q for q in quotes if q.text.startswith(opening)]
    assert found, [q.text for q in quotes]
    return found[0].speaker


@pytest.mark.slow
@pytest.mark.parametrize("text, opening, speaker", [
    # BBC: the new subject's sentence opens right after a quote's closing mark
    ("\"We will keep prices down,\" said Tom Hale, an analyst at Fenwick Partners. \"Shoppers have noticed.\" "
     "Mark Ellis, chief economist at the Retail Forum, doubted the discounts would last. "
     "\"Not one of these offers survives January,\" he said.", "Not one", "Mark Ellis"),
    # agency copy: the same after a '... told Reuters. "..."' pair
    ("\"Output will recover in the spring,\" Dan Ortiz, an analyst at Castle Markets, told Reuters. "
     "\"We expect a firm second half.\" Karl Weber, head of research at Linden Bank, rejected that view. "
     "\"The spring looks weak to us,\" he said.", "The spring", "Karl Weber"),
])
def test_he_after_a_subject_whose_sentence_follows_a_quote(extract, text, opening, speaker):
    assert speaker_of(extract(text), opening) == speaker


@pytest.mark.slow
@pytest.mark.parametrize("text, opening, speaker", [
    # BBC sport: a surname that is also an organisation word ('the White House')
    ("Tough-tackling flanker Tom White is expecting a hard game in Dublin on Saturday.\n\n"
     "The Bath forward is in the form of his life. \"Ireland will come at us from the start,\" "
     "he told BBC Sport.", "Ireland will", "Tom White"),
    # US sports copy
    ("Rookie pitcher Jack White shrugged off the loss in Denver on Tuesday. "
     "\"We will bounce back from this one,\" he said.", "We will", "Jack White"),
    # BBC sport: the surname alone opens a later sentence, after another person was named
    ("Bath signed the flanker Tom White in 2003.\n\nCoach Dan Ortiz has rebuilt the pack around him.\n\n"
     "White missed most of last season through injury. \"It was a hard year for me,\" he said.",
     "It was a hard", "Tom White"),
    # US sports copy
    ("Denver signed the pitcher Jack White in May.\n\nManager Carl Ruiz has made him the closer.\n\n"
     "White struggled early on Tuesday. \"I was rushing my delivery,\" he said.", "I was rushing", "Jack White"),
])
def test_a_surname_white_is_a_person(extract, text, opening, speaker):
    assert speaker_of(extract(text), opening) == speaker


@pytest.mark.slow
@pytest.mark.parametrize("text, opening, speaker", [
    # BBC politics: a title phrase whose organisation opens the name's run
    ("\"The plans are fully costed,\" said Tory spokesman Ian Brook. But Chief Secretary to the Treasury "
     "Anna Fielding attacked the proposals. \"These cuts would close hospitals,\" she said.",
     "These cuts", "Anna Fielding"),
    # US copy
    ("\"The carrier fleet is too small,\" said Senator Ron Blake. Secretary of the Navy John Pike "
     "defended the budget on Monday. \"We have the ships we need,\" he said.", "We have", "John Pike"),
])
def test_he_after_a_subject_behind_a_title_with_of_or_to_the(extract, text, opening, speaker):
    assert speaker_of(extract(text), opening) == speaker



@pytest.mark.slow
@pytest.mark.parametrize("text, speaker", [
    # BBC sport: 'points out' with the name behind a long title after the quote
    ("\"It is hard to keep going after a gold medal,\" points out former champion and TV pundit Jane Doe. "
     "\"You have to really want it.\"", "Jane Doe"),
    # US copy: the past tense, a senator
    ("\"The numbers do not add up,\" pointed out Senator Mark Ellis of Ohio.", "Mark Ellis"),
])
def test_points_out_is_a_cue(extract, text, speaker):
    quotes = extract(text)
    assert quotes and quotes[0].speaker == speaker
    assert quotes[0].cue.startswith("point")


@pytest.mark.slow
@pytest.mark.parametrize("text, opening, speaker", [
    # BBC sport: a follow-on quote closes its sentence; the next sentence's subject is narration
    ("Paddy Cullen returns at fly-half.\n\n\"We have to get the focus right on the day,\" said Cullen. "
     "\"The visitors may be seen as weaker, but we will respect them.\" The Eagles lost 39-31 against "
     "France in their last game.", "We have to", "Paddy Cullen"),
    # US sports copy
    ("\"We will improve,\" Tom Hale said after the game. \"We know exactly what went wrong out there.\" "
     "City lost on Sunday.", "We will", "Tom Hale"),
])
def test_a_follow_on_quote_is_not_given_to_the_next_sentences_subject(extract, text, opening, speaker):
    quotes = extract(text)
    assert all(q.speaker in (speaker, None) or q.speaker.endswith(speaker) for q in quotes), \
        [(q.speaker, q.text[:20]) for q in quotes]
    assert speaker_of(quotes, opening).endswith(speaker)


@pytest.mark.slow
@pytest.mark.parametrize("text, speaker", [
    # BBC sport: a weak cue ('agreed') right after the quote, then the surname
    ("Former champion Steve Cram won gold in 1983.\n\n\"You do not get that chance very often in your "
     "career,\" agreed Cram.", "Steve Cram"),
    # US copy: 'continued' and a governor's surname
    ("Gov. Tom Hale spoke first at the hearing.\n\n\"We need more time to fix the roads,\" continued Hale.",
     "Tom Hale"),
])
def test_a_weak_cue_right_after_the_quote_names_the_speaker_after_it(extract, text, speaker):
    quotes = extract(text)
    assert quotes and quotes[0].speaker == speaker and quotes[0].cue in ("agreed", "continued")


@pytest.mark.slow
def test_a_weak_cue_before_a_quoted_label_still_names_nobody_after_it(extract):
    quotes = extract("Skelly called Braynard \"a real smart guy\" on Monday.")
    assert all(q.speaker != "Braynard" for q in quotes)

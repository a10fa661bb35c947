"""Speakers in non-US house styles (issue 20): British, Irish, Australian/NZ and agency copy.

Every paragraph here is written for the test in the house style it names; none is taken
from an article. Each test failed before the rule it covers.
"""
from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def extract():
    from briefing.quotes import extract_quotes

    return extract_quotes


def speakers(quotes) -> list[tuple[str | None, str]]:
    return [(q.speaker, q.text[:14]) for q in quotes]


@pytest.mark.slow
@pytest.mark.parametrize("text, speaker", [
    # British: a quote over several paragraphs, opened after "said:" in the middle of a paragraph
    ("Speaking at a school in Leeds on Monday, Ms Harper said: “We will not back down on this.\n\n"
     "“The families who wrote to me deserve an answer.\n\n“They will get one before Christmas.”\n\n"
     "The council is due to meet next week.", "Ms Harper"),
    # agency / NZ copy: the same shape after "told reporters:"
    ("WELLINGTON (Reuters) - Transport Minister Aroha Tane told reporters: \"The road will reopen on Friday.\n\n"
     "\"Crews have worked through the night to make that possible.\"\n\nTraffic was light on Tuesday.", "Aroha Tane"),
])
def test_quote_over_paragraphs_opened_after_a_colon_has_its_cue(extract, text, speaker):
    quotes = extract(text)
    assert len(quotes) == 1
    q = quotes[0]
    assert q.speaker is not None and q.speaker.endswith(speaker.split()[-1])
    assert q.cue in ("said", "told")

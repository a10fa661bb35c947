"""Quote spans in British/Irish tabloid copy with straight single marks (issue 20); no spaCy.

The paragraphs are written for the test; none is taken from an article.
"""
from __future__ import annotations

from briefing.quotes import find_spans


def spans(text: str) -> list[str]:
    return [" ".join(text[s:e] for s, e in p.segs) for p in find_spans(text)]


def test_straight_single_quote_over_lines_after_a_colon():
    """Daily Mail style: one line per paragraph, a quote opened after 'wrote:' runs on to the next line."""
    text = ("A mother of three died in a crash on the M4 on Friday night, police said.\n\n"
            "Paying tribute, her sister wrote on Facebook: 'We are heartbroken and we ask for privacy.\n"
            "'She was the kindest person any of us knew.'\n"
            "The funeral will be held in Swansea.")
    assert spans(text) == ["We are heartbroken and we ask for privacy. She was the kindest person any of us knew."]


def test_straight_single_quote_paragraph_that_runs_on_after_an_attributed_one():
    """Irish tabloid style: an attributed quote, then a quote-only paragraph that continues on the next."""
    text = ("Cattle were moved off the land without notice last week.\n"
            "'We were told nothing,' the farmer said.\n"
            "'Nobody rang us. Nobody called to the house.\n"
            "'We found out from the radio.'\n"
            "Gardaí are investigating.")
    assert spans(text) == ["We were told nothing,", "Nobody rang us. Nobody called to the house. We found out from the radio."]


def test_a_line_opening_with_an_apostrophe_word_is_no_quote():
    text = "He said 'twas ever thus.\n'90s fashion is back, the shop owner said."
    assert spans(text) == []


def test_text_with_one_paragraph_per_line_splits_at_every_line():
    """NZ/Australian page text with no blank lines: each line is a paragraph, so a quote line
    after an attributed one is a whole paragraph of its own (and runs on with it)."""
    from briefing.quotes.spans import paragraphs

    text = ("The minister spoke in Nelson on Friday.\n"
            "“It is a new approach,” she said.\n"
            "“What matters is that it works for farmers.”\n"
            "The plan will be reviewed next year.")
    assert [text[s:e] for s, e in paragraphs(text)] == text.split("\n")
    # with blank lines, single line breaks stay inside their paragraph
    text2 = "First line\nsecond line.\n\nNext paragraph.\nStill it.\nAnd it."
    assert [text2[s:e] for s, e in paragraphs(text2)] == ["First line\nsecond line.", "Next paragraph.\nStill it.\nAnd it."]

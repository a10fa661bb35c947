"""Key points: the article's own highlights first, topped up with ranked sentences that do
not repeat the short summary or each other."""
from briefing.summarize.keypoints import MAX_POINTS, MIN_POINTS, key_points, too_similar

RANKED = [
    "The talks in Havana ended on Friday without an agreement on the contractor.",
    "Both sides said the atmosphere was respectful.",
    "The next round is expected in six months in Washington.",
    "Migration numbers rose sharply last year, officials said.",
    "A State Department spokesman declined to give details.",
    "Cuba wants the embargo lifted before any wider deal.",
    "The contractor has been held since December.",
]


def test_highlights_come_first_and_near_repeats_are_dropped():
    highlights = ["U.S. and Cuba hold migration talks", "U.S. and Cuba hold migration talks in Havana", "Contractor's fate unresolved", "Next round in six months"]
    points = key_points(highlights, RANKED, short=RANKED[0])
    assert points == ["U.S. and Cuba hold migration talks", "Contractor's fate unresolved", "Next round in six months"]


def test_without_highlights_ranked_sentences_fill_in_but_not_the_short_summary():
    points = key_points([], RANKED, short=RANKED[0])
    assert RANKED[0] not in points
    assert MIN_POINTS <= len(points) <= MAX_POINTS
    assert points[0] == RANKED[1]


def test_few_highlights_are_topped_up_to_at_least_three():
    points = key_points(["Talks ended without a deal"], RANKED, short=RANKED[0])
    assert points[0] == "Talks ended without a deal" and len(points) >= MIN_POINTS


def test_a_short_article_still_gets_points_even_if_they_repeat_the_summary():
    ranked = ["Police arrested a man on Tuesday.", "He was released on bail."]
    points = key_points([], ranked, short=ranked[0])
    assert points == ["He was released on bail.", "Police arrested a man on Tuesday."]


def test_similarity_is_word_overlap_over_the_shorter_text():
    assert too_similar("the cat sat on the mat", "The cat sat on the mat today, said police")
    assert not too_similar("the cat sat", "a dog ran away quickly")
    assert not too_similar("", "anything")

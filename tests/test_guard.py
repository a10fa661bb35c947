"""The faithfulness guard: what a generated sentence may say that the article does not."""
from __future__ import annotations

from briefing.summarize.guard import (
    ArticleIndex,
    Guard,
    check_sentence,
    flagged_summary,
)

ARTICLE = (
    "WASHINGTON (CNN) -- The U.S. and Cuba held a third round of migration talks on Tuesday, "
    "State Department spokesman Ned Price said. About 1,500 people crossed in 2015, three times more than before. "
    'Price called the meeting "productive and respectful" and said talks would resume in Havana.'
)
INDEX = ArticleIndex(ARTICLE)


def kinds(sentence: str) -> list[tuple[str, str]]:
    return [(f.kind, f.value) for f in check_sentence(sentence, INDEX)]


def test_supported_sentence_has_no_flags():
    assert kinds("The U.S. and Cuba held a third round of talks, Ned Price said.") == []
    # numbers may be written differently; sentence-initial common words are not names
    assert kinds("However, 1500 people crossed in 2015, about 3 times more.") == []
    assert kinds('Price said the talks were "productive and respectful".') == []
    assert kinds("Price's talks in Havana resume.") == []
    assert kinds("Additionally, I think the talks in Havana were held.") == []
    assert kinds("We’re told Cuba's talks resume. It's in Havana.") == []


def test_invented_names_numbers_and_quotes_are_flagged():
    assert ("name", "Obama") in kinds("Obama praised the talks in Havana.")
    assert ("name", "Miami") in kinds("Talks will resume in Miami.")
    assert ("number", "2,000") in kinds("About 2,000 people crossed in 2015.")
    assert ("number", "seven") in kinds("Officials met seven times.")
    assert ("quote", "a historic breakthrough") in kinds('Price called it "a historic breakthrough".')
    # a name at the start of a sentence is still checked
    assert ("name", "Biden") in kinds("Biden said the talks were productive.")


def test_guard_drops_sentences_and_decides_fallback():
    guard = Guard(max_flags=0, min_keep=0.5)
    res = guard.filter(["The U.S. and Cuba held talks.", "Obama flew to Miami."], ARTICLE)
    assert res.kept == ["The U.S. and Cuba held talks."]
    assert [s for s, _ in res.dropped] == ["Obama flew to Miami."]
    assert guard.acceptable(res)  # half survived
    assert "Obama" in flagged_summary(res)

    res = guard.filter(["Obama flew to Miami.", "Trump met 40 envoys.", "Price said talks resume."], ARTICLE)
    assert not guard.acceptable(res)  # 1 of 3 kept < 50%
    assert not guard.acceptable(guard.filter([], ARTICLE))

    lenient = Guard(max_flags=2)
    assert lenient.filter(["Obama flew to Miami."], ARTICLE).kept == ["Obama flew to Miami."]

"""A definite description as a speaker ('the 46-year-old', 'the host', 'the rookie defenceman',
'The Indiana governor') stands for the person the article has named when what it says of that
person fits the description and nobody else does (``People.by_coreference``, ``People.fit``);
else nobody. Canadian, British, agency and US house styles; every passage is written for the
test, none copied from an article (docs/quotes-canada.md, "Description coreference")."""
from __future__ import annotations

import pytest


def _speaker(quotes, needle: str):
    hits = [q for q in quotes if needle in q.text]
    assert len(hits) == 1, (needle, [q.text for q in quotes])
    return hits[0].speaker


# (text, the quote's words to find, speaker or None)
RESOLVED = {
    "an_occupation_the_article_does_not_title": [
        # Canadian (CP/Star): the description's head is an occupation, the person named just before
        ("Martin Dufresne served as ambassador to Japan for a decade before retiring in 2010.\n\n"
         "“Nobody in Tokyo took the threat seriously,” the bespectacled, 71-year-old diplomat said.",
         "Tokyo took", "Martin Dufresne"),
        ("Marco Bellini opened his first restaurant on Queen Street West in 1998.\n\n"
         "“Toronto was a different city then,” the chef said.", "different city", "Marco Bellini"),
        # US agency copy
        ("Ellen Marsh spent 30 years at the State Department before she retired.\n\n"
         "\"We warned them twice,\" the veteran diplomat told reporters.", "warned them twice", "Ellen Marsh"),
    ],
    "a_description_anyone_fits_needs_the_article_to_give_it": [
        # CBC: 'the host' is the person the article says hosts the show
        ("Jian Ferreira hosts the morning show on CBC Radio in Halifax.\n\n"
         "“We've had more calls about this than anything else this year,” the host said.", "more calls",
         "Jian Ferreira"),
        # Canadian sport: 'the coach' after 'Dale Hunter coaches the London Knights'
        ("Dale Hunter coaches the London Knights.\n\n“We were flat tonight,” the coach said.", "flat tonight",
         "Dale Hunter"),
        # British: nobody called a host: nobody
        ("The town hall was held at the community centre on Tuesday.\n\n\"We want answers,\" the host said.",
         "want answers", None),
    ],
    "an_age_is_the_persons_the_article_gives_it_to": [
        # Canadian: the age with a place after it
        ("Moncton's Luc Arsenault won gold in the 500 metres on Saturday.\n\n"
         "“It hasn't sunk in yet,” said the 24-year-old from Moncton.", "sunk in yet", "Luc Arsenault"),
        # agency: 'X, 58,' then 'the 58-year-old'
        ("\"The market is oversold,\" said Kenji Watanabe, 58, a fund manager in Tokyo.\n\n"
         "\"Buyers will be back next week,\" the 58-year-old said.", "Buyers will be back", "Kenji Watanabe"),
        # another age: not them
        ("\"The market is oversold,\" said Kenji Watanabe, 58, a fund manager in Tokyo.\n\n"
         "\"Buyers will be back next week,\" the 41-year-old said.", "Buyers will be back", None),
        ("Brian Kowalski, 62, has farmed near Brandon all his life.\n\n“The rain came too late,” the 24-year-old said.",
         "came too late", None),
    ],
    "a_description_renaming_the_subject_of_the_sentences_before": [
        # AP: the sentence between is about the same person; the names in it are off its subject
        ("Mike Pence says too much is made of the campaign's ads.\n\n"
         "The Republican vice presidential nominee was speaking Friday in Fort Wayne, hours after Donald Trump "
         "attacked former pageant winner Alicia Machado.\n\n"
         "The Indiana governor said the media are to blame for \"making a circus of this.\"", "circus of this",
         "Mike Pence"),
        # Canadian
        # the salient person opens their own sentence; a name after them there is off its subject
        ("Mike Pence says too much is made of Donald Trump's tweets.\n\n"
         "The Indiana governor said Democrats are to blame for \"a circus.\"", "a circus", "Mike Pence"),
        # agency: someone the subject acts on through a preposition, or speaks to, is off it
        ("Jane Morrow went on offense against Republican front-runner Tom Hale on Monday.\n\n"
         "The former secretary of state began her speech by saying the country needed \"a steady hand.\"",
         "a steady hand", "Jane Morrow"),
        # Canadian
        ("Pierre Lavoie took aim at Prime Minister Mark Dunn in question period on Tuesday.\n\n"
         "“This government has lost control of spending,” the Conservative leader said.", "lost control",
         "Pierre Lavoie"),
        ("Douglas Shaw told host Sean Reilly that the race was tightening.\n\n"
         "The former pollster said, \"She is behind in a number of polls.\"", "behind in a number", "Douglas Shaw"),
        ("Rachel Notley spent Monday touring flood damage in High River.\n\n"
         "The former premier met residents who lost homes, hours after Premier Jason Kenney announced aid.\n\n"
         "“People here need help now,” the NDP leader said.", "need help now", "Rachel Notley"),
    ],
}

UNRESOLVED = {
    "someone_new_the_description_fits": [
        # Canadian (Star): a new unnamed person with the same age
        ("Mayor Dan Whitcombe defended the budget on Monday.\n\n“We have to fix the roads,” Whitcombe said.\n\n"
         "At a bus stop on King Street, a 46-year-old woman said she could no longer afford the fare. "
         "“It's just too much,” the 46-year-old said.", "too much"),
        # British
        ("Councillor Ana Bailey toured the building on Tuesday.\n\n\"We will fix the lifts,\" Bailey said.\n\n"
         "One resident who has lived there since 1990 was unconvinced. \"They said that last year,\" the resident said.",
         "said that last year"),
    ],
    "two_people_the_description_fits": [
        # Canadian sport: two named in one breath
        ("Coach Dave Tremblay and goaltender Marc Lefebvre both spoke after the game.\n\n"
         "“We have to be better,” the 46-year-old said.", "have to be better"),
        # British: the one met is named as plainly as the subject
        ("Prime Minister Alan Brookes met Mayor Sadie Khan in London on Friday.\n\n"
         "\"We had a good talk,\" the Labour leader said.", "good talk"),
        # Canadian: someone's spokesperson since the one the article titled so
        ("“This is a bad deal,” Conservative health critic Dan Mazier told CBC News.\n\n"
         "Health Minister Marjorie Michel's spokesperson told reporters: “The minister is confident.”\n\n"
         "Asked if Michel would resign, the spokesperson said: “No, she will not.”", "she will not"),
        # agency: both given the age
        ("Jenna Cole, 29, and Mark Cole, 29, were married in June.\n\n\"We never expected this,\" the 29-year-old said.",
         "never expected"),
    ],
    "a_field_of_work_the_persons_title_rules_out": [
        # US: a senator is no defenceman
        ("Senator Lisa Murkowski voted against the bill.\n\n\"It is a bad bill,\" the rookie defenceman said.", "bad bill"),
        # Canadian
        ("Health Minister Carla Singh announced the funding on Monday.\n\n“It was a great win,” the veteran winger said.",
         "great win"),
    ],
}


# a common word the article names in full only inside a quote after it is nobody the
# description stands for
DAY_ONE = [
    # US: 'One floor below' is not 'Day One', which only the quote after it names
    ("Ban Chen, the outgoing secretary general, sat in a hotel in Washington.\n\n"
     "One floor below, delegates were gathering for a summit.\n\n"
     "\"From Day One, I made climate the top priority,\" the veteran diplomat said.", "From Day One"),
    # Canadian
    ("Premier Janet Morrow spoke in Yellowknife on Tuesday.\n\n"
     "One resident waited outside for hours.\n\n"
     "“From Day One, we were ignored,” the 71-year-old diplomat said.", "From Day One"),
]


@pytest.mark.slow
@pytest.mark.parametrize("text,needle,speaker", [
    pytest.param(*case, id=f"{rule}-{i}") for rule, cases in RESOLVED.items() for i, case in enumerate(cases)
])
def test_a_description_stands_for_the_person_it_fits(extract, text: str, needle: str, speaker: str | None) -> None:
    assert _speaker(extract(text), needle) == speaker


@pytest.mark.slow
@pytest.mark.parametrize("text,needle", [
    pytest.param(*case, id=f"{rule}-{i}") for rule, cases in UNRESOLVED.items() for i, case in enumerate(cases)
])
def test_a_description_that_fits_nobody_or_two_is_nobody(extract, text: str, needle: str) -> None:
    assert _speaker(extract(text), needle) is None


@pytest.mark.slow
def test_fit_reads_age_and_field_from_the_article() -> None:
    from briefing.quotes.people import People

    p = People("Goaltender Sam Beaulieu, 33, stopped 41 shots. Senator Lisa Murkowski voted no.")
    assert p.fit("Sam Beaulieu", ["the", "33-year-old"], 80) == 1
    assert p.fit("Sam Beaulieu", ["the", "41-year-old"], 80) == -1
    assert p.fit("Lisa Murkowski", ["the", "rookie", "defenceman"], 80) == -1
    assert p.fit("Lisa Murkowski", ["the", "alaska", "senator"], 80) == 1


@pytest.mark.slow
@pytest.mark.parametrize("text,needle", DAY_ONE)
def test_a_common_word_named_only_inside_a_later_quote_is_no_speaker(extract, text: str, needle: str) -> None:
    assert _speaker(extract(text), needle) != "Day One"

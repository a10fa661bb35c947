"""Quote finding (issue 20): which quoted passages are quotes, and their boundaries.

Paragraphs are written here in house styles other than the US political copy the rules
were measured on: British ('said Mr Smith', single curly quotes), Canadian ('said X in an
interview with CBC News') and agency copy ('X told Reuters').
"""
from __future__ import annotations

import pytest

from briefing.quotes import find_spans
from briefing.quotes.frames import embedded


def _piece(text: str, needle: str):
    return next(p for p in find_spans(text) if needle in text[p.segs[0][0]:p.segs[-1][1]])


# ----------------------------------------------------------------------------- no spaCy


def test_embedded_quote_has_a_word_before_its_opening_mark():
    text = "The minister called the plan ‘a betrayal’. ‘We will fight it,’ said Mr Smith, ‘to the end.’"
    assert embedded(text, _piece(text, "a betrayal"))
    assert not embedded(text, _piece(text, "We will fight"))
    assert not embedded(text, _piece(text, "to the end"))  # after 'said Mr Smith,'


@pytest.mark.parametrize("text, needle, frame_start", [
    # Canadian copy with its paragraph breaks lost (crawled one story per line)
    ("Premier David Eby toured the site on Friday. “Will it be enough?” asked Mayor Ken Sim.", "Will it", "“"),
    # British, single marks
    ("Mr Hunt said the figures were late. ‘Is that too late?’ asked Ms Reeves.", "Is that", "‘"),
    # transcript marks typed as two apostrophes
    ("He said Mr. Trump could force her to spend money. ''Can we win Illinois?'' Mr. Manafort asked.", "Can we", "''"),
    # agency copy, a number opening the quote
    ("Shares fell on Monday (Reuters). \"20 per cent is a lot,\" an analyst told Reuters.", "20 per", "\""),
])
def test_a_quote_that_opens_a_sentence_opens_its_frame(text, needle, frame_start):
    # the placeholder hid the quote's capital, so the sentence before it stayed in its frame
    # and its subject could take the quote's cue
    from briefing.quotes.frames import sentence_frames

    pieces = find_spans(text)
    (i,) = [k for k, p in enumerate(pieces) if needle in text[p.segs[0][0]:p.segs[-1][1]]]
    (frame,) = [f for f in sentence_frames(text, pieces, 0) if any(h[0] == i for h in f.holes)]
    assert frame.text.startswith(frame_start), frame.text


def test_a_lower_case_quote_after_a_full_stop_stays_in_its_sentence():
    # a quote opening in lower case carries on a sentence, and an abbreviation before a quote
    # ('Mr. "Bud" Smith') ends none
    from briefing.quotes.frames import sentence_frames

    for text, start in [("The talks ended on Friday when Smith called it. “a mess” was the word.", "The talks"),
                        ("The mayor met the union. “talks are over,” its president said.", "The mayor"),
                        ("Police named Mr. “Bud” Smith as the driver.", "Police")]:
        pieces = find_spans(text)
        frames = sentence_frames(text, pieces, 0)
        assert [f.text.startswith(start) for f in frames] == [True], [f.text for f in frames]


def _spans(text: str) -> list[str]:
    return [" ".join(text[s:e] for s, e in p.segs) for p in find_spans(text)]


def test_curly_mark_of_the_wrong_hand_goes_by_its_flanks():
    # Canadian copy through a converter: a closing mark opens, an opening mark closes
    text = ("”We are not going anywhere,” said Jagmeet Singh in an interview with CBC News.\n\n"
            "The NDP leader called the budget “a missed opportunity.“ The vote is on Monday.")
    assert _spans(text) == ["We are not going anywhere,", "a missed opportunity."]
    # an opening mark typed after a word, before a space, closes too
    assert _spans("Mr Smith called the levy “unworkable“ in a letter. “We disagree,” said Mrs Hale.") == [
        "unworkable", "We disagree,"]
    # the right-handed marks are untouched, nested single quotes stay inside
    assert _spans("She said, “It’s ‘fine’ by me.” Then she left.") == ["It’s ‘fine’ by me."]


def test_single_quote_closing_on_a_plural_is_no_possessive():
    # British copy: ‘... towns’ on the day' closes; 'the players’ union' stays an apostrophe
    assert _spans("Labour mocked his ‘new deal for towns’ on the day.") == ["new deal for towns"]
    assert _spans("‘It is the players’ money, not ours,’ said Mr Hale.") == ["It is the players’ money, not ours,"]
    assert _spans("The teachers’ union backed the ‘levelling up’ plan.") == ["levelling up"]


def test_elision_typed_with_an_opening_single_mark_opens_nothing():
    text = "Rock ‘n’ roll in the ‘90s was ‘quite something’, said Mrs Hale. ‘Round the clock,’ she added."
    assert _spans(text) == ["quite something", "Round the clock,"]
    assert _spans("And how ‘bout this headline: “Crime alters residents’ routines.” Then.") == [
        "Crime alters residents’ routines."]


def test_markup_attribute_values_are_no_quotes():
    # an embedded post left as markup in agency/Canadian copy: author="...", id="..." are no quotes
    text = ('Ottawa police asked for calm.\n\n<tweet id="88012" author="@OttawaPolice" datetime="2026-02-01">'
            'Please avoid the "red zone" downtown</tweet>.\n\n"We are monitoring the situation," '
            'Chief Eric Stubbs told Reuters.')
    assert _spans(text) == ["red zone", "We are monitoring the situation,"]
    # a tag broken over a line ('datetime="...\n">'): the break does not free its marks
    text = ('Mr Singh replied at once.\n\n<tweet author="@theJagmeetSingh" datetime="2026-02-01\n">Proud of our '
            'team tonight.</tweet>\n\n"We will keep fighting," he told CBC News.')
    assert _spans(text) == ["We will keep fighting,"]


def test_headline_end():
    from briefing.quotes.spans import headline_end

    text = "Smith: ‘We Will Not Be Bullied By Brussels’ Over Fishing Rights\n\nThe prime minister said ..."
    assert headline_end(text) == text.index("\n")
    # a lede in sentence case, or a text of one line, has no headline
    assert headline_end("Mr Smith said on Monday that ‘we will not be bullied’ by anyone.\n\nMore.") == 0
    assert headline_end("Smith: ‘We Will Not Be Bullied’") == 0


# ----------------------------------------------------------------------------- spaCy


def _one(quotes, needle):
    hits = [q for q in quotes if needle in q.text]
    assert len(hits) == 1, (needle, [q.text for q in quotes])
    return hits[0]


@pytest.mark.slow
def test_short_aside_does_not_continue_the_previous_quote(extract):
    # British copy: a scare-quoted phrase in the writer's next sentence is no continuation
    text = "‘The figures speak for themselves,’ said Mr Smith. Critics were unmoved by the ‘levelling up fund’ again."
    quotes = extract(text)
    q = _one(quotes, "The figures speak")
    assert "levelling" not in q.text
    assert q.speaker == "Smith"


@pytest.mark.slow
def test_a_long_continuation_inside_a_sentence_still_joins(extract):
    # agency copy: 'Instead, "..."' goes on with the speaker's words
    text = ('"He has given up on the talks," Lavrov told Reuters. Instead, "he is playing for time '
            'and hoping that nobody notices."')
    q = _one(extract(text), "He has given up")
    assert "playing for time" in q.text


@pytest.mark.slow
def test_partial_quote_after_a_naming_cue_carries_its_clause(extract):
    # British copy: 'called X "Y"' reports the whole clause, not the one quoted phrase
    text = "The Chancellor called the budget ‘a plan for growth’ for every region, and left the chamber."
    q = _one(extract(text), "a plan for growth")
    assert q.text == "a plan for growth"
    assert q.content is not None
    assert q.content.startswith("the budget")
    assert "left the chamber" not in q.content


@pytest.mark.slow
def test_partial_quote_clause_skips_the_listener_and_the_setting(extract):
    # agency copy: 'told Reuters on Monday that ... "..."': the clause starts at 'that'
    text = 'Sergei Lavrov told Reuters on Monday that sanctions would "change nothing" in Moscow.'
    q = _one(extract(text), "change nothing")
    assert q.text == "change nothing"
    assert q.content is not None and q.content.startswith("that sanctions would")
    assert "Reuters" not in q.content and "Monday" not in q.content
    assert q.speaker == "Sergei Lavrov"


@pytest.mark.slow
def test_quote_that_is_the_whole_complement_keeps_no_clause(extract):
    text = "The premier said on Tuesday, “We will not back down.”"
    q = _one(extract(text), "We will not back down")
    assert q.content is None


@pytest.mark.slow
def test_quote_paragraph_after_a_quote_paragraph_is_a_quote_of_its_own_with_the_speaker(extract):
    # Canadian copy: the premier talks on in the next paragraph, which names nobody; that
    # paragraph is a quote of its own (a joined pair misses both where the annotation lists
    # every quotation), and it keeps the premier as its speaker
    text = ('"We will not be intimidated," said Premier Doug Ford in an interview with CBC News.\n\n'
            '"The people of this province expect us to get on with the job, and that is what we will do."\n\n'
            "The legislature resumes on Monday.")
    quotes = extract(text)
    assert [q.text for q in quotes] == [
        "We will not be intimidated",
        "The people of this province expect us to get on with the job, and that is what we will do."]
    assert [(q.speaker, q.speaker_title) for q in quotes] == [("Doug Ford", "Premier")] * 2
    # British copy, curly single marks
    text = ("‘We were not satisfied with the answers,’ said Mr Watson, the council leader.\n\n"
            "‘We need to get these problems resolved before the winter, not after it.’\n\n"
            "The council meets again next week.")
    quotes = extract(text)
    assert [q.text for q in quotes] == [
        "We were not satisfied with the answers",
        "We need to get these problems resolved before the winter, not after it."]
    assert [q.speaker for q in quotes] == ["Watson", "Watson"]


@pytest.mark.slow
def test_no_run_on_after_a_partial_quote_or_into_a_pull_quote(extract):
    # British copy: a partial quote in the writer's sentence is not a speaker talking on
    text = ("Mr Smith called the deal ‘a betrayal of the north’.\n\n"
            "‘Read the small print before you sign anything at all.’")
    quotes = extract(text)
    assert [q.text for q in quotes] == ["a betrayal of the north", "Read the small print before you sign anything at all."]
    # agency copy: a pull quote with its credit line is someone else's
    text = ('"Prices will keep rising," Ana Lopez told Reuters.\n\n'
            '"The harvest failed across the region this summer and stocks are low.\nMaria Ruiz, grain trader."')
    quotes = extract(text)
    assert len(quotes) == 2 and quotes[0].text == "Prices will keep rising"


@pytest.mark.slow
def test_partial_verb_phrase_quote_gets_its_clause_from_a_parse_with_the_words(extract):
    # Canadian copy: the placeholder noun misparses a quoted verb phrase; the sentence with
    # the quoted words parses right, and the reported clause is 'he would ... the border'
    q = _one(extract('Mr Trudeau said he would "strongly consider" closing the border.'), "strongly consider")
    assert q.text == "strongly consider"
    assert q.content == 'he would "strongly consider" closing the border'
    assert q.speaker == "Trudeau"
    # British copy
    q = _one(extract("Ms Hale said she didn't ‘want to contemplate’ the effects of a no-deal exit on the ports."),
             "want to contemplate")
    assert q.content is not None and q.content.startswith("she didn't") and q.content.endswith("ports")
    # agency copy: the listener of 'told' is no part of what was said
    q = _one(extract('The minister told reporters the government would "not get pushed around" at the summit.'),
             "not get pushed around")
    assert q.content is not None and q.content.startswith("the government would")


@pytest.mark.slow
def test_quote_in_the_speakers_description_gets_no_clause(extract):
    # Canadian and British copy: a slogan on the speaker is not what the speaker said
    text = 'Jean Dubois, who wears a "Bloc Quebecois forever" badge on his lapel, said the party was ready to govern.'
    assert _one(extract(text), "Bloc Quebecois").content is None
    text = "Mrs Hale, a veteran of the ‘Save our Post Office’ campaign, said the plan would fail."
    assert _one(extract(text), "Save our Post Office").content is None


@pytest.mark.slow
def test_partial_quote_right_after_its_cue_carries_what_follows_it(extract):
    # Canadian copy: 'reported "..." in the region ...' reports the whole phrase
    q = _one(extract('The RCMP reported "dozens of break-ins" in the region over the long weekend.'),
             "dozens of break-ins")
    assert q.text == "dozens of break-ins"
    assert q.content == '"dozens of break-ins" in the region over the long weekend'
    # a quote that is the cue's whole complement keeps none
    assert _one(extract("Mr Smith said ‘never’."), "never").content is None


@pytest.mark.slow
def test_a_quoted_headline_with_its_byline_is_no_quote(extract):
    # a British newsletter's reading list: headline, comma, byline
    text = ('READING LIST — "Council to close the last library in the borough by spring," by the '
            'Guardian\'s Jane Roe.\n\n"We have no money left," said Mr Smith, the council leader.')
    quotes = extract(text)
    assert [q.text for q in quotes] == ["We have no money left"]
    # an agent after a quote with its cue is no byline
    text = 'The minister said the "ugliness of these remarks, made in haste," by the mayor was regrettable.'
    assert any("ugliness" in q.text for q in extract(text))


@pytest.mark.slow
def test_reported_clause_starts_at_the_relative_clause_that_holds_the_quote(extract):
    # British and agency copy: the antecedent before ', which' is the writer's
    q = _one(extract("Mr Smith said the council had backed a new levy on the ports, which he called "
                     "‘a counsel of despair’ for the north."), "a counsel of despair")
    assert q.content == "which he called ‘a counsel of despair’ for the north"
    q = _one(extract('Lavrov told Reuters that Moscow would review the treaty, which he called "a relic of '
                     'another age."'), "a relic of another age")
    assert q.content == 'which he called "a relic of another age."'


@pytest.mark.slow
def test_a_title_under_the_same_cue_does_not_stretch_the_quote_into_a_clause(extract):
    # British and Canadian copy: the programme's name joins the quote (its cue is the quote's),
    # but the quote keeps no 'reported clause' running over the writer's words
    british = "“Being a dad, that’s my job,” Mr Hale said in May on the BBC podcast “Desert Island Discs.” He has kids."
    canadian = '"We were never consulted," Chief Marie Tremblay said on CBC\'s "The Current." The council meets Friday.'
    for text in (british, canadian):
        q = extract(text)[0]
        assert q.content is None
        assert q.speaker in ("Hale", "Marie Tremblay")


@pytest.mark.slow
def test_quotes_in_a_headline_are_left_to_the_article(extract):
    text = ("Singh: ‘We Will Not Prop Up This Government’ On Pharmacare\n\n"
            "“We will not prop up this government without a pharmacare bill,” Jagmeet Singh said in an "
            "interview with CBC News on Sunday.")
    quotes = extract(text)
    assert [q.speaker for q in quotes] == ["Jagmeet Singh"]
    assert quotes[0].text.startswith("We will not prop up this government without")


@pytest.mark.slow
@pytest.mark.parametrize("opening, closing", [("“", "”"), ("''", "''")])
def test_a_reported_clause_keeps_the_opening_mark_it_starts_with(extract, opening, closing):
    # the New York Times types quotes as '' ... '': its clause kept the closing mark and lost
    # the opening one, since frames had a copy of the quote-mark set without ''
    text = f"Mr. Bush said {opening}some good things{closing} about Mr. Trump on Tuesday."
    (q,) = extract(text)
    assert q.content == f"{opening}some good things{closing} about Mr. Trump on Tuesday"


@pytest.mark.slow
def test_quote_opened_after_a_full_sentence_runs_over_a_paragraph_that_is_all_quote(extract):
    # Canadian copy: the second quoted sentence is left open at the paragraph end and the next
    # paragraph opens with a mark: one quote over both paragraphs, the leader's
    text = ("“We will be the most effective opposition in the province’s history,” NDP Leader Rachel "
            "Notley said in a news release on Tuesday. “We will hold the government to account.\n\n"
            "“I am so excited for this team to come together for Albertans.”\n\n"
            "Some MLAs will return to the posts they held before the election.")
    quotes = extract(text)
    assert len(quotes) == 1, [q.text for q in quotes]
    assert quotes[0].text.endswith("I am so excited for this team to come together for Albertans.")
    assert quotes[0].speaker == "Rachel Notley"
    # British copy, single marks
    text = ("‘We have made real progress on waiting lists,’ Mr Hughes said at the hospital. ‘There is "
            "still a long way to go.\n\n‘Nobody should wait two years for a hip operation.’\n\n"
            "The trust will publish its figures in May.")
    quotes = extract(text)
    assert len(quotes) == 1 and quotes[0].text.endswith("Nobody should wait two years for a hip operation.")
    assert quotes[0].speaker == "Hughes"


@pytest.mark.slow
def test_quote_opened_after_a_full_sentence_stops_before_a_paragraph_with_its_own_cue(extract):
    # agency copy: the next paragraph carries a cue of its own, so it starts its own attribution
    text = ('"Prices are still rising," Ana Lopez told Reuters. "Stocks are low across the region.\n\n'
            '"Farmers will plant less next year," she said with a shrug. "They cannot afford the seed."')
    quotes = extract(text)
    assert [q.text for q in quotes] == [
        "Prices are still rising … Stocks are low across the region.",
        "Farmers will plant less next year … They cannot afford the seed."]
    assert [q.speaker for q in quotes] == ["Ana Lopez", "Ana Lopez"]


@pytest.mark.parametrize("text, nickname", [
    ("Scott's niece, state Del. Marcia \"Cia\" Price, shouted: \"The nation is watching.\"", "Cia"),  # US
    ("Former Speaker Thomas \u201cTip\u201d O\u2019Neill once said: \u201cAll politics is local.\u201d", "Tip"),
    ("The wrestler Dwayne \u2018The Rock\u2019 Johnson told the BBC: \u2018I loved every minute.\u2019", "The Rock"),  # British
])
def test_a_nickname_inside_a_name_is_no_quote(text, nickname):
    from briefing.quotes.spans import drop_nicknames

    pieces = drop_nicknames(text, find_spans(text))
    quoted = [text[p.segs[0][0]:p.segs[-1][1]] for p in pieces]
    assert nickname not in quoted and len(quoted) == 1
    # a quoted name between words that are no name stays a quote (a title, a scare quote)
    for text in ("Fans called the shark \u201cBruce\u201d Tuesday.", "He saw \u201cJaws\u201d in 1975.",
                 "The band's hit \u201cWonderwall\u201d Oasis wrote in 1995.",
                 "Supporters cheered Trump's \u2018Great\u2019 Wall at the rally."):
        assert len(drop_nicknames(text, find_spans(text))) == 1, text


def test_a_quoted_phrase_in_a_title_case_headline_is_no_nickname():
    from briefing.quotes.spans import nicknames

    text = "Christie Calls Hillary Clinton \u2018A Disgrace\u2019 Over Police Comments\n\nHe spoke over the noise."
    assert nicknames(text) == []
    assert nicknames(text.replace("\n\n", " ")) == []  # (the paragraph breaks lost)
    text = "Juan \u201cChico\u201d Manriquez of Oakland carried one of the photos."
    assert nicknames(text) == [(5, 12)]

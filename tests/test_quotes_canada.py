"""Speakers in Canadian house style (and one other style per rule), found on a stand-in set
of Canadian news excerpts (docs/quotes-canada.md). Every sentence here is
written for the test; none is copied from an article."""
from __future__ import annotations

import pytest


def _only(quotes, needle: str):
    hits = [q for q in quotes if needle in q.text]
    assert len(hits) == 1, (needle, [q.text for q in quotes])
    return hits[0]


# (text, the quote's words to find, speaker, title or None when not checked)
CASES = [
    # a capitalised title with "the" is a description, resolved through the table of people
    ("Premier Janet Morrow spoke to northern reporters by phone on Tuesday.\n\n"
     "The Premier stated, “The new fund means $80 million for roads in the north.”",
     "new fund", "Janet Morrow", "Premier"),
    ("Premier Janet Morrow toured the mill in Thunder Bay.\n\n"
     "“We are not closing this plant,” the Premier said.", "closing this plant", "Janet Morrow", "Premier"),
    # (agency/British style: the same rule for a capitalised office)
    ("Prime Minister Alan Brookes met union leaders in London on Friday.\n\n"
     "\"Nobody wants a strike this winter,\" the Prime Minister said afterwards.", "strike this winter",
     "Alan Brookes", None),
    # a description headed by a capitalised title: the person named before it
    ("Alberta NDP Leader Carla Brandt spoke to supporters in Lethbridge on Monday.\n\n"
     "“We will fight this bill every step of the way,” says the 52-year-old Edmonton MLA.",
     "every step", "Carla Brandt", None),
    # an organisation's initials before the title inside the name: the name is what follows
    ("“We have recovered video from the dashboard camera,” said RCMP Superintendent Mark Kowalchuk.",
     "recovered video", "Mark Kowalchuk", "RCMP Superintendent"),
    ("“The investigation is ongoing,” said RCMP Sergeant Jeff Lewis.", "investigation", "Jeff Lewis", "RCMP Sergeant"),
    # (other forces and agencies, already right: the same shape must stay right)
    ('"Two lanes of the 401 will stay closed overnight," said OPP Sergeant Paul Dimitriou.',
     "Two lanes", "Paul Dimitriou", None),
    ('"The clinic will reopen once the roof is repaired," said NHS Director Helen Marsh.',
     "clinic will reopen", "Helen Marsh", None),
    # a name set off after a description the parser hung on the quote ('"...," the union's
    # president, Lana Payne, said'): that name speaks, the description is its title, also
    # where the tagger took the name for an organisation. Agency copy (no speaker before):
    ('The company said on Tuesday that it would cut 200 jobs. "It is a sad day," the union\'s president, '
     'Lana Payne, told Reuters.', "sad day", "Lana Payne", "president"),
    # Canadian and British (no title before)
    ('The plant in Oakville will close in March.\n\n"It is a sad day," the local\'s president, Dave Cassidy, '
     'said in an interview with CBC News.', "sad day", "Dave Cassidy", "president"),
    ('The trust confirmed the closure on Friday.\n\n"We had no choice," the trust\'s chief executive, Glen Burley, said.',
     "no choice", "Glen Burley", "chief executive"),
]


@pytest.mark.slow
@pytest.mark.parametrize("text,needle,speaker,title", CASES)
def test_canadian_house_style_speakers(extract, text: str, needle: str, speaker: str, title: str | None) -> None:
    q = _only(extract(text), needle)
    assert q.speaker == speaker
    if title is not None:
        assert q.speaker_title == title


@pytest.mark.slow
@pytest.mark.parametrize("text,needle,speaker", [
    # names of institutions, parties and papers headed by a title word stay what they were
    ("Obama met the justices on Friday. The White House says the visit was a “respectful arrangement” "
     "that suited everyone.", "respectful arrangement", "The White House"),
    ("In an interview on Thursday, the Wisconsin Republican said allies wanted to know if the U.S. is “still in "
     "the game.”", "still in the game", "the Wisconsin Republican"),
])
def test_institutions_headed_by_a_title_word_are_no_role(extract, text: str, needle: str, speaker: str) -> None:
    assert _only(extract(text), needle).speaker == speaker


def test_a_first_person_opener_is_no_part_of_a_name():
    from briefing.quotes.people import People

    text = ("Kinew on the campaign trail\n\n“How do you do? I’m Wab Kinew.”\n\n"
            "“I’m a big fan of bad puns,” he says.")
    assert People(text).canonical("Kinew", 0)[0].rstrip(".") == "Wab Kinew"  # (not "I’m Wab Kinew")


@pytest.mark.slow
@pytest.mark.parametrize("text,speaker", [
    ("Mayor Dana Price met residents in Brandon on Monday.\n\nPrice was also asked about a possible protest "
     "at city hall.\n\n“I just hope it stays peaceful. I understand their frustration.”", "Dana Price"),
    # (agency style)
    ("Finance Minister Rachel Okafor held a news conference in Abuja.\n\nOkafor was pressed on the fuel subsidy.\n\n"
     "\"We will not reverse course on this, whatever the pressure.\"", "Rachel Okafor"),
])
def test_the_one_asked_answers_in_the_next_paragraph(extract, text: str, speaker: str) -> None:
    (q,) = extract(text)
    assert q.speaker == speaker



@pytest.mark.slow
@pytest.mark.parametrize("text,speaker", [
    ("In a statement released Monday morning, the Saskatoon Police Service said there was no threat to the public."
     "\n\n“Officers will remain in the area overnight,” the statement said.", "the Saskatoon Police Service"),
    ("In a news release, Manitoba RCMP said the highway would stay closed overnight.\n\n"
     "“Motorists should use alternate routes,” the release said.", "Manitoba RCMP"),
    # (British style)
    ("In a statement on Tuesday, the Home Office said the scheme would be reviewed.\n\n"
     "\"We keep all our policies under review,\" the statement said.", "the Home Office"),
])
def test_a_document_speaks_for_whoever_the_sentence_it_opens_names(extract, text: str, speaker: str) -> None:
    (q,) = extract(text)
    assert q.speaker == speaker


@pytest.mark.slow
@pytest.mark.parametrize("text,speaker", [
    ("Tim Hadley's Progressive Conservatives won 43 seats in the Nova Scotia election.\n\n"
     "In an interview, Hadley was more conciliatory, saying the meeting with Ottawa had gone well.\n\n"
     "\"We started to see right away that the tone was different,\" he said, adding that whatever comes of "
     "Justin Trudeau's Liberal government, the province will keep its ties to Ottawa.", "Tim Hadley"),
    # (US style)
    ("Greg Abbott's administration sued the agency on Monday.\n\nAbbott was defiant at a news conference.\n\n"
     "\"We will see them in court,\" he said, as Joe Biden's White House declined to comment.", "Greg Abbott"),
])
def test_a_possessor_gives_a_surname_its_full_name(extract, text: str, speaker: str) -> None:
    (q,) = extract(text)
    assert q.speaker == speaker



@pytest.mark.slow
@pytest.mark.parametrize("text,needle,speaker", [
    # someone the article gives another office is not 'the premier'; places are no people
    ("OTTAWA — Nova Scotia's premier left Ottawa without new money on Monday, but Tim Hadley said he was encouraged.\n\n"
     "“I feel confident we are on the same page,” Hadley said after meeting Prime Minister Justin Trudeau.\n\n"
     "“I would call it the most direct route,” Hadley said, adding that he also stressed to Trudeau that the cost "
     "would fall on Atlantic Canadians.\n\n"
     "“It can't all fall to the ratepayers of Nova Scotia,” the premier said.", "ratepayers", "Tim Hadley"),
    # (British style: the home secretary and the chancellor)
    ("The home secretary is under pressure over the asylum backlog, but Moira Kerr said on Monday she would stay.\n\n"
     "\"We had a frank discussion,\" Kerr said after meeting Chancellor Alan Brookes, adding that she had told "
     "Brookes that the funding gap was growing.\n\n"
     "\"The backlog cannot wait another year,\" the home secretary said.", "cannot wait", "Moira Kerr"),
])
def test_a_description_is_not_someone_the_article_gave_another_office(extract, text: str, needle: str, speaker: str) -> None:
    assert _only(extract(text), needle).speaker == speaker


@pytest.mark.slow
@pytest.mark.parametrize("text, speaker, title", [
    # Canadian copy: a hyphenated given name is one name, not a title and a name
    ('"Housing is the issue," Jean-Yves Duclos said.', "Jean-Yves Duclos", None),
    ('"It is over," Marie-Ève Proulx told reporters in Quebec City.', "Marie-Ève Proulx", None),
    # the same after a title with a full stop (kept on the word: ABBREVIATION_TOKENS)
    ('"We found him in the ditch," RCMP Cpl. Jean-Marc Tremblay told CTV News.', "Jean-Marc Tremblay", "RCMP Cpl."),
    # British copy
    ("‘We will fight this closure,’ Mary-Jane Hollis told the BBC.", "Mary-Jane Hollis", None),
    # agency copy, with and without a title before the name
    ('"The talks have stalled," Jean-Claude Mbeki said on Friday.', "Jean-Claude Mbeki", None),
    ('"The talks have stalled," Foreign Minister Jean-Claude Mbeki told Reuters.', "Jean-Claude Mbeki", "Foreign Minister"),
])
def test_a_hyphenated_given_name_stays_whole(extract, text, speaker, title):
    (q,) = extract(text)
    assert (q.speaker, q.speaker_title) == (speaker, title)


@pytest.mark.slow
@pytest.mark.parametrize("text, speaker", [
    # Canadian copy: a title's full stop ends the parser's sentence and a long name phrase
    # follows before the bare cue
    ('"I can\'t say more," Sgt. Kerry Schmidt of the OPP said.', "Kerry Schmidt"),
    ('"We\'re looking into it," Halifax Regional Police spokesperson Const. Martin Cromwell said.', "Martin Cromwell"),
    # agency copy
    ('"The port is closed," Capt. Ines Duarte of the coast guard said.', "Ines Duarte"),
    ('"The port is closed," Lt. Cmdr. Ines Duarte of the Portuguese coast guard said.', "Ines Duarte"),
    ('"The port is closed," Port of Lisbon spokeswoman Sgt. Ines Duarte said.', "Ines Duarte"),
])
def test_a_bare_cue_after_a_long_name_phrase_reports_the_quote(extract, text, speaker):
    (q,) = extract(text)
    assert q.speaker == speaker


@pytest.mark.slow
@pytest.mark.parametrize("text, speaker, title", [
    # Canadian copy: the organisation a person speaks for, in a prepositional phrase, is not
    # the speaker
    ('"We have not been consulted," Grand Chief Joel Abram of the Association of Iroquois and Allied '
     'Indians said.', "Joel Abram", "Grand Chief"),
    # a name tagged as an organisation right after a person's job is that person
    ('"The numbers speak for themselves," CIBC chief economist Avery Shenfeld wrote in a note to clients.',
     "Avery Shenfeld", "CIBC chief economist"),
    # British copy
    ("‘Nobody was hurt,’ Chief Inspector Mark Hale of the Devon and Cornwall Police said.", "Mark Hale", "Chief Inspector"),
    # agency copy
    ('"Rates will fall," said Desjardins senior economist Marc Desormeaux.', "Marc Desormeaux",
     "Desjardins senior economist"),
])
def test_the_person_not_the_organisation_named_around_them_speaks(extract, text, speaker, title):
    (q,) = extract(text)
    assert (q.speaker, q.speaker_title) == (speaker, title)


@pytest.mark.slow
@pytest.mark.parametrize("text, speaker", [
    # Canadian copy: initials with one letter more than the name, for the province it leaves out
    ("The Ministry of Transportation (MTO) confirmed the closure on Friday.\n\n"
     '"Crews are on site," MTO said in an email.', "Ministry of Transportation"),
    # British copy: initials that keep the small word's letter
    ("The Ministry of Defence (MOD) confirmed the deployment on Friday.\n\n"
     "‘Our thoughts are with the families,’ the MOD said.", "Ministry of Defence"),
])
def test_initials_the_article_spells_out_speak_as_their_expansion(extract, text, speaker):
    (q,) = extract(text)
    assert q.speaker == speaker


@pytest.mark.slow
@pytest.mark.parametrize("text, speaker", [
    # agency copy: a credit after the attribution reports the sentence; the words are the speaker's
    ('"The situation is stable," the Health Ministry said in a statement, Reuters reported.', "the Health Ministry"),
    ('"We will respond," Dmitry Orlov told reporters, the Associated Press reported.', "Dmitry Orlov"),
    # Canadian copy
    ('"We are not leaving," Chief Rosa Whitehorse told reporters at the blockade, CTV News reported.',
     "Rosa Whitehorse"),
])
def test_a_credit_after_the_attribution_is_not_the_speaker(extract, text, speaker):
    (q,) = extract(text)
    assert q.speaker == speaker


@pytest.mark.slow
@pytest.mark.parametrize("text, speaker", [
    # Canadian copy: a document named 'from X' or 'by X' speaks for X
    ("According to a statement from the Moose Jaw Police Service, officers were called at 2 a.m. "
     '"The investigation is in its early stages," the statement said.', "the Moose Jaw Police Service"),
    # British copy
    ("A report by the Office of the Schools Inspector was published on Tuesday.\n\n"
     "‘The programme failed pupils,’ the report said.", "the Office of the Schools Inspector"),
])
def test_a_document_from_a_named_issuer_speaks_for_it(extract, text, speaker):
    (q,) = extract(text)
    assert q.speaker == speaker


# --- from the second Canadian stand-in set (docs/quotes-canada.md, "Second stand-in (canada12)")

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


@pytest.mark.slow
@pytest.mark.parametrize("text,needle,speaker", [
    # Canadian: 'the ministry' / 'the city' after a name that runs on past 'of'
    ("The Ministry of Northern Development said on Friday that the road would reopen.\n\n"
     "“Crews are working around the clock,” the ministry said.", "around the clock",
     "Ministry of Northern Development"),
    ("The Town of Gander closed two arenas after the storm.\n\n"
     "“We ask residents to stay off the roads,” the town said in a post on Facebook.", "stay off the roads",
     "Town of Gander"),
    ("The Ontario Ministry of Transportation warned drivers about Highway 11.\n\n"
     "“Conditions are treacherous north of Huntsville,” the ministry said.", "Conditions are treacherous",
     "Ontario Ministry of Transportation"),
    # (a title after the name ends it: 'Bank of Canada Governor ...')
    ("Bank of Canada Governor Ruth Ferris spoke in Halifax on Tuesday.\n\n"
     "“Inflation is coming down,” the bank said in a release afterwards.", "coming down", "Bank of Canada"),
    # US: the same for a university and a department
    ("The University of Dayton canceled classes on Monday.\n\n"
     "\"Student safety comes first,\" the university said in a statement.", "Student safety",
     "University of Dayton"),
    # a document speaks for an issuer whose name runs on past 'of' / 'for'
    ("The City of Brandon said in a news release Monday that the pool will close for a month.\n\n"
     "“Public safety is our first priority,” the release said.", "first priority", "City of Brandon"),
    # British
    ("In a statement, the Department for Transport said rail fares would rise in March.\n\n"
     "\"This is below inflation,\" the statement said.", "below inflation", "Department for Transport"),
])
def test_an_organisation_named_by_its_head_noun_keeps_its_of_phrase(extract, text: str, needle: str, speaker: str) -> None:
    got = _only(extract(text), needle).speaker or ""
    assert got.removeprefix("the ").removeprefix("The ") == speaker


# Speakers by rule, each rule's cases in Canadian copy and one other house style (the rule's
# name and the case's number make the test id): (text, the quote's words to find, speaker)
SPEAKERS_BY_RULE = {
    "a_sports_description_stands_for_the_player_just_named": [
        # Canadian sport copy: a description the article never ties to the name stands for the
        # one person just named ('the netminder', 'the Quebec native')
        ("Canadiens goaltender Marc Gervais made 34 saves on Saturday.\n\n"
         "“The guys in front of me blocked a lot of shots,” the netminder said.", "blocked a lot", "Marc Gervais"),
        ("Marc Gervais made 34 saves on Saturday night.\n\n"
         "“It was a fun one to play,” the Quebec native said.", "fun one to play", "Marc Gervais"),
        # US baseball copy
        ("Mets starter Tom Kessler struck out nine over seven innings.\n\n"
         "\"My slider was working,\" the right-hander said.", "slider was working", "Tom Kessler"),
        # a nationality or a provincial demonym ('the Swede', 'the Albertan'; British football copy)
        ("Canucks forward Lars Engvall scored twice on Saturday.\n\n"
         "“It felt good to finally get one,” the Swede said.", "felt good", "Lars Engvall"),
        ("Oilers captain Dylan Marchuk had three points on Tuesday.\n\n"
         "“We played the right way,” the Albertan said.", "right way", "Dylan Marchuk"),
        ("Manchester United manager Rui Alves was unhappy after the defeat.\n\n"
         "\"We were not good enough,\" the Portuguese told Sky Sports.", "not good enough", "Rui Alves"),
    ],
    "documents_speak_for_their_author_or_nobody": [
        # Canadian: a lawsuit speaks for whoever the article says filed it
        ("The lawsuit, filed by former player Dale Whitford in B.C. Supreme Court, says the league hid the risks.\n\n"
         "“The league knew and said nothing,” the lawsuit says.", "knew and said nothing", "Dale Whitford"),
        # ... also written or signed by someone the article gives a lower-case title, or
        # filed by lawyers for someone (Canadian, British, Canadian court copy)
        ("The memo, written by deputy minister Paul Rochon, warned of delays.\n\n"
         "“The timeline is not realistic,” the memo said.", "timeline is not", "Paul Rochon"),
        ("The letter, signed by former chief constable Sara Thornton, was sent to the Home Office.\n\n"
         "\"We urge you to think again,\" the letter says.", "think again", "Sara Thornton"),
        ("The lawsuit, filed by lawyers for Dale Whitford in B.C. Supreme Court, says the league hid the risks.\n\n"
         "“The league knew and said nothing,” the lawsuit says.", "knew and said nothing", "Dale Whitford"),
        # (staff writing for a committee write its report; a place after a preposition is no author)
        ("The report, prepared by staff for the Finance Committee, was released Monday.\n\n"
         "\"Costs have doubled,\" the report says.", "Costs have doubled", "the Finance Committee"),
        ("Police issued a statement from officers in Regina on Tuesday.\n\n"
         "\"The suspect is in custody,\" the statement said.", "in custody", None),
        # a common noun capitalised where it opens the sentence is no author
        ("Court documents say the accused told officers he “panicked and ran.”\n\n"
         "Crown prosecutor Lise Aubin told the court the evidence was strong.", "panicked and ran", None),
        # British
        ("Police documents show the officer said the crowd was \"out of control\" that night.\n\n"
         "The police force said it would review the case.", "out of control", None),
    ],
    "the_judge_is_the_justice_the_article_named": [
        # Canadian court copy: 'the judge' is the Justice the article named
        ("Justice Carole Ouellet of the Ontario Superior Court dismissed the application on Friday.\n\n"
         "Later in the ruling, the judge wrote that the delay was “simply inexcusable.”", "simply inexcusable",
         "Carole Ouellet"),
        # British
        ("Mr Justice Alan Pryce gave his ruling at the High Court in London.\n\n"
         "\"The claimants have proved their case,\" the judge said.", "proved their case", "Alan Pryce"),
        # (not a Justice Department official)
        ("A Justice Department spokesman, Tom Reed, declined to comment.\n\n"
         "\"This is not a close call,\" the judge said.", "close call", None),
    ],
    "a_hometown_description_stands_for_the_player_just_named": [
        # Canadian sport copy: a hometown set off by commas before 'native' ('the Bécancour, Que.,
        # native'), with a team between ('The Jets host ...' is no person)
        ("Winnipeg Jets captain Adam Lowry scored twice on Thursday.\n\n"
         "“We found a way,” Lowry said.\n\nThe Jets host Calgary on Saturday.\n\n"
         "“It's always a big game,” the St. Louis, Mo., native said.", "always a big game", "Adam Lowry"),
        ("Canadiens goaltender Samuel Morin made 30 saves.\n\n"
         "“We played hard,” said the Bécancour, Que., native.", "played hard", "Samuel Morin"),
        # US college sport copy
        ("Guard Tyler Brooks scored 24 points for the Wildcats.\n\n"
         "\"We just kept shooting,\" the Dayton, Ohio, native said.", "kept shooting", "Tyler Brooks"),
    ],
    "an_office_or_an_organisation_noun_speaks_for_who_the_article_named": [
        # Canadian: a statement from someone's office speaks for that someone
        ("A statement from Premier Tim Harlow's office said the province would cover the costs.\n\n"
         "“Islanders should not pay for this,” the statement said.", "should not pay", "Tim Harlow"),
        # Canadian: 'the airline / the utility' goes on naming the organisation just quoted
        ("“We are reviewing the decision,” WestJet said in a statement.\n\n"
         "“Our guests come first,” the airline said.", "guests come first", "WestJet"),
        # agency copy
        ("\"We will appeal the ruling,\" Qantas said in a statement on Friday.\n\n"
         "\"Our customers deserve certainty,\" the carrier said.", "deserve certainty", "Qantas"),
    ],
    "an_organisation_named_in_common_words_keeps_its_whole_name": [
        # Canadian: an organisation named in common words the parser splits up
        ("Black Lives Matter Vancouver issued a statement saying the decision was “an insult to our community.”",
         "insult to our community", "Black Lives Matter Vancouver"),
        ("Mothers Against Drunk Driving Canada said the new law was “long overdue.”", "long overdue",
         "Mothers Against Drunk Driving Canada"),
        # US, and 'the group' after it goes on naming it
        ("Black Lives Matter issued a statement saying it took the action \"because of the unsafe conditions.\"\n\n"
         "\"We will not march this year,\" the group said.", "not march this year", "Black Lives Matter"),
    ],
    "an_it_that_speaks_is_the_organisation_the_sentence_before_opens_on": [
        # Canadian (across a paragraph break), agency and British copy
        ("Hydro One said on Tuesday that crews were working through the night.\n\n"
         "“Power will be restored by Friday,” it said in a statement.", "restored by Friday", "Hydro One"),
        ("The Israeli military said it had struck targets in Gaza. \"The strikes were precise,\" it said.",
         "strikes were precise", "the Israeli military"),
        ("Network Rail said on Friday that the line would stay shut. \"Engineers are on site,\" it added.",
         "Engineers are on site", "Network Rail"),
        # (not a person, whom no 'it' stands for, nor a document that names no author)
        ("Premier Scott Moe said on Tuesday the deal was done. \"It is signed,\" it said.", "It is signed", None),
        ("The report said costs had doubled. \"Costs doubled in two years,\" it said.", "Costs doubled", None),
    ],
    "an_organisation_name_runs_on_past_on": [
        # Canadian: 'on' continues a committee's name; a title word right after 'on' is part of it
        ("The Senate Committee on Foreign Affairs met on Monday.\n\n"
         "“We need answers from the minister,” the committee said in its report.", "answers from the minister",
         "Senate Committee on Foreign Affairs"),
        # US: not a weekday ('the Bank of Canada on Wednesday')
        ("The nonpartisan Commission on Presidential Debates says there was a problem with the sound.\n\n"
         "\"There were issues regarding the audio,\" the commission said on Wednesday.", "issues regarding",
         "Commission on Presidential Debates"),
        ("The Bank of Canada on Wednesday held its key rate at 2.75 per cent.\n\n"
         "“Inflation is easing,” the bank said.", "Inflation is easing", "Bank of Canada"),
    ],
}


@pytest.mark.slow
@pytest.mark.parametrize("text,needle,speaker", [
    pytest.param(*case, id=f"{rule}-{i}") for rule, cases in SPEAKERS_BY_RULE.items() for i, case in enumerate(cases)
])
def test_speaker_by_rule(extract, text: str, needle: str, speaker: str | None) -> None:
    assert _only(extract(text), needle).speaker == speaker


def test_an_organisation_noun_never_goes_to_a_person_quoted_before() -> None:
    # a person the tagger took for an organisation (quoted as 'org') is still a person:
    # 'the commission' that speaks next is not him
    from briefing.quotes.extract import _previous_organisation
    from briefing.quotes.people import People

    text = ("“I am in extraordinarily good health,” Gary Jensen said. Mr. Jensen is 63.\n\n"
            "“There were issues regarding the audio,” the commission said.")
    people = People(text)
    at = text.index("“There")
    assert _previous_organisation("the commission", ("Gary Jensen", None, 0, "org"), 1, people, at) is None
    assert _previous_organisation("the airline", ("WestJet", None, 0, "org"), 1, People("“We are sorry,” WestJet said."), 10) == "WestJet"


@pytest.mark.parametrize("text,needle,speaker", [
    # Canadian: "the province" / "the city" is its government speaking, not an unnamed person
    ("The paper mill in Corner Brook will close in March.\n\n"
     "“This is a hard day for the workers and their families,” the province said in a news release.",
     "hard day", "the province"),
    ("Council voted to close two outdoor rinks on Tuesday.\n\n"
     "“Staff will look at keeping one rink open on weekends,” the city said in a statement.",
     "one rink open", "the city"),
    # a release from the province speaks for the province, inverted cue or not
    ("The paper mill in Corner Brook will close in March.\n\n"
     "“This is a hard day for the workers and their families,” states a joint release from the "
     "province, noting that help is available.", "hard day", "the province"),
    ("The ferry to Bell Island will run a reduced schedule.\n\n"
     "“Crews are repairing the ramp as quickly as they can,” reads a release from the province.",
     "repairing the ramp", "the province"),
    # (agency style: the same for a lower-case organisation a statement comes from)
    ('Talks broke off late on Sunday.\n\n"We will appeal the ruling," said a statement from the union.',
     "appeal the ruling", "the union"),
])
def test_a_local_government_speaks_for_itself_and_its_releases(extract, text: str, needle: str, speaker: str) -> None:
    assert _only(extract(text), needle).speaker == speaker


@pytest.mark.parametrize("text,needle,speaker", [
    # Canadian (Quebec): an organisation's name written in French style, only its first word
    # capitalised, next to its initials: the initials and its statements are that organisation
    ("A driver with the Société de transport de Rimouski (STR) was hurt on Monday.\n\n"
     "“We will co-operate fully with the investigation,” the STR said.",
     "co-operate fully", "Société de transport de Rimouski"),
    ("A driver with the Société de transport de Rimouski (STR) was hurt on Monday.\n\n"
     "The STR said in a statement it was reviewing the route.\n\n"
     "“Our thoughts are with our driver and his family,” the statement said.",
     "our driver", "Société de transport de Rimouski"),
    # an organisation's description set off after its name, used again later on its own
    ("The CISSS de Gaspé, the regional health board for the peninsula, is asking parents to keep "
     "sick children home.\n\n"
     "“Anyone with a fever should stay home and call 811,” the health board tweeted.",
     "call 811", "CISSS de Gaspé"),
    ("The CIUSSS de l'Estrie, the regional health authority for the Eastern Townships, opened two "
     "clinics.\n\n“Walk-ins are welcome until eight,” the health authority said.",
     "Walk-ins", "CIUSSS de l'Estrie"),
    # (British: the same for an English name)
    ("Severn Valley Water, the regional water company, lifted the hosepipe ban on Friday.\n\n"
     "\"Reservoirs are back to normal levels,\" the water company said.",
     "Reservoirs", "Severn Valley Water"),
])
def test_an_organisation_by_its_initials_or_its_description(extract, text: str, needle: str, speaker: str) -> None:
    assert _only(extract(text), needle).speaker == speaker


def test_a_bare_organisation_noun_is_not_the_last_organisation_described(extract) -> None:
    # (agency style) 'the company' alone names no one organisation: not the last one the
    # article set off with a description
    text = ("“Ranking the rich is a growth business,” said Ann Vale, head of Tallyworth, a private "
            "company that ranks billionaires.\n\n"
            "Ms. Vale's rival list leaves out Ross Marsh, who owns a news wire. The company says its "
            "policy “is not to cover” its own founder.")
    assert _only(extract(text), "not to cover").speaker != "Tallyworth"


def test_a_long_run_of_small_words_does_not_stall_the_acronym_scan() -> None:
    # the initials pattern allows lower-case words inside a name; it must stay linear on a
    # long sentence of small words with no bracket after it
    import time

    from briefing.quotes.people import People

    text = ("The committee of the people and the city for the town of the region and the " * 6 + "end. ") * 20
    start = time.perf_counter()
    assert People(text).acronyms() == {}
    assert time.perf_counter() - start < 1.0


@pytest.mark.slow
@pytest.mark.parametrize("text,speaker,title", [
    # web copy puts no-break spaces inside names: the name stays whole, its title too
    ("“Prices are up again,” Premier Wab\u00a0Kinew said.", "Wab Kinew", "Premier"),
    ("\"It is a joke,\" said BBC co-host Nick\u00a0Robinson.", "Nick Robinson", "BBC co-host"),
    ("\"It is a joke,\" mused radio co-host Stu\u00a0Burke.", "Stu Burke", None),
])
def test_a_no_break_space_inside_a_name(extract, text: str, speaker: str, title) -> None:
    (q,) = extract(text)
    assert q.speaker == speaker
    if title is not None:
        assert q.speaker_title == title


@pytest.mark.slow
def test_a_relative_pronoun_opens_no_speaker(extract) -> None:
    # ('Will' read as a modal, 'claims' as a plural noun: the parse names nobody, and a
    # speaker 'which Will claims' would be nonsense)
    text = ("In contrast to the premier, Will had nothing but praise for the mayor’s speech in Moncton, "
            "N.B., which Will claims affirmed “the basic belief in the good sense of ordinary people.”")
    (q,) = extract(text)
    assert not (q.speaker or "").lower().startswith(("which", "who", "that"))


@pytest.mark.parametrize("text,needle,speaker", [
    # Canadian business copy: 'the refinery' is the refinery the article named
    ("A video showing a large flare at the Co-op Refinery on Saturday has been circulating.\n\n"
     "“The flare system did the job it is designed to do,” the refinery said in a statement.",
     "flare system", "Co-op Refinery"),
    # British sport copy
    ("The Football Association's disciplinary panel met on Tuesday, and the Premier League fined the club.\n\n"
     "\"The sanction reflects the seriousness of the breach,\" the league said.", "seriousness", "Premier League"),
    # agency copy: a plant
    ("Workers at the Oshawa Assembly Plant were told on Monday that one shift would go.\n\n"
     "\"We regret the impact on our employees,\" the plant said in a statement.", "regret the impact",
     "Oshawa Assembly Plant"),
])
def test_an_institution_noun_is_the_institution_named(extract, text: str, needle: str, speaker: str) -> None:
    assert _only(extract(text), needle).speaker == speaker


@pytest.mark.parametrize("text,needle,speaker", [
    # Canadian labour copy: the statement is the refinery's, and 'the refinery' the one named
    ("Workers are locked out of the Co-op Refinery in Regina.\n\nThe refinery said in a statement that the "
     "blockades were illegal.\n\n“Unifor continues to use illegal blockades as a bullying tactic,” the "
     "statement said.", "bullying tactic", "Co-op Refinery"),
    # British health copy
    ("Staff at the Royal Victoria Hospital were told on Friday.\n\nThe hospital said in a statement that it "
     "would close the ward.\n\n\"Patient safety comes first,\" the statement read.", "Patient safety",
     "Royal Victoria Hospital"),
    # no institution named: nobody
    ("The university issued a statement on Friday.\n\n\"We regret the decision,\" the statement said.",
     "regret the decision", None),
])
def test_a_statement_issued_by_a_described_organisation(extract, text: str, needle: str, speaker: str | None) -> None:
    assert _only(extract(text), needle).speaker == speaker


def test_an_institution_named_once_at_the_top_is_the_one_meant_further_down(extract):
    # Canadian labour copy: three paragraphs of other matters between the name and 'the refinery'
    filler = ("Union members rallied outside the legislature on Tuesday and Wednesday, and speakers from "
              "several other unions addressed the crowd about pensions, wages and the cost of living. ") * 4
    text = ("Workers have been locked out of the Co-op Refinery in Regina since December.\n\n" + filler + "\n\n"
            + filler + "\n\nThe refinery said it is trying to remain competitive.\n\n“We have made a fair offer,” "
            "the refinery said in a statement.")
    assert _only(extract(text), "fair offer").speaker == "Co-op Refinery"
    # two refineries named: nobody
    text2 = text.replace("since December.", "since December, and the Irving Oil Refinery is watching.")
    assert _only(extract(text2), "fair offer").speaker is None


@pytest.mark.parametrize("text,needle,speaker", [
    # Canadian business copy: a lower-case title before the name who spoke in the statement
    ("NB Power declined an interview request.\n\nIn an emailed statement, vice-president of marketing Vicky "
     "Harris said the company \"remains as committed as ever.\"\n\nHer statement did not elaborate on the "
     "delays.\n\n\"We remain confident that we are on the right path,\" the statement said.", "right path",
     "Vicky Harris"),
    # British police copy
    ("Officers arrested two men on Friday.\n\nIn a news release, spokeswoman Sgt. Jenna Clarke said the men "
     "were \"known to police.\"\n\n\"The investigation is continuing,\" the release said.", "investigation is continuing",
     "Jenna Clarke"),
])
def test_a_document_speaks_for_the_titled_person_it_opened_on(extract, text: str, needle: str, speaker: str) -> None:
    assert _only(extract(text), needle).speaker == speaker

"""Speakers' names in British, Canadian and agency house styles (issue 20): sentences written
for these tests, each in a shape that named the wrong person or a possessive before."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def speakers(extract, text: str) -> list[str | None]:
    return [q.speaker for q in extract(text)]


def named(extract, text: str) -> list[tuple[str | None, str | None]]:
    """(speaker, title) of each quote."""
    return [(q.speaker, q.speaker_title) for q in extract(text)]


def test_a_possessor_is_no_antecedent_of_he(extract):
    # British: the spokesman speaks, not the minister he speaks for
    text = ("Ministers will not raise the pension age, the government said on Monday. Gordon Brown's "
            "official spokesman declined to say whether the chancellor backed the plans. He said: "
            "\"What matters is that the consultation runs its course.\"")
    assert speakers(extract, text) == [None]
    # Canadian: nobody else named, so nobody (never "Doug Ford's")
    text = ("Queen's Park will review the rules, Doug Ford's office said on Tuesday. He added that "
            "the review would be \"quick and thorough.\"")
    assert "Doug Ford's" not in speakers(extract, text)


def test_a_possessive_mention_gives_the_full_name(extract):
    # the only full mention is possessive: 'Mr Howard' is Michael Howard
    text = ("The archbishop backed Michael Howard's stance on Tuesday.\n\n"
            "In a magazine interview Mr Howard said: \"I believe the law should be changed.\"")
    assert speakers(extract, text) == ["Michael Howard"]
    text = ("Critics questioned Rachel Notley's budget figures.\n\n"
            "\"The numbers add up,\" Notley told reporters in Edmonton.")
    assert speakers(extract, text) == ["Rachel Notley"]


def test_a_possessive_mention_of_a_namesake_does_not_rename(extract):
    # 'Mrs. Clinton' is Hillary Clinton, named in full, not the Bill Clinton of a possessive
    text = ("In a year when Bill Clinton's record has faced scrutiny, Hillary Clinton is shaping "
            "the role he would play.\n\nMrs. Clinton told voters in Kentucky that he would be "
            "\"in charge of revitalizing the economy.\"")
    assert speakers(extract, text) == ["Hillary Clinton"]


def test_a_date_is_no_name_before_a_pronoun(extract):
    text = ("The view from Beijing of Super Tuesday was mixed. Many hoped he would lift the world "
            "economy \"out of its quagmire,\" one commentator wrote.")
    assert "Super Tuesday" not in speakers(extract, text)


def test_namesakes_stay_apart(extract):
    # British sport: the coach and the captain share a surname
    text = ("Scotland lost 19-18 to Wales on Saturday. Coach Andy Robinson said he would \"keep "
            "working on the line-out\" with his squad.\n\n"
            "Scotland captain Jason Robinson admitted his side had failed to cope after the break.\n\n"
            "\"We controlled the first half but we knew they would come back at us,\" he said.")
    assert speakers(extract, text)[-1] == "Jason Robinson"
    # Canadian: a husband and wife, she named in full after him
    text = ("Mark Tremblay opened the bakery in Moncton in 1998.\n\n"
            "\"We never thought it would last this long,\" Tremblay said.\n\n"
            "His wife, Josée Tremblay, runs the shop now. \"Every morning starts at four,\" she said.")
    assert speakers(extract, text) == ["Mark Tremblay", "Josée Tremblay"]


def test_a_sentence_opener_is_no_given_name(extract):
    # 'Following Sanders' opens a sentence: Sanders is still Bernie Sanders
    text = ("Bernie Sanders won Rhode Island on Tuesday.\n\n"
            "Following Sanders, Clinton told supporters in Philadelphia that \"we are going to win.\"\n\n"
            "Following Sanders' lead, the senator's aides said \"the race goes on.\"")
    assert "Following Sanders" not in speakers(extract, text)


def test_a_dashed_reflexive_aside_leaves_the_name_speaking(extract):
    # British: 'Mr Bez - himself a former engineer at Porsche - said' (the parser makes
    # 'himself' the subject)
    text = ("The carmaker unveiled its cheapest model yet, said chief executive Ulrich Bez.\n\n"
            "Mr Bez - himself a former engineer at rival Porsche - said the new car was the "
            "company's \"most affordable car ever\".")
    assert speakers(extract, text) == ["Ulrich Bez"]


def test_a_hyphenated_role_is_a_title_not_a_name(extract):
    (q,) = extract("England lost by a point. Fly-half Charlie Hodgson missed three penalties. "
                   "\"I'm very disappointed with the result,\" Hodgson said.")
    assert (q.speaker, q.speaker_title) == ("Charlie Hodgson", "Fly-half")
    (q,) = extract("Co-founder Amira Haddad spoke in Halifax on Friday. \"We started in a garage,\" "
                   "Haddad told CBC News.")
    assert (q.speaker, q.speaker_title) == ("Amira Haddad", "Co-founder")


def test_a_relative_clause_is_no_part_of_the_title(extract):
    # agency copy: the clause describes the firm, not the speaker's role
    (q,) = extract("\"Orders rose sharply,\" said Paul Reynolds, chief executive of BT Wholesale "
                   "which provides phone lines that other firms rent.")
    assert q.speaker_title == "chief executive of BT Wholesale"
    (q,) = extract("\"The vote was close,\" said Marie Gagnon, a city councillor in Laval, Que., who "
                   "voted against the plan.")
    assert q.speaker == "Marie Gagnon" and "voted" not in (q.speaker_title or "")


def test_the_name_before_has_said_is_the_sentence_subject(extract):
    # British: the role in the next sentence is the person who 'has said'
    text = ("The government has had eight years to fix the railways and has failed, Michael Howard "
            "has said.\n\n\"Britain is heading in the wrong direction,\" the Conservative leader said "
            "in his New Year message.")
    assert speakers(extract, text) == ["Michael Howard"]
    # ... but not an organisation after a preposition, nor a listener
    text = ("The deficit will grow, a fellow at the C.D. Howe Institute said.\n\n"
            "He told CBC News: \"The numbers do not add up.\"")
    assert "C.D. Howe Institute" not in speakers(extract, text) and "CBC News" not in speakers(extract, text)


def test_a_listener_is_no_antecedent(extract):
    text = ("The midfielder could leave in the summer. He told BBC Sport: \"I'm not sure if I want to "
            "stay or not.\"")
    assert speakers(extract, text) == [None]


def test_a_capitalised_role_with_a_determiner_is_a_role(extract):
    # an unnamed MP is nobody named; 'The Premier' is the premier the article named
    (q,) = extract("A senior Tory MP has criticised the department's \"lackadaisical\" approach to planning.")
    assert q.speaker is None
    text = ("Premier Kathleen Wynne spoke to reporters at Queen's Park on Tuesday. The Premier stated, "
            "\"The budget means new money for community care.\"")
    assert speakers(extract, text) == ["Kathleen Wynne"]
    # a newspaper whose name ends in a title word is still a name
    (q,) = extract("\"The senator has lost his way,\" The New Hampshire Union Leader said in an editorial.")
    assert q.speaker and "Union Leader" in q.speaker


def test_british_names_and_labels(extract):
    # a knight named by his given name; a person noun opening a sentence; a one-word
    # organisation NER took for a person; a list's label after a bullet
    text = ("National Audit Office head Sir John Bourn said the department had improved. On the unpaid "
            "invoices, Sir John said the department had paid \"97% of the bills submitted\".")
    assert speakers(extract, text) == ["Sir John Bourn"]
    (q,) = extract("Teenager Sania Mirza won the title. \"It is a big moment in my career,\" Mirza said.")
    assert (q.speaker, q.speaker_title) == ("Sania Mirza", "Teenager")
    (q,) = extract("The report was published on Tuesday. A Defra spokesman said: \"We welcome the report.\"")
    assert (q.speaker, q.speaker_title) == ("Defra", "spokesman")
    text = "Burnley won 2-0 on Saturday.\n\n- Burnley boss Steve Cotterill: \"They will be fresh and we'll be tired.\""
    assert speakers(extract, text) == ["Steve Cotterill"]
    (q,) = extract("\"It would be better on 1 April,\" said Labour spokesman Mr Kemp.")
    assert q.speaker_title == "Labour spokesman"


def test_a_title_and_surname_first_does_not_hide_the_full_name(extract):
    # NYT/abstract style: 'Mr. Putin' before 'President Vladimir V. Putin'
    text = ("Mr. Putin drew applause on Thursday.\n\nWith his customary swagger, President Vladimir V. "
            "Putin held forth on a sweeping array of topics.\n\n\"We will answer,\" Mr. Putin said.")
    assert speakers(extract, text) == ["Vladimir V. Putin"]
    # a sentence's first word is no given name ('Will Sanders ...?' asks a question)
    text = ("Will Sanders stay in the race? Bernie Sanders told supporters in Vermont that \"the race "
            "goes on.\"\n\n\"We are not done,\" Sanders said.")
    assert speakers(extract, text) == ["Bernie Sanders", "Bernie Sanders"]


def test_co_chairman_and_mr_surname_as_antecedents(extract):
    # British: 'Tory co-chairman Liam Fox' is a sentence's subject; 'Mr Clarke' (no full name
    # given) is someone, where 'Lib Dem' is not
    text = ("Tory co-chairman Liam Fox has opened proceedings with a speech. Labour's rule has been "
            "characterised by \"lost trust and failure to deliver\", he told the conference.")
    assert speakers(extract, text) == ["Liam Fox"]
    text = ("The Lib Dem leader attacked the plans. But Mr Clarke said he had supported them. \"ID cards "
            "are a means to a more secure society,\" he said.")
    assert speakers(extract, text)[-1] == "Clarke"


def test_an_organisations_role_word_before_a_name(extract):
    # 'NM2's co-ordinator Peter Stollenmayer explained': he is the sentence's subject
    text = ("Dr Ann Wood of BT leads the trial.\n\nNM2's co-ordinator Peter Stollenmayer explained that "
            "the new genre would change the audience's role.\n\n\"Viewers will be able to interact,\" he said.")
    assert speakers(extract, text)[-1] == "Peter Stollenmayer"
    # ... but a place after a preposition is no role ('In downtown Halifax, ...')
    text = ("Mayor Mike Savage spoke first. In downtown Halifax, a crowd marched in silence. "
            "\"We cried the whole way,\" he said.")
    assert "Halifax" not in " ".join(s or "" for s in speakers(extract, text))


def test_a_hyphenated_apposition_is_one_title(extract):
    (q,) = extract("\"Broadband is putting the 'me' in media,\" said John Craig, co-author of the Demos report.")
    assert q.speaker_title == "co-author of the Demos report"


def test_a_judge_is_not_the_last_person_named(extract):
    text = ("Peter Stollenmayer was bailed last week. On Monday, the judge agreed to allow him to perform "
            "on condition that requests were \"not too regular an occurrence\".")
    assert speakers(extract, text) == [None]


def test_an_organisations_spokesman_is_the_next_he(extract):
    text = ("Former Chelsea striker Adrian Mutu is to begin talks with Juventus.\n\n\"Mutu will be in our "
            "main stand to watch the match,\" said a Juventus official, who declined to be named. \"Then he "
            "will meet some important people of the club,\" he added.")
    assert speakers(extract, text) == ["Juventus", "Juventus"]


def test_a_lost_paragraph_break_inside_a_quote(extract):
    # BBC copy as it often comes: the quote's paragraphs joined, only the next opening mark left
    (q,) = extract("Mr Howard said: \"We watched the scenes with a sense of disbelief. The scale was hard to "
                   "grasp. \"Yet Britain's response has shone a light on our character.\" He went on to talk about tax.")
    assert q.speaker == "Howard" and q.text.startswith("We watched") and q.text.endswith("our character.")
    # wire copy: the attribution after the second part speaks for both
    (q,) = extract("\"We will appeal this decision as soon as we can. \"Our members deserve better,\" Unifor "
                   "national president Lana Payne said on Tuesday.")
    assert q.speaker == "Lana Payne" and "appeal" in q.text and "deserve better" in q.text
    # a stray mark before a short fragment still restarts the quote
    qs = extract("The so-called \"reform. \"It will cost jobs,\" said Amira Haddad.")
    assert [q.text for q in qs] == ["It will cost jobs"]


def test_a_plural_opening_a_sentence_is_no_surname(extract):
    # CNN: 'Investigators said ...' is no person 'Investigators' for the next 'she said'
    text = ("Investigators said they found the bone on a neighbour's property.\n\n\"I leaped up yelling. "
            "I was, of course, joyful,\" she said.")
    assert speakers(extract, text) != ["Investigators"]


def test_a_name_before_a_participle_aside_speaks(extract):
    # the parser makes the name the object of 'after' and leaves 'had said' subjectless
    text = ("The issue came up after Premier Doug Ford, asked about the strike at a news conference, "
            "had said, \"We will not back down.\"")
    assert speakers(extract, text) == ["Doug Ford"]
    text = ("The row began after Mr. Trump, asked about the deaths of journalists, had said, ''I think our "
            "country does plenty of killing also.''")
    assert speakers(extract, text) == ["Trump"]


def test_she_after_an_unnamed_spokeswoman_is_her(extract):
    # CNN: the senator's spokeswoman speaks again; she is nobody named (not the man quoted before)
    text = ("Republican Sen. John McCain said there was a \"50-50\" chance that it would.\n\n"
            "A spokeswoman for Democratic Sen. Max Baucus of Montana told CNN that \"Max will evaluate "
            "it based on the feedback he gathers.\"\n\nBut she also said that in his first vote, "
            "\"Montanans told Max loud and clear they didn't support new gun controls.\"")
    qs = extract(text)
    assert [q.speaker for q in qs] == ["John McCain", None, None]
    assert qs[-1].speaker_title == "spokeswoman for Democratic Sen. Max Baucus"  # (no dangling 'of')


def test_a_surname_with_an_apostrophe_is_quoted_by_surname(extract):
    # CNN: the man is only ever 'Sa'er' (also 'O'Neill', 'D'Souza' when no first name is given)
    text = ("Sa'er is a self-described assassin for the government.\n\nIt was kill or be killed, he says; "
            "Sa'er says he was carrying out orders.\n\nHe says he worked at a prison, and \"we would go out "
            "with the officers from the prisons.\"")
    assert speakers(extract, text) == ["Sa'er"]


def test_a_dateline_and_a_place_are_no_antecedents(extract):
    # CNN: 'New Delhi, India (CNN) --' opens the story; 'India' is a place even where a glued
    # subhead makes 'Nepal India's Prime Minister' look like a name
    text = ("New Delhi, India (CNN) -- As the earth shook in Nepal, tremors were felt in India as well.\n\n"
            "Aid flew out across India within hours. In India, 72 people were killed.\n\n"
            "On the ground: Devastation in Nepal India's Prime Minister Narendra Modi has made a special effort.\n\n"
            "In his radio address, he said Indians needed to \"wipe the tears of every Nepali.\"")
    assert speakers(extract, text) == ["Narendra Modi"]


def test_a_caption_glued_on_without_its_full_stop_ends_a_sentence(extract):
    # Daily Mail: a picture caption ends in a quote mark and runs into the next sentence
    text = ("Manny Pacquiao's promoter Bob Arum said the contracts were not signed. 'We agreed that we would "
            "all sign,' Arum said. 'That's what we're enmeshed in.' Pacquiao in training for the fight in Los "
            "Angeles on Tuesday Mayweather Promotions CEO Leonard Ellerbe said that Arum 'isn't willing to live "
            "with the agreement' But Leonard Ellerbe, CEO of Mayweather Promotions, disagreed with Arum. He "
            "said: 'The bottom line is that Bob isn't willing to live with the agreement signed in March.'")
    assert speakers(extract, text)[-1] == "Leonard Ellerbe"


def test_the_attribution_clause_after_a_quote_beats_a_cue_before_it(extract):
    # British: the parser hangs the quote from 'deny' in the clause before it
    text = ("If the Treasury is planning cuts - as many economists believe, but ministers strongly "
            "deny - \"why would you not say so?\" asked Mr Hammond, the shadow chancellor.")
    assert speakers(extract, text) == ["Hammond"]
    # a cue right before the quote introduces it: the quote is not the later speaker's
    text = "When a man in the crowd shouted, \"Shame!\" Ms Patel replied, \"I hear you.\""
    assert speakers(extract, text)[-1] == "Patel"


def test_a_quote_after_that_is_what_the_cue_before_it_reports(extract):
    # agency copy: 'X claimed that "...," Y said ...' -- the claim is X's
    text = ("But even as Harper claimed on Tuesday that \"the books are balanced,\" one of the budget "
            "officers said the two sets of figures were quite different.")
    assert speakers(extract, text) == ["Harper"]


def test_a_headline_quote_the_body_quotes_again_is_dropped(extract):
    # a sentence-case headline (British style, single marks) over a story quoting the same words
    text = ("Brown calls Tory spending plans ‘fantasy economics’.\n\n"
            "Gordon Brown accused the Conservatives of \"fantasy economics\" on Monday, telling MPs "
            "the sums did not add up.")
    qs = extract(text)
    assert [q.text for q in qs] == ["fantasy economics"]
    assert qs[0].speaker == "Gordon Brown"
    # a short lede whose quote is not repeated keeps it
    text = ("\"We will not back down,\" Premier Danielle Smith said on Friday.\n\n"
            "The province will appeal the ruling, she added.")
    assert [q.speaker for q in extract(text)] == ["Danielle Smith"]


def test_coordinated_clauses_keep_their_own_speakers(extract):
    # British: the cue is a conjunct of 'met', whose subject speaks, not the person met
    text = ('Mr Johnson, keen to show that trade came first, met the French president, Emmanuel '
            'Macron, in Paris and described the talks as "warm and constructive."')
    assert speakers(extract, text) == ["Johnson"]
    # agency: a cue coordinated after the quote ('and had told') tells another act; the
    # 'according to' phrase attributes the quote
    text = ('According to his agent, Dave Smith, the striker was "devastated by the decision" and '
            'had told his team-mates he would leave the club.')
    assert [(q.speaker, q.speaker_title, q.cue) for q in extract(text)] == [("Dave Smith", "agent", "according to")]


def test_a_pronoun_before_a_quoted_predicate_is_not_the_cue_subject(extract):
    # agency: 'he' is the subject of the quoted words; the cue goes with 'reviewed', whose
    # subject speaks
    text = 'Reuters reviewed the filings and said he "had no role" in the sale.'
    assert speakers(extract, text) == ["Reuters"]


def test_a_cue_the_tagger_made_a_noun_after_a_quote(extract):
    # Canadian: '"...," Brooks notes.' tagged as an adjective and a plural noun; the name
    # before the cue speaks, not the last person named before the quote
    text = ('Sarah Brooks, a Toronto economist, expects a slowdown. Finance Minister Chrystia '
            'Freeland does not. "Housing starts have fallen for six months," Brooks notes.')
    assert [(q.speaker, q.cue) for q in extract(text)] == [("Sarah Brooks", "notes")]


def test_a_speaker_label_inside_a_paragraph(extract):
    # British: transcript-style labels after a sentence ends; 'Translation:' names nobody
    text = ("Theresa May and Jeremy Corbyn clashed over the deal at Prime Minister's Questions.\n\n"
            'May: "We will leave the European Union on time." Corbyn: "This is a blindfold Brexit '
            'and the House knows it."')
    assert speakers(extract, text) == ["Theresa May", "Jeremy Corbyn"]
    text = 'The report set out the choice facing the minister. Translation: "Pay up or shut the mine."'
    assert speakers(extract, text) == [None]


def test_a_fronted_of_phrase_is_the_topic_not_the_speaker(extract):
    # Canadian: 'Of Kenney,' says whom the quote is about; Notley, after the comma, speaks
    text = ('Rachel Notley spoke after Jason Kenney. Of Kenney, Notley, who led the province until '
            '2019, said, "He has never understood what Albertans want."')
    assert speakers(extract, text) == ["Rachel Notley"]


def test_a_name_before_a_participle_is_its_subject(extract):
    # British: the footage shows Farage speaking; the broadcaster only airs it
    text = ('Nigel Farage campaigned in Clacton on Friday. Sky News aired footage of Mr Farage '
            'saying: "We will fight this all the way."')
    assert speakers(extract, text) == ["Nigel Farage"]
    # Canadian: the recipient of a letter is not the one asking
    text = 'The council published a letter to Mayor John Tory asking for "urgent action on transit."'
    assert speakers(extract, text) == ["The council"]


def test_a_statement_speaks_for_whoever_issued_it_after_an_opening_clause(extract):
    # British: the verb that issued the statement is the last before it, its subject after
    # the opening clause's comma; the quote opens the next sentence
    text = ('Hours after the ruling was published, the Football Association issued a statement. '
            '"We respect the decision of the panel," the statement said.')
    assert speakers(extract, text) == ["the Football Association"]


def test_a_parenthetical_speech_verb_reports_the_clause(extract):
    # British: 'X, Ms Sturgeon said, had described ...': Sturgeon reports it, not the BBC
    text = ('Nicola Sturgeon rejected the criticism on Tuesday. The BBC, Ms Sturgeon said, had '
            'described the plan as "a shambles."')
    assert speakers(extract, text) == ["Nicola Sturgeon"]


def test_a_conjunct_clause_with_its_own_name_and_auxiliary(extract):
    # British press review: the Mirror describes, not the Sun
    text = 'The Sun will call it a betrayal and the Daily Mirror will describe it as "a triumph of hope."'
    assert speakers(extract, text) == ["the Daily Mirror"]


def test_a_cue_right_before_the_quote_introduces_it(extract):
    # British copy typed with LaTeX-style marks: the placeholder in 'under what Mr Dunn called
    # ''...''' was parsed as the object of 'under', so the main clause's 'charged' took it
    text = ("In 2012, under what Mr Dunn called ''the old model of membership,'' the Royal Ashford "
            "Golf Club charged new members a joining fee of £5,000.")
    assert speakers(extract, text) == ["Dunn"]


def test_according_to_someones_work_names_who_made_it(extract):
    # British: 'according to calculations by X' gave the bare noun 'calculations'
    text = ('A "living wage" for one adult in Yorkshire is about £11 an hour, according to '
            'calculations by Professor Jane Hollis of the University of Leeds.')
    assert speakers(extract, text) == ["Jane Hollis"]


def test_the_writers_i_quote_is_no_cue(extract):
    # British letters page: 'and I quote' announces the minister's words; the pronoun 'I'
    # took the quote and left it without a speaker
    text = ('Small wonder Mr Farage said, and I quote, "We will not be lectured by Brussels." '
            'It was a remarkable moment.')
    assert speakers(extract, text) == ["Farage"]


def test_doubled_consonant_cue_forms(extract):
    # British tabloid: 'bragged', 'slammed', 'dubbed' were missing from the cue words
    # (inflected as 'braged', 'slamed', 'dubed'), so an inverted cue named nobody
    assert speakers(extract, '"We were the better side by a distance," bragged Mr Mourinho after the match.') \
        == ["Mourinho"]
    assert speakers(extract, '"This budget is a shambles from start to finish," slammed Labour leader Keir Starmer.') \
        == ["Keir Starmer"]


def test_elaborated_is_a_cue_for_the_quote_paragraph_after_it(extract):
    # Canadian: without 'elaborated' as a cue, the paragraph before handed its quote to the
    # subject of the clause it reports ('pipeline companies')
    text = ('Rachel Notley elaborated in an opinion piece for the Edmonton Journal that pipeline '
            'companies currently building in the province, even those that began before the '
            'election, may reconsider.\n\n'
            '"A win for the opposition would underline how fragile the coalition has become."')
    assert speakers(extract, text) == ["Rachel Notley"]


def test_the_clause_right_after_a_quote_beats_a_later_cue_the_parser_hung_it_from(extract):
    # British: the parser hung the first quote on the later 'said' (Kuenssberg's) and made
    # 'Nowak said' a parenthesis on it, so both quotes went to Nowak, joined as one
    text = ('"We have done nothing wrong," Nowak said, after the BBC\'s Laura Kuenssberg said the '
            'Reform UK leader had derisively referred to Mr Sunak as the "part-time prime minister" '
            'of the City.')
    assert speakers(extract, text) == ["Nowak", "Laura Kuenssberg"]


def test_according_to_a_document_someone_gave_names_them(extract):
    # British: 'according to a speech Ms Reeves delivered' (a relative clause without its
    # pronoun) and 'according to a filing lodged by X' left the document speaking for nobody
    text = ('The aim is to curb "short-termism" in the boardroom, according to a speech Ms Reeves '
            'delivered at the Mansion House in July.')
    assert speakers(extract, text) == ["Reeves"]
    text = ('The firm "deliberately misled investors," according to a court filing lodged by the '
            'Serious Fraud Office.')
    assert speakers(extract, text) == ["the Serious Fraud Office"]


def test_a_split_hyphenated_job_word_leaves_the_name_speaking(extract):
    # the tokenizer splits 'co-host' into 'co', '-', 'host' and the parser takes 'co' for the
    # speaker; the person named after the job word speaks, with the whole job word as title
    cases = [
        ("\"Nobody saw that coming,\" said BBC co-host Nick Robinson.", "Nick Robinson", "BBC co-host"),  # British
        ("\"We will appeal,\" said co-founder Sarah Jones in an interview with CBC News.", "Sarah Jones", "co-founder"),  # Canadian
        ("Acme co-founder Sarah Jones told Reuters: \"We will cut jobs.\"", "Sarah Jones", "Acme co-founder"),  # agency
        ("\"We will appeal,\" said the company's co-founder, Sarah Jones.", "Sarah Jones", "co-founder"),
    ]
    for text, name, title in cases:
        (q,) = extract(text)
        assert (q.speaker, q.speaker_title) == (name, title), text


def test_someones_words_named_as_a_thing_speak_for_them(extract):
    # 'Clinton’s response was: "..."', 'Hillary Clinton’s campaign slogan is "..."': a reply,
    # an answer or a slogan speaks for its possessor, as a statement does
    text = "Jeremy Corbyn was asked about the vote on Monday. His reply was short: \u201cWe will win it.\u201d"  # British
    assert speakers(extract, text) == ["Jeremy Corbyn"]
    text = "Doug Ford\u2019s favourite slogan was \u201cStop the gravy train at city hall.\u201d"  # Canadian
    assert speakers(extract, text) == ["Doug Ford"]
    text = ("President Tayyip Erdogan spoke in Ankara. Erdogan\u2019s response, in remarks carried by Reuters, was: "
            "\u201cWe will not bow to pressure.\u201d")  # agency
    assert speakers(extract, text) == ["Tayyip Erdogan"]
    # nobody's reply names nobody
    assert speakers(extract, "The reply was short: \u201cThere will be no comment on this matter.\u201d") == [None]


def test_an_as_clause_with_a_describing_cue_names_the_speaker(extract):
    # 'as described by X', 'as X called it': the weak cue does not govern the quote, but its
    # 'as' clause on the quote's clause attributes it, with the clause as the reported content
    cases = [
        ("The inquiry was \u201ca stitch-up\u201d, as described by Labour MP John Smith.",  # British
         "John Smith", "The inquiry was \u201ca stitch-up\u201d"),
        ("The pipeline is \u201ca bridge to nowhere,\u201d as Premier Rachel Notley called it on Tuesday.",  # Canadian
         "Rachel Notley", None),
        ("The talks were \u201cconstructive and frank\u201d \u2013 as described by Foreign Minister Sergei Lavrov \u2013 "
         "and many diplomats believe a deal is close.", "Sergei Lavrov", None),  # agency
    ]
    for text, name, content in cases:
        (q,) = extract(text)
        assert q.speaker == name, text
        if content is not None:
            assert q.content == content


def test_a_documents_title_is_given_by_whoever_issued_it(extract):
    # 'X released a memo titled "..."': no cue word, and 'titled' has no subject; whoever
    # issued the document gave its title (never whoever only read it)
    cases = [
        ("Labour campaign chief Jane Roe released a memo titled \u201cThe Facts on Where the Race Stands Today.\u201d",
         "Jane Roe"),  # British
        ("The Conservative leader, Pierre Poilievre, released a video titled \u201cEverything Feels Broken in This "
         "Country Now\u201d on Monday.", "Pierre Poilievre"),  # Canadian
        ("Kremlin spokesman Dmitry Peskov published an article headlined \u201cWhy the West Keeps Getting Russia "
         "Wrong\u201d on Monday.", "Dmitry Peskov"),  # agency
    ]
    for text, name in cases:
        assert speakers(extract, text) == [name], text


def test_the_group_said_after_the_group_x(extract):
    # 'the group said' after 'the pressure group Extinction Rebellion': the organisation the
    # article named right after that noun, not the bare description
    text = ("Mr Smith joined the pressure group Greenpeace in 1990. "
            "The group said it would \"fight the decision in the courts\".")  # British
    assert speakers(extract, text) == ["Greenpeace"]
    text = ("The charity Oxfam published its report on Monday.\n\n"
            "\"Inequality is rising in every province,\" the charity said in an interview with CBC News.")  # Canadian
    assert speakers(extract, text) == ["Oxfam"]


def test_a_lone_surname_that_answers_is_someone_he_can_stand_for(extract):
    # NER takes 'Albanese' for a nationality; 'Albanese answered' shows the article quotes a
    # person by that surname, so the later 'He' is Albanese, not the interviewer named before
    text = ("When BBC presenter Laura Kuenssberg asked Albanese about the vote, the party leader said no. "
            "Kuenssberg's follow-up pressed Albanese to explain the delay.\n\n"
            "Albanese answered the question by blaming the pandemic, saying that the figures needed to be "
            "\"updated\". He confidently asserted that, for him, \"there is an obvious need for a new bridge.\"")  # British
    assert speakers(extract, text)[-1] == "Albanese"
    text = ("Reuters reporter Jane Hill asked Albanese about the vote on Monday, and Hill pressed Albanese on the "
            "figures.\n\nAlbanese answered that they were \"being checked\". He told Reuters: \"The count was fair "
            "and the result will stand.\"")  # agency
    assert speakers(extract, text)[-1] == "Albanese"


def test_an_organisations_spokesperson_speaks_for_it_without_a_cue(extract):
    # 'a Worcester City Council spokesperson referred to "..."': no cue word, but the
    # spokesperson's organisation speaks the quote, and the quote paragraph after it
    text = ("A Toronto Transit Commission spokesperson referred to \u201ctechnical issues or routine maintenance\u201d.\n\n"
            "\u201cThe camera has been out of action for 12 months. We regret that it was not working that night,\u201d "
            "the statement went on.")  # Canadian
    assert speakers(extract, text)[:1] == ["Toronto Transit Commission"]
    text = ("ANKARA (Reuters) - A spokeswoman for the Interior Ministry blamed \u201ca clerical error at the border "
            "post\u201d for the delay.\n\n"
            "\u201cThe papers will be reissued within a week. We apologise to the families for the delay.\u201d")  # agency
    assert speakers(extract, text) == ["Interior Ministry", "Interior Ministry"]
    # someone's spokeswoman is nobody named
    text = "A spokeswoman for Sen. Bernie Sanders blamed \u201ca clerical error at the office\u201d for the delay."
    assert speakers(extract, text) == [None]


# (text, the quote's words to find, speaker): each rule's cases, in more than one house style
SPEAKERS_BY_RULE = {
    "a_role_goes_to_the_holder_mentioned_last": [
        # Canadian: a title before a lone surname ('Premier Legault') gives the role to that person
        ("QUEBEC — Premier Legault announced the new rules on Tuesday.\n\nLegault said the province had "
         "no choice.\n\n“We cannot wait any longer,” the premier told reporters.", "wait any longer", "Legault"),
        # British
        ("Chancellor Reeves will deliver the Budget next week.\n\nMs Reeves said the figures were worse "
         "than expected.\n\n\"We will not duck the hard choices,\" the chancellor said.", "hard choices", "Reeves"),
        # the holder mentioned last, not the last one given the title: another president named earlier
        ("President Obama met World Bank President Jim Yong Kim on Saturday.\n\nObama later flew to Paris, "
         "where Obama spoke to leaders.\n\n\"This is our best chance,\" the president said.", "best chance", "Obama"),
        # a street is no person
        ("President Kennedy Road will close for repairs.\n\n\"We expect delays,\" the president said.",
         "expect delays", None),
    ],
    "a_party_and_place_tag_ties_a_description": [
        # US congressional copy: a party-and-place tag after the name ('D-N.Y.', '(R-Ky.)') is what a
        # later description names
        ("Rep. Alexandria Ocasio-Cortez, D-N.Y., criticized the bill on Thursday.\n\nSen. Ted Cruz, R-Texas, "
         "defended it.\n\n\"This bill is a giveaway,\" the New York Democrat said.", "giveaway", "Alexandria Ocasio-Cortez"),
        ("Senate Minority Leader Mitch McConnell (R-Ky.) and Sen. Chuck Schumer (D-N.Y.) met on Tuesday.\n\n"
         "\"We have a deal,\" the Kentucky Republican said.", "have a deal", "Mitch McConnell"),
        ("Sen. Jon Tester, D-Mont., and Sen. Marco Rubio, R-Fla., spoke on Monday.\n\n"
         "\"It is a disgrace,\" the Florida senator said.", "disgrace", "Marco Rubio"),
        # Canadian: 'Tory' is the Conservative leader's party
        ("Conservative Leader Pierre Poilievre spoke in Calgary on Monday. Liberal Leader Mark Carney was in "
         "Halifax.\n\n“Canadians are tired,” the Tory leader said.", "tired", "Pierre Poilievre"),
        # the place fits neither senator: nobody
        ("Sen. Lindsey Graham, R-S.C., and Sen. Tim Scott, R-S.C., spoke on Monday.\n\n"
         "\"It is a disgrace,\" the Florida senator said.", "disgrace", None),
    ],
    "names_with_apostrophes_suffixes_and_initials": [
        # a typographic apostrophe inside a name: the tagger reads a straight one ('O’Neill said'
        # had been an adverb, 'Kevin O’Leary' only 'Kevin'); the article's spelling comes back
        ("First Minister Michelle O’Neill met the families on Monday.\n\n“We will not stop until there "
         "are answers,” O’Neill said.", "answers", "Michelle O’Neill"),
        ("Kevin O’Leary said the deal was “dead” and would not come back.", "dead", "Kevin O’Leary"),
        # a generational suffix is no surname: 'Mr. Biden' is Joseph R. Biden ('Jr.' left off)
        ("Vice President Joseph R. Biden Jr., who was to travel to Ohio, spoke on Monday.\n\n"
         "''The middle class is getting clobbered,'' Mr. Biden told reporters.", "clobbered", "Joseph R. Biden"),
        ("Calgary Flames owner N. Murray Edwards Jr. attended the meeting.\n\n“We need a new arena,” "
         "Edwards said.", "new arena", "N. Murray Edwards"),
        # a middle initial keeps the given name before it
        ("Lt.-Gen. Jean-Marc A. Lanthier Jr., the army commander, spoke in Kingston.\n\n"
         "\"We are short of soldiers,\" Lanthier said.", "short of soldiers", "Jean-Marc A. Lanthier"),
    ],
    "a_place_or_common_words_are_no_antecedent": [
        # Canadian: a province opening the sentence before is no one a 'she' stands for
        ("“The farmers are simply adding oysters to the estuary,” Stewart-Clark said.\n\nNova Scotia can't "
         "keep up with the demand for oysters, she said.\n\n“Sometimes the oysters are sold two years ahead,” "
         "she said.", "sold two years", "Stewart-Clark"),
        # British: a country neither
        ("\"We will see a deal,\" said Ms Reeves.\n\nSouth Korea wants the talks to end by March, she added.\n\n"
         "\"There is no appetite for delay,\" she said.", "appetite for delay", "Reeves"),
        # a segment's name in common words asks a titled person: he is that person
        ("\"The relationship is far too cosy,\" says Buell. People go public when they can.\n\nGo Public asked "
         "Finance Minister Bill Morneau about the claims.\n\n\"I'm confident the agency did a good job,\" he says.",
         "good job", "Bill Morneau"),
    ],
}


@pytest.mark.parametrize("text,needle,speaker", [
    pytest.param(*case, id=f"{rule}-{i}") for rule, cases in SPEAKERS_BY_RULE.items() for i, case in enumerate(cases)
])
def test_speaker_by_rule(extract, text: str, needle: str, speaker: str | None) -> None:
    (q,) = [q for q in extract(text) if needle in q.text]
    assert q.speaker == speaker


def test_the_quote_keeps_the_articles_apostrophes(extract):
    (q,) = extract("“We won’t lose,” Erin O’Toole told reporters in Ottawa.")
    assert (q.text, q.speaker) == ("We won’t lose", "Erin O’Toole")


@pytest.mark.parametrize("text,needle,title", [
    # Canadian consumer copy: an unnamed adviser who 'says he' is whom the next 'he says' stands for,
    # not the named person quoted before (nor 'Another Scotiabank', a description cut short)
    ("Karen Smith, a Scotiabank adviser, spoke to Go Public.\n\n\"The banks should not have had any say in "
     "it,\" she says.\n\nAnother Scotiabank financial adviser says he was pushed to sell.\n\n\"That can be "
     "harmful to customers,\" he says.", "harmful to customers", "Another Scotiabank financial adviser"),
    # British health copy
    ("Premier Tim Houston spoke on Monday. \"We are ready,\" he said.\n\nA nurse at the hospital, who asked "
     "not to be named, said she had worked 16-hour shifts.\n\n\"We are exhausted,\" she said.",
     "exhausted", "A nurse at the hospital"),
])
def test_an_unnamed_subject_binds_the_next_pronoun(extract, text: str, needle: str, title: str) -> None:
    (q,) = [q for q in extract(text) if needle in q.text]
    assert (q.speaker, q.speaker_title) == (None, title)


def test_an_unnamed_spokeswoman_still_speaks_for_her_organisation(extract):
    # (a guard on the rule above: a spokesperson of a named group is the group, not nobody)
    text = ("Activists blocked the road on Monday.\n\nA Just Stop Oil spokeswoman said she expected more "
            "arrests.\n\n\"We will not stop,\" she said.")
    assert [q.speaker for q in extract(text)] == ["Just Stop Oil"]


def test_of_two_subjects_before_the_verb_the_nearer_speaks(extract):
    # 'Speaking at a town hall in Salem, New Hampshire, Trump went after Bush, calling ...': the
    # parser made the place in the opening phrase a second subject of the verb; the name
    # right before the verb speaks, never the place
    text = ("Speaking at a hustings in Bury, Greater Manchester, Farage went after Sunak, calling him "
            "\"a total failure\".")  # British
    assert speakers(extract, text) == ["Farage"]


def test_officials_at_an_organisation_speak_for_it(extract):
    # 'Officials at Homeland Security Investigations, a division of ..., said': several unnamed
    # officials of a named organisation speak for it, as 'a Home Office spokesman' does
    text = "Officials at the Home Office said the scheme was \"working as intended\"."  # British
    (q,) = extract(text)
    assert (q.speaker, q.speaker_title) == ("Home Office", "Officials")
    text = ("Officials with the Canada Border Services Agency, which polices the crossings, said the "
            "delays were \"temporary and regrettable.\"")  # Canadian
    assert speakers(extract, text) == ["Canada Border Services Agency"]
    # officials of nothing named are nobody
    assert speakers(extract, "Officials at the hospital said the patient was \"in stable condition\".") == [None]


def test_a_statement_issued_in_a_participle_clause_speaks_for_the_clause_subject(extract):
    # 'Mr. Sanders showed no sign of backing down, releasing a statement that, while condemning
    # violence, accused ...': the participle that issued the statement has the main clause's
    # subject (and a 'that' the parser hung as a modifier still stands for the statement)
    text = "Mr Farage refused to apologise, issuing a statement that accused the BBC of \"shameful bias\"."  # British
    assert speakers(extract, text) == ["Farage"]
    text = ("Premier Scott Moe showed no sign of backing down on Monday, releasing a statement that, while "
            "condemning the violence, accused Ottawa of \"a direct attack on Saskatchewan jobs.\"")  # Canadian
    assert speakers(extract, text) == ["Scott Moe"]


def test_a_titled_subject_after_an_opening_phrase_is_the_next_she(extract):
    # 'In a statement issued Tuesday morning, presidential nominee Hillary Clinton was more
    # circumspect ... Though she called ... "outrageous"': a subject after an opening phrase and
    # words that only title her is a sentence subject, so she is Clinton, not a man quoted before
    text = ("\u201cThis budget is a disgrace,\u201d Jeremy Corbyn said.\n\n"
            "In a statement issued on Tuesday morning, deputy leader Angela Rayner was more cautious than her "
            "colleagues. Though she called the plan \u201ca betrayal of working families\u201d, Rayner stopped short "
            "of calling for a vote.")  # British
    assert speakers(extract, text) == ["Jeremy Corbyn", "Angela Rayner"]


def test_a_quote_naming_someones_words_is_theirs(extract):
    # 'Obama's "if you like your plan, you can keep it" promise': a quote between a name's
    # possessive and a noun for someone's words (pledge, mantra, vow, slogan) is that name's,
    # whoever the sentence around it is about
    cases = [
        ("Voters remembered Boris Johnson\u2019s \u201cget Brexit done\u201d pledge at the ballot box.", "Boris Johnson"),  # British
        ("Critics mocked Justin Trudeau\u2019s \u201csunny ways\u201d mantra after the vote.", "Justin Trudeau"),  # Canadian
        ("Analysts said Tayyip Erdogan\u2019s \u201cwe will not bow to pressure\u201d vow had rattled markets.",
         "Tayyip Erdogan"),  # agency
    ]
    for text, name in cases:
        assert speakers(extract, text) == [name], text
    # a place's slogan, or a quote before any other noun, is no one's words
    assert speakers(extract, "Critics mocked the Labour government\u2019s \u201cvery long\u201d list after the vote.") != ["Labour"]


def test_a_dash_label_ending_its_sentence_inside_a_paragraph(extract):
    # '"..." - Sanders. Sanders exaggerates ...': a fact-check's label after the quote, with the
    # paragraph going on (text whose paragraph breaks were lost); a full stop ends the label
    text = ("The claims, checked. \"We have built forty new hospitals.\" \u2013 Johnson. Johnson overstates the "
            "figure: six are being built. \"Labour will raise taxes on every family.\" \u2013 Sunak. Sunak relies on "
            "a costing that Labour disputes.")  # British
    assert speakers(extract, text) == ["Johnson", "Sunak"]


def test_a_quote_in_an_adverbial_clause_with_its_own_subject_is_that_subjects(extract):
    # 'as Trump went on about "how the system is rigged," Melanie said yes': the quote sits in an
    # 'as'/'while' clause with a subject and verb of its own, so the cue of the main clause
    # does not report it
    text = "As Mr Johnson went on about \u201ca world-beating test and trace system\u201d, Ms Sturgeon said nothing."  # British
    assert speakers(extract, text) == ["Johnson"]
    text = ("While Premier Doug Ford went on about \u201cgetting it done for the people,\u201d opposition leader "
            "Marit Stiles told reporters the plan was a mess.")  # Canadian
    assert speakers(extract, text) == ["Doug Ford"]
    # a clause whose verb is a cue keeps its own attribution
    text = "As Mr Johnson called the plan \u201ca world-beating system\u201d, Ms Sturgeon said nothing."
    assert speakers(extract, text) == ["Johnson"]


def test_continue_with_an_object_is_no_cue(extract):
    # 'he would not continue President George W. Bush's policy of allowing "no daylight"':
    # 'continue' with an object goes on with a thing, it does not speak ('"...," he continued')
    text = ("Labour MP Jane Roe said ministers had told councils that they would continue the policy of "
            "\u201cmanaged decline\u201d in the north.")  # British
    (q,) = extract(text)
    assert (q.speaker, q.cue) == ("Jane Roe", "said")
    (q,) = extract("\u201cWe will keep going,\u201d Premier Wab Kinew continued.")  # Canadian
    assert (q.speaker, q.cue) == ("Wab Kinew", "continued")


def test_a_contraction_is_no_word_of_a_name(extract):
    # 'If You’re Not Voting for Trump, You’re Voting for Hillary.' then 'I wrote in "..."': the
    # headline's capitalised words are no one the writer's I could stand for
    text = ("If You\u2019re Not Voting for Labour, You\u2019re Voting for the Tories.\n\n"
            "I wrote in \u201cScreaming Lord Sutch\u201d on my first ballot in 1992, and I regret it.")  # British
    assert speakers(extract, text) == [None]


def test_a_spokesman_named_in_apposition_is_the_next_he(extract):
    # British business copy: the description's apposition names him ('Dr Vancheshwar')
    text = ("The minister met the families.\n\nA government spokesman, Dr Vancheshwar, said he expected "
            "growth.\n\n\"The figures are good,\" he said.")
    assert [q.speaker for q in extract(text)] == ["Dr Vancheshwar"]


def test_a_participle_of_a_name_introduces_the_quote_after_its_comma(extract):
    # 'The spot concludes with footage of Trump saying during the debate last week, "..."':
    # the parser hung the quote from the outer cue ('concludes'), whose subject is the spot
    text = ("The BBC report concludes with footage of Mr Johnson saying in Downing Street last year, "
            "\u201cWe will get Brexit done.\u201d")  # British
    assert speakers(extract, text) == ["Johnson"]
    text = ("The Canadian Press story concludes with a clip of Premier Doug Ford saying on Monday, "
            "\u201cWe are open for business.\u201d")  # Canadian
    assert speakers(extract, text) == ["Doug Ford"]


def test_a_quote_in_dashes_after_a_name_is_that_persons(extract):
    # 'including the former presidential candidate Mitt Romney -- ''...'' -- and Fred Goldberg'
    text = ("Several Tory grandees have spoken out, among them the former chancellor George Osborne "
            "\u2013 \u201cThis is an act of economic self-harm\u201d \u2013 and Lord Heseltine.")  # British
    assert speakers(extract, text) == ["George Osborne"]
    text = ("Opposition MPs were scathing, including NDP Leader Jagmeet Singh \u2014 \"This budget leaves "
            "families behind\" \u2014 and Bloc Qu\u00e9b\u00e9cois Leader Yves-Fran\u00e7ois Blanchet.")  # Canadian
    assert speakers(extract, text) == ["Jagmeet Singh"]


def test_a_passive_label_cue_names_its_by_agent(extract):
    # 'often labeled as a "witch hunt" by Democrats': the parser hangs the 'by' from the quote,
    # not the participle, so the agent had been missed and nobody spoke
    text = "The policy was branded \u201ca disgrace\u201d by Labour leader Keir Starmer."  # British
    assert speakers(extract, text) == ["Keir Starmer"]
    text = ("The deal, described as \u201ca good day for Ontario\u201d by Premier Doug Ford, "
            "was signed on Monday.")  # Canadian
    assert speakers(extract, text) == ["Doug Ford"]


def test_a_role_noun_before_a_name_is_no_part_of_it(extract):
    # 'Prosecutor David Lee said ...' then '"...," he told the court': the he is David Lee
    text = ("John Harris, 45, of Leeds, admitted wounding with intent.\n\nJudge Mary Collins said his actions were "
            "cowardly.\n\nProsecutor David Lee said the victim still suffered nightmares.\n\n"
            "\u201cHe will carry these scars for life,\u201d he told the court.")  # British court copy
    assert speakers(extract, text) == ["David Lee"]
    text = ("Finance Minister Chrystia Freeland tabled the budget on Tuesday.\n\nEconomist Jim Stanford said the deficit "
            "was smaller than expected.\n\n\u201cIt's a responsible budget,\u201d he said.")  # Canadian
    assert speakers(extract, text) == ["Jim Stanford"]
    # Quebec's members of the National Assembly are titled as MPs are
    text = ("Quebec Premier Fran\u00e7ois Legault announced the tax on Wednesday.\n\nLiberal MNA Monsef Derraji said it "
            "would hurt families.\n\n\u201cThis government has no plan,\u201d he said.")
    assert speakers(extract, text) == ["Monsef Derraji"]


def test_a_lower_case_particle_inside_a_name_keeps_the_name_whole(extract):
    # 'Manchester United manager Erik ten Hag said ...' then '"...," he said': ten Hag, not the club
    text = ("Manchester United manager Erik ten Hag said his side deserved the win.\n\n"
            "\u201cWe were the better team,\u201d he said.")  # British sport copy
    assert speakers(extract, text) == ["Erik ten Hag"]
    text = ("Rowing Canada head coach Anna ter Horst said the crew was ready for Paris.\n\n"
            "\u201cWe have never been faster,\u201d she said.")  # Canadian (CP)
    assert speakers(extract, text) == ["Anna ter Horst"]


def test_a_given_name_shows_whom_a_he_or_she_stands_for(extract):
    # two people quoted in turn, the article showing neither's gender but by the given name:
    # the she is not the man quoted last
    text = ("Alberta Premier Danielle Smith said the province would sue Ottawa.\n\nSmith said the federal rules "
            "were unconstitutional.\n\nEnvironment Minister Steven Guilbeault said the province was wrong.\n\n"
            "\u201cThe premier is playing politics,\u201d he said.\n\n\u201cWe will see them in court,\u201d she said.")  # Canadian
    assert speakers(extract, text) == ["Steven Guilbeault", "Danielle Smith"]
    text = ("Chancellor Rachel Reeves set out the budget on Wednesday.\n\nReeves said growth would return.\n\n"
            "Shadow minister Andrew Griffith called it reckless.\n\n\u201cFamilies will pay for this,\u201d he said.\n\n"
            "\u201cWe have fixed the foundations,\u201d she said.")  # British
    assert speakers(extract, text) == ["Andrew Griffith", "Rachel Reeves"]


def test_a_dash_credit_run_into_the_next_quote(extract):
    # readers' comments run together: '"..." ― Veronica Cruz "As a young ..." ― Adriana Rodarte';
    # the credit ends where the next quote opens
    text = ("We asked readers what they thought. \u201cThe trains never run on time.\u201d \u2015 Sarah Jones, Leeds "
            "\u201cFares keep going up and nothing gets better.\u201d \u2015 Tom Brown \u201cI have given up and "
            "bought a car.\u201d \u2015 Priya Patel")  # British
    assert speakers(extract, text) == ["Sarah Jones", "Tom Brown", "Priya Patel"]
    text = ("Readers wrote in. \u201cThe carbon tax is hurting families.\u201d \u2014 Marc Tremblay \u201cWe need more "
            "transit, not less.\u201d \u2014 Jennifer Wong")  # Canadian
    assert speakers(extract, text) == ["Marc Tremblay", "Jennifer Wong"]
    # a possessive after a dash is no credit
    text = "The minister defended the plan \u2014 Mr Hunt\u2019s \u201cBig idea\u201d \u2014 on Sunday."
    assert "Hunt\u2019s" not in speakers(extract, text)


def test_a_bracket_after_the_name_is_no_part_of_it(extract):
    # initials after their expansion, which NER often ends inside the bracket ('Federation (BCTF')
    text = "The B.C. Teachers' Federation (BCTF) called the offer \u201cinsulting.\u201d"  # Canadian
    assert speakers(extract, text) == ["The B.C. Teachers' Federation"]
    text = "The Royal College of Nursing (RCN) called the pay award \u2018a slap in the face\u2019."  # British
    assert speakers(extract, text) == ["The Royal College of Nursing"]
    # later initials are the organisation the article spelled out, a dotted abbreviation included
    text = ("The B.C. Teachers' Federation (BCTF) rejected the offer.\n\n"
            "\u201cIt's a disgrace,\u201d the BCTF said in a statement.")
    assert speakers(extract, text) == ["B.C. Teachers' Federation"]
    # a party tag after a name is a person's, without the tag
    text = ("Scott's niece, state Del. Marcia Price (D-Newport News), shouted to the crowd: \u201cThe nation is "
            "watching Virginia. We have to show that we have his back.\u201d")  # US
    assert speakers(extract, text) == ["Marcia Price"]


def test_a_quoted_nickname_stays_out_of_quote_and_name(extract):
    text = ("Scott's niece, state Del. Marcia \u201cCia\u201d Price (D-Newport News), shouted to the crowd: "
            "\u201cThe nation is watching Virginia. We have to show that we have his back.\u201d")  # US
    (q,) = extract(text)
    assert (q.text, q.speaker) == ("The nation is watching Virginia. We have to show that we have his back.", "Marcia Price")
    text = "\u2018I loved every minute,\u2019 said Dwayne \u2018The Rock\u2019 Johnson."  # British
    (q,) = extract(text)
    assert q.text == "I loved every minute" and q.speaker in ("Dwayne Johnson", "Johnson")


def test_a_quote_before_a_name_is_no_part_of_its_title(extract):
    # a slogan quoted inside the words before a name: the title is what follows it
    text = ("Usability matters most, according to CSL's (\u201cCreate a Simple Life\u201d) chief marketing officer "
            "Christina Teo.\n\n\u201cWe try to replicate any desktop experience,\u201d continues Teo.")  # agency
    assert {(q.speaker, q.speaker_title) for q in extract(text)} == {("Christina Teo", "chief marketing officer")}


def test_a_service_noun_before_a_nicknamed_name_is_no_given_name(extract):
    text = ("Former CIA operative and Marine John \u201cTig\u201d Tiegen found both issues disqualifying.\n\n"
            "\u201cI don\u2019t see how anyone can trust her,\u201d Tiegen said.")  # US
    assert speakers(extract, text) == ["John Tiegen"]
    text = ("Army veteran and soldier Sarah \u2018Sal\u2019 Jones spoke at the rally.\n\n"
            "\u2018We were never told,\u2019 Jones said.")  # British
    assert speakers(extract, text) == ["Sarah Jones"]


def test_an_occupation_named_by_its_ending_stands_for_the_person_named_before(extract):
    text = ("Jane Goodall, 90, has spent six decades in Tanzania.\n\n"
            "\u201cChimps taught me patience,\u201d the primatologist said.")  # British
    assert speakers(extract, text) == ["Jane Goodall"]
    text = ("Hans Rosling gave the talk in Toronto on Tuesday. \"Data matters,\" the Swedish statistician "
            "told the audience.")  # Canadian
    assert speakers(extract, text) == ["Hans Rosling"]


def test_bare_police_is_the_police_force_the_article_named(extract):
    text = ("Halifax Regional Police said the man was arrested Saturday.\n\n"
            "\"There is no risk to the public,\" police said in a release.")  # Canadian
    assert speakers(extract, text) == ["Halifax Regional Police"]
    text = ("Thames Valley Police said a woman had been arrested.\n\n"
            "\u2018Inquiries are continuing,\u2019 police said.")  # British
    assert speakers(extract, text) == ["Thames Valley Police"]


def test_the_word_that_opens_a_sentence_is_no_title(extract):
    text = ("The Metropolitan Police said the man was arrested.\n\n"
            "\u2018There is no risk,\u2019 Police said.")  # British
    assert named(extract, text) == [("Metropolitan Police", None)]
    text = "But Senator John Smith said it was fine. \"No way,\" Smith said."  # US
    assert named(extract, text) == [("John Smith", "Senator")]


def test_an_organisation_and_a_title_before_a_name_are_the_title(extract):
    # the parser made the organisation the subject: the person after the title speaks
    cases = [
        ("\u201cEnough is enough,\u201d said Assembly of First Nations National Chief Cindy Woodhouse Nepinak.",  # Canadian
         ("Cindy Woodhouse Nepinak", "Assembly of First Nations National Chief")),
        ("\"We need a new deal,\" Union of B.C. Municipalities President Trish Mandewo said.",  # Canadian
         ("Trish Mandewo", "Union of B.C. Municipalities President")),
        ("\u2018We are at breaking point,\u2019 said Royal College of Nursing General Secretary Pat Cullen.",  # British
         ("Pat Cullen", "Royal College of Nursing General Secretary")),
        ("Reno Air Racing Association President and CEO Mike Houghton said: \"We will race again.\"",  # US
         ("Mike Houghton", "Reno Air Racing Association President and CEO")),
        # a name with particles NER ends early ('Ursula von der' + 'Leyen')
        ("\"It is a difficult situation,\" European Commission President Ursula von der Leyen said.",  # agency
         ("Ursula von der Leyen", "European Commission President")),
    ]
    for text, want in cases:
        assert named(extract, text) == [want], text


def test_a_cue_word_inside_a_title_is_part_of_the_title(extract):
    # 'State' in 'Secretary of State' is no cue ('to state') that ends the title
    for text, want in [
        ("Secretary of State Antony Blinken said: \"We stand with Ukraine.\"", ("Antony Blinken", "Secretary of State")),  # US
        ("\u201cWe will not be moved,\u201d said State Sen. Mary Jones.", ("Mary Jones", "State Sen.")),  # US
        ("\u2018It is settled,\u2019 Northern Ireland Secretary of State Hilary Benn said.",  # British
         ("Hilary Benn", "Northern Ireland Secretary of State")),
    ]:
        assert named(extract, text) == [want], text


def test_a_possessive_employer_before_a_name_is_the_title_without_the_possessive(extract):
    text = "Harvard University's Jane Roe said: \"The data are clear.\""  # US
    assert named(extract, text) == [("Jane Roe", "Harvard University")]
    text = "\u2018It was a mess,\u2019 said the University of Toronto's Amir Patel."  # Canadian
    assert [q.speaker_title for q in extract(text)] in (["University of Toronto"], [None])


def test_a_rank_written_with_a_full_stop_is_one_word_of_the_title(extract):
    # spaCy splits 'Lt.' and 'Col.' from their full stops; the parse then took the stop for
    # part of the name ('. Nadav Shoshani') or the rank for the name ('Army Capt')
    for text, want in [
        ("\u201cThe attack was unprovoked,\u201d said Lt. Col. Nadav Shoshani.", ("Nadav Shoshani", "Lt. Col.")),  # agency
        ("Det. Insp. Sarah Jones said: \u2018We are keeping an open mind.\u2019", ("Sarah Jones", "Det. Insp.")),  # British
        ("\"Stay off the ice,\" Staff Sgt. Kevin Boulet said Tuesday.", ("Kevin Boulet", "Staff Sgt.")),  # Canadian
    ]:
        assert named(extract, text) == [want], text


def test_offices_of_other_house_styles_are_titles_not_names(extract):
    for text, want in [
        ("Treasurer Jim Chalmers told ABC Radio National: \u201cInflation is moderating.\u201d",  # Australian
         ("Jim Chalmers", "Treasurer")),
        ("\"We must act,\" Auditor General Karen Hogan said.", ("Karen Hogan", "Auditor General")),  # Canadian
        ("\u2018It is a sin,\u2019 said Rabbi Jonathan Sacks.", ("Jonathan Sacks", "Rabbi")),  # British
    ]:
        assert named(extract, text) == [want], text


def test_a_surname_that_is_a_month_is_a_name_after_a_title(extract):
    # 'May' after an honorific or a title is a person, not the month of a date phrase
    assert [q.speaker for q in extract("Mrs May said the deal was \u201cthe best available\u201d.")] == ["Mrs May"]  # British
    text = "Mrs Justice May said the company had shown \u201ca shocking disregard for the environment\u201d."  # British
    assert [q.speaker for q in extract(text)] == ["Justice May"]
    text = "\"It is the best deal we could get,\" said Mr. March, the finance director."  # US
    assert [q.speaker for q in extract(text)] == ["Mr. March"]
    # and a date phrase is still no speaker
    text = "On Dec. 4, the board said: \"We are reviewing our options.\""
    assert [q.speaker for q in extract(text)] == ["the board"]


def test_a_description_set_before_a_name_is_its_title_and_can_stand_for_it(extract):
    text = ("The Toronto Police Association said the cut would hurt. Its president, Clayton Campbell, said "
            "morale was low. \"Our members are exhausted,\" Campbell said.")  # Canadian
    assert named(extract, text) == [("Clayton Campbell", "president")]
    text = ("The charity's chief executive, Hugo Tagholm, spoke first.\n\n"
            "\u2018Rivers are not open sewers,\u2019 the chief executive said.")  # British
    assert [q.speaker for q in extract(text)] == ["Hugo Tagholm"]


def test_a_form_of_address_gives_way_to_the_apposition_that_says_what_the_speaker_is(extract):
    text = "\"We are horrified,\" said Rabbi Rick Jacobs, president of the Union for Reform Judaism."  # US
    assert named(extract, text) == [("Rick Jacobs", "president of the Union for Reform Judaism")]
    text = "\u2018It is a sin,\u2019 said Rabbi Jonathan Sacks."  # British: nothing else to say
    assert named(extract, text) == [("Jonathan Sacks", "Rabbi")]


def test_a_lower_case_word_ner_took_for_a_person_is_no_name(extract):
    # NER tags 'foreperson' PERSON: a description, not a name (a handle is a name)
    assert named(extract, "\"Guilty,\" the jury foreperson said.") == [(None, "jury foreperson")]  # US
    text = "\u2018Not guilty,\u2019 the foreperson told the court."  # British
    assert [q.speaker for q in extract(text)] == [None]
    text = "@mattplanet said: \"Somebody get us one of those caps.\""
    assert [q.speaker for q in extract(text)] == ["@mattplanet"]

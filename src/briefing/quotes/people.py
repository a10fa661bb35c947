"""Stage 4, the people of one article: canonical names (the fullest form the article
gives), titles, genders, and whom a surname, a role or a pronoun stands for."""
from __future__ import annotations

import re

from briefing.nlp.places import AMBIGUOUS, CANADIAN_PROVINCES, COUNTRIES, PLACE_ABBR, US_CITIES, US_STATES, WORLD_CITIES
from briefing.quotes.spans import nicknames
from briefing.quotes.vocabulary import (
    FEMALE_GIVEN, HONORIFIC, INDIVIDUAL_NOUNS, MALE_GIVEN, KIN_NOUNS, LOCAL_GOVERNMENTS, ORG_HEADS, PARTY_LETTER, PARTY_SYNONYMS, PERSON_HEADS,
    ROLE_ABBR, TITLE_WORDS,
)

# (the capital first, then the look back at what precedes it (the text's start, a space, a
# bracket or a quote mark): a pattern that opens on a character class is scanned for, 4x faster)
_CAP_RUN = re.compile(r"([A-Z](?<![^\s(“\"][A-Z])[\w'’.-]*(?:\s+(?:[A-Z][\w'’-]*\.?|[A-Z]\.|(?:de|van|von|del|da|al|bin)\b|(?:ten|ter|der|den|dos|das|du|la|le)(?=\s+[A-Z])))*)", re.M)


_RUN_WORD = re.compile(r"\S+")
_WORD_BEFORE = re.compile(r"([A-Z][\w'’-]*)[ \t]$")  # the given name before a nickname
_WORD_AFTER = re.compile(r"[ \t]((?:[A-Z]['’])?[A-Z][\w'’-]*)")  # the surname after it
_KNIGHTED = re.compile(r"(Sir|Dame)\s+([A-Z][\w'’-]+)$")
_LISTENER_BEFORE = re.compile(r"\b(?:told|tells|telling|tell|informed|assured)\s+$")
_ROLE_COMPOUND = re.compile(r"[A-Z][a-z]+(?:-[a-z]+)+$")  # a capitalised role opening a sentence: 'Fly-half', 'Mother-of-three'
# lower-case words inside a person's name ('Ursula von der Leyen', 'Lula da Silva')
NAME_PARTICLES = frozenset("de del della di da van von der den du la le al el bin ibn ben st".split())
_POSSESSIVE_END = re.compile(r"(?<=\w)['’]s?$")


def _ends_possessive(run: str) -> bool:
    """Whether a capitalised run ends on a possessive ('Gordon Brown's')."""
    words = run.split()
    return bool(words) and bool(_POSSESSIVE_END.search(words[-1].rstrip(".,;:")))
_RUN_ABBR = frozenset("mr mrs ms dr sen rep gov gen lt col sgt capt st prof rev adm maj pres sec amb const supt insp det cpl cmdr cdr hon coun cllr".split())


def _split_run(start: int, run: str) -> list[tuple[int, str]]:
    """A capitalised run ends at a line break or a sentence end ("... said Hester.\\nMichael
    Mulgrew", "against Clinton. Marking"): only an initial or a title abbreviation keeps its dot."""
    out: list[tuple[int, str]] = []
    s = prev_end = None
    for m in _RUN_WORD.finditer(run):
        w = m.group()
        if s is not None and "\n" in run[prev_end:m.start()]:
            out.append((start + s, run[s:prev_end]))
            s = None
        if s is None:
            s = m.start()
        prev_end = m.end()
        core = w.rstrip(".")
        if w.endswith(".") and not (len(core) == 1 or "." in core or core.lower() in _RUN_ABBR):
            out.append((start + s, run[s:prev_end]))
            s = None
    if s is not None:
        out.append((start + s, run[s:prev_end]))
    return out


# words that open a sentence before a name ('Of Carson, Levine said', 'After Trump spoke'): no part of it
_RUN_OPENERS = frozenset("""the but and when as if after of for from with to by on in at about against like under
over during since before without despite among between unlike than while""".split()) | frozenset(
    # a first person opening a quoted sentence ('“How do you do? I’m Wab Kinew.”')
    w.replace("'", q) for w in "i i'm i've i'll i'd".split() for q in "'’")


def _split_after_possessor(start: int, run: str) -> list[tuple[int, str]]:
    """A name's possessive ends its run: "Tim Houston's Progressive Conservatives" holds the
    mention "Tim Houston's" (a possessive at the run's first word, "NBC’s Chuck Todd", stays)."""
    out: list[tuple[int, str]] = []
    s = 0
    for m in _RUN_WORD.finditer(run):
        if m.start() > s and _POSSESSIVE_END.search(m.group()) and m.end() < len(run):
            out.append((start + s, run[s:m.end()]))
            nxt = _RUN_WORD.search(run, m.end())
            s = nxt.start() if nxt else len(run)
    if s < len(run):
        out.append((start + s, run[s:]))
    return out


_NAME_SUFFIXES = frozenset("jr sr ii iii iv".split())
# places no one is named ('Nova Scotia can't keep up, she said'): not those as often a name ('Jordan', 'Georgia')
_PLACE_NAMES = (COUNTRIES | US_STATES | CANADIAN_PROVINCES | WORLD_CITIES | US_CITIES | {"united states", "america"}) - AMBIGUOUS


def surname(name: str) -> str:
    toks = HONORIFIC.sub("", name).split()
    while len(toks) > 1 and toks[-1].rstrip(".,").lower() in _NAME_SUFFIXES:
        toks = toks[:-1]
    return toks[-1].rstrip(".,") if toks else name


# nouns for what one person does that may open a capitalised run before the name ('Prosecutor
# David Lee', 'Economist Jim Stanford'): no part of the name
_OCCUPATION_WORDS = PERSON_HEADS - TITLE_WORDS
_HONORIFIC_NAME = re.compile(r"\b(Mr|Mrs|Ms|Miss)\.?\s+((?:[A-Z][\w'’-]+\s+){0,2}[A-Z][\w'’-]+)")
_FEMALE_WORDS = frozenset("""she her woman women spokeswoman chairwoman congresswoman businesswoman actress
mother wife daughter sister grandmother aunt niece queen princess lady mrs ms miss widow girl""".split())
_MALE_WORDS = frozenset("""he him man men spokesman chairman congressman businessman actor father husband son
brother grandfather uncle nephew king prince lord mr widower boy""".split())
PRON_GENDER = {"he": "m", "him": "m", "she": "f", "her": "f"}
_CONNECTORS = frozenset("""on in at after before when while as but and yet still also however meanwhile later
earlier since during for with without although though if because speaking asked last this then now today
yesterday from by under despite instead separately similarly indeed again so monday tuesday wednesday thursday
friday saturday sunday""".split())
# heads of a description of one person ('the Republican presidential candidate', 'the rookie
# defenceman', 'the 24-year-old') besides TITLE_WORDS and gendered nouns
PERSON_NOUNS = frozenset("""candidate nominee front-runner frontrunner incumbent challenger contender hopeful
republican democrat conservative liberal progressive independent libertarian populist
lawmaker legislator congressman congresswoman senator governor businessman businesswoman billionaire
mogul magnate tycoon developer entrepreneur investor star actor actress singer rapper comedian
author writer columnist commentator host anchor reporter journalist veteran
defenceman defenseman forward winger centre center goaltender goalie quarterback pitcher striker
midfielder defender player rookie captain coach manager skipper athlete champion
premier minister mp mpp mla msp td taoiseach tánaiste tanaiste leader chief officer inspector sergeant constable
pope cardinal archbishop bishop pastor priest rabbi imam
model presenter broadcaster pundit hitmaker rocker popstar comic chef influencer socialite wag
footballer goalkeeper keeper boxer golfer jockey cricketer batsman batter bowler sprinter swimmer
netminder blueliner blue-liner outfielder infielder catcher shortstop right-hander left-hander southpaw
newcomer native guard
""".split())
# groups, and people who speak for someone else or are anyone: never the person named before
_NOT_ONE_PERSON = frozenset("""couple family pair duo trio spokesman spokeswoman spokesperson aide adviser advisor
official officials lawyer attorney representative assistant deputy staffer source host moderator interviewer
man woman boy girl person friend neighbour neighbor resident voter supporter protester questioner caller""".split())
# people who act on the story's people rather than being them ('the judge agreed to allow him'):
# a description by them is never the last person named, unless a title tied it (by_role)
_THIRD_PARTIES = frozenset("""judge magistrate prosecutor coroner officer detective sheriff constable sergeant
inspector referee umpire doctor surgeon nurse paramedic witness suspect victim""".split())
# a '-man' or '-woman' noun names one person ('the Dutchman', 'the Kerryman', 'the clubman')
_ONE_MAN = re.compile(r"^[a-zé]{3,}(?:man|woman)$")
# so does a nationality or a provincial demonym, as sport copy writes ('the Swede', 'the Albertan')
_DEMONYMS = frozenset("""swede finn dane norwegian icelander german austrian swiss italian spaniard portuguese pole
czech slovak hungarian slovenian croat serb latvian lithuanian estonian ukrainian belarusian russian romanian
bulgarian greek turk briton brit scot american canadian mexican brazilian argentine argentinian colombian
chilean uruguayan australian aussie kiwi japanese korean chinese indian kenyan ethiopian nigerian
quebecer quebecker québécois albertan ontarian manitoban saskatchewanian newfoundlander maritimer
islander bluenoser texan californian floridian""".split())
# head nouns of an organisation a definite description may name ('the ministry said')
# (not 'group', 'organisation', 'network': 'the trade group for ...' is often another one than the named 'X Group')
ORG_DESCRIPTION_HEADS = frozenset("""ministry department council union party army police agency commission committee
authority association federation institute university bank hospital court board foundation charity
corporation refinery mill plant factory smelter mine airport college school museum library clinic
tribunal utility league club district""".split())
# offices one person holds at a time in a story's country: 'the president', 'the Taoiseach'
_ONE_HOLDER = frozenset("president taoiseach tánaiste tanaiste".split())
_NOT_THE_HOLDER = frozenset("deputy vice acting assistant".split())  # (a former one is none either)
_OUTLET_WORDS = frozenset("news times post journal press herald tribune daily weekly standard today review".split())
_PLACE_HEADS = frozenset("""hill street st road avenue ave square park hall centre center building tower towers
airport station river lake mountain mountains county city state island islands bay beach valley arena stadium
field gardens palace castle bridge harbour harbor coast falls heights plaza mall""".split())
# a subject named in apposition: 'His wife, Josée Tremblay, runs the shop', 'Trump's eldest
# daughter, Ivanka Trump, spoke' (the head noun must name a person)
_APPOSED_SUBJECT = re.compile(r"^(?:(?:his|her|their|the|a|an|[A-Z][\w.'’-]*['’]s?)\s+)?(?:[\w-]+\s+){0,3}([\w-]+),$", re.I)
_SURNAME_CUES = "said|says|told|tells|added|replied|explained|insisted"
# cues a person speaks, hardly an organisation: 'Legault answered' (NER took the surname for an
# organisation) shows a lone surname is someone quoted by it
_PERSON_ONLY_CUES = "answered|asserted|conceded|quipped|recalled|joked|admitted"
# organisation words that only ever modify an organisation's head ('the White House'): as the
# last word of a run they are a surname ('Julian White', 'Jack White'), not an organisation
_MODIFIER_ONLY_HEADS = frozenset({"white"})
# where a sentence starts: after . ? ! (a closing quote mark may follow) and a space, or a line break
_SENTENCE_END = re.compile(r"[.?!][\"”’']?\s|\n"
                           # (a closing mark, then a connector that opens sentences: a caption glued on
                           # without its full stop, '... the agreement' But Leonard Ellerbe ... disagreed';
                           # the mark after a word, looked back on once matched: every branch then opens on
                           # a character class, which the regex engine scans for, twice as fast)
                           r"|[\"”’'](?<=\w[\"”’'])\s+(?=(?:But|And|However|Yet|Meanwhile|Still|Later|Earlier|Asked)\s+[A-Z])")


def _title_phrase_before(prefix: str) -> bool:
    """'But Chief Secretary to the', 'Secretary of State for': a sentence opening with a
    capitalised title whose organisation ('Treasury', 'Health') opens the name's run."""
    words = prefix.split()
    if words and words[0].lower() in _CONNECTORS:
        words = words[1:]
    return 2 < len(words) <= 7 and words[-1] in ("of", "to", "the", "for") \
        and any(w.lower() in TITLE_WORDS and w[:1].isupper() for w in words) \
        and all(w[:1].isupper() or w in ("of", "to", "the", "for", "and") for w in words)


def _sentence_start(text: str, pos: int) -> int:
    """Offset of the start of the sentence holding ``pos``: after the last sentence end before it,
    including one closed by a quote ('... 100% portability." Cory Doctorow, ...')."""
    start = -1
    for m in _SENTENCE_END.finditer(text, max(0, pos - 600), pos + 40):  # (room for the look-ahead)
        if m.end() <= pos:
            start = m.end()
    if start < 0:
        start = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos), text.rfind("? ", 0, pos), text.rfind("! ", 0, pos)) + 1
    return start
# ('New Delhi, India (CNN) --': the agency in brackets; a name's dashed aside is no dateline)
_DATELINE_AFTER = re.compile(r"(?:,[ \t]*[A-Z][\w.]*(?:[ \t]+[A-Z][\w.]*){0,2})?[ \t]*\([^()\n]{1,30}\)[ \t]*(?:--|[—–])[ \t]")
_COREF_REACH = 1200  # characters: about two paragraphs
# a sentence opening on an organisation's name as the subject of a reporting cue (after an
# optional time phrase): 'Hydro One said on Tuesday', 'Israel's military said', 'The OPP says'
_ORG_OPENING = re.compile(r"[\s\"“‘]*(?P<name>(?:The\s+)?(?:[A-Z][\w.&'’-]*\s+){0,5}?[A-Z][\w.&-]*(?:(?:['’]s)?\s+(?P<head>[a-z]+))?)"
                          r"\s+(?:(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\s+)?"
                          r"(?:said|says|announced|confirmed|stated|warned|reported|added)\b")
_LOCATIVE = r"(?:in|from|across|throughout|near|outside|into|within|between)"  # (not 'to', 'of', 'on': 'passed to Leon Draisaitl')
# an untitled capitalised run after a locative preposition or "the" ('in Nova Scotia', 'between
# New Brunswick and Nova Scotia', 'the Chignecto Isthmus') is more likely a place than a person
_PLACE_BEFORE = re.compile(r"\b(?:" + _LOCATIVE + r"\s+(?:(?:the\s+)?(?:[A-Z][\w.'’-]*\s+){1,3}(?:and|or)\s+)?|the\s+)$")
_DEMONYM = re.compile(r"[a-z](?:ians|ans|ers|ites)$")  # 'Atlantic Canadians', 'Nova Scotians'
# title words that name an office (not its modifiers: 'former', 'deputy', 'prime', 'foreign')
_OFFICES = TITLE_WORDS - frozenset("""vice deputy foreign prime chief former acting assistant executive state
democratic republican gop u.s. us house senate hon general""".split())
# seats and party roles one holds beside an office: a premier is an MLA, a minister an MP, a leader
_HELD_WITH_OTHERS = frozenset("""mp mpp mla senator sen representative rep councillor coun cllr leader candidate
nominee member""".split())
_MONTHS = frozenset("january february march april may june july august september october november december".split())
# descriptions anyone may fit, or that relate to someone rather than name them ('the resident',
# 'the rival'): they stand for a person named before only when the article gave that person the word
_ANYONE_NOUNS = frozenset("""member ally rival opponent colleague partner relative donor critic observer insider
caller viewer listener reader attendee participant volunteer customer employee worker owner""".split())
# occupations among PERSON_HEADS that describe one person as a title does ('the diplomat')
_OCCUPATIONS = frozenset("""diplomat surgeon neurosurgeon physician economist scientist researcher historian
politician consultant pollster strategist designer spymaster negotiator""".split())
# occupations named by their ending, beyond any list ('the primatologist', 'the statistician',
# 'the choreographer'): one person of that trade, as _OCCUPATIONS are
_OCCUPATION_ENDING = re.compile(r"^[a-z]{3,}(?:ologist|ist|ician|grapher|preneur)$")
_NOT_OCCUPATIONS = frozenset("""checklist playlist shortlist wishlist blacklist whitelist setlist tracklist waitlist
twist wrist assist exist insist persist resist consist desist subsist""".split())


def is_occupation(noun: str) -> bool:
    """Whether a lower-case noun names a trade by its ending ('-ologist', '-ician', ...)."""
    return _OCCUPATION_ENDING.match(noun) is not None and noun not in _NOT_OCCUPATIONS


# verbs of a person noun: 'X hosts the show' makes X 'the host'
_VERB_NOUNS = {"host": "host", "coach": "coach", "anchor": "anchor", "chair": "chair", "captain": "captain",
               "farm": "farmer", "teach": "teacher", "manag": "manager", "own": "owner", "direct": "director",
               "edit": "editor", "found": "founder", "represent": "representative", "train": "trainer",
               "present": "presenter", "produc": "producer", "design": "designer", "preach": "preacher",
               "referee": "referee", "umpire": "umpire", "judg": "judge", "nurs": "nurse"}
_AGE = re.compile(r"\b(\d{1,3})-year-old\b")
# fields of work a description's head places one in: a senator is no defenceman, a winger no MP
_FIELD = {w: f for f, ws in (
    ("sport", """defenceman defenseman forward winger goaltender goalie quarterback pitcher striker midfielder
defender player rookie coach skipper athlete footballer goalkeeper keeper boxer golfer jockey cricketer batsman
batter bowler sprinter swimmer netminder blueliner blue-liner outfielder infielder catcher shortstop right-hander
left-hander southpaw"""),
    ("politics", """president senator governor premier minister mp mpp mla msp td taoiseach tánaiste tanaiste mayor
councillor lawmaker legislator congressman congresswoman representative republican democrat liberal tory
conservative politician nominee chancellor"""),
    ("media", """actor actress singer rapper comedian anchor presenter broadcaster columnist journalist reporter
model chef"""),
) for w in ws.split()}
# a name a preposition or a listener's cue puts off its sentence's subject (up to three words between)
_OFF_THE_SUBJECT = re.compile(r"\b(?:against|after|before|of|for|about|from|by|at|on|over|like|than|toward|towards|in|into|near|outside|across|during|"
                              r"told|tells|asked|asks)\s+(?:[\w.'’-]+\s+){0,3}$")
_LISTENER = re.compile(r"\b(?:told|tells|asked|asks)\s+(?:[a-z][\w-]*\s+){0,2}$")
_CLAUSE_VERBS = frozenset("said says told tells is was has had will would says spoke wrote added".split())
# a sentence whose subject is a he/she or a definite description of a person
_TOPIC_SUBJECT = re.compile(r"[\s\"“‘']*(?:(?:But|And|Yet|Still|Meanwhile|Then|Later|Earlier),?\s+)?"
                            r"(?:(?P<pron>He|She)\b|The\s+(?:[\w.,'’-]+\s+){0,5}?(?P<head>[\w-]+)\s+"
                            r"(?:was|is|has|had|will|would|said|says|told|added|spoke|met|arrived|went|made|took|gave|called|did)\b)")
# '..., Michael Howard has said.': the name is the subject of the reporting clause that follows it
_CUE_AFTER = re.compile(r"\s+(?:(?:has|have|had|also|later|then)\s+){0,2}(?:said|says|told|tells|added|adds|wrote|writes)\b")
_CUE_BEFORE = re.compile(r"\b(?:said|says|according to|added|wrote|asked)$")  # (not told: its object listens)


_LEAD_CUES = frozenset("stated said says added wrote continued explained asked told".split())  # 'Stated Stone:'


# (a name in French style writes only its first word with a capital: 'Société de transport de
# Laval (STL)'; _expansion keeps only a run that opens with a capital)
# (a dotted abbreviation is a word of its initials: 'B.C. Teachers' Federation (BCTF)')
_ACRONYM_AFTER = re.compile(r"((?:(?:[A-Z]\.(?:[A-Z]\.)+|[A-Z][\w'’&-]*),?\s+(?:(?:&|[a-zà-ÿ][\w'’-]*)\s+)*){1,8})\(([A-Z][A-Z&]{1,7})\)")
_LOWER_WORD = re.compile(r"[a-z](?<!\w[a-z])[a-z'’-]*\b")  # (\b[a-z]..., the letter scanned for first)
# the initials in brackets that every match of _ACRONYM_AFTER ends on: an article without them
# is not scanned (the scan tries every capitalised word, a tenth of the people table's time)
_ACRONYM_MARK = re.compile(r"\([A-Z][A-Z&]{1,7}\)")
# 'the CBSA (Canada Border Services Agency)': initials first, the expansion in brackets
_ACRONYM_BEFORE = re.compile(r"\b([A-Z][A-Z&]{1,7})\s+\(((?:[A-Z][\w'’&-]*,?\s*(?:(?:of|the|and|for|on|&|de|du|des|la|le|et)\s+)*){1,8})\)")
# lower-case words inside an organisation's name ('Assembly of First Nations'); initials skip them
SMALL_WORDS = frozenset("of the and for on & de du des la le et".split())
# the description first: 'The province's chief nursing officer, Lanette Siragusa,', 'Its
# president, Clayton Campbell,' (a determiner or possessive, a few words, the head last)
_APPOSITION_BEFORE = re.compile(r"(?<![\w’'])(?:[Tt]he|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir)[ \t]+(?P<desc>(?:[\w’'-]+[ \t]+){0,5}?[a-z][\w-]*),"
                                r"[ \t]+(?P<name>[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w'’.-]*){1,3}),")
_APPOSITION = re.compile(r"(?<![\w.’'])(?P<name>(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w'’-]*),\s+(?:a|an|the)\s+"
                         r"(?P<desc>[\w’'-]+(?:\s+[\w’'-]+){0,6}?)\s*(?=[,;]|\.\s)")


# an organisation's name set off by a description: 'The CISSS de Laval, the regional health
# board for that city,' (see People.organisation_by_apposition)
_ORG_APPOSITION = re.compile(r"(?<![\w.’'])(?P<name>(?:[A-Z][\w'’&.-]*\s+(?:(?:of|the|and|for|de|du|des|la|le|et)\s+)*){0,5}"
                             r"(?:[dl]['’])?[A-Z][\w'’&-]*),\s+the\s+(?P<desc>[\w’'-]+(?:\s+[\w’'-]+){0,8}?)\s*(?=[,;]|\.\s)")
_DESC_PREPOSITIONS = frozenset("for of in at on with from to that which who".split())
_AGE_APPOSITION = re.compile(r"(?<![\w.’'])(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){1,2}),\s+(?P<age>\d{1,3}),")


def _name_start(words: list[str]) -> int:
    """Where the name starts in a capitalised run that opens with titles: after the leading
    title words ('Sen. Ted Cruz'), or after the last title word when a portfolio or an
    organisation comes first ('Health Minister Patty Hajdu', 'Foreign Affairs Minister X')."""
    k = 0
    while k < len(words) - 1 and words[k].lower().rstrip(".,") in TITLE_WORDS:
        k += 1
    last = max((i for i, w in enumerate(words[:-1]) if w.lower().rstrip(".,") in TITLE_WORDS), default=-1)
    if last >= k and 1 <= len(words) - last - 1 <= 3 and len(words) <= 6:  # (a longer run is a headline)
        return last + 1
    return k


def _title_prefix(prefix: str) -> bool:
    """'Edmonton Oilers forward', 'Democratic presidential candidate': words before a name that
    only title it (capitalised words and title or role nouns, ending on one)."""
    words = prefix.split()
    if not words or len(words) > 6:
        return False
    low = [re.sub(r"^(?:co|vice|ex|deputy)-", "", w.lower().strip(",.")) for w in words]  # 'Tory co-chairman'
    # a title or role noun after capitalised words and title nouns ('Edmonton Oilers forward'), or
    # after plain modifiers ('Veteran anti-war campaigner', 'Long-serving parish councillor'); not
    # after a verb, a preposition or a relative word ('Speaking to councillor X', 'Sharon Murch,
    # whose daughter, X')
    if low[-1] in TITLE_WORDS | PERSON_NOUNS | PERSON_HEADS and all(
            w[:1].isupper() or lw in TITLE_WORDS | PERSON_NOUNS | PERSON_HEADS | _TITLE_MODIFIERS or "-" in lw.strip("-")
            or lw.isalpha() and lw not in _CONNECTORS | _LEADING_PREPOSITIONS | _FUNCTION_WORDS and not lw.endswith(("ing", "ed", "ly"))
            for w, lw in zip(words, low)):
        return True
    # an organisation's own role word ('NM2's co-ordinator', 'HMV manager', 'Burnley boss'):
    # capitalised words, then one lower-case noun that no function or verb form could be
    last = words[-1]
    return 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words[:-1]) and re.fullmatch(r"[a-z][a-z-]{3,}", last) is not None \
        and low[0] not in _RUN_OPENERS | _CONNECTORS | _DETERMINER_WORDS | _SPEAKER_PRONOUNS \
        and last not in _UNTITLING_WORDS and not re.search(r"(?:ed|ing|ly|s)$", last)


# lower-case words that end a phrase before a name without titling it ('Ahead of the vote Jane Roe')
# a contraction is no word of a name ('If You’re Not Voting for Trump, You’re Voting for Hillary')
_CONTRACTION = re.compile(r"['’](?:re|ll|ve|m|d)$")

_UNTITLING_WORDS = frozenset("""with from into onto upon than then when where while after before about against
among around along during since until unless though although because without within across over under
also even just only again still once here there this that these those what which whose whom
""".split())


_FUNCTION_WORDS = frozenset("to of a an his her their its our my your this that these those who whose which whom".split())


def _role_words(title: str | None) -> set[str]:
    """A title's words as a description compares them: abbreviations spelled out ('Sen.' is
    'senator'), parties by one name ('Tory' is 'conservative')."""
    words = {ROLE_ABBR.get(w.lower().strip(".,()"), w.lower().strip(".,()")) for w in (title or "").split()}
    return words | {PARTY_SYNONYMS[w] for w in words if w in PARTY_SYNONYMS}


def _without_postmodifier(words: list[str]) -> list[str]:
    """A role's words up to its title word when a place or a body follows it ('councillor
    for Margam', 'the MP for Witham', 'the member for Leeds North'): the head is the title."""
    for i in range(1, len(words) - 1):
        if words[i].lower() in ("for", "of", "from") and words[i - 1].lower().strip(".,") in TITLE_WORDS | PERSON_NOUNS \
                and words[i + 1][:1].isupper():
            return words[:i]
    return words


_TITLE_MODIFIERS = frozenset("""of the and presidential former then deputy senior top chief veteran rookie star longtime
acting interim federal provincial national party team vice""".split())


def _initials_of(word: str) -> str:
    """A word's first letter, or every letter of a dotted abbreviation ('B.C.' -> 'BC')."""
    return word.replace(".", "") if _DOTTED.fullmatch(word) else word[0]


_DOTTED = re.compile(r"(?:[A-Z]\.){2,}")


def _expansion(words: list[str], acro: str) -> str | None:
    """The shortest run of ``words`` ending at the bracket whose initials (small words
    skipped) spell ``acro``: 'Ministry of Foreign Affairs' for MFA."""
    letters = acro.replace("&", "")
    given = words
    words = [w.rstrip(",") for w in words]  # 'Immigration, Refugees and Citizenship Canada (IRCC)'
    prefixed = None
    for k in range(len(words) - 1, -1, -1):
        run = words[k:]
        if run[0].lower() in SMALL_WORDS or not run[0][:1].isupper():
            continue
        initials = "".join(_initials_of(w) for w in run if w.lower() not in SMALL_WORDS)
        # (a small word written with a capital counts too: 'Police Spies Out Of Lives (PSOOL)';
        # or with its own letter: 'Ministry of Health (MOH)')
        caps = "".join(_initials_of(w) for w in run if w.lower() not in SMALL_WORDS or w[0].isupper())
        if letters in (initials.upper(), caps, "".join(_initials_of(w) for w in run).upper()):
            return " ".join(given[k:]).rstrip(",")
        if prefixed is None and len(initials) >= 2 and len(letters) == len(initials) + 1 and letters.startswith(initials.upper()):
            # one letter more, at the end, for a place the name leaves out: 'Ministry of
            # Transportation (MTO)', Ontario's
            prefixed = " ".join(given[k:]).rstrip(",")
        if len(initials) > len(letters):
            break
    return prefixed


# An organisation's name runs on past 'of'/'for', where a capitalised run stops: 'the City
# of Winnipeg', 'Ontario Ministry of Transportation', 'Department of Fisheries and Oceans',
# 'Centre for Addiction and Mental Health' (not 'Bank of Canada Governor Tiff Macklem').
_OF_TAIL = re.compile(r"\s+(?:of|for|on)\s+(?:the\s+)?[A-Z][\w&'’-]*(?:\s+(?:and\s+)?[A-Z][\w&'’-]*)*")
# a municipality speaks by its head noun only under its 'X of Y' name ('the City of Winnipeg'):
# the local governments below a province, and counties and villages
_TOWN_HEADS = (LOCAL_GOVERNMENTS | {"county", "village"}) - {"province", "territory"}
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())


def name_tail(text: str, end: int) -> str:
    """The 'of X' / 'for X' words that continue a capitalised name ending at ``end``, or ''."""
    out = ""
    while (m := _OF_TAIL.match(text, end)) is not None:
        words = m.group().split()
        keep: list[str] = []
        for i, w in enumerate(words):
            core = _POSSESSIVE_END.sub("", w)
            if i >= 1 and w[:1].isupper() and (i >= 2 and w.lower() in TITLE_WORDS or w.lower() in _MONTHS | _WEEKDAYS):
                if w.lower() in TITLE_WORDS and i > 2:
                    return out  # ('... on American-Islamic Relations National Executive Director ...': where the
                    # name ends and the title begins is unclear; 'Bank of Canada Governor' is clear)
                break
            keep.append(core)
            if core != w:  # ('of Canada's'): a possessive ends the name
                break
        while keep and keep[-1].lower() in ("of", "for", "the", "and"):
            keep.pop()
        if len(keep) < 2:
            break
        out += " " + " ".join(keep)
        if len(keep) < len(words):
            break
        end = m.end()
    return out


# a capitalised run as ``canonical`` reads it: offset, run, its words (a name suffix and a
# possessive left off), and whether it ended on a possessive
RunEnding = tuple[int, str, list[str], bool]


class People:
    """Canonical names for one article: the fullest form the article first gives."""

    def __init__(self, text: str) -> None:
        # (a nickname quoted inside a name is blanked, offsets kept: 'Krisztina "Z" Holly' is
        # the run Krisztina Holly, named in full)
        self._nicknamed: dict[str, str] = {}  # the given name before a nickname -> the name in full
        for start, end in nicknames(text):
            text = text[:start] + " " * (end - start) + text[end:]
            given, sur = _WORD_BEFORE.search(text, max(0, start - 40), start), _WORD_AFTER.match(text, end)
            if given and sur:  # (NER, seeing the nickname, often ends the name before it: 'Chesley')
                self._nicknamed.setdefault(given.group(1), f"{given.group(1)} {sur.group(1)}")
        self.text = text
        self.known: list[tuple[str, str | None]] = []  # (full name, title) in order seen
        self._runs: list[tuple[int, str]] | None = None
        self.quoted: list[tuple[int, int]] = []  # quote spans: names inside them are not mentions
        self.learned: dict[str, str] = {}  # gender a he/she bound in its sentence showed
        self._honorific: dict[str, str] | None = None
        self._subjects: list[tuple[int, str]] | None = None
        self._acronyms: dict[str, str] | None = None
        self._described: list[tuple[int, str, str]] | None = None
        self._lower_words: frozenset[str] | None = None
        self._by_surname: dict[str, bool] = {}  # speaks_by_surname, per word
        self._tags: dict[str, set[str]] = {}  # tags_of, per surname
        self._described_subjects: list[tuple[int, str, str | None]] | None = None
        self._run_endings: tuple[dict[str, list[RunEnding]], dict[str, list[RunEnding]]] | None = None
        self._knighted_text = "Sir" in text or "Dame" in text  # (else no mention is 'Sir John')

    def runs(self) -> list[tuple[int, str]]:
        if self._runs is None:
            self._runs = []
            for m in _CAP_RUN.finditer(self.text):
                for start, run in _split_run(m.start(1), m.group(1)):
                    self._runs.extend(_split_after_possessor(start, run))
        return self._runs

    def _runs_ending_on(self, sur: str) -> tuple[list[RunEnding], list[RunEnding]]:
        """The runs of two words or more whose last word (a name suffix and a possessive left
        off) is ``sur``, those without a possessive first: where ``canonical`` looks for a
        name in full. Indexed once per article, as ``canonical`` runs for every mention."""
        if self._run_endings is None:
            self._run_endings = ({}, {})  # (runs without a possessive, runs with one)
            for pos, run in self.runs():
                words = run.split()
                while len(words) > 2 and words[-1].rstrip(".,").lower() in _NAME_SUFFIXES:
                    words = words[:-1]  # 'Joseph R. Biden Jr.' is who 'Mr. Biden' is (the suffix left off)
                if len(words) < 2:
                    continue
                last = _POSSESSIVE_END.sub("", words[-1].rstrip(".,;:"))
                possessive = last != words[-1].rstrip(".,;:")
                table = self._run_endings[1 if _ends_possessive(run) else 0]
                table.setdefault(last, []).append((pos, run, words[:-1] + [last], possessive))
        return self._run_endings[0].get(sur, []), self._run_endings[1].get(sur, [])

    def add(self, name: str, title: str | None) -> None:
        for i, (n, t) in enumerate(self.known):
            if n == name:
                if t is None and title:
                    self.known[i] = (n, title)
                return
        self.known.append((name, title))

    def canonical(self, name: str, before: int) -> tuple[str, str | None]:
        if " " not in name and self._knighted_text and (
                sir := re.search(rf"\b(Sir|Dame)\s+{re.escape(name)}\b(?!\s+[A-Z])", self.text)):
            name = f"{sir.group(1)} {name}"  # 'Sir John said', the parser leaving out the Sir
        knighted = _KNIGHTED.match(name)
        if knighted:  # 'Sir John' after 'Sir John Bourn': British style names a knight by his given name
            given = re.escape(knighted.group(2))
            fulls = [m.group(1) for m in re.finditer(rf"\b{knighted.group(1)}\s+{given}\s+([A-Z][\w'’-]+)", self.text)]
            # a possessive gives the surname too ('Defending Sir Keir Starmer’s response'), and so
            # does the name without the title ('Keir Starmer comments' in a headline)
            fulls = [f for f in fulls if not _POSSESSIVE_END.search(f)] or [_POSSESSIVE_END.sub("", f) for f in fulls] \
                or [m.group(1) for m in re.finditer(rf"(?<!{knighted.group(1)} )\b{given}\s+([A-Z][a-z][\w'’-]*)", self.text)
                    if m.group(1).lower() not in ORG_HEADS | TITLE_WORDS | _CONNECTORS | _MONTHS | _OUTLET_WORDS]
            if fulls and fulls[0]:
                return self.canonical(f"{knighted.group(2)} {_POSSESSIVE_END.sub('', fulls[0])}", before)
        bare = HONORIFIC.sub("", name).strip()
        if bare in self._nicknamed:
            return self.canonical(self._nicknamed[bare], before)  # 'Chesley' of 'Chesley "Sully" Sullenberger'
        sur = surname(bare)
        if not sur:
            return name, None
        best: tuple[str, str | None] | None = None
        given = self._given_names(bare)  # 'Jason Robinson' is not the 'Andy Robinson' seen before

        def fits(full: list[str]) -> bool:
            return given <= {w.rstrip(".,") for w in full[:-1]}

        for n, t in self.known:
            if surname(n) == sur and len(n.split()) >= len(bare.split()) and (len(n.split()) > 1 or n == bare) \
                    and fits(n.split()):
                if best is None or (len(best[0].split()) < 2 <= len(n.split())):
                    best = (n, t)
        # the first fuller mention in the article text (possibly outside any quote frame); a
        # possessive one only when no other gives the name ('Michael Howard's stance' gives
        # Howard in full, 'Bill Clinton's policies' is not who 'Mrs. Clinton' is)
        plain, possessive_runs = self._runs_ending_on(sur)
        if possessive_runs and " " not in bare and len(re.findall(
                rf"\b(?:in|across|throughout)\s+{re.escape(bare)}\b(?![’'-]|\s+[A-Z])", self.text)) >= 2:
            possessive_runs = []  # a place ('in India', 'across India'): 'Nepal India's Prime Minister' names no one
        for pos, run, words, possessive in plain + possessive_runs:
            if possessive and sur.isupper():
                continue  # (initials have no given name: 'All CNN's coverage')
            k = 0
            while k < len(words) - 1 and (words[k].lower().rstrip(".,") in TITLE_WORDS | _LEAD_CUES | _CONNECTORS | _RUN_OPENERS
                                          or (_ROLE_COMPOUND.match(words[k]) or words[k].lower() in INDIVIDUAL_NOUNS | PERSON_NOUNS | _OCCUPATION_WORDS)
                                          and (len(words) - k > 2 or "-of-" in words[k])):  # ('Mum-of-two Stacey')
                k += 1  # ('Fly-half Charlie Hodgson', 'Co-founder Jane Roe': a role, not a name)
            cand = words[k:]
            while len(cand) > 2 and cand[0].endswith(("'s", "’s")):
                cand = cand[1:]  # "NBC’s Chuck Todd": the possessor is no part of the name
            if len(cand) < 2 or not fits(cand) or any(HONORIFIC.match(w + " ") for w in cand[1:-1]):
                continue  # ('Mr. Putin', 'Mrs. Clinton’s plan', 'What Mr. Obama' say nothing of the name in full)
            lead_title = None
            if len(cand) == 3 and k == 0:  # 'Chief Secretary to the | Treasury Paul Boateng'
                before_run = self.text[_sentence_start(self.text, pos):pos].strip(" \t\n\"“”'‘’")
                if _title_phrase_before(before_run):
                    opener = before_run.split()
                    if opener[0].lower() in _CONNECTORS:
                        opener = opener[1:]
                    lead_title = " ".join(opener + [cand[0]])
                    cand = cand[1:]
            if len(cand) > 3:  # long capitalised runs carry titles or organisations
                start = _name_start(words)
                if 0 < start < len(words) - 1 and words[start - 1].lower().rstrip(".,") in TITLE_WORDS and 2 <= len(words) - start <= 3:
                    lead_title = " ".join(words[:start])  # 'Employment Minister Carla Qualtrough'
                    cand = words[start:]
                else:  # (a middle initial is no given name: 'Adm. Harry B. Harris' is Harry B. Harris)
                    cand = cand[-3:] if re.fullmatch(r"[A-Z]\.", cand[-2]) else cand[-2:]
            if cand[0] is words[0] and self._opens_sentence(pos) and (cand[0].lower() in self._lower() or re.search(
                    r"(?:ing|ly)$", cand[0]) and not self._inside_sentence(" ".join(cand[:2]))):
                continue  # 'Maybe Trump', 'A Trump rally': a sentence's first word, not a given name
            if len(cand) >= 2 and (best is None or len(best[0].split()) < 2):
                opening = words[:k]
                while opening and opening[0].lower().rstrip(".,") in _CONNECTORS | _RUN_OPENERS | _LEAD_CUES:
                    opening = opening[1:]  # (what opens the sentence is no title: 'The Metropolitan Police')
                title = lead_title or " ".join(opening) or None
                # lower-case role word right before the run: "spokesman P.J. Crowley"
                pre = self.text[max(0, pos - 60):pos].split()
                if pre and pre[-1].lower().rstrip(",") in TITLE_WORDS:
                    lead = []
                    for w in reversed(pre):
                        if w.lower().rstrip(".") in TITLE_WORDS or (w[:1].isupper() and not w.endswith((",", "."))):
                            lead.insert(0, w)
                        else:
                            break
                    title = " ".join(lead + ([title] if title else [])) or title
                best = (" ".join(cand), title)
            if possessive or best is not None and len(best[0].split()) >= 2:
                break
        if best is None:
            return bare if not name.startswith(("Mr", "Ms", "Mrs", "Dr")) else name, None
        return best

    def _given_names(self, name: str) -> set[str]:
        """The words of a name before its surname that tell namesakes apart: not a title
        ('Senator Jane Roe'), a possessor ('CNN's Jake Tapper'), a particle ('de Blasio') or a word the article also writes in
        lower case (a sentence's opener the parser took into the name: 'Like Allen')."""
        words = name.split()
        return {w.rstrip(".,") for w in words[:-1]
                if w[:1].isupper() and not _POSSESSIVE_END.search(w) and w.lower() not in NAME_PARTICLES
                and w.lower() not in self._lower() | _RUN_OPENERS | _CONNECTORS | _LEAD_CUES
                and w.lower().rstrip(".") not in TITLE_WORDS | PERSON_NOUNS | _RUN_ABBR
                and (not re.search(r"(?:ing|ed|ly)$", w) or self._inside_sentence(f"{w} {words[-1]}"))}

    def _lower(self) -> frozenset[str]:
        """Every word the article writes in lower case."""
        if self._lower_words is None:
            self._lower_words = frozenset(_LOWER_WORD.findall(self.text))
        return self._lower_words

    def _opens_sentence(self, pos: int) -> bool:
        before = self.text[max(0, pos - 3):pos].rstrip(" “\"‘'(")
        return not before or before[-1] in ".!?:\n"

    def _inside_sentence(self, phrase: str) -> bool:
        """Whether ``phrase`` occurs other than at a sentence's start ('captain Jason
        Robinson', not 'Following Sanders' at the head of a sentence)."""
        return any(not self._opens_sentence(m.start()) for m in re.finditer(re.escape(phrase), self.text))

    def last_name_before(self, pos: int) -> tuple[str | None, str | None]:
        for start, run in reversed(self.runs()):
            if start >= pos or pos - start > 600:
                continue
            words = run.split()
            if _ends_possessive(run):
                continue  # 'Gordon Brown's official spokesman declined ... He said': not Brown
            if _LISTENER_BEFORE.search(self.text[max(0, start - 20):start]) or re.fullmatch(r"[A-Z]{3,}", words[0]):
                continue  # 'He told BBC Sport:': the listener, and an outlet, is not who he is
            k = 0
            while k < len(words) - 1 and words[k].lower().rstrip(".") in TITLE_WORDS | {"the", "a", "an", "but", "and", "when", "as", "if", "after"}:
                k += 1
            cand = words[k:]
            # up to four words: 'Jorge Alberto López Amores' (two given names, two surnames)
            if 2 <= len(cand) <= 4 and all(w[0].isupper() for w in cand) and not any(
                w.lower().rstrip(".,") in ORG_HEADS | TITLE_WORDS or _CONTRACTION.search(w.rstrip(".,")) for w in cand
            ) and cand[-1].lower().strip(".,") not in _MEDIUM_WORDS | _OUTLET_WORDS | _PLACE_HEADS | _DATE_WORDS:  # ('U.S. News', 'BBC Radio', 'Super Tuesday')
                name = " ".join(cand).rstrip(".,")
                return name, self.title_of(name)
        return None, None

    def by_role(self, role: str, before: int) -> str | None:
        """The person the article last gave this role ("Gov. Chris Christie" for "the governor";
        "Councillor Rob Jones" for "the councillor for Margam": a place or a body after the
        title word does not change its head)."""
        full = role.split()
        role = " ".join(_without_postmodifier(full))
        head = role.split()[-1].lower().rstrip(".") if role.split() else ""
        if not head:
            return None
        # the role's capitalised modifiers must be in the title too: 'the Senate Democratic
        # leader' is not Ben Jealous, 'former NAACP leader'; 'the Florida senator' not 'Sen. Bernie Sanders'
        # (those after the title word as well: 'the Minister for Foreign Affairs')
        modifiers = {PARTY_SYNONYMS.get(w, w) for w in (w.lower().strip(".,") for w in full if w[:1].isupper())
                     if w != "the" and w != head}

        def has_role(titles: list[str]) -> bool:
            # ('the judge' is 'Justice Marie Tremblay': the title right before the name, so
            # not a 'Justice Department spokesman')
            return head in titles or head == "judge" and titles[-1:] == ["justice"]

        def last_mention(name: str) -> int:
            return max((m.start() for m in re.finditer(r"\b" + re.escape(surname(name)) + r"\b", self.text[:before])),
                       default=-1)

        def named(name: str) -> bool:
            # a name of two words or more, or a lone surname the article quotes as a person
            # ('President Obama ... Mr. Obama said': 'the president' is Obama)
            return len(name.split()) >= 2 or len(name.split()) == 1 and (
                self.speaks_by_surname(name) or name in {n for _, n in self.subject_mentions()})

        cands: list[tuple[int, str, bool]] = []  # (last mention before, name, modifiers fit)
        for n, t in self.known:
            words = _role_words(t) | self.tags_of(n)
            if named(n) and has_role(sorted(words)):
                # (one named only later comes last: 'the former vice president's spokeswoman
                # told POLITICO ...' a paragraph before her name)
                cands.append((last_mention(n), n, modifiers <= words))
        for start, run in self.runs():
            if start >= before:
                continue
            words = run.split()
            k = _name_start(words)
            titles = [ROLE_ABBR.get(w.lower().rstrip("."), w.lower().rstrip(".")) for w in words[:k]]
            n = " ".join(words[k:]).rstrip(".,")
            tags = self.tags_of(n) if k else set()
            if n.split()[-1].lower() in _PLACE_HEADS | ORG_HEADS:
                continue  # 'President Kennedy Road', 'Prime Minister's Office': a place or a body
            if has_role(titles + sorted(tags)) and (2 <= len(words) - k <= 3 or len(words) - k == 1 and named(n)):
                full = self.canonical(n, before)[0] if len(words) - k == 1 else n  # ('Gov. Christie': Chris Christie)
                cands.append((max(start, last_mention(n)), full, modifiers <= (_role_words(" ".join(words[:k])) | tags)))
        if not cands:
            # 'the Tánaiste said ...' a paragraph before 'Tánaiste Leo Varadkar': the one
            # person the whole article gives the title, when it names one only
            later = {" ".join(run.split()[_name_start(run.split()):]).rstrip(".,") for start, run in self.runs()
                     if start >= before and head in [ROLE_ABBR.get(w.lower().rstrip("."), w.lower().rstrip("."))
                                                     for w in run.split()[:_name_start(run.split())]]
                     and 2 <= len(run.split()) - _name_start(run.split()) <= 3}
            # (a person: a sentence's subject or quoted by surname, not 'President Obama Speech')
            subjects = {n for _, n in self.subject_mentions()}
            if len(later) != 1 or modifiers:
                return None
            (n,) = later
            return n if n in subjects or self.is_person(n, before) or self.speaks_by_surname(surname(n)) else None
        # the holder mentioned last before the description ('World Bank President Jim Yong Kim'
        # a paragraph back is not 'the president' when Obama is the subject since)
        cands.sort(key=lambda c: -c[0])
        fitting = [n for _, n, ok in cands if ok]
        found = fitting[0] if fitting else cands[0][1] if len({surname(n) for _, n, _ in cands}) == 1 \
            and not ("prime" in modifiers and not modifiers & _NOT_THE_HOLDER) else None
        # (none names the modifiers: only one person with that title is unambiguous; but 'the
        # Prime Minister' is another office than 'Labour minister X')
        if found is not None and self._other_bearer_since(head, found, before):
            return None
        return found

    def tags_of(self, name: str) -> set[str]:
        """The party and place a tag after the name gives ('Sen. Marco Rubio, R-Fla.', 'Harry
        Reid (D-Nev.)', 'Rep. Jane Doe of Ohio'), as words a description may use ('the Florida
        senator', 'the Nevada Democrat')."""
        sur = surname(name)
        if not sur:
            return set()
        if sur not in self._tags:
            words: set[str] = set()
            for m in re.finditer(rf"\b{re.escape(sur)}\b\s*(?:\(|,\s*)([RDI])-\s?([A-Z][\w.]*(?: [A-Z][\w.]*)?)\s*[),]",
                                 self.text):
                words |= set(PARTY_LETTER[m.group(1)])
                words |= set(PLACE_ABBR.get(m.group(2), PLACE_ABBR.get(m.group(2).rstrip("."), "")).lower().split())
            for m in re.finditer(rf"\b{re.escape(sur)}\s+of\s+([A-Z][\w.]*(?: [A-Z][a-z]+)?)", self.text):
                place = PLACE_ABBR.get(m.group(1)) or (m.group(1) if m.group(1) in PLACE_ABBR.values() else "")
                words |= set(place.lower().split())
            self._tags[sur] = words
        return self._tags[sur]

    def _other_bearer_since(self, head: str, name: str, before: int) -> bool:
        """Whether, after the last mention of ``name`` and before ``before``'s sentence, the
        article mentions someone else with the role ``head`` ('Theresa May's spokesman told
        reporters ... the spokesman said' is May's, not Labour's spokesman Keir Starmer)."""
        sent = max((m.end() for m in _SENT_BREAK.finditer(self.text, 0, before)), default=0)
        last = max((m.start() for m in re.finditer(r"\b" + re.escape(surname(name)) + r"\b", self.text[:sent])), default=-1)
        other = re.compile(r"(?:\b\w+['’]s|\b(?:[Aa]n?|[Aa]nother|[Oo]ne))\s+(?:[\w-]+\s+){0,2}" + re.escape(head) + r"\b", re.I)
        return any(m.start() > last for m in other.finditer(self.text, max(0, last), sent))

    def acronyms(self) -> dict[str, str]:
        """Initials the article spells out next to their expansion: 'the Ministry of Foreign
        Affairs (MFA)', 'Democratic National Committee (DNC)' -> {"MFA": "Ministry of ..."}."""
        if self._acronyms is None:
            self._acronyms = {}
            for m in _ACRONYM_AFTER.finditer(self.text) if _ACRONYM_MARK.search(self.text) else ():
                acro = m.group(2)
                expansion = _expansion(m.group(1).split(), acro)
                if expansion:
                    self._acronyms.setdefault(acro, expansion)
            for m in _ACRONYM_BEFORE.finditer(self.text):
                acro, words = m.group(1), m.group(2).split()
                if (expansion := _expansion(words, acro)) == " ".join(words).rstrip(", "):
                    self._acronyms.setdefault(acro, expansion)
        return self._acronyms

    def described(self) -> list[tuple[int, str, str]]:
        """(offset, name, description) where the article ties a description to a name:
        'Mitch McConnell, the Kentucky Republican,', 'Evan Bouchard, a rookie defenceman,'."""
        if self._described is None:
            self._described = []
            for m in _APPOSITION.finditer(self.text):
                name, desc = m.group("name"), m.group("desc").strip()
                if re.search(r"\b(?:in|of|from|at|to|for|across|near|outside)\s*$", self.text[max(0, m.start() - 12):m.start()], re.I):
                    continue  # 'in New Hampshire, a woman ...': a place, not a name in apposition
                words = name.split()
                while len(words) > 1 and words[0].lower().rstrip(".") in TITLE_WORDS | _CONNECTORS | {"the"}:
                    words = words[1:]
                if not words or any(w.lower().rstrip(".,") in ORG_HEADS | _MONTHS | _CONNECTORS for w in words):
                    continue
                if len(words) == 1 and len(self.canonical(words[0], m.start())[0].split()) < 2:
                    continue  # a lone capitalised word is a name only when the article gives it in full
                self._described.append((m.start(), self.canonical(" ".join(words), m.start())[0], desc))
            for m in _APPOSITION_BEFORE.finditer(self.text):
                name, desc = m.group("name"), m.group("desc").strip()
                head = desc.split()[-1].lower()
                if head not in TITLE_WORDS and head not in PERSON_NOUNS and not is_occupation(head) \
                        or len(name.split()) < 2 or any(w.lower().rstrip(".,") in ORG_HEADS | _MONTHS | _CONNECTORS | TITLE_WORDS
                                                        for w in name.split()):
                    continue  # (one person's office or trade, then a name in full)
                self._described.append((m.start("name"), self.canonical(name, m.start("name"))[0], desc))
            for m in _AGE_APPOSITION.finditer(self.text):  # 'Connor McDavid, 24,': 'the 24-year-old'
                name = m.group("name")
                if len(name.split()) >= 2 and not any(w.lower() in ORG_HEADS | _MONTHS | _CONNECTORS for w in name.split()):
                    self._described.append((m.start(), self.canonical(name, m.start())[0], f"{m.group('age')}-year-old"))
            self._described.sort()
        return self._described

    def by_description(self, phrase: str, before: int) -> str | None:
        """The person a definite description stands for once the article has tied it to a
        name ('the Kentucky Republican', 'the rookie defenceman'): the latest such tie
        before the quote whose description has the phrase's head noun and its other words."""
        words = [w.lower().strip(".,’'") for w in _words_of(phrase)]
        if len(words) < 2 or words[0] != "the":
            return None
        words = words[1:]
        head = words[-1]
        if head in ORG_HEADS or head in DOCUMENT_NOUNS or head.endswith("s") and not head.endswith("ss"):
            return None  # an organisation, a document or a group is no one person
        best, best_at, paired = None, -1, False
        for pos, name, desc in self.described():
            if pos >= before:
                break
            dwords = {w.lower().strip(".,’'") for w in _words_of(desc)}
            if head in dwords and all(w in dwords for w in words):
                # (two people tied to it in one breath, 'Jenna Cole, 29, and Mark Cole, 29,': either)
                paired = best is not None and name != best and re.fullmatch(
                    r"[^.;:\n]*,\s*(?:and|or|&)\s+", self.text[best_at:pos]) is not None
                best, best_at = name, pos
        return None if paired else best

    def by_coreference(self, phrase: str, before: int, spoken: list[tuple[int, str, str | None]]) -> str | None:
        """The person a definite description the article never tied to a name stands for
        ('Reid said ... Reflecting on his career, the Senate Democratic leader said'): as a
        he/she would be, the latest person quoted or named as a sentence's subject before
        it (within two paragraphs or so), whose gender agrees with the description's. Only
        a description of one person ('the ... senator', '... candidate', '... defenceman'):
        not an organisation, a document, a group, nor someone's aide ('the senior Cruz
        adviser', 'the Clinton spokesman': a known surname inside the phrase)."""
        words = _without_postmodifier(_words_of(phrase))
        low = [w.lower().strip(".,’'") for w in words]
        if len(low) < 2 or low[0] != "the":
            return None
        head = low[-1]
        if head in ORG_HEADS or head in DOCUMENT_NOUNS or head.endswith("s") and not head.endswith("ss") \
                or not (head in TITLE_WORDS or head in PERSON_NOUNS or head in PERSON_HEADS or head in _MALE_WORDS
                        or head in _FEMALE_WORDS or head.endswith("-year-old") or _ONE_MAN.match(head) or head in _DEMONYMS
                        or is_occupation(head)):
            return None
        # (a description anyone may fit, 'the host', 'the judge', 'the resident', stands for the
        # person only when the article gave them that word: see below)
        needs_evidence = head in _NOT_ONE_PERSON | _THIRD_PARTIES | _ANYONE_NOUNS \
            or head in PERSON_HEADS and not (head in TITLE_WORDS or head in PERSON_NOUNS or head in _OCCUPATIONS
                                             or head in _MALE_WORDS or head in _FEMALE_WORDS)
        known = {surname(n) for _, n, _ in spoken} | {surname(n) for n, _ in self.known}
        for w in words[1:-1]:
            w = re.sub(r"['’]s$", "", w.strip(".,’'"))
            full = self.canonical(w, before)[0] if w[:1].isupper() else ""
            if w[:1].isupper() and (w in known or len(full.split()) >= 2 and surname(full) == w
                                    and not {x.strip(".,’'") for x in full.split()} <= {x.strip(".,’'") for x in words}):
                return None  # someone's aide, spokesman, daughter: not that someone
                # (a name the phrase holds whole is a place: 'the Richmond Hill native')
        gender = "f" if set(low) & _FEMALE_WORDS else "m" if set(low) & _MALE_WORDS else None
        # someone the article gave another office is not the description ('the premier' is
        # not 'Prime Minister Justin Trudeau')
        office = head if head in _OFFICES - _HELD_WITH_OTHERS else None
        found = self.antecedent(before, gender, [x for x in spoken if before - _COREF_REACH < x[0]], office=office)
        for _ in range(3):
            if found is not None and found[0] is None:
                break  # (an unnamed person since: 'says the financial adviser' is nobody named)
            # one spoken to is no sentence's subject ('Douglas Shaw told host Sean Reilly that ...'):
            # the person before them
            at = self._mentioned_at(found[0], before) if found is not None else None
            start = at if at is None else max((st for st, _r in self.runs() if st <= at), default=at)
            if start is None or _LISTENER.search(self.text, max(0, start - 40), start) is None:
                break
            found = self.antecedent(start, gender, [x for x in spoken if x[0] < start and before - _COREF_REACH < x[0]],
                                    office=office)
        if found is None or found[0] is None:
            return None  # (nobody, or an unnamed person since: 'says the financial adviser')
        prime = low[-2:] == ["prime", "minister"] and not set(low) & _NOT_THE_HOLDER  # (not 'the deputy prime minister')
        if (prime or head in _ONE_HOLDER and not set(low) & _NOT_THE_HOLDER) \
                and not self._holds(found[0], "prime minister" if prime else head, before):
            return None  # 'the Prime Minister' is not the minister named last, unless the article says so
        fit = self.fit(found[0], low, before)
        if fit < 0 or needs_evidence and head not in self.words_for(found[0], before):
            return None  # 'the 24-year-old' is not 'Brian Kowalski, 62,'; 'the host' only one the article calls so
        at = self._mentioned_at(found[0], before)
        if not self._named_in_full(found[0], before):
            return None  # ('One floor below' is not 'Day One', named only inside a quote after it)
        if at is None or before - at > _COREF_REACH or self._someone_new(low, at, before) \
                or self._paired_with_another(found[0], at, low, fit, before):
            return None
        # the salient person must also be the last one named: with someone else named in
        # between ('Mr. Trump's ...', '... hosts Joe Scarborough and Mika Brzezinski, the
        # Democratic presidential candidate said') the description is ambiguous: nobody;
        # unless each one named since is no candidate: the article gives them what the
        # description cannot be, or names them off the subject of a sentence that goes on
        # about the salient person ('Mike Pence says ... ¶ The Republican vice presidential
        # nominee was speaking hours after Trump ... ¶ The Indiana governor said'), or only the
        # salient person fits what the description says ('the 62-year-old' after 'X, 62,')
        p = before
        while (last := self.last_person_mentioned(p, office=office)) is not None and last[0] > at \
                and not self._same_person(last[1], found[0]):
            other = self.fit(last[1], low, before)
            place = any(w.lower() in _PLACE_HEADS for w in last[1].split()[:-1])  # ('Queen Street West')
            if not (place or other < 0 or fit > 0 and other < fit or self._off_the_topic(last[0], at)):
                return None
            p = last[0]
        if last is None or last[0] < at - 1 and not self._same_person(last[1], found[0]):
            return None
        if any(w.lower() in ORG_HEADS | _MEDIUM_WORDS | _OUTLET_WORDS or len(w) > 1 and w.isupper() for w in found[0].split()):
            return None  # an organisation or an outlet ('Breitbart News', 'REVOLT TV') is no person
        return found[0]

    def _same_person(self, a: str, b: str) -> bool:
        a, b = a.rstrip(".,;:"), b.rstrip(".,;:")
        return a == b or a.endswith(" " + b) or b.endswith(" " + a)

    def _named_in_full(self, name: str, before: int) -> bool:
        """Whether the article names ``name`` (its last two words at least) outside quotes before ``before``."""
        words = name.rstrip(".,").split()
        if len(words) < 2:
            return False
        tail = re.escape(" ".join(words[-2:]))
        seen = [m.start() for m in re.finditer(rf"\b{tail}\b", self.text[:before])]
        # (named only in a quote, '"I'm Wab Kinew."', when the surname is no common word: not 'Day One')
        return any(not any(o <= p < c for o, c in self.quoted) for p in seen) \
            or bool(seen) and words[-1].lower() not in self._lower()

    def _mentioned_at(self, name: str, before: int) -> int | None:
        """Where the article last names ``name`` (its surname) outside quotes before ``before``."""
        last = re.escape(surname(name))
        found = None
        for m in re.finditer(rf"\b{last}\b", self.text[:before]):
            if not any(o <= m.start() < c for o, c in self.quoted):
                found = m.start()
        return found

    def ages_of(self, name: str, before: int) -> set[str]:
        """The ages the article gives ``name`` before ``before`` ('X, 46,', 'X, a 46-year-old
        ...,', 'the 46-year-old X')."""
        ages = {a for pos, n, desc in self.described() if pos < before and n == name for a in _AGE.findall(desc)}
        last = re.escape(surname(name))
        ages |= set(re.findall(rf"\b(\d{{1,3}})-year-old\s+(?:[a-z][\w-]*\s+){{0,3}}(?:[A-Z][\w.'’-]*\s+){{0,3}}{last}\b",
                               self.text[:before]))
        return ages

    def words_for(self, name: str, before: int) -> set[str]:
        """The words of the titles and descriptions the article gives ``name`` before ``before``."""
        text = " ".join([self.title_of(name) or "", self.canonical(name, before)[1] or ""]
                        + [d for pos, n, d in self.described() if pos < before and n == name])
        words = {ROLE_ABBR.get(w, w) for w in re.findall(r"[a-z][\w-]*", text.lower())}
        # ('Jian Ferreira hosts the morning show', 'Dale Hunter, who coaches the Knights': the
        # verb of a person noun)
        for m in re.finditer(rf"\b{re.escape(surname(name))}(?:,\s+who)?\s+(?:also\s+|now\s+|still\s+)?([a-z]+?)e?(?:s|d)\b",
                             self.text[:before]):
            if m.group(1) in _VERB_NOUNS:
                words.add(_VERB_NOUNS[m.group(1)])
        return words

    def fit(self, name: str, low: list[str], before: int) -> int:
        """How a definite description's words (``low``, lower case, 'the' first) fit what the
        article says of ``name``: −1 it cannot be them (another age; a field of work the
        article's titles for them rule out: 'the rookie defenceman' is no senator), +1 the
        article gave them the description's age or head word, 0 nothing either way."""
        head = low[-1]
        ages = self.ages_of(name, before)
        age = next((a for w in low for a in _AGE.findall(w)), None)
        if age is not None and ages:
            return 1 if age in ages else -1
        words = self.words_for(name, before)
        field = _FIELD.get(head)
        if field is not None:
            fields = {_FIELD[w] for w in words if w in _FIELD}
            if fields and field not in fields:
                return -1
        if head in words:
            return 1
        return 0

    def _someone_new(self, low: list[str], at: int, before: int) -> bool:
        """Whether, between ``at`` and ``before``, the article brings in someone unnamed the
        description fits ('..., a 46-year-old woman said ... "...," the 46-year-old said')."""
        head = re.escape(low[-1])
        # (or someone's: 'Theresa May's spokesman told reporters ... the spokesman said', 'his coach')
        for m in re.compile(rf"\b(?:[Aa]n?|[Aa]nother|[Oo]ne|[Hh]is|[Hh]er|[Tt]heir|[A-Z][\w.-]*['’]s?)\s+(?:[\w,'’-]+\s+){{0,4}}?{head}\b"
                            ).finditer(self.text, at, before):
            rest = re.split(r"[,.;:]", self.text[m.end():m.end() + 80])[0].split()
            apposed = re.search(r"[A-Z][\w.'’-]*,\s*$", self.text[max(0, m.start() - 40):m.start()]) \
                and len(rest) <= 4 and not set(rest) & _CLAUSE_VERBS
            if not apposed:
                return True  # (not a description set off after a name: 'Tessa Lambert, a former model,')
        return False

    def _paired_with_another(self, name: str, at: int, low: list[str], fit: int, before: int) -> bool:
        """Whether ``name``'s mention at ``at`` is joined by 'and' to another person's, who fits
        the description as well ('Coach Dave Tremblay and goaltender Marc Lefebvre both spoke')."""
        end = at + len(surname(name))
        around = self.text[max(0, at - 120):end + 120]
        off = at - max(0, at - 120)
        pair = re.compile(r"(?:[A-Z][\w.'’-]*\s+){1,3}[A-Z][\w'’-]+\s*(?:,\s*\d{1,3}\s*)?,?\s+(?:and|or|&)\s+(?:[a-z][\w-]*\s+){0,3}"
                          r"(?:[A-Z][\w.'’-]*\s+){1,3}[A-Z][\w'’-]+")
        for m in pair.finditer(around):
            if m.start() <= off < m.end():
                names = re.split(r"\s*(?:,\s*\d{1,3}\s*)?,?\s+(?:and|or|&)\s+", m.group(0))
                others = [n for n in names if not self._same_person(" ".join(w for w in n.split() if w[:1].isupper()), name)]
                for o in others:
                    o = " ".join(w for w in o.split() if w[:1].isupper())
                    if len(o.split()) >= 2 and not any(w.lower() in ORG_HEADS | _PLACE_HEADS for w in o.split()) \
                            and self.fit(o, low, before) >= fit:
                        return True
        return False

    def _off_the_topic(self, pos: int, at: int) -> bool:
        """Whether a name at ``pos`` stands off the subject of a sentence after ``at`` whose
        subject is a he/she or a definite description of a person ('The Republican vice
        presidential nominee was speaking hours after Trump unleashed ...')."""
        s = _sentence_start(self.text, pos)
        if s <= at:
            # the salient person's own sentence, which they open as its subject ('Mike Pence
            # says too much is made of Donald Trump's tweets'): a possessor after them is off it,
            # and so is one they speak to or act on through a preposition ('went on offense
            # against Republican front-runner Donald Trump', 'told host Sean Hannity'); not an
            # object or a recipient ('Hillary Clinton met Joe Biden', 'McDavid passed to Leon
            # Draisaitl' leave 'the former senator', 'the rookie defenceman' to either)
            run = next((r for st, r in self.runs() if st == pos), "")
            return s >= _sentence_start(self.text, at) and re.fullmatch(
                r"[\s\"“‘']*(?:[A-Z][\w.'’-]*\s+){0,5}", self.text[s:at]) is not None and at < pos \
                and (_ends_possessive(run) or _OFF_THE_SUBJECT.search(self.text, max(at, pos - 60), pos) is not None)
        m = _TOPIC_SUBJECT.match(self.text, s, pos)
        return m is not None and (m.group("pron") is not None or m.group("head").lower() in TITLE_WORDS | PERSON_NOUNS | PERSON_HEADS)

    def _holds(self, name: str, office: str, pos: int) -> bool:
        """Whether the article gives ``name`` a title with ``office`` in it ('Prime Minister Keir Starmer')."""
        full, t = self.canonical(name, pos)
        titles = f"{self.title_of(full) or ''} {self.title_of(name) or ''} {t or ''}".lower()
        return office in titles

    def offices_of(self, name: str, pos: int) -> set[str]:
        """The offices ('premier', 'minister', 'mayor') of the titles the article gives ``name``."""
        full, t = self.canonical(name, pos)
        if " " in name and full.rstrip(".,") != name.rstrip(".,"):
            full, t = name, None  # (another person with the surname: 'Andrew' is not 'Rev. Jesse Jackson')
        words = f"{self.title_of(full) or ''} {self.title_of(name) or ''} {t or ''}".split()
        return {ROLE_ABBR.get(w.lower().rstrip(".,"), w.lower().rstrip(".,")) for w in words} & _OFFICES - _HELD_WITH_OTHERS

    def other_office(self, name: str, office: str | None, pos: int) -> bool:
        """Whether the article gives ``name`` offices and ``office`` is none of them."""
        return office is not None and bool(offices := self.offices_of(name, pos)) and office not in offices

    def last_person_mentioned(self, before: int, office: str | None = None) -> tuple[int, str] | None:
        """(offset, full name) of the last person named outside quotes before ``before``:
        a capitalised run whose last word (a possessive's too) is the surname of someone the
        article names in full (not someone the article gives offices other than ``office``)."""
        for start, run in reversed(self.runs()):
            if start >= before or any(o <= start < c for o, c in self.quoted):
                continue
            last = re.sub(r"(?:['’]s?)$", "", run.split()[-1].rstrip(".,;:"))
            if not last[:1].isupper() or last.lower() in ORG_HEADS | TITLE_WORDS | _MONTHS | _CONNECTORS | _PLACE_HEADS:
                continue  # ('Parliament Hill', 'Downing Street': places, not people)
            words = [w.rstrip(".,;:") for w in run.split()]
            if words[0] == "The" and len(words) > 1 and words[1].lower().rstrip(".") not in TITLE_WORDS:
                continue  # ('The Oilers', 'The Liberals': no person)
            while len(words) > 1 and words[0].lower().rstrip(".") in TITLE_WORDS | _CONNECTORS | {"the", "mr", "mrs", "ms", "dr"} \
                    or len(words) > 2 and words[0].lower() in PERSON_NOUNS:  # ('Goalie Sam Montembeault made 30 saves')
                words = words[1:]
            if len(words) - _name_start(words) >= 2:
                words = words[_name_start(words):]  # 'Manitoba Premier Wab Kinew': the name after the title
            words[-1] = last
            # a full name as given ('Laura Bush' is not 'Jeb Bush'), a lone surname as the table has it
            full = " ".join(words) if 2 <= len(words) <= 4 else self.canonical(last, start)[0]
            if len(full.split()) >= 2 and surname(full) == last:
                if self.other_office(full.rstrip(".,;:"), office, start):
                    continue
                if len(words) >= 2 and words == [w.rstrip(".,;:") for w in run.split()] and (
                        _PLACE_BEFORE.search(self.text, max(0, start - 80), start) or _DEMONYM.search(words[-1])) \
                        and not self.is_person(full, start):
                    continue  # 'between New Brunswick and Nova Scotia', 'on Atlantic Canadians': a place, a people
                return start, self.canonical(full, start)[0] if len(words) < 2 else full
        return None

    def _titled_person_in_sentence(self, at: int, before: int) -> tuple[str, str | None] | None:
        """The one person a sentence names with a title and a full name ('Finance Minister Bill
        Morneau'), in the sentence that holds ``at`` and before ``before``."""
        start = _sentence_start(self.text, at)
        end = min([m.start() for m in _SENT_BREAK.finditer(self.text, at, before)] + [before])
        found = set()
        for s, run in self.runs():
            if start <= s < end and s != at:
                words = run.split()
                k = _name_start(words)
                if 0 < k and words[k - 1].lower().rstrip(".,") in TITLE_WORDS and 2 <= len(words) - k <= 3:
                    found.add((" ".join(words[k:]).rstrip(".,"), " ".join(words[:k])))
        return found.pop() if len(found) == 1 else None

    def _not_a_name(self, name: str) -> bool:
        """A capitalised run that is no one's name: a state or province ('Nova Scotia'), or
        words the article also writes in lower case, every one ('Go Public', CBC's consumer
        segment: 'go', 'public')."""
        words = [w.strip(".,") for w in name.split()]
        if name.lower() in _PLACE_NAMES:
            return True
        if self.learned.get(name) or self._honorific_of(surname(name)) is not None:
            return False  # (a he/she bound to it, or 'Ms. Rose', say otherwise)
        return len(words) >= 2 and all(w.lower() in self._lower() for w in words)

    def is_person(self, name: str, pos: int) -> bool:
        """Whether the article shows ``name`` is a person: quoted as one, a gender shown
        (Mr./Ms., a he/she bound to it), or a two- or three-word name whose surname alone
        names a sentence's subject ('Sanders said')."""
        words = name.split()
        if not words or any(w.lower() in ORG_HEADS for w in words):
            return False
        full = self.canonical(name, pos)[0]
        if any(n == full or (len(words) == 1 and surname(n) == name) for n, _ in self.known):
            return True
        if len(full.split()) >= 2 and self.gender_of(full) is not None:
            return True
        return 2 <= len(words) <= 3 and any(n == words[-1] for _, n in self.subject_mentions())

    def _honorific_of(self, surname_: str) -> str | None:
        """'m' or 'f' when the article writes only Mr. or only Mrs./Ms. before this surname, else None."""
        if self._honorific is None:
            seen: dict[str, set[str]] = {}
            for m in _HONORIFIC_NAME.finditer(self.text):
                seen.setdefault(m.group(2).split()[-1], set()).add("m" if m.group(1) == "Mr" else "f")
            self._honorific = {k: next(iter(v)) for k, v in seen.items() if len(v) == 1}
        return self._honorific.get(surname_)

    def gender_of(self, name: str | None) -> str | None:
        """'m', 'f' or None: from what the article shows (Mr./Mrs./Ms. before the surname,
        a gendered title word, a he/she the same sentence bound to the name)."""
        if not name:
            return None
        if name in self.learned:
            return self.learned[name]
        g = self._honorific_of(surname(name))
        if g:
            return g
        words = set(re.findall(r"[a-z]+", (self.title_of(name) or "").lower()))
        return "f" if words & _FEMALE_WORDS else "m" if words & _MALE_WORDS else None

    def pronoun_gender(self, name: str | None) -> str | None:
        """``gender_of``, or else what the given name of a full name shows ('Danielle Smith',
        'Doug Ford'): only to tell whom a he/she stands for, never whether a run is a person."""
        g = self.gender_of(name)
        parts = (name or "").split()
        if g is None and len(parts) >= 2:
            given = parts[0].lower().rstrip(".,")
            g = "f" if given in FEMALE_GIVEN else "m" if given in MALE_GIVEN else None
        return g

    def subject_mentions(self) -> list[tuple[int, str]]:
        """Names outside quotes (a full name, or a lone surname: ``antecedent`` keeps it only when
        the article gives it in full) where a sentence names its subject: at the sentence
        start (after an introductory phrase at most) or right after a cue ("said Jane Roe").
        An appositive or possessive mention ("Sharon Murch, whose daughter, Michaela
        Garecht, ...") is not one."""
        if self._subjects is None:
            self._subjects = []
            for start, run in self.runs():
                if any(o <= start < c for o, c in self.quoted):
                    continue
                words = run.split()
                if words[0] == "The" and len(words) > 1 and words[1].lower().rstrip(".,") not in TITLE_WORDS:
                    continue  # 'The Oilers play Calgary': a team, a party, a band; no person takes 'the'
                if words[0].lower() in _DETERMINER_WORDS_BUT_THE:
                    continue  # 'Another Scotiabank adviser says', 'One Liberal MP said': a description
                k = 0
                while k < len(words) - 1 and words[k].lower().rstrip(".,") in _SUBJECT_LEAD_WORDS:
                    k += 1
                if len(words) - k > 3:  # 'Health Minister Patty Hajdu': the name after the last title word
                    k = max(k, _name_start(words))
                if len(words) - k == 3 and words[k].lower().rstrip(".,") in PERSON_HEADS | PERSON_NOUNS \
                        and words[k + 1][:1].isupper() and words[k + 1].lower() not in ORG_HEADS:
                    k += 1  # 'Prosecutor David Lee said', 'Economist Jim Stanford said': the name after the noun
                cand = [w.rstrip(".,") for w in words[k:]]
                prefix = self.text[_sentence_start(self.text, start):start].strip(" \t\n\"“”'‘’")
                of_title = _title_phrase_before(prefix) and len(cand) == 3
                if of_title:  # 'Chief Secretary to the | Treasury Paul Boateng': the run ends the title
                    cand = cand[1:]
                if not 1 <= len(cand) <= 3 or words[-1].endswith(("'s", "’s", "s'", "s’")) or any(
                        w.lower() in (_NOT_A_NAME_LAST if i == len(cand) - 1 else _NOT_A_NAME_WORD)
                        for i, w in enumerate(cand)):
                    continue
                if _DATELINE_AFTER.match(self.text, start + len(run)) or run.isupper() and len(run) > 3 \
                        and re.match(r",?[ \t]*(?:--|[—–])", self.text[start + len(run):start + len(run) + 4]):
                    continue  # 'New Delhi, India (CNN) -- As the earth shook': a dateline, no subject
                after = self.text[start + len(run):start + len(run) + 30].split()
                if after and after[0].lower() in _TITLE_OR_PERSON_NOUN and after[0][:1].islower():
                    continue  # 'Edmonton Oilers forward Zach Hyman': a team before a title, not a subject
                prefix_words = prefix.split() or [""]  # (a prefix of only a no-break space splits to nothing)
                first = prefix_words[0].lower().strip(",")
                apposed = _APPOSED_SUBJECT.match(prefix)
                if apposed and apposed.group(1).lower() not in _PERSON_WORDS:
                    apposed = None
                # ('..., Michael Howard has said.'; not 'a fellow at the Brookings Institution said',
                # 'the hall of mirrors that is Trump World told me')
                cue_after = _CUE_AFTER.match(self.text, start + len(run)) and (
                    not prefix or prefix.endswith(",") or prefix_words[-1].lower() in ("and", "but"))
                # ('In a statement issued on Tuesday, deputy leader Angela Rayner was ...': an
                # introductory phrase, then words that only title the name)
                titled_after_intro = first in _CONNECTORS and prefix.count(",") == 1 and _title_prefix(prefix.rsplit(",", 1)[1])
                if not prefix or prefix.endswith(",") and first in _CONNECTORS or prefix.lower() in _CONNECTORS \
                        or _CUE_BEFORE.search(prefix) or _title_prefix(prefix) or apposed or cue_after or of_title \
                        or titled_after_intro:
                    self._subjects.append((start, " ".join(cand)))
                kin_given = apposed and len(cand) == 1 and apposed.group(1).lower() in KIN_NOUNS \
                    and self.text.startswith(",", start + len(run.rstrip(",")))
                if apposed and (len(cand) >= 2 or kin_given):  # 'His wife, Josée Tremblay,': she
                    # ('April's mother, Coral,': a relative set off by a lone given name, a person)
                    head = apposed.group(1).lower()
                    g = "f" if head in _FEMALE_WORDS else "m" if head in _MALE_WORDS else None
                    if g:
                        self.learned.setdefault(" ".join(cand), g)
        return self._subjects

    def organisation_before(self, pos: int) -> str | None:
        """The organisation an 'it' that speaks stands for: the latest name before ``pos``
        (within two paragraphs or so) that the article shows is no person: the subject of a
        cue with a 'which' clause between, or an 'it' as the subject of its own cue ('Extinction Rebellion, which is
        protesting ..., said it would leave the site', 'Harbour Rail said it had ...')."""
        for start, run in reversed(self.runs()):
            if start >= pos or any(o <= start < c for o, c in self.quoted):
                continue
            if pos - start > _COREF_REACH:
                break
            name = run.rstrip(".,;:")
            words = name.split()
            if not words or words[0].lower() in _CONNECTORS | _DETERMINER_WORDS | _SPEAKER_PRONOUNS | _MONTHS:
                continue
            n = re.escape(name)
            if re.search(rf"\b{n},\s+which\b[^.;]*?,\s+(?:{_SURNAME_CUES}|announced|vowed|warned)\b"
                         rf"|\b{n}\s+(?:{_SURNAME_CUES}|announced|vowed|warned)\s+(?:that\s+)?it\b", self.text) \
                    and not self.is_person(name, start) and self.gender_of(name) is None:
                return self.canonical(name, start)[0]
        return None

    def organisation_opening_sentence_before(self, pos: int) -> str | None:
        """The organisation an 'it' that speaks stands for when the sentence before the quote's
        opens on it as the subject of a reporting cue ('Hydro One said on Tuesday that crews
        were working. "...," it said.', 'Israel's military said ...'): a capitalised name (with
        an organisation noun after a possessive) that the article never shows is a person."""
        own = _sentence_start(self.text, pos)
        if own <= 0:
            return None
        k = own - 1
        while k > 0 and self.text[k].isspace():
            k -= 1
        prev = _sentence_start(self.text, k)
        m = _ORG_OPENING.match(self.text, prev, own)
        if m is None:
            return None
        name = m.group("name").strip()
        if m.group("head") and m.group("head") not in ORG_HEADS:
            return None  # ('Smith's lawyer said', 'The Liberal leader said': no organisation)
        bare = name[4:] if name.startswith("The ") else name
        words = bare.split()
        if not words or words[0].lower() in _CONNECTORS | _DETERMINER_WORDS | _SPEAKER_PRONOUNS | _MONTHS:
            return None
        if any(w.lower().rstrip(".") in TITLE_WORDS for w in words) and not any(w.lower() in ORG_HEADS for w in words):
            return None  # ('Premier Scott Moe said': a person, whom no 'it' stands for)
        if self.is_person(bare, prev) or self.gender_of(bare) is not None or self.gender_of(surname(bare)) is not None \
                or any(surname(n) == surname(bare) for n, _ in self.known if len(n.split()) >= 2):
            return None
        if m.group("head"):  # a description: 'the Israeli military', 'the military', 'Israel's military'
            return "the " + bare if name.startswith("The ") else bare
        return self.canonical(bare, prev)[0]

    def organisation_by_apposition(self, phrase: str, pos: int) -> str | None:
        """The organisation a definite description stands for once the article has set that
        description off after its name ('the health board' after 'The CISSS de Laval, the
        regional health board for that city,', 'the health authority' after 'The CIUSSS de
        l'Estrie, the regional health authority,'): the latest such name before ``pos``
        whose description ('the ...', up to a preposition) ends in the phrase's head noun and
        has its other words (at least one). Only organisation heads; never a name the article
        gives a he or she."""
        words = [w.lower().strip(".,’'") for w in _words_of(phrase)]
        if not 3 <= len(words) <= 4 or words[0] != "the" or any(not w.islower() for w in phrase.split()[1:]):
            return None  # (a bare 'the company' is too loose: 'Wealth-X, a private company, ... The company says')
        head, rest = words[-1], words[1:-1]
        if head not in (ORG_HEADS | LOCAL_GOVERNMENTS) - DOCUMENT_NOUNS - TITLE_WORDS:
            return None
        found = None
        for m in _ORG_APPOSITION.finditer(self.text, 0, pos):
            dwords = [w.lower().strip(".,’'") for w in m.group("desc").split()]
            cut = next((i for i, w in enumerate(dwords) if w in _DESC_PREPOSITIONS), len(dwords))
            dwords = dwords[:cut]
            if not dwords or dwords[-1] != head or not set(rest) <= set(dwords):
                continue
            name = m.group("name")
            if name.split()[0] in ("The", "A", "An"):
                name = name.split(" ", 1)[1]
            if self.gender_of(name) is not None:  # (a he or she: a person after all)
                continue
            found = name
        return found

    def organisation_by_head(self, phrase: str, pos: int) -> str | None:
        """The organisation a definite description by its head noun stands for ('the ministry
        said' after 'Gaza's Health Ministry', 'the council' after 'Dublin City Council', 'the
        national park' after 'Jasper National Park'): the latest name before ``pos`` (within two
        paragraphs or so) that ends in those words, capitalised, after a word of its own."""
        words = phrase.split()
        if len(words) == 1 and words[0].lower() == "police":
            words = ["the", "police"]  # ('police said', as copy writes it, after 'Halifax Regional Police')
        if not 2 <= len(words) <= 4 or words[0].lower() != "the" \
                or len(words) > 2 and any(not w.islower() for w in words[1:]):
            return None
        desc = [w.lower() for w in words[1:]]
        if len(desc) == 1 and not (desc[0].endswith("s") and not desc[0].endswith("ss")) \
                and (named := self._named_after_its_noun(desc[0], pos)) is not None:
            return named  # 'the group said' after 'the pressure group Extinction Rebellion'
        if len(desc) == 1 and desc[0] not in ORG_DESCRIPTION_HEADS | _TOWN_HEADS:
            return None
        # (a longer description names the organisation by the words its name ends in: 'the
        # national park' after 'Jasper National Park', 'the police service' after 'Regina
        # Police Service')
        far: set[str] = set()  # (names further back: one only, and it is the one meant)
        for start, run in reversed(self.runs()):
            if start >= pos or any(o <= start < c for o, c in self.quoted):
                continue
            rwords = [w.rstrip(".,;:") for w in run.split()]
            while rwords and (rwords[0].lower() in _DETERMINER_WORDS | _CONNECTORS or _ends_possessive(rwords[0])):
                rwords = rwords[1:]  # ('Gaza's Health Ministry')
            if len(rwords) >= len(desc) and [w.lower() for w in rwords[-len(desc):]] == desc:
                # ('the ministry' after 'the Ministry of Health': the name goes on past 'of')
                tail = name_tail(self.text, start + len(run.rstrip(".,;:"))) if not _ends_possessive(run) else ""
                if desc[-1] in _TOWN_HEADS and not (tail and len(rwords) == len(desc)):
                    continue  # 'the city said' is the City of Winnipeg, not the place 'Quebec City'
                if len(rwords) > len(desc) or tail:
                    if pos - start <= _COREF_REACH:
                        return " ".join(rwords) + tail
                    far.add(" ".join(rwords) + tail)
        # ('the refinery said' halfway down a story that named the Co-op Refinery at its top,
        # and no other refinery)
        return far.pop() if len(far) == 1 and len(desc) == 1 and desc[0] not in _TOWN_HEADS else None

    def _named_after_its_noun(self, noun: str, pos: int) -> str | None:
        """The organisation the article named right after ``noun`` before ``pos`` (within two
        paragraphs or so): 'the pressure group Extinction Rebellion', 'the retailer Marks and
        Spencer' give 'the group', 'the retailer'; the latest such name, never a person's. (A
        plural, 'the firms' after 'the firms Sony, Philips and Samsung', names no one of them.)"""
        for start, run in reversed(self.runs()):
            if start >= pos or any(o <= start < c for o, c in self.quoted):
                continue
            if pos - start > _COREF_REACH:
                break
            m = re.search(r"(?<![\w'’-])([a-z][a-z-]*)[ \t]+$", self.text[max(0, start - 30):start])
            if m is None or m.group(1) != noun:
                continue
            name = run.rstrip(".,;:")
            while name.split() and name.split()[-1].lower() in _CONNECTORS:
                name = " ".join(name.split()[:-1])
            if name and not _ends_possessive(name) and not self.is_person(name, pos):
                return name
        return None

    def spokesperson_org(self, before: int) -> tuple[str, str] | None:
        """(organisation, role) for 'the spokesperson' (said): the organisation of the last
        unnamed spokesperson before ``before`` ('a spokesperson for PSOOL', 'an RCMP
        spokesman'), unless the article gives another organisation a spokesperson in between."""
        found = None
        for m in _SPOKES_MENTION.finditer(self.text, 0, before):
            phrase = m.group().rstrip(".,;:")
            org = organisation_spoken_for(self, phrase, m.start())
            if org is not None:
                found = org
        return found

    def speaks_by_surname(self, word: str) -> bool:
        """Whether a lone capitalised word is someone the article quotes by surname alone
        ('Luxon said', 'said Varadkar'): a person, though the article never gives a first name."""
        if word not in self._by_surname:
            self._by_surname[word] = self._speaks_by_surname(word)
        return self._by_surname[word]

    def _speaks_by_surname(self, word: str) -> bool:
        if not word[:1].isupper() or not re.fullmatch(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", word) \
                or word.lower() in ORG_HEADS | TITLE_WORDS | _CONNECTORS | _MONTHS | _SPEAKER_PRONOUNS | _DETERMINER_WORDS:
            return False
        if word.lower() in self._lower() or not self._inside_sentence(word):
            return False  # 'Investigators said' opening a sentence: a common noun, capitalised there
        w = re.escape(word)
        if re.search(rf"\b[Ii]n\s+{w}\b", self.text):
            return False  # 'in Greece': a place
        # the subject of a cue ('Luxon said'), or named after one at the end of its clause
        # ('..., said Luxon.'; not 'said Labour had left', a reported clause's subject)
        return re.search(rf"(?<![Tt]he )\b{w}\s+(?:{_SURNAME_CUES}|{_PERSON_ONLY_CUES})\b|\b(?:said|says|added|asked|replied)\s+{w}[,.;]",
                         self.text) is not None

    def described_subjects(self) -> list[tuple[int, str, str | None]]:
        """Sentences that open on an unnamed person ('A Scotiabank financial adviser says he ...',
        'Another adviser working in a different city also contacted Go Public', 'A nurse at the
        hospital, who asked not to be named, said she ...'): (position, the description, the
        gender its words or a he/she right after show, or None); or, where an apposition names
        them after all, (position, the name, "named")."""
        if self._described_subjects is None:
            self._described_subjects = []
            for m in _UNNAMED_SUBJECT.finditer(self.text):
                head = m.group(3).lower()
                if head not in PERSON_HEADS or head in _ONE_HOLDER | _NOT_ONLY_A_PERSON \
                        or any(o <= m.start(1) < c for o, c in self.quoted):
                    continue  # ('A path forward means ...'; 'A president who ...' is one, named elsewhere)
                named = re.match(r"[^,\n]{0,40}?,\s+((?:[A-Z][\w'’.-]*\s+){1,2}[A-Z][\w'’-]+)\b", self.text[m.end(1):])
                if named:  # 'One pastor supporting Mr. Cruz, Darran Whiting of ...': named after all
                    self._described_subjects.append((m.start(1), named.group(1), "named"))
                    continue
                if head in _SPOKES_HEADS:
                    continue  # 'A Just Stop Oil spokeswoman said she ...' speaks for the group (organisation_spoken_for)
                if m.group(2) == "The" and (head in TITLE_WORDS or not re.search(
                        rf"\b(?:[Aa]n?|[Aa]nother|[Oo]ne)\s+(?:[\w'’.-]+\s+){{0,4}}{re.escape(head)}\b", self.text[:m.start()])):
                    continue  # ('the premier' has a name; 'the CIBC call centre employee' after 'a CIBC call centre employee' has none)
                words = set(m.group(1).lower().split())
                bound = re.match(r"[^.!?\n]{0,120}?\b(?:says|said|told|tells|added|explained|recalled|to say)\s+(?:that\s+)?(he|she)\b",
                                 self.text[m.end(1):])
                g = "f" if words & _FEMALE_WORDS else "m" if words & _MALE_WORDS else \
                    PRON_GENDER[bound.group(1)] if bound else None
                self._described_subjects.append((m.start(1), m.group(1), g))
        return self._described_subjects

    def antecedent(self, pos: int, gender: str | None, spoken: list[tuple[int, str, str | None]],
                   office: str | None = None, given_names: bool = False) -> tuple[str | None, str | None] | None:
        """Whom he/she before ``pos`` stands for: the most recent speaker or sentence subject
        whose gender (when the article shows it) agrees (and who holds ``office``, when the
        article gives them offices). With ``given_names``, a given name shows a gender too
        ('"...," she said' is not Steven Guilbeault's)."""
        cands = [(p, n, t, True) for p, n, t in spoken if p < pos]
        cands += [(p, n, None, False) for p, n in self.subject_mentions() if pos - 1500 < p < pos]
        # (an unnamed person opening a sentence since: the pronoun is theirs, and nobody is named)
        cands += [(p, None, d, g) for p, d, g in self.described_subjects() if pos - 1500 < p < pos]
        for p, n, t, was_speaker in sorted(cands, key=lambda c: -c[0]):
            if n is None and was_speaker == "named":
                n, t, was_speaker = t, None, False  # (the description's apposition names them)
            elif n is None:
                if gender is None or was_speaker is None or was_speaker == gender:
                    return None, t
                continue
            if not was_speaker:
                n, t = self.canonical(n, p)
                if " " not in n and self._honorific_of(n) is None and n not in self.learned \
                        and not (any(sn == n for _, sn, _ in spoken) or self.speaks_by_surname(n)):
                    # a lone capitalised word stands for someone only as a known surname, after
                    # Mr/Ms, or as the name an article that never gives a first name quotes someone
                    # by ('Luxon said ...' until 'he said'): not a place ('New Zealand') instead
                    continue
                last = n.split()[-1].lower().strip(".,")
                if last in ORG_HEADS | _MEDIUM_WORDS | _OUTLET_WORDS | _PLACE_HEADS \
                        and not (last in _MODIFIER_ONLY_HEADS and " " in n):
                    continue  # 'BBC Radio', 'Parliament Hill': no he or she
                if self._not_a_name(n):
                    # 'Nova Scotia can't keep up, she said'; 'Go Public asked Finance Minister
                    # Bill Morneau about the claims. "...," he says': the one titled person that
                    # sentence names, when the subject is no one
                    named = self._titled_person_in_sentence(p, pos)
                    if named is not None and (gender is None or self.gender_of(named[0]) in (None, gender)):
                        return named
                    continue
                t = t or self.title_of(n)
            if self.other_office(n, office, p):
                continue
            g = self.pronoun_gender(n) if given_names else self.gender_of(n)
            if gender is None or g is None or g == gender:
                return n, t
        return None

    def vet(self, speaker: str | None, title: str | None, pos: int,
            spoken: list[tuple[int, str, str | None]]) -> tuple[str | None, str | None]:
        """A speaker is a person or an organisation: a date or place-and-time phrase ('On
        Dec'), a pronoun or markup is none; a document ('the memo', 'her statement') speaks
        for the author the article names, else nobody."""
        if not speaker:
            return speaker, title
        if is_markup(speaker) or is_pronoun_phrase(speaker):
            return None, None
        if is_time_or_place_phrase(speaker):
            # 'For Trump, ...', 'At Trump Tower': what follows the preposition speaks only
            # when it is someone already quoted in the article
            rest = " ".join(_words_of(speaker)[1:])
            if rest[:1].isupper() and not is_time_or_place_phrase(rest) and any(surname(n) == surname(rest) for _, n, _ in spoken):
                full, t = self.canonical(rest, pos)
                if is_time_or_place_phrase(full):
                    full, t = rest, None
                return full, t or self.title_of(full)
            return None, None
        if not is_document(speaker):
            bare = speaker[4:] if speaker.lower().startswith("the ") else speaker
            if bare in self.acronyms():  # 'the MFA' is the Ministry of Foreign Affairs
                return self.acronyms()[bare], title
            return speaker, title
        name, pronoun = document_author(speaker)
        if name and " " not in name and _words_of(speaker)[0] == name and name.lower() in self._lower() \
                and not self.is_person(name, pos) and not name.isupper():
            name = None  # 'Court documents say': a common noun, capitalised where it opens the sentence
        if pronoun in ("his", "her"):
            found = self.antecedent(pos, "m" if pronoun == "his" else "f", spoken)
            return found if found is not None else (None, None)
        if name is None and pronoun is None:
            name = document_issuer(self, _words_of(speaker)[-1], pos)
            if name and _POSSESSIVE_END.search(name):
                name = _POSSESSIVE_END.sub("", name)  # 'a statement from Premier Tim Houston's office': Houston
        if not name or is_document(name) or is_time_or_place_phrase(name) or is_pronoun_phrase(name) \
                or name.lower() in _MEDIUM_WORDS:
            return None, None
        bare = name[4:] if name.lower().startswith("the ") else name
        if bare in self.acronyms():  # 'The STL said in a statement ... the statement said'
            return self.acronyms()[bare], None
        if name[:1].isupper():
            full, t = self.canonical(name, pos)  # 'Hoff’s letter': Hoff as the article names him
            if surname(full) == surname(name):
                return full, t or self.title_of(full)
        return name, None

    def title_of(self, name: str) -> str | None:
        for n, t in self.known:
            if n == name and t:
                return t
        return None

    def description_of(self, name: str, before: int) -> str | None:
        """The description the article last tied to ``name`` before ``before`` ('Labour MP
        for Leeds' from 'John Smith, the Labour MP for Leeds,'), used as a missing title."""
        found = None
        for pos, n, desc in self.described():
            if pos >= before:
                break
            if n == name and desc.split()[0][:1].isupper() or n == name and any(
                    w.lower() in TITLE_WORDS for w in desc.split()):
                found = desc
        return found



# --------------------------------------------------------------------------- what may speak

# Things that carry words but do not speak: a quote from one speaks for its author.
DOCUMENT_NOUNS = frozenset("""statement statements memo memos memorandum release releases report reports lawsuit
lawsuits suit suits post posts tweet tweets letter letters email emails e-mail ad ads advertisement commercial
spot editorial editorials note notes message messages article articles document documents filing filings
complaint complaints ruling rulings opinion opinions indictment headline headlines website site webpage page
video videos sign signs banner banners petition resolution platform transcript transcripts book books study
studies survey surveys poll polls bill bills order orders blog readout summary analysis footnote caption
column op-ed brief motion affidavit plan proposal draft excerpt excerpts speech remarks text texts
statement’s""".split()) | frozenset(
    # what someone said, named as a thing (UTTERANCE_NOUNS): it speaks for its possessor as a document does
    # ('Clinton’s response was: "..."', 'in Forbes’ words, "..."', 'Her campaign slogan is "..."')
    """response responses reply replies answer answers slogan slogans catchphrase catch-phrase motto dictum
mantra refrain promise promises pledge vow quip retort comment comments remark words warning""".split())
UTTERANCE_NOUNS = frozenset("""response reply answer slogan catchphrase catch-phrase motto dictum mantra refrain
promise pledge vow quip retort comment remark words warning message remarks""".split())
_DATE_WORDS = frozenset("""jan feb mar apr jun jul aug sep sept oct nov dec january february march april may june
july august september october november december monday tuesday wednesday thursday friday saturday sunday
today yesterday tonight tomorrow morning afternoon evening night week weekend month year""".split())
_LEADING_PREPOSITIONS = frozenset("in on at during after before since from by for with over under into".split())
# a medium is no author ('a campaign TV ad', 'a Facebook post')
_MEDIUM_WORDS = frozenset("tv web internet online facebook twitter instagram youtube radio video digital".split())
_POSSESSIVE_PRONOUNS = {"his": "m", "her": "f", "its": None, "their": None, "our": None, "my": None}
_DETERMINER_WORDS = frozenset("the a an this that these those one another some any".split())
# (unions People.subject_mentions tests every capitalised run against, built once)
_DETERMINER_WORDS_BUT_THE = _DETERMINER_WORDS - {"the"}
_SUBJECT_LEAD_WORDS = TITLE_WORDS | _CONNECTORS | {"the"}
_NOT_A_NAME_WORD = ORG_HEADS | TITLE_WORDS | _CONNECTORS | _MONTHS
_NOT_A_NAME_LAST = (ORG_HEADS - _MODIFIER_ONLY_HEADS) | TITLE_WORDS | _CONNECTORS | _MONTHS
_TITLE_OR_PERSON_NOUN = TITLE_WORDS | PERSON_NOUNS
_PERSON_WORDS = PERSON_HEADS | PERSON_NOUNS | _FEMALE_WORDS | _MALE_WORDS
_SPEAKER_PRONOUNS = frozenset("""i me my we us our you your he him his she her it its they them their who whom
which that this these those one someone somebody""".split())


def _words_of(phrase: str) -> list[str]:
    return re.findall(r"[\w’'&.-]+", phrase)


def is_document(phrase: str | None) -> bool:
    """'the memo', 'her statement', 'A Feb. 1 letter', 'Hoff’s letter': a document phrase
    ('The Washington Post', 'the Sunday Times' are a newspaper's name: organisations)."""
    words = _words_of(phrase or "")
    head = _document_head(words)
    if not words or words[head].lower().strip(".’'") not in DOCUMENT_NOUNS:
        return False
    return len(words) == 1 or not words[head][:1].isupper()


def _document_head(words: list[str]) -> int:
    """Index of a noun phrase's head: the last word, or where that is no document noun, a
    document noun before 'from'/'by'/'of' ('a letter from the American Legion')."""
    if not words or words[-1].lower().strip(".’'") in DOCUMENT_NOUNS:
        return len(words) - 1
    for k, w in enumerate(words[1:], 1):
        if w.lower() in ("from", "by", "of") and words[k - 1].lower().strip(".’'") in DOCUMENT_NOUNS:
            return k - 1
    return len(words) - 1


_SPOKES = r"(?P<role>spokes(?:man|woman|person)|representative|press\s+secretary|official)"
_ORG = r"(?P<org>[A-Z][\w.&’'-]*(?:\s+(?:of|for|and|the|on|&|[A-Z][\w.&’'-]*))*?)"
_SPOKES_FOR = re.compile(r"^(?i:a|an|one|the|another)\s+(?:(?:senior|top|chief|former|deputy|regional|local|federal|provincial|"
                         r"state|city|county)\s+)*" + _SPOKES + r"\s+(?:for|of|at|with)\s+(?:the\s+)?" + _ORG + r"$")
# 'Officials at Homeland Security Investigations said', 'representatives from Unifor': unnamed
# people speaking for a named organisation, several of them (no determiner needed)
_PLURAL_SPOKES_FOR = re.compile(r"^(?:(?i:the|some|several|two|three|four|senior|top|other)\s+)*"
                                r"(?P<role>(?i:spokes(?:men|women|people)|representatives|officials))"
                                r"\s+(?:for|of|at|with|from)\s+(?:the\s+)?" + _ORG + r"$")
_ORG_SPOKES = re.compile(r"^(?i:a|an|one|the|another)\s+(?:(?:senior|top|chief|former)\s+)*(?P<org>[A-Z][\w.&’'-]*\s+"
                         r"(?:(?:(?:of|for|and|on|&)\s+(?:the\s+)?)?[A-Z][\w.&’'-]*\s+)*"  # ('a Department of Health spokesman')
                         r"(?:(?:campaign|committee|department|ministry|office|police|government|team|club|party)\s+)?)"
                         + _SPOKES + r"$")
_ORG_RUN = r"[A-Z][\w.&’'-]*(?:\s+(?:(?:of|for|and|the|on|&)\s+)?[A-Z][\w.&’'-]*)*"
_SPOKES_MENTION = re.compile(r"\b(?:[Aa]n?|[Oo]ne|[Aa]nother)\s+(?:(?:senior|top|chief|former|deputy)\s+)*(?:"
                             r"spokes(?:man|woman|person)\s+(?:for|of|at|with)\s+(?:the\s+)?" + _ORG_RUN
                             + r"|" + _ORG_RUN + r"\s+spokes(?:man|woman|person))\b")
_PERSON_TITLES = frozenset("""mr mrs ms miss dr sen rep gov gen pres lt col capt sgt president senator governor
representative congressman congresswoman minister premier mayor prime secretary judge justice""".split())
_NATIONALITY = re.compile(r"^[A-Z][a-z]+(?:ese|ian|ean|ish|ic|i|an)$")


def is_spokesperson_phrase(phrase: str | None) -> bool:
    """Whether a role phrase is an unnamed spokesperson or official of a named organisation
    ('a Leeds City Council spokesperson', 'a spokeswoman for the ministry'): see
    :func:`organisation_spoken_for`, which finds the organisation."""
    phrase = " ".join((phrase or "").split())
    return bool(phrase) and (_SPOKES_FOR.match(phrase) or _ORG_SPOKES.match(phrase)
                           or _PLURAL_SPOKES_FOR.match(phrase)) is not None


def organisation_spoken_for(people: "People", phrase: str | None, pos: int) -> tuple[str, str] | None:
    """(organisation, role) for an unnamed spokesperson or official of a named organisation:
    'a spokeswoman for the House Armed Services Committee', 'a Twitter spokesman', 'an RCMP
    spokesperson', 'a State Department official' -- the organisation speaks, as in 'State
    Department spokesman P.J. Crowley'. Not a person's aide ('a spokesman for Bernie
    Sanders'), nor a nationality ('an Israeli official'). Initials become their expansion."""
    if not phrase:
        return None
    phrase = " ".join(phrase.split())
    m = _SPOKES_FOR.match(phrase) or _ORG_SPOKES.match(phrase) or _PLURAL_SPOKES_FOR.match(phrase)
    if m is None:
        return None
    org = m.group("org").strip().rstrip(",")
    org = re.sub(r"['’]s$", "", org)
    words = org.split()
    if not words or len(words) == 1 and _NATIONALITY.match(words[0]) and not words[0].isupper():
        return None
    if people.is_person(org, pos) or len(words) >= 2 and words[0].lower().rstrip(".") in _PERSON_TITLES:
        return None  # someone's spokesman ('for Sen. Bernie Sanders'): a person is no organisation
    org = people.acronyms().get(org, org)
    return org, " ".join(m.group("role").split())


def is_titled_surname(speaker: str, title: str | None) -> bool:
    """Whether a month's word is a surname by the title or honorific before it ('Mrs May',
    'Mrs Justice May', 'Mr March'): a person, not a date."""
    words = speaker.split()
    last = (title or "").split()[-1:] or [""]
    return len(words) == 1 and words[0][:1].isupper() and (
        last[0].lower().rstrip(".") in TITLE_WORDS or HONORIFIC.match(last[0] + " ") is not None)


def is_time_or_place_phrase(phrase: str | None) -> bool:
    """'On Dec', 'In Pennsylvania', 'At Trump Tower', 'A Sept', 'Last week': no speaker."""
    words = [w.lower().rstrip(".") for w in _words_of(phrase or "")]
    if not words:
        return False
    if words[0] in _LEADING_PREPOSITIONS:
        return True
    core = [w for w in words if w not in _DETERMINER_WORDS]
    return bool(core) and all(w in _DATE_WORDS or w.isdigit() or w in ("last", "next", "early", "late") for w in core)


def is_pronoun_phrase(phrase: str | None) -> bool:
    words = [w.lower() for w in _words_of(phrase or "")]
    return bool(words) and all(w in _SPEAKER_PRONOUNS for w in words)


def is_markup(phrase: str | None) -> bool:
    """Words of an embedded post's markup ('pic=', 'author="something "'): no speaker."""
    return bool(phrase) and (re.search(r"[=<>\"“”]", phrase) is not None or "something" in phrase.split())


def document_author(phrase: str) -> tuple[str | None, str | None]:
    """Who a document phrase names as its author: ``(name, None)`` for a possessor or a
    proper-noun modifier ('Hoff’s letter', 'the Associated Press report', 'a Homeland
    Security memo'), ``(None, pronoun)`` for a possessive pronoun ('her statement'),
    ``(None, None)`` when the phrase names nobody ('the memo', 'A statement')."""
    words = _words_of(phrase)
    if not words:
        return None, None
    head = _document_head(words)
    if head < len(words) - 1:  # 'a statement from the Kremlin', 'a study by Peter Schott'
        author: list[str] = []
        for w in words[head + 2:]:  # a determiner, then a capitalised run ('of'/'and' inside)
            if w[:1].isupper() or not author and w.lower() in ("the", "economists", "researchers") \
                    or author and w.lower() in ("of", "and", "for", "&"):
                author.append(w)
            else:
                break
        while author and author[-1].lower() in ("of", "and", "for", "&", "the"):
            author.pop()
        if not author and words[head + 2:head + 3] == ["the"] and len(words) > head + 3 \
                and (org := words[head + 3].lower()) in (ORG_HEADS | LOCAL_GOVERNMENTS) - DOCUMENT_NOUNS:
            return "the " + org, None  # 'a joint release from the province', 'a statement from the ministry'
        return (" ".join(author) if any(w[:1].isupper() for w in author) else None), None
    first = words[0].lower()
    if first in _POSSESSIVE_PRONOUNS:
        return None, first
    for k, w in enumerate(words[:head]):
        if re.search(r"(?:['’]s|s['’]|^['’])$", w) or (k + 1 < head and words[k + 1] in ("’", "'")):
            owner = " ".join(words[:k + 1])
            owner = re.sub(r"['’]s?$", "", owner).strip()
            owner = " ".join(x for x in owner.split() if x.lower() not in _DETERMINER_WORDS)
            if owner and owner[:1].islower():
                owner = "the " + owner  # 'the campaign’s statement': the campaign
            return (owner or None), None
    mods = [w for w in words[:head] if w.lower() not in _DETERMINER_WORDS]
    proper = [w for w in mods if w[:1].isupper() and w.lower().rstrip(".") not in _DATE_WORDS and not w[:1].isdigit()]
    # the proper-noun run right before the head, where every word before it is a determiner,
    # a number, a date or a lower-case modifier ('a new 30-second ad' names nobody)
    run: list[str] = []
    for w in reversed(words[:head]):
        if w[:1].isupper() and w.lower().rstrip(".") not in _DATE_WORDS | _DETERMINER_WORDS:
            run.insert(0, w)
        elif run and w.lower() in ("of", "for", "and", "&"):
            run.insert(0, w)
        elif run or w.lower() in ("campaign", "fundraising", "web", "tv", "new", "recent", "internal", "official"):
            if run:
                break
        else:
            break
    while run and run[0].lower() in ("of", "for", "and", "&"):
        run = run[1:]
    if run and proper:
        return " ".join(run), None
    return None, None


_ISSUE_VERBS = re.compile(r"\b(?:released|issued|put out|sent|posted|wrote|published|filed|tweeted|aired|launched|"
                          r"unveiled|circulated|distributed|emailed|ran|signed|shared|obtained from|released by|"
                          r"issues|releases|posts|sends|files|launches|airs|runs)\b")
# 'In a statement (released Monday), the ministry said', 'In a news release, RCMP said'
_IN_A_DOCUMENT = re.compile(r"\s*In\s+(?:an?|its|his|her|their|a\s+joint)\s+(?:[\w-]+\s+){0,2}?(?P<doc>[\w-]+)\b[^.;:“”\"\n]{0,80}?,\s+"
                            # (a lower-case title before the name: 'In an emailed statement,
                            # vice-president of marketing Vicky Harris said')
                            r"(?:(?!the\b)[a-z][\w-]*(?:\s+(?:of|for)\s+[a-z][\w-]*)?\s+){0,3}"
                            r"(?P<subj>(?:the\s+)?(?:[A-Z][\w.&'’-]*\s+){0,5}[A-Z][\w.&'’-]*"
                            r"(?:\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w&'’-]*(?:\s+(?:and\s+)?[A-Z][\w&'’-]*)*)?)\s+"
                            r"(?:said|says|stated|states|wrote|writes|added|announced|confirmed|noted)\b")
# 'X condemned the decision in a statement', '... said in a joint statement' (the document after 'in')
_IN_THE_DOCUMENT = re.compile(r"\s(?:in|via)\s+(?:an?|its|his|her|their|a\s+joint)\s+(?:[\w-]+\s+){0,2}$")
# a sentence opening on an unnamed person who says something of him- or herself
_SPOKES_HEADS = frozenset("spokesman spokeswoman spokesperson spokespeople representative".split())
# person nouns that are as often another word ('a path forward', 'a centre for ...', 'the head of')
_NOT_ONLY_A_PERSON = frozenset("forward centre center guard head native counsel partner lady".split())
# a sentence opening on an unnamed person: an indefinite article (or 'the', for one introduced so
# before), up to four words, a person noun and what follows it ('A nurse at the hospital, ...',
# 'Another Scotiabank financial adviser says')
_UNNAMED_SUBJECT = re.compile(r"(?:^|(?<=[.!?]\s)|(?<=[.!?][\"”’]\s))[ \t]*((A|An|Another|One|The)\s+(?:[\w'’.-]+\s+){0,4}?([a-z][\w-]*)"
                              r"(?:\s+(?:at|of|for|from|in|with|on)\s+(?:the\s+)?[\w'’.-]+(?:\s+[A-Z][\w'’.-]*){0,2})?)"
                              r"(?=,|\s+(?:who\s+)?(?:[a-z]+ly\s+)?[a-z]+(?:ed|s|ing)\b|\s+(?:told|said|says|was|is|has|had|also)\b)", re.M)
_SENT_BREAK = re.compile(r"[.!?][\"”’)]?\s+(?=[\"“‘(]?[A-Z])|\n")


def is_issuing_verb(word: str) -> bool:
    """Whether ``word`` issues a document ('released', 'issued', 'posted', 'sent' ... a
    statement): its subject is the document's author."""
    return bool(_ISSUE_VERBS.fullmatch(word.lower())) or word.lower() in ("releasing", "issuing", "posting", "sending",
                                                                            "publishing", "releases", "issue", "release")


# 'a statement from the Regina Police Service', 'a report by the auditor general's office'
_ISSUER_REACH = 600  # characters: a document named 'from X' further back is another story's
_FROM_ISSUER = re.compile(r",?\s+(?:(?:issued|released|sent|posted|filed|brought|launched|written|signed|drafted|prepared|authored)\s+)?(?:from|by)\s+"
                          # (a lower-case title before the name: 'written by deputy minister Paul Rochon')
                          r"(?:(?!(?:the|a|an|his|her|its|their|in|at|on|near|across|during|after|before|since|with|to)\b)[a-z][\w-]*\s+){0,3}?((?:the\s+)?[A-Z][\w.&'’-]*"
                          r"(?:\s+(?:(?:of|for|and|on|the)\s+)*[A-Z][\w.&'’-]*){0,6})")
_OWNER = re.compile(r"((?:[A-Z][\w.&-]*\s+){0,4}[A-Z][\w.&-]*)\s*(?:['’]s|['’])\s+(?:[\w-]+\s+){0,3}$")
_SUBJECT_RUN = re.compile(r"^\s*(?:[\"“‘]?\s*)(?:(?:On|In|At|Later|Earlier|Then|Meanwhile|Also|But|And|Separately),?\s+"
                          r"(?:[\w.]+\s+){0,3}?)?((?:the\s+)?(?:[A-Z][\w.&'’-]*\s+){0,4}[A-Z][\w.&'’-]*)")


def document_issuer(people: "People", head: str, pos: int) -> str | None:
    """Who the article says issued the document a quote comes from ('The campaign released
    a statement Monday. ... "We are proud," the statement said.'): the owner or the subject
    of the issuing verb in the last earlier sentence that mentions the document."""
    text = people.text
    head_re = re.compile(r"\b" + re.escape(head) + r"\b", re.I)
    # (the break's look-ahead sees the quote's opening mark and first letter)
    own_start = max((m.end() for m in _SENT_BREAK.finditer(text, 0, pos + 2) if m.end() <= pos), default=0)
    for m in reversed(list(head_re.finditer(text, max(0, pos - 2000), own_start))):
        s = max((b.end() for b in _SENT_BREAK.finditer(text, 0, m.start())), default=0)
        before = text[s:m.start()]
        owner = _OWNER.search(before)
        if owner is not None:
            return owner.group(1).strip()
        if pos - m.start() <= _ISSUER_REACH and (issuer := _FROM_ISSUER.match(text, m.end())) is not None \
                and not is_time_or_place_phrase(issuer.group(1)):
            return issuer.group(1).strip()
        if (intro := _IN_A_DOCUMENT.match(text, s)) is not None and m.end() <= intro.start("subj") \
                and not is_time_or_place_phrase(intro.group("subj")):
            # 'In a statement released Monday, the Regina Police Service said ...': whoever the
            # sentence the document opens says spoke in it
            return intro.group("subj").strip()
        # ('Hamas condemned the decision in a statement.': the sentence's subject spoke in it)
        verbs = list(_ISSUE_VERBS.finditer(before))
        if not verbs and (inside := _IN_THE_DOCUMENT.search(before)) is not None:
            # (after a quote the sentence opens with, its attribution: '"...," Fox News said in a statement')
            cut = max(before.rfind(q, 0, inside.start()) for q in "”\"")
            before = before[cut + 1:].lstrip(" ,") if cut >= 0 else before
            verbs = list(_IN_THE_DOCUMENT.finditer(before))
        if not verbs:
            continue
        # the verb that issued this document is the last before it; its subject opens the
        # clause it is in ('Days after its report was issued, the Holocaust Museum issued a
        # statement'), else the sentence
        verb = verbs[-1]
        clause = before.rfind(",", 0, verb.start()) + 1
        subj = _SUBJECT_RUN.match(before[clause:verb.start()]) if clause and before[clause:verb.start()].strip() else None
        subj = subj if subj is not None and subj.end() == len(before[clause:verb.start()].rstrip()) else None
        where = before[clause:verb.start()] if subj is not None else before[:verb.start()]
        subj = subj or _SUBJECT_RUN.match(where)
        if subj is None:
            return None
        name = subj.group(1).strip() + name_tail(where, subj.end(1))  # ('The City of Winnipeg said in a release')
        words = name.split()
        if words and words[0].lower() == "the":
            if len(words) > 1 and any(w[:1].isupper() for w in words[1:]):
                return name
            # ('The refinery said in a statement that ...' after 'the Co-op Refinery': the
            # organisation the description stands for)
            desc = re.match(r"\s*([Tt]he\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)?)\s+(?:said|says|stated|states|added|wrote|writes)?\s*$",
                            where[subj.start(1):])
            return people.organisation_by_head(desc.group(1), m.start()) if desc else None
        if is_time_or_place_phrase(name):
            return None
        # one capitalised word opening a sentence ('Following', 'Days') names someone only
        # as an acronym or a surname the article gives in full
        if len(words) == 1 and not name.isupper() and len(people.canonical(name, pos)[0].split()) < 2:
            return None
        return name
    return None

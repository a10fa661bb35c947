"""Word lists the quote rules share: cue verbs, titles, organisation heads, pronouns."""
from __future__ import annotations

import re

_CUE_BASES = """say tell add ask write note explain state declare argue claim insist continue
recall warn acknowledge admit announce respond reply answer comment suggest tweet post
describe call predict promise vow urge conclude observe remark joke quip complain contend
maintain emphasize emphasise stress caution concede report testify assert boast shout yell
scream chant whisper muse recount confirm deny reiterate lament charge allege counter retort
interject quote think believe agree wonder recall tell email text mutter exclaim proclaim
pledge predict brag cry plead demand declare describe dub label brand term read affirm cite
beam deride gush rave scoff sneer chide blast slam mock accuse praise criticize criticise
applaud welcome hail dismiss decry denounce condemn reveal disclose recount relay
acknowledge inform assure reassure concur react opine riff
laud confide scold tout gripe grumble marvel sigh murmur mumble whine growl bark snap fume hint
implore chime intone remind reckon speculate posit estimate express elaborate""".split()
_IRREGULAR = {"read": ["reads", "read"], "say": ["said"], "tell": ["told"], "write": ["wrote", "written"], "think": ["thought"],
              "cry": ["cried"], "reply": ["replied"], "deny": ["denied"], "testify": ["testified"]}


def inflect(base: str) -> set[str]:
    forms = {base}
    stem = base[:-1] if base.endswith("e") else base
    if base.endswith("y") and base not in ("say", "pray"):
        forms |= {base[:-1] + "ies", base[:-1] + "ied", base + "ing"}
    else:
        forms |= {base + ("es" if base.endswith(("s", "sh", "ch", "x")) else "s"), stem + "ed", stem + "ing"}
    if base in ("admit", "quip", "snap", "brag", "dub", "slam"):  # 'admitted', 'bragged', 'dubbed', 'slammed'
        forms = (forms - {base + "ed", base + "ing"}) | {base + base[-1] + "ed", base + base[-1] + "ing"}
    forms |= set(_IRREGULAR.get(base, []))
    return forms


CUE_WORDS = frozenset(w for b in _CUE_BASES for w in inflect(b)) | {"according"}
# Cues whose object is commonly a label rather than speech: they only attribute a quote
# they govern directly ("called it 'a disaster'").
WEAK_CUES = frozenset(w for b in "think believe agree wonder call describe dub label brand term continue maintain".split()
                       for w in inflect(b))

# cues whose object is the person spoken to ('Ramos told AFP'), never the speaker
ADDRESS_CUES = frozenset(w for b in "tell inform assure reassure".split() for w in inflect(b))
PRONOUNS = frozenset("i me we us you he him she her it they them who whom which that this one".split())
HONORIFIC = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady)\.?\s+")
# Heads that make a subject an organisation (kept as the speaker) rather than an unnamed person.
ORG_HEADS = frozenset("""government administration ministry department agency office campaign committee
council court police army military company firm bank group party union board commission
house senate congress parliament embassy statement report study survey poll spokesperson
organization organisation association foundation institute university school network team
club league federation authority authorities service services force forces regime coalition
white lawsuit suit report statement editorial note message letter article email memo ad
advertisement poll survey study ruling opinion complaint filing indictment headline website
post tweet release document bill law transcript book magazine newspaper paper site blog
video sign petition resolution platform page""".split())
# places whose government speaks as "the X" ('the province said in a news release', 'the city
# said'): an organisation when the phrase is "the" and the place word, as Canadian copy writes it
LOCAL_GOVERNMENTS = frozenset("province city town municipality township territory".split())
TITLE_WORDS = frozenset("""president vice sen senator rep representative gov governor secretary minister
deputy foreign prime chief director spokesman spokeswoman spokesperson attorney general judge
justice mayor chairman chairwoman chair ceo coach captain capt lt col gen sgt officer detective
ambassador commissioner professor prof dr mr mrs ms speaker leader state former acting assistant
executive manager editor pastor rev father bishop pope king queen prince princess sheriff
lawyer analyst adviser advisor aide official candidate nominee founder host
democratic republican gop u.s. us house senate
premier mp mpp mla mna mha msp td taoiseach tánaiste tanaiste councillor chancellor constable const superintendent supt inspector insp sergeant corporal cpl det cmdr cdr commander hon coun cllr
treasurer auditor comptroller ombudsman ombudsperson registrar provost rector reeve alderman warden coroner magistrate
colonel lieutenant admiral commodore brigadier rabbi imam sheikh emir reverend""".split())

# nouns for one person (never an organisation, whatever place or group modifies them: 'a Texas man')
INDIVIDUAL_NOUNS = frozenset("""man woman boy girl teen teenager child kid baby mother father mom dad mum son daughter
wife husband brother sister grandmother grandfather resident neighbour neighbor friend student pupil worker voter
driver passenger victim witness survivor patient nurse doctor teacher owner shopper fan player veteran farmer
pensioner retiree motorist cyclist pedestrian tourist customer employee supporter protester activist soldier marine sailor airman""".split())
# relatives, whom copy names by a lone given name set off after them ('April's mother, Coral,';
# 'His daughter, Aoife,'): that one word is a person's name
KIN_NOUNS = frozenset("""mother father mom dad mum son daughter wife husband brother sister grandmother grandfather
grandson granddaughter aunt uncle niece nephew cousin widow widower partner fiancée fiancee fiancé fiance
girlfriend boyfriend stepfather stepmother stepson stepdaughter""".split())
# head nouns of a description that can stand for an unnamed speaker ('a senior official',
# 'one longtime adviser', 'the retired neurosurgeon'), besides TITLE_WORDS and INDIVIDUAL_NOUNS;
# a description with another head ('the piece', 'her most striking appeal') describes no one
PERSON_HEADS = TITLE_WORDS | INDIVIDUAL_NOUNS | frozenset("""source person user narrator moderator surgeon neurosurgeon physician tycoon businessman
businesswoman entrepreneur investor billionaire millionaire delegate broadcaster expert critic
member insider observer strategist economist scientist researcher historian author writer journalist
reporter columnist publisher lawmaker legislator politician diplomat consultant pollster organiser
organizer volunteer relative colleague partner ally rival opponent donor prosecutor investigator
operative staffer negotiator attendee participant contestant athlete defenceman defenseman forward
winger goalie goaltender centre center striker midfielder defender trainer dealer seller buyer
trader banker lender landlord tenant caller viewer listener reader mogul designer developer
commenter questioner announcer spymaster lady contender counsel head boss campaigner netminder
blueliner blue-liner outfielder infielder catcher shortstop right-hander left-hander southpaw newcomer native resident""".split())

# quote marks as spaCy tokens them (`` and '' in text typed the LaTeX way, ` alone)
QUOTE_TOKS = frozenset('" “ ” ‘ ’ « » `` \'\' \' `'.split())
REPORTING_CUES = frozenset(w for b in """say tell add write note explain claim insist argue recall report declare state
announce warn acknowledge admit contend maintain assert stress emphasize emphasise predict concede""".split() for w in inflect(b))
NOT_A_SPEAKER = frozenset("it this that there which what who whom i we you these those here".split())
ROLE_ABBR = {"gov": "governor", "sen": "senator", "rep": "representative", "gen": "general", "pres": "president",
              "sec": "secretary", "amb": "ambassador", "lt": "lieutenant", "col": "colonel", "capt": "captain",
              "const": "constable", "supt": "superintendent", "insp": "inspector", "det": "detective", "cpl": "corporal",
              "cmdr": "commander", "cdr": "commander", "coun": "councillor", "cllr": "councillor"}

# the party letter of a party-and-place tag after a name ("R-Fla."), and the words a description may use for it
PARTY_LETTER = {"R": ("republican", "gop"), "D": ("democrat", "democratic"), "I": ("independent",)}
# parties' other names in descriptions ('the Tory leader' for 'Conservative Leader X')
PARTY_SYNONYMS = {"tory": "conservative", "tories": "conservative", "grit": "liberal", "gop": "republican",
                  "democratic": "democrat", "ndp": "new democrat", "labor": "labour"}
# a party's member as a description's head ('the Kentucky Republican', 'the Tory')
PARTY_NOUNS = frozenset("republican democrat conservative liberal tory grit independent".split())

# given names that name one gender in English and French copy almost always: what a he or she
# can stand for when the article shows nothing else (names borne by both, as Chris, Jordan,
# Jean or Kim, are left out)
FEMALE_GIVEN = frozenset("""mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa
margaret betty sandra ashley dorothy kimberly emily donna michelle carol amanda melissa deborah stephanie rebecca
sharon laura cynthia kathleen amy shirley angela helen anna brenda pamela nicole emma samantha katherine christine
debra rachel catherine carolyn janet ruth maria heather diane virginia julie joyce victoria olivia kelly christina
lauren joan evelyn judith megan cheryl andrea hannah martha jacqueline frances gloria ann teresa kathryn sara janice
julia grace judy theresa madison beverly denise marilyn amber danielle rose brittany diana abigail natalie jane lori
alexis tiffany kayla sophie chloe isabelle nathalie genevieve geneviève marie josée josee chantal sylvie manon
caroline valerie valérie melanie mélanie hillary nikki elise élise justine chrystia jody yvette rachel priti liz
theresa nicola kemi angela ursula giorgia marine kamala nancy elaine sheila doris margaret jacinda""".split())
MALE_GIVEN = frozenset("""james robert john michael william david richard joseph thomas charles christopher daniel
matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason jeffrey
ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel gregory frank alexander
raymond patrick jack dennis jerry tyler aaron henry adam douglas nathan peter zachary kyle walter harold jeremy
ethan carl keith roger gerald christian sean arthur austin noah lawrence jesse joe bryan billy bruce albert
willie gabriel logan alan juan wayne roy ralph randy eugene vincent russell louis philip bobby johnny bradley
barack bernie mitch marco ted jeb mike bill doug pierre justin stephen francois françois jacques andre andré luc
marc michel guy yves denis mathieu sylvain benoit benoît jagmeet wab keir rishi boris nigel emmanuel olaf vladimir
xi narendra connor leon auston mitch erik jurgen jürgen elias dwight hank""".split())

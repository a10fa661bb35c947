"""Tables of places: countries, world cities, US states and cities, Canadian provinces, and the
abbreviations news copy writes for states and provinces.

A general table of entities (not per-story rules). The desk classifier's weak labels read a
dateline or a lead that names places of one kind and none of the other as World or U.S.; the
quote rules read a party-and-place tag ('R-Fla.') and know a place is nobody's name. The sets
are lower-case; ``PLACE_ABBR`` maps an abbreviation to the name as written.
"""
from __future__ import annotations

import re

COUNTRIES = frozenset(
    """afghanistan albania algeria andorra angola argentina armenia australia austria azerbaijan bahamas bahrain
    bangladesh barbados belarus belgium belize benin bhutan bolivia bosnia botswana brazil brunei bulgaria burundi
    cambodia cameroon canada chad chile china colombia comoros congo croatia cuba cyprus czech denmark djibouti
    dominica ecuador egypt eritrea estonia ethiopia fiji finland france gabon gambia germany ghana greece grenada
    guatemala guinea guyana haiti honduras hungary iceland india indonesia iran iraq ireland israel italy jamaica
    japan jordan kazakhstan kenya kiribati kosovo kuwait kyrgyzstan laos latvia lebanon lesotho liberia libya
    liechtenstein lithuania luxembourg madagascar malawi malaysia maldives mali malta mauritania mauritius mexico
    moldova monaco mongolia montenegro morocco mozambique myanmar burma namibia nauru nepal netherlands holland
    nicaragua niger nigeria norway oman pakistan palau palestine panama paraguay peru philippines poland portugal
    qatar romania russia rwanda samoa senegal serbia seychelles singapore slovakia slovenia somalia spain
    sudan suriname swaziland sweden switzerland syria taiwan tajikistan tanzania thailand togo tonga tunisia turkey
    turkmenistan tuvalu uganda ukraine uruguay uzbekistan vanuatu venezuela vietnam yemen zambia zimbabwe
    england scotland wales britain gaza chechnya darfur tibet kashmir crimea""".split()
) | {"south africa", "south korea", "north korea", "new zealand", "sri lanka", "saudi arabia", "united arab emirates",
     "united kingdom", "ivory coast", "costa rica", "el salvador", "dominican republic", "sierra leone", "burkina faso",
     "papua new guinea", "east timor", "south sudan", "west bank", "northern ireland", "vatican city",
     "central african republic", "trinidad and tobago", "equatorial guinea", "cape verde"}

WORLD_CITIES = frozenset(
    """london paris berlin madrid rome moscow beijing shanghai tokyo seoul pyongyang kabul kandahar baghdad basra
    tehran islamabad karachi lahore delhi mumbai bombay calcutta kolkata dhaka kathmandu colombo bangkok hanoi
    jakarta manila kuala taipei sydney melbourne canberra auckland wellington ottawa toronto montreal vancouver
    havana caracas bogota lima santiago quito brasilia rio janeiro sao buenos aires tijuana juarez cairo alexandria
    tripoli benghazi tunis algiers rabat casablanca khartoum nairobi mogadishu addis ababa kampala kigali kinshasa
    lagos abuja accra dakar harare johannesburg pretoria durban jerusalem tel aviv beirut damascus aleppo homs amman
    riyadh jeddah dubai doha manama sanaa aden muscat ankara istanbul athens vienna prague warsaw budapest bucharest
    sofia belgrade kiev kyiv minsk oslo stockholm copenhagen helsinki dublin belfast edinburgh glasgow manchester
    liverpool birmingham brussels amsterdam geneva zurich lisbon barcelona milan naples venice munich frankfurt
    hamburg marseille lyon mosul fallujah tikrit kirkuk peshawar misrata sirte""".split()
) | {"hong kong", "new delhi", "mexico city", "kuala lumpur", "port-au-prince", "rio de janeiro", "sao paulo",
     "buenos aires", "tel aviv", "addis ababa", "cape town", "abu dhabi", "phnom penh", "the hague", "vatican city",
     "ho chi minh city", "united nations"}

US_STATES = frozenset(
    """alabama alaska arizona arkansas california colorado connecticut delaware florida georgia hawaii idaho
    illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota mississippi
    missouri montana nebraska nevada ohio oklahoma oregon pennsylvania tennessee texas utah vermont virginia
    wisconsin wyoming""".split()
) | {"new hampshire", "new jersey", "new mexico", "north carolina", "north dakota", "rhode island",
     "south carolina", "south dakota", "west virginia", "puerto rico"}

US_CITIES = frozenset(
    """atlanta boston chicago houston dallas austin denver detroit miami orlando tampa phoenix seattle portland
    philadelphia pittsburgh baltimore cleveland cincinnati columbus indianapolis milwaukee minneapolis memphis
    nashville louisville charlotte raleigh richmond sacramento oakland omaha tulsa albuquerque tucson anchorage
    honolulu newark buffalo brooklyn manhattan bronx queens hartford providence""".split()
) | {"new york", "los angeles", "san francisco", "san diego", "san jose", "las vegas", "new orleans", "salt lake city",
     "kansas city", "st. louis", "oklahoma city", "fort worth", "el paso", "san antonio", "long beach", "fort lauderdale",
     "jacksonville", "baton rouge", "beverly hills", "santa barbara", "staten island", "long island"}

# US states and Canadian provinces as news copy abbreviates them (AP/CP style and postal codes):
# the quote rules read the party-and-place tags after a name ('Sen. Marco Rubio, R-Fla.', '(D-N.Y.)'),
# which later descriptions pick up ('the Florida senator', 'the New York Democrat')
_PLACES = """Ala. AL Alabama|Alaska AK Alaska|Ariz. AZ Arizona|Ark. AR Arkansas|Calif. CA California|
Colo. CO Colorado|Conn. CT Connecticut|Del. DE Delaware|Fla. FL Florida|Ga. GA Georgia|Hawaii HI Hawaii|
Idaho ID Idaho|Ill. IL Illinois|Ind. IN Indiana|Iowa IA Iowa|Kan. KS Kansas|Kans. KS Kansas|Ky. KY Kentucky|
La. LA Louisiana|Maine ME Maine|Md. MD Maryland|Mass. MA Massachusetts|Mich. MI Michigan|Minn. MN Minnesota|
Miss. MS Mississippi|Mo. MO Missouri|Mont. MT Montana|Neb. NE Nebraska|Nev. NV Nevada|N.H. NH New Hampshire|
N.J. NJ New Jersey|N.M. NM New Mexico|N.Y. NY New York|N.C. NC North Carolina|N.D. ND North Dakota|Ohio OH Ohio|
Okla. OK Oklahoma|Ore. OR Oregon|Pa. PA Pennsylvania|R.I. RI Rhode Island|S.C. SC South Carolina|
S.D. SD South Dakota|Tenn. TN Tennessee|Texas TX Texas|Tex. TX Texas|Utah UT Utah|Vt. VT Vermont|Va. VA Virginia|
Wash. WA Washington|W.Va. WV West Virginia|Wis. WI Wisconsin|Wyo. WY Wyoming|Alta. AB Alberta|B.C. BC British Columbia|
Man. MB Manitoba|N.B. NB New Brunswick|N.L. NL Newfoundland|N.S. NS Nova Scotia|Ont. ON Ontario|
P.E.I. PE Prince Edward Island|Que. QC Quebec|Sask. SK Saskatchewan""".replace("\n", "").split("|")
PLACE_ABBR = {k: p.split(None, 2)[2] for p in _PLACES for k in p.split(None, 2)[:2]}
CANADIAN_PROVINCES = frozenset(n.lower() for k, n in PLACE_ABBR.items()
                               if k in ("AB", "BC", "MB", "NB", "NL", "NS", "ON", "PE", "QC", "SK"))

US_PLACES = US_STATES | US_CITIES
WORLD_PLACES = COUNTRIES | WORLD_CITIES
# Washington is the capital (politics and diplomacy, not a U.S. news desk signal) and a state: left out of both.


def _rx(names: frozenset[str]) -> re.Pattern:
    alts = sorted((re.escape(n) for n in names), key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(alts) + r")\b", re.I)


# names that are as often a person, a bird or a word as a place: datelines only, never mentions
AMBIGUOUS = frozenset({"chad", "jordan", "turkey", "georgia", "guinea", "niger", "columbus", "phoenix", "richmond",
                       "birmingham", "portland", "santiago", "lima", "rio", "sao", "kuala", "holland", "wales",
                       "mali", "oman", "peru", "aden", "united nations", "sofia", "austin"})
WORLD_RX = _rx(WORLD_PLACES - AMBIGUOUS)
US_RX = _rx(US_PLACES - AMBIGUOUS)


def place_kind(place: str) -> str | None:
    """'world', 'us' or None for a dateline place such as 'KABUL, Afghanistan' or 'Los Angeles'."""
    parts = [p.strip().lower().rstrip(".") for p in place.split(",") if p.strip()]
    kinds = set()
    for p in parts:
        if p in US_PLACES:
            kinds.add("us")
        elif p in WORLD_PLACES:
            kinds.add("world")
    return kinds.pop() if len(kinds) == 1 else None


def places_named(text: str) -> tuple[set[str], set[str]]:
    """(world places, US places) named in ``text``, distinct, lower-case."""
    return {m.lower() for m in WORLD_RX.findall(text)}, {m.lower() for m in US_RX.findall(text)}

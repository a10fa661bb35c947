"""Stage 3, speaker attribution: who a quote's frame says speaks.

:func:`attribute_frame` picks the cue verb that governs each quote, then asks the
:data:`SPEAKER_FINDERS` in turn for the speaker's token (the first that answers wins),
lets the :data:`SPEAKER_REFINERS` correct a parse they know to be wrong, and turns the
token into a name, a role, an organisation or a pronoun with :func:`name_from`. The
grammatical subject of a cue is itself an ordered list, :data:`SUBJECT_FINDERS`.
Resolving surnames, roles and pronouns to the article's people is ``people``'s job.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefing.quotes.frames import PLACEHOLDER, Frame
from briefing.quotes.people import (
    DOCUMENT_NOUNS, NAME_PARTICLES, SMALL_WORDS, UTTERANCE_NOUNS, document_author, is_issuing_verb, is_spokesperson_phrase,
)
from briefing.quotes.spans import Piece
from briefing.quotes.vocabulary import (
    ADDRESS_CUES,
    CUE_WORDS,
    INDIVIDUAL_NOUNS,
    KIN_NOUNS,
    LOCAL_GOVERNMENTS,
    NOT_A_SPEAKER,
    ORG_HEADS,
    PERSON_HEADS,
    PRONOUNS,
    QUOTE_TOKS,
    REPORTING_CUES,
    TITLE_WORDS,
    WEAK_CUES,
)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token


@dataclass
class Attr:
    speaker: str | None = None
    title: str | None = None
    cue: str | None = None
    cue_key: tuple[int, int] | None = None  # (frame index, token index) shared by split quotes
    pronoun: str | None = None  # unresolved pronoun subject
    pronoun_at: int | None = None  # article offset of that pronoun (its antecedent comes before it)
    kind: str = "none"  # person | org | role | pronoun | none
    colon: bool = False  # found by the colon that introduces the quote, not by a cue word
    # no cue: the speaker is the subject of the (non-speech) verb the quote hangs from
    # ('Trump issued a statement, "..."') or of the sentence before a quote that opens its own
    weak: bool = False
    adjacent: bool = False  # cue governs the quote directly (keeps a one-word quote)
    content: tuple[int, int] | None = None  # frame chars of the reported clause of a partial quote
    phrase: str | None = None  # the subject's words for a role ("the governor")
    maybe_person: bool = False  # a weak "org" that speaks only if the table knows it as a person
    for_person: bool = False  # a role of someone NER names ('a spokesman for Bernie Sanders')
    # no cue, and the quote is a noun phrase under a preposition or in apposition, no verb's
    # argument ('given its "tricky spot"', 'Chants of "..."'): a scare quote or a name
    in_phrase: bool = False

    def set_name(self, kind: str, surface: str, title: str | None) -> None:
        """Fill in what ``name_from`` found: a pronoun to resolve, a role phrase, or a name."""
        self.kind = kind
        if kind == "pronoun":
            self.pronoun = surface
        elif kind == "role":
            self.title, self.phrase = title, surface
        else:
            self.speaker, self.title = surface, title


def _ent_span(tok: "Token") -> "Span | None":
    doc = tok.doc
    for ent in doc.ents:
        if ent.start <= tok.i < ent.end:
            return ent
    return None


def _words_text(words) -> str:
    """The words as the article spells them: their own spacing where they are adjacent
    ('Manufacturers' Association', 'François-Philippe'), one space across a gap."""
    out = []
    for k, t in enumerate(words):
        adjacent = k + 1 < len(words) and words[k + 1].i == t.i + 1
        out.append(t.text + (t.whitespace_ if adjacent else " "))
    return "".join(out).strip()


def _hyphen_start(doc: "Doc", i: int) -> int:
    """Where a name that starts at token ``i`` starts once a hyphenated first part is put back:
    the tokenizer splits 'Jean-Yves Duclos' into 'Jean', '-', 'Yves Duclos', and the parser or
    NER may leave 'Jean -' outside the name, where it reads as a title."""
    while i >= 2 and doc[i - 1].text in ("-", "\u2011") and not doc[i - 1].whitespace_ and not doc[i - 2].whitespace_ \
            and doc[i - 2].is_alpha and doc[i - 2].text[:1].isupper() and doc[i - 2].lower_ not in TITLE_WORDS:
        i -= 2
    return i


def _strip_det(words: list["Token"]) -> list["Token"]:
    while words and (words[0].dep_ in ("det", "punct", "poss", "case") or words[0].lower_ in ("the", "a", "an")):
        words = words[1:]
    while words and words[-1].is_punct and not (words[-1].text == ")" and any(t.text == "(" for t in words)):
        words = words[:-1]  # (a bracket the phrase opened stays: 'president of the ... Unions (CFNU)')
    return words


def _title_left(head: "Token", name_start: int) -> str | None:
    """Compound/modifier words left of a name ("State Department spokesman P.J. Crowley")."""
    left = [t for t in head.subtree if t.i < name_start]
    if not left:
        return None
    # keep the contiguous run ending right before the name
    run: list[Token] = []
    for t in reversed(left):
        if run and t.i != run[0].i - 1:
            break
        if t.is_punct and t.text not in ("-", ".") or t.lower_ in CUE_WORDS and t.pos_ != "PROPN":
            break  # (a cue word in a title is no cue: 'Secretary of State Antony Blinken')
        run.insert(0, t)
    run = _strip_det(_split_compound_left(run))
    if run and run[0].pos_ == "ADP":
        return None  # (the rest of a possessor: 'the University of Toronto's Amir Patel' gives no 'of Toronto')
    txt = _words_text(run)
    return txt or None


def _split_compound_left(run: list["Token"]) -> list["Token"]:
    """A title whose hyphenated job word the tokenizer split and the parser hung apart: 'BBC
    co-host Nick Robinson' gives the run 'host'; put back 'co', '-' and the words before
    them that modify 'co' ('BBC co-host')."""
    if not run:
        return run
    doc, k = run[0].doc, run[0].i
    if k < 2 or doc[k - 1].text not in ("-", "\u2011") or doc[k - 1].whitespace_ or doc[k - 2].whitespace_ \
            or not doc[k - 2].is_alpha or doc[k - 2] in run:
        return run
    piece = doc[k - 2]
    left: list["Token"] = []
    for t in reversed([u for u in piece.subtree if u.i < piece.i]):
        if t.i != (left[0].i if left else piece.i) - 1 or t.is_punct or t.lower_ in CUE_WORDS and t.pos_ != "PROPN":
            break
        left.insert(0, t)
    return left + [piece, doc[k - 1]] + run


def _with_split_compound_right(words: list["Token"]) -> list["Token"]:
    """A role phrase that ends on the first piece of a split hyphenated word ('the company's
    co', '-', 'founder'): the pieces after it, back in the phrase."""
    if not words:
        return words
    doc = words[-1].doc
    while words[-1].i + 2 < len(doc) and doc[words[-1].i + 1].text in ("-", "\u2011") and not words[-1].whitespace_ \
            and not doc[words[-1].i + 1].whitespace_ and doc[words[-1].i + 2].is_alpha:
        words = words + [doc[words[-1].i + 1], doc[words[-1].i + 2]]
    return words


def _appos_title(tok: "Token") -> str | None:
    appos = [c for c in tok.children if c.dep_ == "appos"]
    for c in tok.children:
        if c.dep_ == "appos" and c.pos_ in ("NOUN", "PROPN") and not c.ent_type_ == "PERSON":
            words = [t for t in c.subtree if not any(t in r.subtree for r in c.children if r.dep_ in ("relcl", "acl"))]
            # 'co-author of the Demos report' parsed as three appositions: co, -, author of ...
            while words and words[-1].i + 2 < len(tok.doc) and tok.doc[words[-1].i + 1].text == "-" \
                    and tok.doc[words[-1].i + 2] in appos and not tok.doc[words[-1].i + 1].whitespace_:
                nxt = tok.doc[words[-1].i + 2]
                words = words + [tok.doc[words[-1].i + 1]] + [
                    t for t in nxt.subtree if not any(t in r.subtree for r in nxt.children if r.dep_ in ("relcl", "acl"))]
            words = _strip_det(words)
            doc = tok.doc
            if words and words[-1].i + 1 < len(doc) and doc[words[-1].i + 1].text == ")" \
                    and sum(t.text == "(" for t in words) > sum(t.text == ")" for t in words):
                words = words + [doc[words[-1].i + 1]]  # the bracket the title opened: '... Unions (CFNU)'
            if words and len(words) <= 15:
                return _words_text(words)
    return None


def _described_as(tok: "Token") -> str | None:
    """The description a name stands in apposition to ('the union's president, Lana Payne':
    president), where the parser made the name hang from it."""
    h = tok.head
    if tok.dep_ != "appos" or h.pos_ != "NOUN" or h.i > tok.i:
        return None
    words = _strip_det([t for t in h.subtree if t.i <= h.i])
    return _words_text(words) if words and len(words) <= 6 else None


_QUANTIFIERS = frozenset("""several many most some others other both all few another one each either neither
none half everyone everybody someone somebody anyone nobody much more less little enough plenty such""".split())


def _untagged_name(tok: "Token") -> bool:
    """A surname the tagger took for a common noun or verb ('"...?" Hannity pressed'):
    capitalised, singular, no determiner, no title or organisation word; a gerund only as the
    childless subject of a cue opening its sentence ('Schilling describes himself as')."""
    core = re.sub(r"^(?:O|D|L|Mc|Mac)['’](?=[A-Z])", "", tok.text)  # O’Donnell, D’Souza
    if tok.tag_ not in ("NN", "VB", "VBD", "VBZ", "VBP", "VBN", "VBG", "JJ", "MD", "RB", "IN", "RP", "UH") or not core[:1].isupper() or not core[1:2].islower() \
            or not re.fullmatch(r"[A-Za-z-]+", core):
        return False
    if tok.lower_ in TITLE_WORDS or tok.lower_ in ORG_HEADS or tok.lower_ in _QUANTIFIERS or tok.ent_type_ in ("ORG", "GPE", "NORP", "FAC", "LOC", "DATE"):
        return False
    if any(c.dep_ in ("det", "poss", "amod", "nummod") for c in tok.children):
        return False
    first = next((t for t in tok.sent if not t.is_punct), None)
    # a verb or particle tag on a subject is a tagging slip ('Trump/VB further summed up', 'From/IN said')
    slip = tok.dep_ in ("nsubj", "nsubjpass") and tok.tag_ in ("VB", "VBP", "IN", "RP", "UH") and tok.head.i > tok.i \
        and not any(c.dep_ in ("pobj", "nmod", "pcomp", "prep") for c in tok.children) \
        or tok.dep_ == "csubj" and tok.tag_ == "VBG" and not list(tok.children) and tok.head.lower_ in CUE_WORDS  # 'Schilling describes'
    if tok.tag_ in ("IN", "RP", "UH") and not slip or tok.tag_ == "VBG" and not (slip and first == tok):
        return False  # these tags only as the subject of their verb
    # (a name opening its sentence counts too: 'Trump further described the incident as "..."';
    # requiring it inside its sentence, as the checks above once meant to, loses 2 quotes of quotes-dev)
    return True


def _organisation_with_and(tok: "Token") -> str | None:
    """'Environment and Climate Change Canada said', 'Fisheries and Oceans Canada said',
    'Immigration, Refugees and Citizenship Canada said': a capitalised run joined by "and",
    "&" or commas that ends at the subject is one organisation's name, which the parser split
    into a conjunction and NER often misses: no person in it, and either four capitalised
    words or more, or an organisation or place word at its end. None otherwise."""
    doc = tok.doc
    if tok.pos_ not in ("PROPN", "NOUN") or not tok.text[:1].isupper() or tok.ent_type_ == "PERSON" \
            or any(c.dep_ == "prep" and c.i > tok.i for c in tok.children):
        return None  # ('the Science and Technology Directorate of the Department ...': the whole phrase below)
    j = tok.i
    while j > 0 and (doc[j - 1].text[:1].isupper() and doc[j - 1].is_alpha or doc[j - 1].text in ("and", "&", ",", "of", "for")):
        j -= 1
    while j < tok.i and not (doc[j].text[:1].isupper() and doc[j].is_alpha):
        j += 1
    words = doc[j:tok.i + 1]
    joins = [t for t in words if t.text in ("and", "&")]
    caps = [t for t in words if t.text[:1].isupper() and t.lower_ not in ("of", "for")]
    if not joins or words[0].i == 0 and words[0].lower_ in ("and", "but") or any(t.ent_type_ == "PERSON" for t in words) \
            or any(t.lower_.rstrip(".") in TITLE_WORDS or t.pos_ == "PRON" for t in caps) or doc[j].is_sent_start and doc[j].lower_ in _QUANTIFIERS:
        return None
    if words[-1].text == "," or joins[-1].i < words[0].i or joins[-1].i == tok.i:
        return None
    if len(caps) >= 4 or tok.ent_type_ in ("ORG", "GPE") or tok.lower_ in ORG_HEADS:
        return words.text
    return None


def _age_phrase(tok: "Token") -> str | None:
    """'the 33-year-old' when ``tok`` is its 'old' heading nothing after it (the parser often
    makes 'old' a modifier of the verb: 'The 33-year-old added that ...'), else None."""
    doc = tok.doc
    if tok.lower_ != "old" or tok.i < 3 or doc[tok.i - 2].lower_ not in ("year", "years") or doc[tok.i - 1].text != "-":
        return None
    if tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ in ("NOUN", "PROPN"):
        return None  # 'the 24-year-old defenceman': the noun is the phrase's head
    k = tok.i - 2
    while k > 0 and (doc[k - 1].text == "-" or doc[k - 1].like_num):
        k -= 1
    if k == tok.i - 2 or k == 0 or doc[k - 1].lower_ not in ("the", "a", "an"):
        return None
    return _words_text(doc[k - 1:tok.i + 1])


def _hometown_phrase(tok: "Token") -> str | None:
    """'the Bécancour, Que., native', 'the Richmond Hill, Ont., resident': a hometown and its
    province or state set off by commas between 'the' and a noun for a person, which the
    parser leaves on its own; the whole phrase, or None."""
    doc = tok.doc
    if tok.lower_ not in PERSON_HEADS or tok.i < 4 or doc[tok.i - 1].text != ",":
        return None
    k = tok.i - 2
    while k > 0 and tok.i - k <= 9 and doc[k].lower_ != "the":
        if not (doc[k].text[:1].isupper() or doc[k].text in (",", ".", "-")):
            return None
        k -= 1
    if doc[k].lower_ != "the" or k == tok.i - 2 or not any(t.text == "," for t in doc[k + 2:tok.i - 1]):
        return None
    return _words_text(list(doc[k:tok.i + 1]))


# title words that head the names of institutions, parties or papers ('The White House', 'the
# Wisconsin Republican', 'The New Hampshire Union Leader'), not one person's role
_NOT_A_ROLE = frozenset("house senate state democratic republican gop u.s. us".split())


def _capitalised_role(tok: "Token") -> str | None:
    """'The Premier', 'the Prime Minister', 'the 41-year-old Fort Rouge MLA': a phrase with a
    definite article whose head is a capitalised title word and whose other words are title
    words, place names or an age, naming nobody; returns the phrase, else None."""
    if not (tok.text[:1].isupper() and tok.lower_.rstrip(".") in TITLE_WORDS) or tok.lower_.rstrip(".") in _NOT_A_ROLE:
        return None
    ent = _ent_span(tok)
    if ent is not None and ent.label_ == "PERSON" and ent.end - 1 != tok.i:
        return None  # a title inside a name ('the Premier Doug Ford')
    left = list(tok.doc[tok.left_edge.i:tok.i])
    if not left or left[0].lower_ != "the" or any(c.dep_ == "appos" for c in tok.children) or _appos_name_after(tok):
        return None  # ('The Shadow Secretary of State for the Family, Theresa May, said': her name follows)
    for t in left[1:]:
        # (NER takes 'Edmonton MLA' for a person; a name never ends on a title word)
        if t.ent_type_ == "PERSON" and (ent is None or t.i < ent.start) or t.text in ("'s", "’s") or t.lower_ in ORG_HEADS or not (
                t.lower_.rstrip(".") in TITLE_WORDS or t.text[:1].isupper() or t.text == "-" or t.like_num
                or t.lower_ in ("year", "years", "old")):
            return None
    return _words_text(left + [tok])


def _age_description_subject(v: "Token", skip: frozenset[int]) -> "Token | None":
    """'The 33-year-old added that ...' parsed with 'old' as a modifier of the cue, which is
    left subjectless: the description right before the cue is its subject."""
    if v.i == 0 or any(c.dep_ in ("nsubj", "nsubjpass", "csubj") and c.i not in skip for c in v.children):
        return None
    t = v.doc[v.i - 1]
    return t if t.head == v and _age_phrase(t) is not None else None


_NUMBER_WORDS = frozenset("one two three four five six seven eight nine ten eleven twelve".split())
_PARENT_WORDS = KIN_NOUNS | {"grandad", "granddad", "gran", "nan"}  # ('Mum-of-two', 'Gran-of-five')


def _name_after_family_compound(tok: "Token") -> tuple[str, str] | None:
    """(name, description) for a tabloid's 'Mum-of-two Stacey, 34,' or 'Father-of-three Gary
    Jones': a relative with their number of children, hyphenated before the name (the parser
    takes the first word for the subject); the capitalised run right after it is the name."""
    doc = tok.doc
    j = tok.i
    while j > 0 and j - tok.i > -6 and not (doc[j].lower_ in _PARENT_WORDS and doc[j].text[:1].isupper()):
        j -= 1
    k = j + 5
    if k >= len(doc) or doc[j].lower_ not in _PARENT_WORDS \
            or [t.text for t in doc[j + 1:j + 4]] != ["-", "of", "-"] or doc[j + 4].lower_ not in _NUMBER_WORDS:
        return None
    end = k
    while end < len(doc) and end - k < 3 and doc[end].text[:1].isupper() and doc[end].text.isalpha() \
            and doc[end].lower_ not in TITLE_WORDS | ORG_HEADS:
        end += 1
    if end == k or not (tok.i == j or k <= tok.i < end):
        return None
    return doc[k:end].text, doc[j:k].text.replace(" ", "")


# heads a place modifies without making the phrase an organisation: 'the Quebec native', 'the
# Toronto-born netminder', 'the Ottawa right-hander'
_PLACE_PERSON_HEADS = frozenset("native netminder blueliner blue-liner right-hander left-hander southpaw".split())


_RUN_STOP = frozenset("many some several both all most few other others each every any no".split())


def _name_run_to_verb(tok: "Token") -> str | None:
    """The whole capitalised run ``tok`` sits in, when it runs right up to the verb it is the
    subject of and holds a word the tagger did not take for a name: a name made of common
    words that the parser splits ('Black Lives Matter Toronto issued', 'Idle No More said')."""
    doc = tok.doc
    verb = tok.head
    if tok.dep_ not in ("nsubj", "nsubjpass") or not tok.text[:1].isupper():
        return None
    a = b = tok.i
    while a > 0 and doc[a - 1].text[:1].isupper() and doc[a - 1].is_alpha:
        a -= 1
    while b + 1 < len(doc) and doc[b + 1].text[:1].isupper() and doc[b + 1].is_alpha and doc[b + 1].i != verb.i:
        b += 1
    nxt = doc[b + 1] if b + 1 < len(doc) else None
    if nxt is None or not (nxt.i == verb.i or nxt.head.i == verb.i and nxt.dep_ in ("aux", "auxpass")):
        return None
    run = list(doc[a:b + 1])
    while run and run[0].i < tok.i and (run[0].pos_ in ("CCONJ", "SCONJ", "ADP", "ADV", "DET", "PART")
                                        or run[0].lower_ in PERSON_HEADS | _RUN_STOP):
        run = run[1:]  # ('But Cox said', 'As Politico reported', 'Journalist Jorge Ramos wrote')
    if len(run) < 2 or run[0].lower_ in _RUN_STOP or any(t.lower_ in TITLE_WORDS for t in run) \
            or all(t.pos_ == "PROPN" for t in run) or any(t.pos_ in ("PRON", "AUX") for t in run):
        return None
    return _words_text(run)


def name_from(tok: "Token") -> tuple[str, str, str | None]:
    """(kind, surface, title) for a subject token."""
    kind, surface, title = _name_from_parse(tok)
    if kind in ("org", "person") and surface.split()[:1] and surface.split()[0].lower() in ("which", "who", "whom", "whose", "that"):
        return "role", surface, None  # ('..., which Will claims affirmed "..."': a misparse names no one)
    if kind in ("org", "person") and (run := _name_run_to_verb(tok)) is not None and surface != run \
            and surface.removeprefix("the ").removeprefix("The ") in run:
        return "org", run, None  # (a person is named in name words, not 'No' and 'More')
    return kind, surface, title


# who speaks for an organisation named in a prepositional phrase after them ('officials at the
# Home Office', 'a spokeswoman with the RCMP'): the phrase is part of the speaker's words
_SPOKES_NOUNS = frozenset("""spokesman spokeswoman spokesperson spokesmen spokeswomen spokespeople official officials
representative representatives""".split())


def _titled_person_after_organisation(tok: "Token") -> tuple[str, str] | None:
    """(name, title) for an organisation's name, a capitalised title and a person's name
    written as one run ('said Assembly of First Nations National Chief Cindy Woodhouse
    Nepinak', 'Union of B.C. Municipalities President Trish Mandewo said') when the parser
    made the organisation the subject: the person NER found right after the title speaks,
    with every capitalised word of the run after the title; the words before are the title."""
    doc = tok.doc
    ent = _ent_span(tok)
    if not tok.text[:1].isupper() or ent is not None and ent.label_ == "PERSON":
        return None

    def in_run(t: "Token") -> bool:
        return t.text[:1].isupper() and (t.is_alpha or re.fullmatch(r"(?:[A-Z]\.)+|[A-Z][\w'’-]*", t.text) is not None)

    small = SMALL_WORDS | NAME_PARTICLES
    a = b = tok.i
    while a > 0 and (in_run(doc[a - 1]) or doc[a - 1].lower_ in small and a > 1 and (in_run(doc[a - 2]) or doc[a - 2].lower_ in small)):
        a -= 1
    while b + 1 < len(doc) and (in_run(doc[b + 1]) or doc[b + 1].lower_ in small and b + 2 < len(doc) and (in_run(doc[b + 2]) or doc[b + 2].lower_ in small)):
        b += 1
    person = next((e for e in doc.ents if e.label_ == "PERSON" and a + 2 <= e.start <= b and e.end - 1 <= b), None)
    if person is None or person.start == tok.i:
        return None  # (the subject is the organisation, or a name NER ended early: 'Ursula von der' + 'Leyen')
    title_word = doc[person.start - 1]
    if title_word.lower_.rstrip(".") not in TITLE_WORDS or not title_word.text[:1].isupper():
        return None
    name = [t for t in doc[person.start:b + 1]]
    if not 2 <= len(name) <= 5 or any(t.lower_.rstrip(".") in TITLE_WORDS | {"of", "the", "and", "for", "on", "&"} for t in name):
        return None
    if not any(t.lower_.rstrip(".") not in TITLE_WORDS | SMALL_WORDS for t in doc[a:person.start - 1]):
        return None  # (title words only: the other readings of the parse handle them)
    return _words_text(name), _words_text(list(doc[a:person.start]))


# a word that addresses a person rather than naming their office: an apposition says more
_FORMS_OF_ADDRESS = frozenset("rabbi imam sheikh rev reverend father pastor dr prof".split())


def _dotted_title(t: "Token") -> bool:
    """A title abbreviation with its full stop as one token ('Supt.', 'Lt.')."""
    return t.text.endswith(".") and len(t.text) > 2 and t.lower_[:-1] in TITLE_WORDS


def _name_from_parse(tok: "Token") -> tuple[str, str, str | None]:
    """(kind, surface, title) for a subject token, as the parse shows it."""
    if tok.pos_ == "PRON" or tok.lower_ in PRONOUNS:
        return "pronoun", tok.lower_, None
    if (family := _name_after_family_compound(tok)) is not None:
        return "person", family[0], family[1]
    if (titled := _titled_person_after_organisation(tok)) is not None:
        return "person", titled[0], titled[1]
    if (org := _organisation_with_and(tok)) is not None:
        return "org", org, None
    if (age := _age_phrase(tok)) is not None:
        return "role", age, age.split(" ", 1)[-1]
    if (home := _hometown_phrase(tok)) is not None:
        return "role", home, tok.text  # 'the Bécancour, Que., native': the table resolves it
    noun = next((t for t in tok.doc[tok.i + 1:tok.i + 4] if t.text not in (".", ",")), None)
    if noun is not None and tok.pos_ == "PROPN" and (home := _hometown_phrase(noun)) is not None:
        return "role", home, noun.text  # ('said the Bécancour, Que., native' with 'Que' taken for the subject)
    if tok.lower_ in _QUANTIFIERS and tok.tag_ not in ("NNS", "NNPS") and not any(c.dep_ in ("compound", "flat") for c in tok.children):
        return "role", tok.text, None  # "Several said", "Others argued": nobody named
    ent = _ent_span(tok)
    doc = tok.doc
    j = tok.i
    a = tok.i
    while j + 2 < len(doc) and doc[j].lower_ in TITLE_WORDS and doc[j + 1].text == ".":
        j += 2  # 'said Const. Jenna Clarke', 'said Det. Supt. Mark Howe'
    if j == tok.i and _dotted_title(tok):  # (the same titles kept whole: ABBREVIATION_TOKENS)
        while a > 0 and _dotted_title(doc[a - 1]):
            a -= 1
        while j + 1 < len(doc) and _dotted_title(doc[j]):
            j += 1
    if j > tok.i and doc[j].ent_type_ == "PERSON" and doc[j].ent_iob_ == "B" and (ent is None or len(ent) == 1):
        # the titles' full stops (split off, or kept on the word) made the parser end the
        # sentence there: the name after them speaks
        e = next(e for e in doc.ents if e.start == j)
        return "person", e.text, doc[a:j].text.replace(" .", ".")
    ent = _ent_span(tok)
    if tok.lower_.rstrip(".") in TITLE_WORDS and (ent is None or ent.label_ != "PERSON") \
            and not any(c.dep_ in ("det", "poss") for c in tok.children):
        # 'Speaker of the House Rep. Paul Ryan said': the title heads the phrase, the person
        # named at its end speaks
        named = [e for e in tok.doc.ents if e.label_ == "PERSON" and e.start > tok.i
                 and all(t.i in {u.i for u in tok.subtree} for t in e) and e.start - tok.i <= 8
                 and not (e.root.head.dep_ == "prep" and e.root.head.lower_ in ("for", "to", "with", "at", "from", "by", "about"))]
        if named:
            e = named[0]
            title = _words_text(tok.doc[tok.i:e.start]) or None
            return "person", e.text, title
    if ent is not None and ent.label_ in ("ORG", "NORP", "GPE") and tok.i == ent.end - 1 and 2 <= len(ent) <= 3 \
            and (desc := _described_as(tok)) is not None and tok.head.lower_ in PERSON_HEADS \
            and all(w.text[:1].isupper() for w in ent):
        # 'the union's president, Lana Payne, said' with the name tagged ORG: a name set off
        # after a description of a person is that person
        return "person", ent.text, desc
    if (role := _capitalised_role(tok)) is not None:
        # 'The Premier stated', 'the Premier said', 'says the 41-year-old Fort Rouge MLA': a
        # capitalised title with "the" is a description, not a name; the table of people
        # resolves it (the person the article gave that title)
        return "role", role, _words_text(_strip_det(list(tok.doc[tok.doc[tok.i].left_edge.i:tok.i + 1]))) or None
    if ent is not None and ent.label_ in ("ORG", "NORP", "GPE") and (titled := _titled_name_in(ent)) is not None \
            and tok.i >= titled[0]:
        # 'said Chief Councillor Crystal Smith of the Haisla Nation' with 'Councillor Crystal
        # Smith' tagged ORG: title words, then a two- or three-word name
        k = titled[0]
        left = [t for t in tok.subtree if t.i < k and t.i >= ent.start - 3 and (t.i >= ent.start or t.lower_.rstrip(".") in TITLE_WORDS)]
        return "person", doc[k:ent.end].text, _words_text(left) or None
    if ent is not None and ent.label_ in ("ORG", "GPE", "NORP", "FAC") and tok.i == ent.end - 1 and _name_after_role_word(ent):
        # 'CIBC chief economist Avery Shenfeld wrote' with the name tagged ORG: a name right
        # after a lower-case word for a person's job is that person
        return "person", ent.text, _title_left(tok, ent.start)
    if ent is not None and ent.label_ == "PERSON" and any(t.text[:1].isupper() or t.text[:1] == "@" for t in ent):
        # (an entity all in lower case is a tagging slip, no name: 'the jury foreperson said';
        # a handle is a name: '@mattplanet said')
        words = [t for t in ent if not t.is_punct or t.text == "."]
        # NER sometimes swallows a title ("Foreign Minister Dagoberto Rodriguez")
        k = 0
        while k < len(words) - 1 and words[k].lower_.rstrip(".") in TITLE_WORDS:
            k += 1
        if k == 0:
            # an organisation's name or initials before the title: 'RCMP Superintendent Rob
            # Lasson', 'OPP Sgt. Kerry Schmidt' (the name is the two or three words after it)
            last = max((j for j, w in enumerate(words[:-2]) if w.lower_.rstrip(".") in TITLE_WORDS and w.text[:1].isupper()), default=-1)
            if last > 0 and 2 <= len(words) - last - 1 <= 3 and all(w.text[:1].isupper() for w in words[:last]) \
                    and not any(w.lower_.rstrip(".") in TITLE_WORDS for w in words[last + 1:]):
                k = last + 1
        start = _hyphen_start(doc, words[k].i)
        name = doc[start:ent.end].text if k or start < ent.start else ent.text
        name = re.sub(r"['’]s$", "", name)
        left = _title_left(tok, start)
        if left and left.lower().rstrip(".") in _FORMS_OF_ADDRESS:
            left = _appos_title(tok) or left  # 'Rabbi Rick Jacobs, president of the Union for Reform Judaism': what he is
        title = left or _appos_title(tok) or _described_as(tok)
        return "person", name, title
    if tok.lower_.rstrip(".") in TITLE_WORDS and tok.pos_ == "PROPN" and (named := _appos_name_after(tok)) is not None:
        # 'The Shadow Secretary of State for the Family, Theresa May, said': a capitalised
        # title is not a name; the name set off after it is, when NER missed it
        end = next(t.i for t in tok.doc[tok.i:] if t.text in (",", "--", "—", "–"))
        return "person", named, _words_text(_strip_det([t for t in tok.subtree if t.i < end])) or None
    capitalised_role = tok.lower_.rstrip(".") in TITLE_WORDS and any(c.dep_ in ("det", "poss") for c in tok.children) \
        and sum(c.dep_ == "compound" and c.lower_ not in TITLE_WORDS for c in tok.children) <= 1  # (not 'The New Hampshire Union Leader')
    if not capitalised_role and tok.pos_ == "PROPN" and tok.text[:1].isupper() \
            and (ent is None or ent.label_ not in ("ORG", "GPE", "NORP", "FAC", "LOC")) \
            or _untagged_name(tok):  # ('A senior Tory MP', 'The Premier': a role, capitalised)  # (a lower-case 'PROPN' is a tagging slip: 'the deputy prime minister')
        chain = [t for t in tok.subtree if t.i <= tok.i and t.dep_ in ("compound", "flat") and t.pos_ == "PROPN"
                 and t.i >= tok.i - 3] + [tok]
        chain.sort(key=lambda t: t.i)
        # contiguous run of PROPN ending at tok, minus title words
        run = [tok]
        for t in reversed(chain[:-1]):
            if t.i == run[0].i - 1 and t.lower_.rstrip(".") not in TITLE_WORDS:
                run.insert(0, t)
            else:
                break
        start = _hyphen_start(doc, run[0].i)
        name = " ".join([doc[start:run[0].i + 1].text] + [t.text for t in run[1:]])
        return "person", name, _title_left(tok, start) or _appos_title(tok) or _described_as(tok)
    # noun phrase subject
    words = [t for t in tok.subtree if t.i <= tok.i or t.dep_ in ("compound",)]
    words = [t for t in words if not (t.dep_ in ("relcl", "acl", "appos", "prep") and t.i > tok.i)]
    words = [t for t in tok.subtree if t.i <= tok.i] + [t for t in tok.subtree if t.i > tok.i and t.head == tok and t.dep_ == "prep" and (
        t.lower_ in ("of", "for") or t.lower_ in ("from", "by") and tok.lower_ in DOCUMENT_NOUNS
        or t.lower_ in ("at", "with", "from") and tok.lower_ in _SPOKES_NOUNS)]  # 'a statement from the Kremlin', 'officials at the FBI'

    extra: list[Token] = []
    for p in words[:]:
        if p.i > tok.i:
            extra.extend(t for t in p.subtree if t != p)
    words = sorted(set(words) | set(extra), key=lambda t: t.i)
    # appositive name: "a spokesman, P.J. Crowley, said"
    for c in tok.children:
        if c.dep_ == "appos" and _ent_span(c) is not None and _ent_span(c).label_ == "PERSON":
            ent = _ent_span(c)
            return "person", ent.text, _words_text(_strip_det([t for t in words if t.i <= tok.i])) or None
    phrase_words = [t for t in words if t.i <= tok.i or t.i - tok.i <= 6]
    if tok.lower_ in _SPOKES_NOUNS:  # ('Officials at Homeland Security Investigations, a division of ...,')
        comma = next((t.i for t in phrase_words if t.i > tok.i and t.text in (",", "(", "--", "—", "–")), None)
        phrase_words = [t for t in phrase_words if comma is None or t.i < comma]
    # a quote (placeholder) is never part of the speaker's words: '"something?" O'Malley said'
    doc = tok.doc
    holes = [t.i for t in phrase_words if t.lower_ == PLACEHOLDER and t.i != tok.i and (
        t.i > 0 and doc[t.i - 1].text in QUOTE_TOKS or t.i + 1 < len(doc) and doc[t.i + 1].text in QUOTE_TOKS)]
    if holes:
        lo = max([i for i in holes if i < tok.i], default=-1)
        hi = min([i for i in holes if i > tok.i], default=len(doc))
        phrase_words = [t for t in phrase_words if lo < t.i < hi]
        while phrase_words and phrase_words[0].is_punct:
            phrase_words = phrase_words[1:]
        while phrase_words and (phrase_words[-1].is_punct or phrase_words[-1].pos_ in ("DET", "ADP", "CCONJ")):
            phrase_words = phrase_words[:-1]
    if phrase_words and phrase_words[-1].i == tok.i and tok.i + 1 < len(doc) and doc[tok.i + 1].tag_ == "NNP" \
            and doc[tok.i + 1].head.i == tok.head.i and doc[tok.i + 1].dep_ in ("advmod", "npadvmod") \
            and tok.text[:1].isupper():
        phrase_words = phrase_words + [doc[tok.i + 1]]  # ('Black Lives Matter issued', 'Matter' parsed as an adverb)
    phrase = _words_text(phrase_words)
    if ent is not None and ent.label_ in ("ORG", "GPE", "NORP", "FAC") or tok.lower_ in ORG_HEADS or any(
        (_ent_span(t) is not None and _ent_span(t).label_ in ("ORG", "GPE")) for t in phrase_words if t.i <= tok.i
    ) and tok.lower_ not in TITLE_WORDS | INDIVIDUAL_NOUNS | _PLACE_PERSON_HEADS:  # ('a 14-year-old Pennsylvania girl' is one unnamed person)
        return "org", phrase, None
    if tok.lower_ in LOCAL_GOVERNMENTS and phrase.lower().split()[:2] == ["the", tok.lower_]:
        return "org", phrase, None  # 'the province said in a news release': its government
    if tok.tag_ in ("NNS", "NNPS") and tok.lower_ not in TITLE_WORDS | {"officials", "sources", "aides"}:
        return "org", phrase, None  # a group speaking together: "protesters chanted"
    title = _words_text(_with_split_compound_right(_strip_det(phrase_words))) or None
    named = _appos_name_after(tok)
    if named is not None:  # "his best friend at Lehigh, Bruce Turry, said"
        return "person", named, title
    return "role", phrase, title


_CORPORATE = frozenset("co inc corp ltd llc plc group bank motors electric airlines".split())


def _name_after_role_word(ent: "Span") -> bool:
    """Whether an entity NER did not tag PERSON reads as a person's name after their job: two or
    three capitalised words, none an organisation's, right after a lower-case person word
    ('economist', 'spokesperson', 'coach')."""
    doc = ent.doc
    if ent.start == 0 or not 2 <= len(ent) <= 3:
        return False
    before = doc[ent.start - 1]
    return before.text.islower() and (before.lower_ in PERSON_HEADS or before.lower_ in TITLE_WORDS) \
        and all(t.is_alpha and t.text[:1].isupper() and not t.text.isupper() and t.lower_ not in ORG_HEADS
                and t.lower_ not in _CORPORATE and t.lower_ not in TITLE_WORDS for t in ent)


def _titled_name_in(ent: "Span") -> tuple[int, int] | None:
    """(start, end) of the name in an entity NER took for an organisation that is title words
    followed by a person's name ('Councillor Crystal Smith', 'Chief Superintendent Ian
    Hall'): two or three capitalised proper nouns, none an organisation word; else None."""
    k = ent.start
    while k < ent.end and ent.doc[k].lower_.rstrip(".") in TITLE_WORDS:
        k += 1
    rest = ent.doc[k:ent.end]
    if k == ent.start or not 2 <= len(rest) <= 3:
        return None
    if any(t.pos_ != "PROPN" or not t.text[:1].isupper() or not t.text[1:2].islower()
           or t.lower_ in ORG_HEADS | TITLE_WORDS | _CORPORATE for t in rest):
        return None
    return k, ent.end


def _appos_name_after(tok: "Token") -> str | None:
    """The name set off by a comma or dash right after a role phrase ("the American
    ambassador at the time, John E. Herbst"), whatever the parser made of it: two to four
    capitalised words, then a comma, dash, full stop, "who" or the end."""
    doc = tok.doc
    j = tok.i + 1
    while j < len(doc) and j <= tok.i + 10:
        t = doc[j]
        if t.pos_ in ("VERB", "AUX") or t.text in QUOTE_TOKS or t.lower_ in CUE_WORDS and t.pos_ != "PROPN":  # "of State"
            return None
        if t.text in (",", "--", "—", "–"):
            k = j + 1
            while k < len(doc) and k - j <= 4 and doc[k].pos_ == "PROPN" and doc[k].text[:1].isupper():
                k += 1
            run = doc[j + 1:k]
            end_ok = k == len(doc) or doc[k].text in (",", ".", "--", "—", "–", ")") or doc[k].lower_ in ("who", "whose")
            shortest = 1 if tok.lower_ in KIN_NOUNS and j == tok.i + 1 else 2  # 'His daughter, Aoife, said'
            if shortest <= len(run) <= 4 and end_ok and not any(
                    w.lower_.rstrip(".") in ORG_HEADS | TITLE_WORDS or w.ent_type_ in ("GPE", "LOC", "DATE", "NORP") for w in run):
                return run.text
            if run:
                j = k
                continue
        j += 1
    return None


def _name_taken_for_modal(v: "Token") -> "Token | None":
    """A capitalised 'modal' right before a past form ('"...," Will wrote', 'Will described
    Trump as'): a modal never takes a past form, so it is a name, the verb's subject."""
    if v.tag_ not in ("VBD", "VBN") or v.i == 0:
        return None
    t = v.doc[v.i - 1]
    return t if t.tag_ == "MD" and t.head == v and t.text[:1].isupper() else None


def appos_of_quote_subject(v: "Token", skip: frozenset[int]) -> "Token | None":
    """The name the parser hung as an apposition on a quote it took for the cue's subject
    ('"...," Ramos, 58, told AFP'): that name speaks. Also one apposition further, a name on
    a description the parser hung there ('"...," the union's president, Lana Payne, said')."""
    for c in v.children:
        if c.dep_ == "nsubj" and c.i in skip:
            for a in c.children:
                if a.dep_ != "appos" or a.i > v.i:
                    continue
                if a.pos_ == "PROPN":
                    return a
                if a.pos_ == "NOUN":
                    named = next((n for n in a.children if n.dep_ == "appos" and n.pos_ == "PROPN" and a.i < n.i < v.i), None)
                    if named is not None:
                        return named
            return None
    return None


def _passive_agent(v: "Token") -> "Token | None":
    """Who a passive cue names with "by" ('labeled a "witch hunt" by Democrats', 'was
    written by Springsteen'): the speaker, where the passive subject is what was said."""
    for c in v.children:
        if c.dep_ == "agent":
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    return None


class _Nobody:
    """A finder's answer that ends the search: the grammar says nobody is named here."""

    def __repr__(self) -> str:
        return "NOBODY"


NOBODY = _Nobody()


def _according_to(v: "Token", skip: frozenset[int]) -> "Token | _Nobody | None":
    """'..., according to Sen. Ted Cruz': the object of "to" speaks, and nobody else."""
    if v.lower_ != "according":
        return None
    for c in v.children:
        if c.lower_ == "to":
            for g in c.children:
                if g.dep_ == "pobj":
                    return _maker_of_findings(g) or _author_of_document(g, skip) or g
    return NOBODY


def _maker_of_findings(g: "Token") -> "Token | None":
    """'according to calculations by Amy Glasmeier', 'according to estimates from the
    Treasury': a common noun for someone's work (no person, no document: those name their
    author through their own phrase) speaks for the name in its 'by'/'from' phrase."""
    if g.pos_ != "NOUN" or g.lower_ in DOCUMENT_NOUNS or g.lower_ in PERSON_HEADS or g.lower_.rstrip("s") in PERSON_HEADS:
        return None
    for p in g.children:
        if p.dep_ == "prep" and p.lower_ in ("by", "from"):
            o = next((t for t in p.children if t.dep_ == "pobj"), None)
            if o is not None and o.pos_ == "PROPN" and o.text[:1].isupper():
                return o
    return None


def _by_agent(v: "Token", skip: frozenset[int]) -> "Token | None":
    """'labeled a "witch hunt" by Democrats': the passive cue's agent. The parser often hangs
    the 'by' from the quote's placeholder ('branded "..." by Labour leader Keir Starmer',
    'described as "..." by the union'): a passive participle's quote with a 'by' of its own
    names the agent too."""
    if v.lower_ not in CUE_WORDS:
        return None
    agent = _passive_agent(v)
    if agent is not None or v.tag_ != "VBN":
        return agent
    for q in v.children:
        if q.dep_ == "prep" and q.lower_ == "as":
            q = next((g for g in q.children if g.dep_ == "pobj"), q)
        if q.i not in skip or q.dep_ not in ("dobj", "oprd", "pobj", "attr"):
            continue
        by = next((p for p in q.children if p.dep_ == "prep" and p.lower_ == "by" and p.i > q.i), None)
        o = next((g for g in by.children if g.dep_ == "pobj"), None) if by is not None else None
        if o is not None and (o.pos_ == "PROPN" or o.ent_type_ in ("PERSON", "ORG", "NORP") or o.lower_ in ORG_HEADS):
            return o
    return None


def _modal_name(v: "Token", skip: frozenset[int]) -> "Token | None":
    """'"...," Will wrote': a capitalised 'modal' before a past form is a name."""
    return _name_taken_for_modal(v)


def _nominal_subject(v: "Token", skip: frozenset[int]) -> "Token | None":
    """'"...," Trump said': the cue's own subject (a relative pronoun stands for its noun:
    'Clinton, who said ...'); a dash or bracket the parser took for a subject is none
    ('... ― Trump boasted'). Of two subjects before the verb, the nearer speaks: 'Speaking in
    Bury, Greater Manchester, Farage went after Sunak' (the parser made the place a second
    subject), as a dateline is ('Washington (AFP) – Democrat Hillary Clinton has ...')."""
    children = list(v.children)
    if sum(1 for c in children if c.dep_ in ("nsubj", "nsubjpass") and c.i < v.i and c.i not in skip) > 1:
        children.sort(key=lambda c: -c.i if c.i < v.i else c.i)
    for c in children:
        if c.dep_ in ("nsubj", "nsubjpass", "csubj") and c.i not in skip and any(ch.isalnum() for ch in c.text):
            if _subject_of_quoted_predicate(v, c, skip) and v.dep_ in ("conj", "xcomp", "advcl") \
                    and v.head.pos_ in ("VERB", "AUX"):
                continue  # (the verb the cue goes with names the speaker: _governing_verb_subject)
            if c.lower_ in ("who", "which", "that") and (v.dep_ == "relcl" or v.dep_ == "acl" and c.lower_ != "who"
                                                          and v.head.pos_ == "NOUN" and v.head.i < c.i):
                # ('a statement that, while ..., accused': the parser made the clause an acl)
                if v.head.dep_ == "appos" and c.lower_ == "who" and (v.head.head.ent_type_ == "PERSON" or v.head.head.pos_ == "PROPN"):
                    return v.head.head  # 'Braynard, a South Carolina native who writes': the name
                return _author_of_document(v.head, skip) or v.head
            if c.pos_ == "ADP":
                # 'Of Carson, Levine, who ..., said': the parser made a fronted topic's
                # preposition the subject and the speaker after its comma its object
                # ('Of Kenney, Notley, ...': or an apposition on the object)
                obj = next((g for g in c.children if g.dep_ == "pobj" and g.i not in skip), None)
                for o in [obj, *(g for g in obj.children if g.dep_ == "appos")] if obj is not None else []:
                    if o.i not in skip and any(t.text == "," for t in v.doc[c.i + 1:o.i]):
                        return o
            if c.lower_ in _REFLEXIVES:
                # 'Mr Bez - himself a former engineer at Porsche - said': the parser heads the
                # name with the reflexive of its dashed aside; the name speaks
                names = [t for t in c.children if t.dep_ == "compound" and t.i < c.i and t.pos_ == "PROPN"]
                if names:
                    return names[-1]
            return _author_of_document(c, skip) or c
    return None


_REFLEXIVES = frozenset("himself herself themselves itself".split())
_SUBJECT_PRONOUNS = frozenset("he she they we i it".split())


def _subject_of_quoted_predicate(v: "Token", c: "Token", skip: frozenset[int]) -> bool:
    """'ProPublica ... said she "steered a middle ground"', 'told the BBC he "would never
    resign"': a pronoun after the cue with the quote right behind it is the subject of the
    quoted predicate (the placeholder made the parser take it for the cue's), not the speaker."""
    if c.i <= v.i or c.lower_ not in _SUBJECT_PRONOUNS or c.pos_ != "PRON":
        return False
    j = c.i + 1
    while j < len(v.doc) and v.doc[j].text in QUOTE_TOKS:
        j += 1
    return j in skip


def _author_of_document(d: "Token", skip: frozenset[int]) -> "Token | None":
    """Who a document subject speaks for, where its own phrase says so: 'an email sent out by
    Sanders warned' (the agent of its participle), 'Trump released a video that said' (the
    subject of the verb that issued it). None for anything but a document noun."""
    if d.lower_ not in DOCUMENT_NOUNS or d.pos_ != "NOUN" \
            or any(c.dep_ in ("prep", "poss") and c.lower_ not in ("on", "in", "at") for c in d.children):
        return None  # 'a letter from his doctor', 'Hoff's letter': the phrase names its author
    for a in d.children:
        if a.dep_ == "acl" and a.tag_ == "VBN":
            agent = _passive_agent(a)
            if agent is not None and agent.i not in skip:
                return agent
        if a.dep_ == "relcl" and a.i > d.i:  # 'a speech Mrs. Clinton delivered at N.Y.U.': who gave it
            s = next((c for c in a.children if c.dep_ == "nsubj" and c.i not in skip and c.pos_ == "PROPN"), None)
            if s is not None:
                return s
    if d.dep_ == "dobj" and d.head.pos_ == "VERB" and is_issuing_verb(d.head.text):
        iv = d.head
        s = next((c for c in iv.children if c.dep_ == "nsubj" and c.i not in skip and c.lower_ not in _WH_SUBJECTS), None)
        if s is None and iv.tag_ == "VBG" and iv.dep_ in ("advcl", "conj", "xcomp") and iv.head.pos_ in ("VERB", "AUX") \
                and iv.head.i < iv.i:
            # 'Mr Farage refused to apologise, issuing a statement that ...': a participle
            # that issued it has the subject of the clause it hangs from
            s = next((c for c in iv.head.children if c.dep_ == "nsubj" and c.i not in skip
                      and c.lower_ not in _WH_SUBJECTS and c.pos_ != "PRON"), None)
        if s is not None and s.lower_ not in DOCUMENT_NOUNS:
            return s
    return None


def _relative_clause_noun(v: "Token", skip: frozenset[int]) -> "Token | None":
    """'a spokesman who said ...' parsed without the relative pronoun: the noun speaks."""
    if v.dep_ == "relcl" and v.head.pos_ in ("PROPN", "NOUN"):
        return v.head
    return None


def _through_by(v: "Token") -> "Token":
    """'continued by saying': the finders after this one look at the "by" phrase."""
    if v.dep_ == "pcomp" and v.head.dep_ == "prep":
        return v.head
    return v


def _governing_verb_subject(v: "Token", skip: frozenset[int]) -> "Token | None":
    """'Trump went on and said', 'decided to tweet': the subject of the verb the cue is a
    conjunct, complement or adverbial of."""
    v = _through_by(v)
    if v.dep_ == "xcomp" and v.head.pos_ in ("VERB", "AUX"):
        # object control: 'That prompted Rubio to call Trump "..."', 'urged Ms Hale to say':
        # the object of the verb the cue completes speaks
        obj = next((c for c in v.head.children if c.dep_ == "dobj" and c.i < v.i and c.i not in skip
                    and (c.pos_ == "PROPN" or c.ent_type_ == "PERSON")), None)
        if obj is not None:
            return obj
    if v.dep_ in ("conj", "xcomp", "advcl", "prep") and v.head.i != v.i and v.head.pos_ in ("VERB", "AUX"):
        return subject(v.head, skip)
    return None


_RECIPIENT_PREPS = frozenset("to for toward towards".split())


def _conjunct_clause_subject(v: "Token", skip: frozenset[int]) -> "Token | None":
    """'the Washington Post will brand you a liar and NBC News will accuse you of "..."': a
    conjunct cue whose auxiliary follows a name is a clause of its own with that name as
    subject (the parser made the name a conjunct of the object before it)."""
    if v.dep_ != "conj" or any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in v.children):
        return None
    doc = v.doc
    j = v.i - 1
    while j >= 0 and doc[j].head == v and doc[j].dep_ in ("aux", "auxpass", "neg", "advmod"):
        j -= 1
    if j == v.i - 1 or not any(doc[k].dep_ in ("aux", "auxpass") for k in range(j + 1, v.i)) or j < 1:
        return None
    n = doc[j]
    if n.i in skip or n.pos_ != "PROPN" or n.ent_type_ in ("GPE", "LOC", "DATE", "TIME", "NORP") \
            or n.dep_ not in ("conj", "dobj", "pobj", "appos") or doc[n.left_edge.i - 1].lower_ != "and":
        return None
    return n


def _name_before_participle(v: "Token", skip: frozenset[int]) -> "Token | None":
    """'The ad uses footage of Hillary Clinton asking, "..."', 'a recording of Mr Smith saying':
    a name that is a preposition's object right before a participle cue (no comma between) is
    the participle's own subject, not the clause's ('despite Leo Varadkar saying'); not a
    recipient ('wrote a letter to Attorney General Loretta E. Lynch asking': the writer asks)."""
    if v.tag_ != "VBG" or v.i == 0 or any(c.dep_ in ("nsubj", "nsubjpass") for c in v.children):
        return None
    n = v.doc[v.i - 1]
    if n.i in skip or n.dep_ != "pobj" or n.head.lower_ in _RECIPIENT_PREPS or not (n.ent_type_ == "PERSON" or n.pos_ == "PROPN") \
            or n.ent_type_ in ("GPE", "LOC", "DATE", "TIME", "NORP", "FAC", "EVENT"):
        return None
    return n


def _aside_subject(v: "Token", skip: frozenset[int]) -> "Token | None":
    """'Durbin, noting the size of the list, said': the parser made the aside the root."""
    v = _through_by(v)
    if v.dep_ == "parataxis" and v.head.tag_ == "VBG" and v.head.i < v.i:
        return next((c for c in v.head.children if c.dep_ in ("nsubj", "nsubjpass") and c.i not in skip), None)
    return None


_WH_SUBJECTS = frozenset("who which that what whom".split())


def _subject_of_clause_before(v: "Token", skip: frozenset[int]) -> "Token | None":
    """'Sanders, meanwhile, who sits at zero endorsements, said': the parser made the name and
    its relative clause a clause of their own before the cue, leaving the cue subjectless; the
    subject of that clause (not its relative pronoun) speaks. Likewise 'Trump further summed up
    Clinton as "...," denounced her record and said': a clause before the cue, with the subject."""
    if any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in v.children):
        return None
    for c in v.children:
        if c.i < v.i and c.dep_ in ("ccomp", "advcl", "parataxis") and c.pos_ in ("VERB", "AUX") \
                and not any(g.dep_ == "mark" or g.tag_ == "WRB" for g in c.children):  # not 'When X said ...,'
            subs = [g for g in c.children if g.dep_ in ("nsubj", "nsubjpass") and g.i not in skip and g.i < c.i]
            named = [g for g in subs if g.lower_ not in _WH_SUBJECTS and g.pos_ != "PRON" and g.lower_ not in PRONOUNS]
            if named and (len(subs) > 1 or c.dep_ == "advcl" and v.dep_ == "ROOT"):
                return named[0]
    return None


def _name_before_participle_aside(v: "Token", skip: frozenset[int]) -> "Token | None":
    """'after Mr. Trump, asked about the deaths of journalists, had said, "..."': the parser
    made the name the object of 'after' and left the cue subjectless; the name right before a
    comma-delimited participle aside that ends at the cue (or its auxiliary) speaks."""
    if any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in v.children):
        return None
    doc = v.doc
    j = v.i - 1
    while j >= 0 and doc[j].head == v and doc[j].dep_ in ("aux", "auxpass", "neg", "advmod"):
        j -= 1
    if j < 3 or doc[j].text != ",":
        return None
    k = j - 1
    while k > 0 and doc[k].text != "," and j - k <= 25 and not doc[k].is_sent_start:
        k -= 1
    if k <= 0 or doc[k].text != "," or doc[k + 1].tag_ not in ("VBN", "VBG", "VBD"):  # (the tagger makes many a participle VBD)
        return None
    name = doc[k - 1]
    if name.i in skip or not (name.ent_type_ == "PERSON" or name.pos_ == "PROPN") or name.ent_type_ in ("GPE", "LOC", "DATE"):
        return None
    return name


def _issuer_of_document(v: "Token", skip: frozenset[int]) -> "Token | None":
    """'Trump issued a statement saying': the issuer speaks, not the statement; a noun with
    a participle cue and no issuer ('a spokesman saying') speaks itself."""
    v = _through_by(v)
    if v.dep_ == "acl" and v.head.pos_ in ("PROPN", "NOUN"):
        if v.head.ent_type_ == "PERSON":
            return v.head  # a person is no document: '..., Tim Cook, called "..."' parsed as a modifier
        if v.head.dep_ in ("dobj", "pobj") and v.head.head.pos_ in ("VERB", "AUX"):
            s = subject(v.head.head, skip)
            if s is not None:
                return s
        return v.head
    return None


def _listener_is_no_speaker(v: "Token", skip: frozenset[int]) -> "_Nobody | None":
    """'told AFP', 'tells Mr. Obama': who follows an address cue is the listener."""
    return NOBODY if _through_by(v).lower_ in ADDRESS_CUES else None


def _right_after_quote(v: "Token", skip: frozenset[int]) -> bool:
    """'"...," agreed Cram.': the cue opens the words right after a quote's closing mark
    (a comma at most between), so the name after it speaks, whatever the verb."""
    doc = v.doc
    j = v.i - 1
    while j >= 0 and (doc[j].is_punct or doc[j].text in QUOTE_TOKS) and j not in skip:
        j -= 1
    return j >= 0 and j in skip and v.i - j <= 3


def _inverted_subject(v: "Token", skip: frozenset[int]) -> "Token | None":
    """'said Cuban Deputy Foreign Minister Dagoberto Rodriguez': the noun after the cue
    (not a date: 'said Wednesday')."""
    v = _through_by(v)
    if v.lower_ in WEAK_CUES and not _right_after_quote(v, skip):
        return None  # 'Skelly called Braynard "a real smart guy"': who is called something is no speaker
    for c in v.children:
        if c.i > v.i and c.i not in skip and c.dep_ in ("dobj", "attr", "npadvmod", "dep", "appos", "nsubj", "oprd") and c.pos_ in ("PROPN", "NOUN") \
                and c.ent_type_ not in ("DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"):
            return c
    return None


_DASHES_AND_STOPS = frozenset((",", ";", ":", "(", ")", "—", "–", "--", "."))


def _name_past_split_compound(t: "Token") -> "Token":
    """'said Blaze co-host Stu Burguiere', 'Acme co-founder Sarah Jones said': the tokenizer
    splits a hyphenated job word ('co', '-', 'host') and the parser takes its first piece for
    the subject or object of the cue, beside the name; the person named after the pieces, in
    the same run of words, speaks. Any other token is returned as it is."""
    doc = t.doc
    if t.pos_ != "NOUN" or t.ent_type_ or t.whitespace_ or t.i + 2 >= len(doc) or doc[t.i + 1].text not in ("-", "\u2011") \
            or doc[t.i + 1].whitespace_ or not doc[t.i + 2].is_alpha:
        return t
    for j in range(t.i + 3, min(len(doc), t.i + 9)):
        u = doc[j]
        if u.text in _DASHES_AND_STOPS or u.text in QUOTE_TOKS or u.pos_ in ("VERB", "AUX", "ADP"):
            return t
        if u.ent_type_ == "PERSON":
            e = _ent_span(u)
            return e.root if e is not None else u
    return t


# The grammatical subject of a cue verb: tried in order, the first answer wins (NOBODY: none).
SUBJECT_FINDERS = (
    _according_to,
    _by_agent,
    _modal_name,
    _nominal_subject,
    _age_description_subject,
    _relative_clause_noun,
    _name_before_participle,
    _conjunct_clause_subject,
    _governing_verb_subject,
    _aside_subject,
    _subject_of_clause_before,
    _name_before_participle_aside,
    _issuer_of_document,
    _listener_is_no_speaker,
    _inverted_subject,
)


def subject(v: "Token", skip: frozenset[int] = frozenset()) -> "Token | None":
    """Who speaks cue ``v`` by the grammar: the first answer of :data:`SUBJECT_FINDERS`."""
    for finder in SUBJECT_FINDERS:
        found = finder(v, skip)
        if found is NOBODY:
            return None
        if found is not None:
            return _name_past_split_compound(found)
    return None


def _name_after_cue(v: "Token", skip: frozenset[int]) -> "Token | None":
    """The person named right after a cue ('said retired neurosurgeon Ben Carson', 'added
    Palmer'): a PERSON entity after at most a few title words, or a proper noun run that
    starts right after the cue. The name's head token, or None."""
    if v.lower_ in ADDRESS_CUES:
        return None
    doc = v.doc
    i = v.i + 1
    while i < len(doc) and i - v.i <= 6 and i not in skip:
        t = doc[i]
        if t.ent_type_ == "PERSON" or (i == v.i + 1 and t.pos_ == "PROPN" and t.text[:1].isupper()
                                       and t.ent_type_ not in ("ORG", "GPE", "NORP", "FAC", "LOC", "DATE", "TIME")):
            j = i
            while j + 1 < len(doc) and (doc[j + 1].ent_iob_ == "I" and doc[j + 1].ent_type_ == "PERSON"
                                        or doc[j + 1].pos_ == "PROPN" and doc[j + 1].ent_type_ in ("", "PERSON")):
                j += 1
            if j + 1 < len(doc) and doc[j + 1].lower_ in TITLE_WORDS:
                i = j + 1  # 'Rubio spokesman Alex Conant': the name modifies a title
                continue
            return doc[j]
        if t.is_punct or t.pos_ not in ("DET", "ADJ", "NOUN", "PROPN", "VERB") or t.pos_ == "VERB" and t.tag_ != "VBN":
            return None
        i += 1
    return None


def _cue_tagged_noun(t: "Token", holes: "set[int] | frozenset[int]") -> bool:
    """'"...," Conway notes.', '"...," Bozell says.': a cue word the tagger made a noun (and
    the name before it an adjective) in the attribution clause right after a quote: the
    closing mark, one to three capitalised words, the cue, then the clause's end."""
    doc = t.doc
    if t.pos_ != "NOUN" or t.lower_ not in CUE_WORDS or t.i + 1 < len(doc) and not doc[t.i + 1].is_punct:
        return False
    j = t.i - 1
    while j >= 0 and t.i - j <= 3 and doc[j].is_alpha and doc[j].text[:1].isupper():
        j -= 1
    if j == t.i - 1 or j < 2 or doc[j].text not in QUOTE_TOKS:
        return False
    k = j - 1 if doc[j - 1].text in (",", "?", "!") else j
    return k - 1 in holes


def name_before_cue(v: "Token", skip: frozenset[int]) -> "Token | None":
    """A capitalised name right before a subjectless cue, which the parser made a modifier
    ('"...," Bozell notes' parsed as a compound noun; 'Trump blasted Disney' as an adjective)."""
    j = v.i - 1
    while j > 0 and v.doc[j].is_space:  # 'Trump\xa0added': a no-break space is no word
        j -= 1
    if v.i == 0 or j in skip:
        return None
    t = v.doc[j]
    # (a surname the tagger took for an adverb or adjective, inside its sentence: 'And Skelly called')
    untagged = t.tag_ in ("RB", "JJ", "NN") and t.dep_ in ("advmod", "npadvmod", "amod", "compound") \
        and t.i > t.sent.start and not v.doc[t.i - 1].is_punct and _untagged_name(t) \
        or v.pos_ == "NOUN" and t.is_alpha  # (the cue itself mis-tagged: see _cue_tagged_noun)
    if t.pos_ != "PROPN" and not untagged or not t.text[:1].isupper() or t.lower_.rstrip(".") in TITLE_WORDS \
            or t.ent_type_ in ("GPE", "LOC", "NORP", "DATE", "TIME") or t.dep_ in ("pobj", "poss") or _in_prep_object(t):
        return None
    return t


def _in_prep_object(t: "Token") -> bool:
    """Whether a word is part of a preposition's object after a person's name ('Grand Chief
    Joel Abram of the Association of Iroquois and Allied Indians said': 'Indians' ends the
    name of whom he speaks for, not the speaker). Not inside an organisation's own name:
    'the Department for Environment, Food and Rural Affairs said'."""
    while t.dep_ in ("conj", "compound", "flat", "cc") and t.head is not t:
        t = t.head
    if t.dep_ != "pobj" or t.head.dep_ != "prep":
        return False
    owner = t.head.head
    while owner.dep_ == "pobj" and owner.head.dep_ == "prep":  # 'of the Association of Iroquois'
        owner = owner.head.head
    return owner.pos_ == "PROPN" and owner.ent_type_ not in ("ORG", "GPE", "FAC", "NORP", "LOC") \
        and owner.lower_ not in ORG_HEADS


def _participle_subject(v: "Token", s: "Token", skip: frozenset[int]) -> "Token":
    """A participle cue (', saying', 'while chanting') speaks for the main clause's subject
    when the parser hung it inside a relative clause ('protesters looped the streets where
    the Panthers played, chanting') or inside a reported clause about a thing ('Trump argued
    that a database would keep people out, saying')."""
    if any(c.dep_ in ("aux", "auxpass") for c in v.children):
        return s
    a = v
    while a.dep_ in ("advcl", "conj", "xcomp") and a.head != a:
        a = a.head
    if a.dep_ not in ("relcl", "acl", "ccomp") or a == v:
        return s
    relative = a.dep_ in ("relcl", "acl") or any(c.tag_ == "WRB" and c.i < a.i for c in a.children)  # 'where X played'
    if not relative and (s.pos_ in ("PROPN", "PRON") or s.ent_type_ == "PERSON" or s.lower_ in TITLE_WORDS
                              or name_from(s)[0] == "person"):
        return s
    r = a
    while r.head != r and r.dep_ != "ROOT":
        r = r.head
    m = next((c for c in r.children if c.dep_ in ("nsubj", "nsubjpass") and c.i not in skip), None)
    if m is None or m.i > v.i or m.lower_ in NOT_A_SPEAKER or m.lower_ in ("it", "there"):
        return s
    return m


def _matrix_subject(v: "Token", pron: "Token", skip: frozenset[int]) -> "Token | None":
    """The subject a pronoun subject of cue ``v`` stands for when ``v`` is reported by an
    enclosing clause: "Trump told reporters he thought", "Lapp said she thinks". Only a
    subject of the pronoun's kind (he/she: a person; it/they: a group) before it counts."""
    a = v
    while a.dep_ in ("ccomp", "xcomp", "advcl", "conj") and a.head != a:
        a = a.head
        m = next((c for c in a.children if c.dep_ in ("nsubj", "nsubjpass") and c.i not in skip), None)
        if m is None or m == pron or m.lower_ == pron.lower_:
            continue  # the same pronoun again ('he spoke ... that he believed'): go on up
        if m.i > pron.i or m.pos_ == "PRON" or m.lower_ in PRONOUNS:
            return None
        kind = name_from(m)[0]
        if pron.lower_ in ("he", "she"):
            return m if kind in ("person", "role") else None
        return m if kind == "org" else None
    return None


_CONTENT_DEPS = frozenset("ccomp xcomp dobj oprd attr dep advcl prep conj npadvmod acomp".split())


def _content(doc: "Doc", v: "Token", h: "Token") -> tuple[int, int] | None:
    """The reported clause around a partial quote, as PolNeAR (and an editor) reads it.

    ``Gore said it was "premature" to back Clinton`` attributes the whole clause, not
    the one quoted word; a quote that is the cue's whole complement returns None.
    """
    if v.lower_ == "according":
        # the main clause minus the "according to X" phrase
        sent = h.sent
        skip = {t.i for t in v.subtree}
        toks = [t for t in sent if t.i not in skip]
    elif v.lower_ in WEAK_CUES and _as_clause_on(v, h):
        # '..., to being "extremely careless" with it - as described by James Comey - many
        # believe': the words of the sentence on the quote's side of the 'as' clause
        lo, hi = v.left_edge.i, v.right_edge.i
        toks = [t for t in h.sent if t.i < lo] if h.i < lo else [t for t in h.sent if t.i > hi]
    else:
        if h not in v.subtree:
            return None
        c = h
        while c.head != v and c.head != c:
            c = c.head
        if c == h or c.head != v:
            return None
        toks = [t for t in c.subtree]
        if c.dep_ not in _CONTENT_DEPS:
            return None
    toks = [t for t in toks if t.i >= h.sent.start and t.i < h.sent.end]
    while toks and (toks[0].is_punct and toks[0].text not in "\"“«`'") or toks and toks[0].dep_ == "cc":
        toks = toks[1:]
    while toks and toks[-1].is_punct and toks[-1].text not in "\"”»'" and toks[-1].i != h.i:
        toks = toks[:-1]
    words = [t for t in toks if not t.is_punct and t.i != h.i]
    if not toks or not words:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)




def _colon_before(h: "Token") -> "Token | None":
    """The colon that introduces the quote ``h`` stands for (quote marks in between)."""
    i = h.i - 1
    while i >= 0 and h.doc[i].text in QUOTE_TOKS:
        i -= 1
    return h.doc[i] if i >= 0 and h.doc[i].text == ":" else None


_CLAUSE_MARKS = frozenset("as when while whilst".split())


def _inside_others_clause(h: "Token", v: "Token", holes: "set[int] | frozenset[int]") -> "Token | None":
    """'as Trump went on about "how the system is rigged," Melanie said yes': the quote sits in
    an as/when/while clause of cue ``v`` itself with a subject and a verb of its own (no cue
    word), so it is that subject's words, not what ``v`` reports (a clause inside what ``v``
    reports stays reported: 'remarking that while there are "...", Rubio paid ...')."""
    t = h.head
    while t != v and t.head != t:
        if t.lower_ in CUE_WORDS and t.pos_ in ("VERB", "AUX"):
            return None  # ('as a maintenance guy walks in, saying he's "..."': that cue reports it)
        if t.dep_ == "advcl" and t.head == v and t.pos_ in ("VERB", "AUX") and t.lower_ not in CUE_WORDS \
                and any(c.dep_ == "mark" and c.lower_ in _CLAUSE_MARKS for c in t.children) \
                and any(c.dep_ in ("nsubj", "nsubjpass") and c.i not in holes and c.pos_ in ("PROPN", "NOUN") for c in t.children):
            return t
        t = t.head
    return None


def _in_adverbial_clause(v: "Token", main: "Token") -> bool:
    """Whether cue ``v`` sits in an adverbial clause ("When X suggested ...") of verb ``main``."""
    if v == main or main.pos_ not in ("VERB", "AUX"):
        return False
    t, adverbial = v, False
    while t.head != t and t != main:
        adverbial = adverbial or t.dep_ == "advcl"
        t = t.head
    return t == main and adverbial




_ASKED = frozenset("asked questioned pressed quizzed".split())


def _asked_before_answer(subj: "Token") -> bool:
    """'Ford was also asked about the rally.' then a quote paragraph: the one asked answers
    (not when a colon introduces the question itself: 'Ford was asked: "Will you ...?"')."""
    v = subj.head
    return v.lower_ in _ASKED and v.i > subj.i and subj.doc[-1].text != ":" and not any(
        t.text == ":" for t in subj.doc[v.i:])


def _weak_attr(subj: "Token", cue_verb: bool) -> Attr:
    """A cue-less quote's speaker from a subject (see ``Attr.weak``): people and pronouns;
    a group or document only as the subject of a cue verb; never an unnamed role."""
    if subj.lower_ in NOT_A_SPEAKER or subj.dep_ == "nsubjpass" and not _asked_before_answer(subj):
        return Attr()
    kind, surface, title = name_from(subj)
    if kind == "org" and not cue_verb and not is_spokesperson_phrase(surface):
        if not (subj.pos_ == "PROPN" and " " not in surface and surface[:1].isupper()):
            return Attr()
        # 'Trump attacked "..."' with Trump tagged ORG: kept only if the article's table
        # knows the word as a person's name (decided in extract._assemble)
        attr = Attr(weak=True, maybe_person=True)
        attr.set_name(kind, surface, title)
        return attr
    if kind == "role" and not (cue_verb or surface.lower().startswith("the ") or _possessed_utterance(subj, surface)
                               or is_spokesperson_phrase(surface)):  # ('a council spokesperson referred to "..."')
        return Attr()
    attr = Attr(weak=True)
    attr.set_name(kind, surface, title)
    return attr


def _possessed_utterance(subj: "Token", surface: str) -> bool:
    """'Hillary Clinton’s campaign slogan is "..."', 'Rubio’s catch phrase was that Crist
    "..."': someone's words, named as a thing, the subject of a copula whose complement holds
    the quote: they speak for their possessor."""
    head = subj.lower_ if subj.lower_ != "phrase" or subj.i == 0 or subj.doc[subj.i - 1].lower_ != "catch" else "catchphrase"
    return head in UTTERANCE_NOUNS and subj.head.lemma_ == "be" and subj.i < subj.head.i \
        and any(document_author(surface)) and any(c.dep_ == "poss" for c in subj.children)


# someone's words named by a noun the quote modifies ('Trump's "America First" slogan')
_QUOTED_WORDS_NOUNS = UTTERANCE_NOUNS | frozenset("catchphrase cry line phrase comments remarks description".split())


def _owner_of_quoted_words(h: "Token") -> "Token | None":
    """'Voters remembered Boris Johnson's "get Brexit done" pledge', 'Analysts said Erdogan's "we
    will not bow" vow had rattled markets': a quote between a name's possessive and a noun for
    someone's words (slogan, pledge, mantra, remark, ...) is that name's. Read off the words
    around the quote, which the parser attaches in many ways."""
    doc = h.doc
    j = h.i - 1
    while j >= 0 and doc[j].text in QUOTE_TOKS:
        j -= 1
    k = h.i + 1
    while k < len(doc) and doc[k].text in QUOTE_TOKS:
        k += 1
    if j == h.i - 1 or k == h.i + 1 or j < 1 or k >= len(doc) or doc[j].lower_ not in ("'s", "’s"):
        return None
    noun = doc[k]
    if noun.lower_ in ("rallying", "catch", "punch", "campaign", "election") and k + 1 < len(doc):
        noun = doc[k + 1]  # 'rallying cry', 'catch phrase', 'campaign slogan'
    elif noun.lower_ in ("cry", "line", "phrase"):
        return None  # (not any line)
    if noun.lower_ not in _QUOTED_WORDS_NOUNS or noun.pos_ != "NOUN":
        return None
    owner = doc[j - 1]
    if owner.pos_ != "PROPN" or not owner.text[:1].isupper() \
            or owner.ent_type_ in ("GPE", "LOC", "DATE", "TIME", "FAC", "EVENT", "WORK_OF_ART"):
        return None
    return owner


_DASHES = frozenset(("—", "–", "--", "-", "―"))


def _name_before_dashed_quote(h: "Token") -> "Token | None":
    """'A chorus of Republicans has said the same, including Mitt Romney -- ''...'' -- and Fred
    Goldberg', 'among them the former chancellor George Osborne – "..." – and ...': a quote set
    off by dashes straight after a person's name is that person's words."""
    doc = h.doc
    j = h.i - 1
    while j >= 0 and doc[j].text in QUOTE_TOKS:
        j -= 1
    k = h.i + 1
    while k < len(doc) and (doc[k].text in QUOTE_TOKS or doc[k].text in (",", ".", "!", "?")):
        k += 1
    if j == h.i - 1 or j < 1 or k >= len(doc) or doc[j].text not in _DASHES or doc[k].text not in _DASHES:
        return None
    name = doc[j - 1]
    if name.pos_ != "PROPN" or name.ent_type_ != "PERSON":
        return None
    return name


_TITLING = frozenset("titled entitled headlined named".split())


def _verb_subject_attr(h: "Token", skip: frozenset[int]) -> Attr:
    """A quote with no cue in its sentence that a verb governs ('Trump issued a statement,
    "..."', '"...?" Hannity pressed'): that verb's active subject speaks, or for a subjectless
    participle or conjunct ('Lund went on the offensive, rallying them against "..."') the
    subject of the clause it hangs from."""
    v = h.head
    while v.pos_ not in ("VERB", "AUX") and v.head != v:
        v = v.head
    if v.pos_ not in ("VERB", "AUX"):
        # '"...?" Hannity pressed.': a bare verb right after the quote, its subject between
        # (not a verb inside a reported clause: 'She said ministers would consult ...')
        after = [t for t in h.doc[h.i + 1:h.i + 8] if t.pos_ == "VERB" and t.text[0].islower()
                 and not (t.dep_ == "ccomp" and h.i < t.head.i < t.i and t.head.lower_ in CUE_WORDS)
                 and not any(c.dep_ in ("ccomp", "xcomp", "dobj") and c.i not in skip for c in t.children)]
        # (the parser sometimes makes the name a compound of a verb it took for a noun:
        # '"..." Trump barked and ...')
        subj = next((c for t in after[:1] for c in t.children if h.i < c.i < t.i and (
            c.dep_ == "nsubj" or c.dep_ in ("compound", "npadvmod") and c.pos_ == "PROPN")), None)
        return _weak_attr(subj, True) if subj is not None else Attr()
    if v.lower_ in _TITLING and v.dep_ == "acl" and v.head.lower_ in DOCUMENT_NOUNS and v.head.dep_ == "dobj" \
            and is_issuing_verb(v.head.head.text):
        v = v.head.head  # 'Mook released a memo titled "..."': who issued the document gave its title
    while True:
        subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass") and c.i not in skip), None)
        if subj is not None and v.dep_ == "ccomp" and v.head != v and v.head.pos_ in ("VERB", "AUX") \
                and name_from(subj)[0] not in ("person", "pronoun"):
            # 'Paul Ryan worried that the safety net was becoming "..."': a clause about a
            # thing reported by someone: the reporter speaks
            v = v.head
            continue
        if subj is not None or v.dep_ not in ("conj", "xcomp", "advcl") or v.head == v:
            break
        v = v.head
    if subj is None:
        return Attr()
    return _weak_attr(subj, False)


def context_attr(doc: "Doc") -> Attr:
    """The speaker a sentence hands on to the quote that follows it: the subject of its
    cue verb nearest the root, or of its main verb."""
    cues = [t for t in doc if t.lower_ in CUE_WORDS and t.pos_ in ("VERB", "AUX") and t.text[0].islower()]
    if cues:
        v = min(cues, key=lambda t: (len(list(t.ancestors)), t.i))
        subj = subject(v)
        return _weak_attr(subj, True) if subj is not None else Attr()
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.pos_ not in ("VERB", "AUX"):
        return Attr()
    subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return _weak_attr(subj, False) if subj is not None else Attr()


def _reporting_cue(v: "Token", skip: frozenset[int]) -> "Token | None":
    """The speech verb that reports the clause cue ``v`` sits in ('Ruiz said Kent had urged the
    board "to act now"'): the article attributes the quote to whoever reports it."""
    a = v
    while a.head != a and a.dep_ in ("ccomp", "xcomp", "conj", "advcl", "acomp"):  # acomp: 'X said Y was right to urge'
        if a.dep_ == "advcl" and any(c.dep_ in ("nsubj", "nsubjpass") for c in a.children):
            return None  # an adverbial clause with its own speaker ('..., to which Kent replied')
        h = a.head
        if a.dep_ == "ccomp" and h.lower_ in REPORTING_CUES and h.pos_ in ("VERB", "AUX") and subject(h, skip) is not None:
            return h
        a = h
    return None


def _parenthetical_reporter(v: "Token", skip: frozenset[int]) -> "Token | None":
    """'CNN, Cruz said, called the announcement "highly significant"': a speech verb set off
    by commas before the cue reports the cue's whole clause (the parser hangs it on the cue)."""
    doc = v.doc
    for c in v.children:
        if c.dep_ != "parataxis" or c.i > v.i or c.lower_ not in REPORTING_CUES or c.pos_ not in ("VERB", "AUX"):
            continue
        a, b = c.left_edge.i, c.right_edge.i
        opens = doc[a].text == "," or a > 0 and doc[a - 1].text == ","
        closes = doc[b].text == "," or b + 1 < v.i and doc[b + 1].text == ","
        k = a - 1
        while k >= 0 and (doc[k].text in (",", "—", "–") or doc[k].text in QUOTE_TOKS):
            k -= 1
        if k >= 0 and k in skip:
            continue  # '"...," Nowak said, after X said ...': the clause attributes the quote before it
        if opens and closes and b < v.i and subject(c, skip) is not None:
            return c
    return None


def _enclosing_cue(v: "Token", cues: list["Token"]) -> "Token | None":
    """A cue in a relative clause describes its noun ('saying anybody who complains about it
    "is not having a good night"'): the cue whose complement holds that noun attributes."""
    if v.dep_ != "relcl":
        return None
    return next((a for a in v.ancestors if a in cues and a.lower_ != "according"), None)


_PHRASAL = {"back": frozenset("shot shoots shooting fired fires firing hit hits hitting".split()),
            "out": frozenset("lashed lashes lashing point points pointed pointing".split())}


def _phrasal_cue(t: "Token") -> bool:
    """'Hillary shot back, "..."', 'Johnson hit back at critics, saying', 'lashed out', '"...,"
    points out former champion Jane Doe': a verb
    that with its particle reports speech."""
    doc = t.doc
    return t.i + 1 < len(doc) and t.lower_ in _PHRASAL.get(doc[t.i + 1].lower_, ()) and t.pos_ == "VERB"


def _as_clause_on(v: "Token", h: "Token") -> bool:
    """'The plan was "...", as described by Tory MP John Smith', '..., as Smith described it':
    a cue in an 'as' clause with no object of its own (or 'it') on the clause that holds the
    quote attributes it, as 'as X put it' does, though the cue does not govern the quote."""
    doc = v.doc
    if v.sent != h.sent or h in v.subtree or v.pos_ != "VERB":
        return False
    marked = any(c.dep_ == "mark" and c.lower_ == "as" for c in v.children) \
        or v.i > 0 and doc[v.i - 1].lower_ == "as" and v.tag_ == "VBN"
    if not marked or any(c.dep_ in ("dobj", "ccomp", "xcomp", "oprd") and c.lower_ not in ("it", "them", "this") for c in v.children):
        return False
    main = h
    while main.pos_ not in ("VERB", "AUX") and main.head != main:
        main = main.head
    return v.head in (main, h) or v.head in main.ancestors or v.head in main.subtree and v.head.pos_ in ("VERB", "AUX")


def _put_it(t: "Token") -> bool:
    """'As Tom Ridge put it, "..."': the idiom attributes like a cue word."""
    doc = t.doc
    return t.lower_ in ("put", "puts") and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "it" \
        and t.i >= 2 and (any(doc[k].lower_ == "as" for k in range(max(0, t.i - 8), t.i))
                          or any(c.lower_ == "as" and c.dep_ == "mark" for c in t.children))  # 'as X, a former ..., put it:'


@dataclass
class CueContext:
    """What a speaker finder sees: the frame's parse, the chosen cue verb, the quote's
    placeholder token, the placeholder token ids (never a speaker) and all cue verbs."""

    doc: "Doc"
    cue: "Token"
    quote: "Token"
    skip: frozenset[int]
    cues: list["Token"]


def _cue_subject(c: CueContext) -> "Token | None":
    """'"We will win," Trump said.': the cue's grammatical subject (:func:`subject`)."""
    return subject(c.cue, c.skip)


def _participle_sibling_subject(c: CueContext) -> "Token | None":
    """'"...," Cruz said, adding: "..."': a participle cue speaks for the nearest other cue
    of its sentence that has a subject."""
    v = c.cue
    if v.tag_ != "VBG" or any(s.dep_ in ("nsubj", "nsubjpass") and s.i not in c.skip for s in v.children):
        return None  # (a participle with a subject of its own: '..., Ryan saying ... and Trump calling it "..."')
    for u in sorted(c.cues, key=lambda u: abs(u.i - v.i)):
        if u is not v and u.sent == v.sent and u.lower_ != "according":
            s = subject(u, c.skip)
            if s is not None:
                return s
    return None


def _participle_clause_subject(c: CueContext) -> "Token | None":
    """'Sanders rallied supporters on Monday, saying "..."': a participle cue with no other
    cue speaks for the subject of its sentence's root."""
    if c.cue.tag_ != "VBG":
        return None
    root = c.cue.sent.root
    subjects = [t for t in root.children if t.dep_ in ("nsubj", "nsubjpass") and t.i not in c.skip]
    # 'Washington (AFP) – Democrat Hillary Clinton has taken a swipe ..., saying': a
    # dateline the parser made a second subject; the one nearest the verb speaks
    before = [t for t in subjects if t.i < root.i]
    return before[-1] if before else (subjects[0] if subjects else None)


def _name_after_inverted_cue(c: CueContext) -> "Token | None":
    """'"...," said Robin Maynard, half joking.': the parser hung the name after the cue on
    a later verb; inverted order names the speaker right after the cue."""
    if c.cue.lower_ == "according" or not c.quote.i < c.cue.i:
        return None
    return _name_after_cue(c.cue, c.skip)


def _capitalised_name_after_cue(c: CueContext) -> "Token | None":
    """'"...," said Skelly, explaining ...' or 'said Oversight ranking Democrat Elijah Cummings
    (D-Md.).': where the parser tagged the name as something else, the run of capitalised
    words that ends the clause right after an inverted cue names the speaker (its last word)."""
    v, doc = c.cue, c.doc
    if v.lower_ in ADDRESS_CUES or v.lower_ == "according" or not c.quote.i < v.i:
        return None
    run: list["Token"] = []
    j = v.i + 1
    while j < len(doc) and j - v.i <= 8 and j not in c.skip:
        t = doc[j]
        if t.is_space:
            j += 1
            continue
        if t.text[:1].isupper() and t.text[:1].isalpha() and t.ent_type_ not in ("DATE", "TIME", "GPE", "LOC", "NORP", "ORG"):
            run.append(t)
        elif t.is_punct or t.lower_ in ("who", "whose"):
            break
        elif run or t.lower_ not in TITLE_WORDS and not t.text[:1].islower():
            return None
        else:
            run = []  # a lower-case title word between ('ranking'): the name comes after it
        j += 1
    end_ok = j >= len(doc) or doc[j].is_punct or doc[j].lower_ in ("who", "whose")
    if not run or not end_ok or run[-1].lower_.rstrip(".") in TITLE_WORDS | ORG_HEADS:
        return None
    return run[-1]


def _person_before_cue(c: CueContext) -> "Token | None":
    """'"...," Anne Richards, an assistant secretary, said.': the parser often hangs the
    name off the quote as an apposition, leaving the cue subjectless: the person named
    just before the cue in its sentence speaks."""
    v = c.cue
    if v.lower_ == "according":
        return None
    near = [e for e in c.doc.ents if e.label_ == "PERSON" and e.end <= v.i and e.sent == v.sent
            and v.i - e.end <= 20 and not _an_object(e.root, v, c.skip) and e.root.i not in c.skip]
    return near[-1].root if near else None


def _an_object(tok: "Token", v: "Token", skip: frozenset[int]) -> bool:
    """A name the cue's clause is about, not its speaker: a prepositional object (or a name
    modifying one), a possessor ('He criticized Clinton's record, said ...'), or a name inside the first clause of a
    cue that is a conjunct of a verb with its own subject ('Obama stood beside Meles's
    successor, Prime Minister Hailemariam Desalegn, and described ...': that subject speaks)."""
    if tok.dep_ in ("pobj", "poss") or tok.dep_ == "nmod" and tok.head.dep_ == "pobj":
        return True
    h = v.head
    if v.dep_ != "conj" or h == v or h.pos_ not in ("VERB", "AUX") or tok not in h.subtree or tok in v.subtree:
        return False
    s = next((c for c in h.children if c.dep_ in ("nsubj", "nsubjpass") and c.i not in skip and c.i < h.i), None)
    return s is not None and tok not in s.subtree


def _name_modifying_cue(c: CueContext) -> "Token | None":
    """'"...," Bozell notes.' parsed as a compound noun: see :func:`name_before_cue`."""
    return None if c.cue.lower_ == "according" else name_before_cue(c.cue, c.skip)


def _apposition_on_quote(c: CueContext) -> "Token | None":
    """'"...," Ramos, 58, told AFP.': see :func:`appos_of_quote_subject`."""
    return None if c.cue.lower_ == "according" else appos_of_quote_subject(c.cue, c.skip)


# Who speaks the quote of a chosen cue: tried in order, the first answer wins.
SPEAKER_FINDERS = (
    _cue_subject,
    _participle_sibling_subject,
    _participle_clause_subject,
    _name_after_inverted_cue,
    _person_before_cue,
    _name_modifying_cue,
    _apposition_on_quote,
    _capitalised_name_after_cue,
)


def _person_between_quote_and_cue(c: CueContext, s: "Token") -> "Token":
    """'The new plans "will not solve it," Anne Richards, an assistant secretary, said.':
    the person between the quote and its cue speaks, not the clause subject before it."""
    h, v = c.quote, c.cue
    if s.i < h.i < v.i:
        between_people = [e for e in c.doc.ents if e.label_ == "PERSON" and h.i < e.start and e.end <= v.i]
        if between_people:
            return between_people[0].root
    return s


def _participle_past_a_thing(c: CueContext, s: "Token") -> "Token":
    """'Gore insisted it was premature ..., adding: "..."': a participle the parser hung off
    a clause about a thing speaks for the nearest enclosing clause with a person."""
    v = c.cue
    if v.tag_ != "VBG" or s.lower_ not in ("it", "this", "that", "there"):
        return s
    a = v
    while a.head != a:
        a = a.head
        m = next((t for t in a.children if t.dep_ in ("nsubj", "nsubjpass") and t.i not in c.skip), None)
        if m is not None and m.lower_ not in ("it", "this", "that", "there") and m.i < v.i:
            return m
    # 'It was a one-two punch, as Mrs. Clinton echoed the criticism, saying "..."': the
    # participle follows the clause of the person, a sibling the parser hung beside it
    for u in sorted((t for t in v.head.children if t.dep_ in ("advcl", "conj") and t.i < v.i and t.pos_ in ("VERB", "AUX")),
                    key=lambda t: -t.i):
        m = next((t for t in u.children if t.dep_ in ("nsubj", "nsubjpass") and t.i not in c.skip), None)
        if m is not None and (m.pos_ == "PROPN" or m.ent_type_ == "PERSON"):
            return m
    return s


def _participle_main_clause(c: CueContext, s: "Token") -> "Token":
    """'Protesters looped the streets where the Panthers played, chanting "..."': see
    :func:`_participle_subject`."""
    if c.cue.tag_ == "VBG" and c.cue.i > s.i:
        return _participle_subject(c.cue, s, c.skip)
    return s


# Corrections applied in order to what the finders found, where the parse is known to mislead.
SPEAKER_REFINERS = (
    _person_between_quote_and_cue,
    _participle_past_a_thing,
    _participle_main_clause,
)


def speaker_answers(c: CueContext) -> list[tuple[str, "Token"]]:
    """Every finder's answer (finder name, token), each passed through the refiners."""
    out = []
    for finder in SPEAKER_FINDERS:
        s = finder(c)
        if s is None:
            continue
        for refine in SPEAKER_REFINERS:
            s = refine(c, s)
        out.append((finder.__name__, s))
    return out


# weights of the learned choice (None: the shipped file); "" switches it off (rule order)
RANKER_WEIGHTS: str | None = None


def find_speaker(c: CueContext, rank: bool = True) -> "Token | None":
    """The speaker token for a cue: the first answer of :data:`SPEAKER_FINDERS` (passed
    through :data:`SPEAKER_REFINERS`), or where the finders disagree (and ``rank``), the
    answer the learned ranker (``ranker.py``) scores best."""
    if RANKER_WEIGHTS == "" or not rank:
        s = None
        for finder in SPEAKER_FINDERS:
            s = finder(c)
            if s is not None:
                break
        if s is None:
            return None
        for refine in SPEAKER_REFINERS:
            s = refine(c, s)
        return s
    answers = speaker_answers(c)
    if not answers:
        return None
    own = answers[0][1]
    if answers[0][0] == "_cue_subject" and own.lower_ == "it" and own.dep_ == "nsubj" and own.head == c.cue:
        # '..., it said, adding: "..."': the cue's own subject 'it' is no person named before
        # it in the sentence (it stands for an organisation or a document: People resolves it)
        answers = [(n, t) for n, t in answers if t.ent_type_ != "PERSON"]
    from briefing.quotes.ranker import choose, grammar_features

    named = [(n, name_from(t)[1]) for n, t in answers]
    # the grammar features only where the answers disagree (choose ranks only then)
    grammar = [grammar_features(t, c.cue, c.quote) for _, t in answers] if len({s for _, s in named}) > 1 else None
    k = choose(named, RANKER_WEIGHTS, grammar)
    return answers[k][1]


# how far (tokens) after a quote a bare cue in the next "sentence" may be: the parser ends a
# sentence at a title's full stop ('"...," RCMP Sgt. Tom Reid said.')
_CROSS_SENTENCE_CUE = 9


# the same over a noun phrase and nothing else: a name with its title and organisation
# ('"...," Sgt. Kerry Schmidt of the OPP said.', '... Halifax Regional Police spokesperson Const.
# Martin Cromwell said.')
_CROSS_SENTENCE_PHRASE = 16
_PHRASE_POS = frozenset(("PROPN", "NOUN", "ADJ", "DET", "ADP", "NUM", "PUNCT", "CCONJ", "PART"))


def _bare_cue_within_reach(doc: "Doc", h: "Token", v: "Token", holes: "set[int] | frozenset[int]") -> bool:
    """Whether a cue the parser put in the sentence after a quote is near enough to report it."""
    d = v.i - h.i - 2 * _inner_hyphens(doc, h.i, v.i)
    if 0 < d <= _CROSS_SENTENCE_CUE:
        return True
    return 0 < d <= _CROSS_SENTENCE_PHRASE and all(t.pos_ in _PHRASE_POS or t.is_punct for t in doc[h.i + 1:v.i]) \
        and not any(t.i in holes for t in doc[v.i + 1:v.sent.end])


def _inner_hyphens(doc: "Doc", i: int, j: int) -> int:
    """Hyphens inside people's names between tokens i and j: the tokenizer makes 'Jean-Marc'
    three tokens, and a distance in tokens should not grow with a hyphenated name."""
    return sum(1 for k in range(i + 1, j) if doc[k].text == "-" and doc[k].ent_type_ == "PERSON"
               and not doc[k].whitespace_ and not doc[k - 1].whitespace_)


def _role_of_a_person(tok: "Token") -> bool:
    """'a spokesman for Bernie Sanders', 'a Warren adviser': the role noun ``tok`` is someone's
    (a PERSON entity as its modifier or as the object of its for/of/to)."""
    for t in tok.subtree:
        if t.ent_type_ != "PERSON" or t == tok:
            continue
        x = t
        while x.dep_ in ("compound", "flat") and x.head != x and x.head != tok and x.head.ent_type_ == "PERSON":
            x = x.head
        if any(u.lower_ in ORG_HEADS for u in tok.doc[x.i + 1:tok.i]):
            continue  # 'a Clinton campaign spokesman': the campaign's
        if x.head == tok and x.dep_ in ("compound", "nmod", "poss", "amod") or x.dep_ == "pobj" and x.head.head == tok:
            return True
    return False


def _asked_after(h: "Token", v: "Token") -> bool:
    """'"What does that mean?" Mr. Trump asked, repeating that ...': a quote that ends on ?
    or ! is attributed by the cue right after it, with only its subject between, even when
    the parser gave that cue a clause of its own."""
    doc = h.doc
    j = h.i + 1
    if j >= len(doc) or doc[j].text not in ("?", "!"):
        return False
    while j < v.i and (doc[j].is_punct or doc[j].text in QUOTE_TOKS):
        j += 1
    subj = next((c for c in v.children if c.dep_ == "nsubj"), None)
    return subj is not None and all(doc[k] in subj.subtree for k in range(j, v.i))


def _trailing_cue(h: "Token", cues: list["Token"]) -> "Token | None":
    """The cue of the clause that follows a quote closed on its own punctuation, with a
    speaker of its own: '"...?" asked Dunn', '"...," Dunn said'. Writers put the attribution
    there; a cue before the quote that the parser made govern it ('Moscow denies — "...?"
    asked Dunn') reports something else."""
    doc = h.doc
    j = h.i + 1
    if j >= len(doc) or doc[j].text not in (",", "?", "!"):
        return None
    while j < len(doc) and (doc[j].is_punct and doc[j].text not in ("(", "—", "–", "-") or doc[j].text in QUOTE_TOKS):
        j += 1
    v = next((u for u in cues if (u.i >= j and u.sent == doc[j - 1].sent) or u.i == j), None) if j < len(doc) else None
    if v is None or v.lower_ == "according" or v.tag_ == "VBG":
        return None
    subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass") and c.i != h.i), None)
    if subj is None:
        return None
    if v.i == j and subj.i > v.i:  # inverted: 'asked Dunn'
        return v
    if subj.i == j and all(doc[k] in subj.subtree for k in range(j, v.i)):  # 'Dunn asked'
        return v
    return None


def _coordinate_act(v: "Token", h: "Token") -> bool:
    """'According to his friend X, the teen was "..." and had texted his parents': a cue after
    the quote that is a conjunct of the (non-cue) verb holding it tells another act of the
    same subject, not who said the quote; nor does it join the quote to the one it introduces
    ('Setmayer ridiculed that assessment as "..." and said, "..."': two quotes, each with
    its own verb)."""
    a = v.head
    return v.dep_ == "conj" and v.i > h.i and a != v and h in a.subtree and h not in v.subtree \
        and a.lower_ not in CUE_WORDS


def _cue_before_that(h: "Token", cues: list["Token"]) -> "Token | None":
    """'Trump claimed on Tuesday that "...," one of the prosecutors said ...': a quote opened
    right after 'that' is what the cue before the 'that' reports, whatever the parser hung it from."""
    doc = h.doc
    j = h.i - 1
    while j >= 0 and doc[j].text in QUOTE_TOKS:
        j -= 1
    if j < 1 or doc[j].lower_ != "that":
        return None
    before = [u for u in cues if u.i < j and j - u.i <= 6 and u.lower_ != "according" and u.lower_ not in WEAK_CUES
              and not any(t.is_punct or t.pos_ in ("VERB", "AUX") for t in doc[u.i + 1:j])]
    return before[-1] if before else None


def _continues_a_thing(t: "Token", holes: "set[int] | frozenset[int]") -> bool:
    """'he would not continue Bush's policy of allowing "no daylight"': 'continue' with an
    object (not the quote) goes on with a thing; it is no speech verb ('"...," he continued')."""
    return t.lower_.startswith("continu") and any(c.dep_ == "dobj" and c.i not in holes and c.pos_ in ("NOUN", "PROPN")
                                                    for c in t.children)


def _writers_aside(t: "Token") -> bool:
    """'Trump said, and I quote, "..."': the writer's 'I quote' announces the words of the
    cue before it; it is no cue of its own."""
    return t.lower_ == "quote" and any(c.dep_ == "nsubj" and c.lower_ in ("i", "we") for c in t.children)


def _cue_right_before(h: "Token", cues: list["Token"]) -> "Token | None":
    """'under what Mr Dunn called "the old model," the club charged ...': a cue the quote
    follows straight after its opening mark introduces it, whatever later verb the parser hung
    it from (the placeholder taken for a preposition's object)."""
    doc = h.doc
    j = h.i - 1
    while j >= 0 and doc[j].text in QUOTE_TOKS:
        j -= 1
    if j == h.i - 1 or j < 0:
        return None  # (no opening mark: not a quote the cue introduces)
    return next((u for u in cues if u.i == j and u.lower_ != "according" and u.tag_ != "VBG"
                 and subject(u, frozenset({h.i})) is not None), None)


def _own_cue_before_comma(h: "Token", best: "Token", cues: list["Token"]) -> "Token | None":
    """'The spot ends with footage of Trump saying during the debate last week, "..."': a cue
    inside the clause of the cue chosen, with a subject of its own and no complement, whose
    words run up to a comma and the quote's opening mark, introduces the quote; the parser hung
    the placeholder from the outer verb."""
    doc = h.doc
    j = h.i - 1
    while j >= 0 and doc[j].text in QUOTE_TOKS:
        j -= 1
    if j == h.i - 1 or j < 1 or doc[j].text not in (",", ":"):
        return None
    for u in cues:
        if not (u.i < j and best in u.ancestors and u.lower_ != "according" and u.lower_ not in WEAK_CUES):
            continue
        if any(c.dep_ in ("ccomp", "xcomp", "dobj", "dative") for c in u.children):
            continue
        subj = next((c for c in u.children if c.dep_ == "nsubj"), None)
        if subj is None and u.dep_ == "acl" and u.tag_ == "VBG":
            subj = doc[u.i - 1]  # ('footage of Mr Johnson saying ...': the participle of the name before it)
        if subj is None or subj.pos_ != "PROPN" or subj.i > u.i:
            continue
        sub = {t.i for t in u.subtree}
        if all(k in sub for k in range(u.i + 1, j)):
            return u
    return None


def attribute_frame(doc: "Doc", fi: int, frame: Frame, pieces: list[Piece]) -> dict[int, Attr]:
    """The attribution of each quote in one parsed frame (frame index ``fi``): its cue (the
    nearest cue verb, one that governs the quote first; a colon's clause), its speaker by
    :func:`find_speaker` (or, without a cue, the subject of the verb the quote hangs from),
    a reporting clause's speaker over the one it reports, and a partial quote's content."""
    holes = frame.holes
    out: dict[int, Attr] = {}
    hole_toks: dict[int, Token] = {}
    for pidx, a, b in holes:
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is not None and len(span):
            hole_toks[pidx] = span[0]
    hole_ids = {t.i for t in hole_toks.values()}
    cues = [t for t in doc if (t.lower_ in CUE_WORDS or _put_it(t) or _phrasal_cue(t)) and t.i not in hole_ids
            and (t.lower_ != "according" or (t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to"))
            and (t.pos_ in ("VERB", "AUX") or t.lower_ == "according" or _cue_tagged_noun(t, hole_ids))
            and (t.text[0].islower() or t.lower_ == "according") and not _writers_aside(t)
            and not _continues_a_thing(t, hole_ids)]
    for pidx, h in hole_toks.items():
        best = None
        others = None  # the verb of an as/when/while clause whose subject's words the quote is
        for v in cues:
            governs = h in v.subtree and v.lower_ != "according"
            if v.sent != h.sent:
                # '"...!" the note says.' may be split after the quote: accept a bare cue
                # (no complement of its own) a few words later
                own = [c for c in v.children if c.dep_ in ("ccomp", "xcomp", "dobj") and c.i not in hole_ids
                       and not (c.dep_ == "dobj" and v.lower_ in ADDRESS_CUES)]  # 'told ITV' names a listener
                if not (_bare_cue_within_reach(doc, h, v, hole_ids) and (not own or _asked_after(h, v))):
                    continue
            if v.lower_ in WEAK_CUES and not governs and not _as_clause_on(v, h) or not governs and _coordinate_act(v, h):
                continue
            if governs and (others := _inside_others_clause(h, v, hole_ids)) is not None:
                best = None  # ('as Trump went on about "...", Melanie said yes'): that clause's subject's words
                break
            if v.lower_ == "according":
                score = abs(v.i - h.i) + 3
            else:
                score = abs(v.i - h.i) - (100 if governs else 0)
            if best is None or score < best[0]:
                best = (score, v)
        as_cue = next((v for v in cues if v.lower_ in WEAK_CUES and _as_clause_on(v, h)), None)
        if best is not None and as_cue is not None and best[1] in as_cue.ancestors:
            best = (0, as_cue)  # '... "extremely careless" - as described by James Comey - many believe'
        that_cue = _cue_before_that(h, cues)
        if best is not None and that_cue is not None and best[1].i > h.i:
            best = (0, that_cue)
        own_before = _own_cue_before_comma(h, best[1], cues) if best is not None and best[1].i < h.i else None
        if own_before is not None:
            best = (0, own_before)
        right_before = _cue_right_before(h, cues)
        if best is not None and right_before is not None and best[1].i > h.i:
            best = (0, right_before)
        trailing = _trailing_cue(h, cues)
        if best is not None and trailing is not None and best[1].i < h.i \
                and not all(t.text in (",", ":") or t.text in QUOTE_TOKS
                        for t in doc[best[1].i + 1 + _phrasal_cue(best[1]):h.i]):
            best = (0, trailing)  # (a cue right before the quote introduces it: 'shouted, "Cruz," Beck joked')
        elif best is not None and trailing is not None and best[1].i > trailing.i:
            best = (0, trailing)  # '"...," Trump said, after Becky Quick said ...': the nearer clause
        colon = _colon_before(h)
        if best is not None and colon is not None and _in_adverbial_clause(best[1], colon.head):
            # 'When Trump suggested ..., Rubio fired back: "..."': the clause the colon ends
            # speaks, not a cue inside its adverbial clause
            subj = subject(colon.head, frozenset(t.i for t in hole_toks.values()))
            if subj is not None and subj.lower_ not in ("it", "this", "that", "there", "which", "what"):
                best = (0, colon.head)
        if best is None and colon is not None and colon.i >= 1:
            # 'Breitbart News responded: "..."', 'X has taken the stance: "..."': the clause
            # that introduces the quote with a colon speaks it
            root = doc[colon.i - 1].sent.root
            subj = subject(root, frozenset(hole_toks[k].i for k in hole_toks)) if root.pos_ in ("VERB", "AUX") else None
            if subj is not None and subj.lower_ not in ("it", "this", "that", "there", "which", "what"):
                best = (0, root)
        if best is None:
            out[pidx] = _verb_subject_attr(h, frozenset(hole_ids))
            out[pidx].in_phrase = h.dep_ in ("pobj", "appos") or h.head.pos_ == "ADP"
            if others is not None and out[pidx].speaker:
                out[pidx].cue_key = (fi, others.i)  # (no cue: the clause's quotes go together, as one cue's would)
            continue
        v = best[1]
        reporter = (_reporting_cue(v, frozenset(hole_ids)) or _enclosing_cue(v, cues)
                    or _parenthetical_reporter(v, frozenset(hole_ids))) if v.lower_ != "according" else None
        if reporter is not None and h.i < v.i < reporter.i:
            # a credit after the attribution ('"...," the ministry said in a statement, Reuters
            # reported') reports the whole sentence: the words are the ministry's
            reporter = None
        phrasal = _phrasal_cue(v)
        cue = "according to" if v.lower_ == "according" else f"{v.text} {doc[v.i + 1].text}" if phrasal else v.text
        attr = Attr(cue=cue, cue_key=(fi, v.i), colon=v.lower_ not in CUE_WORDS and not phrasal)
        between = doc[min(v.i, h.i) + 1:max(v.i, h.i)]
        attr.adjacent = h in v.subtree or len(between) <= 5 or v.lower_ in WEAK_CUES and _as_clause_on(v, h)
        skip = frozenset(hole_ids)
        # a clause reported by another cue keeps the rule order: the reporter decides below
        s = find_speaker(CueContext(doc, v, h, skip, cues), rank=reporter is None)
        if reporter is not None and s is not None and s == subject(reporter, skip):
            reporter = None  # the cue's own speaker reports the clause too: the cue's words
        elif reporter is not None:
            s = subject(reporter, skip)  # the reporter speaks, whoever the clause is about
            attr.cue = reporter.text
        c = _content(doc, reporter or v, h)
        if c is not None:
            attr.content = frame.to_article(c[0], c[1], pieces)
        bound = None
        if s is not None and s.lower_ in ("he", "she", "they", "it"):
            # 'Trump told reporters he thought ...': the pronoun of a reported clause is the
            # subject of the clause that reports it
            bound = _matrix_subject(v, s, skip)
        if bound is not None:
            attr.set_name(*name_from(bound))
            attr.pronoun = s.lower_  # the pronoun the bound name stands for
        elif s is not None:
            attr.set_name(*name_from(s))
            attr.for_person = attr.kind in ("role", "org") and _role_of_a_person(s)
            if attr.kind == "pronoun" and s.idx < len(frame.src):
                # 'something he said Minister X seems "open" to': he is someone named before
                # the pronoun, not the subject of the clause it reports
                attr.pronoun_at = frame.src[s.idx]
        out[pidx] = attr
    for pidx, h in hole_toks.items():
        owner = _owner_of_quoted_words(h) or _name_before_dashed_quote(h)
        if owner is not None and pidx in out:
            # 'Critics mocked Justin Trudeau's "sunny ways" mantra': the words are his, whoever
            # the clause around them is about (the cue, if any, stays: it keeps a short quote)
            a = out[pidx]
            a.pronoun = a.pronoun_at = a.phrase = None
            a.maybe_person = a.for_person = False
            a.weak, a.content = a.cue is None, None  # (a reported clause around them is another's)
            a.set_name(*name_from(owner))
    return out


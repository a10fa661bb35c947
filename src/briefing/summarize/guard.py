"""Faithfulness guard for generated summaries.

Small models invent names, numbers and quotes. Every generated sentence is checked against
the article: a capitalised name, a number or a quoted phrase that the article does not
contain is *flagged*. A sentence with more flags than the threshold is dropped; when too
little generated text survives, the caller uses the extractive summary instead and says so
in ``engine.fallback``. Pure Python and cheap, so it runs on every generated sentence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_CAP = re.compile(r"\b[A-Z][\w'’.-]*")
_NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*")
_QUOTED = re.compile(r"[\"“”]([^\"“”]{2,}?)[\"“”]")
_SENT_START = re.compile(r"(?:^|[.!?:;]\s+|[\"“(]\s*)$")

_NOT_NAME_ENDINGS = ("ly", "ing", "ed", "ever", "where", "ite")

NUMBER_WORDS = {
    "zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "thirteen": "13", "fourteen": "14",
    "fifteen": "15", "sixteen": "16", "seventeen": "17", "eighteen": "18", "nineteen": "19", "twenty": "20",
    "thirty": "30", "forty": "40", "fifty": "50", "sixty": "60", "seventy": "70", "eighty": "80", "ninety": "90",
    "hundred": "100", "thousand": "1000", "first": "1", "second": "2", "third": "3", "fourth": "4", "fifth": "5",
}


# Words that start sentences without being names ("The", "However"); kept here rather than
# taken from spaCy so that the guard imports nothing heavy.
COMMON_WORDS = frozenset("""
a about above according across after afterwards again against all almost also although always among an and another
any anyone anything are around as at back be because been before being below besides between both but by can could
despite did do does during each earlier either else even ever every everyone first for from further had has have he
her here hers him his how however i if in including instead into is it its last later many may meanwhile more moreover
most much my neither never nevertheless next no none nor not nothing now of often on once one only or other others
otherwise our over overall perhaps previously rather recently she should similarly since so some still such than that
the their them then there therefore these they this those though thus to today together tomorrow too under unlike
until up upon us very was we were what whatever when where whether which while who whom whose why will with within
without would yesterday yet you your monday tuesday wednesday thursday friday saturday sunday officials police
authorities summary key in-short
""".split())


def _norm_token(token: str) -> str:
    t = token.lower().replace("’", "'")
    return t[:-2] if t.endswith("'s") else t


def _norm_number(n: str) -> str:
    n = n.replace(",", "")
    return n[:-2] if n.endswith(".0") else n


@dataclass
class Flag:
    kind: str  # "name" | "number" | "quote"
    value: str

    def __str__(self) -> str:
        return f"{self.kind} {self.value!r}"


class ArticleIndex:
    """What the article contains, normalised once and reused for every generated sentence."""

    def __init__(self, text: str):
        self.tokens = {_norm_token(t) for t in _TOKEN.findall(text)}
        self.numbers = {_norm_number(n) for n in _NUMBER.findall(text)}
        self.numbers |= {NUMBER_WORDS[t] for t in self.tokens if t in NUMBER_WORDS}
        self.flat = " " + " ".join(_norm_token(t) for t in _TOKEN.findall(text)) + " "

    def has_number(self, n: str) -> bool:
        n = _norm_number(n)
        return n in self.numbers or n in self.tokens

    def has_phrase(self, phrase: str) -> bool:
        words = [_norm_token(t) for t in _TOKEN.findall(phrase)]
        return not words or f" {' '.join(words)} " in self.flat


def check_sentence(sentence: str, index: ArticleIndex) -> list[Flag]:
    """Names, numbers and quoted words in ``sentence`` that the article does not contain."""
    flags: list[Flag] = []
    seen: set[str] = set()
    for m in _QUOTED.finditer(sentence):
        if not index.has_phrase(m.group(1)):
            flags.append(Flag("quote", m.group(1).strip()))
    for m in _NUMBER.finditer(sentence):
        if not index.has_number(m.group()) and m.group() not in seen:
            seen.add(m.group())
            flags.append(Flag("number", m.group()))
    common = COMMON_WORDS
    for m in _CAP.finditer(sentence):
        word = m.group().rstrip(".-'’")
        tok = _norm_token(word)
        if not tok or tok in seen or any(ch.isdigit() for ch in tok):
            continue
        if tok in common or tok.split("'")[0] in common:  # "The" at a sentence start, "I" anywhere, "We're"
            continue
        at_start = bool(_SENT_START.search(sentence[: m.start()]))
        if at_start and tok.endswith(_NOT_NAME_ENDINGS):  # "Additionally", "Following", "Despite"
            continue
        parts = [p for p in re.split(r"[.'’-]", tok) if p]
        if tok in index.tokens or (parts and all(p in index.tokens for p in parts)):
            continue
        if tok in NUMBER_WORDS and NUMBER_WORDS[tok] in index.numbers:
            continue
        seen.add(tok)
        flags.append(Flag("name", word))
    for m in _TOKEN.finditer(sentence):
        tok = m.group().lower()
        if tok in NUMBER_WORDS and NUMBER_WORDS[tok] not in index.numbers and tok not in index.tokens and tok not in seen:
            seen.add(tok)
            flags.append(Flag("number", m.group()))
    return flags


@dataclass
class GuardResult:
    kept: list[str]
    dropped: list[tuple[str, list[Flag]]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.kept) + len(self.dropped)

    def describe(self) -> list[dict[str, object]]:
        return [{"sentence": s, "flags": [str(f) for f in fl]} for s, fl in self.dropped]


@dataclass
class Guard:
    """``max_flags``: flags a sentence may carry and stay; ``min_keep``: share of generated
    sentences that must survive, else the extractive summary is used."""

    max_flags: int = 0
    min_keep: float = 0.5

    def filter(self, sentences: Sequence[str], article: str | ArticleIndex) -> GuardResult:
        index = article if isinstance(article, ArticleIndex) else ArticleIndex(article)
        res = GuardResult(kept=[])
        for s in sentences:
            flags = check_sentence(s, index)
            if len(flags) > self.max_flags:
                res.dropped.append((s, flags))
            else:
                res.kept.append(s)
        return res

    def acceptable(self, res: GuardResult) -> bool:
        return bool(res.kept) and len(res.kept) >= self.min_keep * res.total


def flagged_summary(res: GuardResult, limit: int = 3) -> str:
    """A short reason for ``engine.fallback``: what was not in the article."""
    values: list[str] = []
    for _, flags in res.dropped:
        for f in flags:
            if str(f) not in values:
                values.append(str(f))
    more = f" and {len(values) - limit} more" if len(values) > limit else ""
    return ", ".join(values[:limit]) + more

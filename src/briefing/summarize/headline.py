"""A headline for an article that has none, made from its short summary.

Used by ``briefing summarize`` (the article template's heading) and by the daily briefing
(a story's title), so an untitled article reads the same everywhere and its id
("stdin-532c0e8a0a") never becomes a heading.

A headline is not a sentence: no dateline or agency tag, no trailing attribution
("..., police said"), no final full stop, at most ``MAX_WORDS`` words, cut at a clause
boundary when it must be cut.
"""
from __future__ import annotations

import re

MAX_WORDS = 14

_DATELINE = re.compile(r"^\s*(?:[A-Z][A-Za-z.'\- ]{1,40},\s*)?(?:[A-Za-z.'\- ]{1,40}\s*)?\((?:CNN|AP|Reuters|AFP|CNNMoney|EW\.com|BBC)\)\s*(?:--|—|–|-)?\s*")  # the tags ingest.files strips
_LEAD_IN = re.compile(r"^\s*(?:By [A-Z][\w.'\- ]+?\s*(?:\||•|-|—)\s*)?(?:PUBLISHED|UPDATED):?[^.]*?\d{4}\s*\.?\s*", re.I)
_ATTRIBUTION = re.compile(
    r",?\s+(?:(?:police|officials?|authorities|(?:the\s+)?[a-z]+ (?:said|says)|(?:the\s+)?[A-Z][\w.'\-]+(?: [A-Z][\w.'\-]+){0,3})\s+"
    r"(?:said|says|told [A-Za-z ]+|reported|announced)|according to [^,.;]+)\s*[.!]?\s*$"
)
_DANGLING = frozenset("a an the of on in at to for from with by and or but as its their his her our that this".split())
_SEPARATORS = (" — ", " – ", " - ", "; ", ": ", ", ", " and ", " but ", " after ", " as ", " when ", " while ", " which ", " who ")


def headline_from_summary(text: str, max_words: int = MAX_WORDS) -> str:
    """A headline-like line from a summary sentence (empty string for empty input)."""
    s = " ".join((text or "").split())
    s = _DATELINE.sub("", s)
    s = _LEAD_IN.sub("", s) or s
    s = s.strip().strip("\"“”'")
    trimmed = _ATTRIBUTION.sub("", s).strip()
    if len(trimmed.split()) >= 4:
        s = trimmed
    s = s.rstrip(" .!;:,")
    words = s.split()
    if len(words) > max_words:
        cut = " ".join(words[:max_words])
        best = ""
        for sep in _SEPARATORS:
            pos = cut.rfind(sep)
            if pos >= 25 and len(cut[:pos].split()) >= 5 and pos > len(best):
                best = cut[:pos]
        if best:
            s = best.rstrip(" ,;:-—–")
        else:
            kept = cut.rstrip(" ,;:-—–").split()
            while len(kept) > 5 and kept[-1].lower() in _DANGLING:
                kept.pop()
            s = " ".join(kept).rstrip(" ,;:-—–") + " …"
    if s and s[0].islower():
        s = s[0].upper() + s[1:]
    return s


def article_headline(title: str | None, short_summary: str | None, text: str = "") -> tuple[str, bool]:
    """(headline, derived): the article's title, or one made from its short summary (then its text)."""
    if title and title.strip():
        return title.strip(), False
    return headline_from_summary(short_summary or text) or "Untitled article", True

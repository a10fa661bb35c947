"""Speakers named by layout rather than grammar (transcript and list styles):
``Name: "..."``, ``Stated Stone:`` and ``"..." — Name``."""
from __future__ import annotations

import re
from collections.abc import Callable

from briefing.quotes.frames import abbreviation_dot
from briefing.quotes.vocabulary import PERSON_HEADS, TITLE_WORDS

_NAME = r"([A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|(?:de|van|von|al)\b)){0,3})"
_LABEL_BEFORE = re.compile(r"^\s*" + _NAME + r"\s*:\s*$")
# two names joined by "and" ('- Frank Newport and Jim Harter: "..."'): co-authors speak together
_NAMES = _NAME[:-1] + r"(?:\s+and\s+" + _NAME[1:-1] + r")?)"
# ('Here's Clinton in December 1992:', 'Here is Trump on Tuesday:': when, after the name)
_WHEN = r"(?:\s+(?:in|on|at|during|back\s+in|last|this)\s+[\w.,’'-]+(?:\s+[\w.,’'-]+){0,3}?)?"
_LABEL_LEAD = re.compile(r"(?:\s[-–—]+\s*|\b(?:[Ff]rom|[Ss]tated|[Hh]ere’s|[Hh]ere's|[Hh]ere\s+is)\s+)" + _NAMES + _WHEN + r"\s*:\s*$")
# 'Rep. Trey Gowdy (R-S.C.):"...', 'Former secretary of state Hillary Rodham Clinton:"..."'
_LABEL_TITLED = re.compile(r"^\s*((?:[\w.'’-]+\s+){0,6}?)" + _NAME + r"\s*(?:\([^()\n]{1,20}\))?\s*:\s*$")
# 'Stated Stone:' on its own line before the quote's paragraph
_LABEL_PREV = re.compile(r"^\s*(?:Stated|Said|Added|Wrote|Continued|Explained|Asked)\s+" + _NAME + r"\s*:\s*$")
_LEAD_CUE = re.compile(r"^(?:Stated|Said|Says|Added|Adds|Wrote|Writes|Continued|Explained|Asked)\s+(?=[A-Z])")
# mid-paragraph, after a sentence or a quote ends: 'Clinton: "..." Bush: "..."', 'he tweeted
# about ... Donald Trump: "..."' (only a name the article shows is a person's: 'Translation:')
_LABEL_MID = re.compile(r"(?:[.!?…][\"”’)]?|\.\.\.)\s+" + _NAME + r"\s*:\s*$")
# ('"..." – Johnson. Johnson overstates ...': a full stop after the name ends the label where
# the paragraph goes on, as in text whose paragraph breaks were lost)
# ('"..." ― Veronica Cruz "As a young ..." ― Adriana Rodarte': readers' comments run together, the
# next quote opening straight after the name; not a possessive: '— Johnson's "big idea"')
_LABEL_AFTER = re.compile(r"^\s*[―—–-]{1,2}\s*" + _NAME + r"\s*(?:$|[,(\n]|(?<![A-Z])\.(?=\s+[A-Z])"
                          r"|(?<!['’]s)(?<![A-Z])(?=[“\"]\s*[A-Z]))")


def _team_role(lead: list[str]) -> bool:
    """'Burnley boss', 'Toronto Maple Leafs coach': capitalised words, then the role."""
    return 2 <= len(lead) <= 5 and lead[-1].lower() in PERSON_HEADS and all(w[:1].isupper() for w in lead[:-1])


def label_speaker(text: str, open_at: int, close_at: int,
                  is_person: Callable[[str], bool] | None = None) -> str | None:
    """Transcript and list styles: ``Name: "..."`` and ``"..." — Name``; with ``is_person``
    (whether the article shows a name is a person's), also a label inside a paragraph after
    a sentence ends (``Clinton: "..." Bush: "..."``)."""
    line_start = text.rfind("\n", 0, open_at) + 1
    m = _LABEL_BEFORE.match(text[line_start:open_at]) if open_at - line_start <= 60 else None
    if m is None:  # 'HEADLINE - Jeffrey M. Jones: "..."', 'More from Jones: "..."'
        m = _LABEL_LEAD.search(text[max(line_start, open_at - 80):open_at])
    group = 1
    if m is None and open_at - line_start <= 100:
        t = _LABEL_TITLED.match(text[line_start:open_at])
        lead = t.group(1).split() if t is not None else []
        if lead and lead[0] in ("-", "–", "—", "•", "*"):
            lead = lead[1:]  # a list's bullet
        if t is not None and (all(w.lower().rstrip(".") in TITLE_WORDS | {"of", "the", "and", "for"} for w in lead)
                              or _team_role(lead)):
            m, group = t, 2
            words = t.group(2).split()
            if len(words) > 1 and words[0].lower().split("-")[0].rstrip(".") in TITLE_WORDS:
                m = None  # 'Executive Editor-in-Chief Martin Baron:': the name after the titles
                name = " ".join(w for w in words if w.lower().split("-")[0].rstrip(".") not in TITLE_WORDS)
                if len(name.split()) >= 2:
                    return name
    if m is None and not text[line_start:open_at].strip():
        prev_end = text.rfind("\n", 0, line_start)
        while prev_end > 0 and not text[text.rfind("\n", 0, prev_end) + 1:prev_end].strip():
            prev_end = text.rfind("\n", 0, prev_end)
        if prev_end > 0:
            m = _LABEL_PREV.match(text[text.rfind("\n", 0, prev_end) + 1:prev_end])
    if m is None and is_person is not None:
        seg = text[max(line_start, open_at - 80):open_at]
        mid = _LABEL_MID.search(seg)
        if mid is not None and not abbreviation_dot(seg, mid.start()) and is_person(mid.group(1).strip()):
            m = mid
    if m is None:
        m = _LABEL_AFTER.match(text[close_at:close_at + 60])
    if m is None:
        return None
    name = _LEAD_CUE.sub("", m.group(group).strip())  # 'Said Moe: "..."': the cue opens the label
    words = name.split()
    if not words or words[0].lower().rstrip(".") in TITLE_WORDS and len(words) == 1:
        return None
    if name.isupper() and len(words) == 1:
        return name.title()
    return name


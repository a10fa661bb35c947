"""Photo captions and image credits that scraping glued into article text.

DailyMail pages carry captions inside the text without a full stop, so one "sentence" is often
a caption run into a real sentence ("Guilty: Former teacher Brianne Altice, 35, pictured here in
court on Wednesday, pleaded guilty ... Altice was first arrested ..."); CNN pages carry caption
lines of their own ("Cases of missing girls Ilene Misheloff, left, and Michaela Garecht now
linked to Garrido investigation."). The rules below were read off the captions in
``cnndm-dev.jsonl`` and checked against every sentence of ``bbc-train.jsonl`` (which has no
captions: what they flag there is the false-positive rate, see docs/daily.md):

* a position marker naming where a person is in the picture: ``(pictured)``, ``(left)``,
  ``(centre front)``, ``, left,`` / ``, right, and``, ``, pictured,``, ``pictured above``;
* a caption label: ``Pictured:``, ``Scroll down for video``, or a sentence that opens with a
  short ``Label:`` followed by a capitalised word ("In trouble: Altice ...");
* an image credit: ``Photo:``, ``Credit:``, ``Getty Images``, ``AP Photo``, ``REUTERS/``, ``©`` ...;
* a name followed by a present-tense verb of what the picture shows ("Lewis Hamilton stands on
  his Mercedes after winning the Bahrain Grand Prix", "Hamilton is congratulated by ...").

``clean_sentence`` strips a leading "Scroll down for video" (the rest may be a real sentence);
``is_caption`` then says whether what is left must not be shown.
"""
from __future__ import annotations

import re

_POSITIONS = (r"pictured|left|right|centre|center|above|below|top|bottom|inset|middle|front|back|"
              r"far left|far right|second left|second right|second from left|second from right|"
              r"centre front|centre left|centre right|top left|top right|bottom left|bottom right|"
              r"file photo|file picture|shown above|shown|seen above|main picture|main|circled")
_PAREN_POSITION = re.compile(rf"\(\s*(?:{_POSITIONS})(?:\s+(?:picture|photo|image|pictured))?\s*\)", re.I)
_COMMA_POSITION = re.compile(r",\s*(?:left|right|centre|center|far left|far right|pictured(?:\s+(?:above|below|left|right|here|in|at|with|on|during|campaigning|outside|inside|last|this|earlier)\b[^,]{0,60})?)\s*(?:,|\band\b|$)", re.I)
_PICTURED = re.compile(r"^\s*Pictured\b|\bpictured (?:above|below|here|left|right)\b|\bpictured\s*:|\(?\bpictured\)?\s*$", re.I)
_SCROLL = re.compile(r"^\s*(?:Scroll down for (?:video|more)|Scroll down|Watch the video|Click here[^.]*?)\s*[:.]?\s*", re.I)
_LABEL = re.compile(r"^\s*['‘]?([A-Z][\w'’\-]*(?:\s+[\w'’\-&]+){0,3}):\s+['‘“]?[A-Z0-9]")
_NOT_A_LABEL = re.compile(r"\b(?:said|says|added|told|explained|wrote|writes|asked|insisted|warned|claimed|stated|declared|continued|tweeted|replied|read|reads|went on|added)\b", re.I)
_CREDIT = re.compile(
    r"^\s*(?:photo|image|picture)s?\s*(?:credit|courtesy)?\s*:|\b(?:photo|image|picture)s?\s*(?:credit|courtesy)\s*:|\bcredit\s*:|\bcourtesy of\b[^.]{0,40}$|"
    r"\bGetty Images\b|\bAFP/Getty\b|\bAP Photo\b|\bREUTERS/|\bReuters/[A-Z]|\bPA Wire\b|\bRex Features\b|"
    r"\bShutterstock\b|\bSplash News\b|\bBarcroft\b|©|\(Photo by\b|\bPhoto by\b",
    re.I,
)


def _is_label(label: str, after: str) -> bool:
    """"In trouble: Altice ..." is a caption; "Bridget Jones: The Edge of Reason" is a title."""
    words = label.split()
    if len(words) > 3 or _NOT_A_LABEL.search(label):
        return False
    if len(words) >= 2 and all(w[:1].isupper() for w in words):
        return False  # a name or a title in title case
    return not re.match(r"(?:A|An|The|Volume|Part|Series|Season|Chapter)\b", after)


def clean_sentence(text: str) -> str:
    """The sentence without a leading 'Scroll down for video' (a page widget, not news)."""
    return _SCROLL.sub("", text, count=1).strip()


# "Lewis Hamilton stands on his Mercedes after ...", "Hamilton is congratulated by ...": a name,
# then a present-tense verb of what the picture shows (news sentences narrate in the past)
_PHOTO_VERB = re.compile(
    r"^(?!(?:It|That|This|These|Those|The|A|An|He|She|They|We|I|You|There|Here|What|Which|Who|Mr|Mrs|Ms)\b)"
    r"(?:(?:[A-Z][\w'’.\-]*|de|van|von|al|bin)\s+){1,4}(?:\((?:left|right|centre|center)\)\s+)?(?:"
    r"stands(?! for\b)|sits|poses|celebrates|arrives|smiles|waves|looks on|gestures|"
    r"(?:is|are) (?:congratulated|pictured|shown|greeted|embraced|applauded|carried|mobbed|photographed)|"
    r"(?:is|are) seen (?!as\b|by\b|in virtually\b))\b")


# (test, reason) in order: the first that fires names the reason
_RULES = ((_SCROLL.match, "page widget"), (_PHOTO_VERB.match, "describes a photo"),
          (_PAREN_POSITION.search, "position in photo"), (_COMMA_POSITION.search, "position in photo"),
          (_PICTURED.search, "pictured"), (_CREDIT.search, "image credit"))


def caption_reason(text: str) -> str | None:
    """Why ``text`` is (or contains) a photo caption or image credit; None for a news sentence."""
    s = " ".join(text.split())
    for found, reason in _RULES:
        if found(s):
            return reason
    m = _LABEL.match(s)
    if m and _is_label(m.group(1), s[m.end() - 1 :]):
        return "caption label"
    return None


def is_caption(text: str) -> bool:
    return caption_reason(text) is not None

"""Lower-cased, tokenized CNN/DailyMail text (``cnndm-train-lower.jsonl.gz``): cleaning and a fast splitter.

That text went through the pointer-generator preprocessing: lower-cased, PTB-tokenized (then
lightly detokenized), and a full stop added at every original line break, so a sentence that
wrapped in the source is cut mid-way ("the. new series will include a female astronomer with
a. telescope"). Two things make it usable for training a head that runs on cased user text:

- ``clean_lower`` removes the spurious stops that follow a word no English sentence ends on
  (an article, a preposition that needs an object, a conjunction): "the. new" -> "the new".
  Stops after other words stay: at a line break they mostly end a caption or a byline, which
  user text also sets apart.
- ``split_lower`` cuts sentences at a full stop, "?" or "!" ending a token, the way spaCy
  splits the same text (measured in docs/summarizer.md), but about a hundred times faster,
  because the text is already tokenized: abbreviations ("u.s.", "mr.", "no. 1", initials)
  are not ends (the tokenizer wrote a second stop where one ends a sentence: "u.s.."), and a
  closing quote mark after the stop stays with its sentence.

Lower-case text has no capitals for the run-on rules of ``nlp.sentences`` to use, and needs
none: the line-break stops already close each caption.
"""
from __future__ import annotations

import re

LOWER_SPLIT_VERSION = "lower-1"  # part of the training cache key: bump when split_lower or clean_lower changes

# words a sentence cannot end on: a stop after one of them is a line break, not an end
FUNCTION_WORDS = frozenset(
    "a an the of by with for from into onto to and or but nor as than via per whose between among against during at "
    "his their its my our your this these those".split()
)
ABBREVIATIONS = frozenset(
    "mr mrs ms dr st sen rep gov gen lt col sgt capt cpl adm prof rev jr sr vs inc corp co ltd mt ft ave "
    "jan feb aug sept sep oct nov dec pres supt insp det ch pc".split()
)
_CLOSING = frozenset({"\u2019", "\u201d", "''"})  # curly closing quotes (and PTB's '') never open one
_SPURIOUS = re.compile(r"(?<![\w.])(%s)\. (?=\S)" % "|".join(sorted(FUNCTION_WORDS, key=len, reverse=True)))


def is_lower_text(text: str) -> bool:
    """True for text with letters but no capitals: the lower-cased training form."""
    return not any(ch.isupper() for ch in text) and any(ch.isalpha() for ch in text)


# what user text (and the cased test articles) no longer carry: DailyMail's byline block
# ("by. john drayton for mailonline. published: ... | . updated: ... .") and CNN's dateline
_BYLINE = re.compile(
    r"^(?:by\. [^.]{1,80}?\. (?:and [^.]{1,60}?\. )?|follow @@ ?\S+\. |"
    r"(?:published|updated|last updated) ?: [^|]{0,80}?\d{4}\. (?:\| \. )?|\| \. )+"
)
_DATELINE = re.compile(r"^[^().]{0,60}\((?:cnn|ew\.com|cnn student news|ewg|mental floss)\) *(?:-- *)?")


def clean_lower(text: str) -> str:
    """The lower-cased story as a user's article would read: no byline block or dateline, and
    no full stops after function words at line breaks."""
    text = _BYLINE.sub("", text.strip())
    text = _DATELINE.sub("", text)
    return _SPURIOUS.sub(r"\1 ", text).strip()


def _ends_sentence(tok: str, nxt: str | None) -> bool:
    if not tok or tok[-1] not in ".!?":
        return False
    if tok[-1] in "!?" or tok.endswith(".."):
        return True
    word = tok[:-1]
    core = word.lstrip("(\"'")
    if not core:
        return True  # a lone stop, or a stop after a quote mark: "' ."
    if re.fullmatch(r"(?:\w\.)+\w", core):  # u.s., a.m., u.k.: the tokenizer doubled a final stop ("u.s..")
        return False
    if len(core) == 1 and core.isalpha():  # an initial: "george w. bush"
        return False
    if core in ABBREVIATIONS:
        return False
    if core == "no" and nxt is not None and nxt[:1].isdigit():
        return False
    return True


def split_lower(text: str) -> list[str]:
    """Sentences of one lower-cased, tokenized article (``clean_lower`` it first)."""
    toks = text.split()
    out: list[str] = []
    cur: list[str] = []
    open_quotes = {'"': False, "'": False}
    i = 0
    while i < len(toks):
        tok = toks[i]
        cur.append(tok)
        if tok in ('"', "'"):
            open_quotes[tok] = not open_quotes[tok]
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if _ends_sentence(tok, nxt):
            # a quote mark that closes an open quotation belongs to this sentence
            while nxt in _CLOSING or (nxt in open_quotes and open_quotes[nxt]):
                cur.append(nxt)
                if nxt in open_quotes:
                    open_quotes[nxt] = False
                i += 1
                nxt = toks[i + 1] if i + 1 < len(toks) else None
            out.append(" ".join(cur))
            cur = []
        i += 1
    if cur:
        out.append(" ".join(cur))
    # drop pieces without a letter or digit; glue a tiny fragment to the sentence before it
    merged: list[str] = []
    for s in out:
        if not any(ch.isalnum() for ch in s):
            if merged:
                merged[-1] += " " + s
            continue
        if merged and len(s) < 4:
            merged[-1] += " " + s
        else:
            merged.append(s)
    return merged

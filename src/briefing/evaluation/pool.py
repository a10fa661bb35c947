"""The validation pool: stories of ``cnndm-train-lower.jsonl.gz`` set apart by a fixed hash of their id.

A story is in the pool when ``sha1(id) mod POOL_MODULUS == 0`` (4,094 of the 40,751 stories:
2,052 DailyMail, 2,042 CNN). ``briefing train`` never trains on a pool story, from any file,
and ``briefing eval FILE --pool`` scores only them, DailyMail and CNN apart and together.
The rule depends on nothing but the id, so the pool is the same on every machine, for every
training recipe, without a file to ship.

Pool text is given to the summarizer as a user's article would read (``evaluation.lower.clean_lower``:
no byline block, no dateline, no stray full stops at the old line breaks); it stays lower-cased,
which neither the static sentence vectors (MiniLM is uncased) nor the head's features see.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import os
from typing import Any, Iterator

POOL_MODULUS = 10


def in_pool(story_id: object) -> bool:
    """Whether a story id belongs to the validation pool (never trained on)."""
    return int(hashlib.sha1(str(story_id).encode("utf-8")).hexdigest(), 16) % POOL_MODULUS == 0


def open_text(path: str | os.PathLike[str]):
    """A JSONL file, gzip-compressed when its name ends in .gz."""
    return gzip.open(path, "rt", encoding="utf-8") if str(path).endswith(".gz") else open(path, encoding="utf-8")


def iter_jsonl(path: str | os.PathLike[str]) -> Iterator[tuple[int, str]]:
    with open_text(path) as fh:
        for ln, line in enumerate(fh, 1):
            if line.strip():
                yield ln, line


def as_user_text(text: str) -> str:
    """Lower-cased training text cleaned to the form users' articles take; other text unchanged."""
    from briefing.evaluation.lower import clean_lower, is_lower_text

    return clean_lower(text) if is_lower_text(text) else text


def pool_rows(path: str | os.PathLike[str], limit: int | None = None) -> list[dict[str, Any]]:
    """The pool stories of a JSONL(.gz) file, their text cleaned by ``as_user_text``."""
    rows = []
    for _ln, line in iter_jsonl(path):
        r = json.loads(line)
        if not in_pool(r.get("id")):
            continue
        text = r.get("article") or r.get("text") or ""
        rows.append({**r, "article": as_user_text(text)})
        if limit and len(rows) >= limit:
            break
    return rows

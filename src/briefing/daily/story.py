"""One story told from every article that covers it.

* **Summary**: maximal marginal relevance over the ranked sentences of all member articles.
  A sentence's relevance is its rank inside its own article (1/(1+rank)), weighted by how
  central its article is to the story; it is penalised by its highest cosine to a sentence
  already chosen, and refused outright when it repeats one (cosine >= ``REPEAT_COSINE`` on
  the static MiniLM vectors, or half its word trigrams already told). An outlet not yet
  heard gets a bonus, so a story covered by three outlets is told by more than one. Captions
  and image credits (``daily.captions``) are never candidates.
* **Developing**: sentences told in the previous briefing are not candidates; sentences of
  articles new since then get a bonus and lead.
* **Key points**: the members' key points, same redundancy check, not repeating the summary.
* **Quotes**: each text once; grouped by speaker ("Obama" joins "Barack Obama").
* **Figures**: where outlets give different numbers for the same thing ("5,000 people" vs
  "4,800 people"), the story says so.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Sequence

import numpy as np

from briefing.article import ArticleResult
from briefing.daily.captions import clean_sentence, is_caption

REPEAT_COSINE = 0.80
TRIGRAM_REPEAT = 0.5
MMR_LAMBDA = 0.7
NEW_OUTLET_BONUS = 0.25
NEW_ARTICLE_BONUS = 0.6
CANDIDATES_PER_ARTICLE = 8
MIN_WORDS, MAX_WORDS = 4, 60

_WORD = re.compile(r"\w+")


def norm(text: str) -> str:
    return " ".join(w.lower() for w in _WORD.findall(text))


def trigrams(text: str) -> set[tuple[str, ...]]:
    w = norm(text).split()
    return {tuple(w[i : i + 3]) for i in range(len(w) - 2)}


@dataclass
class Candidate:
    text: str
    article: int  # index into the story's members
    rank: int
    vec: np.ndarray | None = None
    pos: int = 0  # where it starts in the article text (for reading order)
    grams: set = field(default_factory=set)


def candidates(members: Sequence[ArticleResult], told: set[str] = frozenset(), per_article: int = CANDIDATES_PER_ARTICLE) -> list[Candidate]:
    """Each member's best sentences, cleaned, captions and already-told sentences left out."""
    out = []
    for m, r in enumerate(members):
        ranked = r.ranked_sentences or r.summary_sentences or [s for s in re.split(r"(?<=[.!?])\s+", r.summary.long) if s]
        seen = 0
        for rank, raw in enumerate(ranked):
            text = clean_sentence(" ".join(raw.split()))
            n = len(text.split())
            if not text or is_caption(text) or n < MIN_WORDS or n > MAX_WORDS or norm(text) in told:
                continue
            found = r.article.text.find(text[:40])
            out.append(Candidate(text, m, rank, grams=trigrams(text), pos=found if found >= 0 else 10**6 + rank))
            seen += 1
            if seen >= per_article:
                break
    return out


def repeats(c: Candidate, chosen: Sequence[Candidate]) -> bool:
    for o in chosen:
        if c.vec is not None and o.vec is not None and float(c.vec @ o.vec) >= REPEAT_COSINE:
            return True
        if c.grams and len(c.grams & o.grams) / len(c.grams) >= TRIGRAM_REPEAT:
            return True
    return False


def choose_summary(cands: Sequence[Candidate], weights: Sequence[float], outlets: Sequence[str], n: int,
                   new_articles: set[int] = frozenset()) -> list[Candidate]:
    """MMR across all member articles with an outlet-diversity bonus and a repeat refusal
    (vectorised: one pass over the candidates per chosen sentence)."""
    if not cands or n <= 0:
        return []
    rel = np.array([weights[c.article] / (1.0 + c.rank) + (NEW_ARTICLE_BONUS if c.article in new_articles else 0.0) for c in cands])
    outlet_of = np.array([outlets[c.article] for c in cands], dtype=object)
    has_vec = all(c.vec is not None for c in cands)
    vecs = np.stack([c.vec for c in cands]) if has_vec else None
    max_sim = np.zeros(len(cands))
    open_ = np.ones(len(cands), dtype=bool)
    heard: set[str] = set()
    chosen: list[Candidate] = []
    while open_.any() and len(chosen) < n:
        bonus = np.array([0.0 if not chosen or o in heard else NEW_OUTLET_BONUS for o in outlet_of]) if chosen else 0.0
        gain = MMR_LAMBDA * (rel + bonus) - (1 - MMR_LAMBDA) * max_sim
        gain[~open_] = -np.inf
        k = int(np.argmax(gain))
        open_[k] = False
        best = cands[k]
        if repeats(best, chosen):
            continue
        chosen.append(best)
        heard.add(outlets[best.article])
        if vecs is not None:
            max_sim = np.maximum(max_sim, vecs @ best.vec)
    # new information leads. One article: its sentences in their order in the text (prose).
    # Several: the most relevant sentence first, then the others article by article in the
    # order they were drawn on, each article's in text order.
    if len({c.article for c in chosen}) <= 1:
        return sorted(chosen, key=lambda c: (c.article not in new_articles, c.pos))
    top = next((c for c in chosen if c.article in new_articles), chosen[0]) if chosen else None
    first: dict[int, int] = {}
    for c in chosen:
        first.setdefault(c.article, len(first))
    rest = sorted((c for c in chosen if c is not top), key=lambda c: (c.article not in new_articles, first[c.article], c.pos))
    return [top, *rest]


def merge_points(members: Sequence[ArticleResult], told: Sequence[Candidate], limit: int, vec_of: Any = None,
                 skip: set[str] = frozenset()) -> list[tuple[str, int]]:
    """(point, member index): key points of all members, none repeating another or the summary."""
    chosen: list[Candidate] = list(told)
    out: list[tuple[str, int]] = []
    for m, r in enumerate(members):
        for p in r.key_points:
            text = clean_sentence(" ".join(p.split()))
            if not text or is_caption(text) or norm(text) in skip:
                continue
            c = Candidate(text, m, 0, vec=vec_of(text) if vec_of else None, grams=trigrams(text))
            if repeats(c, chosen):
                continue
            chosen.append(c)
            out.append((text, m))
    # the lead's first point, then one from each other article in turn
    per: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for x in out:
        per[x[1]].append(x)
    woven: list[tuple[str, int]] = []
    while any(per.values()):
        for m in sorted(per):
            if per[m]:
                woven.append(per[m].pop(0))
    return woven[:limit]


def merge_quotes(members: Sequence[ArticleResult], labels: Sequence[str]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(quotes, speakers): each quote text once, attributed; speakers each once with their quotes."""
    quotes: list[dict[str, Any]] = []
    seen: set[str] = set()
    for m, r in enumerate(members):
        for q in r.quotes:
            speaker = (q.get("speaker") or "").strip()
            text = (q.get("text") or "").strip().rstrip(",")
            key = norm(text)
            if not speaker or not key or key in seen or any(key in s or s in key for s in seen if len(s) > 20):
                continue
            seen.add(key)
            quotes.append({"text": text, "speaker": speaker, "speaker_title": q.get("speaker_title"), "article_id": r.article.id, "_m": m})
    # one entry per person: "Obama" and "President Barack Obama" are the same speaker when the
    # shorter name is the longer one's last word(s)
    names = sorted({q["speaker"] for q in quotes}, key=lambda s: (-len(s), s))  # ties by name: the same on every run
    canon: dict[str, str] = {}
    for nm in names:
        target = next((c for c in canon.values() if c != nm and (norm(c).endswith(" " + norm(nm)) or norm(c) == norm(nm))), None)
        canon[nm] = target or nm
    by: dict[str, dict[str, Any]] = {}
    for q in quotes:
        q["speaker"] = canon[q["speaker"]]
        e = by.setdefault(q["speaker"], {"speaker": q["speaker"], "speaker_title": None, "quotes": []})
        e["speaker_title"] = e["speaker_title"] or q["speaker_title"]
        e["quotes"].append({"text": q["text"], "article_id": q["article_id"], "source": labels[q.pop("_m")]})
    for q in quotes:
        q["speaker_title"] = q["speaker_title"] or by[q["speaker"]]["speaker_title"]
    return quotes, list(by.values())


_FIGURE = re.compile(
    r"\b(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s+(?:more\s+than\s+|at\s+least\s+)?"
    r"(people|dead|deaths|killed|injured|wounded|missing|victims|homes|houses|buildings|children|soldiers|troops|"
    r"migrants|refugees|survivors|passengers|casualties|jobs|votes|cases|patients|arrests|protesters|workers)\b",
    re.I,
)


def figure_conflicts(members: Sequence[ArticleResult], labels: Sequence[str]) -> list[dict[str, Any]]:
    """Things counted differently by different outlets: [{"what", "values": [{"value", "source", "article_id"}]}]."""
    by_what: dict[str, dict[str, tuple[str, str]]] = defaultdict(dict)
    for m, r in enumerate(members):
        for num, what in _FIGURE.findall(r.article.text):
            by_what[what.lower()].setdefault(labels[m], (num, r.article.id))  # each outlet's first figure
    out = []
    for what, per in by_what.items():
        values = {v[0].replace(",", "") for v in per.values()}
        if len(per) >= 2 and len(values) >= 2:
            out.append({"what": what, "values": [{"value": v[0], "source": src, "article_id": v[1]} for src, v in per.items()]})
    return out

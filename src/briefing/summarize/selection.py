"""Choosing summary sentences from scores: MMR with trigram blocking, then short/long summaries."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from briefing.summarize.engines.base import EngineOutput

MAX_SHORT_WORDS = 40


_WORD = re.compile(r"\w+")


@dataclass
class Selection:
    long_ids: list[int]
    short_id: int | None
    ranked_ids: list[int]


def _trigrams(text: str) -> set[tuple[str, ...]]:
    w = [t.lower() for t in _WORD.findall(text)]
    return {tuple(w[i : i + 3]) for i in range(len(w) - 2)}


def select_sentences(
    texts: Sequence[str],
    scores: np.ndarray,
    emb: np.ndarray | None = None,
    n_long: int = 3,
    mmr_lambda: float = 0.8,
    min_words: int = 5,
    max_words: int = 80,
) -> Selection:
    """Pick summary sentences by score with redundancy control.

    Redundancy is handled twice: trigram blocking (a sentence sharing a trigram with one
    already chosen is skipped, as in BertSumExt) and MMR on embeddings when given.
    """
    n = len(texts)
    if n == 0:
        return Selection([], None, [])
    words = np.array([len(t.split()) for t in texts])
    s = np.asarray(scores, dtype=np.float64)
    if s.max() > s.min():
        s = (s - s.min()) / (s.max() - s.min())
    ok = (words >= min_words) & (words <= max_words)
    if not ok.any():
        ok = np.ones(n, dtype=bool)
    chosen: list[int] = []
    grams: set[tuple[str, ...]] = set()
    sims = emb @ emb.T if emb is not None and len(emb) == n else None
    candidates = [i for i in range(n) if ok[i]]
    ranked: list[int] = []
    while candidates:
        def mmr(i: int) -> float:
            if sims is None or not ranked:
                return s[i]
            return mmr_lambda * s[i] - (1 - mmr_lambda) * float(max(sims[i, j] for j in ranked))

        best = max(candidates, key=mmr)
        candidates.remove(best)
        g = _trigrams(texts[best])
        redundant = bool(g & grams)
        ranked.append(best)
        if not redundant and len(chosen) < n_long:
            chosen.append(best)
            grams |= g
    # redundant sentences go to the end of the ranking
    ranked = chosen + [i for i in ranked if i not in chosen]
    if len(chosen) < min(n_long, n):
        for i in np.argsort(-s):
            if int(i) not in chosen and len(chosen) < min(n_long, n):
                chosen.append(int(i))
    short = next((i for i in ranked if words[i] <= MAX_SHORT_WORDS), None)
    if short is None:
        short = int(np.argmin(words))
    return Selection(sorted(chosen), short, ranked)


def output_from_selection(texts: Sequence[str], sel: Selection, chunks: int = 1) -> EngineOutput:
    long_sents = [texts[i] for i in sel.long_ids]
    short = texts[sel.short_id] if sel.short_id is not None else ""
    return EngineOutput(
        short=short,
        long=" ".join(long_sents),
        long_sentences=long_sents,
        ranked=[texts[i] for i in sel.ranked_ids],
        chunks=chunks,
    )

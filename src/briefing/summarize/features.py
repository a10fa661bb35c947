"""Shared pieces of the trained extractive engine: oracle labels, per-sentence features.

Training and inference must compute features identically, so both import them from here.
Only numpy at import time; rouge-score's stemmer is loaded when oracle labels are built.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Sequence

import numpy as np

# scalar features appended to each sentence embedding (order matters: saved in config.json)
SCALAR_FEATURES = (
    "pos_frac", "pos_inv", "is_first", "is_lead3", "log_words", "short", "long",
    "sim_centroid", "sim_lead3", "sim_first", "sim_max_other", "quote", "log_n_sents",
)

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=1)
def _stemmer():
    from nltk.stem import porter  # rouge-score depends on nltk

    return porter.PorterStemmer()


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    return _stemmer().stem(word) if len(word) > 3 else word


def rouge_tokens(text: str) -> list[str]:
    """Tokens exactly as rouge-score makes them (lower-case, alphanumeric, Porter-stemmed)."""
    return [_stem(w) for w in _NON_ALNUM.sub(" ", text.lower()).split()]


def _ngrams(tokens: Sequence[str], n: int) -> Counter:
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def _f1(overlap: int, pred: int, ref: int) -> float:
    if overlap == 0 or pred == 0 or ref == 0:
        return 0.0
    p, r = overlap / pred, overlap / ref
    return 2 * p * r / (p + r)


def greedy_oracle(sentences: Sequence[str], reference: str, max_sents: int = 3) -> list[int]:
    """Greedy ROUGE-1+2 oracle (as in BertSumExt): add the sentence that raises the score most, stop when none does.

    The overlap of (chosen + candidate) with the reference is updated from the candidate's own
    n-grams only, so a step costs the candidate's size, not the summary's (same result as
    recounting; 40,000 training stories are labelled in about a minute).
    """
    ref_toks = rouge_tokens(reference)
    ref = [_ngrams(ref_toks, 1), _ngrams(ref_toks, 2)]
    ref_tot = [sum(c.values()) for c in ref]
    sent_grams = [(_ngrams(t, 1), _ngrams(t, 2)) for t in (rouge_tokens(s) for s in sentences)]
    sent_tot = [(sum(g[0].values()), sum(g[1].values())) for g in sent_grams]
    chosen: list[int] = []
    cur: list[Counter] = [Counter(), Counter()]
    cur_overlap = [0, 0]
    cur_tot = [0, 0]
    best_score = 0.0
    for _ in range(max_sents):
        best_i, best_s, best_ov = -1, best_score, cur_overlap
        for i, grams in enumerate(sent_grams):
            if i in chosen:
                continue
            score = 0.0
            ov = [0, 0]
            for k in range(2):
                c, r = cur[k], ref[k]
                gain = 0
                for g, cnt in grams[k].items():
                    want = r.get(g, 0)
                    if want:
                        have = c.get(g, 0)
                        gain += min(have + cnt, want) - min(have, want)
                ov[k] = cur_overlap[k] + gain
                score += _f1(ov[k], cur_tot[k] + sent_tot[i][k], ref_tot[k])
            if score > best_s:
                best_i, best_s, best_ov = i, score, ov
        if best_i < 0:
            break
        chosen.append(best_i)
        best_score = best_s
        cur_overlap = best_ov
        for k in range(2):
            cur[k].update(sent_grams[best_i][k])
            cur_tot[k] += sent_tot[best_i][k]
    return sorted(chosen)


def sentence_features(texts: Sequence[str], emb: np.ndarray) -> np.ndarray:
    """Position, length and similarity signals for one article's sentences, shape (n, len(SCALAR_FEATURES))."""
    n = len(texts)
    out = np.zeros((n, len(SCALAR_FEATURES)), dtype=np.float32)
    if n == 0:
        return out
    emb = emb.astype(np.float32)
    pos = np.arange(n, dtype=np.float32)
    words = np.array([max(len(t.split()), 1) for t in texts], dtype=np.float32)

    def unit(v: np.ndarray) -> np.ndarray:
        return v / (np.linalg.norm(v) + 1e-9)

    sims = emb @ emb.T
    np.fill_diagonal(sims, -1.0)
    out[:, 0] = pos / max(n - 1, 1)
    out[:, 1] = 1.0 / (pos + 1.0)
    out[:, 2] = pos == 0
    out[:, 3] = pos < 3
    out[:, 4] = np.log(words) / 4.0
    out[:, 5] = words < 8
    out[:, 6] = words > 45
    out[:, 7] = emb @ unit(emb.mean(0))
    out[:, 8] = emb @ unit(emb[:3].mean(0))
    out[:, 9] = emb @ emb[0]
    out[:, 10] = sims.max(1) if n > 1 else 0.0
    out[:, 11] = [('"' in t or "\u201c" in t or "\u201d" in t) for t in texts]
    out[:, 12] = np.log(n) / 4.0
    return out

"""Which articles tell the same story: article vectors, near-duplicate detection, clustering.

The one question this module answers is ``cluster_articles``: a partition of the day's
articles. Ranking the stories and laying them out is ``daily.build``'s job.
"""
from __future__ import annotations

import re
import zlib
from typing import Callable, Sequence

import numpy as np

from briefing.article import ArticleResult

_WORD = re.compile(r"[\w'’-]+")


# Cosine (MiniLM, average linkage) above which two articles are the same story.
STORY_THRESHOLD = 0.62


# Word 5-gram Jaccard above which two texts are copies of each other (merged unconditionally).
DUPLICATE_JACCARD = 0.5


LEAD_WORDS = 60


def story_texts(r: ArticleResult) -> tuple[str, str]:
    """The two views of an article that are embedded: headline + lead, and the long summary."""
    a = r.article
    lead = " ".join(a.text.split()[:LEAD_WORDS])
    head = f"{a.title}. {lead}" if a.title else lead
    return head, r.summary.long or r.summary.short or lead


def embed_results(results: Sequence[ArticleResult], encode: Callable[[list[str]], np.ndarray] | None = None) -> np.ndarray:
    """One L2-normalised vector per article: the mean of its two views' MiniLM embeddings."""
    if not results:
        return np.zeros((0, 384), dtype=np.float32)
    if encode is None:
        from briefing.nlp.encoder import get_encoder

        encode = get_encoder().encode
    texts = [t for r in results for t in story_texts(r)]
    emb = np.asarray(encode(texts), dtype=np.float32).reshape(len(results), 2, -1).mean(axis=1)
    return emb / np.maximum(np.linalg.norm(emb, axis=1, keepdims=True), 1e-9)


def shingles(text: str, n: int = 5) -> set[int]:
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < n:
        return {zlib.crc32(" ".join(words).encode())} if words else set()
    return {zlib.crc32(" ".join(words[i : i + n]).encode()) for i in range(len(words) - n + 1)}


def near_duplicates(texts: Sequence[str], threshold: float = DUPLICATE_JACCARD) -> list[tuple[int, int]]:
    """Pairs of texts that are (nearly) the same words: the same article under two names."""
    sets = [shingles(t) for t in texts]
    pairs = []
    for i in range(len(sets)):
        for j in range(i + 1, len(sets)):
            a, b = sets[i], sets[j]
            if a and b and len(a & b) / len(a | b) >= threshold:
                pairs.append((i, j))
    return pairs


def average_linkage(sim: np.ndarray, threshold: float, must_link: Sequence[tuple[int, int]] = ()) -> list[list[int]]:
    """Agglomerative clustering: merge the two clusters with the highest mean pairwise
    similarity until none reaches ``threshold``. Average linkage, unlike single linkage,
    does not chain unrelated stories together through one in-between article."""
    n = len(sim)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in must_link:
        parent[find(i)] = find(j)
    roots = sorted({find(i) for i in range(n)})
    members = {r: [i for i in range(n) if find(i) == r] for r in roots}
    clusters = [members[r] for r in roots]
    k = len(clusters)
    if k <= 1:
        return [sorted(c) for c in clusters]
    m = np.zeros((n, k))
    for c, idx in enumerate(clusters):
        m[idx, c] = 1.0
    total = m.T @ np.asarray(sim, dtype=np.float64) @ m  # sum of similarities between clusters
    size = m.sum(axis=0)
    active = np.ones(k, dtype=bool)
    while active.sum() > 1:
        avg = total / np.outer(size, size)
        np.fill_diagonal(avg, -np.inf)
        avg[~active, :] = -np.inf
        avg[:, ~active] = -np.inf
        a, b = np.unravel_index(int(np.argmax(avg)), avg.shape)
        if avg[a, b] < threshold:
            break
        a, b = min(a, b), max(a, b)
        clusters[a] = clusters[a] + clusters[b]
        total[a, :] += total[b, :]
        total[:, a] += total[:, b]
        size[a] += size[b]
        active[b] = False
    return [sorted(clusters[c]) for c in range(k) if active[c]]


def cluster_articles(results: Sequence[ArticleResult], emb: np.ndarray, threshold: float = STORY_THRESHOLD) -> list[list[int]]:
    """Stories as lists of indices into ``results``: near-duplicates always together, the rest
    by average linkage on the cosine of the article vectors (rows of ``emb``, L2-normalised)."""
    n = len(results)
    if n == 0:
        return []
    sim = emb @ emb.T if n > 1 else np.ones((1, 1))
    dups = near_duplicates([r.article.text for r in results])
    return average_linkage(sim, threshold, dups)

"""Extractive engines: every summary sentence is verbatim from the article.

The selection step (short summary, 3-5 sentence long summary with redundancy control,
ranked sentences for key points) is shared; engines differ only in how they score
sentences. ``UnsupervisedExtractiveEngine`` scores with MiniLM similarity to the article
and headline plus a position prior; the trained engine (``trained.py``) learns the scores.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from ..chunking import chunk_sentences
from .base import Engine, EngineOutput, Prepared

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


class LeadEngine(Engine):
    """The first sentences: news's strong baseline, and the floor every engine must beat."""

    name = "lead"

    def __init__(self, n: int = 3, **_: object):
        self.n = n
        self.model = f"lead-{n}"

    def summarize_many(self, docs: Sequence[Prepared]) -> list[EngineOutput]:
        out = []
        for d in docs:
            texts = [s.text for s in d.sentences]
            scores = -np.arange(len(texts), dtype=float)
            sel = select_sentences(texts, scores, n_long=self.n, min_words=0, max_words=10_000)
            out.append(output_from_selection(texts, sel))
        return out


class EmbeddingEngine(Engine):
    """Base for engines that embed every sentence with MiniLM (one batched call per batch)."""

    chunk_tokens = 256  # MiniLM's input limit; also bounds what one chunk holds
    max_sentences = 60  # sentences past this are never chosen; not embedded (speed)

    def __init__(self, dtype: str = "auto", device: str = "auto", encoder: str = "all-MiniLM-L6-v2", **_: object):
        from ..devices import resolve_device
        from ..encoder import get_encoder

        self.encoder = get_encoder(dtype, resolve_device(device), encoder)

    def embed(self, docs: Sequence[Prepared]) -> tuple[list[np.ndarray], list[np.ndarray | None], list[int]]:
        """Sentence embeddings per doc, title embedding per doc, chunk counts per doc."""
        texts: list[str] = []
        spans = []
        for d in docs:
            sents = [s.text for s in d.sentences[: self.max_sentences]]
            title = [d.article.title] if d.article.title else []
            spans.append((len(texts), len(sents), len(title)))
            texts.extend(sents + title)
        vecs = self.encoder.encode(texts)
        embs, titles, chunks = [], [], []
        for d, (off, n, t) in zip(docs, spans):
            embs.append(vecs[off : off + n])
            titles.append(vecs[off + n] if t else None)
            all_sents = [s.text for s in d.sentences]
            counts = self.encoder.token_counts(all_sents)
            chunks.append(len(chunk_sentences(all_sents, self.encoder.count_tokens, self.chunk_tokens, 0, counts)) if all_sents else 0)
        return embs, titles, chunks


@dataclass
class UnsupervisedWeights:
    centroid: float = 1.0
    title: float = 0.5
    position: float = 1.0
    position_decay: float = 0.6
    mmr_lambda: float = 0.8


def unsupervised_scores(emb: np.ndarray, title: np.ndarray | None, w: UnsupervisedWeights) -> np.ndarray:
    n = len(emb)
    centroid = emb.mean(0)
    centroid /= np.linalg.norm(centroid) + 1e-9
    s = w.centroid * (emb @ centroid)
    if title is not None:
        s = s + w.title * (emb @ title)
    pos = np.arange(n, dtype=float)
    return s + w.position * np.power(pos + 1.0, -w.position_decay)


class UnsupervisedExtractiveEngine(EmbeddingEngine):
    """MiniLM centroid + headline similarity + position prior, then MMR."""

    name = "extractive-unsupervised"

    def __init__(self, n_long: int = 3, weights: UnsupervisedWeights | None = None, **kw: object):
        super().__init__(**kw)
        self.n_long = n_long
        self.weights = weights or UnsupervisedWeights()
        self.model = "all-MiniLM-L6-v2"

    def summarize_many(self, docs: Sequence[Prepared]) -> list[EngineOutput]:
        embs, titles, chunks = self.embed(docs)
        out = []
        for d, e, t, c in zip(docs, embs, titles, chunks):
            texts = [s.text for s in d.sentences[: len(e)]]
            scores = unsupervised_scores(e, t, self.weights) if len(e) else np.zeros(0)
            sel = select_sentences(texts, scores, e, n_long=self.n_long, mmr_lambda=self.weights.mmr_lambda)
            out.append(output_from_selection(texts, sel, c))
        return out

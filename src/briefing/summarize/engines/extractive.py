"""Extractive engines: every summary sentence is verbatim from the article.

The selection step (short summary, 3-5 sentence long summary with redundancy control,
ranked sentences for key points) is shared; engines differ only in how they score
sentences. ``UnsupervisedExtractiveEngine`` scores with MiniLM similarity to the article
and headline plus a position prior; the trained engine (``trained.py``) learns the scores.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from briefing.nlp.chunking import chunk_sentences
from briefing.summarize.engines.base import (
    Engine,
    EngineOptions,
    EngineOutput,
    Prepared,
)
from briefing.summarize.selection import output_from_selection, select_sentences


@dataclass
class LeadOptions(EngineOptions):
    n: int = 3  # sentences in the long summary


class LeadEngine(Engine):
    """The first sentences: news's strong baseline, and the floor every engine must beat."""

    name = "lead"
    Options = LeadOptions

    def __init__(self, n: int = 3, device: str = "auto"):
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

    def __init__(self, dtype: str = "auto", device: str = "auto", encoder: str = "all-MiniLM-L6-v2"):
        from briefing.nlp.devices import resolve_device
        from briefing.nlp.encoder import get_encoder

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


@dataclass
class UnsupervisedOptions(EngineOptions):
    dtype: str = "auto"  # auto, float32, bfloat16, float16
    encoder: str = "all-MiniLM-L6-v2"  # or minilm-static
    n_long: int = 3  # sentences in the long summary


class UnsupervisedExtractiveEngine(EmbeddingEngine):
    """MiniLM centroid + headline similarity + position prior, then MMR."""

    name = "extractive-unsupervised"
    Options = UnsupervisedOptions

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

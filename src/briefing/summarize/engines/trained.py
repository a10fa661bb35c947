"""The default engine: sentence scores from a small head trained on news highlights.

Each sentence is embedded with the encoder the head was trained on (by default the static
MiniLM table, ``static_encoder``: a hundred times faster than running MiniLM itself); the head
(``briefing train``, a 2-layer transformer over the sentence vectors plus position, length
and similarity features) scores every sentence in the context of its article; selection
with trigram blocking and MMR is shared with the other extractive engines.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

from briefing.resources import MODELS_DIR
from briefing.summarize.engines.base import EngineOptions, EngineOutput, Prepared
from briefing.summarize.engines.extractive import EmbeddingEngine
from briefing.summarize.selection import output_from_selection, select_sentences

SHIPPED_HEAD = MODELS_DIR / "extractive-head"


def head_fingerprint(model: str | None = None) -> str | None:
    """Digest of a head's weights and config (the config names the sentence table it needs)."""
    d = Path(model) if model else SHIPPED_HEAD
    h = hashlib.sha1()
    for name in ("head.safetensors", "config.json"):
        f = d / name
        if not f.is_file():
            return None  # the engine itself reports the missing head
        h.update(f.read_bytes())
    return h.hexdigest()[:16]


@dataclass
class TrainedOptions(EngineOptions):
    model: str | None = None  # a folder written by `briefing train` (default: the shipped head)
    dtype: str = "auto"
    n_long: int | None = None  # sentences in the long summary (default: the head's config)
    mmr_lambda: float | None = None  # relevance vs. novelty in selection (default: the head's config)


class TrainedExtractiveEngine(EmbeddingEngine):
    """Learned sentence scores; ``model`` is a folder from ``briefing train`` (default: the shipped head)."""

    name = "extractive"
    Options = TrainedOptions

    @classmethod
    def fingerprint(cls, options: EngineOptions) -> dict:
        # a retrained head (shipped or --model DIR, same path) must not serve cached results of the old one
        return {**super().fingerprint(options), "head": head_fingerprint(getattr(options, "model", None))}

    def __init__(self, model: str | None = None, n_long: int | None = None, mmr_lambda: float | None = None, **kw: object):
        from briefing.summarize.head import load_head

        # load the head first: a bad --model fails before the encoder is loaded
        self.head, self.config = load_head(model or SHIPPED_HEAD)
        kw["encoder"] = self.config["encoder"]["name"]  # the head only makes sense on the vectors it was trained on
        super().__init__(**kw)
        want = self.config["encoder"].get("key")
        have = getattr(self.encoder, "key", None)
        if want and have and want != have:
            from briefing.errors import ModelNotFoundError

            raise ModelNotFoundError(
                f"{model or SHIPPED_HEAD}: this head was trained on sentence table {want}, but {have} is installed; retrain it with `briefing train`"
            )
        cfg = self.config["config"]
        self.max_sentences = int(cfg["max_sentences"])
        self.n_long = n_long or int(cfg["n_long"])
        self.mmr_lambda = mmr_lambda if mmr_lambda is not None else float(cfg["mmr_lambda"])
        self.model_dir = str(model or SHIPPED_HEAD)
        self.model = f"{self.config['name']} ({self.config['encoder']['name']})" + ("" if model is None else f" from {model}")

    def summarize_many(self, docs: Sequence[Prepared]) -> list[EngineOutput]:
        from briefing.summarize.head import article_inputs, score_articles

        embs, _titles, chunks = self.embed(docs)
        texts = [[s.text for s in d.sentences[: len(e)]] for d, e in zip(docs, embs)]
        inputs = [article_inputs(t, e) if len(e) else np.zeros((0, 1), np.float32) for t, e in zip(texts, embs)]
        scores = score_articles(self.head, inputs, batch_size=max(len(docs), 1))
        out = []
        for t, e, s, c in zip(texts, embs, scores, chunks):
            sel = select_sentences(t, s, e, n_long=self.n_long, mmr_lambda=self.mmr_lambda)
            out.append(output_from_selection(t, sel, c))
        return out

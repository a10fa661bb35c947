"""MiniLM turned into a static token table (the model2vec recipe, then fitted), for speed.

Running the 6-layer MiniLM over every sentence was two-thirds of a batch's time on a 2-core
CPU (~2.8k tokens/s). A static table embeds a sentence as the mean of its tokens' vectors:
about a hundred times faster. The trained head learns on the same vectors.

The shipped table (``models/minilm-static``, made by ``build`` / ``briefing train-encoder``):
``distill`` runs every vocabulary token through MiniLM alone (``[CLS] token [SEP]``,
mean-pooled, Zipf/SIF-weighted), then ``fit`` tunes the table so a sentence's mean vector
points where MiniLM's own vector for that sentence does (on the training corpus's sentences).
Saved in model2vec's format (``model.safetensors`` + ``tokenizer.json`` + ``config.json``) and
loaded with ``model2vec.StaticModel``.
"""
from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import numpy as np

from briefing.errors import ModelNotFoundError
from briefing.resources import MODELS_DIR

SHIPPED_STATIC = MODELS_DIR / "minilm-static"
NAME = "minilm-static"


class StaticEncoder:
    """L2-normalised static sentence vectors; the same interface as ``encoder.SentenceEncoder``."""

    name = NAME
    max_length = 0  # no truncation: a static model has no sequence limit
    dtype = "static"
    device = "cpu"

    def __init__(self, path: str | os.PathLike[str] | None = None):
        from model2vec import StaticModel

        self.path = str(path or SHIPPED_STATIC)
        if not (Path(self.path) / "model.safetensors").is_file():
            raise ModelNotFoundError(f"{self.path}: no static encoder here (expected model.safetensors; build one with `briefing train-encoder`)")
        self.model = StaticModel.from_pretrained(self.path)
        self.dim = int(self.model.dim)
        self.tokenizer = self.model.tokenizer
        digest = hashlib.sha1((Path(self.path) / "model.safetensors").read_bytes()).hexdigest()[:12]
        self.key = f"{NAME}-{digest}"  # what cached vectors depend on (train.EmbeddingCache)

    def encode(self, texts: Sequence[str], batch_size: int = 1024) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        return self.model.encode(list(texts), batch_size=batch_size, use_multiprocessing=False).astype(np.float32)

    def count_tokens(self, text: str) -> int:
        return len(self.tokenizer.encode(text, add_special_tokens=False).ids)

    def token_counts(self, texts: Sequence[str]) -> list[int]:
        if not texts:
            return []
        return [len(e.ids) for e in self.tokenizer.encode_batch(list(texts), add_special_tokens=False)]


@lru_cache(maxsize=None)
def get_static_encoder(path: str | None = None) -> StaticEncoder:
    return StaticEncoder(path)



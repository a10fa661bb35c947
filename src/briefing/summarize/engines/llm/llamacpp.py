"""Native GGUF through llama-cpp-python: the quantized weights run as they are.

Optional (``pip install 'briefing[llamacpp]'``, built as ``scripts/setup.sh`` does it: a
default ``GGML_NATIVE`` build crashes on some CPUs). The chat template is the one stored in
the GGUF file, applied by llama.cpp, so prompts match what a llama.cpp server would see.
"""
from __future__ import annotations

import contextlib
import importlib.util
import os
from pathlib import Path
from typing import Any, Sequence

from briefing.errors import ModelNotFoundError, RunError
from briefing.summarize.engines.llm.base import Backend

# A context beyond this costs memory (the KV cache) for no gain on news articles:
# chunks are capped by chunk_tokens anyway. --gen context_tokens=N raises it.
DEFAULT_MAX_CONTEXT = 8192


def available() -> bool:
    return importlib.util.find_spec("llama_cpp") is not None


@contextlib.contextmanager
def _quiet_stderr():
    """llama.cpp prints its load log from C on fd 2; keep it off the user's terminal."""
    try:
        fd = os.dup(2)
    except OSError:
        yield
        return
    with open(os.devnull, "w") as null:
        os.dup2(null.fileno(), 2)
        try:
            yield
        finally:
            os.dup2(fd, 2)
            os.close(fd)


def threads() -> int:
    """``$BRIEFING_THREADS``, else the cores this process may use, less those a long-lasting load
    keeps busy.

    llama.cpp's threads spin at every barrier: on a CPU that other work keeps busy, two threads
    on two cores ran the seed prompt 11x slower than one (241 s against 22 s, load average 16).
    But the 1-minute load average also counts work that just ended (a benchmark run before this
    one gave 1 thread on an idle machine: 7.6 s a call against 4.1 s with 2), so only the
    5-minute average, beyond one job per core, takes threads away.
    """
    if os.environ.get("BRIEFING_THREADS", "").strip():
        return max(1, int(os.environ["BRIEFING_THREADS"]))
    cores = len(os.sched_getaffinity(0))
    try:
        busy = os.getloadavg()[1]
    except OSError:
        busy = 0.0
    return cores if busy < cores else max(1, cores - int(busy - cores) - 1)


def trained_context(llm: Any) -> int:
    """The context the model was trained on, from the GGUF metadata (``<arch>.context_length``)."""
    meta = getattr(llm, "metadata", None) or {}
    value = meta.get(f"{meta.get('general.architecture', '')}.context_length")
    try:
        return int(value) if value else int(llm._model.n_ctx_train())
    except (AttributeError, TypeError, ValueError):
        return 2048


class LlamaCppBackend(Backend):
    kind = "llama.cpp"

    def __init__(self, model: str, context_tokens: int | None = None, n_threads: int | None = None, seed: int = 0):
        try:
            from llama_cpp import Llama
        except ImportError as exc:  # a broken build is not "not installed": say so
            raise RunError(f"llama-cpp-python is installed but cannot be imported ({exc}); "
                                "rebuild it with scripts/setup.sh") from None
        path = Path(model).expanduser()
        if not path.is_file():
            raise ModelNotFoundError(f"model {model!r}: no such .gguf file")
        self.path = path
        self.threads = int(n_threads or threads())
        try:
            with _quiet_stderr():
                probe = Llama(model_path=str(path), vocab_only=True, verbose=False)
                self.trained = trained_context(probe)
                probe.close()
                self.context = int(context_tokens) if context_tokens else min(self.trained, DEFAULT_MAX_CONTEXT)
                self.llm = Llama(model_path=str(path), n_ctx=self.context, n_batch=min(512, self.context),
                                 n_threads=self.threads, n_threads_batch=self.threads, seed=seed, verbose=False)
        except ValueError as exc:  # llama-cpp-python's "Failed to load model from file"
            raise ModelNotFoundError(f"model {model!r}: llama.cpp cannot load it ({exc})") from None
        self.warnings: list[str] = []
        if context_tokens and int(context_tokens) > self.trained:
            self.warnings.append(f"context_tokens={context_tokens} is beyond the {self.trained} tokens {path.name} was trained on")
        base = self.count(self._chat_text(""))
        self.overhead = base if base > 0 else 32

    def _chat_text(self, user: str) -> str:
        """The prompt as the GGUF's chat template renders it (for counting)."""
        from llama_cpp.llama_chat_format import Jinja2ChatFormatter

        template = self.llm.metadata.get("tokenizer.chat_template")
        if not template:
            return user
        eos = self.llm._model.token_get_text(self.llm.token_eos())
        bos = self.llm._model.token_get_text(self.llm.token_bos())
        fmt = Jinja2ChatFormatter(template=template, eos_token=eos, bos_token=bos, add_generation_prompt=True)
        return fmt(messages=[{"role": "user", "content": user}]).prompt

    def count(self, text: str) -> int:
        return len(self.llm.tokenize(text.encode("utf-8"), add_bos=False, special=True)) if text else 0

    def prompt_tokens(self, user: str) -> int:
        return self.overhead + self.count(user) + 1  # +1: the BOS llama.cpp may add

    def generate(self, users: Sequence[str], max_new: int, repetition_penalty: float) -> list[str]:
        out = []
        for user in users:
            self.llm.reset()  # every prompt is new: no state carried over between articles
            res = self.llm.create_chat_completion(
                messages=[{"role": "user", "content": user}], max_tokens=max_new, temperature=0.0,
                top_k=1, repeat_penalty=repetition_penalty,
            )
            out.append((res["choices"][0]["message"].get("content") or "").strip())
        return out

    def describe(self) -> dict[str, Any]:
        return {"backend": self.kind, "context_tokens": self.context, "context_source": f"llama.cpp n_ctx (trained {self.trained})",
                "threads": self.threads}

    def close(self) -> None:
        llm = getattr(self, "llm", None)
        if llm is not None:
            llm.close()

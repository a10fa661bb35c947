"""Native GGUF through llama-cpp-python: the quantized weights run as they are.

Optional (``pip install 'briefing[llamacpp]'``, built as ``scripts/setup.sh`` does it: a
default ``GGML_NATIVE`` build crashes on some CPUs). The chat template is the one stored in
the GGUF file, applied by llama.cpp, so prompts match what a llama.cpp server would see.
"""
from __future__ import annotations

import contextlib
import importlib.util
import os
import sys
from pathlib import Path
from typing import Any, Sequence

from briefing.cpu import env_threads, usable_cores
from briefing.errors import ModelNotFoundError, RunError
from briefing.summarize.engines.llm.base import Backend

# A context beyond this costs memory (the KV cache) for no gain on news articles:
# chunks are capped by chunk_tokens anyway. --gen context_tokens=N raises it.
DEFAULT_MAX_CONTEXT = 8192


# Prompts are evaluated in blocks of this many tokens, always from a multiple of it, so a prompt
# that shares a prefix with the one before (the key-points prompt opens with the long one's
# words and article) reuses the KV cache of its whole blocks and still gets the very numbers a
# fresh run gets. Small blocks reuse more; 64, 128, 256 and 512 read prompts equally fast here
# (Q4_1 has no faster batched kernel on AVX2: 75-80 tokens/s each, one thread, load average 6).
BLOCK = 64


# Below this many parameters a model generates fastest on one thread: with OpenMP threads that
# sleep at barriers (import_llama), SmolLM2-135M generated 26 tokens/s on two threads and 45 on
# one (quiet machine, load average 1.3); reading a prompt, two threads did 230 tokens/s and
# one 145. Bigger models do enough work per barrier for more threads to pay.
SMALL_MODEL_PARAMS = 1_000_000_000


def available() -> bool:
    return importlib.util.find_spec("llama_cpp") is not None


def import_llama() -> Any:
    """``import llama_cpp`` with OpenMP threads that sleep at barriers instead of spinning.

    llama.cpp (built with OpenMP) meets a barrier after every operation, several hundred per
    token. GNU OpenMP's default is to spin there: on two cores that other processes also use,
    a spinning thread takes the core from the thread it waits for, and two threads generated
    2-8 tokens/s against 23-45 with one (load average 4-6). ``OMP_WAIT_POLICY=passive`` lets
    them sleep: two threads then generated 20-47 tokens/s, as fast as one. libgomp reads
    the variable once, when llama.cpp loads it, so it is set only around this import; a value
    the user set is left alone. torch ships a ``libgomp.so.1`` of its own, and whichever of the
    two loads first is the one both use: torch loaded later in a native run sleeps
    too; where torch came first, llama.cpp gets torch's runtime and settings.
    The transformers path never imports llama.cpp.
    """
    if "llama_cpp" in sys.modules:
        return sys.modules["llama_cpp"]
    ours = "OMP_WAIT_POLICY" not in os.environ
    if ours:
        os.environ["OMP_WAIT_POLICY"] = "passive"
    try:
        import llama_cpp
    finally:
        if ours:
            os.environ.pop("OMP_WAIT_POLICY", None)
    return llama_cpp


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
    if (given := env_threads()) is not None:
        return given
    cores = usable_cores()
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
    batches = False  # one sequence, one prompt at a time; consecutive prompts share the KV cache

    def __init__(self, model: str, context_tokens: int | None = None, n_threads: int | None = None, seed: int = 0):
        try:
            Llama = import_llama().Llama
        except ImportError as exc:  # a broken build is not "not installed": say so
            raise RunError(f"llama-cpp-python is installed but cannot be imported ({exc}); "
                                "rebuild it with scripts/setup.sh") from None
        path = Path(model).expanduser()
        if not path.is_file():
            raise ModelNotFoundError(f"model {model!r}: no such .gguf file")
        self.path = path
        # reading prompts: every core. With sleeping OpenMP threads (import_llama) two threads read
        # prompts as fast as one at load average 4-6 and 1.6-2x faster on a quiet machine, so the
        # load average no longer takes threads away here.
        self.threads = max(1, int(n_threads or env_threads() or usable_cores()))
        try:
            with _quiet_stderr():
                probe = Llama(model_path=str(path), vocab_only=True, verbose=False)
                self.trained = trained_context(probe)
                probe.close()
                self.context = int(context_tokens) if context_tokens else min(self.trained, DEFAULT_MAX_CONTEXT)
                self.block = min(BLOCK, self.context)
                self.llm = Llama(model_path=str(path), n_ctx=self.context, n_batch=self.block, n_ubatch=self.block,
                                 n_threads=self.threads, n_threads_batch=self.threads, seed=seed, verbose=False)
            # new tokens: one thread for a small model unless threads=N was given; else as many as
            # were given, or the cores the load average leaves (threads())
            small = self.llm._model.n_params() < SMALL_MODEL_PARAMS
            self.decode_threads = int(n_threads) if n_threads else 1 if small else min(self.threads, threads())
            if self.decode_threads != self.threads:
                import_llama().llama_set_n_threads(self.llm._ctx.ctx, self.decode_threads, self.threads)
        except ValueError as exc:  # llama-cpp-python's "Failed to load model from file"
            raise ModelNotFoundError(f"model {model!r}: llama.cpp cannot load it ({exc})") from None
        self.warnings: list[str] = []
        if context_tokens and int(context_tokens) > self.trained:
            self.warnings.append(f"context_tokens={context_tokens} is beyond the {self.trained} tokens {path.name} was trained on")
        self._formatter = self._make_formatter()
        base = self.count(self._chat_text(""))
        self.overhead = base if base > 0 else 32
        self.reused = 0  # prompt tokens whose KV cache came from the prompt before (all calls)

    def _make_formatter(self) -> Any:
        from llama_cpp.llama_chat_format import Jinja2ChatFormatter

        template = self.llm.metadata.get("tokenizer.chat_template")
        if not template:
            return None
        eos = self.llm._model.token_get_text(self.llm.token_eos())
        bos = self.llm._model.token_get_text(self.llm.token_bos())
        return Jinja2ChatFormatter(template=template, eos_token=eos, bos_token=bos, add_generation_prompt=True)

    def _chat_text(self, user: str) -> str:
        """The prompt as the GGUF's chat template renders it (for counting)."""
        return self._formatter(messages=[{"role": "user", "content": user}]).prompt if self._formatter else user

    def _prompt_ids(self, user: str) -> list[int]:
        """The tokens llama-cpp-python's chat handler will evaluate for this message."""
        if self._formatter is None:
            return self.llm.tokenize(user.encode("utf-8"), add_bos=True, special=True)
        res = self._formatter(messages=[{"role": "user", "content": user}])
        return self.llm.tokenize(res.prompt.encode("utf-8"), add_bos=not res.added_special, special=True)

    def _keep_shared_blocks(self, ids: list[int]) -> int:
        """Keep the KV cache of the whole blocks this prompt shares with what was evaluated last.

        llama-cpp-python then evaluates only the rest, from a block boundary, in blocks: the
        same blocks a fresh context evaluates, so the answer does not depend on what came before.
        """
        llm = self.llm
        cached = llm.input_ids[: llm.n_tokens]
        limit = min(len(cached), len(ids) - 1)  # at least one token is evaluated (its logits are sampled)
        same = 0
        while same < limit and cached[same] == ids[same]:
            same += 1
        keep = same - same % self.block
        if keep < llm.n_tokens:
            llm._ctx.kv_cache_seq_rm(-1, keep, -1)
            llm.n_tokens = keep
        return keep

    def count(self, text: str) -> int:
        return len(self.llm.tokenize(text.encode("utf-8"), add_bos=False, special=True)) if text else 0

    def prompt_tokens(self, user: str) -> int:
        return self.overhead + self.count(user) + 1  # +1: the BOS llama.cpp may add

    def generate(self, users: Sequence[str], max_new: int, repetition_penalty: float) -> list[str]:
        out = []
        for user in users:
            self.reused += self._keep_shared_blocks(self._prompt_ids(user))
            res = self.llm.create_chat_completion(
                messages=[{"role": "user", "content": user}], max_tokens=max_new, temperature=0.0,
                top_k=1, repeat_penalty=repetition_penalty,
            )
            out.append((res["choices"][0]["message"].get("content") or "").strip())
        return out

    def describe(self) -> dict[str, Any]:
        return {"backend": self.kind, "context_tokens": self.context, "context_source": f"llama.cpp n_ctx (trained {self.trained})",
                "threads": self.threads, "decode_threads": self.decode_threads}

    def close(self) -> None:
        llm = getattr(self, "llm", None)
        if llm is not None:
            llm.close()

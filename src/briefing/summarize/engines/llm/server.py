"""An OpenAI-compatible chat server: Ollama, llama.cpp's server, llama-cpp-python's, vLLM, LM Studio.

On start-up the backend asks the server what it serves (``GET /v1/models``), how long its
context is, and how it counts tokens, then sends one tiny chat request: a server that is
down, a model it does not have or a rejected key fails here, in one line, before any article.

Context length, by server:
- llama.cpp (``llama-server``): ``GET /props`` → ``default_generation_settings.n_ctx``.
- vLLM: ``max_model_len`` in ``/v1/models``.
- Ollama: ``POST /api/show`` → ``num_ctx`` in the model's parameters, else Ollama's default
  (which silently cuts longer prompts: a warning says so).
- llama-cpp-python (``python -m llama_cpp.server``) reports none; its context-length error,
  raised after tokenizing and before any evaluation, names it, so one over-long probe does.
Token counts come from the server's tokenizer where it has an endpoint
(``/tokenize``, ``/extras/tokenize/count``), else from a conservative estimate.
"""
from __future__ import annotations

import math
import os
import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable, Sequence
from urllib.parse import urlsplit, urlunsplit

from briefing.errors import ModelNotFoundError, RunError, UsageError
from briefing.ingest.http import retry_after_seconds
from briefing.summarize.engines.llm.base import Backend

API_KEY_ENV = "BRIEFING_API_KEY"
RETRY_STATUS = {429, 502, 503, 504}
OLLAMA_DEFAULT_CONTEXT = 2048  # Ollama's default num_ctx before 0.6; newer ones use 4096 or more
UNKNOWN_CONTEXT = 2048
PROBE_TOKENS = 1 << 18  # longer than any context llama-cpp-python is run with on a workstation
_CTX_ERROR = re.compile(r"(?:maximum context length is|context window of|context size of|n_ctx[^0-9]{0,20})\s*(\d+)", re.I)
CHARS_PER_TOKEN = 3.0  # English BPE averages ~4 characters a token: 3 over-counts, so chunks fit


class ServerError(RunError):
    """The server is unreachable, refused the request, or answered something unusable.

    At start-up it stops the run (exit 2); during a run it fails the article it happened in."""


def normalize_base(url: str) -> str:
    """``http://host:port`` or ``.../v1`` → the ``/v1`` base the OpenAI routes hang off."""
    url = url.strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise UsageError(f"--api-base {url!r}: expected an http(s) URL such as http://127.0.0.1:8080/v1")
    path = parts.path
    if not path:
        path = "/v1"
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def _root(base: str) -> str:
    return base[: -len("/v1")] if base.endswith("/v1") else base


def _reason(exc: Exception) -> str:
    """``[Errno 111] Connection refused`` → ``connection refused``."""
    text = str(exc) or type(exc).__name__
    m = re.search(r"\[Errno -?\d+\]\s*(.*)", text)
    text = (m.group(1) if m else text).strip().rstrip(".")
    return text[:1].lower() + text[1:] if text else type(exc).__name__


def _error_message(resp: Any) -> str:
    """The server's own words: OpenAI ``{"error": {"message"}}``, FastAPI ``{"detail"}``, or text."""
    try:
        data = resp.json()
    except ValueError:
        return " ".join(resp.text.split())[:200] or resp.reason_phrase
    if isinstance(data, dict):
        err = data.get("error", data.get("detail", data.get("message")))
        if isinstance(err, dict):
            err = err.get("message") or err
        if err:
            return " ".join(str(err).split())[:300]
    return " ".join(str(data).split())[:200]


def retry_after(resp: Any, attempt: int, base_delay: float) -> float:
    """Seconds to wait: the server's ``Retry-After`` (at most 120 s), else exponential."""
    asked = retry_after_seconds(resp.headers.get("retry-after")) if resp is not None else None
    return min(asked, 120.0) if asked is not None else base_delay * (2 ** attempt)


class ServerBackend(Backend):
    kind = "server"

    def __init__(self, api_base: str, model: str | None = None, context_tokens: int | None = None, timeout: float = 300.0,
                 concurrency: int = 0, retries: int = 4, retry_delay: float = 1.0, seed: int = 0,
                 warn: Callable[[str], None] | None = None, connect_timeout: float = 10.0):
        import httpx

        self.base = normalize_base(api_base)
        self.root = _root(self.base)
        self.timeout = float(timeout)
        self.concurrency = max(1, int(concurrency) or 8)  # 0: decided below, from what the server is
        self.retries = max(0, int(retries))
        self.retry_delay = float(retry_delay)
        self.seed = int(seed)
        self.warnings: list[str] = []
        self._warn = warn
        self._truncation_warned = False
        key = os.environ.get(API_KEY_ENV, "").strip()
        self.has_key = bool(key)
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        self.http = httpx.Client(headers=headers, timeout=httpx.Timeout(self.timeout, connect=min(connect_timeout, self.timeout)),
                                 trust_env=False, limits=httpx.Limits(max_connections=self.concurrency + 2))
        self._counts: dict[str, int] = {}
        self._lock = threading.Lock()
        try:
            self.server_kind = "openai-compatible"
            served = self._models()
            self.model = self._pick(model, served)
            self.served_entry = next((m for m in served if m.get("id") == self.model), {})
            self._count_fn = self._detect_tokenizer()
            reported, source = self._detect_context()
            if context_tokens:
                self.context, self.context_source = int(context_tokens), "--gen context_tokens"
                if reported and int(context_tokens) > reported:
                    self._note(f"context_tokens={context_tokens} is more than the {reported} tokens {self.root} reports "
                               f"({source}): prompts longer than that will be cut or refused by the server")
            elif reported:
                self.context, self.context_source = reported, source
            else:
                self.context, self.context_source = UNKNOWN_CONTEXT, "assumed"
                self._note(f"{self.root} does not report its context length; assuming {UNKNOWN_CONTEXT} tokens "
                           "(set --gen context_tokens=N to use more)")
            if not concurrency:
                self.concurrency = self._auto_concurrency()
            self.overhead = self._calibrate()
        except BaseException:
            self.http.close()
            raise

    # -- HTTP --------------------------------------------------------------------------
    def _note(self, message: str) -> None:
        self.warnings.append(message)
        if self._warn:
            self._warn(message)

    def _request(self, method: str, url: str, *, json: Any = None, quiet: bool = False, timeout: float | None = None) -> Any:
        """One request with retries on 429/502/503/504 and on dropped connections.

        ``quiet``: return None for a 4xx/5xx instead of raising (feature probes).
        """
        import httpx

        attempt = 0
        while True:
            try:
                kw = {"timeout": timeout} if timeout else {}
                resp = self.http.request(method, url, json=json, **kw)
            except httpx.ConnectError as exc:
                raise ServerError(f"{url}: cannot connect ({_reason(exc)}); is the server running?") from None
            except httpx.TimeoutException:
                if quiet:
                    return None
                raise ServerError(f"{url}: no answer within {timeout or self.timeout:g} s (--gen timeout=SECONDS)") from None
            except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError) as exc:
                if attempt >= self.retries:
                    raise ServerError(f"{url}: the connection failed ({_reason(exc)})") from None
                time.sleep(self.retry_delay * (2 ** attempt))
                attempt += 1
                continue
            except httpx.HTTPError as exc:
                raise ServerError(f"{url}: {_reason(exc)}") from None
            if resp.status_code in RETRY_STATUS and attempt < self.retries:
                time.sleep(retry_after(resp, attempt, self.retry_delay))
                attempt += 1
                continue
            if resp.status_code in (401, 403):
                how = "the API key in $" + API_KEY_ENV + " was rejected" if self.has_key else f"it needs an API key: set ${API_KEY_ENV}"
                raise ServerError(f"{url}: HTTP {resp.status_code}, {how} ({_error_message(resp)})")
            if resp.status_code >= 400:
                if quiet:
                    return None
                raise ServerError(f"{url}: HTTP {resp.status_code}: {_error_message(resp)}")
            try:
                return resp.json()
            except ValueError:
                if quiet:
                    return None
                raise ServerError(f"{url}: the answer is not JSON ({' '.join(resp.text.split())[:80]!r})") from None

    # -- what the server serves ---------------------------------------------------------
    def _models(self) -> list[dict[str, Any]]:
        url = f"{self.base}/models"
        try:
            data = self._request("GET", url)
        except ServerError as exc:
            if ": HTTP 404" in str(exc):
                raise ServerError(f"{url}: HTTP 404: not an OpenAI-compatible API here (the base URL usually ends in /v1)") from None
            raise
        items = data.get("data", data.get("models")) if isinstance(data, dict) else None
        if not isinstance(items, list):
            raise ServerError(f"{url}: not an OpenAI model list")
        return [m if isinstance(m, dict) else {"id": str(m)} for m in items]

    def _pick(self, wanted: str | None, served: list[dict[str, Any]]) -> str:
        ids = [str(m.get("id") or m.get("name") or m.get("model")) for m in served]
        if not wanted:
            if len(ids) == 1:
                return ids[0]
            raise ModelNotFoundError(f"{self.base}: pass --model NAME; the server has {', '.join(ids) or 'no models'}")
        for cand in ids:  # exact, Ollama's implicit :latest, or the file a llama.cpp server loaded
            base = re.split(r"[\\/]", cand)[-1]
            if wanted in (cand, f"{cand}".removesuffix(":latest"), base, base.removesuffix(".gguf")):
                return cand
        raise ModelNotFoundError(f"{self.base}: the server does not have model {wanted!r} (it serves: {', '.join(ids) or 'nothing'})")

    def _detect_tokenizer(self) -> Callable[[str], int] | None:
        r = self._request("POST", f"{self.root}/tokenize", json={"content": "Hello world", "add_special": False}, quiet=True)
        if isinstance(r, dict) and isinstance(r.get("tokens"), list) and r["tokens"]:
            self.server_kind = "llama.cpp"
            self.tokenizer_source = "server /tokenize"
            return lambda t: len(self._request("POST", f"{self.root}/tokenize", json={"content": t, "add_special": False})["tokens"])
        r = self._request("POST", f"{self.root}/extras/tokenize/count", json={"input": "Hello world", "model": self.model}, quiet=True)
        if isinstance(r, dict) and isinstance(r.get("count"), int):
            self.server_kind = "llama-cpp-python"
            self.tokenizer_source = "server /extras/tokenize/count"
            bos = self._post_count_raw("", "/extras/tokenize/count", "input")  # the BOS it adds to every string
            return lambda t: self._post_count_raw(t, "/extras/tokenize/count", "input") - bos
        r = self._request("POST", f"{self.root}/tokenize", json={"model": self.model, "prompt": "Hello world", "add_special_tokens": False}, quiet=True)
        if isinstance(r, dict) and isinstance(r.get("count"), int):  # vLLM
            self.server_kind = "vllm" if "max_model_len" in self.served_entry else self.server_kind
            self.tokenizer_source = "server /tokenize"
            return lambda t: int(self._request("POST", f"{self.root}/tokenize",
                                               json={"model": self.model, "prompt": t, "add_special_tokens": False})["count"])
        self.tokenizer_source = f"estimate ({CHARS_PER_TOKEN:g} characters a token)"
        return None

    def _post_count_raw(self, text: str, path: str, field: str) -> int:
        return int(self._request("POST", f"{self.root}{path}", json={field: text, "model": self.model})["count"])

    def _detect_context(self) -> tuple[int | None, str]:
        if self.server_kind == "llama.cpp":
            props = self._request("GET", f"{self.root}/props", quiet=True)
            if isinstance(props, dict):
                n = (props.get("default_generation_settings") or {}).get("n_ctx") or props.get("n_ctx")
                if n:
                    return int(n), "server /props n_ctx"
        n = self.served_entry.get("max_model_len")
        if n:
            self.server_kind = "vllm"
            return int(n), "server /v1/models max_model_len"
        show = self._request("POST", f"{self.root}/api/show", json={"model": self.model, "name": self.model}, quiet=True)
        if isinstance(show, dict) and ("model_info" in show or "parameters" in show or "modelfile" in show):
            self.server_kind = "ollama"
            return self._ollama_context(show)
        if self.server_kind == "llama-cpp-python":
            n = self._probe_context()
            if n:
                return n, "server context-length error (probe)"
        return None, ""

    def _auto_concurrency(self) -> int:
        """Requests in flight: as many as the server runs at once. More only queue there, and time
        spent queued counts against each request's timeout."""
        if self.server_kind == "llama-cpp-python":
            return 1  # one model, one lock: requests are served one by one
        if self.server_kind == "llama.cpp":
            props = self._request("GET", f"{self.root}/props", quiet=True)
            slots = props.get("total_slots") if isinstance(props, dict) else None
            return max(1, int(slots)) if slots else 1
        return 4

    def _ollama_context(self, show: dict[str, Any]) -> tuple[int | None, str]:
        m = re.search(r"^\s*num_ctx\s+(\d+)", str(show.get("parameters") or ""), re.M)
        trained = next((int(v) for k, v in (show.get("model_info") or {}).items() if k.endswith(".context_length") and v), None)
        if m:
            return int(m.group(1)), "ollama /api/show num_ctx"
        env = os.environ.get("OLLAMA_CONTEXT_LENGTH")  # only meaningful when the server runs here, with this environment
        self._note(f"Ollama does not say which context it runs {self.model} with and silently cuts longer prompts: sizing "
                   f"chunks for {OLLAMA_DEFAULT_CONTEXT} tokens"
                   + (f" (the model was trained on {trained})" if trained else "")
                   + "; to use more, set num_ctx in a Modelfile (or OLLAMA_CONTEXT_LENGTH for `ollama serve`) and pass "
                   "--gen context_tokens=N" + (f" (OLLAMA_CONTEXT_LENGTH={env} is set here)" if env else ""))
        return OLLAMA_DEFAULT_CONTEXT, "ollama default num_ctx (assumed)"

    def _probe_context(self) -> int | None:
        """llama-cpp-python refuses a prompt of ``n_ctx`` tokens or more, naming ``n_ctx``, before evaluating it."""
        probe = " a" * PROBE_TOKENS
        import httpx

        try:
            resp = self.http.post(f"{self.base}/completions", json={"model": self.model, "prompt": probe, "max_tokens": 1},
                                  timeout=httpx.Timeout(min(self.timeout, 60.0), connect=10.0))
        except httpx.HTTPError:
            return None
        m = _CTX_ERROR.search(resp.text) if resp.status_code >= 400 else None
        return int(m.group(1)) if m else None

    def _calibrate(self) -> int:
        """One tiny chat request: checks model and key, and measures the chat template's tokens."""
        user = "Say OK."
        res = self._chat(user, 1, 1.0)
        used = (res.get("usage") or {}).get("prompt_tokens")
        if used:
            return max(0, int(used) - self.count(user))
        return 48  # no usage reported: a generous allowance for a chat template

    # -- counting and generation --------------------------------------------------------
    def count(self, text: str) -> int:
        if not text:
            return 0
        if self._count_fn is None:
            return math.ceil(len(text) / CHARS_PER_TOKEN)
        with self._lock:
            hit = self._counts.get(text)
        if hit is None:
            hit = self._count_fn(text)
            with self._lock:
                if len(self._counts) > 50_000:
                    self._counts.clear()
                self._counts[text] = hit
        return hit

    def count_many(self, texts: Sequence[str]) -> list[int]:
        """Counts for many texts with requests in flight together (sentences of a long article)."""
        if self._count_fn is None or len(texts) < 8:
            return [self.count(t) for t in texts]
        with ThreadPoolExecutor(self.concurrency) as pool:
            return list(pool.map(self.count, texts))

    def prompt_tokens(self, user: str) -> int:
        return self.overhead + self.count(user)

    def _chat(self, user: str, max_new: int, repetition_penalty: float) -> dict[str, Any]:
        body: dict[str, Any] = {"model": self.model, "messages": [{"role": "user", "content": user}],
                                "max_tokens": int(max_new), "temperature": 0, "seed": self.seed, "stream": False}
        if repetition_penalty and repetition_penalty != 1.0:
            # not in the OpenAI API: llama.cpp reads repeat_penalty, vLLM repetition_penalty; others ignore them
            body["repeat_penalty"] = body["repetition_penalty"] = float(repetition_penalty)
        url = f"{self.base}/chat/completions"
        res = self._request("POST", url, json=body)
        if not isinstance(res, dict) or not res.get("choices"):
            raise ServerError(f"{url}: the answer has no choices")
        return res

    def _answer(self, user: str, max_new: int, repetition_penalty: float) -> str:
        res = self._chat(user, max_new, repetition_penalty)
        used = (res.get("usage") or {}).get("prompt_tokens")
        expected = self.prompt_tokens(user)
        if used and int(used) < 0.9 * expected - 8 and not self._truncation_warned:
            self._truncation_warned = True
            self._note(f"{self.root} read {used} prompt tokens where {expected} were sent: it cuts prompts (its context is "
                       f"shorter than {self.context}); pass --gen context_tokens=N with the server's real context")
        msg = res["choices"][0].get("message") or {}
        return str(msg.get("content") or res["choices"][0].get("text") or "").strip()

    def generate(self, users: Sequence[str], max_new: int, repetition_penalty: float) -> list[str]:
        if len(users) <= 1 or self.concurrency == 1:
            return [self._answer(u, max_new, repetition_penalty) for u in users]
        with ThreadPoolExecutor(min(self.concurrency, len(users))) as pool:
            return list(pool.map(lambda u: self._answer(u, max_new, repetition_penalty), users))

    def describe(self) -> dict[str, Any]:
        return {"backend": self.kind, "api_base": self.base, "server": self.server_kind, "context_tokens": self.context,
                "context_source": self.context_source, "tokenizer": self.tokenizer_source, "concurrency": self.concurrency}

    def close(self) -> None:
        self.http.close()

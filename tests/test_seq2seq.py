"""The seq2seq engine with tiny BART and T5 models built here (random weights, trained tokenizers).

The models write nonsense; what is tested is the machinery: chunks sized to the model's
input limit with nothing truncated, batched map over chunks and articles, the reduce step,
generation settings taken from the model unless overridden, T5's task prefix, and errors.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Sequence

import pytest
from conftest import ROOT, SEED
from tiny_models import LIMIT, build_bart, build_t5

slow = pytest.mark.slow


@pytest.fixture(scope="session")
def tiny_bart(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_bart(tmp_path_factory.mktemp("tiny-bart"))


@pytest.fixture(scope="session")
def tiny_t5(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_t5(tmp_path_factory.mktemp("tiny-t5"))


def prepared(texts: Sequence[str]):
    from briefing.article import Article
    from briefing.nlp.sentences import split_many
    from briefing.summarize.engines.base import Prepared

    return [Prepared(Article(id=f"a{i}", text=t), s) for i, (t, s) in enumerate(zip(texts, split_many(texts)))]


def recording_engine(model: Path, **options: Any):
    """A Seq2SeqEngine that records every generate call: (inputs, settings, net.generate batches)."""
    from briefing.summarize.engines.seq2seq import Seq2SeqEngine

    class Recording(Seq2SeqEngine):
        def __init__(self, **kw: Any):
            super().__init__(**kw)
            self.calls: list[tuple[list[str], dict, list[str]]] = []
            self.batches: list[int] = []
            real = self.net.generate

            def counted(**kwargs: Any):
                self.batches.append(int(kwargs["input_ids"].shape[0]))
                self.input_lengths.extend(kwargs["attention_mask"].sum(1).tolist())
                return real(**kwargs)

            self.input_lengths: list[int] = []
            self.net.generate = counted

        def generate(self, texts, settings):
            out = super().generate(texts, settings)
            self.calls.append((list(texts), dict(settings), out))
            return out

    return Recording(model=str(model), device="cpu", fallback_engine="lead", **options)


def words(text: str) -> list[str]:
    return text.split()


def test_input_limit_and_task_prefix():
    from briefing.summarize.engines.seq2seq import input_limit, task_prefix

    big = SimpleNamespace(model_max_length=int(1e30))
    assert input_limit(big, SimpleNamespace(max_position_embeddings=1024)) == 1024  # BART, PEGASUS
    assert input_limit(SimpleNamespace(model_max_length=512), SimpleNamespace(n_positions=512)) == 512  # T5
    assert input_limit(big, SimpleNamespace(max_encoder_position_embeddings=16384, max_position_embeddings=1024)) == 16384  # LED
    assert input_limit(big, SimpleNamespace()) == 512
    assert task_prefix(SimpleNamespace(model_type="t5", task_specific_params=None), None) == "summarize: "
    assert task_prefix(SimpleNamespace(model_type="bart", task_specific_params=None), None) == ""
    assert task_prefix(SimpleNamespace(model_type="bart", task_specific_params={"summarization": {"prefix": "x: "}}), None) == "x: "
    assert task_prefix(SimpleNamespace(model_type="t5"), "") == ""


@slow
def test_bart_chunks_fit_cover_everything_and_batch_across_articles(tiny_bart: Path):
    text = SEED.read_text(encoding="utf-8")
    docs = prepared([text, "A short story about rain. Rain fell all day in the city. Schools stayed open."])
    eng = recording_engine(tiny_bart, batch_size=4)
    drafts = eng.draft_many(docs)
    assert drafts[0].chunks > 1 and drafts[1].chunks == 1
    map_inputs, _, map_outputs = eng.calls[0]
    assert len(map_inputs) == drafts[0].chunks + drafts[1].chunks  # both articles in one map pass
    assert len(map_outputs) == len(map_inputs) and all(isinstance(o, str) for o in map_outputs)
    # nothing truncated: the chunks hold every word of every sentence, in order, and each fits
    first = map_inputs[: drafts[0].chunks]
    assert words(" ".join(first)) == words(" ".join(s.text for s in docs[0].sentences))
    assert max(eng.input_lengths) <= LIMIT
    assert all(len(eng.tokenizer(t)["input_ids"]) <= LIMIT for t in map_inputs)
    # batched: ceil(n / batch_size) model calls for the map step, never one call per chunk
    n = len(map_inputs)
    assert eng.batches[: -(-n // 4)] == [4] * (n // 4) + ([n % 4] if n % 4 else [])


@slow
def test_bart_map_reduce_then_short_from_long(tiny_bart: Path):
    text = SEED.read_text(encoding="utf-8")
    eng = recording_engine(tiny_bart)
    (draft,) = eng.draft_many(prepared([text]))
    assert draft.details["reduce_levels"] >= 2
    map_outputs = eng.calls[0][2]
    reduce_inputs = eng.calls[1][0]
    # the reduce step reads the chunk summaries (joined, re-chunked if too long), nothing else
    assert words(" ".join(reduce_inputs)) == words(" ".join(o for o in map_outputs if o))
    short_inputs, short_settings, _ = eng.calls[-1]
    assert short_inputs == [draft.long]
    assert short_settings["max_length"] <= eng.settings["max_length"]


@slow
def test_generation_settings_from_model_unless_overridden(tiny_bart: Path, tiny_t5: Path):
    eng = recording_engine(tiny_bart)
    assert eng.settings == {"num_beams": 2, "min_length": 4, "max_length": 16, "no_repeat_ngram_size": 3,
                            "length_penalty": 2.0, "early_stopping": True}
    assert eng.prefix == "" and eng.limit == LIMIT

    eng = recording_engine(tiny_bart, num_beams=1, max_length=8, min_length=2, no_repeat_ngram_size=0, length_penalty=1.0)
    assert eng.settings["num_beams"] == 1 and eng.settings["max_length"] == 8 and "early_stopping" not in eng.settings
    out = eng.generate(["The United States and Cuba held talks on Tuesday in Havana."], eng.settings)
    assert len(eng.tokenizer(out[0], add_special_tokens=False)["input_ids"]) <= 8

    t5 = recording_engine(tiny_t5)
    # T5: task_specific_params["summarization"] supply the prefix and generation settings
    assert t5.prefix == "summarize: "
    assert t5.settings["num_beams"] == 3 and t5.settings["max_length"] == 12 and t5.settings["no_repeat_ngram_size"] == 2
    (draft,) = t5.draft_many(prepared([SEED.read_text(encoding="utf-8")]))
    assert draft.chunks > 1
    assert max(t5.input_lengths) <= LIMIT  # prefix included in the count
    ids = t5.tokenizer(t5.prefix + t5.calls[0][0][0])["input_ids"]
    assert t5.tokenizer.convert_ids_to_tokens(ids)[:2] == t5.tokenizer.convert_ids_to_tokens(t5.tokenizer("summarize: x")["input_ids"])[:2]


@slow
def test_guard_falls_back_and_says_so(tiny_t5: Path):
    """The tiny T5 writes capitalised nonsense: the guard must replace it with article sentences."""
    text = SEED.read_text(encoding="utf-8")
    eng = recording_engine(tiny_t5)
    (out,) = eng.summarize_many(prepared([text]))
    if out.fallback is None:  # nothing flagged: then every sentence kept must be supported
        from briefing.summarize.guard import ArticleIndex, check_sentence

        assert all(not check_sentence(s, ArticleIndex(text)) for s in out.long_sentences)
    else:
        assert "extractive" in out.fallback
        assert all(s in text for s in out.long_sentences)
        assert out.details["guard"]["dropped"]


@slow
def test_missing_models_are_clear_errors(tmp_path: Path):
    from briefing.errors import BriefingError, ModelNotFoundError
    from briefing.summarize.engines.seq2seq import Seq2SeqEngine

    with pytest.raises(ModelNotFoundError, match="no-such-model"):
        Seq2SeqEngine(model=str(tmp_path / "no-such-model"), device="cpu")
    with pytest.raises(BriefingError, match="needs --model"):
        Seq2SeqEngine(model=None)
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    code = ("from briefing.summarize.engines.seq2seq import Seq2SeqEngine\n"
            "try:\n    Seq2SeqEngine(model='nobody-here/not-a-model', device='cpu')\n"
            "except Exception as e:\n    print(type(e).__name__, e)\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)
    assert r.stdout.startswith("ModelNotFoundError"), r.stdout + r.stderr
    assert "nobody-here/not-a-model" in r.stdout and "hf download" in r.stdout


@slow
def test_cli_seq2seq_json_meets_contract_with_default_quotes(tiny_bart: Path):
    def run(*extra: str) -> dict:
        r = subprocess.run([sys.executable, "-m", "briefing", "summarize", str(SEED), "--format", "json", *extra],
                           capture_output=True, text=True, cwd=ROOT, timeout=600)
        assert r.returncode == 0, r.stderr
        return json.loads(r.stdout)

    d = run("--engine", "seq2seq", "--model", str(tiny_bart), "--device", "cpu")
    base = run()
    assert d["schema"] == "briefing.article/v1"
    assert set(d) == set(base)
    assert d["engine"]["name"] == "seq2seq" and d["engine"]["model"] == str(tiny_bart)
    assert "fallback" in d["engine"] and "fallback" in base["engine"]
    assert d["summary"]["short"] and d["summary"]["long"] and len(d["key_points"]) >= 3
    assert d["stats"]["chunks"] > 1
    assert d["quotes"] == base["quotes"]  # quotes come from the article, never from a model


@slow
def test_twenty_thousand_words_every_chunk_summarized(tmp_path: Path):
    """A 20,000-word article through a BART with a 1,024-token input: many chunks, none truncated."""
    model = build_bart(tmp_path / "bart-1024", limit=1024, max_length=12)
    from conftest import SEEDS

    base = " ".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    paragraphs = base.split("\n\n")
    text, n = [], 0
    while n < 20_000:
        for p in paragraphs:
            text.append(p)
            n += len(p.split())
    article = "\n\n".join(text)
    assert len(article.split()) >= 20_000
    eng = recording_engine(model, batch_size=16)
    docs = prepared([article])
    (draft,) = eng.draft_many(docs)
    map_inputs, _, map_outputs = eng.calls[0]
    assert draft.chunks == len(map_inputs) > 20
    assert draft.details["chunks_summarized"] == draft.chunks
    assert all(o for o in map_outputs)  # every chunk was summarized
    assert words(" ".join(map_inputs)) == words(" ".join(s.text for s in docs[0].sentences))
    assert max(eng.input_lengths) <= 1024


@slow
def test_cli_gen_overrides_generation_settings(tiny_bart: Path):
    def run(*extra: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "briefing", "summarize", str(SEED), "--format", "json", "--no-quotes",
                               "--engine", "seq2seq", "--model", str(tiny_bart), "--device", "cpu", *extra],
                              capture_output=True, text=True, cwd=ROOT, timeout=600)

    r = run("--gen", "num_beams=1", "--gen", "max_length=6", "--gen", "guard_max_flags=100")
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    # no flags are too many now, so the tiny model's words are kept: at most 6 tokens per generation
    assert d["engine"]["fallback"] is None
    assert len(d["summary"]["long"].split()) <= 6
    r = run("--gen", "num_beam=1")
    assert r.returncode == 2 and "unknown option num_beam; valid options: " in r.stderr and "num_beams" in r.stderr
    r = run("--gen", "oops")
    assert r.returncode == 2 and "expected KEY=VALUE" in r.stderr

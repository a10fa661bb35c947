"""The trained extractive engine: oracle labels, training into a folder, loading with --model."""
from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest

from briefing.article import Article
from briefing.errors import ModelNotFoundError
from briefing.summarize.engines.base import EngineOutput, Prepared
from briefing.summarize.features import (
    SCALAR_FEATURES,
    greedy_oracle,
    sentence_features,
)

FIXTURE = Path(__file__).parent / "fixtures" / "train-small.jsonl"


def test_greedy_oracle_picks_the_sentences_the_reference_copies() -> None:
    sents = [
        "The weather was mild on Tuesday.",
        "Officials said the bridge will reopen next spring after repairs.",
        "A local bakery sold out of bread.",
        "The repairs cost 3 million dollars, the city council said.",
    ]
    ref = "Bridge will reopen next spring after repairs.\nRepairs cost $3 million, city council said."
    assert greedy_oracle(sents, ref) == [1, 3]


def test_sentence_features_shape_and_position() -> None:
    emb = np.eye(5, 384, dtype=np.float32)
    f = sentence_features(["one two three"] * 5, emb)
    assert f.shape == (5, len(SCALAR_FEATURES))
    first = SCALAR_FEATURES.index("is_first")
    assert f[:, first].tolist() == [1, 0, 0, 0, 0]


def test_missing_model_dir_is_a_clear_error(tmp_path: Path) -> None:
    from briefing.summarize.engines.trained import TrainedExtractiveEngine

    with pytest.raises(ModelNotFoundError, match="briefing train"):
        TrainedExtractiveEngine(model=str(tmp_path / "nowhere"))


def test_train_small_then_load_with_model_dir(tmp_path: Path) -> None:
    from briefing.nlp.sentences import split_many
    from briefing.summarize.engines import load_engine
    from briefing.training.fit import train

    out = tmp_path / "head"
    calls: list[tuple[str, int, int]] = []
    result = train(FIXTURE, out, cache_dir=tmp_path / "cache", epochs=2, batch_size=4,
                   progress=lambda *a: calls.append(a))
    assert (out / "head.safetensors").is_file()
    config = json.loads((out / "config.json").read_text())
    # 2 of the 12 fixture ids hash into the validation pool: never trained on
    assert config["articles"]["train"] + config["articles"]["val"] == 10
    assert config["articles"]["pool_excluded"] == 2
    assert result["timings_s"]["total"] > 0
    assert {c[0] for c in calls} >= {"embed", "oracle", "train"}
    # the re-run reads the embedding cache instead of the encoder
    assert any((tmp_path / "cache").rglob("shard-*.npy"))

    engine = load_engine("extractive", model=str(out))
    assert str(out) in engine.model
    row = json.loads(FIXTURE.read_text().splitlines()[0])
    art = Article(id=row["id"], text=row["article"])
    [res] = engine.summarize_many([Prepared(art, split_many([art.text])[0])])
    assert isinstance(res, EngineOutput)
    assert 1 <= len(res.long_sentences) <= 5
    assert all(s in art.text for s in res.long_sentences)
    assert res.short and res.short in art.text


def test_a_warm_cache_trains_the_same_head_as_a_cold_one(tmp_path: Path) -> None:
    """The cache stores float16 vectors; a cold run once trained on the float32 ones and gave
    another head than every later run."""
    from briefing.training.fit import train

    kw = dict(cache_dir=tmp_path / "cache", epochs=2, batch_size=4, progress=False)
    train(FIXTURE, tmp_path / "cold", **kw)
    train(FIXTURE, tmp_path / "warm", **kw)
    assert (tmp_path / "cold" / "head.safetensors").read_bytes() == (tmp_path / "warm" / "head.safetensors").read_bytes()


def test_members_train_with_their_own_seeds_and_average_their_scores(tmp_path: Path) -> None:
    import torch
    from safetensors.torch import load_file

    from briefing.summarize.head import article_inputs, load_head, score_articles
    from briefing.training.fit import train

    kw = dict(cache_dir=tmp_path / "cache", epochs=2, batch_size=4, progress=False)
    train(FIXTURE, tmp_path / "one", members=1, **kw)
    result = train(FIXTURE, tmp_path / "two", members=2, **kw)
    assert len(result["selected_epoch"]) == 2
    assert {e["member"] for e in result["history"]} == {0, 1}
    weights = load_file(str(tmp_path / "two" / "head.safetensors"))
    first = {k.removeprefix("members.0."): v for k, v in weights.items() if k.startswith("members.0.")}
    second = {k.removeprefix("members.1."): v for k, v in weights.items() if k.startswith("members.1.")}
    # member 0 is the single head of the same seed; member 1 learned something else
    single = load_file(str(tmp_path / "one" / "head.safetensors"))
    assert first.keys() == single.keys() == second.keys()
    assert all(torch.equal(first[k], single[k]) for k in single)
    assert not all(torch.equal(first[k], second[k]) for k in first)

    # a head saved before members existed has no 'members' in its config: one head
    old = json.loads((tmp_path / "one" / "config.json").read_text())
    del old["config"]["members"]
    (tmp_path / "one" / "config.json").write_text(json.dumps(old))
    head, _ = load_head(tmp_path / "one")
    assert not hasattr(head, "members")

    ensemble, config = load_head(tmp_path / "two")
    assert config["config"]["members"] == 2
    rng = np.random.default_rng(0)
    vecs = rng.normal(size=(6, 384)).astype(np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    x = article_inputs(["A sentence with several words in it."] * 6, vecs)
    [both] = score_articles(ensemble, [x])
    [a] = score_articles(ensemble.members[0], [x])
    [b] = score_articles(ensemble.members[1], [x])
    np.testing.assert_allclose(both, (a + b) / 2, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("field", ["members", "epochs"])
def test_zero_members_or_epochs_is_a_clear_error(tmp_path: Path, field: str) -> None:
    from briefing.training.fit import train

    with pytest.raises(ValueError, match=f"{field} must be at least 1"):
        train(FIXTURE, tmp_path / "head", cache_dir=tmp_path / "cache", progress=False, **{field: 0})
    assert not (tmp_path / "head").exists()


@pytest.mark.slow
def test_shipped_head_summarizes_a_real_article(shared_data: Path) -> None:
    from briefing.nlp.sentences import split_many
    from briefing.summarize.engines import load_engine
    from briefing.summarize.engines.trained import SHIPPED_HEAD

    assert (SHIPPED_HEAD / "head.safetensors").stat().st_size < 20_000_000
    engine = load_engine("extractive")
    assert engine.name == "extractive" and engine.model.startswith("briefing-head")
    row = json.loads((shared_data / "cnndm-dev.jsonl").read_text().splitlines()[3])
    art = Article(id=row["id"], text=row["article"])
    docs = [Prepared(art, split_many([art.text])[0]), Prepared(Article(id="empty", text=""), [])]
    res, empty = engine.summarize_many(docs)
    assert 3 <= len(res.long_sentences) <= 5
    assert all(s in art.text for s in res.long_sentences)
    assert res.ranked[: len(res.long_sentences)] and res.short in art.text
    assert len(res.short.split()) <= 40
    assert empty.long_sentences == []


@pytest.mark.slow
def test_shipped_head_runs_on_the_shipped_static_table() -> None:
    """The default engine never runs the MiniLM transformer (speed), and its weights stay small."""
    from briefing.nlp.static_table import SHIPPED_STATIC, StaticEncoder
    from briefing.summarize.engines import load_engine
    from briefing.summarize.engines.trained import SHIPPED_HEAD

    engine = load_engine("extractive")
    assert isinstance(engine.encoder, StaticEncoder)
    config = json.loads((SHIPPED_HEAD / "config.json").read_text())
    assert config["encoder"] == {"name": "minilm-static", "key": engine.encoder.key, "dim": engine.encoder.dim}
    shipped = sum(f.stat().st_size for d in (SHIPPED_HEAD, SHIPPED_STATIC) for f in d.iterdir())
    assert shipped < 20_000_000


def test_head_trained_on_another_table_is_refused(tmp_path: Path) -> None:
    import shutil

    from briefing.summarize.engines.trained import SHIPPED_HEAD, TrainedExtractiveEngine

    shutil.copytree(SHIPPED_HEAD, tmp_path / "head")
    config = json.loads((tmp_path / "head" / "config.json").read_text())
    config["encoder"]["key"] = "minilm-static-000000000000"
    (tmp_path / "head" / "config.json").write_text(json.dumps(config))
    with pytest.raises(ModelNotFoundError, match="retrain"):
        TrainedExtractiveEngine(model=str(tmp_path / "head"))


@pytest.mark.slow
def test_train_on_the_minilm_transformer_and_use_it(tmp_path: Path) -> None:
    """`briefing train --encoder all-MiniLM-L6-v2`: the head records its encoder and the engine loads that one."""
    from typer.testing import CliRunner

    from briefing.cli import app
    from briefing.nlp.encoder import SentenceEncoder
    from briefing.summarize.engines import load_engine

    out = tmp_path / "head"
    res = CliRunner().invoke(app, ["train", str(FIXTURE), "--out", str(out), "--epochs", "1", "--encoder", "all-MiniLM-L6-v2",
                                   "--cache-dir", str(tmp_path / "cache")])
    assert res.exit_code == 0, res.output
    assert json.loads((out / "config.json").read_text())["encoder"]["name"] == "all-MiniLM-L6-v2"
    assert isinstance(load_engine("extractive", model=str(out)).encoder, SentenceEncoder)
    bad = CliRunner().invoke(app, ["train", str(FIXTURE), "--out", str(tmp_path / "x"), "--encoder", "word2vec"])
    assert bad.exit_code == 2 and "unknown sentence encoder" in bad.output


def test_head_trained_with_other_features_is_refused(tmp_path: Path) -> None:
    """A head from a version that computed other sentence features once loaded silently (same count)
    or died in load_state_dict (other count); either way it must be a clear 'retrain' error."""
    import shutil

    from briefing.summarize.engines.trained import SHIPPED_HEAD
    from briefing.summarize.head import load_head

    shutil.copytree(SHIPPED_HEAD, tmp_path / "head")
    config = json.loads((tmp_path / "head" / "config.json").read_text())
    config["scalar_features"][-1] = "log_n_paragraphs"
    (tmp_path / "head" / "config.json").write_text(json.dumps(config))
    with pytest.raises(ModelNotFoundError, match="other sentence features"):
        load_head(tmp_path / "head")


def test_briefing_cache_moves_the_embedding_cache_like_the_other_caches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """BRIEFING_CACHE is the root of every cache (the LLM's converted weights go to <root>/gguf);
    training once took it as the embedding folder itself."""
    from briefing.training.fit import train

    monkeypatch.setenv("BRIEFING_CACHE", str(tmp_path / "root"))
    train(FIXTURE, tmp_path / "head", epochs=1, batch_size=4, progress=False)
    assert any((tmp_path / "root" / "embeddings").rglob("shard-*.npy"))


def test_train_command_defaults_are_the_shipped_recipe() -> None:
    """The CLI spells its defaults out (importing train.py would slow `--help`); they must
    still be TrainConfig's, or `briefing train` would not rebuild the shipped head."""
    import typer

    from briefing.cli import app
    from briefing.training.config import TrainConfig

    command = next(c for c in typer.main.get_command(app).commands.values() if c.name == "train")
    defaults = {p.name: p.default for p in command.params}
    shipped = TrainConfig()
    for name in ("epochs", "members", "seed", "encoder", "oracle_sents", "n_long"):
        assert defaults[name] == getattr(shipped, name), name
    assert (defaults["max_articles"] or None) == shipped.max_articles  # 0 on the command line means all


# --------------------------------------------------------------------------- lower-cased data, pool, intervals


def test_clean_lower_drops_the_byline_dateline_and_stops_after_function_words() -> None:
    from briefing.evaluation.lower import clean_lower

    text = ("by. john drayton for mailonline. published: 12:01 est, 3 march 2014. | . updated: 14:02 est, 3 march 2014. "
            "the. new series will include a female astronomer with a. telescope. it was a long day.")
    assert clean_lower(text) == "the new series will include a female astronomer with a telescope. it was a long day."
    assert clean_lower("london (cnn) -- the talks ended. they left.") == "the talks ended. they left."
    # a stop after a word a sentence can end on stays
    assert clean_lower("he gave up. she went on.") == "he gave up. she went on."


def test_split_lower_keeps_abbreviations_initials_and_closing_quotes() -> None:
    from briefing.evaluation.lower import split_lower

    text = ('the u.s. army said mr. smith, no. 2 in command, met george w. bush. " it was fine. " he left at 5 p.m.. '
            "she said ‘ no. ’ then she went home! was it over? yes, it was. ok")
    assert split_lower(text) == [
        "the u.s. army said mr. smith, no. 2 in command, met george w. bush.",
        '" it was fine. "',
        "he left at 5 p.m..",
        "she said ‘ no. ’",
        "then she went home!",
        "was it over?",
        "yes, it was. ok",  # a piece under 4 characters joins the sentence before it
    ]


def test_lower_text_is_recognised_and_cased_text_is_not() -> None:
    from briefing.evaluation.lower import is_lower_text

    assert is_lower_text("the talks ended. 3 were hurt.")
    assert not is_lower_text("The talks ended.")
    assert not is_lower_text("1 2 3 .")


def test_the_pool_is_a_fixed_tenth_of_ids() -> None:
    from briefing.evaluation.pool import POOL_MODULUS, in_pool

    assert POOL_MODULUS == 10
    assert [k for k in range(40) if in_pool(f"story-{k}")] == [3, 18, 32, 36, 37]
    share = sum(in_pool(f"dailymail-train-{k}") for k in range(20_000)) / 20_000
    assert 0.09 < share < 0.11


def _pool_file(tmp_path: Path) -> Path:
    """A .jsonl.gz with 3 lower-cased pool stories (one DailyMail with a byline) and 2 training ones."""
    import gzip

    rows = [json.loads(line) for line in FIXTURE.read_text().splitlines()[:5]]
    ids = ["story-3", "story-18", "story-32", "story-0", "story-1"]
    path = tmp_path / "lower.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        for k, (rid, r) in enumerate(zip(ids, rows)):
            text = " ".join(r["article"].lower().split())
            if k == 0:
                text = "by. daily mail reporter. " + text
            fh.write(json.dumps({"id": rid, "source": "dailymail" if k % 2 == 0 else "cnn", "split": "train",
                                 "article": text, "reference": r["reference"].lower()}) + "\n")
    return path


def test_read_rows_reads_gzip_cleans_lower_text_and_leaves_out_the_pool(tmp_path: Path) -> None:
    from briefing.evaluation.pool import pool_rows
    from briefing.training.data import read_rows

    path = _pool_file(tmp_path)
    assert [r["id"] for r in read_rows(path, exclude_pool=True)] == ["story-0", "story-1"]
    pool = pool_rows(path)
    assert [r["id"] for r in pool] == ["story-3", "story-18", "story-32"]
    assert not pool[0]["article"].startswith("by") and pool[0]["source"] == "dailymail"


def test_training_on_lower_text_splits_it_without_spacy(tmp_path: Path) -> None:
    from briefing.training.data import embed_articles, read_rows
    from briefing.training.fit import TrainConfig
    from briefing.evaluation.lower import split_lower

    class Encoder:
        dim = 4

        def encode(self, texts):
            return np.ones((len(texts), 4), np.float32)

    rows = read_rows(_pool_file(tmp_path))
    [(sents, vecs)] = embed_articles([rows[3]["article"]], TrainConfig(), None, Encoder(), lambda *a: None)
    assert sents == split_lower(rows[3]["article"][:3500])[:-1][:20] or sents == split_lower(rows[3]["article"])[:20]
    assert vecs.shape == (len(sents), 4)


def test_paired_bootstrap_interval() -> None:
    from briefing.evaluation.rouge import paired_bootstrap

    rng = np.random.default_rng(1)
    b = rng.normal(40, 10, size=(2000, 3))
    a = b + rng.normal(1.0, 3.0, size=(2000, 3))
    d, lo, hi = paired_bootstrap(a, b)
    assert np.all(lo < d) and np.all(d < hi) and np.all(lo > 0.7) and np.all(hi < 1.3)
    assert all(np.array_equal(x, y) for x, y in zip(paired_bootstrap(a, b), (d, lo, hi)))  # fixed seed
    # no real difference: the interval holds zero
    d, lo, hi = paired_bootstrap(b + rng.normal(0, 3.0, size=b.shape), b)
    assert np.all(lo < 0) and np.all(hi > 0)


def test_eval_pool_prints_margins_with_intervals_per_source(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from briefing.cli import app

    res = CliRunner().invoke(app, ["eval", str(_pool_file(tmp_path)), "--pool"])
    assert res.exit_code == 0, res.output
    assert "validation pool" in res.output and ": 3 rows" in res.output
    for part in ("cnn (1 articles)", "dailymail (2 articles)", "all (3 articles)", "margin over lead-3 [95% interval]"):
        assert part in res.output
    assert re.search(r"extractive +[+-]\d+\.\d\d \[[+-]\d+\.\d\d, [+-]\d+\.\d\d\]", res.output)
    missing = CliRunner().invoke(app, ["eval", str(tmp_path / "nope.jsonl")])
    assert missing.exit_code == 2 and "no such file" in missing.output

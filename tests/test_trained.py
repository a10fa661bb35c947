"""The trained extractive engine: oracle labels, training into a folder, loading with --model."""
from __future__ import annotations

import json
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
    assert config["articles"]["train"] + config["articles"]["val"] == 12
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
    for name in ("epochs", "members", "seed", "max_articles", "encoder"):
        assert defaults[name] == getattr(shipped, name), name

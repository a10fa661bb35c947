import numpy as np
import pytest


@pytest.mark.slow
def test_one_encoder_per_process_and_normalised_vectors():
    from briefing.nlp.encoder import get_encoder

    enc = get_encoder()
    assert get_encoder("auto", "cpu") is enc  # daily, train and the engine share one model
    v = enc.encode(["The council approved the budget.", "Rain is expected all week.", "The council passed the budget."])
    assert v.shape == (3, 384)
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)
    assert v[0] @ v[2] > v[0] @ v[1]


def test_static_encoder_is_normalised_and_keeps_meaning():
    """The distilled table (shipped) ranks paraphrases above unrelated sentences, like MiniLM does."""
    from briefing.nlp.encoder import get_encoder
    from briefing.nlp.static_table import StaticEncoder

    enc = get_encoder(name="minilm-static")
    assert isinstance(enc, StaticEncoder) and get_encoder(name="minilm-static") is enc
    v = enc.encode(["The council approved the budget.", "Rain is expected all week.", "The council passed the budget."])
    assert v.shape == (3, enc.dim) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-3)
    assert v[0] @ v[2] > v[0] @ v[1] + 0.2
    assert enc.encode([]).shape == (0, enc.dim)
    assert enc.token_counts(["one two", ""]) == [2, 0]


def test_static_tokenizer_does_not_pad():
    """MiniLM's tokenizer.json pads to 128; padding averaged into a static vector would blur every sentence."""
    from briefing.nlp.static_table import StaticEncoder

    enc = StaticEncoder()
    assert enc.tokenizer.padding is None
    short, padded = enc.encode(["Markets fell.", "Markets fell." + " " * 50])
    assert np.allclose(short, padded, atol=1e-5)


def test_unknown_encoder_name_is_a_clear_error():
    from briefing.errors import ModelNotFoundError
    from briefing.nlp.encoder import get_encoder

    with pytest.raises(ModelNotFoundError, match="unknown sentence encoder"):
        get_encoder(name="word2vec")


@pytest.mark.slow
def test_build_distills_and_fits_a_table_that_loads(tmp_path):
    """`briefing train-encoder`'s pipeline end to end on a small corpus: the fit moves the
    table towards MiniLM's sentence vectors, and the int8 table loads as a StaticEncoder."""
    from pathlib import Path

    from briefing.nlp.static_table import StaticEncoder
    from briefing.training.static_table import build

    corpus = Path(__file__).parent / "fixtures" / "train-small.jsonl"
    stages = set()
    figures = build(tmp_path / "table", [corpus], cache_dir=tmp_path / "cache", progress=lambda s, d, t: stages.add(s))
    assert stages >= {"distill", "minilm", "fit"}
    assert figures["val_cosine_after"] > figures["val_cosine_before"]
    enc = StaticEncoder(tmp_path / "table")
    assert enc.dim == 384 and enc.model.embedding.dtype == np.int8
    v = enc.encode(["The council approved the budget.", "Rain is expected all week.", "The council passed the budget."])
    assert v[0] @ v[2] > v[0] @ v[1]


def test_build_rejects_a_bad_corpus_before_distilling(tmp_path):
    """Bug: `briefing train-encoder bad.jsonl` distilled MiniLM (about a minute) before reading the corpus."""
    from briefing.errors import InputError
    from briefing.training.static_table import build

    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "text": "no reference"}\n')
    stages = []
    with pytest.raises(InputError, match="reference"):
        build(tmp_path / "table", [bad], progress=lambda s, d, t: stages.append(s))
    assert stages == []


def test_release_freed_memory_returns_freed_heap_to_the_os():
    """Freed blocks in the middle of glibc's heap stay resident until malloc_trim: what grew
    MiniLM's RSS batch after batch over a 10,000-article day (docs/scale.md)."""
    import ctypes
    import os

    from briefing.nlp.devices import release_freed_memory

    try:
        ctypes.CDLL(None).malloc_trim
    except AttributeError:
        pytest.skip("not glibc")

    def rss_mb() -> float:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20

    release_freed_memory()
    blocks = [bytearray(64 * 1024) for _ in range(3000)]  # 190 MB in 64 KB heap blocks (under the mmap threshold)
    keep = blocks[-1]
    del blocks  # freed, but below the block still in use at the top: glibc keeps it all
    before = rss_mb()
    assert release_freed_memory() is True
    assert before - rss_mb() > 100
    del keep


@pytest.mark.slow
def test_encode_in_small_batches_gives_the_same_vectors():
    """Batching (and trimming the heap between batches) changes nothing but float rounding."""
    from briefing.nlp.encoder import get_encoder

    texts = ["The council approved the budget on Tuesday after a long debate.", "Rain is expected all week.",
             "Shares fell.", "A storm closed roads across the north, and schools stayed shut for a second day."] * 3
    enc = get_encoder()
    one = enc.encode(texts, batch_size=128)
    small = enc.encode(texts, batch_size=2)
    assert one.shape == small.shape == (12, 384)
    assert np.min(np.sum(one * small, axis=1)) > 0.999

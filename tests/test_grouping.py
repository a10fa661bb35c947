"""Grouping at scale: the LSH near-duplicates and the neighbour-graph clustering give the
decisions of the all-pairs method, every article lands in exactly one story, and no n x n
matrix is built.

The 200-article day (tests/fixtures/grouping, made by its make.py) is real CNN stories with
their real MiniLM vectors, including every multi-article story of the 1,000-article day; the
tests add synthetic near-duplicates (edited copies) to it. Fast: no model is loaded.
"""
from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

import numpy as np
import pytest

from briefing.article import Article, ArticleResult, Summary
from briefing.daily.grouping import (
    average_linkage,
    cluster_articles,
    cluster_vectors,
    exact_clusters,
    jaccard,
    near_duplicates,
    pair_agreement,
    shingle_array,
    shingles,
)

FIX = Path(__file__).parent / "fixtures" / "grouping"


def unit_rows(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def edited_copy(text: str, rng: np.random.Generator, edits: int) -> str:
    """The text as another outlet runs it: a few words changed, a line added at the end."""
    words = text.split()
    for p in rng.choice(len(words), size=min(edits, len(words)), replace=False):
        words[p] = "changed"
    return " ".join(words) + " Updated at 9pm with more details from the scene."


@pytest.fixture(scope="module")
def day():
    """(results, vectors, copies): the 200 real articles plus 20 edited copies of the first 20,
    half of them with a random vector (the encoder is not asked to find copies)."""
    rows = [json.loads(line) for line in (FIX / "day200.jsonl").open()]
    vecs = unit_rows(np.load(FIX / "day200-vectors.npy"))
    rng = np.random.default_rng(7)
    texts = [r["text"] for r in rows]
    extra_vecs, copies = [], []
    for k in range(20):
        texts.append(edited_copy(texts[k], rng, edits=3 if k % 2 else 12))
        v = vecs[k] + 0.05 * rng.normal(size=vecs.shape[1]) if k % 2 else rng.normal(size=vecs.shape[1])
        extra_vecs.append(v)
        copies.append((k, len(texts) - 1))
    vecs = unit_rows(np.vstack([vecs, np.array(extra_vecs)]))
    ids = [r["id"] for r in rows] + [f"copy-{k}" for k in range(20)]
    results = [ArticleResult(Article(id=i, text=t), Summary(t[:80], t[:300]), [], [], {}, {}) for i, t in zip(ids, texts)]
    return results, vecs, copies


def partition_ok(clusters: list[list[int]], n: int) -> bool:
    flat = [i for c in clusters for i in c]
    return sorted(flat) == list(range(n)) and all(c == sorted(c) and c for c in clusters)


# ---------------------------------------------------------------- near-duplicates


def test_lsh_near_duplicates_are_the_all_pairs_ones(day):
    results, _, copies = day
    texts = [r.article.text for r in results]
    lsh = near_duplicates(texts)
    assert lsh == near_duplicates(texts, exact=True)
    sets = [shingle_array(t) for t in texts]
    for i, j in copies:
        assert ((i, j) in lsh) == (jaccard(sets[i], sets[j]) >= 0.5)
    assert all(p in lsh for p in copies[1::2])  # three words changed: still a copy


def test_near_duplicate_threshold_is_the_exact_jaccard():
    rng = np.random.default_rng(3)
    vocab = [f"w{i}" for i in range(5000)]
    base = list(rng.choice(vocab, 400))
    texts = [" ".join(base)]
    # copies sharing a decreasing share of the text: the decision must follow the exact Jaccard
    for keep in (0.95, 0.8, 0.7, 0.6, 0.5, 0.4, 0.2):
        cut = int(len(base) * keep)
        texts.append(" ".join(base[:cut] + list(rng.choice(vocab, len(base) - cut))))
    texts += [" ".join(rng.choice(vocab, 400)) for _ in range(30)] + ["", "too short"]
    found = near_duplicates(texts)
    sets = [shingle_array(t) for t in texts]
    expected = [(i, j) for i in range(len(texts)) for j in range(i + 1, len(texts)) if jaccard(sets[i], sets[j]) >= 0.5]
    assert found == expected and (0, 1) in found and (0, 7) not in found


def test_shingles_keep_todays_definition():
    assert shingles("One two three four five six") == set(shingle_array("one TWO three four five six").tolist())
    assert len(shingles("One two three four five six")) == 2 and len(shingles("short text")) == 1 and shingles("") == set()


# ---------------------------------------------------------------- clustering


def test_cluster_vectors_is_average_linkage():
    rng = np.random.default_rng(0)
    for _ in range(40):
        n, d = int(rng.integers(2, 50)), int(rng.integers(2, 8))
        centres = rng.normal(size=(int(rng.integers(1, 5)), d))
        x = unit_rows(centres[rng.integers(0, len(centres), n)] + rng.normal(scale=rng.uniform(0.1, 1.0), size=(n, d)))
        thr = float(rng.uniform(0.3, 0.9))
        must = [tuple(sorted(rng.choice(n, 2, replace=False).tolist())) for _ in range(int(rng.integers(0, 4)))]
        ref = average_linkage(x.astype(np.float64) @ x.astype(np.float64).T, thr, must)
        assert cluster_vectors(x, thr, must, neighbours=n) == ref  # SciPy inside components
        assert cluster_vectors(x, thr, must, neighbours=n, max_dense=1) == ref  # the linear-memory chain


def test_stories_match_the_exact_method_on_a_real_day(day):
    results, vecs, copies = day
    n = len(results)
    ref = exact_clusters(results, vecs)
    assert sum(len(c) > 1 for c in ref) >= 15  # the day has real related stories to get right
    for kwargs in ({}, {"neighbours": 4}):
        got = cluster_articles(results, vecs, **kwargs)
        assert partition_ok(got, n)
        agree = pair_agreement(ref, got, n)
        assert agree["agree"] >= 0.99
        assert agree["same_both"] >= 0.9 * agree["same_a"]  # and the same-story pairs themselves
    assert cluster_articles(results, vecs) == ref  # with the default neighbours: identical here
    dups = near_duplicates([r.article.text for r in results])
    story = {i: k for k, c in enumerate(cluster_articles(results, vecs)) for i in c}
    assert all(story[i] == story[j] for i, j in dups)  # copies together whatever the vectors say


def test_a_large_component_goes_through_the_chain(day):
    results, vecs, _ = day
    ref = exact_clusters(results, vecs)
    got = cluster_vectors(vecs, 0.62, near_duplicates([r.article.text for r in results]), max_dense=3)
    assert partition_ok(got, len(results)) and pair_agreement(ref, got, len(results))["agree"] >= 0.99


def test_no_n_by_n_matrix():
    rng = np.random.default_rng(1)
    n = 4000
    x = unit_rows(rng.normal(size=(600, 64))[rng.integers(0, 600, n)] + rng.normal(scale=0.4, size=(n, 64)))
    tracemalloc.start()
    try:
        clusters = cluster_vectors(x, 0.62)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert partition_ok(clusters, n) and any(len(c) > 1 for c in clusters)
    assert peak < n * n * 8 / 4, f"{peak / 2**20:.0f} MB traced"  # a dense float64 matrix would be 122 MB


def test_small_and_empty_days():
    one = [ArticleResult(Article(id="a", text="Only one."), Summary("Only one.", "Only one."), [], [], {}, {})]
    assert cluster_articles([], np.zeros((0, 3))) == [] and cluster_articles(one, np.ones((1, 1))) == [[0]]
    assert cluster_vectors(unit_rows(np.eye(3)), 0.5) == [[0], [1], [2]]
    assert cluster_vectors(unit_rows(np.eye(3)), 0.5, [(0, 2)]) == [[0, 2], [1]]

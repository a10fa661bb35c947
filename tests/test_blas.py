"""spaCy's parse with numpy's BLAS (briefing.nlp.blas) is the parse thinc's blis gives."""
from __future__ import annotations

import json
from pathlib import Path

import pytest


def _annotations(doc) -> list[tuple]:
    return [(t.text, t.tag_, t.pos_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_, t.is_sent_start) for t in doc]


def test_parse_is_the_same_as_with_blis(shared_data: Path):
    import spacy
    from thinc.api import NumpyOps

    from briefing.nlp import attribute_rules
    from briefing.nlp.blas import one_thread
    from briefing.nlp.sentences import SPACY_MODELS, load_spacy

    ours = load_spacy("parser")
    assert all(not layer.ops.use_blis for _, c in ours.pipeline if hasattr(c, "model") for layer in c.model.walk())
    name = next(n for n in SPACY_MODELS if spacy.util.is_package(n))
    with_blis = spacy.load(name, exclude=["lemmatizer"])
    attribute_rules.install(with_blis)
    assert isinstance(with_blis.get_pipe("ner").model.ops, NumpyOps) and with_blis.get_pipe("ner").model.ops.use_blis
    with open(shared_data / "cnndm-dev.jsonl", encoding="utf-8") as f:
        texts = [json.loads(line)["article"] for line in f][:25]
    with one_thread():
        got = [_annotations(d) for d in ours.pipe(texts)]
    want = [_annotations(d) for d in with_blis.pipe(texts)]
    assert sum(map(len, got)) > 10_000
    assert got == want


def test_one_thread_holds_numpy_blas_to_one_and_puts_the_count_back():
    import numpy as np
    from threadpoolctl import threadpool_info

    from briefing.nlp.blas import one_thread

    def blas_threads() -> list[int]:
        return [i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"]

    np.ones((2, 2)) @ np.ones((2, 2))
    before = blas_threads()
    if not before:
        pytest.skip("numpy has no BLAS that threadpoolctl sees")
    with one_thread():
        assert blas_threads() == [1] * len(before)
    assert blas_threads() == before

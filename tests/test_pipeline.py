"""The per-article pipeline: batches flow through together, a failure stays with its article,
ingestion errors pass through in order, and every result meets the article contract."""
from __future__ import annotations

import pytest

from briefing.article import Article, ArticleError, ArticleResult
from briefing.errors import InputError
from briefing.summarize.engines.base import EngineOutput
from briefing.summarize.engines.extractive import LeadEngine

pytestmark = pytest.mark.slow  # spaCy splits the sentences

TEXT = ("The council approved the new budget on Monday after a long debate. Spending on schools rises by 4 percent. "
        "Road repairs get an extra $2 million. \"This is a fair budget,\" said Mayor Ann Lee. Opponents said taxes would rise.")


class FailsOnBoom(LeadEngine):
    """A real engine that breaks on one article, to show that a failure stays with it."""

    name = "fails-on-boom"

    def summarize_many(self, docs):
        if any("BOOM" in d.article.text for d in docs):
            raise RuntimeError("engine exploded")
        return super().summarize_many(docs)


def test_results_keep_input_order_and_failures_stay_alone():
    from briefing.pipeline import Pipeline

    pipe = Pipeline(FailsOnBoom(), batch_size=8)
    items = [Article("a", TEXT), InputError("bad.txt", "empty file"), Article("b", "BOOM. " + TEXT), Article("c", TEXT, title="Budget")]
    out = list(pipe.process(items))
    assert [type(o) for o in out] == [ArticleResult, ArticleError, ArticleError, ArticleResult]
    assert str(out[1]) == "bad.txt: empty file"
    assert out[2].id == "b" and out[2].error == "RuntimeError: engine exploded"
    assert out[0].article.id == "a" and out[3].article.title == "Budget"
    assert {"sentences", "summarize", "quotes", "keypoints", "load"} <= set(pipe.timings)


def test_a_result_meets_the_article_contract():
    from briefing.pipeline import Pipeline

    result = Pipeline("lead").summarize(Article("budget", TEXT, path="budget.txt"))
    d = result.to_dict()
    assert d["schema"] == "briefing.article/v1" and d["id"] == "budget" and d["path"] == "budget.txt"
    assert d["summary"]["short"].startswith("The council approved")
    assert d["engine"]["name"] == "lead" and d["engine"]["fallback"] is None
    assert d["stats"]["sentences"] == 5 and d["stats"]["words"] > 30
    quote = d["quotes"][0]
    assert quote["speaker"] == "Ann Lee" and TEXT[quote["start"]:quote["end"]] == quote["text"]
    assert 3 <= len(d["key_points"]) <= 6


def test_no_sentences_is_a_named_failure_not_an_empty_summary():
    from briefing.pipeline import Pipeline

    (out,) = Pipeline("lead").run_batch([Article("blank", "   \n  ", path="blank.txt")])
    assert isinstance(out, ArticleError) and out.path == "blank.txt" and "no sentences" in out.error


def test_summarize_raises_with_the_reason():
    from briefing.errors import BriefingError
    from briefing.pipeline import Pipeline

    with pytest.raises(BriefingError, match="engine exploded"):
        Pipeline(FailsOnBoom()).summarize(Article("x", "BOOM. " + TEXT))


def test_engine_output_defaults():
    o = EngineOutput(short="s", long="l", long_sentences=["l"])
    assert o.ranked == [] and o.chunks == 1 and o.fallback is None and o.details == {}


def test_a_cached_result_comes_back_whole():
    """summarize and daily take finished articles from the result cache: what comes back must
    carry summary.sentences and the engine's ranking (daily tells stories from it), not just
    the contract's fields (a cached result once lost both)."""
    from briefing.article import ArticleResult
    from briefing.pipeline import Pipeline

    article = Article("budget", TEXT, path="budget.txt")
    fresh = Pipeline().summarize(article)
    back = ArticleResult.from_dict(fresh.to_cache(), article)
    assert back.to_dict() == fresh.to_dict()
    assert back.to_dict()["summary"]["sentences"]
    assert back.ranked_sentences == fresh.ranked_sentences and back.ranked_sentences
    assert back.summary_sentences == fresh.summary_sentences

"""What makes ``briefing batch`` fast on heavy web pages, without changing what it extracts:
extraction starts in worker processes before the pipeline's models load, and trafilatura's
metadata pass skips the fields no Article takes."""
from __future__ import annotations

from pathlib import Path

import pytest

from briefing.article import Article
from briefing.ingest import files
from briefing.ingest.files import parse_html
from briefing.ingest.inputs import open_inputs

HERE = Path(__file__).resolve().parent
WEB = HERE / "fixtures" / "web"
SEED = HERE.parent / "seeds" / "bbc-ink-democracy-asia.html"

TAGGED = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Bridge to close for repairs - The Gazette</title>
<meta property="og:site_name" content="The Gazette"><meta name="author" content="Jane Holloway">
<meta property="article:published_time" content="2026-11-30T06:00:00+00:00"><meta property="article:section" content="Local">
</head><body><nav><a href="/category/local/">Local</a> <a href="/category/politics/">Politics</a></nav>
<article><h1>Bridge to close for repairs</h1>
<p>The council voted on Tuesday to close the old bridge for two years of repairs, officials said in a statement.</p>
<p>Engineers had warned in March that the bridge's steel supports were badly corroded and could fail.</p>
<p>"We had no choice," the council leader, Maria Lopez, told reporters outside the town hall on Tuesday.</p>
<p>Watchdogs said the repairs would cost more than the council had planned for when it set its budget.</p>
<div class="tags"><a href="/tag/bridges/">Bridges</a> <a href="/tag/council/">Council</a></div></article>
<footer><a rel="license" href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a></footer></body></html>"""


def _fields(art: Article) -> dict:
    return {k: getattr(art, k) for k in ("id", "text", "title", "byline", "date", "source", "url")}


def test_skipping_unused_metadata_keeps_every_article_field(monkeypatch):
    import trafilatura.metadata as tm

    pages = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(WEB.glob("*.html"))[:8]]
    pages += [(SEED.name, SEED.read_text(encoding="utf-8")), ("tagged.html", TAGGED)]
    light = [_fields(parse_html(html, name)) for name, html in pages]
    assert tm.extract_catstags is files._no_categories and tm.extract_license is files._no_license
    assert tm.extract_catstags("category", None) == []  # the patch really skips the work
    for name, fn in files.UNPATCHED_METADATA.items():
        monkeypatch.setattr(tm, name, fn)
    # trafilatura's own pass does find categories, tags and the licence on the tagged page
    import trafilatura

    full_doc = trafilatura.bare_extraction(TAGGED, with_metadata=True)
    assert full_doc.categories and full_doc.tags and full_doc.license
    full = [_fields(parse_html(html, name)) for name, html in pages]
    assert light == full
    assert light[-1]["title"] == "Bridge to close for repairs" and light[-1]["byline"] == "Jane Holloway"
    assert light[-1]["date"] == "2026-11-30"


def test_skip_unused_metadata_leaves_an_unknown_trafilatura_alone():
    class Other:  # a trafilatura without these functions
        extract_catstags = None

    assert files.skip_unused_metadata(Other) is False and Other.extract_catstags is None


def test_extraction_starts_before_items_are_asked_for():
    """``start()`` spawns the worker and hands it the pages at once: the caller loads its models
    meanwhile, and the pages are ready (in input order) when it asks."""
    pages = sorted(WEB.glob("*.html"))[:6]
    inputs = open_inputs([str(p) for p in pages])
    try:
        inputs.start(workers=1)
        pending = list(inputs._pending or [])
        assert len(pending) == 6 and all(fut is not None for _, fut in pending)
        pending[-1][1].result(timeout=60)  # the last page is extracted before items() is called
        got = list(inputs.items())
    finally:
        inputs.close()
    assert inputs._pool is None
    assert [a.id for a in got] == [a.id for a in open_inputs([str(p) for p in pages]).items(workers=0)]
    assert all(isinstance(a, Article) and a.title for a in got)


def test_close_without_reading_stops_the_workers():
    inputs = open_inputs([str(p) for p in sorted(WEB.glob("*.html"))[:4]])
    inputs.start(workers=1)
    inputs.close()
    assert inputs._pool is None


@pytest.mark.slow
def test_warm_loads_what_the_first_batch_needs():
    from briefing.nlp.sentences import load_spacy
    from briefing.pipeline import Pipeline

    pipe = Pipeline("extractive")
    pipe.warm()
    assert pipe._compressor is not None
    before = load_spacy.cache_info()
    pipe.summarize(Article(id="a", text=TAGGED_TEXT))
    after = load_spacy.cache_info()
    assert after.misses == before.misses  # nothing loaded on the first article


TAGGED_TEXT = ("The council voted on Tuesday to close the old bridge for two years of repairs, officials said.\n\n"
               "\"We had no choice,\" the council leader, Maria Lopez, told reporters outside the town hall.\n\n"
               "Watchdogs said the repairs would cost more than the council had planned for.")


def test_result_cache_entries_are_not_fsynced_and_a_torn_one_is_a_miss(tmp_path, monkeypatch):
    """One fsync per article blocked the pipeline 0.57 s on 144 pages; an entry is only a cache."""
    import os

    from briefing.batch.cache import ResultCache
    from briefing.output import atomic_write

    synced = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: synced.append(fd) or real_fsync(fd))
    cache = ResultCache(tmp_path / "cache")
    cache.put("ab" + "0" * 38, {"schema": "briefing.article/v1", "id": "a"})
    assert synced == [] and cache.get("ab" + "0" * 38) == {"schema": "briefing.article/v1", "id": "a"}
    atomic_write(tmp_path / "out.json", "{}")  # outputs stay durable
    assert len(synced) == 1
    entry = next((tmp_path / "cache").rglob("*.json"))
    entry.write_text('{"schema": "briefing.article/v1", "id"')  # torn by a power cut
    assert cache.get("ab" + "0" * 38) is None

"""The per-article pipeline: sentences -> engine -> key points -> quotes -> result.

Articles flow through in batches so that spaCy and the encoder see many articles per call
(that is where the speed comes from), while a failure stays confined to its article.
"""
from __future__ import annotations

import time
from collections import defaultdict
from typing import Any, Callable, Iterable, Iterator, Sequence, Union

from briefing.article import Article, ArticleError, ArticleResult, Summary
from briefing.errors import BriefingError, InputError
from briefing.nlp.sentences import split_many, word_count
from briefing.summarize.compress import COMPRESS_LONG, Compressor, finish_summaries
from briefing.summarize.engines import DEFAULT_ENGINE, Engine, Prepared, load_engine
from briefing.summarize.keypoints import key_points

Outcome = Union[ArticleResult, ArticleError]


class Pipeline:
    """Summarize articles with one engine, loaded once.

    ``timings`` accumulates seconds per stage across calls (for the benchmark).
    """

    def __init__(self, engine: Engine | str = DEFAULT_ENGINE, *, quotes: bool = True, batch_size: int = 32,
                 compress: bool = True, compress_long: bool = COMPRESS_LONG, **engine_options: Any):
        t = time.perf_counter()
        self.engine = load_engine(engine, **engine_options) if isinstance(engine, str) else engine
        self.quotes = quotes
        # sentence compression of extractive summaries (summarize/compress.py); False: --no-compress
        # compress: fit the short summary to 30 words by compression; compress_long: also shorten
        # the long summary's sentences (off by default: it costs ROUGE, docs/compression.md)
        self.compress = compress
        self.compress_long = compress_long
        self._compressor = None
        self.batch_size = batch_size
        self.timings: dict[str, float] = defaultdict(float)
        self.timings["load"] += time.perf_counter() - t

    def warm(self) -> None:
        """Load now what the first batch would load: the spaCy sentence splitter, the parser
        behind quotes and compression, the compressor (a batch run calls this in a thread
        while the first pages are extracted)."""
        from briefing.nlp.sentences import load_spacy

        t = time.perf_counter()
        load_spacy("senter")
        if self.quotes or self.compress:
            load_spacy("parser")
        self.timings["load"] += time.perf_counter() - t
        self.compressor()

    def summarize(self, article: Article) -> ArticleResult:
        """One article; raises on failure (the batch API reports errors instead)."""
        (out,) = self.run_batch([article])
        if isinstance(out, ArticleError):
            raise BriefingError(str(out))
        return out

    def process(self, items: Iterable[Article | InputError], on_result: Callable[[Outcome], None] | None = None) -> Iterator[Outcome]:
        """Stream outcomes in input order; InputErrors from ingestion pass through as ArticleErrors."""
        batch: list[Article | InputError] = []
        for item in items:
            batch.append(item)
            if len(batch) >= self.batch_size:
                yield from self._flush(batch, on_result)
                batch = []
        if batch:
            yield from self._flush(batch, on_result)

    def _flush(self, batch: list[Article | InputError], on_result: Callable[[Outcome], None] | None) -> Iterator[Outcome]:
        articles = [a for a in batch if isinstance(a, Article)]
        done = iter(self.run_batch(articles)) if articles else iter(())
        for item in batch:
            out = ArticleError.from_exception(item) if isinstance(item, InputError) else next(done)
            if on_result:
                on_result(out)
            yield out

    def run_batch(self, articles: Sequence[Article]) -> list[Outcome]:
        """Process a batch together; on an unexpected failure, retry one by one to isolate it."""
        try:
            return self._run(articles)
        except Exception as exc:
            if len(articles) == 1:
                return [ArticleError.from_exception(exc, articles[0])]
            return [r for a in articles for r in self.run_batch([a])]

    def _run(self, articles: Sequence[Article]) -> list[Outcome]:
        t0 = time.perf_counter()
        tick = t0
        sentences = split_many([a.text for a in articles])
        tick = self._lap("sentences", tick)
        docs = [Prepared(a, s) for a, s in zip(articles, sentences)]
        outputs = self.engine.summarize_many(docs)
        tick = self._lap("summarize", tick)
        finished = finish_summaries([(d.sentences, o) for d, o in zip(docs, outputs)], self.compressor(), self.compress_long)
        tick = self._lap("compress", tick)
        if self.quotes:
            from briefing.quotes import extract_quotes_many

            quotes = [[q.to_dict() for q in qs] for qs in extract_quotes_many([a.text for a in articles])]
        else:
            quotes = [[] for _ in articles]
        tick = self._lap("quotes", tick)
        per_article = (time.perf_counter() - t0) / max(len(articles), 1)
        results: list[Outcome] = []
        for a, d, o, f, q in zip(articles, docs, outputs, finished, quotes):
            if not d.sentences:
                results.append(ArticleError(a.id, a.path, "no sentences found in the article text", a.line))
                continue
            engine = self.engine.describe()
            engine["fallback"] = o.fallback
            engine.update(o.details)
            results.append(
                ArticleResult(
                    article=a,
                    summary=Summary(short=f.short, long=f.long, sentences=f.sentences),
                    key_points=key_points(a.highlights, o.ranked or o.long_sentences, f.short),
                    quotes=q,
                    engine=engine,
                    stats={"words": word_count(a.text), "sentences": len(d.sentences), "chunks": o.chunks, "seconds": round(per_article, 4)},
                    summary_sentences=f.long_sentences,
                    ranked_sentences=list(o.ranked),
                )
            )
        self._lap("keypoints", tick)
        return results

    def compressor(self) -> "Compressor | None":
        if not self.compress:
            return None
        if self._compressor is None:
            t = time.perf_counter()
            self._compressor = Compressor()
            self.timings["load"] += time.perf_counter() - t
        return self._compressor

    def _lap(self, stage: str, since: float) -> float:
        now = time.perf_counter()
        self.timings[stage] += now - since
        return now

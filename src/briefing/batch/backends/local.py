"""Backends that run the pipeline for a batch: in this process, or in a pool of worker processes.

A backend only computes; the driver (``batch.runner``) reads inputs, caches and writes.
"""
from __future__ import annotations

import os
from concurrent.futures import Future
from typing import Any, Callable, Protocol, Sequence

from briefing.article import Article, ArticleError
from briefing.batch.config import BatchConfig, BatchError
from briefing.batch.sinks import failure
from briefing.cpu import usable_cores
from briefing.errors import BriefingError

Results = list[tuple[dict[str, Any], str | None]]  # per article: result or error dict, error message


OnEach = Callable[[int, dict[str, Any]], None]


class Backend(Protocol):
    """Runs the pipeline over articles; ``on_each(i, result)`` is called in this process as
    each result arrives (that is when it is cached), the Future resolves to all of them."""

    max_pending: int  # windows submitted ahead of the one being written
    window: int  # articles per window

    def submit(self, articles: list[Article], on_each: OnEach) -> "Future[Results]": ...
    def close(self) -> None: ...


def build_pipeline(kwargs: dict[str, Any]):
    from briefing.pipeline import Pipeline

    kwargs = dict(kwargs)
    return Pipeline(kwargs.pop("engine"), **kwargs)


def run_articles(pipe, articles: Sequence[Article]) -> Results:
    """The pipeline over one window; failures stay per article (Pipeline.run_batch isolates them)."""
    out: Results = []
    for o in pipe.run_batch(list(articles)):
        out.append(failure(o) if isinstance(o, ArticleError) else (o.to_dict(), None))
    return out


def _deliver(results: Results, on_each: OnEach) -> Results:
    for i, (data, message) in enumerate(results):
        if message is None:
            on_each(i, data)
    return results


class LocalBackend:
    """In this process; the pipeline is built on first use, so an all-cached run loads nothing."""

    max_pending = 0

    def __init__(self, config: BatchConfig):
        self.config = config
        self.window = config.batch_size
        self._pipe = None
        self._warming: Future | None = None

    def prewarm(self) -> None:
        """Build the pipeline in a thread now (model load overlaps reading and extraction)."""
        import threading

        if self._pipe is not None or self._warming is not None:
            return
        fut: Future = Future()

        def build() -> None:
            try:
                pipe = build_pipeline(self.config.pipeline_kwargs())
                pipe.warm()  # and what it would load on the first window (spaCy parser, compressor)
                fut.set_result(pipe)
            except BaseException as exc:  # noqa: BLE001 - handed to submit, which reports it
                fut.set_exception(exc)

        self._warming = fut
        threading.Thread(target=build, name="briefing-prewarm", daemon=False).start()

    def submit(self, articles: list[Article], on_each: OnEach) -> "Future[Results]":
        if self._pipe is None:
            try:
                if self._warming is not None:
                    self._pipe = self._warming.result()
                else:
                    self._pipe = build_pipeline(self.config.pipeline_kwargs())
            except BriefingError as exc:
                raise BatchError(str(exc)) from exc
        fut: Future[Results] = Future()
        fut.set_result(_deliver(run_articles(self._pipe, articles), on_each))
        return fut

    def close(self) -> None:
        if self._warming is not None and self._pipe is None:
            try:  # never leave the thread importing while the interpreter shuts down
                self._warming.result()
            except BaseException:  # noqa: BLE001
                pass


_WORKER_PIPE: Any = None


_WORKER_ERROR: str | None = None


def _init_worker(kwargs: dict[str, Any], threads: int) -> None:
    """Runs once per worker process: share the cores, build the model once."""
    global _WORKER_PIPE, _WORKER_ERROR
    for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        os.environ[var] = str(threads)
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    try:
        _WORKER_PIPE = build_pipeline(kwargs)
    except BriefingError as exc:
        _WORKER_ERROR = str(exc)


def _work(articles: list[Article]) -> Results:
    if _WORKER_PIPE is None:
        raise BatchError(_WORKER_ERROR or "the worker could not build the pipeline")
    return run_articles(_WORKER_PIPE, articles)


class PoolBackend:
    """``workers`` processes, each with its own pipeline; windows are submitted ahead so
    every worker stays busy, but never more than ``max_pending`` of them (bounded memory)."""

    def __init__(self, config: BatchConfig):
        self.config = config
        self.max_pending = 2 * config.workers
        self.window = config.batch_size
        self._pool = None

    def _start(self):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        threads = max(1, usable_cores() // self.config.workers)
        # spawn: workers must not inherit the driver's threads (progress bar) or locks
        self._pool = ProcessPoolExecutor(
            max_workers=self.config.workers, mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker, initargs=(self.config.pipeline_kwargs(), threads),
        )
        return self._pool

    def submit(self, articles: list[Article], on_each: OnEach) -> "Future[Results]":
        pool = self._pool or self._start()
        fut = pool.submit(_work, articles)

        def cache_now(f: "Future[Results]") -> None:
            if not f.cancelled() and f.exception() is None:
                _deliver(f.result(), on_each)

        fut.add_done_callback(cache_now)  # cached on completion, not when its turn to be written comes
        return fut

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

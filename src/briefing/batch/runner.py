"""Batch runs that never lose work: a result cache, ordered outputs, worker processes.

Why it is shaped this way:

- Every finished article is stored at once in a cache keyed by what determines its result
  (text, title, highlights, engine, model, settings), one JSON file per key, written
  atomically. A run killed at any point resumes from there; ``force`` redoes the work.
- Inputs are streamed source by source in windows of ``batch_size`` articles, so memory
  stays bounded however many articles there are, and output keeps input order.
- The model is built lazily: a run where everything is cached never loads it.
- The computation is pluggable (in-process, a process pool, or Ray, see ``backends``);
  outputs are always written here, by the driver.
"""
from __future__ import annotations

import time
from collections import deque
from concurrent.futures import BrokenExecutor, Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

from briefing.article import Article, ArticleError
from briefing.batch.backends.local import Backend, LocalBackend, PoolBackend, Results
from briefing.batch.cache import ResultCache, with_identity
from briefing.batch.config import BatchConfig, BatchError
from briefing.batch.sinks import Record, Sink, default_cache_dir, failure, make_sink
from briefing.errors import InputError
from briefing.ingest import Source, discover, read_source

# ---------------------------------------------------------------- inputs


def open_inputs(paths: Sequence[str], exclude: Iterable[Path | None] = ()) -> list[Source]:
    """The sources under ``paths`` minus our own outputs and cache (re-runs must not read them).

    Raises InputError for a missing path and BatchError when nothing is found (both exit 2).
    """
    sources = discover(paths)
    skip = [p.resolve() for p in exclude if p is not None]
    kept = [s for s in sources if s.path is None or not any(_within(s.path.resolve(), x) for x in skip)]
    if not kept:
        raise BatchError(f"no input found under {', '.join(paths)} (looked for .txt .md .html .htm .json .jsonl)")
    return kept


def _within(path: Path, other: Path) -> bool:
    return path == other or other in path.parents


def iter_items(sources: Iterable[Source]) -> Iterator[Article | InputError]:
    """Articles one source at a time: only one file's articles are in memory at once."""
    for src in sources:
        yield from read_source(src)


# ---------------------------------------------------------------- computing


# ---------------------------------------------------------------- the run


@dataclass
class BatchReport:
    done: int = 0
    skipped: int = 0
    failed: int = 0
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return f"done {self.done}, skipped {self.skipped}, failed {self.failed} in {self.seconds:.1f} s"


@dataclass
class _Miss:
    """An article waiting for the backend: its input position and its place in the window's misses."""

    index: int
    slot: int
    key: str
    article: Article


@dataclass
class _Window:
    slots: list[Record | _Miss]
    future: "Future[Results] | None"


def _windows(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    window: list[Any] = []
    for item in items:
        window.append(item)
        if len(window) >= size:
            yield window
            window = []
    if window:
        yield window


def run(
    items: Iterable[Article | InputError],
    sink: Sink,
    config: BatchConfig,
    backend: Backend | None = None,
    on_record: Callable[[Record], None] | None = None,
) -> BatchReport:
    """Process ``items`` into ``sink`` in input order, reusing and filling the cache.

    On any exception (Ctrl-C included) the sink is aborted, so a half output never replaces
    a whole one; everything finished so far is in the cache for the next run.
    """
    start = time.perf_counter()
    backend = backend or (PoolBackend(config) if config.workers > 1 else LocalBackend(config))
    cache = ResultCache(config.cache_dir)
    settings = config.settings()
    if (config.force or cache.empty()) and hasattr(backend, "prewarm"):
        backend.prewarm()  # a fresh run: load the model while the first pages are read and extracted
    report = BatchReport()
    pending: deque[_Window] = deque()
    index = 0

    def emit(record: Record) -> None:
        if record.status == "failed":
            report.failed += 1
            report.failures.append(record.message or "")
        elif record.status == "skipped":
            report.skipped += 1
        else:
            report.done += 1
        sink.write(record)
        if on_record:
            on_record(record)

    def finish(window: _Window) -> None:
        try:
            results = window.future.result() if window.future is not None else []
        except BrokenExecutor as exc:
            raise BatchError(f"a worker process died ({exc}); lower --workers if memory is short, then re-run to resume") from exc
        for slot in window.slots:
            if isinstance(slot, Record):
                emit(slot)
                continue
            data, message = results[slot.slot]
            emit(Record(slot.index, "done" if message is None else "failed", data, message))

    try:
        for chunk in _windows(items, max(1, backend.window)):
            slots: list[Record | _Miss] = []
            misses: list[_Miss] = []
            for item in chunk:
                if isinstance(item, InputError):
                    err = ArticleError.from_exception(item)
                    slots.append(Record(index, "failed", *failure(err)))
                elif len(item.text) > config.max_chars:
                    err = ArticleError(
                        item.id, item.path,
                        f"article too long: {len(item.text):,} characters (the limit is {config.max_chars:,}); split it into several articles",
                        item.line,
                    )
                    slots.append(Record(index, "failed", *failure(err)))
                else:
                    key = cache.key(item, settings)
                    hit = None if config.force else cache.get(key)
                    if hit is not None:
                        slots.append(Record(index, "skipped", with_identity(hit, item)))
                    else:
                        miss = _Miss(index, len(misses), key, item)
                        slots.append(miss)
                        misses.append(miss)
                index += 1
            future = None
            if misses:
                keys = [m.key for m in misses]
                future = backend.submit([m.article for m in misses], lambda i, data, keys=keys: cache.put(keys[i], data))
            pending.append(_Window(slots, future))
            while len(pending) > backend.max_pending:
                finish(pending.popleft())
        while pending:
            finish(pending.popleft())
        sink.close()
    except BaseException:
        sink.abort()
        for w in pending:
            if w.future is not None:
                w.future.cancel()
        raise
    finally:
        backend.close()
    report.seconds = time.perf_counter() - start
    return report


def run_paths(
    paths: Sequence[str],
    out: str,
    fmt: str = "jsonl",
    config: BatchConfig | None = None,
    ray_address: str | None = None,
    on_record: Callable[[Record], None] | None = None,
    on_start: Callable[[int], None] | None = None,
    from_files: Sequence[str] = (),
    on_fetch: Callable[[str, int, int], None] | None = None,
) -> BatchReport:
    """The whole ``briefing batch``: inputs under ``paths`` (files, folders, URLs, feeds, .opml)
    and ``from_files`` lists to ``out`` (a .jsonl file, a folder, or -).

    ``on_start(estimated_total)`` is called once the inputs are known (for a progress bar),
    ``on_fetch(url, done, total)`` as URLs are fetched. Fetched pages are archived in
    ``<cache_dir>/web`` when a cache folder is given, else ``<cache root>/web``.
    """
    from briefing.ingest.archive import default_archive_dir
    from briefing.ingest.inputs import no_input_message
    from briefing.ingest.inputs import open_inputs as open_all

    config = config or BatchConfig()
    archive_dir = default_archive_dir(config.cache_dir)
    if config.cache_dir is None:
        config.cache_dir = default_cache_dir(out, fmt)
    from briefing.summarize.engines import parse_options

    parse_options(config.engine, config.engine_options())  # an unknown engine or option stops here (exit 2)
    exclude = [config.cache_dir] + ([Path(out)] if out != "-" else [])
    inputs = open_all(paths, from_files, archive_dir=archive_dir, exclude=exclude, on_fetch=on_fetch)
    if not inputs.jobs:
        raise BatchError(no_input_message(list(paths) + [f"--from {f}" for f in from_files]))
    if on_start:
        on_start(len(inputs))
    sink = make_sink(out, fmt)
    backend: Backend | None = None
    if ray_address is not None:
        from briefing.batch.backends.ray import RayBackend

        backend = RayBackend(config, address=ray_address)
    # extraction starts now, in worker processes, before the pipeline's models load in run()
    inputs.start()
    try:
        return run(inputs.items(), sink, config, backend=backend, on_record=on_record)
    finally:
        inputs.close()

"""Batch runs that never lose work: a result cache, ordered outputs, worker processes.

Why it is shaped this way:

- Every finished article is stored at once in a cache keyed by what determines its result
  (text, title, highlights, engine, model, settings), one JSON file per key, written
  atomically. A run killed at any point resumes from there; ``force`` redoes the work.
- Inputs are streamed source by source in windows of ``batch_size`` articles, so memory
  stays bounded however many articles there are, and output keeps input order.
- The model is built lazily: a run where everything is cached never loads it.
- The computation is pluggable (in-process, a process pool, or Ray, see ``ray_runner``);
  outputs are always written here, by the driver.
"""
from __future__ import annotations

import glob
import hashlib
import json
import os
import sys
import tempfile
import time
from collections import deque
from concurrent.futures import BrokenExecutor, Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Callable, Iterable, Iterator, Protocol, Sequence

from .article import Article, ArticleError
from .errors import BriefingError, InputError
from .ingest import Source, discover, read_source
from .output import atomic_write, safe_name, to_json, to_jsonl_line

CACHE_VERSION = 1
# Five times the longest news features (~85,000 words). Longer texts are not news articles,
# and they cost minutes each: a 300,000-character paragraph takes ~60 s and ~0.5 GB with
# quotes on (measured); a 5 MB one would pass spaCy's per-text limit. They fail alone, clearly.
MAX_ARTICLE_CHARS = 500_000
# Fields of a result that identify the input rather than follow from its text: a cached
# result is reused for the same text under another id or path, with these fields replaced.
IDENTITY_FIELDS = ("id", "path", "byline", "date", "source", "url")


class BatchError(BriefingError):
    """The run as a whole cannot go on (e.g. the engine cannot be loaded): exit 2."""


@dataclass
class BatchConfig:
    """Everything that decides how a batch runs; ``settings`` is what decides its results."""

    engine: str = "extractive"
    model: str | None = None
    device: str = "auto"
    quotes: bool = True
    batch_size: int = 16
    workers: int = 1
    force: bool = False
    cache_dir: Path | None = None
    max_chars: int = MAX_ARTICLE_CHARS

    def settings(self) -> dict[str, Any]:
        from . import __version__

        settings = {"engine": self.engine, "model": self.model, "quotes": self.quotes, "cache": CACHE_VERSION, "briefing": __version__}
        if self.engine == "extractive":
            from .engines.trained import head_fingerprint

            # a retrained head (shipped or --model DIR, same path) must not serve cached results of the old one
            settings["head"] = head_fingerprint(self.model)
        return settings

    def pipeline_kwargs(self) -> dict[str, Any]:
        options: dict[str, Any] = {"device": self.device}
        if self.model:
            options["model"] = self.model
        return {"engine": self.engine, "quotes": self.quotes, "batch_size": self.batch_size, **options}


# ---------------------------------------------------------------- cache


class ResultCache:
    """One JSON file per result under ``root/<key[:2]>/<key>.json``; ``root=None`` caches nothing."""

    def __init__(self, root: Path | None):
        self.root = Path(root) if root is not None else None

    @staticmethod
    def key(article: Article, settings: dict[str, Any]) -> str:
        payload = {"text": article.text, "title": article.title, "highlights": list(article.highlights), "settings": settings}
        return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()

    def _path(self, key: str) -> Path:
        assert self.root is not None
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict[str, Any] | None:
        if self.root is None:
            return None
        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None  # missing, or unreadable: recompute rather than fail
        return data if isinstance(data, dict) and data.get("schema") == "briefing.article/v1" else None

    def put(self, key: str, result: dict[str, Any]) -> None:
        if self.root is not None:
            atomic_write(self._path(key), json.dumps(result, ensure_ascii=False))

    def __len__(self) -> int:
        return 0 if self.root is None or not self.root.is_dir() else sum(1 for _ in self.root.glob("*/*.json"))


def with_identity(result: dict[str, Any], article: Article) -> dict[str, Any]:
    out = dict(result)
    for name in IDENTITY_FIELDS:
        if name in out:
            out[name] = getattr(article, name)
    return out


# ---------------------------------------------------------------- records and sinks


@dataclass
class Record:
    """One input article's outcome, in input order: status is done, skipped or failed."""

    index: int
    status: str
    data: dict[str, Any]
    message: str | None = None  # "file:line: reason" for a failure

    @property
    def ok(self) -> bool:
        return self.status != "failed"


def failure(err: ArticleError) -> tuple[dict[str, Any], str]:
    return err.to_dict(), str(err)


class Sink(Protocol):
    def write(self, record: Record) -> None: ...
    def close(self) -> None: ...
    def abort(self) -> None: ...


class JsonlSink:
    """All records, one line each, to a temp file renamed over ``path`` at the end (or stdout)."""

    def __init__(self, path: Path | None):
        self.path = path
        self._tmp: str | None = None
        if path is None:
            self._fh: IO[str] = sys.stdout
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            _remove_stale_temps(path)
            fd, self._tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            _lock(fd)
            self._fh = os.fdopen(fd, "w", encoding="utf-8")

    def write(self, record: Record) -> None:
        self._fh.write(to_jsonl_line(record.data))
        if self.path is None:
            self._fh.flush()

    def close(self) -> None:
        if self.path is None:
            self._fh.flush()
            return
        self._fh.flush()
        os.fsync(self._fh.fileno())
        self._fh.close()
        os.replace(self._tmp, self.path)  # type: ignore[arg-type]

    def abort(self) -> None:
        if self._tmp is not None:
            self._fh.close()
            try:
                os.unlink(self._tmp)
            except OSError:
                pass


def _lock(fd: int) -> bool:
    """An exclusive lock that dies with the process: it marks a temp file as in use."""
    try:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except (ImportError, OSError):
        return False


def _remove_stale_temps(path: Path) -> None:
    """Temp files of runs that were killed (kill -9 leaves them); a live run's is locked."""
    for tmp in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        try:
            fd = os.open(tmp, os.O_RDWR)
        except OSError:
            continue
        try:
            if _lock(fd):
                tmp.unlink()
        except OSError:
            pass
        finally:
            os.close(fd)


class FolderSink:
    """One file per finished article, named after its id, made safe and unique inside ``root``."""

    def __init__(self, root: Path, fmt: str, max_quotes: int = 5):
        self.root = root
        self.fmt = fmt
        self.max_quotes = max_quotes
        self._used: set[str] = set()
        root.mkdir(parents=True, exist_ok=True)

    def name_for(self, id: str) -> str:
        base = safe_name(id)
        name, n = base, 1
        while name.lower() in self._used:  # case-insensitive: macOS and Windows folders are
            n += 1
            name = f"{base}-{n}"
        self._used.add(name.lower())
        return name

    def write(self, record: Record) -> None:
        if record.data.get("id") is None:
            return  # unreadable input: nothing to name, nothing to write
        name = self.name_for(str(record.data["id"]))
        if not record.ok:
            return  # the name stays reserved so that later names do not shift between runs
        target = self.root / f"{name}.{self.fmt}"
        if target.resolve().parent != self.root.resolve():  # safe_name makes this impossible; be sure
            raise BatchError(f"refusing to write outside {self.root}: {target}")
        atomic_write(target, self._render(record.data))

    def _render(self, data: dict[str, Any]) -> str:
        if self.fmt == "md":
            from .render import render

            return render("article", "md", {"a": data, "max_quotes": self.max_quotes})
        return to_json(data) if self.fmt == "json" else to_jsonl_line(data)

    def close(self) -> None:
        pass

    def abort(self) -> None:
        pass


def default_cache_dir(out: str, fmt: str = "jsonl") -> Path | None:
    """``<out>.cache/`` beside a file, ``<out>/.cache/`` inside a folder; none for stdout."""
    if out == "-":
        return None
    if is_folder_out(out, fmt):
        return Path(out) / ".cache"
    return Path(out + ".cache")


def is_folder_out(out: str, fmt: str = "jsonl") -> bool:
    return fmt != "jsonl" or out.endswith(("/", os.sep)) or Path(out).is_dir()


def make_sink(out: str, fmt: str) -> Sink:
    if out == "-":
        if fmt != "jsonl":
            raise BatchError("--out - (stdout) needs --format jsonl; md and json write one file per article into a folder")
        return JsonlSink(None)
    if is_folder_out(out, fmt):
        return FolderSink(Path(out), "jsonl" if fmt == "jsonl" else fmt)
    return JsonlSink(Path(out))


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


def estimate_total(sources: Sequence[Source]) -> int:
    """Articles to expect (one per file, one per non-blank .jsonl line), for the progress bar."""
    total = 0
    for src in sources:
        if src.path is not None and src.path.suffix.lower() == ".jsonl":
            try:
                with open(src.path, "rb") as fh:
                    total += sum(1 for line in fh if line.strip())
            except OSError:
                total += 1
        else:
            total += 1
    return total


# ---------------------------------------------------------------- computing


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
    from .pipeline import Pipeline

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

    def submit(self, articles: list[Article], on_each: OnEach) -> "Future[Results]":
        if self._pipe is None:
            try:
                self._pipe = build_pipeline(self.config.pipeline_kwargs())
            except BriefingError as exc:
                raise BatchError(str(exc)) from exc
        fut: Future[Results] = Future()
        fut.set_result(_deliver(run_articles(self._pipe, articles), on_each))
        return fut

    def close(self) -> None:
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

        threads = max(1, (os.cpu_count() or 1) // self.config.workers)
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
                    err = ArticleError(id=None, path=item.path, error=item.reason, line=item.line)
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
) -> BatchReport:
    """The whole ``briefing batch``: inputs under ``paths`` to ``out`` (a .jsonl file, a folder, or -).

    ``on_start(estimated_total)`` is called once the inputs are known (for a progress bar).
    """
    config = config or BatchConfig()
    if config.cache_dir is None:
        config.cache_dir = default_cache_dir(out, fmt)
    from .engines import ENGINES

    if config.engine not in ENGINES:
        raise BatchError(f"unknown engine {config.engine!r}; choose one of: {', '.join(ENGINES)}")
    exclude = [config.cache_dir] + ([Path(out)] if out != "-" else [])
    sources = open_inputs(paths, exclude)
    if on_start:
        on_start(estimate_total(sources))
    sink = make_sink(out, fmt)
    backend: Backend | None = None
    if ray_address is not None:
        from .ray_runner import RayBackend

        backend = RayBackend(config, address=ray_address)
    return run(iter_items(sources), sink, config, backend=backend, on_record=on_record)

"""Every kind of input, one entry point: files, folders, stdin, URLs, feeds, OPML, ``--from`` lists.

``open_inputs`` resolves what the command line names into jobs, in input order: local files
as they are found, URLs fetched (concurrently and politely, see ``http``; archived, see
``archive``), feeds expanded into their items' pages. ``Inputs.items()`` then yields
``Article`` or ``InputError`` per article in that order, extracting HTML in a worker process
while the caller's NLP pipeline works on the articles before (extraction and the pipeline
overlap instead of taking turns on one core).

``since`` (``daily --since``) drops what is not new: feed items by their date or by the
record of earlier briefings before their page is even fetched, the rest after extraction.
"""
from __future__ import annotations

import datetime as dt
import os
import re
from collections import deque
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence
from urllib.parse import urlsplit

from briefing.article import Article
from briefing.cpu import usable_cores
from briefing.errors import FetchError, InputError, UsageError
from briefing.ingest.files import (
    EXTENSIONS,
    Item,
    Source,
    decode,
    discover,
    parse_html,
    read_source,
)
from briefing.ingest.http import FetchSettings, Response, is_url

HTML_SUFFIXES = (".html", ".htm")
# A fetched page with less text than this is not an article (a section front, a paywall stub,
# a page that needs JavaScript); the shortest news briefs run to 50 words and more.
MIN_PAGE_WORDS = 25

# ---------------------------------------------------------------------------------------------
# --since
# ---------------------------------------------------------------------------------------------

_DURATION = re.compile(r"^\s*(?P<n>\d+(?:\.\d+)?)\s*(?P<unit>[smhdw]|min|mins|minutes?|hours?|days?|weeks?)\s*$", re.IGNORECASE)
_UNIT = {"s": 1, "m": 60, "min": 60, "h": 3600, "d": 86400, "w": 604800}


def parse_duration(text: str) -> float:
    """``36h``, ``2d``, ``90m``, ``1w`` as seconds; UsageError otherwise."""
    m = _DURATION.match(text or "")
    if not m:
        raise UsageError(f"--since {text!r}: expected a duration such as 36h, 2d, 90m or 1w, or 'last'")
    unit = m["unit"].lower()
    unit = unit if unit in _UNIT else {"mins": "m", "minute": "m", "minutes": "m"}.get(unit, unit[0])
    return float(m["n"]) * _UNIT[unit]


def parse_when(value: str | None) -> dt.datetime | None:
    """An article's date (ISO date or datetime, as trafilatura or a JSON record gives it), aware.

    A bare date counts as the end of that day (UTC), so ``--since 1d`` keeps yesterday's
    articles whatever hour they were published."""
    if not value:
        return None
    text = str(value).strip().replace("Z", "+00:00")
    try:
        if len(text) == 10:
            d = dt.date.fromisoformat(text)
            return dt.datetime(d.year, d.month, d.day, 23, 59, 59, tzinfo=dt.timezone.utc)
        when = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=dt.timezone.utc)


@dataclass
class Since:
    """What counts as new: published within ``seconds`` of ``now``, or not in ``seen`` (``last``)."""

    seconds: float | None = None
    seen: set[str] | None = None
    now: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.timezone.utc))
    label: str = ""

    @classmethod
    def parse(cls, text: str, seen_keys: Callable[[], set[str]] | None = None) -> "Since":
        if text.strip().lower() == "last":
            return cls(seen=seen_keys() if seen_keys else set(), label="since the last briefing")
        return cls(seconds=parse_duration(text), label=f"in the last {text.strip()}")

    def fresh(self, when: dt.datetime | None) -> bool | None:
        """True/False for a known time, None when there is nothing to judge by."""
        if self.seconds is None or when is None:
            return None
        return (self.now - when).total_seconds() <= self.seconds

    def keeps_link(self, link: str, published: dt.datetime | None) -> bool | None:
        """Judged from a feed item alone (no fetch): None = fetch it and judge the article."""
        if self.seen is not None:
            return link not in self.seen
        return self.fresh(published)

    def keeps(self, article: Article, link: str | None, first_seen: float | None) -> bool:
        if self.seen is not None:
            from briefing.ingest.seen import article_keys

            return not any(k in self.seen for k in article_keys(article, link))
        when = parse_when(article.date)
        if when is None and first_seen:
            when = dt.datetime.fromtimestamp(first_seen, tz=dt.timezone.utc)
        return self.fresh(when) is not False


# ---------------------------------------------------------------------------------------------
# Jobs
# ---------------------------------------------------------------------------------------------


@dataclass
class Job:
    """One unit of input, producing articles (or errors) in order.

    kind ``file``: a local Source; ``page``: a fetched HTML body (kept at ``body_path`` in the
    archive, or in ``body``); ``error``: a failure to report in this place.
    """

    kind: str
    source: Source | None = None
    url: str | None = None  # as asked for (the feed's link)
    final_url: str | None = None
    body_path: str | None = None
    body: bytes | None = None
    published: dt.datetime | None = None  # from the feed item
    title: str | None = None  # from the feed item
    first_seen: float | None = None
    error: InputError | None = None

    @property
    def heavy(self) -> bool:
        """Worth a worker process: HTML extraction."""
        if self.kind == "page":
            return True
        return self.kind == "file" and self.source is not None and self.source.path is not None and self.source.path.suffix.lower() in HTML_SUFFIXES


def url_id(url: str) -> str:
    """A readable, stable id for a fetched article: host and path, e.g. ``example.com-2026-12-01-story``."""
    from briefing.output import safe_name

    p = urlsplit(url)
    host = (p.hostname or "").removeprefix("www.")
    if p.port:
        host = f"{host}-{p.port}"
    path = re.sub(r"\.(s?html?|php|aspx?)$", "", p.path.strip("/"), flags=re.IGNORECASE)
    if p.query:
        path = f"{path}-{p.query}"
    return safe_name(f"{host}-{path}" if path else host, fallback="page")


def run_job(job: Job) -> list[Item]:
    """The articles of one job (runs in a worker process for heavy jobs)."""
    if job.kind == "error":
        return [job.error] if job.error is not None else []
    if job.kind == "file":
        assert job.source is not None
        return list(read_source(job.source))
    url = job.url or ""
    try:
        if job.body is not None:
            data = job.body
        else:
            try:
                data = Path(job.body_path or "").read_bytes()
            except OSError as exc:
                raise FetchError(url, f"the archived copy cannot be read: {exc.strerror or exc}") from None
        text = decode(data, url)
        art = parse_html(text, url_id(job.final_url or url), url)
    except InputError as err:
        return [err if isinstance(err, FetchError) else FetchError(url, err.reason)]
    words = len(art.text.split())
    if words < MIN_PAGE_WORDS:
        return [FetchError(url, f"no article text found (only {words} words: a section front, a paywall or a page that needs JavaScript?)")]
    art.path = None
    art.url = job.final_url or url
    art.title = art.title or job.title
    if not art.date and job.published is not None:
        art.date = job.published.date().isoformat()
    return [art]


# ---------------------------------------------------------------------------------------------
# Opening inputs
# ---------------------------------------------------------------------------------------------


def read_list(path: str) -> list[str]:
    """``--from FILE``: one path or URL per line; blank lines and ``#`` comments skipped (``-``: stdin)."""
    import sys

    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise UsageError(f"--from {path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"--from {path}: cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


@dataclass
class Inputs:
    """The jobs of a run, in input order, and what fetching them cost."""

    jobs: list[Job]
    since: Since | None = None
    dropped: int = 0  # not new (``since``)
    requests: int = 0
    downloads: int = 0
    not_modified: int = 0
    links: dict[str, str] = field(default_factory=dict)  # article id -> the link it was fetched from, when it differs
    _pending: "deque[tuple[Job, Future | None]] | None" = field(default=None, init=False, repr=False)
    _pool: Any = field(default=None, init=False, repr=False)
    _jobs: "Iterator[Job] | None" = field(default=None, init=False, repr=False)
    _ahead: int = field(default=256, init=False, repr=False)
    _exhausted: bool = field(default=False, init=False, repr=False)

    def __len__(self) -> int:
        """Articles to expect (one per job, one per non-blank .jsonl line), for a progress bar."""
        total = 0
        for job in self.jobs:
            src = job.source
            if job.kind == "file" and src is not None and src.path is not None and src.path.suffix.lower() == ".jsonl":
                try:
                    with open(src.path, "rb") as fh:
                        total += sum(1 for line in fh if line.strip())
                except OSError:
                    total += 1
            else:
                total += 1
        return total

    @property
    def heavy(self) -> int:
        return sum(1 for j in self.jobs if j.heavy)

    def start(self, workers: int | None = None, ahead: int = 256) -> "Inputs":
        """Start extracting now: worker processes spawned and the first ``ahead`` pages handed
        to them, so that extraction runs while the caller loads its models. ``items()`` starts
        it if the caller did not; ``close()`` (or the end of ``items()``) stops the workers.

        HTML is extracted by ``workers`` processes (default: one per core beside this one when
        there are several pages, see ``default_parse_workers``); at most ``ahead`` jobs are in
        flight, so memory stays bounded."""
        if self._pending is not None:
            return self
        if workers is None:
            workers = default_parse_workers(self.heavy)
        self._pool = _start_pool(workers) if workers > 0 else None
        self._pending = deque()
        self._jobs = iter(self.jobs)
        self._ahead = ahead
        self._feed()
        return self

    def _feed(self) -> None:
        assert self._pending is not None
        while not self._exhausted and len(self._pending) < self._ahead:
            job = next(self._jobs, None)
            if job is None:
                self._exhausted = True
                break
            pool = self._pool
            self._pending.append((job, pool.submit(run_job, job) if pool is not None and job.heavy else None))

    def close(self) -> None:
        """Stop the extraction workers (what was not extracted yet is dropped)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def items(self, workers: int | None = None, ahead: int = 256) -> Iterator[Item]:
        """Articles and InputErrors in input order, extracted ahead of the caller (``start``)."""
        self.start(workers, ahead)
        pending = self._pending
        assert pending is not None
        try:
            while True:
                self._feed()
                if not pending:
                    break
                job, fut = pending.popleft()
                try:
                    out = fut.result() if fut is not None else run_job(job)
                except Exception as exc:  # noqa: BLE001 - a worker that died takes only this job
                    name = job.url or (job.source.name if job.source else None)
                    out = [InputError(name, f"extraction failed: {type(exc).__name__}: {exc}")]
                for item in out:
                    if isinstance(item, Article):
                        if job.url and job.final_url and job.url != job.final_url:
                            self.links[item.id] = job.url
                        if self.since is not None and not self.since.keeps(item, job.url, job.first_seen or _mtime(job)):
                            self.dropped += 1
                            continue
                    yield item
        finally:
            self.close()


def _mtime(job: Job) -> float | None:
    if job.kind == "file" and job.source is not None and job.source.path is not None:
        try:
            return job.source.path.stat().st_mtime
        except OSError:
            return None
    return None


def default_parse_workers(heavy_jobs: int) -> int:
    """Extraction processes beside the pipeline: one per core (at most 4) when there is HTML to
    extract and more than one core; none for a page or two (a process costs ~1 s to start).

    Measured on 144 messy pages (2 cores): extraction and the NLP pipeline cost about the same
    CPU time; on real pages extraction costs more, so extra workers keep both cores busy.
    ``BRIEFING_PARSE_WORKERS`` overrides (0: extract in this process)."""
    env = os.environ.get("BRIEFING_PARSE_WORKERS")
    if env is not None and env.strip().isdigit():
        return int(env)
    cores = usable_cores()
    if heavy_jobs < 3 or cores < 2:
        return 0
    return max(1, min(4, cores, heavy_jobs // 8))


def _init_parse_worker() -> None:
    for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        os.environ[var] = "1"
    try:
        import trafilatura  # noqa: F401 - loaded once, before the first page arrives
    except ImportError:
        pass  # parse_html reports it per page


def _start_pool(workers: int):
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # spawn: the parent may hold threads (progress bar, torch) that fork would copy mid-state
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"), initializer=_init_parse_worker)


OnFetch = Callable[[str, int, int], None]  # (url, done, total)


def open_inputs(
    paths: Sequence[str],
    from_files: Sequence[str] = (),
    *,
    cache_dir: str | os.PathLike[str] | None = None,
    archive_dir: str | os.PathLike[str] | None = None,
    since: Since | None = None,
    settings: FetchSettings | None = None,
    exclude: Iterable[Path | None] = (),
    on_fetch: OnFetch | None = None,
) -> Inputs:
    """Resolve PATHs (files, folders, ``-``, URLs, ``.opml``) and ``--from`` lists into jobs.

    Raises UsageError / InputError for what makes the command itself wrong (a missing local
    path, an unreadable ``--from`` list); every URL failure becomes an error job in its place.
    ``cache_dir`` (``--cache-dir``) holds the web archive in ``cache_dir/web``; ``archive_dir``
    names the archive folder itself.
    """
    names: list[str] = []
    for f in from_files:
        names.extend(read_list(f))
    names.extend(paths)
    skip = [p.resolve() for p in exclude if p is not None]

    # 1. what each name is: a URL, an OPML list of feed URLs, or local files
    plan: list[tuple[str, object]] = []  # ("url", url) | ("files", [Source]) | ("error", InputError)
    for name in names:
        if is_url(name):
            plan.append(("url", name.strip()))
        elif "://" in name or name.lower().startswith(("file:", "ftp:")):
            plan.append(("error", FetchError(name, f"only http(s) URLs are fetched, not {name.split(':', 1)[0]}:")))
        elif name.lower().endswith(".opml") and Path(name).is_file():
            from briefing.ingest.feeds import read_opml

            try:
                plan.extend(("url", u) for u in read_opml(name))
            except InputError as err:
                plan.append(("error", err))
        else:
            sources = discover([name])
            kept = [s for s in sources if s.path is None or not any(_within(s.path.resolve(), x) for x in skip)]
            plan.append(("files", kept))

    urls = [u for kind, u in plan if kind == "url"]
    inputs = Inputs(jobs=[], since=since)
    fetched: dict[str, Response | FetchError] = {}
    feed_items: dict[str, list] = {}
    if urls:
        from briefing.ingest.archive import Archive, default_archive_dir
        from briefing.ingest.feeds import kind_of, parse_feed
        from briefing.ingest.http import Fetcher

        archive = Archive(archive_dir or default_archive_dir(cache_dir))
        with Fetcher(settings or FetchSettings.from_env(), archive) as fetcher:
            progress = _Progress(on_fetch, len(set(urls)))
            # 2. the named URLs: pages or feeds
            unique = list(dict.fromkeys(urls))
            for u, out in fetcher.fetch_many(unique, on_done=progress.done):
                fetched[u] = out
            # 3. the feeds' items that are new, fetched as pages
            wanted: list[str] = []
            for u in unique:
                out = fetched[u]
                if isinstance(out, Response) and kind_of(out.content_type, out.body) == "feed":
                    try:
                        _, items = parse_feed(out.body, out.final_url or u)
                    except FetchError as err:
                        fetched[u] = err
                        continue
                    kept = []
                    for it in items:
                        if not isinstance(it, FetchError) and since is not None and since.keeps_link(it.link, it.published) is False:
                            inputs.dropped += 1
                            continue
                        kept.append(it)
                        if not isinstance(it, FetchError) and it.link not in fetched:
                            wanted.append(it.link)
                    feed_items[u] = kept
            wanted = list(dict.fromkeys(w for w in wanted if w not in fetched))
            progress.grow(len(wanted))
            for u, out in fetcher.fetch_many(wanted, on_done=progress.done):
                fetched[u] = out
            inputs.requests, inputs.downloads = fetcher.requests, fetcher.downloads
        inputs.not_modified = sum(1 for v in fetched.values() if isinstance(v, Response) and v.from_archive)

    # 4. jobs in input order
    placed: set[str] = set()

    def page_job(url: str, item=None) -> Job:
        out = fetched.get(url)
        if isinstance(out, FetchError):
            return Job("error", url=url, error=out)
        if out is None:  # pragma: no cover - every wanted URL was fetched
            return Job("error", url=url, error=FetchError(url, "not fetched"))
        from briefing.ingest.feeds import kind_of

        kind = kind_of(out.content_type, out.body)
        if kind == "feed":
            return Job("error", url=url, error=FetchError(url, "a feed where an article page was expected"))
        if kind != "html":
            what = out.content_type or "no content type"
            return Job("error", url=url, error=FetchError(url, f"not an HTML page ({what})"))
        body_path = str(archive.body_path(url))
        return Job("page", url=url, final_url=out.final_url, body_path=body_path,
                   published=getattr(item, "published", None), title=getattr(item, "title", None), first_seen=out.first_fetched)

    for kind, value in plan:
        if kind == "error":
            inputs.jobs.append(Job("error", error=value))  # type: ignore[arg-type]
        elif kind == "files":
            inputs.jobs.extend(Job("file", source=s) for s in value)  # type: ignore[union-attr]
        else:
            url = str(value)
            if url in feed_items:
                if url in placed:
                    continue
                placed.add(url)
                for it in feed_items[url]:
                    if isinstance(it, FetchError):
                        key = str(it) if it.url == url else it.url  # the same bad link in two feeds is one error
                        if key not in placed:
                            placed.add(key)
                            inputs.jobs.append(Job("error", url=it.url, error=it))
                    elif it.link not in placed:
                        placed.add(it.link)
                        inputs.jobs.append(page_job(it.link, it))
            elif url not in placed:
                placed.add(url)
                inputs.jobs.append(page_job(url))
    return inputs


def _within(path: Path, other: Path) -> bool:
    return path == other or other in path.parents


class _Progress:
    def __init__(self, callback: OnFetch | None, total: int):
        import threading

        self.callback, self.total, self.count = callback, total, 0
        self._lock = threading.Lock()

    def grow(self, n: int) -> None:
        self.total += n
        if self.callback and n:
            self.callback("", self.count, self.total)

    def done(self, url: str, _out: object) -> None:
        with self._lock:
            self.count += 1
            count = self.count
        if self.callback:
            self.callback(url, count, self.total)


def no_input_message(names: Sequence[str]) -> str:
    return f"no input found under {', '.join(names)} (looked for {' '.join(EXTENSIONS)}, URLs and .opml)"

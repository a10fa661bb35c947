"""Polite HTTP fetching: one client for pages, feeds and robots.txt.

Polite means: a User-Agent naming the tool and its version, timeouts, a size limit, a bounded
number of redirects, a few requests in flight with at most ``per_host`` to one host, retries
with back-off on 429/503 that honour ``Retry-After``, robots.txt respected, http(s) only.
With an :class:`~briefing.ingest.archive.Archive`, requests are conditional (ETag /
Last-Modified), so an unchanged page costs a ``304 Not Modified`` and no download.

Every failure is a :class:`~briefing.errors.FetchError` naming the URL and the reason.
Settings come from :class:`FetchSettings`; ``FetchSettings.from_env()`` reads
``BRIEFING_FETCH_TIMEOUT``, ``BRIEFING_FETCH_MAX_BYTES``, ``BRIEFING_FETCH_RETRIES``, ... (one
variable per field, upper-cased).
"""
from __future__ import annotations

import email.utils
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Callable, Iterable, Iterator
from urllib.parse import urlsplit, urlunsplit

from briefing.errors import FetchError

if TYPE_CHECKING:  # pragma: no cover
    import httpx

    from briefing.ingest.archive import Archive

SCHEMES = ("http", "https")


def user_agent() -> str:
    from briefing.version import __version__

    return f"briefing/{__version__} (offline news summarizer; +https://pypi.org/project/briefing/)"


@dataclass
class FetchSettings:
    timeout: float = 20.0  # seconds to connect, and between bytes received
    max_bytes: int = 10_000_000  # a news page is ~0.1-2 MB; more is not an article
    max_redirects: int = 5
    concurrency: int = 4  # requests in flight
    per_host: int = 2  # of which to one host
    retries: int = 3  # further tries after a 429/503 or a dropped connection
    backoff: float = 1.0  # first wait when the server gives no Retry-After; doubles each try
    max_wait: float = 60.0  # longest Retry-After honoured; a longer one fails the URL
    robots: bool = True
    robots_ttl: float = 86_400.0  # robots.txt is re-read after a day (RFC 9309 allows 24 h)

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> "FetchSettings":
        env = os.environ if environ is None else environ
        values = {}
        for f in fields(cls):
            raw = env.get(f"BRIEFING_FETCH_{f.name.upper()}")
            if raw is None or raw == "":
                continue
            kind = type(f.default)
            try:
                values[f.name] = raw.strip().lower() not in ("0", "false", "no", "off") if kind is bool else kind(raw)
            except ValueError:
                from briefing.errors import UsageError

                raise UsageError(f"BRIEFING_FETCH_{f.name.upper()}={raw!r}: expected a {kind.__name__}") from None
        return cls(**values)


@dataclass
class Response:
    """What a fetch gives back: the body (from the network, or the archive after a 304)."""

    url: str  # as asked for
    final_url: str  # after redirects
    status: int  # 200, or 304 when the archived copy was still good
    content_type: str  # media type only, lower-case ("text/html")
    body: bytes
    etag: str | None = None
    last_modified: str | None = None
    from_archive: bool = False
    first_fetched: float | None = None  # epoch seconds of the first download of this URL


def check_url(url: str) -> str:
    """The URL if it is http(s) with a host; FetchError otherwise."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in SCHEMES:
        raise FetchError(url, f"only http(s) links are fetched, not {parts.scheme + ':' if parts.scheme else 'a relative link'}")
    if not parts.hostname:
        raise FetchError(url, "no host in the URL")
    return urlunsplit(parts._replace(fragment=""))


def is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


def _host_key(url: str) -> str:
    p = urlsplit(url)
    return f"{p.scheme}://{p.netloc}".lower()


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """``Retry-After`` as seconds: either delta-seconds (a fraction tolerated) or an HTTP date;
    None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.replace(".", "", 1).isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def _reason(exc: Exception) -> str:
    """A short, human reason for an httpx exception."""
    import httpx

    if isinstance(exc, httpx.TimeoutException):
        kind = {httpx.ConnectTimeout: "connecting", httpx.ReadTimeout: "waiting for data"}.get(type(exc), "")
        return "timed out" + (f" {kind}" if kind else "")
    if isinstance(exc, httpx.TooManyRedirects):
        return "too many redirects"
    if isinstance(exc, httpx.UnsupportedProtocol):
        return "redirected to a link that is not http(s)"
    if isinstance(exc, httpx.ConnectError):
        text = str(exc) or type(exc).__name__
        low = text.lower()
        if "name or service not known" in low or "nodename nor servname" in low or "getaddrinfo" in low or "no address" in low:
            return "DNS lookup failed (no such host)"
        if "refused" in low:
            return "connection refused"
        return f"cannot connect: {text}"
    if isinstance(exc, (httpx.RemoteProtocolError, httpx.ReadError)):
        return f"connection dropped: {exc or type(exc).__name__}"
    return f"{type(exc).__name__}: {exc}"


class Fetcher:
    """Fetches URLs politely; thread-safe. Use as a context manager (closes the connections)."""

    def __init__(self, settings: FetchSettings | None = None, archive: "Archive | None" = None,
                 sleep: Callable[[float], None] = time.sleep):
        import httpx

        self.settings = settings or FetchSettings()
        self.archive = archive
        self._sleep = sleep
        s = self.settings
        self.client = httpx.Client(
            follow_redirects=True,
            max_redirects=s.max_redirects,
            timeout=httpx.Timeout(s.timeout),
            headers={"User-Agent": user_agent(), "Accept-Encoding": "gzip, deflate"},
            limits=httpx.Limits(max_connections=max(1, s.concurrency), max_keepalive_connections=max(1, s.concurrency)),
            trust_env=False,  # no proxies from the environment: we fetch what the user named
        )
        self._lock = threading.Lock()
        self._hosts: dict[str, threading.Semaphore] = {}
        self._robots: dict[str, object] = {}
        self._robots_locks: dict[str, threading.Lock] = {}
        self.requests = 0  # HTTP requests made (robots.txt included)
        self.downloads = 0  # bodies downloaded in full (200 responses)

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.client.close()

    # ------------------------------------------------------------------ public

    def fetch(self, url: str, accept: str = "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.5") -> Response:
        """GET ``url`` (conditionally when archived); FetchError on any failure."""
        url = check_url(url)
        if self.settings.robots and not self._allowed(url):
            raise FetchError(url, "disallowed by the site's robots.txt")
        entry = self.archive.get(url) if self.archive is not None else None
        headers = {"Accept": accept}
        if entry is not None and entry.has_body:
            if entry.etag:
                headers["If-None-Match"] = entry.etag
            if entry.last_modified:
                headers["If-Modified-Since"] = entry.last_modified
        status, final, resp_headers, body = self._get(url, headers, self.settings.max_bytes)
        if status == 304 and entry is not None and entry.has_body:
            cached = self.archive.body(entry)  # type: ignore[union-attr]
            if cached is not None:
                self.archive.touch(entry)  # type: ignore[union-attr]
                return Response(url, entry.final_url or url, 304, entry.content_type, cached, entry.etag,
                                entry.last_modified, from_archive=True, first_fetched=entry.first_fetched)
            # the archived body is gone: ask again without conditions
            status, final, resp_headers, body = self._get(url, {"Accept": accept}, self.settings.max_bytes)
        if status >= 400 or status == 304:
            raise FetchError(url, f"HTTP {status} {_status_phrase(status)}".rstrip())
        if status >= 300:
            raise FetchError(url, f"HTTP {status}: a redirect without a usable Location")
        ctype = (resp_headers.get("content-type") or "").split(";")[0].strip().lower()
        resp = Response(url, final, status, ctype, body, resp_headers.get("etag"), resp_headers.get("last-modified"))
        if self.archive is not None:
            resp.first_fetched = self.archive.put(resp).first_fetched
        else:
            resp.first_fetched = time.time()
        return resp

    def fetch_many(self, urls: Iterable[str], on_done: Callable[[str, "Response | FetchError"], None] | None = None) -> Iterator[tuple[str, "Response | FetchError"]]:
        """Fetch concurrently (``concurrency`` threads, ``per_host`` per host); yields (url, outcome) in input order."""
        urls = list(urls)
        if not urls:
            return

        def one(u: str) -> "Response | FetchError":
            try:
                out: Response | FetchError = self.fetch(u)
            except FetchError as exc:
                out = exc
            except Exception as exc:  # noqa: BLE001 - one URL's surprise must not stop the others
                out = FetchError(u, f"{type(exc).__name__}: {exc}")
            if on_done:
                on_done(u, out)
            return out

        with ThreadPoolExecutor(max_workers=max(1, min(self.settings.concurrency, len(urls)))) as pool:
            for u, fut in [(u, pool.submit(one, u)) for u in urls]:
                yield u, fut.result()

    # ------------------------------------------------------------------ internals

    def _host_slot(self, url: str) -> threading.Semaphore:
        key = _host_key(url)
        with self._lock:
            if key not in self._hosts:
                self._hosts[key] = threading.Semaphore(max(1, self.settings.per_host))
            return self._hosts[key]

    def _get(self, url: str, headers: dict[str, str], limit: int) -> tuple[int, str, "httpx.Headers", bytes]:
        """One GET with retries on 429/503 and dropped connections; the body capped at ``limit``."""
        import httpx

        s = self.settings
        attempt = 0
        while True:
            wait: float | None = None
            with self._host_slot(url):
                with self._lock:
                    self.requests += 1
                try:
                    status, final, resp_headers, body = self._stream(url, headers, limit)
                except FetchError:
                    raise
                except (httpx.RemoteProtocolError, httpx.ReadError, httpx.ConnectError) as exc:
                    refused = isinstance(exc, httpx.ConnectError)
                    if refused or attempt >= s.retries:
                        raise FetchError(url, _reason(exc)) from None
                    wait = s.backoff * (2 ** attempt)
                except httpx.HTTPError as exc:
                    raise FetchError(url, _reason(exc)) from None
                except ValueError as exc:  # a malformed URL or header
                    raise FetchError(url, f"bad URL or response: {exc}") from None
            if wait is None:
                if status not in (429, 503):
                    return status, final, resp_headers, body
                if attempt >= s.retries:
                    raise FetchError(url, f"HTTP {status} {_status_phrase(status)} (gave up after {attempt + 1} tries)")
                asked = retry_after_seconds(resp_headers.get("retry-after"))
                if asked is not None and asked > s.max_wait:
                    raise FetchError(url, f"HTTP {status} {_status_phrase(status)}: Retry-After {asked:.0f} s is longer than the {s.max_wait:.0f} s we wait")
                wait = asked if asked is not None else s.backoff * (2 ** attempt)
            attempt += 1
            self._sleep(wait)

    def _stream(self, url: str, headers: dict[str, str], limit: int) -> tuple[int, str, "httpx.Headers", bytes]:
        deadline = time.monotonic() + 3 * self.settings.timeout + 5  # a slow drip of bytes cannot hold us forever
        with self.client.stream("GET", url, headers=headers) as r:
            final = str(r.url)
            if urlsplit(final).scheme.lower() not in SCHEMES:  # pragma: no cover - httpx refuses these first
                raise FetchError(url, "redirected to a link that is not http(s)")
            if r.status_code != 200:
                return r.status_code, final, r.headers, b""
            declared = r.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > limit:
                raise FetchError(url, f"too large: {int(declared):,} bytes (the limit is {limit:,})")
            chunks: list[bytes] = []
            size = 0
            for chunk in r.iter_bytes():
                size += len(chunk)
                if size > limit:
                    raise FetchError(url, f"too large: more than {limit:,} bytes")
                if time.monotonic() > deadline:
                    raise FetchError(url, "timed out: the response took too long to arrive")
                chunks.append(chunk)
            with self._lock:
                self.downloads += 1
            return 200, final, r.headers, b"".join(chunks)

    # robots.txt ------------------------------------------------------------

    def _allowed(self, url: str) -> bool:
        key = _host_key(url)
        with self._lock:
            lock = self._robots_locks.setdefault(key, threading.Lock())
        with lock:  # one robots.txt request per host, however many pages are fetched at once
            rules = self._robots.get(key)
            if rules is None:
                rules = self._load_robots(key)
                self._robots[key] = rules
        return rules.can_fetch(user_agent(), url)  # type: ignore[attr-defined]

    def _load_robots(self, base: str):
        """The host's robots.txt rules (archived for ``robots_ttl``). RFC 9309: a 4xx answer means
        no rules; a 5xx or no answer means stay away."""
        import urllib.robotparser

        rp = urllib.robotparser.RobotFileParser()
        robots_url = base + "/robots.txt"
        text: str | None = None
        entry = self.archive.get(robots_url) if self.archive is not None else None
        if entry is not None and time.time() - entry.checked < self.settings.robots_ttl:
            status = entry.status
            if status == 200:
                body = self.archive.body(entry)  # type: ignore[union-attr]
                text = body.decode("utf-8", "replace") if body is not None else None
                if text is None:
                    status = None  # type: ignore[assignment]
            if status is not None:
                return _rules(rp, status, text)
        try:
            with self._lock:
                self.requests += 1
            with self.client.stream("GET", robots_url, headers={"Accept": "text/plain,*/*"}) as r:
                status = r.status_code
                body = b""
                if status == 200:
                    for chunk in r.iter_bytes():
                        body += chunk
                        if len(body) > 500_000:  # RFC 9309: parse at least 500 KiB; ignore the rest
                            break
        except Exception:  # noqa: BLE001 - unreachable: the page fetch will say why
            status, body = 0, b""
        if status == 200:
            text = body.decode("utf-8", "replace")
        if self.archive is not None and status and status < 500:
            self.archive.put_status(robots_url, status, body if status == 200 else b"")
        return _rules(rp, status, text)


def _rules(rp, status: int, text: str | None):
    if status == 200 and text is not None:
        rp.parse(text.splitlines())
    elif 400 <= status < 500:
        rp.allow_all = True
    elif status >= 500:
        rp.disallow_all = True
    else:  # unreachable (status 0): the page request will report the same failure
        rp.allow_all = True
    return rp


def _status_phrase(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""

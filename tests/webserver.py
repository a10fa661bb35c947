"""A real HTTP server on 127.0.0.1 for the fetching tests: article pages, feeds, broken cases.

It serves the pages in tests/fixtures/web (real article texts in messy news-site HTML, made by
benchmarks/make_pages.py) and seeds/bbc-ink-democracy-asia.html, with ETag and Last-Modified
and proper 304 answers, an RSS feed (/feed.xml) and an Atom feed (/atom.xml) listing
``server.items``, and broken routes under /broken/. Every request is logged in
``server.log`` as (method, path, conditional?) so a test can count what was downloaded.
"""
from __future__ import annotations

import email.utils
import hashlib
import re
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
WEB = Path(__file__).parent / "fixtures" / "web"
PAGES = sorted(WEB.glob("*.html"))
LAST_MODIFIED = email.utils.formatdate(time.time() - 86400, usegmt=True)
# the publication time the fixture pages carry (meta tags, JSON-LD, <time>); see page_body
PAGE_TIME = re.compile(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00")

BROKEN = {
    "/broken/404.html": "HTTP 404",
    "/broken/500.html": "HTTP 500",
    "/broken/slow.html": "timed out",
    "/broken/huge.html": "too large",
    "/broken/report.pdf": "not an HTML page (application/pdf)",
    "/broken/busy.html": "Retry-After 3600 s",
    "/broken/empty.html": "no article text",
    "/private/secret.html": "robots.txt",
}


@dataclass
class FeedEntry:
    path: str | None  # None: an item without a link
    title: str
    published: str  # RFC 822 date
    link: str | None = None  # overrides the server URL (e.g. a file: link)


class Server:
    def __init__(self) -> None:
        self.log: list[tuple[str, str, bool]] = []
        self.items: list[FeedEntry] = []
        self.slow_seconds = 3.0
        self.huge_bytes = 3_000_000
        self.hits: dict[str, int] = {}
        # True: a page the feed lists carries the feed item's time instead of its fixed one, so
        # a test of "published in the last N hours" does not depend on the day it runs
        self.page_dates_from_feed = False
        self._lock = threading.Lock()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> "Server":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def url(self, path: str) -> str:
        return self.base + path

    # the feeds ------------------------------------------------------------

    def add_pages(self, pages: list[Path], start_hour: int = 0) -> None:
        for k, p in enumerate(pages):
            when = email.utils.formatdate(time.time() - 3600 * (start_hour + k), usegmt=True)
            self.items.append(FeedEntry(f"/articles/{p.name}", p.stem.split("-", 2)[-1].replace("-", " "), when))

    def add_broken(self) -> None:
        now = email.utils.formatdate(time.time(), usegmt=True)
        for path in BROKEN:
            self.items.append(FeedEntry(path, f"broken {path}", now))
        self.items.append(FeedEntry(None, "An item without a link", now))
        self.items.append(FeedEntry("/x", "A file link", now, link="file:///etc/passwd"))

    def page_body(self, path: str, f: Path) -> bytes:
        body = f.read_bytes()
        item = next((it for it in self.items if it.path == path), None) if self.page_dates_from_feed else None
        if item is None:
            return body
        when = email.utils.parsedate_to_datetime(item.published)
        return PAGE_TIME.sub(when.strftime("%Y-%m-%dT%H:%M:%S+00:00").encode(), body)

    def rss(self) -> bytes:
        parts = []
        for it in self.items:
            link = it.link or (self.url(it.path) if it.path else None)
            parts.append("<item><title>%s</title>%s<pubDate>%s</pubDate><description>Teaser text.</description></item>" % (
                escape(it.title), f"<link>{escape(link)}</link>" if link else "", it.published))
        return (f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Test news</title>'
                f'<link>{self.base}/</link><description>Test feed</description>{"".join(parts)}</channel></rss>\n').encode()

    def atom(self) -> bytes:
        parts = []
        for n, it in enumerate(self.items):
            link = it.link or (self.url(it.path) if it.path else None)
            when = email.utils.parsedate_to_datetime(it.published).isoformat()
            parts.append("<entry><title>%s</title><id>urn:test:%d</id>%s<updated>%s</updated><summary>Teaser.</summary></entry>" % (
                escape(it.title), n, f'<link rel="alternate" href="{escape(link)}"/>' if link else "", when))
        return (f'<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>Test atom</title>'
                f'<id>urn:test</id><updated>2026-12-01T00:00:00Z</updated>{"".join(parts)}</feed>\n').encode()

    # the handler ----------------------------------------------------------

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:  # quiet
                pass

            def _send(self, status: int, body: bytes = b"", ctype: str = "text/html; charset=utf-8", headers: dict | None = None, etag: bool = True) -> None:
                tag = '"%s"' % hashlib.sha1(body).hexdigest()[:16] if etag and status == 200 else None
                if tag and self.headers.get("If-None-Match") == tag:
                    self.send_response(304)
                    self.send_header("ETag", tag)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                if tag:
                    self.send_header("ETag", tag)
                    self.send_header("Last-Modified", LAST_MODIFIED)
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                if body:
                    try:
                        self.wfile.write(body)
                    except (BrokenPipeError, ConnectionResetError):
                        pass

            def do_GET(self) -> None:  # noqa: C901 - one route table
                path = self.path.split("?", 1)[0]
                conditional = bool(self.headers.get("If-None-Match") or self.headers.get("If-Modified-Since"))
                with server._lock:
                    server.log.append(("GET", path, conditional))
                    server.hits[path] = server.hits.get(path, 0) + 1
                    hits = server.hits[path]
                if path == "/robots.txt":
                    return self._send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
                if path == "/feed.xml":
                    return self._send(200, server.rss(), "application/rss+xml")
                if path == "/atom.xml":
                    return self._send(200, server.atom(), "application/atom+xml")
                if path == "/bad-feed.xml":
                    return self._send(200, b'<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</title><item><title>x</tit', "application/rss+xml")
                if path.startswith("/articles/"):
                    name = path.rsplit("/", 1)[-1]
                    f = WEB / name if (WEB / name).is_file() else ROOT / "seeds" / name
                    if f.is_file() and f.suffix == ".html":
                        return self._send(200, server.page_body(path, f))
                    return self._send(404, b"<h1>Not found</h1>", etag=False)
                if path == "/redirect.html":
                    self.send_response(302)
                    self.send_header("Location", "/articles/" + PAGES[0].name)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if path == "/redirect-loop.html":
                    self.send_response(302)
                    self.send_header("Location", "/redirect-loop.html")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if path == "/broken/500.html":
                    return self._send(500, b"<h1>Internal Server Error</h1>", etag=False)
                if path == "/broken/slow.html":
                    time.sleep(server.slow_seconds)
                    return self._send(200, PAGES[0].read_bytes())
                if path == "/broken/huge.html":
                    return self._send(200, b"<html><body>" + b"<p>padding</p>" * (server.huge_bytes // 14) + b"</body></html>")
                if path == "/broken/report.pdf":
                    return self._send(200, b"%PDF-1.4 not really", "application/pdf")
                if path == "/broken/busy.html":
                    return self._send(429, b"slow down", headers={"Retry-After": "3600"}, etag=False)
                if path == "/broken/empty.html":
                    return self._send(200, b"<html><head><title>Nothing</title></head><body><nav><a href='/'>Home</a></nav></body></html>")
                if path == "/retry.html":  # 429 once, then the page
                    if hits == 1:
                        return self._send(429, b"slow down", headers={"Retry-After": "1"}, etag=False)
                    return self._send(200, PAGES[1].read_bytes())
                if path == "/unavailable.html":  # always 503 without Retry-After
                    return self._send(503, b"down", etag=False)
                if path == "/private/secret.html":
                    return self._send(200, PAGES[2].read_bytes())
                return self._send(404, b"<h1>Not found</h1>", etag=False)

        return Handler

    # what the tests count ---------------------------------------------------

    def requests_for(self, prefix: str) -> list[tuple[str, str, bool]]:
        return [r for r in self.log if r[1].startswith(prefix)]

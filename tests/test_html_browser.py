"""The HTML briefing in a real headless browser (Debian's chromium; scripts/test-deps.sh installs it).

The hostile fixture carries ``<script>`` and ``<img onerror>`` payloads that would change
``document.title`` if they ran. ``--dump-dom`` prints the DOM after the page loaded and its
scripts ran, so an unchanged title and no script/onerror elements mean nothing ran. A control
page with the same payloads unescaped proves the check can see a script run.
"""
from __future__ import annotations

import json
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefing.cli import app

FIXTURES = Path(__file__).parent / "fixtures" / "daily"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium not installed (scripts/test-deps.sh installs Debian's chromium when run as root)"
)


def chromium(tmp_path: Path, page: Path, *args: str) -> subprocess.CompletedProcess:
    profile = tmp_path / "profile"
    cmd = [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", f"--user-data-dir={profile}", "--window-size=1200,2000", *args, page.resolve().as_uri(),
    ]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, cwd=tmp_path)


class DomScan(HTMLParser):
    """What ran or could run: the title, script elements, on* attributes, javascript: links."""

    def __init__(self) -> None:
        super().__init__()
        self.title = ""
        self.scripts = 0
        self.handlers: list[str] = []
        self.js_links: list[str] = []
        self.body_attrs: dict[str, str | None] = {}
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        if tag == "title":
            self._in_title = True
        if tag == "script":
            self.scripts += 1
        if tag == "body":
            self.body_attrs = dict(attrs)
        for k, v in attrs:
            if k.startswith("on"):
                self.handlers.append(f"{tag} {k}")
            if k in ("href", "src") and v and v.strip().lower().startswith("javascript:"):
                self.js_links.append(v)

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def scan(dom: str) -> DomScan:
    s = DomScan()
    s.feed(dom)
    return s


@pytest.fixture(scope="module")
def briefing_html(tmp_path_factory) -> Path:
    """`briefing daily --format html` over the seed and the hostile article (lead engine: fast)."""
    tmp = tmp_path_factory.mktemp("html")
    folder = tmp / "in"
    folder.mkdir()
    for name in ("cnn-us-cuba-migration-talks.txt", "hostile.json", "nepal-quake-rescue.txt"):
        shutil.copy(FIXTURES / name, folder / name)
    out = tmp / "briefing.html"
    res = CliRunner().invoke(app, ["daily", str(folder), "--format", "html", "--out", str(out), "--date", "2026-11-27", "--engine", "lead"])
    assert res.exit_code == 0, res.output
    return out


@pytest.mark.slow
def test_briefing_renders_in_chromium(briefing_html, tmp_path):
    shot = tmp_path / "shot.png"
    res = chromium(tmp_path, briefing_html, f"--screenshot={shot}")
    assert shot.is_file(), res.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000  # a real page, not a blank 1200x2000 image
    dom = chromium(tmp_path, briefing_html, "--dump-dom").stdout
    assert "U.S., Cuba engage in third round of migration talks" in dom
    assert "min read" in dom and "Who said what" not in dom


RESOURCE_ATTRS = ("src", "srcset", "background", "poster", "data", "formaction", "action", "ping")


class Requests(HTMLParser):
    """Everything in a page that would make the browser fetch something (links do not)."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        for k, v in attrs:
            if k in RESOURCE_ATTRS and v:
                self.found.append(f"{tag} {k}={v}")
            if k == "style" and v and "url(" in v:
                self.found.append(f"{tag} style url()")
            if tag == "link" and k == "href":
                self.found.append(f"link {v}")
            if tag in ("script", "iframe", "object", "embed", "img", "video", "audio", "source", "form"):
                self.found.append(tag)


@pytest.mark.slow
def test_briefing_makes_no_request_but_the_page_itself(briefing_html, tmp_path):
    """Served from 127.0.0.1 and loaded by Chromium, the page asks the server for nothing else;
    its DOM holds no element or attribute that would fetch anything, and every style is inline."""
    import http.server
    import threading

    seen: list[str] = []
    root = briefing_html.parent

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *a, **kw):
            super().__init__(*a, directory=str(root), **kw)

        def log_message(self, *args):
            seen.append(self.path)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/{briefing_html.name}"
        profile = tmp_path / "profile"
        cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", f"--user-data-dir={profile}",
               "--virtual-time-budget=3000", "--dump-dom", url]
        dom = subprocess.run(cmd, capture_output=True, text=True, timeout=120, cwd=tmp_path).stdout
    finally:
        server.shutdown()
    assert "Daily briefing" in dom
    assert [p for p in seen if p not in ("/favicon.ico",)] == [f"/{briefing_html.name}"], seen
    r = Requests()
    r.feed(briefing_html.read_text())
    assert r.found == [], r.found
    page = briefing_html.read_text()
    assert "<style" not in page and "<script" not in page.lower()


@pytest.mark.slow
def test_hostile_article_runs_nothing(briefing_html, tmp_path):
    dom = chromium(tmp_path, briefing_html, "--dump-dom").stdout
    s = scan(dom)
    assert s.title == "Daily briefing — 2026-11-27", s.title  # the payloads would have rewritten it
    assert s.scripts == 0 and s.handlers == [] and s.js_links == []
    assert "pwned" not in json.dumps(s.body_attrs)
    # the hostile words are on the page as text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom and "&lt;img src=x onerror=alert(2)&gt;" in dom
    assert "[click](javascript:alert(3))" in dom


@pytest.mark.slow
def test_control_unescaped_payload_does_run(tmp_path):
    """Without escaping, the same payloads run: the check above can fail."""
    page = tmp_path / "control.html"
    page.write_text(
        "<!DOCTYPE html><html><head><title>safe</title></head><body>"
        "<p><img src=x onerror=\"document.title='pwned-by-onerror'\"></p></body></html>"
    )
    s = scan(chromium(tmp_path, page, "--dump-dom").stdout)
    assert s.title == "pwned-by-onerror" and s.handlers == ["img onerror"]

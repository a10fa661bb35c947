"""``briefing daily`` over feeds on a real server on 127.0.0.1: issue 18's acceptance, end to end.

20 real article pages (tests/fixtures/web) plus broken items in one feed: every good item in
exactly one story, each broken one named on stderr, exit 1, no traceback; a re-run downloads
nothing (only conditional requests) and summarizes nothing; ``--since last`` with two new items
gives just those two. The same with Atom, an OPML file and ``--from urls.txt``.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from webserver import BROKEN, PAGES, Server

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


def run_cli(args: list[str], cwd: Path, cache: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.update({
        "PYTHONPATH": str(ROOT / "src") + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else ""),
        "BRIEFING_CACHE": str(cache),  # archive and results here, not in ~/.cache
        "BRIEFING_FETCH_TIMEOUT": "1", "BRIEFING_FETCH_RETRIES": "1", "BRIEFING_FETCH_BACKOFF": "0.05",
        "BRIEFING_FETCH_MAX_BYTES": "1000000",
    })
    env.pop("BRIEFING_PARSE_WORKERS", None)
    return subprocess.run([sys.executable, "-m", "briefing", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def story_urls(path: Path) -> list[str]:
    data = json.loads(path.read_text())
    assert data["schema"] == "briefing.daily/v1"
    return [a["url"] for s in data["stories"] for a in s["articles"]]


def inputs_for(kind: str, server: Server, tmp: Path) -> list[str]:
    if kind == "rss":
        return [server.url("/feed.xml")]
    if kind == "atom":
        return [server.url("/atom.xml")]
    if kind == "opml":
        opml = tmp / "feeds.opml"
        opml.write_text(f"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>My feeds</title></head><body>
  <outline text="Test news" type="rss" xmlUrl="{server.url('/feed.xml')}"/>
  <outline text="Test atom" type="rss" xmlUrl="{server.url('/atom.xml')}"/>
</body></opml>""")
        return [str(opml)]
    lst = tmp / "urls.txt"  # --from: the feed, plus one article page named directly
    lst.write_text(f"# morning reading\n{server.url('/feed.xml')}\n\n{server.url('/articles/bbc-ink-democracy-asia.html')}\n")
    return ["--from", str(lst)]


@pytest.mark.parametrize("kind", ["rss", "atom", "opml", "from"])
def test_daily_over_a_feed_then_again_then_since_last(kind, tmp_path):
    with Server() as server:
        server.add_pages(PAGES[:20])
        server.add_broken()
        work = tmp_path / "work"
        work.mkdir()
        cache = tmp_path / "cache"
        args = ["daily", *inputs_for(kind, server, tmp_path), "--format", "json", "--date", "2026-12-01"]
        out = work / "outputs" / "briefing-2026-12-01.json"

        # 1. first run: every good item in exactly one story, each broken one named, exit 1
        first = run_cli(args, work, cache)
        assert first.returncode == 1, first.stderr
        assert "Traceback" not in first.stderr
        urls = story_urls(out)
        good = [server.url(f"/articles/{p.name}") for p in PAGES[:20]]
        if kind == "from":
            good.append(server.url("/articles/bbc-ink-democracy-asia.html"))
        assert sorted(urls) == sorted(good)  # each exactly once
        errors = [ln for ln in first.stderr.splitlines() if ln.startswith("briefing: error:")]
        for path, reason in BROKEN.items():
            mine = [ln for ln in errors if server.url(path) in ln]
            assert len(mine) == 1 and reason in mine[0], (path, errors)
        feeds = 2 if kind == "opml" else 1  # an item without a link in each feed
        assert sum("has no link" in ln for ln in errors) == feeds
        assert sum("etc/passwd" in ln and "only http(s)" in ln for ln in errors) == 1
        assert len(errors) == len(BROKEN) + 1 + feeds, errors
        assert list((work / "outputs" / ".briefing-state").glob("*.json"))

        # 2. again at once: only conditional requests (or none), nothing summarized again
        #    (for RSS and OPML; Atom and --from share every step of it)
        if kind in ("rss", "opml"):
            check_rerun(args, work, cache, server, good, out)

        # 3. two new items, --since last: a briefing of just those two
        server.add_pages(PAGES[20:22])
        third = run_cli([*args, "--since", "last"], work, cache)
        assert third.returncode == 1 and "Traceback" not in third.stderr  # the broken items are still there
        assert sorted(story_urls(out)) == sorted(server.url(f"/articles/{p.name}") for p in PAGES[20:22])
        assert "2 articles new since the last briefing" in third.stderr


def check_rerun(args, work, cache, server, good, out):
    n = len(server.log)
    again = run_cli(args, work, cache)
    assert again.returncode == 1 and "Traceback" not in again.stderr
    good_paths = {u[len(server.base):] for u in good}
    second = [r for r in server.log[n:] if r[1] in good_paths or r[1] in ("/feed.xml", "/atom.xml", "/robots.txt")]
    assert second and all(conditional for _, _, conditional in second), second
    assert f"{len(good)} articles were already summarized (cached), 0 summarized now" in again.stderr
    assert sorted(story_urls(out)) == sorted(good)


def test_summarize_and_batch_take_urls(tmp_path):
    with Server() as server:
        page = server.url(f"/articles/{PAGES[0].name}")
        cache = tmp_path / "cache"
        res = run_cli(["summarize", page, server.url("/broken/404.html"), "--format", "json"], tmp_path, cache)
        assert res.returncode == 1 and "Traceback" not in res.stderr
        assert f"{server.url('/broken/404.html')}: HTTP 404 Not Found" in res.stderr
        (doc,) = json.loads(res.stdout)
        assert doc["url"] == page and doc["title"] and doc["path"] is None
        assert doc["summary"]["short"] and "cookie" not in json.dumps(doc).lower()
        res = run_cli(["batch", page, "--out", str(tmp_path / "out.jsonl")], tmp_path, cache)
        assert res.returncode == 0, res.stderr
        (line,) = (tmp_path / "out.jsonl").read_text().splitlines()
        assert json.loads(line)["url"] == page


def test_since_last_needs_an_output_folder(tmp_path):
    res = run_cli(["daily", str(ROOT / "seeds"), "--since", "last", "--out", "-"], tmp_path, tmp_path / "cache")
    assert res.returncode == 2 and "--since last" in res.stderr
    res = run_cli(["daily", str(ROOT / "seeds"), "--since", "soon"], tmp_path, tmp_path / "cache")
    assert res.returncode == 2 and "36h" in res.stderr

"""``briefing batch``: resumable, failure-isolating, safe output names, workers.

The bad-input corpus is ``tests/fixtures/bad/``:

- ``empty.txt`` (0 bytes), ``binary.txt`` (a PNG header), ``malformed.json`` (cut off);
- ``mixed.jsonl``: good lines among a cut-off line (2), a record without text (6) and a
  JSON list (7); good lines have ids ``../../etc/passwd``, 300 x's, and odd characters;
- ``cp1252.txt`` (curly quotes and é in Windows-1252: not an error), a 200-character file
  name, and a file name with spaces, a dash, é, & and #.

The 5 MB articles are generated into tmp_path; "a file that vanishes mid-run" is a
discovered file deleted before it is read. ``tests/fixtures/good/`` holds 20 articles.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from concurrent.futures import Future
from pathlib import Path

import pytest

from briefing.article import Article
from briefing.batch import (
    BatchConfig,
    FolderSink,
    JsonlSink,
    LocalBackend,
    Record,
    ResultCache,
    default_cache_dir,
    iter_items,
    open_inputs,
    run,
    run_paths,
)
from briefing.ingest import Source, read_source

FIXTURES = Path(__file__).parent / "fixtures"
GOOD = FIXTURES / "good"
BAD = FIXTURES / "bad"
BRIEFING = str(Path(sys.executable).parent / "briefing")
SUMMARY = re.compile(r"done (\d+), skipped (\d+), failed (\d+) in [\d.]+ s")

# what the bad corpus must produce: (file name, line or None, words of the reason)
EXPECTED_FAILURES = [
    ("binary.txt", None, "binary file"),
    ("empty.txt", None, "empty file"),
    ("huge-one-paragraph.txt", None, "article too long"),
    ("huge.txt", None, "article too long"),
    ("malformed.json", None, "malformed JSON"),
    ("mixed.jsonl", 2, "malformed JSON line"),
    ("mixed.jsonl", 6, 'missing "text"'),
    ("mixed.jsonl", 7, "expected a JSON object"),
]
GOOD_JSONL_LINES = 4  # mixed.jsonl lines 1, 3, 4, 5
N_GOOD = 20 + 3 + GOOD_JSONL_LINES  # good/, cp1252 + long name + odd name, good JSONL lines


def summary(stderr: str) -> tuple[int, int, int]:
    m = SUMMARY.search(stderr)
    assert m, stderr
    return int(m[1]), int(m[2]), int(m[3])


def tree(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


def make_corpus(folder: Path) -> Path:
    """20 good articles, the bad corpus, and two 5 MB articles (many paragraphs; one paragraph)."""
    folder.mkdir(parents=True)
    for f in [*GOOD.iterdir(), *BAD.iterdir()]:
        shutil.copyfile(f, folder / f.name)
    para = "The council met again today and the mayor spoke at length about the budget. " * 20
    (folder / "huge.txt").write_text("Huge\n\n" + "\n\n".join([para] * 3500), encoding="utf-8")
    (folder / "huge-one-paragraph.txt").write_text(para * 3500, encoding="utf-8")
    assert (folder / "huge-one-paragraph.txt").stat().st_size > 5_000_000
    return folder


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([BRIEFING, "batch", *args], capture_output=True, text=True, cwd=cwd, timeout=900)


def art(id: str, text: str, **kw) -> Article:
    return Article(id=id, text=text, **kw)


# ---------------------------------------------------------------- fast: no model


def test_cache_key_covers_text_title_and_settings_not_identity():
    cfg = BatchConfig(engine="lead")
    s = cfg.settings()
    base = ResultCache.key(art("a", "Some text."), s)
    assert base == ResultCache.key(art("b", "Some text.", path="x.txt", url="http://x"), s)  # same work
    assert base != ResultCache.key(art("a", "Other text."), s)
    assert base != ResultCache.key(art("a", "Some text.", title="T"), s)
    assert base != ResultCache.key(art("a", "Some text.", highlights=["h"]), s)
    assert base != ResultCache.key(art("a", "Some text."), BatchConfig(engine="extractive").settings())
    assert base != ResultCache.key(art("a", "Some text."), BatchConfig(engine="lead", options={"n": "4"}).settings())
    assert base == ResultCache.key(art("a", "Some text."), BatchConfig(engine="lead", device="cpu").settings())  # speed only
    assert base != ResultCache.key(art("a", "Some text."), BatchConfig(engine="lead", quotes=False).settings())
    assert len(base) == 64


def test_cache_roundtrip_and_unreadable_entry_is_a_miss(tmp_path: Path):
    cache = ResultCache(tmp_path / "c")
    assert cache.get("ab" * 32) is None
    cache.put("ab" * 32, {"schema": "briefing.article/v1", "id": "x"})
    assert cache.get("ab" * 32)["id"] == "x" and len(cache) == 1
    (tmp_path / "c" / "cd").mkdir()
    (tmp_path / "c" / "cd" / ("cd" * 32 + ".json")).write_text("{half", encoding="utf-8")
    assert cache.get("cd" * 32) is None
    assert not list((tmp_path / "c").rglob("*.tmp"))


@pytest.mark.parametrize(
    "id", ["../../etc/passwd", "/etc/passwd", "..", ".", "", "x" * 5000, "a/b\\c:d*e?f<g>h|i", "Ünïcödé ☃ 日本", "\x00\n\t", "CON"]
)
def test_folder_names_never_leave_out(tmp_path: Path, id: str):
    out = tmp_path / "out"
    sink = FolderSink(out, "json")
    sink.write(Record(0, "done", {"schema": "briefing.article/v1", "id": id}))
    files = list(out.iterdir())
    assert len(files) == 1 and files[0].parent == out and files[0].suffix == ".json"
    assert len(files[0].name) <= 130 and not files[0].name.startswith(".")
    assert tree(tmp_path) == {"out", f"out/{files[0].name}"}


def test_folder_names_are_deduped_case_insensitively_and_failures_keep_their_name(tmp_path: Path):
    sink = FolderSink(tmp_path, "json")
    ok = lambda i, id: Record(i, "done", {"schema": "briefing.article/v1", "id": id})  # noqa: E731
    sink.write(ok(0, "Story"))
    sink.write(Record(1, "failed", {"schema": "briefing.error/v1", "id": "story", "path": None, "error": "x"}, "x"))
    sink.write(ok(2, "STORY"))
    sink.write(ok(3, "../story"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["STORY-3.json", "Story.json", "story-4.json"]


def test_default_cache_dir():
    assert default_cache_dir("res.jsonl") == Path("res.jsonl.cache")
    assert default_cache_dir("outdir/", "jsonl") == Path("outdir/.cache")
    assert default_cache_dir("outdir", "md") == Path("outdir/.cache")
    assert default_cache_dir("-") is None


def test_inputs_exclude_our_own_output_and_cache(tmp_path: Path):
    (tmp_path / "a.txt").write_text("A story.\n", encoding="utf-8")
    (tmp_path / "res.jsonl").write_text("{}\n", encoding="utf-8")
    (tmp_path / "res.jsonl.cache" / "ab").mkdir(parents=True)
    (tmp_path / "res.jsonl.cache" / "ab" / "ab.json").write_text("{}", encoding="utf-8")
    sources = open_inputs([str(tmp_path)], [tmp_path / "res.jsonl.cache", tmp_path / "res.jsonl"])
    assert [s.path.name for s in sources] == ["a.txt"]


def test_json_error_messages_read_well():
    """Regression: json's "Unterminated string starting at" came out as "... at at column 32"."""
    items = list(read_source(Source(BAD / "mixed.jsonl")))
    errors = [str(i) for i in items if not isinstance(i, Article)]
    assert errors[0].endswith("mixed.jsonl:2: malformed JSON line: unterminated string starting at column 32")
    assert not any(" at at " in e for e in errors)
    (err,) = read_source(Source(BAD / "malformed.json"))
    assert " at at " not in str(err) and "at line 1 column" in str(err)


class _Upper:
    """A backend without a model (the run loop's logic is the point): "summary" = upper case.

    ``fail_on`` raises KeyboardInterrupt on that call, as Ctrl-C would.
    """

    max_pending = 0

    def __init__(self, window: int = 2, fail_on: int | None = None):
        self.window = window
        self.calls: list[list[str]] = []
        self.fail_on = fail_on

    def submit(self, articles, on_each):
        if self.fail_on is not None and len(self.calls) == self.fail_on:
            raise KeyboardInterrupt
        self.calls.append([a.id for a in articles])
        results = []
        for i, a in enumerate(articles):
            if "FAIL" in a.text:
                results.append(({"schema": "briefing.error/v1", "id": a.id, "path": a.path, "error": "boom"}, f"{a.id}: boom"))
            else:
                d = {"schema": "briefing.article/v1", "id": a.id, "path": a.path, "url": a.url, "summary": {"short": a.text.upper()}}
                results.append((d, None))
                on_each(i, d)
        f: Future = Future()
        f.set_result(results)
        return f

    def close(self):
        pass


def _jsonl(tmp_path: Path, n: int = 5) -> Path:
    src = tmp_path / "in.jsonl"
    rows = [{"id": f"a{i}", "text": f"story {i}" + (" FAIL" if i == 3 else "")} for i in range(n)]
    rows.insert(2, "not json")
    src.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows), encoding="utf-8")
    return src


def test_run_keeps_input_order_and_skips_cached(tmp_path: Path):
    src = _jsonl(tmp_path)
    cfg = BatchConfig(engine="lead", cache_dir=tmp_path / "cache")
    out = tmp_path / "out.jsonl"
    backend = _Upper()
    rep = run(iter_items([Source(src)]), JsonlSink(out), cfg, backend=backend)
    assert (rep.done, rep.skipped, rep.failed) == (4, 0, 2)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(d["schema"][9:], d["id"]) for d in lines] == [
        ("article/v1", "a0"), ("article/v1", "a1"), ("error/v1", None), ("article/v1", "a2"), ("error/v1", "a3"), ("article/v1", "a4"),
    ]
    assert lines[2]["path"] == str(src) and "malformed JSON line" in lines[2]["error"]
    # second run: only the failed article goes to the backend again
    again = _Upper()
    rep = run(iter_items([Source(src)]), JsonlSink(out), cfg, backend=again)
    assert (rep.done, rep.skipped, rep.failed) == (0, 4, 2)
    assert again.calls == [["a3"]]
    assert [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()] == lines
    # --force redoes everything
    forced = _Upper()
    rep = run(iter_items([Source(src)]), JsonlSink(out), BatchConfig(engine="lead", cache_dir=tmp_path / "cache", force=True), backend=forced)
    assert (rep.done, rep.skipped) == (4, 0) and sum(len(c) for c in forced.calls) == 5


def test_cached_result_takes_the_new_identity(tmp_path: Path):
    cfg = BatchConfig(engine="lead", cache_dir=tmp_path / "cache")
    run([art("first", "same words", path="one.txt")], JsonlSink(tmp_path / "a.jsonl"), cfg, backend=_Upper())
    rep = run([art("second", "same words", path="two.txt", url="u")], JsonlSink(tmp_path / "b.jsonl"), cfg, backend=_Upper())
    assert rep.skipped == 1
    d = json.loads((tmp_path / "b.jsonl").read_text(encoding="utf-8"))
    assert (d["id"], d["path"], d["url"], d["summary"]["short"]) == ("second", "two.txt", "u", "SAME WORDS")


def test_interrupt_keeps_old_output_and_finished_results(tmp_path: Path):
    src = _jsonl(tmp_path)
    out = tmp_path / "out.jsonl"
    out.write_text("previous complete output\n", encoding="utf-8")
    cfg = BatchConfig(engine="lead", cache_dir=tmp_path / "cache")
    with pytest.raises(KeyboardInterrupt):
        run(iter_items([Source(src)]), JsonlSink(out), cfg, backend=_Upper(fail_on=1))
    assert out.read_text(encoding="utf-8") == "previous complete output\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "in.jsonl", "out.jsonl"]  # no temp file left
    assert len(ResultCache(tmp_path / "cache")) == 2
    resumed = _Upper()
    rep = run(iter_items([Source(src)]), JsonlSink(out), cfg, backend=resumed)
    assert rep.skipped == 2 and [i for c in resumed.calls for i in c] == ["a2", "a3", "a4"]


def test_temp_files_of_killed_runs_are_removed_but_not_a_live_ones(tmp_path: Path):
    out = tmp_path / "o[1].jsonl"
    stale = tmp_path / ".o[1].jsonl.dead.tmp"
    stale.write_text("half", encoding="utf-8")
    live = JsonlSink(out)  # holds a lock on its temp file while it runs
    (live_tmp,) = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    second = JsonlSink(out)
    assert live_tmp.exists() and len([p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]) == 2
    second.abort()
    live.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["o[1].jsonl"]


def test_too_long_article_fails_alone(tmp_path: Path):
    cfg = BatchConfig(engine="lead", cache_dir=None, max_chars=100)
    backend = _Upper()
    rep = run([art("ok", "short"), art("big", "x" * 101, path="big.txt")], JsonlSink(tmp_path / "o.jsonl"), cfg, backend=backend)
    assert (rep.done, rep.failed) == (1, 1) and backend.calls == [["ok"]]
    assert rep.failures == ["big.txt: article too long: 101 characters (the limit is 100); split it into several articles"]


def test_usage_errors_exit_2(tmp_path: Path):
    r = cli(str(tmp_path / "missing"), "--out", str(tmp_path / "o.jsonl"))
    assert r.returncode == 2 and "no such file or folder" in r.stderr
    (tmp_path / "in").mkdir()
    r = cli(str(tmp_path / "in"), "--out", str(tmp_path / "o.jsonl"))
    assert r.returncode == 2 and "no input found" in r.stderr
    (tmp_path / "in" / "a.txt").write_text("A story.\n", encoding="utf-8")
    r = cli(str(tmp_path / "in"), "--out", str(tmp_path / "o.jsonl"), "--engine", "nope")
    assert r.returncode == 2 and "unknown engine 'nope'" in r.stderr
    assert not (tmp_path / "o.jsonl").exists()


# ---------------------------------------------------------------- slow: real pipeline


@pytest.mark.slow
def test_cli_over_the_bad_corpus(tmp_path: Path):
    """Acceptance: good articles all written, each bad one named with its reason, exit 1,
    nothing outside --out, and a second run skips the finished ones with no model work."""
    src = make_corpus(tmp_path / "in")
    out = tmp_path / "out"
    before = tree(tmp_path)
    r = cli(str(src), "--out", str(out), "--format", "json", "--engine", "lead", "--no-quotes")
    assert r.returncode == 1, r.stderr
    assert summary(r.stderr) == (N_GOOD, 0, len(EXPECTED_FAILURES))
    errors = [ln for ln in r.stderr.splitlines() if ln.startswith("briefing: error: ")]
    assert len(errors) == len(EXPECTED_FAILURES)
    for (name, line, reason), msg in zip(EXPECTED_FAILURES, errors):  # in input (sorted path) order
        where = f"{src / name}:{line}: " if line else f"{src / name}: "
        assert msg.startswith(f"briefing: error: {where}") and reason in msg, (msg, name)
    # every good article written, and nothing outside --out
    written = sorted(p.name for p in out.iterdir() if p.name != ".cache")
    assert len(written) == N_GOOD
    for f in GOOD.iterdir():
        assert f"{f.stem}.json" in written
    assert {"cp1252.json", "etc-passwd.json", "jsonl-good-1.json", "Odd-name-cafe-co-1-draft.json"} <= set(written)
    assert any(n.startswith("Unicode-script-alert") for n in written)
    assert all(len(n) <= 130 for n in written)
    assert {p for p in tree(tmp_path) - before if not p.startswith("out/") and p != "out"} == set()
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]
    cp = json.loads((out / "cp1252.json").read_text(encoding="utf-8"))
    assert cp["title"] == "Café owners welcome new rules" and "Renée Dubois" in cp["summary"]["long"]
    assert "\u201cWe have waited years for this,\u201d" in cp["summary"]["long"]
    first = {n: (out / n).read_text(encoding="utf-8") for n in written}

    r2 = cli(str(src), "--out", str(out), "--format", "json", "--engine", "lead", "--no-quotes")
    assert r2.returncode == 1
    assert summary(r2.stderr) == (0, N_GOOD, len(EXPECTED_FAILURES))
    assert {n: (out / n).read_text(encoding="utf-8") for n in written} == first

    # the same corpus as JSONL: one line per input, in order, error objects for failures
    res = out / "all.jsonl"
    r3 = cli(str(src), "--out", str(res), "--engine", "lead", "--no-quotes", "--cache-dir", str(out / ".cache"))
    assert r3.returncode == 1 and summary(r3.stderr) == (0, N_GOOD, len(EXPECTED_FAILURES))
    lines = [json.loads(ln) for ln in res.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == N_GOOD + len(EXPECTED_FAILURES)
    errs = [d for d in lines if d["schema"] == "briefing.error/v1"]
    assert [(Path(d["path"]).name, d["error"].split(":")[0]) for d in errs][:2] == [("binary.txt", "binary file, not text"), ("empty.txt", "empty file")]
    assert all(set(d) == {"schema", "id", "path", "error"} for d in errs)
    ids = [d["id"] for d in lines if d["schema"] == "briefing.article/v1"]
    assert [i for i in ids if i.startswith("article-")] == [f"article-{i:02d}" for i in range(1, 21)]


@pytest.mark.slow
def test_second_run_builds_no_model(tmp_path: Path):
    src = tmp_path / "in"
    src.mkdir()
    for f in sorted(GOOD.iterdir())[:3]:
        shutil.copyfile(f, src / f.name)
    cfg = BatchConfig(engine="lead", quotes=False, cache_dir=tmp_path / "cache")
    out = tmp_path / "o.jsonl"
    backend = LocalBackend(cfg)
    rep = run(iter_items(open_inputs([str(src)])), JsonlSink(out), cfg, backend=backend)
    assert (rep.done, rep.skipped) == (3, 0) and backend._pipe is not None
    backend = LocalBackend(cfg)
    rep = run(iter_items(open_inputs([str(src)])), JsonlSink(out), cfg, backend=backend)
    assert (rep.done, rep.skipped) == (0, 3) and backend._pipe is None


@pytest.mark.slow
def test_file_vanishing_mid_run_fails_alone(tmp_path: Path):
    src = tmp_path / "in"
    src.mkdir()
    for f in sorted(GOOD.iterdir())[:2]:
        shutil.copyfile(f, src / f.name)
    sources = open_inputs([str(src)])
    (src / "article-02.txt").unlink()  # discovered, then gone before it is read
    seen: list[Record] = []
    cfg = BatchConfig(engine="lead", quotes=False, cache_dir=None)
    rep = run(iter_items(sources), JsonlSink(tmp_path / "o.jsonl"), cfg, on_record=seen.append)
    assert (rep.done, rep.failed) == (1, 1)
    assert seen[1].message == f"{src / 'article-02.txt'}: file vanished before it could be read"


def _hundred(path: Path) -> list[str]:
    texts = [f.read_text(encoding="utf-8") for f in sorted(GOOD.iterdir())]
    ids = [f"story-{i:03d}" for i in range(100)]
    with path.open("w", encoding="utf-8") as fh:
        for i, id in enumerate(ids):
            fh.write(json.dumps({"id": id, "text": texts[i % 20] + f"\n\nThis is report number {i}.\n"}) + "\n")
    return ids


@pytest.mark.slow
def test_kill_9_halfway_then_resume(tmp_path: Path):
    """Acceptance: kill -9 a 100-article batch halfway; the re-run processes only the rest."""
    src = tmp_path / "in.jsonl"
    ids = _hundred(src)
    out = tmp_path / "out.jsonl"
    cache = tmp_path / "out.jsonl.cache"
    args = [BRIEFING, "batch", str(src), "--out", str(out), "--engine", "lead", "--no-quotes", "--batch-size", "4"]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 300
    while len(ResultCache(cache)) < 30 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    cached = len(ResultCache(cache))
    assert 30 <= cached < 100, cached
    assert not out.exists()  # no half output
    for entry in cache.rglob("*.json"):  # every cached result is whole
        assert json.loads(entry.read_text(encoding="utf-8"))["schema"] == "briefing.article/v1"
    r = subprocess.run(args, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    done, skipped, failed = summary(r.stderr)
    assert (skipped, done, failed) == (cached, 100 - cached, 0)
    lines = [json.loads(ln) for ln in out.read_text(encoding="utf-8").splitlines()]
    assert [d["id"] for d in lines] == ids
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.slow
def test_workers_give_the_same_output(tmp_path: Path):
    src = make_corpus(tmp_path / "in")
    outs = {}
    for w in (1, 2):
        out = tmp_path / f"w{w}.jsonl"
        cfg = BatchConfig(engine="lead", quotes=False, workers=w, cache_dir=tmp_path / f"cache{w}")
        rep = run_paths([str(src)], str(out), "jsonl", cfg)
        assert (rep.done, rep.failed) == (N_GOOD, len(EXPECTED_FAILURES))
        outs[w] = [_no_timing(json.loads(ln)) for ln in out.read_text(encoding="utf-8").splitlines()]
    assert outs[1] == outs[2]


def _no_timing(d: dict) -> dict:
    d.get("stats", {}).pop("seconds", None)
    return d


@pytest.mark.slow
def test_default_engine_end_to_end(tmp_path: Path):
    src = tmp_path / "in"
    src.mkdir()
    for f in sorted(GOOD.iterdir())[:3]:
        shutil.copyfile(f, src / f.name)
    shutil.copyfile(BAD / "cp1252.txt", src / "cp1252.txt")
    out = tmp_path / "out"
    r = cli(str(src), "--out", str(out), "--format", "md")
    assert r.returncode == 0, r.stderr
    assert summary(r.stderr) == (4, 0, 0)
    assert sorted(p.name for p in out.iterdir()) == [".cache", "article-01.md", "article-02.md", "article-03.md", "cp1252.md"]
    assert "Café owners welcome new rules" in (out / "cp1252.md").read_text(encoding="utf-8")
    r = cli(str(src), "--out", str(out), "--format", "md")
    assert r.returncode == 0 and summary(r.stderr) == (0, 4, 0)


def test_a_retrained_head_in_the_same_folder_misses_the_cache(tmp_path):
    """Bug: the key held only the --model path, so retraining into the same folder (or a new
    shipped head) served the old head's cached summaries."""
    import shutil

    from briefing.summarize.engines.trained import SHIPPED_HEAD

    head = tmp_path / "head"
    shutil.copytree(SHIPPED_HEAD, head)
    cfg = BatchConfig(engine="extractive", model=str(head))
    before = ResultCache.key(art("a", "Some text."), cfg.settings())
    with (head / "config.json").open("a") as fh:
        fh.write("\n")  # any change to the head or its config
    assert ResultCache.key(art("a", "Some text."), cfg.settings()) != before
    assert BatchConfig().settings()["engine"]["head"] is not None  # the shipped head is covered too

"""The CLI end to end, as a user runs it (subprocesses, real models where marked slow)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEED

BRIEFING = [sys.executable, "-m", "briefing"]


def run(*args: str, input: str | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([*BRIEFING, *args], capture_output=True, text=True, input=input, cwd=cwd, timeout=600)


def test_help_imports_no_heavy_libraries():
    code = (
        "import sys; from typer.testing import CliRunner; from briefing.cli import app;"
        "r = CliRunner().invoke(app, ['--help']); assert r.exit_code == 0, r.output;"
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'torch', 'transformers', 'spacy', 'trafilatura', 'ray', 'numpy'});"
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_help_teaches_commands():
    r = run("--help")
    assert r.returncode == 0
    for cmd in ("summarize", "daily", "batch", "eval"):
        assert cmd in r.stdout


def test_no_input_is_usage_error(tmp_path: Path):
    r = run("summarize", str(tmp_path))
    assert r.returncode == 2
    assert "no input found" in r.stderr
    r = run("summarize", str(tmp_path / "missing.txt"))
    assert r.returncode == 2 and "missing.txt" in r.stderr


def test_unknown_engine_is_usage_error():
    r = run("summarize", str(SEED), "--engine", "nope", "--no-quotes")
    assert r.returncode == 2 and "unknown engine" in r.stderr


@pytest.mark.slow
def test_seed_summary_json_meets_contract():
    r = run("summarize", str(SEED), "--format", "json")
    assert r.returncode == 0, r.stderr
    assert "Skip to main content" not in r.stdout
    d = json.loads(r.stdout)
    assert d["schema"] == "briefing.article/v1"
    assert d["title"] == "U.S., Cuba engage in third round of migration talks"
    text = SEED.read_text(encoding="utf-8")
    from briefing.nlp.sentences import split_sentences

    short_sents = split_sentences(d["summary"]["short"])
    assert len(short_sents) == 1 and len(d["summary"]["short"].split()) <= 40
    long_sents = split_sentences(d["summary"]["long"])
    assert 3 <= len(long_sents) <= 5
    for s in long_sents:
        assert s.text in text
    assert len(d["key_points"]) >= 3
    assert set(d["engine"]) >= {"name", "model", "fallback"}
    assert d["stats"]["sentences"] > 5 and d["stats"]["words"] > 300
    for key in ("id", "path", "byline", "date", "source", "url", "quotes"):
        assert key in d

    md = run("summarize", str(SEED))
    assert md.returncode == 0 and "Skip to main content" not in md.stdout
    assert md.stdout.startswith("## U.S., Cuba engage in third round of migration talks")


@pytest.mark.slow
def test_batch_jsonl_keeps_order_and_ids(tmp_path: Path):
    src = tmp_path / "in.jsonl"
    rows = [
        {"id": "z-last-alphabetically", "text": "The council approved the budget on Monday. The vote was 7-2. Critics said the plan cuts parks."},
        {"id": 42, "text": "Rain is expected all week. Forecasters warned of floods in low areas. Schools may close."},
        {"id": "a-first", "article": "A new bridge opened downtown. It cost $40 million. Traffic eased within hours."},
    ]
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    r = run("batch", str(src), "--format", "jsonl", "--out", str(out))
    assert r.returncode == 0, r.stderr
    lines = [json.loads(l) for l in out.read_text(encoding="utf-8").splitlines()]
    assert [l["id"] for l in lines] == ["z-last-alphabetically", "42", "a-first"]
    assert all(l["schema"] == "briefing.article/v1" for l in lines)


@pytest.mark.slow
def test_one_bad_file_exit_1_others_written(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    r = run("summarize", str(folder), "--format", "jsonl", "--no-quotes")
    assert r.returncode == 1
    assert "empty.txt: empty file" in r.stderr
    assert json.loads(r.stdout.splitlines()[0])["title"].startswith("U.S., Cuba")


@pytest.mark.parametrize("content", ["", '{"id": "a", "text": "No reference here."}\n'])
def test_eval_with_nothing_to_score_fails_with_one_line(tmp_path, content):
    # it printed "nothing to score" and exited 0, so a script took an empty file for a score
    data = tmp_path / "rows.jsonl"
    data.write_text(content, encoding="utf-8")
    res = run("eval", str(data))
    assert res.returncode == 2
    assert res.stderr.strip().splitlines() == [
        f"briefing: {data}: no row has a 'reference' or 'attributions' field: nothing to score"]

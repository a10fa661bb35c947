"""The shape of the code: layering contracts, no import cycles, no private names across
modules, the inference path free of training code, and engines registered in one place."""
from __future__ import annotations

import ast
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "briefing"
SEED = ROOT / "seeds" / "cnn-us-cuba-migration-talks.txt"
BIN = Path(sys.executable).parent


def _env(**extra: str) -> dict[str, str]:
    env = {**os.environ, **extra}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT / "src"), extra.get("PYTHONPATH", ""), os.environ.get("PYTHONPATH", "")) if p)
    return env


def test_layering_contracts_hold():
    """pyproject.toml's import-linter contracts: CLI on top, errors at the bottom, the
    inference path never importing training or evaluation code."""
    r = subprocess.run([str(BIN / "lint-imports")], cwd=ROOT, capture_output=True, text=True, env=_env(), timeout=300)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-2000:]
    assert "broken" not in r.stdout.split("Contracts:")[-1].split(",")[0]


def _module_graph() -> dict[str, set[str]]:
    import grimp

    sys.path.insert(0, str(ROOT / "src"))
    try:
        graph = grimp.build_graph("briefing")
        return {m: set(graph.find_modules_directly_imported_by(m)) for m in graph.modules}
    finally:
        sys.path.remove(str(ROOT / "src"))


def test_no_import_cycles_between_modules():
    graph = _module_graph()
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:  # Tarjan's strongly connected components
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                cycles.append(sorted(comp))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    for m in sorted(graph):
        if m not in index:
            visit(m)
    assert cycles == []


def test_no_module_imports_another_modules_private_names():
    offenders = []
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and (node.module.startswith("briefing") or node.level):
                offenders += [f"{path.relative_to(SRC)}: from {node.module} import {a.name}"
                              for a in node.names if a.name.startswith("_") and not a.name.startswith("__")]
    assert offenders == []


@pytest.mark.slow
def test_summarizing_with_the_default_engine_imports_no_training_module():
    code = textwrap.dedent(f"""
        import sys
        from briefing import Pipeline, read_all
        results = list(Pipeline().process(read_all([{str(SEED)!r}])))
        assert results and results[0].summary.short, results
        loaded = sorted(m for m in sys.modules if m.startswith(("briefing.training", "briefing.evaluation", "briefing.cli")))
        print("LOADED", loaded)
    """)
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=_env(), timeout=300)
    assert r.returncode == 0, r.stderr[-3000:]
    assert "LOADED []" in r.stdout, r.stdout


PLUGIN = '''
from dataclasses import dataclass
from briefing.summarize.engines.base import Engine, EngineOptions, EngineOutput


@dataclass
class ShoutOptions(EngineOptions):
    words: int = 5


class ShoutEngine(Engine):
    """A third-party engine: the first WORDS words of the article, upper-cased."""

    name = "shout"
    Options = ShoutOptions

    def __init__(self, words: int = 5, device: str = "auto"):
        self.words = words
        self.model = f"shout-{words}"

    def summarize_many(self, docs):
        out = []
        for d in docs:
            text = " ".join(d.article.text.split()[: self.words]).upper() + "."
            out.append(EngineOutput(short=text, long=text, long_sentences=[text], ranked=[s.text for s in d.sentences]))
        return out
'''


@pytest.mark.slow
def test_a_plugin_registers_an_engine_through_the_entry_point_group(tmp_path: Path):
    """A package that declares ``[project.entry-points."briefing.engines"]`` is an engine by
    name, with its own typed options, like the built-in ones (the installed-distribution
    metadata is written by hand here, as pip would write it)."""
    (tmp_path / "briefing_shout.py").write_text(PLUGIN)
    info = tmp_path / "briefing_shout-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: briefing-shout\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text("[briefing.engines]\nshout = briefing_shout:ShoutEngine\n")
    env = _env(PYTHONPATH=str(tmp_path))
    briefing = [sys.executable, "-m", "briefing"]
    r = subprocess.run([*briefing, "summarize", str(SEED), "--engine", "shout", "--gen", "words=3", "--no-quotes", "--format", "json"],
                       capture_output=True, text=True, env=env, timeout=300)
    assert r.returncode == 0, r.stderr
    import json

    data = json.loads(r.stdout)
    assert data["summary"]["short"] == "U.S., CUBA RESUME." or data["summary"]["short"].isupper()
    assert data["engine"]["name"] == "shout" and data["engine"]["model"] == "shout-3"
    bad = subprocess.run([*briefing, "summarize", str(SEED), "--engine", "shout", "--gen", "typo=1"],
                         capture_output=True, text=True, env=env, timeout=300)
    assert bad.returncode == 2 and bad.stderr.strip().splitlines() == ["briefing: --engine shout: unknown option typo; valid options: device, words"]


def test_unknown_engine_options_are_usage_errors_naming_the_valid_keys():
    from briefing.errors import OptionError
    from briefing.summarize.engines import (
        engine_fingerprint,
        load_engine,
        parse_options,
    )

    for name in ("lead", "extractive", "extractive-unsupervised", "seq2seq", "llm"):
        with pytest.raises(OptionError, match=r"unknown option typo_option; valid options: .*device"):
            parse_options(name, {"typo_option": "1"})
    with pytest.raises(OptionError, match=r"n='three' is not int"):
        load_engine("lead", n="three")
    assert parse_options("lead", {"n": "5"}).n == 5
    assert parse_options("extractive", {"mmr_lambda": "0.7", "n_long": "none"}).mmr_lambda == 0.7
    assert parse_options("llm", {"gguf_cache": "false"}).gguf_cache is False
    # the cache key follows what decides results, not how fast they come
    assert engine_fingerprint("lead", {"n": "3", "device": "cpu"}) == engine_fingerprint("lead", {})
    assert engine_fingerprint("lead", {"n": "4"}) != engine_fingerprint("lead", {})
    assert engine_fingerprint("extractive")["head"]


@pytest.mark.parametrize("engine", ["lead", "extractive"])
def test_cli_typo_option_exits_2_with_one_line(engine: str):
    r = subprocess.run([sys.executable, "-m", "briefing", "summarize", str(SEED), "--engine", engine, "--gen", "typo=1"],
                       capture_output=True, text=True, env=_env(), timeout=300)
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"briefing: --engine {engine}: unknown option typo; valid options: "), r.stderr

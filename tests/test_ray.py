"""``batch --ray``: Ray Data gives the same JSONL as the local path (timings aside)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from briefing.batch import BatchConfig, BatchError, run_paths

ray = pytest.importorskip("ray")

GOOD = Path(__file__).parent / "fixtures" / "good"
BAD = Path(__file__).parent / "fixtures" / "bad"


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


def _lines(path: Path) -> list[dict]:
    out = []
    for ln in path.read_text(encoding="utf-8").splitlines():
        d = json.loads(ln)
        d.get("stats", {}).pop("seconds", None)
        out.append(d)
    return out


@pytest.mark.slow
def test_ray_matches_local_on_20_articles(tmp_path: Path, local_ray):
    src = tmp_path / "in"
    shutil.copytree(GOOD, src)
    shutil.copyfile(BAD / "mixed.jsonl", src / "mixed.jsonl")  # errors must come out the same way too
    cfg = dict(engine="lead", quotes=True, batch_size=4)
    local = run_paths([str(src)], str(tmp_path / "local.jsonl"), "jsonl", BatchConfig(**cfg, cache_dir=tmp_path / "c1"))
    seen = []
    remote = run_paths(
        [str(src)], str(tmp_path / "ray.jsonl"), "jsonl", BatchConfig(**cfg, workers=2, cache_dir=tmp_path / "c2"),
        ray_address="local", on_record=seen.append,
    )
    assert (remote.done, remote.skipped, remote.failed) == (local.done, 0, local.failed) == (24, 0, 3)
    assert [r.index for r in seen] == list(range(27))
    a, b = _lines(tmp_path / "local.jsonl"), _lines(tmp_path / "ray.jsonl")
    assert len(a) == 27 and a == b
    # the driver cached what came back: a second Ray run does no work
    again = run_paths([str(src)], str(tmp_path / "ray.jsonl"), "jsonl", BatchConfig(**cfg, workers=2, cache_dir=tmp_path / "c2"), ray_address="local")
    assert (again.done, again.skipped) == (0, 24)
    assert _lines(tmp_path / "ray.jsonl") == b


@pytest.mark.slow
def test_ray_engine_that_cannot_load_is_one_clear_error(tmp_path: Path, local_ray):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copyfile(GOOD / "article-01.txt", src / "a.txt")
    cfg = BatchConfig(engine="seq2seq", model=str(tmp_path / "no-such-model"), quotes=False, cache_dir=tmp_path / "c")
    with pytest.raises(BatchError) as info:
        run_paths([str(src)], str(tmp_path / "o.jsonl"), "jsonl", cfg, ray_address="local")
    assert "\n" not in str(info.value) and "no-such-model" in str(info.value)
    assert not (tmp_path / "o.jsonl").exists()

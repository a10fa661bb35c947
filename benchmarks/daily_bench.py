"""Daily-briefing benchmark: one day of N articles through the `briefing daily` path, timed by stage.

    PYTHONPATH=src .venv/bin/python benchmarks/daily_bench.py --articles 1000
    PYTHONPATH=src nice -n 10 .venv/bin/python benchmarks/daily_bench.py --articles 10000
    PYTHONPATH=src .venv/bin/python benchmarks/daily_bench.py --articles 10000 --lead3   # grouping only

The day: the first N stories of ``../shared/data/cnn-train.jsonl`` (N <= 1,000 is the day of
issue 22), or for larger N the first 5,000 of them plus the first N - 5,000 rows of
``cnndm-train-lower.jsonl.gz`` (DailyMail and CNN, lower-cased). They are written to one
JSONL file and read back as ``briefing daily`` reads it.

Stages, each timed once, in the order the CLI runs them (ingest, ``Pipeline.process``,
``build_daily``, ``render``): read, summarize (the default engine, with its own split into
sentences / scoring / quotes / key points), embed (MiniLM, ``embed_results``), near-dup
(``near_duplicates``), cluster (``cluster_vectors``), rank/layout (the rest of
``build_daily``: ranking, keywords, sections, speakers), render (Markdown). Peak RSS is the
process's maximum resident set size (``getrusage``), i.e. of the whole run.

``--exact`` (the default up to 2,000 articles) also runs the all-pairs method
(``exact_clusters``) on the same vectors and prints the pair agreement: the share of article
pairs given the same same-story/different-story decision, and how many same-story pairs each
method finds. ``--lead3`` skips the summarizer (long summary = first three sentences) to
measure grouping alone on real article vectors. ``--group-by topic`` times topic sections too.
"""
from __future__ import annotations

import argparse
import gzip
import json
import platform
import resource
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
# ../shared/data beside the checkout (or beside the folder of worktrees)
DATA = next((p for p in (ROOT.parent / "shared" / "data", ROOT.parents[1] / "shared" / "data") if p.is_dir()), ROOT.parent / "shared" / "data")
CNN_IN_BIG_DAY = 5000


def day_records(n: int, data: Path = DATA) -> list[dict]:
    rows: list[dict] = []
    with (data / "cnn-train.jsonl").open() as f:
        for line in f:
            if len(rows) >= min(n, CNN_IN_BIG_DAY if n > 1000 else n):
                break
            rec = json.loads(line)
            rows.append({"id": rec["id"], "text": rec["article"]})
    if len(rows) < n:
        with gzip.open(data / "cnndm-train-lower.jsonl.gz", "rt") as f:
            for line in f:
                if len(rows) >= n:
                    break
                rec = json.loads(line)
                rows.append({"id": rec["id"], "text": rec["article"], "source": rec.get("source")})
    return rows


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def lead3_results(items):
    from briefing.article import Article, ArticleResult, Summary
    from briefing.nlp.sentences import split_many

    arts = [a for a in items if isinstance(a, Article)]
    out = []
    for a, sents in zip(arts, split_many([a.text for a in arts])):
        lead = " ".join(s.text for s in sents[:3])
        out.append(ArticleResult(a, Summary(sents[0].text if sents else "", lead), [], [], {}, {"words": len(a.text.split())}))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", "-n", type=int, default=1000)
    ap.add_argument("--exact", action=argparse.BooleanOptionalAction, default=None, help="compare with the all-pairs method (default: up to 2,000 articles)")
    ap.add_argument("--lead3", action="store_true", help="no summarizer: the long summary is the first three sentences (grouping only)")
    ap.add_argument("--group-by", default="none", help="sections for build_daily (none, topic, source)")
    ap.add_argument("--data", type=Path, default=DATA, help=f"folder with cnn-train.jsonl and cnndm-train-lower.jsonl.gz (default {DATA})")
    ap.add_argument("--vectors", type=Path, help="a .npy of the day's article vectors: loaded when it exists (no embed stage), else written after embedding")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args()
    exact = args.exact if args.exact is not None else args.articles <= 2000

    import briefing.daily.grouping as grouping
    from briefing.daily import build_daily
    from briefing.ingest import discover, read_source
    from briefing.render import render

    t: dict[str, float] = {}
    rss: dict[str, float] = {}
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        day = Path(tmp) / "day.jsonl"
        day.write_text("".join(json.dumps(r) + "\n" for r in day_records(args.articles, args.data)))
        tick = time.perf_counter()
        items = [it for src in discover([str(day)]) for it in read_source(src)]
        t["read"] = time.perf_counter() - tick
    rss["read"] = peak_rss_mb()

    tick = time.perf_counter()
    pipe_timings: dict[str, float] = {}
    if args.lead3:
        results = lead3_results(items)
    else:
        from briefing.article import ArticleResult
        from briefing.pipeline import Pipeline

        pipe = Pipeline()
        results = [r for r in pipe.process(items) if isinstance(r, ArticleResult)]
        pipe_timings = dict(pipe.timings)
    t["summarize"] = time.perf_counter() - tick
    rss["summarize"] = peak_rss_mb()
    del items

    tick = time.perf_counter()
    if args.vectors and args.vectors.exists():
        emb = np.load(args.vectors)
        assert emb.shape[0] == len(results), f"{args.vectors} holds {emb.shape[0]} vectors, not {len(results)}"
    else:
        emb = grouping.embed_results(results)
        if args.vectors:
            np.save(args.vectors, emb)
    t["embed"] = time.perf_counter() - tick
    rss["embed"] = peak_rss_mb()

    # build_daily runs the grouping itself; time its two stages from inside it
    inner = {"near-dup": 0.0, "cluster": 0.0}
    found: dict[str, object] = {}
    real_dups, real_cluster = grouping.near_duplicates, grouping.cluster_vectors

    def timed(real, stage: str, key: str):
        def wrapper(*a, **k):
            s = time.perf_counter()
            out = real(*a, **k)
            inner[stage] += time.perf_counter() - s
            found.setdefault(key, out)
            return out
        return wrapper

    timed_dups, timed_cluster = timed(real_dups, "near-dup", "dups"), timed(real_cluster, "cluster", "clusters")

    grouping.near_duplicates, grouping.cluster_vectors = timed_dups, timed_cluster
    try:
        tick = time.perf_counter()
        briefing = build_daily(results, embeddings=emb, group_by=args.group_by)
        layout = time.perf_counter() - tick
    finally:
        grouping.near_duplicates, grouping.cluster_vectors = real_dups, real_cluster
    t["near-dup"], t["cluster"] = inner["near-dup"], inner["cluster"]
    t["rank/layout"] = layout - inner["near-dup"] - inner["cluster"]
    rss["build"] = peak_rss_mb()

    tick = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "briefing.md").write_text(render("daily", "md", {"b": briefing, "max_quotes": 3}))
    t["render"] = time.perf_counter() - tick
    total = time.perf_counter() - start
    rss["render"] = peak_rss_mb()

    n = len(results)
    ids = [a["id"] for s in briefing["stories"] for a in s["articles"]]
    assert sorted(ids) == sorted(r.article.id for r in results) and len(ids) == len(set(ids)), "an article is missing or repeated"
    grouping_s = t["near-dup"] + t["cluster"]
    print(f"daily benchmark: {n} articles ({'lead-3 summaries' if args.lead3 else 'default engine'}), "
          f"{len(briefing['stories'])} stories, {len(found.get('dups') or [])} near-duplicate pairs, group_by={args.group_by}")
    print(f"machine: {platform.machine()}, {len(__import__('os').sched_getaffinity(0))} CPUs, python {platform.python_version()}")
    for stage, secs in t.items():
        extra = ""
        if stage == "summarize" and pipe_timings:
            extra = "  (" + ", ".join(f"{k} {v:.1f}" for k, v in pipe_timings.items()) + ")"
        print(f"  {stage:<12} {secs:8.2f} s  {100 * secs / total:5.1f}%{extra}")
    print(f"  {'total':<12} {total:8.2f} s")
    print(f"grouping (near-dup + cluster): {grouping_s:.2f} s = {100 * grouping_s / total:.1f}% of the run; "
          f"with embedding {grouping_s + t['embed']:.2f} s = {100 * (grouping_s + t['embed']) / total:.1f}%")
    print("peak RSS after each stage (MB): " + ", ".join(f"{k} {v:.0f}" for k, v in rss.items()))
    report = {"articles": n, "stories": len(briefing["stories"]), "seconds": t, "total": total, "peak_rss_mb": rss["render"], "pipeline": pipe_timings}

    if exact:
        tick = time.perf_counter()
        ref = grouping.exact_clusters(results, emb)
        ref_s = time.perf_counter() - tick
        new = found["clusters"]
        agree = grouping.pair_agreement(ref, new, n)
        agree.update(stories_exact=len(ref), stories_new=len(new), identical_stories=len({tuple(c) for c in ref} & {tuple(c) for c in new}))
        print(f"exact all-pairs method: {ref_s:.1f} s (vs {grouping_s:.2f} s); pair agreement {100 * agree['agree']:.3f}% of {agree['pairs']:,} pairs; "
              f"same-story pairs: exact {agree['same_a']}, new {agree['same_b']}, both {agree['same_both']}; "
              f"stories: exact {agree['stories_exact']}, new {agree['stories_new']}, identical {agree['identical_stories']}")
        report.update(exact_seconds=ref_s, agreement=agree)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()

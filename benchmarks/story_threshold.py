"""Validate the story-grouping threshold of ``briefing.daily`` on real multi-outlet news.

Data: ``../shared/data/quotes-dev.jsonl`` (PolNeAR: 1,013 US political articles from seven
outlets, 2015-2016; the id carries outlet and date). All of it is politics of the same
campaign, so different-event pairs are *hard* negatives.

* Pairs of articles from different outlets published >= 30 days apart cannot be the same
  event: the share of them above a threshold is the false-merge rate.
* Pairs from different outlets on the same day or the next that score above the threshold
  are printed for reading: those are what the briefing would merge.

Each article is embedded as in the briefing (``daily.embed_results``: headline + lead,
averaged with the long summary; here the long summary is the first three sentences, the
Lead-3 stand-in, so the check does not need the summarizer).

Run: .venv/bin/python benchmarks/story_threshold.py [--show 0.62]
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from pathlib import Path

import numpy as np

from briefing.article import Article, ArticleResult, Summary
from briefing.daily.grouping import average_linkage, embed_results

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "quotes-dev.jsonl"
_SENT = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[A-Z“\"])")


def load(path: Path) -> tuple[list[ArticleResult], list[str], list[dt.date]]:
    results, outlets, dates, seen = [], [], [], set()
    for line in path.open():
        rec = json.loads(line)
        outlet, day = rec["id"].split("_")[:2]
        if rec["id"] in seen:  # a few articles are annotated twice
            continue
        seen.add(rec["id"])
        paras = [p.strip() for p in rec["text"].split("\n") if p.strip()]
        title = paras[0] if paras and len(paras[0].split()) <= 25 else None
        body = " ".join(paras[1:] if title else paras)
        lead3 = " ".join(_SENT.split(body)[:3])
        art = Article(id=rec["id"], text=body, title=title)
        results.append(ArticleResult(art, Summary(lead3, lead3), [], [], {}, {}))
        outlets.append(outlet)
        dates.append(dt.date.fromisoformat(day))
    return results, outlets, dates


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--show", type=float, default=0.62, help="print same-day pairs above this")
    args = ap.parse_args()
    results, outlets, dates = load(args.data)
    cache = Path("/tmp/story_threshold_emb.npy")
    if cache.exists() and np.load(cache).shape[0] == len(results):
        emb = np.load(cache)
    else:
        emb = embed_results(results)
        np.save(cache, emb)
    sim = emb @ emb.T
    n = len(results)
    iu = np.triu_indices(n, 1)
    s = sim[iu]
    cross = np.array([outlets[i] != outlets[j] for i, j in zip(*iu)])
    gap = np.array([abs((dates[i] - dates[j]).days) for i, j in zip(*iu)])
    far = cross & (gap >= 30)
    near = cross & (gap <= 1)
    print(f"{n} articles; {far.sum()} far-apart cross-outlet pairs (negatives), {near.sum()} same/next-day pairs")
    print("threshold  false-merge(far pairs)  same/next-day pairs above  far pairs above")
    for t in (0.5, 0.55, 0.6, 0.62, 0.65, 0.7, 0.75, 0.8):
        print(f"  {t:.2f}     {np.mean(s[far] >= t):.5f}              {int((s[near] >= t).sum()):5d}            {int((s[far] >= t).sum()):5d}")
    print(f"\nsame/next-day cross-outlet pairs >= {args.show - 0.08:.2f}, by similarity (judge by hand):")
    rows = [(sim[i, j], i, j) for i, j in zip(*iu) if outlets[i] != outlets[j] and abs((dates[i] - dates[j]).days) <= 1 and sim[i, j] >= args.show - 0.08]
    for v, i, j in sorted(rows, reverse=True)[:60]:
        print(f"  {v:.3f}  {results[i].article.id[:60]:60s}  {results[j].article.id[:60]}")
    # whole-day clustering as the briefing does it: clusters that mix dates >= 30 days apart
    for t in (0.55, 0.62, 0.7):
        clusters = average_linkage(sim, t)
        multi = [c for c in clusters if len(c) > 1]
        bad = [c for c in multi if (max(dates[i] for i in c) - min(dates[i] for i in c)).days >= 30]
        print(f"average linkage @ {t:.2f} over all {n}: {len(multi)} multi-article clusters, {len(bad)} span >= 30 days")
    sys.stdout.flush()


if __name__ == "__main__":
    main()

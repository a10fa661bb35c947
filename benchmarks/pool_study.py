"""Compare trained heads on the validation pool, DailyMail and CNN apart and together, with intervals.

    .venv/bin/python benchmarks/pool_study.py --model shipped --model my-head [--n-long 4] [--dev]

The pool (``briefing.evaluation.pool``: sha1(id) mod 10 == 0 of cnndm-train-lower.jsonl.gz,
4,094 stories that ``briefing train`` never trains on) goes through exactly what
``briefing eval FILE --pool`` runs (ingest cleaning, spaCy split with the run-on rules, the
engine), but the split and Lead-3 are computed once and cached (``--cache``), so a head costs
seconds. For each head: ROUGE, the margin over Lead-3, and the margin over the first --model,
each with a 95% paired-bootstrap interval (2,000 resamples, seed 0). Recipes are chosen on
these intervals; ``cnndm-dev.jsonl`` (``--dev``) is printed, never chosen on.
"""
from __future__ import annotations

import argparse
import pickle
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
# ../shared/data beside the checkout (a worktree under wt/ looks one level further up)
DATA = next((p / "shared" / "data" for p in (ROOT.parent, ROOT.parent.parent) if (p / "shared" / "data").is_dir()), ROOT.parent / "shared" / "data")


def prepared_sets(cache: Path, dev: bool) -> dict[str, tuple[list, list[str], list[str], np.ndarray]]:
    """name -> (Prepared docs, references, sources, Lead-3 per-article ROUGE); cached on disk."""
    from briefing.evaluation.pool import pool_rows
    from briefing.evaluation.rouge import lead_sentences, rouge_scores
    from briefing.ingest import article_from_record
    from briefing.nlp.sentences import split_many
    from briefing.summarize.engines.base import Prepared
    from briefing.training.data import read_rows

    if cache.is_file():
        return pickle.loads(cache.read_bytes())
    sets = {"pool": pool_rows(DATA / "cnndm-train-lower.jsonl.gz")}
    if dev:
        sets["dev"] = [{**r, "source": "dev"} for r in read_rows(DATA / "cnndm-dev.jsonl")]
    out = {}
    for name, rows in sets.items():
        t = time.perf_counter()
        arts = [article_from_record(r, str(i), None, i + 1) for i, r in enumerate(rows)]
        docs = [Prepared(a, s) for a, s in zip(arts, split_many([a.text for a in arts]))]
        refs = [r["reference"] for r in rows]
        lead = rouge_scores(lead_sentences([r["article"] for r in rows], 3), refs)
        out[name] = (docs, refs, [str(r.get("source")) for r in rows], lead)
        print(f"{name}: {len(rows)} articles split and Lead-3 scored in {time.perf_counter() - t:.0f} s", file=sys.stderr)
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_bytes(pickle.dumps(out))
    return out


def head_scores(model: str, docs: list, refs: list[str], n_long: int | None, save: Path | None, member: int | None = None) -> np.ndarray:
    from briefing.evaluation.rouge import rouge_scores
    from briefing.summarize.engines.trained import TrainedExtractiveEngine

    if save and save.is_file():
        return np.load(save)
    eng = TrainedExtractiveEngine(model=None if model == "shipped" else model, n_long=n_long)
    if member is not None:
        eng.head = eng.head.members[member]  # one seed of an averaged head, alone
    outs = []
    for b in range(0, len(docs), 256):
        outs.extend(eng.summarize_many(docs[b : b + 256]))
    per = rouge_scores([o.long_sentences for o in outs], refs)
    if save:
        np.save(save, per)
    return per


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", action="append", help="a head folder, or 'shipped' (repeatable; the first is the baseline)")
    ap.add_argument("--n-long", type=int, action="append", help="sentences in the long summary (repeatable: each model at each; default the head's)")
    ap.add_argument("--each-member", action="store_true", help="also score each member (seed) of an averaged head alone")
    ap.add_argument("--member", type=int, action="append", help="with --each-member: only these members (repeatable)")
    ap.add_argument("--no-whole", action="store_true", help="with --each-member: skip the averaged head itself")
    ap.add_argument("--dev", action="store_true", help="also print cnndm-dev.jsonl (reported, never chosen on)")
    ap.add_argument("--cache", default="/tmp/briefing-pool-study/prepared.pkl")
    args = ap.parse_args()
    from briefing.evaluation.rouge import paired_bootstrap

    cache = Path(args.cache)
    sets = prepared_sets(cache, args.dev)
    runs = [(m, n, None) for m in (args.model or ["shipped"]) for n in (args.n_long or [None])]
    if args.each_member:
        from briefing.summarize.head import load_head

        for m in args.model or ["shipped"]:
            head, _ = load_head(Path(m) if m != "shipped" else ROOT / "src/briefing/models/extractive-head")
            runs += [(m, n, k) for k in range(len(getattr(head, "members", []))) for n in (args.n_long or [None])
                     if not args.member or k in args.member]
        if args.no_whole:
            runs = [r for r in runs if r[2] is not None]
    for name, (docs, refs, sources, lead) in sets.items():
        if name == "dev" and not args.dev:
            continue
        per = {}
        for m, n, k in runs:
            t = time.perf_counter()
            tag = f"{m}" + (f" n={n}" if n else "") + (f" member {k}" if k is not None else "")
            key = (m.replace("/", "_") + f"-n{n}-m{k}") if m == "shipped" else None
            per[tag] = head_scores(m, docs, refs, n, cache.parent / f"{name}-{key}.npy" if key else None, k)
            print(f"{name} {tag}: {time.perf_counter() - t:.0f} s", file=sys.stderr)
        groups = [(s, np.array([i for i, x in enumerate(sources) if x == s])) for s in sorted(set(sources))]
        if len(groups) > 1:
            groups.append(("all", np.arange(len(refs))))
        base = next(iter(per))
        for g, idx in groups:
            print(f"\n## {name} / {g} ({len(idx)} articles)   R1 R2 RLsum; margin [95% interval]")
            m = lead[idx].mean(0)
            print(f"{'lead-3':40s} {m[0]:6.2f} {m[1]:6.2f} {m[2]:6.2f}")
            for tag, p in per.items():
                m = p[idx].mean(0)
                d, lo, hi = paired_bootstrap(p[idx], lead[idx])
                cells = "  ".join(f"{x:+.2f} [{a:+.2f},{b:+.2f}]" for x, a, b in zip(d, lo, hi))
                line = f"{tag[-40:]:40s} {m[0]:6.2f} {m[1]:6.2f} {m[2]:6.2f}  vs lead: {cells}"
                if tag != base:
                    d, lo, hi = paired_bootstrap(p[idx], per[base][idx])
                    line += "  vs first: " + "  ".join(f"{x:+.2f} [{a:+.2f},{b:+.2f}]" for x, a, b in zip(d, lo, hi))
                print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Does sentence compression help? ROUGE with and without it, paired bootstrap 95% intervals.

    PYTHONPATH=src python benchmarks/compression_eval.py --pool 2000 --out /tmp/compression-eval.json

Sets: the validation pool (cnndm-train-lower stories with int(sha1(id).hexdigest(), 16) % 20 == 0,
never used to train the compressor or the head) and cnndm-dev.jsonl. The engine runs once per
article; the summaries are then finished (short, long) with and without compression, so every
difference is the compressor's alone. Long summaries are scored against the reference highlights;
short summaries against the reference highlights and against the first highlight alone.
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))




def load_pool(path: str, n: int) -> list[dict]:
    from briefing.training.compression import in_pool

    rows = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            if in_pool(r["id"]):
                rows.append(r)
                if len(rows) >= n:
                    break
    return rows


def load_jsonl(path: str) -> list[dict]:
    return [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]


def scores(preds: list[list[str]], refs: list[str]) -> np.ndarray:
    """Per-article ROUGE F1 x100, as ``briefing eval`` computes it."""
    from briefing.evaluation.rouge import rouge_scores

    return rouge_scores(preds, refs)


def bootstrap(a: np.ndarray, b: np.ndarray, n: int = 2000, seed: int = 0) -> list[tuple[float, float, float]]:
    """Mean of a - b per metric with its paired-bootstrap 95% interval (``briefing eval``'s)."""
    from briefing.evaluation.rouge import paired_bootstrap

    mean, lo, hi = paired_bootstrap(a, b, resamples=n, seed=seed)
    return [(float(m), float(x), float(y)) for m, x, y in zip(mean, lo, hi)]


def run_set(name: str, rows: list[dict], log) -> dict:
    from briefing.ingest import article_from_record
    from briefing.nlp.sentences import split_many
    from briefing.summarize.compress import Compressor, finish_summaries, violations
    from briefing.summarize.engines import Prepared, load_engine

    t = time.time()
    arts = [article_from_record(r, str(i), None, i + 1) for i, r in enumerate(rows)]
    sents = split_many([a.text for a in arts])
    keep = [i for i, s in enumerate(sents) if s]
    arts, sents, rows = [arts[i] for i in keep], [sents[i] for i in keep], [rows[i] for i in keep]
    import hashlib
    import pickle

    cache = Path("/tmp") / f"compression-eval-{hashlib.sha1(json.dumps([r['id'] for r in rows]).encode()).hexdigest()[:12]}.pkl"
    if cache.is_file():
        outs = pickle.loads(cache.read_bytes())
    else:
        engine = load_engine("extractive", device="cpu")
        outs = []
        for i in range(0, len(arts), 32):
            outs.extend(engine.summarize_many([Prepared(a, s) for a, s in zip(arts[i : i + 32], sents[i : i + 32])]))
        cache.write_bytes(pickle.dumps(outs))
    log(f"{name}: engine on {len(arts)} articles in {time.time() - t:.0f}s")
    items = list(zip(sents, outs))
    comp = Compressor()
    parsed: dict = {}
    parse = comp.parse

    def cached_parse(texts):  # the variants share one parse per sentence
        missing = list(dict.fromkeys(t for t in texts if t not in parsed))
        parsed.update(zip(missing, parse(missing)))
        return [parsed[t] for t in texts]

    comp.parse = cached_parse
    t = time.time()
    variants = {
        "verbatim": finish_summaries(items, None, short_from="earliest"),
        "verbatim-ranked": finish_summaries(items, None, short_from="ranked"),
        "compressed": finish_summaries(items, comp, compress_long=True, short_from="earliest"),
        "compressed-ranked": finish_summaries(items, comp, compress_long=True, short_from="ranked"),
        "compressed-top2": finish_summaries(items, comp, compress_long=True, short_from="top2"),
        "verbatim-top2": finish_summaries(items, None, short_from="top2"),
        "compressed-thr0.9": finish_summaries(items, comp, compress_long=True, long_threshold=0.9),
    }
    log(f"{name}: finishing {len(variants)} variants in {time.time() - t:.0f}s")
    refs = [r["reference"] for r in rows]
    first = [next((x for x in r["reference"].split("\n") if x.strip()), "") for r in rows]
    res: dict = {"articles": len(rows)}
    long_v = scores([f.long_sentences for f in variants["verbatim"]], refs)
    long_c = scores([f.long_sentences for f in variants["compressed"]], refs)
    res["long"] = {"verbatim": long_v.mean(0).round(2).tolist(), "compressed": long_c.mean(0).round(2).tolist(),
                   "delta_ci": [[round(x, 2) for x in t] for t in bootstrap(long_c, long_v)]}
    for name, preds in (("compressed-thr0.9", [f.long_sentences for f in variants["compressed-thr0.9"]]),):
        sc = scores(preds, refs)
        res["long"][name] = {"rouge": sc.mean(0).round(2).tolist(), "delta_ci": [[round(x, 2) for x in t] for t in bootstrap(sc, long_v)],
                             "mean_words": round(float(np.mean([sum(len(x.split()) for x in p) for p in preds])), 1)}
    res["long"]["mean_words"] = {"verbatim": round(float(np.mean([sum(len(x.split()) for x in f.long_sentences) for f in variants["verbatim"]])), 1),
                                 "compressed": round(float(np.mean([sum(len(x.split()) for x in f.long_sentences) for f in variants["compressed"]])), 1)}
    sources = sorted({r.get("source", "dev") for r in rows})
    if len(sources) > 1:
        res["long_by_source"] = {}
        for src in sources:
            m = np.array([r.get("source", "dev") == src for r in rows])
            res["long_by_source"][src] = {"n": int(m.sum()), "delta_ci": [[round(x, 2) for x in t] for t in bootstrap(long_c[m], long_v[m])]}
    engine_short = [[o.short] for o in outs]
    shorts = {"engine (top-ranked <=40 words, verbatim)": engine_short}
    for k, v in variants.items():
        shorts[k] = [[f.short] for f in v]
    res["short"] = {}
    base_all, base_first = scores(engine_short, refs), scores(engine_short, first)
    for k, p in shorts.items():
        s_all, s_first = scores(p, refs), scores(p, first)
        words = [len(x[0].split()) for x in p]
        res["short"][k] = {"vs_reference": s_all.mean(0).round(2).tolist(), "vs_first_highlight": s_first.mean(0).round(2).tolist(),
                           "delta_vs_engine_ref_ci": [[round(x, 2) for x in t] for t in bootstrap(s_all, base_all)],
                           "delta_vs_engine_first_ci": [[round(x, 2) for x in t] for t in bootstrap(s_first, base_first)],
                           "mean_words": round(float(np.mean(words)), 1), "over_30_words": int(sum(w > 30 for w in words))}
    lead1 = [[s[0].text] for s in sents]
    res["short"]["lead-1 (verbatim)"] = {"vs_reference": scores(lead1, refs).mean(0).round(2).tolist(), "vs_first_highlight": scores(lead1, first).mean(0).round(2).tolist()}
    # compression statistics and the hard constraints
    n_sent = n_comp = 0
    w_before = w_after = 0
    bad: dict[str, int] = {}
    pairs = []
    for f, (ss, o) in zip(variants["compressed"], items):
        for e in f.sentences or []:
            n_sent += 1
            src = next(s.text for s in ss if s.start == e["start"])
            w_before += len(src.split())
            w_after += len(e["text"].split())
            if e["compressed"]:
                n_comp += 1
                pairs.append((src, e["text"]))
                for v in violations(src, e["text"]):
                    bad[v] = bad.get(v, 0) + 1
    res["compression"] = {"sentences": n_sent, "compressed": n_comp, "words_before": w_before, "words_after": w_after, "violations": bad}
    random.Random(0).shuffle(pairs)
    res["pairs"] = pairs[:40]
    return res


def write_fixture(rows: list[dict], path: str, log) -> None:
    """The sentences the engine chose (long summary + short-summary candidates) for each article."""
    from briefing.ingest import article_from_record
    from briefing.nlp.sentences import split_many
    from briefing.summarize.compress import locate
    from briefing.summarize.engines import Prepared, load_engine

    arts = [article_from_record(r, str(i), None, i + 1) for i, r in enumerate(rows)]
    sents = split_many([a.text for a in arts])
    engine = load_engine("extractive", device="cpu")
    outs = engine.summarize_many([Prepared(a, s) for a, s in zip(arts, sents)])
    with open(path, "w", encoding="utf-8") as fh:
        for r, ss, o in zip(rows, sents, outs):
            found = locate(ss, o.long_sentences) or []
            chosen = list(dict.fromkeys([s.text for s in found] + [t for t in o.ranked[:5]]))
            fh.write(json.dumps({"id": r["id"], "sentences": chosen}, ensure_ascii=False) + "\n")
    log(f"wrote {path}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pool", type=int, default=2000)
    ap.add_argument("--lower", default="/work/shared/data/cnndm-train-lower.jsonl.gz")
    ap.add_argument("--dev", default="/work/shared/data/cnndm-dev.jsonl")
    ap.add_argument("--out", default=None)
    ap.add_argument("--fixture", default=None, help="write the chosen sentences of the first 300 pool articles here, and stop")
    args = ap.parse_args()
    t0 = time.time()
    log = lambda m: print(f"[{time.time() - t0:6.0f}s] {m}", file=sys.stderr, flush=True)  # noqa: E731
    out = {}
    if args.fixture:
        write_fixture(load_pool(args.lower, 300), args.fixture, log)
        return 0
    out["dev"] = run_set("dev", load_jsonl(args.dev), log)
    if args.pool:
        out["pool"] = run_set("pool", load_pool(args.lower, args.pool), log)
    text = json.dumps(out, indent=1)
    if args.out:
        Path(args.out).write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Training the sentence compressor from news highlights (``python -m briefing.training.compression``).

1. Alignment: each highlight is matched with the article sentence whose words it keeps most
   of, in order (a longest-common-subsequence alignment over lower-cased tokens). A highlight
   counts as a compression of that sentence when at least ``MIN_COVER`` of its words are found
   in order in it; the sentence's words in the alignment are "kept", the others "dropped".
2. Labels: every candidate constituent of the parsed sentence (``summarize.compress.candidates``)
   whose head word was kept is an example: label 1 when the alignment dropped (almost) all its
   words, 0 when it kept (almost) all; in-between cases are skipped.
3. A logistic regression over the candidates' string features; the drop threshold is chosen
   on held-out aligned sentences for the token F1 of kept words.

Data: the cased ``cnn-train.jsonl`` and the DailyMail/CNN ``cnndm-train-lower.jsonl.gz`` minus
the validation pool (``in_pool``: int(sha1(id).hexdigest(), 16) % 20 == 0), which is kept out.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import random
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Sequence

MIN_COVER = 0.9  # share of a highlight's words that must be found, in order, in its sentence
MIN_WORDS = 5
POOL_MOD = 20


def in_pool(story_id: str) -> bool:
    """The validation pool shared with the summarizer: never used for training."""
    return int(hashlib.sha1(story_id.encode("utf-8")).hexdigest(), 16) % POOL_MOD == 0


_TOK = re.compile(r"\w+(?:['’]\w+)*")


def words(text: str) -> list[str]:
    return [w.lower() for w in _TOK.findall(text)]


def lcs_alignment(a: Sequence[str], b: Sequence[str]) -> list[tuple[int, int]]:
    """Pairs (i, j) of a longest common subsequence of a and b."""
    n, m = len(a), len(b)
    dp = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        ai, row, nxt = a[i], dp[i], dp[i + 1]
        for j in range(m - 1, -1, -1):
            row[j] = nxt[j + 1] + 1 if ai == b[j] else max(nxt[j], row[j + 1])
    pairs, i, j = [], 0, 0
    while i < n and j < m:
        if a[i] == b[j]:
            pairs.append((i, j))
            i += 1
            j += 1
        elif dp[i + 1][j] >= dp[i][j + 1]:
            i += 1
        else:
            j += 1
    return pairs


@dataclass
class Aligned:
    story: str
    source: str  # "cnn" (cased) or "dailymail"/"cnn-lower"
    sentence: str
    highlight: str


def align_story(sentences: Sequence[str], highlights: Sequence[str]) -> list[tuple[int, str]]:
    """(sentence index, highlight) for each highlight that is a compression of one sentence."""
    toks = [words(s) for s in sentences]
    out = []
    for h in highlights:
        hw = words(h)
        if len(hw) < MIN_WORDS:
            continue
        hs = set(hw)
        best, best_i = 0, -1
        for i, sw in enumerate(toks):
            if len(hs & set(sw)) < MIN_COVER * len(hw):
                continue
            k = len(lcs_alignment(hw, sw))
            if k > best:
                best, best_i = k, i
        if best_i >= 0 and best >= MIN_COVER * len(hw) and len(toks[best_i]) <= 80:
            out.append((best_i, h))
    return out


def iter_stories(cnn_path: Path, lower_path: Path, limit_cnn: int, limit_lower: int, seed: int = 0) -> Iterator[tuple[str, str, str, list[str]]]:
    """(id, source, article, highlights) from both training files, the pool excluded."""
    rng = random.Random(seed)
    rows = [json.loads(l) for l in cnn_path.open(encoding="utf-8") if l.strip()]
    rng.shuffle(rows)
    for r in rows[:limit_cnn]:
        yield r["id"], "cnn", r["article"], [h for h in r["reference"].split("\n") if h.strip()]
    with gzip.open(lower_path, "rt", encoding="utf-8") as fh:
        lower = [json.loads(l) for l in fh if l.strip()]
    lower = [r for r in lower if not in_pool(r["id"])]
    rng.shuffle(lower)
    for r in lower[:limit_lower]:
        hl = r.get("highlights") or r.get("reference") or []
        if isinstance(hl, str):
            hl = [h for h in hl.split("\n") if h.strip()]
        src = r.get("source", "lower")
        yield r["id"], ("cnn-lower" if src == "cnn" else src), r["article"], hl


def collect(cnn_path: Path, lower_path: Path, limit_cnn: int, limit_lower: int, seed: int = 0, log=print) -> list[Aligned]:
    from briefing.ingest import article_from_record
    from briefing.nlp.sentences import split_many

    stories = list(iter_stories(cnn_path, lower_path, limit_cnn, limit_lower, seed))
    log(f"splitting {len(stories)} stories ...")
    arts = [article_from_record({"id": sid, "text": text}, sid, None) for sid, _, text, _ in stories]
    sents = split_many([a.text for a in arts])
    out: list[Aligned] = []
    for (sid, src, _, hl), ss in zip(stories, sents):
        texts = [s.text for s in ss]
        for i, h in align_story(texts, hl):
            out.append(Aligned(sid, src, texts[i], h))
    return out


def gold_keep(doc_words: Sequence[str], highlight: str) -> set[int]:
    """Indices (into doc_words) of the words the highlight kept."""
    return {j for _, j in lcs_alignment(words(highlight), doc_words)}


def examples_for(doc, highlight: str):
    """(features, label) for each labelled candidate, and the gold kept word tokens."""
    from briefing.summarize.compress import candidates

    toks = list(doc)
    # align on spaCy tokens that are words
    idx = [i for i, t in enumerate(toks) if _TOK.fullmatch(t.lower_)]
    tw = [toks[i].lower_ for i in idx]
    kept_words = {idx[j] for j in gold_keep(tw, highlight)}
    wordset = set(idx)
    ex = []
    for c in candidates(doc):
        ws = [i for i in c.drop if i in wordset]
        if not ws:
            continue
        if c.kind == "subtree" and c.anchor not in kept_words and toks[c.anchor].head.i - toks[0].i in wordset and (toks[c.anchor].head.i - toks[0].i) not in kept_words:
            continue  # its head went: the decision was made higher up
        dropped = sum(1 for i in ws if i not in kept_words) / len(ws)
        if dropped >= 0.85:
            ex.append((c.features, 1))
        elif dropped <= 0.15:
            ex.append((c.features, 0))
    return ex, kept_words, wordset


def token_f1(pred: set[int], gold: set[int]) -> float:
    if not pred and not gold:
        return 1.0
    tp = len(pred & gold)
    if tp == 0:
        return 0.0
    p, r = tp / len(pred), tp / len(gold)
    return 2 * p * r / (p + r)


def kept_by(doc, text: str, wordset: set[int]) -> set[int]:
    """Word tokens of doc that a compressed text kept (an in-order alignment)."""
    toks = list(doc)
    idx = sorted(wordset)
    return {idx[j] for _, j in lcs_alignment(words(text), [toks[i].lower_ for i in idx])}


def fit(train_ex, C: float = 0.5, epochs: int = 400, lr: float = 0.05):
    """L2-regularised logistic regression over binary string features (numpy, full-batch Adam).

    The loss is sklearn's: C * sum(log-loss) + 0.5 * |w|^2, scaled by 1/n for the step size.
    """
    import numpy as np

    vocab: dict[str, int] = {}
    rows, cols = [], []
    for r, (feats, _) in enumerate(train_ex):
        for f in set(feats):
            rows.append(r)
            cols.append(vocab.setdefault(f, len(vocab)))
    rows_a, cols_a = np.array(rows), np.array(cols)
    y = np.array([lab for _, lab in train_ex], dtype=np.float64)
    n, d = len(y), len(vocab)
    w, b = np.zeros(d), 0.0
    m, v = np.zeros(d + 1), np.zeros(d + 1)
    for t in range(1, epochs + 1):
        z = np.bincount(rows_a, weights=w[cols_a], minlength=n) + b
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        g = p - y
        gw = C * np.bincount(cols_a, weights=g[rows_a], minlength=d) + w
        gb = C * g.sum()
        grad = np.append(gw, gb) / n
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad * grad
        step = lr * (m / (1 - 0.9**t)) / (np.sqrt(v / (1 - 0.999**t)) + 1e-8)
        w -= step[:-1]
        b -= step[-1]
    names = sorted(vocab, key=vocab.get)
    return {name: float(w[vocab[name]]) for name in names}, float(b)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m briefing.training.compression", description=__doc__.split("\n")[0])
    ap.add_argument("--cnn", default="../shared/data/cnn-train.jsonl")
    ap.add_argument("--lower", default="../shared/data/cnndm-train-lower.jsonl.gz")
    ap.add_argument("--cnn-stories", type=int, default=6000)
    ap.add_argument("--lower-stories", type=int, default=8000)
    ap.add_argument("--max-sentences", type=int, default=6000, help="aligned sentences to parse (train + held-out)")
    ap.add_argument("--heldout", type=float, default=0.2)
    ap.add_argument("--C", type=float, default=0.5)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", default=None, help="model folder (default: the shipped models/compressor)")
    ap.add_argument("--cache", default=None, help="JSONL of aligned sentences to reuse / write")
    args = ap.parse_args(argv)
    from briefing.nlp.sentences import load_spacy, stock_tokenizer
    from briefing.summarize.compress import (
        SHIPPED_COMPRESSOR,
        CompressorModel,
        compress_doc,
    )

    t0 = time.time()
    log = lambda m: print(f"[{time.time() - t0:6.1f}s] {m}", file=sys.stderr, flush=True)  # noqa: E731
    if args.cache and Path(args.cache).is_file():
        aligned = [Aligned(**json.loads(l)) for l in open(args.cache, encoding="utf-8")]
    else:
        aligned = collect(Path(args.cnn), Path(args.lower), args.cnn_stories, args.lower_stories, args.seed, log)
        if args.cache:
            with open(args.cache, "w", encoding="utf-8") as fh:
                for a in aligned:
                    fh.write(json.dumps(a.__dict__) + "\n")
    rng = random.Random(args.seed)
    rng.shuffle(aligned)
    aligned = aligned[: args.max_sentences]
    # split by story so that no story is on both sides
    stories = sorted({a.story for a in aligned})
    rng.shuffle(stories)
    held = set(stories[: int(len(stories) * args.heldout)])
    log(f"{len(aligned)} aligned sentences from {len(stories)} stories; parsing ...")
    nlp = load_spacy("parser")
    tokenizer = stock_tokenizer(nlp)  # (spaCy's own tokens, as Compressor.parse reads them)
    docs = list(nlp.pipe((tokenizer(a.sentence) for a in aligned), batch_size=64))
    log("parsed")
    train_ex, held_items = [], []
    for a, d in zip(aligned, docs):
        ex, kept, wordset = examples_for(d, a.highlight)
        if a.story in held:
            held_items.append((a, d, kept, wordset))
        else:
            train_ex.extend(ex)
    log(f"{len(train_ex)} training candidates ({sum(l for _, l in train_ex)} dropped); {len(held_items)} held-out sentences")
    weights, bias = fit(train_ex, args.C)
    model = CompressorModel(weights, bias, 0.5, {})
    # choose the threshold on held-out sentences: token F1 of kept words
    results = {}
    for thr in (0.4, 0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9):
        f1s, f1v, ratio, n_comp = [], [], [], 0
        for a, d, kept, wordset in held_items:
            out = compress_doc(d, model, threshold=thr)
            pred = kept_by(d, out.text, wordset)
            f1s.append(token_f1(pred, kept))
            f1v.append(token_f1(wordset, kept))
            ratio.append(len(pred) / max(len(wordset), 1))
            n_comp += out.compressed
        results[thr] = (sum(f1s) / len(f1s), sum(f1v) / len(f1v), sum(ratio) / len(ratio), n_comp / len(held_items))
        log(f"threshold {thr:.2f}: token F1 {results[thr][0]:.4f} (verbatim {results[thr][1]:.4f}), kept {results[thr][2]:.3f} of words, {results[thr][3]:.2%} compressed")
    thr = max(results, key=lambda t: results[t][0])
    model.threshold = thr
    by_src = {}
    for a, d, kept, wordset in held_items:
        out = compress_doc(d, model)
        by_src.setdefault(a.source, []).append((token_f1(kept_by(d, out.text, wordset), kept), token_f1(wordset, kept)))
    model.meta = {
        "trained_on": {"cnn_stories": args.cnn_stories, "lower_stories": args.lower_stories, "sentences": len(aligned) - len(held_items),
                       "candidates": len(train_ex), "seed": args.seed, "C": args.C, "pool_excluded": "int(sha1(id).hexdigest(), 16) % 20 == 0"},
        "heldout": {"sentences": len(held_items), "threshold": thr, "token_f1": round(results[thr][0], 4), "verbatim_token_f1": round(results[thr][1], 4),
                    "kept_share": round(results[thr][2], 4), "compressed_share": round(results[thr][3], 4),
                    "by_source": {s: {"n": len(v), "token_f1": round(sum(x for x, _ in v) / len(v), 4), "verbatim_token_f1": round(sum(y for _, y in v) / len(v), 4)} for s, v in by_src.items()}},
    }
    path = model.save(args.out or SHIPPED_COMPRESSOR)
    log(f"threshold {thr}; wrote {path} ({len(model.weights)} weights)")
    print(json.dumps(model.meta, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())

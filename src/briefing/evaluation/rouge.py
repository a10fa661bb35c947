"""Quality figures computed as ../shared/docs/EVALUATION.md defines them.

Summaries: ROUGE-1/2/Lsum F1 x100 (rouge-score, stemming; Lsum with one sentence per
line), averaged over articles, with Lead-3 on spaCy's default sentence split beside it and
the margin over Lead-3 with a 95% paired-bootstrap interval.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np

ROUGE_KEYS = ("rouge1", "rouge2", "rougeLsum")


def rouge_scores(predictions: Sequence[Sequence[str]], references: Sequence[str]) -> "np.ndarray":
    """F1 x100 per article, shape (n, 3) in ``ROUGE_KEYS`` order. ``predictions`` are lists of
    sentences; references are newline-separated."""
    import numpy as np
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(list(ROUGE_KEYS), use_stemmer=True)
    out = np.zeros((len(references), len(ROUGE_KEYS)))
    for i, (pred, ref) in enumerate(zip(predictions, references)):
        scores = scorer.score("\n".join(s.strip() for s in ref.split("\n") if s.strip()), "\n".join(pred))
        out[i] = [100.0 * scores[k].fmeasure for k in ROUGE_KEYS]
    return out


def rouge(predictions: Sequence[Sequence[str]], references: Sequence[str]) -> dict[str, float]:
    """Mean F1 x100 over articles."""
    per = rouge_scores(predictions, references)
    means = per.mean(0) if len(per) else [0.0] * len(ROUGE_KEYS)
    return {k: float(v) for k, v in zip(ROUGE_KEYS, means)}


BOOTSTRAP_RESAMPLES = 2000
BOOTSTRAP_SEED = 0


def paired_bootstrap(a: "np.ndarray", b: "np.ndarray", resamples: int = BOOTSTRAP_RESAMPLES, seed: int = BOOTSTRAP_SEED,
                     level: float = 0.95) -> tuple["np.ndarray", "np.ndarray", "np.ndarray"]:
    """Mean of ``a - b`` over articles and its ``level`` percentile interval.

    Paired: each resample draws articles with replacement and takes both systems' scores of
    the same articles, so what the interval measures is the margin, not the articles' spread.
    ``a`` and ``b`` are per-article score arrays (n,) or (n, k); fixed seed, so a rerun prints
    the same interval.
    """
    import numpy as np

    d = np.asarray(a, dtype=np.float64) - np.asarray(b, dtype=np.float64)
    n = len(d)
    if n == 0:
        z = np.zeros(d.shape[1:])
        return z, z, z
    rng = np.random.default_rng(seed)
    means = np.empty((resamples, *d.shape[1:]))
    for start in range(0, resamples, 200):  # bounded memory on big pools
        idx = rng.integers(0, n, size=(min(200, resamples - start), n))
        means[start : start + len(idx)] = d[idx].mean(1)
    tail = 100 * (1 - level) / 2
    return d.mean(0), np.percentile(means, tail, axis=0), np.percentile(means, 100 - tail, axis=0)


def lead_sentences(texts: Sequence[str], n: int = 3) -> list[list[str]]:
    """Lead-n on spaCy's default (parser-based) sentence split, the EVALUATION.md baseline."""
    from briefing.nlp.sentences import load_spacy, stock_tokenizer

    nlp = load_spacy("parser")
    tokenizer = stock_tokenizer(nlp)
    out = []
    docs = (tokenizer(t) for t in texts)
    for doc in nlp.pipe(docs, batch_size=32, disable=["ner", "tagger", "attribute_ruler"]):
        sents = [s.text.strip() for s in doc.sents if s.text.strip()]
        out.append(sents[:n])
    return out


def _load_rows(path: str, limit: int | None, pool: bool = False) -> list[dict]:
    import json

    from briefing.evaluation.pool import iter_jsonl, pool_rows

    if pool:
        return pool_rows(path, limit)
    rows = []
    for _ln, line in iter_jsonl(path):
        rows.append(json.loads(line))
        if limit and len(rows) >= limit:
            break
    return rows


def summary_sentences(rows: list[dict], engine: str, model: str | None = None, device: str = "auto") -> tuple[list[list[str]], float]:
    """Long-summary sentences of each row with one engine, and the seconds taken."""
    import time

    from briefing.article import ArticleResult
    from briefing.pipeline import Pipeline

    options = {"device": device}
    if model:
        options["model"] = model
    t = time.perf_counter()
    pipe = Pipeline(engine, quotes=False, **options)
    from briefing.ingest import article_from_record

    # the same cleaning users get (datelines stripped, metadata read)
    arts = [article_from_record(r, str(i), None, i + 1) for i, r in enumerate(rows)]
    longs = [out.summary_sentences if isinstance(out, ArticleResult) else [] for out in pipe.process(arts)]
    return longs, time.perf_counter() - t


def margin_line(label: str, a: "np.ndarray", b: "np.ndarray") -> str:
    """``label`` then, per ROUGE key, the mean margin of a over b with its 95% bootstrap interval."""
    delta, lo, hi = paired_bootstrap(a, b)
    cells = [f"{d:+6.2f} [{l:+.2f}, {h:+.2f}]" for d, l, h in zip(delta, lo, hi)]
    return f"{label:34s} " + "  ".join(f"{c:>22s}" for c in cells)


def score_table(title: str, systems: list[tuple[str, "np.ndarray", float | None]], baseline: "np.ndarray") -> list[str]:
    """ROUGE means of each system, then each one's margin over the baseline with its interval."""
    lines = [f"{title:34s} {'ROUGE-1':>8s} {'ROUGE-2':>8s} {'ROUGE-Lsum':>10s} {'seconds':>8s}"]
    for name, per, secs in systems:
        m = per.mean(0)
        lines.append(f"{name:34s} {m[0]:8.2f} {m[1]:8.2f} {m[2]:10.2f} {'' if secs is None else f'{secs:8.1f}':>8s}")
    m = baseline.mean(0)
    lines.append(f"{'lead-3':34s} {m[0]:8.2f} {m[1]:8.2f} {m[2]:10.2f}")
    lines.append(f"{'margin over lead-3 [95% interval]':34s} " + "  ".join(f"{k:>22s}" for k in ("ROUGE-1", "ROUGE-2", "ROUGE-Lsum")))
    for name, per, _ in systems:
        lines.append(margin_line(f"  {name}", per, baseline))
    return lines


def run_eval(path: str, engine: str = "extractive", model: str | None = None, device: str = "auto",
             limit: int | None = None, compare: bool | None = None, pool: bool = False, log=print) -> str:
    """Score a labelled JSONL (or .jsonl.gz); returns a plain-text table.

    ``pool``: score only the validation-pool stories of the file (``evaluation.pool``), cleaned
    as users' text reads. Rows with a ``source`` field are also reported per source. Each margin
    over Lead-3 carries a 95% paired-bootstrap interval (2,000 resamples over articles, seed 0).
    """
    import numpy as np

    rows = _load_rows(path, limit, pool)
    what = f" (validation pool: sha1(id) mod {_pool_modulus()} == 0)" if pool else ""
    lines = [f"# {path}{what}: {len(rows)} rows"]
    summ_rows = [r for r in rows if r.get("reference")]
    if not summ_rows and not any(isinstance(r.get("attributions"), list) for r in rows):
        from briefing.errors import RunError

        raise RunError(f"{path}: no row has a 'reference' or 'attributions' field: nothing to score")
    if summ_rows:
        refs = [r["reference"] for r in summ_rows]
        texts = [r.get("text") or r.get("article") or "" for r in summ_rows]
        systems: list[tuple[str, np.ndarray, float | None]] = []
        engines = [(engine, model)]
        if (compare if compare is not None else not pool) and engine == "extractive":
            engines.append(("extractive-unsupervised", None))
        for name, m in engines:
            log(f"summarizing {len(summ_rows)} articles with {name}{f' ({m})' if m else ''} ...")
            longs, secs = summary_sentences(summ_rows, name, m, device)
            systems.append((name + (f" ({m})" if m else ""), rouge_scores(longs, refs), secs))
        log("computing Lead-3 on spaCy's default sentence split ...")
        lead = rouge_scores(lead_sentences(texts, 3), refs)
        groups = [("all", np.arange(len(summ_rows)))]
        sources = sorted({str(r["source"]) for r in summ_rows if r.get("source")})
        if len(sources) > 1:
            groups = [(src, np.array([i for i, r in enumerate(summ_rows) if str(r.get("source")) == src])) for src in sources] + groups
        for gname, idx in groups:
            lines.append("")
            title = "summary (long vs reference)" if len(groups) == 1 else f"{gname} ({len(idx)} articles)"
            lines.extend(score_table(title, [(n, per[idx], secs if gname == "all" else None) for n, per, secs in systems], lead[idx]))
    quote_rows = [r for r in rows if isinstance(r.get("attributions"), list)]
    if quote_rows:
        from briefing.evaluation.quotes import evaluate_quotes_by_outlet

        log(f"extracting quotes from {len(quote_rows)} articles ...")
        by_outlet = evaluate_quotes_by_outlet(quote_rows)
        q = by_outlet.pop("all")
        lines.append("")
        lines.append("quotes (direct)     precision  recall     F1  speaker-acc   gold  predicted  matched")
        lines.append(
            f"{'':19s} {q['precision']:9.2f} {q['recall']:7.2f} {q['f1']:6.2f} {q['speaker_accuracy']:12.2f} "
            f"{q['gold']:6d} {q['predicted']:10d} {q['matched']:8d}"
        )
        lines.append(
            f"speaker accuracy where the gold speaker is a proper name: {q['speaker_accuracy_named']:.2f} "
            f"({q['speaker_checked_named']} of {q['speaker_checked']} checked)"
        )
        if len(by_outlet) > 1:
            lines.append("")
            lines.append("per outlet, left out (speaker ranker fitted on the other outlets; 95% bootstrap intervals over articles)")
            lines.append(f"{'outlet':19s} {'articles':>8s} {'F1':>6s} {'(95% CI)':>15s} {'speaker-acc':>12s} {'(95% CI)':>15s} {'checked':>8s}")
            for name, r in sorted(by_outlet.items(), key=lambda kv: kv[1]["speaker_accuracy"]):
                lines.append(
                    f"{name:19s} {r['articles']:8d} {r['f1']:6.2f} {'(%.1f-%.1f)' % r['f1_ci']:>15s} "
                    f"{r['speaker_accuracy']:12.2f} {'(%.1f-%.1f)' % r['speaker_ci']:>15s} {r['speaker_checked']:8d}"
                )
            worst = min(by_outlet, key=lambda k: by_outlet[k]["speaker_accuracy"])
            lines.append(f"worst outlet: {worst} (speaker accuracy {by_outlet[worst]['speaker_accuracy']:.2f}, "
                         f"F1 {by_outlet[worst]['f1']:.2f})")
    return "\n".join(lines)


def _pool_modulus() -> int:
    from briefing.evaluation.pool import POOL_MODULUS

    return POOL_MODULUS

"""Quality figures computed as ../shared/docs/EVALUATION.md defines them.

Summaries: ROUGE-1/2/Lsum F1 x100 (rouge-score, stemming; Lsum with one sentence per
line), averaged over articles, with Lead-3 on spaCy's default sentence split beside it.
"""
from __future__ import annotations

from typing import Sequence

ROUGE_KEYS = ("rouge1", "rouge2", "rougeLsum")


def rouge(predictions: Sequence[Sequence[str]], references: Sequence[str]) -> dict[str, float]:
    """Mean F1 x100. ``predictions`` are lists of sentences; references are newline-separated."""
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(list(ROUGE_KEYS), use_stemmer=True)
    totals = dict.fromkeys(ROUGE_KEYS, 0.0)
    for pred, ref in zip(predictions, references):
        scores = scorer.score("\n".join(s.strip() for s in ref.split("\n") if s.strip()), "\n".join(pred))
        for k in ROUGE_KEYS:
            totals[k] += scores[k].fmeasure
    n = max(len(references), 1)
    return {k: 100.0 * v / n for k, v in totals.items()}


def lead_sentences(texts: Sequence[str], n: int = 3) -> list[list[str]]:
    """Lead-n on spaCy's default (parser-based) sentence split, the EVALUATION.md baseline."""
    from briefing.nlp.sentences import load_spacy

    nlp = load_spacy("parser")
    out = []
    for doc in nlp.pipe(texts, batch_size=32, disable=["ner", "tagger", "attribute_ruler"]):
        sents = [s.text.strip() for s in doc.sents if s.text.strip()]
        out.append(sents[:n])
    return out


def _load_rows(path: str, limit: int | None) -> list[dict]:
    import json

    rows = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
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


def run_eval(path: str, engine: str = "extractive", model: str | None = None, device: str = "auto",
             limit: int | None = None, compare: bool = True, log=print) -> str:
    """Score a labelled JSONL; returns a plain-text table."""
    rows = _load_rows(path, limit)
    lines = [f"# {path}: {len(rows)} rows"]
    summ_rows = [r for r in rows if r.get("reference")]
    if summ_rows:
        refs = [r["reference"] for r in summ_rows]
        texts = [r.get("text") or r.get("article") or "" for r in summ_rows]
        table: list[tuple[str, dict[str, float], float | None]] = []
        engines = [(engine, model)]
        if compare and engine == "extractive":
            engines.append(("extractive-unsupervised", None))
        for name, m in engines:
            log(f"summarizing {len(summ_rows)} articles with {name}{f' ({m})' if m else ''} ...")
            longs, secs = summary_sentences(summ_rows, name, m, device)
            table.append((name + (f" ({m})" if m else ""), rouge(longs, refs), secs))
        log("computing Lead-3 on spaCy's default sentence split ...")
        lead = lead_sentences(texts, 3)
        table.append(("lead-3", rouge(lead, refs), None))
        lines.append("")
        lines.append(f"{'summary (long vs reference)':40s} {'ROUGE-1':>8s} {'ROUGE-2':>8s} {'ROUGE-Lsum':>10s} {'seconds':>8s}")
        for name, r, secs in table:
            lines.append(f"{name:40s} {r['rouge1']:8.2f} {r['rouge2']:8.2f} {r['rougeLsum']:10.2f} {'' if secs is None else f'{secs:8.1f}':>8s}")
        base = table[-1][1]
        first = table[0][1]
        lines.append(f"{'delta vs lead-3':40s} {first['rouge1'] - base['rouge1']:+8.2f} {first['rouge2'] - base['rouge2']:+8.2f} {first['rougeLsum'] - base['rougeLsum']:+10.2f}")
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
    if not summ_rows and not quote_rows:
        lines.append("no row has a 'reference' or 'attributions' field: nothing to score")
    return "\n".join(lines)

"""ROUGE of trained heads on held-out CNN stories, flattened as CNN/DailyMail dev articles are.

    .venv/bin/python benchmarks/heldout_eval.py --rows 6033:7033 --model my-head --model shipped

The 100 dev articles are too few to tell recipes apart (two five-head ensembles of one recipe
differ there by up to 0.8 ROUGE-1), so the README also reports training rows the shipped head
never saw: 2,500-3,499 and 6,033-7,032 of cnn-train.jsonl. Each story's paragraphs are joined
with a space, because dev articles come as one paragraph (captions without a full stop then glue
to the next sentence, which is what the run-on splitting has to undo). A head trained on more
than the first 2,500 rows has seen the first slice: use the last one for it.

Prints one row per model and slice, with Lead-3 (spaCy's default split, as `briefing eval`)
and the margin over it computed before rounding to two places.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"


def flatten(text: str) -> str:
    """One paragraph, the form CNN/DailyMail dev articles come in."""
    from briefing.nlp.sentences import paragraph_spans

    return " ".join(text[s:e].strip() for s, e in paragraph_spans(text))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--train", default=str(DATA / "cnn-train.jsonl"))
    ap.add_argument("--rows", action="append", help="START:END of the training file, END exclusive (repeatable; default 6033:7033)")
    ap.add_argument("--model", action="append", help="a head folder from `briefing train`, or 'shipped' (repeatable; default shipped)")
    ap.add_argument("--dev", action="store_true", help="also score ../shared/data/cnndm-dev.jsonl")
    args = ap.parse_args()
    from briefing.evaluation.rouge import ROUGE_KEYS as keys
    from briefing.evaluation.rouge import lead_sentences, rouge, summary_sentences
    from briefing.training.data import read_rows

    train_rows = read_rows(args.train)
    sets: list[tuple[str, list[dict]]] = []
    for spec in args.rows or ["6033:7033"]:
        start, end = (int(x) for x in spec.split(":"))
        rows = [{**r, "article": flatten(r["article"])} for r in train_rows[start:end]]
        sets.append((f"cnn-train rows {start}-{end - 1}", rows))
    if args.dev:
        sets.append(("cnndm-dev", read_rows(DATA / "cnndm-dev.jsonl")))
    everything = [r for _, rows in sets for r in rows]
    refs = [r["reference"] for r in everything]
    # one engine load per model and one Lead-3 pass, over all sets at once
    t = time.perf_counter()
    summaries = {"Lead-3": lead_sentences([r["article"] for r in everything], 3)}
    print(f"Lead-3 in {time.perf_counter() - t:.0f} s", file=sys.stderr)
    for model in args.model or ["shipped"]:
        summaries[model], secs = summary_sentences(everything, "extractive", None if model == "shipped" else model, "cpu")
        print(f"{model} in {secs:.0f} s", file=sys.stderr)
    print("| set | model | R1 / R2 / RLsum | Lead-3 | margin |")
    print("|---|---|---|---|---|")
    first = 0
    for name, rows in sets:
        part = slice(first, first + len(rows))
        first += len(rows)
        scores = {m: rouge(s[part], refs[part]) for m, s in summaries.items()}
        lead = scores.pop("Lead-3")
        for model, got in scores.items():
            fig = "/".join(f"{got[k]:.2f}" for k in keys)
            base = "/".join(f"{lead[k]:.2f}" for k in keys)
            delta = "/".join(f"{got[k] - lead[k]:+.2f}" for k in keys)
            print(f"| {name} ({len(rows)}) | {model} | {fig} | {base} | {delta} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())

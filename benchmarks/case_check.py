"""Does a head score the same on cased text and on the same text lower-cased?

    .venv/bin/python benchmarks/case_check.py --model shipped --rows 6033:6533

The validation pool is lower-cased (that is the only form the DailyMail training stories
exist in here), users' articles and the test sets are cased. This runs the engine, through the
same pipeline as `briefing eval`, on cased articles and on the same articles lower-cased:
cnndm-dev.jsonl and CNN stories of cnn-train.jsonl flattened to one paragraph as dev articles
are (a head trained on cnndm-train-lower alone has seen none of them). Prints ROUGE of each
form, Lead-3 of each form, and the difference lower - cased with a 95% paired-bootstrap interval.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = next((p / "shared" / "data" for p in (ROOT.parent, ROOT.parent.parent) if (p / "shared" / "data").is_dir()), ROOT.parent / "shared" / "data")


def flatten(text: str) -> str:
    from briefing.nlp.sentences import paragraph_spans

    return " ".join(text[s:e].strip() for s, e in paragraph_spans(text))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default="shipped", help="a head folder, or 'shipped'")
    ap.add_argument("--rows", default="6033:6533", help="START:END of cnn-train.jsonl (END exclusive)")
    args = ap.parse_args()
    from briefing.evaluation.rouge import lead_sentences, paired_bootstrap, rouge_scores, summary_sentences
    from briefing.training.data import read_rows

    start, end = (int(x) for x in args.rows.split(":"))
    sets = [("cnndm-dev", read_rows(DATA / "cnndm-dev.jsonl")),
            (f"cnn-train {start}-{end - 1} flattened", [{**r, "article": flatten(r["article"])} for r in read_rows(DATA / "cnn-train.jsonl")[start:end]])]
    model = None if args.model == "shipped" else args.model
    for name, rows in sets:
        refs = [r["reference"] for r in rows]
        lower_rows = [{**r, "article": r["article"].lower()} for r in rows]
        cased = rouge_scores(summary_sentences(rows, "extractive", model, "cpu")[0], refs)
        lower = rouge_scores(summary_sentences(lower_rows, "extractive", model, "cpu")[0], refs)
        lead_c = rouge_scores(lead_sentences([r["article"] for r in rows]), refs)
        lead_l = rouge_scores(lead_sentences([r["article"] for r in lower_rows]), refs)
        print(f"\n## {name} ({len(rows)} articles), {args.model}: R1 R2 RLsum")
        for label, per in (("engine, cased", cased), ("engine, lower-cased", lower), ("lead-3, cased", lead_c), ("lead-3, lower-cased", lead_l)):
            m = per.mean(0)
            print(f"{label:24s} {m[0]:6.2f} {m[1]:6.2f} {m[2]:6.2f}")
        for label, a, b in (("engine lower - cased", lower, cased), ("margin over lead, lower - cased", lower - lead_l, cased - lead_c)):
            d, lo, hi = paired_bootstrap(a, b)
            print(f"{label:32s} " + "  ".join(f"{x:+.2f} [{p:+.2f},{q:+.2f}]" for x, p, q in zip(d, lo, hi)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

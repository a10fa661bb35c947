"""Train the desk classifier (``daily/desks.py``): softmax regression over static-table vectors.

Labelled data (all in ../shared/data; see docs/daily.md for the figures):

* ``bbc-train.jsonl``: BBC's own categories, mapped to desks: business -> Business,
  entertainment -> Culture, politics -> Politics, sport -> Sport, tech -> Technology.
* ``cnn-train.jsonl`` (full CNN stories, no URL or section field) extends this with weak labels
  read from the text itself, kept only where they are unambiguous:
  a desk's terms (two or more distinct ones, none of another desk's) give that desk; else the
  dateline's place in ``nlp/places.py`` (countries and world cities vs US states and cities)
  gives World or U.S. (Politics with politics words); undated leads are read by the places they
  name (see ``weak_label``).
* ``cnndm-train-lower.jsonl.gz`` (CNN + DailyMail, lower-cased) adds more Science & Health
  rows by the term and place-mention rules (it has no datelines left to read).

The features are what the briefing has at run time: the headline and the first three
sentences (the summary's usual source), embedded with the static MiniLM table, L2-normalised.
Held out: a stratified 20% slice, never seen in training; accuracy per desk and overall with
a 95% bootstrap interval, over several seeds. The shipped weights are the first seed's model.

    python -m briefing.training.desks --data ../shared/data --out src/briefing/models/desks
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from briefing.daily.desks import DESKS, desk_text
from briefing.nlp.places import place_kind, places_named

BBC_DESK = {"business": "Business", "entertainment": "Culture", "politics": "Politics", "sport": "Sport", "tech": "Technology"}

_DATELINE = re.compile(r"^\s*([A-Z][A-Za-z.'\- ]{1,40}(?:,\s*[A-Za-z.'\- ]{2,40}?)?)\s*\((?:CNN|AP|Reuters)\)")
_UK = frozenset({"london", "england", "britain", "united kingdom", "scotland", "edinburgh", "glasgow", "manchester",
                 "liverpool", "belfast", "northern ireland", "dublin", "ireland"})
_SPORT = re.compile(
    r"\b(football|soccer|tennis|golf|cricket|rugby|olympic\w*|world cup|league|striker|coach|goalkeeper|"
    r"grand prix|formula one|f1|nba|nfl|mlb|nhl|baseball|basketball|hockey|players?|serie a|la liga|bundesliga|champions league|yankees|quarterback|championship|tournament|match|wimbledon|premier league|boxing|fifa)\b", re.I)
_POLITICS = re.compile(r"\b(senat\w+|congress\w*|governor|election|campaign|democrat\w*|republican\w*|obama|"
                       r"white house|legislat\w+|vote[sd]?|lawmakers?)\b", re.I)
_SCIENCE = re.compile(
    r"\b(researchers?|scientists?|study|studies|patients?|disease|cancer|virus|vaccines?|nasa|astronomers?|"
    r"species|climate|obesity|diabetes|infections?|medical|medicine|clinical|genes?|genetic|dna|brain|"
    r"surgeons?|doctors?|physicians?|health|planet|telescope|fossils?|epidemic|outbreak|h1n1|flu)\b", re.I)


_TECH = re.compile(
    r"\b(apple|google|facebook|microsoft|twitter|amazon|samsung|smartphones?|iphones?|ipads?|android|apps?|software|"
    r"computers?|hackers?|hacking|internet|broadband|gadgets?|tech|technology|silicon valley|robots?|drones?|"
    r"websites?|online users|cyber\w*|wi-?fi|tablets?|laptops?|video games?|gaming|sony|nintendo|xbox|playstation|uber)\b", re.I)
_POLITICS_UK = re.compile(
    r"\b(labour|tory|tories|conservatives?|ukip|snp|lib dems?|liberal democrats?|mps?|parliament|westminster|"
    r"prime minister|david cameron|ed miliband|nick clegg|nigel farage|general election|chancellor|downing street|"
    r"senate|senators?|congress|white house|republicans?|democrats?|obama|campaign|election|voters?|ballot)\b", re.I)
_BUSINESS = re.compile(
    r"\b(shares?|shareholders?|profits?|revenues?|stock markets?|stocks?|investors?|economy|economic|economists?|"
    r"inflation|interest rates?|central bank|federal reserve|bank of england|imf|gdp|recession|earnings|"
    r"quarterly|chief executive|ceo|retailers?|sales rose|sales fell|takeover|merger|dow jones|ftse|nasdaq|wall street)\b", re.I)
_CULTURE = re.compile(
    r"\b(films?|movies?|actors?|actress(?:es)?|singers?|albums?|hollywood|box office|oscars?|grammys?|director|"
    r"starring|sitcom|tv series|television series|premiere|bands?|concerts?|festival|novel|author|musicals?|"
    r"broadway|theatre|comedian|rapper|pop star|celebrit\w+)\b", re.I)


def _terms(rx: re.Pattern, text: str) -> set[str]:
    return {m.lower() for m in rx.findall(text)}


def weak_label(text: str, has_dateline: bool = True) -> str | None:
    """A desk read off a CNN/DailyMail story's dateline and lead, or None when it is not clear.

    * a desk's terms (two or more distinct ones) in the lead, and no other desk's -> that desk;
    * else the dateline's place (``nlp/places.py``: countries and world cities vs US states
      and cities): abroad -> World; in the US -> U.S., or Politics when the lead has politics words;
      Washington (the capital) -> Politics with politics words, World when the lead names only
      places abroad, else unlabelled;
    * no dateline (or none read): the lead names two or more places abroad (outside the UK, the
      Daily Mail's home) and no US place -> World; US places only -> U.S. (Politics with politics
      words); in both cases only when no other desk's terms appear.
    """
    lead = text[:600]
    sport = bool(_SPORT.search(lead))
    found = {
        "Science & Health": _terms(_SCIENCE, lead), "Technology": _terms(_TECH, lead),
        "Politics": _terms(_POLITICS_UK, lead), "Culture": _terms(_CULTURE, lead),
        "Business": _terms(_BUSINESS, lead),
    }
    strong = [d for d, t in found.items() if len(t) >= 2]
    if len(_terms(_SPORT, lead)) >= 2 and not any(found.values()):
        return "Sport"
    if len(strong) == 1 and not sport and sum(bool(t) for t in found.values()) == 1:
        return strong[0]
    if sport:
        return None
    politics = bool(_POLITICS.search(lead))
    world, us = places_named(lead)
    m = _DATELINE.match(text) if has_dateline else None
    if m:
        place = m.group(1).strip()
        if place.split(",")[0].strip().lower() in ("washington", "washington d.c.", "washington dc") and (
            "," not in place or place.split(",")[1].strip().lower().rstrip(".") in ("d.c", "dc", "district of columbia")
        ):
            if politics:
                return "Politics"
            return "World" if world and not us else None
        kind = place_kind(place)
        if kind == "world":
            return "World"
        if kind == "us":
            return "Politics" if politics else "U.S."
    if any(found.values()):
        return None
    if len(world - _UK) >= 2 and not us:
        return "World"
    if us and not world:
        return "Politics" if politics else "U.S."
    return None


def load_examples(data: Path, max_per_desk: int = 1200, seed: int = 0) -> tuple[list[str], list[str], list[str]]:
    """(texts, desks, origins): the labelled rows, at most ``max_per_desk`` per desk."""
    rows: list[tuple[str, str, str]] = []
    for line in open(data / "bbc-train.jsonl", encoding="utf-8"):
        r = json.loads(line)
        rows.append((desk_text(r.get("title"), r["article"]), BBC_DESK[r["category"]], "bbc"))
    for line in open(data / "cnn-train.jsonl", encoding="utf-8"):
        r = json.loads(line)
        if (d := weak_label(r["article"])) is not None:
            rows.append((desk_text(None, r["article"]), d, "cnn"))
    lower = data / "cnndm-train-lower.jsonl.gz"
    if lower.is_file():
        with gzip.open(lower, "rt", encoding="utf-8") as fh:
            for line in fh:
                r = json.loads(line)
                if (d := weak_label(r["article"], has_dateline=False)) is not None:
                    rows.append((desk_text(None, r["article"]), d, r.get("source", "cnndm")))
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(rows))
    kept: list[tuple[str, str, str]] = []
    count: Counter[str] = Counter()
    # BBC rows first: their labels are the clean ones
    for i in sorted(order, key=lambda i: rows[i][2] != "bbc"):
        t, d, o = rows[i]
        if count[d] < max_per_desk:
            kept.append((t, d, o))
            count[d] += 1
    return [k[0] for k in kept], [k[1] for k in kept], [k[2] for k in kept]


def fit_softmax(x: np.ndarray, y: np.ndarray, k: int, l2: float = 1e-3, epochs: int = 400, lr: float = 0.5,
                temperature: float = 20.0) -> tuple[np.ndarray, np.ndarray]:
    """Class-balanced multinomial logistic regression by full-batch gradient descent (Adam)."""
    n, d = x.shape
    w = np.zeros((d, k))
    b = np.zeros(k)
    onehot = np.eye(k)[y]
    weight = (n / (k * np.bincount(y, minlength=k).clip(min=1)))[y][:, None]
    m = [np.zeros_like(w), np.zeros_like(b)]
    v = [np.zeros_like(w), np.zeros_like(b)]
    xs = x * temperature  # unit vectors: scale so that logits can be confident
    for t in range(1, epochs + 1):
        z = xs @ w + b
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        g = (p - onehot) * weight / n
        grads = [xs.T @ g + l2 * w, g.sum(axis=0)]
        for j, (param, grad) in enumerate(zip((w, b), grads)):
            m[j] = 0.9 * m[j] + 0.1 * grad
            v[j] = 0.999 * v[j] + 0.001 * grad**2
            param -= lr * 0.01 * (m[j] / (1 - 0.9**t)) / (np.sqrt(v[j] / (1 - 0.999**t)) + 1e-8)
    return w * temperature, b


def bootstrap(correct: np.ndarray, n_boot: int = 2000, seed: int = 0) -> tuple[float, float]:
    rng = np.random.default_rng(seed)
    means = correct[rng.integers(0, len(correct), (n_boot, len(correct)))].mean(axis=1)
    return float(np.percentile(means, 2.5)), float(np.percentile(means, 97.5))


def evaluate(w: np.ndarray, b: np.ndarray, x: np.ndarray, y: np.ndarray, origins: Sequence[str], threshold: float) -> dict[str, Any]:
    z = x @ w + b
    p = np.exp(z - z.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    pred = p.argmax(axis=1)
    correct = (pred == y).astype(float)
    out: dict[str, Any] = {"n": int(len(y)), "accuracy": float(correct.mean()), "ci95": bootstrap(correct)}
    out["per_desk"] = {}
    for k, name in enumerate(DESKS):
        sel = y == k
        if sel.any():
            tp = float(((pred == k) & sel).sum())
            out["per_desk"][name] = {
                "n": int(sel.sum()), "recall": float(correct[sel].mean()), "recall_ci95": bootstrap(correct[sel]),
                "precision": tp / max(float((pred == k).sum()), 1.0),
            }
    org = np.array(origins)
    out["per_origin"] = {o: {"n": int((org == o).sum()), "accuracy": float(correct[org == o].mean()), "ci95": bootstrap(correct[org == o])}
                         for o in sorted(set(origins))}
    conf = p.max(axis=1) >= threshold
    out["confident"] = {"threshold": threshold, "coverage": float(conf.mean()),
                        "accuracy": float(correct[conf].mean()) if conf.any() else None}
    # the threshold's trade-off: at each cut, the share of stories filed under a desk and their accuracy
    out["threshold_curve"] = [
        {"threshold": t, "coverage": float((p.max(axis=1) >= t).mean()),
         "accuracy": float(correct[p.max(axis=1) >= t].mean()) if (p.max(axis=1) >= t).any() else None}
        for t in (0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.8)
    ]
    return out


def main(argv: Sequence[str] | None = None) -> None:
    from briefing.nlp.static_table import get_static_encoder

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--out", type=Path, default=None, help="folder for desks.npz + desks.json (the shipped model: src/briefing/models/desks)")
    ap.add_argument("--seeds", type=int, default=3)
    ap.add_argument("--max-per-desk", type=int, default=1200)
    ap.add_argument("--threshold", type=float, default=0.65, help="below this probability a story goes to the fallback desk")
    args = ap.parse_args(argv)

    texts, desks, origins = load_examples(args.data, args.max_per_desk)
    print(f"{len(texts)} labelled rows: {dict(Counter(desks))}; by origin {dict(Counter(origins))}")
    enc = get_static_encoder()
    x = enc.encode(texts)
    x /= np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-9)
    y = np.array([DESKS.index(d) for d in desks])
    reports = []
    shipped = None
    for seed in range(args.seeds):
        rng = np.random.default_rng(1000 + seed)
        test = np.zeros(len(y), dtype=bool)
        for k in range(len(DESKS)):
            idx = np.flatnonzero(y == k)
            test[rng.choice(idx, size=max(1, len(idx) // 5), replace=False)] = True if len(idx) else False
        w, b = fit_softmax(x[~test], y[~test], len(DESKS))
        rep = evaluate(w, b, x[test], y[test], [o for o, t in zip(origins, test) if t], args.threshold)
        rep["seed"] = seed
        reports.append(rep)
        print(f"seed {seed}: held-out accuracy {rep['accuracy']:.3f} (95% CI {rep['ci95'][0]:.3f}-{rep['ci95'][1]:.3f}, n={rep['n']}); "
              f"confident ({args.threshold}) coverage {rep['confident']['coverage']:.2f} accuracy {rep['confident']['accuracy']:.3f}")
        for name, d in rep["per_desk"].items():
            print(f"    {name:18s} n={d['n']:4d} recall {d['recall']:.3f} ({d['recall_ci95'][0]:.3f}-{d['recall_ci95'][1]:.3f}) precision {d['precision']:.3f}")
        print("    threshold: " + "; ".join(f"{c['threshold']:.2f} covers {c['coverage']:.2f} at {c['accuracy']:.3f}" for c in rep["threshold_curve"]))
        for name, d in rep["per_origin"].items():
            print(f"    origin {name:10s} n={d['n']:4d} accuracy {d['accuracy']:.3f} ({d['ci95'][0]:.3f}-{d['ci95'][1]:.3f})")
        if shipped is None:
            shipped = (w, b)
    # across outlets: trained without any BBC row, tested on every BBC row (clean labels)
    org = np.array(origins)
    w, b = fit_softmax(x[org != "bbc"], y[org != "bbc"], len(DESKS))
    cross = evaluate(w, b, x[org == "bbc"], y[org == "bbc"], list(org[org == "bbc"]), args.threshold)
    # an outlet never trained on: trained without any CNN row, tested on every CNN row (weak labels)
    w, b = fit_softmax(x[org != "cnn"], y[org != "cnn"], len(DESKS))
    cnn = evaluate(w, b, x[org == "cnn"], y[org == "cnn"], list(org[org == "cnn"]), args.threshold)
    print(f"trained without CNN, tested on CNN: accuracy {cnn['accuracy']:.3f} (95% CI {cnn['ci95'][0]:.3f}-{cnn['ci95'][1]:.3f}, n={cnn['n']})")
    for name, d in cnn["per_desk"].items():
        print(f"    {name:18s} n={d['n']:4d} recall {d['recall']:.3f} ({d['recall_ci95'][0]:.3f}-{d['recall_ci95'][1]:.3f}) precision {d['precision']:.3f}")
    print(f"trained without BBC, tested on BBC: accuracy {cross['accuracy']:.3f} (95% CI {cross['ci95'][0]:.3f}-{cross['ci95'][1]:.3f}, n={cross['n']})")
    for name, d in cross["per_desk"].items():
        print(f"    {name:18s} n={d['n']:4d} recall {d['recall']:.3f} ({d['recall_ci95'][0]:.3f}-{d['recall_ci95'][1]:.3f})")
    if args.out:
        # the shipped model is trained on everything (train + held-out) once the figures are taken
        w, b = fit_softmax(x, y, len(DESKS))
        args.out.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(args.out / "desks.npz", w=w.astype(np.float32), b=b.astype(np.float32))
        meta = {
            "desks": list(DESKS), "threshold": args.threshold, "encoder": enc.key, "features": "desk_text: headline + first 3 sentences",
            "rows": dict(Counter(desks)), "origins": dict(Counter(origins)),
            "heldout": [{k: v for k, v in r.items()} for r in reports],
            "bbc_unseen": cross, "cnn_unseen": cnn,
            "command": "python -m briefing.training.desks --data ../shared/data --out src/briefing/models/desks",
        }
        (args.out / "desks.json").write_text(json.dumps(meta, indent=1) + "\n")
        print(f"wrote {args.out}/desks.npz and desks.json")


if __name__ == "__main__":
    main()

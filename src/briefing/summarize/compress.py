"""Faithful sentence compression: drop what a sub-editor drops, keep everything else verbatim.

A sentence chosen by an extractive engine is parsed with spaCy; every grammatically optional
constituent (the subtree of an adverbial clause, appositive, prepositional phrase, relative
clause, parenthetical, ...) and every attribution frame ("..., police said") is a *candidate*.
A small logistic model (``models/compressor/weights.json``, trained by
``python -m briefing.training.compression`` on news highlights aligned with the article
sentences they shorten) gives each candidate a probability of being dropped. Candidates are
dropped greedily, most likely first, and every drop is kept only if the sentence still passes
the hard constraints, enforced here regardless of the model:

- the words are words of the one source sentence, in their order (only whole tokens go);
- nothing inside quotation marks, nor the marks themselves, is ever cut;
- a finite verb is kept; quotes and brackets stay balanced; no dangling comma, dash or
  conjunction; the first letter is a capital and the sentence ends with its punctuation.

When the result fails any of them the verbatim sentence is used. The inference path needs
spaCy's parser only for the few chosen sentences; it never imports training code.
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Sequence

from briefing.resources import MODELS_DIR

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

SHIPPED_COMPRESSOR = MODELS_DIR / "compressor"
MAX_SHORT_WORDS = 30  # the short summary: one sentence of at most this many words
# The long summary stays verbatim by default: compressing its sentences cost ROUGE on the
# validation pool (R1 -1.3, 95% interval entirely below 0; docs/compression.md)
COMPRESS_LONG = False

# dependency relations whose subtree can go without breaking the clause
DROPPABLE = frozenset(
    "advcl appos prep npadvmod advmod parataxis acl relcl amod conj dep intj nummod quantmod agent nmod oprd meta".split()
)
# speech verbs for attribution frames (lower-cased forms; the shipped spaCy pipeline has no lemmatizer)
SPEECH_VERBS = frozenset(
    """say says said saying tell tells told add adds added state states stated announce announces announced
    report reports reported claim claims claimed explain explains explained write writes wrote
    insist insists insisted note notes noted confirm confirms confirmed warn warns warned
    argue argues argued believe believes believed think thinks thought acknowledge acknowledges acknowledged
    suggest suggests suggested allege alleges alleged""".split()
)
QUOTE_DOUBLE = frozenset('"“”«»')
QUOTE_SINGLE = frozenset("'‘’")
OPEN_BRACKETS, CLOSE_BRACKETS = "([{", ")]}"
CONJUNCTIONS = frozenset("and or but nor yet so".split())
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
FINAL_PUNCT = ".!?"
_SEPARATORS = frozenset({",", ";", ":", "-", "--", "–", "—"})
_WORD = re.compile(r"[\w'’-]+")


@dataclass(frozen=True)
class Candidate:
    """A set of token indices that may be dropped together, with the features that describe it."""

    kind: str  # "subtree", "attr-after" ("X, police said."), "attr-before" ("Police said X.")
    drop: frozenset[int]
    anchor: int  # the token the candidate hangs on (the subtree's root, or the speech verb)
    features: tuple[str, ...]


@dataclass(frozen=True)
class Compressed:
    """The sentence to show and whether anything was dropped."""

    text: str
    compressed: bool
    kept: tuple[int, ...] = ()  # indices of the source tokens kept (for the re-parse check)


# --- quotes, candidates and features ---------------------------------------------------------


def is_quote_mark(tok: "Token") -> bool:
    t = tok.text
    if len(t) != 1:
        return False
    if t in QUOTE_DOUBLE:
        return True
    # a lone ' or ’ token that is not a possessive ("the players' union")
    return t in QUOTE_SINGLE and tok.tag_ != "POS"


def quote_protected(doc: "Doc | Sequence[Token]") -> set[int] | None:
    """Indices of quote marks and of the tokens between them; None if the marks do not pair up.

    A sentence from the middle of a multi-sentence quote has an odd number of marks: which side
    is quoted is then unknowable, so the caller leaves the sentence verbatim.
    """
    marks = [t.i - doc[0].i for t in doc if is_quote_mark(t)]
    if len(marks) % 2:
        return None
    protected: set[int] = set()
    for a, b in zip(marks[::2], marks[1::2]):
        protected.update(range(a, b + 1))
    return protected


def _bucket(n: int | float, edges: Sequence[float]) -> str:
    for e in edges:
        if n <= e:
            return str(e)
    return f">{edges[-1]}"


def _subtree_ids(tok: "Token", base: int) -> list[int]:
    return [t.i - base for t in tok.subtree]


def candidates(doc: "Doc") -> list[Candidate]:
    """Every droppable constituent of a parsed sentence (a Doc or a Span)."""
    toks = list(doc)
    if not toks:
        return []
    base = toks[0].i
    n = len(toks)
    words = [t for t in toks if not t.is_punct and not t.is_space]
    n_words = max(len(words), 1)
    first_word = next((t.i - base for t in toks if not t.is_punct), 0)
    last_word = max((t.i - base for t in toks if not t.is_punct), default=n - 1)
    out: list[Candidate] = []
    sent_feats = ("len=" + _bucket(n_words, (10, 15, 20, 25, 30, 40, 60)),)

    def span_feats(ids: list[int], anchor: "Token", kind: str) -> list[str]:
        lo, hi = min(ids), max(ids)
        span_words = sum(1 for i in ids if not toks[i].is_punct)
        left = toks[lo - 1].text if lo > 0 else "<s>"
        right = toks[hi + 1].text if hi + 1 < n else "</s>"
        head = anchor.head
        ents = sorted({toks[i].ent_type_ for i in ids if toks[i].ent_type_})
        f = [
            f"kind={kind}",
            f"dep={anchor.dep_}",
            f"dep_pos={anchor.dep_}|{anchor.pos_}",
            f"dep_headpos={anchor.dep_}|{head.pos_}",
            f"dep_headdep={anchor.dep_}|{head.dep_}",
            f"tag={anchor.tag_}",
            f"first={toks[lo].lower_}" if toks[lo].is_stop or toks[lo].pos_ in ("ADP", "SCONJ") else f"firstpos={toks[lo].pos_}",
            f"dep_first={anchor.dep_}|{toks[lo].lower_ if toks[lo].is_stop else toks[lo].pos_}",
            "words=" + _bucket(span_words, (1, 2, 3, 4, 6, 8, 12, 16, 24)),
            "share=" + _bucket(span_words / n_words, (0.1, 0.2, 0.3, 0.4, 0.5, 0.7)),
            "at_start" if lo <= first_word else ("at_end" if hi >= last_word else "middle"),
            f"dep_place={anchor.dep_}|{'start' if lo <= first_word else ('end' if hi >= last_word else 'mid')}",
            "left=" + (left if left in _SEPARATORS or left in OPEN_BRACKETS or left == "<s>" else "w"),
            "right=" + (right if right in _SEPARATORS or right in CLOSE_BRACKETS or right in FINAL_PUNCT or right == "</s>" else "w"),
            f"head_is_root={head.dep_ == 'ROOT'}",
            f"head_speech={head.lower_ in SPEECH_VERBS}",
        ]
        f += [f"ent={e}" for e in ents[:3]]
        f += [f"dep_ent={anchor.dep_}|{e}" for e in ents[:2]]
        if anchor.dep_ in ("advmod", "npadvmod", "prep", "amod", "intj"):
            f.append(f"lex={anchor.dep_}|{anchor.lower_}")
        if any(toks[i].like_num for i in ids):
            f.append("has_num")
        if any(toks[i].tag_ in FINITE_TAGS for i in ids):
            f.append("has_finite")
        if any(toks[i].lower_ in SPEECH_VERBS for i in ids):
            f.append("has_speech")
        f.extend(sent_feats)
        return f

    for tok in toks:
        if tok.dep_ in DROPPABLE and tok.head.i != tok.i and not tok.is_punct:
            ids = _subtree_ids(tok, base)
            if max(ids) - min(ids) + 1 != len(ids):
                continue  # a non-contiguous subtree: dropping it would splice words
            drop = set(ids)
            if tok.dep_ == "conj":
                # the conjunction (and comma) before the dropped conjunct goes with it
                lo = min(ids)
                j = lo - 1
                while j >= 0 and (toks[j].dep_ in ("cc", "preconj") or toks[j].text in (",", ";")) and toks[j].head.i == tok.head.i:
                    drop.add(j)
                    j -= 1
            out.append(Candidate("subtree", frozenset(drop), tok.i - base, tuple(span_feats(ids, tok, "subtree"))))
    # attribution frames around the root's clausal complement
    root = next((t for t in toks if t.dep_ == "ROOT"), None)
    if root is not None and root.lower_ in SPEECH_VERBS:
        comps = [c for c in root.children if c.dep_ in ("ccomp", "parataxis") and not c.is_punct]
        if comps:
            comp = comps[0]
            keep = set(_subtree_ids(comp, base))
            lo, hi = min(keep), max(keep)
            if hi - lo + 1 == len(keep):
                final = {i for i in range(n) if toks[i].is_punct and i == n - 1}
                if hi < root.i - base:
                    kind = "attr-after"
                else:
                    kind = "attr-before"
                    # "said that X": the complementizer goes with the frame
                    keep -= {i for i in keep if toks[i].dep_ == "mark" and toks[i].head.i == comp.i and i == lo}
                drop = frozenset(set(range(n)) - keep - final)
                frame = [toks[i] for i in sorted(drop) if not toks[i].is_punct]
                f = span_feats(sorted(drop), root, kind)
                f += [f"frame_words={_bucket(len(frame), (2, 3, 4, 6, 9, 14))}", f"comp={comp.pos_}|{comp.tag_}"]
                subj = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
                if subj:
                    s = subj[0]
                    f.append(f"subj={s.pos_}|{s.ent_type_ or '-'}")
                    f.append(f"subj_pron={s.pos_ == 'PRON'}")
                out.append(Candidate(kind, drop, root.i - base, tuple(f)))
    return out


# --- rendering and constraints ---------------------------------------------------------------


def _absorb_punct(toks: Sequence["Token"], drop: set[int]) -> set[int]:
    """Add the commas, dashes and brackets that belong to the dropped constituents."""
    n = len(toks)
    drop = set(drop)
    base = toks[0].i
    # runs of dropped tokens
    i = 0
    while i < n:
        if i not in drop:
            i += 1
            continue
        j = i
        while j + 1 < n and j + 1 in drop:
            j += 1
        inside = {k + base for k in range(i, j + 1)}
        heads = {toks[k].head.i for k in range(i, j + 1)} | inside
        left, right = i - 1, j + 1
        if 0 <= left and right < n and toks[left].text in OPEN_BRACKETS and toks[right].text in CLOSE_BRACKETS:
            drop.update((left, right))
        else:
            if 0 <= left and toks[left].text in _SEPARATORS and toks[left].head.i in heads:
                drop.add(left)
            if right < n - 1 and toks[right].text in _SEPARATORS and toks[right].head.i in heads:
                drop.add(right)
        i = j + 1
    return drop


def _stranded(toks: Sequence["Token"], keep: Sequence[int], max_words: int = 3) -> bool:
    """A short run of kept words after a cut with no verb, preposition or determiner in it
    ("replace the Wembley misery [...] semi-final."): the mark of a misparsed source."""
    runs: list[list[int]] = [[keep[0]]]
    for a, b in zip(keep, keep[1:]):
        if b == a + 1:
            runs[-1].append(b)
        else:
            runs.append([b])
    for run in runs[1:]:
        words = [toks[i] for i in run if not toks[i].is_punct]
        if words and len(words) <= max_words and not any(t.pos_ in ("VERB", "AUX", "ADP", "DET", "PRON", "SCONJ", "CCONJ") for t in words):
            return True
    return False


def _splits_subject(toks: Sequence["Token"], p: int, q: int) -> bool:
    """Token p ends a subject whose verb is token q (or q is that verb's auxiliary)."""
    x, nxt = toks[p], toks[q]
    verb = nxt.head if nxt.dep_ in ("aux", "auxpass", "neg") else nxt
    while x.head.i != x.i:  # spaCy makes a new Token object on each access: compare indices
        if x.dep_ in ("nsubj", "nsubjpass", "csubj") and x.head.i == verb.i:
            return True
        x = x.head
    return False


def consistent(source: "Doc", kept: Sequence[int], reparsed: "Doc", max_changed: float = 0.15) -> bool:
    """The compressed sentence parses like the part of the source it keeps.

    For each kept word whose head was kept too, the re-parse should give it the same head.
    A drop that leaves a fragment stranded ("wants to replace the Wembley misery semi-final")
    changes the structure around it and fails this check.
    """
    src = list(source)
    new = [t for t in reparsed]
    if len(new) != len(kept) or any(a.lower_ != src[i].lower_ for a, i in zip(new, kept)):
        return False
    pos = {i: k for k, i in enumerate(kept)}
    checked = changed = 0
    for k, i in enumerate(kept):
        t = src[i]
        if t.is_punct or t.head.i == t.i or (t.head.i - src[0].i) not in pos:
            continue
        checked += 1
        moved = new[k].head.i != pos[t.head.i - src[0].i]
        changed += moved
        # a word right next to a cut must keep its place in the tree
        at_cut = (k > 0 and kept[k - 1] != i - 1) or (k + 1 < len(kept) and kept[k + 1] != i + 1)
        if moved and at_cut:
            return False
    return changed <= max_changed * max(checked, 1)


def _cleanup(toks: Sequence["Token"], keep: list[int]) -> list[int]:
    """Remove separators and conjunctions the drops left dangling."""
    changed = True
    while changed:
        changed = False
        out: list[int] = []
        for k, i in enumerate(keep):
            t = toks[i].text
            prev = toks[out[-1]].text if out else None
            nxt = toks[keep[k + 1]].text if k + 1 < len(keep) else None
            sep = t in _SEPARATORS
            if sep and (prev is None or prev in _SEPARATORS or nxt is None or nxt in FINAL_PUNCT or nxt in _SEPARATORS):
                changed = True
                continue
            if t == "," and out and k + 1 < len(keep) and (out[-1] != i - 1 or keep[k + 1] != i + 1) and _splits_subject(toks, out[-1], keep[k + 1]):
                changed = True  # "Hampton, [aside,] was able": no comma between subject and verb
                continue
            if toks[i].lower_ in CONJUNCTIONS and toks[i].dep_ in ("cc", "preconj") and i != keep[0] and (
                nxt is None or nxt in _SEPARATORS or nxt in FINAL_PUNCT or toks[keep[k + 1]].lower_ in CONJUNCTIONS
            ):
                changed = True
                continue
            out.append(i)
        keep = out
    return keep


def render(toks: Sequence["Token"], keep: Sequence[int], capitalize: bool = True) -> str:
    """The kept tokens joined with the article's own spacing."""
    parts: list[str] = []
    for k, i in enumerate(keep):
        parts.append(toks[i].text)
        if k + 1 < len(keep):
            j = keep[k + 1]
            if j == i + 1:
                parts.append(toks[i].whitespace_)
            else:
                ws = toks[i].whitespace_ or toks[j - 1].whitespace_
                if toks[j].text in ",.;:!?)]}" and not toks[j - 1].whitespace_:
                    ws = ""
                parts.append(ws)
    text = "".join(parts).strip()
    if capitalize:
        m = re.search(r"[^\W\d_]", text)
        if m and m.start() <= 2:  # after an opening quote mark at most
            text = text[: m.start()] + text[m.start()].upper() + text[m.start() + 1 :]
    return text


def violations(original: str, compressed: str) -> list[str]:
    """What is wrong with a compressed sentence (string-level; used by the tests as well)."""
    bad: list[str] = []
    if not is_subsequence(compressed, original):
        bad.append("words not an in-order subsequence of the source sentence")
    for m in re.finditer(r"[\"“]([^\"”]*)[\"”]", original):
        if m.group(1).strip() and m.group(1) not in compressed:
            bad.append("cut inside quotation marks")
            break
    q = sum(compressed.count(c) for c in '"“”')
    if q % 2:
        bad.append("unbalanced double quotes")
    if compressed.count("“") != compressed.count("”"):
        bad.append("unbalanced curly quotes")
    for o, c in zip(OPEN_BRACKETS, CLOSE_BRACKETS):
        depth = 0
        for ch in compressed:
            depth += (ch == o) - (ch == c)
            if depth < 0:
                break
        if depth != 0:
            bad.append(f"unbalanced {o}{c}")
    if re.search(r"[,;:–—-]\s*[,.;:!?]", compressed) or re.match(r"\s*[,;:–—-]", compressed):
        bad.append("dangling punctuation")
    if re.search(r"\b(?:and|or|but|nor)\s*[,.;:!?]*\s*$", compressed, re.I) or re.search(r"\b(?:and|or|but|nor)\s*[,;:.!?]", compressed, re.I):
        if not re.search(r"\b(?:and|or|but|nor)\s*[,;:.!?]", original, re.I):
            bad.append("dangling conjunction")
    first = _WORD.search(compressed)
    if first and first.group(0).lower() in CONJUNCTIONS - {"so", "yet", "but"}:
        o_first = _WORD.search(original)
        if not o_first or o_first.group(0).lower() != first.group(0).lower():
            bad.append("starts with a conjunction")
    letter = re.search(r"[^\W\d_]", compressed)
    if letter and not compressed[letter.start()].isupper():
        bad.append("no capital first letter")
    if not re.search(r"[.!?][\"'”’)]*\s*$", compressed):
        bad.append("no final punctuation")
    return bad


def is_subsequence(compressed: str, original: str) -> bool:
    """Every word of ``compressed`` appears in ``original``, in order (case-insensitive)."""
    src = [w.lower() for w in _WORD.findall(original)]
    pos = 0
    for w in (w.lower() for w in _WORD.findall(compressed)):
        while pos < len(src) and src[pos] != w:
            pos += 1
        if pos == len(src):
            return False
        pos += 1
    return True


# --- the model -------------------------------------------------------------------------------


@dataclass
class CompressorModel:
    weights: dict[str, float]
    bias: float
    threshold: float
    meta: dict

    def prob(self, features: Iterable[str]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))

    @classmethod
    def load(cls, path: str | Path = SHIPPED_COMPRESSOR) -> "CompressorModel":
        p = Path(path)
        f = p / "weights.json" if p.is_dir() else p
        try:
            data = json.loads(f.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            from briefing.errors import ModelNotFoundError

            raise ModelNotFoundError(f"{f}: cannot read the sentence compressor ({exc}); retrain it with `python -m briefing.training.compression`") from None
        return cls(data["weights"], float(data["bias"]), float(data["threshold"]), data.get("meta", {}))

    def save(self, path: str | Path) -> Path:
        p = Path(path)
        p.mkdir(parents=True, exist_ok=True)
        f = p / "weights.json"
        data = {"bias": self.bias, "threshold": self.threshold, "meta": self.meta,
                "weights": {k: round(v, 5) for k, v in sorted(self.weights.items()) if abs(v) >= 1e-5}}
        f.write_text(json.dumps(data, indent=0, sort_keys=False) + "\n", encoding="utf-8")
        return f


@lru_cache(maxsize=4)
def load_model(path: str | None = None) -> CompressorModel:
    return CompressorModel.load(path or SHIPPED_COMPRESSOR)


def model_fingerprint(path: str | None = None) -> str | None:
    import hashlib

    f = Path(path or SHIPPED_COMPRESSOR) / "weights.json"
    return hashlib.sha1(f.read_bytes()).hexdigest()[:16] if f.is_file() else None


def _finite_kept(toks: Sequence["Token"], keep: set[int], protected: set[int]) -> bool:
    """A finite verb outside quotation marks (the sentence's own predicate) is kept."""
    return any(toks[i].tag_ in FINITE_TAGS and i not in protected for i in keep)


def compress_doc(
    doc: "Doc",
    model: CompressorModel,
    max_words: int | None = None,
    threshold: float | None = None,
    minimal: bool = False,
) -> Compressed | None:
    """Compress one parsed sentence; None if it cannot be made to fit ``max_words``.

    Default: drop every candidate the model rates at or above its threshold (most likely
    first), then, with ``max_words``, keep dropping until the sentence fits. ``minimal`` (the
    short summary): drop only what is needed to fit ``max_words``, at each step the candidate
    that makes it fit with the fewest words lost (else the likeliest), so the sentence keeps
    as much of what happened as the limit allows.
    """
    toks = list(doc)
    original = doc.text.strip()

    def fits(text: str) -> bool:
        return max_words is None or _words(text) <= max_words

    verbatim = Compressed(original, False)
    protected = quote_protected(toks)
    if protected is None or not toks:
        return verbatim if fits(original) else None
    thr = model.threshold if threshold is None else threshold
    scored = sorted(((model.prob(c.features), c) for c in candidates(doc)), key=lambda pc: -pc[0])
    n = len(toks)
    drop: set[int] = set()
    best: tuple[set[int], str] | None = None

    def attempt(extra: frozenset[int]) -> tuple[set[int], str] | None:
        d = _absorb_punct(toks, drop | extra)
        if d & protected:
            return None
        keep = _cleanup(toks, [i for i in range(n) if i not in d])
        if not keep or not _finite_kept(toks, set(keep), protected) or _stranded(toks, keep):
            return None
        text = render(toks, keep)
        if _words(text) < 4 or violations(original, text):
            return None
        return set(range(n)) - set(keep), text, tuple(keep)

    if not (minimal and fits(original)):
        if not minimal:
            for p, c in scored:
                if p < thr:
                    break
                if not c.drop <= drop and (got := attempt(c.drop)) is not None:
                    drop, best = got[0], got
        while max_words is not None and not fits(best[1] if best else original):
            tries = [(p, got) for p, c in scored if not c.drop <= drop and (got := attempt(c.drop)) is not None]
            if not tries:
                break
            fitting = [(p, got) for p, got in tries if fits(got[1])]
            if minimal and fitting:
                p, got = max(fitting, key=lambda pg: (-len(pg[1][0]), pg[0]))
            else:
                p, got = tries[0]
            drop, best = got[0], got
    if best is None:
        return verbatim if fits(original) else None
    if not fits(best[1]):
        return None
    return Compressed(best[1], True, best[2])


def has_verb(doc: "Doc") -> bool:
    """The parse of a compressed sentence still has a verb (or auxiliary)."""
    return any(t.pos_ in ("VERB", "AUX") for t in doc)


class Compressor:
    """Compress verbatim article sentences; parses them with spaCy's shipped parser."""

    def __init__(self, model: str | None = None):
        self.model = load_model(model)
        self.path = model

    def parse(self, texts: Sequence[str], ner: bool = True) -> list["Doc"]:
        """Parse sentences (entity types are candidate features; the re-parse check needs none)."""
        from briefing.nlp.sentences import load_spacy, stock_tokenizer

        nlp = load_spacy("parser")
        tokenizer = stock_tokenizer(nlp)  # (the tokens the compressor was trained on)
        return list(nlp.pipe((tokenizer(t) for t in texts), batch_size=64, disable=[] if ner else ["ner"]))

    def verify(self, pairs: Sequence[tuple["Doc", Compressed]]) -> dict[str, bool]:
        """Re-parse compressed sentences: each must have a verb and parse like its source."""
        first: dict[str, tuple["Doc", Compressed]] = {}
        for d, c in pairs:
            first.setdefault(c.text, (d, c))
        texts = list(first)
        return {t: has_verb(nd) and consistent(first[t][0], first[t][1].kept, nd) for t, nd in zip(texts, self.parse(texts, ner=False))}

    def compress_many(self, texts: Sequence[str], max_words: int | None = None, minimal: bool = False) -> list[Compressed | None]:
        """One result per text (None: cannot be made to fit ``max_words``).

        A compression whose own parse has no verb is replaced by the verbatim sentence (or None
        when that does not fit ``max_words``).
        """
        docs = self.parse(texts)
        outs = [compress_doc(d, self.model, max_words, minimal=minimal) for d in docs]
        ok = self.verify([(d, c) for d, c in zip(docs, outs) if c is not None and c.compressed])
        final: list[Compressed | None] = []
        for t, c in zip(texts, outs):
            if c is not None and c.compressed and not ok[c.text]:
                c = Compressed(t.strip(), False) if max_words is None or _words(t) <= max_words else None
            final.append(c)
        return final


# --- from engine output to the summary -------------------------------------------------------


@dataclass
class FinishedSummary:
    short: str
    long: str
    sentences: list[dict] | None  # CONTRACT summary.sentences, None when a sentence is not the article's
    long_sentences: list[str]


def locate(sentences: Sequence, texts: Sequence[str]) -> list | None:
    """The article Sentence each text is (verbatim), in order of use; None if one is not found."""
    by_text: dict[str, list] = {}
    for s in sentences:
        by_text.setdefault(s.text.strip(), []).append(s)
    used: set[int] = set()
    out = []
    for t in texts:
        match = next((s for s in by_text.get(t.strip(), []) if id(s) not in used), None)
        if match is None:
            return None
        used.add(id(match))
        out.append(match)
    return out


def _words(text: str) -> int:
    return len(text.split())


def finish_summaries(
    items: Sequence[tuple[Sequence, "object"]],
    compressor: "Compressor | None",
    compress_long: bool = True,
    max_short_words: int = MAX_SHORT_WORDS,
    short_from: str = "top2",
    short_minimal: bool = True,
    long_threshold: float | None = None,
) -> list[FinishedSummary]:
    """Short summary, long summary and ``summary.sentences`` for each (article sentences, EngineOutput).

    Extractive outputs (every sentence verbatim from the article) are compressed (the long
    summary only if ``compress_long``). The short summary (``short_from="top2"``) is the one of
    the engine's two best sentences that comes first in the article (news says what happened
    first; the engine's very top is sometimes a side detail), fitted to ``max_short_words`` by
    compression, then the other long-summary sentences, then the next ranked ones; on the pool
    this is as good as the top-ranked sentence (docs/compression.md). ``compressor=None``
    (``--no-compress``) keeps every sentence verbatim. Generated outputs pass through unchanged.
    """
    plans = []
    to_parse: list[str] = []
    for sents, out in items:
        found = locate(sents, out.long_sentences)
        if found is None:
            plans.append(None)
            continue
        # "earliest": the long-summary sentence that comes first in the article (news puts what
        # happened first); "ranked": the engine's order of importance
        if short_from == "earliest":
            order = sorted(found, key=lambda s: s.start)
        elif short_from == "top2":
            # the engine's two most important sentences, the one the article gives first
            top = [s for t in out.ranked if (s := next((f for f in found if f.text == t), None))][:2] or found[:1]
            order = sorted(top, key=lambda s: s.start) + sorted(found, key=lambda s: s.start)
        else:
            order = [s for s in locate(sents, [out.short]) or []] + found
        order = list({id(s): s for s in order}.values())
        ranked = [t for t in (out.ranked or []) if t.strip() not in {s.text for s in order}]
        short_pool = [s.text for s in order] + ranked[:3]
        plans.append((found, short_pool))
        if compressor is not None:
            if compress_long:
                to_parse.extend(s.text for s in found)
            # the short summary: only candidates over the limit before the first one that fits
            # verbatim need a parse (compression parses a few sentences, not the article)
            for t in short_pool:
                if _words(t) <= max_short_words:
                    break
                to_parse.append(t)
    docs = {}
    if compressor is not None and to_parse:
        uniq = list(dict.fromkeys(to_parse))
        docs = dict(zip(uniq, compressor.parse(uniq)))
    drafts = []  # per article: (long entries, short options) before the re-parse check
    for (sents, out), plan in zip(items, plans):
        if plan is None:
            drafts.append(None)
            continue
        found, short_pool = plan
        entries = []
        for s in found:
            c = compress_doc(docs[s.text], compressor.model, threshold=long_threshold) if compressor is not None and compress_long else None
            c = c or Compressed(s.text, False)
            entries.append({"text": c.text, "start": s.start, "end": s.end, "compressed": c.compressed, "source": s.text, "_c": c})
        options: list[Compressed] = []
        for t in short_pool:
            if compressor is not None and t in docs:
                c = compress_doc(docs[t], compressor.model, max_words=max_short_words, minimal=short_minimal)
            else:
                c = Compressed(t, False) if _words(t) <= max_short_words else None
            if c is not None:
                options.append((t, c))
                if not c.compressed or len(options) >= 3:
                    break
        drafts.append((entries, options))
    # a compressed sentence must still parse with a verb: checked on the result itself
    ok: dict[str, bool] = {}
    if compressor is not None:
        pairs = [(docs[e["source"]], e["_c"]) for d in drafts if d for e in d[0] if e["compressed"]]
        pairs += [(docs[t], c) for d in drafts if d for t, c in d[1] if c.compressed]
        ok = compressor.verify(pairs)
    results: list[FinishedSummary] = []
    for (sents, out), draft in zip(items, drafts):
        if draft is None:
            results.append(FinishedSummary(out.short, out.long, None, list(out.long_sentences)))
            continue
        entries, options = draft
        for e in entries:
            if e["compressed"] and not ok.get(e["text"], False):
                e["text"], e["compressed"] = e["source"], False
            del e["source"], e["_c"]
        short = next((c.text for _, c in options if not c.compressed or ok.get(c.text, False)), None)
        if short is None:
            short = out.short  # no sentence fits: the engine's choice (over the limit)
        longs = [e["text"] for e in entries]
        results.append(FinishedSummary(short, " ".join(longs), entries, longs))
    return results

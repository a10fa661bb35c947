"""Train the extractive head: a small transformer over frozen sentence vectors.

Pipeline (BertSumExt-style, but the encoder stays frozen so it trains on 2 CPU cores):
split with the same spaCy splitter as inference -> greedy ROUGE oracle labels -> sentence
vectors (``TrainConfig.encoder``: the static MiniLM table by default, or the MiniLM
transformer; cached on disk per article, so a re-run skips the encoder) -> position, length
and similarity features -> a 2-layer transformer scores each sentence in its article's
context -> ``members`` such heads (seeds seed, seed+1, ...) saved as one that averages their
scores -> ``head.safetensors`` + ``config.json`` in the output folder.
"""
from __future__ import annotations

import hashlib
import json
import os
import random
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np

from .cachedir import embedding_cache_dir
from .errors import InputError
from .features import SCALAR_FEATURES, greedy_oracle, sentence_features

# stage, done, total
ProgressFn = Callable[[str, int, int], None]
HEAD_FILE = "head.safetensors"
CONFIG_FILE = "config.json"
FORMAT = "briefing.extractive-head/v1"


@dataclass
class TrainConfig:
    """Everything that decides the trained head; saved in config.json."""

    max_sentences: int = 20  # sentences per article seen in training and scored at inference
    split_chars: int = 3500  # split only the article's head (speed); enough for max_sentences
    oracle_sents: int = 3
    d_model: int = 128
    layers: int = 2
    heads: int = 4
    ff: int = 256
    dropout: float = 0.1
    input_dropout: float = 0.1  # on the frozen vectors: the head overfits them fast
    epochs: int = 6
    batch_size: int = 32
    lr: float = 1e-3
    weight_decay: float = 0.01
    loss: str = "bce"  # or "listwise": softmax over an article's sentences
    val_fraction: float = 0.05
    max_articles: int | None = 2500  # the first N rows: keeps a 2-core run well under an hour
    seed: int = 0
    members: int = 5  # heads trained with seeds seed, seed+1, ...; their logits are averaged
    encoder: str = "minilm-static"  # or "all-MiniLM-L6-v2": the transformer, ~100x slower on CPU
    # selection at inference
    n_long: int = 3
    mmr_lambda: float = 0.9

    def __post_init__(self) -> None:
        for name in ("members", "epochs", "batch_size"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1 (got {getattr(self, name)})")


# --------------------------------------------------------------------------- data


def read_rows(path: str | os.PathLike[str]) -> list[dict[str, Any]]:
    """JSONL rows with ``article`` (or ``text``) and ``reference`` (one sentence per line, or a list)."""
    rows = []
    with open(path, encoding="utf-8") as fh:
        for ln, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                r = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(str(path), f"not JSON ({exc.msg})", ln) from None
            text = r.get("article") or r.get("text")
            ref = r.get("reference") or r.get("highlights")
            if isinstance(ref, list):
                ref = "\n".join(ref)
            if not text or not ref:
                raise InputError(str(path), "each row needs 'article' (or 'text') and 'reference'", ln)
            rows.append({"id": r.get("id", str(ln)), "article": text, "reference": ref})
    if not rows:
        raise InputError(str(path), "no rows")
    return rows


def _head_text(text: str, max_chars: int) -> tuple[str, bool]:
    """The article's beginning, cut at a paragraph break when there is one (the split is then exact)."""
    if len(text) <= max_chars:
        return text, False
    cut = text.find("\n\n", max_chars)
    if cut < 0 or cut > 2 * max_chars:
        return text[:max_chars], True
    return text[:cut], False


def encoder_key(encoder: Any) -> str:
    """What the cached vectors depend on: encoder weights, truncation, dtype."""
    if getattr(encoder, "key", None):
        return str(encoder.key)
    return f"{Path(encoder.path).parent.name}-{Path(encoder.path).name}-len{encoder.max_length}-{encoder.dtype}"


class EmbeddingCache:
    """Split sentences + MiniLM vectors per article, on disk, in append-only shards.

    Keyed by a hash of the article text, the split settings and the encoder settings, so
    changing any of them misses the cache instead of returning stale vectors.
    """

    def __init__(self, root: str | os.PathLike[str], key: str):
        self.dir = Path(root).expanduser() / key
        self.dir.mkdir(parents=True, exist_ok=True)
        self.items: dict[str, tuple[list[str], np.ndarray]] = {}
        for meta in sorted(self.dir.glob("shard-*.json")):
            vec_path = meta.with_suffix(".npy")
            if not vec_path.exists():
                continue
            try:
                index = json.loads(meta.read_text())
                vecs = np.load(vec_path)
            except (ValueError, OSError):  # a shard another process is still writing
                continue
            for h, (off, sents) in index.items():
                self.items[h] = (sents, vecs[off : off + len(sents)])

    def add(self, entries: dict[str, tuple[list[str], np.ndarray]]) -> dict[str, tuple[list[str], np.ndarray]]:
        """Store entries; returns them as a later run will read them back (float16), so that a
        cold and a warm run train exactly the same head."""
        if not entries:
            return entries
        n = len(list(self.dir.glob("shard-*.json")))
        index, parts, off = {}, [], 0
        stored: dict[str, tuple[list[str], np.ndarray]] = {}
        for h, (sents, vecs) in entries.items():
            index[h] = (off, sents)
            stored[h] = (sents, vecs.astype(np.float16))
            parts.append(stored[h][1])
            off += len(sents)
        self.items.update(stored)
        name = f"shard-{n:05d}-{os.getpid()}"
        np.save(self.dir / f"{name}.npy", np.concatenate(parts) if parts else np.zeros((0, 1), np.float16))
        (self.dir / f"{name}.json").write_text(json.dumps(index))  # written last: marks the shard complete
        return stored


def article_hash(text: str, cfg: TrainConfig, split_id: str) -> str:
    h = hashlib.sha1(f"{split_id}|{cfg.split_chars}|{cfg.max_sentences}|".encode())
    h.update(text.encode("utf-8"))
    return h.hexdigest()


def embed_articles(
    texts: Sequence[str],
    cfg: TrainConfig,
    cache: EmbeddingCache | None,
    encoder: Any,
    progress: ProgressFn,
    stage: str = "embed",
    chunk: int = 100,
) -> list[tuple[list[str], np.ndarray]]:
    """Sentences (first ``max_sentences``) and their vectors for each article, via the cache."""
    from .sentences import SPLIT_VERSION, load_spacy, split_many

    nlp = load_spacy("senter")
    split_id = f"{nlp.meta['name']}-{nlp.meta['version']}-{SPLIT_VERSION}"
    keys = [article_hash(t, cfg, split_id) for t in texts]
    out: list[tuple[list[str], np.ndarray] | None] = [cache.items.get(k) if cache else None for k in keys]
    todo = [i for i, o in enumerate(out) if o is None]
    done = len(texts) - len(todo)
    progress(stage, done, len(texts))
    for b in range(0, len(todo), chunk):
        idx = todo[b : b + chunk]
        heads = [_head_text(texts[i], cfg.split_chars) for i in idx]
        splits = split_many([h for h, _ in heads], nlp)
        sents_per = []
        for (_, cut), sents in zip(heads, splits):
            s = [x.text for x in sents]
            if cut and len(s) > 1:
                s = s[:-1]  # may be a sentence cut in half
            sents_per.append(s[: cfg.max_sentences])
        flat = [s for ss in sents_per for s in ss]
        vecs = encoder.encode(flat)
        entries, off = {}, 0
        for i, ss in zip(idx, sents_per):
            entries[keys[i]] = (ss, vecs[off : off + len(ss)])
            off += len(ss)
        if cache:
            entries = cache.add(entries)
        for i in idx:
            out[i] = entries[keys[i]]
        done += len(idx)
        progress(stage, done, len(texts))
    return out  # type: ignore[return-value]


# --------------------------------------------------------------------------- model


def build_head(cfg: dict[str, Any] | TrainConfig, emb_dim: int = 384, members: int | None = None) -> "Any":
    """The scorer: input projection, learned positions, a small transformer, one logit per sentence.

    With ``members`` > 1 (default: the config's), several such heads whose logits are averaged:
    one head's dev ROUGE swings by ±0.4 with its seed, the mean of several far less.
    """
    import torch
    from torch import nn

    c = cfg if isinstance(cfg, dict) else asdict(cfg)
    n_members = int(c.get("members", 1) if members is None else members)

    class Head(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            d = c["d_model"]
            self.inp = nn.Sequential(nn.Dropout(c.get("input_dropout", 0.0)), nn.Linear(emb_dim + len(SCALAR_FEATURES), d), nn.GELU(), nn.LayerNorm(d))
            self.pos = nn.Embedding(c["max_sentences"], d)
            layer = nn.TransformerEncoderLayer(d, c["heads"], c["ff"], c["dropout"], batch_first=True, norm_first=True)
            self.enc = nn.TransformerEncoder(layer, c["layers"], enable_nested_tensor=False)
            self.out = nn.Sequential(nn.LayerNorm(d), nn.Linear(d, 1))

        def forward(self, x: "torch.Tensor", mask: "torch.Tensor") -> "torch.Tensor":
            n = x.shape[1]
            h = self.inp(x) + self.pos(torch.arange(n, device=x.device))[None]
            h = self.enc(h, src_key_padding_mask=~mask)
            return self.out(h).squeeze(-1)

    class Ensemble(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.members = nn.ModuleList(Head() for _ in range(n_members))

        def forward(self, x: "torch.Tensor", mask: "torch.Tensor") -> "torch.Tensor":
            return torch.stack([m(x, mask) for m in self.members]).mean(0)

    return Head() if n_members == 1 else Ensemble()


def article_inputs(sents: Sequence[str], vecs: np.ndarray) -> np.ndarray:
    """Per-sentence input rows: the sentence vector followed by the scalar features."""
    vecs = vecs.astype(np.float32)
    return np.concatenate([vecs, sentence_features(sents, vecs)], axis=1)


def pad_batch(items: Sequence[np.ndarray], labels: Sequence[np.ndarray] | None = None) -> tuple[Any, Any, Any]:
    import torch

    n = max(len(x) for x in items)
    dim = items[0].shape[1]
    x = np.zeros((len(items), n, dim), np.float32)
    m = np.zeros((len(items), n), bool)
    y = np.zeros((len(items), n), np.float32)
    for i, it in enumerate(items):
        x[i, : len(it)] = it
        m[i, : len(it)] = True
        if labels is not None:
            y[i, : len(it)] = labels[i]
    return torch.from_numpy(x), torch.from_numpy(m), torch.from_numpy(y)


def score_articles(model: Any, inputs: Sequence[np.ndarray], batch_size: int = 64) -> list[np.ndarray]:
    """Sentence logits for each article, a batch of articles per forward pass."""
    import torch

    out = [np.zeros(0, np.float32) for _ in inputs]
    live = [i for i, x in enumerate(inputs) if len(x)]
    model.eval()
    with torch.inference_mode():
        for b in range(0, len(live), batch_size):
            idx = live[b : b + batch_size]
            x, m, _ = pad_batch([inputs[i] for i in idx])
            logits = model(x, m).numpy()
            for j, i in enumerate(idx):
                out[i] = logits[j, : len(inputs[i])]
    return out


def summaries_from_scores(
    sents_per: Sequence[Sequence[str]], vecs_per: Sequence[np.ndarray], scores: Sequence[np.ndarray], n_long: int, mmr_lambda: float
) -> list[list[str]]:
    from .engines.extractive import select_sentences

    preds = []
    for sents, v, s in zip(sents_per, vecs_per, scores):
        if not len(sents):
            preds.append([])
            continue
        sel = select_sentences(list(sents), s, v.astype(np.float32), n_long=n_long, mmr_lambda=mmr_lambda)
        preds.append([sents[i] for i in sel.long_ids])
    return preds


# --------------------------------------------------------------------------- training


def _rich_progress() -> tuple[ProgressFn, Callable[[], None]]:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    bar = Progress(TextColumn("{task.description:>8}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), TimeRemainingColumn(), transient=False)
    bar.start()
    tasks: dict[str, Any] = {}

    def update(stage: str, done: int, total: int) -> None:
        if stage not in tasks:
            tasks[stage] = bar.add_task(stage, total=total)
        bar.update(tasks[stage], completed=done, total=total)

    return update, bar.stop


def _seed_everything(seed: int) -> None:
    import torch

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.use_deterministic_algorithms(True)


def train(
    data_path: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str],
    *,
    dev_path: str | os.PathLike[str] | None = None,
    cache_dir: str | os.PathLike[str] | None = None,
    progress: bool | ProgressFn | None = True,
    log: Callable[[str], None] | None = None,
    **overrides: Any,
) -> dict[str, Any]:
    """Train a head on JSONL rows (``article`` + ``reference``) and save it to ``out_dir``.

    ``progress``: True draws a rich progress bar, a callable gets (stage, done, total),
    False/None is silent. ``overrides`` set ``TrainConfig`` fields (epochs, seed, ...).
    The epoch with the best ROUGE on the held-out slice of the training rows is kept;
    ``dev_path`` figures are reported beside it, never used to choose.
    Returns the figures and timings that also go into config.json.
    """
    import torch

    from .encoder import get_encoder
    from .evaluate import rouge

    cfg = TrainConfig(**overrides)
    t0 = time.perf_counter()
    stop: Callable[[], None] = lambda: None
    if progress is True:
        prog, stop = _rich_progress()
    elif callable(progress):
        prog = progress
    else:
        prog = lambda *_: None  # noqa: E731
    say = log or (lambda _m: None)
    try:
        paths = [data_path] if isinstance(data_path, (str, os.PathLike)) else list(data_path)
        rows = [r for p in paths for r in read_rows(p)]
        if cfg.max_articles:
            rows = rows[: cfg.max_articles]
        encoder = get_encoder("fp32", name=cfg.encoder)
        cache = EmbeddingCache(embedding_cache_dir(cache_dir), encoder_key(encoder))
        data = embed_articles([r["article"] for r in rows], cfg, cache, encoder, prog, "embed")
        dev_rows = read_rows(dev_path) if dev_path else []
        dev = embed_articles([r["article"] for r in dev_rows], cfg, cache, encoder, prog, "dev") if dev_rows else []
        t_embed = time.perf_counter() - t0

        labels = []
        for i, (r, (sents, _)) in enumerate(zip(rows, data)):
            y = np.zeros(len(sents), np.float32)
            y[greedy_oracle(sents, r["reference"], cfg.oracle_sents)] = 1.0
            labels.append(y)
            if i % 200 == 0 or i == len(rows) - 1:
                prog("oracle", i + 1, len(rows))
        inputs = [article_inputs(s, v) for s, v in data]
        keep = [i for i, x in enumerate(inputs) if len(x) > 0]
        rng = random.Random(cfg.seed)
        rng.shuffle(keep)
        n_val = max(1, int(len(keep) * cfg.val_fraction)) if len(keep) > 10 else 0
        val_ids, train_ids = keep[:n_val], keep[n_val:]
        t_feat = time.perf_counter() - t0 - t_embed

        threads = torch.get_num_threads()
        torch.set_num_threads(1)  # the head is tiny: one thread is as fast and immune to a busy CPU
        steps_per_epoch = (len(train_ids) + cfg.batch_size - 1) // cfg.batch_size
        steps_total = steps_per_epoch * cfg.epochs * cfg.members
        pos_rate = float(np.mean(np.concatenate([labels[i] for i in train_ids])))
        loss_fn = torch.nn.BCEWithLogitsLoss(reduction="none")

        # what every epoch of every member is scored on: sentences, vectors, inputs, references
        scored: dict[str, tuple[list[list[str]], list[np.ndarray], list[np.ndarray], list[str]]] = {}
        if val_ids:
            scored["val"] = ([data[i][0] for i in val_ids], [data[i][1] for i in val_ids], [inputs[i] for i in val_ids],
                             [rows[i]["reference"] for i in val_ids])
        if dev:
            scored["dev"] = ([s for s, _ in dev], [v for _, v in dev], [article_inputs(s, v) for s, v in dev],
                             [r["reference"] for r in dev_rows])

        def figures(model: Any) -> dict[str, Any]:
            out: dict[str, Any] = {}
            for name, (sents, vecs, inp, refs) in scored.items():
                preds = summaries_from_scores(sents, vecs, score_articles(model, inp), cfg.n_long, cfg.mmr_lambda)
                out[name] = _round(rouge(preds, refs))
            return out

        def fit(member: int, order_rng: random.Random) -> tuple[Any, list[dict[str, Any]], dict[str, Any]]:
            """One head, seed ``cfg.seed + member``; keeps the epoch that does best on the held-out slice."""
            _seed_everything(cfg.seed + member)
            model = build_head(cfg, encoder.dim, members=1)
            opt = torch.optim.AdamW(model.parameters(), lr=cfg.lr, weight_decay=cfg.weight_decay)
            sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=cfg.lr, total_steps=max(1, steps_per_epoch * cfg.epochs), pct_start=0.1)
            history: list[dict[str, Any]] = []
            best: tuple[float, dict[str, Any], dict[str, Any]] | None = None
            order = list(train_ids)
            for epoch in range(cfg.epochs):
                model.train()
                order_rng.shuffle(order)
                total = 0.0
                for b in range(0, len(order), cfg.batch_size):
                    idx = order[b : b + cfg.batch_size]
                    x, m, y = pad_batch([inputs[i] for i in idx], [labels[i] for i in idx])
                    logits = model(x, m)
                    if cfg.loss == "listwise":
                        target = y / y.sum(1, keepdim=True).clamp(min=1.0)
                        logp = torch.log_softmax(logits.masked_fill(~m, -1e4), dim=1)
                        loss = -(target * logp).sum(1).mean()
                    else:
                        loss = (loss_fn(logits, y) * m).sum() / m.sum()
                    opt.zero_grad()
                    loss.backward()
                    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
                    opt.step()
                    sched.step()
                    total += loss.item() * len(idx)
                    prog("train", (member * cfg.epochs + epoch) * steps_per_epoch + b // cfg.batch_size + 1, steps_total)
                entry: dict[str, Any] = {"epoch": epoch + 1, "loss": round(total / max(len(order), 1), 5), **figures(model)}
                if cfg.members > 1:
                    entry = {"member": member, **entry}
                history.append(entry)
                say(json.dumps(entry))
                # select on the held-out slice of the training data; dev figures are only reported
                pick = entry.get("val") or entry.get("dev")
                score = float(np.mean(list(pick.values()))) if pick else float(epoch)
                if best is None or score > best[0]:
                    best = (score, {k: v.detach().clone() for k, v in model.state_dict().items()}, entry)
            assert best is not None
            model.load_state_dict(best[1])
            model.eval()
            return model, history, best[2]

        # member 0 shuffles with the generator that split off the held-out slice (as one head always has)
        fitted = [fit(k, rng if k == 0 else random.Random(cfg.seed + k)) for k in range(cfg.members)]
        if cfg.members == 1:
            model, history, chosen = fitted[0]
            picked: Any = chosen["epoch"]
            scores = {k: v for k, v in chosen.items() if k in ("val", "dev")}
        else:
            model = build_head(cfg, encoder.dim)
            for slot, (member, _, _) in zip(model.members, fitted):
                slot.load_state_dict(member.state_dict())
            history = [e for _, h, _ in fitted for e in h]
            picked = [c["epoch"] for _, _, c in fitted]
            scores = figures(model)
            say(json.dumps({"ensemble": cfg.members, **scores}))
        torch.set_num_threads(threads)
        t_train = time.perf_counter() - t0 - t_embed - t_feat
        result = {
            "format": FORMAT,
            "name": "briefing-head-v1",
            "encoder": {"name": encoder.name, "key": encoder_key(encoder), "dim": encoder.dim},
            "scalar_features": list(SCALAR_FEATURES),
            "config": asdict(cfg),
            "training_data": [str(p) for p in paths],
            "articles": {"train": len(train_ids), "val": len(val_ids), "dev": len(dev_rows)},
            "positive_rate": round(pos_rate, 4),
            "selected_epoch": picked,
            "figures": scores,
            "history": history,
            "timings_s": {
                "embed": round(t_embed, 1), "features": round(t_feat, 1), "train": round(t_train, 1),
                "total": round(time.perf_counter() - t0, 1), "threads": threads,
            },
        }
        save_head(model, result, out_dir)
        return result
    finally:
        stop()


def _round(d: dict[str, float]) -> dict[str, float]:
    return {k: round(v, 2) for k, v in d.items()}


def save_head(model: Any, config: dict[str, Any], out_dir: str | os.PathLike[str]) -> None:
    from safetensors.torch import save_file

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    save_file({k: v.contiguous() for k, v in model.state_dict().items()}, str(out / HEAD_FILE))
    (out / CONFIG_FILE).write_text(json.dumps(config, indent=2) + "\n")


def load_head(model_dir: str | os.PathLike[str]) -> tuple[Any, dict[str, Any]]:
    """The head module and its config.json from a folder written by ``train``."""
    from safetensors.torch import load_file

    from .errors import ModelNotFoundError

    d = Path(model_dir)
    if not (d / HEAD_FILE).is_file() or not (d / CONFIG_FILE).is_file():
        raise ModelNotFoundError(f"{d}: no trained head here (expected {HEAD_FILE} and {CONFIG_FILE}; make one with `briefing train`)")
    config = json.loads((d / CONFIG_FILE).read_text())
    if config.get("format") != FORMAT:
        raise ModelNotFoundError(f"{d / CONFIG_FILE}: not a briefing extractive head ({config.get('format')!r})")
    if config.get("scalar_features") != list(SCALAR_FEATURES):
        raise ModelNotFoundError(
            f"{d}: this head was trained with other sentence features than this version computes; retrain it with `briefing train`"
        )
    model = build_head(config["config"], config["encoder"]["dim"])
    model.load_state_dict(load_file(str(d / HEAD_FILE)))
    model.eval()
    return model, config

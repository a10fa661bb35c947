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

import json
import os
import random
import time
from dataclasses import asdict
from typing import Any, Callable, Sequence

import numpy as np

from briefing.cachedir import embedding_cache_dir
from briefing.evaluation.pool import POOL_MODULUS, in_pool
from briefing.summarize.features import (
    SCALAR_FEATURES,
    greedy_oracle,
)
from briefing.summarize.head import (
    FORMAT,
    article_inputs,
    build_head,
    pad_batch,
    save_head,
    score_articles,
)
from briefing.training.config import TrainConfig
from briefing.training.data import (
    EmbeddingCache,
    ProgressFn,
    embed_articles,
    encoder_key,
    read_rows,
)

# --------------------------------------------------------------------------- data


# --------------------------------------------------------------------------- model


def summaries_from_scores(
    sents_per: Sequence[Sequence[str]], vecs_per: Sequence[np.ndarray], scores: Sequence[np.ndarray], n_long: int, mmr_lambda: float
) -> list[list[str]]:
    from briefing.summarize.selection import select_sentences

    preds = []
    for sents, v, s in zip(sents_per, vecs_per, scores):
        if not len(sents):
            preds.append([])
            continue
        sel = select_sentences(list(sents), s, v.astype(np.float32), n_long=n_long, mmr_lambda=mmr_lambda)
        preds.append([sents[i] for i in sel.long_ids])
    return preds


# --------------------------------------------------------------------------- training


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
    progress: ProgressFn | None = None,
    log: Callable[[str], None] | None = None,
    **overrides: Any,
) -> dict[str, Any]:
    """Train a head on JSONL rows (``article`` + ``reference``) and save it to ``out_dir``.

    ``progress``: a callable gets (stage, done, total) as work proceeds (the CLI draws bars
    with it); None is silent. ``overrides`` set ``TrainConfig`` fields (epochs, seed, ...).
    The epoch with the best ROUGE on the held-out slice of the training rows is kept;
    ``dev_path`` figures are reported beside it, never used to choose.
    Returns the figures and timings that also go into config.json.
    """
    import torch

    from briefing.evaluation.rouge import rouge
    from briefing.nlp.encoder import get_encoder

    cfg = TrainConfig(**overrides)
    t0 = time.perf_counter()
    stop: Callable[[], None] = lambda: None
    prog = progress or (lambda *_: None)
    say = log or (lambda _m: None)
    try:
        paths = [data_path] if isinstance(data_path, (str, os.PathLike)) else list(data_path)
        # validation-pool stories (evaluation.pool) are never trained on, whichever file holds them
        all_rows = [r for p in paths for r in read_rows(p)]
        rows = [r for r in all_rows if not in_pool(r["id"])]
        n_pool = len(all_rows) - len(rows)
        if n_pool:
            say(f"left out {n_pool} validation-pool stories (sha1(id) mod {POOL_MODULUS} == 0; `briefing eval --pool` scores them)")
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
            k = cfg.oracle_sents or max(1, len([h for h in r["reference"].split("\n") if h.strip()]))
            y[greedy_oracle(sents, r["reference"], k)] = 1.0
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
            "articles": {"train": len(train_ids), "val": len(val_ids), "dev": len(dev_rows), "pool_excluded": n_pool},
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



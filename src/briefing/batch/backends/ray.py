"""``batch --ray``: the same pipeline on Ray Data, for when one machine is not enough.

The driver reads the inputs and checks the cache exactly as the local path does
(``batch.run``); only the articles still to do go to Ray, as a dataset processed by
``map_batches`` with a callable class, so each actor builds the pipeline (loads the model)
once. Results come back to the driver, which caches and writes them: the cluster needs the
``briefing`` package installed, but no shared filesystem.

Articles go to Ray in windows of ``window`` articles (bounded driver memory); actors are
started once per window, so the model loads once per actor per window.
"""
from __future__ import annotations

import json
import logging
import os
from concurrent.futures import Future
from dataclasses import asdict
from typing import Any

from briefing.article import Article
from briefing.batch.backends.local import Results, build_pipeline, run_articles
from briefing.batch.config import BatchConfig, BatchError

RAY_WINDOW = 4096


class _Summarizer:
    """One per Ray actor: the pipeline is built in ``__init__``, i.e. once per actor."""

    def __init__(self, pipeline_kwargs: dict[str, Any], threads: int = 1):
        for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
            os.environ.setdefault(var, str(threads))
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        self.pipe = build_pipeline(pipeline_kwargs)

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        import numpy as np

        articles = [Article(**json.loads(a)) for a in batch["article"]]
        results = run_articles(self.pipe, articles)
        return {
            "pos": np.asarray(batch["pos"]),
            "result": np.array([json.dumps(d, ensure_ascii=False) for d, _ in results], dtype=object),
            "message": np.array([m or "" for _, m in results], dtype=object),
        }


def init_ray(address: str | None) -> None:
    """``None`` or ``"local"``: a Ray on this machine; ``"auto"`` or ``host:port``/``ray://...``: a cluster.

    A Ray already initialised in this process (e.g. by a test) is used as it is.
    """
    import ray

    if ray.is_initialized():
        return
    kwargs: dict[str, Any] = {"ignore_reinit_error": True, "log_to_driver": False, "logging_level": logging.WARNING}
    if address not in (None, "", "local"):
        kwargs["address"] = address
    try:
        ray.init(**kwargs)
    except (ConnectionError, RuntimeError, ValueError) as exc:
        raise BatchError(f"cannot connect to Ray at {address}: {exc}") from exc


class RayBackend:
    """A ``batch.Backend`` that runs each window as one Ray Dataset."""

    max_pending = 0

    def __init__(self, config: BatchConfig, address: str | None = None, concurrency: int | None = None, window: int = RAY_WINDOW):
        self.config = config
        self.address = address
        self.concurrency = concurrency
        self.window = window
        self._ready = False

    def _start(self) -> int:
        import ray

        init_ray(self.address)
        ctx = ray.data.DataContext.get_current()
        ctx.execution_options.preserve_order = True
        ctx.enable_progress_bars = False  # ours is the one progress bar
        logging.getLogger("ray.data").setLevel(logging.WARNING)
        self._ready = True
        if self.concurrency:
            return self.concurrency
        if self.config.workers > 1:
            return self.config.workers
        return max(1, int(ray.cluster_resources().get("CPU", 1)))

    def submit(self, articles: list[Article], on_each) -> "Future[Results]":
        import ray

        concurrency = self._start()
        rows = [{"pos": i, "article": json.dumps(asdict(a), ensure_ascii=False)} for i, a in enumerate(articles)]
        ds = ray.data.from_items(rows, override_num_blocks=max(1, min(len(rows), concurrency * 4)))
        gpu = 1 if self.config.device == "cuda" else 0
        ds = ds.map_batches(
            _Summarizer,
            fn_constructor_kwargs={"pipeline_kwargs": self.config.pipeline_kwargs()},
            batch_size=max(1, self.config.batch_size),
            batch_format="numpy",
            compute=ray.data.ActorPoolStrategy(size=min(concurrency, len(rows))),
            num_cpus=1,
            num_gpus=gpu,
        )
        results: Results = [({}, "not processed")] * len(rows)
        try:
            for row in ds.iter_rows():
                i = int(row["pos"])
                data = json.loads(row["result"])
                message = row["message"] or None
                results[i] = (data, message)
                if message is None:
                    on_each(i, data)  # cached as it arrives: a killed run keeps what came back
        except Exception as exc:  # an actor that cannot build the pipeline fails the whole dataset
            raise BatchError(f"Ray run failed: {_short(exc)}") from exc
        fut: Future[Results] = Future()
        fut.set_result(results)
        return fut

    def close(self) -> None:
        pass


def _short(exc: BaseException) -> str:
    """Ray wraps worker errors in pages of traceback; the last line is the user's reason."""
    lines = [ln for ln in str(exc).strip().splitlines() if ln.strip()]
    return lines[-1].strip() if lines else type(exc).__name__

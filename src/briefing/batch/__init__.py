"""Batch runs that never lose work (``briefing batch``).

``config`` says how a run goes, ``cache`` keeps every finished article, ``sinks`` write the
outputs, ``backends`` compute (``local``: this process or a process pool; ``ray``: Ray Data),
and ``runner`` drives it all in input order. Data flows one way: inputs -> cache check ->
backend -> cache -> sink.
"""
from briefing.batch.backends.local import LocalBackend, PoolBackend
from briefing.batch.cache import ResultCache
from briefing.batch.config import BatchConfig, BatchError
from briefing.batch.runner import BatchReport, iter_items, open_inputs, run, run_paths
from briefing.batch.sinks import (
           FolderSink,
           JsonlSink,
           Record,
           default_cache_dir,
           make_sink,
)

__all__ = ["BatchConfig", "BatchError", "BatchReport", "FolderSink", "JsonlSink", "LocalBackend", "PoolBackend",
           "Record", "ResultCache", "default_cache_dir", "iter_items", "make_sink", "open_inputs", "run", "run_paths"]

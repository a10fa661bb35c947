"""How many CPU threads to use: the cores this process may run on, and ``$BRIEFING_THREADS``.

One place for both, so the MiniLM encoder, llama.cpp, the extraction workers and the batch
workers agree (and work where ``os.sched_getaffinity`` does not exist, as on macOS).
"""
from __future__ import annotations

import os


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity where the OS has one), at least 1."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def env_threads() -> int | None:
    """Threads asked for with ``$BRIEFING_THREADS`` (at least 1), or None where it is unset or blank."""
    value = os.environ.get("BRIEFING_THREADS", "").strip()
    return max(1, int(value)) if value else None

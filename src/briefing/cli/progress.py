"""The one progress display every command uses, and the one way errors reach stderr.

On a terminal: a bar per stage with count, rate, elapsed time and ETA, and each failure
printed above the bars as it happens. Piped or redirected: no bars, just the failure lines
(``briefing: error: FILE: reason``), so logs stay clean.
"""
from __future__ import annotations

import sys
import time
from typing import Any


def say(message: str) -> None:
    """One line on stderr, prefixed with the program name."""
    print(f"briefing: {message}", file=sys.stderr, flush=True)


class Progress:
    """``with Progress() as p: p.stage("Summarizing", done, total)``; ``p.error(msg)`` for a failure.

    ``min_total``: a stage with fewer items draws no bar (one article needs none).
    """

    def __init__(self, unit: str = "art/s", min_total: int = 2):
        from rich.console import Console

        self.console = Console(stderr=True)
        self.unit = unit
        self.min_total = min_total
        self._bar: Any = None
        self._tasks: dict[str, Any] = {}
        self._started: dict[str, float] = {}

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _ensure_bar(self) -> Any:
        if self._bar is None:
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )
            from rich.progress import Progress as RichProgress

            self._bar = RichProgress(
                TextColumn("{task.description:>11}"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"),
                TimeElapsedColumn(), TextColumn("eta"), TimeRemainingColumn(), console=self.console, transient=False,
            )
            self._bar.start()
        return self._bar

    def stage(self, name: str, done: int, total: int | None = None) -> None:
        """Where stage ``name`` stands: ``done`` of ``total`` (None while the total is unknown)."""
        if not self.console.is_terminal:
            return
        if name not in self._tasks:
            if total is not None and total < self.min_total:
                return
            self._tasks[name] = self._ensure_bar().add_task(name, total=total, rate="")
            self._started[name] = time.perf_counter()
        rate = done / max(time.perf_counter() - self._started[name], 1e-9)
        known = self._bar.tasks[self._tasks[name]].total if total is None else total
        self._bar.update(self._tasks[name], completed=done, total=max(known or 0, done) if known is not None else None,
                         rate=f"{rate:.1f} {self.unit}" if self.unit else "")

    def error(self, message: str) -> None:
        """A failure, as one line: above the bars on a terminal, else straight to stderr."""
        if self._bar is not None:
            self._bar.console.print(f"briefing: error: {message}", markup=False, highlight=False)
        else:
            say(f"error: {message}")

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

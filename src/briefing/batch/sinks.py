"""Where batch records go: one JSONL file (or stdout), or one file per article in a folder."""
from __future__ import annotations

import glob
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Protocol

from briefing.article import ArticleError
from briefing.batch.config import BatchError
from briefing.output import UniqueNames, atomic_write, to_json, to_jsonl_line


@dataclass
class Record:
    """One input article's outcome, in input order: status is done, skipped or failed."""

    index: int
    status: str
    data: dict[str, Any]
    message: str | None = None  # "file:line: reason" for a failure

    @property
    def ok(self) -> bool:
        return self.status != "failed"


def failure(err: ArticleError) -> tuple[dict[str, Any], str]:
    return err.to_dict(), str(err)


class Sink(Protocol):
    def write(self, record: Record) -> None: ...
    def close(self) -> None: ...
    def abort(self) -> None: ...


class JsonlSink:
    """All records, one line each, to a temp file renamed over ``path`` at the end (or stdout)."""

    def __init__(self, path: Path | None):
        self.path = path
        self._tmp: str | None = None
        if path is None:
            self._fh: IO[str] = sys.stdout
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            _remove_stale_temps(path)
            fd, self._tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            _lock(fd)
            self._fh = os.fdopen(fd, "w", encoding="utf-8")

    def write(self, record: Record) -> None:
        self._fh.write(to_jsonl_line(record.data))
        if self.path is None:
            self._fh.flush()

    def close(self) -> None:
        if self.path is None:
            self._fh.flush()
            return
        self._fh.flush()
        os.fsync(self._fh.fileno())
        self._fh.close()
        os.replace(self._tmp, self.path)  # type: ignore[arg-type]

    def abort(self) -> None:
        if self._tmp is not None:
            self._fh.close()
            try:
                os.unlink(self._tmp)
            except OSError:
                pass


def _lock(fd: int) -> bool:
    """An exclusive lock that dies with the process: it marks a temp file as in use."""
    try:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except (ImportError, OSError):
        return False


def _remove_stale_temps(path: Path) -> None:
    """Temp files of runs that were killed (kill -9 leaves them); a live run's is locked."""
    for tmp in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        try:
            fd = os.open(tmp, os.O_RDWR)
        except OSError:
            continue
        try:
            if _lock(fd):
                tmp.unlink()
        except OSError:
            pass
        finally:
            os.close(fd)


class FolderSink:
    """One file per finished article, named after its id, made safe and unique inside ``root``."""

    def __init__(self, root: Path, fmt: str, max_quotes: int = 5):
        self.root = root
        self.fmt = fmt
        self.max_quotes = max_quotes
        self.name_for = UniqueNames()
        root.mkdir(parents=True, exist_ok=True)

    def write(self, record: Record) -> None:
        if record.data.get("id") is None:
            return  # unreadable input: nothing to name, nothing to write
        name = self.name_for(str(record.data["id"]))
        if not record.ok:
            return  # the name stays reserved so that later names do not shift between runs
        target = self.root / f"{name}.{self.fmt}"
        if target.resolve().parent != self.root.resolve():  # safe_name makes this impossible; be sure
            raise BatchError(f"refusing to write outside {self.root}: {target}")
        atomic_write(target, self._render(record.data))

    def _render(self, data: dict[str, Any]) -> str:
        if self.fmt == "md":
            from briefing.render import render

            return render("article", "md", {"a": data, "max_quotes": self.max_quotes})
        return to_json(data) if self.fmt == "json" else to_jsonl_line(data)

    def close(self) -> None:
        pass

    def abort(self) -> None:
        pass


def default_cache_dir(out: str, fmt: str = "jsonl") -> Path | None:
    """``<out>.cache/`` beside a file, ``<out>/.cache/`` inside a folder; none for stdout."""
    if out == "-":
        return None
    if is_folder_out(out, fmt):
        return Path(out) / ".cache"
    return Path(out + ".cache")


def is_folder_out(out: str, fmt: str = "jsonl") -> bool:
    return fmt != "jsonl" or out.endswith(("/", os.sep)) or Path(out).is_dir()


def make_sink(out: str, fmt: str) -> Sink:
    if out == "-":
        if fmt != "jsonl":
            raise BatchError("--out - (stdout) needs --format jsonl; md and json write one file per article into a folder")
        return JsonlSink(None)
    if is_folder_out(out, fmt):
        return FolderSink(Path(out), "jsonl" if fmt == "jsonl" else fmt)
    return JsonlSink(Path(out))

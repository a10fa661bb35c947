"""Writing outputs: atomic files, safe per-article names, the formats of CONTRACT."""
from __future__ import annotations

import json
import os
import re
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
MAX_NAME = 120


def atomic_write(path: Path, data: str | bytes, durable: bool = True) -> None:
    """Write via a temp file in the same folder and rename: readers never see half a file.
    Text is written as UTF-8; bytes as they are.

    ``durable``: flush to disk before the rename (survives a power cut). Without it the rename
    is still atomic for every other process and a killed run; for files that can be remade,
    such as result-cache entries whose reader treats an unreadable one as missing."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def safe_name(name: str, fallback: str = "article") -> str:
    """A file name that cannot leave its folder: no separators, no dots-only, bounded length."""
    name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    name = _UNSAFE.sub("-", name).strip(".-_")
    if not name:
        name = fallback
    if len(name) > MAX_NAME:
        import hashlib

        digest = hashlib.sha1(name.encode()).hexdigest()[:10]
        name = f"{name[: MAX_NAME - 11]}-{digest}"
    return name


def to_json(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2) + "\n"


def to_jsonl_line(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False) + "\n"


class UniqueNames:
    """Per-article file names inside one folder: ``safe_name(id)``, then ``-2``, ``-3`` ... for
    repeats. Compared case-insensitively, because macOS and Windows folders are."""

    def __init__(self) -> None:
        self._used: set[str] = set()

    def __call__(self, id: str) -> str:
        base = safe_name(id)
        name, n = base, 1
        while name.lower() in self._used:
            n += 1
            name = f"{base}-{n}"
        self._used.add(name.lower())
        return name

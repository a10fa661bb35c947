"""Reading articles from files, folders, JSON/JSONL and stdin.

Every failure is an ``InputError`` naming the file (and line) and the reason, raised per
article so one bad file never costs the others their output.
"""
from __future__ import annotations

import hashlib
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Union

from briefing.article import Article
from briefing.errors import InputError

EXTENSIONS = (".txt", ".md", ".html", ".htm", ".json", ".jsonl")
META_KEYS = ("title", "url", "date", "source", "byline")

# Site chrome that scraped text files carry and no reader wants.
_CHROME = re.compile(
    r"^(skip to (main )?content|skip to navigation|advertisement|share this( story| article)?|"
    r"(sign in|log in|subscribe)( now)?|menu|search|close|story highlights|updated:?.*\bET\b.*|"
    r"follow us.*|read more|print|email|comments?)$",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^by\s+(?P<by>[^\n]{2,120})$", re.IGNORECASE)
_BULLET = re.compile(r"^\s*(?:[•·▪●◦‣]|[*-](?=\s))\s*(?P<text>.+)$")
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Za-z .,'’-]{1,60}?)?\s*\((?P<source>CNN|AP|Reuters|AFP|CNNMoney|EW\.com|BBC)\)\s*(?:--|—|–|-)?\s*(?=\S)"
)
_FRONT = re.compile(r"^(?P<key>title|date|source|url|byline|author)\s*:\s*(?P<value>.+)$", re.IGNORECASE)
_MD_HEADING = re.compile(r"^#{1,6}\s+(?P<text>.+?)\s*#*$")


@dataclass(frozen=True)
class Source:
    """One input: a path, or stdin ("-")."""

    path: Path | None

    @property
    def name(self) -> str:
        return str(self.path) if self.path else "-"


Item = Union[Article, InputError]


def discover(paths: Iterable[str]) -> list[Source]:
    """Expand files and folders (recursively, in sorted order) into inputs.

    Raises InputError for a path that does not exist, so the CLI can exit 2.
    """
    found: list[Source] = []
    for p in paths:
        if p == "-":
            found.append(Source(None))
            continue
        path = Path(p)
        if path.is_dir():
            for f in sorted(path.rglob("*")):
                if f.is_file() and f.suffix.lower() in EXTENSIONS and not any(part.startswith(".") for part in f.relative_to(path).parts):
                    found.append(Source(f))
        elif path.is_file():
            found.append(Source(path))
        else:
            raise InputError(p, "no such file or folder")
    return found


def decode(data: bytes, name: str | None) -> str:
    """UTF-8 (with or without BOM), else cp1252, else latin-1. Binary data is an error."""
    if not data.strip():
        raise InputError(name, "empty file")
    if b"\x00" in data[:8192]:
        raise InputError(name, "binary file, not text")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for enc in ("utf-8", "cp1252"):
        try:
            text = data.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:
        text = data.decode("latin-1")
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > 0.05 * min(len(text), 8192):
        raise InputError(name, "binary file, not text")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def derive_id(path: Path | None, text: str) -> str:
    if path is not None:
        return path.stem
    return "stdin-" + hashlib.sha1(text.encode("utf-8", "replace")).hexdigest()[:10]


def parse_plain(text: str, id: str, path: str | None = None) -> Article:
    """Parse a .txt/.md article in the shape scraped news takes.

    Headline first, then optional byline ("By ..."), bullet highlights and a dateline
    ("Washington (CNN) --") before the body. Chrome lines are dropped.
    """
    lines = [ln.rstrip() for ln in text.split("\n")]
    meta: dict[str, str] = {}
    title = byline = None
    highlights: list[str] = []
    body_start = len(lines)
    i = 0
    # front matter ("Title: ...") only at the very top
    while i < len(lines) and (m := _FRONT.match(lines[i].strip())):
        key = m["key"].lower()
        meta["byline" if key == "author" else key] = m["value"].strip()
        i += 1
    for j in range(i, len(lines)):
        s = lines[j].strip()
        if not s or _CHROME.match(s):
            continue
        if title is None and "title" not in meta:
            h = _MD_HEADING.match(s)
            candidate = h["text"] if h else s
            if len(candidate.split()) <= 25 and not _BULLET.match(s) and not _BYLINE.match(s):
                title = candidate.strip("*_ ")
                continue
        if (m := _FRONT.match(s)) and m["key"].lower() not in meta:  # "Source: BBC News" under the headline
            key = m["key"].lower()
            meta["byline" if key == "author" else key] = m["value"].strip()
            continue
        if byline is None and (m := _BYLINE.match(s)):
            byline = m["by"].strip()
            continue
        if (m := _BULLET.match(lines[j])) and not _looks_like_body_started(lines, i, j, title):
            highlights.append(m["text"].strip())
            continue
        body_start = j
        break
    body_lines = [ln for ln in lines[body_start:] if not _CHROME.match(ln.strip())]
    body = "\n".join(body_lines).strip()
    body = re.sub(r"\n{3,}", "\n\n", body)
    body, dateline_source = strip_dateline(body)
    source = meta.get("source") or dateline_source
    if not body.strip():
        raise InputError(path, "no article text found")
    return Article(
        id=id, text=body, path=path, title=meta.get("title") or title,
        byline=meta.get("byline") or byline, date=meta.get("date"), source=source,
        url=meta.get("url"), highlights=highlights,
    )


def _looks_like_body_started(lines: list[str], first: int, j: int, title: str | None) -> bool:
    """Bullets count as highlights only before the first body paragraph."""
    for s in lines[first:j]:
        s = s.strip()
        if s and not _CHROME.match(s) and not _BULLET.match(s) and not _BYLINE.match(s) and s.strip("#*_ ") != (title or ""):
            return True
    return False


def strip_dateline(text: str) -> tuple[str, str | None]:
    """Remove a wire dateline ("Washington (CNN) --", "(CNN)") and return the agency it names."""
    if m := _DATELINE.match(text):
        return text[m.end():], m["source"]
    return text, None


def _same_heading(line: str, title: str) -> bool:
    norm = lambda t: re.sub(r"\W+", " ", t).strip().lower()  # noqa: E731
    a, b = norm(line), norm(title)
    return bool(a) and (a == b or b.startswith(a) or a.startswith(b))


def parse_html(html: str, id: str, path: str | None = None) -> Article:
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, favor_precision=True)
    if doc is None:
        raise InputError(path, "no article text found in HTML")
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = (data.get("text") or "").strip()
    if not text:
        raise InputError(path, "no article text found in HTML")
    # trafilatura keeps one paragraph per line; the rest of the tool expects blank lines
    text = re.sub(r"\n+", "\n\n", text)
    title = data.get("title")
    # the page's <h1> often opens the extracted text: it is the headline, not a sentence
    first, _, rest = text.partition("\n\n")
    if title and rest and _same_heading(first, title):
        text = rest.strip()
    return Article(
        id=id, text=text, path=path, title=title, byline=data.get("author"),
        date=data.get("date"), source=data.get("sitename") or data.get("hostname"), url=data.get("url"),
    )


def article_from_record(rec: object, fallback_id: str, path: str | None, line: int | None = None) -> Article:
    """A JSON object per CONTRACT: "text" (or "article"), optional id and metadata."""
    if not isinstance(rec, dict):
        raise InputError(path, f"expected a JSON object, got {type(rec).__name__}", line)
    text = rec.get("text", rec.get("article"))
    if not isinstance(text, str):
        raise InputError(path, 'missing "text" (or "article") string', line)
    if not text.strip():
        raise InputError(path, "empty article text", line)
    rid = rec.get("id")
    meta = {k: (str(rec[k]) if rec.get(k) is not None else None) for k in META_KEYS}
    highlights = rec.get("highlights") or []
    text, dateline_source = strip_dateline(text.replace("\r\n", "\n").strip())
    meta["source"] = meta["source"] or dateline_source
    art = Article(
        id=str(rid) if rid is not None else fallback_id, text=text.strip(), path=path,
        highlights=[str(h) for h in highlights] if isinstance(highlights, list) else [], line=line, **meta,
    )
    if art.title is None and art.byline is None and "\n" in art.text[:400]:
        # a raw scraped page inside JSON: let the plain-text parser find headline/bullets
        try:
            parsed = parse_plain(art.text, art.id, path)
            if parsed.highlights or parsed.byline:
                parsed.line, parsed.url, parsed.date = line, art.url, art.date
                parsed.source = parsed.source or art.source
                return parsed
        except InputError:
            pass
    return art


def read_source(src: Source) -> Iterator[Item]:
    """Yield the articles of one input, or InputErrors, never raising for content problems."""
    name = src.name if src.path else None
    try:
        data = sys.stdin.buffer.read() if src.path is None else src.path.read_bytes()
    except FileNotFoundError:
        yield InputError(name, "file vanished before it could be read")
        return
    except OSError as exc:
        yield InputError(name, f"cannot read: {exc.strerror or exc}")
        return
    try:
        text = decode(data, name)
    except InputError as err:
        yield err
        return
    suffix = src.path.suffix.lower() if src.path else _sniff(text)
    base_id = derive_id(src.path, text)
    if suffix == ".jsonl":
        yield from _read_jsonl(text, base_id, name)
        return
    try:
        if suffix == ".json":
            yield from _read_json(text, base_id, name)
        elif suffix in (".html", ".htm"):
            yield parse_html(text, base_id, name)
        else:
            yield parse_plain(text, base_id, name)
    except InputError as err:
        yield err


def _sniff(text: str) -> str:
    t = text.lstrip()
    if t.startswith("{") and "\n{" in t.strip():
        return ".jsonl"
    if t.startswith(("{", "[")):
        return ".json"
    if t[:200].lower().startswith(("<!doctype html", "<html")):
        return ".html"
    return ".txt"


def _read_json(text: str, base_id: str, name: str | None) -> Iterator[Item]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield InputError(name, f"malformed JSON: {_json_msg(exc)} at line {exc.lineno} column {exc.colno}")
        return
    records = data if isinstance(data, list) else [data]
    for k, rec in enumerate(records):
        fid = base_id if len(records) == 1 else f"{base_id}-{k + 1}"
        try:
            yield article_from_record(rec, fid, name)
        except InputError as err:
            yield err


def _json_msg(exc: json.JSONDecodeError) -> str:
    """json's messages may end in "at" ("Unterminated string starting at"): we add the place."""
    msg = exc.msg[:-3] if exc.msg.endswith(" at") else exc.msg
    return msg[:1].lower() + msg[1:]


def _read_jsonl(text: str, base_id: str, name: str | None) -> Iterator[Item]:
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(name, f"malformed JSON line: {_json_msg(exc)} at column {exc.colno}", lineno)
            continue
        try:
            yield article_from_record(rec, f"{base_id}-{lineno}", name, lineno)
        except InputError as err:
            yield err


def read_all(paths: Iterable[str]) -> Iterator[Item]:
    for src in discover(paths):
        yield from read_source(src)

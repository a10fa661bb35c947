"""Reading articles from files, folders, JSON/JSONL and stdin.

Every failure is an ``InputError`` naming the file (and line) and the reason, raised per
article so one bad file never costs the others their output.
"""
from __future__ import annotations

import functools
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

# --- Unicode whitespace -------------------------------------------------------------------------
# Text copied from web pages carries spaces and line breaks the line-based parsing below does not
# see as such: NBSP (U+00A0), narrow NBSP (U+202F) and the other Unicode space separators (Zs),
# zero-width and bidi formatting characters, BOMs left inside the text, CR/CRLF/U+2028 line ends.
# ``clean_text`` maps them to plain spaces and "\n" (or drops the invisible ones) *before* any
# parsing, so Article.text, which quote and sentence offsets index, is the cleaned text.
SPACE_SEPARATORS = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
# invisible: zero-width non-joiner/joiner, word joiner, BOM / zero-width no-break space, soft
# hyphen, Mongolian vowel separator, bidi marks, embeddings and isolates
_INVISIBLE = "\u200c\u200d\u2060\ufeff\u00ad\u180e\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_SPACES = {ord(ch): " " for ch in SPACE_SEPARATORS}
_INVISIBLE_RUN = re.compile(f"[{_INVISIBLE}]+")
_LINE_ENDS = re.compile(r"\r\n?|[\x0b\x0c\x85\u2028]")
# a zero-width space (U+200B) between two visible characters stands in for a space ("U.S.,\u200bCuba");
# next to a space or a line end (where web editors leave it) it is dropped
_ZWSP = re.compile(r"(?<=\S)\u200b+(?=\S)")


def clean_text(text: str) -> str:
    """Plain spaces and "\n" line ends for all Unicode whitespace; invisible characters dropped.

    Idempotent, and a no-op on plain text (ASCII spaces, "\n"), so clean input parses as before.
    """
    if text.isascii():
        return _LINE_ENDS.sub("\n", text) if "\r" in text or "\x0b" in text or "\x0c" in text else text
    text = _LINE_ENDS.sub("\n", text).replace("\u2029", "\n\n").translate(_SPACES)
    text = _INVISIBLE_RUN.sub("", text)
    text = _ZWSP.sub(" ", text)
    return text.replace("\u200b", "")


def _clean_value(value: str | None) -> str | None:
    """A metadata string (title, byline ...) on one line with single spaces."""
    if value is None:
        return None
    return " ".join(clean_text(value).split()) or None


# --- Header lines that are not the headline ---------------------------------------------------
# Template syntax a page left unrendered ("{{ page.title }}", "{% block %}", "${headline}", "<%= %>").
_TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\$\{[^}]*\}|<%.*?%>|\[\[[^\]]*\]\]")
# Cookie and consent banners: they name cookies, are short, and speak to the reader.
_COOKIE_NOTICE = re.compile(
    r"\b(?:we|this (?:web)?site|our (?:web)?site|the (?:web)?site) uses? cookies\b|"
    r"\b(?:accept|allow|reject|decline|manage)(?: all| our| these)? cookies\b|"
    r"\bcookies? (?:policy|settings|preferences|notice|consent)\b|"
    r"\bby (?:continuing|using|browsing)\b.*\byou (?:agree|accept|consent)",
    re.IGNORECASE,
)
MAX_NOTICE_WORDS = 60


def is_cookie_notice(line: str) -> bool:
    return "cookie" in line.lower() and len(line.split()) <= MAX_NOTICE_WORDS and bool(_COOKIE_NOTICE.search(line))


_BREADCRUMB = re.compile(r"^[^|›»>]{1,40}(?:\s[|›»>]\s[^|›»>]{1,40}){2,}$")
_URL_LINE = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
# a full stop that ends a sentence, not an abbreviation ("Talks resume with the U.S.")
_SENTENCE_END = re.compile(r"(?<![.\s])(?<!\b[A-Z])\.[\"'’”)\]]*$")
MAX_TITLE_WORDS = 25


def is_header_junk(line: str) -> bool:
    """Page furniture that may open scraped text before the headline and is never a headline."""
    s = line.strip()
    return bool(
        _CHROME.match(s) or _TEMPLATE.search(s) or is_cookie_notice(s) or _BREADCRUMB.match(s)
        or _URL_LINE.match(s) or not any(ch.isalnum() for ch in s)
    )


def reads_like_headline(line: str) -> bool:
    """Short, and not a sentence: no final full stop ("Police arrested a man on Tuesday." is prose)."""
    s = line.strip()
    return 0 < len(s.split()) <= MAX_TITLE_WORDS and not _SENTENCE_END.search(s) and not is_header_junk(s)


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
    # only what is safe for every format here (JSON may hold U+2028 inside its strings): the
    # article parsers clean the text itself with clean_text
    return text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff\u200b\u2060")


def derive_id(path: Path | None, text: str) -> str:
    if path is not None:
        return path.stem
    return "stdin-" + hashlib.sha1(text.encode("utf-8", "replace")).hexdigest()[:10]


def parse_plain(text: str, id: str, path: str | None = None) -> Article:
    """Parse a .txt/.md article in the shape scraped news takes.

    Headline first, then optional byline ("By ..."), bullet highlights and a dateline
    ("Washington (CNN) --") before the body. Chrome lines are dropped.
    """
    text = clean_text(text)
    lines = [ln.rstrip() for ln in text.split("\n")]
    meta: dict[str, str] = {}
    title = byline = None
    title_line: int | None = None  # the line a headline was taken from (markdown headings aside)
    highlights: list[str] = []
    body_start = len(lines)
    i = 0
    # front matter ("Title: ...") only at the very top
    while i < len(lines) and (m := _FRONT.match(lines[i].strip())):
        key = m["key"].lower()
        meta["byline" if key == "author" else key] = _clean_value(m["value"])
        i += 1
    for j in range(i, len(lines)):
        s = lines[j].strip()
        if not s or _CHROME.match(s):
            continue
        if _skipped_in_header(s, before_title=title is None):
            continue  # unrendered template syntax, a cookie banner, a breadcrumb trail ...
        if title is None and "title" not in meta and not _BULLET.match(s) and not _BYLINE.match(s):
            h = _MD_HEADING.match(s)
            if h and len(h["text"].split()) <= MAX_TITLE_WORDS:
                title = h["text"].strip("*_ ")
                continue
            if not h and reads_like_headline(s.strip("*_ ")):
                title, title_line = s.strip("*_ "), j
                continue
            title = ""  # the text opens with prose: there is no headline to look for
        if (m := _FRONT.match(s)) and m["key"].lower() not in meta:  # "Source: BBC News" under the headline
            key = m["key"].lower()
            meta["byline" if key == "author" else key] = _clean_value(m["value"])
            continue
        if byline is None and (m := _BYLINE.match(s)):
            byline = m["by"].strip()
            continue
        if (m := _BULLET.match(lines[j])) and not _looks_like_body_started(lines, i, j, title):
            highlights.append(m["text"].strip())
            continue
        body_start = j
        break
    title = title or None
    body_lines = [ln for ln in lines[body_start:] if not _CHROME.match(ln.strip()) and not _only_template(ln)]
    body = "\n".join(body_lines).strip()
    body = re.sub(r"\n{3,}", "\n\n", body)
    if not body and title_line is not None:
        body, title = title, None  # a lone line is an article of one sentence, not a headline without a body
    body, dateline_source = strip_dateline(body)
    source = meta.get("source") or dateline_source
    if not body.strip():
        raise InputError(path, "no article text found")
    return Article(
        id=id, text=body, path=path, title=meta.get("title") or title,
        byline=meta.get("byline") or byline, date=meta.get("date"), source=source,
        url=meta.get("url"), highlights=highlights,
    )


def _skipped_in_header(line: str, before_title: bool = True) -> bool:
    """Lines the header parser passes over: template syntax and cookie banners anywhere in the
    header; before the headline also chrome, breadcrumbs, bare URLs and lines without a word."""
    return bool(_TEMPLATE.search(line)) or is_cookie_notice(line) or (before_title and is_header_junk(line))


def _only_template(line: str) -> bool:
    return bool(_TEMPLATE.search(line)) and not _TEMPLATE.sub("", line).strip()


def _looks_like_body_started(lines: list[str], first: int, j: int, title: str | None) -> bool:
    """Bullets count as highlights only before the first body paragraph."""
    for s in lines[first:j]:
        s = s.strip()
        if s and not _skipped_in_header(s) and not _BULLET.match(s) and not _BYLINE.match(s) and s.strip("#*_ ") != (title or ""):
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


# Paragraphs that point elsewhere rather than tell the story: "Read more: ...", "RELATED: ...",
# "Watch: ...", newsletter and sharing prompts. Sites put them inside the article body, where
# extraction cannot tell them from text (CNN's own stories carry "Read more:" lines).
_PROMO = re.compile(
    r"^(?:read more|more on this( story)?|related( stories| articles| coverage| content)?|see also|also read|"
    r"watch|listen|watch live|click here|sign up|subscribe|newsletter|follow us|share this( article| story)?|"
    r"advertisement|sponsored|recommended|most read|you may also like|more from \w+)\b\s*[:>|»-]",
    re.IGNORECASE,
)
_PROMO_WHOLE = re.compile(
    r"^(?:advertisement|sponsored content|share this (?:article|story)|copy link|read more|related stories|"
    r"sign up for our newsletter.*|accept all cookies|we use cookies.*|skip to (?:main )?content)\.?$",
    re.IGNORECASE,
)


def is_promo(paragraph: str) -> bool:
    """A short paragraph that promotes other pages (a cross-link, a sign-up or share prompt)."""
    p = paragraph.strip()
    if len(p.split()) > 40:
        return False
    return bool(_PROMO.match(p) or _PROMO_WHOLE.match(p))


def _no_categories(metatype: str, tree: object) -> list[str]:
    return []


def _no_license(tree: object) -> None:
    return None


def skip_unused_metadata(trafilatura_metadata: object) -> bool:
    """Make trafilatura's metadata pass skip what no Article field takes: categories, tags and
    the licence. It finds them by testing every link of the page against pattern lists, which
    is 18% of the extraction time on heavy news pages (measured on 313 pages: identical
    Articles, 12.8 s against 10.5 s). Title, author, date, site name and URL are untouched.
    Done once per process; a trafilatura without these functions is left alone (False)."""
    names = {"extract_catstags": _no_categories, "extract_license": _no_license}
    if not all(callable(getattr(trafilatura_metadata, n, None)) for n in names):
        return False
    for name, fn in names.items():
        current = getattr(trafilatura_metadata, name)
        if current is not fn:
            UNPATCHED_METADATA.setdefault(name, current)
            setattr(trafilatura_metadata, name, fn)
    return True


UNPATCHED_METADATA: dict[str, object] = {}  # trafilatura's own functions, for the test that compares


@functools.cache
def _light_metadata() -> bool:
    """skip_unused_metadata on trafilatura, once per process (an ImportError is not cached)."""
    import trafilatura.metadata

    return skip_unused_metadata(trafilatura.metadata)


def parse_html(html: str, id: str, path: str | None = None) -> Article:
    """Main text and metadata of an HTML page (trafilatura). Any failure is this page's InputError."""
    try:
        import trafilatura

        _light_metadata()
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, favor_precision=True)
    except ImportError as exc:
        # e.g. lxml 6 without lxml_html_clean: this page fails, named, not the run
        raise InputError(path, f"cannot parse HTML: {exc} (reinstall briefing's dependencies: pip install lxml_html_clean)") from None
    except Exception as exc:  # noqa: BLE001 - a parser crash on one page must not stop the others
        raise InputError(path, f"cannot parse HTML: {type(exc).__name__}: {exc}") from None
    if doc is None:
        raise InputError(path, "no article text found in HTML")
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = clean_text(data.get("text") or "").strip()
    if not text:
        raise InputError(path, "no article text found in HTML")
    # trafilatura keeps one paragraph per line; the rest of the tool expects blank lines
    text = "\n\n".join(p for p in (ln.strip() for ln in text.split("\n")) if p and not is_promo(p))
    if not text:
        raise InputError(path, "no article text found in HTML")
    title = _clean_value(data.get("title"))
    # the page's <h1> often opens the extracted text: it is the headline, not a sentence
    first, _, rest = text.partition("\n\n")
    if title and rest and _same_heading(first, title):
        text = rest.strip()
    return Article(
        id=id, text=text, path=path, title=title, byline=_clean_value(data.get("author")),
        date=data.get("date"), source=_clean_value(data.get("sitename") or data.get("hostname")), url=data.get("url"),
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
    meta = {k: (_clean_value(str(rec[k])) if rec.get(k) is not None else None) for k in META_KEYS}
    highlights = rec.get("highlights") or []
    text, dateline_source = strip_dateline(clean_text(text).strip())
    meta["source"] = meta["source"] or dateline_source
    art = Article(
        id=str(rid) if rid is not None else fallback_id, text=text.strip(), path=path,
        highlights=[h for h in (_clean_value(str(h)) for h in highlights) if h] if isinstance(highlights, list) else [],
        line=line, **meta,
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

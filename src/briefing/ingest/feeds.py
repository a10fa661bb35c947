"""Feeds (RSS, Atom; parsed by feedparser) and OPML subscription lists.

A response is a feed when its body is one (root element ``rss``, ``feed`` or ``rdf:RDF``) or
its media type says so; the URL does not decide. Each item becomes a :class:`FeedItem` with an
absolute http(s) link, or a :class:`~briefing.errors.FetchError` naming the feed and the item
(no link, a ``file:`` link, ...), so one bad item never costs the feed its other items.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from briefing.errors import FetchError, InputError

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+xml")
XML_TYPES = ("application/xml", "text/xml")
HTML_TYPES = ("text/html", "application/xhtml+xml")

_ROOT = re.compile(rb"^(?:\s|<\?xml[^>]*\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*<(?P<tag>[A-Za-z][\w:.-]*)", re.DOTALL)


def root_tag(body: bytes) -> str | None:
    """The first element's name in an XML/HTML body (BOM, declaration and comments skipped)."""
    head = body[:4096].lstrip(b"\xef\xbb\xbf")
    m = _ROOT.match(head)
    return m["tag"].decode("ascii", "replace").lower() if m else None


def kind_of(content_type: str, body: bytes) -> str:
    """``feed``, ``html`` or ``other``: from the body first, then the declared media type."""
    tag = root_tag(body)
    if tag in ("rss", "feed", "rdf:rdf"):
        return "feed"
    if tag == "html" or content_type in HTML_TYPES:
        return "html"
    if content_type in FEED_TYPES:
        return "feed"  # declared a feed, but its root is wrong: parsing will say what is wrong
    if content_type in XML_TYPES and tag is not None:
        return "feed"
    return "other"


@dataclass
class FeedItem:
    link: str
    title: str | None = None
    published: dt.datetime | None = None  # aware, UTC
    feed: str = ""  # the feed's URL


def _when(entry) -> dt.datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        t = entry.get(key)
        if t:
            try:
                return dt.datetime.fromtimestamp(calendar.timegm(t), tz=dt.timezone.utc)
            except (OverflowError, ValueError, TypeError):
                continue
    return None


def _link(entry) -> str | None:
    link = entry.get("link")
    if link and entry.get("guidislink") and link == entry.get("id") and not str(link).lower().startswith(("http://", "https://")):
        link = None  # feedparser's stand-in for a missing link: the entry's id (an urn:, a tag:)
    if link:
        return str(link).strip()
    for ln in entry.get("links") or []:
        if ln.get("href") and ln.get("rel", "alternate") == "alternate":
            return str(ln["href"]).strip()
    guid = entry.get("id")
    if guid and str(guid).lower().startswith(("http://", "https://")) and entry.get("guidislink", True):
        return str(guid).strip()
    return None


def parse_feed(body: bytes, url: str) -> tuple[str | None, list[FeedItem | FetchError]]:
    """The feed's title and its items in feed order. FetchError for a feed that cannot be read."""
    import feedparser

    parsed = feedparser.parse(body, response_headers={"content-location": url})
    version = parsed.get("version") or ""
    entries = parsed.get("entries") or []
    exc = parsed.get("bozo_exception") if parsed.get("bozo") else None
    broken = exc is not None and _is_xml_error(exc)
    if broken or (exc is not None and not entries):
        detail = getattr(exc, "getMessage", lambda: str(exc))()
        if not entries:
            raise FetchError(url, f"malformed feed: {detail}")
    if not version and not entries:
        raise FetchError(url, "not an RSS or Atom feed")
    title = (parsed.get("feed") or {}).get("title")
    items: list[FeedItem | FetchError] = []
    if broken and not any(_link(e) for e in entries):
        raise FetchError(url, f"malformed feed: {detail}")
    if broken:  # the items before the damage are kept; the feed is named as malformed
        items.append(FetchError(url, f"malformed feed: {detail} (only the items before it were read)"))
    for n, entry in enumerate(entries, start=1):
        name = entry.get("title") or entry.get("id") or ""
        label = f"item {n}" + (f" ({name[:60]!r})" if name else "")
        link = _link(entry)
        if not link:
            if not broken:  # in a damaged feed, the cut-off last item is part of the damage
                items.append(FetchError(url, f"{label} has no link"))
            continue
        scheme = urlsplit(link).scheme.lower()
        if scheme and scheme not in ("http", "https"):
            items.append(FetchError(link, f"{label} of feed {url}: only http(s) links are fetched, not {scheme}:"))
            continue
        absolute = urljoin(url, link)
        items.append(FeedItem(link=absolute.split("#", 1)[0], title=entry.get("title"), published=_when(entry), feed=url))
    return title, items


def _is_xml_error(exc: BaseException) -> bool:
    """A well-formedness error (the feed is damaged), not a mere encoding-declaration mismatch."""
    import xml.sax

    return isinstance(exc, xml.sax.SAXException) and not type(exc).__name__.startswith(("CharacterEncoding", "NonXMLContentType"))


def read_opml(path: str | Path) -> list[str]:
    """The feed URLs an OPML file lists (``xmlUrl`` of every outline, nested ones included)."""
    import xml.etree.ElementTree as ET

    name = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(name, f"cannot read: {exc.strerror or exc}") from None
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise InputError(name, f"malformed OPML: {exc}") from None
    if root.tag.lower() != "opml":
        raise InputError(name, f"not an OPML file (its root element is <{root.tag}>)")
    urls: list[str] = []
    for outline in root.iter("outline"):
        url = outline.get("xmlUrl") or outline.get("xmlurl") or outline.get("url")
        if url and url.strip() and url.strip() not in urls:
            urls.append(url.strip())
    if not urls:
        raise InputError(name, "the OPML file lists no feeds (no outline with an xmlUrl)")
    return urls

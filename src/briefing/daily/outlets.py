"""The outlet an article came from, as a reader knows it ("BBC News", not "bbc-claxton-medal").

In order: the article's ``source`` (metadata or the .jsonl field); the URL's host (known hosts
named, others shown as the bare host); an agency tag or byline in the text ("(CNN)",
"By Daily Mail Reporter"); an outlet prefix of the id or file stem ("bbc-...", "dm-test-...");
and only then the file stem itself.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from briefing.article import ArticleResult

KNOWN_HOSTS = {
    "cnn.com": "CNN", "edition.cnn.com": "CNN", "bbc.co.uk": "BBC News", "bbc.com": "BBC News",
    "dailymail.co.uk": "Daily Mail", "theguardian.com": "The Guardian", "nytimes.com": "The New York Times",
    "washingtonpost.com": "The Washington Post", "reuters.com": "Reuters", "apnews.com": "AP",
    "aljazeera.com": "Al Jazeera", "npr.org": "NPR", "ft.com": "Financial Times", "telegraph.co.uk": "The Telegraph",
    "independent.co.uk": "The Independent", "economist.com": "The Economist", "bloomberg.com": "Bloomberg",
    "wsj.com": "The Wall Street Journal", "foxnews.com": "Fox News", "nbcnews.com": "NBC News",
    "cbsnews.com": "CBS News", "abcnews.go.com": "ABC News", "politico.com": "Politico", "theverge.com": "The Verge",
    "arstechnica.com": "Ars Technica", "sky.com": "Sky News", "news.sky.com": "Sky News", "lemonde.fr": "Le Monde",
}
_PREFIXES = {"bbc": "BBC News", "cnn": "CNN", "dm": "Daily Mail", "dailymail": "Daily Mail", "guardian": "The Guardian",
             "reuters": "Reuters", "ap": "AP", "nyt": "The New York Times", "afp": "AFP"}
_TAGS = ((re.compile(r"\(CNN\)"), "CNN"), (re.compile(r"\((?:Reuters)\)"), "Reuters"), (re.compile(r"\(AP\)"), "AP"),
         (re.compile(r"\bBy (?:Daily Mail Reporter|Mail Online|MailOnline)\b|\bfor MailOnline\b", re.I), "Daily Mail"),
         (re.compile(r"\(AFP\)"), "AFP"))


def host_name(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = (urlsplit(url.strip()).hostname or "").lower()
    except ValueError:
        return None
    if not host:
        return None
    host = host[4:] if host.startswith("www.") else host
    parts = host.split(".")
    for i in range(len(parts) - 1):
        if (name := KNOWN_HOSTS.get(".".join(parts[i:]))):
            return name
    return host


def outlet(r: ArticleResult) -> tuple[str, str]:
    """(outlet name, how it was found: source|url|text|id|file)."""
    a = r.article
    if a.source and a.source.strip():
        return a.source.strip(), "source"
    if (h := host_name(a.url)):
        return h, "url"
    head = a.text[:400] + " " + (a.byline or "")
    for rx, name in _TAGS:
        if rx.search(head):
            return name, "text"
    stem = re.split(r"[-_ .]", (a.id or "").lower(), maxsplit=1)[0]
    if stem in _PREFIXES:
        return _PREFIXES[stem], "id"
    return a.id, "file"

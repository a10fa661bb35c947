"""The daily briefing: articles grouped into stories (briefing.daily/v1).

A reader wants each story told once, with every outlet that covered it cited, the biggest
stories first. So the day's articles are

1. embedded with MiniLM (headline + lead, and the long summary, averaged) and
2. clustered by average-linkage on cosine similarity (``STORY_THRESHOLD``); near-duplicates
   (the same text under two names, syndicated copies) are found by word shingles and always
   merged, whatever the encoder says;
3. ordered by importance: how many articles cover the story, then recency (when dates are
   known), then prominence (how much was written about it);
4. optionally sectioned by topic (a coarser clustering of the stories, labelled with keywords
   that come from the articles themselves) or by source.

The thresholds were chosen with ``benchmarks/story_threshold.py`` (see its docstring for the
figures): editor highlights vs. the article's lead stand in for "another outlet's account of
the same event", pairs of different CNN/DM articles for "different stories".
"""
from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any, Sequence
from urllib.parse import quote, urlsplit

import numpy as np

from briefing.article import ArticleResult
from briefing.daily.grouping import (
    STORY_THRESHOLD,
    average_linkage,
    cluster_articles,
    embed_results,
)

DAILY_SCHEMA = "briefing.daily/v1"

# Coarser: stories above this are put in one topic section by --group-by topic.
TOPIC_THRESHOLD = 0.35
WORDS_PER_MINUTE = 230
MAX_KEY_POINTS = 6
GROUP_BY = ("none", "topic", "source")
OTHER_TOPIC = "In other news"
UNKNOWN_SOURCE = "Other sources"

_WORD = re.compile(r"[\w'’-]+")
_ALPHA = re.compile(r"^[A-Za-z][A-Za-z'’-]*[A-Za-z]$")
_STOP = frozenset(
    """a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each even ever every few for from further get
    got had has have having he her here hers herself him himself his how however i if in into is it its itself
    just last like made make many may me might more most much must my myself new news no nor not now of off on
    once one only or other our ours ourselves out over own said same say says she should since so some such
    than that the their theirs them themselves then there these they this those through time to told too two
    under until up upon us very was we well were what when where which while who whom why will with would
    year years yet you your yours yourself week day days people first three back still way according cnn
    mail daily online told including around another being going want wants used told reported report reports
    mr mrs ms dr man woman men women per cent percent""".split()
)


# ---------------------------------------------------------------------------------------------
# Similarity
# ---------------------------------------------------------------------------------------------


# ---------------------------------------------------------------------------------------------
# Stories
# ---------------------------------------------------------------------------------------------


@dataclass
class StoryGroup:
    members: list[int]  # indices into results; members[0] is the lead article
    score: float
    date: dt.date | None


def parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    m = re.search(r"(\d{4})-(\d{2})-(\d{2})", value)
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def group_stories(results: Sequence[ArticleResult], emb: np.ndarray, threshold: float = STORY_THRESHOLD) -> list[StoryGroup]:
    """Cluster articles into stories, pick each story's lead article, order by importance."""
    if not results:
        return []
    clusters = cluster_articles(results, emb, threshold)
    words = np.array([max(int(r.stats.get("words") or len(r.article.text.split())), 1) for r in results], dtype=float)
    dates = [parse_date(r.article.date) for r in results]
    known = [d for d in dates if d]
    first, last = (min(known), max(known)) if known else (None, None)
    groups: list[StoryGroup] = []
    for c in clusters:
        # lead: the most central article (mean similarity to the others), titled ones preferred
        def centrality(i: int) -> tuple[float, int, int]:
            cen = float(np.mean(emb[c] @ emb[i])) if len(c) > 1 else 1.0
            return (round(cen, 3) + (0.05 if results[i].article.title else 0.0), int(words[i]), -i)

        lead = max(c, key=centrality)
        members = [lead] + [i for i in c if i != lead]
        story_dates = [dates[i] for i in c if dates[i]]
        latest = max(story_dates) if story_dates else None
        # recency counts only when the day's articles carry at least two different dates;
        # an undated story sits in the middle rather than being punished or promoted
        recency = 0.0
        if first and last and last > first:
            recency = (latest - first).days / (last - first).days if latest else 0.5
        prominence = math.log1p(words[c].sum()) / math.log1p(words.sum() or 1.0)
        groups.append(StoryGroup(members, score=len(c) + 0.5 * recency + 0.3 * prominence, date=latest))
    # importance first; ties keep the input order of the lead article
    groups.sort(key=lambda g: (-round(g.score, 6), min(g.members)))
    return groups


def headline(r: ArticleResult, max_words: int = 14) -> tuple[str, bool]:
    """The article's title, or one made from its short summary when it has none."""
    if r.article.title:
        return r.article.title, False
    text = " ".join((r.summary.short or r.article.text).split())
    words = text.split()
    if len(words) <= max_words:
        return text.rstrip("."), True
    cut = " ".join(words[:max_words])
    for sep in (" — ", " - ", " – ", ", ", "; "):
        pos = cut.rfind(sep)
        if pos > 30:
            return cut[:pos] + " …", True
    return cut.rstrip(",;:") + " …", True


def safe_link(url: str | None) -> str | None:
    """An http(s) URL safe to put in a Markdown link or an href; anything else (javascript:,
    data:, relative, spaces) gives no link at all."""
    if not url:
        return None
    url = url.strip()
    if any(ord(ch) < 33 or ch in "<>\"'`\\" for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    # parentheses and brackets would end a Markdown link early
    return quote(url, safe=":/?#@!$&+,;=%~.-_*")


def source_name(r: ArticleResult) -> str | None:
    a = r.article
    if a.source:
        return a.source
    if a.url and (link := safe_link(a.url)):
        host = urlsplit(link).hostname or ""
        return host[4:] if host.startswith("www.") else host or None
    return None


def _norm(text: str) -> str:
    return " ".join(w.lower() for w in _WORD.findall(text))


def _merge_points(results: Sequence[ArticleResult], limit: int = MAX_KEY_POINTS) -> list[str]:
    from briefing.summarize.keypoints import too_similar

    points: list[str] = []
    for r in results:
        for p in r.key_points:
            if p and not any(too_similar(p, q) for q in points):
                points.append(p)
    # the lead article's points come first; others add only what is new, within the limit.
    # A point that repeats a sentence of the long summary just above it is dropped when
    # enough others remain: the reader should not read the same sentence twice.
    summary = _norm(results[0].summary.long) if results else ""
    fresh = [p for p in points if _norm(p) not in summary]
    return (fresh if len(fresh) >= 2 else points)[:limit]


def _story_quotes(results: Sequence[ArticleResult]) -> list[dict[str, Any]]:
    """Attributed quotes of a story, lead article first, each text once."""
    seen: set[str] = set()
    out = []
    for r in results:
        for q in r.quotes:
            speaker = q.get("speaker")
            text = (q.get("text") or "").strip().rstrip(",")
            key = _norm(text)
            if not speaker or not key or key in seen:
                continue
            seen.add(key)
            out.append({"text": text, "speaker": speaker, "speaker_title": q.get("speaker_title"), "article_id": r.article.id})
    return out


# ---------------------------------------------------------------------------------------------
# Topics
# ---------------------------------------------------------------------------------------------


def _terms(text: str) -> list[str]:
    """Content words and two-word phrases (keeping their case for display)."""
    toks = [t.strip("'’-") for t in _WORD.findall(text)]
    toks = [t[:-2] if t.endswith(("'s", "’s")) else t for t in toks]
    words = [t for t in toks if _ALPHA.match(t) and t.lower() not in _STOP and len(t) > 2]
    out = list(words)
    for a, b in zip(toks, toks[1:]):
        if _ALPHA.match(a) and _ALPHA.match(b) and a.lower() not in _STOP and b.lower() not in _STOP and len(a) > 2 and len(b) > 2:
            out.append(f"{a} {b}")
    return out


def keywords(groups: Sequence[Sequence[str]], k: int = 3) -> list[list[str]]:
    """Top keywords per group of documents, by class-based TF-IDF over the day's articles:
    words frequent in this group and rare in the others. Proper nouns and phrases win ties
    because they name the story ("Nepal earthquake", not "buildings")."""
    docs = [[_terms(t) for t in g] for g in groups]
    n_docs = sum(len(g) for g in docs) or 1
    df: Counter[str] = Counter()
    surface: dict[str, Counter[str]] = {}
    for g in docs:
        for terms in g:
            for t in set(terms):
                df[t.lower()] += 1
            for t in terms:
                surface.setdefault(t.lower(), Counter())[t] += 1
    out = []
    for g in docs:
        tf: Counter[str] = Counter(t.lower() for terms in g for t in terms)
        in_docs: Counter[str] = Counter(t.lower() for terms in g for t in set(terms))
        need = 2 if len(g) > 1 else 1
        scored = []
        for t, c in tf.items():
            if in_docs[t] < need:
                continue
            idf = math.log((1 + n_docs) / (1 + df[t])) + 1.0
            form = surface[t].most_common(1)[0][0]
            bonus = 1.0 + 0.5 * (" " in t) + 0.3 * form[0].isupper()
            scored.append((c * idf * bonus, t))
        scored.sort(key=lambda x: (-x[0], x[1]))
        chosen: list[str] = []
        for _, t in scored:
            if any(t in c or c in t for c in chosen):
                continue
            chosen.append(t)
            if len(chosen) == k:
                break
        out.append([_display(surface[t].most_common(1)[0][0]) for t in chosen])
    return out


def _display(term: str) -> str:
    return term if any(ch.isupper() for ch in term) else term.capitalize()


# ---------------------------------------------------------------------------------------------
# The briefing
# ---------------------------------------------------------------------------------------------


def _words(*texts: str | None) -> int:
    return sum(len(t.split()) for t in texts if t)


def build_daily(
    results: Sequence[ArticleResult],
    date: dt.date | None = None,
    max_quotes: int = 3,
    group_by: str = "none",
    embeddings: np.ndarray | None = None,
    story_threshold: float = STORY_THRESHOLD,
    topic_threshold: float = TOPIC_THRESHOLD,
) -> dict[str, Any]:
    """The briefing.daily/v1 object: stories in presentation order, each article in exactly one.

    Beyond the contract's keys it carries what the templates show: ``sections`` (story indices
    per topic/source section), ``speakers`` (who said what), ``reading_minutes``, and per story
    ``keywords``, ``sources``, ``headline_derived``; per article ``link`` (a safe http(s) URL)
    and ``label``.
    """
    if group_by not in GROUP_BY:
        raise ValueError(f"group_by must be one of {', '.join(GROUP_BY)}, not {group_by!r}")
    date = date or dt.date.today()
    results = list(results)
    emb = embeddings if embeddings is not None else embed_results(results) if len(results) > 1 else np.ones((len(results), 1), dtype=np.float32)
    groups = group_stories(results, emb, story_threshold)
    story_kw = keywords([[_story_doc(results[i]) for i in g.members] for g in groups])

    stories = []
    for g, kw in zip(groups, story_kw):
        members = [results[i] for i in g.members]
        lead = members[0]
        title, derived = headline(lead)
        quotes = _story_quotes(members)
        articles = []
        for r in members:
            d = r.article
            articles.append({
                "id": d.id, "title": d.title, "source": d.source, "url": d.url, "path": d.path,
                "link": safe_link(d.url), "label": source_name(r) or d.id, "date": d.date,
            })
        labels = Counter(a["label"] for a in articles)
        for a in articles:
            if labels[a["label"]] > 1 and a["label"] != a["id"]:
                a["label"] = f"{a['label']} ({a['id']})"
        stories.append({
            "title": title,
            "summary": {"short": lead.summary.short, "long": lead.summary.long},
            "key_points": _merge_points(members),
            "quotes": quotes[:max_quotes],
            "articles": articles,
            "headline_derived": derived,
            "keywords": kw,
            "sources": sorted({s for r in members if (s := source_name(r))}),
            "date": g.date.isoformat() if g.date else None,
            "importance": round(g.score, 3),
            "_vec": emb[g.members].mean(axis=0) if len(emb) else None,
            "_all_quotes": quotes,
        })

    sections = _sections(stories, group_by, topic_threshold)
    order = [i for s in sections for i in s["stories"]]
    stories = [stories[i] for i in order]
    pos = {old: new for new, old in enumerate(order)}
    for s in sections:
        s["stories"] = [pos[i] for i in s["stories"]]
        if group_by == "topic":
            for i in s["stories"]:
                stories[i]["topic"] = s["title"]
    speakers = _speakers(stories, max_quotes)
    for s in stories:
        s.pop("_vec", None)
        s.pop("_all_quotes", None)
    words = _words(*(s["title"] for s in stories), *(s["summary"]["short"] for s in stories))
    for s in stories:
        words += _words(s["summary"]["long"], *s["key_points"], *(q["text"] for q in s["quotes"]))
    words += _words(*(q["text"] for sp in speakers for q in sp["quotes"]))
    return {
        "schema": DAILY_SCHEMA,
        "date": date.isoformat(),
        "stories": stories,
        "group_by": group_by,
        "sections": sections,
        "speakers": speakers,
        "article_count": len(results),
        "words": words,
        "reading_minutes": max(1, math.ceil(words / WORDS_PER_MINUTE)) if stories else 0,
    }


def _story_doc(r: ArticleResult) -> str:
    return " ".join([r.article.title or "", r.summary.long, *r.key_points])


def _sections(stories: list[dict[str, Any]], group_by: str, topic_threshold: float) -> list[dict[str, Any]]:
    """Sections in presentation order; each holds story indices (in importance order)."""
    idx = list(range(len(stories)))
    if group_by == "none" or not stories:
        return [{"title": None, "stories": idx}]
    if group_by == "source":
        by: dict[str, list[int]] = {}
        for i, s in enumerate(stories):
            lead = s["articles"][0]
            name = lead["source"] or (s["sources"][0] if s["sources"] else UNKNOWN_SOURCE)
            by.setdefault(name, []).append(i)
        names = sorted(by, key=lambda k: (k == UNKNOWN_SOURCE, -len(by[k]), min(by[k])))
        return [{"title": k, "stories": by[k]} for k in names]
    vecs = np.stack([s["_vec"] for s in stories])
    vecs = vecs / np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-9)
    topics = average_linkage(vecs @ vecs.T, topic_threshold) if len(stories) > 1 else [[0]]
    big = sorted([t for t in topics if len(t) > 1], key=min)  # by their most important story
    rest = sorted(i for t in topics if len(t) == 1 for i in t)
    docs = [[" ".join([stories[i]["title"], stories[i]["summary"]["long"], *stories[i]["key_points"]]) for i in t] for t in big]
    labels = keywords(docs + [[" ".join(s["summary"]["long"] for s in stories)]] if big else docs)
    sections = []
    used: Counter[str] = Counter()
    for t, kw in zip(big, labels):
        title = " · ".join(kw) if kw else f"Topic {len(sections) + 1}"
        used[title] += 1
        if used[title] > 1:
            title = f"{title} ({used[title]})"
        sections.append({"title": title, "stories": sorted(t), "keywords": kw})
    if rest:
        sections.append({"title": OTHER_TOPIC if big else "Stories", "stories": rest, "keywords": []})
    return sections


def _speakers(stories: list[dict[str, Any]], per_speaker: int) -> list[dict[str, Any]]:
    """Who said what across the day: speakers by number of quotes, each with the stories."""
    by: dict[str, dict[str, Any]] = {}
    for n, s in enumerate(stories, 1):
        for q in s["_all_quotes"]:
            key = _norm(q["speaker"])
            entry = by.setdefault(key, {"speaker": q["speaker"], "speaker_title": q["speaker_title"], "quotes": [], "count": 0, "first": n})
            entry["speaker_title"] = entry["speaker_title"] or q["speaker_title"]
            entry["count"] += 1
            if len(entry["quotes"]) < per_speaker:
                entry["quotes"].append({"text": q["text"], "story": n, "story_title": s["title"], "article_id": q["article_id"]})
    ordered = sorted(by.values(), key=lambda e: (-e["count"], e["first"]))
    for e in ordered:
        e.pop("first")
    return ordered

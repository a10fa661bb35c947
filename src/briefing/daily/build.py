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
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator, Sequence
from urllib.parse import quote, urlsplit

import numpy as np

from briefing.article import ArticleResult
from briefing.daily.grouping import (
    STORY_THRESHOLD,
    cluster_articles,
    cluster_vectors,
    embed_results,
)

DAILY_SCHEMA = "briefing.daily/v1"

# Coarser: stories above this are put in one topic section by --group-by topic.
TOPIC_THRESHOLD = 0.35
WORDS_PER_MINUTE = 230
DEFAULT_MINUTES = 5
# Stories whose candidate sentences are embedded together (memory: one chunk's, not the day's).
STORY_CHUNK = 256
# A story continues one of the previous briefing's when they share an article (id or URL) or
# their story vectors (mean MiniLM article vectors) reach this cosine. A day-later follow-up is
# further from yesterday's coverage than two same-day reports are from each other, so this is
# below STORY_THRESHOLD; among the 100 different cnndm-dev stories only 1 pair of 4,950 reaches
# it (docs/daily.md).
DEVELOPING_THRESHOLD = 0.55
MAX_KEY_POINTS = 6
GROUP_BY = ("desk", "topic", "source", "none")
ALSO_TODAY = "Also today"
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
    ranking: dict[str, float] = field(default_factory=dict)


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


# Importance = SOURCES_WEIGHT x outlets covering the story + ARTICLES_WEIGHT x further articles
#              + RECENCY_WEIGHT x recency (0..1) + PROMINENCE_WEIGHT x prominence (0..1).
SOURCES_WEIGHT, ARTICLES_WEIGHT, RECENCY_WEIGHT, PROMINENCE_WEIGHT = 1.0, 0.25, 0.5, 0.3


def group_stories(results: Sequence[ArticleResult], emb: np.ndarray, threshold: float = STORY_THRESHOLD) -> list[StoryGroup]:
    """Cluster articles into stories, pick each story's lead article, order by importance.

    Importance counts the outlets covering a story first (several outlets choosing to cover
    it is the strongest signal of news value), then extra articles, then recency (where the
    day's articles carry at least two different dates) and prominence (the share of the
    day's words written about it, log-scaled). The parts are kept in ``ranking``."""
    if not results:
        return []
    from briefing.daily.outlets import outlet

    clusters = cluster_articles(results, emb, threshold)
    words = np.array([max(int(r.stats.get("words") or len(r.article.text.split())), 1) for r in results], dtype=float)
    dates = [parse_date(r.article.date) for r in results]
    names = [outlet(r)[0] for r in results]
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
        recency = 0.0
        if first and last and last > first:
            recency = (latest - first).days / (last - first).days if latest else 0.5
        prominence = math.log1p(words[c].sum()) / math.log1p(words.sum() or 1.0)
        n_sources = len({names[i] for i in c})
        score = SOURCES_WEIGHT * n_sources + ARTICLES_WEIGHT * (len(c) - n_sources) + RECENCY_WEIGHT * recency + PROMINENCE_WEIGHT * prominence
        ranking = {"score": round(score, 3), "sources": n_sources, "articles": len(c), "recency": round(recency, 3), "prominence": round(prominence, 3)}
        groups.append(StoryGroup(members, score=score, date=latest, ranking=ranking))
    # importance first; ties keep the input order of the lead article
    groups.sort(key=lambda g: (-round(g.score, 6), min(g.members)))
    return groups


def headline(r: ArticleResult) -> tuple[str, bool]:
    """The article's title, or one made from its short summary when it has none."""
    from briefing.summarize.headline import article_headline

    return article_headline(r.article.title, r.summary.short, r.article.text)


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


def _static_encode(texts: list[str]) -> np.ndarray:
    from briefing.nlp.static_table import get_static_encoder

    if not texts:
        return np.zeros((0, 1), np.float32)
    v = get_static_encoder().encode(texts)
    return v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-9)


class _Previous:
    """The previous briefing's stories, indexed for matching (one matrix product per story)."""

    def __init__(self, previous: dict[str, Any] | None, dim: int):
        stories = (previous or {}).get("stories", [])
        self.by_id = {aid: k for k, ps in enumerate(stories) for aid in ps.get("article_ids", [])}
        self.by_url = {a["url"]: a.get("story") for a in (previous or {}).get("articles", []) if a.get("url")}
        rows = [np.asarray(ps.get("vector") or [], dtype=np.float32) for ps in stories]
        ok = [k for k, r in enumerate(rows) if r.shape == (dim,)]
        self.keys = np.array(ok, dtype=int)
        m = np.stack([rows[k] for k in ok]) if ok else np.zeros((0, dim), np.float32)
        self.matrix = m / np.maximum(np.linalg.norm(m, axis=1, keepdims=True), 1e-9)

    def match(self, vec: np.ndarray, ids: set[str], urls: set[str], threshold: float) -> int | None:
        """Index of the previous story this one continues: a shared article, else the most
        similar story vector at or above ``threshold``, else a shared URL; None when new."""
        for i in sorted(ids):
            if i in self.by_id:
                return self.by_id[i]
        if len(self.keys):
            v = vec / max(float(np.linalg.norm(vec)), 1e-9)
            sims = self.matrix @ v
            j = int(np.argmax(sims))
            if sims[j] >= threshold:
                return int(self.keys[j])
        for u in sorted(urls):
            if self.by_url.get(u) is not None:
                return int(self.by_url[u])
        return None


def _story_candidates(results: Sequence[ArticleResult], groups: Sequence[Any]) -> Iterator[tuple[list[Any], Callable[[str], np.ndarray | None]]]:
    """Per story, in order: its candidate sentences (each with its static vector) and a lookup
    of its key points' vectors. A chunk of stories is embedded in one static-table call; the
    whole day at once held every candidate's trigram set and vector together (+134 MB at 2,000
    articles; at 10,000 build_daily took peak RSS from 1.14 to 1.79 GB, docs/scale.md). Each
    text's static vector does not depend on the batch, so the briefing is the same."""
    from briefing.daily import story as st

    chunk = STORY_CHUNK
    for start in range(0, len(groups), chunk):
        part = groups[start : start + chunk]
        cand_lists = [st.candidates([results[i] for i in g.members]) for g in part]
        points_raw = [p for g in part for i in g.members for p in results[i].key_points]
        flat = [c.text for cl in cand_lists for c in cl]
        vecs = _static_encode(flat + points_raw) if flat or points_raw else np.zeros((0, 1))
        k = 0
        for cl in cand_lists:
            for c in cl:
                c.vec = vecs[k]
                k += 1
        point_vec = {t: vecs[len(flat) + j] for j, t in enumerate(points_raw)}
        yield from ((cl, point_vec.get) for cl in cand_lists)


def build_daily(
    results: Sequence[ArticleResult],
    date: dt.date | None = None,
    max_quotes: int = 3,
    group_by: str = "desk",
    embeddings: np.ndarray | None = None,
    story_threshold: float = STORY_THRESHOLD,
    topic_threshold: float = TOPIC_THRESHOLD,
    minutes: float | None = DEFAULT_MINUTES,
    previous: dict[str, Any] | None = None,
    keep_vectors: bool = False,
) -> dict[str, Any]:
    """The briefing.daily/v1 object: stories in presentation order, each article in exactly one.

    Per story, beyond the contract: ``section`` (its desk, topic or source section), ``desk``
    and ``desk_confidence``, ``status`` ("new"/"developing", against ``previous``, a
    ``daily.state`` snapshot of an earlier briefing in the same folder), ``treatment``
    ("full", or "brief": one line under "Also today" when past the ``minutes`` budget),
    ``ranking`` (the parts of its importance), ``summary.sentences`` (each with
    ``article_id`` and ``source``), ``points`` (key points with their article), ``speakers``
    (each once, with their quotes), ``figures_differ`` and ``sources``. Top level:
    ``sections`` (story indices per section, "Also today" last), ``reading_minutes``,
    ``budget_minutes``. With ``keep_vectors``, ``_vectors`` (one per story, for
    ``daily.state.snapshot``), which the caller pops before output.
    """
    from briefing.daily import story as st
    from briefing.daily.captions import is_caption
    from briefing.daily.desks import DESKS, FALLBACK_DESK, desk_text, story_desks
    from briefing.daily.outlets import outlet

    if group_by not in GROUP_BY:
        raise ValueError(f"group_by must be one of {', '.join(GROUP_BY)}, not {group_by!r}")
    date = date or dt.date.today()
    results = list(results)
    emb = embeddings if embeddings is not None else embed_results(results) if len(results) > 1 else np.ones((len(results), 1), dtype=np.float32)
    groups = group_stories(results, emb, story_threshold)
    story_kw = keywords([[_story_doc(results[i]) for i in g.members] for g in groups])
    found = [outlet(r) for r in results]
    labels_all = [name for name, _ in found]
    told_before = {st.norm(t) for ps in (previous or {}).get("stories", []) for t in ps.get("told", [])}
    seen_before = {a.get("id") for a in (previous or {}).get("articles", [])}

    desks = story_desks([[desk_text(results[i].article.title, results[i].article.text) for i in g.members] for g in groups]) if groups and group_by == "desk" else [(None, 0.0)] * len(groups)

    prev_index = _Previous(previous, emb.shape[1] if emb.ndim == 2 else 1)
    stories: list[dict[str, Any]] = []
    vectors: list[np.ndarray] = []
    for g, kw, (cl, vec_of), (desk, conf) in zip(groups, story_kw, _story_candidates(results, groups), desks):
        members = [results[i] for i in g.members]
        labels = [labels_all[i] for i in g.members]
        lead = members[0]
        title, derived = headline(lead)
        vec = emb[g.members].mean(axis=0) if len(emb) else np.zeros(1)
        ids = {r.article.id for r in members}
        prev_k = prev_index.match(vec, ids, {r.article.url for r in members if r.article.url}, DEVELOPING_THRESHOLD) if previous else None
        new_articles = {m for m, r in enumerate(members) if r.article.id not in seen_before} if prev_k is not None else set()
        # weight: the lead article first, the others by how central they are to the story
        weights = [1.0] + [0.6 + 0.4 * float(emb[g.members[0]] @ emb[i]) if len(emb) else 0.8 for i in g.members[1:]]
        if new_articles:  # a developing story tells what is new: nothing already told yesterday
            cl = [c for c in cl if st.norm(c.text) not in told_before]
        n_sent = min(3 + (len(set(labels)) > 1) + (len(set(labels)) > 2), 5)
        chosen = st.choose_summary(cl, weights, labels, n_sent, new_articles)
        if not chosen:  # everything was told before, or every sentence was filtered: fall back to the lead's summary
            chosen = [st.Candidate(t, 0, j, grams=st.trigrams(t)) for j, t in enumerate([lead.summary.short] if lead.summary.short else [])]
        sentences = [{"text": c.text, "article_id": members[c.article].article.id, "source": labels[c.article]} for c in chosen]
        points = st.merge_points(members, chosen, MAX_KEY_POINTS, vec_of, skip=told_before if new_articles else frozenset())
        if not points:  # a short article whose points are all in its summary: show them anyway
            points = [(p, 0) for p in lead.key_points[:MAX_KEY_POINTS] if not is_caption(p)]
        quotes, speakers = st.merge_quotes(members, labels)
        quoted = [st.norm(q["text"]) for sp in _cap_speakers(speakers, max_quotes) for q in sp["quotes"]]
        points = [(p, m) for p, m in points if not any(q and q in st.norm(p) for q in quoted)] or points
        articles = []
        for i, lab in zip(g.members, labels):
            d = results[i].article
            articles.append({
                "id": d.id, "title": d.title, "source": d.source, "url": d.url, "path": d.path,
                "link": safe_link(d.url), "label": lab, "outlet_from": found[i][1], "date": d.date,
            })
        if prev_k is not None and desk == FALLBACK_DESK and previous["stories"][prev_k].get("section") in DESKS:
            desk = previous["stories"][prev_k]["section"]  # a continuing story stays on yesterday's desk
        short = chosen[0].text if new_articles and chosen else (lead.summary.short or (chosen[0].text if chosen else ""))
        stories.append({
            "title": title,
            "summary": {"short": short, "long": " ".join(s["text"] for s in sentences), "sentences": sentences},
            "key_points": [p for p, _ in points],
            "points": [{"text": p, "article_id": members[m].article.id, "source": labels[m]} for p, m in points],
            "quotes": quotes[:max_quotes],
            "speakers": _cap_speakers(speakers, max_quotes),
            "articles": articles,
            "section": None,
            "desk": desk,
            "desk_confidence": round(conf, 3),
            "status": "developing" if prev_k is not None else "new",
            "previous": ({"date": previous.get("date"), "title": previous["stories"][prev_k]["title"]} if prev_k is not None else None),
            "new_articles": [members[m].article.id for m in sorted(new_articles)],
            "figures_differ": st.figure_conflicts(members, labels) if len(set(labels)) > 1 else [],
            "headline_derived": derived,
            "keywords": kw,
            "sources": sorted(set(labels)),
            "date": g.date.isoformat() if g.date else None,
            "importance": round(g.score, 3),
            "ranking": g.ranking,
            "_vec": vec,
        })

    _budget(stories, minutes)
    sections = _sections(stories, group_by, topic_threshold)
    order = [i for s in sections for i in s["stories"]]
    stories = [stories[i] for i in order]
    pos = {old: new for new, old in enumerate(order)}
    for s in sections:
        s["stories"] = [pos[i] for i in s["stories"]]
        for i in s["stories"]:
            if s["title"] != ALSO_TODAY:
                stories[i]["section"] = s["title"]
            if group_by == "topic":
                stories[i]["topic"] = s["title"]
    for s in stories:
        if s["section"] is None:
            s["section"] = s["desk"] if group_by == "desk" else None
        vectors.append(s.pop("_vec"))
    words = sum(s["_words"] for s in stories)
    for s in stories:
        s.pop("_words")
        s.pop("_full_words")
    out = {
        "schema": DAILY_SCHEMA,
        "date": date.isoformat(),
        "stories": stories,
        "group_by": group_by,
        "sections": sections,
        "article_count": len(results),
        "words": words,
        "reading_minutes": max(1, math.ceil(words / WORDS_PER_MINUTE)) if stories else 0,
        "budget_minutes": minutes,
        "previous": previous.get("date") if previous else None,
        "ranking": "importance = 1.0 x outlets + 0.25 x further articles + 0.5 x recency + 0.3 x prominence",
    }
    if keep_vectors:
        out["_vectors"] = vectors
    return out


def _cap_speakers(speakers: list[dict[str, Any]], max_quotes: int) -> list[dict[str, Any]]:
    out, n = [], 0
    for sp in speakers:
        if n >= max_quotes:
            break
        take = sp["quotes"][: max(1, min(2, max_quotes - n))]
        n += len(take)
        out.append({**sp, "quotes": take})
    return out


def _story_words(s: dict[str, Any], full: bool) -> int:
    if not full:
        return _words(s["title"], s["summary"]["short"]) + 3
    return _words(s["title"], s["summary"]["long"], *s["key_points"], *(q["text"] for sp in s["speakers"] for q in sp["quotes"])) + 6


def _budget(stories: list[dict[str, Any]], minutes: float | None) -> None:
    """Full treatment for the most important stories that fit in ``minutes`` (in importance
    order, stopping at the first that does not fit; the first story always gets it), one line
    each under "Also today" for the rest: nothing is dropped."""
    budget = None if minutes is None else minutes * WORDS_PER_MINUTE
    for s in stories:
        s["_full_words"] = _story_words(s, True)
        s["_words"] = _story_words(s, False)
        s["treatment"] = "brief"
    used = sum(s["_words"] for s in stories)
    for n, s in enumerate(stories):
        extra = s["_full_words"] - s["_words"]
        if budget is not None and n > 0 and used + extra > budget:
            break
        s["treatment"] = "full"
        s["_words"] = s["_full_words"]
        used += extra

def _story_doc(r: ArticleResult) -> str:
    return " ".join([r.article.title or "", r.summary.long, *r.key_points])


def _sections(stories: list[dict[str, Any]], group_by: str, topic_threshold: float) -> list[dict[str, Any]]:
    """Sections in presentation order, each holding story indices in importance order: the
    stories with full treatment by desk/topic/source, then "Also today" with the rest."""
    full = [i for i, s in enumerate(stories) if s.get("treatment", "full") == "full"]
    brief = [i for i, s in enumerate(stories) if s.get("treatment", "full") != "full"]
    sections = _group(stories, full, group_by, topic_threshold) if full else []
    if brief:
        sections.append({"title": ALSO_TODAY, "stories": brief, "brief": True})
    return sections or [{"title": None, "stories": []}]


def _group(stories: list[dict[str, Any]], idx: list[int], group_by: str, topic_threshold: float) -> list[dict[str, Any]]:
    from briefing.daily.desks import FALLBACK_DESK

    if group_by == "none":
        return [{"title": None, "stories": idx}]
    if group_by in ("source", "desk"):
        by: dict[str, list[int]] = {}
        for i in idx:
            s = stories[i]
            if group_by == "desk":
                name = s["desk"] or FALLBACK_DESK
            else:
                lead = s["articles"][0]
                name = lead["source"] or (lead["label"] if lead.get("outlet_from") not in (None, "file") else UNKNOWN_SOURCE)
            by.setdefault(name, []).append(i)
        last = FALLBACK_DESK if group_by == "desk" else UNKNOWN_SOURCE
        if group_by == "desk":  # desks in the order of their most important story
            names = sorted(by, key=lambda k: (k == last, min(by[k])))
        else:
            names = sorted(by, key=lambda k: (k == last, -len(by[k]), min(by[k])))
        return [{"title": k, "stories": by[k]} for k in names]
    vecs = np.stack([stories[i]["_vec"] for i in idx])
    vecs = vecs / np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-9)
    local = cluster_vectors(vecs, topic_threshold)  # average linkage without a stories x stories matrix
    topics = [[idx[j] for j in t] for t in local]
    big = sorted([t for t in topics if len(t) > 1], key=min)  # by their most important story
    rest = sorted(i for t in topics if len(t) == 1 for i in t)
    docs = [[" ".join([stories[i]["title"], stories[i]["summary"]["long"], *stories[i]["key_points"]]) for i in t] for t in big]
    labels = keywords(docs + [[" ".join(stories[i]["summary"]["long"] for i in idx)]] if big else docs)
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

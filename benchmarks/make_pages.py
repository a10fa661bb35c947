"""Make realistic, messy news pages from the shared article texts (for pages_bench.py and the tests).

Each page wraps one real article (CNN stories from ``cnn-train.jsonl``, BBC ones from
``bbc-train.jsonl``) in the chrome real news sites carry: navigation, a cookie banner, a
breaking-news ticker, share buttons, a "Related stories" box and a newsletter prompt in the
middle of the text, "Most read" lists, comments, a footer, scripts, styles and JSON-LD. Three
site layouts are rotated. Every chrome phrase is listed in ``BOILERPLATE`` so that a check can
tell whether any of it reached a summary, a key point or a quote.

    python benchmarks/make_pages.py --out /tmp/pages --n 144           # CNN and BBC alternating
    python benchmarks/make_pages.py --out tests/fixtures/web --n 24 --skip 5000
"""
from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import random
import re
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"

# Phrases that only the page chrome contains (lower-case); none of them is news.
BOILERPLATE = [
    "we use cookies", "accept all cookies", "manage preferences", "cookie policy",
    "sign up for our newsletter", "get the morning briefing", "enter your email", "unsubscribe at any time",
    "related stories", "more on this story", "most read", "you may also like", "recommended for you",
    "share this article", "copy link", "follow us on", "download our app", "advertisement",
    "skip to main content", "all rights reserved", "terms of use", "privacy notice",
    "comments are closed", "log in to comment", "breaking news:", "read more:", "watch live",
]

_NAV = ["Home", "World", "US", "Politics", "Business", "Tech", "Science", "Health", "Sport", "Culture", "Travel", "Video"]
_RELATED = [
    "Markets slide as investors weigh rate outlook", "Five things to know before the weekend",
    "Opinion: What the new budget means for families", "Storm warnings issued along the coast",
    "The celebrities who quit social media this year", "Scientists map a new deep-sea reef",
]


def _slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60] or "story"


def _paragraphs(text: str) -> list[str]:
    paras = [p.strip() for p in re.split(r"\n\s*\n|\n", text) if p.strip()]
    return paras


def _strip_dateline(p: str) -> str:
    return re.sub(r"^[A-Z][A-Za-z ,.'-]{0,40}\((CNN|AP|Reuters)\)\s*--\s*", "", p)


def rows(n: int, skip: int = 0, shared: Path = SHARED) -> list[dict]:
    """``n`` articles alternating CNN and BBC: {title, paragraphs, source, section}."""
    cnn, bbc = [], []
    with open(shared / "cnn-train.jsonl", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i < skip:
                continue
            r = json.loads(line)
            paras = [_strip_dateline(p) for p in _paragraphs(r["article"])]
            ref = [s.strip() for s in (r.get("reference") or "").split("\n") if s.strip()]
            words = sum(len(p.split()) for p in paras)
            if not ref or words < 250 or words > 1500:
                continue
            cnn.append({"title": ref[0].rstrip("."), "paragraphs": paras, "source": "CNN", "section": "World"})
            if len(cnn) >= n:
                break
    with open(shared / "bbc-train.jsonl", encoding="utf-8") as fh:
        lines = fh.readlines()
    order = list(range(len(lines)))
    random.Random(7 + skip).shuffle(order)
    for i in order:
        r = json.loads(lines[i])
        paras = _paragraphs(r["article"])
        if paras and paras[0].strip() == r["title"].strip():
            paras = paras[1:]
        if sum(len(p.split()) for p in paras) < 150:
            continue
        bbc.append({"title": r["title"], "paragraphs": paras, "source": "BBC News", "section": r.get("category", "news").title()})
        if len(bbc) >= n:
            break
    out = []
    for a, b in zip(cnn, bbc):
        out.extend([a, b])
    return out[:n]


_SVG = ('<svg class="icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true"><path d="M12 2C6.48 2 2 6.48 2 12s4.48 10 '
        '10 10 10-4.48 10-10S17.52 2 12 2zm0 18c-4.41 0-8-3.59-8-8s3.59-8 8-8 8 3.59 8 8-3.59 8-8 8zm-1-13h2v6h-2zm0 8h2v2h-2z"/></svg>')


def _heavy_chrome(rnd: random.Random, source: str) -> tuple[str, str, str]:
    """What makes real pages weigh 200-600 KB: a mega menu, app state in a script, link farms."""
    e = html.escape
    words = "world politics business climate health science tech markets europe asia africa americas middle-east sport football cricket tennis culture film music books travel food style video audio live".split()
    menu = []
    for w in words:
        subs = "".join(
            f'<li class="menu__item menu__item--sub"><a class="menu__link" data-track="nav-{w}-{j}" href="/{w}/{rnd.randrange(10**6)}">{_SVG}<span>{e(w.title())} {j}</span></a></li>'
            for j in range(14)
        )
        menu.append(f'<li class="menu__item"><a class="menu__link menu__link--top" href="/{w}">{e(w.title())}</a><div class="menu__panel"><ul class="menu__list">{subs}</ul></div></li>')
    mega = f'<div class="mega-menu" hidden><ul class="menu">{"".join(menu)}</ul></div>'
    state = {"props": {"pageProps": {"ads": [{"slot": f"div-gpt-{i}", "sizes": [[300, 250], [728, 90]], "targeting": {"kw": rnd.sample(words, 6)}} for i in range(120)],
                                     "trending": [{"id": rnd.randrange(10**9), "headline": " ".join(rnd.sample(words, 7)), "url": f"/news/{rnd.randrange(10**8)}"} for _ in range(300)]}}}
    script = f'<script id="__NEXT_DATA__" type="application/json">{json.dumps(state)}</script>'
    farm = "".join(f'<li><a href="/topics/{w}-{j}">{e(w)} {j}</a></li>' for w in words for j in range(8))
    footer_links = f'<div class="footer-links"><ul>{farm}</ul></div>'
    pixels = "".join(f'<img src="/px/{rnd.randrange(10**9)}.gif" width="1" height="1" alt="">' for _ in range(40))
    return mega, script + pixels, footer_links


def page(row: dict, k: int, when: dt.datetime, heavy: bool = True) -> str:
    """One article as a messy page; ``k`` picks the layout and varies the chrome."""
    e = html.escape
    title, paras, source = row["title"], row["paragraphs"], row["source"]
    rnd = random.Random(k)
    related = rnd.sample(_RELATED, 3)
    layout = k % 3
    byline = rnd.choice(["Jane Holloway", "Marcus Webb", "Priya Raman", "Tom O'Neill", "Ana Duarte"])
    iso = when.isoformat(timespec="seconds")
    nav = "".join(f'<li><a href="/{n.lower()}">{n}</a></li>' for n in _NAV)
    cookie = (
        '<div id="cookie-banner" class="consent"><p>We use cookies to improve your experience and for ads. '
        'See our <a href="/cookies">cookie policy</a>.</p><button>Accept all cookies</button><button>Manage preferences</button></div>'
    )
    ticker = '<div class="ticker"><strong>Breaking news:</strong> <a href="/live">Watch live coverage of the summit</a></div>'
    share = '<div class="share"><span>Share this article</span> <a href="#">Facebook</a> <a href="#">X</a> <a href="#">Copy link</a></div>'
    related_box = (
        '<aside class="related"><h3>Related stories</h3><ul>' + "".join(f'<li><a href="/news/{_slug(r)}">{e(r)}</a></li>' for r in related) + "</ul></aside>"
    )
    newsletter = (
        '<div class="newsletter-signup"><h4>Sign up for our newsletter</h4><p>Get the morning briefing in your inbox. '
        'Enter your email address below. You can unsubscribe at any time.</p><form><input type="email" placeholder="Enter your email"><button>Sign up</button></form></div>'
    )
    ad = '<div class="ad-slot"><span>Advertisement</span><iframe src="about:blank"></iframe></div>'
    body_parts = []
    for i, p in enumerate(paras):
        body_parts.append(f"<p>{e(p)}</p>")
        if i == 1:
            body_parts.append(ad)
        if i == 3:
            body_parts.append(related_box if layout != 1 else f'<p class="read-more"><strong>Read more:</strong> <a href="/news/x">{e(related[0])}</a></p>')
        if i == 6 and layout != 2:
            body_parts.append(newsletter)
    if layout == 2:
        body_parts.append(newsletter)
    body = "\n".join(f'<div class="para-wrap"><div class="block block--text">{b}</div></div>' if b.startswith("<p>") else b for b in body_parts)
    mega, scripts, farm = _heavy_chrome(rnd, source) if heavy else ("", "", "")
    most_read = '<section class="most-read"><h2>Most read</h2><ol>' + "".join(f"<li><a href='/n/{j}'>{e(r)}</a></li>" for j, r in enumerate(_RELATED)) + "</ol></section>"
    footer = (
        f'<footer><p>Follow us on <a href="#">Instagram</a> and <a href="#">YouTube</a>. Download our app.</p>'
        f'<p>&copy; 2026 {e(source)}. All rights reserved. <a href="/terms">Terms of Use</a> <a href="/privacy">Privacy Notice</a></p></footer>'
    )
    comments = '<section id="comments"><h3>Comments</h3><p>Comments are closed for this story. Log in to comment on other stories.</p></section>'
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": title, "datePublished": iso,
                     "author": {"@type": "Person", "name": byline}, "publisher": {"@type": "Organization", "name": source}})
    header_time = f'<time datetime="{iso}">{when.strftime("%d %B %Y")}</time>'
    if layout == 0:
        article = (f'<article><header><h1>{e(title)}</h1><p class="byline">By {e(byline)}, {e(source)}</p>{header_time}{share}</header>'
                   f'<div class="article-body">{body}</div>{share}</article>')
    elif layout == 1:
        article = (f'<main id="main"><div class="story"><span class="section">{e(row["section"])}</span><h1 class="headline">{e(title)}</h1>'
                   f'<div class="meta"><span class="author">{e(byline)}</span> {header_time}</div>{share}<div class="story-body">{body}</div></div>'
                   f'<div class="sidebar">{most_read}</div></main>')
    else:
        article = (f'<div id="content"><div class="col-main"><h1>{e(title)}</h1><div class="dateline">{header_time} | {e(source)}</div>'
                   f'<div class="text">{body}</div>{share}</div><div class="col-side">{related_box}{most_read}</div></div>')
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{e(title)} - {e(source)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta property="og:title" content="{e(title)}"><meta property="og:site_name" content="{e(source)}">
<meta property="article:published_time" content="{iso}"><meta name="author" content="{e(byline)}">
<script type="application/ld+json">{ld}</script>
<style>body{{font-family:sans-serif}} .consent{{position:fixed;bottom:0}} .ad-slot{{min-height:250px}}</style>
<script>window.dataLayer=window.dataLayer||[];function gtag(){{dataLayer.push(arguments)}}gtag('js',new Date());</script>
</head><body>
<a class="skip" href="#main">Skip to main content</a>
{cookie}
<header class="site"><div class="logo">{e(source)}</div><nav><ul>{nav}</ul></nav>{mega}<a href="/login">Sign in</a></header>
{ticker}
{article}
{most_read if layout == 0 else ''}
{comments if layout != 1 else ''}
{farm}
{footer}
{scripts}
<script src="/static/app.js"></script>
</body></html>
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--n", type=int, default=144)
    ap.add_argument("--skip", type=int, default=0, help="skip the first N CNN rows (another slice)")
    ap.add_argument("--shared", type=Path, default=SHARED)
    ap.add_argument("--light", action="store_true", help="without the heavy chrome (small pages, for test fixtures)")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    base = dt.datetime(2026, 11, 30, 6, 0, tzinfo=dt.timezone.utc)
    for k, row in enumerate(rows(args.n, args.skip, args.shared)):
        when = base - dt.timedelta(hours=3 * k)
        name = f"{k:03d}-{'cnn' if row['source'] == 'CNN' else 'bbc'}-{_slug(row['title'])[:40]}.html"
        (args.out / name).write_text(page(row, k, when, heavy=not args.light), encoding="utf-8")
    print(f"wrote {args.n} pages to {args.out}")


if __name__ == "__main__":
    main()
